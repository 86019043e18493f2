"""Inputs of the wrong kind (text, sparse, MATLAB v4 files, complex, logical, near-integers,
cells): the same input gives the same text, or the same result, in both languages.

Each row of the issue's table is driven here through the Python API and through
Octave (oct2py), and the text after each language's function name is compared
(Python raises ValueError/TypeError, Octave error() with the same message; oct2py
passes the message and drops the id). Where a row's answer is "accept", both
languages accept the input and return the same numbers.

Decisions, one per row:

- text z for sigmoid / sigmoid_gradient: refused ("z must be numeric, got text");
- sparse X, y (API and .mat files): accepted as their dense copy, after one memory
  check with the same text ("the entries of the sparse 3x4 X, made dense, need ...");
- MATLAB v4 .mat files: read by both;
- complex lambda: "got a complex of size 1x1"; lambda True/true: "got true";
- a label 1 + 1e-12 in a .mat file: shown with 17 digits, 1.0000000000010001;
- fmincg with a one-output f: "f must return two outputs, the cost J and its gradient,
  got one output";
- NNVEC_MEMORY_LIMIT=1e400: no limit (a number too large for a double is infinite);
- an IDX header too large for the file: the exact byte count, as Python's int prints it;
- a cell, struct or char X in a .mat file: named by its MATLAB class (cell, struct, char);
- the grader: an Octave complex output is "complex double"; a Python gradient as a plain
  list of numbers is read at any length;
- trainNN given a struct array of options: "got a 1x2 struct array".
"""

from __future__ import annotations

import re
import textwrap

import nnvec
import numpy as np
import pytest
import scipy.io
import scipy.sparse
from conftest import ROOT, col
from nnvec.grading.cases import PARTS
from nnvec.grading.grade import grade
from nnvec.grading.grade_worker import decode, encode
from nnvec.grading.submission import Call, OctaveRunner
from oct2py import Oct2PyError

SIZES = [3, 5, 3]
N = 38  # (3 + 1) * 5 + (5 + 1) * 3
X = np.array([[0.0, 0.5, 0.0], [0.1, 0.0, 0.0], [0.0, 0.0, 0.7], [0.2, 0.0, 0.3]])
Y = np.array([1.0, 2.0, 3.0, 1.0])
P = np.sin(np.arange(1.0, N + 1)) / 4  # any fixed parameters


def python_text(fname: str, call) -> str:
    """What `call` raises, after "fname: " (which it must start with)."""
    with np.errstate(all="ignore"), pytest.raises((ValueError, TypeError, OSError)) as err:
        call()
    message = str(err.value)
    assert message.startswith(f"{fname}: "), message
    return message[len(fname) + 2:]


def octave_text(oc, fname: str, code: str) -> str:
    """What Octave `code` raises, after "fname: " on the line that names fname."""
    with pytest.raises(Oct2PyError) as err:
        oc.eval(code)
    found = re.search(rf"(?:^|error: |\s){re.escape(fname)}: (.*)", str(err.value))
    assert found, str(err.value)
    return found.group(1).rstrip()


def same(py: str, octv: str, expected: str | None = None) -> None:
    assert py == octv, f"Python: {py!r}\nOctave: {octv!r}"
    if expected is not None:
        assert py == expected


@pytest.fixture
def octave_limit(oc, monkeypatch):
    """Set NNVEC_MEMORY_LIMIT in both languages; Octave's is restored afterwards."""
    old = oc.eval("getenv('NNVEC_MEMORY_LIMIT')") or ""

    def set_limit(value: str) -> None:
        monkeypatch.setenv("NNVEC_MEMORY_LIMIT", value)
        oc.push("NEW_LIMIT", value)
        oc.eval("setenv('NNVEC_MEMORY_LIMIT', NEW_LIMIT);")

    yield set_limit
    oc.push("OLD_LIMIT", old)
    oc.eval("setenv('NNVEC_MEMORY_LIMIT', OLD_LIMIT);")


def push_cost_inputs(oc, X=X, y=Y, lam=0.5):
    oc.push("P", col(P))
    oc.push("SIZES", np.array(SIZES, dtype=float))
    oc.push("X", X)
    oc.push("Y", col(y) if not scipy.sparse.issparse(y) else y)
    oc.push("LAM", lam)


# --- text z ---------------------------------------------------------------------


