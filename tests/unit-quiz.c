/* unit-quiz.c: reading answers in every form, scoring every type
 * (partial credit included), papers from seeds, and whether an exam's
 * papers are all alike. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "quiz.h"
#include "text.h"

static struct content *c;
static const struct quiz *qz;

static int
load(void **state)
{
	struct diag d = DIAG_INIT(stderr);
	const char *top = getenv("top_srcdir");
	char *dir = path_join(top ? top : "..", "tests/content/quiz");

	(void)state;
	c = content_new();
	content_load_tree(c, dir, &d);
	content_resolve(c, NULL, &d);
	free(dir);
	qz = content_quiz(c, "all-types");
	return d.errors == 0 && qz ? 0 : -1;
}

static int
unload(void **state)
{
	(void)state;
	content_free(c);
	return 0;
}

static const struct question *
question(const char *id, size_t *index)
{
	const struct question *x = content_quiz_question(qz, id);

	*index = 0;
	if (x == NULL)
		fail_msg("no question %s", id);
	else
		*index = (size_t)(x - qz->questions);
	return x;
}

/* Parses typed text for question q shown as it is; scores it: its
 * points, or -100 when kefu cannot read it (a hint says why, never a
 * score). The stored form goes to *stored when asked for. */
static double
score_typed(const struct question *q, const struct paper_item *it, const char *typed,
	    char **stored)
{
	const char *hint = NULL;
	char *resp = quiz_parse(q, it, typed, &hint);
	double pts;

	if (stored)
		*stored = NULL;
	if (resp == NULL) {
		assert_non_null(hint);
		return -100;
	}
	pts = quiz_score(q, resp);
	if (stored)
		*stored = resp;
	else
		free(resp);
	return pts;
}

/* The same for a question of all-types shown in written order. */
static double
answer(const char *id, const char *typed, char **stored)
{
	size_t idx;
	const struct question *q = question(id, &idx);
	struct paper_item it;
	uint64_t rng = 1;
	double pts;
	size_t i;

	quiz_item(q, idx, false, &rng, &it);
	for (i = 0; i < it.nperm; i++)	/* written order, whatever the type */
		it.perm[i] = (unsigned)i;
	pts = score_typed(q, &it, typed, stored);
	free(it.perm);
	return pts;
}

static void
test_single_forms(void **state)
{
	char *s;

	(void)state;
	assert_true(answer("reply-time", "b", NULL) == 1);
	assert_true(answer("reply-time", "B", NULL) == 1);
	assert_true(answer("reply-time", "Ｂ", NULL) == 1);	/* full width */
	assert_true(answer("reply-time", " (b) ", NULL) == 1);
	assert_true(answer("reply-time", "a", NULL) == 0);
	assert_true(answer("reply-time", "B", &s) == 1);
	assert_string_equal(s, "1");		/* stored as the written index */
	free(s);
	/* unreadable: refused, never scored */
	assert_true(answer("reply-time", "e", NULL) == -100);
	assert_true(answer("reply-time", "ab", NULL) == -100);
	assert_true(answer("reply-time", "", NULL) == -100);
	assert_true(answer("reply-time", "5分钟", NULL) == -100);
}

static void
test_multi_forms(void **state)
{
	static const char *const forms[] = {
		"AC", "ac", "A,C", "a c", "A、C", "Ａ，Ｃ", "C A", "a;c", "ACA"
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(forms); i++)
		assert_true(answer("extra-item", forms[i], NULL) == 1);
	assert_true(answer("extra-item", "A", NULL) == 0);	/* all or nothing */
	assert_true(answer("extra-item", "ABC", NULL) == 0);
	assert_true(answer("extra-item", "AZ", NULL) == -100);
}

