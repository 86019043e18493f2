"""``nnvec train``: load the data, train with either engine, print accuracy, write the outputs."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import TextIO

import numpy as np

from ..bridge.engine import train_octave
from ..core.params import reshape_params
from ..core.predict import nn_predict
from ..core.validate import check_memory, label_count
from ..io.data import load_dataset
from ..io.display import display_data, plot_cost_history, save_weights
from ..io.evaluate import confusion_matrix, label_names, plot_confusion_matrix, plot_misclassified
from ..io.files import check_out_dir
from ..io.runs import MANIFEST, OutDirLock, Staging, remove_leftovers
from ..optim.momentum import FAILED as MOMENTUM_FAILED
from ..optim.train import OCTAVE_METHODS, init_params, openblas_kernel_choice, train
from ..resources import version
from .errors import RunError, UsageError
from .progress import Progress

__all__ = ["OUTPUT_FILES", "run_train"]

#: What ``nnvec train`` writes into --out (checked before training starts).
OUTPUT_FILES = ("weights.mat", "digits.png", "hidden_units.png", "cost.png", "confusion.png",
                "misclassified.png")


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

    out = stdout or sys.stdout
    # Before the data and the training: a bad --out must not cost a whole run,
    # and a second run into the same --out is refused at once (the lock).
    check_out_dir(args.out, (*OUTPUT_FILES, MANIFEST), what="--out")
    with OutDirLock(args.out, "--out"):
        remove_leftovers(args.out)  # a killed run's .part files and staging folders
        return _run_locked(args, out)


def _run_locked(args: argparse.Namespace, out: TextIO) -> int:
    started = datetime.now(timezone.utc)
    ds = load_dataset(args.data)
    y = np.asarray(ds.y).reshape(-1)
    K = label_count(y, ds.y_test, f"--data {args.data}")
    hidden = [s for group in (args.hidden or [[25]]) for s in group]
    sizes = [np.shape(ds.X)[1], *hidden, K]
    # Before X is converted and the parameters are made, counting X's copies.
    check_memory(sizes, np.shape(ds.X)[0], "--hidden", X=ds.X)
    X = np.asarray(ds.X, dtype=np.float64)
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
                        momentum=args.momentum, threads=args.threads, progress=bar.update,
                        dtype=args.dtype)
        bar.close()
        params, history = res.x, res.fun_history
        status = (int(res.status), str(res.message), int(res.nit), float(res.fun))
        print(f"Threads: {res.threads}", file=out)
        print(f"BLAS: {res.blas}", file=out)
    else:
        print("Running trainNN in Octave (its iteration lines follow the run) ...", file=out,
              flush=True)
        opts = {"MaxIter": float(args.maxiter), "Method": args.method,
                "activation": args.activation, "output": args.output}
        if args.method == "momentum":
            opts |= {"LearningRate": float(args.learning_rate), "Momentum": float(args.momentum)}
        params, history, blas, status = train_octave(X.astype(args.dtype), y, sizes, p0,
                                                     args.lambda_, opts, bar.update)
        bar.close()
        if "openblas" in blas.lower():
            blas += f" ({openblas_kernel_choice()})"
        print(f"BLAS: Octave's {blas}", file=out)
    _check_optimizer(status, history, out, args.method)

    kw = {"activation": args.activation, "output": args.output}
    acc_train = np.mean(nn_predict(params, sizes, X, **kw) == y) * 100
    print(f"Training accuracy: {acc_train:.2f}%", file=out)
    if m_test:
        y_test = np.asarray(ds.y_test).reshape(-1)
        pred_test = nn_predict(params, sizes, ds.X_test, **kw)
        acc_test = np.mean(pred_test == y_test) * 100
        print(f"Held-out accuracy: {acc_test:.2f}%", file=out)
    else:
        acc_test = None
        print("Held-out accuracy: n/a (the data set has no test split)", file=out)

    Thetas = reshape_params(params, sizes)
    outdir = Path(args.out)
    # Every file into a fresh staging folder first, then swapped in as one set
    # with run.json last (nnvec.io.runs): an interrupted run leaves the old set.
    with Staging(outdir) as stage:
        save_weights(stage.path / "weights.mat", Thetas)
        written = ["weights.mat"]
        shape, order = image_layout(ds, X.shape[1], args.pixel_order)
        if shape is not None:
            pick = np.random.default_rng(args.seed).permutation(X.shape[0])[:100]
            display_data(X[pick], shape, order=order, path=stage.path / "digits.png")
            display_data(Thetas[0][:, 1:], shape, order=order,
                         path=stage.path / "hidden_units.png")
            written += ["digits.png", "hidden_units.png"]
        plot_cost_history(history, stage.path / "cost.png",
                          title=f"{args.method} on {ds.name}, {'-'.join(map(str, sizes))}")
        written.append("cost.png")
        if m_test:
            written += _held_out_pictures(ds, pred_test, K, shape, order, stage.path, out)
        manifest = {
            "nnvec": version(), "command": getattr(args, "command_line", None) or sys.argv,
            "pid": os.getpid(), "data": str(args.data), "data_name": ds.name,
            "sizes": sizes, "activation": args.activation, "output": args.output,
            "lambda": args.lambda_, "method": args.method, "maxiter": args.maxiter,
            "seed": args.seed, "engine": args.engine,
            "status": {"code": status[0], "message": status[1], "iterations": status[2]},
            "final_cost": status[3], "training_accuracy": float(acc_train),
            "held_out_accuracy": None if acc_test is None else float(acc_test),
            "started": started.isoformat(timespec="seconds"),
            "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        }
        stage.commit(written, manifest, stale=OUTPUT_FILES)
    print(f"Wrote {', '.join([*written, MANIFEST])} to {outdir}", file=out)
    return 0


def _held_out_pictures(ds, pred_test, K: int, shape, order: str, outdir: Path,
                       out: TextIO) -> list[str]:
    """confusion.png and (for images) misclassified.png of the held-out part; their names."""

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


def _check_optimizer(status: tuple[int, str, int, float], history, out: TextIO,
                     method: str = "fmincg") -> None:
    """Print the optimizer's status line; a run that did nothing, or diverged, is an error.

    `status` is ``(status code, message, iterations, final cost)`` as the
    optimizer (Python) or ``trainNN``'s ``info`` (Octave) reports them. A
    momentum run that diverged (status 1 or 2, `nnvec.optim.momentum.FAILED`,
    the same codes in ``momentumDescent.m``) is an error too.
    """
    code, message, nit, fun = status
    print(f"Optimizer: {message} (status {code}, {nit} iteration{'s' * (nit != 1)}, "
          f"final cost {fun:.6g})", file=out, flush=True)
    history = np.asarray(history, dtype=np.float64).reshape(-1)
    if nit < 1:
        raise RunError(f"training completed no iteration ({message}); no weights written "
                       "(a smaller --lambda, or another --method, may help)")
    if method == "momentum" and code in MOMENTUM_FAILED:
        raise RunError(f"training diverged ({message.rstrip('.')}); no weights written")
    if not np.isfinite(fun) or not np.all(np.isfinite(history)):
        raise RunError(f"training ended with a non-finite cost ({fun:g}); no weights written "
                       "(a smaller --lambda or --learning-rate may help)")


def image_layout(ds, n: int, pixel_order: str) -> tuple[tuple[int, int] | None, str]:
    """(height, width) and pixel order ('C' or 'F') of the images, or (None, '') if not images.

    'auto': row by row ('C') for digits, fashion-mnist and IDX files (see
    ``nnvec.io.data``), column by column ('F') for mnist5k and a .mat path, the
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
