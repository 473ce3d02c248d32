/* sql.c: the statements of the store (engine.h), by name, in the SQL
 * SQLite takes. Bound parameters only: nothing a user typed is ever
 * part of a statement's text. */
#include "config.h"

#include "engine.h"

const char *const store_sql[S_COUNT] = {
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
