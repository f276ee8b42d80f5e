"""The store's one-round-trip read on a real server, at sizes Lua cannot unpack at once."""

from datetime import UTC, datetime

import pytest
import redis

from schemas import Blog, Snapshot, Source
from services.settings import Settings
from workers.identity import fingerprint_key, lookup_keys, make_post
from workers.pipeline import commit_snapshot
from workers.store.keys import Keys
from workers.store.redis_store import RedisStore

pytestmark = pytest.mark.integration
NOW = datetime(2024, 5, 1, tzinfo=UTC)


def test_a_read_of_thousands_of_keys_finds_the_known_posts(
    settings: Settings, client: redis.Redis
) -> None:
    store = RedisStore(client, Keys(settings.namespace), stream_maxlen=0)
    posts = [
        make_post(
            headline=f"Headline {n}",
            published_at=None,
            published_at_raw=None,
            body=(f"Paragraph number {n}.",),
        )
        for n in range(3)
    ]
    source = Source(path="/decoy/capture.txt", sha256="a" * 64, captured_at=NOW)
    snapshot = Snapshot(blog=Blog(title="A blog"), posts=tuple(posts))
    commit_snapshot(snapshot, source, store, folder="blog", now=NOW)
    absent = [fingerprint_key(f"{n:032x}") for n in range(12_000)]
    known_keys = [key for post in posts for key in lookup_keys(post)]
    fingerprints = [post.fingerprint for post in posts] + [f"{n:032x}" for n in range(6_000)]

    view = store.load("blog", absent + known_keys, fingerprints, "b" * 64)
    found = store.candidates("blog", [*absent, *known_keys])

    assert view.version == 1
    assert not view.capture_seen
    assert {known.fingerprint for known in view.known.values()} == {p.fingerprint for p in posts}
    assert found.keys() == view.known.keys()
    assert len(view.earlier) == 3
