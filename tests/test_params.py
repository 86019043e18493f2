"""The parameter layout (unrolled column-major, as Octave's (:)) and the initial weights."""

from __future__ import annotations

import nnvec
import numpy as np
import pytest
from conftest import textbook_cost
from numpy.testing import assert_array_equal


class TestLayout:
    def test_unroll_is_octave_colon(self):
        T1 = np.array([[1.0, 3.0], [2.0, 4.0]])
        T2 = np.array([[5.0, 7.0, 9.0], [6.0, 8.0, 10.0]])
        # Octave: [T1(:); T2(:)] = 1:10
        assert_array_equal(nnvec.unroll_params([T1, T2]), np.arange(1.0, 11.0))

    def test_reshape_inverts_unroll(self, rng):
        sizes = [4, 7, 3, 2]
        Thetas = [rng.standard_normal(s) for s in nnvec.param_shapes(sizes)]
        back = nnvec.reshape_params(nnvec.unroll_params(Thetas), sizes)
        for a, b in zip(back, Thetas, strict=True):
            assert_array_equal(a, b)

    def test_c_order_vector_gives_a_different_cost(self, rng):
        """Guards the pitfall: a C-order unroll is a *different* network, not an error."""
        sizes = [3, 4, 2]
        Thetas = [rng.standard_normal(s) for s in nnvec.param_shapes(sizes)]
        X = rng.standard_normal((6, 3))
        y = np.array([1, 2, 1, 2, 2, 1])
        p_f = nnvec.unroll_params(Thetas)
        p_c = np.concatenate([T.ravel() for T in Thetas])  # the common mistake
        assert nnvec.nn_cost(p_f, sizes, X, y)[0] == pytest.approx(
            textbook_cost(p_f, sizes, X, y, 0.0), rel=1e-14)
        assert abs(nnvec.nn_cost(p_c, sizes, X, y)[0] - nnvec.nn_cost(p_f, sizes, X, y)[0]) > 1e-3

    def test_param_shapes_course(self):
        assert nnvec.param_shapes([400, 25, 10]) == [(25, 401), (10, 26)]


class TestInit:
    def test_rand_initialize_weights_range_and_shape(self):
        W = nnvec.rand_initialize_weights(400, 25, rng=0)
        assert W.shape == (25, 401)
        assert np.abs(W).max() <= 0.12
        assert W.std() == pytest.approx(0.24 / np.sqrt(12), rel=0.05)  # uniform(-a, a): a/sqrt(3)

    def test_rand_initialize_weights_seeded(self):
        assert_array_equal(nnvec.rand_initialize_weights(3, 2, rng=7),
                           nnvec.rand_initialize_weights(3, 2, rng=7))
        W = nnvec.rand_initialize_weights(3, 2, epsilon_init=0.5, rng=1)
        assert np.abs(W).max() <= 0.5
