# Every string a person reads goes through gettext. A pseudo-locale
# catalogue wraps each message of the sources in ⟦ ⟧; kefu then runs its
# commands on the bundled content as a manager would (and a trainee's
# part of them), and any English word printed outside the marks fails,
# listed with the command that printed it. What may stay English: the
# content's own words, ids and logins, commands and their options,
# placeholders in capitals, and the machine formats (CSV, JSON).
. "$top_srcdir/tests/lib.sh"

[ "${KEFU_NLS:-yes}" != no ] || { echo "SKIP: configured with --disable-nls"; exit 77; }
for t in xgettext msginit msgfilter msgfmt python3; do
	command -v $t > /dev/null || { echo "SKIP: no $t"; exit 77; }
done
[ -n "${top_builddir:-}" ] || { echo "SKIP: no build tree"; exit 77; }

# 1. the catalogue: every message, each line of it between ⟦ and ⟧
(cd "$top_srcdir" && xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
	--keyword=P_:1,2 --keyword=C_:1c,2 -f po/POTFILES.in -o "$T/kefu.pot") ||
	fail "xgettext could not read the sources"
msginit --no-translator -l en_US.UTF-8 -i "$T/kefu.pot" -o "$T/en.po" > /dev/null 2>&1 ||
	fail "msginit"
# a format's conversions stay outside the marks: what kefu puts into a
# message (a unit, a kind, a state) must be translated on its own
msgfilter --keep-header -i "$T/en.po" -o "$T/pseudo.po" \
	sed -e '/^$/!s/^/⟦/' -e '/^$/!s/$/⟧/' -e 's/%%/¤/g' \
	-e 's/%\([0-9]*\$\)\{0,1\}[-+ #0]*[0-9*]*\(\.[0-9*]*\)\{0,1\}\(hh\|h\|ll\|l\|z\|j\|t\|L\)\{0,1\}[diouxXeEfFgGcsp]/⟧&⟦/g' \
	-e 's/¤/%%/g' -e 's/⟦⟧//g' || fail "msgfilter"
# kefu run from its build tree reads the catalogues under po/locale
LOC="$top_builddir/po/locale/kefu-pseudo/LC_MESSAGES"
mkdir -p "$LOC" && msgfmt -o "$LOC/kefu.mo" "$T/pseudo.po" || fail "msgfmt"
trap '[ -n "${KEEP_T:-}" ] || rm -rf "$T"; rm -rf "$top_builddir/po/locale/kefu-pseudo"' EXIT
export LANGUAGE=kefu-pseudo KEFU_CONTENT="$top_srcdir" KEFU_NOW=2026-03-02T10:00:00
"$KEFU" --help | grep -q '⟦' || fail "the pseudo catalogue is not read: $("$KEFU" --help | head -3)"

# 2. kefu at work, each command's output kept under its own name
mkdir "$T/run"
n=0
run() {
	n=$((n + 1))
	printf '%s\n' "$*" > "$T/run/$n.cmd"
	"$KEFU" "$@" < "${INPUT:-/dev/null}" > "$T/run/$n.out" 2>&1
}
run plan
"$KEFU" people add wangfang --role trainer --name 王芳 > /dev/null 2>&1
"$KEFU" people add xiaoli --role trainee --name 小李 --hired 2026-01-05 > /dev/null 2>&1
run --help
for c in $("$KEFU" --help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p'); do run help "$c"; done
run list
run list stages
run plan --all
run study
run study sample-shop-catalogue 3
# a practice quiz: its key from a preview of the same paper
LANGUAGE= "$KEFU" quiz platform-rules --preview --seed 1 | awk '
	/^\[essay\]/ { essay = 1 }
	/^  Key: / { k = $2; if (k ~ /^[0-9]B$/) k = substr($0, 8); sub(/\.$/, "", k); print k; next }
	/^Question / && essay { print "回复第一行"; print "."; essay = 0 }' > "$T/answers"
# the first answer wrong, a word after a number, goto out of the paper
{ echo "goto 99"; echo 错; sed 1d "$T/answers"; } > "$T/in"
INPUT="$T/in" run quiz platform-rules --seed 1
printf '对\n\n' > "$T/in"
INPUT="$T/in" run review
run review --list
printf '亲，您好\n' > "$T/in"
INPUT="$T/in" run drill greeting-scripts
run progress
run inbox
run attempts root
run grade --list
printf '3\n好\n4\n\n' > "$T/in"
INPUT="$T/in" run grade
run kpi set xiaoli conversion-rate 27.5 --period 2026-02
run kpi set xiaoli order-value 172 --period 2026-02
run kpi history xiaoli
run people list
run stage open xiaoli probation --reason 提前考核
run exempt xiaoli onboarding greeting-scripts --reason 已达标
printf '4\n说明\nn\n4\nn\npass\n\n' > "$T/in"
INPUT="$T/in" run assess xiaoli probation-review
run signoff xiaoli onboarding
for r in stages overdue probation elite trainee grades attention items dashboard leavers; do
	case $r in
	trainee) run report trainee xiaoli ;;
	items) run report items platform-rules ;;
	dashboard) run report dashboard --html "$T/dash.html" ;;
	*) run report $r ;;
	esac
