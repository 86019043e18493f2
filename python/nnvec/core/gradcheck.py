"""Numerical gradient by central differences, and the course's gradient check.

Octave twins: ``computeNumericalGradient.m``, ``checkNNGradients.m``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

from .conventions import check_first_label, check_order, reorder_params
from .cost import nn_cost
from .init import debug_initialize_weights
from .messages import describe_value, format_shape
from .params import param_shapes, unroll_params
from .validate import check_dtype, check_int, check_lambda, check_layer_sizes

__all__ = [
    "STEPS",
    "TOLERANCES",
    "call_cost_function",
    "check_cost_function",
    "check_nn_gradients",
    "compute_numerical_gradient",
    "cost_of_function",
]

#: The central-difference step of ``check_nn_gradients`` by dtype: the
#: course's 1e-4, and 1e-3 in float32 (see its Notes).
STEPS = {"float64": 1e-4, "float32": 1e-3}

#: The largest relative difference a correct backprop gives, by dtype
#: (round-off is ~1e-11 in float64; see ``check_nn_gradients``' Notes for float32).
TOLERANCES = {"float64": 1e-9, "float32": 5e-3}


def compute_numerical_gradient(
    J: Callable[[NDArray[np.float64]], object], theta: ArrayLike, e: float = 1e-4
) -> NDArray[np.float64]:
    """Central differences ``(J(theta + e u_i) - J(theta - e u_i)) / (2 e)`` for every i.

    Parameters
    ----------
    J : callable
        ``J(theta)`` returning the cost, or a tuple whose first item is the cost.
    theta : array_like of shape (N,)
    e : float, default 1e-4
        The course's step.

    Returns
    -------
    numgrad : ndarray of shape (N,)

    See Also
    --------
    computeNumericalGradient.m : the Octave twin.
    """
    if not callable(J):
        raise TypeError(f"compute_numerical_gradient: J must be callable, got {J!r}")
    theta = np.array(theta, dtype=np.float64).reshape(-1)
    numgrad = np.zeros_like(theta)
    perturb = np.zeros_like(theta)
    for i in range(theta.size):
        perturb[i] = e
        loss1 = _cost_only(J(theta - perturb))
        loss2 = _cost_only(J(theta + perturb))
        numgrad[i] = (loss2 - loss1) / (2 * e)
        perturb[i] = 0.0
    return numgrad


def check_nn_gradients(
    cost_function: Callable | float | None = None,
    lambda_: float = 0.0,
    *,
    layer_sizes: Sequence[int] = (3, 5, 3),
    m: int = 5,
    order: str = "F",
    first_label: int = 1,
    activation: str = "sigmoid",
    output: str = "sigmoid",
    verbose: bool = True,
    dtype: DTypeLike = np.float64,
) -> float:
    """Compare a backprop gradient with the numerical gradient on the course's small network.

    Parameters
    ----------
    cost_function : callable or None, default None
        The function to check, with the course's signature
        ``cost_function(nn_params, input_layer_size, hidden_layer_size,
        num_labels, X, y, lambda_) -> (J, grad)`` (a student's
        ``nn_cost_function``). None checks nnvec's own backprop (``nn_cost``,
        any depth, with `activation` and `output`). A number here is read as
        `lambda_`, as the course's ``checkNNGradients(lambda)``.
    lambda_ : float, default 0.0
    layer_sizes : sequence of int, default (3, 5, 3)
        Three sizes when `cost_function` is given.
    m : int, default 5
    order : {'F', 'C'}, default 'F'
        How `cost_function` unrolls its parameters and gradient: column by
        column (the course's) or row by row (the Python port's).
    first_label : {1, 0}, default 1
        The labels `cost_function` expects: 1..K (the course's) or 0..K-1.
    verbose : bool, default True
        Print the two gradients side by side, the difference and a verdict.
    dtype : {'float64', 'float32'}, default 'float64'
        What the cost computes in (``nn_cost``'s dtype; a `cost_function`
        gets X and the parameters in it). float32 takes a step of 1e-3 and
        the tolerance `TOLERANCES` ``['float32']`` (Notes).

    Returns
    -------
    diff : float
        ``norm(numgrad - grad) / norm(numgrad + grad)``; below 1e-9 when backprop is
        right (below 5e-3 in float32).

    Notes
    -----
    The course's set-up, generalized to any depth: ``Theta_l =
    debug_initialize_weights(s_{l+1}, s_l)``, ``X = debug_initialize_weights(m, s_1 - 1)``,
    ``y = 1 + mod(1:m, K)``, then re-read in the function's convention
    (`order`, `first_label`) before it is called. The difference does not
    depend on the order of the parameters, so it is the same in either.

    float32. A central difference carries a rounding error of about
    ``u |J| / e`` per entry (unit roundoff ``u``: 1.1e-16 in float64, 6e-8 in
    float32) besides its truncation error of order ``e^2``. At the course's
    step 1e-4 float32's rounding part alone is about 1e-3 |J| per entry, so
    float32 takes ``e = 1e-3``, which keeps the truncation part near 1e-6
    and, on these small weights, stays clear of ReLU's kink (larger steps
    cross it). The differences a correct float32 backprop gives here are
    then 4e-4 to 9e-4 (every activation and output, three and four layers);
    the float32 tolerance, 5e-3, leaves a factor of five above them, and a
    wrong gradient (a missing term, a bias regularized) differs by orders of
    magnitude more.

    Examples
    --------
    >>> from nnvec import nn_cost_function
    >>> check_nn_gradients(nn_cost_function, 3.0, verbose=False) < 1e-9
    True

    See Also
    --------
    checkNNGradients.m : the Octave twin.
    """
    fname = "check_nn_gradients"
    if _is_number(cost_function):  # the course's form: checkNNGradients(lambda)
        if lambda_ != 0.0:
            raise TypeError(f"{fname}: a number first is lambda_ (the course's "
                            "checkNNGradients(lambda)); give a cost function first to pass "
                            f"lambda_ as well, got {describe_value(cost_function)} and "
                            f"{describe_value(lambda_)}")
        cost_function, lambda_ = None, cost_function  # type: ignore[assignment]
    if cost_function is not None:
        check_cost_function(cost_function, None, fname)
    order = check_order(order, fname)
    first_label = check_first_label(first_label, fname)
    lambda_ = check_lambda(lambda_, fname)
    sizes = check_layer_sizes(layer_sizes, fname)
    m = check_int(m, "m", fname)
    if cost_function is not None:
        check_cost_function(cost_function, sizes, fname)
    Thetas = [debug_initialize_weights(r, c - 1) for r, c in param_shapes(sizes)]
    X = debug_initialize_weights(m, sizes[0] - 1)
    y = 1 + np.mod(np.arange(1, m + 1), sizes[-1])
    nn_params = reorder_params(unroll_params(Thetas), sizes, "F", order)
    y = y - 1 + first_label

    dt = check_dtype(dtype, fname)
    X = X.astype(dt)
    if cost_function is None:
        def cost(p: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
            return nn_cost(p.astype(dt), sizes, X, y, lambda_, activation=activation,
                           output=output, order=order, first_label=first_label, dtype=dt)
    else:
        def cost(p: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
            return call_cost_function(cost_function, p.astype(dt), sizes, X, y, lambda_, fname)

    _, grad = cost(nn_params)
    grad = np.asarray(grad, dtype=np.float64)
    numgrad = compute_numerical_gradient(cost, nn_params, STEPS[dt.name])
    diff = float(np.linalg.norm(numgrad - grad) / np.linalg.norm(numgrad + grad))
    if verbose:
        for a, b in zip(numgrad, grad, strict=True):
            print(f"{a:10.6f} {b:10.6f}")
        print("One row per parameter: central differences on the left, backprop on\n"
              "the right. Where backprop is right, the two agree in every digit shown.\n")
        where = "" if dt.name == "float64" else f" in {dt.name}"
        print(f"norm(left - right) / norm(left + right) = {diff:g}\n"
              f"(below {_short(TOLERANCES[dt.name])} for a correct backprop{where}; "
              "a mistake gives a far larger number)")
        print(_verdict(diff, fname, TOLERANCES[dt.name]))
    return diff


def _verdict(diff: float, fname: str, tolerance: float = TOLERANCES["float64"]) -> str:
    """The line saying whether backprop agrees; the same text as Octave's (NaN disagrees)."""
    word = "agrees" if diff < tolerance else "disagrees"
    return (f"{fname}: the backprop gradient {word} with the numerical gradient: "
            f"relative difference {diff:g} (want < {_short(tolerance)})")


