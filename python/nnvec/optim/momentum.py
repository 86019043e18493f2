"""Gradient descent with (heavy-ball) momentum, step for step like ``momentumDescent.m``.

Octave twin: ``momentumDescent.m``. Both write the update in the same order,
``v = mu * v - alpha * g; x = x + v``, so from the same start the two
trajectories agree to rounding (the cost itself differs in the last bits
between numpy's and Octave's BLAS).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import OptimizeResult

from ..core.messages import describe_value, format_number
from ..core.validate import as_float_array, check_finite, check_int

__all__ = ["DEFAULT_LEARNING_RATE", "DEFAULT_MOMENTUM", "DIVERGED", "DIVERGENCE_FACTOR",
           "FAILED", "diverged", "momentum_descent"]

#: Default step size alpha and momentum mu, chosen on the digits network
#: (64-25-10, lambda 1, pixels in [0, 1], seed 0) from a small grid (alpha 0.1 to
#: 4, mu 0.5 to 0.95): alpha 0.5, mu 0.8 is among the best after both 50 and 200
#: iterations (cost 2.11 and 0.64, 95% held-out accuracy after 200; neighbours
#: such as 0.7/0.8 and 1/0.5 are within 0.3 and 0.01); alpha >= 1 with mu >= 0.9
#: stalls on the cost-3.3 plateau. See ``train``'s Notes.
DEFAULT_LEARNING_RATE = 0.5
DEFAULT_MOMENTUM = 0.8

#: The divergence rule (the same in ``momentumDescent.m``): a run whose cost
#: exceeds DIVERGENCE_FACTOR times its cost at the start has left any basin of
#: the loss by orders of magnitude (a sigmoid network's data term is bounded by
#: m K log terms; only the weights blowing up can multiply the cost a millionfold),
#: and further iterations only make it worse. It stops with status DIVERGED.
DIVERGENCE_FACTOR = 1e6
DIVERGED = 2
#: The statuses that mean the run failed (diverging: non-finite or growing);
#: ``nnvec train`` exits 1 on them and writes nothing.
FAILED = (1, DIVERGED)

_MESSAGES = {
    0: "Maximum number of iterations reached.",
    1: "Stopped: the cost or its gradient is not finite (try a smaller learning_rate).",
    DIVERGED: "Stopped: diverging, the cost grew to more than 1e+06 times its initial value "
              "(try a smaller learning rate).",
}


def diverged(J: float, J0: float) -> bool:
    """The divergence rule: `J` is non-finite or more than DIVERGENCE_FACTOR x `J0`.

    ``J0`` is the (finite) cost at the start; a start at cost 0 makes any
    growth to more than 0 count, which only a run that was already at the
    minimum can meet. Octave twin: the same test in ``momentumDescent.m``.
    """
    return not np.isfinite(J) or J > DIVERGENCE_FACTOR * max(J0, 0.0)


def momentum_descent(
    f: Callable[..., tuple[float, ArrayLike]],
    x0: ArrayLike,
    maxiter: int = 100,
    learning_rate: float = DEFAULT_LEARNING_RATE,
    momentum: float = DEFAULT_MOMENTUM,
    callback: Callable[[NDArray[np.float64]], object] | None = None,
    args: tuple = (),
    verbose: bool = False,
) -> OptimizeResult:
    """Minimize ``f`` by gradient descent with momentum.

    Parameters
    ----------
    f : callable
        ``f(x, *args) -> (J, grad)``, e.g. an ``NNCost``.
    x0 : array_like of shape (N,) or (N, 1)
        Start point (not modified).
    maxiter : int, default 100
        Number of iterations (>= 0); each costs one evaluation of `f`.
    learning_rate : float, default 0.5
        Step size alpha, finite and > 0.
    momentum : float, default 0.8
        Momentum coefficient mu, in [0, 1); 0 gives plain gradient descent.
    callback : callable, optional
        ``callback(xk)`` after each iteration, with a copy of the iterate (Python
        only, as in fmincg; its return value is ignored).
    args : tuple
        Extra arguments for `f`.
    verbose : bool, default False
        Print ``Iteration %4i | Cost: %4.6e`` after every iteration, like
        fmincg (the Octave twin does so with ``options.Display = 'iter'``).

    Returns
    -------
    res : scipy.optimize.OptimizeResult
        ``x`` (the last iterate), ``fun`` (its cost), ``jac`` (its gradient),
        ``nit``, ``nfev`` (= nit + 1), ``status`` (0: maxiter reached, 1: the cost or
        gradient became NaN/Inf and the last finite iterate is returned, 2:
        diverging, the cost grew to more than ``DIVERGENCE_FACTOR`` (1e6) times
        its value at `x0`, and the iterate that did so is returned; 1 and 2 are
        the ``FAILED`` statuses), ``success`` (status == 0), ``message``, and
        ``fun_history``: ndarray of shape (nit,), the cost after each iteration
        (like fmincg's ``fX``).

    Notes
    -----
    With ``g_k = grad f(x_k)`` and ``v_0 = 0``::

        v_{k+1} = mu * v_k - alpha * g_k
        x_{k+1} = x_k + v_{k+1}

    See Also
    --------
    momentumDescent.m : the Octave twin, ``[X, fX, i] = momentumDescent(f, X, options)``.
    nnvec.optim.train.train : ``method='momentum'``.

    Examples
    --------
    >>> res = momentum_descent(lambda x: (float(x @ x), 2 * x), [3.0, -4.0], maxiter=200,
    ...                        learning_rate=0.1, momentum=0.5)
    >>> bool(np.allclose(res.x, 0.0))
    True
    """
    fname = "momentum_descent"
    maxiter = check_int(maxiter, "maxiter", fname, minimum=0)
    alpha = _real(learning_rate, "learning_rate", fname)
    if not (np.isfinite(alpha) and alpha > 0):
        raise ValueError(
            f"{fname}: learning_rate must be a finite scalar > 0, "
            f"got {describe_value(learning_rate)}"
        )
    mu = _real(momentum, "momentum", fname)
    if not (0 <= mu < 1):
        raise ValueError(
            f"{fname}: momentum must be a scalar in [0, 1), got {describe_value(momentum)}"
        )
    x = np.array(as_float_array(x0, "x0", fname), dtype=np.float64).reshape(-1)
    check_finite(x, "x0", fname)

    J, g = _eval(f, x, args)
    nfev = 1
    if not (np.isfinite(J) and np.all(np.isfinite(g))):
        raise ValueError(
            f"{fname}: the cost or gradient at x0 is not finite, got J = {format_number(J)}"
        )
    J0 = J
    v = np.zeros_like(x)
    history: list[float] = []
    status = 0
    i = 0
    while i < maxiter:
        v = mu * v - alpha * g
        x_new = x + v
        J_new, g_new = _eval(f, x_new, args)
        nfev += 1
        if not (np.isfinite(J_new) and np.all(np.isfinite(g_new))):
            status = 1
            break
        i += 1
        x, J, g = x_new, J_new, g_new
        history.append(J)
        if verbose:
            print(f"Iteration {i:4d} | Cost: {J:4.6e}")  # fmincg's line, as in the Octave twin
        if callback is not None:
            callback(x.copy())
        if diverged(J, J0):
            status = DIVERGED
            break
    return OptimizeResult(
        x=x, fun=J, jac=g, nit=i, nfev=nfev, status=status, success=status == 0,
        message=_MESSAGES[status], fun_history=np.array(history, dtype=np.float64),
    )


def _eval(f, x, args) -> tuple[float, NDArray[np.float64]]:
    J, g = f(x, *args)
    return float(J), np.asarray(g, dtype=np.float64).reshape(-1)


def _real(v: object, name: str, fname: str) -> float:
    if isinstance(v, (bool, np.bool_)) or not np.isscalar(v) or np.iscomplexobj(v):
        raise ValueError(f"{fname}: {name} must be a real scalar, got {describe_value(v)}")
    try:
        return float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{fname}: {name} must be a real scalar, "
                         f"got {describe_value(v)}") from None

