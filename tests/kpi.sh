# KPI figures and probation outcomes a manager can audit (issue 16), run
# as real Unix accounts: periods are months, figures fit their unit, an
# import reads what shops export and is all or nothing, nothing is
# overwritten without a trace, an assessment keeps its figures, a fail
# shows as a fail and keeps one off the elite list, early opening and
# exemptions are on the record, notes are private unless marked.
# Needs root to create the accounts (useradd); skipped otherwise.
. "$top_srcdir/tests/lib.sh"

command -v jq > /dev/null || { echo "SKIP: no jq"; exit 77; }
P=kk$$
TR=$P-trainer A=$P-wang B=$P-li C=$P-zhao
team kpi $TR $A $B $C
NOW=2026-11-20T10:00:00
figures() { row "SELECT p.login, k.kpi, k.period, k.value FROM kpi_figure k JOIN person p ON p.id = k.person_id ORDER BY p.login, k.kpi, k.period"; }

me people add $TR --role trainer --name 王老师 > /dev/null 2>&1 || fail "add trainer"
me people add $A --role trainee --name 王五 --hired 2026-11-01 > /dev/null || fail "add wang"
me people add $B --role trainee --name 李四 --hired 2026-10-01 > /dev/null || fail "add li"
me people add $C --role trainee --name 赵六 --hired 2026-10-01 > /dev/null || fail "add zhao"
chgrp $G "$DB"* && chmod 660 "$DB"*

# ---- periods are months ----
as $TR kpi set $A conv 20 --period 2026-13 > "$T/out" 2> "$T/err"
[ $? -eq 1 ] && grep -q "period '2026-13' is not a month" "$T/err" || fail "2026-13: $(cat "$T/out" "$T/err")"
as $TR kpi set $A conv 20 --period 2026-12 > "$T/out" 2> "$T/err"
[ $? -eq 1 ] && grep -q "period '2026-12' is a month still to come" "$T/err" || fail "a future month: $(cat "$T/err")"
[ -z "$(figures)" ] || fail "a bad period was stored: $(figures)"
as $TR kpi set $A conv 18 --period Nov-26 > "$T/out" 2>&1 || fail "Nov-26: $(cat "$T/out")"
grep -q "Recorded conv = 18% for '$A', 2026-11." "$T/out" || fail "Nov-26 said: $(cat "$T/out")"
as $TR kpi set $A conv 12 --period 2026/9 > /dev/null || fail "2026/9"
[ "$(figures)" = "$(printf '%s\n%s' "$A conv 2026-09 12.0" "$A conv 2026-11 18.0")" ] || fail "months: $(figures)"
ok "periods are real months not after this one; Nov-26 and 2026/9 are read as months"

# ---- values fit their unit ----
for v in 150% -5 150 abc 20元 nan inf; do
	as $TR kpi set $A conv "$v" --period 2026-10 > "$T/out" 2> "$T/err" && fail "conv $v was taken"
done
as $TR kpi set $A conv 150% --period 2026-10 2>&1 | grep -q "conv: '150%' is out of range: its figures go from 0 to 100" ||
	fail "the range is not named: $(as $TR kpi set $A conv 150% --period 2026-10 2>&1)"
as $TR kpi set $A score 0 --period 2026-10 2>&1 | grep -q "score: '0' is out of range: its figures go from 1 to 5" ||
	fail "a KPI's own range"
as $TR kpi set $A aov 1e308 --period 2026-10 > /dev/null 2>&1 && fail "1e308 yuan: a team mean would overflow"
as $TR kpi set $A aov '￥1,650.00' --period 2026-10 > /dev/null || fail "￥1,650.00"
as $TR kpi set $A resp 25秒 --period 2026-10 > /dev/null || fail "25秒"
[ "$(sql "SELECT kpi, value FROM kpi_figure WHERE period = '2026-10' ORDER BY kpi")" = "$(printf 'aov|1650.0\nresp|25.0')" ] ||
	fail "units: $(figures)"
