/* store.c: the store (store.h) in the domain's terms: what each
 * function reads and writes, made from rows into structs and back. It
 * speaks to the database only through an engine (engine.h), so the
 * records mean the same on any. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "util.h"

/* ---- the engine's rows and statements, as the functions below use them ---- */

static const char *
r_text(const struct row *r, int col)
{
	return r->eng->text(r, col);
}

static double
r_real(const struct row *r, int col)
{
	return r->eng->real(r, col);
}

static int64_t
r_int(const struct row *r, int col)
{
	return r->eng->integer(r, col);
}

static bool
r_null(const struct row *r, int col)
{
	return r->eng->null(r, col);
}

static char *
col_dup(const struct row *r, int col)
{
	return r_null(r, col) ? NULL : xstrdup(r_text(r, col));
}

/* A caller's callback and argument, carried through each() to the
 * function that makes a row into the caller's struct. */
struct relay {
	void (*fn)(void);
	void *arg;
};
#define RELAY(f, a) { (void (*)(void))(f), (a) }
#define RELAY_CALL(rl, type, x) ((void (*)(const type *, void *))(rl)->fn)((x), (rl)->arg)

/* Runs statement s, bound by fmt (engine.h), and calls fn for each row. */
static int
each(struct store *st, enum stmt s, row_fn *fn, void *arg,
     const char *what, const char *fmt, ...)
{
	va_list ap;
	long n;

	va_start(ap, fmt);
	n = st->eng->run(st, s, fn, arg, false, what, fmt, ap);
	va_end(ap);
	return n < 0 ? -1 : 0;
}

/* Runs statement s, bound by fmt, and calls fn (when given) for its
 * first row only: 1 there was a row, 0 none, -1 after an error. For
 * the lookups of one row. */
static int
one(struct store *st, enum stmt s, row_fn *fn, void *arg, const char *what,
    const char *fmt, ...)
{
	va_list ap;
	long n;

	va_start(ap, fmt);
	n = st->eng->run(st, s, fn, arg, true, what, fmt, ap);
	va_end(ap);
	return n < 0 ? -1 : n > 0;
}

/* Runs statement s, bound by fmt, for its effect: how many rows it
 * changed, -1 after an error. */
static long long
changes(struct store *st, enum stmt s, const char *what, const char *fmt, ...)
{
	va_list ap;
	long long n;

	va_start(ap, fmt);
	n = st->eng->changes(st, s, what, fmt, ap);
	va_end(ap);
	return n;
}

/* Runs statement s, bound by fmt, for its effect. */
static int
change(struct store *st, enum stmt s, const char *what, const char *fmt, ...)
{
	va_list ap;
	long long n;

	va_start(ap, fmt);
	n = st->eng->changes(st, s, what, fmt, ap);
	va_end(ap);
	return n < 0 ? -1 : 0;
}

static void
first_int(const struct row *r, void *arg)
{
	*(int64_t *)arg = r_int(r, 0);
}

/* Runs statement s, bound by fmt, for its effect, reading the first
 * column of the row it returns (RETURNING) into *id when given: 1 it
 * returned one, 0 none (nothing was done), -1 after an error. */
static int
returning(struct store *st, enum stmt s, const char *what, int64_t *id,
	  const char *fmt, ...)
{
	va_list ap;
	int64_t got = 0;
	long n;

	va_start(ap, fmt);
	n = st->eng->run(st, s, first_int, &got, true, what, fmt, ap);
	va_end(ap);
	if (n > 0 && id)
		*id = got;
	return n < 0 ? -1 : n > 0;
}

/* One number from statement s bound by fmt; -1 after an error. */
static long long
count(struct store *st, enum stmt s, const char *what, const char *fmt, ...)
{
	va_list ap;
	int64_t got = 0;
	long n;

	va_start(ap, fmt);
	n = st->eng->run(st, s, first_int, &got, true, what, fmt, ap);
	va_end(ap);
	return n < 0 ? -1 : got;
}

/* Runs statement s, bound by fmt, for its effect without waiting for
 * another writer: 0 done, 1 not now (nothing is said). */
static int
try_change(struct store *st, enum stmt s, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = st->eng->try_change(st, s, fmt, ap);
	va_end(ap);
	return rc;
}

/* Whether a transaction is open on the store's connection. */
static bool
in_transaction(struct store *st)
{
	return st->eng->in_transaction(st);
}

/* ---- opening, closing, transactions: the engine's ---- */

bool
store_is_remote(const char *name)
{
	size_t n;

	if (strncmp(name, "postgresql://", 13) == 0 || strncmp(name, "postgres://", 11) == 0)
		return true;
	/* a libpq connection string: keyword=value ... */
	n = strspn(name, "abcdefghijklmnopqrstuvwxyz_");
	return n > 0 && name[n] == '=';
}

struct store *
store_open(const char *path)
{
	if (!store_is_remote(path))
		return sqlite_open(path);
#ifdef HAVE_POSTGRESQL
	return pg_open(path);
#else
	error(_("database '%s': this kefu was built without PostgreSQL (configure --with-postgresql)"),
	      path);
	return NULL;
#endif
}

const char *
store_name(const struct store *st)
{
	return st->path;
}

void
store_close(struct store *st)
{
	if (st)
		st->eng->close(st);
}

int
store_writable(struct store *st)
{
	return st->eng->writable(st);
}

int
store_begin(struct store *st)
{
	return st->eng->begin(st);
}

int
store_begin_read(struct store *st)
{
	return st->eng->begin_read(st);
}

bool
store_cache_size(struct store *st, long size, long *was)
{
	return st->eng->cache_size(st, size, was);
}

int
store_commit(struct store *st)
{
	return st->eng->commit(st);
}

void
store_rollback(struct store *st)
{
	st->eng->rollback(st);
}

/* ---- the domain ---- */

/* Columns: id, login, name, role, hired, active, left. */
static void
person_from_row(const struct row *r, void *arg)
{
	struct person *p = arg;

	p->id = r_int(r, 0);
	p->login = col_dup(r, 1);
	p->name = col_dup(r, 2);
	p->role = col_dup(r, 3);
	p->hired = col_dup(r, 4);
	p->active = r_int(r, 5) != 0;
	p->left = col_dup(r, 6);
}

int
store_person_by_login(struct store *st, const char *login, struct person *p)
{
	memset(p, 0, sizeof(*p));
	return one(st, S_PERSON_BY_LOGIN, person_from_row, p, _("cannot look up a person"),
		   "t", login);
}

int
store_person_by_id(struct store *st, int64_t id, struct person *p)
{
	memset(p, 0, sizeof(*p));
	return one(st, S_PERSON_BY_ID, person_from_row, p, _("cannot look up a person"),
		   "i", id);
}

int64_t
store_person_add(struct store *st, const char *login, const char *name,
		 const char *role, const char *hired, long long now)
{
	int64_t id;

	if (returning(st, S_PERSON_ADD, _("cannot add a person"), &id, "tttti", login, name,
		      role, hired, (int64_t)now) != 1)
		return -1;
	return id;
}

int
store_found(struct store *st, const char *login, const char *hired, long long now,
	    int64_t *id)
{
	int rc = returning(st, S_FOUND, _("cannot add a person"), NULL, "i", (int64_t)now);

	if (rc != 1)
		return rc;
	if ((*id = store_person_add(st, login, NULL, "manager", hired, now)) < 0 ||
	    change(st, S_FOUNDER, _("cannot add a person"), "i", *id) != 0)
		return -1;
	return 1;
}

int
store_person_count(struct store *st)
{
	return (int)count(st, S_PERSON_COUNT, _("cannot count people"), "");
}

static void
manager_row(const struct row *r, void *arg)
{
	struct person p;

	person_from_row(r, &p);
	RELAY_CALL((const struct relay *)arg, struct person, &p);
	person_clear(&p);
}

int
store_managers(struct store *st, void (*fn)(const struct person *, void *),
	       void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_MANAGERS, manager_row, &rl, _("cannot list managers"), "");
}

static void
login_row(const struct row *r, void *arg)
{
	RELAY_CALL((const struct relay *)arg, char, r_text(r, 0));
}

int
store_logins(struct store *st, void (*fn)(const char *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_LOGINS, login_row, &rl, _("cannot list people"), "");
}

void
person_clear(struct person *p)
{
	free(p->login);
	free(p->name);
	free(p->role);
	free(p->hired);
	free(p->left);
	memset(p, 0, sizeof(*p));
}

static void
enrollment_row(const struct row *r, void *arg)
{
	struct enrollment *e = arg;

	e->id = r_int(r, 0);
	e->person_id = r_int(r, 1);
	e->curriculum = col_dup(r, 2);
	e->started = col_dup(r, 3);
}

int
store_enrollment(struct store *st, int64_t person_id, struct enrollment *e)
{
	memset(e, 0, sizeof(*e));
	return one(st, S_ENROLLMENT, enrollment_row, e, _("cannot look up an enrollment"),
		   "i", person_id);
}

int
store_enroll(struct store *st, int64_t person_id, const char *curriculum,
	     const char *started, long long now)
{
	return change(st, S_ENROLL, _("cannot enroll"), "itti", person_id, curriculum,
		      started, (int64_t)now);
}

void
enrollment_clear(struct enrollment *e)
{
	free(e->curriculum);
	free(e->started);
	memset(e, 0, sizeof(*e));
}

