"""One table of what blogtail costs: parser, backfill inline and queued, latency, memory, RSS.

Run: python benchmarks/bench.py [--captures 300] [--sizes 1000 100000] [--backfill 1000]
It makes its own corpus (simulated captures of 20 growing blogs from the seeds), starts an
embedded Valkey in a temporary folder for the throughput and memory rows, and `blogtail up`
for the latency rows. Each row says what the issue-10 target is; nothing here is asserted.
"""

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # last: an installed (maybe compiled) blogtail comes first

from benchmarks import dedupe_scale, latency, parse_throughput  # noqa: E402
from services.embedded import EmbeddedServer  # noqa: E402
from workers.parsing import compiled  # noqa: E402
from workers.simulate import simulate, write_simulation  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
REAL = ROOT.parent / "shared" / "captures" / "real"
BLOGS = 20


def machine() -> str:
    """Name the machine: CPU model, cores, Python, and whether the parser is compiled."""
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    parser = "compiled parser" if compiled() else "parser from the sources"
    return f"{model}, {os.cpu_count()} cores, Python {platform.python_version()}, {parser}"


def make_corpus(folder: Path, captures: int) -> int:
    """Write ``captures`` simulated captures of 20 blogs, one sub-folder (one blog) each."""
    per_blog = max(1, captures // BLOGS)
    for blog in range(BLOGS):
        seed = SEEDS[blog % len(SEEDS)].read_text()
        sim = simulate(seed, snapshots=per_blog, seed=blog)
        write_simulation(sim, folder / f"blog-{blog:02}")
    return per_blog * BLOGS


def cli(env: dict[str, str], *args: str) -> None:
    """Run a blogtail command to its end."""
    subprocess.run(
        [sys.executable, "-m", "services.cli", *args],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=3600,
    )


def ingest_rate(url: str, corpus: Path, files: int, workers: int, tag: str) -> tuple[float, int]:
    """Ingest the corpus into a fresh namespace; return files per second and worker peak RSS."""
    env = {
        **os.environ,
        "BLOGTAIL_REDIS_URL": url,
        "BLOGTAIL_NAMESPACE": f"bench-{tag}",
        "BLOGTAIL_QUEUE": f"bench-{tag}",
        "BLOGTAIL_LOG_LEVEL": "warning",
    }
    if workers == 0:
        start = time.perf_counter()
        cli(env, "ingest", "--inline", str(corpus))
        return files / (time.perf_counter() - start), 0
    client = redis.Redis.from_url(url)
    pool = [
        subprocess.Popen([sys.executable, "-m", "services.cli", "worker"], env=env)
        for _ in range(workers)
    ]
    try:
        while len(client.keys("rq:worker:*")) < workers:
            time.sleep(0.05)
        start = time.perf_counter()
        cli(env, "ingest", str(corpus), "--wait")
        rate = files / (time.perf_counter() - start)
        rss = max(latency.peak_rss_kb(worker.pid) for worker in pool)
    finally:
        for worker in pool:
            worker.terminate()
        for worker in pool:
            worker.wait(timeout=60)
        client.close()
    return rate, rss


def parser_rate(paths: list[Path]) -> float:
    """Parse these captures round after round; return MB/s."""
    texts = [path.read_text(encoding="utf-8") for path in paths]
    parse_throughput.measure(texts, 0.3)
    return parse_throughput.measure(texts, 3.0)[0]


def main() -> None:
    """Measure everything and print one table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--captures", type=int, default=300)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--backfill", type=int, default=1000)
    parser.add_argument("--drops", type=int, default=50)
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []

    rows.append(("parser, the seeds", f"{parser_rate(SEEDS):.1f} MB/s", ">= 25 MB/s"))
    real = sorted(REAL.glob("*.txt"))
    if real:
        rows.append(("parser, the real captures", f"{parser_rate(real):.1f} MB/s", ">= 25 MB/s"))

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        files = make_corpus(folder / "corpus", args.captures)
        server = EmbeddedServer(folder / "state")
        url = server.start()
        try:
            inline, _ = ingest_rate(url, folder / "corpus", files, 0, "inline")
            one, _ = ingest_rate(url, folder / "corpus", files, 1, "one")
            two, rss = ingest_rate(url, folder / "corpus", files, 2, "two")
            rows += [
                (
                    f"backfill inline, {files} captures of {BLOGS} blogs",
                    f"{inline:.0f} files/s",
                    "",
                ),
                ("backfill queued, 1 worker", f"{one:.0f} files/s ({one / inline:.2f}x)", ""),
                (
                    "backfill queued, 2 workers",
                    f"{two:.0f} files/s ({two / inline:.2f}x)",
                    ">= 1.8x",
                ),
                ("worker peak RSS", f"{rss / 1024:.0f} MB", "<= 150 MB"),
            ]
            client = redis.Redis.from_url(url)
            for size in args.sizes:
                row = dedupe_scale.measure(client, size, 200)
                rows.append(
                    (
                        f"cost per capture at {size:,} known posts",
                        f"p50 {row['p50_ms']:.2f} ms, p95 {row['p95_ms']:.2f} ms",
                        "within 20 % of the 1,000 figure",
                    )
                )
                rows.append(
                    (
                        f"Redis per known post / per post event at {size:,}",
                        f"{row['projection_bytes_per_post']:.0f} B / "
                        f"{row['log_bytes_per_post']:.0f} B",
                        "<= 1 KB per known post",
                    )
                )
            client.close()
        finally:
            server.stop()

    idle = latency.measure(args.drops, 2)
    rows.append(
        (
            "idle latency, drop to subscriber, 2 workers",
            f"p50 {idle['p50']:.1f} / p95 {idle['p95']:.1f} / p99 {idle['p99']:.1f} ms",
            "p50 <= 7 ms, p99 <= 20 ms",
        )
    )
    busy = latency.measure(20, 2, backfill=args.backfill)
    rows.append(
        (
            f"fresh capture while a {args.backfill:,}-capture backfill drains",
            f"p50 {busy['p50']:.0f} ms, max {busy['max']:.0f} ms "
            f"({busy['backfill_queued_min']}-{busy['backfill_queued_max']} backfill jobs "
            "still queued)",
            "< 1 s every time",
        )
    )
    rows.append(("watcher (`up`) peak RSS", f"{idle['watcher_peak_rss_kb'] / 1024:.0f} MB", ""))

    print(f"blogtail bench, {datetime.now(UTC):%Y-%m-%d}, {machine()}\n")
    print("| what | measured | target |")
    print("| --- | --- | --- |")
    for what, measured, target in rows:
        print(f"| {what} | {measured} | {target} |")


if __name__ == "__main__":
    main()
