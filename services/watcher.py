"""Watch the inbox with watchdog and publish each new capture file."""

import os
import socket
import stat
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from itertools import islice
from pathlib import Path

import structlog
from watchdog.events import FileSystemEvent, FileSystemEventHandler, FileSystemMovedEvent
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from services.intake import file_signature

log = structlog.get_logger(__name__)

IGNORED_SUFFIXES = (".part", ".tmp", ".swp", ".crdownload")
BACKLOG_CHUNK = 1000
PUBLISHED_MEMORY = 10_000


def is_capture_name(path: Path) -> bool:
    """Tell a finished capture's name from a temporary or hidden file's."""
    name = path.name
    return not (name.startswith((".", "~")) or name.endswith(IGNORED_SUFFIXES))


def capture_files(root: Path) -> Iterator[Path]:
    """List the capture entries under a folder (or the entry itself), in name order.

    Links, FIFOs and sockets are listed as entries (the intake refuses them); no link to a
    folder is followed, so a loop of links ends nothing and a folder is walked once.
    """
    try:
        is_folder = root.is_dir() and not root.is_symlink()
    except OSError:
        is_folder = False
    if not is_folder:
        yield root
        return
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError as error:  # removed or unreadable meanwhile: nothing to list
        log.warning("folder.unreadable", path=str(root), error=error.strerror)
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from capture_files(path)
        elif is_capture_name(path):
            yield path


