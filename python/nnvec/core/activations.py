"""Activation functions: the table of hidden activations, the sigmoid, the log-sigmoid.

``ACTIVATIONS[name](z, out=None)`` is ``g(z)`` and ``DERIVATIVES[name](a, out=None)``
is ``g'(z)`` computed from the activation's *output* ``a = g(z)``, as
scikit-learn's ``ACTIVATIONS``/``DERIVATIVES`` tables are: backprop reuses the
forward pass's activations instead of keeping ``z``. Every piece of code that
applies a hidden activation goes through this one table: the forward pass
(``forward.forward``, which predict and ``reference.py`` use) without ``out``,
the fast cost (``cost.data_term``) with ``out=`` into its workspace.

Octave twins: ``sigmoid.m``, ``sigmoidGradient.m``, ``logSigmoid.m``, and the
tables ``private/activationTable.m`` (each name with its ``forward`` and
``gradient``) and ``private/outputTable.m``. Each language's messages list
the names of its own table, in the table's order, so the two texts agree
exactly when the tables do (``tests/test_tables.py`` checks that they do).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .messages import describe_value

__all__ = [
    "ACTIVATIONS",
    "DERIVATIVES",
    "OUTPUTS",
    "activation_forward",
    "activation_gradient",
    "check_activation",
    "check_output",
    "log_sigmoid",
    "sigmoid",
    "sigmoid_gradient",
]

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
    z = _numeric(z, "sigmoid")
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
    g = sigmoid(_numeric(z, "sigmoid_gradient"))
    return g * (1.0 - g)


def _numeric(z: ArrayLike, fname: str) -> NDArray[np.float64]:
    """`z` as float64, refusing text: numpy would parse ``'0'`` as 0, Octave would take its
    character code 48; both refuse it instead, with the words of ``validate.as_float_array``
    (Octave: ``checkNumeric.m``)."""
    if isinstance(z, (str, bytes)):
        raise TypeError(f"{fname}: z must be numeric, got text")
    arr = np.asarray(z)
    if arr.dtype.kind in "USO":
        got = "text" if arr.dtype.kind in "US" else f"dtype {arr.dtype}"
        raise TypeError(f"{fname}: z must be numeric, got {got}")
    return np.asarray(arr, dtype=np.float64)


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


def _sigmoid(z: NDArray[np.float64], out: NDArray[np.float64] | None = None
             ) -> NDArray[np.float64]:
    """``g(z) = 1 / (1 + exp(-z))`` in four ufunc passes, into `out` (may be `z`).

    The same operations in the same order as `sigmoid`, so the same numbers bit
    for bit; written one ufunc at a time so that each pass can write into `out`
    instead of a new array, and numpy's vectorized ``exp`` does the work.
    """
    out = np.negative(z, out=out)
    with np.errstate(over="ignore"):
        np.exp(out, out=out)
    out += 1.0
    return np.divide(1.0, out, out=out)


def _tanh(z: NDArray[np.float64], out: NDArray[np.float64] | None = None) -> NDArray[np.float64]:
    """``g(z) = tanh(z)``, into `out` (may be `z`)."""
    return np.tanh(z, out=out)


def _relu(z: NDArray[np.float64], out: NDArray[np.float64] | None = None) -> NDArray[np.float64]:
    """``g(z) = max(z, 0)``, into `out` (may be `z`)."""
    return np.maximum(z, 0.0, out=out)


def _sigmoid_derivative(a: NDArray[np.float64], out: NDArray[np.float64] | None = None
                        ) -> NDArray[np.float64]:
    """``g' = a (1 - a)`` from ``a = sigmoid(z)``: the numbers of ``sigmoid_gradient(z)``.

    `out` must not overlap `a`: ``1 - a`` is formed first, then multiplied by ``a``
    (passing `a` itself is refused).
    """
    if out is a:
        raise ValueError("sigmoid derivative: out must not be a (it needs a after 1 - a)")
    out = np.subtract(1.0, a, out=out)
    out *= a
    return out


def _tanh_derivative(a: NDArray[np.float64], out: NDArray[np.float64] | None = None
                     ) -> NDArray[np.float64]:
    """``g' = 1 - a^2`` from ``a = tanh(z)``; `out` may be `a`."""
    out = np.multiply(a, a, out=out)
    return np.subtract(1.0, out, out=out)


def _relu_derivative(a: NDArray[np.float64], out: NDArray[np.float64] | None = None
                     ) -> NDArray[np.float64]:
    """``g' = 1`` where ``a = max(z, 0) > 0``, else 0 (0 at the kink); `out` may be `a`."""
    if out is None:
        out = np.empty_like(a)
    return np.greater(a, 0.0, out=out)


Activation = Callable[..., NDArray[np.float64]]

#: Hidden-layer activations: ``ACTIVATIONS[name](z, out=None)`` returns ``g(z)``,
#: written into `out` when given (which may be `z` itself).
ACTIVATIONS: dict[str, Activation] = {"sigmoid": _sigmoid, "tanh": _tanh, "relu": _relu}

#: Their derivatives in terms of the output: ``DERIVATIVES[name](a, out=None)``
#: returns ``g'(z)`` from ``a = g(z)``, into `out` when given (for sigmoid, not `a`).
DERIVATIVES: dict[str, Activation] = {
    "sigmoid": _sigmoid_derivative,
    "tanh": _tanh_derivative,
    "relu": _relu_derivative,
}