int
store_lesson_read(struct store *st, int64_t person_id, const char *lesson,
		  long long now)
{
	return change(st, S_LESSON_READ, _("cannot record a lesson as read"), "iti",
		      person_id, lesson, (int64_t)now);
}

/* Columns: id, started, seed, paper (of an open attempt). */
static void
open_attempt_row(const struct row *r, void *arg)
{
	struct attempt *a = arg;

	a->id = r_int(r, 0);
	a->started = r_int(r, 1);
	a->seed = (uint64_t)r_int(r, 2);
	a->paper = col_dup(r, 3);
	a->state = xstrdup("open");
}

int
store_attempt_open(struct store *st, int64_t person_id, const char *quiz,
		   struct attempt *a)
{
	memset(a, 0, sizeof(*a));
	return one(st, S_ATTEMPT_OPEN, open_attempt_row, a, _("cannot look up quiz attempts"),
		   "it", person_id, quiz);
}

int
store_answer_save(struct store *st, int64_t attempt_id, int seq,
		  const char *question, const char *response, double points,
		  long long now)
{
	long long n = changes(st, S_ANSWER_SAVE, _("cannot save an answer"), "iittDni",
			      attempt_id, (int64_t)seq, question, response, points,
			      (int64_t)now);

	if (n < 0)
		return -1;
	return n == 0;	/* the attempt is no longer open */
}

int
store_draft_save(struct store *st, int64_t attempt_id, int seq, const char *text,
		 long long now)
{
	long long n = changes(st, S_DRAFT_SAVE, _("cannot save a draft"), "iiti", attempt_id,
			      (int64_t)seq, text, (int64_t)now);

	if (n < 0)
		return -1;
	return n == 0;
}

static void
text_row(const struct row *r, void *arg)
{
	*(char **)arg = col_dup(r, 0);
}

int
store_draft_get(struct store *st, int64_t attempt_id, int seq, char **text)
{
	*text = NULL;
	if (one(st, S_DRAFT_GET, text_row, text, _("cannot read a draft"), "ii", attempt_id,
		(int64_t)seq) < 0)
		return -1;
	return 0;
}

int
store_draft_delete(struct store *st, int64_t attempt_id, int seq)
{
	return change(st, S_DRAFT_DELETE, _("cannot delete a draft"), "ii", attempt_id,
		      (int64_t)seq);
}

static void
answers_row(const struct row *r, void *arg)
{
	struct answer a;

	a.seq = (int)r_int(r, 0);
	a.question = r_text(r, 1);
	a.response = r_text(r, 2);
	a.points = r_null(r, 3) ? -1 : r_real(r, 3);
	RELAY_CALL((const struct relay *)arg, struct answer, &a);
}

int
store_answers(struct store *st, int64_t attempt_id,
	      void (*fn)(const struct answer *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_ANSWERS, answers_row, &rl, _("cannot read answers"), "i",
		    attempt_id);
}

int
store_attempt_finish(struct store *st, int64_t attempt_id, double points,
		     double max_points, double percent, const char *state,
		     long long now)
{
	long long done = changes(st, S_ATTEMPT_FINISH, _("cannot finish a quiz attempt"),
				 "idddti", attempt_id, points, max_points, percent, state,
				 (int64_t)now);

	if (done < 0 ||
	    (done != 0 &&
	     change(st, S_ITEM_MARKS, _("cannot finish a quiz attempt"), "i", attempt_id) != 0))
		return -1;
	return done == 0;	/* handed in or set aside already */
}

int
store_attempt_counts(struct store *st, int64_t person_id, const char *quiz,
		     unsigned cap, struct attempt_count *n)
{
	long long used, granted = 0;

	memset(n, 0, sizeof(*n));
	used = count(st, S_ATTEMPTS_FINISHED, _("cannot count quiz attempts"), "it",
		     person_id, quiz);
	if (used >= 0 && cap)
		granted = count(st, S_ATTEMPTS_GRANTED, _("cannot count quiz attempts"),
				"it", person_id, quiz);
	if (used < 0 || granted < 0)
		return -1;
	n->used = (int)used;
	n->granted = (int)granted;
	n->allowed = cap ? (int)cap + n->granted : 0;
	return 0;
}

int
store_attempt_begin(struct store *st, int64_t person_id, const char *quiz,
		    unsigned cap, uint64_t seed, const char *paper, long long now,
		    struct attempt *a, struct attempt_count *n)
{
	bool own = !in_transaction(st);
	int rc, tries;
	int64_t id;

	memset(a, 0, sizeof(*a));
	memset(n, 0, sizeof(*n));
	/* one transaction for the counts said with it */
	if (own && store_begin(st) != 0)
		return -1;
	/* the insert is the check: it starts nothing when an attempt is
	 * open or none is allowed; which of the two, a look says after
	 * (an attempt handed in between the two is looked at again) */
	for (tries = 0, rc = 3; rc == 3 && tries < 3; tries++) {
		rc = returning(st, S_ATTEMPT_START, _("cannot start a quiz attempt"), &id,
			       "itiiti", person_id, quiz, (int64_t)now, (int64_t)seed,
			       paper, (int64_t)cap);
		if (rc == 1) {
			a->id = id;
			a->started = now;
			a->seed = seed;
			a->paper = xstrdup(paper);
			a->state = xstrdup("open");
			rc = store_attempt_counts(st, person_id, quiz, cap, n);
		} else if (rc == 0 && (rc = store_attempt_open(st, person_id, quiz, a)) == 0) {
			if (store_attempt_counts(st, person_id, quiz, cap, n) != 0)
				rc = -1;
			else
				rc = n->allowed && n->used >= n->allowed ? 2 : 3;
		}
	}
	if (rc == 3)
		rc = error(_("cannot start a quiz attempt: other attempts kept starting and ending"));
	if (rc < 0 || (own && store_commit(st) != 0)) {
		if (own)
			store_rollback(st);
		attempt_clear(a);
		return -1;
	}
	return rc;
}

int
store_attempt_void(struct store *st, const struct attempt *a, const char *reason,
		   int64_t by, long long now)
{
	long long n = changes(st, S_ATTEMPT_VOID, _("cannot set an attempt aside"), "ii",
			      a->id, (int64_t)now);

	if (n < 0)
		return -1;
	if (n == 0)
		return 1;
	return change(st, S_ATTEMPT_CHANGE_ADD, _("cannot set an attempt aside"), "ittiitii",
		      a->person_id, a->quiz, "void", a->id, (int64_t)0, reason, by,
		      (int64_t)now);
}

int
store_attempt_grant(struct store *st, int64_t person_id, const char *quiz,
		    int n, const char *reason, int64_t by, long long now)
{
	return change(st, S_ATTEMPT_CHANGE_ADD, _("cannot give attempts back"), "ittnitii",
		      person_id, quiz, "grant", (int64_t)n, reason, by, (int64_t)now);
}

static void
attempt_info_row(const struct row *r, void *arg)
{
	struct attempt_info ai;

	ai.id = r_int(r, 0);
	ai.quiz = r_text(r, 1);
	ai.state = r_text(r, 2);
	ai.started = r_int(r, 3);
	ai.finished = r_int(r, 4);
	ai.scored = !r_null(r, 7);
	ai.points = r_real(r, 5);
	ai.max_points = r_real(r, 6);
	ai.percent = r_real(r, 7);
	ai.void_reason = r_text(r, 8);
	ai.void_by = r_text(r, 9);
	RELAY_CALL((const struct relay *)arg, struct attempt_info, &ai);
}

int
store_attempts_of(struct store *st, int64_t person_id, const char *quiz,
		  void (*fn)(const struct attempt_info *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_ATTEMPTS_OF, attempt_info_row, &rl,
		    _("cannot look up quiz attempts"), "it", person_id, quiz);
}

static void
attempt_change_row(const struct row *r, void *arg)
{
	struct attempt_change c;

	c.kind = r_text(r, 0);
	c.quiz = r_text(r, 1);
	c.attempt_id = r_int(r, 2);
	c.count = (int)r_int(r, 3);
	c.reason = r_text(r, 4);
	c.by = r_text(r, 5);
	c.at = r_int(r, 6);
	RELAY_CALL((const struct relay *)arg, struct attempt_change, &c);
}

int
store_attempt_changes(struct store *st, int64_t person_id,
		      void (*fn)(const struct attempt_change *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_ATTEMPT_CHANGES, attempt_change_row, &rl,
		    _("cannot look up attempt changes"), "i", person_id);
}

void
attempt_clear(struct attempt *a)
{
	free(a->paper);
	free(a->quiz);
	free(a->state);
	memset(a, 0, sizeof(*a));
}

struct card_read {
	struct card *c;
	int *misses;
};

static void
card_row(const struct row *r, void *arg)
{
	const struct card_read *cr = arg;

	cr->c->reps = (int)r_int(r, 0);
	cr->c->ease = r_real(r, 1);
	cr->c->interval = r_real(r, 2);
	cr->c->due = r_int(r, 3);
	*cr->misses = (int)r_int(r, 4);
}

int
store_card_get(struct store *st, int64_t person_id, const char *quiz,
	       const char *question, struct card *c, int *misses)
{
	struct card_read cr = { c, misses };

	return one(st, S_CARD_GET, card_row, &cr, _("cannot read the notebook"), "itt",
		   person_id, quiz, question);
}

int
store_card_put(struct store *st, int64_t person_id, const char *quiz,
	       const char *question, const struct card *c, int misses)
{
	return change(st, S_CARD_PUT, _("cannot write the notebook"), "ittiiddi",
		      person_id, quiz, question, (int64_t)misses, (int64_t)c->reps,
		      c->ease, c->interval, (int64_t)c->due);
}

