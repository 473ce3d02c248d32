# A manager's people work, run as real Unix accounts: importing a team
# from a shop's HR sheet (English or Chinese headings, BOM, CRLF), all or
# nothing with every bad cell named FILE:LINE:COLUMN; correcting a name or
# a hire date, which moves the plan; recording who left, when and why.
# Needs root to create the accounts (useradd); skipped otherwise.
. "$top_srcdir/tests/lib.sh"

command -v jq > /dev/null || { echo "SKIP: no jq"; exit 77; }
P=kp$$
TR=$P-trainer A=$P-an B=$P-bo C=$P-cai D=$P-du
team staff $TR $A $B $C $D
NOW=2026-11-20T10:00:00
# the people as kefu lists them, and how long the event log is
people() { me people list --all --format json | jq -c '[.rows[] | [.login, .name, .role, .hired, .curriculum, .status, .left, .left_reason]]'; }
events() { sql "SELECT count(*) FROM event"; }
# the due date of a trainee's current stage, as report stages says it
due_of() { as $TR report stages --format json | jq -r --arg l "$1" '.rows[] | select(.login == $l) | .due'; }

me people list > /dev/null 2>&1 || fail "first run"

# ---- import: an English sheet ----
t_english() {
	cat > "$T/team.csv" <<-CSV
	login,name,role,hired,curriculum
	$A,安娜,trainee,2026-11-02,shop
	$TR,王老师,trainer,,
	$B,博文,trainee,2026/11/10,
	CSV
	me people import "$T/team.csv" > "$T/out" 2> "$T/err" || fail "import: $(cat "$T/out" "$T/err")"
	grep -qx "$T/team.csv: 3 added, 0 came back, 0 unchanged." "$T/out" || fail "import said: $(cat "$T/out")"
	[ ! -s "$T/err" ] || fail "import warned: $(cat "$T/err")"
	people > "$T/people"
	jq -e --arg a $A --arg b $B --arg t $TR '
		(.[] | select(.[0] == $a)) == [$a, "安娜", "trainee", "2026-11-02", "shop", "active", null, null] and
		(.[] | select(.[0] == $b)) == [$b, "博文", "trainee", "2026-11-10", "shop", "active", null, null] and
		(.[] | select(.[0] == $t)) == [$t, "王老师", "trainer", "2026-11-20", null, "active", null, null]' "$T/people" > /dev/null ||
		fail "people after the import: $(cat "$T/people")"
	[ "$(sql "SELECT started FROM enrollment e JOIN person p ON p.id = e.person_id WHERE login = '$B'")" = 2026-11-10 ] ||
		fail "a trainee is not enrolled from the hire date"
	# one event a person (and an enrollment), one for the file, naming its real path
	[ "$(sql "SELECT detail FROM event WHERE action = 'person-add' AND subject_id = (SELECT id FROM person WHERE login = '$B')")" = \
		"trainee ($T/team.csv:4)" ] || fail "person-add event: $(sql "SELECT * FROM event")"
	(cd "$T" && me people import ./team.csv > /dev/null) || fail "import again, by a relative name"
	[ "$(sql "SELECT detail FROM event WHERE action = 'people-import' ORDER BY id")" = \
		"$(printf '%s\n%s' "$T/team.csv: 3 added, 0 back, 0 unchanged" "$T/team.csv: 0 added, 0 back, 3 unchanged")" ] ||
		fail "people-import events: $(sql "SELECT detail FROM event WHERE action = 'people-import'")"
}
test_case "people import: an English sheet adds and enrolls everyone, one event each and one naming the file's real path" t_english

t_unchanged() {
	before=$(people) n=$(sql "SELECT count(*) FROM event WHERE action <> 'people-import'")
	me people import "$T/team.csv" > "$T/out" 2>&1 || fail "rerun: $(cat "$T/out")"
	grep -qx "$T/team.csv: 0 added, 0 came back, 3 unchanged." "$T/out" || fail "rerun said: $(cat "$T/out")"
	[ "$(people)" = "$before" ] || fail "a rerun changed people: $(people)"
	[ "$(sql "SELECT count(*) FROM event WHERE action <> 'people-import'")" = "$n" ] ||
		fail "a rerun logged changes: $(sql "SELECT action, detail FROM event")"
}
test_case "people import: the same file again leaves everyone unchanged" t_unchanged

