"""``nnvec.grade_functions(nnCostFunction=...)``: grade functions passed directly (a notebook's).

The functions never run in the caller's process: they travel by value to the
grader's child process (`nnvec.grading.submission.PythonRunner`, the same
isolation and time limits as a .py file) and are called there.

- With cloudpickle installed (``pip install nnvec[notebook]``), each function is
  pickled by value (with the notebook's globals it uses, its closures, its
  helpers); a function of a module outside the installed packages (the
  student's own .py) is pickled by value too, since the child could not import it.
- Without it, or with ``transport='source'``, each function's source
  (`inspect.getsource`) travels, with what it names from its module's globals:
  the modules (as imports), the functions of the same module or notebook (their
  source, in turn), the constants (numbers, strings, tuples of them); a function
  of an installed package, as an import. A lambda or a function without source
  cannot travel this way (a TypeError names it).

The child rebinds each function to the course's name (``nnCostFunction =
my_cost``) and the grading is `nnvec.grading.grade`'s, the convention detected
unless given.
"""

from __future__ import annotations

import base64
import inspect
import shutil
import sys
import sysconfig
import tempfile
import textwrap
import types
from collections.abc import Callable
from pathlib import Path

from .grade import DEFAULT_TIMEOUT, GradeUsageError, grade_open
from .grade_worker import FUNCTIONS
from .results import GradeResult
from .sandbox import interrupt_on_termination
from .submission import PythonRunner

__all__ = ["TRANSPORTS", "grade_functions"]

#: How the functions travel: 'auto' (cloudpickle when installed, else 'source').
TRANSPORTS = ("auto", "cloudpickle", "source")
#: Every accepted keyword -> the course's name.
_NAMES = {name: course for course, names in FUNCTIONS.items() for name in names}
_CONSTANTS = (int, float, complex, str, bytes, bool, type(None))


