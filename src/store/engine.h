/* engine.h: inside the store, and for it alone. What its domain part
 * (store.c) asks of an engine (sqlite.c), the statements they share
 * (sql.c), and the rows an engine hands back. The rest of kefu speaks
 * store.h. */
#ifndef KEFU_STORE_ENGINE_H
#define KEFU_STORE_ENGINE_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "store.h"

/* An attempt's marks, kept with it for item analysis (one row an
 * attempt to read, not one an answer): for each question on its paper
 * the question, its points (0 when it was skipped, empty while
 * ungraded) and a choice response ("2", "0,3", "true"; empty for any
 * other), separated by char(30) within a question and char(31) between
 * them. An attempt with no paper kept (the oldest) has its answers'.
 * Of the quiz_attempt row being updated; written at hand-in and at each
 * grading. */
#define ITEM_MARK(q, answered, points, response) \
	q " || char(30) || CASE WHEN " answered " THEN coalesce(" points ", '') ELSE '0' END" \
	" || char(30) || CASE WHEN (" response " GLOB '[0-9]*' AND " response \
	" NOT GLOB '*[^0-9,]*') OR " response " IN ('true', 'false') THEN " response \
	" ELSE '' END"
#define ITEM_MARKS \
	"coalesce((WITH RECURSIVE p(rest, q, seq) AS (" \
	"  SELECT quiz_attempt.paper, NULL, -1 UNION ALL" \
	"  SELECT substr(rest, instr(rest, char(10)) + 1)," \
	"   substr(rest, 1, instr(rest, ':') - 1), seq + 1 FROM p" \
	"  WHERE instr(rest, char(10)) > 0)" \
	" SELECT group_concat(" ITEM_MARK("p.q", "w.attempt_id IS NOT NULL", "w.points", "w.response") \
	", char(31)) FROM p LEFT JOIN quiz_answer w" \
	"  ON w.attempt_id = quiz_attempt.id AND w.seq = p.seq WHERE p.seq >= 0)," \
	" (SELECT group_concat(" ITEM_MARK("question", "1", "points", "response") ", char(31))" \
	"  FROM (SELECT question, points, response FROM quiz_answer" \
	"   WHERE attempt_id = quiz_attempt.id ORDER BY seq)))"

/* Numbered migrations; migration i brings the schema to version i + 1.
 * Never edit one that has shipped: add another. */

/* Every statement the store runs, by name. */
enum stmt {
	S_PERSON_BY_LOGIN,
	S_PERSON_ADD,
	S_PERSON_COUNT,
	S_STATUS,
	S_FOUND,
	S_FOUNDER,
	S_MANAGERS,
	S_LOGINS,
	S_ENROLLMENT,
	S_ENROLL,
	S_LESSON_READ,
	S_LESSON_IS_READ,
	S_QUIZ_FACTS,
	S_DRILL_FACTS,
	S_SIGNED_OFF,
	S_STAGE_OPENED,
	S_STAGE_COMPLETED,
	S_STAGE_COMPLETED_AT,
	S_STAGE_REOPENED,
	S_DRILL_BEST,
	S_EVENT,
	S_ATTEMPT_OPEN,
	S_ATTEMPT_START,
	S_ANSWER_SAVE,
	S_ANSWERS,
	S_ATTEMPT_FINISH,
	S_ATTEMPTS_FINISHED,
	S_ATTEMPTS_GRANTED,
	S_ATTEMPT_VOID,
	S_ATTEMPT_CHANGE_ADD,
	S_ATTEMPTS_OF,
	S_ATTEMPT_CHANGES,
	S_CARD_GET,
	S_CARD_PUT,
	S_REVIEW_LOG,
	S_CARDS,
	S_CARDS_DUE,
	S_DRILL_SAVE,
	S_DRILL_RESULTS,
	S_PEOPLE,
	S_PERSON_BY_ID,
	S_PERSON_ROLE,
	S_ENROLL_START,
	S_PERSON_ACTIVE,
	S_PERSON_UPDATE,
	S_PERSON_LEAVE,
	S_LEAVERS,
	S_ESSAYS_PENDING,
	S_ANSWER_GET,
	S_ANSWER_GRADE,
	S_GRADING_ADD,
	S_ATTEMPT_RESCORE,
	S_ATTEMPT_GET,
	S_GRADINGS,
	S_SIGNOFF_ADD,
	S_SIGNOFF_GET,
	S_ASSESSMENT_ADD,
	S_ASSESSMENT_PART_ADD,
	S_ASSESSMENT_LATEST,
	S_ASSESSMENT_PARTS,
	S_STAGE_DUE,
	S_STAGE_ROWS,
	S_KPI_SET,
	S_KPI_LATEST,
	S_KPI_PERIOD,
	S_KPI_LAST_PERIOD,
	S_TRANSCRIPT,
	S_ALL_LESSONS,
	S_ALL_QUIZ_FACTS,
	S_ALL_DRILLS,
	S_ALL_SIGNOFFS,
	S_ALL_ASSESSMENTS,
	S_ALL_STAGE_ROWS,
	S_KPI_GET,
	S_KPI_DELETE,
	S_KPI_CHANGE_ADD,
	S_KPI_HISTORY,
	S_EXEMPT,
	S_EXEMPTIONS,
	S_ALL_EXEMPTIONS,
	S_ASSESSMENT_OUTCOME,
	S_ALL_GRANTS,
	S_ITEM_ANSWERS,
	S_ITEM_MARKS,
	S_ITEM_COUNT,
	S_ACTIVITY,
	S_ALL_ACTIVE,
	S_SEEN_GET,
	S_SEEN_SET,
	S_MARKS,
	S_INBOX_EVENTS,
	S_INBOX_GRADINGS,
	S_NEW_SUBMITS,
	S_DRAFT_SAVE,
	S_DRAFT_GET,
	S_DRAFT_DELETE,
	S_PROPOSAL_ADD,
	S_PROPOSALS,
	S_PROPOSAL_DECIDE,
	S_CHAT_OPEN,
	S_CHAT_USED,
	S_CHAT_START,
	S_CHAT_TURN_SAVE,
	S_CHAT_TURNS,
	S_CHAT_FINISH,
	S_CHAT_FACTS,
	S_ALL_CHAT_FACTS,
	S_CHAT_RUNS,
	S_CHAT_GRADE,
	S_BEGIN,
	S_BEGIN_READ,
	S_COMMIT,
	S_ROLLBACK,
	S_COUNT
};

