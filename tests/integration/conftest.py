"""Real servers: the embedded Valkey, and the machine's Redis where there is one."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from services.embedded import EmbeddedServer
from services.settings import Settings

SYSTEM_REDIS = "redis://127.0.0.1:6379/0"


def system_redis_available() -> bool:
    """Tell whether the machine runs a Redis on the standard port."""
    try:
        return bool(redis.Redis.from_url(SYSTEM_REDIS, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


def require_system_redis() -> None:
    """Skip a test of the machine's Redis where there is none; in CI, fail it instead."""
    if system_redis_available():
        return
    if os.environ.get("CI"):
        pytest.fail("CI provides a Redis at 127.0.0.1:6379, and none answers")
    pytest.skip("no Redis at 127.0.0.1:6379")


@pytest.fixture(scope="session")
def session_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Run one embedded Valkey for the whole session."""
    server = EmbeddedServer(tmp_path_factory.mktemp("valkey-state"))
    url = server.start()
    yield url
    server.stop()


@pytest.fixture(params=["embedded", "system"])
def redis_url(request: pytest.FixtureRequest, session_server: str) -> str:
    """A real server URL: the embedded Valkey, then the machine's Redis if it runs."""
    if request.param == "system":
        require_system_redis()
        return SYSTEM_REDIS
    return session_server


@pytest.fixture
def settings(redis_url: str, tmp_path: Path) -> Iterator[Settings]:
    """Settings isolated to one test: own namespace, own queue, own folders."""
    tag = uuid.uuid4().hex[:10]
    made = Settings(
        redis_url=redis_url,
        namespace=f"test-{tag}",
        queue=f"captures-{tag}",
        state_dir=tmp_path / "state",
        inbox=tmp_path / "inbox",
        settle_seconds=0.2,
    )
    yield made
    client = redis.Redis.from_url(redis_url)
    for pattern in (f"{{{made.namespace}}}:*", f"{made.namespace}:*", f"rq:*{made.queue}*"):
        keys = list(client.scan_iter(match=pattern, count=1000))
        if keys:
            client.delete(*keys)
    client.close()


@pytest.fixture
def client(settings: Settings) -> Iterator[redis.Redis]:
    """A client of the test's server."""
    connection = redis.Redis.from_url(str(settings.redis_url))
    yield connection
    connection.close()