# ---- import: a Chinese HR sheet, as Excel saves "CSV UTF-8" ----
t_chinese() {
	printf '\357\273\277%s\r\n%s\r\n%s\r\n%s\r\n%s\r\n' \
		'2026年11月新员工名单,,,,,' \
		'登录名,姓名,部门,角色,入职日期,课程' \
		"$C,蔡明,售后,新人,2026年11月3日," \
		" $A ,安娜,售前,学员,2026-11-2,shop" \
		"$D,杜鹃,售后,带教,2026.11.1," > "$T/hr.csv"
	me people import "$T/hr.csv" > "$T/out" 2> "$T/err" || fail "Chinese sheet: $(cat "$T/out" "$T/err")"
	grep -qx "$T/hr.csv: 2 added, 0 came back, 1 unchanged." "$T/out" || fail "Chinese sheet said: $(cat "$T/out")"
	grep -qx "kefu: $T/hr.csv:2: note: columns left out: 部门 (3)" "$T/err" || fail "extra column: $(cat "$T/err")"
	people | jq -e --arg c $C --arg d $D '
		(.[] | select(.[0] == $c)) == [$c, "蔡明", "trainee", "2026-11-03", "shop", "active", null, null] and
		(.[] | select(.[0] == $d)) == [$d, "杜鹃", "trainer", "2026-11-01", null, "active", null, null]' > /dev/null ||
		fail "people after the Chinese sheet: $(people)"
}
test_case "people import: 登录名, 姓名, 角色 (新人, 带教), 入职日期 (2026年11月3日), a BOM, CRLF, a title line and a column left out" t_chinese

# ---- import: all or nothing ----
t_bad() {
	before=$(people) n=$(events)
	# line 2 is good, and is not taken either
	printf '%s\n' 'login,name,role,hired,curriculum' \
		"$P-ok,好人,trainee,2026-11-01," \
		"$P-x y,,trainee,," \
		"$P-ok,,trainer,," \
		"$P-e,,boss,2026-13-01," \
		"$P-f,\"a	b\",trainee,2027-01-01,nosuch" \
		"$A,安妮,trainer,2026-11-03," \
		"$P-g,,trainee,2026-11-01" \
		"$P-h,,,," > "$T/bad.csv"
	me people import "$T/bad.csv" > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] || fail "a bad file was taken: $(cat "$T/out")"
	for want in \
		"bad.csv:3:1: '$P-x y' is not a login name" \
		"bad.csv:4:1: '$P-ok' is on line 2 already" \
		"bad.csv:5:$((${#P} + 5)): no role 'boss': a role is trainee (新人), trainer (培训师) or manager (主管)" \
		"bad.csv:5:$((${#P} + 10)): hire date '2026-13-01' is not a date" \
		"bad.csv:6:$((${#P} + 4)): a name cannot hold control characters" \
		"bad.csv:6:$((${#P} + 18)): hire date '2027-01-01' is more than 31 days ahead" \
		"bad.csv:6:$((${#P} + 29)): no curriculum 'nosuch'" \
		"bad.csv:7:$((${#A} + 2)): '$A' is here as 安娜, not 安妮: 'kefu people edit $A --name NAME' changes that" \
		"bad.csv:7:$((${#A} + 5)): '$A' is here as a trainee, not a trainer: 'kefu people role $A trainer' changes that" \
		"bad.csv:7:$((${#A} + 13)): '$A' was hired on 2026-11-02, not 2026-11-03: 'kefu people edit $A --hired DATE' changes that" \
		"bad.csv:8:$((${#P} + 23)): 4 fields where the header has 5" \
		"bad.csv:9:$((${#P} + 5)): no role: a role is trainee, trainer or manager" \
		"'$T/bad.csv' has 12 errors; nothing was imported"; do
		grep -qF "$want" "$T/err" || fail "not said: $want
