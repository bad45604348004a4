"""Tests for claimtrack.interop.annotation: Web Annotation selectors and re-anchoring."""

from __future__ import annotations

import argparse
import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from claimtrack import Anchor, Appearance, Claim, Ledger, Source, Span, Speaker, dumps
from claimtrack.exceptions import ValidationError
from claimtrack.interop import cli as interop_cli
from claimtrack.interop._annotation import _on_boundaries
from claimtrack.interop.annotation import (
    CONTEXT_LENGTH,
    from_annotation,
    locate,
    reanchor,
    to_annotation,
    to_annotations,
)

TEXT = (
    "PORT SELWYN — The harbour expansion \u201cwill create 5,000 jobs by 2027,\u201d "
    "Mayor Amara Okafor said on Tuesday, adding that the council had \u201cno doubt\u201d about it."
)


def span_of(text: str, part: str, start: int = 0) -> Span:
    at = text.index(part, start)
    return Span(at, at + len(part))


SOURCE = Source(url="https://courier.example/harbour", title="Harbour plan")
ANCHOR = Anchor(
    content=(span_of(TEXT, "will create 5,000 jobs by 2027"), span_of(TEXT, "no doubt")),
    cue=span_of(TEXT, "said"),
    speaker=span_of(TEXT, "Mayor Amara Okafor"),
)
APPEARANCE = Appearance(source=SOURCE, anchor=ANCHOR, attributed_by="claimtrack 0.1.0")
CLAIM = Claim(
    text="The harbour expansion will create 5,000 jobs by 2027.",
    speaker=Speaker(name="Amara Okafor"),
    appearances=[APPEARANCE],
)


def selectors(target: dict[str, object]) -> dict[str, dict[str, object]]:
    items = target["selector"]
    assert isinstance(items, list)
    return {s["type"]: s for s in items}


# -- export ------------------------------------------------------------------------


