/* unit-review.c: the SM-2 schedule against cases worked out by hand. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "review.h"

#define DAY 86400LL

static void
test_good_run(void **state)
{
	struct card c = review_new(1000);

	(void)state;
	assert_int_equal(c.reps, 0);
	assert_float_equal(c.ease, 2.5, 1e-9);
	assert_int_equal(c.due, 1000);
	c = review_next(c, RATE_GOOD, 1000);		/* 1 day */
	assert_int_equal(c.reps, 1);
	assert_float_equal(c.interval, 1, 1e-9);
	assert_int_equal(c.due, 1000 + DAY);
	c = review_next(c, RATE_GOOD, 2000);		/* 6 days */
	assert_float_equal(c.interval, 6, 1e-9);
	assert_int_equal(c.due, 2000 + 6 * DAY);
	c = review_next(c, RATE_GOOD, 3000);		/* 6 x 2.5 = 15 */
	assert_float_equal(c.interval, 15, 1e-9);
	assert_float_equal(c.ease, 2.5, 1e-9);
	c = review_next(c, RATE_GOOD, 3000);		/* 15 x 2.5 = 37.5 -> 38 */
	assert_float_equal(c.interval, 38, 1e-9);
}

static void
test_hard_easy_again(void **state)
{
	struct card c = { 2, 2.5, 6, 0 };
	struct card h, e, a;

	(void)state;
	h = review_next(c, RATE_HARD, 0);	/* ease 2.35, 6 x 1.2 = 7.2 -> 7 */
	assert_float_equal(h.ease, 2.35, 1e-9);
	assert_float_equal(h.interval, 7, 1e-9);
	assert_int_equal(h.reps, 3);
	e = review_next(c, RATE_EASY, 0);	/* ease 2.65, 6 x 2.65 x 1.3 = 20.67 -> 21 */
	assert_float_equal(e.ease, 2.65, 1e-9);
	assert_float_equal(e.interval, 21, 1e-9);
	a = review_next(c, RATE_AGAIN, 500);	/* ease 2.3, back to 1 day */
	assert_float_equal(a.ease, 2.3, 1e-9);
	assert_float_equal(a.interval, 1, 1e-9);
	assert_int_equal(a.reps, 0);
	assert_int_equal(a.due, 500 + DAY);
	a = review_next(a, RATE_GOOD, 0);	/* starts over: 1 day, then 6 */
	assert_float_equal(a.interval, 1, 1e-9);
	a = review_next(a, RATE_GOOD, 0);
	assert_float_equal(a.interval, 6, 1e-9);
}

static void
test_ease_floor(void **state)
{
	struct card c = { 5, 1.4, 30, 0 };

	(void)state;
	c = review_next(c, RATE_AGAIN, 0);
	assert_float_equal(c.ease, 1.3, 1e-9);
	c = review_next(c, RATE_AGAIN, 0);
	assert_float_equal(c.ease, 1.3, 1e-9);
	c.reps = 2;
	c.interval = 6;
	c = review_next(c, RATE_HARD, 0);	/* stays at the floor */
	assert_float_equal(c.ease, 1.3, 1e-9);
	assert_float_equal(c.interval, 7, 1e-9);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_run),
		cmocka_unit_test(test_hard_easy_again),
		cmocka_unit_test(test_ease_floor),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
