"""How a trained network errs on held-out data: confusion matrix and the misclassified images.

``nnvec train`` writes both pictures for a data set with a held-out part
(``confusion.png``, ``misclassified.png``). Like the other pictures
(``nnvec.io.display``), each plot returns its matplotlib Figure (shown inline
by Jupyter), takes ``ax=`` and writes a file only when given a path. Labels
are the course's 1..K, or 0..K-1 with ``first_label=0`` (the Python port's;
``load_dataset(name, first_label=0)`` gives them).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import matplotlib
import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..core.conventions import check_first_label
from ..core.validate import check_int
from .display import PathLike, display_array, figure_and_axes, save_figure

__all__ = ["confusion_matrix", "label_names", "plot_confusion_matrix", "plot_misclassified"]


def confusion_matrix(y_true: ArrayLike, y_pred: ArrayLike, num_labels: int, *,
                     first_label: int = 1) -> NDArray[np.int64]:
    """Counts of (true label, predicted label) pairs.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (m,)
        Labels 1..num_labels (the course's convention), or 0..num_labels-1
        with ``first_label=0``.
    num_labels : int
        K, the number of classes.
    first_label : {1, 0}, default 1
        The first label.

    Returns
    -------
    C : ndarray of shape (K, K), int64
        ``C[i, j]`` is how many examples of label ``i + first_label`` were
        predicted as ``j + first_label``: the diagonal holds the correct
        answers, each row sums to the examples of its label.

    Examples
    --------
    >>> confusion_matrix([1, 2, 2, 3], [1, 3, 2, 3], 3)
    array([[1, 0, 0],
           [0, 1, 1],
           [0, 0, 1]])
    >>> confusion_matrix([0, 1, 1, 2], [0, 2, 1, 2], 3, first_label=0)
    array([[1, 0, 0],
           [0, 1, 1],
           [0, 0, 1]])
    """
    fname = "confusion_matrix"
    t = np.asarray(y_true, dtype=np.float64).reshape(-1)
    p = np.asarray(y_pred, dtype=np.float64).reshape(-1)
    K = check_int(num_labels, "num_labels", fname)
    first = check_first_label(first_label, fname)
    if t.shape != p.shape:
        raise ValueError(f"{fname}: y_true and y_pred must have the same length, got "
                         f"{t.size} and {p.size}")
    last = first + K - 1
    for name, v in (("y_true", t), ("y_pred", p)):
        bad = np.flatnonzero(~((v >= first) & (v <= last) & (v == np.round(v))))
        if bad.size:
            raise ValueError(f"{fname}: {name} must hold labels {first}..{last}, got "
                             f"{v[bad[0]]:g} at position {bad[0] + 1}")
    C = np.zeros((K, K), dtype=np.int64)
    np.add.at(C, (t.astype(np.int64) - first, p.astype(np.int64) - first), 1)
    return C


def label_names(num_labels: int, first_label: int = 1) -> list[str]:
    """Names of the K labels for the pictures, from `first_label` on.

    Labels 1..K: with K = 10, label 10 is class 0 ('1'..'9', '0'). Labels
    0..K-1 (``first_label=0``): each label is its own name ('0'..'9').
    """
    if first_label == 0:
        return [str(k) for k in range(num_labels)]
    if num_labels == 10:
        return [str(k % 10) for k in range(1, 11)]
    return [str(k) for k in range(1, num_labels + 1)]


def plot_confusion_matrix(
    C: ArrayLike, path: PathLike | None = None, *, names: Sequence[str] | None = None,
    title: str = "Confusion matrix", first_label: int = 1, ax: object = None,
) -> Any:
    """Draw the confusion matrix: counts in the cells, true labels down, predicted across.

    Parameters
    ----------
    C : array_like of shape (K, K)
        From ``confusion_matrix``.
    path : str or path-like, optional
        Write the figure there (PNG), aside then renamed; nothing is written without it.
    names : sequence of str, optional
        Names of the K labels (default ``label_names(K, first_label)``).
    title : str
        Title above the matrix.
    first_label : {1, 0}, default 1
        The label of row and column 1 (``confusion_matrix``'s `first_label`).
    ax : matplotlib Axes, optional
        Draw into this Axes; by default into a new Figure.

    Returns
    -------
    fig : matplotlib.figure.Figure
        The Figure drawn in (`ax`'s, or a new one that Jupyter shows inline).
    """
    fname = "plot_confusion_matrix"
    C = np.asarray(C)
    K = C.shape[0] if C.ndim >= 1 else 0
    if C.ndim != 2 or C.shape[1] != K or K == 0:
        raise ValueError(f"{fname}: C must be a square K x K matrix, got shape {C.shape}")
    first = check_first_label(first_label, fname)
    names = list(names) if names is not None else label_names(K, first)
    own = ax is None
    fig, ax = figure_and_axes(ax, (1.2 + 0.5 * K, 1.0 + 0.5 * K), fname)
    # Rows sum to each label's count: colour by the share of the row, so that the
    # off-diagonal mistakes stand out whatever the class sizes.
    share = C / np.maximum(C.sum(axis=1, keepdims=True), 1)
    ax.imshow(share, cmap="Blues", vmin=0.0, vmax=1.0)
    for i in range(K):
        for j in range(K):
            if C[i, j]:
                ax.text(j, i, str(C[i, j]), ha="center", va="center", fontsize=8,
                        color="white" if share[i, j] > 0.5 else "black")
    ax.set_xticks(range(K), names)
    ax.set_yticks(range(K), names)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    correct = int(np.trace(C))
    ax.set_title(f"{title}\n{correct} of {int(C.sum())} correct", fontsize=10)
    if own:
        fig.tight_layout()
    if path is not None:
        save_figure(fig, path, fname)
    return fig


def plot_misclassified(
    X: ArrayLike, y_true: ArrayLike, y_pred: ArrayLike, image_shape: Sequence[int],
    path: PathLike | None = None, *, order: str = "F", names: Sequence[str] | None = None,
    max_images: int = 100, title: str = "Misclassified", first_label: int = 1,
    ax: object = None,
) -> Any:
    """Draw a grid of the misclassified examples, each titled ``true -> predicted``.

    Parameters
    ----------
    X : array_like of shape (m, n)
        The examples (held-out images), one per row.
    y_true, y_pred : array_like of shape (m,)
        Labels 1..K, or 0..K-1 with ``first_label=0``.
    image_shape : (height, width)
        Size of one image; ``height * width = n``.
    path : str or path-like, optional
        Write the figure there (PNG), aside then renamed; nothing is written without it.
    order : {'F', 'C'}
        Pixel order of a row (see ``display_data``).
    names : sequence of str, optional
        Names of the labels from `first_label` on (default ``label_names(K, first_label)``).
    max_images : int
        At most this many (the first ones, in the order of X).
    title : str
        Title above the grid.
    first_label : {1, 0}, default 1
        The first label.
    ax : matplotlib Axes, optional
        Draw into this Axes (the grid is one image in it, each picture
        captioned by a text); by default into a new Figure.

    Returns
    -------
    fig : matplotlib.figure.Figure
        The Figure drawn in. Its grid Axes (``fig.axes[0]``, or `ax`) holds
        the grid as one image and one caption text ``true -> predicted`` per
        image shown; no image when nothing was misclassified (a note says so).
    """
    fname = "plot_misclassified"
    X = np.asarray(X, dtype=np.float64)
    t = np.asarray(y_true).reshape(-1)
    p = np.asarray(y_pred).reshape(-1)
    if X.ndim != 2 or X.shape[0] != t.size or t.size != p.size:
        raise ValueError(f"{fname}: X must be m x n with m = len(y_true) = "
                         f"len(y_pred), got X {X.shape}, {t.size} and {p.size} labels")
    first = check_first_label(first_label, fname)
    K = int(max(t.max(initial=first), p.max(initial=first))) + 1 - first
    names = list(names) if names is not None else label_names(K, first)
    wrong = np.flatnonzero(t != p)
    shown = wrong[:max_images]
    n = shown.size
    cols = max(1, int(np.ceil(np.sqrt(n))))
    rows = max(1, int(np.ceil(n / cols)))
    height = 0.95 * rows + 0.7
    own = ax is None
    fig, grid = figure_and_axes(ax, (0.9 * cols + 0.4, height), fname)
    grid.set_axis_off()
    if own:
        fig.subplots_adjust(left=0.02, right=0.98, bottom=0.02, top=1 - 0.55 / height)
    if n == 0:
        grid.text(0.5, 0.5, "no misclassified examples", ha="center", va="center",
                  transform=grid.transAxes)
    if n:
        # One image for the whole grid, each cell a picture with room above it
        # for its caption: a hundred inset Axes took most of a small run's time.
        h, w = int(image_shape[0]), int(image_shape[1])
        pad, top = max(1, w // 8), max(2, h // 3)
        mosaic = np.full((rows * (h + top), cols * (w + pad)), np.nan)
        for k, i in enumerate(shown):
            r, c = divmod(k, cols)
            y0, x0 = r * (h + top) + top, c * (w + pad)
            mosaic[y0:y0 + h, x0:x0 + w] = display_array(X[i], image_shape, order=order, pad=0)
            grid.text(x0 + w / 2 - 0.5, y0 - 0.8,
                      f"{names[int(t[i]) - first]} \u2192 {names[int(p[i]) - first]}",
                      ha="center", va="bottom", fontsize=8)
        cmap = matplotlib.colormaps["gray"].with_extremes(bad="white")
        grid.imshow(mosaic, cmap=cmap, vmin=-1.0, vmax=1.0, interpolation="nearest")
    grid.set_title(f"{title}: {wrong.size} of {t.size} (true \u2192 predicted)"
                   + (f", first {n} shown" if n < wrong.size else ""), fontsize=10)
    if path is not None:
        save_figure(fig, path, fname)
    return fig
