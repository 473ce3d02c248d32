/* excel.c: an exam-bank sheet (题库) saved from Excel or WPS as CSV, in
 * and out: a row a question, the columns Chinese bank sheets use
 * (题型, 题干, 选项A-选项F, 答案, 解析, 分值, 分类) or their English
 * names, UTF-8 or GBK. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "bank/bank.h"
#include "csv.h"
#include "text.h"

enum col {
	COL_ID, COL_TYPE, COL_TEXT, COL_ANSWER, COL_EXPLAIN, COL_POINTS,
	COL_CATEGORY, COL_TOLERANCE, COL_UNIT, COL_SCORING, COL_IGNORED,
	COL_OPTION,		/* 选项A ...: the letter is kept apart */
	COL_UNKNOWN
};

/* Headings of each column, in the words sheets use; the first is the
 * one kefu writes. */
static const char *const heads[][9] = {
	[COL_ID] = { "编号", "题号", "试题编号", "id", NULL },
	[COL_TYPE] = { "题型", "题目类型", "试题类型", "类型", "type", "question type", NULL },
	[COL_TEXT] = { "题干", "题目", "试题", "题目内容", "试题内容", "问题", "question",
		       "stem", NULL },
	[COL_ANSWER] = { "答案", "正确答案", "标准答案", "参考答案", "answer", "correct answer",
			 "key", NULL },
	[COL_EXPLAIN] = { "解析", "答案解析", "试题解析", "解释", "explanation", "explain",
			  "feedback", NULL },
	[COL_POINTS] = { "分值", "分数", "points", "score", "mark", "marks", NULL },
	[COL_CATEGORY] = { "分类", "类别", "知识点", "章节", "标签", "category", "tags",
			   NULL },
	[COL_TOLERANCE] = { "容差", "误差", "允许误差", "tolerance", NULL },
	[COL_UNIT] = { "单位", "unit", NULL },
	[COL_SCORING] = { "评分方式", "计分方式", "scoring", NULL },
	/* kept by sheets, meaning nothing to a quiz file */
	[COL_IGNORED] = { "序号", "难度", "难易度", "difficulty", "no", "no.", NULL },
};

/* Question types by the names sheets give them; the first of each is
 * the one kefu writes. */
static const char *const type_names[][10] = {
	[Q_SINGLE] = { "单选", "单选题", "单项选择", "单项选择题", "single", "single choice",
		       "multiple choice", NULL },
	[Q_MULTI] = { "多选", "多选题", "多项选择", "多项选择题", "不定项", "不定项选择题",
		      "multi", "multiple", "multiple response", NULL },
	[Q_TRUEFALSE] = { "判断", "判断题", "是非题", "truefalse", "true/false", "true-false",
			  "tf", NULL },
	[Q_FILL] = { "填空", "填空题", "fill", "fill in the blank", "short answer", NULL },
	[Q_NUMERIC] = { "数值", "数值题", "计算", "计算题", "numeric", "numerical", NULL },
	[Q_ORDER] = { "排序", "排序题", "order", "ordering", NULL },
	[Q_MATCH] = { "匹配", "匹配题", "连线", "连线题", "match", "matching", NULL },
	[Q_ESSAY] = { "简答", "简答题", "问答", "问答题", "论述", "论述题", "essay", NULL },
};

/* 'A' to 'Z' when a heading names an option (选项A, A, Option A, A选项),
 * else 0. */
static char
option_letter(const char *cell)
{
	char *f = text_fold(cell), *s = f, letter = 0;
	size_t n;

	if (strncmp(s, "选项", strlen("选项")) == 0)
		s += strlen("选项");
	else if (strncmp(s, "option", 6) == 0)
		s += 6;
	while (*s == ' ')
		s++;
	if (*s >= 'a' && *s <= 'z') {
		letter = (char)(*s - 'a' + 'A');
		s++;
		while (*s == ' ')
			s++;
		n = strlen(s);
		if (n && strcmp(s, "选项") != 0)
			letter = 0;
	}
	free(f);
	return letter;
}

