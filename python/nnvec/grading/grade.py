"""``nnvec grade``: an offline grader for the course's neural-network exercise, with hints.

A submission is a folder of Octave files (``nnCostFunction.m``,
``sigmoidGradient.m``, ``randInitializeWeights.m``), one Python file that
defines the same functions (the course's names or their snake_case twins), or
a notebook whose code cells define them (only their definitions and imports
run, `nnvec.grading.notebook`). A Python submission graded without a
convention is graded in the one its nnCostFunction follows
(`detect_convention`).
Its functions run in a child process (`nnvec.grading.submission`), part by part,
each part under a time limit; nnvec's reference computes the expected values
here, at run time, in the grader's process.

The parts and points are the course's:

====  ==========================================  ======  ===================================
part  title                                       points  checks
====  ==========================================  ======  ===================================
1     Feedforward and Cost Function               30      J, lambda 0
2     Regularized Cost Function                   15      J, lambda > 0
3     Sigmoid Gradient                            5       sigmoidGradient(z)
4     Neural Network Gradient (Backpropagation)   40      grad, lambda 0
5     Regularized Gradient                        10      grad, lambda > 0
====  ==========================================  ======  ===================================

Each part runs on the course grader's inputs and on several random networks
(other sizes, sample counts and lambdas; one in which label K never occurs,
one of a single example); it passes when every output agrees with the
reference to ``rtol=1e-6, atol=1e-9`` and, in Python, no call wrote into its
arguments. ``randInitializeWeights`` is checked (shape, range, symmetry
breaking) and reported, for no points.

A failed part says what differed on the first input that failed (J, the
element of grad or g furthest off, "all zeros", the error, the arguments
written into). Its hint is about that part only: that the function writes
into its inputs; else, when every output is zeros, that it still returns the
template's zeros (in the message, no hint); else the hint for the part's
output of the first known wrong version of `nnvec.grading.mistakes` that returns the
same values on every input; and when none fits, what running the part again
with the other parameter layout or label numbering (`nnvec.core.conventions`) gives.

Exit status of ``nnvec grade``: 0 at 100 / 100, 1 below (`EXIT_BELOW_100`),
2 when nothing could be graded (a bad path or option, no Octave).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..core.conventions import CONVENTIONS, COURSE, PYTHON_PORT, Convention
from ..core.params import param_shapes
from .cases import PARTS, Part, cost_cases, sigmoid_cases
from .grade_worker import FUNCTIONS
from .mistakes import MISTAKES, Mistake, hint_words, reference_cost, reference_sigmoid_gradient
from .notebook import NotebookError, definitions_source
from .results import GradeResult, PartResult
from .sandbox import interrupt_on_termination
from .submission import Call, OctaveRunner, Outcome, PythonRunner, RunError, Unsupported

__all__ = ["DEFAULT_TIMEOUT", "GradeUsageError", "detect_convention", "grade", "grade_open",
           "grade_with", "open_submission"]

#: Tolerance of every comparison with the reference.
RTOL, ATOL = 1e-6, 1e-9
#: Seconds each part may take (Octave's start included); importing a .py file has a
#: limit of its own, the same.
DEFAULT_TIMEOUT = 10.0
# --- comparing outputs ---------------------------------------------------------

#: The graded functions' arguments in order: how a call's changed arguments are named.
ARGUMENTS = {
    "nnCostFunction": ("nn_params", "input_layer_size", "hidden_layer_size", "num_labels",
                       "X", "y", "lambda"),
    "sigmoidGradient": ("z",),
    "randInitializeWeights": ("L_in", "L_out"),
}


@dataclass(frozen=True)
class _Got:
    """One call's output for the part: a value, or why there is none.

    ``changed`` names the arguments the call wrote into (Python only: Octave
    passes copies); such a call fails whatever it returned.
    """

    value: object = None
    error: str | None = None
    changed: tuple[str, ...] = ()


def _changed_names(function: str, outcome: Outcome) -> tuple[str, ...]:
    """The names of the arguments `outcome` says the call wrote into, in their order."""
    names = ARGUMENTS[function]
    return tuple(dict.fromkeys(
        names[i] if type(i) is int and 0 <= i < len(names) else "another argument"
        for i in sorted(outcome.changed, key=lambda i: i if type(i) is int else len(names))))


def _and(names: Sequence[str]) -> str:
    """``'X'``, ``'X and y'``, ``'nn_params, X and y'``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _normalize(v: object, kind: str) -> object:
    """A returned value in the form comparisons use.

    A single number for J and for a 1x1 sigmoidGradient; a column or 1-D
    vector for grad; lists of equal-shaped arrays (a Python list of numbers)
    stacked into one array.
    """
    if isinstance(v, Unsupported):
        return v
    if isinstance(v, list):
        items = [_normalize(x, "") for x in v]
        if items and all(isinstance(x, np.ndarray) and x.shape == items[0].shape
                         for x in items):
            v = np.stack(items)
        else:
            return items
    a = np.asarray(v, dtype=np.float64)
    if kind in ("J", "g") and a.size == 1:
        return a.reshape(())
    if kind == "grad" and a.ndim == 2 and a.shape[1] == 1:
        return a[:, 0]
    return a


