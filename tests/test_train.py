"""Training: the Python trainer (every method), momentum descent, the pictures and
weight files, and Octave's trainNN / momentumDescent / displayData against them."""

from __future__ import annotations

import re

import numpy as np
import pytest
import scipy.io
from conftest import ATOL, DATA_DIR, RTOL, col
from nnvec.core.cost import NNCost
from nnvec.core.predict import nn_predict, predict
from nnvec.io.display import (
    display_array,
    display_data,
    load_weights,
    plot_cost_history,
    save_weights,
)
from nnvec.optim.momentum import momentum_descent
from nnvec.optim.train import METHODS, OCTAVE_METHODS, init_params, train
from numpy.testing import assert_allclose, assert_array_equal
from threadpoolctl import threadpool_info

SIZES = [64, 25, 10]  # the network of the bundled 8x8 digits (--data digits)


@pytest.fixture(scope="module")
def digits():
    """The bundled digits, read directly (nnvec.io.data is tested on its own)."""
    d = scipy.io.loadmat(DATA_DIR / "digits.mat")
    return d["X"], d["y"].ravel(), d["Xtest"], d["ytest"].ravel()


@pytest.fixture(scope="module")
def default_run(digits):
    X, y, _, _ = digits
    return train(X, y, SIZES, lambda_=1.0, maxiter=50, method="fmincg", rng=0)


def accuracy(p, sizes, X, y) -> float:
    return float(np.mean(nn_predict(p, sizes, X) == y))


# ---------------------------------------------------------------- train (Python)

def test_default_network_reaches_95_percent_held_out(digits, default_run):
    X, y, Xt, yt = digits
    res = default_run
    # The acceptance bar: 64-25-10, lambda 1, 50 fmincg iterations, seed 0.
    assert accuracy(res.x, SIZES, Xt, yt) >= 0.95
    assert accuracy(res.x, SIZES, X, y) >= 0.95
    assert res.nit == 50 and res.method == "fmincg"
    assert res.fun_history.shape == (50,)
    assert np.all(np.diff(res.fun_history) < 0)  # fmincg: every iteration lowers the cost


def test_result_fields_agree_with_the_cost(digits, default_run):
    X, y, _, _ = digits
    res = default_run
    J, _ = NNCost(SIZES, X, y, 1.0)(res.x)
    assert res.fun == pytest.approx(J, rel=1e-12)
    assert res.fun_history[-1] == pytest.approx(J, rel=1e-12)
    assert_array_equal(res.x0, init_params(SIZES, 0))
    assert [T.shape for T in res.Thetas] == [(25, 65), (10, 26)]
    assert_array_equal(np.concatenate([T.ravel(order="F") for T in res.Thetas]), res.x)
    assert res.layer_sizes == SIZES


def test_deeper_network_trains(digits):
    X, y, Xt, yt = digits
    sizes = [64, 30, 20, 10]
    res = train(X, y, sizes, lambda_=0.5, maxiter=60, rng=1)
    assert res.fun_history[-1] < 0.5 * res.fun_history[0]
    assert accuracy(res.x, sizes, Xt, yt) > 0.8  # chance is 0.1


@pytest.mark.parametrize("method", [m for m in METHODS if m != "fmincg"]
                         + [m.lower() for m in METHODS if m != m.lower()])
def test_other_methods_lower_the_cost(digits, method):
    X, y, _, _ = digits
    res = train(X, y, SIZES, lambda_=1.0, maxiter=30, method=method, rng=0)
    J0, _ = NNCost(SIZES, X, y, 1.0)(res.x0)
    assert res.method in METHODS
    assert 1 <= res.nit <= 30
    assert res.fun_history.shape == (res.nit,)
    assert res.fun == pytest.approx(res.fun_history[-1], rel=1e-12)
    assert res.fun < 0.8 * J0


