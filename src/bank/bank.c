/* bank.c: the model of a question every bank format holds, the quiz
 * file writer, and which format a file is in. */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bank/bank.h"
#include "text.h"

static void
strv_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void
q_free(struct bank_q *q)
{
	free(q->id);
	strv_free(q->tags, q->ntags);
	free(q->text);
	free(q->explain);
	free(q->rubric);
	strv_free(q->choices, q->nchoices);
	free(q->correct);
	strv_free(q->accepted, q->naccepted);
	free(q->unit);
	strv_free(q->steps, q->nsteps);
	strv_free(q->left, q->npairs);
	strv_free(q->right, q->npairs);
}

void
bank_free(struct bank *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		q_free(&b->q[i]);
	free(b->q);
	for (i = 0; i < b->nnotes; i++)
		free(b->notes[i].what);
	free(b->notes);
	free(b->title);
	b->q = NULL;
	b->notes = NULL;
	b->title = NULL;
	b->n = b->nnotes = 0;
}

struct bank_q *
bank_add(struct bank *b, enum qtype t, unsigned line)
{
	struct bank_q *q;

	b->q = xreallocarray(b->q, b->n + 1, sizeof(*b->q));
	q = &b->q[b->n++];
	memset(q, 0, sizeof(*q));
	q->type = t;
	q->points = 1;
	q->line = line;
	return q;
}

void
bank_drop_last(struct bank *b)
{
	if (b->n == 0)
		BUG("bank_drop_last() of an empty bank");
	q_free(&b->q[--b->n]);
}

void
bank_vnote(struct bank *b, enum bank_note_kind kind, unsigned line, unsigned col,
	   const char *fmt, va_list ap)
{
	struct bank_note *n;
	struct sb sb = SB_INIT;

	sb_vaddf(&sb, fmt, ap);
	b->notes = xreallocarray(b->notes, b->nnotes + 1, sizeof(*b->notes));
	n = &b->notes[b->nnotes++];
	n->kind = kind;
	n->line = line;
	n->col = col;
	n->what = sb_detach(&sb);
	n->seq = b->nnotes - 1;
}

void
bank_note(struct bank *b, enum bank_note_kind kind, unsigned line, unsigned col,
	  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bank_vnote(b, kind, line, col, fmt, ap);
	va_end(ap);
}

/* A direction override or isolate, or a zero-width mark: dropped from
 * imported text, which must show as it reads. */
static bool
invisible(int32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200e || cp == 0x200f || cp == 0x061c || cp == 0xfeff ||
	    (cp >= 0x200b && cp <= 0x200d);
}

char *
bank_str(const char *s, size_t n)
{
	struct sb sb = SB_INIT;
	size_t i = 0, k, start, end;
	int32_t cp;
	char *out;

	while (i < n) {
		if ((k = text_decode(s + i, n - i, &cp)) == 0) {
			i++;	/* not UTF-8: the readers have checked; skip */
			continue;
		}
		/* YAML reads these as line breaks too: lines they are */
		if (cp == 0x2028 || cp == 0x2029 || cp == 0x85)
			sb_addc(&sb, '\n');
		else if (cp == '\r') {
			sb_addc(&sb, '\n');
			if (i + 1 < n && s[i + 1] == '\n')
				k = 2;
		} else if (cp == '\t' || cp == 0xa0)
			sb_addc(&sb, ' ');
		else if (cp == '\n' || !(text_is_control(cp) || invisible(cp)))
			sb_add(&sb, s + i, k);
		i += k;
	}
	/* trim spaces and blank lines at both ends, and spaces before a
	 * line break */
	out = sb_detach(&sb);
	if (out == NULL)
		return NULL;
	for (start = 0; out[start] == ' ' || out[start] == '\n'; start++)
		;
	end = strlen(out);
	while (end > start && (out[end - 1] == ' ' || out[end - 1] == '\n'))
		end--;
	memmove(out, out + start, end - start);
	out[end - start] = '\0';
	{
		char *r = out, *w = out;

		for (; *r; r++) {
			if (*r == '\n')
				while (w > out && w[-1] == ' ')
					w--;
			*w++ = *r;
		}
		*w = '\0';
	}
	if (*out == '\0') {
		free(out);
		return NULL;
	}
	return out;
}

void
bank_push(char ***list, size_t *n, const char *s, size_t len)
{
	char *t = bank_str(s, len);

	if (t == NULL)
		return;
	*list = xreallocarray(*list, *n + 1, sizeof(**list));
	(*list)[(*n)++] = t;
}

