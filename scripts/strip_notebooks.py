"""Strip the outputs of notebooks before they are committed: ``make notebooks-clean``.

Usage: ``python scripts/strip_notebooks.py [NOTEBOOK ...]`` (default: every
``notebooks/*.ipynb``). Each code cell loses its outputs and execution count;
the notebook loses its widget state and each cell its execution timing, so a
notebook run in Jupyter and saved is committed exactly as written.
``tests/test_notebooks.py`` fails on a notebook committed with outputs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]


def strip(path: Path) -> bool:
    """Strip `path` in place; True when it changed."""
    nb = nbformat.read(path, as_version=4)
    before = nbformat.writes(nb)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    after = nbformat.writes(nb)
    if after != before:
        nbformat.write(nb, path)
    return after != before


def main(argv: list[str]) -> int:
    if argv and argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    paths = [Path(a) for a in argv] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        if not path.is_file():
            print(f"strip_notebooks: no such notebook: {path}", file=sys.stderr)
            return 2
        if strip(path):
            print(f"stripped {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
