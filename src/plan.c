/* plan.c: the gating rules of the six-stage plan. */
#include "config.h"

#include <stdlib.h>

#include "date.h"
#include "kpi.h"
#include "plan.h"
#include "text.h"

double
plan_pass_mark(const struct module *m)
{
	if (m->pass_mark >= 0)
		return m->pass_mark;
	if (m->kind == MOD_SCENARIO)
		return m->scenario ? m->scenario->pass_mark : 100;
	return m->quiz ? m->quiz->pass_mark : 100;
}

enum module_state
plan_module_state(const struct module *m, const struct module_fact *f)
{
	if (f->exempt)
		return MODULE_DONE;
	switch (m->kind) {
	case MOD_LESSON:
		return f->read ? MODULE_DONE : MODULE_TODO;
	case MOD_QUIZ:
	case MOD_SCENARIO:
		if (f->quiz.best >= 0 && f->quiz.best + 1e-9 >= plan_pass_mark(m))
			return MODULE_DONE;
		return f->quiz.attempts > 0 || f->quiz.open || f->quiz.pending ?
		    MODULE_STARTED : MODULE_TODO;
	case MOD_DRILL:
		if (f->drill.results > 0 && f->drill.met)
			return MODULE_DONE;
		return f->drill.results > 0 ? MODULE_STARTED : MODULE_TODO;
	case MOD_SIGNOFF:
		return f->signed_off ? MODULE_DONE : MODULE_TODO;
	case MOD_ASSESSMENT:
		return f->passed ? MODULE_DONE : MODULE_TODO;
	}
	BUG("module kind %d", (int)m->kind);
}

static void
drill_gate(struct sb *sb, const struct module *m)
{
	const char *unit = m->drill ? content_unit_name(m->drill->unit) : "";

	if (m->min_speed >= 0 && m->min_accuracy >= 0)
		sb_addf(sb, _("needs %s %s at %s%% accuracy"), NUM(m->min_speed), unit,
			NUM(m->min_accuracy));
	else if (m->min_speed >= 0)
		sb_addf(sb, _("needs %s %s"), NUM(m->min_speed), unit);
	else if (m->min_accuracy >= 0)
		sb_addf(sb, _("needs %s%% accuracy"), NUM(m->min_accuracy));
	else
		sb_adds(sb, _("needs one full run"));
}

/* A quiz's or scenario's best against its pass mark. */
static void
best_words(struct sb *sb, const struct module *m, const struct module_fact *f,
	   enum module_state st)
{
	if (st == MODULE_DONE)
		sb_addf(sb, _("passed: best %s%%, needs %s%%"), NUM(f->quiz.best),
			NUM(plan_pass_mark(m)));
	else if (f->quiz.best >= 0)
		sb_addf(sb, _("best %s%%, needs %s%%"), NUM(f->quiz.best), NUM(plan_pass_mark(m)));
	else
		sb_addf(sb, _("not passed yet, needs %s%%"), NUM(plan_pass_mark(m)));
}

