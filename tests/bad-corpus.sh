# Hostile content: every bad file, and big ones made here (a 100 MB file,
# the same through a pipe, a directory of 5 000 files, nesting and link
# loops), gives a positioned error or a clear refusal, exit status 1, no
# crash, in bounded memory. The inputs that once crashed the fuzzer are
# replayed too. The messages of tests/content/bad are checked by
# check-bad.sh; this script is about surviving them.
. "$top_srcdir/tests/lib.sh"

# Peak memory allowed for one run, in KiB. The sanitizers' shadow memory
# and quarantine make their builds larger; the bound is for real builds.
if [ -n "${KEFU_SANITIZED:-}" ]; then
	LIMIT=1048576
else
	LIMIT=65536
fi

# refused WHAT ARGS...: runs kefu ARGS, which must exit 1 with a message
# and without a crash, within the memory bound. Its stderr is in $T/err.
refused() {
	_what=$1
	shift
	"$PEAK_RSS" "$T/rss" "$KEFU" "$@" > "$T/out" 2> "$T/err"
	_rc=$?
	[ "$_rc" -eq 1 ] || fail "$_what: exit status $_rc, expected 1: $(head -c 600 "$T/err")"
	[ -s "$T/err" ] || fail "$_what: no message"
	grep -q "BUG\|AddressSanitizer\|runtime error" "$T/err" && fail "$_what: $(head -c 600 "$T/err")"
	_kib=$(cat "$T/rss")
	[ "$_kib" -lt "$LIMIT" ] || fail "$_what: peak RSS $_kib KiB, over $LIMIT"
	return 0
}

cd "$CONTENT" || fail "no tests/content"
for f in bad/*.yaml; do
	refused "$f" --content mini check "$f"
	grep -q "^$f\(:[0-9]*:[0-9]*\)\?: " "$T/err" || fail "$f: no message naming the file"
done
ok "every file of tests/content/bad: exit 1 with a message, in bounded memory"

# 100 MB: refused by its size before it is read
{
	printf 'quiz: big\ntitle: 大\nquestions:\n'
	yes '  - {id: q, type: truefalse, text: 这是一道很长的判断题吗, answer: true}' |
		head -c 100000000
} > "$T/big.yaml"
refused "100 MB file" --content mini check "$T/big.yaml"
grep -q "big.yaml: file too large (over 8 MiB); split it into several files" "$T/err" ||
	fail "100 MB file: message: $(cat "$T/err")"
ok "a 100 MB file is refused by its size (peak $(cat "$T/rss") KiB)"

# a FIFO is refused before it is opened: nothing waits for a writer
mkfifo "$T/pipe.yaml" || fail "mkfifo"
refused "a FIFO" --content mini check "$T/pipe.yaml"
grep -q "pipe.yaml: not a regular file" "$T/err" || fail "FIFO: message: $(cat "$T/err")"
ok "a FIFO is refused, never read"

# and in a content tree: no command runs on it
mkdir -p "$T/bigtree/quizzes"
mv "$T/big.yaml" "$T/bigtree/quizzes/"
refused "100 MB in a tree" --content "$T/bigtree" plan
grep -q "big.yaml: file too large" "$T/err" || fail "100 MB in a tree: message"
[ -e "$KEFU_DB" ] && fail "100 MB in a tree: wrote a database"
rm -rf "$T/bigtree"
ok "a tree with a 100 MB file is refused"

# an empty file, and a file that is all blank lines
: > "$T/empty.yaml"
refused "empty file" --content mini check "$T/empty.yaml"
grep -q "empty.yaml: empty file" "$T/err" || fail "empty file: message"
yes '' | head -n 100000 > "$T/blank.yaml"
refused "blank file" --content mini check "$T/blank.yaml"
grep -q "blank.yaml: empty file" "$T/err" || fail "blank file: message"
ok "an empty file and one of 100 000 blank lines"

# a directory of 5 000 files, one of them wrong: every file is read, the
# one error is reported where it is
mkdir -p "$T/many/quizzes"
i=0
while [ $i -lt 5000 ]; do
	printf 'quiz: q%d\ntitle: 测验 %d\nquestions:\n  - {id: a, type: truefalse, text: 对吗, answer: true}\n' \
		$i $i > "$T/many/quizzes/q$i.yaml"
	i=$((i + 1))
done
printf 'quiz: q7\ntitle: 又一个\nquestions:\n  - {id: a, type: truefalse, text: 对吗, answer: true}\n' \
	> "$T/many/quizzes/z-again.yaml"
refused "5000 files" --content "$T/many" check
grep -q "z-again.yaml:1:7: duplicate quiz id 'q7'" "$T/err" || fail "5000 files: $(cat "$T/err")"
grep -q "1 error in 5001 files" "$T/err" || fail "5000 files: count: $(cat "$T/err")"
rm "$T/many/quizzes/z-again.yaml"
"$PEAK_RSS" "$T/rss" "$KEFU" --content "$T/many" list quizzes > "$T/out" 2> "$T/err" ||
	fail "5000 files: list: $(cat "$T/err")"
[ "$(grep -c '^  q[0-9]' "$T/out")" -eq 5000 ] || fail "5000 files: not every quiz listed"
[ "$(cat "$T/rss")" -lt "$LIMIT" ] || fail "5000 files: peak RSS $(cat "$T/rss") KiB"
rm -rf "$T/many" "$KEFU_DB"
ok "a directory of 5 000 files"

# nesting far past the limit, flow and block style
{
	printf 'quiz: '
	yes '[' | head -n 200000 | tr -d '\n'
} > "$T/deep.yaml"
refused "200 000 brackets" --content mini check "$T/deep.yaml"
grep -q "deep.yaml:1:70: nested more than 64 levels deep" "$T/err" || fail "deep: $(cat "$T/err")"
ok "200 000 nested brackets stop at the depth limit"

# the largest files kefu reads: near 8 MiB of tiny nodes, keys or errors.
# Each once took quadratic time or ~200 MiB; now linear, in a bound of
# its own (the tree of such a file is what it costs).
SMALL=$LIMIT
if [ -n "${KEFU_SANITIZED:-}" ]; then LIMIT=2097152; else LIMIT=196608; fi
# big WHAT FILE PATTERN: kefu check FILE is refused with PATTERN, within
# the bound and a minute
big() {
	_start=$(date +%s)
	refused "$1" --content mini check "$2"
	grep -q "$3" "$T/err" || fail "$1: $(head -n 3 "$T/err")"
	[ $(($(date +%s) - _start)) -lt 60 ] || fail "$1: took over a minute"
}
awk 'BEGIN { printf "quiz: tiny\ntitle: ["; for (i = 0; i < 2600000; i++) printf "a,"; print "a]" }' \
	> "$T/tiny.yaml"
big "2 600 000 items" "$T/tiny.yaml" "tiny.yaml:2:.*: document too large: more than 2000000 nodes"
ok "8 MiB of one-letter items stops at the node limit (peak $(cat "$T/rss") KiB)"

awk 'BEGIN { print "quiz: wide\ntitle: 宽"; for (i = 0; i < 500000; i++) printf "k%d: 1\n", i }' \
	> "$T/wide.yaml"
big "500 000 keys" "$T/wide.yaml" \
	"wide.yaml: more than 100 errors; the rest of this file is not reported"
[ "$(wc -l < "$T/err")" -le 102 ] || fail "500 000 keys: more than 100 messages"
ok "a mapping of 500 000 keys: linear, and 100 messages (peak $(cat "$T/rss") KiB)"

awk 'BEGIN { print "quiz: draw\ntitle: 抽题\ndraw:"; for (i = 0; i < 1001; i++) printf "  t%d: 1\n", i;
	print "questions:"; for (i = 0; i < 20000; i++)
	printf "  - {id: q%d, type: truefalse, text: 对吗, answer: true, tags: [t%d]}\n", i, i % 1001 }' \
	> "$T/draw.yaml"
big "draw of 1001 tags" "$T/draw.yaml" \
	"draw.yaml:1004:10: 'draw' by tags draws at most 1000 questions"
ok "a draw by tags of over 1000 questions is refused"
LIMIT=$SMALL

# directory links that loop: each directory is read once
mkdir -p "$T/loop/quizzes"
cp "$CONTENT/mini/quizzes/"*.yaml "$T/loop/quizzes/"
ln -s . "$T/loop/quizzes/a"
ln -s .. "$T/loop/quizzes/b"
ln -s ../quizzes "$T/loop/quizzes/c"
refused "link loop" --content "$T/loop" check
grep -q "quizzes/a: a link loops back to '.*/loop/quizzes'; remove the link" "$T/err" ||
	fail "link loop: $(cat "$T/err")"
