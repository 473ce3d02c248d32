# Reliability: hostile text. Names, answers and content holding terminal
# escape sequences, control characters, right-to-left marks, SQL
# metacharacters and very long lines are stored verbatim and printed
# inert: no ESC, C0/C1 control or bidi control reaches the terminal, and
# a very long line is loaded and printed in bounded time and size.
. "$top_srcdir/tests/lib.sh"
export KEFU_NOW=2026-03-01T10:00:00

# hexof TEXT: the bytes of TEXT in hex, as SQLite's hex() writes them
hexof() { printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n' | tr a-f A-F; }
# inert FILE WHAT [crlf]: FILE holds no C0 control but newline (and, for
# CSV, CR), no DEL, no C1 control and no bidi control
inert() {
	od -An -v -tx1 "$1" | tr '\n' ' ' | tr -s ' ' > "$T/hex"
	if [ "${3:-}" = crlf ]; then c0='0[0-8bcef]'; else c0='0[0-8b-f]'; fi
	grep -Eq " ($c0|1[0-9a-f]|7f|c2 [89][0-9a-f]|e2 80 (8[ef]|a[a-e])|e2 81 a[6-9]|d8 9c)( |\$)" "$T/hex" &&
		fail "$2 printed control characters raw: $(head -c 600 "$1" | cat -v)"
	return 0
}
# a name and an answer made to hurt: a colour, a window title, clearing
# the screen, a C1 CSI, backspace and carriage return, right-to-left
# override and mark, isolates, and SQL; 64 characters, a name's most
NASTY=$(printf '\033[31m红\033]2;hi\007\033[2J\302\23331m a\bb\rc \342\200\256gnp.exe \342\200\217\342\201\246x\342\201\251 '"'"';DROP TABLE person--')

# ---- content ----
mkdir -p "$T/tree/quizzes" "$T/tree/curricula/drills"
long() { awk -v n="$1" -v s="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'; }
{
	cat <<'YAML'
quiz: hostile
title: "\e[31m红\e]2;owned\a\u202Eexe.txt'; DROP TABLE person;--"
shuffle: false
questions:
  - id: h1
    type: single
    text: "选\e[2J\x9b31m\u200F哪个? '; DROP TABLE quiz_answer;--"
    choices: ["\e[5m闪", "\u202Eabc", "普通\x7f"]
    answer: C
    explain: "\e[0m\u2066解释\u2069\x85"
  - id: h2
    type: fill
    text: "填\r\b\x01空 ____"
    answer: ["\u202Egood\e[0m"]
    explain: "\e]8;;http://evil\e\\link\e]8;;\e\\"
  - id: h3
    type: essay
YAML
	printf '    text: "写\\e[1m\\b\\r\\x01 '
	long 70000 长	# 70 000 characters on one line, 210 kB
	printf '"\n'
} > "$T/tree/quizzes/hostile.yaml"
cat > "$T/tree/curricula/drills/evil.yaml" <<'YAML'
drill: evil
title: "\e[2J\u202Edrill"
lines: ["正常的一行'; DROP TABLE drill_result;--"]
YAML
# a drill line at the most kefu scores, and one far longer
{ printf 'drill: long\ntitle: long\nlines:\n  - '; long 1000 好; printf '\n'; } > "$T/tree/curricula/drills/long.yaml"
{ printf 'drill: longer\ntitle: longer\nlines:\n  - '; long 20000 好; printf '\n'; } > "$T/longer.yaml"
export KEFU_CONTENT="$T/tree" KEFU_DB="$T/content.db"
"$KEFU" check > "$T/out" 2>&1 || fail "check: $(head -c 600 "$T/out" | cat -v)"
inert "$T/out" "check"
"$KEFU" list quizzes > "$T/out" 2>&1 || fail "list"
inert "$T/out" "list quizzes"
grep -q '\\x1b\[31m红\\x1b\]2;owned\\x07<U+202E>exe.txt' "$T/out" || fail "the title is not shown escaped: $(cat "$T/out")"
ok "content with escapes, C1 and bidi controls, SQL and a 70 000-character line loads; titles print inert"

# the quiz: what it shows, the end screen with the key, and the answers
# answers holding control characters are refused and asked again; SQL,
# quotes and bidi marks are text, stored as typed
FILL=$(printf "x'); DROP TABLE quiz_answer;--"'\342\200\256y')
ESSAY=$(printf '\342\200\256gnp.exe '"'"';DROP TABLE person--')
{ printf 'A\n%s\n%s\n' "$NASTY" "$FILL"; printf '%s' "$ESSAY"; long 3000 '答'; printf '\n.\n'; } > "$T/answers"
"$KEFU" quiz hostile < "$T/answers" > "$T/out" 2>&1 || fail "quiz: $(tail -c 600 "$T/out" | cat -v)"
inert "$T/out" "quiz"
grep -q "^Automatic part: 0 of 2 points right. Essays worth 1 point wait for " "$T/out" || fail "quiz score: $(grep Automatic "$T/out")"
grep -q "Not an answer kefu can read: an answer holds no control characters" "$T/out" ||
	fail "a control character was not refused: $(grep -c 'Not an answer' "$T/out")"
grep -q 'yours: x.); DROP TABLE quiz_answer;--<U+202E>y   right: <U+202E>good\\x1b\[0m' "$T/out" ||
	fail "end screen: $(grep yours "$T/out" | cat -v)"
size=$(wc -c < "$T/out")
[ "$size" -lt 400000 ] || fail "the quiz printed $size bytes for a 210 kB question"
[ "$(sql "SELECT count(*) FROM quiz_answer")" = 3 ] || fail "answers stored: $(sql "SELECT count(*) FROM quiz_answer")"
[ "$(sql "SELECT hex(response) FROM quiz_answer WHERE question = 'h2'")" = "$(hexof "$FILL")" ] || fail "the fill answer is not stored verbatim"
[ "$(sql "SELECT hex(response) FROM quiz_answer WHERE question = 'h3'")" = "$(hexof "$ESSAY$(long 3000 答)")" ] ||
	fail "the essay answer is not stored verbatim"
[ "$(sql "SELECT count(*) FROM sqlite_master WHERE name IN ('person', 'quiz_answer', 'drill_result')")" = 3 ] || fail "a table was dropped"
ok "answers with controls are refused; SQL, quotes and bidi marks are stored verbatim; the quiz prints them and the key inert, $size bytes"

for cmd in "progress" "review --list" "report trainee $LOGIN" "report stages" "plan"; do
	# shellcheck disable=SC2086
	"$KEFU" $cmd > "$T/out" 2>&1 < /dev/null
	inert "$T/out" "$cmd"
done
printf '正常的一行'"'"'; DROP TABLE drill_result;--\n' | "$KEFU" drill evil > "$T/out" 2>&1 || fail "drill: $(cat -v "$T/out")"
inert "$T/out" "drill"
grep -q "^Accuracy: 100.0%" "$T/out" || fail "drill: $(cat "$T/out")"
[ "$(sql "SELECT count(*) FROM drill_result")" = 1 ] || fail "drill result"
ok "progress, review, reports, plan and a drill print hostile content inert"

# the typed line is aligned with the target, in time and memory that grow
# with the square of the line: 20 000 characters took 3 GB and 15 s
{ long 1000 好; printf '\n'; } | "$KEFU" drill long > "$T/out" 2>&1 || fail "a 1000-character line: $(tail -3 "$T/out")"
grep -q "^Accuracy: 100.0%" "$T/out" || fail "a 1000-character line: $(tail -3 "$T/out")"
"$KEFU" check "$T/longer.yaml" > "$T/out" 2> "$T/err"
[ $? -eq 1 ] || fail "a 20 000-character drill line: status"
grep -q "longer.yaml:4:5: a drill line is at most 1000 characters; this one has 20000" "$T/err" ||
	fail "a 20 000-character drill line: $(cat "$T/err")"
[ "$(sql "SELECT count(*) FROM drill_result")" = 2 ] || fail "drill results"
ok "a drill line of 1000 characters is scored; kefu check refuses one of 20 000 with its place"

# ---- names ----
export KEFU_DB="$T/people.db" KEFU_CONTENT="$CONTENT/rel"
"$KEFU" people add wang --role trainee --name "$NASTY" > "$T/out" 2> "$T/err"
[ $? -eq 1 ] || fail "a name with control characters was taken"
grep -q "a name cannot hold control characters" "$T/err" || fail "$(cat -v "$T/err")"
inert "$T/err" "people add"
"$KEFU" people add wang --role trainee --name "$(printf 'x\342\200\256y')" > "$T/out" 2> "$T/err"
[ $? -eq 1 ] || fail "a name with a right-to-left override was taken"
[ "$(sql "SELECT count(*) FROM person WHERE login = 'wang'")" = 0 ] || fail "a refused name was stored"
"$KEFU" people add "wang';--" --role trainee > "$T/out" 2> "$T/err"
[ $? -eq 1 ] || fail "a login with SQL was taken"
inert "$T/err" "people add login"
SQLNAME="O'Brien \"老王\"; DROP TABLE person;-- 100% _ \\ 🙂 é"
"$KEFU" people add wang --role trainee --name "$SQLNAME" > "$T/out" 2>&1 || fail "people add: $(cat "$T/out")"
[ "$(sql "SELECT hex(name) FROM person WHERE login = 'wang'")" = "$(hexof "$SQLNAME")" ] || fail "the name is not stored verbatim"
"$KEFU" people list > "$T/out" 2>&1 || fail "people list"
grep -qF "$SQLNAME" "$T/out" || fail "people list: $(cat "$T/out")"
ok "names with control characters are refused; quotes, SQL, % _ \\ and emoji are stored verbatim"

# a name that got in some other way (another tool, an older kefu) still
# prints inert, in every format
sql "UPDATE person SET name = CAST(X'$(hexof "$NASTY")' AS TEXT) WHERE login = 'wang'"
[ "$(sql "SELECT hex(name) FROM person WHERE login = 'wang'")" = "$(hexof "$NASTY")" ] || fail "set-up of a raw name"
for cmd in "people list" "people list --format json" "report stages" "report stages --format json" "report trainee wang" "report overdue"; do
	# shellcheck disable=SC2086
	"$KEFU" $cmd > "$T/out" 2>&1 < /dev/null || fail "$cmd: $(cat -v "$T/out")"
	inert "$T/out" "$cmd"
done
for cmd in "people list --format csv" "report stages --format csv"; do
	# shellcheck disable=SC2086
	"$KEFU" $cmd > "$T/out" 2>&1 < /dev/null || fail "$cmd: $(cat -v "$T/out")"
	inert "$T/out" "$cmd" crlf
done
if command -v jq > /dev/null; then
	"$KEFU" people list --format json | jq -j '.rows[] | select(.login == "wang") | .name' > "$T/name"
	[ "$(od -An -v -tx1 "$T/name" | tr -d ' \n' | tr a-f A-F)" = "$(hexof "$NASTY")" ] ||
		fail "JSON does not give the name back verbatim: $(cat -v "$T/name")"
fi
"$KEFU" report stages --html "$T/team.html" > /dev/null 2>&1 || fail "report stages --html"
inert "$T/team.html" "the HTML report"
ok "a raw name with escapes prints inert as a table, CSV, JSON (which gives it back verbatim) and HTML"

# hostile text on the command line
"$KEFU" quiz "$NASTY" < /dev/null > "$T/out" 2>&1
[ $? -eq 1 ] || fail "quiz with a hostile id: status"
inert "$T/out" "quiz with a hostile id"
"$KEFU" people add wang --role "$NASTY" > "$T/out" 2>&1
[ $? -ne 0 ] || fail "a hostile role was taken"
inert "$T/out" "a hostile role"
ok "hostile ids and options are refused inert"
echo "$passed passed, 0 failed"
