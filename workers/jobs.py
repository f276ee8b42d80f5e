"""RQ jobs: thin functions with JSON arguments that wire adapters to the core."""

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
    capture_source,
    ingest,
    reject,
)
from workers.projection import receipt
from workers.store.keys import Keys
from workers.store.port import CaptureStore, CommitStatus
from workers.store.redis_store import RedisStore

log = structlog.get_logger(__name__)


def run_capture(capture: Capture, store: CaptureStore, *, max_bytes: int) -> Outcome:
    """Ingest one capture and log what it gave."""
    outcome = ingest(capture, store, now=datetime.now(UTC), max_bytes=max_bytes)
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
    structlog.contextvars.bind_contextvars(job_id=job.id, path=path)
    try:
        store = RedisStore(job.connection, Keys(namespace), stream_maxlen=stream_maxlen)
        raw = store.blob(sha256)
        if raw is None:
            applied = store.applied_as(receipt(path, sha256))
            if applied is None:  # lost with the server's data: the watcher hands it over again
                log.error("capture.content_missing", sha256=sha256)
                return {"status": "missing"}
            return {"status": CommitStatus.ALREADY_APPLIED.value, "blog_id": applied}
        capture = Capture(
            path=path, raw=raw, modified_at=datetime.fromisoformat(modified_at), folder=folder
        )
        if capture.sha256 != sha256:
            raise RuntimeError(f"capture content does not match its digest {sha256}")
        outcome = run_capture(capture, store, max_bytes=max_bytes)
        return {
            "status": outcome.status.value,
            "blog_id": outcome.blog_id,
            "events": len(outcome.events),
            "unchanged": outcome.unchanged,
        }
    finally:
        structlog.contextvars.unbind_contextvars("job_id", "path")


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
    args = job.kwargs
    store = RedisStore(connection, Keys(args["namespace"]), stream_maxlen=args["stream_maxlen"])
    source = capture_source(
        args["path"], args["sha256"], datetime.fromisoformat(args["modified_at"])
    )
    error = CaptureRejectedError("failed", f"{exc_type.__name__}: {exc_value}"[:500])
    reject(store, source, error, now=datetime.now(UTC))
    log.error("file.failed", path=args["path"], job_id=job.id, error=error.reason)