ok "figures fit their unit: percent 0-100, yuan with ￥ and thousands, a KPI's range"

# ---- an import as a shop exports it ----
# a title line, 登录名 and 月份, KPI titles, a name column, Nov-26 and
# 26-Oct, ￥ with a thousands comma, a BOM, CRLF
printf '\357\273\277%s\r\n%s\r\n%s\r\n%s\r\n%s\r\n' \
	'2026年10-11月客服绩效,,,,' \
	'登录名,姓名,月份,询单转化率,客单价,平均响应时间' \
	"$B,李四,Nov-26,31%,\"￥1,650.00\",14" \
	"$C,赵六,26-Oct,22.5,\"￥980\",40" \
	"$C,赵六,Nov-26,29,\"1,200\",16" > "$T/shop.csv"
as $TR kpi import "$T/shop.csv" > "$T/out" 2> "$T/err" || fail "shop's file: $(cat "$T/out" "$T/err")"
grep -q "Imported 9 figures from 3 rows: 9 new, 0 changed, 0 as they were." "$T/out" || fail "import said: $(cat "$T/out")"
grep -q "shop.csv:2: note: columns left out, not KPIs of desk: 姓名 (2)" "$T/err" || fail "extra column: $(cat "$T/err")"
[ "$(joined "SELECT value FROM kpi_figure k JOIN person p ON p.id = k.person_id WHERE login = '$C' ORDER BY period, kpi")" = \
	"980.0 22.5 40.0 1200.0 29.0 16.0" ] || fail "shop's figures: $(figures)"
# the same file again changes nothing
as $TR kpi import "$T/shop.csv" 2> /dev/null | grep -q "0 new, 0 changed, 9 as they were" || fail "a second import"

# a second figure for one person, KPI and month, 150%, a bad month, no
# login column: each named by its line; nothing of the file is taken
n=$(figures | wc -l)
printf 'login,period,conv\n%s,2026-11,30\n%s,2026-10,20\n%s,2026-11,35\n%s,2026-11,150%%\n%s,2026-13,20\n' \
	$B $B $B $C $C > "$T/bad.csv"
as $TR kpi import "$T/bad.csv" > "$T/out" 2> "$T/err"
[ $? -eq 1 ] || fail "a bad file was taken"
grep -q "bad.csv:4: a second conv figure for '$B' in 2026-11: line 2 has one" "$T/err" &&
	grep -q "bad.csv:5: column 3 (conv): '150%' is out of range" "$T/err" &&
	grep -q "bad.csv:6: column 2: period '2026-13' is not a month" "$T/err" &&
	grep -q "has 3 errors; nothing was imported" "$T/err" || fail "bad file: $(cat "$T/err")"
[ "$(figures | wc -l)" = "$n" ] || fail "part of a bad file was imported"
printf '姓名,conv\n李四,20\n' > "$T/nologin.csv"
as $TR kpi import "$T/nologin.csv" --period 2026-11 > /dev/null 2> "$T/err" && fail "no login column"
grep -q "nologin.csv:1: no login column: name one login, 登录名 or 账号" "$T/err" || fail "no login: $(cat "$T/err")"
printf 'login,姓名\n%s,李四\n' $B > "$T/nokpi.csv"
as $TR kpi import "$T/nokpi.csv" --period 2026-11 > /dev/null 2> "$T/err" && fail "no KPI column"
grep -q "no KPI column: name columns by the KPIs of curriculum desk: conv (询单转化率), resp" "$T/err" ||
	fail "no KPI: $(cat "$T/err")"
