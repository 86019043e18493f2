"""The project's own tooling: the Octave %!test runner and `make lint`.

Both are shell-level tools, so they are driven as CI drives them, in a
subprocess, against temporary folders: NNVEC_OCTAVE_DIR points
scripts/run_octave_tests.m at a folder of .m files, NNVEC_LINT_DIRS points
scripts/lint.sh at one.  The real tree is not touched.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_check_matlab_syntax import CLEAN, CONSTRUCTS

ROOT = Path(__file__).resolve().parents[1]
RUNNER = ROOT / "scripts" / "run_octave_tests.m"
LINT = ROOT / "scripts" / "lint.sh"
MH_CFG = ROOT / "miss_hit.cfg"
CLOSING = re.compile(r"^Octave: (\d+) passed, (\d+) failed$")


def octave_cli() -> str:
    exe = shutil.which("octave-cli")
    if exe is None:
        pytest.fail("GNU Octave is not installed: run `make setup` (make test does it)")
    return exe


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text.lstrip("\n"), encoding="utf-8")
    return path


def run_runner(folder: Path) -> tuple[int, str, tuple[int, int]]:
    """Run the runner on `folder` from another cwd; (exit code, stdout, closing counts)."""
    proc = subprocess.run(
        [octave_cli(), "--no-gui", "--norc", "--quiet", "--no-history", str(RUNNER)],
        cwd=folder.parent,
        env={**os.environ, "NNVEC_OCTAVE_DIR": str(folder)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert lines, f"no output; stderr:\n{proc.stderr}"
    match = CLOSING.match(lines[-1])
    assert match, f"last line is not the closing line: {lines[-1]!r}\n{proc.stdout}"
    return proc.returncode, proc.stdout, (int(match.group(1)), int(match.group(2)))


def lint_folder(folder: Path) -> Path:
    """A temp folder MISS_HIT will read with the project's miss_hit.cfg.

    With no ``.venv`` in it, as in a fresh clone: the configuration must not
    name folders that may be missing.
    """
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(MH_CFG, folder / "miss_hit.cfg")
    return folder


def run_lint(*targets: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(LINT)],
        cwd=ROOT,
        env={**os.environ, "NNVEC_LINT_DIRS": ":".join(str(t) for t in targets)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


SQUARE = """
function y = squareIt(x)
%SQUAREIT x.^2, a fixture for the runner's tests.
y = x.^2;
end
"""


# --------------------------------------------------------------------------
# scripts/run_octave_tests.m

@pytest.mark.slow
@pytest.mark.octave
def test_runner_counts_passing_tests_and_exempts_scripts(tmp_path):
    folder = tmp_path / "octave"
    folder.mkdir()
    write(folder, "squareIt.m", SQUARE + """
%!assert (squareIt(3), 9)
%!test
%! assert (squareIt([1 2]), [1 4]);
%!error squareIt()
%!xtest
%! assert (squareIt(2), 5);  % a known failure: reported, not counted as failed
""")
    write(folder, "demoScript.m", "% A script, not a function: no tests needed.\nz = 1;\n")
    code, out, (passed, failed) = run_runner(folder)
    assert code == 0, out
    # 3 blocks pass (assert, test, error); the xtest is a known failure.
    assert (passed, failed) == (3, 0)
    assert re.search(r"^skip\s+demoScript\.m", out, re.M), out
    assert re.search(r"^ok\s+squareIt\.m\s+3 passed, 0 failed, 1 known", out, re.M), out


@pytest.mark.slow
@pytest.mark.octave
def test_runner_counts_private_tests_and_fails_on_them(tmp_path):
    # A public function calls a private one, whose own tests call another
    # private function: both pass only if the runner tests private/ from inside it.
    folder = tmp_path / "octave"
    (folder / "private").mkdir(parents=True)
    write(folder, "cubeIt.m", """
function y = cubeIt(x)
%CUBEIT x.^3 through a private helper, a fixture for the runner's tests.
y = timesSquare(x);
end
%!assert (cubeIt(2), 8)
""")
    write(folder / "private", "timesSquare.m", """
function y = timesSquare(x)
%TIMESSQUARE x .* x.^2 (private fixture).
y = x .* squarePriv(x);
end
%!assert (timesSquare(3), 27)
""")
    write(folder / "private", "squarePriv.m", """
function y = squarePriv(x)
%SQUAREPRIV x.^2 (private fixture).
y = x.^2;
end
%!assert (squarePriv(3), 9)
%!assert (timesSquare(2), 8)
""")
    code, out, counts = run_runner(folder)
    assert (code, counts) == (0, (4, 0)), out
    assert re.search(r"^ok\s+private/squarePriv\.m\s+2 passed", out, re.M), out
    # A failing private test fails the run.
    write(folder / "private", "squarePriv.m", """
function y = squarePriv(x)
%SQUAREPRIV x.^2 (private fixture).
y = x.^2;
end
%!assert (squarePriv(3), 10)
""")
    code, out, counts = run_runner(folder)
    assert code == 1 and counts == (2, 1), out
    assert re.search(r"^FAIL\s+private/squarePriv\.m", out, re.M), out


@pytest.mark.slow
@pytest.mark.octave
def test_runner_exits_nonzero_on_failing_test_and_shows_its_log(tmp_path):
    folder = tmp_path / "octave"
    folder.mkdir()
    write(folder, "squareIt.m", SQUARE + """
