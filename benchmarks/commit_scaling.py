"""Print how long the server spends committing one capture, against the posts it holds.

Run: python benchmarks/commit_scaling.py [--posts 500 2000 8000]
A commit is one Lua script, and the server serves no one else while it runs: its time must
grow with the capture, not with the square of it. Each size commits one capture of new
posts to an empty blog on an embedded Valkey, with distinct bodies and with one body shared
by every post (a page repeating an item: the posts share their MinHash index keys).
"""

import argparse
import math
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import redis

from schemas import Blog, Snapshot, Source
from services.embedded import EmbeddedServer
from workers.identity import make_post
from workers.pipeline import commit_snapshot
from workers.store.keys import Keys
from workers.store.redis_store import RedisStore

NOW = datetime(2024, 1, 1, tzinfo=UTC)


def server_seconds(client: redis.Redis, posts: int, *, shared: bool) -> float:
    """Commit one capture of ``posts`` new posts to a new blog; return the server's time."""
    client.flushall()
    store = RedisStore(client, Keys("bench"), stream_maxlen=0)
    snapshot = Snapshot(
        blog=Blog(title="A blog"),
        posts=tuple(
            make_post(
                headline=f"Update {n}",
                published_at=None,
                published_at_raw=None,
                body=(
                    "The same item repeated under every update of the page."
                    if shared
                    else f"Item {n} of the page, told in words of its own: {n * 7919}.",
                ),
            )
            for n in range(posts)
        ),
    )
    source = Source(path="/bench/capture.txt", sha256="a" * 64, captured_at=NOW)
    client.config_resetstat()
    commit_snapshot(snapshot, source, store, folder="blog", now=NOW)
    stats = client.info("commandstats")
    return sum(row["usec"] for name, row in stats.items() if "eval" in name) / 1e6


def main() -> None:
    """Print the server's time per commit at each size, and how it grew."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, nargs="+", default=[500, 2000, 8000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as state:
        server = EmbeddedServer(Path(state))
        client = redis.Redis.from_url(server.start())
        try:
            print(f"{'posts':>22} " + " ".join(f"{n:>9,}" for n in args.posts) + "  exp")
            for shared in (False, True):
                times = [server_seconds(client, n, shared=shared) for n in args.posts]
                growth = math.log(times[-1] / times[0]) / math.log(args.posts[-1] / args.posts[0])
                cells = " ".join(f"{1000 * took:7.0f}ms" for took in times)
                name = "one shared body" if shared else "distinct bodies"
                print(f"{name:>22} {cells}  {growth:.2f}", flush=True)
        finally:
            client.close()
            server.stop()


if __name__ == "__main__":
    main()
