/* cmd-report.c: `kefu report stages|trainee|overdue|probation|elite`:
 * what trainers and managers ask of the records, as a table, CSV, JSON
 * or (stages) a self-contained HTML page. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "date.h"
#include "kefu.h"
#include "kpi.h"
#include "priv.h"
#include "table.h"
#include "text.h"

struct opts {
	enum table_format format;
	bool bom;
	const char *html, *period, *curriculum, *stage;
};

/* A trainee in the report, with where they stand. */
struct row {
	struct person p;
	struct enrollment e;
	struct standing s;	/* no facts; its arrays are the rows' */
	const char *failed;	/* an assessment whose latest outcome is fail */
	long long failed_at;
	bool probation_done;	/* the first assessment: passed or exempted */
	char *exempt;		/* exemptions and stages opened early, in words */
};

struct rows {
	struct kefu *k;
	const struct curriculum *cu;
	struct row *v;
	size_t n, cap;
	struct arena *a;	/* the rows' strings */
	char *role, *curriculum;	/* of every row, as checked */
	/* a stage each for every row, where the standings point */
	enum stage_state *states;
	long *due;
	long long *completed;
};

/* The rows' strings live in one arena: 2 000 trainees are 12 000 of them. */
static char *
row_strdup(struct rows *rs, const char *s)
{
	return s ? arena_strdup(rs->a, s) : NULL;
}

static void
trainee_row(const struct store_row *r, void *arg)
{
	struct rows *rs = arg;
	struct row *x;

	if (strcmp(store_col_text(r, 3), "trainee") != 0 || store_col_null(r, 6) ||
	    strcmp(store_col_text(r, 7), rs->cu->id) != 0)
		return;
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 32;
		rs->v = xreallocarray(rs->v, rs->cap, sizeof(*rs->v));
	}
	x = &rs->v[rs->n++];
	memset(x, 0, sizeof(*x));
	x->p.id = store_col_int(r, 0);
	x->p.login = row_strdup(rs, store_col_text(r, 1));
	x->p.name = row_strdup(rs, store_col_text(r, 2));
	/* every row's role and curriculum are the same two words: one copy */
	if (rs->role == NULL) {
		rs->role = row_strdup(rs, store_col_text(r, 3));
		rs->curriculum = row_strdup(rs, store_col_text(r, 7));
	}
	x->p.role = rs->role;
	x->p.hired = row_strdup(rs, store_col_text(r, 4));
	x->p.active = true;
	x->e.id = store_col_int(r, 6);
	x->e.person_id = x->p.id;
	x->e.curriculum = rs->curriculum;
	x->e.started = row_strdup(rs, store_col_text(r, 8));
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
	unsigned char *modules;		/* by row, nmodules each */
	size_t nmodules;
	long *moved;			/* by row, a stage each */
	bool *opened;			/* by row, a stage each: opened early */
	struct idmap people, enrollments;	/* ids to rows */
	/* the ids of each kind of module (a sign-off: its stage's) to
	 * their places, a list ending with a stage of (size_t)-1 */
	struct strmap where[MOD_ASSESSMENT + 1];
	struct arena *a;
	/* drill results come by person and drill: the group being read */
	struct group drill;
	long results;
	bool *met;			/* by module of the group's places */
	size_t unmet;			/* places not met yet */
	const struct slot *places;
	/* quiz attempts come by person and quiz too */
	struct group quiz;
	struct quiz_tally qt;
};

static const struct slot *
bulk_where(const struct bulk *b, enum module_kind kind, const char *id)
{
	return strmap_get(&b->where[kind], id ? id : "");
}

/* The first assessment module of the plan (probation, 上岗检测), and
 * its stage; NULL when the plan has none. */
static const struct module *
probation_module(const struct curriculum *cu, size_t *stage)
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

/* Sets the state of each module that a row's first two columns name:
 * the id of a trainee (or of their enrollment) and a module id, with
 * the facts set takes from the row. */
static void
bulk_set(struct bulk *b, const struct store_row *r, bool by_enrollment,
	 enum module_kind kind, void (*set)(struct module_fact *, const struct store_row *))
{
	size_t row = idmap_row(by_enrollment ? &b->enrollments : &b->people,
			       store_col_int(r, 0));
	const struct slot *s;
	struct module_fact f;

	if (row == (size_t)-1)
		return;
	memset(&f, 0, sizeof(f));
	f.quiz.best = -1;
	set(&f, r);
	for (s = bulk_where(b, kind, store_col_text(r, 1)); s && s->stage != (size_t)-1; s++)
		bulk_state(b, row, s, &f);
}

static void
set_read(struct module_fact *f, const struct store_row *r)
{
	(void)r;
	f->read = true;
}

static void
set_signed(struct module_fact *f, const struct store_row *r)
{
	(void)r;
	f->signed_off = true;
}

static void
set_passed(struct module_fact *f, const struct store_row *r)
{
	f->passed = store_outcome_of(store_col_text(r, 2)) == OUTCOME_PASS;
}

static void
bulk_lesson(const struct store_row *r, void *arg)
{
	bulk_set(arg, r, false, MOD_LESSON, set_read);
}

/* Ends a person's group of attempts at one quiz. */
static void
bulk_quiz_flush(struct bulk *b)
{
	const struct slot *s;
	struct module_fact f;

	if (b->quiz.on && b->quiz.row != (size_t)-1) {
		memset(&f, 0, sizeof(f));
		f.quiz = b->qt.f;
		for (s = bulk_where(b, MOD_QUIZ, sb_str(&b->quiz.id)); s && s->stage != (size_t)-1; s++)
			bulk_state(b, b->quiz.row, s, &f);
	}
	b->quiz.on = false;
}

