"""Predicted labels 1..K: the course's two-matrix ``predict`` and any depth.

Octave twins: ``predict.m``, ``nnPredict.m``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .conventions import check_first_label, check_order, labels_from_course, reorder_params
from .forward import forward, output_activation
from .params import reshape_params
from .validate import (
    as_float_array,
    check_finite,
    check_finite_output,
    check_layer_sizes,
    check_options,
    check_params,
    check_X,
    format_shape,
)

__all__ = ["nn_predict", "predict"]


def nn_predict(
    nn_params: ArrayLike,
    layer_sizes: Sequence[int],
    X: ArrayLike,
    *,
    activation: str = "sigmoid",
    output: str = "sigmoid",
    order: str = "F",
    first_label: int = 1,
) -> NDArray[np.int64]:
    """Label (1..K) of the largest output unit for each row of X.

    Parameters
    ----------
    nn_params : array_like of shape (N,)
    layer_sizes : sequence of int
    X : array_like of shape (m, s1)
    activation, output : str
        As in ``nn_cost``.
    order : {'F', 'C'}, default 'F'
        `nn_params` unrolled column by column (the course's) or row by row
        (the Python port's); see `nnvec.core.conventions`.
    first_label : {1, 0}, default 1
        The label of the first output unit: labels 1..K (the course's) or
        0..K-1 (the Python port's).

    Returns
    -------
    p : ndarray of int64, shape (m,)
        Ties go to the first (lowest) label, as Octave's ``max`` does.

    See Also
    --------
    nnPredict.m : the Octave twin.
    """
    fname = "nn_predict"
    order = check_order(order, fname)
    first_label = check_first_label(first_label, fname)
    sizes = check_layer_sizes(layer_sizes, fname)
    check_options(activation, output, fname)
    X = check_X(X, sizes[0], fname)
    p = reorder_params(check_params(nn_params, sizes, fname), sizes, order, "F")
    return labels_from_course(_labels(reshape_params(p, sizes), X, activation, output, fname),
                              first_label)


def predict(Theta1: ArrayLike, Theta2: ArrayLike, X: ArrayLike) -> NDArray[np.int64]:
    """The course's ``p = predict(Theta1, Theta2, X)``: labels 1..K of a trained 3-layer net.

    Parameters
    ----------
    Theta1 : array_like of shape (h, n + 1)
    Theta2 : array_like of shape (K, h + 1)
    X : array_like of shape (m, n)

    Returns
    -------
    p : ndarray of int64, shape (m,)

    See Also
    --------
    predict.m : the Octave twin.
    """
    fname = "predict"
    T1 = _matrix(Theta1, "Theta1", fname)
    T2 = as_float_array(Theta2, "Theta2", fname)
    if T2.ndim != 2:
        raise ValueError(f"predict: Theta2 must be a 2-D matrix, "
                         f"got shape {format_shape(T2.shape)}")
    if T2.shape[1] != T1.shape[0] + 1:
        raise ValueError(
            f"predict: Theta2 must have size(Theta1, 1) + 1 = {T1.shape[0] + 1} columns, "
            f"got {T2.shape[1]}"
        )
    check_finite(T2, "Theta2", fname)
    X = check_X(X, T1.shape[1] - 1, fname)
    return _labels([T1, T2], X, "sigmoid", "sigmoid", fname)


def _labels(Thetas, X, activation: str, output: str, fname: str) -> NDArray[np.int64]:
    _, zL = forward(Thetas, X, activation)
    h = output_activation(output, zL)
    check_finite_output(h, fname)
    return np.argmax(h, axis=1).astype(np.int64) + 1


def _matrix(T: ArrayLike, name: str, fname: str) -> NDArray[np.float64]:
    T = as_float_array(T, name, fname)
    if T.ndim != 2 or T.shape[1] < 2 or T.shape[0] < 1:
        raise ValueError(
            f"{fname}: {name} must be a 2-D matrix with a bias column, "
            f"got shape {format_shape(T.shape)}"
        )
    check_finite(T, name, fname)
    return T
