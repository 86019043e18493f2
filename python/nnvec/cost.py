"""The regularized cost and its backprop gradient, for any depth.

Octave twins: ``nnCost.m`` (any depth), ``nnCostFunction.m`` (the course's
three-layer signature), ``costAndGradient.m`` (the shared computation).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .activations import activation_gradient, sigmoid
from .forward import forward
from .params import param_shapes, reshape_params
from .validate import (
    check_lambda,
    check_layer_sizes,
    check_options,
    check_params,
    check_X,
    check_y,
)

__all__ = ["NNCost", "cost_and_gradient", "nn_cost", "nn_cost_function", "one_hot"]


def nn_cost(
    nn_params: ArrayLike,
    layer_sizes: Sequence[int],
    X: ArrayLike,
    y: ArrayLike,
    lambda_: float = 0.0,
    *,
    activation: str = "sigmoid",
    output: str = "sigmoid",
) -> tuple[float, NDArray[np.float64]]:
    """Regularized cross-entropy cost and its gradient for a network of any depth.

    Parameters
    ----------
    nn_params : array_like of shape (N,) or (N, 1)
        Unrolled weights ``[Theta1(:); Theta2(:); ...]`` (column-major).
    layer_sizes : sequence of int
        ``[s1, s2, ..., sL]``: input size, hidden sizes, number of labels K.
    X : array_like of shape (m, s1)
        One example per row, no bias column.
    y : array_like of shape (m,) or (m, 1)
        Labels in 1..K (digit 0 is label 10).
    lambda_ : float, default 0.0
        L2 regularization strength, >= 0.
    activation : {'sigmoid', 'tanh', 'relu'}, default 'sigmoid'
        Hidden-layer activation (the course uses sigmoid).
    output : {'sigmoid', 'softmax'}, default 'sigmoid'
        Output layer: K independent sigmoids with the course's cross-entropy,
        or a softmax with multi-class cross-entropy.

    Returns
    -------
    J : float
        The cost.
    grad : ndarray of shape (N,)
        dJ/dnn_params, unrolled like `nn_params`; ready for
        ``scipy.optimize.minimize(nn_cost, p0, jac=True, args=(sizes, X, y, lam))``.

    Raises
    ------
    ValueError, TypeError
        On bad input; the message names the rule and the value received.

    Notes
    -----
    With ``Y`` the one-hot m x K label matrix and ``z = z_L``, the sigmoid output cost is
    ``J = 1/m sum(-Y log h - (1-Y) log(1-h))``, evaluated in the stable form
    ``1/m sum(max(z, 0) - Y .* z + log1p(exp(-|z|)))`` so that it stays finite
    when units saturate. The softmax cost is ``-1/m sum(Y .* log_softmax(z))``.
    Both add ``lambda/(2m) sum_l sum(Theta_l(:, 2:end).^2)``. Backprop starts from
    ``delta_L = h - Y`` and loops over layers only, never over examples.

    See Also
    --------
    nnCost.m : the Octave twin.
    nn_cost_function : the course's three-layer signature.
    NNCost : the same, validated once for repeated calls (training).
    """
    return NNCost(layer_sizes, X, y, lambda_, activation=activation, output=output,
                  fname="nn_cost")(nn_params)


def nn_cost_function(
    nn_params: ArrayLike,
    input_layer_size: int,
    hidden_layer_size: int,
    num_labels: int,
    X: ArrayLike,
    y: ArrayLike,
    lambda_: float = 0.0,
) -> tuple[float, NDArray[np.float64]]:
    """The course's three-layer cost: ``nn_cost`` with ``[input, hidden, num_labels]``.

    See Also
    --------
    nnCostFunction.m : the Octave twin.
    nn_cost : any depth, with options.
    """
    sizes = [input_layer_size, hidden_layer_size, num_labels]
    return NNCost(sizes, X, y, lambda_, fname="nn_cost_function")(nn_params)


class NNCost:
    """``p -> (J, grad)`` for fixed data, validated once: what an optimizer calls.

    ``NNCost(sizes, X, y, lam)(p)`` equals ``nn_cost(p, sizes, X, y, lam)``;
    the data checks and the one-hot label matrix are done once, here, instead
    of on every evaluation.
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        X: ArrayLike,
        y: ArrayLike,
        lambda_: float = 0.0,
        *,
        activation: str = "sigmoid",
        output: str = "sigmoid",
        fname: str = "NNCost",
    ) -> None:
        self.fname = fname
        self.layer_sizes = check_layer_sizes(layer_sizes, fname)
        check_options(activation, output, fname)
        self.activation = activation
        self.output = output
        self.X = np.ascontiguousarray(check_X(X, self.layer_sizes[0], fname))
        labels = check_y(y, self.X.shape[0], self.layer_sizes[-1], fname)
        self.Y = one_hot(labels, self.layer_sizes[-1])
        self.lambda_ = check_lambda(lambda_, fname)
        self.size = sum(r * c for r, c in param_shapes(self.layer_sizes))

    def __call__(self, nn_params: ArrayLike) -> tuple[float, NDArray[np.float64]]:
        p = check_params(nn_params, self.layer_sizes, self.fname)
        return cost_and_gradient(reshape_params(p, self.layer_sizes), self.X, self.Y,
                                 self.lambda_, self.activation, self.output)


def one_hot(labels: NDArray[np.intp], num_labels: int) -> NDArray[np.float64]:
    """m x K matrix with ``Y[i, k-1] = 1`` where ``labels[i] == k`` (Octave: ``eye(K)(y, :)``)."""
    Y = np.zeros((labels.size, num_labels))
    Y[np.arange(labels.size), labels - 1] = 1.0
    return Y


def cost_and_gradient(
    Thetas: Sequence[NDArray[np.float64]],
    X: NDArray[np.float64],
    Y: NDArray[np.float64],
    lambda_: float,
    activation: str = "sigmoid",
    output: str = "sigmoid",
) -> tuple[float, NDArray[np.float64]]:
    """The computation behind ``nn_cost`` on validated inputs (Octave: ``costAndGradient.m``)."""
    m = X.shape[0]
    A, z = forward(Thetas, X, activation)

    # Output layer: cost and delta_L = h - Y.
    if output == "softmax":
        s = z - z.max(axis=1, keepdims=True)
        log_h = s - np.log(np.exp(s).sum(axis=1, keepdims=True))
        J = -np.sum(Y * log_h) / m
        delta = np.exp(log_h) - Y
    else:
        J = np.sum(np.maximum(z, 0.0) - Y * z + np.log1p(np.exp(-np.abs(z)))) / m
        delta = sigmoid(z) - Y

    # Backprop: one step per layer, each gradient written into its slot of grad.
    grad = np.empty(sum(T.size for T in Thetas))
    offsets = np.cumsum([0] + [T.size for T in Thetas])
    for l in range(len(Thetas) - 1, -1, -1):
        Theta = Thetas[l]
        G = grad[offsets[l]:offsets[l + 1]].reshape(Theta.shape, order="F")
        G[:, 0] = np.sum(delta, axis=0) / m
        G[:, 1:] = delta.T @ A[l] / m + lambda_ / m * Theta[:, 1:]
        if l > 0:
            delta = (delta @ Theta[:, 1:]) * activation_gradient(activation, A[l])

    for Theta in Thetas:
        J = J + lambda_ / (2 * m) * np.sum(Theta[:, 1:] ** 2)
    return float(J), grad
