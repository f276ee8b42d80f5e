"""Rebuild every projection from the event log, the only record of truth."""

import redis
import structlog

from schemas import parse_event
from services.eventlog import EventLog
from services.store import Keys, RedisStore
from workers.projection import Mutation, mutations

log = structlog.get_logger(__name__)

BATCH = 2000


def drop_projections(client: redis.Redis, keys: Keys) -> int:
    """Delete every projection key of the namespace, keeping the log."""
    doomed = [
        k
        for k in client.scan_iter(match=keys.projection_pattern(), count=1000)
        if k.decode() != keys.events
    ]
    for start in range(0, len(doomed), 500):
        client.delete(*doomed[start : start + 500])
    return len(doomed)


def rebuild(client: redis.Redis, keys: Keys) -> dict[str, int]:
    """Drop the projections and apply every event's projection again, in log order."""
    dropped = drop_projections(client, keys)
    store = RedisStore(client, keys)
    changes: list[Mutation] = []
    events = 0
    for entry in EventLog(client, keys).read(from_start=True, follow=False):
        changes += mutations(parse_event(entry.data))
        events += 1
        if len(changes) >= BATCH:
            store.apply(changes)
            changes = []
    store.apply(changes)
    log.info("replay.rebuilt", events=events, dropped_keys=dropped)
    return {"events": events, "dropped_keys": dropped}
