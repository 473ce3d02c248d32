# Chat scenarios with piped replies: the feedback after each reply, the
# end screen, every bundled scenario's model replies scoring 100%, a
# stopped or killed chat going on at the next turn, an exam's silence and
# its one attempt, kefu lint, and what kefu check says of rule lists,
# scenarios and scripts that break a rule. Each case goes on after
# another fails.
. "$top_srcdir/tests/lib.sh"
export KEFU_CONTENT="$CONTENT/chat" KEFU_NOW=2026-03-01T10:00:00
failed=0

fresh() {
	export KEFU_DB="$T/$1.db"
	rm -f "$KEFU_DB"*
	"$KEFU" enroll chatplan > /dev/null 2>&1
}

# feedback and the end screen of a piped run: a point missed, a word of
# a rule list highlighted with why, the turn's explanation, the score
case_feedback() {
	fresh feedback
	printf '亲，可以换\n有运费险，加ＶＸ聊吧\n' | "$KEFU" chat size > "$T/out" 2> "$T/err" ||
		{ cat "$T/out" "$T/err"; return 1; }
	grep -q '^> 亲，可以换$' "$T/out" &&
	grep -q '✓ 亲 / 您好' "$T/out" && grep -q '✓ 换货 / 可以换' "$T/out" &&
	grep -q 'Why: 先问候，再明确答应可以换货。' "$T/out" &&
	grep -q 'Your reply: 有运费险，加【ＶＸ】聊吧' "$T/out" &&
	grep -q '✗ “VX”: 微信的缩写，同样是站外联系' "$T/out" &&
	grep -q 'This turn: 0%' "$T/out" &&
	grep -q 'Turn 2 held “VX”: the turn scores 0' "$T/out" &&
	grep -q 'Score: 50%, pass mark 80%: not passed' "$T/out" &&
	grep -q 'practice and meets no gate: replies came piped' "$T/out" &&
	! grep -q 'Time:' "$T/out" || { cat "$T/out"; return 1; }
	# piped runs are practice: no gate met
	"$KEFU" plan > "$T/plan" &&
	grep -q 'not passed yet, needs 75%; 1 practice run (piped or pasted) does not count' "$T/plan" ||
		{ cat "$T/plan"; return 1; }
}
test_case "piped replies: points, rule words and why, explanations, end screen" case_feedback

# an avoid word spoils only its own turn; partial points
case_partial() {
	fresh partial
	printf '亲，不行的话我再想办法\n我们承担运费\n' | "$KEFU" chat size > "$T/out" 2>&1 &&
	grep -q '✗ “不行”: a word this reply should avoid' "$T/out" &&
	grep -q 'Score: 50%' "$T/out" || { cat "$T/out"; return 1; }
	printf '您好\n我们承担\n' | "$KEFU" chat size > "$T/out" 2>&1 &&
	grep -q 'Score: 75%' "$T/out" || { cat "$T/out"; return 1; }
}
test_case "an avoided word zeroes its turn; a point missed halves one" case_partial

# every bundled scenario, its model replies piped in: 100%
case_models() {
	fresh models
	n=0
	for id in $("$SCENARIO_MODELS" "$top_srcdir"); do
		n=$((n + 1))
		"$SCENARIO_MODELS" "$top_srcdir" "$id" > "$T/in" || return 1
		KEFU_CONTENT=$top_srcdir "$KEFU" chat "$id" < "$T/in" > "$T/out" 2>&1 ||
			{ echo "$id:"; cat "$T/out"; return 1; }
		grep -q '^Score: 100%' "$T/out" || { echo "$id:"; cat "$T/out"; return 1; }
	done
	[ "$n" -ge 24 ] || { echo "only $n bundled scenarios have model replies"; return 1; }
	# a model reply of two lines is read as one reply of two
	"$SCENARIO_MODELS" "$CONTENT/chat" size > "$T/in" &&
	"$KEFU" chat size < "$T/in" > "$T/out" 2>&1 && grep -q '^Score: 100%' "$T/out" ||
		{ cat "$T/in" "$T/out"; return 1; }
}
test_case "every bundled scenario's model replies score 100%" case_models

