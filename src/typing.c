/* typing.c: keystroke recording, alignment and speed. */
#include "config.h"

#include <math.h>
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

int32_t
typing_fold(int32_t cp, bool strict)
{
	if (strict)
		return cp;
	if ((cp >= 0xff10 && cp <= 0xff19) || (cp >= 0xff21 && cp <= 0xff3a) ||
	    (cp >= 0xff41 && cp <= 0xff5a) || cp == 0xff05)
		return cp - 0xfee0;	/* Ｔ１％ as T1% */
	return cp;
}

/* Decodes raw into *out (grown as needed), composed (NFC) and folded
 * by typing_fold(); returns the characters. */
static size_t
decode_all(const char *raw, bool strict, int32_t **out, size_t *cap)
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
		(*out)[count] = typing_fold((*out)[count], strict);
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
typing_rec_start(struct typing_rec *r, const char *target, bool strict)
{
	size_t cap = 0;

	memset(r, 0, sizeof(*r));
	r->strict = strict;
	r->ntarget = decode_all(target, strict, &r->target, &cap);
	r->mark = xcalloc(r->ntarget + 1, 1);
	r->first = r->last = r->last_insert = -1;
}

void
typing_rec_free(struct typing_rec *r)
{
	free(r->target);
	free(r->cur);
	free(r->ok);
	free(r->at);
	free(r->mark);
	free(r->spare);
	free(r->dp);
	memset(r, 0, sizeof(*r));
}

void
typing_rec_pasted(struct typing_rec *r)
{
	r->pasted = true;
}

enum typing_mark
typing_rec_mark(const struct typing_rec *r, size_t i)
{
	return i < r->ntarget ? (enum typing_mark)r->mark[i] : TYPING_AHEAD;
}

#define BAND_W (2 * TYPING_BAND + 1)
#define FAR ((unsigned)-1 / 2)

/* Aligns the line as typed (b, nb) to a prefix of the target (a, na) by
 * edit distance inside a band of TYPING_BAND characters either side of
 * the diagonal; characters typed past na + TYPING_BAND are extra. Sets
 * at[j] to the target character typed character j stands for (or -1
 * when it is extra) and the marks of the target. Ties prefer a match,
 * then a character typed wrong, then one typed extra. */
static void
align_live(struct typing_rec *r, const int32_t *b, size_t nb, long *at, size_t same)
{
	const int32_t *a = r->target;
	size_t na = r->ntarget, nbb = nb > na + TYPING_BAND ? na + TYPING_BAND : nb;
	size_t j, i, need = (nbb + 1) * BAND_W, end = 0;
	unsigned *d, best = FAR;

	if (r->capdp < need) {
		r->capdp = need + 64 * BAND_W;
		r->dp = xreallocarray(r->dp, r->capdp, sizeof(*r->dp));
	}
	d = r->dp;
	/* row j holds target positions i = j - BAND .. j + BAND at o = i - j + BAND,
	 * and depends on the first j characters typed only: the rows of what
	 * is the same as before stand (a keystroke at the end computes one) */
	if (same > r->dprows)
		same = r->dprows;
	for (j = same == 0 ? 0 : same + 1; j <= nbb; j++) {
		unsigned *row = d + j * BAND_W, *up = j > 0 ? row - BAND_W : row;
		size_t o;

		for (o = 0; o < BAND_W; o++) {
			long li = (long)j + (long)o - TYPING_BAND;
			unsigned v = FAR;

			if (li < 0 || (size_t)li > na) {
				row[o] = FAR;
				continue;
			}
			i = (size_t)li;
			if (j == 0)
				v = (unsigned)i;	/* target characters left out at the start */
			else {
				if (i > 0 && up[o] < FAR)
					v = up[o] + (a[i - 1] != b[j - 1]);
				if (o + 1 < BAND_W && up[o + 1] < FAR && up[o + 1] + 1 < v)
					v = up[o + 1] + 1;	/* b[j - 1] extra */
			}
			if (i > 0 && o > 0 && row[o - 1] < FAR && row[o - 1] + 1 < v)
				v = row[o - 1] + 1;	/* a[i - 1] left out */
			row[o] = v;
		}
	}
	r->dprows = nbb;
	/* the end of the line as typed meets the target where it costs least,
	 * the furthest such place */
	for (i = nbb > TYPING_BAND ? nbb - TYPING_BAND : 0; i <= nbb + TYPING_BAND && i <= na; i++) {
		unsigned v = d[nbb * BAND_W + (i + TYPING_BAND - nbb)];

		if (v <= best)
			best = v, end = i;
	}
	memset(r->mark, TYPING_AHEAD, na);
	for (j = nbb; j < nb; j++)
		at[j] = -1;
	for (i = end, j = nbb; i > 0 || j > 0;) {
		size_t o = i + TYPING_BAND - j;
		unsigned v = d[j * BAND_W + o];

		if (i > 0 && j > 0 && d[(j - 1) * BAND_W + o] < FAR &&
		    v == d[(j - 1) * BAND_W + o] + (a[i - 1] != b[j - 1])) {
			/* a character doubled after it stays marked */
			if (r->mark[i - 1] != TYPING_WRONG)
				r->mark[i - 1] = a[i - 1] == b[j - 1] ? TYPING_RIGHT : TYPING_WRONG;
			at[j - 1] = (long)(i - 1);
			i--, j--;
		} else if (j > 0 && o + 1 < BAND_W && d[(j - 1) * BAND_W + o + 1] < FAR &&
			   v == d[(j - 1) * BAND_W + o + 1] + 1) {
			/* typed extra: the character it doubles is marked (the
			 * next one when it is that, else the one before) */
			if (na > 0)
				r->mark[i < na && b[j - 1] == a[i] ? i : i > 0 ? i - 1 : 0] =
				    TYPING_WRONG;
			at[j - 1] = -1;
			j--;
		} else {
			r->mark[i - 1] = TYPING_WRONG;	/* left out */
			i--;
		}
	}
}