def _output(part: Part, outcome: Outcome, language: str) -> _Got:
    """The part's output (J, grad or g) from one call's outcome."""
    changed = _changed_names(part.function, outcome)
    if changed:
        return _Got(changed=changed)
    if outcome.error is not None:
        return _Got(error=f"error: {outcome.error}")
    values = outcome.values
    if part.output == "J":
        v = values[0] if values else None
        if isinstance(v, list) and language == "Python":
            v = v[0] if v else Unsupported("an empty tuple")
        return _Got(value=_normalize(v, "J"))
    if part.output == "grad":
        if len(values) < 2:
            return _Got(error="nnCostFunction returned one value; it must return J and grad")
        return _Got(value=_normalize(values[1], "grad"))
    return _Got(value=_normalize(values[0], "g"))


def _matches(out: object, expected: object) -> bool:
    """Equal shapes and values within the tolerance; NaN in `expected` matches anything."""
    if isinstance(expected, list):
        return (isinstance(out, list) and len(out) == len(expected)
                and all(_matches(o, e) for o, e in zip(out, expected, strict=True)))
    if not (isinstance(out, np.ndarray) and isinstance(expected, np.ndarray)):
        return False
    if out.shape != expected.shape:
        return False
    known = ~np.isnan(expected)
    return bool(np.allclose(out[known], expected[known], rtol=RTOL, atol=ATOL))


def _failed(got: _Got, expected: object) -> bool:
    return got.error is not None or bool(got.changed) or not _matches(got.value, expected)


def _all_zeros(got: _Got, expected: object) -> bool:
    """Whether the output has the expected shape and is all zeros where the reference is not."""
    return (got.error is None and not got.changed and isinstance(got.value, np.ndarray)
            and got.value.shape == np.shape(expected) and not np.any(got.value)
            and bool(np.any(np.nan_to_num(expected, nan=1.0))))


def _describe(v: object) -> str:
    if isinstance(v, Unsupported):
        return f"not numbers ({v})"
    if isinstance(v, list):
        return f"a list (Octave: a cell) of {len(v)} items"
    shape = np.shape(v)
    if shape == ():
        return "a single number"
    if len(shape) == 1:
        return f"a vector of {shape[0]} elements"
    return f"an array of size {'x'.join(map(str, shape))}"


def _position(k: int, sizes: Sequence[int], order: str) -> str:
    """``'Theta1_grad(3, 2)'``: where element `k` (0-based) of an unrolled gradient sits."""
    start = 0
    for i, (rows, cols) in enumerate(param_shapes(sizes), start=1):
        if k < start + rows * cols:
            r, c = np.unravel_index(k - start, (rows, cols), order=order)
            return f"Theta{i}_grad({r + 1}, {c + 1})"
        start += rows * cols
    return "beyond the last weight"


