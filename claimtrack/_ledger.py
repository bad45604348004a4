"""Ledger: the collection of speakers, sources, claims, relations and reviews.

The ledger owns identity and integrity. Each record is held once, by id; the
claims that embed a speaker or a source always embed the ledger's own copy, so
what is dumped and loaded back is equal to what was added.

Adding a record whose id is already held *merges* the two: fields one side
leaves empty (None, empty, or the default) are filled from the other, lists
such as aliases and appearances are united in order, and a field the two set
differently is a conflict (:class:`~claimtrack.IntegrityError`): two different
records may not share an id.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Literal, TypeVar, overload

import attrs

from claimtrack._claim import Appearance, Claim
from claimtrack._date import Date
from claimtrack._fields import FrozenDict
from claimtrack._identity import normalize_name, normalize_text, normalize_url
from claimtrack._review import Relation, RelationKind, RelationStatus, Review
from claimtrack._source import Source
from claimtrack._speaker import Speaker
from claimtrack.exceptions import IntegrityError, Problem, ValidationError

__all__ = ["DeskQueries", "Ledger", "RecordView", "rating_label"]

R = TypeVar("R")
Record = Claim | Review | Relation


class RecordView(Sequence[R]):
    """A read-only, live view of one kind of record in a ledger, in insertion order.

    Index it by position (``ledger.claims[0]``), look a record up by id with
    :meth:`get`, and test membership with a record or an id.
    """

    __slots__ = ("_records",)

    def __init__(self, records: dict[str, R]) -> None:
        self._records = records

    @overload
    def __getitem__(self, index: int) -> R: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[R]: ...
    def __getitem__(self, index: int | slice) -> R | Sequence[R]:
        if isinstance(index, slice):
            return list(self._records.values())[index]
        size = len(self._records)
        position = index + size if index < 0 else index
        if not 0 <= position < size:
            raise IndexError(f"record index {index} out of range ({size} records)")
        # Walk from the nearer end rather than copy every record into a list.
        if position < size // 2:
            return next(itertools.islice(self._records.values(), position, None))
        return next(itertools.islice(reversed(self._records.values()), size - 1 - position, None))

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[R]:
        return iter(self._records.values())

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._records
        ident = getattr(item, "id", None)
        return isinstance(ident, str) and self._records.get(ident) == item

    def get(self, ident: str) -> R | None:
        """The record with id *ident*, or None."""
        return self._records.get(ident)

    def __repr__(self) -> str:
        return f"RecordView({len(self)} records)"


def _is_empty(record: Any, field: attrs.Attribute[Any], value: Any) -> bool:
    if value is None or value == () or (isinstance(value, FrozenDict) and not value):
        return True
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return False
    return bool(value == default)


def _merge(old: R, new: R, path: str, problems: list[Problem]) -> R:
    """Merge two records with one id; report each conflicting field."""
    if old is new or old == new:
        return old
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(old)):  # type: ignore[arg-type]
        name = field.name
        if name.startswith("_") or name == "id":
            continue
        a, b = getattr(old, name), getattr(new, name)
        if a == b or _is_empty(new, field, b):
            continue
        if _is_empty(old, field, a):
            changes[name] = b
        elif isinstance(a, tuple):
            changes[name] = a + tuple(item for item in b if item not in a)
        elif isinstance(a, FrozenDict):
            clash = [k for k in b if k in a and a[k] != b[k]]
            if clash:
                problems.append(
                    Problem(
                        f"{path}.{name}",
                        f"conflicting {name} {clash[0]!r}: {a[clash[0]]!r} vs {b[clash[0]]!r}",
                    )
                )
            else:
                changes[name] = FrozenDict({**a, **b})
        elif attrs.has(type(a)) and getattr(a, "id", None) == getattr(b, "id", object()):
            changes[name] = _merge(a, b, f"{path}.{name}", problems)
        else:
            problems.append(
                Problem(
                    f"{path}.{name}",
                    f"two records share the id {getattr(old, 'id', '?')!r} but differ in "
                    f"'{name}': {a!r:.80} vs {b!r:.80}",
                )
            )
    return attrs.evolve(old, **changes) if changes else old  # type: ignore[misc]


def _as_date(value: Date | str | None) -> Date | None:
    if value is None or isinstance(value, Date):
        return value
    return Date.parse(value)


def _said_test(
    start: Date | str | None, end: Date | str | None, mode: str
) -> Callable[[Date], bool]:
    if mode not in ("definitely", "possibly"):
        raise ValidationError(
            f"'mode' must be 'definitely' or 'possibly' (got {mode!r})", field="mode", value=mode
        )
    window = _window(_as_date(start), _as_date(end))
    return window.contains if mode == "definitely" else window.overlaps


def rating_label(review: Review) -> str | None:
    """How a review's verdict is counted and matched: its label, or else its value."""
    rating = review.rating
    if rating is None:
        return None
    if rating.label is not None:
        return rating.label
    return f"{rating.value:g}" if rating.value is not None else None


