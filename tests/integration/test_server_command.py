"""`blogtail server` alone, `up` beside it, and the sentences a wrong server gets."""

import json
import signal
import subprocess
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from services.cli import CLEAR_SCREEN
from tests.conftest import SEEDS, wait_for
from tests.integration.daemon import CLI


def run(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args], cwd=folder, capture_output=True, text=True, timeout=60, check=check
    )


def test_commands_work_against_a_server_run_alone_and_up_shares_it(tmp_path: Path) -> None:
    with (tmp_path / "server.log").open("wb") as log:
        server = subprocess.Popen([*CLI, "server"], cwd=tmp_path, stderr=log)
    record = tmp_path / ".blogtail" / "server.json"
    try:
        wait_for(record.exists, 30, message="server.json")
        assert json.loads(record.read_text())["owner"] == "server"
        alone = run(tmp_path, "status", "--json", check=False)
        assert alone.returncode == 1  # a server without workers or a watcher is not healthy
        assert json.loads(alone.stdout)["idle"] is True
        assert run(tmp_path, "events").stdout == ""
        (tmp_path / "inbox").mkdir()
        (tmp_path / "inbox" / SEEDS[0].name).write_bytes(SEEDS[0].read_bytes())
        up = subprocess.Popen(
            [*CLI, "up", "--workers", "1"], cwd=tmp_path, stderr=subprocess.DEVNULL
        )
        try:
            wait_for(lambda: run(tmp_path, "events").stdout.count("post.created") == 7, 60, 0.2)
        finally:
            up.send_signal(signal.SIGTERM)
            assert up.wait(timeout=60) == 0
        # `up` stopped; the server it shared did not, and replay works against it.
        assert json.loads(record.read_text())["owner"] == "server"
        assert json.loads(run(tmp_path, "replay", "--rebuild").stdout)["events"] == 8
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
    assert not record.exists()


def test_an_unreachable_server_or_a_wrong_password_is_one_sentence(
    tmp_path: Path, session_server: str
) -> None:
    done = run(tmp_path, "status", "--redis-url", "redis://127.0.0.1:1/0", check=False)
    assert done.returncode == 1
    assert done.stderr.startswith("blogtail: cannot reach the server at redis://127.0.0.1:1/0")
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1
    done = run(tmp_path, "status", "--redis-url", "rediss://127.0.0.1:6379/0", check=False)
    assert done.returncode == 1  # TLS asked of a server that speaks none
    assert done.stderr.startswith("blogtail: cannot reach the server at rediss://")
    assert "Traceback" not in done.stderr
    parts = urlsplit(session_server)
    wrong = urlunsplit(parts._replace(netloc=f"blogtail:wrong@{parts.hostname}:{parts.port}"))
    for command in (["status"], ["up", "--workers", "1"]):
        done = run(tmp_path, *command, "--redis-url", wrong, check=False)
        assert done.returncode == 2, done.stderr
        assert "refused the password" in done.stderr
        assert "wrong" not in done.stderr
        assert "Traceback" not in done.stderr


def test_status_watch_redraws_in_place_until_ctrl_c(tmp_path: Path, session_server: str) -> None:
    watching = subprocess.Popen(
        [*CLI, "status", "--watch", "0.1", "--redis-url", session_server],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert watching.stdout is not None
    shown = ""
    while shown.count(CLEAR_SCREEN) < 3:  # (the test's timeout bounds this)
        shown += watching.stdout.readline()
    watching.send_signal(signal.SIGINT)
    _, err = watching.communicate(timeout=30)
    assert watching.returncode == 0, err
    assert "Traceback" not in err
    assert "server: redis://blogtail:***@" in shown  # without its password
