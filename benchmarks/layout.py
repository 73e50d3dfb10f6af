"""Scroll widths of the hostile-but-real corpus (tests/hostile/) in headless Chromium: does any column overflow?

Run with:  .venv/bin/python benchmarks/layout.py [--json FILE] [--widths 320,375,640]

For every case it composes the issue (pre-flight checks off, so an issue that would be refused is measured too),
then opens it at each width, light and dark, images on and off, with and without its <style> blocks, and prints a
table: each case's scroll width at 375 px with and without <style>, and its widest render at the other widths (a
width over the viewport scrolls sideways), and whether `compose` takes it. tests/test_hostile_corpus.py asserts
that every render's scroll width is the viewport's.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser import launched, open_email
from tests.hostile import CASES, DATE, project

from nieuwsbrief.errors import NieuwsbriefError
from nieuwsbrief.pipeline import compose


def measure(widths: tuple[int, ...]) -> dict[str, dict[str, object]]:
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as folder, contextlib.closing(launched()) as browsers:
        browser = next(browsers)
        for case in CASES:
            root = project(Path(folder) / case, case)
            try:
                compose(root, DATE)
                refused = ""
            except NieuwsbriefError as exc:
                refused = f"{exc.message}: " + "; ".join(f"{p.code} {p.message}" for p in exc.problems if p.severity == "error")
            html = compose(root, DATE, no_lint=True, force=True).rendered.html
            widths_of: dict[str, int] = {}
            for width, dark, images, styles in itertools.product(widths, (False, True), (True, False), (True, False)):
                rendered = open_email(browser, html, width, dark, images, styles)
                widths_of[rendered.name] = rendered.overflow()["scrollWidth"]
                rendered.page.context.close()
            results[case] = {"refused": refused, "scroll_widths": widths_of, "html_bytes": len(html.encode("utf-8"))}
    return results


def report(results: dict[str, dict[str, object]], widths: tuple[int, ...]) -> str:
    """Per case: the scroll width at 375 px with and without <style>, then the worst render at each width."""
    others = [w for w in widths if w != 375]
    header = ["case", "375 px", "375 px, no <style>", *(f"{w} px, worst render" for w in others), "compose"]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for case, result in results.items():
        measured: dict[str, int] = result["scroll_widths"]  # type: ignore[assignment]
        cells = [str(measured.get("375px-light", "")), str(measured.get("375px-light-no-style", ""))]
        for width in others:
            name, worst = max(((n, w) for n, w in measured.items() if n.startswith(f"{width}px")), key=lambda item: item[1])
            cells.append(f"{worst}" + (f" ({name.removeprefix(f'{width}px-')})" if worst > width else ""))
        lines.append(f"| {case} | " + " | ".join(cells) + f" | {result['refused'] or 'composes'} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write every measurement to this file")
    parser.add_argument("--widths", default="320,375,640")
    options = parser.parse_args()
    widths = tuple(int(w) for w in options.widths.split(","))
    results = measure(widths)
    print(report(results, widths))
    if options.json:
        options.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
