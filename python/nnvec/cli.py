"""Command line: ``python -m nnvec train`` (console script ``nnvec``), ``ex4`` and ``grade``.

``nnvec train`` loads a data set, trains from a seeded random start with the
Python trainer or Octave's ``trainNN`` (through oct2py, from the same start),
prints training and held-out accuracy, and writes ``weights.mat``,
``digits.png``, ``hidden_units.png``, ``cost.png`` and, for a held-out part,
``confusion.png`` and ``misclassified.png`` to ``--out``. The default data
set is ``mnist5k`` (400-25-10, the course's shapes); ``--data digits`` is the
small 8x8 set the tests use.

``nnvec grade PATH`` grades a student's solution (a folder of Octave files
or a .py file) part by part, with hints (``nnvec.grade``); exit status 0 at
100 / 100, 1 below, 2 when nothing could be graded. ``nnvec grade PATH PATH
... --csv grades.csv`` grades a class (``nnvec.grade_class``): each submission
in a process of its own, ``--jobs`` at once, one line each, a CSV row each;
exit status 0 when all were graded and at 100 / 100, 1 when all were graded
and some below, 2 when any could not be graded, 128 + the signal's number when
interrupted (SIGINT, SIGTERM, SIGHUP; no CSV written).

``nnvec --version`` prints the installed version (``nnvec.resources.version``).

Errors in the arguments or the data end the program with one line
``nnvec: error: ...`` on stderr and exit status 2, never a traceback. A
training run that completes no iteration or ends with a non-finite cost is an
error too (exit status 1, no files written); Ctrl-C prints ``nnvec:
interrupted`` and exits with 130, with either engine.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, TextIO

import numpy as np

from .activations import ACTIVATIONS, OUTPUTS
from .conventions import CONVENTIONS, COURSE
from .grade import DEFAULT_TIMEOUT
from .grade_class import DEFAULT_JOBS, MAX_BATCHES, START_SECONDS
from .momentum import DEFAULT_LEARNING_RATE, DEFAULT_MOMENTUM
from .resources import octave_dir, version
from .train import METHODS, OCTAVE_METHODS, openblas_kernel_choice

__all__ = ["main"]

#: What ``nnvec train`` writes into --out (checked before training starts).
OUTPUT_FILES = ("weights.mat", "digits.png", "hidden_units.png", "cost.png", "confusion.png",
                "misclassified.png")


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are the single line ``nnvec: error: ...`` (exit 2)."""

    def error(self, message: str) -> NoReturn:
        _fail(message)


class UsageError(Exception):
    """A problem with what the user asked for: reported in one line, exit 2."""


