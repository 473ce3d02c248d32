/* unit-bank.c: question banks in and out (src/bank/): the 题库 sheet
 * reader (headings, types, answers, GBK, title rows, bad rows), Aiken,
 * the quiz file writer (quoting, ids), the guess of a format, and every
 * bundled quiz written in each format and read back as the same
 * questions, through the quiz file too. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bank/bank.h"
#include "bank-check.h"
#include "diag.h"

/* The first note at that line, of any kind. */
static const struct bank_note *
note_on(const struct bank *b, unsigned line)
{
	size_t i;

	for (i = 0; i < b->nnotes; i++)
		if (b->notes[i].line == line)
			return &b->notes[i];
	return NULL;
}

static void
read_csv(struct bank *b, const char *csv)
{
	assert_int_equal(bank_read_csv(b, csv, strlen(csv)), 0);
	bank_check(b);
}

static void
test_csv_types(void **state)
{
	struct bank b = BANK_INIT;
	const struct bank_q *q;

	(void)state;
	read_csv(&b,
	    "\xef\xbb\xbf" "2026年售后题库\r\n"
	    "\r\n"
	    "题型,题干,选项A,选项B,选项C,选项D,答案,解析,分值,知识点,难度\r\n"
	    "单选题,退换货申请多久内回复？,10分钟,5分钟,30分钟,,B,5分钟内,2,售后,易\r\n"
	    "多项选择,可以怎么做？,取件,差评,申诉,删单,\"A、C\",,,售后；申诉,中\r\n"
	    "判断,一律不予处理。,,,,,×,,,,\r\n"
	    "判断题,可以退。,正确,错误,,,A,,,,\r\n"
	    "填空,应在____分钟内回复。,,,,,5｜五,,,,\r\n"
	    "简答,写出第一条回复。,,,,,先共情。,,5,,\r\n"
	    "排序,排成顺序。,核对,拍照,下单,,BAC,,,,\r\n"
	    "匹配,对应起来。,询单转化率=售前,纠纷退款率→售后,,,,,,,\r\n"
	    "数值,差多少千克？,,,,,0.15±0.01,,,,\r\n");
	assert_int_equal(b.n, 9);
	assert_int_equal(count_notes(&b, BANK_SKIPPED), 0);
	q = &b.q[0];
	assert_int_equal(q->type, Q_SINGLE);
	assert_int_equal(q->line, 4);
	assert_int_equal(q->nchoices, 3);
	assert_true(q->correct[1] && !q->correct[0] && !q->correct[2]);
	assert_string_equal(q->explain, "5分钟内");
	assert_true(q->points == 2);
	assert_int_equal(q->ntags, 1);
	assert_string_equal(q->tags[0], "售后");
	q = &b.q[1];
	assert_int_equal(q->type, Q_MULTI);
	assert_true(q->correct[0] && q->correct[2] && !q->correct[1] && !q->correct[3]);
	assert_false(q->partial);
	assert_int_equal(q->ntags, 2);
	assert_string_equal(q->tags[1], "申诉");
	assert_int_equal(b.q[2].type, Q_TRUEFALSE);
	assert_false(b.q[2].truth);
	assert_true(b.q[3].truth);	/* A of 正确/错误 */
	q = &b.q[4];
	assert_int_equal(q->naccepted, 2);
	assert_string_equal(q->accepted[1], "五");
	assert_string_equal(b.q[5].rubric, "先共情。");
	q = &b.q[6];
	assert_int_equal(q->nsteps, 3);
	assert_string_equal(q->steps[0], "拍照");
	assert_string_equal(q->steps[2], "下单");
	q = &b.q[7];
	assert_int_equal(q->npairs, 2);
	assert_string_equal(q->left[1], "纠纷退款率");
	assert_string_equal(q->right[1], "售后");
	q = &b.q[8];
	assert_true(q->number == 0.15 && q->tolerance == 0.01);
	bank_free(&b);
}

