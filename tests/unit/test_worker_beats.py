"""The capture worker's round trips: beats once a second, a job prepared in one transaction."""

import fakeredis
import pytest
from rq import Queue, SimpleWorker
from rq.serializers import JSONSerializer

from services import queueing
from services.queueing import CaptureWorker
from workers.jobs import CaptureJob
from workers.projection import receipt
from workers.store.keys import Keys
from workers.store.redis_store import RedisStore


@pytest.fixture
def worker() -> CaptureWorker:
    connection = fakeredis.FakeRedis()
    queue = Queue("beats", connection=connection, serializer=JSONSerializer, job_class=CaptureJob)
    return CaptureWorker([queue], connection=connection, serializer=JSONSerializer)


def ttl(worker: CaptureWorker) -> int:
    return int(worker.connection.ttl(worker.key))


def test_a_full_beat_goes_once_a_second_and_again_after_a_jobs_beat(
    worker: CaptureWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [100.0]
    monkeypatch.setattr(queueing.time, "monotonic", lambda: clock[0])
    worker.heartbeat()
    assert ttl(worker) == worker.worker_ttl + 60
    worker.connection.expire(worker.key, 5)
    worker.heartbeat()  # a moment later: skipped
    assert ttl(worker) == 5
    worker.heartbeat(timeout=120)  # a job's beat sets a shorter TTL...
    assert ttl(worker) == 120
    worker.heartbeat()  # ...so the next full beat goes at once
    assert ttl(worker) == worker.worker_ttl + 60
    worker.connection.expire(worker.key, 5)
    clock[0] += 1.5
    worker.heartbeat()
    assert ttl(worker) == worker.worker_ttl + 60


def test_an_unchanged_state_is_not_written_again(worker: CaptureWorker) -> None:
    worker.set_state("idle")
    worker.connection.hset(worker.key, "state", "stale")
    worker.set_state("idle")
    assert worker.connection.hget(worker.key, "state") == b"stale"
    worker.set_state("busy")
    assert worker.connection.hget(worker.key, "state") == b"busy"


def test_a_jobs_execution_and_start_are_recorded_together(worker: CaptureWorker) -> None:
    queue = worker.queues[0]
    job = queue.enqueue_call("workers.jobs.process_capture", kwargs={})
    worker.prepare_execution(job)  # what RQ writes in two round trips, written in one
    assert job.get_status(refresh=True) == "started"
    assert worker.connection.hget(worker.key, "state") == b"busy"
    assert [job.id] == queue.started_job_registry.get_job_ids()
    worker.prepare_job_execution(job)  # then nothing left to write
    assert worker._prepared is None


def test_no_lone_beat_between_a_dequeue_and_the_jobs_preparation(
    worker: CaptureWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    ticks = iter(range(100, 10_000, 5))  # every reading of the clock seconds after the last
    monkeypatch.setattr(queueing.time, "monotonic", lambda: float(next(ticks)))
    sent: list[int | None] = []
    beat = SimpleWorker.heartbeat
    monkeypatch.setattr(
        SimpleWorker,
        "heartbeat",
        lambda self, timeout=None, pipeline=None: (
            sent.append(timeout) or beat(self, timeout, pipeline)
        ),
    )
    queue = worker.queues[0]
    queue.enqueue_call("workers.jobs.process_capture", kwargs={})
    worker.heartbeat(timeout=120)  # the last job's beat: a full one is due
    job, _ = worker.dequeue_job_and_maintain_ttl(timeout=1)
    assert sent == [120, None]  # the full beat before the wait, none after the pop
    worker.prepare_execution(job)  # the job's beat, in the preparation's transaction
    assert sent[2:] == [worker.get_heartbeat_ttl(job)]
    worker.heartbeat()  # the skip was for that one beat only
    assert sent[3:] == [None]


def test_a_capture_jobs_bytes_are_read_in_its_preparation(worker: CaptureWorker) -> None:
    keys = Keys("beats")
    store = RedisStore(worker.connection, keys, stream_maxlen=0)
    ticket = receipt("/inbox/a.txt", "ab" * 32)
    store.hand_over(ticket, "ab" * 32, b"the capture")
    capture = {"path": "/inbox/a.txt", "sha256": "ab" * 32, "namespace": "beats"}
    job = worker.queues[0].enqueue_call("workers.jobs.process_capture", kwargs=capture)
    job = worker.queues[0].fetch_job(job.id)  # as the worker gets it: its job class
    assert isinstance(job, CaptureJob)
    worker.prepare_execution(job)
    assert job.handed == (b"the capture", None)  # the job reads nothing more


def test_other_jobs_are_prepared_without_reads(worker: CaptureWorker) -> None:
    job = worker.queues[0].enqueue_call("workers.jobs.process_captures", kwargs={})
    job = worker.queues[0].fetch_job(job.id)
    worker.prepare_execution(job)
    assert isinstance(job, CaptureJob) and job.handed is None
