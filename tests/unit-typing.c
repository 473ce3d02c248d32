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

#include "text.h"
#include "typing.h"

static void
test_recorder(void **state)
{
	struct typing_rec r;

	(void)state;
	typing_rec_start(&r, "亲,您好", false);
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
	assert_int_equal(typing_rec_mark(&r, 3), TYPING_RIGHT);
	/* 回改 counts mistakes taken back: deleting right characters from
	 * the middle is none */
	typing_rec_update(&r, "亲好", 3.0);
	assert_int_equal(r.deleted, 1);	/* 。 before; ,您 were right */
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
	typing_rec_start(&r, "abcd", false);
	typing_rec_update(&r, "a", 100);
	typing_rec_update(&r, "ab", 101);
	typing_rec_update(&r, "abc", 131);	/* a 30 s pause */
	typing_rec_update(&r, "abcd", 132);
	assert_int_equal(r.pauses, 1);
	assert_true(r.idle == 25);		/* a pause counts 5 s of typing */
	typing_add_line(&res, "abcd", "abcd", &r, 0);
	assert_true(res.seconds == 7);		/* 32 s less the 25 s past 5 */
	assert_true(res.timed == false);	/* the caller sets it */
	typing_rec_free(&r);
}

static void
test_align(void **state)
{
	struct typing_tally t[TYPING_TALLY];
	size_t m, e, nt = 0;

	(void)state;
	typing_align("abcdef", "abdef", false, &m, &e, t, &nt);	/* one left out */
	assert_int_equal(m, 5);
	assert_int_equal(e, 1);
	assert_int_equal(nt, 1);
	assert_int_equal(t[0].cp, 'c');
	typing_align("abcdef", "xbcdef", false, &m, &e, NULL, NULL);
	assert_int_equal(m, 5);
	assert_int_equal(e, 1);
	typing_align("abcdef", "", false, &m, &e, NULL, NULL);
	assert_int_equal(m, 0);
	assert_int_equal(e, 6);
	typing_align("亲,欢迎光临", "亲欢迎光临小店", false, &m, &e, NULL, NULL);
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
	typing_rec_start(&r, "abcd", false);
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
	typing_rec_start(&r, "abcdef", false);
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
	typing_rec_start(&r, "abcdefghij", false);
	for (i = 0; i < ARRAY_SIZE(steps); i++)
		typing_rec_update(&r, steps[i], (double)i);
	typing_rec_time(&r, 9);		/* Enter */
	/* one slip, not eight: b was left out, the rest follows */
	assert_int_equal(r.wrong, 1);
	typing_add_line(&res, "abcdefghij", "acdefghij", &r, 0);
	assert_int_equal(res.ntally, 1);
	assert_int_equal(res.tally[0].cp, 'b');
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
	typing_align("ab", big, false, &m, &e, NULL, NULL);
	assert_int_equal(m, 0);
	assert_int_equal(e, 1000);	/* 2 wrong and 998 extra */
	/* e + combining acute against the composed é */
	typing_align("Cafe\xcc\x81", "Caf\xc3\xa9", false, &m, &e, NULL, NULL);
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

		typing_rec_start(&r, "caf\xc3\xa9 好", false);
		typing_rec_update(&r, "cafe\xcc\x81 好", 1.0);
		assert_int_equal(r.ncur, 6);
		assert_int_equal(typing_rec_mark(&r, 3), TYPING_RIGHT);
		assert_int_equal(r.wrong, 0);
		typing_rec_free(&r);
	}
}

/* Types line one character at a time, a second apart; returns the
 * recorder for the caller to look at and free. */
static void
type_chars(struct typing_rec *r, const char *target, const char *typed)
{
	char buf[256];
	size_t n = strlen(typed), i = 0;
	double t = 1;

	typing_rec_start(r, target, false);
	while (i < n) {
		int32_t cp;
		size_t k = text_decode(typed + i, n - i, &cp);

		i += k ? k : 1;
		memcpy(buf, typed, i);
		buf[i] = '\0';
		typing_rec_update(r, buf, t++);
	}
}

