"""Grading from a notebook (``nnvec grade NB.ipynb``), functions passed directly
(``nnvec.grade_functions``) and the detection of a Python submission's convention.

The notebooks are built here with json from the .py fixtures of
``tests/grade_solutions/``: a correct one per convention and buggy ones, which
must be caught. A cell's statements other than definitions and imports must
not run: those here write a file, call input() or raise.
"""

from __future__ import annotations

import json

import nnvec
import numpy as np
import pytest
from conftest import ROOT
from nnvec import cli
from nnvec.grading.grade import grade
from nnvec.grading.notebook import NotebookError, definitions_source

PY = ROOT / "tests" / "grade_solutions"


def notebook(path, *cells, nbformat=4):
    """Write a notebook of `cells` (str: a code cell; ('markdown', text): a markdown cell)."""
    out = []
    for c in cells:
        kind, text = c if isinstance(c, tuple) else ("code", c)
        cell = {"cell_type": kind, "metadata": {}, "source": text.splitlines(keepends=True)}
        if kind == "code":
            cell.update(outputs=[], execution_count=None)
        out.append(cell)
    path.write_text(json.dumps({"cells": out, "metadata": {}, "nbformat": nbformat,
                                "nbformat_minor": 5}))
    return path


def side_effects(tmp_path):
    """A cell of statements that must never run: each leaves a trace or stops the run."""
    marker = tmp_path / "ran.txt"
    return marker, (f"open({str(marker)!r}, 'w').write('ran')\n"
                    "name = input('your name? ')\n"
                    "raise SystemExit('the cells ran')\n")


# --- nnvec grade NB.ipynb --------------------------------------------------------

