"""RQ jobs through real worker processes, serialised as JSON."""

import hashlib
import json
import subprocess
import sys
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import redis
from rq import Queue
from rq.executions import prepare_execution
from rq.job import Job
from rq.serializers import JSONSerializer

from services.intake import Entry, read_entry
from services.queueing import (
    CaptureWorker,
    backfill_queue,
    capture_queue,
    capture_queues,
    enqueue_capture,
    release_dead_worker,
    take_in,
    take_in_batches,
)
from services.retry import failed_jobs
from services.settings import Settings
from services.status import collect_status
from tests.conftest import SEEDS, wait_for
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
    assert not client.exists(job.key)  # its events are its result: the job leaves nothing
    entries = client.xrange(Keys(settings.namespace).events)
    kinds = [f[b"type"] for _, f in entries]
    assert kinds[0] == b"file.received"
    assert json.loads(entries[0][1][b"data"])["blog_id"] == "blog-a"
    assert kinds.count(b"post.created") == 7


def test_the_same_job_twice_appends_nothing_twice(settings: Settings, client: redis.Redis) -> None:
    queue = capture_queue(client, settings)
    store = RedisStore(client, Keys(settings.namespace), stream_maxlen=0)
    for _ in range(2):
        take_in(SEEDS[1], store=store, queue=queue, folder=None, settings=settings)
    run_burst_worker(settings)
    # The second hand-over's job published after the first ran (the watcher and a retry race).
    enqueue_capture(queue, read_entry(SEEDS[1], 10**7), folder=None, settings=settings)
    run_burst_worker(settings)
    kinds = [f[b"type"] for _, f in client.xrange(Keys(settings.namespace).events)]
    assert kinds.count(b"file.received") == 1
    timed = sum(count for name, count in store.metrics().items() if name.startswith("seconds_le"))
    assert timed == 1  # the second job found its commit made: nothing decided, nothing timed
    jobs = set(client.keys("rq:job:*"))
    again = take_in(SEEDS[1], store=store, queue=queue, folder=None, settings=settings)
    assert again.applied is not None and again.job is None  # handed over with its job...
    assert queue.count == 0 and set(client.keys("rq:job:*")) == jobs  # ...and it taken back


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

    report = collect_status(client, capture_queues(client, settings), keys, settings.namespace)
    assert report["files"] == {
        "received": 5,
        "with_warnings": 2,
        "retried": 0,
        "rejected": {"empty": 1},
    }
    assert report["posts"] == {"created": 72, "updated": 0, "unchanged": 0}


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
    (listed,) = failed_jobs(capture_queues(client, settings))  # what `blogtail failed` shows
    assert listed["job_id"] == job.id and listed["paths"] == [str(path)]
    assert "does not match its digest" in str(listed["error"])


def test_fresh_captures_go_before_the_backfill(
    settings: Settings, client: redis.Redis, tmp_path: Path
) -> None:
    store = RedisStore(client, Keys(settings.namespace), stream_maxlen=0)
    backlog = []
    for index in range(12):
        path = tmp_path / "backfill" / f"{index:02}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(SEEDS[index % len(SEEDS)].read_bytes() + f"\n{index}\n".encode())
        backlog.append(path)
        take_in(
            path,
            store=store,
            queue=backfill_queue(client, settings),
            folder=None,
            settings=settings,
        )
    fresh = tmp_path / "fresh.txt"
    fresh.write_bytes(SEEDS[2].read_bytes())
    take_in(
        fresh, store=store, queue=capture_queue(client, settings), folder=None, settings=settings
    )
    run_burst_worker(settings)
    received = [
        json.loads(f[b"data"])["source"]["path"]
        for _, f in client.xrange(Keys(settings.namespace).events)
        if f[b"type"] == b"file.received"
    ]
    assert received[0] == str(fresh)  # queued last, served first
    assert sorted(received[1:]) == sorted(str(path) for path in backlog)
    report = collect_status(
        client, capture_queues(client, settings), store.keys, settings.namespace
    )
    assert [lane["name"] for lane in report["queues"]] == [
        settings.queue,
        f"{settings.queue}-backfill",
    ]
    assert report["idle"]