# Ctrl-D (end of input) mid-chat pauses it; the next run goes on at the
# next turn and the turn answered stands
case_resume() {
	fresh resume
	printf '亲，可以换货\n' | "$KEFU" chat size > "$T/out" 2>&1 &&
	grep -q "Chat paused at turn 2; 'kefu chat size' goes on from there." "$T/out" ||
		{ cat "$T/out"; return 1; }
	printf '运费险\n' | "$KEFU" chat size > "$T/out" 2>&1 &&
	grep -q 'Going on with your open run at turn 2 of 2.' "$T/out" &&
	! grep -q '在吗' "$T/out" && grep -q 'Score: 100%' "$T/out" ||
		{ cat "$T/out"; return 1; }
}
test_case "a chat stopped mid-way goes on at the next turn" case_resume

# killed with SIGKILL after the first reply's feedback: nothing of it
# lost, the next run asks the second message only
case_kill() {
	fresh kill
	rm -f "$T/fifo"
	mkfifo "$T/fifo"
	"$KEFU" chat size < "$T/fifo" > "$T/out" 2>&1 &
	pid=$!
	exec 3> "$T/fifo"
	printf '亲，可以换货\n' >&3
	wait_for "$T/out" 'This turn: 100%' "$pid"
	kill -9 "$pid"
	wait "$pid" 2> /dev/null
	exec 3>&-
	printf '运费险\n' | "$KEFU" chat size > "$T/out" 2>&1 &&
	grep -q 'turn 2 of 2' "$T/out" && grep -q 'Score: 100%' "$T/out" ||
		{ cat "$T/out"; return 1; }
	"$KEFU" report trainee "$LOGIN" --format csv > "$T/rec" &&
	grep -q 'chat-final,size #1,100.0% (piped)' "$T/rec" || { cat "$T/rec"; return 1; }
}
test_case "a killed chat keeps each reply and goes on" case_kill

# an exam: no feedback until the end; one attempt, then refused
case_exam() {
	fresh exam
	# an exam of a locked stage is refused, as a quiz exam is
	printf '对不起\n马上\n' | "$KEFU" chat angry > "$T/out" 2>&1 && return 1
	grep -q "exam 'angry' belongs to stage 2 第二阶段, which is still locked" "$T/out" ||
		{ cat "$T/out"; return 1; }
	"$KEFU" enroll chatexam > /dev/null 2>&1 || return 1
	printf '对不起\n马上\n' | "$KEFU" chat angry > "$T/out" 2>&1 || { cat "$T/out"; return 1; }
	! grep -q '✓' "$T/out" && ! grep -q 'This turn' "$T/out" &&
	grep -q 'Score: 100%' "$T/out" || { cat "$T/out"; return 1; }
	printf '对不起\n马上\n' | "$KEFU" chat angry > "$T/out" 2>&1 && return 1
	grep -q "the 1 attempt allowed at scenario 'angry' is used" "$T/out" || { cat "$T/out"; return 1; }
}
test_case "an exam shows nothing until the end and keeps its attempt cap" case_exam

# six kefus start the one-attempt exam at once: one run, the others
# refused or told another kefu has it; never two runs
case_race() {
	fresh race
	"$KEFU" enroll chatexam > /dev/null 2>&1 || return 1
	for i in 1 2 3 4 5 6; do
		(printf '对不起\n马上\n' | "$KEFU" chat angry > "$T/race$i" 2>&1) &
	done
	wait
	[ "$(cat "$T"/race? | grep -c '^Score: ')" = 1 ] || { cat "$T"/race?; return 1; }
	"$KEFU" report trainee "$LOGIN" --format csv > "$T/rec" &&
	[ "$(grep -c '^[^,]*,chat-' "$T/rec")" = 1 ] || { cat "$T/rec"; return 1; }
}
test_case "six kefus starting a one-attempt exam at once make one run" case_race

# replies that are no text are asked again, never stored
case_bad_reply() {
	fresh bad
	printf '亲\001\n亲，换货\n运费险\n' | "$KEFU" chat size > "$T/out" 2>&1 &&
	grep -q 'A reply is plain text' "$T/out" && grep -q 'Score: 100%' "$T/out" ||
		{ cat "$T/out"; return 1; }
}
test_case "a reply with control characters is asked again" case_bad_reply

