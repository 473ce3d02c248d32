/* cmd-lint.c: `kefu lint`, a reply or a file of replies checked against
 * the shop's rule lists (违禁词), as chat scenarios check every reply. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chat.h"
#include "kb.h"
#include "kefu.h"
#include "priv.h"
#include "text.h"

/* Replies and files of them are short; a larger file is not replies. */
#define LINT_FILE_MAX (16 << 20)

/* The column (in characters, from 1) where word's first match begins in
 * line: folding keeps one character for one, so the folded line's count
 * is the line's. */
static int
column_of(const char *line, const char *folded_word)
{
	char *f = kb_fold(line), *hit = strstr(f, folded_word);
	int col = 1;

	if (hit) {
		*hit = '\0';
		col = (int)text_chars(f) + 1;
	}
	free(f);
	return col;
}

/* Checks one line; prints each hit, FILE:LINE:COL first when there is a
 * file. Returns the hits. */
static size_t
lint_line(struct kefu *k, const struct rule_list **lists, size_t n, const char *file,
	  size_t lineno, const char *line)
{
	struct chat_hit *hits = NULL;
	size_t nhits = 0, i;

	chat_rule_hits(lists, n, line, &hits, &nhits);
	for (i = 0; i < nhits; i++) {
		struct sb sb = SB_INIT;

		if (file)
			sb_addf(&sb, "%s:%zu:%d: ", file, lineno, column_of(line, hits[i].folded));
		sb_adds(&sb, "“");
		text_inert(&sb, hits[i].word, false);
		sb_addf(&sb, "” (%s%s%s): ", k->color ? "\033[2m" : "", hits[i].list,
			k->color ? "\033[0m" : "");
		text_inert(&sb, hits[i].why, false);
		puts(sb_str(&sb));
		sb_free(&sb);
	}
	chat_hits_free(hits, nhits);
	return nhits;
}

/* Every line of text (a file's, or stdin's). */
static size_t
lint_text(struct kefu *k, const struct rule_list **lists, size_t n, const char *file,
	  char *text)
{
	size_t hits = 0, lineno = 1;
	char *line = text, *nl;

	for (; line && *line; line = nl ? nl + 1 : NULL, lineno++) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		if (nl && nl > line && nl[-1] == '\r')
			nl[-1] = '\0';
		hits += lint_line(k, lists, n, file, lineno, line);
	}
	return hits;
}

static int
lint_file(struct kefu *k, const struct rule_list **lists, size_t n, const char *path,
	  size_t *hits)
{
	const char *why;
	char *buf;
	size_t len, bad;
	int rc;

	/* a file the user names is read with their own rights */
	priv_user();
	rc = read_regular_file(path, LINT_FILE_MAX, &buf, &len, &why);
	priv_group();
	if (rc != 0) {
		error(_("cannot read '%s': %s"), path, why);
		return 2;
	}
	if (!text_valid(buf, len, &bad) || memchr(buf, '\0', len)) {
		error(_("'%s' is not UTF-8 text (byte %zu)"), path, bad + 1);
		free(buf);
		return 2;
	}
	*hits = lint_text(k, lists, n, path, len > 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ?
			  buf + 3 : buf);
	free(buf);
	return 0;
}

static int
cmd_lint(struct kefu *k, int argc, char **argv)
{
	struct content *c = kefu_content(k);
	const char *ruleset = NULL;
	const struct rule_list **lists;
	const struct cmd_opt opts[] = {
		{ "--rules", &ruleset, NULL },
		{ NULL, NULL, NULL }
	};
	char *pos[1];
	size_t n = 0, hits = 0, i;
	int npos, status;
	struct stat sb;

	if ((status = cmd_parse(&cmd_lint_entry, argc, argv, opts, pos, 1, &npos)) != 0)
		return status;
	lists = xcalloc(c->nrule_lists + 1, sizeof(*lists));
	if (ruleset) {
		if ((lists[0] = content_rule_list(c, ruleset)) == NULL) {
			const char **ids;
			size_t nids = content_ids(c, KIND_RULES, &ids);

			kefu_unknown(_("rule list"), "", ruleset, ids, nids,
				     _("'kefu list rules' shows them"));
			free(ids);
			free(lists);
			return 2;
		}
		n = 1;
	} else
		for (i = 0; i < c->nrule_lists; i++)
			lists[n++] = c->rule_lists[i];
	if (n == 0) {
		error(_("the content has no rule lists (rules/*.yaml)"));
		free(lists);
		return 2;
	}
	priv_user();
	status = npos == 1 && stat(pos[0], &sb) == 0 && !S_ISDIR(sb.st_mode);
	priv_group();
	if (status)
		status = lint_file(k, lists, n, pos[0], &hits);
	else if (npos == 1)
		hits = lint_line(k, lists, n, NULL, 1, pos[0]);
	else {
		/* replies on stdin, a line each */
		struct sb in = SB_INIT;
		char buf[4096];
		size_t got;

		while ((got = fread(buf, 1, sizeof(buf), stdin)) > 0 && in.len < LINT_FILE_MAX)
			sb_add(&in, buf, got);
		hits = lint_text(k, lists, n, "-", in.buf ? in.buf : (char *)"");
		sb_free(&in);
	}
	free(lists);
	if (status)
		return status;
	return hits ? 1 : 0;
}

static const char *const lint_words[] = { "--rules", NULL };

const struct cmd cmd_lint_entry = {
	.name = "lint",
	.usage = "[--rules LIST] [TEXT | FILE]",
	.summary = N_("check a reply against the shop's rule lists (违禁词)"),
	.help = N_("Checks TEXT, every line of FILE, or every line of standard input,\n"
		"against the rule lists of the content (rules/*.yaml), or only the\n"
		"list --rules names. Each word found is shown with its list and why\n"
		"it is not to be written; in a file, as FILE:LINE:COLUMN. A word\n"
		"matches anywhere, whatever the width or case, as chat scenarios\n"
		"check replies. An argument that names a file is read as one (with\n"
		"your own rights); any other is the text.\n"
		"\n"
		"Exit status: 0 nothing found, 1 a word found, 2 an error.\n"
		"\n"
		"  --rules LIST   only this rule list\n"),
	.arg = ARG_FILE,
	.words = lint_words,
	.fn = cmd_lint,
};
