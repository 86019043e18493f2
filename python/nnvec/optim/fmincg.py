"""Polak-Ribiere conjugate gradients with a strong Wolfe line search.

Our own ``fmincg`` (the course's interface, written from Nocedal & Wright,
*Numerical Optimization*, 2nd ed., not from the course's file). Octave twin:
``octave/fmincg.m``, written line for line alongside this file: the same
variable names, the same arithmetic in the same order (inner products as
``np.dot(a, b)`` here and ``dot(a, b)`` there, both BLAS ``ddot``; Octave's
``g' * g`` would take a different BLAS routine), the same branches, so that
both languages follow the same trajectory from the same start on the same
function.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import OptimizeResult, OptimizeWarning

from ..core.validate import as_float_array, check_finite, check_int

__all__ = ["STATUS_MESSAGES", "fmincg", "minimize_fmincg"]

#: Status codes of :func:`fmincg` and the exact ``message`` each returns (0-3 as
#: in the Octave twin, which returns the same texts; 4 is Python only). The
#: message of status 0 is ``STATUS_MESSAGES[0].format(maxiter=maxiter)``.
STATUS_MESSAGES = {
    0: "reached the iteration limit ({maxiter})",
    1: "line search failed twice in a row: no further decrease found",
    2: "gradient is zero: converged",
    3: "non-finite cost or gradient at the starting point or at every trial step "
       "of the line search",
    4: "stopped by callback",
}

# Line search constants (N&W: c1 = 1e-4; c2 = 0.1 for nonlinear CG).
C1 = 1e-4
C2 = 0.1
EXT = 3.0  # at most 3x the step per extrapolation ...
MINEXT = 1.1  # ... and at least 1.1x
SAFE = 0.1  # zoom trials stay in the inner 80% of the bracket
MAXEV = 20  # calls to f per line search

Vector = NDArray[np.float64]


def fmincg(
    f: Callable[..., tuple[Any, ArrayLike]],
    x0: ArrayLike,
    maxiter: int = 100,
    args: tuple[Any, ...] = (),
    callback: Callable[[Vector], Any] | None = None,
    verbose: bool = False,
    **unknown: Any,
) -> OptimizeResult:
    """Minimize a smooth function by Polak-Ribiere conjugate gradients.

    Parameters
    ----------
    f : callable
        ``J, grad = f(x, *args)``: real scalar cost and its gradient, an
        array of ``n`` elements (1-D or column), for ``x`` of shape (n,).
    x0 : array_like of shape (n,) or (n, 1)
        Start point: a non-empty, finite, real vector.
    maxiter : int, default 100
        Iterations to run (the course's ``options.MaxIter``), >= 1.
    args : tuple, default ()
        Extra arguments passed to ``f``.
    callback : callable, optional
        ``callback(xk)`` is called after every iteration with a copy of the
        current point, shape (n,). Returning ``True`` (any truthy value) stops
        the run with status 4.
    verbose : bool, default False
        Print ``Iteration %4i | Cost: %4.6e`` after every iteration, like the
        course (the Octave twin does so with ``options.Display = 'iter'``).

    Returns
    -------
    res : scipy.optimize.OptimizeResult
        ``x`` : ndarray of shape (n,), the best point found (every step lowers
        the cost); ``fun`` : its cost; ``jac`` : its gradient, shape (n,);
        ``nit`` : iterations done; ``nfev`` : calls to ``f``, the first one
        included; ``status`` : see below; ``success`` : ``status`` is 0, 2 or
        4; ``message`` : the reason, as text; ``fun_history`` : ndarray of
        shape (nit,), the cost after each iteration (the course's ``fX``).

        Status codes (0-3 as ``info.status`` of the Octave twin):

        - 0: reached ``maxiter`` (the course's normal end);
        - 1: the line search failed twice in a row (no strong Wolfe point in
          20 calls to ``f``): no further progress can be made;
        - 2: the gradient is zero (``g @ g == 0``): converged;
        - 3: non-finite cost or gradient, at ``x0`` or at every trial step of
          the last line search;
        - 4: stopped by ``callback`` (Python only).

    Raises
    ------
    TypeError
        If ``f`` is not callable, ``x0`` is not numeric, or ``f`` does not
        return a pair.
    ValueError
        If an unknown keyword option is given (``Maxiter`` for ``maxiter``),
        ``x0`` is not a non-empty finite vector, ``maxiter`` is not a
        positive integer, or ``f`` returns a cost that is not a scalar or a
        gradient of the wrong size.

    See Also
    --------
    fmincg.m : the Octave twin, ``[X, fX, i, info] = fmincg(f, X0, options)``.
    nnvec.nn_cost : the network cost, ``f = lambda p: nn_cost(p, sizes, X, y, lam)``.
    scipy.optimize.minimize : ``method='CG'`` is the same family of method.

    Notes
    -----
    Nonlinear CG with the Polak-Ribiere+ choice (N&W Sec. 5.2, eq. 5.44-5.45)::

        beta = max(0, (g1 - g0) @ g1 / (g0 @ g0)),   d = -g1 + beta * d

    restarted with steepest descent ``d = -g1`` whenever ``d`` is not a
    descent direction (``g1 @ d >= 0``) or the previous line search failed.
    The step length satisfies the strong Wolfe conditions::

        f(x + a d) <= f(x) + c1 a g @ d,   |g(x + a d) @ d| <= c2 |g @ d|

    with ``c1 = 1e-4`` and ``c2 = 0.1`` (N&W's values for nonlinear CG),
    found as in N&W Algorithm 3.5 (bracketing) and 3.6 (zoom):

    - extrapolation by cubic interpolation of the last two points, the step
      growing by a factor in [1.1, 3] per trial;
    - zoom by cubic interpolation of the bracket ends (N&W eq. 3.59), else
      quadratic interpolation, else bisection, kept within the inner 80% of
      the bracket;
    - a non-finite cost or gradient at a trial step counts as "step too
      long": it closes the bracket and the next trial bisects;
    - at most 20 calls to ``f`` per line search.

    The first trial step is ``min(1, 1 / norm(g))``, later ones
    ``a_prev * (g0 @ d0) / (g1 @ d1)`` (N&W eq. 3.60). A failed line search
    keeps its best sufficient-decrease point (if any) as an iteration and
    restarts with steepest descent; a second failure in a row ends the run.

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[3.0, 1.0], [1.0, 2.0]]); b = np.array([1.0, -1.0])
    >>> res = fmincg(lambda x: (0.5 * x @ A @ x - b @ x, A @ x - b), np.zeros(2))
    >>> bool(np.allclose(res.x, np.linalg.solve(A, b)))
    True
    """
    if unknown:
        # An unknown option (say Maxiter for maxiter) is an error, as in the Octave twin,
        # whose message lists its options MaxIter, Display (twins of maxiter, verbose).
        raise ValueError(
            f"fmincg: unknown option '{sorted(unknown)[0]}'; valid options are "
            "maxiter, verbose"
        )
    if not callable(f):
        raise TypeError(f"fmincg: f must be callable returning (J, grad), got {f!r}")
    X = _check_x0(x0)
    maxiter = check_int(maxiter, "maxiter", "fmincg")
    if callback is not None and not callable(callback):
        raise TypeError(f"fmincg: callback must be callable or None, got {callback!r}")
    n = X.size

    def fun(x: Vector) -> tuple[float, Vector]:
        return _evaluate(f, x, args, n, X.dtype)

    f1, g1 = fun(X.copy())
    nfev = 1
    i = 0
    fX: list[float] = []
    status = -1
    message = ""
    d = -g1
    dphi = 0.0
    a = 0.0
    g0 = g1
    if not (math.isfinite(f1) and bool(np.isfinite(g1).all())):
        status = 3
        message = STATUS_MESSAGES[3]
    else:
        gg = float(np.dot(g1, g1))
        if gg == 0:
            status = 2
            message = STATUS_MESSAGES[2]
        else:
            d = -g1
            dphi = -gg
            a = _first_step(gg)
    failed = False
    while status < 0 and i < maxiter:
        search = _line_search(fun, X, d, f1, g1, dphi, a)
        nfev = nfev + search.nev
        stop = False
        if search.a > 0:
            X = search.x
            g0 = g1
            f1 = search.f
            g1 = search.g
            i = i + 1
            fX.append(f1)
            if verbose:
                print(f"Iteration {i:4d} | Cost: {f1:4.6e}")
            if callback is not None:
                stop = bool(callback(X.copy()))
        gg = float(np.dot(g1, g1))
        if not search.ok and failed:
            if search.nfinite == 0:
                status = 3
                message = STATUS_MESSAGES[3]
            else:
                status = 1
                message = STATUS_MESSAGES[1]
        elif gg == 0:
            status = 2
            message = STATUS_MESSAGES[2]
        elif search.ok:
            beta = float(np.dot(g1 - g0, g1)) / float(np.dot(g0, g0))
            if not (beta > 0):
                beta = 0.0
            d = -g1 + beta * d
            dphiNew = float(np.dot(g1, d))
            if not (dphiNew < 0):
                d = -g1
                dphiNew = -gg
            a = search.a * dphi / dphiNew
            if not (math.isfinite(a) and a > 0):
                a = _first_step(gg)
            dphi = dphiNew
            failed = False
        else:
            d = -g1
            dphi = -gg
            a = _first_step(gg)
            failed = True
        if stop and status < 0:
            status = 4
            message = STATUS_MESSAGES[4]
    if status < 0:
        status = 0
        message = STATUS_MESSAGES[0].format(maxiter=maxiter)
    return OptimizeResult(
        x=X,
        fun=f1,
        jac=g1,
        nit=i,
        nfev=nfev,
        status=status,
        success=status in (0, 2, 4),
        message=message,
        fun_history=np.array(fX, dtype=np.float64),
    )


def minimize_fmincg(
    fun: Callable[..., Any],
    x0: ArrayLike,
    args: tuple[Any, ...] = (),
    jac: Callable[..., ArrayLike] | None = None,
    hess: object = None,
    hessp: object = None,
    bounds: object = None,
    constraints: object = (),
    callback: Callable[[Vector], Any] | None = None,
    maxiter: int = 100,
    disp: bool = False,
    **unknown: Any,
) -> OptimizeResult:
    """``fmincg`` as a custom method of ``scipy.optimize.minimize``.

    ``minimize(f, x0, jac=True, method=minimize_fmincg, options={'maxiter': 50})``
    runs ``fmincg(f, x0, maxiter=50)`` and returns the same result.

    Parameters
    ----------
    fun, jac : callable
        What ``minimize`` passes: with ``jac=True`` it splits ``f`` (which
        returns ``(J, grad)``) into a cost and a gradient that share one
        evaluation per point (scipy's ``MemoizeJac``). A gradient is required.
    x0 : array_like of shape (n,)
    args : tuple
        Extra arguments of ``fun`` and ``jac``.
    hess, hessp, bounds, constraints : None
        Not supported: anything but None (or no constraints) is a ValueError.
    callback : callable, optional
        ``callback(xk)`` after every iteration; a truthy return stops the run (status 4).
    maxiter : int, default 100
        The ``options`` of ``minimize``; ``disp=True`` is ``fmincg``'s ``verbose``.
    **unknown
        Other options (``tol`` included) are ignored with an ``OptimizeWarning``,
        as scipy's own methods do.

    Returns
    -------
    res : scipy.optimize.OptimizeResult
        ``fmincg``'s: ``x, fun, jac, nit, nfev, status, success, message, fun_history``.

    See Also
    --------
    fmincg : the function itself, with its status codes and algorithm.
    """
    if unknown:
        warnings.warn(f"minimize_fmincg: unknown options {sorted(unknown)} ignored; valid "
                      "options are maxiter, disp", OptimizeWarning, stacklevel=3)
    if not callable(jac):
        raise ValueError(f"minimize_fmincg: needs the gradient (jac=True or a callable), "
                         f"got jac={jac!r}")
    for name, value in (("hess", hess), ("hessp", hessp), ("bounds", bounds)):
        if value is not None:
            raise ValueError(f"minimize_fmincg: {name} is not supported, got {value!r}")
    if constraints:
        raise ValueError(f"minimize_fmincg: constraints are not supported, got {constraints!r}")

    def f(x: Vector, *a: Any) -> tuple[Any, ArrayLike]:
        return fun(x, *a), jac(x, *a)

    return fmincg(f, x0, maxiter=maxiter, args=tuple(args), callback=callback, verbose=disp)


def _first_step(gg: float) -> float:
    """First trial step: a unit-length step, but never more than a = 1."""
    return min(1.0, 1.0 / math.sqrt(gg))


class _Point(NamedTuple):
    """A trial point of the line search: step a, x = X + a d, cost f, gradient g, slope g @ d.

    Octave twin: point in fmincg.m (a struct, a value like this tuple).
    """

    a: float
    x: Vector
    f: float
    g: Vector
    dphi: float


class _LineSearch(NamedTuple):
    """What the line search returns: the best point's a, x, f, g and how it went.

    ``ok``: that point meets the strong Wolfe conditions; ``nev``: calls to f;
    ``nfinite``: calls that gave a finite cost and gradient.
    """

    ok: bool
    a: float
    x: Vector
    f: float
    g: Vector
    nev: int
    nfinite: int


def _line_search(
    fun: Callable[[Vector], tuple[float, Vector]],
    X: Vector,
    d: Vector,
    f0: float,
    g0: Vector,
    dphi0: float,
    a: float,
) -> _LineSearch:
    """Strong Wolfe line search along d from X (N&W Algorithms 3.5 and 3.6).

    Each trial point is a `_Point`. lo is the best point so far that meets
    sufficient decrease (a = 0 at the start); once bracketed, the step that
    satisfies the strong Wolfe conditions lies between lo and hi (either
    order); prev is the lo before the last, for extrapolation. Octave twin:
    lineSearch in fmincg.m.
    """
    lo = _Point(0.0, X, f0, g0, dphi0)
    hi = _Point(0.0, X, math.nan, g0, math.nan)
    prev = lo
    bracketed = False
    ok = False
    nev = 0
    nfinite = 0
    while nev < MAXEV:
        xa = X + a * d
        fa, ga = fun(xa)
        nev = nev + 1
        if not (math.isfinite(fa) and bool(np.isfinite(ga).all())):
            bracketed = True
            hi = _Point(a, xa, math.nan, ga, math.nan)
        else:
            nfinite = nfinite + 1
            dphia = float(np.dot(ga, d))
            if fa > f0 + C1 * a * dphi0 or fa >= lo.f:
                bracketed = True
                hi = _Point(a, xa, fa, ga, dphia)
            elif abs(dphia) <= -C2 * dphi0:
                ok = True
                lo = _Point(a, xa, fa, ga, dphia)
                break
            else:
                prev = lo
                if bracketed:
                    if dphia * (hi.a - lo.a) >= 0:
                        hi = lo
                elif dphia >= 0:
                    bracketed = True
                    hi = lo
                lo = _Point(a, xa, fa, ga, dphia)
        if bracketed:
            w = hi.a - lo.a
            t = 0.5
            if math.isfinite(hi.f):
                aNew = _cubic_min(lo.a, lo.f, lo.dphi, hi.a, hi.f, hi.dphi)
                if not math.isfinite(aNew):
                    aNew = _quad_min(lo.a, lo.f, lo.dphi, hi.a, hi.f)
                if w != 0:
                    t = (aNew - lo.a) / w
                if not math.isfinite(t):
                    t = 0.5
                t = min(max(t, SAFE), 1 - SAFE)
            a = lo.a + t * w
            if a == lo.a or a == hi.a:
                break
        else:
            aNew = _cubic_min(prev.a, prev.f, prev.dphi, lo.a, lo.f, lo.dphi)
            if not math.isfinite(aNew) or aNew <= lo.a:
                a = EXT * lo.a
            else:
                a = min(max(aNew, MINEXT * lo.a), EXT * lo.a)
    return _LineSearch(ok, lo.a, lo.x, lo.f, lo.g, nev, nfinite)


def _cubic_min(a0: float, f0: float, d0: float, a1: float, f1: float, d1: float) -> float:
    """Minimizer of the cubic through (a0, f0, slope d0) and (a1, f1, slope d1).

    N&W eq. (3.59); NaN when it does not exist. Octave twin: cubicMin.
    """
    if a1 == a0:
        return math.nan
    theta1 = d0 + d1 - 3 * (f0 - f1) / (a0 - a1)
    rad = theta1 * theta1 - d0 * d1
    if not (rad >= 0):
        return math.nan
    theta2 = math.sqrt(rad)
    if a1 < a0:
        theta2 = -theta2
    den = d1 - d0 + 2 * theta2
    if den == 0:
        return math.nan
    return a1 - (a1 - a0) * ((d1 + theta2 - theta1) / den)


def _quad_min(a0: float, f0: float, d0: float, a1: float, f1: float) -> float:
    """Minimizer of the quadratic through (a0, f0, slope d0) and (a1, f1).

    NaN when the quadratic is not convex. Octave twin: quadMin.
    """
    h = a1 - a0
    den = 2 * (f1 - f0 - d0 * h)
    if not (den > 0):
        return math.nan
    return a0 - d0 * h * h / den


def _evaluate(
    f: Callable[..., tuple[Any, ArrayLike]], x: Vector, args: tuple[Any, ...], n: int,
    dtype: type | np.dtype = np.float64,
) -> tuple[float, Vector]:
    """Call f and check what it returns; the gradient comes back as `dtype` (x0's).

    Octave twin: evaluate."""
    out = f(x, *args)
    if not (isinstance(out, (tuple, list)) and len(out) == 2):
        # Octave's twin says the same of a function with one output (or none).
        count = len(out) if isinstance(out, tuple) else 0 if out is None else 1
        got = {0: "no output", 1: "one output"}.get(count, f"{count} outputs")
        raise TypeError(
            f"fmincg: f must return two outputs, the cost J and its gradient, got {got}"
        )
    J, grad = out
    Jarr = np.asarray(J)
    if (
        Jarr.size != 1
        or not (np.issubdtype(Jarr.dtype, np.number) or np.issubdtype(Jarr.dtype, np.bool_))
        or np.iscomplexobj(Jarr)
    ):
        raise ValueError(
            f"fmincg: f must return a real scalar cost J, got {Jarr.dtype} of shape {Jarr.shape}"
        )
    garr = np.asarray(grad)
    if (
        garr.size != n
        or not (np.issubdtype(garr.dtype, np.number) or np.issubdtype(garr.dtype, np.bool_))
        or np.iscomplexobj(garr)
    ):
        raise ValueError(
            f"fmincg: f must return a real gradient with {n} elements (one per element of x0), "
            f"got {garr.dtype} of shape {garr.shape}"
        )
    return float(Jarr.reshape(-1)[0]), np.array(garr, dtype=dtype).reshape(-1)


def _check_x0(x0: ArrayLike) -> Vector:
    """A non-empty finite real vector (1-D, scalar or one row/column); returns a 1-D copy.

    float64, or float32 when `x0` is float32: the iterates, directions and
    gradients then stay in float32, as Octave's fmincg keeps a single x0
    single (the line search's scalars are Python floats in both cases).
    """
    single = isinstance(x0, np.ndarray) and x0.dtype == np.float32
    arr = as_float_array(x0, "x0", "fmincg", rule="a non-empty real vector",
                         dtype=np.float32 if single else np.float64)
    if arr.size == 0 or not (arr.ndim <= 1 or (arr.ndim == 2 and 1 in arr.shape)):
        raise ValueError(
            f"fmincg: x0 must be a non-empty real vector, got an array of shape {arr.shape}"
        )
    X = np.array(arr).reshape(-1)
    check_finite(X, "x0", "fmincg")
    return X


