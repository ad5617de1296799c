"""The package's folders follow the data flow, and imports only flow down it.

Every ``import`` in the package (at module level or inside a function) is read from the
source, so a lazy import cannot hide a cycle or an import against the flow.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import sphinx_newsposts

PACKAGE = Path(sphinx_newsposts.__file__).parent
NAME = "sphinx_newsposts"

#: Each part of the package and how far down the data flow it sits; a module imports only
#: parts at its own rank or above it in this list. ``publishing`` and ``theme`` share a rank
#: and do not import each other.
RANKS = {
    "text": 0, "converters": 0, "warnings_": 0,  # shared by every step
    "reading": 1,
    "config": 2,
    "build": 3,
    "components": 4,
    "index": 5,
    "pages": 6,
    "publishing": 7, "theme": 7,
    "cli": 8,
    "__init__": 9, "__main__": 9,  # setup(): one call per part
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([NAME, *parts])


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _part(module: str) -> str:
    """``sphinx_newsposts.pages.cards`` -> ``pages``; the package itself -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(module: str) -> set[str]:
    """The package's modules that *module* imports, anywhere in its source."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join([*base, node.module] if node.module else base)
            else:
                origin = node.module or ""
            # ``from . import jsonld`` imports a module; ``from .cards import cards_for`` a name
            names = [f"{origin}.{alias.name}" if f"{origin}.{alias.name}" in MODULES else origin
                     for alias in node.names]
        else:
            continue
        found.update(name for name in names if name in MODULES and name != module)
    return found


GRAPH = {module: _imports(module) for module in MODULES}


def test_every_part_has_a_rank():
    assert {_part(module) for module in MODULES} <= RANKS.keys()


def test_each_folder_says_what_its_step_takes_and_gives():
    for folder in sorted(path for path in PACKAGE.iterdir() if (path / "__init__.py").is_file()):
        docstring = ast.get_docstring(ast.parse((folder / "__init__.py").read_text(encoding="utf-8")))
        assert docstring and len(docstring.split()) >= 12, f"{folder.name}/__init__.py: say what the step does"


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_flow_down_the_data_flow(module):
    here = _part(module)
    against = sorted(
        target for target in GRAPH[module]
        if RANKS[_part(target)] > RANKS[here]
        or (RANKS[_part(target)] == RANKS[here] and _part(target) != here and RANKS[here] != 0)
    )
    assert not against, f"{module} ({here}) imports against the data flow: {against}"


def test_no_module_imports_itself_through_others():
    cycles = []
    state: dict[str, int] = {}  # 1 while on the path, 2 when done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                cycles.append(path[path.index(target):] + [target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(cycle) for cycle in cycles)


def test_the_checks_see_a_cycle_and_an_import_against_the_flow(monkeypatch):
    """The walk above finds what it is for: a made-up upward import is caught."""
    reading = f"{NAME}.reading.post_fields"
    monkeypatch.setitem(GRAPH, reading, GRAPH[reading] | {f"{NAME}.index.post_index"})
    with pytest.raises(AssertionError, match="against the data flow"):
        test_imports_flow_down_the_data_flow(reading)
    monkeypatch.setitem(GRAPH, f"{NAME}.text", {f"{NAME}.reading.post_fields"})
    monkeypatch.setitem(GRAPH, f"{NAME}.reading.post_fields", GRAPH[reading] | {f"{NAME}.text"})
    with pytest.raises(AssertionError, match="import cycles"):
        test_no_module_imports_itself_through_others()


def _all_of(module: str) -> list[str] | None:
    for node in ast.parse(MODULES[module].read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", "") == "__all__" for target in node.targets):
            return ast.literal_eval(node.value)
    return None


def _names_from_other_parts() -> dict[str, set[str]]:
    """Module -> the names other parts of the package import from it."""
    wanted: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not node.level:
                continue
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            origin = ".".join([*base, node.module] if node.module else base)
            for alias in node.names:
                if f"{origin}.{alias.name}" not in MODULES and origin in MODULES and _part(origin) != _part(module):
                    wanted.setdefault(origin, set()).add(alias.name)
    return wanted


def test_what_a_step_gives_other_steps_is_in_its_all():
    """A module imported from another part of the package says with ``__all__`` what it gives;
    everything else in it is its own business."""
    missing = {}
    for module, names in sorted(_names_from_other_parts().items()):
        exported = _all_of(module)
        if exported is None or not names <= set(exported):
            missing[module] = sorted(names - set(exported or []))
    assert not missing, f"names imported from another part but not in __all__: {missing}"
