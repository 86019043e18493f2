#!/usr/bin/env python3
"""Build ``data/digits.mat``, the bundled handwritten digits, byte for byte the same every time.

    python scripts/make_digits.py [OUT]        (``make data``; OUT defaults to data/digits.mat)

Source: the UCI "Optical Recognition of Handwritten Digits" images (E. Alpaydin and
C. Kaynak, 1998) as shipped inside scikit-learn (``sklearn.datasets.load_digits``:
1797 images of 8x8 pixels, integers 0..16). No network is used. scikit-learn is the
optional extra ``pip install '.[data]'``.

What is written (MATLAB v5 .mat, each variable zlib-compressed, read by Octave's
``load`` and ``scipy.io.loadmat``):

- ``X``, ``Xtest``: double, one image per row, 64 pixels in scikit-learn's
  row-major 8x8 order, scaled to [0, 1] by dividing by 16 (exact in binary);
- ``y``, ``ytest``: double columns of labels 1..10, digit 0 is label 10 (the
  course's convention);
- the split: ``ceil(1797 / 4) = 450`` held-out images (``Xtest``, ``ytest``;
  the size scikit-learn's ``train_test_split(test_size=0.25)`` would give),
  shared over the classes in proportion to their sizes (largest remainder);
  in each class the held-out images are chosen by a fixed-seed legacy
  ``numpy.random.RandomState`` permutation. Both parts keep scikit-learn's
  original row order.

Deterministic bytes: scipy's 116-byte header text, which holds a creation time, is
replaced by a fixed one, and the compressed elements are zlib's at its default level.
zlib's output may change with its version, so ``tests/test_data.py`` regenerates
the file and compares its arrays bit for bit, and its bytes under the zlib that
wrote it (`BUILT_WITH_ZLIB`).
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
import scipy.io
from nnvec.io.files import write_aside

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "data" / "digits.mat"

#: Seed of the held-out split (legacy RandomState: its stream is frozen by numpy).
SEED = 20240611
#: Held-out share of each class.
TEST_FRACTION = 0.25
#: The fixed 116-byte header text (MATLAB pads it with spaces).
#: The zlib the committed file was compressed with: another version may write
#: other (equally valid) bytes for the same arrays.
BUILT_WITH_ZLIB = "1.2.13"
HEADER_TEXT = (
    b"MATLAB 5.0 MAT-file, Platform: any, Created by: nnvec scripts/make_digits.py "
    b"(fixed header, deterministic build)"
)
HEADER_LEN = 116


def digits_arrays() -> dict[str, np.ndarray]:
    """The four variables of digits.mat: X, y (training part), Xtest, ytest (held out).

    Returns
    -------
    arrays : dict of str to ndarray
        ``X`` of shape (m, 64), ``y`` of shape (m, 1), ``Xtest`` of shape
        (m_test, 64), ``ytest`` of shape (m_test, 1); float64.

    Raises
    ------
    SystemExit
        When scikit-learn is not installed (message says how to install it).
    """
    try:
        from sklearn.datasets import load_digits
    except ImportError as exc:  # optional extra
        raise SystemExit(
            "make_digits: scikit-learn is needed to build data/digits.mat "
            f"({exc}); install it with `pip install '.[data]'` (or `make setup`)"
        ) from None
    bunch = load_digits()
    pixels = np.asarray(bunch.data, dtype=np.float64)  # (1797, 64), integers 0..16
    digits = np.asarray(bunch.target, dtype=np.int64)  # 0..9
    if pixels.shape != (1797, 64) or pixels.min() < 0 or pixels.max() > 16:
        raise SystemExit(f"make_digits: unexpected load_digits() data, shape {pixels.shape}")
    X_all = pixels / 16.0
    y_all = np.where(digits == 0, 10, digits).astype(np.float64)

    counts = np.bincount(digits, minlength=10)
    n_test = _class_quotas(counts, int(np.ceil(TEST_FRACTION * digits.size)))
    rs = np.random.RandomState(SEED)
    is_test = np.zeros(digits.shape[0], dtype=bool)
    for d in range(10):  # classes in a fixed order, so the stream is used the same way
        members = np.flatnonzero(digits == d)
        is_test[members[rs.permutation(members.size)[: n_test[d]]]] = True
    return {
        "X": np.ascontiguousarray(X_all[~is_test]),
        "y": y_all[~is_test].reshape(-1, 1),
        "Xtest": np.ascontiguousarray(X_all[is_test]),
        "ytest": y_all[is_test].reshape(-1, 1),
    }


def _class_quotas(counts: np.ndarray, total: int) -> np.ndarray:
    """Split `total` held-out rows over the classes in proportion to `counts`.

    Largest remainder: each class gets ``floor(total * n_c / m)``, the rows left go
    one each to the classes with the largest remainders, ties to the lower digit.
    """
    exact = counts * total / counts.sum()
    quotas = np.floor(exact).astype(np.int64)
    order = np.argsort(-(exact - quotas), kind="stable")
    quotas[order[: total - quotas.sum()]] += 1
    return quotas


def mat_bytes(arrays: dict[str, np.ndarray], header: bytes = HEADER_TEXT,
              compress: bool = False) -> bytes:
    """The .mat file as bytes, with the fixed `header` text in place of scipy's dated one.

    `compress`: each variable zlib-compressed (MATLAB v7's compressed elements,
    which v5 readers such as Octave's and scipy's read): the bytes then depend
    on the zlib version too, which `zlib.ZLIB_RUNTIME_VERSION` names.
    """
    buf = io.BytesIO()
    scipy.io.savemat(buf, arrays, format="5", do_compression=compress, oned_as="column")
    raw = bytearray(buf.getvalue())
    if len(header) > HEADER_LEN or not raw.startswith(b"MATLAB 5.0 MAT-file"):
        raise SystemExit("make_digits: unexpected .mat header from scipy.io.savemat")
    raw[:HEADER_LEN] = header.ljust(HEADER_LEN, b" ")
    return bytes(raw)


def main(argv: list[str] | None = None) -> int:
    """Write digits.mat to OUT (default data/digits.mat); 0 on success."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if len(args) > 1 or (args and args[0].startswith("-")):
        print(f"make_digits: usage: make_digits.py [OUT], got {' '.join(args)}", file=sys.stderr)
        return 2
    out = Path(args[0]) if args else DEFAULT_OUT
    arrays = digits_arrays()
    data = mat_bytes(arrays, compress=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    # Aside, then renamed: an interrupted build never leaves a partial digits.mat.
    write_aside(out, lambda f: f.write(data), fname="make_digits")
    print(
        f"make_digits: wrote {out} ({len(data)} bytes): "
        f"X {arrays['X'].shape}, Xtest {arrays['Xtest'].shape}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
