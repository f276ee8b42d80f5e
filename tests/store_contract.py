"""One contract for every CaptureStore adapter: memory, fakeredis, Valkey, Redis."""

from collections.abc import Callable

import pytest

from schemas import Event, FileRejected, parse_event
from tests.factories import T0, created, make_post, make_source, received
from workers.identity import lookup_keys
from workers.projection import REJECTED, VERSIONS, receipt
from workers.store.port import CaptureStore, CommitStatus
from workers.store.redis_store import LAYOUT, LayoutMismatchError, RedisStore, stale_layout

Logged = Callable[[], list[Event]]


class StoreContract:
    """Subclasses provide the ``store`` and ``logged`` fixtures."""

    def test_commit_appends_and_projects(self, store: CaptureStore, logged: Logged) -> None:
        post, source = (
            make_post("Zelensky arrives", "The president landed in Vilnius."),
            make_source(),
        )
        events = [received("b1", source), created("b1", post, source, "p1")]
        status = store.commit(
            blog_id="b1",
            expected_version=0,
            receipt=receipt(source.path, source.sha256),
            events=events,
        )
        assert status is CommitStatus.APPLIED
        assert logged() == events
        view = store.load("b1", lookup_keys(post), [post.fingerprint], source.sha256)
        assert view.version == 1
        assert view.capture_seen
        assert list(view.known) == ["p1"]
        assert view.known["p1"].fingerprint == post.fingerprint
        assert store.blog_overlaps([post.fingerprint, "nope"]) == {"b1": 1}
        assert store.blog_with_title("a live blog") == "b1"

    def test_a_blog_keeps_the_zone_its_first_capture_guessed(self, store: CaptureStore) -> None:
        for version, (sha256, zone) in enumerate(
            (("a" * 64, "UTC+01:00"), ("b" * 64, "UTC+09:00"))
        ):
            source = make_source(sha=sha256)
            event = received("b1", source).model_copy(update={"zone": zone})
            ticket = receipt(source.path, source.sha256)
            store.commit(blog_id="b1", expected_version=version, receipt=ticket, events=[event])
        assert store.load("b1", [], [], "c" * 64).zone == "UTC+01:00"
        assert store.load("b2", [], [], "c" * 64).zone is None

    def test_same_receipt_twice_writes_nothing(self, store: CaptureStore, logged: Logged) -> None:
        source = make_source()
        events = [received("b1", source)]
        ticket = receipt(source.path, source.sha256)
        assert (
            store.commit(blog_id="b1", expected_version=0, receipt=ticket, events=events)
            is CommitStatus.APPLIED
        )
        assert store.applied_as(ticket) == "b1"
        assert store.applied_as(receipt("/elsewhere.txt", source.sha256)) is None
        assert (
            store.commit(blog_id="b1", expected_version=1, receipt=ticket, events=events)
            is CommitStatus.ALREADY_APPLIED
        )
        assert logged() == events

    def test_stale_version_conflicts_and_writes_nothing(
        self, store: CaptureStore, logged: Logged
    ) -> None:
        first, second = make_source("a" * 64), make_source("b" * 64, path="/inbox/y.txt")
        store.commit(
            blog_id="b1",
            expected_version=0,
            receipt=receipt(first.path, first.sha256),
            events=[received("b1", first)],
        )
        status = store.commit(
            blog_id="b1",
            expected_version=0,
            receipt=receipt(second.path, second.sha256),
            events=[received("b1", second)],
        )
        assert status is CommitStatus.CONFLICT
        assert len(logged()) == 1

    def test_other_blogs_posts_are_elsewhere(self, store: CaptureStore) -> None:
        post, source = make_post("Shared", "A paragraph two blogs carry."), make_source()
        store.commit(
            blog_id="b1",
            expected_version=0,
            receipt="r1",
            events=[received("b1", source), created("b1", post, source, "p1")],
        )
        view = store.load("b2", lookup_keys(post), [post.fingerprint], "c" * 64)
        assert view.known == {}
        assert view.elsewhere == {post.fingerprint: "p1"}
        assert not view.capture_seen
        assert view.version == 0

    def test_rejection_needs_no_blog(self, store: CaptureStore, logged: Logged) -> None:
        source = make_source()
        rejected = FileRejected(
            event_id="x", occurred_at=T0, code="empty", reason="empty file", source=source
        )
        ticket = receipt(source.path, source.sha256)
        assert (
            store.commit(blog_id=None, expected_version=0, receipt=ticket, events=[rejected])
            is CommitStatus.APPLIED
        )
        assert (
            store.commit(blog_id=None, expected_version=0, receipt=ticket, events=[rejected])
            is CommitStatus.ALREADY_APPLIED
        )
        assert store.applied_as(ticket) == REJECTED
        assert logged() == [rejected]


class RedisStoreContract(StoreContract):
    """The contract for Redis adapters, whose log is the stream; subclasses give ``store``."""

    @pytest.fixture
    def logged(self, store: RedisStore) -> Logged:
        def read() -> list[Event]:
            entries = store.client.xrange(store.keys.events)
            return [parse_event(fields[b"data"]) for _, fields in entries]

        return read

    def test_a_namespace_in_another_layout_refuses_commits(
        self, store: RedisStore, logged: Logged
    ) -> None:
        source = make_source()
        events = [received("b1", source)]
        ticket = receipt(source.path, source.sha256)
        # Projections from before the layout was recorded: a versions hash, no layout key.
        store.client.hset(store.keys.table(VERSIONS), "b0", 3)
        assert stale_layout(store.client, store.keys)
        with pytest.raises(LayoutMismatchError, match="blogtail replay"):
            store.commit(blog_id="b1", expected_version=0, receipt=ticket, events=events)
        store.client.set(store.keys.layout, "1")
        with pytest.raises(LayoutMismatchError):
            store.commit(blog_id="b1", expected_version=0, receipt=ticket, events=events)
        assert logged() == []
        store.client.delete(store.keys.table(VERSIONS), store.keys.layout)
        status = store.commit(blog_id="b1", expected_version=0, receipt=ticket, events=events)
        assert status is CommitStatus.APPLIED
        assert store.client.get(store.keys.layout) == LAYOUT.encode()
        assert not stale_layout(store.client, store.keys)
        store.client.set(store.keys.layout, "1")
        assert stale_layout(store.client, store.keys)

    def test_a_refused_commit_keeps_the_captures_bytes(self, store: RedisStore) -> None:
        # A worker killed after a conflicting commit leaves its job to a retry, which reads
        # the bytes again: they go only with the commit that applies.
        source = make_source()
        ticket = receipt(source.path, source.sha256)
        store.hand_over(ticket, source.sha256, b"the capture")
        events = [received("b1", source)]
        conflict = store.commit(blog_id="b1", expected_version=7, receipt=ticket, events=events)
        assert conflict is CommitStatus.CONFLICT
        assert store.handed(ticket, source.sha256) == (b"the capture", None)
        applied = store.commit(blog_id="b1", expected_version=0, receipt=ticket, events=events)
        assert applied is CommitStatus.APPLIED
        assert store.handed(ticket, source.sha256) == (None, "b1")
