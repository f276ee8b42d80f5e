"""Print the parser's throughput in MB/s, parsing every seed over and over on one core."""

import argparse
import time
from pathlib import Path

from workers.parsing import parse_snapshot

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def measure(texts: list[str], seconds: float) -> tuple[float, int]:
    """Parse ``texts`` round after round for about ``seconds``; return MB/s and rounds."""
    size = sum(len(text.encode("utf-8")) for text in texts)
    rounds = 0
    started = time.perf_counter()
    elapsed = 0.0
    while elapsed < seconds:
        for text in texts:
            parse_snapshot(text)
        rounds += 1
        elapsed = time.perf_counter() - started
    return size * rounds / elapsed / 1e6, rounds


def main() -> None:
    """Run the benchmark and print the figure."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    measure(texts, 0.3)  # warm up regex caches and zoneinfo
    rate, rounds = measure(texts, args.seconds)
    size = sum(len(text.encode("utf-8")) for text in texts)
    print(f"parse_snapshot: {rate:.1f} MB/s ({len(texts)} seeds, {size} bytes, {rounds} rounds)")


if __name__ == "__main__":
    main()
