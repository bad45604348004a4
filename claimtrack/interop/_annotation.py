"""W3C Web Annotation: anchors as position and quote selectors, and re-anchoring.

Offsets count Unicode code points, as Python indexes ``str`` (an emoji outside
the Basic Multilingual Plane is one position, a combining accent is one more).
Tools that count UTF-16 units (JavaScript) must convert.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from claimtrack._claim import Anchor, Appearance, Claim, Span
from claimtrack._ledger import Ledger
from claimtrack.exceptions import Problem, ValidationError
from claimtrack.interop._common import URN, as_list, jpath

#: The Web Annotation JSON-LD context, and claimtrack's ``role`` term (which
#: part of an attribution a target is: content, cue or speaker).
CONTEXT: list[Any] = [
    "http://www.w3.org/ns/anno.jsonld",
    {"role": "https://claimtrack.readthedocs.io/vocab#role"},
]
#: How many code points of context a quote selector keeps on each side.
CONTEXT_LENGTH = 32

_ROLES = ("content", "cue", "speaker")


def _parts(anchor: Anchor) -> Iterator[tuple[str, Span]]:
    for span in anchor.content:
        yield "content", span
    if anchor.cue is not None:
        yield "cue", anchor.cue
    if anchor.speaker is not None:
        yield "speaker", anchor.speaker


def _check_fits(anchor: Anchor, text: str, what: str) -> None:
    for role, span in _parts(anchor):
        if span.end > len(text):
            raise ValidationError(
                f"the {role} span {span.start}..{span.end} runs past the end of {what} "
                f"({len(text)} code points)",
                field="anchor",
                value=span,
            )


def quote_selector(text: str, span: Span) -> dict[str, Any]:
    """A ``TextQuoteSelector`` for *span* of *text*: exact text, with up to
    :data:`CONTEXT_LENGTH` code points of prefix and suffix.
    """
    selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": span.of(text)}
    prefix = text[max(0, span.start - CONTEXT_LENGTH) : span.start]
    suffix = text[span.end : span.end + CONTEXT_LENGTH]
    if prefix:
        selector["prefix"] = prefix
    if suffix:
        selector["suffix"] = suffix
    return selector


def to_annotation(
    appearance: Appearance, text: str | None = None, *, claim: Claim | None = None
) -> dict[str, Any]:
    """The anchor of *appearance* as a W3C Web Annotation.

    Each span becomes one target (a ``SpecificResource`` on the appearance's
    source, with ``role`` content, cue or speaker) with a
    ``TextPositionSelector`` and, when the source's *text* is given, a
    ``TextQuoteSelector`` as well. With *claim*, the annotation's body names
    the claim (its text and ``urn:claimtrack:`` id).

    Raises:
        ValidationError: the appearance has no anchor, or a span runs past *text*.
    """
    anchor = appearance.anchor
    if anchor is None:
        raise ValidationError("the appearance has no 'anchor' to export", field="anchor")
    if text is not None:
        _check_fits(anchor, text, "the text")
    source = appearance.source
    reference = source.url if source.url is not None else URN + source.id
    targets = []
    for role, span in _parts(anchor):
        selectors: list[dict[str, Any]] = [
            {"type": "TextPositionSelector", "start": span.start, "end": span.end}
        ]
        if text is not None:
            selectors.append(quote_selector(text, span))
        targets.append(
            {"type": "SpecificResource", "source": reference, "role": role, "selector": selectors}
        )
    annotation: dict[str, Any] = {"@context": CONTEXT, "type": "Annotation"}
    if claim is not None:
        annotation["id"] = f"{URN}{claim.id}:{source.id}"
    annotation["motivation"] = "identifying"
    if claim is not None:
        annotation["body"] = [
            {
                "type": "TextualBody",
                "value": claim.text,
                "format": "text/plain",
                "purpose": "describing",
            },
            {"id": URN + claim.id, "purpose": "identifying"},
        ]
    if appearance.attributed_by is not None:
        annotation["creator"] = {"name": appearance.attributed_by}
    annotation["target"] = targets
    return annotation


def to_annotations(ledger: Ledger, texts: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Every anchored appearance in *ledger* as a Web Annotation, claim by claim.

    *texts* maps a source id to the source's text; sources with a text get
    quote selectors too.
    """
    texts = texts or {}
    return [
        to_annotation(appearance, texts.get(appearance.source.id), claim=claim)
        for claim in ledger.claims
        for appearance in claim.appearances
        if appearance.anchor is not None
    ]


