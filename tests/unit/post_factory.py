"""Build posts in tests the way the parser does, fingerprint included."""

import random
from datetime import datetime

from schemas import Image, Post
from workers.identity import content_fingerprint, refingerprint


def make_post(
    headline: str | None,
    *body: str,
    authors: tuple[str, ...] = (),
    location: str | None = None,
    bullets: tuple[str, ...] = (),
    images: tuple[Image, ...] = (),
    published_at: datetime | None = None,
    published_at_raw: str | None = None,
) -> Post:
    """Make a post with the fingerprint the parser would give it."""
    return Post(
        headline=headline,
        published_at=published_at,
        published_at_raw=published_at_raw,
        authors=authors,
        location=location,
        body=body,
        bullets=bullets,
        images=images,
        fingerprint=content_fingerprint(
            headline=headline,
            authors=authors,
            location=location,
            body=body,
            bullets=bullets,
            images=[(i.caption, i.credit) for i in images],
        ),
    )


def revise(post: Post, **changes: object) -> Post:
    """Copy a post with changes, recomputing its fingerprint."""
    return refingerprint(Post.model_validate({**post.model_dump(), **changes}))


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
            make_post(
                sentence_words(rng, rng.randint(6, 12)),
                *body,
                authors=(_person(rng),),
            )
        )
    if count >= 2:
        shared = posts[0].body[:1]
        posts[1] = revise(posts[1], body=(*shared, *posts[1].body, sentence_words(rng, 30)))
    return posts