static void
test_partial(void **state)
{
	(void)state;
	/* 2 points, key ABD: (right - wrong) / 3 of the points, floor 0 */
	assert_true(answer("partial", "ABD", NULL) == 2);
	assert_float_equal(answer("partial", "AB", NULL), 2.0 * 2 / 3, 1e-9);
	assert_float_equal(answer("partial", "ABC", NULL), 2.0 * 1 / 3, 1e-9);
	assert_true(answer("partial", "AC", NULL) == 0);
	assert_true(answer("partial", "C", NULL) == 0);
	assert_true(answer("partial", "ABCD", NULL) > 1.3);	/* 3 - 1 = 2 of 3 */
	assert_float_equal(answer("partial", "ABCD", NULL), 2.0 * 2 / 3, 1e-9);
}

static void
test_truefalse_forms(void **state)
{
	static const char *const no[] = {
		"F", "f", "false", "FALSE", "N", "no", "错", "否", "×", "错误", "Ｆ"
	};
	static const char *const yes[] = { "T", "true", "Y", "yes", "对", "是", "√", "正确" };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(no); i++)
		assert_true(answer("three-day", no[i], NULL) == 1);
	for (i = 0; i < ARRAY_SIZE(yes); i++)
		assert_true(answer("three-day", yes[i], NULL) == 0);
	assert_true(answer("three-day", "maybe", NULL) == -100);
}

static void
test_fill(void **state)
{
	(void)state;
	assert_true(answer("minutes", "5", NULL) == 1);
	assert_true(answer("minutes", "５", NULL) == 1);	/* full width */
	assert_true(answer("minutes", " 五 ", NULL) == 1);
	assert_true(answer("minutes", "6", NULL) == 0);
	assert_true(answer("minutes", "五分钟", NULL) == 0);
}

static void
test_fold(void **state)
{
	char *f;

	(void)state;
	f = text_fold("  Ｈｅｌｌｏ，   World。 ");
	assert_string_equal(f, "hello, world.");
	free(f);
	f = text_fold("先共情、再解决：“好的”");
	assert_string_equal(f, "先共情,再解决:\"好的\"");
	free(f);
}

static void
test_numeric(void **state)
{
	(void)state;
	assert_true(answer("weight", "0.15", NULL) == 1);
	assert_true(answer("weight", "０.１５", NULL) == 1);
	assert_true(answer("weight", ".16", NULL) == 1);	/* within 0.01 */
	assert_true(answer("weight", "0.14", NULL) == 1);
	assert_true(answer("weight", "0.17", NULL) == 0);
	assert_true(answer("weight", "0.15kg", NULL) == -100);
	assert_true(answer("weight", "abc", NULL) == -100);
	assert_true(answer("weight", "0x1a", NULL) == -100);	/* no hex */
	{
		size_t idx;
		const struct question *q = question("weight", &idx);
		struct paper_item it = { idx, NULL, 0 };
		char *key = quiz_key(q, &it);

		assert_string_equal(key, "0.15 (±0.01)");
		free(key);
	}
}

/* The same for a question built by hand, with no choices to shuffle. */
static double
answer_q(const struct question *q, const char *typed, char **stored)
{
	struct paper_item it = { 0, NULL, 0 };

	return score_typed(q, &it, typed, stored);
}

/* unit: an answer may carry it, half- or full-width; another unit is
 * refused with a hint naming the right one, never marked wrong. */
