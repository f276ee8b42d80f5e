"""The events of the log: the only record of what happened."""

from collections.abc import Iterable
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter

from schemas.posts import Blog, Post, Value

SCHEMA_VERSION = 1


class Source(Value):
    """The capture a fact was read from; ``sha256`` is empty for a file never read."""

    path: str
    sha256: str
    captured_at: datetime


class EventBase(Value):
    """Fields every event carries."""

    schema_version: int = SCHEMA_VERSION
    event_id: str
    occurred_at: datetime
    id: str | None = Field(default=None, exclude=True)
    """The stream id, on a line read from the log (`blogtail events`); never stored."""


class FileReceived(EventBase):
    """A capture was read, parsed and assigned to a blog."""

    type: Literal["file.received"] = "file.received"
    blog_id: str
    blog: Blog
    posts: int
    layout: str
    """The shape the parser found the posts in ("time > headline > body"); see Snapshot."""
    posts_without_time: int
    warnings: tuple[str, ...] = ()
    source: Source
    zone: str | None = None
    """The zone its bare clock times were read in ("Europe/London", "UTC+05:30"), where the
    page said none and it was guessed: the blog's later captures are read in its first."""


RejectCode = Literal[
    "symlink",  # the inbox entry is a symbolic link: neither it nor its target is read
    "not_a_file",  # a FIFO, socket or device: never opened for reading
    "too_large",  # larger than the size limit: refused before reading
    "unreadable",  # could not be opened or read (permissions, I/O error)
    "vanished",  # gone between being seen and being read
    "empty",  # no bytes, or only whitespace
    "binary",  # not text
    "undecodable",  # text in no encoding blogtail reads
    "no_posts",  # text in which the parser found no post
    "failed",  # its job failed on every try (the error is the reason)
]


class FileRejected(EventBase):
    """A capture could not be used; the file is kept (the watcher's in .quarantine/)."""

    type: Literal["file.rejected"] = "file.rejected"
    code: RejectCode
    reason: str
    source: Source


class FileRetried(EventBase):
    """A rejected capture was taken back (`blogtail retry`): its file may be read again."""

    type: Literal["file.retried"] = "file.retried"
    source: Source


class PostCreated(EventBase):
    """A post was seen for the first time."""

    type: Literal["post.created"] = "post.created"
    post_id: str
    revision: int = 1
    blog_id: str
    post: Post
    source: Source
    duplicate_of: str | None = None


class PostUpdated(EventBase):
    """A known post changed; ``post`` is its new full text."""

    type: Literal["post.updated"] = "post.updated"
    post_id: str
    revision: int
    blog_id: str
    post: Post
    source: Source
    changed: tuple[str, ...]


PostEvent = PostCreated | PostUpdated
EVENT_MODELS: tuple[type[EventBase], ...] = (
    FileReceived,
    FileRejected,
    FileRetried,
    PostCreated,
    PostUpdated,
)
EVENT_TYPES = frozenset(model.model_fields["type"].default for model in EVENT_MODELS)
Event = Annotated[
    FileReceived | FileRejected | FileRetried | PostCreated | PostUpdated,
    Field(discriminator="type"),
]

_event_adapter: TypeAdapter[Event] = TypeAdapter(Event)


def event_types(names: Iterable[str]) -> frozenset[str]:
    """Return these event type names, refusing one blogtail does not emit."""
    wanted = frozenset(names)
    unknown = sorted(wanted - EVENT_TYPES)
    if unknown:
        raise ValueError(f"unknown type {unknown[0]!r}: one of {', '.join(sorted(EVENT_TYPES))}")
    return wanted


def event_schemas() -> dict[str, dict[str, Any]]:
    """Return the JSON Schema of each event type, and of any event as "event".

    Each validates an event as stored in the stream's ``data`` field and as a line of
    `blogtail events` (the same object with the stream id as ``id``).
    """
    found = {
        model.model_fields["type"].default: model.model_json_schema() for model in EVENT_MODELS
    }
    found["event"] = _event_adapter.json_schema()
    return found


def parse_event(raw: str | bytes) -> Event:
    """Read one event from its JSON form."""
    return _event_adapter.validate_json(raw)
