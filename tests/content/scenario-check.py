#!/usr/bin/env python3
"""scenario-check.py: checks the bundled rule lists (rules/) and chat
scenarios (scenarios/) against the rules the content must keep and kefu
check does not look at: every model reply makes every point of its turn
and breaks no word; times are fair for a new hire typing Chinese; the
required kinds and topics are there; no bundled script or drill line
holds a forbidden word.

Usage: tests/content/scenario-check.py [TOP]   (TOP: the source tree,
by default two levels above this file). Exits 1 when anything fails.
Standard library only; PyYAML is used when present, else a small reader
of the regular shape these files are written in.
"""
import glob
import os
import re
import sys
import unicodedata

try:
    import yaml
except ImportError:  # pragma: no cover - exercised where PyYAML is absent
    yaml = None

# Typing Chinese at about 30 characters a minute, plus time to read.
SECONDS_PER_CHAR = 2
READ_SECONDS = 10

SCENARIO_KEYS = {"scenario", "title", "kind", "buyer", "context", "reply_within",
                 "forbidden", "pass_mark", "mode", "rubric", "attempts", "time_limit",
                 "turns"}
REQUIRED_KEYS = {"scenario", "title", "kind", "buyer", "reply_within", "forbidden",
                 "pass_mark", "turns"}
TURN_KEYS = {"buyer", "within", "expect", "avoid", "explain", "model"}
KINDS = ("pre-sales", "after-sales", "complaint", "other")
MIN_KIND = {"pre-sales": 8, "after-sales": 10, "complaint": 6}
MIN_SCENARIOS = 26
MIN_WORDS = 48
RUBRICS = 3
MIN_EXAM_COMPLAINTS = 2

# Topics the bundle must cover (from the domain brief), each by one scenario.
TOPICS = {
    "尺码咨询": "size-advice-tshirt",
    "议价": "bargaining-discount",
    "1688批发（to B）": "wholesale-1688-owner",
    "发错货": "wrong-item-sent",
    "多发后买家否认（底单上传平台）": "extra-item-denied",
    "签收破损少件（底单重量、快递索赔、补发）": "damaged-parcel-missing-item",
    "质量问题：签收3天内未穿着": "quality-within-three-days",
    "质量问题：超3天或已穿着（协商、主管）": "quality-worn-complaint",
    "买家自身原因（洗涤损坏）": "washing-damage-own-fault",
    "辱骂的买家": "abusive-buyer",
    "中差评公开回复": "negative-review-reply",
    "要加微信／站外付款": "wechat-off-platform",
    "全网最便宜": "cheapest-on-web",
    "发货时间": "shipping-time-question",
    "物流多日不更新": "logistics-stalled",
    "开发票": "invoice-request",
    "礼品包装": "gift-packaging-scarf",
    "下单后改地址": "change-address",
    "七天无理由退货": "seven-day-return",
    "好评返现": "review-cashback-request",
}

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
DURATION_RE = re.compile(r"^(?:\d+[smhd])+$")

errors = []


def err(where, msg):
    errors.append("%s: %s" % (where, msg))


def fold(s):
    """What the brief calls the fold: NFKC, then lowercase."""
    return unicodedata.normalize("NFKC", s).lower()


def kb_fold(s):
    """kefu's own fold (src/kb.c): full-width ASCII and U+3000 to ASCII,
    ASCII capitals to lowercase; a reply must pass under both."""
    out = []
    for ch in s:
        cp = ord(ch)
        if 0xFF01 <= cp <= 0xFF5E:
            cp -= 0xFEE0
        elif cp == 0x3000:
            cp = 0x20
        if 0x41 <= cp <= 0x5A:
            cp += 0x20
        out.append(chr(cp))
    return "".join(out)


FOLDS = (fold, kb_fold)


def contains(text, word):
    return any(f(word) in f(text) for f in FOLDS)


def makes_point(text, point):
    """A point is made when the text holds one of its words under every fold."""
    return all(any(f(w) in f(text) for w in point) for f in FOLDS)


def seconds(d):
    total = 0
    for n, unit in re.findall(r"(\d+)([smhd])", d):
        total += int(n) * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit]
    return total


# ---- a minimal reader, for where PyYAML is missing -------------------------

def _scalar(s):
    s = s.strip()
    if len(s) >= 2 and s[0] == s[-1] and s[0] in "\"'":
        return s[1:-1]
    if re.fullmatch(r"-?\d+", s):
        return int(s)
    return s