static enum col
heading(const char *cell, char *letter)
{
	size_t i;

	*letter = option_letter(cell);
	if (*letter)
		return COL_OPTION;
	for (i = 0; i < ARRAY_SIZE(heads); i++)
		if (csv_heading_any(cell, heads[i]))
			return (enum col)i;
	return COL_UNKNOWN;
}

static int
type_of(const char *cell)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(type_names); i++)
		if (csv_heading_any(cell, type_names[i]))
			return (int)i;
	return -1;
}

/* Every heading that may say a sheet is a bank, for csv_sheet_line():
 * a header of one cell that is one of these is no title. */
static const char *const key_heads[] = { "题干", "题目", "question", "stem", NULL };

struct reader {
	struct bank *b;
	struct csv_sheet sheet;
	enum col *cols;
	char *letters;		/* the option letter of each COL_OPTION */
	size_t ncols;
	bool have_text, have_type;
};

/* A cell a sheet protects from being run as a formula ('=...) is read
 * without the quote kefu's own export put there. */
static const char *
unquoted(const char *s)
{
	if (s[0] == '\'' && strchr("=+-@", s[1]) && s[1] != '\0')
		return s + 1;
	return s;
}

/* Splits s at any of the separators (| ｜ ; ；) into a list. */
static void
split_list(const char *s, char ***list, size_t *n)
{
	static const char *const seps[] = { "|", "｜", ";", "；" };
	const char *p = s;

	while (*p) {
		const char *best = NULL;
		size_t blen = 0, i;

		for (i = 0; i < ARRAY_SIZE(seps); i++) {
			const char *h = strstr(p, seps[i]);

			if (h && (best == NULL || h < best)) {
				best = h;
				blen = strlen(seps[i]);
			}
		}
		if (best == NULL) {
			bank_push(list, n, p, strlen(p));
			break;
		}
		bank_push(list, n, p, (size_t)(best - p));
		p = best + blen;
	}
}

/* The letters of an answer (ABD, A,B,D, A、B、D, full width too) as a
 * mask; -1 for anything else in it. */
static long
answer_letters(const char *s)
{
	char *f = text_fold(s);
	const char *p;
	long mask = 0;

	for (p = f; *p; p++) {
		if (*p >= 'a' && *p <= 'z' && (mask & (1L << (*p - 'a')))) {
			mask = -1;	/* a letter twice: AA is no answer */
			break;
		} else if (*p >= 'a' && *p <= 'z')
			mask |= 1L << (*p - 'a');
		else if (*p == ',' || *p == ' ' || *p == ';' || *p == '/')
			continue;
		else if (strncmp(p, "、", strlen("、")) == 0)
			p += strlen("、") - 1;
		else {
			mask = -1;
			break;
		}
	}
	free(f);
	return mask ? mask : -1;
}

/* The order of an answer's letters (CABD): its letters in *order,
 * their count returned; 0 when it is not that. */
static size_t
answer_order(const char *s, char *order, size_t max)
{
	char *f = text_fold(s);
	const char *p;
	size_t n = 0;

	for (p = f; *p; p++) {
		if (*p >= 'a' && *p <= 'z') {
			if (n == max) {
				n = 0;
				break;
			}
			order[n++] = (char)(*p - 'a' + 'A');
		} else if (*p == ',' || *p == ' ' || *p == '/')
			continue;
		else if (strncmp(p, "、", strlen("、")) == 0)
			p += strlen("、") - 1;
		else {
			n = 0;
			break;
		}
	}
	free(f);
	return n;
}

static int
truth_word(const char *s, bool *truth)
{
	static const char *const yes[] = { "对", "正确", "是", "√", "✓", "✔", "t", "true",
					   "y", "yes", "1", NULL };
	static const char *const no[] = { "错", "错误", "否", "×", "✗", "✘", "x", "f", "false",
					  "n", "no", "0", NULL };

	if (csv_heading_any(s, yes))
		*truth = true;
	else if (csv_heading_any(s, no))
		*truth = false;
	else
		return -1;
	return 0;
}

