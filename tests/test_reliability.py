"""Reliability (issue #12): shared NNCost under threads, atomic file writes, the CLI's failures.

Each test here reproduces one fault the issue reported on main and checks
the fixed behaviour.
"""

from __future__ import annotations

import errno
import importlib
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
from nnvec import NNCost, cli
from nnvec.bridge.octave_env import octave_error_message, octave_executable
from nnvec.cli.train import OUTPUT_FILES
from nnvec.io import files
from nnvec.io.display import display_data, load_weights, save_weights
from nnvec.optim.train import init_params, train


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


# ---------------------------------------------------------------- the command line

def test_out_naming_a_file_fails_before_training(tmp_path):
    afile = tmp_path / "taken"
    afile.write_text("not a folder")
    r = run_cli("train", "--data", "digits", "--maxiter", "2", "--out", str(afile))
    assert r.returncode == 2
    assert f"--out: {afile} is a file, not a folder" in one_error_line(r)
    assert "Training" not in r.stdout  # checked before the run, not after it
    r = run_cli("train", "--data", "digits", "--maxiter", "2", "--out", str(afile / "sub"))
    assert r.returncode == 2
    assert f"--out: cannot create {afile / 'sub'}: {afile} is a file" in one_error_line(r)
    assert afile.read_text() == "not a folder"


def test_out_holding_a_folder_named_like_an_output_fails_before_training(tmp_path):
    (tmp_path / "weights.mat").mkdir()
    r = run_cli("train", "--data", "digits", "--maxiter", "2", "--out", str(tmp_path))
    assert r.returncode == 2
    assert f"--out: {tmp_path / 'weights.mat'} is a folder" in one_error_line(r)
    assert "Training" not in r.stdout


def test_out_replaces_existing_outputs_as_before(tmp_path):
    save_weights(tmp_path / "weights.mat", OLD)
    r = run_cli("train", "--data", "digits", "--maxiter", "2", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert load_weights(tmp_path / "weights.mat")[0].shape == (25, 65)
    # The set, its manifest (written last) and the lock file of --out.
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [*OUTPUT_FILES, "run.json", ".nnvec.lock"])


def test_check_out_dir_creates_nothing(tmp_path):
    target = tmp_path / "a" / "b"
    assert files.check_out_dir(target, OUTPUT_FILES) == target
    assert not (tmp_path / "a").exists()
    assert list(tmp_path.iterdir()) == []


def test_negative_seed_names_the_flag():
    r = run_cli("train", "--data", "digits", "--seed", "-1")
    assert r.returncode == 2
    assert "--seed: must be a non-negative integer, got '-1'" in one_error_line(r)


