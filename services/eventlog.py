"""Read the event log: a Redis Stream of JSON events, optionally through a consumer group."""

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

import redis
import structlog
from redis.typing import StreamIdT

from schemas import EVENT_TYPES, Event, parse_event
from workers.store import replies
from workers.store.keys import Keys

BATCH = 500
CLAIM_IDLE_MS = 60_000
MAX_DELIVERIES = 5
RECONNECTABLE = (redis.ConnectionError, redis.TimeoutError)

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class LogEntry:
    """One event as stored: its stream id and its JSON."""

    stream_id: str
    data: str
    type: str = ""

    def line(self) -> str:
        """Return the event's JSON with its stream id first, as one line."""
        return f'{{"id": "{self.stream_id}", {self.data[1:]}' if self.data != "{}" else self.data

    @cached_property
    def payload(self) -> dict[str, object] | None:
        """Return the entry's data as a JSON object of its own event type; None otherwise."""
        if self.type not in EVENT_TYPES:
            return None
        try:
            data = json.loads(self.data)
        except ValueError:
            return None
        return data if isinstance(data, dict) and data.get("type") == self.type else None

    @property
    def is_event(self) -> bool:
        """Tell whether the entry may be a blogtail event: a JSON object of an event's type."""
        return self.payload is not None


def _entry(entry_id: str, fields: dict[bytes, bytes]) -> LogEntry:
    # Read whatever another writer left (fields missing, bytes not UTF-8): the readers skip
    # an entry that is no event, where a KeyError stopped them at it.
    data, kind = fields.get(b"data", b""), fields.get(b"type", b"")
    return LogEntry(entry_id, data.decode(errors="replace"), kind.decode(errors="replace"))


def skip_foreign(entry: LogEntry) -> bool:
    """Tell whether to pass an entry by, saying so when it is no blogtail event."""
    if entry.is_event:
        return False
    log.warning("events.foreign_entry", id=entry.stream_id, type=entry.type[:80])
    return True


def event_of(entry: LogEntry) -> Event | None:
    """Read an entry's event; None, saying so, for an entry that is none (another writer's)."""
    # One parse: the event model checks what is_event would have, and the type beside it.
    if entry.type in EVENT_TYPES:
        try:
            event = parse_event(entry.data)
        except ValueError:
            pass
        else:
            if event.type == entry.type:
                return event
    log.warning("events.foreign_entry", id=entry.stream_id, type=entry.type[:80])
    return None


@dataclass(frozen=True)
class EventFilter:
    """Which events a reader wants: some types, one blog; empty means every one."""

    types: frozenset[str] = frozenset()
    blog: str | None = None

    def __call__(self, entry: LogEntry) -> bool:
        """Tell whether an entry is one the reader wants."""
        if self.types and entry.type not in self.types:
            return False
        return self.blog is None or (
            entry.payload is not None and entry.payload.get("blog_id") == self.blog
        )


