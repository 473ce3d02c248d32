# report stages --html: one self-contained page that headless Chromium
# renders with every trainee (Debian's chromium; skipped without it).
. "$top_srcdir/tests/lib.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
export KEFU_CONTENT="$CONTENT/staff" KEFU_NOW=2026-11-20T10:00:00
"$KEFU" people add zhang --role trainee --name 张三 --hired 2026-11-01 > /dev/null || fail "add"
"$KEFU" people add li --role trainee --name '李四<b>&"' --hired 2026-10-01 > /dev/null || fail "add"
"$KEFU" people add wang --role trainer > /dev/null || fail "add trainer"
"$KEFU" report stages --html "$T/r.html" 2> "$T/err" || fail "report: $(cat "$T/err")"
grep -q "Wrote $T/r.html (2 trainees)" "$T/err" || fail "$(cat "$T/err")"
ls "$T"/r.html.tmp* > /dev/null 2>&1 && fail "temporary file left behind"
# trainers are not trainees; markup in a name is text
[ "$(grep -c 'class="trainee"' "$T/r.html")" = 2 ] || fail "rows"
grep -q '李四&lt;b&gt;&amp;&quot;' "$T/r.html" || fail "name not escaped"
ok "the page lists each trainee once, names escaped"

# the directory is not writable: a clear error, nothing left
mkdir "$T/ro" && chmod 500 "$T/ro"
if [ ! -w "$T/ro" ]; then
	"$KEFU" report stages --html "$T/ro/r.html" 2> "$T/err" && fail "wrote into a read-only directory"
	grep -q "cannot write '$T/ro/r.html'" "$T/err" || fail "$(cat "$T/err")"
	ok "an unwritable place is an error"
fi

# the report reads everyone's facts at once: a drill gate counts as the
# plan counts it (a counted run meets it, practice does not)
(
	KEFU_CONTENT="$CONTENT/mini" KEFU_DB="$T/gates.db"
	export KEFU_CONTENT KEFU_DB
	"$KEFU" people add zhang --role trainee > /dev/null || fail "add"
	"$KEFU" people add li --role trainee > /dev/null || fail "add"
	sql "INSERT INTO lesson_read (person_id, lesson, first_read, last_read)
	       SELECT id, l, 1, 1 FROM person, (SELECT 'hello' AS l UNION SELECT 'rules')
	       WHERE role = 'trainee';
	     INSERT INTO quiz_attempt (person_id, quiz, started, finished, seed, paper, points,
	       max_points, percent, state) SELECT id, 'basics', 1, 2, 1, '', 1, 1, 100, 'final'
	       FROM person WHERE role = 'trainee';
	     INSERT INTO signoff SELECT e.id, 'check', 1, 3, NULL FROM enrollment e
	       JOIN person p ON p.id = e.person_id WHERE role = 'trainee';
	     INSERT INTO drill_result (person_id, drill, at, unit, seconds, typed, correct,
	       raw_speed, net_speed, accuracy, timed, counted) SELECT id, 'hi-lines', 4, 'cpm', 60, 35, 35,
	       35, 35, 95, login = 'zhang', login = 'zhang' FROM person WHERE role = 'trainee';
	     INSERT INTO drill_result (person_id, drill, at, unit, seconds, typed, correct,
	       raw_speed, net_speed, accuracy, timed, counted) SELECT id, 'hi-lines', 5, 'cpm', 60, 20, 20,
	       20, 20, 100, 1, 1 FROM person WHERE login = 'li'"
	"$KEFU" report stages --format json > "$T/gates.json" || fail "report"
	jq -e '[.rows[] | .login + " " + .check_status] == ["li in-progress", "zhang complete"]' \
		"$T/gates.json" > /dev/null || fail "drill gates in the report: $(cat "$T/gates.json")"
	# the gradebook takes each drill's fastest counted run and its accuracy
	"$KEFU" report grades hi-lines --format json > "$T/grades.json" || fail "grades"
	jq -e '[.rows[] | "\(.login) \(.["hi-lines_speed"]) \(.["hi-lines_accuracy"])"] == ["li 20 100", "zhang 35 95"]' \
		"$T/grades.json" > /dev/null || fail "drills in the gradebook: $(cat "$T/grades.json")"
) || exit 1
ok "report stages counts drill gates as the plan does"

