/* quiz.c: drawing papers, reading answers and scoring them. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quiz.h"
#include "text.h"

uint64_t
quiz_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A uniform index below n. */
static size_t
below(uint64_t *rng, size_t n)
{
	return (size_t)(quiz_random(rng) % n);
}

static void
shuffle(size_t *a, size_t n, uint64_t *rng)
{
	size_t i;

	for (i = n; i > 1; i--) {
		size_t j = below(rng, i), t = a[i - 1];

		a[i - 1] = a[j];
		a[j] = t;
	}
}

static int
cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;

	return a < b ? -1 : a > b;
}

bool
quiz_has_tag(const struct question *q, const char *tag)
{
	size_t k;

	for (k = 0; k < q->ntags; k++)
		if (strcmp(q->tags[k], tag) == 0)
			return true;
	return false;
}

/* Gives slot a question, moving others along (augmenting paths). */
static bool
augment(const struct quiz *qz, const size_t *order, const size_t *slot_rule,
	size_t slot, size_t *owner, bool *seen)
{
	size_t k;

	for (k = 0; k < qz->nquestions; k++) {
		size_t j = order[k];

		if (seen[j] || !quiz_has_tag(&qz->questions[j], qz->draws[slot_rule[slot]].tag))
			continue;
		seen[j] = true;
		if (owner[j] == (size_t)-1 ||
		    augment(qz, order, slot_rule, owner[j], owner, seen)) {
			owner[j] = slot;
			return true;
		}
	}
	return false;
}

/* The rule of each of the draw's slots, count slots per rule; sets
 * *total to the number of slots. */
static size_t *
slot_rules(const struct quiz *qz, size_t *total)
{
	size_t r, j, s = 0, *slot_rule;

	*total = 0;
	for (r = 0; r < qz->ndraws; r++)
		*total += qz->draws[r].count;
	slot_rule = xreallocarray(NULL, *total + 1, sizeof(*slot_rule));
	for (r = 0; r < qz->ndraws; r++)
		for (j = 0; j < qz->draws[r].count; j++)
			slot_rule[s++] = r;
	return slot_rule;
}

/* Matches slots to questions, questions tried in random order when rng
 * is given: owner[j] is the slot given question j, or -1. Questions with
 * several tags are used where they are needed. */
static void
match_slots(const struct quiz *qz, uint64_t *rng, const size_t *slot_rule,
	    size_t total, size_t *owner)
{
	size_t *order = xreallocarray(NULL, qz->nquestions + 1, sizeof(*order));
	bool *seen = xcalloc(qz->nquestions + 1, sizeof(*seen));
	size_t s, j;

	for (j = 0; j < qz->nquestions; j++) {
		order[j] = j;
		owner[j] = (size_t)-1;
	}
	if (rng)
		shuffle(order, qz->nquestions, rng);
	for (s = 0; s < total; s++) {
		memset(seen, 0, qz->nquestions * sizeof(*seen));
		augment(qz, order, slot_rule, s, owner, seen);
	}
	free(order);
	free(seen);
}

size_t
quiz_draw_tags(const struct quiz *qz, uint64_t *rng, size_t *picked)
{
	size_t total, j, n = 0;
	size_t *owner = xreallocarray(NULL, qz->nquestions + 1, sizeof(*owner));
	size_t *slot_rule = slot_rules(qz, &total);

	match_slots(qz, rng, slot_rule, total, owner);
	for (j = 0; j < qz->nquestions; j++)
		if (owner[j] != (size_t)-1)
			picked[n++] = j;
	free(owner);
	free(slot_rule);
	return n;
}

/* ---- comparable papers ---- */

/* The rules whose tags question j carries: rules[start[j]] up to
 * rules[start[j + 1]], ascending, each once. */
struct carried {
	size_t *start, *rules;
};

