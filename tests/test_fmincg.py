"""fmincg: convergence, stopping codes, input errors, and the same trajectory in both languages.

The gold references are closed-form minima (``np.linalg.solve`` for a
quadratic, all ones for Rosenbrock) and ``scipy.optimize.minimize(method='CG')``
on the same problems. The cross-language tests run the Octave twin on the
cost functions in ``tests/octave/`` (same formulas, same order as the Python
twins below) and compare the whole cost history iteration by iteration.
"""

from __future__ import annotations

import math
from pathlib import Path

import nnvec
import numpy as np
import pytest
from conftest import col
from nnvec.optim.fmincg import STATUS_MESSAGES, _cubic_min, _quad_min, fmincg
from numpy.testing import assert_allclose, assert_array_equal
from oct2py import Oct2PyError
from scipy.optimize import OptimizeResult, minimize

TEST_OCTAVE_DIR = Path(__file__).resolve().parent / "octave"

# Cross-language trajectory tolerances from the task's agreement target.
TRAJ_RTOL = 1e-9
X_RTOL = 1e-8


def quad(x):
    return float(x @ x), 2 * x


OCT_QUAD = "@(t) deal(t' * t, 2 * t)"


# --- test functions (Octave twins in tests/octave/) -------------------------


def rosenbrock_cost(x):
    """n-D Rosenbrock, sums as dot products like rosenbrockCost.m."""
    r1 = 10 * (x[1:] - x[:-1] * x[:-1])
    r2 = 1 - x[:-1]
    J = np.dot(r1, r1) + np.dot(r2, r2)
    grad = np.zeros(x.size)
    grad[:-1] = -40 * x[:-1] * r1 - 2 * r2
    grad[1:] = grad[1:] + 20 * r1
    return J, grad


def _exp_libm(v):
    # C libm exp (what Octave's exp calls): inf on overflow, like Octave.
    def one(t):
        try:
            return math.exp(t)
        except OverflowError:
            return math.inf

    return np.array([one(t) for t in v])


def _log_libm(v):
    # C libm log (what Octave's log calls): -Inf at 0, like Octave.
    return np.array([math.log(t) if t > 0 else (-math.inf if t == 0 else math.nan) for t in v])


def logistic_cost(theta, X, y, lam, exp=_exp_libm, log=_log_libm):
    """The course's regularized logistic regression cost, like logisticCost.m.

    By default exp and log are the C library's, the functions Octave calls:
    numpy's own (AVX-512) exp and log differ from them in the last bit for
    some inputs, and conjugate gradients amplify last-bit differences (see
    test_trajectory_logistic_numpy_exp).
    """
    m = X.shape[0]
    h = 1 / (1 + exp(-(X @ theta)))
    with np.errstate(divide="ignore", invalid="ignore"):
        J = (-(y @ log(h)) - (1 - y) @ log(1 - h)) / m + lam / (2 * m) * np.dot(
            theta[1:], theta[1:]
        )
    grad = X.T @ (h - y) / m
    grad[1:] = grad[1:] + lam / m * theta[1:]
    return J, grad


def logistic_data(m=300, p=20, seed=2024):
    """Fixed data: features scaled 1..~32 (ill-conditioned on purpose), intercept column first.

    Fortran order, the layout Octave's X has, so that numpy calls the same BLAS kernels.
    """
    rng = np.random.default_rng(seed)
    Z = rng.standard_normal((m, p)) * np.logspace(0, 1.5, p)
    X = np.asfortranarray(np.column_stack([np.ones(m), Z]))
    w = rng.standard_normal(p + 1) * 0.3
    y = (rng.random(m) < 1 / (1 + np.exp(-(X @ w)))).astype(float)
    return X, y


def quadratic(n, rng):
    """A random SPD quadratic 0.5 x'Ax - b'x; its minimum is A \\ b."""
    M = rng.standard_normal((n, n))
    A = M @ M.T + n * np.eye(n)
    b = rng.standard_normal(n)
    return (lambda x: (0.5 * x @ A @ x - b @ x, A @ x - b)), A, b


