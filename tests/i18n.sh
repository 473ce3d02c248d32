# Messages in the user's language (gettext): the catalogue is complete,
# every file with messages is in po/POTFILES.in, and kefu speaks Chinese
# under a zh_CN locale or LANGUAGE while CSV and JSON stay as they are.
. "$top_srcdir/tests/lib.sh"

# 1. every source file that marks messages is listed, and nothing else
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$top_srcdir/po/POTFILES.in" | sort > "$T/listed"
(cd "$top_srcdir" && for f in src/*.c src/*.h; do
	# a use of _( N_( P_( or C_(, not the macros' definitions or a comment
	grep -vE '^[[:space:]]*(#[[:space:]]*define|/?\*)' "$f" |
		grep -qE '(^|[^A-Za-z0-9_])[NPC]?_\(' && echo "$f"
done) | sort > "$T/marked"
missing=$(comm -23 "$T/marked" "$T/listed")
[ -z "$missing" ] || fail "po/POTFILES.in misses files with messages: $missing"
while read -r f; do
	[ -f "$top_srcdir/$f" ] || fail "po/POTFILES.in lists '$f', which does not exist"
done < "$T/listed"
ok "po/POTFILES.in lists every file with messages ($(wc -l < "$T/listed") files)"

[ "${KEFU_NLS:-yes}" != no ] || { echo "SKIP: configured with --disable-nls"; exit 77; }

# 2. every message of the sources has a translation in every catalogue,
# none of them fuzzy (msgcmp counts untranslated and fuzzy as missing)
if [ -n "${XGETTEXT:-}" ] && [ -n "${MSGCMP:-}" ]; then
	# shellcheck disable=SC2086
	(cd "$top_srcdir" && "$XGETTEXT" $XGETTEXT_FLAGS -f po/POTFILES.in -o "$T/kefu.pot") ||
		fail "xgettext could not read the sources"
	n=$(grep -c '^msgid ' "$T/kefu.pot")
	[ "$n" -gt 600 ] || fail "only $n messages extracted: is the keyword list right?"
	for lang in $PO_LINGUAS; do
		"$MSGCMP" "$top_srcdir/po/$lang.po" "$T/kefu.pot" 2> "$T/cmp" ||
			fail "po/$lang.po is not complete (run 'make update-po' and translate):
$(head -n 20 "$T/cmp")"
	done
	ok "every one of the $((n - 1)) messages is translated in: $PO_LINGUAS"
else
	echo "# no xgettext or msgcmp: the catalogue's completeness is not checked"
fi

# 3. kefu in Chinese. LANGUAGE picks the catalogue whatever the locale
# (not under plain C, where gettext keeps to English by design)
LANGUAGE=zh_CN "$KEFU" --help > "$T/help" || fail "--help under LANGUAGE=zh_CN"
grep -q '^用法：kefu \[OPTION\]' "$T/help" || fail "--help is not in Chinese: $(head -n 3 "$T/help")"
grep -q '^  check    检查内容文件$' "$T/help" || fail "the command list is not in Chinese: $(cat "$T/help")"
grep -q -- '--content DIR' "$T/help" || fail "option names were translated"
# nothing of the English text is left but names
"$KEFU" --help > "$T/help-en"
grep -q '^Usage: kefu' "$T/help-en" || fail "English is not the default"
grep -qE '^[[:space:]]*[A-Z][a-z]+ [a-z]+ [a-z]+' "$T/help" &&
	fail "an English sentence in the Chinese --help: $(grep -E '^[[:space:]]*[A-Z][a-z]+ [a-z]+ [a-z]+' "$T/help")"
ok "LANGUAGE=zh_CN: --help in Chinese, names and options as they are"

# LANGUAGE is honoured over LANG: a language with no catalogue falls back
# to English, a list takes the first it has
if locale -a 2> /dev/null | grep -qiE '^zh_CN\.utf-?8$'; then
	env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 "$KEFU" --help > "$T/out" || fail "--help under LANG"
	cmp -s "$T/out" "$T/help" || fail "LANG=zh_CN.UTF-8 does not give the Chinese --help"
	env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 LANGUAGE=de "$KEFU" --help > "$T/out"
	cmp -s "$T/out" "$T/help-en" || fail "LANGUAGE=de under LANG=zh_CN.UTF-8 is not English"
	env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 LANGUAGE=de:zh_CN "$KEFU" --help > "$T/out"
	cmp -s "$T/out" "$T/help" || fail "LANGUAGE=de:zh_CN does not fall back to zh_CN"
	ok "LANG=zh_CN.UTF-8 speaks Chinese; LANGUAGE overrides it"
else
	echo "# no zh_CN.UTF-8 locale here (localedef -i zh_CN -f UTF-8 zh_CN.UTF-8): LANG not checked"
	[ -z "${KEFU_REQUIRE_ZH_LOCALE:-}" ] || fail "KEFU_REQUIRE_ZH_LOCALE is set and there is no zh_CN.UTF-8 locale"
fi

export LANGUAGE=zh_CN
# errors, with their plural forms
"$KEFU" frobnicate > /dev/null 2> "$T/err" && fail "an unknown command succeeded"
grep -q '^kefu: ' "$T/err" && grep -qP '\p{Han}' "$T/err" ||
	fail "the error is not in Chinese: $(cat "$T/err")"
"$KEFU" check "$CONTENT/quiz" > "$T/out" || fail "check: $(cat "$T/out")"
grep -q '^检查通过：6 个文件，其中 1 个培训计划' "$T/out" || fail "the check summary is not in Chinese: $(cat "$T/out")"
ok "errors and counts in Chinese"

# a quiz: the question header, the answer prompt, the score
export KEFU_CONTENT="$CONTENT/quiz" KEFU_NOW=2026-03-01T10:00:00
printf '%s\n' B AC ABD 错 5 0.15 BDAC '1B 2A 3C' |
	"$KEFU" quiz all-types --seed 1 > "$T/out" 2>&1 || fail "quiz: $(tail "$T/out")"
grep -q '^第 1/8 题  ' "$T/out" && grep -q '^\[单选\] ' "$T/out" && grep -q '^\[排序\] ' "$T/out" ||
	fail "question header: $(head -n 8 "$T/out")"
grep -q '^  作答方式：' "$T/out" || fail "how to answer: $(head -n 12 "$T/out")"
grep -q '^Score' "$T/out" && fail "the score line is in English: $(grep '^Score' "$T/out")"
[ "$(row "SELECT state, percent FROM quiz_attempt")" = "final 100.0" ] ||
	fail "the Chinese run was not stored as final 100"
ok "a quiz in Chinese, answered the same way"

# one English word, two Chinese ones by context: "Due" in the plan is a
# deadline, in the notebook the next review
KEFU_DB="$T/wrong.db" "$KEFU" list > /dev/null
printf '%s\n' A B C 对 6 1 ABCD '1A 2B 3C' |
	KEFU_DB="$T/wrong.db" "$KEFU" quiz all-types --seed 1 > /dev/null 2>&1 || fail "wrong run"
KEFU_DB="$T/wrong.db" "$KEFU" review --list > "$T/out" || fail "review --list"
head -n 1 "$T/out" | grep -q '下次复习$' || fail "review --list header: $(head -n 1 "$T/out")"
KEFU_DB="$T/wrong.db" "$KEFU" plan > "$T/out" || fail "plan"
grep -q '截止日期$' "$T/out" || fail "plan header: $(cat "$T/out")"
ok "a word by its context: 截止日期 in the plan, 下次复习 in the notebook"

# a table in Chinese; CSV and JSON keep their stable keys and words
"$KEFU" people list > "$T/out" || fail "people list"
head -n 1 "$T/out" | grep -q '^登录名' || fail "table header: $(head -n 1 "$T/out")"
grep -q "^$LOGIN .*主管 .*在职" "$T/out" || fail "the role and state are not in Chinese: $(cat "$T/out")"
"$KEFU" people list --format csv > "$T/csv"
head -n 1 "$T/csv" | grep -q '^login,name,role,' || fail "CSV header translated: $(head -n 1 "$T/csv")"
grep -q ",manager,.*,active" "$T/csv" || fail "CSV words translated: $(cat "$T/csv")"
"$KEFU" people list --format json | grep -q '"status": *"active"' || fail "JSON words translated"
ok "tables in Chinese; CSV and JSON the same in every language"

# a report's CSV is for Excel users: headings, words and what it covers
# in Chinese; --ids keeps the keys and words scripts read
"$KEFU" report stages --format csv | tr -d '\r' > "$T/csv" || fail "report stages csv"
head -n 1 "$T/csv" | grep -q '^培训计划: .*,截至: ' || fail "cover row: $(head -n 2 "$T/csv")"
sed -n 2p "$T/csv" | grep -q '^登录名,姓名,入职日期,当前阶段,' || fail "CSV headings: $(sed -n 2p "$T/csv")"
"$KEFU" report stages --format csv --ids | head -n 1 | grep -q '^login,name,hired,' || fail "--ids"
"$KEFU" report stages --format json | grep -q '"as_of": ' || fail "JSON cover"
ok "a report's CSV speaks Chinese with what it covers; --ids keeps the keys"

# at a real terminal: the Chinese answer prompt through readline, an
# answer typed there, and Ctrl-C leaving the attempt open in Chinese
if [ -n "${EXPECT:-}" ] && [ -x "$EXPECT" ]; then
	export KEFU_DB="$T/pty.db" TERM=xterm
	"$KEFU" list > /dev/null
	"$EXPECT" -c '
		set timeout 10
		spawn $env(KEFU) quiz all-types --seed 1
		expect "第 1/8 题" {} timeout { exit 2 }
		expect "答案> " {} timeout { exit 3 }
		send "b\r"
		expect "答对了" {} timeout { exit 4 }
		expect "第 2/8 题" {} timeout { exit 5 }
		expect "答案> " {} timeout { exit 6 }
		send "\003"
		expect "你的答案已保存" {} timeout { exit 7 }
		expect eof
		exit 0' > "$T/log" 2>&1 || { cat "$T/log"; fail "the Chinese quiz at a terminal"; }
	[ "$(row "SELECT count(*), min(state) FROM quiz_answer JOIN quiz_attempt a ON a.id = attempt_id")" = "1 open" ] ||
		fail "the answer typed at the terminal: $(sql 'SELECT * FROM quiz_answer')"
	ok "at a terminal: 答案> through readline, the answer stored, Ctrl-C in Chinese"
fi
