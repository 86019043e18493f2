"""Data loaders: course-style .mat files, MNIST-format IDX files, and named data sets.

Octave twins: ``loadDataset.m`` (``load_dataset`` and, for one file, ``load_mat``)
and ``loadIdx.m`` (``load_idx``). Both languages return the same numbers: X as
float64 with one example per row, y as labels 1..K with digit 0 as label 10.

Pixel order inside a row of X:

- IDX files (MNIST, Fashion-MNIST): row-major, as stored in the file, so pixel
  (r, c) of an R x C image (0-based) is column ``r * C + c`` of X. Show image i
  with ``X[i].reshape(R, C)`` in numpy and ``reshape(X(i, :), C, R)'`` in Octave.
- the bundled ``digits``: scikit-learn's row-major 8 x 8 order, the same rule
  (``X[i].reshape(8, 8)``; ``reshape(X(i, :), 8, 8)'``). See ``data/README.md``.
- the bundled ``mnist5k``: column-major 20 x 20, the course's order
  (``X[i].reshape((20, 20), order="F")``; ``reshape(X(i, :), 20, 20)``).
- other .mat files: whatever order they were saved in (the course's
  ``ex4data1.mat`` is column-major: ``reshape(X(i, :), 20, 20)`` in Octave).
"""

from __future__ import annotations

import gzip
import math
import os
import struct
import zlib
from dataclasses import dataclass

import numpy as np
import scipy.io
from numpy.typing import NDArray

from ..core.conventions import check_first_label
from ..core.messages import format_number, format_shape
from ..core.validate import check_bytes, dense
from ..resources import data_dir

__all__ = ["Dataset", "load_dataset", "load_idx", "load_mat"]

#: Environment variable naming a data folder searched before the bundled one.
DATA_DIR_ENV = "NNVEC_DATA_DIR"
#: Where Debian's ``dataset-fashion-mnist`` package installs the IDX files.
FASHION_MNIST_SYSTEM_DIR = "/usr/share/datasets/fashion-mnist"
#: Environment variable naming a folder used instead of FASHION_MNIST_SYSTEM_DIR.
FASHION_DIR_ENV = "NNVEC_FASHION_MNIST_DIR"

#: The data sets bundled in data/ as NAME.mat, and the size of one image.
BUNDLED = {"digits": (8, 8), "mnist5k": (20, 20)}

_IDX_UBYTE = 0x08
_IDX_WHAT = {3: "images", 1: "labels"}


@dataclass(frozen=True, eq=False, repr=False)
class Dataset:
    """A data set ready for training: a training part and an optional held-out part.

    Attributes
    ----------
    X : ndarray of shape (m, n)
        Training examples, one per row, float64, C-contiguous.
    y : ndarray of shape (m,)
        Labels 1..K as float64 (digit 0 is label 10).
    X_test : ndarray of shape (m_test, n) or None
        Held-out examples (None when the source has none).
    y_test : ndarray of shape (m_test,) or None
    name : str
        ``'digits'``, ``'mnist5k'``, ``'fashion-mnist'`` or the path given to
        ``load_dataset``.
    image_shape : tuple of int (rows, cols) or None
        Size of one image: (8, 8) for digits, (20, 20) for mnist5k, from the IDX
        header for IDX files,
        the square root of n for a .mat file when n is a perfect square, else None.
        It gives the size only, not the pixel order (see the module docstring).

    See Also
    --------
    loadDataset.m : the Octave twin returns a struct with fields X, y, Xtest,
        ytest (column labels), name, imageShape.
    """

    X: NDArray[np.float64]
    y: NDArray[np.float64]
    X_test: NDArray[np.float64] | None
    y_test: NDArray[np.float64] | None
    name: str
    image_shape: tuple[int, int] | None

    def __repr__(self) -> str:
        test = "none" if self.X_test is None else f"{self.X_test.shape}"
        return (
            f"Dataset(name={self.name!r}, X={self.X.shape}, X_test={test}, "
            f"image_shape={self.image_shape})"
        )


# ---------------------------------------------------------------------------
# .mat files


