"""Publish captures as RQ jobs (JSON-serialised, never pickled)."""

import contextlib
import logging
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import redis
import structlog
from rq import Callback, Queue, Retry, SimpleWorker
from rq.executions import Execution
from rq.job import Dependency, Job, JobStatus
from rq.serializers import JSONSerializer
from rq.utils import now
from rq.worker import WorkerStatus

from schemas import FileReceived, FileRejected, parse_event
from services.intake import (
    Entry,
    EntryRefusedError,
    entry_as_found,
    file_signature,
    has_text_name,
    read_entry,
    shown,
)
from services.settings import Settings
from workers.identity import digest
from workers.jobs import CaptureJob
from workers.pipeline import capture_source, reject
from workers.projection import receipt
from workers.store import replies
from workers.store.keys import Keys
from workers.store.redis_store import RedisStore, handed_from, handed_in

log = structlog.get_logger(__name__)

JOB_FUNCTION = "workers.jobs.process_capture"
BATCH_FUNCTION = "workers.jobs.process_captures"
FAILURE_FUNCTION = "workers.jobs.capture_failed"
JOB_FUNCTIONS = frozenset({JOB_FUNCTION, BATCH_FUNCTION})
OUTAGE_LOG_SECONDS = 60.0
FULL_BEAT_SECONDS = 1.0
READY_DRAIN_TRIES = 3
EVENT_BATCH = 500


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
        kwargs.setdefault("job_class", CaptureJob)
        super().__init__(*args, **kwargs)
        if not any(isinstance(f, OncePerOutage) for f in self.log.filters):
            self.log.addFilter(OncePerOutage())  # RQ's logger is one per process
        self._full_beat_at: float | None = None
        self._dequeued = False
        self._prepared: str | None = None

    def reorder_queues(self, reference_queue: Queue) -> None:
        """Note that a job was just dequeued (RQ calls this only then), then reorder as RQ does."""
        self._dequeued = True
        super().reorder_queues(reference_queue)

    def heartbeat(self, timeout: int | None = None, pipeline: Any = None) -> None:
        """Beat as RQ does, but send a lone full beat at most once a second, in one round trip."""
        # RQ sends a full beat (the worker kept worker_ttl + 60 s; three round trips alone)
        # before each wait for a job, after each dequeue and after each job. Once a second
        # keeps the worker as alive. A job's beat (a shorter TTL) makes the next full beat
        # go through, so an idle worker never lives on the job's TTL.
        full = timeout is None
        if full and pipeline is None:
            if self._dequeued:
                # The beat between a capture's pop and its processing: prepare_execution
                # beats a millisecond later, in its own transaction.
                self._dequeued = False
                return
            if self._full_beat_at is not None and (
                time.monotonic() - self._full_beat_at < FULL_BEAT_SECONDS
            ):
                return
            with self.connection.pipeline(transaction=False) as pipe:
                super().heartbeat(None, pipe)
                pipe.execute()
        else:
            super().heartbeat(timeout, pipeline)
        self._full_beat_at = time.monotonic() if full else None

    def prepare_execution(self, job: Job) -> Execution:
        """Record a job's execution and its start in one round trip, where RQ takes two."""
        # What RQ's prepare_execution and prepare_job_execution write, in one transaction:
        # the two stand between a capture's pop and its processing. A capture job's bytes
        # are read in it too (CaptureJob), where the job would take one more round trip.
        capture = job if isinstance(job, CaptureJob) else None
        handed = _handed_of(capture) if capture is not None else None
        with self.connection.pipeline() as pipe:
            ttl = self.get_heartbeat_ttl(job)
            execution = Execution.create(job, ttl, pipeline=pipe, worker_name=self.name)
            self.executions[execution.id] = execution
            self.set_state(WorkerStatus.BUSY, pipeline=pipe)
            self.heartbeat(ttl, pipeline=pipe)
            job.heartbeat(now(), ttl, pipeline=pipe)
            job.prepare_for_execution(self.name, pipeline=pipe)
            pipe.persist(job.key)
            if handed is not None:
                keys, path, sha256 = handed
                handed_in(pipe, keys, receipt(path, sha256), sha256)
            results = pipe.execute()
        if capture is not None and handed is not None:
            capture.handed = handed_from(results)
        self._prepared = job.id
        return execution

    def prepare_job_execution(self, job: Job, remove_from_intermediate_queue: bool = False) -> None:
        """Leave out what prepare_execution already wrote for this job."""
        if self._prepared != job.id:
            super().prepare_job_execution(job, remove_from_intermediate_queue)
            return
        self._prepared = None
        if remove_from_intermediate_queue:  # a worker of one queue moved the job to a list
            self.connection.lrem(
                Queue(job.origin, connection=self.connection).intermediate_queue_key, 1, job.id
            )

    def set_state(self, state: str, pipeline: Any = None) -> None:
        """Record the worker's state, skipping the round trip when it has not changed."""
        if pipeline is None and state == self._state:  # RQ sets "idle" after a job and again
            return
        super().set_state(state, pipeline)

    def execute_job(self, job: Job, queue: Queue) -> None:
        """Run a capture job; fail any other without importing or calling what it names."""
        # Anyone who can write to Redis can enqueue a call to any importable function,
        # and JSON jobs do not prevent it: a worker must not run what it did not expect.
        if job.func_name not in JOB_FUNCTIONS:
            log.error("job.refused", job_id=job.id, function=job.func_name)
            self.handle_job_failure(
                job, queue, exc_string=f"refused: {job.func_name} is not a blogtail job"
            )
            with contextlib.suppress(redis.RedisError):
                queue.connection.lrem(queue.intermediate_queue_key, 0, job.id)
            return
        super().execute_job(job, queue)
        if job.func_name == BATCH_FUNCTION:
            self._enqueue_ready(queue)

    def _enqueue_ready(self, queue: Queue) -> None:
        """Enqueue the backfill jobs whose turn came but which RQ left aside."""
        # RQ 3 moves a finished job's dependents to a "ready" registry, then enqueues them
        # under WATCH: when two workers finish at once, one enqueue is skipped "for now" and
        # the next batch of that blog waits for RQ's maintenance, ten minutes later (seen:
        # a 1,000-capture backfill stalled with 5 batches there). Each worker drains it.
        registry = queue.ready_job_registry
        for _ in range(READY_DRAIN_TRIES):
            if not queue.connection.exists(registry.key):
                return
            registry.cleanup()