def test_a_port_notebook_scores_100_in_the_detected_convention(tmp_path, capsys):
    marker, effects = side_effects(tmp_path)
    nb = notebook(tmp_path / "exercise4.ipynb",
                  ("markdown", "# Exercise 4\nWhat is it?"),
                  "%matplotlib inline\nimport numpy as np\n!pip install nothing\n" + effects,
                  (PY / "port_style.py").read_text(),
                  "%%time\nnn_cost_function(None)\n",
                  "J, grad = nn_cost_function(1, 2, 3)  # training: must not run\n" + effects)
    assert cli.main(["grade", str(nb)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1] == ("Files graded: exercise4.ipynb (the definitions and imports of cells 2 "
                      "and 3; the cells' other statements do not run)")
    assert out[3].startswith("Convention: python-port (detected: nnCostFunction's J and grad "
                             "agree with nnvec's")
    assert out[-1] == "Total: 100 / 100"
    assert not marker.exists()


def test_a_buggy_notebook_is_caught_and_errors_name_the_cell(tmp_path):
    # The port's one-hot from the labels, indexed out of range (a fixture of test_grade.py).
    nb = notebook(tmp_path / "buggy.ipynb", "import numpy as np",
                  (PY / "port_one_hot_from_labels.py").read_text())
    lines = []
    result = grade(nb, "python-port", echo=lines.append)
    assert result.total < 100
    failed = [r for r in result.parts if not r.passed]
    assert failed and any("(buggy.ipynb, cell 2, line 36)" in r.message for r in failed)


def test_a_course_notebook_with_a_mistake_keeps_the_course_convention_and_its_hint(tmp_path):
    nb = notebook(tmp_path / "nb.ipynb", (PY / "grad_not_regularized.py").read_text())
    result = grade(nb, echo=None)
    assert result.convention == "course"
    assert [r.part.number for r in result.parts if not r.passed] == [5]


def test_constants_used_by_defaults_are_kept_and_computed_values_are_not(tmp_path):
    marker, effects = side_effects(tmp_path)
    nb = notebook(tmp_path / "nb.ipynb",
                  "EPSILON = 0.12\nK: int = 10\nA, B = 1, (2, 3)\n"
                  f"W = open({str(tmp_path / 'w.txt')!r}, 'w')\nimport os; print('x')",
                  "def rand_initialize_weights(L_in, L_out, e=EPSILON):\n    return e\n")
    src = definitions_source(nb)
    kept = [line for line in src.text.splitlines() if line]
    assert kept == ["EPSILON = 0.12", "K: int = 10", "A, B = 1, (2, 3)", "import os",
                    "def rand_initialize_weights(L_in, L_out, e=EPSILON):", "    return e"]
    assert src.defined == ["rand_initialize_weights"] and src.cells == [1, 2]
    assert src.where(7) == "cell 2, line 2"
    del marker, effects


@pytest.mark.parametrize("content, message", [
    ("{not json", "bad.ipynb: not a notebook: the file is not valid JSON"),
    ('{"cells": 3}', "bad.ipynb: not a notebook: no list of cells in the JSON"),
    ("[1, 2]", "bad.ipynb: not a notebook: no list of cells in the JSON"),
])
def test_a_file_that_is_not_a_notebook_is_one_line(tmp_path, capsys, content, message):
    (tmp_path / "bad.ipynb").write_text(content)
    with pytest.raises(SystemExit) as exc:
        cli.main(["grade", str(tmp_path / "bad.ipynb")])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err


def test_a_cell_with_a_syntax_error_and_a_notebook_without_the_functions(tmp_path, capsys):
    nb = notebook(tmp_path / "nb.ipynb", "import numpy as np", ("markdown", "x"),
                  "def sigmoidGradient(z)\n    return z\n")
    with pytest.raises(SystemExit):
        cli.main(["grade", str(nb)])
    err = capsys.readouterr().err
    assert err.startswith("nnvec: error: ") and err.count("\n") == 1
    assert f"{nb}: cell 3, line 1: " in err and "cannot be graded" in err
    nb = notebook(tmp_path / "none.ipynb", "import numpy as np\ndef sigmoid(z):\n  return z")
    with pytest.raises(NotebookError, match=r"none.ipynb: no code cell defines nnCostFunction "
                                            r"or nn_cost_function, sigmoidGradient or"):
        definitions_source(nb, (("nnCostFunction", "nn_cost_function"),
                                ("sigmoidGradient", "sigmoid_gradient")))
    with pytest.raises(SystemExit):
        cli.main(["grade", str(nb)])
    assert "no code cell defines nnCostFunction" in capsys.readouterr().err


def test_nbformat_3_worksheets_are_read(tmp_path):
    path = tmp_path / "old.ipynb"
    path.write_text(json.dumps({"nbformat": 3, "worksheets": [{"cells": [
        {"cell_type": "code", "input": ["def sigmoidGradient(z):\n", "    return z\n"]}]}]}))
    assert definitions_source(path).defined == ["sigmoidGradient"]


# --- detecting the convention -------------------------------------------------------

@pytest.mark.parametrize("fixture, convention, total", [
    ("port_style.py", "python-port", 100),
    ("nnvec_port.py", "python-port", 100),
    ("course_style.py", "course", 100),
    # Wrong course solutions stay in the course's convention (none agrees with the port's).
    ("labels_from_zero.py", "course", None),
    ("grad_not_regularized.py", "course", None),
    ("template.py", "course", None),
])
def test_detection(fixture, convention, total):
    lines = []
    result = grade(PY / fixture, echo=lines.append)
    assert result.convention == convention
    assert lines[3].startswith(f"Convention: {convention} (")
    if total is not None:
        assert result.total == total
    else:
        assert result.total < 100


def test_a_forced_convention_is_not_detected(capsys):
    assert cli.main(["grade", str(PY / "port_style.py"), "--convention", "course"]) == 1
    assert "Convention: course (given by --convention)" in capsys.readouterr().out


# --- nnvec.grade_functions ------------------------------------------------------------

def _port_functions(tmp_path):
    """The port fixture's functions, imported as a student's module, and a written marker."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("student_port_nb", PY / "port_style.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("transport", ["source", "cloudpickle"])
def test_grade_functions_grades_in_a_child(tmp_path, transport, capsys):
    if transport == "cloudpickle":
        pytest.importorskip("cloudpickle")
    mod = _port_functions(tmp_path)
    marker = tmp_path / "called.txt"
    EPS = 0.12

    def init(L_in, L_out):
        # Run in the caller's process, this would write the marker.
        try:
            open(marker, "w").write("called")
        except OSError:
            pass
        return np.random.default_rng().uniform(-EPS, EPS, (L_out, L_in + 1))

    kwargs = {"nn_cost_function": mod.nn_cost_function, "sigmoidGradient": mod.sigmoid_gradient}
    if transport == "cloudpickle":  # a closure travels only by value
        kwargs["randInitializeWeights"] = init
    result = nnvec.grade_functions(transport=transport, **kwargs)
    out = capsys.readouterr().out
    assert f"(sent by {transport})" in out and "Convention: python-port (detected" in out
    assert result.total == 100 and result.convention == "python-port"
    assert not marker.exists()


def test_grade_functions_catches_a_buggy_function_by_source(capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("student_bug",
                                                  PY / "grad_not_regularized.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    result = nnvec.grade_functions(nnCostFunction=mod.nnCostFunction, echo=None,
                                   transport="source")
    assert capsys.readouterr().out == ""
    assert [r.part.number for r in result.parts if not r.passed] == [3, 5]
    # Its helper sigmoidGradient travels with it, but only what was passed is graded.
    assert result.parts[2].message == ("no sigmoidGradient or sigmoid_gradient was passed to "
                                       "grade_functions")


def test_grade_functions_bad_calls():
    with pytest.raises(TypeError, match="grade_functions: unknown function 'nnCost'"):
        nnvec.grade_functions(nnCost=print)
    with pytest.raises(ValueError, match="grade_functions: no function given"):
        nnvec.grade_functions()
    with pytest.raises(ValueError, match="sigmoidGradient given twice"):
        nnvec.grade_functions(sigmoidGradient=abs, sigmoid_gradient=abs)
    with pytest.raises(TypeError, match="must be a function defined with def"):
        nnvec.grade_functions(sigmoidGradient=lambda z: z, transport="source")
    with pytest.raises(ValueError, match="transport must be one of auto, cloudpickle, source"):
        nnvec.grade_functions(sigmoidGradient=abs, transport="pickle")
