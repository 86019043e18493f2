"""The table of activations, and unknown names refused wherever they arrive.

``nnvec.core.activations.ACTIVATIONS`` / ``DERIVATIVES`` is the one place a hidden
activation is computed: the forward pass (predict, the reference) calls it
without ``out``, the fast cost with ``out=`` into its workspace. Octave's
twin is ``private/activationTable.m`` (``test_tables.py`` checks that it holds
the same names); Octave checks a name once, at the public function
(``checkOptions.m``), whose refusals are compared with Python's here.
Every test runs over the tables, so a new name is tested as soon as it is
added; its textbook formula goes into ``GOLD`` below.
"""

from __future__ import annotations

import re

import nnvec
import numpy as np
import pytest
from conftest import col
from nnvec.core import reference
from nnvec.core.activations import (
    ACTIVATIONS,
    DERIVATIVES,
    OUTPUTS,
    activation_forward,
    activation_gradient,
    sigmoid,
    sigmoid_gradient,
)
from nnvec.core.cost import Workspace, cost_and_gradient, data_term, one_hot
from nnvec.core.forward import forward, output_activation
from nnvec.core.validate import OUTPUTS as VALIDATE_OUTPUTS
from numpy.testing import assert_allclose, assert_array_equal
from oct2py import Oct2PyError

# Values across the whole range, the overflow of exp(-z) (z < -709) included.
Z = np.concatenate([np.linspace(-8, 8, 161), [-1e4, -745.2, -709.8, -40.0, 0.0, 36.0, 1e4]])


def test_table_names():
    assert list(DERIVATIVES) == list(ACTIVATIONS)
    assert VALIDATE_OUTPUTS is OUTPUTS  # one list of output names
    missing = [name for name in ACTIVATIONS if name not in GOLD]
    assert not missing, f"activations {missing} have no textbook formula in GOLD"


def test_sigmoid_entry_is_the_public_sigmoid_bit_for_bit():
    z = Z.reshape(7, 24)
    assert_array_equal(ACTIVATIONS["sigmoid"](z), sigmoid(z))
    assert_array_equal(DERIVATIVES["sigmoid"](sigmoid(z)), sigmoid_gradient(z))
    assert ACTIVATIONS["sigmoid"](np.array([-1e4]))[0] == 0.0  # exp overflow, silenced


#: Independent "gold" formulas: g(z), and g'(z) from a = g(z), per activation.
GOLD = {
    "sigmoid": (lambda z: 1.0 / (1.0 + np.exp(-z)), lambda a: a * (1.0 - a)),
    "tanh": (np.tanh, lambda a: 1.0 - a * a),
    "relu": (lambda z: np.maximum(z, 0.0), lambda a: (a > 0.0).astype(float)),
}


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_entries_are_the_textbook_formulas(name):
    assert name in GOLD, f"activation {name!r}: add its textbook formula to GOLD"
    g, gprime = GOLD[name]
    z = Z[np.abs(Z) < 700]
    a = g(z)
    assert_array_equal(ACTIVATIONS[name](z), a)
    assert_array_equal(DERIVATIVES[name](a), gprime(a))


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_out_writes_in_place_with_the_same_numbers(name):
    z = Z.reshape(7, 24)
    expected = ACTIVATIONS[name](z)
    buf = z.copy()
    assert ACTIVATIONS[name](buf, out=buf) is buf  # over z itself, as the fast path does
    assert_array_equal(buf, expected)
    a = expected
    dexpected = DERIVATIVES[name](a)
    out = np.full_like(a, np.nan)
    assert DERIVATIVES[name](a, out=out) is out
    assert_array_equal(out, dexpected)
    assert_array_equal(a, expected)  # the derivative leaves a alone


def test_sigmoid_derivative_refuses_out_over_a():
    a = sigmoid(Z)
    with pytest.raises(ValueError, match="out must not be a"):
        DERIVATIVES["sigmoid"](a, out=a)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_derivative_is_the_derivative(name):
    # Central differences of g at points away from relu's kink at 0.
    z = np.linspace(-3.05, 3.05, 40)  # an even count: 0 is not among them
    h = 1e-6
    numeric = (ACTIVATIONS[name](z + h) - ACTIVATIONS[name](z - h)) / (2 * h)
    assert_allclose(DERIVATIVES[name](ACTIVATIONS[name](z)), numeric, rtol=1e-7, atol=1e-9)


# ----------------------------------------------------------- unknown names

SIZES = [3, 4, 2]
X = np.arange(6.0).reshape(2, 3) / 10
Y = one_hot(np.array([1, 2]), 2)
THETAS = nnvec.reshape_params(np.linspace(-1, 1, 26), SIZES)
NO_HIDDEN = nnvec.reshape_params(np.linspace(-1, 1, 8), [3, 2])


def entry_points(activation="sigmoid", output="sigmoid"):
    """(fname in the message, call) for every function that takes a name."""
    def ws():
        return Workspace(SIZES, Y)

    return [
        ("activation_forward", lambda: activation_forward(activation, X)),
        ("activation_gradient", lambda: activation_gradient(activation, X)),
        ("forward", lambda: forward(THETAS, X, activation)),
        ("forward", lambda: forward(NO_HIDDEN, X, activation)),
        ("output_activation", lambda: output_activation(output, X)),
        ("cost_and_gradient", lambda: reference.cost_and_gradient(THETAS, X, Y, 0.0,
                                                                  activation, output)),
        ("cost_and_gradient", lambda: reference.cost_and_gradient(NO_HIDDEN, X, Y, 0.0,
                                                                  activation, output)),
        ("cost_and_gradient", lambda: cost_and_gradient(THETAS, X, Y, 0.0, activation, output)),
        ("data_term", lambda: data_term(THETAS, X, activation, output, ws(), np.empty(26))),
        ("nn_cost", lambda: nnvec.nn_cost(np.zeros(26), SIZES, X, [1, 2], 0.0,
                                          activation=activation, output=output)),
        ("NNCost", lambda: nnvec.NNCost(SIZES, X, [1, 2], activation=activation, output=output)),
        ("nn_predict", lambda: nnvec.nn_predict(np.zeros(26), SIZES, X, activation=activation,
                                                output=output)),
        ("train", lambda: nnvec.train(X, [1, 2], SIZES, maxiter=1, activation=activation,
                                      output=output)),
    ]


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
@pytest.mark.parametrize("output", OUTPUTS)
def test_good_names_work_everywhere(activation, output):
    for _, call in entry_points(activation, output):
        call()


