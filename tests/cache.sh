# The cache of content parse trees ($XDG_CACHE_HOME/kefu/content-trees):
# what kefu does with it is what it does without it, a changed, added or
# removed file is seen at once, and a broken cache is only a slower start.
. "$top_srcdir/tests/lib.sh"
cp -R "$CONTENT/quiz" "$T/c"
# files changed in the second a cache is written are not trusted from it
# (ycache_racy()): these were changed long before
OLD='2026-01-01 00:00:00'
find "$T/c" -type f -exec touch -d "$OLD" {} +
export KEFU_CONTENT="$T/c" KEFU_NOW=2026-03-01T10:00:00 XDG_CACHE_HOME="$T/cache"
CACHE="$T/cache/kefu/content-trees"

# every view of the content, as one text
views() {
	"$KEFU" list && "$KEFU" list quizzes && "$KEFU" plan --all &&
		printf '%s\n' B AC ABD 错 5 0.15 BDAC '1B 2A 3C' | "$KEFU" quiz all-types --seed 1
}

# same_views A B: the two runs showed the same, but for the time a quiz
# took (its clock is the wall clock) and its attempt count
same_views() {
	grep -v -e '^Time: ' -e 'attempt' "$T/$1" > "$T/$1.cmp"
	grep -v -e '^Time: ' -e 'attempt' "$T/$2" > "$T/$2.cmp"
	cmp -s "$T/$1.cmp" "$T/$2.cmp"
}

# the same views with no cache at all (a cache directory kefu cannot make)
: > "$T/no-dir"
KEFU_DB="$T/plain.db" XDG_CACHE_HOME="$T/no-dir" views > "$T/plain" 2>&1 || fail "views without a cache: $(cat "$T/plain")"
[ -e "$T/no-dir/kefu" ] && fail "a cache where none can be"
KEFU_DB="$T/cold.db" views > "$T/cold" 2>&1 || fail "views, cold cache"
[ -s "$CACHE" ] || fail "no cache written"
inode=$(stat -c %i "$CACHE")
KEFU_DB="$T/warm.db" views > "$T/warm" 2>&1 || fail "views, warm cache"
# every tree came from the cache: nothing to write, so the file is the same
[ "$(stat -c %i "$CACHE")" = "$inode" ] || fail "a warm run wrote the cache again: a tree was not taken from it"
same_views plain cold || fail "the first run with a cache differs: $(diff "$T/plain" "$T/cold")"
same_views plain warm || fail "a run from the cache differs: $(diff "$T/plain" "$T/warm")"
# one entry for each of the six files
[ "$(grep -c "$T/c/" "$CACHE")" -ge 1 ] || fail "the cache does not name the files"
[ "$(stat -c %a "$CACHE")" = 600 ] && [ "$(stat -c %a "$T/cache/kefu")" = 700 ] ||
	fail "cache modes $(stat -c %a "$T/cache/kefu" "$CACHE")"
ok "the same plan, lists and quiz with no cache, a cold one and a warm one; the cache is private"

# a file changed is read again: a title, then a change of the same size
# with the old modification time put back (its ctime still tells)
sed -i 's/^title: 判断练习$/title: 判断题目/' "$T/c/quizzes/tf.yaml"
"$KEFU" list quizzes | grep -q '^  tf  *判断题目' || fail "an edited title is not seen"
touch -d "$OLD" "$T/c/quizzes/tf.yaml"
"$KEFU" list > /dev/null && inode=$(stat -c %i "$CACHE")
"$KEFU" list quizzes | grep -q '^  tf  *判断题目' || fail "the edited title from the cache"
[ "$(stat -c %i "$CACHE")" = "$inode" ] || fail "the edited file's tree is not taken from the cache"
sed -i 's/^title: 判断题目$/title: 判断小测/' "$T/c/quizzes/tf.yaml"
touch -d "$OLD" "$T/c/quizzes/tf.yaml"
"$KEFU" list quizzes | grep -q '^  tf  *判断小测' || fail "an edit of the same size under the old mtime is not seen"
ok "an edited file is parsed again, even with its old size and mtime"

# a file added is loaded, a file removed is gone, an error in a file that
# was cached is reported as ever
printf 'quiz: extra\ntitle: 新加的\nquestions:\n  - {id: x, type: truefalse, text: 新题。, answer: true}\n' > "$T/c/quizzes/extra.yaml"
"$KEFU" list quizzes | grep -q '^  extra  *新加的' || fail "an added file is not seen"
rm "$T/c/quizzes/extra.yaml"
"$KEFU" list quizzes | grep -q 'extra' && fail "a removed file is still seen"
sed -i 's/^title: 判断小测$/title: [判断/' "$T/c/quizzes/tf.yaml"
"$KEFU" list > "$T/out" 2>&1 && fail "a broken file was loaded"
grep -q "tf.yaml:[0-9]*:[0-9]*: YAML syntax error" "$T/out" || fail "the error is not positioned: $(cat "$T/out")"
sed -i 's/^title: \[判断$/title: 判断练习/' "$T/c/quizzes/tf.yaml"
"$KEFU" list > /dev/null || fail "the mended file"
ok "added, removed and broken files are seen at once"

# a broken cache is a slower start, nothing else: cut short, garbage, a
# byte of a tree changed (the checksum), a link in its place
KEFU_DB="$T/warm.db" views > "$T/base" 2>&1
size=$(stat -c %s "$CACHE")
head -c $((size / 2)) "$CACHE" > "$T/half" && cp "$T/half" "$CACHE"
KEFU_DB="$T/warm.db" views > "$T/out" 2>&1 || fail "a cut cache"
head -c 4096 /dev/urandom > "$CACHE"
KEFU_DB="$T/warm.db" views > "$T/out2" 2>&1 || fail "a cache of garbage"
[ "$(head -c 12 "$CACHE")" = "kefu-ycache " ] || fail "a cache of garbage is not written anew"
# the last byte of the file is the last byte of a tree
printf 'Z' | dd of="$CACHE" bs=1 seek=$(($(stat -c %s "$CACHE") - 1)) conv=notrunc 2> /dev/null
KEFU_DB="$T/warm.db" views > "$T/out3" 2>&1 || fail "a cache with a changed byte"
for f in out out2 out3; do
	same_views base "$f" || fail "a broken cache ($f) changed what kefu shows: $(diff "$T/base" "$T/$f")"
done
ok "a cut, garbage or altered cache changes nothing but the time it takes"

# what a writer killed mid-write left is swept by the next writer; a
# live writer's file is not
sleep 60 & live=$!
: > "$CACHE.tmp999999999" && : > "$CACHE.tmp$live"
touch "$T/c/quizzes/tf.yaml"	# a miss, so the cache is written
"$KEFU" list > /dev/null || fail "list"
[ -e "$CACHE.tmp999999999" ] && fail "a dead writer's temporary file is left"
[ -e "$CACHE.tmp$live" ] || fail "a live writer's temporary file was removed"
kill "$live"
rm -f "$CACHE.tmp$live"
ok "a dead writer's temporary file is swept, a live one's kept"

rm "$CACHE" && ln -s "$T/elsewhere" "$CACHE"
"$KEFU" list > /dev/null || fail "a link in place of the cache"
[ -e "$T/elsewhere" ] && fail "the cache was written through a link"
[ -L "$CACHE" ] && fail "the link was left in place of the cache"
ok "a link in place of the cache is replaced, never written through"