[ -n "$CHROMIUM" ] || { echo "SKIP: no chromium for the rendering check"; echo "$passed passed"; exit 0; }
# Chromium parses the page as a browser does and prints the DOM it built
"$CHROMIUM" --headless --no-sandbox --disable-gpu --user-data-dir="$T/chrome" \
	--dump-dom "file://$T/r.html" > "$T/dom" 2> "$T/chrome.err" || fail "chromium: $(tail -5 "$T/chrome.err")"
grep -q '<tr class="trainee"><td>张三 (zhang)</td>' "$T/dom" || fail "张三 not rendered: $(head -c 2000 "$T/dom")"
grep -q '<tr class="trainee"><td>李四&lt;b&gt;&amp;"' "$T/dom" || fail "李四 not rendered as text"
grep -q '<b>' "$T/dom" && fail "a name became markup"
[ "$(grep -o '<svg id="funnel"' "$T/dom" | wc -l)" = 1 ] || fail "no funnel"
[ "$(grep -o '<rect' "$T/dom" | wc -l)" -ge 9 ] || fail "bars missing"
"$CHROMIUM" --headless --no-sandbox --disable-gpu --user-data-dir="$T/chrome" \
	--window-size=1000,700 --screenshot="$T/shot.png" "file://$T/r.html" > /dev/null 2>&1 ||
	fail "screenshot"
[ "$(od -An -tx1 -N8 "$T/shot.png" | tr -d ' ')" = 89504e470d0a1a0a ] || fail "no PNG"
ok "headless Chromium renders the page with its trainees, funnel and bars"

# the dashboard: every section, every trainee, rendered with a CJK font
"$KEFU" report dashboard > /dev/null 2>&1 && fail "a dashboard without --html"
"$KEFU" report dashboard --html "$T/d.html" 2> "$T/err" || fail "dashboard: $(cat "$T/err")"
"$CHROMIUM" --headless --no-sandbox --disable-gpu --user-data-dir="$T/chrome" \
	--dump-dom "file://$T/d.html" > "$T/dom" 2> "$T/chrome.err" || fail "chromium: $(tail -5 "$T/chrome.err")"
for id in attention-list funnel trainees-list gradebook item-analysis activity; do
	grep -q "id=\"$id\"" "$T/dom" || fail "section $id missing"
done
grep -q '<table id="attention">' "$T/dom" && grep -q '<table id="grades">' "$T/dom" ||
	fail "attention list or gradebook not a table"
[ "$(grep -o '<tr class="trainee">' "$T/dom" | wc -l)" = 2 ] || fail "trainees"
# li (hired 2026-10-01, stage 1 of 10 days) is late: first, with a due date
grep -o '<tr class="trainee">.*' "$T/dom" | head -1 | grep -q '李四.*2026-10-11' || fail "late first with due date"
grep -q 'class="legend"' "$T/dom" || fail "no legend"
"$CHROMIUM" --headless --no-sandbox --disable-gpu --user-data-dir="$T/chrome" \
	--window-size=1200,1600 --screenshot="$T/d.png" "file://$T/d.html" > /dev/null 2>&1 ||
	fail "dashboard screenshot"
[ "$(od -An -tx1 -N8 "$T/d.png" | tr -d ' ')" = 89504e470d0a1a0a ] || fail "no PNG"
if command -v fc-list > /dev/null; then
	[ -n "$(fc-list :lang=zh-cn family)" ] || fail "no CJK font to render the page (fonts-wqy-zenhei)"
fi
ok "the dashboard: attention, funnel, trainees late first with due dates and a legend, gradebook, item analysis, activity"
echo "$passed passed, 0 failed"