def _difference(part: Part, case: object, got: _Got, expected: object, conv: Convention) -> str:
    """What went wrong on one input, in one sentence."""
    where = case.title
    if got.changed:
        return (f"{where}: {part.function} wrote into {_and(got.changed)}, which must come "
                "back unchanged")
    if got.error is not None:
        return f"{where}: {got.error}"
    out = got.value
    name = {"J": "J", "grad": "grad", "g": "sigmoidGradient(z)"}[part.output]
    if not isinstance(out, np.ndarray) or out.shape != np.shape(expected):
        return f"{where}: {name} is {_describe(out)} where {_describe(expected)} is expected"
    o, e = np.atleast_1d(out).ravel(), np.atleast_1d(expected).ravel()
    with np.errstate(invalid="ignore"):
        bad = ~np.isclose(o, e, rtol=RTOL, atol=ATOL)
    k = int(np.argmax(np.where(bad, np.nan_to_num(np.abs(o - e), nan=np.inf), -1.0)))
    if part.output == "J":
        return f"{where}: J = {o[0]:.6g} where {e[0]:.6g} is expected"
    if part.output == "grad":
        at = f"grad({k + 1}), {_position(k, case.sizes, conv.order)},"
    else:
        r, c = np.unravel_index(k, np.shape(expected)) if np.ndim(expected) == 2 else (0, k)
        at = f"element ({r + 1}, {c + 1})"
    if not np.any(o):
        # One element would hide that nothing was computed.
        return f"{where}: {name} is all zeros where {at} should be {e[k]:.6g}"
    return f"{where}: {at} is {o[k]:.6g} where {e[k]:.6g} is expected"


def _template_message(part: Part, first: str) -> str:
    """The message of a part whose output is zeros on every input: `first` is its first input's."""
    name = {"J": "J = 0", "grad": "grad is all zeros",
            "g": "sigmoidGradient(z) is all zeros"}[part.output]
    return (f"{name} on every input: {part.function} still returns the template's zeros "
            f"(not implemented yet?); {first}")


def _changed_hint(function: str, changed: Sequence[str]) -> str:
    """The hint of a part in which the student's function wrote into its arguments."""
    n, several = changed[0], len(changed) > 1
    text = (f"{function} writes into its input{'s' * several} {_and(changed)}, which the caller "
            f"still holds: whatever uses {'them' if several else 'it'} next gets other numbers. "
            f"Copy before writing ({n} = {n}.copy()); an in-place operator ({n} -= 1) or "
            f"out={n} writes into {n}, {n} = {n} - 1 makes a new array.")
    if "nn_params" in changed:
        text += (" A reshape or slice of nn_params is a view of it: writing into Theta1 "
                 "(Theta1[:, 0] = 0) writes into nn_params.")
    return text


# --- predicting outputs: the reference and the mistakes ------------------------

class _Raises:
    """The prediction of a mistake that would raise an error on this input."""


def _predict(part: Part, case: object, conv: Convention, cost: Callable | None,
             sg: Callable | None) -> object:
    """The normalized output of `cost` / `sg` (the reference or a mistake) on `case`."""
    try:
        if part.function == "sigmoidGradient":
            return _normalize(sg(case.z), "g")
        J, grad = cost(*case.inputs(conv), conv)
    except (ValueError, IndexError):
        return _Raises()
    return _normalize(J, "J") if part.output == "J" else _normalize(grad, "grad")


def _expected(part: Part, case: object, conv: Convention) -> object:
    return _predict(part, case, conv, reference_cost, reference_sigmoid_gradient)


def _explains(mistake: Mistake, part: Part, cases: Sequence, got: Sequence[_Got],
              expected: Sequence, conv: Convention) -> bool:
    """Whether the submission returned what `mistake` returns on every input of the part.

    Where the mistake would raise, an error of the submission agrees with it;
    at least one input must show an output that the mistake explains and the
    reference does not.
    """
    explained = False
    for case, g, e in zip(cases, got, expected, strict=True):
        pred = _predict(part, case, conv, mistake.impl, mistake.impl)
        if isinstance(pred, _Raises):
            if g.error is None:
                return False
            explained = explained or mistake.known_by_errors
            continue
        if g.error is not None or not _matches(g.value, pred):
            return False
        explained = explained or not _matches(g.value, e)
    return explained


