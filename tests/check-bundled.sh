# The bundled content: valid, six stages, a real lesson in each.
. "$top_srcdir/tests/lib.sh"

out=$("$KEFU" --content "$top_srcdir" check 2>&1) || fail "bundled content: $out"
case "$out" in
"ok: "*"1 curriculum (6 stages, "*) ;;
*) fail "bundled summary: $out" ;;
esac
ok "the bundled content passes kefu check"

# run from the build tree, kefu finds the source tree's content by itself
out=$("$KEFU" check 2>&1) || fail "default content: $out"
case "$out" in "ok: "*) ;; *) fail "default content: $out" ;; esac
ok "the build tree finds the bundled content without --content"

"$KEFU" --content "$top_srcdir" list > /dev/null || fail "set-up"
"$KEFU" --content "$top_srcdir" list stages > "$T/stages" || fail "list stages"
for s in onboarding probation after-sales benchmark management knowledge-base; do
	grep -q "^  $s " "$T/stages" || fail "stage $s missing"
done
ok "the six stages of the plan, in order"
[ "$(awk 'NR>1 {print $1}' "$T/stages" | tr '\n' ' ')" = "onboarding probation after-sales benchmark management knowledge-base " ] ||
	fail "stage order: $(cat "$T/stages")"

"$KEFU" --content "$top_srcdir" list lessons > "$T/lessons" || fail "list lessons"
# each lesson is listed with its stage's title
for s in $(awk 'NR>1 {print $2}' "$T/stages"); do
	grep -q "($s)\$" "$T/lessons" || fail "no lesson in stage $s"
done
ok "every stage has a lesson"

# every lesson has real text: at least 200 characters
for id in $(awk 'NR>1 {print $1}' "$T/lessons"); do
	n=$("$KEFU" --content "$top_srcdir" study "$id" | wc -m)
	[ "$n" -ge 200 ] || fail "lesson $id is only $n characters"
done
ok "every lesson has real text"

# the bundled chat scenarios keep what kefu check does not look at: fair
# times, the kinds and topics wanted, no forbidden word in any script
if command -v python3 > /dev/null 2>&1; then
	python3 "$top_srcdir/tests/content/scenario-check.py" "$top_srcdir" > "$T/scen" 2>&1 ||
		fail "bundled scenarios: $(cat "$T/scen")"
	ok "the bundled scenarios and rule list keep their rules"
fi
echo "$passed passed, 0 failed"
