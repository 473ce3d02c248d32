# Reliability: kefu killed with SIGKILL at seeded random points while
# quizzes and drills run at a real terminal (tests/kill.exp), 100 times;
# no answer whose next question showed is lost, the database stays
# intact, and the attempt goes on where it stopped. KILL_SEED=N reruns
# one sequence; the sanitizer build kills fewer times (ASan is slow).
. "$top_srcdir/tests/lib.sh"
if [ -z "${EXPECT:-}" ] || ! [ -x "$EXPECT" ]; then
	echo "SKIP: expect is not installed"
	exit 77
fi
export KEFU_CONTENT="$CONTENT/rel" KEFU_NOW=2026-03-01T10:00:00 TERM=xterm SQLITE3="${SQLITE3:-sqlite3}"
KILL_SEED=${KILL_SEED:-20260301}
if [ -n "${KEFU_SANITIZED:-}" ]; then KILL_COUNT=${KILL_COUNT:-30}; else KILL_COUNT=${KILL_COUNT:-100}; fi
export KILL_SEED KILL_COUNT
echo "seed $KILL_SEED, $KILL_COUNT kills (KILL_SEED=N KILL_COUNT=N to choose)"

"$KEFU" list > /dev/null || fail "set-up"

# Each round starts a quiz (3 in 4) or a drill and kills kefu at one of
# these points: at once, while it opens the database or starts the
# attempt; at an idle prompt; halfway through typing an answer or a line;
# just after Enter, before the next question shows (the answer may or may
# not be stored then, but nothing in between). After each kill: PRAGMA
# integrity_check is ok; what is written together (a result and its
# event) is found together; the attempt holds every answer whose next
# question had shown, in order, exactly as typed; the next run goes on at
# the first unanswered question.
cat > "$T/kill.exp" <<'EOF'
set timeout 20
set seed $env(KILL_SEED)
set target $env(KILL_COUNT)
set round 0
expr {srand($seed)}
log_user 0

proc bail {what} {
	global round seed
	puts "FAIL: round $round of seed $seed: $what"
	exit 1
}
proc rnd {n} { return [expr {int(rand() * $n)}] }
proc sql {q} {
	global env
	if {[string match "postgresql:*" $env(KEFU_DB)]} {
		return [exec $env(PG_SQL) $env(KEFU_DB) $q]
	}
	return [exec $env(SQLITE3) -batch $env(KEFU_DB) $q]
}
# waits for a literal text from the spawned kefu
proc see {text what} {
	expect -ex $text {} timeout { bail "timeout: $what" } eof { bail "kefu ended: $what" }
}
# kills kefu; returns 1 if it had already ended by itself (only allowed
# when it may have: just after the last Enter), else 0
proc kill9 {{may_end 0}} {
	exec kill -KILL [exp_pid]
	expect eof {} timeout { bail "kefu did not die" }
	set st [wait]
	if {[llength $st] == 4 && [lindex $st 3] == 0 && $may_end} { return 1 }
	if {[lindex $st 4] ne "CHILDKILLED" || [lindex $st 5] ne "SIGKILL"} { bail "not killed by SIGKILL: $st" }
	return 0
}

# the answers of quiz 'steps', as typed and as stored
set typed {alpha-one true gamma-three false epsilon-five true eta-seven false iota-nine true lambda-eleven true}
set nq [llength $typed]
# the drill's lines
set lines {{Thanks for waiting, it ships today.} {Sorry for the delay, a refund is on its way.} {Please send a photo of the damaged item.} {We will call you back within five minutes.}}

# the open attempt of 'steps' and how many answers it holds: "id n", or
# "0 0" when none is open
proc open_attempt {} {
	set n [sql "SELECT count(*) FROM quiz_attempt WHERE state = 'open'"]
	if {$n > 1} { bail "$n attempts open at once" }
	if {$n == 0} { return {0 0} }
	set id [sql "SELECT id FROM quiz_attempt WHERE state = 'open'"]
	return [list $id [sql "SELECT count(*) FROM quiz_answer WHERE attempt_id = $id"]]
}