def _short(x: float) -> str:
    """1e-9, 5e-3: the tolerance as Octave's message writes it (not Python's 1e-09)."""
    return np.format_float_scientific(x, trim="-", exp_digits=1)


def _is_number(v: object) -> bool:
    return isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(
        v, (bool, np.bool_))


def _function_name(f: object) -> str:
    return getattr(f, "__name__", None) or type(f).__name__


def check_cost_function(f: object, sizes: Sequence[int] | None, fname: str) -> Callable:
    """`f` as a student's cost function: callable, and for a network of 3 layer sizes.

    Raises a TypeError (not callable) or a ValueError (`sizes` given and not
    three sizes) naming `fname`, the rule and the value received; the same
    rule for every function that takes a `cost_function`.
    """
    if not callable(f):
        raise TypeError(f"{fname}: cost_function must be callable with the signature "
                        "(nn_params, input_layer_size, hidden_layer_size, num_labels, X, y, "
                        f"lambda_) -> (J, grad), got {describe_value(f)}")
    if sizes is not None and len(sizes) != 3:
        raise ValueError(f"{fname}: layer_sizes must hold 3 sizes when cost_function is given "
                         f"(input, hidden, output), got {describe_value(list(sizes))}")
    return f


def call_cost_function(f: Callable, p: NDArray[np.float64], sizes: Sequence[int],
                       X: NDArray[np.float64], y: NDArray, lambda_: float,
                       fname: str) -> tuple[float, NDArray[np.float64]]:
    """``f(p, s1, s2, K, X, y, lambda_)``, the course's call order (the port's too), checked.

    Parameters
    ----------
    f : callable
        A cost function with the course's signature ``(nn_params,
        input_layer_size, hidden_layer_size, num_labels, X, y, lambda_) -> (J, grad)``.
    p : ndarray of shape (N,)
        Parameters in `f`'s own order; `p`, `X` and `y` are passed as copies,
        so a function that writes into its arguments changes nothing here.
    sizes : [s1, s2, K]
    X, y, lambda_
        In `f`'s convention.
    fname : str
        The caller, for error messages.

    Returns
    -------
    J : float
    grad : ndarray of shape (N,), float64
        ValueError naming `fname` and `f` unless `f` returned (a number, N numbers).

    See Also
    --------
    checkedCostCall.m : the Octave twin (``octave/private/``).
    """
    out = f(p.copy(), sizes[0], sizes[1], sizes[2], X.copy(), y.copy(), lambda_)
    rule = (f"{fname}: cost_function {_function_name(f)} must return (J, grad) with J a "
            f"number and grad {p.size} numbers (one per parameter)")
    if not (isinstance(out, (tuple, list)) and len(out) == 2):
        raise ValueError(f"{rule}, got {_describe_return(out)}")
    J = np.asarray(out[0])
    grad = np.asarray(out[1])
    if J.size != 1 or not np.issubdtype(J.dtype, np.number):
        raise ValueError(f"{rule}, got J = {describe_value(out[0])}")
    if grad.size != p.size or not np.issubdtype(grad.dtype, np.number):
        raise ValueError(f"{rule}, got grad of shape {format_shape(grad.shape)}")
    return float(J.reshape(-1)[0]), grad.astype(np.float64).reshape(-1)


