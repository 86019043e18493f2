"""Weight initialization: random (symmetry breaking) and the course's deterministic one.

Octave twins: ``randInitializeWeights.m``, ``debugInitializeWeights.m``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from .validate import check_int

__all__ = ["debug_initialize_weights", "rand_initialize_weights"]


def rand_initialize_weights(
    L_in: int,
    L_out: int,
    epsilon_init: float = 0.12,
    rng: np.random.Generator | int | None = None,
) -> NDArray[np.float64]:
    """Weights uniform in ``[-epsilon_init, epsilon_init]`` for a layer with L_in inputs.

    Parameters
    ----------
    L_in, L_out : int
        Incoming and outgoing connections (positive).
    epsilon_init : float, default 0.12
        Half-width (> 0); the course's 0.12 is about ``sqrt(6) / sqrt(L_in + L_out)``
        at its sizes.
    rng : numpy.random.Generator or int or None
        Random source or seed.

    Returns
    -------
    W : ndarray of shape (L_out, 1 + L_in)
        Column 0 holds the bias weights.

    See Also
    --------
    randInitializeWeights.m : the Octave twin (its own random stream).
    """
    L_in = check_int(L_in, "L_in", "rand_initialize_weights")
    L_out = check_int(L_out, "L_out", "rand_initialize_weights")
    eps = float(epsilon_init)
    if not (np.isfinite(eps) and eps > 0):
        raise ValueError(
            "rand_initialize_weights: epsilon_init must be a finite scalar > 0, "
            f"got {epsilon_init!r}"
        )
    gen = np.random.default_rng(rng)
    return gen.random((L_out, 1 + L_in)) * 2 * eps - eps


def debug_initialize_weights(fan_out: int, fan_in: int) -> NDArray[np.float64]:
    """The course's deterministic weights ``reshape(sin(1:numel(W)), size(W)) / 10``.

    Returns
    -------
    W : ndarray of shape (fan_out, 1 + fan_in)
        Filled column by column (Octave order), so it equals the Octave twin exactly.

    See Also
    --------
    debugInitializeWeights.m : the Octave twin.

    Examples
    --------
    >>> debug_initialize_weights(2, 1).round(4)  # sin(1:4)/10, filled column by column
    array([[ 0.0841,  0.0141],
           [ 0.0909, -0.0757]])
    """
    fan_out = check_int(fan_out, "fan_out", "debug_initialize_weights")
    fan_in = check_int(fan_in, "fan_in", "debug_initialize_weights", minimum=0)
    n = fan_out * (1 + fan_in)
    W = np.sin(np.arange(1, n + 1, dtype=np.float64)).reshape((fan_out, 1 + fan_in), order="F")
    return W / 10

