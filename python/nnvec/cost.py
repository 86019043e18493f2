"""The regularized cost and its backprop gradient, for any depth.

Octave twins: ``nnCost.m`` (any depth), ``nnCostFunction.m`` (the course's
three-layer signature), ``costAndGradient.m`` (the shared computation).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .params import param_shapes, reshape_params
from .validate import (
    check_lambda,
    check_layer_sizes,
    check_options,
    check_params,
    check_X,
    check_y,
)

__all__ = ["NNCost", "Workspace", "cost_and_gradient", "nn_cost", "nn_cost_function",
           "one_hot"]


def nn_cost(
    nn_params: ArrayLike,
    layer_sizes: Sequence[int],
    X: ArrayLike,
    y: ArrayLike,
    lambda_: float = 0.0,
    *,
    activation: str = "sigmoid",
    output: str = "sigmoid",
) -> tuple[float, NDArray[np.float64]]:
    """Regularized cross-entropy cost and its gradient for a network of any depth.

    Parameters
    ----------
    nn_params : array_like of shape (N,) or (N, 1)
        Unrolled weights ``[Theta1(:); Theta2(:); ...]`` (column-major).
    layer_sizes : sequence of int
        ``[s1, s2, ..., sL]``: input size, hidden sizes, number of labels K.
    X : array_like of shape (m, s1)
        One example per row, no bias column.
    y : array_like of shape (m,) or (m, 1)
        Labels in 1..K (digit 0 is label 10).
    lambda_ : float, default 0.0
        L2 regularization strength, >= 0.
    activation : {'sigmoid', 'tanh', 'relu'}, default 'sigmoid'
        Hidden-layer activation (the course uses sigmoid).
    output : {'sigmoid', 'softmax'}, default 'sigmoid'
        Output layer: K independent sigmoids with the course's cross-entropy,
        or a softmax with multi-class cross-entropy.

    Returns
    -------
    J : float
        The cost.
    grad : ndarray of shape (N,)
        dJ/dnn_params, unrolled like `nn_params`; ready for
        ``scipy.optimize.minimize(nn_cost, p0, jac=True, args=(sizes, X, y, lam))``.

    Raises
    ------
    ValueError, TypeError
        On bad input; the message names the rule and the value received.

    Notes
    -----
    With ``Y`` the one-hot m x K label matrix and ``z = z_L``, the sigmoid output cost is
    ``J = 1/m sum(-Y log h - (1-Y) log(1-h))``, evaluated in the stable form
    ``1/m sum(max(z, 0) - Y .* z + log1p(exp(-|z|)))`` so that it stays finite
    when units saturate. The softmax cost is ``-1/m sum(Y .* log_softmax(z))``.
    Both add ``lambda/(2m) sum_l sum(Theta_l(:, 2:end).^2)``. Backprop starts from
    ``delta_L = h - Y`` and loops over layers only, never over examples.

    See Also
    --------
    nnCost.m : the Octave twin.
    nn_cost_function : the course's three-layer signature.
    NNCost : the same, validated once for repeated calls (training).
    """
    return NNCost(layer_sizes, X, y, lambda_, activation=activation, output=output,
                  fname="nn_cost")(nn_params)


def nn_cost_function(
    nn_params: ArrayLike,
    input_layer_size: int,
    hidden_layer_size: int,
    num_labels: int,
    X: ArrayLike,
    y: ArrayLike,
    lambda_: float = 0.0,
) -> tuple[float, NDArray[np.float64]]:
    """The course's three-layer cost: ``nn_cost`` with ``[input, hidden, num_labels]``.

    See Also
    --------
    nnCostFunction.m : the Octave twin.
    nn_cost : any depth, with options.
    """
    sizes = [input_layer_size, hidden_layer_size, num_labels]
    return NNCost(sizes, X, y, lambda_, fname="nn_cost_function")(nn_params)


class NNCost:
    """``p -> (J, grad)`` for fixed data, validated once: what an optimizer calls.

    ``NNCost(sizes, X, y, lam)(p)`` equals ``nn_cost(p, sizes, X, y, lam)``
    exactly (same code); the data checks, the one-hot label matrix and the
    buffers of the evaluation (a `Workspace`) are made once, here, instead of
    on every call, so a training run allocates almost nothing per evaluation.
    X is not copied when it is already a C-ordered float64 array.
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        X: ArrayLike,
        y: ArrayLike,
        lambda_: float = 0.0,
        *,
        activation: str = "sigmoid",
        output: str = "sigmoid",
        fname: str = "NNCost",
    ) -> None:
        self.fname = fname
        self.layer_sizes = check_layer_sizes(layer_sizes, fname)
        check_options(activation, output, fname)
        self.activation = activation
        self.output = output
        self.X = np.ascontiguousarray(check_X(X, self.layer_sizes[0], fname))
        labels = check_y(y, self.X.shape[0], self.layer_sizes[-1], fname)
        # One-hot labels stored K x m, the workspace's layout; self.Y is its m x K view.
        self.Y = np.ascontiguousarray(one_hot(labels, self.layer_sizes[-1]).T).T
        self.lambda_ = check_lambda(lambda_, fname)
        self.size = sum(r * c for r, c in param_shapes(self.layer_sizes))
        self.workspace = Workspace(self.layer_sizes, self.Y)

    def __call__(self, nn_params: ArrayLike) -> tuple[float, NDArray[np.float64]]:
        p = check_params(nn_params, self.layer_sizes, self.fname)
        return cost_and_gradient(reshape_params(p, self.layer_sizes), self.X, self.Y,
                                 self.lambda_, self.activation, self.output, self.workspace)


