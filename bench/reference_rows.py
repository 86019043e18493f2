"""The cost and gradient as ``nnvec/cost.py`` computed them before the workspace.

Examples along rows (``X Theta1(:, 2:end)' + Theta1(:, 1)'``), a new array for
every intermediate: the straightforward numpy translation of the Octave twin.
``bench.py`` times it next to the current ``nnvec.NNCost`` so the table shows
the before/after ratio of the optimization in the same run.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from nnvec.activations import activation_forward, activation_gradient, sigmoid
from numpy.typing import NDArray


def cost_and_gradient_rows(
    Thetas: Sequence[NDArray[np.float64]],
    X: NDArray[np.float64],
    Y: NDArray[np.float64],
    lambda_: float,
) -> tuple[float, NDArray[np.float64]]:
    """Sigmoid network, sigmoid output: ``(J, grad)`` with examples along rows."""
    m = X.shape[0]
    A = [X]
    for Theta in Thetas[:-1]:
        A.append(activation_forward("sigmoid", A[-1] @ Theta[:, 1:].T + Theta[:, 0]))
    z = A[-1] @ Thetas[-1][:, 1:].T + Thetas[-1][:, 0]
    J = np.sum(np.maximum(z, 0.0) - Y * z + np.log1p(np.exp(-np.abs(z)))) / m
    delta = sigmoid(z) - Y
    grad = np.empty(sum(T.size for T in Thetas))
    offsets = np.cumsum([0] + [T.size for T in Thetas])
    for l in range(len(Thetas) - 1, -1, -1):
        Theta = Thetas[l]
        G = grad[offsets[l]:offsets[l + 1]].reshape(Theta.shape, order="F")
        G[:, 0] = np.sum(delta, axis=0) / m
        G[:, 1:] = delta.T @ A[l] / m + lambda_ / m * Theta[:, 1:]
        if l > 0:
            delta = (delta @ Theta[:, 1:]) * activation_gradient("sigmoid", A[l])
    for Theta in Thetas:
        J = J + lambda_ / (2 * m) * np.sum(Theta[:, 1:] ** 2)
    return float(J), grad
