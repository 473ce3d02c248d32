# The notebook (错题本) and spaced review end to end, on Anki's schedule:
# a miss is learnt in steps of 1 and 10 minutes in the same session,
# then hard, good and easy give different day intervals.
. "$top_srcdir/tests/lib.sh"
export KEFU_CONTENT="$CONTENT/quiz" KEFU_NOW=2026-03-01T10:00:00

"$KEFU" list > /dev/null || fail "set-up"
"$KEFU" review > "$T/out" || fail "empty review"
grep -q "^Nothing is due for review" "$T/out" || fail "empty review: $(cat "$T/out")"
"$KEFU" review --list > "$T/out" || fail "empty list"
grep -q "notebook is empty" "$T/out" || fail "empty list: $(cat "$T/out")"
ok "an empty notebook says so"

printf '错\n错\n对\n' | "$KEFU" quiz tf > /dev/null 2>&1 || fail "quiz"
[ "$(sql "SELECT count(*) FROM review_item")" = 2 ] || fail "two misses, not $(sql "SELECT count(*) FROM review_item")"

# each rating shows the wait it gives; good and hard keep a card in
# learning, so both come back in the session; then good graduates to a
# day and easy to four
printf '对\n\n对\nh\n对\n\n对\ne\n' | "$KEFU" review > "$T/out" 2>&1 || fail "review"
grep -q "^2 questions to review.$" "$T/out" || fail "count: $(cat "$T/out")"
grep -q "How was it?  h hard 6 min · Enter good 10 min · e easy 4 days · a again 1 min" "$T/out" ||
	fail "the first step's waits: $(cat "$T/out")"
grep -q "^  Good: back in 10 min, in this session.$" "$T/out" &&
	grep -q "^  Hard: back in 6 min, in this session.$" "$T/out" || fail "learning steps: $(cat "$T/out")"
[ "$(grep -c "^Review [34]/4  (again)" "$T/out")" = 2 ] || fail "not asked again in the session: $(cat "$T/out")"
grep -q "How was it?  h hard 10 min · Enter good 1 day · e easy 4 days" "$T/out" ||
	fail "the second step's waits: $(cat "$T/out")"
grep -q "^  Good: next review 2026-03-02, in 1 day.$" "$T/out" &&
	grep -q "^  Easy: next review 2026-03-05, in 4 days.$" "$T/out" || fail "graduation: $(cat "$T/out")"
grep -q "^Reviewed 4: 4 right, 0 wrong.$" "$T/out" || fail "summary: $(cat "$T/out")"
[ "$(joined "SELECT rating FROM review_log ORDER BY id")" = \
	"good hard good easy" ] || fail "log: $(sql "SELECT * FROM review_log")"
ok "a miss is learnt in the session in steps; hard, good and easy give different waits, every review logged"

"$KEFU" review > "$T/out" || fail "review again"
grep -q "^Nothing is due" "$T/out" || fail "reviewed cards still due"
KEFU_NOW=2026-03-02T10:05:00 "$KEFU" review --list > "$T/out" || fail "list"
[ "$(grep -c '  now$' "$T/out")" = 1 ] || fail "list when due: $(cat "$T/out")"
ok "nothing is due until the interval has passed"

# a day later, on day intervals: the three buttons a day apart at least
printf '对\n\n' | KEFU_NOW=2026-03-02T10:05:00 "$KEFU" review > "$T/out" 2>&1 || fail "second review"
grep -q "How was it?  h hard 2 days · Enter good 3 days · e easy 4 days · a again 10 min" "$T/out" ||
	fail "day waits: $(cat "$T/out")"
grep -q "^  Good: next review 2026-03-05, in 3 days.$" "$T/out" || fail "good: $(cat "$T/out")"
ok "on day intervals hard, good and easy differ (2, 3 and 4 days from one)"

# a lapse: the ease goes down and the card is relearnt from 10 minutes;
# both cards due now are missed, come back, and are answered right
printf '错\n错\n对\n\n对\n\n' | KEFU_NOW=2026-03-05T11:00:00 "$KEFU" review > "$T/out" 2>&1 || fail "lapse"
grep -q "✗ wrong: the answer is true (对)" "$T/out" || fail "a miss does not show the answer"
[ "$(grep -c "^  Again: back in 10 min, in this session.$" "$T/out")" = 2 ] || fail "relearning: $(cat "$T/out")"
[ "$(grep -c "^  Good: next review 2026-03-06, in 1 day.$" "$T/out")" = 2 ] || fail "relearnt: $(cat "$T/out")"
[ "$(sql "SELECT max(misses) FROM review_item")" = 2 ] || fail "a miss in review not counted"
[ "$(joined "SELECT ease_after FROM review_log WHERE rating = 'again' ORDER BY ease_after")" = "2.3 2.3" ] ||
	fail "lapse ease: $(sql "SELECT * FROM review_log WHERE rating = 'again'")"
ok "a miss in review lowers the ease and is relearnt in the session"

printf '\n对\n' | KEFU_NOW=2026-03-06T11:00:00 "$KEFU" review > "$T/out" 2>&1
[ $? -eq 0 ] || fail "review ended by end of input"
# an empty answer is asked again; a review has no 'skip' to offer
grep -q "Not an answer kefu can read: type an answer.$" "$T/out" || fail "empty answer: $(cat "$T/out")"
grep -q "skip" "$T/out" && fail "review offers skip: $(cat "$T/out")"
grep -q "How was it" "$T/out" || fail "no rating prompt"
[ "$(sql "SELECT count(*) FROM review_log")" = 10 ] || fail "the answered review was not kept: $(sql "SELECT count(*) FROM review_log")"
ok "end of input during a review keeps what was answered"

if [ -z "${EXPECT:-}" ] || ! [ -x "$EXPECT" ]; then
	echo "SKIP: expect is not installed: the terminal case"
	test_done
	exit $?
fi

# at a terminal a rating is one key, and the rating line is cleared
export KEFU_DB="$T/pty.db"
"$KEFU" list > /dev/null
printf '错\n错\n对\n' | "$KEFU" quiz tf > /dev/null 2>&1 || fail "pty quiz"
TERM=xterm "$EXPECT" -c '
	set timeout 10
	proc bail {what} { puts "\nFAIL: $what"; exit 1 }
	spawn $env(KEFU) review
	expect "answer> " {} timeout { bail "no answer prompt" }
	send "对\r"
	expect "Enter good 10 min" {} timeout { bail "no rating prompt" }
	# a key that rates nothing rings and asks again; h rates at once
	send "x"
	expect "\a" {} timeout { bail "no bell" }
	send "h"
	expect -re "\r\033\\\[K  Hard: back in 6 min" {} timeout { bail "h did not rate at one key, or the line stayed" }
	expect "answer> " {} timeout { bail "no second question" }
	send "对\r"
	expect "Enter good 10 min" {} timeout { bail "no second rating prompt" }
	send "\r"
	expect "Good: back in 10 min" {} timeout { bail "Enter did not rate good" }
	expect "answer> " {} timeout { bail "the learning card did not come back" }
	send "\004"
	expect eof
	exit [lindex [wait] 3]' > "$T/log" 2>&1 || { cat "$T/log"; fail "the terminal session"; }
[ "$(joined "SELECT rating FROM review_log ORDER BY id")" = "hard good" ] ||
	fail "pty log: $(sql "SELECT * FROM review_log")"
ok "at a terminal h, e and Enter rate at one key, a stray key rings, the line is redrawn clean"
test_done