def _fail(path: str, message: str) -> ValidationError:
    return ValidationError([Problem(path, message)])


def _selectors(
    target: Mapping[str, Any], path: str
) -> tuple[dict[str, int] | None, dict[str, str] | None]:
    position: dict[str, int] | None = None
    quote: dict[str, str] | None = None
    for index, selector in enumerate(as_list(target.get("selector"))):
        where = jpath(jpath(path, "selector"), index)
        if not isinstance(selector, Mapping):
            raise _fail(where, f"a selector must be an object (got {selector!r:.60})")
        kind = selector.get("type")
        if kind == "TextPositionSelector":
            start, end = selector.get("start"), selector.get("end")
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
                raise _fail(where, f"'start' and 'end' must be integers (got {start!r}, {end!r})")
            assert isinstance(start, int)
            assert isinstance(end, int)
            position = {"start": start, "end": end}
        elif kind == "TextQuoteSelector":
            exact = selector.get("exact")
            prefix, suffix = selector.get("prefix", ""), selector.get("suffix", "")
            if not isinstance(exact, str) or not exact:
                raise _fail(where, f"'exact' must be non-empty text (got {exact!r:.60})")
            if not isinstance(prefix, str) or not isinstance(suffix, str):
                raise _fail(where, "'prefix' and 'suffix' must be text")
            quote = {"exact": exact, "prefix": prefix, "suffix": suffix}
    return position, quote


def _span(start: int, end: int, path: str) -> Span:
    try:
        return Span(start, end)
    except ValidationError as exc:
        raise _fail(path, exc.message) from None


def from_annotation(annotation: Mapping[str, Any], text: str | None = None) -> Anchor:
    """Read the anchor back from a Web Annotation made by :func:`to_annotation`
    (or any annotation whose targets carry these selectors).

    Without *text*, the position selectors are taken as they are. With the
    source's *text*, each position is checked against its quote; where they
    disagree (the text was edited) the span is found again by its quote, as
    :func:`reanchor` does. A target without a ``role`` is content.

    Raises:
        ValidationError: the annotation has no usable selector, or, with
            *text*, a quoted passage is no longer in it. Each problem names its
            JSON path.
    """
    if not isinstance(annotation, Mapping):
        raise _fail("$", f"an annotation must be a JSON object (got {type(annotation).__name__})")
    targets = as_list(annotation.get("target"))
    if not targets:
        raise _fail("$.target", "the annotation has no target")
    spans: dict[str, list[Span]] = {role: [] for role in _ROLES}
    for index, target in enumerate(targets):
        path = (
            jpath("$.target", index) if isinstance(annotation.get("target"), list) else "$.target"
        )
        if not isinstance(target, Mapping):
            raise _fail(path, "the target names a whole resource; a text selector is needed")
        role = target.get("role", "content")
        if role not in _ROLES:
            raise _fail(
                jpath(path, "role"), f"'role' must be one of {', '.join(_ROLES)} (got {role!r:.40})"
            )
        position, quote = _selectors(target, path)
        where = jpath(path, "selector")
        if text is None:
            if position is None:
                raise _fail(where, "no TextPositionSelector, and no text to find the quote in")
            spans[role].append(_span(position["start"], position["end"], where))
            continue
        if (
            position is not None
            and position["end"] <= len(text)
            and (quote is None or text[position["start"] : position["end"]] == quote["exact"])
        ):
            spans[role].append(_span(position["start"], position["end"], where))
            continue
        if quote is None:
            raise _fail(
                where,
                f"the position {position} does not fit the text, and there is no "
                "quote to find it by",
            )
        hint = position["start"] if position is not None else 0
        start = locate(text, quote["exact"], quote["prefix"], quote["suffix"], hint)
        if start is None:
            raise _fail(where, f"the quoted text {quote['exact']!r:.60} is not in the text")
        spans[role].append(Span(start, start + len(quote["exact"])))
    for role in ("cue", "speaker"):
        if len(spans[role]) > 1:
            raise _fail(
                "$.target", f"an anchor has at most one {role} span (got {len(spans[role])})"
            )
    if not spans["content"]:
        raise _fail("$.target", "the annotation has no content target")
    try:
        return Anchor(
            content=tuple(sorted(spans["content"], key=lambda s: s.start)),
            cue=spans["cue"][0] if spans["cue"] else None,
            speaker=spans["speaker"][0] if spans["speaker"] else None,
        )
    except ValidationError as exc:
        raise _fail("$.target", exc.message) from None


