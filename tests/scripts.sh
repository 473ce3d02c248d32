# Script libraries (话术库): listed and lined up, copied for a real chat
# (placeholders asked for, OSC 52 at a terminal), exported for chat
# tools and imported from them, and taken as drill lines.
. "$top_srcdir/tests/lib.sh"
export KEFU_CONTENT="$CONTENT/kb" KEFU_NOW=2026-03-01
"$KEFU" list > /dev/null || fail "set-up"

listing() {
	"$KEFU" scripts > "$T/out" 2>&1 || fail "scripts: $(cat "$T/out")"
	grep -q "^after-sales  after-sales  售后话术 " "$T/out" || fail "libraries: $(cat "$T/out")"
	grep -q "^greeting     greeting     Greeting 问候 " "$T/out" || fail "by situation: $(cat "$T/out")"
	COLUMNS=80 "$KEFU" scripts after-sales > "$T/out" 2>&1 || fail "a library: $(cat "$T/out")"
	# id, shortcut, title and text in columns by display width
	grep -qx "  sorry    cwh       发错货致歉  亲，非常抱歉发错货了，麻烦拍一下收到的商品和面" "$T/out" &&
		grep -qx "                                 单，我马上处理～" "$T/out" &&
		grep -qx "  hello    shwh      售后问候    亲，售后这边为您服务，请问遇到什么问题了？" "$T/out" ||
		fail "not lined up: $(cat "$T/out")"
	"$KEFU" scripts after-sales --format json | jq -e '.rows | length == 3 and .[0].shortcut == "cwh"' > /dev/null ||
		fail "json"
	"$KEFU" scripts aftersales > "$T/out" 2>&1 && fail "an unknown library listed"
	grep -q "no script library 'aftersales' (did you mean 'after-sales'?)" "$T/out" || fail "unknown: $(cat "$T/out")"
}
test_case "scripts lists libraries by situation and a library's scripts lined up by display width" listing

copy_piped() {
	printf '张三\nSF1234\n' | "$KEFU" scripts copy bf > "$T/out" 2> "$T/err" || fail "copy: $(cat "$T/err")"
	[ "$(cat "$T/out")" = "张三亲，补发的包裹已经寄出，单号SF1234，请留意查收。" ] || fail "filled: $(cat "$T/out")"
	# piped, no clipboard sequence is written
	grep -q "$(printf '\033')" "$T/out" && fail "an escape written to a pipe"
	# by LIBRARY/ID, an id or a shortcut only one script has
	"$KEFU" scripts copy greeting/hello > "$T/out" || fail "by library/id"
	grep -qx "Hello! 亲，欢迎光临，请问有什么可以帮您？" "$T/out" || fail "greeting/hello: $(cat "$T/out")"
	"$KEFU" scripts copy CWH > "$T/out" || fail "by shortcut"
	grep -q "^亲，非常抱歉发错货了" "$T/out" || fail "cwh: $(cat "$T/out")"
	"$KEFU" scripts copy hello > "$T/out" 2>&1 && fail "an ambiguous id copied"
	grep -q "'hello' names several scripts: after-sales/hello, greeting/hello; write LIBRARY/ID" "$T/out" ||
		fail "ambiguous: $(cat "$T/out")"
	# a value typed for a placeholder is made inert
	printf '\033[31m红\nX\n' | "$KEFU" scripts copy bf > "$T/out" || fail "inert"
	grep -q "$(printf '\033')" "$T/out" && fail "an escape from the typed value came out"
	# input ending before every placeholder is filled copies nothing
	printf '张三\n' | "$KEFU" scripts copy bf > "$T/out" 2>&1 && fail "copied half filled"
	grep -qx "Nothing copied." "$T/out" || fail "half: $(cat "$T/out")"
}
test_case "scripts copy asks for placeholders first and prints the script" copy_piped

