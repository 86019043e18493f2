"""A run's outputs as one set (issue #24, "Outputs and runs").

The manifest run.json written last, the staging folder swapped in, the lock
on --out (two real processes), leftovers of a killed run (SIGKILL in a real
child), ``nnvec predict``, and a diverging momentum run in both engines.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from conftest import ROOT
from nnvec import load_weights, momentum_descent, save_weights
from nnvec.cli.train import OUTPUT_FILES
from nnvec.io.runs import LOCK_NAME, MANIFEST, file_digest
from nnvec.optim.momentum import DIVERGED, DIVERGENCE_FACTOR

ENV = {**os.environ, "PYTHONPATH": str(ROOT / "python")}


def run_cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nnvec", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=timeout, check=False, env=ENV)


def one_error_line(r: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in r.stderr + r.stdout, r.stderr
    assert r.stderr.startswith("nnvec: error: ") and r.stderr.count("\n") == 1, r.stderr
    return r.stderr


def train_digits(out, *args: str) -> subprocess.CompletedProcess:
    r = run_cli("train", "--data", "digits", "--maxiter", "3", "--out", str(out), *args)
    assert r.returncode == 0, r.stderr
    return r


def assert_complete_set(out) -> dict:
    """run.json is there and every file it lists has its sha256 and size."""
    manifest = json.loads((out / MANIFEST).read_text())
    for name, entry in manifest["files"].items():
        assert file_digest(out / name) == entry["sha256"], name
        assert (out / name).stat().st_size == entry["bytes"], name
    return manifest


def hidden_leftovers(out) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".") and
                  p.name != LOCK_NAME)


# A child `nnvec train` whose step `target` (a name in nnvec.cli.train) prints
# `word` and sleeps, so that the test can act (kill it, start another run) at
# a known point.
CHILD = """
import sys, time
import nnvec.cli.train as command
from nnvec import cli
real = getattr(command, {target!r})
def slow(*args, **kwargs):
    print({word!r}, flush=True)
    time.sleep(120)
    return real(*args, **kwargs)
setattr(command, {target!r}, slow)
sys.exit(cli.main(["train", "--data", "digits", "--maxiter", "3", "--out", {out!r}]))
"""


def start_child(out, target: str, word: str) -> subprocess.Popen:
    code = CHILD.format(target=target, word=word, out=str(out))
    p = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, cwd=ROOT, env=ENV)
    for line in p.stdout:
        if line.strip() == word:
            return p
    p.wait(timeout=30)
    raise AssertionError(f"the child ended first: {p.stderr.read()}")


def kill(p: subprocess.Popen) -> None:
    p.send_signal(signal.SIGKILL)
    p.communicate(timeout=30)


# ---------------------------------------------------------------- the manifest

def test_train_writes_run_json_last_listing_the_set(tmp_path):
    out = tmp_path / "out"
    r = train_digits(out, "--seed", "3")
    manifest = assert_complete_set(out)
    assert sorted(manifest["files"]) == sorted(OUTPUT_FILES)
    assert manifest["command"] == ["nnvec", "train", "--data", "digits", "--maxiter", "3",
                                   "--out", str(out), "--seed", "3"]
    assert manifest["sizes"] == [64, 25, 10]
    assert (manifest["data"], manifest["method"], manifest["engine"]) == ("digits", "fmincg",
                                                                          "python")
    assert manifest["status"]["code"] == 0 and manifest["status"]["iterations"] == 3
    assert f"final cost {manifest['final_cost']:.6g}" in r.stdout
    assert manifest["nnvec"] and manifest["started"] <= manifest["finished"]
    assert hidden_leftovers(out) == []  # no staging folder, no .part file
    # run.json is the newest file of the folder: written after every other one.
    newest = max(OUTPUT_FILES, key=lambda n: (out / n).stat().st_mtime_ns)
    assert (out / MANIFEST).stat().st_mtime_ns >= (out / newest).stat().st_mtime_ns


def test_a_run_without_a_held_out_part_removes_the_old_sets_other_files(tmp_path):
    out = tmp_path / "out"
    train_digits(out)
    assert (out / "confusion.png").exists()
    # A .mat data set with no test split: no confusion.png, no misclassified.png.
    import scipy.io
    from nnvec import load_dataset

    ds = load_dataset("digits")
    scipy.io.savemat(tmp_path / "plain.mat", {"X": ds.X, "y": ds.y.reshape(-1, 1)})
    r = run_cli("train", "--data", str(tmp_path / "plain.mat"), "--maxiter", "2",
                "--out", str(out))
    assert r.returncode == 0, r.stderr
    manifest = assert_complete_set(out)
    assert "confusion.png" not in manifest["files"]
    assert not (out / "confusion.png").exists() and not (out / "misclassified.png").exists()


def test_load_weights_refuses_weights_of_another_run(tmp_path):
    out = tmp_path / "out"
    train_digits(out)
    assert len(load_weights(out / "weights.mat")) == 2  # the run's own: read
    save_weights(out / "weights.mat", [np.ones((25, 65)), np.ones((10, 26))])  # not the run's
    with pytest.raises(ValueError, match=r"^load_weights: .*weights\.mat does not belong to the "
                                         r"run that .*run\.json describes"):
        load_weights(out / "weights.mat")
    (out / MANIFEST).unlink()  # without a manifest any weights file is read as it is
    assert len(load_weights(out / "weights.mat")) == 2


def test_a_broken_manifest_is_one_line(tmp_path):
    out = tmp_path / "out"
    train_digits(out)
    (out / MANIFEST).write_text("{not json")
    with pytest.raises(ValueError, match="is not an nnvec run manifest"):
        load_weights(out / "weights.mat")


# ---------------------------------------------------------------- killed runs

def test_sigkill_while_staging_leaves_the_complete_old_set(tmp_path):
    out = tmp_path / "out"
    train_digits(out, "--seed", "1")
    old = assert_complete_set(out)
    # Killed after weights.mat and the first pictures are staged, before the swap.
    p = start_child(out, "plot_cost_history", "staging")
    stages = [d for d in out.iterdir() if d.name.startswith(".nnvec-stage.")]
    assert len(stages) == 1 and (stages[0] / "weights.mat").exists()
    kill(p)
    assert assert_complete_set(out) == old  # the old set, whole, with its manifest
    # The next run removes the dead run's staging folder and .part files.
    (out / f".weights.mat.{p.pid}.abc123.part").write_bytes(b"half")
    (out / ".misclassified.png.zz9_q.part").write_bytes(b"half")  # older format, no pid
    train_digits(out)
    assert_complete_set(out)
    assert hidden_leftovers(out) == []


def test_sigkill_mid_swap_leaves_no_manifest(tmp_path):
    out = tmp_path / "out"
    train_digits(out)
    code = f"""
