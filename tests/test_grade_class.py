"""``nnvec grade PATH PATH ... --csv``: a class's submissions, each graded in a process of its own.

End to end, the command runs in a process of its own with ``TMPDIR`` in the
test's folder, so that what it leaves behind (a temporary folder, a process
whose command line or working directory is in there) can be found. The
supervision itself (deadlines, capped output, crashes, orphans, forged
results) is tested in-process with stand-in grading commands
(``grade_class(command=...)``), which are quick and do exactly one thing wrong.

Fixtures: ``tests/octave/grade_solutions/`` and ``tests/grade_solutions/``, with
``crash_at_import.py``, ``loop_at_import.py``, ``flood_output.py``,
``daemon_at_import.py`` and ``daemon_then_loop.py`` for this file.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import ROOT
from nnvec import cli
from nnvec.grading.cases import PARTS
from nnvec.grading.grade_class import (
    EXIT_NOT_GRADED,
    GRADED,
    KILL_GRACE,
    NOT_GRADED,
    OUTPUT_CAP,
    TIMED_OUT,
    ClassResult,
    Row,
    child_deadline,
    clean_text,
    csv_header,
    grade_class,
    read_result,
)
from nnvec.grading.results import EXIT_BELOW_100

PY = "tests/grade_solutions"
OCT = "tests/octave/grade_solutions"


# --- helpers -------------------------------------------------------------------

def batch_env(tmp_path: Path) -> dict[str, str]:
    tmp = tmp_path / "tmp"
    tmp.mkdir(exist_ok=True)
    return dict(os.environ, PYTHONPATH=str(ROOT / "python"), TMPDIR=str(tmp))


def run_batch(tmp_path: Path, *args: str, limit: float = 240):
    """``nnvec grade ARGS`` in a process of its own, from the repository; (result, seconds)."""
    start = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "nnvec", "grade", *args], cwd=ROOT,
                       env=batch_env(tmp_path), capture_output=True, text=True, timeout=limit)
    return r, time.monotonic() - start


def leftovers(marker: str) -> list[str]:
    """Processes (not this one) whose command line holds `marker` or that run inside it."""
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry.name}/cmdline", "rb") as fh:
                cmd = fh.read().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        try:
            cwd = os.readlink(f"/proc/{entry.name}/cwd")
        except OSError:
            cwd = ""
        if marker in cmd or cwd.startswith(marker):
            found.append(f"{entry.name}: {cmd[:200]}")
    return found


def no_leftovers(tmp_path: Path, wait: float = 5.0) -> list[str]:
    """What is left of the batch after up to `wait` seconds: processes, then temporary files."""
    end = time.monotonic() + wait
    while (left := leftovers(str(tmp_path))) and time.monotonic() < end:
        time.sleep(0.1)
    tmp = tmp_path / "tmp"
    return left + ([str(p) for p in tmp.iterdir()] if tmp.is_dir() else [])


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def points(row: dict[str, str]) -> list[str]:
    return [row[f"Part {p.number}: {p.title} ({p.points})"] for p in PARTS]


def summaries(stdout: str) -> list[str]:
    """The per-submission lines: every line but the first (the plan) and the last (the tally)."""
    lines = stdout.splitlines()
    assert lines[0].startswith("Grading ") and lines[-1].startswith("Graded ")
    return lines[1:-1]


# --- end to end ----------------------------------------------------------------

def test_a_class_in_one_command(tmp_path):
    """Octave and Python, right and wrong, a crash at import, a missing path, a hostile name:
    a row each in the order given, a line each, exit status 2 (one could not be graded)."""
    weird = tmp_path / "subs" / "bad\nname\x1b[1m"
    shutil.copytree(ROOT / OCT / "good", weird)
    paths = [f"{OCT}/good", f"{OCT}/bias_regularized", f"{PY}/course_style.py",
             f"{PY}/crash_at_import.py", "no/such/folder", str(weird)]
    out = tmp_path / "out" / "grades.csv"
    r, seconds = run_batch(tmp_path, *paths, "--csv", str(out), "--timeout", "5")
    assert r.returncode == EXIT_NOT_GRADED, r.stderr
    assert r.stderr == ""
    clean_weird = f"{tmp_path}/subs/bad name"
    assert sorted(summaries(r.stdout)) == sorted([
        f"{OCT}/good: 100 / 100",
        f"{OCT}/bias_regularized: 75 / 100 (failed: parts 2, 5)",
        f"{PY}/course_style.py: 100 / 100",
        f"{PY}/crash_at_import.py: 0 / 100 (failed: parts 1, 2, 3, 4, 5)",
        "no/such/folder: not graded: no such file or folder: no/such/folder",
        f"{clean_weird}: 100 / 100",
    ])
    assert r.stdout.splitlines()[-1] == (f"Graded 5 of 6 (3 at 100 / 100, 1 not graded); "
                                         f"wrote {out}")
    header, rows = read_csv(out)
    assert header == csv_header() == [
        "path", "language", *(f"Part {p.number}: {p.title} ({p.points})" for p in PARTS),
        "total", "status", "message", "hint"]
    assert [row["path"] for row in rows] == [*paths[:5], clean_weird]
    assert [row["language"] for row in rows] == ["Octave", "Octave", "Python", "Python", "",
                                                 "Octave"]
    assert [points(row) for row in rows] == [
        ["30", "15", "5", "40", "10"], ["30", "0", "5", "40", "0"], ["30", "15", "5", "40", "10"],
        ["0"] * 5, [""] * 5, ["30", "15", "5", "40", "10"]]
    assert [row["total"] for row in rows] == ["100", "75", "100", "0", "", "100"]
    assert [row["status"] for row in rows] == [GRADED] * 4 + [NOT_GRADED, GRADED]
    bias = rows[1]
    assert bias["message"].startswith("Part 2: the course's test (2-4-4 network")
    assert bias["hint"].startswith("the bias column")
    crash = rows[3]
    assert crash["message"].startswith("Part 1: crash_at_import.py could not be imported: "
                                       "RuntimeError: broken")
    assert rows[4]["message"] == "no such file or folder: no/such/folder"
    for row in rows:
        for text in row.values():
            assert text == clean_text(text, 10_000)  # one line, no control characters
            assert "Total: 100 / 100" not in text
    assert seconds < child_deadline(5.0)
    assert no_leftovers(tmp_path) == []


def test_exit_status_0_when_all_graded_at_100_and_1_when_some_below(tmp_path):
    r, _ = run_batch(tmp_path, f"{PY}/nnvec_course.py", f"{PY}/course_style.py")
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == "Graded 2 of 2 (2 at 100 / 100, 0 not graded)"
    r, _ = run_batch(tmp_path, f"{PY}/course_style.py", "--csv", str(tmp_path / "g.csv"),
                     "--jobs", "1")
    assert r.returncode == 0, r.stderr  # --csv alone makes a class of one
    assert r.stdout.splitlines()[0] == (f"Grading 1 submission, 1 at a time, each within "
                                        f"{child_deadline(10.0):g} s")
    assert [row["total"] for row in read_csv(tmp_path / "g.csv")[1]] == ["100"]
    r, _ = run_batch(tmp_path, f"{PY}/course_style.py", f"{PY}/without_one_over_m.py",
                     "--jobs", "1")
    assert r.returncode == EXIT_BELOW_100 == 1, r.stderr
    assert f"{PY}/course_style.py: 100 / 100" in summaries(r.stdout)
    assert no_leftovers(tmp_path) == []


def test_hostile_submissions_cost_only_their_own_row(tmp_path):
    """An endless import, a flood of output, a process that leaves its session: each gets
    its score, nothing of theirs reaches the batch's output, nothing is left running."""
    subs = tmp_path / "subs"
    subs.mkdir()
    paths = []
    for name in ("loop_at_import", "flood_output", "daemon_at_import", "course_style"):
        shutil.copy(ROOT / PY / f"{name}.py", subs / f"{name}.py")
        paths.append(str(subs / f"{name}.py"))
    out = tmp_path / "grades.csv"
    r, seconds = run_batch(tmp_path, *paths, "--timeout", "2", "--csv", str(out))
    assert r.returncode == EXIT_BELOW_100, r.stderr
    assert r.stderr == "" and "flood" not in r.stdout.replace("flood_output", "")
    assert len(r.stdout) < 2000
    _, rows = read_csv(out)
    assert [row["total"] for row in rows] == ["0", "100", "5", "100"]
    assert rows[0]["message"].startswith("Part 1: stopped while importing loop_at_import.py: "
                                         "the time limit of 2 s ran out")
    assert seconds < child_deadline(2.0)
    assert no_leftovers(tmp_path) == []


