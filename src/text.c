/* text.c: UTF-8 decoding, display width, inert printing, the rule for a
 * typed answer, edit distance. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text.h"

size_t
text_decode(const char *str, size_t n, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	int32_t c;
	size_t len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates and values past U+10FFFF */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return len;
}

void
text_encode(int32_t cp, char *buf)
{
	utf8proc_ssize_t n = utf8proc_encode_char(cp, (utf8proc_uint8_t *)buf);

	buf[n > 0 ? n : 0] = '\0';
}

/* The same rules as text_decode(), without building the character:
 * this runs over every byte of every content file. */
bool
text_valid(const char *str, size_t n, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i], lo = 0x80, hi = 0xbf;
		size_t len, k;
		uint64_t w;

		if (c < 0x80) {
			/* runs of ASCII, eight bytes at a time */
			while (i + 8 <= n && (memcpy(&w, s + i, 8), (w & 0x8080808080808080ull) == 0))
				i += 8;
			while (i < n && s[i] < 0x80)
				i++;
			continue;
		}
		if (c >= 0xe1 && c <= 0xec && n - i >= 3 &&
		    (s[i + 1] & 0xc0) == 0x80 && (s[i + 2] & 0xc0) == 0x80) {
			i += 3;	/* most of Chinese, settled at once */
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			len = 2;
		else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			if (c == 0xe0)
				lo = 0xa0;	/* overlong */
			else if (c == 0xed)
				hi = 0x9f;	/* surrogates */
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			if (c == 0xf0)
				lo = 0x90;	/* overlong */
			else if (c == 0xf4)
				hi = 0x8f;	/* past U+10FFFF */
		} else
			break;
		if (n - i < len || s[i + 1] < lo || s[i + 1] > hi)
			break;
		for (k = 2; k < len && (s[i + k] & 0xc0) == 0x80; k++)
			;
		if (k < len)
			break;
		i += len;
	}
	if (i < n) {
		*bad = i;
		return false;
	}
	return true;
}

size_t
text_chars(const char *s)
{
	size_t n = strlen(s), i = 0, count = 0;

	while (i < n) {
		int32_t cp;
		size_t k = text_decode(s + i, n - i, &cp);

		i += k ? k : 1;
		count++;
	}
	return count;
}

