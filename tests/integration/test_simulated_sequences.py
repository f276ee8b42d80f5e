"""Simulated capture sequences of every seed through `blogtail up`: exactly the right events."""

import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from schemas import PostEvent, parse_event
from tests.conftest import SEEDS, wait_for
from tests.integration.daemon import Daemon, running_daemon
from workers.simulate import Capture, Simulation, observe, simulate


@pytest.fixture(params=["embedded"])
def daemon(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Daemon]:
    yield from running_daemon(request, tmp_path)


def drop(inbox: Path, capture: Capture) -> None:
    """Write a capture atomically, as a scraper should, with its capture time as mtime."""
    partial = inbox / f".{capture.name}"
    partial.write_text(capture.text, newline="")
    stamp = capture.captured_at.timestamp()
    os.utime(partial, (stamp, stamp))
    partial.rename(inbox / capture.name)


def post_events(daemon: Daemon) -> list[PostEvent]:
    events = [parse_event(line) for line in daemon.run("events").splitlines()]
    return [e for e in events if e.type in ("post.created", "post.updated")]  # type: ignore[misc]


def newest_texts(simulation: Simulation) -> dict[int, str]:
    """Each simulated post's fingerprint in the newest capture that shows it."""
    newest: dict[int, str] = {}
    for capture in sorted(simulation.captures, key=lambda c: c.captured_at):
        for shown in capture.posts:
            newest[shown.key] = shown.post.fingerprint
    return newest


@pytest.mark.parametrize("new_blog", [False, True], ids=["running", "new"])
@pytest.mark.parametrize("seed", SEEDS, ids=[s.name[:3] for s in SEEDS])
def test_in_order_delivery_gives_exactly_the_expected_events(
    daemon: Daemon, seed: Path, new_blog: bool
) -> None:
    # A new blog's first capture holds one post: it must create that post and nothing else.
    simulation = simulate(seed.read_text(), snapshots=8, new_blog=new_blog)
    inbox = daemon.folder / "inbox"
    for number, capture in enumerate(simulation.captures, start=1):
        drop(inbox, capture)
        wait_for(lambda n=number: daemon.settled(received=n), 60, 0.05, capture.name)
    assert observe(post_events(daemon), simulation) == simulation.expected


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name[:3] for s in SEEDS])
def test_shuffled_delivery_gives_the_same_final_state(daemon: Daemon, seed: Path) -> None:
    simulation = simulate(seed.read_text(), snapshots=8)
    captures = list(simulation.captures)
    random.Random(seed.name).shuffle(captures)
    inbox = daemon.folder / "inbox"
    for capture in captures:
        drop(inbox, capture)
    wait_for(lambda: daemon.settled(received=len(captures)), 90, 0.1, "all captures")
    events = post_events(daemon)
    observed = observe(events, simulation)
    created = [e.key for e in observed if e.type == "post.created"]
    assert sorted(created) == sorted(set(created)), "a post was created twice"
    assert -1 not in created
    final: dict[int, str] = {}
    for seen in observed:
        final[seen.key] = seen.fingerprint
    assert final == newest_texts(simulation)