def _find_mistake(part: Part, cases, got, expected, conv) -> Mistake | None:
    for mistake in MISTAKES.values():
        if (mistake.function == part.function and part.number in mistake.parts
                and _explains(mistake, part, cases, got, expected, conv)):
            return mistake
    return None


# --- running the parts ---------------------------------------------------------

def _calls(part: Part, cases: Sequence, conv: Convention) -> list[Call]:
    if part.function == "sigmoidGradient":
        return [Call("sigmoidGradient", (case.z,)) for case in cases]
    nout = 1 if part.output == "J" else 2
    calls = []
    for case in cases:
        p, sizes, X, y, lam = case.inputs(conv)
        calls.append(Call("nnCostFunction", (p, *sizes, X, y, lam), nout))
    return calls


def _run(runner, part: Part, cases: Sequence, conv: Convention,
         timeout: float) -> list[_Got]:
    outcomes = runner.run(_calls(part, cases, conv), timeout)
    return [_output(part, o, runner.language) for o in outcomes]


def _grade_part(runner, part: Part, conv: Convention, timeout: float) -> PartResult:
    missing = runner.missing(part.function)
    if missing:
        return PartResult(part, 0, missing)
    cases = sigmoid_cases() if part.function == "sigmoidGradient" else cost_cases(
        part.regularized)
    expected = [_expected(part, case, conv) for case in cases]
    try:
        got = _run(runner, part, cases, conv, timeout)
    except RunError as exc:
        return PartResult(part, 0, str(exc))
    failing = [i for i, (g, e) in enumerate(zip(got, expected, strict=True)) if _failed(g, e)]
    if not failing:
        return PartResult(part, part.points)
    # The first failing input is the one reported; the hint looks at them all.
    i = failing[0]
    message = _difference(part, cases[i], got[i], expected[i], conv)
    written = {name for g in got for name in g.changed}
    if written:
        # Named in the order of the arguments (an index beyond them comes last).
        changed = sorted(written, key=lambda n: (ARGUMENTS[part.function] + (n,)).index(n))
        return PartResult(part, 0, message, _changed_hint(part.function, changed))
    if all(_all_zeros(g, e) for g, e in zip(got, expected, strict=True)):
        return PartResult(part, 0, _template_message(part, message))
    mistake = _find_mistake(part, cases, got, expected, conv)
    if mistake is not None:
        return PartResult(part, 0, message, mistake.hint_for(conv, part.output), mistake.name)
    return PartResult(part, 0, message, _probe(runner, part, cases, conv, timeout))


def _probe(runner, part: Part, cases: Sequence, conv: Convention, timeout: float) -> str:
    """A hint from the part run again in other conventions, or '' if none gives the reference.

    Only for nnCostFunction: the layout and the labels both flipped (the other
    named convention), then the labels alone, then the layout alone.
    """
    if part.function != "nnCostFunction":
        return ""
    flip_order = "C" if conv.order == "F" else "F"
    for probe in (Convention("", flip_order, 1 - conv.first_label),
                  Convention("", conv.order, 1 - conv.first_label),
                  Convention("", flip_order, conv.first_label)):
        expected = [_expected(part, case, probe) for case in cases]
        try:
            got = _run(runner, part, cases, probe, timeout)
        except RunError:
            return ""
        if not any(_failed(g, e) for g, e in zip(got, expected, strict=True)):
            return _convention_hint(probe, conv, runner.language)
    return ""