int
store_review_log(struct store *st, int64_t person_id, const char *quiz,
		 const char *question, long long now, const char *rating,
		 double interval_before, const struct card *after)
{
	return change(st, S_REVIEW_LOG, _("cannot log a review"), "ittitddd",
		      person_id, quiz, question, (int64_t)now, rating, interval_before,
		      after->interval, after->ease);
}

static void
notebook_row(const struct row *r, void *arg)
{
	struct notebook_item it;

	it.quiz = r_text(r, 0);
	it.question = r_text(r, 1);
	it.misses = (int)r_int(r, 2);
	it.card.reps = (int)r_int(r, 3);
	it.card.ease = r_real(r, 4);
	it.card.interval = r_real(r, 5);
	it.card.due = r_int(r, 6);
	RELAY_CALL((const struct relay *)arg, struct notebook_item, &it);
}

int
store_cards(struct store *st, int64_t person_id, long long due_by,
	    void (*fn)(const struct notebook_item *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	if (due_by > 0)
		return each(st, S_CARDS_DUE, notebook_row, &rl, _("cannot read the notebook"),
			    "ii", person_id, (int64_t)due_by);
	return each(st, S_CARDS, notebook_row, &rl, _("cannot read the notebook"), "i",
		    person_id);
}

/* A number that may be NULL, from a row's first column. */
struct maybe_real {
	double value;
	bool has;
};

static void
maybe_real_row(const struct row *r, void *arg)
{
	struct maybe_real *m = arg;

	if ((m->has = !r_null(r, 0)))
		m->value = r_real(r, 0);
}

int
store_drill_best(struct store *st, int64_t person_id, const char *drill, double *best)
{
	struct maybe_real m = { 0, false };
	int rc = one(st, S_DRILL_BEST, maybe_real_row, &m, _("cannot look up drill results"),
		     "it", person_id, drill);

	*best = m.value;
	if (rc < 0)
		return -1;
	return m.has;
}

int
store_drill_save(struct store *st, int64_t person_id, const char *drill,
		 const char *unit, const struct drill_row *d)
{
	return change(st, S_DRILL_SAVE, _("cannot save a drill result"), "ititdiiddddibbt",
		      person_id, drill, (int64_t)d->at, unit, d->seconds,
		      (int64_t)d->typed, (int64_t)d->correct, d->raw_speed, d->net_speed,
		      d->accuracy, d->key_accuracy, (int64_t)d->backspaces, (int)d->timed,
		      (int)d->counted, d->why[0] ? d->why : NULL);
}

static void
drill_result_row(const struct row *r, void *arg)
{
	struct drill_row d;

	d.at = r_int(r, 0);
	d.seconds = r_real(r, 1);
	d.typed = (long)r_int(r, 2);
	d.correct = (long)r_int(r, 3);
	d.raw_speed = r_real(r, 4);
	d.net_speed = r_real(r, 5);
	d.accuracy = r_real(r, 6);
	d.key_accuracy = r_real(r, 7);
	d.backspaces = (long)r_int(r, 8);
	d.timed = r_int(r, 9) != 0;
	d.counted = r_int(r, 10) != 0;
	snprintf(d.why, sizeof(d.why), "%s", r_text(r, 11) ? r_text(r, 11) : "");
	RELAY_CALL((const struct relay *)arg, struct drill_row, &d);
}

int
store_drill_results(struct store *st, int64_t person_id, const char *drill,
		    int limit, void (*fn)(const struct drill_row *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_DRILL_RESULTS, drill_result_row, &rl, _("cannot read drill results"),
		    "iti", person_id, drill, (int64_t)limit);
}

/* Runs a statement with (id, text) parameters and tells if it has a row. */
static int
exists(struct store *st, enum stmt s, int64_t id, const char *key,
       const char *what)
{
	return one(st, s, NULL, NULL, what, "it", id, key);
}

int
store_lesson_is_read(struct store *st, int64_t person_id, const char *lesson)
{
	return exists(st, S_LESSON_IS_READ, person_id, lesson,
		      _("cannot look up a lesson"));
}

void
quiz_tally_start(struct quiz_tally *t)
{
	memset(t, 0, sizeof(*t));
	t->f.best = -1;
}

void
quiz_tally_add(struct quiz_tally *t, const char *state, bool has_percent,
	       double percent)
{
	/* the first byte tells the states apart (a CHECK holds them to
	 * four); the whole word is compared only where it may match */
	if (state[0] == 'f' && strcmp(state, "final") == 0) {
		t->f.attempts++;
		if (has_percent && (!t->has_best || percent > t->f.best)) {
			t->f.best = percent;
			t->has_best = true;
		}
	} else if (state[0] == 'p' && strcmp(state, "pending") == 0) {
		t->f.attempts++;
		t->f.pending = true;
	} else if (state[0] == 'o' && strcmp(state, "open") == 0)
		t->f.open = true;
	else if (state[0] == 'v')
		t->f.voided++;
}

static void
tally_row(const struct row *r, void *arg)
{
	bool has = !r_null(r, 1);

	quiz_tally_add(arg, r_text(r, 0), has, has ? r_real(r, 1) : 0);
}

int
store_quiz_facts(struct store *st, int64_t person_id, const char *quiz,
		 struct quiz_facts *f)
{
	struct quiz_tally t;
	int rc;

	long long granted;

	quiz_tally_start(&t);
	rc = each(st, S_QUIZ_FACTS, tally_row, &t, _("cannot look up quiz attempts"), "it",
		  person_id, quiz);
	granted = count(st, S_ATTEMPTS_GRANTED, _("cannot count quiz attempts"), "it",
			person_id, quiz);
	t.f.granted = granted > 0 ? (int)granted : 0;
	*f = t.f;
	return rc != 0 || granted < 0 ? -1 : 0;
}

/* Columns: results, counted results, the best run's speed and accuracy. */
static void
drill_facts_row(const struct row *r, void *arg)
{
	struct drill_facts *f = arg;

	f->results = (int)r_int(r, 0);
	f->counted = (int)r_int(r, 1);
	f->best_speed = r_real(r, 2);
	f->best_accuracy = r_real(r, 3);
}

/* The newest of S_DRILL_RESULTS. */
static void
drill_latest_row(const struct row *r, void *arg)
{
	struct drill_facts *f = arg;

	f->latest_speed = r_real(r, 5);
	f->latest_accuracy = r_real(r, 6);
}

int
store_drill_facts(struct store *st, int64_t person_id, const char *drill,
		  struct drill_facts *f)
{
	memset(f, 0, sizeof(*f));
	if (one(st, S_DRILL_FACTS, drill_facts_row, f, _("cannot look up drill results"),
		"it", person_id, drill) < 0)
		return -1;
	if (f->results == 0)
		return 0;
	if (one(st, S_DRILL_RESULTS, drill_latest_row, f, _("cannot look up drill results"),
		"iti", person_id, drill, (int64_t)1) < 0)
		return -1;
	return 0;
}

int
store_signed_off(struct store *st, int64_t enrollment_id, const char *stage)
{
	return exists(st, S_SIGNED_OFF, enrollment_id, stage,
		      _("cannot look up a sign-off"));
}

enum outcome
store_outcome_of(const char *word)
{
	if (word == NULL)
		return OUTCOME_NONE;
	return strcmp(word, "pass") == 0 ? OUTCOME_PASS :
	       strcmp(word, "extend") == 0 ? OUTCOME_EXTEND :
	       strcmp(word, "fail") == 0 ? OUTCOME_FAIL : OUTCOME_NONE;
}

static void
assessment_state_row(const struct row *r, void *arg)
{
	struct assessment_state *out = arg;

	out->outcome = store_outcome_of(r_text(r, 0));
	out->decided = r_int(r, 1);
	out->reason = col_dup(r, 2);
}

int
store_assessment_state(struct store *st, int64_t enrollment_id,
		       const char *assessment, struct assessment_state *out)
{
	memset(out, 0, sizeof(*out));
	if (one(st, S_ASSESSMENT_OUTCOME, assessment_state_row, out,
		_("cannot look up an assessment"), "it", enrollment_id, assessment) < 0)
		return -1;
	return 0;
}

static int
stage_mark(struct store *st, enum stmt s, int64_t enrollment_id,
	   const char *stage, long long now)
{
	return change(st, s, _("cannot record stage progress"), "iti", enrollment_id,
		      stage, (int64_t)now);
}

int
store_stage_opened(struct store *st, int64_t enrollment_id, const char *stage,
		   long long now)
{
	return stage_mark(st, S_STAGE_OPENED, enrollment_id, stage, now);
}

int
store_stage_completed(struct store *st, int64_t enrollment_id,
		      const char *stage, long long now)
{
	return returning(st, S_STAGE_COMPLETED, _("cannot record stage progress"), NULL,
			 "iti", enrollment_id, stage, (int64_t)now);
}

int
store_stage_reopened(struct store *st, int64_t enrollment_id, const char *stage)
{
	return returning(st, S_STAGE_REOPENED, _("cannot record stage progress"), NULL,
			 "it", enrollment_id, stage);
}

static void
int_row(const struct row *r, void *arg)
{
	*(long long *)arg = r_int(r, 0);
}

long long
store_stage_completed_at(struct store *st, int64_t enrollment_id,
			 const char *stage)
{
	long long at = 0;

	if (one(st, S_STAGE_COMPLETED_AT, int_row, &at, _("cannot look up stage progress"),
		"it", enrollment_id, stage) < 0)
		return -1;
	return at;
}

int
store_event(struct store *st, int64_t actor, const char *action,
	    int64_t subject, const char *detail, long long now)
{
	return change(st, S_EVENT, _("cannot write the event log"), "iItIt",
		      (int64_t)now, actor, action, subject, detail);
}

static void
roster_row(const struct row *r, void *arg)
{
	struct roster_entry e;

	e.id = r_int(r, 0);
	e.login = r_text(r, 1);
	e.name = r_text(r, 2);
	e.role = r_text(r, 3);
	e.hired = r_text(r, 4);
	e.active = r_int(r, 5) != 0;
	e.enrollment_id = r_int(r, 6);
	e.curriculum = r_text(r, 7);
	e.started = r_text(r, 8);
	e.left = r_text(r, 9);
	e.left_reason = r_text(r, 10);
	RELAY_CALL((const struct relay *)arg, struct roster_entry, &e);
}

int
store_people(struct store *st, bool everyone,
	     void (*fn)(const struct roster_entry *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_PEOPLE, roster_row, &rl, _("cannot list people"), "b", everyone);
}

int
store_person_role(struct store *st, int64_t id, const char *role)
{
	return change(st, S_PERSON_ROLE, _("cannot change a role"), "it", id, role);
}

int
store_enroll_start(struct store *st, int64_t person_id, const char *curriculum,
		   const char *started)
{
	return change(st, S_ENROLL_START, _("cannot enroll"), "itt", person_id,
		      curriculum, started);
}

int
store_person_active(struct store *st, int64_t id, bool active)
{
	return change(st, S_PERSON_ACTIVE, _("cannot change a person"), "ib", id, active);
}

int
store_person_update(struct store *st, int64_t id, const char *name,
		    const char *hired)
{
	return change(st, S_PERSON_UPDATE, _("cannot change a person"), "itt",
		      id, name, hired);
}

int
store_person_leave(struct store *st, int64_t id, const char *left, const char *reason)
{
	return change(st, S_PERSON_LEAVE, _("cannot change a person"), "itt", id, left,
		      reason);
}

static void
leaver_row(const struct row *r, void *arg)
{
	struct leaver l;

	l.id = r_int(r, 0);
	l.login = r_text(r, 1);
	l.name = r_text(r, 2);
	l.role = r_text(r, 3);
	l.hired = r_text(r, 4);
	l.left = r_text(r, 5);
	l.reason = r_text(r, 6);
	l.enrollment_id = r_int(r, 7);
	l.curriculum = r_text(r, 8);
	l.started = r_text(r, 9);
	RELAY_CALL((const struct relay *)arg, struct leaver, &l);
}

int
store_leavers(struct store *st, void (*fn)(const struct leaver *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_LEAVERS, leaver_row, &rl, _("cannot list people"), "");
}

static void
essay_row(const struct row *r, void *arg)
{
	struct pending_essay e;

	e.attempt_id = r_int(r, 0);
	e.seq = (int)r_int(r, 1);
	e.login = r_text(r, 2);
	e.name = r_text(r, 3);
	e.quiz = r_text(r, 4);
	e.question = r_text(r, 5);
	e.response = r_text(r, 6);
	e.answered = r_int(r, 7);
	e.person_id = r_int(r, 8);
	RELAY_CALL((const struct relay *)arg, struct pending_essay, &e);
}

int
store_essays_pending(struct store *st,
		     void (*fn)(const struct pending_essay *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_ESSAYS_PENDING, essay_row, &rl,
		    _("cannot read the grading queue"), "");
}

static void
answer_row(const struct row *r, void *arg)
{
	struct stored_answer *a = arg;

	stored_answer_clear(a);
	a->person_id = r_int(r, 0);
	a->quiz = col_dup(r, 1);
	a->state = col_dup(r, 2);
	a->question = col_dup(r, 3);
	a->response = col_dup(r, 4);
	a->graded = !r_null(r, 5);
	a->points = a->graded ? r_real(r, 5) : 0;
}

int
store_answer_get(struct store *st, int64_t attempt_id, int seq,
		 struct stored_answer *a)
{
	memset(a, 0, sizeof(*a));
	if (each(st, S_ANSWER_GET, answer_row, a, _("cannot read an answer"), "ii",
		 attempt_id, (int64_t)seq) != 0)
		return -1;
	return a->quiz != NULL;
}

void
stored_answer_clear(struct stored_answer *a)
{
	free(a->quiz);
	free(a->state);
	free(a->question);
	free(a->response);
	memset(a, 0, sizeof(*a));
}

int
store_answer_grade(struct store *st, int64_t attempt_id, int seq,
		   double points, bool full, int64_t grader, const char *comment,
		   long long now)
{
	if (change(st, S_ANSWER_GRADE, _("cannot grade an answer"), "iidb",
		   attempt_id, (int64_t)seq, points, full) != 0 ||
	    change(st, S_GRADING_ADD, _("cannot grade an answer"), "iiidti",
		   attempt_id, (int64_t)seq, grader, points, comment, (int64_t)now) != 0 ||
	    change(st, S_ATTEMPT_RESCORE, _("cannot score an attempt"), "i",
		   attempt_id) != 0 ||
	    change(st, S_ITEM_MARKS, _("cannot score an attempt"), "i", attempt_id) != 0)
		return -1;
	return 0;
}

static void
attempt_row(const struct row *r, void *arg)
{
	struct attempt *a = arg;

	a->id = r_int(r, 0);
	a->started = r_int(r, 1);
	a->finished = r_int(r, 2);
	a->seed = (uint64_t)r_int(r, 3);
	a->paper = col_dup(r, 4);
	a->points = r_real(r, 5);
	a->max_points = r_real(r, 6);
	a->percent = r_real(r, 7);
	a->state = col_dup(r, 8);
	a->person_id = r_int(r, 9);
	a->quiz = col_dup(r, 10);
}

int
store_attempt_get(struct store *st, int64_t attempt_id, struct attempt *a)
{
	memset(a, 0, sizeof(*a));
	return one(st, S_ATTEMPT_GET, attempt_row, a, _("cannot look up quiz attempts"), "i",
		   attempt_id);
}

static void
grading_row(const struct row *r, void *arg)
{
	struct grading_entry g;

	g.quiz = r_text(r, 0);
	g.question = r_text(r, 1);
	g.points = r_real(r, 2);
	g.comment = r_text(r, 3);
	g.grader = r_text(r, 4);
	g.graded = r_int(r, 5);
	g.attempt_id = r_int(r, 6);
	g.seq = (int)r_int(r, 7);
	RELAY_CALL((const struct relay *)arg, struct grading_entry, &g);
}

int
store_gradings(struct store *st, int64_t person_id,
	       void (*fn)(const struct grading_entry *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_GRADINGS, grading_row, &rl, _("cannot read gradings"), "i",
		    person_id);
}

int
store_signoff(struct store *st, int64_t enrollment_id, const char *stage,
	      int64_t signer, const char *note, long long now)
{
	return change(st, S_SIGNOFF_ADD, _("cannot record a sign-off"), "itiit",
		      enrollment_id, stage, signer, (int64_t)now, note);
}

static void
signoff_row(const struct row *r, void *arg)
{
	struct signoff *s = arg;

	signoff_clear(s);
	s->signer = col_dup(r, 0);
	s->at = r_int(r, 1);
	s->note = col_dup(r, 2);
}

int
store_signoff_get(struct store *st, int64_t enrollment_id, const char *stage,
		  struct signoff *s)
{
	memset(s, 0, sizeof(*s));
	if (each(st, S_SIGNOFF_GET, signoff_row, s, _("cannot look up a sign-off"), "it",
		 enrollment_id, stage) != 0)
		return -1;
	return s->signer != NULL;
}

void
signoff_clear(struct signoff *s)
{
	free(s->signer);
	free(s->note);
	memset(s, 0, sizeof(*s));
}

int64_t
store_assessment_add(struct store *st, int64_t enrollment_id,
		     const char *assessment, const char *outcome,
		     const char *reason, bool reason_shown, const char *new_due,
		     int64_t decided_by, long long now)
{
	int64_t id;

	if (returning(st, S_ASSESSMENT_ADD, _("cannot record an assessment"), &id, "ittttiib",
		      enrollment_id, assessment, outcome, reason, new_due, decided_by,
		      (int64_t)now, (int)reason_shown) != 1)
		return -1;
	return id;
}

int
store_assessment_part_add(struct store *st, int64_t assessment_id,
			  const struct assessment_part *pt)
{
	if (pt->has_value)
		return change(st, S_ASSESSMENT_PART_ADD, _("cannot record an assessment"),
			      "itdbtbt", assessment_id, pt->part, pt->value, (int)pt->passed,
			      pt->note, (int)pt->note_shown, pt->period);
	return change(st, S_ASSESSMENT_PART_ADD, _("cannot record an assessment"), "itnbtbt",
		      assessment_id, pt->part, (int)pt->passed, pt->note, (int)pt->note_shown,
		      pt->period);
}

static void
decision_row(const struct row *r, void *arg)
{
	struct decision *d = arg;

	decision_clear(d);
	d->id = r_int(r, 0);
	d->outcome = col_dup(r, 1);
	d->reason = col_dup(r, 2);
	d->new_due = col_dup(r, 3);
	d->by = col_dup(r, 4);
	d->decided = r_int(r, 5);
	d->reason_shown = r_int(r, 6) != 0;
}

int
store_assessment_latest(struct store *st, int64_t enrollment_id,
			const char *assessment, struct decision *d)
{
	memset(d, 0, sizeof(*d));
	if (each(st, S_ASSESSMENT_LATEST, decision_row, d,
		 _("cannot look up an assessment"), "it", enrollment_id, assessment) != 0)
		return -1;
	return d->id != 0;
}

void
decision_clear(struct decision *d)
{
	free(d->outcome);
	free(d->reason);
	free(d->new_due);
	free(d->by);
	memset(d, 0, sizeof(*d));
}

static void
part_row(const struct row *r, void *arg)
{
	struct assessment_part pt;

	pt.part = r_text(r, 0);
	pt.has_value = !r_null(r, 1);
	pt.value = pt.has_value ? r_real(r, 1) : 0;
	pt.passed = r_int(r, 2) != 0;
	pt.note = r_text(r, 3);
	pt.note_shown = r_int(r, 4) != 0;
	pt.period = r_text(r, 5);
	RELAY_CALL((const struct relay *)arg, struct assessment_part, &pt);
}

int
store_assessment_parts(struct store *st, int64_t assessment_id,
		       void (*fn)(const struct assessment_part *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_ASSESSMENT_PARTS, part_row, &rl,
		    _("cannot look up an assessment"), "i", assessment_id);
}

int
store_stage_due(struct store *st, int64_t enrollment_id, const char *stage,
		const char *due)
{
	return change(st, S_STAGE_DUE, _("cannot record stage progress"), "itt",
		      enrollment_id, stage, due);
}

/* Columns: enrollment id, stage, opened, completed, due. */
static void
stage_row(const struct row *r, void *arg)
{
	struct stage_mark m;

	m.enrollment_id = r_int(r, 0);
	m.stage = r_text(r, 1);
	m.opened = r_int(r, 2);
	m.completed = r_int(r, 3);
	m.due = r_text(r, 4);
	RELAY_CALL((const struct relay *)arg, struct stage_mark, &m);
}

int
store_stage_rows(struct store *st, int64_t enrollment_id,
		 void (*fn)(const struct stage_mark *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_STAGE_ROWS, stage_row, &rl, _("cannot look up stage progress"),
		    "i", enrollment_id);
}

static void
real_row(const struct row *r, void *arg)
{
	*(double *)arg = r_real(r, 0);
}

/* The figure a person has for a KPI and month: 1 found, 0 none. */
static int
kpi_get(struct store *st, int64_t person_id, const char *kpi, const char *period,
	double *value)
{
	return one(st, S_KPI_GET, real_row, value, _("cannot look up KPI figures"), "itt",
		   person_id, kpi, period);
}

int
store_kpi_set(struct store *st, const struct kpi_entry *f, int64_t by,
	      long long now, double *old, bool *had)
{
	double was = 0;
	int found = kpi_get(st, f->person_id, f->kpi, f->period, &was);

	if (found < 0)
		return -1;
	if (had)
		*had = found;
	if (old)
		*old = was;
	if (found && was == f->value)
		return 0;	/* the same figure again: nothing changes */
	if (change(st, S_KPI_SET, _("cannot record a KPI figure"), "ittdii",
		   f->person_id, f->kpi, f->period, f->value, by, (int64_t)now) != 0 ||
	    (found ?
	     change(st, S_KPI_CHANGE_ADD, _("cannot record a KPI figure"), "ittddttii",
		    f->person_id, f->kpi, f->period, was, f->value, f->source, f->reason,
		    by, (int64_t)now) :
	     change(st, S_KPI_CHANGE_ADD, _("cannot record a KPI figure"), "ittndttii",
		    f->person_id, f->kpi, f->period, f->value, f->source, f->reason, by,
		    (int64_t)now)) != 0)
		return -1;
	return 1;
}

int
store_kpi_delete(struct store *st, const struct kpi_entry *f, int64_t by,
		 long long now, double *old)
{
	int found = kpi_get(st, f->person_id, f->kpi, f->period, old);

	if (found <= 0)
		return found;
	if (change(st, S_KPI_DELETE, _("cannot delete a KPI figure"), "itt",
		   f->person_id, f->kpi, f->period) != 0 ||
	    change(st, S_KPI_CHANGE_ADD, _("cannot delete a KPI figure"), "ittdnttii",
		   f->person_id, f->kpi, f->period, *old, f->source, f->reason, by,
		   (int64_t)now) != 0)
		return -1;
	return 1;
}

static void
kpi_change_row(const struct row *r, void *arg)
{
	struct kpi_change c;

	c.kpi = r_text(r, 0);
	c.period = r_text(r, 1);
	c.had_old = !r_null(r, 2);
	c.old_value = c.had_old ? r_real(r, 2) : 0;
	c.has_new = !r_null(r, 3);
	c.new_value = c.has_new ? r_real(r, 3) : 0;
	c.source = r_text(r, 4);
	c.reason = r_text(r, 5);
	c.by = r_text(r, 6);
	c.at = r_int(r, 7);
	RELAY_CALL((const struct relay *)arg, struct kpi_change, &c);
}

int
store_kpi_history(struct store *st, int64_t person_id, const char *kpi,
		  void (*fn)(const struct kpi_change *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_KPI_HISTORY, kpi_change_row, &rl,
		    _("cannot look up KPI figures"), "it", person_id, kpi);
}

struct kpi_latest {
	double *value;
	char *period;	/* 8 bytes */
};

static void
kpi_latest_row(const struct row *r, void *arg)
{
	const struct kpi_latest *k = arg;
	const char *p = r_text(r, 1);

	*k->value = r_real(r, 0);
	snprintf(k->period, 8, "%.7s", p ? p : "");
}

int
store_kpi_latest(struct store *st, int64_t person_id, const char *kpi,
		 const char *upto, double *value, char period[8])
{
	struct kpi_latest k = { value, period };

	return one(st, S_KPI_LATEST, kpi_latest_row, &k, _("cannot look up KPI figures"),
		   "itt", person_id, kpi, upto);
}

static void
kpi_figure_row(const struct row *r, void *arg)
{
	struct kpi_figure f;

	f.person_id = r_int(r, 0);
	f.login = r_text(r, 1);
	f.name = r_text(r, 2);
	f.kpi = r_text(r, 3);
	f.value = r_real(r, 4);
	RELAY_CALL((const struct relay *)arg, struct kpi_figure, &f);
}

int
store_kpi_period(struct store *st, const char *period,
		 void (*fn)(const struct kpi_figure *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_KPI_PERIOD, kpi_figure_row, &rl, _("cannot look up KPI figures"),
		    "t", period);
}

static void
last_period_row(const struct row *r, void *arg)
{
	char *period = arg;

	if (!r_null(r, 0))
		snprintf(period, 8, "%.7s", r_text(r, 0));
}

int
store_kpi_last_period(struct store *st, const char *upto, char period[8])
{
	period[0] = '\0';
	if (each(st, S_KPI_LAST_PERIOD, last_period_row, period,
		 _("cannot look up KPI figures"), "t", upto) != 0)
		return -1;
	return period[0] != '\0';
}

int
store_exempt(struct store *st, int64_t enrollment_id, const char *stage,
	     const char *module, const char *reason, int64_t by, long long now)
{
	long long n = changes(st, S_EXEMPT, _("cannot record an exemption"), "itttii",
			      enrollment_id, stage, module ? module : "", reason, by,
			      (int64_t)now);

	if (n < 0)
		return -1;
	return n > 0;
}

/* Columns: enrollment id, stage, module, reason, by, at. */
static void
exemption_row(const struct row *r, void *arg)
{
	struct exemption x;

	x.enrollment_id = r_int(r, 0);
	x.stage = r_text(r, 1);
	x.module = r_text(r, 2);
	x.reason = r_text(r, 3);
	x.by = r_text(r, 4);
	x.at = r_int(r, 5);
	RELAY_CALL((const struct relay *)arg, struct exemption, &x);
}

int
store_exemptions(struct store *st, int64_t enrollment_id,
		 void (*fn)(const struct exemption *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_EXEMPTIONS, exemption_row, &rl, _("cannot look up exemptions"),
		    "i", enrollment_id);
}

int
store_all_exemptions(struct store *st, void (*fn)(const struct exemption *, void *),
		     void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_ALL_EXEMPTIONS, exemption_row, &rl,
		    _("cannot look up exemptions"), "");
}

