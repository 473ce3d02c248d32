/* unit-plan.c: the gating rules, on a curriculum built by hand. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "plan.h"

static struct quiz quiz = { .id = "q", .title = "Q", .pass_mark = 80 };
static struct drill drill = { .id = "d", .title = "D", .unit = UNIT_CPM };
static struct module s1[2], s2[3], s3[1];
static struct stage stages[3];
static struct curriculum cu;
static struct module_fact f1[2], f2[3], f3[1];
static bool opened[3];	/* stages opened early */
static const struct module_fact *facts[3] = { f1, f2, f3 };

static int
setup(void **state)
{
	(void)state;
	memset(s1, 0, sizeof(s1));
	memset(s2, 0, sizeof(s2));
	memset(s3, 0, sizeof(s3));
	s1[0] = (struct module){ .kind = MOD_LESSON, .id = "a", .pass_mark = -1,
				 .min_speed = -1, .min_accuracy = -1 };
	s1[1] = (struct module){ .kind = MOD_QUIZ, .id = "q", .quiz = &quiz,
				 .pass_mark = -1, .min_speed = -1, .min_accuracy = -1 };
	s2[0] = (struct module){ .kind = MOD_DRILL, .id = "d", .drill = &drill,
				 .pass_mark = -1, .min_speed = 40, .min_accuracy = 95 };
	s2[1] = (struct module){ .kind = MOD_SIGNOFF, .id = "trainer",
				 .pass_mark = -1, .min_speed = -1, .min_accuracy = -1 };
	s2[2] = (struct module){ .kind = MOD_ASSESSMENT, .id = "review",
				 .pass_mark = -1, .min_speed = -1, .min_accuracy = -1 };
	s3[0] = s1[0];
	s3[0].id = "b";
	stages[0] = (struct stage){ .id = "one", .title = "一", .days = 15, .modules = s1, .nmodules = 2 };
	stages[1] = (struct stage){ .id = "two", .title = "二", .days = 45, .modules = s2, .nmodules = 3 };
	stages[2] = (struct stage){ .id = "three", .title = "三", .days = 0, .modules = s3, .nmodules = 1 };
	cu = (struct curriculum){ .id = "c", .title = "C", .stages = stages, .nstages = 3 };
	memset(f1, 0, sizeof(f1));
	memset(f2, 0, sizeof(f2));
	memset(f3, 0, sizeof(f3));
	memset(opened, 0, sizeof(opened));
	f1[1].quiz.best = -1;
	return 0;
}

static void
states(enum stage_state *out)
{
	plan_stages(&cu, facts, opened, out);
}

static void
test_new_trainee(void **state)
{
	enum stage_state st[3];

	(void)state;
	states(st);
	assert_int_equal(st[0], STAGE_OPEN);
	assert_int_equal(st[1], STAGE_LOCKED);
	assert_int_equal(st[2], STAGE_LOCKED);
	assert_int_equal(plan_current(st, 3), 0);
}

static void
test_quiz_pass_mark(void **state)
{
	enum stage_state st[3];

	(void)state;
	f1[0].read = true;
	f1[1].quiz.attempts = 1;
	f1[1].quiz.best = 79.9;
	assert_int_equal(plan_module_state(&s1[1], &f1[1]), MODULE_STARTED);
	states(st);
	assert_int_equal(st[0], STAGE_STARTED);
	assert_int_equal(st[1], STAGE_LOCKED);
	f1[1].quiz.best = 80;
	assert_int_equal(plan_module_state(&s1[1], &f1[1]), MODULE_DONE);
	states(st);
	assert_int_equal(st[0], STAGE_COMPLETE);
	assert_int_equal(st[1], STAGE_OPEN);
	assert_int_equal(plan_current(st, 3), 1);
	/* the module's own pass mark overrides the quiz's */
	s1[1].pass_mark = 90;
	assert_int_equal(plan_module_state(&s1[1], &f1[1]), MODULE_STARTED);
	s1[1].pass_mark = 50;
	f1[1].quiz.best = 50;
	assert_int_equal(plan_module_state(&s1[1], &f1[1]), MODULE_DONE);
}

