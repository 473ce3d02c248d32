/* unit-stats.c: item analysis against values worked by hand: facility,
 * sample sd, rest-of-paper correlation, Cronbach's alpha, the flags. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "stats.h"

#define near(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static void
test_mean_median_sd(void **state)
{
	const double v[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
	const double odd[] = { 3, 1, 2 };
	const double one[] = { 7 };

	(void)state;
	/* mean 40/8 = 5; squares about it 9+1+1+1+0+0+4+16 = 32;
	 * sample sd sqrt(32/7) = 2.138089935..., not the population's 2 */
	near(stats_mean(v, 8), 5);
	near(stats_sd(v, 8), 2.1380899352993950);
	/* even count: the mean of the middle two, 4 and 5 */
	near(stats_median(v, 8), 4.5);
	/* odd count: the middle one; v is left as it was */
	near(stats_median(odd, 3), 2);
	assert_true(odd[0] == 3 && odd[1] == 1 && odd[2] == 2);
	near(stats_median(one, 1), 7);
	/* unsorted: 1 1 2 3 | 4 5 6 9, and ties across the middle */
	near(stats_median((const double[]){ 3, 1, 4, 1, 5, 9, 2, 6 }, 8), 3.5);
	near(stats_median((const double[]){ 5, 4, 1, 4, 9, 2 }, 6), 4);
	assert_true(isnan(stats_mean(v, 0)));
	assert_true(isnan(stats_median(v, 0)));
	assert_true(isnan(stats_sd(v, 0)));
	assert_true(isnan(stats_sd(one, 1)));
}

static void
test_pearson(void **state)
{
	const double x[] = { 1, 2, 3, 4, 5 }, y[] = { 2, 4, 5, 4, 5 };
	const double down[] = { 10, 8, 6, 4, 2 }, flat[] = { 3, 3, 3, 3, 3 };
	const double tenth[] = { 0.1, 0.1, 0.1, 0.1, 0.1 };

	(void)state;
	/* means 3 and 4; sxx = 10, syy = 4+0+1+0+1 = 6,
	 * sxy = (-2)(-2)+(-1)(0)+0(1)+1(0)+2(1) = 6: r = 6/sqrt(60) = 0.7745966... */
	near(stats_pearson(x, y, 5), 0.7745966692414834);
	near(stats_pearson(y, x, 5), 0.7745966692414834);
	near(stats_pearson(x, down, 5), -1);
	/* a constant has no correlation, even one whose mean rounds */
	assert_true(isnan(stats_pearson(x, flat, 5)));
	assert_true(isnan(stats_pearson(tenth, x, 5)));
	assert_true(isnan(stats_pearson(x, y, 1)));
	assert_true(isnan(stats_pearson(x, y, 0)));
}

/* Five trainees, four 1-point questions:
 *
 *            q1 q2 q3 q4  total
 *   a         1  1  1  1   4
 *   b         1  1  1  0   3
 *   c         1  1  0  1   3
 *   d         1  0  0  0   1
 *   e         0  1  0  0   1
 *
 * facility: q1 4/5 = 80%, q2 80%, q3 2/5 = 40%, q4 40%.
 * sample sd: q1 p = 0.8, squares about it 4(0.2)^2 + 0.8^2 = 0.8,
 *   / 4 = 0.2, sd sqrt(0.2) = 44.72135955%; q3 p = 0.4,
 *   2(0.6)^2 + 3(0.4)^2 = 1.2, / 4 = 0.3, sd 54.77225575%.
 * rest of the paper (total - item):
 *   q1 x = 1 1 1 1 0, rest = 3 2 2 0 1 (mean 1.6): sxx = 0.8,
 *   syy = 1.96+0.16+0.16+2.56+0.36 = 5.2, sxy = 0.2(1.4+0.4+0.4-1.6)
 *   - 0.8(-0.6) = 0.6: r = 0.6/sqrt(0.8 * 5.2) = 3/sqrt(104) = 0.29417420;
 *   q2 the same by symmetry (d and e swap);
 *   q3 x = 1 1 0 0 0, rest = 3 2 3 1 1 (mean 2): sxx = 1.2, syy = 4,
 *   sxy = 0.6(1+0) - 0.4(1-1-1) = 1: r = 1/sqrt(4.8) = 0.45643546;
 *   q4 the same by symmetry (b and c swap).
 * alpha: item variances 0.2+0.2+0.3+0.3 = 1; totals 4 3 3 1 1, mean
 *   2.4, squares 2.56+0.36+0.36+1.96+1.96 = 7.2, / 4 = 1.8;
 *   alpha = 4/3 (1 - 1/1.8) = 16/27 = 0.592592... It is KR-20 with
 *   sample variances throughout: sum p(1-p) n/(n-1) = (0.16+0.16+0.24
 *   +0.24) 5/4 = 1. */