/* Columns: at, kind, item, result, by, note, rank, private. */
static void
transcript_row(const struct row *r, void *arg)
{
	struct transcript_entry e;

	e.at = r_int(r, 0);
	e.kind = r_text(r, 1);
	e.item = r_text(r, 2);
	e.result = r_text(r, 3);
	e.by = r_text(r, 4);
	e.note = r_text(r, 5);
	e.note_private = r_int(r, 7) != 0;
	RELAY_CALL((const struct relay *)arg, struct transcript_entry, &e);
}

int
store_transcript(struct store *st, int64_t person_id,
		 void (*fn)(const struct transcript_entry *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_TRANSCRIPT, transcript_row, &rl, _("cannot read the transcript"),
		    "i", person_id);
}

size_t
store_report_sql(const char *const **out)
{
	static const char *list[9];

	list[0] = store_sql[S_PEOPLE];
	list[1] = store_sql[S_ALL_LESSONS];
	list[2] = store_sql[S_ALL_QUIZ_FACTS];
	list[3] = store_sql[S_ALL_DRILLS];
	list[4] = store_sql[S_ALL_CHAT_FACTS];
	list[5] = store_sql[S_ALL_SIGNOFFS];
	list[6] = store_sql[S_ALL_ASSESSMENTS];
	list[7] = store_sql[S_ALL_STAGE_ROWS];
	list[8] = store_sql[S_ALL_EXEMPTIONS];
	*out = list;
	return 9;
}