@pytest.mark.parametrize(("pyname", "pyfun", "octname"), [
    ("sigmoid", nnvec.sigmoid, "sigmoid"),
    ("sigmoid_gradient", nnvec.sigmoid_gradient, "sigmoidGradient"),
])
def test_text_z_is_refused_in_both(oc, pyname, pyfun, octname):
    oc.push("Z", "0")
    same(python_text(pyname, lambda: pyfun("0")),
         octave_text(oc, octname, f"{octname}(Z);"), "z must be numeric, got text")


# --- sparse X and y ---------------------------------------------------------------


@pytest.mark.parametrize("which", ["X", "y", "both"])
def test_sparse_cost_inputs_work_as_dense_in_both(oc, which):
    Xs = scipy.sparse.csr_matrix(X) if which in ("X", "both") else X
    ys = scipy.sparse.csc_matrix(Y.reshape(-1, 1)) if which in ("y", "both") else Y
    J_dense, g_dense = nnvec.nn_cost(P, SIZES, X, Y, 0.5)
    J_py, g_py = nnvec.nn_cost(P, SIZES, Xs, ys, 0.5)
    push_cost_inputs(oc, Xs, ys)
    assert oc.eval("issparse(X) || issparse(Y)")  # Octave really got a sparse input
    J_oc, g_oc = oc.feval("nnCost", oc.pull("P"), oc.pull("SIZES"), Xs,
                          ys if scipy.sparse.issparse(ys) else col(ys), 0.5, nout=2)
    assert J_py == J_dense
    np.testing.assert_array_equal(g_py, g_dense)
    np.testing.assert_allclose(float(J_oc), J_py, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(np.ravel(g_oc), g_py, rtol=1e-10, atol=1e-12)


def test_sparse_X_too_large_as_dense_gives_the_same_text(oc, octave_limit):
    # The memory check of the cost comes before any copy and counts X made
    # dense, so a sparse X too large is refused there, with the whole need
    # (the sparse-only message is a .mat variable's: the test below).
    octave_limit("50")
    Xs = scipy.sparse.csr_matrix(X)
    push_cost_inputs(oc, Xs)
    same(python_text("nn_cost", lambda: nnvec.nn_cost(P, SIZES, Xs, Y, 0.5)),
         octave_text(oc, "nnCost", "nnCost(P, SIZES, X, Y, LAM);"),
         "layer sizes [3 5 3] with m = 4 examples need at least 1.22e-06 GB of memory, "
         "more than the limit of 5e-08 GB (NNVEC_MEMORY_LIMIT)")


@pytest.mark.parametrize("writer", ["python", "octave"])
def test_sparse_mat_variables_load_as_dense_in_both(oc, tmp_path, writer):
    path = tmp_path / "sparse.mat"
    if writer == "python":
        scipy.io.savemat(path, {"X": scipy.sparse.csc_matrix(X),
                                "y": scipy.sparse.csc_matrix(Y.reshape(-1, 1))})
    else:
        oc.push("X", X)
        oc.push("Y", col(Y))
        oc.push("FILE", str(path))
        oc.eval("X = sparse(X); y = sparse(Y); save('-v7', FILE, 'X', 'y');")
    py = nnvec.load_dataset(path)
    data = oc.feval("loadDataset", str(path))
    np.testing.assert_array_equal(py.X, X)
    np.testing.assert_array_equal(py.y, Y)
    assert not scipy.sparse.issparse(data["X"]) and not scipy.sparse.issparse(data["y"])
    np.testing.assert_array_equal(data["X"], X)
    np.testing.assert_array_equal(np.ravel(data["y"]), Y)


def test_sparse_mat_variable_too_large_gives_the_same_text(oc, tmp_path, octave_limit):
    octave_limit("50")
    path = tmp_path / "sparse.mat"
    scipy.io.savemat(path, {"X": scipy.sparse.csc_matrix(X), "y": Y.reshape(-1, 1)})
    same(python_text("load_dataset", lambda: nnvec.load_dataset(path)),
         octave_text(oc, "loadDataset", f"loadDataset('{path}');"),
         f"{path}: the entries of the sparse 4x3 X, made dense, need at least 9.6e-08 GB "
         "of memory, more than the limit of 5e-08 GB (NNVEC_MEMORY_LIMIT)")


# --- MATLAB v4 files ----------------------------------------------------------------


@pytest.mark.parametrize("writer", ["python", "octave"])
def test_v4_mat_files_are_read_by_both(oc, tmp_path, writer):
    path = tmp_path / "v4.mat"
    if writer == "python":
        scipy.io.savemat(path, {"X": X, "y": Y.reshape(-1, 1)}, format="4")
    else:
        oc.push("X", X)
        oc.push("y", col(Y))
        oc.push("FILE", str(path))
        oc.eval("save('-v4', FILE, 'X', 'y');")
    py = nnvec.load_dataset(path)
    data = oc.feval("loadDataset", str(path))
    for got in (py.X, data["X"]):
        np.testing.assert_array_equal(got, X)
    for got in (py.y, data["y"]):
        np.testing.assert_array_equal(np.ravel(got), Y)


# --- lambda ---------------------------------------------------------------------------


@pytest.mark.parametrize(("py_lam", "oct_lam", "got"), [
    (1j, "1i", "a complex of size 1x1"),
    (np.array([1j, 2.0]), "[1i 2]", "a complex of size 1x2"),
    (True, "true", "true"),
    (False, "false", "false"),
])
def test_lambda_of_the_wrong_type_is_described_alike(oc, py_lam, oct_lam, got):
    push_cost_inputs(oc)
    same(python_text("nn_cost", lambda: nnvec.nn_cost(P, SIZES, X, Y, py_lam)),
         octave_text(oc, "nnCost", f"nnCost(P, SIZES, X, Y, {oct_lam});"),
         f"lambda must be a finite real scalar >= 0, got {got}")


def test_complex_lambda_sent_from_python_is_described_alike(oc):
    # The same Python value, pushed through oct2py, arrives as an Octave complex.
    push_cost_inputs(oc, lam=1j)
    same(python_text("nn_cost", lambda: nnvec.nn_cost(P, SIZES, X, Y, 1j)),
         octave_text(oc, "nnCost", "nnCost(P, SIZES, X, Y, LAM);"))


# --- labels and values in .mat files ----------------------------------------------------


@pytest.mark.parametrize(("labels", "got"), [
    ([1.0, 1.0 + 1e-12, 2.0, 1.0], "1.0000000000010001 at position 2"),
    ([1.0, 2.0, 2.0 - 1e-15, 1.0], "1.9999999999999989 at position 3"),
])
def test_a_label_just_off_an_integer_shows_all_its_digits(oc, tmp_path, labels, got):
    path = tmp_path / "near.mat"
    scipy.io.savemat(path, {"X": X, "y": np.array(labels).reshape(-1, 1)})
    same(python_text("load_dataset", lambda: nnvec.load_dataset(path)),
         octave_text(oc, "loadDataset", f"loadDataset('{path}');"),
         f"{path}: y labels must be integers >= 1 (digit 0 is label 10), got {got}")


@pytest.mark.parametrize(("octave_x", "cls"), [
    ("{1, 2; 3, 4}", "cell"), ("struct('a', 1)", "struct"), ("'abcd'", "char"),
])
def test_a_non_numeric_mat_X_is_named_by_its_class_in_both(oc, tmp_path, octave_x, cls):
    path = tmp_path / "odd.mat"
    oc.push("FILE", str(path))
    oc.eval(f"X = {octave_x}; y = [1; 2]; save('-v7', FILE, 'X', 'y');")
    same(python_text("load_dataset", lambda: nnvec.load_dataset(path)),
         octave_text(oc, "loadDataset", f"loadDataset('{path}');"),
         f"{path}: X must be numeric, got MATLAB data of class {cls}")


# --- fmincg ---------------------------------------------------------------------------


@pytest.mark.parametrize(("pyf", "octf"), [
    (lambda x: float(x @ x), "@(t) t' * t"),
    (lambda x: float(x @ x), "@(t) 1"),
    (lambda x: (float(x @ x),), "@sin"),
])
def test_fmincg_with_a_one_output_f_says_so_in_both(oc, pyf, octf):
    same(python_text("fmincg", lambda: nnvec.fmincg(pyf, np.array([1.0, 2.0]))),
         octave_text(oc, "fmincg", f"fmincg({octf}, [1; 2]);"),
         "f must return two outputs, the cost J and its gradient, got one output")


def test_fmincg_with_a_one_output_function_file(oc, tmp_path):
    (tmp_path / "oneOut.m").write_text("function J = oneOut(t)\nJ = t' * t;\nend\n")
    oc.addpath(str(tmp_path))
    try:
        text = octave_text(oc, "fmincg", "fmincg(@oneOut, [1; 2]);")
    finally:
        oc.rmpath(str(tmp_path))
    assert text == python_text("fmincg", lambda: nnvec.fmincg(lambda x: 1.0, np.ones(2)))


def test_fmincg_still_passes_on_an_error_inside_f(oc):
    # Only f's missing second output is reworded; an error of f's own stays its own.
    with pytest.raises(Oct2PyError, match="undefined"):
        oc.eval("fmincg(@(t) deal(no_such_function_here(t), t), [1; 2]);")


# --- the memory limit --------------------------------------------------------------------


def test_a_memory_limit_beyond_the_largest_double_is_no_limit(oc, octave_limit):
    octave_limit("1e400")
    J_py, _ = nnvec.nn_cost(P, SIZES, X, Y, 0.5)
    push_cost_inputs(oc)
    oc.eval("J = nnCost(P, SIZES, X, Y, LAM);")  # it used to refuse the limit
    J_oc = oc.pull("J")
    np.testing.assert_allclose(float(J_oc), J_py, rtol=1e-10, atol=1e-12)


def test_a_negative_huge_memory_limit_is_refused_alike(oc, octave_limit):
    octave_limit("-1e400")
    push_cost_inputs(oc)
    with pytest.raises(ValueError) as py:
        nnvec.nn_cost(P, SIZES, X, Y, 0.5)
    with pytest.raises(Oct2PyError) as octv:
        oc.eval("nnCost(P, SIZES, X, Y, LAM);")
    expected = "NNVEC_MEMORY_LIMIT must be a number of bytes > 0, got '-1e400'"
    assert str(py.value) == expected
    assert expected in str(octv.value)


# --- IDX files ----------------------------------------------------------------------------


def test_a_huge_idx_header_gives_the_exact_byte_count_in_both(oc, tmp_path):
    images, labels = tmp_path / "images", tmp_path / "labels"
    big = 2**32 - 1
    images.write_bytes((0x803).to_bytes(4, "big") + b"".join(
        big.to_bytes(4, "big") for _ in range(3)))
    labels.write_bytes((0x801).to_bytes(4, "big") + (1).to_bytes(4, "big") + b"\x00")
    same(python_text("load_idx", lambda: nnvec.load_idx(images, labels)),
         octave_text(oc, "loadIdx", f"loadIdx('{images}', '{labels}');"),
         f"{images}: truncated: 16 bytes, dimensions {big}x{big}x{big} need "
         f"{16 + big**3}")


# --- trainNN's options ----------------------------------------------------------------------


def test_trainNN_names_a_struct_array_of_options(oc):
    push_cost_inputs(oc)
    text = octave_text(oc, "trainNN",
                       "trainNN(X, Y, SIZES, LAM, struct('MaxIter', {1, 2}));")
    assert text == "options must be a struct, got a 1x2 struct array"


# --- the grader -------------------------------------------------------------------------------


def test_the_grader_names_a_complex_octave_output(tmp_path):
    (tmp_path / "sigmoidGradient.m").write_text(
        "function g = sigmoidGradient(z)\ng = z + 1i;\nend\n")
    runner = OctaveRunner(tmp_path)
    try:
        [outcome] = runner.run([Call("sigmoidGradient", (np.zeros((1, 1)),))], 30)
    finally:
        runner.close()
    assert outcome.error is None and outcome.values == ["complex double"]
    part = grade(tmp_path).parts[2]
    assert not part.passed and "not numbers (complex double)" in part.message, part.message


@pytest.mark.parametrize("n", [1, 38, 64, 65, 89, 1000])
def test_a_list_of_numbers_crosses_the_grader_at_any_length(n):
    numbers = [float(v) for v in np.linspace(-1, 1, n)]
    for value in (numbers, [np.float64(v) for v in numbers], tuple(numbers)):
        got = decode(encode(value))
        assert isinstance(got, list) and len(got) == n
        np.testing.assert_array_equal(np.stack(got), np.array(numbers))
    # an unreadable item still makes the list unreadable, at any length
    assert decode(encode([1.0, "a"])) == [np.array(1.0), "str"]


def test_a_python_gradient_returned_as_a_list_scores_like_an_array(tmp_path):
    source = (ROOT / "tests" / "grade_solutions" / "course_style.py").read_text()
    student = tmp_path / "as_list.py"
    student.write_text(source + textwrap.dedent("""

        _as_array = nnCostFunction


        def nnCostFunction(*args):
            J, grad = _as_array(*args)
            return J, list(np.ravel(grad))
    """))
    result = grade(student)
    for part, r in zip(PARTS, result.parts, strict=True):
        assert r.passed, (part.title, r.message)
