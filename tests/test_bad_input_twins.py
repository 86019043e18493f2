"""Both languages refuse the same bad input with the same message.

One table of bad-input cases runs against every public twin pair; each case
gives the Python call, the Octave call and the message that both must give
after their own function name. Where the two name an option differently
(``maxiter`` / ``MaxIter``), the case gives each language's name.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nnvec
import numpy as np
import pytest
from conftest import col
from nnvec.core.activations import ACTIVATIONS, OUTPUTS
from nnvec.optim.train import METHODS, OCTAVE_METHODS
from oct2py import Oct2PyError

X = np.array([[0.1, 0.2], [0.3, -0.1], [-0.2, 0.4], [0.5, 0.5]])
Y = np.array([1, 2, 1, 2])
SIZES = [2, 3, 2]
N = 17  # (2 + 1) * 3 + (3 + 1) * 2


def quad(x):
    return float(x @ x), 2 * x


OCT_QUAD = "@(t) deal(t' * t, 2 * t)"

# The lists of names, as each language's messages give them (from its tables).
ONE_OF_ACTIVATIONS = f"activation must be one of {', '.join(ACTIVATIONS)}"
ONE_OF_OUTPUTS = f"output must be one of {', '.join(OUTPUTS)}"

# ReLU overflows to Inf in the hidden layer (2 * 1e308), then Inf - Inf = NaN
# at the output: finite inputs, non-finite outputs.
OVF_P = nnvec.unroll_params([np.array([[0.0, 2.0], [0.0, 2.0]]),
                             np.array([[0.0, 1.0, -1.0], [0.0, 1.0, 1.0]])])
OVF_X = np.array([[1.0], [1e308]])


def _octave(oc, code):
    """Run Octave `code` (with P, X, Y, SIZES, OVF_P, OVF_X defined) and return its error."""
    oc.push("P", col(np.zeros(N)))
    oc.push("X", X)
    oc.push("Y", col(Y))
    oc.push("SIZES", np.array(SIZES, float))
    oc.push("OVF_P", col(OVF_P))
    oc.push("OVF_X", OVF_X.reshape(-1, 1))
    oc.eval(code)


# (case id, Python function name, Python call, Octave function name, Octave code,
#  message after "<name>: " in Python, in Octave (None: the same))
CASES = [
    ("cost-overflow", "nn_cost",
     lambda: nnvec.nn_cost(OVF_P, [1, 2, 2], OVF_X, [1, 2], 0.0, activation="relu"),
     "nnCost", "nnCost(OVF_P, [1 2 2], OVF_X, [1; 2], 0, struct('activation', 'relu'));",
     "the cost is not finite, got NaN: the network's activations overflow at these parameters",
     None),
    ("predict-overflow", "nn_predict",
     lambda: nnvec.nn_predict(OVF_P, [1, 2, 2], OVF_X, activation="relu"),
     "nnPredict", "nnPredict(OVF_P, [1 2 2], OVF_X, struct('activation', 'relu'));",
     "the network's output is not finite (NaN or Inf) for example 2: its activations "
     "overflow at these parameters", None),
    ("cost-lambda-text", "nn_cost", lambda: nnvec.nn_cost(np.zeros(N), SIZES, X, Y, "1"),
     "nnCost", "nnCost(P, SIZES, X, Y, '1');",
     "lambda must be a finite real scalar >= 0, got '1'", None),
    ("cost-y-near-2", "nn_cost",
     lambda: nnvec.nn_cost(np.zeros(N), SIZES, X, [1, 2 - 1e-15, 1, 2], 0.0),
     "nnCost", "nnCost(P, SIZES, X, [1; 2 - 1e-15; 1; 2], 0);",
     "y labels must be integers in 1..2 (digit 0 is label 10), got 1.9999999999999989 at "
     "position 2", None),
    ("cost-activation-cell", "nn_cost",
     lambda: nnvec.nn_cost(np.zeros(N), SIZES, X, Y, 0.0, activation=["relu"]),
     "nnCost", "nnCost(P, SIZES, X, Y, 0, struct('activation', {{'relu'}}));",
     # Each language names its own type: a list is Octave's cell, a dict its struct.
     f"{ONE_OF_ACTIVATIONS}, got a list of size 1x1",
     f"{ONE_OF_ACTIVATIONS}, got a cell of size 1x1"),
    ("cost-output-struct", "nn_cost",
     lambda: nnvec.nn_cost(np.zeros(N), SIZES, X, Y, 0.0, output={"a": 1}),
     "nnCost", "nnCost(P, SIZES, X, Y, 0, struct('output', struct('a', 1)));",
     f"{ONE_OF_OUTPUTS}, got a dict of size 1x1",
     f"{ONE_OF_OUTPUTS}, got a struct of size 1x1"),
    ("cost-unknown-activation", "nn_cost",
     lambda: nnvec.nn_cost(np.zeros(N), SIZES, X, Y, 0.0, activation="elu"),
     "nnCost", "nnCost(P, SIZES, X, Y, 0, struct('activation', 'elu'));",
     f"{ONE_OF_ACTIVATIONS}, got 'elu'", None),
    ("cost-unknown-output", "nn_cost",
     lambda: nnvec.nn_cost(np.zeros(N), SIZES, X, Y, 0.0, output="linear"),
     "nnCost", "nnCost(P, SIZES, X, Y, 0, struct('output', 'linear'));",
     f"{ONE_OF_OUTPUTS}, got 'linear'", None),
    ("train-unknown-method", "train",
     lambda: nnvec.train(X, Y, SIZES, maxiter=1, method="sgd"),
     "trainNN", "trainNN(X, Y, SIZES, 0, struct('Method', 'sgd'));",
     # Python's train runs scipy's methods too; Octave's trainNN the ones it has.
     f"method must be one of {', '.join(METHODS)}, got 'sgd'",
     f"Method must be one of {', '.join(OCTAVE_METHODS)}, got 'sgd'"),
    ("cost-sizes-fraction", "nn_cost",
     lambda: nnvec.nn_cost(np.zeros(N), [2, 4.5, 2], X, Y, 0.0),
     "nnCost", "nnCost(P, [2 4.5 2], X, Y, 0);",
     "layer_sizes must be positive integers, got [2 4.5 2]", None),
    ("cost-X-text", "nn_cost", lambda: nnvec.nn_cost(np.zeros(N), SIZES, "ab", Y, 0.0),
     "nnCost", "nnCost(P, SIZES, 'ab', Y, 0);",
     "X must be numeric, got text", None),
    ("course-cost-length", "nn_cost_function",
     lambda: nnvec.nn_cost_function(np.zeros(5), 2, 3, 2, X, Y, 0.0),
     "nnCostFunction", "nnCostFunction(zeros(5, 1), 2, 3, 2, X, Y, 0);",
     "nn_params must have 17 elements for layer sizes [2 3 2], got 5", None),
    ("cost-huge-network", "nn_cost",
     lambda: nnvec.nn_cost(np.zeros(5), [2, 1e12, 2], X, Y, 0.0),
     "nnCost", "nnCost(zeros(5, 1), [2 1e12 2], X, Y, 0);",
     "layer sizes [2 1000000000000 2] with m = 4 examples need at least 1.44e+05 GB of memory, "
     "more than the limit of", None),
    ("predict-sizes-fraction", "nn_predict",
     lambda: nnvec.nn_predict(np.zeros(N), [2, 2.5, 2], X),
     "nnPredict", "nnPredict(P, [2 2.5 2], X);",
     "layer_sizes must be positive integers, got [2 2.5 2]", None),
    ("predict-theta2-3d", "predict",
     lambda: nnvec.predict(np.ones((4, 3)), np.ones((2, 5, 2)), np.ones((1, 2))),
     "predict", "predict(ones(4, 3), ones(2, 5, 2), ones(1, 2));",
     "Theta2 must be a 2-D matrix, got shape 2x5x2", None),
    ("nn-predict-columns", "nn_predict",
     lambda: nnvec.nn_predict(np.zeros(N), SIZES, np.ones((2, 4))),
     "nnPredict", "nnPredict(P, SIZES, ones(2, 4));",
     "X must have 2 columns (the input layer size), got 4", None),
    ("predict-theta2-columns", "predict",
     lambda: nnvec.predict(np.ones((4, 3)), np.ones((2, 4)), np.ones((1, 2))),
     "predict", "predict(ones(4, 3), ones(2, 4), ones(1, 2));",
     "Theta2 must have size(Theta1, 1) + 1 = 5 columns, got 4", None),
    ("init-fan-out-fraction", "debug_initialize_weights",
     lambda: nnvec.debug_initialize_weights(2.5, 1),
     "debugInitializeWeights", "debugInitializeWeights(2.5, 1);",
     "fan_out must be a positive integer, got 2.5", None),
    ("init-epsilon", "rand_initialize_weights",
     lambda: nnvec.rand_initialize_weights(3, 2, epsilon_init=-1),
     "randInitializeWeights", "randInitializeWeights(3, 2, -1);",
     "epsilon_init must be a finite scalar > 0, got -1", None),
    ("init-fan-in", "debug_initialize_weights", lambda: nnvec.debug_initialize_weights(3, -1),
     "debugInitializeWeights", "debugInitializeWeights(3, -1);",
     "fan_in must be a non-negative integer, got -1", None),
    ("init-L-in", "rand_initialize_weights", lambda: nnvec.rand_initialize_weights(0, 2),
     "randInitializeWeights", "randInitializeWeights(0, 2);",
     "L_in must be a positive integer, got 0", None),
    ("train-start-length", "train",
     lambda: nnvec.train(X, Y, SIZES, initial_params=np.zeros(5), maxiter=2),
     "trainNN", "trainNN(X, Y, SIZES, 0, struct('InitialParams', zeros(5, 1)));",
     "initial_params must have 17 elements for layer sizes [2 3 2], got 5",
     "InitialParams must have 17 elements for layer sizes [2 3 2], got 5"),
    ("train-maxiter-inf", "train", lambda: nnvec.train(X, Y, SIZES, maxiter=np.inf),
     "trainNN", "trainNN(X, Y, SIZES, 0, struct('MaxIter', Inf));",
     "maxiter must be a positive integer, got Inf", "MaxIter must be a positive integer, got Inf"),
    ("train-start-complex", "train",
     lambda: nnvec.train(X, Y, SIZES, initial_params=np.zeros(N) + 1j),
     "trainNN", "trainNN(X, Y, SIZES, 0, struct('InitialParams', zeros(17, 1) + 1i));",
     "initial_params must be real, got a complex array",
     "InitialParams must be real, got a complex array"),
    ("train-start-text", "train", lambda: nnvec.train(X, Y, SIZES, initial_params=["a"] * N),
     "trainNN", "trainNN(X, Y, SIZES, 0, struct('InitialParams', repmat('a', 17, 1)));",
     "initial_params must be numeric, got text", "InitialParams must be numeric, got text"),
    ("train-huge-network", "train", lambda: nnvec.train(X, Y, [2, 100000000, 2]),
     "trainNN", "trainNN(X, Y, [2 100000000 2], 0);",
     "layer sizes [2 100000000 2] with m = 4 examples need at least ", None),
    ("train-label-range", "train", lambda: nnvec.train(X, [1, 2, 3, 1], SIZES),
     "trainNN", "trainNN(X, [1; 2; 3; 1], SIZES, 0);",
     "y labels must be integers in 1..2 (digit 0 is label 10), got 3 at position 3", None),
    ("train-lambda", "train", lambda: nnvec.train(X, Y, SIZES, lambda_=-1.0),
     "trainNN", "trainNN(X, Y, SIZES, -1);",
     "lambda must be a finite real scalar >= 0, got -1", None),
    ("fmincg-unknown-option", "fmincg", lambda: nnvec.fmincg(quad, np.ones(2), Maxiter=3),
     "fmincg", f"fmincg({OCT_QUAD}, [1; 1], struct('Maxiter', 3));",
     "unknown option 'Maxiter'; valid options are maxiter, verbose",
     "unknown option 'Maxiter'; valid options are MaxIter, Display"),
    ("fmincg-maxiter-zero", "fmincg", lambda: nnvec.fmincg(quad, np.ones(2), maxiter=0),
     "fmincg", f"fmincg({OCT_QUAD}, [1; 1], struct('MaxIter', 0));",
     "maxiter must be a positive integer, got 0", "MaxIter must be a positive integer, got 0"),
    ("fmincg-maxiter-inf", "fmincg", lambda: nnvec.fmincg(quad, np.ones(2), maxiter=np.inf),
     "fmincg", f"fmincg({OCT_QUAD}, [1; 1], struct('MaxIter', Inf));",
     "maxiter must be a positive integer, got Inf", "MaxIter must be a positive integer, got Inf"),
    ("fmincg-x0-nan", "fmincg", lambda: nnvec.fmincg(quad, [1.0, np.nan]),
     "fmincg", f"fmincg({OCT_QUAD}, [1; NaN]);",
     "x0 must be finite (no NaN or Inf), got NaN at index 2",
     "X0 must be finite (no NaN or Inf), got NaN at index 2"),
    ("momentum-maxiter-inf", "momentum_descent",
     lambda: nnvec.momentum_descent(quad, np.ones(2), maxiter=np.inf),
     "momentumDescent", f"momentumDescent({OCT_QUAD}, [1; 1], struct('MaxIter', Inf));",
     "maxiter must be a non-negative integer, got Inf",
     "MaxIter must be a non-negative integer, got Inf"),
    ("momentum-rate", "momentum_descent",
     lambda: nnvec.momentum_descent(quad, np.ones(2), learning_rate=-1.0),
     "momentumDescent", f"momentumDescent({OCT_QUAD}, [1; 1], struct('LearningRate', -1));",
     "learning_rate must be a finite scalar > 0, got -1",
     "LearningRate must be a finite scalar > 0, got -1"),
    ("momentum-mu", "momentum_descent",
     lambda: nnvec.momentum_descent(quad, np.ones(2), momentum=1.0),
     "momentumDescent", f"momentumDescent({OCT_QUAD}, [1; 1], struct('Momentum', 1));",
     "momentum must be a scalar in [0, 1), got 1", "Momentum must be a scalar in [0, 1), got 1"),
    ("momentum-x0-nan", "momentum_descent",
     lambda: nnvec.momentum_descent(quad, [1.0, np.nan]),
     "momentumDescent", f"momentumDescent({OCT_QUAD}, [1; NaN]);",
     "x0 must be finite (no NaN or Inf), got NaN at index 2",
     "X must be finite (no NaN or Inf), got NaN at index 2"),
    ("reshape-one-size", "reshape_params", lambda: nnvec.reshape_params(np.zeros(1), [5]),
     "reshapeParams", "reshapeParams(0, 5);",
     "layer_sizes must list at least 2 layer sizes, got [5]", None),
    ("reshape-negative", "reshape_params",
     lambda: nnvec.reshape_params(np.zeros(0), [-1, -1]),
     "reshapeParams", "reshapeParams(zeros(0, 1), [-1 -1]);",
     "layer_sizes must be positive integers, got [-1 -1]", None),
    ("reshape-fraction", "reshape_params",
     lambda: nnvec.reshape_params(np.zeros(26), [3, 4.5, 2]),
     "reshapeParams", "reshapeParams(zeros(26, 1), [3 4.5 2]);",
     "layer_sizes must be positive integers, got [3 4.5 2]", None),
    ("reshape-complex", "reshape_params",
     lambda: nnvec.reshape_params(np.zeros(N) + 1j, SIZES),
     "reshapeParams", "reshapeParams(zeros(17, 1) + 1i, SIZES);",
     "nn_params must be real, got a complex array", None),
    ("reshape-length", "reshape_params", lambda: nnvec.reshape_params(np.zeros(16), SIZES),
     "reshapeParams", "reshapeParams(zeros(16, 1), SIZES);",
     "nn_params must have 17 elements for layer sizes [2 3 2], got 16", None),
    ("loader-unknown", "load_dataset", lambda: nnvec.load_dataset("nope.mat"),
     "loadDataset", "loadDataset('nope.mat');",
     "unknown data set 'nope.mat': expected 'digits', 'mnist5k', 'fashion-mnist', a .mat file "
     "or a folder of IDX files", None),
    ("loader-idx-too-large", "load_idx", lambda: nnvec.load_idx(*_idx_files()),
     "loadIdx", "loadIdx(IDX_IMAGES, IDX_LABELS);",
     "IDX_IMAGES: 3 images of 2x2 pixels need at least 9.6e-08 GB of memory, more than the "
     "limit of 5e-08 GB (NNVEC_MEMORY_LIMIT)", None),
    ("unroll-empty", "unroll_params", lambda: nnvec.unroll_params([]),
     "unrollParams", "unrollParams({});",
     "Thetas must hold at least one matrix, got none", None),
    ("unroll-3d", "unroll_params",
     lambda: nnvec.unroll_params([np.ones((1, 1)), np.ones((2, 2, 2))]),
     "unrollParams", "unrollParams({1, ones(2, 2, 2)});",
     "Theta2 must be a 2-D matrix, got shape 2x2x2", None),
]


@pytest.mark.octave
@pytest.mark.parametrize(("pyname", "pycall", "octname", "octcode", "pymsg", "octmsg"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_same_message(oc, monkeypatch, pyname, pycall, octname, octcode, pymsg, octmsg):
    idx = "IDX_IMAGES" in octcode
    if idx:  # 3 images of 2x2 pixels are 96 bytes as doubles: a limit of 50 refuses them
        monkeypatch.setenv("NNVEC_MEMORY_LIMIT", "50")
        old = oc.eval("getenv('NNVEC_MEMORY_LIMIT')") or ""
        oc.eval("setenv('NNVEC_MEMORY_LIMIT', '50');")
        images, labels = _idx_files()
        oc.push("IDX_IMAGES", images)
        oc.push("IDX_LABELS", labels)
        pymsg = pymsg.replace("IDX_IMAGES", images)
    try:
        with np.errstate(all="ignore"), pytest.raises((ValueError, TypeError, OSError)) as py:
            pycall()
        assert str(py.value).startswith(f"{pyname}: {pymsg}"), str(py.value)
        with pytest.raises(Oct2PyError) as octv:
            _octave(oc, octcode)
    finally:
        if idx:
            oc.push("OLD_LIMIT", old)
            oc.eval("setenv('NNVEC_MEMORY_LIMIT', OLD_LIMIT);")
    # oct2py prefixes its own text; the message is the line that names the function.
    assert f"{octname}: {octmsg or pymsg}" in str(octv.value), str(octv.value)


def _idx_files() -> tuple[str, str]:
    """An IDX pair of 3 images of 2x2 pixels (written once per run)."""
    import tempfile

    folder = Path(tempfile.gettempdir()) / f"nnvec-parity-idx-{os.getpid()}"
    folder.mkdir(exist_ok=True)
    images, labels = folder / "images-idx3-ubyte", folder / "labels-idx1-ubyte"
    images.write_bytes(b"".join(v.to_bytes(4, "big") for v in (0x803, 3, 2, 2)) + bytes(12))
    labels.write_bytes(b"".join(v.to_bytes(4, "big") for v in (0x801, 3)) + bytes(3))
    return str(images), str(labels)


def test_table_covers_every_twin_pair():
    pairs = {(c[1], c[3]) for c in CASES}
    for pair in [("nn_cost", "nnCost"), ("nn_predict", "nnPredict"), ("predict", "predict"),
                 ("debug_initialize_weights", "debugInitializeWeights"),
                 ("rand_initialize_weights", "randInitializeWeights"), ("train", "trainNN"),
                 ("fmincg", "fmincg"), ("momentum_descent", "momentumDescent"),
                 ("reshape_params", "reshapeParams"), ("unroll_params", "unrollParams"),
                 ("load_dataset", "loadDataset"), ("nn_cost_function", "nnCostFunction"),
                 ("load_idx", "loadIdx")]:
        assert pair in pairs


# Sizes: refused before allocating, with the size and the limit named.
def test_memory_limit_from_the_environment(monkeypatch):
    # 8 bytes x (2 x 17 parameters + 2 x 4 examples x (3 + 2) units + X's 4 x 2 entries,
    # issue #24: X itself counts) = 656 bytes
    monkeypatch.setenv("NNVEC_MEMORY_LIMIT", "500")
    with pytest.raises(ValueError, match=re.escape(
            "nn_cost: layer sizes [2 3 2] with m = 4 examples need at least 6.56e-07 GB of "
            "memory, more than the limit of 5e-07 GB (NNVEC_MEMORY_LIMIT)")):
        nnvec.nn_cost(np.zeros(N), SIZES, X, Y, 0.0)


def test_memory_limit_env_must_be_bytes(monkeypatch):
    monkeypatch.setenv("NNVEC_MEMORY_LIMIT", "lots")
    with pytest.raises(ValueError, match="NNVEC_MEMORY_LIMIT must be a number of bytes > 0"):
        nnvec.nn_cost(np.zeros(N), SIZES, X, Y, 0.0)


@pytest.mark.parametrize("bad", [{"activation": "elu"}, {"output": "linear"}],
                         ids=["activation", "output"])
def test_cost_and_gradient_refuses_unknown_names(bad):
    """The shared computation checks the names too (it ran ReLU / sigmoid for any other)."""
    from nnvec.core.cost import cost_and_gradient

    names = {"activation": "sigmoid", "output": "sigmoid"} | bad
    with pytest.raises(ValueError, match=r"^cost_and_gradient: (activation|output) must be one"):
        cost_and_gradient(nnvec.reshape_params(np.zeros(N), SIZES), X, np.eye(2)[Y - 1], 0.0,
                          names["activation"], names["output"])


@pytest.mark.octave
def test_sparse_input_works_as_dense_in_octave(oc):
    """Sparse nn_params, X and Thetas give the dense results (they failed: nonconformant)."""
    p = 0.1 * np.sin(np.arange(1.0, N + 1))
    oc.push("PS", col(p))
    _octave(oc, "[J1, G1] = nnCost(PS, SIZES, X, Y, 1); "
                "[J2, G2] = nnCost(sparse(PS), SIZES, sparse(X), Y, 1); "
                "T = reshapeParams(PS, SIZES); "
                "L1 = predict(T{1}, T{2}, X); L2 = predict(sparse(T{1}), sparse(T{2}), sparse(X));")
    assert float(oc.pull("J2")) == float(oc.pull("J1"))
    np.testing.assert_array_equal(oc.pull("G2"), oc.pull("G1"))
    np.testing.assert_array_equal(oc.pull("L2"), oc.pull("L1"))
    np.testing.assert_array_equal(np.ravel(oc.pull("L1")),
                                  nnvec.predict(*nnvec.reshape_params(p, SIZES), X))


@pytest.mark.octave
def test_momentum_twins_print_the_same_lines(oc, capsys):
    """momentum_descent(verbose=True) and momentumDescent(Display 'iter') print alike."""
    nnvec.momentum_descent(quad, np.array([1.0, 2.0]), maxiter=3, verbose=True)
    py_lines = capsys.readouterr().out.splitlines()
    oc.eval("OUT = evalc('momentumDescent(@(t) deal(t'' * t, 2 * t), [1; 2], "
            "struct(''MaxIter'', 3, ''Display'', ''iter''));');")
    assert len(py_lines) == 3
    assert py_lines == str(oc.pull("OUT")).splitlines()


ROOT = Path(__file__).resolve().parents[1]


