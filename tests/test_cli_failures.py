"""The command line's failures: one line ``nnvec: error: ...``, the right exit status,
nothing written, and the run stopped cleanly (Ctrl-C, Octave missing, a run that
did nothing or diverged)."""

from __future__ import annotations

import importlib
import os
import signal
import subprocess
import sys
import threading

import numpy as np
import pytest
import scipy.io
from conftest import ROOT
from nnvec import cli
from nnvec.cli.train import OUTPUT_FILES
from nnvec.io import files
from nnvec.io.display import load_weights, save_weights


def run_cli(*args: str, env: dict | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nnvec", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=timeout, check=False, env=env)


def main_in_process(capsys, *args: str) -> subprocess.CompletedProcess:
    """`nnvec ARGS` through cli.main in this process, as a CompletedProcess.

    For the checks of a message, a status and the files, which need no process
    of their own (each starts Python, numpy and matplotlib anew); the checks of
    signals, warnings on stderr, Octave's exit noise and PATH keep run_cli.
    """
    capsys.readouterr()
    try:
        status = cli.main(list(args))
    except SystemExit as exc:
        status = exc.code
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(["nnvec", *args], status, out, err)


def one_error_line(r: subprocess.CompletedProcess) -> str:
    """The single ``nnvec: error: ...`` line of a failed run (and nothing else on stderr)."""
    assert "Traceback" not in r.stderr + r.stdout, r.stderr
    assert r.stderr.startswith("nnvec: error: ") and r.stderr.count("\n") == 1, r.stderr
    return r.stderr


# ---------------------------------------------------------------- threads


# ---------------------------------------------------------------- files written aside

OLD = [np.arange(6.0).reshape(2, 3), np.ones((1, 3))]
NEW = [np.full((2, 3), 7.0), np.zeros((1, 3))]


# ---------------------------------------------------------------- the command line

def test_out_naming_a_file_fails_before_training(tmp_path, capsys):
    afile = tmp_path / "taken"
    afile.write_text("not a folder")
    r = main_in_process(capsys, "train", "--data", "digits", "--maxiter", "2", "--out", str(afile))
    assert r.returncode == 2
    assert f"--out: {afile} is a file, not a folder" in one_error_line(r)
    assert "Training" not in r.stdout  # checked before the run, not after it
    r = main_in_process(capsys, "train", "--data", "digits", "--maxiter", "2",
                        "--out", str(afile / "sub"))
    assert r.returncode == 2
    assert f"--out: cannot create {afile / 'sub'}: {afile} is a file" in one_error_line(r)
    assert afile.read_text() == "not a folder"


def test_out_holding_a_folder_named_like_an_output_fails_before_training(tmp_path, capsys):
    (tmp_path / "weights.mat").mkdir()
    r = main_in_process(capsys, "train", "--data", "digits", "--maxiter", "2",
                        "--out", str(tmp_path))
    assert r.returncode == 2
    assert f"--out: {tmp_path / 'weights.mat'} is a folder" in one_error_line(r)
    assert "Training" not in r.stdout


def test_out_replaces_existing_outputs_as_before(tmp_path, capsys):
    save_weights(tmp_path / "weights.mat", OLD)
    r = main_in_process(capsys, "train", "--data", "digits", "--maxiter", "2",
                        "--out", str(tmp_path))
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


def test_negative_seed_names_the_flag(capsys):
    r = main_in_process(capsys, "train", "--data", "digits", "--seed", "-1")
    assert r.returncode == 2
    assert "--seed: must be a non-negative integer, got '-1'" in one_error_line(r)


def test_the_optimizer_status_is_printed(tmp_path, capsys):
    r = main_in_process(capsys, "train", "--data", "digits", "--maxiter", "2",
                        "--out", str(tmp_path))
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


def test_cli_huge_hidden_layer(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["train", "--data", "digits", "--hidden", "100000000", "--maxiter", "1",
                  "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert err.startswith("nnvec: error: --hidden: layer sizes [64 100000000 10] with m = ")
    assert "more than the limit of" in err and len(err.splitlines()) == 1


def test_cli_stray_label(tmp_path, capsys):
    rng = np.random.default_rng(0)
    y = (np.arange(30) % 3 + 1).astype(float)
    y[7] = 1e9
    path = tmp_path / "stray.mat"
    scipy.io.savemat(path, {"X": rng.random((30, 4)), "y": y.reshape(-1, 1)})
    with pytest.raises(SystemExit) as exc:
        cli.main(["train", "--data", str(path), "--maxiter", "1", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert err == (f"nnvec: error: --data {path}: labels must run 1..K with every label present, "
                   "got 1000000000 at position 8 of the training labels but only 4 distinct "
                   "labels (a stray label?)\n")