/* The everyone-at-once reads: each kind's row made into a struct fact
 * by the columns its statement has, in a fixed order. */
enum fact_col { F_END, F_STATE, F_PERCENT, F_SPEED, F_ACCURACY, F_COUNTED, F_AT, F_COUNT };

struct fact_read {
	struct relay rl;
	const unsigned char *cols;	/* after the id and module, to F_END */
	bool no_module;			/* the second column is no module */
};

static void
fact_row(const struct row *r, void *arg)
{
	const struct fact_read *fr = arg;
	const unsigned char *c;
	struct fact f;
	int i = 1;

	memset(&f, 0, sizeof(f));
	f.id = r_int(r, 0);
	if (!fr->no_module)
		f.module = r_text(r, i++);
	for (c = fr->cols; *c != F_END; c++, i++)
		switch ((enum fact_col)*c) {
		case F_STATE:
			f.state = r_text(r, i);
			break;
		case F_PERCENT:
			if ((f.has_percent = !r_null(r, i)))
				f.percent = r_real(r, i);
			break;
		case F_SPEED:
			f.speed = r_real(r, i);
			break;
		case F_ACCURACY:
			f.accuracy = r_real(r, i);
			break;
		case F_COUNTED:
			f.counted = r_int(r, i) != 0;
			break;
		case F_AT:
			f.at = r_int(r, i);
			break;
		case F_COUNT:
			f.count = (int)r_int(r, i);
			break;
		case F_END:
			break;
		}
	RELAY_CALL(&fr->rl, struct fact, &f);
}