done
run check

# 3. what may stay English: the words typed (commands, their usage),
# words of the content's text, ids, logins
for c in $(LANGUAGE= "$KEFU" --help | sed -n 's/^  \([a-z][a-z]*\) .*/\1/p'); do
	echo "$c"
	LANGUAGE= "$KEFU" help "$c" | sed -n 1p
done > "$T/syntax"
python3 - "$top_srcdir" "$T/run" "$(id -un)" "$T/syntax" <<'EOF' || fail "English outside gettext:
$(cat "$T/english")"
import os, re, sys
top, rundir, login, syntax = sys.argv[1:5]
allowed = {login, "root", "xiaoli", "wangfang", "kefu", "csv", "json", "table", "html"}
allowed.update(re.findall(r"[A-Za-z]+", open(syntax, encoding="utf-8").read().replace("usage", "")))
text_keys = ("title", "text", "explain", "rubric", "name", "why", "answer")
for base in ("curricula", "quizzes"):
    for d, _, files in os.walk(os.path.join(top, base)):
        for f in files:
            if not f.endswith((".yaml", ".yml")):
                continue
            block = False
            for line in open(os.path.join(d, f), encoding="utf-8"):
                s = line.strip()
                pairs = []
                if re.match(r"-?\s*\{", s):
                    # a flow mapping: { id: x, title: y }
                    pairs = re.findall(r"([a-z_]+):\s*([^,}]*)", s)
                m = re.match(r"-?\s*([a-z_]+):\s*(.*)$", s)
                if pairs or m:
                    for key, val in pairs or [m.groups()]:
                        if key in ("id", "quiz", "drill", "lesson", "assessment", "curriculum",
                                   "kpi", "signoff", "stage", "scripts", "rules"):
                            allowed.update(re.findall(r"[A-Za-z][A-Za-z0-9]*", val))
                        if key in text_keys or key in ("choices", "steps", "pairs", "lines"):
                            allowed.update(re.findall(r"[A-Za-z]+", val))
                    key, val = pairs[-1] if pairs else m.groups()
                    # ids are words kefu may print as they are; so is
                    # the content's own text
                    block = key in text_keys and val in ("|", ">", "|-", ">-")
                    continue
                if block or s.startswith("- "):
                    allowed.update(re.findall(r"[A-Za-z]+", s))
bad = []
for name in sorted(os.listdir(rundir), key=lambda x: (len(x), x)):
    if not name.endswith(".out"):
        continue
    cmd = open(os.path.join(rundir, name[:-4] + ".cmd"), encoding="utf-8").read().strip()
    out = open(os.path.join(rundir, name), encoding="utf-8", errors="replace").read()
    prev = None
    while prev != out:
        prev = out
        out = re.sub(r"⟦[^⟦⟧]*⟧", " ", out)
    out = re.sub(r"'[^'\n]*'", " ", out)            # quoted: ids, commands
    out = re.sub(r"--[a-z-]+", " ", out)              # options
    out = re.sub(r"(?<![\w.])/[^\s'\"]+", " ", out)          # paths
    out = re.sub(r"\bkefu [a-z]+( [a-z]+)?", " ", out)  # commands as typed
    words = set()
    for w in re.findall(r"[A-Za-z][A-Za-z0-9-]*", out):
        if w in allowed or w.isupper() or "-" in w or re.search(r"\d", w) or len(w) < 2:
            continue
        words.add(w)
    if words:
        bad.append("%s: %s" % (cmd, " ".join(sorted(words))))
open(os.path.join(os.path.dirname(rundir), "english"), "w").write("\n".join(bad) + "\n")
sys.exit(1 if bad else 0)
EOF
ok "every command's words go through gettext ($n commands in a pseudo-locale)"
test_done
