"""The two failures the command line reports in one line (``nnvec: error: ...``)."""

from __future__ import annotations


class UsageError(Exception):
    """A problem with what the user asked for: reported in one line, exit 2."""


class RunError(Exception):
    """The run itself failed (e.g. training did nothing): reported in one line, exit 1."""
