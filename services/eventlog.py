"""Read the event log: a Redis Stream of JSON events, optionally through a consumer group."""

import time
from collections.abc import Iterator
from dataclasses import dataclass

import redis
import structlog

from workers.store import replies
from workers.store.keys import Keys

BATCH = 500
RECONNECTABLE = (redis.ConnectionError, redis.TimeoutError)

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class LogEntry:
    """One event as stored: its stream id and its JSON."""

    stream_id: str
    data: str


class EventLog:
    """The stream of record and its readers."""

    def __init__(self, client: redis.Redis, keys: Keys) -> None:
        self.client = client
        self.stream = keys.events

    def trimmed(self) -> bool:
        """Tell whether events were ever trimmed away (MAXLEN), so the log is no longer whole."""
        if not self.client.exists(self.stream):
            return False
        info = self.client.xinfo_stream(self.stream)
        return int(info.get("entries-added", info["length"])) != int(info["length"])

    def read(
        self,
        *,
        from_start: bool,
        follow: bool,
        count: int | None = None,
        block_ms: int = 1000,
        until: str = "+",
    ) -> Iterator[LogEntry]:
        """Yield events: all that are there, then (following) each new one as it comes."""
        last = "0-0" if from_start or not follow else self.last_id()
        yielded = 0
        while count is None or yielded < count:
            want = BATCH if count is None else min(BATCH, count - yielded)
            if follow:
                try:
                    reply = self.client.xread({self.stream: last}, count=want, block=block_ms)
                except RECONNECTABLE as error:
                    self._wait_for_server(error)
                    continue
                batch = [LogEntry(i, f[b"data"].decode()) for i, f in replies.read_entries(reply)]
            else:
                batch = self.after(last, want, until=until)
                if not batch:
                    return
            for entry in batch:
                last = entry.stream_id
                yielded += 1
                yield entry

    def read_group(
        self,
        group: str,
        consumer: str,
        *,
        from_start: bool,
        follow: bool,
        count: int | None = None,
        block_ms: int = 1000,
    ) -> Iterator[LogEntry]:
        """Yield events through a consumer group: first this consumer's unacknowledged ones."""
        self.ensure_group(group, from_start=from_start or not follow)
        yielded = 0
        # This consumer's pending entries first (redelivery after a crash), walking past
        # each one delivered, whether or not it is acknowledged meanwhile; then new ones.
        cursor = "0"
        while count is None or yielded < count:
            want = BATCH if count is None else min(BATCH, count - yielded)
            try:
                reply = self.client.xreadgroup(
                    group,
                    consumer,
                    {self.stream: cursor},
                    count=want,
                    block=block_ms if follow and cursor == ">" else None,
                )
            except RECONNECTABLE as error:
                if not follow:
                    raise
                self._wait_for_server(error)
                cursor = "0"  # after a reconnect, what this consumer holds comes first again
                continue
            entries = replies.read_entries(reply)
            if not entries:
                if cursor != ">":
                    cursor = ">"
                    continue
                if not follow:
                    return
                continue
            if cursor != ">":
                cursor = entries[-1][0]
            for entry_id, fields in entries:
                if not fields:  # trimmed away while pending: nothing left to deliver
                    self.ack(group, entry_id)
                    continue
                yielded += 1
                yield LogEntry(entry_id, fields[b"data"].decode())

    def _wait_for_server(self, error: redis.RedisError) -> None:
        """Wait out a server restart or outage: one line when it starts, retries until back."""
        log.warning("events.reconnecting", error=str(error))
        delay = 0.1
        while True:
            time.sleep(delay)
            try:
                self.client.ping()
            except RECONNECTABLE:
                delay = min(2.0, delay * 2)
                continue
            log.info("events.reconnected")
            return

    def ack(self, group: str, stream_id: str) -> None:
        """Acknowledge one event for a group; unacknowledged in an outage, it comes again."""
        try:
            self.client.xack(self.stream, group, stream_id)
        except RECONNECTABLE as error:
            log.warning("events.ack_failed", stream_id=stream_id, error=str(error))

    def ensure_group(self, group: str, *, from_start: bool) -> None:
        """Create a consumer group unless it exists."""
        try:
            self.client.xgroup_create(
                self.stream, group, id="0" if from_start else "$", mkstream=True
            )
        except redis.ResponseError as error:
            if "BUSYGROUP" not in str(error):
                raise

    def after(self, stream_id: str, count: int, until: str = "+") -> list[LogEntry]:
        """Return up to ``count`` events after ``stream_id`` (up to ``until``), without waiting."""
        entries = replies.entries(
            self.client.xrange(self.stream, f"({stream_id}", until, count=count)
        )
        return [LogEntry(entry_id, fields[b"data"].decode()) for entry_id, fields in entries]

    def last_id(self) -> str:
        """Return the id of the newest event, so following starts after it."""
        newest = replies.entries(self.client.xrevrange(self.stream, count=1))
        return newest[0][0] if newest else "0-0"
