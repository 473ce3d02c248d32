/* unit-gift.c: the GIFT reader and writer (src/bank/gift.c). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bank/bank.h"
#include "bank-check.h"

#define ALL_GIFT KEFU_SRCDIR "/tests/bank/gift-all.gift"

static int
read_str(struct bank *b, const char *gift)
{
	return bank_read_gift(b, gift, strlen(gift));
}

static void
assert_correct(const struct bank_q *q, const bool *want, size_t n)
{
	size_t i;

	assert_int_equal(q->nchoices, n);
	for (i = 0; i < n; i++)
		assert_int_equal(q->correct[i], want[i]);
}

#define STRV(...) ((const char *const[]){ __VA_ARGS__ }), \
	ARRAY_SIZE(((const char *const[]){ __VA_ARGS__ }))
#define FLAGS(...) ((const bool[]){ __VA_ARGS__ }), \
	ARRAY_SIZE(((const bool[]){ __VA_ARGS__ }))

/* Reads tests/bank/gift-all.gift into b (the file most read tests
 * check a part of). */
static void
read_all(struct bank *b)
{
	char *buf;
	size_t len;
	const char *why;

	if (read_file(ALL_GIFT, 1 << 20, &buf, &len, &why) != 0)
		fail_msg("%s: %s", ALL_GIFT, why);
	assert_int_equal(bank_read_gift(b, buf, len), 0);
	free(buf);
}

/* ---- the file of every feature ---- */

static void
test_all_single(void **state)
{
	struct bank b = BANK_INIT;
	const struct bank_q *q;

	(void)state;
	read_all(&b);
	q = must(&b, "reply-time");
	assert_int_equal(q->type, Q_SINGLE);
	assert_int_equal(q->line, 9);
	assert_true(q->points == 1);
	assert_string_equal(q->text, "买家申请退换货后，客服最迟多久内要回复？");
	assert_strv(q->choices, q->nchoices, STRV("10分钟", "5分钟", "30分钟"));
	assert_correct(q, FLAGS(false, true, false));
	/* [tag:] tags first, then the category's last part */
	assert_strv(q->tags, q->ntags, STRV("时效", "规则", "售后规则"));
	/* general feedback, then each answer's */
	assert_string_equal(q->explain, "退换货申请须在5分钟内回复。\n"
			    "10分钟: 太长了\n5分钟: 对，5分钟内");
	/* the title, a kefu id, is the id */
	q = must(&b, "grant");
	assert_int_equal(q->type, Q_SINGLE);
	assert_string_equal(q->text, "Grant is ____ in Grant's tomb.");
	assert_strv(q->choices, q->nchoices, STRV("buried", "entombed", "living"));
	assert_correct(q, FLAGS(false, true, false));
	assert_null(q->explain);
	bank_free(&b);
}

static void
test_all_multi(void **state)
{
	struct bank b = BANK_INIT;
	const struct bank_q *q;

	(void)state;
	read_all(&b);
	q = must(&b, "multi-partial");
	assert_int_equal(q->type, Q_MULTI);
	assert_true(q->partial);
	assert_true(q->points == 2);
	assert_string_equal(q->text, "哪些做法可以？");
	assert_strv(q->choices, q->nchoices, STRV("联系物流", "转投诉", "删除订单"));
	assert_correct(q, FLAGS(true, true, false));
	q = must(&b, "multi-strict");
	assert_int_equal(q->type, Q_MULTI);
	assert_false(q->partial);
	assert_correct(q, FLAGS(true, true, true, false));
	assert_string_equal(q->choices[3], "platform chat");
	/* two '=': Moodle takes either; kefu asks for both, and says so */
	q = must(&b, "two-equals");
	assert_int_equal(q->type, Q_MULTI);
	assert_true(q->partial);
	assert_correct(q, FLAGS(true, true, false));
	assert_non_null(note_at(&b, BANK_LOSS, 99, NULL));
	bank_free(&b);
}

