"""Tests of claimtrack._repeats and of identity normalisation (issue point 1)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import claimtrack as ct
from claimtrack._identity import normalize_text
from claimtrack._repeats import TOOL, features, find_matches

KOVACS = ct.Speaker(name="Maria Kovacs")
OKAFOR = ct.Speaker(name="Jonas Okafor")


def claim(text: str, speaker: ct.Speaker = KOVACS, said: str | None = "2021-03-03") -> ct.Claim:
    return ct.Claim(text=text, speaker=speaker, said=None if said is None else ct.Date.parse(said))


# -- point 1: the same claim, normalised --------------------------------------

SAME = [
    ("The dam is safe for another 50 years", "the DAM is Safe for another 50 years"),
    ("The dam is safe for another 50 years", "The  dam is\tsafe\nfor another 50 years"),
    ("The dam is safe, for another 50 years.", "The dam is safe for another 50 years!"),
    ("“The dam is safe,” she said", '"The dam is safe" she said'),
    ("‘The dam is safe’", "'The dam is safe'"),
    ("«Der Damm ist sicher»", "„Der Damm ist sicher“"),
    ("Die Ärzte warnen", "Die A\u0308rzte warnen"),  # NFC vs NFD
    ("ｔｈｅ ｄａｍ", "the dam"),  # NFKC: full-width letters
    ("the vac-\ncine works", "the vaccine works"),  # hyphenation at a line end
    ("COVID-19 cases", "covid 19 cases"),
    ("the soft\u00adhyphen", "the softhyphen"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_captures_differing_only_in_form_get_one_id(a: str, b: str) -> None:
    assert claim(a).id == claim(b).id
    ledger = ct.Ledger()
    src_a = ct.Source(url="https://example.org/a")
    src_b = ct.Source(url="https://example.org/b")
    ledger.add(ct.Claim(text=a, speaker=KOVACS, appearances=[ct.Appearance(source=src_a)]))
    held = ledger.add(ct.Claim(text=b, speaker=KOVACS, appearances=[ct.Appearance(source=src_b)]))
    assert len(ledger) == 1
    assert [x.source.id for x in held.appearances] == [src_a.id, src_b.id]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("1.5 million", "15 million"),
        ("53 people", "35 people"),
        ("the dam is safe", "the dam is not safe"),
    ],
)
def test_different_content_gets_different_ids(a: str, b: str) -> None:
    assert claim(a).id != claim(b).id


def test_a_pinned_id_never_changes() -> None:
    # Ids are stored by users: this one must hold in every release.
    assert normalize_text("“The dam is SAFE,” she said") == "the dam is safe she said"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_normalisation_is_idempotent_and_form_blind(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        assert normalize_text(unicodedata.normalize(form, text)) == once
    assert normalize_text(text.upper()) == normalize_text(text.lower()) or not text.isascii()


# -- repeats and near-duplicates ----------------------------------------------


def pairs(*texts: tuple[str, ct.Speaker], **kwargs: float) -> list[tuple[str, str, str]]:
    feats = [features(f"c{i}", s.id, t) for i, (t, s) in enumerate(texts)]
    return [(m.claim, m.target, m.kind) for m in find_matches(feats, **kwargs)]


def test_same_speaker_same_content_is_a_repeat_of_the_first() -> None:
    found = pairs(
        ("The dam is safe for at least 50 more years", KOVACS),
        ("the dam is safe for at least 50 more years!", KOVACS),
        ("The dam is safe, for at least 50 more years", KOVACS),
    )
    assert found == [("c1", "c0", "repeats"), ("c2", "c0", "repeats")]


def test_another_speaker_is_a_paraphrase_never_a_repeat() -> None:
    found = pairs(
        ("The dam is safe for at least 50 more years", KOVACS),
        ("The dam is safe for at least 50 more years", OKAFOR),
    )
    assert found == [("c1", "c0", "paraphrases")]


def test_other_wording_is_a_paraphrase() -> None:
    found = pairs(
        ("The new dam is safe for at least 50 more years, engineers found", KOVACS),
        ("The dam is safe for at least 50 more years", KOVACS),
    )
    assert [kind for *_, kind in found] == ["paraphrases"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "The dam is safe for at least 50 more years",
            "The dam is not safe for at least 50 more years",
        ),
        (
            "The dam is safe for at least 50 more years",
            "The dam isn't safe for at least 50 more years",
        ),
        (
            "The dam is safe for at least 50 more years",
            "The dam is never safe for at least 50 more years",
        ),
        (
            "The flood displaced 53 people in the valley",
            "The flood displaced 35 people in the valley",
        ),
        (
            "The flood displaced three people in the valley",
            "The flood displaced 4 people in the valley",
        ),
        ("We disagree", "We disagree"),  # too short
        ("Yes, absolutely", "Yes, absolutely"),
    ],
)
def test_guards_against_false_links(a: str, b: str) -> None:
    assert pairs((a, KOVACS), (b, KOVACS)) == []


def test_number_words_count_as_numbers() -> None:
    found = pairs(
        ("The flood displaced three people in the valley", KOVACS),
        ("The flood displaced 3 people in the valley", KOVACS),
    )
    assert len(found) == 1


def test_double_negation_keeps_polarity() -> None:
    # Two negations against none: polarity is what counts, by parity.
    assert features("a", "s", "it is not untrue and not wrong").negated is False
    assert features("a", "s", "it isn’t safe").negated is True


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(
                st.sampled_from(
                    ["dam", "safe", "vaccine", "rail", "budget", "not", "53", "35", "the", "is"]
                ),
                min_size=1,
                max_size=9,
            ).map(" ".join),
            st.sampled_from(["s1", "s2"]),
        ),
        max_size=12,
    ),
    st.floats(0.3, 0.95),
)
def test_matches_are_exactly_the_pairs_over_the_threshold(
    docs: list[tuple[str, str]], threshold: float
) -> None:
    # Prefix filtering must find every pair over the threshold (no misses),
    # which all-pairs comparison shows, and nothing below it.
    feats = [features(f"c{i}", s, t) for i, (t, s) in enumerate(docs)]
    found = {
        (m.claim, m.target)
        for m in find_matches(feats, threshold=threshold, per_claim=99, min_words=1)
    }
    expected = set()
    for i, a in enumerate(feats):
        for b in feats[:i]:
            common = len(a.shingles & b.shingles)
            jaccard = common / len(a.shingles | b.shingles)
            if jaccard >= threshold and a.negated == b.negated and a.numbers == b.numbers:
                expected.add((a.id, b.id))
    assert found == expected


# -- the Ledger API around it -------------------------------------------------


def test_suggest_confirm_reject_and_no_resuggestion() -> None:
    ledger = ct.Ledger()
    first = ledger.add(claim("The dam is safe for at least 50 more years", said="2021-03-03"))
    again = ledger.add(claim("The dam is SAFE for at least 50 more years.", said="2021-05-03"))
    other = ledger.add(
        claim("The dam is safe for at least 50 more years", OKAFOR, said="2021-04-01")
    )
    found = ledger.suggest_relations(at="2024-01-02")
    assert {(r.claim, r.target, r.kind.value) for r in found} == {
        (again.id, first.id, "repeats"),
        (other.id, first.id, "paraphrases"),
    }
    assert all(r.status is ct.RelationStatus.SUGGESTED and r.by == TOOL for r in found)
    assert all(r.weight == 1.0 and str(r.at) == "2024-01-02" for r in found)
    assert ledger.relations_where(status="suggested") == found
    repeat = next(r for r in found if r.kind == "repeats")
    confirmed = ledger.confirm(repeat, by="Li Wei")
    assert confirmed.status is ct.RelationStatus.CONFIRMED and confirmed.by == "Li Wei"
    rejected = ledger.reject(next(r for r in found if r.kind == "paraphrases").id)
    assert ledger.relations_where(status="rejected") == [rejected]
    assert ledger.suggest_relations() == []  # nothing suggested twice, rejected stays rejected
    assert ct.loads(ct.dumps(ledger)) == ledger
    with pytest.raises(ct.IntegrityError, match="no relation has the id"):
        ledger.confirm("rel_missing")


def test_suggestions_scale_near_linearly() -> None:
    # 5,000 claims with many shared words: must finish quickly (no all-pairs).
    ledger = ct.Ledger()
    subjects = ["the dam", "the rail line", "the budget", "the bridge", "the school plan"]
    for i in range(5000):
        text = f"{subjects[i % 5]} will cost {i % 50} million euros, according to plan"
        ledger.add(claim(text, ct.Speaker(name=f"Speaker {i % 40}"), said=None))
    found = ledger.suggest_relations()
    assert found
    assert all(r.kind in ("repeats", "paraphrases") for r in found)
    assert len(found) <= len(ledger)  # at most one suggestion per claim