static void
test_csv_english(void **state)
{
	struct bank b = BANK_INIT;

	(void)state;
	read_csv(&b,
	    "Type,Question,Option A,Option B,Option C,Answer,Explanation,Points,Category,ID\n"
	    "single choice,Which?,x,y,z,c,because,1,rules,rule-one\n"
	    "multiple response,Which ones?,x,y,z,\"a,b\",,3,,\n");
	assert_int_equal(b.n, 2);
	assert_string_equal(b.q[0].id, "rule-one");
	assert_true(b.q[0].correct[2]);
	assert_int_equal(b.q[1].type, Q_MULTI);
	assert_true(b.q[1].points == 3);
	bank_free(&b);
}

/* Every row that cannot be a question is named with its line, and the
 * rest convert. */
static void
test_csv_bad_rows(void **state)
{
	struct bank b = BANK_INIT;
	const struct bank_note *n;

	(void)state;
	read_csv(&b,
	    "题型,题干,选项A,选项B,选项C,答案,分值,备注\n"
	    "连连看,什么？,a,b,,A,,\n"			/* 2: unknown type */
	    "单选,什么？,a,b,,D,,\n"			/* 3: no option D */
	    "单选,什么？,a,,,A,,\n"			/* 4: one option */
	    "判断,对吗？,,,,也许,,\n"			/* 5: not 对 or 错 */
	    "单选,,a,b,,A,,\n"				/* 6: no text */
	    "单选,什么？,a,b,,A,很多,\n"		/* 7: points */
	    "单选,什么？,a,a,,A,,\n"			/* 8: a choice twice */
	    "单选,这个好,a,b,,AB,,\n"			/* 9: two answers: multi */
	    "排序,排,a,b,c,AB,,\n"			/* 10: not every step */
	    "单选,好,a,b,,B,,x\n");
	assert_int_equal(b.n, 2);
	assert_int_equal(b.q[0].type, Q_MULTI);
	assert_int_equal(b.q[0].line, 9);
	assert_int_equal(count_notes(&b, BANK_SKIPPED), 8);
	n = note_on(&b, 2);
	assert_non_null(n);
	assert_int_equal(n->col, 1);
	assert_non_null(strstr(n->what, "连连看"));
	assert_non_null(note_on(&b, 3));
	assert_non_null(strstr(note_on(&b, 3)->what, "D"));
	assert_non_null(note_on(&b, 4));
	assert_non_null(note_on(&b, 5));
	assert_non_null(note_on(&b, 6));
	assert_non_null(note_on(&b, 7));
	assert_non_null(note_on(&b, 8));
	assert_non_null(note_on(&b, 10));
	/* the unknown column (备注) and the single made multi are losses */
	assert_int_equal(count_notes(&b, BANK_LOSS), 2);
	bank_free(&b);
}

static void
test_csv_not_a_bank(void **state)
{
	struct bank b = BANK_INIT;
	static const char nul[] = "题型,题干\n单选\0x\n";

	(void)state;
	assert_int_equal(bank_read_csv(&b, "姓名,工号\n王芳,1\n", strlen("姓名,工号\n王芳,1\n")), -1);
	assert_int_equal(count_notes(&b, BANK_ERROR), 1);
	bank_free(&b);
	assert_int_equal(bank_read_csv(&b, "题型,题干\n\"单选,x\n", strlen("题型,题干\n\"单选,x\n")), -1);
	assert_int_equal(b.notes[0].line, 2);
	bank_free(&b);
	assert_int_equal(bank_read_csv(&b, nul, sizeof(nul) - 1), -1);
	bank_free(&b);
	/* a workbook, and a sheet saved with semicolons */
	assert_int_equal(bank_read_csv(&b, "PK\003\004\024\0", 6), -1);
	assert_non_null(strstr(b.notes[0].what, "workbook"));
	bank_free(&b);
	assert_int_equal(bank_read_csv(&b, "题型;题干;答案\n单选;x;A\n", strlen("题型;题干;答案\n单选;x;A\n")), -1);
	assert_non_null(strstr(b.notes[0].what, "';'"));
	bank_free(&b);
	/* bytes that are neither UTF-8 nor GB18030 */
	assert_int_equal(bank_read_csv(&b, "\x80\x80\xff", 3), -1);
	bank_free(&b);
}

