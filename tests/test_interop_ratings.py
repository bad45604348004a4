"""Tests for claimtrack.interop.ratings: one common scale for every rating."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimtrack import Rating, ValidationError
from claimtrack.interop.ratings import DEFAULT, RatingMap, Verdict, label_key, normalize
from claimtrack.strategies import ratings, texts

ORDER = [Verdict.FALSE, Verdict.MOSTLY_FALSE, Verdict.MIXED, Verdict.MOSTLY_TRUE, Verdict.TRUE]


@pytest.mark.parametrize(
    ("label", "verdict"),
    [
        # English
        ("True", Verdict.TRUE),
        ("Mostly True", Verdict.MOSTLY_TRUE),
        ("Half-True", Verdict.MIXED),
        ("Misleading", Verdict.MOSTLY_FALSE),
        ("Pants on Fire!", Verdict.FALSE),
        ("Unproven", Verdict.UNPROVEN),
        # Spanish
        ("Verdadero", Verdict.TRUE),
        ("Verdad a medias", Verdict.MIXED),
        ("Engañosa", Verdict.MOSTLY_FALSE),
        ("FALSO", Verdict.FALSE),
        ("Sin evidencia", Verdict.UNPROVEN),
        # French
        ("Vrai", Verdict.TRUE),
        ("Plutôt vrai", Verdict.MOSTLY_TRUE),
        ("Partiellement faux", Verdict.MIXED),
        ("Trompeur", Verdict.MOSTLY_FALSE),
        ("Faux", Verdict.FALSE),
        ("Invérifiable", Verdict.UNPROVEN),
        # German
        ("Richtig", Verdict.TRUE),
        ("Überwiegend wahr", Verdict.MOSTLY_TRUE),
        ("Halb wahr", Verdict.MIXED),
        ("Irreführend", Verdict.MOSTLY_FALSE),
        ("Falsch", Verdict.FALSE),
        ("Unbelegt", Verdict.UNPROVEN),
        # Portuguese
        ("Verdadeiro", Verdict.TRUE),
        ("Meia verdade", Verdict.MIXED),
        ("Enganoso", Verdict.MOSTLY_FALSE),
        ("Falso", Verdict.FALSE),
        ("Sem provas", Verdict.UNPROVEN),
        # Labels that are not truth values
        ("Satire", Verdict.OTHER),
        ("Missing context", Verdict.OTHER),
    ],
)
def test_labels_in_five_languages(label: str, verdict: Verdict) -> None:
    result = normalize(Rating(label=label))
    assert result.verdict is verdict
    assert result.basis == "label"
    assert result.by == "claimtrack.ratings/1"


def test_label_keys_fold_case_punctuation_and_spacing() -> None:
    assert label_key("  Mostly-FALSE! ") == "mostly false"
    assert label_key("Plutôt_vrai") == "plutôt vrai"
    assert label_key("U\u0308berwiegend wahr") == "überwiegend wahr"  # NFC


@pytest.mark.parametrize(
    ("value", "best", "worst", "verdict"),
    [
        (1, 5, 1, Verdict.FALSE),
        (2, 5, 1, Verdict.MOSTLY_FALSE),
        (3, 5, 1, Verdict.MIXED),
        (4, 5, 1, Verdict.MOSTLY_TRUE),
        (5, 5, 1, Verdict.TRUE),
        (1, 1, 5, Verdict.TRUE),  # a reversed scale: 1 is best
        (0.5, 1.0, -1.0, Verdict.MOSTLY_TRUE),
        (12, 100, 0, Verdict.FALSE),
        (13, 100, 0, Verdict.MOSTLY_FALSE),
    ],
)
def test_numeric_scales(value: float, best: float, worst: float, verdict: Verdict) -> None:
    result = normalize(Rating(value=value, best=best, worst=worst))
    assert result.verdict is verdict
    assert result.basis == "scale"
    assert result.score == pytest.approx((value - worst) / (best - worst))


def test_unknown_labels_are_other_even_with_a_number() -> None:
    result = normalize(Rating(label="Zombie claim", value=5, best=5, worst=1))
    assert result.verdict is Verdict.OTHER
    assert result.basis == "label"
    assert normalize(Rating(value=3)).verdict is Verdict.OTHER  # no scale, no label
    assert normalize(Rating(value=3)).basis == "none"


@settings(max_examples=200, deadline=None)
@given(texts(max_size=30))
def test_a_label_the_map_does_not_know_is_never_guessed(label: str) -> None:
    verdict = normalize(Rating(label=label)).verdict
    assert verdict is DEFAULT.labels.get(label_key(label), Verdict.OTHER)


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1))
def test_a_higher_score_never_gives_a_lower_verdict(a: float, b: float) -> None:
    low, high = sorted((a, b))
    first = normalize(Rating(value=low, best=1, worst=0)).verdict
    second = normalize(Rating(value=high, best=1, worst=0)).verdict
    assert ORDER.index(first) <= ORDER.index(second)


@settings(max_examples=100, deadline=None)
@given(ratings())
def test_every_valid_rating_normalises(rating: Rating) -> None:
    result = normalize(rating)
    assert result.verdict in set(Verdict)
    assert result.by == DEFAULT.name


def test_extend_adds_labels_and_records_who_mapped() -> None:
    desk = DEFAULT.extend(
        {"Zombie claim": "false", "Cherry-picked": Verdict.MIXED}, name="factdesk-labels/2"
    )
    result = desk.normalize(Rating(label="zombie CLAIM"))
    assert result.verdict is Verdict.FALSE
    assert result.by == "factdesk-labels/2"
    assert normalize(Rating(label="Cherry picked"), desk).verdict is Verdict.MIXED
    assert normalize(Rating(label="Zombie claim")).verdict is Verdict.OTHER  # DEFAULT unchanged
    with pytest.raises(ValidationError, match="must map to one of"):
        DEFAULT.extend({"Meh": "meh"}, name="x")
    assert isinstance(RatingMap({}).normalize(Rating(label="True")).verdict, Verdict)
