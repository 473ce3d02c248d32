# Typing gates through a real pseudo-terminal: only a full run typed at
# the pace of a person counts. A --time run shorter than the drill, a run
# stopped by Ctrl-C or Ctrl-D, a bracketed paste, a burst of 2 000
# characters, a program sending a character every 15 ms and one over the
# speed ceiling are stored as practice with their reason; a person typing
# a phrase at a time meets a modest gate. Live colouring goes on when the
# target wraps in a narrow terminal. Each case goes on after another fails.
. "$top_srcdir/tests/lib.sh"
if [ -z "${EXPECT:-}" ] || ! [ -x "$EXPECT" ]; then
	echo "SKIP: expect is not installed"
	exit 77
fi
export KEFU_CONTENT="$CONTENT/typing" KEFU_NOW=2026-03-01T10:00:00 TERM=xterm
unset NO_COLOR
failed=0

# run NAME SCRIPT: a fresh database, then the expect script (its procs:
# human and line of EXPECT_HUMAN)
run() {
	export KEFU_DB="$T/$1.db"
	rm -f "$KEFU_DB"*
	"$KEFU" list > /dev/null || return 1
	"$EXPECT" -c "
		set timeout 20
		$EXPECT_HUMAN
		$2" > "$T/$1.log" 2>&1
}
# verdict WHY: the one run stored, practice for WHY ('' when counted)
verdict() {
	got=$(row "SELECT count(*), max(CASE WHEN counted THEN 1 ELSE 0 END), coalesce(max(why), '') FROM drill_result")
	want="1 $([ -z "$1" ] && echo 1 || echo 0) $1"
	[ "$got" = "${want% }" ] || [ "$got" = "$want" ] || {
		echo "stored: $got, want: $want"
		cat "$T/$2.log"
		return 1
	}
}

human_run() {
	run human '
		spawn $env(KEFU) drill greet
		expect "> " {} timeout { exit 2 }
		line {亲, 您好, 欢迎 光临 小店}
		expect -re {字/分 · 100%} {} timeout { exit 3 }
		expect "> " {} timeout { exit 4 }
		line {这款 T恤 今天 下单 明天 发货}
		expect "Counted:  yes" {} timeout { exit 5 }
		expect "First counted run" {} timeout { exit 6 }
		expect -re {Gate: +30 字/分 at 90% accuracy — [^\r]*met} {} timeout { exit 7 }
		expect eof
		exit [lindex [wait] 3]' || { cat "$T/human.log"; return 1; }
	verdict "" human || return 1
	grep -q "Gate:     30 字/分 at 90% accuracy — .*met" "$T/human.log" &&
		! grep -q "not met" "$T/human.log" || { cat "$T/human.log"; return 1; }
	# Ｔ typed as T is no typo
	[ "$(sql "SELECT cast(round(accuracy) AS int) FROM drill_result")" = 100 ] || return 1
	speed=$(sql "SELECT cast(net_speed AS int) FROM drill_result")
	[ "$speed" -ge 30 ] && [ "$speed" -le 300 ] || { echo "speed $speed"; return 1; }
	"$KEFU" plan > "$T/out" && grep -q '\[x\] drill  *greet' "$T/out" || { cat "$T/out"; return 1; }
}
test_case "a person typing a phrase at a time meets a modest gate; full-width Ｔ typed as T is right" human_run

short_run() {
	run short '
		spawn $env(KEFU) drill greet --time 3
		expect "> " {} timeout { exit 2 }
		human {亲, 您好, 欢迎}
		expect "Time is up" {} timeout { exit 3 }
		expect "Counted:  no — practice: shorter than the whole drill" {} timeout { exit 4 }
		expect "not met: this run does not count" {} timeout { exit 5 }
		expect eof
		exit [lindex [wait] 3]' || { cat "$T/short.log"; return 1; }
	verdict short short || return 1
	"$KEFU" plan > "$T/out" && grep -q '\[~\] drill  *greet' "$T/out" || { cat "$T/out"; return 1; }
}
test_case "a 3-second --time run is practice, whatever its speed" short_run

