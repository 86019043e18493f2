"""Bad input: a clear error naming the function, the rule and the value, in both languages.

Python raises ValueError/TypeError; Octave raises error('nnvec:...', ...). oct2py
drops the Octave id and passes the message, so one pattern is matched in both.
"""

from __future__ import annotations

import re

import nnvec
import numpy as np
import pytest
from conftest import col
from nnvec.core.activations import ACTIVATIONS, OUTPUTS
from oct2py import Oct2PyError

SIZES = [3, 5, 3]
N = 38  # (3 + 1) * 5 + (5 + 1) * 3
X = np.arange(12.0).reshape(4, 3) / 10
Y = np.array([1, 2, 3, 1])


def good():
    return {"p": np.zeros(N), "sizes": SIZES, "X": X.copy(), "y": Y.copy(), "lam": 1.0}


def with_nan(a, where):
    a = np.array(a, dtype=float)
    a[where] = np.nan
    return a


# (case id, changes to the good call, expected message after "<fname>: ")
CASES = [
    ("params-short", {"p": np.zeros(N - 1)},
     "nn_params must have 38 elements for layer sizes [3 5 3], got 37"),
    ("params-long", {"p": np.zeros(N + 3)},
     "nn_params must have 38 elements for layer sizes [3 5 3], got 41"),
    ("params-nan", {"p": with_nan(np.zeros(N), 4)},
     "nn_params must be finite (no NaN or Inf), got NaN at index 5"),
    ("params-inf", {"p": np.r_[np.zeros(N - 1), np.inf]},
     "nn_params must be finite (no NaN or Inf), got Inf at index 38"),
    ("X-wrong-columns", {"X": np.ones((4, 2))},
     "X must have 3 columns (the input layer size), got 2"),
    ("X-empty", {"X": np.zeros((0, 3)), "y": np.zeros(0)},
     "X must have at least one row (example), got 0 rows"),
    ("X-nan", {"X": with_nan(X, (2, 1))},
     "X must be finite (no NaN or Inf), got NaN at row 3, column 2"),
    ("X-inf", {"X": np.where(X > 1.05, -np.inf, X)},
     "X must be finite (no NaN or Inf), got -Inf at row 4, column 3"),
    ("y-length", {"y": np.array([1, 2, 3])},
     "y must have m = 4 labels (one per row of X), got 3"),
    ("y-zero", {"y": np.array([1, 0, 3, 1])},
     "y labels must be integers in 1..3 (digit 0 is label 10), got 0 at position 2"),
    ("y-too-big", {"y": np.array([1, 2, 3, 4])},
     "y labels must be integers in 1..3 (digit 0 is label 10), got 4 at position 4"),
    ("y-fraction", {"y": np.array([1, 2.5, 3, 1])},
     "y labels must be integers in 1..3 (digit 0 is label 10), got 2.5 at position 2"),
    ("y-nan", {"y": np.array([1, 2, np.nan, 1])},
     "y labels must be integers in 1..3 (digit 0 is label 10), got NaN at position 3"),
    ("y-matrix", {"y": np.ones((2, 2))},
     "y must be a vector of labels, got an array of shape 2x2"),
    ("lambda-negative", {"lam": -1.0},
     "lambda must be a finite real scalar >= 0, got -1"),
    ("lambda-nan", {"lam": np.nan},
     "lambda must be a finite real scalar >= 0, got NaN"),
    ("sizes-one", {"sizes": [3]},
     "layer_sizes must list at least 2 layer sizes, got [3]"),
    ("sizes-zero", {"sizes": [3, 0, 3]},
     "layer_sizes must be positive integers, got [3 0 3]"),
    ("sizes-fraction", {"sizes": [3, 2.5, 3]},
     "layer_sizes must be positive integers, got [3 2.5 3]"),
]


def call_python(args):
    return nnvec.nn_cost(args["p"], args["sizes"], args["X"], args["y"], args["lam"])


def call_octave(oc, args):
    y = np.asarray(args["y"], dtype=float)
    return oc.feval("nnCost", col(args["p"]), np.asarray(args["sizes"], dtype=float),
                    args["X"], y.reshape(-1, 1) if y.ndim == 1 else y, args["lam"], nout=2)


