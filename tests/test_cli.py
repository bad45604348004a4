"""The claimtrack command: validate, show, schema, help and version, run as a real process."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

import claimtrack
from claimtrack import dump_jsonl, dumps

from .test_wire import sample_ledger


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def ledger_file(tmp_path: Path) -> Path:
    path = tmp_path / "story.json"
    path.write_text(dumps(sample_ledger()), encoding="utf-8")
    return path


def test_validate_valid_files(ledger_file: Path, tmp_path: Path) -> None:
    jsonl = tmp_path / "story.jsonl"
    dump_jsonl(sample_ledger(), jsonl)
    result = run("validate", str(ledger_file), str(jsonl))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("valid (3 claims") == 2


def test_validate_lists_every_problem(ledger_file: Path, tmp_path: Path) -> None:
    document = json.loads(ledger_file.read_text())
    document["claims"][0]["text"] = 7
    document["sources"][0]["url"] = "file:///x"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    result = run("validate", str(ledger_file), str(bad))
    assert result.returncode == 1
    assert "$.claims[0].text: expected a string" in result.stdout
    assert "$.sources[0].url:" in result.stdout
    assert f"{ledger_file}: valid" in result.stdout


def test_validate_reads_stdin_and_reports_unreadable_files(ledger_file: Path) -> None:
    assert run("validate", "-", stdin=ledger_file.read_bytes()).returncode == 0
    result = run("validate", "/no/such/file.json")
    assert result.returncode == 1 and "cannot be read" in result.stdout
    assert "Traceback" not in result.stderr


def test_show_is_a_table_sorted_by_date(ledger_file: Path) -> None:
    result = run("show", str(ledger_file))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["said", "speaker", "cue", "claim", "source"]
    said = [line.split()[0] for line in lines[2:]]
    assert said == ["2020-05", "2021-03-01", "2021-03-02"]
    assert "Maria Kovacs" in result.stdout and "according to" in result.stdout


def test_show_invalid_input_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe")
    result = run("show", str(bad))
    assert result.returncode == 1
    assert "claimtrack: error:" in result.stderr and "Traceback" not in result.stderr


def test_schema_command() -> None:
    result = run("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == json.loads(json.dumps(claimtrack.json_schema()))


def test_help_and_version() -> None:
    assert run("--help").returncode == 0
    result = run("--version")
    assert (
        result.returncode == 0 and result.stdout.strip() == f"claimtrack {claimtrack.__version__}"
    )
    assert run().returncode == 2
