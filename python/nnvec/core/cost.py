"""The regularized cost and its backprop gradient, for any depth: the fast path.

Octave twins: ``nnCost.m`` (any depth), ``nnCostFunction.m`` (the course's
three-layer signature), ``costAndGradient.m`` (the shared computation, whose
line-for-line Python twin is ``nnvec.core.reference``; this module computes the
same numbers with the examples along columns, into a reusable workspace).
"""

from __future__ import annotations

import copy
import itertools
import sys
import threading
import warnings
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray
from threadpoolctl import ThreadpoolController, threadpool_info

from .activations import ACTIVATIONS, DERIVATIVES, OUTPUTS, check_activation, check_output
from .conventions import cost_in_convention
from .params import param_shapes
from .validate import (
    check_dtype,
    check_finite,
    check_finite_cost,
    check_int,
    check_lambda,
    check_layer_sizes,
    check_memory,
    check_options,
    check_params,
    check_X,
    check_y,
)

__all__ = ["SMALL_PROBLEM", "NNCost", "SlowCallWarning", "Workspace", "add_regularization",
           "cost_and_gradient", "data_term", "nn_cost", "nn_cost_function", "one_hot"]


class SlowCallWarning(UserWarning):
    """``nn_cost`` called by a scipy optimizer: ``with NNCost(...) as f`` is many times faster."""


#: Whether every BLAS pool was found held at one thread (then the one-shot call
#: is not slow and nothing is said); looked up once, on the first such call.
_POOLS_HELD: list[bool] = []


def _warn_when_an_optimizer_calls(fname: str) -> None:
    """Say once, on the first call from scipy.optimize, how to make it fast."""
    caller = sys._getframe(2).f_globals.get("__name__", "")
    if not caller.startswith("scipy.optimize"):
        return
    if not _POOLS_HELD:
        _POOLS_HELD.append(all(p["num_threads"] == 1 for p in threadpool_info()))
    if not _POOLS_HELD[0]:
        warnings.warn(
            f"{fname}: called by scipy.optimize, each call validates X and y again while "
            "numpy's and scipy's BLAS pools spin against each other; "
            "`with NNCost(sizes, X, y, lambda_) as f: minimize(f, p0, jac=True, ...)` gives "
            "the same result many times faster", SlowCallWarning, stacklevel=3)

#: Problems with ``m * N`` (examples times parameters) below this run every
#: BLAS pool at one thread: in ``nnvec.train`` (see its Notes) and inside a
#: ``with NNCost(...)`` block.
SMALL_PROBLEM = 20_000_000


