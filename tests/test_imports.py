"""The one-way house (issue 12): no import cycles between modules of bot/, storage/ and
content/; content and storage never import bot; handlers never import each other or the
composition root; no function-local import in bot/ without a comment saying why."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "storage", "content")


def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module an import names (``bot.flows`` for ``from bot import flows``)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _imports(module: str, path: Path) -> Iterator[tuple[str, ast.AST, bool]]:
    """(imported module, node, at module level) for every project import."""
    tree = ast.parse(path.read_text(), str(path))
    top_level = {id(node) for node in tree.body}
    type_checking = {
        id(child)
        for node in tree.body
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for child in ast.walk(node)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names] or [node.module]
        else:
            continue
        for name in names:
            target = _resolve(name)
            if target is not None and target != module:
                yield target, node, id(node) in top_level or id(node) in type_checking


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for module, path in MODULES.items():
        for target, _node, _top in _imports(module, path):
            graph[module].add(target)
    return graph


def _is_package_edge(source: str, target: str) -> bool:
    """A package importing its own submodule (``bot.offline`` re-exporting) is no cycle."""
    return target.startswith(source + ".") or source.startswith(target + ".")


def test_no_import_cycles() -> None:
    graph = {
        source: {target for target in targets if not _is_package_edge(source, target)}
        for source, targets in _graph().items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    counter = 0

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert cycles == []


@pytest.mark.parametrize("layer", ["storage", "content"])
def test_lower_layers_never_import_bot(layer: str) -> None:
    offenders = [
        f"{module} -> {target}"
        for module, targets in _graph().items()
        if module.split(".")[0] == layer
        for target in targets
        if target.split(".")[0] == "bot"
    ]
    assert offenders == []


def test_content_never_imports_storage() -> None:
    offenders = [
        f"{module} -> {target}"
        for module, targets in _graph().items()
        if module.startswith("content")
        for target in targets
        if target.startswith("storage")
    ]
    assert offenders == []


def test_handlers_import_no_other_handler_and_not_the_composition_root() -> None:
    offenders = [
        f"{module} -> {target}"
        for module, targets in _graph().items()
        if module.startswith("bot.handlers.")
        for target in targets
        if target.startswith("bot.handlers") or target == "bot.app"
    ]
    assert offenders == []
    root_users = [
        module
        for module, targets in _graph().items()
        if "bot.app" in targets and module not in ("bot.cli", "bot.console", "bot.webhook")
    ]
    assert root_users == []


def test_flows_never_touch_telegram() -> None:
    offenders = []
    for module, path in MODULES.items():
        if not module.startswith("bot.flows"):
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("telegram"):
                offenders.append(module)
            if isinstance(node, ast.Import) and any(
                alias.name.startswith("telegram") for alias in node.names
            ):
                offenders.append(module)
    assert offenders == []


def test_no_function_local_imports_in_bot_without_a_reason() -> None:
    offenders = []
    for module, path in MODULES.items():
        if not module.startswith("bot"):
            continue
        lines = path.read_text().splitlines()
        for _target, node, top in _imports(module, path):
            if top:
                continue
            line = node.lineno - 1
            if "#" in lines[line]:
                continue
            above = line - 1  # the comment may head a block of imports
            while above >= 0 and lines[above].strip().startswith(("from ", "import ")):
                above -= 1
            said = above >= 0 and lines[above].strip().startswith("#")
            if not said:
                offenders.append(f"{module}:{node.lineno}")
    assert offenders == []
