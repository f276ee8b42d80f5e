"""Fixtures of the fast suite."""

from pathlib import Path

import pytest


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """An empty inbox folder of the test's own."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder
