"""The store contract on real servers: the embedded Valkey and the machine's Redis."""

import pytest
import redis

from services.settings import Settings
from services.store import Keys, RedisStore
from tests.store_contract import RedisStoreContract


class TestRealRedisStore(RedisStoreContract):
    @pytest.fixture
    def store(self, client: redis.Redis, settings: Settings) -> RedisStore:
        return RedisStore(client, Keys(settings.namespace))
