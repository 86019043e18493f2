"""The Python port's conventions on request: ``order="C"`` and ``first_label=0``.

nn_cost, nn_cost_function and nn_predict keep the course's convention by
default; with ``order="C", first_label=0`` they take parameters, gradient and
labels as the most used Python port of the course lays them out.
"""

from __future__ import annotations

import re

import nnvec
import numpy as np
import pytest
from nnvec.activations import OUTPUTS
from nnvec.conventions import reorder_params
from numpy.testing import assert_allclose, assert_array_equal


def course_grader_inputs():
    """The course grader's network and data (ex4's submit: 2-4-4, 16 examples)."""
    t1 = np.sin(np.arange(1, 24, 2).reshape((4, 3), order="F"))
    t2 = np.cos(np.arange(1, 40, 2).reshape((4, 5), order="F"))
    Xm = np.sin(np.arange(1, 33)).reshape((16, 2), order="F") / 5
    return t1, t2, Xm


def test_port_inputs_give_the_course_value():
    t1, t2, Xm = course_grader_inputs()
    t_C = np.concatenate([t1.ravel(), t2.ravel()])  # the port's unrolling
    ym_port = np.arange(1, 17) % 4                  # the port's labels
    J, grad = nnvec.nn_cost_function(t_C, 2, 4, 4, Xm, ym_port, 1.5, order="C", first_label=0)
    # 3.64704: the course's expected cost at lambda 1.5 (issue #11), printed to 5 decimals.
    assert f"{J:.5f}" == "3.64704"

    # The same network in the course's convention: J equal, gradient permuted.
    t_F = np.concatenate([t1.ravel(order="F"), t2.ravel(order="F")])
    ym_course = 1 + np.arange(1, 17) % 4
    J_F, grad_F = nnvec.nn_cost_function(t_F, 2, 4, 4, Xm, ym_course, 1.5)
    assert J == J_F
    G1, G2 = nnvec.reshape_params(grad_F, [2, 4, 4])
    assert_array_equal(grad, np.concatenate([G1.ravel(), G2.ravel()]))
    assert not np.array_equal(grad, grad_F)  # the layout matters on this network


def test_port_labels_are_the_course_labels_minus_one():
    # The port's ym = arange(1, 17) % 4 is the course's 1 + mod(1:16, 4) less one.
    assert_array_equal(np.arange(1, 17) % 4 + 1, 1 + np.arange(1, 17) % 4)


@pytest.mark.parametrize("sizes", [[3, 5, 4], [4, 6, 3, 5]])
@pytest.mark.parametrize("output", OUTPUTS)
def test_nn_cost_in_every_convention(rng, sizes, output):
    p = rng.uniform(-1, 1, sum(r * c for r, c in nnvec.param_shapes(sizes)))
    X = rng.standard_normal((9, sizes[0]))
    y = 1 + np.arange(9) % sizes[-1]
    J, g = nnvec.nn_cost(p, sizes, X, y, 0.7, output=output)
    p_C = reorder_params(p, sizes, "F", "C")
    for order, first_label, params, labels in [("F", 1, p, y), ("C", 1, p_C, y),
                                               ("F", 0, p, y - 1), ("C", 0, p_C, y - 1)]:
        Jc, gc = nnvec.nn_cost(params, sizes, X, labels, 0.7, output=output, order=order,
                               first_label=first_label)
        assert_allclose(Jc, J, rtol=1e-14)
        assert_allclose(reorder_params(gc, sizes, order, "F"), g, rtol=1e-14, atol=1e-16)
    # The C vector read as F is a different network: the layout is tested, not just shapes.
    assert abs(nnvec.nn_cost(p_C, sizes, X, y, 0.7, output=output)[0] - J) > 1e-3


