"""Checks before copies (issue #24, "Checks before work").

The memory check runs before X is converted, counting X and every copy the
conversion makes; a gzip IDX file's header is read from the stream and an
impossible size refused before the rest is unpacked. ``tracemalloc`` (numpy
reports its allocations to it) proves nothing large was allocated.
"""

from __future__ import annotations

import gzip
import re
import struct
import tracemalloc

import numpy as np
import pytest
from nnvec import NNCost, load_idx, train
from nnvec.core.validate import data_bytes, network_bytes

SIZES = [64, 25, 10]


def peak_bytes(call) -> tuple[int, BaseException | None]:
    """The peak of memory allocated while `call()` runs, and what it raised."""
    tracemalloc.start()
    try:
        call()
        raised = None
    except (ValueError, TypeError) as exc:
        raised = exc
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak, raised


# ---------------------------------------------------------------- the memory check

def test_a_broadcast_X_of_huge_virtual_size_is_refused_before_any_copy(monkeypatch):
    monkeypatch.setenv("NNVEC_MEMORY_LIMIT", "1e9")
    m = 10**9  # 64e9 entries: 512 GB as float64, no real memory (strides 0)
    X = np.broadcast_to(np.zeros((1, 64)), (m, 64))
    y = np.broadcast_to(np.ones(1), (m,))
    for call in (lambda: NNCost(SIZES, X, y), lambda: train(X, y, SIZES, maxiter=1)):
        peak, raised = peak_bytes(call)
        assert isinstance(raised, ValueError)
        assert re.match(r"^(NNCost|train): layer sizes \[64 25 10\] with m = 1000000000 "
                        r"examples need at least .* GB of memory, more than the limit of 1 GB "
                        r"\(NNVEC_MEMORY_LIMIT\)", str(raised)), str(raised)
        assert peak < 1e6  # nothing the size of X was made


@pytest.mark.parametrize(("dtype", "order", "copies"), [
    (np.float64, "C", 1),  # X itself, kept as it is
    (np.int8, "C", 1),  # one float64 copy (kept)
    (np.float64, "F", 1),  # one C-ordered copy (kept)
    (np.int8, "F", 2),  # a float64 Fortran copy, then the C-ordered one
])
def test_data_bytes_counts_x_and_every_copy(dtype, order, copies):
    X = np.zeros((30, 7), dtype=dtype, order=order)
    assert data_bytes(X) == 8 * 30 * 7 * copies


def test_broadcast_and_odd_inputs_are_measured_not_converted():
    assert data_bytes(np.broadcast_to(np.zeros((1, 5)), (10, 5))) == 8 * 10 * 5
    assert data_bytes(np.zeros(3)) == 0  # not 2-D: check_X refuses it
    assert data_bytes(None) == 0


def test_an_int8_X_over_the_limit_is_refused_before_its_float64_copy(monkeypatch):
    m = 20_000
    X = np.zeros((m, 64), dtype=np.int8, order="F")  # 1.3 MB here, 10 MB as C float64
    y = np.ones(m)
    # Room for the network's own buffers, not for X's copies: refused, and X
    # was never converted (the old check ran after the conversion, and left X out).
    limit = network_bytes(SIZES, m) + 8 * m * 64
    monkeypatch.setenv("NNVEC_MEMORY_LIMIT", str(limit))
    peak, raised = peak_bytes(lambda: NNCost(SIZES, X, y))
    assert isinstance(raised, ValueError) and "need at least" in str(raised)
    assert peak < 8 * m * 64 / 4
    monkeypatch.setenv("NNVEC_MEMORY_LIMIT", str(limit + 8 * m * 64))
    NNCost(SIZES, X, y)  # with room for both copies it runs


