"""The inbox watcher on a real folder: what it publishes, and when."""

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from structlog.testing import capture_logs
from watchdog.events import DirCreatedEvent, FileCreatedEvent, FileModifiedEvent

from services.watcher import InboxWatcher, capture_files, is_capture_name
from tests.conftest import ManualClock, wait_for


class Recorder:
    """Collect published paths, thread-safely."""

    def __init__(self) -> None:
        self.paths: list[Path] = []
        self.lock = threading.Lock()

    def __call__(self, path: Path) -> None:
        with self.lock:
            self.paths.append(path)

    def names(self) -> list[str]:
        with self.lock:
            return [p.name for p in self.paths]


@pytest.fixture
def watched(inbox: Path) -> Iterator[tuple[InboxWatcher, Recorder]]:
    recorder = Recorder()
    watcher = InboxWatcher(inbox, recorder, settle_seconds=0.2, close_quiet_seconds=0.05)
    watcher.start()
    yield watcher, recorder
    watcher.stop()


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("a.txt", True),
        ("capture", True),
        (".a.txt", False),
        ("a.part", False),
        ("a.tmp", False),
        ("~a.txt", False),
        ("a.swp", False),
    ],
)
def test_capture_names(name: str, ok: bool) -> None:
    assert is_capture_name(Path(name)) is ok


def test_backlog_is_published_on_start(inbox: Path) -> None:
    (inbox / "b.txt").write_text("b")
    (inbox / "blog-one").mkdir()
    (inbox / "blog-one" / "a.txt").write_text("a")
    (inbox / ".hidden.txt").write_text("x")
    recorder = Recorder()
    watcher = InboxWatcher(inbox, recorder, settle_seconds=0.2, close_quiet_seconds=0.05)
    with capture_logs() as logs:
        watcher.start()
        watcher.stop()
    assert sorted(recorder.names()) == ["a.txt", "b.txt"]
    started = [e for e in logs if e["event"] == "watcher.backlog_published"]
    assert [e["files"] for e in started] == [2]
    published = sorted(Path(e["path"]).name for e in logs if e["event"] == "file.published")
    assert published == ["a.txt", "b.txt"]


def test_the_backlog_goes_to_its_own_publisher_in_one_call_and_again_after_a_failure(
    inbox: Path,
) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (inbox / name).write_text(name)
    live, calls = Recorder(), []

    def backlog(paths: list[Path]) -> None:
        calls.append(sorted(p.name for p in paths))
        if len(calls) == 1:
            raise ConnectionError("server away")

    clock = ManualClock()
    watcher = InboxWatcher(
        inbox, live, publish_backlog=backlog, settle_seconds=0.2, close_quiet_seconds=0.05,
        clock=clock,
    )  # fmt: skip
    watcher.start()
    try:
        assert calls == [["a.txt", "b.txt", "c.txt"]] and live.names() == []
        clock.now += 1
        watcher.publish_settled()  # after an outage each comes back through the live path
        assert sorted(live.names()) == ["a.txt", "b.txt", "c.txt"]
    finally:
        watcher.stop()


def test_closed_file_is_published_once_after_a_quiet_moment(watched, inbox: Path) -> None:
    watcher, recorder = watched
    (inbox / "one.txt").write_text("hello")
    wait_for(
        lambda: watcher.publish_settled() or recorder.names() == ["one.txt"], message="one.txt"
    )


def test_atomic_rename_publishes_the_final_name(watched, inbox: Path) -> None:
    _, recorder = watched
    partial = inbox / "two.txt.part"
    partial.write_text("content")
    partial.rename(inbox / "two.txt")
    wait_for(lambda: "two.txt" in recorder.names(), message="two.txt")
    assert recorder.names() == ["two.txt"]


def test_slow_writer_is_published_after_it_closes(watched, inbox: Path) -> None:
    watcher, recorder = watched
    with (inbox / "slow.txt").open("w") as handle:
        handle.write("first half ")
        handle.flush()
        wait_for(lambda: watcher.pending == 1, message="file to be pending")
        assert recorder.names() == []
        handle.write("second half")
    wait_for(
        lambda: watcher.publish_settled() or recorder.names() == ["slow.txt"], message="slow.txt"
    )


