"""The committed JSON Schema of the events, and every event the system emits against it."""

import json
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest

from schemas import EVENT_TYPES, FileRetried, event_schemas, parse_event
from tests.conftest import SEEDS
from tests.factories import make_source, read_capture
from workers.pipeline import ingest
from workers.simulate import simulate, write_simulation
from workers.store.memory import MemoryStore

COMMITTED = Path(__file__).resolve().parents[2] / "schemas" / "json"


def test_the_committed_schemas_are_what_the_models_give() -> None:
    written = {path.name.removesuffix(".schema.json") for path in COMMITTED.glob("*.json")}
    assert written == {*EVENT_TYPES, "event"}
    for name, schema in event_schemas().items():
        committed = json.loads((COMMITTED / f"{name}.schema.json").read_text())
        assert committed == schema, f"run `blogtail schema`: {name} changed"


@pytest.mark.parametrize("new_blog", [False, True])
def test_every_event_of_the_simulated_sequences_validates(tmp_path: Path, new_blog: bool) -> None:
    store = MemoryStore()
    for n, seed in enumerate(SEEDS):
        simulation = simulate(seed.read_text(encoding="utf-8"), snapshots=8, new_blog=new_blog)
        folder = tmp_path / f"blog-{n}"
        write_simulation(simulation, folder)
        for capture in simulation.captures:
            ingest(
                read_capture(folder / capture.name, f"blog-{n}"), store, now=T0, max_bytes=1 << 24
            )
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00 not a capture")
    ingest(read_capture(tmp_path / "bad.txt"), store, now=T0, max_bytes=1 << 24)
    retried = FileRetried(event_id="r-1", occurred_at=T0, source=make_source())
    events = [*store.log, retried]
    validators = {
        name: jsonschema.Draft202012Validator(schema) for name, schema in event_schemas().items()
    }
    assert {event.type for event in events} == EVENT_TYPES
    for event in events:
        logged = json.loads(event.model_dump_json())
        validators[event.type].validate(logged)
        validators["event"].validate(logged)
        line = {"id": "1700000000000-0", **logged}  # as `blogtail events` prints it
        validators["event"].validate(line)
        read = parse_event(json.dumps(line))
        assert read.id == line["id"] and read.model_dump() == event.model_dump()


T0 = datetime(2024, 1, 1, tzinfo=UTC)
