# Exams that hold up: the stage lock, --seed and --preview, a sealed key
# (no notebook, no review), an attempt sealed at hand-in against a second
# kefu, and one open attempt per person and quiz under 20 racing starts.
# Each case goes on after another fails (test_case).
. "$top_srcdir/tests/lib.sh"
export KEFU_CONTENT="$CONTENT/exam" KEFU_NOW=2026-03-01T10:00:00

"$KEFU" list > /dev/null || fail "set-up"
trainee() { sql "UPDATE person SET role = 'trainee'"; }
# each case starts from no attempts, whatever the one before left
fresh() {
	sql "DELETE FROM quiz_answer; DELETE FROM quiz_attempt; DELETE FROM review_item;
	UPDATE person SET role = 'manager'"
}
manager() { sql "UPDATE person SET role = 'manager'"; }
attempts() { sql "SELECT count(*) FROM quiz_attempt WHERE quiz = '$1'"; }

locked() {
	fresh
	"$KEFU" quiz final < /dev/null > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] || fail "exit status"
	grep -q "exam 'final' belongs to stage 2 考核, which is still locked: stage 1 学习 must be complete first" "$T/err" ||
		fail "message: $(cat "$T/err")"
	[ "$(attempts final)" = 0 ] || fail "an attempt was started"
	# a practice bank of the open stage, and an exam no stage holds, are open
	printf '对\n错\n' | "$KEFU" quiz drill-bank > "$T/out" 2>&1 || fail "practice bank: $(cat "$T/out")"
	"$KEFU" quiz sealed < /dev/null > "$T/out" 2>&1 || fail "exam of no stage: $(cat "$T/out")"
	[ "$(attempts sealed)" = 1 ] || fail "exam of no stage not started"
	sql "DELETE FROM quiz_attempt WHERE quiz = 'sealed'"
	# once stage 1 is complete, the exam of stage 2 opens
	"$KEFU" study basics > /dev/null || fail "study"
	printf '对\n对\n错\n' | "$KEFU" quiz final > "$T/out" 2>&1 || fail "stage 2 open: $(cat "$T/out")"
}
test_case "an exam of a locked stage is refused, naming the stage to complete" locked

seed() {
	fresh
	trainee
	"$KEFU" quiz sealed --seed 3 < /dev/null > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] || fail "exit status"
	grep -q "an exam's paper is kefu's to draw: --seed is not taken for exam 'sealed'" "$T/err" ||
		fail "message: $(cat "$T/err")"
	[ "$(attempts sealed)" = 0 ] || fail "an attempt was started"
	"$KEFU" quiz drill-bank --seed 3 < /dev/null > /dev/null 2>&1 || fail "--seed for a practice quiz"
	"$KEFU" quiz sealed --preview < /dev/null > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] || fail "a trainee previewed an exam"
	grep -q "Key:" "$T/out" && fail "a trainee saw the key"
	manager
	events=$(sql "SELECT count(*) FROM event")
	"$KEFU" quiz sealed --preview --seed 5 > "$T/out" 2>&1 || fail "preview: $(cat "$T/out")"
	grep -q "^不在计划里的考试 — preview of a paper: 3 questions, 3 points, exam; nothing is recorded$" "$T/out" ||
		fail "preview heading: $(head -1 "$T/out")"
	[ "$(grep -c '^  Key: ' "$T/out")" = 3 ] || fail "preview keys: $(cat "$T/out")"
	grep -q "^Seed 5: 'kefu quiz sealed --preview --seed 5' shows this paper again.$" "$T/out" || fail "preview seed"
	[ "$(attempts sealed)" = 0 ] || fail "a preview started an attempt"
	[ "$(sql "SELECT count(*) FROM event")" = "$events" ] || fail "a preview was recorded"
	"$KEFU" quiz sealed --seed 12x < /dev/null > /dev/null 2>&1
	[ $? -eq 2 ] || fail "a bad seed is not a usage error"
}
test_case "--seed is refused for a trainee's exam; trainers preview a paper with its key" seed

