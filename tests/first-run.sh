# The first run on a new database, the default database path, people the
# database does not know, and the schema's version.
. "$top_srcdir/tests/lib.sh"
export KEFU_CONTENT="$CONTENT/mini"
unset KEFU_DB
# the schema version this kefu brings a database to
LATEST=11

"$KEFU" plan > "$T/out" 2>&1 || fail "first run: $(cat "$T/out")"
db="$XDG_DATA_HOME/kefu/kefu.db"
[ -f "$db" ] || fail "no database at \$XDG_DATA_HOME/kefu/kefu.db"
grep -q "^Welcome to kefu. This is a new database" "$T/out" || fail "no welcome"
KEFU_DB="$db"
[ "$(sql "SELECT login || ' ' || role FROM person")" = "$LOGIN manager" ] ||
	fail "the first user is not a manager"
[ "$(sql "SELECT curriculum FROM enrollment")" = mini ] || fail "not enrolled"
[ "$(sql "SELECT action FROM event ORDER BY id" | tr '\n' ' ')" = "first-run enroll " ] ||
	fail "first run not logged"
ok "the first user manages a new database and is enrolled"

"$KEFU" plan > "$T/out" 2>&1 || fail "second run"
grep -q Welcome "$T/out" && fail "welcomed twice"
[ "$(sql "SELECT count(*) FROM person")" = 1 ] || fail "person added twice"
ok "the second run goes straight to work"

[ "$(sql "PRAGMA user_version")" = "$LATEST" ] || fail "schema version"
[ "$(sql "PRAGMA journal_mode")" = wal ] || fail "not in WAL mode"
[ "$(stat -c %a "$XDG_DATA_HOME/kefu")" = 700 ] || fail "database directory is not private"
ok "schema version $LATEST, WAL, a private directory"

# a database written by the first schema moves up, keeping its records
# what migrations 11, 10, 9, 8, 7, 6 and 5 made, taken away again (for a database of before)
UNDO11="DROP TABLE founding;"
UNDO10="$UNDO11 DROP TABLE chat_turn; DROP TABLE chat_run;"
UNDO9="$UNDO10 DROP TABLE script_proposal;"
UNDO8="$UNDO9 DROP TABLE answer_draft;"
UNDO7="$UNDO8 DROP TRIGGER event_active; DROP INDEX event_subject; DROP INDEX quiz_attempt_quiz;
ALTER TABLE person DROP COLUMN seen_event; ALTER TABLE person DROP COLUMN seen_grading;
ALTER TABLE person DROP COLUMN seen_at; ALTER TABLE person DROP COLUMN active_at;
ALTER TABLE quiz_attempt DROP COLUMN item_marks;"
UNDO6="$UNDO7 ALTER TABLE person DROP COLUMN left_date; ALTER TABLE person DROP COLUMN left_reason;"
UNDO5="$UNDO6 DROP TABLE kpi_change; DROP TABLE exemption;
ALTER TABLE assessment DROP COLUMN reason_shown;
ALTER TABLE assessment_part DROP COLUMN note_shown;
ALTER TABLE assessment_part DROP COLUMN period;"
sql "$UNDO5 DROP INDEX quiz_attempt_one_open; ALTER TABLE quiz_attempt DROP COLUMN auto_points;
DROP TABLE attempt_change;
DROP INDEX drill_result_best; ALTER TABLE drill_result DROP COLUMN counted;
ALTER TABLE drill_result DROP COLUMN why;
CREATE INDEX drill_result_best ON drill_result(person_id, drill, timed, net_speed, accuracy);
DROP INDEX quiz_attempt_pending; DROP INDEX grading_answer;
DROP INDEX kpi_figure_period; DROP INDEX assessment_enrollment;
DROP INDEX drill_result_best; DROP INDEX drill_result_speed; DROP INDEX drill_result_at;
CREATE INDEX drill_result_person ON drill_result(person_id, drill);
DROP INDEX quiz_attempt_facts; CREATE INDEX quiz_attempt_person ON quiz_attempt(person_id, quiz);
PRAGMA user_version = 1"
"$KEFU" plan > /dev/null 2>&1 || fail "plan on a version 1 database"
[ "$(sql "PRAGMA user_version")" = "$LATEST" ] || fail "not migrated"
[ "$(sql "SELECT group_concat(name) FROM (SELECT name FROM sqlite_schema WHERE name IN
  ('quiz_attempt_pending', 'drill_result_best', 'drill_result_person') ORDER BY name)")" = drill_result_best,quiz_attempt_pending ] ||
	fail "migration 2 did not run"
