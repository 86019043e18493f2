"""Other layouts on request: the Python port's row-major unrolling and labels from 0.

nnvec's own convention is the course's: parameters unrolled column by column
(``[Theta1(:); Theta2(:)]``, numpy ``order="F"``) and labels 1..K. The most
used Python port of the course unrolls row by row
(``np.concatenate([Theta1.ravel(), Theta2.ravel()])``, numpy's default
``order="C"``) and numbers its labels 0..K-1. ``nn_cost``,
``nn_cost_function`` and ``nn_predict`` take ``order=`` and ``first_label=``
and go through this module: it translates the caller's parameters and labels
into the course's, lets the unchanged computation run, and translates the
gradient (or the predicted labels) back. Nothing here has an Octave twin:
Octave keeps the course's convention only.

Examples
--------
>>> reorder_params(np.arange(1.0, 14.0), [1, 2, 3], "F", "C")  # Theta1 is 2x2, Theta2 3x3
array([ 1.,  3.,  2.,  4.,  5.,  8., 11.,  6.,  9., 12.,  7., 10., 13.])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .messages import format_number
from .params import param_shapes
from .validate import as_float_array, check_layer_sizes, check_params

__all__ = [
    "CONVENTIONS",
    "COURSE",
    "PYTHON_PORT",
    "Convention",
    "check_first_label",
    "check_order",
    "cost_in_convention",
    "labels_from_course",
    "labels_to_course",
    "reorder_params",
]


@dataclass(frozen=True)
class Convention:
    """How a caller lays out parameters and numbers labels.

    Attributes
    ----------
    name : str
        ``'course'`` or ``'python-port'`` (the names ``nnvec grade`` takes).
    order : {'F', 'C'}
        Unrolling of every Theta and of the gradient: column by column or row by row.
    first_label : {1, 0}
        The label of the first output unit.
    """

    name: str
    order: str
    first_label: int


#: The course's (and nnvec's) convention: column-major, labels 1..K.
COURSE = Convention("course", "F", 1)
#: The Python port's convention: row-major, labels 0..K-1.
PYTHON_PORT = Convention("python-port", "C", 0)
#: The conventions by name.
CONVENTIONS = {c.name: c for c in (COURSE, PYTHON_PORT)}


def check_order(order: object, fname: str) -> str:
    """``'F'`` or ``'C'``, else a ValueError naming `fname` and the value received."""
    if not (isinstance(order, str) and order in ("F", "C")):
        raise ValueError(f"{fname}: order must be 'F' (column by column, the course's) or 'C' "
                         f"(row by row, the Python port's), got {order!r}")
    return order


def check_first_label(first_label: object, fname: str) -> int:
    """``1`` or ``0`` (an integer, not a bool), else a ValueError naming `fname`."""
    ok = isinstance(first_label, (int, np.integer)) and not isinstance(
        first_label, (bool, np.bool_))
    if not (ok and int(first_label) in (0, 1)):  # type: ignore[arg-type]
        raise ValueError(f"{fname}: first_label must be 1 (labels 1..K, the course's) or 0 "
                         f"(labels 0..K-1, the Python port's), got {first_label!r}")
    return int(first_label)  # type: ignore[arg-type]


def reorder_params(
    nn_params: ArrayLike, layer_sizes: Sequence[int], source: str, target: str
) -> NDArray[np.float64]:
    """The same weights unrolled in another order: each Theta is re-read, in place in the vector.

    Parameters
    ----------
    nn_params : array_like of shape (N,) or (N, 1)
        Unrolled weights (or a gradient) in `source` order; the length is not
        checked here (the callers validate first).
    layer_sizes : sequence of int
    source, target : {'F', 'C'}
        Column by column (``Theta(:)``) or row by row (``Theta.ravel()``).

    Returns
    -------
    ndarray of shape (N,)
        A new array (`nn_params` itself is never modified): float32 stays
        float32 (a float32 run's parameters), anything else is float64.
    """
    given = np.asarray(nn_params)
    flat = np.array(given, dtype=np.float32 if given.dtype == np.float32 else np.float64)
    flat = flat.reshape(-1)
    if source == target:
        return flat
    out = np.empty_like(flat)
    start = 0
    for rows, cols in param_shapes(layer_sizes):
        stop = start + rows * cols
        out[start:stop] = flat[start:stop].reshape((rows, cols), order=source).reshape(
            -1, order=target)
        start = stop
    return out


def labels_to_course(y: ArrayLike, num_labels: int, first_label: int,
                     fname: str) -> ArrayLike:
    """Labels numbered from `first_label` as the course's 1..K.

    With ``first_label=1`` `y` is returned as it is (the cost validates it).
    With ``first_label=0`` every label must be an integer in 0..K-1 (the
    message names that rule and the first offender); the rest of the checks
    (a vector, one label per example) are the cost's, on ``y + 1``.
    """
    if first_label == 1:
        return y
    arr = as_float_array(y, "y", fname)
    if arr.ndim <= 1 or (arr.ndim == 2 and 1 in arr.shape):
        flat = arr.reshape(-1)
        bad = ~((flat >= 0) & (flat <= num_labels - 1) & (flat == np.round(flat)))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise ValueError(f"{fname}: y labels must be integers in 0..{num_labels - 1} "
                             f"(first_label=0: digit 0 is label 0), got {format_number(flat[i])} "
                             f"at position {i + 1}")
    return arr + 1


def labels_from_course(labels: NDArray[np.int64], first_label: int) -> NDArray[np.int64]:
    """The course's labels 1..K renumbered to start at `first_label`."""
    return labels if first_label == 1 else labels - 1 + first_label


def cost_in_convention(
    cost: Callable[[ArrayLike, ArrayLike], tuple[float, NDArray[np.float64]]],
    nn_params: ArrayLike,
    layer_sizes: Sequence[int],
    y: ArrayLike,
    order: object,
    first_label: object,
    fname: str,
) -> tuple[float, NDArray[np.float64]]:
    """``cost(p, y)`` (course convention) called with parameters and labels in another.

    Parameters
    ----------
    cost : callable
        ``cost(nn_params, y) -> (J, grad)`` in the course's convention.
    nn_params, layer_sizes, y
        As the caller received them.
    order, first_label
        The caller's convention (checked here).
    fname : str
        The public function's name, for error messages.

    Returns
    -------
    J : float
    grad : ndarray of shape (N,)
        In `order`, like `nn_params`.

    Notes
    -----
    In the course's convention (``'F'``, 1) `cost` gets the arguments
    untouched. Otherwise the layer sizes and the parameter vector are
    validated with the usual messages before they are re-read.
    """
    order = check_order(order, fname)
    first_label = check_first_label(first_label, fname)
    if order == "F" and first_label == 1:
        return cost(nn_params, y)
    sizes = check_layer_sizes(layer_sizes, fname)
    if order == "C":
        nn_params = reorder_params(check_params(nn_params, sizes, fname), sizes, "C", "F")
    J, grad = cost(nn_params, labels_to_course(y, sizes[-1], first_label, fname))
    if order == "C":
        grad = reorder_params(grad, sizes, "F", "C")
    return J, grad
