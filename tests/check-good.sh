# Good content, including odd but valid YAML, passes with a summary line.
. "$top_srcdir/tests/lib.sh"

cd "$CONTENT" || exit 1
out=$("$KEFU" --content mini check 2>&1) || fail "mini: $out"
[ "$out" = "ok: 3 files: 1 curriculum (3 stages, 6 modules), 1 quiz (1 question), 1 drill (1 line)" ] ||
	fail "mini summary: $out"
ok "the mini tree"

out=$("$KEFU" --content mini check odd 2>&1) || fail "odd: $out"
[ "$out" = "ok: 4 files: 1 curriculum (1 stage, 6 modules), 2 quizzes (7 questions), 1 drill (2 lines)" ] ||
	fail "odd summary: $out"
ok "odd content: BOM, CRLF, flow style, anchors, quoted numbers, .yml, nested dirs"

# a curriculum checked alone finds its quizzes and drills in the tree
out=$("$KEFU" --content mini check mini/curricula/mini.yaml 2>&1) || fail "alone: $out"
ok "a curriculum checked alone resolves against the content tree"

out=$("$KEFU" --content mini check mini/quizzes/basics.yaml odd/curricula/drills/en.yaml 2>&1) ||
	fail "two files: $out"
[ "$out" = "ok: 2 files: 0 curricula (0 stages, 0 modules), 1 quiz (1 question), 1 drill (2 lines)" ] ||
	fail "two files summary: $out"
ok "several paths in one run"

# a new file that reuses an id of the tree would break the tree once added
cp "$CONTENT/mini/quizzes/basics.yaml" "$T/copy.yaml"
"$KEFU" --content mini check "$T/copy.yaml" > "$T/out" 2> "$T/err"
[ $? -eq 1 ] || fail "id clash with the tree: exit status"
grep -q "copy.yaml:1:1: quiz id 'basics' is already used in the content tree, at mini/quizzes/basics.yaml:1:1" "$T/err" ||
	fail "id clash: $(cat "$T/err")"
ok "a file checked alone may not reuse an id of the tree"

KEFU_CONTENT="$CONTENT/odd" "$KEFU" check > "$T/out" 2>&1 || fail "KEFU_CONTENT: $(cat "$T/out")"
grep -q "2 quizzes" "$T/out" || fail "KEFU_CONTENT not used"
ok "KEFU_CONTENT names the tree"

# an exam that draws from two banks and its own question; the summary
# counts each question once, in the quiz that holds it
out=$("$KEFU" --content pool check 2>&1) || fail "pool: $out"
[ "$out" = "ok: 5 files: 1 curriculum (1 stage, 1 module), 4 quizzes (6 questions), 0 drills (0 lines)" ] ||
	fail "pool summary: $out"
printf '对\n对\n对\n对\n' | "$KEFU" --content pool quiz pool-exam --seed 7 > "$T/out" 2>&1 ||
	fail "pool exam: $(cat "$T/out")"
grep -q "Score: 4 of 4 points, 100%" "$T/out" || fail "pool exam score: $(cat "$T/out")"
paper=$(sql "SELECT paper FROM quiz_attempt WHERE quiz = 'pool-exam'")
[ "$(printf '%s\n' "$paper" | grep -c '^a[123]:')" = 2 ] &&
	[ "$(printf '%s\n' "$paper" | grep -c '^\(b[12]\|e1\):')" = 2 ] ||
	fail "the paper does not follow the draw: $paper"
ok "an exam draws by tag from other banks and its own questions"
echo "$passed passed, 0 failed"