static void
test_all_truefalse(void **state)
{
	struct bank b = BANK_INIT;
	const struct bank_q *q;

	(void)state;
	read_all(&b);
	q = must(&b, "tf-false");
	assert_int_equal(q->type, Q_TRUEFALSE);
	assert_false(q->truth);
	/* {F#for answering wrong (true)#for answering right (false)} */
	assert_string_equal(q->explain, "true: 错：答“对”不对\nfalse: 对");
	q = must(&b, "after");
	assert_int_equal(q->type, Q_TRUEFALSE);
	assert_true(q->truth);
	assert_int_equal(q->line, 82);
	bank_free(&b);
}

static void
test_all_fill(void **state)
{
	struct bank b = BANK_INIT;
	const struct bank_q *q;

	(void)state;
	read_all(&b);
	q = must(&b, "minutes");
	assert_int_equal(q->type, Q_FILL);
	assert_string_equal(q->text, "退换货申请应在____分钟内回复。");
	assert_strv(q->accepted, q->naccepted, STRV("5", "五"));
	assert_string_equal(q->unit, "分钟");
	assert_non_null(note_at(&b, BANK_LOSS, 32, "十"));
	/* Moodle's own export: =%100%answer# with no feedback, a comment
	 * line inside the block, after a category of none */
	q = must(&b, "no-tags");
	assert_int_equal(q->type, Q_FILL);
	assert_strv(q->accepted, q->naccepted, STRV("yes", "是"));
	assert_int_equal(q->ntags, 0);
	assert_null(q->explain);
	assert_null(q->unit);
	bank_free(&b);
}

static void
test_all_numeric(void **state)
{
	struct bank b = BANK_INIT;
	const struct bank_q *q;

	(void)state;
	read_all(&b);
	q = must(&b, "weight");
	assert_int_equal(q->type, Q_NUMERIC);
	assert_true(q->number == 0.15);
	assert_true(q->tolerance == 0.01);
	assert_string_equal(q->unit, "千克");
	q = must(&b, "range");
	assert_int_equal(q->type, Q_NUMERIC);
	assert_true(q->number == 3);
	assert_true(q->tolerance == 2);
	q = must(&b, "grant-born");
	assert_true(q->number == 1822);
	assert_true(q->tolerance == 0);
	assert_non_null(note_at(&b, BANK_LOSS, 41, "1822:2"));
	q = must(&b, "moodle-num");
	assert_true(q->number == 3.14);
	assert_true(q->tolerance == 0.01);
	assert_string_equal(q->explain, "3.14:0.01: close enough\nany other answer: not pi");
	bank_free(&b);
}

static void
test_all_match_order_essay(void **state)
{
	struct bank b = BANK_INIT;
	const struct bank_q *q;

	(void)state;
	read_all(&b);
	q = must(&b, "kpi-match");
	assert_int_equal(q->type, Q_MATCH);
	assert_strv(q->left, q->npairs, STRV("询单转化率", "纠纷退款率"));
	assert_strv(q->right, q->npairs, STRV("售前", "售后"));
	assert_string_equal(q->explain, "按岗位配对。");
	/* the extra right side ("= -> 财务") has no place: said */
	assert_non_null(note_at(&b, BANK_LOSS, 52, "财务"));
	q = must(&b, "wrong-item");
	assert_int_equal(q->type, Q_ORDER);
	assert_strv(q->steps, q->nsteps, STRV("请买家拍照", "核对底单重量", "下架错发商品"));
	assert_int_equal(q->npairs, 0);
	q = must(&b, "angry");
	assert_int_equal(q->type, Q_ESSAY);
	assert_true(q->points == 5);
	assert_string_equal(q->rubric, "先共情安抚，\n不推卸责任。");
	assert_string_equal(q->text, "写出你的第一条回复。");
	bank_free(&b);
}

static void
test_all_text_forms(void **state)
{
	struct bank b = BANK_INIT;
	const struct bank_q *q;

	(void)state;
	read_all(&b);
	q = must(&b, "html-q");
	assert_string_equal(q->text, "Which is bold & big?");
	assert_strv(q->choices, q->nchoices, STRV("this", "that"));
	q = must(&b, "escapes");
	assert_string_equal(q->text, "Marks ~ = # { } : \\ and\na second line");
	assert_strv(q->choices, q->nchoices, STRV("a=b", "c~d", "e#f}"));
	assert_correct(q, FLAGS(true, false, false));
	q = must(&b, "markdown");
	assert_string_equal(q->text, "A *markdown* text");
	assert_strv(q->choices, q->nchoices, STRV("x", "y"));
	bank_free(&b);
}

