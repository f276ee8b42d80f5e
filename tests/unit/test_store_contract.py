"""The store contract on the in-memory adapter and on fakeredis."""

from collections.abc import Iterator

import fakeredis
import pytest

from schemas import Event, parse_event
from services.store import Keys, RedisStore
from tests.store_contract import StoreContract
from workers.memory import MemoryStore


class TestMemoryStore(StoreContract):
    @pytest.fixture
    def store(self) -> MemoryStore:
        return MemoryStore()

    @pytest.fixture
    def logged(self, store: MemoryStore):
        return lambda: list(store.log)


class TestFakeRedisStore(StoreContract):
    @pytest.fixture
    def store(self) -> Iterator[RedisStore]:
        yield RedisStore(fakeredis.FakeRedis(), Keys("unit"))

    @pytest.fixture
    def logged(self, store: RedisStore):
        def read() -> list[Event]:
            entries = store.client.xrange(store.keys.events)
            return [parse_event(fields[b"data"]) for _, fields in entries]

        return read
