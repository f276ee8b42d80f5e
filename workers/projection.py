"""Project events onto the state dedupe reads: one pure function, two stores."""

from dataclasses import dataclass
from typing import Literal

from schemas import Event, FileReceived, FileRejected, FileRetried, PostEvent
from schemas.state import KnownPost
from workers.identity import field_digests, index_keys, normalize_text, post_signature

Op = Literal["put", "putnx", "append", "incr", "del"]

# Tables are hashes of field -> value; names ending in ":" take the blog id.
FILES = "files"
VERSIONS = "versions"
BLOGS = "blogs"
TITLES = "titles"
ZONES = "zones"
"""Each blog's guessed zone, as its first capture guessed it."""
FINGERPRINTS = "fingerprints"
COUNTS = "counts"
CAPTURES = "captures:"
POSTS = "posts:"
INDEX = "index:"
WITH_WARNINGS = "file.received.with_warnings"
"""The count of captures whose parse gave warnings (``status`` shows it)."""
REJECTED = "-"  # the receipt of a rejected file; blog ids are never "-"


@dataclass(frozen=True, slots=True)
class Mutation:
    """One change to a projection table: put, put-if-absent, append to a set, increment, del."""

    op: Op
    table: str
    field: str
    value: str = ""


def receipt(path: str, sha256: str) -> str:
    """Name one file at one content: a job for it is applied at most once."""
    return f"{sha256}|{path}"


def file_receipt(event: FileReceived | FileRejected) -> str:
    """Name what a file event was committed under: the file's content, else the event."""
    # A file never read (a link, a FIFO, one too large) has no content digest: the event
    # id, derived from its directory entry, makes a repeated rejection of it a no-op.
    source = event.source
    return receipt(source.path, source.sha256) if source.sha256 else event.event_id


def title_key(title: str | None) -> str:
    """Fold a blog title for lookup."""
    return normalize_text(title or "").casefold()


def known_post(event: PostEvent) -> KnownPost:
    """Project a post event onto the record dedupe keeps of that post."""
    signature, size = post_signature(event.post)
    return KnownPost(
        post_id=event.post_id,
        blog_id=event.blog_id,
        revision=event.revision,
        fingerprint=event.post.fingerprint,
        captured_at=event.source.captured_at,
        field_digests=field_digests(event.post),
        signature=signature,
        shingles=size,
    )


def mutations(event: Event) -> list[Mutation]:
    """Return the projection changes an event makes; applied in log order they rebuild state."""
    if isinstance(event, FileRetried):  # read it again: forget the rejection
        return [
            Mutation("del", FILES, receipt(event.source.path, event.source.sha256)),
            Mutation("incr", COUNTS, event.type),
        ]
    if isinstance(event, FileRejected):
        return [
            Mutation("put", FILES, file_receipt(event), REJECTED),
            Mutation("incr", COUNTS, f"{event.type}.{event.code}"),
        ]
    if isinstance(event, FileReceived):
        blog = event.blog_id
        changes = [
            Mutation("incr", COUNTS, event.type),
            Mutation("put", FILES, file_receipt(event), blog),
            Mutation("incr", VERSIONS, blog),
            Mutation("put", CAPTURES + blog, event.source.sha256, event.event_id),
            Mutation("put", BLOGS, blog, event.blog.model_dump_json(include={"title", "outlet"})),
        ]
        if event.blog.title:
            changes.append(Mutation("putnx", TITLES, title_key(event.blog.title), blog))
        if event.zone:
            changes.append(Mutation("putnx", ZONES, blog, event.zone))
        if event.warnings:
            changes.append(Mutation("incr", COUNTS, WITH_WARNINGS))
        return changes
    record = known_post(event)
    blog = event.blog_id
    changes = [
        Mutation("incr", COUNTS, event.type),
        Mutation("put", POSTS + blog, event.post_id, record.model_dump_json()),
        Mutation("putnx", FINGERPRINTS, record.fingerprint, f"{blog} {event.post_id}"),
    ]
    changes += [Mutation("append", INDEX + blog, key, event.post_id) for key in index_keys(record)]
    return changes
