"""The Python cost on its own: worked examples, the textbook formula, stability, workers."""

from __future__ import annotations

import re
import warnings

import nnvec
import nnvec.core.cost as cost_module
import numpy as np
import pytest
from conftest import small_problem, textbook_cost
from nnvec.core.activations import ACTIVATIONS, OUTPUTS
from nnvec.core.cost import SlowCallWarning
from numpy.testing import assert_allclose, assert_array_equal


class TestWorkedExamples:
    def test_sigmoid_gradient_at_zero(self):
        # g'(0) = g(0)(1 - g(0)) = 0.5 * 0.5 exactly.
        assert nnvec.sigmoid_gradient(0.0) == 0.25

    def test_sigmoid_gradient_course_values(self):
        # ex4.pdf part 2.1 prints sigmoidGradient([-1 -0.5 0 0.5 1]) as
        # 0.196612 0.235004 0.250000 0.235004 0.196612.
        g = nnvec.sigmoid_gradient([-1, -0.5, 0, 0.5, 1])
        assert_allclose(g, [0.196612, 0.235004, 0.25, 0.235004, 0.196612], atol=5e-7)

    def test_zero_weights_cost_is_K_log_2(self):
        # All weights 0: every output is g(0) = 1/2, each of the K terms costs log 2.
        J, grad = nnvec.nn_cost_function(np.zeros(38), 3, 5, 3, np.eye(3), [1, 2, 3], 0.0)
        assert J == pytest.approx(3 * np.log(2), rel=1e-15)
        # Hidden units all equal 1/2 and output deltas sum to 1/2 - 1/3 per label.
        assert_allclose(nnvec.reshape_params(grad, [3, 5, 3])[1][:, 0], 1 / 2 - 1 / 3)

    def test_debug_initialize_weights_is_column_major(self):
        # The course fills W with sin(1), sin(2), ... column by column.
        W = nnvec.debug_initialize_weights(2, 2)
        assert_array_equal(W, np.sin(np.array([[1, 3, 5], [2, 4, 6]], dtype=float)) / 10)

    def test_course_gradient_check_values(self):
        # The course's checkNNGradients prints a relative difference around 2e-11;
        # the bound the course gives is 1e-9.
        assert nnvec.check_nn_gradients(0.0, verbose=False) < 1e-9
        assert nnvec.check_nn_gradients(3.0, verbose=False) < 1e-9