static void
carried_init(const struct quiz *qz, struct carried *c)
{
	struct strmap by_tag = STRMAP_INIT;
	size_t j, k, r, n = 0, all = 0;

	for (r = 0; r < qz->ndraws; r++)
		strmap_put(&by_tag, qz->draws[r].tag, (void *)(uintptr_t)(r + 1));
	for (j = 0; j < qz->nquestions; j++)
		all += qz->questions[j].ntags;
	c->start = xreallocarray(NULL, qz->nquestions + 1, sizeof(*c->start));
	c->rules = xreallocarray(NULL, all + 1, sizeof(*c->rules));
	for (j = 0; j < qz->nquestions; j++) {
		const struct question *q = &qz->questions[j];

		c->start[j] = n;
		for (k = 0; k < q->ntags; k++) {
			uintptr_t v = (uintptr_t)strmap_get(&by_tag, q->tags[k]);
			size_t i = n;

			if (v == 0)
				continue;
			r = (size_t)v - 1;
			while (i > c->start[j] && c->rules[i - 1] > r)
				i--;
			if (i > c->start[j] && c->rules[i - 1] == r)
				continue;	/* a tag written twice */
			memmove(&c->rules[i + 1], &c->rules[i], (n - i) * sizeof(*c->rules));
			c->rules[i] = r;
			n++;
		}
	}
	c->start[j] = n;
	strmap_free(&by_tag);
}

/* Whether two questions weigh the same on a paper: points, type and, in
 * a draw by tags, the drawn tags they carry. */
static bool
same_weight(const struct quiz *qz, const struct carried *c, size_t a, size_t b)
{
	const struct question *x = &qz->questions[a], *y = &qz->questions[b];
	size_t n;

	if (x->points != y->points || x->type != y->type)
		return false;
	if (c == NULL)
		return true;
	n = c->start[a + 1] - c->start[a];
	return n == c->start[b + 1] - c->start[b] &&
	    memcmp(&c->rules[c->start[a]], &c->rules[c->start[b]],
		   n * sizeof(*c->rules)) == 0;
}

static bool
uneven(struct draw_uneven *why, const char *tag, size_t a, size_t b)
{
	why->tag = tag;
	why->a = a < b ? a : b;
	why->b = a < b ? b : a;
	return false;
}

/* Papers of a draw by tags are the sets of questions that fill every
 * slot. Take one, B: every other is reached from it by swaps, each
 * putting a question outside B in the place of one inside it, and the
 * papers are alike exactly when no swap changes the weight. A swap
 * may move questions along other slots to make room; but then the
 * question swapped in carries each tag along that way, as the
 * questions moved do, and with weights equal (the drawn tags are part
 * of a weight) it comes down to swaps made directly in a slot. So:
 * for each rule, the questions its slots hold in B and those outside B
 * that carry its tag must weigh the same; with none outside, B's are
 * on every paper. */
static bool
uniform_tags(const struct quiz *qz, struct draw_uneven *why)
{
	size_t total, nq = qz->nquestions, r, j, held;
	size_t *slot_rule = slot_rules(qz, &total);
	size_t *owner = xreallocarray(NULL, nq + 1, sizeof(*owner));
	bool even = true;
	struct carried c;

	match_slots(qz, NULL, slot_rule, total, owner);
	for (j = 0, held = 0; j < nq; j++)
		held += owner[j] != (size_t)-1;
	if (held < total) {
		free(slot_rule);
		free(owner);
		return true;	/* the draw cannot be met: said elsewhere */
	}
	carried_init(qz, &c);
	for (r = 0; r < qz->ndraws && even; r++) {
		const char *tag = qz->draws[r].tag;
		size_t first = (size_t)-1;
		bool outside = false;

		for (j = 0; j < nq && !outside; j++)
			outside = owner[j] == (size_t)-1 && quiz_has_tag(&qz->questions[j], tag);
		for (j = 0; j < nq && outside && even; j++) {
			if (owner[j] != (size_t)-1 ? slot_rule[owner[j]] != r :
			    !quiz_has_tag(&qz->questions[j], tag))
				continue;
			if (first == (size_t)-1)
				first = j;
			else if (!same_weight(qz, &c, first, j))
				even = uneven(why, tag, first, j);
		}
	}
	free(c.start);
	free(c.rules);
	free(slot_rule);
	free(owner);
	return even;
}