$(cat "$T/err")"
	done
	[ "$(grep -c "^kefu: $T/bad.csv:[0-9]*:[0-9]*: " "$T/err")" = 12 ] || fail "not 12 errors at FILE:LINE:COLUMN: $(cat "$T/err")"
	[ "$(people)" = "$before" ] || fail "part of a bad file was imported: $(people)"
	[ "$(events)" = "$n" ] || fail "a bad file was logged"
	# the file's own faults: a broken quote, no role column, semicolons
	printf 'login,role\n%s,"trainee\n' $P-q > "$T/quote.csv"
	me people import "$T/quote.csv" > /dev/null 2> "$T/err" && fail "a broken quote"
	grep -q "quote.csv:2:$((${#P} + 4)): a quoted field is not closed" "$T/err" || fail "quote: $(cat "$T/err")"
	printf '登录名,姓名\n%s,某人\n' $P-r > "$T/norole.csv"
	me people import "$T/norole.csv" > /dev/null 2> "$T/err" && fail "no role column"
	grep -q "norole.csv:1:1: no role column: name one role or 角色" "$T/err" || fail "no role: $(cat "$T/err")"
	printf 'login;role\n%s;trainee\n' $P-s > "$T/semi.csv"
	me people import "$T/semi.csv" > /dev/null 2> "$T/err" && fail "semicolons"
	grep -q "semi.csv:1:1: the fields are separated by ';', not commas" "$T/err" || fail "semicolons: $(cat "$T/err")"
	[ "$(people)" = "$before" ] || fail "a bad file changed people: $(people)"
}
test_case "people import: every bad cell named FILE:LINE:COLUMN with why, and nothing of the file written" t_bad

# ---- who may ----
t_refused() {
	n=$(events)
	for who in $A $TR; do
		for cmd in "import $T/team.csv" "edit $B --name x" "leave $B" "add $P-z --role trainee"; do
			# shellcheck disable=SC2086
			as $who people $cmd > "$T/out" 2> "$T/err" < /dev/null
			[ $? -eq 1 ] || fail "$who ran 'people $cmd'"
			grep -q "only managers can change people" "$T/err" || fail "'people $cmd' as $who: $(cat "$T/err")"
		done
	done
	[ "$(events)" = "$n" ] || fail "a refused command wrote to the log"
}
test_case "people import, edit and leave are refused to a trainee and to a trainer" t_refused

# ---- edit ----
t_edit() {
	me people edit $A > /dev/null 2> "$T/err"
	[ $? -eq 2 ] && grep -q "'people edit' needs a login and --name or --hired" "$T/err" || fail "no option: $(cat "$T/err")"
	[ "$(due_of $A)" = 2026-11-12 ] || fail "due before: $(due_of $A)"
	as $A plan > "$T/out" 2>&1 || fail "plan: $(cat "$T/out")"
	grep -q "入职 .*2026-11-12" "$T/out" || fail "plan before: $(cat "$T/out")"
	me people edit $A --hired 2026-11-05 --name 安娜娜 > "$T/out" 2>&1 || fail "edit: $(cat "$T/out")"
	grep -qx "'$A' is now named 安娜娜 (was 安娜)." "$T/out" &&
		grep -qx "'$A' was hired on 2026-11-05 (was 2026-11-02)." "$T/out" &&
		grep -qx "Their plan in 小店客服带教 starts on 2026-11-05 now, not 2026-11-02:" "$T/out" &&
		grep -qx "  stage 1 入职: due 2026-11-15, was 2026-11-12" "$T/out" || fail "edit said: $(cat "$T/out")"
	[ "$(due_of $A)" = 2026-11-15 ] || fail "report stages: due $(due_of $A)"
	as $A plan > "$T/out" 2>&1 || fail "plan: $(cat "$T/out")"
	grep -q "入职 .*2026-11-15" "$T/out" || fail "plan after: $(cat "$T/out")"
	[ "$(sql "SELECT detail FROM event WHERE action = 'person-edit'")" = \
		"name: 安娜 -> 安娜娜; hired: 2026-11-02 -> 2026-11-05; shop starts: 2026-11-02 -> 2026-11-05" ] ||
		fail "the log: $(sql "SELECT detail FROM event WHERE action = 'person-edit'")"
	# a stage a trainer extended keeps its date; the ones before it move
	sql "INSERT INTO stage_progress (enrollment_id, stage, due) SELECT e.id, 'probation', '2026-12-31'
		FROM enrollment e JOIN person p ON p.id = e.person_id WHERE p.login = '$A'"
	me people edit $A --hired 2026-11-06 > "$T/out" 2>&1 || fail "edit: $(cat "$T/out")"
	grep -qx "  stage 1 入职: due 2026-11-16, was 2026-11-15" "$T/out" &&
		grep -qx "  stage 2 上岗检测: due 2026-12-31 still (an extension holds it)" "$T/out" ||
		fail "an extension: $(cat "$T/out")"
	me people edit $A --hired 2026-11-06 > "$T/out" 2>&1 || fail "the same date"
	grep -q "nothing changed" "$T/out" || fail "the same date: $(cat "$T/out")"
	me people edit $A --hired 2027-01-01 > /dev/null 2> "$T/err" && fail "a hire date next year"
	grep -q "hire date '2027-01-01' is more than 31 days ahead" "$T/err" || fail "$(cat "$T/err")"
	[ "$(sql "SELECT hired FROM person WHERE login = '$A'")" = 2026-11-06 ] || fail "a refused edit was written"
}
test_case "people edit: name and hire date on the log, old -> new; the plan's due dates move with the hire date" t_edit

