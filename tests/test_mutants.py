"""`make mutants`'s list stays true to the code: each mutant's line is in its file once.

The mutants themselves run on demand (``make mutants``), not here.
"""

from __future__ import annotations

import importlib.util

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("mutants", ROOT / "scripts" / "mutants.py")
assert _spec is not None and _spec.loader is not None
mutants = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(mutants)


def test_every_mutant_line_is_in_its_file_once():
    assert mutants.problems() == []
    assert len(mutants.MUTANTS) >= 30
    assert {m.file.split("/")[0] for m in mutants.MUTANTS} == {"python", "octave"}


def test_a_stale_mutant_is_named(tmp_path, monkeypatch):
    (tmp_path / "a.py").write_text("x = 1\n")
    stale = mutants.Mutant("gone", "a.py", "x = 2", "x = 3", ())
    monkeypatch.setattr(mutants, "MUTANTS", (stale,))
    assert mutants.problems(tmp_path) == ["gone: 'x = 2' occurs 0 times in a.py"]
