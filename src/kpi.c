/* kpi.c: team means and the elite list. */
#include "config.h"

#include <math.h>

#include "kpi.h"

size_t
kpi_elite(size_t nk, const bool *lower, size_t np,
	  const struct kpi_figures *people, double *mean, double *margin,
	  bool *elite)
{
	size_t i, k, n = 0;

	for (k = 0; k < nk; k++) {
		double sum = 0;
		size_t count = 0;

		for (i = 0; i < np; i++)
			if (people[i].has[k]) {
				sum += people[i].v[k];
				count++;
			}
		mean[k] = count ? sum / (double)count : NAN;
	}
	for (i = 0; i < np; i++) {
		elite[i] = nk > 0;
		for (k = 0; k < nk; k++) {
			double d;

			if (!people[i].has[k] || isnan(mean[k])) {
				margin[i * nk + k] = NAN;
				elite[i] = false;
				continue;
			}
			d = people[i].v[k] - mean[k];
			if (lower[k])
				d = -d;
			margin[i * nk + k] = d;
			/* beating the mean means more than rounding noise */
			if (!(d > 1e-9 * fmax(1, fabs(mean[k]))))
				elite[i] = false;
		}
		n += elite[i];
	}
	return n;
}