sealed_key() {
	fresh
	trainee
	# 错 对 对: two wrong, one right
	printf '错\n对\n对\n' | "$KEFU" quiz sealed > "$T/out" 2>&1 || fail "run: $(cat "$T/out")"
	grep -q "^Score: 1 of 3 points, 33.33%" "$T/out" || fail "score: $(cat "$T/out")"
	grep -q "right\|wrong\|answer is\|To go over\|notebook" "$T/out" && fail "the end screen told: $(cat "$T/out")"
	[ "$(sql "SELECT count(*) FROM review_item")" = 0 ] || fail "an exam's miss went to the notebook"
	# a card from an older kefu is neither listed nor asked
	sql "INSERT INTO review_item (person_id, quiz, question, misses, due) VALUES (1, 'sealed', 's1', 1, 0)"
	"$KEFU" review --list > "$T/out" 2>&1 || fail "review --list"
	grep -q "notebook is empty" "$T/out" || fail "review --list shows an exam: $(cat "$T/out")"
	printf '对\n\n' | "$KEFU" review > "$T/out" 2>&1 || fail "review"
	grep -q "Nothing is due" "$T/out" || fail "review asked an exam's question: $(cat "$T/out")"
	# a practice quiz's miss does go to the notebook
	printf '错\n错\n' | "$KEFU" quiz drill-bank > "$T/out" 2>&1 || fail "practice run"
	[ "$(sql "SELECT count(*) FROM review_item WHERE quiz = 'drill-bank'")" = 1 ] ||
		fail "a practice miss did not go to the notebook"
}
test_case "an exam's key stays sealed: no notebook, no review, only the score" sealed_key

frozen() {
	fresh
	trainee
	# question 1 in one kefu; a second kefu on the same attempt answers
	# the rest and hands it in; the first one's next answer is refused
	mkfifo "$T/in"
	"$KEFU" quiz sealed < "$T/in" > "$T/a.out" 2> "$T/a.err" &
	pid=$!
	exec 3> "$T/in"
	printf '错\n' >&3
	wait_for "$T/a.out" "Question 2/3" "$pid" "$T/a.err"
	printf '错\n对\n' | "$KEFU" quiz sealed > "$T/b.out" 2>&1 || fail "second kefu: $(cat "$T/b.out")"
	grep -q "going on with your open attempt" "$T/b.out" || fail "second kefu: $(cat "$T/b.out")"
	grep -q "^Score: 2 of 3 points" "$T/b.out" || fail "second kefu's score: $(cat "$T/b.out")"
	printf '对\n' >&3
	exec 3>&-
	wait "$pid"
	rc=$?
	rm -f "$T/in"
	[ "$rc" -eq 1 ] || fail "first kefu: exit status $rc"
	grep -q "this attempt was handed in at 2026-03-01 10:00; your answer was not saved" "$T/a.err" ||
		fail "first kefu: $(cat "$T/a.err")"
	[ "$(joined "SELECT response FROM quiz_answer ORDER BY seq")" = "false false true" ] ||
		fail "answers after hand-in: $(sql "SELECT seq, response FROM quiz_answer")"
	[ "$(row "SELECT state, points, auto_points FROM quiz_attempt")" = "final 2.0 2.0" ] ||
		fail "attempt: $(sql "SELECT * FROM quiz_attempt")"
}
test_case "a handed-in attempt takes no more answers from a second kefu" frozen

race() {
	fresh
	trainee
	for i in $(seq 20); do
		"$KEFU" quiz sealed < /dev/null > "$T/r$i.out" 2>&1 &
	done
	wait
	[ "$(attempts sealed)" = 1 ] || fail "20 starts opened $(sql "SELECT id, state, paper FROM quiz_attempt"): $(cat "$T"/r*.out)"
	[ "$(sql "SELECT state FROM quiz_attempt")" = open ] || fail "not open"
	# 20 at once answering the whole paper, with a cap of 2
	for i in $(seq 20); do
		printf '对\n错\n对\n' | "$KEFU" quiz sealed > "$T/r$i.out" 2>&1 &
	done
	wait
	n=$(sql "SELECT count(*) FROM quiz_attempt WHERE state IN ('pending', 'final')")
	[ "$n" -ge 1 ] && [ "$n" -le 2 ] || fail "$n attempts handed in, of 2"
	[ "$(sql "SELECT count(*) FROM quiz_attempt WHERE state = 'open'")" -le 1 ] || fail "two open attempts"
	grep -l "attempt 3 of\|of 2 allowed" "$T"/r*.out && fail "the cap was passed"
	db_intact || fail "database damaged"
	# whatever the race left, the cap holds from here on
	while [ "$(sql "SELECT count(*) FROM quiz_attempt WHERE state IN ('pending', 'final')")" -lt 2 ]; do
		printf '对\n错\n对\n' | "$KEFU" quiz sealed > /dev/null 2>&1 || fail "last attempt"
	done
	"$KEFU" quiz sealed < /dev/null > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] || fail "a third attempt: exit status"
	grep -q "all 2 attempts allowed at quiz 'sealed' are used" "$T/err" || fail "cap: $(cat "$T/err")"
	manager
}
test_case "20 kefu starting one exam at once open one attempt, and the cap holds" race

test_done
