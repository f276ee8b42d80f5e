"""`blogtail up`: the embedded server, the workers and the watcher, stopped together."""

import contextlib
import ctypes
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import redis
import structlog

from services.embedded import SERVER_FILE, EmbeddedServer
from services.queueing import capture_queue, enqueue_capture, folder_of
from services.settings import Settings
from services.status import WatcherBeat
from services.watcher import InboxWatcher

log = structlog.get_logger(__name__)

WORKER_STOP_SECONDS = 30.0
MIN_WORKER_SECONDS = 5.0  # a worker dying sooner is failing to start: back off
MAX_BACKOFF_SECONDS = 30.0
QUARANTINE = ".quarantine"  # hidden, so the watcher does not take its files again
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """Have the kernel stop a worker if `up` dies without stopping it (Linux)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def worker_command(redis_url: str) -> tuple[list[str], dict[str, str]]:
    """Return the command line and environment of a `blogtail worker` for this server."""
    command = [sys.executable, "-m", "services.cli", "worker"]
    return command, {**os.environ, "BLOGTAIL_REDIS_URL": redis_url}


class WorkerPool:
    """Worker processes, restarted when one dies."""

    def __init__(
        self,
        size: int,
        command: list[str],
        env: dict[str, str],
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.size = size
        self.command = command
        self.env = env
        self.clock = clock
        self.processes: list[subprocess.Popen[bytes]] = []
        self._started: list[float] = []
        self._delay: list[float] = []
        self._restart_at: list[float | None] = []

    def _spawn(self) -> subprocess.Popen[bytes]:
        # A session of its own: Ctrl-C at a terminal reaches `up` only, which then asks
        # each worker to finish its capture (SIGTERM) instead of interrupting it.
        process = subprocess.Popen(
            self.command,
            env=self.env,
            preexec_fn=_die_with_parent,  # noqa: PLW1509 - it only calls prctl, takes no lock
            start_new_session=True,
        )
        log.info("worker.started", pid=process.pid)
        return process

    def start(self) -> None:
        """Start every worker."""
        self.processes = [self._spawn() for _ in range(self.size)]
        self._started = [self.clock()] * self.size
        self._delay = [0.0] * self.size
        self._restart_at = [None] * self.size

    def supervise(self) -> None:
        """Replace workers that exited, backing off while they keep dying at once."""
        now = self.clock()
        for index, process in enumerate(self.processes):
            if process.poll() is None:
                continue
            if self._restart_at[index] is None:
                quick = now - self._started[index] < MIN_WORKER_SECONDS
                delay = min(MAX_BACKOFF_SECONDS, 2 * self._delay[index] or 1.0) if quick else 0.0
                self._delay[index] = delay
                self._restart_at[index] = now + delay
                log.warning(
                    "worker.exited", pid=process.pid, code=process.returncode, restart_in=delay
                )
            if now >= (self._restart_at[index] or now):
                self.processes[index] = self._spawn()
                self._started[index], self._restart_at[index] = now, None

    def stop(self) -> None:
        """Ask workers to finish their job and exit; kill those that do not in time."""
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + WORKER_STOP_SECONDS
        for process in self.processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("worker.killed", pid=process.pid)
                process.kill()
                process.wait()
        log.info("workers.stopped", count=len(self.processes))


def watch_inbox(
    client: redis.Redis,
    settings: Settings,
    stop: threading.Event,
    on_tick: Callable[[], None] = lambda: None,
) -> None:
    """Publish captures landing in the inbox until ``stop`` is set."""
    queue = capture_queue(client, settings)
    inbox = settings.inbox.resolve()

    def publish(path: Path) -> None:
        enqueue_capture(
            queue,
            path,
            folder=folder_of(path, inbox),
            settings=settings,
            quarantine_dir=inbox / QUARANTINE,
        )

    watcher = InboxWatcher(inbox, publish, settle_seconds=settings.settle_seconds)
    beat = WatcherBeat(client, settings.namespace, watcher.id, str(inbox))
    watcher.start()
    try:
        log.info("daemon.ready", inbox=str(inbox))
        while not stop.wait(0.1):
            watcher.publish_settled()
            on_tick()
            try:
                beat.send(pending=watcher.pending)
            except redis.RedisError as error:
                # Files keep waiting in the watcher; a Redis restart must not stop the daemon.
                log.warning("redis.unavailable", error=str(error))
    finally:
        watcher.stop()
        with contextlib.suppress(redis.RedisError):
            beat.clear()


def handle_stop_signals(stop: threading.Event) -> None:
    """Turn SIGINT and SIGTERM into a clean stop."""

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        log.info("daemon.stopping", signal=signal.Signals(signum).name)
        stop.set()

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)


def run_up(settings: Settings, stop: threading.Event) -> None:
    """Run the server (embedded unless a URL is given), the workers and the watcher."""
    server = EmbeddedServer(settings.state_dir) if not settings.redis_url else None
    workers: WorkerPool | None = None
    try:
        if server is not None:
            url = server.start()
        else:
            url = str(settings.redis_url)
            _record_url(settings.state_dir, url)
        workers = WorkerPool(settings.workers, *worker_command(url))
        workers.start()
        watch_inbox(redis.Redis.from_url(url), settings, stop, on_tick=workers.supervise)
    finally:
        if workers is not None:
            workers.stop()
        if server is not None:
            server.stop()
        else:
            (settings.state_dir / SERVER_FILE).unlink(missing_ok=True)
        log.info("daemon.stopped")


def _record_url(state_dir: Path, url: str) -> None:
    """Record an external server's URL so commands run here find it too."""
    state_dir.mkdir(parents=True, exist_ok=True)
    (state_dir / SERVER_FILE).write_text(json.dumps({"url": url, "pid": None}))
