"""The shapes of the weight matrices; Octave twin ``private/paramShapes.m``.

A leaf module, so that the checks (``validate``) and the packing (``params``)
both use it without importing each other.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["param_shapes"]


def param_shapes(layer_sizes: Sequence[int]) -> list[tuple[int, int]]:
    """Shapes ``(s_{l+1}, s_l + 1)`` of Theta_1 ... Theta_{L-1} (bias in column 1).

    Examples
    --------
    >>> param_shapes([400, 25, 10])  # the course's network
    [(25, 401), (10, 26)]
    """
    sizes = [int(s) for s in layer_sizes]
    return [(sizes[i + 1], sizes[i] + 1) for i in range(len(sizes) - 1)]
