"""Saturated output layers (issue #25, part 1): logits in the thousands, every output.

For each name in the Python output table (``nnvec.core.activations.OUTPUTS``), a
network whose output logits reach about +-2000: there ``exp(z)`` overflows, so
any form of the cost or of the output layer that forgets its shift (softmax
without ``z - max(z)``) or its stable rewrite gives ``inf`` or ``nan``. Checked:

- cost and gradient finite;
- the cost equal to an independent stable value computed here with
  ``scipy.special`` (``logsumexp``; ``np.logaddexp`` for the sigmoid), not only finite;
- the fast path (``nnvec.nn_cost``) equal to the readable twin
  (``nnvec.core.reference.cost_and_gradient``) and to Octave's ``nnCost``;
- predictions (``nnvec.nn_predict``, Octave's ``nnPredict``) equal to each
  other and to the argmax of the output computed stably here.
"""

from __future__ import annotations

import nnvec
import numpy as np
import pytest
from conftest import ATOL, RTOL, col
from nnvec.core.activations import OUTPUTS
from nnvec.core.cost import one_hot
from nnvec.core.reference import cost_and_gradient
from numpy.testing import assert_allclose, assert_array_equal
from scipy.special import expit, log_softmax, logsumexp, softmax

pytestmark = pytest.mark.octave


def sigmoid_cost(z, Y):
    """Course cross-entropy: -(Y log g(z) + (1 - Y) log(1 - g(z))) = log(1 + e^z) - Y z."""
    return float(np.sum(np.logaddexp(0.0, z) - Y * z) / z.shape[0])


def softmax_cost(z, Y):
    """-1/m sum(Y .* log_softmax(z)), log_softmax(z) = z - logsumexp(z) row by row."""
    return float(-np.sum(Y * (z - logsumexp(z, axis=1, keepdims=True))) / z.shape[0])


#: Independent stable forms, one per output name: (h(z), data term of the cost).
#: Keyed by name so that a new entry of OUTPUTS without one here fails
#: test_every_output_has_a_stable_form, never passes unchecked.
STABLE = {
    "sigmoid": (expit, sigmoid_cost),
    "softmax": (lambda z: softmax(z, axis=1), softmax_cost),
}


def test_every_output_has_a_stable_form():
    assert set(STABLE) == set(OUTPUTS)
    # log_softmax is the same thing as softmax_cost's row form (a check on the helper).
    z = np.array([[2000.0, -2000.0, 1999.0]])
    assert_allclose(softmax_cost(z, np.array([[0.0, 0.0, 1.0]])), -log_softmax(z)[0, 2])


def saturated_net(kind, rng):
    """Parameters, sizes, X, y and the output logits zL (m x K) computed here.

    'direct': no hidden layer, Theta = [0, I], so zL = X: logits chosen by hand,
    each row's largest not in column 1 for most rows (an argmax on nan rows
    returns column 1), all-negative rows, near ties at +2000 and -2000.
    'hidden': 5-6-4 with a saturated hidden layer and output weights ~ 1000.
    """
    if kind == "direct":
        K = 4
        X = np.array([
            [-2000.0, 2000.0, -1500.0, 1000.0],
            [-1800.0, -1900.0, -2000.0, -1700.0],   # all negative: exp(z) = 0
            [1999.0, 2000.0, 1998.5, -2000.0],      # near tie at the top
            [-2000.0, -2000.0, 1500.0, 1501.0],
            [300.0, -300.0, 2000.0, 0.0],
            [-2000.0, -1999.0, -1999.5, -2000.0],
        ])
        Theta = np.hstack([np.zeros((K, 1)), np.eye(K)])
        p = Theta.ravel(order="F")
        sizes = (K, K)
        y = np.array([3, 3, 4, 1, 1, 2])  # mostly wrong: the cost is in the 1000s
        zL = X.copy()
    else:
        sizes = (5, 6, 4)
        X = rng.standard_normal((9, sizes[0]))
        Theta1 = 50.0 * rng.standard_normal((6, 6))
        Theta2 = 1000.0 * rng.standard_normal((4, 7))
        p = np.concatenate([Theta1.ravel(order="F"), Theta2.ravel(order="F")])
        y = rng.integers(1, 5, size=9)
        a = expit(X @ Theta1[:, 1:].T + Theta1[:, 0])
        zL = a @ Theta2[:, 1:].T + Theta2[:, 0]
    return p, sizes, X, y, zL


KINDS = ["direct", "hidden"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("output", OUTPUTS)
def test_saturated_cost(oc, rng, kind, output):
    p, sizes, X, y, zL = saturated_net(kind, rng)
    assert np.abs(zL).max() > 1000  # the case is saturated: exp(zL) overflows somewhere
    lam = 0.0
    J, grad = nnvec.nn_cost(p, sizes, X, y, lam, output=output)
    assert np.isfinite(J) and np.isfinite(grad).all()

    # The cost against the stable value computed here, independently.
    Y = one_hot(y, sizes[-1])
    J_stable = STABLE[output][1](zL, Y)
    assert J > 100  # logits of 1000s: wrong labels cost about |z|
    assert_allclose(J, J_stable, rtol=1e-12)

    # The fast path against the readable twin.
    Thetas = nnvec.reshape_params(p, sizes)
    J_ref, g_ref = cost_and_gradient(Thetas, X, Y, lam, "sigmoid", output)
    assert_allclose(J, J_ref, rtol=1e-12)
    assert_allclose(grad, g_ref, rtol=1e-12, atol=1e-12)

    # Python against Octave's nnCost.
    oc.push("nnvec_opts", {"output": output})
    J_oc, g_oc = oc.feval("nnCost", col(p), np.asarray(sizes, dtype=float), X, col(y), lam,
                          oc.pull("nnvec_opts"), nout=2)
    assert_allclose(float(J_oc), J, rtol=RTOL, atol=ATOL)
    assert_allclose(np.ravel(g_oc), grad, rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("output", OUTPUTS)
def test_saturated_predict(oc, rng, kind, output):
    p, sizes, X, _y, zL = saturated_net(kind, rng)
    # Argmax of the stably computed output; ties (sigmoid saturates to 1.0) go
    # to the first unit, as in both languages.
    expected = np.argmax(STABLE[output][0](zL), axis=1) + 1
    # The case must not be won by the first column alone: an argmax over a
    # row of nan returns it.
    assert (expected != 1).sum() >= 2
    p_py = nnvec.nn_predict(p, sizes, X, output=output)
    assert_array_equal(p_py, expected)
    oc.push("nnvec_opts", {"output": output})
    p_oc = oc.feval("nnPredict", col(p), np.asarray(sizes, dtype=float), X, oc.pull("nnvec_opts"))
    assert_array_equal(np.ravel(p_oc), expected)