class RunError(Exception):
    """The run itself failed (e.g. training did nothing): reported in one line, exit 1."""


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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="nnvec", description="The course's vectorized neural network.")
    parser.add_argument("--version", action="version", version=f"nnvec {version()}")
    sub = parser.add_subparsers(dest="command", metavar="{train,ex4,grade}", required=True)
    t = sub.add_parser("train", help="train a network and write weights and pictures",
                       description="Train a network on a data set; print accuracy; write "
                                   "weights.mat, digits.png, hidden_units.png, cost.png, "
                                   "confusion.png, misclassified.png.")
    t.add_argument("--data", default="mnist5k",
                   help="'mnist5k' (bundled 20x20 MNIST, default), 'digits' (bundled 8x8), "
                        "'fashion-mnist', a .mat path or a folder of IDX files")
    t.add_argument("--hidden", type=_hidden, action="append", metavar="SIZES",
                   help="hidden layer sizes: repeat or comma-separate for deeper nets "
                        "(default 25)")
    t.add_argument("--lambda", dest="lambda_", type=float, default=1.0,
                   help="regularization strength >= 0 (default 1)")
    t.add_argument("--maxiter", type=_positive_int, default=50, help="iterations (default 50)")
    t.add_argument("--method", type=_method, default="fmincg",
                   help=f"optimizer: {', '.join(METHODS)} (default fmincg)")
    t.add_argument("--learning-rate", type=float, default=DEFAULT_LEARNING_RATE,
                   help=f"momentum method: step size (default {DEFAULT_LEARNING_RATE:g})")
    t.add_argument("--momentum", type=float, default=DEFAULT_MOMENTUM,
                   help=f"momentum method: coefficient (default {DEFAULT_MOMENTUM:g})")
    t.add_argument("--activation", choices=tuple(ACTIVATIONS), default="sigmoid",
                   help=f"hidden layers' activation: {', '.join(ACTIVATIONS)} (default sigmoid)")
    t.add_argument("--output", choices=tuple(OUTPUTS), default="sigmoid",
                   help=f"output layer: {', '.join(OUTPUTS)} (default sigmoid)")
    t.add_argument("--engine", choices=("python", "octave"), default="python",
                   help="python (default) or octave: trainNN.m through oct2py, same start")
    t.add_argument("--seed", type=_seed, default=0,
                   help="seed of the random start, an integer >= 0 (default 0)")
    t.add_argument("--threads", type=_positive_int, default=None, metavar="N",
                   help="python engine: N threads, each evaluating a block of the examples "
                        "(default: by problem size, see nnvec.train)")
    t.add_argument("--pixel-order", choices=("auto", "C", "F"), default="auto",
                   help="pixels in a row of X: C row by row, F column by column; auto: C "
                        "for digits, fashion-mnist and IDX, F for mnist5k and a .mat path "
                        "(the course's)")
    t.add_argument("--out", default="out", help="output folder (default out)")
    sub.add_parser("ex4", help="the course's ex4 walk-through (nnvec ex4 --help)",
                   add_help=False)
    g = sub.add_parser(
        "grade", help="grade your own solution of the exercise, with hints (or a class's)",
        description="Grade a solution part by part, as the course did, offline: a folder of "
                    "Octave files (nnCostFunction.m, sigmoidGradient.m, "
                    "randInitializeWeights.m) or a .py file defining those functions (or "
                    "their snake_case twins). Exit status: 0 at 100 / 100, 1 below, 2 when "
                    "nothing could be graded. Several PATHs (or --csv) grade a class: each "
                    "submission in a process of its own, one line each as it is done, a CSV "
                    "row each; exit status 0 when all were graded and at 100 / 100, 1 when "
                    "all were graded and some below, 2 when any could not be graded, 128 + "
                    "the signal's number when interrupted (no CSV written).")
    g.add_argument("path", metavar="PATH", nargs="+",
                   help="the folder of .m files or the .py file; several for a class")
    g.add_argument("--convention", choices=tuple(CONVENTIONS), default=COURSE.name,
                   help="course (default): parameters unrolled column by column, labels "
                        "1..K; python-port (.py only): row by row, labels 0..K-1")
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
    if argv and argv[0] == "ex4":
        from . import ex4

        return _guarded(lambda: ex4.main(argv[1:]))
    args = build_parser().parse_args(argv)
    if args.command == "grade":
        return _guarded(lambda: run_grade(args))
    return _guarded(lambda: run_train(args))


def run_grade(args: argparse.Namespace, stdout: TextIO | None = None) -> int:
    """``nnvec grade`` with parsed arguments: the report on stdout, 0 at 100 / 100, else 1.

    Several paths, or ``--csv``: `run_grade_class`.
    """
    if len(args.path) > 1 or args.csv is not None:
        return run_grade_class(args, stdout)
    for name in ("jobs", "deadline"):
        if getattr(args, name) is not None:
            raise UsageError(f"--{name} is for grading a class (several PATHs, or --csv)")
    from .files import check_out_dir
    from .grade import grade
    from .grade_class import result_record, write_result

    if args.json is not None:
        json_path = Path(args.json)
        check_out_dir(json_path.parent, (json_path.name,), what="--json")
    out = stdout or sys.stdout
    path = args.path[0]
    result = grade(path, args.convention, args.timeout,
                   echo=lambda line: print(line, file=out, flush=True))
    if args.json is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        language = "Octave" if Path(path).is_dir() else "Python"
        write_result(json_path, result_record(result, path, language, args.convention))
    return result.exit_status