static void
test_pending_or_open_quiz(void **state)
{
	(void)state;
	f1[1].quiz.pending = true;
	assert_int_equal(plan_module_state(&s1[1], &f1[1]), MODULE_STARTED);
	f1[1].quiz.pending = false;
	f1[1].quiz.open = true;
	assert_int_equal(plan_module_state(&s1[1], &f1[1]), MODULE_STARTED);
}

static void
test_locked_stage_never_complete(void **state)
{
	enum stage_state st[3];

	(void)state;
	/* stage 2's facts are all there, but stage 1 is not done */
	f2[0].drill.results = 1;
	f2[0].drill.met = true;
	f2[1].signed_off = true;
	f2[2].passed = true;
	f3[0].read = true;
	states(st);
	assert_int_equal(st[0], STAGE_OPEN);
	assert_int_equal(st[1], STAGE_LOCKED);
	assert_int_equal(st[2], STAGE_LOCKED);
	/* once stage 1 completes, the rest follow at once */
	f1[0].read = true;
	f1[1].quiz.best = 100;
	states(st);
	assert_int_equal(st[1], STAGE_COMPLETE);
	assert_int_equal(st[2], STAGE_COMPLETE);
	assert_int_equal(plan_current(st, 3), 3);
}

static void
test_drill_gate(void **state)
{
	(void)state;
	assert_int_equal(plan_module_state(&s2[0], &f2[0]), MODULE_TODO);
	f2[0].drill.results = 3;
	assert_int_equal(plan_module_state(&s2[0], &f2[0]), MODULE_STARTED);
	f2[0].drill.met = true;
	assert_int_equal(plan_module_state(&s2[0], &f2[0]), MODULE_DONE);
}

static void
test_needs_in_words(void **state)
{
	struct sb sb = SB_INIT;

	(void)state;
	f1[1].quiz.best = 70;
	f1[1].quiz.attempts = 2;
	plan_module_need(&sb, &s1[1], &f1[1]);
	assert_string_equal(sb_str(&sb), "best 70%, needs 80%");
	sb_reset(&sb);
	quiz.attempts = 2;
	plan_module_need(&sb, &s1[1], &f1[1]);
	assert_string_equal(sb_str(&sb), "best 70%, needs 80%; all 2 attempts used, ask a trainer");
	quiz.attempts = 0;
	sb_reset(&sb);
	f2[0].drill.results = 1;
	f2[0].drill.counted = 1;
	f2[0].drill.best_speed = 32.4;
	f2[0].drill.best_accuracy = 97;
	plan_module_need(&sb, &s2[0], &f2[0]);
	assert_string_equal(sb_str(&sb), "best 32.4 字/分 at 97%, needs 40 字/分 at 95% accuracy");
	sb_reset(&sb);
	/* a practice run's speed (a paste: 9 000 字/分) is no best */
	f2[0].drill.results = 2;
	f2[0].drill.counted = 0;
	f2[0].drill.best_speed = 9174;
	f2[0].drill.latest_speed = 35;
	f2[0].drill.latest_accuracy = 90;
	plan_module_need(&sb, &s2[0], &f2[0]);
	assert_string_equal(sb_str(&sb),
			    "2 practice runs, none counted yet; needs 40 字/分 at 95% accuracy; latest 35 at 90%");
	sb_reset(&sb);
	plan_module_step(&sb, &s2[2], &f2[2], "xiaoli");
	assert_string_equal(sb_str(&sb), "ask your trainer for assessment 'review' (kefu assess xiaoli)");
	sb_free(&sb);
}

static void
test_due_dates(void **state)
{
	(void)state;
	assert_int_equal(plan_due(&cu, 0, 1000), 1015);
	assert_int_equal(plan_due(&cu, 1, 1000), 1060);
	assert_int_equal(plan_due(&cu, 2, 1000), -1);	/* stage 3 has no days */
}

