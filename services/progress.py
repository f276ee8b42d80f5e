"""A progress line for long work, with a rate and an ETA, shown on a terminal only."""

import sys
import time
from collections.abc import Callable
from typing import TextIO

REDRAW_SECONDS = 0.1


class Progress:
    """Count work done and redraw one line at most ten times a second; silent off a terminal."""

    def __init__(
        self,
        label: str,
        total: int | None,
        *,
        stream: TextIO | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label, self.total = label, total
        self.stream = stream or sys.stderr
        self.shown = self.stream.isatty()
        self.clock = clock
        self.done = 0
        self.started = clock()
        self._drawn = -float("inf")

    def advance(self, count: int = 1) -> None:
        """Count ``count`` more done; redraw if it is time."""
        self.done += count
        now = self.clock()
        if self.shown and now - self._drawn >= REDRAW_SECONDS:
            self._drawn = now
            self.stream.write("\r" + self.line(now) + "\x1b[K")
            self.stream.flush()

    def clear(self) -> None:
        """Wipe the line, so output written to the same terminal starts clean."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self._drawn = -float("inf")

    def finish(self) -> None:
        """Draw the last state and end the line."""
        if self.shown:
            self.stream.write("\r" + self.line(self.clock()) + "\x1b[K\n")
            self.stream.flush()

    def line(self, now: float) -> str:
        """Describe the progress: done of total, rate per second, time left."""
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        if self.total is None:
            return f"{self.label}: {self.done} ({rate:.0f}/s)"
        left = (self.total - self.done) / rate if rate > 0 else float("inf")
        eta = f"{left:.0f}s" if left != float("inf") else "?"
        return f"{self.label}: {self.done}/{self.total} ({rate:.0f}/s, {eta} left)"
