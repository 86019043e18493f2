"""Known wrong versions of the graded functions, each a small mutation of nnvec's reference.

Every `Mistake` is a working but wrong ``nnCostFunction`` or
``sigmoidGradient``, as students write them: cut the weights out of
``nn_params`` in the wrong order, regularize the bias column, forget 1/m,
shift the labels, backpropagate through the bias unit, and so on. Each one
is built from nnvec's own functions (the reference), changed in exactly one
place, and takes the arguments of the function it imitates, in a
`~nnvec.core.conventions.Convention`.

``nnvec grade`` computes them on the grading inputs: when a submission that
fails a part returns what a mistake returns, on every input, the hint names
that mistake. The tests grade each of them as if it were a student's file,
and check that it loses exactly its `Mistake.parts`.

Examples
--------
>>> import numpy as np
>>> m = MISTAKES["sigmoid_instead_of_gradient"]
>>> m.function, sorted(m.parts), float(m.impl(np.zeros((1, 1)))[0, 0])
('sigmoidGradient', [3], 0.5)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..core.activations import sigmoid, sigmoid_gradient
from ..core.conventions import COURSE, Convention, reorder_params
from ..core.cost import cost_and_gradient, nn_cost_function
from ..core.forward import forward
from ..core.params import param_shapes, reshape_params

__all__ = ["MISTAKES", "Mistake", "hint_words", "reference_cost", "reference_sigmoid_gradient"]

Cost = tuple[float, object]


@dataclass(frozen=True)
class Mistake:
    """One known wrong version of a graded function.

    Attributes
    ----------
    name : str
        Short identifier (the key in `MISTAKES`).
    function : {'nnCostFunction', 'sigmoidGradient'}
        The function it imitates.
    parts : frozenset of int
        The grader's parts (1-5) it fails.
    hint : str
        What the student should change, with ``{fields}`` from `hint_words`:
        for every part, or for the cost's parts (1, 2) when `grad_hint` is set.
    impl : callable
        The wrong function: ``(nn_params, sizes, X, y, lambda_, conv) -> (J, grad)``
        for nnCostFunction, ``(z) -> g`` for sigmoidGradient. It raises where
        the student's code would raise.
    grad_hint : str, optional
        The hint for the gradient's parts (4, 5). A mistake made in the cost
        and in the gradient alike (the same code line) has one hint; one that
        sits in a line of each (the regularization, the 1/m) has a hint per
        output, so that a part's hint never tells the student to change an
        output that passed.
    known_by_errors : bool, default False
        Whether a submission that fails exactly where `impl` raises (and
        agrees elsewhere) is recognised by that alone: for a mistake that
        raises only on inputs made to expose it.
    """

    name: str
    function: str
    parts: frozenset[int]
    hint: str
    impl: Callable
    grad_hint: str = ""
    known_by_errors: bool = False

    def hint_for(self, conv: Convention, output: str) -> str:
        """The hint for a part that checks `output` ('J', 'grad' or 'g'), worded for `conv`."""
        text = self.grad_hint if output == "grad" and self.grad_hint else self.hint
        return text.format(**hint_words(conv))


def hint_words(conv: Convention) -> dict[str, str]:
    """Phrases a hint fills in: the layout and labels `conv` wants, and the other ones."""
    by_column = "column by column (Octave's [Theta1(:); Theta2(:)], numpy order='F')"
    by_row = "row by row (numpy's default, order='C')"
    if conv.first_label == 1:
        labels = ("labels run 1..K and label k is output unit k (digit 0 is label 10, "
                  "the last unit)")
        wrong = dict(wrong_labels="0..K-1", neighbour="after", edge="K (digit 0)",
                     edge_unit="first")
    else:
        labels = ("labels run 0..K-1 and label k is output unit k + 1, index k (digit 0 is "
                  "label 0, the first unit)")
        wrong = dict(wrong_labels="1..K", neighbour="before", edge="0 (digit 0)",
                     edge_unit="last")
    return dict(order=by_column if conv.order == "F" else by_row,
                wrong_order=by_row if conv.order == "F" else by_column, labels=labels, **wrong)


# --- the reference -------------------------------------------------------------

def reference_cost(nn_params, sizes: Sequence[int], X, y, lambda_: float,
                   conv: Convention = COURSE) -> tuple[float, NDArray[np.float64]]:
    """nnvec's ``nn_cost_function`` in `conv`: what a correct submission returns."""
    return nn_cost_function(nn_params, *sizes, X, y, lambda_, order=conv.order,
                            first_label=conv.first_label)


