"""The package's layers, read from its source: no module imports one that imports it back,
a format imports nothing above it, and applying fixes knows no format. Every import statement
counts, at the top of a module or inside a function (a lazy import is a dependency all the
same). A submodule is not counted as importing its own package, whose ``__init__`` Python runs
first: ``mxlint.formats`` lists the formats and loads them through entry points, never by an
import statement."""

from __future__ import annotations

import ast

from conftest import ROOT

PACKAGE = ROOT / "mxlint"
MODULES = {
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__"): path for path in PACKAGE.rglob("*.py")
}


def imports(module: str) -> set[str]:
    """The modules of the package that ``module`` imports (``from mxlint.x import y`` is the
    module ``mxlint.x.y`` when there is one, else ``mxlint.x``)."""
    found: set[str] = set()
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in MODULES else node.module for alias in node.names]
        else:
            continue
        found.update(name for name in names if name in MODULES and name != module)
    return found


GRAPH = {module: imports(module) for module in MODULES}


def test_no_module_imports_one_that_imports_it_back() -> None:
    circles = []
    state: dict[str, str] = {}  # "open" while its imports are followed, then "done"

    def follow(module: str, path: list[str]) -> None:
        state[module] = "open"
        for imported in sorted(GRAPH[module]):
            if state.get(imported) == "open":
                circles.append(" -> ".join(path[path.index(imported) :] + [imported]))
            elif imported not in state:
                follow(imported, [*path, imported])
        state[module] = "done"

    for module in sorted(GRAPH):
        if module not in state:
            follow(module, [module])
    assert not circles


def reach(module: str) -> set[str]:
    """Every module ``module`` imports, directly or through others."""
    seen: set[str] = set()
    stack = [module]
    while stack:
        for imported in GRAPH[stack.pop()]:
            if imported not in seen:
                seen.add(imported)
                stack.append(imported)
    return seen


#: What runs a check, above the formats: a format may reach none of them.
ABOVE_FORMATS = {"mxlint.cli", "mxlint.run", "mxlint.lint", "mxlint.suppress", "mxlint.output", "mxlint.fix", "mxlint.config", "mxlint.registry", "mxlint.discovery", "mxlint.live", "mxlint.formats", "mxlint.rules"}
FORMAT_MODULES = sorted(module for module in MODULES if module.startswith("mxlint.formats."))


def test_each_format_imports_nothing_above_it() -> None:
    assert {"mxlint.formats.zonefile", "mxlint.formats.octodns", "mxlint.formats.native"} <= set(FORMAT_MODULES)
    for module in FORMAT_MODULES:
        above = reach(module) & {name for name in MODULES if name in ABOVE_FORMATS or name.startswith("mxlint.rules.")}
        assert not above, f"{module} reaches {sorted(above)}"


def test_applying_fixes_knows_no_format() -> None:
    formats = {module for module in reach("mxlint.fix") if module == "mxlint.formats" or module.startswith("mxlint.formats.")}
    assert not formats


def test_the_model_and_the_format_contract_sit_below_the_formats() -> None:
    for module in ("mxlint.record", "mxlint.zone", "mxlint.source", "mxlint.format", "mxlint.yamlload", "mxlint.origin", "mxlint.lookup"):
        assert not {name for name in reach(module) if name.startswith("mxlint.formats") or name in ABOVE_FORMATS}, module


def test_the_model_of_lookups_and_zones_takes_its_records_from_record() -> None:
    assert "mxlint.zone" not in GRAPH["mxlint.lookup"] and "mxlint.record" in GRAPH["mxlint.lookup"]
