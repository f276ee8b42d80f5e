"""Prometheus metrics, read from Redis at each scrape: one collector, no state in the process."""

from collections.abc import Iterator, Sequence

import redis
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector
from rq import Queue

from services.status import collect_status
from workers.store.keys import Keys
from workers.store.redis_store import DURATION_BUCKETS, RedisStore


class BlogtailCollector(Collector):
    """Turn blogtail's counters, queues and groups into Prometheus metric families."""

    def __init__(self, client: redis.Redis, queues: Sequence[Queue], keys: Keys, namespace: str):
        self.client, self.queues, self.keys, self.namespace = client, queues, keys, namespace
        self.store = RedisStore(client, keys, stream_maxlen=0)

    def collect(self) -> Iterator[Metric]:
        """Read the system's state once and yield every family."""
        status = collect_status(self.client, self.queues, self.keys, self.namespace)
        counters = self.store.metrics()
        files, posts = status["files"], status["posts"]
        yield _counter("blogtail_files_received", "Captures read and committed", files["received"])
        rejected = CounterMetricFamily(
            "blogtail_files_rejected", "Captures rejected, by reason code", labels=["reason"]
        )
        for code, count in sorted(files["rejected"].items()):
            rejected.add_metric([code], count)
        yield rejected
        yield _counter(
            "blogtail_parse_warnings", "Captures whose parse gave warnings", files["with_warnings"]
        )
        changes = CounterMetricFamily(
            "blogtail_posts", "Posts by what a capture did", labels=["change"]
        )
        changes.add_metric(["created"], posts["created"])
        changes.add_metric(["updated"], posts["updated"])
        changes.add_metric(["unchanged"], posts["unchanged"])
        yield changes
        depth = GaugeMetricFamily(
            "blogtail_queue_jobs", "Jobs per lane and state", labels=["queue", "state"]
        )
        for lane in status["queues"]:
            for state in ("queued", "started", "failed"):
                depth.add_metric([lane["name"], state], lane[state])
        yield depth
        lag = GaugeMetricFamily(
            "blogtail_consumer_lag", "Entries a group has not read", labels=["group"]
        )
        pending = GaugeMetricFamily(
            "blogtail_consumer_pending", "Entries read, not acknowledged", labels=["group"]
        )
        for group in status["groups"]:
            lag.add_metric([group["name"]], group["lag"] or 0)
            pending.add_metric([group["name"]], group["pending"])
        yield lag
        yield pending
        yield GaugeMetricFamily("blogtail_workers", "Workers registered", len(status["workers"]))
        yield GaugeMetricFamily(
            "blogtail_stream_length", "Events in the log", status["stream"]["length"]
        )
        yield GaugeMetricFamily(
            "blogtail_dead_letters", "Entries set aside", status["stream"]["dead_letters"]
        )
        yield _histogram(counters)


def _counter(name: str, documentation: str, value: float) -> CounterMetricFamily:
    """Make a counter family of one value."""
    return CounterMetricFamily(name, documentation, value=value)


def _histogram(counters: dict[str, float]) -> HistogramMetricFamily:
    """Build the capture-duration histogram from per-bucket counts (made cumulative here)."""
    buckets: list[tuple[str, float]] = []
    total = 0.0
    for bound in (*map(str, DURATION_BUCKETS), "+Inf"):
        total += counters.get(f"seconds_le_{bound}", 0)
        buckets.append((bound, total))
    return HistogramMetricFamily(
        "blogtail_capture_seconds",
        "Time a worker took to parse, dedupe and commit a capture",
        buckets=buckets,
        sum_value=counters.get("seconds_sum", 0),
    )


def render_metrics(
    client: redis.Redis, queues: Sequence[Queue], keys: Keys, namespace: str
) -> bytes:
    """Return the metrics in Prometheus' text format."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(BlogtailCollector(client, queues, keys, namespace))
    return generate_latest(registry)
