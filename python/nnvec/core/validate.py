"""Input checks shared by every public function.

Each check raises ``ValueError``/``TypeError`` whose message starts with the
calling function's name, states the rule, and quotes the value received. The
Octave twins in ``octave/private/check*.m`` raise the same text with an ``nnvec:`` id, so
tests can match one pattern in both languages. Positions are 1-based in both.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .activations import OUTPUTS, check_activation, check_output
from .messages import describe_value, format_number, format_shape, format_sizes
from .shapes import param_shapes

__all__ = [
    "DTYPES",
    "OUTPUTS",
    "check_X",
    "check_bytes",
    "check_dtype",
    "check_int",
    "check_lambda",
    "check_layer_sizes",
    "check_memory",
    "check_options",
    "check_params",
    "check_y",
    "data_bytes",
]


#: The floating-point types the cost computes in, by name: float64 (the default,
#: Octave's double) and float32 (Octave's single, PyTorch's and JAX's default).
DTYPES: dict[str, type] = {"float64": np.float64, "float32": np.float32}


def check_dtype(dtype: object, fname: str) -> np.dtype:
    """A name or type of `DTYPES` (``'float32'``, ``np.float32``, ...) as a numpy dtype."""
    try:
        dt = np.dtype(dtype) if not isinstance(dtype, (bool, np.bool_)) and dtype is not None \
            else None
    except TypeError:
        dt = None
    if dt is None or dt.name not in DTYPES:
        raise ValueError(f"{fname}: dtype must be one of {', '.join(DTYPES)}, "
                         f"got {describe_value(dtype)}")
    return dt


def check_layer_sizes(layer_sizes: Sequence[int] | ArrayLike, fname: str) -> list[int]:
    """At least two positive integer layer sizes; returns them as a list of int."""
    raw = np.asarray(layer_sizes, dtype=object).ravel()
    # bools and strings are not sizes, though numpy would turn them into numbers
    if not all(isinstance(s, (int, float, np.integer, np.floating))
               and not isinstance(s, (bool, np.bool_)) for s in raw):
        raise TypeError(
            f"{fname}: layer_sizes must be a vector of positive integers, got {layer_sizes!r}"
        )
    arr = raw.astype(np.float64)
    if arr.size < 2:
        raise ValueError(
            f"{fname}: layer_sizes must list at least 2 layer sizes, got {format_sizes(arr)}"
        )
    if not (np.all(np.isfinite(arr)) and np.all(arr >= 1) and np.all(arr == np.round(arr))):
        raise ValueError(
            f"{fname}: layer_sizes must be positive integers, got {format_sizes(arr)}"
        )
    return [int(s) for s in arr]


def check_X(X: ArrayLike, n: int, fname: str,
            dtype: type | np.dtype = np.float64) -> NDArray[np.floating]:
    """A finite, non-empty 2-D matrix with `n` columns (one row per example), as `dtype`.

    With ``dtype=float32`` a float64 X is rounded to float32 before the
    finiteness check, so a value beyond float32's range is refused as Inf.
    """
    X = as_float_array(X, "X", fname, dtype=dtype)
    if X.ndim != 2:
        raise ValueError(
            f"{fname}: X must be a 2-D matrix (m examples x n features), "
            f"got an array of shape {format_shape(X.shape)}"
        )
    if X.shape[0] == 0:
        raise ValueError(f"{fname}: X must have at least one row (example), got 0 rows")
    if X.shape[1] != n:
        raise ValueError(
            f"{fname}: X must have {n} columns (the input layer size), got {X.shape[1]}"
        )
    check_finite(X, "X", fname)
    return X


def check_y(y: ArrayLike, m: int, num_labels: int, fname: str) -> NDArray[np.intp]:
    """`m` integer labels in 1..num_labels, as a 1-D or column vector; returns 1-D ints."""
    y = as_float_array(y, "y", fname)
    if not (y.ndim <= 1 or (y.ndim == 2 and 1 in y.shape)):
        raise ValueError(
            f"{fname}: y must be a vector of labels, got an array of shape {format_shape(y.shape)}"
        )
    y = y.reshape(-1)
    if y.size != m:
        raise ValueError(f"{fname}: y must have m = {m} labels (one per row of X), got {y.size}")
    bad = ~((y >= 1) & (y <= num_labels) & (y == np.round(y)))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"{fname}: y labels must be integers in 1..{num_labels} (digit 0 is label 10), "
            f"got {format_number(y[i])} at position {i + 1}"
        )
    return y.astype(np.intp)


def check_lambda(lambda_: float | ArrayLike, fname: str) -> float:
    """A finite real scalar >= 0."""
    arr = np.asarray(lambda_)
    if arr.size != 1 or not np.issubdtype(arr.dtype, np.number) or np.iscomplexobj(arr):
        raise ValueError(
            f"{fname}: lambda must be a finite real scalar >= 0, got {describe_value(lambda_)}"
        )
    value = float(arr.reshape(-1)[0])
    if not (np.isfinite(value) and value >= 0):
        raise ValueError(f"{fname}: lambda must be a finite real scalar >= 0, "
                         f"got {format_number(value)}")
    return value


def check_params(
    nn_params: ArrayLike, layer_sizes: Sequence[int], fname: str, name: str = "nn_params",
    dtype: type | np.dtype = np.float64,
) -> NDArray[np.floating]:
    """A finite vector (1-D or column) of the length the layer sizes need; returns 1-D.

    `name` is what the messages call it (``train``'s ``initial_params``);
    the vector is returned as `dtype`. Octave twin: ``checkParams.m``.
    """
    p = as_float_array(nn_params, name, fname, dtype=dtype)
    if not (p.ndim <= 1 or (p.ndim == 2 and 1 in p.shape)):
        raise ValueError(
            f"{fname}: {name} must be a vector, got an array of shape {format_shape(p.shape)}"
        )
    p = p.reshape(-1)
    expected = sum(r * c for r, c in param_shapes(layer_sizes))
    if p.size != expected:
        raise ValueError(
            f"{fname}: {name} must have {expected} elements for layer sizes "
            f"{format_sizes(layer_sizes)}, got {p.size}"
        )
    check_finite(p, name, fname)
    return p


def check_options(activation: str, output: str, fname: str) -> None:
    """`activation` in ACTIVATIONS and `output` in OUTPUTS (names only: a list is refused).

    The one check of these names: ``nnvec.core.activations.check_activation`` and
    ``check_output`` (Octave: ``checkOptions.m``).
    """
    check_activation(activation, fname)
    check_output(output, fname)


def check_int(v: object, name: str, fname: str, minimum: int = 1) -> int:
    """An integer scalar >= `minimum` (0 or 1); an integral float such as 50.0 is accepted.

    The one check of this rule in Python. Octave twin: ``checkInt.m``.
    """
    rule = "a positive integer" if minimum == 1 else "a non-negative integer"
    ok = not isinstance(v, (bool, np.bool_)) and isinstance(
        v, (int, float, np.integer, np.floating)
    )
    if not ok or not np.isfinite(float(v)) or float(v) != int(v) or int(v) < minimum:  # type: ignore[arg-type]
        raise ValueError(f"{fname}: {name} must be {rule}, got {describe_value(v)}")
    return int(v)  # type: ignore[arg-type]


def as_float_array(a: ArrayLike, name: str, fname: str,
                    rule: str | None = None,
                    dtype: type | np.dtype = np.float64) -> NDArray[np.floating]:
    """`a` as a float array (`dtype`, float64 by default), refusing strings, non-numeric
    dtypes and complex values.

    The messages say "must be numeric" / "must be real", or "must be `rule`"
    in all three cases when a rule is given (e.g. fmincg's "a non-empty real vector").
    """
    # Text is "text" in both languages (Octave: a char array; here str or an array of str).
    if isinstance(a, (str, bytes)):
        raise TypeError(f"{fname}: {name} must be {rule or 'numeric'}, got text")
    a = dense(a, name, "", fname)
    try:
        arr = np.asarray(a)
    except ValueError:  # numpy's "inhomogeneous shape": rows of different lengths
        raise ValueError(
            f"{fname}: {name} must be {rule or 'numeric'}, got a ragged nested sequence "
            "(rows of different lengths)"
        ) from None
    if arr.dtype == object or not (
        np.issubdtype(arr.dtype, np.number) or np.issubdtype(arr.dtype, np.bool_)
    ):
        got = "text" if arr.dtype.kind in "US" else f"dtype {arr.dtype}"
        raise TypeError(f"{fname}: {name} must be {rule or 'numeric'}, got {got}")
    if np.iscomplexobj(arr):
        raise TypeError(f"{fname}: {name} must be {rule or 'real'}, got a complex array")
    if dtype is not np.float64 and np.dtype(dtype) == np.float32 and arr.dtype != np.float32:
        # Beyond float32's range a value becomes Inf, which the finiteness
        # checks then refuse by position; numpy's overflow warning would only repeat it.
        with np.errstate(over="ignore"):
            return np.asarray(arr, dtype=dtype)
    return np.asarray(arr, dtype=dtype)


def dense(a: object, name: str, where: str, fname: str) -> object:
    """A scipy.sparse matrix as an ndarray, after checking that the copy fits in memory.

    Sparse input works as its dense copy in both languages (Octave passes a sparse
    X to ``full``); the copy takes 8 bytes per entry, so a huge one is refused by
    ``check_bytes`` first: "fname: `where`the entries of the sparse 100000x100000 X,
    made dense, need at least ...". `where` is "" or a file name and ": ".
    Anything else is returned as it is. Octave twin: ``makeDense.m``.
    """
    if not type(a).__module__.startswith("scipy.sparse"):
        return a
    import scipy.sparse  # only here: scipy is not needed for dense input

    if not scipy.sparse.issparse(a):
        return a
    if np.iscomplexobj(a):  # Octave's checkNumeric says so before the memory check
        return np.asarray(a.toarray())
    rows, cols = a.shape
    check_bytes(8.0 * rows * cols, f"{where}the entries of the sparse {format_shape(a.shape)} "
                f"{name}, made dense,", fname)
    return a.toarray()


def check_finite(a: NDArray[np.float64], name: str, fname: str) -> None:
    """Raise unless every entry of `a` is finite, naming the first offender.

    Fast path: a NaN or an Inf anywhere makes its column's sum NaN or Inf, so
    finite column sums prove every entry finite with no temporary array.
    ``ones(m) @ a`` takes them in one pass of BLAS's vectorized matrix-vector
    product (gemv), where ``isfinite(a).all()`` would first build an m x n
    boolean array; the cost runs this on X at every call. Only a
    non-finite result (an offender, or an overflow of huge finite values)
    goes on to the exact check.
    A vector (the parameters, on every call of the cost) is checked with
    ``isfinite`` directly: N booleans are little next to an evaluation, and
    it spares a tiny network's every call the floating-point error context
    and the gemv call, which then cost more than the evaluation's own steps.
    Octave twin: ``checkFinite.m``.
    """
    if a.ndim == 1:
        finite = np.isfinite(a)
        if finite.all():
            return
    else:
        with np.errstate(over="ignore", invalid="ignore"):
            sums = np.ones(a.shape[0], dtype=a.dtype) @ a if a.ndim == 2 else a
            if np.isfinite(sums.sum()):
                return
        finite = np.isfinite(a)
    if finite.all():
        return
    where = np.argwhere(~finite)[0]  # first offender, C order (row-wise)
    if a.ndim == 2:
        # Octave's find() is column-major: report the first in column order too.
        r, c = np.argwhere(~finite.T)[0][::-1]
        pos = f"row {r + 1}, column {c + 1}"
        value = a[r, c]
    else:
        pos = f"index {where[0] + 1}"
        value = a[tuple(where)]
    raise ValueError(f"{fname}: {name} must be finite (no NaN or Inf), "
                     f"got {format_number(value)} at {pos}")


def check_finite_output(h: NDArray[np.float64], fname: str) -> None:
    """Raise unless every network output is finite: NaN labels or costs are never returned.

    Finite inputs can still overflow (ReLU near 1e308 gives Inf, then Inf - Inf
    = NaN); argmax over NaN picks a different label in numpy and Octave, so both
    refuse instead. Octave twin: ``checkFiniteOutput.m``.
    """
    h = np.asarray(h, dtype=np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        if np.isfinite(np.sum(h)):
            return
    bad = ~np.isfinite(h.reshape(h.shape[0], -1) if h.ndim else h.reshape(1, 1))
    if not bad.any():
        return
    i = int(np.flatnonzero(bad.any(axis=1))[0])
    raise ValueError(
        f"{fname}: the network's output is not finite (NaN or Inf) for example {i + 1}: "
        "its activations overflow at these parameters"
    )


def check_finite_cost(J: float, grad: NDArray[np.float64], fname: str) -> None:
    """Raise unless the cost and its gradient are finite (an overflow inside the network).

    Only the one-shot cost functions call this: an optimizer's line search needs
    the non-finite value itself (a step too long). Octave twin: ``checkFiniteCost.m``.
    """
    if not np.isfinite(J):
        raise ValueError(
            f"{fname}: the cost is not finite, got {format_number(J)}: "
            "the network's activations overflow at these parameters"
        )
    check_finite(np.asarray(grad, dtype=np.float64).reshape(-1), "the gradient", fname)


def network_bytes(layer_sizes: Sequence[int], m: int) -> int:
    """A lower bound on the memory (bytes) a cost evaluation needs: float64
    parameters and gradient (2 N), and the activations and deltas of every
    layer after the input (2 m (s_2 + ... + s_L)). Octave twin: ``checkMemory.m``."""
    sizes = [int(s) for s in layer_sizes]
    n_params = sum(r * c for r, c in param_shapes(sizes))
    return 8 * (2 * n_params + 2 * int(m) * sum(sizes[1:]))


def memory_limit() -> tuple[float, str]:
    """The memory a network may take (bytes) and where that limit comes from.

    ``NNVEC_MEMORY_LIMIT`` (bytes) when set, else half of MemTotal in
    /proc/meminfo (the same rule as Octave's ``checkMemory.m``), else half of
    the physical memory the OS reports, else no limit (Inf).
    """
    env = os.environ.get("NNVEC_MEMORY_LIMIT", "").strip()
    if env:
        try:
            value = float(env)
        except ValueError:
            value = float("nan")
        if not (value > 0):
            raise ValueError(
                f"NNVEC_MEMORY_LIMIT must be a number of bytes > 0, got {env!r}"
            )
        return value, "NNVEC_MEMORY_LIMIT"
    how = "half of the machine's memory; set NNVEC_MEMORY_LIMIT (bytes) to change it"
    try:
        with open("/proc/meminfo") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024 / 2, how
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2, how
    except (AttributeError, OSError, ValueError):
        return float("inf"), "no limit known"


def data_bytes(X: object) -> float:
    """The memory (bytes) X takes once converted for the cost, counting every copy.

    8 m n bytes for the C-ordered float64 X the cost keeps (X itself when it
    already is one), plus 8 m n for each intermediate copy the conversion
    makes on the way: one when both the dtype and the layout change (a
    Fortran-ordered int8 X is first made float64, then C-ordered). Read from
    X's shape, dtype and strides only: nothing is converted, so a broadcast
    (``np.broadcast_to``) or otherwise huge X is measured, not copied.
    Anything that is not 2-D counts 0 (the shape checks refuse it).
    Octave twin: the X term of ``checkMemory.m``.
    """
    shape = getattr(X, "shape", None)
    if shape is None or len(shape) != 2:
        return 0.0
    entries = float(shape[0]) * float(shape[1])
    if not isinstance(X, np.ndarray):
        return 8.0 * entries  # a sparse matrix made dense, a matrix-like: one float64 copy
    copies = int(X.dtype != np.float64) + int(not X.flags.c_contiguous)
    return 8.0 * entries * max(1, copies)


def check_memory(layer_sizes: Sequence[int], m: int, fname: str, X: object = None) -> None:
    """Refuse, before allocating, a network and data set larger than `memory_limit`.

    A clear error naming the size and the limit instead of a MemoryError
    traceback or the kernel's out-of-memory kill. With `X` (the data, not yet
    converted), its float64 copies count too (`data_bytes`): call this before
    converting X. Octave twin: ``checkMemory.m``.
    """
    check_bytes(network_bytes(layer_sizes, m) + data_bytes(X),
                f"layer sizes {format_sizes(layer_sizes)} with m = {int(m)} examples", fname)


def check_bytes(need: float, what: str, fname: str) -> None:
    """The one memory rule: `need` bytes for `what` within `memory_limit`, else ValueError.

    "fname: what need at least X GB of memory, more than the limit of Y GB (source)".
    Octave twin: ``checkBytes.m``.
    """
    limit, how = memory_limit()
    if need > limit:
        raise ValueError(
            f"{fname}: {what} need at least {need / 1e9:.3g} GB of memory, more than the "
            f"limit of {limit / 1e9:.3g} GB ({how})"
        )


def label_count(y: ArrayLike, y_test: ArrayLike | None, where: str) -> int:
    """K, the number of labels of a data set, from a checked label range.

    K is the largest label, provided every label 1..K occurs in the training or
    the test labels: one stray label (1e9 in a file of digits) would otherwise
    make a network with a billion outputs. The error names the label and
    where it is (1-based, in the training labels first).
    """
    labels = [np.asarray(y, dtype=np.float64).reshape(-1)]
    if y_test is not None and np.size(y_test):
        labels.append(np.asarray(y_test, dtype=np.float64).reshape(-1))
    K_float = max(float(np.max(v)) for v in labels if v.size)
    present = np.unique(np.concatenate(labels))
    if K_float > present.size:
        which, v = next((i, v) for i, v in enumerate(labels) if np.max(v) == K_float)
        pos = int(np.argmax(v == K_float)) + 1
        split = "training" if which == 0 else "test"
        raise ValueError(
            f"{where}: labels must run 1..K with every label present, "
            f"got {format_number(K_float)} at "
            f"position {pos} of the {split} labels but only {present.size} distinct labels "
            "(a stray label?)"
        )
    return int(K_float)


