"""Turn one capture into events against a store of known state (pure but for the port)."""

import codecs
import hashlib
import re
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo

from schemas import (
    Event,
    FileReceived,
    FileRejected,
    PostCreated,
    PostUpdated,
    RejectCode,
    Snapshot,
    Source,
)
from schemas.state import KnownPost
from workers.dedupe import decide
from workers.identity import digest, fingerprint_key, near_keys
from workers.parsing import Reading, looks_like_html, read_html, read_snapshot
from workers.parsing.times import named_zone, zone_name
from workers.projection import REJECTED, file_receipt, receipt, title_key
from workers.store.port import BlogView, CaptureStore, CommitStatus

MAX_ATTEMPTS = 20
RECALLED = 50_000
"""Fingerprints a process recalls the blog of: a few hundred blogs' posts (about 10 MB)."""

_NAME_STAMP = re.compile(
    r"(\d{4})-?(\d{2})-?(\d{2})T(\d{2})[-:]?(\d{2})[-:]?(\d{2})Z", re.IGNORECASE
)
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Outcome:
    """What ingesting one capture did."""

    status: CommitStatus
    events: tuple[Event, ...]
    blog_id: str | None = None
    unchanged: int = 0
    stale: int = 0
    reason: str | None = None

    @property
    def post_events(self) -> tuple[Event, ...]:
        """Return the post events, without the file's own."""
        return tuple(e for e in self.events if e.type.startswith("post."))


def captured_at_from_name(name: str) -> datetime | None:
    """Read a capture time such as 2023-07-12T04-51-00Z or 20230712T045100Z from a file name."""
    match = _NAME_STAMP.search(name)
    if match is None:
        return None
    try:
        year, month, day, hour, minute, second = map(int, match.groups())
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None


def slugify(text: str, fallback: str) -> str:
    """Make a key-safe blog id."""
    return _SLUG_JUNK.sub("-", text.casefold()).strip("-")[:60].strip("-") or fallback


def most_overlapped(overlaps: Mapping[str, int]) -> str:
    """Name the blog holding the most of a capture's fingerprints; a tie goes by name."""
    return max(overlaps.items(), key=lambda item: (item[1], item[0]))[0]


def choose_blog(store: CaptureStore, snapshot: Snapshot, folder: str | None, sha256: str) -> str:
    """Name the blog of a capture: its folder, else the blog it overlaps most, else its title."""
    if folder:
        return slugify(folder, "blog")
    overlaps = store.blog_overlaps([post.fingerprint for post in snapshot.posts])
    if overlaps:
        return most_overlapped(overlaps)
    title = snapshot.blog.title
    owner = store.blog_with_title(title_key(title)) if title else None
    return owner or slugify(title or "", "blog-" + sha256[:12])


class CaptureRejectedError(Exception):
    """A capture cannot be used: a stable code for programs and a sentence for people."""

    def __init__(self, code: RejectCode, reason: str) -> None:
        super().__init__(reason)
        self.code: RejectCode = code
        self.reason = reason


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = bytes(c for c in range(32) if c not in b"\t\n\r\f\v\x1b")
_MAX_CONTROL_SHARE = 0.01


def decode_capture(raw: bytes, max_bytes: int) -> str:
    """Return a capture's text or raise CaptureRejectedError with the reason it cannot be used."""
    if len(raw) > max_bytes:
        raise CaptureRejectedError(
            "too_large", f"file too large: {len(raw)} bytes, the limit is {max_bytes}"
        )
    # A byte-order mark names the encoding (UTF-16 has NULs, so it is read before the
    # binary check); without one, UTF-8, else Windows-1252, which every Western scraper
    # on Windows writes and which Latin-1 text also decodes as.
    encoding = next((name for bom, name in _BOMS if raw.startswith(bom)), None)
    if encoding is None:
        head = raw[:8192]
        if b"\x00" in head or len(head.translate(None, _CONTROL)) < len(head) * (
            1 - _MAX_CONTROL_SHARE
        ):
            raise CaptureRejectedError("binary", "binary file: not a text capture")
        encoding = "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        if encoding != "utf-8":
            raise CaptureRejectedError("undecodable", f"not {encoding} text: {error}") from None
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            raise CaptureRejectedError(
                "undecodable", f"neither UTF-8 nor Windows-1252 text: {error}"
            ) from None
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise CaptureRejectedError("empty", "empty file")
    return text


