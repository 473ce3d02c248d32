/* unit-content.c: what the loader builds from odd but valid content:
 * every key's meaning, defaults, and the per-type answer forms; and
 * that a warning is printed but not counted as an error. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "content.h"

static struct content *c;

static int
load(void **state)
{
	struct diag d = DIAG_INIT(stderr);
	const char *top = getenv("top_srcdir");
	char *dir;

	(void)state;
	c = content_new();
	dir = path_join(top ? top : "..", "tests/content/odd");
	content_load_tree(c, dir, &d);
	free(dir);
	dir = path_join(top ? top : "..", "tests/content/mini");
	content_load_tree(c, dir, &d);
	free(dir);
	content_resolve(c, NULL, &d);
	return d.errors == 0 ? 0 : -1;
}

static int
unload(void **state)
{
	(void)state;
	content_free(c);
	return 0;
}

static const struct question *
question(const struct quiz *q, const char *id)
{
	const struct question *x = content_quiz_question(q, id);

	if (x == NULL)
		fail_msg("no question %s", id);
	return x;
}

static void
test_quiz_keys(void **state)
{
	const struct quiz *q = content_quiz(c, "flow");

	(void)state;
	assert_non_null(q);
	assert_string_equal(q->title, "流式写法");
	assert_int_equal(q->kind, QUIZ_OTHER);
	assert_int_equal(q->mode, QUIZ_EXAM);
	assert_true(q->pass_mark == 75.5);
	assert_false(q->shuffle);
	assert_true(q->review);
	assert_int_equal(q->time_limit, 5400);
	assert_int_equal(q->attempts, 2);
	assert_int_equal(q->ndraws, 2);
	assert_string_equal(q->draws[0].tag, "b");	/* in the order written */
	assert_int_equal(q->draws[0].count, 1);
	assert_string_equal(q->draws[1].tag, "a");
	assert_int_equal(q->nquestions, 6);
}

static void
test_defaults(void **state)
{
	const struct quiz *q = content_quiz(c, "basics");
	const struct quiz *bom = content_quiz(c, "crlf-bom");

	(void)state;
	assert_non_null(q);
	assert_int_equal(q->mode, QUIZ_PRACTICE);
	assert_true(q->pass_mark == 60);
	assert_true(q->shuffle);
	assert_true(q->review);
	assert_int_equal(q->ndraws, 0);
	assert_int_equal(q->time_limit, 0);
	assert_int_equal(q->attempts, 0);
	assert_true(q->questions[0].points == 1);
	assert_false(q->questions[0].partial);
	/* a BOM and CRLF line ends change nothing */
	assert_non_null(bom);
	assert_string_equal(bom->title, "Windows 记事本保存的文件");
	assert_true(bom->questions[0].truth);
}

static void
test_answers(void **state)
{
	const struct quiz *q = content_quiz(c, "flow");
	const struct question *m1 = question(q, "m1"), *s1 = question(q, "s1");
	const struct question *n1 = question(q, "n1"), *f1 = question(q, "f1");
	const struct question *e1 = question(q, "e1"), *s2 = question(q, "s2");

	(void)state;
	assert_int_equal(m1->type, Q_MULTI);
	assert_true(m1->partial);
	assert_int_equal(m1->nanswer, 2);
	assert_int_equal(m1->answer[0], 0);
	assert_int_equal(m1->answer[1], 2);
	assert_int_equal(s1->nanswer, 1);
	assert_int_equal(s1->answer[0], 1);
	assert_int_equal(s1->ntags, 2);
	assert_int_equal(s2->nchoices, 2);	/* choices from an alias */
	assert_string_equal(s2->choices[1], "否");
	assert_int_equal(s2->ntags, 1);		/* a single tag as text */
	assert_true(n1->number == -5);
	assert_int_equal(f1->naccepted, 1);
	assert_string_equal(f1->accepted[0], "5");
	assert_int_equal(e1->type, Q_ESSAY);
	assert_true(e1->points == 2.5);
	assert_null(e1->rubric);
}

static void
test_curriculum(void **state)
{
	const struct curriculum *cu = content_curriculum(c, "odd-plan");
	const struct stage *s;
	const struct module *m;
	const struct drill *dr = content_drill(c, "en");

	(void)state;
	assert_non_null(cu);
	assert_string_equal(cu->title, "含 \"引号\" 与 emoji 😀 的计划");
	assert_int_equal(cu->nkpis, 1);
	assert_true(cu->kpis[0].lower_better);
	s = &cu->stages[0];
	assert_int_equal(s->days, 0);
	m = content_lesson(cu, "l-1", NULL);
	assert_non_null(m);
	assert_string_equal(m->text, "折叠的 多行文字");
	m = &s->modules[2];
	assert_int_equal(m->kind, MOD_QUIZ);
	assert_ptr_equal(m->quiz, content_quiz(c, "flow"));
	m = &s->modules[4];
	assert_int_equal(m->kind, MOD_SIGNOFF);
	assert_string_equal(m->id, "manager");
	assert_string_equal(m->title, "店长确认");
	m = &s->modules[5];
	assert_int_equal(m->kind, MOD_ASSESSMENT);
	assert_int_equal(m->nparts, 3);
	assert_ptr_equal(m->parts[0].kpi, &cu->kpis[0]);
	assert_true(m->parts[0].has_max && !m->parts[0].has_min);
	assert_int_equal(m->parts[1].scale, 10);
	assert_true(m->parts[1].min == 6);
	assert_ptr_equal(m->parts[2].quiz, content_quiz(c, "crlf-bom"));
	/* drill lines are trimmed; YAML quoting is undone */
	assert_non_null(dr);
	assert_int_equal(dr->unit, UNIT_WPM);
	assert_int_equal(dr->time_limit, 90);
	assert_string_equal(dr->lines[0], "Hi there, how can I help?");
	assert_string_equal(dr->lines[1], "It's on its way.");
}

/* Exams that draw from later stages' banks: two warnings, no error. */
static void
test_later_stage(void **state)
{
	struct content *t = content_new();
	struct diag d = DIAG_INIT(tmpfile());
	const char *top = getenv("top_srcdir");
	char *dir = path_join(top ? top : "..", "tests/content/later-stage");
	char line[512];
	unsigned warnings = 0;

	(void)state;
	assert_non_null(d.out);
	content_load_tree(t, dir, &d);
	assert_int_equal(content_resolve(t, NULL, &d), 0);
	/* warnings are for kefu check, not every command that loads */
	assert_int_equal(ftell(d.out), 0);
	content_warnings(t, NULL, &d);
	assert_int_equal(d.errors, 0);
	rewind(d.out);
	while (fgets(line, sizeof(line), d.out)) {
		assert_non_null(strstr(line, ": warning: quiz '"));
		warnings++;
	}
	assert_int_equal(warnings, 2);
	fclose(d.out);
	free(dir);
	content_free(t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quiz_keys),
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_answers),
		cmocka_unit_test(test_curriculum),
		cmocka_unit_test(test_later_stage),
	};

	return cmocka_run_group_tests(tests, load, unload);
}
