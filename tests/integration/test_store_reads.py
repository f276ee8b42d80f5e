"""The store's one-round-trip read on a real server, at sizes Lua cannot unpack at once."""

import json
from datetime import UTC, datetime

import pytest
import redis

from schemas import Blog, Post, Snapshot, Source
from services.settings import Settings
from workers.identity import fingerprint_key, lookup_keys, make_post
from workers.pipeline import commit_snapshot
from workers.projection import INDEX
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


def test_posts_sharing_index_keys_are_each_indexed_once(
    settings: Settings, client: redis.Redis
) -> None:
    # Posts with the same body share their MinHash band keys: one commit adds hundreds of
    # members to each of those fields, a later commit more (and some already there).
    store = RedisStore(client, Keys(settings.namespace), stream_maxlen=0)

    def posts(numbers: range) -> tuple:
        return tuple(
            make_post(
                headline=f"Update {n}",
                published_at=None,
                published_at_raw=None,
                body=("The same paragraph under every update of a busy page.",),
            )
            for n in numbers
        )

    first, second = posts(range(600)), posts(range(500, 900))
    for n, batch in enumerate((first, second)):
        source = Source(path=f"/decoy/capture-{n}.txt", sha256=f"{n}" * 64, captured_at=NOW)
        snapshot = Snapshot(blog=Blog(title="A blog"), posts=batch)
        commit_snapshot(snapshot, source, store, folder="blog", now=NOW)

    shared = set(lookup_keys(first[0])) & set(lookup_keys(first[1]))
    assert shared, "posts with one body share index keys"
    found = store.candidates("blog", sorted(shared))
    # A post stays indexed under the keys of each of its revisions.
    indexed = {
        event["post_id"]
        for _, entry in client.xrange(store.keys.events)
        if (event := json.loads(entry[b"data"])).get("post")
        and shared & set(lookup_keys(Post.model_validate(event["post"])))
    }
    assert found.keys() == indexed
    shards = client.keys(f"{store.keys.table(INDEX + 'blog')}:*")
    for shard in shards:
        for members in client.hvals(shard):
            refs = [members[at : at + 10] for at in range(0, len(members), 10)]
            assert len(refs) == len(set(refs))
