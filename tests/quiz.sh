# Quizzes end to end, by piping answers in: a perfect run, a wrong run
# that fills the notebook, unreadable answers, a run killed with SIGKILL
# that resumes, SIGTERM, a time limit, the attempts cap and an essay.
. "$top_srcdir/tests/lib.sh"
export KEFU_CONTENT="$CONTENT/quiz" KEFU_NOW=2026-03-01T10:00:00

"$KEFU" list > /dev/null || fail "set-up"
# seed 1 shows the steps as A 下架 B 拍照 C 换货 D 核对, and the right
# sides as A 售后 B 售前 C 售前
RIGHT='B
AC
ABD
错
5
0.15
BDAC
1B 2A 3C'

printf '%s\n' "$RIGHT" | "$KEFU" quiz all-types --seed 1 > "$T/out" 2>&1 || fail "perfect run: $(tail "$T/out")"
grep -q "^Score: 9 of 9 points, 100% — passed (needs 70%)$" "$T/out" || fail "perfect run: $(tail -5 "$T/out")"
grep -q "To go over" "$T/out" && fail "a perfect run has mistakes to go over"
grep -q "^Stage 1 测验 is complete. Stage 2 之后 is open.$" "$T/out" || fail "the stage did not complete"
[ "$(row "SELECT state, percent FROM quiz_attempt")" = "final 100.0" ] || fail "attempt not stored as final 100"
[ "$(sql "SELECT count(*) FROM quiz_answer")" = 8 ] || fail "answers not stored"
ok "a perfect run scores 100% and completes the stage"

# the same seed gives the same paper: what the first run showed
printf '%s\n' "$RIGHT" | "$KEFU" quiz all-types --seed 1 > "$T/out2" 2>&1 || fail "second run"
grep '^  [A-D]\. \|^  [1-3]\. ' "$T/out" > "$T/shown1"
grep '^  [A-D]\. \|^  [1-3]\. ' "$T/out2" > "$T/shown2"
cmp -s "$T/shown1" "$T/shown2" || fail "the same seed showed another paper"
ok "--seed N gives the same paper"

# a wrong run: 0%, every auto-graded question in the notebook
export KEFU_DB="$T/wrong.db"
"$KEFU" list > /dev/null
printf '%s\n' A B C 对 6 1 ABCD '1A 2B 3C' | "$KEFU" quiz all-types --seed 1 > "$T/out" 2>&1 ||
	fail "wrong run: $(tail "$T/out")"
grep -q "^Score: 0 of 9 points, 0% — not passed (needs 70%)$" "$T/out" || fail "wrong run: $(tail -5 "$T/out")"
[ "$(grep -c '^  Question [0-9] ' "$T/out")" = 8 ] || fail "the end screen does not go over all 8"
grep -q "^    yours: ABCD   right: BDAC$" "$T/out" || fail "order key in shown letters"
[ "$(sql "SELECT count(*) FROM review_item WHERE misses = 1")" = 8 ] || fail "notebook not filled"
"$KEFU" review --list > "$T/list" || fail "review --list"
[ "$(grep -c ' 1  now$' "$T/list")" = 8 ] || fail "review --list: $(cat "$T/list")"
ok "a wrong run scores 0% and fills the notebook"

# unreadable answers are refused with a hint and asked again, never scored
export KEFU_DB="$T/hints.db"
"$KEFU" list > /dev/null
printf '%s\n' E '' 5分钟 "$RIGHT" |
	"$KEFU" quiz all-types --seed 1 > "$T/out" 2>&1 || fail "hints run"
[ "$(grep -c "Not an answer kefu can read" "$T/out")" = 2 ] || fail "hints: $(grep -c 'Not an' "$T/out")"
grep -q "^  Type an answer, or 'skip' to come back to this question later.$" "$T/out" ||
	fail "no hint for an empty answer"
grep -q "answer with one letter, like B" "$T/out" || fail "no hint for a single choice"
[ "$(sql "SELECT count(*) FROM quiz_answer WHERE seq = 0")" = 1 ] || fail "an unreadable answer was stored"
[ "$(sql "SELECT points FROM quiz_answer WHERE seq = 0")" = 1.0 ] || fail "the readable answer was not scored"
ok "unreadable answers get a hint and are asked again"

