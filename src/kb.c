/* kb.c: the knowledge base's documents and the pure side of searching
 * them: one fold for the index, the scan and the highlight alike, so
 * what is found is what is shown. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kb.h"
#include "markup.h"
#include "text.h"

void
kb_add(struct kb *kb, enum kb_kind kind, char *ref, const char *title,
       const char *body, bool own_ref, bool own_body)
{
	struct kb_doc *d;

	if (kb->n == kb->cap) {
		kb->cap = kb->cap ? 2 * kb->cap : 256;
		kb->docs = xreallocarray(kb->docs, kb->cap, sizeof(*kb->docs));
	}
	d = &kb->docs[kb->n++];
	d->kind = kind;
	d->ref = ref;
	d->title = title;
	d->body = body;
	d->folded = NULL;
	if (own_ref)
		kb_own(kb, ref);
	if (own_body)
		kb_own(kb, (char *)body);
}

void
kb_own(struct kb *kb, char *s)
{
	if (kb->nowned == kb->owncap) {
		kb->owncap = kb->owncap ? 2 * kb->owncap : 256;
		kb->owned = xreallocarray(kb->owned, kb->owncap, sizeof(*kb->owned));
	}
	kb->owned[kb->nowned++] = s;
}

void
kb_free(struct kb *kb)
{
	size_t i;

	for (i = 0; i < kb->n; i++)
		free(kb->docs[i].folded);
	for (i = 0; i < kb->nowned; i++)
		free(kb->owned[i]);
	free(kb->docs);
	free(kb->owned);
	memset(kb, 0, sizeof(*kb));
}

/* One character folded: full-width forms (U+FF01..U+FF5E) to ASCII,
 * the ideographic space to a space, ASCII letters to lowercase. */
static int32_t
fold_cp(int32_t cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		cp -= 0xFEE0;
	else if (cp == 0x3000)
		cp = ' ';
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	return cp;
}

/* Appends text folded, byte by byte: only ASCII capitals, U+3000 and
 * U+FF01..U+FF5E change, so everything else is copied in runs without
 * decoding it (content is valid UTF-8 by the time it is searched). */
static void
fold_into(struct sb *sb, const char *text)
{
	const unsigned char *p = (const unsigned char *)text, *run = p;

	for (; *p; p++) {
		char c;

		if (*p >= 'A' && *p <= 'Z')
			c = (char)(*p + ('a' - 'A'));
		else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
			c = ' ';
		else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x81 && p[2] <= 0xBF)
			c = (char)(0x20 + (p[2] - 0x80));
		else if (p[0] == 0xEF && p[1] == 0xBD && p[2] >= 0x80 && p[2] <= 0x9E)
			c = (char)(0x60 + (p[2] - 0x80));
		else
			continue;
		sb_add(sb, (const char *)run, (size_t)(p - run));
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + ('a' - 'A'));
		sb_addc(sb, c);
		p += *p >= 0x80 ? 2 : 0;
		run = p + 1;
	}
	sb_add(sb, (const char *)run, (size_t)(p - run));
}

char *
kb_fold(const char *text)
{
	struct sb sb = SB_INIT;

	fold_into(&sb, text);
	return sb_detach(&sb);
}

void
kb_fold_all(struct kb *kb)
{
	size_t i;

	struct sb sb = SB_INIT;

	for (i = 0; i < kb->n; i++) {
		sb_reset(&sb);
		fold_into(&sb, kb->docs[i].title);
		sb_addc(&sb, '\n');
		fold_into(&sb, kb->docs[i].body);
		kb->docs[i].folded = xstrndup(sb_str(&sb), sb.len);
	}
	sb_free(&sb);
}

uint64_t
kb_fingerprint(const struct kb *kb)
{
	uint64_t h = 0xcbf29ce484222325ull;	/* FNV-1a */
	size_t i;
	const unsigned char *p;

	for (i = 0; i < kb->n; i++) {
		h = (h ^ (unsigned)kb->docs[i].kind) * 0x100000001b3ull;
		for (p = (const unsigned char *)kb->docs[i].ref; *p; p++)
			h = (h ^ *p) * 0x100000001b3ull;
		h = (h ^ 0xff) * 0x100000001b3ull;
		for (p = (const unsigned char *)kb->docs[i].folded; p && *p; p++)
			h = (h ^ *p) * 0x100000001b3ull;
		h = (h ^ 0xfe) * 0x100000001b3ull;
	}
	return h;
}

size_t
kb_terms(const char *query, char **terms, size_t max)
{
	char *f = kb_fold(query), *p = f, *s;
	size_t n = 0, i;

	/* the fold made full-width spaces ASCII ones */
	while (n < max && (s = strtok_r(p, " \t\r\n", &p)) != NULL) {
		for (i = 0; i < n && strcmp(terms[i], s) != 0; i++)
			;
		if (i == n)
			terms[n++] = xstrdup(s);
	}
	free(f);
	return n;
}

size_t
kb_count(const char *folded, const char *term)
{
	size_t n = 0, len = strlen(term);
	const char *p = folded;

	if (len == 0)
		return 0;
	while ((p = strstr(p, term)) != NULL) {
		n++;
		p += len;
	}
	return n;
}

