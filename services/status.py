"""What the system is doing: queues, workers, watchers and the event log."""

import json
import time
from collections.abc import Sequence
from typing import Any

import redis
from rq import Queue, Worker
from rq.registry import FailedJobRegistry, ScheduledJobRegistry, StartedJobRegistry
from rq.worker import BaseWorker

from workers.projection import COUNTS, POSTS, VERSIONS, WITH_WARNINGS
from workers.store import replies
from workers.store.keys import Keys
from workers.store.redis_store import POSTS_UNCHANGED, stale_layout

BEAT_SECONDS = 1.0
BEAT_TTL = 10
THROUGHPUT_LIMIT = 50_000
"""Events read at most for the throughput chart (the last hour's)."""


class WatcherBeat:
    """A watcher's heartbeat: a key with a TTL holding how many files wait to be published."""

    def __init__(self, client: redis.Redis, namespace: str, watcher_id: str, inbox: str) -> None:
        self.client = client
        self.key = f"{namespace}:watcher:{watcher_id}"
        self.inbox = inbox
        self._last = 0.0
        self._pending = -1

    def send(self, *, pending: int) -> None:
        """Refresh the heartbeat: at once when the pending count changed, else each second."""
        now = time.monotonic()
        if pending == self._pending and now - self._last < BEAT_SECONDS:
            return
        self._last, self._pending = now, pending
        beat = {"inbox": self.inbox, "pending": pending, "at": time.time()}
        self.client.set(self.key, json.dumps(beat), ex=BEAT_TTL)

    def clear(self) -> None:
        """Remove the heartbeat on a clean stop."""
        self.client.delete(self.key)


def _lane(client: redis.Redis, queue: Queue) -> dict[str, Any]:
    """Count a lane's jobs: queued (with those taken but not started), started, failed."""
    # rq moves a job to its intermediate list before the started registry: count it too.
    return {
        "name": queue.name,
        "queued": queue.count + int(client.llen(queue.intermediate_queue_key)),
        "started": StartedJobRegistry(queue=queue).count,
        "scheduled": ScheduledJobRegistry(queue=queue).count,  # type: ignore[no-untyped-call]
        "failed": FailedJobRegistry(queue=queue).count,
    }


def collect_status(
    client: redis.Redis, queues: Sequence[Queue], keys: Keys, namespace: str
) -> dict[str, Any]:
    """Gather the state of the lanes, workers, watchers and the stream."""
    watchers = []
    for key in client.scan_iter(match=f"{namespace}:watcher:*", count=100):
        raw = client.get(key)
        if raw:
            watchers.append({"id": key.decode().split(":", 2)[2], **json.loads(raw)})
    workers = [
        {
            "name": w.name,
            "state": w.get_state(),
            "current_job": w.get_current_job_id(),
            "current_capture": _capture_of(w),
            "successful_jobs": w.successful_job_count,
            "failed_jobs": w.failed_job_count,
        }
        for w in Worker.all(queue=queues[0], serializer=queues[0].serializer)
    ]
    lanes = [_lane(client, queue) for queue in queues]
    waiting = sum(int(w.get("pending", 0)) for w in watchers)
    stream: dict[str, Any] = {"key": keys.events, "length": 0, "last_id": None}
    stream["dead_letters"] = int(client.xlen(keys.dead_letters))
    groups = []
    if client.exists(keys.events):
        info = client.xinfo_stream(keys.events)
        stream.update(length=info["length"], last_id=_text(info["last-generated-id"]))
        groups = [
            {
                "name": _text(g["name"]),
                "consumers": g["consumers"],
                "pending": g["pending"],
                "lag": g.get("lag"),
                "last_delivered_id": _text(g["last-delivered-id"]),
            }
            for g in client.xinfo_groups(keys.events)
        ]
    counts = {_text(name): int(value) for name, value in client.hgetall(keys.table(COUNTS)).items()}
    problems = [
        sentence
        for sentence, missing in (
            ("no worker is running", not workers),
            ("no watcher has sent a heartbeat in the last 10 s", not watchers),
            (
                "the projections are in another layout: stop the workers and run "
                "blogtail replay --rebuild",
                stale_layout(client, keys),
            ),
        )
        if missing
    ]
    return {
        "idle": waiting == 0
        and not any(lane["queued"] or lane["started"] or lane["scheduled"] for lane in lanes),
        "healthy": not problems,
        "problems": problems,
        "queues": lanes,
        "workers": workers,
        "watchers": watchers,
        "stream": stream,
        "groups": groups,
        "files": {
            "received": counts.get("file.received", 0),
            "with_warnings": counts.get(WITH_WARNINGS, 0),
            "retried": counts.get("file.retried", 0),
            "rejected": {
                name.removeprefix("file.rejected."): count
                for name, count in sorted(counts.items())
                if name.startswith("file.rejected.")
            },
        },
        "posts": {
            "created": counts.get("post.created", 0),
            "updated": counts.get("post.updated", 0),
            "unchanged": int(float(client.hget(keys.metrics, POSTS_UNCHANGED) or 0)),
        },
    }