def capture_source(path: str, sha256: str, modified_at: datetime) -> Source:
    """Describe a capture file: its time is in its name, else its modification time."""
    named_at = captured_at_from_name(path.rsplit("/", 1)[-1])
    return Source(path=path, sha256=sha256, captured_at=named_at or modified_at)


def reject(
    store: CaptureStore,
    source: Source,
    error: CaptureRejectedError,
    *,
    now: datetime,
    entry: str = "",
) -> Outcome:
    """Commit a file.rejected; ``entry`` names an unread file's directory entry instead."""
    rejected = FileRejected(
        event_id=digest(["rejected", receipt(source.path, source.sha256), entry], 12),
        occurred_at=now,
        code=error.code,
        reason=error.reason,
        source=source,
    )
    status = store.commit(
        blog_id=None, expected_version=0, receipt=file_receipt(rejected), events=[rejected]
    )
    return Outcome(status, (rejected,), reason=error.reason)


@dataclass
class Capture:
    """A capture file as read from disk."""

    path: str
    raw: bytes
    modified_at: datetime
    folder: str | None = None
    sha256: str = field(init=False)

    def __post_init__(self) -> None:
        self.sha256 = hashlib.sha256(self.raw).hexdigest()


class Recall:
    """Posts' current fingerprints this process lately saw committed, with their blogs.

    A hint that saves reads, never trusted: a guessed blog is checked against what the read
    returns, and a wrong or missing hint costs just the round trip it would have saved.
    """

    def __init__(self, size: int = RECALLED) -> None:
        self.size = size
        self._blogs: OrderedDict[str, str] = OrderedDict()

    def knows(self, fingerprint: str) -> bool:
        """Tell whether a fingerprint was seen committed lately."""
        return fingerprint in self._blogs

    def blog_of(self, fingerprints: Iterable[str]) -> str | None:
        """Guess the blog holding most of these fingerprints, as choose_blog would name it."""
        counts = Counter(self._blogs[f] for f in fingerprints if f in self._blogs)
        return most_overlapped(counts) if counts else None

    def learn(self, blog_id: str, fingerprints: Iterable[str]) -> None:
        """Remember these fingerprints as the blog's, forgetting the oldest beyond the size."""
        for fingerprint in fingerprints:
            self._blogs[fingerprint] = blog_id
            self._blogs.move_to_end(fingerprint)
        while len(self._blogs) > self.size:
            self._blogs.popitem(last=False)

    def learn_commit(
        self, blog_id: str, fingerprints: Sequence[str], view: BlogView, events: Sequence[Event]
    ) -> None:
        """Learn what a capture's commit made current; forget what it showed of older texts."""
        current = {known.fingerprint for known in view.known.values()}
        current.update(
            e.post.fingerprint for e in events if isinstance(e, PostCreated | PostUpdated)
        )
        # An earlier text shown again (a stale page) matches no post exactly: its near keys
        # are wanted next time too, so it must not pass for known.
        for fingerprint in fingerprints:
            if fingerprint not in current:
                self._blogs.pop(fingerprint, None)
        self.learn(blog_id, (f for f in fingerprints if f in current and f not in view.elsewhere))


