"""`blogtail up`: the embedded server, the workers and the watcher, stopped together."""

import contextlib
import ctypes
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import redis
import structlog
from rq import Queue
from rq.job import Job

from schemas import Event, FileReceived, FileRejected
from services.dashboard import serve_dashboard
from services.embedded import (
    SERVER_FILE,
    EmbeddedServer,
    standalone_server_url,
    write_private,
)
from services.eventlog import EventLog, event_of
from services.intake import EntryRefusedError, archive, has_text_name, quarantine, read_entry
from services.queueing import (
    CaptureWorker,
    Taken,
    capture_queues,
    folder_of,
    release_dead_worker,
    take_in,
    take_in_batches,
)
from services.settings import ConfigurationError, Settings
from services.status import WatcherBeat
from services.watcher import InboxWatcher
from workers.projection import REJECTED
from workers.store.keys import Keys
from workers.store.redis_store import RedisStore

log = structlog.get_logger(__name__)

WORKER_STOP_SECONDS = 30.0
MIN_WORKER_SECONDS = 5.0  # a worker dying sooner is failing to start: back off
MAX_BACKOFF_SECONDS = 30.0
SETTLE_BATCH = 500
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
        on_exit: Callable[[int], object] = lambda pid: None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.size = size
        self.command = command
        self.env = env
        self.on_exit = on_exit
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
                try:
                    self.on_exit(process.pid)
                except Exception as error:
                    log.warning("worker.release_failed", pid=process.pid, error=str(error))
            if now >= (self._restart_at[index] or now):
                self.processes[index] = self._spawn()
                self._started[index], self._restart_at[index] = now, None

    def stop(self, force: threading.Event | None = None) -> None:
        """Ask workers to finish their job and exit; kill those not done in time or if forced."""
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + WORKER_STOP_SECONDS
        while any(p.poll() is None for p in self.processes) and time.monotonic() < deadline:
            if force is not None and force.is_set():
                break
            time.sleep(0.05)
        for process in self.processes:
            if process.poll() is None:
                log.warning("worker.killed", pid=process.pid)
                process.kill()
                process.wait()
        log.info("workers.stopped", count=len(self.processes))


def archive_folder(settings: Settings) -> Path | None:
    """Return the archive folder, refusing one the watcher would take files from again."""
    if settings.archive is None:
        return None
    folder, inbox = settings.archive.absolute(), settings.inbox.resolve()
    inside = folder.relative_to(inbox).parts if folder.is_relative_to(inbox) else None
    if inside is not None and not any(part.startswith(".") for part in inside):
        raise ConfigurationError(
            f"the archive {folder} is inside the inbox: use a hidden folder "
            "(a name starting with '.') or one outside it"
        )
    return folder


class InboxIntake:
    """Take inbox entries in: read each once, hand it over or reject it, quarantine rejects."""

    def __init__(self, client: redis.Redis, settings: Settings, inbox: Path) -> None:
        self.settings = settings
        self.inbox = inbox
        self.queue, self.backfill = capture_queues(client, settings)
        keys = Keys(settings.namespace)
        self.store = RedisStore(client, keys, stream_maxlen=settings.stream_maxlen)
        self.log = EventLog(client, keys)
        self.cursor = self.log.last_id()
        self.archive = archive_folder(settings)
        self._chain: dict[str | None, Job] = {}  # each blog's last backlog job, across chunks

    def publish(self, path: Path) -> None:
        """Hand over an entry that just landed, on the live lane."""
        taken = take_in(
            path,
            store=self.store,
            queue=self.queue,
            folder=folder_of(path, self.inbox),
            settings=self.settings,
        )
        self._settle_taken(taken)

    def publish_backlog(self, paths: list[Path]) -> None:
        """Hand over the entries found waiting at start-up, in batches on the backfill lane."""
        for taken in take_in_batches(
            [(path, folder_of(path, self.inbox)) for path in paths],
            store=self.store,
            queue=self.backfill,
            settings=self.settings,
            chain=self._chain,
        ):
            self._settle_taken(taken)

    def _settle_taken(self, taken: Taken) -> None:
        """Quarantine an entry refused or rejected before; archive one processed before."""
        path = taken.path
        if taken.refused is not None:
            self._quarantine(path, taken.refused.code, taken.refused.reason)
        elif taken.applied == REJECTED:  # rejected before a restart, not yet moved aside
            self._quarantine(path, "rejected", "rejected earlier: see its event")
        elif taken.applied is not None:  # processed before
            self._archive(path)

    def settle_committed(self) -> None:
        """Move aside the inbox files committed since the last look: rejected, or archived."""
        for entry in self.log.after(self.cursor, SETTLE_BATCH):
            self.cursor = entry.stream_id
            if entry.type == "file.rejected" or (
                self.archive is not None and entry.type == "file.received"
            ):
                event = event_of(entry)  # None for another writer's entry: passed by
                if event is not None:
                    self._settle(event)

    def _settle(self, event: Event) -> None:
        if not isinstance(event, FileRejected | FileReceived) or not event.source.sha256:
            return  # rejected unread: the watcher moved it when it decided so
        path = Path(event.source.path)
        if not path.is_relative_to(self.inbox):
            return
        try:
            current = read_entry(path, self.settings.max_file_bytes).sha256
        except EntryRefusedError:
            return
        if current != event.source.sha256:  # a newer file under the same name: not this one
            return
        if isinstance(event, FileRejected):
            self._quarantine(path, event.code, event.reason)
        else:
            self._archive(path)

    def _quarantine(self, path: Path, code: str, reason: str) -> None:
        # A name that is not UTF-8 was refused unread: it was never recorded as seen.
        moved = quarantine(self.inbox, path, code=code, reason=reason)
        if moved is not None and has_text_name(path):
            self.store.forget_seen(str(path))

    def _archive(self, path: Path) -> None:
        if self.archive is not None and archive(self.inbox, path, self.archive) is not None:
            self.store.forget_seen(str(path))


