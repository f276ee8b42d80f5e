"""RQ jobs: thin functions with JSON arguments that wire adapters to the core."""

import os
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import structlog
from rq import get_current_job

from workers.pipeline import Capture, Outcome, ingest
from workers.store.keys import Keys
from workers.store.port import CaptureStore
from workers.store.redis_store import RedisStore

log = structlog.get_logger(__name__)


def read_capture(path: Path, folder: str | None) -> Capture:
    """Read a capture file and its modification time."""
    raw = path.read_bytes()
    modified = datetime.fromtimestamp(path.stat().st_mtime, tz=UTC)
    return Capture(path=str(path), raw=raw, modified_at=modified, folder=folder)


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


def quarantine(path: Path, folder: Path) -> Path:
    """Move a rejected file aside, never deleting it nor overwriting one already there."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    while True:
        try:
            # A hard link fails if the name is taken, where a rename would overwrite the
            # file another worker just quarantined under that name.
            os.link(path, target)
            break
        except FileExistsError:
            target = folder / f"{path.stem}.{time.time_ns()}{path.suffix}"
    path.unlink()
    log.warning("file.quarantined", to=str(target))
    return target


def process_capture(
    *,
    path: str,
    folder: str | None,
    namespace: str,
    stream_maxlen: int,
    max_bytes: int,
    quarantine_dir: str | None,
) -> dict[str, Any]:
    """Ingest the capture at ``path`` (the RQ job the watcher publishes).

    The job carries the publisher's settings, so a worker needs only its queue.
    """
    job = get_current_job()
    if job is None:
        raise RuntimeError("process_capture runs inside an RQ job")
    structlog.contextvars.bind_contextvars(job_id=job.id, path=path)
    try:
        try:
            capture = read_capture(Path(path), folder)
        except FileNotFoundError:
            log.warning("file.vanished")
            return {"status": "vanished"}
        store = RedisStore(job.connection, Keys(namespace), stream_maxlen=stream_maxlen)
        outcome = run_capture(capture, store, max_bytes=max_bytes)
        if outcome.reason is not None and quarantine_dir is not None:
            quarantine(Path(path), Path(quarantine_dir))
        return {
            "status": outcome.status.value,
            "blog_id": outcome.blog_id,
            "events": len(outcome.events),
            "unchanged": outcome.unchanged,
        }
    finally:
        structlog.contextvars.unbind_contextvars("job_id", "path")
