/* kpi.h: KPI figures: the months they are for, the values they may
 * take, and the elite list (标杆): who beats the team mean on every KPI.
 * Pure. */
#ifndef KEFU_KPI_H
#define KEFU_KPI_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"
#include "util.h"

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

/* ---- periods: a KPI figure is a calendar month's ---- */

/* A month as one number: year * 12 + (month - 1). */
typedef int kpi_month;

/* Reads a month as people and spreadsheets write it: 2026-11, 2026-1,
 * 2026/11, 2026.11, 2026年11月, and what Excel makes of 2026-11 in a
 * CSV: Nov-26, 26-Nov, Nov-2026, November 2026 (English month names or
 * their first three letters, any case). Full-width digits read alike.
 * False for anything else or a month that does not exist (2026-13). */
bool kpi_period_parse(const char *, kpi_month *);
/* Writes the month as YYYY-MM into buf (at least 8 bytes): the one form
 * kefu stores, so stored periods sort in time order. */
char *kpi_period_format(kpi_month, char *buf);

enum kpi_period_check { KPI_PERIOD_OK, KPI_PERIOD_BAD, KPI_PERIOD_FUTURE };
/* A period a figure may be recorded for: a real month not after now. */
enum kpi_period_check kpi_period_check(const char *, kpi_month now,
				       kpi_month *);

/* ---- figures: a value in the KPI's unit ---- */

/* The values a KPI's figures may take: its `range`, else 0 to 100 for
 * percent, else 0 to a trillion (no shop's month is more, and the team
 * mean of such figures stays exact). */
void kpi_bounds(const struct kpi *, double *lo, double *hi);
/* Appends the bounds in words: "from 0 to 100". */
void kpi_bounds_words(struct sb *, const struct kpi *);
/* Appends a figure with its unit: "27.5%", "1650 yuan", "12 seconds". */
void kpi_figure_words(struct sb *, const struct kpi *, double);

enum kpi_value {
	KPI_VALUE_OK,
	KPI_VALUE_BAD,		/* not a number */
	KPI_VALUE_UNIT,		/* a sign of another unit: 25% for yuan */
	KPI_VALUE_RANGE,	/* outside kpi_bounds() */
};
/* Reads a figure of a KPI: a number, full-width digits alike, with the
 * signs of the KPI's unit allowed: 25, 25%, 25％ for percent; 1650,
 * 1,650.00, ￥1,650.00, 1650元 for yuan; 12, 12s, 12秒 for seconds.
 * Thousands separators only in groups of three. */
enum kpi_value kpi_value_parse(const struct kpi *, const char *, double *);

#endif
