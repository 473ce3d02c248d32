/* unit-typing.c: keystroke recording, alignment, accuracy, speed and idle
 * time, with timestamps given by the test (no sleeping). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <utf8proc.h>

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
	/* deleting from the middle counts the characters removed */
	typing_rec_update(&r, "亲好", 3.0);
	assert_int_equal(r.deleted, 3);	/* 。 before, then ,您 */
	assert_int_equal(r.inserted, 5);
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

static void
test_edits_in_the_middle(void **state)
{
	struct typing_rec r;

	(void)state;
	typing_rec_start(&r, "abcdef");
	typing_rec_update(&r, "abdef", 1);
	typing_rec_update(&r, "abcdef", 2);	/* went back and put c in */
	assert_int_equal(r.deleted, 0);
	assert_int_equal(r.inserted, 6);
	typing_rec_free(&r);
}

static void
test_skipped_character(void **state)
{
	struct typing_rec r;
	struct typing_result res;
	const char *steps[] = { "a", "ac", "acd", "acde", "acdef", "acdefg", "acdefgh",
				"acdefghi", "acdefghij" };
	size_t i;

	(void)state;
	memset(&res, 0, sizeof(res));
	typing_rec_start(&r, "abcdefghij");
	for (i = 0; i < ARRAY_SIZE(steps); i++)
		typing_rec_update(&r, steps[i], (double)i);
	typing_rec_time(&r, 9);		/* Enter */
	/* one slip, not eight: b was left out, the rest follows */
	assert_int_equal(r.wrong, 1);
	assert_int_equal(r.ntally, 1);
	assert_int_equal(r.tally[0].cp, 'b');
	typing_add_line(&res, "abcdefghij", "acdefghij", &r, 0);
	assert_float_equal(typing_accuracy(&res), 90, 1e-9);
	assert_float_equal(typing_key_accuracy(&res), 100.0 * 8 / 9, 1e-9);
	/* from the first key to Enter: 9 s */
	assert_true(res.seconds == 9);
	typing_rec_free(&r);
}

static void
test_far_too_long_and_forms(void **state)
{
	char big[1001];
	size_t m, e;

	(void)state;
	memset(big, 'x', 1000);
	big[1000] = '\0';
	typing_align("ab", big, &m, &e, NULL, NULL);
	assert_int_equal(m, 0);
	assert_int_equal(e, 1000);	/* 2 wrong and 998 extra */
	/* e + combining acute against the composed é */
	typing_align("Cafe\xcc\x81", "Caf\xc3\xa9", &m, &e, NULL, NULL);
	assert_int_equal(e, 0);
	assert_int_equal(m, 4);
}

/* The characters typing_nfc_inert() lets skip NFC must be ones NFC
 * never touches: checked against utf8proc's own tables. */
static void
test_nfc_inert(void **state)
{
	int32_t cp;
	unsigned n = 0;

	(void)state;
	for (cp = 0; cp < 0x110000; cp++) {
		const utf8proc_property_t *p;

		if (!typing_nfc_inert(cp))
			continue;
		n++;
		p = utf8proc_get_property(cp);
		assert_int_equal(p->combining_class, 0);
		/* canonical decompositions have no type; compatibility ones
		 * (full-width forms) are no business of NFC */
		assert_false(p->decomp_type == 0 && p->decomp_seqindex != UINT16_MAX);
		assert_false(p->category == UTF8PROC_CATEGORY_MN ||
			     p->category == UTF8PROC_CATEGORY_MC ||
			     p->category == UTF8PROC_CATEGORY_ME);
		assert_false(cp >= 0x1100 && cp <= 0x11ff);	/* Hangul jamo */
	}
	assert_true(n > 20000);
	/* a line with one other character still goes through NFC */
	{
		struct typing_rec r;

		typing_rec_start(&r, "caf\xc3\xa9 好");
		typing_rec_update(&r, "cafe\xcc\x81 好", 1.0);
		assert_int_equal(r.ncur, 6);
		assert_true(typing_rec_right(&r, 3));
		assert_int_equal(r.wrong, 0);
		typing_rec_free(&r);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recorder),
		cmocka_unit_test(test_nfc_inert),
		cmocka_unit_test(test_idle),
		cmocka_unit_test(test_align),
		cmocka_unit_test(test_speed_and_accuracy),
		cmocka_unit_test(test_key_accuracy),
		cmocka_unit_test(test_edits_in_the_middle),
		cmocka_unit_test(test_skipped_character),
		cmocka_unit_test(test_far_too_long_and_forms),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
