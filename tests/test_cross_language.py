"""Octave and Python agree: cost, gradient, layout, predictions (through oct2py)."""

from __future__ import annotations

import nnvec
import numpy as np
import pytest
from conftest import ATOL, RTOL, SHARED_COURSE, col
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from nnvec.core.activations import ACTIVATIONS, OUTPUTS
from numpy.testing import assert_allclose, assert_array_equal

pytestmark = pytest.mark.octave


def random_problem(rng, sizes, m, scale=1.0):
    n = sum(r * c for r, c in nnvec.param_shapes(sizes))
    p = scale * rng.standard_normal(n)
    X = rng.standard_normal((m, sizes[0]))
    y = rng.integers(1, sizes[-1] + 1, size=m)
    return p, X, y


def octave_cost(oc, p, sizes, X, y, lam, opts=None):
    args = [col(p), np.asarray(sizes, dtype=float), X, col(y), float(lam)]
    if opts:
        oc.push("nnvec_opts", opts)
        args.append(oc.pull("nnvec_opts"))
    J, grad = oc.feval("nnCost", *args, nout=2)
    return float(J), np.asarray(grad).ravel()


ARCHITECTURES = [
    (3, 5, 3),          # the course's gradient-check net
    (400, 25, 10),      # the course's digits net
    (64, 25, 10),       # the bundled digits net
    (4, 1, 3),          # one hidden unit
    (5, 2),             # no hidden layer (logistic regression, K outputs)
    (6, 7, 5, 3),       # 4 layers
    (3, 4, 4, 4, 4, 2),  # 6 layers
]


@pytest.mark.parametrize("sizes", ARCHITECTURES)
@pytest.mark.parametrize("lam", [0.0, 1.0, 0.37])
@pytest.mark.parametrize("m", [1, 17])
def test_nn_cost_agrees(oc, rng, sizes, lam, m):
    p, X, y = random_problem(rng, sizes, m, scale=0.5)
    J_py, g_py = nnvec.nn_cost(p, sizes, X, y, lam)
    J_oc, g_oc = octave_cost(oc, p, sizes, X, y, lam)
    assert_allclose(J_oc, J_py, rtol=RTOL, atol=ATOL)
    assert_allclose(g_oc, g_py, rtol=RTOL, atol=ATOL)


def test_course_size_many_examples(oc, rng):
    p, X, y = random_problem(rng, (400, 25, 10), 500, scale=0.1)
    J_py, g_py = nnvec.nn_cost_function(p, 400, 25, 10, X, y, 1.0)
    J_oc, g_oc = oc.feval("nnCostFunction", col(p), 400, 25, 10, X, col(y), 1.0, nout=2)
    assert_allclose(float(J_oc), J_py, rtol=RTOL, atol=ATOL)
    assert_allclose(np.ravel(g_oc), g_py, rtol=RTOL, atol=ATOL)


def test_parallel_workers_agree_with_octave(oc, rng):
    """NNCost(workers=2), what nnvec.train runs on large problems, against Octave's nnCost."""
    sizes = (400, 25, 10)
    p, X, y = random_problem(rng, sizes, 300, scale=0.1)
    J_py, g_py = nnvec.NNCost(sizes, X, y, 1.0, workers=2)(p)
    J_oc, g_oc = octave_cost(oc, p, sizes, X, y, 1.0)
    assert_allclose(J_oc, J_py, rtol=RTOL, atol=ATOL)
    assert_allclose(g_oc, g_py, rtol=RTOL, atol=ATOL)


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
@pytest.mark.parametrize("output", OUTPUTS)
def test_options_agree(oc, rng, activation, output):
    sizes = (5, 6, 4, 3)
    p, X, y = random_problem(rng, sizes, 11)
    J_py, g_py = nnvec.nn_cost(p, sizes, X, y, 0.7, activation=activation, output=output)
    J_oc, g_oc = octave_cost(oc, p, sizes, X, y, 0.7,
                             {"activation": activation, "output": output})
    assert_allclose(J_oc, J_py, rtol=RTOL, atol=ATOL)
    assert_allclose(g_oc, g_py, rtol=RTOL, atol=ATOL)
    oc.push("nnvec_opts", {"activation": activation, "output": output})
    p_oc = oc.feval("nnPredict", col(p), np.array(sizes, float), X, oc.pull("nnvec_opts"))
    assert_array_equal(np.ravel(p_oc),
                       nnvec.nn_predict(p, sizes, X, activation=activation, output=output))


