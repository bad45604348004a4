"""The model classes: frozen, slotted, keyword-only, equal and hashable by value."""

import enum
import pickle

import attrs
import pytest

import claimtrack
import claimtrack.interop
from claimtrack import (
    Appearance,
    Claim,
    Date,
    Relation,
    Review,
    Role,
    Source,
    Speaker,
    ValidationError,
)

MODELS = [Speaker, Role, Source, Claim, Appearance, Review, Relation, Date]


@pytest.mark.parametrize("cls", MODELS)
def test_frozen_slotted_keyword_only(cls: type) -> None:
    assert attrs.has(cls)
    assert "__dict__" not in dir(cls) or not hasattr(cls, "__dict__") or "__slots__" in cls.__dict__
    assert all(f.kw_only for f in attrs.fields(cls) if f.init)
    assert cls.__doc__


def test_equal_and_hashable_by_value() -> None:
    a = Speaker(name="Ana Ruiz", aliases=["Ruiz"])
    b = Speaker(name="Ana Ruiz", aliases=("Ruiz",))
    assert a == b and hash(a) == hash(b)
    assert len({a, b}) == 1
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.name = "Other"  # type: ignore[misc]


def test_evolve_validates_and_keeps_identity() -> None:
    claim = Claim(text="Turnout was 61 percent.", speaker=Speaker(name="Li Wei"))
    fixed = attrs.evolve(claim, text="Turnout was 62 percent.")
    assert fixed.id == claim.id  # a corrected record keeps its identity
    assert Claim(text="Turnout was 62 percent.", speaker=Speaker(name="Li Wei")).id != claim.id
    with pytest.raises(ValidationError):
        attrs.evolve(claim, text="")


def test_pickle_round_trip() -> None:
    claim = Claim(
        text="x",
        speaker=Speaker(name="Li Wei", identifiers={"wikidata": "Q5"}),
        said=Date.parse("2020-01"),
        extra={"a": [1, {"b": None}]},
    )
    assert pickle.loads(pickle.dumps(claim)) == claim


def test_roles_held_at_a_time() -> None:
    role = Role(
        title="minister",
        organization="Ministry of Health",
        start=Date.parse("2019-05"),
        end=Date.parse("2021-02"),
    )
    speaker = Speaker(name="Ana Ruiz", roles=[role])
    assert speaker.roles_at(Date.parse("2020")) == (role,)
    assert speaker.roles_at(Date.parse("2022-06-01")) == ()
    with pytest.raises(ValidationError, match="before 'start'"):
        Role(title="minister", start=Date.parse("2021"), end=Date.parse("2019"))


def test_relation_accepts_claims_and_stores_ids() -> None:
    a = Claim(text="Taxes will not rise.", speaker=Speaker(name="Li Wei"))
    b = Claim(text="Taxes will rise.", speaker=Speaker(name="Ana Ruiz"))
    relation = Relation(kind="contradicts", claim=a, target=b)
    assert (relation.claim, relation.target) == (a.id, b.id)
    with pytest.raises(ValidationError, match="relate to itself"):
        Relation(kind="repeats", claim=a, target=a)


def test_first_appearance_is_the_earliest() -> None:
    late = Appearance(source=Source(url="https://b.example/1", published=Date.parse("2021-03-05")))
    early = Appearance(
        source=Source(url="https://a.example/1", published=Date.parse("2021-03-04T08:00:00Z"))
    )
    undated = Appearance(source=Source(url="https://c.example/1"))
    claim = Claim(text="x", speaker=Speaker(name="Li Wei"), appearances=[undated, late, early])
    assert claim.first_appearance == early
    assert Claim(text="x", speaker=Speaker(name="Li Wei")).first_appearance is None


def test_review_of_a_claim() -> None:
    claim = Claim(text="x", speaker=Speaker(name="Li Wei"))
    review = Review(claim=claim, reviewer=Speaker(kind="organization", name="FactDesk"))
    assert review.claim is claim and review.id.startswith("rev_")


def public_enums() -> list[type[enum.Enum]]:
    found = []
    for module in (claimtrack, claimtrack.interop):
        for name in module.__all__:
            value = getattr(module, name)
            if isinstance(value, type) and issubclass(value, enum.Enum):
                found.append(value)
    return found


def test_public_enums_are_found() -> None:
    assert {kind.__name__ for kind in public_enums()} >= {"Basis", "QuoteKind", "RelationKind"}


@pytest.mark.parametrize("kind", public_enums(), ids=lambda kind: kind.__name__)
def test_an_enum_member_equals_and_hashes_as_its_value(kind: type[enum.Enum]) -> None:
    # A member and its string find each other in a dict or a set (the wire
    # writer looks enum values up by member).
    for member in kind:
        assert member == member.value and hash(member) == hash(member.value)
        assert {member.value: member}[member] is member
        assert member.value in {member}