static void
assert_marks(const struct typing_rec *r, const char *want)
{
	size_t i;

	for (i = 0; want[i]; i++) {
		enum typing_mark m = typing_rec_mark(r, i);
		char got = m == TYPING_RIGHT ? 'g' : m == TYPING_WRONG ? 'r' : '.';

		if (got != want[i])
			fail_msg("mark %zu: '%c', want '%c' (of \"%s\")", i, got, want[i], want);
	}
}

static void
test_one_extra(void **state)
{
	struct typing_rec r;
	struct typing_result res;

	(void)state;
	memset(&res, 0, sizeof(res));
	type_chars(&r, "abcdefgh", "abcXdefgh");
	/* one slip: the rest stays green */
	assert_int_equal(r.wrong, 1);
	assert_int_equal(r.inserted, 9);
	assert_marks(&r, "ggrggggg");
	typing_add_line(&res, "abcdefgh", "abcXdefgh", &r, 0);
	assert_int_equal(res.ntally, 0);	/* an extra mistypes no target character */
	assert_float_equal(typing_accuracy(&res), 100.0 * 7 / 8, 1e-9);
	assert_float_equal(typing_key_accuracy(&res), 100.0 * 8 / 9, 1e-9);
	typing_rec_free(&r);
}

static void
test_one_missing(void **state)
{
	struct typing_rec r;

	(void)state;
	struct typing_result res;

	memset(&res, 0, sizeof(res));
	type_chars(&r, "亲您好欢迎光临", "亲您欢迎光临");
	assert_int_equal(r.wrong, 1);
	assert_marks(&r, "ggrgggg");
	typing_add_line(&res, "亲您好欢迎光临", "亲您欢迎光临", &r, 0);
	assert_int_equal(res.ntally, 1);
	assert_int_equal(res.tally[0].cp, 0x597d);	/* 好 left out */
	typing_rec_free(&r);
}

static void
test_one_swapped(void **state)
{
	struct typing_rec r;

	(void)state;
	struct typing_result res;

	memset(&res, 0, sizeof(res));
	type_chars(&r, "abcdefgh", "abcdxfgh");
	assert_int_equal(r.wrong, 1);
	assert_marks(&r, "ggggrggg");
	typing_add_line(&res, "abcdefgh", "abcdxfgh", &r, 0);
	assert_int_equal(res.tally[0].cp, 'e');
	typing_rec_free(&r);
	/* two neighbours typed the wrong way round: two slips, both marked */
	type_chars(&r, "abcdefgh", "abdcefgh");
	assert_int_equal(r.wrong, 2);
	assert_marks(&r, "ggrrgggg");
	typing_rec_free(&r);
}

static void
test_input_method_double_commit(void **state)
{
	struct typing_rec r;
	struct typing_result res;

	(void)state;
	memset(&res, 0, sizeof(res));
	/* 亲 committed twice, then the rest phrase by phrase */
	typing_rec_start(&r, "亲,您好,欢迎光临", false);
	typing_rec_update(&r, "亲", 1);
	typing_rec_update(&r, "亲亲", 2);
	typing_rec_update(&r, "亲亲,您好", 3);
	typing_rec_update(&r, "亲亲,您好,欢迎", 4);
	typing_rec_update(&r, "亲亲,您好,欢迎光临", 5);
	assert_int_equal(r.inserted, 10);
	assert_int_equal(r.wrong, 1);
	assert_marks(&r, "rgggggggg");	/* the doubled 亲 only */
	typing_add_line(&res, "亲,您好,欢迎光临", "亲亲,您好,欢迎光临", &r, 0);
	assert_float_equal(typing_key_accuracy(&res), 90, 1e-9);
	assert_int_equal(res.ntally, 0);
	typing_rec_free(&r);
}

static void
test_line_retyped(void **state)
{
	struct typing_rec r;

	(void)state;
	typing_rec_start(&r, "abcdef", false);
	typing_rec_update(&r, "abc", 1);
	typing_rec_update(&r, "", 2);		/* Ctrl-U: all of it, all right */
	typing_rec_update(&r, "abcdef", 3);
	assert_int_equal(r.deleted, 0);
	assert_int_equal(r.wrong, 0);
	assert_int_equal(r.inserted, 9);
	assert_marks(&r, "gggggg");
	typing_rec_free(&r);
	/* retyped after a mistake: the one mistake is corrected once */
	typing_rec_start(&r, "abcdef", false);
	typing_rec_update(&r, "abx", 1);
	typing_rec_update(&r, "", 2);
	typing_rec_update(&r, "abcdef", 3);
	assert_int_equal(r.deleted, 1);
	assert_int_equal(r.wrong, 1);
	typing_rec_free(&r);
}