static void
test_units(void **state)
{
	static const char *fill_words[] = { "50", "五十" }, *bare[] = { "48" };
	struct question minutes = { .id = "m", .type = Q_NUMERIC, .points = 1, .number = 5,
				    .unit = "分钟" };
	struct question pct = { .id = "p", .type = Q_NUMERIC, .points = 1, .number = 25,
				.tolerance = 0.1, .unit = "percent" };
	struct question plain = { .id = "n", .type = Q_NUMERIC, .points = 1, .number = 60 };
	struct question chars = { .id = "f", .type = Q_FILL, .points = 1, .accepted = fill_words,
				  .naccepted = 2, .unit = "字" };
	struct question hours = { .id = "h", .type = Q_FILL, .points = 1, .accepted = bare,
				  .naccepted = 1, .unit = "小时" };
	struct paper_item it = { 0, NULL, 0 };
	const char *hint = NULL;
	char *stored, *key;

	(void)state;
	assert_true(answer_q(&minutes, "5", NULL) == 1);
	assert_true(answer_q(&minutes, "5分钟", NULL) == 1);
	assert_true(answer_q(&minutes, "５ 分钟", NULL) == 1);	/* full width, a space */
	assert_true(answer_q(&minutes, "５\u3000分钟", NULL) == 1);	/* ideographic space */
	assert_true(answer_q(&minutes, "6分钟", NULL) == 0);
	assert_true(answer_q(&minutes, "5秒", NULL) == -100);	/* another unit */
	assert_null(quiz_parse(&minutes, &it, "5秒", &hint));
	assert_non_null(strstr(hint, "分钟"));
	assert_true(answer_q(&pct, "25", NULL) == 1);
	assert_true(answer_q(&pct, "25%", NULL) == 1);
	assert_true(answer_q(&pct, "25 %", NULL) == 1);
	assert_true(answer_q(&pct, "25％", NULL) == 1);
	assert_true(answer_q(&pct, "２５．０５％", NULL) == 1);	/* within 0.1 */
	assert_true(answer_q(&pct, "25元", NULL) == -100);
	assert_null(quiz_parse(&pct, &it, "25元", &hint));
	assert_null(strstr(hint, "0.25"));	/* the hint never leads to 0.25 */
	/* without a unit, a number alone: 25% is not silently 25 or 0.25 */
	assert_true(answer_q(&plain, "60", NULL) == 1);
	assert_true(answer_q(&plain, "60天", NULL) == -100);
	assert_true(answer_q(&plain, "60%", NULL) == -100);
	assert_null(quiz_parse(&plain, &it, "60%", &hint));
	assert_null(strstr(hint, "0.15"));
	/* fill: the unit comes off the answer and the key alike */
	assert_true(answer_q(&chars, "50", NULL) == 1);
	assert_true(answer_q(&chars, "50字", &stored) == 1);
	assert_string_equal(stored, "50");
	free(stored);
	assert_true(answer_q(&chars, "五十字", NULL) == 1);
	assert_true(answer_q(&chars, "５０ 字", NULL) == 1);
	assert_true(answer_q(&chars, "40字", NULL) == 0);
	assert_true(answer_q(&chars, "50秒", NULL) == -100);
	assert_true(answer_q(&hours, "48小时", NULL) == 1);
	/* a fill answer stored with its unit before still scores */
	assert_true(quiz_score(&hours, "48小时") == 1);
	/* the key and the answer shown carry the unit */
	key = quiz_key(&minutes, &it);
	assert_string_equal(key, "5 分钟");
	free(key);
	key = quiz_key(&pct, &it);
	assert_string_equal(key, "25% (±0.1)");
	free(key);
	key = quiz_key(&chars, &it);
	assert_string_equal(key, "50 字 / 五十 字");
	free(key);
	key = quiz_response_text(&minutes, &it, "5");
	assert_string_equal(key, "5 分钟");
	free(key);
}

static void
test_order_and_match(void **state)
{
	(void)state;
	/* shown in written order here */
	assert_true(answer("wrong-item", "ABCD", NULL) == 1);
	assert_true(answer("wrong-item", "a b c d", NULL) == 1);
	assert_true(answer("wrong-item", "ABDC", NULL) == 0);
	assert_true(answer("wrong-item", "ABC", NULL) == -100);	/* a step left out */
	assert_true(answer("wrong-item", "AABC", NULL) == -100);	/* one twice */
	assert_true(answer("kpi", "1A 2B 3C", NULL) == 1);
	assert_true(answer("kpi", "1a,2b,3c", NULL) == 1);
	assert_true(answer("kpi", "1.A 2、B 3C", NULL) == 1);
	assert_true(answer("kpi", "3C 1A 2B", NULL) == 1);
	/* 售前 twice: either letter of the same text is right */
	assert_true(answer("kpi", "1C 2B 3A", NULL) == 1);
	assert_true(answer("kpi", "1B 2A 3C", NULL) == 0);
	assert_true(answer("kpi", "1A 2B", NULL) == -100);
	assert_true(answer("kpi", "1A 1B 3C", NULL) == -100);
	assert_true(answer("kpi", "1A 2B 4C", NULL) == -100);
}