/* Each statement's SQL, as SQLite takes it: parameters ?1, ?2, ... */
extern const char *const store_sql[S_COUNT];

/* A row as an engine hands it to the domain's functions, which make it
 * into the struct a caller reads: read by column, from 0, with the
 * engine's readers (r_text() and the others in store.c). Text is valid
 * until the callback returns; NULL for NULL. */
struct row {
	const struct engine *eng;
	void *h;		/* the engine's: a statement, a result */
	int i;			/* its row, for an engine that needs it */
};
typedef void row_fn(const struct row *, void *arg);

/* What an engine does. Statements are bound by a format, one letter a
 * parameter: 'i' int64_t, 'I' int64_t or NULL when 0 or less, 'd'
 * double, 'D' double or NULL when negative, 't' text (NULL for a null
 * pointer), 'b' bool (an int), 'n' a NULL (no argument). Errors are
 * said (naming the database and what) and give -1. */
struct engine {
	const char *name;
	void (*close)(struct store *);
	/* Runs s and calls fn (when given) for each row, or for the first
	 * alone when first: how many rows it called fn for. A statement
	 * that changes rows has made its change when this returns. */
	long (*run)(struct store *, enum stmt s, row_fn *fn, void *arg, bool first,
		    const char *what, const char *fmt, va_list);
	/* Runs s for its effect: how many rows it changed. */
	long long (*changes)(struct store *, enum stmt s, const char *what,
			     const char *fmt, va_list);
	/* Runs s for its effect without waiting for another writer: 0 done,
	 * 1 not now (nothing is said). */
	int (*try_change)(struct store *, enum stmt s, const char *fmt, va_list);
	bool (*in_transaction)(struct store *);
	int (*begin)(struct store *);		/* for writing */
	int (*begin_read)(struct store *);	/* one snapshot */
	int (*commit)(struct store *);
	void (*rollback)(struct store *);
	int (*writable)(struct store *);
	bool (*cache_size)(struct store *, long size, long *was);
	/* engine, version, schema (and the one this kefu writes) */
	int (*status)(struct store *, struct store_status *);
	const char *(*text)(const struct row *, int col);
	int64_t (*integer)(const struct row *, int col);
	double (*real)(const struct row *, int col);
	bool (*null)(const struct row *, int col);

	/* For copying a database (store_copy()). */
	/* A statement made on the fly (parameters ?1, ?2, ...): prepared
	 * once, run with text values (NULL for NULL) and fn for each row
	 * it gives (how many, or -1), finalized. */
	void *(*dyn_prepare)(struct store *, const char *sql, const char *what);
	long (*dyn_run)(struct store *, void *stmt, int n, const char *const *values,
			row_fn *fn, void *arg, const char *what);
	void (*dyn_finalize)(struct store *, void *stmt);
	/* A value as text that reads the same from any engine: an integer
	 * in decimal, a float in 17 digits, a boolean 1 or 0, text as it
	 * is; NULL for NULL. buf holds the number. */
	const char *(*exact)(const struct row *, int col, char buf[48]);
	/* SQL giving the names of table ?1's columns, in order */
	const char *columns_sql;
	/* After a table with an id column is copied in: its identity goes
	 * on past the ids copied. 0, or -1 after an error. */
	int (*after_copy)(struct store *, const char *table);
};

/* What every engine's store begins with. */
struct store {
	const struct engine *eng;
	char *path;		/* as the user named it */
};

/* Opens (creating when missing) and migrates a SQLite database. */
struct store *sqlite_open(const char *path);
/* Opens and migrates a PostgreSQL database, named by a URI or a libpq
 * connection string (store_is_remote()). */
struct store *pg_open(const char *name);

#endif
