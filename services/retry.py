"""Take quarantined captures back into the inbox once their cause is fixed."""

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import structlog
from rq import Queue
from rq.job import Job

from schemas import FileRetried
from services.intake import QUARANTINE, EntryRefusedError, quarantine, read_entry
from services.queueing import Taken, folder_of, take_in
from services.settings import Settings
from workers.identity import digest
from workers.pipeline import capture_source
from workers.store.redis_store import RedisStore

log = structlog.get_logger(__name__)

REASON_SUFFIX = ".reason.json"


@dataclass(frozen=True)
class Retried:
    """A quarantined file put back in the inbox, and what became of it."""

    quarantined: Path
    path: Path
    taken: Taken | None = None
    error: str | None = None


def quarantined_files(inbox: Path, chosen: Iterable[Path] = ()) -> Iterator[Path]:
    """List the quarantined entries (all of them unless some are chosen), not their notes."""
    folder = inbox / QUARANTINE
    picked = [Path(os.path.abspath(path)) for path in chosen]  # noqa: PTH100 - not resolve()
    if picked:
        yield from picked
        return
    if not folder.is_dir():
        return
    for root, _dirs, files in os.walk(folder):
        for name in sorted(files):
            if not name.endswith(REASON_SUFFIX):
                yield Path(root, name)


def original_path(inbox: Path, quarantined: Path) -> Path:
    """Return where a quarantined entry came from, as its reason note records it."""
    note = quarantined.with_name(quarantined.name + REASON_SUFFIX)
    try:
        relative = Path(json.loads(note.read_text())["from"])
    except (OSError, ValueError, KeyError):
        relative = quarantined.relative_to(inbox / QUARANTINE)
    if relative.is_absolute() or ".." in relative.parts:
        raise ValueError(f"{note} names a place outside the inbox")
    return inbox / relative


def retry(
    quarantined: Path,
    *,
    inbox: Path,
    store: RedisStore,
    queue: Queue,
    settings: Settings,
) -> Retried:
    """Forget a file's rejection, move it back where it was and hand it over again."""
    if not quarantined.is_relative_to(inbox / QUARANTINE):
        return Retried(
            quarantined, quarantined, error=f"not a quarantined file (not in {inbox / QUARANTINE})"
        )
    try:
        target = original_path(inbox, quarantined)
    except ValueError as error:
        return Retried(quarantined, quarantined, error=str(error))
    try:
        sha256 = read_entry(quarantined, settings.max_file_bytes).sha256
    except EntryRefusedError:
        sha256 = ""  # never read (a link, a FIFO, too large): nothing to forget
    if sha256:
        source = capture_source(str(target), sha256, datetime.now(UTC))
        now = datetime.now(UTC)
        retried = FileRetried(
            event_id=digest(["retried", str(target), sha256, now.isoformat()], 12),
            occurred_at=now,
            source=source,
        )
        store.commit(blog_id=None, expected_version=0, receipt=retried.event_id, events=[retried])
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(quarantined, target, follow_symlinks=False)  # never over a file now there
    except FileExistsError:
        return Retried(quarantined, target, error=f"{target} exists: move it away first")
    quarantined.unlink()
    quarantined.with_name(quarantined.name + REASON_SUFFIX).unlink(missing_ok=True)
    log.info("file.retried", path=str(target))
    folder = folder_of(target, inbox)
    taken = take_in(target, store=store, queue=queue, folder=folder, settings=settings)
    if taken.refused is not None:  # still a link, a FIFO, too large...: back it goes
        quarantine(inbox, target, code=taken.refused.code, reason=taken.refused.reason)
    return Retried(quarantined, target, taken=taken)


def quarantine_notes(inbox: Path) -> Iterator[dict[str, str]]:
    """List what the quarantine holds: each entry, where it came from, its code and reason."""
    for quarantined in quarantined_files(inbox):
        note_path = quarantined.with_name(quarantined.name + REASON_SUFFIX)
        try:
            note = json.loads(note_path.read_text())
        except (OSError, ValueError):
            note = {}
        yield {
            "quarantined": str(quarantined),
            "path": str(inbox / note.get("from", quarantined.relative_to(inbox / QUARANTINE))),
            "code": str(note.get("code", "unknown")),
            "reason": str(note.get("reason", "no reason note beside it")),
            "at": str(note.get("at", "")),
        }


def failed_jobs(queues: Iterable[Queue]) -> Iterator[dict[str, Any]]:
    """List the jobs RQ gave up on, each with its last error line and its captures."""
    for queue in queues:
        registry = queue.failed_job_registry
        ids = registry.get_job_ids()
        for job in Job.fetch_many(ids, connection=queue.connection, serializer=queue.serializer):
            if job is None:
                continue
            result = job.latest_result()
            error = ((result.exc_string if result else None) or "").strip().splitlines()
            captures = job.kwargs.get("captures", [job.kwargs])
            yield {
                "lane": queue.name,
                "job_id": job.id,
                "error": error[-1] if error else "",
                "paths": [str(capture.get("path", "")) for capture in captures],
            }


def failed_report(inbox: Path, queues: Iterable[Queue]) -> dict[str, list[dict[str, Any]]]:
    """What `blogtail failed` and the dashboard show: rejected captures and failed jobs."""
    return {"captures": list(quarantine_notes(inbox)), "jobs": list(failed_jobs(queues))}
