"""The cost and its backprop gradient written to be read: the twin of ``costAndGradient.m``.

Examples along rows, one new array per step, the variable names and the
order of ``octave/private/costAndGradient.m``: read the two side by side.
The forward pass and the activations are nnvec's own (``forward.forward``,
the ``activations`` table), as the Octave twin calls ``forwardPass`` and
the entries of ``activationTable.m`` and ``outputTable.m``.

``nnvec.core.cost`` computes the same numbers faster (examples along columns, a
reusable workspace, parallel blocks of examples); the tests hold it to this
file to 1e-12 and this file to Octave's ``nnCost`` to 1e-10.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from .activations import OUTPUTS, activation_gradient, check_activation, check_output
from .forward import forward

__all__ = ["cost_and_gradient"]


def cost_and_gradient(
    Thetas: Sequence[NDArray[np.float64]],
    X: NDArray[np.float64],
    Y: NDArray[np.float64],
    lambda_: float,
    activation: str = "sigmoid",
    output: str = "sigmoid",
) -> tuple[float, NDArray[np.float64]]:
    """The regularized cost and its backprop gradient on validated inputs.

    Parameters
    ----------
    Thetas : sequence of ndarray
        ``Thetas[l]`` of shape ``(s_{l+2}, s_{l+1} + 1)``, bias in column 0
        (see ``reshape_params``).
    X : ndarray of shape (m, s_1)
        One example per row, no bias column.
    Y : ndarray of shape (m, K)
        One-hot labels (``nnvec.core.cost.one_hot``).
    lambda_ : float
        L2 strength, >= 0.
    activation : {'sigmoid', 'tanh', 'relu'}, default 'sigmoid'
    output : {'sigmoid', 'softmax'}, default 'sigmoid'

    Returns
    -------
    J : float
        The cost.
    grad : ndarray of shape (N,)
        The gradient, unrolled like the parameters (column-major).

    Raises
    ------
    ValueError
        If `activation` or `output` is not a name nnvec knows.

    Notes
    -----
    Sigmoid output: ``J = 1/m sum(max(z, 0) - Y .* z + log1p(exp(-|z|)))``,
    the stable form of the course's cross-entropy. Softmax output:
    ``J = -1/m sum(Y .* log_softmax(z))``. Both add
    ``lambda/(2m) sum_l sum(Theta_l(:, 2:end).^2)``. Backprop starts from
    ``delta_L = h - Y`` and loops over layers only, never over examples.
    Each ``sum(Y .* ...)`` is the dot product of the two matrices as
    vectors, as Octave writes ``Y(:)' * z(:)``.

    See Also
    --------
    costAndGradient.m : the Octave twin.
    nnvec.core.cost.cost_and_gradient : the same numbers, the fast way.

    Examples
    --------
    >>> from nnvec.core.cost import one_hot
    >>> Thetas = [np.zeros((4, 4)), np.zeros((2, 5))]  # sizes [3, 4, 2], all weights zero
    >>> Y = one_hot(np.array([1, 2, 1]), 2)
    >>> J, grad = cost_and_gradient(Thetas, np.ones((3, 3)), Y, 1.0)
    >>> bool(np.isclose(J, 2 * np.log(2), rtol=1e-15))  # outputs 1/2: log 2 per unit
    True
    >>> grad.shape
    (26,)
    """
    check_activation(activation, "cost_and_gradient")
    check_output(output, "cost_and_gradient")
    m = X.shape[0]
    A, z = forward(Thetas, X, activation)

    # Output layer: cost and delta_L = h - Y.
    J, delta = OUTPUTS[output].cost(z, Y)  # Octave: outputTable's cost entries

    # Backprop: one step per layer, each gradient written into its slot of grad.
    sizes = [Theta.size for Theta in Thetas]
    grad = np.zeros(sum(sizes))
    offsets = np.cumsum([0, *sizes])
    for l in range(len(Thetas) - 1, -1, -1):
        W = Thetas[l][:, 1:]
        G = np.column_stack([np.sum(delta, axis=0) / m, (A[l].T @ delta).T / m + lambda_ / m * W])
        grad[offsets[l]:offsets[l + 1]] = G.ravel(order="F")
        if l > 0:
            # delta_l = (delta_{l+1} W) .* g'(a_l), with g'(a_l) stored over a_l.
            A[l] = activation_gradient(activation, A[l])
            delta = (delta @ W) * A[l]

    for l in range(len(Thetas)):
        J = J + lambda_ / (2 * m) * np.sum(Thetas[l][:, 1:] ** 2)
    return float(J), grad