def _handed_of(job: CaptureJob) -> tuple[Keys, str, str] | None:
    """Name the keys, path and sha256 of a single capture's job; None for any other job."""
    kwargs = job.kwargs
    if job.func_name != JOB_FUNCTION or not isinstance(kwargs, dict):
        return None
    path, sha256, namespace = kwargs.get("path"), kwargs.get("sha256"), kwargs.get("namespace")
    if not (isinstance(path, str) and isinstance(sha256, str) and isinstance(namespace, str)):
        return None  # malformed: the job itself fails, and says why
    return Keys(namespace), path, sha256


def release_dead_worker(queues: Sequence[Queue], name: str) -> list[str]:
    """Put back what a worker that died held, at once, and forget the worker."""
    # RQ finds abandoned jobs only in its periodic maintenance (minutes); the pool knows
    # at once which process died. Returns the ids of the jobs put back.
    connection = queues[0].connection
    key = CaptureWorker.redis_worker_namespace_prefix + name
    worker = CaptureWorker.find_by_key(key, connection=connection, serializer=JSONSerializer)
    held = worker.get_current_job_id() if worker is not None else None
    released: list[str] = []
    if held:
        for queue in queues:
            released += _release_started(queue, held)
    released = sorted({*released, *_requeue_orphans(queues)})
    if worker is not None:
        worker.register_death()  # type: ignore[no-untyped-call]
    if released:
        log.warning("worker.jobs_released", worker=name, jobs=released)
    return released


def _release_started(queue: Queue, held: str) -> list[str]:
    """Hand a started job back to RQ's own path for an abandoned job: retried while retries last."""
    registry = queue.started_job_registry
    released = []
    for job_id, execution_id in registry.get_job_and_execution_ids(cleanup=False):
        if job_id == held:
            queue.connection.zadd(registry.key, {f"{job_id}:{execution_id}": 0}, xx=True)
            released.append(job_id)
    if released:
        registry.cleanup()
    return released