/* An extension moves its stage and every later one by as much. */
static void
test_extension_moves_later_stages(void **state)
{
	long moved[3] = { -1, -1, -1 }, due[3];
	struct stage four[4];
	struct curriculum c4;

	(void)state;
	plan_dues(&cu, 100, NULL, due);
	assert_int_equal(due[0], 115);
	assert_int_equal(due[1], 160);
	assert_int_equal(due[2], -1);	/* no planned days */
	moved[0] = 120;			/* stage one extended by 5 days */
	plan_dues(&cu, 100, moved, due);
	assert_int_equal(due[0], 120);
	assert_int_equal(due[1], 165);
	/* a stage with a fixed date after one without days */
	memcpy(four, stages, sizeof(stages));
	four[3] = stages[0];
	c4 = cu;
	c4.stages = four;
	c4.nstages = 4;
	{
		long m4[4] = { -1, 150, -1, -1 }, d4[4];

		plan_dues(&c4, 100, m4, d4);
		assert_int_equal(d4[0], 115);
		assert_int_equal(d4[1], 150);	/* moved 10 days earlier */
		assert_int_equal(d4[2], -1);
		assert_int_equal(d4[3], -1);	/* after a stage without days */
	}
}

/* A trainer opens stage 2 early: it is open (its assessment may be
 * taken) while stage 1 is not complete; stage 3 still waits for stage 2. */
static void
test_opened_early(void **state)
{
	enum stage_state st[3];

	(void)state;
	opened[1] = true;
	states(st);
	assert_int_equal(st[0], STAGE_OPEN);
	assert_int_equal(st[1], STAGE_OPEN);
	assert_int_equal(st[2], STAGE_LOCKED);
	assert_int_equal(plan_current(st, 3), 0);
	/* stage 2 done by itself completes it; stage 3 opens after it */
	f2[0].drill.results = 1;
	f2[0].drill.met = true;
	f2[1].signed_off = true;
	f2[2].passed = true;
	states(st);
	assert_int_equal(st[1], STAGE_COMPLETE);
	assert_int_equal(st[2], STAGE_OPEN);
	opened[1] = false;
	states(st);
	assert_int_equal(st[1], STAGE_LOCKED);
}

/* An exempted module is done, and says by whom and why; a failed
 * assessment says so, with its date and reason. */
static void
test_exempt_and_failed(void **state)
{
	struct sb sb = SB_INIT;
	enum stage_state st[3];

	(void)state;
	assert_int_equal(plan_module_state(&s1[0], &f1[0]), MODULE_TODO);
	f1[0].exempt = (char *)"wang: 有三年客服经验";
	assert_int_equal(plan_module_state(&s1[0], &f1[0]), MODULE_DONE);
	plan_module_need(&sb, &s1[0], &f1[0]);
	assert_non_null(strstr(sb_str(&sb), "exemption"));
	assert_non_null(strstr(sb_str(&sb), "wang: 有三年客服经验"));
	sb_reset(&sb);
	f1[0].exempt = NULL;

	f2[2].assess.outcome = OUTCOME_FAIL;
	f2[2].assess.decided = 1;
	f2[2].assess.reason = (char *)"转化率未达标";
	assert_int_equal(plan_module_state(&s2[2], &f2[2]), MODULE_TODO);
	plan_module_need(&sb, &s2[2], &f2[2]);
	assert_non_null(strstr(sb_str(&sb), "failed on"));
	assert_non_null(strstr(sb_str(&sb), "转化率未达标"));
	assert_null(strstr(sb_str(&sb), "waits for the trainer"));
	sb_free(&sb);
	states(st);
	assert_int_equal(st[1], STAGE_LOCKED);
}

