"""The ex4 walk-through prints the same lines with the same numbers in Octave and Python.

Python runs in-process (``nnvec.cli.ex4.main``), Octave as the script the user runs,
``octave-cli --no-gui --norc --quiet --no-history octave/ex4.m`` from the repository root.
Each run gets its own data and picture folders through NNVEC_DATA_DIR and
NNVEC_OUT_DIR; the folder names are masked before the outputs are compared.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import math
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import scipy.io
from conftest import ROOT, SHARED_COURSE
from nnvec import debug_initialize_weights, nn_cost_function, unroll_params
from nnvec.cli.ex4 import main

COURSE_WEIGHTS = SHARED_COURSE / "ex4weights.mat"
# A number as %f, %g or %e print it (signs kept: "-0.009278", "2.3e-11"), not the
# digits inside a word ("ex4weights").
NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
# checkNNGradients' result: agreement means both small, not equal digits.
RELDIFF = "norm(left - right) / norm(left + right) ="
# The gradient check's verdict starts with its own function's name, the twins'.
VERDICT = ("check_nn_gradients: ", "checkNNGradients: ")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _run_python(capsys, monkeypatch, data_dir: Path, out_dir: Path) -> str:
    monkeypatch.setenv("NNVEC_DATA_DIR", str(data_dir))
    monkeypatch.setenv("NNVEC_OUT_DIR", str(out_dir))
    capsys.readouterr()
    assert main([]) == 0
    return _masked(capsys.readouterr().out, data_dir, out_dir)


def _run_octave(data_dir: Path, out_dir: Path) -> str:
    if shutil.which("octave-cli") is None:
        pytest.fail("GNU Octave is not installed: run `make setup` (make test does it)")
    env = dict(os.environ, NNVEC_DATA_DIR=str(data_dir), NNVEC_OUT_DIR=str(out_dir))
    proc = subprocess.run(
        ["octave-cli", "--no-gui", "--norc", "--quiet", "--no-history", "octave/ex4.m"],
        cwd=ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
        timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return _masked(proc.stdout, data_dir, out_dir)


def _masked(text: str, data_dir: Path, out_dir: Path) -> str:
    # Temp folder names differ per run and may hold digits: mask them first.
    return text.replace(str(out_dir), "<OUT>").replace(str(data_dir), "<DATA>")


def _last_digit(token: str) -> float:
    """One unit in the last printed place of `token` ("0.287629" -> 1e-6, "5.7e-01" -> 1e-2)."""
    mantissa, _, exponent = token.lower().partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 10.0 ** (-decimals + (int(exponent) if exponent else 0))


def _assert_same_walkthrough(py: str, oc: str) -> dict[str, list[float]]:
    """Line for line: same text around the numbers, numbers equal to the printed precision.

    Returns the numbers of each line keyed by its text with numbers masked, so
    tests can look values up by their line ("Cost at parameters (...): #").
    """
    py_lines, oc_lines = py.splitlines(), oc.splitlines()
    assert len(py_lines) == len(oc_lines), (
        f"Python printed {len(py_lines)} lines, Octave {len(oc_lines)}"
    )
    values: dict[str, list[float]] = {}
    for i, (a, b) in enumerate(zip(py_lines, oc_lines, strict=True), start=1):
        verdict = a.startswith(VERDICT[0]) and b.startswith(VERDICT[1])
        if verdict:
            b = VERDICT[0] + b.removeprefix(VERDICT[1])
        template = NUMBER.sub("#", a)
        assert template == NUMBER.sub("#", b), f"line {i} differs:\n  py: {a!r}\n  oc: {b!r}"
        ta, tb = NUMBER.findall(a), NUMBER.findall(b)
        key = " ".join(template.split())  # "Iteration    1" and "Iteration   10" alike
        if a.startswith(RELDIFF) or verdict:
            # Central differences in two languages: both tiny, not digit-equal.
            assert float(ta[0]) < 1e-9 and float(tb[0]) < 1e-9, (a, b)
            values.setdefault(key, []).append(float(ta[0]))
            continue
        for x, y in zip(ta, tb, strict=True):
            # A value sitting on a rounding boundary may print one unit apart.
            tol = max(_last_digit(x), _last_digit(y)) * (1 + 1e-9)
            assert abs(float(x) - float(y)) <= tol, f"line {i}: py {x} vs oc {y}\n  {a}"
        values.setdefault(key, []).extend(float(x) for x in ta)
    return values


def _value(values: dict[str, list[float]], prefix: str) -> float:
    matches = [v for k, v in values.items() if k.startswith(prefix)]
    assert len(matches) == 1, f"expected one line starting {prefix!r}, got {len(matches)}"
    return matches[0][-1]


def _costs(values: dict[str, list[float]], source: str) -> dict[float, float]:
    """The "J at the <source> weights, lambda = L: J" lines as {L: J} (steps 3, 4, 8)."""
    numbers = values[f"J at the {source} weights, lambda = #: #"]
    return dict(zip(numbers[::2], numbers[1::2], strict=True))


def _assert_pngs(out_dir: Path) -> None:
    for name in ("ex4_data.png", "ex4_hidden.png"):
        png = out_dir / name
        assert png.is_file(), f"{png} was not written"
        assert png.read_bytes()[:8] == PNG_MAGIC, f"{png} is not a PNG"


def _write_stand_in_data(path: Path, m: int = 120) -> tuple[np.ndarray, np.ndarray]:
    """A small ex4data1.mat look-alike: m x 400 deterministic pixels, labels 1..10."""
    X = 5 * debug_initialize_weights(m, 399)  # sin(1:400m)/2: varied, in [-0.5, 0.5]
    y = (1 + np.mod(np.arange(1, m + 1), 10)).astype(float).reshape(-1, 1)
    scipy.io.savemat(path, {"X": X, "y": y})
    return X, y.ravel()


@pytest.fixture(scope="module")
def bundled_python(tmp_path_factory) -> tuple[Path, Path, str]:
    """(data folder, picture folder, masked output) of one in-process Python
    walk-through on the bundled mnist5k (an empty data folder: no course files).

    Two tests read it (conftest keeps them on one pytest-xdist worker); its
    Octave twin and the `python -m nnvec ex4` run stay in each test.
    """
    root = tmp_path_factory.mktemp("ex4_bundled")
    data_dir, out_dir = root / "data", root / "out_py"
    data_dir.mkdir()
    printed = io.StringIO()
    with pytest.MonkeyPatch.context() as mp, contextlib.redirect_stdout(printed):
        mp.setenv("NNVEC_DATA_DIR", str(data_dir))
        mp.setenv("NNVEC_OUT_DIR", str(out_dir))
        assert main([]) == 0
    return data_dir, out_dir, _masked(printed.getvalue(), data_dir, out_dir)


@pytest.mark.slow
def test_bundled_mnist5k_walkthrough_agrees(bundled_python, tmp_path):
    empty, py_out, py = bundled_python
    oc = _run_octave(empty, tmp_path / "out_oc")
    values = _assert_same_walkthrough(py, oc)
    _assert_pngs(py_out)
    _assert_pngs(tmp_path / "out_oc")

    # The course's shapes: 5000 x 400 (mnist5k's two parts stacked), 400-25-10.
    assert ("Data: bundled mnist5k (real MNIST digits, 20x20 pixels), 5000 training examples "
            "(its training and held-out parts together), 400 features") in py.splitlines()
    assert "Network: 400-25-10, 10285 parameters (debugInitializeWeights)" in py.splitlines()
    assert "published by the course" not in py  # the course's targets only with its files
    # The loop baseline prints the vectorized cost.
    costs = _costs(values, "debugInitializeWeights")
    assert sorted(costs) == [0.0, 1.0, 3.0]
    assert costs[0.0] == _value(values, "J again, one example at a time (loop baseline): #")
    # ex4.pdf part 2.1: sigmoidGradient([-1 -0.5 0 0.5 1]).
    assert "  0.196612 0.235004 0.250000 0.235004 0.196612 " in py.splitlines()
    assert len(values[f"{RELDIFF} #"]) == 2  # lambda 0 and lambda 3
    # 50 iterations printed, each lowering the cost (fmincg only takes descent steps).
    costs = values["Iteration # | Cost: #"]
    assert len(costs) == 2 * 50
    history = costs[1::2]
    assert all(b <= a for a, b in itertools.pairwise(history))
    assert _value(values, "Cost after # iterations: #") == pytest.approx(history[-1], abs=1e-6)
    # Every image trains, so there is no held-out accuracy; 50 iterations of a
    # 400-25-10 net do far better than chance (10%).
    assert _value(values, "Correct on the training examples (%): #") > 80
    assert ("Correct on the held-out examples (%): none (all 5000 mnist5k images are used "
            "for training here)") in py.splitlines()


@pytest.mark.slow
@pytest.mark.skipif(not COURSE_WEIGHTS.is_file(),
                    reason=f"course weights not present at {COURSE_WEIGHTS}")
def test_course_branch_with_stand_in_data(capsys, monkeypatch, tmp_path):
    # The course's ex4data1.mat is not available here (only its weights), so the
    # course branch runs on the real ex4weights.mat and a stand-in data file:
    # this checks that both languages load the course's files, unroll the
    # weights alike and print the same walk-through, not the published costs.
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(COURSE_WEIGHTS, data / "ex4weights.mat")
    X, y = _write_stand_in_data(data / "ex4data1.mat")
    py = _run_python(capsys, monkeypatch, data, tmp_path / "out_py")
    oc = _run_octave(data, tmp_path / "out_oc")
    values = _assert_same_walkthrough(py, oc)
    _assert_pngs(tmp_path / "out_py")
    _assert_pngs(tmp_path / "out_oc")

    assert "Network: 400-25-10, 10285 parameters (ex4weights.mat)" in py
    assert "(published by the course for its data and weights: 0.287629)" in py
    assert "Correct on the held-out examples (%): none (ex4data1.mat holds no held-out set)" in py
    # The printed costs are those of the course weights on the stand-in data,
    # computed here independently of the walk-through.
    W = scipy.io.loadmat(COURSE_WEIGHTS)
    p = unroll_params([W["Theta1"], W["Theta2"]])
    costs = _costs(values, "ex4weights.mat")
    assert sorted(costs) == [0.0, 1.0, 3.0]
    for lam, printed in costs.items():
        J, _ = nn_cost_function(p, 400, 25, 10, X, y, lam)
        assert printed == pytest.approx(J, abs=1e-6), lam


@pytest.mark.slow
@pytest.mark.skipif(not COURSE_WEIGHTS.is_file(),
                    reason=f"course weights not present at {COURSE_WEIGHTS}")
def test_weights_without_data_falls_back_to_mnist5k(capsys, monkeypatch, tmp_path):
    # ex4weights.mat alone cannot give the course's numbers: both languages say
    # so and run the bundled mnist5k, agreeing as in the default case.
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(COURSE_WEIGHTS, data / "ex4weights.mat")
    py = _run_python(capsys, monkeypatch, data, tmp_path / "out_py")
    oc = _run_octave(data, tmp_path / "out_oc")
    _assert_same_walkthrough(py, oc)
    assert ("Found ex4weights.mat but not ex4data1.mat in <DATA>: the course's numbers "
            "need both, so the bundled mnist5k digits are used.") in py.splitlines()
    assert "Data: bundled mnist5k" in py



@pytest.mark.slow
def test_data_without_weights_falls_back_to_mnist5k(capsys, monkeypatch, tmp_path):
    # The other half: ex4data1.mat without the course weights is not used either.
    data = tmp_path / "data"
    data.mkdir()
    _write_stand_in_data(data / "ex4data1.mat")
    py = _run_python(capsys, monkeypatch, data, tmp_path / "out_py")
    oc = _run_octave(data, tmp_path / "out_oc")
    _assert_same_walkthrough(py, oc)
    assert ("Found ex4data1.mat but not ex4weights.mat in <DATA>: the course's numbers "
            "need both, so the bundled mnist5k digits are used.") in py.splitlines()
    assert "Data: bundled mnist5k" in py

def _course_data_dir() -> Path:
    return Path(os.environ.get("NNVEC_DATA_DIR") or ROOT / "data")


@pytest.mark.slow
@pytest.mark.skipif(
    not ((_course_data_dir() / "ex4data1.mat").is_file()
         and (_course_data_dir() / "ex4weights.mat").is_file()),
    reason="the course's ex4data1.mat and ex4weights.mat are not in data/ (or NNVEC_DATA_DIR); "
           "ex4data1.mat is not distributed with nnvec",
)
def test_course_files_give_published_costs(capsys, monkeypatch, tmp_path):
    data = _course_data_dir()
    py = _run_python(capsys, monkeypatch, data, tmp_path / "out_py")
    oc = _run_octave(data, tmp_path / "out_oc")
    values = _assert_same_walkthrough(py, oc)
    # The course's ex4.m prints these three (ex4.pdf parts 1.3, 1.4, 2.5).
    costs = _costs(values, "ex4weights.mat")
    assert costs[0.0] == pytest.approx(0.287629, abs=1e-6)
    assert costs[1.0] == pytest.approx(0.383770, abs=1e-6)
    assert costs[3.0] == pytest.approx(0.576051, abs=1e-6)


@pytest.mark.slow
def test_cli_runs_the_walkthrough(bundled_python, tmp_path):
    # `python -m nnvec ex4` reaches nnvec.cli.ex4.main; --data-dir and --out-dir win
    # over the environment variables, and nothing waits for input.
    data, _, in_process = bundled_python
    env = dict(os.environ, NNVEC_DATA_DIR=str(tmp_path / "nowhere"),
               NNVEC_OUT_DIR=str(tmp_path / "nowhere"))
    proc = subprocess.run(
        [sys.executable, "-m", "nnvec", "ex4", "--data-dir", str(data),
         "--out-dir", str(tmp_path / "out_b")],
        cwd=tmp_path, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
        timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert _masked(proc.stdout, data, tmp_path / "out_b") == in_process
    _assert_pngs(tmp_path / "out_b")
    assert not (tmp_path / "nowhere").exists()

def test_last_digit():
    # The tolerance helper itself: one unit in the last printed place.
    assert _last_digit("0.287629") == pytest.approx(1e-6)
    assert _last_digit("5.774860e-01") == pytest.approx(1e-7)
    assert _last_digit("3") == 1.0
    assert math.isclose(_last_digit("2.3e-11"), 1e-12)


def test_walkthrough_comparison_catches_differences():
    # The comparison must fail on a changed number, a changed word, a missing line.
    base = "J at the x weights, lambda = 0: 0.287629\nCorrect on the training examples (%): 95.0"
    _assert_same_walkthrough(base, base.replace("0.287629", "0.287630"))  # 1 unit: rounding
    with pytest.raises(AssertionError, match=r"py 0\.287629 vs oc 0\.287631"):
        _assert_same_walkthrough(base, base.replace("0.287629", "0.287631"))
    with pytest.raises(AssertionError, match="line 2 differs"):
        _assert_same_walkthrough(base, base.replace("training", "test"))
    with pytest.raises(AssertionError, match="Python printed 2 lines, Octave 1"):
        _assert_same_walkthrough(base, base.splitlines()[0])
    with pytest.raises(AssertionError):
        _assert_same_walkthrough(f"{RELDIFF} 2e-11", f"{RELDIFF} 2e-3")


# --- the walk-through on the student's functions (#20 item 3) ---------------------------

GRADE_PY = ROOT / "tests" / "grade_solutions"
GRADE_OCT = ROOT / "tests" / "octave" / "grade_solutions"


def _yours(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("Yours: ") and
            "(nnvec's: " in line]


def _run_solution(capsys, monkeypatch, tmp_path, solution) -> str:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    monkeypatch.setenv("NNVEC_DATA_DIR", str(data))
    monkeypatch.setenv("NNVEC_OUT_DIR", str(tmp_path / "out"))
    capsys.readouterr()
    assert main(["--solution", str(solution)]) == 0
    return capsys.readouterr().out


@pytest.mark.slow
def test_solution_in_the_ports_convention_agrees_everywhere(capsys, monkeypatch, tmp_path):
    out = _run_solution(capsys, monkeypatch, tmp_path, GRADE_PY / "port_style.py")
    lines = out.splitlines()
    assert lines[1].startswith("Running your functions from port_style.py (convention "
                               "python-port: detected: ")
    assert lines[2] == ("Yours: nnCostFunction (as nn_cost_function), sigmoidGradient (as "
                        "sigmoid_gradient), randInitializeWeights (as rand_initialize_weights)")
    yours = _yours(out)
    # J at lambda 0, 1, 3; g; init; training; accuracy.
    assert len(yours) == 7 and all(line.endswith(": agrees") for line in yours), yours
    assert out.count("the backprop gradient agrees with the numerical gradient") == 2
    assert (tmp_path / "out" / "ex4_hidden_yours.png").read_bytes().startswith(PNG_MAGIC)


@pytest.mark.slow
def test_solution_with_a_mistake_is_caught(capsys, monkeypatch, tmp_path):
    # The regularized gradient forgets lambda/m * Theta: J agrees, the check at lambda 3
    # and the training do not.
    out = _run_solution(capsys, monkeypatch, tmp_path, GRADE_PY / "grad_not_regularized.py")
    assert "(convention course: detected: " in out
    assert "the backprop gradient disagrees with the numerical gradient" in out
    differs = [line for line in _yours(out) if line.endswith("DIFFERS")]
    assert len(differs) == 1 and "cost after 50 iterations" in differs[0]


@pytest.mark.slow
def test_solution_from_a_notebook_runs_only_its_definitions(capsys, monkeypatch, tmp_path):
    import json

    marker = tmp_path / "ran.txt"
    cells = [f"open({str(marker)!r}, 'w').write('ran')\nimport numpy as np",
             (GRADE_PY / "course_style.py").read_text(), "input('wait')"]
    nb = tmp_path / "ex4.ipynb"
    nb.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": c} for c in cells]}))
    out = _run_solution(capsys, monkeypatch, tmp_path, nb)
    assert "Running your functions from ex4.ipynb (convention course: detected: " in out
    assert all(line.endswith(": agrees") for line in _yours(out))
    assert not marker.exists()


@pytest.mark.parametrize("make, message", [
    (lambda p: p / "missing.py", "--solution: no such file: "),
    (lambda p: (p / "a.txt").write_text("x") and p / "a.txt",
     "--solution must be a .py file or a notebook (.ipynb)"),
    (lambda p: (p / "b.py").write_text("raise RuntimeError('no')") and p / "b.py",
     "--solution: b.py could not be imported: RuntimeError: no (b.py, line 1)"),
    (lambda p: (p / "c.py").write_text("def sigmoid(z):\n    return z\n") and p / "c.py",
     "--solution: c.py defines no function nnCostFunction or nn_cost_function"),
])
def test_bad_solution_is_one_line(tmp_path, capsys, make, message):
    from nnvec import cli

    path = make(tmp_path)
    with pytest.raises(SystemExit) as exc:
        cli.main(["ex4", "--solution", str(path)])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("nnvec: error: ") and message in err and err.count("\n") == 1


@pytest.mark.slow
def test_octave_ex4_runs_the_students_folder_first_on_the_path(tmp_path):
    # bias_regularized: the course's mistake of regularizing the bias column, in J and grad.
    if shutil.which("octave-cli") is None:
        pytest.fail("GNU Octave is not installed: run `make setup` (make test does it)")
    student = GRADE_OCT / "bias_regularized"
    env = dict(os.environ, NNVEC_DATA_DIR=str(tmp_path / "data"),
               NNVEC_OUT_DIR=str(tmp_path / "out"))
    (tmp_path / "data").mkdir()
    proc = subprocess.run(
        ["octave-cli", "--no-gui", "--norc", "--quiet", "--no-history", "-p", str(student),
         "octave/ex4.m"], cwd=ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True,
        text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for name in ("nnCostFunction", "sigmoidGradient", "randInitializeWeights"):
        assert f"Running your {name} from {student}" in out
    assert "Running your predict" not in out
    # nnvec's values are still nnvec's: the same as without the student's folder.
    assert "J at the debugInitializeWeights weights, lambda = 1: 7.008438" in out
    assert "Cost after 50 iterations: 0.428866" in out
    yours = _yours(out)
    assert [line.split(": ")[-1] for line in yours] == [
        "agrees", "DIFFERS", "agrees", "agrees", "DIFFERS", "DIFFERS", "agrees"], yours
    assert yours[1].startswith("Yours: J = 7.008456 (nnvec's: 7.008438)")