copy_pty() {
	[ -n "${EXPECT:-}" ] && [ -x "$EXPECT" ] || { echo "# expect missing: skipped"; return 0; }
	TERM=xterm "$EXPECT" -c '
		set timeout 10
		log_user 0
		spawn '"$KEFU"' scripts copy bf
		expect "买家: " { send "张三\r" } timeout { exit 1 }
		expect "单号: " { send "SF9\r" } timeout { exit 2 }
		expect -re "\033\\\]52;c;(\[A-Za-z0-9+/=]+)\007" {
			puts $expect_out(1,string)
		} timeout { exit 3 }
		expect eof
	' > "$T/b64" || fail "the pty session ($?)"
	[ "$(tr -d '\r\n' < "$T/b64" | base64 -d)" = "张三亲，补发的包裹已经寄出，单号SF9，请留意查收。" ] ||
		fail "the clipboard holds: $(tr -d '\r\n' < "$T/b64" | base64 -d)"
	# at the prompt, completion after `scripts copy` offers script ids
	TERM=xterm "$EXPECT" -c '
		set timeout 10
		log_user 0
		spawn '"$KEFU"'
		expect "> " { send "scripts copy sor\t" } timeout { exit 1 }
		expect "scripts copy sorry " { send "\003" } timeout { exit 2 }
		expect "> " { send "scripts after\t" } timeout { exit 3 }
		expect "scripts after-sales " { send "\003\004" } timeout { exit 4 }
		expect eof
	' > /dev/null || fail "completion at the prompt ($?)"
}
test_case "at a terminal copy sets the clipboard through OSC 52, and the prompt completes script ids" copy_pty

export_csv() {
	"$KEFU" scripts export > "$T/all.csv" || fail "export"
	head -c 3 "$T/all.csv" | od -An -tx1 | grep -q "ef bb bf" || fail "no BOM"
	python3 - "$T/all.csv" > "$T/out" <<'PY' || fail "csv: $(cat "$T/out")"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
assert rows[0] == ["group", "shortcut", "text"], rows[0]
assert len(rows) == 6, len(rows)
assert rows[1] == ["售后话术", "cwh", "亲，非常抱歉发错货了，麻烦拍一下收到的商品和面单，我马上处理～"], rows[1]
assert rows[5] == ["Greeting 问候", "", "亲，这是第一行。\n这是第二行。"], rows[5]
PY
	# imported again, the same library
	"$KEFU" scripts export after-sales --output "$T/as.csv" || fail "export one"
	mkdir -p "$T/rt/scripts"
	"$KEFU" scripts import "$T/as.csv" --id after-sales --output "$T/rt/scripts/as.yaml" 2> "$T/err" ||
		fail "import: $(cat "$T/err")"
	grep -q "Wrote 3 scripts to .* as library 'after-sales'" "$T/err" || fail "said: $(cat "$T/err")"
	KEFU_CONTENT="$T/rt" KEFU_DB="$T/rt.db" "$KEFU" check > "$T/out" 2>&1 || fail "the import does not check: $(cat "$T/out")"
	KEFU_CONTENT="$T/rt" KEFU_DB="$T/rt.db" "$KEFU" scripts export --output "$T/again.csv" || fail "export again"
	cmp "$T/as.csv" "$T/again.csv" || fail "not the same library: $(diff "$T/as.csv" "$T/again.csv")"
	# YAML in the content format
	"$KEFU" scripts export greeting --format yaml > "$T/rt/scripts/g.yaml" || fail "yaml"
	KEFU_CONTENT="$T/rt" KEFU_DB="$T/rt.db" "$KEFU" scripts greeting --format csv > "$T/a" || fail "yaml loads"
	"$KEFU" scripts greeting --format csv > "$T/b"
	cmp "$T/a" "$T/b" || fail "yaml round trip: $(diff "$T/a" "$T/b")"
	"$KEFU" scripts export --format yaml > "$T/out" 2>&1 && fail "yaml of two libraries in one file"
	true
}
test_case "export as quick-phrase CSV with a BOM reads back in Python and imports to the same library; YAML too" export_csv

