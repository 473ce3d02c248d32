# The shell driven by piping lines in: the same commands as the one-shot
# form, comments and blank lines skipped, quit ends it, no prompts printed.
. "$top_srcdir/tests/lib.sh"
export KEFU_CONTENT="$CONTENT/mini" KEFU_NOW=2026-03-01

"$KEFU" plan > /dev/null || fail "set-up"
printf '%s\n' '# a comment' '' 'study "hello"' 'plna' 'list stages' \
	'study hello 1 2' 'quit' 'plan' | "$KEFU" > "$T/out" 2> "$T/err"
rc=$?
same "$T/out" shell-pipe.out
same "$T/err" shell-pipe.err
ok "piped commands run in order and stop at quit"

printf 'plan\n' | "$KEFU" > "$T/piped"
"$KEFU" plan > "$T/oneshot"
cmp -s "$T/piped" "$T/oneshot" || fail "plan at the prompt differs from kefu plan"
ok "'plan' at the prompt and 'kefu plan' print the same"

printf 'study hello' | "$KEFU" > "$T/out" || fail "last line without newline"
grep -q '见到买家先问好' "$T/out" || fail "last line without newline not run"
ok "a last line without a newline still runs"

printf "study 'unclosed\nplan\n" | "$KEFU" > "$T/out" 2> "$T/err"
grep -q "unclosed quote" "$T/err" || fail "unclosed quote not reported"
grep -q "^Next:" "$T/out" || fail "the line after a bad one did not run"
ok "a bad line is reported and the next one runs"
[ "$rc" -eq 2 ] || fail "status of the last command before quit: $rc"
echo "$passed passed, 0 failed"
