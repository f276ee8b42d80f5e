"""The store contract on real servers: the embedded Valkey and the machine's Redis."""

import pytest
import redis

from services.settings import Settings
from tests.store_contract import RedisStoreContract
from workers.store.keys import Keys
from workers.store.redis_store import RedisStore


class TestRealRedisStore(RedisStoreContract):
    @pytest.fixture
    def store(self, client: redis.Redis, settings: Settings) -> RedisStore:
        return RedisStore(client, Keys(settings.namespace), stream_maxlen=0)
