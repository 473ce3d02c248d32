/* unit-kpi.c: team means and the elite list, in both directions. */
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_both_directions),
		cmocka_unit_test(test_missing_and_ties),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