void
plan_module_need(struct sb *sb, const struct module *m,
		 const struct module_fact *f)
{
	enum module_state st = plan_module_state(m, f);

	if (f->exempt) {
		sb_addf(sb, _("done by exemption (%s)"), f->exempt);
		return;
	}
	switch (m->kind) {
	case MOD_LESSON:
		sb_adds(sb, st == MODULE_DONE ? _("read") : _("not read yet"));
		return;
	case MOD_QUIZ:
		best_words(sb, m, f, st);
		if (st != MODULE_DONE && f->quiz.pending)
			sb_adds(sb, _("; an attempt waits for essay grading"));
		else if (st != MODULE_DONE && m->quiz && plan_quiz_has_essays(m->quiz))
			sb_adds(sb, _("; its essays are graded by a trainer"));
		if (st != MODULE_DONE && f->quiz.open)
			sb_adds(sb, _("; an attempt is open"));
		if (st != MODULE_DONE && m->quiz && m->quiz->attempts &&
		    f->quiz.attempts >= (int)m->quiz->attempts + f->quiz.granted &&
		    !f->quiz.open)
			sb_addf(sb, _("; all %d attempts used, ask a trainer"),
				(int)m->quiz->attempts + f->quiz.granted);
		return;
	case MOD_DRILL:
		if (f->drill.counted > 0) {
			sb_addf(sb, _("best %s %s at %s%%"), NUM(f->drill.best_speed),
				m->drill ? content_unit_name(m->drill->unit) : "",
				NUM(f->drill.best_accuracy));
			sb_adds(sb, st == MODULE_DONE ? _(", gate met (") : _(", "));
		} else if (f->drill.results > 0)
			/* a practice run's speed (pasted, piped) is no best */
			sb_addf(sb, P_("%d practice run, none counted yet; ",
				       "%d practice runs, none counted yet; ", f->drill.results),
				f->drill.results);
		else
			sb_adds(sb, _("no result yet, "));
		drill_gate(sb, m);
		if (st == MODULE_DONE && f->drill.counted > 0)
			/* TRANSLATORS: closes ", gate met (" */
			sb_adds(sb, _(")"));
		if (f->drill.results > 1)
			sb_addf(sb, _("; latest %s at %s%%"), NUM(f->drill.latest_speed),
				NUM(f->drill.latest_accuracy));
		return;
	case MOD_SCENARIO:
		best_words(sb, m, f, st);
		if (st != MODULE_DONE && f->quiz.practice)
			sb_addf(sb, P_("; %d practice run (piped or pasted) does not count",
				       "; %d practice runs (piped or pasted) do not count",
				       f->quiz.practice), f->quiz.practice);
		if (st != MODULE_DONE && f->quiz.pending)
			sb_adds(sb, _("; a run waits for a trainer's review"));
		if (st != MODULE_DONE && f->quiz.open)
			sb_adds(sb, _("; a run is open"));
		if (st != MODULE_DONE && plan_module_wait(m, f) == PLAN_WAIT_ATTEMPTS)
			sb_addf(sb, _("; all %d attempts used, ask a trainer"),
				(int)m->scenario->attempts + f->quiz.granted);
		return;
	case MOD_SIGNOFF:
		if (st == MODULE_DONE)
			sb_adds(sb, _("signed off"));
		else
			sb_addf(sb, _("waits for the %s's sign-off"),
				m->id && m->id[0] == 'm' ? _("manager") : _("trainer"));
		return;
	case MOD_ASSESSMENT: {
		char day[11];

		date_format(date_of((time_t)f->assess.decided), day);
		if (st == MODULE_DONE)
			sb_addf(sb, _("passed on %s"), day);
		else if (f->assess.outcome == OUTCOME_FAIL)
			sb_addf(sb, _("not passed: failed on %s"), day);
		else if (f->assess.outcome == OUTCOME_EXTEND)
			sb_addf(sb, _("extended on %s; waits for the trainer's assessment"), day);
		else if (plan_module_wait(m, f) == PLAN_WAIT_NONE)
			sb_adds(sb, _("needs its exam passed, then the trainer's assessment"));
		else
			sb_adds(sb, _("waits for the trainer's assessment"));
		if (st != MODULE_DONE && f->assess.reason) {
			sb_adds(sb, _(": “"));
			text_inert(sb, f->assess.reason, false);
			sb_adds(sb, _("”"));
		}
		if (st != MODULE_DONE && f->assess.outcome == OUTCOME_FAIL)
			sb_adds(sb, _(". Talk to your trainer: they may assess you again,"
				      " or a manager ends the training."));
		return;
	}
	}
}

bool
plan_quiz_has_essays(const struct quiz *qz)
{
	size_t i;

	for (i = 0; i < qz->nquestions; i++)
		if (qz->questions[i].type == Q_ESSAY)
			return true;
	return false;
}

const struct part *
plan_exam_part(const struct module *m)
{
	size_t i;

	for (i = 0; m->kind == MOD_ASSESSMENT && i < m->nparts; i++)
		if (m->parts[i].kind == PART_QUIZ && m->parts[i].quiz)
			return &m->parts[i];
	return NULL;
}

/* Attempts left under a cap (0: none, -1 returned). */
static int
left_under(unsigned cap, const struct quiz_facts *f)
{
	int left;

	if (cap == 0)
		return -1;
	left = (int)cap + f->granted - f->attempts - (f->open ? 1 : 0);
	return left > 0 ? left : 0;
}

int
plan_attempts_left(const struct quiz *qz, const struct quiz_facts *f)
{
	return left_under(qz ? qz->attempts : 0, f);
}

int
plan_runs_left(const struct scenario *sc, const struct quiz_facts *f)
{
	return left_under(sc ? sc->attempts : 0, f);
}

/* A quiz or scenario the person is to pass: can they go on now, or who
 * must act. */
static enum plan_wait
cap_wait(unsigned cap, const struct quiz_facts *f)
{
	if (f->open)
		return PLAN_WAIT_NONE;
	if (f->pending)
		return PLAN_WAIT_GRADING;
	if (left_under(cap, f) == 0)
		return PLAN_WAIT_ATTEMPTS;
	return PLAN_WAIT_NONE;
}