bool
quiz_draw_uniform(const struct quiz *qz, struct draw_uneven *why)
{
	size_t j;

	if (qz->ndraws == 0)
		return true;	/* every question, on every paper */
	if (qz->draws[0].tag != NULL)
		return uniform_tags(qz, why);
	if (qz->draws[0].count >= qz->nquestions)
		return true;
	for (j = 1; j < qz->nquestions; j++)
		if (!same_weight(qz, NULL, 0, j))
			return uneven(why, NULL, 0, j);
	return true;
}

/* A permutation of n, shuffled when asked; when it must hide an order,
 * never the written order itself. */
static unsigned *
make_perm(size_t n, bool mix, bool hide, uint64_t *rng)
{
	size_t *a = xreallocarray(NULL, n + 1, sizeof(*a)), i;
	unsigned *perm = xreallocarray(NULL, n + 1, sizeof(*perm));
	bool identity = true;

	for (i = 0; i < n; i++)
		a[i] = i;
	if (mix || hide)
		shuffle(a, n, rng);
	for (i = 0; i < n; i++)
		identity = identity && a[i] == i;
	if (hide && identity && n > 1) {
		/* rotate by one: still a fair puzzle, never the key */
		for (i = 0; i < n; i++)
			a[i] = (i + 1) % n;
	}
	for (i = 0; i < n; i++)
		perm[i] = (unsigned)a[i];
	free(a);
	return perm;
}

static void
item_perm(const struct question *q, struct paper_item *it, bool mix,
	  uint64_t *rng)
{
	switch (q->type) {
	case Q_SINGLE:
	case Q_MULTI:
		it->nperm = q->nchoices;
		it->perm = make_perm(q->nchoices, mix, false, rng);
		break;
	case Q_ORDER:
		it->nperm = q->nsteps;
		it->perm = make_perm(q->nsteps, true, true, rng);
		break;
	case Q_MATCH:
		it->nperm = q->npairs;
		it->perm = make_perm(q->npairs, true, true, rng);
		break;
	default:
		it->nperm = 0;
		it->perm = NULL;
		break;
	}
}

void
quiz_item(const struct question *q, size_t index, bool mix, uint64_t *rng,
	  struct paper_item *it)
{
	it->q = index;
	item_perm(q, it, mix, rng);
}

struct paper *
quiz_draw(const struct quiz *qz, uint64_t seed)
{
	struct paper *p = xcalloc(1, sizeof(*p));
	size_t *picked = xreallocarray(NULL, qz->nquestions + 1, sizeof(*picked));
	size_t n = 0, i;
	uint64_t rng = seed;

	if (qz->ndraws > 0 && qz->draws[0].tag != NULL) {
		n = quiz_draw_tags(qz, &rng, picked);
	} else {
		for (i = 0; i < qz->nquestions; i++)
			picked[i] = i;
		n = qz->nquestions;
		if (qz->ndraws > 0 && qz->draws[0].count < n) {
			shuffle(picked, n, &rng);
			n = qz->draws[0].count;
		}
	}
	if (qz->shuffle)
		shuffle(picked, n, &rng);
	else
		qsort(picked, n, sizeof(*picked), cmp_size);
	p->items = xcalloc(n + 1, sizeof(*p->items));
	p->n = n;
	for (i = 0; i < n; i++) {
		p->items[i].q = picked[i];
		item_perm(&qz->questions[picked[i]], &p->items[i], qz->shuffle, &rng);
	}
	free(picked);
	return p;
}

void
paper_free(struct paper *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++)
		free(p->items[i].perm);
	free(p->items);
	free(p);
}

char *
paper_encode(const struct quiz *qz, const struct paper *p)
{
	struct sb sb = SB_INIT;
	size_t i, j;

	for (i = 0; i < p->n; i++) {
		sb_addf(&sb, "%s:", qz->questions[p->items[i].q].id);
		for (j = 0; j < p->items[i].nperm; j++)
			sb_addf(&sb, "%s%u", j ? "," : "", p->items[i].perm[j]);
		sb_addc(&sb, '\n');
	}
	return sb_detach(&sb);
}

