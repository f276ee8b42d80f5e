"""The parser's remembered lines and posts never change what a capture parses to."""

from pathlib import Path

from benchmarks.parse_accuracy import CORPUS, REAL
from workers.parsing import parse_snapshot
from workers.parsing.lines import LINE_REMEMBERED_CHARS, _classify_remembered
from workers.parsing.posts import POST_REMEMBERED_CHARS, _read_remembered
from workers.parsing.snapshot import _POSTS, forget
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


def test_what_is_remembered_is_bounded_by_size() -> None:
    # A line or a post is kept only up to a size: captures of huge lines or posts, each
    # seen once, must not fill a worker's memory, however many of them come.
    forget()
    huge = " ".join(["The council said the bridge would reopen."] * 2_000)
    for number in range(3):
        text = f"Floods live\n\n12:0{number} GMT\n\nBridge update {number}\n\n{huge} {number}\n"
        post = parse_snapshot(text).posts[0]
        assert post.body == (f"{huge} {number}",)
    # The short lines only: the page's title, and each capture's time and headline.
    assert len(huge) > LINE_REMEMBERED_CHARS
    assert _classify_remembered.cache_info().currsize == 1 + 3 * 2
    assert _read_remembered.cache_info().currsize == 0
    assert all(sum(map(len, body)) <= POST_REMEMBERED_CHARS for _, _, _, body, _, _ in _POSTS)
