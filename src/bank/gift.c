/* gift.c: Moodle's GIFT text format (docs.moodle.org/en/GIFT_format),
 * read into the bank model and written from it, as Moodle's own
 * importer takes it apart. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "bank/bank.h"
#include "text.h"

/*
 * A question is taken apart as Moodle does it: its lines (comment lines
 * left out) trimmed and joined, and each escaped mark made a placeholder
 * byte first, so that every '{', '~', '=', '#' or ':' still in the text
 * is one of GIFT's. The placeholders are control bytes, which no text
 * keeps (bank_str() drops them), so raw ones are dropped on the way in.
 */
enum {
	E_COLON = 1, E_HASH, E_EQ, E_LBRACE, E_RBRACE, E_TILDE, E_BSLASH, E_NL,
	E_LAST = E_NL
};

enum fmt { F_MOODLE, F_HTML, F_PLAIN, F_MARKDOWN };

/* kefu's comments before a question: what GIFT has no place for */
struct meta {
	char *id;
	char **tags;
	size_t ntags;
	double points;
	bool has_points;
	char *unit;
	int scoring;		/* -1 not said, 0 all-or-nothing, 1 partial */
	bool order;
	char *rubric;
};

struct rd {
	struct bank *b;
	const char *buf;
	size_t n;
	char *category;		/* the tag the last $CATEGORY gives, or NULL */
	/* the question at hand */
	size_t start;		/* offset of its first line in buf */
	unsigned line;		/* and that line's number */
	struct sb t;		/* its text, cooked (see above) */
	size_t *at;		/* where each byte of t was in buf; one more at the end */
	size_t nat, capat;
	struct meta m;
};

/* One answer of a block: offsets into the cooked text. */
struct ans {
	char op;		/* '=', '~' or 0 for none */
	double w;		/* weight in percent */
	size_t s, e;		/* the answer, weight taken off, feedback not */
	size_t fs, fe;		/* its feedback after '#'; fs == fe for none */
};

/* The bytes of a blank at p: a space, a tab or a CR, as Moodle trims
 * lines; when wide, also a no-break or an ideographic space (全角空格),
 * which make a line look blank. Else 0. */
