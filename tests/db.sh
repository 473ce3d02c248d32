# kefu db status: which database, engine and schema, and how much is in
# it, as the one who looks after the records reads it; a trainee is
# refused.
. "$top_srcdir/tests/lib.sh"
export KEFU_CONTENT="$CONTENT/mini" KEFU_NOW=2026-11-20T10:00:00

t_status() {
	"$KEFU" plan > /dev/null 2>&1 || fail "first run"
	"$KEFU" people add xiaoli --role trainee --name 小李 > /dev/null || fail "add a trainee"
	"$KEFU" people add wang --role trainer > /dev/null || fail "add a trainer"
	"$KEFU" people add gone --role trainee > /dev/null || fail "add a third"
	"$KEFU" people leave gone --reason moved > /dev/null || fail "leave"
	"$KEFU" db status > "$T/out" 2> "$T/err" || fail "db status: $(cat "$T/err")"
	grep -qx "Database:  $KEFU_DB" "$T/out" || fail "path: $(cat "$T/out")"
	if on_sqlite; then
		grep -q "^Engine:    SQLite 3\.[0-9]" "$T/out" || fail "engine: $(cat "$T/out")"
	else
		grep -q "^Engine:    PostgreSQL [1-9]" "$T/out" || fail "engine: $(cat "$T/out")"
	fi
	grep -qx "Schema:    version [0-9]*, as this kefu writes it" "$T/out" || fail "schema: $(cat "$T/out")"
	grep -qx "People:    3 (1 trainees, 1 trainers, 1 managers); 1 who left" "$T/out" ||
		fail "people: $(cat "$T/out")"
	grep -qx "Answers:   0, in 0 quiz attempts" "$T/out" || fail "answers: $(cat "$T/out")"
	[ -s "$T/err" ] && fail "said on stderr: $(cat "$T/err")"
	:
}
test_case "db status names the database, engine and schema, and counts people and answers" t_status

t_answers() {
	printf 'B\ny\n' | "$KEFU" quiz basics > /dev/null 2>&1 || fail "quiz"
	"$KEFU" db status > "$T/out" || fail "db status"
	n=$(sed -n 's/^Answers:   \([0-9]*\), in \([0-9]*\) quiz attempts$/\1 \2/p' "$T/out")
	[ "$n" = "$(sql "SELECT count(*) FROM quiz_answer") $(sql "SELECT count(*) FROM quiz_attempt")" ] ||
		fail "answers: $(cat "$T/out")"
	[ "${n%% *}" -gt 0 ] || fail "no answer counted: $(cat "$T/out")"
}
test_case "db status counts the answers a quiz stored" t_answers

t_older() {
	if on_sqlite; then
		v=$(sql "PRAGMA user_version")
		sql "PRAGMA user_version = 99" || fail "set-up"
	else
		v=$(sql "SELECT version FROM kefu_schema")
		sql "UPDATE kefu_schema SET version = 99" || fail "set-up"
	fi
	"$KEFU" db status > "$T/out" 2> "$T/err" && fail "a newer schema passed"
	grep -q "written by a newer kefu (schema 99" "$T/err" || fail "newer: $(cat "$T/err")"
	if on_sqlite; then
		sql "PRAGMA user_version = $v"
	else
		sql "UPDATE kefu_schema SET version = $v"
	fi
}
test_case "a database of a newer kefu is named as such" t_older

t_trainee() {
	KEFU_DB="$T/other.db" "$KEFU" plan > /dev/null 2>&1 || fail "set-up"
	KEFU_DB="$T/other.db" sql "UPDATE person SET role = 'trainee'"
	KEFU_DB="$T/other.db" "$KEFU" db status > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] || fail "a trainee: exit status"
	grep -q "look at the database" "$T/err" || fail "a trainee: $(cat "$T/err")"
	[ -s "$T/out" ] && fail "a trainee was shown: $(cat "$T/out")"
	:
}
test_case "a trainee is refused" t_trainee