# two login columns, --period over a month column, a trainer (not
# enrolled), semicolons, a NUL byte, a broken quote: each an error
printf 'login,账号,period,conv\n%s,%s,2026-11,20\n' $B $C > "$T/twologin.csv"
as $TR kpi import "$T/twologin.csv" > /dev/null 2> "$T/err" && fail "two login columns"
grep -q "twologin.csv:1: columns 1 and 2 are both logins" "$T/err" || fail "two logins: $(cat "$T/err")"
printf 'login,period,conv\n%s,2026-11,20\n' $B > "$T/withmonth.csv"
as $TR kpi import "$T/withmonth.csv" --period 2026-10 > /dev/null 2> "$T/err" && fail "--period over a month column"
grep -q "column 2 holds the months: --period is for a file without one" "$T/err" || fail "$(cat "$T/err")"
printf 'login,period,conv\n%s,2026-11,20\n' $TR > "$T/trainer.csv"
me kpi import "$T/trainer.csv" > /dev/null 2> "$T/err" && fail "a trainer's figures"
grep -q "trainer.csv:2: column 1: '$TR' is not enrolled in desk" "$T/err" || fail "trainer: $(cat "$T/err")"
printf 'login;period;conv\n%s;2026-11;20\n' $B > "$T/semi.csv"
as $TR kpi import "$T/semi.csv" > /dev/null 2> "$T/err" && fail "semicolons"
grep -q "semi.csv:1: the fields are separated by ';', not commas" "$T/err" || fail "semicolons: $(cat "$T/err")"
printf 'login,period,conv\n%s,2026-11,\0003\n' $B > "$T/nul.csv"
as $TR kpi import "$T/nul.csv" > /dev/null 2> "$T/err" && fail "a NUL byte"
grep -q "nul.csv:2: a NUL byte" "$T/err" || fail "NUL: $(cat "$T/err")"
printf 'login,period,conv\n%s,2026-11,"20\n' $B > "$T/quote.csv"
as $TR kpi import "$T/quote.csv" > /dev/null 2> "$T/err" && fail "a broken quote"
grep -q "quote.csv:2:[0-9]*: " "$T/err" || fail "quote: $(cat "$T/err")"
[ "$(figures | wc -l)" = "$n" ] || fail "part of a bad file was imported"
# a unit in brackets after a KPI's title is that KPI
printf '登录名,月份,询单转化率(%%),客单价（元）\n%s,2026-09,21%%,900\n' $C > "$T/units.csv"
as $TR kpi import "$T/units.csv" > "$T/out" 2> "$T/err" || fail "headings with units: $(cat "$T/err")"
grep -q "Imported 2 figures" "$T/out" || fail "headings with units: $(cat "$T/out")"
ok "an import reads a shop's file; duplicates, bad values and months, missing columns are named and nothing is taken"

# ---- nothing is overwritten without a trace ----
as $TR kpi set $B conv 27.5 --period 2026-11 --reason "按后台复核" > "$T/out" || fail "set"
grep -q "(was 31%; 'kefu kpi history $B' keeps both)" "$T/out" || fail "replace said: $(cat "$T/out")"
as $TR kpi delete $B aov --period 2026-11 --reason "客单价统计口径错误" > "$T/out" || fail "delete"
grep -q "Deleted aov = 1650 yuan of '$B' for 2026-11" "$T/out" || fail "delete said: $(cat "$T/out")"
as $TR kpi delete $B aov --period 2026-11 > /dev/null 2>&1 && fail "a delete without a reason"
as $TR kpi history $B --format json > "$T/h.json" || fail "history"
jq -e '[.rows[] | select(.kpi == "conv")] | length == 2 and .[0].new == 31 and .[0].source == "'"$T"'/shop.csv:3" and .[1].old == 31 and .[1].new == 27.5 and .[1].reason == "按后台复核"' "$T/h.json" > /dev/null ||
	fail "conv history: $(cat "$T/h.json")"
jq -e '[.rows[] | select(.kpi == "aov")] | .[1].old == 1650 and .[1].new == "deleted" and .[1].reason == "客单价统计口径错误"' "$T/h.json" > /dev/null ||
	fail "aov history: $(cat "$T/h.json")"
