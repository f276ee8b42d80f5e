"""The parse of every seed matches its hand-checked golden file exactly."""

import json
from pathlib import Path

import pytest

from tests.golden.regenerate import GOLDEN, SEEDS, render

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


def test_seeds_hold_72_posts_in_all() -> None:
    assert sum(EXPECTED_POSTS.values()) == 72
    assert len(SEED_PATHS) == len(EXPECTED_POSTS)