# ---- leave ----
t_leave() {
	me people leave $B --date 2026-11-09 > /dev/null 2> "$T/err" && fail "left before being hired"
	grep -q "leaving day '2026-11-09' is before the hire date, 2026-11-10" "$T/err" || fail "$(cat "$T/err")"
	me people leave $B --date 2026-11-21 > /dev/null 2> "$T/err" && fail "a leaving day to come"
	grep -q "leaving day '2026-11-21' is still to come" "$T/err" || fail "$(cat "$T/err")"
	me people leave $B --date 2026/11/18 --reason "找到别的工作" > "$T/out" 2>&1 || fail "leave: $(cat "$T/out")"
	grep -qx "'$B' left on 2026-11-18: hidden from lists and reports, records kept." "$T/out" || fail "$(cat "$T/out")"
	me people leave $D > /dev/null || fail "leave today"
	people | jq -e --arg b $B --arg d $D '
		(.[] | select(.[0] == $b)) == [$b, "博文", "trainee", "2026-11-10", "shop", "left", "2026-11-18", "找到别的工作"] and
		(.[] | select(.[0] == $d)) == [$d, "杜鹃", "trainer", "2026-11-01", null, "left", "2026-11-20", null]' > /dev/null ||
		fail "people list --all: $(people)"
	me people list --all > "$T/out" || fail "list --all"
	grep -q "^$B .*left *2026-11-18 *找到别的工作" "$T/out" || fail "the table: $(cat "$T/out")"
	me people list > "$T/out" || fail "list"
	grep -q "$B" "$T/out" && fail "someone who left is listed"
	head -1 "$T/out" | grep -q "Reason" && fail "the leaving columns without --all"
	me people list --format csv | head -1 | tr -d "\r" | grep -qx "login,name,role,hired,curriculum,status,left,left_reason" ||
		fail "csv keys"
	[ "$(sql "SELECT detail FROM event WHERE action = 'person-leave' ORDER BY id LIMIT 1")" = "2026-11-18: 找到别的工作" ] ||
		fail "the log: $(sql "SELECT detail FROM event WHERE action = 'person-leave'")"
	# coming back, here by an import (people add's own way), clears both
	printf 'login,role\n%s,trainee\n' $B > "$T/back.csv"
	me people import "$T/back.csv" > "$T/out" 2>&1 || fail "back by an import: $(cat "$T/out")"
	grep -qx "$T/back.csv: 0 added, 1 came back, 0 unchanged." "$T/out" || fail "back: $(cat "$T/out")"
	people | jq -e --arg b $B '(.[] | select(.[0] == $b)) == [$b, "博文", "trainee", "2026-11-10", "shop", "active", null, null]' > /dev/null ||
		fail "came back: $(people)"
}
test_case "people leave --date --reason: shown by people list --all; not before the hire date nor to come; coming back clears it" t_leave

test_done