static size_t
blank_at(const char *p, const char *end, bool wide)
{
	if (p >= end)
		return 0;
	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\v' || *p == '\f')
		return 1;
	if (wide && end - p >= 2 && memcmp(p, "\xc2\xa0", 2) == 0)
		return 2;
	if (wide && end - p >= 3 && memcmp(p, "\xe3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* The same for the blank that ends just before end. */
static size_t
blank_before(const char *start, const char *end, bool wide)
{
	if (end > start && blank_at(end - 1, end, wide) == 1)
		return 1;
	if (end - start >= 2 && blank_at(end - 2, end, wide) == 2)
		return 2;
	if (end - start >= 3 && blank_at(end - 3, end, wide) == 3)
		return 3;
	return 0;
}

/* Takes the blanks off both ends of *s..*e. The wide ones stay in a
 * line of text: they may begin it, and a text keeps them. */
static void
trim(const char **s, const char **e, bool wide)
{
	size_t k;

	while ((k = blank_at(*s, *e, wide)) != 0)
		*s += k;
	while ((k = blank_before(*s, *e, wide)) != 0)
		*e -= k;
}

/* Cooked offsets s..e trimmed of ASCII blanks (and line breaks). */
static void
ctrim(const char *t, size_t *s, size_t *e)
{
	while (*s < *e && strchr(" \t\n\r", t[*s]))
		(*s)++;
	while (*e > *s && strchr(" \t\n\r", t[*e - 1]))
		(*e)--;
}

/* The line and column (characters, from 1) of offset off of buf. */
static void
where(const struct rd *r, size_t off, unsigned *line, unsigned *col)
{
	size_t i, ls = r->start, k = 0;
	unsigned l = r->line;
	int32_t cp;

	for (i = r->start; i < off && i < r->n; i++)
		if (r->buf[i] == '\n') {
			l++;
			ls = i + 1;
		}
	*line = l;
	*col = 1;
	for (i = ls; i < off && i < r->n; i += k ? k : 1, (*col)++)
		k = text_decode(r->buf + i, r->n - i, &cp);
}

/* Leaves the question out: a note at cooked offset coff. */
static void PRINTF(3, 4)
skip(struct rd *r, size_t coff, const char *fmt, ...)
{
	va_list ap;
	unsigned line, col;

	where(r, r->at[coff < r->nat ? coff : r->nat - 1], &line, &col);
	va_start(ap, fmt);
	bank_vnote(r->b, BANK_SKIPPED, line, col, fmt, ap);
	va_end(ap);
}

/* Notes a loss at the line of cooked offset coff (no column: a loss
 * is the question's, docs/banks.md shows it as FILE:LINE). */
static void PRINTF(3, 4)
loss(struct rd *r, size_t coff, const char *fmt, ...)
{
	va_list ap;
	unsigned line, col;

	where(r, r->at[coff < r->nat ? coff : r->nat - 1], &line, &col);
	va_start(ap, fmt);
	bank_vnote(r->b, BANK_LOSS, line, 0, fmt, ap);
	va_end(ap);
}

/* A number, all of s..s+n (blanks around), in the forms GIFT files
 * write: no hex, infinities or NaN, which strtod() would take. */
static bool
num(const char *s, size_t n, double *x)
{
	const char *e = s + n;
	char *copy, *end;
	bool ok;

	trim(&s, &e, false);
	if (s == e || (size_t)(e - s) > 64 || strspn(s, "0123456789+-.eE") < (size_t)(e - s))
		return false;
	copy = xstrndup(s, (size_t)(e - s));
	*x = strtod(copy, &end);
	ok = *end == '\0' && end != copy && isfinite(*x);
	free(copy);
	return ok;
}

/* The length of a leading [html], [moodle], [plain] or [markdown]
 * (setting *fmt), else 0. */
static size_t
fmt_prefix(const char *s, size_t n, int *fmt)
{
	static const char *const names[] = {
		[F_MOODLE] = "[moodle]", [F_HTML] = "[html]",
		[F_PLAIN] = "[plain]", [F_MARKDOWN] = "[markdown]",
	};
	size_t i, k;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		k = strlen(names[i]);
		if (n >= k && memcmp(s, names[i], k) == 0) {
			*fmt = (int)i;
			return k;
		}
	}
	return 0;
}

/* Part s..e of the cooked text as a string of the bank: a leading
 * format taken off when prefix is set (Moodle reads one before every
 * text but a matching pair's right side), the escaped marks put back,
 * HTML made text. NULL for nothing. */
static char *
field(const char *t, size_t s, size_t e, int fmt, bool prefix, int *fmt_out)
{
	static const char back[] = {
		[E_COLON] = ':', [E_HASH] = '#', [E_EQ] = '=', [E_LBRACE] = '{',
		[E_RBRACE] = '}', [E_TILDE] = '~', [E_BSLASH] = '\\', [E_NL] = '\n',
	};
	struct sb sb = SB_INIT;
	char *out;
	size_t i;

	ctrim(t, &s, &e);
	if (prefix)
		s += fmt_prefix(t + s, e - s, &fmt);
	if (fmt_out)
		*fmt_out = fmt;
	for (i = s; i < e; i++) {
		unsigned char c = (unsigned char)t[i];

		sb_addc(&sb, c >= 1 && c <= E_LAST ? back[c] : (char)c);
	}
	if (sb.len == 0)
		out = NULL;
	else if (fmt == F_HTML)
		out = bank_html_text(sb.buf, sb.len);
	else
		out = bank_str(sb.buf, sb.len);
	sb_free(&sb);
	return out;
}

static void
meta_free(struct meta *m)
{
	size_t i;

	free(m->id);
	for (i = 0; i < m->ntags; i++)
		free(m->tags[i]);
	free(m->tags);
	free(m->unit);
	free(m->rubric);
	memset(m, 0, sizeof(*m));
	m->scoring = -1;
}

/* One [key:value] of a comment line. */
static void
meta_set(struct rd *r, unsigned line, const char *key, size_t klen, const char *val)
{
	struct meta *m = &r->m;

#define KEY(k) (klen == strlen(k) && memcmp(key, k, klen) == 0)
	if (KEY("id")) {
		free(m->id);
		m->id = bank_str(val, strlen(val));
	} else if (KEY("tag"))
		bank_push(&m->tags, &m->ntags, val, strlen(val));
	else if (KEY("kefu-points")) {
		if (num(val, strlen(val), &m->points))
			m->has_points = true;
		else
			bank_note(r->b, BANK_LOSS, line, 0, _("kefu-points '%s' is not a number"), val);
	} else if (KEY("kefu-unit")) {
		free(m->unit);
		m->unit = bank_str(val, strlen(val));
	} else if (KEY("kefu-scoring")) {
		if (strcmp(val, "all-or-nothing") == 0)
			m->scoring = 0;
		else if (strcmp(val, "partial") == 0)
			m->scoring = 1;
		else
			bank_note(r->b, BANK_LOSS, line, 0, _("kefu-scoring '%s' is neither all-or-nothing nor partial"), val);
	} else if (KEY("kefu-type")) {
		if (strcmp(val, "order") == 0)
			m->order = true;
		else
			bank_note(r->b, BANK_LOSS, line, 0, _("kefu-type '%s' is not one kefu knows"), val);
	} else if (KEY("kefu-rubric")) {
		free(m->rubric);
		m->rubric = bank_str(val, strlen(val));
	}
	/* other keys are other tools' business */
#undef KEY
}

/* A comment line: each [key:value] in it, a value's \] \\ and \n
 * unescaped. */
static void
meta_line(struct rd *r, unsigned line, const char *p, const char *end)
{
	struct sb val = SB_INIT;

	while ((p = memchr(p, '[', (size_t)(end - p))) != NULL) {
		const char *key = ++p;
		size_t klen;

		while (p < end && ((*p >= 'a' && *p <= 'z') || *p == '-'))
			p++;
		klen = (size_t)(p - key);
		if (p == end || *p != ':' || klen == 0)
			continue;
		sb_reset(&val);
		for (p++; p < end && *p != ']'; p++) {
			if (*p == '\\' && p + 1 < end && strchr("]\\n", p[1])) {
				p++;
				sb_addc(&val, *p == 'n' ? '\n' : *p);
			} else
				sb_addc(&val, *p);
		}
		if (p == end)
			break;	/* no ']': not one */
		meta_set(r, line, key, klen, sb_str(&val));
	}
	sb_free(&val);
}

/* $CATEGORY: a/b/c: its last part that names a category. */
static void
category(struct rd *r, const char *p, const char *end)
{
	static const char *const not_names[] = {
		"$course$", "$system$", "$module$", "$cat1$", "top"
	};
	const char *last = NULL, *s;
	size_t lastlen = 0, i, len;

	free(r->category);
	r->category = NULL;
	while (p < end) {
		const char *slash = memchr(p, '/', (size_t)(end - p)), *e = slash ? slash : end;

		s = p;
		trim(&s, &e, true);
		len = (size_t)(e - s);
		for (i = 0; i < ARRAY_SIZE(not_names); i++)
			if (len == strlen(not_names[i]) && memcmp(s, not_names[i], len) == 0)
				break;
		if (len && i == ARRAY_SIZE(not_names)) {
			last = s;
			lastlen = len;
		}
		p = slash ? slash + 1 : end;
	}
	if (last)
		r->category = bank_str(last, lastlen);
}

static void
cook_at(struct rd *r, size_t off)
{
	if (r->nat == r->capat) {
		r->capat = r->capat ? 2 * r->capat : 256;
		r->at = xreallocarray(r->at, r->capat, sizeof(*r->at));
	}
	r->at[r->nat++] = off;
}

/* Appends a line (trimmed) to the question's text, cooked. */
static void
cook(struct rd *r, const char *s, const char *e)
{
	static const char marks[] = ":#={}~\\n";
	const char *p, *m;

	for (p = s; p < e; p++) {
		if ((unsigned char)*p <= E_LAST && *p != '\0')
			continue;
		if (*p == '\\' && p + 1 < e && p[1] && (m = strchr(marks, p[1])) != NULL) {
			sb_addc(&r->t, (char)(E_COLON + (m - marks)));
			cook_at(r, (size_t)(p - r->buf));
			p++;
			continue;
		}
		sb_addc(&r->t, *p);
		cook_at(r, (size_t)(p - r->buf));
	}
}

/* The first of chars in t from s to e, or e. */
static size_t
find(const char *t, size_t s, size_t e, const char *chars)
{
	for (; s < e; s++)
		if (strchr(chars, t[s]) && t[s])
			break;
	return s;
}

static size_t
find_str(const char *t, size_t s, size_t e, const char *what)
{
	size_t k = strlen(what);

	for (; s + k <= e; s++)
		if (memcmp(t + s, what, k) == 0)
			return s;
	return e;
}

/* A weight %n% at s (n a number), else false. */
static bool
weight_at(const char *t, size_t *s, size_t e, double *w)
{
	size_t p = *s, close;

	if (p >= e || t[p] != '%')
		return false;
	close = find(t, p + 1, e, "%");
	if (close == e || !num(t + p + 1, close - p - 1, w))
		return false;
	*s = close + 1;
	return true;
}

/* Splits the answers of a block s..e at each of ops: each answer's
 * weight (when weigh holds its op), text and feedback. Returns their
 * number; *lead is set when text stands before the first op. */
static size_t
split(const struct rd *r, size_t s, size_t e, const char *ops, const char *weigh,
      struct ans **out, bool *lead)
{
	const char *t = r->t.buf;
	struct ans *v = NULL;
	size_t n = 0, p = find(t, s, e, ops), ls = s, le = p;

	ctrim(t, &ls, &le);
	*lead = ls < le;
	while (p < e) {
		struct ans *a;
		size_t next = find(t, p + 1, e, ops), hash;

		v = xreallocarray(v, n + 1, sizeof(*v));
		a = &v[n++];
		memset(a, 0, sizeof(*a));
		a->op = t[p];
		a->w = 100;
		a->s = p + 1;
		a->e = next;
		ctrim(t, &a->s, &a->e);
		/* no weight: '=' is all right, '~' all wrong */
		if (!(strchr(weigh, a->op) && weight_at(t, &a->s, a->e, &a->w)) && a->op == '~')
			a->w = 0;
		hash = find(t, a->s, a->e, "#");
		a->fs = a->fe = a->e;
		if (hash < a->e) {
			a->fs = hash + 1;
			a->e = hash;
		}
		p = next;
	}
	*out = v;
	return n;
}

/* Adds "what: feedback" to an explanation being made. */
static void
fb_text(struct sb *ex, const char *what, const char *fb)
{
	if (fb == NULL)
		return;
	if (ex->len)
		sb_addc(ex, '\n');
	sb_addf(ex, "%s: %s", what, fb);
}

/* The same with an answer's feedback. */
static void
feedback(const struct rd *r, struct sb *ex, const char *what, const struct ans *a, int fmt)
{
	char *fb = field(r->t.buf, a->fs, a->fe, fmt, true, NULL);

	fb_text(ex, what, fb);
	free(fb);
}

/* A weight as GIFT writes one: up to 5 decimals, no trailing zeros
 * (50, 33.33333). */
static void
add_weight(struct sb *out, double w)
{
	size_t start = out->len;

	sb_addf(out, "%.5f", w);
	while (out->len > start && out->buf[out->len - 1] == '0')
		out->len--;
	if (out->len > start && out->buf[out->len - 1] == '.')
		out->len--;
	out->buf[out->len] = '\0';
	if (strcmp(out->buf + start, "-0") == 0) {
		out->len = start;
		sb_addc(out, '0');
	}
}

/* The same for a note; caller frees. */
static char *
pct(double w)
{
	struct sb sb = SB_INIT;

	add_weight(&sb, w);
	return sb_detach(&sb);
}

/* Multiple choice: single when one answer is all right, else multi. */
static bool
read_choice(struct rd *r, struct bank_q *q, size_t s, size_t e, int fmt, struct sb *ex)
{
	struct ans *v;
	bool lead, has_eq = false, ok = false;
	size_t n = split(r, s, e, "~=", "~", &v, &lead), i, full = 0, pos = 0;
	char **texts = xcalloc(n + 1, sizeof(*texts));

	if (lead) {
		skip(r, s, "%s", _("text before the first answer: not a GIFT answer block"));
		goto out;
	}
	for (i = 0; i < n; i++) {
		if ((texts[i] = field(r->t.buf, v[i].s, v[i].e, fmt, true, NULL)) == NULL) {
			skip(r, v[i].s, "%s", _("an empty answer"));
			goto out;
		}
		has_eq |= v[i].op == '=';
		full += v[i].w >= 100;
		pos += v[i].w > 0;
	}
	if (n < 2) {
		skip(r, s, "%s", _("fewer than two choices"));
		goto out;
	}
	if (pos == 0) {
		skip(r, s, "%s", _("no right choice"));
		goto out;
	}
	/* Moodle makes a block with an '=' a one-answer question, whatever
	 * other answers are worth; without, as many answers as are worth
	 * something */
	if (r->m.scoring >= 0 || (has_eq ? full : pos) >= 2) {
		q->type = Q_MULTI;
		q->partial = r->m.scoring != 0;
		if (has_eq && r->m.scoring < 0)
			loss(r, s, _("any one of the %zu right choices was enough; kefu asks for all of them"),
			     full);
	} else
		q->type = Q_SINGLE;
	for (i = 0; i < n; i++) {
		bool right = q->type == Q_MULTI ? v[i].w > 0 :
		    has_eq ? v[i].w >= 100 : v[i].w > 0;

		if (q->type == Q_SINGLE && v[i].w > 0 && (v[i].w < 100 || !right)) {
			char *w = pct(v[i].w);

			if (right)
				loss(r, v[i].s, _("choice '%s' is worth %s%% in the file, full marks here"),
				     texts[i], w);
			else
				loss(r, v[i].s, _("partial credit (%s%%) of choice '%s' dropped: it counts as wrong"),
				     w, texts[i]);
			free(w);
		}
		bank_add_choice(q, texts[i], strlen(texts[i]), right);
		feedback(r, ex, texts[i], &v[i], fmt);
	}
	ok = true;
out:
	for (i = 0; i < n; i++)
		free(texts[i]);
	free(texts);
	free(v);
	return ok;
}

/* Short answer: each answer worth 100% an accepted form. */
static bool
read_fill(struct rd *r, struct bank_q *q, size_t s, size_t e, int fmt, struct sb *ex)
{
	struct ans *v;
	bool lead, ok = false;
	size_t n = split(r, s, e, "=", "=", &v, &lead), i;
	char *a;

	if (lead) {
		a = field(r->t.buf, s, e, fmt, false, NULL);
		if (a)
			skip(r, s, _("unknown answer block '%s'"), a);
		else
			skip(r, s, "%s", _("an answer block of invisible characters"));
		free(a);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if ((a = field(r->t.buf, v[i].s, v[i].e, fmt, true, NULL)) == NULL) {
			skip(r, v[i].s, "%s", _("an empty answer"));
			goto out;
		}
		if (v[i].w >= 100) {
			bank_push(&q->accepted, &q->naccepted, a, strlen(a));
			feedback(r, ex, a, &v[i], fmt);
		} else {
			char *w = pct(v[i].w);

			loss(r, v[i].s, _("answer '%s' worth %s%% dropped: only full-marks answers are kept"),
			     a, w);
			free(w);
		}
		free(a);
	}
	if (q->naccepted == 0)
		skip(r, s, "%s", _("no right answer"));
	else
		ok = true;
out:
	free(v);
	return ok;
}

/* Numerical: N, N:tolerance, min..max; the answer worth 100% kept. */
static bool
read_numeric(struct rd *r, struct bank_q *q, size_t s, size_t e, int fmt, struct sb *ex)
{
	const char *t = r->t.buf;
	size_t tilde = find(t, s, e, "~"), i, n, k;
	struct ans *v, other;
	bool lead, found = false, ok = false;

	/* a '~' starts the feedback for any other answer */
	n = split(r, s, tilde, "=", "=", &v, &lead);
	if (lead) {
		/* the lone answer without '=': {#3.14:0.01} */
		v = xreallocarray(v, n + 1, sizeof(*v));
		memmove(v + 1, v, n * sizeof(*v));
		n++;
		memset(v, 0, sizeof(*v));
		v[0].w = 100;
		v[0].s = s;
		v[0].e = find(t, s, tilde, "=");
		weight_at(t, &v[0].s, v[0].e, &v[0].w);
		k = find(t, v[0].s, v[0].e, "#");
		v[0].fs = v[0].fe = v[0].e;
		if (k < v[0].e) {
			v[0].fs = k + 1;
			v[0].e = k;
		}
	}
	if (n == 0) {
		skip(r, s, "%s", _("no number in the answer block"));
		goto out;
	}
	for (i = 0; i < n; i++) {
		char *a = field(r->t.buf, v[i].s, v[i].e, F_PLAIN, true, NULL);
		size_t dots, colon;
		double x = 0, tol = 0;
		bool good;

		if (a == NULL) {
			skip(r, v[i].s, "%s", _("an empty answer"));
			goto out;
		}
		dots = (size_t)(strstr(a, "..") ? strstr(a, "..") - a : 0);
		colon = (size_t)(strchr(a, ':') ? strchr(a, ':') - a : 0);
		if (dots > 0) {
			double lo = 0, hi = 0;

			good = num(a, dots, &lo) && num(a + dots + 2, strlen(a) - dots - 2, &hi);
			x = (lo + hi) / 2;
			tol = fabs(hi - lo) / 2;
		} else if (colon > 0)
			good = num(a, colon, &x) && num(a + colon + 1, strlen(a) - colon - 1, &tol);
		else
			good = num(a, strlen(a), &x);
		if (!good) {
			skip(r, v[i].s, _("'%s' is not a number"), a);
			free(a);
			goto out;
		}
		if (v[i].w >= 100 && !found) {
			found = true;
			q->number = x;
			q->tolerance = tol;
			feedback(r, ex, a, &v[i], fmt);
		} else {
			char *w = pct(v[i].w);

			loss(r, v[i].s, _("answer '%s' worth %s%% dropped: only one full-marks answer is kept"),
			     a, w);
			free(w);
		}
		free(a);
	}
	if (!found) {
		skip(r, s, "%s", _("no right answer"));
		goto out;
	}
	if (tilde < e) {
		memset(&other, 0, sizeof(other));
		other.fs = find(t, tilde, e, "#");
		other.fe = e;
		if (other.fs < e)
			other.fs++;
		feedback(r, ex, _("any other answer"), &other, fmt);
	}
	ok = true;
out:
	free(v);
	return ok;
}

/* Matching: =left -> right; an order question when kefu wrote one so. */
static bool
read_match(struct rd *r, struct bank_q *q, size_t s, size_t e, int fmt)
{
	const char *t = r->t.buf;
	struct ans *v;
	bool lead, ok = false;
	size_t n = split(r, s, e, "=", "", &v, &lead), i, np = 0;
	char **left = xcalloc(n + 1, sizeof(*left)), **right = xcalloc(n + 1, sizeof(*right));

	if (lead) {
		skip(r, s, "%s", _("text before the first answer: not a GIFT answer block"));
		goto out;
	}
	for (i = 0; i < n; i++) {
		/* the feedback split() took off is none in a pair: its text */
		size_t end = v[i].fe, arrow = find_str(t, v[i].s, end, "->");
		char *l, *rt;

		if (arrow == end) {
			skip(r, v[i].s, "%s", _("a matching pair without '->'"));
			goto out;
		}
		l = field(r->t.buf, v[i].s, arrow, fmt, true, NULL);
		rt = field(r->t.buf, arrow + 2, end, F_PLAIN, false, NULL);
		if (rt == NULL) {
			free(l);
			skip(r, v[i].s, "%s", _("an empty answer"));
			goto out;
		}
		if (l == NULL) {
			loss(r, v[i].s, _("extra answer '%s' (one that matches nothing) dropped"), rt);
			free(rt);
			continue;
		}
		left[np] = l;
		right[np++] = rt;
	}
	if (r->m.order) {
		/* left sides 1 ... n: the steps in that order */
		char **steps = xcalloc(np + 1, sizeof(*steps));
		bool is_order = true;

		for (i = 0; i < np && is_order; i++) {
			char *end;
			unsigned long k = strtoul(left[i], &end, 10);

			if (*end || left[i][0] < '1' || left[i][0] > '9' || k > np || steps[k - 1])
				is_order = false;
			else
				steps[k - 1] = right[i];
		}
		if (is_order) {
			q->type = Q_ORDER;
			for (i = 0; i < np; i++)
				bank_push(&q->steps, &q->nsteps, steps[i], strlen(steps[i]));
		} else
			loss(r, s, "%s", _("not an order question: its left sides are not 1, 2, 3 ...; read as matching"));
		free(steps);
	}
	if (q->type == Q_MATCH)
		for (i = 0; i < np; i++)
			bank_add_pair(q, left[i], strlen(left[i]), right[i], strlen(right[i]));
	ok = true;
out:
	for (i = 0; i < n; i++) {
		free(left[i]);
		free(right[i]);
	}
	free(left);
	free(right);
	free(v);
	return ok;
}

/* TRUE#feedback when answered wrong#feedback when answered right */
static bool
read_truefalse(struct rd *r, struct bank_q *q, size_t s, size_t e, int fmt, struct sb *ex)
{
	const char *t = r->t.buf;
	size_t h1 = find(t, s, e, "#"), h2 = h1 < e ? find(t, h1 + 1, e, "#") : e;
	size_t as = s, ae = h1;
	char *wrong = h1 < e ? field(r->t.buf, h1 + 1, h2, fmt, true, NULL) : NULL;
	char *right = h2 < e ? field(r->t.buf, h2 + 1, e, fmt, true, NULL) : NULL;

	ctrim(t, &as, &ae);
	q->truth = t[as] == 'T';
	fb_text(ex, _("true"), q->truth ? right : wrong);
	fb_text(ex, _("false"), q->truth ? wrong : right);
	free(wrong);
	free(right);
	return true;
}

static bool
is_truefalse(const char *t, size_t s, size_t e)
{
	static const char *const words[] = { "T", "TRUE", "F", "FALSE" };
	size_t i;

	e = find(t, s, e, "#");
	ctrim(t, &s, &e);
	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (e - s == strlen(words[i]) && memcmp(t + s, words[i], e - s) == 0)
			return true;
	return false;
}

/* The question cooked in r->t, its first line at qline. */
static void
question(struct rd *r, unsigned qline)
{
	const char *t = r->t.buf;
	size_t m = r->t.len, i = 0, lb, rb, as, ae, gf, more, k;
	char *title = NULL;
	struct sb text = SB_INIT, ex = SB_INIT;
	struct bank_q *q;
	int fmt = F_MOODLE;
	bool ok;

	cook_at(r, r->at[m - 1] + 1);	/* the end, for notes there */
	if (m >= 2 && t[0] == ':' && t[1] == ':') {
		k = find_str(t, 2, m, "::");
		if (k < m) {
			title = field(r->t.buf, 2, k, F_PLAIN, false, NULL);
			i = k + 2;
		} else
			i = 2;
	}
	lb = find(t, i, m, "{");
	rb = find(t, i, m, "}");
	if (lb == m && rb == m) {
		skip(r, i, "%s", _("a description (no answer block), not a question"));
		goto out;
	}
	if (rb < lb) {
		skip(r, rb, "%s", _("a '}' without '{'"));
		goto out;
	}
	if (rb == m) {
		skip(r, lb, "%s", _("no '}' closes this '{'"));
		goto out;
	}
	if ((more = find(t, lb + 1, rb, "{")) < rb) {
		skip(r, more, "%s", _("a '{' inside an answer block (write \\{ for the mark)"));
		goto out;
	}
	if ((more = find(t, rb + 1, m, "{}")) < m) {
		skip(r, more, "%s", t[more] == '{' ? _("a second answer block: GIFT has one a question") :
		     _("a '}' without '{'"));
		goto out;
	}
	/* the text, with a blank where the block stood when text follows it
	 * (Moodle's "missing word" question) */
	as = rb + 1;
	ae = m;
	ctrim(t, &as, &ae);
	sb_add(&text, t + i, lb - i);
	if (as < ae) {
		sb_adds(&text, "____");
		sb_add(&text, t + rb + 1, m - rb - 1);
	}
	q = bank_add(r->b, Q_ESSAY, qline);
	q->text = field(sb_str(&text), 0, text.len, F_MOODLE, true, &fmt);
	sb_free(&text);
	as = lb + 1;
	ae = rb;
	/* general feedback after the last #### */
	gf = ae;
	for (k = as; k + 4 <= ae; k++)
		if (memcmp(t + k, "####", 4) == 0)
			gf = k;
	if (gf < ae) {
		char *g = field(r->t.buf, gf + 4, ae, fmt, true, NULL);

		if (g)
			sb_adds(&ex, g);
		free(g);
		ae = gf;
	}
	ctrim(t, &as, &ae);
	if (as == ae) {
		q->type = Q_ESSAY;
		q->rubric = xstrdup_null(r->m.rubric);
		ok = true;
	} else if (t[as] == '#') {
		q->type = Q_NUMERIC;
		ok = read_numeric(r, q, as + 1, ae, fmt, &ex);
	} else if (find(t, as, ae, "~") < ae)
		ok = read_choice(r, q, as, ae, fmt, &ex);
	else if (find(t, as, ae, "=") < ae && find_str(t, as, ae, "->") < ae) {
		q->type = Q_MATCH;
		ok = read_match(r, q, as, ae, fmt);
	} else if (is_truefalse(t, as, ae)) {
		q->type = Q_TRUEFALSE;
		ok = read_truefalse(r, q, as, ae, fmt, &ex);
	} else {
		q->type = Q_FILL;
		ok = read_fill(r, q, as, ae, fmt, &ex);
	}
	if (!ok) {
		bank_drop_last(r->b);
		goto out;
	}
	if (bank_is_id(r->m.id))
		q->id = xstrdup(r->m.id);
	else if (bank_is_id(title))
		q->id = xstrdup(title);
	if (r->m.has_points)
		q->points = r->m.points;
	for (k = 0; k < r->m.ntags; k++)
		bank_add_tag(q, r->m.tags[k], strlen(r->m.tags[k]));
	if (r->category)
		bank_add_tag(q, r->category, strlen(r->category));
	if (q->type == Q_FILL || q->type == Q_NUMERIC)
		q->unit = xstrdup_null(r->m.unit);
	if (ex.len)
		q->explain = bank_str(ex.buf, ex.len);
out:
	free(title);
	sb_free(&ex);
}

/* A run of lines without a blank one: a question, a category, or
 * comments. */
static void
chunk(struct rd *r, size_t start, size_t end, unsigned line)
{
	const char *p = r->buf + start, *e = r->buf + end;
	unsigned l = line, qline = 0;

	r->start = start;
	r->line = line;
	sb_reset(&r->t);
	r->nat = 0;
	meta_free(&r->m);
	for (; p < e; l++) {
		const char *nl = memchr(p, '\n', (size_t)(e - p)), *s = p;
		const char *le = nl ? nl : e;

		p = nl ? nl + 1 : e;
		trim(&s, &le, false);
		if (le - s >= 2 && s[0] == '/' && s[1] == '/') {
			meta_line(r, l, s + 2, le);
			continue;
		}
		if (r->t.len == 0 && le - s >= 10 && memcmp(s, "$CATEGORY:", 10) == 0) {
			category(r, s + 10, le);
			continue;
		}
		if (qline == 0)
			qline = l;
		else {
			sb_addc(&r->t, '\n');
			cook_at(r, (size_t)(s - r->buf));
		}
		cook(r, s, le);
	}
	/* a question of nothing but control characters is no question */
	if (qline != 0 && r->t.len > 0)
		question(r, qline);
}

int
bank_read_gift(struct bank *b, const char *buf, size_t n)
{
	struct rd r;
	const char *p = buf, *end = buf + n;
	size_t bad, cstart = 0;
	unsigned line = 1, cline = 0;

	if (memchr(buf, '\0', n)) {
		bank_note(b, BANK_ERROR, 0, 0, "%s", _("a NUL byte: this is no GIFT text"));
		return -1;
	}
	if (!text_valid(buf, n, &bad)) {
		for (line = 1; p < buf + bad; p++)
			line += *p == '\n';
		bank_note(b, BANK_ERROR, line, 0, "%s", _("not UTF-8 text (save the file as UTF-8)"));
		return -1;
	}
	memset(&r, 0, sizeof(r));
	r.b = b;
	r.buf = buf;
	r.n = n;
	r.m.scoring = -1;
	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	/* questions are the runs of lines between blank ones */
	for (; p < end; line++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *s = p;
		const char *le = nl ? nl : end;

		trim(&s, &le, true);
		if (s == le) {
			if (cline)
				chunk(&r, cstart, (size_t)(p - buf), cline);
			cline = 0;
		} else if (cline == 0) {
			cline = line;
			cstart = (size_t)(p - buf);
		}
		p = nl ? nl + 1 : end;
	}
	if (cline)
		chunk(&r, cstart, n, cline);
	meta_free(&r.m);
	free(r.category);
	sb_free(&r.t);
	free(r.at);
	return 0;
}

/* ---- writing ---- */

/* A text escaped for GIFT: its marks with a backslash, line breaks as
 * \n. A text Moodle would read a [format] or a comment in gets
 * [moodle] before it, which Moodle and this reader take off. */
static void
esc(struct sb *out, const char *s, bool prefix)
{
	if (s == NULL)
		return;
	if (prefix && (s[0] == '[' || strncmp(s, "//", 2) == 0))
		sb_adds(out, "[moodle]");
	for (; *s; s++) {
		if (*s == '\n')
			sb_adds(out, "\\n");
		else if (*s == '\r')
			;
		else {
			if (strchr("~=#{}:\\", *s))
				sb_addc(out, '\\');
			sb_addc(out, *s);
		}
	}
}

/* A comment's [key:value]. */
static void
comment(struct sb *out, const char *key, const char *val)
{
	sb_addf(out, "// [%s:", key);
	for (; *val; val++) {
		if (*val == '\n')
			sb_adds(out, "\\n");
		else if (*val == ']' || *val == '\\') {
			sb_addc(out, '\\');
			sb_addc(out, *val);
		} else if (*val != '\r')
			sb_addc(out, *val);
	}
	sb_adds(out, "]\n");
}

/* %w%, as Moodle writes fractions. */
static void
weight(struct sb *out, double w)
{
	sb_addc(out, '%');
	add_weight(out, w);
	sb_addc(out, '%');
}

static void
explain(struct sb *out, const struct bank_q *q, bool own_line)
{
	if (q->explain == NULL)
		return;
	sb_adds(out, own_line ? "\t####" : " ####");
	esc(out, q->explain, true);
	if (own_line)
		sb_addc(out, '\n');
}

/* "->" in a fill-in answer or a pair's left side makes Moodle read
 * another question type: said, as GIFT cannot escape it. */
static void
arrow_loss(struct bank *b, const struct bank_q *q, const char *s)
{
	if (strstr(s, "->"))
		bank_note(b, BANK_LOSS, q->line, 0,
			  _("'%s' holds '->', which GIFT reads as a matching pair"), s);
}

static void
write_q(struct bank *b, const struct bank_q *q, struct sb *out)
{
	size_t i, k;

	if (q->id)
		comment(out, "id", q->id);
	for (i = 0; i < q->ntags; i++)
		comment(out, "tag", q->tags[i]);
	if (q->points != 1) {
		struct sb p = SB_INIT;

		bank_num(&p, q->points);
		comment(out, "kefu-points", sb_str(&p));
		sb_free(&p);
	}
	if (q->unit && (q->type == Q_FILL || q->type == Q_NUMERIC))
		comment(out, "kefu-unit", q->unit);
	k = bank_ncorrect(q);
	/* Moodle marks a multi question partly right; say when kefu does
	 * not, and when one right choice would read as a single one */
	if (q->type == Q_MULTI && (!q->partial || k < 2))
		comment(out, "kefu-scoring", q->partial ? "partial" : "all-or-nothing");
	if (q->type == Q_ORDER)
		comment(out, "kefu-type", "order");
	if (q->type == Q_ESSAY && q->rubric)
		comment(out, "kefu-rubric", q->rubric);
	if (q->id) {
		sb_adds(out, "::");
		esc(out, q->id, false);
		sb_adds(out, "::");
	}
	esc(out, q->text, true);
	switch (q->type) {
	case Q_SINGLE:
		sb_adds(out, " {\n");
		for (i = 0; i < q->nchoices; i++) {
			/* a '~' answer's text starting with % would read as a
			 * weight: give it its weight, 0 */
			if (q->correct[i])
				sb_adds(out, "\t=");
			else
				sb_adds(out, q->choices[i][0] == '%' ? "\t~%0%" : "\t~");
			esc(out, q->choices[i], true);
			sb_addc(out, '\n');
		}
		explain(out, q, true);
		sb_addc(out, '}');
		break;
	case Q_MULTI:
		sb_adds(out, " {\n");
		for (i = 0; i < q->nchoices; i++) {
			sb_adds(out, "\t~");
			if (k == 0)
				;
			else if (q->correct[i])
				weight(out, 100.0 / (double)k);
			else
				weight(out, q->partial ? -100.0 / (double)k : -100);
			esc(out, q->choices[i], true);
			sb_addc(out, '\n');
		}
		explain(out, q, true);
		sb_addc(out, '}');
		break;
	case Q_TRUEFALSE:
		sb_adds(out, q->truth ? " {TRUE" : " {FALSE");
		explain(out, q, false);
		sb_addc(out, '}');
		break;
	case Q_FILL:
		sb_adds(out, " {\n");
		for (i = 0; i < q->naccepted; i++) {
			arrow_loss(b, q, q->accepted[i]);
			sb_adds(out, q->accepted[i][0] == '%' ? "\t=%100%" : "\t=");
			esc(out, q->accepted[i], true);
			sb_addc(out, '\n');
		}
		explain(out, q, true);
		sb_addc(out, '}');
		break;
	case Q_NUMERIC:
		sb_adds(out, " {#");
		bank_num(out, q->number);
		sb_addc(out, ':');
		bank_num(out, q->tolerance);
		explain(out, q, false);
		sb_addc(out, '}');
		break;
	case Q_ORDER:
		sb_adds(out, " {\n");
		for (i = 0; i < q->nsteps; i++) {
			sb_addf(out, "\t=%zu -> ", i + 1);
			esc(out, q->steps[i], false);
			sb_addc(out, '\n');
		}
		explain(out, q, true);
		sb_addc(out, '}');
		break;
	case Q_MATCH:
		sb_adds(out, " {\n");
		for (i = 0; i < q->npairs; i++) {
			arrow_loss(b, q, q->left[i]);
			sb_adds(out, "\t=");
			esc(out, q->left[i], true);
			sb_adds(out, " -> ");
			esc(out, q->right[i], false);
			sb_addc(out, '\n');
		}
		explain(out, q, true);
		sb_addc(out, '}');
		break;
	case Q_ESSAY:
		sb_adds(out, " {");
		if (q->explain) {
			sb_adds(out, "####");
			esc(out, q->explain, true);
		}
		sb_addc(out, '}');
		break;
	}
	sb_addc(out, '\n');
}

void
bank_write_gift(struct bank *b, struct sb *out)
{
	size_t i;
	const char *s;

	if (b->title) {
		sb_adds(out, "// ");
		for (s = b->title; *s; s++)
			sb_addc(out, *s == '\n' || *s == '\r' ? ' ' : *s);
		sb_adds(out, "\n\n");
	}
	for (i = 0; i < b->n; i++) {
		if (i > 0)
			sb_addc(out, '\n');
		write_q(b, &b->q[i], out);
	}
}
