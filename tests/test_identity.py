"""Deterministic ids and the normalisation behind them."""

import subprocess
import sys

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimtrack import Claim, Date, Relation, Source, Speaker, SpeakerKind
from claimtrack._identity import (
    _normalize_any,
    _normalize_ascii,
    make_id,
    normalize_text,
    normalize_url,
)
from claimtrack.strategies import claims

KOVACS = Speaker(name="Maria Kovacs")

# These ids are part of the format's contract: every version of claimtrack must
# derive exactly these. Never edit an expected value here.
PINNED = [
    (Speaker(name="Maria Kovacs"), "spk_7ddf1e8997ccc03eac28"),
    (Speaker(name="MARIA  KOVACS"), "spk_7ddf1e8997ccc03eac28"),
    (
        Speaker(kind=SpeakerKind.ORGANIZATION, name="Danube Water Authority"),
        "spk_583841f4b5f30c31db68",
    ),
    (Speaker(kind=SpeakerKind.GROUP, description="experts"), "spk_0d51491be4e13f98b4fe"),
    (
        Speaker(kind=SpeakerKind.UNNAMED, description="an official who asked not to be named"),
        "spk_018b4ba26cafa37db31e",
    ),
    (
        Source(url="https://www.courier.example/2021/03/dams/?utm_source=x#top"),
        "src_159390ab602adaaf9984",
    ),
    (Source(url="http://courier.example/2021/03/dams"), "src_159390ab602adaaf9984"),
    (
        Source(
            publisher="Danube Courier",
            title="Dam inspections rose",
            published=Date.parse("2021-03-04T09:30:00+01:00"),
        ),
        "src_dda57c218c580556508a",
    ),
    (
        Claim(
            text="48 plants were inspected in 2019.", speaker=KOVACS, said=Date.parse("2021-03-02")
        ),
        "clm_42c44f8c52cbc92c1738",
    ),
    (
        Claim(
            text="“48 plants were INSPECTED in 2019”", speaker=KOVACS, said=Date.parse("2021-03-02")
        ),
        "clm_42c44f8c52cbc92c1738",
    ),
    (
        Claim(
            text="The vaccine is safe.",
            speaker=Speaker(kind=SpeakerKind.ORGANIZATION, name="Ministry of Health"),
        ),
        "clm_987bf957e3784f04e270",
    ),
    (
        Claim(
            text="Die Impfung ist sicher.",
            speaker=Speaker(name="Jonas Weber"),
            said=Date.parse("2021-11"),
        ),
        "clm_cb2a639cb33b7a7eb175",
    ),
    (Relation(kind="repeats", claim="clm_a", target="clm_b"), "rel_6b384ba8124bf9cd3c81"),
]


@pytest.mark.parametrize(("record", "expected"), PINNED)
def test_pinned_ids(record: object, expected: str) -> None:
    assert record.id == expected  # type: ignore[attr-defined]


def test_ids_agree_across_processes() -> None:
    # A fresh interpreter (with its own hash seed) derives the same id.
    code = (
        "from claimtrack import Claim, Speaker, Date;"
        "print(Claim(text='48 plants were inspected in 2019.',"
        " speaker=Speaker(name='Maria Kovacs'), said=Date.parse('2021-03-02')).id)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "12345"},
    )
    assert out.stdout.strip() == "clm_42c44f8c52cbc92c1738"


def test_explicit_ids_are_kept() -> None:
    assert Speaker(name="Maria Kovacs", id="wd:Q1").id == "wd:Q1"
    assert Claim(text="x", speaker=KOVACS, id="mine-1").id == "mine-1"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The dam is safe.", "the dam is SAFE"),
        ("“The dam is safe,” she said", '"the dam is safe" she said'),
        ("COVID-19 cases fell", "covid 19 cases fell"),
        ("vac-\ncine rates", "vaccine rates"),
        ("Cafe\u0301", "Café"),
        ("ﬁve  percent", "five percent"),
        ("soft\u00adhyphen", "softhyphen"),
        ("It’s over", "It's over"),
    ],
)
def test_normalisation_merges_surface_variants(a: str, b: str) -> None:
    assert normalize_text(a) == normalize_text(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("1.5 million", "15 million"),
        ("53 people died", "35 people died"),
        ("The dam is safe", "The dam is not safe"),
    ],
)
def test_normalisation_keeps_what_matters(a: str, b: str) -> None:
    assert normalize_text(a) != normalize_text(b)


@given(st.text())
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


# ASCII text full of what the rules look at: digits beside separators, hyphens
# at line ends, quotes, runs of spaces, control characters.
_ASCII_TRICKY = st.lists(
    st.sampled_from([*"aZ9 0.,-\n\t\r'\"!?\x00\x01\x1f_", "Ab", "1.5", "-\n  "]), max_size=30
).map("".join) | st.text(alphabet=st.characters(max_codepoint=127))


@given(_ASCII_TRICKY)
def test_the_ascii_path_normalises_as_the_general_one(text: str) -> None:
    assert _normalize_ascii(text) == _normalize_any(text)


def test_url_normalisation() -> None:
    assert (
        normalize_url("HTTPS://WWW.Example.org:443/a/b/?utm_medium=x&id=3#frag")
        == "example.org/a/b?id=3"
    )
    assert normalize_url("https://example.org:8080/a") == "example.org:8080/a"


def test_make_id_separates_parts() -> None:
    assert make_id("x", "ab", "c") != make_id("x", "a", "bc")


@given(claims())
def test_ids_are_a_function_of_their_inputs(claim: Claim) -> None:
    # Rebuilding a claim from its parts (not its id) derives the same id, and the
    # id ignores everything but speaker, normalised text and said-date.
    fields = attrs.asdict(claim, recurse=False)
    del fields["id"]
    assert Claim(**fields).id == claim.id
    bare = Claim(text=claim.text.upper(), speaker=claim.speaker, said=claim.said)
    assert bare.id == claim.id or normalize_text(claim.text.upper()) != normalize_text(claim.text)
