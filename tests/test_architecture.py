"""The house plan holds: the import-linter contracts in pyproject.toml (what each level is for, the order inside
content/, each third-party library behind its one module), no import cycle, no private name taken across modules,
and one clock."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from .conftest import REPO

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def contracts() -> list[dict[str, object]]:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]


def test_every_contract_holds() -> None:
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(contracts())} kept, 0 broken." in result.stdout


def protected_libraries() -> list[str]:
    return [str(c["protected_modules"][0]) for c in contracts() if c["type"] == "protected"]  # type: ignore[index]


# One violation per contract, each in its own copy of the package: (file, line added to it, what lint-imports says).
VIOLATIONS = {
    "levels": ("selection.py", "from . import pipeline", "nieuwsbrief.selection is not allowed to import nieuwsbrief.pipeline"),
    "levels, exhaustive": ("intruder.py", "", "The following modules are not listed as layers:\n\n- nieuwsbrief.intruder"),
    "content": (
        "content/text.py",
        "from . import read",
        "nieuwsbrief.content.text is not allowed to import nieuwsbrief.content.read",
    ),
    **{
        f"only-{name}": (
            "model.py",
            f"import {name}",
            f"Illegal imports of protected package {name}:\n\n- nieuwsbrief.model -> {name}",
        )
        for name in protected_libraries()
    },
}


@pytest.mark.parametrize(
    "contract",
    [
        pytest.param(
            name, marks=() if name in ("levels", "levels, exhaustive", "content", "only-premailer") else pytest.mark.slow
        )
        for name in VIOLATIONS
    ],
)
def test_each_contract_breaks_when_violated(contract: str, tmp_path: Path) -> None:
    shutil.copytree(REPO / "src" / "nieuwsbrief", tmp_path / "nieuwsbrief")
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    name, line, said = VIOLATIONS[contract]
    path = tmp_path / "nieuwsbrief" / name
    before = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(before + f"\n{line}  # noqa\n", encoding="utf-8")
    result = lint_imports(tmp_path, pythonpath=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"Contracts: {len(contracts()) - 1} kept, 1 broken." in result.stdout
    assert said in result.stdout


def test_every_protected_library_is_one_a_contract_names() -> None:
    assert sorted(protected_libraries()) == sorted(
        {"premailer", "cssutils", "jinja2", "yaml", "frontmatter", "httpx", "smtplib", "lxml", "nh3", "markdown_it"}
        | {"mdit_py_plugins", "pyphen", "imagesize", "watchfiles", "rich", "typer", "Stemmer"}
    )


# What reads the system clock: date.today(), datetime.now(), datetime.utcnow(), time.time(), time.time_ns(), and
# the today/now of any other name. Only clock.py may; everything else asks it, so that a run can set the time.
CLOCK_READS = {"today", "now", "utcnow", "time", "time_ns", "fromtimestamp", "utcfromtimestamp"}


def clock_reads(source: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CLOCK_READS:
            owner = node.func.value
            name = owner.attr if isinstance(owner, ast.Attribute) else owner.id if isinstance(owner, ast.Name) else ""
            if name in ("date", "datetime", "time"):
                found.append(f"{node.lineno}: {name}.{node.func.attr}()")
    return found


def test_only_the_clock_module_reads_the_system_clock() -> None:
    reads = {
        path.relative_to(REPO).as_posix(): clock_reads(path.read_text(encoding="utf-8"))
        for path in sorted((REPO / "src").rglob("*.py"))
        if path.name != "clock.py" or path.parent.name != "nieuwsbrief"
    }
    assert {name: found for name, found in reads.items() if found} == {}


def test_a_clock_read_elsewhere_is_found() -> None:
    source = "import datetime as dt\nimport time\nx = dt.date.today()\ny = dt.datetime.now(dt.UTC)\nz = time.time()\n"
    assert clock_reads(source) == ["3: date.today()", "4: datetime.now()", "5: time.time()"]


PACKAGE = REPO / "src" / "nieuwsbrief"


def module_names() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name, for its __init__.py)."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> list[tuple[str, str]]:
    """(module, name) for every import in the module, at its top or in a function: the module imported from, and the
    name taken from it ("" for a whole module). ``from . import x`` of a submodule x is an import of that module."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            source = (f"{base}.{node.module}" if node.module else base) if node.level else (node.module or "")
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                found.append((submodule, "") if submodule in modules else (source, alias.name))
    return [(module, imported) for module, imported in found if module in modules]


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of a graph: its strongly connected components of more than one module (Tarjan's)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph[node]:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_itself_through_others() -> None:
    modules = module_names()
    graph = {name: {module for module, _ in imports_of(name, path, modules)} for name, path in modules.items()}
    assert cycles(graph) == []


def test_an_import_cycle_is_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_takes_a_private_name_from_another() -> None:
    modules = module_names()
    taken = [
        f"{name} imports {imported} from {module}"
        for name, path in modules.items()
        for module, imported in imports_of(name, path, modules)
        if imported.startswith("_") and not imported.startswith("__")
    ]
    assert taken == []
