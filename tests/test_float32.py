"""float32 end to end (#23): the cost, the gradient check, training, the estimator, the CLI,
and Octave's single, which must agree with it.

Tolerances. float32's unit roundoff is u = 2^-24 = 6e-8. A sum of n terms
carries a rounding error of at most about n u relative (sqrt(n) u typically);
the largest sums here run over at most a few hundred terms (m = 60 examples
times K, or 64 inputs), so two float32 computations that add in different
orders (Python's examples along columns, Octave's along rows, and two BLAS
libraries) differ by about 1e-6 relative, and at most ~2e-5. The
cross-language bound below is that 2e-5 (norm-relative for the gradient);
against float64, the same bound holds, float64's own error being negligible.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import col
from nnvec import (
    NNCost,
    check_nn_gradients,
    fmincg,
    load_dataset,
    nn_cost,
    nn_predict,
    param_shapes,
    train,
)
from nnvec.core.activations import ACTIVATIONS, OUTPUTS
from nnvec.core.gradcheck import TOLERANCES
from nnvec.core.validate import DTYPES
from numpy.testing import assert_array_equal

#: float32 against float64 or against Octave's single: see the module's docstring.
RTOL32 = 2e-5

TABLE = [(a, o) for a in ACTIVATIONS for o in OUTPUTS]


def problem(sizes=(6, 7, 5, 3), m=60, seed=3):
    rng = np.random.default_rng(seed)
    n = sum(r * c for r, c in param_shapes(sizes))
    return (list(sizes), 0.5 * rng.standard_normal(n), rng.standard_normal((m, sizes[0])),
            rng.integers(1, sizes[-1] + 1, size=m))


def rel(a, b):
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.linalg.norm(a - b) / np.linalg.norm(b))


@pytest.mark.parametrize(("activation", "output"), TABLE)
def test_float32_cost_is_float32_and_agrees_with_float64(activation, output):
    sizes, p, X, y = problem()
    kw = {"activation": activation, "output": output}
    J32, g32 = NNCost(sizes, X, y, 1.0, dtype="float32", **kw)(p)
    J64, g64 = NNCost(sizes, X, y, 1.0, **kw)(p)
    assert g32.dtype == np.float32 and isinstance(J32, float)
    assert abs(J32 - J64) <= RTOL32 * abs(J64)
    assert rel(g32, g64) <= RTOL32
    J1, g1 = nn_cost(p, sizes, X, y, 1.0, dtype=np.float32, **kw)
    assert J1 == J32
    assert_array_equal(g1, g32)


def test_float64_stays_the_default_bit_for_bit():
    sizes, p, X, y = problem()
    cost = NNCost(sizes, X, y, 1.0)
    assert cost.dtype == np.float64 and cost.X is not None and cost.X.dtype == np.float64
    J, g = cost(p)
    J2, g2 = NNCost(sizes, X, y, 1.0, dtype="float64")(p)
    assert g.dtype == np.float64
    assert J == J2 and g.tobytes() == g2.tobytes()


def test_dtype_names_come_from_the_table_and_others_are_refused():
    sizes, _, X, y = problem()
    for name, kind in DTYPES.items():
        assert NNCost(sizes, X, y, dtype=kind).dtype == np.dtype(name)
    for bad in ("float16", "int32", None, True, "double precision"):
        with pytest.raises(ValueError, match=r"^NNCost: dtype must be one of float64, float32, "):
            NNCost(sizes, X, y, dtype=bad)


def test_float32_refuses_data_beyond_its_range_by_position():
    sizes, p, X, y = problem()
    X[2, 4] = 1e300  # finite in float64, Inf once rounded to float32
    NNCost(sizes, X, y)  # fine in float64
    with pytest.raises(ValueError, match=r"^NNCost: X must be finite .*Inf at row 3, column 5"):
        NNCost(sizes, X, y, dtype="float32")
    with pytest.raises(ValueError, match=r"^NNCost: nn_params must be finite"):
        NNCost(sizes, X[:2], y[:2], dtype="float32")(np.full(p.size, 1e300))


@pytest.mark.parametrize("output", list(OUTPUTS))
def test_stable_cost_stays_finite_in_float32(output):
    # z = [100, -100] with label 2: exp(100) overflows float32 (its largest
    # number is 3.4e38 = exp(88.7)), so the textbook log(sigmoid) or softmax
    # would give Inf; the stable forms give J = 200 for both outputs
    # (sigmoid: softplus(100) + softplus(100); softmax: -log_softmax = 200).
    J, g = nn_cost(np.array([0.0, 0.0, 100.0, -100.0]), [1, 2], np.ones((1, 1)), [2],
                   output=output, dtype="float32")
    assert np.isfinite(J) and np.isfinite(g).all()
    assert J == pytest.approx(200.0, rel=1e-6)
    with np.errstate(over="ignore"):
        assert np.isinf(np.log1p(np.exp(np.float32(100.0))))


@pytest.mark.parametrize(("activation", "output"), TABLE)
def test_gradient_check_in_float32_within_its_documented_tolerance(activation, output):
    diff32 = check_nn_gradients(3.0, verbose=False, activation=activation, output=output,
                                dtype="float32")
    assert diff32 < TOLERANCES["float32"]
    # ... and the float64 check is unchanged by the option.
    assert check_nn_gradients(3.0, verbose=False, activation=activation,
                              output=output) < TOLERANCES["float64"]


def test_gradient_check_in_float32_still_catches_a_wrong_gradient():
    def wrong(p, n, h, K, X, y, lam):  # the gradient without its regularization term
        J, _ = nn_cost(p, [n, h, K], X, y, lam, dtype=p.dtype)
        _, g0 = nn_cost(p, [n, h, K], X, y, 0.0, dtype=p.dtype)
        return J, g0

    assert check_nn_gradients(wrong, 3.0, verbose=False, dtype="float32") > \
        10 * TOLERANCES["float32"]


def test_fmincg_keeps_a_float32_start_in_float32():
    res = fmincg(lambda x: (float(x @ x), 2 * x), np.array([1.0, -2.0], dtype=np.float32),
                 maxiter=5)
    assert res.x.dtype == np.float32 and res.jac.dtype == np.float32
    assert np.abs(res.x).max() < 1e-3


def test_train_in_float32_reaches_float64s_held_out_accuracy_on_mnist5k():
    # The target: the same held-out accuracy within half a point, from
    # the same start (seed 0), 50 fmincg iterations, lambda 1 (make train's run).
    ds = load_dataset("mnist5k")
    sizes = [ds.X.shape[1], 25, 10]
    acc = {}
    for dtype in DTYPES:
        res = train(ds.X, ds.y, sizes, lambda_=1.0, maxiter=50, rng=0, dtype=dtype)
        assert res.x.dtype == np.dtype(dtype) and res.x0.dtype == np.dtype(dtype)
        acc[dtype] = 100 * np.mean(nn_predict(res.x, sizes, ds.X_test) == np.ravel(ds.y_test))
    assert abs(acc["float32"] - acc["float64"]) <= 0.5, acc


def test_estimator_fits_in_float32():
    from nnvec import NNClassifier

    ds = load_dataset("digits")
    X, y = ds.X[:400], np.ravel(ds.y)[:400]
    est32 = NNClassifier(maxiter=20, random_state=0, dtype="float32").fit(X, y)
    est64 = NNClassifier(maxiter=20, random_state=0).fit(X, y)
    assert all(T.dtype == np.float32 for T in est32.coefs_)
    assert est32.predict_proba(X).dtype == np.float32
    assert abs(est32.score(X, y) - est64.score(X, y)) <= 0.02


def test_cli_train_takes_dtype(tmp_path, capsys):
    from nnvec import cli

    status = cli.main(["train", "--data", "digits", "--maxiter", "3", "--dtype", "float32",
                       "--out", str(tmp_path)])
    assert status == 0
    assert "Held-out accuracy" in capsys.readouterr().out
    assert (tmp_path / "weights.mat").exists()
    with pytest.raises(SystemExit):
        cli.main(["train", "--dtype", "float16"])
    assert "--dtype" in capsys.readouterr().err


@pytest.mark.octave
@pytest.mark.parametrize(("activation", "output"), TABLE)
def test_octave_single_agrees_with_python_float32(oc, activation, output):
    sizes, p, X, y = problem()
    opts = {"activation": activation, "output": output}
    oc.push("nnvec_opts", opts)
    J_oct, g_oct = oc.feval("nnCost", p.astype(np.float32).reshape(-1, 1),
                            np.asarray(sizes, dtype=float), X.astype(np.float32), col(y), 1.0,
                            oc.pull("nnvec_opts"), nout=2)
    # (oct2py returns a scalar as a Python float; nnCost.m's own tests check class(J).)
    assert np.asarray(g_oct).dtype == np.float32
    J, g = nn_cost(p.astype(np.float32), sizes, X, y, 1.0, dtype="float32", **opts)
    assert abs(float(J_oct) - J) <= RTOL32 * abs(J)
    assert rel(np.asarray(g_oct).ravel(), g) <= RTOL32


@pytest.mark.octave
def test_octave_trains_single_through_trainnn_and_fmincg(oc):
    ds = load_dataset("digits")
    X, y = ds.X[:300].astype(np.float32), np.ravel(ds.y)[:300]
    params, history = oc.trainNN(X, col(y), np.array([[64.0, 25.0, 10.0]]), 1.0,
                                 {"MaxIter": 20.0}, nout=2)
    assert np.asarray(params).dtype == np.float32
    assert np.asarray(history).ravel()[-1] < np.asarray(history).ravel()[0]


@pytest.mark.octave
def test_cli_octave_engine_trains_in_single_like_python_float32(tmp_path, capsys):
    # --dtype float32 sends single data to trainNN: both engines end at the same
    # cost to float32's precision over a few iterations.
    import re

    from nnvec import cli

    finals = {}
    for engine in ("python", "octave"):
        out = tmp_path / engine
        status = cli.main(["train", "--data", "digits", "--maxiter", "5", "--dtype", "float32",
                           "--engine", engine, "--out", str(out)])
        text = capsys.readouterr().out
        assert status == 0 and (out / "weights.mat").exists(), text
        finals[engine] = float(re.search(r"final cost ([0-9.e+-]+)\)", text).group(1))
    assert finals["octave"] == pytest.approx(finals["python"], rel=1e-4)