static enum plan_wait
quiz_wait(const struct quiz *qz, const struct quiz_facts *f)
{
	return cap_wait(qz ? qz->attempts : 0, f);
}

enum plan_wait
plan_module_wait(const struct module *m, const struct module_fact *f)
{
	const struct part *exam;

	switch (m->kind) {
	case MOD_LESSON:
	case MOD_DRILL:
		return PLAN_WAIT_NONE;
	case MOD_QUIZ:
		return quiz_wait(m->quiz, &f->quiz);
	case MOD_SCENARIO:
		return cap_wait(m->scenario ? m->scenario->attempts : 0, &f->quiz);
	case MOD_SIGNOFF:
		return PLAN_WAIT_SIGNOFF;
	case MOD_ASSESSMENT:
		if (f->assess.outcome == OUTCOME_FAIL)
			return PLAN_WAIT_FAILED;
		/* the exam is the trainee's part: until it is passed */
		exam = plan_exam_part(m);
		if (exam && !(f->quiz.best >= 0 && plan_part_passed(exam, f->quiz.best)))
			return quiz_wait(exam->quiz, &f->quiz);
		return PLAN_WAIT_ASSESSMENT;
	}
	BUG("module kind %d", (int)m->kind);
}

/* "60 minutes", "1:30" for a time limit. */
static void
limit_words(struct sb *sb, long secs)
{
	if (secs % 60 == 0)
		sb_addf(sb, P_("%ld minute", "%ld minutes", secs / 60), secs / 60);
	else
		sb_addf(sb, "%ld:%02ld", secs / 60, secs % 60);
}

/* ", 2 attempts left, time limit 60 minutes" for a quiz. */
static void
quiz_terms(struct sb *sb, const struct quiz *qz, const struct quiz_facts *f)
{
	int left = plan_attempts_left(qz, f);

	if (left >= 0)
		sb_addf(sb, P_(", %d attempt left", ", %d attempts left", left), left);
	if (qz->time_limit) {
		sb_adds(sb, _(", time limit "));
		limit_words(sb, qz->time_limit);
	}
}

void
plan_part_need(struct sb *sb, const struct part *pt, const struct quiz_facts *f)
{
	switch (pt->kind) {
	case PART_QUIZ:
		if (f && f->best >= 0)
			sb_addf(sb, _("exam %s: best %s%%, needs %s%%"), pt->ref, NUM(f->best),
				NUM(pt->min));
		else
			sb_addf(sb, _("exam %s: not passed yet, needs %s%%"), pt->ref, NUM(pt->min));
		if (pt->quiz && f && !(f->best >= 0 && plan_part_passed(pt, f->best)))
			quiz_terms(sb, pt->quiz, f);
		if (f && f->pending)
			sb_adds(sb, _("; an attempt waits for essay grading"));
		return;
	case PART_KPI: {
		struct sb fig = SB_INIT;

		if (pt->kpi)
			kpi_figure_words(&fig, pt->kpi, pt->has_max ? pt->max : pt->min);
		else
			sb_adds(&fig, NUM(pt->has_max ? pt->max : pt->min));
		/* TRANSLATORS: the second %s is "at least", "more than", "at most"
		 * or "less than", the third the figure */
		sb_addf(sb, _("KPI %s, recorded by your trainer: needs %s %s"), pt->ref,
			plan_part_rule(pt), sb_str(&fig));
		sb_free(&fig);
		return;
	}
	case PART_RATING:
		sb_addf(sb, _("rated by your trainer: needs %s of %u"), NUM(pt->min), pt->scale);
		return;
	}
}

