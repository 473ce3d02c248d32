/* unit-kpi.c: KPI periods and figures; team means and the elite list,
 * in both directions. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "kpi.h"

static void
test_both_directions(void **state)
{
	/* conversion (higher is better), response seconds (lower is better) */
	const bool lower[] = { false, true };
	const double a[] = { 30, 20 }, b[] = { 20, 40 }, c[] = { 25, 25 },
		     d[] = { 35, 35 };
	const bool all[] = { true, true };
	const struct kpi_figures people[] = {
		{ a, all }, { b, all }, { c, all }, { d, all },
	};
	double mean[2], margin[8];
	bool elite[4];

	(void)state;
	assert_int_equal(kpi_elite(2, lower, 4, people, mean, margin, elite), 1);
	assert_true(fabs(mean[0] - 27.5) < 1e-9);
	assert_true(fabs(mean[1] - 30) < 1e-9);
	/* a: 2.5 above on conversion, 10 s faster than the mean */
	assert_true(elite[0]);
	assert_true(fabs(margin[0] - 2.5) < 1e-9);
	assert_true(fabs(margin[1] - 10) < 1e-9);
	/* b is worse on both; c is fast but converts below the mean */
	assert_false(elite[1]);
	assert_false(elite[2]);
	assert_true(margin[4] < 0 && margin[5] > 0);
	/* d converts best but answers slower than the mean */
	assert_false(elite[3]);
	assert_true(fabs(margin[7] + 5) < 1e-9);
}

static void
test_missing_and_ties(void **state)
{
	const bool lower[] = { false };
	const double a[] = { 10 }, b[] = { 10 }, c[] = { 99 };
	const bool yes[] = { true }, no[] = { false };
	const struct kpi_figures tie[] = { { a, yes }, { b, yes } };
	const struct kpi_figures gap[] = { { a, yes }, { c, no } };
	double mean[1], margin[2];
	bool elite[2];

	(void)state;
	/* equal to the mean is not beating it */
	assert_int_equal(kpi_elite(1, lower, 2, tie, mean, margin, elite), 0);
	/* a missing figure neither counts in the mean nor makes anyone elite */
	assert_int_equal(kpi_elite(1, lower, 2, gap, mean, margin, elite), 0);
	assert_true(fabs(mean[0] - 10) < 1e-9);
	assert_true(isnan(margin[1]));
	/* nobody has a figure: the mean is unknown */
	assert_int_equal(kpi_elite(1, lower, 1, &gap[1], mean, margin, elite), 0);
	assert_true(isnan(mean[0]));
}

static void
test_periods(void **state)
{
	static const char *const nov[] = {
		"2026-11", "2026/11", "2026.11", "2026年11月", "2026年11", "Nov-26",
		"26-Nov", "nov-26", "NOV-2026", "November 2026", "２０２６－１１",
		" 2026-11 ",
	};
	static const char *const bad[] = {
		"2026-13", "2026-00", "2026-1-1", "26-11", "Nov", "q3", "", "2026",
		"2026-11x", "Novem-26", "Nov-126", "1969-12", "2026--11", "11/2026",
	};
	char buf[8];
	kpi_month m, now;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(nov) / sizeof(*nov); i++) {
		m = -1;
		assert_true(kpi_period_parse(nov[i], &m));
		assert_string_equal(kpi_period_format(m, buf), "2026-11");
	}
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_false(kpi_period_parse(bad[i], &m));
	/* two-digit years as Excel reads them */
	assert_true(kpi_period_parse("Nov-99", &m));
	assert_string_equal(kpi_period_format(m, buf), "1999-11");
	assert_true(kpi_period_parse("29-Jan", &m));
	assert_string_equal(kpi_period_format(m, buf), "2029-01");
	assert_true(kpi_period_parse("2026-1", &m));
	assert_string_equal(kpi_period_format(m, buf), "2026-01");
	/* months order as numbers, across a year */
	now = 0;
	assert_true(kpi_period_parse("2026-12", &m));
	assert_true(kpi_period_parse("2027-01", &now));
	assert_int_equal(now - m, 1);
	/* not after the current month */
	assert_int_equal(kpi_period_check("2027-02", now, &m), KPI_PERIOD_FUTURE);
	assert_int_equal(kpi_period_check("2027-01", now, &m), KPI_PERIOD_OK);
	assert_int_equal(kpi_period_check("2026-13", now, &m), KPI_PERIOD_BAD);
}

