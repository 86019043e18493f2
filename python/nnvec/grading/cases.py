"""What the grader asks: the five parts of the exercise and the inputs of each.

The inputs are held in the course's terms (parameters unrolled column by
column, labels 1..K) and handed to a submission in its own convention
(`CostCase.inputs`). They are drawn from a fixed seed, so every run grades
the same calls.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from ..core.conventions import Convention, reorder_params
from ..core.params import param_shapes, unroll_params

__all__ = ["EDGE_NETWORKS", "PARTS", "RANDOM_NETWORKS", "SEED", "CostCase", "Part",
           "SigmoidCase", "cost_cases", "sigmoid_cases"]

#: Seed of the random networks: the same inputs on every run.
SEED = 20110


@dataclass(frozen=True)
class Part:
    """One graded part: its number, title, points, the function and output it checks."""

    number: int
    title: str
    points: int
    function: str
    output: str  # 'J', 'grad' or 'g'
    regularized: bool = False


PARTS = (
    Part(1, "Feedforward and Cost Function", 30, "nnCostFunction", "J"),
    Part(2, "Regularized Cost Function", 15, "nnCostFunction", "J", regularized=True),
    Part(3, "Sigmoid Gradient", 5, "sigmoidGradient", "g"),
    Part(4, "Neural Network Gradient (Backpropagation)", 40, "nnCostFunction", "grad"),
    Part(5, "Regularized Gradient", 10, "nnCostFunction", "grad", regularized=True),
)


@dataclass(frozen=True)
class CostCase:
    """Inputs of one nnCostFunction call, held in the course's terms (F order, labels 1..K)."""

    title: str
    sizes: tuple[int, int, int]
    Thetas: tuple[NDArray[np.float64], NDArray[np.float64]]
    X: NDArray[np.float64]
    y: NDArray[np.int64]
    lambda_: float

    def inputs(self, conv: Convention) -> tuple:
        """``(nn_params, sizes, X, y, lambda)`` as a submission in `conv` receives them."""
        p = reorder_params(unroll_params(self.Thetas), self.sizes, "F", conv.order)
        return p, self.sizes, self.X, self.y - 1 + conv.first_label, self.lambda_


@dataclass(frozen=True)
class SigmoidCase:
    """Input of one sigmoidGradient call."""

    title: str
    z: NDArray[np.float64]


def _course_case(lambda_: float) -> CostCase:
    """The course grader's network: 2-4-4, 16 examples, weights from sin and cos."""
    t1 = np.sin(np.arange(1, 24, 2, dtype=np.float64).reshape((4, 3), order="F"))
    t2 = np.cos(np.arange(1, 40, 2, dtype=np.float64).reshape((4, 5), order="F"))
    X = np.sin(np.arange(1, 33, dtype=np.float64)).reshape((16, 2), order="F") / 5
    y = 1 + np.arange(1, 17) % 4
    return CostCase(f"the course's test (2-4-4 network, 16 examples, lambda {lambda_:g})",
                    (2, 4, 4), (t1, t2), X, y.astype(np.int64), lambda_)


#: Random networks: (sizes, examples, lambda of the regularized parts). Hidden
#: sizes above and below the number of labels, no square Theta.
RANDOM_NETWORKS = (((3, 5, 3), 7, 1.0), ((4, 3, 6), 12, 0.3), ((6, 7, 5), 25, 4.0))
#: Random networks made to catch what real solutions get wrong, after those:
#: a batch in which the last label never occurs (a one-hot matrix sized from
#: the labels present, ``max(y)`` columns, has too few), and a single example
#: with fewer examples than features (``m = length(X)`` takes the number of
#: features; vectors of one example lose a dimension). Its one label is the last.
EDGE_NETWORKS = (((4, 6, 5), 11, 0.8, "the last label never occurs"),
                 ((5, 4, 3), 1, 2.0, "fewer examples than features"))


def _random_case(rng: np.random.Generator, sizes: tuple[int, int, int], m: int,
                 lambda_: float, labels: NDArray[np.int64], note: str = "") -> CostCase:
    """A network with weights uniform in [-1, 1], standard normal X and `labels` shuffled."""
    Thetas = tuple(rng.uniform(-1, 1, shape) for shape in param_shapes(sizes))
    X = rng.standard_normal((m, sizes[0]))
    y = rng.permutation(np.resize(labels, m)).astype(np.int64)
    title = (f"a random {'-'.join(map(str, sizes))} network, {m} example{'s' * (m != 1)}, "
             f"lambda {lambda_:g}{', ' + note if note else ''}")
    return CostCase(title, sizes, Thetas, X, y, lambda_)


def cost_cases(regularized: bool) -> list[CostCase]:
    """The inputs of parts 1 and 4 (lambda 0) or 2 and 5 (lambda > 0).

    The course's test first, then the random networks of `RANDOM_NETWORKS`
    (every label present), then those of `EDGE_NETWORKS`: the last label
    missing, and one example (labelled K). All drawn from `SEED`.
    """
    cases = [_course_case(1.5 if regularized else 0.0)]
    rng = np.random.default_rng(SEED)
    for sizes, m, lam in RANDOM_NETWORKS:
        cases.append(_random_case(rng, sizes, m, lam if regularized else 0.0,
                                  np.arange(1, sizes[-1] + 1)))
    for sizes, m, lam, note in EDGE_NETWORKS:
        K = sizes[-1]
        labels = np.arange(1, K) if m > 1 else np.array([K])
        cases.append(_random_case(rng, sizes, m, lam if regularized else 0.0, labels, note))
    return cases


def sigmoid_cases() -> list[SigmoidCase]:
    """The inputs of part 3: the course's 3x10 matrix, then a scalar, a row, a column, wide z."""
    rng = np.random.default_rng(SEED)
    return [
        SigmoidCase("the course's test (3 sin(1:30) as a 3x10 matrix)",
                    (3 * np.sin(np.arange(1, 31, dtype=np.float64))).reshape((3, 10), order="F")),
        SigmoidCase("z = 0 (1x1)", np.zeros((1, 1))),
        SigmoidCase("a 1x9 row", np.linspace(-6, 6, 9).reshape(1, -1)),
        SigmoidCase("a 5x1 column", 4 * rng.standard_normal((5, 1))),
        SigmoidCase("a 4x6 matrix with entries up to 30 in size", rng.uniform(-30, 30, (4, 6))),
    ]