def _convention_hint(probe: Convention, conv: Convention, language: str) -> str:
    """The hint when the part passes in `probe` instead of `conv`."""
    def order(c: Convention) -> str:
        return "column by column" if c.order == "F" else "row by row"

    def labels(c: Convention) -> str:
        return "1..K" if c.first_label == 1 else "0..K-1"

    w = hint_words(conv)
    named = [c for c in CONVENTIONS.values()
             if (c.order, c.first_label) == (probe.order, probe.first_label)]
    if probe.order != conv.order and probe.first_label != conv.first_label and named:
        who = "the Python port's" if named[0] is PYTHON_PORT else "the course's"
        text = (f"the values come out right in {who} convention (nn_params and the gradient "
                f"{order(probe)}, labels {labels(probe)}); here they are {order(conv)} and "
                f"labels run {labels(conv)}.")
        if language == "Python":
            text += f" To grade code written that way, add --convention {named[0].name}."
        return text
    if probe.order != conv.order:
        return (f"the values come out right when nn_params and the gradient are laid out "
                f"{order(probe)}; here they are laid out {w['order']}.")
    return f"the values come out right when the labels run {labels(probe)}; here {w['labels']}."


#: randInitializeWeights(L_in, L_out) calls of the check: the course's sizes and a tiny one.
INIT_SIZES = ((2, 4), (400, 25), (25, 10))


def _check_init(runner, timeout: float) -> tuple[bool, str]:
    """randInitializeWeights: the shape, small values around 0, every row different."""
    missing = runner.missing("randInitializeWeights")
    if missing:
        return False, missing
    try:
        outcomes = runner.run([Call("randInitializeWeights", s) for s in INIT_SIZES], timeout)
    except RunError as exc:
        return False, str(exc)
    values = []
    for (L_in, L_out), o in zip(INIT_SIZES, outcomes, strict=True):
        call = f"randInitializeWeights({L_in}, {L_out})"
        changed = _changed_names("randInitializeWeights", o)
        if changed:
            return False, f"{call} wrote into {_and(changed)}"
        if o.error is not None:
            return False, f"{call}: error: {o.error}"
        W = _normalize(o.values[0] if o.values else None, "")
        if not isinstance(W, np.ndarray) or W.shape != (L_out, L_in + 1):
            return False, (f"{call} returned {_describe(W)}; expected a {L_out}x{L_in + 1} "
                           "matrix (L_out x (1 + L_in), the bias column first)")
        if not np.any(W):
            return False, (f"{call} returns all zeros, the template's value (not implemented "
                           "yet?): draw every weight at random from [-epsilon, epsilon]")
        if not np.all(np.isfinite(W)):
            return False, f"{call} holds NaN or Inf"
        if np.max(np.abs(W)) > 1:
            return False, (f"{call} reaches {np.max(np.abs(W)):.3g}; start from small weights "
                           "(the course draws from [-0.12, 0.12]) or the sigmoids start "
                           "saturated")
        if len(np.unique(W, axis=0)) < W.shape[0]:
            return False, (f"{call} has two equal rows: those hidden units would learn the "
                           "same thing; draw every weight at random")
        values.append(W.ravel())
    allw = np.concatenate(values)
    if not (allw.min() < 0 < allw.max()):
        return False, ("the weights all have the same sign; draw them from [-epsilon, "
                       "epsilon], around 0")
    return True, (f"shapes right, values within +-{np.max(np.abs(allw)):.3g}, "
                  "every row different (symmetry broken)")


# --- which convention ----------------------------------------------------------

def _agreement(runner, conv: Convention, timeout: float) -> str | None:
    """Which of J and grad agree with nnvec's on every unregularized input in `conv`:
    ``'J and grad'``, ``'J'``, ``'grad'`` or ``''``; None when the calls did not run."""
    by_number = {p.number: p for p in PARTS}
    cases = cost_cases(False)
    try:
        outcomes = runner.run(_calls(by_number[4], cases, conv), timeout)
    except RunError:
        return None
    agree = []
    for part in (by_number[1], by_number[4]):
        got = [_output(part, o, runner.language) for o in outcomes]
        if not any(_failed(g, _expected(part, case, conv))
                   for g, case in zip(got, cases, strict=True)):
            agree.append(part.output)
    return " and ".join(agree)


