"""Hostile and broken files dropped into a running daemon: each rejected, nothing lost."""

import json
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.conftest import SEEDS, wait_for
from tests.integration.daemon import Daemon, running_daemon


@pytest.fixture(params=["embedded"])
def daemon(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Daemon]:
    yield from running_daemon(request, tmp_path)


def test_every_bad_input_is_rejected_with_its_code_and_kept(daemon: Daemon, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    decoy = outside / "decoy.txt"
    decoy.write_bytes(SEEDS[0].read_bytes())  # a real capture: it must still not be read
    stamp = decoy.stat()
    inbox = daemon.folder / "inbox"
    (inbox / "link-to-decoy.txt").symlink_to(decoy)
    (inbox / "link-to-folder").symlink_to(outside)
    (inbox / "loop.txt").symlink_to(inbox / "loop.txt")
    os.mkfifo(inbox / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(inbox / "sock.txt"))
    with (inbox / "huge.txt").open("wb") as handle:
        handle.truncate(64 << 20)  # over the 16 MiB limit, sparse
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    (inbox / "no-posts.txt").write_text("Nothing here looks like a post.\n")
    # A name whose bytes are not UTF-8: no event or job could carry it as it is.
    badly_named = os.fsdecode(b"bad\xffname.txt")
    (inbox / badly_named).write_bytes(SEEDS[2].read_bytes())
    shutil.copy(SEEDS[1], inbox / SEEDS[1].name)
    expected = {
        "bad\\xffname.txt": "unreadable",
        "link-to-decoy.txt": "symlink",
        "link-to-folder": "symlink",
        "loop.txt": "symlink",
        "pipe.txt": "not_a_file",
        "sock.txt": "not_a_file",
        "huge.txt": "too_large",
        "empty.txt": "empty",
        "binary.txt": "binary",
        "no-posts.txt": "no_posts",
    }
    try:

        def rejected() -> dict[str, str]:
            return {
                Path(e["source"]["path"]).name: e["code"]
                for e in daemon.events()
                if e["type"] == "file.rejected"
            }

        wait_for(lambda: rejected() == expected, 60, 0.2, "every rejection")
        quarantine = inbox / ".quarantine"
        on_disk = {name: name for name in expected} | {"bad\\xffname.txt": badly_named}
        wait_for(
            lambda: all(
                (quarantine / on_disk[name]).is_symlink() or (quarantine / on_disk[name]).exists()
                for name in expected
            ),
            20,
            0.1,
            "everything moved aside",
        )
        wait_for(lambda: daemon.settled(received=1), 60, 0.2, "the good capture")
    finally:
        server.close()
    for name, code in expected.items():
        note = json.loads((quarantine / f"{on_disk[name]}.reason.json").read_text())
        assert note["code"] == code
        assert not (inbox / on_disk[name]).is_symlink() and not (inbox / on_disk[name]).exists()
    assert (quarantine / badly_named).read_bytes() == SEEDS[2].read_bytes()
    assert (quarantine / "link-to-decoy.txt").readlink() == decoy
    assert decoy.read_bytes() == SEEDS[0].read_bytes()
    assert (decoy.stat().st_mtime_ns, decoy.stat().st_ino) == (stamp.st_mtime_ns, stamp.st_ino)
    assert (quarantine / "huge.txt").stat().st_size == 64 << 20
    posts = [e for e in daemon.events() if e["type"] == "post.created"]
    assert len(posts) == 17  # the good capture's only: the decoy never came in
    assert daemon.process.poll() is None
    wait_for(lambda: daemon.status()["idle"], 20, 0.2, "idle")


def test_entries_another_writer_adds_to_the_log_stop_nothing(daemon: Daemon) -> None:
    record = json.loads((daemon.folder / ".blogtail" / "server.json").read_text())
    client = redis.Redis.from_url(record["url"])
    client.xadd("{blogtail}:events", {"type": "file.rejected", "data": "{}"})
    client.xadd("{blogtail}:events", {"note": "no type, no data"})
    shutil.copy(SEEDS[0], daemon.folder / "inbox" / SEEDS[0].name)
    wait_for(lambda: daemon.settled(received=1), 60, 0.2, "the capture after them")
    assert daemon.process.poll() is None