def test_the_optimizer_status_is_printed(tmp_path):
    r = run_cli("train", "--data", "digits", "--maxiter", "2", "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert "Optimizer: reached the iteration limit (2) (status 0, 2 iterations" in r.stdout


@pytest.mark.parametrize("engine", ["python", pytest.param("octave", marks=pytest.mark.octave)])
def test_a_run_that_did_nothing_is_an_error_and_writes_no_weights(tmp_path, engine):
    out = tmp_path / "out"
    r = run_cli("train", "--data", "digits", "--maxiter", "3", "--lambda", "1e300",
                "--engine", engine, "--out", str(out))
    assert r.returncode == 1
    line = one_error_line(r)
    assert "training completed no iteration" in line and "no weights written" in line
    assert "Optimizer: " in r.stdout
    assert "Warning" not in r.stderr  # no numpy overflow warnings
    assert not out.exists()


def test_a_run_ending_with_a_non_finite_cost_is_an_error(tmp_path, monkeypatch, capsys):
    from scipy.optimize import OptimizeResult

    importlib.import_module("nnvec.cli.train")

    command = sys.modules["nnvec.cli.train"]  # the module of `nnvec train`, which calls train
    real_train = command.train

    def diverging(*args, **kwargs):
        # A real run whose last cost is then made non-finite: what a diverging
        # optimizer that still counted iterations would return.
        res = real_train(*args, **kwargs)
        res.fun = float("inf")
        res.fun_history[-1] = np.inf
        return OptimizeResult(res)

    monkeypatch.setattr(command, "train", diverging)
    out = tmp_path / "out"
    with pytest.raises(SystemExit) as exc:
        cli.main(["train", "--data", "digits", "--maxiter", "2", "--out", str(out)])
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert err == ("nnvec: error: training ended with a non-finite cost (inf); no weights "
                   "written (a smaller --lambda or --learning-rate may help)\n")
    assert not out.exists()


def test_momentum_that_overflows_at_once_is_an_error(tmp_path):
    out = tmp_path / "out"
    r = run_cli("train", "--data", "digits", "--maxiter", "5", "--method", "momentum",
                "--learning-rate", "1e300", "--momentum", "0", "--out", str(out))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "not finite" in one_error_line(r)
    assert "Warning" not in r.stderr
    assert not out.exists()


def _children(pid: int) -> list[int]:
    """Processes whose parent is `pid` (Linux /proc)."""
    kids = []
    for stat in os.listdir("/proc"):
        if stat.isdigit():
            try:
                with open(f"/proc/{stat}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                kids.append(int(stat))
    return kids


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        kids = _children(todo.pop())
        found += kids
        todo += kids
    return found


def _cmdline(pid: int) -> list[str]:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().decode(errors="replace").split("\0")
    except OSError:
        return []


def _interrupt_training(tmp_path, *args: str, wait_for: str):
    """Start a long `nnvec train`, wait until it trains, send SIGINT; (process, stderr, kids).

    It trains once a line starting with `wait_for` is out and, under
    ``--engine octave``, once the Octave session (``--interactive``) runs.
    """
    p = subprocess.Popen([sys.executable, "-m", "nnvec", "train", "--data", "digits",
                          "--maxiter", "100000", "--out", str(tmp_path / "out"), *args],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    for line in p.stdout:
        if line.startswith(wait_for):
            break
    pause = threading.Event()
    for _ in range(600):
        if "octave" not in args or any("--interactive" in _cmdline(k)
                                        for k in _descendants(p.pid)):
            break
        pause.wait(0.1)
    pause.wait(1.0)  # well inside the training
    kids = _descendants(p.pid)
    p.send_signal(signal.SIGINT)
    _, err = p.communicate(timeout=60)
    return p, err, kids


def test_sigint_in_the_python_engine_prints_interrupted_and_exits_130(tmp_path):
    p, err, _ = _interrupt_training(tmp_path, wait_for="Training:")
    assert p.returncode == 130
    assert err.strip() == "nnvec: interrupted"
    assert not (tmp_path / "out").exists()


@pytest.mark.octave
def test_sigint_in_the_octave_engine_prints_interrupted_exits_130_and_stops_octave(tmp_path):
    p, err, kids = _interrupt_training(tmp_path, "--engine", "octave",
                                            wait_for="Running trainNN")
    assert kids, "Octave was not running when the test interrupted it"
    assert p.returncode == 130, err
    assert err.strip() == "nnvec: interrupted"  # not "cannot unpack non-iterable NoneType"
    assert not (tmp_path / "out").exists()
    for pid in kids:  # the Octave child is gone, not orphaned
        assert not os.path.exists(f"/proc/{pid}") or _zombie(pid), pid


def _zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def test_engine_octave_without_octave_on_path_is_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "OCTAVE_EXECUTABLE"}
    env["PATH"] = str(tmp_path)  # an empty folder: no octave-cli, no octave
    r = run_cli("train", "--data", "digits", "--maxiter", "2", "--engine", "octave",
                "--out", str(tmp_path / "out"), env=env)
    assert r.returncode == 2
    assert "--engine octave: GNU Octave not found: no octave-cli" in one_error_line(r)


@pytest.mark.octave
def test_octave_errors_show_octaves_message_not_a_stack_frame(tmp_path):
    r = run_cli("train", "--data", "digits", "--maxiter", "2", "--engine", "octave",
                "--method", "momentum", "--learning-rate", "-1", "--out", str(tmp_path))
    assert r.returncode == 2
    line = one_error_line(r)
    assert "Octave: momentumDescent: LearningRate must be" in line and "got -1" in line
    assert " at line " not in line


@pytest.mark.octave
def test_an_octave_run_prints_no_exit_noise(tmp_path):
    r = run_cli("train", "--data", "digits", "--maxiter", "2", "--engine", "octave",
                "--out", str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""  # no "error: ignoring const execution_exception& ..."
    assert "Optimizer: reached the iteration limit (2) (status 0, 2 iterations" in r.stdout


def test_octave_executable_always_has_no_history():
    assert octave_executable({"OCTAVE_EXECUTABLE": "octave-cli"}) == "octave-cli --no-history"
    assert octave_executable({"OCTAVE_EXECUTABLE": "octave --no-history"}) == \
        "octave --no-history"
    assert octave_executable({"PATH": "/nonexistent"}) is None


@pytest.mark.octave
def test_sessions_run_with_no_history(oc):
    """The tests' session, started as nnvec starts every Octave (start_octave)."""
    pid = oc._engine.repl.child.pid
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        argv = f.read().split(b"\0")
    assert b"--no-history" in argv


def test_octave_error_message_keeps_a_multi_line_message():
    text = ("Octave evaluation error:\nerror: trainNN: bad\n  second line\n"
            "error: called from:\n    trainNN at line 60, column 40\n")
    assert octave_error_message(Exception(text)) == "trainNN: bad second line"
    assert octave_error_message(Exception("Session died, restarting")) == \
        "Session died, restarting"


def test_grading_accepts_an_octave_executable_with_arguments(monkeypatch):
    from nnvec.grading.submission import octave_command

    exe = octave_executable({"PATH": os.environ["PATH"]})
    monkeypatch.setenv("OCTAVE_EXECUTABLE", exe)  # e.g. '/usr/bin/octave-cli --no-history'
    command = octave_command()
    assert command[0].endswith(("octave-cli", "octave"))
    assert command.count("--no-history") == 1