def test_callback_and_progress_once_per_iteration(digits):
    X, y, _, _ = digits
    seen, costs = [], []
    res = train(X[:200], y[:200], SIZES, lambda_=1.0, maxiter=7, rng=3,
                callback=lambda xk: seen.append(xk), progress=lambda i, J: costs.append((i, J)))
    assert len(seen) == res.nit == 7
    assert_array_equal(seen[-1], res.x)
    assert [i for i, _ in costs] == list(range(1, 8))
    assert_array_equal([J for _, J in costs], res.fun_history)


def test_verbose_prints_one_line_per_iteration(digits, capsys):
    X, y, _, _ = digits
    train(X[:100], y[:100], SIZES, lambda_=1.0, maxiter=3, rng=0, verbose=True)
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and lines[0].startswith("Iteration    1 | Cost: ")


def test_seed_fixes_the_start_and_the_run(digits):
    X, y, _, _ = digits
    a = train(X[:300], y[:300], SIZES, lambda_=1.0, maxiter=5, rng=7)
    b = train(X[:300], y[:300], SIZES, lambda_=1.0, maxiter=5, rng=7)
    c = train(X[:300], y[:300], SIZES, lambda_=1.0, maxiter=5, initial_params=a.x0)
    assert_array_equal(a.x, b.x)
    assert_array_equal(a.x, c.x)
    assert not np.array_equal(a.x0, init_params(SIZES, 8))


def test_init_params_layout():
    p = init_params([3, 4, 2], 0)
    assert p.shape == (4 * 4 + 2 * 5,)
    assert np.all(np.abs(p) <= 0.12)  # rand_initialize_weights' default epsilon_init


def test_thread_rule_and_restore(digits):
    X, y, _, _ = digits
    before = [lib["num_threads"] for lib in threadpool_info()]
    res = train(X[:100], y[:100], SIZES, lambda_=1.0, maxiter=2, rng=0)
    assert res.threads.startswith("1 ")  # 100 * 1885 < SMALL_PROBLEM
    res = train(X[:100], y[:100], SIZES, lambda_=1.0, maxiter=2, rng=0, threads=2)
    assert res.threads.startswith("2 ")
    assert [lib["num_threads"] for lib in threadpool_info()] == before


