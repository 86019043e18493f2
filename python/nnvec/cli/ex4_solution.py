"""The student's functions in the walk-through: ``nnvec ex4 --solution FILE``.

`load_solution` reads a .py file (imported, as ``python ex4.py`` would run
it) or a notebook (only the definitions and imports of its code cells, as
``nnvec grade`` reads one: `nnvec.grading.notebook`), finds nnCostFunction,
sigmoidGradient, randInitializeWeights and predict by the course's names or
their snake_case twins, and detects the convention with the grader's
`nnvec.grading.grade.detect_convention`. `Solution` calls them in that
convention and prints a ``Yours:`` line beside each of nnvec's values.

Unlike ``nnvec grade``, the functions run in this process, without a
sandbox or a time limit: the walk-through calls nnCostFunction a hundred
times on the whole data set (5000 x 400) while training, which the grader's
child process (numbers as JSON, one call at a time) would make slow; and the
student runs their own code on purpose, as the course's ``ex4.m`` calls the
``nnCostFunction`` first on the path. Grade untrusted code with ``nnvec grade``.
"""

from __future__ import annotations

import importlib.util
import sys
import traceback
import types
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from ..core.conventions import CONVENTIONS, Convention, reorder_params
from ..grading.grade import detect_convention
from ..grading.grade_worker import FUNCTIONS, encode
from ..grading.notebook import NotebookError, definitions_source
from ..grading.submission import Call, Outcome
from .errors import UsageError

__all__ = ["Solution", "load_solution"]

#: The functions the walk-through runs, each with its accepted names.
WALKED = {**FUNCTIONS, "predict": ("predict",)}


#: For a notebook: its path -> how line N of the source built from it is named
#: (``'cell 3, line 2'``, `nnvec.grading.notebook.NotebookSource.where`).
_NOTEBOOK_LINES: dict[str, Callable[[int], str]] = {}


def _error(exc: BaseException, path: Path) -> str:
    """``'TypeError: ... (file.py, line 7)'``: the error with the deepest line of `path`
    (a notebook's: ``(nb.ipynb, cell 3, line 2)``)."""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == str(path):
            line = frame.lineno
    text = (f"{type(exc).__name__}: {exc}".strip().splitlines() or [type(exc).__name__])[0]
    if not line:
        return text
    where = _NOTEBOOK_LINES.get(str(path))
    return f"{text} ({path.name}, {where(line) if where else f'line {line}'})"


class _InProcess:
    """The grader's runner interface (``language``, ``missing``, ``run``) over functions here,
    for `detect_convention`."""

    language = "Python"

    def __init__(self, functions: dict[str, Callable], path: Path) -> None:
        self.functions, self.path = functions, path

    def missing(self, function: str) -> str | None:
        return None if function in self.functions else f"no {function}"

    def run(self, calls: Sequence[Call], timeout: float) -> list[Outcome]:
        del timeout  # in this process: no limit (see the module's notes)
        from ..grading.grade_worker import decode

        out = []
        for call in calls:
            args = [np.copy(a) if isinstance(a, np.ndarray) else a for a in call.args]
            try:
                value = self.functions[call.function](*args)
            except Exception as exc:
                out.append(Outcome(error=_error(exc, self.path)))
                continue
            value = decode(encode(value))  # the values as the grader reads them
            if call.nout > 1 and isinstance(value, list):
                out.append(Outcome(values=list(value)))
            else:
                out.append(Outcome(values=[value]))
        return out


