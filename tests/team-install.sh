# The team install (docs/SECURITY.md): a private copy of kefu configured
# with its own prefix and group, built and installed as root, then used
# by real accounts outside that group. A trainee reaches the records and
# the exam banks only through kefu, and no path or variable they set
# makes kefu open a file they could not open alone. Needs root (useradd,
# chgrp); skipped otherwise, and in sanitized builds (ASan does not run
# setgid).
. "$top_srcdir/tests/lib.sh"

[ "$(id -u)" = 0 ] || { echo "SKIP: a team install needs root"; exit 77; }
[ -z "${KEFU_SANITIZED:-}" ] || { echo "SKIP: ASan and UBSan do not run setgid"; exit 77; }
for c in useradd userdel groupadd groupdel runuser getent make; do
	command -v $c > /dev/null || { echo "SKIP: no $c"; exit 77; }
done
: "${top_builddir:?run through make check}"

# a group and accounts private to this run; the accounts' own group is
# not the team's
P=kt$$
G=${P}team U=${P}users
M=$P-mgr TR=$P-trainer A=$P-alice
cleanup_quiet() {
	for u in $M $TR $A; do userdel "$u" 2> /dev/null; done
	groupdel $G 2> /dev/null
	groupdel $U 2> /dev/null
}
cleanup() { cleanup_quiet; rm -rf "$T"; }
trap cleanup EXIT
cleanup_quiet
groupadd $G && groupadd $U || fail "groupadd"
for u in $M $TR $A; do
	useradd -M -N -g $U -s /bin/sh "$u" || fail "useradd $u"
	mkdir -p "$T/home-$u" && chown "$u" "$T/home-$u"
done
chmod 755 "$T"

# ---- build and install a private copy ----
# the sources as `make dist` would ship them; configured like this tree
# (compiler, flags), but with its own prefix and group
unset MAKEFLAGS MFLAGS MAKELEVEL
make -s -C "$top_builddir" distdir distdir="$T/src" top_distdir="$T/src" > "$T/dist.log" 2>&1 ||
	fail "make distdir: $(tail "$T/dist.log")"
eval "set -- $("$top_builddir/config.status" --config)"
for a; do
	shift
	case $a in
	--prefix=* | --exec-prefix=* | --srcdir=* | --*dir=* | --with-group=* | \
	--enable-sanitizers | --enable-fuzzing | --cache-file=*) ;;
	*) set -- "$@" "$a" ;;
	esac
done
PREFIX=$T/prefix
(cd "$T/src" && ./configure "$@" --prefix="$PREFIX" --with-group=$G > "$T/build.log" 2>&1 &&
	make -j2 > "$T/build.log" 2>&1 && make install > "$T/install.log" 2>&1) ||
	fail "build and install: $(tail "$T/build.log" "$T/install.log")"
K=$PREFIX/bin/kefu
DATA=$PREFIX/share/kefu
STATE=$PREFIX/var/lib/kefu
DB=$STATE/kefu.db
EXAM=$DATA/quizzes/probation-exam.yaml
chmod -R a+rX "$T/src" 2> /dev/null

[ "$(stat -c '%A %G' "$K")" = "-rwxr-sr-x $G" ] || fail "kefu is not setgid $G: $(stat -c '%A %G' "$K")"
[ "$(stat -c '%A %G' "$STATE")" = "drwxrws--- $G" ] || fail "state directory: $(stat -c '%A %G' "$STATE")"
[ "$(stat -c '%A %G' "$EXAM")" = "-rw-r----- $G" ] || fail "exam bank: $(stat -c '%A %G' "$EXAM")"
[ "$(stat -c '%A' "$DATA/quizzes/platform-rules.yaml")" = "-rw-r--r--" ] || fail "practice bank not readable"
grep -q "installed setgid '$G'" "$T/install.log" || fail "install did not say so: $(cat "$T/install.log")"
ok "make install as root: kefu setgid $G, the database directory 2770, the exam bank 0640"