struct row {
	const char *cell[COL_UNKNOWN];
	const char *option[26];		/* by letter */
	unsigned col[COL_UNKNOWN];	/* where each cell is, for notes */
	unsigned line;
};

/* The options of a row in letter order, and the index of each letter
 * among them (-1 for an empty option). */
static size_t
row_options(const struct row *r, const char **opts, int *index)
{
	size_t i, n = 0;

	for (i = 0; i < 26; i++) {
		index[i] = -1;
		if (r->option[i] && *r->option[i]) {
			index[i] = (int)n;
			opts[n++] = r->option[i];
		}
	}
	return n;
}

/* Leaves the row's question out, saying why at its cell. */
static void PRINTF(4, 5)
skip(struct bank *b, const struct row *r, enum col c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bank_vnote(b, BANK_SKIPPED, r->line, r->cell[c] ? r->col[c] : 0, fmt, ap);
	va_end(ap);
	bank_drop_last(b);
}

static void
row_choices(struct bank *b, struct bank_q *q, const struct row *r)
{
	const char *opts[26];
	int index[26];
	size_t n = row_options(r, opts, index), i;
	long mask;

	for (i = 0; i < n; i++)
		bank_add_choice(q, opts[i], strlen(opts[i]), false);
	if (q->nchoices < 2) {
		skip(b, r, COL_TEXT, _("a choice question with %s: it needs two options or more"),
		     q->nchoices ? _("one option") : _("no options"));
		return;
	}
	if (!r->cell[COL_ANSWER] || !*r->cell[COL_ANSWER]) {
		skip(b, r, COL_TEXT, "%s", _("no answer"));
		return;
	}
	if ((mask = answer_letters(r->cell[COL_ANSWER])) < 0) {
		skip(b, r, COL_ANSWER, _("answer '%s' is not option letters (A, ABD)"),
		     r->cell[COL_ANSWER]);
		return;
	}
	for (i = 0; i < 26; i++)
		if (mask & (1L << i)) {
			if (index[i] < 0) {
				char l[2] = { (char)('A' + i), '\0' };

				skip(b, r, COL_ANSWER, _("answer names option %s, which is empty"), l);
				return;
			}
			q->correct[index[i]] = true;
		}
	if (q->type == Q_SINGLE && bank_ncorrect(q) > 1) {
		q->type = Q_MULTI;
		bank_note(b, BANK_LOSS, r->line, r->col[COL_ANSWER],
			  _("a single-choice question whose answer names %zu options: made multiple choice"),
			  bank_ncorrect(q));
	}
	if (q->type == Q_MULTI && r->cell[COL_SCORING]) {
		static const char *const partial[] = { "部分得分", "按比例", "partial", NULL };

		q->partial = csv_heading_any(r->cell[COL_SCORING], partial);
	}
}

/* Splits a matching option "左=右" (or 左→右, 左->右) into its sides. */
static bool
pair_split(const char *s, const char **right, size_t *llen)
{
	static const char *const seps[] = { "→", "->", "=" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(seps); i++) {
		const char *h = strstr(s, seps[i]);

		if (h) {
			*llen = (size_t)(h - s);
			*right = h + strlen(seps[i]);
			return true;
		}
	}
	return false;
}

