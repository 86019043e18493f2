"""A run's outputs as one set: a lock on the output folder, staging, and the manifest ``run.json``.

``nnvec train`` writes its files (``weights.mat``, the pictures) so that the
output folder never holds a *mixed set*, the new weights next to the old
pictures:

1. `OutDirLock` takes an exclusive ``flock`` on ``<out>/.nnvec.lock`` (the
   file holds the pid of the run). A second run into the same folder is
   refused at once, naming the folder and that pid. The kernel releases the
   lock when the process ends, however it ends (SIGKILL included).
2. Holding the lock, `remove_leftovers` deletes what a killed run left: the
   ``.*.part`` files of `write_aside` and the staging folders, when the pid
   their name records is not alive.
3. The outputs are written into a fresh hidden staging folder inside the
   output folder (`Staging`: same file system, so a rename moves a file in
   one step), then `Staging.commit` swaps them in: the old ``run.json`` is
   removed first, then each file is renamed in, then the new ``run.json``,
   listing every file of the set with its sha256 and size, is written aside
   and renamed in, last.

So after any interruption the folder holds either the complete old set with
its manifest (interrupted before the swap), or files with *no* ``run.json``
(interrupted during the swap: not a complete set), or the complete new set
with its manifest. A file whose hash differs from the manifest's belongs to
another run: `check_manifest` (used by ``load_weights`` and ``nnvec
predict``) refuses it.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .files import FileWriteError, write_aside

__all__ = ["LOCK_NAME", "MANIFEST", "OutDirBusyError", "OutDirLock", "Staging",
           "check_manifest", "file_digest", "read_manifest", "remove_leftovers"]

PathLike = str | os.PathLike

#: The manifest of the set, written last.
MANIFEST = "run.json"
#: The lock file inside the output folder.
LOCK_NAME = ".nnvec.lock"
_STAGE_PREFIX = ".nnvec-stage."
# write_aside's temporary files: ".<name>.<pid>.<random>.part" (or, before
# the pid was recorded, ".<name>.<random>.part").
_PART = re.compile(r"^\..+\.part$")
_PART_PID = re.compile(r"^\..+\.(\d+)\.[^.]+\.part$")
_STAGE = re.compile(r"^" + re.escape(_STAGE_PREFIX) + r"(\d+)\.")


class OutDirBusyError(OSError):
    """Another process holds the lock of the output folder; one plain sentence."""

    def __str__(self) -> str:
        return str(self.strerror)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: alive
        return True
    return True


class OutDirLock:
    """An exclusive lock on an output folder, held for a ``with`` block.

    Creates the folder if needed; on leaving, a folder this lock created and
    that holds nothing but the lock file is removed again, so a run that
    failed before writing leaves nothing behind.

    Raises
    ------
    OutDirBusyError
        ``"<what>: <folder> is in use by another nnvec run (pid N)"``.
    """

    def __init__(self, folder: PathLike, what: str = "--out") -> None:
        self.folder = Path(folder)
        self.what = what
        self._fd: int | None = None
        self._created = False

    def __enter__(self) -> OutDirLock:
        try:
            import fcntl
        except ImportError:  # not POSIX (Windows): no lock, as before
            fcntl = None
        self._created = not self.folder.exists()
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / LOCK_NAME
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            try:
                pid = path.read_text().strip() or "unknown"
            except OSError:
                pid = "unknown"
            raise OutDirBusyError(
                errno.EBUSY, f"{self.what}: {self.folder} is in use by another nnvec run "
                f"(pid {pid}); wait for it, or choose another {self.what}",
                os.fspath(self.folder)) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is None:
            return
        if self._created and [p.name for p in self.folder.iterdir()] == [LOCK_NAME]:
            with contextlib.suppress(OSError):
                os.unlink(self.folder / LOCK_NAME)
                self.folder.rmdir()
        os.close(self._fd)  # releases the flock
        self._fd = None


def remove_leftovers(folder: PathLike) -> list[str]:
    """Remove what killed runs left in `folder`; the names removed.

    ``.*.part`` files and staging folders whose recorded pid is not alive
    (and ``.part`` files of the older format, which record no pid). Call it
    holding the folder's `OutDirLock`.
    """
    removed = []
    for p in Path(folder).iterdir():
        m = _STAGE.match(p.name)
        if m and p.is_dir() and not _alive(int(m.group(1))):
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p.name)
        elif _PART.match(p.name) and p.is_file():
            pm = _PART_PID.match(p.name)
            if pm is None or not _alive(int(pm.group(1))):
                with contextlib.suppress(OSError):
                    p.unlink()
                    removed.append(p.name)
    return sorted(removed)


def file_digest(path: PathLike) -> str:
    """The sha256 of a file, as hex."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Staging:
    """A fresh hidden folder inside `folder` for a run's files, swapped in by `commit`.

    Use as a ``with`` block; the staging folder is removed on leaving (after
    a commit it is empty). `path` is the folder to write into.
    """

    def __init__(self, folder: PathLike) -> None:
        self.folder = Path(folder)
        self.path = Path(tempfile.mkdtemp(dir=self.folder,
                                          prefix=f"{_STAGE_PREFIX}{os.getpid()}."))

    def __enter__(self) -> Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def commit(self, names: Iterable[str], manifest: dict, stale: Iterable[str] = ()) -> dict:
        """Swap the staged files `names` in, then write `manifest` + the files as run.json.

        `stale` are names of an older set that this one does not hold (removed
        with the old manifest). Returns the manifest written.
        """
        names = list(names)
        files = {n: {"sha256": file_digest(self.path / n),
                     "bytes": (self.path / n).stat().st_size} for n in names}
        manifest = {**manifest, "files": files}
        text = json.dumps(manifest, indent=2, sort_keys=False) + "\n"
        # From here until run.json is back the folder is not a complete set.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.folder / MANIFEST)
        for n in stale:
            if n not in files:
                with contextlib.suppress(FileNotFoundError, IsADirectoryError):
                    os.unlink(self.folder / n)
        try:
            for n in names:
                os.replace(self.path / n, self.folder / n)
        except OSError as exc:
            raise FileWriteError(exc.errno, f"nnvec train: could not move {n} into "
                                 f"{self.folder}: {exc.strerror or exc}",
                                 os.fspath(self.folder / n)) from exc
        _fsync_dir(self.folder)
        write_aside(self.folder / MANIFEST, lambda f: f.write(text.encode()),
                    fname="nnvec train")
        _fsync_dir(self.folder)
        return manifest