def _flow(s):
    """[a, b] or {k: v, ...} of plain scalars, one level deep."""
    s = s.strip()
    if s.startswith("[") and s.endswith("]"):
        inner = s[1:-1].strip()
        if not inner:
            return []
        if inner.startswith("["):
            return [_flow(p + "]") for p in re.split(r"\]\s*,\s*", inner[:-1])]
        return [_scalar(p) for p in _split_commas(inner)]
    if s.startswith("{") and s.endswith("}"):
        d = {}
        for part in _split_commas(s[1:-1]):
            k, _, v = part.partition(":")
            d[k.strip()] = _scalar(v)
        return d
    return _scalar(s)


def _split_commas(s):
    parts, cur, q = [], "", None
    for ch in s:
        if q:
            cur += ch
            if ch == q:
                q = None
        elif ch in "\"'":
            q = ch
            cur += ch
        elif ch == ",":
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p.strip() for p in parts if p.strip()]


def mini_load(text):
    """Reads the shapes used here: a top mapping of scalars, `|` blocks,
    and lists of mappings (turns, items, words) whose values are scalars,
    flow lists or lists of flow lists."""
    lines = [l for l in text.split("\n")]
    root, i = {}, 0

    def indent(l):
        return len(l) - len(l.lstrip(" "))

    def block(i, ind):
        out = []
        while i < len(lines) and (not lines[i].strip() or indent(lines[i]) >= ind):
            out.append(lines[i][ind:] if lines[i].strip() else "")
            i += 1
        while out and not out[-1]:
            out.pop()
        return "\n".join(out) + "\n", i

    def mapping(i, ind, d):
        while i < len(lines):
            l = lines[i]
            if not l.strip() or l.lstrip().startswith("#"):
                i += 1
                continue
            if indent(l) < ind or l.lstrip().startswith("- "):
                return i
            k, _, v = l.strip().partition(":")
            v = v.strip()
            i += 1
            if v == "|":
                d[k], i = block(i, ind + 2)
            elif v:
                d[k] = _flow(v)
            else:
                i = seq(i, ind, d, k)
        return i

    def seq(i, ind, d, k):
        items = []
        while i < len(lines):
            l = lines[i]
            if not l.strip() or l.lstrip().startswith("#"):
                i += 1
                continue
            if indent(l) < ind or not l.lstrip().startswith("- "):
                break
            here = indent(l)
            body = l.strip()[2:]
            if body.startswith("[") or body.startswith("{") or ":" not in body.split("[")[0]:
                items.append(_flow(body))
                i += 1
                continue
            m = {}
            lines[i] = " " * (here + 2) + body
            i = mapping(i, here + 2, m)
            items.append(m)
        d[k] = items
        return i

    mapping(0, 0, root)
    return root