void
plan_module_step(struct sb *sb, const struct module *m, const struct module_fact *f,
		 const char *login)
{
	const struct part *exam;

	switch (m->kind) {
	case MOD_LESSON:
		sb_addf(sb, _("read lesson '%s': kefu study %s"), m->id, m->id);
		return;
	case MOD_QUIZ:
		if (f->quiz.open)
			sb_addf(sb, _("go on with your open attempt at quiz '%s': kefu quiz %s"),
				m->id, m->id);
		else {
			sb_addf(sb, _("pass quiz '%s'"), m->id);
			if (m->quiz)
				quiz_terms(sb, m->quiz, &f->quiz);
			sb_addf(sb, _(": kefu quiz %s"), m->id);
		}
		return;
	case MOD_DRILL:
		sb_addf(sb, _("meet the typing gate of drill '%s': kefu drill %s"),
			m->id, m->id);
		return;
	case MOD_SCENARIO:
		if (f->quiz.open)
			sb_addf(sb, _("go on with your open run of chat scenario '%s': kefu chat %s"),
				m->id, m->id);
		else {
			int left = plan_runs_left(m->scenario, &f->quiz);

			sb_addf(sb, _("score %s%% in chat scenario '%s', typed at a terminal"),
				NUM(plan_pass_mark(m)), m->id);
			if (left >= 0)
				sb_addf(sb, P_(", %d attempt left", ", %d attempts left", left), left);
			sb_addf(sb, _(": kefu chat %s"), m->id);
		}
		return;
	case MOD_SIGNOFF:
		sb_addf(sb, _("ask your %s to sign this stage off"),
			m->id && m->id[0] == 'm' ? _("manager") : _("trainer"));
		return;
	case MOD_ASSESSMENT:
		exam = plan_exam_part(m);
		if (exam && plan_module_wait(m, f) == PLAN_WAIT_NONE) {
			if (f->quiz.open)
				sb_addf(sb, _("go on with your open attempt at exam '%s': kefu quiz %s"),
					exam->ref, exam->ref);
			else {
				sb_addf(sb, _("pass exam '%s' (needs %s%%)"), exam->ref,
					NUM(exam->min));
				quiz_terms(sb, exam->quiz, &f->quiz);
				sb_addf(sb, _(": kefu quiz %s"), exam->ref);
			}
			return;
		}
		sb_addf(sb, _("ask your trainer for assessment '%s' (kefu assess %s)"),
			m->id, login);
		return;
	}
}

void
plan_wait_words(struct sb *sb, const struct module *m, const struct module_fact *f,
		const char *who, size_t stage)
{
	const struct part *exam = plan_exam_part(m);
	const char *quiz = m->kind == MOD_QUIZ ? m->id : exam ? exam->ref : m->id;

	switch (plan_module_wait(m, f)) {
	case PLAN_WAIT_NONE:
		return;
	case PLAN_WAIT_GRADING:
		if (m->kind == MOD_SCENARIO) {
			sb_addf(sb, _("your run of chat scenario '%s' waits for %s to review it"),
				m->id, who);
			return;
		}
		sb_addf(sb, _("your attempt at '%s' is handed in; its essays wait for %s to grade"),
			quiz, who);
		return;
	case PLAN_WAIT_ATTEMPTS:
		sb_addf(sb, _("every attempt at '%s' is used; %s can give attempts back"),
			quiz, who);
		return;
	/* what comes at a stage's end: the step is to ask for it */
	case PLAN_WAIT_SIGNOFF:
		sb_addf(sb, _("ask %s to sign stage %zu off"), who, stage + 1);
		return;
	case PLAN_WAIT_ASSESSMENT:
		sb_addf(sb, _("ask %s for assessment '%s': they record the figures and ratings and decide"),
			who, m->id);
		return;
	case PLAN_WAIT_FAILED:
		sb_addf(sb, _("talk to %s about assessment '%s': they may assess you again"),
			who, m->id);
		return;
	}
}

void
plan_stages(const struct curriculum *cu, const struct module_fact *const *facts,
	    const bool *opened, enum stage_state *out)
{
	unsigned char *modules;
	size_t i, j, n = 0;

	for (i = 0; i < cu->nstages; i++)
		n += cu->stages[i].nmodules;
	modules = xcalloc(n + 1, sizeof(*modules));
	for (i = 0, n = 0; i < cu->nstages; i++)
		for (j = 0; j < cu->stages[i].nmodules; j++)
			modules[n++] = (unsigned char)plan_module_state(&cu->stages[i].modules[j],
									 &facts[i][j]);
	plan_stages_of(cu, modules, opened, out);
	free(modules);
}

void
plan_stages_of(const struct curriculum *cu, const unsigned char *modules,
	       const bool *opened, enum stage_state *out)
{
	bool prev_complete = true;
	size_t i, j;

	for (i = 0; i < cu->nstages; i++) {
		const struct stage *s = &cu->stages[i];
		size_t done = 0, started = 0;

		if (!prev_complete && !(opened && opened[i])) {
			out[i] = STAGE_LOCKED;
			modules += s->nmodules;
			continue;
		}
		for (j = 0; j < s->nmodules; j++, modules++) {
			done += *modules == MODULE_DONE;
			started += *modules == MODULE_STARTED;
		}
		if (done == s->nmodules)
			out[i] = STAGE_COMPLETE;
		else if (done + started > 0)
			out[i] = STAGE_STARTED;
		else
			out[i] = STAGE_OPEN;
		prev_complete = out[i] == STAGE_COMPLETE;
	}
}

