"""The shipped example: its ledger file is what its script builds, and it is sound."""

import runpy
import subprocess
import sys
from pathlib import Path

from claimtrack import Basis, Ledger, SpeakerKind, dumps, loads

ROOT = Path(__file__).resolve().parent.parent


def build() -> Ledger:
    module = runpy.run_path(str(ROOT / "examples" / "river_story.py"))
    return module["build"]()  # type: ignore[no-any-return]


def test_example_file_is_the_scripts_output() -> None:
    assert (ROOT / "examples" / "river-story.json").read_text(encoding="utf-8") == dumps(build())


def test_example_models_what_the_tutorial_promises() -> None:
    ledger = loads((ROOT / "examples" / "river-story.json").read_text(encoding="utf-8"))
    assert len(ledger.claims) >= 10
    kinds = {c.speaker.kind for c in ledger.claims}
    assert {
        SpeakerKind.PERSON,
        SpeakerKind.ORGANIZATION,
        SpeakerKind.GROUP,
        SpeakerKind.UNNAMED,
    } <= kinds
    assert any(a.via for c in ledger.claims for a in c.appearances)  # nested attribution
    assert any(c.said and c.said.precision == "month" for c in ledger.claims)
    assert any(c.about and c.said and not c.about.overlaps(c.said) for c in ledger.claims)
    assert any(c.said and c.said.basis is Basis.RESOLVED for c in ledger.claims)
    kovacs = ledger.claims_by("Kovacs")
    assert len(kovacs) == 3 and kovacs[0].speaker.roles[0].organization == "Danube Water Authority"
    posted = ledger.claims_by("@tomasbrandt")[0]
    assert posted.first_appearance is not None
    assert posted.first_appearance.source.kind == "social_post"
    article = ledger.sources[0]
    for claim in ledger.claims_in(article):
        for appearance in claim.appearances:
            if appearance.source == article and appearance.anchor is not None:
                text = runpy.run_path(str(ROOT / "examples" / "river_story.py"))["ARTICLE"]
                assert appearance.anchor.content[0].of(text)


def test_readme_first_command_shows_the_story() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "claimtrack", "show", str(ROOT / "examples" / "river-story.json")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Maria Kovacs" in result.stdout and "experts on dam safety" in result.stdout
