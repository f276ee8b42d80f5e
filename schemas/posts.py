"""What a capture holds: a blog's metadata and its posts."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class Value(BaseModel):
    """Base of every schema: immutable, strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Image(Value):
    """A picture in a post: its caption and, where given, its credit."""

    caption: str
    credit: str | None = None


class Post(Value):
    """One post of a live blog as it stood in one capture."""

    headline: str | None
    published_at: datetime | None
    published_at_raw: str | None
    authors: tuple[str, ...] = ()
    location: str | None = None
    body: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    images: tuple[Image, ...] = ()
    fingerprint: str


class Blog(Value):
    """The live blog a capture belongs to, as the page describes itself."""

    title: str | None = None
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    updated_at: datetime | None = None
    updated_at_raw: str | None = None
    declared_post_count: int | None = None
    lead: tuple[str, ...] = ()


class Snapshot(Value):
    """A parsed capture: the blog, its posts in page order, and the chrome left out."""

    blog: Blog
    posts: tuple[Post, ...]
    captured_at: datetime | None = None
    chrome: tuple[str, ...] = ()
    layout: str = "unknown"
    """The shape the parser found its posts in ("time > headline > byline > body")."""
    warnings: tuple[str, ...] = ()
    """What a reader of the parse should look at ("no time labels", "4 posts without a time")."""
