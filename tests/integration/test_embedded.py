"""The embedded server: only its owner's commands get in."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import redis

from services.embedded import PASSWORD_FILE, SERVER_FILE, EmbeddedServer, redact


@pytest.fixture
def server(tmp_path: Path):
    embedded = EmbeddedServer(tmp_path / "state")
    url = embedded.start()
    yield embedded, url
    embedded.stop()


def test_without_the_password_a_local_user_can_only_ping(server) -> None:
    _, url = server
    parts = urlsplit(url)
    stranger = redis.Redis(host=parts.hostname, port=parts.port)
    try:
        assert stranger.ping()
        with pytest.raises(redis.exceptions.NoPermissionError):
            stranger.rpush("rq:queue:captures", "anything")
        with pytest.raises(redis.exceptions.NoPermissionError):
            stranger.get("{blogtail}:events")
    finally:
        stranger.close()
    owner = redis.Redis.from_url(url)
    assert owner.set("key", "value")
    owner.close()


def test_the_password_is_kept_for_the_owner_and_never_logged(server, tmp_path: Path) -> None:
    embedded, url = server
    password = (embedded.state_dir / PASSWORD_FILE).read_text().strip()
    assert password in url
    for name in (PASSWORD_FILE, SERVER_FILE, "valkey/users.acl"):
        assert (embedded.state_dir / name).stat().st_mode & 0o077 == 0, name
    assert password not in redact(url)
    assert password not in (embedded.state_dir / "valkey" / "valkey.conf").read_text()


def test_the_password_survives_a_restart(tmp_path: Path) -> None:
    first = EmbeddedServer(tmp_path / "state")
    url = first.start()
    redis.Redis.from_url(url).set("kept", "yes")
    first.stop()
    second = EmbeddedServer(tmp_path / "state")
    again = second.start()
    try:
        assert urlsplit(again).password == urlsplit(url).password
        assert redis.Redis.from_url(again).get("kept") == b"yes"
    finally:
        second.stop()