# as USER [VAR=VALUE...] ARGS...: the installed kefu run by that account,
# in a clean environment
as() {
	_u=$1
	shift
	runuser -u "$_u" -- env -i PATH=/usr/bin:/bin HOME="$T/home-$_u" LC_ALL=C.UTF-8 \
		NO_COLOR=1 PAGER=cat "$@"
}
root() { env -u KEFU_DB -u KEFU_CONTENT "$K" "$@"; }
events() { "${SQLITE3:-sqlite3}" -batch "$DB" "SELECT count(*) FROM event"; }

# ---- the shared database ----
as $A "$K" plan > "$T/out" 2>&1 < /dev/null
[ $? -eq 1 ] && grep -q "does not exist yet; the administrator creates it" "$T/out" ||
	fail "a trainee created the team's database: $(cat "$T/out")"
[ ! -e "$DB" ] || fail "a refused first run left a file"
root people add $M --role manager > "$T/out" 2>&1 || fail "root's first run: $(cat "$T/out")"
[ "$(stat -c '%a %U %G' "$DB")" = "660 root $G" ] || fail "database file: $(stat -c '%a %U %G' "$DB")"
as $M "$K" people add $TR --role trainer > "$T/out" 2>&1 || fail "manager through kefu: $(cat "$T/out")"
as $M "$K" people add $A --role trainee > "$T/out" 2>&1 || fail "add trainee: $(cat "$T/out")"
as $A "$K" plan > "$T/out" 2>&1 < /dev/null || fail "trainee's plan: $(cat "$T/out")"
grep -q "pay-and-career" "$T/out" || fail "plan: $(cat "$T/out")"
# a cache the trainee could write would be what the group's kefu believes
[ -e "$T/home-$A/.cache/kefu" ] && fail "a team install kept a content cache in the trainee's home"
ok "only the administrator creates the team's database; members outside the group use it through kefu"

# ---- what a trainee cannot do alone ----
as $A cat "$DB" > /dev/null 2>&1 && fail "a trainee read the database file"
if command -v "${SQLITE3:-sqlite3}" > /dev/null; then
	as $A "${SQLITE3:-sqlite3}" "$DB" "UPDATE person SET role = 'manager'" > /dev/null 2>&1 &&
		fail "a trainee wrote the database with sqlite3"
	[ "$("${SQLITE3:-sqlite3}" "$DB" "SELECT role FROM person WHERE login = '$A'")" = trainee ] ||
		fail "the trainee's role changed"
fi
as $A cat "$EXAM" > "$T/out" 2>&1 && fail "a trainee read the exam bank"
as $A cat "$DATA/quizzes/platform-rules.yaml" > /dev/null || fail "a practice bank is unreadable"
printf 'login,period,conv\n%s,2026-10,99\n' $A > "$T/kpi.csv"
chmod 644 "$T/kpi.csv"
for cmd in "grade" "signoff $A onboarding" "kpi import $T/kpi.csv"; do
	# shellcheck disable=SC2086
	as $A "$K" $cmd > "$T/out" 2>&1 < /dev/null
	[ $? -eq 1 ] && grep -q "only trainers and managers can" "$T/out" ||
		fail "a trainee ran '$cmd': $(cat "$T/out")"
done
ok "a trainee cannot read or write the database file, read the exam bank, grade, sign off or import KPIs"

# ---- files the trainee names ----
# group-only files in a directory anyone may enter
mkdir "$T/g" && chmod 755 "$T/g"
"${SQLITE3:-sqlite3}" "$T/g/other.db" "CREATE TABLE secret (x); INSERT INTO secret VALUES ('s3cr3t')" ||
	fail "sqlite3"
