# Bash completion (completions/kefu): commands, options, and ids that
# kefu lists from the content of the line being completed.
. "$top_srcdir/tests/lib.sh"
command -v bash > /dev/null 2>&1 || { echo "SKIP: no bash"; exit 77; }

# complete WORD...: what the completion offers for the line WORD...,
# the last word being completed, one per line
complete_line() {
	bash -c '
		. "$top_srcdir/completions/kefu" || exit 1
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_kefu kefu "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		printf "%s\n" "${COMPREPLY[@]}"' complete "$@"
}
# kefu as the line names it, found on PATH
mkdir -p "$T/bin"
ln -s "$KEFU" "$T/bin/kefu"
PATH="$T/bin:$PATH"
export PATH top_srcdir

complete_line kefu gr > "$T/out" || fail "completion failed"
[ "$(cat "$T/out")" = grade ] || fail "kefu gr<TAB>: $(cat "$T/out")"
complete_line kefu '' > "$T/out"
"$KEFU" help | sed -n 's/^  \([a-z]*\)  *.*/\1/p' | sort > "$T/cmds"
sort "$T/out" | diff -u "$T/cmds" - || fail "kefu <TAB> is not the commands of 'kefu help'"
ok "commands: kefu gr<TAB> gives grade; kefu <TAB> all of 'kefu help'"

complete_line kefu drill x -- > "$T/out"
grep -qx -- --time "$T/out" || fail "kefu drill x --<TAB>: $(cat "$T/out")"
grep -qx -- --seed "$T/out" && fail "kefu drill x --<TAB> offers quiz's --seed"
complete_line kefu --co > "$T/out"
grep -qx -- --content "$T/out" || fail "kefu --co<TAB>: $(cat "$T/out")"
complete_line kefu report --format c > "$T/out"
[ "$(cat "$T/out")" = csv ] || fail "kefu report --format c<TAB>: $(cat "$T/out")"
ok "options: per command, global, and their values"

KEFU_CONTENT="$CONTENT/quiz" complete_line kefu quiz '' > "$T/out"
"$KEFU" --content "$CONTENT/quiz" list quizzes > "$T/list" 2>&1 || fail "list quizzes: $(cat "$T/list")"
id=$(sed -n 's/^  \([a-z0-9-]*\)  .*/\1/p' "$T/list" | head -n 1)
[ -n "$id" ] || fail "no quiz in tests/content/quiz"
grep -qx -- "$id" "$T/out" || fail "kefu quiz <TAB> does not offer '$id': $(cat "$T/out")"
[ "$(wc -l < "$T/out")" -eq "$(sed -n 's/^  \([a-z0-9-]*\)  .*/\1/p' "$T/list" | wc -l)" ] ||
	fail "kefu quiz <TAB> offers more than the quizzes: $(cat "$T/out")"
ok "kefu quiz <TAB> offers the quizzes of KEFU_CONTENT ($id)"

complete_line kefu --content "$CONTENT/drill" drill '' > "$T/out"
"$KEFU" --content "$CONTENT/drill" list drills | sed -n 's/^  \([a-z0-9-]*\)  .*/\1/p' > "$T/ids"
[ -s "$T/ids" ] || fail "no drill in tests/content/drill"
diff -u "$T/ids" "$T/out" || fail "kefu --content DIR drill <TAB> is not DIR's drills"
KEFU_CONTENT="$CONTENT/quiz" complete_line kefu --content "$CONTENT/drill" quiz '' > "$T/out"
grep -qx -- "$id" "$T/out" && fail "--content on the line did not win over KEFU_CONTENT"
ok "--content on the line is the content completed from"

complete_line kefu people '' > "$T/out"
[ "$(sort "$T/out" | tr '\n' ' ')" = "add edit import leave list role " ] ||
	fail "kefu people <TAB>: $(cat "$T/out")"
touch "$T/team.csv"
(cd "$T" && complete_line kefu people import te) > "$T/out"
[ "$(cat "$T/out")" = team.csv ] || fail "kefu people import te<TAB>: $(cat "$T/out")"
complete_line kefu people leave x -- > "$T/out"
grep -qx -- --date "$T/out" && grep -qx -- --reason "$T/out" || fail "kefu people leave x --<TAB>: $(cat "$T/out")"
ok "kefu people: import offers files, leave its --date and --reason"

export KEFU_CONTENT="$CONTENT/kb"
complete_line kefu scripts copy after-sales/s > "$T/out"
[ "$(sort "$T/out" | tr '\n' ' ')" = "after-sales/shipped after-sales/sorry " ] ||
	fail "kefu scripts copy after-sales/s<TAB>: $(cat "$T/out")"
complete_line kefu scripts '' > "$T/out"
grep -qx greeting "$T/out" && grep -qx copy "$T/out" || fail "kefu scripts <TAB>: $(cat "$T/out")"
complete_line kefu kb search x --kind c > "$T/out"
[ "$(cat "$T/out")" = case ] || fail "kefu kb search x --kind c<TAB>: $(cat "$T/out")"
ok "kefu scripts copy offers script ids, scripts its libraries, kb --kind its kinds"
echo "$passed passed, 0 failed"