/* Parses "2,0,1" into exactly n distinct values below n. */
static unsigned *
parse_perm(const char *s, const char *end, size_t n)
{
	unsigned *perm = xreallocarray(NULL, n + 1, sizeof(*perm));
	bool *used = xcalloc(n + 1, sizeof(*used));
	size_t k = 0;

	while (s < end && k <= n) {
		char *e;
		unsigned long v = strtoul(s, &e, 10);

		if (e == s || v >= n || used[v] || k == n)
			goto bad;
		used[v] = true;
		perm[k++] = (unsigned)v;
		s = e;
		if (s < end && *s == ',')
			s++;
	}
	if (k != n)
		goto bad;
	free(used);
	return perm;
bad:
	free(used);
	free(perm);
	return NULL;
}

static size_t
perm_size(const struct question *q)
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

struct paper *
paper_decode(const struct quiz *qz, const char *text)
{
	struct paper *p = xcalloc(1, sizeof(*p));
	const char *line = text;

	while (*line) {
		const char *nl = strchr(line, '\n'), *colon;
		size_t i, want;
		struct paper_item *it;

		if (nl == NULL)
			nl = line + strlen(line);
		colon = memchr(line, ':', (size_t)(nl - line));
		if (colon == NULL)
			goto bad;
		for (i = 0; i < qz->nquestions; i++)
			if (strlen(qz->questions[i].id) == (size_t)(colon - line) &&
			    memcmp(qz->questions[i].id, line, (size_t)(colon - line)) == 0)
				break;
		if (i == qz->nquestions)
			goto bad;
		p->items = xreallocarray(p->items, p->n + 1, sizeof(*p->items));
		it = &p->items[p->n++];
		it->q = i;
		it->nperm = want = perm_size(&qz->questions[i]);
		it->perm = NULL;
		if (want > 0 && (it->perm = parse_perm(colon + 1, nl, want)) == NULL)
			goto bad;
		if (want == 0 && colon + 1 != nl)
			goto bad;
		line = *nl ? nl + 1 : nl;
	}
	return p;
bad:
	paper_free(p);
	return NULL;
}

/* ---- reading answers ---- */

/* Letters typed for options shown A, B, ...: separators (space , ; / and
 * 、) are skipped. Returns the count, or -1 for something else. */
static int
read_letters(const char *folded, size_t n, unsigned *out, size_t max)
{
	const char *p;
	int count = 0;

	for (p = folded; *p; p++) {
		if (*p == ' ' || *p == ',' || *p == ';' || *p == '/' || *p == '.' ||
		    *p == '(' || *p == ')')
			continue;
		if (*p < 'a' || *p > 'z' || (size_t)(*p - 'a') >= n ||
		    (size_t)count >= max)
			return -1;
		out[count++] = (unsigned)(*p - 'a');
	}
	return count;
}

static int
parse_truth(const char *folded)
{
	static const char *const yes[] = {
		"t", "true", "y", "yes", "对", "是", "√", "✓", "✔", "正确", "1"
	};
	static const char *const no[] = {
		"f", "false", "n", "no", "错", "否", "×", "✗", "✘", "x", "错误", "0"
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(yes); i++)
		if (strcmp(folded, yes[i]) == 0)
			return 1;
	for (i = 0; i < ARRAY_SIZE(no); i++)
		if (strcmp(folded, no[i]) == 0)
			return 0;
	return -1;
}

static void
add_list(struct sb *sb, const unsigned *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sb_addf(sb, "%s%u", i ? "," : "", v[i]);
}

static int
cmp_unsigned(const void *x, const void *y)
{
	unsigned a = *(const unsigned *)x, b = *(const unsigned *)y;

	return a < b ? -1 : a > b;
}

/* ---- units ---- */