static void
test_csv_gbk(void **state)
{
	static const char utf8[] = "题型,题干,选项A,选项B,答案\r\n单选,买家说“发错货了”怎么办？,拍照核对,直接退款,A\r\n";
	char gbk[256], *in = (char *)utf8, *out = gbk;
	size_t inleft = strlen(utf8), outleft = sizeof(gbk);
	iconv_t cd = iconv_open("GBK", "UTF-8");
	struct bank b = BANK_INIT;

	(void)state;
	assert_true(cd != (iconv_t)-1);
	assert_true(iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1);
	iconv_close(cd);
	assert_int_equal(bank_read_csv(&b, gbk, (size_t)(out - gbk)), 0);
	assert_string_equal(b.encoding, "GBK");
	assert_int_equal(b.n, 1);
	assert_string_equal(b.q[0].text, "买家说“发错货了”怎么办？");
	assert_string_equal(b.q[0].choices[0], "拍照核对");
	bank_free(&b);
}

/* A text a spreadsheet would run as a formula is written with a quote
 * before it, which the reader takes off. */
static void
test_csv_formula(void **state)
{
	struct bank b = BANK_INIT, back = BANK_INIT;
	struct bank_q *q = bank_add(&b, Q_SINGLE, 0);
	struct sb sb = SB_INIT;

	(void)state;
	q->text = xstrdup("=1+1 是什么？");
	bank_add_choice(q, "-2", 2, false);
	bank_add_choice(q, "@2, \"二\"", strlen("@2, \"二\""), true);
	bank_write_csv(&b, &sb);
	assert_null(strstr(sb_str(&sb), ",=1+1"));
	assert_non_null(strstr(sb_str(&sb), "\"'=1+1"));
	read_csv(&back, sb_str(&sb));
	assert_int_equal(back.n, 1);
	assert_true(bank_q_same(&b.q[0], &back.q[0], NULL));
	sb_free(&sb);
	bank_free(&b);
	bank_free(&back);
}

static void
test_aiken(void **state)
{
	static const char good[] =
	    "买家多久内要回复？\n"
	    "A. 10分钟\n"
	    "B) 5分钟\n"
	    "C. 30分钟\n"
	    "ANSWER: B\n"
	    "\n"
	    "Which is right?\r\n"
	    "A. one\r\n"
	    "B. two\r\n"
	    "ANSWER: A\r\n"
	    "\n"
	    "No answer here\n"		/* 12 */
	    "A. x\n"
	    "B. y\n"
	    "\n"
	    "Letters out of order\n"	/* 16 */
	    "A. x\n"
	    "C. y\n"
	    "ANSWER: A\n"
	    "Beyond\n"			/* 20 */
	    "A. x\n"
	    "B. y\n"
	    "ANSWER: D\n";
	struct bank b = BANK_INIT;

	(void)state;
	assert_int_equal(bank_read_aiken(&b, good, strlen(good)), 0);
	bank_check(&b);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.q[0].text, "买家多久内要回复？");
	assert_int_equal(b.q[0].nchoices, 3);
	assert_true(b.q[0].correct[1]);
	assert_string_equal(b.q[1].choices[1], "two");
	assert_int_equal(count_notes(&b, BANK_SKIPPED), 3);
	bank_free(&b);
}

