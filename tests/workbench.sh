# The trainer's and manager's workbench (issue 17), run as real Unix
# accounts: the gradebook, who needs a trainer (report attention), and
# what is new for each person (kefu inbox, and the block kefu shows at a
# terminal once). Needs root to create the accounts; skipped otherwise.
. "$top_srcdir/tests/lib.sh"

command -v jq > /dev/null || { echo "SKIP: no jq"; exit 77; }
command -v python3 > /dev/null || { echo "SKIP: no python3"; exit 77; }
command -v script > /dev/null || { echo "SKIP: no script(1)"; exit 77; }
P=kw$$
TR=$P-trainer A=$P-alice B=$P-bob C=$P-carol
team staff $TR $A $B $C
NOW=2026-11-20T10:00:00

me people add $TR --role trainer --name 王老师 > /dev/null 2>&1 || fail "add trainer"
me people add $A --role trainee --name 张三 --hired 2026-11-12 > /dev/null || fail "add alice"
me people add $B --role trainee --name 李四 --hired 2026-10-01 > /dev/null || fail "add bob"
me people add $C --role trainee --name 赵六 --hired 2026-11-01 > /dev/null || fail "add carol"
chgrp $G "$DB"* && chmod 660 "$DB"*

# alice and bob hand the written quiz in (its essay waits for a trainer)
printf '对\n对不起，请拍照，我们马上补发。\n.\n' | as $A quiz written --seed 1 > "$T/out" 2>&1 ||
	fail "alice's quiz: $(cat "$T/out")"
NOW=2026-11-20T10:30:00
printf '错\n不知道\n.\n' | as $B quiz written --seed 1 > "$T/out" 2>&1 || fail "bob's quiz"
attA=$(sql "SELECT a.id FROM quiz_attempt a JOIN person p ON p.id = a.person_id WHERE login = '$A'")
attB=$(sql "SELECT a.id FROM quiz_attempt a JOIN person p ON p.id = a.person_id WHERE login = '$B'")

gradebook() {
	as $TR report grades --format json > "$T/g.json" || fail "grades json"
	jq -e --arg a "$A" '.rows[] | select(.login == $a) | .written_attempts == 1 and
		.written_allowed == 1 and .written_pending == "yes" and .written_best == null and
		.exam_attempts == 0' "$T/g.json" > /dev/null || fail "alice's grades: $(cat "$T/g.json")"
	[ "$(jq '.rows | length' "$T/g.json")" = 3 ] || fail "not one row a trainee"
	as $TR report grades > "$T/out" || fail "grades table"
	grep -q "^Login .* Q1 .* Q2" "$T/out" || fail "headings: $(cat "$T/out")"
	grep "$A" "$T/out" | grep -q -- "- 1/1\*" || fail "alice's cell: $(cat "$T/out")"
	grep -q "Q1   written  笔试(含问答)" "$T/out" || fail "key: $(cat "$T/out")"
	# Chinese names line up: the Q1 column starts at one screen column
	python3 - "$T/out" <<-'EOF' || fail "columns do not line up: $(cat "$T/out")"
	import sys, unicodedata
	def cols(s): return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)
	lines = [l for l in open(sys.argv[1], encoding='utf-8') if l.strip()][:4]
	at = [cols(l[:l.index(' Q1')]) if ' Q1' in l else None for l in lines]
	starts = set()
	for l in lines[1:]:
	    parts = l.rstrip('\n')
	    # the third field starts after the name: find its screen column
	    i = len(parts.split('  ')[0]) + 2
	    while parts[i] == ' ': i += 1
	    j = parts.index(' ', i)
	    while parts[j] == ' ': j += 1
	    starts.add(cols(parts[:j]))
	sys.exit(0 if len(starts) == 1 else 1)
	EOF
	as $TR report grades written --format csv > "$T/g.csv" || fail "grades csv"
	python3 - "$T/g.csv" "$B" <<-'EOF' || fail "CSV read back: $(cat "$T/g.csv")"
	import csv, sys
	f = open(sys.argv[1], newline='', encoding='utf-8')
	assert next(csv.reader(f))[0].startswith('curriculum: shop')
	rows = list(csv.DictReader(f))
	bob = [r for r in rows if r['login'] == sys.argv[2]][0]
	assert list(rows[0].keys()) == ['login', 'name', 'written_best', 'written_attempts',
	    'written_allowed', 'written_pending', 'written_voided'], rows[0].keys()
	assert bob['written_pending'] == 'yes' and bob['name'] == '李四'
	EOF
	as $TR report grades written --html "$T/home-$TR/g.html" 2> /dev/null || fail "grades html"
	grep -q '<table id="grades">' "$T/home-$TR/g.html" && grep -q '李四' "$T/home-$TR/g.html" ||
		fail "grades page"
	as $TR report grades nosuch > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] && grep -q "no quiz, drill or scenario 'nosuch'" "$T/err" || fail "unknown id: $(cat "$T/err")"
	as $A report grades > /dev/null 2> "$T/err"
	[ $? -eq 1 ] && grep -q "only trainers and managers" "$T/err" || fail "a trainee read the gradebook"
}
test_case "the gradebook: a row a trainee, a column a quiz; lined up in Chinese; CSV and JSON read back" gradebook

