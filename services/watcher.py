"""Watch the inbox with watchdog and publish each new capture file."""

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import structlog
from watchdog.events import (
    FileClosedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
    FileSystemMovedEvent,
)
from watchdog.observers import Observer

log = structlog.get_logger(__name__)

IGNORED_SUFFIXES = (".part", ".tmp", ".swp", ".crdownload")


def is_capture_name(path: Path) -> bool:
    """Tell a finished capture's name from a temporary or hidden file's."""
    name = path.name
    return not (name.startswith((".", "~")) or name.endswith(IGNORED_SUFFIXES))


def capture_files(root: Path) -> Iterator[Path]:
    """List the capture files under a folder (or the file itself), in name order."""
    if root.is_file():
        yield root
        return
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder, name)
            if is_capture_name(path):
                yield path


class InboxWatcher(FileSystemEventHandler):
    """Publish a file once it is complete: closed after writing, renamed in, or quiet."""

    def __init__(
        self,
        inbox: Path,
        publish: Callable[[Path], None],
        *,
        settle_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.inbox = inbox.resolve()
        self.publish = publish
        self.settle_seconds = settle_seconds
        self.clock = clock
        self._pending: dict[Path, float] = {}
        self._published: dict[Path, tuple[int, int]] = {}
        self._lock = threading.Lock()
        self._observer = Observer()
        self.id = f"{socket.gethostname()}:{os.getpid()}"

    @property
    def pending(self) -> int:
        """Count files seen but not yet published."""
        with self._lock:
            return len(self._pending)

    def start(self) -> None:
        """Start watching, then publish the backlog already in the inbox."""
        self.inbox.mkdir(parents=True, exist_ok=True)
        self._observer.schedule(self, str(self.inbox), recursive=True)
        self._observer.start()
        backlog = list(capture_files(self.inbox))
        log.info("watcher.started", inbox=str(self.inbox), backlog=len(backlog))
        for path in backlog:
            self._offer(path)

    def stop(self) -> None:
        """Stop watching; files still settling are published on the next start."""
        self._observer.stop()
        self._observer.join(timeout=10)
        log.info("watcher.stopped", pending=self.pending)

    def on_any_event(self, event: FileSystemEvent) -> None:
        """Route watchdog events: closed and moved-in files are complete, others settle."""
        if event.is_directory:
            if event.event_type in ("created", "moved"):
                # A folder moved in with files in it raises no event for them.
                target = getattr(event, "dest_path", "") or event.src_path
                for path in capture_files(_as_path(target)):
                    self._offer(path)
            return
        if isinstance(event, FileSystemMovedEvent):
            self._offer(_as_path(event.dest_path))
        elif isinstance(event, FileClosedEvent):
            self._offer(_as_path(event.src_path))
        elif event.event_type in ("created", "modified"):
            path = _as_path(event.src_path)
            if is_capture_name(path):
                with self._lock:
                    self._pending[path] = self.clock()

    def publish_settled(self) -> None:
        """Publish files written without a close event once they have been quiet a while."""
        now = self.clock()
        with self._lock:
            quiet = [p for p, seen in self._pending.items() if now - seen >= self.settle_seconds]
        for path in quiet:
            self._offer(path)

    def _eligible(self, path: Path) -> bool:
        """Accept capture files in the inbox, outside hidden folders such as a quarantine."""
        try:
            parts = path.relative_to(self.inbox).parts
        except ValueError:
            return False
        return is_capture_name(path) and not any(p.startswith(".") for p in parts[:-1])

    def _offer(self, path: Path) -> None:
        """Publish a capture file unless it was already published as it is now."""
        with self._lock:
            self._pending.pop(path, None)
        if not self._eligible(path):
            return
        try:
            stat = path.stat()
        except FileNotFoundError:
            return
        if not path.is_file():
            return
        signature = (stat.st_size, stat.st_mtime_ns)
        with self._lock:
            if self._published.get(path) == signature:
                return
            self._published[path] = signature
        try:
            self.publish(path)
        except Exception:
            with self._lock:
                self._published.pop(path, None)
                self._pending[path] = self.clock()
            log.exception("file.publish_failed", path=str(path))
            return
        log.info("file.published", path=str(path))


def _as_path(raw: str | bytes) -> Path:
    """Convert watchdog's str-or-bytes paths at the edge."""
    return Path(os.fsdecode(raw))
