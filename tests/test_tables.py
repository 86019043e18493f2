"""One table per list of names in each language, and the two tables hold the same names.

Python: ``nnvec.core.activations.ACTIVATIONS`` (with ``DERIVATIVES``) and ``OUTPUTS``,
``nnvec.optim.train.METHODS`` and its subset ``OCTAVE_METHODS`` (what ``trainNN``
runs). Octave: ``octave/private/activationTable.m``, ``outputTable.m`` and
``methodTable.m``. Every message and every twin test is built from these
tables, so a name added in one language only fails here, with a message that
names the missing twin; the cross-language tests (parametrised over the
Python tables) then fail on that name in Octave as well. The messages
themselves are compared across languages in ``test_activations.py`` and
``test_bad_input_twins.py``.
"""

from __future__ import annotations

import argparse

import pytest
from conftest import OCTAVE_DIR
from nnvec import cli
from nnvec.core.activations import ACTIVATIONS, DERIVATIVES, OUTPUTS
from nnvec.optim.train import METHODS, OCTAVE_METHODS

#: (kind, Python's names, their home in Python, Octave's table function).
TABLES = [
    ("activation", tuple(ACTIVATIONS), "ACTIVATIONS", "activationTable"),
    ("output", tuple(OUTPUTS), "OUTPUTS", "outputTable"),
    ("method", tuple(OCTAVE_METHODS), "OCTAVE_METHODS", "methodTable"),
]


def twin_differences(kind: str, py_names: tuple[str, ...], py_home: str,
                     oct_names: tuple[str, ...], oct_table: str) -> list[str]:
    """What differs between a Python table and its Octave twin, one sentence per name."""
    problems = [f"{kind} {name!r} is in Python's {py_home} but not in Octave's {oct_table}.m "
                f"(octave/private/{oct_table}.m)" for name in py_names if name not in oct_names]
    problems += [f"{kind} {name!r} is in Octave's {oct_table}.m but not in Python's {py_home}"
                 for name in oct_names if name not in py_names]
    if not problems and py_names != oct_names:
        problems.append(f"{kind} names are in another order: Python's {py_home} has "
                        f"{', '.join(py_names)}, Octave's {oct_table}.m {', '.join(oct_names)} "
                        "(each language's messages list them in its table's order)")
    return problems


def octave_table_names(oc, table: str) -> tuple[str, ...]:
    """The names of ``octave/private/<table>.m``, called from inside private/.

    A private function is visible only to the files of the folder above it, and
    from the command line only when the current folder is private/ itself. The
    session's folder is restored, and Octave's function cache cleared on the way
    in and out (after a change of folder it would look for a cached private
    function in private/private).
    """
    here = oc.pwd()
    oc.cd(str(OCTAVE_DIR / "private"))
    try:
        oc.eval("clear('functions');", nout=0)
        text = oc.eval(f"strjoin(fieldnames({table}())', ',')")
    finally:
        oc.cd(here)
        oc.eval("clear('functions');", nout=0)
    return tuple(text.split(",")) if text else ()


@pytest.mark.octave
@pytest.mark.parametrize(("kind", "py_names", "py_home", "oct_table"), TABLES,
                         ids=[t[0] for t in TABLES])
def test_octave_table_holds_the_python_names(oc, kind, py_names, py_home, oct_table):
    problems = twin_differences(kind, py_names, py_home, octave_table_names(oc, oct_table),
                                oct_table)
    assert not problems, "\n".join(problems)


def test_a_one_sided_change_names_its_missing_twin():
    """The sentences of the twin test, on tables that differ (no Octave needed)."""
    assert twin_differences("activation", ("sigmoid", "softplus"), "ACTIVATIONS",
                            ("sigmoid",), "activationTable") == [
        "activation 'softplus' is in Python's ACTIVATIONS but not in Octave's "
        "activationTable.m (octave/private/activationTable.m)"]
    assert twin_differences("output", ("sigmoid",), "OUTPUTS", ("sigmoid", "linear"),
                            "outputTable") == [
        "output 'linear' is in Octave's outputTable.m but not in Python's OUTPUTS"]
    assert "another order" in twin_differences("method", ("a", "b"), "OCTAVE_METHODS",
                                               ("b", "a"), "methodTable")[0]
    assert twin_differences("method", ("a", "b"), "M", ("a", "b"), "m") == []


def test_python_tables_agree_with_each_other():
    assert list(DERIVATIVES) == list(ACTIVATIONS), "every activation needs its derivative"
    missing = [m for m in OCTAVE_METHODS if m not in METHODS]
    assert not missing, f"OCTAVE_METHODS {missing} are not in METHODS"
    # The course's defaults come first: 'sigmoid' everywhere, fmincg.
    assert next(iter(ACTIVATIONS)) == next(iter(OUTPUTS)) == "sigmoid"
    assert METHODS[0] == OCTAVE_METHODS[0] == "fmincg"


def _train_option(dest: str) -> argparse.Action:
    """The option `dest` of ``nnvec train`` (argparse keeps its actions in ``_actions``)."""
    sub = next(a for a in cli.build_parser()._actions if a.dest == "command")
    return next(a for a in sub.choices["train"]._actions if a.dest == dest)


@pytest.mark.parametrize(("dest", "table", "home"), [
    ("activation", tuple(ACTIVATIONS), "ACTIVATIONS"),
    ("output", tuple(OUTPUTS), "OUTPUTS"),
])
def test_cli_choices_are_the_tables(dest, table, home):
    """``nnvec train --activation/--output`` offer exactly the table's names."""
    choices = tuple(_train_option(dest).choices)
    assert choices == table, (f"cli.py's --{dest} choices {choices} are not Python's {home} "
                              f"{table}: build them from the table")


@pytest.mark.parametrize("method", [m for m in METHODS if m not in OCTAVE_METHODS])
def test_cli_octave_engine_refuses_by_the_table(method, capsys):
    """``--engine octave`` refuses the methods trainNN lacks, naming the table's methods."""
    with pytest.raises(SystemExit) as exit_:
        cli.main(["train", "--engine", "octave", "--method", method, "--out", "unused"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert f"supports --method {' or '.join(OCTAVE_METHODS)}, got {method}" in err
