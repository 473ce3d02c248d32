# Lessons read like a handbook: the next one with no lesson named, the
# markup laid out by display width, a section by number or words, and
# what comes next once read.
. "$top_srcdir/tests/lib.sh"
export KEFU_CONTENT="$CONTENT/study" KEFU_NOW=2026-03-01
"$KEFU" list > /dev/null || fail "set-up"

next_lesson() {
	"$KEFU" study > "$T/out" 2>&1 || fail "study: $(cat "$T/out")"
	sed -n 1p "$T/out" | grep -qx "商品手册" || fail "not the first unread lesson: $(cat "$T/out")"
	grep -qx "Marked '商品手册' read." "$T/out" || fail "not said read: $(cat "$T/out")"
	grep -qx "Next: read lesson 'plain': kefu study plain" "$T/out" || fail "next: $(cat "$T/out")"
	"$KEFU" study > "$T/out" 2>&1 || fail "study again"
	sed -n 1p "$T/out" | grep -qx "没有标记的课" || fail "not the next unread lesson: $(cat "$T/out")"
	# the lesson of a later stage is no next lesson
	"$KEFU" study > "$T/out" 2>&1 || fail "study with all read"
	grep -qx "Every lesson of stage 入门 is read." "$T/out" || fail "all read: $(cat "$T/out")"
	grep -q "^Next: ask $LOGIN to sign stage 1 off; meanwhile read ahead: kefu study later" "$T/out" ||
		fail "no next step: $(cat "$T/out")"
	[ "$(sql "SELECT count(*) FROM lesson_read")" = 2 ] || fail "lessons read: $(sql "SELECT lesson FROM lesson_read")"
}
test_case "study with no lesson opens the next unread one of the stage, says it is read and what is next" next_lesson

layout() {
	"$KEFU" study catalogue > "$T/out" 2>&1 || fail "study: $(cat "$T/out")"
	# tables line up by display width: 尺码 is 4 columns, like XXL and a space
	grep -qx "尺码  身高         体重" "$T/out" &&
		grep -qx "S     150–160厘米  40–50公斤" "$T/out" &&
		grep -qx "XXL   180–190厘米  80–90公斤" "$T/out" || fail "size table: $(cat "$T/out")"
	grep -qx "店铺概况" "$T/out" && grep -qx "========" "$T/out" || fail "heading: $(cat "$T/out")"
	# a list item wraps at 80 columns under its text
	grep -qx "  • 发货：每天16:00前付款的订单当天发出，16:00以后付款的次日发出；大促期间付款后" "$T/out" &&
		grep -qx "    48小时内发出，默认发中通快递。" "$T/out" || fail "list item: $(cat "$T/out")"
	grep -qx "   2  【商品01】圆领T恤" "$T/out" || fail "sections not listed: $(cat "$T/out")"
	"$KEFU" study plain > "$T/out" 2>&1 || fail "study plain"
	grep -qx "没有标记的文字照原样显示。" "$T/out" && grep -qx "第二行。" "$T/out" ||
		fail "plain text changed: $(cat "$T/out")"
}
test_case "headings, lists and tables are laid out by display width; plain text reads as written" layout

sections() {
	"$KEFU" study catalogue 3 > "$T/out" 2>&1 || fail "section 3: $(cat "$T/out")"
	grep -q "^【商品02】亚麻衬衫" "$T/out" || fail "not at section 3: $(cat "$T/out")"
	grep -q "圆领T恤" "$T/out" && fail "section 3 shows what comes before it: $(cat "$T/out")"
	"$KEFU" study catalogue 商品01 > "$T/out" 2>&1 || fail "section by words"
	grep -q "^【商品01】圆领T恤" "$T/out" || fail "not at 商品01: $(cat "$T/out")"
	"$KEFU" study catalogue 商品 > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] && grep -q "'商品' names more than one section of lesson 'catalogue': give its number:" "$T/err" ||
		fail "ambiguous: $(cat "$T/err")"
	"$KEFU" study catalogue 9 > "$T/out" 2> "$T/err"
	[ $? -eq 1 ] && grep -q "no section '9' in lesson 'catalogue'; its sections:" "$T/err" &&
		grep -q "  3  【商品02】亚麻衬衫" "$T/err" || fail "unknown section: $(cat "$T/err")"
}
test_case "study LESSON SECTION opens at a heading by number or words; an unknown or ambiguous one lists them" sections

test_done
