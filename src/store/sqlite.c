/* sqlite.c: the store's engine (engine.h) on SQLite: its schema and
 * migrations, the statements of sql.c each prepared once with bound
 * parameters, transactions, and what SQLite's errors mean to a user. The
 * only file of kefu that speaks to SQLite about the records. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kpi.h"
#include "engine.h"
#include "util.h"

/* how long a write waits for another process's transaction to end */
#define BUSY_TIMEOUT_MS 10000

static const struct engine sqlite_engine;
static void sq_close(struct store *);
static void sq_rollback(struct store *);

static const char *const migrations[] = {
	/* 1: the first schema */
	"CREATE TABLE person ("
	"  id INTEGER PRIMARY KEY,"
	"  login TEXT NOT NULL UNIQUE,"
	"  name TEXT,"
	"  role TEXT NOT NULL CHECK (role IN ('trainee','trainer','manager')),"
	"  hired TEXT,"
	"  active INTEGER NOT NULL DEFAULT 1,"
	"  created INTEGER NOT NULL);"
	"CREATE TABLE enrollment ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  curriculum TEXT NOT NULL,"
	"  started TEXT NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  touched INTEGER NOT NULL DEFAULT 0,"	/* the highest is current */
	"  UNIQUE (person_id, curriculum));"
	"CREATE TABLE stage_progress ("
	"  enrollment_id INTEGER NOT NULL REFERENCES enrollment(id),"
	"  stage TEXT NOT NULL,"
	"  opened INTEGER,"
	"  completed INTEGER,"
	"  due TEXT,"
	"  PRIMARY KEY (enrollment_id, stage));"
	"CREATE TABLE lesson_read ("
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  lesson TEXT NOT NULL,"
	"  first_read INTEGER NOT NULL,"
	"  last_read INTEGER NOT NULL,"
	"  times INTEGER NOT NULL DEFAULT 1,"
	"  PRIMARY KEY (person_id, lesson));"
	"CREATE TABLE quiz_attempt ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  quiz TEXT NOT NULL,"
	"  started INTEGER NOT NULL,"
	"  finished INTEGER,"
	"  seed INTEGER NOT NULL,"
	"  paper TEXT NOT NULL,"	/* drawn questions and choice order */
	"  points REAL,"
	"  max_points REAL,"
	"  percent REAL,"
	"  state TEXT NOT NULL DEFAULT 'open'"	/* void: the quiz changed under it */
	"    CHECK (state IN ('open','pending','final','void')));"
	"CREATE INDEX quiz_attempt_person ON quiz_attempt(person_id, quiz);"
	"CREATE TABLE quiz_answer ("
	"  attempt_id INTEGER NOT NULL REFERENCES quiz_attempt(id),"
	"  seq INTEGER NOT NULL,"
	"  question TEXT NOT NULL,"
	"  response TEXT,"
	"  points REAL,"
	"  correct INTEGER,"
	"  answered INTEGER NOT NULL,"
	"  PRIMARY KEY (attempt_id, seq));"
	"CREATE TABLE grading ("
	"  id INTEGER PRIMARY KEY,"
	"  attempt_id INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL,"
	"  grader_id INTEGER NOT NULL REFERENCES person(id),"
	"  points REAL NOT NULL,"
	"  comment TEXT,"
	"  graded INTEGER NOT NULL,"
	"  FOREIGN KEY (attempt_id, seq) REFERENCES quiz_answer(attempt_id, seq));"
	"CREATE TABLE review_item ("
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  quiz TEXT NOT NULL,"
	"  question TEXT NOT NULL,"
	"  misses INTEGER NOT NULL DEFAULT 0,"
	"  reps INTEGER NOT NULL DEFAULT 0,"
	"  ease REAL NOT NULL DEFAULT 2.5,"
	"  interval_days REAL NOT NULL DEFAULT 0,"
	"  due INTEGER NOT NULL,"
	"  PRIMARY KEY (person_id, quiz, question));"
	"CREATE TABLE review_log ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  quiz TEXT NOT NULL,"
	"  question TEXT NOT NULL,"
	"  at INTEGER NOT NULL,"
	"  rating TEXT NOT NULL,"
	"  interval_before REAL NOT NULL,"
	"  interval_after REAL NOT NULL,"
	"  ease_after REAL NOT NULL);"
	"CREATE TABLE drill_result ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  drill TEXT NOT NULL,"
	"  at INTEGER NOT NULL,"
	"  unit TEXT NOT NULL,"
	"  seconds REAL NOT NULL,"
	"  typed INTEGER NOT NULL,"
	"  correct INTEGER NOT NULL,"
	"  raw_speed REAL NOT NULL,"
	"  net_speed REAL NOT NULL,"
	"  accuracy REAL NOT NULL,"
	"  key_accuracy REAL,"
	"  backspaces INTEGER NOT NULL DEFAULT 0,"
	"  timed INTEGER NOT NULL);"	/* 1: from keystrokes; 0: piped lines */
	"CREATE INDEX drill_result_person ON drill_result(person_id, drill);"
	"CREATE TABLE signoff ("
	"  enrollment_id INTEGER NOT NULL REFERENCES enrollment(id),"
	"  stage TEXT NOT NULL,"
	"  signer_id INTEGER NOT NULL REFERENCES person(id),"
	"  signed INTEGER NOT NULL,"
	"  note TEXT,"
	"  PRIMARY KEY (enrollment_id, stage));"
	"CREATE TABLE assessment ("
	"  id INTEGER PRIMARY KEY,"
	"  enrollment_id INTEGER NOT NULL REFERENCES enrollment(id),"
	"  assessment TEXT NOT NULL,"
	"  outcome TEXT NOT NULL CHECK (outcome IN ('pass','extend','fail')),"
	"  reason TEXT,"
	"  new_due TEXT,"
	"  decided_by INTEGER NOT NULL REFERENCES person(id),"
	"  decided INTEGER NOT NULL);"
	"CREATE TABLE assessment_part ("
	"  assessment_id INTEGER NOT NULL REFERENCES assessment(id),"
	"  part TEXT NOT NULL,"
	"  value REAL,"
	"  passed INTEGER NOT NULL,"
	"  note TEXT,"
	"  PRIMARY KEY (assessment_id, part));"
	"CREATE TABLE kpi_figure ("
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  kpi TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  value REAL NOT NULL,"
	"  recorded_by INTEGER NOT NULL REFERENCES person(id),"
	"  recorded INTEGER NOT NULL,"
	"  PRIMARY KEY (person_id, kpi, period));"
	"CREATE TABLE event ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  actor_id INTEGER REFERENCES person(id),"
	"  action TEXT NOT NULL,"
	"  subject_id INTEGER REFERENCES person(id),"
	"  detail TEXT);"
	"CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event"
	"  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;"
	"CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event"
	"  BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;",
	/* 2: trainers' work: the grading queue, regrading, KPI periods */
	"CREATE INDEX quiz_attempt_pending ON quiz_attempt(state) WHERE state = 'pending';"
	"CREATE INDEX grading_answer ON grading(attempt_id, seq);"
	"CREATE INDEX kpi_figure_period ON kpi_figure(period, kpi);"
	"CREATE INDEX assessment_enrollment ON assessment(enrollment_id, assessment);"
	/* indexes that hand rows out in the order asked, so the facts behind
	 * every prompt and report need no temporary b-tree */
	"DROP INDEX drill_result_person;"
	"CREATE INDEX drill_result_best ON drill_result(person_id, drill, timed, net_speed, accuracy);"
	"CREATE INDEX drill_result_speed ON drill_result(person_id, drill, net_speed, accuracy);"
	"CREATE INDEX drill_result_at ON drill_result(person_id, drill, at);"
	/* quiz facts from the index alone, without reading the papers */
	"DROP INDEX quiz_attempt_person;"
	"CREATE INDEX quiz_attempt_facts ON quiz_attempt(person_id, quiz, state, percent);",
	/* 3: exams that hold up. One open attempt per person and quiz,
	 * held by the database itself: older open ones (a race lost
	 * before this index) are set aside, the newest goes on */
	"UPDATE quiz_attempt SET state = 'void', finished = coalesce(finished, started)"
	" WHERE state = 'open' AND id NOT IN (SELECT max(id) FROM quiz_attempt"
	"  WHERE state = 'open' GROUP BY person_id, quiz);"
	"CREATE UNIQUE INDEX quiz_attempt_one_open ON quiz_attempt(person_id, quiz)"
	" WHERE state = 'open';"
	/* the automatic part of a score, fixed at hand-in: grading adds the
	 * essays to it and never reads the other answers again */
	"ALTER TABLE quiz_attempt ADD COLUMN auto_points REAL;"
	"UPDATE quiz_attempt SET auto_points = (SELECT round(coalesce(sum(a.points), 0), 2)"
	"  FROM quiz_answer a WHERE a.attempt_id = quiz_attempt.id AND NOT EXISTS"
	"  (SELECT 1 FROM grading g WHERE g.attempt_id = a.attempt_id AND g.seq = a.seq))"
	" WHERE state IN ('pending', 'final');"
	/* a trainer's corrections: attempts given back, attempts set aside */
	"CREATE TABLE attempt_change ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  quiz TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('grant','void')),"
	"  attempt_id INTEGER REFERENCES quiz_attempt(id),"	/* void */
	"  count INTEGER NOT NULL DEFAULT 0,"	/* grant */
	"  reason TEXT NOT NULL,"
	"  by_id INTEGER NOT NULL REFERENCES person(id),"
	"  at INTEGER NOT NULL);"
	"CREATE INDEX attempt_change_person ON attempt_change(person_id, quiz);",
	/* 4: typing gates that prove typing. A run counts for a gate only
	 * when typing_verdict() says so; why says why not. Runs from before
	 * were judged by the rule of their day: timed ones count, piped
	 * ones are practice */
	"ALTER TABLE drill_result ADD COLUMN counted INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE drill_result ADD COLUMN why TEXT;"
	"UPDATE drill_result SET counted = timed, why = CASE WHEN timed THEN NULL ELSE 'piped' END;"
	"DROP INDEX drill_result_best;"
	"CREATE INDEX drill_result_best ON drill_result(person_id, drill, counted, net_speed, accuracy);",
	/* 5: KPI figures and outcomes a manager can audit. Every change of
	 * a figure is kept (old NULL: a new figure; new NULL: deleted), the
	 * figures before this began with one row each; periods become
	 * months (fix_periods() below) */
	"CREATE TABLE kpi_change ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  kpi TEXT NOT NULL,"
	"  period TEXT NOT NULL,"
	"  old_value REAL,"
	"  new_value REAL,"
	"  source TEXT,"	/* FILE:LINE of an import, or the command */
	"  reason TEXT,"
	"  by_id INTEGER NOT NULL REFERENCES person(id),"
	"  at INTEGER NOT NULL);"
	"CREATE INDEX kpi_change_person ON kpi_change(person_id, kpi, period);"
	"INSERT INTO kpi_change (person_id, kpi, period, new_value, source, by_id, at)"
	" SELECT person_id, kpi, period, value, 'kept before KPI history', recorded_by, recorded"
	" FROM kpi_figure ORDER BY recorded;"
	/* what the trainee sees of a decision: part notes were shown
	 * without the trainer being asked, so they become private; a
	 * reason for an extension or a fail was asked "the trainee sees it" */
	"ALTER TABLE assessment ADD COLUMN reason_shown INTEGER NOT NULL DEFAULT 1;"
	"UPDATE assessment SET reason_shown = outcome <> 'pass';"
	"ALTER TABLE assessment_part ADD COLUMN note_shown INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE assessment_part ADD COLUMN period TEXT;"	/* of a KPI figure */
	/* a stage opened early (module '') or a module exempted, for one
	 * enrollment, on the record */
	"CREATE TABLE exemption ("
	"  id INTEGER PRIMARY KEY,"
	"  enrollment_id INTEGER NOT NULL REFERENCES enrollment(id),"
	"  stage TEXT NOT NULL,"
	"  module TEXT NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  by_id INTEGER NOT NULL REFERENCES person(id),"
	"  at INTEGER NOT NULL,"
	"  UNIQUE (enrollment_id, stage, module));",
	/* 6: the day someone left and why (people leave --date --reason).
	 * Those who left before keep the day their leaving was logged */
	"ALTER TABLE person ADD COLUMN left_date TEXT;"
	"ALTER TABLE person ADD COLUMN left_reason TEXT;"
	"UPDATE person SET left_date = (SELECT date(max(e.at), 'unixepoch', 'localtime')"
	"  FROM event e WHERE e.action = 'person-leave' AND e.subject_id = person.id)"
	" WHERE NOT active;",
	/* 7: the workbench. What each person has looked at (the last event
	 * and grading shown to them, and when), and when they last did
	 * something themselves, kept by the event log's own trigger; those
	 * here already have seen everything up to now */
	"ALTER TABLE person ADD COLUMN seen_event INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE person ADD COLUMN seen_grading INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE person ADD COLUMN seen_at INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE person ADD COLUMN active_at INTEGER;"
	"UPDATE person SET seen_event = coalesce((SELECT max(id) FROM event), 0),"
	" seen_grading = coalesce((SELECT max(id) FROM grading), 0),"
	" active_at = (SELECT max(at) FROM event"
	"  WHERE actor_id = person.id AND subject_id = person.id);"
	"CREATE INDEX event_subject ON event(subject_id, id);"
	"CREATE INDEX quiz_attempt_quiz ON quiz_attempt(quiz, state);"
	"ALTER TABLE quiz_attempt ADD COLUMN item_marks TEXT;"
	"UPDATE quiz_attempt SET item_marks = " ITEM_MARKS
	" WHERE state IN ('final', 'pending');"
	"CREATE TRIGGER event_active AFTER INSERT ON event"
	"  WHEN NEW.actor_id = NEW.subject_id"
	"  BEGIN UPDATE person SET active_at = NEW.at WHERE id = NEW.actor_id; END;",
	/* 8: an essay's draft, kept line by line as it is typed until the
	 * answer is given, so a killed kefu loses nothing. Not an answer:
	 * never scored, never handed in */
	"CREATE TABLE answer_draft ("
	"  attempt_id INTEGER NOT NULL REFERENCES quiz_attempt(id),"
	"  seq INTEGER NOT NULL,"
	"  text TEXT NOT NULL,"
	"  saved INTEGER NOT NULL,"
	"  PRIMARY KEY (attempt_id, seq));",
	/* 9: scripts trainees propose for the team's libraries, and what a
	 * trainer made of them; accepted ones join the library as the team
	 * sees it. state moves from open once, never back */
	"CREATE TABLE script_proposal ("
	"  id INTEGER PRIMARY KEY,"
	"  library TEXT NOT NULL,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  title TEXT,"
	"  question TEXT NOT NULL,"
	"  reply TEXT NOT NULL,"
	"  proposed INTEGER NOT NULL,"
	"  state TEXT NOT NULL DEFAULT 'open'"
	"   CHECK (state IN ('open', 'accepted', 'rejected')),"
	"  text TEXT,"
	"  reviewer_id INTEGER REFERENCES person(id),"
	"  reviewed INTEGER,"
	"  note TEXT);"
	"CREATE INDEX script_proposal_state ON script_proposal(state, library);",
	/* 10: chat scenarios (模拟接待). A run is open while replies come,
	 * one open run per person and scenario; each turn is kept as it is
	 * replied to, so a killed run goes on at the next turn. A run
	 * counts for a gate only when every reply was typed at a terminal
	 * (why says why not); a trainer's review of a transcript sets
	 * percent and keeps the automatic one */
	"CREATE TABLE chat_run ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  scenario TEXT NOT NULL,"
	"  exam INTEGER NOT NULL DEFAULT 0,"
	"  started INTEGER NOT NULL,"
	"  finished INTEGER,"
	"  state TEXT NOT NULL DEFAULT 'open'"
	"   CHECK (state IN ('open', 'pending', 'final', 'void')),"
	"  auto_percent REAL,"
	"  percent REAL,"
	"  counted INTEGER NOT NULL DEFAULT 0,"
	"  why TEXT,"
	"  grader_id INTEGER REFERENCES person(id),"
	"  graded INTEGER,"
	"  comment TEXT);"
	"CREATE UNIQUE INDEX chat_run_one_open ON chat_run(person_id, scenario)"
	" WHERE state = 'open';"
	"CREATE INDEX chat_run_facts ON chat_run(person_id, scenario, state, percent, counted);"
	"CREATE INDEX chat_run_pending ON chat_run(state) WHERE state = 'pending';"
	"CREATE TABLE chat_turn ("
	"  run_id INTEGER NOT NULL REFERENCES chat_run(id),"
	"  seq INTEGER NOT NULL,"
	"  message TEXT NOT NULL,"	/* the buyer's message as shown */
	"  reply TEXT NOT NULL,"
	"  shown INTEGER NOT NULL,"
	"  seconds REAL,"		/* NULL when not measured (piped) */
	"  within REAL NOT NULL,"
	"  keys INTEGER NOT NULL DEFAULT 0,"
	"  pasted INTEGER NOT NULL DEFAULT 0,"
	"  score REAL NOT NULL,"
	"  made TEXT NOT NULL,"	/* a 1 or 0 for each expected point */
	"  hits TEXT,"		/* the words that spoiled it, one per line */
	"  PRIMARY KEY (run_id, seq));",
	/* 11: who founded the database, in a table of one row: the first
	 * run claims it with one insert, so two first runs at once (on any
	 * engine) make one manager. A database with people has been
	 * founded by its first */
	"CREATE TABLE founding ("
	"  one INTEGER PRIMARY KEY CHECK (one = 1),"
	"  person_id INTEGER REFERENCES person(id),"
	"  at INTEGER NOT NULL);"
	"INSERT INTO founding (one, person_id, at)"
	" SELECT 1, id, created FROM person ORDER BY id LIMIT 1;",
};


