"""The event log's readers on a real server: plain reads and consumer groups."""

import json

import redis

from blogtail import subscribe
from schemas import FileReceived
from services.eventlog import EventFilter, EventLog
from services.settings import Settings
from tests.factories import make_source, received
from workers.store.keys import Keys
from workers.store.redis_store import RedisStore


def append(settings: Settings, client: redis.Redis, count: int) -> list[str]:
    """Commit ``count`` captures of one blog; return their events' ids in log order."""
    store = RedisStore(client, Keys(settings.namespace), stream_maxlen=0)
    events = [
        received("b1", make_source(f"{n:064x}", path=f"/inbox/{n}.txt")) for n in range(count)
    ]
    for version, event in enumerate(events):
        store.commit(blog_id="b1", expected_version=version, receipt=event.event_id, events=[event])
    return [event.event_id for event in events]


def ids(entries) -> list[str]:
    return [entry.data.split('"event_id":"')[1].split('"')[0] for entry in entries]


def test_read_from_start_and_after_the_last(settings: Settings, client: redis.Redis) -> None:
    written = append(settings, client, 5)
    log = EventLog(client, Keys(settings.namespace))
    assert ids(log.read(from_start=True, follow=False)) == written
    assert ids(log.read(from_start=True, follow=False, count=2)) == written[:2]
    last = list(log.read(from_start=True, follow=False))[-1]
    assert log.last_id() == last.stream_id


def test_a_group_redelivers_what_a_consumer_did_not_acknowledge(
    settings: Settings, client: redis.Redis
) -> None:
    written = append(settings, client, 6)
    log = EventLog(client, Keys(settings.namespace))
    first = list(log.read_group("g", "c1", from_start=True, follow=False, count=3))
    assert ids(first) == written[:3]
    log.ack("g", first[0].stream_id)  # c1 dies having acknowledged one of three
    again = list(log.read_group("g", "c1", from_start=True, follow=False))
    assert ids(again) == written[1:]  # its two pending entries first, then the rest
    for entry in again:
        log.ack("g", entry.stream_id)
    assert client.xpending(log.stream, "g")["pending"] == 0
    assert list(log.read_group("g", "c1", from_start=True, follow=False)) == []


def test_consumers_of_one_group_share_the_work(settings: Settings, client: redis.Redis) -> None:
    written = append(settings, client, 4)
    log = EventLog(client, Keys(settings.namespace))
    one = list(log.read_group("g", "c1", from_start=True, follow=False, count=2))
    two = list(log.read_group("g", "c2", from_start=True, follow=False))
    assert ids(one) + ids(two) == written
    other_group = list(log.read_group("h", "c1", from_start=True, follow=False))
    assert ids(other_group) == written  # each group sees every event


def test_a_group_made_while_following_starts_at_new_events(
    settings: Settings, client: redis.Redis
) -> None:
    append(settings, client, 2)
    log = EventLog(client, Keys(settings.namespace))
    log.ensure_group("live", from_start=False)
    assert list(log.read_group("live", "c1", from_start=False, follow=False)) == []
    later = append_more(settings, client)
    assert ids(log.read_group("live", "c1", from_start=False, follow=False)) == [later]


def append_more(settings: Settings, client: redis.Redis) -> str:
    store = RedisStore(client, Keys(settings.namespace), stream_maxlen=0)
    event = received("b2", make_source("f" * 64, path="/inbox/later.txt"))
    store.commit(blog_id="b2", expected_version=0, receipt=event.event_id, events=[event])
    return event.event_id


def test_reading_after_an_id_and_each_line_carries_it(
    settings: Settings, client: redis.Redis
) -> None:
    written = append(settings, client, 4)
    log = EventLog(client, Keys(settings.namespace))
    entries = list(log.read(from_start=True, follow=False))
    assert ids(log.read(from_start=False, follow=False, since=entries[1].stream_id)) == written[2:]
    line = json.loads(entries[0].line())
    assert line["id"] == entries[0].stream_id and line["event_id"] == written[0]
    assert EventFilter(frozenset({"file.received"}), "b1")(entries[0])
    assert not EventFilter(frozenset({"post.created"}))(entries[0])
    assert not EventFilter(blog="b2")(entries[0])