def _sigmoid_output(zL: NDArray[np.float64]) -> NDArray[np.float64]:
    return _sigmoid(zL)


def _sigmoid_cost(z: NDArray[np.float64], Y: NDArray[np.float64]
                  ) -> tuple[float, NDArray[np.float64]]:
    # The stable form, summed in Octave's order: sum(max(z, 0)) - Y.z + sum(log1p(...)).
    m = z.shape[0]
    J = (np.sum(np.maximum(z, 0)) - np.vdot(Y, z) + np.sum(np.log1p(np.exp(-np.abs(z))))) / m
    return float(J), _sigmoid(z) - Y


def _sigmoid_cost_columns(z: NDArray[np.float64], t: NDArray[np.float64],
                          YT: NDArray[np.bool_]) -> float:
    # As _sigmoid_cost on the transposed z (K x m) with YT the labels' mask;
    # t is scratch, delta = h - Y is written over z, and the sum is not yet / m.
    np.abs(z, out=t)
    np.negative(t, out=t)
    np.exp(t, out=t)
    np.log1p(t, out=t)
    log1p_sum = t.sum()
    J = np.maximum(z, 0.0, out=t).sum() - z[YT].sum() + log1p_sum  # z[YT]: Y .* z
    _sigmoid(z, out=z)
    z -= YT
    return float(J)


def _softmax_output(zL: NDArray[np.float64]) -> NDArray[np.float64]:
    e = np.exp(zL - zL.max(axis=1, keepdims=True))  # shifted by the row max: exp never overflows
    return e / e.sum(axis=1, keepdims=True)


def _softmax_cost(z: NDArray[np.float64], Y: NDArray[np.float64]
                  ) -> tuple[float, NDArray[np.float64]]:
    m = z.shape[0]
    s = z - z.max(axis=1, keepdims=True)
    log_h = s - np.log(np.sum(np.exp(s), axis=1, keepdims=True))
    return float(-np.vdot(Y, log_h) / m), np.exp(log_h) - Y


def _softmax_cost_columns(z: NDArray[np.float64], t: NDArray[np.float64],
                          YT: NDArray[np.bool_]) -> float:
    np.subtract(z, z.max(axis=0), out=t)
    np.exp(t, out=z)
    t -= np.log(z.sum(axis=0))
    J = -t[YT].sum()  # sum(Y .* log_h): the entries at the labels
    np.exp(t, out=z)
    z -= YT
    return float(J)


class Output(NamedTuple):
    """One output layer: ``forward(zL)`` gives h (m x K); ``cost(z, Y)`` gives the data
    term J (over m) and delta_L = h - Y; ``cost_columns(z, t, YT)`` is the same on the
    transposed z (K x m) in place, for the fast path: delta over z, the sum not yet / m."""

    forward: Callable[[NDArray[np.float64]], NDArray[np.float64]]
    cost: Callable[[NDArray[np.float64], NDArray[np.float64]], tuple[float, NDArray[np.float64]]]
    cost_columns: Callable[[NDArray[np.float64], NDArray[np.float64], NDArray[np.bool_]], float]


#: Output layers, the one list of their names: K sigmoids with the course's
#: cross-entropy, or a softmax (Octave twin: ``outputTable.m``).
OUTPUTS: dict[str, Output] = {
    "sigmoid": Output(_sigmoid_output, _sigmoid_cost, _sigmoid_cost_columns),
    "softmax": Output(_softmax_output, _softmax_cost, _softmax_cost_columns),
}


def check_activation(name: object, fname: str) -> None:
    """`name` is a key of `ACTIVATIONS`, else a ValueError naming `fname` and the value."""
    if not (isinstance(name, str) and name in ACTIVATIONS):

        raise ValueError(
            f"{fname}: activation must be one of {', '.join(ACTIVATIONS)}, "
            f"got {describe_value(name)}"
        )


def check_output(name: object, fname: str) -> None:
    """`name` is a key of `OUTPUTS`, else a ValueError naming `fname` and the value."""
    if not (isinstance(name, str) and name in OUTPUTS):

        raise ValueError(
            f"{fname}: output must be one of {', '.join(OUTPUTS)}, got {describe_value(name)}"
        )


def activation_forward(name: str, z: NDArray[np.float64]) -> NDArray[np.float64]:
    """``g(z)`` for hidden activation `name` (a key of `ACTIVATIONS`), a new array.

    See Also
    --------
    activationTable.m : the Octave twin (its ``forward`` entries).
    """
    return ACTIVATIONS[name](z)


def activation_gradient(name: str, a: NDArray[np.float64]) -> NDArray[np.float64]:
    """Derivative of activation `name`, written in terms of its *output* ``a``, a new array.

    Backprop reuses the activations of the forward pass instead of
    recomputing them from ``z``: ``sigmoid: a (1 - a)`` (the same numbers as
    ``sigmoid_gradient(z)``), ``tanh: 1 - a^2``, ``relu: 1 where a > 0``.

    See Also
    --------
    activationTable.m : the Octave twin (its ``gradient`` entries).
    """
    return DERIVATIVES[name](a)