/* A store on SQLite. */
struct sq {
	struct store base;
	sqlite3 *db;
	sqlite3_stmt *stmts[S_COUNT];
};

/* What the system said when SQLite could not open, read or write a file
 * ("Read-only file system", "No space left on device"): SQLite's own
 * words for those ("unable to open database file", "disk I/O error")
 * do not say what to fix. Empty otherwise. */
static const char *
sys_reason(struct sq *st, char *buf, size_t size)
{
	int code = sqlite3_extended_errcode(st->db) & 0xff;
	int e = sqlite3_system_errno(st->db);

	buf[0] = '\0';
	if (e != 0 && (code == SQLITE_CANTOPEN || code == SQLITE_IOERR ||
		       code == SQLITE_READONLY))
		snprintf(buf, size, " (%s)", strerror(e));
	return buf;
}

static int
db_error(struct sq *st, const char *what)
{
	char why[160];

	return error(_("database '%s': %s: %s%s"), st->base.path, what,
		     sqlite3_errmsg(st->db), sys_reason(st, why, sizeof(why)));
}

/* Prepares a statement once and resets it for new bindings. */
static sqlite3_stmt *
prep(struct sq *st, enum stmt s)
{
	sqlite3_stmt *stmt = st->stmts[s];

	if (stmt == NULL) {
		/* the schema is ours, so this fails only on a file that merely
		 * claims to be a kefu database, or a damaged one */
		if (sqlite3_prepare_v3(st->db, store_sql[s], -1, SQLITE_PREPARE_PERSISTENT,
				       &stmt, NULL) != SQLITE_OK)
			die(_("database '%s' is not a kefu database or is damaged: %s"),
			    st->base.path, sqlite3_errmsg(st->db));
		st->stmts[s] = stmt;
	}
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	return stmt;
}

