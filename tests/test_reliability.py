"""Reliability (issue #12): shared NNCost under threads, atomic file writes, the CLI's failures.

Each test here reproduces one fault the issue reported on main and checks
the fixed behaviour.
"""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import sys
import threading

import numpy as np
import pytest
import scipy.io
from conftest import ROOT
from nnvec import NNCost, files
from nnvec.display import display_data, load_weights, save_weights
from nnvec.train import init_params, train


def run_cli(*args: str, env: dict | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nnvec", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=timeout, check=False, env=env)


def one_error_line(r: subprocess.CompletedProcess) -> str:
    """The single ``nnvec: error: ...`` line of a failed run (and nothing else on stderr)."""
    assert "Traceback" not in r.stderr + r.stdout, r.stderr
    assert r.stderr.startswith("nnvec: error: ") and r.stderr.count("\n") == 1, r.stderr
    return r.stderr


# ---------------------------------------------------------------- threads

def _problem(m: int = 600):
    # Big enough that numpy releases the GIL inside the products, so unguarded
    # calls really overlap (on main most of these calls came back wrong).
    rng = np.random.default_rng(7)
    sizes = [64, 30, 20, 10]
    X = rng.standard_normal((m, sizes[0]))
    y = 1 + np.arange(m) % sizes[-1]
    params = [init_params(sizes, k) * 3 for k in range(8)]
    return sizes, X, y, params


@pytest.mark.parametrize("workers", [1, 2])
def test_shared_nncost_under_four_threads_gives_the_serial_results(workers):
    sizes, X, y, params = _problem()
    serial = [NNCost(sizes, X, y, 0.5)(p) for p in params]
    with NNCost(sizes, X, y, 0.5, workers=workers) as shared:
        if workers > 1:
            # The serial run of the worker version (block sums in another order).
            serial = [shared(p) for p in params]
            serial = [(J, g.copy()) for J, g in serial]
        results: list[list] = [[] for _ in range(4)]
        start = threading.Barrier(4)

        def work(t: int) -> None:
            start.wait()
            for r in range(10):
                k = (t + r) % len(params)
                J, g = shared(params[k])
                results[t].append((k, J, g))

        threads = [threading.Thread(target=work, args=(t,)) for t in range(4)]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    calls = [c for res in results for c in res]
    assert len(calls) == 40
    for k, J, g in calls:
        assert J == serial[k][0]
        np.testing.assert_array_equal(g, serial[k][1])


def test_nncost_close_releases_its_pool_and_refuses_calls():
    sizes, X, y, params = _problem()
    cost = NNCost(sizes, X, y, workers=2)
    pool = cost._pool
    with cost:
        cost(params[0])
    assert pool._shutdown
    cost.close()  # twice is fine
    with pytest.raises(ValueError, match="NNCost: this NNCost is closed"):
        cost(params[0])


def test_train_closes_the_pools_it_starts():
    sizes, X, y, _ = _problem(40)
    before = threading.active_count()
    for _ in range(3):
        train(X, y, sizes, maxiter=2, rng=0, threads=2)
    assert threading.active_count() == before


# ---------------------------------------------------------------- files written aside

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
from nnvec.display import save_weights
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