bool
text_is_control(int32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	    (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
	    cp == 0x200e || cp == 0x200f || cp == 0x061c;
}

/* A byte that is a character of its own, neither a control nor
 * escaped, one column wide: ' ' to '~'. */
static bool
ascii_printable(char c)
{
	return (unsigned char)(c - 0x20) < 0x5f;
}

int
text_cp_width(int32_t cp)
{
	int w;

	if (text_is_control(cp))
		return 0;
	w = utf8proc_charwidth(cp);
	return w < 0 ? 0 : w;
}

int
text_width(const char *s)
{
	struct sb sb = SB_INIT;
	size_t n = strlen(s), i = 0;
	int width = 0;

	/* text with nothing to escape is measured as it is (this runs on
	 * every keystroke of a drill); printable ASCII is a column a byte */
	while (i < n) {
		int32_t cp;
		size_t k;

		if (ascii_printable(s[i])) {
			width++;
			i++;
			continue;
		}
		if ((k = text_decode(s + i, n - i, &cp)) == 0 || text_is_control(cp))
			break;
		width += text_cp_width(cp);
		i += k;
	}
	if (i == n)
		return width;
	/* else measure what would be printed, escapes included */
	i = 0;
	width = 0;
	text_inert(&sb, s, false);
	n = sb.len;
	while (i < n) {
		int32_t cp;
		size_t k = text_decode(sb.buf + i, n - i, &cp);

		if (k == 0)
			k = 1, cp = '?';
		width += text_cp_width(cp);
		i += k;
	}
	sb_free(&sb);
	return width;
}

void
text_inert(struct sb *sb, const char *s, bool keep_newlines)
{
	size_t n = strlen(s), i = 0, run = 0;

	/* a run of characters with nothing to escape goes in at once */
	while (i < n) {
		int32_t cp;
		size_t k;

		if (ascii_printable(s[i])) {
			i++;
			continue;
		}
		k = text_decode(s + i, n - i, &cp);
		if (k != 0 && !text_is_control(cp)) {
			i += k;
			continue;
		}
		sb_add(sb, s + run, i - run);
		if (k == 0) {
			sb_addf(sb, "\\x%02x", (unsigned char)s[i]);
			k = 1;
		} else if (keep_newlines && (cp == '\n' || cp == '\t'))
			sb_addc(sb, (char)cp);
		else if (cp < 0x80)
			sb_addf(sb, "\\x%02x", (unsigned)cp);
		else
			sb_addf(sb, "<U+%04X>", (unsigned)cp);
		i += k;
		run = i;
	}
	if (n > run)
		sb_add(sb, s + run, n - run);
}

void
text_pad(struct sb *sb, const char *s, int width, bool cut)
{
	struct sb tmp = SB_INIT;
	size_t i = 0;
	int used = 0;

	text_inert(&tmp, s, false);
	if (cut && text_width(s) > width) {
		/* leave a column for the ellipsis */
		while (i < tmp.len) {
			int32_t cp;
			size_t k = text_decode(tmp.buf + i, tmp.len - i, &cp);
			int w;

			if (k == 0)
				k = 1, cp = '?';
			w = text_cp_width(cp);
			if (used + w > width - 1)
				break;
			sb_add(sb, tmp.buf + i, k);
			used += w;
			i += k;
		}
		sb_adds(sb, "…");
		used++;
	} else {
		sb_add(sb, tmp.buf, tmp.len);
		used = text_width(s);
	}
	for (; used < width; used++)
		sb_addc(sb, ' ');
	sb_free(&tmp);
}

int
text_pad_left(struct sb *sb, const char *s, int width)
{
	int w = text_width(s), used;

	for (used = w; used < width; used++)
		sb_addc(sb, ' ');
	text_inert(sb, s, false);
	return w > width ? w : width;
}

static size_t
to_codepoints(const char *s, int32_t **out)
{
	size_t n = strlen(s), i = 0, count = 0;
	int32_t *cps = xreallocarray(NULL, n + 1, sizeof(*cps));

	while (i < n) {
		size_t k = text_decode(s + i, n - i, &cps[count]);

		if (k == 0)
			cps[count] = (unsigned char)s[i], k = 1;
		count++;
		i += k;
	}
	*out = cps;
	return count;
}

bool
text_number(const char *s, double *out)
{
	const char *p = s;
	char *end;

	if (*p == '+' || *p == '-')
		p++;
	if (!isdigit((unsigned char)*p) && !(*p == '.' && isdigit((unsigned char)p[1])))
		return false;
	for (; *p; p++)
		if (!(isdigit((unsigned char)*p) || *p == '.' || *p == 'e' ||
		      *p == 'E' || *p == '+' || *p == '-'))
			return false;
	errno = 0;
	*out = strtod(s, &end);
	return *end == '\0' && errno == 0 && isfinite(*out);
}

char *
text_num(char *buf, double x)
{
	size_t n;

	if (!isfinite(x)) {
		strcpy(buf, "-");
		return buf;
	}
	/* rounded to hundredths first, so 0.999 is "1" and -0.001 is "0" */
	x = round(x * 100) / 100;
	if (x == 0)
		x = 0;	/* no "-0" */
	if (fabs(x) >= 1e15) {
		snprintf(buf, TEXT_NUM_MAX, "%.0f", x);
		return buf;
	}
	n = (size_t)snprintf(buf, TEXT_NUM_MAX, "%.2f", x);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	return buf;
}

/* Punctuation that compatibility folding leaves alone. */
static const struct {
	int32_t from;
	char to;
} punct[] = {
	{ 0x3001, ',' }, { 0x3002, '.' }, { 0x201c, '"' }, { 0x201d, '"' },
	{ 0x2018, '\'' }, { 0x2019, '\'' }, { 0x300a, '<' }, { 0x300b, '>' },
	{ 0x3008, '<' }, { 0x3009, '>' }, { 0x3010, '[' }, { 0x3011, ']' },
	{ 0x300c, '"' }, { 0x300d, '"' }, { 0x2014, '-' }, { 0x2026, '.' },
	{ 0x00b7, '.' }, { 0x3000, ' ' },
};

enum text_answer
text_answer_check(const char *s, size_t len, size_t max_chars, size_t *what)
{
	size_t i = 0, count = 0;

	*what = 0;
	while (i < len) {
		int32_t cp;
		size_t k = text_decode(s + i, len - i, &cp);

		if (k == 0) {
			*what = i;
			return TEXT_ANSWER_INVALID;
		}
		/* not text_is_control(): bidi marks are text, shown inert */
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			*what = (size_t)cp;
			return TEXT_ANSWER_CONTROL;
		}
		i += k;
		count++;
	}
	if (count > max_chars) {
		*what = count;
		return TEXT_ANSWER_LONG;
	}
	return TEXT_ANSWER_OK;
}