static void
bind_text(sqlite3_stmt *stmt, int i, const char *s)
{
	if (s == NULL)
		sqlite3_bind_null(stmt, i);
	else
		sqlite3_bind_text(stmt, i, s, -1, SQLITE_TRANSIENT);
}

/* Runs a statement that returns no rows. */
static int
run(struct sq *st, sqlite3_stmt *stmt, const char *what)
{
	int rc = sqlite3_step(stmt);

	sqlite3_reset(stmt);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return db_error(st, what);
	return 0;
}

static char *
col_text(sqlite3_stmt *stmt, int i)
{
	return xstrdup_null((const char *)sqlite3_column_text(stmt, i));
}

static int
exec(struct sq *st, const char *s, const char *what)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, s, NULL, NULL, &msg) != SQLITE_OK) {
		char why[160];

		error(_("database '%s': %s: %s%s"), st->base.path, what,
		      msg ? msg : sqlite3_errmsg(st->db), sys_reason(st, why, sizeof(why)));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* Binds parameters ?1, ?2, ... by a format: 'i' int64_t, 'I' int64_t or
 * NULL when 0 or less, 'd' double, 'D' double or NULL when negative,
 * 't' text (NULL for a null pointer), 'b' bool, 'n' a NULL (no argument). */
static sqlite3_stmt *
bindv(struct sq *st, enum stmt s, const char *fmt, va_list ap)
{
	sqlite3_stmt *stmt = prep(st, s);
	int i;

	for (i = 1; *fmt; fmt++, i++) {
		int64_t n;
		double d;

		switch (*fmt) {
		case 'i':
			sqlite3_bind_int64(stmt, i, va_arg(ap, int64_t));
			break;
		case 'I':
			if ((n = va_arg(ap, int64_t)) > 0)
				sqlite3_bind_int64(stmt, i, n);
			break;
		case 'd':
			sqlite3_bind_double(stmt, i, va_arg(ap, double));
			break;
		case 'D':
			if ((d = va_arg(ap, double)) >= 0)
				sqlite3_bind_double(stmt, i, d);
			break;
		case 't':
			bind_text(stmt, i, va_arg(ap, const char *));
			break;
		case 'b':
			sqlite3_bind_int(stmt, i, va_arg(ap, int) != 0);
			break;
		case 'n':
			break;
		default:
			BUG("bad bind format '%c'", *fmt);
		}
	}
	return stmt;
}

/* Runs statement s, bound by fmt, and calls fn for each row (the first
 * alone when first): how many rows fn was called for. */
static long
sq_run(struct store *base, enum stmt s, row_fn *fn, void *arg, bool first,
       const char *what, const char *fmt, va_list ap)
{
	struct sq *st = (struct sq *)base;
	struct row row = { &sqlite_engine, NULL, 0 };
	long n = 0;
	int rc;

	row.h = bindv(st, s, fmt, ap);
	while ((rc = sqlite3_step(row.h)) == SQLITE_ROW) {
		n++;
		if (fn)
			fn(&row, arg);
		if (first)
			break;
	}
	/* a statement that changes rows has made its change whole by the
	 * reset, which says whether it failed */
	if (sqlite3_reset(row.h) != SQLITE_OK || (rc != SQLITE_ROW && rc != SQLITE_DONE))
		return db_error(st, what);
	return n;
}

static long long
sq_changes(struct store *base, enum stmt s, const char *what, const char *fmt, va_list ap)
{
	struct sq *st = (struct sq *)base;

	if (run(st, bindv(st, s, fmt, ap), what) != 0)
		return -1;
	return sqlite3_changes(st->db);
}

static int
sq_try_change(struct store *base, enum stmt s, const char *fmt, va_list ap)
{
	struct sq *st = (struct sq *)base;
	sqlite3_stmt *stmt = bindv(st, s, fmt, ap);
	int rc;

	sqlite3_busy_timeout(st->db, 0);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	return rc == SQLITE_DONE ? 0 : 1;
}

/* Whether a transaction is open on the store's connection. */
static bool
in_transaction(struct sq *st)
{
	return !sqlite3_get_autocommit(st->db);
}

static bool
sq_in_transaction(struct store *base)
{
	return in_transaction((struct sq *)base);
}

static const char *
sq_text(const struct row *r, int col)
{
	return (const char *)sqlite3_column_text(r->h, col);
}

static int64_t
sq_integer(const struct row *r, int col)
{
	return sqlite3_column_int64(r->h, col);
}

static double
sq_real(const struct row *r, int col)
{
	return sqlite3_column_double(r->h, col);
}

static bool
sq_null(const struct row *r, int col)
{
	return sqlite3_column_type(r->h, col) == SQLITE_NULL;
}

int
store_schema_version(void)
{
	return (int)ARRAY_SIZE(migrations);
}

static int
user_version(struct sq *st)
{
	sqlite3_stmt *stmt;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK)
		return db_error(st, _("cannot read the schema version"));
	if (sqlite3_step(stmt) == SQLITE_ROW)
		v = sqlite3_column_int(stmt, 0);
	sqlite3_finalize(stmt);
	if (v < 0)
		return db_error(st, _("cannot read the schema version"));
	return v;
}