void
bank_add_choice(struct bank_q *q, const char *s, size_t len, bool correct)
{
	size_t n = q->nchoices;

	bank_push(&q->choices, &q->nchoices, s, len);
	if (q->nchoices == n)
		return;
	q->correct = xreallocarray(q->correct, q->nchoices, sizeof(*q->correct));
	q->correct[n] = correct;
}

void
bank_add_tag(struct bank_q *q, const char *s, size_t len)
{
	char *t = bank_str(s, len);
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < q->ntags; i++)
		if (strcmp(q->tags[i], t) == 0) {
			free(t);
			return;
		}
	q->tags = xreallocarray(q->tags, q->ntags + 1, sizeof(*q->tags));
	q->tags[q->ntags++] = t;
}

bool
bank_add_pair(struct bank_q *q, const char *l, size_t llen, const char *r, size_t rlen)
{
	char *left = bank_str(l, llen), *right = bank_str(r, rlen);

	if (left == NULL || right == NULL) {
		free(left);
		free(right);
		return false;
	}
	q->left = xreallocarray(q->left, q->npairs + 1, sizeof(*q->left));
	q->right = xreallocarray(q->right, q->npairs + 1, sizeof(*q->right));
	q->left[q->npairs] = left;
	q->right[q->npairs++] = right;
	return true;
}

size_t
bank_ncorrect(const struct bank_q *q)
{
	size_t i, n = 0;

	for (i = 0; i < q->nchoices; i++)
		n += q->correct[i];
	return n;
}

bool
bank_is_id(const char *s)
{
	if (s == NULL || *s == '\0')
		return false;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-'))
			return false;
	return true;
}

