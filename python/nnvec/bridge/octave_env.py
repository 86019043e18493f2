"""The environment nnvec starts GNU Octave in: an oct2py session or ``octave-cli``.

Octave has no ``out=``: every evaluation of the cost allocates its
activations, deltas and temporaries anew and frees them again. glibc's malloc
serves a block above its mmap threshold (128 KiB at start, raised by itself
to at most 32 MiB) with a fresh ``mmap`` and unmaps it on ``free``, and it
trims the top of its heap above 128 KiB, so each evaluation gets new pages
from the kernel and faults every one of them in again, work that grows with
the size of the arrays and that reusing the memory avoids (bench/README.md
has the share of an evaluation it took; ``make bench`` shows the course size
with glibc's defaults beside these settings).

Raising both thresholds keeps freed blocks inside the process, to be reused
by the next evaluation: the Octave twin of the reusable workspace that
``NNCost`` allocates once in Python. They are the environment variables of
``mallopt(3)``, read by glibc when the process starts, so they go into the
child's environment; a value the user set already is kept. Arrays above
256 MiB (X itself at the MNIST size) are still mapped on their own, and
other C libraries ignore the variables.

History. Octave writes its command history when it exits; in a session
started by a program that fails, and Octave prints ``error: ignoring const
execution_exception& while preparing to exit`` on its way out. Every Octave
nnvec starts runs with ``--no-history``: the command lines nnvec builds carry
the flag, and for oct2py (which starts Octave once to read its version and
once for the session) ``OCTAVE_EXECUTABLE`` in the child environment names
``octave-cli --no-history`` (or the user's own ``OCTAVE_EXECUTABLE``, with
the flag added).
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
from collections.abc import Iterator, Mapping

__all__ = ["OCTAVE_ENV", "OctaveNotFoundError", "octave_env", "octave_error_message",
           "octave_executable", "start_octave"]

#: mallopt(3) environment variables for Octave processes (see the module notes).
OCTAVE_ENV: dict[str, str] = {
    "MALLOC_MMAP_THRESHOLD_": str(256 * 2**20),
    "MALLOC_TRIM_THRESHOLD_": str(2**30),
}


def octave_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """`base` (default ``os.environ``) with ``OCTAVE_ENV`` added where not set.

    Parameters
    ----------
    base : mapping of str to str, optional
        The environment to start from; not modified.

    Returns
    -------
    dict
        A new environment for ``subprocess.run(..., env=...)``.

    Examples
    --------
    >>> octave_env({"MALLOC_TRIM_THRESHOLD_": "0"})["MALLOC_TRIM_THRESHOLD_"]
    '0'
    >>> octave_env({})["MALLOC_MMAP_THRESHOLD_"]
    '268435456'
    """
    env = dict(os.environ if base is None else base)
    for name, value in OCTAVE_ENV.items():
        env.setdefault(name, value)
    exe = octave_executable(env)
    if exe is not None:
        env["OCTAVE_EXECUTABLE"] = exe
    return env


class OctaveNotFoundError(FileNotFoundError):
    """GNU Octave is not installed (or not on PATH): one line saying how to get it."""

    def __str__(self) -> str:
        return str(self.strerror)


def octave_executable(env: Mapping[str, str] | None = None) -> str | None:
    """The command that starts Octave, with ``--no-history``; None when there is none.

    ``$OCTAVE_EXECUTABLE`` when set (oct2py's variable), else ``octave-cli``,
    else ``octave`` from PATH; ``--no-history`` is added when missing.

    Examples
    --------
    >>> octave_executable({"OCTAVE_EXECUTABLE": "/opt/octave/bin/octave-cli"})
    '/opt/octave/bin/octave-cli --no-history'
    """
    env = os.environ if env is None else env
    exe = env.get("OCTAVE_EXECUTABLE", "").strip()
    if not exe:
        found = shutil.which("octave-cli", path=env.get("PATH")) or shutil.which(
            "octave", path=env.get("PATH"))
        if found is None:
            return None
        exe = shlex.quote(found)
    if "--no-history" not in shlex.split(exe):
        exe += " --no-history"
    return exe


def octave_error_message(exc: BaseException) -> str:
    r"""Octave's own error text from an ``Oct2PyError``, without oct2py's frame lines.

    oct2py's text is ``Octave evaluation error:``, then ``error: <message>``
    (possibly several lines), then ``error: called from:`` and one line per
    stack frame. This returns ``<message>`` on one line.

    Examples
    --------
    >>> octave_error_message(Exception(
    ...     "Octave evaluation error:\nerror: trainNN: lambda must be >= 0, got -1\n"
    ...     "error: called from:\n    trainNN at line 60, column 40"))
    'trainNN: lambda must be >= 0, got -1'
    """
    text = str(exc).strip()
    _, sep, rest = text.partition("Octave evaluation error:")
    if sep:
        text = rest
    text = text.split("error: called from", 1)[0]
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if lines and lines[0].startswith("error: "):
        lines[0] = lines[0][len("error: "):]
    return " ".join(lines) or type(exc).__name__


@contextlib.contextmanager
def _environ(env: Mapping[str, str]) -> Iterator[None]:
    """os.environ set to `env` for the duration (oct2py's child copies os.environ)."""
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def start_octave(**kwargs: object):
    """An ``oct2py.Oct2Py`` session whose Octave process runs with ``octave_env()``.

    Keyword arguments go to ``Oct2Py``. The caller's ``os.environ`` is the
    same afterwards as before. Octave runs with ``--no-history`` (see the
    module notes).

    Raises
    ------
    OctaveNotFoundError
        When no Octave is found; checked before oct2py is imported (its
        import starts a default session and prints a traceback without one).
    """
    env = octave_env()
    if "OCTAVE_EXECUTABLE" not in env:
        raise OctaveNotFoundError(
            2, "GNU Octave not found: no octave-cli or octave on PATH (install Debian's "
               "octave package, `make setup` does it, or set OCTAVE_EXECUTABLE)")
    with _environ(env):
        from oct2py import Oct2Py  # imported here: its default session gets this environment

        return Oct2Py(**kwargs)