/* Runs one statement once, bound by fmt ('i' int64_t, 't' text, 'd'
 * double); for migrations, whose statements run once. SQLITE_DONE or
 * SQLITE_ROW (the first row's column 0 into *first, when given) on
 * success, else the error. */
static int
once(struct sq *st, const char *q, double *first, const char *fmt, ...)
{
	sqlite3_stmt *stmt;
	va_list ap;
	int rc, i;

	if ((rc = sqlite3_prepare_v2(st->db, q, -1, &stmt, NULL)) != SQLITE_OK)
		return rc;
	va_start(ap, fmt);
	for (i = 1; *fmt; fmt++, i++)
		switch (*fmt) {
		case 'i':
			sqlite3_bind_int64(stmt, i, va_arg(ap, int64_t));
			break;
		case 'd':
			sqlite3_bind_double(stmt, i, va_arg(ap, double));
			break;
		default:
			bind_text(stmt, i, va_arg(ap, const char *));
			break;
		}
	va_end(ap);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && first)
		*first = sqlite3_column_double(stmt, 0);
	sqlite3_finalize(stmt);
	return rc;
}

/* Migration 5's second half: periods become months. A figure whose
 * period reads as a month (Nov-26, 2026/11) moves to YYYY-MM; when that
 * month has a figure already, the one recorded later stays and the
 * other goes to the history. A period that is no month (2026-13, q3)
 * leaves the figures, on the record. */