void
typing_rec_update(struct typing_rec *r, const char *line, double t)
{
	size_t n = decode_all(line, r->strict, &r->spare, &r->capspare), k = 0, tail = 0,
	    i, came, newbad = 0, deleted_before = r->deleted;
	int32_t *now = r->spare;
	unsigned char *ok;
	long *at, prev = -1;

	while (k < n && k < r->ncur && now[k] == r->cur[k])
		k++;
	if (k == n && n == r->ncur)
		return;		/* no change: cursor moves and the like */
	/* what stayed at the end, for edits in the middle of the line */
	while (tail < n - k && tail < r->ncur - k &&
	       now[n - 1 - tail] == r->cur[r->ncur - 1 - tail])
		tail++;
	typing_rec_time(r, t);
	/* 回改: the wrong characters taken out, each a mistake of the target
	 * character it stood for (an extra one stood for none) */
	for (i = k; i < r->ncur - tail; i++)
		if (!r->ok[i]) {
			r->deleted++;
			if (r->at[i] >= 0)
				tally_add(r->tally, &r->ntally, r->target[r->at[i]]);
		}
	came = n - tail - k;
	if (came > 0) {
		if (r->last_insert >= 0 && t - r->last_insert < TYPING_BURST_GAP)
			r->burst += came;
		else {
			if (r->last_insert >= 0 && t - r->last_insert <= TYPING_IDLE_SECONDS) {
				double g = t - r->last_insert;

				r->ngaps++;
				r->gaps += g;
				r->gaps2 += g * g;
			}
			r->burst = came;
		}
		r->last_insert = t;
		if (r->burst > r->longest_burst)
			r->longest_burst = r->burst;
	}
	at = xreallocarray(NULL, n + 1, sizeof(*at));
	align_live(r, now, n, at, k);
	ok = xreallocarray(NULL, n + 1, 1);
	/* slips: each wrong, extra or left-out character more than the line
	 * held (the alignment may move one: 小店 then 店 makes the first 店
	 * the extra one). Mistakes left in the line are tallied from its
	 * final alignment, those taken back when deleted */
	for (i = 0; i < n; i++) {
		ok[i] = at[i] >= 0 && now[i] == r->target[at[i]];
		if (!ok[i])
			newbad++;
		if (at[i] >= 0) {
			newbad += (size_t)(at[i] - prev - 1);	/* left out before it */
			prev = at[i];
		}
	}
	r->inserted += n - tail - k;
	/* against the most wrong characters the line held, less those
	 * deleted: an alignment that moves back and forth counts once */
	r->bad = r->bad > r->deleted - deleted_before ? r->bad - (r->deleted - deleted_before) : 0;
	if (newbad > r->bad) {
		r->wrong += newbad - r->bad;
		r->bad = newbad;
	}
	free(r->at);
	r->at = at;
	free(r->ok);
	r->ok = ok;
	{
		int32_t *old = r->cur;
		size_t oldcap = r->capcur;

		r->cur = now;
		r->capcur = r->capspare;
		r->spare = old;
		r->capspare = oldcap;
	}
	r->ncur = n;
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
		enum typing_mark m;
		int want;

		if (k == 0)
			k = 1;
		else if (i > 0 && !typing_nfc_inert(cp) && text_cp_width(cp) == 0)
			i--;	/* a combining mark is of the character before */
		m = typing_rec_mark(r, i);
		want = m == TYPING_AHEAD ? 0 : m == TYPING_RIGHT ? 1 : 2;
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
		if (r->shown > 0 && t - r->shown > TYPING_IDLE_SECONDS)
			r->lead = t - r->shown - TYPING_IDLE_SECONDS;
		r->idle += r->lead;
	} else if (t - r->last > TYPING_IDLE_SECONDS) {
		/* a long pause counts as TYPING_IDLE_SECONDS of typing */
		r->idle += t - r->last - TYPING_IDLE_SECONDS;
		r->active += TYPING_IDLE_SECONDS;
		r->pauses++;
	} else
		r->active += t - r->last;
	r->last = t;
}

