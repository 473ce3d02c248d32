# Readline behaviour through a real pseudo-terminal (needs expect).
. "$top_srcdir/tests/lib.sh"
if [ -z "${EXPECT:-}" ] || ! [ -x "$EXPECT" ]; then
	echo "SKIP: expect is not installed"
	exit 77
fi
export KEFU_CONTENT="$CONTENT/mini" KEFU_NOW=2026-03-01 TERM=xterm
# a pager that marks its lines shows that lessons go through $PAGER
export PAGER="sed s/^/PAGED:/"
unset NO_COLOR
"$KEFU" list > /dev/null || fail "set-up"
"$EXPECT" -f "$top_srcdir/tests/pty.exp" > "$T/log" 2>&1 || {
	cat "$T/log"
	fail "the pty session"
}
ok "completion, Ctrl-C, history and Ctrl-D at a real terminal"

hist="$XDG_STATE_HOME/kefu/history"
[ -f "$hist" ] || fail "no history file at \$XDG_STATE_HOME/kefu/history"
grep -qx "study hello" "$hist" || fail "history lacks 'study hello'"
grep -q "nonsense" "$hist" && fail "an interrupted line went into history"
grep -qx "[AB]" "$hist" && fail "the quiz answer went into history"
[ "$(sql "SELECT count(*) FROM lesson_read")" = 1 ] || fail "the lesson read at the prompt was not stored"
ok "history saved to \$XDG_STATE_HOME/kefu/history; the lesson read is stored"
# the history holds commands only: an answer given in a quiz run from
# the prompt is not in the file, nor brought back by Up at either prompt
export KEFU_CONTENT="$CONTENT/quiz" KEFU_DB="$T/history.db" XDG_STATE_HOME="$T/state2"
"$KEFU" list > /dev/null
"$EXPECT" -c '
	set timeout 10
	proc prompt {} {
		expect -re {kefu [^\r\n]* · [^\r\n]*> $} {} timeout { exit 2 } eof { exit 2 }
	}
	spawn $env(KEFU)
	prompt
	send "quiz essay --seed 3\r"
	expect "answer> " {} timeout { exit 3 }
	send "对\r"
	expect "answer> " {} timeout { exit 4 }
	send "\033\[A"
	expect "quiz essay --seed 3" {} timeout { exit 5 }
	send "\025zanzibarquokka\r"
	expect "      > " {} timeout { exit 6 }
	send ".\r"
	expect "Saved; a trainer will grade it" {} timeout { exit 6 }
	expect "Hand in now?" {} timeout { exit 6 }
	send "y\r"
	prompt
	send "\033\[A"
	expect "quiz essay --seed 3" {} timeout { exit 7 }
	send "\025quit\r"
	expect eof
	exit [lindex [wait] 3]' > "$T/log" 2>&1 || { cat "$T/log"; fail "a quiz from the prompt"; }
hist="$T/state2/kefu/history"
grep -qx "quiz essay --seed 3" "$hist" || fail "history lacks the quiz command: $(cat "$hist")"
grep -q "zanzibarquokka" "$hist" && fail "the essay answer went into history"
grep -qx "对" "$hist" && fail "the true-or-false answer went into history"
[ "$(sql "SELECT response FROM quiz_answer WHERE question = 'angry'")" = zanzibarquokka ] ||
	fail "the essay answer was not stored"
ok "answers stay out of the history: Up at the prompt and in the quiz brings back the command"
# a time limit fires while the trainee sits at the answer prompt: start
# a 10-minute exam, then come back when one second is left
export KEFU_CONTENT="$CONTENT/quiz" KEFU_DB="$T/timed.db"
"$KEFU" list > /dev/null
KEFU_NOW=2026-03-01T10:00:00 "$KEFU" quiz timed < /dev/null > /dev/null 2>&1
KEFU_NOW=2026-03-01T10:09:59 "$EXPECT" -c '
	set timeout 10
	spawn $env(KEFU) quiz timed
	expect "answer> " {} timeout { exit 2 }
	expect "Time is up" {} timeout { exit 3 }
	expect "Score: 0 of 3 points" {} timeout { exit 4 }
	expect eof
	exit [lindex [wait] 3]' > "$T/log" 2>&1 || { cat "$T/log"; fail "time limit at an idle prompt"; }
