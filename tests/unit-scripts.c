/* unit-scripts.c: placeholders, the clipboard sequence, YAML out and a
 * quick-phrase CSV in, and the knowledge base's folding, matching and
 * snippets, by hand. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kb.h"
#include "scripts.h"
#include "text.h"

static void
test_placeholders(void **state)
{
	char *names[4], *values[2] = { "张三", "SF123" }, *s;
	size_t n;

	(void)state;
	n = scripts_placeholders("{买家}亲，单号{单号}，{买家}请查收", names, 4);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "买家");
	assert_string_equal(names[1], "单号");
	s = scripts_fill("{买家}亲，单号{单号}，{买家}请查收", names, values, 2);
	assert_string_equal(s, "张三亲，单号SF123，张三请查收");
	free(s);
	free(names[0]);
	free(names[1]);
	/* braces that make no placeholder stay as written */
	assert_int_equal(scripts_placeholders("{} 与 {未闭合", names, 4), 0);
	s = scripts_fill("a{x}b{}c", NULL, NULL, 0);
	assert_string_equal(s, "a{x}b{}c");
	free(s);
}

static void
test_osc52(void **state)
{
	struct sb sb = SB_INIT;

	(void)state;
	scripts_osc52(&sb, "亲");	/* e4 ba b2 */
	assert_string_equal(sb_str(&sb), "\033]52;c;5Lqy\a");
	sb_reset(&sb);
	scripts_osc52(&sb, "ab");
	assert_string_equal(sb_str(&sb), "\033]52;c;YWI=\a");
	sb_reset(&sb);
	scripts_osc52(&sb, "a");
	assert_string_equal(sb_str(&sb), "\033]52;c;YQ==\a");
	sb_free(&sb);
}

static void
test_yaml_string(void **state)
{
	struct sb sb = SB_INIT;

	(void)state;
	scripts_yaml_string(&sb, "a\"b\\c\nd\001");
	assert_string_equal(sb_str(&sb), "\"a\\\"b\\\\c\\nd\\x01\"");
	sb_free(&sb);
}

static int
import(const char *csv, struct sb *yaml, struct sb *errors)
{
	struct scripts_import how = { "team", NULL, NULL };
	size_t count;

	sb_reset(yaml);
	sb_reset(errors);
	return scripts_import_csv(csv, strlen(csv), &how, yaml, errors, &count);
}

static void
test_import(void **state)
{
	struct sb yaml = SB_INIT, errors = SB_INIT;

	(void)state;
	assert_int_equal(import("\xef\xbb\xbf分组,快捷编码,快捷短语\r\n售后,cwh,\"亲，抱歉，\"\"马上\"\"处理\"\r\n售后,,第二句\r\n",
				&yaml, &errors), 0);
	assert_non_null(strstr(sb_str(&yaml), "scripts: team\ntitle: \"售后\"\n"));
	assert_non_null(strstr(sb_str(&yaml), "  - id: cwh\n"));
	assert_non_null(strstr(sb_str(&yaml), "text: \"亲，抱歉，\\\"马上\\\"处理\"\n"));
	assert_non_null(strstr(sb_str(&yaml), "  - id: item-3\n"));
	/* every bad line named, with its column */
	assert_int_equal(import("短语,编码\n好的,a-b\n,x\n好{的,y\n好的,Y\n", &yaml, &errors), 4);
	assert_non_null(strstr(sb_str(&errors), "2:2: "));
	assert_non_null(strstr(sb_str(&errors), "3:1: "));
	assert_non_null(strstr(sb_str(&errors), "4:1: "));
	assert_non_null(strstr(sb_str(&errors), "5:2: "));
	assert_int_equal(yaml.len, 0);
	/* no phrase column */
	assert_int_equal(import("名字,电话\n张三,1\n", &yaml, &errors), 1);
	/* a formula guard put in by a spreadsheet comes off */
	assert_int_equal(import("text\n'=亲\n", &yaml, &errors), 0);
	assert_non_null(strstr(sb_str(&yaml), "text: \"=亲\""));
	sb_free(&yaml);
	sb_free(&errors);
}

