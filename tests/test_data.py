"""Data: the bundled digits.mat, the .mat and IDX loaders, in both languages.

Python: ``nnvec.io.data`` (load_mat, load_idx, load_dataset). Octave: ``loadIdx.m``,
``loadDataset.m``. The same files must give the same X and y, bit for bit, and
the same faults the same messages (after the function-name prefix).
"""

from __future__ import annotations

import contextlib
import gzip
import importlib.util
import os
import re
import struct
import subprocess
import sys
import zlib

import numpy as np
import pytest
import scipy.io
from conftest import DATA_DIR, ROOT, col
from nnvec.io import data
from nnvec.io.data import load_dataset, load_idx, load_mat
from numpy.testing import assert_array_equal
from oct2py import Oct2PyError

DIGITS = DATA_DIR / "digits.mat"
MAKE_DIGITS = ROOT / "scripts" / "make_digits.py"


def assert_rebuilt(out, committed_file, built_with_zlib: str) -> None:
    """A rebuilt .mat holds the committed file's arrays bit for bit; its bytes too
    where zlib is the one the committed file was compressed with (another may
    choose other, valid, bytes)."""
    built, committed = scipy.io.loadmat(out), scipy.io.loadmat(committed_file)
    for name in ("X", "y", "Xtest", "ytest"):
        assert built[name].dtype == committed[name].dtype == np.float64
        assert np.array_equal(built[name], committed[name]), name
    if zlib.ZLIB_RUNTIME_VERSION == built_with_zlib:
        assert out.read_bytes() == committed_file.read_bytes()


def mat_element_kinds(path) -> list[int]:
    """The data type of each top-level element of a v5 .mat file (15: miCOMPRESSED)."""
    raw = path.read_bytes()
    offset, kinds = 128, []
    while offset < len(raw):
        kind, size = np.frombuffer(raw[offset:offset + 8], dtype="<u4")
        kinds.append(int(kind))
        offset += 8 + int(size)
    return kinds


def _make_digits():
    """scripts/make_digits.py as a module (for the zlib it records)."""
    spec = importlib.util.spec_from_file_location("make_digits", MAKE_DIGITS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
# Magic numbers of the IDX format (type 0x08 = unsigned byte, then the number of dimensions).
IMAGES_MAGIC = 0x00000803
LABELS_MAGIC = 0x00000801


def write_idx(path, magic, dims, payload, *, gz=False):
    """An IDX file: big-endian uint32 magic and dims, then the payload bytes."""
    raw = struct.pack(">" + "I" * (1 + len(dims)), magic, *dims) + bytes(payload)
    if gz:
        raw = gzip.compress(raw, mtime=0)
    path.write_bytes(raw)
    return path


def idx_pair(folder, n=5, rows=3, cols=4, *, prefix="train", gz=False, seed=0):
    """Random images and labels 0..9 (with a 0 among them) as an IDX pair; returns both."""
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 256, size=(n, rows, cols), dtype=np.uint8)
    pixels[0, 0, 0], pixels[-1, -1, -1] = 0, 255  # both ends of the byte range
    digits = rng.integers(0, 10, size=n, dtype=np.uint8)
    digits[0] = 0
    ext = ".gz" if gz else ""
    img = write_idx(folder / f"{prefix}-images-idx3-ubyte{ext}", IMAGES_MAGIC, (n, rows, cols),
                    pixels.tobytes(), gz=gz)
    lab = write_idx(folder / f"{prefix}-labels-idx1-ubyte{ext}", LABELS_MAGIC, (n,),
                    digits.tobytes(), gz=gz)
    return img, lab, pixels, digits


@contextlib.contextmanager
def data_dir_env(oc, monkeypatch, path):
    """NNVEC_DATA_DIR set to `path` in this process and in the Octave session."""
    before = oc.feval("getenv", "NNVEC_DATA_DIR")
    monkeypatch.setenv("NNVEC_DATA_DIR", str(path))
    oc.feval("setenv", "NNVEC_DATA_DIR", str(path), nout=0)
    try:
        yield
    finally:
        oc.feval("setenv", "NNVEC_DATA_DIR", before or "", nout=0)


