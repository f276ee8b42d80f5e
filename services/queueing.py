"""Publish captures as RQ jobs (JSON-serialised, never pickled)."""

from pathlib import Path

import redis
from rq import Queue, Retry
from rq.job import Job
from rq.serializers import JSONSerializer

from services.settings import Settings
from workers.identity import digest

JOB_FUNCTION = "workers.jobs.process_capture"


def capture_queue(client: redis.Redis, settings: Settings) -> Queue:
    """Return the queue captures are published on."""
    return Queue(settings.queue, connection=client, serializer=JSONSerializer)


def folder_of(path: Path, root: Path | None) -> str | None:
    """Name the blog a file's sub-folder of the inbox stands for, if it is in one."""
    if root is None:
        return None
    try:
        parts = path.resolve().relative_to(root.resolve()).parts
    except ValueError:
        return None
    return parts[0] if len(parts) > 1 else None


def enqueue_capture(
    queue: Queue,
    path: Path,
    *,
    folder: str | None,
    settings: Settings,
    quarantine_dir: Path | None = None,
) -> Job:
    """Publish one capture file as a job whose id names the file."""
    absolute = str(path.resolve())
    return queue.enqueue_call(
        JOB_FUNCTION,
        kwargs={
            "path": absolute,
            "folder": folder,
            "namespace": settings.namespace,
            "stream_maxlen": settings.stream_maxlen,
            "max_bytes": settings.max_file_bytes,
            "quarantine_dir": str(quarantine_dir) if quarantine_dir else None,
        },
        job_id="capture-"
        + digest([settings.namespace, absolute, str(path.stat().st_mtime_ns)], 12),
        timeout=settings.job_timeout,
        retry=Retry(max=settings.job_retries) if settings.job_retries else None,
        result_ttl=3600,
        failure_ttl=7 * 24 * 3600,
        description=f"capture {absolute}",
    )