import os, sys, time
real = os.replace
def replace(src, dst, *a, **k):
    real(src, dst, *a, **k)
    if str(dst).endswith("weights.mat") and ".nnvec-stage." not in str(dst):
        print("swapping", flush=True)
        time.sleep(120)
os.replace = replace
from nnvec import cli
sys.exit(cli.main(["train", "--data", "digits", "--maxiter", "3", "--seed", "5",
                   "--out", {str(out)!r}]))
"""
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True, cwd=ROOT, env=ENV)
    for line in p.stdout:
        if line.strip() == "swapping":
            break
    kill(p)
    # New weights, old pictures: no run.json says so, the folder is not a complete set.
    assert not (out / MANIFEST).exists()
    train_digits(out)
    assert_complete_set(out)
    assert hidden_leftovers(out) == []


# ---------------------------------------------------------------- the lock

def test_a_second_run_into_the_same_out_is_refused_naming_the_pid(tmp_path):
    out = tmp_path / "out"
    first = start_child(out, "plot_cost_history", "writing")
    try:
        r = run_cli("train", "--data", "digits", "--maxiter", "2", "--out", str(out))
        assert r.returncode == 2
        line = one_error_line(r)
        assert f"--out: {out} is in use by another nnvec run (pid {first.pid})" in line
        assert "Training" not in r.stdout  # refused before the data and the training
        other = tmp_path / "other"  # another folder is free
        train_digits(other)
    finally:
        kill(first)
    # SIGKILL released the lock with the process: the next run goes ahead.
    train_digits(out)
    assert_complete_set(out)
    assert hidden_leftovers(out) == []


def test_a_failed_run_leaves_no_folder_and_no_lock(tmp_path):
    out = tmp_path / "out"
    r = run_cli("train", "--data", "nope.mat", "--out", str(out))
    assert r.returncode == 2
    one_error_line(r)
    assert not out.exists()


# ---------------------------------------------------------------- nnvec predict

def test_predict_gives_the_held_out_accuracy_of_train_and_a_csv(tmp_path):
    out = tmp_path / "out"
    r = train_digits(out, "--activation", "tanh", "--output", "softmax")
    acc = next(ln for ln in r.stdout.splitlines() if ln.startswith("Held-out accuracy"))
    csv = tmp_path / "preds.csv"
    p = run_cli("predict", "--weights", str(out / "weights.mat"), "--data", "digits",
                "--out", str(csv))
    assert p.returncode == 0, p.stderr
    assert "Network: 64-25-10, tanh/softmax" in p.stdout  # from run.json
    assert f"Predicted 450 held-out examples of digits: accuracy {acc.split()[-1]}" in p.stdout
    rows = csv.read_text().splitlines()
    assert rows[0] == "example,predicted,label" and len(rows) == 451
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_predict_refuses_weights_of_another_run_in_one_line(tmp_path):
    out = tmp_path / "out"
    train_digits(out)
    save_weights(out / "weights.mat", [np.ones((25, 65)), np.ones((10, 26))])
    r = run_cli("predict", "--weights", str(out / "weights.mat"), "--data", "digits")
    assert r.returncode == 2
    assert "does not belong to the run" in one_error_line(r)


def test_predict_without_a_manifest_and_its_errors(tmp_path):
    out = tmp_path / "out"
    train_digits(out)
    (out / MANIFEST).unlink()
    r = run_cli("predict", "--weights", str(out / "weights.mat"), "--data", "digits")
    assert r.returncode == 0, r.stderr
    assert "no run.json" in r.stdout and "accuracy" in r.stdout
    r = run_cli("predict", "--weights", str(out / "weights.mat"), "--data", "mnist5k")
    assert r.returncode == 2
    assert "400 features, but the network" in one_error_line(r)
    r = run_cli("predict", "--weights", str(tmp_path / "none.mat"), "--data", "digits")
    assert r.returncode == 2
    assert "no such file" in one_error_line(r)
    r = run_cli("predict", "--help")
    assert "nnvec predict --weights out/weights.mat --data digits" in r.stdout


# ---------------------------------------------------------------- diverging

def test_momentum_stops_when_the_cost_grows_by_orders_of_magnitude():
    # The Octave twin's %!test in momentumDescent.m runs the same case.
    res = momentum_descent(lambda x: (float(x @ x), 2 * x), [1.0, 1.0], maxiter=50,
                           learning_rate=100.0)
    assert res.status == DIVERGED and not res.success
    assert res.fun > DIVERGENCE_FACTOR * 2 and np.all(res.fun_history[:-1] <= 2e6)
    assert res.nit < 50
    assert res.message.startswith("Stopped: diverging, the cost grew")


@pytest.mark.octave
def test_momentum_divergence_is_the_same_in_octave(oc):
    oc.eval("f = @(x) deal(x' * x, 2 * x);")
    _, fX, i, info = oc.eval("[x, fX, i, info] = momentumDescent(f, [1; 1], "
                             "struct('MaxIter', 50, 'LearningRate', 100));", nout=4)
    res = momentum_descent(lambda x: (float(x @ x), 2 * x), [1.0, 1.0], maxiter=50,
                           learning_rate=100.0)
    assert (int(info["status"]), str(info["message"]), int(i)) == (res.status, res.message,
                                                                   res.nit)
    np.testing.assert_allclose(np.ravel(fX), res.fun_history, rtol=1e-12)


@pytest.mark.parametrize("engine", ["python", pytest.param("octave", marks=pytest.mark.octave)])
def test_a_diverging_momentum_run_is_exit_1_and_writes_nothing(tmp_path, engine):
    out = tmp_path / "out"
    # On digits, a step of 1e5 takes the cost from about 7 to 1e113 in 30 iterations.
    r = run_cli("train", "--data", "digits", "--method", "momentum", "--learning-rate", "1e5",
                "--maxiter", "30", "--engine", engine, "--out", str(out))
    assert r.returncode == 1, r.stdout + r.stderr
    line = one_error_line(r)
    assert "training diverged (Stopped: diverging, the cost grew to more than 1e+06 times" in line
    assert "no weights written" in line
    assert "(status 2," in r.stdout
    assert not out.exists()


@pytest.mark.octave
def test_predict_reads_weights_octave_saved_with_save_v7(oc, tmp_path, capsys):
    # Weights trained and written by Octave itself (save -v7, no run.json):
    # nnvec predict gives the held-out accuracy Octave's nnPredict gives.
    from nnvec import cli

    weights = tmp_path / "octave weights.mat"
    oc.push("weights_file", str(weights))
    oc.eval("d = loadDataset('digits'); sizes = [64 25 10]; "
            "p = trainNN(d.X, d.y, sizes, 1, struct('MaxIter', 20)); "
            "T = reshapeParams(p, sizes); Theta1 = T{1}; Theta2 = T{2}; "
            "save('-v7', weights_file, 'Theta1', 'Theta2'); "
            "acc = mean(nnPredict(p, sizes, d.Xtest) == d.ytest) * 100;", nout=0)
    acc = float(oc.pull("acc"))
    assert cli.main(["predict", "--weights", str(weights), "--data", "digits"]) == 0
    out = capsys.readouterr().out
    assert "no run.json" in out
    assert f"Predicted 450 held-out examples of digits: accuracy {acc:.2f}%" in out