cp "$EXAM" "$T/g/exam.yaml"
cp -R "$DATA" "$T/g/content"
printf 'set kefu-hidden-word on\n' > "$T/g/inputrc"
printf 'kefu-hidden-word\n' > "$T/g/secret"
chgrp -R $G "$T/g"/* && chmod 660 "$T/g/other.db" && chmod 640 "$T/g/exam.yaml" "$T/g/inputrc" "$T/g/secret" &&
	find "$T/g/content" -type d -exec chmod 755 {} + && find "$T/g/content" -type f -exec chmod 640 {} + ||
	fail "group-only files"
# content of the trainee's own: a copy with every pass mark at 0
cp -R "$DATA" "$T/home-$A/content" && sed -i 's/pass_mark: .*/pass_mark: 0/' "$T/home-$A/content/quizzes/"*.yaml
cp "$DATA/quizzes/platform-rules.yaml" "$T/home-$A/content/quizzes/probation-exam.yaml"
sed -i 's/^quiz: .*/quiz: probation-exam/' "$T/home-$A/content/quizzes/probation-exam.yaml"
chown -R $A "$T/home-$A"
n=$(events)

as $A KEFU_DB="$T/g/other.db" KEFU_CONTENT="$T/home-$A/content" "$K" plan > "$T/out" 2>&1 < /dev/null
[ $? -eq 1 ] && grep -q "cannot open" "$T/out" || fail "KEFU_DB of a group-only file: $(cat "$T/out")"
[ "$("${SQLITE3:-sqlite3}" "$T/g/other.db" "SELECT count(*) FROM sqlite_master")" = 1 ] ||
	fail "kefu wrote into a group-only database"
as $A KEFU_DB="$T/g/other.db" "$K" plan > "$T/out" 2>&1 < /dev/null
[ $? -eq 1 ] && grep -q "cannot use its installed content" "$T/out" || fail "KEFU_DB alone: $(cat "$T/out")"
as $A "$K" --content "$T/home-$A/content" plan > "$T/out" 2>&1 < /dev/null
[ $? -eq 1 ] && grep -q "cannot use the team's database" "$T/out" ||
	fail "content of one's own with the team's database: $(cat "$T/out")"
as $A KEFU_CONTENT="$T/home-$A/content" "$K" quiz probation-exam > "$T/out" 2>&1 < /dev/null
[ $? -eq 1 ] || fail "an edited exam reached the team's database: $(cat "$T/out")"
[ "$(events)" = "$n" ] || fail "the team's database changed"
as $A "$K" --content "$T/g/content" --db "$T/home-$A/own.db" list quizzes > "$T/out" 2>&1 < /dev/null
[ $? -eq 1 ] && grep -q "Permission denied" "$T/out" || fail "--content of group-only files: $(cat "$T/out")"
as $A "$K" --content "$T/home-$A/content" --db "$T/home-$A/own.db" list quizzes > "$T/out" 2>&1 < /dev/null ||
	fail "a personal run with content and database of one's own: $(cat "$T/out")"
[ "$(stat -c %G "$T/home-$A/own.db")" = $U ] || fail "a personal run kept the group"
as $A "$K" check "$T/g/exam.yaml" > "$T/out" 2>&1 < /dev/null
[ $? -eq 1 ] && grep -q "Permission denied" "$T/out" || fail "check of a group-only file: $(cat "$T/out")"
grep -q "core-sales-kpi\|询单转化率" "$T/out" && fail "check showed the exam"
as $A "$K" check "$EXAM" > "$T/out" 2>&1 < /dev/null
[ $? -eq 1 ] && ! grep -q "询单转化率" "$T/out" || fail "check of the installed exam: $(cat "$T/out")"
for f in "$EXAM" "$T/g/exam.yaml"; do
	as $A "$K" import "$f" > "$T/out" 2>&1 < /dev/null
	[ $? -eq 2 ] && grep -q "Permission denied" "$T/out" && ! grep -q "询单转化率" "$T/out" ||
		fail "import of a group-only exam bank $f: $(cat "$T/out")"
