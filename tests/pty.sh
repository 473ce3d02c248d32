# Readline behaviour through a real pseudo-terminal (needs expect).
. "$top_srcdir/tests/lib.sh"
if [ -z "${EXPECT:-}" ] || ! [ -x "$EXPECT" ]; then
	echo "SKIP: expect is not installed"
	exit 77
fi
export KEFU_CONTENT="$CONTENT/mini" KEFU_NOW=2026-03-01 TERM=xterm
# a pager that marks its lines shows that lessons go through $PAGER
export PAGER="sed s/^/PAGED:/"
unset NO_COLOR
"$KEFU" list > /dev/null || fail "set-up"
"$EXPECT" -f "$top_srcdir/tests/pty.exp" > "$T/log" 2>&1 || {
	cat "$T/log"
	fail "the pty session"
}
ok "completion, Ctrl-C, history and Ctrl-D at a real terminal"

hist="$XDG_STATE_HOME/kefu/history"
[ -f "$hist" ] || fail "no history file at \$XDG_STATE_HOME/kefu/history"
grep -qx "study hello" "$hist" || fail "history lacks 'study hello'"
grep -q "nonsense" "$hist" && fail "an interrupted line went into history"
[ "$(sql "SELECT count(*) FROM lesson_read")" = 1 ] || fail "the lesson read at the prompt was not stored"
ok "history saved to \$XDG_STATE_HOME/kefu/history; the lesson read is stored"
echo "$passed passed, 0 failed"
