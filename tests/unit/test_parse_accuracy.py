"""The parser against hand-made truth: the real pages and the outlets' corpus."""

import pytest

from benchmarks.parse_accuracy import CORPUS, REAL, Score, labelled, score_capture

REAL_CAPTURES = list(labelled(REAL))
FLOOR_F1 = 0.97
FLOOR_TIMES = 0.98
FLOOR_AUTHORS = 0.97
FLOOR_CAPTURE_F1 = 0.88
"""The corpus's level when it was made; raise them as the parser improves (README figures)."""


def test_the_real_captures_are_beside_the_checkout() -> None:
    assert len(REAL_CAPTURES) >= 9, f"expected the real captures in {REAL}"


@pytest.mark.parametrize("entry", REAL_CAPTURES, ids=[name for name, _, _ in REAL_CAPTURES])
def test_each_real_page_reads_as_its_truth(entry: tuple[str, object, dict]) -> None:
    _, path, truth = entry
    result = score_capture(path, truth)  # type: ignore[arg-type]
    assert result.f1 >= 0.95
    assert result.times >= 0.9


def test_the_corpus_of_other_outlets_holds_its_level() -> None:
    total = Score()
    entries = [entry for folder in sorted(CORPUS.glob("*/")) for entry in labelled(folder)]
    for name, path, truth in entries:
        result = score_capture(path, truth)
        assert result.f1 >= FLOOR_CAPTURE_F1, name
        total.add(result)
    assert len(entries) >= 72
    assert total.f1 >= FLOOR_F1
    assert total.times >= FLOOR_TIMES
    assert total.authors >= FLOOR_AUTHORS
