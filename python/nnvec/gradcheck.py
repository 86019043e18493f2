"""Numerical gradient by central differences, and the course's gradient check.

Octave twins: ``computeNumericalGradient.m``, ``checkNNGradients.m``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .cost import nn_cost
from .init import debug_initialize_weights
from .params import param_shapes, unroll_params

__all__ = ["check_nn_gradients", "compute_numerical_gradient"]


def compute_numerical_gradient(
    J: Callable[[NDArray[np.float64]], object], theta: ArrayLike, e: float = 1e-4
) -> NDArray[np.float64]:
    """Central differences ``(J(theta + e u_i) - J(theta - e u_i)) / (2 e)`` for every i.

    Parameters
    ----------
    J : callable
        ``J(theta)`` returning the cost, or a tuple whose first item is the cost.
    theta : array_like of shape (N,)
    e : float, default 1e-4
        The course's step.

    Returns
    -------
    numgrad : ndarray of shape (N,)

    See Also
    --------
    computeNumericalGradient.m : the Octave twin.
    """
    if not callable(J):
        raise TypeError(f"compute_numerical_gradient: J must be callable, got {J!r}")
    theta = np.array(theta, dtype=np.float64).reshape(-1)
    numgrad = np.zeros_like(theta)
    perturb = np.zeros_like(theta)
    for i in range(theta.size):
        perturb[i] = e
        loss1 = _cost_only(J(theta - perturb))
        loss2 = _cost_only(J(theta + perturb))
        numgrad[i] = (loss2 - loss1) / (2 * e)
        perturb[i] = 0.0
    return numgrad


def check_nn_gradients(
    lambda_: float = 0.0,
    layer_sizes: Sequence[int] = (3, 5, 3),
    m: int = 5,
    *,
    activation: str = "sigmoid",
    output: str = "sigmoid",
    verbose: bool = True,
) -> float:
    """Compare backprop with the numerical gradient on the course's small network.

    The course's set-up, generalized to any depth: ``Theta_l =
    debug_initialize_weights(s_{l+1}, s_l)``, ``X = debug_initialize_weights(m, s_1 - 1)``,
    ``y = 1 + mod(1:m, K)``. The default is the course's 3-5-3 network with m = 5.

    Returns
    -------
    diff : float
        ``norm(numgrad - grad) / norm(numgrad + grad)``; below 1e-9 when backprop is right.
        Printed too, after the two gradients side by side, unless
        ``verbose=False``.

    See Also
    --------
    checkNNGradients.m : the Octave twin.
    """
    sizes = [int(s) for s in layer_sizes]
    Thetas = [debug_initialize_weights(r, c - 1) for r, c in param_shapes(sizes)]
    X = debug_initialize_weights(m, sizes[0] - 1)
    y = 1 + np.mod(np.arange(1, m + 1), sizes[-1])
    nn_params = unroll_params(Thetas)

    def cost(p: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        return nn_cost(p, sizes, X, y, lambda_, activation=activation, output=output)

    _, grad = cost(nn_params)
    numgrad = compute_numerical_gradient(cost, nn_params)
    diff = float(np.linalg.norm(numgrad - grad) / np.linalg.norm(numgrad + grad))
    if verbose:
        for a, b in zip(numgrad, grad, strict=True):
            print(f"{a:10.6f} {b:10.6f}")
        print("One row per parameter: central differences on the left, backprop on\n"
              "the right. Where backprop is right, the two agree in every digit shown.\n")
        print(f"norm(left - right) / norm(left + right) = {diff:g}\n"
              "(below 1e-9 for a correct backprop; a mistake gives a far larger number)")
    return diff


def _cost_only(value: object) -> float:
    if isinstance(value, tuple):
        value = value[0]
    return float(value)  # type: ignore[arg-type]
