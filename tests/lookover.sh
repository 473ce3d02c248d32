# Looking an attempt over before handing it in, changing an answer with
# goto N, and essays over several lines whose draft survives a kill:
# piped input here, the terminal in the second half.
. "$top_srcdir/tests/lib.sh"
export KEFU_CONTENT="$CONTENT/lookover" KEFU_NOW=2026-03-01T10:00:00
# fresh NAME: a database of its own for one case
fresh() {
	KEFU_DB="$T/$1.db"
	export KEFU_DB
	"$KEFU" list > /dev/null || fail "set-up of $1"
}
stored() { sql "SELECT response FROM quiz_answer WHERE question = '$1'"; }

exam_goto() {
	fresh goto
	# 错 for c1, then back to it from c2 with goto 1, 对 this time; the
	# paper goes on at c2, where it was left
	printf '错\ngoto 1\n对\nB\n先道歉，\n请您拍一下照片。\n.\n' |
		"$KEFU" quiz checkup > "$T/out" 2>&1 || fail "run: $(cat "$T/out")"
	grep -q "^  Your answer now: false (错)$" "$T/out" || fail "the answer given not shown: $(cat "$T/out")"
	[ "$(stored c1)" = true ] || fail "c1 not changed: $(stored c1)"
	[ "$(stored c2)" = 1 ] || fail "c2 not answered where the paper was left: $(stored c2)"
	grep -q "^Look over before handing in: 3 of 3 questions answered$" "$T/out" ||
		fail "no look-over: $(cat "$T/out")"
	grep -q "^  1  true or false  退换货申请要在5分钟内回复。 *true (对)$" "$T/out" &&
		grep -q "^  3  essay  *写出收到破损商品时的前两三条…   先道歉， (13 characters)$" "$T/out" ||
		fail "look-over lines: $(grep -A4 "^Look over" "$T/out")"
	grep -q "^Automatic part: 2 of 2 points right. Essays worth 2 points wait for " "$T/out" ||
		fail "handed in: $(tail -4 "$T/out")"
}
test_case "an exam's answer changes with goto N before handing in; the paper goes on where it was left" exam_goto

practice_stands() {
	fresh practice
	# a practice answer was marked with its key: it stands
	printf '错\ngoto 1\ngoto 9\nB\n' | "$KEFU" quiz drill-up > "$T/out" 2>&1 || fail "run: $(cat "$T/out")"
	grep -q "^  Question 1 was answered and marked right or wrong; its answer stands.$" "$T/out" ||
		fail "goto to a marked answer: $(cat "$T/out")"
	grep -q "^  There is no question 9: the paper has questions 1 to 2.$" "$T/out" ||
		fail "goto out of the paper: $(cat "$T/out")"
	[ "$(stored d1)" = false ] || fail "a marked answer changed"
	grep -q "^Score: 1 of 2 points, 50%" "$T/out" || fail "score: $(tail -3 "$T/out")"
}
test_case "a practice answer marked right or wrong cannot be changed; goto outside the paper is refused" practice_stands

unanswered() {
	fresh unanswered
	# skip c2; at the hand-in question go to it, answer; then all is in
	printf '对\nskip\n第2题之后\n.\ngoto 2\nB\n' | "$KEFU" quiz checkup > "$T/out" 2>&1 ||
		fail "run: $(cat "$T/out")"
	grep -q "^  2  single choice  .*  (unanswered)$" "$T/out" || fail "unanswered not listed: $(cat "$T/out")"
	[ "$(stored c2)" = 1 ] || fail "c2 not answered after goto at the hand-in question"
	[ "$(sql "SELECT state FROM quiz_attempt")" = pending ] || fail "not handed in: $(tail -5 "$T/out")"
}
test_case "the look-over lists an unanswered question; goto N at the hand-in question answers it" unanswered

