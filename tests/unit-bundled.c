/* unit-bundled.c: the bundled content a shop sees on day one is all there:
 * six stages with real lessons and their gates, at least 200 questions of
 * every type with explanations and rubrics, at least 120 drill lines with
 * an English drill, the sample shop's catalogue, one shipping cut-off
 * everywhere, and a probation exam whose papers are all alike. Loaded
 * from the source tree with the library's own loader, so removing
 * content makes this fail. */
#include "config.h"

#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "quiz.h"

#define MIN_QUESTIONS 200
#define MIN_DRILL_LINES 120
#define MIN_PRODUCTS 10
#define MIN_LESSON_CHARS 200

static struct content *c;
static const struct curriculum *cu;

static int
load(void **state)
{
	struct diag d = DIAG_INIT(stderr);
	const char *top = getenv("top_srcdir");

	(void)state;
	c = content_new();
	content_load_tree(c, top ? top : KEFU_SRCDIR, &d);
	content_resolve(c, NULL, &d);
	cu = content_curriculum(c, "ecommerce-cs");
	return d.errors == 0 && cu != NULL ? 0 : -1;
}

static int
unload(void **state)
{
	(void)state;
	content_free(c);
	return 0;
}

/* characters, not bytes: UTF-8 continuation bytes are not counted */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static size_t
count_substr(const char *s, const char *needle)
{
	size_t n = 0, len = strlen(needle);

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += len;
	}
	return n;
}

static bool
nonempty(const char *s)
{
	return s != NULL && s[strspn(s, " \t\r\n")] != '\0';
}

static const struct stage *
stage(size_t i)
{
	assert_true(i < cu->nstages);
	return &cu->stages[i];
}

static const struct module *
find_module(const struct stage *s, enum module_kind kind, const char *id)
{
	size_t i;

	for (i = 0; i < s->nmodules; i++)
		if (s->modules[i].kind == kind &&
		    (id == NULL || strcmp(s->modules[i].id, id) == 0))
			return &s->modules[i];
	return NULL;
}

static size_t
count_modules(const struct stage *s, enum module_kind kind)
{
	size_t i, n = 0;

	for (i = 0; i < s->nmodules; i++)
		n += s->modules[i].kind == kind;
	return n;
}

static void
test_questions(void **state)
{
	size_t i, j, total = 0, by_type[Q_ESSAY + 1] = { 0 };

	(void)state;
	for (i = 0; i < c->nquizzes; i++) {
		const struct quiz *q = c->quizzes[i];

		for (j = 0; j < q->nown; j++) {
			const struct question *x = &q->questions[j];

			total++;
			by_type[x->type]++;
			if (x->type == Q_ESSAY) {
				if (!nonempty(x->rubric))
					fail_msg("%s/%s: essay without a rubric", q->id, x->id);
			} else if (!nonempty(x->explain)) {
				fail_msg("%s/%s: auto-graded question without an explain",
					 q->id, x->id);
			}
		}
	}
	if (total < MIN_QUESTIONS)
		fail_msg("%zu questions in all, want at least %d", total, MIN_QUESTIONS);
	for (i = 0; i <= Q_ESSAY; i++)
		if (by_type[i] == 0)
			fail_msg("no %s question", content_qtype_name((enum qtype)i));
}

/* Each bank and drill with the size it has now: removing a question or a
 * line fails here (raise a floor when you add, lower it only on purpose). */
static const struct floor {
	const char *id;
	size_t min;
} quiz_floor[] = {
	{ "onboarding-basics", 17 }, { "platform-rules", 26 },
	{ "product-knowledge", 34 }, { "presale-flow", 24 },
	{ "difficult-customers", 17 }, { "after-sales-rules", 31 },
	{ "probation-exam", 47 }, { "benchmark-kpis", 23 },
	{ "management-routines", 16 }, { "kb-building", 12 },
}, drill_floor[] = {
	{ "greeting-scripts", 15 }, { "product-questions", 20 },
	{ "shipping-scripts", 14 }, { "apology-scripts", 14 },
	{ "after-sales-scripts", 17 }, { "review-replies", 12 },
	{ "objection-scripts", 14 }, { "farewell-scripts", 14 },
	{ "english-replies", 17 },
};