void
typing_align(const char *target, const char *typed, bool strict, size_t *matched,
	     size_t *edits, struct typing_tally *tally, size_t *ntally)
{
	int32_t *a = NULL, *b = NULL;
	size_t ca = 0, cb = 0, na = decode_all(target, strict, &a, &ca),
	    nb = decode_all(typed, strict, &b, &cb), w, i, j, m = 0, extra = 0;
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
	size_t matched, edits, i, ntarget;
	double took = seconds;

	if (r && r->first >= 0) {
		/* from when the line was shown, as a person composes in an
		 * input method before anything arrives (a wait before the first
		 * key counts 5 s at most, as any pause) */
		took = r->last - (r->shown > 0 ? r->shown : r->first) - r->idle;
	} else if (r)
		took = 0;
	/* the mistakes left in the line; a recorder adds those taken back */
	typing_align(target, typed, res->strict, &matched, &edits, res->tally, &res->ntally);
	ntarget = text_chars(target);
	if (2 * matched < ntarget)
		res->half_typed++;
	if (res->lines == 0 || took > res->slowest_seconds) {
		res->slowest = res->lines;
		res->slowest_seconds = took;
	}
	res->lines++;
	res->target_chars += ntarget;
	res->typed_chars += text_chars(typed);
	res->correct += matched;
	res->edits += edits;
	if (r) {
		res->inserted += r->inserted;
		res->wrong += r->wrong;
		res->deleted += r->deleted;
		res->idle += r->idle;
		res->pauses += r->pauses;
		res->pasted |= r->pasted;
		if (r->longest_burst > res->longest_burst)
			res->longest_burst = r->longest_burst;
		res->ngaps += r->ngaps;
		res->gaps += r->gaps;
		res->gaps2 += r->gaps2;
		res->seconds += took;
		res->active += r->active;
		for (i = 0; i < r->ntally; i++) {
			unsigned c;

			for (c = 0; c < r->tally[i].count; c++)
				tally_add(res->tally, &res->ntally, r->tally[i].cp);
		}
	} else {
		res->seconds += seconds;
	}
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

bool
typing_even(const struct typing_result *res)
{
	double mean, var;

	if (res->ngaps < TYPING_EVEN_MIN)
		return false;
	mean = res->gaps / res->ngaps;
	var = res->gaps2 / res->ngaps - mean * mean;
	return mean > 0 && (var <= 0 || sqrt(var) < TYPING_EVEN * mean);
}

double
typing_ceiling(enum drill_unit u, double max_speed)
{
	if (max_speed > 0)
		return max_speed;
	return u == UNIT_WPM ? TYPING_CEILING_WPM : TYPING_CEILING_CPM;
}

enum typing_why
typing_verdict(const struct typing_run *run, const struct typing_result *res,
	       enum drill_unit u)
{
	if (!run->terminal || !res->timed)
		return TYPING_PIPED;	/* no keystrokes: nothing else to tell */
	if (res->pasted)
		return TYPING_PASTED;
	if (res->longest_burst > TYPING_PHRASE_MAX || typing_even(res))
		return TYPING_MACHINE;
	if (run->ceiling > 0 && typing_raw_speed(res, u) > run->ceiling)
		return TYPING_TOO_FAST;
	if (run->stopped)
		return TYPING_STOPPED;
	if (!run->whole)
		return TYPING_SHORT;
	if (res->half_typed > 0 || (run->limit > 0 && 2 * res->active < run->limit))
		return TYPING_UNTYPED;
	return TYPING_COUNTED;
}

static const char *const why_codes[TYPING_WHY_COUNT] = {
	[TYPING_COUNTED] = NULL,
	[TYPING_PASTED] = "pasted",
	[TYPING_MACHINE] = "machine",
	[TYPING_TOO_FAST] = "too-fast",
	[TYPING_PIPED] = "piped",
	[TYPING_STOPPED] = "stopped",
	[TYPING_SHORT] = "short",
	[TYPING_UNTYPED] = "untyped",
};

const char *
typing_why_code(enum typing_why w)
{
	return w < TYPING_WHY_COUNT ? why_codes[w] : NULL;
}

enum typing_why
typing_why_parse(const char *code)
{
	size_t i;

	if (code == NULL)
		return TYPING_COUNTED;
	for (i = 1; i < TYPING_WHY_COUNT; i++)
		if (strcmp(code, why_codes[i]) == 0)
			return (enum typing_why)i;
	return TYPING_WHY_COUNT;
}

const char *
typing_why_text(enum typing_why w)
{
	switch (w) {
	case TYPING_COUNTED:
		return N_("counted");
	case TYPING_PASTED:
		return N_("pasted, not counted: pasted text is not typing");
	case TYPING_MACHINE:
		return N_("not counted: faster than a person types (characters came in bursts longer than a phrase, or as evenly as a program sends them)");
	case TYPING_TOO_FAST:
		return N_("not counted: over the speed ceiling");
	case TYPING_PIPED:
		return N_("practice: lines piped in, not typed at a terminal");
	case TYPING_STOPPED:
		return N_("practice: stopped before the end of the drill");
	case TYPING_SHORT:
		return N_("practice: shorter than the whole drill");
	case TYPING_UNTYPED:
		return N_("practice: a line was left empty or under half typed, or the time ran with few keys");
	case TYPING_WHY_COUNT:
		break;
	}
	return N_("not counted");
}