static void
test_shuffled_answers(void **state)
{
	size_t idx;
	const struct question *q = question("reply-time", &idx);
	struct paper_item it;
	unsigned perm[] = { 3, 1, 0, 2 };	/* shown: D B A C */
	const char *hint;
	char *resp, *key;

	(void)state;
	it.q = idx;
	it.perm = perm;
	it.nperm = 4;
	resp = quiz_parse(q, &it, "B", &hint);	/* shows the written B */
	assert_string_equal(resp, "1");
	assert_true(quiz_score(q, resp) == 1);
	free(resp);
	resp = quiz_parse(q, &it, "A", &hint);	/* shows the written D */
	assert_string_equal(resp, "3");
	assert_true(quiz_score(q, resp) == 0);
	free(resp);
	key = quiz_key(q, &it);
	assert_string_equal(key, "B. 5分钟");
	free(key);
}

static void
test_draw(void **state)
{
	struct paper *a = quiz_draw(qz, 42), *b = quiz_draw(qz, 42), *x;
	struct quiz copy = *qz;
	struct draw_rule five = { .tag = NULL, .count = 5 };
	char *ta, *tb, *tx;
	size_t i, same = 0;

	(void)state;
	ta = paper_encode(qz, a);
	tb = paper_encode(qz, b);
	assert_string_equal(ta, tb);	/* same seed, same paper */
	assert_int_equal(a->n, qz->nquestions);
	/* shuffle: false keeps the written order of questions and choices */
	for (i = 0; i < a->n; i++)
		assert_int_equal(a->items[i].q, i);
	assert_int_equal(a->items[0].perm[0], 0);
	/* order steps and match sides are shuffled all the same, never
	 * left in the written order */
	for (i = 0; i < a->n; i++) {
		const struct question *q = &qz->questions[a->items[i].q];
		size_t j, fixed = 0;

		if (q->type != Q_ORDER && q->type != Q_MATCH)
			continue;
		for (j = 0; j < a->items[i].nperm; j++)
			fixed += a->items[i].perm[j] == j;
		assert_true(fixed < a->items[i].nperm);
	}
	/* stored text reads back to the same paper */
	x = paper_decode(qz, ta);
	assert_non_null(x);
	tx = paper_encode(qz, x);
	assert_string_equal(ta, tx);
	free(tx);
	paper_free(x);
	assert_null(paper_decode(qz, "no-such-question:\n"));
	assert_null(paper_decode(qz, "reply-time:0,1,2\n"));	/* choices changed */
	assert_null(paper_decode(qz, "reply-time:0,1,1,2\n"));
	/* draw: 5 of 8, shuffled; different seeds give different papers */
	copy.draws = &five;
	copy.ndraws = 1;
	copy.shuffle = true;
	for (i = 0; i < 20; i++) {
		struct paper *p = quiz_draw(&copy, i), *p2 = quiz_draw(&copy, i + 100);
		char *e1 = paper_encode(&copy, p), *e2 = paper_encode(&copy, p2);

		assert_int_equal(p->n, 5);
		same += strcmp(e1, e2) == 0;
		free(e1);
		free(e2);
		paper_free(p);
		paper_free(p2);
	}
	assert_true(same < 3);
	free(ta);
	free(tb);
	paper_free(a);
	paper_free(b);
}

static void
test_draw_by_tag(void **state)
{
	const struct quiz *flow;
	struct content *odd = content_new();
	struct diag d = DIAG_INIT(stderr);
	const char *top = getenv("top_srcdir");
	char *dir = path_join(top ? top : "..", "tests/content/odd");
	uint64_t seed;

	(void)state;
	content_load_tree(odd, dir, &d);
	free(dir);
	flow = content_quiz(odd, "flow");
	assert_non_null(flow);
	/* draw {b: 1, a: 1}: s1 has b and a, s2 has b, m1 neither: the b
	 * slot may take s1 first, and must then give it up to the a slot */
	for (seed = 0; seed < 50; seed++) {
		struct paper *p = quiz_draw(flow, seed);
		size_t i, s1 = 0, s2 = 0;

		assert_int_equal(p->n, 2);
		for (i = 0; i < p->n; i++) {
			const char *id = flow->questions[p->items[i].q].id;

			s1 += strcmp(id, "s1") == 0;
			s2 += strcmp(id, "s2") == 0;
		}
		assert_int_equal(s1, 1);
		assert_int_equal(s2, 1);
		paper_free(p);
	}
	content_free(odd);
}

