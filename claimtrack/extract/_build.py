"""From found attributions to a Ledger of claims."""

from __future__ import annotations

import attrs

from claimtrack._claim import Anchor, Appearance, Claim, QuoteKind, Span
from claimtrack._ledger import Ledger
from claimtrack._source import Source
from claimtrack._speaker import Role, Speaker, SpeakerKind
from claimtrack.exceptions import IntegrityError, ValidationError
from claimtrack.extract._attribution import Found, find
from claimtrack.extract._dates import said_date
from claimtrack.extract._speakers import Entity, Resolver

__all__ = ["extract"]

_DOUBLE = '"“”«»„'
_MARKS = _DOUBLE + "‘’'"
#: How far back (in characters) a pronoun looks for its antecedent.
_PRONOUN_WINDOW = 1200


def _version() -> str:
    import claimtrack

    return f"claimtrack {claimtrack.__version__}"


def _quote_kind(text: str, found: Found) -> QuoteKind:
    spans = found.content
    if all(start > 0 and text[start - 1] in _MARKS for start, _ in spans):
        return QuoteKind.DIRECT
    marks = _MARKS if found.headline else _DOUBLE
    if any(any(mark in text[a:b] for mark in marks) for a, b in spans):
        return QuoteKind.MIXED
    return QuoteKind.INDIRECT


def _speaker(entity: Entity) -> Speaker:
    if entity.kind in ("person", "organization") and entity.name:
        aliases = tuple(a for a in entity.aliases if a != entity.name)
        roles = (Role(title=entity.role),) if entity.role and entity.kind == "person" else ()
        return Speaker(
            kind=SpeakerKind(entity.kind), name=entity.name, aliases=aliases, roles=roles
        )
    return Speaker(kind=SpeakerKind(entity.kind), description=entity.description or "unknown")


def _resolve(found: list[Found], text: str) -> list[list[Entity]]:
    resolver = Resolver(text)
    for item in found:
        for mention in item.mentions:
            resolver.declare(mention)
    resolved: dict[int, list[Entity]] = {}
    for item in sorted(found, key=lambda f: (f.source or f.cue)[0]):
        if item.shares is not None and id(item.shares) in resolved:
            resolved[id(item)] = resolved[id(item.shares)]
            continue
        position = (item.source or item.cue)[0]
        entities: list[Entity] = []
        for mention in item.mentions:
            entity = resolver.resolve(mention, position, position - _PRONOUN_WINDOW)
            if entity is None:
                entities = []
                break
            entities.append(entity)
        resolved[id(item)] = entities
    return [resolved.get(id(item), []) for item in found]


def extract(text: str, source: Source) -> Ledger:
    """The claims attributed in *text*, a story published as *source*.

    Each claim's appearance carries the anchor (content, cue and speaker
    spans, in code points of *text*), the cue, the quote kind, the speaker's
    role as the story gives it, ``via`` for nested attributions, a
    ``confidence`` and ``attributed_by`` naming claimtrack and its version.
    Sentences the writer states as fact give no claims.

    Raises:
        ValidationError: *text* is not a string or *source* is not a Source.
    """
    if not isinstance(text, str):
        raise ValidationError(
            f"'text' must be a string (got {type(text).__name__})", field="text", value=text
        )
    if not isinstance(source, Source):
        raise ValidationError(
            f"'source' must be a Source (got {type(source).__name__})",
            field="source",
            value=source,
        )
    ledger = Ledger()
    ledger.add(source)
    found = find(text)
    entities = _resolve(found, text)
    by_found: dict[int, list[Claim]] = {}
    gathered: dict[str, tuple[Claim, list[Appearance]]] = {}
    attributed_by = _version()
    language = source.language
    order = sorted(range(len(found)), key=lambda i: _depth(found[i]))
    for index in order:
        item = found[index]
        if not entities[index]:
            continue
        outer = by_found.get(id(item.outer)) if item.outer is not None else None
        via = outer[0].id if outer else None
        said = said_date(item.frame, source.published)
        anchor = Anchor(
            content=tuple(Span(a, b) for a, b in item.content),
            cue=Span(*item.cue),
            speaker=Span(*item.source) if item.source else None,
        )
        claim_text = " ".join(text[a:b] for a, b in item.content)
        role = item.role if len(entities[index]) == 1 else None
        claims = []
        for entity in entities[index]:
            appearance = Appearance(
                source=source,
                quote=_quote_kind(text, item),
                cue=" ".join(text[item.cue[0] : item.cue[1]].lower().split()),
                speaker_role=role or (entity.role if len(entities[index]) == 1 else None),
                anchor=anchor,
                via=via,
                confidence=round(item.confidence, 2),
                attributed_by=attributed_by,
            )
            claim = Claim(
                text=claim_text,
                speaker=_speaker(entity),
                said=said,
                language=language,
                appearances=(appearance,),
            )
            # The same claim reported again in the text: one more appearance.
            held = gathered.get(claim.id)
            if held is None:
                gathered[claim.id] = (claim, [appearance])
            else:
                held[1].append(appearance)
            claims.append(claim)
        by_found[id(item)] = claims
    # Each claim is added once, with all its appearances: merging one at a time
    # would cost time quadratic in the repeats of a claim.
    for claim, appearances in gathered.values():
        try:
            ledger.add(attrs.evolve(claim, appearances=tuple(appearances)))
        except IntegrityError:  # a record that contradicts one already held
            continue
    return ledger


def _depth(found: Found) -> int:
    depth = 0
    outer = found.outer
    while outer is not None and depth < 50:
        depth += 1
        outer = outer.outer
    return depth
