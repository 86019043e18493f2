"""``nnvec grade`` against hostile code: isolation, limits, deadlines, caps, cleanup.

Each trick of ``tests/grade_solutions/hostile/`` (Python) and
``tests/octave/grade_solutions/hostile/`` (Octave) is graded by the real
command, in a child process, once per isolation kind of `nnvec.grading.sandbox` that
works on this machine; the tests assert the real score, the exit status and
that the report holds the grader's lines only. A kind that cannot run here
(``nobody`` for a Python under ``/root``) is skipped, saying why.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, no_process_with, processes_with
from nnvec.grading import sandbox
from nnvec.grading.cases import PARTS
from nnvec.grading.sandbox import SANDBOXES, SandboxError, choose_sandbox, one_line
from nnvec.grading.submission import octave_command

HOSTILE_PY = ROOT / "tests" / "grade_solutions" / "hostile"
HOSTILE_OCT = ROOT / "tests" / "octave" / "grade_solutions" / "hostile"
#: The kinds that isolate (``limits`` alone does not, and is never picked for root).
ISOLATING = [k for k in SANDBOXES if k != "limits"]
REPORT_LINES = 4 + len(PARTS) + 2  # title, files, isolation, convention, parts, init, total


def _program(language: str) -> str:
    return sys.executable if language == "python" else octave_command()[0]


def _kind_or_skip(kind: str, language: str) -> None:
    try:
        choose_sandbox(_program(language), kind)
    except SandboxError as exc:
        pytest.skip(str(exc))


def _grade(path: Path, kind: str, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {**os.environ, "NNVEC_SANDBOX": kind}
    return subprocess.run([sys.executable, "-m", "nnvec", "grade", str(path), *args],
                          env=env, capture_output=True, text=True, timeout=timeout, check=False)


def _honest_report(proc: subprocess.CompletedProcess, total: int) -> list[str]:
    """The report's lines, checked: the grader's own lines only, one total, the exit status."""
    lines = proc.stdout.splitlines()
    assert len(lines) == REPORT_LINES, proc.stdout
    assert [s for s in lines if s.startswith("Total")] == [f"Total: {total} / 100"]
    assert lines[-1] == f"Total: {total} / 100"
    assert "\x1b" not in proc.stdout and "\x1b" not in proc.stderr
    assert proc.returncode == (0 if total == 100 else 1), proc.stderr
    return lines


@pytest.fixture
def listener():
    """A port on localhost that the hostile code tries to reach."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        server.bind(("127.0.0.1", 47613))
    except OSError as exc:
        pytest.skip(f"port 47613 is taken here: {exc}")
    server.listen()
    yield
    server.close()


@pytest.mark.parametrize("kind", ISOLATING)
def test_python_escapes_fail_and_the_report_stays_the_graders(kind, listener):
    _kind_or_skip(kind, "python")
    marker = Path("/tmp/nnvec-hostile-escapes-marker")
    marker.unlink(missing_ok=True)
    proc = _grade(HOSTILE_PY / "escapes.py", kind)
    lines = _honest_report(proc, 0)
    # sigmoidGradient is right only if an escape worked: none did.
    assert lines[6].startswith("Part 3") and "0 / 5" in lines[6], lines[6]
    assert lines[2] == f"Isolation: {SANDBOXES[kind]}"
    assert not marker.exists()
    # The error text with a newline and escapes is one line of the report.
    assert "randInitializeWeights(2, 4): error: ValueError: nope" in lines[-2], lines[-2]
    # The process that left its session did not outlive the grader.
    assert no_process_with("86399.25")


@pytest.mark.parametrize("kind", ISOLATING)
def test_octave_escapes_fail_and_floods_are_capped(kind):
    _kind_or_skip(kind, "octave")
    marker = Path("/tmp/nnvec-hostile-octave-marker")
    marker.unlink(missing_ok=True)
    proc = _grade(HOSTILE_OCT, kind)
    lines = _honest_report(proc, 0)
    assert "0 / 5" in lines[6], lines[6]
    assert not marker.exists()
    assert "nope Total: 100 / 100 [2J" in lines[-2]
    # 100 MB to stderr: the file-size limit cut the log; the part was graded as usual.
    assert lines[4].startswith("Part 1") and "J = 0 where 3.08745 is expected" in lines[4]
    assert no_process_with("86398.25")