done
as $A "$K" export probation-exam --format gift > "$T/out" 2>&1 < /dev/null
[ $? -eq 1 ] && ! grep -q "询单转化率" "$T/out" || fail "a trainee's export of the exam: $(cat "$T/out")"
ok "KEFU_DB, --content, check and import open only what the trainee could open alone, export is refused; own content never meets the team's records"

cp "$T/g/secret" "$T/g/kpi.csv" && chmod 640 "$T/g/kpi.csv"
as $TR "$K" kpi import "$T/g/kpi.csv" > "$T/out" 2>&1 < /dev/null
[ $? -eq 1 ] && grep -q "cannot read '$T/g/kpi.csv': Permission denied" "$T/out" ||
	fail "kpi import of a group-only file: $(cat "$T/out")"
mkdir "$T/gw" && chgrp $G "$T/gw" && chmod 2770 "$T/gw"
as $TR "$K" report stages --html "$T/gw/r.html" > "$T/out" 2>&1 < /dev/null
[ $? -eq 1 ] && [ -z "$(ls -A "$T/gw")" ] || fail "report into a group-only directory: $(cat "$T/out")"
as $TR "$K" report stages --html "$T/home-$TR/r.html" > "$T/out" 2>&1 < /dev/null ||
	fail "report into the trainer's own directory: $(cat "$T/out")"
ok "a trainer's KPI import and HTML report use the trainer's own access"

# ---- readline, history and the pager, through a terminal ----
if [ -z "${EXPECT:-}" ]; then
	echo "# no expect: readline and the pager not checked"
else
	printf 'set kefu-open-word on\n' > "$T/home-$A/inputrc"
	chown $A "$T/home-$A/inputrc"
	for who in own group; do
		out=$T/pty-$who.out rc=$T/g/inputrc
		[ $who = group ] || rc=$T/home-$A/inputrc
		KT_USER=$A KT_KEFU=$K KT_HOME=$T/home-$A KT_INPUTRC=$rc KT_STATE=$STATE \
			KT_PAGER="cat $T/g/secret > $T/home-$A/pager.out 2>&1; echo PAGER-RAN >> $T/home-$A/pager.out; cat" \
			"$EXPECT" -f - > "$out" 2>&1 <<'EOF' || fail "terminal session: $(cat "$out")"
set timeout 10
spawn runuser -u $env(KT_USER) -- env -i PATH=/usr/bin:/bin HOME=$env(KT_HOME) LC_ALL=C.UTF-8 \
	TERM=dumb NO_COLOR=1 INPUTRC=$env(KT_INPUTRC) XDG_STATE_HOME=$env(KT_STATE) \
	PAGER=$env(KT_PAGER) $env(KT_KEFU)
expect "type 'help' for commands" {} timeout { puts "FAIL: no greeting"; exit 1 }
expect "> " {} timeout { puts "FAIL: no prompt"; exit 1 }
send "study pay-and-career\r"
expect "> " {} timeout { puts "FAIL: no prompt after study"; exit 1 }
send "quit\r"
expect eof
EOF
	done
	# readline names an unknown variable: it read the trainee's INPUTRC
	# but not the group's
	grep -q "kefu-open-word" "$T/pty-own.out" || fail "INPUTRC not read: $(cat "$T/pty-own.out")"
	grep -q "kefu-hidden-word" "$T/pty-group.out" && fail "a group-only INPUTRC was read: $(cat "$T/pty-group.out")"
	grep -q "PAGER-RAN" "$T/home-$A/pager.out" || fail "the pager did not run"
	grep -q "kefu-hidden-word" "$T/home-$A/pager.out" && fail "the pager read a group-only file"
	[ ! -e "$STATE/kefu" ] || fail "history went into the team's directory"
	ok "readline reads an INPUTRC, and the pager files, with the trainee's own access; history stays out of the team's directory"
fi
