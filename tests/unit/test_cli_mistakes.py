"""A user's mistake on the command line: one clear sentence and exit 2, never a traceback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from services.cli import build_parser

CLI = [sys.executable, "-m", "services.cli"]

MISTAKES = {
    "no workers": (["up", "--workers", "0"], {}, "--workers: 0 is too small"),
    "negative count": (["events", "--count", "-1"], {}, "--count: -1 is too small"),
    "no snapshots": (["simulate", "seed.txt", "--snapshots", "0"], {}, "--snapshots: 0 is too"),
    "unknown type": (["events", "--type", "post.gone"], {}, "unknown type 'post.gone'"),
    "bad variable": (["status"], {"BLOGTAIL_WORKERS": "two"}, "BLOGTAIL_WORKERS ('two')"),
    "bad level": (["status"], {"BLOGTAIL_LOG_LEVEL": "loud"}, "BLOGTAIL_LOG_LEVEL ('loud')"),
    "malformed url": (["status", "--redis-url", "http://x"], {}, "'http://x' is not a Redis URL"),
    "unreachable url": (
        ["events", "--redis-url", "redis://127.0.0.1:1/0"],
        {},
        "cannot reach the server at redis://127.0.0.1:1/0",
    ),
    "file for a folder": (["up", "--inbox", "afile"], {}, "--inbox afile is a file"),
    "schema into a file": (["schema", "--out", "afile"], {}, "afile is a file"),
    "no server recorded": (["events"], {}, "no Redis: set BLOGTAIL_REDIS_URL"),
    "unknown command": (["frob"], {}, "invalid choice: 'frob'"),
}


@pytest.mark.parametrize("case", MISTAKES, ids=list(MISTAKES))
def test_a_mistake_is_one_sentence_and_exit_2(case: str, tmp_path: Path) -> None:
    args, extra, expected = MISTAKES[case]
    (tmp_path / "afile").write_text("a file, not a folder")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BLOGTAIL_")} | extra
    done = subprocess.run(
        [*CLI, *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert expected in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr  # no usage dump, no traceback
    assert "Traceback" not in done.stderr


def test_every_command_has_a_description_an_example_and_help_on_each_option() -> None:
    parser = build_parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    assert commands
    for name, command in commands.items():
        assert command.description, f"{name} has no description"
        assert command.epilog and "example:" in command.epilog, f"{name} has no example"
        for action in command._actions:
            assert action.help, f"{name} {action.option_strings or action.dest} has no help"
