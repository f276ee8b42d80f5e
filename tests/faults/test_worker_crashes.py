"""Workers killed mid-backfill: every capture is taken back and applied once."""

import contextlib
import json
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from rq import Queue
from rq.serializers import JSONSerializer

from services.queueing import CaptureWorker
from tests.conftest import wait_for
from tests.faults.backfill import assert_each_once, move_in, stage_backfill
from tests.integration.daemon import Daemon, running_daemon


@pytest.fixture(params=["embedded"])
def daemon(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Daemon]:
    yield from running_daemon(request, tmp_path)


def _is_worker(pid: int) -> bool:
    """Tell whether ``pid`` is a live blogtail worker (never kill a process reusing a pid)."""
    try:
        return b"worker" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def test_sigkilled_workers_lose_and_double_nothing(daemon: Daemon, tmp_path: Path) -> None:
    staged = tmp_path / "staged"
    captures, creates = stage_backfill(staged, blogs_per_seed=4)  # 5 x 4 x 8 captures
    assert captures == 160
    inbox = daemon.folder / "inbox"
    move_in(staged, inbox)
    url = json.loads((daemon.folder / ".blogtail" / "server.json").read_text())["url"]
    client = redis.Redis.from_url(url)
    queue = Queue("captures", connection=client, serializer=JSONSerializer)
    killed: set[str] = set()  # the jobs whose worker was killed
    deadline = time.monotonic() + 30
    while len(killed) < 4 and time.monotonic() < deadline:
        # Read the workers' state straight from Redis: a `status` run is slower than a job.
        # Each job is killed once: one killed as many times as it has tries (4) is a job that
        # crashes its worker every time, rejected with its error by design (test_worker's
        # test_a_capture_whose_job_fails_every_try_is_rejected_with_its_error).
        busy = [
            (w, job)
            for w in CaptureWorker.all(queue=queue)
            if (job := w.get_current_job_id()) and job not in killed
        ]
        # A worker killed a moment ago keeps its record, with its job, until `up` clears it.
        alive = [(pid, job) for w, job in busy if _is_worker(pid := int(w.name.rsplit(":", 1)[1]))]
        if alive:
            with contextlib.suppress(ProcessLookupError):  # it died as it was picked
                os.kill(alive[0][0], signal.SIGKILL)
                killed.add(alive[0][1])
            time.sleep(0.3)
        else:
            time.sleep(0.002)
    client.close()
    assert killed, "no worker was caught holding a capture"
    wait_for(lambda: daemon.settled(received=captures), 90, 0.5, "every capture applied")
    events = daemon.events()
    assert_each_once(events, captures=captures, creates=creates)
    assert len({e["event_id"] for e in events}) == len(events)
    wait_for(lambda: daemon.status()["idle"], 20, 0.2, "idle")
    assert len(daemon.status()["workers"]) == 2  # the dead are forgotten, the pool is full
