"""NNClassifier: scikit-learn's own estimator checks, pipelines, and MLPClassifier as oracle.

The gold reference for the cost is scikit-learn's MLPClassifier: with
``activation='logistic'`` and a softmax output (three or more classes) its
loss is the mean cross-entropy plus ``0.5 * alpha * ||W||^2 / m`` (biases not
penalised), which is nnvec's softmax cost with ``lambda = alpha``.
"""

from __future__ import annotations

import warnings

import nnvec
import numpy as np
import pytest
from nnvec import NNClassifier, load_dataset, nn_cost, train, unroll_params
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import GridSearchCV
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import LabelBinarizer, StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks


@pytest.fixture(scope="module")
def digits():
    ds = load_dataset("digits")
    # 300 examples keep the fits quick; labels 1..10 (digit 0 is 10)
    return ds.X[:300], ds.y[:300].astype(np.int64)


# maxiter 30: enough for the accuracy threshold of check_classifiers_train (0.83)
@parametrize_with_checks([NNClassifier(maxiter=30),
                          NNClassifier(maxiter=30, output="softmax", activation="tanh")])
def test_sklearn_checks(estimator, check):
    check(estimator)


def test_import_nnvec_names_the_estimator():
    assert "NNClassifier" in nnvec.__all__
    assert nnvec.NNClassifier is NNClassifier
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        nnvec.nope  # noqa: B018


def test_coefs_are_train_result(digits):
    X, y = digits
    clf = NNClassifier(hidden_layer_sizes=(12,), alpha=0.5, maxiter=15, random_state=3).fit(X, y)
    res = train(X, y, [64, 12, 10], lambda_=0.5, maxiter=15, rng=3)
    assert len(clf.coefs_) == 2
    for T, R in zip(clf.coefs_, res.Thetas, strict=True):
        assert_array_equal(T, R)
    assert_array_equal(clf.loss_curve_, res.fun_history)
    assert_array_equal(clf.classes_, np.arange(1, 11))
    assert clf.n_features_in_ == 64 and clf.n_iter_ == 15
    assert_array_equal(clf.predict(X), nnvec.nn_predict(res.x, [64, 12, 10], X))


def test_string_labels(digits):
    X, y = digits
    names = np.array(["zero", "one", "two", "three", "four", "five", "six", "seven",
                      "eight", "nine"])
    ys = names[y % 10]
    clf = NNClassifier(maxiter=10, random_state=0).fit(X, ys)
    ref = NNClassifier(maxiter=10, random_state=0).fit(X, y)
    # np.unique sorts the names: unit k is classes_[k], whatever the label type
    assert_array_equal(clf.classes_, np.unique(ys))
    assert set(clf.predict(X)) <= set(names)
    assert_allclose(np.sort(clf.predict_proba(X).sum(axis=1)), np.ones(300), rtol=1e-12)
    assert ref.score(X, y) > 0.5


def test_pipeline_and_grid_search(digits):
    X, y = digits
    pipe = make_pipeline(StandardScaler(), NNClassifier(maxiter=20, random_state=0))
    grid = GridSearchCV(pipe, {"nnclassifier__alpha": [0.1, 1.0]}, cv=2)
    grid.fit(X, y)
    assert grid.best_params_["nnclassifier__alpha"] in (0.1, 1.0)
    assert grid.score(X, y) > 0.8


def _mlp_at(Thetas, X, y, alpha):
    """An MLPClassifier whose weights are nnvec's Thetas: W = Theta(:, 2:end)', b = Theta(:, 1)."""
    hidden = tuple(T.shape[0] for T in Thetas[:-1])
    mlp = MLPClassifier(hidden_layer_sizes=hidden, activation="logistic", alpha=alpha,
                        solver="lbfgs", max_iter=1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        mlp.fit(X, y)  # only to build its layers; the weights are replaced below
    mlp.coefs_ = [T[:, 1:].T.copy() for T in Thetas]
    mlp.intercepts_ = [T[:, 0].copy() for T in Thetas]
    return mlp


def _mlp_loss_grad(mlp, X, y):
    """MLPClassifier's own loss and gradients (its _backprop, as its lbfgs solver calls it)."""
    Y = LabelBinarizer().fit(mlp.classes_).transform(y).astype(np.float64)
    n_layers = len(mlp.coefs_) + 1
    activations = [X] + [None] * (n_layers - 1)
    deltas = [None] * (n_layers - 1)
    coef_grads = [np.empty_like(c) for c in mlp.coefs_]
    intercept_grads = [np.empty_like(b) for b in mlp.intercepts_]
    return mlp._backprop(X, Y, None, activations, deltas, coef_grads, intercept_grads)


@pytest.mark.parametrize("lam", [0.0, 0.7, 3.0])
def test_softmax_cost_is_mlp_loss(digits, lam):
    X, y = digits
    Thetas = NNClassifier(hidden_layer_sizes=(9, 7), maxiter=5, random_state=1,
                          output="softmax").fit(X, y).coefs_
    mlp = _mlp_at(Thetas, X, y, lam)
    loss, coef_grads, intercept_grads = _mlp_loss_grad(mlp, X, y)
    J, grad = nn_cost(unroll_params(Thetas), [64, 9, 7, 10], X, y, lam, output="softmax")
    # sklearn's 0.5 * alpha * ||W||^2 / m is the course's lambda / (2 m) * ||W||^2
    assert_allclose(J, loss, rtol=1e-12)
    mlp_grad = [np.column_stack([b, W.T]) for W, b in zip(coef_grads, intercept_grads,
                                                          strict=True)]
    assert_allclose(grad, unroll_params(mlp_grad), rtol=1e-9, atol=1e-14)
    clf = NNClassifier(output="softmax").fit(X[:20], y[:20])
    clf.coefs_ = Thetas
    assert_array_equal(clf.predict(X), mlp.predict(X))
    assert_allclose(clf.predict_proba(X), mlp.predict_proba(X), rtol=1e-10, atol=1e-15)


def test_bad_engine_and_one_class(digits):
    X, y = digits
    with pytest.raises(ValueError, match="engine must be one of python, octave, got 'R'"):
        NNClassifier(engine="R").fit(X, y)
    with pytest.raises(ValueError, match="at least 2 classes, got 1 class"):
        NNClassifier().fit(X, np.ones(300))


@pytest.mark.octave
def test_octave_engine_same_fit(digits):
    X, y = digits
    X, y = X[:120], y[:120]
    kw = {"hidden_layer_sizes": (10,), "alpha": 1.0, "maxiter": 8, "random_state": 2}
    py = NNClassifier(**kw).fit(X, y)
    oc = NNClassifier(engine="octave", **kw).fit(X, y)
    assert_allclose(oc.loss_curve_, py.loss_curve_, rtol=1e-9)
    for T, R in zip(oc.coefs_, py.coefs_, strict=True):
        assert_allclose(T, R, rtol=1e-7, atol=1e-10)


def test_without_scikit_learn_the_estimator_says_how_to_install(monkeypatch):
    import sys

    import nnvec

    for name in [m for m in sys.modules if m == "sklearn" or m.startswith("sklearn.")]:
        monkeypatch.setitem(sys.modules, name, None)  # importing any of them now fails
    monkeypatch.delitem(sys.modules, "nnvec.estimator", raising=False)
    with pytest.raises(ImportError, match=r"^nnvec.NNClassifier needs scikit-learn: "
                                          r"pip install 'nnvec\[sklearn\]'$"):
        nnvec.NNClassifier  # noqa: B018