static void
test_all_ids(void **state)
{
	struct bank b = BANK_INIT;
	size_t i;
	bool seen = false;

	(void)state;
	read_all(&b);
	/* [id:] wins over the title; a title that is no kefu id is no id */
	assert_int_equal(must(&b, "from-comment")->line, 85);
	for (i = 0; i < b.n; i++)
		if (b.q[i].line == 87) {
			assert_null(b.q[i].id);
			assert_false(b.q[i].truth);
			seen = true;
		}
	assert_true(seen);
	assert_null(by_id(&b, "Not An Id"));
	bank_free(&b);
}

/* The bad questions of the file: each left out at its place, and the
 * next question read. */
static void
test_all_bad(void **state)
{
	struct bank b = BANK_INIT;
	const struct bank_note *n;

	(void)state;
	read_all(&b);
	assert_int_equal(b.n, 23);
	assert_non_null(note_at(&b, BANK_SKIPPED, 72, "description"));
	n = note_at(&b, BANK_SKIPPED, 74, "'}'");
	assert_non_null(n);
	assert_int_equal(n->col, 45);	/* its '{' */
	assert_non_null(note_at(&b, BANK_SKIPPED, 76, "empty"));
	assert_non_null(note_at(&b, BANK_SKIPPED, 78, "no right"));
	assert_non_null(note_at(&b, BANK_SKIPPED, 80, "foo"));
	assert_int_equal(count_notes(&b, BANK_SKIPPED), 5);
	assert_null(by_id(&b, "broken"));
	assert_null(by_id(&b, "empty"));
	assert_null(by_id(&b, "no-right"));
	assert_null(by_id(&b, "unknown"));
	assert_non_null(by_id(&b, "after"));
	/* partial credit on a single question's wrong choice */
	assert_int_equal(must(&b, "partial-single")->type, Q_SINGLE);
	assert_correct(must(&b, "partial-single"), FLAGS(true, false, false));
	assert_non_null(note_at(&b, BANK_LOSS, 70, "half right"));
	/* one choice worth something, not 100%: the right one, said */
	assert_int_equal(must(&b, "weighted-one")->type, Q_SINGLE);
	assert_correct(must(&b, "weighted-one"), FLAGS(true, false));
	assert_non_null(note_at(&b, BANK_LOSS, 101, NULL));
	assert_int_equal(count_notes(&b, BANK_ERROR), 0);
	bank_free(&b);
}

/* ---- reading, from strings ---- */

static void
test_bad_carry_on(void **state)
{
	struct bank b = BANK_INIT;

	(void)state;
	assert_int_equal(read_str(&b,
		"::a::No answer here\n"
		"\n"
		"::b::Unclosed {=x ~y\n"
		"\n"
		"::c::Stray } brace\n"
		"\n"
		"::d::Two {=a ~b} blocks {=c ~d}\n"
		"\n"
		"::e::Pair without arrow {=a -> b =c}\n"
		"\n"
		"::f::Fine {=x ~y}\n"), 0);
	assert_int_equal(b.n, 1);
	assert_string_equal(b.q[0].id, "f");
	assert_int_equal(b.q[0].line, 11);
	assert_non_null(note_at(&b, BANK_SKIPPED, 1, NULL));
	assert_non_null(note_at(&b, BANK_SKIPPED, 3, NULL));
	assert_int_equal(note_at(&b, BANK_SKIPPED, 3, NULL)->col, 15);
	assert_non_null(note_at(&b, BANK_SKIPPED, 5, "}"));
	assert_non_null(note_at(&b, BANK_SKIPPED, 7, NULL));
	assert_non_null(note_at(&b, BANK_SKIPPED, 9, "->"));
	assert_int_equal(count_notes(&b, BANK_SKIPPED), 5);
	bank_free(&b);
}