@pytest.mark.parametrize("kind", ISOLATING)
def test_limits_hold(kind):
    _kind_or_skip(kind, "python")
    proc = _grade(HOSTILE_PY / "limits.py", kind)
    lines = proc.stdout.splitlines()
    # sigmoidGradient is right only when 4 GB, a 100 MB file and 300 processes were refused.
    assert lines[6].startswith("Part 3") and lines[6].endswith("passed"), proc.stdout


def test_half_replies_and_huge_replies_meet_deadlines_and_caps():
    # A time limit long enough to encode 160 MB of JSON on a busy machine.
    proc = _grade(HOSTILE_PY / "stalls.py", "auto", "--timeout", "20", timeout=300)
    lines = _honest_report(proc, 0)
    assert "the time limit of 20 s ran out" in lines[6], lines[6]
    assert "over the limit of" in lines[4], lines[4]
    assert "over the limit of" in lines[-2], lines[-2]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_the_grader_cleans_up_when_told_to_end(tmp_path, signum):
    tag = f"86397.{os.getpid()}{signum}"
    solution = tmp_path / "waits.py"
    solution.write_text(
        "import subprocess, time\n"
        f"def sigmoidGradient(z):\n"
        f"    subprocess.Popen(['setsid', 'sleep', '{tag}'])\n"
        "    time.sleep(3600)\n")
    work = tmp_path / "tmp"
    work.mkdir()
    grader = subprocess.Popen([sys.executable, "-m", "nnvec", "grade", str(solution),
                               "--timeout", "600"], env={**os.environ, "TMPDIR": str(work)},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for _ in range(300):
        if processes_with(tag):
            break
        time.sleep(0.1)
    assert processes_with(tag), "the student's process never started"
    assert list(work.iterdir())  # the run's folder
    grader.send_signal(signum)
    out, err = grader.communicate(timeout=60)
    assert grader.returncode != 0 and "interrupted" in err, (out, err)
    assert no_process_with(tag)
    assert list(work.iterdir()) == []


def test_auto_never_runs_students_code_as_root(monkeypatch):
    # Where no sandbox works, root gets one line saying what to do; 'limits'
    # runs only when asked for by name.
    monkeypatch.setattr(sandbox, "_works", lambda candidate, argv: False)
    sandbox._choose.cache_clear()
    try:
        if os.getuid() == 0:
            with pytest.raises(SandboxError, match="install bubblewrap"):
                choose_sandbox("/bin/true", "auto")
        else:
            assert choose_sandbox("/bin/true", "auto").kind == "limits"
        assert choose_sandbox("/bin/true", "limits").kind == "limits"
        with pytest.raises(SandboxError, match="NNVEC_SANDBOX is namespace"):
            choose_sandbox("/bin/true", "namespace")
        with pytest.raises(ValueError, match="NNVEC_SANDBOX must be auto or one of "
                                             + ", ".join(SANDBOXES)):
            choose_sandbox("/bin/true", "chroot")
    finally:
        sandbox._choose.cache_clear()


def test_the_grader_is_not_dumpable_and_adopts_orphans():
    code = ("import ctypes; from nnvec.grading.sandbox import protect_grader; protect_grader(); "
            "libc = ctypes.CDLL(None); r = ctypes.c_int(); "
            "libc.prctl(37, ctypes.byref(r), 0, 0, 0); "  # PR_GET_CHILD_SUBREAPER
            "print(libc.prctl(3, 0, 0, 0, 0), r.value)")  # PR_GET_DUMPABLE
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out[-2:] == ["0", "1"]  # not dumpable; a child subreaper


@pytest.mark.parametrize(("text", "line"), [
    ("a\nTotal: 100 / 100", "a Total: 100 / 100"),
    ("\x1b[2Jred\x1b[0m", "[2Jred [0m"),
    ("tab\tand\r\nreturn\u2028sep\u202eRTL", "tab and return sep RTL"),
    ("x" * 500, "x" * 397 + "..."),
])
def test_one_line_removes_control_characters_and_caps(text, line):
    assert one_line(text) == line
