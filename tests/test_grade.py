"""``nnvec grade``: scores, hints and safety, in both languages.

The solutions graded here are in ``tests/octave/grade_solutions/`` (Octave
folders) and ``tests/grade_solutions/`` (.py files): a correct one per
language and convention, and copies with one mistake each. The table of
known mistakes (``nnvec.grading.mistakes``) is also graded entry by entry, as if each
were a student's file.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time

import nnvec
import numpy as np
import pytest
from conftest import OCTAVE_DIR, ROOT, no_process_with
from nnvec import cli
from nnvec.core.conventions import CONVENTIONS, COURSE, PYTHON_PORT
from nnvec.grading.cases import PARTS, RANDOM_NETWORKS, cost_cases, sigmoid_cases
from nnvec.grading.grade import (
    DEFAULT_TIMEOUT,
    _expected,
    _matches,
    _predict,
    _Raises,
    grade,
    grade_with,
)
from nnvec.grading.grade_worker import decode, encode
from nnvec.grading.mistakes import MISTAKES, _correct_gate, _theta1_data_gradient, reference_cost
from nnvec.grading.results import EXIT_BELOW_100
from nnvec.grading.submission import Call, OctaveRunner, Outcome, PythonRunner, RunError
from numpy.testing import assert_allclose

PY = ROOT / "tests" / "grade_solutions"
OCT = ROOT / "tests" / "octave" / "grade_solutions"
SHORT = 5.0  # seconds: the time limit for the solutions that never return (their other
#              parts must finish within it too, on a busy machine)
COST = (1, 2, 4, 5)


def lambdas(regularized: str) -> tuple[str, ...]:
    """A network's lambda in parts 1, 2, 4, 5 (as in the inputs' titles)."""
    return ("0", regularized, "0", regularized)


# What a failed part must show: the matching mistake of the table, a hint
# (from running the part in other conventions, or about written inputs), or a
# message and no hint. A third item is text its message must hold.
M, H, E = "mistake", "hint", "message"
NO_LABEL_K = "examples, lambda {lam}, the last label never occurs: error: "
ONE_EXAMPLE = "a random 5-4-3 network, 1 example, lambda {lam}, fewer examples than features: "

# name: (path, convention, time limit, {part: (kind, text[, message])}, total)
SOLUTIONS = {
    "octave-good": (OCT / "good", "course", None, {}, 100),
    "octave-bias_regularized": (OCT / "bias_regularized", "course", None,
                                {2: (M, "bias_regularized"), 5: (M, "bias_regularized")}, 75),
    "octave-row_major": (OCT / "row_major", "course", None, dict.fromkeys(COST, (M, "order")), 5),
    "octave-digit_zero_first": (OCT / "digit_zero_first", "course", None,
                                dict.fromkeys(COST, (M, "labels_wrapped")), 5),
    "octave-grad_row": (OCT / "grad_row", "course", None,
                        {4: (M, "grad_row"), 5: (M, "grad_row")}, 50),
    "octave-sigmoid_as_gradient": (OCT / "sigmoid_as_gradient", "course", None,
                                   {3: (M, "sigmoid_instead_of_gradient"),
                                    4: (M, "backprop_sigmoid"), 5: (M, "backprop_sigmoid")}, 45),
    "octave-error": (OCT / "error", "course", None,
                     dict.fromkeys(COST, (E, "error: operator *: nonconformant arguments "
                                             "(op1 is 4x3, op2 is 16x3) (nnCostFunction.m, "
                                             "line 16)")), 5),
    "octave-endless_loop": (OCT / "endless_loop", "course", SHORT,
                            {3: (E, "the time limit of 5 s ran out")}, 95),
    "octave-one_hot_from_labels": (
        OCT / "one_hot_from_labels", "course", None,
        {n: (M, "one_hot_from_labels", "a random 4-6-5 network, 11 " + NO_LABEL_K.format(
            lam=lam) + "product: nonconformant arguments (op1 is 11x4, op2 is 11x5) "
            "(nnCostFunction.m, line 26)") for n, lam in zip(COST, lambdas("0.8"), strict=True)},
        5),
    "octave-m_from_length": (
        OCT / "m_from_length", "course", None,
        {n: (M, "m_from_length", ONE_EXAMPLE.format(lam=lam) + "error: horizontal dimensions "
             "mismatch (5x1 vs 1x5) (nnCostFunction.m, line 16)")
         for n, lam in zip(COST, lambdas("2"), strict=True)}, 5),
    "octave-cost_bias_regularized": (OCT / "cost_bias_regularized", "course", None,
                                     {2: (M, "bias_regularized", "the course's test (2-4-4 "
                                          "network, 16 examples, lambda 1.5): J = 3.83454 where "
                                          "3.64704 is expected")}, 85),
    "python-course_style": (PY / "course_style.py", "course", None, {}, 100),
    "python-course_style-as-port": (PY / "course_style.py", "python-port", None,
                                    dict.fromkeys(COST, (H, "in the course's convention (nn_params "
                                                            "and the gradient column by column, "
                                                            "labels 1..K); here they are row by "
                                                            "row and labels run 0..K-1. To grade "
                                                            "code written that way, add "
                                                            "--convention course.")), 5),
    "python-nnvec_course": (PY / "nnvec_course.py", "course", None, {}, 100),
    "python-nnvec_port": (PY / "nnvec_port.py", "python-port", None, {}, 100),
    "python-nnvec_port-as-course": (PY / "nnvec_port.py", "course", None,
                                    dict.fromkeys(COST, (H, "add --convention python-port")), 5),
    "python-port_style": (PY / "port_style.py", "python-port", None, {}, 100),
    "python-port_style-as-course": (PY / "port_style.py", "course", None,
                                    dict.fromkeys(COST, (H, "in the Python port's convention "
                                                            "(nn_params and the gradient row by "
                                                            "row, labels 0..K-1)")), 5),
    "python-without_one_over_m": (PY / "without_one_over_m.py", "course", None,
                                  dict.fromkeys(COST, (M, "data_without_m")), 5),
    "python-lambda_over_m_in_cost": (PY / "lambda_over_m_in_cost.py", "course", None,
                                     {2: (M, "reg_cost_lambda_over_m")}, 85),
    "python-labels_from_zero": (PY / "labels_from_zero.py", "course", None,
                                dict.fromkeys(COST, (H, "when the labels run 0..K-1; here labels "
                                                        "run 1..K")), 5),
    "python-gradient_as_matrices": (PY / "gradient_as_matrices.py", "course", None,
                                    {4: (M, "grad_matrices"), 5: (M, "grad_matrices")}, 50),
    "python-gradient_of_activation": (PY / "gradient_of_activation.py", "course", None,
                                      {4: (M, "backprop_gradient_of_a2"),
                                       5: (M, "backprop_gradient_of_a2")}, 50),
    "python-unsummed_cost": (PY / "unsummed_cost.py", "course", None,
                             dict.fromkeys((1, 2), (E, "J is an array of size 16x4 where a single "
                                                       "number is expected")), 55),
    "python-sigmoid_gradient_raises": (PY / "sigmoid_gradient_raises.py", "course", None,
                                       {3: (E, "error: TypeError: ")}, 95),
    "python-one_hot_from_labels": (
        PY / "one_hot_from_labels.py", "course", None,
        {n: (M, "one_hot_from_labels", "a random 4-6-5 network, 11 " + NO_LABEL_K.format(
            lam=lam) + "ValueError: operands could not be broadcast together with shapes (11,4) "
            "(11,5) (one_hot_from_labels.py, line 37)")
         for n, lam in zip(COST, lambdas("0.8"), strict=True)}, 5),
    "python-port_one_hot_from_labels": (
        PY / "port_one_hot_from_labels.py", "python-port", None,
        {n: (M, "one_hot_from_labels", "a random 4-6-5 network, 11 " + NO_LABEL_K.format(
            lam=lam) + "ValueError: operands could not be broadcast together with shapes (11,4) "
            "(11,5) (port_one_hot_from_labels.py, line 36)")
         for n, lam in zip(COST, lambdas("0.8"), strict=True)}, 5),
    "python-writes_into_params": (
        PY / "writes_into_params.py", "course", None,
        {n: (H, "nnCostFunction writes into its input nn_params, which the caller still holds",
             f"the course's test (2-4-4 network, 16 examples, lambda {lam}): nnCostFunction "
             "wrote into nn_params, which must come back unchanged")
         for n, lam in zip(COST, lambdas("1.5"), strict=True)}, 5),
    "python-labels_shifted_in_place": (
        PY / "labels_shifted_in_place.py", "course", None,
        dict.fromkeys(COST, (H, "nnCostFunction writes into its input y, which the caller still "
                                "holds", "nnCostFunction wrote into y, which must come back "
                                         "unchanged")), 5),
    "python-sigmoid_clips_in_place": (
        PY / "sigmoid_clips_in_place.py", "course", None,
        {3: (H, "sigmoidGradient writes into its input z, which the caller still holds",
             "a 4x6 matrix with entries up to 30 in size: sigmoidGradient wrote into z, which "
             "must come back unchanged")}, 95),
    "python-grad_not_regularized": (PY / "grad_not_regularized.py", "course", None,
                                    {5: (M, "no_regularization", "the course's test (2-4-4 "
                                         "network, 16 examples, lambda 1.5): grad(6), "
                                         "Theta1_grad(2, 2), is -0.00419446 where -0.0979435 is "
                                         "expected")}, 90),
    "python-endless_loop": (PY / "endless_loop.py", "course", SHORT,
                            {2: (E, "the time limit of 5 s ran out"),
                             5: (E, "the time limit of 5 s ran out")}, 75),
}


#: What a mistake's hint for a part of one output must not name: the other output.
_OTHER_OUTPUT = {"J": "gradient", "grad": "cost", "g": "nnCostFunction"}


def check_result(result, convention, expected, total):
    """The failed parts are exactly `expected`, each with its mistake, hint or message.

    A passing part has no message and no hint; a mistake's hint is the one for
    the part's output, and never names the other output.
    """
    failed = {r.part.number: r for r in result.parts if not r.passed}
    assert set(failed) == set(expected), [r.line() for r in result.parts]
    for r in result.parts:
        if r.passed:
            assert (r.message, r.hint, r.mistake) == ("", "", None), r.line()
    for number, (kind, text, *message) in expected.items():
        r = failed[number]
        assert r.earned == 0
        if kind == M:
            assert r.mistake == text, r.line()
            assert r.hint == MISTAKES[text].hint_for(CONVENTIONS[convention], r.part.output)
            assert _OTHER_OUTPUT[r.part.output] not in r.hint, r.line()
        elif kind == H:
            assert r.mistake is None and text in r.hint, r.line()
        else:
            assert r.mistake is None and r.hint == "" and text in r.message, r.line()
        if message:
            assert message[0] in r.message, r.line()
    assert result.total == total
    assert result.exit_status == (0 if total == 100 else EXIT_BELOW_100)


@pytest.mark.parametrize("name", list(SOLUTIONS))
def test_solution_loses_exactly_the_parts_of_its_mistake(name):
    path, convention, timeout, expected, total = SOLUTIONS[name]
    lines = []
    result = grade(path, convention, timeout or DEFAULT_TIMEOUT, echo=lines.append)
    check_result(result, convention, expected, total)
    assert result.init_passed, result.init_message
    assert lines[-1] == f"Total: {total} / 100"
    # title, files, isolation, convention, parts, randInitializeWeights, total
    assert len(lines) == 4 + len(PARTS) + 2


def run_cli(*args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nnvec", *args], capture_output=True, text=True,
                          cwd=kw.pop("cwd", ROOT), timeout=300, check=False, **kw)


def test_nnvec_grade_octave_prints_100_and_exits_0():
    r = run_cli("grade", "octave")  # nnvec's own Octave functions, as the README runs it
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert lines[-1] == "Total: 100 / 100"
    assert sum(line.endswith("  passed") for line in lines) == 5
    assert "randInitializeWeights (checked, no points)  passed" in r.stdout
    assert r.stderr == ""


def test_make_grade_runs_the_grader_on_SOLUTION():
    def dry_run(*args):
        r = subprocess.run(["make", "-n", "--no-print-directory", "grade", *args], cwd=ROOT,
                           capture_output=True, text=True, timeout=60, check=True)
        return [line for line in r.stdout.splitlines() if "-m nnvec grade" in line][-1]

    assert dry_run().endswith('-m nnvec grade "octave" ')  # nnvec's own by default
    assert dry_run("SOLUTION=my ex4.py", "GRADE_ARGS=--convention python-port").endswith(
        '-m nnvec grade "my ex4.py" --convention python-port')


def test_bias_regularized_octave_scores_75_with_a_hint_about_the_bias(capsys):
    status = cli.main(["grade", str(OCT / "bias_regularized")])
    out = capsys.readouterr().out
    assert status == EXIT_BELOW_100 != 0
    assert out.splitlines()[-1] == "Total: 75 / 100"
    failed = [line for line in out.splitlines() if "failed:" in line]
    assert [line.split()[1] for line in failed] == ["2", "5"]
    assert all("Hint: the bias column" in line for line in failed)


def test_port_solution_scores_100_with_python_port_and_fails_under_the_course(capsys):
    assert cli.main(["grade", str(PY / "port_style.py"), "--convention", "python-port"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Total: 100 / 100"
    assert cli.main(["grade", str(PY / "port_style.py"), "--convention", "course"]) == \
        EXIT_BELOW_100
    failed = [line for line in capsys.readouterr().out.splitlines() if "failed:" in line]
    assert len(failed) == 4 and all("row by row" in line for line in failed)
    # Without --convention the port's is detected (tests/test_grade_notebooks.py has more).
    assert cli.main(["grade", str(PY / "port_style.py")]) == 0
    assert "Convention: python-port (detected: " in capsys.readouterr().out


@pytest.mark.parametrize(("args", "message"), [
    (["grade", "no/such/folder"], "no such file or folder: no/such/folder"),
    (["grade", "tests"], "tests holds none of nnCostFunction.m, sigmoidGradient.m, "
                         "randInitializeWeights.m"),
    (["grade", "README.md"],
     "PATH must be a folder of Octave files, a .py file or a notebook (.ipynb), got README.md"),
    (["grade", "octave", "--convention", "python-port"],
     "Octave solutions follow the course's convention only; --convention python-port is for "
     ".py files"),
    (["grade", "octave", "--timeout", "0"], "argument --timeout: must be a positive number, "
                                            "got '0'"),
    (["grade", "octave", "--convention", "numpy"], "argument --convention: invalid choice"),
])
def test_usage_errors_exit_2_with_one_line(capsys, args, message):
    with pytest.raises(SystemExit) as info:
        cli.main(args)
    assert info.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"nnvec: error: {message}") and err.count("\n") == 1


def test_usage_error_from_the_command_line():
    r = run_cli("grade", "no/such/folder")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == "nnvec: error: no such file or folder: no/such/folder\n"


def test_grading_needs_no_network_and_no_data_files(tmp_path):
    """Grade with every network connection refused and a log of the .mat files opened.

    An audit hook (Python's, in the grader and in the child that runs the
    .py file) refuses sockets and records .mat files: only the exchange files
    in the temporary folders may show up. The run starts outside the
    repository, with an empty HOME and data folder.
    """
    site = tmp_path / "site"
    site.mkdir()
    log = tmp_path / "opened.txt"
    (site / "sitecustomize.py").write_text(textwrap.dedent(f"""
        import sys

        def _hook(event, args):
            if event in ("socket.connect", "socket.getaddrinfo", "socket.sendto"):
                raise OSError("no network in this test")
            if event == "open" and str(args[0]).endswith(".mat"):
                with open({str(log)!r}, "a") as fh:
                    fh.write(str(args[0]) + "\\n")

        sys.addaudithook(_hook)
    """))
    (tmp_path / "home").mkdir()
    env = dict(os.environ, PYTHONPATH=str(site), HOME=str(tmp_path / "home"),
               NNVEC_DATA_DIR=str(tmp_path / "home"))
    for path in (OCTAVE_DIR, PY / "nnvec_course.py"):
        r = run_cli("grade", str(path), cwd=tmp_path, env=env)
        assert r.returncode == 0, r.stdout + r.stderr
        assert r.stdout.splitlines()[-1] == "Total: 100 / 100"
    opened = log.read_text().split() if log.exists() else []
    assert opened, "the audit hook saw no .mat file (the Octave exchange files)"
    tmp = os.path.realpath(tempfile.gettempdir())
    assert all(os.path.realpath(p).startswith(tmp) for p in opened), opened


# --- safety ---------------------------------------------------------------------

def _alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie waiting for init to reap it counts as ended)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def _gone(pids: list[int]) -> bool:
    for _ in range(50):
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.1)
    return False


def _tag() -> str:
    """A sleep duration no other process uses: the students' processes are found by it
    (inside a sandbox their pids are not the grader's)."""
    return f"300.{os.getpid()}{time.monotonic_ns() % 10**9}"


def test_python_endless_loop_is_stopped_with_what_it_started(tmp_path):
    tag = _tag()
    solution = tmp_path / "looping.py"
    solution.write_text(textwrap.dedent(f"""
        import subprocess

        def sigmoidGradient(z):
            subprocess.Popen(["sleep", "{tag}"])
            while True:
                pass
    """))
    runner = PythonRunner(solution, timeout=SHORT)
    try:
        assert runner.missing("sigmoidGradient") is None  # started, within SHORT
        with pytest.raises(RunError, match="time limit of 1 s ran out") as info:
            runner.run([Call("sigmoidGradient", (np.zeros((1, 1)),))], 1.0)
        assert info.value.kind == "timeout"
        assert _gone(runner.pids) and no_process_with(tag)
        # The next batch gets a new process.
        assert runner.missing("sigmoidGradient") is None
    finally:
        runner.close()
    assert len(runner.pids) == 2 and _gone(runner.pids)


def test_octave_endless_loop_is_stopped_with_what_it_started(tmp_path):
    tag = _tag()
    (tmp_path / "sigmoidGradient.m").write_text(textwrap.dedent(f"""\
        function g = sigmoidGradient(z)
        system('sleep {tag} &');
        g = z;
        while true
          g = g + 0;
        end
        end
    """))
    runner = OctaveRunner(tmp_path)
    try:
        with pytest.raises(RunError, match="time limit of 5 s ran out"):
            runner.run([Call("sigmoidGradient", (np.zeros((1, 1)),))], SHORT)
        assert _gone(runner.pids) and no_process_with(tag)
    finally:
        runner.close()


def test_a_process_that_exits_fails_its_part_only(tmp_path):
    # In these two solutions nnCostFunction does not call sigmoidGradient.
    solution = tmp_path / "exits.py"
    solution.write_text((PY / "sigmoid_gradient_raises.py").read_text().replace(
        "    s = 1.0 / (1.0 + math.exp(-z))\n", "    os._exit(3)\n").replace(
        "import math\n", "import math\nimport os\n"))
    folder = tmp_path / "octave"
    shutil.copytree(OCT / "endless_loop", folder)
    text = (folder / "sigmoidGradient.m").read_text()
    (folder / "sigmoidGradient.m").write_text(text.replace("s = sigmoid(z);", "exit(3);"))
    for path, message in [
            (solution, "the Python process ended while running sigmoidGradient (exit status 3)"),
            (folder, "Octave ended before returning results (exit status 3")]:
        result = grade(path)
        assert [r.part.number for r in result.parts if not r.passed] == [3]
        assert message in result.parts[2].message
        assert result.total == 95 and result.init_passed


@pytest.mark.parametrize(("source", "message"), [
    ("import numpy\nraise RuntimeError('not today')\n",
     "broken.py could not be imported: RuntimeError: not today (broken.py, line 2)"),
    ("def nnCostFunction(:\n", "broken.py could not be imported: SyntaxError: "),
    ("while True:\n    pass\n", "stopped while importing broken.py: the time limit of 5 s ran "
                                 "out"),
])
def test_a_file_that_cannot_be_imported_scores_0(tmp_path, source, message):
    (tmp_path / "broken.py").write_text(source)
    result = grade(tmp_path / "broken.py", timeout=SHORT)
    assert result.total == 0 and not result.init_passed
    assert all(r.message.startswith(message) for r in result.parts)
    assert result.init_message.startswith(message)


def test_missing_octave_file_fails_its_part_and_is_never_filled_in_by_nnvec(tmp_path):
    # Without sigmoidGradient.m in the folder, part 3 fails naming the file, and
    # the nnCostFunction that calls sigmoidGradient fails too: nnvec's own
    # sigmoidGradient is not on the student's path.
    shutil.copy(OCT / "good" / "nnCostFunction.m", tmp_path)
    result = grade(tmp_path)
    assert [r.part.number for r in result.parts if not r.passed] == [1, 2, 3, 4, 5]
    assert result.parts[2].message == f"no sigmoidGradient.m in {tmp_path.resolve()}"
    for r in result.parts[:2] + result.parts[3:]:
        assert "sigmoidGradient" in r.message, r.message
    assert not result.init_passed and "no randInitializeWeights.m" in result.init_message


@pytest.mark.parametrize("name", ["jürgen/ex4", "ex4:v2", "my ex4; 'quoted'", "-ex4"])
def test_a_wrong_solution_at_an_awkward_path_is_graded_as_given(tmp_path, name):
    # A path with a non-ASCII letter, ':' (addpath's separator), spaces, quotes,
    # ';' or a leading '-' must reach the student's own files: the wrong
    # solution scores its 75, never nnvec's 100.
    folder = tmp_path / name
    shutil.copytree(OCT / "bias_regularized", folder)
    lines = []
    result = grade(folder, echo=lines.append)
    assert result.total == 75
    assert lines[1] == ("Files graded: nnCostFunction.m, randInitializeWeights.m, "
                        "sigmoidGradient.m")


def test_only_the_courses_handouts_are_on_the_students_path(tmp_path):
    # The student's code may call what the course hands out (sigmoid), never
    # nnvec's functions that answer a part.
    shutil.copy(OCT / "good" / "sigmoidGradient.m", tmp_path)
    shutil.copy(OCT / "good" / "randInitializeWeights.m", tmp_path)
    (tmp_path / "nnCostFunction.m").write_text(
        "function [J, grad] = nnCostFunction(p, n, h, K, X, y, lambda)\n"
        "  [J, grad] = nnCost(p, [n h K], X, y, lambda);\n"
        "end\n")
    result = grade(tmp_path)
    assert result.parts[2].passed and result.init_passed
    for r in (result.parts[0], result.parts[3]):
        assert not r.passed and "nnCost" in r.message, r.message
    from nnvec.grading.submission import OctaveRunner
    runner = OctaveRunner(tmp_path)
    try:
        from nnvec.grading.submission import Call
        [o] = runner.run([Call("sigmoid", (0.0,))], 30)
        assert o.error is None and np.asarray(o.values[0]).item() == 0.5
    finally:
        runner.close()


def test_the_students_code_cannot_change_the_grader(tmp_path):
    # At import, the file replaces nnvec's reference and the grader's
    # comparison in its own process; the grader, in another, is unaffected.
    (tmp_path / "meddles.py").write_text(textwrap.dedent("""
        import numpy as np
        import nnvec.grading.grade
        import nnvec.grading.mistakes

        nnvec.grading.mistakes.reference_cost = lambda *args: (0.0, np.zeros(1))
        nnvec.grading.grade._matches = lambda out, expected: True

        def nnCostFunction(p, n, h, K, X, y, lam):
            return 0.0, np.zeros(np.size(p))

        def sigmoidGradient(z):
            return np.zeros(np.shape(z))
    """))
    result = grade(tmp_path / "meddles.py")
    assert result.total == 0


def test_octave_starts_with_no_history_from_OCTAVE_EXECUTABLE(tmp_path, monkeypatch):
    # A wrapper named by OCTAVE_EXECUTABLE (as oct2py reads it) logs its
    # arguments; outside a sandbox, so that it can write the log here.
    monkeypatch.setenv("NNVEC_SANDBOX", "limits")
    log = tmp_path / "args.txt"
    wrapper = tmp_path / "octave-wrapper"
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> {log}\nexec {shutil.which("octave-cli")} "$@"\n')
    wrapper.chmod(0o755)
    monkeypatch.setenv("OCTAVE_EXECUTABLE", str(wrapper))
    assert grade(OCT / "good").total == 100
    runs = [r for r in log.read_text().splitlines() if "nnvec_grade_batch.m" in r.split()]
    assert len(runs) == len(PARTS) + 1  # one Octave per part and one for randInitializeWeights
    assert all("--no-history" in run.split() for run in runs)
    monkeypatch.setenv("OCTAVE_EXECUTABLE", str(tmp_path / "missing"))
    with pytest.raises(FileNotFoundError, match=r"OCTAVE_EXECUTABLE is .*missing"):
        grade(OCT / "good")


def test_python_solution_does_not_see_nnvecs_folder(tmp_path):
    # nnvec's modules (cost.py, train.py, ...) must not shadow a student's imports.
    (tmp_path / "clean.py").write_text(textwrap.dedent("""
        import importlib.util

        import numpy as np

        if importlib.util.find_spec("grade_worker") or importlib.util.find_spec("cost"):
            raise ImportError("nnvec's package folder is on sys.path")

        def sigmoidGradient(z):
            s = 1 / (1 + np.exp(-z))
            return s * (1 - s)
    """))
    result = grade(tmp_path / "clean.py")
    assert result.parts[2].passed, result.parts[2].message


class Faulty:
    """A runner whose calls fail inside the grader (not in the student's code)."""

    language = "Python"

    def missing(self, function):
        return None

    def run(self, calls, timeout):
        raise TypeError("unexpected")


def test_a_fault_of_the_grader_fails_the_part_and_grading_goes_on():
    result = grade_with(Faulty(), COURSE, 1.0)
    assert result.total == 0 and len(result.parts) == len(PARTS)
    assert all("internal error; please report it): TypeError: unexpected" in r.message
               for r in result.parts)
    assert result.init_message == "not checked (an internal error): TypeError: unexpected"


def test_wrong_random_weights_are_reported(tmp_path):
    checks = {
        "np.zeros((L_out, 1 + L_in))": "returns all zeros, the template's value (not "
                                       "implemented yet?)",
        "np.full((L_out, 1 + L_in), 0.1)": "has two equal rows",
        "np.ones((L_out, L_in))": "returned an array of size 4x2; expected a 4x3 matrix",
        "np.random.default_rng().uniform(0, 0.1, (L_out, 1 + L_in))": "all have the same sign",
        "np.random.default_rng().uniform(-5, 5, (L_out, 1 + L_in))": "reaches",
    }
    for body, message in checks.items():
        (tmp_path / "init.py").write_text(
            f"import numpy as np\n\n\ndef randInitializeWeights(L_in, L_out):\n"
            f"    return {body}\n")
        result = grade(tmp_path / "init.py")
        assert not result.init_passed and message in result.init_message, result.init_message
        assert "randInitializeWeights (checked, no points)  failed: " in result.init_line()


# --- the table of mistakes ------------------------------------------------------

def _cases(part):
    return sigmoid_cases() if part.function == "sigmoidGradient" else cost_cases(
        part.regularized)


def _changes(mistake, part, conv) -> bool:
    """Whether `mistake` returns anything else than the reference on some input of `part`."""
    return any(
        isinstance(pred, _Raises) or not _matches(pred, _expected(part, case, conv))
        for case in _cases(part)
        for pred in [_predict(part, case, conv, mistake.impl, mistake.impl)])


def _same(a, b, part, conv) -> bool:
    """Whether mistakes `a` and `b` return the same on every input of `part`."""
    for case in _cases(part):
        pa = _predict(part, case, conv, a.impl, a.impl)
        pb = _predict(part, case, conv, b.impl, b.impl)
        if isinstance(pa, _Raises) or isinstance(pb, _Raises):
            if not (isinstance(pa, _Raises) and isinstance(pb, _Raises)):
                return False
        elif not (_matches(pa, pb) and _matches(pb, pa)):
            return False
    return True


@pytest.mark.parametrize("conv", [COURSE, PYTHON_PORT], ids=lambda c: c.name)
@pytest.mark.parametrize("name", list(MISTAKES))
def test_mistake_changes_exactly_its_parts(name, conv):
    m = MISTAKES[name]
    changed = {p.number for p in PARTS if p.function == m.function and _changes(m, p, conv)}
    assert changed == set(m.parts)


class InProcess:
    """A runner that calls one mistake (the reference elsewhere) here, as a .py file would be.

    The values go through the worker's JSON round trip, as from a child process.
    """

    language = "Python"

    def __init__(self, mistake, conv):
        self.mistake, self.conv = mistake, conv

    def missing(self, function):
        return None

    def run(self, calls, timeout):
        outcomes = []
        for call in calls:
            own = self.mistake.function == call.function
            try:
                if call.function == "nnCostFunction":
                    p, n, h, K, X, y, lam = call.args
                    cost = self.mistake.impl if own else reference_cost
                    value = cost(p, (n, h, K), X, y, lam, self.conv)
                elif call.function == "sigmoidGradient":
                    value = (self.mistake.impl if own else nnvec.sigmoid_gradient)(*call.args)
                else:
                    value = nnvec.rand_initialize_weights(*call.args)
            except (ValueError, IndexError) as exc:
                outcomes.append(Outcome(error=f"{type(exc).__name__}: {exc}"))
                continue
            value = decode(json.loads(json.dumps(encode(value))))
            several = call.nout > 1 and isinstance(value, list)
            outcomes.append(Outcome(values=list(value) if several else [value]))
        return outcomes


@pytest.mark.parametrize("conv", [COURSE, PYTHON_PORT], ids=lambda c: c.name)
@pytest.mark.parametrize("name", list(MISTAKES))
def test_each_mistake_graded_as_a_submission_gets_its_hint(name, conv):
    m = MISTAKES[name]
    result = grade_with(InProcess(m, conv), conv, DEFAULT_TIMEOUT)
    failed = {r.part.number: r for r in result.parts if not r.passed}
    assert set(failed) == set(m.parts)
    order = list(MISTAKES)
    for number, r in failed.items():
        part = PARTS[number - 1]
        if r.mistake is None:
            # No hint only where the mistake raises on some input of the part.
            assert r.hint == "" and any(
                isinstance(_predict(part, c, conv, m.impl, m.impl), _Raises)
                for c in _cases(part)), r.line()
            continue
        # Its own hint, or that of an earlier entry that returns the same values here.
        assert r.mistake == name or (order.index(r.mistake) < order.index(name)
                                     and _same(MISTAKES[r.mistake], m, part, conv)), r.line()
        assert r.hint == MISTAKES[r.mistake].hint_for(conv, part.output)
    assert result.total == 100 - sum(p.points for p in PARTS if p.number in m.parts)


@pytest.mark.parametrize("name", ["backprop_bias", "grad_side_by_side"])
def test_mistake_written_as_a_file_is_found_through_a_child_process(tmp_path, name):
    # Mistakes that no handwritten fixture has: a longer gradient (NaN stands
    # for "any value" in the bias row) and a matrix that only some networks allow.
    (tmp_path / "solution.py").write_text(textwrap.dedent(f"""
        from nnvec import rand_initialize_weights as randInitializeWeights  # noqa: F401
        from nnvec import sigmoid_gradient as sigmoidGradient  # noqa: F401
        from nnvec.core.conventions import COURSE
        from nnvec.grading.mistakes import MISTAKES

        def nnCostFunction(p, n, h, K, X, y, lam):
            return MISTAKES[{name!r}].impl(p, (n, h, K), X, y, lam, COURSE)
    """))
    result = grade(tmp_path / "solution.py")
    assert {r.part.number for r in result.parts if not r.passed} == set(MISTAKES[name].parts)
    assert [r.mistake for r in result.parts[3:]] == [name, name]


def test_backprop_mutation_leaves_the_rest_of_the_reference():
    # The backprop mutations replace the data part of Theta1's gradient; with
    # the reference's own factor a2 .* (1 - a2) that part is the reference's.
    case = cost_cases(regularized=False)[2]
    p, sizes, X, y, lam = case.inputs(COURSE)
    _, grad = reference_cost(p, sizes, X, y, lam)
    Y = np.eye(sizes[-1])[y - 1]
    G1 = _theta1_data_gradient(case.Thetas, X, Y, _correct_gate)
    assert_allclose(G1, nnvec.reshape_params(grad, sizes)[0], rtol=1e-12, atol=1e-15)


# --- the inputs that catch real solutions' bugs (#19 s2) -------------------------

@pytest.mark.parametrize("regularized", [False, True])
def test_cost_cases_include_a_batch_without_label_K_and_a_single_example(regularized):
    cases = cost_cases(regularized)
    assert cases[0].title.startswith("the course's test")
    # The random networks of before, every label present; then the new ones.
    for case, (sizes, m, lam) in zip(cases[1:4], RANDOM_NETWORKS, strict=True):
        assert (case.sizes, len(case.y)) == (sizes, m)
        assert set(case.y) == set(range(1, sizes[-1] + 1))
        assert case.lambda_ == (lam if regularized else 0.0)
    no_k, single = cases[4:]
    K = no_k.sizes[-1]
    assert set(no_k.y) == set(range(1, K)) and K not in no_k.y
    assert "the last label never occurs" in no_k.title
    assert single.X.shape == (1, single.sizes[0]) and single.sizes[0] > 1
    assert single.y.tolist() == [single.sizes[-1]]
    assert "1 example," in single.title and "fewer examples than features" in single.title
    # Drawn from SEED: the same inputs on every run.
    for a, b in zip(cases, cost_cases(regularized), strict=True):
        assert a.title == b.title and np.array_equal(a.y, b.y) and np.array_equal(a.X, b.X)
        assert all(np.array_equal(s, t) for s, t in zip(a.Thetas, b.Thetas, strict=True))


def test_one_hot_sized_from_the_labels_passed_before_the_new_inputs():
    # Without the batch that lacks label K, the fixture's values are right: the
    # new input is what catches it (today's 100 for five real solutions).
    for part in PARTS:
        if part.function != "nnCostFunction":
            continue
        for case in cost_cases(part.regularized)[:4]:
            pred = _predict(part, case, COURSE, MISTAKES["one_hot_from_labels"].impl, None)
            assert _matches(pred, _expected(part, case, COURSE))


# --- arguments written into ---------------------------------------------------------

def test_the_worker_reports_the_arguments_a_call_wrote_into(tmp_path):
    (tmp_path / "writes.py").write_text(textwrap.dedent("""
        import numpy as np

        def sigmoidGradient(z):
            if z.size == 2:
                z[0, 1] = 7.0       # a write
            elif z.size == 3:
                z.shape = (3,)      # a new shape
            elif z.size == 4:
                z[0, 0] = np.nan    # NaN where there was a number
            elif z.size == 5:
                z[...] = z          # the same values: nothing changed
            elif z.size == 6:
                z[0, 0] = 5.0
                raise RuntimeError("after writing")
            return np.zeros(np.shape(z))

        def nnCostFunction(p, n, h, K, X, y, lam):
            X *= 2
            y -= 1
            return 0.0, np.zeros(np.size(p))
    """))
    runner = PythonRunner(tmp_path / "writes.py", timeout=30)
    try:
        nan_row = np.array([[np.nan, 1.0, 2.0, np.nan, 3.0]])
        outcomes = runner.run([Call("sigmoidGradient", (np.array([[1.0, 2.0]]),)),
                               Call("sigmoidGradient", (np.ones((3, 1)),)),
                               Call("sigmoidGradient", (np.ones((1, 4)),)),
                               Call("sigmoidGradient", (nan_row,)),   # NaN equals NaN
                               Call("sigmoidGradient", (np.ones((2, 3)),)),
                               Call("sigmoidGradient", (np.ones((1, 1)),))], 30)
        assert [o.changed for o in outcomes] == [(0,), (0,), (0,), (), (0,), ()]
        assert outcomes[4].error.startswith("RuntimeError: after writing")
        p, sizes, X, y, lam = cost_cases(False)[0].inputs(COURSE)
        [o] = runner.run([Call("nnCostFunction", (p, *sizes, X, y, lam), 2)], 30)
        assert o.changed == (4, 5) and o.error is None  # X and y, as numbered in the call
    finally:
        runner.close()


class Writes:
    """A runner whose calls return the reference's values and report ``changed[function]``."""

    language = "Python"

    def __init__(self, changed):
        self.changed = changed

    def missing(self, function):
        return None

    def run(self, calls, timeout):
        outcomes = []
        for call in calls:
            if call.function == "nnCostFunction":
                p, n, h, K, X, y, lam = call.args
                values = list(reference_cost(p, (n, h, K), X, y, lam))
            elif call.function == "sigmoidGradient":
                values = [nnvec.sigmoid_gradient(*call.args)]
            else:
                values = [nnvec.rand_initialize_weights(*call.args)]
            outcomes.append(Outcome(values=values, changed=self.changed.get(call.function, ())))
        return outcomes


def test_right_values_from_a_call_that_wrote_into_its_inputs_fail_every_part():
    # Indices as the worker sends them, in any order.
    changed = {"nnCostFunction": (5, 0, 4), "sigmoidGradient": (0,), "randInitializeWeights": (0,)}
    result = grade_with(Writes(changed), COURSE, DEFAULT_TIMEOUT)
    assert result.total == 0 and [r.earned for r in result.parts] == [0] * 5
    for r in result.parts:
        names = {"nnCostFunction": "nn_params, X and y", "sigmoidGradient": "z"}[r.part.function]
        assert r.message.startswith("the course's test (")
        assert r.message.endswith(f"{r.part.function} wrote into {names}, which must come back "
                                  "unchanged"), r.line()
        assert r.hint.startswith(f"{r.part.function} writes into its input"), r.line()
    assert "inputs nn_params, X and y, which the caller still holds" in result.parts[0].hint
    assert "Theta1[:, 0] = 0" in result.parts[0].hint  # a view of nn_params
    assert "Theta1" not in result.parts[2].hint
    assert not result.init_passed
    assert result.init_message == "randInitializeWeights(2, 4) wrote into L_in"
    result = grade_with(Writes({}), COURSE, DEFAULT_TIMEOUT)  # the same calls, nothing written
    assert result.total == 100 and result.init_passed


# --- hints: the failing part's only ------------------------------------------------

def _one_output(mistake, output):
    """`mistake` made in `output` only: its J with the reference's gradient, or the reverse."""
    def impl(p, sizes, X, y, lam, conv):
        J, g = reference_cost(p, sizes, X, y, lam, conv)
        Jm, gm = mistake.impl(p, sizes, X, y, lam, conv)
        return (Jm, g) if output == "J" else (J, gm)
    return dataclasses.replace(mistake, impl=impl)


def _never_raises(mistake, conv) -> bool:
    return not any(isinstance(_predict(part, case, conv, mistake.impl, mistake.impl), _Raises)
                   for part in PARTS if part.function == mistake.function
                   for case in _cases(part))


#: Mistakes of both outputs that return values everywhere: each made in one output only.
SPLIT = [(name, output) for name, m in MISTAKES.items()
         if m.function == "nnCostFunction" and {1, 2} & m.parts and {4, 5} & m.parts
         and _never_raises(m, COURSE) for output in ("J", "grad")]


@pytest.mark.parametrize("conv", [COURSE, PYTHON_PORT], ids=lambda c: c.name)
@pytest.mark.parametrize(("name", "output"), SPLIT)
def test_a_mistake_in_one_output_gets_a_hint_about_that_output_only(name, output, conv):
    # The cost regularized but not the gradient, the bias regularized in the
    # cost only, ...: the parts of the other output pass with no hint, and the
    # failing parts' hints never name the output that passed.
    half = _one_output(MISTAKES[name], output)
    result = grade_with(InProcess(half, conv), conv, DEFAULT_TIMEOUT)
    parts = {p.number for p in PARTS if p.output == output} & MISTAKES[name].parts
    failed = {r.part.number: r for r in result.parts if not r.passed}
    assert set(failed) == parts, [r.line() for r in result.parts]
    for r in result.parts:
        if r.passed:
            assert (r.message, r.hint) == ("", ""), r.line()
        else:
            assert r.mistake is not None, r.line()
            assert r.hint == MISTAKES[r.mistake].hint_for(conv, output)
            assert _OTHER_OUTPUT[output] not in r.hint, r.line()


def test_the_split_covers_the_regularization_and_the_one_over_m():
    names = {name for name, _ in SPLIT}
    assert {"bias_regularized", "no_regularization", "reg_without_m", "data_without_m",
            "nothing_over_m", "order"} <= names


def test_the_hint_of_part_2_alone_or_part_5_alone_leaves_the_passed_part_alone():
    # The two examples, as students write them: the README's bias
    # hint said "in the cost and in the gradient" where only one had it.
    cost_only = grade(OCT / "cost_bias_regularized")
    grad_only = grade(PY / "grad_not_regularized.py")
    assert [r.part.number for r in cost_only.parts if not r.passed] == [2]
    assert [r.part.number for r in grad_only.parts if not r.passed] == [5]
    assert cost_only.parts[1].hint == (
        "the bias column (column 1 of Theta1 and Theta2, the weights of the +1 units) is "
        "regularized in the cost; leave it out of the sum of squared weights that lambda/(2m) "
        "multiplies.")
    assert grad_only.parts[4].hint == (
        "lambda changes nothing in the gradient: its regularization is missing (lambda/m times "
        "each non-bias weight, added to its entry of Theta1_grad or Theta2_grad).")


# --- the template's zeros --------------------------------------------------------

@pytest.mark.parametrize("path", [OCT / "template", PY / "template.py"], ids=["octave", "python"])
def test_the_untouched_template_is_told_it_returns_zeros(path):
    result = grade(path)
    assert result.total == 0 and result.exit_status == EXIT_BELOW_100
    for r in result.parts:
        assert r.earned == 0 and r.hint == "" and r.mistake is None
    messages = [r.message for r in result.parts]
    lam = ["0", "1.5", None, "0", "1.5"]
    course = "the course's test (2-4-4 network, 16 examples, lambda {})"
    for i in (0, 1):
        assert messages[i] == (
            "J = 0 on every input: nnCostFunction still returns the template's zeros (not "
            f"implemented yet?); {course.format(lam[i])}: J = 0 where "
            f"{('3.08745', '3.64704')[i]} is expected")
    for i in (3, 4):
        assert messages[i] == (
            "grad is all zeros on every input: nnCostFunction still returns the template's zeros "
            f"(not implemented yet?); {course.format(lam[i])}: grad is all zeros where grad(15), "
            "Theta2_grad(3, 1), should be 0.466911")
    assert messages[2] == (
        "sigmoidGradient(z) is all zeros on every input: sigmoidGradient still returns the "
        "template's zeros (not implemented yet?); the course's test (3 sin(1:30) as a 3x10 "
        "matrix): sigmoidGradient(z) is all zeros where element (1, 8) should be 0.249956")
    assert not result.init_passed
    assert result.init_message.startswith("randInitializeWeights(2, 4) returns all zeros, the "
                                          "template's value (not implemented yet?)")


@pytest.mark.parametrize(("change", "message"), [
    # Backprop not written yet: parts 4 and 5 say so, the cost's parts pass.
    ("    return J, np.zeros(np.size(nn_params))\n",
     "grad is all zeros on every input: nnCostFunction still returns the template's zeros"),
    # Zeros on one input only: that input, and no talk of the template.
    ("    if m == 1:\n        return J, np.zeros(np.size(nn_params))\n",
     "a random 5-4-3 network, 1 example, lambda {}, fewer examples than features: grad is all "
     "zeros where grad("),
])
def test_a_gradient_of_zeros_is_named_as_zeros(tmp_path, change, message):
    text = (PY / "course_style.py").read_text()
    anchor = "    d3 = h - Y\n"
    (tmp_path / "zeros.py").write_text(text.replace(anchor, change + anchor))
    result = grade(tmp_path / "zeros.py")
    assert [r.part.number for r in result.parts if not r.passed] == [4, 5]
    assert result.total == 50
    for r, lam in zip(result.parts[3:], ("0", "2"), strict=True):
        assert r.message.startswith(message.format(lam)), r.line()
        assert r.hint == "" and ("template" in r.message) == ("{}" not in message)
