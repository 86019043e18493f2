"""The notebooks in notebooks/: committed clean, and run headless from the first cell to the last.

Each notebook runs in its kernel (``python3``: ipykernel; ``octave``:
octave_kernel, both installed into the venv by ``make setup``) through
nbclient, in a folder of its own, with a time limit per cell; a failing cell
fails the test with the cell's source and its error. The venv's ``bin`` is
put first on the kernels' PATH, as an activated venv does, so ``nnvec`` (the
Octave notebook's ``system('nnvec octave-path')``) is this nnvec; and
octave_kernel reads the repository's settings (notebooks/jupyter/), which
``make setup`` copies into the venv.
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT

NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
SETTINGS = NOTEBOOK_DIR / "jupyter" / "octave_kernel_config.py"
CELL_TIMEOUT = 120  # seconds; each notebook as a whole takes well under a minute
KERNELS = {"ex4_python.ipynb": "python3", "ex4_octave.ipynb": "octave"}


def _read(path: Path):
    return nbformat.read(path, as_version=4)


def test_the_notebooks_are_there():
    assert sorted(p.name for p in NOTEBOOKS) == sorted(KERNELS)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    """Outputs stripped (``make notebooks-clean``): no outputs, no execution counts."""
    nb = _read(path)
    dirty = [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code"
             and (cell.get("outputs") or cell.get("execution_count") is not None)]
    assert dirty == [], f"{path.name}: cells {dirty} have outputs: run `make notebooks-clean`"
    assert nb.metadata.kernelspec.name == KERNELS[path.name]
    nbformat.validate(nb)


def test_the_strip_script_cleans_an_executed_notebook(tmp_path):
    nb = _read(NOTEBOOKS[0])
    cell = next(c for c in nb.cells if c.cell_type == "code")
    cell.execution_count = 3
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hi\n")]
    nb.metadata["widgets"] = {"state": {}}
    dirty = tmp_path / "dirty.ipynb"
    nbformat.write(nb, dirty)
    subprocess.run([sys.executable, str(ROOT / "scripts" / "strip_notebooks.py"), str(dirty)],
                   check=True, capture_output=True, timeout=60)
    clean = _read(dirty)
    assert all(c.get("outputs", []) == [] and c.get("execution_count") is None
               for c in clean.cells if c.cell_type == "code")
    assert "widgets" not in clean.metadata
    assert [c.source for c in clean.cells] == [c.source for c in _read(NOTEBOOKS[0]).cells]


def test_make_setup_installs_the_kernels_and_the_settings():
    from jupyter_client.kernelspec import KernelSpecManager

    specs = KernelSpecManager().find_kernel_specs()
    assert {"python3", "octave"} <= set(specs), specs
    installed = Path(sys.prefix) / "etc" / "jupyter" / SETTINGS.name
    assert installed.is_file(), f"{installed} is missing: run `make setup`"
    assert filecmp.cmp(installed, SETTINGS, shallow=False), f"{installed}: run `make setup`"


def _run(path: Path, where: Path, monkeypatch, extra=()) -> object:
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(SETTINGS.parent))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = _read(path)
    nb.cells.extend(extra)
    client = NotebookClient(nb, kernel_name=KERNELS[path.name], timeout=CELL_TIMEOUT,
                            startup_timeout=120, resources={"metadata": {"path": str(where)}})
    try:
        client.execute()
    except CellExecutionError as exc:  # the cell's source and its error, not nbclient's frames
        pytest.fail(f"{path.name}: {exc}", pytrace=False)
    return nb


def _text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                parts.append(out.text)
            elif "data" in out and "text/plain" in out.data:
                parts.append(out.data["text/plain"])
    return "\n".join(parts)


def _images(nb) -> int:
    return sum(1 for cell in nb.cells for out in cell.get("outputs", [])
               if "data" in out and ({"image/png", "image/svg+xml"} & set(out.data)))


def _errors(nb) -> list[str]:
    return [out.get("text", "") for cell in nb.cells for out in cell.get("outputs", [])
            if out.output_type == "stream" and out.name == "stderr"]


@pytest.mark.slow
def test_the_python_notebook_runs(tmp_path, monkeypatch):
    nb = _run(NOTEBOOK_DIR / "ex4_python.ipynb", tmp_path, monkeypatch)
    text = _text(nb)
    assert "Total: 100 / 100" in text
    assert "the backprop gradient agrees" in text  # the student's function
    assert "the backprop gradient disagrees" in text  # the buggy one
    assert _images(nb) >= 4
    assert (tmp_path / "ex4_solution.py").is_file()
    assert _errors(nb) == []


@pytest.mark.slow
def test_the_octave_notebook_runs(tmp_path, monkeypatch):
    probe = nbformat.v4.new_code_cell("fprintf('argv: %s\\n', strjoin(argv()', ' '));")
    nb = _run(NOTEBOOK_DIR / "ex4_octave.ipynb", tmp_path, monkeypatch, extra=[probe])
    text = _text(nb)
    assert f"is a function from the file {ROOT / 'octave' / 'nnCostFunction.m'}" in text
    assert "the backprop gradient agrees" in text  # the course's nnCostFunction
    assert "the backprop gradient disagrees" in text  # the buggy one defined in a cell
    assert "on the training digits" in text
    assert "initial_params: 10285 x 1" in text
    assert len(text.splitlines()) < 300, "a cell printed a whole matrix"
    assert "warning:" not in text and "error:" not in text
    assert _images(nb) >= 3  # displayData twice (PNG), the cost curve (SVG)
    assert list(tmp_path.iterdir()) == [], "the notebook wrote files"
    assert _errors(nb) == []
    # octave_kernel started Octave with the settings' options (no history, no startup files).
    argv = next(line for line in text.splitlines() if line.startswith("argv: ")).split()
    assert {"--no-history", "--norc"} <= set(argv), argv