stopped_run() {
	run interrupt '
		spawn $env(KEFU) drill greet
		expect "> " {} timeout { exit 2 }
		line {亲, 您好, 欢迎 光临 小店}
		expect "> " {} timeout { exit 3 }
		human {这款}
		send "\003"
		expect "the 1 line finished is kept as practice" {} timeout { exit 4 }
		expect "Counted:  no — practice: stopped before the end of the drill" {} timeout { exit 5 }
		expect eof
		exit [lindex [wait] 3]'
	rc=$?
	[ $rc -eq 130 ] || { echo "Ctrl-C: exit status $rc"; cat "$T/interrupt.log"; return 1; }
	verdict stopped interrupt || return 1
	[ "$(sql "SELECT typed FROM drill_result")" = 11 ] || { echo "not the finished line kept"; return 1; }
	run eof '
		spawn $env(KEFU) drill greet
		expect "> " {} timeout { exit 2 }
		line {亲, 您好, 欢迎 光临 小店}
		expect "> " {} timeout { exit 3 }
		send "\004"
		expect "Counted:  no — practice: stopped before the end of the drill" {} timeout { exit 4 }
		expect eof
		exit [lindex [wait] 3]' || { cat "$T/eof.log"; return 1; }
	verdict stopped eof
}
test_case "Ctrl-C and Ctrl-D after one line of two keep it as practice" stopped_run

paste_run() {
	run paste '
		spawn $env(KEFU) drill greet
		expect "> " {} timeout { exit 2 }
		send "\033\[200~亲,您好,欢迎光临小店\033\[201~"
		sleep 0.5
		send "\r"
		expect "> " {} timeout { exit 3 }
		line {这款 T恤 今天 下单 明天 发货}
		expect "Counted:  no — pasted, not counted" {} timeout { exit 4 }
		expect eof
		exit [lindex [wait] 3]' || { cat "$T/paste.log"; return 1; }
	verdict pasted paste || return 1
	# the trainee sees why; the trainer sees the mark
	"$KEFU" progress > "$T/out" && grep -q "\* latest: pasted, not counted" "$T/out" || { cat "$T/out"; return 1; }
	"$KEFU" report trainee "$(id -un)" > "$T/out" && grep -q "drill .*greet .*(pasted)" "$T/out" || { cat "$T/out"; return 1; }
}
test_case "a bracketed paste is scored for accuracy but not counted; progress and the transcript say so" paste_run

burst_run() {
	# 2 000 characters in one burst, in writes of ten so the terminal's
	# buffers never fill while kefu echoes them
	run burst '
		spawn $env(KEFU) drill greet
		expect "> " {} timeout { exit 2 }
		for {set i 0} {$i < 200} {incr i} { send -- "亲亲亲亲亲亲亲亲亲亲"; expect -re {.+} }
		send "\r"
		expect "> " {} timeout { exit 3 }
		send "\004"
		expect "Counted:  no — not counted: faster than a person types" {} timeout { exit 4 }
		expect eof
		exit [lindex [wait] 3]' || { cat "$T/burst.log"; return 1; }
	verdict machine burst
}
test_case "a burst of 2 000 characters is not typing" burst_run

# paced NAME HOW TEXT WHY: both lines sent by a program, send -s (a
# character every so many seconds, set by HOW) or send -h (uneven); the
# end screen says TEXT and the run is stored as WHY
paced() {
	run "$1" "
		$2
		spawn \$env(KEFU) drill greet
		expect {> } {} timeout { exit 2 }
		send \$how \"亲,您好,欢迎光临小店\\r\"
		expect {> } {} timeout { exit 3 }
		send \$how \"这款T恤今天下单明天发货\\r\"
		expect {$3} {} timeout { exit 4 }
		expect eof
		exit [lindex [wait] 3]" || { cat "$T/$1.log"; return 1; }
	verdict "$4" "$1"
}
test_case "a program sending a character every 15 ms is not typing" \
	paced robot "set send_slow {1 0.015}; set how -s" \
	"Counted:  no — not counted: faster than a person types" machine
# 150 ms a key, to the millisecond: a slow pace, but no person's rhythm
test_case "a program sending a character every 150 ms, evenly, is not typing" \
	paced even "set send_slow {1 0.15}; set how -s" \
	"as evenly as a program sends them" machine
# about 60 ms a key, unevenly, never two within 40 ms: no burst, not
# even, but near 1 000 字/分, over the ceiling of 300
test_case "an uneven speed over the ceiling is not counted" \
	paced ceiling "set send_human {.06 .06 1 .04 .12}; set how -h" \
	"over the speed ceiling" too-fast

clock_run() {
	# a drill with time_limit: 4s counts when it runs the whole time
	run clock '
		spawn $env(KEFU) drill clock
		expect "> " {} timeout { exit 2 }
		line {亲, 您好}
		expect "> " {} timeout { exit 3 }
		human {马上 为您 查询}
		expect "Time is up" {} timeout { exit 4 }
		expect "Counted:  yes" {} timeout { exit 5 }
		expect eof
		exit [lindex [wait] 3]' || { cat "$T/clock.log"; return 1; }
	verdict "" clock || return 1
	run clock-short '
		spawn $env(KEFU) drill clock --time 2
		expect "shorter than the drill" {} timeout { exit 2 }
		expect "> " {} timeout { exit 3 }
		human {亲, 您好}
		expect "Time is up" {} timeout { exit 4 }
		expect "Counted:  no — practice: shorter than the whole drill" {} timeout { exit 5 }
		expect eof
		exit [lindex [wait] 3]' || { cat "$T/clock-short.log"; return 1; }
	verdict short clock-short
}
test_case "a drill's own time limit run to the end counts; a shorter --time does not" clock_run