def test_large_problem_plan_follows_numpys_pool():
    from nnvec.optim.train import SMALL_PROBLEM, _thread_plan

    class Pools:  # threadpoolctl's info() for numpy's and scipy's OpenBLAS
        def info(self):
            return [{"user_api": "blas", "filepath": "/x/numpy.libs/libscipy_openblas.so",
                     "num_threads": 3},
                    {"user_api": "blas", "filepath": "/x/scipy.libs/libscipy_openblas.so",
                     "num_threads": 2}]

    assert _thread_plan(Pools(), 1, SMALL_PROBLEM - 1, None)[0] == 1
    assert _thread_plan(Pools(), 10, SMALL_PROBLEM // 10, None)[0] == 3
    assert _thread_plan(Pools(), 10, 1, 2)[0] == 2
    # Never more workers than examples, and the description says what is used.
    assert _thread_plan(Pools(), 2, SMALL_PROBLEM, None) == (
        2, "2 (worker(s) as numpy's BLAS had threads; every BLAS pool at 1, large problem)")
    assert _thread_plan(Pools(), 3, 1, 8) == (3, "3 (worker(s); every BLAS pool at 1 thread)")


def test_blas_description_says_what_chose_the_kernels(digits):
    # The environment's OpenBLAS settings are never changed here: the
    # descriptions take the environment to describe as an argument.
    from nnvec.optim.train import _blas_description, openblas_kernel_choice

    X, y, _, _ = digits
    numpy_blas = [lib for lib in threadpool_info()
                  if lib["user_api"] == "blas" and "numpy" in lib["filepath"]]
    assert numpy_blas, "numpy's BLAS not reported by threadpoolctl"
    lib = numpy_blas[0]
    res = train(X[:50], y[:50], SIZES, lambda_=1.0, maxiter=1, rng=0)
    assert res.blas.startswith(f"{lib['internal_api']} {lib['version']}")
    if lib["internal_api"] == "openblas":
        assert res.blas.endswith(f", {lib['architecture']} kernels ({openblas_kernel_choice()})")

    class Pools:  # an OpenBLAS whose kernels an OPENBLAS_CORETYPE forced
        def info(self):
            return [{"user_api": "blas", "internal_api": "openblas", "version": "0.3.30",
                     "architecture": "Haswell", "filepath": "/x/numpy.libs/libopenblas.so"}]

    forced = {"OPENBLAS_CORETYPE": "Haswell"}
    assert _blas_description(Pools(), forced) == (
        "openblas 0.3.30, Haswell kernels (forced by OPENBLAS_CORETYPE=Haswell)")
    assert openblas_kernel_choice(forced) == "forced by OPENBLAS_CORETYPE=Haswell"
    assert openblas_kernel_choice({**forced, "OPENBLAS_L2_SIZE": "1048576"}) == (
        "forced by OPENBLAS_CORETYPE=Haswell, OPENBLAS_L2_SIZE=1048576")
    assert openblas_kernel_choice({"OPENBLAS_L2_SIZE": "1048576"}) == "chosen by CPU"
    assert openblas_kernel_choice({}) == "chosen by CPU"

    class NoBlas:
        def info(self):
            return []

    assert _blas_description(NoBlas()) == "not reported by threadpoolctl"


@pytest.mark.parametrize("method", ["fmincg", "L-BFGS-B"])
def test_workers_train_like_one_thread(digits, method):
    """threads=2 (two workers, each on half the examples) follows the same path as threads=1."""
    X, y, _, _ = digits
    a = train(X, y, SIZES, lambda_=1.0, maxiter=15, method=method, rng=3, threads=1)
    b = train(X, y, SIZES, lambda_=1.0, maxiter=15, method=method, rng=3, threads=2)
    assert a.nit == b.nit
    assert_allclose(b.fun_history, a.fun_history, rtol=1e-9)
    assert_allclose(b.x, a.x, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"method": "adam"}, re.escape(f"train: method must be one of {', '.join(METHODS)}, "
                                       "got 'adam'")),
        ({"maxiter": 0}, r"train: maxiter must be a positive integer, got 0"),
        ({"lambda_": -1.0}, r"train: lambda must be a finite real scalar >= 0, got -1"),
        ({"initial_params": np.zeros(5)}, r"train: initial_params must have 1885 elements"),
        ({"initial_params": np.full(1885, np.nan)}, r"train: initial_params must be finite"),
        ({"layer_sizes": [63, 25, 10]}, r"train: X must have 63 columns"),
        ({"threads": 0}, r"train: threads must be a positive integer, got 0"),
    ],
)
def test_bad_input(digits, kwargs, match):
    X, y, _, _ = digits
    args = {"layer_sizes": SIZES, **kwargs}
    with pytest.raises(ValueError, match=match):
        train(X[:20], y[:20], **args)


def test_options_are_keyword_only(digits):
    # train(X, y, sizes, 1.0, 50) once read lambda and maxiter by position;
    # every option after layer_sizes is now named at the call.
    X, y, _, _ = digits
    with pytest.raises(TypeError, match="positional argument"):
        train(X[:20], y[:20], SIZES, 1.0)


# ---------------------------------------------------------------- momentum_descent

def test_momentum_converges_on_a_quadratic():
    A = np.array([[3.0, 1.0], [1.0, 2.0]])
    res = momentum_descent(lambda x: (0.5 * x @ A @ x, A @ x), [4.0, -3.0], maxiter=300,
                           learning_rate=0.1, momentum=0.5)
    assert np.linalg.norm(res.x) < 1e-10
    assert res.nit == 300 and res.nfev == 301 and res.status == 0 and res.success


