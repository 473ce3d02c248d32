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
	grep -q "^usage: kefu db status" "$T/err" || fail "usage: $(cat "$T/err")"
	"$KEFU" db copy a b > /dev/null 2>&1
	[ $? -eq 2 ] || fail "unknown subcommand: exit status"
}
test_case "db without status says its usage" t_usage

test_done