struct old_figure {
	int64_t row, pid;
	char *kpi, *period;
	double value;
	long long at;
};

static int
fix_periods(struct sq *st)
{
	sqlite3_stmt *all = NULL;
	struct old_figure *v = NULL;
	size_t n = 0, cap = 0, i;
	int rc = SQLITE_OK;

	/* the figures whose period is not YYYY-MM, read before any change */
	if (sqlite3_prepare_v2(st->db, "SELECT rowid, person_id, kpi, period, value, recorded"
			       " FROM kpi_figure ORDER BY rowid", -1, &all, NULL) != SQLITE_OK)
		return db_error(st, _("cannot update the schema"));
	while ((rc = sqlite3_step(all)) == SQLITE_ROW) {
		const char *period = (const char *)sqlite3_column_text(all, 3);
		char month[8];
		kpi_month m;

		if (period && kpi_period_parse(period, &m) &&
		    strcmp(kpi_period_format(m, month), period) == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n++] = (struct old_figure){ sqlite3_column_int64(all, 0),
					      sqlite3_column_int64(all, 1), col_text(all, 2),
					      xstrdup(period ? period : ""),
					      sqlite3_column_double(all, 4),
					      sqlite3_column_int64(all, 5) };
	}
	sqlite3_finalize(all);
	for (i = 0; rc == SQLITE_DONE && i < n; i++) {
		int64_t row = v[i].row, pid = v[i].pid;
		const char *kpi = v[i].kpi, *period = v[i].period;
		char month[8], why[96];
		double value = v[i].value, other = 0, other_value = 0, other_at = 0;
		long long at = v[i].at;
		bool later;
		kpi_month m;

		if (kpi_period_parse(period, &m))
			kpi_period_format(m, month);
		else {
			/* no month: taken out, kept in the history */
			snprintf(why, sizeof(why), "period '%.40s' is no month", period);
			rc = once(st, "INSERT INTO kpi_change (person_id, kpi, period, old_value,"
				  " source, reason, by_id, at) SELECT person_id, kpi, period, value,"
				  " 'migration', ?2, recorded_by, recorded FROM kpi_figure"
				  " WHERE rowid = ?1", NULL, "it", row, why);
			goto drop;
		}
		/* the history started above names the month as it is now */
		snprintf(why, sizeof(why), "period '%.40s' read as %s", period, month);
		rc = once(st, "UPDATE kpi_change SET period = ?3 WHERE person_id = ?1 AND kpi = ?2"
			  " AND period = ?4", NULL, "itttt", pid, kpi, month, period);
		if (rc != SQLITE_DONE)
			goto next;
		/* a figure for that month already? */
		if (once(st, "SELECT rowid FROM kpi_figure WHERE person_id = ?1 AND kpi = ?2"
			 " AND period = ?3", &other, "itt", pid, kpi, month) == SQLITE_ROW) {
			once(st, "SELECT value FROM kpi_figure WHERE rowid = ?1", &other_value, "i",
			     (int64_t)other);
			once(st, "SELECT recorded FROM kpi_figure WHERE rowid = ?1", &other_at, "i",
			     (int64_t)other);
		}
		if (other == 0) {
			rc = once(st, "UPDATE kpi_figure SET period = ?2 WHERE rowid = ?1", NULL, "it",
				  row, month);
			goto next;
		}
		/* two figures for one month: the later recorded stays; the
		 * history has the earlier replaced by it */
		later = at >= (long long)other_at;
		rc = once(st, "INSERT INTO kpi_change (person_id, kpi, period, old_value, new_value,"
			  " source, reason, by_id, at) SELECT person_id, kpi, ?2, ?3, value,"
			  " 'migration', ?4, recorded_by, recorded FROM kpi_figure WHERE rowid = ?1",
			  NULL, "itdt", later ? row : (int64_t)other, month,
			  later ? other_value : value, why);
		if (rc == SQLITE_DONE && later)
			/* this one wins: it takes the month's place */
			rc = once(st, "UPDATE kpi_figure SET (value, recorded_by, recorded) ="
				  " (SELECT value, recorded_by, recorded FROM kpi_figure WHERE rowid = ?1)"
				  " WHERE rowid = ?2", NULL, "ii", row, (int64_t)other);
drop:
		if (rc == SQLITE_DONE)
			rc = once(st, "DELETE FROM kpi_figure WHERE rowid = ?1", NULL, "i", row);
next:
		;
	}
	for (i = 0; i < n; i++)
		free(v[i].kpi), free(v[i].period);
	free(v);
	if (rc != SQLITE_DONE)
		return db_error(st, _("cannot update the schema"));
	return 0;
}

