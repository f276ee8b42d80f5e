"""The store contract on the in-memory adapter and on fakeredis."""

import fakeredis
import pytest

from tests.store_contract import Logged, RedisStoreContract, StoreContract
from workers.store.keys import Keys
from workers.store.memory import MemoryStore
from workers.store.redis_store import RedisStore


class TestMemoryStore(StoreContract):
    @pytest.fixture
    def store(self) -> MemoryStore:
        return MemoryStore()

    @pytest.fixture
    def logged(self, store: MemoryStore) -> Logged:
        return lambda: list(store.log)


class TestFakeRedisStore(RedisStoreContract):
    @pytest.fixture
    def store(self) -> RedisStore:
        return RedisStore(fakeredis.FakeRedis(), Keys("unit"), stream_maxlen=0)
