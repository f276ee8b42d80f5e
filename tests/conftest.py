"""Fixtures for every test: no thread and no child process may outlive its test."""

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# CI explores the same examples every run, so a red build is a real regression, not a draw.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
INTEGRATION = ROOT / "tests" / "integration"
FAULTS = ROOT / "tests" / "faults"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the real-server tests, so `-m "not integration"` is the fast suite."""
    for item in items:
        if item.path.is_relative_to(INTEGRATION):
            item.add_marker(pytest.mark.integration)
        if item.path.is_relative_to(FAULTS):  # `-m fault` runs the fault suite alone
            item.add_marker(pytest.mark.integration)
            item.add_marker(pytest.mark.fault)


def child_pids(parent: int | None = None) -> set[int]:
    """List the live processes whose parent is this one (Linux /proc)."""
    parent = os.getpid() if parent is None else parent
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent and fields[0] != "Z":
            found.add(int(stat.parent.name))
    return found


def wait_for(condition, timeout: float = 20.0, interval: float = 0.02, message: str = ""):
    """Poll a condition until it is truthy or the deadline passes; return its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {message or condition}")
        time.sleep(interval)


class ManualClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def no_leaks(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test that leaves a thread or a child process running."""
    if "session_server" in request.fixturenames:
        # Start the session-wide server before counting: it outlives this test by design.
        request.getfixturevalue("session_server")
    threads = set(threading.enumerate())
    children = child_pids()
    yield
    wait_for(lambda: not (set(threading.enumerate()) - threads), 10, message="threads to end")
    wait_for(lambda: not (child_pids() - children), 10, message="child processes to end")
