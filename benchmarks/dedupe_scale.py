"""Cost per capture and Redis memory per known post, at 1,000 to 1,000,000 known posts.

Run: python benchmarks/dedupe_scale.py [--sizes 1000 100000 1000000] [--captures 200]
    [--per-blog 1000]
It starts an embedded Valkey in a temporary folder, fills one blog (or blogs of --per-blog
posts) with synthetic posts through the real commit path, then times captures of 20 posts
(18 known, 2 new: a typical re-capture) against it.
"""

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import redis

from schemas import Blog, Post, Snapshot, Source
from services.embedded import EmbeddedServer
from workers.identity import make_post
from workers.pipeline import commit_snapshot
from workers.store.keys import Keys
from workers.store.redis_store import RedisStore

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ru",
    "sa",
    "to",
    "vi",
    "de",
    "ba",
    "ur",
    "os",
    "en",
    "at",
    "il",
    "po",
    "na",
    "re",
]
T0 = datetime(2024, 1, 1, tzinfo=UTC)


def vocabulary(rng: random.Random, size: int = 5000) -> tuple[list[str], list[float]]:
    """Invent words with Zipf frequencies, like news prose (a few common, most rare)."""
    words = ["".join(rng.choices(SYLLABLES, k=rng.randint(1, 4))) for _ in range(size)]
    return words, [1 / rank for rank in range(1, size + 1)]


VOCABULARY = vocabulary(random.Random(0))


def synthetic_post(rng: random.Random, n: int) -> Post:
    """Make a realistic-length post: a headline and three paragraphs."""
    words, weights = VOCABULARY
    headline = f"{n} " + " ".join(rng.choices(words, weights, k=9))
    body = tuple(
        " ".join(rng.choices(words, weights, k=rng.randint(30, 70))) + "." for _ in range(3)
    )
    return make_post(
        headline=headline,
        published_at=T0 + timedelta(minutes=n),
        published_at_raw="1 min ago",
        body=body,
    )


def commit(store: RedisStore, posts: list[Post], n: int, blog: str = "bench") -> float:
    """Commit one capture of these posts to a blog; return the seconds it took."""
    source = Source(
        path=f"/bench/{n}.txt", sha256=f"{n:064x}", captured_at=T0 + timedelta(minutes=n)
    )
    snapshot = Snapshot(blog=Blog(title="Bench blog"), posts=tuple(posts))
    start = time.perf_counter()
    commit_snapshot(snapshot, source, store, folder=blog, now=T0)
    return time.perf_counter() - start


def projection_bytes(client: redis.Redis, keys: Keys) -> int:
    """Sum the memory of every projection key (not the log)."""
    total = 0
    for key in client.scan_iter(match=keys.namespace_pattern(), count=1000):
        if keys.is_projection(key.decode()):
            total += client.memory_usage(key, samples=0) or 0
    return total


def settle(client: redis.Redis) -> None:
    """Wait for the server's background saves (set off by the fill's writes) to end."""
    # An AOF rewrite forks the server, and its copy-on-write faults slow every write while
    # it lasts: the timings are of a server at rest, as a daemon is between rewrites.
    while any(
        int(client.info("persistence").get(flag, 0))
        for flag in ("aof_rewrite_in_progress", "rdb_bgsave_in_progress")
    ):
        time.sleep(0.5)


def measure(client: redis.Redis, size: int, captures: int, per_blog: int = 0) -> dict[str, float]:
    """Fill a fresh namespace with ``size`` posts, then time typical captures.

    All in one blog, or ``per_blog`` posts a blog (a desk following many blogs): then the
    captures timed are of the first blog, among ``size`` posts known in all.
    """
    per_blog = per_blog or size
    keys = Keys(f"bench-{size}-{per_blog}")
    store = RedisStore(client, keys, stream_maxlen=0)
    rng = random.Random(size)

    def post(n: int) -> Post:
        # Made again from its number when a capture shows it: a million posts are never
        # all held in memory at once.
        return synthetic_post(random.Random(size * 10_000_000 + n), n)

    for start in range(0, size, 20):
        end = min(start + 20, (start // per_blog + 1) * per_blog, size)
        commit(store, [post(n) for n in range(start, end)], start, f"bench-{start // per_blog}")
    stream = client.memory_usage(keys.events, samples=0) or 0
    per_post = projection_bytes(client, keys) / size
    settle(client)
    timings = []
    for n in range(captures):
        known = [post(k) for k in rng.sample(range(per_blog), 18)]
        fresh = [post(size + 2 * n + i) for i in range(2)]
        timings.append(commit(store, known + fresh, size + 2 * n, "bench-0"))
    return {
        "size": size,
        "p50_ms": statistics.median(timings) * 1e3,
        "mean_ms": statistics.fmean(timings) * 1e3,
        "p95_ms": sorted(timings)[int(0.95 * len(timings))] * 1e3,
        "projection_bytes_per_post": per_post,
        "log_bytes_per_post": stream / size,
    }


def main() -> None:
    """Print one row per size."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--captures", type=int, default=200)
    parser.add_argument(
        "--per-blog", type=int, default=0, help="posts a blog holds (default: one blog holds all)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as state:
        server = EmbeddedServer(Path(state))
        client = redis.Redis.from_url(server.start())
        try:
            print(
                "known posts | capture p50 ms | mean ms | p95 ms | projection B/post | log B/post"
            )
            for size in args.sizes:
                row = measure(client, size, args.captures, args.per_blog)
                print(
                    f"{row['size']:>11,} | {row['p50_ms']:>14.2f} | {row['mean_ms']:>7.2f} | "
                    f"{row['p95_ms']:>6.2f} | {row['projection_bytes_per_post']:>17.0f} | "
                    f"{row['log_bytes_per_post']:>10.0f}"
                )
        finally:
            client.close()
            server.stop()


if __name__ == "__main__":
    main()
