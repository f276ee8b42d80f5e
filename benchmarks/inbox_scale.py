"""The watcher with a large inbox: its memory at start-up, and a restart over committed files.

Run: python benchmarks/inbox_scale.py [--files 1000 100000] [--restart 10000]
For each size it writes that many small captures (100 blog folders) into a fresh inbox,
starts `blogtail up --workers 1` and reads the watcher's peak RSS once the backlog is
handed over. With --restart N it lets N captures commit, restarts `up` and times how long
the restart takes to hand the (already committed) backlog over: files are not read again.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import redis

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.latency import peak_rss_kb, wait_for_server

CAPTURE = "Live updates\n\n{n} min ago\n\nItem {n} of the inbox\n\nA short post, number {n}.\n"


def write_inbox(inbox: Path, files: int) -> None:
    """Write ``files`` one-post captures into 100 blog folders."""
    for n in range(files):
        blog = inbox / f"blog-{n % 100:03}"
        blog.mkdir(parents=True, exist_ok=True)
        (blog / f"{n:06}.txt").write_text(CAPTURE.format(n=n))


class Up:
    """`blogtail up` in a folder, its log read for the watcher's start-up lines."""

    def __init__(self, folder: Path) -> None:
        self.log = folder / f"up-{time.monotonic_ns()}.log"
        env = {**os.environ, "BLOGTAIL_LOG_LEVEL": "info"}
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "services.cli", "up", "--workers", "1"],
                cwd=folder,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=out,
            )
        self.started = time.perf_counter()

    def backlog_published(self) -> float:
        """Wait for the watcher to hand its backlog over; return seconds since the start."""
        while b"watcher.backlog_published" not in self.log.read_bytes():
            if self.process.poll() is not None:
                raise SystemExit(f"blogtail up exited: see {self.log}")
            time.sleep(0.05)
        return time.perf_counter() - self.started

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=120)


def received(url: str) -> int:
    """Count the file.received events on the stream."""
    client = redis.Redis.from_url(url)
    count = 0
    for _, entries in client.xread({"{blogtail}:events": "0"}, count=10**7) or []:
        count += sum(fields[b"type"] == b"file.received" for _, fields in entries)
    client.close()
    return count


def start_up_rss(files: int) -> dict[str, float]:
    """Start `up` over ``files`` captures; the watcher's peak RSS once they are handed over."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        write_inbox(folder / "inbox", files)
        up = Up(folder)
        try:
            seconds = up.backlog_published()
            rss = peak_rss_kb(up.process.pid)
        finally:
            up.stop()
    return {"files": files, "seconds": seconds, "watcher_peak_rss_kb": rss}


def restart(files: int) -> dict[str, float]:
    """Commit ``files`` captures, restart `up`, time the hand-over of the committed backlog."""
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        write_inbox(folder / "inbox", files)
        up = Up(folder)
        try:
            first = up.backlog_published()
            url = wait_for_server(folder)
            while received(url) < files:
                time.sleep(0.5)
        finally:
            up.stop()
        again = Up(folder)
        try:
            second = again.backlog_published()
        finally:
            again.stop()
    return {"files": files, "first_seconds": first, "restart_seconds": second}


def main() -> None:
    """Print the watcher's start-up memory per inbox size, and a restart's hand-over time."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, nargs="+", default=[1000, 100_000])
    parser.add_argument("--restart", type=int, default=10_000)
    args = parser.parse_args()
    for files in args.files:
        print(json.dumps(start_up_rss(files)), flush=True)
    if args.restart:
        print(json.dumps(restart(args.restart)), flush=True)


if __name__ == "__main__":
    main()