def nn_cost(
    nn_params: ArrayLike,
    layer_sizes: Sequence[int],
    X: ArrayLike,
    y: ArrayLike,
    lambda_: float = 0.0,
    *,
    activation: str = "sigmoid",
    output: str = "sigmoid",
    order: str = "F",
    first_label: int = 1,
    dtype: DTypeLike = np.float64,
) -> tuple[float, NDArray[np.floating]]:
    """Regularized cross-entropy cost and its gradient for a network of any depth.

    Parameters
    ----------
    nn_params : array_like of shape (N,) or (N, 1)
        Unrolled weights ``[Theta1(:); Theta2(:); ...]`` (column-major).
    layer_sizes : sequence of int
        ``[s1, s2, ..., sL]``: input size, hidden sizes, number of labels K.
    X : array_like of shape (m, s1)
        One example per row, no bias column.
    y : array_like of shape (m,) or (m, 1)
        Labels in 1..K (digit 0 is label 10).
    lambda_ : float, default 0.0
        L2 regularization strength, >= 0.
    activation : {'sigmoid', 'tanh', 'relu'}, default 'sigmoid'
        Hidden-layer activation (the course uses sigmoid).
    output : {'sigmoid', 'softmax'}, default 'sigmoid'
        Output layer: K independent sigmoids with the course's cross-entropy,
        or a softmax with multi-class cross-entropy.
    order : {'F', 'C'}, default 'F'
        How `nn_params` and the returned gradient are unrolled: column by
        column (the course's ``Theta(:)``) or row by row (``Theta.ravel()``,
        the Python port's). See `nnvec.core.conventions`.
    first_label : {1, 0}, default 1
        Labels run 1..K (the course's) or 0..K-1 (the Python port's).
    dtype : {'float64', 'float32'}, default 'float64'
        The type X, the parameters and every step of the evaluation are
        computed in (see `NNCost`); the gradient is returned in it.

    Returns
    -------
    J : float
        The cost.
    grad : ndarray of shape (N,)
        dJ/dnn_params, unrolled like `nn_params` (in `order`).

    Raises
    ------
    ValueError, TypeError
        On bad input; the message names the rule and the value received.

    Notes
    -----
    With ``Y`` the one-hot m x K label matrix and ``z = z_L``, the sigmoid output cost is
    ``J = 1/m sum(-Y log h - (1-Y) log(1-h))``, evaluated in the stable form
    ``1/m sum(max(z, 0) - Y .* z + log1p(exp(-|z|)))`` so that it stays finite
    when units saturate. The softmax cost is ``-1/m sum(Y .* log_softmax(z))``.
    Both add ``lambda/(2m) sum_l sum(Theta_l(:, 2:end).^2)``. Backprop starts from
    ``delta_L = h - Y`` and loops over layers only, never over examples.

    Each call validates X and y again and builds a new workspace. To minimize
    it, build the cost once with `NNCost` and minimize that inside its
    ``with`` block, which holds every BLAS pool at the thread count
    ``nnvec.train`` would use (one thread on small problems)::

        with NNCost(sizes, X, y, lam) as cost:
            res = scipy.optimize.minimize(cost, p0, jac=True, method="L-BFGS-B")

    ``minimize(nn_cost, p0, jac=True, args=(sizes, X, y, lam))`` gives the
    same result, but numpy's and scipy's OpenBLAS pools, both left at their
    default thread counts, spin against each other between calls: on a small
    problem that is many times slower (``make bench``, section ``threads``),
    and the first such call warns (`SlowCallWarning`) unless every BLAS pool
    is already held at one thread.

    See Also
    --------
    nnCost.m : the Octave twin.
    nn_cost_function : the course's three-layer signature.
    NNCost : the same, validated once for repeated calls (training).
    """
    _warn_when_an_optimizer_calls("nn_cost")

    def cost(p: ArrayLike, labels: ArrayLike) -> tuple[float, NDArray[np.float64]]:
        J, grad = NNCost(layer_sizes, X, labels, lambda_, activation=activation, output=output,
                         dtype=dtype, fname="nn_cost")(p)
        check_finite_cost(J, grad, "nn_cost")
        return J, grad

    return cost_in_convention(cost, nn_params, layer_sizes, y, order, first_label, "nn_cost")


def nn_cost_function(
    nn_params: ArrayLike,
    input_layer_size: int,
    hidden_layer_size: int,
    num_labels: int,
    X: ArrayLike,
    y: ArrayLike,
    lambda_: float = 0.0,
    *,
    order: str = "F",
    first_label: int = 1,
) -> tuple[float, NDArray[np.float64]]:
    """The course's three-layer cost: ``nn_cost`` with ``[input, hidden, num_labels]``.

    ``order="C", first_label=0`` take parameters, gradient and labels as the
    Python port of the course lays them out (see `nn_cost`).

    See Also
    --------
    nnCostFunction.m : the Octave twin.
    nn_cost : any depth, with options.

    Examples
    --------
    The course's grader inputs in the Python port's convention (its ``t``
    unrolled row by row, its labels ``arange(1, 17) % 4``) give the course's J:

    >>> t1 = np.sin(np.arange(1, 24, 2).reshape((4, 3), order="F"))
    >>> t2 = np.cos(np.arange(1, 40, 2).reshape((4, 5), order="F"))
    >>> Xm = np.sin(np.arange(1, 33)).reshape((16, 2), order="F") / 5
    >>> J, grad = nn_cost_function(np.concatenate([t1.ravel(), t2.ravel()]), 2, 4, 4, Xm,
    ...                            np.arange(1, 17) % 4, 1.5, order="C", first_label=0)
    >>> print(f"{J:.5f}")
    3.64704
    """
    sizes = [input_layer_size, hidden_layer_size, num_labels]

    def cost(p: ArrayLike, labels: ArrayLike) -> tuple[float, NDArray[np.float64]]:
        J, grad = NNCost(sizes, X, labels, lambda_, fname="nn_cost_function")(p)
        check_finite_cost(J, grad, "nn_cost_function")
        return J, grad

    return cost_in_convention(cost, nn_params, sizes, y, order, first_label, "nn_cost_function")


