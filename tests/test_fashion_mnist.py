"""Fashion-MNIST at full size: the real IDX files of Debian's ``dataset-fashion-mnist``.

``make setup`` installs the package (``scripts/setup-fashion-mnist.sh``), so these
tests run everywhere ``make test`` runs, CI included; without the files they fail
and say how to get them, as the Octave tests do without Octave.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from nnvec.core.predict import nn_predict
from nnvec.io import data
from nnvec.io.data import load_dataset
from nnvec.optim.train import init_params, train
from numpy.testing import assert_array_equal
from oct2py import Oct2PyError

pytestmark = pytest.mark.octave

IMAGES = "train-images-idx3-ubyte"
LABELS = "train-labels-idx1-ubyte"


@pytest.fixture(scope="module")
def fashion_dir() -> Path:
    """The folder of the real files; the test fails (never skips) without them."""
    try:
        return Path(data._fashion_dir("test"))
    except FileNotFoundError as exc:
        pytest.fail(f"{exc} (`make setup` installs it)")


@pytest.fixture(scope="module")
def fashion(fashion_dir):
    return load_dataset("fashion-mnist")


@contextlib.contextmanager
def env_both(oc, monkeypatch, **values):
    """Environment variables set in this process and in the Octave session, then restored."""
    before = {k: oc.feval("getenv", k) for k in values}
    for k, v in values.items():
        monkeypatch.setenv(k, v)
        oc.feval("setenv", k, v, nout=0)
    try:
        yield
    finally:
        for k, v in before.items():
            oc.feval("setenv", k, v or "", nout=0)


def test_real_fashion_mnist_in_both_languages(oc, fashion):
    py = fashion
    # Fashion-MNIST: 60000 training and 10000 test images of 28x28, 10 balanced classes.
    assert py.X.shape == (60000, 784) and py.X_test.shape == (10000, 784)
    assert py.image_shape == (28, 28)
    assert_array_equal(np.bincount(py.y.astype(int)), [0] + [6000] * 10)
    assert_array_equal(np.bincount(py.y_test.astype(int)), [0] + [1000] * 10)
    oc.eval("nnvec_fm = loadDataset('fashion-mnist');", nout=0)
    try:
        rows = [1, 2, 30000, 60000]
        Xo = oc.eval(f"nnvec_fm.X([{' '.join(map(str, rows))}], :)")
        assert_array_equal(Xo, py.X[[r - 1 for r in rows]])
        assert_array_equal(np.ravel(oc.eval("nnvec_fm.y")), py.y)
        assert_array_equal(np.ravel(oc.eval("nnvec_fm.ytest")), py.y_test)
        assert_array_equal(oc.eval("nnvec_fm.Xtest(end, :)").ravel(), py.X_test[-1])
    finally:
        oc.eval("clear nnvec_fm", nout=0)


@pytest.mark.slow
def test_network_learns_fashion_mnist_subset(fashion):
    """784-25-10, lambda 1, 50 fmincg iterations on the first 6000 training images.

    Scored on all 10000 test images. Chance is 10%; a linear classifier on the
    full set reaches about 84% (the Fashion-MNIST benchmark's logistic
    regression), so 78% on a tenth of the data shows real learning.
    """
    X, y = fashion.X[:6000], fashion.y[:6000]
    sizes = [784, 25, 10]
    res = train(X, y, sizes, lambda_=1.0, maxiter=50, initial_params=init_params(sizes, 0))
    assert res.fun_history[-1] < res.fun_history[0]
    accuracy = np.mean(nn_predict(res.x, sizes, fashion.X_test) == fashion.y_test)
    assert accuracy >= 0.78, f"test accuracy {accuracy:.4f}"


def test_missing_fashion_mnist_both_languages(oc, monkeypatch, tmp_path):
    """Installed or not, NNVEC_FASHION_MNIST_DIR can hide Debian's folder."""
    gone = tmp_path / "not-installed"
    with env_both(oc, monkeypatch, NNVEC_DATA_DIR=str(tmp_path),
                  NNVEC_FASHION_MNIST_DIR=str(gone)):
        message = (f"Fashion-MNIST not found in {tmp_path / 'fashion-mnist'} or {gone}: "
                   "install it with `apt-get install dataset-fashion-mnist`")
        with pytest.raises(FileNotFoundError, match="^" + re.escape("load_dataset: " + message)):
            load_dataset("fashion-mnist")
        with pytest.raises(Oct2PyError, match=re.escape("loadDataset: " + message)):
            oc.feval("loadDataset", "fashion-mnist")


