"""The package's shape: what one module shares with another is public.

Parses every module of ``python/nnvec`` (no import needed) and fails on an
underscore name imported from another nnvec module, naming the importer,
the module and the name.
"""

from __future__ import annotations

import ast

from conftest import ROOT

PACKAGE = ROOT / "python" / "nnvec"


def _imports_of_private_names() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.is_symlink() or "octave" in path.relative_to(PACKAGE).parts[:1]:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.level > 0 or (
                    node.module or "").split(".")[0] == "nnvec"):
                for alias in node.names:
                    if alias.name.startswith("_") and not alias.name.startswith("__"):
                        found.append(f"{path.relative_to(PACKAGE)} imports {alias.name} from "
                                     f"{'.' * node.level}{node.module or ''}")
    return found


def test_no_underscore_name_is_imported_from_another_module():
    assert _imports_of_private_names() == []


def test_the_check_sees_a_private_import(tmp_path, monkeypatch):
    # The check itself can fail: a module that imports a private name is named.
    import test_architecture

    (tmp_path / "a.py").write_text("from .validate import _secret\n")
    monkeypatch.setattr(test_architecture, "PACKAGE", tmp_path)
    assert _imports_of_private_names() == ["a.py imports _secret from .validate"]