def test_saturated_cost_agrees_and_is_finite(oc, rng):
    sizes = (4, 6, 3)
    p, X, y = random_problem(rng, sizes, 9, scale=300.0)  # units saturate
    J_py, g_py = nnvec.nn_cost(p, sizes, X, y, 0.0)
    J_oc, g_oc = octave_cost(oc, p, sizes, X, y, 0.0)
    assert np.isfinite(J_py) and J_py > 100
    assert_allclose(J_oc, J_py, rtol=RTOL, atol=ATOL)
    assert_allclose(g_oc, g_py, rtol=RTOL, atol=ATOL)


def test_nn_cost_function_equals_course_three_layer(oc, rng):
    p, X, y = random_problem(rng, (3, 5, 3), 5)
    J_py, g_py = nnvec.nn_cost_function(p, 3, 5, 3, X, y, 3.0)
    J_oc, g_oc = oc.feval("nnCostFunction", col(p), 3, 5, 3, X, col(y), 3.0, nout=2)
    assert_allclose(float(J_oc), J_py, rtol=RTOL, atol=ATOL)
    assert_allclose(np.ravel(g_oc), g_py, rtol=RTOL, atol=ATOL)


def test_y_as_row_or_column_in_octave(oc, rng):
    p, X, y = random_problem(rng, (3, 4, 2), 6)
    J_col, _ = octave_cost(oc, p, (3, 4, 2), X, y, 0.5)
    J_row = float(oc.feval("nnCost", col(p), np.array([3.0, 4, 2]), X,
                           y.reshape(1, -1).astype(float), 0.5))
    assert J_row == J_col


class TestLayout:
    def test_reshape_agrees(self, oc, rng):
        sizes = [4, 3, 5, 2]
        p = rng.standard_normal(sum(r * c for r, c in nnvec.param_shapes(sizes)))
        Thetas_oc = oc.feval("reshapeParams", col(p), np.array(sizes, float))
        Thetas_py = nnvec.reshape_params(p, sizes)
        Thetas_oc = np.ravel(Thetas_oc)  # a 1 x (L-1) cell arrives as a 2-D object array
        assert len(Thetas_oc) == len(Thetas_py)
        for a, b in zip(Thetas_oc, Thetas_py, strict=True):
            assert_array_equal(np.asarray(a), b)

    def test_unroll_agrees(self, oc, rng):
        Thetas = [rng.standard_normal((3, 5)), rng.standard_normal((2, 4))]
        oc.push("nnvec_T1", Thetas[0])
        oc.push("nnvec_T2", Thetas[1])
        p_oc = oc.eval("unrollParams({nnvec_T1, nnvec_T2})")
        assert_array_equal(np.ravel(p_oc), nnvec.unroll_params(Thetas))

    def test_octave_colon_is_our_unroll(self, oc):
        # Octave itself does the unrolling: [T1(:); T2(:)] with no nnvec code.
        oc.eval("nnvec_T1 = reshape(1:6, 2, 3); nnvec_T2 = reshape(7:12, 2, 3);")
        p = oc.eval("[nnvec_T1(:); nnvec_T2(:)]")
        T1, T2 = nnvec.reshape_params(np.ravel(p), [2, 2, 2])
        assert_array_equal(T1, oc.pull("nnvec_T1"))
        assert_array_equal(T1, [[1, 3, 5], [2, 4, 6]])
        assert_array_equal(T2, [[7, 9, 11], [8, 10, 12]])


