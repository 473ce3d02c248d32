# Reliability: 16 kefu processes answer quizzes against one database at
# once. WAL, the busy timeout and one short transaction per answer must
# let every one through: no row lost, and no "database is locked" (or any
# other message) reaches a user. First as one login on 16 quizzes, racing
# to create a new database; then, as root, as 16 accounts on one quiz.
. "$top_srcdir/tests/lib.sh"
export KEFU_NOW=2026-03-01T10:00:00
N=16
# the right answers to the 12-question quiz of tests/content/rel
ANSWERS=$(cat "$CONTENT/rel/answers.txt")

# 16 copies of the 12-question quiz, c1 to c16
mkdir -p "$T/tree/quizzes"
i=1
while [ $i -le $N ]; do
	sed "s/^quiz: steps/quiz: c$i/" "$CONTENT/rel/quizzes/steps.yaml" > "$T/tree/quizzes/c$i.yaml"
	i=$((i + 1))
done
export KEFU_CONTENT="$T/tree"
"$KEFU" check > /dev/null || fail "set-up: $("$KEFU" check)"

# race FN: runs N processes "FN 1" to "FN N" at once, each a quiz whose
# answers wait until every one shows its first question, then come all
# 12 at once. Each must end well, saying nothing on stderr.
mkfifo "$T/go"
race() {
	exec 3<> "$T/go"	# held open, so a late reader still finds its line
	pids=
	i=1
	while [ $i -le $N ]; do
		{ read -r _ < "$T/go"; printf '%s\n' "$ANSWERS"; } |
			"$1" $i > "$T/out$i" 2> "$T/err$i" &
		pids="$pids $!"
		i=$((i + 1))
	done
	# every one has shown its first question: all are past opening the
	# database, so the answers below race each other
	i=1
	for p in $pids; do
		wait_for "$T/out$i" "Question 1/12" "$p" "$T/err$i"
		i=$((i + 1))
	done
	i=0
	while [ $i -lt $N ]; do printf '\n'; i=$((i + 1)); done >&3
	i=1
	for p in $pids; do
		wait "$p" || fail "process $i: exit status $?: $(cat "$T/err$i")"
		i=$((i + 1))
	done
	exec 3>&-
	i=1
	while [ $i -le $N ]; do
		[ -s "$T/err$i" ] && fail "process $i said: $(cat "$T/err$i")"
		grep -qi "locked\|busy" "$T/out$i" && fail "process $i: $(grep -i "locked\|busy" "$T/out$i")"
		grep -q "^Score: 12 of 12 points, 100%" "$T/out$i" || fail "process $i: $(tail -3 "$T/out$i")"
		i=$((i + 1))
	done
}

# ---- 16 processes open a database none of them has created, 100 times ----
# Turning WAL on while another process creates the file is refused at
# once (no busy handler), and the first user may be added between a
# process's look-up and its count of people: each round must still end
# with one manager and not a word on stderr. A race, so many rounds.
# On PostgreSQL each round is a new, empty database on the server, where
# the schema's migration (under an advisory lock) and the founding claim
# race; fewer rounds, as each needs a CREATE DATABASE.
begin=$(date +%s)
rounds=100
on_sqlite || rounds=50
r=1
while [ $r -le $rounds ]; do
	if on_sqlite; then
		new="$T/new$r.db"
	else
		new=$(pg_database "${PG_DB}_new$r") || fail "round $r: a database"
	fi
	i=1
	pids=
	while [ $i -le $N ]; do
		KEFU_DB="$new" KEFU_CONTENT="$CONTENT/rel" "$KEFU" plan > "$T/nout$i" 2> "$T/nerr$i" &
		pids="$pids $!"
		i=$((i + 1))
	done
	i=1
	for p in $pids; do
		wait "$p" || fail "round $r, process $i: exit status $?: $(cat "$T/nerr$i")"
		[ -s "$T/nerr$i" ] && fail "round $r, process $i said: $(cat "$T/nerr$i")"
		i=$((i + 1))
	done
	[ "$(KEFU_DB="$new" sql "SELECT count(*) FROM person")" = 1 ] || fail "round $r: people"
	[ "$(KEFU_DB="$new" sql "SELECT role FROM person")" = manager ] || fail "round $r: no manager"
	[ "$(grep -l "you are its first user" "$T"/nout* | wc -l)" = 1 ] || fail "round $r: not one first user"
	rm -f "$T/new$r.db" "$T/new$r.db-wal" "$T/new$r.db-shm"
	r=$((r + 1))