def _requeue_orphans(queues: Sequence[Queue]) -> list[str]:
    """Put back capture jobs marked queued that no lane holds any more."""
    # A worker on two lanes pops a job (BLPOP: RQ keeps no intermediate list then) and
    # records it as started two round trips later; one killed in between, or before RQ
    # marked the job started, leaves it queued in no lane. Jobs are idempotent, so putting
    # back one a live worker has just popped costs one no-op run.
    connection = queues[0].connection
    lanes = {queue.name: queue for queue in queues}
    waiting = {job_id for queue in queues for job_id in queue.get_job_ids()}
    keys = [
        key  # not a chained batch's ":dependents" or ":dependencies" set
        for key in connection.scan_iter(
            match=Job.redis_job_namespace_prefix + "capture*", count=1000
        )
        if b":" not in key.removeprefix(Job.redis_job_namespace_prefix.encode())
    ]
    with connection.pipeline(transaction=False) as pipe:
        for job_key in keys:
            pipe.hmget(job_key, "status", "origin")
        states = pipe.execute()
    released = []
    for job_key, (status, origin) in zip(keys, states, strict=True):
        job_id = job_key.decode().removeprefix(Job.redis_job_namespace_prefix)
        lane = lanes.get(origin.decode()) if origin else None
        if status != JobStatus.QUEUED.value.encode() or job_id in waiting or lane is None:
            continue
        job = lane.fetch_job(job_id)
        if job is not None:
            connection.lrem(lane.intermediate_queue_key, 0, job_id)
            lane.enqueue_job(job, at_front=True)
            released.append(job_id)
    return released


def capture_queue(client: redis.Redis, settings: Settings) -> Queue:
    """Return the live lane: captures the watcher sees land, served first."""
    return Queue(settings.queue, connection=client, serializer=JSONSerializer)


def backfill_queue(client: redis.Redis, settings: Settings) -> Queue:
    """Return the backfill lane: the inbox's backlog at start-up, `ingest` and `retry`."""
    name = settings.backfill_queue or f"{settings.queue}-backfill"
    return Queue(name, connection=client, serializer=JSONSerializer)


def capture_queues(client: redis.Redis, settings: Settings) -> list[Queue]:
    """Return both lanes in the order workers serve them: fresh news before any backlog."""
    return [capture_queue(client, settings), backfill_queue(client, settings)]


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


def enqueue_capture(
    queue: Queue,
    entry: Entry,
    *,
    folder: str | None,
    settings: Settings,
    pipeline: redis.client.Pipeline | None = None,
) -> Job:
    """Publish one handed-over capture as a job whose id names the file at that content.

    With ``pipeline``, the job goes out when the caller executes it; else at once, in one
    round trip (RQ alone takes two).
    """
    if pipeline is None:
        with queue.connection.pipeline() as own:
            job = enqueue_capture(queue, entry, folder=folder, settings=settings, pipeline=own)
            own.execute()
        return job
    path = str(entry.path)
    return queue.enqueue_call(
        JOB_FUNCTION,
        kwargs={**_capture(entry), "folder": folder, **_job_settings(settings)},
        job_id="capture-" + digest([settings.namespace, path, entry.sha256], 12),
        timeout=settings.job_timeout,
        description=f"capture {path}",
        pipeline=pipeline,
        **_job_options(settings),
    )


def enqueue_batch(
    queue: Queue,
    entries: Sequence[Entry],
    *,
    folder: str | None,
    settings: Settings,
    after: Job | None,
) -> Job:
    """Publish handed-over captures of one blog as one job, run after ``after`` if given."""
    captures = [_capture(entry) for entry in entries]
    named = [part for c in captures for part in (c["path"], c["sha256"])]
    return queue.enqueue_call(
        BATCH_FUNCTION,
        kwargs={"captures": captures, "folder": folder, **_job_settings(settings)},
        job_id="captures-" + digest([settings.namespace, *named], 12),
        timeout=settings.job_timeout * len(captures),
        depends_on=Dependency(jobs=[after], allow_failure=True) if after is not None else None,
        description=f"{len(captures)} captures from {captures[0]['path']}",
        **_job_options(settings),
    )


def _capture(entry: Entry) -> dict[str, str]:
    """Name a handed-over capture in a job: its file, its digest, its modification time."""
    return {
        "path": str(entry.path),
        "sha256": entry.sha256,
        "modified_at": entry.modified_at.isoformat(),
    }