static void
test_not_text(void **state)
{
	struct bank b = BANK_INIT;

	(void)state;
	assert_int_equal(bank_read_gift(&b, "Q {T}\n\0", 7), -1);
	assert_int_equal(count_notes(&b, BANK_ERROR), 1);
	assert_int_equal(b.n, 0);
	bank_free(&b);
	assert_int_equal(read_str(&b, "Q {T}\n\nR \xff {F}\n"), -1);
	assert_non_null(note_at(&b, BANK_ERROR, 3, NULL));
	bank_free(&b);
	/* no question at all is no error: nothing converted */
	assert_int_equal(read_str(&b, ""), 0);
	assert_int_equal(read_str(&b, "// only a comment\n\n$CATEGORY: x\n\n\n"), 0);
	assert_int_equal(b.n, 0);
	assert_int_equal(b.nnotes, 0);
	bank_free(&b);
}

static void
test_line_ends(void **state)
{
	struct bank b = BANK_INIT;

	(void)state;
	/* a byte order mark, CRLF, blank lines of spaces and 全角 spaces */
	assert_int_equal(read_str(&b, "\xef\xbb\xbf// [id:one]\r\nFirst {T}\r\n \t\r\n"
				  "Second\r\n  {=a ~b}\r\n\xe3\x80\x80\r\nThird {F}"), 0);
	assert_int_equal(b.n, 3);
	assert_string_equal(b.q[0].id, "one");
	assert_string_equal(b.q[0].text, "First");
	assert_int_equal(b.q[0].line, 2);
	assert_string_equal(b.q[1].text, "Second");
	assert_int_equal(b.q[1].line, 4);
	assert_int_equal(b.q[2].line, 7);
	assert_false(b.q[2].truth);
	bank_free(&b);
}

static void
test_category(void **state)
{
	struct bank b = BANK_INIT;

	(void)state;
	assert_int_equal(read_str(&b,
		"$CATEGORY: $course$/top/Default for X/物流//\n"
		"\n"
		"// [tag:a]\n"
		"Q1 {T}\n"
		"\n"
		"$CATEGORY: $system$/top\n"
		"\n"
		"Q2 {T}\n"
		"\n"
		"$CATEGORY: 售前/话术\n"
		"\n"
		"// [tag:话术] [tag:b]\n"
		"Q3 {T}\n"), 0);
	assert_int_equal(b.n, 3);
	assert_strv(b.q[0].tags, b.q[0].ntags, STRV("a", "物流"));
	assert_int_equal(b.q[1].ntags, 0);
	assert_strv(b.q[2].tags, b.q[2].ntags, STRV("话术", "b"));
	bank_free(&b);
}

static void
test_comments(void **state)
{
	struct bank b = BANK_INIT;
	const struct bank_q *q;

	(void)state;
	/* several on a line, escapes in a value, other tools' keys passed
	 * over, a bad value noted */
	assert_int_equal(read_str(&b,
		"// question: 12  name: x\n"
		"// [id:q-1] [kefu-points:2.5] [other:thing] [kefu-unit:元]\n"
		"// [kefu-rubric:a \\] b\\nc \\\\ d]\n"
		"How much? {#12.5}\n"
		"\n"
		"// [kefu-points:lots] [kefu-scoring:some]\n"
		"::q-2::Essay {}\n"
		"\n"
		"// [kefu-scoring:partial]\n"
		"::q-3::Only one right {~%100%a ~%-100%b}\n"), 0);
	q = must(&b, "q-1");
	assert_int_equal(q->type, Q_NUMERIC);
	assert_true(q->points == 2.5);
	assert_string_equal(q->unit, "元");
	assert_true(q->number == 12.5);
	assert_null(q->rubric);	/* only an essay's */
	q = must(&b, "q-2");
	assert_true(q->points == 1);
	assert_non_null(note_at(&b, BANK_LOSS, 6, "lots"));
	assert_non_null(note_at(&b, BANK_LOSS, 6, "some"));
	/* a scoring comment makes a multi question of one right choice */
	q = must(&b, "q-3");
	assert_int_equal(q->type, Q_MULTI);
	assert_true(q->partial);
	assert_correct(q, FLAGS(true, false));
	bank_free(&b);
	assert_int_equal(read_str(&b, "// [kefu-rubric:a \\] b\\nc \\\\ d]\n::e::E {}"), 0);
	assert_string_equal(must(&b, "e")->rubric, "a ] b\nc \\ d");
	bank_free(&b);
}