narrow_run() {
	# 40 columns: the target (70 columns with its indent) takes two rows,
	# and the colouring goes up both to reach it
	run narrow '
		spawn sh -c "stty columns 40 rows 24; exec \"\$KEFU\" drill wide"
		expect "> " {} timeout { exit 2 }
		human {亲, 您的 包裹}
		expect -re {\[2A\r  .\[0;32m亲,您的包裹} {} timeout { exit 3 }
		send "\003"
		expect eof
		exit 0' || { cat "$T/narrow.log"; return 1; }
}
test_case "live colouring goes on when the target wraps in a narrow terminal" narrow_run

untyped_run() {
	# Enter alone on a drill with no gate but one full run
	run enter '
		spawn $env(KEFU) drill short
		expect "> " {} timeout { exit 2 }
		send "\r"
		expect "Counted:  no — practice: a line was left empty" {} timeout { exit 3 }
		expect eof
		exit [lindex [wait] 3]' || { cat "$T/enter.log"; return 1; }
	verdict untyped enter || return 1
	# a drill with a time limit: one character, then the clock let run
	run idle '
		spawn $env(KEFU) drill clock
		expect "> " {} timeout { exit 2 }
		send "亲"
		expect "Time is up" {} timeout { exit 3 }
		expect "Counted:  no — practice: a line was left empty or under half typed, or the time ran with few keys" {} timeout { exit 4 }
		expect eof
		exit [lindex [wait] 3]' || { cat "$T/idle.log"; return 1; }
	verdict untyped idle
}
test_case "Enter alone on every line, or one key and the clock let run, is not a run" untyped_run

ime_run() {
	# 好的 read and composed for 1.5 s, committed, Enter 0.35 s later: the
	# time from when the line was shown is the time the person had
	run ime '
		spawn $env(KEFU) drill short
		expect "> " {} timeout { exit 2 }
		sleep 1.5
		send "好的"
		sleep 0.35
		send "\r"
		expect "Counted:  yes" {} timeout { exit 3 }
		expect eof
		exit [lindex [wait] 3]' || { cat "$T/ime.log"; return 1; }
	verdict "" ime
}
test_case "a short line committed by an input method is not too fast" ime_run

editing_run() {
	# typed, killed with Ctrl-U, then Ctrl-Y, Up, Tab and a keyboard
	# macro: none of them puts text back, so the line goes in empty
	run editing '
		spawn $env(KEFU) drill greet
		expect "> " {} timeout { exit 2 }
		human {亲, 您好, 欢迎 光临 小店}
		send "\025"
		sleep 0.3
		send "\031\033\[A\t\t\030e"
		sleep 0.5
		send "\r"
		expect "> " {} timeout { exit 3 }
		send "\004"
		expect "Counted:  no" {} timeout { exit 4 }
		expect eof
		exit [lindex [wait] 3]' || { cat "$T/editing.log"; return 1; }
	[ "$(sql "SELECT typed FROM drill_result")" = 0 ] ||
		{ echo "text came back: $(sql "SELECT typed FROM drill_result")"; cat "$T/editing.log"; return 1; }
}
inputrc_run() {
	# the user's own inputrc: a macro on Shift-F5 (six bytes deep), one on
	# C-x a, and C-x C-r to read it all again mid-line: still nothing
	printf '%s\n' '"\e[15;2~": "亲,您好,欢迎光临"' '"\C-xa": "小店"' > "$T/inputrc"
	INPUTRC="$T/inputrc" run inputrc '
		spawn $env(KEFU) drill greet
		expect "> " {} timeout { exit 2 }
		send "\030\022"
		sleep 0.3
		send "\033\[15;2~"
		sleep 0.3
		send "\030a\0333"
		sleep 0.3
		send "\r"
		expect "> " {} timeout { exit 3 }
		send "\004"
		expect "Counted:  no" {} timeout { exit 4 }
		expect eof
		exit [lindex [wait] 3]' || { cat "$T/inputrc.log"; return 1; }
	[ "$(sql "SELECT typed FROM drill_result")" = 0 ] ||
		{ echo "a macro typed: $(sql "SELECT typed FROM drill_result")"; cat "$T/inputrc.log"; return 1; }
}
test_case "yank, history, completion and macros put no text into a drill line" editing_run
test_case "the user's inputrc macros, however deep, and re-reading it put no text in either" inputrc_run

test_done