import_bad() {
	printf '\357\273\277分组,快捷编码,快捷短语\r\n售后,cwh,亲，好的\r\n售后,c-w,坏的编码\r\n售后,,\r\n售后,CWH,重复的编码\r\n售后,x,{买家亲\r\n售后,y\r\n' > "$T/bad.csv"
	"$KEFU" scripts import "$T/bad.csv" --output "$T/bad.yaml" > "$T/out" 2>&1 && fail "a bad file imported"
	for want in "bad.csv:3:2: shortcut 'c-w'" "bad.csv:4:3: the phrase is empty" \
		"bad.csv:5:2: shortcut 'CWH' is already taken (line 2)" "bad.csv:6:3: the phrase: a '{'" \
		"bad.csv:7:1: this row has 2 fields but the header has 3" "nothing written"; do
		grep -q "$want" "$T/out" || fail "'$want' not said: $(cat "$T/out")"
	done
	[ -e "$T/bad.yaml" ] && fail "written despite errors"
	printf '名字,电话\n张三,1\n' > "$T/none.csv"
	"$KEFU" scripts import "$T/none.csv" > "$T/out" 2>&1 && fail "no phrase column imported"
	grep -q "none.csv:1:1: no phrase column" "$T/out" || fail "no phrase column: $(cat "$T/out")"
	# the id from the file's name, the title from its one group
	printf '分组,快捷短语\n催付,亲，您的订单还没付款哦\n' > "$T/Pay Reminders.csv"
	"$KEFU" scripts import "$T/Pay Reminders.csv" > "$T/out" || fail "import to stdout"
	grep -qx "scripts: pay-reminders" "$T/out" && grep -qx 'title: "催付"' "$T/out" || fail "id/title: $(cat "$T/out")"
}
test_case "import names every bad line and writes nothing; ids from the file name" import_bad

drill_lines() {
	"$KEFU" check > "$T/out" 2>&1 || fail "check: $(cat "$T/out")"
	grep -q "1 drill (4 lines), 2 script libraries (5 scripts), 1 case book (1 case)" "$T/out" || fail "counts: $(cat "$T/out")"
	# an unknown library in a drill is named where it is written
	mkdir -p "$T/d/curricula"
	printf 'drill: x\ntitle: x\nscripts: [after-sale]\n' > "$T/d/curricula/x.yaml"
	cp -r "$CONTENT/kb/scripts" "$T/d/"
	KEFU_CONTENT="$T/d" "$KEFU" check > "$T/out" 2>&1 && fail "an unknown library passed"
	grep -q "x.yaml:3:11: no script library 'after-sale' is loaded (did you mean 'after-sales'?)" "$T/out" ||
		fail "unknown library: $(cat "$T/out")"
}
test_case "a drill takes its lines from libraries (one line, no placeholders)" drill_lines

bad_library() {
	mkdir -p "$T/bl/scripts"
	printf 'scripts: b\ntitle: x\nitems:\n  - {id: a, title: t, text: 好, shortcut: ab}\n  - {id: a, title: t, text: "坏\\x01", shortcut: AB}\n  - {id: c, title: t, text: "{买家"}\n  - {id: d, title: t, text: ""}\n  - {id: e, title: t, text: x, colour: red}\n' > "$T/bl/scripts/b.yaml"
	KEFU_CONTENT="$T/bl" "$KEFU" check > "$T/out" 2>&1 && fail "a bad library passed"
	for want in "b.yaml:5:10: duplicate script id 'a' (first used at line 4)" \
		"b.yaml:5:29: a script cannot hold control characters (byte 0x01)" \
		"b.yaml:5:48: shortcut 'AB' is already taken in this library (line 4)" \
		"b.yaml:6:29: a script: a '{' that is not closed" \
		"b.yaml:7:29: 'text' is empty" "b.yaml:8:32: unknown key 'colour' in a script"; do
		grep -q "$want" "$T/out" || fail "'$want' not said: $(cat "$T/out")"
	done
	# a file checked alone does not take an id the tree has
	cp "$CONTENT/kb/scripts/greeting.yaml" "$T/g2.yaml"
	"$KEFU" check "$T/g2.yaml" > "$T/out" 2>&1 && fail "a clashing library passed"
	grep -q "g2.yaml:1:1: script library id 'greeting' is already used in the content tree" "$T/out" ||
		fail "clash: $(cat "$T/out")"
}
test_case "check names a library's duplicate ids and shortcuts, empty text, control characters, bad placeholders, unknown keys" bad_library

test_done