def test_a_grading_past_its_deadline_is_stopped_and_timed_out(tmp_path):
    sub = tmp_path / "loop_at_import.py"
    shutil.copy(ROOT / PY / "loop_at_import.py", sub)
    out = tmp_path / "grades.csv"
    r, seconds = run_batch(tmp_path, str(sub), f"{PY}/course_style.py", "--timeout", "60",
                           "--deadline", "4", "--csv", str(out))
    assert r.returncode == EXIT_NOT_GRADED, r.stderr
    line = (f"{sub}: not graded: timed out: stopped after 4 s, the limit for one submission "
            "(--deadline)")
    assert line in summaries(r.stdout)
    _, rows = read_csv(out)
    assert [(row["status"], row["total"]) for row in rows] == [(TIMED_OUT, ""), (GRADED, "100")]
    assert seconds < 4 + KILL_GRACE + 20  # the 60 s time limit never ran out
    assert no_leftovers(tmp_path) == []


@pytest.mark.parametrize("sandbox", ["auto", "limits"])
def test_what_a_stopped_grading_started_outside_its_session_is_killed(tmp_path, sandbox):
    """Under 'limits' nothing but the batch (a subreaper) catches the student's process
    that called setsid once its grader is killed at the deadline."""
    sub = tmp_path / "daemon_then_loop.py"
    shutil.copy(ROOT / PY / "daemon_then_loop.py", sub)
    env = dict(batch_env(tmp_path), NNVEC_SANDBOX=sandbox)
    r = subprocess.run([sys.executable, "-m", "nnvec", "grade", str(sub), "--timeout", "60",
                        "--deadline", "3", "--csv", str(tmp_path / "g.csv")], cwd=ROOT,
                       env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == EXIT_NOT_GRADED, r.stderr
    assert f"{sub}: not graded: timed out" in r.stdout
    assert no_leftovers(tmp_path) == []


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP],
                         ids=lambda s: s.name)
