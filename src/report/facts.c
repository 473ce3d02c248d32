/* facts.c: every trainee's facts, read with one query a kind, made into
 * the states the plan gives them (plan_module_state(), plan_stages_of()):
 * the one reader the reports share. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "kefu.h"
#include "kpi.h"
#include "priv.h"
#include "report/report.h"
#include "table.h"
#include "text.h"

/* The rows' strings live in one arena: 2 000 trainees are 12 000 of them. */
static char *
row_strdup(struct rows *rs, const char *s)
{
	return s ? arena_strdup(rs->a, s) : NULL;
}

static void
trainee_row(const struct roster_entry *r, void *arg)
{
	struct rows *rs = arg;
	struct row *x;

	if (strcmp(r->role, "trainee") != 0 || r->enrollment_id == 0 ||
	    strcmp(r->curriculum, rs->cu->id) != 0)
		return;
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 32;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof(*rs->v));
	}
	x = &rs->v[rs->n++];
	memset(x, 0, sizeof(*x));
	x->p.id = r->id;
	x->p.login = row_strdup(rs, r->login);
	x->p.name = row_strdup(rs, r->name);
	/* every row's role and curriculum are the same two words: one copy */
	if (rs->role == NULL) {
		rs->role = row_strdup(rs, r->role);
		rs->curriculum = row_strdup(rs, r->curriculum);
	}
	x->p.role = rs->role;
	x->p.hired = row_strdup(rs, r->hired);
	x->p.active = r->active;
	x->left = x->p.active ? NULL : row_strdup(rs, r->left);
	x->e.id = r->enrollment_id;
	x->e.person_id = x->p.id;
	x->e.curriculum = rs->curriculum;
	x->e.started = row_strdup(rs, r->started);
}

/* Person (or enrollment) ids to the rows they are in: ids are numbered
 * from 1, so mostly a table by id; sorted ids and bsearch when they are
 * too sparse for that. */
struct idmap {
	size_t *at;			/* by id, row + 1; 0 for none */
	int64_t max;
	struct idrow { int64_t id; size_t row; } *sorted;
	size_t n;
};

static int
by_id(const void *x, const void *y)
{
	int64_t a = ((const struct idrow *)x)->id, b = ((const struct idrow *)y)->id;

	return a < b ? -1 : a > b;
}

static void
idmap_init(struct idmap *m, const struct rows *rs, bool enrollments)
{
	size_t i;

	memset(m, 0, sizeof(*m));
	m->n = rs->n;
	m->sorted = xcalloc(rs->n + 1, sizeof(*m->sorted));
	for (i = 0; i < rs->n; i++) {
		m->sorted[i].id = enrollments ? rs->v[i].e.id : rs->v[i].p.id;
		m->sorted[i].row = i;
		if (m->sorted[i].id > m->max)
			m->max = m->sorted[i].id;
	}
	if (m->max <= (int64_t)(4 * rs->n + 4096)) {
		m->at = xcalloc((size_t)m->max + 1, sizeof(*m->at));
		for (i = 0; i < rs->n; i++)
			if (m->sorted[i].id >= 0)
				m->at[m->sorted[i].id] = i + 1;
	} else
		qsort(m->sorted, rs->n, sizeof(*m->sorted), by_id);
}

/* The row of an id, (size_t)-1 for none. */
static size_t
idmap_row(const struct idmap *m, int64_t id)
{
	struct idrow key = { id, 0 };
	const struct idrow *hit;

	if (m->at)
		return id >= 0 && id <= m->max ? m->at[id] - 1 : (size_t)-1;
	hit = bsearch(&key, m->sorted, m->n, sizeof(*m->sorted), by_id);
	return hit ? hit->row : (size_t)-1;
}

static void
idmap_free(struct idmap *m)
{
	free(m->at);
	free(m->sorted);
}

/* Everyone's facts, read with one query a kind instead of one a person
 * and module. Each module's facts become its state as they are read
 * (plan_module_state(), as the plan has it): a byte a trainee and
 * module is all the report keeps of them. */
struct slot {
	size_t stage, module;
	size_t at;			/* among all the curriculum's modules */
};

/* Rows that come by person and then by module id (drill results, quiz
 * attempts) are read a group at a time: the group being read. */
struct group {
	bool on;			/* one is being read */
	bool looked;			/* row is pid's, whether or not on */
	int64_t pid;			/* the person */
	size_t row;			/* their row, or (size_t)-1 */
	struct sb id;			/* the module id, in one buffer */
};

