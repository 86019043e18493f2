"""The package's shape: what one module shares with another is public.

Parses every module of ``python/nnvec`` (no import needed) and fails on an
underscore name imported from another nnvec module, naming the importer,
the module and the name, and on an import cycle, naming its modules.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

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


def _import_graph(package: Path) -> dict[str, set[str]]:
    """Module -> the nnvec modules it imports, at the top or inside a function."""
    modules = {p.relative_to(package).with_suffix("").as_posix().replace("/", ".")
               for p in package.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name in modules:
        path = package / (name.replace(".", "/") + ".py")
        here = name.split(".")[:-1]  # the subpackage a module (or __init__) sits in
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                base = here[:len(here) - (node.level - 1)]
                target = base + (node.module.split(".") if node.module else [])
            elif (node.module or "").split(".")[0] == "nnvec":
                target = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:
                candidates = [".".join([*target, alias.name]), ".".join([*target, "__init__"])
                              if target else "__init__", ".".join(target)]
                found = next((c for c in candidates if c in modules), None)
                if found and found != name:
                    graph[name].add(found)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    cycles: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append([*trail[trail.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    return cycles


def test_no_import_cycle():
    # Function-local imports count too: they are how a cycle hides.
    assert [" -> ".join(c) for c in _cycles(_import_graph(PACKAGE))] == []


def test_the_cycle_check_sees_a_cycle(tmp_path):
    (tmp_path / "a.py").write_text("from .b import x\n")
    (tmp_path / "b.py").write_text("def f():\n    from .a import y\n")
    (tmp_path / "c.py").write_text("from . import a\n")
    assert [" -> ".join(c) for c in _cycles(_import_graph(tmp_path))] == ["a -> b -> a"]


#: Each subpackage and what it may import (besides itself and the leaf
#: ``resources``): the computation needs nothing; the optimizers and the data
#: and pictures build on it; grading runs on the computation, files and the
#: Octave bridge; the command line may use everything.
LAYERS = {
    "core": set(),
    "optim": {"core"},
    "io": {"core"},
    "bridge": set(),
    "grading": {"core", "io", "bridge"},
    "cli": {"core", "optim", "io", "grading", "bridge"},
}


def _layer_breaches(graph: dict[str, set[str]]) -> list[str]:
    breaches = []
    for module, imported in sorted(graph.items()):
        layer = module.split(".")[0]
        if layer not in LAYERS:
            continue
        for target in sorted(imported):
            there = target.split(".")[0]
            if there not in LAYERS or there == layer:
                continue
            if there not in LAYERS[layer]:
                allowed = ", ".join(sorted(LAYERS[layer]))
                breaches.append(f"{module} imports {target}: {layer} may import "
                                + (f"only {allowed}" if allowed else "no other subpackage"))
    return breaches


def test_subpackages_are_the_layers_of_the_readme():
    subpackages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert subpackages == set(LAYERS)
    assert _layer_breaches(_import_graph(PACKAGE)) == []


def test_the_layer_check_sees_a_breach(tmp_path):
    for layer in ("core", "cli"):
        (tmp_path / layer).mkdir()
        (tmp_path / layer / "__init__.py").write_text("")
    (tmp_path / "cli" / "main.py").write_text("x = 1\n")
    (tmp_path / "core" / "cost.py").write_text("from ..cli.main import x\n")
    assert _layer_breaches(_import_graph(tmp_path)) == [
        "core.cost imports cli.main: core may import no other subpackage"]


def test_cross_references_name_real_files_and_functions():
    """Each twin named in a comment exists: X.m in the Python package, nnvec.x.y in
    the .m files, README sections in the tests (three such names pointed nowhere)."""
    m_files = {p.name for p in ROOT.rglob("*.m") if ".venv" not in p.parts}
    for path in sorted((ROOT / "python" / "nnvec").rglob("*.py")):
        # Not self.m (an attribute) nor "name.m" (a file the code writes).
        for name in re.findall(r"\b(?!self\.)([A-Za-z]\w*\.m)\b(?![\"'])", path.read_text()):
            assert name in m_files, f"{path.name} names {name}, which does not exist"
    for path in sorted((ROOT / "octave").rglob("*.m")):
        for dotted in re.findall(r"\bnnvec\.([A-Za-z_][\w.]*\w)", path.read_text()):
            assert _resolves(dotted), f"{path.name} names nnvec.{dotted}, which does not exist"
    headings = re.findall(r"^#+ (.+)$", (ROOT / "README.md").read_text(), flags=re.M)
    for path in sorted((ROOT / "tests").glob("*.py")):
        for section in re.findall(r'README[^"\n]{0,20}"([A-Z][\w ]*)"', path.read_text()):
            assert any(h.startswith(section) for h in headings), (
                f"{path.name} cites README section {section!r}, which does not exist")


def _resolves(dotted: str) -> bool:
    """nnvec.<dotted> names a module or an attribute of one."""
    import importlib

    parts = dotted.split(".")
    for k in range(len(parts), -1, -1):
        try:
            obj = importlib.import_module(".".join(["nnvec", *parts[:k]]))
        except ImportError:
            continue
        for attr in parts[k:]:
            if not hasattr(obj, attr):
                return False
            obj = getattr(obj, attr)
        return True
    return False