static void
test_banks(void **state)
{
	const struct quiz *q;
	size_t i, essays = 0;

	(void)state;
	for (i = 0; i < sizeof(quiz_floor) / sizeof(quiz_floor[0]); i++) {
		q = content_quiz(c, quiz_floor[i].id);
		if (q == NULL)
			fail_msg("no quiz %s", quiz_floor[i].id);
		if (q->nown < quiz_floor[i].min)
			fail_msg("quiz %s has %zu questions, want at least %zu",
				 q->id, q->nown, quiz_floor[i].min);
	}
	assert_int_equal(content_quiz(c, "product-knowledge")->kind, QUIZ_PRODUCT);
	assert_int_equal(content_quiz(c, "platform-rules")->kind, QUIZ_RULES);
	/* angry buyers and negative reviews: answered in writing */
	q = content_quiz(c, "difficult-customers");
	for (i = 0; i < q->nquestions; i++)
		essays += q->questions[i].type == Q_ESSAY;
	assert_true(essays >= 4);
}

/* The stage that first uses a quiz, by a quiz module or an assessment's
 * part; cu->nstages when none does. */
static size_t
first_stage(const char *quiz)
{
	size_t i, j, k;

	for (i = 0; i < cu->nstages; i++)
		for (j = 0; j < cu->stages[i].nmodules; j++) {
			const struct module *m = &cu->stages[i].modules[j];

			if (m->kind == MOD_QUIZ && strcmp(m->id, quiz) == 0)
				return i;
			for (k = 0; m->kind == MOD_ASSESSMENT && k < m->nparts; k++)
				if (m->parts[k].kind == PART_QUIZ &&
				    strcmp(m->parts[k].ref, quiz) == 0)
					return i;
		}
	return cu->nstages;
}

/* The probation exam: about 20 questions in 30 minutes, drawn by tag
 * from nothing taught after probation, every paper like every other. */
static void
test_probation_exam(void **state)
{
	const struct quiz *q = content_quiz(c, "probation-exam");
	struct draw_uneven why;
	unsigned drawn = 0, first[Q_ESSAY + 1][32], count[Q_ESSAY + 1][32];
	double first_points = 0;
	uint64_t seed;
	size_t i, r, stage_of;

	(void)state;
	assert_non_null(q);
	assert_int_equal(q->mode, QUIZ_EXAM);
	assert_int_equal(q->time_limit, 30 * 60);
	assert_true(q->ndraws >= 4 && q->ndraws <= 32);
	for (r = 0; r < q->ndraws; r++) {
		assert_non_null(q->draws[r].tag);
		drawn += q->draws[r].count;
	}
	assert_true(drawn >= 18 && drawn <= 22);
	assert_true(q->nquestions > drawn);
	stage_of = first_stage("probation-exam");
	assert_int_equal(stage_of, 1);
	for (i = 0; i < q->nfrom; i++) {
		size_t s = first_stage(q->from[i]);

		if (s < cu->nstages && s > stage_of)
			fail_msg("probation-exam draws from %s, a bank of stage %s",
				 q->from[i], cu->stages[s].id);
	}
	/* kefu check's rule, and 200 papers drawn to show it */
	assert_true(quiz_draw_uniform(q, &why));
	for (seed = 0; seed < 200; seed++) {
		struct paper *p = quiz_draw(q, seed * 0x9e3779b97f4a7c15ULL + 1);
		double points = 0;

		assert_int_equal(p->n, drawn);
		memset(count, 0, sizeof(count));
		for (i = 0; i < p->n; i++) {
			const struct question *x = &q->questions[p->items[i].q];

			points += x->points;
			for (r = 0; r < q->ndraws; r++)
				count[x->type][r] += quiz_has_tag(x, q->draws[r].tag);
		}
		if (seed == 0) {
			first_points = points;
			memcpy(first, count, sizeof(first));
			/* essays, a fixed number of them */
			for (r = 0, i = 0; r < q->ndraws; r++)
				i += count[Q_ESSAY][r];
			assert_true(i >= 1);
		}
		if (points != first_points)
			fail_msg("seed %u: a paper of %g points, the first had %g",
				 (unsigned)seed, points, first_points);
		if (memcmp(count, first, sizeof(count)) != 0)
			fail_msg("seed %u: another mix of types per tag", (unsigned)seed);
		paper_free(p);
	}
}

