"""Rewrite the golden parse of every seed; read the diff by hand before committing it.

Run: .venv/bin/python -m tests.golden.regenerate
"""

import json
from pathlib import Path

from workers.parsing import parse_snapshot

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
GOLDEN = Path(__file__).resolve().parent


def render(text: str) -> str:
    """Parse ``text`` with no capture time and render it as `blogtail parse` prints it."""
    snapshot = parse_snapshot(text)
    document = {
        "blog": snapshot.blog.model_dump(mode="json"),
        "posts": [post.model_dump(mode="json") for post in snapshot.posts],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    """Write tests/golden/<seed>.json for every seed."""
    for seed in sorted(SEEDS.glob("*.txt")):
        target = GOLDEN / f"{seed.stem}.json"
        target.write_text(render(seed.read_text(encoding="utf-8")), encoding="utf-8")
        print(target.relative_to(ROOT))


if __name__ == "__main__":
    main()