def _extends_cluster(char: str) -> bool:
    """Whether *char* continues the character before it (a combining mark, a
    joiner, a variation selector or an emoji modifier).
    """
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me")
        or char in ("\u200d", "\u200c")
        or "\U0001f3fb" <= char <= "\U0001f3ff"
    )


def _on_boundaries(text: str, start: int, end: int) -> bool:
    if (
        start < len(text)
        and start > 0
        and (_extends_cluster(text[start]) or text[start - 1] == "\u200d")
    ):
        return False
    return not (end < len(text) and (_extends_cluster(text[end]) or text[end - 1] == "\u200d"))


def _common_tail(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_head(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def locate(text: str, exact: str, prefix: str = "", suffix: str = "", hint: int = 0) -> int | None:
    """Where *exact* starts in *text*, as a quote selector finds it; None when
    it is not there.

    Every occurrence that does not split a character from its combining marks
    is a candidate; the one whose surroundings best match *prefix* and
    *suffix* wins, and among equals the one nearest *hint*.
    """
    if prefix or suffix:
        # Fast path: the quote with all its context, once, is the best match.
        whole = prefix + exact + suffix
        at = text.find(whole)
        if at != -1 and text.find(whole, at + 1) == -1:
            start = at + len(prefix)
            if _on_boundaries(text, start, start + len(exact)):
                return start
    best: tuple[int, int] | None = None
    found: int | None = None
    start = text.find(exact)
    while start != -1:
        end = start + len(exact)
        if _on_boundaries(text, start, end):
            # Whole-context matches are common and cheap to confirm.
            if text.startswith(prefix, start - len(prefix)) and start >= len(prefix):
                before = len(prefix)
            else:
                before = _common_tail(prefix, text[max(0, start - len(prefix)) : start])
            if text.startswith(suffix, end):
                after = len(suffix)
            else:
                after = _common_head(suffix, text[end : end + len(suffix)])
            context = before + after
            key = (context, -abs(start - hint))
            if best is None or key > best:
                best, found = key, start
        start = text.find(exact, start + 1)
    return found


def reanchor(anchor: Anchor, old_text: str, new_text: str) -> Anchor | None:
    """Move *anchor* from *old_text* to an edited *new_text*.

    Each span is found again by its quote (its exact text, with the text before
    and after it as context), as a Web Annotation quote selector would be.
    Returns None, never a guess, when any quoted passage is gone from
    *new_text* or the spans no longer make a valid anchor.

    Raises:
        ValidationError: the anchor does not fit *old_text*.
    """
    _check_fits(anchor, old_text, "the old text")
    if old_text == new_text:
        return anchor
    shift = len(new_text) - len(old_text)
    moved: dict[str, list[Span]] = {role: [] for role in _ROLES}
    for role, span in _parts(anchor):
        selector = quote_selector(old_text, span)
        hint = span.start if span.start < len(new_text) else span.start + shift
        start = locate(
            new_text,
            selector["exact"],
            selector.get("prefix", ""),
            selector.get("suffix", ""),
            hint,
        )
        if start is None:
            return None
        moved[role].append(Span(start, start + span.end - span.start))
    try:
        return Anchor(
            content=tuple(moved["content"]),
            cue=moved["cue"][0] if moved["cue"] else None,
            speaker=moved["speaker"][0] if moved["speaker"] else None,
        )
    except ValidationError:
        return None
