/* unit-text.c: characters, screen columns, inert text, the rule for a
 * typed answer, spelling distance. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "text.h"

static void
test_width(void **state)
{
	(void)state;
	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("入职培训"), 8);
	assert_int_equal(text_width("字/分"), 5);
	assert_int_equal(text_width("Ａ"), 2);		/* full-width letter */
	assert_int_equal(text_width("e\xcc\x81"), 1);	/* e + combining acute */
	assert_int_equal(text_width("😀"), 2);
	assert_int_equal(text_width(""), 0);
	/* a control character prints as \x1b: four columns */
	assert_int_equal(text_width("\x1b"), 4);
}

static void
test_chars(void **state)
{
	(void)state;
	assert_int_equal(text_chars("亲,您好"), 4);
	assert_int_equal(text_chars("abc"), 3);
	assert_int_equal(text_chars("\xff\xfe"), 2);	/* bad bytes count one each */
}

static void
test_valid(void **state)
{
	size_t bad = 99;

	(void)state;
	assert_true(text_valid("中文 ok", strlen("中文 ok"), &bad));
	assert_false(text_valid("ab\xc0\x80", 4, &bad));	/* overlong NUL */
	assert_int_equal(bad, 2);
	assert_false(text_valid("\xed\xa0\x80", 3, &bad));	/* surrogate */
	assert_int_equal(bad, 0);
	assert_false(text_valid("x\xe4\xb8", 3, &bad));	/* truncated */
	assert_int_equal(bad, 1);
	assert_false(text_valid("\xf4\x90\x80\x80", 4, &bad));	/* past U+10FFFF */
}

static void
test_inert(void **state)
{
	struct sb sb = SB_INIT;

	(void)state;
	text_inert(&sb, "a\x1b[2Jb\x07", false);
	assert_string_equal(sb_str(&sb), "a\\x1b[2Jb\\x07");
	sb_reset(&sb);
	text_inert(&sb, "x\xe2\x80\xaey", false);	/* right-to-left override */
	assert_string_equal(sb_str(&sb), "x<U+202E>y");
	sb_reset(&sb);
	text_inert(&sb, "一\n二\t三\r", true);
	assert_string_equal(sb_str(&sb), "一\n二\t三\\x0d");
	sb_reset(&sb);
	text_inert(&sb, "一\n", false);
	assert_string_equal(sb_str(&sb), "一\\x0a");
	sb_reset(&sb);
	text_inert(&sb, "\xc2\x9b", false);	/* C1 CSI */
	assert_string_equal(sb_str(&sb), "<U+009B>");
	sb_reset(&sb);
	text_inert(&sb, "\xff", false);
	assert_string_equal(sb_str(&sb), "\\xff");
	sb_free(&sb);
}

static void
test_pad(void **state)
{
	struct sb sb = SB_INIT;

	(void)state;
	text_pad(&sb, "售后", 6, false);
	assert_string_equal(sb_str(&sb), "售后  ");
	sb_reset(&sb);
	text_pad(&sb, "ab", 4, true);
	assert_string_equal(sb_str(&sb), "ab  ");
	sb_reset(&sb);
	/* cut at a character boundary, never half a Chinese character */
	text_pad(&sb, "电商客服培养", 6, true);
	assert_string_equal(sb_str(&sb), "电商… ");
	assert_int_equal(text_width(sb_str(&sb)), 6);
	sb_reset(&sb);
	text_pad(&sb, "toolong", 3, false);
	assert_string_equal(sb_str(&sb), "toolong");
	sb_reset(&sb);
	/* right-aligned by columns, not bytes: a header like 天数 over %4d */
	text_pad_left(&sb, "天数", 6);
	assert_string_equal(sb_str(&sb), "  天数");
	sb_reset(&sb);
	text_pad_left(&sb, "Missed", 4);
	assert_string_equal(sb_str(&sb), "Missed");
	sb_reset(&sb);
	text_pad_left(&sb, "a\x1b", 4);
	assert_string_equal(sb_str(&sb), "a\\x1b");
	sb_free(&sb);
}