char *
text_fold(const char *s)
{
	utf8proc_uint8_t *folded = NULL;
	struct sb sb = SB_INIT;
	size_t n, i = 0, k;
	bool space = false;

	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &folded,
			 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
			 UTF8PROC_COMPAT | UTF8PROC_CASEFOLD) < 0)
		folded = (utf8proc_uint8_t *)xstrdup(s);	/* invalid UTF-8 */
	n = strlen((char *)folded);
	while (i < n) {
		int32_t cp;
		char c = 0;

		k = text_decode((char *)folded + i, n - i, &cp);
		if (k == 0)
			k = 1, cp = (unsigned char)folded[i];
		for (size_t j = 0; j < ARRAY_SIZE(punct); j++)
			if (punct[j].from == cp)
				c = punct[j].to;
		if (c == ' ' || cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
			space = sb.len > 0;
		} else {
			if (space)
				sb_addc(&sb, ' ');
			space = false;
			if (c)
				sb_addc(&sb, c);
			else
				sb_add(&sb, (char *)folded + i, k);
		}
		i += k;
	}
	free(folded);
	return sb_detach(&sb);
}

/* Edit distance with adjacent transpositions counted as one edit
 * (optimal string alignment), since "titel" is one slip, not two. */
size_t
text_distance(const char *a, const char *b)
{
	int32_t *x, *y;
	size_t nx = to_codepoints(a, &x), ny = to_codepoints(b, &y);
	size_t w = ny + 1, i, j, d;
	size_t *m = xreallocarray(NULL, (nx + 1) * w, sizeof(*m));

	for (i = 0; i <= nx; i++)
		m[i * w] = i;
	for (j = 0; j <= ny; j++)
		m[j] = j;
	for (i = 1; i <= nx; i++)
		for (j = 1; j <= ny; j++) {
			size_t best = m[(i - 1) * w + j - 1] + (x[i - 1] != y[j - 1]);

			if (m[(i - 1) * w + j] + 1 < best)
				best = m[(i - 1) * w + j] + 1;
			if (m[i * w + j - 1] + 1 < best)
				best = m[i * w + j - 1] + 1;
			if (i > 1 && j > 1 && x[i - 1] == y[j - 2] &&
			    x[i - 2] == y[j - 1] && m[(i - 2) * w + j - 2] + 1 < best)
				best = m[(i - 2) * w + j - 2] + 1;
			m[i * w + j] = best;
		}
	d = m[nx * w + ny];
	free(m);
	free(x);
	free(y);
	return d;
}

const char *
text_suggest(const char *s, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1, i, limit;

	/* ids and keys are short: a long text is no typo of one, and the
	 * distance table grows with the product of the lengths */
	if (text_chars(s) > 64)
		return NULL;
	/* a third of the word, at least one and at most three edits */
	limit = text_chars(s) / 3;
	if (limit < 1)
		limit = 1;
	if (limit > 3)
		limit = 3;
	for (i = 0; i < n; i++) {
		size_t a = text_chars(s), b = text_chars(cands[i]), d;

		if ((a > b ? a - b : b - a) > limit)
			continue;
		d = text_distance(s, cands[i]);

		if (d < best_d) {
			best_d = d;
			best = cands[i];
		}
	}
	return best_d <= limit ? best : NULL;
}

bool
text_blank(const char *s)
{
	while (*s) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		else if (strncmp(s, "\u3000", 3) == 0)
			s += 3;
		else
			return false;
	}
	return true;
}
