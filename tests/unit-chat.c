/* unit-chat.c: the marking of chat replies (chat.c), on a scenario
 * loaded from YAML as the content has it: points made, partial points,
 * a late reply, forbidden and avoided words, width and case, the mean
 * and the pass mark, and whether a run counts. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "chat.h"
#include "content.h"

static const char rules_yaml[] =
	"rules: words\n"
	"title: t\n"
	"words:\n"
	"  - {word: 微信, why: 站外联系}\n"
	"  - {word: VX, why: 站外联系的缩写}\n"
	"  - {word: 最便宜, why: 极限用语}\n";

static const char scenario_yaml[] =
	"scenario: s\n"
	"title: t\n"
	"reply_within: 15s\n"
	"forbidden: words\n"
	"pass_mark: 75\n"
	"turns:\n"
	"  - buyer: 能换吗？\n"
	"    expect:\n"
	"      - [亲, 您好]\n"
	"      - [换货, 可以换]\n"
	"      - OK\n"
	"    avoid: [不行]\n"
	"  - buyer: 谢谢\n"
	"    within: 1m\n";

static struct content *c;
static const struct scenario *sc;

static int
setup(void **state)
{
	struct diag d = DIAG_INIT(stderr);

	(void)state;
	c = content_new();
	if (content_load_buffer(c, "rules.yaml", rules_yaml, strlen(rules_yaml), &d) != 0 ||
	    content_load_buffer(c, "s.yaml", scenario_yaml, strlen(scenario_yaml), &d) != 0 ||
	    content_resolve(c, NULL, &d) != 0)
		return -1;
	sc = content_scenario(c, "s");
	return sc ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	content_free(c);
	return 0;
}

static double
mark(size_t turn, const char *reply, double secs, size_t *made, size_t *hits)
{
	struct chat_mark m;
	double score;

	chat_mark(sc, &sc->turns[turn], reply, secs, &m);
	score = m.score;
	if (made)
		*made = m.nmade;
	if (hits)
		*hits = m.nhits;
	chat_mark_free(&m);
	return score;
}

static void
test_loaded(void **state)
{
	(void)state;
	assert_int_equal(sc->nturns, 2);
	assert_int_equal(sc->turns[0].within, 15);
	assert_int_equal(sc->turns[1].within, 60);
	assert_int_equal(sc->turns[0].nexpect, 3);
	assert_int_equal(sc->turns[0].expect[2].nwords, 1);	/* a point of one word */
	assert_true(sc->pass_mark == 75);
}

static void
test_points(void **state)
{
	size_t made, hits;

	(void)state;
	/* every point, any one word of each */
	assert_true(mark(0, "您好，可以换的，ok", 10, &made, &hits) == 1);
	assert_int_equal(made, 3);
	/* partial: one or two of three */
	assert_true(fabs(mark(0, "亲，没问题", 10, &made, NULL) - 1.0 / 3) < 1e-9);
	assert_int_equal(made, 1);
	assert_true(fabs(mark(0, "亲，换货 o k", 10, &made, NULL) - 2.0 / 3) < 1e-9);
	assert_int_equal(made, 2);
	/* width and case: ＯＫ and ok make OK */
	assert_true(mark(0, "亲，换货 ＯＫ", 10, NULL, NULL) == 1);
	assert_true(mark(0, "亲，换货 ok", 10, NULL, NULL) == 1);
	/* nothing said makes nothing, even where no point is expected */
	assert_true(mark(1, "   ", 5, NULL, NULL) == 0);
	assert_true(mark(1, "不客气～", 5, NULL, NULL) == 1);
}

static void
test_late(void **state)
{
	(void)state;
	/* at the limit is on time; past it halves */
	assert_true(mark(0, "您好，可以换 ok", 15, NULL, NULL) == 1);
	assert_true(mark(0, "您好，可以换 ok", 15.01, NULL, NULL) == 0.5);
	assert_true(fabs(mark(0, "亲，换货", 40, NULL, NULL) - 1.0 / 3) < 1e-9);
	/* not measured (piped) is never late */
	assert_true(mark(0, "您好，可以换 ok", -1, NULL, NULL) == 1);
}

static void
test_forbidden(void **state)
{
	size_t hits;

	(void)state;
	/* a rule list's word, in any width or case, spoils the whole turn */
	assert_true(mark(0, "您好，可以换 ok，加微信", 3, NULL, &hits) == 0);
	assert_int_equal(hits, 1);
	assert_true(mark(0, "您好，可以换 ok，加ｖｘ", 3, NULL, &hits) == 0);
	assert_true(mark(0, "您好，可以换 ok，vx 聊", 3, NULL, &hits) == 0);
	/* the turn's own avoid word too */
	assert_true(mark(0, "您好，可以换 ok，不行的话再说", 3, NULL, &hits) == 0);
	assert_int_equal(hits, 1);
	/* two at once are both named */
	assert_true(mark(0, "微信最便宜", 3, NULL, &hits) == 0);
	assert_int_equal(hits, 2);
	/* another turn has no avoid words but the same rule list */
	assert_true(mark(1, "不行", 3, NULL, NULL) == 1);
	assert_true(mark(1, "最便宜", 3, NULL, NULL) == 0);
}

static void
test_score(void **state)
{
	double two[] = { 1, 0.5 }, thirds[] = { 1.0 / 3, 1, 1 }, none[] = { 0 };

	(void)state;
	assert_true(chat_percent(two, 2) == 75);
	assert_true(chat_percent(thirds, 3) == 77.8);
	assert_true(chat_percent(none, 1) == 0);
	assert_true(chat_percent(two, 0) == 0);
	assert_true(chat_passed(sc, 75));
	assert_false(chat_passed(sc, 74.9));
	assert_true(chat_turn_score(1, 2, true, false) == 0.25);
	assert_true(chat_turn_score(2, 2, false, true) == 0);
	assert_true(chat_turn_score(0, 0, false, false) == 1);
}

static void
test_counts(void **state)
{
	(void)state;
	assert_null(chat_why(false, false));
	assert_string_equal(chat_why(true, false), "piped");
	assert_string_equal(chat_why(false, true), "pasted");
	assert_string_equal(chat_why(true, true), "piped");
}

static void
test_lint(void **state)
{
	const struct rule_list *lists[1];
	struct chat_hit *hits = NULL;
	size_t n = 0;

	(void)state;
	lists[0] = content_rule_list(c, "words");
	assert_int_equal(chat_rule_hits(lists, 1, "全网ＶＸ最便宜", &hits, &n), 2);
	assert_string_equal(hits[0].word, "VX");
	assert_string_equal(hits[0].why, "站外联系的缩写");
	assert_string_equal(hits[1].word, "最便宜");
	assert_int_equal(chat_rule_hits(lists, 1, "在平台内下单就好", &hits, &n), 0);
	assert_int_equal(n, 2);
	chat_hits_free(hits, n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loaded),
		cmocka_unit_test(test_points),
		cmocka_unit_test(test_late),
		cmocka_unit_test(test_forbidden),
		cmocka_unit_test(test_score),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_lint),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
