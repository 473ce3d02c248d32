# The notebook (错题本) and spaced review end to end.
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

# right, rated good then hard: the first review is due in a day either way
printf '对\n\n对\nh\n' | "$KEFU" review > "$T/out" 2>&1 || fail "review"
grep -q "^2 questions to review.$" "$T/out" || fail "count: $(cat "$T/out")"
[ "$(grep -c "Next review: 2026-03-02 (in 1 day)" "$T/out")" = 2 ] || fail "intervals: $(cat "$T/out")"
grep -q "^Reviewed 2: 2 right, 0 wrong.$" "$T/out" || fail "summary"
[ "$(sql "SELECT group_concat(rating || ':' || interval_before || '>' || interval_after || '@' || ease_after, ' ')
	FROM (SELECT * FROM review_log ORDER BY rating)")" = "good:0.0>1.0@2.5 hard:0.0>1.0@2.35" ] ||
	fail "log: $(sql "SELECT * FROM review_log")"
ok "right answers are rated and scheduled a day on; every review is logged"

"$KEFU" review > "$T/out" || fail "review again"
grep -q "^Nothing is due" "$T/out" || fail "reviewed cards still due"
KEFU_NOW=2026-03-02T10:05:00 "$KEFU" review --list > "$T/out" || fail "list"
[ "$(grep -c '  1  now$' "$T/out")" = 2 ] || fail "list when due: $(cat "$T/out")"
ok "nothing is due until the interval has passed"

# a day later: one right (6 days next), one wrong (back to 1 day, ease down)
printf '对\n\n错\n' | KEFU_NOW=2026-03-02T10:05:00 "$KEFU" review > "$T/out" 2>&1 || fail "second review"
grep -q "in 6 days" "$T/out" || fail "second good review is not 6 days: $(cat "$T/out")"
grep -q "✗ wrong: the answer is true (对)" "$T/out" || fail "a miss does not show the answer"
[ "$(sql "SELECT max(misses) FROM review_item")" = 2 ] || fail "a miss in review not counted"
[ "$(sql "SELECT count(*) FROM review_log WHERE rating = 'again'")" = 1 ] || fail "miss not logged"
ok "a right answer moves to 6 days; a miss starts over and counts"

printf '\n对\n' | KEFU_NOW=2026-03-03T11:00:00 "$KEFU" review > "$T/out" 2>&1
[ $? -eq 0 ] || fail "review ended by end of input"
# an empty answer is asked again; a review has no 'skip' to offer
grep -q "Not an answer kefu can read: type an answer.$" "$T/out" || fail "empty answer: $(cat "$T/out")"
grep -q "skip" "$T/out" && fail "review offers skip: $(cat "$T/out")"
grep -q "How was it" "$T/out" || fail "no rating prompt"
[ "$(sql "SELECT count(*) FROM review_log")" = 5 ] || fail "the answered review was not kept"
ok "end of input during a review keeps what was answered"
echo "$passed passed, 0 failed"