static void
row_question(struct bank *b, const struct row *r, int t)
{
	struct bank_q *q = bank_add(b, (enum qtype)t, r->line);
	const char *ans = r->cell[COL_ANSWER] ? r->cell[COL_ANSWER] : "";
	const char *opts[26];
	int index[26];
	size_t n, i;

	if (r->cell[COL_ID] && bank_is_id(r->cell[COL_ID]))
		q->id = xstrdup(r->cell[COL_ID]);
	q->text = bank_str(r->cell[COL_TEXT], strlen(r->cell[COL_TEXT]));
	if (r->cell[COL_EXPLAIN])
		q->explain = bank_str(r->cell[COL_EXPLAIN], strlen(r->cell[COL_EXPLAIN]));
	if (r->cell[COL_CATEGORY]) {
		char **tags = NULL;
		size_t ntags = 0;

		split_list(r->cell[COL_CATEGORY], &tags, &ntags);
		for (i = 0; i < ntags; i++) {
			bank_add_tag(q, tags[i], strlen(tags[i]));
			free(tags[i]);
		}
		free(tags);
	}
	if (r->cell[COL_POINTS] && *r->cell[COL_POINTS]) {
		double x;

		if (!text_number(r->cell[COL_POINTS], &x) || !(x >= 0.01 && x <= 1000)) {
			skip(b, r, COL_POINTS, _("points '%s' is not a number from 0.01 to 1000"),
			     r->cell[COL_POINTS]);
			return;
		}
		q->points = x;
	}
	if (r->cell[COL_UNIT] && *r->cell[COL_UNIT] && (t == Q_FILL || t == Q_NUMERIC))
		q->unit = bank_str(r->cell[COL_UNIT], strlen(r->cell[COL_UNIT]));

	switch (q->type) {
	case Q_SINGLE:
	case Q_MULTI:
		row_choices(b, q, r);
		return;
	case Q_TRUEFALSE: {
		const char *a = ans;
		long mask;

		/* 判断 sheets that give 选项A 正确, 选项B 错误 answer A or B */
		n = row_options(r, opts, index);
		if (n && (mask = answer_letters(ans)) > 0 && (mask & (mask - 1)) == 0) {
			for (i = 0; !(mask & (1L << i)); i++)
				;
			if (index[i] >= 0)
				a = opts[index[i]];
		}
		if (truth_word(a, &q->truth) != 0) {
			skip(b, r, COL_ANSWER, *ans ? _("a true/false answer must be 对 or 错, not '%s'") :
			     "%s", *ans ? ans : _("no answer"));
			return;
		}
		return;
	}
	case Q_FILL:
		split_list(ans, &q->accepted, &q->naccepted);
		if (q->naccepted == 0)
			skip(b, r, COL_TEXT, "%s", _("no answer"));
		return;
	case Q_NUMERIC: {
		char *a = xstrdup(ans), *pm;
		bool ok;

		/* 0.15±0.01 */
		if ((pm = strstr(a, "±")) != NULL || (pm = strstr(a, "+-")) != NULL) {
			ok = text_number(pm + (pm[0] == '+' ? 2 : strlen("±")), &q->tolerance);
			*pm = '\0';
		} else
			ok = true;
		ok = ok && text_number(a, &q->number);
		free(a);
		if (!ok) {
			skip(b, r, COL_ANSWER, *ans ? _("a numeric answer must be a number, not '%s'") :
			     "%s", *ans ? ans : _("no answer"));
			return;
		}
		if (r->cell[COL_TOLERANCE] && *r->cell[COL_TOLERANCE] &&
		    (!text_number(r->cell[COL_TOLERANCE], &q->tolerance) || q->tolerance < 0)) {
			skip(b, r, COL_TOLERANCE, _("tolerance '%s' is not a number of 0 or more"),
			     r->cell[COL_TOLERANCE]);
			return;
		}
		return;
	}
	case Q_ORDER: {
		char order[26];
		size_t k;

		n = row_options(r, opts, index);
		if (n < 2) {
			skip(b, r, COL_TEXT, "%s", _("an order question needs two steps or more in the options"));
			return;
		}
		if (*ans == '\0') {
			for (i = 0; i < n; i++)
				bank_push(&q->steps, &q->nsteps, opts[i], strlen(opts[i]));
			return;
		}
		if ((k = answer_order(ans, order, 26)) != n) {
			skip(b, r, COL_ANSWER, _("answer '%s' must put every option in order (like CABD)"),
			     ans);
			return;
		}
		for (i = 0; i < k; i++) {
			int at = index[order[i] - 'A'];
			size_t j;

			for (j = 0; j < i; j++)
				if (order[j] == order[i])
					at = -1;
			if (at < 0) {
				skip(b, r, COL_ANSWER, _("answer '%s' must put every option in order (like CABD)"),
				     ans);
				return;
			}
			bank_push(&q->steps, &q->nsteps, opts[at], strlen(opts[at]));
		}
		return;
	}
	case Q_MATCH:
		n = row_options(r, opts, index);
		for (i = 0; i < n; i++) {
			const char *right;
			size_t llen;

			if (!pair_split(opts[i], &right, &llen) ||
			    !bank_add_pair(q, opts[i], llen, right, strlen(right))) {
				skip(b, r, COL_TEXT, _("matching option '%s' is not a pair (左=右)"), opts[i]);
				return;
			}
		}
		if (q->npairs < 2)
			skip(b, r, COL_TEXT, "%s", _("a matching question needs two pairs or more in the options"));
		return;
	case Q_ESSAY:
		if (*ans)
			q->rubric = bank_str(ans, strlen(ans));
		return;
	}
}

