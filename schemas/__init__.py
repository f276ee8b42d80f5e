"""Pydantic models of posts, snapshots and the events of the log (JSON Schema in json/)."""

from schemas.events import (
    EVENT_MODELS,
    EVENT_TYPES,
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
    event_schemas,
    event_types,
    parse_event,
)
from schemas.posts import Blog, Image, Post, Snapshot

__all__ = [
    "EVENT_MODELS",
    "EVENT_TYPES",
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
    "event_schemas",
    "event_types",
    "parse_event",
]
