"""``nnvec octave-path``: the folder of the Octave functions, and Octave's own recipe on it.

The recipe a notebook on ``octave_kernel`` uses is Octave's, with no Python::

    [~, d] = system('nnvec octave-path');  addpath(strtrim(d));

It runs here against an installed layout (``nnvec/octave`` inside the package,
as a wheel has it) in a folder whose name holds a non-ASCII letter and a
space, and one holding ``:`` too, where Octave's addpath splits the name (the
command says so on stderr and ``cd`` is the way in).
"""

from __future__ import annotations

import io
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import OCTAVE_DIR, ROOT
from nnvec import resources
from nnvec.bridge.octave_env import octave_env
from nnvec.cli import main
from nnvec.cli.octave_path import pathsep_warning, run_octave_path

OCTAVE = ["octave-cli", "--no-gui", "--norc", "--quiet", "--no-history"]


def _installed(where: Path) -> Path:
    """nnvec laid out as a wheel installs it, under `where`: returns the sys.path entry."""
    site = where / "site"
    shutil.copytree(ROOT / "python" / "nnvec", site / "nnvec",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(OCTAVE_DIR, site / "nnvec" / "octave")
    return site


def _command(site: Path) -> str:
    """``nnvec octave-path`` from `site`: run in it, as PYTHONPATH too splits at ':'."""
    return f"cd {shlex.quote(str(site))} && {shlex.quote(sys.executable)} -m nnvec octave-path"


def _run_nnvec(site: Path) -> subprocess.CompletedProcess:
    return subprocess.run(_command(site), shell=True, capture_output=True, timeout=60,
                          check=False)


def _octave(code: str, cwd: Path) -> subprocess.CompletedProcess:
    if shutil.which("octave-cli") is None:
        pytest.fail("GNU Octave is not installed: run `make setup` (make test does it)")
    return subprocess.run([*OCTAVE, "--eval", code], env=octave_env(), cwd=cwd,
                          capture_output=True, timeout=120, check=False)


def _recipe(site: Path, then: str) -> str:
    """Octave: run ``nnvec octave-path`` (this Python, from `site`), then `then` with d."""
    cmd = _command(site).replace("'", "''")
    return (f"[status, d] = system('{cmd}'); d = strtrim(d); {then}; "
            "[J, grad] = nnCostFunction(zeros(21, 1), 2, 3, 3, [1 2; 3 4; 5 6; 7 8], "
            "[1; 2; 3; 1], 1); fprintf('status=%d J=%.6f n=%d\\n', status, J, numel(grad)); "
            "fprintf('%s\\n', which('nnCostFunction'));")


def test_prints_the_octave_folder(capsys):
    assert main(["octave-path"]) == 0
    out, err = capsys.readouterr()
    assert out == f"{resources.octave_dir()}\n"
    assert err == ""
    assert (resources.octave_dir() / "nnCostFunction.m").is_file()


def test_a_real_process_prints_the_bytes_on_disk():
    done = subprocess.run([sys.executable, "-m", "nnvec", "octave-path"], capture_output=True,
                          timeout=60, check=True, env=dict(os.environ, LC_ALL="C"))
    assert done.stdout == os.fsencode(resources.octave_dir()) + b"\n"


def test_the_warning_names_the_separator():
    assert pathsep_warning("/opt/nnvec/octave", ":") is None
    assert "cd into the folder" in pathsep_warning("/tmp/a:b", ":")
    assert pathsep_warning("C:\\nnvec;x", ";").startswith("nnvec octave-path: warning")


def test_a_text_stream_gets_the_folder_too(monkeypatch):
    monkeypatch.setattr("nnvec.cli.octave_path.octave_dir", lambda: Path("/tmp/x:y/octave"))
    out, err = io.StringIO(), io.StringIO()
    assert run_octave_path(out, err) == 0
    assert out.getvalue() == "/tmp/x:y/octave\n"
    assert "holds ':'" in err.getvalue()


def test_octave_addpaths_a_folder_with_a_non_ascii_letter_and_a_space(tmp_path):
    site = _installed(tmp_path / "dir ü x")
    done = _run_nnvec(site)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == f"{(site / 'nnvec' / 'octave').resolve()}\n"
    assert done.stderr == b""
    run = _octave(_recipe(site, "addpath(d)"), tmp_path)
    text = run.stdout.decode()
    assert run.returncode == 0, run.stderr.decode()
    assert "status=0 J=2.079442 n=21" in text
    assert f"{site / 'nnvec' / 'octave' / 'nnCostFunction.m'}" in text


def test_a_folder_with_a_colon_cannot_be_addpathed_but_cd_works(tmp_path):
    site = _installed(tmp_path / "dir ü: x")
    done = _run_nnvec(site)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == f"{(site / 'nnvec' / 'octave').resolve()}\n"
    assert "cd into the folder" in done.stderr.decode()
    # What Octave does: addpath splits the name at ':' and adds neither half.
    split = _octave(f"addpath('{site / 'nnvec' / 'octave'}'); disp(exist('nnCostFunction'))",
                    tmp_path)
    assert "No such file or directory" in split.stderr.decode()
    assert split.stdout.decode().split() == ["0"]
    # The workaround: cd into it; the functions and their private/ are found there.
    run = _octave(_recipe(site, "cd(d)"), tmp_path)
    assert run.returncode == 0, run.stderr.decode()
    assert "status=0 J=2.079442 n=21" in run.stdout.decode()
