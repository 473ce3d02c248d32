# Question banks in and out (issue 21): `kefu import` of a 题库 sheet as
# shops save one (a title row, 序号 and 难度 columns, CRLF, a BOM, GBK),
# the template, Aiken, GIFT and Moodle XML, each quiz file it writes
# passing `kefu check`; what cannot convert named by line, exit 1 when
# nothing converts, bad files and names refused; then, with real
# accounts, `kefu export` refused to a trainee and a trainer's export in
# each format imported back as the same quiz file.
. "$top_srcdir/tests/lib.sh"

B="$top_srcdir/tests/bank"
K() { "$KEFU" "$@"; }
# body FILE: a quiz file without its first line (which names the source)
body() { tail -n +2 "$1"; }
mkdir -p "$T/tree/quizzes"

t_template() {
	K import --template > "$T/tpl.csv" || fail "--template"
	head -c 3 "$T/tpl.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "no BOM: Excel would not read it as UTF-8"
	grep -q $'\r$' "$T/tpl.csv" || fail "no CRLF"
	sed -n '1s/^\xef\xbb\xbf//p' "$T/tpl.csv" | grep -q '^编号,题型,题干,选项A,选项B,选项C,选项D,选项E,选项F,答案,解析,分值,分类' ||
		fail "headings: $(head -1 "$T/tpl.csv")"
	K import "$T/tpl.csv" --quiz tpl -o "$T/tree/quizzes/tpl.yaml" 2> "$T/err" || fail "import of the template: $(cat "$T/err")"
	grep -q '8 questions converted (single choice 1, multiple choice 1, true or false 1, fill in 1, number 1, order 1, match 1, essay 1); written to' "$T/err" ||
		fail "counts: $(cat "$T/err")"
	K check "$T/tree/quizzes/tpl.yaml" > "$T/out" 2>&1 || fail "check: $(cat "$T/out")"
}
test_case "the template is a sheet Excel reads, and imports as one question of each type" t_template

t_sheet() {
	K import "$B/tiku.csv" -o "$T/tree/quizzes/tiku.yaml" 2> "$T/err" || fail "tiku.csv: $(cat "$T/err")"
	grep -q "tiku.csv:11:3: left out: unknown question type '案例分析'" "$T/err" || fail "row 11: $(cat "$T/err")"
	grep -q '8 questions converted' "$T/err" || fail "counts: $(cat "$T/err")"
	grep -q '序号\|难度' "$T/err" && fail "序号 and 难度 are columns sheets keep: $(cat "$T/err")"
	grep -q '^quiz: tiku$' "$T/tree/quizzes/tiku.yaml" || fail "the id from the name"
	grep -q '^title: 青禾衣舍客服题库（2026年12月）$' "$T/tree/quizzes/tiku.yaml" || fail "the title row"
	K check "$T/tree" > "$T/out" 2>&1 || fail "check: $(cat "$T/out")"
	# the order question's answer BAC puts the steps in that order
	grep -A10 'type: order' "$T/tree/quizzes/tiku.yaml" | tr -d '\n ' | grep -q 'steps:-请买家拍照-核对底单重量-换货下单或引导退款' ||
		fail "order: $(grep -A5 'type: order' "$T/tree/quizzes/tiku.yaml")"
}
test_case "a shop's sheet: title row, 序号 and 难度 kept out, an unknown type named by line" t_sheet

t_gbk() {
	tail -c +4 "$B/tiku.csv" | iconv -f UTF-8 -t GBK > "$T/gbk.csv" || fail "iconv"
	K import "$T/gbk.csv" --quiz tiku > "$T/gbk.yaml" 2> "$T/err" || fail "GBK: $(cat "$T/err")"
	grep -q '(an Excel sheet saved as CSV, GBK)' "$T/err" || fail "the encoding is not said: $(cat "$T/err")"
	body "$T/gbk.yaml" > "$T/a" && body "$T/tree/quizzes/tiku.yaml" > "$T/b"
	diff "$T/a" "$T/b" > /dev/null || fail "GBK reads otherwise: $(diff "$T/a" "$T/b")"
}
test_case "a GBK sheet (as Excel saves CSV in China) reads as the UTF-8 one" t_gbk

t_aiken() {
	K import "$B/aiken.txt" > "$T/a.yaml" 2> "$T/err" || fail "aiken: $(cat "$T/err")"
	grep -q 'read as Aiken' "$T/err" || fail "not guessed: $(cat "$T/err")"
	grep -q 'aiken.txt:12:1: left out: no ANSWER line' "$T/err" || fail "line 12: $(cat "$T/err")"
	grep -q '2 questions converted (single choice 2)' "$T/err" || fail "counts: $(cat "$T/err")"
	cp "$T/a.yaml" "$T/tree/quizzes/aiken.yaml"
	K check "$T/tree" > "$T/out" 2>&1 || fail "check: $(cat "$T/out")"
}
test_case "Aiken: guessed from its text, a question without ANSWER named" t_aiken

