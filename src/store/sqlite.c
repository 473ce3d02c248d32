/* sqlite.c: the store (store.h) on SQLite: schema, migrations and every
 * statement kefu runs, each prepared once with bound parameters. Its
 * engine part, below the SQL, is all that calls SQLite; the domain part
 * after it makes rows into the store's structs through the engine's
 * helpers alone, as a second engine will. */
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
#include "store.h"
#include "util.h"

/* how long a write waits for another process's transaction to end */
#define BUSY_TIMEOUT_MS 10000

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

static const char *const sql[S_COUNT] = {
	[S_PERSON_BY_LOGIN] =
	"SELECT id, login, name, role, hired, active, left_date FROM person WHERE login = ?1",
	[S_PERSON_ADD] =
	"INSERT INTO person (login, name, role, hired, created)"
	" VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
	[S_PERSON_COUNT] = "SELECT count(*) FROM person",
	[S_STATUS] =
	"SELECT (SELECT count(*) FROM person WHERE active),"
	" (SELECT count(*) FROM person WHERE active AND role = 'trainee'),"
	" (SELECT count(*) FROM person WHERE active AND role = 'trainer'),"
	" (SELECT count(*) FROM person WHERE active AND role = 'manager'),"
	" (SELECT count(*) FROM person WHERE NOT active),"
	" (SELECT count(*) FROM quiz_answer), (SELECT count(*) FROM quiz_attempt),"
	" (SELECT count(*) FROM drill_result), (SELECT count(*) FROM chat_run),"
	" (SELECT count(*) FROM event)",
	[S_FOUND] =		/* the first run's claim: a row back when it is ours */
	"INSERT INTO founding (one, at) VALUES (1, ?1) ON CONFLICT (one) DO NOTHING"
	" RETURNING one",
	[S_FOUNDER] = "UPDATE founding SET person_id = ?1 WHERE one = 1",
	[S_MANAGERS] =
	"SELECT id, login, name, role, hired, active, left_date FROM person"
	" WHERE role = 'manager' AND active ORDER BY login",
	[S_LOGINS] = "SELECT login FROM person WHERE active ORDER BY login",
	[S_ENROLLMENT] =
	"SELECT id, person_id, curriculum, started FROM enrollment"
	" WHERE person_id = ?1 ORDER BY touched DESC LIMIT 1",
	[S_ENROLL] =
	"INSERT INTO enrollment (person_id, curriculum, started, created, touched)"
	" VALUES (?1, ?2, ?3, ?4,"
	"  (SELECT coalesce(max(touched), 0) + 1 FROM enrollment WHERE person_id = ?1))"
	" ON CONFLICT (person_id, curriculum) DO UPDATE SET touched = excluded.touched",
	[S_LESSON_READ] =
	"INSERT INTO lesson_read (person_id, lesson, first_read, last_read)"
	" VALUES (?1, ?2, ?3, ?3) ON CONFLICT (person_id, lesson) DO UPDATE"
	" SET last_read = excluded.last_read, times = times + 1",
	[S_LESSON_IS_READ] =
	"SELECT 1 FROM lesson_read WHERE person_id = ?1 AND lesson = ?2",
	[S_QUIZ_FACTS] =	/* tallied in C (quiz_tally_add()), as the report's */
	"SELECT state, percent FROM quiz_attempt WHERE person_id = ?1 AND quiz = ?2",
	[S_DRILL_FACTS] =
	"SELECT (SELECT count(*) FROM drill_result WHERE person_id = ?1 AND drill = ?2),"
	" (SELECT count(*) FROM drill_result WHERE person_id = ?1 AND drill = ?2 AND counted),"
	" net_speed, accuracy FROM drill_result WHERE person_id = ?1 AND drill = ?2"
	" ORDER BY counted DESC, net_speed DESC, accuracy DESC LIMIT 1",	/* counted runs first */
	[S_SIGNED_OFF] =
	"SELECT 1 FROM signoff WHERE enrollment_id = ?1 AND stage = ?2",
	[S_STAGE_OPENED] =
	"INSERT INTO stage_progress (enrollment_id, stage, opened)"
	" VALUES (?1, ?2, ?3) ON CONFLICT (enrollment_id, stage) DO UPDATE"
	" SET opened = coalesce(opened, excluded.opened)",
	[S_STAGE_COMPLETED] =	/* a row back when this one recorded it */
	"INSERT INTO stage_progress (enrollment_id, stage, opened, completed)"
	" VALUES (?1, ?2, ?3, ?3) ON CONFLICT (enrollment_id, stage) DO UPDATE"
	" SET completed = excluded.completed WHERE stage_progress.completed IS NULL"
	" RETURNING completed",
	[S_STAGE_COMPLETED_AT] =
	"SELECT completed FROM stage_progress WHERE enrollment_id = ?1 AND stage = ?2",
	[S_DRILL_BEST] =	/* from drill_result_best */
	"SELECT max(net_speed) FROM drill_result WHERE person_id = ?1 AND drill = ?2 AND counted",
	[S_STAGE_REOPENED] =
	"UPDATE stage_progress SET completed = NULL WHERE enrollment_id = ?1 AND stage = ?2"
	" AND completed IS NOT NULL RETURNING stage",
	[S_EVENT] =
	"INSERT INTO event (at, actor_id, action, subject_id, detail)"
	" VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_ATTEMPT_OPEN] =
	"SELECT id, started, seed, paper FROM quiz_attempt"
	" WHERE person_id = ?1 AND quiz = ?2 AND state = 'open'"
	" ORDER BY id DESC LIMIT 1",
	[S_ATTEMPT_START] =	/* one statement: no attempt open, one allowed (?6 the
				 * cap, 0 none, raised by attempts given back) */
	"INSERT INTO quiz_attempt (person_id, quiz, started, seed, paper)"
	" SELECT ?1, ?2, ?3, ?4, ?5 WHERE ?6 = 0 OR (SELECT count(*) FROM quiz_attempt"
	"  WHERE person_id = ?1 AND quiz = ?2 AND state IN ('pending', 'final'))"
	"  < ?6 + (SELECT coalesce(sum(count), 0) FROM attempt_change"
	"  WHERE person_id = ?1 AND quiz = ?2 AND kind = 'grant')"
	" ON CONFLICT (person_id, quiz) WHERE state = 'open' DO NOTHING RETURNING id",
	[S_ANSWER_SAVE] =	/* only into an open attempt: handed in, it is sealed */
	"INSERT INTO quiz_answer (attempt_id, seq, question, response, points, correct, answered)"
	" SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM quiz_attempt"
	"  WHERE id = ?1 AND state = 'open')"
	" ON CONFLICT (attempt_id, seq) DO UPDATE"
	" SET response = excluded.response, points = excluded.points,"
	" correct = excluded.correct, answered = excluded.answered",
	[S_ANSWERS] =
	"SELECT seq, question, response, points FROM quiz_answer"
	" WHERE attempt_id = ?1 ORDER BY seq",
	[S_ATTEMPT_FINISH] =
	"UPDATE quiz_attempt SET points = ?2, auto_points = ?2, max_points = ?3,"
	" percent = ?4, state = ?5, finished = ?6 WHERE id = ?1 AND state = 'open'",
	[S_ATTEMPTS_FINISHED] =
	"SELECT count(*) FROM quiz_attempt"
	" WHERE person_id = ?1 AND quiz = ?2 AND state IN ('pending','final')",
	[S_ATTEMPTS_GRANTED] =
	"SELECT coalesce(sum(count), 0) FROM attempt_change"
	" WHERE person_id = ?1 AND quiz = ?2 AND kind = 'grant'",
	[S_ATTEMPT_VOID] =
	"UPDATE quiz_attempt SET state = 'void', finished = coalesce(finished, ?2)"
	" WHERE id = ?1 AND state <> 'void'",
	[S_ATTEMPT_CHANGE_ADD] =
	"INSERT INTO attempt_change (person_id, quiz, kind, attempt_id, count, reason, by_id, at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[S_ATTEMPTS_OF] =
	"SELECT a.id, a.quiz, a.state, a.started, coalesce(a.finished, 0), a.points,"
	" a.max_points, a.percent, c.reason, cp.login FROM quiz_attempt a"
	" LEFT JOIN attempt_change c ON c.attempt_id = a.id AND c.kind = 'void'"
	" LEFT JOIN person cp ON cp.id = c.by_id"
	" WHERE a.person_id = ?1 AND (?2 IS NULL OR a.quiz = ?2) ORDER BY a.quiz, a.id",
	[S_ATTEMPT_CHANGES] =
	"SELECT c.kind, c.quiz, c.attempt_id, c.count, c.reason, p.login, c.at"
	" FROM attempt_change c JOIN person p ON p.id = c.by_id"
	" WHERE c.person_id = ?1 ORDER BY c.at, c.id",
	[S_CARD_GET] =
	"SELECT reps, ease, interval_days, due, misses FROM review_item"
	" WHERE person_id = ?1 AND quiz = ?2 AND question = ?3",
	[S_CARD_PUT] =
	"INSERT INTO review_item (person_id, quiz, question, misses, reps, ease, interval_days, due)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (person_id, quiz, question)"
	" DO UPDATE SET misses = excluded.misses, reps = excluded.reps, ease = excluded.ease,"
	" interval_days = excluded.interval_days, due = excluded.due",
	[S_REVIEW_LOG] =
	"INSERT INTO review_log (person_id, quiz, question, at, rating, interval_before,"
	" interval_after, ease_after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[S_CARDS] =
	"SELECT quiz, question, misses, reps, ease, interval_days, due FROM review_item"
	" WHERE person_id = ?1 ORDER BY due, quiz, question",
	[S_CARDS_DUE] =
	"SELECT quiz, question, misses, reps, ease, interval_days, due FROM review_item"
	" WHERE person_id = ?1 AND due <= ?2 ORDER BY due, quiz, question",
	[S_DRILL_SAVE] =
	"INSERT INTO drill_result (person_id, drill, at, unit, seconds, typed, correct,"
	" raw_speed, net_speed, accuracy, key_accuracy, backspaces, timed, counted, why)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
	[S_DRILL_RESULTS] =
	"SELECT at, seconds, typed, correct, raw_speed, net_speed, accuracy,"
	" key_accuracy, backspaces, timed, counted, why FROM drill_result"
	" WHERE person_id = ?1 AND drill = ?2 ORDER BY at DESC, id DESC LIMIT ?3",
	[S_PERSON_BY_ID] =
	"SELECT id, login, name, role, hired, active, left_date FROM person WHERE id = ?1",
	[S_PEOPLE] =
	"SELECT p.id, p.login, p.name, p.role, p.hired, p.active,"
	" e.id, e.curriculum, e.started, p.left_date, p.left_reason FROM person p"
	" LEFT JOIN enrollment e ON e.id = (SELECT id FROM enrollment"
	"  WHERE person_id = p.id ORDER BY touched DESC LIMIT 1)"
	" WHERE ?1 OR p.active ORDER BY p.active DESC, p.login",
	[S_PERSON_ROLE] = "UPDATE person SET role = ?2 WHERE id = ?1",
	[S_ENROLL_START] =
	"UPDATE enrollment SET started = ?3 WHERE person_id = ?1 AND curriculum = ?2",
	[S_PERSON_ACTIVE] =	/* someone back has not left */
	"UPDATE person SET active = ?2, left_date = CASE WHEN ?2 THEN NULL ELSE left_date END,"
	" left_reason = CASE WHEN ?2 THEN NULL ELSE left_reason END WHERE id = ?1",
	[S_PERSON_UPDATE] =
	"UPDATE person SET name = coalesce(?2, name), hired = coalesce(?3, hired)"
	" WHERE id = ?1",
	[S_PERSON_LEAVE] =
	"UPDATE person SET active = 0, left_date = ?2, left_reason = ?3 WHERE id = ?1",
	[S_LEAVERS] =	/* a day unknown (NULL) sorts first: they left before it was kept */
	"SELECT p.id, p.login, p.name, p.role, p.hired, p.left_date, p.left_reason,"
	" e.id, e.curriculum, e.started FROM person p"
	" LEFT JOIN enrollment e ON e.id = (SELECT id FROM enrollment"
	"  WHERE person_id = p.id ORDER BY touched DESC LIMIT 1)"
	" WHERE NOT p.active ORDER BY p.left_date, p.login",
	[S_ESSAYS_PENDING] =
	"SELECT a.id, ans.seq, p.login, p.name, a.quiz, ans.question, ans.response,"
	" ans.answered, p.id FROM quiz_attempt a"
	" JOIN quiz_answer ans ON ans.attempt_id = a.id"
	" JOIN person p ON p.id = a.person_id"
	" WHERE a.state = 'pending' AND ans.points IS NULL AND ans.response IS NOT NULL"
	" AND p.active"	/* those who left are out of the queue, not the record */
	" ORDER BY ans.answered, a.id, ans.seq",
	[S_ANSWER_GET] =
	"SELECT a.person_id, a.quiz, a.state, ans.question, ans.response, ans.points"
	" FROM quiz_answer ans JOIN quiz_attempt a ON a.id = ans.attempt_id"
	" WHERE ans.attempt_id = ?1 AND ans.seq = ?2",
	[S_ANSWER_GRADE] =
	"UPDATE quiz_answer SET points = ?3, correct = ?4 WHERE attempt_id = ?1 AND seq = ?2",
	[S_GRADING_ADD] =
	"INSERT INTO grading (attempt_id, seq, grader_id, points, comment, graded)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S_ATTEMPT_RESCORE] =
	"UPDATE quiz_attempt SET points = s.pts,"
	" percent = CASE WHEN max_points > 0 THEN round(s.pts * 100 / max_points, 6) ELSE 0 END,"
	" state = CASE WHEN s.ungraded THEN 'pending' ELSE 'final' END"
	/* the automatic part as fixed at hand-in, and the graded essays */
	" FROM (SELECT round(coalesce((SELECT auto_points FROM quiz_attempt WHERE id = ?1), 0)"
	"  + coalesce(sum(ans.points) FILTER (WHERE EXISTS (SELECT 1 FROM grading g"
	"   WHERE g.attempt_id = ans.attempt_id AND g.seq = ans.seq)), 0), 2) AS pts,"
	"  count(*) FILTER (WHERE ans.points IS NULL AND ans.response IS NOT NULL) AS ungraded"
	"  FROM quiz_answer ans WHERE ans.attempt_id = ?1) AS s"
	" WHERE id = ?1 AND state IN ('pending', 'final')",
	[S_ATTEMPT_GET] =
	"SELECT id, started, coalesce(finished, 0), seed, paper, coalesce(points, 0),"
	" coalesce(max_points, 0), coalesce(percent, 0), state, person_id, quiz"
	" FROM quiz_attempt WHERE id = ?1",
	[S_GRADINGS] =
	"SELECT a.quiz, ans.question, g.points, g.comment, gp.login, g.graded, a.id, g.seq"
	" FROM grading g JOIN quiz_attempt a ON a.id = g.attempt_id"
	" JOIN quiz_answer ans ON ans.attempt_id = g.attempt_id AND ans.seq = g.seq"
	" JOIN person gp ON gp.id = g.grader_id"
	" WHERE a.person_id = ?1 AND g.id = (SELECT max(id) FROM grading"
	"  WHERE attempt_id = g.attempt_id AND seq = g.seq)"
	" ORDER BY g.graded, g.id",
	[S_SIGNOFF_ADD] =
	"INSERT INTO signoff (enrollment_id, stage, signer_id, signed, note)"
	" VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_SIGNOFF_GET] =
	"SELECT p.login, s.signed, s.note FROM signoff s JOIN person p ON p.id = s.signer_id"
	" WHERE s.enrollment_id = ?1 AND s.stage = ?2",
	[S_ASSESSMENT_ADD] =
	"INSERT INTO assessment (enrollment_id, assessment, outcome, reason, new_due,"
	" decided_by, decided, reason_shown) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
	" RETURNING id",
	[S_ASSESSMENT_PART_ADD] =
	"INSERT INTO assessment_part (assessment_id, part, value, passed, note, note_shown,"
	" period) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[S_ASSESSMENT_LATEST] =
	"SELECT a.id, a.outcome, a.reason, a.new_due, p.login, a.decided, a.reason_shown"
	" FROM assessment a JOIN person p ON p.id = a.decided_by"
	" WHERE a.enrollment_id = ?1 AND a.assessment = ?2"
	" ORDER BY a.id DESC LIMIT 1",
	[S_ASSESSMENT_PARTS] =
	"SELECT part, value, passed, note, note_shown, period FROM assessment_part"
	" WHERE assessment_id = ?1"
	" ORDER BY rowid",
	[S_STAGE_DUE] =
	"INSERT INTO stage_progress (enrollment_id, stage, due) VALUES (?1, ?2, ?3)"
	" ON CONFLICT (enrollment_id, stage) DO UPDATE SET due = excluded.due",
	[S_STAGE_ROWS] =
	"SELECT enrollment_id, stage, coalesce(opened, 0), coalesce(completed, 0), due"
	" FROM stage_progress WHERE enrollment_id = ?1",
	[S_KPI_SET] =
	"INSERT INTO kpi_figure (person_id, kpi, period, value, recorded_by, recorded)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (person_id, kpi, period)"
	" DO UPDATE SET value = excluded.value, recorded_by = excluded.recorded_by,"
	" recorded = excluded.recorded",
	/* periods are YYYY-MM, so text order is time order; a month still
	 * to come (from before periods were checked) is never the latest */
	[S_KPI_LATEST] =
	"SELECT value, period FROM kpi_figure WHERE person_id = ?1 AND kpi = ?2"
	" AND period <= ?3 ORDER BY period DESC LIMIT 1",
	[S_KPI_PERIOD] =
	"SELECT p.id, p.login, p.name, k.kpi, k.value FROM kpi_figure k"
	" JOIN person p ON p.id = k.person_id"
	" WHERE k.period = ?1 AND p.active ORDER BY p.login, k.kpi",
	[S_KPI_LAST_PERIOD] = "SELECT max(period) FROM kpi_figure WHERE period <= ?1",
	[S_KPI_GET] =
	"SELECT value FROM kpi_figure WHERE person_id = ?1 AND kpi = ?2 AND period = ?3",
	[S_KPI_DELETE] =
	"DELETE FROM kpi_figure WHERE person_id = ?1 AND kpi = ?2 AND period = ?3",
	[S_KPI_CHANGE_ADD] =
	"INSERT INTO kpi_change (person_id, kpi, period, old_value, new_value, source,"
	" reason, by_id, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_KPI_HISTORY] =
	"SELECT c.kpi, c.period, c.old_value, c.new_value, c.source, c.reason, p.login, c.at"
	" FROM kpi_change c JOIN person p ON p.id = c.by_id"
	" WHERE c.person_id = ?1 AND (?2 IS NULL OR c.kpi = ?2)"
	" ORDER BY c.kpi, c.period, c.id",
	[S_EXEMPT] =
	"INSERT INTO exemption (enrollment_id, stage, module, reason, by_id, at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO NOTHING",
	[S_EXEMPTIONS] =
	"SELECT x.enrollment_id, x.stage, x.module, x.reason, p.login, x.at FROM exemption x"
	" JOIN person p ON p.id = x.by_id WHERE x.enrollment_id = ?1 ORDER BY x.id",
	[S_ALL_EXEMPTIONS] =
	"SELECT x.enrollment_id, x.stage, x.module, x.reason, p.login, x.at FROM exemption x"
	" JOIN person p ON p.id = x.by_id ORDER BY x.id",
	[S_ASSESSMENT_OUTCOME] =	/* the last recorded, whatever the clocks said */
	"SELECT outcome, decided, CASE WHEN reason_shown THEN reason END FROM assessment"
	" WHERE enrollment_id = ?1 AND assessment = ?2 ORDER BY id DESC LIMIT 1",
	[S_TRANSCRIPT] =	/* at, kind, item, result, by, note, rank, private */
	"SELECT first_read, 'lesson', lesson, NULL, NULL, NULL, 0, 0 FROM lesson_read"
	" WHERE person_id = ?1"
	" UNION ALL SELECT started, 'quiz-start', quiz || ' #' || id, NULL, NULL, NULL, 1, 0"
	" FROM quiz_attempt WHERE person_id = ?1"
	" UNION ALL SELECT finished, 'quiz-' || state, quiz || ' #' || id,"
	"  CASE WHEN percent IS NOT NULL AND state <> 'pending'"
	"   THEN printf('%.1f%% (%g/%g)', percent, points, max_points) END,"
	"  NULL, NULL, 2, 0"
	" FROM quiz_attempt WHERE person_id = ?1 AND finished IS NOT NULL"
	" UNION ALL SELECT at, 'drill', drill,"
	"  printf('%.0f %s %.0f%%%s', net_speed, CASE unit WHEN 'wpm' THEN 'WPM' ELSE '字/分' END,"
	"  accuracy, CASE WHEN counted THEN '' ELSE ' (' || coalesce(why, 'practice') || ')' END),"
	"  NULL, NULL, 3, 0"
	" FROM drill_result WHERE person_id = ?1"
	" UNION ALL SELECT finished, 'chat-' || state, scenario || ' #' || id,"
	"  printf('%.1f%%', auto_percent) || CASE WHEN counted THEN '' ELSE ' (' || why || ')' END,"
	"  NULL, NULL, 3, 0"
	" FROM chat_run WHERE person_id = ?1 AND finished IS NOT NULL"
	" UNION ALL SELECT r.graded, 'chat-review', r.scenario || ' #' || r.id,"
	"  printf('%.1f%%', r.percent), gp.login, r.comment, 4, 0"
	" FROM chat_run r JOIN person gp ON gp.id = r.grader_id WHERE r.person_id = ?1"
	" UNION ALL SELECT g.graded, 'grading', a.quiz || ' #' || a.id || ' ' || ans.question,"
	"  printf('%g', g.points), gp.login, g.comment, 4, 0"
	" FROM grading g JOIN quiz_attempt a ON a.id = g.attempt_id"
	" JOIN quiz_answer ans ON ans.attempt_id = g.attempt_id AND ans.seq = g.seq"
	" JOIN person gp ON gp.id = g.grader_id WHERE a.person_id = ?1"
	" UNION ALL SELECT k.at, CASE WHEN k.new_value IS NULL THEN 'kpi-delete' ELSE 'kpi' END,"
	"  k.kpi || ' ' || k.period,"
	"  coalesce(CASE WHEN k.old_value IS NOT NULL THEN printf('%g', k.old_value) || ' → ' END, '')"
	"  || CASE WHEN k.new_value IS NULL THEN 'deleted' ELSE printf('%g', k.new_value) END,"
	"  rp.login, coalesce(k.reason, k.source), 5, 0 FROM kpi_change k"
	" JOIN person rp ON rp.id = k.by_id WHERE k.person_id = ?1"
	" UNION ALL SELECT s.decided, 'assessment', s.assessment,"
	"  s.outcome || coalesce(' → ' || s.new_due, ''), dp.login, s.reason, 6, NOT s.reason_shown"
	" FROM assessment s JOIN enrollment e ON e.id = s.enrollment_id"
	" JOIN person dp ON dp.id = s.decided_by WHERE e.person_id = ?1"
	" UNION ALL SELECT s.signed, 'signoff', s.stage, NULL, sp.login, s.note, 7, 0"
	" FROM signoff s JOIN enrollment e ON e.id = s.enrollment_id"
	" JOIN person sp ON sp.id = s.signer_id WHERE e.person_id = ?1"
	" UNION ALL SELECT s.completed, 'stage-complete', s.stage, NULL, NULL, NULL, 8, 0"
	" FROM stage_progress s JOIN enrollment e ON e.id = s.enrollment_id"
	" WHERE e.person_id = ?1 AND s.completed IS NOT NULL"
	" UNION ALL SELECT v.at, 'stage-reopen', v.detail, NULL, vp.login, NULL, 10, 0"
	" FROM event v JOIN person vp ON vp.id = v.actor_id"
	" WHERE v.action = 'stage-reopen' AND v.subject_id = ?1"
	" UNION ALL SELECT c.at, 'attempt-' || c.kind,"
	"  c.quiz || coalesce(' #' || c.attempt_id, ''),"
	"  CASE c.kind WHEN 'grant' THEN '+' || c.count END, cp.login, c.reason, 9, 0"
	" FROM attempt_change c JOIN person cp ON cp.id = c.by_id WHERE c.person_id = ?1"
	" UNION ALL SELECT x.at, CASE x.module WHEN '' THEN 'stage-open' ELSE 'exempt' END,"
	"  x.stage || CASE x.module WHEN '' THEN '' ELSE ' ' || x.module END, NULL,"
	"  xp.login, x.reason, 11, 0 FROM exemption x JOIN enrollment e ON e.id = x.enrollment_id"
	" JOIN person xp ON xp.id = x.by_id WHERE e.person_id = ?1"
	" ORDER BY 1, 7",
	/* the facts of everyone at once, for reports: the same conditions as
	 * the per-person statements above */
	[S_ALL_LESSONS] = "SELECT person_id, lesson FROM lesson_read",
	[S_ALL_QUIZ_FACTS] =	/* from the covering index, in its order */
	"SELECT person_id, quiz, state, percent FROM quiz_attempt ORDER BY person_id, quiz",
	[S_ALL_DRILLS] =	/* from the covering index, in its order */
	"SELECT person_id, drill, net_speed, accuracy, counted FROM drill_result"
	" ORDER BY person_id, drill",
	[S_ALL_SIGNOFFS] = "SELECT enrollment_id, stage FROM signoff",
	[S_ALL_ASSESSMENTS] =
	"SELECT enrollment_id, assessment, outcome, decided FROM assessment a"
	" WHERE id = (SELECT b.id FROM assessment b WHERE b.enrollment_id = a.enrollment_id"
	"  AND b.assessment = a.assessment ORDER BY b.id DESC LIMIT 1)",
	[S_ALL_STAGE_ROWS] =
	"SELECT enrollment_id, stage, coalesce(opened, 0), coalesce(completed, 0), due"
	" FROM stage_progress",
	[S_ITEM_ANSWERS] =	/* a quiz's final attempts with their marks */
	"SELECT percent, item_marks FROM quiz_attempt WHERE quiz = ?1 AND state = 'final'",
	[S_ITEM_COUNT] = "SELECT count(*) FROM quiz_attempt WHERE quiz = ?1 AND state = 'final'",
	[S_ITEM_MARKS] =
	"UPDATE quiz_attempt SET item_marks = " ITEM_MARKS " WHERE id = ?1",
	[S_ACTIVITY] =	/* quizzes handed in and drills run since a time */
	"SELECT 0, finished FROM quiz_attempt WHERE finished >= ?1 AND state IN ('final', 'pending')"
	" UNION ALL SELECT 1, at FROM drill_result WHERE at >= ?1",
	[S_ALL_GRANTS] =
	"SELECT person_id, quiz, sum(count) FROM attempt_change WHERE kind = 'grant'"
	" GROUP BY person_id, quiz",
	[S_ALL_ACTIVE] = "SELECT id, active_at FROM person WHERE active_at IS NOT NULL",
	[S_SEEN_GET] = "SELECT seen_event, seen_grading, seen_at FROM person WHERE id = ?1",
	[S_SEEN_SET] =
	"UPDATE person SET seen_event = max(seen_event, ?2), seen_grading = max(seen_grading, ?3),"
	" seen_at = ?4 WHERE id = ?1",
	[S_MARKS] =
	"SELECT coalesce((SELECT max(id) FROM event), 0), coalesce((SELECT max(id) FROM grading), 0)",
	[S_INBOX_EVENTS] =	/* what others did about a person, after an event */
	"SELECT v.id, v.at, a.login, a.name, v.action, v.detail FROM event v"
	" LEFT JOIN person a ON a.id = v.actor_id"
	" WHERE v.subject_id = ?1 AND v.actor_id IS NOT ?1 AND v.id > ?2"
	" AND v.action IN ('signoff', 'assess', 'attempt-grant', 'attempt-void', 'exempt',"
	"  'stage-open', 'script-accept', 'script-reject', 'chat-grade', 'chat-regrade')"
	" ORDER BY v.id",
	[S_INBOX_GRADINGS] =	/* a person's answers graded after a grading */
	"SELECT g.id, g.graded, a.login, a.name, t.quiz, w.question, g.points, g.comment,"
	" t.id, g.seq, EXISTS (SELECT 1 FROM grading h WHERE h.attempt_id = g.attempt_id"
	"  AND h.seq = g.seq AND h.id < g.id) FROM grading g JOIN quiz_attempt t ON t.id = g.attempt_id"
	" JOIN quiz_answer w ON w.attempt_id = g.attempt_id AND w.seq = g.seq"
	" JOIN person a ON a.id = g.grader_id"
	" WHERE g.id > ?2 AND t.person_id = ?1 ORDER BY g.id",
	[S_NEW_SUBMITS] =
	"SELECT count(*) FROM event WHERE id > ?1 AND action = 'quiz-submit'",
	[S_DRAFT_SAVE] =	/* only for an open attempt */
	"INSERT INTO answer_draft (attempt_id, seq, text, saved)"
	" SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM quiz_attempt"
	"  WHERE id = ?1 AND state = 'open')"
	" ON CONFLICT (attempt_id, seq) DO UPDATE SET text = excluded.text, saved = excluded.saved",
	[S_DRAFT_GET] = "SELECT text FROM answer_draft WHERE attempt_id = ?1 AND seq = ?2",
	[S_DRAFT_DELETE] = "DELETE FROM answer_draft WHERE attempt_id = ?1 AND seq = ?2",
	[S_PROPOSAL_ADD] =
	"INSERT INTO script_proposal (library, person_id, title, question, reply, proposed)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
	[S_PROPOSALS] =		/* by state (NULL: any), person (NULL: anyone), library */
	"SELECT s.id, s.library, s.title, s.question, s.reply, s.state, s.text, p.login,"
	" p.name, r.login, r.name, s.note, s.proposed, s.reviewed FROM script_proposal s"
	" JOIN person p ON p.id = s.person_id LEFT JOIN person r ON r.id = s.reviewer_id"
	" WHERE (?1 IS NULL OR s.state = ?1) AND (?2 IS NULL OR s.person_id = ?2)"
	" AND (?3 IS NULL OR s.library = ?3) AND (?4 IS NULL OR s.id = ?4)"
	" ORDER BY s.id",
	[S_PROPOSAL_DECIDE] =	/* only while open: the first decision stands */
	"UPDATE script_proposal SET state = ?2, text = ?3, note = ?4, reviewer_id = ?5,"
	" reviewed = ?6 WHERE id = ?1 AND state = 'open'",
#define CHAT_RUN_COLS "r.id, r.person_id, r.scenario, r.exam, r.started, r.finished," \
	" r.state, r.auto_percent, r.percent, r.counted, r.why, r.comment, g.login," \
	" r.graded, (SELECT count(*) FROM chat_turn t WHERE t.run_id = r.id), p.login, p.name"
	[S_CHAT_OPEN] =
	"SELECT " CHAT_RUN_COLS " FROM chat_run r JOIN person p ON p.id = r.person_id"
	" LEFT JOIN person g ON g.id = r.grader_id"
	" WHERE r.person_id = ?1 AND r.scenario = ?2 AND r.state = 'open'",
	[S_CHAT_USED] =
	"SELECT count(*) FROM chat_run WHERE person_id = ?1 AND scenario = ?2"
	" AND state IN ('pending', 'final')",
	[S_CHAT_START] =	/* as S_ATTEMPT_START: ?5 the cap, ?6 the grants' key */
	"INSERT INTO chat_run (person_id, scenario, exam, started)"
	" SELECT ?1, ?2, ?3, ?4 WHERE ?5 = 0 OR (SELECT count(*) FROM chat_run"
	"  WHERE person_id = ?1 AND scenario = ?2 AND state IN ('pending', 'final'))"
	"  < ?5 + (SELECT coalesce(sum(count), 0) FROM attempt_change"
	"  WHERE person_id = ?1 AND quiz = ?6 AND kind = 'grant')"
	" ON CONFLICT (person_id, scenario) WHERE state = 'open' DO NOTHING RETURNING id",
	[S_CHAT_TURN_SAVE] =	/* only into an open run, and once a turn */
	"INSERT INTO chat_turn (run_id, seq, message, reply, shown, seconds, within, keys,"
	" pasted, score, made, hits) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12"
	" WHERE EXISTS (SELECT 1 FROM chat_run WHERE id = ?1 AND state = 'open')"
	" ON CONFLICT (run_id, seq) DO NOTHING",
	[S_CHAT_TURNS] =
	"SELECT seq, message, reply, shown, seconds, within, keys, pasted, score, made, hits"
	" FROM chat_turn WHERE run_id = ?1 ORDER BY seq",
	[S_CHAT_FINISH] =	/* only while open: a run ends once */
	"UPDATE chat_run SET state = ?2, auto_percent = ?3, percent = ?3, counted = ?4,"
	" why = ?5, finished = ?6 WHERE id = ?1 AND state = 'open'",
	[S_CHAT_FACTS] =	/* tallied in C, as the report's */
	"SELECT state, percent, counted FROM chat_run WHERE person_id = ?1 AND scenario = ?2",
	[S_ALL_CHAT_FACTS] =	/* from the covering index, in its order */
	"SELECT person_id, scenario, state, percent, counted FROM chat_run"
	" ORDER BY person_id, scenario",
	[S_CHAT_RUNS] =		/* by person, scenario, state (NULL or 0: any), id */
	"SELECT " CHAT_RUN_COLS " FROM chat_run r JOIN person p ON p.id = r.person_id"
	" LEFT JOIN person g ON g.id = r.grader_id"
	" WHERE (?1 IS NULL OR r.person_id = ?1) AND (?2 IS NULL OR r.scenario = ?2)"
	" AND (?3 IS NULL OR r.state = ?3) AND (?4 IS NULL OR r.id = ?4) ORDER BY r.id",
	[S_CHAT_GRADE] =	/* a finished run: reviewed, or reviewed again */
	"UPDATE chat_run SET state = 'final', percent = ?2, grader_id = ?3, graded = ?4,"
	" comment = ?5 WHERE id = ?1 AND state IN ('pending', 'final')",
	[S_BEGIN] = "BEGIN IMMEDIATE",
	[S_BEGIN_READ] = "BEGIN DEFERRED",
	[S_COMMIT] = "COMMIT",
	[S_ROLLBACK] = "ROLLBACK",
};