/* ---- comparable papers ---- */

static const char *tag_a[] = { "a" }, *tag_b[] = { "b" }, *tag_c[] = { "c" };
static const char *tag_ab[] = { "a", "b" }, *tag_aa[] = { "a", "a" };
static const char *tag_bc[] = { "b", "c" };
#define Q(name, ty, pts, tagv) \
	{ .id = name, .type = ty, .points = pts, .tags = tagv, .ntags = ARRAY_SIZE(tagv) }

static struct quiz
exam(struct question *qs, size_t n, struct draw_rule *draws, size_t ndraws)
{
	struct quiz q = { .id = "exam", .mode = QUIZ_EXAM, .questions = qs,
			  .nquestions = n, .nown = n, .draws = draws, .ndraws = ndraws };

	return q;
}

static void
test_uniform_plain(void **state)
{
	struct question qs[] = {
		Q("s1", Q_SINGLE, 1, tag_a), Q("s2", Q_SINGLE, 1, tag_b),
		Q("s3", Q_SINGLE, 1, tag_c), Q("e1", Q_ESSAY, 5, tag_a),
	};
	struct draw_rule two = { .tag = NULL, .count = 2 };
	struct draw_rule all = { .tag = NULL, .count = 4 };
	struct draw_uneven why = { NULL, 0, 0 };
	struct quiz q = exam(qs, 3, &two, 1);

	(void)state;
	/* a plain draw looks at points and type only, not at tags */
	assert_true(quiz_draw_uniform(&q, &why));
	q.nquestions = 4;
	assert_false(quiz_draw_uniform(&q, &why));
	assert_null(why.tag);
	assert_int_equal(why.a, 0);
	assert_int_equal(why.b, 3);
	qs[3].type = Q_SINGLE;	/* the same type, other points */
	assert_false(quiz_draw_uniform(&q, &why));
	qs[3].type = Q_ESSAY;
	/* every question on every paper, drawn or not */
	q.draws = &all;
	assert_true(quiz_draw_uniform(&q, &why));
	q.ndraws = 0;
	assert_true(quiz_draw_uniform(&q, &why));
}

static void
test_uniform_tags(void **state)
{
	struct question qs[] = {
		Q("a1", Q_SINGLE, 1, tag_a), Q("a2", Q_SINGLE, 1, tag_aa),
		Q("a3", Q_SINGLE, 1, tag_a), Q("b1", Q_TRUEFALSE, 2, tag_b),
		Q("b2", Q_TRUEFALSE, 2, tag_b), Q("c1", Q_ESSAY, 5, tag_c),
	};
	struct draw_rule rules[] = { { .tag = "a", .count = 2 }, { .tag = "b", .count = 1 } };
	struct draw_uneven why = { NULL, 0, 0 };
	struct quiz q = exam(qs, ARRAY_SIZE(qs), rules, 2);

	(void)state;
	/* tags of different types and points, each of one: alike; a tag
	 * written twice is one tag; an undrawn tag's questions never come */
	assert_true(quiz_draw_uniform(&q, &why));
	qs[4].points = 1;
	assert_false(quiz_draw_uniform(&q, &why));
	assert_string_equal(why.tag, "b");
	assert_int_equal(why.a, 3);
	assert_int_equal(why.b, 4);
	qs[4].points = 2;
	qs[2].type = Q_MULTI;
	assert_false(quiz_draw_uniform(&q, &why));
	assert_string_equal(why.tag, "a");
	assert_int_equal(why.a, 0);
	assert_int_equal(why.b, 2);
	/* a tag with just as many questions as it draws puts them all on
	 * every paper, whatever they are */
	rules[0].count = 3;
	assert_true(quiz_draw_uniform(&q, &why));
	rules[0].count = 2;
	qs[2].type = Q_SINGLE;
	/* a draw the questions cannot meet is reported elsewhere */
	rules[1].count = 3;
	assert_true(quiz_draw_uniform(&q, &why));
}