/* Texts YAML would read as something else come back as written. */
static void
test_yaml_quoting(void **state)
{
	static const char *const hard[] = {
		"true", "no", "5", "0.15", "- 一", "# 注释", "a: b", "键: 值", "[x]", "{x}",
		"\"引号\"", "'单'", "反斜杠\\", "两行\n第二行", "末尾空格后\n  缩进的行",
		"%百分", "@at", "`tick`", "*star", "&amp", "!bang", "|pipe", ">gt", "~",
		"null", "A", "1e3", "0x10", "中文，标点？", "x #y", ":", "?", "2026-12-05",
		/* line and paragraph separators: line breaks to YAML */
		"a\xe2\x80\xa8  - id: evil", "两行\nb\xe2\x80\xa9points: 1000", "c\302\205d",
	};
	struct bank b = BANK_INIT;
	struct sb sb = SB_INIT;
	struct content *c = content_new();
	struct diag d = DIAG_INIT(stderr);
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(hard); i++) {
		struct bank_q *q = bank_add(&b, Q_FILL, 0);

		q->text = xstrdup(hard[i]);
		q->accepted = xcalloc(1, sizeof(char *));
		q->accepted[0] = xstrdup(hard[i]);
		q->naccepted = 1;
		q->explain = xstrdup(hard[i]);
		q->tags = xcalloc(1, sizeof(char *));
		q->tags[0] = xstrdup(hard[i]);
		q->ntags = 1;
	}
	bank_write_yaml(&b, "hard", "难: 题", &sb, NULL);
	assert_int_equal(content_load_buffer(c, "hard.yaml", sb_str(&sb), sb.len, &d), 0);
	assert_int_equal(d.errors, 0);
	assert_int_equal(c->nquizzes, 1);
	assert_string_equal(c->quizzes[0]->title, "难: 题");
	for (i = 0; i < ARRAY_SIZE(hard); i++) {
		const struct question *q = &c->quizzes[0]->questions[i];

		assert_string_equal(q->text, hard[i]);
		assert_string_equal(q->accepted[0], hard[i]);
		assert_string_equal(q->explain, hard[i]);
		assert_string_equal(q->tags[0], hard[i]);
	}
	content_free(c);
	sb_free(&sb);
	bank_free(&b);
}

/* Ids that are kefu ids stay; a missing, foreign or repeated one is
 * made, never taking one a later question has. */
static void
test_yaml_ids(void **state)
{
	static const char *const ids[] = { NULL, "q1", "Q 3", "a", "a", NULL };
	struct bank b = BANK_INIT;
	struct sb sb = SB_INIT;
	struct content *c = content_new();
	struct diag d = DIAG_INIT(stderr);
	const struct quiz *qz;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		struct bank_q *q = bank_add(&b, Q_TRUEFALSE, 0);

		q->id = xstrdup_null(ids[i]);
		q->text = xasprintf("第%zu题", i);
	}
	bank_write_yaml(&b, "ids", "ids", &sb, NULL);
	assert_int_equal(content_load_buffer(c, "ids.yaml", sb_str(&sb), sb.len, &d), 0);
	assert_int_equal(d.errors, 0);
	qz = c->quizzes[0];
	assert_string_equal(qz->questions[0].id, "q2");	/* q1 is taken */
	assert_string_equal(qz->questions[1].id, "q1");
	assert_string_equal(qz->questions[2].id, "q3");
	assert_string_equal(qz->questions[3].id, "a");
	assert_string_equal(qz->questions[4].id, "q5");
	assert_string_equal(qz->questions[5].id, "q6");
	content_free(c);
	sb_free(&sb);
	bank_free(&b);
}

static void
test_str_clean(void **state)
{
	char *s;

	(void)state;
	s = bank_str("  a\tb\r\nc \r\n\x1b[31m红\xe2\x80\xae\x01 \n\n", strlen("  a\tb\r\nc \r\n\x1b[31m红\xe2\x80\xae\x01 \n\n"));
	assert_string_equal(s, "a b\nc\n[31m红");
	free(s);
	assert_null(bank_str(" \n\t ", 4));
}

static void
test_guess(void **state)
{
	(void)state;
	assert_int_equal(bank_guess("x.CSV", "", 0), BANK_EXCEL_CSV);
	assert_int_equal(bank_guess("x.gift", "", 0), BANK_GIFT);
	assert_int_equal(bank_guess("x.xml", "", 0), BANK_MOODLE_XML);
	assert_int_equal(bank_guess("x.txt", "\xef\xbb\xbf <?xml", 9), BANK_MOODLE_XML);
	assert_int_equal(bank_guess("x.txt", "Q\nA. a\nB. b\nANSWER: A\n", 23), BANK_AIKEN);
	assert_int_equal(bank_guess(NULL, "::t:: Q {=a ~b}\n", 16), BANK_GIFT);
	assert_int_equal(bank_guess("题库", "题型,题干\n", strlen("题型,题干\n")), BANK_EXCEL_CSV);
}

/* The bundled quizzes and tests/content/bank's, loaded once. */
static struct content *bundled;

