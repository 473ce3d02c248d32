/* cmd-import.c: `kefu import`, a question bank kept in another tool (an
 * Excel 题库 sheet, GIFT, Moodle XML, Aiken) made a quiz file. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ask.h"
#include "bank/bank.h"
#include "diag.h"
#include "kefu.h"
#include "priv.h"
#include "text.h"
#include "ydoc.h"

/* The largest bank read: a Moodle XML export of 20 000 questions is
 * some 20 MiB (the bundled banks are under 40 KiB); images a Moodle
 * file may hold as base64 take more. */
#define IMPORT_MAX (64u << 20)

static const char *const format_titles[] = {
	[BANK_EXCEL_CSV] = N_("an Excel sheet saved as CSV"),
	[BANK_GIFT] = "GIFT",
	[BANK_MOODLE_XML] = "Moodle XML",
	[BANK_AIKEN] = "Aiken",
	[BANK_YAML] = N_("a kefu quiz file"),
};

/* The quiz id a file's name gives: its base name without the
 * extension, lowercased, anything else than a letter or digit a '-'
 * (题库.csv gives nothing: "imported"). */
static char *
id_from_name(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	struct sb sb = SB_INIT;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	for (; *base && base != dot; base++) {
		char c = *base;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			sb_addc(&sb, c);
		else if (sb.len && sb.buf[sb.len - 1] != '-')
			sb_addc(&sb, '-');
	}
	while (sb.len && sb.buf[sb.len - 1] == '-')
		sb.buf[--sb.len] = '\0';
	if (sb.len == 0)
		sb_adds(&sb, "imported");
	return sb_detach(&sb);
}

static char *
title_from_name(const char *path)
{
	const char *base = strrchr(path, '/'), *dot;
	char *t;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	t = bank_str(base, dot && dot > base ? (size_t)(dot - base) : strlen(base));
	return t ? t : xstrdup("imported");
}

/* A file's name as messages show it: control characters made inert. */
static char *
shown(const char *path)
{
	struct sb sb = SB_INIT;

	text_inert(&sb, path, false);
	return sb_detach(&sb);
}

static int
note_cmp(const void *a, const void *b)
{
	const struct bank_note *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	/* notes of one line in the order they were added */
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Says every note, by line: FILE:LINE:COL: what. */
void
import_notes(struct bank *b, const char *file)
{
	size_t i;

	if (b->nnotes > 1)
		qsort(b->notes, b->nnotes, sizeof(*b->notes), note_cmp);
	for (i = 0; i < b->nnotes; i++) {
		const struct bank_note *n = &b->notes[i];
		struct sb sb = SB_INIT;

		text_inert(&sb, file, false);
		if (n->line)
			sb_addf(&sb, ":%u", n->line);
		if (n->line && n->col)
			sb_addf(&sb, ":%u", n->col);
		sb_adds(&sb, ": ");
		switch (n->kind) {
		case BANK_SKIPPED:
			sb_adds(&sb, _("left out: "));
			break;
		case BANK_LOSS:
			sb_adds(&sb, _("note: "));
			break;
		case BANK_ERROR:
			break;
		}
		text_inert(&sb, n->what, false);
		fprintf(stderr, "%s\n", sb_str(&sb));
		sb_free(&sb);
	}
}

/* Reads a kefu quiz file, for a round trip of one: its quiz's own
 * questions. */
static int
read_yaml(struct bank *b, const char *name, const char *buf, size_t n)
{
	struct content *c = content_new();
	struct diag d = DIAG_INIT(stderr);
	int rc = 0;

	if (content_load_buffer(c, name, buf, n, &d) != 0 || d.errors || c->nquizzes != 1) {
		if (d.errors == 0)
			bank_note(b, BANK_ERROR, 0, 0, "%s", _("not a quiz file"));
		rc = -1;
	} else
		bank_from_quiz(b, c->quizzes[0]);
	content_free(c);
	return rc;
}

static int
read_bank(struct bank *b, enum bank_format f, const char *name, const char *buf, size_t n)
{
	if (f == BANK_YAML)
		return read_yaml(b, name, buf, n);
	return bank_import(b, f, buf, n);
}

/* The name the quiz file made goes by while it is checked. */
#define CHECK_NAME "import.yaml"

/* The question of the quiz file made that line falls in: the last whose
 * first line is at or before it; -1 before the first. */
static long
question_at(const unsigned *lines, size_t n, unsigned line)
{
	size_t lo = 0, hi = n;

	if (n == 0 || line < lines[0])
		return -1;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (lines[mid] <= line)
			lo = mid;
		else
			hi = mid;
	}
	return (long)lo;
}

