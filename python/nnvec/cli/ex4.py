"""The course's ex4 walk-through, step by step: ``python -m nnvec ex4``.

Octave twin: ``octave/ex4.m`` (``octave-cli octave/ex4.m``). Both print the
same lines with the same numbers, formatted the same way (``%f``, ``%g``,
``%4.6e``), so ``tests/test_ex4.py`` can compare them line by line.

Data: the bundled ``mnist5k`` by default (5000 real MNIST digits at the course's
20x20: its training and held-out parts together, 400-25-10 as in the course).
When the data folder (``$NNVEC_DATA_DIR``, else the bundled ``data/``, the
repository's in a checkout) holds the course's ``ex4data1.mat`` AND
``ex4weights.mat``, those are used and the printed costs are the course's
(0.287629, 0.383770, 0.576051). Pictures go to ``$NNVEC_OUT_DIR``, else
``out/`` in the current folder.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from .. import resources
from ..core.activations import sigmoid_gradient
from ..core.conventions import CONVENTIONS, reorder_params
from ..core.cost import nn_cost_function
from ..core.gradcheck import check_nn_gradients
from ..core.init import debug_initialize_weights, rand_initialize_weights
from ..core.loop import nn_cost_function_loop
from ..core.params import reshape_params, unroll_params
from ..core.predict import predict
from ..io.data import load_dataset, load_mat
from ..io.display import display_data, load_weights
from ..optim.fmincg import fmincg
from .errors import UsageError
from .ex4_solution import Solution, load_solution, say_yours

__all__ = ["main"]


COURSE_DATA = "ex4data1.mat"
COURSE_WEIGHTS = "ex4weights.mat"
HIDDEN_LAYER_SIZE = 25  # the course's
MAX_ITER = 50  # the course's options = optimset('MaxIter', 50)
TRAIN_LAMBDA = 1.0  # the course's lambda for training
EPSILON_INIT = 0.12  # the course's randInitializeWeights half-width


@dataclass
class _Problem:
    """What the walk-through runs on: data, network and the parameters to check."""

    X: NDArray[np.float64]
    y: NDArray[np.float64]
    X_test: NDArray[np.float64] | None
    y_test: NDArray[np.float64] | None
    data_text: str
    image_shape: tuple[int, int]
    order: str  # pixel order of a row: 'F' (column by column, the course's) or 'C'
    hidden: int
    labels: int
    nn_params: NDArray[np.float64]
    source: str  # how the cost lines name the parameters
    course: bool
    no_test_text: str  # why there is no held-out accuracy


def main(argv: Sequence[str] | None = None) -> int:
    """Run the course's ex4 walk-through and print every step; 0 on success.

    Parameters
    ----------
    argv : sequence of str, optional
        Command-line arguments after ``ex4`` (default: none). ``--data-dir``
        and ``--out-dir`` override ``$NNVEC_DATA_DIR`` and ``$NNVEC_OUT_DIR``.
        ``--solution FILE`` (a .py file or a notebook) runs the student's
        functions too, each beside nnvec's (`nnvec.cli.ex4_solution`), in the
        convention detected or given by ``--convention``.

    Returns
    -------
    status : int
        0; errors (a bad data file, say) propagate as exceptions.

    Notes
    -----
    Eleven steps in the course's order: the data, the weights, the cost of a
    forward pass (lambda 0), the regularized cost (lambda 1), the derivative
    of the sigmoid, random initial weights, backprop against central
    differences (lambda 0, then 3, with the cost at lambda 3), 50 iterations
    of ``fmincg`` with lambda 1, the hidden units as pictures, the accuracies.
    Two honest departures, both printed: training starts from
    ``debug_initialize_weights`` (the same numbers in both languages) rather
    than the random weights, whose generators differ between Octave and
    numpy; and with the bundled mnist5k, which has no course weights, the
    costs are taken at those same deterministic weights. Nothing pauses.

    See Also
    --------
    ex4.m : the Octave twin (a script).
    """
    parser = argparse.ArgumentParser(
        prog="nnvec ex4", description="The course's ex4 walk-through, step by step."
    )
    parser.add_argument("--data-dir", default=None,
                        help="folder searched for ex4data1.mat and ex4weights.mat "
                             "(default: $NNVEC_DATA_DIR, else the bundled data/)")
    parser.add_argument("--out-dir", default=None,
                        help="folder for the PNG pictures "
                             "(default: $NNVEC_OUT_DIR, else out/ in the current folder)")
    parser.add_argument("--solution", default=None, metavar="FILE",
                        help="run your functions (a .py file or a notebook: nnCostFunction, "
                             "sigmoidGradient, randInitializeWeights, predict, or their "
                             "snake_case names; convention detected), each beside nnvec's. "
                             "They run in this process, as ex4.m runs yours")
    parser.add_argument("--convention", choices=tuple(CONVENTIONS), default=None,
                        help="with --solution: the convention of your functions (default: "
                             "detected, as nnvec grade does)")
    args = parser.parse_args(list(argv) if argv is not None else [])
    if args.convention is not None and args.solution is None:
        raise UsageError("--convention is for --solution")
    st = load_solution(args.solution, args.convention) if args.solution is not None else None
    data_dir = args.data_dir or os.environ.get("NNVEC_DATA_DIR") or str(resources.data_dir())
    out_dir = args.out_dir or os.environ.get("NNVEC_OUT_DIR") or "out"
    Path(out_dir).mkdir(parents=True, exist_ok=True)

    print("nnvec ex4: the course's neural network exercise, step by step.")
    if st is not None:
        for line in st.header():
            print(line)

    # Step 1: the data, and a picture of the first examples.
    print("\nStep 1: the data")
    pr = _load(data_dir)
    m, n = pr.X.shape
    print(pr.data_text)
    data_png = os.path.join(out_dir, "ex4_data.png")
    display_data(pr.X[:100], pr.image_shape, order=pr.order, path=data_png)
    print(f"Saved the first {min(m, 100)} training examples to {data_png}")

    # Step 2: the weights the costs below are taken at.
    print("\nStep 2: the weights")
    n_params = pr.nn_params.size
    print(f"Network: {n}-{pr.hidden}-{pr.labels}, {n_params} parameters ({pr.source})")

    # Step 3: the cost of one forward pass over every example, lambda 0.
    print("\nStep 3: the cost, no regularization")
    J, _ = nn_cost_function(pr.nn_params, n, pr.hidden, pr.labels, pr.X, pr.y, 0.0)
    print(f"J at the {pr.source} weights, lambda = 0: {J:f}")
    _your_cost(st, pr, 0.0, J)
    if pr.course:
        print("(published by the course for its data and weights: 0.287629)")
    J_loop, _ = nn_cost_function_loop(pr.nn_params, n, pr.hidden, pr.labels, pr.X, pr.y, 0.0)
    print(f"J again, one example at a time (loop baseline): {J_loop:f}")

    # Step 4: the same cost plus the L2 penalty on the non-bias weights.
    print("\nStep 4: the cost with L2 regularization")
    J, _ = nn_cost_function(pr.nn_params, n, pr.hidden, pr.labels, pr.X, pr.y, 1.0)
    print(f"J at the {pr.source} weights, lambda = 1: {J:f}")
    _your_cost(st, pr, 1.0, J)
    if pr.course:
        print("(published by the course for its data and weights: 0.383770)")

    # Step 5: g'(z) = g(z) (1 - g(z)) at a few points; 0.25 at z = 0.
    print("\nStep 5: the derivative of the sigmoid")
    z = np.array([-1, -0.5, 0, 0.5, 1])
    g = sigmoid_gradient(z)
    print("sigmoidGradient at z = [-1 -0.5 0 0.5 1]:")
    print("  " + "".join(f"{v:f} " for v in g))
    if st is not None and st.has("sigmoidGradient"):
        mine, err = st.call("sigmoidGradient", z.copy())
        try:
            mine = np.asarray(mine, dtype=np.float64).reshape(-1) if err is None else None
        except (TypeError, ValueError):
            err = f"returned {type(mine).__name__}, not numbers"
        if err is not None:
            print(f"Yours: sigmoidGradient: {err}")
        else:
            say_yours(" ".join(f"{v:f}" for v in mine), " ".join(f"{v:f}" for v in g), mine,
                      mine.shape == g.shape and bool(np.allclose(mine, g, rtol=1e-6,
                                                                 atol=1e-9)))

    # Step 6: small random weights break the symmetry between hidden units.
    print("\nStep 6: random initial weights")
    initial_Theta1 = rand_initialize_weights(n, pr.hidden, EPSILON_INIT)
    initial_Theta2 = rand_initialize_weights(pr.hidden, pr.labels, EPSILON_INIT)
    rand_params = unroll_params([initial_Theta1, initial_Theta2])
    inside = "yes" if np.all(np.abs(rand_params) <= EPSILON_INIT) else "no"
    print(f"randInitializeWeights: {rand_params.size} weights, all in "
          f"[-{EPSILON_INIT:g}, {EPSILON_INIT:g}]: {inside}")
    if st is not None and st.has("randInitializeWeights"):
        _your_init(st, n, pr.hidden)
    print("(Octave's and numpy's random generators differ, so training below starts "
          "from debugInitializeWeights instead: the same numbers in both languages.)")

    # Step 7: backprop against central differences on a small network.
    print("\nStep 7: backprop against central differences, lambda = 0")
    _check_gradients(st, 0.0)

    # Step 8: the same check with the L2 penalty, and the cost at lambda 3.
    lambda_ = 3.0
    print(f"\nStep 8: backprop against central differences, lambda = {lambda_:g}")
    _check_gradients(st, lambda_)
    debug_J, _ = nn_cost_function(pr.nn_params, n, pr.hidden, pr.labels, pr.X, pr.y, lambda_)
    print(f"\nJ at the {pr.source} weights, lambda = {lambda_:g}: {debug_J:f}")
    _your_cost(st, pr, lambda_, debug_J)
    if pr.course:
        print("(published by the course for lambda = 3: 0.576051)")

    # Step 9: training with our fmincg.
    print(f"\nStep 9: training, {MAX_ITER} iterations of fmincg, lambda = {TRAIN_LAMBDA:g}")
    print("Start: debugInitializeWeights for every layer (deterministic, not random).")
    sizes = [n, pr.hidden, pr.labels]
    initial_nn_params = _debug_params(sizes)

    def cost_function(p: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        return nn_cost_function(p, n, pr.hidden, pr.labels, pr.X, pr.y, TRAIN_LAMBDA)

    res = fmincg(cost_function, initial_nn_params, maxiter=MAX_ITER, verbose=st is None)
    print(f"Cost after {res.nit} iterations: {res.fun_history[-1]:f}")
    Theta1, Theta2 = reshape_params(res.x, sizes)
    yours = None  # the network trained with the student's nnCostFunction
    if st is not None:
        trained = _your_training(st, pr, sizes, initial_nn_params, res.fun_history[-1])
        if trained is not None:
            yours = reshape_params(trained, sizes)

    # Step 10: each hidden unit's input weights, drawn as an image.
    print("\nStep 10: what the hidden units respond to")
    hidden_png = os.path.join(out_dir, "ex4_hidden.png")
    display_data(Theta1[:, 1:], pr.image_shape, order=pr.order, path=hidden_png)
    print(f"Saved the {pr.hidden} hidden units to {hidden_png}")
    if yours is not None:
        your_png = os.path.join(out_dir, "ex4_hidden_yours.png")
        display_data(yours[0][:, 1:], pr.image_shape, order=pr.order, path=your_png)
        print(f"Yours: saved the {pr.hidden} hidden units of the network trained with your "
              f"nnCostFunction to {your_png}")

    # Step 11: how often the trained network's label is the true one.
    print("\nStep 11: accuracy of the trained network")
    pred = predict(Theta1, Theta2, pr.X)
    print(f"Correct on the training examples (%): {np.mean(pred == pr.y) * 100:f}")
    if yours is not None:
        _your_accuracy(st, pr, *yours, np.mean(pred == pr.y) * 100)
    if pr.X_test is not None and pr.y_test is not None:
        pred_test = predict(Theta1, Theta2, pr.X_test)
        print(f"Correct on the held-out examples (%): {np.mean(pred_test == pr.y_test) * 100:f}")
    else:
        print(f"Correct on the held-out examples (%): none ({pr.no_test_text})")
    return 0


# --- the student's functions beside nnvec's (--solution) ------------------------

def _your_cost(st: Solution | None, pr: _Problem, lambda_: float, expected: float) -> None:
    if st is None:
        return
    sizes = [pr.X.shape[1], pr.hidden, pr.labels]
    J, err = st.cost(pr.nn_params, sizes, pr.X, pr.y, lambda_)
    if J is None:
        print(f"Yours: nnCostFunction, lambda = {lambda_:g}: {err}")
    else:
        say_yours(f"J = {J:f}", f"{expected:f}", J, bool(np.isclose(J, expected, rtol=1e-6,
                                                                      atol=1e-9)))


def _your_init(st: Solution, n: int, hidden: int) -> None:
    W, err = st.call("randInitializeWeights", n, hidden)
    if err is None:
        try:
            W = np.asarray(W, dtype=np.float64)
        except (TypeError, ValueError):
            err = f"returned {type(W).__name__}, not numbers"
    if err is not None:
        print(f"Yours: randInitializeWeights({n}, {hidden}): {err}")
        return
    shape_ok = W.shape == (hidden, n + 1)
    inside = bool(np.all(np.abs(W) <= EPSILON_INIT))
    print(f"Yours: randInitializeWeights({n}, {hidden}) is {'x'.join(map(str, W.shape))} "
          f"(nnvec's: {hidden}x{n + 1}), all in [-{EPSILON_INIT:g}, {EPSILON_INIT:g}]: "
          f"{'yes' if inside else 'no'}: {'agrees' if shape_ok and inside else 'DIFFERS'}")


def _check_gradients(st: Solution | None, lambda_: float) -> None:
    """nnvec's backprop checked, or the student's (its J and grad against central
    differences of its own J, the course's checkNNGradients on the student's function)."""
    if st is None:
        check_nn_gradients(lambda_)
        return
    print("Yours: your nnCostFunction's gradient beside central differences of your J:")
    try:
        check_nn_gradients(st.functions["nnCostFunction"], lambda_, order=st.conv.order,
                           first_label=st.conv.first_label)
    except Exception as exc:  # the student's function failed inside the check
        print(f"Yours: the check stopped: {type(exc).__name__}: {exc}")


def _your_training(st: Solution, pr: _Problem, sizes: Sequence[int],
                   initial: NDArray[np.float64], expected: float) -> NDArray | None:
    """Train with the student's nnCostFunction from the same start; the result in the
    course's order (None when it fails)."""
    X, y = pr.X, st.labels(pr.y)
    fn = st.functions["nnCostFunction"]

    def cost_function(p: NDArray[np.float64]) -> tuple[float, NDArray[np.float64]]:
        J, grad = fn(p.copy(), *sizes, X, y, TRAIN_LAMBDA)
        return float(np.asarray(J).reshape(())), np.asarray(grad, dtype=np.float64).reshape(-1)

    try:
        res = fmincg(cost_function, st.params(initial, sizes), maxiter=MAX_ITER)
    except Exception as exc:  # the student's cost failed while training
        print(f"Yours: training with your nnCostFunction stopped: {type(exc).__name__}: {exc}; "
              "the pictures and accuracy below are nnvec's network's")
        return None
    J = res.fun_history[-1]
    say_yours(f"cost after {res.nit} iterations with your nnCostFunction = {J:f}",
              f"{expected:f}", J, bool(np.isclose(J, expected, rtol=1e-4, atol=1e-6)))
    return reorder_params(res.x, sizes, st.conv.order, "F")


