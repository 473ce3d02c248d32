/* stats.h: item analysis of a quiz's finished attempts, as Moodle's quiz
 * statistics compute it; pure, no I/O.
 *
 * Where Moodle's definitions leave a choice, kefu takes these:
 * - An item that was not on every paper (a quiz that draws questions)
 *   is analysed over the attempts that were given it. Its rest of the
 *   paper is the attempt's total over the items it was given, in points
 *   as the matrix holds them, minus this item.
 * - Cronbach's alpha is over the items every attempt was given, and its
 *   totals are the sums of those items alone.
 * - Standard deviations are of samples (n - 1), as Moodle's are.
 * - The median of an even count is the mean of the middle two.
 * - Discrimination and alpha are fractions (Moodle shows them times 100).
 * - A value on a flag's bound (facility exactly 20% or 95%,
 *   discrimination exactly 0.1) raises no flag; rounding noise of 1e-9
 *   either side counts as on it.
 * Inputs hold no NAN but where stats_matrix says; no function allocates
 * anything its caller must free. */
#ifndef KEFU_STATS_H
#define KEFU_STATS_H

#include <stddef.h>

#include "util.h"

struct stats_matrix {
	size_t attempts, items;
	const double *score;	/* attempts x items, row-major; NAN: the item was
				 * not on that attempt's paper */
	const double *max;	/* per item: the points it is worth (> 0) */
};

enum {
	STATS_TOO_HARD = 1,	/* facility under 20% */
	STATS_TOO_EASY = 2,	/* facility over 95% */
	STATS_LOW_DISCRIMINATION = 4,	/* discrimination under 0.1 */
};

struct item_stats {
	size_t n;		/* attempts that were given the item */
	double facility;	/* mean score as a percent of its points; NAN when n == 0 */
	double sd;		/* sample standard deviation of the score as a percent
				 * of its points; NAN when n < 2 */
	double discrimination;	/* Pearson r of the item's score with the rest of
				 * the paper (the attempt's total minus this item),
				 * NAN when undefined (n < 2 or a constant) */
	unsigned flags;		/* STATS_* above; a NAN value raises no flag */
};

struct quiz_stats {
	size_t n;		/* attempts */
	double mean, median, sd;	/* of the attempts' percents; sd sample (n-1),
					 * NAN when n < 2 */
	double alpha;		/* Cronbach's alpha, NAN when it cannot be computed */
};

double stats_mean(const double *v, size_t n);	/* NAN when n == 0 */
double stats_median(const double *v, size_t n);	/* does not change v; NAN when n == 0 */
double stats_sd(const double *v, size_t n);	/* sample sd; NAN when n < 2 */
/* NAN when undefined: n < 2, or x or y constant. */
double stats_pearson(const double *x, const double *y, size_t n);

/* Fills out[0 .. m->items-1], in O(attempts x items). */
void stats_items(const struct stats_matrix *m, struct item_stats *out);
/* percent[i]: attempt i's final percent (the quiz's own score, which may
 * weigh items differently); alpha from the matrix. */
void stats_quiz(const struct stats_matrix *m, const double *percent,
		struct quiz_stats *out);
/* Cronbach's alpha over the items that every attempt was given (k >= 2
 * of them and n >= 2 attempts, total variance > 0), else NAN:
 * alpha = k/(k-1) * (1 - sum(item variances)/variance(totals)), sample
 * variances. */
double stats_alpha(const struct stats_matrix *m);

/* The flags (STATS_*) a facility and a discrimination raise. */
unsigned stats_flags(double facility, double discrimination);
/* Appends the reasons a question is flagged, translated and joined by
 * "; ": "too hard: facility under 20%". Nothing for no flags. */
void stats_flag_words(struct sb *, unsigned flags);

#endif
