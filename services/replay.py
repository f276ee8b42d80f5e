"""Rebuild every projection from the event log, the only record of truth."""

from collections.abc import Callable

import redis
import structlog

from services.eventlog import EventLog, event_of
from workers.projection import Mutation, mutations
from workers.store.keys import Keys
from workers.store.redis_store import RedisStore

log = structlog.get_logger(__name__)

BATCH = 2000


def drop_projections(client: redis.Redis, keys: Keys) -> int:
    """Delete every projection key of the namespace, keeping the log."""
    doomed = [
        k
        for k in client.scan_iter(match=keys.namespace_pattern(), count=1000)
        if keys.is_projection(k.decode())
    ]
    for start in range(0, len(doomed), 500):
        client.delete(*doomed[start : start + 500])
    return len(doomed)


class ReplayRefusedError(RuntimeError):
    """Rebuilding now would lose or double state."""


def rebuild(
    store: RedisStore, *, busy: bool, on_event: Callable[[], object] = lambda: None
) -> dict[str, int]:
    """Drop the projections and apply every event's projection again, in log order."""
    client, keys = store.client, store.keys
    event_log = EventLog(client, keys)
    if busy:
        # A job committing while the state is half rebuilt would create known posts again.
        raise ReplayRefusedError("workers or watchers are running: stop `blogtail up` first")
    if event_log.trimmed():
        raise ReplayRefusedError("the log was trimmed (stream_maxlen): it no longer holds it all")
    until = event_log.last_id()
    dropped = drop_projections(client, keys)
    changes: list[Mutation] = []
    events = 0
    for entry in event_log.read(from_start=True, follow=False, until=until):
        event = event_of(entry)  # None for another writer's entry: passed by, not a stop
        if event is None:  # half-way, with the projections dropped
            continue
        changes += mutations(event)
        events += 1
        on_event()
        if len(changes) >= BATCH:
            store.apply(changes)
            changes = []
    store.apply(changes)
    log.info("replay.rebuilt", events=events, dropped_keys=dropped)
    return {"events": events, "dropped_keys": dropped}