grep -q "duplicate" "$T/err" && fail "link loop: a file read twice: $(cat "$T/err")"
ok "directory links that loop are reported, not followed for ever"

# a file link that loops, and a directory named like a content file
ln -s self.yaml "$T/self.yaml"
refused "file link loop" --content mini check "$T/self.yaml"
grep -q "self.yaml: cannot open: Too many levels of symbolic links" "$T/err" ||
	fail "file link loop: $(cat "$T/err")"
mkdir -p "$T/dir/quizzes/x.yaml"
"$KEFU" --content mini check "$T/dir" 2> "$T/err"
[ $? -eq 1 ] || fail "directory named x.yaml: exit status"
grep -q "no content files" "$T/err" || fail "directory named x.yaml: $(cat "$T/err")"
ok "a link to itself, a directory named x.yaml"

# the inputs that once crashed the fuzz harness, through the harness (the
# sanitizer build catches what it hides) and through kefu check
set -- "$top_srcdir"/tests/fuzz-regress/*
[ "$1" = "$top_srcdir/tests/fuzz-regress/README" ] && shift
"$FUZZ_REPLAY" "$@" "$CONTENT"/bad/*.yaml > "$T/out" 2> "$T/err" ||
	fail "fuzz replay: $(head -c 2000 "$T/err")"
for f in "$@"; do
	"$KEFU" --content "$CONTENT/mini" check "$f" > "$T/out" 2> "$T/err"
	rc=$?
	[ "$rc" -le 1 ] || fail "$f: exit status $rc: $(head -c 600 "$T/err")"
done
ok "$# fuzz regression inputs replayed"

echo "$passed passed, 0 failed"