/* An attempt: person, quiz, state, percent. A quiz's facts, as the plan
 * has them: finished attempts (pending or final), the best final
 * percent, whether one waits for grading, whether one is open. */
static void
bulk_quiz(const struct store_row *r, void *arg)
{
	struct bulk *b = arg;
	int64_t pid = store_col_int(r, 0);
	const char *quiz = store_col_text(r, 1);
	bool has;

	if (group_ends(&b->quiz, pid, quiz)) {
		bulk_quiz_flush(b);
		group_begin(b, &b->quiz, pid, quiz);
		quiz_tally_start(&b->qt);
	}
	if (b->quiz.row == (size_t)-1)
		return;
	has = !store_col_null(r, 3);
	quiz_tally_add(&b->qt, store_col_text(r, 2), has, has ? store_col_real(r, 3) : 0);
}

static void
bulk_signoff(const struct store_row *r, void *arg)
{
	bulk_set(arg, r, true, MOD_SIGNOFF, set_signed);
}

static void
bulk_assess(const struct store_row *r, void *arg)
{
	struct bulk *b = arg;
	size_t row = idmap_row(&b->enrollments, store_col_int(r, 0));

	bulk_set(b, r, true, MOD_ASSESSMENT, set_passed);
	if (row != (size_t)-1 && store_outcome_of(store_col_text(r, 2)) == OUTCOME_FAIL &&
	    bulk_where(b, MOD_ASSESSMENT, store_col_text(r, 1))) {
		b->rs->v[row].failed = arena_strdup(b->rs->a, store_col_text(r, 1));
		b->rs->v[row].failed_at = store_col_int(r, 3);
	}
}