/* What a migration does beyond its SQL, by migration. */
static int (*const fixups[])(struct sq *) = {
	[4] = fix_periods,
};

/* Brings the schema up to date, one migration per transaction. */
static int
migrate(struct sq *st)
{
	int v = user_version(st), n = store_schema_version();

	if (v < 0)
		return -1;
	if (v > n)
		return error(_("database '%s' was written by a newer kefu (schema %d; this kefu knows up to %d)"),
			     st->base.path, v, n);
	for (; v < n; v++) {
		char pragma[64];

		if (exec(st, "BEGIN IMMEDIATE", _("cannot start a migration")) != 0)
			return -1;
		/* someone else may have migrated while we waited */
		if (user_version(st) > v) {
			exec(st, "COMMIT", _("cannot finish a migration"));
			continue;
		}
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", v + 1);
		if (exec(st, migrations[v], _("cannot update the schema")) != 0 ||
		    ((size_t)v < ARRAY_SIZE(fixups) && fixups[v] && fixups[v](st) != 0) ||
		    exec(st, pragma, _("cannot update the schema")) != 0 ||
		    exec(st, "COMMIT", _("cannot finish a migration")) != 0) {
			/* a COMMIT that fails for a full disk has rolled back */
			if (in_transaction(st))
				exec(st, "ROLLBACK", _("cannot roll back a migration"));
			return -1;
		}
	}
	return 0;
}