[ "$(sql "SELECT count(*) FROM person")" = 1 ] || fail "records lost in migration"
ok "a schema 1 database is migrated to 7 with its records"

# schema 2 let one person hold two open attempts at a quiz (a race), and
# rescored from every stored answer: migration 3 keeps the newest open
# one, sets the older aside, and fixes each attempt's automatic part
sql "$UNDO5 DROP INDEX quiz_attempt_one_open; ALTER TABLE quiz_attempt DROP COLUMN auto_points;
DROP TABLE attempt_change;
DROP INDEX drill_result_best; ALTER TABLE drill_result DROP COLUMN counted;
ALTER TABLE drill_result DROP COLUMN why;
CREATE INDEX drill_result_best ON drill_result(person_id, drill, timed, net_speed, accuracy);
PRAGMA user_version = 2;
INSERT INTO quiz_attempt (id, person_id, quiz, started, seed, paper) VALUES
 (1, 1, 'x', 100, 1, ''), (2, 1, 'x', 101, 2, ''), (3, 1, 'y', 102, 3, '');
INSERT INTO quiz_attempt (id, person_id, quiz, started, finished, seed, paper, points,
 max_points, percent, state) VALUES (4, 1, 'z', 90, 95, 4, '', 3, 10, 30, 'pending');
INSERT INTO quiz_answer (attempt_id, seq, question, response, points, answered) VALUES
 (4, 0, 'a', 'A', 1, 91), (4, 1, 'b', 'B', 2, 92), (4, 2, 'e', '作文', 4, 93);
INSERT INTO grading (attempt_id, seq, grader_id, points, graded) VALUES (4, 2, 1, 4, 96)"
"$KEFU" plan > /dev/null 2>&1 || fail "plan on a version 2 database"
[ "$(sql "SELECT group_concat(id || state, ' ') FROM (SELECT id, state FROM quiz_attempt ORDER BY id)")" = \
	"1void 2open 3open 4pending" ] || fail "migration 3: $(sql "SELECT id, state FROM quiz_attempt")"
[ "$(sql "SELECT auto_points FROM quiz_attempt WHERE id = 4")" = 3.0 ] ||
	fail "migration 3: automatic part $(sql "SELECT auto_points FROM quiz_attempt WHERE id = 4")"
sql "INSERT INTO quiz_attempt (person_id, quiz, started, seed, paper) VALUES (1, 'y', 103, 5, '')" 2> /dev/null &&
	fail "a second open attempt at one quiz was allowed"
ok "a schema 2 database is migrated to 3: one open attempt per quiz, the automatic part fixed"

# schema 3 knew timed and piped drill runs only: migration 4 counts the
# timed ones, as their day's rule did, and marks the piped ones practice
sql "$UNDO5 DROP INDEX drill_result_best; ALTER TABLE drill_result DROP COLUMN counted;
ALTER TABLE drill_result DROP COLUMN why;
CREATE INDEX drill_result_best ON drill_result(person_id, drill, timed, net_speed, accuracy);
PRAGMA user_version = 3;
INSERT INTO drill_result (person_id, drill, at, unit, seconds, typed, correct, raw_speed,
 net_speed, accuracy, timed) VALUES (1, 'd', 1, 'cpm', 60, 40, 40, 40, 40, 100, 1),
 (1, 'd', 2, 'cpm', 0, 40, 40, 0, 0, 100, 0)"
"$KEFU" plan > /dev/null 2>&1 || fail "plan on a version 3 database"
[ "$(sql "SELECT group_concat(counted || ':' || coalesce(why, '-'), ' ') FROM (SELECT counted, why FROM drill_result ORDER BY at)")" = \
	"1:- 0:piped" ] || fail "migration 4: $(sql "SELECT at, counted, why FROM drill_result")"
[ "$(sql "PRAGMA user_version")" = "$LATEST" ] || fail "not migrated to $LATEST"
ok "a schema 3 database is migrated to 4: timed runs count, piped ones are practice"