def _held_role(speaker: Speaker, organization: str, said: Date | None) -> bool:
    """Whether *speaker* held a role in *organization* (normalised) when saying it."""
    for role in speaker.roles:
        if role.organization is None or normalize_name(role.organization) != organization:
            continue
        if said is None:
            if role.start is None and role.end is None:
                return True
        elif role.held_at(said):
            return True
    return False


def _said_key(claim: Claim) -> tuple[int, tuple[int, int, str]]:
    return (0, claim.said.sort_key) if claim.said is not None else (1, (0, 0, ""))


_LINKS = (RelationKind.REPEATS, RelationKind.PARAPHRASES)


class DeskQueries:
    """The questions a desk asks, answered alike by a :class:`Ledger` and a
    :class:`~claimtrack.store.Store` from a few primitive queries each provides.
    """

    __slots__ = ()

    def claims_by(self, who: Speaker | str) -> list[Claim]:  # pragma: no cover - abstract
        """Claims by the speaker *who* names."""
        raise NotImplementedError

    def reviews_of(self, claim: Claim | str) -> list[Review]:  # pragma: no cover - abstract
        """The reviews of *claim*."""
        raise NotImplementedError

    def relations_of(  # pragma: no cover - abstract
        self, claim: Claim | str, kind: RelationKind | str | None = None
    ) -> list[Relation]:
        """The relations that start or end at *claim*."""
        raise NotImplementedError

    def _claim(self, claim_id: str) -> Claim | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _reviews_rated(self, rating: str | None) -> Iterator[Review]:  # pragma: no cover
        raise NotImplementedError

    def timeline(self, who: Speaker | str) -> list[Claim]:
        """A speaker's claims in the order they were said; claims with no said-date last.

        Said-dates are ordered by :attr:`Date.sort_key` (earliest bound first),
        which is a display order, not a claim that one came first.
        """
        return sorted(self.claims_by(who), key=_said_key)

    def rating_counts(self, who: Speaker | str) -> dict[str, int]:
        """How often each verdict was given to the speaker's claims, by rating label
        (or value when a rating has no label), most frequent first.
        """
        counts: dict[str, int] = {}
        for claim in self.claims_by(who):
            for review in self.reviews_of(claim):
                label = rating_label(review)
                if label is not None:
                    counts[label] = counts.get(label, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def contradictions(self, a: Speaker | str, b: Speaker | str) -> list[Relation]:
        """``contradicts`` relations (not rejected) between a claim of *a* and one of *b*,
        either way round.
        """
        ids_a = {c.id for c in self.claims_by(a)}
        ids_b = {c.id for c in self.claims_by(b)}
        found: dict[str, Relation] = {}
        for claim_id in ids_a:
            for relation in self.relations_of(claim_id, RelationKind.CONTRADICTS):
                if relation.status is RelationStatus.REJECTED:
                    continue
                ends = {relation.claim, relation.target}
                if ends & ids_a and ends & ids_b and relation.claim != relation.target:
                    found[relation.id] = relation
        return sorted(found.values(), key=lambda r: r.id)

    def repeats_of(self, claim: Claim | str) -> list[Claim]:
        """The claims linked to *claim* as its repeats or paraphrases (suggested or
        confirmed, not rejected), directly or through other repeats.
        """
        root = claim if isinstance(claim, str) else claim.id
        seen = {root}
        queue = [root]
        out: list[Claim] = []
        while queue:
            current = queue.pop(0)
            for relation in self.relations_of(current):
                if relation.kind not in _LINKS or relation.status is RelationStatus.REJECTED:
                    continue
                other = relation.claim if relation.target == current else relation.target
                if other in seen:
                    continue
                seen.add(other)
                found = self._claim(other)
                if found is not None:
                    out.append(found)
                    queue.append(other)
        return out

    def first_appearances(self, claim: Claim | str) -> dict[str, Appearance | None]:
        """The first appearance of *claim* and of each of its repeats (see
        :meth:`repeats_of`), by claim id, the claim itself first.
        """
        root = claim if isinstance(claim, str) else claim.id
        held = self._claim(root)
        out: dict[str, Appearance | None] = {root: held.first_appearance if held else None}
        for other in self.repeats_of(root):
            out[other.id] = other.first_appearance
        return out

    def repeated_after_review(self, rating: str | None = None) -> list[tuple[Review, Claim]]:
        """Reviewed claims that were repeated after the review: each review (with
        the rating label *rating*, compared normalised, if given) with each repeat
        or paraphrase of its claim said definitely after the review's date.
        """
        out: list[tuple[Review, Claim]] = []
        for review in self._reviews_rated(rating):
            if review.date is None:
                continue
            for other in self.repeats_of(review.claim):
                if other.said is not None and review.date.definitely_before(other.said):
                    out.append((review, other))
        return out


class Ledger(DeskQueries):
    """A collection of claims with their speakers, sources, relations and reviews.

    Build one by :meth:`add`-ing claims, reviews and relations (each adds the
    speakers and sources it embeds), or load one with :func:`claimtrack.loads`.
    Two ledgers are equal when they hold equal records in the same order.
    """

    __slots__ = (
        "_claims",
        "_claims_by_source",
        "_claims_by_speaker",
        "_relations",
        "_relations_by_claim",
        "_reviews",
        "_reviews_by_claim",
        "_sources",
        "_speaker_names",
        "_speakers",
    )

    def __init__(self, records: Iterable[Record | Speaker | Source] = ()) -> None:
        self._speakers: dict[str, Speaker] = {}
        self._sources: dict[str, Source] = {}
        self._claims: dict[str, Claim] = {}
        self._relations: dict[str, Relation] = {}
        self._reviews: dict[str, Review] = {}
        self._claims_by_speaker: dict[str, list[str]] = {}
        self._claims_by_source: dict[str, list[str]] = {}
        self._reviews_by_claim: dict[str, list[str]] = {}
        self._speaker_names: dict[str, list[str]] = {}
        self._relations_by_claim: dict[str, list[str]] = {}
        for record in records:
            self.add(record)

    # -- views ----------------------------------------------------------------

    @property
    def speakers(self) -> RecordView[Speaker]:
        """Every speaker, including reviewers, in the order first added."""
        return RecordView(self._speakers)

    @property
    def sources(self) -> RecordView[Source]:
        """Every source, in the order first added."""
        return RecordView(self._sources)

    @property
    def claims(self) -> RecordView[Claim]:
        """Every claim, in the order first added."""
        return RecordView(self._claims)

    @property
    def relations(self) -> RecordView[Relation]:
        """Every relation, in the order first added."""
        return RecordView(self._relations)

    @property
    def reviews(self) -> RecordView[Review]:
        """Every review, in the order first added."""
        return RecordView(self._reviews)

    def __len__(self) -> int:
        return len(self._claims)

    def __iter__(self) -> Iterator[Claim]:
        return iter(self._claims.values())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ledger):
            return NotImplemented
        return all(
            list(getattr(self, name).items()) == list(getattr(other, name).items())
            for name in ("_speakers", "_sources", "_claims", "_relations", "_reviews")
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"Ledger({len(self._claims)} claims, {len(self._speakers)} speakers, "
            f"{len(self._sources)} sources, {len(self._relations)} relations, "
            f"{len(self._reviews)} reviews)"
        )

    # -- adding ---------------------------------------------------------------

    def add(self, record: R) -> R:
        """Add a claim, a review, a relation, a speaker or a source; return it as held.

        A claim adds its speaker and sources; a review adds its claim and its
        reviewer. A record whose id is already held is merged with it (see the
        module notes); a conflict raises :class:`~claimtrack.IntegrityError`.
        """
        return self._add(record)  # type: ignore[return-value]

    def _add(self, record: object) -> object:
        if isinstance(record, Claim):
            return self._add_claim(record)
        if isinstance(record, Review):
            return self._add_review(record)
        if isinstance(record, Relation):
            return self._add_relation(record)
        if isinstance(record, Speaker):
            return self._add_speaker(record)
        if isinstance(record, Source):
            return self._add_source(record)
        raise TypeError(
            "a Ledger holds Claims, Reviews, Relations, Speakers and Sources "
            f"(got {type(record).__name__})"
        )

    def extend(self, records: Iterable[Record | Speaker | Source]) -> None:
        """Add every record of *records*."""
        for record in records:
            self.add(record)

    def _raise(self, problems: list[Problem]) -> None:
        if problems:
            raise IntegrityError(problems)

    def _add_speaker(self, speaker: Speaker) -> Speaker:
        held = self._speakers.get(speaker.id)
        if held is None:
            self._speakers[speaker.id] = speaker
            self._index_names(speaker)
            return speaker
        problems: list[Problem] = []
        merged = _merge(held, speaker, f"speakers[{speaker.id!r}]", problems)
        self._raise(problems)
        if merged is not held:
            self._speakers[speaker.id] = merged
            self._index_names(merged)
            self._repoint_speaker(merged)
        return merged

    def _index_names(self, speaker: Speaker) -> None:
        for name in speaker.names():
            ids = self._speaker_names.setdefault(normalize_name(name), [])
            if speaker.id not in ids:
                ids.append(speaker.id)

    def _add_source(self, source: Source) -> Source:
        if source.part_of is not None:
            parent = self._add_source(source.part_of)
            if parent is not source.part_of:
                source = attrs.evolve(source, part_of=parent)
        held = self._sources.get(source.id)
        if held is None:
            self._sources[source.id] = source
            return source
        problems: list[Problem] = []
        merged = _merge(held, source, f"sources[{source.id!r}]", problems)
        self._raise(problems)
        if merged is not held:
            self._sources[source.id] = merged
            self._repoint_source(merged)
        return merged

    def _canonical_appearance(self, appearance: Appearance) -> Appearance:
        source = self._add_source(appearance.source)
        return (
            appearance if source is appearance.source else attrs.evolve(appearance, source=source)
        )

    def _held_parts(self, claim: Claim) -> bool:
        """Whether the claim's speaker and sources are the very records held."""
        if self._speakers.get(claim.speaker.id) is not claim.speaker:
            return False
        sources = self._sources
        for appearance in claim.appearances:
            if sources.get(appearance.source.id) is not appearance.source:
                return False
        return True

    def _add_claim(self, claim: Claim) -> Claim:
        # The common case (a claim read from a document) first: nothing to add.
        speaker = claim.speaker
        if not self._held_parts(claim):
            speaker = self._add_speaker(claim.speaker)
            appearances = tuple(self._canonical_appearance(a) for a in claim.appearances)
            if speaker is not claim.speaker or any(
                a is not b for a, b in zip(appearances, claim.appearances, strict=True)
            ):
                claim = attrs.evolve(claim, speaker=speaker, appearances=appearances)
        held = self._claims.get(claim.id)
        if held is None:
            self._store_claim(claim)
            self._claims_by_speaker.setdefault(speaker.id, []).append(claim.id)
            return claim
        if claim.text != held.text:
            # Keep the other wording on the appearances it came with.
            claim = attrs.evolve(
                claim,
                text=held.text,
                appearances=tuple(
                    a if a.wording is not None else attrs.evolve(a, wording=claim.text)
                    for a in claim.appearances
                ),
            )
        problems: list[Problem] = []
        merged = _merge(held, claim, f"claims[{claim.id!r}]", problems)
        self._raise(problems)
        if merged is not held:
            self._store_claim(merged)
            self._repoint_claim(merged)
        return merged

    def _store_claim(self, claim: Claim) -> None:
        self._claims[claim.id] = claim
        for appearance in claim.appearances:
            ids = self._claims_by_source.setdefault(appearance.source.id, [])
            if (not ids or ids[-1] != claim.id) and claim.id not in ids:
                ids.append(claim.id)

    def _add_review(self, review: Review) -> Review:
        claim = self._add_claim(review.claim)
        reviewer = self._add_speaker(review.reviewer)
        if claim is not review.claim or reviewer is not review.reviewer:
            review = attrs.evolve(review, claim=claim, reviewer=reviewer)
        held = self._reviews.get(review.id)
        if held is None:
            self._reviews[review.id] = review
            self._reviews_by_claim.setdefault(claim.id, []).append(review.id)
            return review
        problems: list[Problem] = []
        merged = _merge(held, review, f"reviews[{review.id!r}]", problems)
        self._raise(problems)
        self._reviews[review.id] = merged
        return merged

    def _add_relation(self, relation: Relation) -> Relation:
        held = self._relations.get(relation.id)
        if held is None:
            self._relations[relation.id] = relation
            for end in (relation.claim, relation.target):
                self._relations_by_claim.setdefault(end, []).append(relation.id)
            return relation
        problems: list[Problem] = []
        merged = _merge(held, relation, f"relations[{relation.id!r}]", problems)
        self._raise(problems)
        self._relations[relation.id] = merged
        return merged

    # Records embed speakers, sources and claims; when one is merged into a new
    # object, every record embedding it is rebuilt to embed the new one.

    def _repoint_speaker(self, speaker: Speaker) -> None:
        for claim_id in self._claims_by_speaker.get(speaker.id, ()):
            claim = self._claims[claim_id]
            self._claims[claim_id] = rebuilt = attrs.evolve(claim, speaker=speaker)
            self._repoint_claim(rebuilt)
        for review_id, review in list(self._reviews.items()):
            if review.reviewer.id == speaker.id:
                self._reviews[review_id] = attrs.evolve(review, reviewer=speaker)

    def _repoint_source(self, source: Source) -> None:
        for child_id, child in list(self._sources.items()):
            # A source that names itself as its part_of would loop here.
            if child.part_of is not None and child.part_of.id == source.id != child_id:
                self._sources[child_id] = rebuilt = attrs.evolve(child, part_of=source)
                self._repoint_source(rebuilt)
        for claim_id in self._claims_by_source.get(source.id, ()):
            claim = self._claims[claim_id]
            appearances = tuple(
                attrs.evolve(a, source=source) if a.source.id == source.id else a
                for a in claim.appearances
            )
            self._claims[claim_id] = rebuilt_claim = attrs.evolve(claim, appearances=appearances)
            self._repoint_claim(rebuilt_claim)

    def _repoint_claim(self, claim: Claim) -> None:
        for review_id in self._reviews_by_claim.get(claim.id, ()):
            self._reviews[review_id] = attrs.evolve(self._reviews[review_id], claim=claim)

    # -- integrity ------------------------------------------------------------

    def problems(self) -> list[Problem]:
        """Every integrity problem of the ledger, each with its path (empty when sound).

        Checks that every ``via`` and relation end names a claim in the ledger,
        that ``via`` chains do not loop, and that no claim is said definitely
        after the publication of its first appearance's source.
        """
        problems: list[Problem] = []
        claims = self._claims
        index = {claim_id: i for i, claim_id in enumerate(claims)}
        for i, claim in enumerate(claims.values()):
            for j, appearance in enumerate(claim.appearances):
                if appearance.via is not None and appearance.via not in claims:
                    problems.append(
                        Problem(
                            f"$.claims[{i}].appearances[{j}].via",
                            f"'via' names the claim {appearance.via!r}, which is not in the ledger",
                        )
                    )
            first = claim.first_appearance
            published = first.source.published if first is not None else None
            if (
                claim.said is not None
                and published is not None
                and published.definitely_before(claim.said)
            ):
                problems.append(
                    Problem(
                        f"$.claims[{i}].said",
                        f"the claim is said ({claim.said}) after its first source was "
                        f"published ({published})",
                    )
                )
        problems.extend(self._via_cycles(index))
        for i, relation in enumerate(self._relations.values()):
            for end in ("claim", "target"):
                ident = getattr(relation, end)
                if ident not in claims:
                    problems.append(
                        Problem(
                            f"$.relations[{i}].{end}",
                            f"'{end}' names the claim {ident!r}, which is not in the ledger",
                        )
                    )
        return problems

    def _via_cycles(self, index: dict[str, int]) -> list[Problem]:
        problems: list[Problem] = []
        state: dict[str, int] = {}  # 1: on the current path, 2: done
        for root in self._claims:
            if root in state:
                continue
            stack: list[tuple[str, Iterator[str]]] = [(root, self._vias(root))]
            state[root] = 1
            while stack:
                node, children = stack[-1]
                child = next(children, None)
                if child is None:
                    state[node] = 2
                    stack.pop()
                elif state.get(child) == 1:
                    loop = [n for n, _ in stack[[n for n, _ in stack].index(child) :]]
                    problems.append(
                        Problem(
                            f"$.claims[{index[node]}].appearances",
                            "'via' chains loop: " + " -> ".join([*loop, child]),
                        )
                    )
                elif child not in state and child in self._claims:
                    state[child] = 1
                    stack.append((child, self._vias(child)))
        return problems

    def _vias(self, claim_id: str) -> Iterator[str]:
        return (a.via for a in self._claims[claim_id].appearances if a.via is not None)

    def validate(self) -> None:
        """Check integrity; raise :class:`~claimtrack.IntegrityError` listing every problem."""
        self._raise(self.problems())

    # -- queries --------------------------------------------------------------

    def speaker(self, who: Speaker | str) -> list[Speaker]:
        """The speakers *who* names: a Speaker, a speaker id, an identifier value
        (a Wikidata id, a handle), a name, or an alias (compared normalised).
        """
        if isinstance(who, Speaker):
            held = self._speakers.get(who.id)
            return [held] if held is not None else []
        if who in self._speakers:
            return [self._speakers[who]]
        ids = self._speaker_names.get(normalize_name(who), [])
        found = [self._speakers[i] for i in ids]
        if not found:
            found = [s for s in self._speakers.values() if who in s.identifiers.values()]
        return found

    def claims_by(self, who: Speaker | str) -> list[Claim]:
        """Claims by the speaker *who* names (see :meth:`speaker`), in insertion order."""
        ids = [i for s in self.speaker(who) for i in self._claims_by_speaker.get(s.id, ())]
        if len(ids) > 1:
            order = {claim_id: n for n, claim_id in enumerate(self._claims)}
            ids.sort(key=order.__getitem__)
        return [self._claims[i] for i in ids]

    def claims_between(
        self,
        start: Date | str | None,
        end: Date | str | None,
        mode: Literal["definitely", "possibly"] = "definitely",
    ) -> list[Claim]:
        """Claims said within the window from *start* to *end* (either may be None
        for an open end).

        With ``mode="definitely"`` a claim counts when every instant its
        said-date may stand for lies in the window; with ``"possibly"``, when
        some instant may. Claims with no said-date never count.
        """
        test = _said_test(start, end, mode)
        return [c for c in self._claims.values() if c.said is not None and test(c.said)]

    def claims_in(self, source: Source | str) -> list[Claim]:
        """Claims that appeared in *source*: a Source, a source id or a URL."""
        if isinstance(source, Source):
            source_id = source.id
        elif source in self._sources:
            source_id = source
        else:
            wanted = normalize_url(source)
            source_id = next(
                (s.id for s in self._sources.values() if s.url and normalize_url(s.url) == wanted),
                "",
            )
        return [self._claims[i] for i in self._claims_by_source.get(source_id, ())]

    def first_appearance(self, claim: Claim | str) -> Appearance | None:
        """The earliest appearance of *claim* (a Claim or a claim id) held in the ledger."""
        held = self._claims.get(claim if isinstance(claim, str) else claim.id)
        return held.first_appearance if held is not None else None

    def reviews_of(self, claim: Claim | str) -> list[Review]:
        """The reviews of *claim* (a Claim or a claim id)."""
        claim_id = claim if isinstance(claim, str) else claim.id
        return [self._reviews[i] for i in self._reviews_by_claim.get(claim_id, ())]

    def relations_of(
        self, claim: Claim | str, kind: RelationKind | str | None = None
    ) -> list[Relation]:
        """The relations that start or end at *claim*, optionally of one *kind*."""
        claim_id = claim if isinstance(claim, str) else claim.id
        relations = (self._relations[i] for i in self._relations_by_claim.get(claim_id, ()))
        return [r for r in relations if kind is None or r.kind == kind]

    # -- the questions a desk asks ----------------------------------------------

    def _claim(self, claim_id: str) -> Claim | None:
        return self._claims.get(claim_id)

    def _reviews_rated(self, rating: str | None) -> Iterator[Review]:
        wanted = None if rating is None else normalize_text(rating)
        for review in self._reviews.values():
            label = rating_label(review)
            if wanted is None or (label is not None and normalize_text(label) == wanted):
                yield review

    def claims_by_organization(self, organization: str) -> list[Claim]:
        """Claims said by speakers while they held a role in *organization*
        (its name, compared normalised).

        A role counts when it may have been held at the claim's said-date (see
        :meth:`Role.held_at`); a claim with no said-date counts only for a role
        with neither start nor end.
        """
        wanted = normalize_name(organization)
        out: list[Claim] = []
        for speaker in self._speakers.values():
            if not any(
                r.organization and normalize_name(r.organization) == wanted for r in speaker.roles
            ):
                continue
            out.extend(
                self._claims[i]
                for i in self._claims_by_speaker.get(speaker.id, ())
                if _held_role(speaker, wanted, self._claims[i].said)
            )
        return self._in_order(out)

    def claims_published_by(self, publisher: str) -> list[Claim]:
        """Claims that appeared in a source of *publisher* (compared normalised)."""
        wanted = normalize_name(publisher)
        ids: set[str] = set()
        for source in self._sources.values():
            if source.publisher is not None and normalize_name(source.publisher) == wanted:
                ids.update(self._claims_by_source.get(source.id, ()))
        return [c for c in self._claims.values() if c.id in ids]

    def claims_tagged(self, tag: str) -> list[Claim]:
        """Claims carrying the tag *tag* (compared exactly)."""
        return [c for c in self._claims.values() if tag in c.tags]

    def claims_rated(self, rating: str) -> list[Claim]:
        """Claims with a review whose rating label (or value) is *rating*, compared
        normalised ("false" matches "False").
        """
        ids = {review.claim.id for review in self._reviews_rated(rating)}
        return [c for c in self._claims.values() if c.id in ids]

    def search(self, text: str) -> list[Claim]:
        """Claims whose text contains every word of *text*, in any order.

        Words are compared after :func:`normalize_text` (case, accents in
        composed or decomposed form, punctuation and quotation marks do not
        count); a word matches whole words only.
        """
        words = set(_search_words(text))
        return [c for c in self._claims.values() if words <= set(normalize_text(c.text).split())]

    def query(
        self,
        *,
        speaker: Speaker | str | None = None,
        organization: str | None = None,
        start: Date | str | None = None,
        end: Date | str | None = None,
        mode: Literal["definitely", "possibly"] = "definitely",
        source: Source | str | None = None,
        publisher: str | None = None,
        text: str | None = None,
        tag: str | None = None,
        rating: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Claim]:
        """Claims that meet every filter given, in insertion order.

        Each filter means what its own method means: *speaker* as
        :meth:`claims_by`, *organization* as :meth:`claims_by_organization`,
        *start* and *end* (with *mode*) as :meth:`claims_between`, *source* as
        :meth:`claims_in`, *publisher* as :meth:`claims_published_by`, *text* as
        :meth:`search`, *tag* as :meth:`claims_tagged` and *rating* as
        :meth:`claims_rated`. *offset* skips the first so many matches and
        *limit* keeps the next so many: ``offset=100, limit=100`` is the second page.
        """
        _check_limit(limit)
        _check_offset(offset)
        skip = offset
        sets: list[set[str]] = []
        if speaker is not None:
            sets.append({c.id for c in self.claims_by(speaker)})
        if organization is not None:
            sets.append({c.id for c in self.claims_by_organization(organization)})
        if source is not None:
            sets.append({c.id for c in self.claims_in(source)})
        if publisher is not None:
            sets.append({c.id for c in self.claims_published_by(publisher)})
        if rating is not None:
            sets.append({c.id for c in self.claims_rated(rating)})
        window = _said_test(start, end, mode) if start is not None or end is not None else None
        words = set(_search_words(text)) if text is not None else None
        out: list[Claim] = []
        for claim in self._claims.values():
            if limit is not None and len(out) >= limit:
                break
            if any(claim.id not in ids for ids in sets):
                continue
            if window is not None and (claim.said is None or not window(claim.said)):
                continue
            if tag is not None and tag not in claim.tags:
                continue
            if words is not None and not words <= set(normalize_text(claim.text).split()):
                continue
            if skip:
                skip -= 1
                continue
            out.append(claim)
        return out

    def _in_order(self, claims: list[Claim]) -> list[Claim]:
        if len(claims) > 1:
            order = {claim_id: n for n, claim_id in enumerate(self._claims)}
            claims.sort(key=lambda c: order[c.id])
        return claims

    # -- relations between claims ---------------------------------------------

    def suggest_relations(
        self,
        *,
        threshold: float = 0.5,
        repeat_threshold: float = 0.8,
        min_words: int = 4,
        at: Date | str | None = None,
    ) -> list[Relation]:
        """Find repeats and near-duplicates among the claims; add and return them
        as *suggested* relations.

        A later claim ``repeats`` an earlier one of the same speaker when their
        texts are near-identical (similarity at least *repeat_threshold*), and
        ``paraphrases`` it when they are similar (at least *threshold*) but the
        speaker or the wording differs. Short texts, negation flips and
        different numbers are never linked; see :mod:`claimtrack._repeats`.
        Nothing is confirmed: a person confirms or rejects each suggestion
        (:meth:`confirm`, :meth:`reject`). A pair already linked (in any
        status, either way round) is not suggested again, so rejected
        suggestions stay rejected.
        """
        from claimtrack._repeats import TOOL, features, find_matches

        ordered = sorted(
            enumerate(self._claims.values()), key=lambda item: (_said_key(item[1]), item[0])
        )
        matches = find_matches(
            (features(c.id, c.speaker.id, c.text) for _, c in ordered),
            threshold=threshold,
            repeat_threshold=repeat_threshold,
            min_words=min_words,
        )
        when = _as_date(at)
        out: list[Relation] = []
        for match in matches:
            if self._linked(match.claim, match.target):
                continue
            relation = Relation(
                kind=match.kind,
                claim=match.claim,
                target=match.target,
                weight=match.similarity,
                by=TOOL,
                at=when,
            )
            out.append(self._add_relation(relation))
        return out

    def _linked(self, a: str, b: str) -> bool:
        return any({r.claim, r.target} == {a, b} and r.kind in _LINKS for r in self.relations_of(a))

    def confirm(
        self, relation: Relation | str, *, by: str | None = None, at: Date | str | None = None
    ) -> Relation:
        """Mark a held relation (or relation id) confirmed, by a person *by* at *at*;
        return it as now held.
        """
        return self._set_status(relation, RelationStatus.CONFIRMED, by, at)

    def reject(
        self, relation: Relation | str, *, by: str | None = None, at: Date | str | None = None
    ) -> Relation:
        """Mark a held relation (or relation id) rejected; it stays in the ledger, so
        the same link is not suggested again. Return it as now held.
        """
        return self._set_status(relation, RelationStatus.REJECTED, by, at)

    def _set_status(
        self,
        relation: Relation | str,
        status: RelationStatus,
        by: str | None,
        at: Date | str | None,
    ) -> Relation:
        ident = relation if isinstance(relation, str) else relation.id
        held = self._relations.get(ident)
        if held is None:
            raise IntegrityError([Problem("$.relations", f"no relation has the id {ident!r}")])
        changes: dict[str, Any] = {"status": status}
        if by is not None:
            changes["by"] = by
        if at is not None:
            changes["at"] = _as_date(at)
        self._relations[ident] = updated = attrs.evolve(held, **changes)
        return updated

    def relations_where(
        self,
        *,
        kind: RelationKind | str | None = None,
        status: RelationStatus | str | None = None,
    ) -> list[Relation]:
        """The relations of *kind* and *status* (either may be None for any), in
        insertion order: ``relations_where(status="suggested")`` is the review queue.
        """
        return [
            r
            for r in self._relations.values()
            if (kind is None or r.kind == kind) and (status is None or r.status == status)
        ]


def _search_words(text: str) -> list[str]:
    words = normalize_text(text).split() if isinstance(text, str) else []
    if not words:
        raise ValidationError(
            f"'text' must contain at least one word (got {text!r})", field="text", value=text
        )
    return words


def _check_limit(limit: int | None) -> None:
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise ValidationError(
            f"'limit' must be a non-negative integer or None (got {limit!r})",
            field="limit",
            value=limit,
        )


def _check_offset(offset: int) -> None:
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise ValidationError(
            f"'offset' must be a non-negative integer (got {offset!r})",
            field="offset",
            value=offset,
        )


def _window(start: Date | None, end: Date | None) -> Date:
    left = ".." if start is None or start.start is None else start.start.value
    right = ".." if end is None or end.end is None else end.end.value
    if left == right == "..":
        left = "0001"
    return Date.parse(f"{left}/{right}")