def _describe_return(out: object) -> str:
    if isinstance(out, (tuple, list)):
        return f"a {type(out).__name__} of {len(out)} items"
    return describe_value(out)


def _cost_only(value: object) -> float:
    if isinstance(value, tuple):
        value = value[0]
    return float(value)  # type: ignore[arg-type]


def cost_of_function(
    f: Callable, sizes: Sequence[int], X: NDArray[np.float64], y: ArrayLike, lambda_: float,
    *, order: str = "F", first_label: int = 1, fname: str = "cost_of_function",
) -> Callable[[ArrayLike], tuple[float, NDArray[np.float64]]]:
    """A student's `f` as a cost ``p -> (J, grad)`` in nnvec's layout (column-major, 1..K).

    Parameters
    ----------
    f : callable
        The course's signature (see ``call_cost_function``), in the convention
        (`order`, `first_label`) it was written for.
    sizes : [s1, s2, K]
    X : ndarray of shape (m, s1)
    y : array_like of shape (m,)
        Labels 1..K (the course's, validated); `f` receives them as integers
        (int64) numbered from `first_label`.
    lambda_ : float
    order, first_label
        `f`'s convention: ``'F'``, 1 (the course's) or ``'C'``, 0 (the Python port's).

    Returns
    -------
    cost : callable
        ``cost(p)`` with `p` column-major: re-read in `order`, passed to `f`
        through ``call_cost_function``, its gradient re-read back; so an
        optimizer runs in nnvec's layout whatever `f`'s (``nnvec.train``).
    """
    sizes = list(sizes)
    # integers, as the gradient check gives them: a student may index with them
    y_f = np.asarray(y, dtype=np.float64).reshape(-1).astype(np.int64) - 1 + first_label

    def cost(p: ArrayLike) -> tuple[float, NDArray[np.float64]]:
        q = reorder_params(p, sizes, "F", order)
        J, grad = call_cost_function(f, q, sizes, X, y_f, lambda_, fname)
        return J, reorder_params(grad, sizes, order, "F")

    return cost