static int
read_record(const struct csv_record *rec, void *arg)
{
	struct reader *rd = arg;
	struct bank *b = rd->b;
	struct row r;
	size_t i;
	int t;

	switch (csv_sheet_line(&rd->sheet, rec, key_heads)) {
	case CSV_SHEET_SKIP:
		/* a title above the header (青禾衣舍客服题库) is the bank's */
		for (i = 0; !rd->sheet.header_done && b->title == NULL && i < rec->n; i++)
			if (*rec->fields[i])
				b->title = bank_str(rec->fields[i], strlen(rec->fields[i]));
		return 0;
	case CSV_SHEET_HEADER:
		rd->ncols = rec->n;
		rd->cols = xcalloc(rec->n, sizeof(*rd->cols));
		rd->letters = xcalloc(rec->n, 1);
		if (rec->n == 1 && strpbrk(rec->fields[0], ";\t")) {
			bank_note(b, BANK_ERROR, rec->line, 1, "%s",
				  _("the header is separated by ';' or tabs, not commas: save the sheet as CSV (comma delimited)"));
			return 1;
		}
		for (i = 0; i < rec->n; i++) {
			rd->cols[i] = heading(rec->fields[i], &rd->letters[i]);
			rd->have_text |= rd->cols[i] == COL_TEXT;
			rd->have_type |= rd->cols[i] == COL_TYPE;
			if (rd->cols[i] == COL_UNKNOWN && *rec->fields[i])
				bank_note(b, BANK_LOSS, rec->lines[i], rec->cols[i],
					  _("column '%s' means nothing to kefu: not read"), rec->fields[i]);
		}
		if (!rd->have_text || !rd->have_type) {
			bank_note(b, BANK_ERROR, rec->line, 1,
				  _("no '%s' column: the header names 题型 and 题干 (kefu import --template shows one)"),
				  rd->have_text ? "题型" : "题干");
			return 1;	/* stop: said */
		}
		return 0;
	case CSV_SHEET_WIDTH:
		if (rec->n > rd->ncols) {
			bank_note(b, BANK_SKIPPED, rec->line, rec->cols[rd->ncols],
				  "%s", _("more cells than the header has headings"));
			return 0;
		}
		break;
	case CSV_SHEET_ROW:
		break;
	}
	memset(&r, 0, sizeof(r));
	r.line = rec->line;
	for (i = 0; i < rec->n && i < rd->ncols; i++) {
		enum col c = rd->cols[i];

		if (c == COL_UNKNOWN || c == COL_IGNORED)
			continue;
		if (c == COL_OPTION)
			r.option[rd->letters[i] - 'A'] = unquoted(rec->fields[i]);
		else {
			r.cell[c] = unquoted(rec->fields[i]);
			r.col[c] = rec->cols[i];
		}
	}
	if (r.cell[COL_TYPE] == NULL || *r.cell[COL_TYPE] == '\0') {
		bank_note(b, BANK_SKIPPED, r.line, 0, "%s", _("no question type (题型)"));
		return 0;
	}
	if ((t = type_of(r.cell[COL_TYPE])) < 0) {
		bank_note(b, BANK_SKIPPED, r.line, r.col[COL_TYPE],
			  _("unknown question type '%s' (单选, 多选, 判断, 填空, 简答, 数值, 排序, 匹配)"),
			  r.cell[COL_TYPE]);
		return 0;
	}
	if (r.cell[COL_TEXT] == NULL || text_blank(r.cell[COL_TEXT])) {
		bank_note(b, BANK_SKIPPED, r.line, 0, "%s", _("no question text (题干)"));
		return 0;
	}
	row_question(b, &r, t);
	return 0;
}