static void
test_make_id(void **state)
{
	char *s;

	(void)state;
	s = scripts_make_id("After Sales_话术 2");
	assert_string_equal(s, "after-sales-2");
	free(s);
	assert_null(scripts_make_id("话术"));
}

static void
test_fold_and_terms(void **state)
{
	char *s = kb_fold("ＡＢＣ　运费险 Abc"), *terms[4];

	(void)state;
	assert_string_equal(s, "abc 运费险 abc");
	free(s);
	assert_int_equal(kb_terms("运费险　Ｗｈａｔ  运费险", terms, 4), 2);
	assert_string_equal(terms[0], "运费险");
	assert_string_equal(terms[1], "what");
	free(terms[0]);
	free(terms[1]);
	assert_int_equal(kb_count("亲亲，亲", "亲"), 3);
	assert_int_equal(kb_count("abc", ""), 0);
}

static void
test_score(void **state)
{
	struct kb kb = { 0 };
	char *t[1] = { "退" };

	(void)state;
	kb_add(&kb, KB_SCRIPT, "a", "退货", "亲，可以退", false, false);
	kb_add(&kb, KB_SCRIPT, "b", "换货", "亲，可以退，也可以退款，退运费", false, false);
	kb_add(&kb, KB_SCRIPT, "c", "换货", "亲，可以换", false, false);
	kb_fold_all(&kb);
	/* the title counts three times: a beats b's three in the text */
	assert_true(kb_score(&kb.docs[0], t, 1) > kb_score(&kb.docs[1], t, 1));
	assert_true(kb_score(&kb.docs[2], t, 1) == 0);
	assert_true(kb_fingerprint(&kb) != 0);
	kb_free(&kb);
}

static void
test_snippet(void **state)
{
	struct sb sb = SB_INIT;
	char *t[2] = { "运费险", "abc" };

	(void)state;
	kb_highlight(&sb, "寄回用运费险，ＡＢＣ\n好", t, 2, "[", "]");
	assert_string_equal(sb_str(&sb), "寄回用[运费险]，[ＡＢＣ]\n好");
	sb_reset(&sb);
	/* a line of at most 20 columns around the match, breaks made spaces */
	kb_snippet(&sb, "一二三四五六七八九十\n一二三四五六七八九十运费险一二三四五六七八九十", t, 1, 20, "[", "]");
	assert_non_null(strstr(sb_str(&sb), "[运费险]"));
	assert_null(strchr(sb_str(&sb), '\n'));
	assert_true(text_width(sb_str(&sb)) <= 20 + 2 + 2);
	sb_reset(&sb);
	/* control characters made inert */
	kb_highlight(&sb, "a\033[31mb", t, 2, "[", "]");
	assert_null(strchr(sb_str(&sb), '\033'));
	sb_free(&sb);
}

struct sec {
	size_t n;
	char heads[4][32];
	size_t count;
};

static void
on_section(size_t n, const char *head, size_t headlen, const char *start, size_t len,
	   void *arg)
{
	struct sec *s = arg;

	(void)start, (void)len;
	snprintf(s->heads[s->count], 32, "%zu:%.*s", n, (int)headlen, head ? head : "");
	s->count++;
}

static void
test_sections(void **state)
{
	struct sec s = { 0 };

	(void)state;
	kb_sections("开头\n# 一\n内容\n#没有空格\n## 二\n内容\n", on_section, &s);
	assert_int_equal(s.count, 3);
	assert_string_equal(s.heads[0], "0:");
	assert_string_equal(s.heads[1], "1:一");
	assert_string_equal(s.heads[2], "2:二");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_placeholders),
		cmocka_unit_test(test_osc52),
		cmocka_unit_test(test_yaml_string),
		cmocka_unit_test(test_import),
		cmocka_unit_test(test_make_id),
		cmocka_unit_test(test_fold_and_terms),
		cmocka_unit_test(test_score),
		cmocka_unit_test(test_snippet),
		cmocka_unit_test(test_sections),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
