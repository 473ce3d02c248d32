/* store.h: everything kefu keeps, in one database, in the domain's own
 * terms: functions take and return structs, never rows and columns.
 * sqlite.c is its engine today.
 *
 * Ownership: a struct a lookup fills (struct person, enrollment,
 * attempt, decision, signoff, stored_answer, chat_run) holds malloc'd
 * strings that belong to it; free them with its _clear(). A listing
 * hands each thing to a callback with borrowed strings, valid until the
 * callback returns. A struct store is owned by whoever opened it and
 * closed with store_close().
 *
 * Every function returns -1 after printing an error when the database
 * fails; lookups return 1 for found and 0 for not found. */
#ifndef KEFU_STORE_H
#define KEFU_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "review.h"

struct store;

struct person {
	int64_t id;
	char *login;
	char *name;
	char *role;		/* trainee, trainer or manager */
	char *hired;		/* YYYY-MM-DD */
	bool active;
	char *left;		/* YYYY-MM-DD when they left; NULL while active,
				 * or when they left before kefu kept the day */
};

struct enrollment {
	int64_t id;
	int64_t person_id;
	char *curriculum;
	char *started;		/* YYYY-MM-DD */
};

/* Facts about one quiz for one person. */
struct quiz_facts {
	int attempts;		/* finished attempts */
	int granted;		/* attempts given back (per person only) */
	double best;		/* best final percent; < 0 when none */
	bool pending;		/* an attempt waits for essay grading */
	bool open;		/* an attempt is in progress */
	int voided;		/* attempts a trainer set aside */
	/* a chat scenario's runs: finished ones that count for no gate
	 * (piped, or a reply pasted); best is of the others */
	int practice;
};

/* A quiz's facts tallied from its attempts one at a time, as both the
 * per-person lookup and the report's bulk read take them: finished
 * attempts (pending or final), the best final percent, whether one
 * waits for grading, whether one is open. */
struct quiz_tally {
	struct quiz_facts f;	/* best -1 while no final one has a percent */
	bool has_best;
};
void quiz_tally_start(struct quiz_tally *);
void quiz_tally_add(struct quiz_tally *, const char *state, bool has_percent,
		    double percent);

/* Facts about one drill for one person. */
struct drill_facts {
	int results;
	int counted;		/* runs that count for a gate */
	/* of the fastest run that met the gates (set by the caller), else of
	 * the fastest counted run, else of the fastest practice run */
	double best_speed, best_accuracy;
	bool met;		/* some result met both gates */
	double latest_speed, latest_accuracy;	/* of the newest run */
};

/* A quiz attempt. */
struct attempt {
	int64_t id;
	long long started, finished;	/* finished: 0 while open */
	uint64_t seed;
	char *paper;		/* see paper_encode() */
	double points, max_points, percent;
	char *state;		/* open, pending (essays to grade), final or void */
	int64_t person_id;	/* these two from store_attempt_get() only */
	char *quiz;
};

/* A stored answer, as store_answers() hands them out. */
struct answer {
	int seq;		/* place on the paper, from 0 */
	const char *question;
	const char *response;
	double points;		/* < 0 while ungraded */
};

/* A question in the 错题本. */
struct notebook_item {
	const char *quiz, *question;
	int misses;
	struct card card;
};

/* Whether a database name is a PostgreSQL one (a postgresql:// URI or
 * a libpq connection string such as "service=kefu"), not a file. */
bool store_is_remote(const char *name);
/* Opens (creating when missing) and migrates the database named: a
 * SQLite file, or a PostgreSQL database. */
struct store *store_open(const char *path);
/* The database's name to show: a password in it left out. */
const char *store_name(const struct store *);
void store_close(struct store *);
/* The schema version this kefu writes. */
int store_schema_version(void);

/* What a database is and holds, for `kefu db status`. */
struct store_status {
	const char *engine;	/* "SQLite" */
	char version[32];	/* the engine's */
	int schema;		/* the database's schema version */
	int latest;		/* the one this kefu writes on that engine */
	long people, trainees, trainers, managers;	/* active */
	long left;		/* people who left */
	long answers, attempts;	/* quiz answers, and attempts begun */
	long drills, chats;	/* drill results, chat runs */
	long events;		/* on the event log */
};
int store_status(struct store *, struct store_status *);

/* A table as store_copy() copied it: rows, and a checksum of its rows
 * (the sum of a hash of each row's values as text that reads the same
 * on any engine), on the source and then on the target. */