/* Whether a row of person pid and module id belongs to another group
 * than the one being read. */
static bool
group_ends(struct group *g, int64_t pid, const char *id)
{
	return !g->on || pid != g->pid || strcmp(id, sb_str(&g->id)) != 0;
}

struct bulk {
	struct rows *rs;
	const struct module *probation;	/* the plan's first assessment */
	unsigned char *modules;		/* by row, nmodules each */
	size_t nmodules;
	long *moved;			/* by row, a stage each */
	bool *opened;			/* by row, a stage each: opened early */
	struct idmap people, enrollments;	/* ids to rows */
	/* the ids of each kind of module (a sign-off: its stage's) to
	 * their places, a list ending with a stage of (size_t)-1 */
	struct strmap where[MOD_SCENARIO + 1];
	struct arena *a;
	/* drill results come by person and drill: the group being read */
	struct group drill;
	long results;
	bool *met;			/* by module of the group's places */
	struct drill_best *best;	/* the group's, when kept */
	size_t unmet;			/* places not met yet */
	const struct slot *places;
	/* quiz attempts come by person and quiz too, and chat runs by
	 * person and scenario */
	struct tallied {
		struct group g;
		struct quiz_tally t;
		enum module_kind kind;	/* MOD_QUIZ or MOD_SCENARIO */
	} quiz, chat;
};

static const struct slot *
bulk_where(const struct bulk *b, enum module_kind kind, const char *id)
{
	return strmap_get(&b->where[kind], id ? id : "");
}

const struct module *
facts_probation(const struct curriculum *cu, size_t *stage)
{
	size_t i, j;

	for (i = 0; i < cu->nstages; i++)
		for (j = 0; j < cu->stages[i].nmodules; j++)
			if (cu->stages[i].modules[j].kind == MOD_ASSESSMENT) {
				if (stage)
					*stage = i;
				return &cu->stages[i].modules[j];
			}
	return NULL;
}

/* Starts the group of person pid and module id; the person's row is
 * looked up once a person, as rows come by person. */
static void
group_begin(struct bulk *b, struct group *g, int64_t pid, const char *id)
{
	if (!g->looked || g->pid != pid)
		g->row = idmap_row(&b->people, pid);
	g->on = g->looked = true;
	g->pid = pid;
	sb_reset(&g->id);
	sb_adds(&g->id, id);
}

/* Sets the state of a module of a row from its facts. */
static void
bulk_state(struct bulk *b, size_t row, const struct slot *s,
	   const struct module_fact *f)
{
	b->modules[row * b->nmodules + s->at] = (unsigned char)
	    plan_module_state(&b->rs->cu->stages[s->stage].modules[s->module], f);
}

/* Sets the state of each module that a fact names: the id of a trainee
 * (or of their enrollment) and a module id, with the facts set takes
 * from it. */
static void
bulk_set(struct bulk *b, const struct fact *r, bool by_enrollment,
	 enum module_kind kind, void (*set)(struct module_fact *, const struct fact *))
{
	size_t row = idmap_row(by_enrollment ? &b->enrollments : &b->people, r->id);
	const struct slot *s;
	struct module_fact f;

	if (row == (size_t)-1)
		return;
	memset(&f, 0, sizeof(f));
	f.quiz.best = -1;
	set(&f, r);
	for (s = bulk_where(b, kind, r->module); s && s->stage != (size_t)-1; s++)
		bulk_state(b, row, s, &f);
}

static void
set_read(struct module_fact *f, const struct fact *r)
{
	(void)r;
	f->read = true;
}

static void
set_signed(struct module_fact *f, const struct fact *r)
{
	(void)r;
	f->signed_off = true;
}

static void
set_passed(struct module_fact *f, const struct fact *r)
{
	f->passed = store_outcome_of(r->state) == OUTCOME_PASS;
}

static void
bulk_lesson(const struct fact *r, void *arg)
{
	bulk_set(arg, r, false, MOD_LESSON, set_read);
}

/* Ends a person's group of attempts at one quiz, or of runs of one
 * scenario: the facts kept for the gradebook, the states set. */
