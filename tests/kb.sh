# kefu kb: one search over lessons by section, practice questions,
# drill lines, scripts and cases; Chinese from one character; never an
# exam's questions; the index kept in the cache and made again when the
# content changes.
. "$top_srcdir/tests/lib.sh"
cp -r "$CONTENT/kb" "$T/c"
export KEFU_CONTENT="$T/c" KEFU_NOW=2026-03-01
"$KEFU" list > /dev/null || fail "set-up"

# refs CMD...: the refs a search finds, one a line
refs() {
	"$KEFU" kb search "$@" --format json | jq -r '.rows[].ref'
}

terms() {
	# one character: a scan; every kind that holds it
	refs 亲 --limit 50 > "$T/out" || fail "one character"
	for r in script:after-sales/sorry script:greeting/hello drill:typing-from-scripts/1 ; do
		grep -qx "$r" "$T/out" && [ "$r" != drill:typing-from-scripts/1 ] || [ "$r" = drill:typing-from-scripts/1 ] ||
			fail "亲 misses $r: $(cat "$T/out")"
	done
	grep -qx "script:after-sales/sorry" "$T/out" || fail "亲: $(cat "$T/out")"
	# two characters: a scan
	[ "$(refs 面单)" = "script:after-sales/sorry" ] || fail "面单: $(refs 面单)"
	# four characters: the trigram index
	[ "$(refs 上门取件)" = "case:hard-cases/extra-item" ] || fail "上门取件: $(refs 上门取件)"
	# a Latin word, any case and width
	[ "$(refs RETURNED)" = "lesson:handbook#3" ] || fail "RETURNED: $(refs RETURNED)"
	[ "$(refs ｕｎｗｏｒｎ)" = "lesson:handbook#3" ] || fail "full width: $(refs ｕｎｗｏｒｎ)"
	# every word must be there: a long and a short one together
	[ "$(refs 运费险 退货)" = "lesson:handbook#2" ] || fail "two words: $(refs 运费险 退货)"
	[ -z "$(refs 运费险 面单)" ] || fail "an entry without every word: $(refs 运费险 面单)"
	# a practice question with its explanation, a drill's own line
	[ "$(refs 5分钟内回复)" = "question:practice-rules/reply-minutes" ] || fail "explanation: $(refs 5分钟内回复)"
	[ "$(refs 自己写的)" = "drill:typing-from-scripts/1" ] || fail "drill line: $(refs 自己写的)"
}
test_case "search finds one-, two- and four-character Chinese terms and Latin words, every word required" terms

exam() {
	# an exam's own question and the bank it draws from are never found
	for q in 机密考题 考题 机 题库秘密 秘密; do
		[ -z "$(refs "$q")" ] || fail "'$q' found exam questions: $(refs "$q")"
	done
	"$KEFU" kb show question:final-exam/exam-only > "$T/out" 2>&1 && fail "an exam question shown"
	"$KEFU" kb show question:secret-bank/bank-only > "$T/out" 2>&1 && fail "a bank question shown"
	true
}
test_case "an exam's questions and its banks' are never searched or shown" exam

shown() {
	"$KEFU" kb search 运费险 > "$T/out" || fail "search"
	grep -q "^  1\. lesson  lesson:handbook#2  店铺手册 › \[运费险\]$" "$T/out" || fail "title marked: $(cat "$T/out")"
	grep -q "^     每笔订单赠送退货\[运费险\]。$" "$T/out" || fail "snippet marked: $(cat "$T/out")"
	# ranked: the title's hit before hits in text alone
	refs 发错货 > "$T/out"
	[ "$(head -1 "$T/out")" = "script:after-sales/sorry" ] || fail "rank: $(cat "$T/out")"
	"$KEFU" kb show case:hard-cases/extra-item > "$T/out" || fail "show a case"
	grep -qx "The buyer said:" "$T/out" && grep -qx "  2. 安排快递上门取件，运费店铺承担" "$T/out" || fail "case: $(cat "$T/out")"
	"$KEFU" kb show lesson:handbook#2 > "$T/out" || fail "show a section"
	grep -q "'kefu study handbook 2' opens the lesson at this section" "$T/out" || fail "section: $(cat "$T/out")"
	"$KEFU" kb show script:after-sales/shipped --format json | jq -e '.rows[0].kind == "script"' > /dev/null ||
		fail "json"
	"$KEFU" kb show script:after-sales/shiped > "$T/out" 2>&1 && fail "an unknown ref shown"
	grep -q "did you mean 'script:after-sales/shipped'" "$T/out" || fail "unknown: $(cat "$T/out")"
	"$KEFU" kb search > "$T/out" 2>&1 && fail "an empty search"
	"$KEFU" kb search x --kind nonsense > "$T/out" 2>&1 && fail "a bad kind"
	refs 取件 --kind case > "$T/out"
	[ "$(sort -u "$T/out")" = "case:hard-cases/extra-item" ] || fail "--kind: $(cat "$T/out")"
}
test_case "results are ranked and marked, show prints one in full, bad input is refused" shown

inert() {
	cat > "$T/c/scripts/evil.yaml" <<'Y'
scripts: evil
title: "坏\e[31m标题"
items:
  - {id: e, title: "恶意", text: "查找词语\e]52;c;SGk=\a和更多"}
Y
	"$KEFU" kb search 查找词语 > "$T/out" 2>&1 && fail "control characters in a script passed the loader"
	rm "$T/c/scripts/evil.yaml"
	true
}
test_case "control characters never reach the index" inert

cache() {
	refs 运费险 > /dev/null
	[ -f "$XDG_CACHE_HOME/kefu/kb-index" ] || fail "no index in the cache"
	# a changed file is searched as it now is
	sed -i 's/每笔订单赠送退货运费险。/每笔订单赠送退货保障。/' "$T/c/curricula/kb.yaml"
	touch -d '+2 seconds' "$T/c/curricula/kb.yaml"
	[ -z "$(refs 赠送退货运费险)" ] || fail "the old text found: $(refs 赠送退货运费险)"
	[ "$(refs 退货保障)" = "lesson:handbook#2" ] || fail "the new text not found"
	# a broken index file is made again
	echo garbage > "$XDG_CACHE_HOME/kefu/kb-index"
	rm -f "$XDG_CACHE_HOME/kefu/kb-index-wal" "$XDG_CACHE_HOME/kefu/kb-index-shm"
	[ "$(refs 退货保障)" = "lesson:handbook#2" ] || fail "a broken index"
}
test_case "the index is kept in the cache and made again when content changes or it is broken" cache

test_done