def activation_message(bad):
    return f"activation must be one of {', '.join(ACTIVATIONS)}, got {bad!r}"


def output_message(bad):
    return f"output must be one of {', '.join(OUTPUTS)}, got {bad!r}"


# Close misses: another case, a trailing space, a name of the other table, not a string.
BAD_ACTIVATIONS = ["elu", "Sigmoid", "relu ", "softmax", None, 3]


#: Where a call begins, the one place a name is checked. The building blocks
#: below them (activation_forward, activation_gradient, forward,
#: output_activation, data_term) look the checked name up, as Octave's
#: forwardPass and costAndGradient do.
CHECKED = {"cost_and_gradient", "nn_cost", "NNCost", "nn_predict", "train"}


@pytest.mark.parametrize("bad", BAD_ACTIVATIONS)
def test_unknown_activation_is_refused_everywhere(bad):
    for fname, call in entry_points(activation=bad):
        if fname not in CHECKED:
            continue
        message = re.escape(f"{fname}: {activation_message(bad)}")
        with pytest.raises(ValueError, match=rf"^{message}$"):
            call()


@pytest.mark.parametrize("bad", ["linear", "Softmax", "tanh", None])
def test_unknown_output_is_refused_everywhere(bad):
    for fname, call in entry_points(output=bad):
        if fname not in CHECKED:
            continue
        message = re.escape(f"{fname}: {output_message(bad)}")
        with pytest.raises(ValueError, match=rf"^{message}$"):
            call()


def test_a_name_is_checked_once_per_call(monkeypatch):
    # Counted where the check lives: nn_cost and NNCost's construction check
    # each name once; an NNCost evaluation, the loop of every optimizer, not again.
    import nnvec.core.activations as activations_module

    calls = []
    real = activations_module.check_activation

    def counting(name, fname):
        calls.append(fname)
        return real(name, fname)

    for module in ("nnvec.core.validate", "nnvec.core.cost", "nnvec.core.reference"):
        monkeypatch.setattr(f"{module}.check_activation", counting)
    cost = nnvec.NNCost(SIZES, X, [1, 2], activation="tanh")
    assert len(calls) == 1
    cost(np.zeros(26))
    cost(np.ones(26))
    assert len(calls) == 1
    nnvec.nn_cost(np.zeros(26), SIZES, X, [1, 2], 0.0, activation="tanh")
    assert len(calls) == 2
    reference.cost_and_gradient(THETAS, X, Y, 0.0, "tanh", "sigmoid")
    assert len(calls) == 3


DEFAULTS = {"activation": "sigmoid", "output": "sigmoid"}

#: (field, bad value): close misses of each table, a name of the other, the empty text.
OCTAVE_BAD = [("activation", bad) for bad in ["elu", "Sigmoid", "relu ", ""]
              + [name for name in OUTPUTS if name not in ACTIVATIONS]]
OCTAVE_BAD += [("output", bad) for bad in ["linear", "Softmax", ""]
               + [name for name in ACTIVATIONS if name not in OUTPUTS]]


@pytest.mark.octave
@pytest.mark.parametrize(("field", "value"), OCTAVE_BAD)
@pytest.mark.parametrize(("fname", "sizes"), [("nnCost", [3, 4, 2]), ("nnCost", [3, 2]),
                                              ("nnPredict", [3, 4, 2]), ("nnPredict", [3, 2]),
                                              ("trainNN", [3, 4, 2])])
def test_octave_public_entry_points_refuse_unknown_names(oc, field, value, fname, sizes):
    """Octave's text, built from its tables, is Python's, built from Python's."""
    if fname == "trainNN" and value == "":
        # trainNN's options are optimset's: an empty field means the default
        # (its help says so), so '' trains exactly as the default name does.
        p0 = col(nnvec.init_params(sizes, 3))
        runs = [oc.feval("trainNN", X, col([1, 2]), np.array(sizes, float), 0.0,
                         {field: v, "MaxIter": 3.0, "InitialParams": p0}, nout=3)[0]
                for v in ("", DEFAULTS[field], "tanh" if field == "activation" else "softmax")]
        np.testing.assert_array_equal(runs[0], runs[1])
        assert not np.array_equal(runs[0], runs[2])  # the name is used: another one differs
        return
    message = {"activation": activation_message, "output": output_message}[field](value)
    oc.push("nnvec_o", {field: value})
    params = col(np.zeros(sum(r * c for r, c in nnvec.param_shapes(sizes))))
    args, nout = {
        "nnCost": ([params, np.array(sizes, float), X, col([1, 2]), 0.0], 2),
        "nnPredict": ([params, np.array(sizes, float), X], 1),
        "trainNN": ([X, col([1, 2]), np.array(sizes, float), 0.0], 3),
    }[fname]
    with pytest.raises(Oct2PyError, match=re.escape(f"{fname}: {message}")):
        oc.feval(fname, *args, oc.pull("nnvec_o"), nout=nout)
