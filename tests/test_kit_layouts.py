"""The kit in either convention, on either function (#20 item 2), in both languages.

``nnvec.train(..., order=, first_label=)`` trains in the Python port's layout,
``train(..., cost_function=)`` and Octave's ``trainNN(..., struct('CostFunction',
h))`` train a student's function with ``fmincg``; ``load_dataset(name,
first_label=0)`` / ``loadDataset(name, 0)``, ``confusion_matrix`` and
``plot_misclassified`` agree with the port's labels 0..K-1.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import nnvec
import numpy as np
import pytest
from conftest import col
from nnvec.core.conventions import PYTHON_PORT, reorder_params
from nnvec.io.evaluate import confusion_matrix, label_names, plot_misclassified
from numpy.testing import assert_allclose, assert_array_equal

TESTS = Path(__file__).resolve().parent
SIZES = [64, 10, 10]
PORT = {"order": PYTHON_PORT.order, "first_label": PYTHON_PORT.first_label}


def student(name: str):
    """A module of tests/grade_solutions/ (a student's .py file), imported by path."""
    spec = importlib.util.spec_from_file_location(f"student_{name}",
                                                  TESTS / "grade_solutions" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def bias_regularized(nn_params, s1, s2, K, X, y, lambda_):
    """Python twin of grade_solutions/bias_regularized/nnCostFunction.m: the bias is regularized."""
    J, grad = nnvec.nn_cost_function(nn_params, s1, s2, K, X, y, 0.0)
    m = X.shape[0]
    return J + lambda_ / (2 * m) * np.sum(nn_params ** 2), grad + lambda_ / m * nn_params


@pytest.fixture(scope="module")
def data():
    ds = nnvec.load_dataset("digits")
    return ds.X[:300], ds.y[:300]


@pytest.fixture(scope="module")
def course_run(data):
    X, y = data
    return nnvec.train(X, y, SIZES, lambda_=1.0, maxiter=10, rng=0)


# ------------------------------------------------------------- the port's layout

def test_port_layout_is_the_default_run_reordered(data, course_run):
    X, y = data
    seen = []
    res = nnvec.train(X, y - 1, SIZES, lambda_=1.0, maxiter=10, rng=0, callback=seen.append,
                      **PORT)
    assert_array_equal(reorder_params(res.x, SIZES, "C", "F"), course_run.x)
    assert_array_equal(reorder_params(res.x0, SIZES, "C", "F"), course_run.x0)
    assert_array_equal(res.fun_history, course_run.fun_history)
    for T, U in zip(res.Thetas, course_run.Thetas, strict=True):
        assert_array_equal(T, U)
    # x is row by row: each Theta is x's slice read in C order
    n1 = SIZES[1] * (SIZES[0] + 1)
    assert_array_equal(res.x[:n1].reshape(SIZES[1], SIZES[0] + 1), res.Thetas[0])
    # the callback sees the iterates in the caller's layout too
    assert_array_equal(seen[-1], res.x)
    # predictions in the port's labels
    pred = nnvec.nn_predict(res.x, SIZES, X, **PORT)
    assert_array_equal(pred, nnvec.nn_predict(course_run.x, SIZES, X) - 1)


def test_port_initial_params_are_row_major(data, course_run):
    X, y = data
    p0_c = reorder_params(course_run.x0, SIZES, "F", "C")
    res = nnvec.train(X, y - 1, SIZES, lambda_=1.0, maxiter=10, initial_params=p0_c, **PORT)
    assert_array_equal(res.x, reorder_params(course_run.x, SIZES, "F", "C"))


@pytest.mark.parametrize("kwargs, message", [
    ({"order": "R"}, r"train: order must be 'F' .* or 'C' .*, got 'R'"),
    ({"first_label": 2}, r"train: first_label must be 1 .* or 0 .*, got 2"),
    ({"first_label": 0}, r"train: y labels must be integers in 0\.\.9 \(first_label=0: digit 0 "
                         r"is label 0\), got 10 at position"),
])
def test_port_layout_bad_input(data, kwargs, message):
    X, y = data
    with pytest.raises(ValueError, match=message):
        nnvec.train(X, y, SIZES, maxiter=1, rng=0, **kwargs)


# ------------------------------------------------------------- a student's cost function

def test_cost_function_nnvec_own_is_the_default_run(data, course_run):
    X, y = data
    res = nnvec.train(X, y, SIZES, lambda_=1.0, maxiter=10, rng=0,
                      cost_function=nnvec.nn_cost_function)
    assert_array_equal(res.x, course_run.x)
    assert_array_equal(res.fun_history, course_run.fun_history)


def test_cost_function_students_correct_files(data, course_run):
    X, y = data
    # the course's convention (a student's .py with the course's names)
    res = nnvec.train(X, y, SIZES, lambda_=1.0, maxiter=10, rng=0,
                      cost_function=student("course_style").nnCostFunction)
    assert_allclose(res.fun_history, course_run.fun_history, rtol=1e-9)
    # the port's: row-major parameters, labels 0..K-1, the port's names
    res = nnvec.train(X, y - 1, SIZES, lambda_=1.0, maxiter=10, rng=0,
                      cost_function=student("port_style").nn_cost_function, **PORT)
    assert_allclose(res.fun_history, course_run.fun_history, rtol=1e-9)
    assert_allclose(reorder_params(res.x, SIZES, "C", "F"), course_run.x, rtol=1e-7,
                    atol=1e-9)


def test_cost_function_buggy_trains_differently(data, course_run):
    X, y = data
    res = nnvec.train(X, y, SIZES, lambda_=1.0, maxiter=10, rng=0,
                      cost_function=bias_regularized)
    assert res.fun_history[0] > course_run.fun_history[0]
    assert not np.allclose(res.x, course_run.x, rtol=1e-3)


@pytest.mark.parametrize("kwargs, error, message", [
    ({"cost_function": "nnCostFunction"}, TypeError,
     r"train: cost_function must be callable with the signature \(nn_params, input_layer_size, "
     r"hidden_layer_size, num_labels, X, y, lambda_\) -> \(J, grad\), got 'nnCostFunction'"),
    ({"cost_function": nnvec.nn_cost_function, "activation": "tanh"}, ValueError,
     r"train: activation and output choose nnvec's cost, not a cost_function's, got "
     r"activation='tanh', output='sigmoid'"),
    ({"cost_function": lambda *a: 1.0}, ValueError,
     r"train: cost_function <lambda> must return \(J, grad\) with J a number and grad 760 "
     r"numbers \(one per parameter\), got 1$"),
])
def test_cost_function_bad_input(data, kwargs, error, message):
    X, y = data
    with pytest.raises(error, match=message):
        nnvec.train(X, y, SIZES, maxiter=1, rng=0, **kwargs)


def test_cost_function_needs_three_sizes(data):
    X, y = data
    with pytest.raises(ValueError, match=r"train: layer_sizes must hold 3 sizes when "
                                         r"cost_function is given \(input, hidden, output\)"):
        nnvec.train(X, y, [64, 10, 10, 10], maxiter=1, rng=0,
                    cost_function=nnvec.nn_cost_function)


@pytest.mark.octave
def test_octave_cost_function_handle(oc, tmp_path, data, course_run):
    """trainNN's CostFunction: a correct student's file follows nnCost's trajectory, the
    bias-regularized fixture another one, the same as its Python twin's."""
    X, y = data
    # The students' files (a correct one, one with the bias regularized) under
    # names of their own, so that they shadow nothing.
    for folder, name in (("good", "studentGoodCost"), ("bias_regularized", "biasRegularizedCost")):
        file = TESTS / "octave" / "grade_solutions" / folder / "nnCostFunction.m"
        renamed = file.read_text().replace("= nnCostFunction(", f"= {name}(", 1)
        (tmp_path / f"{name}.m").write_text(renamed)
    oc.addpath(str(tmp_path))
    oc.push("X", X)
    oc.push("y", col(y))
    oc.push("p0", col(course_run.x0))
    oc.eval("opts = struct('MaxIter', 10, 'InitialParams', p0);"
            "[pA, JA] = trainNN(X, y, [64 10 10], 1, opts);"
            "opts.CostFunction = @studentGoodCost;"
            "[pB, JB] = trainNN(X, y, [64 10 10], 1, opts);"
            "opts.CostFunction = @biasRegularizedCost;"
            "[pC, JC] = trainNN(X, y, [64 10 10], 1, opts);")
    own, good_run, buggy = (np.asarray(oc.pull(v)).ravel() for v in ("JA", "JB", "JC"))
    assert_allclose(good_run, own, rtol=1e-9)
    assert_allclose(own, course_run.fun_history, rtol=1e-8)  # the Python twin's run
    assert buggy[0] > own[0] and not np.allclose(buggy, own, rtol=1e-3)
    python_buggy = nnvec.train(X, y, SIZES, lambda_=1.0, maxiter=10, rng=0,
                               cost_function=bias_regularized)
    assert_allclose(buggy, python_buggy.fun_history, rtol=1e-8)
    assert not np.allclose(np.asarray(oc.pull("pC")).ravel(), np.asarray(oc.pull("pA")).ravel(),
                           rtol=1e-3)


# ------------------------------------------------------------- data and evaluation

@pytest.mark.parametrize("name", ["digits", "mnist5k"])
def test_load_dataset_port_labels(name):
    course = nnvec.load_dataset(name)
    port = nnvec.load_dataset(name, first_label=0)
    # data/README.md: digits 1..9 keep their value, digit 0 is label 10 in the
    # course's numbering and 0 in the port's
    assert_array_equal(port.y, np.where(course.y == 10, 0, course.y))
    assert_array_equal(port.y_test, np.where(course.y_test == 10, 0, course.y_test))
    assert_array_equal(np.unique(port.y), np.arange(10))
    assert_array_equal(port.X, course.X)
    with pytest.raises(ValueError, match=r"load_dataset: first_label must be 1 .* or 0 .*, "
                                         r"got 2"):
        nnvec.load_dataset(name, first_label=2)


@pytest.mark.octave
def test_load_dataset_port_labels_twin(oc):
    data = oc.loadDataset("mnist5k", 0.0)
    port = nnvec.load_dataset("mnist5k", first_label=0)
    assert_array_equal(np.asarray(data["y"]).ravel(), port.y)
    assert_array_equal(np.asarray(data["ytest"]).ravel(), port.y_test)


def test_confusion_matrix_port_labels(rng):
    t = rng.integers(1, 11, 200)
    p = rng.integers(1, 11, 200)
    course = confusion_matrix(t, p, 10)
    # the same labels numbered from 0 (label K = 10 is 0): row and column 10 come first
    port = confusion_matrix(t % 10, p % 10, 10, first_label=0)
    assert_array_equal(port, np.roll(course, 1, axis=(0, 1)))
    # or numbered one lower: the same matrix
    assert_array_equal(confusion_matrix(t - 1, p - 1, 10, first_label=0), course)
    with pytest.raises(ValueError, match=r"confusion_matrix: y_true must hold labels 0\.\.9, "
                                         r"got 10 at position"):
        confusion_matrix(t, p, 10, first_label=0)
    assert label_names(10, first_label=0) == [str(k) for k in range(10)]


def test_plot_misclassified_port_labels(rng):
    X = rng.random((30, 16))
    t = np.tile(np.arange(1, 11), 3)
    p = t.copy()
    p[[0, 9, 13]] = [10, 1, 2]
    titles = []
    for labels, first in ((lambda v: v, 1), (lambda v: v % 10, 0)):
        fig = plot_misclassified(X, labels(t), labels(p), (4, 4), first_label=first)
        titles.append([x.get_text() for x in fig.axes[0].texts if "\u2192" in x.get_text()])
    # the digit names agree: course label 10 and port label 0 are both digit 0
    assert titles[0] == titles[1] == ["1 \u2192 0", "0 \u2192 1", "4 \u2192 2"]
