"""How a trained network errs on held-out data: confusion matrix and the misclassified images.

``nnvec train`` writes both pictures for a data set with a held-out part
(``confusion.png``, ``misclassified.png``). Rendering uses matplotlib's Agg
canvas directly (no pyplot, no window) and saves through ``nnvec.io.display``,
like the other pictures.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..core.validate import check_int
from .display import PathLike, display_data, save_figure

__all__ = ["confusion_matrix", "label_names", "plot_confusion_matrix", "plot_misclassified"]


def confusion_matrix(y_true: ArrayLike, y_pred: ArrayLike, num_labels: int) -> NDArray[np.int64]:
    """Counts of (true label, predicted label) pairs.

    Parameters
    ----------
    y_true, y_pred : array_like of shape (m,)
        Labels 1..num_labels (the course's convention).
    num_labels : int
        K, the number of classes.

    Returns
    -------
    C : ndarray of shape (K, K), int64
        ``C[i, j]`` is how many examples of label ``i + 1`` were predicted as
        ``j + 1``: the diagonal holds the correct answers, each row sums to the
        examples of its label.

    Examples
    --------
    >>> confusion_matrix([1, 2, 2, 3], [1, 3, 2, 3], 3)
    array([[1, 0, 0],
           [0, 1, 1],
           [0, 0, 1]])
    """
    fname = "confusion_matrix"
    t = np.asarray(y_true, dtype=np.float64).reshape(-1)
    p = np.asarray(y_pred, dtype=np.float64).reshape(-1)
    K = check_int(num_labels, "num_labels", fname)
    if t.shape != p.shape:
        raise ValueError(f"{fname}: y_true and y_pred must have the same length, got "
                         f"{t.size} and {p.size}")
    for name, v in (("y_true", t), ("y_pred", p)):
        bad = np.flatnonzero(~((v >= 1) & (v <= K) & (v == np.round(v))))
        if bad.size:
            raise ValueError(f"{fname}: {name} must hold labels 1..{K}, got {v[bad[0]]:g} at "
                             f"position {bad[0] + 1}")
    C = np.zeros((K, K), dtype=np.int64)
    np.add.at(C, (t.astype(np.int64) - 1, p.astype(np.int64) - 1), 1)
    return C


def label_names(num_labels: int) -> list[str]:
    """Names of labels 1..K for the pictures: with K = 10, label 10 is class 0 ('0'..'9')."""
    if num_labels == 10:
        return [str(k % 10) for k in range(1, 11)]
    return [str(k) for k in range(1, num_labels + 1)]


def plot_confusion_matrix(
    C: ArrayLike, path: PathLike, *, names: Sequence[str] | None = None,
    title: str = "Confusion matrix",
) -> None:
    """Save the confusion matrix as a PNG: counts in the cells, true labels down, predicted across.

    Parameters
    ----------
    C : array_like of shape (K, K)
        From ``confusion_matrix``.
    path : str or path-like
        Output file (PNG).
    names : sequence of str, optional
        Names of the K labels (default ``label_names(K)``).
    title : str
        Title above the matrix.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    C = np.asarray(C)
    K = C.shape[0]
    if C.ndim != 2 or C.shape[1] != K or K == 0:
        raise ValueError(f"plot_confusion_matrix: C must be a square K x K matrix, got shape "
                         f"{C.shape}")
    names = list(names) if names is not None else label_names(K)
    fig = Figure(figsize=(1.2 + 0.5 * K, 1.0 + 0.5 * K), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
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
    fig.tight_layout()
    save_figure(fig, path, "plot_confusion_matrix")


def plot_misclassified(
    X: ArrayLike, y_true: ArrayLike, y_pred: ArrayLike, image_shape: Sequence[int],
    path: PathLike, *, order: str = "F", names: Sequence[str] | None = None,
    max_images: int = 100, title: str = "Misclassified",
) -> int:
    """Save a grid of the misclassified examples, each titled ``true -> predicted``.

    Parameters
    ----------
    X : array_like of shape (m, n)
        The examples (held-out images), one per row.
    y_true, y_pred : array_like of shape (m,)
        Labels 1..K.
    image_shape : (height, width)
        Size of one image; ``height * width = n``.
    path : str or path-like
        Output file (PNG).
    order : {'F', 'C'}
        Pixel order of a row (see ``display_data``).
    names : sequence of str, optional
        Names of labels 1..K (default ``label_names(max label)``).
    max_images : int
        At most this many (the first ones, in the order of X).
    title : str
        Title above the grid.

    Returns
    -------
    shown : int
        How many images the grid holds (0 draws a grid-less note that nothing
        was misclassified).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    X = np.asarray(X, dtype=np.float64)
    t = np.asarray(y_true).reshape(-1)
    p = np.asarray(y_pred).reshape(-1)
    if X.ndim != 2 or X.shape[0] != t.size or t.size != p.size:
        raise ValueError(f"plot_misclassified: X must be m x n with m = len(y_true) = "
                         f"len(y_pred), got X {X.shape}, {t.size} and {p.size} labels")
    K = int(max(t.max(initial=1), p.max(initial=1)))
    names = list(names) if names is not None else label_names(K)
    wrong = np.flatnonzero(t != p)
    shown = wrong[:max_images]
    n = shown.size
    cols = max(1, int(np.ceil(np.sqrt(n))))
    rows = max(1, int(np.ceil(n / cols)))
    fig = Figure(figsize=(0.9 * cols + 0.4, 0.95 * rows + 0.7), dpi=100)
    FigureCanvasAgg(fig)
    if n == 0:
        fig.text(0.5, 0.5, "no misclassified examples", ha="center", va="center")
    for k, i in enumerate(shown):
        ax = fig.add_subplot(rows, cols, k + 1)
        img = display_data(X[i], image_shape, order=order, pad=0)
        ax.imshow(img, cmap="gray", vmin=-1.0, vmax=1.0)
        ax.set_title(f"{names[int(t[i]) - 1]} \u2192 {names[int(p[i]) - 1]}", fontsize=8,
                     pad=2)
        ax.set_xticks([])
        ax.set_yticks([])
    fig.suptitle(f"{title}: {wrong.size} of {t.size} (true \u2192 predicted)"
                 + (f", first {n} shown" if n < wrong.size else ""), fontsize=10)
    fig.tight_layout()
    save_figure(fig, path, "plot_misclassified")
    return int(n)
