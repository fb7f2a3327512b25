"""Progress of a long audit: a bar with counts and time left on a terminal, a few plain lines
elsewhere (CI logs do not understand a bar that redraws itself)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

BAR_WIDTH = 24
#: Without a terminal, a line at most this often (seconds), and always at the end.
LINE_EVERY_S = 30.0


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60} min {seconds % 60:02d} s"


class Progress:
    """``begin(total)``, then ``step(reused)`` once per page view done, ``close()`` at the end."""

    def __init__(self, stream: TextIO | None = None, terminal: bool | None = None,
                 clock=time.monotonic):
        self.total = 0
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self.clock = clock
        self.started = clock()
        self.done = 0
        self.reused = 0
        self.last_line = self.started

    def begin(self, total: int) -> None:
        self.total = total
        self.started = self.last_line = self.clock()

    def step(self, reused: bool = False) -> None:
        self.done += 1
        self.reused += reused
        now = self.clock()
        if self.terminal:
            self.stream.write("\r" + self.line(now) + "\x1b[K")
            self.stream.flush()
        elif now - self.last_line >= LINE_EVERY_S or self.done == self.total:
            self.stream.write(self.line(now) + "\n")
            self.stream.flush()
            self.last_line = now

    def close(self) -> None:
        if self.terminal and self.done:
            self.stream.write("\n")
            self.stream.flush()

    def time_left(self, now: float) -> float | None:
        """Seconds left, from the pace of the views audited so far (reused ones cost nothing)."""
        audited = self.done - self.reused
        if audited <= 0 or self.done >= self.total:
            return None
        return (now - self.started) / audited * (self.total - self.done)

    def line(self, now: float) -> str:
        share = self.done / self.total if self.total else 1.0
        filled = int(share * BAR_WIDTH)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        left = self.time_left(now)
        parts = [f"{self.done}/{self.total} page views"]
        if self.reused:
            parts.append(f"{self.reused} reused")
        parts.append(f"{_duration(now - self.started)} so far")
        if left is not None:
            parts.append(f"about {_duration(left)} left")
        text = "audit: " + ", ".join(parts)
        return f"[{bar}] {text}" if self.terminal else text