static void
test_drill_meets(void **state)
{
	struct module gate = { .kind = MOD_DRILL, .min_speed = 40, .min_accuracy = 95 };
	struct module acc_only = { .kind = MOD_DRILL, .min_speed = -1, .min_accuracy = 90 };

	(void)state;
	assert_true(plan_drill_meets(&gate, 40, 95, true));
	assert_false(plan_drill_meets(&gate, 39.9, 99, true));
	assert_false(plan_drill_meets(&gate, 80, 94.9, true));
	/* a practice run (piped, short, stopped, pasted) meets no gate, not
	 * even one of accuracy alone */
	assert_false(plan_drill_meets(&gate, 80, 100, false));
	assert_true(plan_drill_meets(&acc_only, 0, 90, true));
	assert_false(plan_drill_meets(&acc_only, 0, 90, false));
	assert_false(plan_drill_meets(&acc_only, 100, 89, true));
}

static void
test_part_thresholds(void **state)
{
	struct part q = { .kind = PART_QUIZ, .min = 80, .has_min = true };
	struct part hi = { .kind = PART_KPI, .min = 20, .has_min = true };
	struct part lo = { .kind = PART_KPI, .max = 30, .has_max = true };

	(void)state;
	assert_true(plan_part_passed(&q, 80));
	assert_false(plan_part_passed(&q, 79.99));
	assert_true(plan_part_passed(&hi, 20));
	assert_false(plan_part_passed(&hi, 19.5));
	assert_true(plan_part_passed(&lo, 30));
	assert_true(plan_part_passed(&lo, 12));
	assert_false(plan_part_passed(&lo, 30.5));
	assert_string_equal(plan_part_rule(&hi), "at least");
	assert_string_equal(plan_part_rule(&lo), "at most");
	/* above / below: better than the team mean, the mean itself not */
	hi.strict = lo.strict = true;
	assert_false(plan_part_passed(&hi, 20));
	assert_false(plan_part_passed(&hi, 20 + 1e-12));	/* rounding is no better */
	assert_true(plan_part_passed(&hi, 20.01));
	assert_false(plan_part_passed(&lo, 30));
	assert_true(plan_part_passed(&lo, 29.9));
	assert_string_equal(plan_part_rule(&hi), "more than");
	assert_string_equal(plan_part_rule(&lo), "less than");
}

/* An exam is taken once a stage that holds it is open: as a quiz module
 * or as an assessment's quiz part; a practice quiz, or an exam no stage
 * holds, always. */
static void
test_exam_stage_lock(void **state)
{
	struct quiz exam = { .id = "x", .title = "X", .mode = QUIZ_EXAM };
	struct quiz practice = { .id = "p", .title = "P", .mode = QUIZ_PRACTICE };
	struct part parts[1] = { { .id = "k", .kind = PART_QUIZ, .ref = "x", .quiz = &exam } };
	enum stage_state st[3] = { STAGE_OPEN, STAGE_LOCKED, STAGE_LOCKED };

	(void)state;
	assert_int_equal(plan_quiz_locked(&cu, st, &exam), 3);	/* no stage holds it */
	s2[2].parts = parts;
	s2[2].nparts = 1;
	assert_int_equal(plan_quiz_locked(&cu, st, &exam), 1);
	st[1] = STAGE_OPEN;
	assert_int_equal(plan_quiz_locked(&cu, st, &exam), 3);
	st[1] = STAGE_COMPLETE;	/* passed or not, it stays open to retake */
	assert_int_equal(plan_quiz_locked(&cu, st, &exam), 3);
	/* held by a locked stage 3 as a module and a locked stage 2 as a part */
	st[1] = STAGE_LOCKED;
	s3[0] = (struct module){ .kind = MOD_QUIZ, .id = "x", .quiz = &exam, .pass_mark = -1 };
	assert_int_equal(plan_quiz_locked(&cu, st, &exam), 1);
	/* held by an open stage as well: open */
	s1[1].quiz = &exam;
	assert_int_equal(plan_quiz_locked(&cu, st, &exam), 3);
	s1[1].quiz = &quiz;
	/* a practice quiz of a locked stage may be practised ahead */
	s3[0].quiz = &practice;
	s2[2].nparts = 0;
	assert_int_equal(plan_quiz_locked(&cu, st, &practice), 3);
}