def _capture_of(worker: BaseWorker) -> str | None:
    """Name what a busy worker is on: the capture (or the batch) its job describes."""
    job = worker.get_current_job()
    return job.description if job is not None else None


def render_status(status: dict[str, Any]) -> str:
    """Format a status report as a short table for people."""
    lines = [
        f"idle: {'yes' if status['idle'] else 'no'}"
        + ("" if status["healthy"] else f"   UNHEALTHY: {'; '.join(status['problems'])}"),
        *([f"server: {status['server']}"] if "server" in status else []),
        "",
        "QUEUE              QUEUED  STARTED  SCHEDULED  FAILED",
    ]
    lines += [
        f"{q['name']:<18} {q['queued']:>6}  {q['started']:>7}  "
        f"{q['scheduled']:>9}  {q['failed']:>6}"
        for q in status["queues"]
    ]
    lines += ["", f"workers: {len(status['workers'])}"]
    lines += [
        f"  {w['name']}  {w['state']}  done={w['successful_jobs']} failed={w['failed_jobs']}"
        + (f"  on {w['current_capture']}" if w.get("current_capture") else "")
        for w in status["workers"]
    ]
    lines += ["", f"watchers: {len(status['watchers'])}"]
    lines += [
        f"  {w['id']}  inbox={w['inbox']}  pending={w['pending']}" for w in status["watchers"]
    ]
    files, posts = status["files"], status["posts"]
    rejected = " ".join(f"{code}={count}" for code, count in files["rejected"].items())
    lines += [
        "",
        f"files: received={files['received']} with_warnings={files['with_warnings']} "
        f"retried={files['retried']} rejected={sum(files['rejected'].values())}"
        + (f" ({rejected})" if rejected else ""),
        f"posts: created={posts['created']} updated={posts['updated']} "
        f"unchanged={posts.get('unchanged', 0)}",
    ]
    stream = status["stream"]
    lines += [
        "",
        f"stream {stream['key']}: {stream['length']} events, last {stream['last_id'] or '-'}, "
        f"dead letters {stream['dead_letters']}",
    ]
    lines += [
        f"  group {g['name']}: pending={g['pending']} lag={g['lag']} consumers={g['consumers']}"
        for g in status["groups"]
    ]
    return "\n".join(lines)


def _text(value: Any) -> Any:
    """Decode bytes from redis replies."""
    return value.decode() if isinstance(value, bytes) else value


def blog_counts(client: redis.Redis, keys: Keys) -> list[dict[str, Any]]:
    """Count each blog's known posts, most first."""
    blogs = sorted(_text(name) for name in client.hkeys(keys.table(VERSIONS)))
    with client.pipeline(transaction=False) as pipe:
        for blog in blogs:
            pipe.hlen(keys.table(POSTS + blog))
        counts = pipe.execute()
    rows = [{"blog_id": blog, "posts": int(n)} for blog, n in zip(blogs, counts, strict=True)]
    return sorted(rows, key=lambda row: -row["posts"])


def throughput(
    client: redis.Redis, keys: Keys, *, minutes: int = 60, now_ms: int | None = None
) -> list[dict[str, int]]:
    """Count captures received and post events per minute over the last ``minutes``."""
    now_ms = now_ms if now_ms is not None else int(time.time() * 1000)
    first = (now_ms // 60_000 - minutes + 1) * 60_000
    rows = {
        first + 60_000 * n: {"minute": first + 60_000 * n, "captures": 0, "posts": 0}
        for n in range(minutes)
    }
    entries = replies.entries(client.xrange(keys.events, f"{first}-0", "+", count=THROUGHPUT_LIMIT))
    for entry_id, fields in entries:
        row = rows.get(int(entry_id.split("-")[0]) // 60_000 * 60_000)
        kind = bytes(fields.get(b"type", b""))
        if row is not None and kind == b"file.received":
            row["captures"] += 1
        elif row is not None and kind.startswith(b"post."):
            row["posts"] += 1
    return list(rows.values())