def octave_dataset(oc, name):
    """loadDataset(name) as a dict of numpy arrays (columns raveled), name and shape."""
    s = oc.feval("loadDataset", str(name))
    out = {k: np.asarray(s[k], dtype=float) for k in ("X", "Xtest")}
    out.update({k: np.asarray(s[k], dtype=float).ravel() for k in ("y", "ytest")})
    out["name"] = s["name"]
    out["imageShape"] = tuple(int(v) for v in np.asarray(s["imageShape"]).ravel())
    return out


def assert_same_dataset(py, oc_data):
    assert_array_equal(oc_data["X"], py.X)
    assert_array_equal(oc_data["y"], py.y)
    if py.X_test is None:
        assert oc_data["Xtest"].size == 0 and oc_data["ytest"].size == 0
    else:
        assert_array_equal(oc_data["Xtest"], py.X_test)
        assert_array_equal(oc_data["ytest"], py.y_test)
    assert oc_data["name"] == py.name
    assert oc_data["imageShape"] == (py.image_shape or ())


# ---------------------------------------------------------------------------
# make_digits.py and the bundled file


def test_make_digits_rebuilds_the_committed_file_byte_for_byte(tmp_path):
    out = tmp_path / "digits.mat"
    r = subprocess.run([sys.executable, str(MAKE_DIGITS), str(out)], capture_output=True,
                       text=True, timeout=120, check=False)
    assert r.returncode == 0, r.stderr
    assert_rebuilt(out, DIGITS, _make_digits().BUILT_WITH_ZLIB)
    # The header holds no creation time: it is the script's fixed text.
    header = out.read_bytes()[:116]
    assert header.startswith(b"MATLAB 5.0 MAT-file, Platform: any, Created by: nnvec")
    assert not re.search(rb"\d\d:\d\d:\d\d", header)


def test_make_digits_without_scikit_learn_says_how_to_install(tmp_path):
    blocker = tmp_path / "sklearn"
    blocker.mkdir()
    (blocker / "__init__.py").write_text("raise ImportError('blocked by the test')\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    r = subprocess.run([sys.executable, str(MAKE_DIGITS), str(tmp_path / "d.mat")],
                       capture_output=True, text=True, env=env, timeout=120, check=False)
    assert r.returncode == 1
    assert "make_digits: scikit-learn is needed" in r.stderr
    assert "pip install '.[data]'" in r.stderr
    assert "Traceback" not in r.stderr
    assert not (tmp_path / "d.mat").exists()


def test_digits_shapes_and_ranges():
    ds = load_dataset("digits")
    # 1797 images in load_digits; 450 = ceil(1797 / 4) held out (scripts/make_digits.py)
    assert ds.X.shape == (1347, 64) and ds.X_test.shape == (450, 64)
    assert ds.y.shape == (1347,) and ds.y_test.shape == (450,)
    assert ds.name == "digits" and ds.image_shape == (8, 8)
    for a in (ds.X, ds.y, ds.X_test, ds.y_test):
        assert a.dtype == np.float64 and a.flags.c_contiguous
    X = np.vstack([ds.X, ds.X_test])
    assert X.min() == 0.0 and X.max() == 1.0
    assert_array_equal(X * 16, np.round(X * 16))  # pixels k/16, k = 0..16
    assert set(np.unique(ds.y)) == set(np.unique(ds.y_test)) == set(range(1, 11))
    assert "X=(1347, 64)" in repr(ds)