case_lint() {
	fresh lint
	"$KEFU" lint '在平台下单就好' > "$T/out" || { cat "$T/out"; return 1; }
	[ ! -s "$T/out" ] || return 1
	"$KEFU" lint '加我ＷＸ？还是加微信吧，全网最便宜' > "$T/out"
	[ $? = 1 ] || return 1
	grep -q '^“微信” (words): 引导买家站外联系$' "$T/out" &&
	grep -q '^“最便宜” (words): 极限用语$' "$T/out" || { cat "$T/out"; return 1; }
	printf '好的\n亲，你自己看详情页\n  最便宜的是这款\n' > "$T/replies.txt"
	"$KEFU" lint "$T/replies.txt" > "$T/out"
	[ $? = 1 ] || return 1
	grep -q "^$T/replies.txt:2:3: “你自己看” (tone): 把问题推给买家\$" "$T/out" &&
	grep -q "^$T/replies.txt:3:3: “最便宜” (words)" "$T/out" || { cat "$T/out"; return 1; }
	"$KEFU" lint --rules tone "$T/replies.txt" > "$T/out"
	[ "$(wc -l < "$T/out")" = 1 ] || { cat "$T/out"; return 1; }
	printf '加VX\n' | "$KEFU" lint > "$T/out"
	[ $? = 1 ] && grep -q '^-:1:2: “VX”' "$T/out" || { cat "$T/out"; return 1; }
	"$KEFU" lint --rules nosuch x 2> "$T/err"
	[ $? = 2 ] && grep -q "no rule list 'nosuch'" "$T/err" || { cat "$T/err"; return 1; }
}
test_case "kefu lint: text, a file with line and column, stdin, one list" case_lint

# kefu check: a script that breaks a rule list is a warning; a model
# reply that misses a point or holds a rule word, an unknown rule list,
# a bad expect and a module naming no scenario are errors
case_check() {
	"$KEFU" check > "$T/out" 2> "$T/err" &&
	grep -q "scripts/lib.yaml:7:5: warning: script 'b' holds '微信' (rule list words: 引导买家站外联系)" "$T/err" ||
		{ cat "$T/out" "$T/err"; return 1; }
	mkdir -p "$T/bad/scenarios" "$T/bad/curricula"
	cat > "$T/bad/scenarios/x.yaml" <<-'EOF'
	scenario: x
	title: 坏
	forbidden: [words, wordz]
	mode: quiz
	turns:
	  - buyer: 在吗
	    expect: [[亲], {a: 1}]
	    model: 加微信
	  - buyer: 好
	    within: soon
	EOF
	cat > "$T/bad/curricula/c.yaml" <<-'EOF'
	curriculum: c
	title: c
	stages:
	  - id: s
	    title: s
	    modules:
	      - scenario: nope
	        min_score: 120
	EOF
	"$KEFU" check "$T/bad" > "$T/out" 2>&1 && { cat "$T/out"; return 1; }
	grep -q "x.yaml:3:20: no rule list 'wordz' is loaded (did you mean 'words'?)" "$T/out" &&
	grep -q "x.yaml:4:7: unknown mode 'quiz' (expected one of practice, exam)" "$T/out" &&
	grep -q "x.yaml:7:19: an expected point is a list of words" "$T/out" &&
	grep -q "x.yaml:10:13: 'within' must be a duration" "$T/out" &&
	grep -q "x.yaml:6:5: turn 1's model reply makes no point 1" "$T/out" &&
	grep -q "x.yaml:6:5: turn 1's model reply holds '微信' (rule list words" "$T/out" &&
	grep -q "c.yaml:7:9: no scenario 'nope' is loaded" "$T/out" &&
	grep -q "c.yaml:8:20: 'min_score'" "$T/out" || { cat "$T/out"; return 1; }
}
test_case "kefu check: rule words in scripts warned; bad scenarios named" case_check

# the record and progress show chat runs
case_progress() {
	fresh progress
	printf '亲，换货\n运费险\n' | "$KEFU" chat size > /dev/null 2>&1
	"$KEFU" progress > "$T/out" &&
	grep -q '^Chats$' "$T/out" &&
	grep -q '  size  *best       -  latest    100%\*  1 run' "$T/out" &&
	grep -q 'latest: replies came piped' "$T/out" &&
	grep -q '  angry  *not tried yet' "$T/out" || { cat "$T/out"; return 1; }
}
test_case "progress shows each scenario's best and latest run" case_progress

# a list of scenarios and rule lists
case_list() {
	"$KEFU" list scenarios > "$T/out" &&
	grep -q 'size' "$T/out" && grep -q 'angry' "$T/out" || { cat "$T/out"; return 1; }
	"$KEFU" list rules > "$T/out" &&
	grep -q 'words' "$T/out" && grep -q 'tone' "$T/out" || { cat "$T/out"; return 1; }
}
test_case "kefu list scenarios and rules" case_list

test_done