static const double textbook[] = {
	1, 1, 1, 1,
	1, 1, 1, 0,
	1, 1, 0, 1,
	1, 0, 0, 0,
	0, 1, 0, 0,
};
static const double ones[] = { 1, 1, 1, 1 };

static void
test_textbook(void **state)
{
	const struct stats_matrix m = { 5, 4, textbook, ones };
	const double percent[] = { 100, 75, 75, 25, 25 };
	struct item_stats s[4];
	struct quiz_stats q;
	int i;

	(void)state;
	stats_items(&m, s);
	for (i = 0; i < 4; i++) {
		assert_int_equal(s[i].n, 5);
		assert_int_equal(s[i].flags, 0);
	}
	near(s[0].facility, 80);
	near(s[1].facility, 80);
	near(s[2].facility, 40);
	near(s[3].facility, 40);
	near(s[0].sd, 44.721359549995796);
	near(s[2].sd, 54.772255750516612);
	near(s[0].discrimination, 0.29417420270727607);
	near(s[1].discrimination, 0.29417420270727607);
	near(s[2].discrimination, 0.45643546458763845);
	near(s[3].discrimination, 0.45643546458763845);
	near(stats_alpha(&m), 16.0 / 27);

	/* percents of the totals: mean 60, median 75, squares about the
	 * mean 1600+225+225+1225+1225 = 4500, / 4, sd sqrt(1125) */
	stats_quiz(&m, percent, &q);
	assert_int_equal(q.n, 5);
	near(q.mean, 60);
	near(q.median, 75);
	near(q.sd, 33.541019662496844);
	near(q.alpha, 16.0 / 27);
}

/* Points other than 1, and a question not on every paper (NAN):
 *
 *          q1 (1 pt)  q2 (2 pt)  q3 (1 pt)  total
 *   a        1          2          -         3
 *   b        0          1          1         2
 *   c        1          1          0         2
 *   d        0          2          -         2
 *
 * q1: facility 2/4 = 50%; squares about 0.5: 4(0.25) = 1, / 3, sd
 *   sqrt(1/3) = 57.735%. rest = 2 2 1 2 (b's counts q3, d's does not),
 *   mean 1.75, sxx = 1, syy = 0.0625 3 + 0.5625 = 0.75,
 *   sxy = 0.5(0.25) - 0.5(0.25) + 0.5(-0.75) - 0.5(0.25) = -0.5:
 *   r = -0.5/sqrt(0.75) = -0.57735.
 * q2: mean 1.5 of 2 points = 75%; sd sqrt(1/3) of 2 points = 28.8675%.
 * q3: on b's and c's papers only: n = 2, facility 50%, sd sqrt(0.5) =
 *   70.7107%; rest 1 and 2 against 1 and 0: r = -1.
 * alpha: over q1 and q2 alone, variances 1/3 and 1/3, totals 3 1 2 2
 *   (q3 left out) of variance 2/3: alpha = 2 (1 - (2/3)/(2/3)) = 0. */
static void
test_missing(void **state)
{
	const double score[] = {
		1, 2, NAN,
		0, 1, 1,
		1, 1, 0,
		0, 2, NAN,
	};
	const double max[] = { 1, 2, 1 };
	const struct stats_matrix m = { 4, 3, score, max };
	struct item_stats s[3];

	(void)state;
	stats_items(&m, s);
	assert_int_equal(s[0].n, 4);
	near(s[0].facility, 50);
	near(s[0].sd, 57.735026918962575);
	near(s[0].discrimination, -0.57735026918962573);
	assert_int_equal(s[0].flags, STATS_LOW_DISCRIMINATION);
	near(s[1].facility, 75);
	near(s[1].sd, 28.867513459481287);
	assert_int_equal(s[2].n, 2);
	near(s[2].facility, 50);
	near(s[2].sd, 70.710678118654752);
	near(s[2].discrimination, -1);
	near(stats_alpha(&m), 0);
}

