"""Command line: ``python -m nnvec train`` (console script ``nnvec``), ``ex4`` and ``grade``.

``nnvec train`` loads a data set, trains from a seeded random start with the
Python trainer or Octave's ``trainNN`` (through oct2py, from the same start),
prints training and held-out accuracy, and writes ``weights.mat``,
``digits.png``, ``hidden_units.png``, ``cost.png`` and, for a held-out part,
``confusion.png`` and ``misclassified.png`` to ``--out``. The default data
set is ``mnist5k`` (400-25-10, the course's shapes); ``--data digits`` is the
small 8x8 set the tests use.

``nnvec grade PATH`` grades a student's solution (a folder of Octave files
or a .py file) part by part, with hints (``nnvec.grading.grade``); exit status 0 at
100 / 100, 1 below, 2 when nothing could be graded. ``nnvec grade PATH PATH
... --csv grades.csv`` grades a class (``nnvec.grading.grade_class``): each submission
in a process of its own, ``--jobs`` at once, one line each, a CSV row each;
exit status 0 when all were graded and at 100 / 100, 1 when all were graded
and some below, 2 when any could not be graded, 128 + the signal's number when
interrupted (SIGINT, SIGTERM, SIGHUP; no CSV written).

``nnvec predict --weights out/weights.mat --data digits [--out preds.csv]``
predicts the held-out part of a data set with the weights of a run
(`nnvec.cli.predict`), checked against the run's ``run.json``.

``nnvec --version`` prints the installed version (``nnvec.resources.version``);
``nnvec octave-path`` the folder of the Octave functions, to ``addpath``
(`nnvec.cli.octave_path`).

Errors in the arguments or the data end the program with one line
``nnvec: error: ...`` on stderr and exit status 2, never a traceback. A
training run that completes no iteration, ends with a non-finite cost or
diverges (momentum's status 1 or 2) is an error too (exit status 1, no files
written); a second ``nnvec train`` into an --out in use is refused (exit 2).
Outputs are written as one set with a manifest ``run.json`` last
(`nnvec.io.runs`); Ctrl-C prints ``nnvec:
interrupted`` and exits with 130, with either engine.

The parser and the dispatch are here; each command has a module of its own:
`nnvec.cli.train` (with `nnvec.cli.progress`), `nnvec.cli.grade` and
`nnvec.cli.ex4`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

import numpy as np

from ..core.activations import ACTIVATIONS, OUTPUTS
from ..core.conventions import CONVENTIONS
from ..core.validate import DTYPES
from ..grading.grade import DEFAULT_TIMEOUT
from ..grading.grade_class import DEFAULT_JOBS, MAX_BATCHES, START_SECONDS
from ..optim.momentum import DEFAULT_LEARNING_RATE, DEFAULT_MOMENTUM
from ..optim.train import METHODS
from ..resources import version
from .errors import RunError, UsageError

__all__ = ["main"]

class _Parser(argparse.ArgumentParser):
    """argparse, but errors are the single line ``nnvec: error: ...`` (exit 2)."""

    def error(self, message: str) -> NoReturn:
        _fail(message)


def _fail(message: str, status: int = 2) -> NoReturn:
    sys.stderr.write(f"nnvec: error: {message}\n")
    raise SystemExit(status)


def _hidden(text: str) -> list[int]:
    """One --hidden value: a size or a comma list of sizes (``25`` or ``50,25``)."""
    sizes = []
    for part in text.split(","):
        try:
            s = int(part)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"must be positive integers (e.g. 25 or 50,25), got {text!r}") from None
        if s < 1:
            raise argparse.ArgumentTypeError(
                f"must be positive integers (e.g. 25 or 50,25), got {text!r}")
        sizes.append(s)
    return sizes


def _positive_int(text: str) -> int:
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text!r}") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {text!r}")
    return v


def _seed(text: str) -> int:
    try:
        v = int(text)
    except ValueError:
        v = -1
    if v < 0:
        raise argparse.ArgumentTypeError(f"must be a non-negative integer, got {text!r}")
    return v


def _positive_float(text: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text!r}") from None
    if not (v > 0 and np.isfinite(v)):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text!r}")
    return v


def _method(text: str) -> str:
    for m in METHODS:
        if text.lower() == m.lower():
            return m
    raise argparse.ArgumentTypeError(f"must be one of {', '.join(METHODS)}, got {text!r}")


class _Help(argparse.HelpFormatter):
    """argparse's help, but the examples keep their lines (and descriptions still wrap)."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.startswith("examples:"):
            return "".join(indent + line for line in text.splitlines(keepends=True))
        return super()._fill_text(text, width, indent)