static void
tallied_flush(struct bulk *b, struct tallied *x)
{
	const struct rows *rs = b->rs;
	bool chat = x->kind == MOD_SCENARIO;
	struct quiz_facts *keep = chat ? rs->chat : rs->quiz;
	const struct slot *s;
	struct module_fact f;

	if (x->g.on && x->g.row != (size_t)-1) {
		const char *id = sb_str(&x->g.id);
		long at = keep == NULL ? -1 : chat ? facts_chat_index(rs, id) : facts_quiz_index(rs, id);

		if (at >= 0)
			keep[x->g.row * (chat ? rs->nchat : rs->nquiz) + (size_t)at] = x->t.f;
		memset(&f, 0, sizeof(f));
		f.quiz = x->t.f;
		for (s = bulk_where(b, x->kind, id); s && s->stage != (size_t)-1; s++)
			bulk_state(b, x->g.row, s, &f);
	}
	x->g.on = false;
}

/* Starts the group of a fact (person, id, ...) when the one being read
 * ends; false when the person is none of the rows. */
static bool
tallied_row(struct bulk *b, struct tallied *x, const struct fact *r)
{
	if (group_ends(&x->g, r->id, r->module)) {
		tallied_flush(b, x);
		group_begin(b, &x->g, r->id, r->module);
		quiz_tally_start(&x->t);
	}
	return x->g.row != (size_t)-1;
}

/* An attempt: person, quiz, state, percent. A quiz's facts, as the plan
 * has them: finished attempts (pending or final), the best final
 * percent, whether one waits for grading, whether one is open. */
static void
bulk_quiz(const struct fact *r, void *arg)
{
	struct bulk *b = arg;

	if (tallied_row(b, &b->quiz, r))
		quiz_tally_add(&b->quiz.t, r->state, r->has_percent,
			       r->has_percent ? r->percent : 0);
}

/* A run: person, scenario, state, percent, counted; tallied as
 * store_chat_facts() tallies one person's. */
static void
bulk_chat(const struct fact *r, void *arg)
{
	struct bulk *b = arg;

	if (tallied_row(b, &b->chat, r))
		quiz_tally_add_run(&b->chat.t, r->state, r->has_percent,
				   r->has_percent ? r->percent : 0, r->counted);
}

static void
bulk_signoff(const struct fact *r, void *arg)
{
	bulk_set(arg, r, true, MOD_SIGNOFF, set_signed);
}

static void
bulk_assess(const struct fact *r, void *arg)
{
	struct bulk *b = arg;
	size_t row = idmap_row(&b->enrollments, r->id);

	bulk_set(b, r, true, MOD_ASSESSMENT, set_passed);
	if (row != (size_t)-1 && b->probation &&
	    strcmp(r->module, b->probation->id) == 0)
		b->rs->v[row].probation = store_outcome_of(r->state);
	if (row != (size_t)-1 && store_outcome_of(r->state) == OUTCOME_FAIL &&
	    bulk_where(b, MOD_ASSESSMENT, r->module)) {
		b->rs->v[row].failed = arena_strdup(b->rs->a, r->module);
		b->rs->v[row].failed_at = r->at;
	}
}

/* A stage opened early or a module exempted: done, whatever its facts. */
static void
bulk_exempt(const struct exemption *r, void *arg)
{
	struct bulk *b = arg;
	const struct curriculum *cu = b->rs->cu;
	size_t row = idmap_row(&b->enrollments, r->enrollment_id), i, j, at = 0;
	const char *stage = r->stage, *module = r->module;

	if (row == (size_t)-1)
		return;
	{
		/* said in the row: "probation opened early (wang: 有经验)" */
		struct sb sb = SB_INIT;
		struct row *x = &b->rs->v[row];

		if (x->exempt)
			sb_addf(&sb, "%s; ", x->exempt);
		if (*module)
			sb_addf(&sb, _("%s by exemption"), module);
		else
			sb_addf(&sb, _("%s opened early"), stage);
		sb_addf(&sb, " (%s: %s)", r->by, r->reason);
		x->exempt = arena_strdup(b->rs->a, sb_str(&sb));
		sb_free(&sb);
	}
	for (i = 0; i < cu->nstages; at += cu->stages[i].nmodules, i++) {
		if (strcmp(cu->stages[i].id, stage) != 0)
			continue;
		if (*module == '\0')
			b->opened[row * cu->nstages + i] = true;
		for (j = 0; *module && j < cu->stages[i].nmodules; j++)
			if (strcmp(cu->stages[i].modules[j].id, module) == 0)
				b->modules[row * b->nmodules + at + j] = MODULE_DONE;
	}
}

static void
bulk_stage(const struct stage_mark *r, void *arg)
{
	struct bulk *b = arg;
	const struct curriculum *cu = b->rs->cu;
	size_t row = idmap_row(&b->enrollments, r->enrollment_id);

	if (row != (size_t)-1)
		kefu_stage_row(cu, r, &b->rs->completed[row * cu->nstages],
			       &b->moved[row * cu->nstages]);
}