attention() {
	as $TR report attention --format json > "$T/a.json" || fail "attention json"
	jq -e --arg b "$B" --arg c "$C" '.rows as $r |
		($r[0].kind == "essays") and ($r[1].kind == "essays") and
		([$r[] | select(.kind == "overdue" and .login == $b)] | length == 1) and
		([$r[] | select(.kind == "idle" and .login == $c)] | .[0].days == 19)' "$T/a.json" > /dev/null ||
		fail "attention: $(cat "$T/a.json")"
	jq -e --arg n "kefu grade $attA" '[.rows[] | select(.action == $n)] | length == 1' "$T/a.json" > /dev/null ||
		fail "no command to grade alice's essay: $(cat "$T/a.json")"
	as $TR report attention > "$T/out" || fail "attention table"
	grep -q "1 essay answer waits for grading (the oldest 0 days)" "$T/out" || fail "reason: $(cat "$T/out")"
	grep -q "stage intro was due 2026-10-11, 40 days late" "$T/out" || fail "overdue: $(cat "$T/out")"
	grep -q "nothing done since hired 19 days ago" "$T/out" || fail "idle: $(cat "$T/out")"
	as $TR report attention --format csv --ids | python3 -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
assert rows and all(r["action"].startswith("kefu ") for r in rows), rows' || fail "attention CSV"
	as $TR report attention --html "$T/home-$TR/att.html" 2> /dev/null || fail "attention html"
	grep -q "<table id=\"attention\">" "$T/home-$TR/att.html" && grep -q "赵六" "$T/home-$TR/att.html" ||
		fail "attention page"
}
test_case "report attention: essays first, then late and idle trainees, each with the command that acts" attention

grade_then_inbox() {
	# bob fails: no attempts left at written is a trainer's to act on
	NOW=2026-11-21T09:00:00
	printf '3\n要先道歉并要照片。\n0\n\n' | as $TR grade > "$T/out" 2>&1 || fail "grade: $(cat "$T/out")"
	as $TR report attention --format json > "$T/a.json"
	jq -e --arg b "$B" '[.rows[] | select(.kind == "no-attempts" and .login == $b)] |
		.[0].action == "kefu attempts grant \($b) written --reason ..."' "$T/a.json" > /dev/null ||
		fail "attempts used up: $(cat "$T/a.json")"
	as $A inbox > "$T/out" || fail "inbox"
	grep -q "王老师 graded written, question w-essay: 3 of 4 points — 「要先道歉并要照片。」" "$T/out" ||
		fail "alice's inbox: $(cat "$T/out")"
	grep -q "Next due: stage 1 入职, on 2026-11-22 (in 1 day)." "$T/out" || fail "next due: $(cat "$T/out")"
	as $C inbox > "$T/out" || fail "carol's inbox"
	grep -q "Nothing new in the last 30 days." "$T/out" || fail "carol: $(cat "$T/out")"
	as $TR inbox > "$T/out" || fail "trainer's inbox"
	grep -q "李四 ($B): no attempts left at written (best 0%, pass 60%)" "$T/out" || fail "trainer inbox: $(cat "$T/out")"
}
test_case "a graded essay reaches the trainee's inbox with its comment; attempts used up reach the trainer" grade_then_inbox