def one_hot(labels: NDArray[np.intp], num_labels: int) -> NDArray[np.float64]:
    """m x K matrix with ``Y[i, k-1] = 1`` where ``labels[i] == k`` (Octave: ``eye(K)(y, :)``)."""
    Y = np.zeros((labels.size, num_labels))
    Y[np.arange(labels.size), labels - 1] = 1.0
    return Y


class Workspace:
    """The buffers of one evaluation, allocated once and reused (see `NNCost`).

    Parameters
    ----------
    layer_sizes : sequence of int
        ``[s1, ..., sL]``.
    Y : ndarray of shape (m, K)
        The one-hot labels the evaluations will use.

    Attributes
    ----------
    A : list of ndarray
        ``A[l]`` of shape ``(s_{l+2}, m)``: hidden activations, examples along
        columns. Backprop overwrites each with its derivative ``g'(a)``.
    D : list of ndarray
        ``D[l]`` of shape ``(s_{l+2}, m)``: the hidden errors ``delta'``.
    z, t : ndarray of shape (K, m)
        Output pre-activation (then ``delta_L'``) and a scratch array (the
        first K rows of ``D[-1]`` when the last hidden layer has >= K units).
    YT : ndarray of shape (K, m)
        ``Y'``, contiguous (no copy when `Y` is the transpose of a C-ordered
        array, as `NNCost` passes it).
    G : list of ndarray
        ``G[l]`` of shape ``(s_{l+2}, s_{l+1})``: the non-bias gradient of
        ``Thetas[l]`` before it is scaled into its slot of ``grad``.
    offsets : list of int
        Where each ``Theta_l`` starts in the unrolled ``grad``; the last is N.

    Notes
    -----
    Memory: two hidden-sized arrays and two output-sized ones (``z``, ``YT``),
    twice the activations themselves; X is never copied. Octave has no ``out=`` and
    copies on write, so its twin ``costAndGradient.m`` has no workspace.
    """

    def __init__(self, layer_sizes: Sequence[int], Y: NDArray[np.float64]) -> None:
        m = Y.shape[0]
        self.m = m
        self.A = [np.empty((s, m)) for s in layer_sizes[1:-1]]
        self.D = [np.empty((s, m)) for s in layer_sizes[1:-1]]
        self.z = np.empty((layer_sizes[-1], m))
        K = layer_sizes[-1]
        if self.D and self.D[-1].shape[0] >= K:
            # Scratch of the output layer: rows of the last hidden delta buffer,
            # which backprop fills only after the output layer is done.
            self.t = self.D[-1][:K]
        else:
            self.t = np.empty((K, m))
        self.YT = np.ascontiguousarray(Y.T)
        self.G = [np.empty((r, c - 1)) for r, c in param_shapes(layer_sizes)]
        self.offsets = np.cumsum([0] + [r * c for r, c in param_shapes(layer_sizes)]).tolist()


