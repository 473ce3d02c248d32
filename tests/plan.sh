# The plan end to end: stages open as the ones before complete, module
# needs, due dates and lateness, with facts recorded the way the quiz,
# drill and sign-off commands record them.
. "$top_srcdir/tests/lib.sh"

export KEFU_CONTENT="$CONTENT/mini"
export KEFU_NOW=2026-03-01

"$KEFU" plan > "$T/out" 2>&1 || fail "first plan"
same "$T/out" plan-1.out
ok "a new trainee: stage 1 open, the rest locked, first lesson next"

"$KEFU" study hello > "$T/out" 2>&1 || fail "study hello"
same "$T/out" study-hello.out
"$KEFU" plan > "$T/out" 2>&1 || fail "plan after one lesson"
grep -q '^  \[x\] lesson     hello  欢迎词    read$' "$T/out" || fail "hello not read: $(cat "$T/out")"
grep -q '^  1  入门 *in progress' "$T/out" || fail "stage 1 not in progress"
grep -q "^Next: read lesson 'rules': kefu study rules$" "$T/out" || fail "next step"
ok "a lesson read is marked and the next step moves on"

"$KEFU" study rules > "$T/out" 2>&1 || fail "study rules"
grep -q "^Stage 1 入门 is complete. Stage 2 考核 is open.$" "$T/out" ||
	fail "no stage-complete message: $(cat "$T/out")"
"$KEFU" study rules > "$T/out" 2>&1 || fail "study rules again"
grep -q "is complete" "$T/out" && fail "stage completion announced twice"
[ "$(sql "SELECT count(*) FROM stage_progress WHERE completed IS NOT NULL")" = 1 ] ||
	fail "stage completion not stored once"
ok "completing a stage opens the next, announced once and stored"

"$KEFU" plan > "$T/out" 2>&1 || fail "plan in stage 2"
same "$T/out" plan-2.out
ok "stage 2 lists the quiz, drill and sign-off with what each needs"

# facts as the quiz, drill and trainer commands store them
me=$(sql "SELECT id FROM person")
enr=$(sql "SELECT id FROM enrollment")
sql "INSERT INTO quiz_attempt (person_id, quiz, started, finished, seed, paper, percent, state)
     VALUES ($me, 'basics', 1, 2, 7, '[]', 40, 'final')"
sql "INSERT INTO drill_result (person_id, drill, at, unit, seconds, typed, correct,
     raw_speed, net_speed, accuracy, timed, counted) VALUES ($me, 'hi-lines', 1, 'cpm', 60, 40, 34, 40, 34, 85, true, true)"
sql "INSERT INTO drill_result (person_id, drill, at, unit, seconds, typed, correct,
     raw_speed, net_speed, accuracy, timed, counted) VALUES ($me, 'hi-lines', 2, 'cpm', 60, 25, 25, 25, 25, 100, true, true)"
KEFU_NOW=2026-03-20 "$KEFU" plan > "$T/out" 2>&1 || fail "plan with facts"
same "$T/out" plan-3.out
ok "a failed quiz, a drill short of its gate, and days late"

sql "INSERT INTO quiz_attempt (person_id, quiz, started, finished, seed, paper, percent, state)
     VALUES ($me, 'basics', 3, 4, 8, '[]', 100, 'pending')"
"$KEFU" plan > "$T/out" 2>&1 || fail "plan pending"
grep -q 'an attempt waits for essay grading' "$T/out" || fail "pending not shown"
grep -q '\[x\] quiz' "$T/out" && fail "an ungraded attempt passed the quiz"
# the next step is one the trainee can take now, and what waits says on whom
grep -q "^Next: meet the typing gate of drill 'hi-lines': kefu drill hi-lines$" "$T/out" ||
	fail "next while grading waits: $(cat "$T/out")"
grep -q "^Waiting: your attempt at 'basics' is handed in; its essays wait for $LOGIN to grade$" "$T/out" ||
	fail "waiting on grading: $(cat "$T/out")"
ok "an attempt waiting for grading does not pass, and the next step is another"

sql "INSERT INTO quiz_attempt (person_id, quiz, started, finished, seed, paper, percent, state)
     VALUES ($me, 'basics', 5, 6, 9, '[]', 50, 'final')"
sql "INSERT INTO drill_result (person_id, drill, at, unit, seconds, typed, correct,
     raw_speed, net_speed, accuracy, timed, counted) VALUES ($me, 'hi-lines', 3, 'cpm', 60, 31, 30, 31, 30, 90, true, true)"
"$KEFU" plan > "$T/out" 2>&1 || fail "plan gates met"
grep -q '\[x\] quiz  *basics  *基础题  *passed: best 50%, needs 50%$' "$T/out" || fail "quiz at the mark: $(cat "$T/out")"
grep -q '\[x\] drill  *hi-lines  *问候  *best 30 字/分 at 90%, gate met (needs 30 字/分 at 90% accuracy); latest 30 at 90%$' "$T/out" ||
	fail "drill gate: $(cat "$T/out")"
grep -q "^Next: ask $LOGIN to sign stage 2 off; meanwhile read ahead: kefu study .* (it counts when its stage opens), or go over your notebook: kefu review$" "$T/out" || fail "next: sign-off: $(cat "$T/out")"
ok "quiz passed at exactly the mark; the drill gate met by one run"

sql "INSERT INTO signoff (enrollment_id, stage, signer_id, signed) VALUES ($enr, 'check', $me, 1)"
"$KEFU" plan --all > "$T/out" 2>&1 || fail "plan after sign-off"
same "$T/out" plan-4.out
ok "the sign-off completes stage 2; --all lists every stage"

"$KEFU" study refund > /dev/null 2>&1 || fail "study refund"
"$KEFU" plan > "$T/out" 2>&1 || fail "plan all done"
grep -q "^Every stage is complete. Well done.$" "$T/out" || fail "all done: $(cat "$T/out")"
ok "every stage complete"

"$KEFU" plan start > "$T/out" 2>&1 || fail "plan STAGE"
grep -q '^Stage 1 入门 (start): complete, 2 of 2 modules done$' "$T/out" || fail "plan start: $(cat "$T/out")"
grep -q '^Stage 3' "$T/out" && fail "plan start shows other stages"
"$KEFU" plan chek > "$T/out" 2> "$T/err"
[ $? -eq 1 ] || fail "unknown stage: exit status"
grep -q "kefu: no stage 'chek' in your curriculum (did you mean 'check'?)" "$T/err" ||
	fail "unknown stage: $(cat "$T/err")"
ok "plan STAGE shows that stage; an unknown stage gets a suggestion"

"$KEFU" study helo > "$T/out" 2> "$T/err"
[ $? -eq 1 ] || fail "unknown lesson: exit status"
grep -q "kefu: no lesson 'helo' in your curriculum (did you mean 'hello'?)" "$T/err" ||
	fail "unknown lesson: $(cat "$T/err")"
ok "an unknown lesson is refused with a suggestion"

[ "$(sql "SELECT count(*) FROM event WHERE action = 'lesson-read'")" = 4 ] ||
	fail "lesson reads not in the event log"
sql "UPDATE event SET action = 'x'" 2> /dev/null && fail "the event log can be changed"
ok "the event log records reads and refuses changes"
echo "$passed passed, 0 failed"
