"""The gradient check of nnvec's own backprop, any depth, every activation and output."""

from __future__ import annotations

import nnvec
import numpy as np
import pytest
from conftest import small_problem
from nnvec.core.activations import ACTIVATIONS, OUTPUTS
from numpy.testing import assert_allclose


class TestGradients:
    @pytest.mark.parametrize("lam", [0.0, 1.0, 3.0, 0.37])
    @pytest.mark.parametrize("sizes", [(3, 5, 3), (4, 6, 5, 3), (2, 1, 2), (3, 4, 4, 4, 2)])
    def test_gradient_check(self, sizes, lam):
        assert nnvec.check_nn_gradients(lam, layer_sizes=sizes, m=6, verbose=False) < 1e-9

    @pytest.mark.parametrize("activation", list(ACTIVATIONS))
    @pytest.mark.parametrize("output", OUTPUTS)
    def test_gradient_check_options(self, activation, output):
        diff = nnvec.check_nn_gradients(1.0, layer_sizes=(4, 6, 5, 3), m=7, activation=activation,
                                        output=output, verbose=False)
        assert diff < 1e-9

    def test_relu_check_points_are_away_from_the_kink(self):
        # The central difference is only valid if no hidden z lies within e = 1e-4 of 0.
        nn_params, sizes, X, _ = small_problem((4, 6, 5, 3), m=7)
        Thetas = nnvec.reshape_params(nn_params, sizes)
        a = X
        for T in Thetas[:-1]:
            z = a @ T[:, 1:].T + T[:, 0]
            assert np.min(np.abs(z)) > 1e-3
            a = np.maximum(z, 0)

    def test_check_prints_both_gradients_and_the_difference(self, capsys):
        diff = nnvec.check_nn_gradients(0.0)
        out = capsys.readouterr().out
        assert f"norm(left - right) / norm(left + right) = {diff:g}" in out
        assert out.count("\n") > 38  # one line per parameter of the 3-5-3 net
        assert f"{diff:g}" in out

    def test_numerical_gradient_of_a_cubic(self):
        x = np.array([1.0, -2.0, 0.5])
        # d/dx sum(x^3) = 3x^2; central differences err by e^2 = 1e-8.
        assert_allclose(nnvec.compute_numerical_gradient(lambda t: np.sum(t**3), x), 3 * x**2,
                        atol=1e-7)
