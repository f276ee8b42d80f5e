"""The worker pool's supervision: dead workers are replaced, quick deaths back off."""

import logging
import sys
import threading

from structlog.testing import capture_logs

from services.queueing import OncePerOutage
from services.runtime import MIN_WORKER_SECONDS, WorkerPool
from tests.conftest import ManualClock, wait_for

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def test_a_worker_that_dies_at_once_is_replaced_after_a_backoff() -> None:
    clock = ManualClock()
    pool = WorkerPool(2, SLEEPER, {}, clock=clock)
    pool.start()
    try:
        first = pool.processes[0]
        first.kill()
        first.wait()
        with capture_logs() as logs:
            pool.supervise()
        assert [e["event"] for e in logs] == ["worker.exited"]
        assert logs[0]["restart_in"] == 1.0
        assert pool.processes[0] is first  # not yet: it died within MIN_WORKER_SECONDS
        clock.now += 1.0
        with capture_logs() as logs:
            pool.supervise()
        assert [e["event"] for e in logs] == ["worker.started"]
        assert pool.processes[0] is not first
        assert pool.processes[0].poll() is None
        assert pool.processes[1].poll() is None
    finally:
        pool.stop()
    assert all(process.poll() is not None for process in pool.processes)


def test_a_worker_that_ran_a_while_is_replaced_at_once() -> None:
    clock = ManualClock()
    pool = WorkerPool(1, SLEEPER, {}, clock=clock)
    pool.start()
    try:
        clock.now += MIN_WORKER_SECONDS + 1
        old = pool.processes[0]
        old.kill()
        old.wait()
        with capture_logs() as logs:
            pool.supervise()
        assert [e["event"] for e in logs] == ["worker.exited", "worker.started"]
        assert logs[0]["restart_in"] == 0.0
        assert pool.processes[0] is not old
    finally:
        pool.stop()


def test_backoff_doubles_while_a_worker_keeps_dying() -> None:
    clock = ManualClock()
    pool = WorkerPool(1, [sys.executable, "-c", "pass"], {}, clock=clock)
    pool.start()
    delays = []
    try:
        for _ in range(4):
            pool.processes[0].wait()
            with capture_logs() as logs:
                pool.supervise()
            delays += [e["restart_in"] for e in logs if e["event"] == "worker.exited"]
            clock.now += delays[-1]
            pool.supervise()
    finally:
        pool.stop()
    assert delays == [1.0, 2.0, 4.0, 8.0]


def test_a_forced_stop_kills_workers_that_ignore_sigterm(tmp_path) -> None:
    ready = tmp_path / "ready"
    stubborn = [
        sys.executable,
        "-c",
        "import pathlib, signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN);"
        " pathlib.Path(sys.argv[1]).touch(); time.sleep(60)",
        str(ready),
    ]
    pool = WorkerPool(1, stubborn, {}, clock=ManualClock())
    pool.start()
    wait_for(ready.exists, message="the worker to ignore SIGTERM")
    force = threading.Event()
    force.set()  # the second Ctrl-C came
    with capture_logs() as logs:
        pool.stop(force)
    assert pool.processes[0].poll() is not None
    assert "worker.killed" in [e["event"] for e in logs]


def test_rq_connection_errors_are_logged_once_per_outage() -> None:
    clock = ManualClock()
    once = OncePerOutage(clock)

    def record(msg: str) -> logging.LogRecord:
        return logging.LogRecord("rq.worker", logging.ERROR, "", 0, msg, (), None)

    lost = "Worker %s: could not connect to Redis instance: %s retrying in %d seconds..."
    assert once.filter(record(lost))
    clock.now += 2
    assert not once.filter(record(lost))
    assert once.filter(record("Worker %s: job %s done"))
    clock.now += 60
    assert once.filter(record(lost))  # a later outage gets its line
