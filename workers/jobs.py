"""RQ jobs: thin functions with JSON arguments that wire adapters to the core."""

import time
from collections.abc import Mapping
from datetime import UTC, datetime
from types import TracebackType
from typing import Any

import redis
import structlog
from rq import get_current_job
from rq.job import Job

from workers.pipeline import (
    Capture,
    CaptureRejectedError,
    Outcome,
    Recall,
    capture_source,
    ingest,
    reject,
)
from workers.projection import receipt
from workers.store.keys import Keys
from workers.store.port import CaptureStore, CommitStatus
from workers.store.redis_store import RedisStore

log = structlog.get_logger(__name__)


class CaptureJob(Job):
    """An RQ job that may carry its capture's bytes and receipt, read as the worker took it."""

    # The capture worker reads them in the transaction that marks the job started: one
    # round trip fewer between a capture's pop and its processing. None: not read yet.
    handed: tuple[bytes | None, str | None] | None = None


# What this worker process saw committed, per namespace: a hint that lets a blog's next
# capture be read in one round trip (pipeline.Recall), kept from job to job.
_RECALLS: dict[str, Recall] = {}


def run_capture(
    capture: Capture,
    store: CaptureStore,
    *,
    max_bytes: int,
    checked: bool = False,
    recall: Recall | None = None,
) -> Outcome:
    """Ingest one capture and log what it gave (``checked``, ``recall``: see pipeline.ingest)."""
    outcome = ingest(
        capture,
        store,
        now=datetime.now(UTC),
        max_bytes=max_bytes,
        checked=checked,
        recall=recall,
    )
    if outcome.reason is not None:
        log.warning("file.rejected", reason=outcome.reason, status=outcome.status.value)
    else:
        for event in outcome.post_events:
            log.info(event.type, post_id=getattr(event, "post_id", None), blog_id=outcome.blog_id)
        log.info(
            "file.processed",
            blog_id=outcome.blog_id,
            status=outcome.status.value,
            events=len(outcome.events),
            unchanged=outcome.unchanged,
        )
    return outcome


def process_capture(
    *,
    path: str,
    sha256: str,
    modified_at: str,
    folder: str | None,
    namespace: str,
    stream_maxlen: int,
    max_bytes: int,
) -> dict[str, Any]:
    """Ingest a capture handed over through Redis (the RQ job the watcher publishes).

    The job carries the publisher's settings and the capture's bytes wait in Redis, so a
    worker needs only the server and its queue, not the inbox: ``path`` only names the file.
    """
    job = get_current_job()
    if job is None:
        raise RuntimeError("process_capture runs inside an RQ job")
    store = RedisStore(job.connection, Keys(namespace), stream_maxlen=stream_maxlen)
    capture = {"path": path, "sha256": sha256, "modified_at": modified_at}
    handed = job.handed if isinstance(job, CaptureJob) else None
    with structlog.contextvars.bound_contextvars(job_id=job.id, path=path):
        return _process_handed(store, capture, folder=folder, max_bytes=max_bytes, handed=handed)


def process_captures(
    *,
    captures: list[dict[str, str]],
    folder: str | None,
    namespace: str,
    stream_maxlen: int,
    max_bytes: int,
) -> dict[str, Any]:
    """Ingest several handed-over captures of one blog in order (a backfill lane job).

    One job for many captures pays RQ's fixed cost once, and one worker takes a blog's
    captures in order, so no two workers decide on the same blog at once. A capture that
    raises is rejected with its error and the rest go on; a server error fails the job, which
    RQ retries: the captures already committed are then no-ops.
    """
    job = get_current_job()
    if job is None:
        raise RuntimeError("process_captures runs inside an RQ job")
    store = RedisStore(job.connection, Keys(namespace), stream_maxlen=stream_maxlen)
    statuses: dict[str, int] = {}
    for capture in captures:
        with structlog.contextvars.bound_contextvars(job_id=job.id, path=capture["path"]):
            try:
                status = _process_handed(store, capture, folder=folder, max_bytes=max_bytes)
            except redis.RedisError:
                raise
            except Exception as error:
                _reject_failed(store, capture, error)
                status = {"status": "failed"}
        statuses[status["status"]] = statuses.get(status["status"], 0) + 1
    return statuses


def _process_handed(
    store: RedisStore,
    capture: Mapping[str, str],
    *,
    folder: str | None,
    max_bytes: int,
    handed: tuple[bytes | None, str | None] | None = None,
) -> dict[str, Any]:
    """Ingest one capture whose bytes wait in Redis (``handed``: read already, see CaptureJob)."""
    path, sha256 = capture["path"], capture["sha256"]
    raw, applied = handed or store.handed(receipt(path, sha256), sha256)
    if applied is not None:  # a retried or doubled job: nothing to parse
        return {"status": CommitStatus.ALREADY_APPLIED.value, "blog_id": applied}
    if raw is None:  # lost with the server's data: the watcher hands it over again
        log.error("capture.content_missing", sha256=sha256)
        return {"status": "missing"}
    modified_at = datetime.fromisoformat(capture["modified_at"])
    read = Capture(path=path, raw=raw, modified_at=modified_at, folder=folder)
    if read.sha256 != sha256:
        raise RuntimeError(f"capture content does not match its digest {sha256}")
    started = time.perf_counter()
    recall = _RECALLS.setdefault(store.keys.prefix, Recall())
    outcome = run_capture(read, store, max_bytes=max_bytes, checked=True, recall=recall)
    # A job that lost a race with its double (the watcher and a retry both hand a file
    # over) finds its commit made: it decided nothing, so it is not a capture timed.
    if outcome.status is not CommitStatus.ALREADY_APPLIED:
        store.record_capture(time.perf_counter() - started, outcome.unchanged)
    return {
        "status": outcome.status.value,
        "blog_id": outcome.blog_id,
        "events": len(outcome.events),
        "unchanged": outcome.unchanged,
    }


def _reject_failed(store: CaptureStore, capture: Mapping[str, str], error: BaseException) -> None:
    """Commit the file.rejected of a capture whose processing raised, with its error."""
    modified_at = datetime.fromisoformat(capture["modified_at"])
    source = capture_source(capture["path"], capture["sha256"], modified_at)
    failure = CaptureRejectedError("failed", f"{type(error).__name__}: {error}"[:500])
    reject(store, source, failure, now=datetime.now(UTC))
    log.error("file.failed", path=capture["path"], error=failure.reason)


def capture_failed(
    job: Job,
    connection: redis.Redis,
    exc_type: type[BaseException],
    exc_value: BaseException,
    _traceback: TracebackType | None,
) -> None:
    """Reject a capture whose job failed for the last time, with its error (RQ on_failure)."""
    if job.retries_left:  # RQ tries it again
        return
    del exc_type  # the error itself says it
    args = job.kwargs
    store = RedisStore(connection, Keys(args["namespace"]), stream_maxlen=args["stream_maxlen"])
    # A batch that failed for good (its server away through every retry) rejects what it
    # had not committed; a commit already made refuses the rejection by its receipt.
    for capture in args.get("captures", [args]):
        _reject_failed(store, capture, exc_value)
