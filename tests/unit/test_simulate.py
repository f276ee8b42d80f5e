"""The simulator: a realistic sequence of captures and the events it must give rise to."""

import json
import random
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from schemas import Blog, Image
from tests.blog_feed import BlogFeed
from tests.factories import invented_posts, make_post
from workers.parsing import parse_snapshot
from workers.simulate import (
    COPY_AT,
    DELETE_AT,
    EXPECTED_FILE,
    RESAVE_AT,
    describe,
    observe,
    render,
    simulate,
    simulate_posts,
    write_simulation,
)

SEEDS = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))
BLOG = Blog(title="Russia's war in Ukraine", authors=("Tara Subramaniam",))
NAME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z_\d+\.txt$")


@pytest.fixture
def sim():
    return simulate_posts(BLOG, invented_posts(random.Random(2), 10), seed=4)


def test_default_sequence_has_every_scripted_event(sim):
    assert len(sim.captures) == 8
    assert all(NAME.match(c.name) for c in sim.captures)
    assert len({c.name for c in sim.captures}) == 8
    copy, resave = sim.captures[COPY_AT], sim.captures[RESAVE_AT]
    assert copy.text == sim.captures[COPY_AT - 1].text
    assert copy.captured_at == sim.captures[COPY_AT - 1].captured_at
    assert resave.text == sim.captures[RESAVE_AT - 1].text.replace("\n", "\r\n")
    changes = {e.changed for e in sim.expected if e.type == "post.updated"}
    assert ("body",) in changes and ("headline",) in changes
    assert not {e.capture for e in sim.expected} & {copy.name, resave.name}
    keys_before = {s.key for s in sim.captures[DELETE_AT - 1].posts}
    keys_after = {s.key for s in sim.captures[DELETE_AT].posts}
    assert keys_before - keys_after, "a post is deleted"
    created = [e.key for e in sim.expected if e.type == "post.created"]
    assert sorted(created) == sorted({s.key for c in sim.captures for s in c.posts})


def test_captures_advance_and_show_newest_first(sim):
    times = [c.captured_at for c in sim.captures]
    assert times == sorted(times)
    for capture in sim.captures:
        published = [s.post.published_at for s in capture.posts]
        assert published == sorted(published, reverse=True)
        assert all(s.post.published_at_raw.endswith("min ago") for s in capture.posts)


def test_same_seed_same_simulation():
    posts = invented_posts(random.Random(2), 6)
    assert simulate_posts(BLOG, posts, seed=1) == simulate_posts(BLOG, posts, seed=1)


def test_decide_in_order_emits_exactly_the_expected_events(sim):
    fold = BlogFeed()
    for capture in sim.captures:
        fold.feed_capture(capture)
    assert observe(fold.events, sim) == sim.expected


@pytest.mark.parametrize("snapshots", [1, 2, 4, 12])
def test_short_and_long_sequences(snapshots):
    sim = simulate_posts(BLOG, invented_posts(random.Random(5), 5), snapshots=snapshots, seed=2)
    assert len(sim.captures) == snapshots
    fold = BlogFeed()
    for capture in sim.captures:
        fold.feed_capture(capture)
    assert observe(fold.events, sim) == sim.expected


def test_render_uses_the_relative_time_layout():
    post = make_post("Headline", "Para one.", "Para two.", authors=("A B", "C D"), location="Kyiv")
    post = post.model_copy(update={"published_at_raw": "1 hr 17 min ago"})
    text = render(BLOG, [post], datetime(2023, 7, 12, 4, 50, tzinfo=UTC))
    assert text == (
        "Live Updates\n\nRussia's war in Ukraine\n\nBy Tara Subramaniam, CNN\n\n"
        "Updated 12:50 a.m. ET, July 12, 2023\n1 hr 17 min ago\n\nHeadline\n\n"
        "From CNN's A B and C D in Kyiv\n\nPara one.\n\nPara two.\n"
    )


def test_write_simulation(sim, tmp_path):
    write_simulation(sim, tmp_path)
    resave = tmp_path / sim.captures[RESAVE_AT].name
    assert b"\r\n" in resave.read_bytes()
    first = sim.captures[0]
    assert (tmp_path / first.name).stat().st_mtime == first.captured_at.timestamp()
    expected = json.loads((tmp_path / EXPECTED_FILE).read_text(encoding="utf-8"))
    assert len(expected["events"]) == len(sim.expected)
    assert expected["events"][0]["type"] == "post.created"
    assert len(describe(sim)) == len(sim.captures) + len(sim.expected)


def test_render_round_trips_through_the_parser(sim):
    posts = [
        *(s.post for s in sim.captures[0].posts),
        make_post("With picture", "Text.", images=(Image(caption="A scene.", credit="AFP"),)),
    ]
    captured_at = sim.captures[0].captured_at
    parsed = parse_snapshot(render(BLOG, posts, captured_at), captured_at=captured_at)
    assert [p.headline for p in parsed.posts] == [p.headline for p in posts]
    assert [p.body for p in parsed.posts] == [p.body for p in posts]
    assert [p.fingerprint for p in parsed.posts] == [p.fingerprint for p in posts]


@pytest.mark.parametrize("new_blog", [False, True], ids=["running", "new"])
@pytest.mark.parametrize("seed_file", SEEDS, ids=lambda p: p.name[:3])
def test_every_seed_simulates_and_parses_back(seed_file, new_blog):
    # A new blog's first capture holds one post: it must create that post and nothing else,
    # with its time, so no later capture "updates" its published_at.
    sim = simulate(seed_file.read_text(encoding="utf-8"), snapshots=8, new_blog=new_blog)
    assert len(sim.captures[0].posts) == (1 if new_blog else len(sim.captures[0].posts))
    assert sim.expected
    fold = BlogFeed()
    for capture in sim.captures:
        parsed = parse_snapshot(capture.text, captured_at=capture.captured_at)
        assert [p.fingerprint for p in parsed.posts] == [s.post.fingerprint for s in capture.posts]
        fold.feed(parsed.posts, captured_at=capture.captured_at, name=capture.name)
    assert observe(fold.events, sim) == sim.expected
