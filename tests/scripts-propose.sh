# New scripts from real chats: a trainee proposes, a trainer accepts
# (as written or edited) or turns down with a note the trainee sees;
# accepted ones join the library as the team sees it. Real Unix accounts
# on a shared database.
. "$top_srcdir/tests/lib.sh"
NOW=2026-03-02
P=kp$$
TR=${P}t TR2=${P}u A=${P}a B=${P}b
team kb $TR $TR2 $A $B
me people add $TR --role trainer --name 王老师 > /dev/null || fail "add trainer"
me people add $TR2 --role trainer > /dev/null || fail "add trainer 2"
me people add $A --role trainee --name 张三 > /dev/null || fail "add trainee"
me people add $B --role trainee > /dev/null || fail "add trainee 2"

propose() {
	# asked for, piped: question, reply (no title asked when piped)
	printf '能开发票吗？\n亲，可以开电子发票的，{买家}您把抬头和税号发我就好～\n' |
		as $A scripts propose after-sales > "$T/out" 2>&1 || fail "propose: $(cat "$T/out")"
	grep -q "^Proposed as #1 for 售后话术 (after-sales); 王老师 or $TR2 will review it" "$T/out" ||
		fail "said: $(cat "$T/out")"
	as $A scripts propose after-sales --question '包邮吗' --reply '亲，全国包邮哦（新疆西藏除外）' \
		--title 包邮 > "$T/out" 2>&1 || fail "propose with options: $(cat "$T/out")"
	as $B scripts propose greeting --question '在吗' --reply '在的亲' > /dev/null || fail "propose 3"
	# bad input is refused and nothing is kept
	as $A scripts propose after-sales --question 'x' --reply "坏$(printf '\033')[31m" > "$T/out" 2>&1 &&
		fail "a control character proposed"
	as $A scripts propose after-sales --question 'x' --reply '亲{买家' > "$T/out" 2>&1 && fail "a bad placeholder"
	grep -q "the reply: a '{' that is not closed" "$T/out" || fail "placeholder: $(cat "$T/out")"
	as $A scripts propose after-sale --question x --reply y > "$T/out" 2>&1 && fail "an unknown library"
	grep -q "did you mean 'after-sales'" "$T/out" || fail "unknown: $(cat "$T/out")"
	as $A scripts propose after-sales --question ' ' --reply y > /dev/null 2>&1 && fail "an empty question"
	printf '能开发票吗？\n' | as $A scripts propose after-sales > "$T/out" 2>&1 && fail "half a proposal"
	grep -qx "Nothing proposed." "$T/out" || fail "half: $(cat "$T/out")"
	[ "$(sql "SELECT count(*) FROM script_proposal")" = 3 ] || fail "proposals kept: $(sql "SELECT count(*) FROM script_proposal")"
	[ "$(sql "SELECT count(*) FROM event WHERE action = 'script-propose'")" = 3 ] || fail "not on the event log"
}
test_case "a trainee proposes a script, asked for or with options; bad ones are refused" propose