#: The examples each help ends with (``nnvec --help``, ``nnvec train --help``, ...).
EXAMPLES = {
    "nnvec": """examples:
  nnvec train                          the course's network on the bundled 20x20 digits
  nnvec ex4                            the course's walk-through, step by step
  nnvec grade my-solution/             grade your nnCostFunction.m, sigmoidGradient.m, ...
  nnvec COMMAND --help                 the options of one command""",
    "train": """examples:
  nnvec train                                      400-25-10 on mnist5k, 50 fmincg iterations
  nnvec train --data digits --hidden 50,25         a deeper network on the small 8x8 digits
  nnvec train --lambda 3 --maxiter 200 --out runs/lambda3
  nnvec train --activation relu --output softmax --method L-BFGS-B
  nnvec train --engine octave                      the same run through Octave's trainNN.m""",
    "grade": """examples:
  nnvec grade my-solution/                         a folder of .m files
  nnvec grade ex4.py                               a .py file (course or snake_case names)
  nnvec grade ex4.py --convention python-port      the Python port's layout (labels 0..K-1)
  nnvec grade class/*/ --csv grades.csv --jobs 2   a whole class, a CSV row each""",
}


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nnvec", description="The course's vectorized neural network.",
                     epilog=EXAMPLES["nnvec"], formatter_class=_Help)
    parser.add_argument("--version", action="version", version=f"nnvec {version()}")
    sub = parser.add_subparsers(dest="command", metavar="{train,predict,ex4,octave-path,grade}",
                                required=True)
    t = sub.add_parser("train", help="train a network and write weights and pictures",
                       epilog=EXAMPLES["train"],
                       formatter_class=_Help,
                       description="Train a network on a data set; print accuracy; write "
                                   "weights.mat, digits.png, hidden_units.png, cost.png, "
                                   "confusion.png, misclassified.png.")
    t.add_argument("--data", default="mnist5k", metavar="NAME",
                   help="'mnist5k' (bundled 20x20 MNIST, default), 'digits' (bundled 8x8), "
                        "'fashion-mnist', a .mat path or a folder of IDX files")
    t.add_argument("--hidden", type=_hidden, action="append", metavar="SIZES",
                   help="hidden layer sizes: repeat or comma-separate for deeper nets "
                        "(default 25)")
    t.add_argument("--lambda", dest="lambda_", type=float, default=1.0, metavar="LAMBDA",
                   help="regularization strength >= 0 (default 1)")
    t.add_argument("--maxiter", type=_positive_int, default=50, metavar="N",
                   help="iterations (default 50)")
    t.add_argument("--method", type=_method, default="fmincg", metavar="NAME",
                   help=f"optimizer: {', '.join(METHODS)} (default fmincg)")
    t.add_argument("--learning-rate", type=float, default=DEFAULT_LEARNING_RATE, metavar="RATE",
                   help=f"momentum method: step size (default {DEFAULT_LEARNING_RATE:g})")
    t.add_argument("--momentum", type=float, default=DEFAULT_MOMENTUM, metavar="BETA",
                   help=f"momentum method: coefficient (default {DEFAULT_MOMENTUM:g})")
    t.add_argument("--activation", choices=tuple(ACTIVATIONS), default="sigmoid",
                   help=f"hidden layers' activation: {', '.join(ACTIVATIONS)} (default sigmoid)")
    t.add_argument("--output", choices=tuple(OUTPUTS), default="sigmoid",
                   help=f"output layer: {', '.join(OUTPUTS)} (default sigmoid)")
    t.add_argument("--engine", choices=("python", "octave"), default="python",
                   help="python (default) or octave: trainNN.m through oct2py, same start")
    t.add_argument("--seed", type=_seed, default=0, metavar="N",
                   help="seed of the random start, an integer >= 0 (default 0)")
    t.add_argument("--threads", type=_positive_int, default=None, metavar="N",
                   help="python engine: N threads, each evaluating a block of the examples "
                        "(default: by problem size, see nnvec.train)")
    t.add_argument("--dtype", choices=tuple(DTYPES), default="float64",
                   help="what the network computes in: float64 (default) or float32 "
                        "(Octave: single)")
    t.add_argument("--pixel-order", choices=("auto", "C", "F"), default="auto",
                   help="pixels in a row of X: C row by row, F column by column; auto: C "
                        "for digits, fashion-mnist and IDX, F for mnist5k and a .mat path "
                        "(the course's)")
    t.add_argument("--out", default="out", metavar="FOLDER", help="output folder (default out)")
    pr = sub.add_parser(
        "predict", help="predict labels with the weights nnvec train wrote",
        formatter_class=_Help,
        description="Predict the labels of a data set's held-out part (its training part "
                    "when it has none) with trained weights; print the accuracy when the "
                    "labels are known. The run.json next to the weights (nnvec train writes "
                    "it) gives the activation and output layer and must list the weights "
                    "file with its sha256: weights of another (interrupted) run are refused.",
        epilog="examples:\n  nnvec train --data digits --out out\n"
               "  nnvec predict --weights out/weights.mat --data digits --out preds.csv")
    pr.add_argument("--weights", required=True, metavar="FILE",
                    help="the weights.mat nnvec train wrote (Theta1, Theta2, ...)")
    pr.add_argument("--data", default="mnist5k", metavar="NAME",
                    help="a data set as for nnvec train (default mnist5k)")
    pr.add_argument("--activation", choices=tuple(ACTIVATIONS), default=None,
                    help="hidden layers' activation (default: run.json's, else sigmoid)")
    pr.add_argument("--output", choices=tuple(OUTPUTS), default=None,
                    help="output layer (default: run.json's, else sigmoid)")
    pr.add_argument("--out", default=None, metavar="FILE",
                    help="also write the predictions as CSV (example, predicted, label), "
                         "written aside and renamed into place")
    sub.add_parser("ex4", help="the course's ex4 walk-through (nnvec ex4 --help)",
                   add_help=False)
    sub.add_parser("octave-path", help="print the folder of the Octave functions, to addpath it")
    g = sub.add_parser(
        "grade", help="grade your own solution of the exercise, with hints (or a class's)",
        epilog=EXAMPLES["grade"], formatter_class=_Help,
        description="Grade a solution part by part, as the course did, offline: a folder of "
                    "Octave files (nnCostFunction.m, sigmoidGradient.m, "
                    "randInitializeWeights.m), a .py file defining those functions (or "
                    "their snake_case twins) or a notebook whose code cells define them. "
                    "Exit status: 0 at 100 / 100, 1 below, 2 when "
                    "nothing could be graded. Several PATHs (or --csv) grade a class: each "
                    "submission in a process of its own, one line each as it is done, a CSV "
                    "row each; exit status 0 when all were graded and at 100 / 100, 1 when "
                    "all were graded and some below, 2 when any could not be graded, 128 + "
                    "the signal's number when interrupted (no CSV written).")
    g.add_argument("path", metavar="PATH", nargs="+",
                   help="the folder of .m files, the .py file or a notebook (.ipynb: only "
                        "the defs and imports of its code cells run); several for a class")
    g.add_argument("--convention", choices=tuple(CONVENTIONS), default=None,
                   help="course: parameters unrolled column by column, labels 1..K; "
                        "python-port (.py and .ipynb only): row by row, labels 0..K-1 "
                        "(default: detected from what nnCostFunction returns, the course's "
                        "unless it agrees only with the port's)")
    g.add_argument("--timeout", type=_positive_float, default=DEFAULT_TIMEOUT,
                   metavar="SECONDS",
                   help=f"time each part may take (default {DEFAULT_TIMEOUT:g})")
    g.add_argument("--csv", metavar="FILE",
                   help="a class: write a row per submission (path, language, the points of "
                        "each part, total, status, first failure's message and hint)")
    g.add_argument("--jobs", type=_positive_int, default=None, metavar="N",
                   help=f"a class: submissions graded at once (default {DEFAULT_JOBS})")
    g.add_argument("--deadline", type=_positive_float, default=None, metavar="SECONDS",
                   help=f"a class: time one submission may take in all, then it is stopped "
                        f"(default {START_SECONDS:g} + {MAX_BATCHES} x --timeout)")
    g.add_argument("--json", metavar="FILE",
                   help="one PATH: also write the result as JSON (what a class's run reads)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``nnvec`` and ``python -m nnvec``; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        build_parser().print_help()
        return 0
    if argv and argv[0] == "ex4":
        from . import ex4

        return _guarded(lambda: ex4.main(argv[1:]))
    args = build_parser().parse_args(argv)
    args.command_line = ["nnvec", *argv]  # for the run's manifest
    # Each command imports what it needs only when it runs: ``nnvec --help``
    # and a mistyped argument answer without loading the whole package.
    if args.command == "octave-path":
        from .octave_path import run_octave_path

        return _guarded(run_octave_path)
    if args.command == "grade":
        from .grade import run_grade

        return _guarded(lambda: run_grade(args))
    if args.command == "predict":
        from .predict import run_predict

        return _guarded(lambda: run_predict(args))
    from .train import run_train

    return _guarded(lambda: run_train(args))


def _guarded(run) -> int:
    try:
        status = run()
    except (UsageError, RunError, ValueError, TypeError, OSError) as exc:
        message = str(exc) or type(exc).__name__
        if isinstance(exc, FileNotFoundError) and exc.filename and str(exc.filename) not in message:
            message = f"{message}: {exc.filename}"
        _fail(message.splitlines()[0] if message else type(exc).__name__,
              1 if isinstance(exc, RunError) else 2)
    except KeyboardInterrupt:
        sys.stdout.flush()
        # On a terminal, off the line of the progress bar (and the ^C).
        sys.stderr.write(f"{chr(10) if sys.stderr.isatty() else ''}nnvec: interrupted\n")
        return 130
    return int(status or 0)
