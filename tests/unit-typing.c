/* unit-typing.c: keystroke recording, alignment, accuracy, speed and idle
 * time, with timestamps given by the test (no sleeping). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "typing.h"

static void
test_recorder(void **state)
{
	struct typing_rec r;

	(void)state;
	typing_rec_start(&r, "亲,您好");
	assert_true(r.first < 0);
	typing_rec_update(&r, "", 0.5);		/* nothing typed yet */
	assert_true(r.first < 0);
	typing_rec_update(&r, "亲", 1.0);
	typing_rec_update(&r, "亲。", 1.5);	/* wrong: the target has , */
	typing_rec_update(&r, "亲", 2.0);	/* 回改 */
	typing_rec_update(&r, "亲,", 2.2);
	typing_rec_update(&r, "亲,您好", 2.6);	/* an input method commits two */
	assert_int_equal(r.inserted, 5);
	assert_int_equal(r.wrong, 1);
	assert_int_equal(r.deleted, 1);
	assert_true(r.first == 1.0);
	assert_true(r.last == 2.6);
	assert_int_equal(r.ntally, 1);
	assert_int_equal(r.tally[0].cp, ',');
	assert_true(typing_rec_right(&r, 3));
	/* deleting from the middle counts every character removed */
	typing_rec_update(&r, "亲好", 3.0);
	assert_int_equal(r.deleted, 4);	/* ",您好" went, "好" came back */
	assert_int_equal(r.inserted, 6);
	typing_rec_free(&r);
}

static void
test_idle(void **state)
{
	struct typing_rec r;
	struct typing_result res;

	(void)state;
	memset(&res, 0, sizeof(res));
	typing_rec_start(&r, "abcd");
	typing_rec_update(&r, "a", 100);
	typing_rec_update(&r, "ab", 101);
	typing_rec_update(&r, "abc", 131);	/* a 30 s pause */
	typing_rec_update(&r, "abcd", 132);
	assert_int_equal(r.pauses, 1);
	assert_true(r.idle == 30);
	typing_add_line(&res, "abcd", "abcd", &r, 0);
	assert_true(res.seconds == 2);		/* 32 s less the pause */
	assert_true(res.timed == false);	/* the caller sets it */
	typing_rec_free(&r);
}

static void
test_align(void **state)
{
	struct typing_tally t[TYPING_TALLY];
	size_t m, e, nt = 0;

	(void)state;
	typing_align("abcdef", "abdef", &m, &e, t, &nt);	/* one left out */
	assert_int_equal(m, 5);
	assert_int_equal(e, 1);
	assert_int_equal(nt, 1);
	assert_int_equal(t[0].cp, 'c');
	typing_align("abcdef", "xbcdef", &m, &e, NULL, NULL);
	assert_int_equal(m, 5);
	assert_int_equal(e, 1);
	typing_align("abcdef", "", &m, &e, NULL, NULL);
	assert_int_equal(m, 0);
	assert_int_equal(e, 6);
	typing_align("亲,欢迎光临", "亲欢迎光临小店", &m, &e, NULL, NULL);
	assert_int_equal(m, 5);
	assert_int_equal(e, 3);		/* one left out, two extra */
}

static void
test_speed_and_accuracy(void **state)
{
	struct typing_result res;
	char line[121];
	size_t i;

	(void)state;
	memset(&res, 0, sizeof(res));
	for (i = 0; i < 60; i++)
		line[i] = 'a';
	line[60] = '\0';
	/* 60 right characters in 60 s (a piped line that took 60 s) */
	typing_add_line(&res, line, line, NULL, 60);
	assert_float_equal(typing_net_speed(&res, UNIT_CPM), 60, 1e-9);
	assert_float_equal(typing_net_speed(&res, UNIT_WPM), 12, 1e-9);
	assert_float_equal(typing_accuracy(&res), 100, 1e-9);
	/* another 60 s line with 6 of 60 wrong: raw counts them, net not */
	line[0] = line[10] = line[20] = line[30] = line[40] = line[50] = 'b';
	typing_add_line(&res, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", line, NULL, 60);
	assert_float_equal(typing_raw_speed(&res, UNIT_CPM), 60, 1e-9);
	assert_float_equal(typing_net_speed(&res, UNIT_CPM), 57, 1e-9);
	assert_float_equal(typing_accuracy(&res), 95, 1e-9);
	assert_int_equal(res.ntally, 1);	/* 'a' typed wrong six times */
	assert_int_equal(res.tally[0].count, 6);
	/* no time, no speed */
	memset(&res, 0, sizeof(res));
	typing_add_line(&res, "abc", "abc", NULL, 0);
	assert_true(typing_net_speed(&res, UNIT_CPM) == 0);
	/* accuracy never below 0 */
	memset(&res, 0, sizeof(res));
	typing_add_line(&res, "ab", "xxxxxxxx", NULL, 1);
	assert_true(typing_accuracy(&res) == 0);
}

static void
test_key_accuracy(void **state)
{
	struct typing_rec r;
	struct typing_result res;

	(void)state;
	memset(&res, 0, sizeof(res));
	typing_rec_start(&r, "abcd");
	typing_rec_update(&r, "ax", 0);
	typing_rec_update(&r, "a", 1);
	typing_rec_update(&r, "abcd", 2);
	typing_add_line(&res, "abcd", "abcd", &r, 0);
	/* final line perfect, but one of five arrivals was wrong */
	assert_float_equal(typing_accuracy(&res), 100, 1e-9);
	assert_float_equal(typing_key_accuracy(&res), 80, 1e-9);
	assert_int_equal(res.deleted, 1);
	typing_tally_sort(res.tally, res.ntally);
	assert_int_equal(res.tally[0].cp, 'b');
	typing_rec_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recorder),
		cmocka_unit_test(test_idle),
		cmocka_unit_test(test_align),
		cmocka_unit_test(test_speed_and_accuracy),
		cmocka_unit_test(test_key_accuracy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
