/* unit-review.c: the notebook's schedule (Anki's SM-2 variant) against
 * cases worked out by hand. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "review.h"

#define DAY 86400LL
#define MIN 60LL

/* seconds from now until a card after rating r is due */
static long long
delay(struct card c, enum rating r)
{
	return review_next(c, r, 1000).due - 1000;
}

/* A miss is learnt in steps of 1 and 10 minutes, then graduates. */
static void
test_learning_steps(void **state)
{
	struct card c = review_new(1000);

	(void)state;
	assert_true(review_learning(c));
	assert_int_equal(c.due, 1000);
	assert_float_equal(c.ease, 2.5, 1e-9);
	/* the first step: again 1 min, hard 6 min, good 10 min, easy 4 days */
	assert_int_equal(delay(c, RATE_AGAIN), 1 * MIN);
	assert_int_equal(delay(c, RATE_HARD), 6 * MIN);
	assert_int_equal(delay(c, RATE_GOOD), 10 * MIN);
	assert_int_equal(delay(c, RATE_EASY), 4 * DAY);
	c = review_next(c, RATE_GOOD, 1000);
	assert_true(review_learning(c));
	assert_int_equal(c.reps, 0);
	/* the second step: again 1 min, hard 10 min, good 1 day, easy 4 days */
	assert_int_equal(delay(c, RATE_AGAIN), 1 * MIN);
	assert_int_equal(delay(c, RATE_HARD), 10 * MIN);
	assert_int_equal(delay(c, RATE_GOOD), DAY);
	assert_int_equal(delay(c, RATE_EASY), 4 * DAY);
	/* hard keeps the step: still the second */
	assert_int_equal(delay(review_next(c, RATE_HARD, 1000), RATE_GOOD), DAY);
	/* again goes back to the first */
	assert_int_equal(delay(review_next(c, RATE_AGAIN, 1000), RATE_GOOD), 10 * MIN);
	c = review_next(c, RATE_GOOD, 5000);
	assert_false(review_learning(c));
	assert_int_equal(c.reps, 1);
	assert_float_equal(c.interval, 1, 1e-9);
	assert_int_equal(c.due, 5000 + DAY);
	assert_float_equal(c.ease, 2.5, 1e-9);	/* learning leaves the ease */
}

/* On day intervals the three buttons always differ, by a day at least. */
static void
test_buttons_differ(void **state)
{
	struct card one = { 1, 2.5, 1, 0 }, six = { 2, 2.5, 6, 0 }, low = { 3, 1.3, 1, 0 };
	struct card h, g, e;

	(void)state;
	/* from 1 day: hard max(1.2→1, 2) = 2, good max(2.5→3, 3) = 3,
	 * easy max(3.25→3, 4) = 4 */
	assert_int_equal(delay(one, RATE_HARD), 2 * DAY);
	assert_int_equal(delay(one, RATE_GOOD), 3 * DAY);
	assert_int_equal(delay(one, RATE_EASY), 4 * DAY);
	/* from 6 days: hard 7.2→7, good 15, easy 19.5→20 */
	h = review_next(six, RATE_HARD, 0);
	g = review_next(six, RATE_GOOD, 0);
	e = review_next(six, RATE_EASY, 0);
	assert_float_equal(h.interval, 7, 1e-9);
	assert_float_equal(h.ease, 2.35, 1e-9);
	assert_float_equal(g.interval, 15, 1e-9);
	assert_float_equal(g.ease, 2.5, 1e-9);
	assert_float_equal(e.interval, 20, 1e-9);
	assert_float_equal(e.ease, 2.65, 1e-9);
	assert_int_equal(g.reps, 3);
	/* at the ease floor the rounding would tie them: 1.2, 1.3, 1.69
	 * all round to 1; a day apart each instead */
	assert_int_equal(delay(low, RATE_HARD), 2 * DAY);
	assert_int_equal(delay(low, RATE_GOOD), 3 * DAY);
	assert_int_equal(delay(low, RATE_EASY), 4 * DAY);
}

/* A lapse lowers the ease and relearns from the 10-minute step. */
static void
test_lapse(void **state)
{
	struct card c = { 4, 2.5, 15, 0 }, a;

	(void)state;
	a = review_next(c, RATE_AGAIN, 500);
	assert_true(review_learning(a));
	assert_float_equal(a.ease, 2.3, 1e-9);
	assert_int_equal(a.reps, 0);
	assert_int_equal(a.due, 500 + 10 * MIN);
	/* relearnt: good graduates to a day */
	a = review_next(a, RATE_GOOD, 1000);
	assert_false(review_learning(a));
	assert_float_equal(a.interval, 1, 1e-9);
	assert_int_equal(a.due, 1000 + DAY);
}

static void
test_ease_floor(void **state)
{
	struct card c = { 5, 1.4, 30, 0 };

	(void)state;
	c = review_next(c, RATE_AGAIN, 0);
	assert_float_equal(c.ease, 1.3, 1e-9);
	c = review_next(c, RATE_GOOD, 0);	/* relearnt */
	c = review_next(c, RATE_AGAIN, 0);
	assert_float_equal(c.ease, 1.3, 1e-9);
	c.interval = 6;
	c = review_next(c, RATE_HARD, 0);	/* stays at the floor */
	assert_float_equal(c.ease, 1.3, 1e-9);
	assert_float_equal(c.interval, 7, 1e-9);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_learning_steps),
		cmocka_unit_test(test_buttons_differ),
		cmocka_unit_test(test_lapse),
		cmocka_unit_test(test_ease_floor),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
