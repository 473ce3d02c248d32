# The man pages: kefu(1) and kefu-content(5) format without a warning,
# and kefu(1) says of every command what `kefu help COMMAND` says.
. "$top_srcdir/tests/lib.sh"
export KEFU_CONTENT="$CONTENT/mini"
command -v groff > /dev/null 2>&1 || { echo "SKIP: no groff"; exit 77; }

# -k: the pages are UTF-8 (preconv), as man(1) reads them
for page in kefu.1 kefu-content.5; do
	groff -k -Tutf8 -ww -z -man "$top_srcdir/docs/$page" > "$T/warn" 2>&1 ||
		fail "groff failed on $page: $(cat "$T/warn")"
	[ -s "$T/warn" ] && fail "groff warns about $page: $(cat "$T/warn")"
done
ok "kefu.1 and kefu-content.5 format without warnings"

# flat TEXT: one line, typographic dashes and quotes as typed, white
# space collapsed, so a man page's filling and fonts do not matter
flat() {
	sed -e 's/[‐−–]/-/g' -e "s/[‘’\`]/'/g" -e 's/[“”]/"/g' -e 's/^usage: //' |
		tr -s ' \t\n' '   ' | sed -e 's/^ //' -e 's/ $//'
}
groff -k -Tutf8 -man -rLL=3000n -P-cbou "$top_srcdir/docs/kefu.1" 2> /dev/null | flat > "$T/page"
[ -s "$T/page" ] || fail "kefu.1 renders empty"

"$KEFU" help > "$T/cmds" || fail "kefu help"
n=0
for c in $(sed -n 's/^  \([a-z]*\)  *.*/\1/p' "$T/cmds"); do
	"$KEFU" help "$c" | flat > "$T/help" || fail "help $c"
	grep -qF -- "$(cat "$T/help")" "$T/page" ||
		fail "kefu.1 does not say what 'kefu help $c' says: $(cat "$T/help")"
	n=$((n + 1))
done
[ "$n" -ge 15 ] || fail "only $n commands in 'kefu help'"
ok "kefu.1 holds the help of each of the $n commands"

# every option of --help is in kefu.1
"$KEFU" --help | sed -n 's/^  \(-[A-Z], \)\{0,1\}\(--[a-z]*\).*/\2/p' > "$T/opts"
[ -s "$T/opts" ] || fail "no options in --help"
while read -r o; do
	grep -qF -- "$o" "$T/page" || fail "kefu.1 does not name $o"
done < "$T/opts"
ok "kefu.1 names every option of --help"

# the example files of kefu-content(5) pass kefu check
mkdir -p "$T/ex/quizzes" "$T/ex/curricula/drills"
groff -k -Tutf8 -man -rLL=3000n -P-cbou "$top_srcdir/docs/kefu-content.5" 2> /dev/null |
	awk -v dir="$T/ex" '
		/^ *A (quiz|drill|curriculum), [a-z\/.-]*yaml:$/ { f = dir "/" $NF; sub(/:$/, "", f); next }
		f && /^ *Check them/ { f = ""; next }
		f && /^ *A (drill|curriculum),/ { f = "" }
		f { print > f }' 
n=$(find "$T/ex" -name '*.yaml' | wc -l)
[ "$n" -eq 3 ] || fail "kefu-content.5 has $n example files, not 3"
"$KEFU" --content "$T/ex" check > "$T/out" 2>&1 || fail "the examples of kefu-content.5 fail kefu check: $(cat "$T/out")"
ok "the example files of kefu-content.5 pass kefu check"
echo "$passed passed, 0 failed"
