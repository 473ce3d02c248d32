# Bad content: every file gives its positioned errors on stderr, nothing on
# stdout, exit status 1.
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
grep -q "not a content tree: it has no curricula/ or quizzes/ directory" "$T/err" ||
	fail "not a tree: message"
ok "a directory that is not a content tree"
echo "$passed passed, 0 failed"
