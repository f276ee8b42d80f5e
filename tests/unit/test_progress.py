"""The progress line: on a terminal with a rate and an ETA; nothing off one."""

import io

from services.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_sees_done_of_total_a_rate_and_what_is_left() -> None:
    now = [0.0]
    terminal = Terminal()
    progress = Progress("ingest", 100, stream=terminal, clock=lambda: now[0])
    now[0] = 2.0
    progress.advance(50)
    assert progress.line(now[0]) == "ingest: 50/100 (25/s, 2s left)"
    progress.finish()
    assert terminal.getvalue().endswith("ingest: 50/100 (25/s, 2s left)\x1b[K\n")


def test_off_a_terminal_it_writes_nothing() -> None:
    pipe = io.StringIO()
    progress = Progress("replay", None, stream=pipe)
    progress.advance(10)
    progress.finish()
    assert pipe.getvalue() == ""
