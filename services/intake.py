"""Read and move inbox entries safely: the entry itself, never through a link, never blocking."""

import errno
import hashlib
import json
import os
import shutil
import stat
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import structlog

from schemas import RejectCode
from workers.identity import digest
from workers.pipeline import CaptureRejectedError

log = structlog.get_logger(__name__)

QUARANTINE = ".quarantine"  # hidden, so the watcher does not take its files again
_CHUNK = 1 << 20
# No link followed at the last step, no wait on a FIFO with no writer, no terminal taken.
_OPEN_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


@dataclass(frozen=True)
class Entry:
    """A regular file of the inbox as read once: its bytes, their digest, its times."""

    path: Path
    raw: bytes
    sha256: str
    modified_at: datetime
    signature: tuple[int, int, int]


class EntryRefusedError(CaptureRejectedError):
    """An inbox entry blogtail will not read; ``entry`` names the directory entry."""

    def __init__(self, code: RejectCode, reason: str, *, entry: str, modified_at: datetime) -> None:
        super().__init__(code, reason)
        self.entry = entry
        self.modified_at = modified_at


def _entry_name(path: Path, status: os.stat_result | None) -> str:
    """Name a directory entry as it stands: a new file at the same path gets a new name."""
    if status is None:
        return digest([str(path), "gone"], 12)
    parts = (status.st_dev, status.st_ino, status.st_mode, status.st_size, status.st_mtime_ns)
    return digest([str(path), *map(str, parts)], 12)


def _refused(
    code: RejectCode, reason: str, path: Path, status: os.stat_result | None
) -> EntryRefusedError:
    modified = datetime.fromtimestamp(status.st_mtime, tz=UTC) if status else datetime.now(UTC)
    return EntryRefusedError(code, reason, entry=_entry_name(path, status), modified_at=modified)


def shown(path: Path | str) -> str:
    """Write a path as text, a name's bytes that are not UTF-8 escaped ("bad\\xffname.txt")."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_entry(path: Path, max_bytes: int) -> Entry:
    """Read a regular file at ``path`` (not what a link names); raise EntryRefusedError."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        raise _refused(
            "vanished", "the file was gone before it could be read", path, None
        ) from None
    except OSError as error:
        raise _refused(
            "unreadable", f"cannot stat the file: {error.strerror}", path, None
        ) from None
    _refuse_unwritable_name(path, status)
    if stat.S_ISLNK(status.st_mode):
        raise _refused(
            "symlink", "a symbolic link: blogtail reads neither a link nor its target", path, status
        )
    if not stat.S_ISREG(status.st_mode):
        kind = _KINDS.get(stat.S_IFMT(status.st_mode), "not a regular file")
        raise _refused("not_a_file", f"{kind}, not a regular file: never read", path, status)
    if status.st_size > max_bytes:
        raise _refused(
            "too_large",
            f"file too large: {status.st_size} bytes, the limit is {max_bytes}; not read",
            path,
            status,
        )
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise _open_error(error, path, status) from None
    try:
        opened = os.fstat(fd)
        if (opened.st_dev, opened.st_ino) != (status.st_dev, status.st_ino):
            # Replaced between the look and the open: judge what was opened.
            status = opened
            if not stat.S_ISREG(opened.st_mode):
                raise _refused(
                    "not_a_file", "replaced by something not a regular file", path, opened
                )
        chunks, size, hasher = [], 0, hashlib.sha256()
        while chunk := os.read(fd, _CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise _refused(
                    "too_large",
                    f"file too large: more than {max_bytes} bytes, the limit; not kept in memory",
                    path,
                    status,
                )
            chunks.append(chunk)
            hasher.update(chunk)
    except OSError as error:
        raise _refused(
            "unreadable", f"cannot read the file: {error.strerror}", path, status
        ) from None
    finally:
        os.close(fd)
    return entry_as_found(path, opened, hasher.hexdigest(), b"".join(chunks))


def has_text_name(path: Path) -> bool:
    """Tell whether a path is UTF-8 text, as events, receipts and job arguments must be."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _refuse_unwritable_name(path: Path, status: os.stat_result) -> None:
    """Refuse a file whose name is not UTF-8 text, which no event or job could carry."""
    # A name's bytes that are not UTF-8 could be stored by none of them: such a file
    # failed every publication, and was never rejected nor moved aside.
    if not has_text_name(path):
        reason = f"the file's name is not UTF-8 text ({shown(path.name)}): rename it to read it"
        raise _refused("unreadable", reason, path, status)


def entry_as_found(path: Path, status: os.stat_result, sha256: str, raw: bytes = b"") -> Entry:
    """Make the entry of a file as its status gives it (bytes read, or handed over before)."""
    modified_at = datetime.fromtimestamp(status.st_mtime, tz=UTC)
    return Entry(path, raw, sha256, modified_at, file_signature(status))


def file_signature(status: os.stat_result) -> tuple[int, int, int]:
    """Name a file as it stands (inode, size, modification time): a rewrite changes it."""
    return (status.st_ino, status.st_size, status.st_mtime_ns)


def _open_error(error: OSError, path: Path, status: os.stat_result) -> EntryRefusedError:
    if error.errno == errno.ELOOP:  # became a link after the look
        return _refused("symlink", "became a symbolic link: not followed", path, status)
    if error.errno == errno.ENOENT:
        return _refused("vanished", "the file was gone before it could be read", path, status)
    return _refused("unreadable", f"cannot open the file: {error.strerror}", path, status)


def move_entry(path: Path, folder: Path) -> Path | None:
    """Move an entry into ``folder`` under a name not taken; None if it is gone meanwhile."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    while True:
        try:
            # Link the entry itself (a link stays a link, its target untouched) under a
            # name not taken, then remove the old name: a rename would overwrite.
            os.link(path, target, follow_symlinks=False)
            break
        except FileExistsError:
            target = folder / f"{path.name}.{time.time_ns()}"
        except FileNotFoundError:
            return None
        except OSError as error:
            if error.errno != errno.EXDEV:
                raise
            # Another file system (an archive elsewhere): copy under a hidden name, then
            # link that into place, so a reader never sees half a file.
            partial = folder / f".{path.name}.{time.time_ns()}.part"
            shutil.copy2(path, partial, follow_symlinks=False)
            try:
                os.link(partial, target, follow_symlinks=False)
            except FileExistsError:
                target = folder / f"{path.name}.{time.time_ns()}"
                os.link(partial, target, follow_symlinks=False)
            partial.unlink()
            break
    path.unlink()
    return target


def quarantine(inbox: Path, path: Path, *, code: str, reason: str) -> Path | None:
    """Move an inbox entry into the inbox's quarantine with a reason file; never delete it."""
    try:
        relative = path.relative_to(inbox)
    except ValueError:
        return None  # not in the inbox (`ingest` of a file elsewhere): leave it where it is
    target = move_entry(path, inbox / QUARANTINE / relative.parent)
    if target is None:
        return None
    note = {
        "code": code,
        "reason": reason,
        "from": str(relative),
        "at": datetime.now(UTC).isoformat(),
    }
    target.with_name(target.name + ".reason.json").write_text(json.dumps(note, indent=2) + "\n")
    log.warning("file.quarantined", path=str(path), to=str(target), code=code)
    return target


def archive(inbox: Path, path: Path, folder: Path) -> Path | None:
    """Move a processed inbox file into the archive folder, keeping its sub-folder."""
    try:
        relative = path.relative_to(inbox)
    except ValueError:
        return None
    target = move_entry(path, folder / relative.parent)
    if target is not None:
        log.info("file.archived", path=str(path), to=str(target))
    return target