def _fsync_dir(folder: Path) -> None:
    """Make the renames in `folder` durable (POSIX; a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def read_manifest(folder: PathLike, fname: str) -> dict | None:
    """The run.json of `folder` as a dict, or None when there is none."""
    path = Path(folder) / MANIFEST
    try:
        text = path.read_text()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ValueError(f"{fname}: cannot read {path}: {exc.strerror or exc}") from None
    try:
        manifest = json.loads(text)
    except ValueError:
        manifest = None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), dict):
        raise ValueError(f"{fname}: {path} is not an nnvec run manifest")
    return manifest


def check_manifest(path: PathLike, fname: str) -> dict | None:
    """The manifest of the run `path` belongs to, or None when its folder has no run.json.

    Raises
    ------
    ValueError
        When the folder's run.json lists the file with another sha256 or size:
        the file belongs to another run (an interrupted ``nnvec train``).
    """
    path = Path(path)
    manifest = read_manifest(path.parent, fname)
    if manifest is None:
        return None
    entry = manifest["files"].get(path.name)
    if entry is None:
        return None  # not one of the run's files
    ok = (isinstance(entry, dict) and entry.get("bytes") == path.stat().st_size
          and entry.get("sha256") == file_digest(path))
    if not ok:
        raise ValueError(f"{fname}: {path} does not belong to the run that "
                         f"{path.parent / MANIFEST} describes (its sha256 differs): "
                         "an interrupted nnvec train? Run it again")
    return manifest