static void
test_undefined(void **state)
{
	/* q1: on no paper; q2: on one; q3: half marks from everyone */
	const double score[] = {
		NAN, NAN, 1, 2,
		NAN, 3, 1, 0,
		NAN, NAN, 1, 1,
	};
	const double max[] = { 1, 4, 2, 2 };
	const struct stats_matrix m = { 3, 4, score, max };
	const struct stats_matrix none = { 0, 4, NULL, max };
	const struct stats_matrix one = { 1, 4, score + 8, max };
	struct item_stats s[4];
	struct quiz_stats q;

	(void)state;
	stats_items(&m, s);
	assert_int_equal(s[0].n, 0);
	assert_true(isnan(s[0].facility) && isnan(s[0].sd) && isnan(s[0].discrimination));
	assert_int_equal(s[0].flags, 0);
	assert_int_equal(s[1].n, 1);
	near(s[1].facility, 75);
	assert_true(isnan(s[1].sd) && isnan(s[1].discrimination));
	assert_int_equal(s[1].flags, 0);
	/* a constant: sd 0, no correlation, and no flag for it */
	assert_int_equal(s[2].n, 3);
	near(s[2].facility, 50);
	near(s[2].sd, 0);
	assert_true(isnan(s[2].discrimination));
	assert_int_equal(s[2].flags, 0);
	/* q4's rest is q2 and q3: 1 4 1 against 2 0 1 */
	assert_false(isnan(s[3].discrimination));
	/* only q3 and q4 are on every paper; alpha needs two, it has them */
	assert_false(isnan(stats_alpha(&m)));
	/* no attempts, one attempt */
	stats_items(&none, s);
	assert_int_equal(s[3].n, 0);
	assert_true(isnan(s[3].facility));
	stats_quiz(&none, NULL, &q);
	assert_int_equal(q.n, 0);
	assert_true(isnan(q.mean) && isnan(q.median) && isnan(q.sd) && isnan(q.alpha));
	stats_items(&one, s);
	near(s[3].facility, 50);
	assert_true(isnan(s[3].sd) && isnan(s[3].discrimination));
	stats_quiz(&one, (const double[]){ 40 }, &q);
	near(q.mean, 40);
	near(q.median, 40);
	assert_true(isnan(q.sd) && isnan(q.alpha));
}

static void
test_alpha_undefined(void **state)
{
	/* one question on every paper is not enough */
	const double partial[] = { 1, NAN, 0, 1, 1, 0 };
	/* everyone's total the same: no variance to explain */
	const double flat[] = { 1, 0, 0, 1, 1, 0 };
	const double max[] = { 1, 1 };
	const struct stats_matrix a = { 3, 2, partial, max }, b = { 3, 2, flat, max };

	(void)state;
	assert_true(isnan(stats_alpha(&a)));
	assert_true(isnan(stats_alpha(&b)));
}

/* Two 2-point questions, so each one's rest of the paper is the other:
 * x = 0 0 0 1 1 2 and y = 0 0 1 1 2 0, means 2/3: sxx = syy = 10/3,
 * sxy = 1/3, so r = 0.1 exactly (0.09999999999999999 in doubles).
 * With y = 0 2 2 0 1 2 instead, syy = 29/6 and r = 0.0830. */
static void
test_flag_bounds(void **state)
{
	const double on[] = { 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 0 };
	const double under[] = { 0, 0, 0, 2, 0, 2, 1, 0, 1, 1, 2, 2 };
	const double max[] = { 2, 2 };
	const struct stats_matrix m_on = { 6, 2, on, max }, m_under = { 6, 2, under, max };
	struct item_stats s[2];

	(void)state;
	stats_items(&m_on, s);
	near(s[0].discrimination, 0.1);
	assert_int_equal(s[0].flags, 0);
	assert_int_equal(s[1].flags, 0);
	stats_items(&m_under, s);
	near(s[0].discrimination, 0.083045479853739970);
	assert_int_equal(s[0].flags, STATS_LOW_DISCRIMINATION);
	/* facility 20% and 95% exactly are fine; past them is not */
	assert_int_equal(stats_flags(20, 0.5), 0);
	assert_int_equal(stats_flags(95, 0.5), 0);
	/* rounding noise on a bound counts as on it */
	assert_int_equal(stats_flags(20 - 1e-12, 0.1 - 1e-12), 0);
	assert_int_equal(stats_flags(95 + 1e-12, 0.5), 0);
	assert_int_equal(stats_flags(19.99, 0.5), STATS_TOO_HARD);
	assert_int_equal(stats_flags(95.01, 0.5), STATS_TOO_EASY);
	assert_int_equal(stats_flags(100, NAN), STATS_TOO_EASY);
	assert_int_equal(stats_flags(NAN, NAN), 0);
	assert_int_equal(stats_flags(10, -0.3), STATS_TOO_HARD | STATS_LOW_DISCRIMINATION);
}