/* The bundled content loads without a message: no error, and no
 * warning either (an exam drawing from a later stage's bank). */
static void
test_quiet(void **state)
{
	struct content *again = content_new();
	struct diag d = DIAG_INIT(tmpfile());
	const char *top = getenv("top_srcdir");

	(void)state;
	assert_non_null(d.out);
	content_load_tree(again, top ? top : KEFU_SRCDIR, &d);
	content_resolve(again, NULL, &d);
	assert_int_equal(d.errors, 0);
	if (ftell(d.out) != 0) {
		char line[1024];

		rewind(d.out);
		while (fgets(line, sizeof(line), d.out))
			fputs(line, stderr);
		fail_msg("loading the bundled content printed the messages above");
	}
	fclose(d.out);
	content_free(again);
}

static void
test_drills(void **state)
{
	const struct drill *d;
	size_t i, lines = 0, wpm = 0;

	(void)state;
	for (i = 0; i < c->ndrills; i++) {
		lines += c->drills[i]->nlines;
		wpm += c->drills[i]->unit == UNIT_WPM;
	}
	if (lines < MIN_DRILL_LINES)
		fail_msg("%zu drill lines in all, want at least %d", lines,
			 MIN_DRILL_LINES);
	assert_true(wpm >= 1);
	for (i = 0; i < sizeof(drill_floor) / sizeof(drill_floor[0]); i++) {
		d = content_drill(c, drill_floor[i].id);
		if (d == NULL)
			fail_msg("no drill %s", drill_floor[i].id);
		if (d->nlines < drill_floor[i].min)
			fail_msg("drill %s has %zu lines, want at least %zu",
				 d->id, d->nlines, drill_floor[i].min);
	}
	assert_int_equal(content_drill(c, "english-replies")->unit, UNIT_WPM);
}

static void
test_stages(void **state)
{
	static const char *const ids[] = {
		"onboarding", "probation", "after-sales", "benchmark",
		"management", "knowledge-base",
	};
	size_t i, j;

	(void)state;
	assert_int_equal(cu->nstages, 6);
	for (i = 0; i < 6; i++) {
		const struct stage *s = stage(i);
		bool long_lesson = false;

		assert_string_equal(s->id, ids[i]);
		assert_true(s->days > 0);
		for (j = 0; j < s->nmodules; j++)
			if (s->modules[j].kind == MOD_LESSON &&
			    chars(s->modules[j].text) >= MIN_LESSON_CHARS)
				long_lesson = true;
		if (!long_lesson)
			fail_msg("stage %s has no lesson of %d characters", s->id,
				 MIN_LESSON_CHARS);
		if (count_modules(s, MOD_QUIZ) + count_modules(s, MOD_ASSESSMENT) == 0)
			fail_msg("stage %s tests nothing", s->id);
	}
}

