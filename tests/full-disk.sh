# Reliability: a read-only database and a full disk. Either way kefu says
# which file and what happened, exits 1 without crashing, and writes
# nothing by halves: an answer is stored whole or not at all, and the
# attempt goes on once the file is writable again. The read-only part
# runs as anyone (as root, as a test account, since root may write any
# file); a read-only mount and a full disk (a small tmpfs) need root.
. "$top_srcdir/tests/lib.sh"
export KEFU_CONTENT="$CONTENT/rel" KEFU_NOW=2026-03-01T10:00:00
# the right answers to the 12-question quiz of tests/content/rel
ANSWERS=$(cat "$CONTENT/rel/answers.txt")

mounts=
U=
cleanup() {
	for m in $mounts; do umount "$m" 2> /dev/null; done
	[ -n "$U" ] && userdel "$U" 2> /dev/null
	rm -rf "$T"
}
trap cleanup EXIT

# status CODE WHAT: an error exit, not a crash
status() {
	[ "$1" -eq 1 ] || fail "$2: exit status $1 (want 1): $(cat "$T/err")"
}

# ---- a read-only database ----
DIR="$T/ro" DB="$T/ro/kefu.db"
mkdir "$DIR"
if [ "$(id -u)" = 0 ]; then
	command -v useradd > /dev/null && command -v runuser > /dev/null || {
		echo "SKIP: as root, a read-only file needs a test account (useradd, runuser)"
		exit 77
	}
	U=kr$$
	useradd -M -N -s /bin/sh "$U" || fail "useradd $U"
	chmod 755 "$T"
	cp "$KEFU" "$T/kefu" && chmod 755 "$T/kefu"
	cp -R "$CONTENT/rel" "$T/content" && chmod -R a+rX "$T/content"
	chown "$U" "$DIR"
	as() {
		runuser -u "$U" -- env HOME=/nonexistent KEFU_CONTENT="$T/content" KEFU_DB="$DB" \
			KEFU_NOW="$KEFU_NOW" NO_COLOR=1 LC_ALL=C.UTF-8 \
			${ASAN_OPTIONS:+ASAN_OPTIONS="$ASAN_OPTIONS"} "$T/kefu" "$@"
	}
else
	as() { KEFU_DB="$DB" "$KEFU" "$@"; }
fi
answers() { [ "$(sql "SELECT count(*) FROM quiz_answer")" = "$1" ] || fail "$(sql "SELECT count(*) FROM quiz_answer") answers stored, not $1"; }
export KEFU_DB="$DB"

printf 'alpha-one\n' | as quiz steps > "$T/out" 2>&1 || fail "set-up: $(cat "$T/out")"
answers 1

chmod 444 "$DB"
printf 'true\n' | as quiz steps > "$T/out" 2> "$T/err"
status $? "quiz on a read-only database"
[ "$(cat "$T/err")" = "kefu: database '$DB' is read-only: cannot write '$DB': Permission denied" ] ||
	fail "read-only database: $(cat "$T/err")"
grep -q "^Question " "$T/out" && fail "a question was asked that could not be saved: $(cat "$T/out")"
as drill lines < /dev/null > "$T/out" 2> "$T/err"
status $? "drill on a read-only database"
grep -q "is read-only: cannot write '$DB'" "$T/err" || fail "drill: $(cat "$T/err")"
grep -q "Thanks" "$T/out" && fail "a drill line was shown that could not be saved"
as progress > "$T/out" 2> "$T/err" || fail "progress of a read-only database: $(cat "$T/err")"
grep -q "steps .*one is open" "$T/out" || fail "progress: $(cat "$T/out")"
ok "a read-only database: quiz and drill refuse before asking, naming the file; progress still reads it"

# SQLite makes the -wal and -shm files with the database's mode: the
# ones made while it was read-only stay so after it is writable again
# (the sqlite3 checks wait until then: they would remove them)
chmod 644 "$DB"
if [ -e "$DB-shm" ]; then
	printf 'true\n' | as quiz steps > "$T/out" 2> "$T/err"
	status $? "quiz with a read-only -shm file"
	[ "$(cat "$T/err")" = "kefu: database '$DB' is read-only: cannot write '$DB-shm': Permission denied" ] ||
		fail "read-only -shm: $(cat "$T/err")"
	chmod 644 "$DB-wal" "$DB-shm"
	what="a -shm file left read-only is named; made writable,"
else
	what="(this SQLite left no -shm file behind) made writable,"
fi
printf 'true\n' | as quiz steps > "$T/out" 2> "$T/err" || fail "writable again: $(cat "$T/err")"
grep -m1 '^Question ' "$T/out" | grep -q '^Question 2/12 ' || fail "resumed at $(grep -m1 '^Question ' "$T/out")"
answers 2
ok "$what the attempt goes on at question 2, nothing stored meanwhile"