def ingest(
    capture: Capture,
    store: CaptureStore,
    *,
    now: datetime,
    max_bytes: int,
    checked: bool = False,
    recall: Recall | None = None,
) -> Outcome:
    """Parse a capture, decide what is news, commit it; reject what cannot be read.

    ``checked``: the caller has just found no commit of this file at this content.
    ``recall``: see commit_snapshot.
    """
    source = capture_source(capture.path, capture.sha256, capture.modified_at)
    ticket = receipt(capture.path, capture.sha256)
    applied = None if checked else store.applied_as(ticket)
    if applied == REJECTED:  # retried after a crash: the caller still owes the quarantine
        return Outcome(CommitStatus.ALREADY_APPLIED, (), reason="rejected before")
    if applied is not None:  # a restart's backlog or a retried job: nothing to parse
        return Outcome(CommitStatus.ALREADY_APPLIED, (), blog_id=applied)
    try:
        reading = parse_capture(
            capture.raw, name=capture.path, modified_at=capture.modified_at, max_bytes=max_bytes
        )
        if not reading.snapshot.posts:
            raise CaptureRejectedError("no_posts", "no posts found")
    except CaptureRejectedError as error:
        return reject(store, source, error, now=now)

    def reread(usual: tzinfo) -> Snapshot:
        return parse_capture(
            capture.raw,
            name=capture.path,
            modified_at=capture.modified_at,
            max_bytes=max_bytes,
            usual_zone=usual,
        ).snapshot

    return commit_snapshot(
        reading.snapshot,
        source,
        store,
        folder=capture.folder,
        now=now,
        recall=recall,
        guessed_zone=reading.zone if reading.zone_guessed else None,
        reread=reread,
    )


def parse_capture(
    raw: bytes,
    *,
    name: str,
    max_bytes: int,
    captured_at: datetime | None = None,
    modified_at: datetime | None = None,
    usual_zone: tzinfo | None = None,
) -> Reading:
    """Decode and parse a capture's bytes; its time is given, else in its name, else the file's.

    ``usual_zone``: the zone the blog's earlier captures were read in (read_snapshot).
    """
    text = decode_capture(raw, max_bytes)
    read = read_html if looks_like_html(text) else read_snapshot
    captured_at = captured_at or captured_at_from_name(name.rsplit("/", 1)[-1])
    reading = read(text, captured_at=captured_at, usual_zone=usual_zone)
    snapshot = reading.snapshot
    if (
        snapshot.captured_at is None
        and modified_at is not None
        and any(post.published_at is None for post in snapshot.posts)
    ):
        # Relative times need a "now": the page gave none, so the file's own time.
        reading = read(text, captured_at=modified_at, usual_zone=usual_zone)
    return reading


def _with_near_candidates(
    store: CaptureStore,
    blog_id: str,
    snapshot: Snapshot,
    exact: Mapping[str, KnownPost],
    *,
    early: Mapping[str, tuple[str, ...]],
    fetched: set[str],
) -> Mapping[str, KnownPost]:
    """Add near-duplicate candidates for the posts no known fingerprint matched."""
    # Most of a re-capture matches exactly; signing and probing only the rest keeps the
    # cost of a capture flat however many posts the blog already has. The keys of ``early``
    # (posts signed before the read) were in ``fetched``, read with the exact ones.
    matched = {known.fingerprint for known in exact.values()}
    keys = {
        key
        for p in snapshot.posts
        if p.fingerprint not in matched
        for key in early.get(p.fingerprint) or near_keys(p)
    } - fetched
    if not keys:
        return exact
    return {**exact, **store.candidates(blog_id, sorted(keys))}


def _choose_and_load(
    store: CaptureStore,
    snapshot: Snapshot,
    sha256: str,
    keys: Sequence[str],
    *,
    fingerprints: Sequence[str],
    folder: str | None,
    guess: str | None,
) -> tuple[str, BlogView]:
    """Name the capture's blog (choose_blog) and read its view, trying a guessed blog first."""
    if guess is not None and not folder:
        view = store.load(guess, keys, fingerprints, sha256)
        # choose_blog counts each blog's fingerprints and takes the most: a blog holding more
        # of them than every other together is its choice, without the count's round trip.
        own = sum(f in view.earlier for f in fingerprints)
        if own > sum(f in view.elsewhere for f in fingerprints):
            return guess, view
    blog_id = choose_blog(store, snapshot, folder, sha256)
    return blog_id, store.load(blog_id, keys, fingerprints, sha256)