static int
facts(struct store *st, enum stmt s, const unsigned char *cols, fact_fn *fn,
      void *arg, const char *what)
{
	struct fact_read fr = { RELAY(fn, arg), cols, false };

	return each(st, s, fact_row, &fr, what, "");
}

int
store_all_lessons(struct store *st, fact_fn *fn, void *arg)
{
	static const unsigned char cols[] = { F_END };

	return facts(st, S_ALL_LESSONS, cols, fn, arg, _("cannot look up lessons"));
}

int
store_all_quiz_facts(struct store *st, fact_fn *fn, void *arg)
{
	static const unsigned char cols[] = { F_STATE, F_PERCENT, F_END };

	return facts(st, S_ALL_QUIZ_FACTS, cols, fn, arg, _("cannot look up quiz attempts"));
}

int
store_all_drills(struct store *st, fact_fn *fn, void *arg)
{
	static const unsigned char cols[] = { F_SPEED, F_ACCURACY, F_COUNTED, F_END };

	return facts(st, S_ALL_DRILLS, cols, fn, arg, _("cannot look up drill results"));
}

int
store_all_signoffs(struct store *st, fact_fn *fn, void *arg)
{
	static const unsigned char cols[] = { F_END };

	return facts(st, S_ALL_SIGNOFFS, cols, fn, arg, _("cannot look up a sign-off"));
}

int
store_all_assessments(struct store *st, fact_fn *fn, void *arg)
{
	static const unsigned char cols[] = { F_STATE, F_AT, F_END };

	return facts(st, S_ALL_ASSESSMENTS, cols, fn, arg, _("cannot look up an assessment"));
}

int
store_all_stage_rows(struct store *st, void (*fn)(const struct stage_mark *, void *),
		     void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_ALL_STAGE_ROWS, stage_row, &rl, _("cannot look up stage progress"), "");
}

int
store_all_grants(struct store *st, fact_fn *fn, void *arg)
{
	static const unsigned char cols[] = { F_COUNT, F_END };

	return facts(st, S_ALL_GRANTS, cols, fn, arg, _("cannot look up attempts given back"));
}

int
store_all_active(struct store *st, fact_fn *fn, void *arg)
{
	static const unsigned char cols[] = { F_AT, F_END };
	struct fact_read fr = { RELAY(fn, arg), cols, true };

	return each(st, S_ALL_ACTIVE, fact_row, &fr,
		    _("cannot look up when people were last active"), "");
}

static void
seen_row(const struct row *r, void *arg)
{
	struct store_seen *s = arg;

	s->event = r_int(r, 0);
	s->grading = r_int(r, 1);
	s->at = r_int(r, 2);
}

int
store_seen_get(struct store *st, int64_t person_id, struct store_seen *s)
{
	memset(s, 0, sizeof(*s));
	return each(st, S_SEEN_GET, seen_row, s, _("cannot look up what was last seen"),
		    "i", person_id);
}

int
store_seen_set(struct store *st, int64_t person_id, const struct store_seen *sn)
{
	/* what was seen is not worth waiting for: another kefu writing
	 * (an import) must not hold up a command that only reads */
	return try_change(st, S_SEEN_SET, "iiii", person_id, sn->event, sn->grading,
			  (int64_t)sn->at);
}

static void
marks_row(const struct row *r, void *arg)
{
	struct store_seen *s = arg;

	s->event = r_int(r, 0);
	s->grading = r_int(r, 1);
}

int
store_seen_marks(struct store *st, struct store_seen *s)
{
	return each(st, S_MARKS, marks_row, s, _("cannot read the event log"), "");
}

static void
inbox_event_row(const struct row *r, void *arg)
{
	struct inbox_event e;

	e.id = r_int(r, 0);
	e.at = r_int(r, 1);
	e.login = r_text(r, 2);
	e.name = r_text(r, 3);
	e.action = r_text(r, 4);
	e.detail = r_text(r, 5);
	RELAY_CALL((const struct relay *)arg, struct inbox_event, &e);
}

int
store_inbox_events(struct store *st, int64_t person_id, int64_t after,
		   void (*fn)(const struct inbox_event *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_INBOX_EVENTS, inbox_event_row, &rl,
		    _("cannot read the event log"), "ii", person_id, after);
}

static void
inbox_grading_row(const struct row *r, void *arg)
{
	struct inbox_grading g;

	g.id = r_int(r, 0);
	g.graded = r_int(r, 1);
	g.login = r_text(r, 2);
	g.name = r_text(r, 3);
	g.quiz = r_text(r, 4);
	g.question = r_text(r, 5);
	g.points = r_real(r, 6);
	g.comment = r_text(r, 7);
	g.attempt_id = r_int(r, 8);
	g.seq = (int)r_int(r, 9);
	g.regrade = r_int(r, 10) != 0;
	RELAY_CALL((const struct relay *)arg, struct inbox_grading, &g);
}

int
store_inbox_gradings(struct store *st, int64_t person_id, int64_t after,
		     void (*fn)(const struct inbox_grading *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_INBOX_GRADINGS, inbox_grading_row, &rl,
		    _("cannot look up gradings"), "ii", person_id, after);
}

long
store_new_submissions(struct store *st, int64_t after)
{
	return (long)count(st, S_NEW_SUBMITS, _("cannot read the event log"), "i", after);
}

long
store_item_count(struct store *st, const char *quiz)
{
	return (long)count(st, S_ITEM_COUNT, _("cannot count attempts"), "t", quiz);
}

static void
item_row(const struct row *r, void *arg)
{
	struct item_marks m;

	m.has_percent = !r_null(r, 0);
	m.percent = m.has_percent ? r_real(r, 0) : 0;
	m.marks = r_text(r, 1);
	RELAY_CALL((const struct relay *)arg, struct item_marks, &m);
}

int
store_item_answers(struct store *st, const char *quiz,
		   void (*fn)(const struct item_marks *, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_ITEM_ANSWERS, item_row, &rl, _("cannot look up answers"), "t",
		    quiz);
}

static void
activity_row(const struct row *r, void *arg)
{
	const struct relay *rl = arg;

	((void (*)(bool, long long, void *))rl->fn)(r_int(r, 0) != 0, r_int(r, 1), rl->arg);
}

int
store_activity(struct store *st, long long since,
	       void (*fn)(bool drill, long long at, void *), void *arg)
{
	struct relay rl = RELAY(fn, arg);

	return each(st, S_ACTIVITY, activity_row, &rl, _("cannot look up activity"), "i",
		    (int64_t)since);
}

/* ---- script proposals ---- */

int64_t
store_proposal_add(struct store *st, int64_t person_id, const char *library,
		   const char *title, const char *question, const char *reply,
		   long long now)
{
	int64_t id;

	if (returning(st, S_PROPOSAL_ADD, _("cannot record a proposal"), &id, "tittti",
		      library, person_id, title, question, reply, (int64_t)now) != 1)
		return -1;
	return id;
}