done
ok "$rounds rounds of $N processes opening a new database at once: one manager each, no message ($(($(date +%s) - begin)) s)"

# ---- one login, 16 quizzes, a database none of them has created yet ----
one_login() { "$KEFU" quiz "c$1"; }
begin=$(date +%s)
race one_login
[ "$(sql "SELECT count(*) FROM person")" = 1 ] || fail "people: $(sql "SELECT login FROM person")"
[ "$(grep -l "you are its first user" "$T"/out* | wc -l)" = 1 ] || fail "more than one first user"
[ "$(sql "SELECT count(*) FROM quiz_attempt WHERE state = 'final' AND percent = 100")" = $N ] ||
	fail "attempts: $(sql "SELECT quiz, state, percent FROM quiz_attempt")"
[ "$(sql "SELECT count(DISTINCT quiz) FROM quiz_attempt")" = $N ] || fail "an attempt twice"
[ "$(sql "SELECT count(*) FROM quiz_answer")" = $((N * 12)) ] ||
	fail "$(sql "SELECT count(*) FROM quiz_answer") answers stored of $((N * 12))"
[ "$(sql "SELECT count(*) FROM (SELECT attempt_id FROM quiz_answer GROUP BY attempt_id HAVING count(*) = 12 AND count(*) FILTER (WHERE points = 1) = 12) AS complete")" = $N ] ||
	fail "an attempt lacks answers or points"
[ "$(sql "SELECT count(*) FROM event WHERE action = 'quiz-submit'")" = $N ] || fail "submit events"
db_intact || fail "integrity_check"
ok "$N processes of one login on $N quizzes, on a new database: $((N * 12)) answers, $N attempts, no message ($(($(date +%s) - begin)) s)"

# ---- 16 accounts on one quiz (root only: useradd) ----
if [ "$(id -u)" != 0 ] || ! command -v useradd > /dev/null || ! command -v runuser > /dev/null; then
	echo "SKIP: 16 accounts at once needs root, useradd and runuser"
	echo "$passed passed, 0 failed"
	exit 0
fi
P=kc$$
users=
i=1
while [ $i -le $N ]; do users="$users $P-$i"; i=$((i + 1)); done
cleanup() {
	for u in $users; do userdel "$u" 2> /dev/null; done
	groupdel "${P}team" 2> /dev/null
	rm -rf "$T"
}
trap cleanup EXIT
groupadd "${P}team" || fail "groupadd"
for u in $users; do useradd -M -N -g "${P}team" -s /bin/sh "$u" || fail "useradd $u"; done
chmod 755 "$T"
cp "$KEFU" "$T/kefu" && chmod 755 "$T/kefu"
cp -R "$CONTENT/rel" "$T/content" && chmod -R a+rX "$T/content"
mkdir "$T/team" && chgrp "${P}team" "$T/team" && chmod 2770 "$T/team"
export KEFU_DB="$T/team/kefu.db" KEFU_CONTENT="$T/content"
for u in $users; do
	"$T/kefu" people add "$u" --role trainee > /dev/null || fail "people add $u"
done
account() {
	runuser -u "$P-$1" -- env HOME=/nonexistent XDG_STATE_HOME=/nonexistent \
		KEFU_CONTENT="$KEFU_CONTENT" KEFU_DB="$KEFU_DB" KEFU_NOW="$KEFU_NOW" NO_COLOR=1 \
		LC_ALL=C.UTF-8 ${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} "$T/kefu" quiz steps
}
begin=$(date +%s)
race account
[ "$(sql "SELECT count(DISTINCT person_id) FROM quiz_attempt WHERE quiz = 'steps' AND state = 'final' AND percent = 100")" = $N ] ||
	fail "attempts: $(sql "SELECT person_id, state, percent FROM quiz_attempt")"
[ "$(sql "SELECT count(*) FROM quiz_attempt WHERE quiz = 'steps'")" = $N ] || fail "an extra attempt"
[ "$(sql "SELECT count(*) FROM quiz_answer a JOIN quiz_attempt t ON t.id = a.attempt_id WHERE t.quiz = 'steps' AND a.points = 1")" = $((N * 12)) ] ||
	fail "answers lost"
db_intact || fail "integrity_check"
ok "$N accounts on one quiz at once: $((N * 12)) answers, $N attempts, no message ($(($(date +%s) - begin)) s)"
echo "$passed passed, 0 failed"