# schema 4 took any period text: migration 5 reads what is a month as
# YYYY-MM (the later of two figures for one month stays, the other goes
# to the history), takes out what is no month, on the record, and
# starts each figure's history
sql "$UNDO5 PRAGMA user_version = 4; DELETE FROM kpi_figure;
INSERT INTO kpi_figure (person_id, kpi, period, value, recorded_by, recorded) VALUES
 (1, 'conv', '2026-11', 20, 1, 50), (1, 'conv', 'Nov-26', 18, 1, 100),
 (1, 'conv', '2026-13', 25, 1, 60), (1, 'resp', '2026/10', 12, 1, 70),
 (1, 'resp', '2026-09', 14, 1, 40), (1, 'aov', '26-Aug', 150, 1, 80),
 (1, 'aov', '2026-08', 160, 1, 90)"
"$KEFU" plan > /dev/null 2>&1 || fail "plan on a version 4 database"
[ "$(sql "PRAGMA user_version")" = "$LATEST" ] || fail "not migrated to $LATEST"
[ "$(sql "SELECT group_concat(kpi || ' ' || period || ' ' || value, ', ') FROM (SELECT * FROM kpi_figure ORDER BY kpi, period)")" = \
	"aov 2026-08 160.0, conv 2026-11 18.0, resp 2026-09 14.0, resp 2026-10 12.0" ] ||
	fail "migration 5: $(sql "SELECT kpi, period, value FROM kpi_figure ORDER BY kpi, period")"
[ "$(sql "SELECT count(*) FROM kpi_change WHERE kpi = 'conv' AND period = '2026-13' AND old_value = 25 AND new_value IS NULL")" = 1 ] ||
	fail "migration 5: the figure of no month is not in the history"
[ "$(sql "SELECT count(*) FROM kpi_change WHERE kpi = 'conv' AND period = '2026-11' AND old_value = 20 AND new_value = 18")" = 1 ] ||
	fail "migration 5: the replaced figure is not in the history: $(sql "SELECT * FROM kpi_change")"
[ "$(sql "SELECT count(*) FROM kpi_change WHERE kpi = 'aov' AND period = '2026-08' AND old_value = 150 AND new_value = 160")" = 1 ] ||
	fail "migration 5: the earlier of two figures is not in the history: $(sql "SELECT * FROM kpi_change")"
[ "$(sql "SELECT count(*) FROM kpi_change WHERE period IN ('Nov-26', '2026/10', '26-Aug')")" = 0 ] ||
	fail "migration 5: the history keeps periods that are no longer: $(sql "SELECT * FROM kpi_change")"
ok "a schema 4 database is migrated to 5: periods become months, nothing is lost from the record"

# schema 5 kept no day of leaving: migration 6 takes the day the leaving
# was logged, the latest when someone left twice; nobody active has one
sql "$UNDO6 PRAGMA user_version = 5;
INSERT INTO person (id, login, role, active, created) VALUES
 (11, 'gone', 'trainee', 0, 0), (12, 'twice', 'trainer', 0, 0), (13, 'quiet', 'trainee', 0, 0),
 (14, 'back', 'trainee', 1, 0);
INSERT INTO event (at, actor_id, action, subject_id) VALUES
 (strftime('%s', '2026-03-02 12:00'), 1, 'person-leave', 11),
 (strftime('%s', '2026-01-05 12:00'), 1, 'person-leave', 12),
 (strftime('%s', '2026-04-07 12:00'), 1, 'person-leave', 12),
 (strftime('%s', '2026-02-01 12:00'), 1, 'person-leave', 14)"
TZ=UTC "$KEFU" plan > /dev/null 2>&1 || fail "plan on a version 5 database"
[ "$(sql "PRAGMA user_version")" = "$LATEST" ] || fail "not migrated to $LATEST"
[ "$(sql "SELECT group_concat(login || ':' || coalesce(left_date, '-') || ':' || coalesce(left_reason, '-'), ' ')
  FROM (SELECT * FROM person WHERE id > 10 ORDER BY id)")" = "gone:2026-03-02:- twice:2026-04-07:- quiet:-:- back:-:-" ] ||
	fail "migration 6: $(sql "SELECT login, left_date, left_reason FROM person")"
ok "a schema 5 database is migrated to 6: those who left have the day it was logged"