struct copy_table {
	const char *name;
	long rows, rows_to;
	uint64_t sum, sum_to;
};
struct copy_report {
	struct copy_table t[32];
	size_t n;
};
/* Copies every record of from into to, which holds none (no person):
 * one transaction on to, committed only when each table's count and
 * checksum read back the same. 0 copied; 1 to holds records already
 * (nothing done); 2 a table read back otherwise (rep says which;
 * nothing kept); -1 after an error. */
int store_copy(struct store *from, struct store *to, struct copy_report *rep);

/* 0 when kefu can save in the database; else says which file (the
 * database, its -wal or -shm file, or its directory) stops it and
 * returns -1. For commands that take input worth saving: ask before it
 * is typed, not after. */
int store_writable(struct store *);
int store_begin(struct store *);	/* BEGIN IMMEDIATE */
/* One snapshot for many reads (a report): cheaper than a transaction
 * per statement, and consistent. End it with store_rollback(). */
int store_begin_read(struct store *);
/* Sets the connection's page cache as PRAGMA cache_size has it (< 0:
 * KiB, > 0: pages) and tells what it was; false when it could not. */
bool store_cache_size(struct store *, long size, long *was);
/* The page cache while a report reads everyone's facts, KiB. */
#define STORE_REPORT_CACHE_KIB 256
int store_commit(struct store *);
void store_rollback(struct store *);

int store_person_by_login(struct store *, const char *login, struct person *);
int store_person_by_id(struct store *, int64_t id, struct person *);
int64_t store_person_add(struct store *, const char *login, const char *name,
			 const char *role, const char *hired, long long now);
int store_person_count(struct store *);
/* The first run of a new database: its user, login, becomes its manager
 * (*id), in one claim that only one process can make, whatever the
 * engine: 1 founded, 0 someone founded it first (nothing done), -1
 * error. Within the caller's transaction. */
int store_found(struct store *, const char *login, const char *hired,
		long long now, int64_t *id);
/* Calls fn for each active manager, in login order. */
int store_managers(struct store *, void (*fn)(const struct person *, void *),
		   void *arg);
void person_clear(struct person *);
/* Calls fn with each active login, in order (for completion). */
int store_logins(struct store *, void (*fn)(const char *, void *), void *arg);

/* The person's enrollment (the latest when there are several). */
int store_enrollment(struct store *, int64_t person_id, struct enrollment *);
/* Enrolls, or makes an earlier enrollment in the same curriculum the
 * current one again (keeping its start date). */
int store_enroll(struct store *, int64_t person_id, const char *curriculum,
		 const char *started, long long now);
void enrollment_clear(struct enrollment *);

int store_lesson_read(struct store *, int64_t person_id, const char *lesson,
		      long long now);
int store_lesson_is_read(struct store *, int64_t person_id, const char *lesson);

int store_quiz_facts(struct store *, int64_t person_id, const char *quiz,
		     struct quiz_facts *);
/* A person's drill results: how many, how many count, the fastest (a
 * counted one if any) and the newest. Whether one meets a module's gate
 * is plan_drill_meets()'s to say, over store_drill_results(). */
int store_drill_facts(struct store *, int64_t person_id, const char *drill,
		      struct drill_facts *);
int store_signed_off(struct store *, int64_t enrollment_id, const char *stage);
/* An assessment's outcome. */
enum outcome { OUTCOME_NONE, OUTCOME_PASS, OUTCOME_EXTEND, OUTCOME_FAIL };
enum outcome store_outcome_of(const char *word);	/* pass, extend, fail */
/* Its latest decision: outcome, when, and the reason when the trainee
 * sees it (else NULL; the caller frees it). */
struct assessment_state {
	enum outcome outcome;
	long long decided;
	char *reason;
};
int store_assessment_state(struct store *, int64_t enrollment_id,
			   const char *assessment, struct assessment_state *);

/* How many attempts at a quiz a person has used and may use. */
struct attempt_count {
	int used;		/* handed in (pending or final); void ones not */
	int granted;		/* given back by trainers */
	int allowed;		/* the quiz's cap plus those granted; 0: no cap */
};

/* The person's open attempt at a quiz, if any (at most one: the
 * database holds it to that). */
int store_attempt_open(struct store *, int64_t person_id, const char *quiz,
		       struct attempt *);
/* Attempts used and allowed under a cap (0: none). */
int store_attempt_counts(struct store *, int64_t person_id, const char *quiz,
			 unsigned cap, struct attempt_count *);