[ "$(sql "SELECT state FROM quiz_attempt")" = final ] || fail "the timed attempt is not closed"
ok "the time limit submits the attempt while the prompt waits"
# at a terminal a timed, capped exam says what the attempt costs and asks
# first: N records nothing, y starts it
export KEFU_DB="$T/confirm.db"
"$KEFU" list > /dev/null
KEFU_NOW=2026-03-01T10:00:00 "$EXPECT" -c '
	set timeout 10
	spawn $env(KEFU) quiz timed
	expect "限时考试: 3 questions" {} timeout { exit 2 }
	expect "Time limit 10:00, counted from the start" {} timeout { exit 3 }
	expect "This is attempt 1 of 2: 1 more after it." {} timeout { exit 4 }
	expect "Start now? \\\[y/N\\\] " {} timeout { exit 5 }
	send "\r"
	expect "Not started; nothing is recorded." {} timeout { exit 6 }
	expect eof
	if {[lindex [wait] 3] != 0} { exit 7 }
	spawn $env(KEFU) quiz timed
	expect "Start now? " {} timeout { exit 8 }
	send "y\r"
	expect "answer> " {} timeout { exit 9 }
	send "\004"
	expect eof
	wait
	exit 0' > "$T/log" 2>&1 || { cat "$T/log"; fail "the y/N before a timed exam"; }
[ "$(sql "SELECT count(*) FROM quiz_attempt")" = 1 ] || fail "$(sql "SELECT count(*) FROM quiz_attempt") attempts after N then y, not 1"
ok "a timed exam at a terminal shows its limit and attempts left and asks y/N; N records nothing"
# a drill typed key by key at a person's uneven pace (expect's send -h,
# about 0.1 s a key): a sane speed, live colours, and a character
# deleted counts as 回改
export KEFU_CONTENT="$CONTENT/drill" KEFU_DB="$T/drill.db"
"$KEFU" list > /dev/null
"$EXPECT" -c '
	set timeout 30
	set send_human {.1 .25 1 .05 .4}
	spawn $env(KEFU) drill en
	expect "> " {} timeout { exit 2 }
	send -h "Thanks for waiting, it shipx"
	expect -re "\\\[0;31;4m" {} timeout { exit 3 }
	send -h "\010s today."
	expect -re "\\\[0;32m" {} timeout { exit 4 }
	send "\r"
	expect "Speed:" {} timeout { exit 5 }
	expect eof
	exit [lindex [wait] 3]' > "$T/log" 2>&1 || { cat "$T/log"; fail "drill at a terminal"; }
row=$(sql "SELECT timed, backspaces, cast(round(accuracy) AS int), cast(net_speed AS int) FROM drill_result")
case "$row" in
"1|1|100|"*) ;;
*) fail "drill result: $row" ;;
esac
wpm=${row##*|}
# 35 characters, about 0.1 s apart and longer between words (some 120
# WPM), at random but never sooner than 0.05 s (240 WPM); allow a slow
# machine
[ "$wpm" -ge 30 ] && [ "$wpm" -le 250 ] || fail "speed $wpm WPM is not sane for keys about 0.1 s apart"
grep -q "; 1 corrected (回改)" "$T/log" || fail "the corrected character is not counted: $(cat "$T/log")"
[ "$(sql "SELECT counted FROM drill_result")" = 1 ] || fail "a full run typed at 0.1 s a key did not count: $(cat "$T/log")"
ok "a drill typed at a terminal: timed from keystrokes, coloured live, $wpm WPM"
echo "$passed passed, 0 failed"