def _job_settings(settings: Settings) -> dict[str, Any]:
    """The publisher's settings a job carries, so a worker needs only the server."""
    return {
        "namespace": settings.namespace,
        "stream_maxlen": settings.stream_maxlen,
        "max_bytes": settings.max_file_bytes,
    }


def _job_options(settings: Settings) -> dict[str, Any]:
    """RQ's options for every capture job: retries, failure kept a week, no result kept."""
    return {
        "retry": Retry(max=settings.job_retries) if settings.job_retries else None,
        # The commit's events are the result: nothing of the job stays once it is done.
        "result_ttl": 0,
        "failure_ttl": 7 * 24 * 3600,
        "on_failure": Callback(FAILURE_FUNCTION),
    }


@dataclass(frozen=True)
class Taken:
    """What became of an entry offered: a job, a commit made before, or a refusal."""

    path: Path
    job: Job | None = None
    applied: str | None = None
    refused: EntryRefusedError | None = None
    receipt: str = ""
    """The file at its content, as its commit names it (set when a job was published)."""


def reject_unread(store: RedisStore, path: Path, refused: EntryRefusedError) -> None:
    """Commit the file.rejected of an entry blogtail would not read."""
    source = capture_source(shown(path), "", refused.modified_at)
    reject(store, source, refused, now=datetime.now(UTC), entry=refused.entry)
    log.warning("file.rejected", path=shown(path), code=refused.code, reason=refused.reason)


def take_in(
    path: Path, *, store: RedisStore, queue: Queue, folder: str | None, settings: Settings
) -> Taken:
    """Read an entry once and hand its bytes over with a job; reject what cannot be read."""
    entry = _read(path, store=store, settings=settings)
    if isinstance(entry, Taken):
        return entry
    ticket = receipt(str(path), entry.sha256)
    # The bytes and the job in one transaction, one round trip: on the way of fresh news,
    # and a round trip to a server woken from idle costs this machine half a millisecond.
    with store.client.pipeline() as pipe:
        pipe.multi()  # explicit, as RQ expects of a pipeline handed to it
        store.hand_over_in(
            pipe,
            ticket,
            entry.sha256,
            entry.raw,
            path=str(path),
            signature=_signature(entry.signature),
        )
        job = enqueue_capture(queue, entry, folder=folder, settings=settings, pipeline=pipe)
        applied = replies.text(pipe.execute()[0])
    if applied is not None:  # committed before (a file touched again): no job to run
        job.delete()
        return Taken(path, applied=applied)
    return Taken(path, job=job, receipt=ticket)


def _hand_over(path: Path, *, store: RedisStore, settings: Settings) -> Taken | tuple[Entry, str]:
    """Read an entry once and hand its bytes over; what became of it if nothing is to publish."""
    entry = _read(path, store=store, settings=settings)
    if isinstance(entry, Taken):
        return entry
    ticket = receipt(str(path), entry.sha256)
    applied = store.hand_over(
        ticket, entry.sha256, entry.raw, path=str(path), signature=_signature(entry.signature)
    )
    if applied is not None:
        return Taken(path, applied=applied)
    return entry, ticket


def _read(path: Path, *, store: RedisStore, settings: Settings) -> Entry | Taken:
    """Read an entry, or reject it and say so."""
    try:
        return read_entry(path, settings.max_file_bytes)
    except EntryRefusedError as refused:
        reject_unread(store, path, refused)
        return Taken(path, refused=refused)


def _signature(status: tuple[int, int, int]) -> str:
    """Write a file's signature (see intake.file_signature) as the store keeps it."""
    return ":".join(map(str, status))


@dataclass(frozen=True)
class Known:
    """A file read before, as it stands: its entry (no bytes) and what it committed as."""

    entry: Entry
    applied: str | None
    """The blog (or REJECTED) it was committed as; None while handed over, not committed."""


def _known_unchanged(paths: Sequence[Path], store: RedisStore) -> dict[Path, Known]:
    """The files read before and untouched since: no need to read or hash them again."""
    found = {}
    for path in paths:
        with contextlib.suppress(OSError):
            status = path.lstat()
            if stat.S_ISREG(status.st_mode) and has_text_name(path):  # else: read, refused
                found[str(path)] = (path, status)
    known = store.known_unchanged(
        {name: _signature(file_signature(status)) for name, (_, status) in found.items()}
    )
    result = {}
    for name, (sha256, applied) in known.items():
        path, status = found[name]
        result[path] = Known(entry_as_found(path, status, sha256), applied)  # bytes in Redis
    return result


