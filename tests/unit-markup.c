/* unit-markup.c: lesson markup laid out by display width, by hand. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "markup.h"
#include "text.h"

static char *
layout(const char *text, int width)
{
	struct markup m;
	char *s;

	markup_layout(text, width, &m);
	s = xstrdup(sb_str(&m.out));
	markup_free(&m);
	return s;
}

/* Every line of s fits in width columns. */
static void
assert_fits(const char *s, int width)
{
	const char *p = s;

	while (*p) {
		const char *nl = strchr(p, '\n');
		char *line = xstrndup(p, nl ? (size_t)(nl - p) : strlen(p));

		if (text_width(line) > width)
			fail_msg("'%s' is %d columns, over %d", line, text_width(line), width);
		free(line);
		p = nl ? nl + 1 : p + strlen(p);
	}
}

/* Prose is kept as written, only wrapped: Chinese anywhere but before a
 * closing mark, English between words. */
static void
test_prose(void **state)
{
	char *s;

	(void)state;
	s = layout("没有标记的一行。\n\n第二段。\n", 40);
	assert_string_equal(s, "没有标记的一行。\n\n第二段。\n");
	free(s);
	/* 10 columns: 亲，您 is 6; 好 would make 8, then ，: the mark stays
	 * with 好, so 好， moves down together */
	s = layout("亲，您好，欢迎光临", 20);
	assert_string_equal(s, "亲，您好，欢迎光临\n");
	free(s);
	s = layout("一二三四五六七八九十，好的", 20);
	assert_string_equal(s, "一二三四五六七八九\n十，好的\n");
	free(s);
	s = layout("the quick brown fox jumps over the lazy dog again", 20);
	assert_string_equal(s, "the quick brown fox\njumps over the lazy\ndog again\n");
	free(s);
	s = layout("混排 English 文字和 numbers 123 在一起的一行比较长的句子", 20);
	assert_fits(s, 20);
	free(s);
}

static void
test_headings_and_lists(void **state)
{
	struct markup m;

	(void)state;
	markup_layout("# 店铺概况\n说明。\n\n## 【商品01】T恤\n- 面料：纯棉，220克重，面料经过预缩处理，不易变形\n- 颜色：白\n", 24, &m);
	assert_string_equal(sb_str(&m.out),
			    "店铺概况\n========\n说明。\n\n【商品01】T恤\n-------------\n"
			    "  • 面料：纯棉，220克\n    重，面料经过预缩处\n    理，不易变形\n  • 颜色：白\n");
	assert_int_equal(m.nheads, 2);
	assert_int_equal(m.heads[0].level, 1);
	assert_int_equal(m.heads[0].line, 0);
	assert_int_equal(m.heads[1].level, 2);
	assert_int_equal(m.heads[1].line, 4);
	assert_string_equal(m.heads[1].text, "【商品01】T恤");
	/* a section by number, by its start, or by words in it */
	assert_int_equal(markup_find(&m, "2"), 1);
	assert_int_equal(markup_find(&m, "3"), -1);
	assert_int_equal(markup_find(&m, "店铺"), 0);
	assert_int_equal(markup_find(&m, "商品01"), 1);
	assert_int_equal(markup_find(&m, "ｔ恤"), 1);	/* folded */
	assert_int_equal(markup_find(&m, "没有"), -1);
	markup_free(&m);
}

/* Tables line up by display width; a |---| row marks the heading row. */
static void
test_tables(void **state)
{
	char *s;

	(void)state;
	s = layout("| 尺码 | 身高 | 体重 |\n|---|---|---|\n| S | 150–160厘米 | 40–50公斤 |\n"
		   "| XXL | 180–190厘米 | 80–90公斤 |\n", 60);
	assert_string_equal(s,
			    "尺码  身高         体重\n"
			    "----  -----------  ---------\n"
			    "S     150–160厘米  40–50公斤\n"
			    "XXL   180–190厘米  80–90公斤\n");
	free(s);
	/* too wide: the last column wraps under itself */
	s = layout("| 洗护 | 可以机洗，建议翻面装洗衣袋，冷水轻柔档；深浅色分开洗 |\n", 30);
	assert_string_equal(s, "洗护  可以机洗，建议翻面装洗衣\n"
			    "      袋，冷水轻柔档；深浅色分\n"
			    "      开洗\n");
	assert_fits(s, 30);
	free(s);
	/* wider than the screen before its last column: a row a line */
	s = layout("| 一二三四五六七八九十一二三四五六七八九十 | 二 | 三 |\n| a | b | c |\n", 30);
	assert_string_equal(s, "一二三四五六七八九十一二三四五\n  六七八九十 | 二 | 三\na | b | c\n");
	assert_fits(s, 30);
	free(s);
}

static void
test_check(void **state)
{
	size_t col = 0, cells = 0, want = 0;

	(void)state;
	assert_int_equal(markup_check("| a | b |\n|---|---|\n| 1 | 2 |\n", &col, &cells, &want), 0);
	assert_int_equal(markup_check("说明\n| a | b |\n| 1 | 2 | 3 |\n", &col, &cells, &want), 3);
	assert_int_equal(col, 1);
	assert_int_equal(cells, 3);
	assert_int_equal(want, 2);
	/* two tables apart are checked apart */
	assert_int_equal(markup_check("| a | b |\n\n| 1 | 2 | 3 |\n", &col, &cells, &want), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prose),
		cmocka_unit_test(test_headings_and_lists),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_check),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
