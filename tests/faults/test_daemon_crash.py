"""`up` SIGKILLed and started again: the backlog, the old server and old workers handled."""

import json
import os
import shutil
import signal
from pathlib import Path

from tests.conftest import SEEDS, wait_for
from tests.faults.backfill import assert_each_once
from tests.integration.daemon import Daemon, alive


def test_up_killed_and_started_again_loses_and_doubles_nothing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BLOGTAIL_")}
    first = Daemon(tmp_path, env, [])
    record = tmp_path / ".blogtail" / "server.json"
    wait_for(lambda: record.exists() and len(first.status()["workers"]) == 2, 30)
    inbox = tmp_path / "inbox"
    for seed in SEEDS[:2]:
        shutil.copy(seed, inbox / seed.name)
    wait_for(lambda: first.settled(received=2), 60, 0.2, "two captures")
    old_server = json.loads(record.read_text())["pid"]
    first.process.send_signal(signal.SIGKILL)
    first.process.wait()
    for seed in SEEDS[2:]:  # files keep landing while nothing watches
        shutil.copy(seed, inbox / seed.name)
    second = Daemon(tmp_path, env, [])
    try:
        wait_for(lambda: json.loads(record.read_text())["pid"] != old_server, 30, 0.1)
        assert not alive(old_server)  # never two servers on one append-only file
        wait_for(lambda: second.settled(received=5), 60, 0.2, "every capture")
        events = second.events()
        assert_each_once(events, captures=5, creates=72)
        wait_for(lambda: second.status()["idle"], 20, 0.2, "idle")
        assert len(second.status()["workers"]) == 2  # the first run's workers are gone
    finally:
        assert second.stop() == 0