# no -wal or -shm file yet and a directory kefu cannot write them in
rm -f "$DB-wal" "$DB-shm"
chmod 555 "$DIR"
as quiz steps < /dev/null > "$T/out" 2> "$T/err"
status $? "quiz in a read-only directory"
[ "$(cat "$T/err")" = "kefu: database '$DB' is read-only: cannot write in its directory '$DIR': Permission denied" ] ||
	fail "read-only directory: $(cat "$T/err")"
chmod 755 "$DIR"
answers 2
ok "a directory where the -wal and -shm files cannot be made is named"

if [ "$(id -u)" != 0 ] || ! mkdir "$T/romnt" || ! mount --bind "$DIR" "$T/romnt" 2> /dev/null; then
	echo "SKIP: a read-only mount and a full disk need root and mount"
	echo "$passed passed, 0 failed"
	exit 0
fi
mounts="$T/romnt"
mount -o remount,ro,bind "$T/romnt" || fail "remount read-only"
KEFU_DB="$T/romnt/kefu.db" "$KEFU" quiz steps < /dev/null > "$T/out" 2> "$T/err"
status $? "quiz on a read-only file system"
[ "$(cat "$T/err")" = "kefu: database '$T/romnt/kefu.db' is read-only: cannot write '$T/romnt/kefu.db': Read-only file system" ] ||
	fail "read-only file system: $(cat "$T/err")"
umount "$T/romnt"
mounts=
answers 2
ok "a database on a read-only file system is named"

# ---- a full disk ----
mkdir "$T/full"
mount -t tmpfs -o size=64k,mode=700 kefu-test "$T/full" || fail "mount tmpfs"
mounts="$T/full"
export KEFU_DB="$T/full/kefu.db"
# too small for the schema: a clear error, one message, nothing half-made
"$KEFU" progress < /dev/null > "$T/out" 2> "$T/err"
status $? "a new database on a full disk"
[ "$(cat "$T/err")" = "kefu: database '$KEFU_DB': cannot finish a migration: database or disk is full" ] ||
	fail "full disk at creation: $(cat "$T/err")"
mount -o remount,size=1m "$T/full" || fail "remount tmpfs"
"$KEFU" progress > "$T/out" 2> "$T/err" || fail "with room, the database is made: $(cat "$T/err")"
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity_check after a failed creation"
[ "$(sql "PRAGMA user_version")" -ge 2 ] || fail "schema version $(sql "PRAGMA user_version")"
ok "a database made on a full disk: a clear error; with room it is made whole"

# the disk fills up while a quiz waits for an answer
mkfifo "$T/in"
"$KEFU" quiz steps < "$T/in" > "$T/out" 2> "$T/err" &
pid=$!
exec 3> "$T/in"
printf 'alpha-one\ntrue\n' >&3
wait_for "$T/out" "Question 3/12" "$pid"
dd if=/dev/zero of="$T/full/filler" bs=4096 > /dev/null 2>&1
[ "$(df -P "$T/full" | awk 'NR == 2 { print $4 }')" = 0 ] || fail "the disk is not full"
# the longest answer kefu takes (ASK_ANSWER_MAX): a commit of it needs
# a new WAL frame, more than a page, which the full tmpfs cannot give
long=$(head -c 500 /dev/zero | tr '\0' x)
printf '%s\n' "$long" >&3
# the writer closes before the wait: were the answer refused and asked
# again, kefu meets the end of its input instead of waiting for ever
exec 3>&-
wait "$pid"
rc=$?
status $rc "an answer on a full disk"
grep -q "^kefu: database '$KEFU_DB': cannot commit: database or disk is full$" "$T/err" || fail "full disk: $(cat "$T/err")"
grep -q "^kefu: the answer to question 3 is not saved; 'kefu quiz steps' asks it again$" "$T/err" ||
	fail "full disk: $(cat "$T/err")"
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity_check on a full disk"
[ "$(sql "SELECT group_concat(seq || ':' || length(response)) FROM quiz_answer")" = "0:9,1:4" ] ||
	fail "stored on a full disk: $(sql "SELECT seq, length(response) FROM quiz_answer")"
ok "the disk full at an answer: a clear error, status 1, answers 1 and 2 kept, no part of 3"

rm "$T/full/filler"
{ printf '%s\n' "$long"; printf '%s\n' "$ANSWERS" | sed 1,3d; } | "$KEFU" quiz steps > "$T/out" 2> "$T/err" ||
	fail "with room again: $(cat "$T/err")"
grep -m1 '^Question ' "$T/out" | grep -q '^Question 3/12 ' || fail "resumed at $(grep -m1 '^Question ' "$T/out")"
grep -q "^Score: 11 of 12 points" "$T/out" || fail "score: $(tail -3 "$T/out")"
[ "$(sql "SELECT length(response) FROM quiz_answer WHERE seq = 2")" = 500 ] || fail "the long answer is not whole"
[ "$(sql "PRAGMA integrity_check")" = ok ] || fail "integrity_check at the end"
ok "with room again the attempt goes on at question 3 and takes the 500-character answer whole"
echo "$passed passed, 0 failed"
