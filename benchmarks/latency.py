"""Drop-to-subscriber latency: from a capture's rename into the inbox to its events on the stream.

Run: python benchmarks/latency.py [--drops 50] [--workers 2] [--backfill 1000]
It runs `blogtail up` (embedded Valkey) in a temporary folder, follows the stream, and drops
captures one at a time, each with one new post so that it yields a post event. With
--backfill N it first hands N other captures (of 20 blogs) to `blogtail ingest`, and drops
while they drain: the latency of fresh news behind a backlog.
"""

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_e04962a337bb4b2f.txt"


def wait_for_server(folder: Path) -> str:
    """Wait until `up` records its server, then return the URL."""
    record = folder / ".blogtail" / "server.json"
    deadline = time.monotonic() + 60
    while not record.exists():
        if time.monotonic() > deadline:
            raise SystemExit("blogtail up did not start")
        time.sleep(0.05)
    return str(json.loads(record.read_text())["url"])


def measure(
    drops: int, workers: int, backfill: int = 0, gap: float | None = None
) -> dict[str, float]:
    """Run `blogtail up` in a temporary folder and time ``drops`` captures to their events.

    ``gap``: seconds between drops; by default 1.5 when idle, 0.05 while a backfill drains.
    """
    if gap is None:
        gap = 0.05 if backfill else 1.5
    text = SEED.read_text()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        env = {**os.environ, "BLOGTAIL_LOG_LEVEL": "warning"}
        up = subprocess.Popen(
            [sys.executable, "-m", "services.cli", "up", "--workers", str(workers)],
            cwd=folder,
            env=env,
        )
        try:
            client = redis.Redis.from_url(wait_for_server(folder))
            inbox = folder / "inbox"
            while not client.keys("rq:worker:*"):
                time.sleep(0.05)
            last = "$"
            if backfill:
                backlog(folder, text, backfill, env)
            latencies = []
            behind = []
            for n in range(drops):
                capture = text.replace("17 min ago", f"17 min ago\n\nBreaking item {n}\n\nNew {n}.")
                partial = inbox / f".drop-{n}.txt"
                partial.write_text(capture)
                start = time.perf_counter()
                partial.rename(inbox / f"drop-{n}.txt")
                seen = False
                while not seen:
                    reply = client.xread({"{blogtail}:events": last}, block=5000)
                    if not reply:
                        raise SystemExit(f"no event for drop {n}")
                    for entry_id, fields in reply[0][1]:
                        last = entry_id
                        seen |= fields[b"type"].startswith(b"post.") and (
                            f"drop-{n}.txt" in fields[b"data"].decode()
                        )
                latencies.append((time.perf_counter() - start) * 1e3)
                behind.append(client.llen("rq:queue:captures-backfill"))
                # The previous capture is done, RQ included. Idle, captures come seconds to
                # minutes apart: a gap over a second lets the workers' beats fall due, as then.
                time.sleep(gap)
            watcher_rss = peak_rss_kb(up.pid)
        finally:
            up.send_signal(signal.SIGTERM)
            up.wait(timeout=60)
    latencies.sort()
    return {
        "drops": len(latencies),
        "p50": statistics.median(latencies),
        "p90": latencies[int(0.9 * len(latencies))],
        "p95": latencies[int(0.95 * len(latencies))],
        "p99": latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
        "max": latencies[-1],
        "backfill_queued_min": min(behind),
        "backfill_queued_max": max(behind),
        "watcher_peak_rss_kb": watcher_rss,
    }


def peak_rss_kb(pid: int) -> int:
    """Read a live process's peak resident memory (VmHWM), in KiB; 0 when it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), "VmHWM: 0 kB")
    return int(line.split()[1])


def main() -> None:
    """Print latency percentiles over a number of drops."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--drops", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backfill", type=int, default=0)
    parser.add_argument(
        "--gap", type=float, help="seconds between drops (1.5 idle, 0.05 with --backfill)"
    )
    args = parser.parse_args()
    row = measure(args.drops, args.workers, args.backfill, args.gap)
    print(
        f"drops={row['drops']} p50={row['p50']:.1f} ms p90={row['p90']:.1f} ms "
        f"p99={row['p99']:.1f} ms max={row['max']:.1f} ms"
        + (
            f" backfill_queued_min={row['backfill_queued_min']} max={row['backfill_queued_max']}"
            if args.backfill
            else ""
        )
    )


def backlog(folder: Path, text: str, count: int, env: dict[str, str]) -> None:
    """Hand ``count`` distinct captures of 20 blogs to `blogtail ingest` (the backfill lane)."""
    old = folder / "old"
    for n in range(count):
        blog = old / f"blog-{n % 20}"
        blog.mkdir(parents=True, exist_ok=True)
        extra = f"17 min ago\n\nBackfill item {n}\n\nOld news {n}."
        (blog / f"old-{n}.txt").write_text(text.replace("17 min ago", extra))
    subprocess.run(
        [sys.executable, "-m", "services.cli", "ingest", str(old)],
        cwd=folder,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


if __name__ == "__main__":
    main()