def test_momentum_two_steps_by_hand():
    # v1 = -alpha g0, x1 = x0 + v1; v2 = mu v1 - alpha g1, x2 = x1 + v2 (g = 2x).
    res = momentum_descent(lambda x: (float(x @ x), 2 * x), [1.0, 2.0], maxiter=2,
                           learning_rate=0.25, momentum=0.5)
    v1 = -0.25 * np.array([2.0, 4.0])
    x1 = np.array([1.0, 2.0]) + v1
    x2 = x1 + (0.5 * v1 - 0.25 * 2 * x1)
    assert_array_equal(res.x, x2)
    assert_array_equal(res.fun_history, [x1 @ x1, x2 @ x2])


def test_momentum_stops_on_overflow():
    def f(x):
        e = np.exp(x @ x)
        return e, 2 * x * e

    with np.errstate(over="ignore", invalid="ignore"):
        res = momentum_descent(f, [10.0, 10.0], maxiter=5, learning_rate=1.0)
    assert res.status == 1 and not res.success and res.nit == 0
    assert_array_equal(res.x, [10.0, 10.0])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"momentum": 1.0}, r"momentum must be a scalar in \[0, 1\), got 1$"),
        ({"learning_rate": -1.0}, r"learning_rate must be a finite scalar > 0, got -1$"),
        ({"maxiter": 2.5}, r"maxiter must be a non-negative integer, got 2.5"),
    ],
)
def test_momentum_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        momentum_descent(lambda x: (float(x @ x), 2 * x), [1.0], **kwargs)


# ---------------------------------------------------------------- files and pictures

def test_display_data_grid():
    X = np.arange(1.0, 21.0).reshape(5, 4)
    A = display_array(X, order="C")
    assert A.shape == (1 + 2 * 3, 1 + 3 * 3)  # 5 images: 2 rows x 3 columns, padding 1
    assert_array_equal(A[1:3, 1:3], X[0].reshape(2, 2) / X[0].max())
    assert_array_equal(A[5:7, 7:9], -1.0)  # the empty sixth cell
    # 'F' reads the same pixels column by column: the transposed picture.
    assert_array_equal(display_array(X, order="F")[1:3, 1:3], A[1:3, 1:3].T)


def test_display_data_bad_shape():
    with pytest.raises(ValueError, match=r"display_data: image_shape must be .* = 6, got \(4, 2\)"):
        display_data(np.ones((2, 6)), (4, 2))


def test_pictures_are_written(tmp_path, default_run):
    import matplotlib.image

    path = tmp_path / "hidden.png"
    display_data(default_run.Thetas[0][:, 1:], (8, 8), order="C", path=path)
    A = display_array(default_run.Thetas[0][:, 1:], (8, 8), order="C")
    img = matplotlib.image.imread(path)
    scale = int(np.ceil(400 / max(A.shape)))  # display_data's default PNG scale
    assert img.shape[:2] == (A.shape[0] * scale, A.shape[1] * scale)
    plot_cost_history(default_run.fun_history, tmp_path / "cost.png")
    assert (tmp_path / "cost.png").stat().st_size > 1000


def test_weights_round_trip_python(tmp_path, digits, default_run):
    _, _, Xt, _ = digits
    path = tmp_path / "weights.mat"
    save_weights(path, default_run.Thetas)
    T1, T2 = load_weights(path)
    assert_array_equal(T1, default_run.Thetas[0])
    assert_array_equal(predict(T1, T2, Xt), nn_predict(default_run.x, SIZES, Xt))


@pytest.mark.octave
def test_weights_load_in_octave(oc, tmp_path, digits, default_run):
    _, _, Xt, _ = digits
    path = tmp_path / "weights.mat"
    save_weights(path, default_run.Thetas)
    oc.push("weightsFile", str(path))
    oc.eval("S = load(weightsFile); T1 = S.Theta1;")
    T1 = oc.pull("T1")
    assert_array_equal(T1, default_run.Thetas[0])
    oc.push("Xt", Xt)
    oc.eval("pOct = predict(S.Theta1, S.Theta2, Xt);")
    assert_array_equal(np.asarray(oc.pull("pOct")).ravel(), nn_predict(default_run.x, SIZES, Xt))


