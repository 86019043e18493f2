"""How error messages show values: the same text as Octave's ``private/formatNumber.m``,
``describeValue.m``, ``formatShape.m`` and ``formatSizes.m``.

A leaf module: every check imports it, and it imports nothing of nnvec.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["describe_value", "format_number", "format_shape", "format_sizes"]


def format_number(v: float) -> str:
    """A number as error messages show it, the same text as Octave's ``formatNumber.m``.

    Ten significant digits (``-1``, ``0.5``, ``NaN``, ``Inf``) when they give
    back `v` exactly, else seventeen, which always do: ``2 - 1e-15`` shows as
    ``1.9999999999999989``, not as a misleading ``2``.
    """
    v = float(v)
    if np.isnan(v):
        return "NaN"
    if np.isinf(v):
        return "Inf" if v > 0 else "-Inf"
    s = f"{v:.10g}"
    return s if float(s) == v else f"{v:.17g}"


def describe_value(v: object) -> str:
    """A value as error messages quote it, the same text as Octave's ``describeValue.m``.

    A real number: ``format_number`` (``2.5``, ``Inf``); a real numeric vector or matrix:
    ``[1 2]`` / ``[1 2;3 4]`` (Octave's mat2str); a bool: ``true`` / ``false`` (Octave's
    logical scalar says the same); a string: quoted (``'relu'``); anything else: its
    type and size (``a list of size 1x2``), with Octave's names for what both languages
    have: ``a complex of size 1x1``, ``a logical of size 1x2`` (a bool array).
    """
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if v is None or isinstance(v, str):
        return repr(v)
    if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_)):
        return format_number(v)  # type: ignore[arg-type]
    if isinstance(v, (list, tuple)):
        try:
            as_array = np.asarray(v)
        except ValueError:  # ragged
            as_array = None
        if as_array is not None and np.issubdtype(as_array.dtype, np.number):
            v = as_array
    if isinstance(v, np.ndarray) and v.size and v.ndim <= 2 and (
            np.issubdtype(v.dtype, np.integer) or np.issubdtype(v.dtype, np.floating)):
        rows = np.atleast_2d(v)
        if rows.size == 1:
            return format_number(rows[0, 0])
        return "[" + ";".join(" ".join(format_number(x) for x in r) for r in rows) + "]"
    shape = getattr(v, "shape", None)
    if shape is not None and len(shape) >= 2:
        size = "x".join(str(s) for s in shape)
    else:
        size = f"1x{len(v) if isinstance(v, (list, tuple)) else np.size(v) if shape else 1}"
    kind = getattr(getattr(v, "dtype", None), "kind", "")
    if isinstance(v, complex) or kind == "c":
        return f"a complex of size {size}"
    if kind == "b":
        return f"a logical of size {size}"
    return f"a {type(v).__name__} of size {size}"


def format_shape(shape: tuple[int, ...]) -> str:
    return "x".join(str(s) for s in shape) if shape else "scalar"


def format_sizes(layer_sizes: Sequence[int]) -> str:
    """Layer sizes as Octave's mat2str prints them: ``[400 25 10]``."""
    # whole numbers in full (100000000, not 1e+08), as Octave's formatSizes.m
    def one(s: float) -> str:
        if np.isnan(s):
            return "NaN"
        if np.isinf(s):
            return "Inf" if s > 0 else "-Inf"
        return str(int(s)) if s == np.round(s) and abs(s) < 1e15 else f"{s:g}"

    return "[" + " ".join(one(s) for s in np.asarray(layer_sizes, dtype=float).ravel()) + "]"
