"""``nnvec predict``: labels of a data set from the weights ``nnvec train`` wrote.

The weights' run manifest (``run.json`` next to them, see `nnvec.io.runs`)
gives the network's activation and output layer, and proves the file belongs
to that run; without one, the sizes come from the matrices and the
activation and output are sigmoid unless given.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path
from typing import TextIO

import numpy as np

from ..core.params import unroll_params
from ..core.predict import nn_predict
from ..io.data import load_dataset
from ..io.display import load_weights
from ..io.files import write_aside
from ..io.runs import MANIFEST, check_manifest
from .errors import UsageError

__all__ = ["run_predict"]


def run_predict(args: argparse.Namespace, stdout: TextIO | None = None) -> int:
    """``nnvec predict`` with parsed arguments."""
    out = stdout or sys.stdout
    weights = Path(args.weights)
    if not weights.is_file():
        raise UsageError(f"--weights: {weights}: no such file")
    if args.out is not None:
        target = Path(args.out)
        if target.is_dir():
            raise UsageError(f"--out: {target} is a folder, not a file name")
        if not target.parent.is_dir():
            raise UsageError(f"--out: {target.parent} is not a folder")
    manifest = check_manifest(weights, "--weights") or {}
    Thetas = load_weights(weights)  # checks the manifest again: cheap, and the API's rule
    activation = args.activation or manifest.get("activation") or "sigmoid"
    output = args.output or manifest.get("output") or "sigmoid"
    sizes = [Thetas[0].shape[1] - 1, *(T.shape[0] for T in Thetas)]
    for i, T in enumerate(Thetas[1:], start=2):
        if T.shape[1] != Thetas[i - 2].shape[0] + 1:
            raise UsageError(f"--weights: {weights}: Theta{i} has {T.shape[1]} columns, "
                             f"expected {Thetas[i - 2].shape[0] + 1} (a bias and the layer "
                             "before)")
    if manifest.get("sizes") not in (None, sizes):
        raise UsageError(f"--weights: {weights}: layer sizes {sizes} differ from "
                         f"{manifest['sizes']} in {weights.parent / MANIFEST}")

    ds = load_dataset(args.data)
    held_out = ds.X_test is not None and len(ds.X_test) > 0
    X, y = (ds.X_test, ds.y_test) if held_out else (ds.X, ds.y)
    part = "held-out" if held_out else "training"
    if np.shape(X)[1] != sizes[0]:
        raise UsageError(f"--data {args.data}: {np.shape(X)[1]} features, but the network "
                         f"in {weights} takes {sizes[0]}")
    pred = nn_predict(unroll_params(Thetas), sizes, X, activation=activation, output=output)
    print(f"Network: {'-'.join(map(str, sizes))}, {activation}/{output}"
          f"{'' if manifest else ' (no run.json: sizes from the weights)'}", file=out)
    line = f"Predicted {len(pred)} {part} examples of {ds.name}"
    labels = None if y is None else np.asarray(y).reshape(-1)
    if labels is not None and labels.size == len(pred):
        line += f": accuracy {np.mean(pred == labels) * 100:.2f}%"
    print(line, file=out)
    if args.out is not None:
        buf = io.StringIO()
        buf.write("example,predicted" + (",label\n" if labels is not None else "\n"))
        for i, p in enumerate(pred, start=1):
            buf.write(f"{i},{int(p)}" + (f",{int(labels[i - 1])}\n" if labels is not None
                                         else "\n"))
        text = buf.getvalue().encode()
        write_aside(args.out, lambda f: f.write(text), fname="nnvec predict")
        print(f"Wrote {args.out}", file=out)
    return 0