/* Starts an attempt with its paper, as one write (its own, or the
 * caller's when a transaction is open): 0 started (*a is it);
 * 1 another kefu started one first (*a is that open attempt, nothing
 * started); 2 every allowed attempt is used (*n says how many); -1
 * after an error. *n is set for 0 and 2. Clear *a with attempt_clear(). */
int store_attempt_begin(struct store *, int64_t person_id, const char *quiz,
			unsigned cap, uint64_t seed, const char *paper,
			long long now, struct attempt *a, struct attempt_count *n);
/* An essay's draft while it is typed, for question seq of an open
 * attempt: saving gives 1 (nothing saved) when the attempt is no longer
 * open; *text is NULL when there is none (caller frees). */
int store_draft_save(struct store *, int64_t attempt_id, int seq, const char *text,
		     long long now);
int store_draft_get(struct store *, int64_t attempt_id, int seq, char **text);
int store_draft_delete(struct store *, int64_t attempt_id, int seq);
/* Saves one answer into an open attempt; points < 0 stores an ungraded
 * answer. 1 (nothing saved) when the attempt is no longer open. */
int store_answer_save(struct store *, int64_t attempt_id, int seq,
		      const char *question, const char *response, double points,
		      long long now);
/* Calls fn for each answer of an attempt, in paper order. */
int store_answers(struct store *, int64_t attempt_id,
		  void (*fn)(const struct answer *, void *), void *arg);
/* Hands an open attempt in with its score, which is also kept as its
 * automatic part (grading adds essay points to that and nothing else).
 * 1 (nothing changed) when it was no longer open. */
int store_attempt_finish(struct store *, int64_t attempt_id, double points,
			 double max_points, double percent, const char *state,
			 long long now);
void attempt_clear(struct attempt *);

/* A trainer sets an attempt aside (a from store_attempt_get()): it no
 * longer counts, for or against; an open one is closed. 1 when it was
 * set aside already. Within the caller's transaction. */
int store_attempt_void(struct store *, const struct attempt *a,
		       const char *reason, int64_t by, long long now);
/* A trainer gives n attempts at a quiz back. */
int store_attempt_grant(struct store *, int64_t person_id, const char *quiz,
			int n, const char *reason, int64_t by, long long now);

/* One attempt as listed for a trainer; strings valid during the call. */
struct attempt_info {
	int64_t id;
	const char *quiz, *state;	/* open, pending, final or void */
	long long started, finished;	/* finished 0 while open */
	bool scored;			/* points, max_points, percent set */
	double points, max_points, percent;
	const char *void_reason, *void_by;	/* set aside by a trainer */
};
/* A person's attempts (of one quiz, or every quiz when quiz is NULL),
 * by quiz and then in the order they began. */
int store_attempts_of(struct store *, int64_t person_id, const char *quiz,
		      void (*fn)(const struct attempt_info *, void *), void *arg);

/* A trainer's correction, as listed; strings valid during the call. */
struct attempt_change {
	const char *kind;	/* grant or void */
	const char *quiz;
	int64_t attempt_id;	/* void */
	int count;		/* grant */
	const char *reason, *by;
	long long at;
};
/* A person's corrections, in time order. */
int store_attempt_changes(struct store *, int64_t person_id,
			  void (*fn)(const struct attempt_change *, void *),
			  void *arg);

/* Notebook: a wrong answer makes or lapses a card; reviews move it. */
int store_card_get(struct store *, int64_t person_id, const char *quiz,
		   const char *question, struct card *, int *misses);
int store_card_put(struct store *, int64_t person_id, const char *quiz,
		   const char *question, const struct card *, int misses);
int store_review_log(struct store *, int64_t person_id, const char *quiz,
		     const char *question, long long now, const char *rating,
		     double interval_before, const struct card *after);
/* Calls fn for each card, due ones only when due_by > 0, soonest first. */
int store_cards(struct store *, int64_t person_id, long long due_by,
		void (*fn)(const struct notebook_item *, void *), void *arg);

/* One drill result. */
struct drill_row {
	long long at;
	double seconds;
	long typed, correct;
	double raw_speed, net_speed, accuracy, key_accuracy;
	long backspaces;
	bool timed;		/* from keystrokes; piped lines are not */
	bool counted;		/* counts for a gate: typing_verdict() */
	char why[16];		/* why not: typing_why_code(); "" when counted */
};

int store_drill_save(struct store *, int64_t person_id, const char *drill,
		     const char *unit, const struct drill_row *);