static void
test_full_width(void **state)
{
	struct typing_rec r;
	size_t m, e;

	(void)state;
	/* Ｔ恤 and １００％ typed half-width, and the other way round */
	typing_align("Ｔ恤１００％", "T恤100%", false, &m, &e, NULL, NULL);
	assert_int_equal(e, 0);
	typing_align("T恤100%", "Ｔ恤１００％", false, &m, &e, NULL, NULL);
	assert_int_equal(e, 0);
	typing_align("Ｔ恤１００％", "T恤100%", true, &m, &e, NULL, NULL);
	assert_int_equal(e, 5);
	/* Chinese punctuation stays itself: ， is not , */
	typing_align("亲，在", "亲,在", false, &m, &e, NULL, NULL);
	assert_int_equal(e, 1);
	typing_rec_start(&r, "Ｔ恤", false);
	typing_rec_update(&r, "T恤", 1);
	assert_int_equal(r.wrong, 0);
	typing_rec_free(&r);
	typing_rec_start(&r, "Ｔ恤", true);
	typing_rec_update(&r, "T恤", 1);
	assert_int_equal(r.wrong, 1);
	typing_rec_free(&r);
}

static void
test_bursts(void **state)
{
	struct typing_rec r;
	char line[64];
	size_t i;

	(void)state;
	/* a phrase of three from an input method, a second apart: typing */
	typing_rec_start(&r, "亲您好欢迎光临小店", false);
	typing_rec_update(&r, "亲您好", 1.0);
	typing_rec_update(&r, "亲您好欢迎光", 2.0);
	typing_rec_update(&r, "亲您好欢迎光临小店", 3.1);
	assert_int_equal(r.longest_burst, 3);
	typing_rec_free(&r);
	/* one character every 15 ms: one burst of the whole line */
	typing_rec_start(&r, "abcdefghijklmnopqrst", false);
	for (i = 1; i <= 20; i++) {
		memcpy(line, "abcdefghijklmnopqrst", i);
		line[i] = '\0';
		typing_rec_update(&r, line, 10 + 0.015 * (double)i);
	}
	assert_int_equal(r.longest_burst, 20);
	typing_rec_free(&r);
	/* a person's fastest: 60 ms apart, two keys rolled over at once */
	typing_rec_start(&r, "abcdefghij", false);
	for (i = 1; i <= 10; i++) {
		memcpy(line, "abcdefghij", i);
		line[i] = '\0';
		typing_rec_update(&r, line, 10 + 0.06 * (double)i + (i % 4 == 0 ? -0.05 : 0));
	}
	assert_true(r.longest_burst <= 2);
	typing_rec_free(&r);
}

/* The alignment kept from keystroke to keystroke (rows of what did not
 * change are not computed again) marks as one computed afresh. */