LOOKUP_CHUNK = 500
"""Files looked up together when a backlog is taken in: one round trip per chunk."""


def take_in_batches(
    files: Iterable[tuple[Path, str | None]],
    *,
    store: RedisStore,
    queue: Queue,
    settings: Settings,
    chain: dict[str | None, Job] | None = None,
) -> Iterator[Taken]:
    """Hand many entries over and publish each blog's in order, a few captures per job.

    Files are (path, blog folder) in capture order, read lazily. A folder's jobs depend each
    on the one before (``chain`` carries the last across calls), so one worker at a time
    takes a blog and in order; files outside a blog folder (their blog is known only once
    read) go in jobs of their own, without waiting. Files read before and unchanged since
    (committed, or handed over before a restart) are not read or hashed again.
    """
    # A folder's captures wait here (without their bytes, which are in Redis) until a batch
    # is full, so workers start at once and a backlog of any size is held in little memory.
    waiting: dict[str | None, list[tuple[Entry, str]]] = {}
    last = chain if chain is not None else {}

    def publish(folder: str | None) -> Iterator[Taken]:
        chunk = waiting.pop(folder, [])
        if not chunk:
            return
        after = last.get(folder) if folder is not None else None
        job = enqueue_batch(
            queue, [entry for entry, _ in chunk], folder=folder, settings=settings, after=after
        )
        last[folder] = job
        yield from (Taken(entry.path, job=job, receipt=ticket) for entry, ticket in chunk)

    iterator = iter(files)
    while part := list(islice(iterator, LOOKUP_CHUNK)):
        known = _known_unchanged([path for path, _ in part], store)
        for path, folder in part:
            if path in known and known[path].applied is not None:
                yield Taken(path, applied=known[path].applied)
                continue
            if path in known:  # handed over before a restart: its bytes wait in Redis
                entry = known[path].entry
                ticket = receipt(str(path), entry.sha256)
            else:
                handed = _hand_over(path, store=store, settings=settings)
                if isinstance(handed, Taken):
                    yield handed
                    continue
                entry, ticket = handed
            waiting.setdefault(folder, []).append((replace(entry, raw=b""), ticket))
            if len(waiting[folder]) >= settings.batch_size:
                yield from publish(folder)
    for folder in list(waiting):
        yield from publish(folder)


QUIET_ROUNDS_BEFORE_MISSING = 2
"""Empty reads of the log in a row after which a job gone without its event is missing."""


def await_committed(
    client: redis.Redis, keys: Keys, jobs: Mapping[str, Job], *, since: str, block_ms: int = 1000
) -> Iterator[tuple[str, Job, FileReceived | FileRejected | None]]:
    """Yield each receipt with its job and the event that committed it, as the log gets them.

    ``since`` is the log's last id before the jobs were enqueued. A job's result is not kept
    (result TTL 0): its capture's file.received or file.rejected is the result, read with a
    blocking XREAD. A job gone without one (its content lost with the server's data) comes
    with None.
    """
    left = dict(jobs)
    cursor, quiet = since, 0
    while left:
        entries = replies.read_entries(
            client.xread({keys.events: cursor}, count=EVENT_BATCH, block=block_ms)
        )
        for entry_id, fields in entries:
            cursor = entry_id
            if fields.get(b"type") not in (b"file.received", b"file.rejected"):
                continue
            try:
                event = parse_event(fields.get(b"data", b""))
            except ValueError:  # another writer's entry
                continue
            if isinstance(event, FileReceived | FileRejected):
                ticket = receipt(event.source.path, event.source.sha256)
                job = left.pop(ticket, None)
                if job is not None:
                    yield ticket, job, event
        quiet = 0 if entries else quiet + 1
        if quiet >= QUIET_ROUNDS_BEFORE_MISSING:
            with client.pipeline(transaction=False) as pipe:
                for job in left.values():
                    pipe.exists(job.key)
                present = pipe.execute()
            for ticket, exists in zip(list(left), present, strict=True):
                if not exists:
                    yield ticket, left.pop(ticket), None