static void
test_uniform_two_tags(void **state)
{
	struct question qs[] = {
		Q("x", Q_SINGLE, 1, tag_ab), Q("y", Q_SINGLE, 1, tag_a),
		Q("z", Q_SINGLE, 1, tag_b), Q("w", Q_ESSAY, 4, tag_c),
	};
	struct draw_rule rules[] = { { .tag = "a", .count = 1 }, { .tag = "b", .count = 1 } };
	struct draw_uneven why = { NULL, 0, 0 };
	struct quiz q = exam(qs, ARRAY_SIZE(qs), rules, 2);

	(void)state;
	/* papers of one type and points, but {x, y} holds two questions
	 * tagged a and one tagged b, {x, z} one and two, {y, z} one and
	 * one: z may take x's place in the b slot */
	assert_false(quiz_draw_uniform(&q, &why));
	assert_string_equal(why.tag, "b");
	assert_int_equal(why.a, 0);
	assert_int_equal(why.b, 2);
	/* every question with both tags: each paper holds two of each */
	qs[1].tags = tag_ab;
	qs[1].ntags = 2;
	qs[2].tags = tag_ab;
	qs[2].ntags = 2;
	assert_true(quiz_draw_uniform(&q, &why));
	/* and with every question on both tags, the types must agree */
	qs[2].type = Q_MULTI;
	assert_false(quiz_draw_uniform(&q, &why));
	/* only one paper can be drawn: s1 must fill a, so s2 fills b */
	qs[0].tags = tag_c;
	qs[0].ntags = 1;
	qs[1].type = Q_ORDER;
	qs[2].tags = tag_b;
	qs[2].ntags = 1;
	rules[0].tag = "b";
	rules[1].tag = "a";
	assert_true(quiz_draw_uniform(&q, &why));
}

/* The weight of a paper: its points and how many questions of each type
 * carry each drawn tag. */
struct weight {
	double points;
	unsigned count[Q_ESSAY + 1][3];
};

static void
weigh(const struct quiz *q, const size_t *picked, size_t n, struct weight *w)
{
	size_t i, r;

	memset(w, 0, sizeof(*w));
	for (i = 0; i < n; i++) {
		const struct question *x = &q->questions[picked[i]];

		w->points += x->points;
		for (r = 0; r < q->ndraws; r++)
			w->count[x->type][r] += quiz_has_tag(x, q->draws[r].tag);
	}
}

/* Whether the questions of a subset can fill every slot: tries every
 * order of them against the slots. */
static bool
fills(const struct quiz *q, const size_t *slot_rule, size_t *set, size_t k, size_t n)
{
	size_t i, t;

	if (k == n)
		return true;
	for (i = k; i < n; i++) {
		t = set[k], set[k] = set[i], set[i] = t;
		if (quiz_has_tag(&q->questions[set[k]], q->draws[slot_rule[k]].tag) &&
		    fills(q, slot_rule, set, k + 1, n)) {
			t = set[k], set[k] = set[i], set[i] = t;
			return true;
		}
		t = set[k], set[k] = set[i], set[i] = t;
	}
	return false;
}

/* Against every paper there is: small random exams, their papers found
 * by trying every subset of questions, must be alike exactly when
 * quiz_draw_uniform() says so; and the pair it names must differ. */