proc check_db {} {
	global env
	# SQLite's own check; a PostgreSQL server keeps its own
	if {![string match "postgresql:*" $env(KEFU_DB)]} {
		set ic [sql "PRAGMA integrity_check"]
		if {$ic ne "ok"} { bail "integrity_check: $ic" }
	}
	# what is written together is found together
	set a [sql "SELECT count(*) FROM quiz_attempt WHERE state = 'final'"]
	set e [sql "SELECT count(*) FROM event WHERE action = 'quiz-submit'"]
	if {$a != $e} { bail "$a attempts final but $e submit events" }
	set a [sql "SELECT count(*) FROM drill_result"]
	set e [sql "SELECT count(*) FROM event WHERE action = 'drill'"]
	if {$a != $e} { bail "$a drill results but $e drill events" }
}

set kills 0
set quizzes_done 0
set drills_done 0
set modes {0 0 0 0 0}
for {set round 1} {$kills < $target} {incr round} {
	# the same draws every round, whatever happens, so that a seed gives
	# the same kill points (only a kill just after Enter races kefu)
	set drill [expr {[rnd 4] == 0}]
	set mode [rnd 5]
	set n [rnd 4]
	set frac [expr {rand()}]
	lset modes $mode [expr {[lindex $modes $mode] + 1}]
	if {$drill} {
		# ---- a drill: kill at a keystroke of a line, or after Enter ----
		set before [sql "SELECT count(*) FROM drill_result"]
		spawn -noecho $env(KEFU) drill lines
		set done 0
		if {$mode != 4} {
			see "press Enter" "drill start"
			set nlines [expr {$mode == 3 ? 4 : $n}]
			for {set i 0} {$i < $nlines} {incr i} {
				set l [lindex $lines $i]
				see "  $l" "line [expr {$i + 1}] shown"
				see "> " "drill prompt"
				send -- $l
				see $l "line [expr {$i + 1}] echoed"
				send "\r"
			}
			if {$nlines < 4} {
				set l [lindex $lines $nlines]
				see "  $l" "line [expr {$nlines + 1}] shown"
				see "> " "drill prompt"
				if {$mode >= 1} {
					# halfway through a line
					set part [string range $l 0 [expr {int($frac * [string length $l])}]]
					send -- $part
					see $part "part of a line echoed"
				}
			}
		}
		if {![kill9 [expr {$mode == 3}]]} { incr kills }
		check_db
		set after [sql "SELECT count(*) FROM drill_result"]
		if {$mode == 3} {
			# killed just after the last Enter: stored whole or not at all
			if {$after != $before && $after != $before + 1} { bail "drill rows $before -> $after" }
			if {$after > $before} {
				set r [sql "SELECT timed, typed FROM drill_result ORDER BY id DESC LIMIT 1"]
				if {$r ne "1|161"} { bail "a drill result stored half: $r" }
				incr drills_done
			}
		} elseif {$after != $before} {
			bail "a drill killed before its end stored a result"
		}
		continue
	}

	# ---- a quiz: answer some questions, then kill ----
	lassign [open_attempt] id stored
	spawn -noecho $env(KEFU) quiz steps
	if {$mode == 4} {
		# at once: while it opens the database or starts the attempt
		# (an attempt holding every answer may be submitted first)
		if {![kill9 [expr {$stored == $nq}]]} { incr kills }
		check_db
		lassign [open_attempt] id2 stored2
		if {$id != 0 && $id2 == 0 && $stored == $nq} {
			incr quizzes_done
		} elseif {$id != 0 && ($id2 != $id || $stored2 != $stored)} {
			bail "a kill at start changed attempt $id ($stored answers) to $id2 ($stored2)"
		}
		continue
	}
	if {$id == 0} {
		see "十二步 — $nq questions" "a new attempt"
	} else {
		see "going on with your open attempt" "resume of attempt $id"
	}
	if {$stored == $nq} {
		# killed while submitting or looking over: a resumed attempt
		# with every answer goes to the look-over, and is handed in on y
		see "Hand in now?" "the look-over of a full attempt"
		send "y\r"
		see "Score: $nq of $nq points" "submit of a full attempt"
		expect eof
		wait
		incr quizzes_done
		check_db
		continue
	}
	# it goes on at the first unanswered question
	set q [expr {$stored + 1}]
	expect {
		-re "\nQuestion (\[0-9]+)/$nq" {
			if {$expect_out(1,string) != $q} {
				bail "attempt $id with $stored answers resumed at question $expect_out(1,string)"
			}
		}
		timeout { bail "no question shown" }
		eof { bail "kefu ended before a question" }
	}
	see "answer> " "answer prompt"
	set confirmed $stored	;# answers whose next question has shown
	set sent $stored	;# answers sent with Enter
	set finished 0
	for {set i 0} {$i < $n && $q <= $nq} {incr i} {
		set a [lindex $typed [expr {$q - 1}]]
		send -- $a
		see $a "answer $q echoed"
		send "\r"
		incr sent
		if {$mode == 2 && $i == $n - 1} { break }
		incr q
		if {$q > $nq} {
			see "Hand in now?" "the look-over"
			send "y\r"
			see "Score: $nq of $nq points" "submit"
			expect eof
			wait
			set finished 1
			break
		}
		see "Question $q/$nq" "question $q shown"
		see "answer> " "answer prompt $q"
		set confirmed [expr {$q - 1}]
	}
	if {$finished} {
		incr quizzes_done
		check_db
		continue
	}
	if {$mode == 1} {
		# halfway through typing an answer
		set a [lindex $typed [expr {$q - 1}]]
		set part [string range $a 0 [expr {int($frac * [string length $a])}]]
		send -- $part
		see $part "part of answer $q echoed"
	}
	set last [expr {$sent == $nq}]
	if {![kill9 $last]} { incr kills }
	check_db
	if {$id == 0} { set id [sql "SELECT max(id) FROM quiz_attempt"] }
	set state [sql "SELECT state FROM quiz_attempt WHERE id = $id"]
	if {$state eq "final" && $last} { incr quizzes_done }
	if {$state ne "open" && !($state eq "final" && $last)} { bail "attempt $id is $state" }
	lassign [open_attempt] id2 stored2
	if {$id2 != 0 && $id2 != $id} { bail "attempt $id2 is open besides $id" }
	set stored2 [sql "SELECT count(*) FROM quiz_answer WHERE attempt_id = $id"]
	set id2 $id
	if {$stored2 < $confirmed || $stored2 > $sent} {
		bail "attempt $id2 holds $stored2 answers; $confirmed were confirmed, $sent sent"
	}
	# stored whole, in order, exactly as typed
	set got [join [split [sql "SELECT seq || '=' || response FROM quiz_answer WHERE attempt_id = $id2 ORDER BY seq"] "\n"] " "]
	set want {}
	for {set i 0} {$i < $stored2} {incr i} { lappend want "$i=[lindex $typed $i]" }
	if {$got ne [join $want " "]} { bail "stored answers '$got', not '[join $want " "]'" }
}
set final [sql "SELECT count(*) FROM quiz_attempt WHERE state = 'final' AND percent = 100"]
set all [sql "SELECT count(*) FROM quiz_attempt WHERE state = 'final'"]
if {$final != $all} { bail "[expr {$all - $final}] finished attempts lost points" }
if {$all != $quizzes_done} { bail "$all attempts final, $quizzes_done seen finishing" }
puts "$kills kills in [expr {$round - 1}] rounds (kill points: [lindex $modes 4] at start, [lindex $modes 0] at a prompt, [lindex $modes 1] mid-typing, [lindex $modes 2] just after Enter, [lindex $modes 3] at a drill's end); $all quizzes and $drills_done drills completed in between"
exit 0
EOF
start=$(date +%s)
"$EXPECT" -f "$T/kill.exp" > "$T/log" 2>&1 || {
	cat "$T/log"
	fail "the kill test (KILL_SEED=$KILL_SEED)"
}
cat "$T/log"
ok "$KILL_COUNT kills with SIGKILL in $(($(date +%s) - start)) s: nothing lost, the database intact, every attempt resumed"

# after all that, the last attempt still finishes
db_intact || fail "integrity_check at the end"
n=$(sql "SELECT count(*) FROM quiz_answer WHERE attempt_id = (SELECT id FROM quiz_attempt WHERE state = 'open')")
printf '%s\n' alpha-one true gamma-three false epsilon-five true eta-seven false iota-nine true lambda-eleven true |
	tail -n +$((n + 1)) | "$KEFU" quiz steps > "$T/out" 2>&1 || fail "the last attempt: $(tail -3 "$T/out")"
grep -q "^Score: 12 of 12 points, 100%" "$T/out" || fail "the last attempt: $(tail -3 "$T/out")"
[ "$(sql "SELECT count(*) FROM quiz_attempt WHERE state = 'open'")" = 0 ] || fail "an attempt is still open"
ok "the attempt open after the last kill finishes at 100%"
echo "$passed passed, 0 failed"