def detect_convention(runner, timeout: float = DEFAULT_TIMEOUT) -> tuple[Convention, str]:
    """The convention a submission's nnCostFunction follows, and why: (convention, reason).

    nnCostFunction runs on the unregularized inputs of parts 1 and 4, first in
    the course's convention, then (only if neither J nor grad agreed with
    nnvec's on every input) in the Python port's. The port's is chosen only
    when J or grad agrees with nnvec's there on every input and neither did
    in the course's: a wrong solution written for the course is graded in
    the course's convention and keeps its hints. Octave files, a submission
    without nnCostFunction, and one that agrees in neither get the course's.
    """
    if runner.language != "Python":
        return COURSE, "Octave files follow the course's convention only"
    if runner.missing("nnCostFunction"):
        return COURSE, "the default: there is no nnCostFunction to tell the convention by"
    course = _agreement(runner, COURSE, timeout)
    if course is None:
        return COURSE, "the default: nnCostFunction did not run to tell the convention"
    if course:
        return COURSE, (f"detected: nnCostFunction's {course} agree with nnvec's on every "
                        "unregularized test input in it")
    port = _agreement(runner, PYTHON_PORT, timeout)
    if port:
        return PYTHON_PORT, (f"detected: nnCostFunction's {port} agree with nnvec's on every "
                             "unregularized test input with nn_params and the gradient row by "
                             "row and labels 0..K-1, and not in the course's convention; "
                             "--convention course grades it in the course's")
    return COURSE, ("the default: nnCostFunction's J and grad agree with nnvec's in neither "
                    "convention; --convention python-port grades a file written for the "
                    "Python port in its convention")


# --- the grader ----------------------------------------------------------------

class GradeUsageError(ValueError):
    """What was asked cannot be graded (a bad path or option): exit status 2."""


def open_submission(path: str | Path, convention: str | None, timeout: float):
    """The runner for `path` (an Octave folder, a .py file or a notebook), after checking
    what was asked (`convention` None: to be detected)."""
    path = Path(path)
    if convention is not None and convention not in CONVENTIONS:
        raise GradeUsageError(f"--convention must be one of {', '.join(CONVENTIONS)}, "
                              f"got {convention!r}")
    if not (timeout > 0 and math.isfinite(timeout)):
        raise GradeUsageError(f"--timeout must be a positive number of seconds, got {timeout:g}")
    if path.is_dir():
        names = [f"{p.function}.m" for p in PARTS[:3]] + ["randInitializeWeights.m"]
        if not any((path / n).is_file() for n in names):
            raise GradeUsageError(f"{path} holds none of nnCostFunction.m, sigmoidGradient.m, "
                                  "randInitializeWeights.m")
        if convention not in (None, COURSE.name):
            raise GradeUsageError("Octave solutions follow the course's convention only; "
                                  f"--convention {convention} is for .py files")
        try:
            return OctaveRunner(path)
        except ValueError as exc:
            raise GradeUsageError(f"cannot read the submission: {exc}") from None
    if path.is_file() and path.suffix == ".py":
        try:
            return PythonRunner(path, timeout)
        except ValueError as exc:
            raise GradeUsageError(f"cannot read the submission: {exc}") from None
    if path.is_file() and path.suffix == ".ipynb":
        return _open_notebook(path, timeout)
    if not path.exists():
        raise GradeUsageError(f"no such file or folder: {path}")
    raise GradeUsageError("PATH must be a folder of Octave files, a .py file or a notebook "
                          f"(.ipynb), got {path}")


def _open_notebook(path: Path, timeout: float) -> PythonRunner:
    """A runner of the definitions and imports of the notebook's code cells only
    (`nnvec.grading.notebook`), under the same isolation and limits as a .py file."""
    try:
        nb = definitions_source(path, tuple(FUNCTIONS.values()))
        runner = PythonRunner(path, timeout, source=nb.text,
                              where=lambda line: f"{path.name}, {nb.where(line)}")
    except (NotebookError, ValueError) as exc:
        raise GradeUsageError(str(exc)) from None
    cells = [str(c) for c in nb.cells]
    which = cells[0] if len(cells) == 1 else f"{', '.join(cells[:-1])} and {cells[-1]}"
    runner.files = [f"{path.name} (the definitions and imports of cell{'s' * (len(cells) > 1)} "
                    f"{which}; the cells' other statements do not run)"]
    return runner


