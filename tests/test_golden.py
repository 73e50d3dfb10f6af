"""Golden files: the sample project's rendered issue, byte for byte.

Regenerate after an intended change with:  pytest tests/test_golden.py --update-goldens
and review the diff of tests/golden/ like code.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from nieuwsbrief import pipeline

GOLDEN = Path(__file__).parent / "golden"
CASES = {"sample-2026-W48": dt.date(2026, 11, 23), "sample-2026-W49": dt.date(2026, 11, 30)}
FILES = ("issue.html", "issue.txt", "issue.eml", "manifest.json")


@pytest.mark.parametrize("case", sorted(CASES))
def test_sample_issue_matches_golden_files(sample: Path, case: str, request: pytest.FixtureRequest) -> None:
    for day in sorted(CASES.values()):  # compose the weeks in order, so later ones see earlier ones
        result = pipeline.compose(sample, day)
        if day == CASES[case]:
            break
    folder = GOLDEN / case
    if request.config.getoption("--update-goldens"):
        folder.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            (folder / name).write_bytes((result.folder / name).read_bytes())
    for name in FILES:
        assert (result.folder / name).read_bytes() == (folder / name).read_bytes(), f"{case}/{name} differs from its golden file"
