"""A small progress bar for long computations, shown only when they last.

Solvers take a :class:`Progress` and call :meth:`Progress.advance`; nothing is printed
until ``delay`` seconds have passed, so quick runs stay quiet. On a terminal the bar redraws
in place; in a log (not a TTY) it prints a line at most every ``log_every`` seconds.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Counts ``total`` steps of work labelled ``desc``.

    Parameters
    ----------
    total:
        Number of steps (>= 0); may be changed later with :meth:`reset`.
    desc:
        Label printed before the bar.
    enabled:
        ``False`` silences it (library use); ``None`` (default) shows it on ``stream``.
    delay:
        Seconds [s] before the first draw.
    """

    def __init__(
        self,
        total: int = 0,
        desc: str = "",
        *,
        enabled: bool | None = None,
        stream: TextIO | None = None,
        delay: float = 2.0,
        log_every: float = 10.0,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = True if enabled is None else enabled
        self.delay = delay
        self.log_every = log_every
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.reset(total, desc)

    def reset(self, total: int, desc: str | None = None) -> Progress:
        """Start counting again from zero, towards ``total`` steps."""
        self.total = max(int(total), 0)
        if desc is not None:
            self.desc = desc
        self.n = 0
        self.start = time.monotonic()
        self._last_draw = 0.0
        self._drawn = False
        self._drawn_n = -1
        return self

    def advance(self, n: int = 1) -> None:
        """Record ``n`` more steps done; redraw if due."""
        self.n += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < self.delay:
            return
        interval = 0.1 if self.tty else self.log_every
        if self._drawn and now - self._last_draw < interval and self.n < self.total:
            return
        self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = now - self.start
        frac = min(self.n / self.total, 1.0) if self.total else 0.0
        width = 30
        bar = "#" * int(frac * width) + "." * (width - int(frac * width))
        eta = f" eta {elapsed * (1 - frac) / frac:5.0f} s" if 0 < frac < 1 else ""
        line = f"{self.desc} [{bar}] {self.n}/{self.total} {elapsed:6.1f} s{eta}"
        if self.tty:
            self.stream.write("\r" + line + "\x1b[K")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
        self._drawn = True
        self._drawn_n = self.n
        self._last_draw = now

    def close(self) -> None:
        """Finish the bar (a final newline on a terminal if it was drawn)."""
        if self.enabled and self._drawn:
            if self._drawn_n != self.n:  # show the final count once
                self._draw(time.monotonic())
            if self.tty:
                self.stream.write("\n")
                self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