def rosen_start(n):
    """The classic Rosenbrock start (-1.2, 1), repeated to n dimensions."""
    return np.tile([-1.2, 1.0], n // 2)


# --- convergence ---------------------------------------------------------------


def test_quadratic_reaches_solve(rng):
    f, A, b = quadratic(20, rng)
    res = fmincg(f, np.zeros(20), maxiter=200)
    ref = minimize(f, np.zeros(20), jac=True, method="CG")
    x_star = np.linalg.solve(A, b)
    # 1e-7: a line search on the cost stops once decreases fall below the
    # cost's rounding (~1e-16 * |J|), i.e. at ~sqrt(eps) ~ 1e-8 relative in x.
    assert_allclose(res.x, x_star, rtol=1e-7, atol=1e-12)
    assert_allclose(ref.x, x_star, rtol=1e-4)  # scipy's CG stops at gtol 1e-5
    assert isinstance(res, OptimizeResult)
    assert res.status in (1, 2) and res.nit < 200  # ended by convergence, not by maxiter
    assert res.fun <= ref.fun + 1e-12 * abs(ref.fun)
    print(f"quadratic n=20: fmincg nit={res.nit} nfev={res.nfev}; ", end="")
    print(f"scipy CG nit={ref.nit} nfev={ref.nfev}")


@pytest.mark.parametrize(("n", "maxiter"), [(2, 100), (10, 600)])
def test_rosenbrock_reaches_ones(n, maxiter):
    x0 = rosen_start(n)
    res = fmincg(rosenbrock_cost, x0, maxiter=maxiter)
    ref = minimize(rosenbrock_cost, x0, jac=True, method="CG")
    assert_allclose(res.x, np.ones(n), rtol=0, atol=1e-6)
    assert_allclose(ref.x, np.ones(n), rtol=0, atol=1e-4)  # scipy's CG stops at gtol 1e-5
    assert res.nit < maxiter
    assert res.status in (1, 2) and res.success == (res.status == 2)
    assert res.fun == rosenbrock_cost(res.x)[0]
    assert_array_equal(res.jac, rosenbrock_cost(res.x)[1])
    print(
        f"rosenbrock n={n}: fmincg nit={res.nit} nfev={res.nfev} status={res.status}; "
        f"scipy CG nit={ref.nit} nfev={ref.nfev}"
    )


def test_history_is_non_increasing_and_matches_nit():
    X, y = logistic_data()
    res = fmincg(logistic_cost, np.zeros(X.shape[1]), maxiter=40, args=(X, y, 0.1))
    h = res.fun_history
    assert h.shape == (res.nit,) == (40,)
    assert np.all(np.diff(h) <= 0)
    assert h[0] < logistic_cost(np.zeros(X.shape[1]), X, y, 0.1)[0]
    assert h[-1] == res.fun
    assert res.status == 0 and res.success
    assert res.message == "reached the iteration limit (40)"


def test_column_x0_gives_the_same_run_and_is_not_modified():
    x0 = col(rosen_start(4))
    keep = x0.copy()
    a = fmincg(rosenbrock_cost, x0, maxiter=15)
    b = fmincg(rosenbrock_cost, rosen_start(4), maxiter=15)
    assert a.x.shape == (4,)
    assert_array_equal(a.fun_history, b.fun_history)
    assert_array_equal(x0, keep)


def test_args_are_passed_to_f():
    X, y = logistic_data(m=50, p=3)
    a = fmincg(logistic_cost, np.zeros(4), maxiter=10, args=(X, y, 1.0))
    b = fmincg(lambda t: logistic_cost(t, X, y, 1.0), np.zeros(4), maxiter=10)
    assert_array_equal(a.fun_history, b.fun_history)


def test_cubic_and_quadratic_interpolation():
    # phi(a) = a^3 - 3a: phi(0) = 0, phi'(0) = -3, phi(2) = 2, phi'(2) = 9; local min at a = 1.
    assert _cubic_min(0.0, 0.0, -3.0, 2.0, 2.0, 9.0) == 1.0
    assert _cubic_min(2.0, 2.0, 9.0, 0.0, 0.0, -3.0) == 1.0
    # a straight line (slope -1 at both ends) has no minimizer
    assert math.isnan(_cubic_min(0.0, 0.0, -1.0, 1.0, -1.0, -1.0))
    assert math.isnan(_cubic_min(1.0, 0.0, -1.0, 1.0, 0.0, -1.0))
    # phi(a) = (a - 2)^2: phi(0) = 4, phi'(0) = -4, phi(1) = 1; min at a = 2.
    assert _quad_min(0.0, 4.0, -4.0, 1.0, 1.0) == 2.0
    # concave: no minimizer
    assert math.isnan(_quad_min(0.0, 4.0, -4.0, 1.0, -10.0))


# --- stopping codes --------------------------------------------------------------


def test_zero_gradient_at_start_is_status_2():
    res = fmincg(lambda x: (3.0, np.zeros_like(x)), np.array([1.0, 2.0]))
    assert (res.status, res.nit, res.nfev, res.success) == (2, 0, 1, True)
    assert res.message == "gradient is zero: converged"
    assert_array_equal(res.x, [1.0, 2.0])
    assert res.fun_history.shape == (0,)


def test_nan_cost_at_start_is_status_3():
    res = fmincg(lambda x: (math.nan, x), np.array([1.0, 2.0]))
    assert (res.status, res.nit, res.nfev, res.success) == (3, 0, 1, False)
    assert "non-finite cost or gradient at the starting point" in res.message


def test_nan_at_every_trial_step_is_status_3():
    # Finite only at the start: both line searches (the second one along
    # steepest descent) spend their 20 calls, so nfev = 1 + 20 + 20.
    def f(x):
        return (x @ x if np.all(x == 1) else math.nan), 2 * x

    res = fmincg(f, np.ones(2))
    assert (res.status, res.nit, res.nfev) == (3, 0, 41)
    assert_array_equal(res.x, np.ones(2))


def test_nan_far_away_is_backed_off():
    # NaN outside the ball of radius 3; the minimum (2, 2) is inside.
    def f(x):
        return ((x - 2) @ (x - 2) if x @ x <= 9 else math.nan), 2 * (x - 2)

    res = fmincg(f, np.array([0.1, 0.2]), maxiter=20)
    assert_allclose(res.x, [2.0, 2.0], atol=1e-8)
    assert np.all(np.isfinite(res.fun_history))


def test_line_search_failure_is_status_1():
    # A linear cost never meets the curvature condition: two failed searches.
    res = fmincg(lambda x: (x[0], np.array([1.0])), np.zeros(1))
    assert (res.status, res.success) == (1, False)
    assert res.message == "line search failed twice in a row: no further decrease found"
    # each failed search keeps its best sufficient-decrease point: 2 iterations
    assert res.nit == 2 and res.nfev == 41
    assert np.all(np.diff(res.fun_history) < 0)


@pytest.mark.parametrize("maxiter", [1, 3, 7.0])
def test_maxiter_is_respected(maxiter):
    res = fmincg(rosenbrock_cost, rosen_start(10), maxiter=maxiter)
    assert res.nit == maxiter == res.fun_history.size
    assert res.status == 0


def test_callback_sees_every_iterate_and_can_stop():
    seen = []

    def cb(xk):
        seen.append(xk.copy())
        xk[:] = 99.0  # a copy: must not disturb the run
        return len(seen) == 3

    res = fmincg(rosenbrock_cost, rosen_start(2), callback=cb)
    full = fmincg(rosenbrock_cost, rosen_start(2), maxiter=3)
    assert (res.status, res.nit, res.success) == (4, 3, True)
    assert res.message == "stopped by callback"
    assert_array_equal(seen[-1], res.x)
    assert_array_equal(res.x, full.x)
    assert_array_equal(res.fun_history, full.fun_history)


def test_verbose_prints_the_course_line(capsys):
    fmincg(rosenbrock_cost, rosen_start(2), maxiter=2, verbose=True)
    out = capsys.readouterr().out.splitlines()
    res = fmincg(rosenbrock_cost, rosen_start(2), maxiter=2)
    assert out == [f"Iteration {k + 1:4d} | Cost: {c:4.6e}" for k, c in enumerate(res.fun_history)]
    fmincg(rosenbrock_cost, rosen_start(2), maxiter=2)
    assert capsys.readouterr().out == ""


# --- bad input -----------------------------------------------------------------


def _ok(x):
    return x @ x, 2 * x


X0_VECTOR = r"fmincg: x0 must be a non-empty real vector"
GRAD_SIZE = r"fmincg: f must return a real gradient with 2 elements \(one per element of x0\)"


@pytest.mark.parametrize(
    ("kwargs", "exc", "match"),
    [
        ({"f": "cost"}, TypeError, r"fmincg: f must be callable returning \(J, grad\), got 'cost'"),
        ({"x0": np.eye(2)}, ValueError, X0_VECTOR + r", got an array of shape \(2, 2\)"),
        ({"x0": []}, ValueError, X0_VECTOR + r", got an array of shape \(0,\)"),
        ({"x0": "ab"}, TypeError, X0_VECTOR + ", got text"),
        ({"x0": [1 + 1j]}, TypeError, X0_VECTOR + ", got a complex array"),
        (
            {"x0": [1.0, math.nan]},
            ValueError,
            r"x0 must be finite \(no NaN or Inf\), got NaN at index 2",
        ),
        ({"maxiter": 0}, ValueError, r"fmincg: maxiter must be a positive integer, got 0"),
        ({"maxiter": 2.5}, ValueError, r"fmincg: maxiter must be a positive integer, got 2.5"),
        ({"maxiter": True}, ValueError, r"fmincg: maxiter must be a positive integer, got true"),
        ({"maxiter": "5"}, ValueError, r"fmincg: maxiter must be a positive integer, got '5'"),
        ({"callback": 3}, TypeError, r"fmincg: callback must be callable or None, got 3"),
        (
            {"f": lambda x: (1.0, np.ones(3))},
            ValueError,
            GRAD_SIZE + r", got float64 of shape \(3,\)",
        ),
        (
            {"f": lambda x: (np.ones(2), x)},
            ValueError,
            r"fmincg: f must return a real scalar cost J",
        ),
        ({"f": lambda x: 1.0}, TypeError,
         r"fmincg: f must return two outputs, the cost J and its gradient, got one output"),
    ],
)
def test_bad_input(kwargs, exc, match):
    call = {"f": _ok, "x0": np.ones(2), "maxiter": 5} | kwargs
    with pytest.raises(exc, match=match):
        fmincg(**call)


# --- the same trajectory in Octave ----------------------------------------------


@pytest.fixture(scope="module")
def octave(oc):
    oc.addpath(str(TEST_OCTAVE_DIR))
    return oc


def run_octave(oc, call, x0, maxiter):
    """Run fmincg in Octave on `call` (an expression in t) from x0; pull the outputs."""
    oc.push("fm_x0", col(x0))
    oc.eval(
        f"[fm_x, fm_fX, fm_i, fm_info] = fmincg(@(t) {call}, fm_x0, struct('MaxIter', {maxiter}));"
    )
    info = oc.pull("fm_info")
    fX = np.atleast_1d(np.asarray(oc.pull("fm_fX"), dtype=float)).ravel()
    return {
        "x": np.asarray(oc.pull("fm_x"), dtype=float).ravel(),
        "fun_history": fX,
        "nit": int(oc.pull("fm_i")),
        "nfev": int(info["nfev"]),
        "status": int(info["status"]),
        "message": str(info["message"]),
    }


def assert_same_run(py, octv, min_iters):
    assert py.nit >= min_iters
    assert (octv["nit"], octv["nfev"], octv["status"]) == (py.nit, py.nfev, py.status)
    assert octv["message"] == py.message
    assert_allclose(octv["fun_history"], py.fun_history, rtol=TRAJ_RTOL, atol=0)
    assert_allclose(octv["x"], py.x, rtol=X_RTOL, atol=1e-14)


@pytest.mark.octave
@pytest.mark.parametrize(("n", "maxiter"), [(2, 100), (10, 60)])
def test_trajectory_rosenbrock(octave, n, maxiter):
    # n = 2 runs to convergence (status 2 after ~25 iterations); n = 10 runs the
    # full 60 iterations: >= 50 iterations compared, one by one.
    x0 = rosen_start(n)
    py = fmincg(rosenbrock_cost, x0, maxiter=maxiter)
    octv = run_octave(octave, "rosenbrockCost(t)", x0, maxiter)
    assert_same_run(py, octv, min_iters=20 if n == 2 else 60)


@pytest.mark.octave
@pytest.mark.parametrize(("lam", "maxiter"), [(0.0, 60), (1.0, 60), (0.0, 400)])
def test_trajectory_logistic(octave, lam, maxiter):
    # Both lam overshoot into log(0) = -Inf (a NaN cost) in early line searches:
    # the non-finite path is followed identically too. maxiter = 400 runs to
    # the end (status 1 after 283 iterations, measured): the final line-search
    # failures, where the decisions hinge on the last bits of the cost, agree.
    X, y = logistic_data()
    octave.push("fm_X", X)
    octave.push("fm_y", col(y))
    theta0 = np.zeros(X.shape[1])
    py = fmincg(logistic_cost, theta0, maxiter=maxiter, args=(X, y, lam))
    octv = run_octave(octave, f"logisticCost(t, fm_X, fm_y, {lam!r})", theta0, maxiter)
    assert_same_run(py, octv, min_iters=60)
    if maxiter == 400:
        assert py.status == 1 and py.nit < maxiter


@pytest.mark.octave
def test_trajectory_logistic_numpy_exp(octave):
    # numpy's exp/log instead of libm's: the costs differ in the last bit for
    # some inputs, and CG amplifies that. Measured on the dev machine (numpy
    # 2.4 AVX-512): at lam = 0.1 the histories differ by <= 2.7e-12 relative
    # over 60 iterations (never > 1e-9 in 300); at lam = 1 they pass 1e-9 at
    # iteration 83. nfev can drift apart later (602 vs 613 in 300 iterations),
    # so only the first 50 iterations and the cost history are compared.
    # (With libm's exp/log, test_trajectory_logistic, the runs are identical
    # to the last bit, here to the end of the run: 283 iterations.)
    X, y = logistic_data()
    octave.push("fm_X", X)
    octave.push("fm_y", col(y))
    theta0 = np.zeros(X.shape[1])
    py = fmincg(logistic_cost, theta0, maxiter=50, args=(X, y, 0.1, np.exp, np.log))
    octv = run_octave(octave, "logisticCost(t, fm_X, fm_y, 0.1)", theta0, 50)
    assert octv["nit"] == py.nit == 50
    assert_allclose(octv["fun_history"], py.fun_history, rtol=TRAJ_RTOL, atol=0)
    assert_allclose(octv["x"], py.x, rtol=X_RTOL, atol=1e-14)


@pytest.mark.octave
@pytest.mark.parametrize(
    ("py_f", "oct_call", "x0", "status"),
    [
        (lambda x: (3.0, np.zeros_like(x)), "deal(3, zeros(size(t)))", [1.0, 2.0], 2),
        (lambda x: (math.nan, x), "deal(NaN, t)", [1.0, 2.0], 3),
        (lambda x: (x[0], np.array([1.0])), "deal(t(1), 1)", [0.0], 1),
    ],
)
def test_stopping_codes_agree(octave, py_f, oct_call, x0, status):
    py = fmincg(py_f, np.array(x0))
    octv = run_octave(octave, oct_call, np.array(x0), 100)
    assert py.status == status
    assert (octv["status"], octv["nit"], octv["nfev"], octv["message"]) == (
        py.status,
        py.nit,
        py.nfev,
        py.message,
    )


@pytest.mark.octave
@pytest.mark.parametrize(
    ("code", "match"),
    [
        ("fmincg('cost', 1)", r"f must be a function handle returning \[J, grad\], got a char"),
        (
            "fmincg(@(t) deal(1, t), [1; NaN])",
            r"X0 must be finite \(no NaN or Inf\), got NaN at index 2",
        ),
        (
            "fmincg(@(t) deal(1, t), eye(2))",
            r"X0 must be a non-empty real vector, got a double of size \[2 2\]",
        ),
        (
            "fmincg(@(t) deal(t' * t, 2 * t), 1, struct('MaxIter', 0))",
            r"MaxIter must be a positive integer, got 0",
        ),
        (
            "fmincg(@(t) deal(1, [1; 2; 3]), [1; 2])",
            r"gradient with 2 elements \(one per element of X0\), got 3",
        ),
    ],
)
def test_octave_bad_input(octave, code, match):
    with pytest.raises(Oct2PyError, match="fmincg: .*" + match):
        octave.eval(code)


@pytest.mark.octave
def test_display_iter_prints_the_same_lines(octave, capsys):
    x0 = rosen_start(2)
    fmincg(rosenbrock_cost, x0, maxiter=3, verbose=True)
    py_lines = capsys.readouterr().out.splitlines()
    octave.push("fm_x0", col(x0))
    octave.eval(
        "fm_out = evalc('fmincg(@(t) rosenbrockCost(t), fm_x0, "
        "struct(''MaxIter'', 3, ''Display'', ''iter''));');"
    )
    oct_lines = str(octave.pull("fm_out")).splitlines()
    assert len(py_lines) == 3
    assert oct_lines == py_lines


# --- fmincg as a scipy.optimize.minimize method ------------------------------


@pytest.fixture(scope="module")
def digits_cost():
    from nnvec import init_params, load_dataset, nn_cost

    ds = load_dataset("digits")
    X, y = ds.X[:200], ds.y[:200]
    sizes = [64, 10, 10]
    return (lambda p: nn_cost(p, sizes, X, y, 1.0)), init_params(sizes, 0)


def test_minimize_method_is_fmincg(digits_cost):
    from nnvec import minimize_fmincg

    f, p0 = digits_cost
    seen = []
    res = minimize(f, p0, jac=True, method=minimize_fmincg, options={"maxiter": 20},
                   callback=lambda xk: seen.append(xk))
    ref = fmincg(f, p0, maxiter=20)
    assert isinstance(res, OptimizeResult)
    assert_array_equal(res.x, ref.x)
    assert res.fun == ref.fun and res.nit == ref.nit == 20 and res.nfev == ref.nfev
    assert res.success and res.status == 0 and res.message == ref.message
    # the callback sees every iterate, the last one being res.x
    assert len(seen) == 20
    assert_array_equal(seen[-1], res.x)


def test_minimize_method_args_and_callback_stop():
    from nnvec import minimize_fmincg

    A = np.array([[3.0, 1.0], [1.0, 2.0]])

    def quad(x, b):
        return 0.5 * x @ A @ x - b @ x, A @ x - b

    b = np.array([1.0, -1.0])
    res = minimize(quad, np.zeros(2), args=(b,), jac=True, method=minimize_fmincg)
    assert_allclose(res.x, np.linalg.solve(A, b), rtol=1e-10)
    stopped = minimize(quad, np.zeros(2), args=(b,), jac=True, method=minimize_fmincg,
                       callback=lambda xk: True)
    assert stopped.nit == 1 and stopped.status == 4


def test_minimize_method_errors_and_unknown_option():
    from nnvec import minimize_fmincg
    from scipy.optimize import OptimizeWarning

    def quad(x):
        return x @ x, 2 * x

    with pytest.raises(ValueError, match="minimize_fmincg: needs the gradient"):
        minimize(lambda x: x @ x, np.ones(2), method=minimize_fmincg)
    with pytest.raises(ValueError, match="minimize_fmincg: bounds is not supported"):
        minimize(quad, np.ones(2), jac=True, method=minimize_fmincg, bounds=[(0, 1)] * 2)
    with pytest.warns(OptimizeWarning, match=r"unknown options \['gtol'\] ignored"):
        minimize(quad, np.ones(2), jac=True, method=minimize_fmincg, options={"gtol": 1e-3})


# fmincg's status texts: the table STATUS_MESSAGES is exactly what it returns.
@pytest.mark.parametrize(("f", "x0", "maxiter", "status"), [
    (quad, [1.0, 2.0], 1, 0),
    (lambda x: (0.0, np.zeros_like(x)), [1.0], 5, 2),
    (lambda x: (np.nan, x), [1.0], 5, 3),
    (lambda x: (float(x @ x) if abs(x[0]) >= 1 else np.inf, 2 * x), [1.0], 5, 3),
])
def test_status_messages_are_what_fmincg_returns(f, x0, maxiter, status):
    res = nnvec.fmincg(f, np.array(x0), maxiter=maxiter)
    assert res.status == status
    assert res.message == STATUS_MESSAGES[status].format(maxiter=maxiter)


def test_status_message_callback():
    res = nnvec.fmincg(quad, np.array([1.0, 2.0]), maxiter=5, callback=lambda x: True)
    assert (res.status, res.message) == (4, STATUS_MESSAGES[4])


@pytest.mark.octave
@pytest.mark.parametrize(("octf", "x0", "maxiter", "status"), [
    (OCT_QUAD, "[1; 2]", 1, 0),
    ("@(t) deal(0, zeros(size(t)))", "1", 5, 2),
    ("@(t) deal(NaN, t)", "1", 5, 3),
])
def test_octave_returns_the_status_messages(oc, octf, x0, maxiter, status):
    """fmincg.m returns the very texts of Python's STATUS_MESSAGES."""
    oc.eval(f"[~, ~, ~, INFO] = fmincg({octf}, {x0}, struct('MaxIter', {maxiter}));")
    info = oc.pull("INFO")
    assert int(info["status"]) == status
    assert info["message"] == STATUS_MESSAGES[status].format(maxiter=maxiter)
