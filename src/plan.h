/* plan.h: where a trainee stands in a curriculum. Pure functions of the
 * curriculum and the facts gathered about one person; no I/O. */
#ifndef KEFU_PLAN_H
#define KEFU_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"
#include "store.h"
#include "util.h"

/* What is known about one module for one person. */
struct module_fact {
	bool read;			/* lesson */
	/* quiz; an assessment's exam part; a chat scenario's runs */
	struct quiz_facts quiz;
	struct drill_facts drill;	/* drill */
	bool signed_off;		/* signoff */
	bool passed;			/* assessment: its latest outcome is pass */
	struct assessment_state assess;	/* assessment: the latest decision */
	/* a trainer exempted the module: "LOGIN: reason" (else NULL) */
	char *exempt;
};

enum module_state { MODULE_TODO, MODULE_STARTED, MODULE_DONE };
enum stage_state { STAGE_LOCKED, STAGE_OPEN, STAGE_STARTED, STAGE_COMPLETE };

/* The pass mark a quiz module asks for: its override or the quiz's. */
double plan_pass_mark(const struct module *);
enum module_state plan_module_state(const struct module *,
				    const struct module_fact *);
/* Appends what the module has and what it still needs, in words. */
void plan_module_need(struct sb *, const struct module *,
		      const struct module_fact *);
/* Who a module that is not done waits on, if anyone: no one (the person
 * can work on it now: a lesson, a drill, a quiz or an assessment's exam
 * with an attempt to take or go on with), a trainer grading an attempt's
 * essays, a trainer giving attempts back, a sign-off, the trainer's
 * assessment (the exam passed or none), or a talk after a failed one. */
enum plan_wait {
	PLAN_WAIT_NONE, PLAN_WAIT_GRADING, PLAN_WAIT_ATTEMPTS, PLAN_WAIT_SIGNOFF,
	PLAN_WAIT_ASSESSMENT, PLAN_WAIT_FAILED
};
enum plan_wait plan_module_wait(const struct module *, const struct module_fact *);
/* Whether a quiz holds essays, which a trainer grades. */
bool plan_quiz_has_essays(const struct quiz *);
/* An assessment's exam: its first quiz part; NULL for none. */
const struct part *plan_exam_part(const struct module *);
/* Attempts the person may still start at qz (an open one is in use);
 * -1 when the quiz has no cap. */
int plan_attempts_left(const struct quiz *, const struct quiz_facts *);
/* The same for a chat scenario's runs (its attempts). */
int plan_runs_left(const struct scenario *, const struct quiz_facts *);
/* Appends what one part of an assessment needs; f is the exam's facts
 * for a quiz part (module_fact.quiz of the assessment), else unused. */
void plan_part_need(struct sb *, const struct part *, const struct quiz_facts *);
/* Appends the one thing to do next for a module that is not done and
 * waits on no one, with the command; a quiz or exam says its attempts
 * left and time limit. */
void plan_module_step(struct sb *, const struct module *, const struct module_fact *,
		      const char *login);
/* Appends what a module of stage (0-based) waits on and that who
 * (names, or "a trainer") must act: for a sign-off or an assessment,
 * which come at a stage's end, whom to ask for it; nothing when it
 * waits on no one. */
void plan_wait_words(struct sb *, const struct module *, const struct module_fact *,
		     const char *who, size_t stage);

/* States of every stage: facts[i] holds the facts of stage i's modules.
 * A stage is open when it is the first, the stage before it is
 * complete, or a trainer opened it early (opened[i]; opened may be
 * NULL), and complete when it is open and all its modules are done. */
void plan_stages(const struct curriculum *,
		 const struct module_fact *const *facts, const bool *opened,
		 enum stage_state *out);
/* The same from the state of every module (enum module_state, a byte
 * each), stage after stage in curriculum order: what a report keeps
 * for each trainee instead of their facts. */
void plan_stages_of(const struct curriculum *, const unsigned char *modules,
		    const bool *opened, enum stage_state *out);
/* The first stage that is not complete; nstages when all are. */
size_t plan_current(const enum stage_state *, size_t nstages);
/* Day a stage is due: the enrollment's start plus the planned days of
 * that stage and every stage before it; -1 when a stage has no days. */
long plan_due(const struct curriculum *, size_t stage, long start_day);

/* Whether one drill result meets a drill module's gates (the condition
 * store.c's per-person lookup puts in SQL). */
bool plan_drill_meets(const struct module *, double net_speed, double accuracy,
		      bool counted);
/* Whether an assessment part's value meets its threshold: a quiz's best
 * percent or a rating at least min, a KPI figure at least min or, for a
 * lower-is-better KPI, at most max; for a strict part (above, below)
 * more than min or less than max. */
bool plan_part_passed(const struct part *, double value);
/* The words of that rule before the threshold: "at least", "more than"
 * (above), "at most", "less than" (below). */
const char *plan_part_rule(const struct part *);
/* Due days of every stage into out: as planned, except a stage whose
 * moved[i] >= 0 (an extension) is due then, and every later stage moves
 * by as much. moved may be NULL. */
void plan_dues(const struct curriculum *, long start_day, const long *moved,
	       long *out);

const char *plan_stage_state_name(enum stage_state);
/* A module's kind in words (资料, 测验), for people; the content's own
 * word (lesson, quiz) is content_module_kind_name(). */
const char *plan_kind_label(enum module_kind);

/* An exam may be taken once a stage that holds it (as a quiz module or
 * an assessment's quiz part) is open. Returns the first stage holding
 * qz when every stage that holds it is locked; cu->nstages when it may
 * be taken: a practice quiz, an exam of an open stage, or one no stage
 * holds. */
size_t plan_quiz_locked(const struct curriculum *, const enum stage_state *,
			const struct quiz *);

/* The same for a chat scenario in exam mode. */
size_t plan_scenario_locked(const struct curriculum *, const enum stage_state *,
			    const struct scenario *);

#endif