def test_reorder_params_matches_numpy_ravel(rng):
    sizes = [3, 4, 2]
    Thetas = [rng.standard_normal(s) for s in nnvec.param_shapes(sizes)]
    p_F = nnvec.unroll_params(Thetas)
    p_C = np.concatenate([T.ravel() for T in Thetas])
    assert_array_equal(reorder_params(p_F, sizes, "F", "C"), p_C)
    assert_array_equal(reorder_params(p_C, sizes, "C", "F"), p_F)
    column = p_F.reshape(-1, 1)
    out = reorder_params(column, sizes, "F", "F")
    out[0] = 99.0
    assert column[0, 0] == p_F[0]  # always a new array


def test_nn_predict_conventions(rng):
    sizes = [4, 6, 3]
    p = rng.uniform(-2, 2, sum(r * c for r, c in nnvec.param_shapes(sizes)))
    X = rng.standard_normal((20, 4))
    labels = nnvec.nn_predict(p, sizes, X)
    port = nnvec.nn_predict(reorder_params(p, sizes, "F", "C"), sizes, X, order="C",
                            first_label=0)
    assert_array_equal(port, labels - 1)
    assert_array_equal(nnvec.nn_predict(p, sizes, X, first_label=0), labels - 1)
    assert set(labels) <= {1, 2, 3}


def test_new_arguments_are_keyword_only():
    t1, t2, Xm = course_grader_inputs()
    p = nnvec.unroll_params([t1, t2])
    with pytest.raises(TypeError):
        nnvec.nn_cost_function(p, 2, 4, 4, Xm, 1 + np.arange(16) % 4, 1.5, "C")


P = np.zeros(38)
X = np.arange(12.0).reshape(4, 3) / 10


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"order": "c"}, "order must be 'F' (column by column, the course's) or 'C' (row by row, "
                     "the Python port's), got 'c'"),
    ({"order": None}, "order must be 'F' .*, got None"),
    ({"first_label": 2}, "first_label must be 1 (labels 1..K, the course's) or 0 (labels "
                         "0..K-1, the Python port's), got 2"),
    ({"first_label": True}, "first_label must be 1 .*, got True"),
    ({"first_label": 0.0}, "first_label must be 1 .*, got 0.0"),
])
@pytest.mark.parametrize("fname", ["nn_cost", "nn_cost_function", "nn_predict"])
def test_bad_convention_arguments(fname, kwargs, message):
    calls = {
        "nn_cost": lambda: nnvec.nn_cost(P, [3, 5, 3], X, [1, 2, 3, 1], 1.0, **kwargs),
        "nn_cost_function": lambda: nnvec.nn_cost_function(P, 3, 5, 3, X, [1, 2, 3, 1], 1.0,
                                                           **kwargs),
        "nn_predict": lambda: nnvec.nn_predict(P, [3, 5, 3], X, **kwargs),
    }
    pattern = f"{fname}: " + (message if ".*" in message else re.escape(message))
    with pytest.raises(ValueError, match=pattern):
        calls[fname]()


@pytest.mark.parametrize(("y", "message"), [
    ([0, 1, 2, 3], "y labels must be integers in 0..2 (first_label=0: digit 0 is label 0), "
                   "got 3 at position 4"),
    ([0, -1, 2, 1], "y labels must be integers in 0..2 (first_label=0: digit 0 is label 0), "
                    "got -1 at position 2"),
    ([0, 1.5, 2, 1], "y labels must be integers in 0..2 (first_label=0: digit 0 is label 0), "
                     "got 1.5 at position 2"),
    ([0, 1, 2], "y must have m = 4 labels (one per row of X), got 3"),
])
def test_zero_based_labels_are_checked_in_their_own_terms(y, message):
    with pytest.raises(ValueError, match=re.escape(f"nn_cost_function: {message}")):
        nnvec.nn_cost_function(P, 3, 5, 3, X, np.array(y), 1.0, first_label=0)


def test_row_major_params_get_the_usual_length_message():
    with pytest.raises(ValueError, match=re.escape(
            "nn_cost: nn_params must have 38 elements for layer sizes [3 5 3], got 37")):
        nnvec.nn_cost(np.zeros(37), [3, 5, 3], X, [1, 2, 3, 1], order="C")