%!assert (squareIt(3), 9)
%!test
%! assert (squareIt(2), 5);
""")
    code, out, counts = run_runner(folder)
    assert code == 1, out
    assert counts == (1, 1)
    assert re.search(r"^FAIL\s+squareIt\.m", out, re.M), out
    assert "assert (squareIt(2), 5);" in out  # the failing block's code
    assert "!!!!! test failed" in out  # and Octave's verdict on it


@pytest.mark.slow
@pytest.mark.octave
def test_runner_counts_a_failing_shared_block(tmp_path):
    # Octave's test does not count %!shared blocks in nmax: the runner must
    # still see the failure (the later blocks pass without the variable).
    folder = tmp_path / "octave"
    folder.mkdir()
    write(folder, "squareIt.m", SQUARE + """
%!shared a
%! a = noSuchFunctionAnywhere(3);
%!assert (squareIt(2), 4)
""")
    code, out, counts = run_runner(folder)
    assert code == 1, out
    assert counts == (1, 1)


@pytest.mark.slow
@pytest.mark.octave
def test_runner_flags_a_function_without_tests(tmp_path):
    folder = tmp_path / "octave"
    folder.mkdir()
    write(folder, "squareIt.m", SQUARE + "\n%!assert (squareIt(3), 9)\n")
    write(folder, "untested.m", """
%{
A block comment before the function line does not make this a script.
%}
% Nor does a plain comment.
function y = untested(x)
y = x;
end
""")
    code, out, counts = run_runner(folder)
    assert code == 1, out
    assert counts == (1, 1)  # the missing tests count as one failure
    assert re.search(r"^FAIL\s+untested\.m\s+no %!test blocks", out, re.M), out


@pytest.mark.slow
@pytest.mark.octave
def test_runner_fails_when_no_test_runs(tmp_path):
    folder = tmp_path / "octave"
    folder.mkdir()
    code, out, counts = run_runner(folder)
    assert (code, counts) == (1, (0, 0)), out


# --------------------------------------------------------------------------
# scripts/lint.sh and miss_hit.cfg

# CONSTRUCTS and CLEAN come from the checker's own tests
# (test_check_matlab_syntax.py); here they go through lint.sh as `make lint` runs it.

@pytest.fixture(scope="module")
def construct_lint(tmp_path_factory):
    """One lint run over one file per Octave-only construct (plus a bad .py)."""
    folder = lint_folder(tmp_path_factory.mktemp("constructs"))
    for name, line, _ in CONSTRUCTS:
        write(folder, f"c_{name}.m", f"% Octave-only construct: {name}.\n{line}\n")
    write(folder, "bad_style.py", "import os\n")  # F401 for the ruff stage
    proc = run_lint(folder)
    return folder, proc


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "line", "messages"), CONSTRUCTS, ids=[c[0] for c in CONSTRUCTS]
)
def test_lint_flags_octave_only_construct(construct_lint, name, line, messages):
    folder, proc = construct_lint
    assert proc.returncode == 1
    path = folder / f"c_{name}.m"
    # `file:line: message` from the Octave-only check (MISS_HIT's own
    # messages carry a column, `file:line:col:`, and are not counted here).
    found = re.findall(rf"^{re.escape(str(path))}:(\d+): (.*)$", proc.stdout, re.M)
    assert found, f"{line!r} not flagged:\n{proc.stdout}"
    assert {number for number, _ in found} == {"2"}
    for message in messages:
        assert any(message in text for _, text in found), (message, found)
    assert len(found) == len(messages), found


@pytest.mark.slow
def test_lint_runs_ruff_on_python_files(construct_lint):
    _, proc = construct_lint
    assert "F401" in proc.stdout
    assert "lint: FAILED: ruff check" in proc.stdout


@pytest.mark.slow
@pytest.mark.octave
def test_clean_matlab_file_passes_lint_and_its_tests_run(tmp_path):
    folder = lint_folder(tmp_path / "clean")
    write(folder, "cleanThing.m", CLEAN)
    proc = run_lint(folder)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Octave-only syntax check over 1 .m file(s)" in proc.stdout
    assert "lint: all clean" in proc.stdout
    # The %! blocks that passed lint are real tests, and they pass.
    code, out, counts = run_runner(folder)
    assert (code, counts) == (0, (4, 0)), out


@pytest.mark.slow
def test_miss_hit_fix_keeps_test_blocks_with_project_config(tmp_path):
    # MISS_HIT's whitespace_comments fix turns `%!test` into `% !test`,
    # which Octave's test then ignores; miss_hit.cfg suppresses that rule.
    mh_style = ROOT / ".venv" / "bin" / "mh_style"
    exe = str(mh_style) if mh_style.exists() else shutil.which("mh_style")
    assert exe, "mh_style not installed: run `make setup`"
    source = SQUARE.lstrip("\n") + "\n%!test\n%! assert (squareIt(2), 4);\n"

    with_cfg = lint_folder(tmp_path / "with_cfg")
    kept = write(with_cfg, "squareIt.m", source)
    subprocess.run([exe, "--fix", str(kept)], capture_output=True, timeout=120, check=False)
    assert kept.read_text(encoding="utf-8") == source

    # The control: the same config without the suppression rewrites them,
    # so the assertion above is about the config, not about MISS_HIT.
    without = tmp_path / "without"
    lint_folder(without)
    (without / "miss_hit.cfg").write_text(
        "".join(
            line
            for line in MH_CFG.read_text(encoding="utf-8").splitlines(keepends=True)
            if "whitespace_comments" not in line
        ),
        encoding="utf-8",
    )
    broken = write(without, "squareIt.m", source)
    subprocess.run([exe, "--fix", str(broken)], capture_output=True, timeout=120, check=False)
    assert "% !test" in broken.read_text(encoding="utf-8")
