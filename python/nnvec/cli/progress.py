"""The progress of a training run on the terminal."""

from __future__ import annotations

import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    """Iteration, cost and elapsed time: a redrawn bar on a terminal, plain lines otherwise."""

    def __init__(self, total: int, stream: TextIO, width: int = 30) -> None:
        self.total = total
        self.stream = stream
        self.width = width
        self.start = time.perf_counter()
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.every = max(1, total // 50)  # at most ~50 plain lines
        self.drawn = False

    def update(self, i: int, cost: float) -> None:
        elapsed = time.perf_counter() - self.start
        if self.tty:
            done = int(self.width * min(i, self.total) / self.total)
            bar = "#" * done + "." * (self.width - done)
            self.stream.write(f"\r[{bar}] {i:>{len(str(self.total))}}/{self.total}"
                              f"  cost {cost:.6f}  {elapsed:6.1f} s")
            self.stream.flush()
            self.drawn = True
        elif i % self.every == 0 or i == self.total:
            self.stream.write(f"Iteration {i:4d} | Cost: {cost:.6e} | {elapsed:.2f} s\n")
            self.stream.flush()

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