class TestCost:
    @pytest.mark.parametrize("sizes", [(3, 5, 3), (2, 1, 2), (4, 6, 5, 3), (5, 3, 4, 3, 2), (3, 2)])
    @pytest.mark.parametrize("lam", [0.0, 1.0, 0.37])
    def test_matches_textbook_formula(self, rng, sizes, lam):
        nn_params, sizes, X, y = small_problem(sizes, m=7)
        nn_params = nn_params + 0.3 * rng.standard_normal(nn_params.size)
        J, _ = nnvec.nn_cost(nn_params, sizes, X, y, lam)
        assert J == pytest.approx(textbook_cost(nn_params, sizes, X, y, lam), rel=1e-14)

    def test_column_and_flat_inputs_agree(self):
        nn_params, sizes, X, y = small_problem()
        J1, g1 = nnvec.nn_cost(nn_params, sizes, X, y, 1.0)
        J2, g2 = nnvec.nn_cost(nn_params.reshape(-1, 1), sizes, X, y.reshape(-1, 1), 1.0)
        assert J1 == J2
        assert_array_equal(g1, g2)
        assert g1.shape == (nn_params.size,)

    def test_saturated_units_keep_cost_finite(self):
        # Hidden z = 3e4 so a2 = 1; output z = -3e4. The textbook log(1 - h) and
        # log(h) give inf here; the stable form gives label 1's cost -z = 3e4.
        Thetas = [1e4 * np.ones((2, 3)), -1e4 * np.ones((2, 3))]
        with np.errstate(divide="ignore", invalid="ignore"):
            p = nnvec.unroll_params(Thetas)
            textbook = textbook_cost(p, [2, 2, 2], np.ones((1, 2)), [1], 0)
        assert not np.isfinite(textbook)
        J, grad = nnvec.nn_cost(nnvec.unroll_params(Thetas), [2, 2, 2], np.ones((1, 2)), [1])
        assert J == 3e4
        assert np.all(np.isfinite(grad))

    def test_log_sigmoid_matches_textbook_where_finite(self):
        z = np.linspace(-30, 30, 601)
        assert_allclose(nnvec.log_sigmoid(z), np.log(nnvec.sigmoid(z)), rtol=1e-15, atol=1e-15)
        assert nnvec.log_sigmoid(-1000.0) == -1000.0

    def test_regularization_term(self):
        nn_params, sizes, X, y = small_problem()
        J0, g0 = nnvec.nn_cost(nn_params, sizes, X, y, 0.0)
        J3, g3 = nnvec.nn_cost(nn_params, sizes, X, y, 3.0)
        Thetas = nnvec.reshape_params(nn_params, sizes)
        m = X.shape[0]
        assert J3 - J0 == pytest.approx(3 / (2 * m) * sum(np.sum(T[:, 1:] ** 2) for T in Thetas))
        G0, G3 = nnvec.reshape_params(g0, sizes), nnvec.reshape_params(g3, sizes)
        for T, a, b in zip(Thetas, G0, G3, strict=True):
            assert_array_equal(a[:, 0], b[:, 0])  # bias column is not regularized
            assert_allclose(b[:, 1:] - a[:, 1:], 3 / m * T[:, 1:], rtol=1e-12, atol=1e-15)

    def test_scipy_minimize_accepts_it(self, monkeypatch):
        from scipy.optimize import minimize
        from threadpoolctl import threadpool_info

        nn_params, sizes, X, y = small_problem()
        # It works, and says once how to make it fast, unless every BLAS pool is
        # at one thread already (then nothing spins and it is not slow).
        monkeypatch.setattr(cost_module, "_POOLS_HELD", [])  # decided afresh here
        held = all(p["num_threads"] == 1 for p in threadpool_info())
        with warnings.catch_warnings(record=True) as said:
            warnings.simplefilter("always")
            res = minimize(nnvec.nn_cost, nn_params, args=(sizes, X, y, 0.1), jac=True,
                           method="L-BFGS-B", options={"maxiter": 30})
        slow = [w for w in said if issubclass(w.category, SlowCallWarning)]
        assert len(slow) == (0 if held else res.nfev)
        assert all(re.match(r"nn_cost: called by scipy.optimize.*with NNCost\(sizes, X, y, "
                            r"lambda_\) as f", str(w.message)) for w in slow)
        assert res.fun < nnvec.nn_cost(nn_params, sizes, X, y, 0.1)[0]
        with nnvec.NNCost(sizes, X, y, 0.1) as f:
            fast = minimize(f, nn_params, jac=True, method="L-BFGS-B", options={"maxiter": 30})
        assert fast.fun == pytest.approx(res.fun, rel=1e-9)

    def test_a_direct_call_does_not_warn(self):
        nn_params, sizes, X, y = small_problem()
        for _ in range(3):  # the suite turns warnings into errors
            nnvec.nn_cost(nn_params, sizes, X, y, 0.1)

    def test_nncost_object_equals_function(self):
        nn_params, sizes, X, y = small_problem((4, 6, 5, 3), m=9)
        f = nnvec.NNCost(sizes, X, y, 0.5)
        J1, g1 = f(nn_params)
        J2, g2 = nnvec.nn_cost(nn_params, sizes, X, y, 0.5)
        assert J1 == J2
        assert_array_equal(g1, g2)

    def test_work_does_not_loop_over_examples(self, rng):
        """Python-level calls made by one evaluation do not grow with m (vectorized)."""
        import sys

        def count_calls(m):
            X = rng.standard_normal((m, 4))
            y = 1 + np.arange(m) % 3
            f = nnvec.NNCost([4, 5, 3], X, y, 1.0)
            p = np.zeros(f.size)
            calls = [0]

            def prof(frame, event, arg):
                if event in ("call", "c_call"):
                    calls[0] += 1

            sys.setprofile(prof)
            try:
                f(p)
            finally:
                sys.setprofile(None)
            return calls[0]

        assert count_calls(3) == count_calls(3000)


