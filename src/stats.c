/* stats.c: item analysis of quiz attempts: facility, discrimination,
 * Cronbach's alpha, and the flags they raise. */
#include "config.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

/* What a value may be off its bound by and still count as on it. */
#define NOISE 1e-9

double
stats_mean(const double *v, size_t n)
{
	long double sum = 0;
	size_t i;

	if (n == 0)
		return NAN;
	for (i = 0; i < n; i++)
		sum += v[i];
	return (double)(sum / (long double)n);
}

/* The k-th smallest of s[0 .. n-1] (k < n), moving the smaller ones
 * before it and the larger after: Hoare's FIND as Wirth gives it, O(n)
 * on average, and even on a run of equal scores, which it splits. */
static double
select_kth(double *s, size_t n, size_t k)
{
	ptrdiff_t l = 0, r = (ptrdiff_t)n - 1, kk = (ptrdiff_t)k;

	while (l < r) {
		double x = s[kk], t;
		ptrdiff_t i = l, j = r;

		do {
			while (s[i] < x)
				i++;
			while (x < s[j])
				j--;
			if (i <= j) {
				t = s[i], s[i] = s[j], s[j] = t;
				i++, j--;
			}
		} while (i <= j);
		if (j < kk)
			l = i;
		if (kk < i)
			r = j;
	}
	return s[kk];
}

double
stats_median(const double *v, size_t n)
{
	double *s, med;
	size_t i;

	if (n == 0)
		return NAN;
	s = xreallocarray(NULL, n, sizeof(*s));
	memcpy(s, v, n * sizeof(*s));
	med = select_kth(s, n, n / 2);
	if (n % 2 == 0) {
		/* the lower middle: the largest of those moved before it */
		double lo = s[0];

		for (i = 1; i < n / 2; i++)
			if (s[i] > lo)
				lo = s[i];
		med = (lo + med) / 2;
	}
	free(s);
	return med;
}

double
stats_sd(const double *v, size_t n)
{
	long double mean, ss = 0;
	size_t i;

	if (n < 2)
		return NAN;
	/* two passes: sums of squares about the mean lose nothing to a
	 * large mean, as sum(x^2) - n*mean^2 would */
	mean = stats_mean(v, n);
	for (i = 0; i < n; i++)
		ss += (v[i] - mean) * (v[i] - mean);
	return (double)sqrtl(ss / (long double)(n - 1));
}

/* Pearson r from centred sums of squares and products. */
static double
correlation(long double sxx, long double syy, long double sxy)
{
	double r;

	if (!(sxx > 0) || !(syy > 0))
		return NAN;
	r = (double)(sxy / sqrtl(sxx * syy));
	return r > 1 ? 1 : r < -1 ? -1 : r;
}

double
stats_pearson(const double *x, const double *y, size_t n)
{
	long double mx, my, sxx = 0, syy = 0, sxy = 0;
	bool xconst = true, yconst = true;
	size_t i;

	if (n < 2)
		return NAN;
	mx = stats_mean(x, n);
	my = stats_mean(y, n);
	for (i = 0; i < n; i++) {
		long double dx = x[i] - mx, dy = y[i] - my;

		xconst &= x[i] == x[0];
		yconst &= y[i] == y[0];
		sxx += dx * dx;
		syy += dy * dy;
		sxy += dx * dy;
	}
	/* a mean rounded off a constant would leave a correlation of noise */
	if (xconst || yconst)
		return NAN;
	return correlation(sxx, syy, sxy);
}

/* One item's sums over the attempts given it: x its score, y the rest
 * of the paper. Doubles about the means lose nothing that shows; long
 * double sums held in memory made the pass three times as slow. */
struct item_acc {
	size_t n;
	double sx, sy;		/* sums, then means */
	double sxx, syy, sxy;	/* about the means */
	double x0, ymin, ymax;
	bool xconst;
};

/* The attempt's total over the items it was given; long double, so
 * that the total less one item gives the others' sum back exactly. */
static long double
row_total(const double *row, size_t items)
{
	long double t = 0;
	size_t i;

	for (i = 0; i < items; i++)
		if (!isnan(row[i]))
			t += row[i];
	return t;
}