class NNCost:
    """``p -> (J, grad)`` for fixed data, validated once: what an optimizer calls.

    ``NNCost(sizes, X, y, lam)(p)`` equals ``nn_cost(p, sizes, X, y, lam)``
    exactly (same code); the data checks, the one-hot label matrix and the
    buffers of the evaluation (a `Workspace`) are made once, here, instead of
    on every call, so a training run allocates almost nothing per evaluation.
    X is not copied when it is already a C-ordered array of `dtype`.

    Parameters
    ----------
    layer_sizes, X, y, lambda_, activation, output
        As for `nn_cost`.
    dtype : {'float64', 'float32'}, default 'float64'
        The type of X, of the workspace and of every step of the evaluation:
        the parameters are rounded to it on each call and the gradient is
        returned in it (J is a Python float either way). float32 halves the
        memory traffic and runs the products through single-precision GEMM;
        its results agree with float64 to about 1e-6 relative (Notes).
    workers : int, default 1
        Threads evaluating the data term in parallel. With ``workers = k > 1``
        the examples are cut into k contiguous blocks of rows of X (views, no
        copy), each block runs the same vectorized forward and backward pass
        in its own thread with its own `Workspace`, and the k partial sums of
        the cost and the gradient are added before dividing by m. Every BLAS
        pool is held at one thread during the call, so the cores are not
        oversubscribed. The result equals ``workers=1`` up to rounding (the
        sums are added in another order: a relative difference of about
        1e-15). Worth it on large problems, where the elementwise work of
        each block runs on its own core too; not on small ones, where handing
        work to a thread costs more than it saves; ``nnvec.train`` picks by
        problem size (``make bench`` and bench/README.md: the measurements).
        Hold the BLAS pools at one thread around a loop of calls, as
        ``nnvec.train`` does and a ``with`` block does (Notes): otherwise
        each call restores them on return, and the OpenBLAS thread that
        wakes up spins against the next call's workers.
    fname : str
        The function name error messages start with.

    Notes
    -----
    Threads. One ``NNCost`` may be shared between threads: the workspace
    buffers are reused by every call, so a lock held for the whole
    evaluation lets one call at a time use them, and concurrent calls give
    exactly the numbers of the same calls made one after the other (they
    wait for each other; for parallel evaluations give each thread its own
    ``NNCost``, or use ``workers``). The returned gradient is a new array on
    every call, never a buffer of the workspace.

    Resources. With ``workers > 1`` the object holds a thread pool: release it
    with ``close()`` or a ``with NNCost(...) as cost:`` block (``nnvec.train``
    does). A closed ``NNCost`` refuses further calls; ``close()`` may be
    called more than once.

    The ``with`` block also holds the BLAS thread pools the way ``nnvec.train``
    does, for the whole block (threadpoolctl, restored on leaving it): every
    pool at one thread when ``m * N < SMALL_PROBLEM`` or ``workers > 1``,
    untouched otherwise. Minimize the cost inside it::

        with NNCost(sizes, X, y, lam) as cost:
            res = scipy.optimize.minimize(cost, p0, jac=True, method="L-BFGS-B")

    numpy and scipy each bundle an OpenBLAS with its own pool; left at their
    default thread counts, the idle pool's threads spin against the busy one
    between the optimizer's steps and the cost's, which on small problems
    takes many times the evaluation itself (``make bench``: ``threads``,
    ``cost``). The limits are process-wide while the block runs.

    float32. Rounding errors grow to about ``1e-7 * sqrt(terms)`` relative in
    each sum, so J and the gradient agree with float64 to about 1e-6 relative
    at the course's sizes; the stable forms (log-sigmoid, the shifted
    softmax) keep the cost finite where the textbook form overflows, in
    float32 as in float64. A central-difference gradient check needs a
    larger step and tolerance in float32 (``check_nn_gradients``).
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        X: ArrayLike,
        y: ArrayLike,
        lambda_: float = 0.0,
        *,
        activation: str = "sigmoid",
        output: str = "sigmoid",
        workers: int = 1,
        dtype: DTypeLike = np.float64,
        fname: str = "NNCost",
    ) -> None:
        self.fname = fname
        self.layer_sizes = check_layer_sizes(layer_sizes, fname)
        check_options(activation, output, fname)
        self.activation = activation
        self.output = output
        self.dtype = check_dtype(dtype, fname)
        # The memory check before X is converted (its copies counted), so a huge
        # int8, Fortran-ordered or broadcast X is refused before any allocation.
        shape = getattr(X, "shape", None)
        if shape is not None and len(shape) == 2:
            check_memory(self.layer_sizes, shape[0], fname, X=X)
        self.X = np.ascontiguousarray(check_X(X, self.layer_sizes[0], fname, dtype=self.dtype))
        if shape is None or len(shape) != 2:  # a list: checked once it is an array
            check_memory(self.layer_sizes, self.X.shape[0], fname, X=self.X)
        labels = check_y(y, self.X.shape[0], self.layer_sizes[-1], fname)
        # One-hot labels stored K x m, the workspace's layout; self.Y is its m x K view.
        # Booleans (1 byte each): the evaluation only selects and subtracts with them.
        self.Y = np.ascontiguousarray(one_hot(labels, self.layer_sizes[-1], dtype=bool).T).T
        self.lambda_ = check_lambda(lambda_, fname)
        # Where each Theta_l sits in the unrolled vector, worked out once: each
        # call slices the parameters by it instead of validating the sizes again.
        self.slots = param_slots(self.layer_sizes)
        self.size = self.slots[-1][1]
        self._split(check_int(workers, "workers", fname))

    def with_workers(self, workers: int) -> NNCost:
        """The same cost (data already validated) evaluated by `workers` threads."""
        other = copy.copy(self)
        other._split(check_int(workers, "workers", self.fname))
        return other

    def _split(self, workers: int) -> None:
        m = self.X.shape[0]
        if workers > m:
            raise ValueError(f"{self.fname}: workers must be at most the number of examples "
                             f"{m}, got {workers}")
        self.workers = workers
        # Block k holds examples cuts[k] .. cuts[k+1]-1: rows of X and Y, no copies.
        cuts = [m * k // workers for k in range(workers + 1)]
        self.blocks = [(self.X[a:b], Workspace(self.layer_sizes, self.Y[a:b], self.dtype))
                       for a, b in itertools.pairwise(cuts)]
        self.workspace = self.blocks[0][1]
        self._pool = ThreadPoolExecutor(workers) if workers > 1 else None
        self._blas = ThreadpoolController().select(user_api="blas") if workers > 1 else None
        # Guards the workspaces: one evaluation at a time (see Notes).
        self._lock = threading.Lock()
        self._held: list = []  # the thread limits of the with-blocks entered (see Notes)
        self._closed = False

    def close(self) -> None:
        """Shut the worker threads down (if any); later calls raise ValueError."""
        with self._lock:
            self._closed = True
            if self._pool is not None:
                self._pool.shutdown(wait=True)

    def __enter__(self) -> NNCost:
        """Hold the BLAS pools for the block (see Notes); `close` on leaving it."""
        limits = ThreadpoolController().limit(limits=1) if self.holds_one_thread() else None
        self._held.append(limits)
        return self

    def __exit__(self, *exc_info: object) -> None:
        limits = self._held.pop() if self._held else None
        try:
            self.close()
        finally:
            if limits is not None:
                limits.restore_original_limits()

    def holds_one_thread(self) -> bool:
        """Whether a ``with`` block holds every BLAS pool at one thread (``nnvec.train``'s rule)."""
        return self.workers > 1 or self.X.shape[0] * self.size < SMALL_PROBLEM

    def __call__(self, nn_params: ArrayLike) -> tuple[float, NDArray[np.floating]]:
        # An optimizer passes a 1-D array of the right length and type on every
        # call: only its values are checked then; anything else goes through the
        # full check (and is converted to self.dtype).
        if (type(nn_params) is np.ndarray and nn_params.dtype == self.dtype
                and nn_params.shape == (self.size,)):
            p = nn_params
            check_finite(p, "nn_params", self.fname)
        else:
            p = check_params(nn_params, self.layer_sizes, self.fname, dtype=self.dtype)
        Thetas = [p[a:b].reshape(shape, order="F") for a, b, shape in self.slots]
        with self._lock:
            if self._closed:
                raise ValueError(f"{self.fname}: this NNCost is closed (close() was called)")
            return self._evaluate(Thetas)

    def _evaluate(self, Thetas: list[NDArray[np.floating]]) -> tuple[float, NDArray[np.floating]]:
        """One evaluation on the workspaces; the caller holds the lock."""
        if self._pool is None:
            # cost_and_gradient's two steps, without checking the names again
            ws = self.workspace
            grad = np.empty(ws.size, dtype=ws.dtype)
            J = data_term(Thetas, self.X, self.activation, self.output, ws, grad)
            return add_regularization(J, grad, Thetas, self.X.shape[0], self.lambda_)

        def block(k: int) -> tuple[float, NDArray[np.floating]]:
            Xk, ws = self.blocks[k]
            grad = np.empty(ws.size, dtype=ws.dtype)
            return data_term(Thetas, Xk, self.activation, self.output, ws, grad), grad

        with self._blas.limit(limits=1):
            parts = list(self._pool.map(block, range(self.workers)))
        J, grad = parts[0]
        for Jk, gk in parts[1:]:
            J += Jk
            grad += gk
        return add_regularization(J, grad, Thetas, self.X.shape[0], self.lambda_)


def param_slots(layer_sizes: Sequence[int]) -> list[tuple[int, int, tuple[int, int]]]:
    """``(start, stop, shape)`` of each Theta_l in the unrolled vector (sizes already checked)."""
    slots, start = [], 0
    for rows, cols in param_shapes(layer_sizes):
        slots.append((start, start + rows * cols, (rows, cols)))
        start += rows * cols
    return slots


def one_hot(labels: NDArray[np.intp], num_labels: int,
            dtype: type = np.float64) -> NDArray:
    """m x K matrix with ``Y[i, k-1] = 1`` where ``labels[i] == k`` (Octave: ``eye(K)(y, :)``)."""
    Y = np.zeros((labels.size, num_labels), dtype=dtype)
    Y[np.arange(labels.size), labels - 1] = 1
    return Y


class Workspace:
    """The buffers of one evaluation, allocated once and reused (see `NNCost`).

    Parameters
    ----------
    layer_sizes : sequence of int
        ``[s1, ..., sL]``.
    Y : ndarray of shape (m, K)
        The one-hot labels the evaluations will use.
    dtype : float64 or float32, default float64
        The type of every buffer (that of X and the parameters).

    Attributes
    ----------
    A : list of ndarray
        ``A[l]`` of shape ``(s_{l+2}, m)``: hidden activations, examples along
        columns. Backprop, once done with one, writes the product
        ``Theta(:, 2:end)' delta`` over it.
    D : list of ndarray
        ``D[l]`` of shape ``(s_{l+2}, m)``: ``g'(a)``, then the hidden errors ``delta'``.
    z, t : ndarray of shape (K, m)
        Output pre-activation (then ``delta_L'``) and a scratch array (the
        first K rows of ``D[-1]`` when the last hidden layer has >= K units).
    YT : ndarray of bool, shape (K, m)
        ``Y'`` as booleans, contiguous (no copy when `Y` is already the
        transpose of a C-ordered boolean array, as `NNCost` passes it).
    G : list of ndarray
        ``G[l]`` of shape ``(s_{l+2}, s_{l+1})``: the non-bias gradient of
        ``Thetas[l]`` before it is copied into its slot of ``grad``.
    layer_sizes : list of int
        ``[s1, ..., sL]``.
    slots : list of (int, int, tuple)
        ``(start, stop, shape)`` of each Theta_l's slot in ``grad``.
    size : int
        N, the number of parameters (the length of ``grad``).

    Notes
    -----
    Memory: two hidden-sized arrays and an output-sized one (``z``), plus the
    labels at one byte per entry: just under twice the activations
    themselves; X is never copied. Octave has no ``out=`` and
    copies on write, so its twin ``costAndGradient.m`` has no workspace.
    """

    def __init__(self, layer_sizes: Sequence[int], Y: NDArray[np.float64],
                 dtype: DTypeLike = np.float64) -> None:
        m = Y.shape[0]
        self.m = m
        self.dtype = np.dtype(dtype)
        self.A = [np.empty((s, m), dtype=self.dtype) for s in layer_sizes[1:-1]]
        self.D = [np.empty((s, m), dtype=self.dtype) for s in layer_sizes[1:-1]]
        self.z = np.empty((layer_sizes[-1], m), dtype=self.dtype)
        K = layer_sizes[-1]
        if self.D and self.D[-1].shape[0] >= K:
            # Scratch of the output layer: rows of the last hidden delta buffer,
            # which backprop fills only after the output layer is done.
            self.t = self.D[-1][:K]
        else:
            self.t = np.empty((K, m), dtype=self.dtype)
        self.YT = np.ascontiguousarray(Y.T, dtype=bool)
        self.G = [np.empty((r, c - 1), dtype=self.dtype) for r, c in param_shapes(layer_sizes)]
        self.layer_sizes = list(layer_sizes)
        self.slots = param_slots(layer_sizes)
        self.size = self.slots[-1][1]


def cost_and_gradient(
    Thetas: Sequence[NDArray[np.float64]],
    X: NDArray[np.float64],
    Y: NDArray[np.float64],
    lambda_: float,
    activation: str = "sigmoid",
    output: str = "sigmoid",
    workspace: Workspace | None = None,
) -> tuple[float, NDArray[np.float64]]:
    """The computation behind ``nn_cost`` on validated inputs, the fast way.

    Octave: ``costAndGradient.m``; its readable twin is
    ``nnvec.core.reference.cost_and_gradient``, which this matches to rounding.

    Parameters
    ----------
    Thetas : sequence of ndarray
        ``Thetas[l]`` of shape ``(s_{l+2}, s_{l+1} + 1)``, bias in column 0.
    X : ndarray of shape (m, s1)
    Y : ndarray of shape (m, K)
        One-hot labels (0/1 numbers or booleans).
    lambda_ : float
    activation, output : str
        As for `nn_cost`.
    workspace : Workspace, optional
        Buffers made for these sizes and this `Y`, reused across calls; a new
        one is made when omitted.

    Returns
    -------
    J : float
    grad : ndarray of shape (N,)

    Notes
    -----
    ``data_term`` (the sums over the examples) followed by
    ``add_regularization`` (divide by m, add the L2 terms): `NNCost` with
    several workers runs the first on blocks of examples in parallel and adds
    the blocks' sums before the second.
    """
    check_activation(activation, "cost_and_gradient")
    check_output(output, "cost_and_gradient")
    if workspace is None:
        workspace = Workspace([X.shape[1]] + [T.shape[0] for T in Thetas], Y, X.dtype)
    grad = np.empty(workspace.size, dtype=workspace.dtype)
    J = data_term(Thetas, X, activation, output, workspace, grad)
    return add_regularization(J, grad, Thetas, X.shape[0], lambda_)


def data_term(
    Thetas: Sequence[NDArray[np.float64]],
    X: NDArray[np.float64],
    activation: str,
    output: str,
    ws: Workspace,
    grad: NDArray[np.float64],
) -> float:
    """Forward and backward pass: the cost and gradient summed over the examples of X.

    Returns ``sum_i cost_i`` (not yet divided by m, no regularization) and
    writes ``sum_i dcost_i/dp`` into `grad`, unrolled like the parameters;
    the labels are those `ws` was made with.

    Notes
    -----
    The formulas of `nn_cost` (read them in ``nnvec.core.reference``, the twin of
    ``costAndGradient.m``), computed with the examples along columns,
    ``a_{l+1}' = g(Theta_l(:, 2:end) a_l' + Theta_l(:, 1))``, so the big
    products are ``Theta1(:, 2:end) X'`` and ``delta2' X``, neither of which
    copies X (``X'`` is a view). This layout is the one whose products
    OpenBLAS ran faster on the machines measured; ``make bench`` times both
    layouts of every product, and bench/README.md keeps the findings.
    Every elementwise step writes into the workspace with ``out=``, through
    the same activation table (`nnvec.core.activations.ACTIVATIONS` and
    ``DERIVATIVES``) as the forward pass of predict and the reference.
    """
    g, g_prime = ACTIVATIONS[activation], DERIVATIVES[activation]
    z, t, YT = ws.z, ws.t, ws.YT

    # Forward: a_{l+1}' = g(Theta_l(:, 2:end) a_l' + Theta_l(:, 1)); a_1' = X'.
    A = [X.T, *ws.A]
    for l in range(len(Thetas) - 1):
        np.matmul(Thetas[l][:, 1:], A[l], out=A[l + 1])
        A[l + 1] += Thetas[l][:, :1]
        g(A[l + 1], out=A[l + 1])
    np.matmul(Thetas[-1][:, 1:], A[-1], out=z)
    z += Thetas[-1][:, :1]

    # Output layer: cost and delta_L = h - Y, written over z.
    J = OUTPUTS[output].cost_columns(z, t, YT)
    delta = z

    # Backprop: one step per layer, each gradient written into its slot of grad.
    Gs = [grad[a:b].reshape(shape, order="F") for a, b, shape in ws.slots]  # views of grad
    for l in range(len(Thetas) - 1, -1, -1):
        Theta, G = Thetas[l], Gs[l]
        np.sum(delta, axis=1, out=G[:, 0])
        np.matmul(delta, A[l].T, out=ws.G[l])
        G[:, 1:] = ws.G[l]
        if l > 0:
            # delta_l = (Theta_l(:, 2:end)' delta_{l+1}) .* g'(a_l): g'(a_l) into D,
            # the product over a_l, which nothing needs any more, then D times it.
            D = ws.D[l - 1]
            g_prime(A[l], out=D)
            np.matmul(Theta[:, 1:].T, delta, out=A[l])
            D *= A[l]
            delta = D
    return float(J)


def add_regularization(
    J: float,
    grad: NDArray[np.float64],
    Thetas: Sequence[NDArray[np.float64]],
    m: int,
    lambda_: float,
) -> tuple[float, NDArray[np.float64]]:
    """Sums over m examples to the regularized cost: ``J/m + lambda/(2m) sum Theta^2``.

    Divides `grad` by m and adds ``lambda/m Theta_l(:, 2:end)`` to the weight
    part of each slot, in place; the bias columns are not regularized.
    """
    grad /= m
    J = J / m
    start = 0
    for Theta in Thetas:  # each G a view of grad's slot for Theta (F order, as unrolled)
        G = grad[start:start + Theta.size].reshape(Theta.shape, order="F")
        G[:, 1:] += lambda_ / m * Theta[:, 1:]
        start += Theta.size
    for Theta in Thetas:
        J = J + lambda_ / (2 * m) * (Theta[:, 1:] ** 2).sum()
    return float(J), grad