@pytest.mark.octave
def test_octave_counts_x_too(oc, monkeypatch):
    # The %!test of checkMemory.m: [3 5 3], m = 100: the network needs 13408 bytes,
    # X as doubles 2400 more; a limit of 14000 passes without X and refuses with it.
    old = oc.eval("getenv('NNVEC_MEMORY_LIMIT')") or ""
    oc.eval("setenv('NNVEC_MEMORY_LIMIT', '14000');")
    monkeypatch.setenv("NNVEC_MEMORY_LIMIT", "14000")
    X = np.ones((100, 3), dtype=np.int8)
    y = np.ones((100, 1))
    try:
        from oct2py import Oct2PyError

        oc.push("Xi", X)
        oc.push("yi", y)
        with pytest.raises(Oct2PyError) as octv:
            oc.eval("nnCost(zeros(38, 1), [3 5 3], Xi, yi, 0);")
    finally:
        oc.push("OLD_LIMIT", old)
        oc.eval("setenv('NNVEC_MEMORY_LIMIT', OLD_LIMIT);")
    with pytest.raises(ValueError) as py:
        NNCost([3, 5, 3], X, y)
    text = "layer sizes [3 5 3] with m = 100 examples need at least 1.58e-05 GB of memory"
    assert text in str(py.value) and text in str(octv.value)


# ---------------------------------------------------------------- gzip IDX headers

def _idx_gz(path, dims, payload: bytes = b""):
    path.write_bytes(gzip.compress(struct.pack(">I" + "I" * len(dims), 0x803, *dims)
                                   + payload))
    return path


def _labels(path, n: int):
    path.write_bytes(struct.pack(">II", 0x801, n) + bytes(n))
    return path


def test_a_gzip_header_claiming_a_huge_size_fails_fast(tmp_path):
    img = _idx_gz(tmp_path / "huge-idx3-ubyte.gz", (60000, 10000, 10000))  # 6e12 bytes
    size = img.stat().st_size
    peak, raised = peak_bytes(lambda: load_idx(img, _labels(tmp_path / "l", 3)))
    assert isinstance(raised, ValueError)
    assert str(raised) == (
        f"load_idx: {img}: dimensions 60000x10000x10000 need 6000000000016 bytes, more than "
        f"a gzip file of {size} bytes can hold (at most 1032 times its size): a corrupt "
        "header?")
    assert peak < 1e6


def test_a_plausible_gzip_over_the_memory_limit_is_refused_before_unpacking(tmp_path,
                                                                            monkeypatch):
    n = 2000  # 2000 images of 28x28 zeros: 1.6 MB of payload, a few KB compressed
    img = _idx_gz(tmp_path / "zeros-idx3-ubyte.gz", (n, 28, 28), bytes(n * 784))
    lab = _labels(tmp_path / "zeros-idx1-ubyte", n)
    monkeypatch.setenv("NNVEC_MEMORY_LIMIT", "1e6")
    peak, raised = peak_bytes(lambda: load_idx(img, lab))
    assert isinstance(raised, ValueError)
    assert f"{img}: 2000 images of 28x28 pixels need at least 0.0125 GB" in str(raised)
    assert peak < n * 784 / 4  # the payload was not unpacked
    monkeypatch.delenv("NNVEC_MEMORY_LIMIT")
    X, _ = load_idx(img, lab)
    assert X.shape == (n, 784) and not X.any()


def test_a_plain_idx_header_claiming_more_than_the_file_fails_fast(tmp_path):
    img = tmp_path / "plain-idx3-ubyte"
    img.write_bytes(struct.pack(">IIII", 0x803, 60000, 10000, 10000))
    peak, raised = peak_bytes(lambda: load_idx(img, _labels(tmp_path / "l", 3)))
    assert str(raised) == (f"load_idx: {img}: truncated: 16 bytes, dimensions "
                           "60000x10000x10000 need 6000000000016")
    assert peak < 1e6


@pytest.mark.octave
@pytest.mark.parametrize("case", ["huge header", "huge header, cut stream",
                                  "over the memory limit", "readable"])