def _installed(module: types.ModuleType | None) -> bool:
    """Whether `module` comes from the standard library or an installed package."""
    file = getattr(module, "__file__", None)
    if module is None or file is None:
        return module is not None and module.__name__ != "__main__"
    roots = {sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")}
    resolved = str(Path(file).resolve())
    return any(resolved.startswith(str(Path(r).resolve())) for r in roots)


def _constant(v: object) -> bool:
    return isinstance(v, _CONSTANTS) or (isinstance(v, tuple) and all(_constant(x) for x in v))


def _names_used(code: types.CodeType) -> set[str]:
    """The global names `code` and the code nested in it refer to."""
    names = set(code.co_names)
    for c in code.co_consts:
        if isinstance(c, types.CodeType):
            names |= _names_used(c)
    return names


class _SourceBuilder:
    """The source of some functions and of what they use from their globals."""

    def __init__(self) -> None:
        self.head: list[str] = []  # imports and constants
        self.body: list[tuple[str, str, int]] = []  # (source, file name, first line)
        self.done: set[int] = set()
        self.bound: set[str] = set()

    def add_function(self, fn: Callable, what: str) -> str:
        """Add `fn` (and what it uses); the name it is defined under."""
        if id(fn) in self.done:
            return fn.__name__
        if not isinstance(fn, types.FunctionType) or fn.__name__ == "<lambda>":
            raise TypeError(f"grade_functions: {what} must be a function defined with def for "
                            f"its source to travel, got {fn!r}; install cloudpickle to send "
                            "it by value")
        try:
            lines, start = inspect.getsourcelines(fn)
        except (OSError, TypeError):
            raise TypeError(f"grade_functions: the source of {what} ({fn.__name__}) cannot be "
                            "read; install cloudpickle to send it by value") from None
        self.done.add(id(fn))
        self.bound.add(fn.__name__)
        source = textwrap.dedent("".join(lines))
        file = Path(inspect.getsourcefile(fn) or "?").name
        self.body.append((source, file, start))
        self._add_globals(fn)
        return fn.__name__

    def _add_globals(self, fn: types.FunctionType) -> None:
        for name in sorted(_names_used(fn.__code__)):
            if name in self.bound or name not in fn.__globals__:
                continue
            v = fn.__globals__[name]
            if isinstance(v, types.ModuleType):
                self.bound.add(name)
                self.head.append(f"import {v.__name__}" if v.__name__ == name
                                 else f"import {v.__name__} as {name}")
            elif isinstance(v, types.FunctionType):
                module = inspect.getmodule(v)
                if v.__module__ == fn.__module__ or not _installed(module):
                    self.add_function(v, name)
                    if v.__name__ != name:
                        self.body.append((f"{name} = {v.__name__}\n", "", 0))
                        self.bound.add(name)
                else:
                    self.bound.add(name)
                    self.head.append(f"from {v.__module__} import {v.__name__} as {name}")
            elif callable(v) and getattr(v, "__module__", None) and _installed(
                    inspect.getmodule(v)):
                self.bound.add(name)  # a numpy ufunc, a builtin of a package
                self.head.append(f"from {v.__module__} import {getattr(v, '__name__', name)} "
                                 f"as {name}")
            elif _constant(v):
                self.bound.add(name)
                self.head.append(f"{name} = {v!r}")

    def text(self, tail: list[str]) -> tuple[str, list[tuple[str, int]]]:
        """The source, and for each of its lines (from 1) the file and line it came from."""
        lines: list[str] = []
        where: list[tuple[str, int]] = []
        for line in self.head:
            lines.append(line)
            where.append(("", 0))
        for source, file, start in self.body:
            for i, line in enumerate(source.splitlines()):
                lines.append(line)
                where.append((file, start + i if start else 0))
        lines.extend(tail)
        where.extend([("", 0)] * len(tail))
        return "\n".join(lines) + "\n", where


def _pickled_source(functions: dict[str, Callable]) -> str:
    import cloudpickle

    registered = []
    try:
        for fn in functions.values():
            module = inspect.getmodule(fn)
            if (module is not None and module.__name__ != "__main__" and not _installed(module)
                    and module.__name__ not in registered):
                try:
                    cloudpickle.register_pickle_by_value(module)
                except ValueError:  # not in sys.modules under its name
                    continue
                registered.append(module.__name__)
        lines = ["import base64", "import cloudpickle"]
        for course, fn in functions.items():
            data = base64.b64encode(cloudpickle.dumps(fn)).decode()
            lines.append(f"{course} = cloudpickle.loads(base64.b64decode('{data}'))")
    finally:
        for name in registered:
            cloudpickle.unregister_pickle_by_value(sys.modules[name])
    return "\n".join(lines) + "\n"


def _transport(transport: str) -> str:
    if transport not in TRANSPORTS:
        raise ValueError(f"grade_functions: transport must be one of {', '.join(TRANSPORTS)}, "
                         f"got {transport!r}")
    if transport != "auto":
        return transport
    try:
        import cloudpickle  # noqa: F401
    except ImportError:
        return "source"
    return "cloudpickle"


def grade_functions(
    *,
    convention: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    transport: str = "auto",
    echo: Callable[[str], None] | None = print,
    **functions: Callable,
) -> GradeResult:
    """Grade functions passed directly, in a child process: the five parts and the init check.

    Parameters
    ----------
    convention : {'course', 'python-port'} or None
        None (default): detected from what nnCostFunction returns.
    timeout : float
        Seconds each part may take.
    transport : {'auto', 'cloudpickle', 'source'}
        How the functions reach the child (see the module's notes).
    echo : callable or None, default print
        Called with each report line; None to print nothing (``result.lines()``
        holds them).
    **functions : callable
        ``nnCostFunction=``, ``sigmoidGradient=``, ``randInitializeWeights=``,
        or their snake_case names (``nn_cost_function=`` ...).

    Returns
    -------
    GradeResult

    Raises
    ------
    TypeError
        An unknown keyword, a value that is not callable, or (``'source'``) a
        function whose source cannot be read.
    ValueError
        No function, a function given twice, a bad option.

    Examples
    --------
    >>> result = nnvec.grade_functions(nnCostFunction=nnCostFunction,  # doctest: +SKIP
    ...                                sigmoidGradient=sigmoidGradient,
    ...                                randInitializeWeights=randInitializeWeights)
    """
    chosen: dict[str, Callable] = {}
    for key, fn in functions.items():
        if key not in _NAMES:
            raise TypeError(f"grade_functions: unknown function {key!r}; the graded ones are "
                            f"{', '.join(n for names in FUNCTIONS.values() for n in names)}")
        if not callable(fn):
            raise TypeError(f"grade_functions: {key} must be a function, got {fn!r}")
        course = _NAMES[key]
        if course in chosen:
            raise ValueError(f"grade_functions: {course} given twice (as {course} and its "
                             "snake_case name)")
        chosen[course] = fn
    if not chosen:
        raise ValueError("grade_functions: no function given; pass nnCostFunction=..., "
                         "sigmoidGradient=..., randInitializeWeights=...")
    how = _transport(transport)
    where: Callable[[int], str] | None = None
    if how == "cloudpickle":
        source = _pickled_source(chosen)
    else:
        builder = _SourceBuilder()
        tail = []
        for course, fn in chosen.items():
            name = builder.add_function(fn, course)
            if name != course:
                tail.append(f"{course} = {name}")
        source, lines = builder.text(tail)

        def where(line: int) -> str:
            file, at = lines[line - 1] if 1 <= line <= len(lines) else ("", 0)
            return f"{file}, line {at}" if file else f"line {line} of the source sent"
    tmp = Path(tempfile.mkdtemp(prefix="nnvec-functions-"))
    try:
        with interrupt_on_termination():
            runner = PythonRunner(tmp / "grade_functions", timeout, source=source, where=where)
            names = ", ".join(f"{course}={getattr(fn, '__name__', '?')}"
                              for course, fn in chosen.items())
            runner.files = [f"{names} (sent by {how})"]
            runner.label = "the functions passed"
            runner.only = frozenset(chosen)  # a helper named sigmoidGradient is not graded
            try:
                return grade_open(runner, "the functions passed to nnvec.grade_functions",
                                  convention, timeout, echo)
            finally:
                runner.close()
    except GradeUsageError as exc:
        raise ValueError(f"grade_functions: {exc}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
