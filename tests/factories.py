"""Build posts, sources and events in tests the way the parser and the pipeline do."""

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from schemas import Blog, FileReceived, Post, PostCreated, Source
from services.intake import read_entry
from workers import identity
from workers.pipeline import Capture

T0 = datetime(2023, 7, 12, 4, 0, tzinfo=UTC)


def make_post(headline: str | None, *body: str, **fields: object) -> Post:
    """Make a post with the fingerprint the parser would give it; no time unless given."""
    untimed: dict[str, object] = {"published_at": None, "published_at_raw": None}
    return identity.make_post(**{**untimed, **fields, "headline": headline, "body": body})


def read_capture(path: Path, folder: str | None = None) -> Capture:
    """Read a capture file as the watcher does, for tests that run the pipeline on it."""
    entry = read_entry(path, 1 << 30)
    return Capture(path=str(path), raw=entry.raw, modified_at=entry.modified_at, folder=folder)


def make_source(sha: str = "a" * 64, path: str = "/inbox/x.txt", minutes: int = 0) -> Source:
    """A source at T0 plus some minutes."""
    return Source(path=path, sha256=sha, captured_at=T0 + timedelta(minutes=minutes))


def received(blog_id: str, source: Source, title: str = "A live blog") -> FileReceived:
    """The file.received of a capture."""
    return FileReceived(
        event_id=f"r-{source.sha256[:6]}-{blog_id}",
        occurred_at=T0,
        blog_id=blog_id,
        blog=Blog(title=title),
        posts=1,
        layout="time > headline > body",
        posts_without_time=0,
        source=source,
    )


def created(blog_id: str, post: Post, source: Source, post_id: str) -> PostCreated:
    """The post.created of a post."""
    return PostCreated(
        event_id=f"e-{post_id}",
        occurred_at=T0,
        post_id=post_id,
        blog_id=blog_id,
        post=post,
        source=source,
    )


_SYLLABLES = ("ka", "lo", "mi", "ne", "tu", "ra", "vo", "si", "de", "pa", "zu", "gri", "ste", "an")


def sentence_words(rng: random.Random, count: int) -> str:
    """Invent ``count`` words, drawn from a vocabulary of a few thousand."""
    words = (
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(count)
    )
    return " ".join(words).capitalize() + "."


def _person(rng: random.Random) -> str:
    return " ".join(sentence_words(rng, 1)[:-1].capitalize() for _ in range(2))


def invented_posts(rng: random.Random, count: int) -> list[Post]:
    """Invent distinct posts; the first two share a paragraph, as seed 000 has such a pair."""
    posts = []
    for _ in range(count):
        body = [sentence_words(rng, rng.randint(20, 45)) for _ in range(rng.randint(1, 4))]
        posts.append(
            make_post(sentence_words(rng, rng.randint(6, 12)), *body, authors=(_person(rng),))
        )
    if count >= 2:
        shared = posts[0].body[:1]
        posts[1] = identity.revise(
            posts[1], body=(*shared, *posts[1].body, sentence_words(rng, 30))
        )
    return posts
