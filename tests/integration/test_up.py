"""The whole path as a user runs it: `blogtail up`, files dropped in, events out."""

import json
import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEEDS, wait_for
from tests.integration.daemon import CLI, Daemon, alive, running_daemon


@pytest.fixture(params=["embedded", "system"])
def daemon(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Daemon]:
    yield from running_daemon(request, tmp_path)


def test_seeds_dropped_in_come_out_once_and_copies_add_nothing(daemon: Daemon) -> None:
    inbox = daemon.folder / "inbox"
    for seed in SEEDS:
        shutil.copy(seed, inbox / seed.name)
    wait_for(lambda: daemon.settled(received=5), 60, 0.2, "five captures")
    created = [e for e in daemon.events() if e["type"] == "post.created"]
    assert len(created) == 72
    assert len({e["post_id"] for e in created}) == 72
    for event in created:
        assert event["revision"] == 1
        fields = {"headline", "published_at", "published_at_raw", "authors", "body"}
        assert fields <= set(event["post"])
        assert {"path", "sha256", "captured_at"} <= set(event["source"])

    for seed in SEEDS:
        shutil.copy(seed, inbox / f"copy-{seed.name}")
    wait_for(lambda: daemon.settled(received=10), 60, 0.2, "five copies")
    assert [e for e in daemon.events() if e["type"].startswith("post.")] == created


def test_stopping_up_leaves_no_process_behind(daemon: Daemon) -> None:
    server_pid = json.loads((daemon.folder / ".blogtail" / "server.json").read_text())["pid"]
    worker_pids = [int(w["name"].rsplit(":", 1)[1]) for w in daemon.status()["workers"]]
    assert daemon.stop() == 0
    if server_pid is not None:
        assert not alive(server_pid)
    assert not any(alive(pid) for pid in worker_pids)
    assert not (daemon.folder / ".blogtail" / "server.json").exists()


def test_bad_file_is_rejected_quarantined_and_the_daemon_goes_on(daemon: Daemon) -> None:
    inbox = daemon.folder / "inbox"
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(b"\x00\x01\x02")
    shutil.copy(SEEDS[0], inbox / SEEDS[0].name)
    wait_for(lambda: daemon.settled(received=1) and len(daemon.events()) > 3, 60, 0.2, "events")
    rejected = {
        Path(e["source"]["path"]).name: e["code"]
        for e in daemon.events()
        if e["type"] == "file.rejected"
    }
    assert rejected == {"empty.txt": "empty", "binary.txt": "binary"}
    quarantined = inbox / ".quarantine"

    def moved() -> set[str]:
        return {p.name for p in quarantined.iterdir()} if quarantined.exists() else set()

    wait_for(lambda: moved() == {*rejected, *(f"{n}.reason.json" for n in rejected)}, 20)
    assert json.loads((quarantined / "binary.txt.reason.json").read_text())["code"] == "binary"
    assert (quarantined / "empty.txt").read_bytes() == b""
    assert (quarantined / "binary.txt").read_bytes() == b"\x00\x01\x02"


def test_ctrl_c_to_the_process_group_stops_cleanly(daemon: Daemon) -> None:
    server_pid = json.loads((daemon.folder / ".blogtail" / "server.json").read_text())["pid"]
    worker_pids = [int(w["name"].rsplit(":", 1)[1]) for w in daemon.status()["workers"]]
    shutil.copy(SEEDS[0], daemon.folder / "inbox" / SEEDS[0].name)
    os.killpg(daemon.process.pid, signal.SIGINT)  # what Ctrl-C at a terminal does
    assert daemon.process.wait(timeout=60) == 0
    assert "Traceback" not in (daemon.folder / "up.log").read_text()
    assert not any(alive(pid) for pid in [*worker_pids, server_pid] if pid is not None)


@pytest.fixture(params=["embedded"])
def embedded_daemon(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Daemon]:
    yield from running_daemon(request, tmp_path)


def test_a_second_up_in_the_same_folder_refuses_and_leaves_the_first_alone(
    embedded_daemon: Daemon,
) -> None:
    daemon = embedded_daemon
    record = daemon.folder / ".blogtail" / "server.json"
    assert record.stat().st_mode & 0o077 == 0  # it may hold a password: the owner's only
    before = record.read_text()
    second = subprocess.run(
        [*CLI, "up", "--workers", "1"],
        check=False,
        cwd=daemon.folder,
        env=daemon.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert second.returncode == 2
    assert "another `blogtail up`" in second.stderr
    assert record.read_text() == before
    assert len(daemon.status()["workers"]) == 2


def test_sighup_stops_like_sigterm(daemon: Daemon) -> None:
    daemon.process.send_signal(signal.SIGHUP)
    assert daemon.process.wait(timeout=60) == 0
    assert not (daemon.folder / ".blogtail" / "server.json").exists()