/* Ends a person's group of results of one drill. */
static void
bulk_drill_flush(struct bulk *b)
{
	const struct slot *s;
	struct module_fact f;
	size_t i;

	memset(&f, 0, sizeof(f));
	f.quiz.best = -1;
	if (b->drill.on && b->drill.row != (size_t)-1)
		for (s = b->places, i = 0; s && s->stage != (size_t)-1; s++, i++) {
			f.drill.results = (int)b->results;
			f.drill.met = b->met[i];
			bulk_state(b, b->drill.row, s, &f);
		}
	b->drill.on = false;
}

static void
bulk_drill(const struct fact *r, void *arg)
{
	struct bulk *b = arg;
	const char *drill = r->module;
	int64_t pid = r->id;
	size_t i;
	const struct slot *s;

	if (group_ends(&b->drill, pid, drill)) {
		bulk_drill_flush(b);
		group_begin(b, &b->drill, pid, drill);
		b->results = 0;
		b->places = bulk_where(b, MOD_DRILL, drill);
		b->best = NULL;
		if (b->rs->drill && b->drill.row != (size_t)-1) {
			long at = facts_drill_index(b->rs, drill);

			if (at >= 0)
				b->best = &b->rs->drill[b->drill.row * b->rs->ndrill + (size_t)at];
		}
		b->unmet = 0;
		for (s = b->places, i = 0; s && s->stage != (size_t)-1; s++, i++) {
			b->met[i] = false;
			b->unmet++;
		}
	}
	if (b->best) {
		b->best->results++;
		if (r->counted && (b->best->counted++ == 0 || r->speed > b->best->speed)) {
			b->best->speed = r->speed;
			b->best->accuracy = r->accuracy;
		}
	}
	b->results++;
	/* a result is read only while a gate of the drill is not met yet,
	 * and once for all its places */
	if (b->unmet) {
		for (s = b->places, i = 0; s && s->stage != (size_t)-1; s++, i++)
			if (!b->met[i] &&
			    (b->met[i] = plan_drill_meets(&b->rs->cu->stages[s->stage].modules[s->module],
							  r->speed, r->accuracy, r->counted)))
				b->unmet--;
	}
}

/* Attempts given back: person, quiz, how many. */
static void
bulk_grant(const struct fact *r, void *arg)
{
	struct bulk *b = arg;
	size_t row = idmap_row(&b->people, r->id);
	const char *id = r->module;
	long at;

	/* a scenario's runs given back, under "chat:ID" */
	if (strncmp(id, "chat:", 5) == 0) {
		at = facts_chat_index(b->rs, id + 5);
		if (row != (size_t)-1 && at >= 0)
			b->rs->chat[row * b->rs->nchat + (size_t)at].granted = r->count;
		return;
	}
	at = facts_quiz_index(b->rs, id);
	if (row != (size_t)-1 && at >= 0)
		b->rs->quiz[row * b->rs->nquiz + (size_t)at].granted = r->count;
}

static void
bulk_active(const struct fact *r, void *arg)
{
	struct bulk *b = arg;
	size_t row = idmap_row(&b->people, r->id);

	if (row != (size_t)-1)
		b->rs->active[row] = r->at;
}

/* Where each module id of the curriculum is, for the callbacks above. */
static void
bulk_places(struct bulk *b, const struct curriculum *cu)
{
	size_t i, j, n, at = 0;

	for (i = 0; i < cu->nstages; i++)
		for (j = 0; j < cu->stages[i].nmodules; j++, at++) {
			const struct module *m = &cu->stages[i].modules[j];
			const char *id = m->kind == MOD_SIGNOFF ? cu->stages[i].id :
			    m->id ? m->id : "";
			struct slot *s = strmap_get(&b->where[m->kind], id);

			if (s == NULL) {
				/* room for every place, then the end mark */
				s = arena_alloc(b->a, (b->nmodules + 1) * sizeof(*s));
				for (n = 0; n <= b->nmodules; n++)
					s[n].stage = (size_t)-1;
				strmap_put(&b->where[m->kind], id, s);
			}
			for (n = 0; s[n].stage != (size_t)-1; n++)
				;
			s[n].stage = i;
			s[n].module = j;
			s[n].at = at;
		}
}