@pytest.mark.octave
def test_display_data_matches_octave(oc, tmp_path, default_run):
    W = default_run.Thetas[0][:, 1:]
    for order in ("C", "F"):
        _, A = oc.displayData(W, 8.0, str(tmp_path / f"w{order}.png"), order, nout=2)
        assert_array_equal(A, display_array(W, (8, 8), order=order))
    X = np.arange(1.0, 31.0).reshape(5, 6)  # non-square images: 2 wide, 3 tall
    _, A = oc.displayData(X, 2.0, str(tmp_path / "x.png"), nout=2)
    assert_array_equal(A, display_array(X, (3, 2), order="F"))


# ---------------------------------------------------------------- Python vs Octave

#: Start-to-end agreement of the weights: fmincg's line search amplifies rounding
#: more than momentum's fixed steps do (the cost histories agree to 1e-9 for both).
WEIGHTS_RTOL = {"fmincg": (1e-6, 1e-9), "momentum": (1e-8, 1e-10)}


@pytest.mark.octave
@pytest.mark.parametrize("method", OCTAVE_METHODS)
def test_training_matches_octave(oc, digits, default_run, method):
    """trainNN runs each of its methods along Python's path, from the same start.

    Only MaxIter, Method and InitialParams are given: each language's own
    defaults (momentum's LearningRate 0.5 and Momentum 0.8) must agree too.
    """
    X, y, Xt, _ = digits
    if method == "fmincg":
        res = default_run
    else:
        res = train(X, y, SIZES, lambda_=1.0, maxiter=50, method=method, rng=0)
    opts = {"MaxIter": 50.0, "Method": method, "InitialParams": col(res.x0)}
    p, J, info = oc.trainNN(X, col(y), np.array([SIZES], dtype=float), 1.0, opts, nout=3)
    # Same start, same arithmetic order: the histories agree to rounding (the brief's 1e-9).
    assert_allclose(np.asarray(J).ravel(), res.fun_history, rtol=1e-9, atol=0)
    assert int(info["nit"]) == res.nit == 50
    p = np.asarray(p).ravel()
    rtol, atol = WEIGHTS_RTOL.get(method, WEIGHTS_RTOL["fmincg"])
    assert_allclose(p, res.x, rtol=rtol, atol=atol)
    assert_array_equal(nn_predict(p, SIZES, Xt), nn_predict(res.x, SIZES, Xt))
    pred = oc.nnPredict(col(res.x), np.array([SIZES], dtype=float), Xt)
    assert_array_equal(np.asarray(pred).ravel(), nn_predict(res.x, SIZES, Xt))


@pytest.mark.octave
def test_momentum_descent_matches_octave_on_a_quadratic(oc):
    # The same update order in both languages: identical to rounding on a quadratic.
    A = np.array([[3.0, 1.0, 0.0], [1.0, 2.0, 0.5], [0.0, 0.5, 1.0]])
    x0 = np.array([1.0, -2.0, 0.5])
    res = momentum_descent(lambda x: (0.5 * x @ A @ x, A @ x), x0, maxiter=25,
                           learning_rate=0.2, momentum=0.7)
    oc.push("A", A)
    oc.eval("f = @(x) deal(0.5 * x' * A * x, A * x);")
    oc.eval("[x, fX, i] = momentumDescent(f, [1; -2; 0.5], "
            "struct('MaxIter', 25, 'LearningRate', 0.2, 'Momentum', 0.7));")
    assert_allclose(np.asarray(oc.pull("x")).ravel(), res.x, rtol=RTOL, atol=ATOL)
    assert_allclose(np.asarray(oc.pull("fX")).ravel(), res.fun_history, rtol=RTOL, atol=ATOL)
    assert int(oc.pull("i")) == res.nit