class TestSmallFunctions:
    def test_sigmoid_gradient(self, oc):
        z = np.array([-1000.0, -1, -0.5, 0, 0.5, 1, 1000])
        assert_allclose(np.ravel(oc.feval("sigmoidGradient", z)), nnvec.sigmoid_gradient(z),
                        rtol=0, atol=1e-16)
        assert float(oc.feval("sigmoidGradient", 0.0)) == 0.25  # 0.5 * 0.5

    def test_sigmoid_and_log_sigmoid(self, oc):
        z = np.linspace(-800, 800, 81)
        assert_allclose(np.ravel(oc.feval("sigmoid", z)), nnvec.sigmoid(z), rtol=1e-15)
        assert_allclose(np.ravel(oc.feval("logSigmoid", z)), nnvec.log_sigmoid(z), rtol=1e-15)

    @pytest.mark.parametrize(("fan_out", "fan_in"), [(5, 3), (3, 5), (1, 0), (25, 400)])
    def test_debug_initialize_weights(self, oc, fan_out, fan_in):
        W_oc = oc.feval("debugInitializeWeights", fan_out, fan_in)
        assert_allclose(np.atleast_2d(W_oc), nnvec.debug_initialize_weights(fan_out, fan_in),
                        rtol=0, atol=1e-16)

    def test_rand_initialize_weights_shape_and_range(self, oc):
        W = np.atleast_2d(oc.feval("randInitializeWeights", 400, 25))
        assert W.shape == nnvec.rand_initialize_weights(400, 25, rng=0).shape
        assert np.abs(W).max() <= 0.12

    @pytest.mark.parametrize("lam", [0.0, 3.0])
    def test_check_nn_gradients_both_pass(self, oc, lam):
        oc.eval(f"nnvec_d = checkNNGradients({lam});", stream_handler=lambda _: None)
        d_oc = float(oc.pull("nnvec_d"))
        d_py = nnvec.check_nn_gradients(lam, verbose=False)
        assert d_oc < 1e-9 and d_py < 1e-9
        # Same network, same backprop: even the round-off level agrees closely.
        assert d_oc == pytest.approx(d_py, rel=0.2)

    @pytest.mark.parametrize("activation", list(ACTIVATIONS))
    @pytest.mark.parametrize("output", OUTPUTS)
    def test_check_nn_gradients_deep_in_octave(self, oc, activation, output):
        # The net and data of Python's TestGradients.test_gradient_check_options.
        oc.eval(f"nnvec_d = checkNNGradients(1, [4 6 5 3], 7, struct('activation', "
                f"'{activation}', 'output', '{output}'));", stream_handler=lambda _: None)
        d_oc = float(oc.pull("nnvec_d"))
        d_py = nnvec.check_nn_gradients(1.0, layer_sizes=(4, 6, 5, 3), m=7, activation=activation,
                                        output=output, verbose=False)
        assert d_oc < 1e-9 and d_py < 1e-9

    def test_numerical_gradients_agree(self, oc, rng):
        p, X, y = random_problem(rng, (3, 4, 3), 5)
        oc.push("nnvec_X", X)
        oc.push("nnvec_y", col(y))
        ng_oc = oc.eval(
            f"computeNumericalGradient(@(t) nnCost(t, [3 4 3], nnvec_X, nnvec_y, 1), "
            f"{np.array2string(col(p).ravel(), separator=';', precision=17, max_line_width=10**6)})"
        )
        ng_py = nnvec.compute_numerical_gradient(lambda t: nnvec.nn_cost(t, [3, 4, 3], X, y, 1.0),
                                                 p)
        # Central differences amplify round-off by 1/(2e): 1e-16 / 2e-4 ~ 1e-12.
        assert_allclose(np.ravel(ng_oc), ng_py, rtol=1e-8, atol=1e-10)