def reference_sigmoid_gradient(z) -> NDArray[np.float64]:
    """nnvec's ``sigmoid_gradient``."""
    return sigmoid_gradient(np.asarray(z, dtype=np.float64))


def _other(order: str) -> str:
    return "C" if order == "F" else "F"


def _thetas(p, sizes, conv: Convention) -> list[NDArray[np.float64]]:
    """The weight matrices `p` holds in `conv`'s order."""
    return reshape_params(reorder_params(p, sizes, conv.order, "F"), sizes)


def _labels(y, conv: Convention) -> NDArray[np.int64]:
    """`conv`'s labels as the course's 1..K."""
    return np.asarray(y, dtype=np.int64).reshape(-1) - conv.first_label + 1


def _in_conv(g_course: NDArray[np.float64], sizes, conv: Convention) -> NDArray[np.float64]:
    return reorder_params(g_course, sizes, "F", conv.order)


def _course_cost(p, sizes, X, y, lam, conv) -> tuple[float, NDArray[np.float64]]:
    """The reference with the gradient in the course's order (F), whatever `conv` says."""
    J, g = reference_cost(p, sizes, X, y, lam, conv)
    return J, reorder_params(g, sizes, conv.order, "F")


def _one_hot(units: NDArray[np.int64], K: int) -> NDArray[np.float64]:
    """m x K rows with a 1 at each 0-based unit; a unit outside 0..K-1 lights nothing."""
    Y = np.zeros((units.size, K))
    ok = (units >= 0) & (units < K)
    Y[np.flatnonzero(ok), units[ok]] = 1
    return Y


# --- the mutations -------------------------------------------------------------

def _order_both(p, sizes, X, y, lam, conv) -> Cost:
    # The weights read, and the gradient written, in the other order.
    return nn_cost_function(p, *sizes, X, y, lam, order=_other(conv.order),
                            first_label=conv.first_label)


def _order_reshape_only(p, sizes, X, y, lam, conv) -> Cost:
    J, g = _order_both(p, sizes, X, y, lam, conv)
    return J, reorder_params(g, sizes, _other(conv.order), conv.order)


def _order_unroll_only(p, sizes, X, y, lam, conv) -> Cost:
    J, g = reference_cost(p, sizes, X, y, lam, conv)
    return J, reorder_params(g, sizes, conv.order, _other(conv.order))


def _grad_swapped(p, sizes, X, y, lam, conv) -> Cost:
    J, g = reference_cost(p, sizes, X, y, lam, conv)
    n1 = param_shapes(sizes)[0][0] * param_shapes(sizes)[0][1]
    return J, np.concatenate([g[n1:], g[:n1]])


def _grad_row(p, sizes, X, y, lam, conv) -> Cost:
    J, g = reference_cost(p, sizes, X, y, lam, conv)
    return J, g.reshape(1, -1)


def _grad_matrices(join: Callable | None) -> Callable:
    """Theta1_grad and Theta2_grad as two matrices, or joined into one by `join` (may raise)."""
    def impl(p, sizes, X, y, lam, conv) -> Cost:
        J, g = _course_cost(p, sizes, X, y, lam, conv)
        G = [np.array(M) for M in reshape_params(g, sizes)]
        return J, (G if join is None else join(G))
    return impl


def _bias_regularized(p, sizes, X, y, lam, conv) -> Cost:
    J, g = _course_cost(p, sizes, X, y, lam, conv)
    m = np.shape(X)[0]
    for G, Theta in zip(reshape_params(g, sizes), _thetas(p, sizes, conv), strict=True):
        J += lam / (2 * m) * np.sum(Theta[:, 0] ** 2)
        G[:, 0] += lam / m * Theta[:, 0]
    return J, _in_conv(g, sizes, conv)


