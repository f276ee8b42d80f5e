"""Projection records: what the system knows, rebuilt from the log."""

from datetime import datetime

from schemas.posts import Value


class KnownPost(Value):
    """What dedupe needs to know of a post: identity, revision, content signature."""

    post_id: str
    blog_id: str
    revision: int
    fingerprint: str
    captured_at: datetime
    field_digests: dict[str, str]
    signature: tuple[int, ...] = ()
    shingles: int = 0