/* Which of the database's files stops kefu writing it, said once: the
 * database itself, its -wal or -shm file (SQLite gives them the
 * database's mode when it creates them, so a database once read-only
 * leaves them so), or the directory they are created in. */
static int
readonly_error(struct sq *st)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char *dir = xstrdup(st->base.path), *slash = strrchr(dir, '/');
	const char *where = ".";
	bool said = false;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(suffix) && !said; i++) {
		char *f = xasprintf("%s%s", st->base.path, suffix[i]);

		if (faccessat(AT_FDCWD, f, W_OK, AT_EACCESS) != 0 && errno != ENOENT) {
			error(_("database '%s' is read-only: cannot write '%s': %s"),
			      st->base.path, f, strerror(errno));
			said = true;
		}
		free(f);
	}
	if (slash == dir)
		where = "/";
	else if (slash) {
		*slash = '\0';
		where = dir;
	}
	if (!said && faccessat(AT_FDCWD, where, W_OK, AT_EACCESS) != 0)
		error(_("database '%s' is read-only: cannot write in its directory '%s': %s"),
		      st->base.path, where, strerror(errno));
	else if (!said)
		error(_("database '%s' is read-only: kefu cannot save anything in it"),
		      st->base.path);
	free(dir);
	return -1;
}

/* Turns WAL on; that needs the -wal and -shm files beside the database.
 * Changing the journal mode of a database another process is creating
 * or opening at that moment gives SQLITE_BUSY without a call to the busy
 * handler, so kefu waits here as the busy timeout would. */
static int
wal_on(struct sq *st)
{
	const struct timespec pause = { 0, 5 * 1000 * 1000 };
	int rc, tries;

	for (tries = 0; tries < BUSY_TIMEOUT_MS / 5; tries++) {
		if (sqlite3_exec(st->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) == SQLITE_OK)
			return 0;
		rc = sqlite3_extended_errcode(st->db) & 0xff;
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		nanosleep(&pause, NULL);
	}
	rc = sqlite3_extended_errcode(st->db) & 0xff;
	if (rc == SQLITE_CANTOPEN || rc == SQLITE_READONLY)
		return readonly_error(st);
	return db_error(st, _("cannot set up"));
}

struct store *
sqlite_open(const char *path)
{
	struct sq *st = xcalloc(1, sizeof(*st));
	int rc;

	st->base.eng = &sqlite_engine;
	st->base.path = xstrdup(path);
	/* one thread uses a store: no mutex around every call (a report
	 * reads a hundred thousand rows a column at a time) */
	rc = sqlite3_open_v2(path, &st->db,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			     SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		if (st->db)
			db_error(st, _("cannot open"));
		else
			error(_("database '%s': cannot open"), path);
		sq_close(&st->base);
		return NULL;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	/* the database may come from anywhere: never let it run code */
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	if (exec(st, "PRAGMA foreign_keys = ON", _("cannot set up")) != 0 ||
	    wal_on(st) != 0 ||
	    /* an answer committed must survive a power cut, not only a kill */
	    exec(st, "PRAGMA synchronous = FULL", _("cannot set up")) != 0 ||
	    migrate(st) != 0) {
		sq_close(&st->base);
		return NULL;
	}
	return &st->base;
}

static void
sq_close(struct store *base)
{
	struct sq *st = (struct sq *)base;
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < S_COUNT; i++)
		sqlite3_finalize(st->stmts[i]);
	sqlite3_close(st->db);
	free(st->base.path);
	free(st);
}