def test_another_consumer_claims_what_a_dead_one_left_and_a_poison_entry_is_set_aside(
    settings: Settings, client: redis.Redis
) -> None:
    written = append(settings, client, 5)
    keys = Keys(settings.namespace)
    log = EventLog(client, keys)
    held = list(log.read_group("g", "dead", from_start=True, follow=False, count=2))
    assert ids(held) == written[:2]  # "dead" dies holding two
    rest = list(log.read_group("g", "alive", from_start=True, follow=False, claim_idle_ms=0))
    assert sorted(ids(rest)) == sorted(written)  # its two claimed, then the three new
    for entry in rest:
        if entry.stream_id != held[0].stream_id:
            log.ack("g", entry.stream_id)
    # The first entry keeps failing: each reader dies before acknowledging it.
    for _ in range(3):
        assert ids(log.read_group("g", "alive", from_start=True, follow=False)) == written[:1]
    assert list(log.read_group("g", "alive", from_start=True, follow=False, max_deliveries=5)) == []
    dead = client.xrange(keys.dead_letters)
    assert len(dead) == 1
    assert dead[0][1][b"id"].decode() == held[0].stream_id
    assert dead[0][1][b"group"] == b"g" and int(dead[0][1][b"deliveries"]) == 5
    assert client.xpending(keys.events, "g")["pending"] == 0


def test_an_entry_a_consumer_keeps_dying_on_is_set_aside_before_it_is_delivered_again(
    settings: Settings, client: redis.Redis
) -> None:
    written = append(settings, client, 2)
    keys = Keys(settings.namespace)
    log = EventLog(client, keys)
    for _ in range(3):  # read, never acknowledged: the reader dies on it each time
        assert ids(log.read_group("g", "c", from_start=True, follow=False, count=1)) == written[:1]
    rest = list(log.read_group("g", "c", from_start=True, follow=False, max_deliveries=3))
    assert ids(rest) == written[1:]  # the poison entry is not delivered a fourth time
    assert client.xlen(keys.dead_letters) == 1


def test_the_python_api_yields_models_and_acknowledges_each_when_the_next_is_asked_for(
    settings: Settings, client: redis.Redis
) -> None:
    written = append(settings, client, 3)
    url, namespace = str(settings.redis_url), settings.namespace
    plain = list(subscribe(url, namespace=namespace, from_start=True, follow=False))
    assert [d.event.event_id for d in plain] == written
    assert isinstance(plain[0].event, FileReceived) and plain[0].id
    assert list(subscribe(url, namespace=namespace, follow=False, types={"post.created"})) == []

    deliveries = subscribe(url, namespace=namespace, group="api", from_start=True, follow=False)
    first = next(deliveries)
    assert client.xpending(Keys(namespace).events, "api")["pending"] >= 1
    rest = list(deliveries)  # asking for the next acknowledged the one before
    assert [d.event.event_id for d in [first, *rest]] == written
    assert client.xpending(Keys(namespace).events, "api")["pending"] == 0


def test_an_entry_another_writer_added_is_passed_by_and_set_aside_for_a_group(
    settings: Settings, client: redis.Redis
) -> None:
    keys = Keys(settings.namespace)
    first = append(settings, client, 1)
    client.xadd(keys.events, {"note": "no data field"})
    client.xadd(keys.events, {"type": "garbage", "data": b"not json \xff"})
    rest = [append_more(settings, client)]
    log = EventLog(client, keys)
    readable = [entry for entry in log.read(from_start=True, follow=False) if entry.is_event]
    assert ids(readable) == first + rest
    url, namespace = str(settings.redis_url), settings.namespace
    plain = list(subscribe(url, namespace=namespace, from_start=True, follow=False))
    assert [d.event.event_id for d in plain] == first + rest
    grouped = subscribe(url, namespace=namespace, group="g", from_start=True, follow=False)
    assert [d.event.event_id for d in grouped] == first + rest
    assert client.xlen(keys.dead_letters) == 2  # where an operator sees them
    assert client.xpending(keys.events, "g")["pending"] == 0
