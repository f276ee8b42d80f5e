"""A worker's recall of blogs it saw: the same decisions in fewer reads, wrong hints harmless."""

from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime

import pytest

from schemas import Event
from schemas.state import KnownPost
from tests.conftest import SEEDS
from workers.pipeline import Capture, Recall, ingest
from workers.simulate import simulate
from workers.store.memory import MemoryStore
from workers.store.port import BlogView

NOW = datetime(2026, 1, 1, tzinfo=UTC)


class CountingStore(MemoryStore):
    """A MemoryStore that counts the reads a capture makes."""

    def __init__(self) -> None:
        super().__init__()
        self.reads: Counter[str] = Counter()
        self.loading = False

    def blog_overlaps(self, fingerprints: Sequence[str]) -> Mapping[str, int]:
        self.reads["blog_overlaps"] += 1
        return super().blog_overlaps(fingerprints)

    def load(
        self, blog_id: str, keys: Sequence[str], fingerprints: Sequence[str], sha256: str
    ) -> BlogView:
        self.reads["load"] += 1
        self.loading = True  # MemoryStore.load reads its candidates as a part of itself
        try:
            return super().load(blog_id, keys, fingerprints, sha256)
        finally:
            self.loading = False

    def candidates(self, blog_id: str, keys: Sequence[str]) -> Mapping[str, KnownPost]:
        self.reads["candidates"] += not self.loading
        return super().candidates(blog_id, keys)


def interleaved(blogs: int, snapshots: int) -> Iterator[Capture]:
    """Simulated captures of several blogs, taken in turns, none in a folder of its own."""
    runs = [
        simulate(SEEDS[n % len(SEEDS)].read_text(), snapshots=snapshots, seed=n).captures
        for n in range(blogs)
    ]
    for turn in range(snapshots):
        for blog, run in enumerate(runs):
            shown = run[turn]
            yield Capture(
                path=f"/inbox/{blog}-{shown.name}",
                raw=shown.text.encode(),
                modified_at=shown.captured_at,
            )


def run(
    captures: list[Capture], recalls: Sequence[Recall | None]
) -> tuple[list[Event], Counter[str]]:
    """Ingest the captures in order, each by the next of the "workers" in turn."""
    store = CountingStore()
    for n, capture in enumerate(captures):
        ingest(capture, store, now=NOW, max_bytes=1 << 20, recall=recalls[n % len(recalls)])
    return list(store.log), store.reads


@pytest.mark.parametrize("workers", [1, 2])
def test_recall_decides_as_without_it_in_fewer_reads(workers: int) -> None:
    captures = list(interleaved(blogs=3, snapshots=8))
    plain, plain_reads = run(captures, [None])
    recalled, reads = run(captures, [Recall() for _ in range(workers)])
    assert recalled == plain
    assert reads["load"] == plain_reads["load"] == len(captures)
    assert reads["blog_overlaps"] < plain_reads["blog_overlaps"] / 2
    assert reads["candidates"] < plain_reads["candidates"] / 2


def test_a_wrong_or_forgotten_hint_costs_reads_not_decisions() -> None:
    captures = list(interleaved(blogs=2, snapshots=6))
    plain, _ = run(captures, [None])
    assert run(captures, [Recall(size=5)])[0] == plain  # forgets nearly all at once
    for misled in ("no-such-blog", "swapped"):
        recall = Recall()
        run(captures, [recall])  # learnt from another store...
        blogs = sorted(set(recall._blogs.values()))
        for fingerprint, blog in list(recall._blogs.items()):  # ...and then misremembered
            other = blogs[(blogs.index(blog) + 1) % len(blogs)]
            recall.learn("no-such-blog" if misled == "no-such-blog" else other, [fingerprint])
        assert run(captures, [recall])[0] == plain
