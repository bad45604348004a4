"""Dump and load a ledger document, side by side with pydantic v2 and msgspec.

    python benchmarks/serde.py [--claims 100000] [--repeat 3]

The same JSON document (claimtrack's wire format) is written and read by:

- claimtrack: ``dumps`` / ``loads`` (strict types, every field validated, ids
  resolved to records, integrity checked);
- pydantic v2 models of the same shape, in strict mode, with the constraints
  pydantic can state (patterns for EDTF values, URLs and language tags, ranges,
  non-empty strings, forbidden extra keys); references stay strings;
- msgspec Structs of the same shape, with the same constraints as ``Meta``.

It prints microseconds per claim and ratios (claimtrack / other: below 1.0 is
faster), and the memory held per claim by each loaded result.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

sys.path.insert(0, str(Path(__file__).resolve().parent))

import msgspec
import pydantic
from _corpus import generate

import claimtrack
from claimtrack._schema import _EDTF_PATTERN

URL = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+"
LANG = r"^(?:[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*|[Xx](?:-[A-Za-z0-9]{1,8})+)$"
TEXT = r"\S"

# -- pydantic v2 --------------------------------------------------------------

P = pydantic
PText = Annotated[str, P.StringConstraints(min_length=1, pattern=TEXT)]
PUrl = Annotated[str, P.StringConstraints(pattern=URL)]
PLang = Annotated[str, P.StringConstraints(pattern=LANG)]
PEdtf = Annotated[str, P.StringConstraints(pattern=_EDTF_PATTERN)]
Strict = P.ConfigDict(strict=True, extra="forbid", frozen=True)


class PDate(P.BaseModel):
    model_config = Strict
    value: PEdtf
    basis: Literal["stated", "inferred", "resolved", "unknown"] = "stated"
    text: PText | None = None
    rule: PText | None = None


PDateField = PEdtf | PDate


class PRole(P.BaseModel):
    model_config = Strict
    title: PText
    organization: PText | None = None
    start: PDateField | None = None
    end: PDateField | None = None


class PSpeaker(P.BaseModel):
    model_config = Strict
    id: PText
    kind: Literal["person", "organization", "group", "unnamed"] = "person"
    name: PText | None = None
    description: PText | None = None
    aliases: tuple[PText, ...] = ()
    identifiers: dict[str, PText] = {}
    roles: tuple[PRole, ...] = ()
    extra: dict[str, Any] = {}


class PSource(P.BaseModel):
    model_config = Strict
    id: PText
    kind: str = "article"
    title: PText | None = None
    publisher: PText | None = None
    authors: tuple[PText, ...] = ()
    url: PUrl | None = None
    published: PDateField | None = None
    retrieved: PDateField | None = None
    archived_url: PUrl | None = None
    language: PLang | None = None
    section: PText | None = None
    part_of: PText | None = None
    extra: dict[str, Any] = {}


class PSpan(P.BaseModel):
    model_config = Strict
    start: Annotated[int, P.Field(ge=0)]
    end: Annotated[int, P.Field(ge=1)]


class PAnchor(P.BaseModel):
    model_config = Strict
    content: tuple[PSpan, ...]
    cue: PSpan | None = None
    speaker: PSpan | None = None


class PAppearance(P.BaseModel):
    model_config = Strict
    source: PText
    quote: Literal["direct", "indirect", "mixed", "unknown"] = "unknown"
    cue: PText | None = None
    speaker_role: PText | None = None
    wording: PText | None = None
    anchor: PAnchor | None = None
    via: PText | None = None
    fidelity: str | None = None
    confidence: Annotated[float, P.Field(ge=0, le=1)] | None = None
    attributed_by: PText | None = None


class PClaim(P.BaseModel):
    model_config = Strict
    id: PText
    text: PText
    speaker: PText
    said: PDateField | None = None
    about: PDateField | None = None
    language: PLang | None = None
    appearances: tuple[PAppearance, ...] = ()
    tags: tuple[PText, ...] = ()
    extra: dict[str, Any] = {}


class PDocument(P.BaseModel):
    model_config = P.ConfigDict(strict=True, extra="forbid", frozen=True, populate_by_name=True)
    claimtrack: Literal[1]
    speakers: tuple[PSpeaker, ...] = ()
    sources: tuple[PSource, ...] = ()
    claims: tuple[PClaim, ...] = ()
    relations: tuple[dict[str, Any], ...] = ()
    reviews: tuple[dict[str, Any], ...] = ()


# -- msgspec ------------------------------------------------------------------

M = msgspec
MText = Annotated[str, M.Meta(min_length=1, pattern=TEXT)]
MUrl = Annotated[str, M.Meta(pattern=URL)]
MLang = Annotated[str, M.Meta(pattern=LANG)]
MEdtf = Annotated[str, M.Meta(pattern=_EDTF_PATTERN)]


class MDate(M.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    value: MEdtf
    basis: Literal["stated", "inferred", "resolved", "unknown"] = "stated"
    text: MText | None = None
    rule: MText | None = None


MDateField = MEdtf | MDate


class MRole(M.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    title: MText
    organization: MText | None = None
    start: MDateField | None = None
    end: MDateField | None = None


class MSpeaker(M.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    id: MText
    kind: Literal["person", "organization", "group", "unnamed"] = "person"
    name: MText | None = None
    description: MText | None = None
    aliases: tuple[MText, ...] = ()
    identifiers: dict[str, MText] = {}
    roles: tuple[MRole, ...] = ()
    extra: dict[str, Any] = {}


class MSource(M.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    id: MText
    kind: str = "article"
    title: MText | None = None
    publisher: MText | None = None
    authors: tuple[MText, ...] = ()
    url: MUrl | None = None
    published: MDateField | None = None
    retrieved: MDateField | None = None
    archived_url: MUrl | None = None
    language: MLang | None = None
    section: MText | None = None
    part_of: MText | None = None
    extra: dict[str, Any] = {}


class MSpan(M.Struct, forbid_unknown_fields=True, frozen=True):
    start: Annotated[int, M.Meta(ge=0)]
    end: Annotated[int, M.Meta(ge=1)]


class MAnchor(M.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    content: tuple[MSpan, ...]
    cue: MSpan | None = None
    speaker: MSpan | None = None


class MAppearance(M.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    source: MText
    quote: Literal["direct", "indirect", "mixed", "unknown"] = "unknown"
    cue: MText | None = None
    speaker_role: MText | None = None
    wording: MText | None = None
    anchor: MAnchor | None = None
    via: MText | None = None
    fidelity: str | None = None
    confidence: Annotated[float, M.Meta(ge=0, le=1)] | None = None
    attributed_by: MText | None = None


class MClaim(M.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    text: MText
    speaker: MText
    id: MText
    said: MDateField | None = None
    about: MDateField | None = None
    language: MLang | None = None
    appearances: tuple[MAppearance, ...] = ()
    tags: tuple[MText, ...] = ()
    extra: dict[str, Any] = {}


class MDocument(M.Struct, forbid_unknown_fields=True, frozen=True, omit_defaults=True):
    claimtrack: Literal[1]
    speakers: tuple[MSpeaker, ...] = ()
    sources: tuple[MSource, ...] = ()
    claims: tuple[MClaim, ...] = ()
    relations: tuple[dict[str, Any], ...] = ()
    reviews: tuple[dict[str, Any], ...] = ()


# -- measuring ----------------------------------------------------------------


def best_of(repeat: int, fn: Callable[[], object], paused: bool = False) -> float:
    """Best wall time of *fn*; with *paused*, the cyclic collector is off around
    each call (claimtrack's loads pauses it itself; the others do not).
    """
    times = []
    for _ in range(repeat):
        gc.collect()
        if paused:
            gc.disable()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        gc.enable()
    return min(times)


def held_bytes(fn: Callable[[], object]) -> int:
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    result = fn()
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del result
    return after - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    ledger = generate(args.claims)
    text = claimtrack.dumps(ledger)
    data = text.encode()
    n = len(ledger.claims)
    p_doc = PDocument.model_validate_json(data, strict=True)
    m_doc = msgspec.json.decode(data, type=MDocument, strict=True)
    # The three agree on the document they read.
    assert json.loads(p_doc.model_dump_json(exclude_defaults=True)) == json.loads(text)
    assert json.loads(msgspec.json.encode(m_doc)) == json.loads(text)
    assert claimtrack.loads(data) == ledger

    paused_load = {
        "claimtrack": best_of(args.repeat, lambda: claimtrack.loads(data), paused=True),
        "pydantic v2": best_of(
            args.repeat, lambda: PDocument.model_validate_json(data, strict=True), paused=True
        ),
        "msgspec": best_of(
            args.repeat, lambda: msgspec.json.decode(data, type=MDocument, strict=True), paused=True
        ),
    }
    rows = []
    dump = {
        "claimtrack": best_of(args.repeat, lambda: claimtrack.dumps(ledger)),
        "pydantic v2": best_of(args.repeat, lambda: p_doc.model_dump_json(exclude_defaults=True)),
        "msgspec": best_of(args.repeat, lambda: msgspec.json.encode(m_doc)),
    }
    load = {
        "claimtrack": best_of(args.repeat, lambda: claimtrack.loads(data)),
        "pydantic v2": best_of(
            args.repeat, lambda: PDocument.model_validate_json(data, strict=True)
        ),
        "msgspec": best_of(
            args.repeat, lambda: msgspec.json.decode(data, type=MDocument, strict=True)
        ),
    }
    memory = {
        "claimtrack": held_bytes(lambda: claimtrack.loads(data)),
        "pydantic v2": held_bytes(lambda: PDocument.model_validate_json(data, strict=True)),
        "msgspec": held_bytes(lambda: msgspec.json.decode(data, type=MDocument, strict=True)),
    }
    print(
        f"{n} claims, {len(ledger.speakers)} speakers, {len(ledger.sources)} sources, "
        f"document {len(data) / 1e6:.1f} MB; Python {sys.version.split()[0]}, "
        f"pydantic {pydantic.VERSION}, msgspec {msgspec.__version__}\n"
    )
    header = f"{'library':<12} {'dump µs/claim':>14} {'load µs/claim':>14} {'memory B/claim':>15}"
    print(header)
    print("-" * len(header))
    for name in dump:
        rows.append((name, dump[name] / n * 1e6, load[name] / n * 1e6, memory[name] / n))
        print(f"{name:<12} {rows[-1][1]:>14.2f} {rows[-1][2]:>14.2f} {rows[-1][3]:>15.0f}")
    print()
    for other in ("pydantic v2", "msgspec"):
        print(
            f"claimtrack / {other}: dump {dump['claimtrack'] / dump[other]:.2f}, "
            f"load {load['claimtrack'] / load[other]:.2f}, "
            f"memory {memory['claimtrack'] / memory[other]:.2f}"
        )
    print("\nload with the garbage collector paused around every call (µs/claim):")
    for name, seconds in paused_load.items():
        ratio = paused_load["claimtrack"] / seconds
        print(f"  {name:<12} {seconds / n * 1e6:>8.2f}   claimtrack / {name}: {ratio:.2f}")


if __name__ == "__main__":
    main()
