"""`make mutants`: plant one-line bugs, one at a time, and check the tests catch each.

Each mutant below changes one line of one file (Python or Octave). For each,
the tracked files are copied to a scratch folder, the line is changed there,
and the tests that cover it run against that copy (``-x``: the first failure
is enough). A mutant is killed when its tests fail; they must first pass on
the copy with no mutant planted, else nothing is counted. The list is curated: the
course's classic mistakes, the stable forms undone, the parameter layout,
the label numbering, every line-search constant and validation rules, in each language alone
(so a change made in one twin only is caught too).

    python scripts/mutants.py            # run them all, print each and the score
    python scripts/mutants.py --check    # each mutant's line is in its file, once
    python scripts/mutants.py --only "oc "  # the mutants whose name holds the text
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]


class Mutant(NamedTuple):
    name: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]


SAT = ("tests/test_saturated.py",)
LS = ("tests/test_line_search.py",)
REF = ("tests/test_reference.py",)
CORE = ("tests/test_cost.py", "tests/test_params.py", "tests/test_predict.py",
        "tests/test_gradcheck.py")
CROSS = ("tests/test_cross_language.py",)
PY_ACT = "python/nnvec/core/activations.py"
PY_FMINCG = "python/nnvec/optim/fmincg.py"
OC_OUT = "octave/private/outputTable.m"
OC_CG = "octave/private/costAndGradient.m"
OC_FMINCG = "octave/fmincg.m"
PY_VALIDATE = "python/nnvec/core/validate.py"
BAD = ("tests/test_bad_input.py", "tests/test_bad_input_twins.py")

MUTANTS: tuple[Mutant, ...] = (
    # Python: the stable forms undone
    Mutant("py softmax predict without the max shift", PY_ACT,
           "np.exp(zL - zL.max(axis=1, keepdims=True))", "np.exp(zL)", SAT),
    Mutant("py fast softmax cost without the max shift", PY_ACT,
           "np.subtract(z, z.max(axis=0), out=t)", "np.subtract(z, 0.0, out=t)", SAT),
    Mutant("py reference softmax cost without the max shift", PY_ACT,
           "s = z - z.max(axis=1, keepdims=True)", "s = z", SAT + REF),
    Mutant("py reference sigmoid cost, log1p(exp(-z))", PY_ACT,
           "np.sum(np.log1p(np.exp(-np.abs(z))))", "np.sum(np.log1p(np.exp(-z)))", SAT + REF),
    Mutant("py fast sigmoid cost, + Y.z", PY_ACT,
           "np.maximum(z, 0.0, out=t).sum() - z[YT].sum()",
           "np.maximum(z, 0.0, out=t).sum() + z[YT].sum()", CORE),
    # Python: the student's classic mistakes
    Mutant("py reference regularizes the bias", "python/nnvec/core/reference.py",
           "np.sum(Thetas[l][:, 1:] ** 2)", "np.sum(Thetas[l] ** 2)", REF),
    Mutant("py reference gradient lambda/(2m)", "python/nnvec/core/reference.py",
           "+ lambda_ / m * W])", "+ lambda_ / (2 * m) * W])", REF),
    Mutant("py fast gradient regularizes the bias", "python/nnvec/core/cost.py",
           "G[:, 1:] += lambda_ / m * Theta[:, 1:]", "G += lambda_ / m * Theta", CORE),
    Mutant("py fast cost lambda/m", "python/nnvec/core/cost.py",
           "J = J + lambda_ / (2 * m) * (Theta[:, 1:] ** 2).sum()",
           "J = J + lambda_ / m * (Theta[:, 1:] ** 2).sum()", CORE),
    # Python: layout and labels
    Mutant("py reshape row-major", "python/nnvec/core/params.py",
           'reshape((rows, cols), order="F")', 'reshape((rows, cols), order="C")', CORE),
    Mutant("py unroll row-major", "python/nnvec/core/params.py",
           'T.reshape(-1, order="F")', 'T.reshape(-1, order="C")', CORE),
    Mutant("py one-hot labels shifted", "python/nnvec/core/cost.py",
           "Y[np.arange(labels.size), labels - 1] = 1",
           "Y[np.arange(labels.size), labels % num_labels] = 1", CORE),
    # Octave: the stable forms undone
    Mutant("oc softmax cost without the max shift", OC_OUT,
           "s = z - max(z, [], 2);", "s = z;", SAT),
    Mutant("oc softmax output without the max shift", OC_OUT,
           "e = exp(z - max(z, [], 2));", "e = exp(z);", SAT),
    Mutant("oc sigmoid cost, log1p(exp(-z))", OC_OUT,
           "sum(log1p(exp(-abs(z(:)))))) / m;", "sum(log1p(exp(-z(:))))) / m;", SAT),
    Mutant("oc sigmoid delta Y - h", OC_OUT,
           "delta = sigmoid(z) - Y;", "delta = Y - sigmoid(z);", SAT),
    # Octave: the student's classic mistakes, layout and labels
    Mutant("oc cost regularizes the bias", OC_CG,
           "sum(sum(Thetas{l}(:, 2:end).^2))", "sum(sum(Thetas{l}.^2))", CROSS),
    Mutant("oc gradient lambda/(2m)", OC_CG,
           "+ lambda / m * W];", "+ lambda / (2 * m) * W];", CROSS),
    Mutant("oc one-hot labels shifted", "octave/private/oneHot.m",
           "Y = I(y(:), :);", "Y = I(mod(y(:), num_labels) + 1, :);", CROSS),
)

#: Validation rules loosened or tightened by one step, each language alone.
MUTANTS += (
    Mutant("py lambda 0 refused", PY_VALIDATE,
           "if not (np.isfinite(value) and value >= 0):",
           "if not (np.isfinite(value) and value > 0):", BAD),
    Mutant("py labels above K accepted", PY_VALIDATE,
           "(y <= num_labels) & (y == np.round(y))",
           "(y <= num_labels + 1) & (y == np.round(y))", BAD),
    Mutant("py fractional labels accepted", PY_VALIDATE,
           "(y <= num_labels) & (y == np.round(y))", "(y <= num_labels)", BAD),
    Mutant("py parameter count only a minimum", PY_VALIDATE,
           "if p.size != expected:", "if p.size < expected:", BAD),
    Mutant("oc lambda 0 refused", "octave/private/checkLambda.m",
           "if ~(isfinite(lambda) && lambda >= 0)", "if ~(isfinite(lambda) && lambda > 0)", BAD),
    Mutant("oc fractional labels accepted", "octave/private/checkY.m",
           "y <= num_labels & y == round(y)", "y <= num_labels", BAD),
    Mutant("oc X fast path skips the column count", "octave/private/checkX.m",
           "size(X, 2) == n && isfinite", "isfinite", BAD),
)

#: The line search's constants: (name, as Python writes it, as Octave does, the
#: nearby value planted). Each becomes one mutant per language, on the line
#: that sets it.
LINE_SEARCH = (("C1", "1e-4", "1e-4", "2e-4"), ("C2", "0.1", "0.1", "0.12"),
               ("EXT", "3.0", "3", "2.9"), ("MINEXT", "1.1", "1.1", "1.2"),
               ("SAFE", "0.1", "0.1", "0.09"), ("MAXEV", "20", "20", "21"))

MUTANTS += tuple(
    Mutant(f"{lang} fmincg {name} {new}", file, f"\n{name} = {old}{end}",
           f"\n{name} = {new}{end}", LS)
    for lang, file, end in (("py", PY_FMINCG, ""), ("oc", OC_FMINCG, ";"))
    for name, py_old, oc_old, new in LINE_SEARCH
    for old in [py_old if lang == "py" else oc_old])


def problems(root: Path = ROOT) -> list[str]:
    """Mutants whose line is not in their file exactly once (the list has gone stale)."""
    found = []
    for m in MUTANTS:
        count = (root / m.file).read_text().count(m.old)
        if count != 1:
            found.append(f"{m.name}: {m.old!r} occurs {count} times in {m.file}")
    return found


def _tracked(root: Path) -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True)
    return [p for p in out.stdout.decode().split("\0") if p]


def run(root: Path = ROOT, only: str = "") -> int:
    """Plant each mutant (those whose name holds `only`) in a scratch copy; 0 if all die."""
    chosen = [m for m in MUTANTS if only in m.name]
    if not chosen:
        print(f"mutants: no mutant's name holds {only!r}")
        return 2
    stale = problems(root)
    if stale:
        print("mutants: the list is stale:", *stale, sep="\n  ")
        return 2
    python = root / ".venv" / "bin" / "python"
    killed = 0
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="nnvec-mutants-") as scratch:
        copy = Path(scratch) / "tree"
        for rel in _tracked(root):
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(root / rel, copy / rel)
        env = dict(os.environ, PYTHONPATH=str(copy / "python"))
        everything = sorted({t for m in chosen for t in m.tests})
        baseline = subprocess.run(
            [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *everything],
            cwd=copy, env=env, capture_output=True, text=True, check=False)
        if baseline.returncode != 0:  # else a mutant would count as killed for nothing
            tail = baseline.stdout.strip().splitlines()[-1:] or ["no output"]
            print(f"mutants: the tests fail with no mutant planted: {tail[0]}")
            return 2
        for i, m in enumerate(chosen, start=1):
            path = copy / m.file
            original = path.read_text()
            path.write_text(original.replace(m.old, m.new))
            try:
                rc = subprocess.run(
                    [str(python), "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *m.tests],
                    cwd=copy, env=env, capture_output=True, check=False).returncode
            finally:
                path.write_text(original)
            dead = rc == 1  # tests failed; 5 would be "no tests ran", 2-4 errors of pytest
            killed += dead
            print(f"{i:2d} {'killed' if dead else f'SURVIVED (pytest exit {rc})'}: {m.name}",
                  flush=True)
    print(f"mutants: {killed} of {len(chosen)} killed in {time.monotonic() - start:.0f} s")
    return 0 if killed == len(chosen) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only check that each mutant's line is in its file, once")
    parser.add_argument("--only", default="", metavar="TEXT",
                        help="plant only the mutants whose name holds TEXT (e.g. 'oc ')")
    args = parser.parse_args(argv)
    if args.check:
        stale = problems()
        print(*stale, sep="\n") if stale else print(f"mutants: all {len(MUTANTS)} lines found")
        return 1 if stale else 0
    return run(only=args.only)


if __name__ == "__main__":
    sys.exit(main())
