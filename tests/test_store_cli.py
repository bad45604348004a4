"""Tests of the import, query and repeats commands, run through the real CLI parser."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

import claimtrack as ct
from claimtrack.store import cli as store_cli


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="claimtrack")
    store_cli.add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except ct.ClaimtrackError as exc:
        print(f"claimtrack: error: {exc}")
        return 1


def write_ledger(tmp_path: Path) -> Path:
    speaker = ct.Speaker(name="Maria Kovacs")
    claims = [
        ct.Claim(
            text="The dam is safe for at least 50 more years",
            speaker=speaker,
            said=ct.Date.parse("2021-03-03"),
        ),
        ct.Claim(
            text="The dam is safe for at least 50 more years!",
            speaker=speaker,
            said=ct.Date.parse("2021-09-03"),
        ),
    ]
    path = tmp_path / "in.jsonl"
    ct.dump_jsonl(claims, str(path))
    return path


def test_import_query_repeats(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.db")
    assert run(["import", str(write_ledger(tmp_path)), "--db", db]) == 0
    assert "2 claims" in capsys.readouterr().out
    assert (
        run(
            [
                "query",
                "--db",
                db,
                "--speaker",
                "maria kovacs",
                "--between",
                "2021-01",
                "2021-06",
                "--format",
                "json",
            ]
        )
        == 0
    )
    [found] = json.loads(capsys.readouterr().out)
    assert found["said"] == "2021-03-03"
    assert run(["query", "--db", db, "--text", "dam safe"]) == 0
    assert "(2 claims)" in capsys.readouterr().out
    # The second page of one claim each: the later claim.
    page = ["query", "--db", db, "--text", "dam safe", "--limit", "1", "--offset", "1"]
    assert run([*page, "--format", "json"]) == 0
    [second] = json.loads(capsys.readouterr().out)
    assert second["said"] == "2021-09-03"
    with pytest.raises(SystemExit):
        run(["query", "--db", db, "--offset", "-1"])
    assert "must be zero or a positive integer" in capsys.readouterr().err
    assert run(["repeats", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "repeats" in out and "suggested" in out


def test_bad_lines_and_skip_bad(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_ledger(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "{broken")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = str(tmp_path / "c.db")
    assert run(["import", str(path), "--db", db, "--quiet"]) == 1
    assert "line 4" in capsys.readouterr().out
    assert run(["import", str(path), "--db", db, "--skip-bad"]) == 1
    out = capsys.readouterr().out
    assert "skipped 1 bad line" in out and "line 4" in out


def test_import_format_registry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    calls: list[str] = []

    def reader(store: object, path: str, args: argparse.Namespace) -> object:
        calls.append(path)
        from claimtrack.store import ImportReport

        return ImportReport(0, 0, 0, 0)

    store_cli.register_reader("testfmt", reader)  # type: ignore[arg-type]
    assert run(["import", "x.json", "--db", str(tmp_path / "c.db"), "--format", "testfmt"]) == 0
    assert calls == ["x.json"]


def test_query_on_a_foreign_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "x.db"
    bad.write_text("hello, this is not a database", encoding="utf-8")
    assert run(["query", "--db", str(bad)]) == 1
    assert "not a SQLite database" in capsys.readouterr().out