double
kb_score(const struct kb_doc *d, char *const *terms, size_t nterms)
{
	const char *nl = strchr(d->folded, '\n');
	size_t tlen = nl ? (size_t)(nl - d->folded) : strlen(d->folded);
	double score = 0;
	size_t i;

	for (i = 0; i < nterms; i++) {
		size_t all = kb_count(d->folded, terms[i]), in_title = 0;
		const char *p = d->folded;

		if (all == 0)
			return 0;
		while ((p = strstr(p, terms[i])) != NULL && (size_t)(p - d->folded) < tlen) {
			in_title++;
			p += strlen(terms[i]);
		}
		score += (double)all + 2.0 * (double)in_title;
	}
	/* a tie goes to the shorter text, where the words weigh more */
	return score + 1.0 / (1.0 + (double)strlen(d->folded) / 100.0);
}

/* The text's characters with their byte offsets and folded forms. */
struct chars {
	int32_t *cp;		/* folded */
	size_t *at;		/* byte offset of each, and the end at [n] */
	size_t n;
};

static void
chars_of(const char *text, struct chars *c)
{
	size_t len = strlen(text), i = 0;

	c->cp = xreallocarray(NULL, len + 1, sizeof(*c->cp));
	c->at = xreallocarray(NULL, len + 1, sizeof(*c->at));
	c->n = 0;
	while (i < len) {
		int32_t cp;
		size_t k = text_decode(text + i, len - i, &cp);

		if (k == 0)
			cp = (unsigned char)text[i], k = 1;
		c->cp[c->n] = fold_cp(cp);
		c->at[c->n++] = i;
		i += k;
	}
	c->at[c->n] = len;
}

/* For each character, how many characters of a match start there (0
 * for none): the longest term that matches at it. */
static size_t *
match_marks(const struct chars *c, char *const *terms, size_t nterms)
{
	size_t *mark = xcalloc(c->n + 1, sizeof(*mark));
	size_t t, i, j;

	for (t = 0; t < nterms; t++) {
		struct chars tc;

		chars_of(terms[t], &tc);
		for (i = 0; tc.n && i + tc.n <= c->n; i++) {
			for (j = 0; j < tc.n && c->cp[i + j] == tc.cp[j]; j++)
				;
			if (j == tc.n && tc.n > mark[i])
				mark[i] = tc.n;
		}
		free(tc.cp);
		free(tc.at);
	}
	return mark;
}

/* Characters from..to of text, inert, matches between on and off. */
static void
emit(struct sb *sb, const char *text, const struct chars *c, const size_t *mark,
     size_t from, size_t to, bool lines, const char *on, const char *off)
{
	size_t i, until = 0;
	struct sb piece = SB_INIT;

	for (i = from; i < to; i++) {
		if (i >= until && mark[i]) {
			until = i + mark[i];
			sb_adds(sb, on);
		}
		sb_reset(&piece);
		if (!lines && (c->cp[i] == '\n' || c->cp[i] == '\t'))
			sb_addc(&piece, ' ');
		else {
			char *one = xstrndup(text + c->at[i], c->at[i + 1] - c->at[i]);

			text_inert(&piece, one, lines);
			free(one);
		}
		sb_adds(sb, sb_str(&piece));
		if (until && i + 1 == until) {
			sb_adds(sb, off);
			until = 0;
		}
	}
	if (until)
		sb_adds(sb, off);
	sb_free(&piece);
}

void
kb_snippet(struct sb *sb, const char *text, char *const *terms, size_t nterms,
	   int width, const char *on, const char *off)
{
	struct chars c;
	size_t *mark, first = 0, from, to;
	int w;

	chars_of(text, &c);
	mark = match_marks(&c, terms, nterms);
	while (first < c.n && !mark[first])
		first++;
	if (first == c.n)
		first = 0;
	/* a third of the width before the match */
	from = first;
	for (w = 0; from > 0 && w < width / 3; from--)
		w += text_cp_width(c.cp[from - 1]) > 0 ? text_cp_width(c.cp[from - 1]) : 1;
	for (to = from, w = 0; to < c.n; to++) {
		int cw = text_cp_width(c.cp[to]);

		if (cw < 1)
			cw = 1;
		if (w + cw > width - (to + 1 < c.n ? 1 : 0))
			break;
		w += cw;
	}
	if (from > 0)
		sb_adds(sb, "…");
	emit(sb, text, &c, mark, from, to, false, on, off);
	if (to < c.n)
		sb_adds(sb, "…");
	free(mark);
	free(c.cp);
	free(c.at);
}

void
kb_highlight(struct sb *sb, const char *text, char *const *terms, size_t nterms,
	     const char *on, const char *off)
{
	struct chars c;
	size_t *mark;

	chars_of(text, &c);
	mark = match_marks(&c, terms, nterms);
	emit(sb, text, &c, mark, 0, c.n, true, on, off);
	free(mark);
	free(c.cp);
	free(c.at);
}

void
kb_sections(const char *text,
	    void (*fn)(size_t n, const char *head, size_t headlen,
		       const char *start, size_t len, void *arg),
	    void *arg)
{
	const char *p = text, *start = text, *head = NULL;
	size_t n = 0, headlen = 0;

	for (;;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		int level = markup_heading_level(p, len);

		if (level) {
			if (p > start || head)
				fn(n, head, headlen, start, (size_t)(p - start), arg);
			n++;
			head = p + level;
			while (*head == ' ')
				head++;
			headlen = (size_t)(p + len - head);
			start = e ? e + 1 : p + len;
		}
		if (e == NULL)
			break;
		p = e + 1;
	}
	if (*start || head)
		fn(n, head, headlen, start, strlen(start), arg);
}

const char *
kb_kind_name(enum kb_kind k)
{
	static const char *const names[] = {
		N_("lesson"), N_("question"), N_("drill"), N_("script"), N_("case")
	};

	return names[k];
}
