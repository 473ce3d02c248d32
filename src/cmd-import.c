/* cmd-import.c: `kefu import`, a question bank kept in another tool (an
 * Excel 题库 sheet, GIFT, Moodle XML, Aiken) made a quiz file. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ask.h"
#include "bank/bank.h"
#include "diag.h"
#include "kefu.h"
#include "priv.h"
#include "text.h"

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

		sb_adds(&sb, file);
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
	switch (f) {
	case BANK_EXCEL_CSV:
		return bank_read_csv(b, buf, n);
	case BANK_GIFT:
		return bank_read_gift(b, buf, n);
	case BANK_MOODLE_XML:
		return bank_read_moodle(b, buf, n);
	case BANK_AIKEN:
		return bank_read_aiken(b, buf, n);
	case BANK_YAML:
		return read_yaml(b, name, buf, n);
	default:
		BUG("no reader of format %d", (int)f);
	}
}

/* The quiz file written must load as one: a check that every reader's
 * output is one the content loader takes. */
static int
check_written(const char *name, const char *yaml, size_t n)
{
	struct content *c = content_new();
	struct diag d = DIAG_INIT(stderr);
	int bad;

	content_load_buffer(c, name, yaml, n, &d);
	bad = d.errors != 0;
	content_free(c);
	if (bad)
		error(_("the quiz file made of it does not pass 'kefu check' (above): nothing written"));
	return bad;
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
	if (rc != 0 && strcmp(why, _("file too large")) == 0)
		return error(_("cannot read '%s': over %u MiB, no question bank kefu reads"), path,
			     IMPORT_MAX >> 20);
	if (rc != 0)
		return error(_("cannot read '%s': %s"), path, why);
	return 0;
}

int
import_refuse_existing(const char *path, bool force)
{
	int there;

	if (path == NULL || force)
		return 0;
	priv_user();
	there = access(path, F_OK) == 0;
	priv_group();
	if (there)
		return error(_("'%s' exists: give another name, or --force to replace it"), path);
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
	if (rc != 0)
		return error(_("cannot write '%s': %s"), path, strerror(errno));
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
	char *pos[1], *buf = NULL, *qid = NULL, *qtitle = NULL;
	size_t len, skipped = 0, i;
	int npos, status, f = BANK_EXCEL_CSV;
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
	if (fmt == NULL) {
		const char *name = strcmp(pos[0], "-") ? pos[0] : NULL;

		f = (int)bank_guess(name, buf, len);
		guessed = bank_format_of_name(name) < 0;	/* by its text */
	}
	if (guessed)
		fprintf(stderr, _("%s: read as %s (--format FORMAT if it is not)\n"), pos[0],
			_(format_titles[f]));
	if (read_bank(&b, (enum bank_format)f, pos[0], buf, len) == 0)
		bank_check(&b);
	for (i = 0; i < b.nnotes; i++)
		skipped += b.notes[i].kind == BANK_SKIPPED;
	import_notes(&b, pos[0]);
	qid = quiz ? xstrdup(quiz) : id_from_name(strcmp(pos[0], "-") ? pos[0] : "imported");
	qtitle = title ? bank_str(title, strlen(title)) : b.title ? xstrdup(b.title) :
	    title_from_name(pos[0]);
	if (qtitle == NULL)
		qtitle = xstrdup(qid);
	if (b.n == 0) {
		error(_("%s: no question converted: nothing written"), pos[0]);
		status = 1;
		goto done;
	}
	sb_adds(&yaml, "# ");
	sb_addf(&yaml, _("made by kefu import from %s (%s)"), pos[0], _(format_titles[f]));
	sb_adds(&yaml, "\n");
	bank_write_yaml(&b, qid, qtitle, &yaml);
	if (check_written(out ? out : "import.yaml", sb_str(&yaml), yaml.len)) {
		status = 1;
		goto done;
	}
	if (out && write_output(out, sb_str(&yaml), yaml.len, force) != 0) {
		status = 2;
		goto done;
	}
	if (out == NULL)
		fwrite(sb_str(&yaml), 1, yaml.len, stdout);
	say_counts(&b, pos[0], (enum bank_format)f, out, skipped);
	status = 0;
done:
	sb_free(&yaml);
	bank_free(&b);
	free(buf);
	free(qid);
	free(qtitle);
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