class EventLog:
    """The stream of record and its readers."""

    def __init__(self, client: redis.Redis, keys: Keys) -> None:
        self.client = client
        self.stream = keys.events
        self.dead_letters = keys.dead_letters

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
        since: str | None = None,
    ) -> Iterator[LogEntry]:
        """Yield events after ``since`` (or all, or from now): then, following, each new one."""
        last = since or ("0-0" if from_start or not follow else self.last_id())
        yielded = 0
        while count is None or yielded < count:
            want = BATCH if count is None else min(BATCH, count - yielded)
            if follow:
                try:
                    reply = self.client.xread({self.stream: last}, count=want, block=block_ms)
                except RECONNECTABLE as error:
                    self._wait_for_server(error)
                    continue
                batch = [_entry(i, f) for i, f in replies.read_entries(reply)]
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
        claim_idle_ms: int = CLAIM_IDLE_MS,
        max_deliveries: int = MAX_DELIVERIES,
        clock: Callable[[], float] = time.monotonic,
    ) -> Iterator[LogEntry]:
        """Yield events through a consumer group: first this consumer's unacknowledged ones.

        Entries another consumer of the group left unacknowledged for ``claim_idle_ms`` are
        claimed; an entry delivered ``max_deliveries`` times goes to the dead-letter stream.
        """
        self.ensure_group(group, from_start=from_start or not follow)
        # An entry this consumer died on too often goes aside before it is delivered again.
        self._reclaim(group, consumer, claim_idle_ms, max_deliveries, claim=False)
        yielded = 0
        # This consumer's pending entries first (redelivery after a crash), walking past
        # each one delivered, whether or not it is acknowledged meanwhile; then new ones.
        cursor = "0"
        claimed: list[LogEntry] = []
        next_claim = clock()
        while count is None or yielded < count:
            want = BATCH if count is None else min(BATCH, count - yielded)
            reading = cursor
            try:
                if cursor == ">" and clock() >= next_claim:  # after this consumer's own
                    claimed += self._reclaim(group, consumer, claim_idle_ms, max_deliveries)
                    next_claim = clock() + claim_idle_ms / 2000
                if claimed:
                    batch, claimed = claimed[:want], claimed[want:]
                else:
                    block = block_ms if follow else None
                    batch, cursor = self._read_own(group, consumer, cursor, want, block)
            except RECONNECTABLE as error:
                if not follow:
                    raise
                self._wait_for_server(error)
                cursor = "0"  # after a reconnect, what this consumer holds comes first again
                continue
            if not batch and reading == ">" and not follow and not claimed:
                return
            for entry in batch:
                yielded += 1
                yield entry

    def _read_own(
        self, group: str, consumer: str, cursor: str, want: int, block: int | None
    ) -> tuple[list[LogEntry], str]:
        """Read this consumer's pending entries after ``cursor``, or new ones (``>``)."""
        reply = self.client.xreadgroup(
            group,
            consumer,
            {self.stream: cursor},
            count=want,
            block=block if cursor == ">" else None,
        )
        raw = replies.read_entries(reply)
        for entry_id, fields in raw:
            if not fields:  # trimmed away while pending: nothing left to deliver
                self.ack(group, entry_id)
        if cursor != ">":
            cursor = raw[-1][0] if raw else ">"
        return [_entry(i, f) for i, f in raw if f], cursor

    def _reclaim(
        self, group: str, consumer: str, idle_ms: int, max_deliveries: int, *, claim: bool = True
    ) -> list[LogEntry]:
        """Set aside entries delivered too often; claim others' entries idle too long."""
        pending = replies.pending(self.client.xpending_range(self.stream, group, "-", "+", BATCH))
        stale: list[StreamIdT] = []
        for stream_id, holder, idle, deliveries in pending:
            if deliveries >= max_deliveries:
                self._set_aside(group, stream_id, deliveries)
            elif claim and holder != consumer and idle >= idle_ms:
                stale.append(stream_id)
        if not stale:
            return []
        taken = replies.entries(self.client.xclaim(self.stream, group, consumer, idle_ms, stale))
        if taken:
            log.info("events.claimed", group=group, consumer=consumer, entries=len(taken))
        return [_entry(i, f) for i, f in taken if f]

    def set_aside(self, group: str, stream_id: str) -> None:
        """Move an entry no reader of the group can use (no event) to the dead-letter stream."""
        self._set_aside(group, stream_id, 0)

    def _set_aside(self, group: str, stream_id: str, deliveries: int) -> None:
        """Move one entry a group could not get through to the dead-letter stream."""
        found = replies.entries(self.client.xrange(self.stream, stream_id, stream_id))
        fields = found[0][1] if found else {}
        with self.client.pipeline() as pipe:
            pipe.xadd(
                self.dead_letters,
                {
                    "id": stream_id,
                    "group": group,
                    "deliveries": deliveries,
                    "type": fields.get(b"type", b""),
                    "data": fields.get(b"data", b""),
                },
            )
            pipe.xack(self.stream, group, stream_id)
            pipe.execute()
        log.warning("events.dead_lettered", group=group, id=stream_id, deliveries=deliveries)

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
        return [_entry(entry_id, fields) for entry_id, fields in entries]

    def last_id(self) -> str:
        """Return the id of the newest event, so following starts after it."""
        newest = replies.entries(self.client.xrevrange(self.stream, count=1))
        return newest[0][0] if newest else "0-0"