# every record into another database and back: SQLite and, on the
# PostgreSQL run, PostgreSQL to SQLite to PostgreSQL; each table's rows
# and checksum the same every way
t_copy() {
	"$KEFU" db status > "$T/before" || fail "status"
	"$KEFU" db copy "$KEFU_DB" "$T/copy.db" > "$T/out1" 2> "$T/err" || fail "copy: $(cat "$T/err")"
	[ "$(stat -c %a "$T/copy.db")" = 600 ] || fail "the copy is readable by others: $(stat -c %a "$T/copy.db")"
	grep -q "^Every table reads back the same (rows and checksum): 23 tables, [0-9]* rows.$" "$T/out1" ||
		fail "copy said: $(cat "$T/out1")"
	grep -q "^  quiz_answer  *[1-9][0-9]*  [0-9a-f]\{16\}$" "$T/out1" || fail "answers: $(cat "$T/out1")"
	if on_sqlite; then back="$T/back.db"; else back=$(pg_database "${PG_DB}_back") || fail "a database"; fi
	"$KEFU" db copy "$T/copy.db" "$back" > "$T/out2" 2> "$T/err" || fail "copy back: $(cat "$T/err")"
	[ "$(sed 1d "$T/out1")" = "$(sed 1d "$T/out2")" ] || fail "copies differ: $(diff "$T/out1" "$T/out2")"
	KEFU_DB="$back" "$KEFU" db status > "$T/after" || fail "status of the copy"
	[ "$(sed -n '4,$p' "$T/before")" = "$(sed -n '4,$p' "$T/after")" ] ||
		fail "status differs: $(diff "$T/before" "$T/after")"
	# the copy goes on: ids after those copied
	KEFU_DB="$back" "$KEFU" people add newcomer --role trainee > /dev/null || fail "add into the copy"
	# a database with records is not copied into, and keeps what it has
	"$KEFU" db copy "$KEFU_DB" "$T/copy.db" > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] || fail "into a full database: exit status"
	grep -q "holds records already: copy into a new, empty database" "$T/err" || fail "full: $(cat "$T/err")"
	"$KEFU" db copy "$T/nothing.db" "$T/copy2.db" > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] || fail "from nothing: exit status"
	grep -q "no database '$T/nothing.db' to copy" "$T/err" || fail "nothing: $(cat "$T/err")"
	[ -e "$T/nothing.db" ] && fail "copying from nothing made a database"
	"$KEFU" db copy "$T/copy.db" "$T/copy.db" > /dev/null 2>&1
	[ $? -eq 2 ] || fail "into itself: exit status"
	:
}
test_case "db copy copies every record and back, each table read back the same" t_copy

# a password in a PostgreSQL URI or connection string is not shown
t_password() {
	on_sqlite && return 0
	u=$(printf '%s' "$KEFU_DB" | sed 's|^postgresql://kefu@|postgresql://kefu:s3cr%40t@|')
	KEFU_DB="$u" "$KEFU" db status > "$T/out" 2> "$T/err" || fail "db status: $(cat "$T/err")"
	grep -qx "Database:  $KEFU_DB" "$T/out" || fail "URI: $(cat "$T/out")"
	c="dbname=${KEFU_DB%%\?*} host=${KEFU_DB##*host=} user=kefu password='a b\\'c'"
	c="dbname=${c#dbname=postgresql://kefu@/}"
	KEFU_DB="$c" "$KEFU" db status > "$T/out" 2> "$T/err" || fail "db status: $(cat "$T/err")"
	grep -q "s3cr\|a b" "$T/out" && fail "a password shown: $(cat "$T/out")"
	grep -qx "Database:  dbname=[a-z0-9_]* host=[^ ]* user=kefu" "$T/out" || fail "string: $(cat "$T/out")"
	:
}
test_case "a password in the database's name is not shown" t_password

t_usage() {
	"$KEFU" db > /dev/null 2> "$T/err"
	[ $? -eq 2 ] || fail "no subcommand: exit status"
	grep -q "^usage: kefu db status | copy FROM TO" "$T/err" || fail "usage: $(cat "$T/err")"
	"$KEFU" db copy a > /dev/null 2>&1
	[ $? -eq 2 ] || fail "copy without TO: exit status"
	"$KEFU" db move a b > /dev/null 2>&1
	[ $? -eq 2 ] || fail "unknown subcommand: exit status"
}
test_case "db without status says its usage" t_usage

test_done
