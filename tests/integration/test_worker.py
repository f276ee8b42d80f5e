"""RQ jobs through real worker processes, serialised as JSON."""

import json
import subprocess
import sys
import zlib
from datetime import datetime, timedelta
from pathlib import Path

import redis

from services.queueing import capture_queue, enqueue_capture
from services.settings import Settings
from tests.conftest import SEEDS
from workers.jobs import read_capture, run_capture
from workers.store.keys import Keys
from workers.store.redis_store import RedisStore


def run_burst_worker(settings: Settings) -> None:
    env = {
        "BLOGTAIL_REDIS_URL": str(settings.redis_url),
        "BLOGTAIL_QUEUE": settings.queue,
        "BLOGTAIL_NAMESPACE": settings.namespace,
        "PATH": "/usr/bin:/bin",
    }
    subprocess.run(
        [sys.executable, "-m", "services.cli", "worker", "--burst"],
        env=env,
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
    job = enqueue_capture(queue, target, folder="blog-a", settings=settings)
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
    for _ in range(2):
        enqueue_capture(queue, SEEDS[1], folder=None, settings=settings)
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