/* GBK (as GB18030, its superset) to UTF-8; NULL when buf is not that. */
static char *
from_gbk(const char *buf, size_t n, size_t *outlen)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	size_t cap = n * 2 + 16, left = cap;
	char *out, *o, *in = (char *)buf;
	size_t inleft = n;

	if (cd == (iconv_t)-1)
		return NULL;
	out = o = xmalloc(cap + 1);
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &o, &left) == (size_t)-1) {
			if (errno == E2BIG) {
				size_t used = (size_t)(o - out);

				cap *= 2;
				out = xrealloc(out, cap + 1);
				o = out + used;
				left = cap - used;
				continue;
			}
			free(out);
			iconv_close(cd);
			return NULL;
		}
	}
	iconv_close(cd);
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}

int
bank_read_csv(struct bank *b, const char *buf, size_t n)
{
	struct reader rd;
	char *conv = NULL;
	const char *why;
	size_t bad, len;
	unsigned line, col;
	int rc;

	/* a workbook itself (a zip, or the old compound file) */
	if ((n >= 4 && memcmp(buf, "PK\003\004", 4) == 0) ||
	    (n >= 4 && memcmp(buf, "\xd0\xcf\x11\xe0", 4) == 0)) {
		bank_note(b, BANK_ERROR, 0, 0, "%s",
			  _("an Excel workbook, not CSV: save it as CSV UTF-8 (文件 › 另存为 › CSV UTF-8) and import that"));
		return -1;
	}
	if (memchr(buf, '\0', n)) {
		bank_note(b, BANK_ERROR, 0, 0, "%s", _("a NUL byte: this is no CSV text (save the sheet as CSV)"));
		return -1;
	}
	if (!text_valid(buf, n, &bad)) {
		if ((conv = from_gbk(buf, n, &len)) == NULL) {
			for (line = 1, len = 0; len < bad; len++)
				line += buf[len] == '\n';
			bank_note(b, BANK_ERROR, line, 0, "%s",
				  _("neither UTF-8 nor GBK text (save the sheet as CSV UTF-8)"));
			return -1;
		}
		b->encoding = "GBK";
		buf = conv;
		n = len;
	}
	memset(&rd, 0, sizeof(rd));
	rd.b = b;
	rc = csv_parse(buf, n, read_record, &rd, &line, &col, &why);
	if (rc == -1)
		bank_note(b, BANK_ERROR, line, col, "%s", why);
	else if (rc == 0 && !rd.sheet.header_done) {
		bank_note(b, BANK_ERROR, 0, 0, "%s", _("no header row: the sheet is empty"));
		rc = -1;
	}
	free(rd.cols);
	free(rd.letters);
	free(conv);
	return rc != 0 ? -1 : 0;
}

/* One CSV field: quoted when it must be, and a text a spreadsheet would
 * run as a formula (=, +, -, @ first) kept text by a leading quote. */
static void
field(struct sb *out, const char *s, bool first)
{
	bool formula = s[0] && strchr("=+-@", s[0]);

	if (!first)
		sb_addc(out, ',');
	if (!formula && strpbrk(s, ",\"\r\n") == NULL) {
		sb_adds(out, s);
		return;
	}
	sb_addc(out, '"');
	if (formula)
		sb_addc(out, '\'');
	for (; *s; s++) {
		if (*s == '"')
			sb_addc(out, '"');
		sb_addc(out, *s);
	}
	sb_addc(out, '"');
}

static void
field_num(struct sb *out, double x)
{
	struct sb n = SB_INIT;

	bank_num(&n, x);
	field(out, sb_str(&n), false);
	sb_free(&n);
}