static void
test_order_not_numbered(void **state)
{
	struct bank b = BANK_INIT;

	(void)state;
	assert_int_equal(read_str(&b,
		"// [kefu-type:order]\n"
		"::o::Order? {=1 -> a =3 -> b}\n"), 0);
	assert_int_equal(b.n, 1);
	assert_int_equal(b.q[0].type, Q_MATCH);
	assert_int_equal(b.q[0].npairs, 2);
	assert_non_null(note_at(&b, BANK_LOSS, 2, NULL));
	bank_free(&b);
}

static void
test_missing_word(void **state)
{
	struct bank b = BANK_INIT;

	(void)state;
	assert_int_equal(read_str(&b,
		"{=客服 ~物流} answers within 5 minutes.\n"
		"\n"
		"Text before {T} and after\n"
		"\n"
		"Only before{#5}\n"), 0);
	assert_int_equal(b.n, 3);
	assert_string_equal(b.q[0].text, "____ answers within 5 minutes.");
	assert_string_equal(b.q[1].text, "Text before ____ and after");
	assert_int_equal(b.q[1].type, Q_TRUEFALSE);
	assert_string_equal(b.q[2].text, "Only before");
	bank_free(&b);
}

/* GIFT as Moodle's exporter writes it. */
static void
test_moodle_export(void **state)
{
	struct bank b = BANK_INIT;
	const struct bank_q *q;

	(void)state;
	assert_int_equal(read_str(&b,
		"// question: 101  name: tf\n"
		"::tf::[html]<p>Is it?</p>{TRUE#<p>No\\: it is</p>#Yes}\n"
		"\n"
		"// question: 102  name: mc\n"
		"::mc::[html]<p>Pick</p>{\n"
		"\t~%-50%a#<b>not</b> a\n"
		"\t~%100%b\n"
		"\t~%50%c\n"
		"\t####<p>general</p>\n"
		"}\n"
		"\n"
		"::num::[moodle]How many?{#\n"
		"\t=%100%5:0#\n"
		"\t=%50%6:0#\n"
		"}\n"), 0);
	q = must(&b, "tf");
	assert_string_equal(q->text, "Is it?");
	assert_true(q->truth);
	assert_string_equal(q->explain, "true: Yes\nfalse: No: it is");
	q = must(&b, "mc");
	assert_int_equal(q->type, Q_MULTI);
	assert_true(q->partial);
	assert_correct(q, FLAGS(false, true, true));
	assert_string_equal(q->explain, "general\na: not a");
	q = must(&b, "num");
	assert_true(q->number == 5);
	assert_string_equal(q->text, "How many?");
	assert_non_null(note_at(&b, BANK_LOSS, 14, "6:0"));
	bank_free(&b);
}

/* ---- writing ---- */

static void
add_strs(char ***v, size_t *n, const char *const *s, size_t k)
{
	size_t i;

	for (i = 0; i < k; i++)
		bank_push(v, n, s[i], strlen(s[i]));
}

