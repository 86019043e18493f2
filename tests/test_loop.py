"""The loop baseline (course's first pass) equals the vectorized cost, in both languages."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import ATOL, RTOL, col
from nnvec import debug_initialize_weights, nn_cost_function, unroll_params
from nnvec.core.loop import nn_cost_function_loop
from numpy.testing import assert_allclose

# Loop vs vectorized in one language: the same sums in a different order, so
# they agree to round-off; 1e-12 relative is the brief's bound.
LOOP_RTOL = 1e-12

# (input, hidden, labels, m): the course's debug net, a wide one, a deep-ish
# hidden layer, a single example, a single label.
NETWORKS = [(3, 5, 3, 5), (6, 7, 4, 10), (10, 25, 10, 40), (4, 2, 3, 1), (5, 3, 1, 6)]
LAMBDAS = [0.0, 1.0, 3.0, 0.25]


def _problem(n, h, k, m, rng):
    p = rng.uniform(-1, 1, (h * (n + 1) + k * (h + 1)))
    X = rng.normal(size=(m, n))
    y = rng.integers(1, k + 1, size=m)
    return p, X, y


def _assert_grad_close(g_loop, g_vec):
    # Elementwise 1e-12 relative, with an absolute floor at 1e-12 of the
    # largest entry for entries that are round-off-sized sums of cancelling terms.
    assert_allclose(g_loop, g_vec, rtol=LOOP_RTOL, atol=LOOP_RTOL * np.max(np.abs(g_vec)))


@pytest.mark.parametrize("net", NETWORKS)
@pytest.mark.parametrize("lam", LAMBDAS)
def test_loop_equals_vectorized(net, lam, rng):
    n, h, k, m = net
    p, X, y = _problem(n, h, k, m, rng)
    J_loop, g_loop = nn_cost_function_loop(p, n, h, k, X, y, lam)
    J_vec, g_vec = nn_cost_function(p, n, h, k, X, y, lam)
    assert J_loop == pytest.approx(J_vec, rel=LOOP_RTOL, abs=0)
    _assert_grad_close(g_loop, g_vec)
    assert g_loop.shape == (p.size,)


def test_loop_course_debug_network():
    # The course's checkNNGradients set-up: weights and X from debugInitializeWeights.
    p = unroll_params([debug_initialize_weights(5, 3), debug_initialize_weights(3, 5)])
    X = debug_initialize_weights(5, 2)
    y = 1 + np.mod(np.arange(1, 6), 3)
    for lam in (0.0, 3.0):
        J_loop, g_loop = nn_cost_function_loop(p, 3, 5, 3, X, y, lam)
        J_vec, g_vec = nn_cost_function(p, 3, 5, 3, X, y, lam)
        assert J_loop == pytest.approx(J_vec, rel=LOOP_RTOL, abs=0)
        _assert_grad_close(g_loop, g_vec)


def test_loop_zero_weights_cost_is_k_log_2():
    # Every output is g(0) = 1/2, so each example costs K log 2 whatever its label.
    J, grad = nn_cost_function_loop(np.zeros(38), 3, 5, 3, np.eye(3), [1, 2, 3], 0.0)
    assert J == pytest.approx(3 * np.log(2), rel=1e-15)
    assert grad.shape == (38,)


def test_loop_saturated_units_stay_finite():
    # z3 = 6e4 for every output: the textbook log(1 - h) is -Inf; the stable
    # form gives the labels-0 outputs a cost of z3 each, like the vectorized code.
    p = 1e4 * np.ones(38)
    J_loop, _ = nn_cost_function_loop(p, 3, 5, 3, np.ones((1, 3)), [2], 0.0)
    J_vec, _ = nn_cost_function(p, 3, 5, 3, np.ones((1, 3)), [2], 0.0)
    assert np.isfinite(J_loop)
    assert J_loop == pytest.approx(J_vec, rel=LOOP_RTOL)


@pytest.mark.parametrize(
    ("args", "exc", "match"),
    [
        ((np.zeros(3), 3, 5, 3, np.ones((2, 3)), [1, 2], 0.0), ValueError,
         r"nn_cost_function_loop: nn_params must have 38 elements"),
        ((np.zeros(38), 3, 5, 3, np.ones((2, 2)), [1, 2], 0.0), ValueError,
         r"nn_cost_function_loop: X must have 3 columns \(the input layer size\), got 2"),
        ((np.zeros(38), 3, 5, 3, np.ones((2, 3)), [1, 4], 0.0), ValueError,
         r"nn_cost_function_loop: y labels must be integers in 1\.\.3"),
        ((np.zeros(38), 3, 5, 3, np.ones((2, 3)), [1, 2], -1.0), ValueError,
         r"nn_cost_function_loop: lambda must be a finite real scalar >= 0, got -1"),
        ((np.zeros(38), 3, 0, 3, np.ones((2, 3)), [1, 2], 0.0), ValueError,
         r"nn_cost_function_loop: layer_sizes must be positive integers"),
        (("abc", 3, 5, 3, np.ones((2, 3)), [1, 2], 0.0), TypeError,
         r"nn_cost_function_loop: nn_params must be numeric"),
    ],
)
def test_loop_validation(args, exc, match):
    with pytest.raises(exc, match=match):
        nn_cost_function_loop(*args)


@pytest.mark.octave
class TestLoopOctave:
    """The Octave loop against the Octave vectorized cost and the Python loop."""

    @pytest.mark.parametrize("net", NETWORKS[:3])
    @pytest.mark.parametrize("lam", [0.0, 3.0])
    def test_octave_loop_equals_octave_vectorized(self, oc, net, lam, rng):
        n, h, k, m = net
        p, X, y = _problem(n, h, k, m, rng)
        J_loop, g_loop = oc.nnCostFunctionLoop(col(p), n, h, k, X, col(y), lam, nout=2)
        J_vec, g_vec = oc.nnCostFunction(col(p), n, h, k, X, col(y), lam, nout=2)
        assert float(J_loop) == pytest.approx(float(J_vec), rel=LOOP_RTOL, abs=0)
        _assert_grad_close(np.ravel(g_loop), np.ravel(g_vec))

    @pytest.mark.parametrize("net", NETWORKS)
    @pytest.mark.parametrize("lam", [0.0, 1.0])
    def test_python_loop_equals_octave_loop(self, oc, net, lam, rng):
        n, h, k, m = net
        p, X, y = _problem(n, h, k, m, rng)
        J_oct, g_oct = oc.nnCostFunctionLoop(col(p), n, h, k, X, col(y), lam, nout=2)
        J_py, g_py = nn_cost_function_loop(p, n, h, k, X, y, lam)
        assert_allclose(J_py, float(J_oct), rtol=RTOL, atol=ATOL)
        assert_allclose(g_py, np.ravel(g_oct), rtol=RTOL, atol=ATOL)

    def test_octave_loop_error_text(self, oc):
        from oct2py import Oct2PyError

        # Same rule and wording as the Python twin, naming the Octave function.
        with pytest.raises(Oct2PyError, match=r"nnCostFunctionLoop: X must have 3 columns"):
            oc.nnCostFunctionLoop(col(np.zeros(38)), 3, 5, 3, np.ones((2, 2)), col([1, 2]), 0.0)
