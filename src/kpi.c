/* kpi.c: KPI periods and figures, team means and the elite list. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kpi.h"
#include "text.h"

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

/* ---- periods ---- */

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december",
};

/* An English month name, whole or its first three letters (lowercase,
 * as folded); 1 to 12, or 0. */
static int
month_word(const char **s)
{
	size_t n = 0;
	int m;

	while ((*s)[n] >= 'a' && (*s)[n] <= 'z')
		n++;
	if (n < 3)
		return 0;
	for (m = 0; m < 12; m++)
		if ((n == 3 || n == strlen(month_names[m])) &&
		    strncmp(*s, month_names[m], n) == 0) {
			*s += n;
			return m + 1;
		}
	return 0;
}

/* A two-digit year as Excel reads one: 00-29 are 2000-2029, 30-99 are
 * 1930-1999. */
static int
two_digit_year(int yy)
{
	return yy < 30 ? 2000 + yy : 1900 + yy;
}

static bool
sep(const char **s)
{
	if (**s == '-' || **s == '/' || **s == '.' || **s == ' ') {
		(*s)++;
		return true;
	}
	return false;
}

static bool
period_of(const char *s, kpi_month *out)
{
	int y = -1, m = 0, a, na;

	if ((na = date_digits(&s, 4, &a)) == 4) {
		/* 2026-11, 2026/11, 2026.11, 2026年11月 */
		y = a;
		if (strncmp(s, "年", strlen("年")) == 0)
			s += strlen("年");
		else if (!sep(&s))
			return false;
		if (date_digits(&s, 2, &m) == 0)
			return false;
		if (strncmp(s, "月", strlen("月")) == 0)
			s += strlen("月");
	} else if (na == 2) {
		/* 26-Nov */
		if (!sep(&s) || (m = month_word(&s)) == 0)
			return false;
		y = two_digit_year(a);
	} else if (na == 0 && (m = month_word(&s)) != 0) {
		/* Nov-26, Nov-2026, November 2026 */
		if (!sep(&s))
			return false;
		na = date_digits(&s, 4, &a);
		if (na == 2)
			y = two_digit_year(a);
		else if (na == 4)
			y = a;
		else
			return false;
	} else
		return false;
	if (*s != '\0' || m < 1 || m > 12 || y < 1970 || y > 9999)
		return false;
	*out = y * 12 + (m - 1);
	return true;
}

bool
kpi_period_parse(const char *s, kpi_month *out)
{
	char *t = text_fold(s);
	bool ok = period_of(t, out);

	free(t);
	return ok;
}

char *
kpi_period_format(kpi_month m, char *buf)
{
	unsigned y = (unsigned)(m / 12) % 10000u, mo = (unsigned)(m % 12) % 12u + 1;

	snprintf(buf, 8, "%04u-%02u", y, mo);
	return buf;
}

enum kpi_period_check
kpi_period_check(const char *s, kpi_month now, kpi_month *out)
{
	if (!kpi_period_parse(s, out))
		return KPI_PERIOD_BAD;
	return *out > now ? KPI_PERIOD_FUTURE : KPI_PERIOD_OK;
}

/* ---- figures ---- */

static bool
unit_is(const struct kpi *k, const char *const *names)
{
	for (; k->unit && *names; names++)
		if (strcmp(k->unit, *names) == 0)
			return true;
	return false;
}

static const char *const percent_units[] = { "percent", "%", NULL };
static const char *const yuan_units[] = { "yuan", "元", "cny", "rmb", NULL };
static const char *const second_units[] = { "seconds", "second", "s", "秒", NULL };

void
kpi_bounds(const struct kpi *k, double *lo, double *hi)
{
	if (k->has_range) {
		*lo = k->range_lo;
		*hi = k->range_hi;
	} else {
		*lo = 0;
		*hi = unit_is(k, percent_units) ? 100 : 1e12;
	}
}

void
kpi_bounds_words(struct sb *sb, const struct kpi *k)
{
	double lo, hi;

	kpi_bounds(k, &lo, &hi);
	sb_addf(sb, _("from %s to %s"), NUM(lo), NUM(hi));
}

void
kpi_figure_words(struct sb *sb, const struct kpi *k, double v)
{
	static const char *const point_units[] = { "points", "point", "分", NULL };
	char num[TEXT_NUM_MAX];

	/* as numbers are shown everywhere; the units kefu knows in words
	 * of the user's language, any other as the content writes it */
	text_num(num, v);
	if (unit_is(k, percent_units))
		sb_addf(sb, "%s%%", num);
	else if (unit_is(k, yuan_units))
		sb_addf(sb, _("%s yuan"), num);
	else if (unit_is(k, second_units))
		sb_addf(sb, _("%s seconds"), num);
	else if (unit_is(k, point_units))
		sb_addf(sb, _("%s points"), num);
	else if (k->unit)
		sb_addf(sb, "%s %s", num, k->unit);
	else
		sb_adds(sb, num);
}

/* Takes a prefix or suffix from s (start, end) when it is there. */
static bool
strip_prefix(char **s, const char *p)
{
	size_t n = strlen(p);

	if (strncmp(*s, p, n) != 0)
		return false;
	*s += n;
	while (**s == ' ')
		(*s)++;
	return true;
}

static bool
strip_suffix(char *s, const char *p)
{
	size_t n = strlen(s), m = strlen(p);

	if (n < m || strcmp(s + n - m, p) != 0)
		return false;
	s[n - m] = '\0';
	while (n - m > 0 && s[n - m - 1] == ' ')
		s[--n - m] = '\0';
	return true;
}

/* Takes thousands separators out, in place: only a comma between a
 * digit and a group of exactly three digits. */
static bool
ungroup(char *s)
{
	char *r = s, *w = s;

	for (; *r; r++) {
		if (*r != ',') {
			*w++ = *r;
			continue;
		}
		if (w == s || w[-1] < '0' || w[-1] > '9' ||
		    !(r[1] >= '0' && r[1] <= '9' && r[2] >= '0' && r[2] <= '9' &&
		      r[3] >= '0' && r[3] <= '9') ||
		    (r[4] >= '0' && r[4] <= '9'))
			return false;
	}
	*w = '\0';
	return true;
}

enum kpi_value
kpi_value_parse(const struct kpi *k, const char *text, double *v)
{
	static const char *const other_signs[] = { "%", "¥", "元", "秒", NULL };
	char *t = text_fold(text), *s = t;
	enum kpi_value r = KPI_VALUE_OK;
	const char *const *o;
	double lo, hi;

	/* the signs of the KPI's own unit, one each */
	if (unit_is(k, percent_units))
		strip_suffix(s, "%");
	else if (unit_is(k, yuan_units)) {
		if (!strip_prefix(&s, "¥"))
			strip_suffix(s, "元");
	} else if (unit_is(k, second_units) && !strip_suffix(s, "秒"))
		strip_suffix(s, "s");
	for (o = other_signs; *o; o++)
		if (strstr(s, *o)) {
			r = KPI_VALUE_UNIT;
			goto out;
		}
	if (!ungroup(s) || !text_number(s, v) || !isfinite(*v)) {
		r = KPI_VALUE_BAD;
		goto out;
	}
	kpi_bounds(k, &lo, &hi);
	if (*v < lo || *v > hi)
		r = KPI_VALUE_RANGE;
out:
	free(t);
	return r;
}