def watch_inbox(
    client: redis.Redis,
    settings: Settings,
    stop: threading.Event,
    on_tick: Callable[[], None] = lambda: None,
) -> None:
    """Publish captures landing in the inbox until ``stop`` is set."""
    inbox = settings.inbox.resolve()
    intake = InboxIntake(client, settings, inbox)
    watcher = InboxWatcher(
        inbox,
        intake.publish,
        publish_backlog=intake.publish_backlog,
        settle_seconds=settings.settle_seconds,
        close_quiet_seconds=settings.close_quiet_seconds,
    )
    beat = WatcherBeat(client, settings.namespace, watcher.id, str(inbox))
    watcher.start()
    try:
        log.info("daemon.ready", inbox=str(inbox))
        outage = False
        while not stop.wait(0.1):
            watcher.publish_settled()
            on_tick()
            try:
                intake.settle_committed()
                beat.send(pending=watcher.pending)
            except redis.RedisError as error:
                # Files keep waiting in the watcher; a Redis restart must not stop the daemon.
                if not outage:
                    log.warning("redis.unavailable", error=str(error))
                outage = True
            else:
                if outage:
                    log.info("redis.available")
                outage = False
    finally:
        watcher.stop()
        with contextlib.suppress(redis.RedisError):
            beat.clear()


def handle_stop_signals(stop: threading.Event, force: threading.Event | None = None) -> None:
    """Turn SIGINT, SIGTERM and SIGHUP into a clean stop; a second signal, into a quick one."""

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        if stop.is_set() and force is not None:
            log.warning("daemon.forcing", signal=signal.Signals(signum).name)
            force.set()
            return
        log.info("daemon.stopping", signal=signal.Signals(signum).name)
        stop.set()

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, request_stop)


def run_up(settings: Settings, stop: threading.Event, force: threading.Event | None = None) -> None:
    """Run the server (embedded unless a URL is given), the workers and the watcher."""
    archive_folder(settings)  # a wrong setting stops here, before anything starts
    # With no URL: the embedded server, started here, or the one `blogtail server` runs.
    standalone = None if settings.redis_url else standalone_server_url(settings.state_dir)
    external = settings.redis_url or standalone
    server = EmbeddedServer(settings.state_dir) if not external else None
    workers: WorkerPool | None = None
    try:
        url = server.start() if server is not None else str(external)
        client = redis.Redis.from_url(url)
        client.ping()  # a wrong password or a TLS mismatch stops here, in one sentence
        if server is None and not standalone:
            _record_url(settings.state_dir, url)
        queues = capture_queues(client, settings)
        host = socket.gethostname()
        release_stale_workers(queues, host)
        workers = WorkerPool(
            settings.workers,
            *worker_command(url),
            on_exit=lambda pid: release_dead_worker(queues, f"{host}:{pid}"),
        )
        workers.start()
        if settings.dashboard:
            serve_dashboard(client, settings, stop)
        watch_inbox(client, settings, stop, on_tick=lambda: tick(server, workers))
    finally:
        if workers is not None:
            workers.stop(force)
        if server is not None:
            server.stop()
        elif not standalone:
            (settings.state_dir / SERVER_FILE).unlink(missing_ok=True)
        log.info("daemon.stopped")


def run_server(settings: Settings, stop: threading.Event) -> None:
    """Run the embedded server alone, restarted if it dies, until ``stop`` is set."""
    server = EmbeddedServer(settings.state_dir, owner="server")
    server.start()
    try:
        log.info("server.ready", state_dir=str(server.state_dir))
        while not stop.wait(0.5):
            server.keep_running()
    finally:
        server.stop()


def tick(server: EmbeddedServer | None, workers: WorkerPool) -> None:
    """Keep the daemon whole: the embedded server running, the worker pool full."""
    if server is not None:
        server.keep_running()
    workers.supervise()


def release_stale_workers(queues: list[Queue], host: str) -> None:
    """Release what workers of this host left when a killed `up` could not stop them."""
    for worker in CaptureWorker.all(queue=queues[0]):
        name_host, _, pid = worker.name.rpartition(":")
        if name_host == host and pid.isdigit() and not Path(f"/proc/{pid}").exists():
            release_dead_worker(queues, worker.name)


def _record_url(state_dir: Path, url: str) -> None:
    """Record an external server's URL so commands run here find it too."""
    state_dir.mkdir(parents=True, exist_ok=True)
    write_private(state_dir / SERVER_FILE, json.dumps({"url": url, "pid": None}))
