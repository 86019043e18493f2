"""Pictures and files of a training run: image grids, the cost curve, the weights.

Octave twin: ``displayData.m`` (the grid). Every picture is a matplotlib
``Figure`` built with the object API on an Agg canvas (no pyplot, no window),
so it works headless; the Figures returned have ``_repr_png_``, so Jupyter
shows one inline when a cell ends with it (pyplot or not). Each plotting
function takes ``ax=`` (draw into that Axes, return its Figure) and writes a
file only when given ``path=`` (aside, then renamed: ``nnvec.io.files``).
"""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Sequence
from typing import Any

import numpy as np
import scipy.io
from numpy.typing import ArrayLike, NDArray

from ..core.validate import check_int, describe_value
from .files import write_aside
from .runs import check_manifest

__all__ = [
    "display_array",
    "display_data",
    "figure_and_axes",
    "load_weights",
    "new_figure",
    "plot_cost_history",
    "save_figure",
    "save_weights",
]

PathLike = str | os.PathLike


@functools.cache
def _figure_class() -> type:
    """matplotlib's Figure with a PNG repr (imported on first use: ``import nnvec`` stays light)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    class InlineFigure(Figure):
        """A Figure on an Agg canvas that IPython and Jupyter display as a PNG.

        pyplot's figures are shown by the inline backend's formatter; this one
        needs neither pyplot nor a backend: IPython calls ``_repr_png_``.
        """

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            FigureCanvasAgg(self)

        def _repr_png_(self) -> bytes:
            buf = io.BytesIO()
            self.savefig(buf, format="png")
            return buf.getvalue()

    return InlineFigure


def new_figure(figsize: tuple[float, float], dpi: int = 100) -> Any:
    """A new matplotlib Figure on an Agg canvas, shown inline by Jupyter (``_repr_png_``)."""
    return _figure_class()(figsize=figsize, dpi=dpi)


def figure_and_axes(ax: object, figsize: tuple[float, float], fname: str) -> tuple[Any, Any]:
    """(Figure, Axes) to draw in: `ax` and its Figure, or a new figure of `figsize` with one Axes.

    A TypeError names `fname` when `ax` is neither None nor a matplotlib Axes.
    """
    if ax is None:
        fig = new_figure(figsize)
        return fig, fig.add_subplot()
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise TypeError(f"{fname}: ax must be a matplotlib Axes or None, got {describe_value(ax)}")
    return ax.get_figure(root=True), ax


def display_array(
    X: ArrayLike,
    image_shape: Sequence[int] | None = None,
    *,
    order: str = "F",
    pad: int = 1,
) -> NDArray[np.float64]:
    """The grid of ``displayData``: the rows of X as one array of grey images, not drawn.

    Parameters
    ----------
    X : array_like of shape (m, n) or (n,)
        One image per row (e.g. examples, or ``Theta1[:, 1:]`` for hidden units).
    image_shape : (height, width), optional
        Default: ``width = round(sqrt(n))``, ``height = n / width`` (the course's
        ``example_width`` rule).
    order : {'F', 'C'}, default 'F'
        How a row holds its pixels: 'F' column by column (the course's 20x20
        MNIST data, Octave's ``reshape``), 'C' row by row (scikit-learn's 8x8
        digits, the bundled data). Either way the picture comes out upright.
    pad : int, default 1
        Pixels of background (-1) around and between images.

    Returns
    -------
    display_array : ndarray of shape (pad + rows * (height + pad), pad + cols * (width + pad))
        ``rows = floor(sqrt(m))``, ``cols = ceil(m / rows)``; each image divided
        by its largest absolute value (an all-zero image stays 0), empty cells
        and padding -1. Equal to the Octave twin's ``display_array``.

    See Also
    --------
    display_data : the same grid drawn (a Figure), and written as a PNG on request.
    displayData.m : the Octave twin, ``[h, display_array] = displayData(X, width)``.

    Examples
    --------
    >>> display_array(np.array([[1.0, 2.0, 3.0, 4.0]]), order="C")
    array([[-1.  , -1.  , -1.  , -1.  ],
           [-1.  ,  0.25,  0.5 , -1.  ],
           [-1.  ,  0.75,  1.  , -1.  ],
           [-1.  , -1.  , -1.  , -1.  ]])
    """
    return _grid(X, image_shape, order, pad, "display_array")


def _grid(X: ArrayLike, image_shape: Sequence[int] | None, order: str, pad: int,
          fname: str) -> NDArray[np.float64]:
    """``display_array``, its messages starting with `fname`."""
    X = np.asarray(X, dtype=np.float64)
    if X.ndim == 1:
        X = X.reshape(1, -1)
    if X.ndim != 2 or X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"{fname}: X must be a non-empty 2-D matrix, got shape {X.shape}")
    if not np.all(np.isfinite(X)):
        raise ValueError(f"{fname}: X must be finite (no NaN or Inf)")
    m, n = X.shape
    if image_shape is None:
        width = round(float(np.sqrt(n)))
        if n % width:
            raise ValueError(
                f"{fname}: {n} pixels do not fill images of width round(sqrt({n})) = {width}; "
                "give image_shape"
            )
        height = n // width
    else:
        height, width = (int(v) for v in image_shape)
        if height < 1 or width < 1 or height * width != n:
            raise ValueError(
                f"{fname}: image_shape must be (height, width) with height * width = {n}, "
                f"got {tuple(image_shape)}"
            )
    if order not in ("F", "C"):
        raise ValueError(f"{fname}: order must be 'F' or 'C', got {order!r}")
    pad = check_int(pad, "pad", fname, minimum=0)

    rows = int(np.floor(np.sqrt(m)))
    cols = int(np.ceil(m / rows))
    top = np.max(np.abs(X), axis=1, keepdims=True)
    top[top == 0] = 1.0
    images = X / top
    if order == "F":
        images = images.reshape(m, width, height).transpose(0, 2, 1)
    else:
        images = images.reshape(m, height, width)
    A = -np.ones((pad + rows * (height + pad), pad + cols * (width + pad)))
    for k in range(m):
        r, c = divmod(k, cols)
        top_row = pad + r * (height + pad)
        left = pad + c * (width + pad)
        A[top_row:top_row + height, left:left + width] = images[k]
    return A


def display_data(
    X: ArrayLike,
    image_shape: Sequence[int] | None = None,
    *,
    order: str = "F",
    path: PathLike | None = None,
    pad: int = 1,
    scale: int | None = None,
    ax: object = None,
) -> Any:
    """The course's ``displayData``: draw the rows of X as a grid of grey images.

    Parameters
    ----------
    X : array_like of shape (m, n) or (n,)
        One image per row (e.g. examples, or ``Theta1[:, 1:]`` for hidden units).
    image_shape : (height, width), optional
        Default: ``width = round(sqrt(n))``, ``height = n / width`` (the course's
        ``example_width`` rule).
    order : {'F', 'C'}, default 'F'
        How a row holds its pixels: 'F' column by column (the course's 20x20
        MNIST data, Octave's ``reshape``), 'C' row by row (scikit-learn's 8x8
        digits, the bundled data). Either way the picture comes out upright.
    path : str or path-like, optional
        Also write the grid as a PNG there, pixel for pixel (grey levels: -1
        black, 1 white; no axes or margins), aside then renamed. Nothing is
        written without it.
    pad : int, default 1
        Pixels of background (-1) around and between images.
    scale : int, optional
        Each grid pixel becomes ``scale x scale`` pixels in the PNG; default so the
        PNG is at least 400 pixels on its longer side.
    ax : matplotlib Axes, optional
        Draw into this Axes; by default into a new Figure.

    Returns
    -------
    fig : matplotlib.figure.Figure
        The Figure drawn in (`ax`'s, or a new one that Jupyter shows inline).
        The grid itself is ``display_array(X, image_shape, order=order, pad=pad)``.

    See Also
    --------
    display_array : the grid as an array (the Octave twin's ``display_array``).
    displayData.m : the Octave twin, ``[h, display_array] = displayData(X, width)``.
    """
    fname = "display_data"
    A = _grid(X, image_shape, order, pad, fname)
    if path is not None:
        _save_grey_png(A, path, scale)
    fig, ax = figure_and_axes(ax, (5.0 * min(1.0, A.shape[1] / A.shape[0]),
                                   5.0 * min(1.0, A.shape[0] / A.shape[1])), fname)
    ax.imshow(A, cmap="gray", vmin=-1.0, vmax=1.0, interpolation="nearest")
    ax.set_axis_off()
    return fig


def _save_grey_png(A: NDArray[np.float64], path: PathLike, scale: int | None) -> None:
    """Write A (values in [-1, 1]) as an 8-bit grey PNG, each pixel a scale x scale block."""
    from matplotlib.image import imsave

    if scale is None:
        scale = max(1, int(np.ceil(400 / max(A.shape))))
    big = np.kron(A, np.ones((scale, scale)))
    write_aside(path, lambda f: imsave(f, big, cmap="gray", vmin=-1.0, vmax=1.0, format="png"),
                fname="display_data")


def plot_cost_history(
    history: ArrayLike, path: PathLike | None = None, *, title: str = "Training cost",
    ax: object = None,
) -> Any:
    """Plot the cost after each iteration; save it only when given a path.

    Parameters
    ----------
    history : array_like of shape (nit,)
        E.g. ``train(...).fun_history``.
    path : str or path-like, optional
        Write the figure there (PNG, or the format its suffix names), aside then renamed.
    title : str
        Title above the curve.
    ax : matplotlib Axes, optional
        Draw into this Axes; by default into a new Figure.

    Returns
    -------
    fig : matplotlib.figure.Figure
        The Figure drawn in (`ax`'s, or a new one that Jupyter shows inline).
    """
    fname = "plot_cost_history"
    h = np.asarray(history, dtype=np.float64).reshape(-1)
    own = ax is None
    fig, ax = figure_and_axes(ax, (6, 4), fname)
    ax.plot(np.arange(1, h.size + 1), h, marker="." if h.size < 60 else None)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost J")
    ax.set_title(title)
    ax.grid(True, alpha=0.3)
    if own:
        fig.tight_layout()
    if path is not None:
        save_figure(fig, path, fname)
    return fig


def save_figure(fig, path: PathLike, fname: str) -> None:
    """Write a matplotlib Figure to `path`, aside then renamed.

    Every plot of nnvec saves here; `fname` names the caller in errors.
    """
    fmt = os.path.splitext(os.fspath(path))[1][1:].lower() or "png"
    write_aside(path, lambda f: fig.savefig(f, format=fmt), fname=fname)


def save_weights(path: PathLike, Thetas: Sequence[ArrayLike]) -> None:
    """Write the weight matrices to a MATLAB .mat file as Theta1, Theta2, ...

    Octave and MATLAB read it with ``load(path)`` (a struct with fields Theta1, ...),
    like the course's ``ex4weights.mat``. The file is written aside and renamed
    into place (`nnvec.io.files.write_aside`): an interrupted or failed save
    leaves the previous file as it was, and the error names the file.

    See Also
    --------
    load_weights : the inverse.
    """
    if len(Thetas) == 0:
        raise ValueError("save_weights: Thetas must hold at least one matrix, got none")
    mats = {}
    for i, T in enumerate(Thetas, start=1):
        T = np.asarray(T, dtype=np.float64)
        if T.ndim != 2:
            raise ValueError(f"save_weights: Theta{i} must be a 2-D matrix, got shape {T.shape}")
        mats[f"Theta{i}"] = T
    write_aside(path, lambda f: scipy.io.savemat(f, mats, do_compression=True),
                fname="save_weights")


def load_weights(path: PathLike) -> list[NDArray[np.float64]]:
    """Read Theta1, Theta2, ... (in order, until one is missing) from a .mat file.

    When the file's folder holds an ``nnvec train`` manifest (``run.json``)
    listing the file with another sha256, the file belongs to another run (an
    interrupted one) and a ValueError says so (`nnvec.io.runs.check_manifest`).
    """
    check_manifest(path, "load_weights")
    data = scipy.io.loadmat(os.fspath(path))
    Thetas = []
    while f"Theta{len(Thetas) + 1}" in data:
        Thetas.append(np.asarray(data[f"Theta{len(Thetas) + 1}"], dtype=np.float64))
    if not Thetas:
        raise ValueError(f"load_weights: {os.fspath(path)} holds no Theta1")
    return Thetas