static void
test_uniform_exhaustive(void **state)
{
	static const char **const tagsets[] = { tag_a, tag_b, tag_c, tag_ab, tag_bc };
	static const size_t ntags[] = { 1, 1, 1, 2, 2 };
	static const char *const names[] = { "q0", "q1", "q2", "q3", "q4", "q5", "q6", "q7" };
	struct draw_rule rules[3] = { { .tag = "a" }, { .tag = "b" }, { .tag = "c" } };
	struct question qs[8];
	uint64_t rng = 7;
	unsigned round, alike = 0, unlike = 0;

	(void)state;
	for (round = 0; round < 3000; round++) {
		size_t n = 3 + quiz_random(&rng) % 6, i, r, slots = 0, mask;
		size_t slot_rule[6];
		struct quiz q = exam(qs, n, rules, 1 + quiz_random(&rng) % 3);
		struct weight first, w;
		struct draw_uneven why = { NULL, 0, 0 };
		bool any = false, even = true, said;

		memset(qs, 0, sizeof(qs));
		for (i = 0; i < n; i++) {
			size_t t = quiz_random(&rng) % 5;

			qs[i].id = names[i];
			qs[i].tags = (const char **)tagsets[t];
			qs[i].ntags = ntags[t];
			qs[i].type = quiz_random(&rng) % 3 ? Q_SINGLE : Q_ESSAY;
			qs[i].points = quiz_random(&rng) % 4 ? 1 : 2;
		}
		for (r = 0; r < q.ndraws; r++) {
			rules[r].count = 1 + (unsigned)(quiz_random(&rng) % 2);
			for (i = 0; i < rules[r].count; i++)
				slot_rule[slots++] = r;
		}
		for (mask = 0; mask < (size_t)1 << n; mask++) {
			size_t set[8], k = 0;

			for (i = 0; i < n; i++)
				if (mask & (size_t)1 << i)
					set[k++] = i;
			if (k != slots || !fills(&q, slot_rule, set, 0, k))
				continue;
			weigh(&q, set, k, any ? &w : &first);
			if (any && memcmp(&w, &first, sizeof(w)) != 0)
				even = false;
			any = true;
		}
		said = quiz_draw_uniform(&q, &why);
		if (said != (even || !any))
			fail_msg("round %u: quiz_draw_uniform() says %d, the papers %s", round,
				 said, even ? "are alike" : "differ");
		if (!said) {
			struct weight wa, wb;

			assert_true(why.a < n && why.b < n && why.a != why.b);
			weigh(&q, &why.a, 1, &wa);
			weigh(&q, &why.b, 1, &wb);
			assert_true(memcmp(&wa, &wb, sizeof(wa)) != 0);
			unlike++;
		} else if (any)
			alike++;
	}
	/* both answers came up often enough to mean something */
	assert_true(alike > 300 && unlike > 300);
}

/* A trainer's points: hundredths at most, refused beyond, never rounded. */
static void
test_points(void **state)
{
	double v = -1;

	(void)state;
	assert_true(quiz_points_parse("2.5", 5, &v) && v == 2.5);
	assert_true(quiz_points_parse("2.55", 5, &v) && v == 2.55);
	assert_true(quiz_points_parse("2.500", 5, &v) && v == 2.5);
	assert_true(quiz_points_parse("0", 5, &v) && v == 0);
	assert_true(quiz_points_parse("5", 5, &v) && v == 5);
	assert_false(quiz_points_parse("2.555", 5, &v));
	assert_false(quiz_points_parse("2.5551", 5, &v));
	assert_false(quiz_points_parse("5.01", 5, &v));
	assert_false(quiz_points_parse("-1", 5, &v));
	assert_false(quiz_points_parse("nan", 5, &v));
	assert_false(quiz_points_parse("2.555e0", 5, &v));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_forms),
		cmocka_unit_test(test_multi_forms),
		cmocka_unit_test(test_partial),
		cmocka_unit_test(test_truefalse_forms),
		cmocka_unit_test(test_fill),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_numeric),
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_order_and_match),
		cmocka_unit_test(test_shuffled_answers),
		cmocka_unit_test(test_draw),
		cmocka_unit_test(test_draw_by_tag),
		cmocka_unit_test(test_uniform_plain),
		cmocka_unit_test(test_uniform_tags),
		cmocka_unit_test(test_uniform_two_tags),
		cmocka_unit_test(test_uniform_exhaustive),
		cmocka_unit_test(test_points),
	};

	return cmocka_run_group_tests(tests, load, unload);
}