/* Loads the quiz file made, as `kefu check` would. A question the
 * loader refuses (a unit it does not take, say) is left out with the
 * loader's words, and *again set so the file is made anew; anything
 * else wrong refuses the whole file (-1, having said so). 0 when it
 * loads. */
static int
check_written(struct bank *b, const char *yaml, size_t n, const unsigned *lines, bool *again)
{
	struct content *c = content_new();
	char *said = NULL, *line, *next;
	size_t saidlen = 0;
	FILE *mem = open_memstream(&said, &saidlen);
	struct diag d = DIAG_INIT(mem);
	bool *drop = xcalloc(b->n + 1, sizeof(*drop));
	size_t i, k;
	int rc = 0;

	if (mem == NULL)
		die(_("out of memory"));
	*again = false;
	content_load_buffer(c, CHECK_NAME, yaml, n, &d);
	fclose(mem);
	content_free(c);
	for (line = said; d.errors && line && *line; line = next) {
		unsigned at = 0;
		char *msg = NULL;
		long q = -1;

		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (strncmp(line, CHECK_NAME ":", strlen(CHECK_NAME ":")) == 0 &&
		    sscanf(line + strlen(CHECK_NAME ":"), "%u", &at) == 1 &&
		    (msg = strstr(line + strlen(CHECK_NAME ":"), ": ")) != NULL)
			q = question_at(lines, b->n, at);
		if (q < 0) {
			fprintf(stderr, "%s\n", line);
			rc = -1;
			continue;
		}
		if (!drop[q])
			bank_note(b, BANK_SKIPPED, b->q[q].line, 0, "%s", msg + 2);
		drop[q] = true;
	}
	free(said);
	if (rc == 0 && d.errors) {
		/* leave out the questions refused, keeping the others' order */
		for (i = 0, k = 0; i < b->n; i++) {
			if (drop[i]) {
				struct bank_q gone = b->q[i];

				memmove(&b->q[i], &b->q[i + 1], (b->n - i - 1) * sizeof(*b->q));
				memmove(&drop[i], &drop[i + 1], (b->n - i - 1) * sizeof(*drop));
				b->q[b->n - 1] = gone;
				bank_drop_last(b);
				i--;
				k++;
			}
		}
		*again = k > 0;
	}
	free(drop);
	if (rc != 0)
		error(_("the quiz file made of it does not pass 'kefu check' (above): nothing written"));
	return rc;
}

/* The quiz file's first line: where it came from, the name inert and
 * on one line. */
static void
import_head(struct sb *yaml, const char *path, enum bank_format f)
{
	struct sb name = SB_INIT, head = SB_INIT;
	size_t i;

	text_inert(&name, path, false);
	sb_addf(&head, _("made by kefu import from %s (%s)"), sb_str(&name), _(format_titles[f]));
	for (i = 0; i < head.len; i++)
		if ((unsigned char)head.buf[i] < 0x20)
			head.buf[i] = '?';
	sb_addf(yaml, "# %s\n", sb_str(&head));
	sb_free(&name);
	sb_free(&head);
}

static void
say_counts(const struct bank *b, const char *file, enum bank_format f, const char *out,
	   size_t skipped)
{
	size_t count[Q_ESSAY + 1] = { 0 }, i;
	struct sb sb = SB_INIT;

	for (i = 0; i < b->n; i++)
		count[b->q[i].type]++;
	for (i = 0; i <= Q_ESSAY; i++)
		if (count[i])
			sb_addf(&sb, "%s%s %zu", sb.len ? _(", ") : "", ask_type_label((enum qtype)i),
				count[i]);
	fprintf(stderr, P_("%s (%s, %s): %zu question converted (%s)", "%s (%s, %s): %zu questions converted (%s)", b->n),
		file, _(format_titles[f]), b->encoding, b->n, sb_str(&sb));
	if (skipped)
		fprintf(stderr, P_("; %zu left out", "; %zu left out", skipped), skipped);
	if (out)
		fprintf(stderr, _("; written to %s"), out);
	fputc('\n', stderr);
	sb_free(&sb);
}