def commit_snapshot(
    snapshot: Snapshot,
    source: Source,
    store: CaptureStore,
    *,
    folder: str | None,
    now: datetime,
    recall: Recall | None = None,
    guessed_zone: tzinfo | None = None,
    reread: Callable[[tzinfo], Snapshot] | None = None,
) -> Outcome:
    """Assign a parsed capture to a blog, decide its events and commit them, retrying races.

    With ``recall``, a blog this process has seen lately is read in one round trip, not
    three: its guessed name and the near keys of its posts not seen before go with the read.
    ``guessed_zone``: the zone the parse guessed for the page's bare clocks; where the blog's
    first capture guessed another, ``reread`` parses the capture again in that one, so a
    blog's posts keep their times from capture to capture.
    """
    ticket = receipt(source.path, source.sha256)
    fingerprints = [post.fingerprint for post in snapshot.posts]
    keys = {fingerprint_key(fingerprint) for fingerprint in fingerprints}
    early: dict[str, tuple[str, ...]] = {}
    guess = None
    if recall is not None and any(recall.knows(f) for f in fingerprints):
        # A blog seen before: the posts it has not shown are the likely new or edited ones,
        # whose near-duplicates the decision needs. (A blog not seen signs only what the
        # read finds unknown, as most of a known blog's posts match exactly.)
        early = {
            p.fingerprint: near_keys(p) for p in snapshot.posts if not recall.knows(p.fingerprint)
        }
        keys.update(key for near in early.values() for key in near)
        guess = recall.blog_of(fingerprints)
    to_read = sorted(keys)
    for _ in range(MAX_ATTEMPTS):
        blog_id, view = _choose_and_load(
            store,
            snapshot,
            source.sha256,
            to_read,
            fingerprints=fingerprints,
            folder=folder,
            guess=guess,
        )
        zone = zone_name(guessed_zone) if guessed_zone is not None else None
        if zone is not None and view.zone not in (None, zone) and reread is not None:
            usual = named_zone(view.zone or "")
            if usual is not None:  # read once: a retried commit finds the zone the same
                snapshot, zone, guessed_zone = reread(usual), view.zone, usual
        received = FileReceived(
            event_id=digest(["received", ticket], 12),
            occurred_at=now,
            blog_id=blog_id,
            blog=snapshot.blog,
            posts=len(snapshot.posts),
            layout=snapshot.layout,
            posts_without_time=sum(post.published_at is None for post in snapshot.posts),
            warnings=snapshot.warnings,
            source=source,
            zone=zone,
        )
        events: list[Event] = [received]
        unchanged, stale = len(snapshot.posts), 0
        if not view.capture_seen:
            decision = decide(
                snapshot,
                blog_id=blog_id,
                source=source,
                known=_with_near_candidates(
                    store, blog_id, snapshot, view.known, early=early, fetched=keys
                ),
                elsewhere=view.elsewhere,
                earlier=view.earlier,
                occurred_at=now,
            )
            events += decision.events
            unchanged, stale = decision.unchanged, decision.stale
        status = store.commit(
            blog_id=blog_id, expected_version=view.version, receipt=ticket, events=events
        )
        if status is not CommitStatus.CONFLICT:
            if recall is not None:
                recall.learn_commit(blog_id, fingerprints, view, events)
            return Outcome(status, tuple(events), blog_id=blog_id, unchanged=unchanged, stale=stale)
    raise RuntimeError(f"gave up after {MAX_ATTEMPTS} conflicting commits on {source.path}")
