"""The whole path as a user runs it: `blogtail up`, files dropped in, events out."""

import json
import os
import shutil
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.conftest import SEEDS, wait_for
from tests.integration.conftest import SYSTEM_REDIS, system_redis_available

CLI = [sys.executable, "-m", "services.cli"]


class Daemon:
    """A `blogtail up` running in its own folder, and the commands run beside it."""

    def __init__(self, folder: Path, env: dict[str, str], extra: list[str]) -> None:
        self.folder, self.env = folder, env
        with (folder / "up.log").open("wb") as log:
            self.process = subprocess.Popen(
                [*CLI, "up", "--workers", "2", *extra],
                cwd=folder,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )

    def run(self, *args: str) -> str:
        done = subprocess.run(
            [*CLI, *args],
            cwd=self.folder,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return done.stdout

    def status(self) -> dict:
        return json.loads(self.run("status", "--json"))

    def events(self) -> list[dict]:
        return [json.loads(line) for line in self.run("events").splitlines()]

    def settled(self, received: int) -> bool:
        """Tell whether all ``received`` files went through and nothing is left to do."""
        kinds = [e["type"] for e in self.events()]
        return kinds.count("file.received") == received and self.status()["idle"]

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)


def alive(pid: int) -> bool:
    """Tell whether a process runs (a zombie does not count)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(params=["embedded", "system"])
def daemon(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Daemon]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BLOGTAIL_")}
    extra: list[str] = []
    if request.param == "system":
        if not system_redis_available():
            pytest.skip("no Redis at 127.0.0.1:6379")
        tag = uuid.uuid4().hex[:8]
        env |= {"BLOGTAIL_NAMESPACE": f"e2e-{tag}", "BLOGTAIL_QUEUE": f"e2e-{tag}"}
        extra = ["--redis-url", SYSTEM_REDIS]
    daemon = Daemon(tmp_path, env, extra)
    try:
        wait_for((tmp_path / ".blogtail" / "server.json").exists, 30, message="server")
        wait_for(lambda: len(daemon.status()["workers"]) == 2, 30, message="two workers")
        yield daemon
    finally:
        if daemon.process.poll() is None:
            daemon.stop()
        if request.param == "system":
            client = redis.Redis.from_url(SYSTEM_REDIS)
            for pattern in (f"{{{env['BLOGTAIL_NAMESPACE']}}}:*", f"rq:*{env['BLOGTAIL_QUEUE']}*"):
                for key in client.scan_iter(match=pattern):
                    client.delete(key)


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
        Path(e["source"]["path"]).name: e["reason"]
        for e in daemon.events()
        if e["type"] == "file.rejected"
    }
    assert set(rejected) == {"empty.txt", "binary.txt"}
    quarantined = inbox / ".quarantine"
    wait_for((quarantined / "binary.txt").exists, message="quarantine")
    assert (quarantined / "empty.txt").read_bytes() == b""
    assert (quarantined / "binary.txt").read_bytes() == b"\x00\x01\x02"