as $TR kpi history $B no-such > /dev/null 2> "$T/err" && fail "history of no KPI"
grep -q "no KPI 'no-such'" "$T/err" || fail "history of no KPI: $(cat "$T/err")"
as $TR kpi history $B 询单转化率 | grep -q "按后台复核" || fail "history by a KPI's title"
as $TR kpi delete $B conv --period 2026-11 --reason "   " > /dev/null 2>&1 && fail "a blank reason"
as $TR report trainee $B | grep -q "aov 2026-11 *1650 → deleted" || fail "a deletion in the transcript: $(as $TR report trainee $B)"
as $TR report trainee $B | grep -q "conv 2026-11 *31 " || fail "a first figure in the transcript"
as $B kpi history $B > "$T/out" || fail "a trainee reads their own history"
as $B kpi history $C > /dev/null 2>&1 && fail "a trainee read someone else's history"
as $TR report trainee $B --format json | jq -e '[.rows[] | select(.kind == "kpi" or .kind == "kpi-delete")] | length == 5' > /dev/null ||
	fail "transcript: $(as $TR report trainee $B --format json)"
ok "a replaced figure stays in the history with its file and line; a delete needs a reason; the transcript shows every change"

# ---- early assessment: a stage opened early, a module exempted ----
as $A plan > "$T/out"
as $TR assess $A < /dev/null > "$T/out" 2> "$T/err" && fail "assessed a locked stage"
as $TR stage open $A probation > /dev/null 2>&1 && fail "opened without a reason"
as $TR stage open $A probation --reason "   " > /dev/null 2>&1 && fail "opened with a blank reason"
as $TR stage open $A probation --reason "有三年天猫客服经验" > "$T/out" 2>&1 || fail "stage open: $(cat "$T/out")"
as $TR stage open $A probation --reason again > /dev/null 2>&1 && fail "opened twice"
as $TR exempt $A intro tools --reason "熟悉千牛工作台" > "$T/out" 2>&1 || fail "exempt: $(cat "$T/out")"
as $A plan > "$T/out" || fail "plan"
grep -q "done by exemption ($TR: 熟悉千牛工作台)" "$T/out" || fail "exemption not in the plan: $(cat "$T/out")"
grep -q "opened early by $TR: 有三年天猫客服经验" "$T/out" || fail "the early opening is not in the plan: $(cat "$T/out")"
as $A exempt $B intro tools --reason x > /dev/null 2>&1 && fail "a trainee exempted"
as $TR exempt $A intro nothing --reason x > /dev/null 2>&1 && fail "an unknown module"
as $TR report trainee $A --format json | jq -e '[.rows[].kind] | index("stage-open") and index("exempt")' > /dev/null ||
	fail "not in the transcript"
as $TR report stages --format json | jq -e --arg a $A --arg t $TR '.rows[] | select(.login == $a) | .exemptions == "probation opened early (\($t): 有三年天猫客服经验); tools by exemption (\($t): 熟悉千牛工作台)"' > /dev/null ||
	fail "not in report stages: $(as $TR report stages --format json)"

# the assessment: conversion kept from 2026-11 (18, under 20), a rating
# of 4.3 refused (half points), 4.5; a private note; extend with a date
# before the due date (refused), then a later one
due=$(as $A plan | sed -n 's/.*转正考核.*due \([0-9-]*\).*/\1/p' | head -1)
printf '\n4.3\n4.5\n抽查20个对话，偶有错字\n\n2.99999999999\n3\n\nextend\n2026-11-25\n9999-12-31\n2027-01-15\n转化率未达标，下月再评\n\n' |
	as $TR assess $A > "$T/out" 2>&1 || fail "assess wang: $(cat "$T/out")"
grep -q "conv recorded for 2026-11: 18" "$T/out" || fail "the latest month's figure: $(cat "$T/out")"
grep -q "A rating goes in steps of 0.5" "$T/out" || fail "4.3 taken: $(cat "$T/out")"
grep -q "Give a date after the current due date" "$T/out" || fail "an extension back in time: $(cat "$T/out")"
grep -q "Give a date within three years" "$T/out" || fail "an extension to 9999: $(cat "$T/out")"
grep -q "A rating is a whole number" "$T/out" || fail "2.99999999999 taken as a rating"
grep -q "is now due 2027-01-15" "$T/out" || fail "extension: $(cat "$T/out")"
[ "$(row "SELECT value, period FROM assessment_part WHERE part = 'sales'")" = "18.0 2026-11" ] ||
	fail "the figure decided on: $(sql "SELECT * FROM assessment_part")"
