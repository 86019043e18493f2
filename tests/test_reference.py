"""The readable twin ``nnvec.core.reference``: the fast path against it, it against Octave.

``reference.cost_and_gradient`` is ``costAndGradient.m`` written in numpy
line for line. The fast path (``NNCost``, ``nn_cost``, one worker or several)
must give its numbers to 1e-12 on every architecture and option, and it must
give Octave's ``nnCost`` to the project's cross-language tolerance.
"""

from __future__ import annotations

import nnvec
import numpy as np
import pytest
from conftest import ATOL, RTOL
from nnvec.core import reference
from nnvec.core.activations import ACTIVATIONS, OUTPUTS
from nnvec.core.cost import one_hot
from numpy.testing import assert_allclose, assert_array_equal
from test_cross_language import ARCHITECTURES, octave_cost, random_problem

LAMBDAS = [0.0, 1.0, 0.37]
#: The fast path and the reference compute the same sums in other orders
#: (examples along columns, blocks of examples): they differ by rounding only.
FAST_TOL = 1e-12


def reference_cost(p, sizes, X, y, lam, activation="sigmoid", output="sigmoid"):
    Thetas = nnvec.reshape_params(p, sizes)
    return reference.cost_and_gradient(Thetas, X, one_hot(np.asarray(y), sizes[-1]), lam,
                                       activation, output)


def assert_fast_matches(J, grad, J_ref, grad_ref):
    assert_allclose(J, J_ref, rtol=FAST_TOL, atol=FAST_TOL)
    assert_allclose(grad, grad_ref, rtol=FAST_TOL, atol=FAST_TOL)


@pytest.mark.parametrize("sizes", ARCHITECTURES)
@pytest.mark.parametrize("activation", list(ACTIVATIONS))
@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("lam", LAMBDAS)
@pytest.mark.parametrize("m", [1, 2, 17])
def test_fast_path_matches_reference(rng, sizes, activation, output, lam, m):
    p, X, y = random_problem(rng, sizes, m, scale=0.5)
    J_ref, g_ref = reference_cost(p, sizes, X, y, lam, activation, output)
    kw = {"activation": activation, "output": output}
    assert_fast_matches(*nnvec.nn_cost(p, sizes, X, y, lam, **kw), J_ref, g_ref)
    cost = nnvec.NNCost(sizes, X, y, lam, **kw)
    assert_fast_matches(*cost(p), J_ref, g_ref)
    assert_fast_matches(*cost(p), J_ref, g_ref)  # the reused workspace gives the same again
    if m > 1:
        assert_fast_matches(*nnvec.NNCost(sizes, X, y, lam, workers=2, **kw)(p), J_ref, g_ref)
        assert_fast_matches(*cost.with_workers(m)(p), J_ref, g_ref)  # one example per worker


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
@pytest.mark.parametrize("output", OUTPUTS)
def test_fast_path_matches_reference_large_and_saturated(rng, activation, output):
    """The course's size, and weights large enough to saturate the units."""
    for sizes, m, scale in [((400, 25, 10), 300, 0.1), ((4, 6, 3), 40, 300.0)]:
        p, X, y = random_problem(rng, sizes, m, scale=scale)
        J_ref, g_ref = reference_cost(p, sizes, X, y, 1.0, activation, output)
        assert np.isfinite(J_ref)
        kw = {"activation": activation, "output": output}
        for workers in (1, 2, 3):
            assert_fast_matches(*nnvec.NNCost(sizes, X, y, 1.0, workers=workers, **kw)(p),
                                J_ref, g_ref)


def test_reference_leaves_its_inputs_alone(rng):
    sizes = (3, 4, 5, 2)
    p, X, y = random_problem(rng, sizes, 6)
    Thetas = nnvec.reshape_params(p, sizes)
    kept = [T.copy() for T in Thetas], X.copy()
    reference.cost_and_gradient(Thetas, X, one_hot(y, 2), 1.0, "tanh", "softmax")
    for T, T0 in zip(Thetas, kept[0], strict=True):
        assert np.array_equal(T, T0)
    assert np.array_equal(X, kept[1])


def test_reference_worked_examples():
    # All weights zero: every output is sigmoid(0) = 1/2, so each of the K
    # units costs log 2 per example (the course's zero-weights sanity check).
    sizes = [3, 4, 2]
    Thetas = nnvec.reshape_params(np.zeros(26), sizes)
    J, _ = reference.cost_and_gradient(Thetas, np.arange(6.0).reshape(2, 3),
                                       one_hot(np.array([1, 2]), 2), 1.0)
    assert J == pytest.approx(2 * np.log(2), rel=1e-15)
    # No hidden layer, one example x = 2 with label 1, zero weights: h = [1/2 1/2],
    # delta = h - Y = [-1/2 1/2], so the bias gradient is delta and the weight
    # gradient delta * x = [-1 1] (lambda adds lambda/m * 0).
    J, grad = reference.cost_and_gradient([np.zeros((2, 2))], np.array([[2.0]]),
                                          one_hot(np.array([1]), 2), 3.0)
    assert J == pytest.approx(2 * np.log(2), rel=1e-15)
    assert_array_equal(grad, [-0.5, 0.5, -1.0, 1.0])  # column-major: bias column first


@pytest.mark.octave
@pytest.mark.parametrize("sizes", ARCHITECTURES)
@pytest.mark.parametrize("lam", LAMBDAS)
@pytest.mark.parametrize("m", [1, 17])
def test_reference_agrees_with_octave(oc, rng, sizes, lam, m):
    p, X, y = random_problem(rng, sizes, m, scale=0.5)
    J_ref, g_ref = reference_cost(p, sizes, X, y, lam)
    J_oc, g_oc = octave_cost(oc, p, sizes, X, y, lam)
    assert_allclose(J_oc, J_ref, rtol=RTOL, atol=ATOL)
    assert_allclose(g_oc, g_ref, rtol=RTOL, atol=ATOL)


@pytest.mark.octave
@pytest.mark.parametrize("sizes", [(5, 2), (5, 6, 4, 3), (3, 4, 4, 4, 4, 2)])
@pytest.mark.parametrize("activation", list(ACTIVATIONS))
@pytest.mark.parametrize("output", OUTPUTS)
def test_reference_agrees_with_octave_options(oc, rng, sizes, activation, output):
    p, X, y = random_problem(rng, sizes, 11)
    J_ref, g_ref = reference_cost(p, sizes, X, y, 0.7, activation, output)
    J_oc, g_oc = octave_cost(oc, p, sizes, X, y, 0.7, {"activation": activation, "output": output})
    assert_allclose(J_oc, J_ref, rtol=RTOL, atol=ATOL)
    assert_allclose(g_oc, g_ref, rtol=RTOL, atol=ATOL)
