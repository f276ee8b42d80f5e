"""blogtail for consumers: one import to follow the event log as pydantic models.

from blogtail import subscribe

for delivery in subscribe(group="indexer", types={"post.created", "post.updated"}):
    print(delivery.id, delivery.event.type, delivery.event.post.headline)
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import redis

from schemas import EVENT_MODELS, EVENT_TYPES, Event, event_types
from services.embedded import resolve_redis_url
from services.eventlog import (
    CLAIM_IDLE_MS,
    MAX_DELIVERIES,
    EventFilter,
    EventLog,
    event_of,
)
from workers.store.keys import Keys

__all__ = ["EVENT_MODELS", "EVENT_TYPES", "Delivery", "Event", "subscribe"]


@dataclass(frozen=True)
class Delivery:
    """One event as delivered: its stream id (the resume point) and the event."""

    id: str
    event: Event


def subscribe(
    redis_url: str | None = None,
    *,
    group: str | None = None,
    consumer: str = "python",
    from_start: bool = False,
    since: str | None = None,
    types: Iterable[str] = (),
    blog: str | None = None,
    follow: bool = True,
    namespace: str = "blogtail",
    state_dir: Path = Path(".blogtail"),
    claim_idle: float = CLAIM_IDLE_MS / 1000,
    max_deliveries: int = MAX_DELIVERIES,
) -> Iterator[Delivery]:
    """Yield events as they are logged, through a consumer group if one is named.

    Without a URL it uses the server `blogtail up` recorded in ``state_dir``. It rides out
    server restarts. Through a group, an event is acknowledged when the next one is asked
    for, so one whose handling raised or was cut off comes again (at least once: drop
    repeats by ``event.event_id``); others' entries idle ``claim_idle`` seconds are
    claimed, and one delivered ``max_deliveries`` times is set aside as a dead letter.
    """
    wanted_types = event_types(types)
    client = redis.Redis.from_url(resolve_redis_url(redis_url, state_dir))
    log = EventLog(client, Keys(namespace))
    wanted = EventFilter(wanted_types, blog)
    if group is None:
        for entry in log.read(from_start=from_start, follow=follow, since=since):
            if wanted(entry) and (event := event_of(entry)) is not None:
                yield Delivery(entry.stream_id, event)
        return
    entries = log.read_group(
        group,
        consumer,
        from_start=from_start,
        follow=follow,
        claim_idle_ms=int(claim_idle * 1000),
        max_deliveries=max_deliveries,
    )
    for entry in entries:
        if not wanted(entry):
            log.ack(group, entry.stream_id)
            continue
        event = event_of(entry)
        if event is None:  # another writer's: set aside where an operator sees it
            log.set_aside(group, entry.stream_id)
            continue
        yield Delivery(entry.stream_id, event)
        log.ack(group, entry.stream_id)  # reached only when the consumer asks for the next
