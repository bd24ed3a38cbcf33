"""Sum pytest's --junitxml reports into one line, `tests: N passed, N failed, N skipped`.

.ci/run prints it last: CI log readers take the last test-runner line as the run's result,
and the fuzzer's banner (or a suite's own summary, one of two) is not the whole of it.
Errors count as failed. A report named but missing or unreadable (its suite crashed before
writing it) counts as one failed, never as a silent zero. Exits 1 when anything failed.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def totals(path: Path) -> tuple[int, int, int]:
    """(passed, failed, skipped) of one report."""
    passed = failed = skipped = 0
    root = ET.parse(path).getroot()
    # pytest writes <testsuites><testsuite .../></testsuites>; older ones a bare testsuite.
    for suite in [root] if root.tag == "testsuite" else root.iter("testsuite"):
        tests = int(suite.get("tests", 0))
        bad = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skip = int(suite.get("skipped", 0))
        passed += tests - bad - skip
        failed += bad
        skipped += skip
    return passed, failed, skipped


def main(argv: list[str]) -> int:
    passed = failed = skipped = 0
    for path in map(Path, argv):
        try:
            p, f, s = totals(path)
        except (OSError, ET.ParseError) as exc:
            print(f"test report {path}: {exc}", file=sys.stderr)
            p, f, s = 0, 1, 0
        passed, failed, skipped = passed + p, failed + f, skipped + s
    print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