/* Whether rest (folded, what follows an answer's number) is the unit:
 * for percent, "%" (％ folds to it) or "percent". */
static bool
unit_is(const char *unit, const char *rest)
{
	char *f;
	bool same;

	if (strcmp(unit, "percent") == 0)
		return strcmp(rest, "%") == 0 || strcmp(rest, "percent") == 0;
	f = text_fold(unit);
	same = strcmp(rest, f) == 0;
	free(f);
	return same;
}

/* Reads the number that leads folded text f (5, -0.5, 1e3): sets *x and
 * *rest to what follows it, spaces skipped. False when no number leads. */
static bool
lead_number(const char *f, double *x, const char **rest)
{
	const char *p = f;
	char buf[64];
	size_t n;

	if (*p == '+' || *p == '-')
		p++;
	while (isdigit((unsigned char)*p) || *p == '.')
		p++;
	if (*p == 'e' && (isdigit((unsigned char)p[1]) ||
			  ((p[1] == '+' || p[1] == '-') && isdigit((unsigned char)p[2])))) {
		for (p += 2; isdigit((unsigned char)*p); p++)
			;
	}
	n = (size_t)(p - f);
	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, f, n);
	buf[n] = '\0';
	if (!text_number(buf, x))
		return false;
	while (*p == ' ')
		p++;
	*rest = p;
	return true;
}

char *
quiz_unit_strip(const struct question *q, const char *folded, bool *other)
{
	const char *rest;
	size_t n = strlen(folded), u;
	char *fu;
	double x;

	*other = false;
	if (q->unit == NULL)
		return xstrdup(folded);
	if (lead_number(folded, &x, &rest) && *rest) {
		if (!unit_is(q->unit, rest)) {
			*other = true;
			return NULL;
		}
		n = (size_t)(rest - folded);
		while (n > 0 && folded[n - 1] == ' ')
			n--;
		return xstrndup(folded, n);
	}
	/* words and the unit: 五十字 */
	fu = text_fold(strcmp(q->unit, "percent") == 0 ? "%" : q->unit);
	u = strlen(fu);
	if (n > u && strcmp(folded + n - u, fu) == 0) {
		n -= u;
		while (n > 0 && folded[n - 1] == ' ')
			n--;
	}
	free(fu);
	return xstrndup(folded, n);
}

void
quiz_add_unit(struct sb *sb, const struct question *q)
{
	if (q->unit == NULL)
		return;
	if (strcmp(q->unit, "percent") == 0)
		sb_addc(sb, '%');
	else {
		sb_addc(sb, ' ');
		sb_adds(sb, q->unit);
	}
}

/* How to give a number for q, in words: never an example that could be
 * read another way (0.25 for 25%). Valid until the next call. */
static const char *
number_hint(const struct question *q, bool fill)
{
	static char buf[256];

	if (q->unit && strcmp(q->unit, "percent") == 0)
		return _("answer in percent: the number, with or without %, like 12.5 or 12.5%");
	if (q->unit) {
		snprintf(buf, sizeof(buf),
			 fill ? _("give the number in %s, with or without the unit, like 3 or 3%s") :
			 _("answer with a number of %s, with or without the unit, like 3 or 3%s"),
			 q->unit, q->unit);
		return buf;
	}
	return _("answer with a number alone, like 12");
}

