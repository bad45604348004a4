"""Finding attributions (source + cue + content) in a news text.

The text is read paragraph by paragraph. First every quotation followed by a
speaker and a cue ("'A,' she said, 'B.'") becomes a direct attribution, with
the quotations that continue it. Then each sentence is scanned once for cues
from the lexicon; for each cue the frame around it says where the speaker and
the content are: "X said (that) C", "C, X said", "C, said X, the director",
"according to X, C", "C, according to a report X released", participles
("..., saying C") and coordinated cues ("X praised A but argued B").
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from claimtrack.extract._cues import CUE, PARTICIPLES, cue_class
from claimtrack.extract._speakers import Mention, parse
from claimtrack.extract._text import Quote, paragraphs, quotes, sentences

__all__ = ["Found", "find"]

Spans = list[tuple[int, int]]

_QUOTE_MARKS = '"“”«»„'
_ALL_MARKS = _QUOTE_MARKS + "‘’'"
_INTRO = frozenset(
    """
    in on at after before during speaking asked later earlier meanwhile however but and
    separately last this yesterday today writing responding despite following addressing
    interviewed since with without under also still instead then by for when while as although
    though once if unlike like amid among
    """.split()  # noqa: SIM905
)
_PREPOSITION = frozenset(
    """
    on in at during late early last this earlier later to through via from before after with
    over shortly yesterday today tonight again also repeatedly publicly privately separately
    previously recently then once first
    """.split()  # noqa: SIM905
)
_OBJECT_TAKERS = frozenset(
    """
    told tells telling tell warned warns warning warn assured assures reminded informed promised
    promises convinced advised notified
    """.split()  # noqa: SIM905
)
_AUX_TAIL = re.compile(
    r"(?:\s+(?:has|have|had|also|later|then|previously|repeatedly|again|publicly|privately|"
    r"earlier|further|himself|herself|itself|themselves|would|will|did|does|do|was|is|were|are|"
    r"been|once|only|still|already|firmly|strongly|flatly|quickly|recently|separately|too|"
    r"initially|originally|reportedly|simply|now|has\s+long|long|first))+\s*$",
    re.IGNORECASE,
)
_BLOCKED_TAIL = re.compile(
    r"(?:\b(?:not|never|to|who|which|whom|whose|whether|if|the|a|an|his|her|its|their|our|"
    r"my|your|these|those|this|such|some|any|no|of|for|in|on|with|by|from|into|about|so|"
    r"being|be|was|were|is|are|also\s+been)|n['’]t|-)\s*$",
    re.IGNORECASE,
)
_OPENER = re.compile(
    r"^(?:(?:but|and|however|meanwhile|still|yet|so|now|also|instead|separately|later|earlier|"
    r"then|on\s+[A-Z]\w+day|last\s+week|yesterday|today|in\s+[A-Z]\w+(?:\s+\d{4})?)\b\s*,?\s*)+",
    re.IGNORECASE,
)
_RELATIVE_TAIL = re.compile(r"\b(?:what|which|as)\s+((?:\S+\s*){1,4})$", re.IGNORECASE)
_THAT = re.compile(r"\b(?:that|whether)\b\s*")
_LEAD_ADVERBIAL = re.compile(
    r"^\s*,?\s*(?:(?:(?:late|early)\s+)?on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?|last\s+week|yesterday|today|"
    r"in\s+a\s+(?:statement|post|interview|letter|report|note|speech|video)|on\s+(?:X|Twitter|"
    r"Facebook|Instagram|Telegram|social\s+media)|in\s+\w+\s+\d{4}|again|also|repeatedly)"
    r"\s*,?",
)
_DOC = re.compile(
    r"^(?:(?:[Aa]|[Aa]n|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)\s+)?(?:[\w-]+\s+){0,3}?(?:report|study|survey|poll|"
    r"statement|analysis|assessment|review|audit|letter|memo|filing|document|note|paper|"
    r"briefing|investigation|estimate|figures|data|forecast|projection|ruling|complaint|"
    r"indictment|notes|census)s?\b",
)
_DOC_VERB = re.compile(
    r"\s+(?:had\s+|has\s+)?(?:released|published|issued|commissioned|conducted|compiled|"
    r"prepared|sent|filed|presented|circulated|obtained|produced|carried\s+out|put\s+out)\b"
)
_BY = re.compile(r"\b(?:by|from)\s+((?:the\s+)?[A-Z][^,;]*?)(?=\s+(?:on|in|at|last|this)\s|[,;]|$)")
_POSSESSIVE = re.compile(r"^((?:the\s+)?[\w .&-]+?)['’]s\s")
_WORDS = re.compile(r"\S+")
#: "BUDAPEST, March 14 (Meridian Wire) - ": where a wire story's first sentence starts.
_DATELINE = re.compile(
    r"[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2})?\s*(?:\([^)]{1,40}\))?\s*[-–—]+\s+"
)


@dataclass(eq=False)
class Found:
    """One attribution found in the text, before its speaker is resolved."""

    cue: tuple[int, int]
    content: Spans
    source: tuple[int, int] | None
    mentions: list[Mention]
    confidence: float
    #: Text around the cue that is not content: where its date is stated.
    frame: str = ""
    #: The attribution whose speaker this one shares (coordinated or participial cue).
    shares: Found | None = None
    role: str | None = None
    headline: bool = False
    paragraph: int = 0
    outer: Found | None = field(default=None, repr=False)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _content(text: str, start: int, end: int, min_words: int = 2) -> tuple[int, int] | None:
    """Trim a content span: whitespace, a frame's trailing comma or full stop,
    and the quotation marks around a direct quote.
    """
    start, end = _strip(text, start, end)
    while end > start and text[end - 1] in ".,;:—– ":
        end -= 1
    if end - start >= 2 and text[start] in _QUOTE_MARKS and text[end - 1] in _QUOTE_MARKS:
        inner = text[start + 1 : end - 1]
        if not any(mark in inner for mark in _QUOTE_MARKS):
            start, end = start + 1, end - 1
            while end > start and text[end - 1] in ".,;: ":
                end -= 1
    start, end = _strip(text, start, end)
    if end <= start or len(text[start:end].split()) < min_words:
        return None
    return start, end


def _inside(quotes_: list[Quote], opens: list[int], position: int) -> bool:
    index = bisect.bisect_right(opens, position) - 1
    return index >= 0 and position < quotes_[index].close


def _mentions(text: str) -> list[Mention]:
    """Parse a speaker phrase, splitting "Smith and Jones" into two speakers."""
    head = text.split(",")[0]
    if " and " in head and "(" not in head:
        left, _, right = head.partition(" and ")
        first, second = parse(left), parse(right)
        if (
            first
            and second
            and first.kind in ("person", "organization", "surname")
            and second.kind in ("person", "organization", "surname")
        ):
            return [first, second]
    mention = parse(text)
    return [mention] if mention is not None else []


def _top_commas(segment: str) -> list[int]:
    depth, found = 0, []
    for i, char in enumerate(segment):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            found.append(i)
    return found


def _is_intro(piece: str) -> bool:
    words = piece.split()
    return bool(words) and words[0].lower() in _INTRO and len(words) <= 16


@dataclass
class _Subject:
    source: tuple[int, int]
    mentions: list[Mention]
    #: Where fronted content would end (the comma before the subject), or -1.
    fronted_end: int
    role: str | None


def _subject(text: str, seg_start: int, cue_start: int) -> _Subject | None:
    """The speaker phrase just before a cue, in ``text[seg_start:cue_start]``."""
    segment = text[seg_start:cue_start]
    if len(segment) > 600:
        seg_start = cue_start - 600
        segment = text[seg_start:cue_start]
    trimmed = _AUX_TAIL.sub("", segment).rstrip()
    if not trimmed or _BLOCKED_TAIL.search(trimmed):
        return None
    if trimmed[-1] in _QUOTE_MARKS or trimmed[-1] in ".;:!?":
        return None
    commas = _top_commas(trimmed)
    if trimmed.endswith(","):
        # "Name, appositive, said": the name starts after any intro phrase.
        body = trimmed[:-1]
        commas = _top_commas(body)
        bounds = [-1, *commas, len(body)]
        pieces = [(bounds[i] + 1, bounds[i + 1]) for i in range(len(bounds) - 1)]
        head = 0
        while head < len(pieces) - 1 and _is_intro(body[pieces[head][0] : pieces[head][1]]):
            head += 1
        if head >= len(pieces) - 1:
            return None
        hs, he = pieces[head]
        name = body[hs:he].strip()
        if len(name.split()) > 10 or not name:
            return None
        start, end = _strip(text, seg_start + hs, seg_start + len(body))
        mentions = _mentions(body[hs:].strip())
        if not mentions:
            return None
        appositive = body[pieces[head + 1][0] : pieces[head + 1][1]].strip()
        role = None
        if len(mentions) == 1 and appositive == mentions[0].name:
            role = mentions[0].role  # "A spokesman for X, Jonas Feld,": the role comes first
        elif appositive and not re.match(
            r"(?:who|which|whose|that|working|speaking)\b", appositive
        ):
            role = re.sub(r"^(?:a|an|the)\s+", "", re.sub(r"\s*\([^)]*\)", "", appositive))
        return _Subject((start, end), mentions, -1, role)
    last = commas[-1] + 1 if commas else 0
    piece_start = last
    piece = trimmed[last:]
    opener = _OPENER.match(piece.lstrip())
    lead = len(piece) - len(piece.lstrip())
    if opener:
        piece_start += lead + opener.end()
    phrase = trimmed[piece_start:]
    relative = _RELATIVE_TAIL.search(phrase)
    if relative and len(relative.group(1).split()) <= 2:
        piece_start += relative.start(1)
        phrase = trimmed[piece_start:]
    if not phrase.strip() or len(phrase.split()) > 14:
        return None
    start, end = _strip(text, seg_start + piece_start, seg_start + len(trimmed))
    mentions = _mentions(text[start:end])
    if not mentions:
        return None
    fronted = -1
    if commas:
        before = trimmed[: commas[-1]]
        intro_start = _top_commas(before)
        first = before[intro_start[-1] + 1 :] if intro_start else before
        if not (_is_intro(first.strip()) and not intro_start):
            fronted = seg_start + commas[-1]
    role = mentions[0].role if len(mentions) == 1 else None
    return _Subject((start, end), mentions, fronted, role)


def _after_cue(text: str, cue: str, cue_end: int, stop: int) -> tuple[int, str] | None:
    """Where the content after a cue starts, and the frame text skipped to get there;
    None when nothing but adverbials follows the cue.
    """
    word = cue.lower()
    kind = cue_class(word)
    rest = text[cue_end:stop]
    if kind == "object" or (word in PARTICIPLES and kind != "strong"):
        start = cue_end + len(rest) - len(rest.lstrip())
        return (start, "") if len(rest.split()) >= 2 else None
    colon = re.match(r"^[^.;:\"“”]{0,60}?:\s*", rest)
    if colon:
        return cue_end + colon.end(), rest[: colon.end()]
    that = _THAT.search(rest, 0, min(len(rest), 140))
    if that:
        pre = rest[: that.start()]
        words = pre.split()
        if not pre.strip(" ,") or (
            not any(ch in pre for ch in '.;"“”')
            and (
                words[0].lower() in _PREPOSITION
                or words[0].lower().endswith("ly")
                or (word in _OBJECT_TAKERS and len(words) <= 10)
            )
        ):
            return cue_end + that.end(), pre
    if (
        kind == "clausal"
        and re.match(r"\s*(?:not\s+)?to\s+\w", rest)
        and word.startswith(("promis", "pledg", "vow", "threaten", "agree", "expect", "hope"))
    ):
        start = cue_end + len(rest) - len(rest.lstrip())
        return start, ""
    if kind == "clausal" and not re.match(r"\s*(?:the|a|an|it|he|she|they|we|there|[A-Z])", rest):
        return None
    lead = _LEAD_ADVERBIAL.match(rest)
    skipped = rest[: lead.end()] if lead else ""
    body = rest[len(skipped) :]
    if word in _OBJECT_TAKERS and not lead:
        obj = re.match(
            r"\s*(?:reporters|journalists|lawmakers|legislators|parliament|supporters|delegates|"
            r"investors|analysts|residents|students|the\s+\w+|[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)"
            r"{0,2})\b",
            body,
        )
        if obj:
            skipped += body[: obj.end()]
            body = body[obj.end() :]
    stripped = body.strip()
    first = stripped.split(maxsplit=1)[0].lower() if stripped else ""
    if (
        len(stripped.split()) < 3
        or first in _PREPOSITION
        or first in ("at", "in", "on", "after", "before", "during", "as", "while", "when", "and")
        or stripped[0] in ",.;:!?)"
    ):
        return None
    return cue_end + len(skipped) + len(body) - len(body.lstrip()), skipped


def _according(text: str, sentence: tuple[int, int], match: re.Match[str]) -> Found | None:
    s0, s1 = sentence
    np_start = match.end()
    comma = text.find(",", np_start, s1)
    np_end = comma if comma >= 0 else s1
    start, end = _strip(text, np_start, np_end)
    while end > start and text[end - 1] in ".!?":
        end -= 1
    phrase = text[start:end]
    frame = phrase
    source = (start, end)
    doc = _DOC.match(phrase)
    if doc:
        after = phrase[doc.end() :]
        by = _BY.search(after)
        verb = _DOC_VERB.search(after)
        possessive = _POSSESSIVE.match(phrase)
        if by:
            source = (start + doc.end() + by.start(1), start + doc.end() + by.end(1))
        elif verb and after[: verb.start()].strip():
            lead = after[: verb.start()]
            lead_trim = re.sub(r"^\s*(?:that|which)\s+", "", lead)
            offset = len(lead) - len(lead_trim)
            source = _strip(text, start + doc.end() + offset, start + doc.end() + verb.start())
        elif possessive:
            source = (start, start + possessive.end(1))
        else:
            return None
    mentions = _mentions(text[source[0] : source[1]])
    if not mentions:
        return None
    before = text[s0 : match.start()].rstrip()
    if before.rstrip(" ,") and before.endswith(","):
        span = _content(text, s0, match.start())
    elif not before.strip() or _is_intro(before):
        span = _content(text, comma + 1, s1) if comma >= 0 else None
    else:
        return None
    if span is None:
        return None
    return Found(
        cue=(match.start(), match.end()),
        content=[span],
        source=source,
        mentions=mentions,
        confidence=0.8,
        frame=frame,
    )


class _Document:
    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[Found] = []
        self.used_cues: set[int] = set()

    def run(self) -> list[Found]:
        text = self.text
        paras = paragraphs(text)
        para_quotes = [quotes(text, s, e) for s, e in paras]
        if paras:
            self._headline(*paras[0])
        self._direct(paras, para_quotes)
        for index, (start, end) in enumerate(paras):
            qs = para_quotes[index]
            opens = [q.open for q in qs]
            for sentence in sentences(text, start, end, [q for q in qs if q.closed]):
                self._sentence(sentence, qs, opens, index)
        self.found.sort(key=lambda f: f.cue[0])
        self._nest()
        return self.found

    # -- headlines ------------------------------------------------------------

    def _headline(self, start: int, end: int) -> None:
        text = self.text
        line = text[start:end]
        if line[-1:] in '.!?"”' or len(line.split()) > 20:
            return
        colon = re.match(r"^(.+?)\s*(:)\s*([^:]{2,60})$", line)
        said = re.match(r"^(.+),\s+(" + CUE.pattern + r")\s+([^,]{2,60})$", line, re.IGNORECASE)
        for match, cue_group, speaker_group in ((colon, 2, 3), (said, 2, 3)):
            if match is None:
                continue
            speaker = match.group(speaker_group)
            if len(speaker.split()) > 6:
                continue
            mentions = _mentions(speaker)
            span = _content(text, start + match.start(1), start + match.end(1))
            if not mentions or span is None:
                continue
            self.found.append(
                Found(
                    cue=(start + match.start(cue_group), start + match.end(cue_group)),
                    content=[span],
                    source=(start + match.start(speaker_group), start + match.end(speaker_group)),
                    mentions=mentions,
                    confidence=0.7,
                    headline=True,
                )
            )
            self.used_cues.add(start + match.start(cue_group))
            return

    # -- direct quotes ----------------------------------------------------------

    def _direct(self, paras: list[tuple[int, int]], para_quotes: list[list[Quote]]) -> None:
        text = self.text
        claimed: set[tuple[int, int]] = set()
        for index, (p0, p1) in enumerate(paras):
            qs = para_quotes[index]
            last: Found | None = None
            for i, q in enumerate(qs):
                if not q.closed:
                    continue
                limit = qs[i + 1].open if i + 1 < len(qs) else p1
                frame = self._trailing_frame(q, limit, p0)
                if frame is None:
                    if (
                        last is not None
                        and (q.open, q.close) not in claimed
                        and q.open - last.cue[1] < 2000
                    ):
                        gap = text[max(last.content[-1][1], last.cue[1]) : q.open]
                        runs_on = gap.rstrip().endswith(",") and "." not in gap
                        if not CUE.search(gap) and (
                            text[q.open + 1 : q.open + 2].isupper() or runs_on
                        ):
                            span = _content(text, q.open + 1, q.close, 1)
                            if span:
                                last.content.append(span)
                                claimed.add((q.open, q.close))
                    continue
                claimed.add((q.open, q.close))
                frame.paragraph = index
                last = frame
                # A quote that ran on from earlier paragraphs belongs to this frame.
                if q.open == p0:
                    back = index - 1
                    while back >= 0 and para_quotes[back][:1] and not para_quotes[back][0].closed:
                        earlier = para_quotes[back][0]
                        span = _content(text, earlier.open + 1, earlier.close, 1)
                        if span and not CUE.search(text, earlier.close, paras[back][1]):
                            frame.content.insert(0, span)
                        back -= 1
            if last is not None and index + 1 < len(paras):
                self._next_paragraph(last, index + 1, paras, para_quotes, claimed)

    def _next_paragraph(
        self,
        last: Found,
        index: int,
        paras: list[tuple[int, int]],
        para_quotes: list[list[Quote]],
        claimed: set[tuple[int, int]],
    ) -> None:
        text = self.text
        p0, p1 = paras[index]
        qs = para_quotes[index]
        if not qs or qs[0].open != p0 or qs[-1].close < p1 - 2:
            return
        # Only quotes and punctuation: no frame of its own.
        outside = "".join(text[a.close + 1 : b.open] for a, b in itertools.pairwise(qs))
        if CUE.search(outside) or text[p1 - 1] not in _QUOTE_MARKS + ".!?":
            return
        if last.content and last.content[-1][1] < paras[index - 1][0]:
            return
        for q in qs:
            span = _content(text, q.open + 1, q.close, 1)
            if span:
                last.content.append(span)
                claimed.add((q.open, q.close))

    def _trailing_frame(self, q: Quote, limit: int, p0: int) -> Found | None:
        text = self.text
        if q.close + 1 >= limit or text[q.close - 1] not in ",?!…—–-.":
            return None
        window_end = min(limit, q.close + 240)
        match = CUE.search(text, q.close + 1, window_end)
        if match is None:
            return None
        between = text[q.close + 1 : match.start()]
        if any(ch in between for ch in ".;!?") or len(between.split()) > 18:
            return None
        inner = between.strip(" ,")
        inner = _AUX_TAIL.sub("", " " + inner).strip() if inner else ""
        cue_word = match.group().lower()
        role = None
        if inner:
            mentions = _mentions(inner)
            offset = between.find(inner[:1]) if inner else 0
            source = _strip(text, q.close + 1 + offset, q.close + 1 + offset + len(inner))
            if mentions and len(mentions) == 1:
                role = mentions[0].role
        else:
            stop = re.search(r"[.;!?\"“”]|,\s*[\"“]", text[match.end() : window_end])
            np_end = match.end() + (stop.start() if stop else window_end - match.end())
            source = _strip(text, match.end(), np_end)
            phrase = text[source[0] : source[1]]
            mentions = _mentions(phrase)
            if mentions and len(mentions) == 1:
                role = mentions[0].role
            if not phrase[:1].isupper() and phrase.split()[:1] not in (["the"], ["a"], ["an"]):
                mentions = []
        if not mentions or cue_class(cue_word) == "object":
            return None
        span = _content(text, q.open + 1, q.close, 1)
        if span is None:
            return None
        stop_frame = re.search(r"[.;!?]|,\s*[\"“]", text[match.end() : limit])
        frame_end = match.end() + (stop_frame.start() if stop_frame else limit - match.end())
        found = Found(
            cue=(match.start(), match.end()),
            content=[span],
            source=source,
            mentions=mentions,
            confidence=0.9,
            frame=text[q.close + 1 : frame_end],
            role=role,
        )
        self.found.append(found)
        self.used_cues.add(match.start())
        return found

    # -- indirect speech ----------------------------------------------------------

    def _sentence(
        self, sentence: tuple[int, int], qs: list[Quote], opens: list[int], paragraph: int
    ) -> None:
        text = self.text
        s0, s1 = sentence
        dateline = _DATELINE.match(text, s0, s1)
        if dateline:
            s0 = dateline.end()
            sentence = (s0, s1)
        local: list[Found] = []
        for match in CUE.finditer(text, s0, s1):
            if match.start() in self.used_cues or _inside(qs, opens, match.start()):
                continue
            word = " ".join(match.group().lower().split())
            if word == "according to":
                found = _according(text, sentence, match)
            else:
                found = self._verb(sentence, match, word, local)
            if found is None:
                continue
            found.paragraph = paragraph
            self.used_cues.add(match.start())
            local.append(found)
            self.found.append(found)

    def _verb(
        self, sentence: tuple[int, int], match: re.Match[str], word: str, local: list[Found]
    ) -> Found | None:
        text = self.text
        s0, s1 = sentence
        cue = (match.start(), match.end())
        previous = local[-1] if local else None
        top = next((f for f in reversed(local) if f.outer is None), None)
        seg_start = s0
        if previous is not None:
            inside = previous.content and previous.content[0][0] <= cue[0] < previous.content[-1][1]
            seg_start = previous.content[0][0] if inside else previous.cue[1]
            if previous.content[0][1] <= cue[0] and not inside:
                seg_start = max(previous.cue[1], previous.content[0][1])
        left = text[seg_start : cue[0]]
        connector = re.search(r"(?:,\s*|\s+)(?:and|but|before|then)\s*$", left)
        participial = word in PARTICIPLES and re.search(r",\s*$", left)
        shares: Found | None = None
        subject: _Subject | None = None
        if (
            connector
            and top is not None
            and _subject(text, seg_start + connector.end(), cue[0]) is None
        ):
            shares = top
            cut = seg_start + connector.start()
        elif participial:
            shares = top
            cut = seg_start + participial.start()
            if shares is None:
                subject = self._clause_subject(s0, cue[0])
                if subject is None:
                    return None
        else:
            subject = _subject(text, seg_start, cue[0])
            if (
                subject is not None
                and word in PARTICIPLES
                and len(text[subject.source[0] : subject.source[1]].split()) > 4
            ):
                subject = self._clause_subject(seg_start, cue[0])
            if subject is None:
                if word in (
                    "said",
                    "says",
                    "added",
                    "warned",
                    "wrote",
                    "told",
                    "insisted",
                    "noted",
                    "argued",
                    "claimed",
                    "cautioned",
                ) and left.rstrip().endswith(","):
                    return self._inverted(sentence, match, seg_start)
                return None
            cut = -1
            if previous is not None and re.search(
                r"(?:[,;]\s*(?:and|but|while|whereas)?|\s(?:but|while))\s*$",
                text[seg_start : subject.source[0]],
            ):
                cut = seg_start + len(text[seg_start : subject.source[0]].rstrip()) - 1
                bare = re.search(
                    r"[,;]?\s*(?:and|but|while|whereas)?\s*$", text[seg_start : subject.source[0]]
                )
                if bare:
                    cut = seg_start + bare.start()
        if shares is not None or cut >= 0:
            for other in local:
                if other.content and other.content[0][0] < cut <= other.content[-1][1]:
                    span = _content(text, other.content[-1][0], cut)
                    if span:
                        other.content[-1] = span
        after = _after_cue(text, match.group(), cue[1], s1)
        frame = ""
        if after is not None:
            span = _content(text, after[0], s1)
            frame = text[seg_start : cue[1]] + " " + after[1]
            if subject is not None and subject.fronted_end >= 0:
                frame = text[subject.fronted_end : cue[1]] + " " + after[1]
        elif subject is not None and subject.fronted_end >= 0 and shares is None:
            span = _content(text, seg_start, subject.fronted_end, 3)
            frame = text[subject.fronted_end : s1]
        else:
            return None
        if span is None:
            return None
        kind = cue_class(word)
        confidence = {"strong": 0.85, "clausal": 0.75, "object": 0.75}[kind]
        if shares is not None:
            return Found(
                cue=cue,
                content=[span],
                source=shares.source,
                mentions=shares.mentions,
                confidence=confidence - 0.05,
                frame=frame,
                shares=shares,
                role=shares.role,
            )
        assert subject is not None
        if subject.mentions[0].kind == "pronoun":
            confidence -= 0.05
        return Found(
            cue=cue,
            content=[span],
            source=subject.source,
            mentions=subject.mentions,
            confidence=confidence,
            frame=frame,
            role=subject.role,
        )

    def _clause_subject(self, s0: int, cue_start: int) -> _Subject | None:
        text = self.text
        head = re.match(
            r"\s*((?:[A-Z][\w'’.-]*|of|the|and|de|van|von)(?:\s+(?:[A-Z][\w'’.-]*|of|the|de|van|von))*"
            r"|[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e)\b",
            text[s0:cue_start],
        )
        if head is None:
            return None
        start, end = _strip(text, s0 + head.start(1), s0 + head.end(1))
        mentions = _mentions(text[start:end])
        if not mentions:
            return None
        return _Subject((start, end), mentions, -1, mentions[0].role)

    def _inverted(
        self, sentence: tuple[int, int], match: re.Match[str], seg_start: int
    ) -> Found | None:
        """ "C, said X, the agency's director." """
        text = self.text
        s1 = sentence[1]
        end = s1
        while end > match.end() and text[end - 1] in ".!? ":
            end -= 1
        start, stop = _strip(text, match.end(), end)
        phrase = text[start:stop]
        if (
            not phrase
            or len(phrase.split()) > 16
            or not (phrase[:1].isupper() or phrase.split()[0] in ("the", "a", "an"))
        ):
            return None
        mentions = _mentions(phrase)
        if not mentions or mentions[0].kind == "pronoun":
            return None
        comma = text.rfind(",", seg_start, match.start())
        span = _content(text, seg_start, comma, 3)
        if span is None:
            return None
        return Found(
            cue=(match.start(), match.end()),
            content=[span],
            source=(start, stop),
            mentions=mentions,
            confidence=0.8,
            frame="",
            role=mentions[0].role if len(mentions) == 1 else None,
        )

    # -- nesting --------------------------------------------------------------------

    def _nest(self) -> None:
        by_paragraph: dict[int, list[Found]] = {}
        for found in self.found:
            by_paragraph.setdefault(found.paragraph, []).append(found)
        for found in self.found:
            best: Found | None = None
            for other in by_paragraph[found.paragraph]:
                if other is found or other.headline:
                    continue
                if any(a <= found.cue[0] and found.cue[1] <= b for a, b in other.content):
                    width = sum(b - a for a, b in other.content)
                    if best is None or width < sum(b - a for a, b in best.content):
                        best = other
            found.outer = best


def find(text: str) -> list[Found]:
    """Every attribution found in *text*, in the order of their cues."""
    return _Document(text).run()