void
stats_items(const struct stats_matrix *m, struct item_stats *out)
{
	struct item_acc *acc = xcalloc(m->items ? m->items : 1, sizeof(*acc));
	/* the one scratch buffer: each attempt's total, read by both passes */
	long double *total = xreallocarray(NULL, m->attempts ? m->attempts : 1,
					   sizeof(*total));
	size_t a, i;

	/* first pass: counts and means; second: sums about the means */
	for (a = 0; a < m->attempts; a++) {
		const double *row = m->score + a * m->items;

		total[a] = row_total(row, m->items);
		for (i = 0; i < m->items; i++) {
			struct item_acc *c = &acc[i];
			double y;

			if (isnan(row[i]))
				continue;
			y = (double)(total[a] - row[i]);
			if (c->n == 0) {
				c->x0 = row[i];
				c->xconst = true;
				c->ymin = c->ymax = y;
			}
			c->xconst &= row[i] == c->x0;
			if (y < c->ymin)
				c->ymin = y;
			if (y > c->ymax)
				c->ymax = y;
			c->sx += row[i];
			c->sy += y;
			c->n++;
		}
	}
	for (i = 0; i < m->items; i++)
		if (acc[i].n) {
			acc[i].sx /= (double)acc[i].n;
			acc[i].sy /= (double)acc[i].n;
		}
	for (a = 0; a < m->attempts; a++) {
		const double *row = m->score + a * m->items;

		for (i = 0; i < m->items; i++) {
			struct item_acc *c = &acc[i];
			double dx, dy;

			if (isnan(row[i]))
				continue;
			dx = row[i] - c->sx;
			dy = (double)(total[a] - row[i]) - c->sy;
			c->sxx += dx * dx;
			c->syy += dy * dy;
			c->sxy += dx * dy;
		}
	}
	for (i = 0; i < m->items; i++) {
		const struct item_acc *c = &acc[i];
		struct item_stats *s = &out[i];
		long double scale = 100.0L / m->max[i];
		/* a rest of the paper the same up to rounding is the same */
		bool yconst = c->ymax - c->ymin <= NOISE * fmax(1, fabs(c->ymax));

		s->n = c->n;
		s->facility = c->n ? (double)(c->sx * scale) : NAN;
		s->sd = c->n > 1 ? (double)(sqrtl(c->sxx / (long double)(c->n - 1)) * scale) : NAN;
		s->discrimination = c->n > 1 && !c->xconst && !yconst ?
			correlation(c->sxx, c->syy, c->sxy) : NAN;
		s->flags = stats_flags(s->facility, s->discrimination);
	}
	free(total);
	free(acc);
}

double
stats_alpha(const struct stats_matrix *m)
{
	/* per item: given on every paper, and the mean then sum of squares */
	bool *every = xcalloc(m->items ? m->items : 1, sizeof(*every));
	double *mean = xcalloc(m->items ? m->items : 1, sizeof(*mean));
	double *ss = xcalloc(m->items ? m->items : 1, sizeof(*ss));
	long double tmean = 0, tmin = 0, tmax = 0;
	double tss = 0, sum_ss = 0;
	double alpha = NAN;
	size_t a, i, k = 0;

	for (i = 0; i < m->items; i++)
		every[i] = true;
	for (a = 0; a < m->attempts; a++)
		for (i = 0; i < m->items; i++) {
			double x = m->score[a * m->items + i];

			if (isnan(x))
				every[i] = false;
			else
				mean[i] += x;
		}
	for (i = 0; i < m->items; i++)
		if (every[i]) {
			k++;
			mean[i] /= (double)m->attempts;
			tmean += mean[i];
		}
	if (k < 2 || m->attempts < 2)
		goto out;
	for (a = 0; a < m->attempts; a++) {
		const double *row = m->score + a * m->items;
		long double t = 0;

		for (i = 0; i < m->items; i++)
			if (every[i]) {
				t += row[i];
				ss[i] += (row[i] - mean[i]) * (row[i] - mean[i]);
			}
		if (a == 0 || t < tmin)
			tmin = t;
		if (a == 0 || t > tmax)
			tmax = t;
		tss += (double)((t - tmean) * (t - tmean));
	}
	/* totals the same up to rounding leave only noise to explain */
	if (tmax - tmin <= NOISE * fmaxl(1, fabsl(tmax)) || !(tss > 0))
		goto out;
	for (i = 0; i < m->items; i++)
		if (every[i])
			sum_ss += ss[i];
	/* the n - 1 of each sample variance cancels */
	alpha = (double)k / (double)(k - 1) * (1 - sum_ss / tss);
out:
	free(every);
	free(mean);
	free(ss);
	return alpha;
}

void
stats_quiz(const struct stats_matrix *m, const double *percent,
	   struct quiz_stats *out)
{
	out->n = m->attempts;
	out->mean = stats_mean(percent, m->attempts);
	out->median = stats_median(percent, m->attempts);
	out->sd = stats_sd(percent, m->attempts);
	out->alpha = stats_alpha(m);
}

unsigned
stats_flags(double facility, double discrimination)
{
	unsigned f = 0;

	/* comparisons with NAN are false: an unknown value raises nothing */
	if (facility < 20 - NOISE)
		f |= STATS_TOO_HARD;
	if (facility > 95 + NOISE)
		f |= STATS_TOO_EASY;
	if (discrimination < 0.1 - NOISE)
		f |= STATS_LOW_DISCRIMINATION;
	return f;
}

void
stats_flag_words(struct sb *sb, unsigned flags)
{
	static const struct {
		unsigned flag;
		const char *words;
	} reasons[] = {
		{ STATS_TOO_HARD, N_("too hard: facility under 20%") },
		{ STATS_TOO_EASY, N_("too easy: facility over 95%") },
		{ STATS_LOW_DISCRIMINATION, N_("low discrimination: under 0.1") },
	};
	const char *sep = "";
	size_t i;

	for (i = 0; i < ARRAY_SIZE(reasons); i++)
		if (flags & reasons[i].flag) {
			sb_adds(sb, sep);
			sb_adds(sb, _(reasons[i].words));
			/* TRANSLATORS: between two reasons a question is flagged */
			sep = _("; ");
		}
}