@dataclass
class Solution:
    """The student's functions, in their convention, and how to print them beside nnvec's."""

    path: Path
    functions: dict[str, Callable]
    names: dict[str, str]  # course name -> the name it has in the file
    conv: Convention
    reason: str

    def header(self) -> list[str]:
        found = [c if n == c else f"{c} (as {n})" for c, n in self.names.items()]
        absent = [c for c in WALKED if c not in self.names]
        lines = [f"Running your functions from {self.path.name} (convention {self.conv.name}: "
                 f"{self.reason})",
                 f"Yours: {', '.join(found)}"]
        if absent:
            lines.append(f"Not in {self.path.name}, so nnvec's: {', '.join(absent)}")
        return lines

    def has(self, function: str) -> bool:
        return function in self.functions

    def call(self, function: str, *args: object) -> tuple[object, str | None]:
        """``(value, None)`` or ``(None, 'error: ...')``."""
        try:
            return self.functions[function](*args), None
        except Exception as exc:  # the student's error is shown, the walk-through goes on
            return None, f"error: {_error(exc, self.path)}"

    def params(self, nn_params: NDArray[np.float64], sizes: Sequence[int]) -> NDArray:
        """nnvec's (course-order) parameters in the student's order."""
        return reorder_params(nn_params, sizes, "F", self.conv.order)

    def labels(self, y: NDArray) -> NDArray[np.int64]:
        """nnvec's labels 1..K in the student's numbering, as integers."""
        return np.asarray(y, dtype=np.int64) - 1 + self.conv.first_label

    def cost(self, nn_params: NDArray, sizes: Sequence[int], X: NDArray, y: NDArray,
             lambda_: float) -> tuple[float | None, str]:
        """The student's J at nnvec's parameters, and the text of the ``Yours:`` line."""
        value, err = self.call("nnCostFunction", self.params(nn_params, sizes), *sizes, X,
                               self.labels(y), lambda_)
        if err is not None:
            return None, err
        J = value[0] if isinstance(value, (tuple, list)) else value
        try:
            return float(np.asarray(J, dtype=np.float64).reshape(())), ""
        except (TypeError, ValueError):
            return None, f"J is {type(J).__name__}, not one number"


def say_yours(text: str, expected: object, got: object, close: bool | None = None) -> None:
    """``Yours: <text> (nnvec's: <expected>): agrees`` (or differs)."""
    if close is None:
        close = bool(np.allclose(got, expected, rtol=1e-6, atol=1e-9))
    print(f"Yours: {text} (nnvec's: {expected}): {'agrees' if close else 'DIFFERS'}")


def _module_from(path: Path) -> types.ModuleType:
    """The student's file as a module: a .py imported; a notebook's definitions only."""
    name = f"nnvec_ex4_solution_{abs(hash(str(path)))}"
    module = types.ModuleType(name)
    module.__file__ = str(path)
    sys.path.insert(0, str(path.parent))  # the modules beside it
    try:
        if path.suffix == ".ipynb":
            nb = definitions_source(path, tuple(FUNCTIONS.values()))
            _NOTEBOOK_LINES[str(path)] = nb.where
            exec(compile(nb.text, str(path), "exec"), module.__dict__)
            return module
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise UsageError(f"--solution: cannot import {path}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module
    except NotebookError as exc:
        raise UsageError(f"--solution: {exc}") from None
    except (Exception, SystemExit) as exc:  # the student's import-time error
        raise UsageError(f"--solution: {path.name} could not be imported: "
                         f"{_error(exc, path)}") from None


def load_solution(file: str, convention: str | None = None) -> Solution:
    """The student's functions in `file` (.py or .ipynb) and their convention (`convention`,
    else detected).

    Raises
    ------
    UsageError
        No such file, not .py or .ipynb, an import error, or no nnCostFunction.
    """
    path = Path(file)
    if not path.is_file():
        raise UsageError(f"--solution: no such file: {file}")
    if path.suffix not in (".py", ".ipynb"):
        raise UsageError(f"--solution must be a .py file or a notebook (.ipynb), got {file}")
    path = path.resolve()
    module = _module_from(path)
    functions, names = {}, {}
    for course, accepted in WALKED.items():
        for name in accepted:
            if callable(getattr(module, name, None)):
                functions[course], names[course] = getattr(module, name), name
                break
    if "nnCostFunction" not in functions:
        raise UsageError(f"--solution: {path.name} defines no function nnCostFunction or "
                         "nn_cost_function")
    if convention is not None:
        conv, reason = CONVENTIONS[convention], "given by --convention"
    else:
        conv, reason = detect_convention(_InProcess(functions, path))
    return Solution(path, functions, names, conv, reason)