/* The best net speed of the person's counted runs of a drill: 1 and
 * *best, 0 when none counted, -1 on error. */
int store_drill_best(struct store *, int64_t person_id, const char *drill, double *best);
/* Calls fn for the person's results of a drill, newest first, at most
 * limit of them. */
int store_drill_results(struct store *, int64_t person_id, const char *drill,
			int limit, void (*fn)(const struct drill_row *, void *),
			void *arg);

/* Records that a stage was seen open, keeping the first time. */
int store_stage_opened(struct store *, int64_t enrollment_id,
		       const char *stage, long long now);
/* Records a stage complete at now, in one statement: 1 recorded, 0 it
 * was already (by another kefu, perhaps at this moment), -1 error. */
int store_stage_completed(struct store *, int64_t enrollment_id,
			  const char *stage, long long now);
/* A stage recorded complete is no longer (an attempt it counted was set
 * aside): its completion is cleared, to be recorded when it is again.
 * 1 cleared, 0 it was not recorded complete, -1 error. */
int store_stage_reopened(struct store *, int64_t enrollment_id,
			 const char *stage);
/* When a stage was first seen complete; 0 when it has not been. */
long long store_stage_completed_at(struct store *, int64_t enrollment_id,
				   const char *stage);

/* The functions below that list many things hand each to a callback as
 * a struct whose strings are borrowed: valid until the callback
 * returns, NULL where noted. */

/* A person with their current enrollment, as store_people() lists them. */
struct roster_entry {
	int64_t id;
	const char *login;
	const char *name;	/* NULL: none given */
	const char *role;	/* trainee, trainer or manager */
	const char *hired;	/* YYYY-MM-DD; NULL: none recorded */
	bool active;
	int64_t enrollment_id;	/* 0: not enrolled */
	const char *curriculum;	/* NULL when not enrolled */
	const char *started;	/* YYYY-MM-DD; NULL when not enrolled */
	const char *left;	/* the day they left; NULL: active, or unknown */
	const char *left_reason;	/* NULL: none given */
};
/* People with their current enrollment, active first then by login;
 * those who left only when everyone is true. */
int store_people(struct store *, bool everyone,
		 void (*fn)(const struct roster_entry *, void *), void *arg);
int store_person_role(struct store *, int64_t id, const char *role);
/* Moves the start of an enrollment (someone coming back). */
int store_enroll_start(struct store *, int64_t person_id, const char *curriculum,
		       const char *started);
/* Active again (someone comes back): the day they left and why are
 * cleared. Not active: hidden, the day unrecorded; see below. */
int store_person_active(struct store *, int64_t id, bool active);
/* Someone leaves on the day left (YYYY-MM-DD) for reason (NULL: none
 * given): hidden from lists and reports, their records kept. */
int store_person_leave(struct store *, int64_t id, const char *left,
		       const char *reason);

/* Someone who left, as store_leavers() hands them out. Strings are
 * valid until the callback returns; NULL where noted. */
struct leaver {
	int64_t id;		/* the person */
	const char *login;
	const char *name;	/* NULL: none given */
	const char *role;	/* trainee, trainer or manager, as they left */
	const char *hired;	/* YYYY-MM-DD; NULL: none recorded */
	const char *left;	/* YYYY-MM-DD; NULL when they left before kefu
				 * kept the day and no leaving was logged */
	const char *reason;	/* why, as the manager gave it; NULL: none */
	int64_t enrollment_id;	/* their current enrollment; 0: none */
	const char *curriculum;	/* its curriculum; NULL when no enrollment */
	const char *started;	/* its start, YYYY-MM-DD; NULL likewise */
};
/* Everyone who left (not active), by the day they left, then login; an
 * unknown day (NULL) first. For the leavers report. */
int store_leavers(struct store *, void (*fn)(const struct leaver *, void *),
		  void *arg);
/* Sets name and hire date; NULL keeps what is there. */
int store_person_update(struct store *, int64_t id, const char *name,
			const char *hired);

/* An essay answer waiting for a trainer. */
struct pending_essay {
	int64_t attempt_id;
	int seq;
	int64_t person_id;
	const char *login;
	const char *name;	/* NULL: none given */
	const char *quiz, *question, *response;
	long long answered;
};
/* Essay answers waiting for a trainer, oldest first, of those still
 * here (not of people who left). */
int store_essays_pending(struct store *,
			 void (*fn)(const struct pending_essay *, void *), void *arg);
/* One stored answer with its attempt, as store_answer_get() copies it:
 * strings are malloc'd (stored_answer_clear()). */
