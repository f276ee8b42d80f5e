"""`blogtail parse`: JSON, --explain, standard input, and one clear line for a bad file."""

import io
import json
import sys
from pathlib import Path

import pytest

from services.cli import main
from tests.conftest import SEEDS


@pytest.fixture(autouse=True)
def _no_logging_setup(monkeypatch: pytest.MonkeyPatch) -> None:
    # main() configures structlog to print to sys.stderr, which capsys swaps and then closes.
    monkeypatch.setattr("services.cli.configure_logging", lambda **_: None)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["parse", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_prints_posts_layout_and_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(SEEDS[0]))
    parsed = json.loads(out)
    assert code == 0
    assert len(parsed["posts"]) == 7
    assert parsed["layout"] == "time > headline > byline > body"
    assert parsed["warnings"] == []


def test_parse_reads_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEEDS[1].read_bytes())))
    code, out, _ = run(capsys, "-")
    assert code == 0
    assert len(json.loads(out)["posts"]) == 17


def test_explain_shows_each_line_with_its_kind_and_post(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, str(SEEDS[0]), "--explain")
    rows = out.splitlines()
    assert code == 0
    assert len([row for row in rows if row[:5].strip().isdigit()]) == len(
        SEEDS[0].read_text(encoding="utf-8").splitlines()
    )
    assert rows[7].split() == ["8", "time", "#1", "17", "min", "ago"]
    assert rows[9].split()[:3] == ["10", "headline", "#1"]
    assert "layout: time > headline > byline > body" in rows
    assert "posts: 7 (0 without a time)" in rows
    assert "warnings: none" in rows


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder / "missing.txt", "No such file or directory"),
        (lambda folder: folder, "is a folder, not a capture file"),
        (lambda folder: _write(folder / "binary.txt", bytes(range(256)) * 4), "binary file"),
        (lambda folder: _write(folder / "empty.txt", b" \n"), "empty file"),
        (lambda folder: _write(folder / "bad.txt", b"\xff\xfe\x00\xd8"), "not utf-16 text"),
    ],
    ids=["missing", "folder", "binary", "empty", "undecodable"],
)
def test_a_file_parse_cannot_use_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, make, message: str
) -> None:
    code, out, err = run(capsys, str(make(tmp_path)))
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("blogtail parse: ")
    assert message in err


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