def test_to_annotation_has_position_and_quote_selectors() -> None:
    annotation = to_annotation(APPEARANCE, TEXT, claim=CLAIM)
    assert annotation["type"] == "Annotation"
    assert annotation["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert annotation["id"] == f"urn:claimtrack:{CLAIM.id}:{SOURCE.id}"
    assert annotation["body"][0]["value"] == CLAIM.text
    assert annotation["body"][1]["id"] == f"urn:claimtrack:{CLAIM.id}"
    assert annotation["creator"] == {"name": "claimtrack 0.1.0"}
    targets = annotation["target"]
    assert [t["role"] for t in targets] == ["content", "content", "cue", "speaker"]
    assert all(t["source"] == SOURCE.url for t in targets)
    first = selectors(targets[0])
    position, quote = first["TextPositionSelector"], first["TextQuoteSelector"]
    assert (position["start"], position["end"]) == (ANCHOR.content[0].start, ANCHOR.content[0].end)
    assert quote["exact"] == "will create 5,000 jobs by 2027"
    assert TEXT.endswith(quote["suffix"] + TEXT[ANCHOR.content[0].end + CONTEXT_LENGTH :])
    assert len(quote["prefix"]) == CONTEXT_LENGTH
    assert len(quote["suffix"]) == CONTEXT_LENGTH
    assert TEXT[: ANCHOR.content[0].start].endswith(quote["prefix"])


def test_to_annotation_without_text_has_positions_only() -> None:
    annotation = to_annotation(APPEARANCE)
    assert "body" not in annotation
    for target in annotation["target"]:
        assert set(selectors(target)) == {"TextPositionSelector"}
    assert from_annotation(annotation) == ANCHOR


def test_to_annotation_errors() -> None:
    with pytest.raises(ValidationError, match="no 'anchor'"):
        to_annotation(Appearance(source=SOURCE))
    with pytest.raises(ValidationError, match="runs past the end"):
        to_annotation(APPEARANCE, TEXT[:20])


def test_source_without_url_is_named_by_its_id() -> None:
    source = Source(publisher="Port Selwyn Council")
    annotation = to_annotation(Appearance(source=source, anchor=ANCHOR))
    assert annotation["target"][0]["source"] == f"urn:claimtrack:{source.id}"


# -- import ------------------------------------------------------------------------


def test_from_annotation_reads_back_and_relocates_by_quote() -> None:
    annotation = to_annotation(APPEARANCE, TEXT, claim=CLAIM)
    assert from_annotation(annotation, TEXT) == ANCHOR
    edited = "UPDATED 14:05. " + TEXT
    moved = from_annotation(annotation, edited)
    assert [s.of(edited) for s in moved.content] == [s.of(TEXT) for s in ANCHOR.content]
    assert moved.content[0].start == ANCHOR.content[0].start + len("UPDATED 14:05. ")
    with pytest.raises(ValidationError) as info:
        from_annotation(annotation, TEXT.replace("no doubt", "few doubts"))
    assert info.value.problems[0].path == "$.target[1].selector"


def test_from_annotation_reports_bad_input_with_paths() -> None:
    cases = [
        ({"target": []}, "$.target"),
        ({"target": "https://courier.example/harbour"}, "$.target"),
        (
            {"target": [{"selector": {"type": "TextPositionSelector", "start": "1", "end": 4}}]},
            "$.target[0].selector[0]",
        ),
        ({"target": [{"role": "headline", "selector": []}]}, "$.target[0].role"),
        (
            {"target": [{"selector": {"type": "TextPositionSelector", "start": 5, "end": 5}}]},
            "$.target[0].selector",
        ),
        (
            {"target": [{"selector": {"type": "TextQuoteSelector", "exact": "dam"}}]},
            "$.target[0].selector",
        ),  # a quote alone needs the text
        (
            {
                "target": [
                    {
                        "role": "cue",
                        "selector": {"type": "TextPositionSelector", "start": 1, "end": 2},
                    }
                ]
            },
            "$.target",
        ),  # no content
    ]
    for annotation, path in cases:
        with pytest.raises(ValidationError) as info:
            from_annotation(annotation)
        assert info.value.problems[0].path == path, annotation
    with pytest.raises(ValidationError):
        from_annotation([])  # type: ignore[arg-type]


# -- re-anchoring ----------------------------------------------------------------------


def test_reanchor_after_edits_around_the_quote() -> None:
    edited = TEXT.replace("PORT SELWYN — ", "PORT SELWYN (Reuters-style dateline) — ").replace(
        "on Tuesday", "on Tuesday evening"
    )
    moved = reanchor(ANCHOR, TEXT, edited)
    assert moved is not None
    assert moved.cue is not None
    assert moved.cue.of(edited) == "said"
    assert [s.of(edited) for s in moved.content] == [s.of(TEXT) for s in ANCHOR.content]
    assert reanchor(ANCHOR, TEXT, TEXT) is ANCHOR


def test_reanchor_returns_none_when_a_quote_is_gone() -> None:
    assert reanchor(ANCHOR, TEXT, TEXT.replace("5,000", "4,000")) is None
    assert reanchor(ANCHOR, TEXT, TEXT.replace("said", "claimed")) is None
    assert reanchor(ANCHOR, TEXT, "") is None
    with pytest.raises(ValidationError, match="old text"):
        reanchor(ANCHOR, TEXT[:10], TEXT)


def test_reanchor_picks_the_occurrence_with_matching_context() -> None:
    old = "Ruiz said no. Later Kovacs said yes, and Ruiz said maybe."
    anchor = Anchor(content=(span_of(old, "yes"),), cue=span_of(old, "said", 20))
    new = "Ruiz said no. Kovacs said yes. Ruiz said maybe. Then Kovacs said yes again."
    moved = reanchor(anchor, old, new)
    assert moved is not None
    assert moved.content[0] == span_of(new, "yes")
    assert moved.cue == span_of(new, "said", new.index("Kovacs"))


def test_emoji_outside_the_bmp_count_as_one_code_point() -> None:
    text = "Flood 🌊🌊 alert: \u201cthe levee 👩🏽\u200d⚕️ held\u201d, said Dr. Li Wei."
    anchor = Anchor(
        content=(span_of(text, "the levee 👩🏽\u200d⚕️ held"),), speaker=span_of(text, "Dr. Li Wei")
    )
    annotation = to_annotation(Appearance(source=SOURCE, anchor=anchor), text)
    position = selectors(annotation["target"][0])["TextPositionSelector"]
    assert position["start"] == 17  # code points: each 🌊 counts once
    assert len(text.encode("utf-16-le")) // 2 > len(text)  # UTF-16 would count more
    assert from_annotation(json.loads(json.dumps(annotation)), text) == anchor
    edited = "🌊🌊🌊 " + text
    moved = reanchor(anchor, text, edited)
    assert moved is not None
    assert moved.content[0].start == anchor.content[0].start + 4
    assert moved.content[0].of(edited) == anchor.content[0].of(text)


def test_combining_marks_are_not_split() -> None:
    plain = "The minister Jose Alvarez said the plan was final."
    decomposed = unicodedata.normalize("NFD", "The minister José Álvarez said the plan was final.")
    anchor = Anchor(content=(span_of(plain, "the plan was final"),), speaker=span_of(plain, "Jose"))
    # "Jose" appears in the decomposed text only as the start of "Jose\u0301":
    # taking it would cut the accent off, so the quote counts as gone.
    assert "Jose" in decomposed
    assert reanchor(anchor, plain, decomposed) is None
    assert locate(decomposed, "Jose") is None
    # Offsets count the combining accents as code points of their own.
    anchor = Anchor(content=(span_of(decomposed, "the plan was final"),))
    moved = reanchor(anchor, decomposed, "Update: " + decomposed)
    assert moved is not None
    assert moved.content[0].start == anchor.content[0].start + len("Update: ")


def test_right_to_left_text() -> None:
    arabic = "قالت الوزيرة ليلى حداد إن «السد آمن تماما» يوم الثلاثاء."
    anchor = Anchor(
        content=(span_of(arabic, "السد آمن تماما"),),
        cue=span_of(arabic, "قالت"),
        speaker=span_of(arabic, "ليلى حداد"),
    )
    annotation = to_annotation(Appearance(source=SOURCE, anchor=anchor), arabic)
    assert selectors(annotation["target"][0])["TextQuoteSelector"]["exact"] == "السد آمن تماما"
    assert from_annotation(annotation, arabic) == anchor
    hebrew = "עדכון: " + arabic
    moved = reanchor(anchor, arabic, hebrew)
    assert moved is not None
    assert [s.of(hebrew) for s in moved.content] == ["السد آمن تماما"]


# -- properties ------------------------------------------------------------------------

_letters = st.text(st.sampled_from(list("abc deé\u0301🌊👩\u200dقשΩ")), min_size=1, max_size=80)


@st.composite
def texts_with_anchors(draw: st.DrawFn) -> tuple[str, Anchor]:
    text = draw(_letters)
    cuts = sorted(draw(st.sets(st.integers(0, len(text)), min_size=2, max_size=6)))
    spans = [Span(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    cue = draw(st.none() | st.sampled_from(spans))
    return text, Anchor(content=spans, cue=cue)


@settings(max_examples=150, deadline=None)
@given(texts_with_anchors())
def test_annotation_round_trip(case: tuple[str, Anchor]) -> None:
    text, anchor = case
    annotation = json.loads(
        json.dumps(to_annotation(Appearance(source=SOURCE, anchor=anchor), text))
    )
    assert from_annotation(annotation, text) == anchor
    assert from_annotation(annotation) == anchor


_inserts = st.text(st.sampled_from(list("0123456789#§")), max_size=12)


@settings(max_examples=150, deadline=None)
@given(texts_with_anchors(), _inserts, _inserts)
def test_reanchor_keeps_quoted_text(case: tuple[str, Anchor], before: str, after: str) -> None:
    text, anchor = case
    new = before + text + after
    moved = reanchor(anchor, text, new)
    if moved is None:
        # Only when a span would start or end inside a cluster (a combining
        # mark, a joiner): a quote selector never cuts a character apart.
        parts = [*anchor.content, *([anchor.cue] if anchor.cue else [])]
        assert any(
            not _on_boundaries(new, s.start + len(before), s.end + len(before)) for s in parts
        )
        return
    assert [s.of(new) for s in moved.content] == [s.of(text) for s in anchor.content]
    if moved.cue is not None:
        assert anchor.cue is not None
        assert moved.cue.of(new) == anchor.cue.of(text)


@settings(max_examples=150, deadline=None)
@given(texts_with_anchors(), _inserts)
def test_reanchor_shifts_unique_quotes_exactly(case: tuple[str, Anchor], before: str) -> None:
    text, anchor = case
    assume(all(text.count(s.of(text)) == 1 for s in anchor.content))
    assume(anchor.cue is None)
    moved = reanchor(anchor, text, before + text)
    if moved is not None:
        assert moved.content == tuple(
            Span(s.start + len(before), s.end + len(before)) for s in anchor.content
        )


@settings(max_examples=100, deadline=None)
@given(texts_with_anchors())
def test_reanchor_never_guesses_a_deleted_quote(case: tuple[str, Anchor]) -> None:
    text, anchor = case
    gone = anchor.content[0].of(text)
    assert reanchor(anchor, text, text.replace(gone, "")) is None or gone in text.replace(gone, "")


# -- ledgers and the command line ------------------------------------------------------


def test_to_annotations_and_cli_export(tmp_path: Path) -> None:
    unanchored = Claim(
        text="Cargo fell by half.",
        speaker=Speaker(name="Ana Ruiz"),
        appearances=[Appearance(source=SOURCE)],
    )
    ledger = Ledger([CLAIM, unanchored])
    annotations = to_annotations(ledger, {SOURCE.id: TEXT})
    assert len(annotations) == 1
    assert "TextQuoteSelector" in selectors(annotations[0]["target"][0])

    ledger_file = tmp_path / "ledger.json"
    ledger_file.write_text(dumps(ledger), encoding="utf-8")
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / f"{SOURCE.id}.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "annotations.json"
    parser = argparse.ArgumentParser(prog="claimtrack")
    interop_cli.add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(
        [
            "export",
            str(ledger_file),
            "--format",
            "annotation",
            "--texts",
            str(texts),
            "-o",
            str(out),
        ]
    )
    assert args.handler(args) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == annotations


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-2, 40)
    | st.sampled_from(
        ["TextPositionSelector", "TextQuoteSelector", "content", "cue", "speaker", "said", ""]
    )
    | st.text(max_size=5)
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "target",
                    "selector",
                    "type",
                    "start",
                    "end",
                    "exact",
                    "prefix",
                    "suffix",
                    "role",
                    "source",
                ]
            ),
            inner,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.just("target"), _JSON, min_size=1), st.none() | st.just(TEXT))
def test_any_annotation_gives_an_anchor_or_a_clear_error(
    data: dict[str, object], text: str | None
) -> None:
    try:
        anchor = from_annotation(data, text)
    except ValidationError as exc:
        problems = exc.problems
        anchor = None
    if anchor is None:
        assert problems[0].path.startswith("$.target")
    else:
        assert isinstance(anchor, Anchor)
