# lib.sh: set-up shared by the script tests. Each test gets a private
# home, database and state directory, and a fixed clock where it asks.
set -u
: "${KEFU:?run through make check}" "${top_srcdir:?run through make check}"
T=$(mktemp -d "${TMPDIR:-/tmp}/kefu-test.XXXXXX")
trap '[ -n "${KEEP_T:-}" ] || rm -rf "$T"' EXIT
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
# KEFU_TEST_ENGINE=postgresql: the test's database is a PostgreSQL one
# of its own, on the suite's throwaway cluster (tests/pg-cluster.sh)
KEFU_TEST_ENGINE=${KEFU_TEST_ENGINE:-sqlite}
if [ "$KEFU_TEST_ENGINE" = postgresql ]; then
	. "$top_srcdir/tests/pg-cluster.sh"
	pg_cluster up || fail "cannot start a PostgreSQL cluster for the tests"
	PG_DB=$(basename "$T" | tr 'A-Z.-' 'a-z__')
	KEFU_DB=$(pg_database "$PG_DB") || fail "cannot create a PostgreSQL database"
	export KEFU_DB
fi
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

# Procs for expect scripts that type as a person: `human LIST` types
# each phrase of LIST 0.6 to 1.1 s after the one before, as a person
# with an input method does; `line LIST` types a line so and Enter.
EXPECT_HUMAN='
proc human {phrases} {
	set pause {0.6 0.9 0.7 1.1 0.8 0.65}
	set i 0
	foreach p $phrases {
		send -- $p
		sleep [lindex $pause [expr {$i % 6}]]
		incr i
	}
}
proc line {phrases} { human $phrases; send "\r" }
'

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
# whether the test's database is a SQLite file (not PostgreSQL): for the
# checks of files, modes and SQLite's own behaviour
on_sqlite() { [ "$KEFU_TEST_ENGINE" != postgresql ]; }
# the database is not damaged: SQLite's own check (a PostgreSQL server
# keeps its own)
db_intact() { on_sqlite || return 0; [ "$(sql "PRAGMA integrity_check")" = ok ]; }
# a query's rows with their columns joined by spaces
row() { sql "$1" | tr '|' ' '; }
# the rows of a query on one line, joined by $2 (a space when not given)
joined() { sql "$1" | paste -sd "${2:- }" -; }
sql() {
	case $KEFU_DB in
	postgresql:*)
		"$PG_SQL" "$KEFU_DB" "$1" ;;
	*)
		[ -n "${SQLITE3:-}" ] || SQLITE3=sqlite3
		"$SQLITE3" -batch "$KEFU_DB" "$1" ;;
	esac
}

# team CONTENT USER...: a team on one machine with real Unix accounts
# (root only; skips the test otherwise): the accounts in a group of
# their own, removed when the test ends; kefu and tests/content/CONTENT
# where they can reach them; the team's database directory as README
# says (group-owned, setgid, 2770). Then `as USER ARGS...` runs kefu as
# that account, `me ARGS...` as root, both at the clock NOW.
team() {
	[ "$(id -u)" = 0 ] || { echo "SKIP: creating test accounts needs root"; exit 77; }
	for _c in useradd userdel groupadd groupdel runuser; do
		command -v $_c > /dev/null || { echo "SKIP: no $_c"; exit 77; }
	done
	_content=$1
	shift
	team_users="$*"
	G=${P}team
	team_quiet
	trap 'team_quiet; rm -rf "$T"' EXIT
	mkdir -p "$T" && groupadd "$G" || fail "groupadd"
	for _u in $team_users; do
		useradd -M -N -g "$G" -s /bin/sh "$_u" || fail "useradd $_u"
		mkdir -p "$T/home-$_u" && chown "$_u" "$T/home-$_u"
	done
	chmod 755 "$T"
	cp "$KEFU" "$T/kefu" && chmod 755 "$T/kefu"
	cp -R "$CONTENT/$_content" "$T/content" && chmod -R a+rX "$T/content"
	mkdir "$T/team" && chgrp "$G" "$T/team" && chmod 2770 "$T/team"
	DB="$T/team/kefu.db"
	if [ "$KEFU_TEST_ENGINE" = postgresql ]; then
		DB=$(pg_database "${PG_DB}_team") || fail "cannot create a PostgreSQL database"
	fi
	KEFU_CONTENT="$T/content" KEFU_DB="$DB"
	export KEFU_CONTENT KEFU_DB
}
team_quiet() {
	for _u in $team_users; do userdel "$_u" 2> /dev/null; done
	groupdel "$G" 2> /dev/null
}
as() {
	_u=$1
	shift
	runuser -u "$_u" -- env HOME="$T/home-$_u" XDG_STATE_HOME="$T/home-$_u/state" \
		KEFU_CONTENT="$T/content" KEFU_DB="$DB" KEFU_NOW="$NOW" NO_COLOR=1 \
		LC_ALL=C.UTF-8 PAGER=cat ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} \
		"$T/kefu" "$@"
}
me() { KEFU_NOW="$NOW" "$T/kefu" "$@"; }

# KEFU_REGEN=1 make check TESTS=tests/x.sh rewrites the expected files
# from what kefu prints: review the diff before committing it.
if [ -n "${KEFU_REGEN:-}" ]; then
	same() {
		sed "s/\b$LOGIN\b/@LOGIN@/g" "$1" > "$EXPECTED/$2"
	}
fi
