"""A burst of 1,000 captures, and the watcher restarted while files arrive."""

import json
import os
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import wait_for
from tests.faults.backfill import assert_each_once, move_in, stage_backfill
from tests.integration.daemon import CLI, Daemon, running_daemon


@pytest.fixture(params=["embedded"])
def daemon(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Daemon]:
    yield from running_daemon(request, tmp_path)


def test_a_burst_of_a_thousand_captures(daemon: Daemon, tmp_path: Path) -> None:
    staged = tmp_path / "staged"
    captures, creates = stage_backfill(staged, blogs_per_seed=25)
    assert captures == 1000
    move_in(staged, daemon.folder / "inbox")
    wait_for(lambda: daemon.settled(received=captures), 300, 1.0, "a thousand captures")
    events = daemon.events()
    assert_each_once(events, captures=captures, creates=creates)
    assert not [e for e in events if e["type"] == "file.rejected"]
    wait_for(lambda: daemon.status()["idle"], 20, 0.2, "idle")


def test_the_watcher_killed_and_restarted_while_files_arrive(tmp_path: Path) -> None:
    # The halves run apart (server, worker, watcher): the watcher is killed or stopped
    # after each blog lands and started again before the next; files that landed while no
    # watcher ran are found at its start, and every capture is applied exactly once.
    staged = tmp_path / "staged"
    captures, creates = stage_backfill(staged, blogs_per_seed=1)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BLOGTAIL_")}
    logs = (tmp_path / "halves.log").open("wb")
    server = subprocess.Popen([*CLI, "server"], cwd=tmp_path, env=env, stderr=logs)
    worker = None
    try:
        wait_for((tmp_path / ".blogtail" / "server.json").exists, 30, message="server")
        worker = subprocess.Popen([*CLI, "worker"], cwd=tmp_path, env=env, stderr=logs)
        inbox = tmp_path / "inbox"
        inbox.mkdir()
        for number, blog in enumerate(sorted(staged.iterdir())):
            blog.rename(inbox / blog.name)  # lands while no watcher runs
            watcher = subprocess.Popen([*CLI, "watch"], cwd=tmp_path, env=env, stderr=logs)
            late = inbox / blog.name / f"late-{number}.txt"
            late.write_bytes(next((inbox / blog.name).iterdir()).read_bytes())  # as it starts
            wait_for(lambda: "post." in run(tmp_path, env, "events"), 60, 0.2)
            if number % 2:
                watcher.send_signal(signal.SIGTERM)
            else:
                watcher.kill()
            watcher.wait(timeout=30)
        watcher = subprocess.Popen([*CLI, "watch"], cwd=tmp_path, env=env, stderr=logs)
        try:
            total = captures + 5  # the late copies: a file.received each, no post event

            def received() -> int:
                return run(tmp_path, env, "events").count('"file.received"')

            wait_for(lambda: received() == total, 120, 0.5, "every capture")
            events = [json.loads(line) for line in run(tmp_path, env, "events").splitlines()]
            assert_each_once(events, captures=total, creates=creates)
            status = json.loads(run(tmp_path, env, "status", "--json"))
            wait_for(lambda: json.loads(run(tmp_path, env, "status", "--json"))["idle"], 20, 0.2)
            assert status["stream"]["length"] == len(events)
        finally:
            watcher.send_signal(signal.SIGTERM)
            watcher.wait(timeout=30)
    finally:
        for process in (worker, server):
            if process is not None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=60)
        logs.close()


def run(folder: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [*CLI, *args], cwd=folder, env=env, capture_output=True, text=True, timeout=60, check=True
    )
    return done.stdout
