"""The store contract on the in-memory adapter and on fakeredis."""

import fakeredis
import pytest

from services.store import Keys, RedisStore
from tests.store_contract import Logged, RedisStoreContract, StoreContract
from workers.memory import MemoryStore


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
        return RedisStore(fakeredis.FakeRedis(), Keys("unit"))