struct stored_answer {
	int64_t person_id;
	char *quiz;
	char *state;		/* the attempt's */
	char *question;
	char *response;		/* NULL: none given */
	bool graded;		/* points set */
	double points;
};
/* 1 found, 0 no such answer, -1 after an error. */
int store_answer_get(struct store *, int64_t attempt_id, int seq,
		     struct stored_answer *);
void stored_answer_clear(struct stored_answer *);
/* Gives an answer points (full: all of its points), logs the grading
 * and scores the attempt again: final once no answer waits. */
int store_answer_grade(struct store *, int64_t attempt_id, int seq,
		       double points, bool full, int64_t grader,
		       const char *comment, long long now);
/* Any attempt by id, with its person and quiz. */
int store_attempt_get(struct store *, int64_t attempt_id, struct attempt *);
/* A grading of an answer. */
struct grading_entry {
	const char *quiz, *question;
	double points;
	const char *comment;	/* NULL: none */
	const char *grader;	/* login */
	long long graded;
	int64_t attempt_id;
	int seq;
};
/* The latest grading of each graded answer of a person, in time order. */
int store_gradings(struct store *, int64_t person_id,
		   void (*fn)(const struct grading_entry *, void *), void *arg);

int store_signoff(struct store *, int64_t enrollment_id, const char *stage,
		  int64_t signer, const char *note, long long now);
/* A stage's sign-off; strings malloc'd (signoff_clear()). */
struct signoff {
	char *signer;		/* login */
	long long at;
	char *note;		/* NULL: none */
};
/* 1 signed off (*s says by whom), 0 not, -1 after an error. */
int store_signoff_get(struct store *, int64_t enrollment_id, const char *stage,
		      struct signoff *);
void signoff_clear(struct signoff *);

/* Records a trainer's decision; returns its id. new_due may be NULL;
 * reason_shown: the trainee sees the reason. */
int64_t store_assessment_add(struct store *, int64_t enrollment_id,
			     const char *assessment, const char *outcome,
			     const char *reason, bool reason_shown,
			     const char *new_due, int64_t decided_by, long long now);
/* One part of a decision, as it was decided on: the value (a KPI
 * figure with its month), whether it passed, the trainer's note and
 * whether the trainee sees it. */
struct assessment_part {
	const char *part;
	double value;
	bool has_value;
	bool passed;
	const char *note;
	bool note_shown;
	const char *period;	/* a KPI part's month, else NULL */
};
int store_assessment_part_add(struct store *, int64_t assessment_id,
			      const struct assessment_part *);
/* A trainer's decision on an assessment; strings malloc'd
 * (decision_clear()). */
struct decision {
	int64_t id;
	char *outcome;		/* pass, extend or fail */
	char *reason;		/* NULL: none given */
	char *new_due;		/* YYYY-MM-DD of an extension; NULL */
	char *by;		/* the trainer's login */
	long long decided;
	bool reason_shown;	/* the trainee sees the reason */
};
/* The latest decision: 1 (*d is it), 0 none yet, -1 after an error. */
int store_assessment_latest(struct store *, int64_t enrollment_id,
			    const char *assessment, struct decision *d);
void decision_clear(struct decision *);
/* A decision's parts, in the order recorded. */
int store_assessment_parts(struct store *, int64_t assessment_id,
			   void (*fn)(const struct assessment_part *, void *),
			   void *arg);

/* Moves a stage's due date (YYYY-MM-DD). */
int store_stage_due(struct store *, int64_t enrollment_id, const char *stage,
		    const char *due);
/* A stage's progress in an enrollment. */
struct stage_mark {
	int64_t enrollment_id;
	const char *stage;
	long long opened;	/* 0 when not seen open */
	long long completed;	/* 0 when not complete */
	const char *due;	/* YYYY-MM-DD when moved; NULL: as planned */
};
int store_stage_rows(struct store *, int64_t enrollment_id,
		     void (*fn)(const struct stage_mark *, void *), void *arg);

/* KPI figures, one per person, KPI and month (YYYY-MM). Every change is
 * kept: who, when, old and new, where it came from and why. */
struct kpi_entry {
	int64_t person_id;
	const char *kpi;
	const char *period;
	double value;
	const char *source;	/* FILE:LINE of an import, or a command */
	const char *reason;	/* may be NULL */
};
/* Sets a figure, inside the caller's transaction. *old is the figure
 * it replaces and *had whether there was one (either may be NULL).
 * 1 recorded, 0 the same figure was there already, -1 error. */
