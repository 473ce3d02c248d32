# Chat scenarios through a real pseudo-terminal: a countdown on the reply
# line, replies typed a phrase at a time and timed from the message to
# Enter, a reply after the turn's time halved, a pasted reply marked and
# the run kept as practice, a typed run meeting the plan's gate, and a
# trainer reviewing an exam's transcript (real accounts, as root). Each
# case goes on after another fails.
. "$top_srcdir/tests/lib.sh"
if [ -z "${EXPECT:-}" ] || ! [ -x "$EXPECT" ]; then
	echo "SKIP: expect is not installed"
	exit 77
fi
export KEFU_CONTENT="$CONTENT/chat" KEFU_NOW=2026-03-01T10:00:00 TERM=xterm
failed=0

# run NAME SCRIPT: the expect script, with human and line of EXPECT_HUMAN
run() {
	"$EXPECT" -c "
		set timeout 30
		$EXPECT_HUMAN
		$2" > "$T/$1.log" 2>&1
}

fresh() {
	export KEFU_DB="$T/$1.db"
	rm -f "$KEFU_DB"*
	"$KEFU" enroll chatplan > /dev/null 2>&1
}

# typed on time, every point: the gate of stage one is met
case_gate() {
	fresh gate
	run gate '
		spawn $env(KEFU) chat size
		expect -re {\[[0-9]+s left\] > } {} timeout { exit 2 }
		line {亲， 可以 换的}
		expect -re {Time: [0-9.]+ s \(within 20 s\)\r} {} timeout { exit 3 }
		expect -re {\[[0-9]+s left\] > } {} timeout { exit 4 }
		line {有 运费险}
		expect "Score: 100%, pass mark 80%: passed" {} timeout { exit 5 }
		expect eof
		exit [lindex [wait] 3]' || { cat "$T/gate.log"; return 1; }
	! grep -q "practice" "$T/gate.log" || { cat "$T/gate.log"; return 1; }
	grep -q "First reply: " "$T/gate.log" || { cat "$T/gate.log"; return 1; }
	"$KEFU" plan > "$T/out" &&
	grep -q '1  第一阶段  complete' "$T/out" &&
	grep -q '2  第二阶段  open' "$T/out" || { cat "$T/out"; return 1; }
	"$KEFU" plan --all > "$T/out" &&
	grep -q '\[x\] chat  *size .*passed: best 100%, needs 75%' "$T/out" || { cat "$T/out"; return 1; }
}
test_case "a chat typed at a terminal meets the stage's gate" case_gate

# the countdown steps down while the reply waits; a reply after the
# turn's second is late and halved
case_late() {
	fresh late
	run late '
		spawn $env(KEFU) chat quick
		expect -re {\[(29|30)s left\] > } {} timeout { exit 2 }
		# readline redraws the digits that change: 29, then 8
		expect -re {\x1b\[C8} {} timeout { exit 3 }
		line {亲， 今天 发}
		expect "This turn: 100%" {} timeout { exit 4 }
		expect -re {\[1s left\] > } {} timeout { exit 5 }
		sleep 1.5
		line {16点}
		expect "late, the turn'"'"'s score is halved" {} timeout { exit 6 }
		expect "This turn: 50%" {} timeout { exit 7 }
		expect "Score: 75%" {} timeout { exit 8 }
		expect eof
		exit [lindex [wait] 3]' || { cat "$T/late.log"; return 1; }
	grep -q '2 .* 50 .* 1  late' "$T/late.log" || { cat "$T/late.log"; return 1; }
}
test_case "a countdown on the reply line; a late reply is halved" case_late

# a bracketed paste: marked, and the run is practice
case_paste() {
	fresh paste
	run paste '
		spawn $env(KEFU) chat size
		expect -re {left\] > } {} timeout { exit 2 }
		send -- "\033\[200~亲，可以换货\033\[201~"
		sleep 0.3
		send "\r"
		expect "(pasted: this run will not count for a gate)" {} timeout { exit 3 }
		expect -re {left\] > } {} timeout { exit 4 }
		line {运费险}
		expect "practice and meets no gate: a reply was pasted" {} timeout { exit 5 }
		expect eof
		exit [lindex [wait] 3]' || { cat "$T/paste.log"; return 1; }
	"$KEFU" plan > "$T/out" &&
	grep -q '1 practice run (piped or pasted) does not count' "$T/out" || { cat "$T/out"; return 1; }
}
test_case "a pasted reply makes the run practice" case_paste

# a program typing a character every 150 ms, evenly: practice too
case_even() {
	fresh even
	run even '
		spawn $env(KEFU) chat size
		expect -re {left\] > } {} timeout { exit 2 }
		set send_slow {1 0.15}
		send -s -- "亲您好可以换货的呢请在订单里申请换货就可以了谢谢亲"
		send "\r"
		expect "(pasted: this run will not count for a gate)" {} timeout { exit 3 }
		expect -re {left\] > } {} timeout { exit 4 }
		line {运费险}
		expect "practice and meets no gate" {} timeout { exit 5 }
		expect eof
		exit [lindex [wait] 3]' || { cat "$T/even.log"; return 1; }
}
test_case "keys as even as a program sends them make the run practice" case_even

