/* unit-moodle.c: the Moodle XML reader and writer and the HTML text. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bank/bank.h"
#include "bank-check.h"

#define ALL_XML KEFU_SRCDIR "/tests/bank/moodle-all.xml"

static int
read_str(struct bank *b, const char *xml)
{
	return bank_read_moodle(b, xml, strlen(xml));
}

/* Reads tests/bank/moodle-all.xml into b (the file every read test
 * checks a part of). */
static void
read_all(struct bank *b)
{
	char *buf;
	size_t len;
	const char *why;

	if (read_file(ALL_XML, 1 << 20, &buf, &len, &why) != 0)
		fail_msg("%s: %s", ALL_XML, why);
	assert_int_equal(bank_read_moodle(b, buf, len), 0);
	free(buf);
}

static void
test_read_count(void **state)
{
	struct bank b = BANK_INIT;
	static const char *const ids[] = {
		"return-reply-time", "extra-item-steps", "kpi-after-sales", "three-day-rule",
		"reply-minutes", "waybill-weight", "kpi-match", "angry-buyer",
		"wrong-item-order",
	};
	size_t i;

	(void)state;
	read_all(&b);
	assert_int_equal(b.n, ARRAY_SIZE(ids) + 1);
	for (i = 0; i < ARRAY_SIZE(ids); i++)
		assert_string_equal(b.q[i].id, ids[i]);
	/* a name that is no kefu id and no idnumber: no id */
	assert_null(b.q[ARRAY_SIZE(ids)].id);
	assert_int_equal(b.q[ARRAY_SIZE(ids)].type, Q_ESSAY);
	assert_int_equal(b.q[ARRAY_SIZE(ids)].line, 226);
	assert_string_equal(b.encoding, "UTF-8");
	assert_int_equal(count_notes(&b, BANK_ERROR), 0);
	bank_free(&b);
}

static void
test_read_single(void **state)
{
	struct bank b = BANK_INIT;
	const struct bank_q *q;
	static const char *const choices[] = { "10分钟", "5分钟", "30分钟", "24小时" };
	static const char *const tags[] = { "after-sales", "时效", "退换货" };

	(void)state;
	read_all(&b);
	assert_non_null(q = by_id(&b, "return-reply-time"));
	assert_int_equal(q->type, Q_SINGLE);
	assert_int_equal(q->line, 12);
	assert_true(q->points == 2);
	/* HTML: tags dropped, entities decoded, <br> and </p> line breaks */
	assert_string_equal(q->text, "买家申请退换货后,客服最迟多久内要回复?\n"
			    "A & B <规则> 第一条\n第二条");
	/* general feedback, then each answer's own as a line */
	assert_string_equal(q->explain, "退换货申请须在5分钟内回复。\n10分钟: 太慢了");
	assert_null(q->rubric);
	assert_strv(q->choices, q->nchoices, choices, ARRAY_SIZE(choices));
	assert_false(q->correct[0]);
	assert_true(q->correct[1]);
	assert_false(q->correct[2]);
	assert_false(q->correct[3]);
	/* its own tags first, then its category's */
	assert_strv(q->tags, q->ntags, tags, ARRAY_SIZE(tags));
	assert_non_null(note_at(&b, BANK_LOSS, 12, "partial credit"));
	bank_free(&b);
}

static void
test_read_multi(void **state)
{
	struct bank b = BANK_INIT;
	const struct bank_q *q;
	static const char *const c1[] = {
		"联系物流上门取件", "直接给差评", "转投诉客服向平台申诉", "删除订单"
	};
	static const char *const c2[] = { "纠纷退款率", "退款时长", "DSR评分", "询单转化率" };
	static const char *const tag[] = { "退换货" };

	(void)state;
	read_all(&b);
	assert_non_null(q = by_id(&b, "extra-item-steps"));
	assert_int_equal(q->type, Q_MULTI);
	assert_int_equal(q->line, 52);
	assert_string_equal(q->text, "买家承认多收了商品但不愿寄回,可以怎么做? a<b & \"c\"");
	assert_null(q->explain);
	assert_strv(q->choices, q->nchoices, c1, ARRAY_SIZE(c1));
	assert_true(q->correct[0] && !q->correct[1] && q->correct[2] && !q->correct[3]);
	assert_true(q->partial);
	assert_true(q->points == 1);
	assert_strv(q->tags, q->ntags, tag, 1);

	/* the name is no kefu id: the idnumber is; moodle_auto_format keeps
	 * line breaks; the kefu comment makes it all-or-nothing */
	assert_non_null(q = by_id(&b, "kpi-after-sales"));
	assert_int_equal(q->type, Q_MULTI);
	assert_int_equal(q->line, 69);
	assert_string_equal(q->text, "哪些是售后岗位的指标?\n第二行");
	assert_strv(q->choices, q->nchoices, c2, ARRAY_SIZE(c2));
	assert_true(q->correct[0] && q->correct[1] && q->correct[2] && !q->correct[3]);
	assert_false(q->partial);
	assert_null(note_at(&b, BANK_LOSS, 69, NULL));
	bank_free(&b);
}

