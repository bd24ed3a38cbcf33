"""claims/extract is the pure text pipeline: no Django, and no part of claims outside it.

Spawned parser workers import only this package, and the pipeline must stay testable and fast
without the ORM; these tests keep a stray import from creeping back in.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXTRACT = ROOT / "claims" / "extract"


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module name) for every import in one module of claims.extract."""
    package = ".".join(path.relative_to(ROOT).parent.parts)
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's own package
                base = package.rsplit(".", node.level - 1)[0]
                name = f"{base}.{node.module}" if node.module else base
            else:
                name = node.module or ""
            found.append((node.lineno, name))
    return found


def _forbidden(name: str) -> bool:
    top = name.split(".")[0]
    if top == "django" or top == "rest_framework":
        return True
    if top == "claims" or top == "claimtracker":
        return not (name == "claims.extract" or name.startswith("claims.extract."))
    return False


def test_no_module_under_claims_extract_imports_django_or_the_rest_of_claims():
    modules = sorted(EXTRACT.rglob("*.py"))
    assert modules, "claims/extract has no modules"
    offences = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in modules
        for line, name in _imported_modules(path)
        if _forbidden(name)
    ]
    assert not offences, "claims.extract must stay pure:\n" + "\n".join(offences)


def test_importing_the_pipeline_does_not_load_django():
    code = (
        "import sys; import claims.extract.pipeline; "
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')); "
        "print(loaded[:5]); sys.exit(1 if loaded else 0)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, f"importing claims.extract.pipeline loaded django: {run.stdout}"
