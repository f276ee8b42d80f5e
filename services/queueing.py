"""Publish captures as RQ jobs (JSON-serialised, never pickled)."""

import contextlib
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import redis
import structlog
from rq import Callback, Queue, Retry, SimpleWorker
from rq.job import Job, JobStatus
from rq.serializers import JSONSerializer

from services.intake import Entry, EntryRefusedError, read_entry
from services.settings import Settings
from workers.identity import digest
from workers.pipeline import capture_source, reject
from workers.projection import receipt
from workers.store import replies
from workers.store.redis_store import RedisStore

log = structlog.get_logger(__name__)

JOB_FUNCTION = "workers.jobs.process_capture"
FAILURE_FUNCTION = "workers.jobs.capture_failed"
OUTAGE_LOG_SECONDS = 60.0


class OncePerOutage(logging.Filter):
    """Let RQ's "could not connect" line through once a minute, not once per retry."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.clock = clock
        self._last = -float("inf")

    def filter(self, record: logging.LogRecord) -> bool:
        """Drop repeats of the connection error while one outage lasts."""
        if "could not connect to Redis" not in str(record.msg):
            return True
        now = self.clock()
        if now - self._last < OUTAGE_LOG_SECONDS:
            return False
        self._last = now
        return True


class CaptureWorker(SimpleWorker):
    """An RQ worker that runs blogtail's own job and refuses any other function."""

    # RQ backs off to a minute while Redis is away; a server restarted in seconds should
    # see its workers back in seconds.
    max_connection_wait_time = 2.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not any(isinstance(f, OncePerOutage) for f in self.log.filters):
            self.log.addFilter(OncePerOutage())  # RQ's logger is one per process

    def execute_job(self, job: Job, queue: Queue) -> None:
        """Run a capture job; fail any other without importing or calling what it names."""
        # Anyone who can write to Redis can enqueue a call to any importable function,
        # and JSON jobs do not prevent it: a worker must not run what it did not expect.
        if job.func_name != JOB_FUNCTION:
            log.error("job.refused", job_id=job.id, function=job.func_name)
            self.handle_job_failure(
                job, queue, exc_string=f"refused: {job.func_name} is not a blogtail job"
            )
            with contextlib.suppress(redis.RedisError):
                queue.connection.lrem(queue.intermediate_queue_key, 0, job.id)
            return
        super().execute_job(job, queue)


def release_dead_worker(queue: Queue, name: str) -> list[str]:
    """Put back what a worker that died held, at once, and forget the worker."""
    # RQ finds abandoned jobs only in its periodic maintenance (minutes); the pool knows
    # at once which process died. Returns the ids of the jobs put back.
    key = CaptureWorker.redis_worker_namespace_prefix + name
    worker = CaptureWorker.find_by_key(key, connection=queue.connection, serializer=JSONSerializer)
    released = []
    registry = queue.started_job_registry
    held = worker.get_current_job_id() if worker is not None else None
    if held:
        for job_id, execution_id in registry.get_job_and_execution_ids(cleanup=False):
            if job_id == held:
                queue.connection.zadd(registry.key, {f"{job_id}:{execution_id}": 0}, xx=True)
                released.append(job_id)
        registry.cleanup()  # RQ's own path for an abandoned job: retried while retries last
    # A job taken off the queue but not yet started sits in the intermediate list; jobs are
    # idempotent, so putting one back that a live worker has just taken costs one no-op.
    started = {job_id for job_id, _ in registry.get_job_and_execution_ids(cleanup=False)}
    for raw in replies.optional_bytes_list(
        queue.connection.lrange(queue.intermediate_queue_key, 0, -1)
    ):
        job_id = raw.decode() if raw else ""
        job = queue.fetch_job(job_id) if job_id else None
        if job_id in started or job is None or job.get_status() != JobStatus.QUEUED:
            continue
        queue.connection.lrem(queue.intermediate_queue_key, 0, job_id)
        queue.enqueue_job(job, at_front=True)
        released.append(job_id)
    if worker is not None:
        worker.register_death()  # type: ignore[no-untyped-call]
    if released:
        log.warning("worker.jobs_released", worker=name, jobs=released)
    return released


def capture_queue(client: redis.Redis, settings: Settings) -> Queue:
    """Return the queue captures are published on."""
    return Queue(settings.queue, connection=client, serializer=JSONSerializer)


def folder_of(path: Path, root: Path | None) -> str | None:
    """Name the blog a file's sub-folder of the inbox stands for, if it is in one."""
    if root is None:
        return None
    try:
        # abspath, not resolve: a name is read as given, never through a link.
        absolute = os.path.abspath(path)  # noqa: PTH100 - Path.resolve() would follow links
        parts = Path(absolute).relative_to(os.path.abspath(root)).parts  # noqa: PTH100
    except ValueError:
        return None
    return parts[0] if len(parts) > 1 else None


def enqueue_capture(queue: Queue, entry: Entry, *, folder: str | None, settings: Settings) -> Job:
    """Publish one handed-over capture as a job whose id names the file at that content."""
    path = str(entry.path)
    return queue.enqueue_call(
        JOB_FUNCTION,
        kwargs={
            "path": path,
            "sha256": entry.sha256,
            "modified_at": entry.modified_at.isoformat(),
            "folder": folder,
            "namespace": settings.namespace,
            "stream_maxlen": settings.stream_maxlen,
            "max_bytes": settings.max_file_bytes,
        },
        job_id="capture-" + digest([settings.namespace, path, entry.sha256], 12),
        timeout=settings.job_timeout,
        retry=Retry(max=settings.job_retries) if settings.job_retries else None,
        result_ttl=3600,
        failure_ttl=7 * 24 * 3600,
        on_failure=Callback(FAILURE_FUNCTION),
        description=f"capture {path}",
    )


@dataclass(frozen=True)
class Taken:
    """What became of an entry offered: a job, a commit made before, or a refusal."""

    path: Path
    job: Job | None = None
    applied: str | None = None
    refused: EntryRefusedError | None = None


def reject_unread(store: RedisStore, path: Path, refused: EntryRefusedError) -> None:
    """Commit the file.rejected of an entry blogtail would not read."""
    source = capture_source(str(path), "", refused.modified_at)
    reject(store, source, refused, now=datetime.now(UTC), entry=refused.entry)
    log.warning("file.rejected", path=str(path), code=refused.code, reason=refused.reason)


def take_in(
    path: Path, *, store: RedisStore, queue: Queue, folder: str | None, settings: Settings
) -> Taken:
    """Read an entry once and hand its bytes over with a job; reject what cannot be read."""
    try:
        entry = read_entry(path, settings.max_file_bytes)
    except EntryRefusedError as refused:
        reject_unread(store, path, refused)
        return Taken(path, refused=refused)
    applied = store.hand_over(receipt(str(path), entry.sha256), entry.sha256, entry.raw)
    if applied is not None:
        return Taken(path, applied=applied)
    return Taken(path, job=enqueue_capture(queue, entry, folder=folder, settings=settings))
