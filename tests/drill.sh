# Typing drills end to end with piped lines: accuracy by alignment, the
# result stored as practice (piped lines meet no gate), progress and
# usage errors. Typing at a terminal is in pty.sh and typing.sh.
. "$top_srcdir/tests/lib.sh"
export KEFU_CONTENT="$CONTENT/drill" KEFU_NOW=2026-03-01T10:00:00

"$KEFU" list > /dev/null || fail "set-up"
# with no run marked *, no key to the *
"$KEFU" progress > "$T/out" || fail "progress before any run"
grep -q "counts for no gate" "$T/out" && fail "the * key with nothing marked: $(cat "$T/out")"
# one character left out of line 1 (8 characters), line 2 right
printf '亲欢迎光临小店\n现在下单今天发货\n' | "$KEFU" drill welcome > "$T/out" 2>&1 || fail "drill: $(cat "$T/out")"
grep -q "^2 lines typed.$" "$T/out" || fail "lines: $(cat "$T/out")"
grep -q "^Accuracy: 93.8% of the lines" "$T/out" || fail "accuracy (1 edit in 16): $(cat "$T/out")"
grep -q "^Speed:    not measured (the lines were piped in, not typed)$" "$T/out" || fail "speed line"
grep -q "^Mistyped: ,×1$" "$T/out" || fail "mistyped: $(cat "$T/out")"
grep -q "^Counted:  no — practice: lines piped in, not typed at a terminal$" "$T/out" || fail "verdict: $(cat "$T/out")"
grep -q "^Gate:     30 字/分 at 90% accuracy — not met: this run does not count$" "$T/out" || fail "gate: $(cat "$T/out")"
[ "$(sql "SELECT typed, correct, timed, accuracy, counted, why FROM drill_result")" = "15|15|0|93.75|0|piped" ] ||
	fail "stored: $(sql "SELECT * FROM drill_result")"
ok "a piped drill: accuracy aligned by edit distance, stored as practice"

"$KEFU" plan > "$T/out" || fail "plan"
grep -q '\[~\] drill  *welcome  *欢迎话术  *1 practice run, none counted yet; needs 30 字/分 at 90% accuracy$' "$T/out" ||
	fail "plan: $(cat "$T/out")"
ok "piped lines prove no speed: the speed gate stays open, and a practice speed is no best"

# not even a gate on accuracy alone: piped lines are not typing
printf 'Thanks for waiting, it ships today.\n' | "$KEFU" drill en > "$T/out" 2>&1 || fail "en"
grep -q "^Gate:     90% accuracy — not met: this run does not count$" "$T/out" || fail "en gate: $(cat "$T/out")"
"$KEFU" plan > "$T/out" || fail "plan after en"
grep -q '\[~\] drill  *en ' "$T/out" || fail "en done by piped lines: $(cat "$T/out")"
"$KEFU" report trainee "$(id -un)" --format csv > "$T/out" || fail "transcript"
grep -q ",drill,en,36 WPM 100%\|,drill,en,0 WPM 100% (piped)" "$T/out" || fail "transcript: $(cat "$T/out")"
ok "an accuracy-only gate is not met by piped lines either; the transcript marks them"

printf '好的\n' | "$KEFU" drill spare > "$T/out" 2>&1 || fail "spare"
grep -q "^Practice: this drill is not a module of your plan, so it gates nothing.$" "$T/out" || fail "practice"
ok "a drill outside the plan is practice"

# --time keeps giving lines until the time is up: here the input ends first.
# Five minutes on: each process's clock starts at KEFU_NOW, so a slow
# first run could otherwise be stored later than this one
export KEFU_NOW=2026-03-01T10:05:00
printf '%s\n' 亲,欢迎光临小店 现在下单今天发货 亲,欢迎光临小店 现在下单今天发货 亲,欢迎光临小店 |
	"$KEFU" drill welcome --time 10m > "$T/out" 2>&1 || fail "--time"
grep -q "^5 lines typed.$" "$T/out" || fail "--time did not cycle the lines: $(cat "$T/out")"
grep -q "600 s from your first keystroke" "$T/out" || fail "--time not shown"
"$KEFU" plan > "$T/out" || fail "plan after three runs"
grep -q 'welcome .*; latest 0 at 100%$' "$T/out" || fail "plan does not show the latest run: $(cat "$T/out")"
ok "--time cycles the lines; the plan shows the latest run"

printf '现在下单今天发货\n亲,欢迎光临小店\n' | "$KEFU" drill welcome --random > "$T/out" 2>&1 || fail "random"
[ "$(grep -c '^  亲,欢迎光临小店$\|^  现在下单今天发货$' "$T/out")" = 2 ] || fail "--random lost a line"
ok "--random shows every line once"

: | "$KEFU" drill welcome > "$T/out" 2>&1 || fail "empty input"
grep -q "nothing was recorded" "$T/out" || fail "empty input: $(cat "$T/out")"
[ "$(sql "SELECT count(*) FROM drill_result WHERE drill = 'welcome'")" = 3 ] || fail "an empty run was stored"
ok "a drill with nothing typed records nothing"

"$KEFU" progress > "$T/out" || fail "progress"
grep -q "^  welcome  best     - 字/分      -  latest" "$T/out" || fail "progress: $(cat "$T/out")"
grep -q "^\* practice: counts for no gate" "$T/out" || fail "no key to the *: $(cat "$T/out")"
grep -q "^           \* latest: practice: lines piped in" "$T/out" || fail "progress does not say why: $(cat "$T/out")"
grep -q "(3 runs)" "$T/out" || fail "progress runs: $(cat "$T/out")"
ok "progress lists drills with best (of counted runs only), latest, why it is practice, and runs"

"$KEFU" drill welcom < /dev/null 2> "$T/err"
[ $? -eq 1 ] || fail "unknown drill: status"
grep -q "no drill 'welcom' (did you mean 'welcome'?)" "$T/err" || fail "unknown drill: $(cat "$T/err")"
"$KEFU" drill welcome --time soon < /dev/null 2> "$T/err"
[ $? -eq 2 ] || fail "bad --time: status"
ok "unknown drills and bad options are refused"
echo "$passed passed, 0 failed"
