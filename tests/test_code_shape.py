"""Code shape: no module over 500 lines, no function over 60, no class over 250.

Migrations and data files aside, a unit may be larger only when the one-line comment directly
above it (for a module: its first line) starts with ``# shape:`` and says why.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("claims", "claimtracker")
LIMITS = {"module": 500, "function": 60, "class": 250}
MARK = "# shape:"


@dataclass(frozen=True)
class Unit:
    path: str
    kind: str
    name: str
    line: int
    size: int

    def __str__(self) -> str:
        what = f"{self.kind} {self.name}" if self.name else self.kind
        return f"{self.path}:{self.line}: {what} has {self.size} lines (limit {LIMITS[self.kind]})"


def source_files() -> list[Path]:
    return sorted(
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.relative_to(ROOT).parts
    )


def _marked(lines: list[str], node: ast.AST) -> bool:
    """Whether the line directly above the unit (above its decorators) is a shape comment."""
    decorators = getattr(node, "decorator_list", [])
    first = min([node.lineno, *(d.lineno for d in decorators)])
    return first >= 2 and lines[first - 2].strip().startswith(MARK)


def units(path: Path) -> list[Unit]:
    return units_in(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))


def units_in(text: str, name: str) -> list[Unit]:
    """The units of one module's source that are over their limit and not marked."""
    lines = text.splitlines()
    found = [Unit(name, "module", "", 1, len(lines))]
    if lines and lines[0].strip().startswith(MARK):
        found = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                kind = "class" if isinstance(child, ast.ClassDef) else "function"
                qualified = f"{prefix}{child.name}"
                size = child.end_lineno - child.lineno + 1
                if not _marked(lines, child):
                    found.append(Unit(name, kind, qualified, child.lineno, size))
                visit(child, qualified + ".")
            else:
                visit(child, prefix)

    visit(ast.parse(text, filename=name), "")
    return [unit for unit in found if unit.size > LIMITS[unit.kind]]


def test_no_unit_over_its_size_limit_unless_marked():
    over = [str(unit) for path in source_files() for unit in units(path)]
    assert not over, (
        "over the size limit (split it, or put a one-line '# shape: <why>' comment above it):\n"
        + "\n".join(over)
    )


def _function(name: str, body_lines: int, indent: str = "") -> str:
    body = "".join(f"{indent}    x = {i}\n" for i in range(body_lines))
    return f"{indent}def {name}():\n{body}"


def test_the_check_finds_long_units_and_honours_a_shape_comment():
    source = (
        _function("short", 10)
        + _function("long", 61)
        + "# shape: a table of cases reads best in one place\n"
        + _function("marked", 80)
        + "class Big:\n"
        + "".join(_function(f"m{i}", 20, "    ") for i in range(13))
    )
    found = {(unit.kind, unit.name, unit.size) for unit in units_in(source, "example.py")}
    assert found == {("function", "long", 62), ("class", "Big", 274)}
    assert [unit.size for unit in units_in("x = 1\n" * 600, "big.py")] == [600]
    assert units_in("# shape: generated data\n" + "x = 1\n" * 600, "data.py") == []