static void
join(struct sb *out, char *const *v, size_t n, const char *sep)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			sb_adds(out, sep);
		sb_adds(out, v[i]);
	}
}

/* The options a question writes, and what they hold. */
static size_t
q_options(const struct bank_q *q)
{
	switch (q->type) {
	case Q_SINGLE:
	case Q_MULTI:
		return q->nchoices;
	case Q_ORDER:
		return q->nsteps;
	case Q_MATCH:
		return q->npairs;
	default:
		return 0;
	}
}

void
bank_write_csv(struct bank *b, struct sb *out)
{
	size_t nopt = 6, i, j;

	for (i = 0; i < b->n; i++)
		if (q_options(&b->q[i]) > nopt)
			nopt = q_options(&b->q[i]);
	/* a byte order mark: Excel opens CSV as UTF-8 only with one */
	sb_adds(out, "\xef\xbb\xbf");
	if (b->title) {
		/* the sheet's title above its header, as shops keep one; a
		 * second cell, so a ';' in it is never a separator's */
		field(out, b->title, true);
		sb_adds(out, ",\r\n");
	}
	field(out, heads[COL_ID][0], true);
	field(out, heads[COL_TYPE][0], false);
	field(out, heads[COL_TEXT][0], false);
	for (i = 0; i < nopt; i++)
		sb_addf(out, ",选项%c", (char)('A' + i));
	for (i = COL_ANSWER; i <= COL_SCORING; i++)
		field(out, heads[i][0], false);
	sb_adds(out, "\r\n");
	for (i = 0; i < b->n; i++) {
		struct bank_q *q = &b->q[i];
		struct sb cell = SB_INIT;
		size_t nq = q_options(q);

		field(out, q->id ? q->id : "", true);
		field(out, type_names[q->type][0], false);
		field(out, q->text, false);
		for (j = 0; j < nopt; j++) {
			sb_reset(&cell);
			if (j < nq && (q->type == Q_SINGLE || q->type == Q_MULTI))
				sb_adds(&cell, q->choices[j]);
			else if (j < nq && q->type == Q_ORDER)
				sb_adds(&cell, q->steps[j]);
			else if (j < nq) {
				const char *l = q->left[j], *r = q->right[j];
				/* the reader splits at the first → anywhere, else
				 * ->, else =: = when nothing in the pair is any
				 * of them, else → when the left side has none */
				bool plain = !strstr(l, "→") && !strstr(l, "->") && !strstr(l, "=") &&
				    !strstr(r, "→") && !strstr(r, "->");
				const char *sep = plain ? "=" : "→";

				if (!plain && strstr(l, "→"))
					bank_note(b, BANK_LOSS, 0, 0,
						  _("question %zu: pair '%s' holds the pair separator; the sheet cannot be read back as it was"),
						  i + 1, q->left[j]);
				sb_addf(&cell, "%s%s%s", q->left[j], sep, q->right[j]);
			}
			field(out, sb_str(&cell), false);
		}
		sb_reset(&cell);
		switch (q->type) {
		case Q_SINGLE:
		case Q_MULTI:
			for (j = 0; j < q->nchoices; j++)
				if (q->correct[j])
					sb_addc(&cell, (char)('A' + j));
			break;
		case Q_ORDER:
			for (j = 0; j < q->nsteps; j++)
				sb_addc(&cell, (char)('A' + j));
			break;
		case Q_TRUEFALSE:
			sb_adds(&cell, q->truth ? "对" : "错");
			break;
		case Q_FILL:
			join(&cell, q->accepted, q->naccepted, "|");
			break;
		case Q_NUMERIC:
			bank_num(&cell, q->number);
			break;
		case Q_ESSAY:
			sb_adds(&cell, q->rubric ? q->rubric : "");
			break;
		case Q_MATCH:
			break;
		}
		field(out, sb_str(&cell), false);
		field(out, q->explain ? q->explain : "", false);
		field_num(out, q->points);
		for (j = 0; j < q->ntags + q->naccepted; j++) {
			const char *t = j < q->ntags ? q->tags[j] : q->accepted[j - q->ntags];

			if (strpbrk(t, "|;") || strstr(t, "；") || strstr(t, "｜"))
				bank_note(b, BANK_LOSS, 0, 0,
					  _("question %zu: '%s' holds a list separator (| ; ；): the sheet reads it as several"),
					  i + 1, t);
		}
		sb_reset(&cell);
		join(&cell, q->tags, q->ntags, "；");
		field(out, sb_str(&cell), false);
		if (q->type == Q_NUMERIC)
			field_num(out, q->tolerance);
		else
			field(out, "", false);
		field(out, q->unit ? q->unit : "", false);
		field(out, q->type == Q_MULTI && q->partial ? "部分得分" : "", false);
		sb_adds(out, "\r\n");
		sb_free(&cell);
	}
}