t_gift() {
	for f in "$B"/gift-*.gift; do
		K import "$f" > "$T/g.yaml" 2> "$T/err"
		case $? in 0 | 1) ;; *) fail "$f: $(cat "$T/err")" ;; esac
		[ -s "$T/g.yaml" ] || continue
		cp "$T/g.yaml" "$T/tree/quizzes/$(basename "$f" .gift).yaml"
	done
	K check "$T/tree" > "$T/out" 2>&1 || fail "check: $(cat "$T/out")"
	printf '::q1:: 没有答案的题 {\n=\n}\n\n::q2:: 好题 {=对 ~错}\n' > "$T/bad.gift"
	K import "$T/bad.gift" > /dev/null 2> "$T/err" || fail "one question converts: $(cat "$T/err")"
	grep -q 'bad.gift:[0-9:]*: left out: an empty answer' "$T/err" || fail "the question without an answer: $(cat "$T/err")"
}
test_case "GIFT files import and pass check; a question without an answer is named" t_gift

t_moodle() {
	for f in "$B"/moodle-*.xml; do
		K import "$f" > "$T/m.yaml" 2> "$T/err"
		case $? in 0 | 1) ;; *) fail "$f: $(cat "$T/err")" ;; esac
		[ -s "$T/m.yaml" ] || continue
		cp "$T/m.yaml" "$T/tree/quizzes/$(basename "$f" .xml).yaml"
	done
	K check "$T/tree" > "$T/out" 2>&1 || fail "check: $(cat "$T/out")"
	printf '<?xml version="1.0"?>\n<rss version="2.0">\n<channel><title>x</title></channel>\n</rss>\n' > "$T/feed.xml"
	K import "$T/feed.xml" > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] || fail "an RSS feed: exit $?"
	grep -q 'feed.xml:2.*<quiz>' "$T/err" || fail "not said: $(cat "$T/err")"
	[ -s "$T/out" ] && fail "something written for an RSS feed"
	printf '<?xml version="1.0"?>\n<quiz>\n<question type="multichoice">\n' > "$T/cut.xml"
	K import "$T/cut.xml" > /dev/null 2> "$T/err"
	[ $? -eq 1 ] && grep -q 'cut.xml:[0-9]' "$T/err" || fail "a cut file: $(cat "$T/err")"
}
test_case "Moodle XML files import and pass check; an XML that is not Moodle's is refused" t_moodle

t_nothing() {
	printf '题型,题干,选项A,选项B,答案\n连连看,哪个？,甲,乙,A\n' > "$T/none.csv"
	K import "$T/none.csv" -o "$T/none.yaml" > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] || fail "nothing converted: exit not 1"
	grep -q "none.csv:2:1: left out: unknown question type '连连看'" "$T/err" || fail "the row: $(cat "$T/err")"
	grep -q 'no question converted: nothing written' "$T/err" || fail "not said: $(cat "$T/err")"
	[ -e "$T/none.yaml" ] && fail "a file was written"
	printf '姓名,工号\n王芳,1\n' > "$T/people.csv"
	K import "$T/people.csv" > /dev/null 2> "$T/err"
	[ $? -eq 1 ] && grep -q "people.csv:1:1: no '题干' column" "$T/err" || fail "a sheet that is no bank: $(cat "$T/err")"
	true
}
test_case "nothing converted: exit 1, each row named, nothing written" t_nothing

t_refused_question() {
	# a unit the content format does not take: that question left out
	# in the loader's words, the others written
	printf '题型,题干,答案,单位\n数值,多大？,5,m2\n数值,多久？,5,分钟\n' > "$T/unit.csv"
	K import "$T/unit.csv" -o "$T/unit.yaml" 2> "$T/err" || fail "unit.csv: $(cat "$T/err")"
	grep -q "unit.csv:2: left out: 'unit' is a word" "$T/err" || fail "not said: $(cat "$T/err")"
	grep -q '1 question converted (number 1); 1 left out' "$T/err" || fail "counts: $(cat "$T/err")"
	K check "$T/unit.yaml" > /dev/null 2>&1 || fail "check"
	# a line separator (U+2028) is a line break to YAML: no question or
	# setting can be slipped in through one
	printf '题型,题干,选项A,选项B,答案,解析\n单选,T1,a,b,A,"x\ny\342\200\250  - id: evil\342\200\250    type: essay\342\200\250    text: injected\342\200\250pass_mark: 100"\n' > "$T/inj.csv"
	K import "$T/inj.csv" -o "$T/inj.yaml" 2> "$T/err" || fail "inj.csv: $(cat "$T/err")"
	K check "$T/inj.yaml" 2>&1 | grep -q '1 quiz (1 question)' || fail "a question slipped in: $(cat "$T/inj.yaml")"
	grep -q '^pass_mark' "$T/inj.yaml" && fail "a setting slipped in: $(cat "$T/inj.yaml")"
	# and nothing through the file's name
	cp "$T/tpl.csv" "$T/"$'x\npass_mark: 100\n#.csv'
	K import "$T/"$'x\npass_mark: 100\n#.csv' --quiz n > "$T/n.yaml" 2> "$T/err" || fail "odd name: $(cat "$T/err")"
	grep -q '^pass_mark' "$T/n.yaml" && fail "the name slipped a setting in"
	grep -q 'x\\x0apass_mark' "$T/err" || fail "the name not made inert: $(cat "$T/err")"
	true
}
test_case "a question the loader refuses is left out alone; no injection through text or names" t_refused_question