# kefu at a terminal, as USER: the notice shows what is new, once
at_tty() {
	_u=$1
	shift
	script -qec "runuser -u $_u -- env HOME=$T/home-$_u KEFU_CONTENT=$T/content KEFU_DB=$DB KEFU_NOW=$NOW NO_COLOR=1 LC_ALL=C.UTF-8 PAGER=cat $T/kefu $*" /dev/null < /dev/null
}
notice() {
	NOW=2026-11-21T09:30:00
	as $TR attempts grant $B written --reason 重考 > /dev/null 2>&1 || fail "grant bob"
	NOW=2026-11-21T10:00:00
	printf '3\n很好。\n' | as $TR grade "$attB" > /dev/null 2>&1 || fail "regrade bob"
	at_tty $B plan > "$T/out" 2>&1
	grep -q "What's new for you" "$T/out" && grep -q "王老师 regraded written, question w-essay: 3 of 4 points — 「很好。」" "$T/out" ||
		fail "bob's notice: $(cat "$T/out")"
	# in time order: the attempt given back at 09:30, then the regrade
	[ "$(grep -n "gave attempts back" "$T/out" | cut -d: -f1)" -lt "$(grep -n "regraded" "$T/out" | cut -d: -f1)" ] ||
		fail "news not in time order: $(cat "$T/out")"
	at_tty $B plan > "$T/out" 2>&1
	grep -q "What's new" "$T/out" && fail "said twice: $(cat "$T/out")"
	as $B plan > "$T/out" 2>&1
	grep -q "What's new" "$T/out" && fail "said to a pipe"
	NOW=2026-11-22T08:00:00	# a new day: the trainer hears of the team once
	at_tty $TR people list > "$T/out" 2>&1
	grep -q "What's new" "$T/out" && grep -q "trainees are past a due date" "$T/out" ||
		fail "trainer's notice: $(cat "$T/out")"
	at_tty $TR people list > "$T/out" 2>&1
	grep -q "What's new" "$T/out" && fail "trainer told twice a day"
	# a hand-in tells the trainer again
	NOW=2026-11-22T11:00:00
	printf '对\n对不起。\n.\n' | as $C quiz written --seed 1 > /dev/null 2>&1 || fail "carol's quiz"
	at_tty $TR people list > "$T/out" 2>&1
	grep -q "What's new" "$T/out" || fail "a hand-in did not bring the notice back: $(cat "$T/out")"
}
test_case "at a terminal kefu says what is new once, to a trainee and to a trainer, never to a pipe" notice

items() {
	# final: alice 80% (w-tf 1 of 1, w-essay 3 of 4), bob 60% (0, 3);
	# carol's waits for grading and is left out. By hand: w-tf facility
	# 50%, sample sd of 100 and 0 is 70.7; w-essay 75%, sd 0; the rest of
	# the paper is constant for both, so no discrimination; the quiz's
	# mean and median 70, sd 14.1; alpha = 2 (1 - (0.5 + 0) / 0.5) = 0
	as $TR report items written > "$T/out" || fail "items"
	grep -q "笔试(含问答) (written): 2 final attempts." "$T/out" &&
		grep -q "Mean 70.0%, median 70.0%, standard deviation 14.1, Cronbach's alpha 0.00." "$T/out" ||
		fail "quiz figures: $(cat "$T/out")"
	as $TR report items written --format json > "$T/i.json" || fail "items json"
	jq -e '.rows[0] | .question == "w-tf" and .attempts == 2 and .facility == 50 and
		.sd == 70.7 and .discrimination == null and .choices == "true 1* · false 1"' "$T/i.json" > /dev/null &&
		jq -e '.rows[1] | .facility == 75 and .sd == 0' "$T/i.json" > /dev/null ||
		fail "item figures: $(cat "$T/i.json")"
	as $TR report items nosuch > /dev/null 2> "$T/err"
	[ $? -eq 1 ] && grep -q "no quiz 'nosuch'" "$T/err" || fail "unknown quiz: $(cat "$T/err")"
	as $A report items written > /dev/null 2>&1 && fail "a trainee read the item analysis (it shows the key)"
	true
}
test_case "report items: facility, sd, discrimination, choices and alpha as worked by hand" items

leavers() {
	NOW=2026-11-23T09:00:00
	me people leave $C --date 2026-11-22 --reason 家里有事 > /dev/null 2>&1 || fail "carol leaves"
	as $TR report leavers --format json > "$T/l.json" || fail "leavers"
	jq -e --arg c "$C" '.rows | length == 1 and .[0].login == $c and .[0].days == 21 and
		.[0].stage == "intro" and .[0].reason == "家里有事" and .[0].left == "2026-11-22"' "$T/l.json" > /dev/null ||
		fail "leavers: $(cat "$T/l.json")"
	as $TR report leavers | grep -q "$C .*赵六 .*2026-11-01 .*2026-11-22 .*21 .*intro .*家里有事" ||
		fail "leavers table: $(as $TR report leavers)"
	# she is out of the gradebook and the attention list, not of the record
	as $TR report grades --format json | jq -e --arg c "$C" '[.rows[] | select(.login == $c)] | length == 0' > /dev/null ||
		fail "a leaver in the gradebook"
	as $TR report attention --format json | jq -e --arg c "$C" '[.rows[] | select(.login == $c)] | length == 0' > /dev/null ||
		fail "a leaver needs attention"
	as $TR report trainee $C > /dev/null || fail "a leaver's record"
	# back, hired again: idle counts from the new hire date, not from
	# what she did before she left
	NOW=2026-12-01T09:00:00
	me people add $C --role trainee --hired 2026-12-01 > /dev/null 2>&1 || fail "carol comes back"
	as $TR report attention --format json | jq -e --arg c "$C" '[.rows[] | select(.login == $c and .kind == "idle")] | length == 0' > /dev/null ||
		fail "idle from before she left: $(as $TR report attention)"
}
test_case "report leavers: who left, after how many days, at which stage, why" leavers

test_done