def _your_accuracy(st: Solution, pr: _Problem, Theta1: NDArray, Theta2: NDArray,
                   expected: float) -> None:
    """The accuracy of the network trained with the student's cost (`Theta1`, `Theta2`), by
    the student's predict when defined; nnvec's network's beside it."""
    if st.has("predict"):
        p, err = st.call("predict", Theta1.copy(), Theta2.copy(), pr.X)
        if err is not None:
            print(f"Yours: predict: {err}")
            return
        try:
            p = np.asarray(p, dtype=np.float64).reshape(-1)
        except (TypeError, ValueError):
            print(f"Yours: predict returned {type(p).__name__}, not labels")
            return
        who = "your predict"
    else:
        p, who = predict(Theta1, Theta2, pr.X) - 1 + st.conv.first_label, "nnvec's predict"
    acc = np.mean(p == st.labels(pr.y)) * 100 if p.shape == pr.y.shape else 0.0
    say_yours(f"correct on the training examples (%) by {who} = {acc:f}", f"{expected:f}", acc,
              bool(abs(acc - expected) <= 1.0))


def _load(data_dir: str) -> _Problem:
    """The course's files when both are in `data_dir`, else the bundled mnist5k, whole."""
    data_file = os.path.join(data_dir, COURSE_DATA)
    weights_file = os.path.join(data_dir, COURSE_WEIGHTS)
    has_data, has_weights = os.path.isfile(data_file), os.path.isfile(weights_file)
    if has_data and has_weights:
        X, y = load_mat(data_file)
        Theta1, Theta2 = load_weights(weights_file)[:2]
        side = round(np.sqrt(X.shape[1]))
        return _Problem(
            X=X, y=y, X_test=None, y_test=None,
            data_text=(f"Data: {COURSE_DATA} and {COURSE_WEIGHTS} from {data_dir}: "
                       f"{X.shape[0]} training examples, {X.shape[1]} features"),
            image_shape=(side, side), order="F", hidden=Theta1.shape[0], labels=Theta2.shape[0],
            nn_params=unroll_params([Theta1, Theta2]), source="ex4weights.mat",
            course=True, no_test_text="ex4data1.mat holds no held-out set",
        )
    if has_data or has_weights:
        found, missing = (COURSE_DATA, COURSE_WEIGHTS) if has_data else (COURSE_WEIGHTS,
                                                                         COURSE_DATA)
        print(f"Found {found} but not {missing} in {data_dir}: the course's numbers need "
              "both, so the bundled mnist5k digits are used.")
    # The course trains on all of its 5000 images: so does the walk-through, with
    # mnist5k's training and held-out parts stacked (`nnvec train` keeps them apart).
    ds = load_dataset("mnist5k")
    X = np.vstack([ds.X, ds.X_test]).astype(np.float64)
    y = np.concatenate([ds.y, ds.y_test]).astype(np.float64)
    labels = int(np.max(y))
    sizes = [X.shape[1], HIDDEN_LAYER_SIZE, labels]
    return _Problem(
        X=X, y=y, X_test=None, y_test=None,
        data_text=(f"Data: bundled mnist5k (real MNIST digits, {ds.image_shape[0]}x"
                   f"{ds.image_shape[1]} pixels), {X.shape[0]} training examples (its "
                   f"training and held-out parts together), {X.shape[1]} features"),
        image_shape=tuple(ds.image_shape), order="F", hidden=HIDDEN_LAYER_SIZE, labels=labels,
        nn_params=_debug_params(sizes), source="debugInitializeWeights", course=False,
        no_test_text=f"all {X.shape[0]} mnist5k images are used for training here",
    )


def _debug_params(sizes: Sequence[int]) -> NDArray[np.float64]:
    """``[Theta1(:); Theta2(:)]`` with ``Theta_l = debugInitializeWeights(s_{l+1}, s_l)``."""
    return unroll_params([debug_initialize_weights(sizes[l + 1], sizes[l])
                          for l in range(len(sizes) - 1)])
