/* typing.c: keystroke recording, alignment and speed. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "text.h"
#include "typing.h"

/* Characters NFC leaves alone, whatever stands beside them: no
 * combining class, no canonical decomposition, never the second of a
 * composed pair. A line of only these (ASCII, Chinese and its
 * punctuation) skips utf8proc_NFC(), most of a keystroke's cost. */
bool
typing_nfc_inert(int32_t cp)
{
	return cp < 0x80 || (cp >= 0x4e00 && cp <= 0x9fff) ||
	    (cp >= 0x3000 && cp <= 0x3029) || (cp >= 0x3030 && cp <= 0x303f) ||
	    (cp >= 0xff01 && cp <= 0xff60) || (cp >= 0x2010 && cp <= 0x2027);
}

static size_t
decode_all(const char *raw, int32_t **out, size_t *cap)
{
	char *nfc = NULL;
	const char *s = raw;
	size_t n = strlen(s), i = 0, count = 0;

	while (i < n) {
		int32_t cp;
		size_t k = text_decode(s + i, n - i, &cp);

		if (k == 0 || !typing_nfc_inert(cp))
			break;
		i += k;
	}
	if (i < n) {
		/* composed form, so é typed one way matches é written another */
		nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)raw);
		s = nfc ? nfc : raw;
		n = strlen(s);
	}
	i = 0;

	if (*cap < n + 1) {
		*cap = n + 1;
		*out = xreallocarray(*out, *cap, sizeof(**out));
	}
	while (i < n) {
		size_t k = text_decode(s + i, n - i, &(*out)[count]);

		/* a character still arriving byte by byte is not there yet */
		if (k == 0 && (unsigned char)s[i] >= 0xc2 && n - i < 4 &&
		    ((unsigned char)s[i] < 0xe0 ? 2 : (unsigned char)s[i] < 0xf0 ? 3 : 4) > n - i)
			break;
		if (k == 0)
			(*out)[count] = (unsigned char)s[i], k = 1;
		count++;
		i += k;
	}
	free(nfc);
	return count;
}

static void
tally_add(struct typing_tally *t, size_t *n, int32_t cp)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (t[i].cp == cp) {
			t[i].count++;
			return;
		}
	if (*n < TYPING_TALLY) {
		t[*n].cp = cp;
		t[(*n)++].count = 1;
	}
}

void
typing_rec_start(struct typing_rec *r, const char *target)
{
	size_t cap = 0;

	memset(r, 0, sizeof(*r));
	r->target = NULL;
	r->ntarget = decode_all(target, &r->target, &cap);
	r->first = r->last = -1;
}

void
typing_rec_free(struct typing_rec *r)
{
	free(r->target);
	free(r->cur);
	memset(r, 0, sizeof(*r));
}

bool
typing_rec_right(const struct typing_rec *r, size_t i)
{
	return i < r->ncur && i < r->ntarget && r->cur[i] == r->target[i];
}

void
typing_rec_update(struct typing_rec *r, const char *line, double t)
{
	int32_t *now = NULL;
	size_t cap = 0, n = decode_all(line, &now, &cap), k = 0, tail = 0, i;

	while (k < n && k < r->ncur && now[k] == r->cur[k])
		k++;
	if (k == n && n == r->ncur) {
		free(now);	/* no change: cursor moves and the like */
		return;
	}
	/* what stayed at the end, for edits in the middle of the line */
	while (tail < n - k && tail < r->ncur - k &&
	       now[n - 1 - tail] == r->cur[r->ncur - 1 - tail])
		tail++;
	typing_rec_time(r, t);
	r->deleted += r->ncur - k - tail;
	for (i = k; i < n - tail; i++) {
		size_t want = i + r->skew;

		r->inserted++;
		if (want < r->ntarget && now[i] == r->target[want])
			continue;
		/* one target character left out: the rest is still right */
		if (want + 1 < r->ntarget && now[i] == r->target[want + 1]) {
			r->skew++;
			r->wrong++;
			tally_add(r->tally, &r->ntally, r->target[want]);
			continue;
		}
		r->wrong++;
		if (want < r->ntarget)
			tally_add(r->tally, &r->ntally, r->target[want]);
	}
	free(r->cur);
	r->cur = now;
	r->ncur = n;
	r->capcur = cap;
}

void
typing_paint(struct sb *sb, const struct typing_rec *r, const char *target)
{
	size_t i = 0, n = strlen(target), pos = 0, from = 0;
	int state = 0;	/* 0 plain, 1 green, 2 red */

	/* each run of one colour is added at once */
	while (pos < n) {
		int32_t cp;
		size_t k = text_decode(target + pos, n - pos, &cp);
		int want = i >= r->ncur ? 0 : typing_rec_right(r, i) ? 1 : 2;

		if (k == 0)
			k = 1;
		if (want != state) {
			sb_add(sb, target + from, pos - from);
			sb_adds(sb, want == 1 ? "\033[0;32m" :
				want == 2 ? "\033[0;31;4m" : "\033[0m");
			state = want;
			from = pos;
		}
		pos += k;
		i++;
	}
	sb_add(sb, target + from, pos - from);
	sb_adds(sb, "\033[0m");
}