# schema 6 kept no marks with an attempt and nothing of what was seen:
# migration 7 makes the marks from the answers, takes everyone to have
# seen all there is, and dates each person's own last entry on the log
sql "$UNDO7 PRAGMA user_version = 6;
INSERT INTO quiz_attempt (id, person_id, quiz, started, finished, seed, paper, points, max_points,
  percent, state) VALUES (90, 11, 'm', 1, 2, 1, 'a:1,0' || char(10) || 'b:' || char(10) || 'c:' || char(10) || 'd:' || char(10), 1, 2, 50, 'final'),
 (91, 11, 'm', 3, NULL, 1, '', NULL, NULL, NULL, 'open'), (92, 11, 'm', 1, 2, 1, '', 1, 1, 100, 'final');
INSERT INTO quiz_answer (attempt_id, seq, question, response, points, answered) VALUES
 (90, 0, 'a', '2', 1, 2), (90, 1, 'b', 'free text', 0, 2), (90, 2, 'c', 'true', NULL, 2),
 (91, 0, 'a', '1', 0, 3), (92, 0, 'a', '0', 1, 2);
INSERT INTO event (at, actor_id, action, subject_id) VALUES (500, 14, 'lesson-read', 14), (600, 1, 'grade', 14)"
"$KEFU" plan > /dev/null 2>&1 || fail "plan on a version 6 database"
[ "$(sql "PRAGMA user_version")" = "$LATEST" ] || fail "not migrated to $LATEST"
# d was on the paper and skipped: it counts, as 0
[ "$(sql "SELECT replace(replace(item_marks, char(30), ':'), char(31), ' ') FROM quiz_attempt WHERE id = 90")" = "a:1.0:2 b:0.0: c::true d:0:" ] ||
	fail "migration 7 marks: $(sql "SELECT item_marks FROM quiz_attempt WHERE id = 90")"
# an attempt with no paper kept: its answers
[ "$(sql "SELECT replace(replace(item_marks, char(30), ':'), char(31), ' ') FROM quiz_attempt WHERE id = 92")" = "a:1.0:0" ] ||
	fail "migration 7 marks without a paper: $(sql "SELECT item_marks FROM quiz_attempt WHERE id = 92")"
[ "$(sql "SELECT coalesce(item_marks, '-') FROM quiz_attempt WHERE id = 91")" = - ] || fail "an open attempt has marks"
[ "$(sql "SELECT active_at FROM person WHERE id = 14")" = 500 ] || fail "last active: $(sql "SELECT active_at FROM person WHERE id = 14")"
[ "$(sql "SELECT count(*) FROM person WHERE seen_event <> (SELECT max(id) FROM event WHERE action <> 'first-run' OR 1)")" = 0 ] ||
	fail "not everyone has seen the log"
sql "INSERT INTO event (at, actor_id, action, subject_id) VALUES (700, 14, 'drill', 14)"
[ "$(sql "SELECT active_at FROM person WHERE id = 14")" = 700 ] || fail "the trigger does not keep the last activity"
ok "a schema 6 database is migrated to 7: marks from the answers, everything seen, last activity dated"

# schema 10 kept no founding: migration 11 takes the first person on the
# record to have founded the database, so no later first run founds it
sql "$UNDO11 PRAGMA user_version = 10"
"$KEFU" plan > /dev/null 2>&1 || fail "plan on a version 10 database"
[ "$(sql "PRAGMA user_version")" = "$LATEST" ] || fail "not migrated to $LATEST"
[ "$(sql "SELECT one || ':' || person_id FROM founding")" = "1:$(sql "SELECT min(id) FROM person")" ] ||
	fail "migration 11: $(sql "SELECT * FROM founding")"
ok "a schema 10 database is migrated to 11: its first person founded it"

HOME="$T/home2"
unset XDG_DATA_HOME
mkdir -p "$HOME"
"$KEFU" list > /dev/null 2>&1 || fail "without XDG_DATA_HOME"
[ -f "$HOME/.local/share/kefu/kefu.db" ] || fail "no database under ~/.local/share/kefu"
ok "without XDG_DATA_HOME the database is in ~/.local/share/kefu"