def run_grade_class(args: argparse.Namespace, stdout: TextIO | None = None) -> int:
    """``nnvec grade PATH PATH ... [--csv FILE]``: a line per submission; 0, 1 or 2.

    Interrupted (SIGINT, SIGTERM, SIGHUP): one line on stderr, no CSV, exit
    status 128 + the signal's number.
    """
    from .files import check_out_dir
    from .grade_class import Interrupted, child_deadline, grade_class, on_signals, write_csv

    if args.json is not None:
        raise UsageError("--json is for one PATH without --csv; a class's results go to --csv")
    if args.csv is not None:
        csv_path = Path(args.csv)
        check_out_dir(csv_path.parent, (csv_path.name,), what="--csv")
    out = stdout or sys.stdout
    jobs = DEFAULT_JOBS if args.jobs is None else args.jobs
    deadline = child_deadline(args.timeout) if args.deadline is None else args.deadline
    n = len(args.path)
    print(f"Grading {n} submission{'s' * (n != 1)}, {min(jobs, n)} at a time, each within "
          f"{deadline:g} s", file=out, flush=True)
    try:
        with on_signals():
            result = grade_class(args.path, args.convention, args.timeout, jobs, deadline,
                                 echo=lambda line: print(line, file=out, flush=True))
            if args.csv is not None:
                write_csv(csv_path, result)
    except Interrupted as exc:
        out.flush()
        sys.stderr.write(f"nnvec: interrupted ({signal.Signals(exc.signum).name}): the "
                         "gradings were stopped, no CSV written\n")
        return 128 + exc.signum
    at_100 = sum(r.total == 100 for r in result.rows)
    print(f"Graded {result.graded} of {n} ({at_100} at 100 / 100, {n - result.graded} not "
          f"graded)" + (f"; wrote {csv_path}" if args.csv is not None else ""), file=out)
    return result.exit_status


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


def run_train(args: argparse.Namespace, stdout: TextIO | None = None) -> int:
    """``nnvec train`` with parsed arguments."""
    if args.engine == "octave" and args.method not in OCTAVE_METHODS:
        raise UsageError(f"--engine octave supports --method {' or '.join(OCTAVE_METHODS)}, "
                         f"got {args.method}")
    if args.engine == "octave" and args.threads is not None:
        raise UsageError("--threads is for --engine python (Octave's threads are its BLAS's: "
                         f"set OPENBLAS_NUM_THREADS), got --threads {args.threads}")
    if not (args.lambda_ >= 0 and np.isfinite(args.lambda_)):
        raise UsageError(f"--lambda must be a finite number >= 0, got {args.lambda_:g}")
    from .data import load_dataset
    from .display import display_data, plot_cost_history, save_weights
    from .predict import nn_predict
    from .train import init_params, train
    from .validate import check_memory, label_count

    out = stdout or sys.stdout
    # Before the data and the training: a bad --out must not cost a whole run.
    from .files import check_out_dir

    check_out_dir(args.out, OUTPUT_FILES, what="--out")

    ds = load_dataset(args.data)
    X, y = np.asarray(ds.X, dtype=np.float64), np.asarray(ds.y).reshape(-1)
    K = label_count(y, ds.y_test, f"--data {args.data}")
    hidden = [s for group in (args.hidden or [[25]]) for s in group]
    sizes = [X.shape[1], *hidden, K]
    check_memory(sizes, X.shape[0], "--hidden")  # before the parameters are made
    p0 = init_params(sizes, args.seed)
    m_test = 0 if ds.X_test is None else len(ds.X_test)
    print(f"Data: {ds.name}: {X.shape[0]} training, {m_test} held-out examples, "
          f"{X.shape[1]} features, {K} labels", file=out)
    print(f"Network: {'-'.join(map(str, sizes))}, {p0.size} parameters, lambda {args.lambda_:g},"
          f" {args.activation}/{args.output}", file=out)
    print(f"Training: {args.method}, {args.maxiter} iterations, engine {args.engine}, "
          f"seed {args.seed}", file=out, flush=True)

    bar = Progress(args.maxiter, out)
    if args.engine == "python":
        # Overflow in a diverging run is reported below as a failed run, in one
        # line; numpy's RuntimeWarnings would only repeat it, several times.
        with np.errstate(all="ignore"):
            res = train(X, y, sizes, lambda_=args.lambda_, maxiter=args.maxiter,
                        method=args.method, initial_params=p0, activation=args.activation,
                        output=args.output, learning_rate=args.learning_rate,
                        momentum=args.momentum, threads=args.threads, progress=bar.update)
        bar.close()
        params, history = res.x, res.fun_history
        status = (int(res.status), str(res.message), int(res.nit), float(res.fun))
        print(f"Threads: {res.threads}", file=out)
        print(f"BLAS: {res.blas}", file=out)
    else:
        print("Running trainNN in Octave (its iteration lines follow the run) ...", file=out,
              flush=True)
        params, history, blas, status = _train_octave(args, X, y, sizes, p0, bar)
        bar.close()
        if "openblas" in blas.lower():
            blas += f" ({openblas_kernel_choice()})"
        print(f"BLAS: Octave's {blas}", file=out)
    _check_optimizer(status, history, out)

    kw = {"activation": args.activation, "output": args.output}
    acc_train = np.mean(nn_predict(params, sizes, X, **kw) == y) * 100
    print(f"Training accuracy: {acc_train:.2f}%", file=out)
    if m_test:
        y_test = np.asarray(ds.y_test).reshape(-1)
        pred_test = nn_predict(params, sizes, ds.X_test, **kw)
        acc_test = np.mean(pred_test == y_test) * 100
        print(f"Held-out accuracy: {acc_test:.2f}%", file=out)
    else:
        print("Held-out accuracy: n/a (the data set has no test split)", file=out)

    from .params import reshape_params

    Thetas = reshape_params(params, sizes)
    outdir = Path(args.out)
    outdir.mkdir(parents=True, exist_ok=True)
    save_weights(outdir / "weights.mat", Thetas)
    written = ["weights.mat"]
    shape, order = _image_layout(ds, X.shape[1], args.pixel_order)
    if shape is not None:
        pick = np.random.default_rng(args.seed).permutation(X.shape[0])[:100]
        display_data(X[pick], shape, order=order, path=outdir / "digits.png")
        display_data(Thetas[0][:, 1:], shape, order=order, path=outdir / "hidden_units.png")
        written += ["digits.png", "hidden_units.png"]
    plot_cost_history(history, outdir / "cost.png",
                      title=f"{args.method} on {ds.name}, {'-'.join(map(str, sizes))}")
    written.append("cost.png")
    if m_test:
        written += _held_out_pictures(ds, pred_test, K, shape, order, outdir, out)
    print(f"Wrote {', '.join(written)} to {outdir}", file=out)
    return 0