essay_lines() {
	fresh essay
	# two lines typed, then the input ends (a closed terminal): the
	# draft is kept, not handed in, and shown again to go on with
	printf '对\nB\n亲，非常抱歉！\n麻烦您拍一下破损的地方，\n' | "$KEFU" quiz checkup > "$T/out" 2>&1 ||
		fail "first run: $(cat "$T/out")"
	[ "$(stored c3)" = "" ] || fail "a draft was stored as the answer"
	[ "$(sql "SELECT text FROM answer_draft")" = "$(printf '亲，非常抱歉！\n麻烦您拍一下破损的地方，')" ] ||
		fail "draft: $(sql "SELECT text FROM answer_draft")"
	printf '我们马上为您补发。\n.\n' | "$KEFU" quiz checkup > "$T/out" 2>&1 || fail "second run: $(cat "$T/out")"
	grep -q "^  Your draft so far:$" "$T/out" && grep -q "^    麻烦您拍一下破损的地方，$" "$T/out" ||
		fail "the draft not shown: $(cat "$T/out")"
	[ "$(stored c3)" = "$(printf '亲，非常抱歉！\n麻烦您拍一下破损的地方，\n我们马上为您补发。')" ] ||
		fail "essay stored: $(stored c3)"
	[ "$(sql "SELECT count(*) FROM answer_draft")" = 0 ] || fail "the draft stayed after the answer"
}
test_case "an essay takes several lines up to '.'; its draft outlives a closed input and is shown again" essay_lines

if [ -z "${EXPECT:-}" ] || ! [ -x "$EXPECT" ]; then
	echo "SKIP: expect is not installed: the terminal cases"
	test_done
	exit $?
fi

terminal() {
	fresh terminal
	# an editor that rewrites the draft: what it saves is the answer
	cat > "$T/editor" <<'SH'
#!/bin/sh
sed -i 's/草稿/定稿/' "$1"
echo "（附图说明）" >> "$1"
SH
	chmod +x "$T/editor"
	TERM=xterm EDITOR="$T/editor" VISUAL= "$EXPECT" -c '
		set timeout 10
		proc bail {what} { puts "\nFAIL: $what"; exit 1 }
		spawn $env(KEFU) quiz checkup
		expect "answer> " {} timeout { bail "no answer prompt" }
		send "错\r"
		expect "Question 2/3" {} timeout { bail "no question 2" }
		send "B\r"
		expect "Question 3/3" {} timeout { bail "no question 3" }
		expect "answer> " {} timeout { bail "no essay prompt" }
		send "这是草稿第一行\r"
		expect "      > " {} timeout { bail "no second line prompt" }
		send "第二行\030\005"
		expect "Your answer as it stands:" {} timeout { bail "the editor was not run" }
		expect "（附图说明）" {} timeout { bail "the edited text not shown" }
		expect "      > " {} timeout { bail "no prompt after the editor" }
		send ".\r"
		expect "Hand in now?" {} timeout { bail "no hand-in question" }
		send "n\r"
		expect "Not handed in." {} timeout { bail "no was not taken as no" }
		send "goto 1\r"
		expect "Your answer now: false" {} timeout { bail "goto did not show the answer" }
		send "对\r"
		expect "Look over before handing in: 3 of 3" {} timeout { bail "no look-over again" }
		expect "Hand in now?" {} timeout { bail "no second hand-in question" }
		send "y\r"
		expect "Automatic part: 2 of 2 points right" {} timeout { bail "not handed in" }
		expect eof
		exit [lindex [wait] 3]' > "$T/log" 2>&1 || { cat "$T/log"; fail "the terminal session"; }
	[ "$(stored c3)" = "$(printf '这是定稿第一行\n第二行\n（附图说明）')" ] || fail "essay stored: $(stored c3)"
	[ "$(stored c1)" = true ] || fail "c1 not changed at the terminal"
}
test_case "at a terminal: Ctrl-X Ctrl-E edits the essay in \$EDITOR; the look-over asks, goto N changes, y hands in" terminal

test_done