/* One question of every type, with what GIFT must carry for kefu. */
static void
make_bank(struct bank *b)
{
	struct bank_q *q;
	static const char *const hard = "含有 ~ = # { } : \\ 与\n第二行 [html] %50% -> //";

	b->title = xstrdup("题型大全: 售后\n物流");
	q = bank_add(b, Q_SINGLE, 0);
	q->id = xstrdup("single");
	add_strs(&q->tags, &q->ntags, STRV("售后", "规则, 时效"));
	q->text = bank_str(hard, strlen(hard));
	bank_add_choice(q, "10分钟", strlen("10分钟"), false);
	bank_add_choice(q, "=5分钟", strlen("=5分钟"), true);
	bank_add_choice(q, "%50% off", strlen("%50% off"), false);
	bank_add_choice(q, "[plain] x", strlen("[plain] x"), false);
	q->explain = xstrdup("[解析]\n退换货申请须在5分钟内回复。#1");
	q = bank_add(b, Q_MULTI, 0);
	q->id = xstrdup("multi-partial");
	q->points = 2;
	q->partial = true;
	q->text = xstrdup("哪些可以？");
	bank_add_choice(q, "a", 1, true);
	bank_add_choice(q, "b", 1, false);
	bank_add_choice(q, "c", 1, true);
	bank_add_choice(q, "d", 1, true);
	q = bank_add(b, Q_MULTI, 0);
	q->id = xstrdup("multi-strict");
	q->text = xstrdup("Strict");
	bank_add_choice(q, "a", 1, true);
	bank_add_choice(q, "b", 1, false);
	bank_add_choice(q, "c", 1, true);
	q = bank_add(b, Q_MULTI, 0);
	q->id = xstrdup("multi-one");
	q->partial = true;
	q->text = xstrdup("One right of a multi");
	bank_add_choice(q, "a", 1, false);
	bank_add_choice(q, "b", 1, true);
	q = bank_add(b, Q_TRUEFALSE, 0);
	q->id = xstrdup("tf");
	q->text = xstrdup("签收超过三天：一律不予处理。");
	q->explain = xstrdup("false: 错");
	q = bank_add(b, Q_TRUEFALSE, 0);
	q->truth = true;
	q->text = xstrdup("No id, true");
	q = bank_add(b, Q_FILL, 0);
	q->id = xstrdup("fill");
	q->text = xstrdup("退换货申请应在____分钟内回复。");
	add_strs(&q->accepted, &q->naccepted, STRV("5", "五", "%5", "T"));
	q->unit = xstrdup("分钟");
	q = bank_add(b, Q_NUMERIC, 0);
	q->id = xstrdup("numeric");
	q->text = xstrdup("差多少千克？");
	q->number = -0.15;
	q->tolerance = 0.01;
	q->unit = xstrdup("千克");
	q->explain = xstrdup("1.20 - 1.05");
	q = bank_add(b, Q_NUMERIC, 0);
	q->id = xstrdup("numeric-exact");
	q->points = 1.5;
	q->text = xstrdup("Exactly?");
	q->number = 1e20;
	q = bank_add(b, Q_ORDER, 0);
	q->id = xstrdup("order");
	q->text = xstrdup("排序");
	add_strs(&q->steps, &q->nsteps, STRV("请买家拍照", "核对 -> 重量", "[x] 下架", "2"));
	q = bank_add(b, Q_MATCH, 0);
	q->id = xstrdup("match");
	q->text = xstrdup("配对");
	bank_add_pair(q, "询单转化率", strlen("询单转化率"), "售前", strlen("售前"));
	bank_add_pair(q, "a=b", 3, "x → y -> z", strlen("x → y -> z"));
	bank_add_pair(q, "[html]", 6, "[b]", 3);
	q->explain = xstrdup("按岗位");
	q = bank_add(b, Q_ESSAY, 0);
	q->id = xstrdup("essay");
	q->points = 5;
	q->text = xstrdup("//写出你的回复");
	q->rubric = xstrdup("先共情 [安抚]\n不推卸 \\ 责任");
	q->explain = xstrdup("参考");
	q = bank_add(b, Q_ESSAY, 0);
	q->text = xstrdup("[markdown] no id, no rubric");
}

