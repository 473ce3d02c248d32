# Grading by question (kefu grade --question QUIZ:QUESTION) and the days
# each answer has waited, with real accounts: three trainees and a
# trainer answer a quiz of two essays on different days; the trainer
# takes one essay across everyone. Each case goes on after another fails
# (test_case). Needs root to create the accounts; skipped otherwise.
. "$top_srcdir/tests/lib.sh"

P=kg$$
TR=$P-trainer TR2=$P-trainer2 A=$P-alice B=$P-bob C=$P-carol
team grade $TR $TR2 $A $B $C
NOW=2026-11-01T09:00:00
me people add $TR --role trainer --name 王老师 > /dev/null 2>&1 || fail "add trainer"
me people add $TR2 --role trainer > /dev/null || fail "add trainer 2"
me people add $A --role trainee --name 张三 > /dev/null || fail "add alice"
me people add $B --role trainee --name 李四 > /dev/null || fail "add bob"
me people add $C --role trainee > /dev/null || fail "add carol"
# answered 10, 5, 2 and 1 days before the 20th; each answers both essays
for who in "$A 2026-11-10" "$B 2026-11-15" "$TR 2026-11-18" "$C 2026-11-19"; do
	set -- $who
	NOW=$2T09:00:00
	printf '对\n杯子碎了的回复 %s\n.\n催发货的回复 %s\n.\n' "$1" "$1" |
		as "$1" quiz letters > "$T/out" 2>&1 || fail "$1's quiz: $(cat "$T/out")"
done
NOW=2026-11-20T10:00:00
[ "$(sql "SELECT count(*) FROM quiz_answer WHERE response IS NOT NULL AND points IS NULL")" = 8 ] ||
	fail "set-up: not 8 essays waiting"

# answer LOGIN QUESTION: the points of that answer ("" while ungraded)
answer() {
	sql "SELECT ans.points FROM quiz_answer ans JOIN quiz_attempt a ON a.id = ans.attempt_id
	JOIN person p ON p.id = a.person_id WHERE p.login = '$1' AND ans.question = '$2'"
}

waited() {
	as $TR grade --list --format csv > "$T/raw" || fail "--list csv"
	tr -d '\r' < "$T/raw" > "$T/csv"
	head -n 1 "$T/csv" | grep -qx "attempt,login,name,quiz,question,answered,waited_days" ||
		fail "csv header: $(head -n 1 "$T/csv")"
	# oldest first: alice's two, bob's, the trainer's, carol's
	[ "$(tail -n +2 "$T/csv" | cut -d, -f2,5,7 | tr '\n' ' ')" = \
		"$A,l-broken,10 $A,l-late,10 $B,l-broken,5 $B,l-late,5 $TR,l-broken,2 $TR,l-late,2 $C,l-broken,1 $C,l-late,1 " ] ||
		fail "csv rows: $(cat "$T/csv")"
	as $TR grade --list --format json | jq -e '.rows | length == 8 and .[0].waited_days == 10 and .[7].waited_days == 1' > /dev/null ||
		fail "json: $(as $TR grade --list --format json)"
	as $TR grade --list > "$T/out" || fail "--list"
	head -n 1 "$T/out" | grep -q "Days waited" || fail "table header: $(head -n 1 "$T/out")"
	as $TR grade --list --question letters:l-late --format csv > "$T/raw" || fail "--list --question"
	tr -d '\r' < "$T/raw" > "$T/csv"
	[ "$(tail -n +2 "$T/csv" | cut -d, -f5 | sort -u)" = l-late ] && [ "$(wc -l < "$T/csv")" = 5 ] ||
		fail "--list --question is not that question's queue: $(cat "$T/csv")"
	# the queue one by one: each header says how long the answer has waited
	printf 'skip\nquit\n' | as $TR grade > "$T/out" 2>&1 || fail "grade: $(cat "$T/out")"
	grep -q "^\[1/6\] 张三 ($A) · 书面回复 · attempt [0-9]* · answered 2026-11-10 09:00 · waited 10 days$" "$T/out" ||
		fail "first header: $(cat "$T/out")"
	grep -q "^\[2/6\] 张三 ($A) · 书面回复 · .* · waited 10 days$" "$T/out" || fail "second header: $(cat "$T/out")"
}
test_case "the queue says how many days each answer has waited: --list (table, csv, json) and each header" waited