# someone else's database: this login is unknown there
KEFU_DB="$T/team.db"
export KEFU_DB
"$KEFU" list > /dev/null 2>&1 || fail "team set-up"
sql "UPDATE person SET login = 'boss', name = '王店长'"
sql "INSERT INTO person (login, name, role, created) VALUES ('amy', NULL, 'manager', 0)"
before=$(sql "SELECT count(*) FROM person"):$(sql "SELECT count(*) FROM event")
"$KEFU" plan > "$T/out" 2> "$T/err"
[ $? -eq 1 ] || fail "unknown login: exit status"
grep -q "^kefu: '$LOGIN' is not registered in this kefu database ($KEFU_DB)$" "$T/err" ||
	fail "unknown login: $(cat "$T/err")"
grep -q "^Ask a manager to add you: amy, boss (王店长)$" "$T/err" || fail "managers not named"
[ "$(sql "SELECT count(*) FROM person"):$(sql "SELECT count(*) FROM event")" = "$before" ] ||
	fail "something was written for an unknown login"
ok "an unknown login is told who its managers are, and nothing is written"

sql "PRAGMA user_version = 99"
"$KEFU" plan > "$T/out" 2> "$T/err"
[ $? -eq 1 ] || fail "newer schema: exit status"
grep -q "was written by a newer kefu (schema 99; this kefu knows up to $LATEST)" "$T/err" ||
	fail "newer schema: $(cat "$T/err")"
ok "a database from a newer kefu is refused"

echo "not a database" > "$T/junk.db"
"$KEFU" --db "$T/junk.db" plan > "$T/out" 2> "$T/err"
[ $? -eq 1 ] || fail "junk database: exit status"
grep -q "junk.db.*file is not a database" "$T/err" || fail "junk database: $(cat "$T/err")"
[ "$(cat "$T/junk.db")" = "not a database" ] || fail "junk database was changed"
ok "a file that is not a database is refused untouched"

# two curricula: no automatic enrollment; enroll picks one
KEFU_DB="$T/two.db"
export KEFU_CONTENT="$CONTENT/two"
"$KEFU" plan > "$T/out" 2> "$T/err"
[ $? -eq 1 ] || fail "not enrolled: exit status"
grep -q "Enroll with 'kefu enroll CURRICULUM'" "$T/out" || fail "no enroll hint at first run"
grep -q "you are not enrolled in a curriculum" "$T/err" || fail "not enrolled: $(cat "$T/err")"
"$KEFU" enroll after-sale 2> "$T/err"
[ $? -eq 1 ] || fail "enroll typo: exit status"
grep -q "no curriculum 'after-sale' (did you mean 'after-sales'?)" "$T/err" || fail "enroll typo"
"$KEFU" enroll after-sales > "$T/out" || fail "enroll"
grep -q "^Enrolled in 售后培养 from " "$T/out" || fail "enroll message"
"$KEFU" plan > "$T/out" || fail "plan after enroll"
grep -q "^售后培养 — " "$T/out" || fail "plan shows another curriculum"
"$KEFU" enroll after-sales > "$T/out" || fail "enroll again"
grep -q "already enrolled" "$T/out" || fail "enroll again message"
"$KEFU" enroll pre-sales > /dev/null && "$KEFU" enroll after-sales > /dev/null || fail "switching back"
[ "$(sql "SELECT count(*) FROM enrollment")" = 2 ] || fail "enrollments duplicated"
# switching within one second (a fixed clock) still follows the last choice
export KEFU_NOW=2026-05-01
"$KEFU" enroll pre-sales > /dev/null || fail "enroll pre-sales"
"$KEFU" enroll after-sales > "$T/out" || fail "enroll after-sales"
grep -q "^Enrolled in 售后培养 again, as from 20" "$T/out" || fail "re-enroll message: $(cat "$T/out")"
"$KEFU" plan > "$T/out" || fail "plan after switching"
grep -q "^售后培养 — " "$T/out" || fail "switching in the same second kept the old curriculum"
unset KEFU_NOW
ok "with two curricula a person enrolls in one, and can switch"

# a SQLite file that claims kefu's schema version but is not kefu's
KEFU_DB="$T/foreign.db"
sql "CREATE TABLE notes (x); PRAGMA user_version = $LATEST"
"$KEFU" plan > "$T/out" 2> "$T/err"
[ $? -eq 1 ] || fail "foreign database: exit status"
grep -q "foreign.db' is not a kefu database or is damaged: no such table" "$T/err" ||
	fail "foreign database: $(cat "$T/err")"
ok "a foreign SQLite database is refused with a message, not a crash"
echo "$passed passed, 0 failed"
