"""Drop-to-subscriber latency: from a capture's rename into the inbox to its events on the stream.

Run: python benchmarks/latency.py [--drops 50] [--workers 2]
It runs `blogtail up` (embedded Valkey) in a temporary folder, follows the stream, and drops
captures one at a time, each with one new post so that it yields a post event.
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


def main() -> None:
    """Print latency percentiles over a number of drops."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--drops", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    text = SEED.read_text()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        env = {**os.environ, "BLOGTAIL_LOG_LEVEL": "warning"}
        up = subprocess.Popen(
            [sys.executable, "-m", "services.cli", "up", "--workers", str(args.workers)],
            cwd=folder,
            env=env,
        )
        try:
            client = redis.Redis.from_url(wait_for_server(folder))
            inbox = folder / "inbox"
            while not client.keys("rq:worker:*"):
                time.sleep(0.05)
            last = "$"
            latencies = []
            for n in range(args.drops):
                capture = text.replace("17 min ago", f"17 min ago\n\nBreaking item {n}\n\nNew {n}.")
                partial = inbox / f".drop-{n}.txt"
                partial.write_text(capture)
                start = time.perf_counter()
                partial.rename(inbox / f"drop-{n}.txt")
                seen_post = False
                while not seen_post:
                    reply = client.xread({"{blogtail}:events": last}, block=5000)
                    if not reply:
                        raise SystemExit(f"no event for drop {n}")
                    for entry_id, fields in reply[0][1]:
                        last = entry_id
                        seen_post |= fields[b"type"].startswith(b"post.")
                latencies.append((time.perf_counter() - start) * 1e3)
            latencies.sort()
            print(
                f"drops={len(latencies)} p50={statistics.median(latencies):.1f} ms "
                f"p90={latencies[int(0.9 * len(latencies))]:.1f} ms max={latencies[-1]:.1f} ms"
            )
        finally:
            up.send_signal(signal.SIGTERM)
            up.wait(timeout=60)


if __name__ == "__main__":
    main()