by_question() {
	printf '3\n道歉和方案都有。\nskip\n2.5\n\n' | as $TR grade --question letters:l-broken > "$T/out" 2>&1 ||
		fail "grade --question: $(cat "$T/out")"
	# the question and its rubric once, at the top
	[ "$(grep -c "顾客说收到的杯子碎了" "$T/out")" = 1 ] || fail "question not shown once: $(cat "$T/out")"
	[ "$(grep -c "^Rubric: 道歉、要照片、给补发或退款方案。$" "$T/out")" = 1 ] || fail "rubric not shown once: $(cat "$T/out")"
	head -n 1 "$T/out" | grep -qx "书面回复 (letters:l-broken)" || fail "heading: $(head -n 1 "$T/out")"
	grep -q "催发货" "$T/out" && fail "the other essay was shown: $(cat "$T/out")"
	grep -q "3 essay answers to grade, oldest first" "$T/out" || fail "count (own answer left out): $(cat "$T/out")"
	# every trainee in turn, oldest first, with the days waited; not the trainer's own
	grep -q "^\[1/3\] 张三 ($A) · attempt [0-9]* · answered 2026-11-10 09:00 · waited 10 days$" "$T/out" &&
		grep -q "^\[2/3\] 李四 ($B) · .* · waited 5 days$" "$T/out" &&
		grep -q "^\[3/3\] $C · .* · waited 1 day$" "$T/out" || fail "headers: $(cat "$T/out")"
	grep -q "^\[[0-9]/[0-9]\] 王老师" "$T/out" && fail "the trainer was offered their own answer"
	grep -q "杯子碎了的回复 $C" "$T/out" || fail "carol's answer not shown: $(cat "$T/out")"
	grep -q "Graded 2; 1 left of this question" "$T/out" || fail "summary: $(cat "$T/out")"
	# skip left bob's; the other question is untouched
	[ "$(answer $A l-broken) $(answer $B l-broken) $(answer $C l-broken)" = "3.0  2.5" ] ||
		fail "points: $(answer $A l-broken)/$(answer $B l-broken)/$(answer $C l-broken)"
	[ "$(answer $A l-late)$(answer $B l-late)$(answer $C l-late)" = "" ] || fail "l-late was graded"
	sql "SELECT comment FROM grading" | grep -qx "道歉和方案都有。" || fail "comment not kept"
	# then bob's, the one skipped
	printf '4\n\n' | as $TR grade --question letters:l-broken > "$T/out" 2>&1 || fail "second round: $(cat "$T/out")"
	grep -q "1 essay answer to grade" "$T/out" && grep -q "^\[1/1\] 李四 ($B)" "$T/out" &&
		grep -q "Graded 1; 0 left of this question" "$T/out" || fail "second round: $(cat "$T/out")"
	[ "$(answer $B l-broken)" = 4.0 ] || fail "bob's not graded"
	# the trainer's own waits for another trainer, who grades it
	as $TR grade --question letters:l-broken < /dev/null > "$T/out" 2>&1 || fail "own only: $(cat "$T/out")"
	grep -q "Your own answer waits for another trainer" "$T/out" || fail "own only: $(cat "$T/out")"
	printf '1\n\n' | as $TR2 grade --question letters:l-broken > "$T/out" 2>&1 || fail "trainer 2: $(cat "$T/out")"
	grep -q "^\[1/1\] 王老师 ($TR)" "$T/out" || fail "trainer 2: $(cat "$T/out")"
	# nothing left: said so, status 0
	as $TR grade --question letters:l-broken < /dev/null > "$T/out" 2>&1 || fail "none left: status $?"
	grep -qx "No answers to letters:l-broken wait for grading." "$T/out" || fail "none left: $(cat "$T/out")"
	[ "$(sql "SELECT count(*) FROM quiz_answer WHERE question = 'l-late' AND points IS NULL")" = 4 ] ||
		fail "l-late answers were touched"
}
test_case "grade --question: the question and rubric once, then each trainee's answer; skip leaves it; never one's own" by_question

errors() {
	as $TR grade --question leters:l-late < /dev/null > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] && grep -qx "kefu: no quiz 'leters' (did you mean 'letters'?)" "$T/err" ||
		fail "unknown quiz: $(cat "$T/err")"
	as $TR grade --question letters:l-lat < /dev/null > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] && grep -qx "kefu: no question 'l-lat' in quiz 'letters' (did you mean 'l-late'?)" "$T/err" ||
		fail "unknown question: $(cat "$T/err")"
	as $TR grade --question letters:zzz < /dev/null > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] && grep -q "no question 'zzz' in quiz 'letters'; its essay questions: l-broken, l-late" "$T/err" ||
		fail "unknown question, no suggestion: $(cat "$T/err")"
	as $TR grade --question letters:l-tf < /dev/null > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] && grep -q "question 'l-tf' of quiz 'letters' is truefalse, not an essay" "$T/err" ||
		fail "not an essay: $(cat "$T/err")"
	as $TR grade --question letters < /dev/null > "$T/out" 2> "$T/err"
	[ $? -eq 2 ] && grep -q "question is QUIZ:QUESTION" "$T/err" || fail "no colon: $(cat "$T/err")"
	as $TR grade --question letters:l-late 1 < /dev/null > "$T/out" 2> "$T/err"
	[ $? -eq 2 ] && grep -q "^usage: kefu grade" "$T/err" || fail "with an attempt: $(cat "$T/err")"
	as $A grade --question letters:l-late < /dev/null > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] && grep -q "only trainers and managers can" "$T/err" || fail "a trainee: $(cat "$T/err")"
	[ "$(sql "SELECT count(*) FROM quiz_answer WHERE question = 'l-late' AND points IS NULL")" = 4 ] ||
		fail "an error graded something"
}
test_case "grade --question: unknown quiz or question (did you mean), not an essay, usage, a trainee" errors

test_done
