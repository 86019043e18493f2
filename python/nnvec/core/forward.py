"""The forward pass with the examples along rows, as predict and ``reference.py`` use it.

Octave twin: ``private/forwardPass.m`` (which Octave's ``costAndGradient.m``
also calls). The fast cost (``nnvec.core.cost.data_term``) runs the same formulas,
with the same activation table, on the examples along columns and into a
reusable workspace; this plain form is the one to read.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from .activations import ACTIVATIONS, OUTPUTS

__all__ = ["forward", "output_activation"]


def forward(
    Thetas: Sequence[NDArray[np.float64]], X: NDArray[np.float64], activation: str = "sigmoid"
) -> tuple[list[NDArray[np.float64]], NDArray[np.float64]]:
    """Run the network up to the output layer's pre-activation.

    Parameters
    ----------
    Thetas : sequence of ndarray
        ``Thetas[l]`` of shape ``(s_{l+2}, s_{l+1} + 1)``, bias in column 0.
    X : ndarray of shape (m, s_1)
        One example per row, *without* a bias column.
    activation : {'sigmoid', 'tanh', 'relu'}
        Hidden-layer activation (a key of ``nnvec.core.activations.ACTIVATIONS``).

    Returns
    -------
    A : list of ndarray
        ``A[0] = X`` and ``A[l]`` of shape ``(m, s_{l+1})``: the activations of
        layers 1 .. L-1, without bias columns.
    zL : ndarray of shape (m, s_L)
        Output pre-activation.

    Raises
    ------
    ValueError
        If `activation` is not a key of the table (even with no hidden layer).

    Notes
    -----
    ``z_{l+1} = a_l Theta_l(:, 2:end)' + Theta_l(:, 1)'``: the bias is added by
    broadcasting instead of concatenating a column of ones onto ``a_l``, which
    would copy X on every call.

    See Also
    --------
    forwardPass.m : the Octave twin.
    """
    g = ACTIVATIONS[activation]  # the name was checked where the call began
    A = [X]
    for Theta in Thetas[:-1]:
        A.append(g(A[-1] @ Theta[:, 1:].T + Theta[:, 0]))
    Theta = Thetas[-1]
    zL = A[-1] @ Theta[:, 1:].T + Theta[:, 0]
    return A, zL


def output_activation(output: str, zL: NDArray[np.float64]) -> NDArray[np.float64]:
    """Output layer ``h`` from the table ``OUTPUTS``: elementwise sigmoid, or a row-wise softmax.

    See Also
    --------
    outputTable.m : the Octave twin (its ``forward`` entries).
    """
    return OUTPUTS[output].forward(zL)
