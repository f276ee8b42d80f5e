"""`blogtail up` run as a user runs it, in its own folder, and the commands beside it."""

import json
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from tests.conftest import wait_for
from tests.integration.conftest import SYSTEM_REDIS, require_system_redis

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
                start_new_session=True,  # its own process group, as a terminal would give it
            )

    def run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            [*CLI, *args],
            cwd=self.folder,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
            check=check,
        )
        return done.stdout

    def status(self) -> dict:
        return json.loads(self.run("status", "--json", check=False))  # exits 1 while unhealthy

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


def running_daemon(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Daemon]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BLOGTAIL_")}
    extra: list[str] = []
    if request.param == "system":
        require_system_redis()
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
