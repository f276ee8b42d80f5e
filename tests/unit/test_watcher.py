"""The inbox watcher on a real folder: what it publishes, and when."""

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from structlog.testing import capture_logs

from services.watcher import InboxWatcher, capture_files, is_capture_name
from tests.conftest import wait_for


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
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


@pytest.fixture
def watched(inbox: Path) -> Iterator[tuple[InboxWatcher, Recorder]]:
    recorder = Recorder()
    watcher = InboxWatcher(inbox, recorder, settle_seconds=0.2)
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
    watcher = InboxWatcher(inbox, recorder, settle_seconds=0.2)
    with capture_logs() as logs:
        watcher.start()
        watcher.stop()
    assert sorted(recorder.names()) == ["a.txt", "b.txt"]
    started = [e for e in logs if e["event"] == "watcher.started"]
    assert [e["backlog"] for e in started] == [2]
    published = sorted(Path(e["path"]).name for e in logs if e["event"] == "file.published")
    assert published == ["a.txt", "b.txt"]


def test_closed_file_is_published_once(watched, inbox: Path) -> None:
    _, recorder = watched
    (inbox / "one.txt").write_text("hello")
    wait_for(lambda: recorder.names() == ["one.txt"], message="one.txt")


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
    wait_for(lambda: recorder.names() == ["slow.txt"], message="slow.txt")


class ManualClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_quiet_file_without_close_settles(inbox: Path) -> None:
    clock, recorder = ManualClock(), Recorder()
    watcher = InboxWatcher(inbox, recorder, settle_seconds=5.0, clock=clock)
    watcher.start()
    fd = os.open(inbox / "open.txt", os.O_WRONLY | os.O_CREAT)
    try:
        os.write(fd, b"still open")
        wait_for(lambda: watcher.pending == 1, message="file to be pending")
        clock.now += 4.9
        watcher.publish_settled()
        assert recorder.names() == []  # not quiet long enough yet
        # Quiet for the settle time since the last event, whichever event that was.
        clock.now += 5.1
        watcher.publish_settled()
        assert recorder.names() == ["open.txt"]
    finally:
        os.close(fd)
        watcher.stop()


def test_files_in_subfolders_and_moved_folders(watched, inbox: Path, tmp_path: Path) -> None:
    _, recorder = watched
    outside = tmp_path / "blog-two"
    outside.mkdir()
    (outside / "c.txt").write_text("c")
    outside.rename(inbox / "blog-two")
    wait_for(lambda: "c.txt" in recorder.names(), message="c.txt")


def test_capture_files_lists_in_name_order(inbox: Path) -> None:
    for name in ("b.txt", "a.txt", "x.tmp"):
        (inbox / name).write_text(name)
    assert [p.name for p in capture_files(inbox)] == ["a.txt", "b.txt"]
