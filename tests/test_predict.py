"""Predictions: labels 1..K, the course's predict equal to nn_predict, ties to the lowest."""

from __future__ import annotations

import nnvec
import numpy as np
from conftest import small_problem
from numpy.testing import assert_array_equal


class TestPredict:
    def test_predict_equals_nn_predict(self):
        nn_params, sizes, X, _ = small_problem((3, 5, 4), m=9)
        T1, T2 = nnvec.reshape_params(nn_params, sizes)
        assert_array_equal(nnvec.predict(T1, T2, X), nnvec.nn_predict(nn_params, sizes, X))

    def test_hand_made_network(self):
        # One layer, z1 = 10 x1 - 10 x2, z2 = -z1: label 1 when x1 > x2.
        p = nnvec.unroll_params([np.array([[0.0, 10.0, -10.0], [0.0, -10.0, 10.0]])])
        assert_array_equal(nnvec.nn_predict(p, [2, 2], [[3, 1], [1, 3]]), [1, 2])

    def test_ties_go_to_the_lowest_label(self):
        # Zero weights: all outputs equal; Octave's max picks the first.
        assert_array_equal(nnvec.nn_predict(np.zeros(38), [3, 5, 3], np.ones((2, 3))), [1, 1])

    def test_labels_are_1_to_K(self, rng):
        sizes = [4, 5, 10]
        p = rng.standard_normal(sum(r * c for r, c in nnvec.param_shapes(sizes)))
        labels = nnvec.nn_predict(p, sizes, rng.standard_normal((200, 4)))
        assert labels.min() >= 1 and labels.max() <= 10