def _scaled(data: float | str, cost_reg: float | str, grad_reg: float | str) -> Callable:
    """The data term times `data`, the regularization times `cost_reg` in the cost and
    `grad_reg` in the gradient; a factor ``'m'`` is the number of examples.
    """
    def impl(p, sizes, X, y, lam, conv) -> Cost:
        m = np.shape(X)[0]
        a, b, c = (m if f == "m" else f for f in (data, cost_reg, grad_reg))
        J0, g0 = reference_cost(p, sizes, X, y, 0.0, conv)
        J, g = reference_cost(p, sizes, X, y, lam, conv)
        return a * J0 + b * (J - J0), a * g0 + c * (g - g0)
    return impl


def _labels_off_by_one(wrap: bool) -> Callable:
    """Labels read as starting at the other first label: one unit off, the end out or wrapped."""
    def impl(p, sizes, X, y, lam, conv) -> Cost:
        K = sizes[-1]
        units = np.asarray(y, dtype=np.int64).reshape(-1) - (1 - conv.first_label)
        Y = _one_hot(units % K if wrap else units, K)
        Thetas = _thetas(p, sizes, conv)
        J, g = cost_and_gradient(Thetas, np.asarray(X, dtype=np.float64), Y, lam)
        return J, _in_conv(g, sizes, conv)
    return impl


def _one_hot_from_labels(p, sizes, X, y, lam, conv) -> Cost:
    # Y = eye(max(y))(y, :) (np.eye(y.max() + 1)[y] with labels from 0): as many
    # columns as the largest label present. Where that is not K, Y and h (m x K)
    # cannot be combined and the student's call fails (numpy and Octave
    # broadcast a single column, which no grading input has: its labels reach 2).
    width = int(_labels(y, conv).max())
    if width != sizes[-1]:
        raise ValueError(f"the one-hot matrix has {width} columns where h has {sizes[-1]}")
    return reference_cost(p, sizes, X, y, lam, conv)


def _m_from_length(p, sizes, X, y, lam, conv) -> Cost:
    # m = length(X), the longer side of X: with fewer examples than features,
    # a1 = [ones(m, 1) X] (np.hstack in numpy) fails.
    m, length = np.shape(X)[0], max(np.shape(X))
    if length != m:
        raise ValueError(f"ones({length}, 1) and X ({m}x{np.shape(X)[1]}) cannot be joined")
    return reference_cost(p, sizes, X, y, lam, conv)


def _theta1_data_gradient(Thetas, X, Y, gate: Callable) -> NDArray[np.float64]:
    """Theta1's gradient without regularization, the hidden error scaled by ``gate(a2)``.

    The reference's backprop step is ``delta2 = (delta3 Theta2(:, 2:end)) .* a2 .* (1 - a2)``;
    a mutation passes another `gate`.
    """
    A, zL = forward(Thetas, X)
    a2 = A[1]
    delta3 = sigmoid(zL) - Y
    delta2 = (delta3 @ Thetas[1][:, 1:]) * gate(a2)
    return np.hstack([delta2.sum(axis=0)[:, None], delta2.T @ X]) / X.shape[0]


def _correct_gate(a2):
    return a2 * (1 - a2)


def _backprop_gate(gate: Callable) -> Callable:
    """Backprop with ``gate(a2)`` where the sigmoid's derivative ``a2 .* (1 - a2)`` belongs."""
    def impl(p, sizes, X, y, lam, conv) -> Cost:
        J, g = _course_cost(p, sizes, X, y, lam, conv)
        Thetas = _thetas(p, sizes, conv)
        X = np.asarray(X, dtype=np.float64)
        Y = _one_hot(_labels(y, conv) - 1, sizes[-1])
        G1 = reshape_params(g, sizes)[0]  # a view into g
        G1 += (_theta1_data_gradient(Thetas, X, Y, gate)
               - _theta1_data_gradient(Thetas, X, Y, _correct_gate))
        return J, _in_conv(g, sizes, conv)
    return impl


def _backprop_bias(p, sizes, X, y, lam, conv) -> Cost:
    # Theta1's gradient keeps a first row for the bias unit; what lands in
    # it depends on the code (NaN: any value matches).
    J, g = _course_cost(p, sizes, X, y, lam, conv)
    G1, G2 = reshape_params(g, sizes)
    G1 = np.vstack([np.full((1, G1.shape[1]), np.nan), G1])
    return J, np.concatenate([G1.reshape(-1, order=conv.order), G2.reshape(-1, order=conv.order)])