def load_mat(path: str | os.PathLike[str]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Read a course-style .mat file (like ``ex4data1.mat``): X and y.

    Parameters
    ----------
    path : str or path-like
        A MATLAB v4/v5/v7 .mat file holding ``X`` (m x n) and ``y`` (m x 1 or
        1 x m, integer labels >= 1). Other variables are ignored.

    Returns
    -------
    X : ndarray of shape (m, n)
        float64, C-contiguous.
    y : ndarray of shape (m,)
        float64 labels.

    Raises
    ------
    FileNotFoundError
        When `path` does not exist.
    ValueError
        When the file is not a readable .mat file, a variable is missing, X is
        not a finite non-empty numeric matrix, y does not have one label per
        row of X, or a label is not an integer >= 1. The message names the file.

    See Also
    --------
    loadDataset.m : the Octave twin (``data = loadDataset(path)``).
    load_dataset : also reads ``Xtest`` and ``ytest`` when the file has them.
    """
    S = _read_mat(path, "load_mat")
    return _mat_xy(S, "X", "y", os.fspath(path), "load_mat")


def _read_mat(path: str | os.PathLike[str], fname: str) -> dict:
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"{fname}: path must be a file name (str or path-like), got {path!r}")
    p = os.fspath(path)
    if not os.path.isfile(p):
        raise FileNotFoundError(f"{fname}: {p}: no such file")
    try:
        return scipy.io.loadmat(p)
    except NotImplementedError as exc:  # scipy's answer to v7.3 (HDF5) files
        raise ValueError(
            f"{fname}: {p}: cannot read this .mat file ({exc}); MATLAB v7.3 (HDF5) files "
            "are not supported: save it with save -v7 (or -v6)"
        ) from None
    except Exception as exc:  # scipy's parser fails in many ways on a foreign file
        raise ValueError(f"{fname}: {p}: not a readable .mat file ({exc})") from None


def _mat_xy(
    S: dict, xname: str, yname: str, path: str, fname: str, n: int | None = None
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Validated (X, y) from the variables `xname`, `yname` of a loaded .mat file."""
    for var in (xname, yname):
        if var not in S:
            found = ", ".join(sorted(k for k in S if not k.startswith("__"))) or "none"
            raise ValueError(
                f"{fname}: {path}: no variable '{var}' (a course-style .mat file holds "
                f"X, m x n, and y, m x 1), found: {found}"
            )
    X = _mat_numeric(S[xname], xname, path, fname)
    if X.ndim != 2 or X.size == 0:
        raise ValueError(
            f"{fname}: {path}: {xname} must be a non-empty 2-D matrix, got shape "
            f"{format_shape(X.shape)}"
        )
    if n is not None and X.shape[1] != n:
        raise ValueError(
            f"{fname}: {path}: {xname} must have n = {n} columns like X, got {X.shape[1]}"
        )
    bad = np.argwhere(~np.isfinite(X.T))  # column-major, as Octave's find
    if bad.size:
        c, r = bad[0]
        raise ValueError(
            f"{fname}: {path}: {xname} must be finite (no NaN or Inf), "
            f"got {format_number(X[r, c])} "
            f"at row {r + 1}, column {c + 1}"
        )
    y = _mat_numeric(S[yname], yname, path, fname)
    m = X.shape[0]
    if y.ndim != 2 or min(y.shape) != 1 or y.size != m:
        raise ValueError(
            f"{fname}: {path}: {yname} must be a vector of m = {m} labels (one per row of "
            f"{xname}), got shape {format_shape(y.shape)}"
        )
    y = y.reshape(-1)
    bad = np.flatnonzero(~((y >= 1) & (y == np.round(y))))
    if bad.size:
        raise ValueError(
            f"{fname}: {path}: {yname} labels must be integers >= 1 (digit 0 is label 10), "
            f"got {format_number(y[bad[0]])} at position {bad[0] + 1}"
        )
    return np.ascontiguousarray(X), np.ascontiguousarray(y)


def _mat_numeric(a: object, name: str, path: str, fname: str) -> NDArray[np.float64]:
    # A sparse variable (scipy reads it as a scipy.sparse matrix) works as dense, as in Octave.
    arr = np.asarray(dense(a, name, f"{path}: ", fname))
    if not (np.issubdtype(arr.dtype, np.number) or arr.dtype == np.bool_):
        raise ValueError(f"{fname}: {path}: {name} must be numeric, got MATLAB data of "
                         f"class {_matlab_class(arr)}")
    if np.iscomplexobj(arr):
        raise ValueError(f"{fname}: {path}: {name} must be real, got complex values")
    if arr.dtype != np.float64:
        # Checked before the copy: an int8 variable takes 8 times its space as float64
        # (one C-ordered copy). Octave twin: matNumeric in loadDataset.m.
        check_bytes(8.0 * arr.size, f"{path}: the entries of the {_numeric_class(arr)} "
                    f"{format_shape(arr.shape)} {name}, made double,", fname)
        return np.asarray(arr, dtype=np.float64, order="C")
    return arr


def _numeric_class(arr: NDArray) -> str:
    """The MATLAB class of a real numeric array (int8 ... uint64, single, logical)."""
    return {"float32": "single", "bool": "logical"}.get(arr.dtype.name, arr.dtype.name)


def _matlab_class(arr: NDArray) -> str:
    """The MATLAB class scipy read `arr` from, as Octave's class() names it."""
    if arr.dtype.names is not None:
        return "struct"
    if arr.dtype == object:
        return "cell"
    if arr.dtype.kind in "US":
        return "char"
    return f"dtype {arr.dtype}"


# ---------------------------------------------------------------------------
# IDX files


def load_idx(
    images_path: str | os.PathLike[str], labels_path: str | os.PathLike[str]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Read an MNIST-format image file and label file (IDX, optionally gzipped).

    Parameters
    ----------
    images_path : str or path-like
        An ``*-images-idx3-ubyte`` file: magic 0x00000803, then the count N,
        rows R and columns C as big-endian uint32, then N*R*C unsigned bytes.
        A name ending in ``.gz`` is decompressed as a stream: its header is
        read first, and a size the file cannot hold (`DEFLATE_MAX_RATIO`) or
        the memory limit refuses is an error before the rest is unpacked.
    labels_path : str or path-like
        An ``*-labels-idx1-ubyte`` file: magic 0x00000801, the count N, then N
        unsigned bytes 0..9. ``.gz`` as above.

    Returns
    -------
    X : ndarray of shape (N, R*C)
        Pixels / 255 in [0, 1], float64. Each row is one image flattened
        row-major as stored in the file: pixel (r, c) is column ``r*C + c``, so
        ``X[i].reshape(R, C)`` shows image i.
    y : ndarray of shape (N,)
        Labels 1..10 as float64: digit (class) 0 becomes 10, the others stay.

    Raises
    ------
    FileNotFoundError
        When a file does not exist.
    ValueError
        Naming the file and the fault: not gzip data / truncated gzip, bad magic
        number, a dimension of 0, truncated data, trailing bytes, image and
        label counts that differ, a label outside 0..9.

    See Also
    --------
    loadIdx.m : the Octave twin, ``[X, y] = loadIdx(imagesFile, labelsFile)``.
    """
    X, y, _ = _load_idx(images_path, labels_path, "load_idx")
    return X, y


def _load_idx(
    images_path: str | os.PathLike[str], labels_path: str | os.PathLike[str], fname: str
) -> tuple[NDArray[np.float64], NDArray[np.float64], tuple[int, int]]:
    ipath, lpath = os.fspath(images_path), os.fspath(labels_path)

    def fits(dims: tuple[int, ...]) -> None:
        # Checked from the header, before the payload is read or unpacked: the
        # file holds the payload, but as float64 it takes 8 times the space.
        n, rows, cols = dims
        check_bytes(8.0 * n * rows * cols, f"{ipath}: {n} images of {rows}x{cols} pixels",
                    fname)

    (n, rows, cols), pixels = _read_idx(ipath, 3, fname, fits)
    (k,), labels = _read_idx(lpath, 1, fname)
    if n != k:
        raise ValueError(f"{fname}: {ipath} holds {n} images but {lpath} holds {k} labels")
    bad = np.flatnonzero(labels > 9)
    if bad.size:
        raise ValueError(
            f"{fname}: {lpath}: labels must be digits 0..9, got {labels[bad[0]]} at "
            f"position {bad[0] + 1}"
        )
    X = pixels.reshape(n, rows * cols).astype(np.float64) / 255.0
    y = labels.astype(np.float64)
    y[y == 0] = 10.0
    return X, y, (rows, cols)


#: Deflate's best ratio: a 258-byte match coded in at least 2 bits, about
#: 1032 : 1. A gzip file of S bytes cannot unpack to more than 1032 S bytes,
#: so a header claiming more is corrupt, and is refused before unpacking.
DEFLATE_MAX_RATIO = 1032


def _read_idx(path: str, ndim: int, fname: str,
              fits=None) -> tuple[tuple[int, ...], NDArray[np.uint8]]:
    """Dimensions and payload (uint8, flat) of an IDX file of unsigned bytes.

    The header is read first, from the file or the gzip stream, and the
    payload it announces is checked against the file's size (exactly for a
    plain file, against `DEFLATE_MAX_RATIO` for a gzip file) and `fits(dims)`
    (the memory limit) before a byte of it is read or unpacked.
    """
    if not os.path.isfile(path):
        raise FileNotFoundError(f"{fname}: {path}: no such file")
    gz = path.lower().endswith(".gz")
    size = os.path.getsize(path)
    if not gz:
        with open(path, "rb") as fh:
            return _parse_idx(fh, path, ndim, fname, size, gz, fits)
    try:
        with gzip.open(path, "rb") as fh:
            return _parse_idx(fh, path, ndim, fname, size, gz, fits)
    except (OSError, EOFError, zlib.error) as exc:  # BadGzipFile is an OSError
        raise ValueError(f"{fname}: {path}: cannot decompress ({exc})") from None


def _parse_idx(fh, path: str, ndim: int, fname: str, size: int, gz: bool,
               fits) -> tuple[tuple[int, ...], NDArray[np.uint8]]:
    what = _IDX_WHAT[ndim]
    expected = (_IDX_UBYTE << 8) | ndim
    header = 4 + 4 * ndim
    head = fh.read(4)
    if len(head) < 4:
        raise ValueError(
            f"{fname}: {path}: truncated: {len(head)} bytes, an IDX file starts with a "
            "4-byte magic number"
        )
    magic = int.from_bytes(head, "big")
    if magic != expected:
        raise ValueError(
            f"{fname}: {path}: bad magic number 0x{magic:08X}, expected 0x{expected:08X} "
            f"(IDX {what} of unsigned bytes)"
        )
    head += fh.read(header - 4)
    if len(head) < header:
        raise ValueError(
            f"{fname}: {path}: truncated: {len(head)} bytes, the IDX {what} header needs "
            f"{header}"
        )
    dims = struct.unpack(">" + "I" * ndim, head[4:header])
    shape = "x".join(str(d) for d in dims)
    if min(dims) == 0:
        raise ValueError(f"{fname}: {path}: dimensions must be >= 1, got {shape}")
    payload = math.prod(dims)
    need = header + payload
    if not gz and size < need:
        raise ValueError(
            f"{fname}: {path}: truncated: {size} bytes, dimensions {shape} need {need}"
        )
    if gz and payload > DEFLATE_MAX_RATIO * size:
        raise ValueError(
            f"{fname}: {path}: dimensions {shape} need {need} bytes, more than a gzip file "
            f"of {size} bytes can hold (at most {DEFLATE_MAX_RATIO} times its size): a "
            "corrupt header?"
        )
    if fits is not None:
        fits(dims)
    data = fh.read(payload)
    if len(data) < payload:
        raise ValueError(
            f"{fname}: {path}: truncated: {header + len(data)} bytes, dimensions {shape} "
            f"need {need}"
        )
    trailing = 0
    while chunk := fh.read(1 << 20):
        trailing += len(chunk)
    if trailing:
        raise ValueError(
            f"{fname}: {path}: {trailing} trailing bytes after the {need} that "
            f"dimensions {shape} need"
        )
    return dims, np.frombuffer(data, dtype=np.uint8)


# ---------------------------------------------------------------------------
# Named data sets


def load_dataset(name: str | os.PathLike[str], first_label: int = 1) -> Dataset:
    """A data set by name or path, split into training and held-out parts.

    Parameters
    ----------
    name : str or path-like
        - ``'digits'``: the bundled 8x8 handwritten digits (``data/digits.mat``:
          1347 training and 450 held-out images, 64 pixels in [0, 1]). Looked for
          in ``$NNVEC_DATA_DIR`` first, then in the package's ``data/``
          (``nnvec.resources.data_dir()``: the repository's in a checkout).
        - ``'mnist5k'``: 5000 real MNIST digits at the course's 20x20
          (``data/mnist5k.mat``: 4000 training and 1000 held-out images, 400
          pixels in [0, 1], column by column), looked for like ``'digits'``.
        - ``'fashion-mnist'``: the 28x28 Fashion-MNIST IDX files (60000 + 10000)
          from ``$NNVEC_DATA_DIR/fashion-mnist``, else from Debian's package
          ``dataset-fashion-mnist`` (``/usr/share/datasets/fashion-mnist``, or
          ``$NNVEC_FASHION_MNIST_DIR`` when set).
        - a path to a .mat file holding X and y, and optionally Xtest and ytest;
        - a path to a folder holding ``train-images-idx3-ubyte`` and
          ``train-labels-idx1-ubyte`` (each optionally ``.gz``), and optionally
          the held-out ``t10k-images-idx3-ubyte`` and ``t10k-labels-idx1-ubyte``.

    first_label : {1, 0}, default 1
        1: labels 1..K, the course's (digit 0, or class 0, is label K = 10).
        0: labels 0..K-1, the Python port's: label K becomes 0 and the others
        keep their value (``y % K``), so digit 0 is label 0 and digit d label d.
        K is the largest label of the training and held-out parts.

    Returns
    -------
    data : Dataset
        X (m, n), y (m,), X_test, y_test (None when absent), name, image_shape.

    Raises
    ------
    TypeError
        When `name` is not a string or path.
    FileNotFoundError
        When the data set cannot be found (the message says where it looked
        and how to get it).
    ValueError
        When a file is malformed (see ``load_mat`` and ``load_idx``).

    See Also
    --------
    loadDataset.m : the Octave twin, ``data = loadDataset(name)``.

    Examples
    --------
    >>> ds = load_dataset("digits")
    >>> ds.X.shape, ds.X_test.shape, ds.image_shape
    ((1347, 64), (450, 64), (8, 8))
    """
    fname = "load_dataset"
    first_label = check_first_label(first_label, fname)
    ds = _load_dataset(name, fname)
    if first_label == 1:
        return ds
    K = max(float(np.max(ds.y)), float(np.max(ds.y_test)) if ds.y_test is not None else 0.0)

    def renumber(y: NDArray[np.float64] | None) -> NDArray[np.float64] | None:
        return None if y is None else np.mod(y, K)

    return Dataset(ds.X, renumber(ds.y), ds.X_test, renumber(ds.y_test), ds.name,
                   ds.image_shape)


def _load_dataset(name: object, fname: str) -> Dataset:
    """``load_dataset(name)`` with the course's labels."""
    if not isinstance(name, (str, os.PathLike)):
        raise TypeError(f"{fname}: name must be 'digits', 'mnist5k', 'fashion-mnist' or a "
                        f"path, got {name!r}")
    if isinstance(name, str) and name in BUNDLED:
        path = _bundled_file(name, fname)
        ds = _load_mat_dataset(path, name, fname)
        if ds.X_test is None:
            raise ValueError(f"{fname}: {path}: the bundled {name} must hold Xtest and ytest "
                             "(regenerate with `make data`)")
        return Dataset(ds.X, ds.y, ds.X_test, ds.y_test, name, BUNDLED[name])
    if isinstance(name, str) and name == "fashion-mnist":
        return _load_idx_dataset(_fashion_dir(fname), "fashion-mnist", fname)
    path = os.fspath(name)
    if os.path.isdir(path):
        return _load_idx_dataset(path, path, fname)
    if os.path.isfile(path):
        return _load_mat_dataset(path, path, fname)
    raise FileNotFoundError(
        f"{fname}: unknown data set {path!r}: expected 'digits', 'mnist5k', "
        "'fashion-mnist', a .mat file or a folder of IDX files"
    )


def _load_mat_dataset(path: str, name: str, fname: str) -> Dataset:
    S = _read_mat(path, fname)
    X, y = _mat_xy(S, "X", "y", path, fname)
    has = ("Xtest" in S, "ytest" in S)
    X_test = y_test = None
    if any(has):
        if not all(has):
            given, missing = ("Xtest", "ytest") if has[0] else ("ytest", "Xtest")
            raise ValueError(f"{fname}: {path}: has {given} but no {missing}: give both or "
                             "neither")
        X_test, y_test = _mat_xy(S, "Xtest", "ytest", path, fname, n=X.shape[1])
    side = math.isqrt(X.shape[1])
    shape = (side, side) if side * side == X.shape[1] else None
    return Dataset(X, y, X_test, y_test, name, shape)


def _idx_file(folder: str, stem: str) -> str | None:
    for candidate in (stem, stem + ".gz"):
        p = os.path.join(folder, candidate)
        if os.path.isfile(p):
            return p
    return None


def _load_idx_dataset(folder: str, name: str, fname: str) -> Dataset:
    files = {
        part: (_idx_file(folder, f"{part}-images-idx3-ubyte"),
               _idx_file(folder, f"{part}-labels-idx1-ubyte"))
        for part in ("train", "t10k")
    }
    if None in files["train"]:
        raise FileNotFoundError(
            f"{fname}: {folder}: no train-images-idx3-ubyte and train-labels-idx1-ubyte "
            "(optionally .gz) in this folder"
        )
    X, y, shape = _load_idx(*files["train"], fname)
    X_test = y_test = None
    if files["t10k"] != (None, None):
        if None in files["t10k"]:
            raise FileNotFoundError(
                f"{fname}: {folder}: t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte "
                "must come together (optionally .gz), found only one"
            )
        X_test, y_test, test_shape = _load_idx(*files["t10k"], fname)
        if test_shape != shape:
            raise ValueError(
                f"{fname}: {folder}: t10k images are {test_shape[0]}x{test_shape[1]} but "
                f"train images are {shape[0]}x{shape[1]}"
            )
    return Dataset(X, y, X_test, y_test, name, shape)


def _data_dirs() -> list[str]:
    env = os.environ.get(DATA_DIR_ENV, "")
    try:
        bundled = [str(data_dir())]
    except OSError:  # reported below as digits.mat not found, with where it looked
        bundled = []
    return ([env] if env else []) + bundled


def _bundled_file(name: str, fname: str) -> str:
    tried = [os.path.join(d, f"{name}.mat") for d in _data_dirs()]
    for p in tried:
        if os.path.isfile(p):
            return p
    raise FileNotFoundError(
        f"{fname}: the bundled {name}.mat is not in {' or '.join(tried)}: set "
        f"${DATA_DIR_ENV} to its folder, or rebuild it with `make data`"
    )


def _fashion_dir(fname: str) -> str:
    env = os.environ.get(DATA_DIR_ENV, "")
    system = os.environ.get(FASHION_DIR_ENV, "") or FASHION_MNIST_SYSTEM_DIR
    tried = ([os.path.join(env, "fashion-mnist")] if env else []) + [system]
    for d in tried:
        if _idx_file(d, "train-images-idx3-ubyte") is not None:
            return d
    raise FileNotFoundError(
        f"{fname}: Fashion-MNIST not found in {' or '.join(tried)}: install it with "
        "`apt-get install dataset-fashion-mnist` (Debian's package puts the IDX files in "
        f"{FASHION_MNIST_SYSTEM_DIR}), or put the IDX files in "
        f"${DATA_DIR_ENV}/fashion-mnist"
    )

