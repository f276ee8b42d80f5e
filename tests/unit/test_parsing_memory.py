"""The parser's remembered lines and posts never change what a capture parses to."""

from pathlib import Path

from benchmarks.parse_accuracy import CORPUS, REAL
from workers.parsing import parse_snapshot
from workers.parsing.snapshot import forget
from workers.simulate import simulate

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))


def _streams() -> list[str]:
    """Successive captures of each seed's blog, then pages of every other layout we hold."""
    texts = [
        capture.text
        for number, seed in enumerate(SEEDS)
        for capture in simulate(seed.read_text(encoding="utf-8"), snapshots=6, seed=number).captures
    ]
    pages = sorted(CORPUS.glob("*/*.txt")) + sorted(REAL.glob("*.txt"))
    return texts + [page.read_text(encoding="utf-8") for page in pages]


def test_a_warm_parse_equals_a_cold_one() -> None:
    texts = _streams()
    forget()
    warm = [parse_snapshot(text) for text in texts]
    cold = []
    for text in texts:
        forget()
        cold.append(parse_snapshot(text))
    assert len(texts) > 60
    for text, remembered, fresh in zip(texts, warm, cold, strict=True):
        assert remembered == fresh, text[:80]