static int
bulk_read(struct kefu *k, struct rows *rs)
{
	const struct curriculum *cu = rs->cu;
	struct store *st = kefu_store(k);
	size_t ns = cu->nstages, i;
	struct bulk b;
	int rc;

	memset(&b, 0, sizeof(b));
	b.rs = rs;
	b.a = arena_new();
	b.quiz.kind = MOD_QUIZ;
	b.chat.kind = MOD_SCENARIO;
	for (i = 0; i < ns; i++)
		b.nmodules += cu->stages[i].nmodules;
	/* every module starts as not begun: its state with no facts */
	b.modules = xcalloc(rs->n * b.nmodules + 1, sizeof(*b.modules));
	b.moved = xreallocarray(NULL, rs->n * ns + 1, sizeof(*b.moved));
	b.opened = xcalloc(rs->n * ns + 1, sizeof(*b.opened));
	for (i = 0; i < rs->n * ns; i++)
		b.moved[i] = -1;
	rs->states = xcalloc(rs->n * ns + 1, sizeof(*rs->states));
	rs->due = xcalloc(rs->n * ns + 1, sizeof(*rs->due));
	rs->completed = xcalloc(rs->n * ns + 1, sizeof(*rs->completed));
	b.met = xcalloc(b.nmodules + 1, sizeof(*b.met));
	bulk_places(&b, cu);
	b.probation = facts_probation(cu, NULL);
	idmap_init(&b.people, rs, false);
	idmap_init(&b.enrollments, rs, true);
	rc = store_all_lessons(st, bulk_lesson, &b) != 0 ||
	    store_all_quiz_facts(st, bulk_quiz, &b) != 0 ||
	    store_all_drills(st, bulk_drill, &b) != 0 ||
	    store_all_chat_facts(st, bulk_chat, &b) != 0 ||
	    store_all_signoffs(st, bulk_signoff, &b) != 0 ||
	    store_all_assessments(st, bulk_assess, &b) != 0 ||
	    store_all_stage_rows(st, bulk_stage, &b) != 0;
	bulk_drill_flush(&b);
	tallied_flush(&b, &b.quiz);
	tallied_flush(&b, &b.chat);
	/* last: an exemption stands over the facts */
	rc = rc || store_all_exemptions(st, bulk_exempt, &b) != 0;
	rc = rc || (rs->quiz && store_all_grants(st, bulk_grant, &b) != 0);
	rc = rc || (rs->active && store_all_active(st, bulk_active, &b) != 0);
	{
		/* the first assessment of the plan is probation (上岗检测) */
		const struct module *pm = facts_probation(cu, NULL);
		size_t at = 0, si, mj;

		for (si = 0; pm && si < ns; si++)
			for (mj = 0; mj < cu->stages[si].nmodules; mj++, at++)
				if (&cu->stages[si].modules[mj] == pm)
					goto found;
found:
		for (i = 0; pm && i < rs->n; i++)
			rs->v[i].probation_done = b.modules[i * b.nmodules + at] == MODULE_DONE;
	}
	for (i = 0; i < rs->n; i++) {
		struct standing *s = &rs->v[i].s;

		s->cu = cu;
		s->states = &rs->states[i * ns];
		s->due = &rs->due[i * ns];
		s->completed = &rs->completed[i * ns];
		plan_stages_of(cu, &b.modules[i * b.nmodules], &b.opened[i * ns], s->states);
		kefu_standing_dues(k, cu, &rs->v[i].e, &b.moved[i * ns], s);
	}
	for (i = 0; i <= MOD_SCENARIO; i++)
		strmap_free(&b.where[i]);
	sb_free(&b.drill.id);
	sb_free(&b.quiz.g.id);
	sb_free(&b.chat.g.id);
	arena_free(b.a);
	rs->modules = b.modules;
	rs->nmodules = b.nmodules;
	free(b.moved);
	free(b.opened);
	idmap_free(&b.people);
	idmap_free(&b.enrollments);
	free(b.met);
	return rc ? -1 : 0;
}

/* An id in a list of ids kept in plan order, once. */
static void
ids_add(struct strmap *at, const char ***ids, size_t *n, const char *id)
{
	if (id == NULL || strmap_get(at, id))
		return;
	*ids = xreallocarray(*ids, *n + 1, sizeof(**ids));
	(*ids)[*n] = id;
	strmap_put(at, id, (void *)(uintptr_t)++*n);
}

