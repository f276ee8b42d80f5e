"""Build posts, sources and events by hand for tests that need no parser."""

from datetime import UTC, datetime, timedelta

from schemas import Blog, FileReceived, Post, PostCreated, Source
from workers.identity import content_fingerprint

T0 = datetime(2023, 7, 12, 4, 0, tzinfo=UTC)


def make_post(headline: str, *body: str, minutes: int = 0) -> Post:
    """A post with a fingerprint computed as the parser computes it."""
    paragraphs = body or (f"Body of {headline}, long enough to be a paragraph of its own.",)
    return Post(
        headline=headline,
        published_at=T0 + timedelta(minutes=minutes),
        published_at_raw=f"{minutes} min ago",
        body=paragraphs,
        fingerprint=content_fingerprint(headline=headline, body=paragraphs),
    )


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
        post_count=1,
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