/* the rule for a typed answer: what is wrong, and where */
static void
test_answer_check(void **state)
{
#define A(s) s, sizeof(s) - 1	/* the bytes of a literal, NULs included */
	static const struct {
		const char *s;
		size_t len, max;
		enum text_answer want;
		size_t what;
	} cases[] = {
		{ A(""), 500, TEXT_ANSWER_OK, 0 },
		{ A("先安抚 ok"), 6, TEXT_ANSWER_OK, 0 },
		/* a NUL in the middle: the bytes count, not the C string */
		{ A("A\0B"), 500, TEXT_ANSWER_CONTROL, 0 },
		{ A("a\tb"), 500, TEXT_ANSWER_CONTROL, '\t' },
		{ A("\x1b[31m"), 500, TEXT_ANSWER_CONTROL, 0x1b },
		{ A("x\r"), 500, TEXT_ANSWER_CONTROL, '\r' },
		{ A("x\x7f"), 500, TEXT_ANSWER_CONTROL, 0x7f },
		{ A("\xc2\x85"), 500, TEXT_ANSWER_CONTROL, 0x85 },	/* C1 NEL */
		{ A("\xc2\x9f"), 500, TEXT_ANSWER_CONTROL, 0x9f },
		/* the neighbours of the controls, and bidi marks, are text */
		{ A("\xc2\xa0 ~"), 500, TEXT_ANSWER_OK, 0 },
		{ A("\xe2\x80\xae"), 500, TEXT_ANSWER_OK, 0 },
		/* bytes that are not UTF-8: the offset of the first */
		{ A("ab\xff"), 500, TEXT_ANSWER_INVALID, 2 },
		{ A("\xc0\x80"), 500, TEXT_ANSWER_INVALID, 0 },	/* overlong NUL */
		{ A("好\xe5\xa5"), 500, TEXT_ANSWER_INVALID, 3 },	/* truncated */
		/* the limit is in characters, not bytes */
		{ A("五五五"), 3, TEXT_ANSWER_OK, 0 },
		{ A("五五五五"), 3, TEXT_ANSWER_LONG, 4 },
		/* a bad character is told before the length */
		{ A("五五五五\t"), 3, TEXT_ANSWER_CONTROL, '\t' },
	};
#undef A
	char big[4001];
	size_t i, what;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		what = 99;
		assert_int_equal(text_answer_check(cases[i].s, cases[i].len, cases[i].max,
						   &what), cases[i].want);
		assert_int_equal(what, cases[i].what);
	}
	memset(big, 'a', sizeof(big));
	assert_int_equal(text_answer_check(big, 4000, 4000, &what), TEXT_ANSWER_OK);
	assert_int_equal(text_answer_check(big, 4001, 4000, &what), TEXT_ANSWER_LONG);
	assert_int_equal(what, 4001);
}

static void
test_distance(void **state)
{
	static const char *const keys[] = { "choices", "answer", "title", "text" };

	(void)state;
	assert_int_equal(text_distance("kitten", "sitting"), 3);
	assert_int_equal(text_distance("titel", "title"), 1);	/* transposition */
	assert_int_equal(text_distance("", "abc"), 3);
	assert_int_equal(text_distance("售前", "售后"), 1);
	assert_string_equal(text_suggest("choises", keys, 4), "choices");
	assert_string_equal(text_suggest("titel", keys, 4), "title");
	assert_string_equal(text_suggest("anwser", keys, 4), "answer");
	assert_null(text_suggest("zzzzzz", keys, 4));
	assert_null(text_suggest("x", keys, 0));
	{
		/* a huge value is no typo of a key, and costs nothing to reject */
		char *big = xmalloc(1000001);

		memset(big, 'k', 1000000);
		big[1000000] = '\0';
		assert_null(text_suggest(big, keys, 4));
		free(big);
	}
}

static void
test_num(void **state)
{
	char buf[TEXT_NUM_MAX];

	(void)state;
	assert_string_equal(text_num(buf, 2.0 / 3), "0.67");
	assert_string_equal(text_num(buf, 76.6666667), "76.67");
	assert_string_equal(text_num(buf, 76.5), "76.5");
	assert_string_equal(text_num(buf, 12), "12");
	assert_string_equal(text_num(buf, 0.999), "1");
	assert_string_equal(text_num(buf, 0.1 + 0.2), "0.3");
	assert_string_equal(text_num(buf, -0.001), "0");
	assert_string_equal(text_num(buf, -2.5), "-2.5");
	assert_string_equal(text_num(buf, 1e20), "100000000000000000000");
	assert_string_equal(text_num(buf, 0.005), "0.01");
	assert_string_equal(NUM(37), "37");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_num),
		cmocka_unit_test(test_chars),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_inert),
		cmocka_unit_test(test_pad),
		cmocka_unit_test(test_answer_check),
		cmocka_unit_test(test_distance),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
