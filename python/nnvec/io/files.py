"""Files written aside and renamed into place, and the output folder checked up front.

A file nnvec writes (``weights.mat``, the pictures, ``data/digits.mat``) is
first written to a temporary file in the same folder, flushed to the disk
(``fsync``) and only then renamed over the target with ``os.replace``, which
swaps the name in one step on POSIX and Windows. So the target is either the
old file or the complete new one, whatever happens in between: an exception,
a full disk, Ctrl-C. On any failure the temporary file is removed, and an
``OSError`` names the target. The temporary file is ``.<name>.<pid>.<random>.part``:
after a SIGKILL, the next ``nnvec train`` into the folder removes it once
that pid is gone (``nnvec.io.runs.remove_leftovers``).

Octave twin: ``octave/private/writeAside.m`` (for ``displayData``'s PNG).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

__all__ = ["FileWriteError", "check_out_dir", "write_aside"]

PathLike = str | os.PathLike


class FileWriteError(OSError):
    """An ``OSError`` whose text is one plain sentence naming the file (no ``[Errno n]``).

    ``errno`` and ``filename`` keep the original error's values.
    """

    def __str__(self) -> str:
        return str(self.strerror)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_aside(path: PathLike, write: Callable[[BinaryIO], object], *,
                fname: str = "write_aside") -> Path:
    """Write a file through a temporary file in its folder, then rename it into place.

    Parameters
    ----------
    path : str or path-like
        The file to (re)write. Its folder must exist.
    write : callable
        ``write(f)`` writes the whole content to the binary file object `f`
        (e.g. ``lambda f: scipy.io.savemat(f, mats)``).
    fname : str
        The function name the error message starts with.

    Returns
    -------
    Path
        `path`, now holding the new content.

    Raises
    ------
    FileWriteError
        When the file could not be written (full disk, no permission, ...):
        ``"<fname>: could not write <path>: <reason>"``. The old file, if
        any, is unchanged.
    BaseException
        Whatever `write` raised otherwise (KeyboardInterrupt included), after
        removing the temporary file; the old file is unchanged.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "hello.txt"
    >>> _ = write_aside(target, lambda f: f.write(b"hi"))
    >>> target.read_bytes()
    b'hi'
    """
    path = Path(path)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.",
                                        suffix=".part")
        with os.fdopen(fd, "wb") as f:
            # mkstemp makes the file private (0600); give it the mode a new file gets.
            if hasattr(os, "fchmod"):
                os.fchmod(f.fileno(), 0o666 & ~_umask())
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise FileWriteError(exc.errno, f"{fname}: could not write {path}: {reason}",
                             os.fspath(path)) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return path


def check_out_dir(path: PathLike, names: tuple[str, ...] = (), *,
                  what: str = "--out") -> Path:
    """Check, before any work, that the folder `path` can receive files `names`.

    The folder may exist (it must then be a folder, writable, and none of
    `names` in it may be a folder) or not (then the nearest existing parent
    must be a writable folder, so it can be created). Nothing is created.

    Parameters
    ----------
    path : str or path-like
        The output folder.
    names : tuple of str
        The files that will be written there (existing files are replaced).
    what : str
        How the message names the folder (the command-line flag).

    Returns
    -------
    Path
        `path`.

    Raises
    ------
    ValueError
        Naming `what` and the path, and what is wrong.
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise ValueError(f"{what}: {path} is a file, not a folder")
    if path.is_dir():
        for name in names:
            if (path / name).is_dir():
                raise ValueError(f"{what}: {path / name} is a folder; it would be replaced "
                                 f"by the file {name}")
        _probe(path, f"{what}: cannot write into {path}")
        return path
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise ValueError(f"{what}: cannot create {path}: {parent} is a file, not a folder")
    _probe(parent, f"{what}: cannot create {path}: {parent} is not writable")
    return path


def _probe(folder: Path, message: str) -> None:
    """Create and remove a temporary file in `folder` (os.access is wrong for root, ACLs)."""
    try:
        with tempfile.TemporaryFile(dir=folder, prefix=".nnvec-probe."):
            pass
    except OSError as exc:
        raise ValueError(f"{message} ({exc.strerror or exc})") from None
