"""The port between the pure core and storage: what a store must offer."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from schemas import Event
from schemas.state import KnownPost


class CommitStatus(Enum):
    """What became of a commit."""

    APPLIED = "applied"
    ALREADY_APPLIED = "already_applied"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class BlogView:
    """The part of a blog's state one capture needs: candidates, not the whole blog."""

    version: int
    known: Mapping[str, KnownPost]
    elsewhere: Mapping[str, str]
    earlier: Mapping[str, str]
    """The capture's fingerprints that were earlier texts of this blog's posts, by post."""
    capture_seen: bool
    zone: str | None = None
    """The zone the blog's first capture guessed for its bare clock times (FileReceived.zone)."""


def split_owners(
    blog_id: str, owners: Iterable[tuple[str, str]]
) -> tuple[dict[str, str], dict[str, str]]:
    """Split fingerprints' owners ("blog post_id") into this blog's posts and other blogs'."""
    own: dict[str, str] = {}
    others: dict[str, str] = {}
    for fingerprint, owner in owners:
        owner_blog, post_id = owner.split()
        (own if owner_blog == blog_id else others)[fingerprint] = post_id
    return own, others


class CaptureStore(Protocol):
    """Where known state lives and where a capture's events are committed atomically."""

    def applied_as(self, receipt: str) -> str | None:
        """Return the blog a file at this content was committed to, REJECTED, or None."""
        ...

    def blog_overlaps(self, fingerprints: Sequence[str]) -> Mapping[str, int]:
        """Count, per blog, how many of these fingerprints it already holds."""
        ...

    def blog_with_title(self, key: str) -> str | None:
        """Return the blog first seen under this folded title."""
        ...

    def load(
        self, blog_id: str, keys: Sequence[str], fingerprints: Sequence[str], sha256: str
    ) -> BlogView:
        """Read the blog's version and the known posts indexed under these keys."""
        ...

    def candidates(self, blog_id: str, keys: Sequence[str]) -> Mapping[str, KnownPost]:
        """Read the blog's known posts indexed under these keys."""
        ...

    def commit(
        self, *, blog_id: str | None, expected_version: int, receipt: str, events: Sequence[Event]
    ) -> CommitStatus:
        """Append the events and apply their projection in one atomic step."""
        ...
