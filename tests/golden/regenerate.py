"""Show how the golden parse of each seed would change; write it only when asked.

Run: python -m tests.golden.regenerate          (prints the diff, writes nothing)
     python -m tests.golden.regenerate --write  (then review, and update REVIEW.md)
"""

import difflib
import hashlib
import json
import sys
from pathlib import Path

from workers.parsing import parse_snapshot

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
GOLDEN = Path(__file__).resolve().parent
REVIEW = GOLDEN / "REVIEW.md"


def render(text: str) -> str:
    """Parse ``text`` with no capture time and render it as `blogtail parse` prints it."""
    snapshot = parse_snapshot(text)
    document = {
        "blog": snapshot.blog.model_dump(mode="json"),
        "posts": [post.model_dump(mode="json") for post in snapshot.posts],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def review_tag(golden: Path) -> str:
    """Name a golden file as REVIEW.md records it: its name and a short hash of its bytes."""
    return f"{golden.name} sha256:{hashlib.sha256(golden.read_bytes()).hexdigest()[:16]}"


def main(argv: list[str]) -> int:
    """Print the diff of every seed's golden file; with --write, write the new ones."""
    write = "--write" in argv
    changed = 0
    for seed in sorted(SEEDS.glob("*.txt")):
        target = GOLDEN / f"{seed.stem}.json"
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        new = render(seed.read_text(encoding="utf-8"))
        if old == new:
            continue
        changed += 1
        name = str(target.relative_to(ROOT))
        sys.stdout.writelines(
            difflib.unified_diff(old.splitlines(True), new.splitlines(True), name, name)
        )
        if write:
            target.write_text(new, encoding="utf-8")
    if changed and write:
        print(f"\n{changed} golden file(s) written: review each, then record it in {REVIEW.name}:")
        for seed in sorted(SEEDS.glob("*.txt")):
            print("  ##", review_tag(GOLDEN / f"{seed.stem}.json"))
    elif changed:
        print(f"\n{changed} golden file(s) would change; rerun with --write to write them.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