int store_kpi_set(struct store *, const struct kpi_entry *, int64_t by,
		  long long now, double *old, bool *had);
/* Removes a figure on the record (value unused): 1 removed (*old its
 * value), 0 there was none, -1 error. */
int store_kpi_delete(struct store *, const struct kpi_entry *, int64_t by,
		     long long now, double *old);
/* A change to a KPI figure. */
struct kpi_change {
	const char *kpi, *period;
	bool had_old;		/* false: a new figure */
	double old_value;
	bool has_new;		/* false: the figure was deleted */
	double new_value;
	const char *source;
	const char *reason;	/* NULL: none given */
	const char *by;		/* login */
	long long at;
};
/* A person's figure changes, by KPI, month and time; kpi NULL: every
 * KPI. */
int store_kpi_history(struct store *, int64_t person_id, const char *kpi,
		      void (*fn)(const struct kpi_change *, void *), void *arg);
/* The figure of the latest month up to upto (YYYY-MM), and that month.
 * 1 found, 0 none. */
int store_kpi_latest(struct store *, int64_t person_id, const char *kpi,
		     const char *upto, double *value, char period[8]);
/* A person's figure in a month. */
struct kpi_figure {
	int64_t person_id;
	const char *login;
	const char *name;	/* NULL: none given */
	const char *kpi;
	double value;
};
/* Every active person's figures in a month, by login and KPI. */
int store_kpi_period(struct store *, const char *period,
		     void (*fn)(const struct kpi_figure *, void *), void *arg);
/* The latest month up to upto (YYYY-MM) with figures: 1 and period,
 * 0 when none. */
int store_kpi_last_period(struct store *, const char *upto, char period[8]);

/* A stage opened early for one enrollment (module NULL) or a module
 * exempted, on the record: 1 recorded, 0 it was already, -1 error. */
int store_exempt(struct store *, int64_t enrollment_id, const char *stage,
		 const char *module, const char *reason, int64_t by,
		 long long now);
/* A stage opened early or a module exempted. */
struct exemption {
	int64_t enrollment_id;
	const char *stage;
	const char *module;	/* "" for a stage opened early */
	const char *reason;
	const char *by;		/* login */
	long long at;
};
/* An enrollment's exemptions, in the order made. */
int store_exemptions(struct store *, int64_t enrollment_id,
		     void (*fn)(const struct exemption *, void *), void *arg);
/* Everyone's. */
int store_all_exemptions(struct store *,
			 void (*fn)(const struct exemption *, void *), void *arg);

/* One thing on a person's record. */
struct transcript_entry {
	long long at;
	const char *kind;	/* lesson, quiz-start, quiz-final, quiz-pending,
				 * quiz-void, drill, chat-*, grading, assessment,
				 * signoff, kpi, kpi-delete, stage-complete,
				 * stage-reopen, attempt-grant, attempt-void,
				 * stage-open, exempt */
	const char *item;
	const char *result;	/* NULL: none */
	const char *by;		/* login; NULL: the person themselves */
	const char *note;	/* NULL: none */
	bool note_private;	/* the note is not for the trainee */
};
/* Everything on a person's record, in time order. */
int store_transcript(struct store *, int64_t person_id,
		     void (*fn)(const struct transcript_entry *, void *), void *arg);

/* The statements `kefu report stages` runs, for a benchmark to run them
 * bare: people (?1: everyone, 0), then the seven below. */
size_t store_report_sql(const char *const **);
/* Everyone's facts at once, for reports; each as the per-person lookup
 * above would find them. A fact names a person (or an enrollment) and a
 * module by id; what else it carries is its kind's. */
struct fact {
	int64_t id;		/* the person's, or the enrollment's */
	const char *module;	/* lesson, quiz, drill, scenario, stage or
				 * assessment id; for grants, a quiz id or
				 * "chat:" and a scenario's */
	const char *state;	/* an attempt's or run's state; a decision's
				 * outcome */
	bool has_percent;	/* an attempt's or run's percent is set */
	double percent;
	double speed, accuracy;	/* a drill result's net speed and accuracy */
	bool counted;		/* a drill result or run counts for a gate */
	long long at;		/* a decision's time */
	int count;		/* attempts given back */
};
typedef void fact_fn(const struct fact *, void *);
/* Lessons read: person, lesson. */
int store_all_lessons(struct store *, fact_fn *, void *);
/* Every attempt, by person and quiz: state, percent. */
int store_all_quiz_facts(struct store *, fact_fn *, void *);
/* Every drill result, by person and drill: speed, accuracy, counted. */
int store_all_drills(struct store *, fact_fn *, void *);
/* Every chat run, by person and scenario: state, percent, counted. */
int store_all_chat_facts(struct store *, fact_fn *, void *);
/* Sign-offs: enrollment, stage. */
int store_all_signoffs(struct store *, fact_fn *, void *);
/* The latest decision of each assessment: enrollment, assessment,
 * outcome (state), decided (at). */
