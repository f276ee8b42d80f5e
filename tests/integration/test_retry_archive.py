"""Processed files archived, quarantined ones taken back with `blogtail retry`."""

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEEDS, wait_for
from tests.integration.daemon import Daemon


@pytest.fixture
def daemon(tmp_path: Path) -> Iterator[Daemon]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BLOGTAIL_")}
    running = Daemon(tmp_path, env, ["--archive", str(tmp_path / "archive")])
    try:
        wait_for((tmp_path / ".blogtail" / "server.json").exists, 30)
        wait_for(lambda: len(running.status()["workers"]) == 2, 30, message="two workers")
        yield running
    finally:
        if running.process.poll() is None:
            running.stop()


def test_processed_files_move_to_the_archive(daemon: Daemon) -> None:
    inbox = daemon.folder / "inbox"
    (inbox / "nato").mkdir()
    shutil.copy(SEEDS[0], inbox / "nato" / "capture.txt")
    archived = daemon.folder / "archive" / "nato" / "capture.txt"
    wait_for(archived.exists, 30, 0.1, "the archived file")
    assert archived.read_bytes() == SEEDS[0].read_bytes()
    assert not (inbox / "nato" / "capture.txt").exists()
    assert daemon.settled(received=1)


def test_a_quarantined_file_fixed_and_retried_is_processed(daemon: Daemon) -> None:
    inbox = daemon.folder / "inbox"
    (inbox / "truncated.txt").write_bytes(b"")  # the scraper's write failed
    kept = inbox / ".quarantine" / "truncated.txt"
    wait_for(kept.exists, 30, 0.1, "quarantined")
    listed = json.loads(daemon.run("failed", "--json"))
    assert [(c["path"], c["code"]) for c in listed["captures"]] == [
        (str(inbox / "truncated.txt"), "empty")
    ]
    assert "truncated.txt  empty:" in daemon.run("failed")
    kept.write_bytes(SEEDS[2].read_bytes())  # fetched again, into the quarantined file
    (line,) = daemon.run("failed", "--retry").splitlines()
    assert json.loads(line)["status"] == "queued"
    wait_for(lambda: daemon.settled(received=1), 60, 0.2, "the retried capture")
    kinds = [e["type"] for e in daemon.events()]
    assert kinds.count("file.rejected") == 1 and kinds.count("file.retried") == 1
    assert kinds.count("post.created") == 9
    assert not kept.exists()
    assert (daemon.folder / "archive" / "truncated.txt").exists()
    assert json.loads(daemon.run("failed", "--json")) == {"captures": [], "jobs": []}