def test_ingest_wait_reports_each_capture_by_its_committed_event(
    settings: Settings, client: redis.Redis, tmp_path: Path
) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    for seed in SEEDS[:3]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "empty.txt").write_text("   ")
    env = {
        "BLOGTAIL_REDIS_URL": str(settings.redis_url),
        "BLOGTAIL_QUEUE": settings.queue,
        "BLOGTAIL_NAMESPACE": settings.namespace,
        "PATH": "/usr/bin:/bin",
    }
    ingest = subprocess.Popen(
        [sys.executable, "-m", "services.cli", "ingest", str(folder), "--wait"],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    lane = backfill_queue(client, settings)
    wait_for(lambda: lane.count == 1, message="one job for the four captures of the folder")
    run_burst_worker(settings)
    out, _ = ingest.communicate(timeout=60)
    lines = {Path(line["path"]).name: line for line in map(json.loads, out.splitlines())}
    assert ingest.returncode == 0
    assert {name: line["status"] for name, line in lines.items()} == {
        **{seed.name: "applied" for seed in SEEDS[:3]},
        "empty.txt": "rejected",
    }
    assert lines[SEEDS[0].name]["posts"] == 7
    assert client.keys(f"rq:job:*{settings.queue}*") == []
    assert not any(client.exists(f"rq:job:{line['job_id']}") for line in lines.values())


def test_a_backfill_goes_in_jobs_of_a_few_captures_each_blog_in_order(
    settings: Settings, client: redis.Redis, tmp_path: Path
) -> None:
    store = RedisStore(client, Keys(settings.namespace), stream_maxlen=0)
    files = []
    for blog in ("blog-a", "blog-b"):
        for n in range(6):
            path = tmp_path / "old" / blog / f"{n:02}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(SEEDS[0].read_bytes() + f"\nUpdate {blog} {n}\n".encode())
            files.append((path, blog))
    batched = settings.model_copy(update={"batch_size": 4})
    taken = list(
        take_in_batches(
            files, store=store, queue=backfill_queue(client, settings), settings=batched
        )
    )
    assert len({t.job.id for t in taken if t.job is not None}) == 4  # 6 + 6 captures, 4 a job
    run_burst_worker(settings)
    received = [
        json.loads(f[b"data"])
        for _, f in client.xrange(store.keys.events)
        if f[b"type"] == b"file.received"
    ]
    for blog in ("blog-a", "blog-b"):
        order = [Path(e["source"]["path"]).name for e in received if e["blog_id"] == blog]
        assert order == [f"{n:02}.txt" for n in range(6)]
    assert not any(client.exists(t.job.key) for t in taken if t.job is not None)


def test_a_backfill_batch_rq_leaves_ready_but_unqueued_is_run_all_the_same(
    settings: Settings, client: redis.Redis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # RQ 3 enqueues a finished job's dependents under WATCH and, when another worker touches
    # its "ready" registry at that moment, leaves one there for its maintenance, ten minutes
    # later (a 1,000-capture backfill with two workers stalled so). Here every such enqueue
    # is lost: the worker itself must take the next batch of the blog from the registry.
    monkeypatch.setattr(Queue, "enqueue_ready_jobs_by_queue", lambda self, ids: None)
    store = RedisStore(client, Keys(settings.namespace), stream_maxlen=0)
    queue = backfill_queue(client, settings)
    files = []
    for n in range(3):
        path = tmp_path / "blog-a" / f"{n:02}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(SEEDS[0].read_bytes() + f"\nUpdate {n}\n".encode())
        files.append((path, "blog-a"))
    one_each = settings.model_copy(update={"batch_size": 1})
    assert len(list(take_in_batches(files, store=store, queue=queue, settings=one_each))) == 3
    worker = CaptureWorker([queue], connection=client, serializer=JSONSerializer)
    # In this process, without RQ's command channel: its listener thread sleeps a minute
    # between reads and may outlive the test.
    monkeypatch.setattr(worker, "subscribe", lambda: None)
    worker.work(burst=True)
    received = [f for _, f in client.xrange(store.keys.events) if f[b"type"] == b"file.received"]
    assert len(received) == 3
    assert not client.exists(queue.ready_job_registry.key)


def test_a_job_a_dead_worker_popped_but_never_started_is_put_back(
    settings: Settings, client: redis.Redis, tmp_path: Path
) -> None:
    store = RedisStore(client, Keys(settings.namespace), stream_maxlen=0)
    live, backfill = capture_queues(client, settings)
    popped, recorded = tmp_path / "popped.txt", tmp_path / "recorded.txt"
    popped.write_bytes(SEEDS[0].read_bytes())
    recorded.write_bytes(SEEDS[1].read_bytes())
    for path in (popped, recorded):
        take_in(path, store=store, queue=backfill, folder=None, settings=settings)
    # A worker on two lanes pops with BLPOP, records an execution, then marks the job
    # started: one killed after the pop, one after the record, both before the mark.
    first, second = (client.lpop(backfill.key) for _ in range(2))
    assert first and second
    chained = []  # a blog's backfill in two batches, the second waiting on the first
    for n in range(2):
        path = tmp_path / "blog-a" / f"{n}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(SEEDS[2].read_bytes() + f"\nUpdate {n}\n".encode())
        chained.append((path, "blog-a"))
    one_each = settings.model_copy(update={"batch_size": 1})
    list(take_in_batches(chained, store=store, queue=backfill, settings=one_each))
    chained_first = client.lpop(backfill.key)
    worker = CaptureWorker([live, backfill], name="elsewhere:999999", connection=client)
    worker.register_birth()
    prepare_execution(worker, Job.fetch(second.decode(), connection=client))
    assert backfill.count == 0

    released = release_dead_worker([live, backfill], worker.name)

    assert chained_first
    assert sorted(released) == sorted([first.decode(), second.decode(), chained_first.decode()])
    assert backfill.count == 3
    run_burst_worker(settings)
    kinds = [f[b"type"] for _, f in client.xrange(Keys(settings.namespace).events)]
    assert kinds.count(b"file.received") == 4


def test_a_backlog_taken_in_again_reads_only_the_files_changed_since(
    settings: Settings, client: redis.Redis, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = RedisStore(client, Keys(settings.namespace), stream_maxlen=0)
    queue = backfill_queue(client, settings)
    files = []
    for n, seed in enumerate(SEEDS):
        path = tmp_path / "inbox" / f"{n:02}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(seed.read_bytes())
        files.append((path, None))
    list(take_in_batches(files, store=store, queue=queue, settings=settings))
    read: list[Path] = []
    monkeypatch.setattr(
        "services.queueing.read_entry",
        lambda path, limit: read.append(path) or read_entry(path, limit),
    )

    # A restart before any worker ran: handed over, not committed; published, not read.
    again = list(take_in_batches(files, store=store, queue=queue, settings=settings))
    assert read == [] and all(t.job is not None for t in again)
    run_burst_worker(settings)
    kinds = [f[b"type"] for _, f in client.xrange(store.keys.events)]
    assert kinds.count(b"file.received") == len(files)  # the jobs published twice: once each

    files[0][0].write_bytes(SEEDS[0].read_bytes() + b"\nA late line.\n")  # changed since
    after = list(take_in_batches(files, store=store, queue=queue, settings=settings))
    assert read == [files[0][0]]  # a restart reads no file it read before, unchanged
    assert {t.path for t in after if t.job is not None} == {files[0][0]}
    assert all(t.applied for t in after if t.path != files[0][0])
