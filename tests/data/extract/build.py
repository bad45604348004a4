#!/usr/bin/env python3
"""Build the attribution-extraction development corpus.

Reads the hand-annotated sources in ``source/*.ann`` and writes one JSON file
per article to ``articles/<id>.json``.  Standard library only.  Every
inconsistency is collected and reported; the script exits with status 1 and
writes nothing if there is any.

Usage::

    python tests/data/extract/build.py           # build and print counts
    python tests/data/extract/build.py --check   # verify articles/ is up to date

Source format (see GUIDELINES.md, "Source markup")::

    id: wire-01
    genre: wire
    title: ...
    publisher: ...
    url: https://...
    published: 2024-03-14T09:30:00-04:00
    language: en            (optional, default en)
    kind: article           (optional, default article)

    == speakers
    key | kind | name | alias; alias | role or description

    == attributions
    N | speaker[,speaker] | date [basis] | key=value ; key=value

    == text
    paragraphs, one per line, blank line between paragraphs, with inline
    markup {sN|speaker mention} {cN|cue} {qN|content}; a tag may carry
    several attribution numbers ({s1,2|Kovacs}); tags nest.

Date field: ``pub`` (publication local day, basis inferred), ``mon`` ..
``sun`` (most recent such weekday counting the publication day, resolved),
``yday`` (the day before publication, resolved), or an EDTF date followed by
``s`` (stated) or ``r`` (resolved), e.g. ``2019-05 s``, ``2024-03-03 r``.

Optional attribution keys: ``role=`` (overrides the speaker's default role,
``role=-`` for none), ``cue=`` (normalised cue, default: the cue span text
lower-cased), ``quote=`` (must agree with the computed kind), ``via=N``
(must agree with the nesting computed from the markup), ``nosource``
(implicit speaker: no source span).
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "source"
OUT = HERE / "articles"

GENRES = ("wire", "politics", "health", "crime", "diplomacy", "sport",
          "business", "science", "local")
MIN_PER_GENRE = {g: 2 for g in GENRES[:7]}
MIN_ARTICLES = 22
MIN_ATTRIBUTIONS = 330
SPEAKER_KINDS = ("person", "organization", "group", "unnamed")
QUOTE_KINDS = ("direct", "indirect", "mixed")
BASES = {"s": "stated", "r": "resolved", "i": "inferred"}
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
EDTF_ONE = r"\d{4}(-\d{2}(-\d{2})?)?[?~%]?"
EDTF_RE = re.compile(rf"^{EDTF_ONE}(/{EDTF_ONE})?$")
OPEN_MARKS = "\"“‘'"
DOUBLE_MARKS = "\"“”"
TAG_RE = re.compile(r"^([sqc])(\d+(?:,\d+)*)$")
WORDS_MIN, WORDS_MAX = 250, 700


class Errors(list):
    def add(self, where: str, msg: str) -> None:
        self.append(f"{where}: {msg}")


def parse_markup(raw: str, where: str, errors: Errors):
    """Return (plain text, list of (tag, numbers, start, end))."""
    out: list[str] = []
    pos = 0
    stack: list[tuple[str, tuple[int, ...], int]] = []
    spans = []
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == "{":
            bar = raw.find("|", i)
            m = TAG_RE.match(raw[i + 1:bar]) if bar != -1 else None
            if not m:
                errors.add(where, f"bad tag at {raw[i:i + 20]!r}")
                return "", []
            stack.append((m.group(1), tuple(int(n) for n in m.group(2).split(",")), pos))
            i = bar + 1
            continue
        if ch == "}":
            if not stack:
                errors.add(where, f"unbalanced '}}' near {raw[max(0, i - 30):i]!r}")
                return "", []
            tag, nums, start = stack.pop()
            spans.append((tag, nums, start, pos))
            i += 1
            continue
        if ch == "|":
            errors.add(where, f"stray '|' near {raw[max(0, i - 30):i]!r}")
        out.append(ch)
        pos += 1
        i += 1
    if stack:
        errors.add(where, f"unclosed tags: {stack}")
    return "".join(out), spans


def parse_file(path: Path, errors: Errors):
    where = path.name
    header: dict[str, str] = {}
    sections: dict[str, list[str]] = {"speakers": [], "attributions": [], "text": []}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("== "):
            current = line[3:].strip()
            if current not in sections:
                errors.add(where, f"unknown section {current!r}")
                current = None
            continue
        if current is None:
            if line.strip():
                k, _, v = line.partition(":")
                header[k.strip()] = v.strip()
        else:
            sections[current].append(line)
    return header, sections


def local_date(published: str) -> dt.date:
    return dt.datetime.fromisoformat(published).date()


def resolve_date(tok: str, basis: str | None, pub: dt.date, where: str, errors: Errors):
    tok = tok.lower()
    if tok == "pub":
        return pub.isoformat(), "inferred"
    if tok == "yday":
        return (pub - dt.timedelta(days=1)).isoformat(), "resolved"
    if tok in WEEKDAYS:
        back = (pub.weekday() - WEEKDAYS.index(tok)) % 7
        return (pub - dt.timedelta(days=back)).isoformat(), "resolved"
    if not EDTF_RE.match(tok):
        errors.add(where, f"date {tok!r} is not EDTF")
        return tok, "stated"
    if basis not in BASES:
        errors.add(where, f"date {tok!r} needs a basis s/r/i (got {basis!r})")
        return tok, "stated"
    return tok, BASES[basis]


def earliest(edtf: str) -> dt.date:
    first = edtf.split("/")[0].rstrip("?~%")
    parts = [int(p) for p in first.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return dt.date(*parts)


def quote_kind(text: str, spans: list[list[int]], where: str, errors: Errors) -> str:
    if any(any(c in DOUBLE_MARKS for c in text[s:e]) for s, e in spans):
        return "mixed"
    opened = [s > 0 and text[s - 1] in OPEN_MARKS for s, _ in spans]
    if all(opened):
        return "direct"
    if not any(opened):
        return "indirect"
    errors.add(where, "content spans are partly quoted, partly not: split the attribution or fix spans")
    return "mixed"


def build_article(path: Path, errors: Errors):
    header, sec = parse_file(path, errors)
    aid = header.get("id", path.stem)
    where = f"{path.name}"
    for k in ("id", "genre", "title", "publisher", "url", "published"):
        if k not in header:
            errors.add(where, f"missing header {k!r}")
    if header.get("genre") not in GENRES:
        errors.add(where, f"genre {header.get('genre')!r} not in {GENRES}")
    if aid != path.stem:
        errors.add(where, f"id {aid!r} differs from file name")
    try:
        pub = local_date(header["published"])
        if dt.datetime.fromisoformat(header["published"]).utcoffset() is None:
            errors.add(where, "published needs a UTC offset")
    except (KeyError, ValueError) as exc:
        errors.add(where, f"bad published: {exc}")
        return None

    # speakers
    speakers, roles = [], {}
    for line in sec["speakers"]:
        if not line.strip():
            continue
        f = [x.strip() for x in line.split("|")]
        if len(f) != 5:
            errors.add(where, f"speaker line needs 5 fields: {line!r}")
            continue
        key, kind, name, aliases, extra = f
        if kind not in SPEAKER_KINDS:
            errors.add(where, f"speaker {key}: bad kind {kind!r}")
        if any(s["key"] == key for s in speakers):
            errors.add(where, f"duplicate speaker key {key}")
        desc = None
        if kind in ("group", "unnamed"):
            if not extra:
                errors.add(where, f"speaker {key}: {kind} needs a description")
            desc = extra or None
            if name:
                errors.add(where, f"speaker {key}: {kind} speakers have no name")
        else:
            if not name:
                errors.add(where, f"speaker {key}: {kind} needs a name")
            roles[key] = extra or None
        speakers.append({"key": key, "kind": kind, "name": name or None,
                         "aliases": [a.strip() for a in aliases.split(";") if a.strip()],
                         "description": desc})
    keys = {s["key"] for s in speakers}

    # attribution metadata
    meta: dict[int, dict] = {}
    for line in sec["attributions"]:
        if not line.strip():
            continue
        f = [x.strip() for x in line.split("|")]
        if len(f) < 3:
            errors.add(where, f"attribution line needs >= 3 fields: {line!r}")
            continue
        try:
            n = int(f[0])
        except ValueError:
            errors.add(where, f"bad attribution number in {line!r}")
            continue
        if n in meta:
            errors.add(where, f"duplicate attribution {n}")
        spk = [k.strip() for k in f[1].split(",")]
        for k in spk:
            if k not in keys:
                errors.add(where, f"a{n}: unknown speaker {k!r}")
        dparts = f[2].split()
        said, basis = resolve_date(dparts[0], dparts[1] if len(dparts) > 1 else None, pub,
                                   f"{where} a{n}", errors)
        opts = {}
        for part in "|".join(f[3:]).split(";"):
            part = part.strip()
            if not part:
                continue
            k, eq, v = part.partition("=")
            if k.strip() not in ("role", "cue", "quote", "via", "nosource"):
                errors.add(where, f"a{n}: unknown option {k!r}")
            opts[k.strip()] = v.strip() if eq else True
        meta[n] = {"speaker": spk, "said": said, "said_basis": basis, "opts": opts}

    # text
    paras, cur = [], []
    for line in sec["text"]:
        if line.strip():
            cur.append(line.strip())
        elif cur:
            paras.append(" ".join(cur))
            cur = []
    if cur:
        paras.append(" ".join(cur))
    text, spans = parse_markup("\n\n".join(paras), where, errors)
    if not text:
        return None
    words = len(text.split())
    if not WORDS_MIN <= words <= WORDS_MAX:
        errors.add(where, f"{words} words, expected {WORDS_MIN}-{WORDS_MAX}")
    for bad in ("  ", "\n\n\n", " ,", " ."):
        if bad in text:
            errors.add(where, f"text contains {bad!r} at {text.index(bad)}")

    by_num: dict[int, dict[str, list]] = collections.defaultdict(lambda: {"s": [], "c": [], "q": []})
    for tag, nums, s, e in spans:
        frag = text[s:e]
        w = f"{where} {tag}{nums} {frag[:40]!r}"
        if s >= e:
            errors.add(w, "empty span")
            continue
        if frag[0].isspace() or frag[-1].isspace():
            errors.add(w, "span starts or ends with whitespace")
        for n in nums:
            if n not in meta:
                errors.add(w, f"attribution {n} has no metadata line")
            by_num[n][tag].append([s, e])

    atts = []
    for n in sorted(meta):
        m = meta[n]
        w = f"{where} a{n}"
        g = by_num.get(n)
        if g is None:
            errors.add(w, "metadata without markup")
            continue
        if len(g["c"]) != 1:
            errors.add(w, f"needs exactly one cue span (got {len(g['c'])})")
            continue
        if m["opts"].get("nosource"):
            if g["s"]:
                errors.add(w, "nosource but has a source span")
            src = None
        else:
            if len(g["s"]) != 1:
                errors.add(w, f"needs exactly one source span (got {len(g['s'])})")
                continue
            src = g["s"][0]
        if not g["q"]:
            errors.add(w, "no content span")
            continue
        content = sorted(g["q"])
        for (s1, e1), (s2, e2) in zip(content, content[1:]):
            if s2 < e1:
                errors.add(w, "content spans overlap")
        cue = g["c"][0]
        for s, e in content:
            frag = text[s:e]
            if frag[-1] in ",.;:" and not frag.endswith(("Jr.", "Inc.", "Co.", "U.S.")):
                errors.add(w, f"content ends with frame punctuation: {frag[-20:]!r}")
            if quote_kind(text, [[s, e]], w, Errors()) != "mixed" and (
                    frag[0] in DOUBLE_MARKS + "‘" or frag[-1] in DOUBLE_MARKS):
                errors.add(w, f"content starts/ends with a quotation mark: {frag[:20]!r}")
            if frag.count("“") != frag.count("”") or frag.count('"') % 2:
                errors.add(w, f"unbalanced quotation marks in content {frag[:40]!r}")
            if frag.lower().startswith(("that ", "whether ")) and m["opts"].get("quote") != "keep":
                errors.add(w, f"content starts with a complementizer: {frag[:30]!r}")
            for other in ([cue] + ([src] if src else [])):
                if other[0] < e and s < other[1]:
                    errors.add(w, "content overlaps cue or source span")
        if src and (text[src[1] - 1] in ",;:." and not text[src[0]:src[1]].endswith(("Jr.", "Inc.", "Co."))
                    or text[src[0]] in ",;:.\"“”"):
            errors.add(w, f"source span starts/ends with punctuation: {text[src[0]:src[1]]!r}")
        if src and src[0] < cue[1] and cue[0] < src[1]:
            errors.add(w, "source overlaps cue")
        qk = quote_kind(text, content, w, errors)
        declared = m["opts"].get("quote")
        if declared is not None and declared != qk:
            # the one allowed override: quotation marks inside the content
            # that enclose a title or a scare quote, not the speaker's words
            # or a headline's single-quoted fragment ('back on track')
            single = any(c in "'‘’" for s, e in content for c in text[s:e])
            if (qk, declared) != ("mixed", "indirect") and not (
                    (qk, declared) == ("indirect", "mixed") and single):
                errors.add(w, f"declared quote={declared} but markup gives {qk}")
            qk = declared
        cue_text = " ".join(text[cue[0]:cue[1]].split()).lower()
        role = m["opts"].get("role")
        if role is None:
            rs = {roles.get(k) for k in m["speaker"]} - {None}
            role = rs.pop() if len(m["speaker"]) == 1 and rs else None
        elif role == "-":
            role = None
        try:
            if earliest(m["said"]) > pub:
                errors.add(w, f"said {m['said']} after publication {pub}")
        except ValueError as exc:
            errors.add(w, f"bad date {m['said']}: {exc}")
        atts.append({
            "id": f"a{n}",
            "speaker": m["speaker"][0] if len(m["speaker"]) == 1 else m["speaker"],
            "source_span": src,
            "cue_span": cue,
            "content_spans": content,
            "cue": m["opts"].get("cue", cue_text),
            "quote": qk,
            "said": m["said"],
            "said_basis": m["said_basis"],
            "via": None,
            "speaker_role": role,
            "_declared_via": m["opts"].get("via"),
        })
    for n in by_num:
        if n not in meta:
            errors.add(where, f"a{n}: markup without metadata")

    # nesting: via = innermost attribution whose content contains all spans
    def inside(inner, outer):
        parts = [inner["cue_span"]] + inner["content_spans"] + ([inner["source_span"]] if inner["source_span"] else [])
        return all(any(os <= s and e <= oe for os, oe in outer["content_spans"]) for s, e in parts)

    for a in atts:
        hosts = [b for b in atts if b is not a and inside(a, b)]
        hosts = [b for b in hosts if not any(c is not b and inside(c, b) and c in hosts for c in hosts)]
        if len(hosts) > 1:
            errors.add(f"{where} {a['id']}", f"ambiguous host {[h['id'] for h in hosts]}")
        a["via"] = hosts[0]["id"] if hosts else None
        dv = a.pop("_declared_via")
        if dv is not None and f"a{dv}" != a["via"]:
            errors.add(f"{where} {a['id']}", f"declared via=a{dv}, markup gives {a['via']}")
    ids = {a["id"]: a for a in atts}
    for a in atts:  # cycle check (cannot happen with containment, kept as a guard)
        seen, cur = set(), a
        while cur["via"]:
            if cur["id"] in seen:
                errors.add(where, f"via cycle at {a['id']}")
                break
            seen.add(cur["id"])
            if cur["via"] not in ids:
                errors.add(where, f"{cur['id']}: via {cur['via']} does not exist")
                break
            cur = ids[cur["via"]]
    used = set()
    for a in atts:
        used.update(a["speaker"] if isinstance(a["speaker"], list) else [a["speaker"]])
    for k in keys - used:
        errors.add(where, f"speaker {k} is never used")

    source = {"kind": header.get("kind", "article"), "title": header.get("title"),
              "publisher": header.get("publisher"), "url": header.get("url"),
              "published": header.get("published"), "language": header.get("language", "en")}
    return {"id": aid, "genre": header.get("genre"), "source": source, "text": text,
            "speakers": speakers, "attributions": atts}


def main(argv: list[str]) -> int:
    errors = Errors()
    articles = []
    for path in sorted(SRC.glob("*.ann")):
        art = build_article(path, errors)
        if art:
            articles.append(art)
    genres = collections.Counter(a["genre"] for a in articles)
    n_att = sum(len(a["attributions"]) for a in articles)
    if len(articles) < MIN_ARTICLES:
        errors.add("corpus", f"{len(articles)} articles < {MIN_ARTICLES}")
    if n_att < MIN_ATTRIBUTIONS:
        errors.add("corpus", f"{n_att} attributions < {MIN_ATTRIBUTIONS}")
    for g, k in MIN_PER_GENRE.items():
        if genres[g] < k:
            errors.add("corpus", f"genre {g}: {genres[g]} articles < {k}")
    if len({a["id"] for a in articles}) != len(articles):
        errors.add("corpus", "duplicate article ids")
    if "--partial" in argv:
        errors[:] = [e for e in errors if not e.startswith("corpus:")]
    if errors:
        print(f"{len(errors)} error(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1

    rendered = {f"{a['id']}.json": json.dumps(a, ensure_ascii=False, indent=1) + "\n" for a in articles}
    if "--check" in argv:
        stale = [n for n, t in rendered.items()
                 if not (OUT / n).exists() or (OUT / n).read_text(encoding="utf-8") != t]
        stale += [p.name for p in OUT.glob("*.json") if p.name not in rendered]
        if stale:
            print("articles/ out of date: " + ", ".join(sorted(stale)), file=sys.stderr)
            return 1
    else:
        OUT.mkdir(exist_ok=True)
        for p in OUT.glob("*.json"):
            if p.name not in rendered:
                p.unlink()
        for n, t in rendered.items():
            (OUT / n).write_text(t, encoding="utf-8")

    atts = [x for a in articles for x in a["attributions"]]
    kinds = {a["id"]: {s["key"]: s["kind"] for s in a["speakers"]} for a in articles}
    spk = collections.Counter()
    for a in articles:
        for x in a["attributions"]:
            ks = x["speaker"] if isinstance(x["speaker"], list) else [x["speaker"]]
            spk["multiple" if len(ks) > 1 else kinds[a["id"]][ks[0]]] += 1

    def show(title, counter):
        print(f"{title}: " + ", ".join(f"{k}={v}" for k, v in counter.most_common()))

    print(f"articles: {len(articles)}  attributions: {len(atts)}  "
          f"words: {sum(len(a['text'].split()) for a in articles)}")
    show("genre (articles)", genres)
    show("genre (attributions)", collections.Counter(a["genre"] for a in articles for _ in a["attributions"]))
    q = collections.Counter(x["quote"] for x in atts)
    show("quote", q)
    print(f"  indirect share: {q['indirect'] / len(atts):.0%}")
    show("speaker kind", spk)
    show("said_basis", collections.Counter(x["said_basis"] for x in atts))
    show("said precision", collections.Counter(
        "interval" if "/" in x["said"] else ("day", "month", "year")[2 - x["said"].count("-")] if x["said"].count("-") <= 2 else "?"
        for x in atts))
    print(f"nested (via): {sum(1 for x in atts if x['via'])}  "
          f"implicit source: {sum(1 for x in atts if x['source_span'] is None)}  "
          f"discontinuous content: {sum(1 for x in atts if len(x['content_spans']) > 1)}")
    show("cue", collections.Counter(x["cue"] for x in atts))
    show("utc offsets", collections.Counter(a["source"]["published"][19:] for a in articles))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
