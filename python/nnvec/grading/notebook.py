"""A Jupyter notebook read as the Python file of its definitions (``nnvec grade NB.ipynb``).

Only three kinds of top-level statements of the code cells are kept, in the
cells' order:

- ``def`` (and ``async def``), with their decorators;
- ``import`` and ``from ... import``;
- assignments of a literal to plain names (``EPSILON = 0.12``, ``K: int = 10``,
  ``A, B = 1, 2``): `ast.literal_eval` must read the value, so nothing is
  called; a default argument or a function may use such a constant.

Everything else (a call, a training loop, ``input()``, a class, an ``if`` or
``with`` block, an assignment of a computed value) is left out and never runs:
a notebook's cells may train for minutes or wait for the keyboard. IPython's
own syntax does not parse as Python: in a cell that does not parse as it is, these
lines are blanked (left out): a line
starting with ``%``, ``!`` or ``?`` (``%matplotlib inline``, ``!pip install``),
one ending with ``?`` (``np.mean?``), an assignment of one (``files = !ls``),
and a cell whose first line is a cell magic (``%%time``, ``%%bash``), whole.

The kept statements keep their lines: the source built here has every cell's
lines at known places (`NotebookSource.where`), so an error in the student's
function is reported as ``exercise4.ipynb, cell 3, line 7`` (cells are counted
from 1 in the notebook, markdown cells included, as one scrolls through it).

The notebook is read as JSON (nbformat 4, or 3's ``worksheets``); nbformat is not
needed. A notebook that is not JSON, a code cell with a syntax error, or one
that defines none of the graded functions is a `NotebookError`, one line naming
the file (and the cell).
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["NotebookError", "NotebookSource", "definitions_source", "read_notebook"]

# A line of IPython's syntax: a magic, a shell command, a help request, or an
# assignment of one (``x = !ls``, ``t = %timeit -o f()``).
_IPYTHON_LINE = re.compile(r"^\s*([%!?]|[\w.,\s()\[\]]+=\s*[%!])|\?\s*$")
#: The largest notebook read (bytes).
MAX_NOTEBOOK_BYTES = 50_000_000


class NotebookError(ValueError):
    """A notebook that cannot be read or graded: the message is one line naming it."""


@dataclass
class NotebookSource:
    """The definitions of a notebook as one Python source, and where each line came from.

    Attributes
    ----------
    text : str
        The source: each code cell's kept statements on their own lines,
        everything else blank.
    lines : list of (int, int)
        For line ``i + 1`` of `text`, the cell (counted from 1) and the line in it.
    cells : list of int
        The cells that gave at least one statement.
    defined : list of str
        The names of the functions defined, in order.
    """

    text: str
    lines: list[tuple[int, int]] = field(default_factory=list)
    cells: list[int] = field(default_factory=list)
    defined: list[str] = field(default_factory=list)

    def where(self, line: int) -> str:
        """``'cell 3, line 7'`` for line `line` (from 1) of `text`."""
        if 1 <= line <= len(self.lines):
            cell, at = self.lines[line - 1]
            return f"cell {cell}, line {at}"
        return f"line {line}"


def read_notebook(path: str | Path) -> list[tuple[int, str, str]]:
    """The cells of the notebook at `path`: (number from 1, cell type, source text).

    Raises
    ------
    NotebookError
        The file cannot be read, is not JSON, or is not a notebook.
    """
    path = Path(path)
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            raise NotebookError(f"{path}: the notebook takes {path.stat().st_size} bytes, over "
                                f"the limit of {MAX_NOTEBOOK_BYTES}")
        data = json.loads(path.read_bytes())
    except OSError as exc:
        raise NotebookError(f"{path}: cannot read the notebook: {exc.strerror or exc}") from None
    except ValueError as exc:  # json.JSONDecodeError and UnicodeDecodeError
        raise NotebookError(f"{path}: not a notebook: the file is not valid JSON ({exc})") \
            from None
    cells = data.get("cells") if isinstance(data, dict) else None
    if cells is None and isinstance(data, dict):  # nbformat 3
        sheets = data.get("worksheets")
        if isinstance(sheets, list):
            cells = [c for s in sheets if isinstance(s, dict) for c in s.get("cells", [])]
    if not isinstance(cells, list):
        raise NotebookError(f"{path}: not a notebook: no list of cells in the JSON")
    out = []
    for i, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict):
            raise NotebookError(f"{path}: not a notebook: cell {i} is not a JSON object")
        source = cell.get("source", cell.get("input", ""))
        if isinstance(source, list):
            source = "".join(s for s in source if isinstance(s, str))
        if not isinstance(source, str):
            raise NotebookError(f"{path}: not a notebook: the source of cell {i} is not text")
        out.append((i, str(cell.get("cell_type", "")), source))
    return out


def _without_ipython(source: str) -> list[str]:
    """The cell's lines, with IPython's syntax blanked if the cell does not parse as it is
    (a cell magic blanks the whole cell): a docstring line ending with ``?`` stays."""
    lines = source.split("\n")
    if lines and lines[0].lstrip().startswith("%%"):
        return [""] * len(lines)
    try:
        ast.parse(source)
    except SyntaxError:
        return ["" if _IPYTHON_LINE.search(s) else s for s in lines]
    except (ValueError, MemoryError, RecursionError):  # a null byte, a huge nesting
        pass
    return lines


def _kept(node: ast.stmt) -> bool:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Import, ast.ImportFrom)):
        return True
    if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        names = all(isinstance(t, ast.Name) or (isinstance(t, ast.Tuple) and all(
            isinstance(e, ast.Name) for e in t.elts)) for t in targets)
        try:
            ast.literal_eval(node.value)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return False
        return names
    return False


def _first_line(node: ast.stmt) -> int:
    decorators = getattr(node, "decorator_list", [])
    return min([node.lineno] + [d.lineno for d in decorators])


def definitions_source(path: str | Path, graded: Sequence[Sequence[str]] = ()) -> NotebookSource:
    """The Python source of the definitions and imports of the notebook at `path`.

    Parameters
    ----------
    path : str or Path
    graded : sequence of sequences of str
        The graded functions, each as its accepted names; when given, a
        notebook that defines none of them is an error.

    Raises
    ------
    NotebookError
        Not a notebook, a code cell that does not parse (its number), or none
        of `graded` defined.
    """
    path = Path(path)
    text: list[str] = []
    where: list[tuple[int, int]] = []
    used: list[int] = []
    defined: list[str] = []
    for number, kind, source in read_notebook(path):
        if kind != "code":
            continue
        lines = _without_ipython(source)
        try:
            tree = ast.parse("\n".join(lines), filename=f"cell {number}")
        except (SyntaxError, ValueError) as exc:  # ValueError: a null byte
            at = f", line {exc.lineno}" if getattr(exc, "lineno", None) else ""
            raise NotebookError(f"{path}: cell {number}{at}: {getattr(exc, 'msg', exc)}: the "
                                "cell is not Python, so its definitions cannot be graded") \
                from None
        out = [""] * len(lines)
        kept = False
        for node in tree.body:
            if not _kept(node):
                continue
            kept = True
            first, last = _first_line(node), node.end_lineno or node.lineno
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                defined.append(node.name)
            if first == last:
                # One line, maybe shared with a statement left out (``import os; run()``):
                # only this statement's own text.
                segment = ast.get_source_segment("\n".join(lines), node) or ""
                prev = out[first - 1]
                out[first - 1] = f"{prev}; {segment}" if prev else segment
            else:  # a compound statement starts its line (``def`` cannot follow ``;``)
                out[first - 1:last] = lines[first - 1:last]
        if kept:
            used.append(number)
        text.extend(out)
        where.extend((number, i) for i in range(1, len(out) + 1))
    if graded and not any(name in defined for names in graded for name in names):
        wanted = ", ".join(" or ".join(names) for names in graded)
        raise NotebookError(f"{path}: no code cell defines {wanted}")
    return NotebookSource("\n".join(text) + "\n", where, used, defined)
