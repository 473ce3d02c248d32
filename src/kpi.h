/* kpi.h: the elite list (标杆): who beats the team mean on every KPI.
 * Pure. */
#ifndef KEFU_KPI_H
#define KEFU_KPI_H

#include <stdbool.h>
#include <stddef.h>

/* One person's figures for a period: v[k] is KPI k's figure when has[k]. */
struct kpi_figures {
	const double *v;
	const bool *has;
};

/* For nk KPIs (lower[k]: lower is better) and np people: mean[k] is the
 * mean of the figures of KPI k (NAN when nobody has one), and elite[i]
 * is true when person i has every figure and each strictly beats its
 * mean in its direction. margin[i * nk + k] is how far person i's figure
 * is on the better side of the mean (negative: worse; NAN: none).
 * Returns the number of elite people. */
size_t kpi_elite(size_t nk, const bool *lower, size_t np,
		 const struct kpi_figures *people, double *mean, double *margin,
		 bool *elite);

#endif
