"""Pydantic models of posts, snapshots and the events of the log."""

from schemas.events import (
    SCHEMA_VERSION,
    Event,
    FileReceived,
    FileRejected,
    FileRetried,
    PostCreated,
    PostEvent,
    PostUpdated,
    RejectCode,
    Source,
    parse_event,
)
from schemas.posts import Blog, Image, Post, Snapshot

__all__ = [
    "SCHEMA_VERSION",
    "Blog",
    "Event",
    "FileReceived",
    "FileRejected",
    "FileRetried",
    "Image",
    "Post",
    "PostCreated",
    "PostEvent",
    "PostUpdated",
    "RejectCode",
    "Snapshot",
    "Source",
    "parse_event",
]