static void
test_read_truefalse(void **state)
{
	struct bank b = BANK_INIT;
	const struct bank_q *q;

	(void)state;
	read_all(&b);
	assert_non_null(q = by_id(&b, "three-day-rule"));
	assert_int_equal(q->type, Q_TRUEFALSE);
	assert_int_equal(q->line, 85);
	assert_false(q->truth);
	assert_string_equal(q->text, "签收超过三天且已穿着的质量问题,一律不予处理。");
	assert_string_equal(q->explain, "true: 质量问题仍须处理");
	/* a grade of 0 is made 1, with a note */
	assert_true(q->points == 1);
	assert_non_null(note_at(&b, BANK_LOSS, 85, "'0'"));
	bank_free(&b);
}

static void
test_read_fill(void **state)
{
	struct bank b = BANK_INIT;
	const struct bank_q *q;
	static const char *const acc[] = { "5", "五" };

	(void)state;
	read_all(&b);
	assert_non_null(q = by_id(&b, "reply-minutes"));
	assert_int_equal(q->type, Q_FILL);
	assert_int_equal(q->line, 101);
	assert_string_equal(q->text, "退换货申请应在____分钟内回复。");
	assert_strv(q->accepted, q->naccepted, acc, ARRAY_SIZE(acc));
	assert_string_equal(q->unit, "分钟");
	assert_non_null(note_at(&b, BANK_LOSS, 101, "less than full credit"));
	bank_free(&b);
}

static void
test_read_numeric(void **state)
{
	struct bank b = BANK_INIT;
	const struct bank_q *q;

	(void)state;
	read_all(&b);
	assert_non_null(q = by_id(&b, "waybill-weight"));
	assert_int_equal(q->type, Q_NUMERIC);
	assert_int_equal(q->line, 120);
	assert_true(q->number == 0.15);
	assert_true(q->tolerance == 0.01);
	assert_string_equal(q->unit, "percent");
	assert_non_null(note_at(&b, BANK_LOSS, 120, "right number"));
	assert_non_null(note_at(&b, BANK_LOSS, 120, "units"));
	bank_free(&b);
}

static void
test_read_match_essay_order(void **state)
{
	struct bank b = BANK_INIT;
	const struct bank_q *q;
	static const char *const left[] = { "询单转化率", "纠纷退款率" };
	static const char *const right[] = { "售前", "售后" };
	static const char *const steps[] = { "请买家拍照", "核对底单重量", "下架错发商品" };
	static const char *const tag[] = { "物流/快递" };

	(void)state;
	read_all(&b);
	assert_non_null(q = by_id(&b, "kpi-match"));
	assert_int_equal(q->type, Q_MATCH);
	assert_int_equal(q->line, 151);
	assert_string_equal(q->text, "把指标与岗位对应起来。");
	assert_strv(q->left, q->npairs, left, ARRAY_SIZE(left));
	assert_strv(q->right, q->npairs, right, ARRAY_SIZE(right));
	/* "//" in a category path is a '/' of the name */
	assert_strv(q->tags, q->ntags, tag, 1);
	assert_non_null(note_at(&b, BANK_LOSS, 151, "subquestions without text"));

	assert_non_null(q = by_id(&b, "angry-buyer"));
	assert_int_equal(q->type, Q_ESSAY);
	assert_int_equal(q->line, 172);
	assert_true(q->points == 5);
	assert_string_equal(q->rubric, "先共情安抚\n再给出查询结果");

	assert_non_null(q = by_id(&b, "wrong-item-order"));
	assert_int_equal(q->type, Q_ORDER);
	assert_int_equal(q->line, 185);
	assert_strv(q->steps, q->nsteps, steps, ARRAY_SIZE(steps));
	assert_strv(q->tags, q->ntags, tag, 1);

	/* after a "Default for" category: no tag */
	assert_int_equal(b.q[b.n - 1].ntags, 0);
	bank_free(&b);
}