char *
quiz_parse(const struct question *q, const struct paper_item *it,
	   const char *typed, const char **hint)
{
	char *f = text_fold(typed);
	struct sb out = SB_INIT;
	unsigned picks[32];
	int n, i, j;
	double x;

	*hint = NULL;
	if (*f == '\0') {
		*hint = _("type an answer");
		goto fail;
	}
	switch (q->type) {
	case Q_SINGLE:
		n = read_letters(f, q->nchoices, picks, 32);
		if (n != 1) {
			*hint = _("answer with one letter, like B");
			goto fail;
		}
		sb_addf(&out, "%u", it->perm[picks[0]]);
		break;
	case Q_MULTI:
		n = read_letters(f, q->nchoices, picks, 32);
		if (n < 1) {
			*hint = _("answer with the letters of every right choice, like AC or A,C");
			goto fail;
		}
		for (i = 0; i < n; i++)
			picks[i] = it->perm[picks[i]];
		qsort(picks, (size_t)n, sizeof(*picks), cmp_unsigned);
		for (i = j = 0; i < n; i++)	/* the same letter twice counts once */
			if (i == 0 || picks[i] != picks[j - 1])
				picks[j++] = picks[i];
		add_list(&out, picks, (size_t)j);
		break;
	case Q_TRUEFALSE:
		if ((n = parse_truth(f)) < 0) {
			*hint = _("answer 对 or 错 (also T/F, Y/N, true/false, 是/否, √/×)");
			goto fail;
		}
		sb_adds(&out, n ? "true" : "false");
		break;
	case Q_FILL:
		if (q->unit) {
			/* 50字 is 50; 50秒 is not an answer in 字 */
			bool other;
			char *bare = quiz_unit_strip(q, f, &other);

			if (bare == NULL || *bare == '\0') {
				free(bare);
				*hint = number_hint(q, true);
				goto fail;
			}
			sb_adds(&out, bare);
			free(bare);
			break;
		}
		/* fall through */
	case Q_ESSAY: {
		const char *s = typed, *e = typed + strlen(typed);

		while (s < e && isspace((unsigned char)*s))
			s++;
		while (e > s && isspace((unsigned char)e[-1]))
			e--;
		sb_add(&out, s, (size_t)(e - s));
		break;
	}
	case Q_NUMERIC: {
		const char *rest;
		char *p, *w;

		for (p = w = f; *p; p++)	/* 1 000 and 1,000 */
			if (*p != ' ' && !(*p == ',' && p[1] && isdigit((unsigned char)p[1]) &&
					   p > f && isdigit((unsigned char)p[-1])))
				*w++ = *p;
		*w = '\0';
		/* 5, 5分钟, ５ 分钟; 25% for percent; 5秒 is not minutes */
		if (!lead_number(f, &x, &rest) || (*rest && !(q->unit && unit_is(q->unit, rest)))) {
			*hint = number_hint(q, false);
			goto fail;
		}
		sb_addf(&out, "%.15g", x);
		break;
	}
	case Q_ORDER:
		n = read_letters(f, q->nsteps, picks, 32);
		if (n != (int)q->nsteps)
			goto bad_order;
		for (i = 0; i < n; i++) {
			picks[i] = it->perm[picks[i]];
			for (j = 0; j < i; j++)
				if (picks[j] == picks[i])
					goto bad_order;
		}
		add_list(&out, picks, (size_t)n);
		break;
	bad_order:
		*hint = _("give every step's letter once, first step first, like BDAC");
		goto fail;
	case Q_MATCH: {
		unsigned right[32];
		bool seen[32] = { false };
		const char *p = f;
		size_t count = 0;

		while (*p) {
			unsigned long left;
			char *e;

			if (*p == ' ' || *p == ',' || *p == ';' || *p == '-' || *p == ':') {
				p++;
				continue;
			}
			left = strtoul(p, &e, 10);
			if (e == p || left < 1 || left > q->npairs || seen[left - 1])
				goto bad_match;
			while (*e == ' ' || *e == '-' || *e == ':' || *e == '=' ||
			       *e == '.' || *e == ',')
				e++;
			if (*e < 'a' || *e > 'z' || (size_t)(*e - 'a') >= q->npairs)
				goto bad_match;
			seen[left - 1] = true;
			right[left - 1] = it->perm[*e - 'a'];
			count++;
			p = e + 1;
		}
		if (count != q->npairs)
			goto bad_match;
		add_list(&out, right, count);
		break;
	bad_match:
		*hint = _("pair every number with a letter, like 1B 2A");
		goto fail;
	}
	}
	free(f);
	return sb_detach(&out);
fail:
	free(f);
	sb_free(&out);
	return NULL;
}

/* ---- scoring ---- */