class InboxWatcher(FileSystemEventHandler):
    """Publish an entry once it is complete: renamed in, closed and quiet, or long quiet.

    A file renamed into the inbox is published at once. A file written in place is
    published ``close_quiet_seconds`` after its last writer closed it, unless it is opened
    again meanwhile (one writing session, one capture); a file still open is never taken.
    Without open and close events (some file systems), ``settle_seconds`` of quiet does.
    Files already in the inbox at start go to ``publish_backlog`` together (the backfill lane,
    in batches).
    """

    def __init__(
        self,
        inbox: Path,
        publish: Callable[[Path], None],
        *,
        publish_backlog: Callable[[list[Path]], None] | None = None,
        settle_seconds: float,
        close_quiet_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.inbox = inbox.resolve()
        self.publish = publish
        self.publish_backlog = publish_backlog or self._publish_each
        self.settle_seconds = settle_seconds
        self.close_quiet_seconds = close_quiet_seconds
        self.clock = clock
        self._pending: dict[Path, float] = {}  # path -> when it may be published
        self._open: dict[Path, int] = {}  # path -> opens not yet closed
        # Entries published as they stood, the latest few thousand: a repeated event for one
        # of them publishes nothing, and an inbox of any size is held in bounded memory
        # (an older one offered again is found committed by its content, at one read).
        self._published: OrderedDict[Path, tuple[int, int, int]] = OrderedDict()
        self._failing = False
        self._lock = threading.Lock()
        self._observer: BaseObserver | None = None
        self.id = f"{socket.gethostname()}:{os.getpid()}"

    @property
    def pending(self) -> int:
        """Count files seen but not yet published."""
        with self._lock:
            return len(self._pending) + sum(1 for p in self._open if p not in self._pending)

    def start(self) -> None:
        """Start watching, then publish the backlog already in the inbox."""
        self.inbox.mkdir(parents=True, exist_ok=True)
        self._observer = Observer()  # made here: watchdog's starts a thread when made
        self._observer.schedule(self, str(self.inbox), recursive=True)
        self._observer.start()
        log.info("watcher.started", inbox=str(self.inbox))
        claimed = (path for path in capture_files(self.inbox) if self._claim(path))
        backlog = 0
        while chunk := list(islice(claimed, BACKLOG_CHUNK)):
            self._publish(chunk, self.publish_backlog)
            backlog += len(chunk)
        log.info("watcher.backlog_published", files=backlog)

    def stop(self) -> None:
        """Stop watching; files still settling are published on the next start."""
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=10)
            self._observer = None
        log.info("watcher.stopped", pending=self.pending)

    def on_any_event(self, event: FileSystemEvent) -> None:
        """Route watchdog events: moved-in entries are complete, written ones wait to be."""
        if event.is_directory:
            self._on_folder(event)
            return
        if isinstance(event, FileSystemMovedEvent):
            self._offer(_as_path(event.dest_path))
            return
        path = _as_path(event.src_path)
        if not is_capture_name(path):
            return
        now = self.clock()
        with self._lock:
            if event.event_type == "opened":
                # Open, the file is not taken (publish_settled skips it); a writer's close
                # sets its quiet time anew. Inotify does not say who opened it: a reader
                # (the watcher itself, a backup) must not cancel a pending publication.
                self._open[path] = self._open.get(path, 0) + 1
            elif event.event_type in ("closed", "closed_no_write"):
                left = self._open.pop(path, 1) - 1
                if left > 0:
                    self._open[path] = left
                if event.event_type == "closed" and left <= 0:
                    self._pending[path] = now + self.close_quiet_seconds
            elif event.event_type in ("created", "modified") and path not in self._open:
                self._pending[path] = now + self.settle_seconds
            elif event.event_type == "deleted":
                self._pending.pop(path, None)
                self._open.pop(path, None)

    def _on_folder(self, event: FileSystemEvent) -> None:
        """Take the files of a folder moved in at once; wait for those of one made in place."""
        if event.event_type == "moved":  # moved in whole: its files are complete
            for path in capture_files(_as_path(event.dest_path)):
                self._offer(path)
        elif event.event_type == "created":
            # Made in place (mkdir, then write): a file in it may be half written, and its
            # open and first writes came before the folder was watched, so each waits for
            # quiet like any file written in place.
            settled = self.clock() + self.settle_seconds
            with self._lock:
                for path in capture_files(_as_path(event.src_path)):
                    self._pending.setdefault(path, settled)

    def publish_settled(self) -> None:
        """Publish the files whose quiet period has passed."""
        now = self.clock()
        with self._lock:
            due = [p for p, at in self._pending.items() if at <= now and p not in self._open]
        for path in due:
            self._offer(path)

    def _eligible(self, path: Path) -> bool:
        """Accept capture entries in the inbox, outside hidden folders such as a quarantine."""
        try:
            parts = path.relative_to(self.inbox).parts
        except ValueError:
            return False
        return is_capture_name(path) and not any(p.startswith(".") for p in parts[:-1])

    def _publish_each(self, paths: list[Path]) -> None:
        for path in paths:
            self.publish(path)

    def _offer(self, path: Path) -> None:
        """Publish an entry unless it was already published as it is now."""
        if self._claim(path):
            self._publish([path], lambda paths: self.publish(paths[0]))

    def _claim(self, path: Path) -> bool:
        """Take an entry for publishing unless it is not one or was published as it is now."""
        with self._lock:
            self._pending.pop(path, None)
        if not self._eligible(path):
            return False
        try:
            status = path.lstat()
        except FileNotFoundError:
            return False
        if stat.S_ISDIR(status.st_mode):
            return False
        signature = file_signature(status)
        with self._lock:
            if self._published.get(path) == signature:
                return False
            self._published[path] = signature
            self._published.move_to_end(path)
            if len(self._published) > PUBLISHED_MEMORY:
                self._published.popitem(last=False)
        return True

    def _publish(self, paths: list[Path], publish: Callable[[list[Path]], object]) -> None:
        """Publish claimed entries; on failure, forget the claims and try them again later."""
        try:
            publish(paths)
        except Exception as error:
            with self._lock:
                for path in paths:
                    self._published.pop(path, None)
                    self._pending[path] = self.clock() + self.settle_seconds
            if not self._failing:  # one line per outage, not one per file per second
                log.warning("file.publish_failed", path=str(paths[0]), error=str(error))
            self._failing = True
            return
        if self._failing:
            log.info("file.publish_recovered")
        self._failing = False
        for path in paths:
            log.info("file.published", path=str(path))


def _as_path(raw: str | bytes) -> Path:
    """Convert watchdog's str-or-bytes paths at the edge."""
    return Path(os.fsdecode(raw))
