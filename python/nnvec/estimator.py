"""``NNClassifier``: the course's network as a scikit-learn estimator.

It needs scikit-learn (``pip install 'nnvec[sklearn]'``); ``import nnvec`` does
not, as ``nnvec.NNClassifier`` imports this module on first use.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from .core.forward import forward, output_activation
from .core.params import reshape_params
from .core.validate import check_dtype
from .optim.train import init_params, train

__all__ = ["ENGINES", "NNClassifier"]

#: Where ``fit`` runs: nnvec.train, or Octave's trainNN.m through oct2py.
ENGINES = ("python", "octave")


class NNClassifier(ClassifierMixin, BaseEstimator):
    """The course's network (any depth) trained by ``nnvec.train``, as a classifier.

    Parameters
    ----------
    hidden_layer_sizes : sequence of int, default (25,)
        Units of each hidden layer; the input and output sizes come from the data.
    alpha : float, default 1.0
        The course's L2 strength lambda: ``J = CE + alpha / (2 m) * sum(Theta(:, 2:end).^2)``.
        (The same number as ``MLPClassifier``'s alpha, whose penalty is
        ``0.5 * alpha * ||W||^2 / m``.)
    activation : {'sigmoid', 'tanh', 'relu'}, default 'sigmoid'
    output : {'sigmoid', 'softmax'}, default 'sigmoid'
        As in ``nnvec.nn_cost``.
    method : {'fmincg', 'CG', 'L-BFGS-B', 'momentum'}, default 'fmincg'
    maxiter : int, default 50
    random_state : int, numpy.random.Generator, numpy.random.RandomState or None
        Seeds ``nnvec.init_params`` (the start vector).
    engine : {'python', 'octave'}, default 'python'
        ``'octave'`` runs Octave's ``trainNN.m`` (methods 'fmincg', 'momentum')
        from the same start vector.
    dtype : {'float64', 'float32'}, default 'float64'
        What ``fit`` computes in (``nnvec.train``'s dtype; Octave: single);
        ``coefs_`` and ``predict_proba`` are in it too.

    Attributes
    ----------
    coefs_ : list of ndarray
        ``coefs_[l]`` of shape ``(s_{l+2}, s_{l+1} + 1)``, bias in column 0 (nnvec's Thetas).
    classes_ : ndarray of shape (K,)
        The labels seen in ``fit``, sorted; output unit k is ``classes_[k]``.
    n_features_in_ : int
    layer_sizes_ : list of int
        ``[n_features_in_, *hidden_layer_sizes, K]``.
    loss_curve_ : ndarray of shape (n_iter_,)
        The cost after each iteration (``train``'s ``fun_history``).
    n_iter_ : int

    Notes
    -----
    Labels of any type are encoded with ``np.unique`` as 1..K for ``train``.
    Two classes use two output units (as the course's one-vs-all outputs do).
    ``predict_proba`` returns the output layer's activations; the K sigmoid
    outputs are divided by their row sum so that each row sums to 1, as
    scikit-learn requires (softmax rows already do); the argmax is unchanged.

    See Also
    --------
    nnvec.train, trainNN.m, sklearn.neural_network.MLPClassifier
    """

    def __init__(
        self,
        hidden_layer_sizes: Sequence[int] = (25,),
        alpha: float = 1.0,
        activation: str = "sigmoid",
        output: str = "sigmoid",
        method: str = "fmincg",
        maxiter: int = 50,
        random_state: object = None,
        engine: str = "python",
        dtype: str = "float64",
    ) -> None:
        self.hidden_layer_sizes = hidden_layer_sizes
        self.alpha = alpha
        self.activation = activation
        self.output = output
        self.method = method
        self.maxiter = maxiter
        self.random_state = random_state
        self.engine = engine
        self.dtype = dtype

    def fit(self, X: ArrayLike, y: ArrayLike) -> NNClassifier:
        """Train on X of shape (m, n) and labels y of shape (m,); returns self."""
        dtype = check_dtype(self.dtype, "NNClassifier")
        X, y = validate_data(self, X, y, dtype=dtype)
        check_classification_targets(y)
        classes, labels = np.unique(y, return_inverse=True)
        if classes.size < 2:
            raise ValueError(
                f"NNClassifier: fit needs at least 2 classes, got 1 class ({classes[0]!r})")
        if self.engine not in ENGINES:
            raise ValueError(f"NNClassifier: engine must be one of {', '.join(ENGINES)}, "
                             f"got {self.engine!r}")
        hidden = [self.hidden_layer_sizes] if np.isscalar(self.hidden_layer_sizes) \
            else list(self.hidden_layer_sizes)
        sizes = [X.shape[1], *hidden, classes.size]
        y1 = (labels + 1).astype(np.int64)
        p0 = init_params(sizes, _generator(self.random_state))
        if self.engine == "octave":
            x, history = _train_octave(X, y1, sizes, p0, self)
            x = x.astype(dtype)
        else:
            res = train(X, y1, sizes, lambda_=self.alpha, maxiter=self.maxiter,
                        method=self.method, initial_params=p0, activation=self.activation,
                        output=self.output, dtype=dtype)
            x, history = res.x, res.fun_history
        self.classes_ = classes
        self.layer_sizes_ = [int(s) for s in sizes]
        self.coefs_ = [T.copy() for T in reshape_params(x, sizes)]
        self.loss_curve_ = history
        self.n_iter_ = int(history.size)
        return self

    def predict_proba(self, X: ArrayLike) -> NDArray[np.float64]:
        """Output activations of shape (m, K), each row scaled to sum 1 (see Notes)."""
        check_is_fitted(self)
        X = validate_data(self, X, dtype=self.coefs_[0].dtype, reset=False)
        _, zL = forward(self.coefs_, X, self.activation)
        h = output_activation(self.output, zL)
        return h / h.sum(axis=1, keepdims=True)

    def predict(self, X: ArrayLike) -> NDArray:
        """The class of the largest output unit for each row (ties: the first)."""
        check_is_fitted(self)
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


def _generator(random_state: object) -> object:
    """What ``init_params`` accepts: a RandomState becomes a Generator seeded from it."""
    if isinstance(random_state, np.random.RandomState):
        return np.random.default_rng(random_state.randint(np.iinfo(np.int32).max))
    return random_state


def _train_octave(X, y1, sizes, p0, est: NNClassifier):
    """trainNN.m through oct2py from `p0` (as ``nnvec train --engine octave``)."""
    from .bridge.octave_env import start_octave
    from .resources import octave_dir

    opts = {"MaxIter": float(est.maxiter), "Method": est.method,
            "InitialParams": p0.reshape(-1, 1), "activation": est.activation,
            "output": est.output}
    oc = start_octave()
    try:
        oc.addpath(str(octave_dir()))
        params, history, _ = oc.trainNN(
            X, y1.reshape(-1, 1).astype(np.float64),
            np.asarray(sizes, dtype=np.float64).reshape(1, -1), float(est.alpha), opts, nout=3)
    finally:
        oc.exit()
    return (np.asarray(params, dtype=np.float64).reshape(-1),
            np.asarray(history, dtype=np.float64).reshape(-1))
