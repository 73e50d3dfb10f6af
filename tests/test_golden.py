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
FILES = ("issue.html", "issue.txt", "issue.eml", "manifest.json", "index.html")
# The archive's own pages, as they stand after composing the case's week (saved beside the issue's files).
SITE_FILES = {"index.html": "archive-index.html", "feed.xml": "archive-feed.xml"}


SENT_AT = dt.datetime(2026, 11, 23, 7, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("case", sorted(CASES))
def test_sample_issue_matches_golden_files(sample: Path, case: str, request: pytest.FixtureRequest) -> None:
    for day in sorted(CASES.values()):  # compose the weeks in order, so later ones see earlier ones
        result = pipeline.compose(sample, day)
        if day == CASES[case]:
            break
        # Each earlier week went out (sent from the ESP's web app): the archive pages list what was sent.
        pipeline.resolve(sample, result.manifest.id, "sent", via="mailchimp", clock=lambda: SENT_AT)
    folder = GOLDEN / case
    outputs = {name: result.folder / name for name in FILES} | {
        golden: sample / "issues" / name for name, golden in SITE_FILES.items()
    }
    if request.config.getoption("--update-goldens"):
        folder.mkdir(parents=True, exist_ok=True)
        for golden, path in outputs.items():
            (folder / golden).write_bytes(path.read_bytes())
    for golden, path in outputs.items():
        assert path.read_bytes() == (folder / golden).read_bytes(), f"{case}/{golden} differs from its golden file"
