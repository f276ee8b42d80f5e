"""The capture pipeline with the in-memory store: rejections, blogs, idempotence."""

import codecs
from datetime import UTC, datetime

import pytest
from structlog.testing import capture_logs

from schemas import FileReceived, FileRejected
from tests.conftest import SEEDS
from workers.jobs import run_capture
from workers.parsing import parse_snapshot
from workers.pipeline import (
    Capture,
    CommitStatus,
    captured_at_from_name,
    decode_capture,
    ingest,
    slugify,
)
from workers.store.memory import MemoryStore

NOW = datetime(2026, 1, 1, tzinfo=UTC)
MTIME = datetime(2025, 6, 1, tzinfo=UTC)
LIMIT = 1 << 20


def capture(raw: bytes, path: str = "/inbox/c.txt", folder: str | None = None) -> Capture:
    return Capture(path=path, raw=raw, modified_at=MTIME, folder=folder)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("cnn_2023-07-12T04-51-00Z.txt", datetime(2023, 7, 12, 4, 51, tzinfo=UTC)),
        ("20230712T045100Z-cnn.txt", datetime(2023, 7, 12, 4, 51, tzinfo=UTC)),
        ("2023-07-12T04:51:00Z.txt", datetime(2023, 7, 12, 4, 51, tzinfo=UTC)),
        ("capture.txt", None),
        ("2023-13-45T99-99-99Z.txt", None),
    ],
)
def test_captured_at_from_name(name: str, expected: datetime | None) -> None:
    assert captured_at_from_name(name) == expected


def test_name_timestamp_wins_over_mtime() -> None:
    store = MemoryStore()
    raw = SEEDS[0].read_bytes()
    outcome = ingest(
        capture(raw, "/inbox/x_2023-07-12T04-51-00Z.txt"), store, now=NOW, max_bytes=LIMIT
    )
    assert isinstance(outcome.events[0], FileReceived)
    assert outcome.events[0].source.captured_at == datetime(2023, 7, 12, 4, 51, tzinfo=UTC)
    other = ingest(capture(raw, "/inbox/y.txt"), MemoryStore(), now=NOW, max_bytes=LIMIT)
    assert other.events[0].source.captured_at == MTIME


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (codecs.BOM_UTF8 + b"\n", "empty"),
        (b"\x00\x01binary\x00", "binary"),
        (bytes(range(1, 32)) * 20, "binary"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "undecodable"),
        (b"\x81\x8d\x8f\x90 bytes no Windows code page has", "undecodable"),
        (b"x" * 100, "too_large"),
        (b"Just a line of text, no post in it.\n", "no_posts"),
    ],
)
def test_bad_input_is_rejected_with_a_code_and_a_reason(raw: bytes, code: str) -> None:
    store = MemoryStore()
    outcome = ingest(capture(raw), store, now=NOW, max_bytes=50 if raw == b"x" * 100 else LIMIT)
    (event,) = store.log
    assert isinstance(event, FileRejected)
    assert event.code == code
    assert event.reason and outcome.reason == event.reason


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        lambda text: text.encode("utf-16"),  # with its byte-order mark
        lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        lambda text: text.encode("cp1252"),  # the seed's curly quotes and dashes included
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-be", "windows-1252"],
)
def test_every_encoding_a_scraper_writes_decodes_to_the_same_posts(encode) -> None:
    text = SEEDS[2].read_text(encoding="utf-8")
    decoded = decode_capture(encode(text), LIMIT)
    assert parse_snapshot(decoded).posts == parse_snapshot(text).posts


def test_seeds_create_every_post_once_and_repeat_nothing() -> None:
    store = MemoryStore()
    for seed in SEEDS:
        ingest(capture(seed.read_bytes(), f"/inbox/{seed.name}"), store, now=NOW, max_bytes=LIMIT)
    created = [e for e in store.log if e.type == "post.created"]
    assert len(created) == 72
    assert len({e.post_id for e in created}) == 72
    for seed in SEEDS:
        outcome = ingest(
            capture(seed.read_bytes(), f"/inbox/again-{seed.name}"), store, now=NOW, max_bytes=LIMIT
        )
        assert outcome.status is CommitStatus.APPLIED
        assert [e.type for e in outcome.events] == ["file.received"]
    assert len([e for e in store.log if e.type.startswith("post.")]) == 72


def test_same_file_twice_is_applied_once() -> None:
    store = MemoryStore()
    raw = SEEDS[0].read_bytes()
    first = ingest(capture(raw), store, now=NOW, max_bytes=LIMIT)
    second = ingest(capture(raw), store, now=NOW, max_bytes=LIMIT)
    assert first.status is CommitStatus.APPLIED
    assert second.status is CommitStatus.ALREADY_APPLIED
    assert len(store.log) == len(first.events)


def test_folder_names_the_blog_and_root_files_join_by_overlap() -> None:
    store = MemoryStore()
    raw = SEEDS[0].read_bytes()
    ingest(
        capture(raw, "/inbox/Ukraine Live/a.txt", folder="Ukraine Live"),
        store,
        now=NOW,
        max_bytes=LIMIT,
    )
    outcome = ingest(
        capture(raw.replace(b"\n", b"\r\n"), "/inbox/b.txt"), store, now=NOW, max_bytes=LIMIT
    )
    assert outcome.blog_id == "ukraine-live"
    assert [e.type for e in outcome.events] == ["file.received"]


def test_slugify() -> None:
    assert slugify("Russia's war in Ukraine!", "x") == "russia-s-war-in-ukraine"
    assert slugify("***", "fallback") == "fallback"


def test_a_capture_logs_its_posts_and_outcome() -> None:
    raw = SEEDS[0].read_bytes()
    with capture_logs() as logs:
        run_capture(capture(raw), MemoryStore(), max_bytes=LIMIT)
    names = [entry["event"] for entry in logs]
    assert names == ["post.created"] * 7 + ["file.processed"]
    assert logs[-1]["status"] == "applied"
    assert logs[-1]["events"] == 8


def test_a_rejected_capture_logs_its_reason() -> None:
    with capture_logs() as logs:
        run_capture(capture(b""), MemoryStore(), max_bytes=LIMIT)
    assert [(e["event"], e["reason"]) for e in logs] == [("file.rejected", "empty file")]


def test_a_blog_keeps_the_zone_its_first_capture_guessed() -> None:
    # An unknown outlet's bare clocks: read in UTC where the capture follows the newest post,
    # but a capture the next afternoon would fit them to a zone seven hours ahead.
    page = "Floods live\n\n" + "".join(
        f"{clock}\n{headline}\n\nWhat happened there, as our reporter saw it tonight.\n\n"
        for clock, headline in (("22:00", "River peaks"), ("21:30", "Bridge closed"))
    )
    store = MemoryStore()
    first = ingest(
        capture(page.encode(), "/inbox/floods/2025-06-01T22-10-00Z.txt", "floods"),
        store,
        now=NOW,
        max_bytes=LIMIT,
    )
    later = page + "\n"  # a re-save, captured the next afternoon
    second = ingest(
        capture(later.encode(), "/inbox/floods/2025-06-02T15-00-00Z.txt", "floods"),
        store,
        now=NOW,
        max_bytes=LIMIT,
    )
    assert [e.type for e in first.events].count("post.created") == 2
    assert second.post_events == ()
    zones = [e.zone for e in (*first.events, *second.events) if isinstance(e, FileReceived)]
    assert zones == ["UTC", "UTC"]