size_t
quiz_stored_choices(const char *s, unsigned *out, size_t max)
{
	size_t n = 0;

	while (*s && n < max) {
		char *e;
		unsigned long v = strtoul(s, &e, 10);

		if (e == s)
			break;
		out[n++] = (unsigned)v;
		s = *e == ',' ? e + 1 : e;
	}
	return n;
}

double
quiz_score(const struct question *q, const char *response)
{
	unsigned v[32];
	size_t n, i, j, right = 0, wrong = 0;
	double x;

	if (response == NULL)
		return 0;
	switch (q->type) {
	case Q_SINGLE:
		n = quiz_stored_choices(response, v, 32);
		return n == 1 && q->nanswer == 1 && v[0] == q->answer[0] ? q->points : 0;
	case Q_MULTI:
		n = quiz_stored_choices(response, v, 32);
		for (i = 0; i < n; i++) {
			bool in = false;

			for (j = 0; j < q->nanswer; j++)
				in = in || q->answer[j] == v[i];
			if (in)
				right++;
			else
				wrong++;
		}
		if (!q->partial)
			return right == q->nanswer && wrong == 0 ? q->points : 0;
		if (right <= wrong)
			return 0;
		return q->points * (double)(right - wrong) / (double)q->nanswer;
	case Q_TRUEFALSE:
		return (strcmp(response, "true") == 0) == q->truth ? q->points : 0;
	case Q_FILL: {
		/* the unit comes off both sides: 50字 and 50 are one answer */
		char *f = text_fold(response), *got;
		double pts = 0;
		bool other;

		got = quiz_unit_strip(q, f, &other);
		free(f);
		for (i = 0; got && i < q->naccepted && pts == 0; i++) {
			char *fw = text_fold(q->accepted[i]);
			char *want = quiz_unit_strip(q, fw, &other);

			if (want && strcmp(got, want) == 0)
				pts = q->points;
			free(fw);
			free(want);
		}
		free(got);
		return pts;
	}
	case Q_NUMERIC:
		if (!text_number(response, &x))
			return 0;
		/* a hair of slack for decimal fractions that binary cannot hold */
		return fabs(x - q->number) <= q->tolerance + 1e-12 * fmax(1, fabs(q->number)) ?
		    q->points : 0;
	case Q_ORDER:
		n = quiz_stored_choices(response, v, 32);
		if (n != q->nsteps)
			return 0;
		for (i = 0; i < n; i++)
			if (v[i] != i && strcmp(q->steps[v[i]], q->steps[i]) != 0)
				return 0;
		return q->points;
	case Q_MATCH:
		n = quiz_stored_choices(response, v, 32);
		if (n != q->npairs)
			return 0;
		/* right sides may repeat: compare what they say */
		for (i = 0; i < n; i++)
			if (v[i] >= q->npairs || strcmp(q->right[v[i]], q->right[i]) != 0)
				return 0;
		return q->points;
	case Q_ESSAY:
		return -1;
	}
	return 0;
}

/* The shown letter of a written index. */
static char
shown_letter(const struct paper_item *it, unsigned written)
{
	size_t i;

	for (i = 0; i < it->nperm; i++)
		if (it->perm[i] == written)
			return (char)('A' + i);
	return '?';
}

static void
letters_text(struct sb *sb, const struct paper_item *it, const unsigned *v,
	     size_t n, bool sorted)
{
	char letters[32];
	size_t i;

	for (i = 0; i < n && i < 32; i++)
		letters[i] = shown_letter(it, v[i]);
	if (sorted) {
		size_t a, b;

		for (a = 1; a < n; a++)
			for (b = a; b > 0 && letters[b - 1] > letters[b]; b--) {
				char t = letters[b];

				letters[b] = letters[b - 1];
				letters[b - 1] = t;
			}
	}
	for (i = 0; i < n && i < 32; i++)
		sb_addc(sb, letters[i]);
}