@pytest.mark.parametrize(("change", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_python_error(change, message):
    args = good() | change
    with pytest.raises(ValueError, match="^" + re.escape("nn_cost: " + message) + "$"):
        call_python(args)


@pytest.mark.octave
@pytest.mark.parametrize(("change", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_octave_error(oc, change, message):
    args = good() | change
    with pytest.raises(Oct2PyError, match=re.escape("nnCost: " + message)):
        call_octave(oc, args)


def test_good_call_works_in_both(oc):
    """The baseline every bad case is derived from is itself valid."""
    J_py, _ = call_python(good())
    J_oc, _ = call_octave(oc, good())
    assert float(J_oc) == pytest.approx(J_py, rel=1e-12)


@pytest.mark.parametrize("lang", ["python", "octave"])
def test_finite_check_survives_an_overflowing_sum(oc, lang):
    """The finiteness check's fast path (a finite sum) must not reject huge finite data."""
    big = np.array([[1e308, 1e308, 1e308], [1e308, -1e308, 1e308]])
    bad = big.copy()
    bad[1, 2] = np.nan
    if lang == "python":
        J, _ = nnvec.nn_cost(np.zeros(N), SIZES, big, [1, 2], 0.0)
        assert np.isfinite(J)
        with pytest.raises(ValueError, match=r"nn_cost: X must be finite \(no NaN or Inf\), "
                                             r"got NaN at row 2, column 3"):
            nnvec.nn_cost(np.zeros(N), SIZES, bad, [1, 2], 0.0)
    else:
        J, _ = oc.feval("nnCost", col(np.zeros(N)), np.array(SIZES, float), big,
                        col(np.array([1.0, 2.0])), 0.0, nout=2)
        assert np.isfinite(float(J))
        with pytest.raises(Oct2PyError, match=r"nnCost: X must be finite \(no NaN or Inf\), "
                                              r"got NaN at row 2, column 3"):
            oc.feval("nnCost", col(np.zeros(N)), np.array(SIZES, float), bad,
                     col(np.array([1.0, 2.0])), 0.0, nout=2)


@pytest.mark.parametrize("lang", ["python", "octave"])
@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_finite_check_finds_one_offender_in_a_large_X(oc, lang, value):
    """The fast path (column sums by one BLAS gemv) must see a single NaN or Inf
    deep inside a matrix large enough for BLAS's blocked kernels."""
    rng = np.random.default_rng(5)
    m, n = 1500, 70
    sizes = [n, 2, 2]
    p = np.zeros(2 * (n + 1) + 2 * 3)
    y = 1.0 + (np.arange(m) % 2)
    X = rng.random((m, n))
    X[1234, 61] = value
    shown = {"nan": "NaN", "inf": "Inf", "-inf": "-Inf"}[str(value)]
    message = f"X must be finite (no NaN or Inf), got {shown} at row 1235, column 62"
    if lang == "python":
        with pytest.raises(ValueError, match=re.escape("nn_cost: " + message)):
            nnvec.nn_cost(p, sizes, X, y, 0.0)
    else:
        with pytest.raises(Oct2PyError, match=re.escape("nnCost: " + message)):
            oc.feval("nnCost", col(p), np.array(sizes, float), X, col(y), 0.0, nout=2)


class TestPythonOnly:
    def test_X_one_dimensional(self):
        with pytest.raises(ValueError, match=r"nn_cost: X must be a 2-D matrix .* got an array "
                                             r"of shape 3$"):
            nnvec.nn_cost(np.zeros(N), SIZES, np.ones(3), [1], 0.0)

    def test_X_strings(self):
        with pytest.raises(TypeError, match="nn_cost: X must be numeric"):
            nnvec.nn_cost(np.zeros(N), SIZES, [["a", "b", "c"]], [1], 0.0)

    def test_lambda_vector(self):
        with pytest.raises(ValueError, match=r"nn_cost: lambda must be a finite real scalar "
                                             r">= 0, got \[1 2\]"):
            nnvec.nn_cost(np.zeros(N), SIZES, X, Y, [1, 2])

    def test_unknown_option_values(self):
        with pytest.raises(ValueError, match=re.escape(
                f"nn_cost: activation must be one of {', '.join(ACTIVATIONS)}, got 'elu'")):
            nnvec.nn_cost(np.zeros(N), SIZES, X, Y, 0.0, activation="elu")
        with pytest.raises(ValueError, match=re.escape(
                f"nn_cost: output must be one of {', '.join(OUTPUTS)}, got 'linear'")):
            nnvec.nn_cost(np.zeros(N), SIZES, X, Y, 0.0, output="linear")

    def test_unknown_option_name(self):
        with pytest.raises(TypeError, match="activaton"):
            nnvec.nn_cost(np.zeros(N), SIZES, X, Y, 0.0, activaton="tanh")

    def test_course_signature_names_itself(self):
        with pytest.raises(ValueError, match=r"^nn_cost_function: nn_params must have 38"):
            nnvec.nn_cost_function(np.zeros(5), 3, 5, 3, X, Y, 0.0)

    def test_predict_shapes(self):
        with pytest.raises(ValueError, match=r"predict: Theta2 must have size\(Theta1, 1\) \+ 1 "
                                             r"= 5 columns, got 4"):
            nnvec.predict(np.ones((4, 3)), np.ones((2, 4)), np.ones((1, 2)))
        with pytest.raises(ValueError, match="nn_predict: X must have 3 columns"):
            nnvec.nn_predict(np.zeros(N), SIZES, np.ones((2, 4)))

    def test_init_arguments(self):
        with pytest.raises(ValueError, match="rand_initialize_weights: L_in must be a positive "
                                             "integer, got 0"):
            nnvec.rand_initialize_weights(0, 3)
        with pytest.raises(ValueError, match="epsilon_init must be a finite scalar > 0"):
            nnvec.rand_initialize_weights(3, 3, epsilon_init=-0.1)

    def test_reshape_length(self):
        with pytest.raises(ValueError, match=r"reshape_params: nn_params must have 13 elements "
                                             r"for layer sizes \[1 2 3\], got 12"):
            nnvec.reshape_params(np.zeros(12), [1, 2, 3])

    def test_errors_survive_python_O(self):
        """Checks are real raises, not asserts that `python -O` would strip."""
        import subprocess
        import sys

        code = ("import nnvec, numpy as np\n"
                "try:\n    nnvec.nn_cost(np.zeros(3), [3, 5, 3], np.ones((1, 3)), [1], 0)\n"
                "except ValueError as e:\n    print('raised', e)\n")
        out = subprocess.run([sys.executable, "-O", "-c", code], capture_output=True, text=True,
                             check=True).stdout
        assert out.startswith("raised nn_cost: nn_params must have 38 elements")


@pytest.mark.octave
class TestOctaveOnly:
    def test_unknown_option(self, oc):
        oc.push("nnvec_o", {"actvation": "tanh"})
        with pytest.raises(Oct2PyError, match="nnCost: unknown option 'actvation'; valid options "
                                              "are activation, output"):
            oc.feval("nnCost", col(np.zeros(N)), np.array(SIZES, float), X, col(Y), 0.0,
                     oc.pull("nnvec_o"))

    def test_bad_option_value(self, oc):
        oc.push("nnvec_o", {"output": "linear"})
        with pytest.raises(Oct2PyError, match=re.escape(
                f"nnPredict: output must be one of {', '.join(OUTPUTS)}, got 'linear'")):
            oc.feval("nnPredict", col(np.zeros(N)), np.array(SIZES, float), X, oc.pull("nnvec_o"))

    def test_course_signature_names_itself(self, oc):
        with pytest.raises(Oct2PyError, match="nnCostFunction: nn_params must have 38 elements"):
            oc.feval("nnCostFunction", col(np.zeros(5)), 3, 5, 3, X, col(Y), 0.0, nout=2)

    def test_lambda_vector(self, oc):
        with pytest.raises(Oct2PyError, match=r"nnCost: lambda must be a finite real scalar "
                                              r">= 0, got \[1 2\]"):
            oc.feval("nnCost", col(np.zeros(N)), np.array(SIZES, float), X, col(Y),
                     np.array([[1.0, 2.0]]), nout=2)

    def test_predict_shapes(self, oc):
        with pytest.raises(Oct2PyError, match=r"predict: Theta2 must have size\(Theta1, 1\) \+ 1 "
                                              r"= 5 columns, got 4"):
            oc.feval("predict", np.ones((4, 3)), np.ones((2, 4)), np.ones((1, 2)))

    def test_string_X(self, oc):
        with pytest.raises(Oct2PyError, match="nnCost: X must be numeric, got text"):
            oc.feval("nnCost", col(np.zeros(N)), np.array(SIZES, float), "abc", col(Y), 0.0,
                     nout=2)


# Issue #12, section 5: inputs that used to get past validation (Python side;
# the Octave side is in the %!error blocks of the .m files).
class TestPastValidation:
    def test_ragged_X_names_the_function(self):
        with pytest.raises(ValueError, match=r"^nn_cost: X must be numeric, got a ragged"):
            nnvec.nn_cost(np.zeros(N), SIZES, [[1.0, 2.0, 3.0], [1.0, 2.0]], [1, 2], 0.0)

    def test_reshape_fractional_size(self):
        with pytest.raises(ValueError, match=re.escape(
                "reshape_params: layer_sizes must be positive integers, got [3 4.5 2]")):
            nnvec.reshape_params(np.zeros(26), [3, 4.5, 2])

    def test_reshape_complex(self):
        with pytest.raises(TypeError, match="reshape_params: nn_params must be real"):
            nnvec.reshape_params(np.zeros(N) + 1j, SIZES)

    def test_reshape_single_size(self):
        with pytest.raises(ValueError, match=re.escape(
                "reshape_params: layer_sizes must list at least 2 layer sizes, got [5]")):
            nnvec.reshape_params(np.zeros(1), [5])

    @pytest.mark.parametrize("p0", [np.zeros(N) + 1j, ["a"] * N],
                             ids=["complex", "strings"])
    def test_train_initial_params(self, p0):
        with pytest.raises(TypeError, match=r"^train: initial_params must be (real|numeric)"):
            nnvec.train(X, Y, SIZES, initial_params=p0, maxiter=1)

    @pytest.mark.parametrize("sizes", [[3, True, 3], [3, "5", 3]], ids=["bool", "str"])
    def test_layer_sizes_bool_or_str(self, sizes):
        with pytest.raises(TypeError, match="nn_cost: layer_sizes must be a vector of "
                                            "positive integers"):
            nnvec.nn_cost(np.zeros(N), sizes, X, Y, 0.0)

    def test_course_signature_str_size(self):
        with pytest.raises(TypeError, match="nn_cost_function: layer_sizes must be a vector"):
            nnvec.nn_cost_function(np.zeros(N), 3, "5", 3, X, Y, 0.0)

    def test_load_mat_none(self):
        with pytest.raises(TypeError, match="load_mat: path must be a file name"):
            nnvec.load_mat(None)

    def test_momentum_strings(self):
        with pytest.raises(TypeError, match="momentum_descent: x0 must be numeric"):
            nnvec.momentum_descent(lambda x: (0.0, x), ["a"])

    @pytest.mark.parametrize("fn", [nnvec.momentum_descent, nnvec.fmincg])
    def test_infinite_maxiter(self, fn):
        with pytest.raises(ValueError, match=r"maxiter must be a (non-negative|positive) "
                                             r"integer, got Inf"):
            fn(lambda x: (float(x @ x), 2 * x), np.ones(2), maxiter=np.inf)

    def test_train_infinite_maxiter(self):
        with pytest.raises(ValueError, match="train: maxiter must be a positive integer"):
            nnvec.train(X, Y, SIZES, maxiter=np.inf)

    def test_fmincg_unknown_option(self):
        with pytest.raises(ValueError, match="fmincg: unknown option 'Maxiter'"):
            nnvec.fmincg(lambda x: (float(x @ x), 2 * x), np.ones(2), Maxiter=3)