static void
test_read_skipped(void **state)
{
	struct bank b = BANK_INIT;

	(void)state;
	read_all(&b);
	assert_non_null(note_at(&b, BANK_SKIPPED, 202, "'description'"));
	assert_non_null(note_at(&b, BANK_SKIPPED, 206, "'calculated'"));
	assert_non_null(note_at(&b, BANK_SKIPPED, 210, "'ddwtos'"));
	assert_non_null(note_at(&b, BANK_SKIPPED, 214, "full credit"));
	assert_non_null(note_at(&b, BANK_SKIPPED, 221, "no question text"));
	assert_int_equal(count_notes(&b, BANK_SKIPPED), 5);
	assert_null(by_id(&b, "no-right"));
	assert_null(by_id(&b, "no-text"));
	bank_free(&b);
}

/* Unsupported types among supported ones: each left out with its line,
 * the rest converted. */
static void
test_unsupported(void **state)
{
	static const char xml[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<quiz>\n"
	    "<question type=\"calculated\"><name><text>c</text></name>\n"
	    "<questiontext><text>{x}+1</text></questiontext></question>\n"
	    "<question type=\"truefalse\"><name><text>tf</text></name>\n"
	    "<questiontext format=\"plain_text\"><text>对吗</text></questiontext>\n"
	    "<answer fraction=\"100\"><text>true</text></answer>\n"
	    "<answer fraction=\"0\"><text>false</text></answer></question>\n"
	    "<question type=\"ddwtos\"><questiontext><text>[[1]]</text></questiontext></question>\n"
	    "<question type=\"description\"><questiontext><text>说明</text></questiontext></question>\n"
	    "<question type=\"multianswer\"><questiontext><text>{1:SA:=x}</text></questiontext></question>\n"
	    "<question><questiontext><text>无类型</text></questiontext></question>\n"
	    "<question type=\"essay\"><questiontext><text>写</text></questiontext></question>\n"
	    "</quiz>\n";
	struct bank b = BANK_INIT;

	(void)state;
	assert_int_equal(read_str(&b, xml), 0);
	assert_int_equal(b.n, 2);
	assert_string_equal(b.q[0].id, "tf");
	assert_int_equal(b.q[0].type, Q_TRUEFALSE);
	assert_true(b.q[0].truth);
	assert_int_equal(b.q[0].line, 5);
	assert_int_equal(b.q[1].type, Q_ESSAY);
	assert_int_equal(b.q[1].line, 13);
	assert_non_null(note_at(&b, BANK_SKIPPED, 3, "'calculated'"));
	assert_non_null(note_at(&b, BANK_SKIPPED, 9, "'ddwtos'"));
	assert_non_null(note_at(&b, BANK_SKIPPED, 10, "'description'"));
	assert_non_null(note_at(&b, BANK_SKIPPED, 11, "'multianswer'"));
	assert_non_null(note_at(&b, BANK_SKIPPED, 12, "without a type"));
	assert_int_equal(b.nnotes, 5);
	bank_free(&b);
}

static void
test_malformed(void **state)
{
	static const char xml[] =
	    "<?xml version=\"1.0\"?>\n"
	    "<quiz>\n"
	    "  <question type=\"truefalse\">\n"
	    "    <name><text>x</name>\n"
	    "</quiz>\n";
	struct bank b = BANK_INIT;

	(void)state;
	assert_int_equal(read_str(&b, xml), -1);
	assert_int_equal(b.n, 0);
	assert_int_equal(b.nnotes, 1);
	assert_int_equal(b.notes[0].kind, BANK_ERROR);
	assert_int_equal(b.notes[0].line, 4);
	assert_true(b.notes[0].col > 0);
	assert_non_null(strstr(b.notes[0].what, "not well-formed XML"));
	bank_free(&b);

	/* nothing at all, and text that is no XML */
	assert_int_equal(bank_read_moodle(&b, "", 0), -1);
	assert_int_equal(b.nnotes, 1);
	assert_int_equal(b.notes[0].kind, BANK_ERROR);
	bank_free(&b);
	assert_int_equal(read_str(&b, "Q1 {=a ~b}\n"), -1);
	assert_int_equal(b.notes[0].kind, BANK_ERROR);
	assert_int_equal(b.notes[0].line, 1);
	bank_free(&b);
}

static void
test_not_quiz(void **state)
{
	static const char xhtml[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>t</title></head>\n"
	    "<body><p>hello</p></body></html>\n";
	static const char rss[] =
	    "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>news</title>"
	    "<item><title>a</title></item></channel></rss>\n";
	struct bank b = BANK_INIT;

	(void)state;
	assert_int_equal(read_str(&b, xhtml), -1);
	assert_int_equal(b.n, 0);
	assert_int_equal(b.nnotes, 1);
	assert_int_equal(b.notes[0].kind, BANK_ERROR);
	assert_string_equal(b.notes[0].what,
			    "not a Moodle XML question file: the root element is <html>, not <quiz>");
	bank_free(&b);
	assert_int_equal(read_str(&b, rss), -1);
	assert_int_equal(b.nnotes, 1);
	assert_non_null(strstr(b.notes[0].what, "<rss>"));
	bank_free(&b);
}

static void
test_doctype(void **state)
{
	static const char laughs[] =
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE quiz [\n"
	    " <!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">\n"
	    " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	    " <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	    " <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
	    " <!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
	    "]>\n"
	    "<quiz><question type=\"essay\"><questiontext><text>&e;</text></questiontext>"
	    "</question></quiz>\n";
	static const char external[] =
	    "<?xml version=\"1.0\"?>\n"
	    "<!DOCTYPE quiz SYSTEM \"http://example.com/quiz.dtd\">\n"
	    "<quiz></quiz>\n";
	struct bank b = BANK_INIT;

	(void)state;
	assert_int_equal(read_str(&b, laughs), -1);
	assert_int_equal(b.n, 0);
	assert_int_equal(b.nnotes, 1);
	assert_int_equal(b.notes[0].kind, BANK_ERROR);
	assert_int_equal(b.notes[0].line, 2);
	assert_non_null(strstr(b.notes[0].what, "DOCTYPE"));
	bank_free(&b);
	assert_int_equal(read_str(&b, external), -1);
	assert_int_equal(b.nnotes, 1);
	assert_non_null(strstr(b.notes[0].what, "DOCTYPE"));
	bank_free(&b);
}

/* Nesting past libxml2's bound (256) is an error or no text, not a
 * crash; nesting below it reads. */
static void
test_deep(void **state)
{
	struct sb sb = SB_INIT;
	struct bank b = BANK_INIT;
	char *t;
	int i;

	(void)state;
	sb_adds(&sb, "<quiz>");
	for (i = 0; i < 100000; i++)
		sb_adds(&sb, "<a>");
	assert_int_equal(bank_read_moodle(&b, sb.buf, sb.len), -1);
	assert_int_equal(b.notes[0].kind, BANK_ERROR);
	bank_free(&b);
	sb_reset(&sb);
	for (i = 0; i < 100000; i++)
		sb_adds(&sb, "<div><b>");
	sb_adds(&sb, "深");
	free(bank_html_text(sb.buf, sb.len));
	sb_reset(&sb);
	for (i = 0; i < 100; i++)
		sb_adds(&sb, "<div><b>");
	sb_adds(&sb, "深");
	t = bank_html_text(sb.buf, sb.len);
	sb_free(&sb);
	assert_non_null(t);
	assert_string_equal(t, "深");
	free(t);
}

static void
test_categories(void **state)
{
	static const char xml[] =
	    "<quiz>\n"
	    "<question type=\"category\"><category><text>$system$/top</text></category></question>\n"
	    "<question type=\"essay\"><name><text>e1</text></name>"
	    "<questiontext><text>一</text></questiontext></question>\n"
	    "<question type=\"category\"><category><text>$course$/top/售后/退换货</text></category></question>\n"
	    "<question type=\"essay\"><name><text>e2</text></name>"
	    "<questiontext><text>二</text></questiontext>"
	    "<tags><tag><text>退换货</text></tag><tag><text>x</text></tag></tags></question>\n"
	    "<question type=\"category\"><category><text>$module$/top/Default for Quiz 1</text></category></question>\n"
	    "<question type=\"essay\"><name><text>e3</text></name>"
	    "<questiontext><text>三</text></questiontext></question>\n"
	    "</quiz>\n";
	struct bank b = BANK_INIT;
	static const char *const tags[] = { "退换货", "x" };

	(void)state;
	assert_int_equal(read_str(&b, xml), 0);
	assert_int_equal(b.n, 3);
	assert_int_equal(b.q[0].ntags, 0);
	/* a category tag the question has already is not added twice */
	assert_strv(b.q[1].tags, b.q[1].ntags, tags, ARRAY_SIZE(tags));
	assert_int_equal(b.q[2].ntags, 0);
	assert_int_equal(b.nnotes, 0);
	bank_free(&b);
}

static void
test_html_text(void **state)
{
	static const struct {
		const char *html, *text;
	} cases[] = {
		{ "<p>a &amp; b</p><p>c&lt;d&gt;</p>", "a & b\nc<d>" },
		{ "x<br>y<br/><br />z", "x\ny\n\nz" },
		{ "<ul><li>一</li><li>二</li></ul>尾", "一\n二\n尾" },
		{ "<h1>标题</h1>正文", "标题\n正文" },
		{ "<div>a\n   b\tc</div>", "a b c" },
		{ "<b>粗</b><i>斜</i>&nbsp;&#x4e2d;&#25991;", "粗斜 中文" },
		{ "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>", "1 2\n3" },
		{ "<script>alert(1)</script><style>p{}</style>可见", "可见" },
		{ "<pre>a\n  b</pre>", "a\n  b" },
		{ "a < b &unknown; c", "a < b &unknown; c" },
		{ "<p>unclosed <b>bold", "unclosed bold" },
	};
	size_t i;
	char *t;

	(void)state;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		t = bank_html_text(cases[i].html, strlen(cases[i].html));
		assert_non_null(t);
		assert_string_equal(t, cases[i].text);
		free(t);
	}
	assert_null(bank_html_text("", 0));
	assert_null(bank_html_text("<p> </p><br>", 12));
	assert_null(bank_html_text("<img src=\"x.png\">", 17));
}

static void
test_encoding(void **state)
{
	/* 中文 in GBK */
	static const char xml[] =
	    "<?xml version=\"1.0\" encoding=\"GBK\"?>\n"
	    "<quiz><question type=\"essay\"><name><text>gbk</text></name>"
	    "<questiontext format=\"plain_text\"><text>\xd6\xd0\xce\xc4</text></questiontext>"
	    "</question></quiz>\n";
	struct bank b = BANK_INIT;

	(void)state;
	assert_int_equal(read_str(&b, xml), 0);
	assert_int_equal(b.n, 1);
	assert_string_equal(b.q[0].text, "中文");
	assert_string_equal(b.encoding, "GBK");
	bank_free(&b);
}

static char **
strv(const char *const *v, size_t n)
{
	char **out = xcalloc(n, sizeof(*out));
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = xstrdup(v[i]);
	return out;
}

/* A bank of one question of every type, multi twice (partial and
 * all-or-nothing), with Chinese, markup characters and line breaks. */
static void
make_bank(struct bank *b)
{
	static const char *const choices[] = { "5分钟", "<10分钟>", "a & b", "\"引号\"" };
	static const char *const tags[] = { "售后", "a<b" };
	static const char *const acc[] = { "5", "五", "5 & <5>" };
	static const char *const steps[] = { "请买家拍照", "核对 & 比较", "<下架>" };
	static const char *const left[] = { "询单转化率", "a < b" };
	static const char *const right[] = { "售前", "\"售后\"" };
	struct bank_q *q;

	b->title = xstrdup("售后规则 -- 测试");
	q = bank_add(b, Q_SINGLE, 0);
	q->id = xstrdup("single-1");
	q->points = 2.5;
	q->text = xstrdup("买家申请退换货后,\n客服最迟多久内要回复? a < b & \"c\" 'd'");
	q->explain = xstrdup("第一行\n  第二行 <b>不是标签</b>");
	q->tags = strv(tags, ARRAY_SIZE(tags));
	q->ntags = ARRAY_SIZE(tags);
	q->choices = strv(choices, ARRAY_SIZE(choices));
	q->nchoices = ARRAY_SIZE(choices);
	q->correct = xcalloc(q->nchoices, sizeof(bool));
	q->correct[2] = true;

	q = bank_add(b, Q_MULTI, 0);
	q->id = xstrdup("multi-partial");
	q->text = xstrdup("多选 (部分得分)");
	q->choices = strv(choices, ARRAY_SIZE(choices));
	q->nchoices = ARRAY_SIZE(choices);
	q->correct = xcalloc(q->nchoices, sizeof(bool));
	q->correct[0] = q->correct[1] = q->correct[3] = true;
	q->partial = true;

	q = bank_add(b, Q_MULTI, 0);
	q->id = xstrdup("multi-all");
	q->text = xstrdup("多选 (全对才得分)");
	q->choices = strv(choices, ARRAY_SIZE(choices));
	q->nchoices = ARRAY_SIZE(choices);
	q->correct = xcalloc(q->nchoices, sizeof(bool));
	q->correct[1] = q->correct[2] = true;

	q = bank_add(b, Q_TRUEFALSE, 0);
	q->id = xstrdup("tf-true");
	q->text = xstrdup("签收超过三天 -- 一律不予处理?");
	q->truth = true;
	q = bank_add(b, Q_TRUEFALSE, 0);
	q->id = xstrdup("tf-false");
	q->text = xstrdup("错");
	q->explain = xstrdup("因为 & 所以");

	q = bank_add(b, Q_FILL, 0);
	q->id = xstrdup("fill-1");
	q->text = xstrdup("应在____分钟内回复。");
	q->accepted = strv(acc, ARRAY_SIZE(acc));
	q->naccepted = ARRAY_SIZE(acc);
	q->unit = xstrdup("分钟");

	q = bank_add(b, Q_NUMERIC, 0);
	q->id = xstrdup("num-percent");
	q->text = xstrdup("好评率?");
	q->number = 98.5;
	q->tolerance = 0.25;
	q->unit = xstrdup("percent");
	q = bank_add(b, Q_NUMERIC, 0);
	q->id = xstrdup("num-plain");
	q->text = xstrdup("差多少千克?");
	q->number = 0.1 + 0.2;	/* a number with 17 digits */
	q->points = 0.5;

	q = bank_add(b, Q_ORDER, 0);
	q->id = xstrdup("order-1");
	q->text = xstrdup("排序");
	q->steps = strv(steps, ARRAY_SIZE(steps));
	q->nsteps = ARRAY_SIZE(steps);

	q = bank_add(b, Q_MATCH, 0);
	q->id = xstrdup("match-1");
	q->text = xstrdup("对应");
	q->left = strv(left, ARRAY_SIZE(left));
	q->right = strv(right, ARRAY_SIZE(right));
	q->npairs = ARRAY_SIZE(left);

	q = bank_add(b, Q_ESSAY, 0);
	q->id = xstrdup("essay-1");
	q->points = 5;
	q->text = xstrdup("买家辱骂客服,\n写出你的回复。");
	q->rubric = xstrdup("先共情安抚;\n不推卸责任 & 不争吵");
	q = bank_add(b, Q_ESSAY, 0);
	q->id = xstrdup("essay-bare");
	q->text = xstrdup("无评分标准");
}

static void
test_round_trip(void **state)
{
	struct bank b = BANK_INIT, back = BANK_INIT;
	struct sb out = SB_INIT;
	const char *field = NULL;
	size_t i;

	(void)state;
	make_bank(&b);
	bank_write_moodle(&b, &out);
	assert_int_equal(read_str(&back, sb_str(&out)), 0);
	assert_int_equal(back.n, b.n);
	for (i = 0; i < b.n && i < back.n; i++) {
		if (!bank_q_same(&b.q[i], &back.q[i], &field))
			fail_msg("question %zu (%s): %s differs", i + 1, b.q[i].id, field);
		assert_true(back.q[i].line > 0);
	}
	assert_int_equal(count_notes(&back, BANK_LOSS), 0);
	assert_int_equal(count_notes(&back, BANK_SKIPPED), 0);
	bank_free(&back);
	/* and again: what was read back writes the same document */
	{
		struct bank again = BANK_INIT;
		struct sb out2 = SB_INIT;

		assert_int_equal(read_str(&again, sb_str(&out)), 0);
		free(again.title);
		again.title = xstrdup(b.title);
		bank_write_moodle(&again, &out2);
		assert_string_equal(sb_str(&out2), sb_str(&out));
		bank_free(&again);
		sb_free(&out2);
	}
	bank_free(&b);
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
	bank_write_moodle(&b, &out);
	s = sb_str(&out);
	assert_true(strncmp(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 39) == 0);
	/* the title as a comment at the top, "--" broken up */
	assert_non_null(strstr(s, "<!-- 售后规则 - - 测试 -->\n<quiz>"));
	assert_non_null(strstr(s, "<question type=\"multichoice\">"));
	assert_non_null(strstr(s, "<single>true</single>"));
	assert_non_null(strstr(s, "<single>false</single>"));
	assert_non_null(strstr(s, "<answernumbering>ABCD</answernumbering>"));
	/* partial: 100/3 and -100/3; all-or-nothing: 50 and -100 */
	assert_non_null(strstr(s, "fraction=\"33.33333\""));
	assert_non_null(strstr(s, "fraction=\"-33.33333\""));
	assert_non_null(strstr(s, "fraction=\"50\""));
	assert_non_null(strstr(s, "fraction=\"-100\""));
	assert_non_null(strstr(s, "<!-- kefu: scoring all-or-nothing -->"));
	assert_non_null(strstr(s, "<!-- kefu: unit 分钟 -->"));
	assert_non_null(strstr(s, "<question type=\"truefalse\">"));
	assert_non_null(strstr(s, "<question type=\"shortanswer\">"));
	assert_non_null(strstr(s, "<usecase>0</usecase>"));
	assert_non_null(strstr(s, "<question type=\"numerical\">"));
	assert_non_null(strstr(s, "<tolerance>0.25</tolerance>"));
	assert_non_null(strstr(s, "<unit_name>%</unit_name>"));
	assert_non_null(strstr(s, "<showunits>3</showunits>"));
	assert_non_null(strstr(s, "<question type=\"ordering\">"));
	assert_non_null(strstr(s, "<gradingtype>ABSOLUTE_POSITION</gradingtype>"));
	assert_non_null(strstr(s, "<question type=\"matching\">"));
	assert_non_null(strstr(s, "<question type=\"essay\">"));
	assert_non_null(strstr(s, "<responseformat>editor</responseformat>"));
	assert_non_null(strstr(s, "<graderinfo format=\"plain_text\">"));
	assert_non_null(strstr(s, "<defaultgrade>2.5</defaultgrade>"));
	assert_non_null(strstr(s, "<idnumber>single-1</idnumber>"));
	assert_non_null(strstr(s, "<text>a&lt;b</text>"));
	/* line breaks in plain text stay as they are */
	assert_non_null(strstr(s, "<text>买家申请退换货后,\n客服最迟多久内要回复? a &lt; b &amp; \"c\" 'd'</text>"));
	/* indented */
	assert_non_null(strstr(s, "\n  <question "));
	/* the writer says what Moodle scores otherwise */
	assert_non_null(note_at(&b, BANK_LOSS, 0, "question 3:"));
	assert_int_equal(b.nnotes, 1);
	bank_free(&b);
	sb_free(&out);
}

/* A question without an id is named by its place; a Moodle name that
 * is no kefu id gives none. */
static void
test_ids(void **state)
{
	struct bank b = BANK_INIT, back = BANK_INIT;
	struct bank_q *q;
	struct sb out = SB_INIT;

	(void)state;
	q = bank_add(&b, Q_TRUEFALSE, 0);
	q->text = xstrdup("无编号");
	bank_write_moodle(&b, &out);
	assert_non_null(strstr(sb_str(&out), "<text>q1</text>"));
	assert_null(strstr(sb_str(&out), "<idnumber>"));
	assert_null(strstr(sb_str(&out), "<!--"));
	assert_int_equal(read_str(&back, sb_str(&out)), 0);
	assert_string_equal(back.q[0].id, "q1");
	assert_false(back.q[0].truth);
	bank_free(&b);
	bank_free(&back);
	sb_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_count),
		cmocka_unit_test(test_read_single),
		cmocka_unit_test(test_read_multi),
		cmocka_unit_test(test_read_truefalse),
		cmocka_unit_test(test_read_fill),
		cmocka_unit_test(test_read_numeric),
		cmocka_unit_test(test_read_match_essay_order),
		cmocka_unit_test(test_read_skipped),
		cmocka_unit_test(test_unsupported),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_not_quiz),
		cmocka_unit_test(test_doctype),
		cmocka_unit_test(test_deep),
		cmocka_unit_test(test_categories),
		cmocka_unit_test(test_html_text),
		cmocka_unit_test(test_encoding),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_write_form),
		cmocka_unit_test(test_ids),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