/* A chat scenario as an exam: the same rule, held as a scenario module;
 * its state and the step the plan names. */
static void
test_scenario(void **state)
{
	struct scenario exam = { .id = "c", .title = "C", .mode = QUIZ_EXAM, .pass_mark = 80,
				 .attempts = 2 };
	struct module m = { .kind = MOD_SCENARIO, .id = "c", .scenario = &exam, .pass_mark = -1 };
	struct module_fact f = { .quiz = { .best = -1 } };
	enum stage_state st[3] = { STAGE_OPEN, STAGE_LOCKED, STAGE_LOCKED };
	struct sb sb = SB_INIT;

	(void)state;
	assert_int_equal(plan_scenario_locked(&cu, st, &exam), 3);	/* no stage holds it */
	s3[0] = m;
	assert_int_equal(plan_scenario_locked(&cu, st, &exam), 2);
	exam.mode = QUIZ_PRACTICE;
	assert_int_equal(plan_scenario_locked(&cu, st, &exam), 3);
	/* the pass mark, or min_score; practice runs are no best */
	assert_true(plan_pass_mark(&m) == 80);
	assert_int_equal(plan_module_state(&m, &f), MODULE_TODO);
	f.quiz.attempts = 1;
	f.quiz.practice = 1;
	assert_int_equal(plan_module_state(&m, &f), MODULE_STARTED);
	plan_module_need(&sb, &m, &f);
	assert_string_equal(sb_str(&sb), "not passed yet, needs 80%; 1 practice run (piped or pasted) does not count");
	f.quiz.best = 79.9;
	assert_int_equal(plan_module_state(&m, &f), MODULE_STARTED);
	m.pass_mark = 75;
	assert_int_equal(plan_module_state(&m, &f), MODULE_DONE);
	/* a run waiting for review waits on a trainer; all attempts used too */
	m.pass_mark = -1;
	f.quiz.pending = true;
	assert_int_equal(plan_module_wait(&m, &f), PLAN_WAIT_GRADING);
	f.quiz.pending = false;
	f.quiz.attempts = 2;
	assert_int_equal(plan_module_wait(&m, &f), PLAN_WAIT_ATTEMPTS);
	f.quiz.granted = 1;
	assert_int_equal(plan_module_wait(&m, &f), PLAN_WAIT_NONE);
	sb_reset(&sb);
	plan_module_step(&sb, &m, &f, "li");
	assert_string_equal(sb_str(&sb), "score 80% in chat scenario 'c', typed at a terminal, 1 attempt left: kefu chat c");
	sb_free(&sb);
}

/* The next step is something the person can do now; what waits on a
 * trainer says so. */