# a later change of the figure leaves the decision as it was
as $TR kpi set $A conv 25 --period 2026-11 > /dev/null || fail "later figure"
[ "$(sql "SELECT value FROM assessment_part WHERE part = 'sales'")" = 18.0 ] || fail "the decision's figure moved"
as $A progress > "$T/out"
grep -q "转化率未达标，下月再评" "$T/out" || fail "the reason is not shown: $(cat "$T/out")"
grep -q "偶有错字" "$T/out" && fail "a private part note is shown to the trainee"
# a private reason stays out of the trainee's own transcript
printf '\n4\n\n4\n\nextend\n2027-02-01\n仅供培训组参考\nn\n' | as $TR assess $A > "$T/out" 2>&1 || fail "assess again: $(cat "$T/out")"
as $A report trainee $A > "$T/out" || fail "own transcript"
grep -q "仅供培训组参考" "$T/out" && fail "a private reason in the trainee's transcript: $(cat "$T/out")"
as $A progress | grep -q "仅供培训组参考" && fail "a private reason in progress"
as $TR report trainee $A | grep -q "仅供培训组参考" || fail "the trainer does not see the private reason"
ok "a stage opened early and a module exempted, on the record; the assessment keeps its figures; ratings in steps; extensions only later; private notes"

# ---- a fail shows as a fail, and keeps one off the elite list ----
as $TR stage open $B probation --reason "试岗期满" > /dev/null || fail "open li"
printf '\n2\n\n2\n\nfail\n服务态度多次被投诉\033[31m红\n\n' | as $TR assess $B > "$T/out" 2>&1 || fail "assess li: $(cat "$T/out")"
as $B plan | grep -q "$(printf '\033')" && fail "an escape in the reason reached the terminal raw"
as $TR exempt $B probation probation-review --reason "抹掉" > /dev/null 2> "$T/err" && fail "a fail exempted"
grep -q "a fail is not exempted: assess again" "$T/err" || fail "exempting a fail: $(cat "$T/err")"
as $B plan --all > "$T/out" || fail "li's plan"
grep -q "not passed: failed on 2026-11-20: “服务态度多次被投诉.*”. Talk to your trainer" "$T/out" ||
	fail "the fail is not in the plan: $(cat "$T/out")"
grep -q "probation-review .*waits for the trainer" "$T/out" && fail "a failed assessment waits for the trainer: $(cat "$T/out")"
as $TR report stages --format json | jq -e --arg b $B '.rows[] | select(.login == $b) | .outcome == "failed probation-review on 2026-11-20"' > /dev/null ||
	fail "report stages: $(as $TR report stages --format json)"
as $TR report stages --html "$T/home-$TR/team.html" 2> /dev/null || fail "html"
grep -q "failed probation-review on 2026-11-20" "$T/home-$TR/team.html" || fail "the fail is not on the HTML page"
as $TR report probation --format json | jq -e --arg b $B '.rows[] | select(.login == $b) | .outcome == "fail"' > /dev/null ||
	fail "report probation"
# li's November figures beat the mean on every KPI: conv 27.5 (mean
# 27.17), 14 s (mean 15), aov 1500 (mean 1350)
as $TR kpi set $B aov 1500 --period 2026-11 > /dev/null || fail "aov"
as $TR report elite --period 2026-11 > "$T/out" || fail "elite: $(cat "$T/out")"
grep -q "left-out *$B .*failed probation-review on 2026-11-20" "$T/out" || fail "li on the elite list: $(cat "$T/out")"
grep -q "^ *elite .*$B" "$T/out" && fail "a failed person is elite"
ok "a failed assessment shows in the plan with its date and reason, in the reports, and keeps one off the elite list"

echo "$passed passed, 0 failed"