def test_digits_are_load_digits_split_in_order_with_stratification():
    from sklearn.datasets import load_digits

    bunch = load_digits()
    images, target = bunch.images, bunch.target
    ds = load_dataset("digits")

    # Walk load_digits in order: each image is the next training row or the next held-out row.
    i = j = 0
    train_idx, test_idx = [], []
    for k in range(target.size):
        row = images[k] / 16.0
        if i < ds.y.size and np.array_equal(ds.X[i].reshape(8, 8), row):
            train_idx.append(k)
            i += 1
        elif j < ds.y_test.size and np.array_equal(ds.X_test[j].reshape(8, 8), row):
            test_idx.append(k)
            j += 1
        else:
            pytest.fail(f"load_digits image {k} is not the next row of X or Xtest")
    assert (i, j) == (ds.y.size, ds.y_test.size)

    labels = np.where(target == 0, 10, target)
    assert_array_equal(ds.y, labels[train_idx])
    assert_array_equal(ds.y_test, labels[test_idx])
    # Stratified: each class holds out its share of 450 to within one image.
    counts = np.bincount(target, minlength=10)
    held = np.bincount(target[test_idx], minlength=10)
    assert np.all(np.abs(held - counts * 450 / target.size) < 1), held
    # The seed shuffles within each class: the held-out rows are not its first ones.
    for d in range(10):
        members = np.flatnonzero(target == d)
        assert not np.array_equal(np.intersect1d(members, test_idx), members[: held[d]])


@pytest.mark.octave
def test_digits_identical_in_octave(oc):
    assert_same_dataset(load_dataset("digits"), octave_dataset(oc, "digits"))


@pytest.mark.octave
def test_digits_found_through_nnvec_data_dir_first(oc, monkeypatch, tmp_path):
    X = np.arange(12, dtype=float).reshape(3, 4) / 11
    scipy.io.savemat(tmp_path / "digits.mat", {"X": X, "y": col([1, 2, 10]),
                                               "Xtest": X[:1], "ytest": col([3])})
    with data_dir_env(oc, monkeypatch, tmp_path):
        py = load_dataset("digits")
        oc_data = octave_dataset(oc, "digits")
    assert_array_equal(py.X, X)
    assert_same_dataset(py, oc_data)


def test_digits_fall_back_to_the_bundled_file(monkeypatch, tmp_path):
    monkeypatch.setenv("NNVEC_DATA_DIR", str(tmp_path))  # a folder without digits.mat
    assert load_dataset("digits").X.shape == (1347, 64)


# ---------------------------------------------------------------------------
# IDX files


@pytest.mark.octave
@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gz"])
def test_idx_round_trip_in_both_languages(oc, tmp_path, gz):
    img, lab, pixels, digits = idx_pair(tmp_path, n=6, rows=3, cols=5, gz=gz)
    X, y = load_idx(img, lab)
    assert X.shape == (6, 15) and X.dtype == np.float64 and X.flags.c_contiguous
    # Row-major flattening: pixel (r, c) of image i is X[i, r*5 + c].
    assert_array_equal(X.reshape(6, 3, 5), pixels / 255.0)
    assert X[0, 0] == 0.0 and X[-1, -1] == 1.0
    assert_array_equal(y, np.where(digits == 0, 10, digits))
    assert y[0] == 10  # digit 0 -> label 10
    Xo, yo, shape = oc.feval("loadIdx", str(img), str(lab), nout=3)
    assert_array_equal(Xo, X)
    assert_array_equal(np.ravel(yo), y)
    assert_array_equal(np.ravel(shape), [3, 5])