void
bank_num(struct sb *sb, double x)
{
	char buf[64];
	int prec;

	/* 1000 and 0.15 as they are written, not 1e+03 */
	for (prec = 0; prec <= 6 && fabs(x) < 1e15; prec++) {
		snprintf(buf, sizeof(buf), "%.*f", prec, x);
		if (strtod(buf, NULL) == x) {
			sb_adds(sb, buf);
			return;
		}
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	sb_adds(sb, buf);
}

static char **
strv_dup(const char *const *v, size_t n)
{
	char **out = n ? xcalloc(n, sizeof(*out)) : NULL;
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = xstrdup(v[i]);
	return out;
}

void
bank_from_quiz(struct bank *b, const struct quiz *qz)
{
	size_t i, j;

	free(b->title);
	b->title = xstrdup(qz->title);
	for (i = 0; i < qz->nown; i++) {
		const struct question *s = &qz->questions[i];
		struct bank_q *q = bank_add(b, s->type, 0);

		q->id = xstrdup_null(s->id);
		q->points = s->points;
		q->tags = strv_dup(s->tags, s->ntags);
		q->ntags = s->ntags;
		q->text = xstrdup(s->text);
		q->explain = xstrdup_null(s->explain);
		q->rubric = xstrdup_null(s->rubric);
		q->choices = strv_dup(s->choices, s->nchoices);
		q->nchoices = s->nchoices;
		if (s->nchoices) {
			q->correct = xcalloc(s->nchoices, sizeof(*q->correct));
			for (j = 0; j < s->nanswer; j++)
				q->correct[s->answer[j]] = true;
		}
		q->partial = s->partial;
		q->truth = s->truth;
		q->accepted = strv_dup(s->accepted, s->naccepted);
		q->naccepted = s->naccepted;
		q->number = s->number;
		q->tolerance = s->tolerance;
		q->unit = xstrdup_null(s->unit);
		q->steps = strv_dup(s->steps, s->nsteps);
		q->nsteps = s->nsteps;
		q->left = strv_dup(s->left, s->npairs);
		q->right = strv_dup(s->right, s->npairs);
		q->npairs = s->npairs;
	}
}

static bool
str_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool
strv_same(char *const *a, size_t na, char *const *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

bool
bank_q_same(const struct bank_q *a, const struct bank_q *b, const char **field)
{
	const char *f = NULL;

	if (a->type != b->type)
		f = "type";
	else if (!str_same(a->id, b->id))
		f = "id";
	else if (a->points != b->points)
		f = "points";
	else if (!strv_same(a->tags, a->ntags, b->tags, b->ntags))
		f = "tags";
	else if (!str_same(a->text, b->text))
		f = "text";
	else if (!str_same(a->explain, b->explain))
		f = "explain";
	else if (!str_same(a->rubric, b->rubric))
		f = "rubric";
	else if (!strv_same(a->choices, a->nchoices, b->choices, b->nchoices))
		f = "choices";
	else if (a->nchoices && memcmp(a->correct, b->correct, a->nchoices * sizeof(bool)) != 0)
		f = "answer";
	else if (a->type == Q_MULTI && a->partial != b->partial)
		f = "scoring";
	else if (a->type == Q_TRUEFALSE && a->truth != b->truth)
		f = "answer";
	else if (!strv_same(a->accepted, a->naccepted, b->accepted, b->naccepted))
		f = "answer";
	else if (a->type == Q_NUMERIC && a->number != b->number)
		f = "answer";
	else if (a->type == Q_NUMERIC && a->tolerance != b->tolerance)
		f = "tolerance";
	else if (!str_same(a->unit, b->unit))
		f = "unit";
	else if (!strv_same(a->steps, a->nsteps, b->steps, b->nsteps))
		f = "steps";
	else if (!strv_same(a->left, a->npairs, b->left, b->npairs) ||
		 !strv_same(a->right, a->npairs, b->right, b->npairs))
		f = "pairs";
	if (field)
		*field = f;
	return f == NULL;
}

static const char *const format_names[] = {
	[BANK_EXCEL_CSV] = "excel-csv",
	[BANK_GIFT] = "gift",
	[BANK_MOODLE_XML] = "moodle-xml",
	[BANK_AIKEN] = "aiken",
	[BANK_YAML] = "yaml",
};

int
bank_format_parse(const char *s)
{
	size_t i;

	for (i = 0; i < BANK_NFORMATS; i++)
		if (strcmp(s, format_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
bank_format_name(enum bank_format f)
{
	return format_names[f];
}

static bool
reserved_word(const char *s)
{
	static const char *const words[] = {
		"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	return false;
}

/* A text as a YAML scalar: plain when it can be nothing else (letters,
 * digits, Chinese and a few marks), else double-quoted with escapes;
 * several lines as a literal block at indent. */
static void
yaml_str(struct sb *out, const char *s, int indent)
{
	const unsigned char *p;
	/* a line or paragraph separator (E2 80 A8/A9) or NEL (C2 85) is a
	 * line break to YAML: such a text is written escaped */
	bool breaks = strstr(s, "\xe2\x80\xa8") || strstr(s, "\xe2\x80\xa9") ||
	    strstr(s, "\xc2\x85");
	bool plain = s[0] && s[strlen(s) - 1] != ' ' && !breaks &&
	    ((unsigned char)s[0] >= 0x80 || isalpha((unsigned char)s[0])) && !reserved_word(s);

	for (p = (const unsigned char *)s; *p && plain; p++)
		plain = *p >= 0x80 || isalnum(*p) || strchr(" .()/_-", *p);
	if (plain) {
		sb_adds(out, s);
		return;
	}
	if (strchr(s, '\n') && s[0] != ' ' && !breaks) {
		const char *l = s;

		/* |- : the text's lines as written, no line break at its end */
		sb_adds(out, "|-");
		while (l) {
			const char *nl = strchr(l, '\n');
			size_t n = nl ? (size_t)(nl - l) : strlen(l);

			sb_addc(out, '\n');
			if (n)
				sb_addf(out, "%*s", indent, "");
			sb_add(out, l, n);
			l = nl ? nl + 1 : NULL;
		}
		return;
	}
	sb_addc(out, '"');
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			sb_addf(out, "\\%c", *p);
		else if (*p == '\n')
			sb_adds(out, "\\n");
		else if (*p < 0x20 || *p == 0x7f)
			sb_addf(out, "\\x%02x", *p);
		else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
			sb_adds(out, p[2] == 0xa8 ? "\\L" : "\\P");
			p += 2;
		} else if (p[0] == 0xc2 && p[1] == 0x85) {
			sb_adds(out, "\\N");
			p++;
		}
		else
			sb_addc(out, (char)*p);
	}
	sb_addc(out, '"');
}

static void
yaml_key(struct sb *out, int indent, const char *key, const char *val)
{
	sb_addf(out, "%*s%s: ", indent, "", key);
	yaml_str(out, val, indent + 2);
	sb_addc(out, '\n');
}

static void
yaml_list(struct sb *out, int indent, const char *key, char *const *v, size_t n)
{
	size_t i;

	sb_addf(out, "%*s%s:\n", indent, "", key);
	for (i = 0; i < n; i++) {
		sb_addf(out, "%*s- ", indent + 2, "");
		yaml_str(out, v[i], indent + 4);
		sb_addc(out, '\n');
	}
}

static void
yaml_num(struct sb *out, int indent, const char *key, double x)
{
	sb_addf(out, "%*s%s: ", indent, "", key);
	bank_num(out, x);
	sb_addc(out, '\n');
}

/* An id for a question without a kefu id of its own, or with one an
 * earlier question took: q1, q2 ... by its place, the first free. */
static char *
made_id(size_t i, struct strmap *taken)
{
	char *made;
	size_t k;

	for (k = i + 1;; k++) {
		made = xasprintf("q%zu", k);
		if (strmap_add(taken, made, made) == NULL)
			return made;
		free(made);
	}
}

void
bank_write_yaml(const struct bank *b, const char *quiz, const char *title, struct sb *out,
		unsigned *lines)
{
	struct strmap taken = STRMAP_INIT;
	char **ids = xcalloc(b->n + 1, sizeof(*ids));
	size_t i, j, counted = 0;
	unsigned line = 1;

	/* ids as written first, so a made one never takes a later one's */
	for (i = 0; i < b->n; i++)
		if (bank_is_id(b->q[i].id) && strmap_add(&taken, b->q[i].id, b->q[i].id) == NULL)
			ids[i] = xstrdup(b->q[i].id);
	for (i = 0; i < b->n; i++)
		if (ids[i] == NULL)
			ids[i] = made_id(i, &taken);
	yaml_key(out, 0, "quiz", quiz);
	yaml_key(out, 0, "title", title);
	sb_adds(out, "kind: other\nmode: practice\nquestions:\n");
	for (i = 0; i < b->n; i++) {
		const struct bank_q *q = &b->q[i];

		if (lines) {
			/* the lines written since the question before */
			for (; counted < out->len; counted++)
				line += out->buf[counted] == '\n';
			lines[i] = line;
		}
		sb_adds(out, "  - ");
		yaml_key(out, 0, "id", ids[i]);
		yaml_key(out, 4, "type", content_qtype_name(q->type));
		if (q->points != 1)
			yaml_num(out, 4, "points", q->points);
		if (q->ntags)
			yaml_list(out, 4, "tags", q->tags, q->ntags);
		yaml_key(out, 4, "text", q->text);
		switch (q->type) {
		case Q_SINGLE:
		case Q_MULTI:
			yaml_list(out, 4, "choices", q->choices, q->nchoices);
			sb_adds(out, "    answer: ");
			if (q->type == Q_MULTI)
				sb_addc(out, '[');
			for (j = 0; j < q->nchoices; j++)
				if (q->correct[j]) {
					if (out->buf[out->len - 1] != '[' && out->buf[out->len - 1] != ' ')
						sb_adds(out, ", ");
					sb_addc(out, (char)('A' + j));
				}
			sb_adds(out, q->type == Q_MULTI ? "]\n" : "\n");
			if (q->type == Q_MULTI && q->partial)
				sb_adds(out, "    scoring: partial\n");
			break;
		case Q_TRUEFALSE:
			sb_addf(out, "    answer: %s\n", q->truth ? "true" : "false");
			break;
		case Q_FILL:
			yaml_list(out, 4, "answer", q->accepted, q->naccepted);
			break;
		case Q_NUMERIC:
			yaml_num(out, 4, "answer", q->number);
			if (q->tolerance != 0)
				yaml_num(out, 4, "tolerance", q->tolerance);
			break;
		case Q_ORDER:
			yaml_list(out, 4, "steps", q->steps, q->nsteps);
			break;
		case Q_MATCH:
			sb_adds(out, "    pairs:\n");
			for (j = 0; j < q->npairs; j++) {
				sb_adds(out, "      - - ");
				yaml_str(out, q->left[j], 10);
				sb_adds(out, "\n        - ");
				yaml_str(out, q->right[j], 10);
				sb_addc(out, '\n');
			}
			break;
		case Q_ESSAY:
			if (q->rubric)
				yaml_key(out, 4, "rubric", q->rubric);
			break;
		}
		if (q->unit)
			yaml_key(out, 4, "unit", q->unit);
		if (q->explain)
			yaml_key(out, 4, "explain", q->explain);
	}
	for (i = 0; i < b->n; i++)
		free(ids[i]);
	free(ids);
	strmap_free(&taken);
}

/* What a question needs to be one, by type: a reader that let one
 * through without it leaves it out here, saying why. */
static const char *
q_lacks(const struct bank_q *q)
{
	switch (q->type) {
	case Q_SINGLE:
		if (q->nchoices < 2)
			return _("fewer than two choices");
		if (bank_ncorrect(q) != 1)
			return _("no right choice");
		break;
	case Q_MULTI:
		if (q->nchoices < 2)
			return _("fewer than two choices");
		if (bank_ncorrect(q) == 0)
			return _("no right choice");
		break;
	case Q_FILL:
		if (q->naccepted == 0)
			return _("no answer");
		break;
	case Q_ORDER:
		if (q->nsteps < 2)
			return _("fewer than two steps");
		break;
	case Q_MATCH:
		if (q->npairs < 2)
			return _("fewer than two pairs");
		break;
	default:
		break;
	}
	if ((q->type == Q_SINGLE || q->type == Q_MULTI) && q->nchoices > 26)
		return _("more than 26 choices");
	if (q->nsteps > 26 || q->npairs > 26)
		return _("more than 26 steps or pairs");
	if (!isfinite(q->number) || fabs(q->number) > 1e15 || !isfinite(q->tolerance) ||
	    q->tolerance < 0)
		return _("a number out of range");
	if (!(q->points >= 0.01 && q->points <= 1000))
		return _("points out of range (0.01 to 1000)");
	return NULL;
}

/* Whether a list holds a text twice (choices and steps must not). */
static const char *
repeated(char *const *v, size_t n)
{
	size_t i, j;

	for (i = 0; i < n && n <= 26; i++)
		for (j = 0; j < i; j++)
			if (strcmp(v[i], v[j]) == 0)
				return v[i];
	return NULL;
}

void
bank_check(struct bank *b)
{
	size_t i = 0, k;

	while (i < b->n) {
		struct bank_q *q = &b->q[i];
		const char *why = q->text == NULL ? _("no question text") : q_lacks(q);
		const char *twice = repeated(q->choices, q->nchoices);

		if (twice == NULL)
			twice = repeated(q->steps, q->nsteps);
		if (twice == NULL)
			twice = repeated(q->left, q->npairs);
		if (why == NULL && twice == NULL) {
			i++;
			continue;
		}
		if (why)
			bank_note(b, BANK_SKIPPED, q->line, 0, "%s", why);
		else
			bank_note(b, BANK_SKIPPED, q->line, 0, _("'%s' is there twice"), twice);
		q = &b->q[i];
		{
			struct bank_q gone = *q;

			for (k = i + 1; k < b->n; k++)
				b->q[k - 1] = b->q[k];
			b->q[b->n - 1] = gone;
			bank_drop_last(b);
		}
	}
}

int
bank_format_of_name(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;

	if (dot == NULL)
		return -1;
	if (strcasecmp(dot, ".csv") == 0)
		return BANK_EXCEL_CSV;
	if (strcasecmp(dot, ".gift") == 0)
		return BANK_GIFT;
	if (strcasecmp(dot, ".xml") == 0)
		return BANK_MOODLE_XML;
	if (strcasecmp(dot, ".yaml") == 0 || strcasecmp(dot, ".yml") == 0)
		return BANK_YAML;
	return -1;
}

enum bank_format
bank_guess(const char *name, const char *buf, size_t n)
{
	const char *p = buf, *end = buf + n;
	int f;

	if ((f = bank_format_of_name(name)) >= 0)
		return (enum bank_format)f;
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p < end && *p == '<')
		return BANK_MOODLE_XML;
	/* "ANSWER: X" lines are Aiken's; braces GIFT's; else a sheet */
	if (p < end) {
		size_t len = (size_t)(end - p);
		const char *a = p;
		bool aiken = false, gift = false;

		while (a && a < end) {
			const char *nl = memchr(a, '\n', (size_t)(end - a));

			if ((size_t)(end - a) >= 7 && strncmp(a, "ANSWER:", 7) == 0)
				aiken = true;
			a = nl ? nl + 1 : NULL;
		}
		gift = memchr(p, '{', len) && memchr(p, '}', len);
		if (aiken && !gift)
			return BANK_AIKEN;
		if (gift)
			return BANK_GIFT;
	}
	return BANK_EXCEL_CSV;
}

int
bank_import(struct bank *b, enum bank_format f, const char *buf, size_t n)
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
	default:
		BUG("no reader of %s", bank_format_name(f));
	}
}

void
bank_export(struct bank *b, enum bank_format f, struct sb *out)
{
	switch (f) {
	case BANK_EXCEL_CSV:
		bank_write_csv(b, out);
		break;
	case BANK_GIFT:
		bank_write_gift(b, out);
		break;
	case BANK_MOODLE_XML:
		bank_write_moodle(b, out);
		break;
	default:
		BUG("no writer of %s", bank_format_name(f));
	}
}