void
typing_rec_time(struct typing_rec *r, double t)
{
	if (r->first < 0) {
		r->first = t;	/* the clock starts at the first keystroke */
	} else if (t - r->last > TYPING_IDLE_SECONDS) {
		r->idle += t - r->last;
		r->pauses++;
	}
	r->last = t;
}

void
typing_align(const char *target, const char *typed, size_t *matched,
	     size_t *edits, struct typing_tally *tally, size_t *ntally)
{
	int32_t *a = NULL, *b = NULL;
	size_t ca = 0, cb = 0, na = decode_all(target, &a, &ca),
	    nb = decode_all(typed, &b, &cb), w, i, j, m = 0, extra = 0;
	size_t *d;

	/* far more typed than asked for is all extra: keep the table small */
	if (nb > 2 * na + 16) {
		extra = nb - (2 * na + 16);
		nb = 2 * na + 16;
	}
	w = nb + 1;
	d = xreallocarray(NULL, (na + 1) * w, sizeof(*d));

	for (i = 0; i <= na; i++)
		d[i * w] = i;
	for (j = 0; j <= nb; j++)
		d[j] = j;
	for (i = 1; i <= na; i++)
		for (j = 1; j <= nb; j++) {
			size_t best = d[(i - 1) * w + j - 1] + (a[i - 1] != b[j - 1]);

			if (d[(i - 1) * w + j] + 1 < best)
				best = d[(i - 1) * w + j] + 1;
			if (d[i * w + j - 1] + 1 < best)
				best = d[i * w + j - 1] + 1;
			d[i * w + j] = best;
		}
	*edits = d[na * w + nb] + extra;
	/* walk back along one best path, counting matches */
	for (i = na, j = nb; i > 0 || j > 0;) {
		if (i > 0 && j > 0 && a[i - 1] == b[j - 1] &&
		    d[i * w + j] == d[(i - 1) * w + j - 1]) {
			m++;
			i--, j--;
		} else if (i > 0 && j > 0 && d[i * w + j] == d[(i - 1) * w + j - 1] + 1) {
			if (tally)
				tally_add(tally, ntally, a[i - 1]);	/* typed wrong */
			i--, j--;
		} else if (i > 0 && d[i * w + j] == d[(i - 1) * w + j] + 1) {
			if (tally)
				tally_add(tally, ntally, a[i - 1]);	/* left out */
			i--;
		} else
			j--;	/* typed extra */
	}
	*matched = m;
	free(d);
	free(a);
	free(b);
}

void
typing_add_line(struct typing_result *res, const char *target, const char *typed,
		const struct typing_rec *r, double seconds)
{
	size_t matched, edits, i;

	typing_align(target, typed, &matched, &edits,
		     r ? NULL : res->tally, &res->ntally);
	res->target_chars += text_chars(target);
	res->typed_chars += text_chars(typed);
	res->correct += matched;
	res->edits += edits;
	if (r) {
		res->inserted += r->inserted;
		res->wrong += r->wrong;
		res->deleted += r->deleted;
		res->idle += r->idle;
		res->pauses += r->pauses;
		if (r->first >= 0)
			res->seconds += r->last - r->first - r->idle;
		for (i = 0; i < r->ntally; i++) {
			unsigned c;

			for (c = 0; c < r->tally[i].count; c++)
				tally_add(res->tally, &res->ntally, r->tally[i].cp);
		}
	} else
		res->seconds += seconds;
}

static double
per_minute(const struct typing_result *res, double chars, enum drill_unit u)
{
	if (res->seconds <= 0)
		return 0;
	return (u == UNIT_WPM ? chars / 5 : chars) * 60 / res->seconds;
}

double
typing_raw_speed(const struct typing_result *res, enum drill_unit u)
{
	return per_minute(res, (double)res->typed_chars, u);
}

double
typing_net_speed(const struct typing_result *res, enum drill_unit u)
{
	return per_minute(res, (double)res->correct, u);
}

double
typing_accuracy(const struct typing_result *res)
{
	double a;

	if (res->target_chars == 0)
		return 0;
	a = 100 * (1 - (double)res->edits / (double)res->target_chars);
	return a < 0 ? 0 : a;
}

double
typing_key_accuracy(const struct typing_result *res)
{
	if (res->inserted == 0)
		return typing_accuracy(res);
	return 100 * (double)(res->inserted - res->wrong) / (double)res->inserted;
}

static int
cmp_tally(const void *x, const void *y)
{
	const struct typing_tally *a = x, *b = y;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return a->cp < b->cp ? -1 : a->cp > b->cp;
}

void
typing_tally_sort(struct typing_tally *t, size_t n)
{
	if (n > 1)
		qsort(t, n, sizeof(*t), cmp_tally);
}
