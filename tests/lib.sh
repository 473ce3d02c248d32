# lib.sh: set-up shared by the script tests. Each test gets a private
# home, database and state directory, and a fixed clock where it asks.
set -u
: "${KEFU:?run through make check}" "${top_srcdir:?run through make check}"
T=$(mktemp -d "${TMPDIR:-/tmp}/kefu-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
HOME="$T/home"
XDG_DATA_HOME="$T/data"
XDG_STATE_HOME="$T/state"
XDG_CACHE_HOME="$T/cache"
KEFU_DB="$T/kefu.db"
NO_COLOR=1
PAGER=cat
LC_ALL=C.UTF-8
export HOME XDG_DATA_HOME XDG_STATE_HOME XDG_CACHE_HOME KEFU_DB NO_COLOR PAGER LC_ALL
# messages in English whatever language the one running the tests reads
unset LANGUAGE
mkdir -p "$HOME"
CONTENT="$top_srcdir/tests/content"
EXPECTED="$top_srcdir/tests/expected"
LOGIN=$(id -un)
passed=0

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

ok() {
	passed=$((passed + 1))
	echo "ok $((passed + ${failed:-0})) - $*"
}

# test_case DESCRIPTION FUNCTION [ARG...]: runs one case in a subshell,
# so a failed check (fail) ends that case alone: it is reported "not ok"
# and the script goes on with the next. test_done ends the script, with
# a failure when any case failed. State a later case needs goes through
# files and the database, not variables.
failed=0
test_case() {
	_desc=$1
	shift
	if ("$@"); then
		ok "$_desc"
	else
		failed=$((failed + 1))
		echo "not ok $((passed + failed)) - $_desc"
	fi
}
test_done() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

# same FILE EXPECTED-NAME: compares FILE with tests/expected/NAME, with the
# login of whoever runs the tests written as @LOGIN@ there.
same() {
	sed "s/@LOGIN@/$LOGIN/g" "$EXPECTED/$2" > "$T/expected"
	diff -u "$T/expected" "$1" || fail "output differs from tests/expected/$2"
}

# wait_for FILE TEXT PID [ERRFILE]: waits (bounded) until FILE shows TEXT
# while process PID runs; fails if it ends first (showing FILE and
# ERRFILE) or the text never comes.
wait_for() {
	_n=0
	until grep -q "$2" "$1"; do
		_n=$((_n + 1))
		[ "$_n" -lt 3000 ] || fail "'$2' never showed"
		kill -0 "$3" 2> /dev/null ||
			fail "kefu ended before '$2': $(cat "$1" ${4:+"$4"})"
		sleep 0.01
	done
}

# sql STATEMENT: runs SQL on the test database (sqlite3 CLI).
sql() {
	[ -n "${SQLITE3:-}" ] || SQLITE3=sqlite3
	"$SQLITE3" -batch "$KEFU_DB" "$1"
}

# KEFU_REGEN=1 make check TESTS=tests/x.sh rewrites the expected files
# from what kefu prints: review the diff before committing it.
if [ -n "${KEFU_REGEN:-}" ]; then
	same() {
		sed "s/\b$LOGIN\b/@LOGIN@/g" "$1" > "$EXPECTED/$2"
	}
fi
