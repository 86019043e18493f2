"""``nnvec octave-path``: print the folder of nnvec's Octave functions, for ``addpath``.

A notebook on ``octave_kernel``, a shell script or Octave itself finds the
folder without Python::

    [~, d] = system('nnvec octave-path');  addpath(strtrim(d));

The folder is `nnvec.resources.octave_dir` (the checkout's ``octave/``, or
``site-packages/nnvec/octave`` in an installed wheel), printed as it is on
disk, non-ASCII letters and spaces included, on one line. Octave's
``addpath`` splits its argument at ``pathsep`` (``:``, ``;`` on Windows), so
a folder whose name holds one cannot be added: the command then still prints
it, and says on stderr to ``cd`` into it instead (Octave finds the functions,
and their ``private/``, in the current folder).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from ..resources import octave_dir

__all__ = ["pathsep_warning", "run_octave_path"]


def pathsep_warning(folder: Path | str, pathsep: str = os.pathsep) -> str | None:
    """The warning for a folder Octave's ``addpath`` would split, else None.

    Examples
    --------
    >>> pathsep_warning("/opt/nnvec/octave") is None
    True
    >>> pathsep_warning("/tmp/a:b/octave").startswith("nnvec octave-path: warning: ")
    True
    """
    if pathsep not in str(folder):
        return None
    return (f"nnvec octave-path: warning: the folder's name holds {pathsep!r}, where Octave's "
            f"addpath splits it; cd into the folder instead (cd(strtrim(d)))")


def run_octave_path(stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Print `nnvec.resources.octave_dir` on one line; a warning on stderr if addpath can't take it.

    Returns 0 (the folder exists: `octave_dir` raises ``OSError`` otherwise,
    which the command line reports in one line, exit 2).
    """
    stdout = sys.stdout if stdout is None else stdout
    stderr = sys.stderr if stderr is None else stderr
    folder = octave_dir()
    # The name's bytes as they are on disk, whatever the locale's encoding:
    # Octave reads them back as bytes too (system's output, addpath, cd).
    out = getattr(stdout, "buffer", None)
    if out is not None:
        stdout.flush()
        out.write(os.fsencode(folder) + b"\n")
        out.flush()
    else:
        stdout.write(f"{folder}\n")
    warning = pathsep_warning(folder)
    if warning is not None:
        stderr.write(warning + "\n")
    return 0
