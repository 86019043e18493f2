"""The course's first-pass cost and gradient: a loop over the examples.

Octave twin: ``nnCostFunctionLoop.m``. This is the readable baseline whose
slowness the benchmark shows next to the vectorized ``nn_cost_function``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .activations import log_sigmoid, sigmoid, sigmoid_gradient
from .cost import one_hot
from .params import reshape_params, unroll_params
from .validate import check_lambda, check_layer_sizes, check_params, check_X, check_y

__all__ = ["nn_cost_function_loop"]


def nn_cost_function_loop(
    nn_params: ArrayLike,
    input_layer_size: int,
    hidden_layer_size: int,
    num_labels: int,
    X: ArrayLike,
    y: ArrayLike,
    lambda_: float = 0.0,
) -> tuple[float, NDArray[np.float64]]:
    """The course's three-layer cost and gradient, one example at a time.

    Parameters
    ----------
    nn_params : array_like of shape (N,) or (N, 1)
        Unrolled weights ``[Theta1(:); Theta2(:)]`` (column-major), Theta1 of
        shape (hidden, input + 1), Theta2 of shape (num_labels, hidden + 1).
    input_layer_size, hidden_layer_size, num_labels : int
    X : array_like of shape (m, input_layer_size)
    y : array_like of shape (m,) or (m, 1)
        Labels in 1..num_labels (digit 0 is label 10).
    lambda_ : float, default 0.0
        L2 regularization strength, >= 0.

    Returns
    -------
    J : float
    grad : ndarray of shape (N,)
        Both equal to ``nn_cost_function``'s to round-off.

    Raises
    ------
    ValueError, TypeError
        The same checks and messages as ``nn_cost_function``, naming
        ``nn_cost_function_loop``.

    Notes
    -----
    For t = 1..m: forward pass ``a1 = [1; x_t]``, ``z2 = Theta1 a1``,
    ``a2 = [1; g(z2)]``, ``z3 = Theta2 a2``, ``a3 = g(z3)``; cost
    ``sum(-y_t log(a3) - (1 - y_t) log(1 - a3))``; backprop
    ``delta3 = a3 - y_t``, ``delta2 = Theta2(:, 2:end)' delta3 .* g'(z2)``;
    accumulate ``Delta2 += delta3 a2'`` and ``Delta1 += delta2 a1'``. Then
    divide by m and add the regularization terms (ex4.pdf, section 2.3).
    ``log(a3)`` and ``log(1 - a3)`` are taken as ``log_sigmoid(z3)`` and
    ``log_sigmoid(-z3)``: the same numbers where the textbook form is finite,
    and finite where a unit saturates.

    See Also
    --------
    nnCostFunctionLoop.m : the Octave twin.
    nn_cost_function : the vectorized version (no loop over examples).

    Examples
    --------
    >>> import numpy as np
    >>> J, grad = nn_cost_function_loop(np.zeros(38), 3, 5, 3, np.eye(3), [1, 2, 3])
    >>> bool(np.isclose(J, 3 * np.log(2)))  # every output is g(0) = 1/2
    True
    """
    fname = "nn_cost_function_loop"
    sizes = check_layer_sizes([input_layer_size, hidden_layer_size, num_labels], fname)
    X = check_X(X, sizes[0], fname)
    Y = one_hot(check_y(y, X.shape[0], sizes[-1], fname), sizes[-1])
    lambda_ = check_lambda(lambda_, fname)
    p = check_params(nn_params, sizes, fname)
    Theta1, Theta2 = reshape_params(p, sizes)

    m = X.shape[0]
    J = 0.0
    Delta1 = np.zeros(Theta1.shape)
    Delta2 = np.zeros(Theta2.shape)
    for t in range(m):
        # Forward pass for example t (vectors; bias unit first).
        a1 = np.concatenate(([1.0], X[t]))
        z2 = Theta1 @ a1
        a2 = np.concatenate(([1.0], sigmoid(z2)))
        z3 = Theta2 @ a2
        a3 = sigmoid(z3)
        yt = Y[t]

        # Cost of example t: sum over the K outputs of -y log(h) - (1 - y) log(1 - h).
        J = J + np.sum(-yt * log_sigmoid(z3) - (1 - yt) * log_sigmoid(-z3))

        # Backprop for example t, accumulated.
        delta3 = a3 - yt
        delta2 = (Theta2[:, 1:].T @ delta3) * sigmoid_gradient(z2)
        Delta2 = Delta2 + np.outer(delta3, a2)
        Delta1 = Delta1 + np.outer(delta2, a1)
    J = J / m
    Theta1_grad = Delta1 / m
    Theta2_grad = Delta2 / m

    # Regularization: every weight but the bias columns.
    J = J + lambda_ / (2 * m) * (np.sum(Theta1[:, 1:] ** 2) + np.sum(Theta2[:, 1:] ** 2))
    Theta1_grad[:, 1:] = Theta1_grad[:, 1:] + lambda_ / m * Theta1[:, 1:]
    Theta2_grad[:, 1:] = Theta2_grad[:, 1:] + lambda_ / m * Theta2[:, 1:]

    return float(J), unroll_params([Theta1_grad, Theta2_grad])