def _held_out_pictures(ds, pred_test, K: int, shape, order: str, outdir: Path,
                       out: TextIO) -> list[str]:
    """confusion.png and (for images) misclassified.png of the held-out part; their names."""
    from .evaluate import confusion_matrix, label_names, plot_confusion_matrix, plot_misclassified

    y_test = np.asarray(ds.y_test).reshape(-1)
    C = confusion_matrix(y_test, pred_test, K)
    plot_confusion_matrix(C, outdir / "confusion.png",
                          title=f"Held-out {ds.name}: true label vs predicted")
    written = ["confusion.png"]
    off = C - np.diag(np.diag(C))
    if off.any():
        i, j = np.unravel_index(np.argmax(off), off.shape)
        names = label_names(K)
        print(f"Held-out mistakes: {int(off.sum())}, most often {names[i]} taken for "
              f"{names[j]} ({int(off[i, j])} times)", file=out)
    if shape is not None:
        plot_misclassified(ds.X_test, y_test, pred_test, shape, outdir / "misclassified.png",
                           order=order, title=f"Held-out {ds.name} misclassified")
        written.append("misclassified.png")
    return written


def _check_optimizer(status: tuple[int, str, int, float], history, out: TextIO) -> None:
    """Print the optimizer's status line; a run that did nothing, or diverged, is an error.

    `status` is ``(status code, message, iterations, final cost)`` as the
    optimizer (Python) or ``trainNN``'s ``info`` (Octave) reports them.
    """
    code, message, nit, fun = status
    print(f"Optimizer: {message} (status {code}, {nit} iteration{'s' * (nit != 1)}, "
          f"final cost {fun:.6g})", file=out, flush=True)
    history = np.asarray(history, dtype=np.float64).reshape(-1)
    if nit < 1:
        raise RunError(f"training completed no iteration ({message}); no weights written "
                       "(a smaller --lambda, or another --method, may help)")
    if not np.isfinite(fun) or not np.all(np.isfinite(history)):
        raise RunError(f"training ended with a non-finite cost ({fun:g}); no weights written "
                       "(a smaller --lambda or --learning-rate may help)")


