"""Properties of dedupe over simulated sequences: at-least-once, any order."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas import Blog
from tests.blog_feed import BlogFeed
from tests.factories import invented_posts
from workers.simulate import Simulation, observe, simulate_posts
from workers.store.port import CommitStatus

BLOG = Blog(title="A live blog")


def _simulation(seed: int, count: int, snapshots: int) -> Simulation:
    return simulate_posts(
        BLOG, invented_posts(random.Random(seed), count), snapshots=snapshots, seed=seed
    )


sequences = st.builds(
    _simulation, seed=st.integers(0, 10_000), count=st.integers(1, 12), snapshots=st.integers(1, 12)
)


def _deliver(sim: Simulation, order: list[int]) -> BlogFeed:
    fold = BlogFeed()
    for n in order:
        fold.feed_capture(sim.captures[n])
    return fold


def _final_texts(fold: BlogFeed, sim: Simulation) -> dict[int, str]:
    """Map each simulated post to the fingerprint of the text the fold holds for it."""
    keys: dict[str, int] = {}
    for seen, event in zip(observe(fold.events, sim), fold.events, strict=True):
        if seen.type == "post.created":
            keys[event.post_id] = seen.key
    return {keys[pid]: record.fingerprint for pid, record in fold.known.items()}


def _newest_texts(sim: Simulation, delivered: set[int]) -> dict[int, str]:
    newest: dict[int, tuple[object, str]] = {}
    for n in sorted(delivered, key=lambda n: (sim.captures[n].captured_at, n)):
        for shown in sim.captures[n].posts:
            newest[shown.key] = (sim.captures[n].captured_at, shown.post.fingerprint)
    return {key: fingerprint for key, (_, fingerprint) in newest.items()}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sim=sequences, data=st.data())
def test_any_subset_in_any_order_any_number_of_times_creates_each_post_once(sim, data):
    indices = range(len(sim.captures))
    order = data.draw(st.lists(st.sampled_from(list(indices)), max_size=3 * len(sim.captures)))
    fold = _deliver(sim, order)
    created = [e for e in observe(fold.events, sim) if e.type == "post.created"]
    created_keys = [e.key for e in created]
    assert len(created_keys) == len(set(created_keys)), "a post was created twice"
    delivered_keys = {s.key for n in order for s in sim.captures[n].posts}
    assert set(created_keys) == delivered_keys
    # The newest delivered text of every post is what the fold holds.
    assert _final_texts(fold, sim) == _newest_texts(sim, set(order))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sim=sequences, shuffle_seed=st.integers(0, 2**32 - 1))
def test_shuffled_delivery_ends_in_the_in_order_state(sim, shuffle_seed):
    in_order = _deliver(sim, list(range(len(sim.captures))))
    order = list(range(len(sim.captures))) * 2
    random.Random(shuffle_seed).shuffle(order)
    shuffled = _deliver(sim, order)
    assert _final_texts(shuffled, sim) == _final_texts(in_order, sim)
    assert _final_texts(in_order, sim) == _newest_texts(sim, set(range(len(sim.captures))))


@settings(max_examples=30, deadline=None)
@given(sim=sequences)
def test_redelivering_every_capture_adds_nothing(sim):
    fold = _deliver(sim, list(range(len(sim.captures))))
    before = list(fold.store.log)
    for capture in sim.captures:
        assert fold.feed_capture(capture).status is CommitStatus.ALREADY_APPLIED
    assert fold.store.log == before


def test_a_late_capture_of_a_text_seen_three_edits_ago_is_that_post() -> None:
    # Found by the shuffled-delivery property: post 3 is edited three times, and the
    # capture holding its first text arrives again after the newest, which shares too
    # little with it; the text is on record as that post's, so nothing is created.
    sim = _simulation(2140, 5, 10)
    order = [1, 5, 7, 9, 9, 0, 6, 1, 5, 6, 0, 3, 4, 2, 7, 3, 8, 2, 8, 4]
    fold = _deliver(sim, order)
    created = [e.key for e in observe(fold.events, sim) if e.type == "post.created"]
    assert sorted(created) == sorted(set(created))
    assert _final_texts(fold, sim) == _newest_texts(sim, set(order))
