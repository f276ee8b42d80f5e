"""Projection records: what the system knows, rebuilt from the log."""

import base64
import struct
from datetime import datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer

from schemas.posts import Value


def _pack(signature: tuple[int, ...]) -> str:
    """Store a signature of 16-bit values as base64: a third of its JSON list's bytes."""
    return base64.b64encode(struct.pack(f"<{len(signature)}H", *signature)).decode()


def _unpack(value: Any) -> Any:
    """Read a packed signature back; pass lists and tuples through."""
    if isinstance(value, str):
        raw = base64.b64decode(value)
        return struct.unpack(f"<{len(raw) // 2}H", raw)
    return value


Signature = Annotated[
    tuple[int, ...], BeforeValidator(_unpack), PlainSerializer(_pack, when_used="json")
]


class KnownPost(Value):
    """What dedupe needs to know of a post: identity, revision, content signature."""

    post_id: str
    blog_id: str
    revision: int
    fingerprint: str
    captured_at: datetime
    field_digests: dict[str, str]
    signature: Signature = ()
    shingles: int = 0