def test_fashion_mnist_dir_names_another_copy(oc, monkeypatch, tmp_path, fashion_dir):
    """NNVEC_FASHION_MNIST_DIR replaces Debian's folder in both languages."""
    copy = tmp_path / "copy"
    copy.mkdir()
    for name in (IMAGES, LABELS):
        (copy / name).symlink_to(fashion_dir / f"{name}.gz")
    with env_both(oc, monkeypatch, NNVEC_DATA_DIR=str(tmp_path / "empty"),
                  NNVEC_FASHION_MNIST_DIR=str(copy)):
        # plain names holding gzip bytes: the loaders read gzip's header as the magic
        magic = int.from_bytes((fashion_dir / f"{IMAGES}.gz").read_bytes()[:4], "big")
        assert magic >> 16 == 0x1F8B  # gzip's two signature bytes
        message = f"{copy / IMAGES}: bad magic number 0x{magic:08X}, expected 0x00000803"
        with pytest.raises(ValueError, match="^" + re.escape("load_dataset: " + message)):
            load_dataset("fashion-mnist")
        # Octave's loadDataset leaves a file's faults to loadIdx, which names itself
        with pytest.raises(Oct2PyError, match=re.escape("loadIdx: " + message)):
            oc.feval("loadDataset", "fashion-mnist")


def _damaged_copies(fashion_dir: Path, tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Folders holding a damaged copy of a real file: (folder, message after the name)."""
    with gzip.open(fashion_dir / f"{IMAGES}.gz", "rb") as fh:
        head = fh.read(16 + 784 * 10)  # the header and the first 10 images
    labels = (fashion_dir / f"{LABELS}.gz").read_bytes()
    cases = {}
    folder = tmp_path / "truncated"
    folder.mkdir()
    (folder / IMAGES).write_bytes(head)
    (folder / f"{LABELS}.gz").write_bytes(labels)
    # header 16 bytes + 60000 * 28 * 28 pixels
    cases["truncated"] = (folder, f"{folder / IMAGES}: truncated: {len(head)} bytes, "
                                  "dimensions 60000x28x28 need 47040016")
    folder = tmp_path / "cut-gzip"
    folder.mkdir()
    (folder / IMAGES).write_bytes(head[:16] + bytes(784 * 60000))
    (folder / f"{LABELS}.gz").write_bytes(labels[: len(labels) // 2])
    cases["cut gzip"] = (folder, f"{folder / LABELS}.gz: cannot decompress (")
    folder = tmp_path / "no-labels"
    folder.mkdir()
    (folder / IMAGES).write_bytes(head)
    cases["missing"] = (folder, f"{folder}: no {IMAGES} and {LABELS} (optionally .gz) in "
                                "this folder")
    return cases


@pytest.mark.parametrize("case", ["truncated", "cut gzip", "missing"])
def test_damaged_real_files_one_line_naming_the_file(oc, fashion_dir, tmp_path, case):
    folder, message = _damaged_copies(fashion_dir, tmp_path)[case]
    env = {**os.environ, "NNVEC_DATA_DIR": str(tmp_path / "none")}
    done = subprocess.run([sys.executable, "-m", "nnvec", "train", "--data", str(folder),
                           "--maxiter", "1", "--out", str(tmp_path / "out")],
                          capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("nnvec: error: load_dataset: " + message), done.stderr
    assert not (tmp_path / "out").exists()
    with pytest.raises(Oct2PyError) as err:
        oc.feval("loadDataset", str(folder))
    # loadDataset reports a missing file itself and leaves a damaged one to loadIdx
    octave_name = "loadDataset" if case == "missing" else "loadIdx"
    lines = [t for t in str(err.value).splitlines() if message.split(":")[0] in t]
    assert len(lines) == 1, str(err.value)
    assert lines[0].startswith(f"error: {octave_name}: {message}"), str(err.value)
