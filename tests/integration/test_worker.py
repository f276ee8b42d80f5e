"""RQ jobs through real worker processes, serialised as JSON."""

import hashlib
import json
import subprocess
import sys
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import redis

from services.intake import Entry
from services.queueing import capture_queue, enqueue_capture, take_in
from services.settings import Settings
from services.status import collect_status
from tests.conftest import SEEDS
from tests.factories import read_capture
from workers.jobs import run_capture
from workers.projection import receipt
from workers.store.keys import Keys
from workers.store.redis_store import RedisStore


def run_burst_worker(settings: Settings, cwd: Path | None = None) -> None:
    env = {
        "BLOGTAIL_REDIS_URL": str(settings.redis_url),
        "BLOGTAIL_QUEUE": settings.queue,
        "BLOGTAIL_NAMESPACE": settings.namespace,
        "PATH": "/usr/bin:/bin",
    }
    if cwd is not None:
        cwd.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "services.cli", "worker", "--burst"],
        env=env,
        cwd=cwd,
        check=True,
        timeout=120,
        capture_output=True,
    )


def test_jobs_are_json_and_workers_apply_them(
    settings: Settings, client: redis.Redis, tmp_path: Path
) -> None:
    queue = capture_queue(client, settings)
    inbox = tmp_path / "inbox"
    (inbox / "blog-a").mkdir(parents=True)
    target = inbox / "blog-a" / SEEDS[0].name
    target.write_bytes(SEEDS[0].read_bytes())
    store = RedisStore(client, Keys(settings.namespace), stream_maxlen=0)
    job = take_in(target, store=store, queue=queue, folder="blog-a", settings=settings).job
    assert job is not None
    raw = client.hget(f"rq:job:{job.id}", "data")
    assert raw is not None
    assert json.loads(zlib.decompress(raw))[0] == "workers.jobs.process_capture"  # JSON, not pickle

    run_burst_worker(settings)
    job.refresh()
    assert job.get_status() == "finished"
    assert job.return_value()["status"] == "applied"
    assert job.return_value()["blog_id"] == "blog-a"
    kinds = [f[b"type"] for _, f in client.xrange(Keys(settings.namespace).events)]
    assert kinds[0] == b"file.received"
    assert kinds.count(b"post.created") == 7


def test_the_same_job_twice_appends_nothing_twice(settings: Settings, client: redis.Redis) -> None:
    queue = capture_queue(client, settings)
    store = RedisStore(client, Keys(settings.namespace), stream_maxlen=0)
    for _ in range(2):
        take_in(SEEDS[1], store=store, queue=queue, folder=None, settings=settings)
    run_burst_worker(settings)
    kinds = [f[b"type"] for _, f in client.xrange(Keys(settings.namespace).events)]
    assert kinds.count(b"file.received") == 1


def test_inline_ingest_matches_the_queue(settings: Settings, client: redis.Redis) -> None:
    store = RedisStore(client, Keys(settings.namespace), stream_maxlen=0)
    for seed in SEEDS:
        run_capture(read_capture(seed, None), store, max_bytes=settings.max_file_bytes)
    events = [json.loads(f[b"data"]) for _, f in client.xrange(store.keys.events)]
    assert sum(e["type"] == "post.created" for e in events) == 72
    assert all(datetime.fromisoformat(e["occurred_at"]).utcoffset() == timedelta(0) for e in events)
    assert all(e["schema_version"] == 1 for e in events)


def test_status_counts_files_posts_and_parse_warnings(
    settings: Settings, client: redis.Redis, tmp_path: Path
) -> None:
    keys = Keys(settings.namespace)
    store = RedisStore(client, keys, stream_maxlen=0)
    for seed in SEEDS:
        run_capture(read_capture(seed, None), store, max_bytes=settings.max_file_bytes)
    empty = tmp_path / "empty.txt"
    empty.write_text("   ")
    run_capture(read_capture(empty, None), store, max_bytes=settings.max_file_bytes)
    received = [json.loads(f[b"data"]) for _, f in client.xrange(keys.events)]
    received = [e for e in received if e["type"] == "file.received"]
    assert [e["warnings"] for e in received][3:] == [["no time labels"]] * 2  # seeds 003, 004
    assert all(e["posts"] >= 7 and e["posts_without_time"] == 0 for e in received[:3])
    assert received[0]["layout"] == "time > headline > byline > body"

    report = collect_status(client, capture_queue(client, settings), keys, settings.namespace)
    assert report["files"] == {
        "received": 5,
        "with_warnings": 2,
        "retried": 0,
        "rejected": {"empty": 1},
    }
    assert report["posts"] == {"created": 72, "updated": 0}


def test_a_worker_needs_no_inbox_and_the_content_goes_once_committed(
    settings: Settings, client: redis.Redis, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    capture = inbox / "capture.txt"
    capture.write_bytes(SEEDS[2].read_bytes())
    keys = Keys(settings.namespace)
    store = RedisStore(client, keys, stream_maxlen=0)
    queue = capture_queue(client, settings)
    taken = take_in(capture, store=store, queue=queue, folder=None, settings=settings)
    assert taken.job is not None
    copy = inbox / "copy.txt"  # the same bytes under another name share one blob
    copy.write_bytes(capture.read_bytes())
    take_in(copy, store=store, queue=queue, folder=None, settings=settings)
    capture.unlink()  # the worker, on "another host", never sees the inbox
    copy.unlink()
    run_burst_worker(settings, cwd=tmp_path / "elsewhere")
    kinds = [f[b"type"] for _, f in client.xrange(keys.events)]
    assert kinds.count(b"file.received") == 2
    assert kinds.count(b"post.created") == 9
    assert client.keys(keys.prefix + "blob:*") == []
    assert client.hlen(keys.handed) == 0
    assert client.hlen(keys.blob_refs) == 0


def test_a_worker_refuses_any_function_but_blogtails_own(
    settings: Settings, client: redis.Redis, tmp_path: Path
) -> None:
    target = tmp_path / "made-by-an-intruder"
    queue = capture_queue(client, settings)
    job = queue.enqueue_call("os.makedirs", args=[str(target)])
    run_burst_worker(settings)
    job.refresh()
    assert job.get_status() == "failed"
    assert "refused" in (job.latest_result().exc_string or "")
    assert not target.exists()


def test_a_capture_whose_job_fails_every_try_is_rejected_with_its_error(
    settings: Settings, client: redis.Redis, tmp_path: Path
) -> None:
    keys = Keys(settings.namespace)
    store = RedisStore(client, keys, stream_maxlen=0)
    path = tmp_path / "inbox" / "corrupt.txt"
    claimed = hashlib.sha256(b"what the file held").hexdigest()
    # Bytes that do not match their digest make the job raise on every try.
    entry = Entry(path, b"other bytes", claimed, datetime.now(UTC), (0, 0, 0))
    store.hand_over(receipt(str(path), claimed), claimed, b"other bytes")
    job = enqueue_capture(capture_queue(client, settings), entry, folder=None, settings=settings)
    run_burst_worker(settings)
    job.refresh()
    assert job.get_status() == "failed"
    events = [json.loads(f[b"data"]) for _, f in client.xrange(keys.events)]
    (rejected,) = events
    assert rejected["type"] == "file.rejected"
    assert rejected["code"] == "failed"
    assert "does not match its digest" in rejected["reason"]
