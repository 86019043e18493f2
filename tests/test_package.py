"""The package outside the checkout: a wheel carries the Octave files and the data.

``nnvec.resources`` finds ``octave/`` and ``data/``: in the repository as the
checkout's top-level folders (no links in the tree), in a wheel inside the
package, copied in by the build (hatchling's ``force-include``). The slow test
builds a wheel from a copy of the working tree, installs it into a fresh venv
and runs the command line from a folder that has nothing to do with the
checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import nnvec
import pytest
from conftest import DATA_DIR, OCTAVE_DIR, ROOT
from nnvec import cli, resources

# Set by a user or a test to point nnvec elsewhere: cleared for the installed runs.
NNVEC_ENV = ("NNVEC_DATA_DIR", "NNVEC_OUT_DIR", "NNVEC_OCTAVE_DIR", "NNVEC_FASHION_MNIST_DIR",
             "PYTHONPATH", "VIRTUAL_ENV")
# Not copied for the build: the venv, caches, outputs and earlier builds.
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", "build", "dist", "out", "*.egg-info",
                                    "__pycache__", ".pytest_cache", ".ruff_cache",
                                    ".hypothesis", "bench")


def test_checkout_resources_are_the_repository_folders():
    assert resources.octave_dir() == OCTAVE_DIR.resolve()
    assert resources.data_dir() == DATA_DIR.resolve()
    # No symbolic link in the tracked tree: every file exists once for grep.
    tracked = subprocess.run(["git", "ls-files", "-s"], cwd=ROOT, capture_output=True,
                             text=True, check=False)
    if tracked.returncode == 0:
        links = [line.split("\t")[1] for line in tracked.stdout.splitlines()
                 if line.startswith("120000 ")]
        assert links == []


def test_version_in_process(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"nnvec {nnvec.__version__}\n"
    assert resources.version() == metadata.version("nnvec") == nnvec.__version__


def _run(args: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in NNVEC_ENV}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)


def _ok(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, f"{done.args}: exit {done.returncode}\n{done.stderr}"
    return done.stdout


def _line(out: str, start: str) -> str:
    lines = [t for t in out.splitlines() if t.startswith(start)]
    assert len(lines) == 1, out
    return lines[0]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from a copy of the working tree."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    shutil.copytree(ROOT, src, symlinks=True, ignore=NOT_COPIED)
    _ok(_run([sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "-q",
              "-w", str(tmp / "dist")], cwd=tmp))
    (built,) = (tmp / "dist").glob("nnvec-*.whl")
    return built


@pytest.mark.slow
def test_wheel_carries_octave_and_data_as_real_files(wheel):
    with zipfile.ZipFile(wheel) as whl:
        infos = {i.filename: i for i in whl.infolist()}
        wanted = ([f"nnvec/octave/{p.name}" for p in OCTAVE_DIR.glob("*.m")]
                  + [f"nnvec/octave/private/{p.name}" for p in (OCTAVE_DIR / "private").glob("*.m")]
                  + [f"nnvec/data/{p.name}" for p in DATA_DIR.glob("*.mat")])
        assert "nnvec/octave/private/costAndGradient.m" in wanted
        assert sorted(set(wanted) - set(infos)) == []
        for name in wanted:  # the same contents as the repository's files
            source = (ROOT / name.removeprefix("nnvec/")).read_bytes()
            assert whl.read(name) == source, name


@pytest.mark.slow
@pytest.mark.octave
def test_installed_wheel_runs_outside_the_checkout(wheel, tmp_path):
    venv = tmp_path / "venv"
    # --system-site-packages: numpy and friends of the base Python when it has
    # them; pip fetches the rest of the dependencies (and oct2py, the extra).
    _ok(_run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], cwd=tmp_path))
    bindir = venv / "bin"
    _ok(_run([str(bindir / "python"), "-m", "pip", "install", "-q",
              f"{wheel}[octave]"], cwd=tmp_path))
    work = tmp_path / "elsewhere"
    work.mkdir()
    nnvec_cmd = str(bindir / "nnvec")

    assert _ok(_run([nnvec_cmd, "--version"], work)) == f"nnvec {nnvec.__version__}\n"
    assert (_ok(_run([str(bindir / "python"), "-m", "nnvec", "--version"], work))
            == f"nnvec {nnvec.__version__}\n")
    where = _ok(_run([str(bindir / "python"), "-c", "from nnvec import resources as r; "
                      "print(r.octave_dir()); print(r.data_dir())"], work)).split()
    for folder in where:
        assert Path(folder).is_relative_to(venv), where
        assert not Path(folder).is_relative_to(ROOT.resolve()), where

    outs = {}
    for engine in ("python", "octave"):
        out = _ok(_run([nnvec_cmd, "train", "--maxiter", "5", "--engine", engine,
                        "--out", f"out_{engine}"], work))
        assert _line(out, "Data: ").startswith("Data: mnist5k: 4000 training, 1000 held-out")
        for picture in ("weights.mat", "digits.png", "hidden_units.png", "cost.png",
                        "confusion.png", "misclassified.png"):
            assert (work / f"out_{engine}" / picture).stat().st_size > 0
        outs[engine] = out
    # the same start vector and the same fmincg: the same accuracies, to the printed digit
    for start in ("Training accuracy: ", "Held-out accuracy: "):
        assert _line(outs["python"], start) == _line(outs["octave"], start)

    out = _ok(_run([nnvec_cmd, "ex4"], work))
    assert "Step 11" in out
    for picture in ("ex4_data.png", "ex4_hidden.png"):  # out/ of the current folder
        assert (work / "out" / picture).stat().st_size > 0