def test_the_gzip_header_rules_are_the_same_in_octave(oc, tmp_path, monkeypatch, case):
    # Octave reads the header through `gzip -dc | head`: a folder name with a quote
    # and a space checks the shell quoting.
    from oct2py import Oct2PyError

    folder = tmp_path / "it's here"
    folder.mkdir()
    n = 2000
    if case.startswith("huge header"):
        img = _idx_gz(folder / "huge-idx3-ubyte.gz", (60000, 10000, 10000), bytes(5000))
        if case.endswith("cut stream"):
            # No gzip trailer: unpacking it whole fails ("cannot decompress"); the
            # header's size is refused first only when it is read first.
            img.write_bytes(img.read_bytes()[:-8])
    else:
        img = _idx_gz(folder / "zeros-idx3-ubyte.gz", (n, 28, 28), bytes(n * 784))
    lab = _labels(folder / "l", 3 if case.startswith("huge header") else n)
    limit = "1e6" if case == "over the memory limit" else ""
    monkeypatch.setenv("NNVEC_MEMORY_LIMIT", limit)
    old = oc.eval("getenv('NNVEC_MEMORY_LIMIT')") or ""
    oc.push("NEW_LIMIT", limit)
    oc.eval("setenv('NNVEC_MEMORY_LIMIT', NEW_LIMIT);")
    try:
        if case == "readable":
            X, _ = oc.feval("loadIdx", str(img), str(lab), nout=2)
            assert X.shape == (n, 784)
            return
        with pytest.raises(ValueError) as py:
            load_idx(img, lab)
        with pytest.raises(Oct2PyError) as octv:
            oc.feval("loadIdx", str(img), str(lab), nout=2)
    finally:
        oc.push("OLD_LIMIT", old)
        oc.eval("setenv('NNVEC_MEMORY_LIMIT', OLD_LIMIT);")
    assert "loadIdx: " + str(py.value).removeprefix("load_idx: ") in str(octv.value)


# ---------------------------------------------------------------- .mat variables

def _int8_mat(tmp_path):
    import scipy.io

    path = tmp_path / "small.mat"
    X = np.zeros((100, 64), dtype=np.int8)
    scipy.io.savemat(path, {"X": X, "y": np.ones((100, 1), dtype=np.uint8)})
    return path


def test_an_int8_mat_variable_is_refused_before_it_is_made_double(tmp_path, monkeypatch):
    from nnvec import load_dataset

    path = _int8_mat(tmp_path)
    monkeypatch.setenv("NNVEC_MEMORY_LIMIT", "50000")  # X as double: 51200 bytes
    with pytest.raises(ValueError, match=re.escape(
            f"load_dataset: {path}: the entries of the int8 100x64 X, made double, need at "
            "least 5.12e-05 GB of memory, more than the limit of 5e-05 GB")):
        load_dataset(str(path))
    monkeypatch.setenv("NNVEC_MEMORY_LIMIT", "60000")
    ds = load_dataset(str(path))
    assert ds.X.dtype == np.float64 and ds.X.flags.c_contiguous


@pytest.mark.octave
def test_the_mat_variable_check_is_the_same_in_octave(oc, tmp_path, monkeypatch):
    from nnvec import load_dataset
    from oct2py import Oct2PyError

    path = _int8_mat(tmp_path)
    monkeypatch.setenv("NNVEC_MEMORY_LIMIT", "50000")
    old = oc.eval("getenv('NNVEC_MEMORY_LIMIT')") or ""
    oc.eval("setenv('NNVEC_MEMORY_LIMIT', '50000');")
    try:
        with pytest.raises(Oct2PyError) as octv:
            oc.feval("loadDataset", str(path))
    finally:
        oc.push("OLD_LIMIT", old)
        oc.eval("setenv('NNVEC_MEMORY_LIMIT', OLD_LIMIT);")
    with pytest.raises(ValueError) as py:
        load_dataset(str(path))
    assert "loadDataset: " + str(py.value).removeprefix("load_dataset: ") in str(octv.value)