int store_all_assessments(struct store *, fact_fn *, void *);
/* Every enrollment's stage progress. */
int store_all_stage_rows(struct store *,
			 void (*fn)(const struct stage_mark *, void *), void *arg);

/* Every final attempt at a quiz with its marks: for each answer its
 * question, points and choice response (empty unless "2", "0,3",
 * "true" or "false"), fields separated by '\x1e' and answers by
 * '\x1f'. */
struct item_marks {
	bool has_percent;
	double percent;
	const char *marks;	/* NULL: none kept */
};
int store_item_answers(struct store *, const char *quiz,
		       void (*fn)(const struct item_marks *, void *), void *arg);
/* How many final attempts at a quiz there are; -1 on error. */
long store_item_count(struct store *, const char *quiz);
/* Every quiz attempt handed in (drill false) and drill run (true) from
 * since on, and when. */
int store_activity(struct store *, long long since,
		   void (*fn)(bool drill, long long at, void *), void *arg);
/* Attempts given back, by person and quiz: module, count. */
int store_all_grants(struct store *, fact_fn *, void *);
/* When each person last did something themselves (their own entries on
 * the event log): person, at. */
int store_all_active(struct store *, fact_fn *, void *);

/* What a person has been shown of what others did: the last event and
 * grading, and when they last looked (0: never). */
struct store_seen {
	int64_t event, grading;
	long long at;
};
int store_seen_get(struct store *, int64_t person_id, struct store_seen *);
/* Moves the marks on (never back) and sets when, without waiting for
 * another writer: 0 done, 1 not now (nothing said; the news is said
 * again next time). */
int store_seen_set(struct store *, int64_t person_id, const struct store_seen *);
/* The newest event and grading now (at unset). */
int store_seen_marks(struct store *, struct store_seen *);
/* Something another person did about someone, from the event log. */
struct inbox_event {
	int64_t id;
	long long at;
	const char *login;	/* who did it; NULL: nobody on the record */
	const char *name;	/* NULL: none given */
	const char *action;
	const char *detail;	/* NULL: none */
};
/* What others did about a person after event `after` that the person
 * would want to know (sign-offs, decisions, attempts given back or set
 * aside, exemptions). */
int store_inbox_events(struct store *, int64_t person_id, int64_t after,
		       void (*fn)(const struct inbox_event *, void *), void *arg);
/* An answer graded. */
struct inbox_grading {
	int64_t id;
	long long graded;
	const char *login;	/* the grader */
	const char *name;	/* NULL: none given */
	const char *quiz, *question;
	double points;
	const char *comment;	/* NULL: none */
	int64_t attempt_id;
	int seq;
	bool regrade;		/* the answer was graded before */
};
/* A person's answers graded after grading `after`, in order. */
int store_inbox_gradings(struct store *, int64_t person_id, int64_t after,
			 void (*fn)(const struct inbox_grading *, void *), void *arg);
/* Attempts handed in after event `after`; -1 on error. */
long store_new_submissions(struct store *, int64_t after);

/* A script a trainee proposed for a library, and what became of it.
 * Strings are malloc'd and belong to the list (store_proposals_free()). */
struct store_proposal {
	int64_t id;
	char *library, *title;	/* title NULL when none was given */
	char *question;		/* what the buyer asked */
	char *reply;		/* the reply as proposed */
	char *state;		/* open, accepted or rejected */
	char *text;		/* the reply the team sends: as edited, else reply */
	char *login, *name;	/* who proposed it */
	char *reviewer, *reviewer_name;	/* login and name; NULL while open */
	char *note;		/* the reviewer's note to the trainee; NULL for none */
	long long proposed, reviewed;	/* reviewed 0 while open */
};
struct store_proposals {
	struct store_proposal *v;
	size_t n;
};
/* Records a proposal; its id, or -1. */
int64_t store_proposal_add(struct store *, int64_t person_id, const char *library,
			   const char *title, const char *question,
			   const char *reply, long long now);