/* The same bounds reached through stats_items: one right of five is
 * 20%, nineteen of twenty is 95%, one of six 16.7%. */
static void
test_facility_bounds(void **state)
{
	double fifth[5] = { 1, 0, 0, 0, 0 }, most[20], sixth[6] = { 1 };
	const double max[] = { 1 };
	const struct stats_matrix a = { 5, 1, fifth, max }, b = { 20, 1, most, max },
				  c = { 6, 1, sixth, max };
	struct item_stats s;
	int i;

	(void)state;
	for (i = 0; i < 20; i++)
		most[i] = i > 0;
	stats_items(&a, &s);
	near(s.facility, 20);
	assert_int_equal(s.flags, 0);
	stats_items(&b, &s);
	near(s.facility, 95);
	assert_int_equal(s.flags, 0);
	stats_items(&c, &s);
	assert_int_equal(s.flags, STATS_TOO_HARD);
	most[0] = 1;
	stats_items(&b, &s);
	near(s.facility, 100);
	assert_int_equal(s.flags, STATS_TOO_EASY);
}

/* Values binary fractions cannot hold, over many attempts: a mean or a
 * total rounds off what is in truth a constant, which must not leave a
 * correlation or an alpha made of rounding noise. */
static void
test_rounding(void **state)
{
	enum { N = 20000 };
	static double score[N * 2], tenth[N], count[N];
	const double max[] = { 1, 2000 };
	const struct stats_matrix m = { N, 2, score, max };
	struct item_stats s[2];
	int i;

	(void)state;
	for (i = 0; i < N; i++) {
		tenth[i] = score[2 * i] = 0.1;
		count[i] = i;
		score[2 * i + 1] = i % 7 * 300;
	}
	assert_true(isnan(stats_pearson(tenth, count, N)));
	assert_true(isnan(stats_pearson(count, tenth, N)));
	/* q1 is 0.1 on every paper; so is q2's rest of the paper */
	stats_items(&m, s);
	near(s[0].facility, 10);
	assert_true(isnan(s[0].discrimination));
	assert_true(isnan(s[1].discrimination));
	assert_int_equal(s[1].flags, 0);
	/* 0, 0.1 or 0.2 and the rest of 0.7: every total is 0.7 */
	for (i = 0; i < N; i++) {
		score[2 * i] = 0.1 * (i % 3);
		score[2 * i + 1] = 0.7 - score[2 * i];
	}
	assert_true(isnan(stats_alpha(&m)));
}

static void
test_flag_words(void **state)
{
	struct sb sb = SB_INIT;

	(void)state;
	stats_flag_words(&sb, 0);
	assert_string_equal(sb_str(&sb), "");
	stats_flag_words(&sb, STATS_TOO_HARD);
	assert_string_equal(sb_str(&sb), "too hard: facility under 20%");
	sb_reset(&sb);
	stats_flag_words(&sb, STATS_TOO_EASY | STATS_LOW_DISCRIMINATION);
	assert_string_equal(sb_str(&sb),
			    "too easy: facility over 95%; low discrimination: under 0.1");
	sb_free(&sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mean_median_sd),
		cmocka_unit_test(test_pearson),
		cmocka_unit_test(test_textbook),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_undefined),
		cmocka_unit_test(test_alpha_undefined),
		cmocka_unit_test(test_flag_bounds),
		cmocka_unit_test(test_facility_bounds),
		cmocka_unit_test(test_rounding),
		cmocka_unit_test(test_flag_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