/* The quizzes and drills whose scores are kept, and room for them. */
static void
scores_init(struct rows *rs)
{
	const struct curriculum *cu = rs->cu;
	size_t i, j, p;

	for (i = 0; i < cu->nstages; i++)
		for (j = 0; j < cu->stages[i].nmodules; j++) {
			const struct module *m = &cu->stages[i].modules[j];

			if (m->kind == MOD_QUIZ)
				ids_add(&rs->quiz_at, &rs->quiz_ids, &rs->nquiz, m->id);
			else if (m->kind == MOD_DRILL)
				ids_add(&rs->drill_at, &rs->drill_ids, &rs->ndrill, m->id);
			else if (m->kind == MOD_SCENARIO)
				ids_add(&rs->chat_at, &rs->chat_ids, &rs->nchat, m->id);
			for (p = 0; m->kind == MOD_ASSESSMENT && p < m->nparts; p++)
				if (m->parts[p].kind == PART_QUIZ)
					ids_add(&rs->quiz_at, &rs->quiz_ids, &rs->nquiz,
						m->parts[p].ref);
		}
	rs->quiz = xcalloc(rs->n * rs->nquiz + 1, sizeof(*rs->quiz));
	rs->drill = xcalloc(rs->n * rs->ndrill + 1, sizeof(*rs->drill));
	rs->chat = xcalloc(rs->n * rs->nchat + 1, sizeof(*rs->chat));
	for (i = 0; i < rs->n * rs->nquiz; i++)
		rs->quiz[i].best = -1;
	/* a scenario's cells stay as calloc made them (no best: no runs)
	 * until a run is read, so a gradebook's pages for scenarios nobody
	 * has tried are never touched */
}

static long
index_of(const struct strmap *at, const char *id)
{
	void *v = id ? strmap_get(at, id) : NULL;

	return v ? (long)(uintptr_t)v - 1 : -1;
}

long
facts_quiz_index(const struct rows *rs, const char *id)
{
	return index_of(&rs->quiz_at, id);
}

long
facts_drill_index(const struct rows *rs, const char *id)
{
	return index_of(&rs->drill_at, id);
}

long
facts_chat_index(const struct rows *rs, const char *id)
{
	return index_of(&rs->chat_at, id);
}

enum module_state
facts_module(const struct rows *rs, size_t r, size_t at)
{
	return (enum module_state)rs->modules[r * rs->nmodules + at];
}

int
facts_gather(struct kefu *k, const struct curriculum *cu, unsigned want,
	     struct rows *rs)
{
	struct store *st = kefu_store(k);
	long was;
	bool small;
	int rc;

	memset(rs, 0, sizeof(*rs));
	rs->k = k;
	rs->cu = cu;
	rs->a = arena_new();
	/* every page is read once, in order, so a small page cache does:
	 * SQLite's 2 MiB one is 500 more pages for the process to fault
	 * in (about 12 us each on the VM measured, docs/PERFORMANCE.md) */
	small = store_cache_size(st, -STORE_REPORT_CACHE_KIB, &was);
	rc = store_people(st, (want & FACTS_LEFT) != 0, trainee_row, rs) != 0 ? -1 : 0;
	if (rc == 0 && (want & FACTS_SCORES))
		scores_init(rs);
	if (rc == 0 && (want & FACTS_ACTIVE))
		rs->active = xcalloc(rs->n + 1, sizeof(*rs->active));
	if (rc == 0)
		rc = bulk_read(k, rs);
	if (small)
		store_cache_size(st, was, &was);
	return rc;
}

void
facts_free(struct rows *rs)
{
	arena_free(rs->a);
	free(rs->v);
	free(rs->states);
	free(rs->due);
	free(rs->completed);
	free(rs->modules);
	free(rs->quiz_ids);
	free(rs->drill_ids);
	free(rs->chat_ids);
	free(rs->chat);
	strmap_free(&rs->chat_at);
	free(rs->quiz);
	free(rs->drill);
	free(rs->active);
	strmap_free(&rs->quiz_at);
	strmap_free(&rs->drill_at);
}

long
facts_days_late(const struct kefu *k, const struct row *x)
{
	size_t cur = x->s.current;

	if (cur >= x->s.cu->nstages || x->s.due[cur] < 0 || k->today <= x->s.due[cur])
		return 0;
	return k->today - x->s.due[cur];
}

char *
facts_failed_words(const struct row *x)
{
	char day[11];

	if (x->failed == NULL)
		return NULL;
	return xasprintf(_("failed %s on %s"), x->failed,
			 date_format(date_of((time_t)x->failed_at), day));
}
