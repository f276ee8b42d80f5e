"""Publish captures as RQ jobs (JSON-serialised, never pickled)."""

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import redis
import structlog
from rq import Queue, Retry
from rq.job import Job
from rq.serializers import JSONSerializer

from services.intake import Entry, EntryRefusedError, read_entry
from services.settings import Settings
from workers.identity import digest
from workers.pipeline import capture_source, reject
from workers.projection import receipt
from workers.store.redis_store import RedisStore

log = structlog.get_logger(__name__)

JOB_FUNCTION = "workers.jobs.process_capture"


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
        description=f"capture {path}",
    )


@dataclass(frozen=True)
class Taken:
    """What became of an entry offered: a job, a commit made before, or a refusal."""

    path: Path
    job: Job | None = None
    applied: str | None = None
    refused: EntryRefusedError | None = None


def take_in(
    path: Path, *, store: RedisStore, queue: Queue, folder: str | None, settings: Settings
) -> Taken:
    """Read an entry once and hand its bytes over with a job; reject what cannot be read."""
    try:
        entry = read_entry(path, settings.max_file_bytes)
    except EntryRefusedError as refused:
        source = capture_source(str(path), "", refused.modified_at)
        reject(store, source, refused, now=datetime.now(UTC), entry=refused.entry)
        log.warning("file.rejected", path=str(path), code=refused.code, reason=refused.reason)
        return Taken(path, refused=refused)
    applied = store.hand_over(receipt(str(path), entry.sha256), entry.sha256, entry.raw)
    if applied is not None:
        return Taken(path, applied=applied)
    return Taken(path, job=enqueue_capture(queue, entry, folder=folder, settings=settings))