class TestWorkers:
    """``NNCost(workers=k)``: the examples in k blocks evaluated in parallel threads."""

    @pytest.mark.parametrize("workers", [2, 3, 11])
    @pytest.mark.parametrize("activation", list(ACTIVATIONS))
    @pytest.mark.parametrize("output", OUTPUTS)
    def test_equals_one_worker(self, rng, workers, activation, output):
        sizes = [5, 7, 6, 4]
        X = rng.standard_normal((11, 5))
        y = 1 + np.arange(11) % 4
        p = rng.standard_normal(sum(r * c for r, c in nnvec.param_shapes(sizes)))
        J1, g1 = nnvec.NNCost(sizes, X, y, 0.3, activation=activation, output=output)(p)
        f = nnvec.NNCost(sizes, X, y, 0.3, activation=activation, output=output,
                         workers=workers)
        assert f.workers == workers and len(f.blocks) == workers
        J, g = f(p)
        # Only the order of the blocks' sums differs: rounding-level differences.
        assert_allclose(J, J1, rtol=1e-13)
        assert_allclose(g, g1, rtol=1e-12, atol=1e-15)
        assert not np.array_equal(g, np.zeros_like(g))

    def test_blocks_cover_every_example_once_without_copies(self, rng):
        X = rng.random((10, 3))
        f = nnvec.NNCost([3, 4, 2], X, 1 + np.arange(10) % 2, 0.0, workers=3)
        rows = [Xk.shape[0] for Xk, _ in f.blocks]
        assert rows == [3, 3, 4]
        assert all(np.shares_memory(Xk, f.X) for Xk, _ in f.blocks)
        labels = np.concatenate([ws.YT.argmax(axis=0) for _, ws in f.blocks])
        assert_array_equal(labels + 1, 1 + np.arange(10) % 2)

    def test_each_block_is_a_separate_evaluation(self, rng):
        # Block sums add up: J(all) = (m1 J(block 1) + m2 J(block 2)) / m without lambda.
        X = rng.standard_normal((9, 3))
        y = 1 + np.arange(9) % 3
        p = rng.standard_normal(nnvec.NNCost([3, 4, 3], X, y).size)
        J, _ = nnvec.NNCost([3, 4, 3], X, y, 0.0, workers=2)(p)
        J1, _ = nnvec.nn_cost(p, [3, 4, 3], X[:4], y[:4])
        J2, _ = nnvec.nn_cost(p, [3, 4, 3], X[4:], y[4:])
        assert_allclose(J, (4 * J1 + 5 * J2) / 9, rtol=1e-14)

    def test_with_workers_shares_the_validated_data(self, rng):
        X = rng.random((8, 3))
        f = nnvec.NNCost([3, 4, 2], X, 1 + np.arange(8) % 2, 1.0)
        g = f.with_workers(4)
        assert (f.workers, g.workers) == (1, 4)
        assert g.X is f.X and g.Y is f.Y
        p = np.linspace(-1, 1, f.size)
        assert_allclose(g(p)[1], f(p)[1], rtol=1e-13, atol=1e-15)

    def test_blas_threads_restored(self, rng):
        from threadpoolctl import threadpool_info

        before = [lib["num_threads"] for lib in threadpool_info()]
        f = nnvec.NNCost([3, 4, 2], rng.random((6, 3)), [1, 2, 1, 2, 1, 2], workers=2)
        f(np.zeros(f.size))
        assert [lib["num_threads"] for lib in threadpool_info()] == before

    @pytest.mark.parametrize(("workers", "message"), [
        (0, r"NNCost: workers must be a positive integer, got 0"),
        (1.5, r"NNCost: workers must be a positive integer, got 1.5"),
        (7, r"NNCost: workers must be at most the number of examples 6, got 7"),
    ])
    def test_bad_workers(self, rng, workers, message):
        with pytest.raises(ValueError, match=message):
            nnvec.NNCost([3, 4, 2], rng.random((6, 3)), [1, 2, 1, 2, 1, 2], workers=workers)


class TestSoftmax:
    def test_softmax_rows_sum_to_one_and_cost_matches(self, rng):
        sizes = [3, 4, 3]
        p = rng.standard_normal(sum(r * c for r, c in nnvec.param_shapes(sizes)))
        X = rng.standard_normal((8, 3))
        y = rng.integers(1, 4, size=8)
        J, _ = nnvec.nn_cost(p, sizes, X, y, 0.0, output="softmax")
        T1, T2 = nnvec.reshape_params(p, sizes)
        z = nnvec.sigmoid(X @ T1[:, 1:].T + T1[:, 0]) @ T2[:, 1:].T + T2[:, 0]
        P = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
        assert J == pytest.approx(-np.mean(np.log(P[np.arange(8), y - 1])), rel=1e-13)

    def test_softmax_stable_for_huge_logits(self):
        Thetas = [1e4 * np.ones((2, 3)), np.array([[0.0, 1e3, 1e3], [0.0, -1e3, -1e3]])]
        J, grad = nnvec.nn_cost(nnvec.unroll_params(Thetas), [2, 2, 2], np.ones((1, 2)), [2],
                                output="softmax")
        assert J == pytest.approx(4e3)  # z = [2e3, -2e3]: -log softmax(z)[1] = 4e3
        assert np.all(np.isfinite(grad))