def load(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if "\t" in text:
        err(path, "holds a tab")
    for n, line in enumerate(text.split("\n"), 1):
        if CONTROL.search(line.rstrip("\r")) or line.endswith("\r"):
            err("%s:%d" % (path, n), "control character")
    if yaml is not None:
        return yaml.safe_load(text)
    return mini_load(text)


# ---- rule lists ------------------------------------------------------------

def check_rules(top):
    lists = {}
    for path in sorted(glob.glob(os.path.join(top, "rules", "*.yaml"))):
        doc = load(path)
        rel = os.path.relpath(path, top)
        if not isinstance(doc, dict) or "rules" not in doc:
            err(rel, "not a rule list")
            continue
        if set(doc) - {"rules", "title", "words"}:
            err(rel, "unknown keys %s" % sorted(set(doc) - {"rules", "title", "words"}))
        rid = doc["rules"]
        if not isinstance(doc.get("title"), str) or not doc["title"].strip():
            err(rel, "no title")
        words, seen = [], {}
        for n, w in enumerate(doc.get("words") or [], 1):
            where = "%s: word %d" % (rel, n)
            if not isinstance(w, dict) or set(w) != {"word", "why"}:
                err(where, "must be {word: ..., why: ...}")
                continue
            word, why = w["word"], w["why"]
            if not isinstance(word, str) or not isinstance(why, str) or not why.strip():
                err(where, "word and why must be text")
                continue
            if len(word) < 2:
                err(where, "'%s' is shorter than 2 characters" % word)
            if CONTROL.search(word) or CONTROL.search(why):
                err(where, "control character")
            for f in FOLDS:
                if f(word) in seen.get(f.__name__, {}):
                    err(where, "'%s' repeats '%s' ignoring width and case"
                        % (word, seen[f.__name__][f(word)]))
                    break
            for f in FOLDS:
                seen.setdefault(f.__name__, {})[f(word)] = word
            words.append(word)
        if len(words) < MIN_WORDS:
            err(rel, "%d words, at least %d wanted" % (len(words), MIN_WORDS))
        if os.path.basename(path) != "%s.yaml" % rid:
            err(rel, "file name is not the id '%s'" % rid)
        lists[rid] = words
    return lists


# ---- scenarios -------------------------------------------------------------

def check_turn(where, t, default_within, forbidden):
    if not isinstance(t, dict):
        err(where, "a turn must be a mapping")
        return
    extra = set(t) - TURN_KEYS
    if extra:
        err(where, "unknown keys %s" % sorted(extra))
    for k in ("buyer", "expect", "explain", "model"):
        if k not in t:
            err(where, "no '%s'" % k)
    if not all(isinstance(t.get(k, ""), str) for k in ("buyer", "explain", "model")):
        err(where, "buyer, explain and model must be text")
        return
    for k in ("buyer", "explain", "model"):
        if "{" in t.get(k, "") or "}" in t.get(k, ""):
            err(where, "%s holds a brace (kefu reads it as a placeholder)" % k)
    within = default_within
    if "within" in t:
        if not isinstance(t["within"], str) or not DURATION_RE.match(t["within"]):
            err(where, "within '%s' is not a duration" % t["within"])
        else:
            within = seconds(t["within"])
    expect = t.get("expect") or []
    avoid = t.get("avoid") or []
    model = t.get("model", "")
    if not isinstance(avoid, list) or not all(isinstance(a, str) and a for a in avoid):
        err(where, "avoid must be a list of words")
        avoid = []
    if not 1 <= len(expect) <= 4:
        err(where, "%d expected points, 1 to 4 wanted" % len(expect))
    for n, point in enumerate(expect, 1):
        pw = "%s: point %d" % (where, n)
        if not isinstance(point, list) or not 1 <= len(point) <= 6:
            err(pw, "a point is a list of 1 to 6 words")
            continue
        if not all(isinstance(w, str) and w.strip() for w in point):
            err(pw, "each word of a point must be text: %r" % (point,))
            continue
        if not makes_point(model, point):
            err(pw, "the model reply makes none of %s" % point)
        for w in point:
            for bad in forbidden:
                if contains(w, bad):
                    err(pw, "'%s' holds the forbidden word '%s'" % (w, bad))
            for bad in avoid:
                if contains(w, bad):
                    err(pw, "'%s' holds the avoided word '%s'" % (w, bad))
    for bad in avoid:
        if contains(model, bad):
            err(where, "the model reply holds the avoided word '%s'" % bad)
    for bad in forbidden:
        if contains(model, bad):
            err(where, "the model reply holds the forbidden word '%s'" % bad)
    need = len(model) * SECONDS_PER_CHAR + READ_SECONDS
    if within < need:
        err(where, "%ds for a %d-character model reply; at least %ds is fair"
            % (within, len(model), need))
    return len(model), within


def check_scenarios(top, lists):
    ids, titles, kinds = {}, {}, {k: 0 for k in KINDS}
    rubrics, exams = [], []
    paths = sorted(glob.glob(os.path.join(top, "scenarios", "*.yaml")))
    for path in paths:
        rel = os.path.relpath(path, top)
        doc = load(path)
        if not isinstance(doc, dict) or "scenario" not in doc:
            err(rel, "not a scenario")
            continue
        extra = set(doc) - SCENARIO_KEYS
        if extra:
            err(rel, "unknown keys %s" % sorted(extra))
        missing = REQUIRED_KEYS - set(doc)
        if missing:
            err(rel, "missing keys %s" % sorted(missing))
            continue
        sid = doc["scenario"]
        if not isinstance(sid, str) or not ID_RE.match(sid):
            err(rel, "bad id %r" % sid)
            continue
        if os.path.basename(path) != sid + ".yaml":
            err(rel, "file name is not the id '%s'" % sid)
        if sid in ids:
            err(rel, "id '%s' again (%s)" % (sid, ids[sid]))
        ids[sid] = rel
        title = doc["title"]
        if title in titles:
            err(rel, "title '%s' again (%s)" % (title, titles[title]))
        titles[title] = rel
        for k in ("title", "buyer", "context", "rubric"):
            if k in doc and (not isinstance(doc[k], str) or not doc[k].strip()):
                err(rel, "%s must be text" % k)
        if doc["kind"] not in KINDS:
            err(rel, "kind '%s'" % doc["kind"])
        else:
            kinds[doc["kind"]] += 1
        if not isinstance(doc["reply_within"], str) or not DURATION_RE.match(doc["reply_within"]):
            err(rel, "reply_within '%s' is not a duration" % doc["reply_within"])
            continue
        if doc["forbidden"] != "platform-forbidden":
            err(rel, "forbidden must be platform-forbidden")
        forbidden = lists.get(doc["forbidden"])
        if forbidden is None:
            err(rel, "no rule list '%s'" % doc["forbidden"])
            forbidden = []
        pm = doc["pass_mark"]
        if not isinstance(pm, (int, float)) or not 0 <= pm <= 100:
            err(rel, "pass_mark %r" % pm)
        mode = doc.get("mode", "practice")
        if mode not in ("practice", "exam"):
            err(rel, "mode '%s'" % mode)
        if mode == "exam":
            exams.append((sid, doc["kind"]))
        if "rubric" in doc:
            rubrics.append((sid, doc["kind"]))
        turns = doc["turns"] or []
        if not 2 <= len(turns) <= 5:
            err(rel, "%d turns, 2 to 5 wanted" % len(turns))
        default = seconds(doc["reply_within"])
        for n, t in enumerate(turns, 1):
            check_turn("%s: turn %d" % (rel, n), t, default, forbidden)

    if len(paths) < MIN_SCENARIOS:
        err("scenarios/", "%d scenarios, at least %d wanted" % (len(paths), MIN_SCENARIOS))
    for k, n in MIN_KIND.items():
        if kinds[k] < n:
            err("scenarios/", "%d %s scenarios, at least %d wanted" % (kinds[k], k, n))
    if len(rubrics) != RUBRICS or any(k != "complaint" for _, k in rubrics):
        err("scenarios/", "rubrics on %s; %d complaint scenarios wanted" % (rubrics, RUBRICS))
    if sum(1 for _, k in exams if k == "complaint") < MIN_EXAM_COMPLAINTS:
        err("scenarios/", "exam mode on %s; %d complaint scenarios wanted"
            % (exams, MIN_EXAM_COMPLAINTS))
    for topic, sid in TOPICS.items():
        if sid not in ids:
            err("scenarios/", "topic %s: no scenario '%s'" % (topic, sid))
    return kinds, ids


# ---- the bundled scripts and drills ---------------------------------------

def check_bundled_lines(top, lists):
    words = [w for ws in lists.values() for w in ws]
    hits = 0
    for path in sorted(glob.glob(os.path.join(top, "scripts", "*.yaml"))):
        doc = load(path) or {}
        for item in doc.get("items") or []:
            text = item.get("text", "") if isinstance(item, dict) else ""
            for w in words:
                if contains(text, w):
                    hits += 1
                    err(os.path.relpath(path, top),
                        "script '%s' holds the forbidden word '%s'" % (item.get("id"), w))
    for path in sorted(glob.glob(os.path.join(top, "curricula", "drills", "*.yaml"))):
        doc = load(path) or {}
        for n, line in enumerate(doc.get("lines") or [], 1):
            for w in words:
                if isinstance(line, str) and contains(line, w):
                    hits += 1
                    err(os.path.relpath(path, top),
                        "drill line %d holds the forbidden word '%s'" % (n, w))
    return hits


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(
        os.path.abspath(__file__)), "..", "..")
    top = os.path.normpath(top)
    lists = check_rules(top)
    kinds, ids = check_scenarios(top, lists)
    check_bundled_lines(top, lists)
    for e in errors:
        print("FAIL %s" % e)
    print("%s: %d rule words, %d scenarios (%s), %d problems" % (
        "ok" if not errors else "failed",
        sum(len(w) for w in lists.values()), len(ids),
        ", ".join("%s %d" % (k, kinds[k]) for k in KINDS), len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
