"""nnvec.io.evaluate: the confusion matrix and the pictures of the held-out mistakes."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.image import imread
from nnvec.io.evaluate import (
    confusion_matrix,
    label_names,
    plot_confusion_matrix,
    plot_misclassified,
)
from numpy.testing import assert_array_equal


def captions(fig) -> list[str]:
    """The ``true -> predicted`` captions of plot_misclassified's grid."""
    return [x.get_text() for x in fig.axes[0].texts if "\u2192" in x.get_text()]

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_confusion_matrix_counts_pairs(rng):
    K = 10
    t = rng.integers(1, K + 1, size=500)
    p = np.where(rng.random(500) < 0.7, t, rng.integers(1, K + 1, size=500))
    C = confusion_matrix(t, p.astype(float), K)
    # An independent count, pair by pair.
    expected = np.zeros((K, K), dtype=int)
    for a, b in zip(t, p, strict=True):
        expected[a - 1, b - 1] += 1
    assert_array_equal(C, expected)
    assert C.dtype == np.int64
    assert_array_equal(C.sum(axis=1), np.bincount(t, minlength=K + 1)[1:])
    assert np.trace(C) == np.sum(t == p)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([1, 2], [1], 2), "y_true and y_pred must have the same length, got 2 and 1"),
        (([1, 3], [1, 2], 2), "y_true must hold labels 1..2, got 3 at position 2"),
        (([1, 2], [0, 2], 2), "y_pred must hold labels 1..2, got 0 at position 1"),
        (([1, 2], [1, 1.5], 2), "y_pred must hold labels 1..2, got 1.5 at position 2"),
        (([1], [1], 0), "num_labels must be a positive integer, got 0"),
    ],
)
def test_confusion_matrix_rejects_bad_labels(args, message):
    with pytest.raises(ValueError, match=f"confusion_matrix: {message}"):
        confusion_matrix(*args)


def test_label_names():
    assert label_names(10) == ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"]
    assert label_names(3) == ["1", "2", "3"]


def test_confusion_picture_is_written(tmp_path):
    C = np.array([[5, 1, 0], [0, 4, 2], [1, 0, 7]])
    path = tmp_path / "confusion.png"
    plot_confusion_matrix(C, path, title="test")
    assert path.read_bytes()[:8] == PNG_MAGIC
    assert imread(path).shape[0] > 100
    with pytest.raises(ValueError, match=r"plot_confusion_matrix: C must be a square"):
        plot_confusion_matrix(np.ones((2, 3)), tmp_path / "bad.png")
    assert not (tmp_path / "bad.png").exists()


def test_misclassified_grid(tmp_path, rng):
    X = rng.random((30, 20))  # 5 x 4 images
    t = np.tile(np.arange(1, 11), 3)
    p = t.copy()
    wrong = [2, 7, 11, 29]
    p[wrong] = [1, 1, 5, 3]
    path = tmp_path / "mis.png"
    fig = plot_misclassified(X, t, p, (5, 4), path, order="C")
    assert len(captions(fig)) == len(wrong)  # one captioned picture per image shown
    assert len(fig.axes[0].images) == 1  # the grid drawn as one image
    assert path.read_bytes()[:8] == PNG_MAGIC
    # At most max_images of them, the first ones.
    fig = plot_misclassified(X, t, p, (5, 4), tmp_path / "two.png", max_images=2)
    assert len(captions(fig)) == 2
    # No mistakes: a picture that says so.
    none = plot_misclassified(X, t, t, (5, 4), tmp_path / "none.png")
    assert captions(none) == [] and len(none.axes[0].images) == 0
    assert (tmp_path / "none.png").read_bytes()[:8] == PNG_MAGIC
    with pytest.raises(ValueError, match="plot_misclassified: X must be m x n"):
        plot_misclassified(X[:5], t, p, (5, 4), tmp_path / "bad.png")