/* Proposals in the order made, narrowed by state, person, library and
 * id (NULL or 0: any); 0, or -1 (out empty). */
int store_proposals(struct store *, const char *state, int64_t person_id,
		    const char *library, int64_t id, struct store_proposals *out);
void store_proposals_free(struct store_proposals *);
/* Decides an open proposal: state accepted or rejected, text the reply
 * as edited (NULL: as proposed), note for the trainee (NULL: none).
 * 1 done, 0 when it was no longer open (decided by someone else), -1. */
int store_proposal_decide(struct store *, int64_t id, const char *state,
			  const char *text, const char *note, int64_t reviewer,
			  long long now);

/* A run of a chat scenario (模拟接待). Strings are malloc'd and belong
 * to the run: chat_run_clear(). */
struct chat_run {
	int64_t id;
	int64_t person_id;
	char *scenario;
	bool exam;
	long long started, finished;	/* finished 0 while open */
	char *state;		/* open, pending (a trainer reviews it), final, void */
	double auto_percent;	/* the score the replies made; < 0 while open */
	double percent;		/* the one that counts: auto_percent, or the
				 * trainer's once reviewed; < 0 while open */
	bool counted;		/* every reply typed at a terminal */
	char *why;		/* why not counted: "piped", "pasted"; NULL */
	char *comment;		/* the trainer's, NULL for none */
	char *grader;		/* the trainer's login, NULL until reviewed */
	long long graded;
	int turns;		/* replies stored */
	char *login, *name;	/* whose run */
};
void chat_run_clear(struct chat_run *);
/* Runs given back are kept as attempts given back (store_attempt_grant())
 * under this key, "chat:ID", apart from any quiz's; caller frees. */
char *store_chat_grant_key(const char *scenario);

/* A turn as stored: strings borrowed for the call. */
struct chat_turn_rec {
	int seq;		/* from 0 */
	const char *message;	/* the buyer's, as shown */
	const char *reply;
	long long shown;	/* when the message was shown */
	double seconds;		/* the reply's time; < 0 when not measured */
	double within;		/* the turn's limit */
	int keys;		/* key presses while replying */
	bool pasted;
	double score;		/* 0 to 1 (chat_turn_score()) */
	const char *made;	/* "101": each expected point made or not */
	const char *hits;	/* words that spoiled it, one per line; NULL */
};

/* The person's open run of a scenario: 1 found (*run is it), 0 none. */
int store_chat_open(struct store *, int64_t person_id, const char *scenario,
		    struct chat_run *run);
/* Starts a run, as store_attempt_begin() starts an attempt: 0 started,
 * 1 one was open (*run is it), 2 every allowed run is used (cap > 0,
 * raised by runs given back), -1. *used says how many finished runs
 * count against the cap. */
int store_chat_begin(struct store *, int64_t person_id, const char *scenario,
		     unsigned cap, bool exam, long long now, struct chat_run *run,
		     int *used);
/* Saves a turn into an open run; 1 (nothing saved) when the run is no
 * longer open or the turn was saved already. */
int store_chat_turn_save(struct store *, int64_t run_id, const struct chat_turn_rec *);
int store_chat_turns(struct store *, int64_t run_id,
		     void (*fn)(const struct chat_turn_rec *, void *), void *arg);
/* Ends an open run: pending (for a trainer's review) or final; 1 when it
 * was not open. */
int store_chat_finish(struct store *, int64_t run_id, bool pending, double percent,
		      bool counted, const char *why, long long now);
/* A scenario's runs as a quiz's facts: runs finished, the best percent of
 * those counted, runs for practice, pending, open. */
int store_chat_facts(struct store *, int64_t person_id, const char *scenario,
		     struct quiz_facts *);
/* quiz_tally_add() for a run, which counts for a gate or not. */
void quiz_tally_add_run(struct quiz_tally *, const char *state, bool has_percent,
			double percent, bool counted);
/* Runs narrowed by person, scenario, state and id (0 or NULL: any), in
 * the order started. */
int store_chat_runs(struct store *, int64_t person_id, const char *scenario,
		    const char *state, int64_t id,
		    void (*fn)(const struct chat_run *, void *), void *arg);
/* A trainer's percent for a finished run (its automatic one is kept);
 * 1 when the run is not finished. */
int store_chat_grade(struct store *, int64_t run_id, double percent, int64_t grader,
		     const char *comment, long long now);

/* Appends to the event log. */
int store_event(struct store *, int64_t actor, const char *action,
		int64_t subject, const char *detail, long long now);

#endif
