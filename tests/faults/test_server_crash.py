"""The embedded server killed mid-run: `up` starts it again from its log, nothing lost."""

import json
import os
import shutil
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEEDS, wait_for
from tests.integration.daemon import Daemon, alive, running_daemon


@pytest.fixture(params=["embedded"])
def daemon(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Daemon]:
    yield from running_daemon(request, tmp_path)


def server_pid(daemon: Daemon) -> int | None:
    record = daemon.folder / ".blogtail" / "server.json"
    try:
        return int(json.loads(record.read_text())["pid"])
    except (OSError, ValueError, KeyError):
        return None


def test_a_killed_server_is_restarted_and_nothing_is_lost(daemon: Daemon) -> None:
    inbox = daemon.folder / "inbox"
    for seed in SEEDS[:2]:
        shutil.copy(seed, inbox / seed.name)
    wait_for(lambda: daemon.settled(received=2), 60, 0.2, "two captures")
    before = daemon.events()
    old = server_pid(daemon)
    assert old is not None
    os.kill(old, signal.SIGKILL)
    for seed in SEEDS[2:]:  # captures keep arriving while the server is down
        shutil.copy(seed, inbox / seed.name)
    wait_for(lambda: (server_pid(daemon) or old) != old, 30, 0.1, "a new server")
    assert not alive(old)
    wait_for(lambda: daemon.settled(received=5), 60, 0.2, "every capture")
    events = daemon.events()
    assert events[: len(before)] == before  # what was committed survived the crash
    created = [e for e in events if e["type"] == "post.created"]
    assert len(created) == len({e["post_id"] for e in created}) == 72
    assert daemon.process.poll() is None
    wait_for(lambda: daemon.status()["idle"], 20, 0.2, "idle")
