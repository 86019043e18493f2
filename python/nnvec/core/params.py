"""Pack and unpack the weight matrices, column-major like Octave's ``Theta(:)``.

Octave twins: ``reshapeParams.m``, ``unrollParams.m``; ``param_shapes`` (``paramShapes.m``)
lives in ``shapes`` and is public here too.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .messages import format_sizes
from .shapes import param_shapes
from .validate import as_float_array, check_layer_sizes

__all__ = ["param_shapes", "reshape_params", "unroll_params"]


def reshape_params(nn_params: ArrayLike, layer_sizes: Sequence[int]) -> list[NDArray[np.float64]]:
    """Unpack the unrolled parameter vector into the weight matrices.

    Parameters
    ----------
    nn_params : array_like of shape (N,) or (N, 1)
        ``[Theta1(:); Theta2(:); ...]``: each matrix column by column.
    layer_sizes : sequence of int
        ``[s1, s2, ..., sL]``; ``N = sum((s_l + 1) * s_{l+1})``.

    Returns
    -------
    Thetas : list of ndarray
        ``Thetas[l]`` has shape ``(s_{l+2}, s_{l+1} + 1)``. They are Fortran-ordered
        views into `nn_params` when it is a float64 or float32 array (no copy);
        float32 stays float32, anything else becomes float64.

    Raises
    ------
    ValueError
        If `layer_sizes` are not at least 2 positive integers, or the length of
        `nn_params` does not match them.
    TypeError
        If `nn_params` is not real and numeric (complex is refused, not truncated)
        or a layer size is not a number (a bool or a string).

    See Also
    --------
    reshapeParams.m : the Octave twin.
    unroll_params : the inverse.

    Examples
    --------
    >>> T1, T2 = reshape_params(np.arange(1.0, 14.0), [1, 2, 3])
    >>> T1  # Octave: reshape(1:4, 2, 2)
    array([[1., 3.],
           [2., 4.]])
    """

    sizes = check_layer_sizes(layer_sizes, "reshape_params")
    single = isinstance(nn_params, np.ndarray) and nn_params.dtype == np.float32
    flat = as_float_array(nn_params, "nn_params", "reshape_params",
                          dtype=np.float32 if single else np.float64).reshape(-1)
    shapes = param_shapes(sizes)
    expected = sum(r * c for r, c in shapes)
    if flat.size != expected:
        raise ValueError(
            f"reshape_params: nn_params must have {expected} elements for layer sizes "
            f"{format_sizes(sizes)}, got {flat.size}"
        )
    Thetas = []
    start = 0
    for rows, cols in shapes:
        stop = start + rows * cols
        Thetas.append(flat[start:stop].reshape((rows, cols), order="F"))
        start = stop
    return Thetas


def unroll_params(Thetas: Sequence[ArrayLike]) -> NDArray[np.float64]:
    """Unroll weight matrices into one vector, column-major: ``[T1(:); T2(:); ...]``.

    Returns
    -------
    nn_params : ndarray of shape (N,)

    See Also
    --------
    unrollParams.m : the Octave twin.
    reshape_params : the inverse.
    """
    if len(Thetas) == 0:
        raise ValueError("unroll_params: Thetas must hold at least one matrix, got none")
    parts = []
    for i, T in enumerate(Thetas, start=1):
        T = np.asarray(T, dtype=np.float64)
        if T.ndim != 2:
            shape = "x".join(str(s) for s in T.shape) or "scalar"
            raise ValueError(f"unroll_params: Theta{i} must be a 2-D matrix, got shape {shape}")
        parts.append(T.reshape(-1, order="F"))
    return np.concatenate(parts)


