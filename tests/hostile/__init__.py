"""A corpus of hostile-but-real Markdown: columns the way publishers really write and paste them.

Each file in columns/ is one case (a code block, a wide table, a pasted CMS image, footnotes, ...); the case
"all-in-one" is every other case's body in one column, as a real column mixes them. project() writes a small
project whose lead is that column, beside an author whose bio has links of its own, two plain related articles
(and the case's own from articles/, if it has one), and the local image file a case links with a root-relative path.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..browser import solid_png
from ..conftest import SETTINGS, article

HERE = Path(__file__).parent
ALL_IN_ONE = "all-in-one"
SINGLE_CASES = tuple(sorted(path.stem for path in (HERE / "columns").glob("*.md")))
CASES = (*SINGLE_CASES, ALL_IN_ONE)
DATE = dt.date(2026, 11, 23)
# A local file, as a site keeps it under static/: wider than the column, so its size must be read and scaled.
LOCAL_IMAGE = ("static/images/omzet-per-weekdag.png", 1600, 900)
AUTHOR = HERE / "authors" / "anna.md"


def front_matter_and_body(text: str) -> tuple[str, str]:
    _, front, body = text.split("---\n", 2)
    return front, body


def column_text(case: str) -> str:
    """The column file of ``case``: its front matter, then its body."""
    if case != ALL_IN_ONE:
        return (HERE / "columns" / f"{case}.md").read_text(encoding="utf-8")
    bodies = [front_matter_and_body(column_text(single))[1] for single in SINGLE_CASES]
    front = 'title: "Alles door elkaar, zoals een echte column"\ndate: 2026-11-20\ncategory: Ondernemen\nauthor: anna\n'
    return f"---\n{front}---\n" + "\n".join(bodies)


def body(case: str) -> str:
    return front_matter_and_body(column_text(case))[1]


def project(root: Path, case: str) -> Path:
    """A project at ``root`` whose newest column, the lead on DATE, is the corpus case ``case``."""
    files = {
        "nieuwsbrief.toml": SETTINGS,
        "content/authors/anna.md": AUTHOR.read_text(encoding="utf-8"),
        f"content/columns/{case}.md": column_text(case),
        "content/articles/over-klanten.md": article("Over klanten", "2026-10-01"),
        "content/articles/over-prijzen.md": article("Over prijzen", "2026-10-05", "[prijzen]"),
    }
    own = HERE / "articles" / f"{case}.md"
    if own.exists():
        files[f"content/articles/{case}-related.md"] = own.read_text(encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    image, width, height = LOCAL_IMAGE
    (root / image).parent.mkdir(parents=True, exist_ok=True)
    (root / image).write_bytes(solid_png(width, height, (70, 110, 160)))
    return root