static int
sq_writable(struct store *base)
{
	struct sq *st = (struct sq *)base;

	int rc;

	if (sqlite3_db_readonly(st->db, "main") == 1)
		return readonly_error(st);
	/* a read-only -shm file shows only when a write starts */
	rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE; ROLLBACK", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return 0;
	rc = sqlite3_extended_errcode(st->db);
	sq_rollback(&st->base);
	if ((rc & 0xff) == SQLITE_READONLY)
		return readonly_error(st);
	return db_error(st, _("cannot start a transaction"));
}

static int
sq_begin(struct store *base)
{
	struct sq *st = (struct sq *)base;

	return run(st, prep(st, S_BEGIN), _("cannot start a transaction"));
}

static bool
sq_cache_size(struct store *base, long size, long *was)
{
	struct sq *st = (struct sq *)base;
	sqlite3_stmt *stmt;
	char pragma[48];
	bool ok;

	if (sqlite3_prepare_v2(st->db, "PRAGMA cache_size", -1, &stmt, NULL) != SQLITE_OK)
		return false;
	ok = sqlite3_step(stmt) == SQLITE_ROW;
	if (ok)
		*was = (long)sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	snprintf(pragma, sizeof(pragma), "PRAGMA cache_size = %ld", size);
	return ok && sqlite3_exec(st->db, pragma, NULL, NULL, NULL) == SQLITE_OK;
}

static int
sq_begin_read(struct store *base)
{
	struct sq *st = (struct sq *)base;

	return run(st, prep(st, S_BEGIN_READ), _("cannot start a transaction"));
}

static int
sq_commit(struct store *base)
{
	struct sq *st = (struct sq *)base;

	return run(st, prep(st, S_COMMIT), _("cannot commit"));
}

static void
sq_rollback(struct store *base)
{
	struct sq *st = (struct sq *)base;

	if (in_transaction(st))
		run(st, prep(st, S_ROLLBACK), _("cannot roll back"));
}

/* The engine's part of `kefu db status`: its name and version and the
 * database's schema version. */
static int
sq_status(struct store *base, struct store_status *s)
{
	struct sq *st = (struct sq *)base;

	s->engine = "SQLite";
	s->latest = store_schema_version();
	snprintf(s->version, sizeof(s->version), "%s", sqlite3_libversion());
	return (s->schema = user_version(st)) < 0 ? -1 : 0;
}

static void *
sq_dyn_prepare(struct store *base, const char *sql, const char *what)
{
	struct sq *st = (struct sq *)base;
	sqlite3_stmt *stmt;

	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
		db_error(st, what);
		return NULL;
	}
	return stmt;
}

static long
sq_dyn_run(struct store *base, void *h, int n, const char *const *values, row_fn *fn,
	   void *arg, const char *what)
{
	struct sq *st = (struct sq *)base;
	struct row row = { &sqlite_engine, h, 0 };
	long rows = 0;
	int i, rc;

	sqlite3_reset(h);
	sqlite3_clear_bindings(h);
	for (i = 0; i < n; i++)
		bind_text(h, i + 1, values[i]);
	while ((rc = sqlite3_step(h)) == SQLITE_ROW) {
		rows++;
		if (fn)
			fn(&row, arg);
	}
	if (sqlite3_reset(h) != SQLITE_OK || rc != SQLITE_DONE)
		return db_error(st, what);
	return rows;
}

static void
sq_dyn_finalize(struct store *base, void *h)
{
	(void)base;
	sqlite3_finalize(h);
}

static const char *
sq_exact(const struct row *r, int col, char buf[48])
{
	switch (sqlite3_column_type(r->h, col)) {
	case SQLITE_NULL:
		return NULL;
	case SQLITE_INTEGER:
		snprintf(buf, 48, "%lld", (long long)sqlite3_column_int64(r->h, col));
		return buf;
	case SQLITE_FLOAT:
		snprintf(buf, 48, "%.17g", sqlite3_column_double(r->h, col));
		return buf;
	default:
		return (const char *)sqlite3_column_text(r->h, col);
	}
}

/* A rowid table needs nothing: its next id follows the largest. */
static int
sq_after_copy(struct store *base, const char *table)
{
	(void)base;
	(void)table;
	return 0;
}

static const struct engine sqlite_engine = {
	.name = "SQLite",
	.close = sq_close,
	.run = sq_run,
	.changes = sq_changes,
	.try_change = sq_try_change,
	.in_transaction = sq_in_transaction,
	.begin = sq_begin,
	.begin_read = sq_begin_read,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.writable = sq_writable,
	.cache_size = sq_cache_size,
	.status = sq_status,
	.text = sq_text,
	.integer = sq_integer,
	.real = sq_real,
	.null = sq_null,
	.dyn_prepare = sq_dyn_prepare,
	.dyn_run = sq_dyn_run,
	.dyn_finalize = sq_dyn_finalize,
	.exact = sq_exact,
	.columns_sql = "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
	.after_copy = sq_after_copy,
};