def grade(
    path: str | Path,
    convention: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    echo: Callable[[str], None] | None = None,
) -> GradeResult:
    """Grade a submission: the five parts and the randInitializeWeights check.

    Parameters
    ----------
    path : str or Path
        A folder of Octave files, a ``.py`` file or a notebook (``.ipynb``: the
        definitions and imports of its code cells, `nnvec.grading.notebook`).
    convention : {'course', 'python-port'} or None
        How the submission lays out parameters and numbers labels; Octave
        folders take 'course' only. None (default): detected
        (`detect_convention`), and the report's ``Convention:`` line says how.
    timeout : float
        Seconds each part may take (Octave's start included), and the import of a
        .py file.
    echo : callable, optional
        Called with each report line as soon as it is known.

    Returns
    -------
    GradeResult
        ``result.lines()`` is the report, ``result.exit_status`` 0 at 100 / 100.

    Raises
    ------
    GradeUsageError
        A bad path or option. FileNotFoundError when Octave is missing.
    """
    with interrupt_on_termination():
        runner = open_submission(path, convention, timeout)
        try:
            return grade_open(runner, path, convention, timeout, echo)
        finally:
            runner.close()


def grade_open(runner, path: str | Path, convention: str | None, timeout: float,
               echo: Callable[[str], None] | None) -> GradeResult:
    """`grade` with a runner already open; `path` names the submission in the title.

    The convention is detected when None (`detect_convention`); the title's
    lines and the report's go to `echo`.
    """
    if convention is not None and convention not in CONVENTIONS:
        raise GradeUsageError(f"convention must be one of {', '.join(CONVENTIONS)}, "
                              f"got {convention!r}")
    if convention is None:
        conv, reason = detect_convention(runner, timeout)
    else:
        conv, reason = CONVENTIONS[convention], "given by --convention"
    title = (f"Grading {Path(path)} ({runner.language}, the {_convention_name(conv)})\n"
             f"Files graded: {', '.join(runner.files)}\n"
             f"Isolation: {runner.sandbox.description}\n"
             f"Convention: {conv.name} ({reason})")
    result = grade_with(runner, conv, timeout, echo, title)
    result.convention, result.convention_reason = conv.name, reason
    return result


def grade_with(runner, conv: Convention, timeout: float,
               echo: Callable[[str], None] | None = None, title: str = "") -> GradeResult:
    """`grade` with a runner already open (anything with ``language``, ``missing`` and ``run``).

    The tests pass runners of their own here; `grade` passes an
    `~nnvec.grading.submission.OctaveRunner` or `~nnvec.grading.submission.PythonRunner`.
    """
    say = echo or (lambda line: None)
    for line in title.splitlines():
        say(line)
    result = GradeResult(convention=conv.name)
    for part in PARTS:
        try:
            r = _grade_part(runner, part, conv, timeout)
        except Exception as exc:  # a fault of the grader's: report it, grade the other parts
            r = PartResult(part, 0, f"nnvec grade could not check this part (an internal "
                                    f"error; please report it): {type(exc).__name__}: {exc}")
        result.parts.append(r)
        say(r.line())
    try:
        result.init_passed, result.init_message = _check_init(runner, timeout)
    except Exception as exc:  # as above
        result.init_message = f"not checked (an internal error): {type(exc).__name__}: {exc}"
    say(result.init_line())
    say(f"Total: {result.total} / 100")
    return result


def _convention_name(conv: Convention) -> str:
    return ("course's convention: column-major unrolling, labels 1..K" if conv is COURSE
            else "Python port's convention: row-major unrolling, labels 0..K-1")