static int
load_bundled(void **state)
{
	struct diag d = DIAG_INIT(stderr);

	(void)state;
	bundled = content_new();
	content_load_tree(bundled, KEFU_SRCDIR, &d);
	/* and one question of each type with texts that are hard to carry */
	content_load_path(bundled, KEFU_SRCDIR "/tests/content/bank/quizzes/kinds.yaml", &d);
	content_resolve(bundled, NULL, &d);
	return d.errors ? -1 : 0;
}

static int
free_bundled(void **state)
{
	(void)state;
	content_free(bundled);
	return 0;
}

/* Every bundled quiz exported and imported again in each format is the
 * same questions; and so is the quiz file made of them. */
static void
round_trip(enum bank_format f)
{
	size_t i, j, failed = 0, questions = 0;

	for (i = 0; i < bundled->nquizzes; i++) {
		const struct quiz *qz = bundled->quizzes[i];
		struct bank b = BANK_INIT, back = BANK_INIT, again = BANK_INIT;
		struct sb out = SB_INIT, yaml = SB_INIT;
		struct content *c;
		struct diag d = DIAG_INIT(stderr);

		if (qz->nown == 0)
			continue;
		bank_from_quiz(&b, qz);
		bank_export(&b, f, &out);
		if (bank_import(&back, f, sb_str(&out), out.len) != 0) {
			print_error("%s: %s: not read back\n", bank_format_name(f), qz->id);
			failed++;
			goto next;
		}
		bank_check(&back);
		if (back.n != b.n) {
			print_error("%s: %s: %zu questions back of %zu\n", bank_format_name(f), qz->id,
				    back.n, b.n);
			failed++;
			goto next;
		}
		bank_write_yaml(&back, qz->id, qz->title, &yaml, NULL);
		c = content_new();
		content_load_buffer(c, "back.yaml", sb_str(&yaml), yaml.len, &d);
		if (d.errors == 0 && c->nquizzes == 1)
			bank_from_quiz(&again, c->quizzes[0]);
		for (j = 0; j < b.n; j++) {
			const char *field;

			questions++;
			if (!bank_q_same(&b.q[j], &back.q[j], &field)) {
				print_error("%s: %s: %s: %s differs\n", bank_format_name(f), qz->id,
					    b.q[j].id, field);
				failed++;
			} else if (j >= again.n || !bank_q_same(&b.q[j], &again.q[j], &field)) {
				print_error("%s: %s: %s: %s differs in the quiz file\n",
					    bank_format_name(f), qz->id, b.q[j].id,
					    j >= again.n ? "the question" : field);
				failed++;
			}
		}
		content_free(c);
next:
		bank_free(&b);
		bank_free(&back);
		bank_free(&again);
		sb_free(&out);
		sb_free(&yaml);
	}
	assert_int_equal(failed, 0);
	assert_true(questions > 200);
}

static void
test_round_trip_csv(void **state)
{
	(void)state;
	round_trip(BANK_EXCEL_CSV);
}

static void
test_round_trip_gift(void **state)
{
	(void)state;
	round_trip(BANK_GIFT);
}

static void
test_round_trip_moodle(void **state)
{
	(void)state;
	round_trip(BANK_MOODLE_XML);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_types),
		cmocka_unit_test(test_csv_english),
		cmocka_unit_test(test_csv_bad_rows),
		cmocka_unit_test(test_csv_not_a_bank),
		cmocka_unit_test(test_csv_gbk),
		cmocka_unit_test(test_csv_formula),
		cmocka_unit_test(test_aiken),
		cmocka_unit_test(test_yaml_quoting),
		cmocka_unit_test(test_yaml_ids),
		cmocka_unit_test(test_str_clean),
		cmocka_unit_test(test_guess),
	};
	const struct CMUnitTest trips[] = {
		cmocka_unit_test(test_round_trip_csv),
		cmocka_unit_test(test_round_trip_gift),
		cmocka_unit_test(test_round_trip_moodle),
	};
	int failed;

	failed = cmocka_run_group_tests_name("bank", tests, NULL, NULL);
	failed += cmocka_run_group_tests_name("round trips", trips, load_bundled, free_bundled);
	return failed != 0;
}
