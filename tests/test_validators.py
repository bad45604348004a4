"""Field validators: what each accepts and what it rejects, with attrs-style messages."""

import math

import pytest

from claimtrack import (
    Anchor,
    Appearance,
    Claim,
    Rating,
    Source,
    Span,
    Speaker,
    SpeakerKind,
    ValidationError,
)
from claimtrack.validators import is_language_tag

SOURCE = Source(title="A story")
SPEAKER = Speaker(name="Ana Ruiz")


@pytest.mark.parametrize(
    "text", ["", "   ", "\n\t", "bell\x07", "nul\x00", "c1\x85", "lone \ud800"]
)
def test_bad_text_is_rejected(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        Claim(text=text, speaker=SPEAKER)
    assert info.value.field == "text"
    assert "'text'" in str(info.value)


@pytest.mark.parametrize("text", ["ok", "two\nlines", "tab\there", "emoji 🌊", "עברית", "e\u0301"])
def test_good_text_is_accepted(text: str) -> None:
    assert Claim(text=text, speaker=SPEAKER).text == text


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "/relative/path",
        "example.org/a",
        "https://",
        "ftp://example.org/x",
        "http://exa mple.org",
        "https://example.org:99999/",
        42,
    ],
)
def test_bad_urls(url: object) -> None:
    with pytest.raises(ValidationError) as info:
        Source(url=url)  # type: ignore[arg-type]
    assert info.value.field == "url"


@pytest.mark.parametrize(
    "url", ["https://example.org", "http://news.example/a?b=c#d", "HTTPS://Example.ORG/x"]
)
def test_good_urls(url: str) -> None:
    assert Source(url=url).url == url


@pytest.mark.parametrize(
    "tag",
    [
        "en",
        "pt-BR",
        "zh-Hant-TW",
        "es-419",
        "sl-rozaj-biske",
        "x-private",
        "de-CH-1996",
        "en-a-bbb-x-a-ccc",
    ],
)
def test_good_language_tags(tag: str) -> None:
    assert is_language_tag(tag)
    assert Source(title="t", language=tag).language == tag


@pytest.mark.parametrize(
    "tag", ["", "english!", "e", "en_US", "en--US", "toolongtag-x", "123", "en-"]
)
def test_bad_language_tags(tag: str) -> None:
    assert not is_language_tag(tag)
    with pytest.raises(ValidationError, match="BCP 47"):
        Source(title="t", language=tag)


@pytest.mark.parametrize("qid", ["Q0", "Q01", "q42", "Q", "P31", "Q42x"])
def test_bad_wikidata_ids(qid: str) -> None:
    with pytest.raises(ValidationError, match="Wikidata id") as info:
        Speaker(name="X", identifiers={"wikidata": qid})
    assert info.value.field == "identifiers.wikidata"


def test_good_identifiers() -> None:
    speaker = Speaker(
        name="X", identifiers={"wikidata": "Q22686", "x": "@xyz", "website": "https://x.example"}
    )
    assert speaker.identifiers["wikidata"] == "Q22686"
    assert hash(speaker) == hash(
        Speaker(
            name="X",
            identifiers={"x": "@xyz", "website": "https://x.example", "wikidata": "Q22686"},
        )
    )


@pytest.mark.parametrize("value", [1.5, -0.1, math.nan, math.inf, "0.5", True])
def test_bad_confidence(value: object) -> None:
    with pytest.raises(ValidationError) as info:
        Appearance(source=SOURCE, confidence=value)  # type: ignore[arg-type]
    assert info.value.field == "confidence"


def test_confidence_message_is_attrs_style() -> None:
    with pytest.raises(ValidationError) as info:
        Appearance(source=SOURCE, confidence=1.5)
    assert info.value.message == "'confidence' must be between 0 and 1 (got 1.5)"
    assert info.value.value == 1.5


@pytest.mark.parametrize(("start", "end"), [(5, 5), (6, 5), (-1, 3), (0.5, 3), (True, 3)])
def test_bad_spans(start: object, end: object) -> None:
    with pytest.raises(ValidationError):
        Span(start, end)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "content",
    [[Span(10, 20), Span(15, 25)], [Span(30, 40), Span(10, 20)], [], [(1, 2)]],
)
def test_bad_anchor_content(content: list[object]) -> None:
    with pytest.raises(ValidationError) as info:
        Anchor(content=content)  # type: ignore[arg-type]
    assert info.value.field == "content"


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"value": 6, "best": 5, "worst": 1}, "between 'worst'"),
        ({"value": 0, "best": 5, "worst": 1}, "between 'worst'"),
        ({"value": 3, "best": 3, "worst": 3}, "must differ"),
        ({"value": math.nan, "best": 5, "worst": 1}, "finite number"),
        ({}, "needs a 'value' or a 'label'"),
    ],
)
def test_bad_ratings(kwargs: dict[str, object], fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment):
        Rating(**kwargs)  # type: ignore[arg-type]


def test_reversed_scales_are_allowed() -> None:
    assert Rating(value=2, best=1, worst=5).score == pytest.approx(0.75)


@pytest.mark.parametrize("kind", [SpeakerKind.UNNAMED, SpeakerKind.GROUP])
def test_unnamed_and_group_speakers_need_a_description(kind: SpeakerKind) -> None:
    with pytest.raises(ValidationError, match="needs a 'description'") as info:
        Speaker(kind=kind)
    assert info.value.field == "description"


def test_named_speakers_need_a_name() -> None:
    with pytest.raises(ValidationError, match="needs a 'name'"):
        Speaker(kind=SpeakerKind.ORGANIZATION, description="a ministry")


def test_source_needs_something_to_find_it_by() -> None:
    with pytest.raises(ValidationError, match="at least a 'url'"):
        Source()


def test_wrong_types_are_named() -> None:
    with pytest.raises(ValidationError, match="'speaker' must be a Speaker"):
        Claim(text="x", speaker="Ana Ruiz")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="'quote' must be one of"):
        Appearance(source=SOURCE, quote="shouted")  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"'appearances\[0\]' must be an Appearance"):
        Claim(text="x", speaker=SPEAKER, appearances=["somewhere"])  # type: ignore[list-item]