static void
test_live_alignment_incremental(void **state)
{
	const char *target = "亲,您好,这款T恤今天下单明天发货哦";
	const char *pool = "亲,您好这款T恤今天下单明天发货哦xyz";
	int32_t cps[64];
	char line[512];
	size_t npool = 0, len, i, round;
	uint64_t rng = 42;

	(void)state;
	for (i = 0; pool[i];) {
		size_t k = text_decode(pool + i, strlen(pool + i), &cps[npool]);

		npool++;
		i += k;
	}
	for (round = 0; round < 200; round++) {
		struct typing_rec inc, fresh;
		int32_t cur[80];
		size_t n = 0, step;

		typing_rec_start(&inc, target, false);
		for (step = 0; step < 60; step++) {
			size_t at;

			rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
			at = n ? (size_t)(rng >> 33) % (n + 1) : 0;
			if ((rng >> 20) % 4 == 0 && n > 0) {	/* delete one */
				if (at == n)
					at--;
				memmove(cur + at, cur + at + 1, (n - at - 1) * sizeof(*cur));
				n--;
			} else if (n < 40) {			/* insert one, mostly at the end */
				if ((rng >> 40) % 3)
					at = n;
				memmove(cur + at + 1, cur + at, (n - at) * sizeof(*cur));
				cur[at] = cps[(rng >> 45) % npool];
				n++;
			}
			for (len = 0, i = 0; i < n; i++)
				text_encode(cur[i], line + len), len += strlen(line + len);
			line[len] = '\0';
			typing_rec_update(&inc, line, (double)step);
		}
		typing_rec_start(&fresh, target, false);
		typing_rec_update(&fresh, line, 1);
		for (i = 0; i < inc.ntarget; i++)
			if (typing_rec_mark(&inc, i) != typing_rec_mark(&fresh, i))
				fail_msg("round %zu, mark %zu differs for \"%s\"", round, i, line);
		typing_rec_free(&inc);
		typing_rec_free(&fresh);
	}
}

static void
test_verdict(void **state)
{
	struct typing_result res;
	struct typing_run run = { .terminal = true, .whole = true, .ceiling = 300 };

	(void)state;
	memset(&res, 0, sizeof(res));
	res.timed = true;
	res.seconds = 60;
	res.typed_chars = res.correct = 120;	/* 120 字/分 */
	assert_int_equal(typing_verdict(&run, &res, UNIT_CPM), TYPING_COUNTED);
	run.whole = false;
	assert_int_equal(typing_verdict(&run, &res, UNIT_CPM), TYPING_SHORT);
	run.stopped = true;
	assert_int_equal(typing_verdict(&run, &res, UNIT_CPM), TYPING_STOPPED);
	run.terminal = false;
	assert_int_equal(typing_verdict(&run, &res, UNIT_CPM), TYPING_PIPED);
	res.typed_chars = 100000;	/* piped at once: no speed to judge */
	assert_int_equal(typing_verdict(&run, &res, UNIT_CPM), TYPING_PIPED);
	res.typed_chars = 120;
	run = (struct typing_run){ .terminal = true, .whole = true, .ceiling = 300 };
	res.typed_chars = 301;
	assert_int_equal(typing_verdict(&run, &res, UNIT_CPM), TYPING_TOO_FAST);
	res.typed_chars = 300;
	assert_int_equal(typing_verdict(&run, &res, UNIT_CPM), TYPING_COUNTED);
	res.longest_burst = TYPING_PHRASE_MAX + 1;
	assert_int_equal(typing_verdict(&run, &res, UNIT_CPM), TYPING_MACHINE);
	res.longest_burst = TYPING_PHRASE_MAX;
	assert_int_equal(typing_verdict(&run, &res, UNIT_CPM), TYPING_COUNTED);
	res.pasted = true;
	assert_int_equal(typing_verdict(&run, &res, UNIT_CPM), TYPING_PASTED);
	/* the ceilings, and a curriculum's own */
	assert_float_equal(typing_ceiling(UNIT_CPM, -1), 300, 0);
	assert_float_equal(typing_ceiling(UNIT_WPM, -1), 150, 0);
	assert_float_equal(typing_ceiling(UNIT_CPM, 400), 400, 0);
	/* the codes go to the database and back */
	assert_null(typing_why_code(TYPING_COUNTED));
	assert_string_equal(typing_why_code(TYPING_PASTED), "pasted");
	assert_int_equal(typing_why_parse("too-fast"), TYPING_TOO_FAST);
	assert_int_equal(typing_why_parse(NULL), TYPING_COUNTED);
	assert_int_equal(typing_why_parse("bogus"), TYPING_WHY_COUNT);
}

