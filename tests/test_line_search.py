"""The line search's constants are pinned, in both languages.

Each case is a 1-D polynomial built so that one constant of fmincg's strong
Wolfe line search (``nnvec.fmincg``: C1, C2, EXT, MINEXT, SAFE, MAXEV; the
same names in ``fmincg.m``'s lineSearch) decides the outcome of the first
line search. From x0 = 0 with f'(0) = -2 the first trial is the unit step
x = 1 (a = 1/2). The cubic ``f(x) = -2x + alpha x^2 + beta x^3`` with

    f(1) - f(0) = -2 r   and   f'(1) = 2 c

gives ``beta = 2 (c - 1 + 2 r)``, ``alpha = 2 (2 - 3 r - c)``: r is the
trial's decrease ratio (sufficient decrease holds when r >= C1) and |c| its
slope ratio (curvature holds when |c| <= C2). So a ratio just beside a
constant is accepted with it and refused with a nearby value, or the
reverse. The Python run is checked against the expected trial points derived
here, run again with each constant moved (monkeypatched) to show the case
tells them apart, and run in Octave, which must give the same point, cost
and number of evaluations: a constant changed in either language fails.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import numpy as np
import pytest
from nnvec import fmincg

TEST_OCTAVE_DIR = Path(__file__).resolve().parent / "octave"

# The module, not the function nnvec.fmincg that shadows its name.
fmincg_module = importlib.import_module("nnvec.optim.fmincg")


def _cubic(r: float, c: float) -> list[float]:
    """Coefficients (highest first, as Octave's polyval) of the cubic above."""
    beta, alpha = 2 * (c - 1 + 2 * r), 2 * (2 - 3 * r - c)
    return [beta, alpha, -2.0, 0.0]


def _min_at(x_min: float, c: float) -> list[float]:
    """A cubic with f'(0) = -2, f'(1) = 2c and a local minimum at x_min > 1."""
    # f'(x) = -2 + 2 alpha x + 3 beta x^2: zero at x_min, 2c at 1.
    A = np.array([[2.0, 3.0], [2 * x_min, 3 * x_min**2]])
    alpha, beta = np.linalg.solve(A, [2 + 2 * c, 2.0])
    return [beta, alpha, -2.0, 0.0]


#: name -> (coefficients, the line search's first trial points (None: the unit step,
#: refused), the constant, nearby values of it)
CASES = {
    # r = 1.5e-4: sufficient decrease holds with C1 = 1e-4, fails with 2e-4.
    "C1 accepts": (_cubic(1.5e-4, 0.0), [1.0], "C1", [2e-4, 1.6e-4]),
    # r = 0.7e-4: fails with C1 = 1e-4 (the search goes on), holds with 0.5e-4.
    "C1 refuses": (_cubic(0.7e-4, 0.0), None, "C1", [0.5e-4, 0.6e-4]),
    # c = 0.09 and -0.09: curvature holds with C2 = 0.1, fails with 0.08.
    "C2 accepts": (_cubic(0.3, 0.09), [1.0], "C2", [0.08, 0.085]),
    "C2 accepts, going down": (_cubic(0.3, -0.09), [1.0], "C2", [0.08, 0.085]),
    # c = 0.11: fails with C2 = 0.1, holds with 0.12.
    "C2 refuses": (_cubic(0.3, 0.11), None, "C2", [0.12, 0.115]),
    # Nearly linear: the fitted cubic's minimum lies far out, so the next
    # trial is the extrapolation limit, EXT times the step: x = 3.
    "EXT": ([0.0, 0.0, 0.05, -2.0, 0.0], [1.0, 3.0], "EXT", [2.9, 3.3]),
    # The minimum at x = 1.05 lies inside MINEXT's 1.1: the next trial is 1.1.
    "MINEXT": (_min_at(1.05, -0.5), [1.0, 1.1], "MINEXT", [1.0, 1.05, 1.2]),
    # A quadratic with its minimum at x = 0.05 and f(1) > f(0): the
    # interpolated step is held SAFE inside the bracket [0, 1]: x = 0.1.
    "SAFE": ([20.0, -2.0, 0.0], [1.0, 0.1], "SAFE", [0.09, 0.11, 0.05]),
    # Unbounded below: the search extrapolates until MAXEV calls.
    "MAXEV": ([-2.0, 0.0], [3.0**k for k in range(20)], "MAXEV", [19, 21]),
}


def _run(coefficients: list[float]) -> tuple[list[float], object]:
    """One iteration of fmincg from 0; the trial points of its line search."""
    p = np.poly1d(coefficients)
    dp = p.deriv()
    trials: list[float] = []

    def f(x):
        trials.append(float(x[0]))
        return float(p(x[0])), np.array([dp(x[0])])

    res = fmincg(f, np.zeros(1), maxiter=1)
    return trials[1:], res  # trials[0] is the start


@pytest.mark.parametrize("name", CASES)
def test_first_line_search_is_the_derived_one(name):
    coefficients, expected, _, _ = CASES[name]
    trials, _ = _run(coefficients)
    if expected is None:  # refused: the search goes on past the unit step
        assert trials[0] == 1.0 and len(trials) > 1
    else:  # the first trials; an accepted unit step is the only one
        np.testing.assert_allclose(trials[:len(expected)], expected, rtol=1e-12)
        if "accepts" in name:
            assert len(trials) == 1


@pytest.mark.parametrize("name", CASES)
def test_a_nearby_constant_changes_the_line_search(name, monkeypatch):
    coefficients, _, constant, nearby = CASES[name]
    trials, _ = _run(coefficients)
    for value in nearby:
        with monkeypatch.context() as m:
            m.setattr(fmincg_module, constant, value)
            moved, _ = _run(coefficients)
        assert moved != trials, f"{constant} = {value} runs like {getattr(fmincg_module, constant)}"


@pytest.mark.parametrize("name", CASES)
def test_octave_line_search_is_the_same(name, oc, tmp_path):
    # The same trial points in Octave (tests/octave/polyTrials.m writes them
    # down), the same point, cost history and count of evaluations.
    coefficients, _, _, _ = CASES[name]
    trials, res = _run(coefficients)
    log = tmp_path / "trials.txt"  # an ASCII path: oct2py passes it as text
    oc.addpath(str(TEST_OCTAVE_DIR))
    oc.push("p_line_search", np.array([coefficients], dtype=float))
    oc.push("log_line_search", str(log))
    x, fX, i, info = oc.eval(
        "[x, fX, i, info] = fmincg(@(x) polyTrials(x, p_line_search, log_line_search), 0, "
        "optimset('MaxIter', 1));", nout=4)
    oc_trials = [float(t) for t in log.read_text().split()][1:]  # [0] is the start
    np.testing.assert_allclose(oc_trials, trials, rtol=1e-12)
    assert int(i) == res.nit
    assert int(info["nfev"]) == res.nfev
    np.testing.assert_allclose(float(np.ravel(x)[0]), res.x[0], rtol=1e-12)
    np.testing.assert_allclose(np.ravel(fX), res.fun_history, rtol=1e-12)
