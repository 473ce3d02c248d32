# Bad content: every file gives its positioned errors on stderr, nothing on
# stdout, exit status 1; a warning alone lets the check pass.
. "$top_srcdir/tests/lib.sh"

cd "$CONTENT/bad" || fail "no tests/content/bad"
for f in *.yaml; do
	"$KEFU" --content ../mini check "$f" > "$T/out" 2> "$T/err"
	rc=$?
	[ "$rc" -eq 1 ] || fail "$f: exit status $rc, expected 1"
	[ -s "$T/out" ] && fail "$f: wrote to stdout"
	diff -u "${f%.yaml}.err" "$T/err" || fail "$f: messages differ"
	ok "$f"
done

cd "$CONTENT" || exit 1
"$KEFU" --content mini check bad-tree 2> "$T/err"
[ $? -eq 1 ] || fail "bad-tree: exit status"
diff -u bad-tree.err "$T/err" || fail "bad-tree: messages differ"
ok "errors across files: duplicate ids and references"

"$KEFU" --content mini check bad-pool 2> "$T/err"
[ $? -eq 1 ] || fail "bad-pool: exit status"
diff -u bad-pool.err "$T/err" || fail "bad-pool: messages differ"
ok "a quiz that draws from other banks: unknown, chained or itself, clashing ids, too few"

# over the size limit: made here rather than shipped
head -c 9000000 /dev/zero | tr '\0' 'a' > "$T/big.yaml"
"$KEFU" --content mini check "$T/big.yaml" 2> "$T/err"
[ $? -eq 1 ] || fail "big file: exit status"
grep -q "big.yaml: file too large (over 8 MiB)" "$T/err" || fail "big file: message"
ok "a 9 MB file is refused"

"$KEFU" --content mini check "$T/nonexistent.yaml" 2> "$T/err"
[ $? -eq 1 ] || fail "missing file: exit status"
grep -q "nonexistent.yaml: cannot open: No such file or directory" "$T/err" ||
	fail "missing file: message"
ok "a missing file"

mkdir "$T/none"
"$KEFU" --content mini check "$T/none" 2> "$T/err"
[ $? -eq 1 ] || fail "empty dir: exit status"
grep -q "no content files" "$T/err" || fail "empty dir: message"
ok "a directory with no content files"

# broken content stops other commands with the list of errors
"$KEFU" --content bad-tree plan > "$T/out" 2> "$T/err"
[ $? -eq 1 ] || fail "plan on bad content: exit status"
grep -q "duplicate quiz id 'same'" "$T/err" || fail "plan on bad content: errors not listed"
grep -q "has 3 errors (listed above); fix them, then run 'kefu check'" "$T/err" ||
	fail "plan on bad content: summary"
[ -e "$KEFU_DB" ] && fail "plan on bad content wrote a database"
ok "commands refuse broken content and write nothing"

"$KEFU" --content "$T/none" plan 2> "$T/err"
[ $? -eq 1 ] || fail "not a tree: exit status"
grep -q "not a content tree: it has no curricula/, quizzes/, scripts/, cases/, rules/ or scenarios/ directory" "$T/err" ||
	fail "not a tree: message"
ok "a directory that is not a content tree"

# an exam that draws from the banks of later stages is warned of, not
# refused: the check passes
"$KEFU" --content mini check later-stage > "$T/out" 2> "$T/err"
[ $? -eq 0 ] || fail "later-stage: exit status"
grep -q "^ok: 8 files" "$T/out" || fail "later-stage: $(cat "$T/out")"
diff -u later-stage.err "$T/err" || fail "later-stage: messages differ"
ok "an exam that draws from a later stage's bank: a warning"

# A FIFO named like content would wait for a writer for ever, and so
# would every command that loads the tree: anything but a regular file
# (or a link to one) is refused, never opened. Each case carries on
# after a failure; a hang ends after 10 s (status 124).
fifo_in_tree() {
	cp -R "$CONTENT/mini" "$T/fifo" && mkfifo "$T/fifo/quizzes/x.yaml" || fail "set-up"
	timeout 10 "$KEFU" --content "$T/fifo" check > "$T/out" 2> "$T/err"
	rc=$?
	[ "$rc" -ne 124 ] || fail "check waited on the FIFO"
	[ "$rc" -eq 1 ] || fail "check: exit status $rc"
	[ -s "$T/out" ] && fail "check wrote to stdout: $(cat "$T/out")"
	printf '%s\n' "$T/fifo/quizzes/x.yaml: not a regular file" "kefu: 1 error in 4 files" > "$T/want"
	diff -u "$T/want" "$T/err" || fail "check: messages differ"
	# the other files load; the content as a whole is refused
	timeout 10 "$KEFU" --content "$T/fifo" list quizzes > "$T/out" 2> "$T/err"
	rc=$?
	[ "$rc" -ne 124 ] || fail "list waited on the FIFO"
	[ "$rc" -eq 1 ] || fail "list: exit status $rc"
	grep -qxF "$T/fifo/quizzes/x.yaml: not a regular file" "$T/err" || fail "list: $(cat "$T/err")"
	grep -q "has 1 error (listed above)" "$T/err" || fail "list: $(cat "$T/err")"
	[ -e "$KEFU_DB" ] && fail "list wrote a database"
	return 0
}
test_case "a FIFO in the content tree is refused, not waited on, by check and list" fifo_in_tree

fifo_named() {
	mkfifo "$T/named.yaml" && ln -s "$T/named.yaml" "$T/link.yaml" || fail "set-up"
	for f in "$T/named.yaml" "$T/link.yaml" /dev/null; do
		timeout 10 "$KEFU" --content mini check "$f" > "$T/out" 2> "$T/err"
		rc=$?
		[ "$rc" -ne 124 ] || fail "check $f waited"
		[ "$rc" -eq 1 ] || fail "check $f: exit status $rc"
		grep -qxF "$f: not a regular file" "$T/err" || fail "check $f: $(cat "$T/err")"
	done
}
test_case "a FIFO named on the command line, a link to one, a device: refused" fifo_named

linked() {
	mkdir -p "$T/elsewhere" && cp -R "$CONTENT/mini" "$T/linked" &&
		mv "$T/linked/quizzes/basics.yaml" "$T/elsewhere/" &&
		ln -s "$T/elsewhere/basics.yaml" "$T/linked/quizzes/basics.yaml" || fail "set-up"
	out=$(timeout 10 "$KEFU" --content "$T/linked" check 2>&1) || fail "linked tree: $out"
	[ "$out" = "ok: 3 files: 1 curriculum (3 stages, 6 modules), 1 quiz (1 question), 1 drill (1 line)" ] ||
		fail "linked tree: $out"
}
test_case "a link to a regular file is read as before" linked
test_done