static void
test_values(void **state)
{
	struct kpi pct = { .id = "conv", .unit = "percent" },
		   yuan = { .id = "aov", .unit = "yuan" },
		   secs = { .id = "resp", .unit = "seconds" },
		   pts = { .id = "q", .unit = "points", .has_range = true,
			   .range_lo = 1, .range_hi = 5 },
		   delta = { .id = "d", .unit = "percent", .has_range = true,
			     .range_lo = -100, .range_hi = 100 };
	double v, lo, hi;

	(void)state;
	assert_int_equal(kpi_value_parse(&pct, "25", &v), KPI_VALUE_OK);
	assert_true(v == 25);
	assert_int_equal(kpi_value_parse(&pct, "25%", &v), KPI_VALUE_OK);
	assert_true(v == 25);
	assert_int_equal(kpi_value_parse(&pct, "27.5％", &v), KPI_VALUE_OK);
	assert_true(v == 27.5);
	assert_int_equal(kpi_value_parse(&pct, "150%", &v), KPI_VALUE_RANGE);
	assert_int_equal(kpi_value_parse(&pct, "-5", &v), KPI_VALUE_RANGE);
	assert_int_equal(kpi_value_parse(&pct, "abc", &v), KPI_VALUE_BAD);
	assert_int_equal(kpi_value_parse(&pct, "20元", &v), KPI_VALUE_UNIT);
	assert_int_equal(kpi_value_parse(&yuan, "￥1,650.00", &v), KPI_VALUE_OK);
	assert_true(v == 1650);
	assert_int_equal(kpi_value_parse(&yuan, "1650", &v), KPI_VALUE_OK);
	assert_int_equal(kpi_value_parse(&yuan, "¥ 172", &v), KPI_VALUE_OK);
	assert_true(v == 172);
	assert_int_equal(kpi_value_parse(&yuan, "172元", &v), KPI_VALUE_OK);
	assert_int_equal(kpi_value_parse(&yuan, "1,234,567.5", &v), KPI_VALUE_OK);
	assert_true(v == 1234567.5);
	assert_int_equal(kpi_value_parse(&yuan, "1,65", &v), KPI_VALUE_BAD);
	assert_int_equal(kpi_value_parse(&yuan, "16,5000", &v), KPI_VALUE_BAD);
	assert_int_equal(kpi_value_parse(&yuan, "25%", &v), KPI_VALUE_UNIT);
	assert_int_equal(kpi_value_parse(&yuan, "-3", &v), KPI_VALUE_RANGE);
	assert_int_equal(kpi_value_parse(&secs, "12秒", &v), KPI_VALUE_OK);
	assert_true(v == 12);
	assert_int_equal(kpi_value_parse(&secs, "12s", &v), KPI_VALUE_OK);
	assert_int_equal(kpi_value_parse(&pts, "5", &v), KPI_VALUE_OK);
	assert_int_equal(kpi_value_parse(&pts, "0", &v), KPI_VALUE_RANGE);
	assert_int_equal(kpi_value_parse(&delta, "-5%", &v), KPI_VALUE_OK);
	assert_true(v == -5);
	assert_int_equal(kpi_value_parse(&pct, "nan", &v), KPI_VALUE_BAD);
	assert_int_equal(kpi_value_parse(&pct, "1e400", &v), KPI_VALUE_BAD);
	kpi_bounds(&yuan, &lo, &hi);
	assert_true(lo == 0 && hi == 1e12);
	/* no figure overflows a team mean */
	assert_int_equal(kpi_value_parse(&yuan, "1e308", &v), KPI_VALUE_RANGE);
	kpi_bounds(&pct, &lo, &hi);
	assert_true(lo == 0 && hi == 100);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_both_directions),
		cmocka_unit_test(test_missing_and_ties),
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_values),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
