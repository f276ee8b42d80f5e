"""Projections are rebuilt from the log and come out equal."""

import pytest
import redis

from services.replay import ReplayRefusedError, rebuild
from services.settings import Settings
from tests.conftest import SEEDS
from tests.factories import read_capture
from workers.jobs import run_capture
from workers.store.keys import Keys
from workers.store.redis_store import RedisStore


def dump(client: redis.Redis, keys: Keys) -> dict[bytes, object]:
    """Read every projection of a namespace: its hashes and the layout they are written in."""
    found: dict[bytes, object] = {}
    for key in client.scan_iter(match=keys.namespace_pattern()):
        if keys.is_projection(key.decode()):
            found[key] = client.get(key) if key.decode() == keys.layout else client.hgetall(key)
    return found


def test_rebuild_round_trips(settings: Settings, client: redis.Redis, tmp_path) -> None:
    keys = Keys(settings.namespace)
    store = RedisStore(client, keys, stream_maxlen=0)
    for seed in SEEDS:
        run_capture(read_capture(seed, None), store, max_bytes=settings.max_file_bytes)
        crlf = tmp_path / f"crlf-{seed.name}"
        crlf.write_bytes(seed.read_bytes().replace(b"\n", b"\r\n"))
        run_capture(read_capture(crlf, None), store, max_bytes=settings.max_file_bytes)
    (tmp_path / "empty.txt").write_bytes(b"")
    run_capture(read_capture(tmp_path / "empty.txt", None), store, max_bytes=100)
    before = dump(client, keys)
    assert before
    length = client.xlen(keys.events)
    # Entries another writer added are passed by, not a rebuild stopped half-way.
    client.xadd(keys.events, {"note": "no data"})
    client.xadd(keys.events, {"type": "post.created", "data": "{not an event}"})
    counts = rebuild(store, busy=False)
    assert counts["events"] == length
    assert dump(client, keys) == before
    assert client.xlen(keys.events) == length + 2


def test_rebuild_refuses_a_trimmed_log_or_a_busy_system(
    settings: Settings, client: redis.Redis
) -> None:
    keys = Keys(settings.namespace)
    store = RedisStore(client, keys, stream_maxlen=1)
    run_capture(read_capture(SEEDS[0], None), store, max_bytes=settings.max_file_bytes)
    before = dump(client, keys)
    with pytest.raises(ReplayRefusedError, match="trimmed"):
        rebuild(store, busy=False)
    with pytest.raises(ReplayRefusedError, match="running"):
        rebuild(store, busy=True)
    assert dump(client, keys) == before
