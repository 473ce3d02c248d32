# Answers are bounded and honest: a NUL, a control character or a byte
# that is not UTF-8 is refused with a hint and the question asked again,
# never cut; an answer holds at most 500 characters (an essay 4 000); a
# line far longer is read in pieces, never held whole, and never stored.
. "$top_srcdir/tests/lib.sh"
export KEFU_CONTENT="$CONTENT/quiz" KEFU_NOW=2026-03-01T10:00:00

HINT="  Not an answer kefu can read:"
LINE="  This line of the essay is not taken:"
# fresh NAME: a database of its own for one case
fresh() {
	KEFU_DB="$T/$1.db"
	export KEFU_DB
	"$KEFU" list > /dev/null || fail "set-up of $1"
}
# repeat N TEXT: TEXT N times, no newline
repeat() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }
# stored QUESTION: the stored response to QUESTION
stored() { sql "SELECT response FROM quiz_answer WHERE question = '$1'"; }

nul() {
	fresh nul
	# scored as 'A' once: the NUL cut the line short
	printf 'A\0B\nB\n' | "$KEFU" quiz all-types > "$T/out" 2>&1 || fail "quiz: $(tail -3 "$T/out")"
	grep -qx "$HINT an answer holds no control characters such as a tab; this one has U+0000." "$T/out" ||
		fail "no hint for a NUL: $(cat "$T/out")"
	[ "$(sql "SELECT count(*) FROM quiz_answer")" = 1 ] || fail "answers stored: $(sql "SELECT question FROM quiz_answer")"
	[ "$(sql "SELECT count(*) FROM quiz_answer WHERE instr(CAST(response AS BLOB), X'00') > 0")" = 0 ] ||
		fail "an answer with a NUL was stored"
	grep -q "^  ✓ right" "$T/out" || fail "the answer after the hint is not the first question's: $(cat "$T/out")"
}
test_case "an answer holding a NUL is refused with a hint, not cut; the question is asked again" nul

controls() {
	fresh controls
	# a tab, ESC, DEL, C1 NEL, CR inside the line, a byte that is not UTF-8
	printf 'A\tB\n\033[31mB\nB\177\n\302\205B\nB\rC\n\377B\nB\n' |
		"$KEFU" quiz all-types > "$T/out" 2>&1 || fail "quiz: $(tail -3 "$T/out")"
	for cp in 0009 001B 007F 0085 000D; do
		grep -qx "$HINT an answer holds no control characters such as a tab; this one has U+$cp." "$T/out" ||
			fail "no hint for U+$cp: $(cat "$T/out")"
	done
	grep -qx "$HINT byte 1 is not UTF-8 text (is the terminal set to UTF-8?)." "$T/out" ||
		fail "no hint for a byte that is not UTF-8: $(cat "$T/out")"
	[ "$(grep -c "^$HINT" "$T/out")" = 6 ] || fail "hints: $(grep -c "^$HINT" "$T/out")"
	[ "$(sql "SELECT count(*) FROM quiz_answer")" = 1 ] || fail "a refused answer was stored"
	grep -q "^  ✓ right" "$T/out" || fail "the readable answer was not taken"
}
test_case "control characters (C0, DEL, C1) and bytes that are not UTF-8 are refused with a hint" controls

fill() {
	fresh fill
	# 600 Chinese characters are 1 800 bytes: characters count, not bytes
	{
		printf 'B\nAC\nABD\n错\n'	# all-types is not shuffled
		repeat 600 五
		printf '\n'
		repeat 500 五
		printf '\n'
	} | "$KEFU" quiz all-types > "$T/out" 2>&1 || fail "quiz: $(tail -3 "$T/out")"
	grep -qx "$HINT an answer holds at most 500 characters; this one has 600." "$T/out" ||
		fail "no hint for 600 characters: $(grep "^$HINT" "$T/out")"
	[ "$(grep -c "^$HINT" "$T/out")" = 1 ] || fail "500 characters were refused"
	[ "$(stored minutes)" = "$(repeat 500 五)" ] || fail "the fill answer stored has $(sql "SELECT length(response) FROM quiz_answer WHERE question = 'minutes'") characters"
}
test_case "a fill answer of 600 characters is refused with the limit in the hint; 500 are taken whole" fill

essay() {
	fresh essay
	{
		printf '对\n'
		repeat 4001 答
		printf '\n'
		repeat 4000 答
		# an essay ends at a line holding only '.'; one more character
		# would take it over the limit
		printf '\n再\n.\n'
	} | "$KEFU" quiz essay --seed 3 > "$T/out" 2>&1 || fail "quiz: $(tail -3 "$T/out")"
	grep -qx "$LINE an answer holds at most 4000 characters; this one has 4001." "$T/out" ||
		fail "no hint for 4 001 characters: $(grep "^$LINE" "$T/out")"
	grep -qx "$LINE an answer holds at most 4000 characters; with this line it would have 4002." "$T/out" ||
		fail "no hint for a line over the limit: $(grep "^$LINE" "$T/out")"
	[ "$(grep -c "^$LINE" "$T/out")" = 2 ] || fail "4 000 characters were refused"
	[ "$(sql "SELECT length(response) FROM quiz_answer WHERE question = 'angry'")" = 4000 ] ||
		fail "the essay stored is not the 4 000 characters given"
}
test_case "an essay of 4 001 characters is refused with the limit in the hint; 4 000 are taken whole" essay

huge() {
	fresh huge
	# 64 MiB in one line: read in pieces, never held whole
	{
		printf '对\n'
		head -c 67108864 /dev/zero | tr '\0' a
		printf '\n先安抚,再查物流。\n.\n'
	} | "$PEAK_RSS" "$T/rss" "$KEFU" quiz essay --seed 3 > "$T/out" 2>&1 || fail "quiz: $(tail -c 600 "$T/out")"
	grep -qx "$LINE an answer holds at most 4000 characters; this one has more than 4000." "$T/out" ||
		fail "no hint for a 64 MiB line: $(grep "^$LINE" "$T/out" | head -c 600)"
	[ "$(stored angry)" = "先安抚,再查物流。" ] || fail "the answer after the hint was not stored"
	[ "$(sql "SELECT max(length(response)) FROM quiz_answer")" -le 9 ] || fail "the 64 MiB line was stored"
	size=$(wc -c < "$T/out")
	[ "$size" -lt 10000 ] || fail "the quiz printed $size bytes"
	# sanitizers keep memory of their own: the bound is for a plain build
	if [ -z "${KEFU_SANITIZED:-}" ]; then
		[ "$(cat "$T/rss")" -lt 32768 ] || fail "kefu used $(cat "$T/rss") KiB for a 64 MiB line"
	fi
}
test_case "a 64 MiB answer line is refused and never held whole nor stored" huge

review() {
	fresh review
	printf '错\n错\n对\n' | "$KEFU" quiz tf > /dev/null 2>&1 || fail "quiz"
	printf '对\0错\n对\n\n对\n\n' | "$KEFU" review > "$T/out" 2>&1 || fail "review: $(tail -3 "$T/out")"
	grep -qx "$HINT an answer holds no control characters such as a tab; this one has U+0000." "$T/out" ||
		fail "no hint for a NUL in review: $(cat "$T/out")"
	grep -q "^Reviewed 2: 2 right, 0 wrong.$" "$T/out" || fail "review: $(cat "$T/out")"
}
test_case "a review answer holding a NUL is refused the same way" review

test_done
