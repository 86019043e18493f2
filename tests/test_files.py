"""Files written aside, then renamed (nnvec.io.files): an interrupted save, a full disk
or Ctrl-C leaves the old file whole, and nothing half-written behind."""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import sys

import numpy as np
import pytest
import scipy.io
from nnvec.io import files
from nnvec.io.display import display_data, load_weights, save_weights

OLD = [np.arange(6.0).reshape(2, 3), np.ones((1, 3))]
NEW = [np.full((2, 3), 7.0), np.zeros((1, 3))]


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "weights.mat")


def _failing_savemat(exc: BaseException):
    def savemat(f, mats, **kwargs):
        f.write(b"MATLAB 5.0 MAT-file, half written")  # part of a file, then the fault
        raise exc
    return savemat


@pytest.mark.parametrize("exc", [KeyboardInterrupt(), RuntimeError("simulated fault")])
def test_a_save_interrupted_mid_write_leaves_the_old_weights(tmp_path, monkeypatch, exc):
    target = tmp_path / "weights.mat"
    save_weights(target, OLD)
    monkeypatch.setattr(scipy.io, "savemat", _failing_savemat(exc))
    with pytest.raises(type(exc)):
        save_weights(target, NEW)
    monkeypatch.undo()
    for got, want in zip(load_weights(target), OLD, strict=True):
        np.testing.assert_array_equal(got, want)
    assert _leftovers(tmp_path) == []


def test_a_full_disk_names_the_file_and_keeps_the_old_one(tmp_path, monkeypatch):
    target = tmp_path / "weights.mat"
    save_weights(target, OLD)
    monkeypatch.setattr(scipy.io, "savemat",
                        _failing_savemat(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))))
    message = re.escape(f"save_weights: could not write {target}: No space")
    with pytest.raises(OSError, match=message) as e:
        save_weights(target, NEW)
    assert e.value.errno == errno.ENOSPC
    monkeypatch.undo()
    np.testing.assert_array_equal(load_weights(target)[0], OLD[0])
    assert _leftovers(tmp_path) == []


def test_a_full_disk_during_fsync_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "weights.mat"
    save_weights(target, OLD)

    def fsync(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OSError, match=r"weights\.mat: No space left on device"):
        save_weights(target, NEW)
    monkeypatch.undo()
    np.testing.assert_array_equal(load_weights(target)[1], OLD[1])
    assert _leftovers(tmp_path) == []


def test_png_is_written_aside_too(tmp_path, monkeypatch):
    import matplotlib.image

    target = tmp_path / "digits.png"
    display_data(np.eye(4), (2, 2), path=target)
    before = target.read_bytes()

    def imsave(f, *args, **kwargs):
        f.write(b"\x89PNG partial")
        raise KeyboardInterrupt

    monkeypatch.setattr(matplotlib.image, "imsave", imsave)
    with pytest.raises(KeyboardInterrupt):
        display_data(np.ones((4, 4)), (2, 2), path=target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["digits.png"]


def test_write_aside_keeps_the_umask_mode(tmp_path):
    target = files.write_aside(tmp_path / "x.bin", lambda f: f.write(b"x"))
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_sigint_during_a_real_save_keeps_the_old_file(tmp_path):
    """A real SIGINT to a process in the middle of writing weights.mat."""
    target = tmp_path / "weights.mat"
    save_weights(target, OLD)
    code = f"""
import sys, time, scipy.io
from nnvec.io.display import save_weights
real = scipy.io.savemat
def slow(f, mats, **kw):
    f.write(b"MATLAB 5.0 partial")
    f.flush()
    print("writing", flush=True)
    time.sleep(30)
scipy.io.savemat = slow
save_weights({str(target)!r}, [[[1.0]]])
"""
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "writing"
    p.send_signal(signal.SIGINT)
    p.communicate(timeout=30)
    assert p.returncode != 0
    np.testing.assert_array_equal(load_weights(target)[0], OLD[0])
    assert _leftovers(tmp_path) == []
