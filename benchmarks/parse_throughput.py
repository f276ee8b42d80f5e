"""Print the parser's throughput in MB/s on one core: cold pages, and a blog's next captures.

Cold: every capture is parsed as if none came before (the remembered lines and posts are
dropped before each), as the first capture of a blog is. In a stream: each seed's simulated
captures in order, as a worker parses a blog's next capture, which repeats most of the last.
"""

import argparse
import time
from pathlib import Path

from workers.parsing import compiled, parse_snapshot
from workers.parsing.snapshot import forget
from workers.simulate import simulate

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def measure(texts: list[str], seconds: float, *, cold: bool = True) -> tuple[float, int]:
    """Parse ``texts`` round after round for about ``seconds``; return MB/s and rounds."""
    size = sum(len(text.encode("utf-8")) for text in texts)
    rounds = 0
    started = time.perf_counter()
    elapsed = 0.0
    while elapsed < seconds:
        forget()  # a round starts cold; in a stream, a capture may use what the last left
        for text in texts:
            if cold:
                forget()
            parse_snapshot(text)
        rounds += 1
        elapsed = time.perf_counter() - started
    return size * rounds / elapsed / 1e6, rounds


def stream_of(seeds: list[Path], snapshots: int = 12) -> list[str]:
    """Return each seed's simulated successive captures, blog after blog."""
    return [
        capture.text
        for number, seed in enumerate(seeds)
        for capture in simulate(
            seed.read_text(encoding="utf-8"), snapshots=snapshots, seed=number
        ).captures
    ]


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    seeds = sorted(SEEDS.glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in seeds]
    print(f"parser: {'compiled (mypyc)' if compiled() else 'Python sources'}")
    measure(texts, 0.3)  # warm up regex caches and zoneinfo
    rate, rounds = measure(texts, args.seconds)
    size = sum(len(text.encode("utf-8")) for text in texts)
    print(
        f"parse_snapshot, cold: {rate:.1f} MB/s ({len(texts)} seeds, {size} bytes, {rounds} rounds)"
    )
    stream = stream_of(seeds)
    cold, _ = measure(stream, args.seconds)
    warm, _ = measure(stream, args.seconds, cold=False)
    print(
        f"parse_snapshot, {len(stream)} successive captures of {len(seeds)} blogs: "
        f"{warm:.1f} MB/s in a stream, {cold:.1f} MB/s cold"
    )


if __name__ == "__main__":
    main()
