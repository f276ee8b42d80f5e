"""Backfills of simulated live blogs, staged outside the inbox and moved in at once."""

import os
from pathlib import Path

from tests.conftest import SEEDS
from workers.simulate import simulate


def stage_backfill(folder: Path, *, blogs_per_seed: int) -> tuple[int, int]:
    """Write 8 captures per blog of each seed into ``folder``; return (captures, creates)."""
    captures = creates = 0
    for seed in SEEDS:
        simulation = simulate(seed.read_text(encoding="utf-8"), snapshots=8)
        for copy in range(blogs_per_seed):
            blog = folder / f"{seed.stem[:3]}-{copy}"
            blog.mkdir(parents=True)
            for capture in simulation.captures:
                (blog / capture.name).write_text(capture.text, newline="")
                stamp = capture.captured_at.timestamp()
                os.utime(blog / capture.name, (stamp, stamp))
                captures += 1
            creates += sum(e.type == "post.created" for e in simulation.expected)
    return captures, creates


def move_in(staged: Path, inbox: Path) -> None:
    """Move every staged blog folder into the inbox: a whole backlog arrives at once."""
    for blog in sorted(staged.iterdir()):
        blog.rename(inbox / blog.name)


def assert_each_once(events: list[dict], *, captures: int, creates: int) -> None:
    """Every capture received once, every post created once: nothing lost, nothing doubled."""
    received = [e["source"]["path"] for e in events if e["type"] == "file.received"]
    assert len(received) == len(set(received)) == captures
    created = [e for e in events if e["type"] == "post.created"]
    assert len(created) == len({e["post_id"] for e in created}) == creates