def _sg(formula: Callable) -> Callable:
    def impl(z) -> NDArray[np.float64]:
        return formula(np.asarray(z, dtype=np.float64))
    return impl


COST_PARTS = frozenset({1, 2, 4, 5})
REG_PARTS = frozenset({2, 5})
GRAD_PARTS = frozenset({4, 5})

_TABLE = [
    # Layout of the parameters and of the gradient.
    Mistake("order", "nnCostFunction", COST_PARTS,
            "Theta1 and Theta2 are read out of nn_params {wrong_order}; nn_params is laid out "
            "{order}.", _order_both,
            grad_hint="Theta1 and Theta2 are read out of nn_params {wrong_order}, and the "
                      "gradient is unrolled that way too; here both are laid out {order}."),
    Mistake("order_reshape", "nnCostFunction", COST_PARTS,
            "Theta1 and Theta2 are read out of nn_params {wrong_order}; nn_params is laid out "
            "{order}.", _order_reshape_only),
    Mistake("order_unroll", "nnCostFunction", GRAD_PARTS,
            "the gradient is unrolled {wrong_order}; unroll it like nn_params, {order}.",
            _order_unroll_only),
    Mistake("grad_swapped", "nnCostFunction", GRAD_PARTS,
            "the gradient starts with Theta2's part; keep the order of nn_params: Theta1_grad "
            "first, then Theta2_grad.", _grad_swapped),
    Mistake("grad_row", "nnCostFunction", GRAD_PARTS,
            "the gradient is a row (1 x N); return a column (N x 1) in Octave, a 1-D array in "
            "Python.", _grad_row),
    Mistake("grad_matrices", "nnCostFunction", GRAD_PARTS,
            "the gradient comes back as separate matrices; unroll Theta1_grad and Theta2_grad "
            "into one vector, {order}, like nn_params.", _grad_matrices(None)),
    # Side by side works only when Theta1 and Theta2 have as many rows (the
    # course's test): elsewhere the whole call fails, J included. Only the
    # gradient's parts show a value it explains, so only they get its hint.
    Mistake("grad_side_by_side", "nnCostFunction", COST_PARTS,
            "the gradient comes back as a matrix (Theta1_grad and Theta2_grad side by side); "
            "unroll both into one vector, {order}, like nn_params.", _grad_matrices(np.hstack)),
    # The labels' one-hot matrix: it feeds the cost and the gradient alike.
    Mistake("one_hot_from_labels", "nnCostFunction", COST_PARTS,
            "the one-hot matrix of the labels is sized from the labels present (max(y) "
            "columns): on a batch in which the last label never occurs it is narrower than h "
            "and the call fails. Give it num_labels columns whatever labels occur "
            "(eye(num_labels) in Octave, np.eye(num_labels) in numpy).",
            _one_hot_from_labels, known_by_errors=True),
    # Regularization: a term in the cost and another in the gradient, a hint for each.
    Mistake("bias_regularized", "nnCostFunction", REG_PARTS,
            "the bias column (column 1 of Theta1 and Theta2, the weights of the +1 units) is "
            "regularized in the cost; leave it out of the sum of squared weights that "
            "lambda/(2m) multiplies.", _bias_regularized,
            grad_hint="the bias column (column 1 of Theta1 and Theta2, the weights of the +1 "
                      "units) is regularized in the gradient; add lambda/m times the weights "
                      "to every column of Theta1_grad and Theta2_grad but the first."),
    Mistake("no_regularization", "nnCostFunction", REG_PARTS,
            "lambda changes nothing in the cost: its regularization is missing (lambda/(2m) "
            "times the sum of the squared non-bias weights).", _scaled(1.0, 0.0, 0.0),
            grad_hint="lambda changes nothing in the gradient: its regularization is missing "
                      "(lambda/m times each non-bias weight, added to its entry of "
                      "Theta1_grad or Theta2_grad)."),
    Mistake("reg_cost_lambda_over_m", "nnCostFunction", frozenset({2}),
            "the cost's regularization takes lambda/m; it is lambda/(2m) times the sum of the "
            "squared non-bias weights.", _scaled(1.0, 2.0, 1.0)),
    Mistake("reg_grad_lambda_over_2m", "nnCostFunction", frozenset({5}),
            "the gradient's regularization takes lambda/(2m); the derivative of "
            "lambda/(2m) sum(Theta.^2) is lambda/m times Theta.", _scaled(1.0, 1.0, 0.5)),
    Mistake("reg_without_m", "nnCostFunction", REG_PARTS,
            "the cost's regularization is not divided by m: it is lambda/(2m) times the sum of "
            "the squared non-bias weights.", _scaled(1.0, "m", "m"),
            grad_hint="the gradient's regularization is not divided by m: it is lambda/m times "
                      "each non-bias weight."),
    # The 1/m of the data term.
    Mistake("data_without_m", "nnCostFunction", COST_PARTS,
            "the cost's sum over the examples is not divided by m, the number of examples.",
            _scaled("m", 1.0, 1.0),
            grad_hint="the gradient's sums over the examples (Theta1_grad and Theta2_grad "
                      "before the regularization) are not divided by m, the number of "
                      "examples."),
    Mistake("nothing_over_m", "nnCostFunction", COST_PARTS,
            "nothing in the cost is divided by m, the number of examples: neither the sum over "
            "the examples nor the regularization.", _scaled("m", "m", "m"),
            grad_hint="nothing in the gradient is divided by m, the number of examples: "
                      "neither the sums over the examples nor the regularization."),
    # The number of examples taken from the wrong side of X: only a batch with
    # fewer examples than features (one example) shows it, and the call fails.
    Mistake("m_from_length", "nnCostFunction", COST_PARTS,
            "the call fails only on a single example, where X has fewer rows than columns: "
            "is m taken as length(X), the longer side of X (the number of features there)? "
            "Take m = size(X, 1) (X.shape[0] in numpy).", _m_from_length,
            known_by_errors=True),
    # Labels.
    Mistake("labels_shifted", "nnCostFunction", COST_PARTS,
            "the labels are taken as {wrong_labels}: each lights the output unit {neighbour} its "
            "own, and label {edge} lights none; here {labels}.", _labels_off_by_one(False)),
    Mistake("labels_wrapped", "nnCostFunction", COST_PARTS,
            "the labels are taken as {wrong_labels}: each lights the output unit {neighbour} its "
            "own, and label {edge} wraps around to the {edge_unit} unit; here {labels}.",
            _labels_off_by_one(True)),
    # Backpropagation.
    Mistake("backprop_sigmoid", "nnCostFunction", GRAD_PARTS,
            "backprop multiplies the hidden error by sigmoid(z2) where sigmoidGradient(z2), "
            "the sigmoid's derivative, belongs.", _backprop_gate(lambda a2: a2)),
    Mistake("backprop_gradient_of_a2", "nnCostFunction", GRAD_PARTS,
            "backprop takes sigmoidGradient of a2, which is already sigmoid(z2); use "
            "sigmoidGradient(z2), or a2 .* (1 - a2).", _backprop_gate(sigmoid_gradient)),
    Mistake("backprop_bias", "nnCostFunction", GRAD_PARTS,
            "the hidden error keeps an entry for the bias unit; drop it (delta2(:, 2:end)) "
            "before computing Theta1's gradient: nothing flows back into the constant +1 unit.",
            _backprop_bias),
    # sigmoidGradient.
    Mistake("sigmoid_instead_of_gradient", "sigmoidGradient", frozenset({3}),
            "sigmoidGradient returns the sigmoid itself; the derivative is g .* (1 - g) with "
            "g = sigmoid(z).", _sg(sigmoid)),
    Mistake("gradient_of_z", "sigmoidGradient", frozenset({3}),
            "sigmoidGradient computes z .* (1 - z); take the sigmoid first: g .* (1 - g) with "
            "g = sigmoid(z).", _sg(lambda z: z * (1 - z))),
]

#: The known mistakes by name, in the order the grader tries them.
MISTAKES: dict[str, Mistake] = {m.name: m for m in _TABLE}