def _image_layout(ds, n: int, pixel_order: str) -> tuple[tuple[int, int] | None, str]:
    """(height, width) and pixel order ('C' or 'F') of the images, or (None, '') if not images.

    'auto': row by row ('C') for digits, fashion-mnist and IDX files (see
    ``nnvec.data``), column by column ('F') for mnist5k and a .mat path, the
    course's layout.
    """
    shape = ds.image_shape
    if shape is None or int(shape[0]) * int(shape[1]) != n:
        return None, ""
    order = pixel_order
    if order == "auto":
        course = ds.name == "mnist5k" or str(ds.name).lower().endswith(".mat")
        order = "F" if course else "C"
    return (int(shape[0]), int(shape[1])), order


def _train_octave(args, X, y, sizes, p0, bar: Progress):
    """trainNN.m through oct2py from the Python start vector.

    Returns (params, history, Octave's ``version('-blas')``, the status tuple
    of `_check_optimizer` from trainNN's ``info``).

    Octave's own error message (not oct2py's stack frames) becomes a
    UsageError. Ctrl-C: octave_kernel answers it by interrupting Octave and
    returning normally, so the handler below notes it and the call ends in
    KeyboardInterrupt once Octave is back at its prompt; ``finally`` then
    stops the Octave process.
    """
    import importlib.util

    if importlib.util.find_spec("oct2py") is None:
        raise UsageError("--engine octave needs oct2py (pip install 'nnvec[octave]')")
    try:
        folder = octave_dir()
    except OSError as exc:
        raise UsageError(f"--engine octave: {exc}") from None
    opts = {"MaxIter": float(args.maxiter), "Method": args.method,
            "InitialParams": p0.reshape(-1, 1), "activation": args.activation,
            "output": args.output}
    if args.method == "momentum":
        opts["LearningRate"] = float(args.learning_rate)
        opts["Momentum"] = float(args.momentum)
    from .octave_env import OctaveNotFoundError, octave_error_message, start_octave

    interrupted: list[int] = []
    oc = None
    try:
        with _note_sigint(interrupted):
            oc = start_octave()
            oc.addpath(str(folder))
            params, history, info = oc.trainNN(
                X, y.reshape(-1, 1).astype(np.float64),
                np.asarray(sizes, dtype=np.float64).reshape(1, -1), float(args.lambda_), opts,
                nout=3)
            blas = str(oc.feval("version", "-blas"))
    except OctaveNotFoundError as exc:
        raise UsageError(f"--engine octave: {exc}") from None
    except Exception as exc:  # Oct2PyError: Octave's own message, no traceback
        if interrupted:
            raise KeyboardInterrupt from None
        raise UsageError(f"Octave: {octave_error_message(exc)}") from None
    finally:
        if oc is not None:
            oc.exit()
    if interrupted:
        raise KeyboardInterrupt
    history = np.asarray(history, dtype=np.float64).reshape(-1)
    for i, J in enumerate(history, start=1):
        bar.update(i, float(J))
    status = (int(info["status"]), str(info["message"]), int(info["nit"]), float(info["fun"]))
    return np.asarray(params, dtype=np.float64).reshape(-1), history, blas, status


@contextlib.contextmanager
def _note_sigint(noted: list[int]):
    """Record SIGINT in `noted` (and raise KeyboardInterrupt as usual) while inside.

    Code that swallows KeyboardInterrupt (octave_kernel does, after stopping
    Octave) cannot hide the interrupt from the caller, who checks `noted`.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        noted.append(signum)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class Progress:
    """Iteration, cost and elapsed time: a redrawn bar on a terminal, plain lines otherwise."""

    def __init__(self, total: int, stream: TextIO, width: int = 30) -> None:
        self.total = total
        self.stream = stream
        self.width = width
        self.start = time.perf_counter()
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.every = max(1, total // 50)  # at most ~50 plain lines
        self.drawn = False

    def update(self, i: int, cost: float) -> None:
        elapsed = time.perf_counter() - self.start
        if self.tty:
            done = int(self.width * min(i, self.total) / self.total)
            bar = "#" * done + "." * (self.width - done)
            self.stream.write(f"\r[{bar}] {i:>{len(str(self.total))}}/{self.total}"
                              f"  cost {cost:.6f}  {elapsed:6.1f} s")
            self.stream.flush()
            self.drawn = True
        elif i % self.every == 0 or i == self.total:
            self.stream.write(f"Iteration {i:4d} | Cost: {cost:.6e} | {elapsed:.2f} s\n")
            self.stream.flush()

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