size_t
plan_current(const enum stage_state *states, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (states[i] != STAGE_COMPLETE)
			return i;
	return n;
}

long
plan_due(const struct curriculum *cu, size_t stage, long start_day)
{
	long day = start_day;
	size_t i;

	for (i = 0; i <= stage && i < cu->nstages; i++) {
		if (cu->stages[i].days <= 0)
			return -1;
		day += cu->stages[i].days;
	}
	return day;
}

bool
plan_drill_meets(const struct module *m, double net_speed, double accuracy,
		 bool counted)
{
	double speed = m->min_speed < 0 ? 0 : m->min_speed;
	double acc = m->min_accuracy < 0 ? 0 : m->min_accuracy;

	/* only a run typing_verdict() counted meets a gate: a full run typed
	 * at a terminal; a short, stopped, piped, pasted or too fast one is
	 * practice */
	return counted && net_speed >= speed && accuracy >= acc;
}

bool
plan_part_passed(const struct part *p, double value)
{
	/* a figure is compared as recorded; a hair under from rounding passes
	 * the line, and a hair over does not beat it */
	if (p->kind == PART_KPI && p->strict)
		return p->has_max ? value < p->max - 1e-9 : value > p->min + 1e-9;
	if (p->kind == PART_KPI && p->has_max)
		return value <= p->max + 1e-9;
	return value + 1e-9 >= p->min;
}

const char *
plan_kind_label(enum module_kind k)
{
	static const char *const labels[] = {
		[MOD_LESSON] = N_("lesson"), [MOD_QUIZ] = N_("quiz"), [MOD_DRILL] = N_("drill"),
		[MOD_SIGNOFF] = N_("sign-off"), [MOD_ASSESSMENT] = N_("assessment"),
		[MOD_SCENARIO] = N_("chat"),
	};

	return _(labels[k]);
}

const char *
plan_part_rule(const struct part *p)
{
	if (p->kind == PART_KPI && p->has_max)
		return p->strict ? _("less than") : _("at most");
	return p->strict ? _("more than") : _("at least");
}

void
plan_dues(const struct curriculum *cu, long start_day, const long *moved,
	  long *out)
{
	long shift = 0;
	size_t i;

	for (i = 0; i < cu->nstages; i++) {
		long planned = plan_due(cu, i, start_day);

		if (moved && moved[i] >= 0) {
			out[i] = moved[i];
			if (planned >= 0)
				shift = moved[i] - planned;
		} else
			out[i] = planned < 0 ? -1 : planned + shift;
	}
}

const char *
plan_stage_state_name(enum stage_state s)
{
	switch (s) {
	case STAGE_LOCKED:
		return _("locked");
	case STAGE_OPEN:
		return _("open");
	case STAGE_STARTED:
		return _("in progress");
	case STAGE_COMPLETE:
		return _("complete");
	}
	BUG("stage state %d", (int)s);
}

/* Whether stage s holds exam x: a quiz (as a quiz module or an
 * assessment's quiz part) or a chat scenario (as a scenario module). */
static bool
stage_holds(const struct stage *s, const void *x)
{
	size_t j, p;

	for (j = 0; j < s->nmodules; j++) {
		const struct module *m = &s->modules[j];

		if ((m->kind == MOD_QUIZ && (const void *)m->quiz == x) ||
		    (m->kind == MOD_SCENARIO && (const void *)m->scenario == x))
			return true;
		for (p = 0; m->kind == MOD_ASSESSMENT && p < m->nparts; p++)
			if (m->parts[p].kind == PART_QUIZ && (const void *)m->parts[p].quiz == x)
				return true;
	}
	return false;
}

/* The first stage holding exam x when every stage holding it is locked;
 * cu->nstages when it may be taken. */
static size_t
exam_locked(const struct curriculum *cu, const enum stage_state *states, const void *x)
{
	size_t i, first = cu->nstages;

	for (i = 0; i < cu->nstages; i++) {
		if (!stage_holds(&cu->stages[i], x))
			continue;
		if (states[i] != STAGE_LOCKED)
			return cu->nstages;
		if (first == cu->nstages)
			first = i;
	}
	return first;
}

size_t
plan_quiz_locked(const struct curriculum *cu, const enum stage_state *states,
		 const struct quiz *qz)
{
	return qz->mode == QUIZ_EXAM ? exam_locked(cu, states, qz) : cu->nstages;
}

size_t
plan_scenario_locked(const struct curriculum *cu, const enum stage_state *states,
		     const struct scenario *sc)
{
	return sc->mode == QUIZ_EXAM ? exam_locked(cu, states, sc) : cu->nstages;
}