@pytest.mark.octave
def test_idx_gz_leaves_the_data_folder_alone(oc, tmp_path):
    img, lab, _, _ = idx_pair(tmp_path, gz=True)
    before = sorted(p.name for p in tmp_path.iterdir())
    oc.feval("loadIdx", str(img), str(lab), nout=2)
    load_idx(img, lab)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_label_mapping_all_digits(tmp_path):
    img = write_idx(tmp_path / "i", IMAGES_MAGIC, (10, 1, 1), range(10))
    lab = write_idx(tmp_path / "l", LABELS_MAGIC, (10,), range(10))
    _, y = load_idx(img, lab)
    assert_array_equal(y, [10, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    assert y.dtype == np.float64


def _corrupt_cases(tmp_path):
    """(images, labels, message after the function name) for each fault."""
    img, lab, pixels, _ = idx_pair(tmp_path, n=3, rows=2, cols=2)
    good = pixels.tobytes()
    cases = {}
    p = write_idx(tmp_path / "magic", 0x00000802, (3, 2, 2), good)
    cases["bad magic"] = (p, lab, f"{p}: bad magic number 0x00000802, expected 0x00000803 "
                                  "(IDX images of unsigned bytes)")
    p = write_idx(tmp_path / "labels-as-images", LABELS_MAGIC, (3,), b"\x01\x02\x03")
    cases["labels given as images"] = (p, lab, f"{p}: bad magic number 0x00000801, "
                                               "expected 0x00000803")
    p = write_idx(tmp_path / "truncated", IMAGES_MAGIC, (3, 2, 2), good[:-1])
    # 16-byte header + 11 bytes; 3x2x2 needs 16 + 12 = 28
    cases["truncated data"] = (p, lab, f"{p}: truncated: 27 bytes, dimensions 3x2x2 need 28")
    p = tmp_path / "short-header"
    p.write_bytes(struct.pack(">II", IMAGES_MAGIC, 3))
    cases["truncated header"] = (p, lab, f"{p}: truncated: 8 bytes, the IDX images header "
                                         "needs 16")
    p = tmp_path / "tiny"
    p.write_bytes(b"\x00\x00")
    cases["no magic"] = (p, lab, f"{p}: truncated: 2 bytes, an IDX file starts with a "
                                 "4-byte magic number")
    p = write_idx(tmp_path / "trailing", IMAGES_MAGIC, (3, 2, 2), good + b"xyz")
    cases["trailing bytes"] = (p, lab, f"{p}: 3 trailing bytes after the 28 that "
                                       "dimensions 3x2x2 need")
    p = write_idx(tmp_path / "zero", IMAGES_MAGIC, (0, 2, 2), b"")
    cases["zero images"] = (p, lab, f"{p}: dimensions must be >= 1, got 0x2x2")
    p = write_idx(tmp_path / "two-labels", LABELS_MAGIC, (2,), b"\x01\x02")
    cases["count mismatch"] = (img, p, f"{img} holds 3 images but {p} holds 2 labels")
    p = write_idx(tmp_path / "label-10", LABELS_MAGIC, (3,), b"\x01\x0a\x02")
    cases["label out of range"] = (img, p, f"{p}: labels must be digits 0..9, got 10 at "
                                           "position 2")
    p = tmp_path / "not-gzip.gz"
    p.write_bytes(write_idx(tmp_path / "plain", IMAGES_MAGIC, (3, 2, 2), good).read_bytes())
    cases["not gzip"] = (p, lab, f"{p}: cannot decompress (")
    p = tmp_path / "cut.gz"
    p.write_bytes(gzip.compress(struct.pack(">IIII", IMAGES_MAGIC, 3, 2, 2) + good)[:-9])
    cases["truncated gzip"] = (p, lab, f"{p}: cannot decompress (")
    return cases


CORRUPT = ["bad magic", "labels given as images", "truncated data", "truncated header",
           "no magic", "trailing bytes", "zero images", "count mismatch",
           "label out of range", "not gzip", "truncated gzip"]


@pytest.mark.parametrize("case", CORRUPT)
def test_corrupt_idx_python(tmp_path, case):
    img, lab, message = _corrupt_cases(tmp_path)[case]
    with pytest.raises(ValueError, match="^" + re.escape("load_idx: " + message)):
        load_idx(img, lab)


@pytest.mark.octave
@pytest.mark.parametrize("case", CORRUPT)
def test_corrupt_idx_octave(oc, tmp_path, case):
    img, lab, message = _corrupt_cases(tmp_path)[case]
    with pytest.raises(Oct2PyError, match=re.escape("loadIdx: " + message)):
        oc.feval("loadIdx", str(img), str(lab), nout=2)


@pytest.mark.octave
def test_missing_idx_file_both_languages(oc, tmp_path):
    missing = tmp_path / "nothing-idx3-ubyte"
    with pytest.raises(FileNotFoundError, match=re.escape(f"load_idx: {missing}: no such file")):
        load_idx(missing, missing)
    with pytest.raises(Oct2PyError, match=re.escape(f"loadIdx: {missing}: no such file")):
        oc.feval("loadIdx", str(missing), str(missing), nout=2)


@pytest.mark.octave
@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gz"])
def test_idx_folder_dataset_in_both_languages(oc, tmp_path, gz):
    idx_pair(tmp_path, n=7, rows=4, cols=3, gz=gz, seed=1)
    idx_pair(tmp_path, n=2, rows=4, cols=3, prefix="t10k", gz=gz, seed=2)
    py = load_dataset(tmp_path)
    assert py.X.shape == (7, 12) and py.X_test.shape == (2, 12)
    assert py.image_shape == (4, 3) and py.name == str(tmp_path)
    assert_same_dataset(py, octave_dataset(oc, tmp_path))


@pytest.mark.octave
def test_idx_folder_without_held_out_part(oc, tmp_path):
    idx_pair(tmp_path)
    py = load_dataset(str(tmp_path))
    assert py.X_test is None and py.y_test is None
    assert_same_dataset(py, octave_dataset(oc, tmp_path))


@pytest.mark.octave
def test_idx_folder_faults(oc, tmp_path):
    with pytest.raises(FileNotFoundError, match="no train-images-idx3-ubyte"):
        load_dataset(tmp_path)
    with pytest.raises(Oct2PyError, match=r"loadDataset: .*no train-images-idx3-ubyte"):
        oc.feval("loadDataset", str(tmp_path))
    idx_pair(tmp_path)
    write_idx(tmp_path / "t10k-labels-idx1-ubyte", LABELS_MAGIC, (1,), b"\x03")
    message = "must come together (optionally .gz), found only one"
    with pytest.raises(FileNotFoundError, match=re.escape(message)):
        load_dataset(tmp_path)
    with pytest.raises(Oct2PyError, match=re.escape(message)):
        oc.feval("loadDataset", str(tmp_path))
    write_idx(tmp_path / "t10k-images-idx3-ubyte", IMAGES_MAGIC, (1, 2, 6), bytes(12))
    message = f"{tmp_path}: t10k images are 2x6 but train images are 3x4"
    with pytest.raises(ValueError, match=re.escape("load_dataset: " + message)):
        load_dataset(tmp_path)
    with pytest.raises(Oct2PyError, match=re.escape("loadDataset: " + message)):
        oc.feval("loadDataset", str(tmp_path))


@pytest.mark.octave
def test_fashion_mnist_name_reads_nnvec_data_dir(oc, monkeypatch, tmp_path):
    folder = tmp_path / "fashion-mnist"
    folder.mkdir()
    idx_pair(folder, n=4, rows=28, cols=28, gz=True, seed=3)
    idx_pair(folder, n=3, rows=28, cols=28, prefix="t10k", gz=True, seed=4)
    with data_dir_env(oc, monkeypatch, tmp_path):
        py = load_dataset("fashion-mnist")
        oc_data = octave_dataset(oc, "fashion-mnist")
    assert py.name == "fashion-mnist" and py.image_shape == (28, 28)
    assert py.X.shape == (4, 784) and py.X_test.shape == (3, 784)
    assert_same_dataset(py, oc_data)


def test_fashion_mnist_missing_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("NNVEC_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(data, "FASHION_MNIST_SYSTEM_DIR", str(tmp_path / "not-installed"))
    with pytest.raises(FileNotFoundError, match=re.escape(
            "apt-get install dataset-fashion-mnist")):
        load_dataset("fashion-mnist")


# The real Fashion-MNIST files: tests/test_fashion_mnist.py.


# ---------------------------------------------------------------------------
# .mat files


def test_load_mat_course_style(tmp_path):
    X = np.asfortranarray(np.arange(20, dtype=float).reshape(5, 4) / 7)
    path = tmp_path / "ex.mat"
    scipy.io.savemat(path, {"X": X, "y": col([10, 1, 2, 3, 10]), "other": np.eye(2)})
    Xl, yl = load_mat(path)
    assert_array_equal(Xl, X)
    assert_array_equal(yl, [10, 1, 2, 3, 10])
    assert Xl.flags.c_contiguous and Xl.dtype == np.float64
    assert yl.shape == (5,) and yl.dtype == np.float64
    # a row of labels and integer classes are accepted too
    scipy.io.savemat(path, {"X": X.astype(np.uint8), "y": np.array([[1, 2, 3, 4, 5]])})
    Xl, yl = load_mat(str(path))
    assert Xl.dtype == np.float64
    assert_array_equal(yl, [1, 2, 3, 4, 5])


MAT_FAULTS = {
    # name: (variables, message after "FILE: ")
    "no y": ({"X": np.ones((3, 2))},
             "no variable 'y' (a course-style .mat file holds X, m x n, and y, m x 1), "
             "found: X"),
    "no X": ({"Z": np.ones((3, 2)), "y": col([1, 2, 3])},
             "no variable 'X' (a course-style .mat file holds X, m x n, and y, m x 1), "
             "found: Z, y"),
    "y too short": ({"X": np.ones((3, 2)), "y": col([1, 2])},
                    "y must be a vector of m = 3 labels (one per row of X), got shape 2x1"),
    "y matrix": ({"X": np.ones((4, 2)), "y": np.ones((2, 2))},
                 "y must be a vector of m = 4 labels (one per row of X), got shape 2x2"),
    "label 0": ({"X": np.ones((3, 2)), "y": col([1, 0, 2])},
                "y labels must be integers >= 1 (digit 0 is label 10), got 0 at position 2"),
    "label 1.5": ({"X": np.ones((2, 2)), "y": col([1.5, 2])},
                  "y labels must be integers >= 1 (digit 0 is label 10), got 1.5 at "
                  "position 1"),
    "NaN pixel": ({"X": np.array([[0.0, 1.0], [0.5, np.nan]]), "y": col([1, 2])},
                  "X must be finite (no NaN or Inf), got NaN at row 2, column 2"),
    "empty X": ({"X": np.zeros((0, 3)), "y": np.zeros((0, 1))},
                "X must be a non-empty 2-D matrix, got shape 0x3"),
    "text X": ({"X": "pixels", "y": col([1])},
               "X must be numeric, got MATLAB data of "),
    "Xtest columns": ({"X": np.ones((2, 3)), "y": col([1, 2]), "Xtest": np.ones((1, 2)),
                       "ytest": col([1])},
                      "Xtest must have n = 3 columns like X, got 2"),
    "Xtest alone": ({"X": np.ones((2, 3)), "y": col([1, 2]), "Xtest": np.ones((1, 3))},
                    "has Xtest but no ytest: give both or neither"),
    "bad ytest": ({"X": np.ones((2, 3)), "y": col([1, 2]), "Xtest": np.ones((1, 3)),
                   "ytest": col([-1])},
                  "ytest labels must be integers >= 1 (digit 0 is label 10), got -1 at "
                  "position 1"),
}


@pytest.mark.octave
@pytest.mark.parametrize("fault", list(MAT_FAULTS))
def test_mat_faults_same_message_in_both_languages(oc, tmp_path, fault):
    variables, message = MAT_FAULTS[fault]
    path = tmp_path / "bad.mat"
    scipy.io.savemat(path, variables)
    with pytest.raises(ValueError, match="^" + re.escape(f"load_dataset: {path}: {message}")):
        load_dataset(path)
    if "test" not in fault:  # load_mat reads X and y only
        with pytest.raises(ValueError, match="^" + re.escape(f"load_mat: {path}: {message}")):
            load_mat(path)
    with pytest.raises(Oct2PyError, match=re.escape(f"loadDataset: {path}: {message}")):
        oc.feval("loadDataset", str(path))


@pytest.mark.octave
def test_not_a_mat_file(oc, tmp_path):
    path = tmp_path / "notes.mat"
    path.write_text("these are not matrices\n")
    with pytest.raises(ValueError, match=re.escape(f"load_mat: {path}: not a readable .mat file")):
        load_mat(path)
    with pytest.raises(Oct2PyError, match=re.escape(f"loadDataset: {path}: not a readable "
                                                    ".mat file")):
        oc.feval("loadDataset", str(path))


def test_missing_mat_file(tmp_path):
    with pytest.raises(FileNotFoundError, match=re.escape(f"load_mat: {tmp_path / 'x.mat'}: "
                                                          "no such file")):
        load_mat(tmp_path / "x.mat")


@pytest.mark.octave
@pytest.mark.parametrize("n", [16, 10])
def test_mat_dataset_in_both_languages(oc, tmp_path, rng, n):
    X = rng.random((6, n))
    path = tmp_path / "set.mat"
    scipy.io.savemat(path, {"X": X, "y": col([1, 2, 3, 1, 2, 3]), "Xtest": X[:2] / 2,
                            "ytest": np.array([[3, 1]])})
    py = load_dataset(path)
    assert_array_equal(py.X, X)
    assert_array_equal(py.y_test, [3, 1])
    assert py.image_shape == ((4, 4) if n == 16 else None)  # sqrt(16) = 4; 10 no square
    assert_same_dataset(py, octave_dataset(oc, path))


@pytest.mark.octave
def test_unknown_name_both_languages(oc):
    message = ("unknown data set 'no-such-set': expected 'digits', 'mnist5k', 'fashion-mnist', "
               "a .mat file or a folder of IDX files")
    with pytest.raises(FileNotFoundError, match=re.escape(f"load_dataset: {message}")):
        load_dataset("no-such-set")
    with pytest.raises(Oct2PyError, match=re.escape(f"loadDataset: {message}")):
        oc.feval("loadDataset", "no-such-set")
    with pytest.raises(TypeError, match=r"load_dataset: name must be 'digits'.*got 3"):
        load_dataset(3)


def test_course_weights_file_is_not_a_data_file():
    """ex4weights.mat holds Theta1, Theta2: load_mat names what it found instead of X, y."""
    from conftest import SHARED_COURSE

    path = SHARED_COURSE / "ex4weights.mat"
    if not path.is_file():
        pytest.skip(f"{path} not present")
    with pytest.raises(ValueError, match=re.escape(f"{path}: no variable 'X'") + ".*"
                       + re.escape("found: Theta1, Theta2")):
        load_mat(path)


def test_course_file_if_present():
    """The course's ex4data1.mat (5000 x 400), when the shared folder holds it."""
    from conftest import SHARED_COURSE

    path = SHARED_COURSE / "ex4data1.mat"
    if not path.is_file():
        pytest.skip(f"{path} not present")
    X, y = load_mat(path)
    assert X.shape == (5000, 400) and y.shape == (5000,)  # ex4.pdf: 5000 examples of 20x20
    assert set(np.unique(y)) == set(range(1, 11))
    ds = load_dataset(path)
    assert ds.image_shape == (20, 20) and ds.X_test is None


def test_the_committed_digits_file_is_compressed():
    # Every variable a compressed element (miCOMPRESSED, type 15), as mnist5k.mat.
    assert mat_element_kinds(DIGITS) == [15, 15, 15, 15]