# a time limit for the whole chat: at a terminal it ends the chat where
# it stands, and a turn not replied to scores 0
case_time_limit() {
	fresh timed
	run timed '
		spawn $env(KEFU) chat timed
		expect {Start now? \[y/N\] } {} timeout { exit 2 }
		send y\r
		expect -re {left\] > } {} timeout { exit 3 }
		line {亲， 在的}
		expect {The chat'"'"'s time is up.} {} timeout { exit 4 }
		expect {Score: 50%} {} timeout { exit 5 }
		expect eof
		exit [lindex [wait] 3]' || { cat "$T/timed.log"; return 1; }
	grep -q '2  *0  *-  *30  no reply' "$T/timed.log" || { cat "$T/timed.log"; return 1; }
}
test_case "a chat's time limit ends it where it stands; no reply scores 0" case_time_limit

# an exam with a rubric: typed, it waits for a trainer; the trainer's
# percent then counts and the automatic one is kept
case_review() {
	[ "$(id -u)" = 0 ] && command -v runuser > /dev/null || { echo "# skipped: needs root"; return 0; }
	P=kc$$
	NOW=$KEFU_NOW
	team chat "${P}t" "${P}r"
	me people add "${P}r" --role trainer --name 王芳 > /dev/null &&
	me people add "${P}t" --role trainee --name 小李 --curriculum chatexam > /dev/null ||
		return 1
	run review "
		spawn runuser -u ${P}t -- env HOME=$T/home-${P}t KEFU_CONTENT=$KEFU_CONTENT KEFU_DB=$KEFU_DB KEFU_NOW=$KEFU_NOW TERM=xterm LC_ALL=C.UTF-8 $T/kefu chat angry
		expect {Start now? \[y/N\] } {} timeout { exit 2 }
		send y\r
		expect -re {left\] > } {} timeout { exit 3 }
		line {对不起， 马上 处理}
		expect -re {left\] > } {} timeout { exit 4 }
		line {马上 查}
		expect {A trainer reviews this transcript} {} timeout { exit 5 }
		expect eof
		exit [lindex [wait] 3]" || { cat "$T/review.log"; return 1; }
	! grep -q '✓' "$T/review.log" || { cat "$T/review.log"; return 1; }
	as "${P}t" plan > "$T/out" &&
	grep -q "waits for 王芳 to review it" "$T/out" || { cat "$T/out"; return 1; }
	as "${P}r" report attention --curriculum chatexam > "$T/out" &&
	grep -q "chat angry waits for review" "$T/out" &&
	grep -q "kefu grade chat:1" "$T/out" || { cat "$T/out"; return 1; }
	as "${P}r" grade --list > "$T/out" &&
	grep -q "chat:1 *${P}t *angry *100" "$T/out" || { cat "$T/out"; return 1; }
	printf '70\n语气再软一点\n' | as "${P}r" grade > "$T/out" 2>&1 &&
	grep -q 'Rubric:' "$T/out" && grep -q '先接情绪再讲事实' "$T/out" &&
	grep -q '\[1\] buyer: 一群骗子！' "$T/out" &&
	grep -q 'reply: 对不起，马上处理' "$T/out" &&
	grep -q 'Saved: 70% counts for this run.' "$T/out" || { cat "$T/out"; return 1; }
	as "${P}t" inbox > "$T/out" &&
	grep -q "王芳 reviewed your chat angry #1: 100% → 70% 「语气再软一点」" "$T/out" ||
		{ cat "$T/out"; return 1; }
	as "${P}t" progress > "$T/out" &&
	grep -q 'angry: 70% (automatic 100%), by' "$T/out" &&
	grep -q '“语气再软一点”' "$T/out" || { cat "$T/out"; return 1; }
	as "${P}t" plan --all > "$T/out" &&
	grep -q 'passed: best 70%, needs 60%' "$T/out" || { cat "$T/out"; return 1; }
	as "${P}r" report grades --curriculum chatexam > "$T/out" &&
	grep -q "^${P}t  *小李  *70 1/1 *\$" "$T/out" && grep -q 'C1 *angry' "$T/out" ||
		{ cat "$T/out"; return 1; }
	# one review stands; a second is a regrade
	printf '80\n\n' | as "${P}r" grade chat:1 > "$T/out" 2>&1 &&
	grep -q 'Reviewed before: 70%' "$T/out" || { cat "$T/out"; return 1; }
	as "${P}r" report trainee "${P}t" --format csv > "$T/out" &&
	grep -q "chat-review,angry #1,80.0%,${P}r" "$T/out" || { cat "$T/out"; return 1; }
	# its one attempt used, until a trainer gives one back
	printf '对不起\n马上\n' | as "${P}t" chat angry > "$T/out" 2>&1 && return 1
	grep -q "the 1 attempt allowed at scenario 'angry' is used; a trainer can give attempts back" "$T/out" ||
		{ cat "$T/out"; return 1; }
	as "${P}r" attempts grant "${P}t" angry --reason 重考 > "$T/out" &&
	grep -q "Gave ${P}t 1 attempt at scenario 'angry' back: 1 used of 2 allowed." "$T/out" ||
		{ cat "$T/out"; return 1; }
	printf '对不起\n马上\n' | as "${P}t" chat angry > "$T/out" 2>&1 &&
	grep -q 'Score: 100%' "$T/out" || { cat "$T/out"; return 1; }
}
test_case "a trainer reviews an exam's transcript; their percent counts" case_review

test_done