# killed with SIGKILL after two answers: resumes at the third
export KEFU_DB="$T/kill.db"
"$KEFU" list > /dev/null
mkfifo "$T/in"
"$KEFU" quiz all-types --seed 1 < "$T/in" > "$T/out" 2>&1 &
pid=$!
exec 3> "$T/in"
printf 'B\nAC\n' >&3
# once question 3 is on the screen, answers 1 and 2 must be in the database
wait_for "$T/out" "Question 3/8" "$pid"
[ "$(sql "SELECT count(*) FROM quiz_answer")" = 2 ] || fail "answers 1 and 2 not committed before question 3 showed"
kill -9 "$pid"
wait "$pid" 2> /dev/null
exec 3>&-
db_intact || fail "database damaged by SIGKILL"
printf '%s\n' "$RIGHT" | sed 1,2d | "$KEFU" quiz all-types > "$T/out" 2>&1 || fail "resume"
grep -q "going on with your open attempt" "$T/out" || fail "did not resume"
grep -m1 '^Question ' "$T/out" | grep -q '^Question 3/8 ' || fail "resumed at $(grep -m1 '^Question ' "$T/out")"
grep -q "^Score: 9 of 9 points, 100%" "$T/out" || fail "resumed attempt: $(tail -3 "$T/out")"
[ "$(sql "SELECT count(*) FROM quiz_attempt")" = 1 ] || fail "a second attempt was started"
ok "killed with SIGKILL after two answers, the attempt resumes at the third"

# SIGTERM while waiting for an answer: a clean end, the attempt kept open
export KEFU_DB="$T/term.db"
"$KEFU" list > /dev/null
"$KEFU" quiz all-types --seed 1 < "$T/in" > "$T/out" 2>&1 &
pid=$!
exec 3> "$T/in"
printf 'B\n' >&3
wait_for "$T/out" "Question 2/8" "$pid"
kill -TERM "$pid"
wait "$pid"
rc=$?
exec 3>&-
[ "$rc" -eq 0 ] || fail "SIGTERM: exit status $rc"
grep -q "Your answers are saved. 'kefu quiz all-types' goes on from here." "$T/out" || fail "SIGTERM message"
[ "$(sql "SELECT state FROM quiz_attempt")" = open ] || fail "SIGTERM closed the attempt"
[ "$(sql "SELECT count(*) FROM quiz_answer")" = 1 ] || fail "SIGTERM lost an answer"
"$KEFU" quiz all-types < "$T/in" > "$T/out" 2>&1 &
pid=$!
exec 3> "$T/in"
printf 'AC\n' >&3
wait_for "$T/out" "Question 3/8" "$pid"
kill -HUP "$pid"
wait "$pid"
rc=$?
exec 3>&-
[ "$rc" -eq 0 ] || fail "SIGHUP: exit status $rc"
[ "$(sql "SELECT count(*) FROM quiz_answer")" = 2 ] || fail "SIGHUP lost an answer"
ok "SIGTERM and SIGHUP end kefu cleanly with every answer kept"

# a time limit counts from the stored start, also while kefu is closed
export KEFU_DB="$T/timed.db"
"$KEFU" list > /dev/null
printf '对\n' | "$KEFU" quiz timed > "$T/out" 2>&1 || fail "timed start"
grep -q "time limit 10:00" "$T/out" || fail "no time limit shown"
# under KEFU_NOW the clock stands still, however slow the machine
grep -q "time left 10:00" "$T/out" || fail "no time left shown: $(cat "$T/out")"
grep -q "right\|wrong" "$T/out" && fail "an exam gave feedback"
KEFU_NOW=2026-03-01T10:06:00 "$KEFU" quiz timed < /dev/null > "$T/out" 2>&1
grep -q "time left 4:00" "$T/out" || fail "the clock did not keep running: $(cat "$T/out")"
KEFU_NOW=2026-03-01T10:12:00 "$KEFU" quiz timed < /dev/null > "$T/out" 2>&1 || fail "timed end"
grep -q "^Time is up: the attempt is submitted with the answers given.$" "$T/out" || fail "time up: $(cat "$T/out")"
grep -q "^Score: 1 of 3 points, 33.33% — not passed (needs 50%)$" "$T/out" || fail "timed score: $(cat "$T/out")"
grep -q "To go over\|answer is" "$T/out" && fail "an exam showed its key"
[ "$(sql "SELECT finished - started FROM quiz_attempt")" = 600 ] || fail "the attempt did not end at the limit"
ok "a time-limited attempt is submitted at the limit; an exam shows only the score"