static void
test_gates(void **state)
{
	const struct stage *s;
	const struct module *m;
	size_t i, gated = 0;

	(void)state;
	/* stage 1: typing gates and a trainer's sign-off */
	s = stage(0);
	for (i = 0; i < s->nmodules; i++)
		if (s->modules[i].kind == MOD_DRILL && s->modules[i].min_speed > 0 &&
		    s->modules[i].min_accuracy > 0)
			gated++;
	assert_true(gated >= 2);
	assert_non_null(find_module(s, MOD_QUIZ, "product-knowledge"));
	assert_non_null(find_module(s, MOD_QUIZ, "platform-rules"));

	/* stage 2: the four-part probation assessment */
	m = find_module(stage(1), MOD_ASSESSMENT, "probation-review");
	assert_non_null(m);
	assert_int_equal(m->nparts, 4);
	assert_string_equal(m->parts[0].id, "knowledge");
	assert_int_equal(m->parts[0].kind, PART_QUIZ);
	assert_ptr_equal(m->parts[0].quiz, content_quiz(c, "probation-exam"));
	assert_string_equal(m->parts[1].id, "sales");
	assert_int_equal(m->parts[1].kind, PART_KPI);
	assert_string_equal(m->parts[1].kpi->id, "conversion-rate");
	assert_string_equal(m->parts[2].id, "quality");
	assert_int_equal(m->parts[2].kind, PART_RATING);
	assert_string_equal(m->parts[3].id, "teamwork");
	assert_int_equal(m->parts[3].kind, PART_RATING);

	/* stage 3: after-sales scenarios, ending in a trainer's sign-off */
	s = stage(2);
	assert_non_null(find_module(s, MOD_QUIZ, "after-sales-rules"));
	assert_int_equal(s->modules[s->nmodules - 1].kind, MOD_SIGNOFF);
	assert_string_equal(s->modules[s->nmodules - 1].id, "trainer");

	/* stage 4: the KPI benchmark, every part a KPI on its good side */
	m = find_module(stage(3), MOD_ASSESSMENT, NULL);
	assert_non_null(m);
	assert_true(m->nparts >= 5);
	for (i = 0; i < m->nparts; i++) {
		const struct part *p = &m->parts[i];

		assert_int_equal(p->kind, PART_KPI);
		if (p->kpi->lower_better)
			assert_true(p->has_max && !p->has_min);
		else
			assert_true(p->has_min && !p->has_max);
	}

	/* stages 5 and 6: routines and the knowledge base, signed off */
	assert_non_null(find_module(stage(4), MOD_QUIZ, "management-routines"));
	assert_non_null(find_module(stage(4), MOD_SIGNOFF, NULL));
	assert_non_null(find_module(stage(5), MOD_QUIZ, "kb-building"));
	assert_non_null(find_module(stage(5), MOD_SIGNOFF, NULL));
}

static void
test_kpis(void **state)
{
	static const char *const ids[] = {
		"conversion-rate", "response-seconds", "order-value",
		"dispute-refund-rate", "complaint-rate",
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		for (j = 0; j < cu->nkpis; j++)
			if (strcmp(cu->kpis[j].id, ids[i]) == 0)
				break;
		if (j == cu->nkpis)
			fail_msg("no KPI %s", ids[i]);
	}
}

static void
test_catalogue(void **state)
{
	const struct module *m = content_lesson(cu, "sample-shop-catalogue", NULL);
	size_t n;

	(void)state;
	assert_non_null(m);
	/* one heading per product: 【商品01】… */
	n = count_substr(m->text, "【商品");
	if (n < MIN_PRODUCTS)
		fail_msg("the catalogue lists %zu products, want at least %d", n,
			 MIN_PRODUCTS);
	assert_true(chars(m->text) >= 2000);
}

/* One shipping cut-off everywhere: whatever mentions paying "before N
 * o'clock" (…点前付款) names 16:00 (16点, 下午4点, 四点). */
static void
check_cutoff(const char *where, const char *s)
{
	static const char *const ok[] = { "16", "4", "四" };
	static const char key[] = "点前付款";
	const char *p = s;
	size_t i;

	if (s == NULL)
		return;
	while ((p = strstr(p, key)) != NULL) {
		bool good = false;

		for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
			size_t len = strlen(ok[i]);

			if ((size_t)(p - s) >= len &&
			    strncmp(p - len, ok[i], len) == 0 &&
			    ((size_t)(p - s) == len ||
			     !(p[-(ptrdiff_t)len - 1] >= '0' &&
			       p[-(ptrdiff_t)len - 1] <= '9')))
				good = true;
		}
		if (!good)
			fail_msg("%s: a shipping cut-off other than 16:00 in: %s",
				 where, s);
		p += strlen(key);
	}
}