static void
test_waits(void **state)
{
	struct quiz exam = { .id = "exam", .title = "E", .pass_mark = 80, .mode = QUIZ_EXAM,
			     .attempts = 2, .time_limit = 1800 };
	struct part parts[2] = {
		{ .id = "k", .kind = PART_QUIZ, .ref = "exam", .quiz = &exam, .min = 80,
		  .has_min = true },
		{ .id = "r", .kind = PART_RATING, .scale = 5, .step = 1, .min = 3, .has_min = true },
	};
	struct sb sb = SB_INIT;

	(void)state;
	/* a quiz: open, handed in with essays waiting, attempts used up */
	assert_int_equal(plan_module_wait(&s1[1], &f1[1]), PLAN_WAIT_NONE);
	f1[1].quiz.pending = true;
	f1[1].quiz.attempts = 1;
	assert_int_equal(plan_module_wait(&s1[1], &f1[1]), PLAN_WAIT_GRADING);
	plan_wait_words(&sb, &s1[1], &f1[1], "王芳", 0);
	assert_string_equal(sb_str(&sb),
			    "your attempt at 'q' is handed in; its essays wait for 王芳 to grade");
	sb_reset(&sb);
	f1[1].quiz.pending = false;
	quiz.attempts = 1;
	assert_int_equal(plan_module_wait(&s1[1], &f1[1]), PLAN_WAIT_ATTEMPTS);
	f1[1].quiz.granted = 1;
	assert_int_equal(plan_module_wait(&s1[1], &f1[1]), PLAN_WAIT_NONE);
	plan_module_step(&sb, &s1[1], &f1[1], "xiaoli");
	assert_string_equal(sb_str(&sb), "pass quiz 'q', 1 attempt left: kefu quiz q");
	sb_reset(&sb);
	f1[1].quiz.open = true;
	assert_int_equal(plan_attempts_left(&quiz, &f1[1].quiz), 0);
	assert_int_equal(plan_module_wait(&s1[1], &f1[1]), PLAN_WAIT_NONE);
	plan_module_step(&sb, &s1[1], &f1[1], "xiaoli");
	assert_string_equal(sb_str(&sb), "go on with your open attempt at quiz 'q': kefu quiz q");
	sb_reset(&sb);
	quiz.attempts = 0;
	assert_int_equal(plan_attempts_left(&quiz, &f1[1].quiz), -1);

	/* a sign-off waits on a trainer */
	assert_int_equal(plan_module_wait(&s2[1], &f2[1]), PLAN_WAIT_SIGNOFF);

	/* an assessment: its exam is the trainee's to take, with attempts
	 * and time limit; then it waits for the trainer */
	s2[2].parts = parts;
	s2[2].nparts = 2;
	f2[2].quiz.best = -1;
	assert_ptr_equal(plan_exam_part(&s2[2]), &parts[0]);
	assert_int_equal(plan_module_wait(&s2[2], &f2[2]), PLAN_WAIT_NONE);
	plan_module_step(&sb, &s2[2], &f2[2], "xiaoli");
	assert_string_equal(sb_str(&sb),
			    "pass exam 'exam' (needs 80%), 2 attempts left, time limit 30 minutes: kefu quiz exam");
	sb_reset(&sb);
	plan_part_need(&sb, &parts[0], &f2[2].quiz);
	assert_string_equal(sb_str(&sb),
			    "exam exam: not passed yet, needs 80%, 2 attempts left, time limit 30 minutes");
	sb_reset(&sb);
	f2[2].quiz.attempts = 2;
	f2[2].quiz.best = 60;
	assert_int_equal(plan_module_wait(&s2[2], &f2[2]), PLAN_WAIT_ATTEMPTS);
	f2[2].quiz.best = 85;
	assert_int_equal(plan_module_wait(&s2[2], &f2[2]), PLAN_WAIT_ASSESSMENT);
	plan_module_step(&sb, &s2[2], &f2[2], "xiaoli");
	assert_string_equal(sb_str(&sb), "ask your trainer for assessment 'review' (kefu assess xiaoli)");
	sb_reset(&sb);
	f2[2].assess.outcome = OUTCOME_FAIL;
	assert_int_equal(plan_module_wait(&s2[2], &f2[2]), PLAN_WAIT_FAILED);
	sb_free(&sb);
	s2[2].nparts = 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_new_trainee, setup),
		cmocka_unit_test_setup(test_quiz_pass_mark, setup),
		cmocka_unit_test_setup(test_pending_or_open_quiz, setup),
		cmocka_unit_test_setup(test_locked_stage_never_complete, setup),
		cmocka_unit_test_setup(test_drill_gate, setup),
		cmocka_unit_test_setup(test_needs_in_words, setup),
		cmocka_unit_test_setup(test_due_dates, setup),
		cmocka_unit_test_setup(test_extension_moves_later_stages, setup),
		cmocka_unit_test_setup(test_part_thresholds, setup),
		cmocka_unit_test_setup(test_drill_meets, setup),
		cmocka_unit_test_setup(test_opened_early, setup),
		cmocka_unit_test_setup(test_exempt_and_failed, setup),
		cmocka_unit_test_setup(test_exam_stage_lock, setup),
		cmocka_unit_test_setup(test_scenario, setup),
		cmocka_unit_test_setup(test_waits, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