def test_without_open_and_close_events_a_quiet_file_settles(inbox: Path) -> None:
    # Some file systems report writes but no opens or closes: quiet time decides there.
    clock, recorder = ManualClock(), Recorder()
    watcher = InboxWatcher(
        inbox, recorder, settle_seconds=5.0, close_quiet_seconds=1.0, clock=clock
    )
    path = inbox / "mounted.txt"
    path.write_text("written over a network share")
    watcher.on_any_event(FileCreatedEvent(str(path)))
    watcher.on_any_event(FileModifiedEvent(str(path)))
    clock.now += 4.9
    watcher.publish_settled()
    assert recorder.names() == []  # not quiet long enough yet
    watcher.on_any_event(FileModifiedEvent(str(path)))
    clock.now += 4.9
    watcher.publish_settled()
    assert recorder.names() == []  # written again meanwhile
    clock.now += 0.2
    watcher.publish_settled()
    assert recorder.names() == ["mounted.txt"]


def test_files_in_subfolders_and_moved_folders(watched, inbox: Path, tmp_path: Path) -> None:
    watcher, recorder = watched
    outside = tmp_path / "blog-two"
    outside.mkdir()
    (outside / "c.txt").write_text("c")
    outside.rename(inbox / "blog-two")
    wait_for(lambda: watcher.publish_settled() or "c.txt" in recorder.names(), message="c.txt")


def test_a_file_in_a_folder_just_made_waits_for_quiet(inbox: Path) -> None:
    # mkdir, then write: the file's open came before the folder was watched, so the
    # folder's own event must not take a file that may be half written.
    clock, recorder = ManualClock(), Recorder()
    watcher = InboxWatcher(
        inbox, recorder, settle_seconds=1.0, close_quiet_seconds=0.5, clock=clock
    )
    (inbox / "blog-new").mkdir()
    (inbox / "blog-new" / "capture.txt").write_bytes(b"")  # the writer has only begun
    watcher.on_any_event(DirCreatedEvent(str(inbox / "blog-new")))
    watcher.publish_settled()
    assert recorder.names() == []
    clock.now += 1.1
    watcher.publish_settled()
    assert recorder.names() == ["capture.txt"]


def test_capture_files_lists_in_name_order(inbox: Path) -> None:
    for name in ("b.txt", "a.txt", "x.tmp"):
        (inbox / name).write_text(name)
    assert [p.name for p in capture_files(inbox)] == ["a.txt", "b.txt"]


def _manual(inbox: Path) -> tuple[InboxWatcher, Recorder, ManualClock]:
    clock, recorder = ManualClock(), Recorder()
    watcher = InboxWatcher(
        inbox, recorder, settle_seconds=1.0, close_quiet_seconds=0.5, clock=clock
    )
    watcher.start()
    return watcher, recorder, clock


def test_a_writer_that_pauses_is_waited_for(inbox: Path) -> None:
    watcher, recorder, clock = _manual(inbox)
    try:
        with (inbox / "slow.txt").open("w") as handle:
            handle.write("first half ")
            handle.flush()
            wait_for(lambda: watcher.pending == 1, message="file to be pending")
            clock.now += 60  # far past the settle time: still open, so not taken
            watcher.publish_settled()
            assert recorder.names() == []
            handle.write("second half")
        path = inbox / "slow.txt"
        wait_for(lambda: path in watcher._pending and path not in watcher._open, message="closed")
        watcher.publish_settled()
        assert recorder.names() == []  # closed, but not yet quiet for long enough
        clock.now += 0.6
        watcher.publish_settled()
        assert recorder.names() == ["slow.txt"]
    finally:
        watcher.stop()


def test_a_file_reopened_within_the_quiet_time_is_one_capture(inbox: Path) -> None:
    watcher, recorder, clock = _manual(inbox)
    path = inbox / "appended.txt"
    try:
        path.write_text("part one\n")
        wait_for(lambda: path in watcher._pending and path not in watcher._open, message="closed")
        with path.open("a") as handle:  # a second session before the quiet time passed
            wait_for(lambda: path in watcher._open, message="reopened")
            clock.now += 10
            watcher.publish_settled()
            assert recorder.names() == []
            handle.write("part two\n")
        wait_for(lambda: path in watcher._pending and path not in watcher._open, message="closed")
        clock.now += 0.6
        watcher.publish_settled()
        assert recorder.names() == ["appended.txt"]
    finally:
        watcher.stop()


def test_links_fifos_and_loops_are_listed_as_entries_never_followed(
    inbox: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not for the inbox")
    (inbox / "to-file.txt").symlink_to(outside / "secret.txt")
    (inbox / "to-folder").symlink_to(outside)
    (inbox / "loop").symlink_to(inbox / "loop")
    (inbox / "up").symlink_to(inbox)
    os.mkfifo(inbox / "pipe")
    (inbox / "real.txt").write_text("a capture")
    names = [p.name for p in capture_files(inbox)]
    assert names == ["loop", "pipe", "real.txt", "to-file.txt", "to-folder", "up"]
