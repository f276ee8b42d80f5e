"""The parse of every seed matches its hand-checked golden file exactly."""

import json
from pathlib import Path

import pytest

from tests.golden.regenerate import GOLDEN, REVIEW, SEEDS, render, review_tag

SEED_PATHS = sorted(SEEDS.glob("*.txt"))
EXPECTED_POSTS = {"000": 7, "001": 17, "002": 9, "003": 20, "004": 19}


@pytest.mark.parametrize("seed", SEED_PATHS, ids=lambda path: path.stem)
def test_seed_parses_to_its_golden_file(seed: Path) -> None:
    expected = (GOLDEN / f"{seed.stem}.json").read_text(encoding="utf-8")
    assert render(seed.read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize("seed", SEED_PATHS, ids=lambda path: path.stem)
def test_seed_has_the_post_count_the_issue_states(seed: Path) -> None:
    golden = json.loads((GOLDEN / f"{seed.stem}.json").read_text(encoding="utf-8"))
    assert len(golden["posts"]) == EXPECTED_POSTS[seed.stem[:3]]


def test_every_seed_has_a_stated_post_count() -> None:
    assert {seed.stem[:3] for seed in SEED_PATHS} == set(EXPECTED_POSTS)


@pytest.mark.parametrize("seed", SEED_PATHS, ids=lambda path: path.stem)
def test_golden_file_is_the_one_reviewed(seed: Path) -> None:
    # Regenerating a golden file changes its hash: it lands only with a new review note.
    tag = review_tag(GOLDEN / f"{seed.stem}.json")
    assert f"## {tag}" in REVIEW.read_text(encoding="utf-8"), (
        f"{seed.stem}.json changed since it was reviewed: check it by hand and record "
        f"'## {tag}' with what you checked in {REVIEW.name}"
    )