# attempts: 2, then no more; an exam's misses stay out of the notebook
printf '对\n对\n对\n' | KEFU_NOW=2026-03-02 "$KEFU" quiz timed > "$T/out" 2>&1 || fail "second attempt"
grep -q "attempt 2 of 2" "$T/out" || fail "attempt count not shown"
grep -q "^Score: 2 of 3 points, 66.67% — passed" "$T/out" || fail "second attempt score: $(cat "$T/out")"
grep -q "right\|answer is\|To go over\|notebook" "$T/out" && fail "the exam showed feedback or its key"
[ "$(sql "SELECT count(*) FROM review_item")" = 0 ] || fail "an exam's miss went to the notebook"
KEFU_NOW=2026-03-03 "$KEFU" quiz timed < /dev/null > "$T/out" 2> "$T/err"
[ $? -eq 1 ] || fail "third attempt: exit status"
grep -q "all 2 attempts allowed at quiz 'timed' are used; a trainer can give attempts back" "$T/err" ||
	fail "cap: $(cat "$T/err")"
ok "the attempts cap is enforced"

# an essay keeps the score provisional
export KEFU_DB="$T/essay.db"
"$KEFU" list > /dev/null
printf '对\n先安抚,再查物流给时间。\n.\n' | "$KEFU" quiz essay --seed 3 > "$T/out" 2>&1 || fail "essay run"
grep -q "^Automatic part: 1 of 1 point right. Essays worth 5 points wait for $LOGIN to grade.$" "$T/out" ||
	fail "essay: $(tail -3 "$T/out")"
grep -q "^Score:" "$T/out" && fail "a provisional percent: $(tail -3 "$T/out")"
[ "$(sql "SELECT state FROM quiz_attempt")" = pending ] || fail "essay attempt not pending"
[ "$(sql "SELECT response FROM quiz_answer WHERE question = 'angry'")" = "先安抚,再查物流给时间。" ] ||
	fail "essay text not stored verbatim"
ok "an essay is stored for grading and the score stays provisional"

# skip and back, and the list of unanswered questions before submitting
export KEFU_DB="$T/skip.db"
"$KEFU" list > /dev/null
printf '%s\n' Skip AC back B ABD 跳过 5 0.15 BDAC '1B 2A 3C' '' 错 |
	"$KEFU" quiz all-types --seed 1 > "$T/out" 2>&1 || fail "skip run"
grep -q "^Look over before handing in: 7 of 8 questions answered$" "$T/out" &&
	grep -q "^  4  .*  (unanswered)$" "$T/out" &&
	grep -q "^Hand in now? The unanswered question scores 0. \[y/N, goto N\] " "$T/out" ||
	fail "unanswered not listed: $(cat "$T/out")"
grep -q "^Score: 9 of 9 points, 100%" "$T/out" || fail "skip run score"
ok "skip defers, back returns, unanswered questions are listed before submitting"

# points in tenths: 12 × 0.1 of 1.5 is 80%, and 80% passes an 80% mark
export KEFU_DB="$T/tenths.db"
"$KEFU" list > /dev/null
{ for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo 对; done; echo 错; echo 错; echo 错; } |
	"$KEFU" quiz tenths > "$T/out" 2>&1 || fail "tenths run"
grep -q "^Score: 1.2 of 1.5 points, 80% — passed (needs 80%)$" "$T/out" || fail "tenths: $(tail -4 "$T/out")"
ok "points in tenths add up exactly"

# the quiz file changes under an open attempt: set aside, not counted
mkdir -p "$T/tree/quizzes"
cp "$CONTENT/quiz/quizzes/timed.yaml" "$T/tree/quizzes/"
export KEFU_DB="$T/changed.db" KEFU_CONTENT="$T/tree"
"$KEFU" list > /dev/null
printf '对\n' | "$KEFU" quiz timed > /dev/null 2>&1 || fail "changed: first run"
sed -i 's/id: t3/id: t4/' "$T/tree/quizzes/timed.yaml"
printf '对\n错\n对\n' | "$KEFU" quiz timed > "$T/out" 2>&1 || fail "changed: second run"
grep -q "has changed since your open attempt began: that attempt is set aside" "$T/out" || fail "changed: $(cat "$T/out")"
grep -q "attempt 1 of 2" "$T/out" || fail "the set-aside attempt was counted"
[ "$(joined "SELECT state FROM quiz_attempt ORDER BY id")" = "void final" ] || fail "changed: states"
[ "$(sql "SELECT count(*) FROM quiz_answer WHERE attempt_id = 1")" = 1 ] || fail "the set-aside answers were lost"
export KEFU_CONTENT="$CONTENT/quiz"
ok "a quiz changed under an open attempt sets it aside without using up an attempt"

"$KEFU" quiz all-typs < /dev/null 2> "$T/err"
[ $? -eq 1 ] || fail "unknown quiz: exit status"
grep -q "no quiz 'all-typs' (did you mean 'all-types'?)" "$T/err" || fail "unknown quiz: $(cat "$T/err")"
ok "an unknown quiz gets a suggestion"
echo "$passed passed, 0 failed"