review() {
	as $A scripts review > "$T/out" 2>&1 < /dev/null && fail "a trainee reviewed"
	grep -q "only trainers and managers can review proposed scripts" "$T/out" || fail "refusal: $(cat "$T/out")"
	as $TR inbox > "$T/out" || fail "trainer's inbox"
	grep -q "^  3 proposed scripts wait for review" "$T/out" && grep -q "^      kefu scripts review" "$T/out" ||
		fail "inbox: $(cat "$T/out")"
	as $TR scripts proposals > "$T/out" || fail "proposals"
	grep -q "^#1 for 售后话术 (after-sales), from 张三 on 2026-03-02" "$T/out" &&
		grep -q "^#3 for Greeting 问候 (greeting), from $B" "$T/out" || fail "open ones: $(cat "$T/out")"
	# interactive: accept #1 edited with a note, turn #2 down, skip #3
	printf 'e\n亲，可以开电子发票，{买家}您把抬头和税号发我就好～\n写得好，改短了一点\nr\n已有同样的话术\ns\n' |
		as $TR scripts review > "$T/out" 2>&1 || fail "review: $(cat "$T/out")"
	grep -q "#1 accepted: it is in after-sales as after-sales/team-1" "$T/out" &&
		grep -q "#2 turned down; 张三 will see your note" "$T/out" &&
		grep -q "#3 skipped" "$T/out" && grep -q "^2 proposals reviewed" "$T/out" || fail "review: $(cat "$T/out")"
	# one decision each: the second is refused
	as $TR2 scripts review 1 --reject --note 不行 > "$T/out" 2>&1 && fail "decided twice"
	grep -q "#1 is already accepted" "$T/out" || fail "twice: $(cat "$T/out")"
	as $TR2 scripts review 3 --reject > "$T/out" 2>&1 && fail "turned down without a note"
	as $TR2 scripts review 3 --accept --note 好 > "$T/out" 2>&1 || fail "accept by id: $(cat "$T/out")"
	as $TR scripts review 3 --accept > "$T/out" 2>&1 && fail "accepted twice"
	# a trainer's own proposal is for another trainer
	as $TR scripts propose greeting --question q --reply r > /dev/null || fail "trainer proposes"
	as $TR scripts review 4 --accept > "$T/out" 2>&1 && fail "reviewed one's own"
	grep -q "cannot review your own proposal" "$T/out" || fail "own: $(cat "$T/out")"
	[ "$(joined "SELECT action FROM event WHERE action LIKE 'script-%' ORDER BY id" ,)" = \
		script-propose,script-propose,script-propose,script-accept,script-reject,script-accept,script-propose ] ||
		fail "event log: $(joined "SELECT action FROM event ORDER BY id" ,)"
}
test_case "a trainer accepts (edited), turns down with a note, once each; trainees and one's own are refused" review

race() {
	as $A scripts propose greeting --question 赛跑 --reply 谁先到 > /dev/null || fail "propose"
	id=$(sql "SELECT max(id) FROM script_proposal")
	as $TR scripts review "$id" --accept > "$T/r1" 2>&1 &
	as $TR2 scripts review "$id" --reject --note 慢了 > "$T/r2" 2>&1 &
	wait
	[ "$(sql "SELECT count(*) FROM event WHERE action IN ('script-accept', 'script-reject') AND detail LIKE 'greeting #$id%'")" = 1 ] ||
		fail "two decisions recorded: $(cat "$T/r1" "$T/r2")"
	[ "$(sql "SELECT state FROM script_proposal WHERE id = $id")" != open ] || fail "still open"
}
test_case "two trainers deciding at once: one decision stands" race

trainee_sees() {
	as $A inbox > "$T/out" 2>&1 || fail "inbox: $(cat "$T/out")"
	grep -q "王老师 accepted your script for after-sales #1: 写得好，改短了一点" "$T/out" &&
		grep -q "王老师 turned down your script for after-sales #2: 已有同样的话术" "$T/out" ||
		fail "inbox: $(cat "$T/out")"
	as $A scripts proposals > "$T/out" || fail "own proposals"
	grep -q "As kept:  亲，可以开电子发票，{买家}您把抬头和税号发我就好～" "$T/out" &&
		grep -q "turned down by 王老师 on 2026-03-02 12:00: 已有同样的话术" "$T/out" || fail "own: $(cat "$T/out")"
	grep -q "$B" "$T/out" && fail "another trainee's proposal shown"
	as $A scripts after-sales > "$T/out" || fail "library"
	grep -q "^  team-1   -         能开发票吗？  亲，可以开电子发票，{买家}您把抬头和税号发我$" "$T/out" &&
		grep -q "^ *就好～  (team, proposal #1)$" "$T/out" ||
		fail "accepted not in the library: $(cat "$T/out")"
	as $A scripts export after-sales > "$T/out" || fail "export"
	grep -q "亲，可以开电子发票，{买家}您把抬头和税号发我就好～" "$T/out" || fail "not exported"
	grep -q "全国包邮" "$T/out" && fail "a turned-down script exported"
	printf '李女士\n' | as $A scripts copy after-sales/team-1 > "$T/out" || fail "copy a team script"
	grep -qx "亲，可以开电子发票，李女士您把抬头和税号发我就好～" "$T/out" || fail "copy: $(cat "$T/out")"
	as $A kb search 电子发票 > "$T/out" || fail "kb"
	grep -q "script:after-sales/team-1" "$T/out" || fail "not searchable: $(cat "$T/out")"
}
test_case "the trainee sees the notes in the inbox and proposals; accepted scripts are listed, exported, copied and searched" trainee_sees

test_done