def cost_and_gradient(
    Thetas: Sequence[NDArray[np.float64]],
    X: NDArray[np.float64],
    Y: NDArray[np.float64],
    lambda_: float,
    activation: str = "sigmoid",
    output: str = "sigmoid",
    workspace: Workspace | None = None,
) -> tuple[float, NDArray[np.float64]]:
    """The computation behind ``nn_cost`` on validated inputs (Octave: ``costAndGradient.m``).

    Parameters
    ----------
    Thetas : sequence of ndarray
        ``Thetas[l]`` of shape ``(s_{l+2}, s_{l+1} + 1)``, bias in column 0.
    X : ndarray of shape (m, s1)
    Y : ndarray of shape (m, K)
        One-hot labels.
    lambda_ : float
    activation, output : str
        As for `nn_cost`.
    workspace : Workspace, optional
        Buffers made for these sizes and this `Y`, reused across calls; a new
        one is made when omitted.

    Returns
    -------
    J : float
    grad : ndarray of shape (N,)

    Notes
    -----
    The formulas of `nn_cost`, computed with the examples along columns,
    ``a_{l+1}' = g(Theta_l(:, 2:end) a_l' + Theta_l(:, 1))``, so the big
    products are ``Theta1(:, 2:end) X'`` and ``delta2' X``: on OpenBLAS the
    first ran about 1.3x faster than ``X Theta1(:, 2:end)'`` at the course
    size (``make bench`` prints both layouts of every product), and neither
    copies X (``X'`` is a view). Every elementwise step writes into the
    workspace with ``out=``. `nnvec.forward.forward` (used by predict) is the
    same forward pass with the examples along rows, like ``forwardPass.m``.
    """
    m = X.shape[0]
    if workspace is None:
        workspace = Workspace([X.shape[1]] + [T.shape[0] for T in Thetas], Y)
    ws = workspace
    z, t, YT = ws.z, ws.t, ws.YT

    # Forward: a_{l+1}' = g(Theta_l(:, 2:end) a_l' + Theta_l(:, 1)); a_1' = X'.
    A = [X.T, *ws.A]
    for l in range(len(Thetas) - 1):
        np.matmul(Thetas[l][:, 1:], A[l], out=A[l + 1])
        A[l + 1] += Thetas[l][:, :1]
        _activate(activation, A[l + 1])
    np.matmul(Thetas[-1][:, 1:], A[-1], out=z)
    z += Thetas[-1][:, :1]

    # Output layer: cost and delta_L = h - Y, written over z.
    if output == "softmax":
        np.subtract(z, z.max(axis=0), out=t)
        np.exp(t, out=z)
        t -= np.log(z.sum(axis=0))
        J = -np.vdot(YT, t) / m
        np.exp(t, out=z)
    else:
        np.abs(z, out=t)
        np.negative(t, out=t)
        np.exp(t, out=t)
        np.log1p(t, out=t)
        log1p_sum = t.sum()
        J = (np.maximum(z, 0.0, out=t).sum() - np.vdot(YT, z) + log1p_sum) / m
        _sigmoid(z, out=z)
    z -= YT
    delta = z

    # Backprop: one step per layer, each gradient written into its slot of grad.
    offsets = ws.offsets
    grad = np.empty(offsets[-1])
    for l in range(len(Thetas) - 1, -1, -1):
        Theta = Thetas[l]
        G = grad[offsets[l]:offsets[l + 1]].reshape(Theta.shape, order="F")
        np.sum(delta, axis=1, out=G[:, 0])
        G[:, 0] /= m
        np.matmul(delta, A[l].T, out=ws.G[l])
        np.divide(ws.G[l], m, out=G[:, 1:])
        G[:, 1:] += lambda_ / m * Theta[:, 1:]
        if l > 0:
            # delta_l = (delta_{l+1} Theta_l(:, 2:end)) .* g'(a_l), with g'(a_l)
            # written over a_l (no longer needed), D as scratch before it holds delta_l.
            D = ws.D[l - 1]
            _gradient_of_output(activation, A[l], D)
            np.matmul(Theta[:, 1:].T, delta, out=D)
            D *= A[l]
            delta = D

    for Theta in Thetas:
        J = J + lambda_ / (2 * m) * np.sum(Theta[:, 1:] ** 2)
    return float(J), grad


def _sigmoid(z: NDArray[np.float64], out: NDArray[np.float64]) -> None:
    """``out <- 1 / (1 + exp(-z))``, as `sigmoid` writes it, one ufunc at a time.

    The same numbers as `sigmoid`, bit for bit; numpy's SIMD exp makes these
    four passes about 2.5x faster than one ``scipy.special.expit`` (measured).
    """
    np.negative(z, out=out)
    with np.errstate(over="ignore"):
        np.exp(out, out=out)
    out += 1.0
    np.divide(1.0, out, out=out)


def _activate(name: str, z: NDArray[np.float64]) -> None:
    """``z <- g(z)`` in place: `activation_forward` without a new array."""
    if name == "sigmoid":
        _sigmoid(z, out=z)
    elif name == "tanh":
        np.tanh(z, out=z)
    else:
        np.maximum(z, 0.0, out=z)


def _gradient_of_output(name: str, a: NDArray[np.float64], scratch: NDArray[np.float64]) -> None:
    """``a <- g'`` written in terms of the output ``a``, in place: `activation_gradient`."""
    if name == "sigmoid":
        np.subtract(1.0, a, out=scratch)
        np.multiply(a, scratch, out=a)
    elif name == "tanh":
        np.multiply(a, a, out=scratch)
        np.subtract(1.0, scratch, out=a)
    else:
        np.greater(a, 0.0, out=a)