t_refused() {
	K import "$T/missing.csv" > /dev/null 2> "$T/err"
	[ $? -eq 2 ] && grep -q "cannot read '$T/missing.csv'" "$T/err" || fail "a missing file: $(cat "$T/err")"
	K import "$T" > /dev/null 2> "$T/err"
	[ $? -eq 2 ] || fail "a directory"
	K import "$B/tiku.csv" --format xls > /dev/null 2> "$T/err"
	[ $? -eq 2 ] && grep -q "no format 'xls'" "$T/err" || fail "--format xls: $(cat "$T/err")"
	K import "$B/tiku.csv" --quiz 'Bad Id' > /dev/null 2> "$T/err"
	[ $? -eq 2 ] || fail "a bad quiz id"
	: > "$T/there.yaml"
	K import "$B/tiku.csv" -o "$T/there.yaml" > /dev/null 2> "$T/err"
	[ $? -eq 2 ] && grep -q 'exists' "$T/err" && [ ! -s "$T/there.yaml" ] || fail "over a file: $(cat "$T/err")"
	grep -q 'left out' "$T/err" && fail "the file was read before the refusal"
	K import "$B/tiku.csv" -o "$T/there.yaml" --force > /dev/null 2>&1 && [ -s "$T/there.yaml" ] || fail "--force"
	# standard input needs no name
	K import - --format aiken --quiz piped < "$B/aiken.txt" 2> "$T/err" | grep -q '^quiz: piped$' || fail "stdin: $(cat "$T/err")"
}
test_case "a missing file, a directory, an unknown format, a bad id, a file in the way" t_refused

test_done || exit 1

# ---- export: a trainer's, logged, read back the same ----
P=kb$$
TR=$P-trainer A=$P-wang
team bank $TR $A
NOW=2026-12-05T10:00:00
me people add $TR --role trainer --name 王老师 > /dev/null 2>&1 || fail "add trainer"
me people add $A --role trainee --name 王五 > /dev/null || fail "add trainee"
chgrp $G "$DB"* && chmod 660 "$DB"*
chmod 1777 "$T"

t_trainee() {
	as $A export kinds --format gift > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] || fail "a trainee's export: exit not 1"
	[ -s "$T/out" ] && fail "a trainee got the key: $(head -3 "$T/out")"
	grep -q 'export a quiz' "$T/err" || fail "not said: $(cat "$T/err")"
}
test_case "a trainee cannot export a quiz (it holds the key)" t_trainee

t_export() {
	mkdir -p "$T/x" && chown $TR "$T/x"
	for f in moodle-xml gift excel-csv; do
		as $TR export kinds --format $f -o "$T/x/kinds.$f" 2> "$T/err" || fail "$f: $(cat "$T/err")"
		[ "$(stat -c %U:%a "$T/x/kinds.$f")" = "$TR:600" ] || fail "$f: $(stat -c %U:%a "$T/x/kinds.$f")"
		as $TR import "$T/x/kinds.$f" --format $f --quiz kinds --title '题型大全: 售后, 物流' > "$T/x/$f.yaml" 2> "$T/err" ||
			fail "import of $f: $(cat "$T/err")"
		grep -q '10 questions converted' "$T/err" || fail "$f: $(cat "$T/err")"
		body "$T/x/$f.yaml" > "$T/x/$f.body"
	done
	diff "$T/x/moodle-xml.body" "$T/x/gift.body" > /dev/null || fail "GIFT and Moodle XML differ: $(diff "$T/x/moodle-xml.body" "$T/x/gift.body")"
	diff "$T/x/moodle-xml.body" "$T/x/excel-csv.body" > /dev/null || fail "CSV and Moodle XML differ: $(diff "$T/x/moodle-xml.body" "$T/x/excel-csv.body")"
	# and the quiz file made loads as the original: the same questions
	mkdir -p "$T/x/t/quizzes" && cp "$T/x/gift.yaml" "$T/x/t/quizzes/kinds.yaml"
	KEFU_CONTENT="$T/x/t" K check > "$T/out" 2>&1 || fail "check: $(cat "$T/out")"
	as $TR export kinds --format gift -o "$T/x/kinds.gift" 2> "$T/err"
	[ $? -eq 2 ] && grep -q exists "$T/err" || fail "over an export: $(cat "$T/err")"
	[ "$(sql "SELECT count(*) FROM event WHERE action = 'export'")" = 3 ] || fail "exports not logged: $(sql "SELECT action, detail FROM event")"
}
test_case "a trainer's export in each format imports back as the same quiz, logged" t_export

test_done