static void
proposal_row(const struct row *r, void *arg)
{
	struct store_proposals *ps = arg;
	struct store_proposal *p;

	ps->v = xreallocarray(ps->v, ps->n + 1, sizeof(*ps->v));
	p = &ps->v[ps->n++];
	p->id = r_int(r, 0);
	p->library = xstrdup_null(r_text(r, 1));
	p->title = xstrdup_null(r_text(r, 2));
	p->question = xstrdup_null(r_text(r, 3));
	p->reply = xstrdup_null(r_text(r, 4));
	p->state = xstrdup_null(r_text(r, 5));
	/* the text the team sends: the reviewer's edit, else as proposed */
	p->text = xstrdup_null(r_null(r, 6) ? p->reply : r_text(r, 6));
	p->login = xstrdup_null(r_text(r, 7));
	p->name = xstrdup_null(r_text(r, 8));
	p->reviewer = xstrdup_null(r_text(r, 9));
	p->reviewer_name = xstrdup_null(r_text(r, 10));
	p->note = xstrdup_null(r_text(r, 11));
	p->proposed = r_int(r, 12);
	p->reviewed = r_null(r, 13) ? 0 : r_int(r, 13);
}

int
store_proposals(struct store *st, const char *state, int64_t person_id,
		const char *library, int64_t id, struct store_proposals *out)
{
	out->v = NULL;
	out->n = 0;
	return each(st, S_PROPOSALS, proposal_row, out, _("cannot read proposals"),
		    "tItI", state, person_id, library, id);
}

void
store_proposals_free(struct store_proposals *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++) {
		struct store_proposal *p = &ps->v[i];

		free(p->library), free(p->title), free(p->question), free(p->reply);
		free(p->state), free(p->text), free(p->login), free(p->name);
		free(p->reviewer), free(p->reviewer_name), free(p->note);
	}
	free(ps->v);
	ps->v = NULL;
	ps->n = 0;
}

int
store_proposal_decide(struct store *st, int64_t id, const char *state,
		      const char *text, const char *note, int64_t reviewer,
		      long long now)
{
	long long n = changes(st, S_PROPOSAL_DECIDE, _("cannot record a review"), "itttii",
			      id, state, text, note, reviewer, (int64_t)now);

	if (n < 0)
		return -1;
	return n == 1;
}

/* Chat scenario runs (模拟接待). */

char *
store_chat_grant_key(const char *scenario)
{
	return xasprintf("chat:%s", scenario);
}

void
chat_run_clear(struct chat_run *r)
{
	free(r->scenario);
	free(r->state);
	free(r->why);
	free(r->comment);
	free(r->grader);
	free(r->login);
	free(r->name);
	memset(r, 0, sizeof(*r));
}

static void
run_of_row(const struct row *r, struct chat_run *run)
{
	memset(run, 0, sizeof(*run));
	run->id = r_int(r, 0);
	run->person_id = r_int(r, 1);
	run->scenario = col_dup(r, 2);
	run->exam = r_int(r, 3) != 0;
	run->started = r_int(r, 4);
	run->finished = r_int(r, 5);
	run->state = col_dup(r, 6);
	run->auto_percent = r_null(r, 7) ? -1 : r_real(r, 7);
	run->percent = r_null(r, 8) ? -1 : r_real(r, 8);
	run->counted = r_int(r, 9) != 0;
	run->why = col_dup(r, 10);
	run->comment = col_dup(r, 11);
	run->grader = col_dup(r, 12);
	run->graded = r_int(r, 13);
	run->turns = (int)r_int(r, 14);
	run->login = col_dup(r, 15);
	run->name = col_dup(r, 16);
}

static void
one_run(const struct row *r, void *arg)
{
	struct chat_run *run = arg;

	if (run->id == 0)
		run_of_row(r, run);
}

int
store_chat_open(struct store *st, int64_t person_id, const char *scenario,
		struct chat_run *run)
{
	memset(run, 0, sizeof(*run));
	if (each(st, S_CHAT_OPEN, one_run, run, _("cannot look up chat runs"), "it",
		 person_id, scenario) != 0)
		return -1;
	return run->id != 0;
}

int
store_chat_begin(struct store *st, int64_t person_id, const char *scenario,
		 unsigned cap, bool exam, long long now, struct chat_run *run, int *used)
{
	bool own = !in_transaction(st);
	char *key = store_chat_grant_key(scenario);	/* runs given back */
	long long n = 0;
	int rc, tries;
	int64_t id;

	memset(run, 0, sizeof(*run));
	if (own && store_begin(st) != 0) {
		free(key);
		return -1;
	}
	/* as store_attempt_begin(): the insert is the check */
	for (tries = 0, rc = 3; rc == 3 && tries < 3; tries++) {
		rc = returning(st, S_CHAT_START, _("cannot start a chat run"), &id, "itbiit",
			       person_id, scenario, (int)exam, (int64_t)now, (int64_t)cap, key);
		if (rc == 1) {
			run->id = id;
			run->person_id = person_id;
			run->scenario = xstrdup(scenario);
			run->exam = exam;
			run->started = now;
			run->state = xstrdup("open");
			run->percent = run->auto_percent = -1;
			rc = 0;
		} else if (rc == 0 && (rc = store_chat_open(st, person_id, scenario, run)) == 0) {
			long long g = cap ? count(st, S_ATTEMPTS_GRANTED, _("cannot count chat runs"),
						  "it", person_id, key) : 0;

			rc = g < 0 ? -1 : 3;
			if (rc == 3 && cap && (n = count(st, S_CHAT_USED, _("cannot count chat runs"),
							 "it", person_id, scenario)) >= (long long)cap + g)
				rc = 2;
		}
		if (rc >= 0 && rc != 3 &&
		    (n = count(st, S_CHAT_USED, _("cannot count chat runs"), "it", person_id,
			       scenario)) < 0)
			rc = -1;
	}
	free(key);
	if (rc == 3)
		rc = error(_("cannot start a chat run: other runs kept starting and ending"));
	*used = (int)n;
	if (rc < 0 || (own && store_commit(st) != 0)) {
		if (own)
			store_rollback(st);
		chat_run_clear(run);
		return -1;
	}
	return rc;
}

int
store_chat_turn_save(struct store *st, int64_t run_id, const struct chat_turn_rec *t)
{
	long long n = changes(st, S_CHAT_TURN_SAVE, _("cannot save a reply"), "iittiDdibdtt",
			      run_id, (int64_t)t->seq, t->message, t->reply, (int64_t)t->shown,
			      t->seconds, t->within, (int64_t)t->keys, (int)t->pasted, t->score,
			      t->made, t->hits);

	if (n < 0)
		return -1;
	return n == 0;
}

struct turn_walk {
	void (*fn)(const struct chat_turn_rec *, void *);
	void *arg;
};

static void
turn_row(const struct row *r, void *arg)
{
	struct turn_walk *w = arg;
	struct chat_turn_rec t;

	t.seq = (int)r_int(r, 0);
	t.message = r_text(r, 1);
	t.reply = r_text(r, 2);
	t.shown = r_int(r, 3);
	t.seconds = r_null(r, 4) ? -1 : r_real(r, 4);
	t.within = r_real(r, 5);
	t.keys = (int)r_int(r, 6);
	t.pasted = r_int(r, 7) != 0;
	t.score = r_real(r, 8);
	t.made = r_text(r, 9);
	t.hits = r_null(r, 10) ? NULL : r_text(r, 10);
	w->fn(&t, w->arg);
}

int
store_chat_turns(struct store *st, int64_t run_id,
		 void (*fn)(const struct chat_turn_rec *, void *), void *arg)
{
	struct turn_walk w = { fn, arg };

	return each(st, S_CHAT_TURNS, turn_row, &w, _("cannot read a chat run"), "i", run_id);
}

int
store_chat_finish(struct store *st, int64_t run_id, bool pending, double percent,
		  bool counted, const char *why, long long now)
{
	long long n = changes(st, S_CHAT_FINISH, _("cannot hand a chat run in"), "itdbti",
			      run_id, pending ? "pending" : "final", percent, (int)counted, why,
			      (int64_t)now);

	if (n < 0)
		return -1;
	return n == 0;
}

void
quiz_tally_add_run(struct quiz_tally *t, const char *state, bool has_percent,
		   double percent, bool counted)
{
	/* a run that counts for no gate is no best */
	quiz_tally_add(t, state, has_percent && counted, percent);
	if (!counted && (strcmp(state, "final") == 0 || strcmp(state, "pending") == 0))
		t->f.practice++;
}

static void
chat_tally_row(const struct row *r, void *arg)
{
	bool has = !r_null(r, 1);

	quiz_tally_add_run(arg, r_text(r, 0), has, has ? r_real(r, 1) : 0,
			   r_int(r, 2) != 0);
}

int
store_chat_facts(struct store *st, int64_t person_id, const char *scenario,
		 struct quiz_facts *f)
{
	struct quiz_tally t;
	int rc;

	char *key = store_chat_grant_key(scenario);
	long long granted;

	quiz_tally_start(&t);
	rc = each(st, S_CHAT_FACTS, chat_tally_row, &t, _("cannot look up chat runs"), "it",
		  person_id, scenario);
	granted = count(st, S_ATTEMPTS_GRANTED, _("cannot count chat runs"), "it",
			person_id, key);
	free(key);
	t.f.granted = granted > 0 ? (int)granted : 0;
	*f = t.f;
	return rc != 0 || granted < 0 ? -1 : 0;
}

int
store_all_chat_facts(struct store *st, fact_fn *fn, void *arg)
{
	static const unsigned char cols[] = { F_STATE, F_PERCENT, F_COUNTED, F_END };

	return facts(st, S_ALL_CHAT_FACTS, cols, fn, arg, _("cannot look up chat runs"));
}

struct run_walk {
	void (*fn)(const struct chat_run *, void *);
	void *arg;
};

