"""`blogtail retry` puts a file back only where it came from, inside the inbox."""

import json
from pathlib import Path

from services.intake import QUARANTINE, quarantine
from services.retry import original_path, quarantined_files, retry
from services.settings import Settings


def test_the_original_place_comes_from_the_reason_note(inbox: Path) -> None:
    (inbox / "blog").mkdir()
    (inbox / "blog" / "x.txt").write_text("x")
    kept = quarantine(inbox, inbox / "blog" / "x.txt", code="empty", reason="empty file")
    assert kept is not None
    assert original_path(inbox, kept) == inbox / "blog" / "x.txt"
    assert list(quarantined_files(inbox)) == [kept]


def test_a_note_pointing_outside_the_inbox_moves_nothing(inbox: Path, tmp_path: Path) -> None:
    folder = inbox / QUARANTINE
    folder.mkdir()
    kept = folder / "x.txt"
    kept.write_text("x")
    note = {"code": "empty", "reason": "empty", "from": "../../outside/x.txt"}
    (folder / "x.txt.reason.json").write_text(json.dumps(note))
    done = retry(kept, inbox=inbox, store=None, queue=None, settings=Settings())  # type: ignore[arg-type]
    assert done.error is not None and "outside the inbox" in done.error
    assert kept.exists()
    assert not (tmp_path / "outside").exists()


def test_only_quarantined_files_are_retried(inbox: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not quarantined")
    done = retry(elsewhere, inbox=inbox, store=None, queue=None, settings=Settings())  # type: ignore[arg-type]
    assert done.error is not None and "not a quarantined file" in done.error
    assert elsewhere.exists()