class TestPredict:
    def test_predict_agrees(self, oc, rng):
        sizes = (8, 6, 4)
        p, X, _ = random_problem(rng, sizes, 40, scale=2.0)
        T1, T2 = nnvec.reshape_params(p, sizes)
        p_oc = np.ravel(oc.feval("predict", T1, T2, X))
        assert_array_equal(p_oc, nnvec.predict(T1, T2, X))
        assert_array_equal(np.ravel(oc.feval("nnPredict", col(p), np.array(sizes, float), X)),
                           nnvec.nn_predict(p, sizes, X))

    def test_integer_weights_agree(self, oc, rng):
        """Integer-typed Thetas (say, loaded from a file) are accepted and agree."""
        T1 = rng.integers(-3, 4, size=(5, 4)).astype(np.int32)
        T2 = rng.integers(-3, 4, size=(3, 6)).astype(np.int32)
        X = rng.standard_normal((20, 3))
        # oct2py sends numpy integers as doubles: make them int32 in Octave.
        oc.push("nnvec_T1", T1.astype(float))
        oc.push("nnvec_T2", T2.astype(float))
        oc.push("nnvec_X", X)
        oc.eval("nnvec_p = predict(int32(nnvec_T1), int32(nnvec_T2), nnvec_X);", nout=0)
        assert_array_equal(np.ravel(oc.pull("nnvec_p")), nnvec.predict(T1, T2, X))

    def test_ties_agree(self, oc):
        p = np.zeros(38)
        X = np.ones((3, 3))
        assert_array_equal(np.ravel(oc.feval("nnPredict", col(p), np.array([3.0, 5, 3]), X)),
                           nnvec.nn_predict(p, [3, 5, 3], X))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sizes=st.lists(st.integers(1, 7), min_size=2, max_size=5),
    m=st.integers(1, 12),
    lam=st.floats(0, 5),
    seed=st.integers(0, 2**32 - 1),
)
def test_property_random_networks_agree(oc, sizes, m, lam, seed):
    rng = np.random.default_rng(seed)
    p, X, y = random_problem(rng, sizes, m)
    J_py, g_py = nnvec.nn_cost(p, sizes, X, y, lam)
    J_oc, g_oc = octave_cost(oc, p, sizes, X, y, lam)
    assert_allclose(J_oc, J_py, rtol=RTOL, atol=ATOL)
    assert_allclose(g_oc, g_py, rtol=RTOL, atol=ATOL)
    assert_array_equal(np.ravel(oc.feval("nnPredict", col(p), np.array(sizes, float), X)),
                       nnvec.nn_predict(p, sizes, X))


@pytest.mark.skipif(not (SHARED_COURSE / "ex4weights.mat").exists(),
                    reason="course fixture ../shared/course/ex4weights.mat not present (extra)")
class TestCourseWeights:
    """The course's MATLAB-written weight file: an extra, on top of the tests above."""

    @pytest.fixture
    def weights(self):
        from scipy.io import loadmat

        d = loadmat(SHARED_COURSE / "ex4weights.mat")
        return d["Theta1"], d["Theta2"]

    def test_loads_and_agrees(self, oc, weights, rng):
        T1, T2 = weights
        assert T1.shape == (25, 401) and T2.shape == (10, 26)
        path = str(SHARED_COURSE / "ex4weights.mat")
        oc.eval(f"nnvec_W = load('{path}');")
        assert_array_equal(np.asarray(oc.eval("nnvec_W.Theta1")), T1)
        p = nnvec.unroll_params([T1, T2])
        p_oc = np.ravel(oc.eval("[nnvec_W.Theta1(:); nnvec_W.Theta2(:)]"))
        assert_array_equal(p_oc, p)

        X = rng.random((50, 400))  # pixel-like values in [0, 1)
        y = rng.integers(1, 11, size=50)
        for lam in (0.0, 1.0):
            J_py, g_py = nnvec.nn_cost_function(p, 400, 25, 10, X, y, lam)
            J_oc, g_oc = oc.feval("nnCostFunction", col(p_oc), 400, 25, 10, X, col(y), lam,
                                  nout=2)
            assert_allclose(float(J_oc), J_py, rtol=RTOL, atol=ATOL)
            assert_allclose(np.ravel(g_oc), g_py, rtol=RTOL, atol=ATOL)
        oc.push("nnvec_X", X)
        pred_oc = np.ravel(oc.eval("predict(nnvec_W.Theta1, nnvec_W.Theta2, nnvec_X)"))
        assert_array_equal(pred_oc, nnvec.predict(T1, T2, X))