static void
test_round_trip(void **state)
{
	struct bank b = BANK_INIT, back = BANK_INIT;
	struct sb out = SB_INIT;
	size_t i;

	(void)state;
	make_bank(&b);
	bank_write_gift(&b, &out);
	assert_int_equal(read_str(&back, sb_str(&out)), 0);
	assert_int_equal(back.n, b.n);
	for (i = 0; i < b.n && i < back.n; i++) {
		const char *field;

		if (!bank_q_same(&b.q[i], &back.q[i], &field)) {
			fprintf(stderr, "%s\n", sb_str(&out));
			fail_msg("question %zu (%s): %s differs", i + 1,
				 b.q[i].id ? b.q[i].id : "-", field);
		}
	}
	assert_int_equal(count_notes(&back, BANK_SKIPPED), 0);
	assert_int_equal(count_notes(&back, BANK_LOSS), 0);
	/* and again: the same text (the title is a comment, not read) */
	{
		struct sb again = SB_INIT;

		assert_null(back.title);
		back.title = xstrdup(b.title);
		bank_write_gift(&back, &again);
		if (strcmp(sb_str(&again), sb_str(&out)) != 0) {
			fprintf(stderr, "first:\n%s\nagain:\n%s\n", sb_str(&out), sb_str(&again));
			fail_msg("written again, not the same");
		}
		sb_free(&again);
	}
	bank_free(&b);
	bank_free(&back);
	sb_free(&out);
}

static void
test_write_form(void **state)
{
	struct bank b = BANK_INIT;
	struct sb out = SB_INIT;
	const char *s;

	(void)state;
	make_bank(&b);
	bank_write_gift(&b, &out);
	s = sb_str(&out);
	/* the bank's title as a comment, first */
	assert_memory_equal(s, "// 题型大全: 售后 物流\n\n", strlen("// 题型大全: 售后 物流\n\n"));
	assert_non_null(strstr(s, "// [id:single]\n// [tag:售后]\n// [tag:规则, 时效]\n"
			       "::single::含有 \\~ \\= \\# \\{ \\} \\: \\\\ 与\\n第二行 [html] %50% -> // {\n"
			       "\t~10分钟\n\t=\\=5分钟\n\t~%0%%50% off\n\t~[moodle][plain] x\n"
			       "\t####[moodle][解析]\\n退换货申请须在5分钟内回复。\\#1\n}\n"));
	/* partial: right 100/k, wrong -100/k; no scoring comment needed */
	assert_non_null(strstr(s, "// [kefu-points:2]\n::multi-partial::哪些可以？ {\n"
			       "\t~%33.33333%a\n\t~%-33.33333%b\n\t~%33.33333%c\n\t~%33.33333%d\n}\n"));
	assert_non_null(strstr(s, "// [kefu-scoring:all-or-nothing]\n::multi-strict::Strict {\n"
			       "\t~%50%a\n\t~%-100%b\n\t~%50%c\n}\n"));
	assert_non_null(strstr(s, "// [kefu-scoring:partial]\n::multi-one::"));
	assert_non_null(strstr(s, "::tf::签收超过三天：一律不予处理。 {FALSE ####false\\: 错}\n"));
	assert_non_null(strstr(s, "\nNo id, true {TRUE}\n"));
	assert_non_null(strstr(s, "// [kefu-unit:分钟]\n::fill::退换货申请应在____分钟内回复。 {\n"
			       "\t=5\n\t=五\n\t=%100%%5\n\t=T\n}\n"));
	assert_non_null(strstr(s, "::numeric::差多少千克？ {#-0.15:0.01 ####1.20 - 1.05}\n"));
	assert_non_null(strstr(s, "// [kefu-points:1.5]\n::numeric-exact::Exactly? {#1e+20:0}\n"));
	assert_non_null(strstr(s, "// [kefu-type:order]\n::order::排序 {\n\t=1 -> 请买家拍照\n"
			       "\t=2 -> 核对 -> 重量\n\t=3 -> [x] 下架\n\t=4 -> 2\n}\n"));
	assert_non_null(strstr(s, "\t=a\\=b -> x → y -> z\n\t=[moodle][html] -> [b]\n\t####按岗位\n}\n"));
	assert_non_null(strstr(s, "// [kefu-points:5]\n// [kefu-rubric:先共情 [安抚\\]\\n不推卸 \\\\ 责任]\n"
			       "::essay::[moodle]//写出你的回复 {####参考}\n"));
	assert_non_null(strstr(s, "}\n\n[moodle][markdown] no id, no rubric {}\n"));
	/* a blank line between questions, none inside one */
	assert_null(strstr(s, "}\n//"));
	bank_free(&b);
	sb_free(&out);
}