/* Reads the file a user names with their own rights ("-" is stdin). */
static int
read_input(const char *path, char **buf, size_t *len)
{
	const char *why;
	int rc;

	if (strcmp(path, "-") == 0) {
		struct sb in = SB_INIT;
		char chunk[8192];
		size_t got;

		while ((got = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
			if (in.len + got > IMPORT_MAX) {
				sb_free(&in);
				return error(_("standard input is over %u MiB: no question bank"),
					     IMPORT_MAX >> 20);
			}
			sb_add(&in, chunk, got);
		}
		*len = in.len;
		*buf = in.buf ? sb_detach(&in) : xstrdup("");
		return 0;
	}
	priv_user();
	rc = read_regular_file(path, IMPORT_MAX, buf, len, &why);
	priv_group();
	if (rc != 0) {
		char *name = shown(path);

		if (strcmp(why, _("file too large")) == 0)
			error(_("cannot read '%s': over %u MiB, no question bank kefu reads"), name,
			      IMPORT_MAX >> 20);
		else
			error(_("cannot read '%s': %s"), name, why);
		free(name);
		return -1;
	}
	return 0;
}

int
import_refuse_existing(const char *path, bool force)
{
	struct stat st;
	int there;

	if (path == NULL || force)
		return 0;
	priv_user();
	there = lstat(path, &st) == 0;	/* a link, even one to nothing */
	priv_group();
	if (there) {
		char *name = shown(path);

		error(_("'%s' exists: give another name, or --force to replace it"), name);
		free(name);
		return -1;
	}
	return 0;
}

static int
write_output(const char *path, const char *text, size_t n, bool force)
{
	int rc;

	if (import_refuse_existing(path, force) != 0)
		return -1;
	priv_user();
	rc = write_atomic(path, text, n, 0644, true);
	priv_group();
	if (rc != 0) {
		char *name = shown(path);

		error(_("cannot write '%s': %s"), name, strerror(errno));
		free(name);
		return -1;
	}
	return 0;
}

static int
cmd_import(struct kefu *k, int argc, char **argv)
{
	const char *fmt = NULL, *quiz = NULL, *title = NULL, *out = NULL, *out2 = NULL;
	bool template = false, force = false;
	const struct cmd_opt opts[] = {
		{ "--format", &fmt, NULL },
		{ "--quiz", &quiz, NULL },
		{ "--title", &title, NULL },
		{ "-o", &out, NULL },
		{ "--output", &out2, NULL },
		{ "--force", NULL, &force },
		{ "--template", NULL, &template },
		{ NULL, NULL, NULL }
	};
	struct bank b = BANK_INIT;
	struct sb yaml = SB_INIT;
	char *pos[1], *buf = NULL, *qid = NULL, *qtitle = NULL, *name_shown = NULL;
	char *out_shown = NULL;
	size_t len, skipped = 0, i;
	int npos, status, f = BANK_EXCEL_CSV, made;
	bool guessed = false;

	(void)k;
	if ((status = cmd_parse(&cmd_import_entry, argc, argv, opts, pos, 1, &npos)) != 0)
		return status;
	if (out2)
		out = out2;
	if (template) {
		struct sb sb = SB_INIT;

		if (npos) {
			error(_("--template takes no file"));
			return 2;
		}
		bank_csv_template(&sb);
		if (out)
			status = write_output(out, sb_str(&sb), sb.len, force) ? 2 : 0;
		else
			fwrite(sb_str(&sb), 1, sb.len, stdout);
		sb_free(&sb);
		return status;
	}
	if (npos != 1)
		return cmd_usage(&cmd_import_entry);
	if (fmt && ((f = bank_format_parse(fmt)) < 0 || f == BANK_YAML)) {
		error(_("no format '%s': excel-csv, gift, moodle-xml or aiken"), fmt);
		return 2;
	}
	if (quiz && !bank_is_id(quiz)) {
		error(_("quiz id '%s' must be lowercase letters, digits and '-'"), quiz);
		return 2;
	}
	if (import_refuse_existing(out, force) != 0 || read_input(pos[0], &buf, &len) != 0)
		return 2;
	name_shown = shown(pos[0]);
	out_shown = out ? shown(out) : NULL;
	if (fmt == NULL) {
		const char *name = strcmp(pos[0], "-") ? pos[0] : NULL;

		f = (int)bank_guess(name, buf, len);
		guessed = bank_format_of_name(name) < 0;	/* by its text */
	}
	if (guessed)
		fprintf(stderr, _("%s: read as %s (--format FORMAT if it is not)\n"), name_shown,
			_(format_titles[f]));
	if (read_bank(&b, (enum bank_format)f, pos[0], buf, len) == 0)
		bank_check(&b);
	qid = quiz ? xstrdup(quiz) : id_from_name(strcmp(pos[0], "-") ? pos[0] : "imported");
	qtitle = title ? bank_str(title, strlen(title)) : b.title ? xstrdup(b.title) :
	    title_from_name(pos[0]);
	if (qtitle == NULL)
		qtitle = xstrdup(qid);
	/* made, and made again without a question the loader refused */
	for (made = 0; b.n > 0 && made == 0;) {
		unsigned *lines = xcalloc(b.n + 1, sizeof(*lines));
		bool again = false;

		sb_reset(&yaml);
		import_head(&yaml, pos[0], (enum bank_format)f);
		bank_write_yaml(&b, qid, qtitle, &yaml, lines);
		if (yaml.len > YDOC_MAX_BYTES)
			made = -2;
		else if (check_written(&b, sb_str(&yaml), yaml.len, lines, &again) != 0)
			made = -1;
		else if (!again)
			made = 1;
		free(lines);
	}
	for (i = 0; i < b.nnotes; i++)
		skipped += b.notes[i].kind == BANK_SKIPPED;
	import_notes(&b, pos[0]);
	if (made == -2)
		error(_("the quiz file made would be %zu MiB; kefu reads one of %u MiB at most: make several (--quiz) of parts of the bank"),
		      (yaml.len + (1u << 20) - 1) >> 20, YDOC_MAX_BYTES >> 20);
	if (made < 0) {
		status = 1;
		goto done;
	}
	if (b.n == 0) {
		error(_("%s: no question converted: nothing written"), name_shown);
		status = 1;
		goto done;
	}
	if (out && write_output(out, sb_str(&yaml), yaml.len, force) != 0) {
		status = 2;
		goto done;
	}
	if (out == NULL)
		fwrite(sb_str(&yaml), 1, yaml.len, stdout);
	say_counts(&b, name_shown, (enum bank_format)f, out_shown, skipped);
	status = 0;
done:
	sb_free(&yaml);
	bank_free(&b);
	free(buf);
	free(qid);
	free(qtitle);
	free(name_shown);
	free(out_shown);
	return status;
}

static const char *const import_words[] = {
	"--format", "--quiz", "--title", "-o", "--output", "--force", "--template",
	"excel-csv", "gift", "moodle-xml", "aiken", NULL
};

const struct cmd cmd_import_entry = {
	.name = "import",
	.usage = "FILE [--format excel-csv|gift|moodle-xml|aiken] [--quiz ID] [--title TEXT] [-o OUT.yaml [--force]] | --template",
	.summary = N_("make a quiz file of a question bank (Excel 题库 CSV, GIFT, Moodle XML, Aiken)"),
	.help = N_("Reads a question bank kept in another tool and writes a quiz file in\n"
		"kefu's content format (to standard output, or to OUT.yaml), one that\n"
		"passes 'kefu check'. Each question keeps its type, text, choices,\n"
		"answer, points, explanation and category (as a tag). What cannot be\n"
		"converted is listed as FILE:LINE: left out, and a loss (a partial\n"
		"credit kefu has no place for) as FILE:LINE: note; nothing is dropped\n"
		"in silence. The format is guessed from the file's name and text\n"
		"unless --format gives it. The file is read with your own rights.\n"
		"\n"
		"  excel-csv   a 题库 sheet saved as CSV (UTF-8, or GBK as Excel saves\n"
		"              it in China): a row a question, columns 题型 (单选 多选\n"
		"              判断 填空 简答, and 数值 排序 匹配), 题干, 选项A-选项F,\n"
		"              答案 (A, ABD, 对/错, 5|五), 解析, 分值, 分类; English\n"
		"              headings too (type, question, option A, answer ...)\n"
		"  gift        Moodle's GIFT text: categories, titles, choices with\n"
		"              weights, true/false, short answer, numerical, matching,\n"
		"              essay, feedback\n"
		"  moodle-xml  a Moodle XML export (multichoice, truefalse, shortanswer,\n"
		"              numerical, matching, essay, ordering)\n"
		"  aiken       plain multiple choice: a question, A. B. C., ANSWER: B\n"
		"\n"
		"  --quiz ID      the quiz's id (default: from the file's name)\n"
		"  --title TEXT   its title (default: the bank's, or the file's name)\n"
		"  -o OUT.yaml    write there (under quizzes/ of a content tree)\n"
		"  --force        replace OUT.yaml when it exists\n"
		"  --template     print a 题库 sheet to fill in: the headings and an\n"
		"                 example of each type (kefu import --template >\n"
		"                 题库模板.csv)\n"
		"\n"
		"Exit status: 0 converted, 1 no question converted, 2 an error.\n"),
	.arg = ARG_FILE,
	.words = import_words,
	.fn = cmd_import,
};