void
bank_csv_template(struct sb *out)
{
	struct bank b = BANK_INIT;
	struct bank_q *q;
	static const char *const choices[] = { "10分钟", "5分钟", "30分钟", "24小时" };
	size_t i;

	q = bank_add(&b, Q_SINGLE, 0);
	q->text = xstrdup("买家申请退换货后，客服最迟多久内要回复？");
	for (i = 0; i < 4; i++)
		bank_add_choice(q, choices[i], strlen(choices[i]), i == 1);
	q->explain = xstrdup("退换货申请须在5分钟内回复并安抚买家。");
	bank_add_tag(q, "售后", strlen("售后"));
	q = bank_add(&b, Q_MULTI, 0);
	q->text = xstrdup("买家承认多收了商品但不愿寄回，可以怎么做？");
	bank_add_choice(q, "联系物流上门取件", strlen("联系物流上门取件"), true);
	bank_add_choice(q, "直接给差评", strlen("直接给差评"), false);
	bank_add_choice(q, "转投诉客服向平台申诉", strlen("转投诉客服向平台申诉"), true);
	bank_add_choice(q, "删除订单", strlen("删除订单"), false);
	q->points = 2;
	q->partial = true;
	bank_add_tag(q, "售后", strlen("售后"));
	q = bank_add(&b, Q_TRUEFALSE, 0);
	q->text = xstrdup("签收超过三天且已穿着的质量问题，一律不予处理。");
	q->truth = false;
	q = bank_add(&b, Q_FILL, 0);
	q->text = xstrdup("退换货申请应在____分钟内回复。");
	bank_push(&q->accepted, &q->naccepted, "5", 1);
	bank_push(&q->accepted, &q->naccepted, "五", strlen("五"));
	q->unit = xstrdup("分钟");
	q = bank_add(&b, Q_NUMERIC, 0);
	q->text = xstrdup("底单重量1.20kg，实称1.05kg，差多少千克？");
	q->number = 0.15;
	q->tolerance = 0.01;
	q->unit = xstrdup("千克");
	q = bank_add(&b, Q_ORDER, 0);
	q->text = xstrdup("把处理发错货的步骤排成正确顺序。");
	bank_push(&q->steps, &q->nsteps, "请买家拍照", strlen("请买家拍照"));
	bank_push(&q->steps, &q->nsteps, "核对底单重量", strlen("核对底单重量"));
	bank_push(&q->steps, &q->nsteps, "换货下单或引导退款", strlen("换货下单或引导退款"));
	q = bank_add(&b, Q_MATCH, 0);
	q->text = xstrdup("把指标与岗位对应起来。");
	bank_add_pair(q, "询单转化率", strlen("询单转化率"), "售前", strlen("售前"));
	bank_add_pair(q, "纠纷退款率", strlen("纠纷退款率"), "售后", strlen("售后"));
	q = bank_add(&b, Q_ESSAY, 0);
	q->text = xstrdup("买家因快递延误辱骂客服，写出你的第一条回复并说明理由。");
	q->points = 5;
	q->rubric = xstrdup("先共情安抚，再给出查询结果和时间，不推卸责任。");
	bank_write_csv(&b, out);
	bank_free(&b);
}