static void
test_time_from_shown(void **state)
{
	struct typing_rec r;
	struct typing_result res;

	(void)state;
	memset(&res, 0, sizeof(res));
	/* line 1 shown at 10, an input method commits 好的 at 11.5, Enter at
	 * 11.85: timed from when it was shown, not from the commit */
	typing_rec_start(&r, "好的", false);
	r.shown = 10;
	typing_rec_update(&r, "好的", 11.5);
	typing_rec_time(&r, 11.85);
	typing_add_line(&res, "好的", "好的", &r, 0);
	typing_rec_free(&r);
	assert_float_equal(res.seconds, 1.85, 1e-9);
	/* line 2 shown at 12 and typed from 13: from when it was shown */
	typing_rec_start(&r, "您好", false);
	r.shown = 12;
	typing_rec_update(&r, "您好", 13);
	typing_rec_time(&r, 13.5);
	typing_add_line(&res, "您好", "您好", &r, 0);
	typing_rec_free(&r);
	assert_float_equal(res.seconds, 3.35, 1e-9);
	/* four characters in 3.35 s: 72 字/分, under any ceiling */
	assert_true(typing_raw_speed(&res, UNIT_CPM) < 80);
	/* a line read for 20 s before its first key: 5 of them count */
	typing_rec_start(&r, "好", false);
	r.shown = 100;
	typing_rec_update(&r, "好", 120);
	typing_rec_time(&r, 121);
	assert_float_equal(r.lead, 15, 1e-9);
	typing_add_line(&res, "好", "好", &r, 0);
	typing_rec_free(&r);
	assert_float_equal(res.seconds, 3.35 + 6, 1e-9);
}

static void
test_even_gaps(void **state)
{
	struct typing_result res;
	size_t i;

	(void)state;
	memset(&res, 0, sizeof(res));
	/* a program: a key every 85 ms, to the millisecond */
	for (i = 0; i < 40; i++) {
		res.ngaps++;
		res.gaps += 0.085;
		res.gaps2 += 0.085 * 0.085;
	}
	assert_true(typing_even(&res));
	/* a person: the same mean, gaps from 40 to 130 ms */
	memset(&res, 0, sizeof(res));
	for (i = 0; i < 40; i++) {
		double g = 0.04 + 0.09 * (double)((i * 7) % 10) / 9;

		res.ngaps++;
		res.gaps += g;
		res.gaps2 += g * g;
	}
	assert_false(typing_even(&res));
	/* too few gaps to tell */
	memset(&res, 0, sizeof(res));
	res.ngaps = TYPING_EVEN_MIN - 1;
	res.gaps = 0.1 * res.ngaps;
	res.gaps2 = 0.01 * res.ngaps;
	assert_false(typing_even(&res));
}

static void
test_doubled_marks_itself(void **state)
{
	struct typing_rec r;

	(void)state;
	type_chars(&r, "亲,您好,欢迎", "亲,您好,欢欢迎");
	assert_marks(&r, "gggggrg");	/* 欢, not the comma */
	typing_rec_free(&r);
	type_chars(&r, "hello", "helllo");
	assert_marks(&r, "ggrgg");
	typing_rec_free(&r);
	/* a doubled last character is a slip too */
	type_chars(&r, "小店", "小店店");
	assert_marks(&r, "gr");
	assert_int_equal(r.wrong, 1);
	typing_rec_free(&r);
}

static void
test_half_typed(void **state)
{
	struct typing_result res;

	(void)state;
	memset(&res, 0, sizeof(res));
	typing_add_line(&res, "亲,您好", "", NULL, 1);		/* Enter alone */
	typing_add_line(&res, "亲,您好", "亲,", NULL, 1);	/* 2 of 4 */
	typing_add_line(&res, "亲,您好", "亲", NULL, 1);		/* 1 of 4 */
	assert_int_equal(res.half_typed, 2);
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
		cmocka_unit_test(test_one_extra),
		cmocka_unit_test(test_one_missing),
		cmocka_unit_test(test_one_swapped),
		cmocka_unit_test(test_input_method_double_commit),
		cmocka_unit_test(test_line_retyped),
		cmocka_unit_test(test_full_width),
		cmocka_unit_test(test_bursts),
		cmocka_unit_test(test_verdict),
		cmocka_unit_test(test_live_alignment_incremental),
		cmocka_unit_test(test_time_from_shown),
		cmocka_unit_test(test_even_gaps),
		cmocka_unit_test(test_doubled_marks_itself),
		cmocka_unit_test(test_half_typed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
