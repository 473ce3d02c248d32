# The command line: --help, --version, help for every command, usage
# errors, unknown commands, and write errors.
. "$top_srcdir/tests/lib.sh"
export KEFU_CONTENT="$CONTENT/mini"

"$KEFU" --version > "$T/out" || fail "--version"
grep -q '^kefu [0-9]' "$T/out" || fail "--version output"
"$KEFU" --help > "$T/out" || fail "--help"
grep -q '^Usage: kefu \[OPTION\]... \[COMMAND \[ARG\]...\]$' "$T/out" || fail "--help usage line"
ok "--version and --help"

for c in $(sed -n 's/^  \([a-z]*\)  *.*/\1/p' "$T/out" | sed -n '1,/^quit$/p'); do
	"$KEFU" help "$c" > "$T/h" || fail "help $c"
	grep -q "^usage: kefu $c" "$T/h" || fail "help $c: no usage line"
	[ "$(wc -l < "$T/h")" -ge 4 ] || fail "help $c is too short"
	"$KEFU" "$c" --help > "$T/h2" 2>&1
	[ "$c" = quit ] || cmp -s "$T/h" "$T/h2" || fail "$c --help differs from help $c"
	n=$((${n:-0} + 1))
done
[ "${n:-0}" -ge 6 ] || fail "only ${n:-0} commands in --help"
ok "help for each of the $n commands in --help"

"$KEFU" halp 2> "$T/err"
[ $? -eq 2 ] || fail "unknown command: exit status"
grep -q "^kefu: no command 'halp' (did you mean 'help'?)$" "$T/err" || fail "unknown command: $(cat "$T/err")"
"$KEFU" "$(printf 'pl\033]2;owned\007an')" 2> "$T/err"
[ $? -eq 2 ] || fail "hostile command: exit status"
grep -q 'no command .pl\\x1b\]2;owned\\x07an.' "$T/err" || fail "hostile command: $(cat -v "$T/err")"
grep -q "$(printf '\033')" "$T/err" && fail "an escape sequence reached the terminal"
ok "an unknown command: exit 2 and a suggestion; its text printed inert"

"$KEFU" plan --bogus 2> "$T/err"
[ $? -eq 2 ] || fail "bad option: exit status"
grep -q '^usage: kefu plan \[--all | STAGE\]$' "$T/err" || fail "bad option: $(cat "$T/err")"
"$KEFU" --bogus 2> "$T/err"
[ $? -eq 2 ] || fail "bad global option: exit status"
"$KEFU" study hello 1 2 2> "$T/err"
[ $? -eq 2 ] || fail "study with too many words: exit status"
ok "usage errors exit 2 with the usage"

if [ -w /dev/full ]; then
	"$KEFU" --help > /dev/full 2> "$T/err" && fail "--help >/dev/full succeeded"
	grep -q "write error" "$T/err" || fail "no write error message"
	ok "a full disk on stdout is an error"
fi
"$KEFU" --version >&- 2> "$T/err" && fail "--version with stdout closed succeeded"
grep -q "write error" "$T/err" || fail "closed stdout: no write error message"
ok "a closed stdout is an error"

"$KEFU" --db "$T/other.db" list > "$T/out" || fail "list"
[ -f "$T/other.db" ] || fail "--db not used"
[ -e "$KEFU_DB" ] && fail "KEFU_DB used despite --db"
grep -q '^  hello  *欢迎词  *(入门)$' "$T/out" || fail "list lessons: $(cat "$T/out")"
grep -q '^  basics  *基础题  *(practice)$' "$T/out" || fail "list quizzes"
grep -q '^  hi-lines  *问候  *(字/分)$' "$T/out" || fail "list drills"
grep -q '^  mini  *小店客服速成  *(enrolled)$' "$T/out" || fail "list curricula"
ok "--db wins over KEFU_DB; list shows ids"
echo "$passed passed, 0 failed"
