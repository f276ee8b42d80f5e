"""The store contract on real servers: the embedded Valkey and the machine's Redis."""

import pytest

from schemas import Event, parse_event
from services.store import Keys, RedisStore
from tests.store_contract import StoreContract


class TestRealRedisStore(StoreContract):
    @pytest.fixture
    def store(self, client, settings) -> RedisStore:
        return RedisStore(client, Keys(settings.namespace))

    @pytest.fixture
    def logged(self, store: RedisStore):
        def read() -> list[Event]:
            entries = store.client.xrange(store.keys.events)
            return [parse_event(fields[b"data"]) for _, fields in entries]

        return read
