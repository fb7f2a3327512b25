"""Progress of the audit: a bar with counts and time left on a terminal, few plain lines in CI."""

from __future__ import annotations

import io

from macros.audit.progress import Progress


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_a_terminal_gets_one_redrawn_bar_with_counts_and_time_left():
    out, clock = io.StringIO(), Clock()
    progress = Progress(out, terminal=True, clock=clock)
    progress.begin(10)
    progress.step(reused=True)
    clock.now += 4
    progress.step()
    progress.step()
    assert out.getvalue().count("\r") == 3 and "\n" not in out.getvalue()
    last = out.getvalue().rsplit("\r", 1)[1]
    # Two views audited in 4 s: 2 s each, 7 views to go.
    assert "3/10 page views, 1 reused, 4 s so far, about 14 s left" in last
    assert last.startswith("[#######")
    progress.close()
    assert out.getvalue().endswith("\n")


def test_without_a_terminal_a_line_every_half_minute_and_at_the_end():
    out, clock = io.StringIO(), Clock()
    progress = Progress(out, terminal=False, clock=clock)
    progress.begin(100)
    for _ in range(99):
        clock.now += 1
        progress.step()
    lines = out.getvalue().splitlines()
    assert lines == ["audit: 30/100 page views, 30 s so far, about 1 min 10 s left",
                     "audit: 60/100 page views, 1 min 00 s so far, about 40 s left",
                     "audit: 90/100 page views, 1 min 30 s so far, about 10 s left"]
    clock.now += 1
    progress.step()
    assert out.getvalue().splitlines()[-1] == "audit: 100/100 page views, 1 min 40 s so far"
    assert "\r" not in out.getvalue() and "[" not in out.getvalue()