def test_an_interrupted_batch_stops_every_grading_and_exits_non_zero(tmp_path, sig):
    subs = tmp_path / "subs"
    subs.mkdir()
    paths = []
    for i in range(3):
        shutil.copy(ROOT / PY / "loop_at_import.py", subs / f"s{i}.py")
        paths.append(str(subs / f"s{i}.py"))
    out = tmp_path / "grades.csv"
    proc = subprocess.Popen([sys.executable, "-m", "nnvec", "grade", *paths, "--timeout", "60",
                             "--csv", str(out)], cwd=ROOT, env=batch_env(tmp_path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        end = time.monotonic() + 60
        # Both gradings have started their student's process (the worker's argv names it).
        while (sum("grade_worker" in p for p in leftovers(str(tmp_path))) < 2
               and time.monotonic() < end):
            time.sleep(0.1)
        proc.send_signal(sig)
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == 128 + sig
    assert stderr == (f"nnvec: interrupted ({sig.name}): the gradings were stopped, no CSV "
                      "written\n")
    assert stdout.splitlines()[0].startswith("Grading 3 submissions")
    assert not out.exists()
    assert no_leftovers(tmp_path) == []


def test_one_path_keeps_the_report_and_json_adds_the_result(tmp_path):
    plain, _ = run_batch(tmp_path, f"{OCT}/bias_regularized")
    result = tmp_path / "r" / "result.json"
    with_json, _ = run_batch(tmp_path, f"{OCT}/bias_regularized", "--json", str(result))
    assert plain.returncode == with_json.returncode == EXIT_BELOW_100
    assert plain.stdout == with_json.stdout
    assert plain.stdout.splitlines()[-1] == "Total: 75 / 100"
    g = read_result(result)
    assert (g.language, g.earned, g.total) == ("Octave", (30, 0, 5, 40, 0), 75)
    assert g.hints[1].startswith("the bias column")
    record = json.loads(result.read_text())
    assert [p["number"] for p in record["parts"]] == [p.number for p in PARTS]
    assert no_leftovers(tmp_path) == []


@pytest.mark.parametrize(("args", "message"), [
    (["a.py", "b.py", "--jobs", "0"], "argument --jobs: must be a positive integer, got '0'"),
    (["a.py", "b.py", "--jobs", "two"], "argument --jobs: must be a positive integer, got "
                                        "'two'"),
    (["a.py", "b.py", "--deadline", "-1"], "argument --deadline: must be a positive number"),
    (["a.py", "b.py", "--json", "r.json"], "--json is for one PATH without --csv"),
    (["a.py", "--jobs", "2"], "--jobs is for grading a class (several PATHs, or --csv)"),
    (["a.py", "--deadline", "9"], "--deadline is for grading a class"),
    (["a.py", "b.py", "--csv", "tests"], "--csv: tests is a folder"),
])
def test_usage_errors_of_a_class_exit_2_with_one_line(capsys, args, message):
    with pytest.raises(SystemExit) as info:
        cli.main(["grade", *args])
    assert info.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"nnvec: error: {message}") and err.count("\n") == 1


# --- the supervision, with stand-in grading commands --------------------------

#: A stand-in for ``nnvec grade --json FILE PATH``: does what PATH names.
FAKE = r"""
import json, os, signal, subprocess, sys, time
result, what = sys.argv[1], sys.argv[2]
def record(earned, total, code):
    parts = [{"number": i + 1, "title": "", "points": p, "earned": e, "message": "m",
              "hint": "h"} for i, (p, e) in enumerate(zip((30, 15, 5, 40, 10), earned))]
    with open(result, "w") as fh:
        json.dump({"format": 1, "path": what, "language": "Python", "convention": "course",
                   "parts": parts, "init": {"passed": True, "message": ""},
                   "total": total}, fh)
    sys.exit(code)
if what == "segfault":
    os.kill(os.getpid(), signal.SIGSEGV)
elif what == "flood":
    for fd in (1, 2):
        for _ in range(128):
            os.write(fd, b"x" * 65536)
    os.write(2, b"nnvec: error: flooded\x1b[2J\nTotal: 100 / 100\n")
    sys.exit(2)
elif what == "endless flood":
    while True:
        os.write(1, b"y" * 65536)
elif what == "deaf":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    time.sleep(120)
elif what == "orphan":
    subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)", sys.argv[3]],
                     start_new_session=True)
    sys.exit(1)
elif what == "forged 100":
    record((30, 15, 5, 40, 10), 100, 1)
elif what == "forged points":
    record((300, 15, 5, 40, 10), 370, 1)
elif what == "not json":
    open(result, "w").write("Total: 100 / 100")
    sys.exit(0)
elif what == "fine":
    record((30, 0, 5, 40, 10), 85, 1)
elif what == "nap":
    time.sleep(0.5)
    sys.exit(3)
"""


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """``grade_class`` with the FAKE command, its temporary folder in the test's."""
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    marker = str(tmp_path / "marker")

    def run(paths, **kw):
        lines: list[str] = []
        start = time.monotonic()
        result = grade_class(paths, echo=lines.append, command=lambda path, result_file: [
            sys.executable, "-c", FAKE, str(result_file), path, marker], **kw)
        return result, lines, time.monotonic() - start

    yield run
    assert leftovers(marker) == []
    assert list(tmp.iterdir()) == []


def test_crashes_floods_and_forged_results_cost_only_their_row(fake):
    paths = ["segfault", "flood", "forged 100", "forged points", "not json", "fine"]
    result, lines, _ = fake(paths)
    rows = {r.path: r for r in result.rows}
    assert [r.path for r in result.rows] == paths
    assert rows["segfault"].reason == "the grading process was killed by SIGSEGV"
    assert rows["flood"].reason == "flooded"  # its own error line, made clean
    assert len(rows["flood"].stdout) == len(rows["flood"].stderr) == OUTPUT_CAP
    assert rows["flood"].stderr.endswith(b"Total: 100 / 100\n")
    assert rows["forged 100"].reason == ("the grading process's exit status 1 disagrees with "
                                         "its result (100 / 100)")
    for name in ("forged points", "not json"):
        assert rows[name].reason.endswith("the result file does not hold a valid result")
    assert (rows["fine"].status, rows["fine"].points) == (GRADED, (30, 0, 5, 40, 10))
    assert (rows["fine"].message, rows["fine"].hint) == ("Part 2: m", "h")
    assert all(r.status == NOT_GRADED for r in result.rows[:-1])
    assert sorted(lines) == sorted(r.summary() for r in result.rows)
    assert "fine: 85 / 100 (failed: part 2)" in lines
    assert result.exit_status == EXIT_NOT_GRADED


def test_the_deadline_stops_a_grading_that_ignores_sigterm_or_floods_forever(fake):
    result, lines, seconds = fake(["deaf", "endless flood"], deadline=1.0)
    assert [r.status for r in result.rows] == [TIMED_OUT, TIMED_OUT]
    assert result.rows[0].exit_code == -signal.SIGKILL  # SIGTERM ignored, then SIGKILL
    assert len(result.rows[1].stdout) == OUTPUT_CAP
    assert lines[0].startswith(("deaf: not graded: timed out: stopped after 1 s",
                                "endless flood: not graded: timed out: stopped after 1 s"))
    assert seconds < 1 + KILL_GRACE + 5


def test_a_process_that_left_its_session_is_killed(fake):
    result, _, seconds = fake(["orphan"])
    assert result.rows[0].reason == "the grading process ended with exit status 1 but no " \
                                    "result file (No such file or directory)"
    assert seconds < 10  # the fixture checks that no process holds the marker


def test_at_most_jobs_gradings_run_at_once(fake):
    for jobs in (1, 2):
        result, _, seconds = fake(["nap"] * 5, jobs=jobs)
        spans = [(r.started, r.ended) for r in result.rows]
        most = max(sum(s <= t < e for s, e in spans) for t, _ in spans)
        assert most <= jobs
        assert seconds >= 0.5 * 5 / jobs
        assert result.rows[0].reason == "the grading process ended with exit status 3"


def test_bad_jobs_and_deadline_are_refused():
    with pytest.raises(ValueError, match="jobs must be a positive integer, got 0"):
        grade_class(["x"], jobs=0)
    with pytest.raises(ValueError, match="deadline must be a positive number of seconds, "
                                         "got -1"):
        grade_class(["x"], deadline=-1)


# --- rows, CSV cells, texts -----------------------------------------------------

def test_exit_status_of_a_class():
    def row(status, pts):
        return Row("p", status, points=pts)

    full, below = (30, 15, 5, 40, 10), (30, 0, 5, 40, 10)
    assert ClassResult([row(GRADED, full)] * 2).exit_status == 0
    assert ClassResult([row(GRADED, full), row(GRADED, below)]).exit_status == EXIT_BELOW_100
    assert ClassResult([row(GRADED, full), row(TIMED_OUT, None)]).exit_status == 2
    assert ClassResult([row(NOT_GRADED, None)]).exit_status == 2


def test_text_cells_are_one_clean_line_and_never_a_formula():
    r = Row("=cmd|' /C calc'!A0", NOT_GRADED, reason="x", hint="")
    r.message, r.hint = "", "+1\nline\x07two\x1b]0;title\x07"
    cells = r.cells()
    assert cells[0] == "'=cmd|' /C calc'!A0"
    assert cells[-1] == "'+1 line two"
    assert cells[-2] == "x"
    assert clean_text("a\r\nb\u202ec\u2028d \x1b[1;31me") == "a b c d e"
    assert clean_text("x" * 500, 10) == "xxxxxxx..."