/* What GIFT cannot carry is said when written. */
static void
test_write_loss(void **state)
{
	struct bank b = BANK_INIT;
	struct sb out = SB_INIT;
	struct bank_q *q;

	(void)state;
	q = bank_add(&b, Q_FILL, 3);
	q->text = xstrdup("Arrow");
	add_strs(&q->accepted, &q->naccepted, STRV("a -> b"));
	bank_write_gift(&b, &out);
	assert_non_null(note_at(&b, BANK_LOSS, 3, "->"));
	bank_free(&b);
	sb_free(&out);
}

static void
test_chinese(void **state)
{
	struct bank b = BANK_INIT, back = BANK_INIT;
	struct sb out = SB_INIT;
	const struct bank_q *q;

	(void)state;
	assert_int_equal(read_str(&b,
		"// [tag:售后]\n"
		"::退货::买家收到货后发现尺码不对，要求换货。客服应该怎么做？{\n"
		"\t=先致歉，再引导买家申请换货#态度和流程都对\n"
		"\t~让买家自己联系快递\n"
		"\t~直接拒绝：超过七天\n"
		"}\n"), 0);
	assert_int_equal(b.n, 1);
	q = &b.q[0];
	assert_null(q->id);	/* 退货 is no kefu id */
	assert_string_equal(q->text, "买家收到货后发现尺码不对，要求换货。客服应该怎么做？");
	assert_strv(q->choices, q->nchoices,
		    STRV("先致歉，再引导买家申请换货", "让买家自己联系快递", "直接拒绝：超过七天"));
	assert_string_equal(q->explain, "先致歉，再引导买家申请换货: 态度和流程都对");
	assert_strv(q->tags, q->ntags, STRV("售后"));
	bank_write_gift(&b, &out);
	assert_int_equal(read_str(&back, sb_str(&out)), 0);
	assert_int_equal(back.n, 1);
	assert_true(bank_q_same(&b.q[0], &back.q[0], NULL));
	bank_free(&b);
	bank_free(&back);
	sb_free(&out);
}

static void
test_escapes(void **state)
{
	struct bank b = BANK_INIT, back = BANK_INIT;
	struct sb out = SB_INIT;
	struct bank_q *q;
	static const char *const marks[] = {
		"~", "=", "#", "{", "}", ":", "\\", "a\nb", "\\n", "####", "::x::", "%1%", "->",
		"\\{", "[html]<b>", "// c", "$CATEGORY: x", "T", "#1..2",
	};
	size_t i;

	(void)state;
	/* each mark in a text, a choice and an explanation */
	for (i = 0; i < ARRAY_SIZE(marks); i++) {
		q = bank_add(&b, Q_SINGLE, 0);
		q->text = xstrdup(marks[i]);
		bank_add_choice(q, marks[i], strlen(marks[i]), true);
		bank_add_choice(q, "x", 1, false);
		q->explain = xstrdup(marks[i]);
	}
	bank_write_gift(&b, &out);
	assert_int_equal(read_str(&back, sb_str(&out)), 0);
	assert_int_equal(back.n, b.n);
	for (i = 0; i < b.n && i < back.n; i++) {
		const char *field;

		if (!bank_q_same(&b.q[i], &back.q[i], &field)) {
			fprintf(stderr, "%s\n", sb_str(&out));
			fail_msg("'%s': %s differs", marks[i], field);
		}
	}
	bank_free(&b);
	bank_free(&back);
	sb_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_single),
		cmocka_unit_test(test_all_multi),
		cmocka_unit_test(test_all_truefalse),
		cmocka_unit_test(test_all_fill),
		cmocka_unit_test(test_all_numeric),
		cmocka_unit_test(test_all_match_order_essay),
		cmocka_unit_test(test_all_text_forms),
		cmocka_unit_test(test_all_ids),
		cmocka_unit_test(test_all_bad),
		cmocka_unit_test(test_bad_carry_on),
		cmocka_unit_test(test_not_text),
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_category),
		cmocka_unit_test(test_comments),
		cmocka_unit_test(test_order_not_numbered),
		cmocka_unit_test(test_missing_word),
		cmocka_unit_test(test_moodle_export),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_write_form),
		cmocka_unit_test(test_write_loss),
		cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_escapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