/* A stage opened early or a module exempted: done, whatever its facts. */
static void
bulk_exempt(const struct store_row *r, void *arg)
{
	struct bulk *b = arg;
	const struct curriculum *cu = b->rs->cu;
	size_t row = idmap_row(&b->enrollments, store_col_int(r, 0)), i, j, at = 0;
	const char *stage = store_col_text(r, 1), *module = store_col_text(r, 2);

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
		sb_addf(&sb, " (%s: %s)", store_col_text(r, 3), store_col_text(r, 4));
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
bulk_stage(const struct store_row *r, void *arg)
{
	struct bulk *b = arg;
	const struct curriculum *cu = b->rs->cu;
	size_t row = idmap_row(&b->enrollments, store_col_int(r, 0));

	if (row != (size_t)-1)
		kefu_stage_row(cu, r, 1, &b->rs->completed[row * cu->nstages],
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
bulk_drill(const struct store_row *r, void *arg)
{
	struct bulk *b = arg;
	const char *drill = store_col_text(r, 1);
	int64_t pid = store_col_int(r, 0);
	size_t i;
	const struct slot *s;

	if (group_ends(&b->drill, pid, drill)) {
		bulk_drill_flush(b);
		group_begin(b, &b->drill, pid, drill);
		b->results = 0;
		b->places = bulk_where(b, MOD_DRILL, drill);
		b->unmet = 0;
		for (s = b->places, i = 0; s && s->stage != (size_t)-1; s++, i++) {
			b->met[i] = false;
			b->unmet++;
		}
	}
	b->results++;
	/* a result is read only while a gate of the drill is not met yet,
	 * and once for all its places */
	if (b->unmet) {
		double speed = store_col_real(r, 2), accuracy = store_col_real(r, 3);
		bool timed = store_col_int(r, 4) != 0;

		for (s = b->places, i = 0; s && s->stage != (size_t)-1; s++, i++)
			if (!b->met[i] &&
			    (b->met[i] = plan_drill_meets(&b->rs->cu->stages[s->stage].modules[s->module],
							  speed, accuracy, timed)))
				b->unmet--;
	}
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
	idmap_init(&b.people, rs, false);
	idmap_init(&b.enrollments, rs, true);
	rc = store_all_lessons(st, bulk_lesson, &b) != 0 ||
	    store_all_quiz_facts(st, bulk_quiz, &b) != 0 ||
	    store_all_drills(st, bulk_drill, &b) != 0 ||
	    store_all_signoffs(st, bulk_signoff, &b) != 0 ||
	    store_all_assessments(st, bulk_assess, &b) != 0 ||
	    store_all_stage_rows(st, bulk_stage, &b) != 0;
	bulk_drill_flush(&b);
	bulk_quiz_flush(&b);
	/* last: an exemption stands over the facts */
	rc = rc || store_all_exemptions(st, bulk_exempt, &b) != 0;
	{
		/* the first assessment of the plan is probation (上岗检测) */
		const struct module *pm = probation_module(cu, NULL);
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
	for (i = 0; i <= MOD_ASSESSMENT; i++)
		strmap_free(&b.where[i]);
	sb_free(&b.drill.id);
	sb_free(&b.quiz.id);
	arena_free(b.a);
	free(b.modules);
	free(b.moved);
	free(b.opened);
	idmap_free(&b.people);
	idmap_free(&b.enrollments);
	free(b.met);
	return rc ? -1 : 0;
}

/* Every active trainee enrolled in cu, in login order, with standings. */
static int
gather(struct kefu *k, const struct curriculum *cu, struct rows *rs)
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
	rc = store_people(st, false, trainee_row, rs) != 0 ? -1 : bulk_read(k, rs);
	if (small)
		store_cache_size(st, was, &was);
	return rc;
}

static void
rows_free(struct rows *rs)
{
	arena_free(rs->a);
	free(rs->v);
	free(rs->states);
	free(rs->due);
	free(rs->completed);
}
static long
days_late(const struct kefu *k, const struct row *x)
{
	size_t cur = x->s.current;

	if (cur >= x->s.cu->nstages || x->s.due[cur] < 0 || k->today <= x->s.due[cur])
		return 0;
	return k->today - x->s.due[cur];
}

static void
add_day(struct table *t, long day)
{
	char buf[11];

	if (day < 0)
		table_null(t);
	else
		table_text(t, date_format(day, buf));
}

static void
add_moment(struct table *t, long long at)
{
	if (at <= 0)
		table_null(t);
	else
		add_day(t, date_of((time_t)at));
}

/* Columns built at run time live in an arena with their names. */
struct cols {
	struct column *v;
	size_t n, cap;
	struct arena *a;
};

static void
col_add(struct cols *c, const char *key, const char *head)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->v = xreallocarray(c->v, c->cap, sizeof(*c->v));
	}
	c->v[c->n].key = arena_strdup(c->a, key);
	c->v[c->n].head = arena_strdup(c->a, head);
	c->n++;
}

/* A column keyed ID_SUFFIX. */
static void
col_add2(struct cols *c, const char *head, const char *id, const char *suffix)
{
	struct sb sb = SB_INIT;

	sb_addf(&sb, "%s_%s", id, suffix);
	col_add(c, sb_str(&sb), head);
	sb_free(&sb);
}

static void
cols_free(struct cols *c)
{
	free(c->v);
	arena_free(c->a);
}

/* ---- report stages ---- */

/* "failed probation-review on 2026-11-02" for a row whose latest
 * outcome of an assessment is a fail (caller frees), else NULL: the one
 * wording of every report. */
static char *
failed_words(const struct row *x)
{
	char day[11];

	if (x->failed == NULL)
		return NULL;
	return xasprintf(_("failed %s on %s"), x->failed,
			 date_format(date_of((time_t)x->failed_at), day));
}

static void
failed_cell(struct table *t, const struct row *x)
{
	char *s = failed_words(x);

	table_text(t, s);	/* NULL: a null */
	free(s);
}

static const char *
state_key(enum stage_state s)
{
	static const char *const keys[] = { "locked", "open", "in-progress", "complete" };

	return keys[s];
}

/* What each row of the stages table is made from. */
struct stages_fill {
	struct kefu *k;
	const struct rows *rs;
	bool wide;
	const char *names[STAGE_COMPLETE + 1], *ok;
};

/* Row j of the stages table. */
static void
stages_row(struct table *t, size_t j, void *arg)
{
	const struct stages_fill *sf = arg;
	const struct curriculum *cu = sf->rs->cu;
	const struct row *x = &sf->rs->v[j];
	size_t cur = x->s.current, i;
	bool wide = sf->wide;

	table_text(t, x->p.login);
	table_text(t, x->p.name);
	table_text(t, x->p.hired);
	if (cur < cu->nstages)
		table_text(t, wide ? cu->stages[cur].id : cu->stages[cur].title);
	else
		table_text(t, wide ? "done" : _("all complete"));
	for (i = 0; i < cu->nstages; i++) {
		if (wide) {
			table_text(t, state_key(x->s.states[i]));
			add_moment(t, x->s.states[i] == STAGE_COMPLETE ? x->s.completed[i] : 0);
		} else if (x->s.states[i] == STAGE_COMPLETE) {
			char buf[11], cell[16];
			size_t n = strlen(sf->ok);

			/* ✓ and the month and day it completed */
			memcpy(cell, sf->ok, n);
			if (x->s.completed[i] > 0) {
				cell[n++] = ' ';
				memcpy(cell + n, date_format(date_of((time_t)x->s.completed[i]), buf) + 5, 5);
				n += 5;
			}
			cell[n] = '\0';
			table_text(t, cell);
		} else
			table_text(t, x->s.states[i] == STAGE_LOCKED ? "·" :
				   sf->names[x->s.states[i]]);
	}
	add_day(t, cur < cu->nstages ? x->s.due[cur] : -1);
	table_num(t, (double)days_late(sf->k, x), 0);
	failed_cell(t, x);
	table_text(t, x->exempt);
}

/* The stages table's columns, and what its rows are made from. */
static void
stages_table(struct kefu *k, const struct rows *rs, bool wide, struct table *t,
	     struct cols *c, struct stages_fill *sf)
{
	const struct curriculum *cu = rs->cu;
	size_t i;

	col_add(c, "login", _("Login"));
	col_add(c, "name", _("Name"));
	col_add(c, "hired", _("Hired"));
	col_add(c, "stage", _("Current stage"));
	for (i = 0; i < cu->nstages; i++) {
		if (wide) {
			col_add2(c, cu->stages[i].title, cu->stages[i].id, "status");
			col_add2(c, cu->stages[i].title, cu->stages[i].id, "completed");
		} else {
			struct sb h = SB_INIT;

			sb_addf(&h, "%zu", i + 1);
			col_add(c, cu->stages[i].id, sb_str(&h));
			sb_free(&h);
		}
	}
	col_add(c, "due", _("Due"));
	col_add(c, "days_late", _("Days late"));
	col_add(c, "outcome", _("Outcome"));
	col_add(c, "exemptions", _("Exemptions"));
	table_init(t, "stages", c->v, c->n);
	sf->k = k;
	sf->rs = rs;
	sf->wide = wide;
	sf->ok = k->utf8_term ? "✓" : "ok";
	/* the names, translated once rather than once a cell */
	for (i = 0; i < ARRAY_SIZE(sf->names); i++)
		sf->names[i] = plan_stage_state_name((enum stage_state)i);
}

static void
html_text(struct sb *sb, const char *s)
{
	struct sb tmp = SB_INIT;
	const char *p;

	text_inert(&tmp, s ? s : "", false);
	for (p = sb_str(&tmp); *p; p++)
		switch (*p) {
		case '&': sb_adds(sb, "&amp;"); break;
		case '<': sb_adds(sb, "&lt;"); break;
		case '>': sb_adds(sb, "&gt;"); break;
		case '"': sb_adds(sb, "&quot;"); break;
		case '\'': sb_adds(sb, "&#39;"); break;
		default: sb_addc(sb, *p);
		}
	sb_free(&tmp);
}

static const char *
state_color(enum stage_state s)
{
	switch (s) {
	case STAGE_COMPLETE: return "#2e7d32";
	case STAGE_STARTED: return "#f9a825";
	case STAGE_OPEN: return "#90caf9";
	default: return "#e0e0e0";
	}
}

/* One page, no scripts and nothing fetched: a funnel of how many reached
 * each stage, then a bar per trainee with a block per stage. */
static void
stages_html(struct kefu *k, const struct rows *rs, struct sb *h)
{
	const struct curriculum *cu = rs->cu;
	size_t i, j, *reached = xcalloc(cu->nstages + 1, sizeof(*reached));
	char today[11];
	int bw = 480, rowh = 26;

	for (j = 0; j < rs->n; j++)
		for (i = 0; i < cu->nstages && i <= rs->v[j].s.current; i++)
			reached[i]++;
	date_format(k->today, today);
	sb_adds(h, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	html_text(h, cu->title);
	sb_adds(h, " · kefu</title>\n<style>\n"
		"body{font-family:sans-serif;margin:2em;color:#222}\n"
		"table{border-collapse:collapse}td,th{padding:4px 10px;text-align:left}\n"
		"tr:nth-child(even){background:#f5f5f5}.late{color:#c62828;font-weight:bold}\n"
		"</style>\n</head>\n<body>\n<h1>");
	html_text(h, cu->title);
	sb_addf(h, "</h1>\n<p>%s · %zu %s</p>\n", today, rs->n, _("trainees"));

	sb_addf(h, "<h2>%s</h2>\n<svg id=\"funnel\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%zu\" role=\"img\">\n",
		_("Stage funnel"), bw + 260, cu->nstages * (size_t)rowh + 4);
	for (i = 0; i < cu->nstages; i++) {
		double w = rs->n ? (double)bw * (double)reached[i] / (double)rs->n : 0;
		int y = (int)i * rowh;

		sb_addf(h, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#1565c0\"/>",
			180 + (bw - w) / 2, y + 2, w, rowh - 4);
		sb_addf(h, "<text x=\"0\" y=\"%d\" font-size=\"14\">%zu ", y + rowh - 8, i + 1);
		html_text(h, cu->stages[i].title);
		sb_addf(h, "</text><text x=\"%d\" y=\"%d\" font-size=\"14\">%zu</text>\n",
			bw + 200, y + rowh - 8, reached[i]);
	}
	sb_adds(h, "</svg>\n");

	sb_addf(h, "<h2>%s</h2>\n<table id=\"trainees\">\n<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>\n",
		_("Trainees"), _("Name"), _("Hired"), _("Current stage"), _("Progress"),
		_("Days late"));
	for (j = 0; j < rs->n; j++) {
		const struct row *x = &rs->v[j];
		long late = days_late(k, x);
		int cw = 36;

		sb_adds(h, "<tr class=\"trainee\"><td>");
		html_text(h, x->p.name ? x->p.name : x->p.login);
		if (x->p.name) {
			sb_adds(h, " (");
			html_text(h, x->p.login);
			sb_adds(h, ")");
		}
		sb_adds(h, "</td><td>");
		html_text(h, x->p.hired);
		sb_adds(h, "</td><td>");
		html_text(h, x->s.current < cu->nstages ? cu->stages[x->s.current].title :
			  _("all complete"));
		if (x->failed) {
			char *f = failed_words(x);

			sb_adds(h, " <span class=\"late\">(");
			html_text(h, f);
			sb_adds(h, ")</span>");
			free(f);
		}
		sb_addf(h, "</td><td><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%zu\" height=\"16\">",
			cu->nstages * (size_t)cw);
		for (i = 0; i < cu->nstages; i++) {
			sb_addf(h, "<rect x=\"%zu\" y=\"2\" width=\"%d\" height=\"12\" fill=\"%s\"><title>",
				i * (size_t)cw, cw - 3, state_color(x->s.states[i]));
			html_text(h, cu->stages[i].title);
			sb_addf(h, ": %s</title></rect>", plan_stage_state_name(x->s.states[i]));
		}
		sb_addf(h, "</svg></td><td%s>%ld</td></tr>\n", late ? " class=\"late\"" : "", late);
	}
	sb_adds(h, "</table>\n</body>\n</html>\n");
	free(reached);
}

static int
report_stages(struct kefu *k, const struct curriculum *cu, const struct opts *o)
{
	struct rows rs;
	struct table t;
	struct cols c = { NULL, 0, 0, arena_new() };
	int rc = 0;

	if (gather(k, cu, &rs) != 0)
		return 1;
	if (o->html) {
		struct sb h = SB_INIT;

		stages_html(k, &rs, &h);
		/* the user names the file: written with the user's own group */
		priv_user();
		/* names and results: for the team, not the world */
		rc = write_atomic(o->html, h.buf, h.len, 0640, true) != 0;
		if (rc)
			error(_("cannot write '%s': %s"), o->html, strerror(errno));
		priv_group();
		if (rc == 0)
			fprintf(stderr, P_("Wrote %s (%zu trainee).\n", "Wrote %s (%zu trainees).\n", rs.n),
				o->html, rs.n);
		sb_free(&h);
	} else {
		struct stages_fill sf;

		stages_table(k, &rs, o->format != TABLE_TEXT, &t, &c, &sf);
		if (o->format == TABLE_TEXT && rs.n == 0)
			printf(_("No active trainees in %s.\n"), cu->id);
		else {
			struct sb sb = SB_INIT;

			/* a row at a time: 2 000 trainees are 26 000 cells */
			table_write_rows(&sb, stdout, &t, rs.n, stages_row, &sf,
					 o->format, o->bom);
			sb_free(&sb);
		}
		if (o->format == TABLE_TEXT && rs.n) {
			size_t i;

			printf(_("\nStages: "));
			for (i = 0; i < cu->nstages; i++) {
				struct sb sb = SB_INIT;

				text_inert(&sb, cu->stages[i].title, false);
				printf("%s%zu %s", i ? ", " : "", i + 1, sb_str(&sb));
				sb_free(&sb);
			}
			printf("\n");
		}
		table_free(&t);
	}
	cols_free(&c);
	rows_free(&rs);
	return rc;
}

/* ---- report overdue ---- */

static const struct column overdue_cols[] = {
	{ "login", N_("Login") }, { "name", N_("Name") }, { "stage", N_("Stage") },
	{ "title", N_("Title") }, { "due", N_("Due") }, { "days_late", N_("Days late") },
	{ "outcome", N_("Outcome") },
};

static int
by_lateness(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	long dx = x->s.due[x->s.current], dy = y->s.due[y->s.current];

	return dx < dy ? -1 : dx > dy ? 1 : strcmp(x->p.login, y->p.login);
}

static int
report_overdue(struct kefu *k, const struct curriculum *cu, const struct opts *o)
{
	struct rows rs;
	struct table t;
	size_t i, n = 0;

	if (gather(k, cu, &rs) != 0)
		return 1;
	/* the late ones first, the latest at the top */
	for (i = 0; i < rs.n; i++)
		if (days_late(k, &rs.v[i]) > 0)
			rs.v[n++] = rs.v[i];
	rs.n = n;
	qsort(rs.v, rs.n, sizeof(*rs.v), by_lateness);
	table_init(&t, "overdue", overdue_cols, ARRAY_SIZE(overdue_cols));
	for (i = 0; i < rs.n; i++) {
		const struct row *x = &rs.v[i];
		const struct stage *s = &cu->stages[x->s.current];

		table_text(&t, x->p.login);
		table_text(&t, x->p.name);
		table_text(&t, s->id);
		table_text(&t, s->title);
		add_day(&t, x->s.due[x->s.current]);
		table_num(&t, (double)days_late(k, x), 0);
		failed_cell(&t, x);
	}
	if (o->format == TABLE_TEXT && rs.n == 0)
		printf(_("Nobody is past a due date.\n"));
	else
		table_print(stdout, &t, o->format, o->bom);
	table_free(&t);
	rows_free(&rs);
	return 0;
}

/* ---- report probation ---- */

struct decision {
	int64_t id;
	char *outcome, *reason, *due, *by;
	long long at;
};

static void
decision_row(const struct store_row *r, void *arg)
{
	struct decision *d = arg;

	d->id = store_col_int(r, 0);
	d->outcome = xstrdup_null(store_col_text(r, 1));
	d->reason = xstrdup_null(store_col_text(r, 2));
	d->due = xstrdup_null(store_col_text(r, 3));
	d->by = xstrdup_null(store_col_text(r, 4));
	d->at = store_col_int(r, 5);
}

static void
decision_clear(struct decision *d)
{
	free(d->outcome);
	free(d->reason);
	free(d->due);
	free(d->by);
	memset(d, 0, sizeof(*d));
}

struct part_rows {
	const struct module *m;
	double *value;
	int *passed;	/* -1 unknown */
};

static void
part_row(const struct store_row *r, void *arg)
{
	struct part_rows *pr = arg;
	size_t i;

	for (i = 0; i < pr->m->nparts; i++)
		if (strcmp(pr->m->parts[i].id, store_col_text(r, 0)) == 0) {
			/* a part without a value (no quiz score) was still failed */
			pr->value[i] = store_col_null(r, 1) ? NAN : store_col_real(r, 1);
			pr->passed[i] = store_col_int(r, 2) != 0;
		}
}

/* An assessment's outcome as recorded, named for the catalogue. */
static const char *
outcome_word(const char *o)
{
	if (o == NULL)
		return NULL;
	return strcmp(o, "pass") == 0 ? N_("pass") : strcmp(o, "extend") == 0 ? N_("extend") :
	       strcmp(o, "fail") == 0 ? N_("fail") : o;
}

static int
report_probation(struct kefu *k, const struct curriculum *cu, const struct opts *o)
{
	struct store *st = kefu_store(k);
	const struct module *m = NULL;
	struct cols c = { NULL, 0, 0, arena_new() };
	struct rows rs;
	struct table t;
	size_t si, i, j;
	int rc = 1;

	if (o->stage) {
		if ((si = kefu_stage(cu, o->stage, "")) == cu->nstages)
			goto out_cols;
	} else {
		for (si = 0; si < cu->nstages; si++) {
			for (j = 0; j < cu->stages[si].nmodules; j++)
				if (cu->stages[si].modules[j].kind == MOD_ASSESSMENT)
					break;
			if (j < cu->stages[si].nmodules)
				break;
		}
		if (si == cu->nstages) {
			error(_("curriculum %s has no stage with an assessment"), cu->id);
			goto out_cols;
		}
	}
	for (j = 0; j < cu->stages[si].nmodules; j++)
		if (cu->stages[si].modules[j].kind == MOD_ASSESSMENT) {
			m = &cu->stages[si].modules[j];
			break;
		}
	if (m == NULL) {
		error(_("stage %s has no assessment"), cu->stages[si].id);
		goto out_cols;
	}
	if (gather(k, cu, &rs) != 0)
		goto out_cols;
	col_add(&c, "login", _("Login"));
	col_add(&c, "name", _("Name"));
	col_add(&c, "hired", _("Hired"));
	col_add(&c, "due", _("Due"));
	for (i = 0; i < m->nparts; i++) {
		col_add(&c, m->parts[i].id, m->parts[i].title ? m->parts[i].title : m->parts[i].id);
		col_add2(&c, _("Pass"), m->parts[i].id, "pass");
	}
	col_add(&c, "outcome", _("Outcome"));
	col_add(&c, "decided", _("Decided"));
	col_add(&c, "reason", _("Reason"));
	col_add(&c, "exemptions", _("Exemptions"));
	table_init(&t, "probation", c.v, c.n);
	for (j = 0; j < rs.n; j++) {
		const struct row *x = &rs.v[j];
		struct decision d = { 0 };
		struct part_rows pr;

		/* in the stage: their current one, or opened early for them */
		if (x->s.states[si] != STAGE_OPEN && x->s.states[si] != STAGE_STARTED)
			continue;
		pr.m = m;
		pr.value = xcalloc(m->nparts, sizeof(*pr.value));
		pr.passed = xcalloc(m->nparts, sizeof(*pr.passed));
		for (i = 0; i < m->nparts; i++)
			pr.passed[i] = -1;
		if (store_assessment_latest(st, x->e.id, m->id, decision_row, &d) != 0 ||
		    (d.id && store_assessment_parts(st, d.id, part_row, &pr) != 0)) {
			free(pr.value);
			free(pr.passed);
			decision_clear(&d);
			goto out;
		}
		table_text(&t, x->p.login);
		table_text(&t, x->p.name);
		table_text(&t, x->p.hired);
		add_day(&t, x->s.due[si]);
		for (i = 0; i < m->nparts; i++) {
			const struct part *pt = &m->parts[i];

			/* a decision shows the figures it was made on */
			if (d.id)
				;
			else if (pt->kind == PART_QUIZ) {
				struct quiz_facts f;

				if (store_quiz_facts(st, x->p.id, pt->ref, &f) != 0) {
					free(pr.value);
					free(pr.passed);
					decision_clear(&d);
					goto out;
				}
				if (f.best >= 0) {
					pr.value[i] = f.best;
					pr.passed[i] = plan_part_passed(pt, f.best);
				}
			} else if (pt->kind == PART_KPI) {
				char period[8], now[8];
				double v = 0;
				int found = store_kpi_latest(st, x->p.id, pt->ref,
							     kpi_period_format(kefu_month(k), now),
							     &v, period);

				if (found < 0) {
					free(pr.value);
					free(pr.passed);
					decision_clear(&d);
					goto out;
				}
				if (found) {
					pr.value[i] = v;
					pr.passed[i] = plan_part_passed(pt, v);
				}
			}
			if (pr.passed[i] < 0) {
				table_null(&t);
				table_null(&t);
			} else {
				table_num(&t, pr.value[i], pt->kind == PART_QUIZ ? 0 : 1);
				table_word(&t, pr.passed[i] ? N_("pass") : N_("fail"));
			}
		}
		table_word(&t, outcome_word(d.outcome));
		add_moment(&t, d.at);
		table_text(&t, d.reason);
		table_text(&t, x->exempt);
		free(pr.value);
		free(pr.passed);
		decision_clear(&d);
	}
	if (o->format == TABLE_TEXT && t.nrows == 0)
		printf(_("Nobody is in stage %zu (%s).\n"), si + 1, cu->stages[si].id);
	else
		table_print(stdout, &t, o->format, o->bom);
	rc = 0;
out:
	table_free(&t);
	rows_free(&rs);
out_cols:
	cols_free(&c);
	return rc;
}

/* ---- report elite ---- */

struct elite_person {
	int64_t id;
	char *login, *name;
	double *v;
	bool *has;
};

struct elite {
	const struct curriculum *cu;
	struct elite_person *v;
	size_t n, cap;
};

static void
elite_row(const struct store_row *r, void *arg)
{
	struct elite *el = arg;
	const char *kpi = store_col_text(r, 3);
	struct elite_person *x = el->n ? &el->v[el->n - 1] : NULL;
	size_t k;

	/* rows come by login: a new login starts a person */
	if (x == NULL || x->id != store_col_int(r, 0)) {
		if (el->n == el->cap) {
			el->cap = el->cap ? el->cap * 2 : 32;
			el->v = xreallocarray(el->v, el->cap, sizeof(*el->v));
		}
		x = &el->v[el->n++];
		x->id = store_col_int(r, 0);
		x->login = xstrdup_null(store_col_text(r, 1));
		x->name = xstrdup_null(store_col_text(r, 2));
		x->v = xcalloc(el->cu->nkpis + 1, sizeof(*x->v));
		x->has = xcalloc(el->cu->nkpis + 1, sizeof(*x->has));
	}
	for (k = 0; k < el->cu->nkpis; k++)
		if (strcmp(el->cu->kpis[k].id, kpi) == 0) {
			x->v[k] = store_col_real(r, 4);
			x->has[k] = true;
		}
}

static void
last_period(const struct store_row *r, void *arg)
{
	const char *p = store_col_text(r, 0);

	if (p)
		*(char **)arg = xstrdup(p);
}

static int
report_elite(struct kefu *k, const struct curriculum *cu, const struct opts *o)
{
	struct store *st = kefu_store(k);
	struct elite el = { cu, NULL, 0, 0 };
	struct cols c = { NULL, 0, 0, arena_new() };
	struct kpi_figures *figs = NULL;
	struct table t;
	char *period = NULL;
	double *mean = NULL, *margin = NULL, *cv = NULL;
	bool *lower = NULL, *elite = NULL, *ch = NULL;
	size_t i, j, kk, n, nu = 0, *use = NULL, left = 0;
	struct rows rs = { 0 };
	const struct module *pm;
	char **why = NULL;
	int rc = 1;

	if (cu->nkpis == 0) {
		error(_("curriculum %s lists no KPIs"), cu->id);
		goto out;
	}
	if (o->period) {
		kpi_month m;

		if (!kpi_period_parse(o->period, &m)) {
			struct sb sb = SB_INIT;

			text_inert(&sb, o->period, false);
			error(_("period '%s' is not a month: write it as YYYY-MM, such as 2026-11"),
			      sb_str(&sb));
			sb_free(&sb);
			goto out;
		}
		period = xmalloc(8);
		kpi_period_format(m, period);
	} else {
		char now[8];

		if (store_kpi_last_period(st, kpi_period_format(kefu_month(k), now), last_period,
					  &period) != 0)
			goto out;
	}
	if (period == NULL) {
		printf(_("No KPI figures are recorded yet ('kefu kpi import' or 'kefu kpi set').\n"));
		rc = 0;
		goto out;
	}
	if (store_kpi_period(st, period, elite_row, &el) != 0)
		goto out;
	/* a KPI nobody has a figure for in the period is left out, not
	 * held against everyone */
	use = xcalloc(cu->nkpis + 1, sizeof(*use));
	for (kk = 0; kk < cu->nkpis; kk++)
		for (i = 0; i < el.n; i++)
			if (el.v[i].has[kk]) {
				use[nu++] = kk;
				break;
			}
	figs = xcalloc(el.n + 1, sizeof(*figs));
	lower = xcalloc(nu + 1, sizeof(*lower));
	mean = xcalloc(nu + 1, sizeof(*mean));
	margin = xcalloc((el.n + 1) * (nu + 1), sizeof(*margin));
	elite = xcalloc(el.n + 1, sizeof(*elite));
	cv = xcalloc((el.n + 1) * (nu + 1), sizeof(*cv));
	ch = xcalloc((el.n + 1) * (nu + 1), sizeof(*ch));
	for (j = 0; j < nu; j++)
		lower[j] = cu->kpis[use[j]].lower_better;
	for (i = 0; i < el.n; i++) {
		for (j = 0; j < nu; j++) {
			cv[i * nu + j] = el.v[i].v[use[j]];
			ch[i * nu + j] = el.v[i].has[use[j]];
		}
		figs[i].v = &cv[i * nu];
		figs[i].has = &ch[i * nu];
	}
	n = kpi_elite(nu, lower, el.n, figs, mean, margin, elite);
	/* beating the mean is not enough: a person on the elite list has
	 * passed probation (the team mean still counts everyone) */
	if (gather(k, cu, &rs) != 0)
		goto out;
	pm = probation_module(cu, NULL);
	why = xcalloc(el.n + 1, sizeof(*why));
	for (i = 0; i < el.n; i++) {
		const struct row *x = NULL;

		if (!elite[i])
			continue;
		for (j = 0; j < rs.n; j++)
			if (rs.v[j].p.id == el.v[i].id)
				x = &rs.v[j];
		if (x && x->failed)
			why[i] = failed_words(x);
		else if (x && pm && !x->probation_done)
			why[i] = xasprintf(_("has not passed %s"), pm->id);
		else if (x == NULL && pm)
			why[i] = xasprintf(_("is not a trainee in %s, so no %s is on record"),
					   cu->id, pm->id);
		if (why[i]) {
			elite[i] = false;
			n--;
			left++;
		}
	}

	col_add(&c, "row", _("Row"));
	col_add(&c, "login", _("Login"));
	col_add(&c, "name", _("Name"));
	for (j = 0; j < nu; j++) {
		const struct kpi *kp = &cu->kpis[use[j]];

		col_add(&c, kp->id, kp->title ? kp->title : kp->id);
		col_add2(&c, "±", kp->id, "margin");
	}
	col_add(&c, "left_out", _("Left out because"));
	table_init(&t, "elite", c.v, c.n);
	table_word(&t, N_("mean"));
	table_null(&t);
	table_text(&t, o->format == TABLE_TEXT ? _("team mean") : NULL);
	for (j = 0; j < nu; j++) {
		table_num(&t, mean[j], 2);
		table_null(&t);
	}
	table_null(&t);
	for (i = 0; i < el.n; i++) {
		if (!elite[i] && !why[i])
			continue;
		table_word(&t, elite[i] ? N_("elite") : N_("left-out"));
		table_text(&t, el.v[i].login);
		table_text(&t, el.v[i].name);
		for (j = 0; j < nu; j++) {
			table_num(&t, cv[i * nu + j], 2);
			table_num(&t, margin[i * nu + j], 2);
		}
		table_text(&t, why[i]);
	}
	if (o->format == TABLE_TEXT) {
		printf(_("Period %s: %zu of %zu people beat the team mean on every KPI.\n"),
		       period, n + left, el.n);
		if (left)
			printf(P_("%zu of them is left out of the elite list: the elite have passed probation.\n",
				  "%zu of them are left out of the elite list: the elite have passed probation.\n",
				  left), left);
		for (kk = 0, j = 0; kk < cu->nkpis; kk++) {
			if (j < nu && use[j] == kk) {
				j++;
				continue;
			}
			printf(_("No figures for %s in %s: left out.\n"), cu->kpis[kk].id, period);
		}
		printf("\n");
	}
	table_print(stdout, &t, o->format, o->bom);
	if (o->format == TABLE_TEXT) {
		printf(_("\n± is how far each figure is on the better side of the mean ("));
		for (j = 0; j < nu; j++)
			printf("%s%s %s", j ? _(", ") : "", cu->kpis[use[j]].id,
			       cu->kpis[use[j]].lower_better ? _("lower is better") :
			       _("higher is better"));
		/* TRANSLATORS: closes the list of KPIs after "better side of the mean (" */
		fputs(_(").\n"), stdout);
	}
	table_free(&t);
	rc = 0;
out:
	for (i = 0; i < el.n; i++) {
		free(el.v[i].login);
		free(el.v[i].name);
		free(el.v[i].v);
		free(el.v[i].has);
	}
	free(el.v);
	free(figs);
	free(use);
	free(cv);
	free(ch);
	free(lower);
	free(mean);
	free(margin);
	free(elite);
	for (i = 0; why && i < el.n; i++)
		free(why[i]);
	free(why);
	free(period);
	if (rs.a)
		rows_free(&rs);
	cols_free(&c);
	return rc;
}

/* ---- report trainee ---- */

static const struct column transcript_cols[] = {
	{ "at", N_("When") }, { "kind", N_("What") }, { "item", N_("Item") },
	{ "result", N_("Result") }, { "by", N_("By") }, { "note", N_("Note") },
};

struct transcript {
	struct table *t;
	bool own;	/* the trainee reads their own: private notes left out */
};

static void
transcript_row(const struct store_row *r, void *arg)
{
	const struct transcript *tr = arg;
	struct table *t = tr->t;
	char when[17];

	table_text(t, date_format_time(store_col_int(r, 0), when));
	table_text(t, store_col_text(r, 1));
	table_text(t, store_col_text(r, 2));
	table_text(t, store_col_text(r, 3));
	table_text(t, store_col_text(r, 4));
	if (tr->own && store_col_int(r, 7))
		table_null(t);
	else
		table_text(t, store_col_text(r, 5));
}

static int
report_trainee(struct kefu *k, const char *login, const struct opts *o)
{
	struct person p;
	struct table t;
	struct transcript tr;
	int rc;

	kefu_me(k);
	/* the role first: a trainee learns nothing of other logins */
	if (strcmp(login, k->me.login) != 0 &&
	    !kefu_may(k, "trainer", _("see someone else's record")))
		return 1;
	if (kefu_person(k, login, &p) != 1)
		return 1;
	table_init(&t, "trainee", transcript_cols, ARRAY_SIZE(transcript_cols));
	tr.t = &t;
	tr.own = p.id == k->me.id && strcmp(k->me.role, "trainee") == 0;
	rc = store_transcript(kefu_store(k), p.id, transcript_row, &tr) != 0;
	if (rc == 0) {
		if (o->format == TABLE_TEXT) {
			struct sb sb = SB_INIT;

			struct sb who = SB_INIT;

			text_inert(&sb, p.name ? p.name : p.login, false);
			text_inert(&who, p.login, false);
			printf(_("Record of %s (%s), hired %s\n\n"), sb_str(&sb), sb_str(&who),
			       p.hired ? p.hired : "-");
			sb_free(&who);
			sb_free(&sb);
		}
		table_print(stdout, &t, o->format, o->bom);
	}
	table_free(&t);
	person_clear(&p);
	return rc;
}

int
cmd_report(struct kefu *k, int argc, char **argv)
{
	const struct cmd *c = cmd_find("report");
	const char *format = NULL;
	struct opts o = { TABLE_TEXT, false, NULL, NULL, NULL, NULL };
	const struct cmd_opt opts[] = {
		{ "--format", &format, NULL }, { "--bom", NULL, &o.bom },
		{ "--html", &o.html, NULL }, { "--period", &o.period, NULL },
		{ "--curriculum", &o.curriculum, NULL }, { "--stage", &o.stage, NULL },
		{ NULL, NULL, NULL }
	};
	static const char *const kinds[] = { "stages", "trainee", "overdue", "probation", "elite" };
	const struct curriculum *cu;
	char *pos[2];
	int npos, rc;
	size_t i;

	if ((rc = cmd_parse(c, argc, argv, opts, pos, 2, &npos)) != 0)
		return rc;
	if (npos < 1)
		return cmd_usage(c);
	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if (strcmp(pos[0], kinds[i]) == 0)
			break;
	if (i == ARRAY_SIZE(kinds)) {
		kefu_unknown(_("report"), "", pos[0], kinds, ARRAY_SIZE(kinds),
			     _("see 'kefu help report'"));
		return 2;
	}
	if ((rc = cmd_format(format, &o.format)) != 0)
		return rc;
	if ((npos == 2) != (i == 1) || (o.html && i != 0) || (o.html && format) ||
	    (o.period && i != 4) || (o.stage && i != 3))
		return cmd_usage(c);
	if (i == 1)
		return report_trainee(k, pos[1], &o);
	if (!kefu_may(k, "trainer", _("see reports")))
		return 1;
	if ((cu = kefu_pick_curriculum(k, o.curriculum)) == NULL)
		return 1;
	/* every report reads one snapshot of the database */
	if (store_begin_read(kefu_store(k)) != 0)
		return 1;
	switch (i) {
	case 0:
		rc = report_stages(k, cu, &o);
		break;
	case 2:
		rc = report_overdue(k, cu, &o);
		break;
	case 3:
		rc = report_probation(k, cu, &o);
		break;
	default:
		rc = report_elite(k, cu, &o);
		break;
	}
	store_rollback(kefu_store(k));
	return rc;
}
