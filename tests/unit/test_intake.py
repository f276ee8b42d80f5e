"""Reading and moving inbox entries: the entry itself, never what a link names."""

import errno
import hashlib
import json
import os
import socket
from pathlib import Path

import pytest

from services.intake import QUARANTINE, EntryRefusedError, quarantine, read_entry

LIMIT = 1 << 20


@pytest.fixture
def decoy(tmp_path: Path) -> Path:
    """A file outside the inbox standing in for anything a link could name."""
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "decoy.txt"
    target.write_text("17 min ago\n\nA post that must never be read through a link\n")
    return target


def refusal(path: Path, limit: int = LIMIT) -> EntryRefusedError:
    with pytest.raises(EntryRefusedError) as caught:
        read_entry(path, limit)
    return caught.value


def test_a_regular_file_is_read_once_with_its_digest(inbox: Path) -> None:
    path = inbox / "capture.txt"
    path.write_bytes(b"some text")
    entry = read_entry(path, LIMIT)
    assert entry.raw == b"some text"
    assert entry.sha256 == hashlib.sha256(b"some text").hexdigest()
    assert entry.signature[1] == len(b"some text")


def test_a_link_is_refused_and_its_target_never_touched(inbox: Path, decoy: Path) -> None:
    before = (decoy.read_bytes(), decoy.stat().st_mtime_ns)
    link = inbox / "capture.txt"
    link.symlink_to(decoy)
    assert refusal(link).code == "symlink"
    moved = quarantine(inbox, link, code="symlink", reason="a link")
    assert moved is not None and moved.is_symlink()
    assert not link.exists() and not link.is_symlink()
    assert (decoy.read_bytes(), decoy.stat().st_mtime_ns) == before


def test_a_link_to_a_folder_and_a_loop_are_refused(inbox: Path, decoy: Path) -> None:
    (inbox / "folder").symlink_to(decoy.parent)
    (inbox / "loop").symlink_to(inbox / "loop")
    assert refusal(inbox / "folder").code == "symlink"
    assert refusal(inbox / "loop").code == "symlink"


def test_a_fifo_is_refused_without_waiting_for_a_writer(inbox: Path) -> None:
    os.mkfifo(inbox / "pipe.txt")
    assert refusal(inbox / "pipe.txt").code == "not_a_file"


def test_a_socket_and_a_folder_are_not_files(inbox: Path, tmp_path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(inbox / "sock"))
        assert refusal(inbox / "sock").code == "not_a_file"
    finally:
        server.close()
    (inbox / "folder").mkdir()
    assert refusal(inbox / "folder").code == "not_a_file"


def test_a_file_over_the_limit_is_refused_before_it_is_read(inbox: Path) -> None:
    path = inbox / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(64 << 20)  # sparse: 64 MiB on paper, nothing on disk
    refused = refusal(path, limit=16 << 20)
    assert refused.code == "too_large"
    assert "67108864" in refused.reason


def test_a_vanished_file_and_an_unreadable_one(inbox: Path, monkeypatch) -> None:
    assert refusal(inbox / "gone.txt").code == "vanished"
    path = inbox / "locked.txt"
    path.write_text("text")

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", denied)  # as root, a mode of 000 would not stop us
    refused = refusal(path)
    assert refused.code == "unreadable"
    assert "Permission denied" in refused.reason


def test_refusals_name_the_entry_so_a_new_file_at_the_path_is_new(inbox: Path) -> None:
    link = inbox / "x.txt"
    link.symlink_to(inbox / "elsewhere")
    first = refusal(link).entry
    assert refusal(link).entry == first
    link.unlink()
    os.mkfifo(link)
    assert refusal(link).entry != first


def test_quarantine_keeps_the_folder_and_never_overwrites(inbox: Path) -> None:
    (inbox / "blog").mkdir()
    for content in (b"one", b"two"):
        path = inbox / "blog" / "bad.txt"
        path.write_bytes(content)
        quarantine(inbox, path, code="binary", reason="binary file")
    kept = sorted(p for p in (inbox / QUARANTINE / "blog").iterdir() if p.suffix != ".json")
    assert [p.read_bytes() for p in kept] == [b"one", b"two"]
    note = json.loads((inbox / QUARANTINE / "blog" / "bad.txt.reason.json").read_text())
    assert note == {**note, "code": "binary", "reason": "binary file", "from": "blog/bad.txt"}


def test_quarantine_leaves_files_outside_the_inbox_alone(inbox: Path, decoy: Path) -> None:
    assert quarantine(inbox, decoy, code="empty", reason="empty") is None
    assert decoy.exists()