static void
test_consistent_cutoff(void **state)
{
	size_t i, j, k;

	(void)state;
	for (i = 0; i < cu->nstages; i++)
		for (j = 0; j < cu->stages[i].nmodules; j++)
			if (cu->stages[i].modules[j].kind == MOD_LESSON)
				check_cutoff(cu->stages[i].modules[j].id,
					     cu->stages[i].modules[j].text);
	for (i = 0; i < c->nquizzes; i++)
		for (j = 0; j < c->quizzes[i]->nown; j++) {
			const struct question *x = &c->quizzes[i]->questions[j];

			check_cutoff(x->id, x->text);
			check_cutoff(x->id, x->explain);
			check_cutoff(x->id, x->rubric);
			for (k = 0; k < x->nchoices; k++)
				check_cutoff(x->id, x->choices[k]);
		}
	for (i = 0; i < c->ndrills; i++)
		for (j = 0; j < c->drills[i]->nlines; j++)
			check_cutoff(c->drills[i]->id, c->drills[i]->lines[j]);
}

/* Whether the handbook (every lesson of the curriculum) states figure
 * with unit: "3天", "3 天", "25%". */
static bool
stated(const char *figure, const char *unit)
{
	char *a = NULL, *b = NULL;
	bool found = false;
	size_t i, j;

	unit = strcmp(unit, "percent") == 0 ? "%" : unit;
	a = malloc(strlen(figure) + strlen(unit) + 2);
	b = malloc(strlen(figure) + strlen(unit) + 2);
	assert_non_null(a);
	assert_non_null(b);
	sprintf(a, "%s%s", figure, unit);
	sprintf(b, "%s %s", figure, unit);
	for (i = 0; i < cu->nstages && !found; i++)
		for (j = 0; j < cu->stages[i].nmodules && !found; j++) {
			const struct module *m = &cu->stages[i].modules[j];

			found = m->kind == MOD_LESSON && m->text &&
			    (strstr(m->text, a) || strstr(m->text, b));
		}
	free(a);
	free(b);
	return found;
}

/* A question that gives no figures of its own and does not work its
 * answer out (its explanation holds no sum) asks for a figure the
 * handbook states: its key must be stated there, with the unit. So a
 * key that drifts from the handbook (4天 where the lessons say 3天)
 * fails here. Product codes (QH-T01) are names, not figures. */
static void
test_keys_in_handbook(void **state)
{
	size_t i, j, k, checked = 0;

	(void)state;
	for (i = 0; i < c->nquizzes; i++)
		for (j = 0; j < c->quizzes[i]->nown; j++) {
			const struct question *x = &c->quizzes[i]->questions[j];
			const char *p;
			bool figures = false, found = false;
			char num[64];

			if (x->unit == NULL || (x->type != Q_FILL && x->type != Q_NUMERIC))
				continue;
			for (p = x->text; *p && !figures; p++) {
				if (strncmp(p, "QH-", 3) == 0) {
					p += 3;
					while (*p && (isupper((unsigned char)*p) || isdigit((unsigned char)*p)))
						p++;
					p--;
					continue;
				}
				figures = isdigit((unsigned char)*p);
			}
			if (figures || (x->explain && (strstr(x->explain, "＝") || strstr(x->explain, "="))))
				continue;
			if (x->type == Q_NUMERIC) {
				snprintf(num, sizeof(num), "%.15g", x->number);
				found = stated(num, x->unit);
			}
			for (k = 0; k < x->naccepted && !found; k++)
				found = stated(x->accepted[k], x->unit);
			if (!found)
				fail_msg("%s: the handbook never states its key with %s", x->id, x->unit);
			checked++;
		}
	/* the rule would be empty if the units went */
	assert_true(checked >= 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_questions),
		cmocka_unit_test(test_keys_in_handbook),
		cmocka_unit_test(test_banks),
		cmocka_unit_test(test_probation_exam),
		cmocka_unit_test(test_quiet),
		cmocka_unit_test(test_drills),
		cmocka_unit_test(test_stages),
		cmocka_unit_test(test_gates),
		cmocka_unit_test(test_kpis),
		cmocka_unit_test(test_catalogue),
		cmocka_unit_test(test_consistent_cutoff),
	};

	return cmocka_run_group_tests(tests, load, unload);
}
