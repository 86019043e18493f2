"""Shared fixtures: one Octave session for the whole run, with octave/ on its path."""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import nnvec
import numpy as np
import pytest
from nnvec.bridge.octave_env import _environ, octave_env, octave_executable
from nnvec.core.cost import one_hot

# Test modules import oct2py, whose import starts a default Octave session: import
# it here first, in nnvec's Octave environment, so that session too runs with
# --no-history (nnvec.bridge.octave_env's notes say why); os.environ is restored after.
if octave_executable() is not None:
    with _environ(octave_env()):
        import oct2py  # noqa: F401

# A shell's background job (a CI step may be one) starts with SIGINT ignored, and
# every child inherits that: the tests that interrupt a `python -m nnvec` or a
# grader with SIGINT would see it run on. Children start with the default again.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

#: The graded solutions are students' files, not tests: some crash or loop at
#: import on purpose, and --doctest-modules would import them.
collect_ignore_glob = ["grade_solutions/*.py", "grade_solutions/*/*.py"]

ROOT = Path(__file__).resolve().parents[1]
OCTAVE_DIR = ROOT / "octave"
DATA_DIR = ROOT / "data"
SHARED_COURSE = ROOT.parent / "shared" / "course"

# Cross-language tolerance from the project's conventions (README, section "Tests").
RTOL = 1e-10
ATOL = 1e-12


#: Tests that must not run at the same time under `make test-python`'s two
#: pytest-xdist workers (`-n 2 --dist loadgroup`): each group is one unit of work,
#: run on one worker, test after test; every other test is a unit of its own.
#: "make": the tests that run `make` in the checkout, whose setup target may
#: (re)build .venv and its stamp there. "hostile": the graded escapes share port
#: 47613 (a second listener would skip), /tmp marker files and the sleepers' tags
#: (86398.25, 86399.25) that each test expects gone. "ex4-bundled": two tests that
#: read one module-scoped walk-through (computed once per worker that runs them).
XDIST_GROUPS = {
    "ex4-bundled": ("tests/test_ex4.py::test_bundled_mnist5k_walkthrough_agrees",
                    "tests/test_ex4.py::test_cli_runs_the_walkthrough"),
    "make": ("tests/test_environment.py::test_make_",),
    "hostile": ("tests/test_grade_isolation.py::test_python_escapes_",
                "tests/test_grade_isolation.py::test_octave_escapes_"),
}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadgroup` with the groups above, read from the test ids.

    Not through `xdist_group` marks: pytest-xdist 3.8 applies those by renaming
    each item's nodeid, which pytest 9 no longer lets it do (the marks are then
    silently ignored). The test ids are what the scheduler sees.
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            for group, prefixes in XDIST_GROUPS.items():
                if nodeid.startswith(prefixes):
                    return group
            return nodeid

    return GroupScheduling(config, log)


@pytest.fixture(scope="session")
def oc():
    """One Oct2Py session for every test (one per worker under pytest-xdist, each
    started by that worker); fails loudly (never skips) without Octave."""
    if shutil.which("octave-cli") is None and shutil.which("octave") is None:
        pytest.fail("GNU Octave is not installed: run `make setup` (make test does it)")
    from nnvec.bridge.octave_env import start_octave

    session = start_octave()
    session.addpath(str(OCTAVE_DIR))
    yield session
    session.exit()


@pytest.fixture
def rng():
    return np.random.default_rng(12345)


def col(v):
    """A 1-D numpy vector as the column Octave expects (oct2py sends 1-D as a row)."""
    return np.asarray(v, dtype=float).reshape(-1, 1)


def processes_with(tag: str) -> list[int]:
    """The pids of the processes (this one aside) whose command line holds `tag`.

    The grader's tests find a student's processes by a tag in their command
    line: inside a sandbox their pids are not the grader's.
    """
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                with open(f"/proc/{entry.name}/cmdline", "rb") as fh:
                    if tag.encode() in fh.read():
                        found.append(int(entry.name))
            except OSError:
                pass
    return found


def no_process_with(tag: str, wait: float = 5.0) -> bool:
    """Whether every process tagged `tag` is gone within `wait` seconds."""
    end = time.monotonic() + wait
    while processes_with(tag):
        if time.monotonic() > end:
            return False
        time.sleep(0.1)
    return True


def small_problem(sizes=(3, 5, 3), m=5):
    """The course's gradient-check network: deterministic weights and data."""
    Thetas = [nnvec.debug_initialize_weights(r, c - 1) for r, c in nnvec.param_shapes(sizes)]
    X = nnvec.debug_initialize_weights(m, sizes[0] - 1)
    y = 1 + np.mod(np.arange(1, m + 1), sizes[-1])
    return nnvec.unroll_params(Thetas), list(sizes), X, y


def textbook_cost(nn_params, sizes, X, y, lam):
    """The course's formula, written the slow obvious way (bias column of ones)."""
    Thetas = nnvec.reshape_params(nn_params, sizes)
    m = X.shape[0]
    a = X
    for T in Thetas:
        a = nnvec.sigmoid(np.hstack([np.ones((m, 1)), a]) @ T.T)
    Y = one_hot(np.asarray(y), sizes[-1])
    J = np.sum(-Y * np.log(a) - (1 - Y) * np.log(1 - a)) / m
    return J + lam / (2 * m) * sum(np.sum(T[:, 1:] ** 2) for T in Thetas)
