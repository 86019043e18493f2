"""Train a network: random start, one optimizer, the cost after every iteration.

Octave twin: ``trainNN.m`` (the methods of ``OCTAVE_METHODS``).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Mapping, Sequence

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray
from scipy.optimize import OptimizeResult, minimize
from threadpoolctl import ThreadpoolController

from ..core.conventions import (
    check_first_label,
    check_order,
    labels_to_course,
    reorder_params,
)
from ..core.cost import SMALL_PROBLEM, NNCost
from ..core.gradcheck import check_cost_function, cost_of_function
from ..core.init import rand_initialize_weights
from ..core.params import reshape_params, unroll_params
from ..core.validate import check_int, check_layer_sizes, check_memory, check_params
from .momentum import DEFAULT_LEARNING_RATE, DEFAULT_MOMENTUM, momentum_descent

__all__ = ["METHODS", "OCTAVE_METHODS", "SMALL_PROBLEM", "init_params", "train"]

#: Optimizers understood by ``train`` (matched case-insensitively).
METHODS = ("fmincg", "CG", "L-BFGS-B", "momentum")

#: The METHODS that Octave's ``trainNN.m`` runs too, as its ``Method`` option:
#: the names of its table ``private/methodTable.m``, in the same order
#: (``tests/test_tables.py`` checks both); CG and L-BFGS-B are scipy's.
OCTAVE_METHODS = ("fmincg", "momentum")


def init_params(
    layer_sizes: Sequence[int], rng: np.random.Generator | int | None = None
) -> NDArray[np.float64]:
    """Random start vector: ``rand_initialize_weights`` per layer, unrolled.

    Parameters
    ----------
    layer_sizes : sequence of int
        ``[s1, ..., sL]``.
    rng : numpy.random.Generator or int or None
        One generator draws every layer in turn, so a seed fixes the whole vector.

    Returns
    -------
    p0 : ndarray of shape (N,)
        ``[Theta1(:); Theta2(:); ...]``, each uniform in [-0.12, 0.12].

    See Also
    --------
    randInitializeWeights.m : the Octave generator (a different random stream:
        pass the Python vector to Octave to compare runs).
    """
    sizes = check_layer_sizes(layer_sizes, "init_params")
    check_memory(sizes, 0, "init_params")
    gen = np.random.default_rng(rng)
    return unroll_params([rand_initialize_weights(sizes[i], sizes[i + 1], rng=gen)
                          for i in range(len(sizes) - 1)])


def train(
    X: ArrayLike,
    y: ArrayLike,
    layer_sizes: Sequence[int],
    *,
    lambda_: float = 1.0,
    maxiter: int = 50,
    method: str = "fmincg",
    initial_params: ArrayLike | None = None,
    rng: np.random.Generator | int | None = None,
    callback: Callable[[NDArray[np.float64]], object] | None = None,
    verbose: bool = False,
    activation: str = "sigmoid",
    output: str = "sigmoid",
    learning_rate: float = DEFAULT_LEARNING_RATE,
    momentum: float = DEFAULT_MOMENTUM,
    threads: int | None = None,
    progress: Callable[[int, float], object] | None = None,
    order: str = "F",
    first_label: int = 1,
    cost_function: Callable | None = None,
    dtype: DTypeLike = np.float64,
) -> OptimizeResult:
    """Train a network of any depth on (X, y) and return the optimizer's result.

    Parameters
    ----------
    X : array_like of shape (m, s1)
        Training examples, one per row.
    y : array_like of shape (m,)
        Labels 1..K (digit 0 is label 10), or 0..K-1 with ``first_label=0``.
    layer_sizes : sequence of int
        ``[s1, hidden..., K]``, e.g. ``[64, 25, 10]``.
    lambda_ : float, default 1.0
        Regularization strength, >= 0. This and every option below are
        keyword-only: ``train(X, y, sizes, lambda_=1.0, maxiter=50)``.
    maxiter : int, default 50
        Iterations (>= 1). CG and L-BFGS-B may stop earlier on their own tolerances.
    method : {'fmincg', 'CG', 'L-BFGS-B', 'momentum'}, default 'fmincg'
        ``fmincg``: ``nnvec.fmincg``; ``CG`` / ``L-BFGS-B``:
        ``scipy.optimize.minimize(jac=True)``; ``momentum``: ``momentum_descent``.
    initial_params : array_like of shape (N,), optional
        Start vector, unrolled in `order`; by default ``init_params(layer_sizes, rng)``
        (drawn column-major, then re-read in `order`).
    rng : numpy.random.Generator or int or None
        Seed or generator for the random start (ignored with `initial_params`).
    callback : callable, optional
        ``callback(xk)`` after every iteration.
    verbose : bool, default False
        Print ``Iteration %4i | Cost: %4.6e`` after every iteration.
    activation, output : str
        As in ``nn_cost``.
    learning_rate, momentum : float
        Step size alpha (default 0.5) and coefficient mu (default 0.8) of the
        'momentum' method; ignored by the others.
    threads : int, optional
        Threads evaluating the cost in parallel (workers, each on a block of
        the examples, every BLAS pool at one thread); by default chosen by
        problem size (Notes).
    progress : callable, optional
        ``progress(iteration, cost)`` after every iteration (the CLI's live display).
    order : {'F', 'C'}, default 'F'
        How `initial_params`, ``res.x`` and ``res.x0`` are unrolled: column by
        column (the course's) or row by row (the Python port's).
    first_label : {1, 0}, default 1
        The label of the first output unit: `y` in 1..K or in 0..K-1.
    cost_function : callable, optional
        A cost with the course's signature ``cost_function(nn_params,
        input_layer_size, hidden_layer_size, num_labels, X, y, lambda_) ->
        (J, grad)`` (a student's ``nnCostFunction``; the Python port's has the
        same call order), trained in place of nnvec's: three layer sizes, in
        the convention `order`, `first_label` (it receives parameters and
        labels in that layout). `activation` and `output` are nnvec's only.
    dtype : {'float64', 'float32'}, default 'float64'
        What the cost computes in (``NNCost``'s dtype); the start vector and
        ``res.x`` are in it too. fmincg keeps its iterates in it (as Octave's
        keeps a single x0 single); momentum iterates in float64, and CG and
        L-BFGS-B as scipy does; the cost rounds every iterate to `dtype`.

    Returns
    -------
    res : scipy.optimize.OptimizeResult
        The optimizer's ``x, fun, nit, nfev, status, success, message``, plus
        ``fun_history`` (ndarray of shape (nit,): the cost after each iteration,
        for every method), ``x0`` (the start vector), ``Thetas`` (the weight
        matrices of ``x``), ``layer_sizes``, ``method``, ``threads`` (what ran the cost in
        parallel) and ``blas`` (numpy's BLAS: library, version, kernels). ``x``
        and ``x0`` are unrolled in `order`.

    Raises
    ------
    ValueError, TypeError
        On bad data, sizes, lambda, method or maxiter; messages start with ``train:``.

    Notes
    -----
    The steps: check the options and build the cost (``NNCost``, which
    validates the data once), plan the threads, run the optimizer with the
    BLAS pools held, assemble the result.

    Threads. numpy and scipy each bundle their own OpenBLAS, each with its own
    thread pool, and on small problems the pools only add hand-off latency:
    with both pools at two threads, the idle one's threads spin against the
    busy one (bench/README.md, and ``bench/bench.py --only threads``, show
    what that does to L-BFGS-B on the digits network). So when
    ``m * N < SMALL_PROBLEM`` (2e7, about 1e8 flops per evaluation)
    everything runs on one thread. Larger problems split the examples over
    as many workers (``NNCost(workers=k)``) as numpy's BLAS pool had threads,
    with every BLAS pool at one thread: the blocks' elementwise work runs in
    parallel too, and one-thread GEMMs on part of the examples use the cores
    better than one multi-thread GEMM on all of them at these skinny shapes
    (``make bench`` times both). ``threads=k`` asks for k workers whatever
    the size. The limits are restored on return. A `cost_function` runs as
    it is, on the caller's thread, with the BLAS pools untouched.

    Conventions. The optimizer always runs on the column-major vector with
    labels 1..K; `order` and `first_label` re-read only what goes in
    (`initial_params`, `y`, and what `cost_function` receives) and what comes
    out. So a run in the port's layout follows the default run's trajectory
    exactly: its ``x`` is the default ``x`` re-read row by row.

    Momentum. The defaults (alpha 0.5, mu 0.8) were the best of a small grid on
    the digits network (pixels in [0, 1]); full-batch gradient descent needs
    about 200 iterations there to reach the 95% held-out accuracy that fmincg
    reaches in 50, and its cost is not monotone in the first iterations.
    Inputs on a larger scale need a smaller alpha.

    See Also
    --------
    trainNN.m : the Octave twin (methods 'fmincg' and 'momentum').
    nnvec.optim.fmincg.fmincg, momentum_descent, scipy.optimize.minimize

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> X = rng.random((40, 3)); y = 1 + (X[:, 0] > 0.5)
    >>> res = train(X, y, [3, 4, 2], lambda_=0.1, maxiter=20, rng=0)
    >>> res.nit, res.fun_history.shape, bool(res.fun < res.fun_history[0])
    (20, (20,), True)
    """
    fname = "train"
    key = _method_key(method, fname)
    maxiter = check_int(maxiter, "maxiter", fname)
    order = check_order(order, fname)
    first_label = check_first_label(first_label, fname)
    if cost_function is not None:
        check_cost_function(cost_function, None, fname)
        if (activation, output) != ("sigmoid", "sigmoid"):
            raise ValueError(f"{fname}: activation and output choose nnvec's cost, not a "
                             f"cost_function's, got activation={activation!r}, "
                             f"output={output!r}")
    sizes = check_layer_sizes(layer_sizes, fname)
    y = labels_to_course(y, sizes[-1], first_label, fname)
    cost = NNCost(sizes, X, y, lambda_, activation=activation, output=output, dtype=dtype,
                  fname=fname)
    if threads is not None:
        threads = check_int(threads, "threads", fname)
    p0 = _start_vector(initial_params, rng, cost, order, fname).astype(cost.dtype, copy=False)
    if callback is not None and not callable(callback):
        raise TypeError(f"{fname}: callback must be callable or None, got {callback!r}")

    controller = ThreadpoolController()
    if cost_function is None:
        cost, used = _plan_threads(cost, controller, threads)
        f: Callable[[ArrayLike], tuple[float, NDArray[np.float64]]] = cost
        # `with cost`: the worker threads, if any, end with the run (even on Ctrl-C).
        held = contextlib.ExitStack()
        held.enter_context(cost)
        held.enter_context(controller.limit(limits=1))
    else:
        check_cost_function(cost_function, cost.layer_sizes, fname)
        f = cost_of_function(cost_function, cost.layer_sizes, cost.X, _course_labels(cost),
                             cost.lambda_, order=order, first_label=first_label, fname=fname)
        used = "the cost_function's own (called as it is; BLAS pools untouched)"
        held = contextlib.ExitStack()
    memo = _Memo(f)
    iterations = _Iterations(memo, verbose, progress, callback, order, cost.layer_sizes)
    with held:
        res = _run_optimizer(key, memo, p0, maxiter, iterations, learning_rate, momentum)
    return _assemble_result(res, iterations.history, p0, cost.layer_sizes, key, used,
                            controller, order)


def _start_vector(initial_params: ArrayLike | None, rng: np.random.Generator | int | None,
                  cost: NNCost, order: str, fname: str) -> NDArray[np.float64]:
    """The column-major start vector: `initial_params` (in `order`) checked, or a random one."""
    if initial_params is None:
        return init_params(cost.layer_sizes, rng)
    # a copy: the caller's array is never written to
    p0 = np.array(check_params(initial_params, cost.layer_sizes, fname, "initial_params"))
    return reorder_params(p0, cost.layer_sizes, order, "F")


def _course_labels(cost: NNCost) -> NDArray[np.float64]:
    """The validated labels 1..K of `cost`, one per example (from its one-hot rows)."""
    return (np.argmax(cost.Y, axis=1) + 1).astype(np.float64)


def _plan_threads(cost: NNCost, controller: ThreadpoolController,
                  threads: int | None) -> tuple[NNCost, str]:
    """The cost evaluated by as many workers as `_thread_plan` says, and its description."""
    workers, used = _thread_plan(controller, cost.X.shape[0], cost.size, threads)
    return (cost.with_workers(workers) if workers > 1 else cost), used


def _run_optimizer(key: str, f: Callable[[ArrayLike], tuple[float, NDArray[np.float64]]],
                   p0: NDArray[np.float64], maxiter: int,
                   on_iteration: Callable[[NDArray[np.float64]], None],
                   learning_rate: float, momentum: float) -> OptimizeResult:
    """Minimize `f` from `p0` with the method named by `key`, as the optimizer returns it."""
    if key == "fmincg":
        from .fmincg import fmincg

        return fmincg(f, p0, maxiter=maxiter, callback=on_iteration)
    if key == "momentum":
        return momentum_descent(f, p0, maxiter=maxiter, learning_rate=learning_rate,
                                momentum=momentum, callback=on_iteration)
    return minimize(f, p0, method=METHODS[_key_index(key)], jac=True, callback=on_iteration,
                    options={"maxiter": maxiter})


def _assemble_result(res: OptimizeResult, history: list[float], p0: NDArray[np.float64],
                     sizes: Sequence[int], key: str, threads: str,
                     controller: ThreadpoolController, order: str = "F") -> OptimizeResult:
    """The optimizer's result with what every method reports alike (see `train`'s Returns).

    The optimizer ran column-major; ``x`` and ``x0`` are re-read in `order`.
    """
    x = np.asarray(res.x, dtype=p0.dtype).reshape(-1)  # p0 is in the cost's dtype
    res.fun = float(res.fun)
    res.fun_history = np.array(history, dtype=np.float64)
    res.Thetas = [T.copy() for T in reshape_params(x, sizes)]
    res.x = reorder_params(x, sizes, "F", order)
    res.x0 = reorder_params(p0, sizes, "F", order)
    res.layer_sizes = list(sizes)
    res.method = METHODS[_key_index(key)]
    res.threads = threads
    res.blas = _blas_description(controller)
    return res


def _key_index(key: str) -> int:
    return [m.lower() for m in METHODS].index(key)


def _method_key(method: object, fname: str) -> str:
    if not isinstance(method, str) or method.lower() not in [m.lower() for m in METHODS]:
        raise ValueError(f"{fname}: method must be one of {', '.join(METHODS)}, got {method!r}")
    return method.lower()


class _Memo:
    """The cost function, remembering its last few evaluations.

    Optimizers report only the iterate; its cost is normally the last value
    computed (the accepted line-search point), so recording the history costs
    no extra evaluation. Otherwise it is evaluated once more (not counted in nfev).
    """

    def __init__(self, cost: Callable[[ArrayLike], tuple[float, NDArray[np.float64]]],
                 keep: int = 4) -> None:
        self.cost = cost
        self.keep = keep
        self.recent: list[tuple[NDArray[np.float64], float]] = []

    def __call__(self, p: ArrayLike) -> tuple[float, NDArray[np.float64]]:
        J, grad = self.cost(p)
        self.recent.append((np.array(p, dtype=np.float64).reshape(-1), J))
        del self.recent[:-self.keep]
        return J, grad

    def cost_at(self, x: NDArray[np.float64]) -> float:
        x = np.asarray(x, dtype=np.float64).reshape(-1)
        for p, J in reversed(self.recent):
            if np.array_equal(p, x):
                return J
        return self.cost(x)[0]


class _Iterations:
    """What happens after each iteration: record the cost, then report it.

    The optimizers call it with the iterate ``xk``; its cost comes from the
    memo (no extra evaluation in the usual case), goes into `history`, and is
    printed (`verbose`), passed to `progress`, and ``xk`` to `callback`.
    """

    def __init__(self, memo: _Memo, verbose: bool,
                 progress: Callable[[int, float], object] | None,
                 callback: Callable[[NDArray[np.float64]], object] | None,
                 order: str = "F", sizes: Sequence[int] = ()) -> None:
        self.memo = memo
        self.verbose = verbose
        self.progress = progress
        self.callback = callback
        self.order = order
        self.sizes = sizes
        self.history: list[float] = []

    def __call__(self, xk: NDArray[np.float64]) -> None:
        J = self.memo.cost_at(xk)
        self.history.append(J)
        if self.verbose:
            print(f"Iteration {len(self.history):4d} | Cost: {J:.6e}", flush=True)
        if self.progress is not None:
            self.progress(len(self.history), J)
        if self.callback is not None:
            # the caller's layout: the optimizer's column-major iterate re-read in `order`
            self.callback(reorder_params(xk, self.sizes, "F", self.order)
                          if self.order != "F" else xk)


def _thread_plan(controller: ThreadpoolController, m: int, size: int,
                 threads: int | None) -> tuple[int, str]:
    """The thread rule of ``train`` for m examples and `size` parameters.

    Returns (workers, a description for ``res.threads``); never more workers
    than examples.
    """
    if threads is not None:
        k = min(threads, m)
        return k, f"{k} (worker(s); every BLAS pool at 1 thread)"
    if m * size < SMALL_PROBLEM:
        return 1, "1 (every pool, small problem)"
    k = min(max((lib["num_threads"] for lib in _numpy_blas(controller)), default=1), m)
    return k, f"{k} (worker(s) as numpy's BLAS had threads; every BLAS pool at 1, large problem)"


def _numpy_blas(controller: ThreadpoolController) -> list[dict]:
    """threadpoolctl's records of the BLAS numpy bundles (scipy bundles its own)."""
    return [lib for lib in controller.info()
            if lib["user_api"] == "blas" and "numpy" in lib["filepath"]]


def _blas_description(controller: ThreadpoolController,
                      environ: Mapping[str, str] | None = None) -> str:
    """numpy's BLAS for ``res.blas``: library, version, kernels and what chose them.

    OpenBLAS picks its kernels by CPU unless ``OPENBLAS_CORETYPE`` names
    them; a name below what the CPU can run makes every product slower, so
    the description says which of the two happened.
    """
    libs = _numpy_blas(controller)
    if not libs:
        return "not reported by threadpoolctl"
    lib = libs[0]
    text = f"{lib['internal_api']} {lib['version']}"
    if lib.get("architecture"):
        text += f", {lib['architecture']} kernels"
    if lib["internal_api"] == "openblas":
        text += f" ({openblas_kernel_choice(environ)})"
    return text


def openblas_kernel_choice(environ: Mapping[str, str] | None = None) -> str:
    """What chose OpenBLAS's kernels in `environ` (default ``os.environ``).

    The CPU, or OPENBLAS_CORETYPE. nnvec keeps both OpenBLAS settings as
    inherited (some machines need them with older OpenBLAS builds), so it only
    says which of the two is in force; OPENBLAS_L2_SIZE, which travels with
    it, is named too when set.
    """
    environ = os.environ if environ is None else environ
    forced = environ.get("OPENBLAS_CORETYPE")
    if not forced:
        return "chosen by CPU"
    l2 = environ.get("OPENBLAS_L2_SIZE")
    return f"forced by OPENBLAS_CORETYPE={forced}" + (f", OPENBLAS_L2_SIZE={l2}" if l2 else "")