/* ---- the engine: everything below the SQL that speaks to SQLite ---- */

struct store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *stmts[S_COUNT];
};

/* What the system said when SQLite could not open, read or write a file
 * ("Read-only file system", "No space left on device"): SQLite's own
 * words for those ("unable to open database file", "disk I/O error")
 * do not say what to fix. Empty otherwise. */
static const char *
sys_reason(struct store *st, char *buf, size_t size)
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
db_error(struct store *st, const char *what)
{
	char why[160];

	return error(_("database '%s': %s: %s%s"), st->path, what,
		     sqlite3_errmsg(st->db), sys_reason(st, why, sizeof(why)));
}

/* Prepares a statement once and resets it for new bindings. */
static sqlite3_stmt *
prep(struct store *st, enum stmt s)
{
	sqlite3_stmt *stmt = st->stmts[s];

	if (stmt == NULL) {
		/* the schema is ours, so this fails only on a file that merely
		 * claims to be a kefu database, or a damaged one */
		if (sqlite3_prepare_v3(st->db, sql[s], -1, SQLITE_PREPARE_PERSISTENT,
				       &stmt, NULL) != SQLITE_OK)
			die(_("database '%s' is not a kefu database or is damaged: %s"),
			    st->path, sqlite3_errmsg(st->db));
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
run(struct store *st, sqlite3_stmt *stmt, const char *what)
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
exec(struct store *st, const char *s, const char *what)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, s, NULL, NULL, &msg) != SQLITE_OK) {
		char why[160];

		error(_("database '%s': %s: %s%s"), st->path, what,
		      msg ? msg : sqlite3_errmsg(st->db), sys_reason(st, why, sizeof(why)));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* A row as each() and one() hand it to the functions below that make
 * it into the struct a caller reads: the statement itself, read by
 * column. */
struct row {
	sqlite3_stmt *stmt;
};
typedef void row_fn(const struct row *, void *arg);

static const char *
r_text(const struct row *r, int col)
{
	return (const char *)sqlite3_column_text(r->stmt, col);
}

static double
r_real(const struct row *r, int col)
{
	return sqlite3_column_double(r->stmt, col);
}

static int64_t
r_int(const struct row *r, int col)
{
	return sqlite3_column_int64(r->stmt, col);
}

static bool
r_null(const struct row *r, int col)
{
	return sqlite3_column_type(r->stmt, col) == SQLITE_NULL;
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

/* Binds parameters ?1, ?2, ... by a format: 'i' int64_t, 'I' int64_t or
 * NULL when 0 or less, 'd' double, 'D' double or NULL when negative,
 * 't' text (NULL for a null pointer), 'b' bool, 'n' a NULL (no argument). */
static sqlite3_stmt *
bindv(struct store *st, enum stmt s, const char *fmt, va_list ap)
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

/* Runs statement s, bound by fmt, and calls fn for each row. */
static int
each(struct store *st, enum stmt s, row_fn *fn, void *arg,
     const char *what, const char *fmt, ...)
{
	struct row row;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	row.stmt = bindv(st, s, fmt, ap);
	va_end(ap);
	while ((rc = sqlite3_step(row.stmt)) == SQLITE_ROW)
		if (fn)
			fn(&row, arg);
	sqlite3_reset(row.stmt);
	if (rc != SQLITE_DONE)
		return db_error(st, what);
	return 0;
}

/* Runs statement s, bound by fmt, for its effect. */
static int
change(struct store *st, enum stmt s, const char *what, const char *fmt, ...)
{
	sqlite3_stmt *stmt;
	va_list ap;

	va_start(ap, fmt);
	stmt = bindv(st, s, fmt, ap);
	va_end(ap);
	return run(st, stmt, what);
}

/* Runs statement s, bound by fmt, for its effect, reading the first
 * column of the row it returns (RETURNING) into *id when given: 1 it
 * returned one, 0 none (nothing was done), -1 after an error. */
static int
returning(struct store *st, enum stmt s, const char *what, int64_t *id,
	  const char *fmt, ...)
{
	sqlite3_stmt *stmt;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	stmt = bindv(st, s, fmt, ap);
	va_end(ap);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW && id)
		*id = sqlite3_column_int64(stmt, 0);
	/* the statement's change is made whole by the reset */
	if (sqlite3_reset(stmt) != SQLITE_OK || (rc != SQLITE_ROW && rc != SQLITE_DONE))
		return db_error(st, what);
	return rc == SQLITE_ROW;
}

/* One number from statement s bound by fmt; -1 after an error. */
static long long
count(struct store *st, enum stmt s, const char *what, const char *fmt, ...)
{
	sqlite3_stmt *stmt;
	long long n = 0;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	stmt = bindv(st, s, fmt, ap);
	va_end(ap);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	sqlite3_reset(stmt);
	if (rc != SQLITE_ROW)
		return db_error(st, what);
	return n;
}

/* Runs statement s, bound by fmt, and calls fn (when given) for its
 * first row only: 1 there was a row, 0 none, -1 after an error. For
 * the lookups of one row. */
static int
one(struct store *st, enum stmt s, row_fn *fn, void *arg, const char *what,
    const char *fmt, ...)
{
	struct row row;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	row.stmt = bindv(st, s, fmt, ap);
	va_end(ap);
	rc = sqlite3_step(row.stmt);
	if (rc == SQLITE_ROW && fn)
		fn(&row, arg);
	sqlite3_reset(row.stmt);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(st, what);
	return rc == SQLITE_ROW;
}

/* Runs statement s, bound by fmt, for its effect: how many rows it
 * changed, -1 after an error. */
static long long
changes(struct store *st, enum stmt s, const char *what, const char *fmt, ...)
{
	sqlite3_stmt *stmt;
	va_list ap;

	va_start(ap, fmt);
	stmt = bindv(st, s, fmt, ap);
	va_end(ap);
	if (run(st, stmt, what) != 0)
		return -1;
	return sqlite3_changes(st->db);
}

/* Runs statement s, bound by fmt, for its effect without waiting for
 * another writer: 0 done, 1 not now (nothing is said). */
static int
try_change(struct store *st, enum stmt s, const char *fmt, ...)
{
	sqlite3_stmt *stmt;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	stmt = bindv(st, s, fmt, ap);
	va_end(ap);
	sqlite3_busy_timeout(st->db, 0);
	rc = sqlite3_step(stmt);
	sqlite3_reset(stmt);
	sqlite3_busy_timeout(st->db, BUSY_TIMEOUT_MS);
	return rc == SQLITE_DONE ? 0 : 1;
}

/* Whether a transaction is open on the store's connection. */
static bool
in_transaction(struct store *st)
{
	return !sqlite3_get_autocommit(st->db);
}

int
store_schema_version(void)
{
	return (int)ARRAY_SIZE(migrations);
}

static int
user_version(struct store *st)
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
once(struct store *st, const char *q, double *first, const char *fmt, ...)
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
fix_periods(struct store *st)
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
static int (*const fixups[])(struct store *) = {
	[4] = fix_periods,
};

/* Brings the schema up to date, one migration per transaction. */
static int
migrate(struct store *st)
{
	int v = user_version(st), n = store_schema_version();

	if (v < 0)
		return -1;
	if (v > n)
		return error(_("database '%s' was written by a newer kefu (schema %d; this kefu knows up to %d)"),
			     st->path, v, n);
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
readonly_error(struct store *st)
{
	static const char *const suffix[] = { "", "-wal", "-shm" };
	char *dir = xstrdup(st->path), *slash = strrchr(dir, '/');
	const char *where = ".";
	bool said = false;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(suffix) && !said; i++) {
		char *f = xasprintf("%s%s", st->path, suffix[i]);

		if (faccessat(AT_FDCWD, f, W_OK, AT_EACCESS) != 0 && errno != ENOENT) {
			error(_("database '%s' is read-only: cannot write '%s': %s"),
			      st->path, f, strerror(errno));
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
		      st->path, where, strerror(errno));
	else if (!said)
		error(_("database '%s' is read-only: kefu cannot save anything in it"),
		      st->path);
	free(dir);
	return -1;
}

/* Turns WAL on; that needs the -wal and -shm files beside the database.
 * Changing the journal mode of a database another process is creating
 * or opening at that moment gives SQLITE_BUSY without a call to the busy
 * handler, so kefu waits here as the busy timeout would. */
static int
wal_on(struct store *st)
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
store_open(const char *path)
{
	struct store *st = xcalloc(1, sizeof(*st));
	int rc;

	st->path = xstrdup(path);
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
		store_close(st);
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
		store_close(st);
		return NULL;
	}
	return st;
}

void
store_close(struct store *st)
{
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < S_COUNT; i++)
		sqlite3_finalize(st->stmts[i]);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

int
store_writable(struct store *st)
{
	int rc;

	if (sqlite3_db_readonly(st->db, "main") == 1)
		return readonly_error(st);
	/* a read-only -shm file shows only when a write starts */
	rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE; ROLLBACK", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return 0;
	rc = sqlite3_extended_errcode(st->db);
	store_rollback(st);
	if ((rc & 0xff) == SQLITE_READONLY)
		return readonly_error(st);
	return db_error(st, _("cannot start a transaction"));
}

int
store_begin(struct store *st)
{
	return run(st, prep(st, S_BEGIN), _("cannot start a transaction"));
}

bool
store_cache_size(struct store *st, long size, long *was)
{
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

int
store_begin_read(struct store *st)
{
	return run(st, prep(st, S_BEGIN_READ), _("cannot start a transaction"));
}

int
store_commit(struct store *st)
{
	return run(st, prep(st, S_COMMIT), _("cannot commit"));
}

void
store_rollback(struct store *st)
{
	if (in_transaction(st))
		run(st, prep(st, S_ROLLBACK), _("cannot roll back"));
}

/* The engine's part of `kefu db status`: its name and version and the
 * database's schema version. */
static int
engine_status(struct store *st, struct store_status *s)
{
	s->engine = "SQLite";
	snprintf(s->version, sizeof(s->version), "%s", sqlite3_libversion());
	return (s->schema = user_version(st)) < 0 ? -1 : 0;
}

/* ---- the domain: only the helpers above ---- */

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

	list[0] = sql[S_PEOPLE];
	list[1] = sql[S_ALL_LESSONS];
	list[2] = sql[S_ALL_QUIZ_FACTS];
	list[3] = sql[S_ALL_DRILLS];
	list[4] = sql[S_ALL_CHAT_FACTS];
	list[5] = sql[S_ALL_SIGNOFFS];
	list[6] = sql[S_ALL_ASSESSMENTS];
	list[7] = sql[S_ALL_STAGE_ROWS];
	list[8] = sql[S_ALL_EXEMPTIONS];
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
	if (engine_status(st, s) != 0)
		return -1;
	return one(st, S_STATUS, status_row, s, _("cannot read the database"), "") < 0 ? -1 : 0;
}