static void
runs_row(const struct row *r, void *arg)
{
	struct run_walk *w = arg;
	struct chat_run run;

	run_of_row(r, &run);
	w->fn(&run, w->arg);
	chat_run_clear(&run);
}

int
store_chat_runs(struct store *st, int64_t person_id, const char *scenario,
		const char *state, int64_t id,
		void (*fn)(const struct chat_run *, void *), void *arg)
{
	struct run_walk w = { fn, arg };

	return each(st, S_CHAT_RUNS, runs_row, &w, _("cannot look up chat runs"), "IttI",
		    person_id, scenario, state, id);
}

int
store_chat_grade(struct store *st, int64_t run_id, double percent, int64_t grader,
		 const char *comment, long long now)
{
	long long n = changes(st, S_CHAT_GRADE, _("cannot record a review"), "idiit", run_id,
			      percent, grader, (int64_t)now, comment);

	if (n < 0)
		return -1;
	return n == 0;
}

static void
status_row(const struct row *r, void *arg)
{
	struct store_status *s = arg;

	s->people = (long)r_int(r, 0);
	s->trainees = (long)r_int(r, 1);
	s->trainers = (long)r_int(r, 2);
	s->managers = (long)r_int(r, 3);
	s->left = (long)r_int(r, 4);
	s->answers = (long)r_int(r, 5);
	s->attempts = (long)r_int(r, 6);
	s->drills = (long)r_int(r, 7);
	s->chats = (long)r_int(r, 8);
	s->events = (long)r_int(r, 9);
}

int
store_status(struct store *st, struct store_status *s)
{
	memset(s, 0, sizeof(*s));
	if (st->eng->status(st, s) != 0)
		return -1;
	return one(st, S_STATUS, status_row, s, _("cannot read the database"), "") < 0 ? -1 : 0;
}

/* ---- copying a database ---- */

/* Every table of the records, each after those it refers to. */
static const char *const copy_tables[] = {
	"person", "enrollment", "stage_progress", "lesson_read", "quiz_attempt",
	"quiz_answer", "grading", "review_item", "review_log", "drill_result",
	"signoff", "assessment", "assessment_part", "kpi_figure", "event",
	"attempt_change", "kpi_change", "exemption", "answer_draft",
	"script_proposal", "chat_run", "chat_turn", "founding",
};

struct names {
	char **v;
	size_t n;
};

static void
name_row(const struct row *r, void *arg)
{
	struct names *ns = arg;

	ns->v = xreallocarray(ns->v, ns->n + 1, sizeof(*ns->v));
	ns->v[ns->n++] = xstrdup(r_text(r, 0));
}

static void
names_free(struct names *ns)
{
	size_t i;

	for (i = 0; i < ns->n; i++)
		free(ns->v[i]);
	free(ns->v);
	memset(ns, 0, sizeof(*ns));
}

/* A table's columns: 0, or -1 after an error. */
static int
columns(struct store *st, const char *table, struct names *ns)
{
	void *q = st->eng->dyn_prepare(st, st->eng->columns_sql, _("cannot copy the records"));
	long n;

	memset(ns, 0, sizeof(*ns));
	if (q == NULL)
		return -1;
	n = st->eng->dyn_run(st, q, 1, &table, name_row, ns, _("cannot copy the records"));
	st->eng->dyn_finalize(st, q);
	return n < 0 ? -1 : 0;
}

/* FNV-1a, 64 bits, over a row's values: each NULL or text, then a
 * separator no text of kefu's holds. */
static uint64_t
fnv(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* Reading a table: each row's values, hashed into the table's sum, and
 * written into the target when there is one. */
struct copying {
	struct store *to;
	void *insert;		/* NULL: only read */
	int ncols;
	long rows;
	uint64_t sum;
	int failed;
};

static void
copy_row(const struct row *r, void *arg)
{
	struct copying *c = arg;
	const char *v[64];
	char buf[64][48];
	uint64_t h = 0xcbf29ce484222325ULL;
	int i;

	if (c->failed)
		return;
	for (i = 0; i < c->ncols; i++) {
		v[i] = r->eng->exact(r, i, buf[i]);
		h = v[i] ? fnv(fnv(h, "v", 1), v[i], strlen(v[i])) : fnv(h, "n", 1);
		h = fnv(h, "\x1f", 1);
	}
	c->sum += h;
	c->rows++;
	if (c->insert && c->to->eng->dyn_run(c->to, c->insert, c->ncols, v, NULL, NULL,
					      _("cannot copy the records")) < 0)
		c->failed = 1;
}

/* Reads table (its columns cols) from st, into to when insert is given:
 * 0, or -1 after an error. */
static int
copy_read(struct store *st, const char *table, const struct names *cols,
	  struct store *to, void *insert, long *rows, uint64_t *sum)
{
	struct copying c = { to, insert, (int)cols->n, 0, 0, 0 };
	struct sb sql = SB_INIT;
	void *q;
	long n;
	size_t i;

	sb_adds(&sql, "SELECT ");
	for (i = 0; i < cols->n; i++)
		sb_addf(&sql, "%s%s", i ? ", " : "", cols->v[i]);
	/* the names are the schema's, never a user's */
	sb_addf(&sql, " FROM %s", table);
	q = st->eng->dyn_prepare(st, sb_str(&sql), _("cannot copy the records"));
	sb_free(&sql);
	if (q == NULL)
		return -1;
	n = st->eng->dyn_run(st, q, 0, NULL, copy_row, &c, _("cannot copy the records"));
	st->eng->dyn_finalize(st, q);
	*rows = c.rows;
	*sum = c.sum;
	return n < 0 || c.failed ? -1 : 0;
}

/* The columns of a table both stores have, in from's order. */
static int
common_columns(struct store *from, struct store *to, const char *table,
	       struct names *both, bool *id)
{
	struct names fc, tc;
	size_t i, j;
	int rc = -1;

	memset(both, 0, sizeof(*both));
	*id = false;
	if (columns(from, table, &fc) != 0)
		return -1;
	if (columns(to, table, &tc) != 0)
		goto out;
	for (i = 0; i < fc.n; i++)
		for (j = 0; j < tc.n; j++)
			if (strcmp(fc.v[i], tc.v[j]) == 0) {
				both->v = xreallocarray(both->v, both->n + 1, sizeof(*both->v));
				both->v[both->n++] = xstrdup(fc.v[i]);
				*id |= strcmp(fc.v[i], "id") == 0;
			}
	if (both->n == 0 || both->n > 64)
		error(_("cannot copy the records: table '%s' has %zu columns in both"),
		      table, both->n);
	else
		rc = 0;
	names_free(&tc);
out:
	names_free(&fc);
	return rc;
}

/* Copies one table: the columns both have, read from from and written
 * into to. */
static int
copy_table(struct store *from, struct store *to, struct copy_table *t)
{
	struct names both = { NULL, 0 };
	struct sb sql = SB_INIT;
	bool id;
	void *ins = NULL;
	size_t i;
	int rc = -1;

	if (common_columns(from, to, t->name, &both, &id) != 0)
		goto out;
	sb_addf(&sql, "INSERT INTO %s (", t->name);
	for (i = 0; i < both.n; i++)
		sb_addf(&sql, "%s%s", i ? ", " : "", both.v[i]);
	sb_adds(&sql, ") VALUES (");
	for (i = 0; i < both.n; i++)
		sb_addf(&sql, "%s?%zu", i ? ", " : "", i + 1);
	sb_adds(&sql, ")");
	if ((ins = to->eng->dyn_prepare(to, sb_str(&sql), _("cannot copy the records"))) == NULL ||
	    copy_read(from, t->name, &both, to, ins, &t->rows, &t->sum) != 0 ||
	    (id && to->eng->after_copy(to, t->name) != 0))
		goto out;
	rc = 0;
out:
	if (ins)
		to->eng->dyn_finalize(to, ins);
	sb_free(&sql);
	names_free(&both);
	return rc;
}

/* Reads a table copied back from to, once every table is in (a trigger
 * of one may have changed another). */
static int
copy_check(struct store *from, struct store *to, struct copy_table *t)
{
	struct names both;
	bool id;
	int rc;

	if (common_columns(from, to, t->name, &both, &id) != 0)
		return -1;
	rc = copy_read(to, t->name, &both, NULL, NULL, &t->rows_to, &t->sum_to);
	names_free(&both);
	return rc;
}

int
store_copy(struct store *from, struct store *to, struct copy_report *rep)
{
	size_t i;
	int rc = 0;

	memset(rep, 0, sizeof(*rep));
	if (store_begin_read(from) != 0)
		return -1;
	if (store_begin(to) != 0) {
		store_rollback(from);
		return -1;
	}
	if (count(to, S_PERSON_COUNT, _("cannot copy the records"), "") != 0)
		rc = 1;
	for (i = 0; rc == 0 && i < ARRAY_SIZE(copy_tables); i++) {
		rep->t[rep->n].name = copy_tables[i];
		if (copy_table(from, to, &rep->t[rep->n++]) != 0)
			rc = -1;
	}
	for (i = 0; rc == 0 && i < rep->n; i++)
		if (copy_check(from, to, &rep->t[i]) != 0)
			rc = -1;
	for (i = 0; rc == 0 && i < rep->n; i++)
		if (rep->t[i].rows != rep->t[i].rows_to || rep->t[i].sum != rep->t[i].sum_to)
			rc = 2;
	if (rc == 0 && store_commit(to) != 0)
		rc = -1;
	if (rc != 0)
		store_rollback(to);
	store_rollback(from);
	return rc;
}
