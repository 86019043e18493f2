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
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping

__all__ = ["OCTAVE_ENV", "octave_env", "start_octave"]

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
    return env


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
    same afterwards as before.
    """
    from oct2py import Oct2Py

    with _environ(octave_env()):
        return Oct2Py(**kwargs)