char *
quiz_key(const struct question *q, const struct paper_item *it)
{
	struct sb sb = SB_INIT;
	unsigned v[32];
	size_t i;

	switch (q->type) {
	case Q_SINGLE:
		sb_addf(&sb, "%c. %s", shown_letter(it, q->answer[0]), q->choices[q->answer[0]]);
		break;
	case Q_MULTI:
		letters_text(&sb, it, q->answer, q->nanswer, true);
		break;
	case Q_TRUEFALSE:
		sb_adds(&sb, q->truth ? _("true (对)") : _("false (错)"));
		break;
	case Q_FILL:
		for (i = 0; i < q->naccepted; i++) {
			bool other;
			char *f = text_fold(q->accepted[i]), *bare = quiz_unit_strip(q, f, &other);

			sb_addf(&sb, "%s%s", i ? " / " : "", q->accepted[i]);
			/* the unit, unless the answer holds it already */
			if (bare && strcmp(bare, f) == 0)
				quiz_add_unit(&sb, q);
			free(f);
			free(bare);
		}
		break;
	case Q_NUMERIC:
		sb_addf(&sb, "%.15g", q->number);
		quiz_add_unit(&sb, q);
		if (q->tolerance > 0)
			sb_addf(&sb, _(" (±%.15g)"), q->tolerance);
		break;
	case Q_ORDER:
		for (i = 0; i < q->nsteps && i < 32; i++)
			v[i] = (unsigned)i;
		letters_text(&sb, it, v, q->nsteps, false);
		break;
	case Q_MATCH:
		for (i = 0; i < q->npairs; i++)
			sb_addf(&sb, "%s%zu%c", i ? " " : "", i + 1, shown_letter(it, (unsigned)i));
		break;
	case Q_ESSAY:
		sb_adds(&sb, q->rubric ? q->rubric : _("graded by a trainer"));
		break;
	}
	return sb_detach(&sb);
}

char *
quiz_response_text(const struct question *q, const struct paper_item *it,
		   const char *response)
{
	struct sb sb = SB_INIT;
	unsigned v[32];
	size_t n, i;

	if (response == NULL)
		return xstrdup(_("(no answer)"));
	switch (q->type) {
	case Q_SINGLE:
	case Q_ORDER:
		n = quiz_stored_choices(response, v, 32);
		letters_text(&sb, it, v, n, false);
		break;
	case Q_MULTI:
		n = quiz_stored_choices(response, v, 32);
		letters_text(&sb, it, v, n, true);
		break;
	case Q_TRUEFALSE:
		sb_adds(&sb, strcmp(response, "true") == 0 ? _("true (对)") : _("false (错)"));
		break;
	case Q_MATCH:
		n = quiz_stored_choices(response, v, 32);
		for (i = 0; i < n; i++)
			sb_addf(&sb, "%s%zu%c", i ? " " : "", i + 1, shown_letter(it, v[i]));
		break;
	case Q_NUMERIC:
	case Q_FILL: {
		bool other;
		char *f = text_fold(response), *bare = quiz_unit_strip(q, f, &other);

		sb_adds(&sb, response);
		if (bare && strcmp(bare, f) == 0)
			quiz_add_unit(&sb, q);
		free(f);
		free(bare);
		break;
	}
	default:
		sb_adds(&sb, response);
		break;
	}
	return sb_detach(&sb);
}

bool
quiz_key_open(const struct quiz *qz)
{
	return qz->review;
}

bool
quiz_points_parse(const char *t, double max, double *points)
{
	const char *dot = strchr(t, '.');
	double v;

	if (dot && strspn(dot + 1, "0123456789") > 2 &&
	    dot[1 + strspn(dot + 1, "0123456789")] == '\0') {
		/* more than two decimals, unless they are all zeros: 2.500 */
		const char *d;

		for (d = dot + 3; *d; d++)
			if (*d != '0')
				return false;
	}
	if (!text_number(t, &v) || !(v >= 0) || v > max + 1e-9 ||
	    fabs(v * 100 - round(v * 100)) > 1e-6)
		return false;
	*points = round(v * 100) / 100;
	return true;
}
