"""Activation functions, their derivatives, and the numerically stable log-sigmoid.

Octave twins: ``sigmoid.m``, ``sigmoidGradient.m``, ``logSigmoid.m``,
``activationForward.m`` / ``activationGradient.m``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "ACTIVATIONS",
    "activation_forward",
    "activation_gradient",
    "log_sigmoid",
    "sigmoid",
    "sigmoid_gradient",
]

#: Hidden-layer activations understood by ``nn_cost`` (the course uses sigmoid).
ACTIVATIONS = ("sigmoid", "tanh", "relu")


def sigmoid(z: ArrayLike) -> NDArray[np.float64]:
    """Logistic function ``g(z) = 1 / (1 + exp(-z))``, elementwise.

    Parameters
    ----------
    z : array_like
        Any shape.

    Returns
    -------
    g : ndarray of float64, same shape as `z`

    Notes
    -----
    Written exactly as the course writes it, so both languages round the same
    way. For ``z < -709`` ``exp(-z)`` overflows to ``inf`` and ``g`` is an exact
    0, which is the correctly rounded answer; the overflow warning is silenced.

    See Also
    --------
    sigmoid.m : the Octave twin.

    Examples
    --------
    >>> float(sigmoid(0.0))  # g(0) = 1/2 by definition
    0.5
    """
    z = np.asarray(z, dtype=np.float64)
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-z))


def sigmoid_gradient(z: ArrayLike) -> NDArray[np.float64]:
    """Derivative of the sigmoid, ``g'(z) = g(z) * (1 - g(z))``, elementwise.

    Parameters
    ----------
    z : array_like
        Any shape.

    Returns
    -------
    gprime : ndarray of float64, same shape as `z`

    See Also
    --------
    sigmoidGradient.m : the Octave twin.

    Examples
    --------
    >>> float(sigmoid_gradient(0.0))  # g(0) (1 - g(0)) = 0.5 * 0.5
    0.25
    """
    g = sigmoid(z)
    return g * (1.0 - g)


def log_sigmoid(z: ArrayLike) -> NDArray[np.float64]:
    """``log(sigmoid(z))`` computed without overflow or ``log(0)``.

    Notes
    -----
    ``log g(z) = -(max(-z, 0) + log1p(exp(-|z|)))``. It agrees with the
    textbook ``log(1 / (1 + exp(-z)))`` to round-off wherever that is finite,
    and stays finite (about ``z``) where the textbook form gives ``-inf``.
    ``log(1 - g(z)) = log_sigmoid(-z)``.

    See Also
    --------
    logSigmoid.m : the Octave twin.
    """
    z = np.asarray(z, dtype=np.float64)
    return -(np.maximum(-z, 0.0) + np.log1p(np.exp(-np.abs(z))))


def activation_forward(name: str, z: NDArray[np.float64]) -> NDArray[np.float64]:
    """Apply hidden activation `name` ('sigmoid', 'tanh' or 'relu') to `z`."""
    if name == "sigmoid":
        return sigmoid(z)
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0.0)
    raise ValueError(f"activation must be one of {list(ACTIVATIONS)}, got {name!r}")


def activation_gradient(name: str, a: NDArray[np.float64]) -> NDArray[np.float64]:
    """Derivative of activation `name`, written in terms of its *output* ``a``.

    Backprop reuses the activations of the forward pass instead of
    recomputing them from ``z``: ``sigmoid: a (1 - a)`` (the same numbers as
    ``sigmoid_gradient(z)``), ``tanh: 1 - a^2``, ``relu: 1 where a > 0``.
    """
    if name == "sigmoid":
        return a * (1.0 - a)
    if name == "tanh":
        return 1.0 - a * a
    if name == "relu":
        return (a > 0.0).astype(np.float64)
    raise ValueError(f"activation must be one of {list(ACTIVATIONS)}, got {name!r}")
