"""Shell completion of the values a command takes: slugs, author ids, issue ids and ESP names.

Typer calls these while the user presses Tab, in the project the command line names (--project) or the one found
from the current folder upwards. They read as little as they can (the front matter `new` reads, the names of the
issue folders) and never fail: a broken project completes nothing rather than print an error into the prompt.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from .project import find_project


def _project(ctx: Any) -> Path | None:
    while ctx is not None:
        given = ctx.params.get("project")
        if given:
            return Path(given)
        ctx = ctx.parent
    return find_project(Path.cwd())


def _quietly(find: Callable[[Path], list[str]]) -> Callable[[typer.Context, str], list[str]]:
    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        try:
            project = _project(ctx)
            found = find(project) if project is not None else []
        except Exception:
            return []
        return [value for value in found if value.startswith(incomplete)]

    return complete


def _entries(project: Path, kinds: tuple[str, ...]) -> list[str]:
    from ..config import load_settings
    from ..scaffold import peek_entries

    return sorted({entry.slug for entry in peek_entries(load_settings(project)) if entry.kind in kinds})


def _issue_ids(project: Path) -> list[str]:
    from ..archive import ISSUES_DIR, MANIFEST

    folder = project / ISSUES_DIR
    names = os.listdir(folder) if folder.is_dir() else []
    return sorted((name for name in names if (folder / name / MANIFEST).is_file()), reverse=True)  # the newest first


def _esps(_: Path) -> list[str]:
    from ..esps import ESPS

    return list(ESPS)


def _channels(_: Path) -> list[str]:
    from ..esps import APIS

    return ["smtp", *APIS]


slugs = _quietly(lambda project: _entries(project, ("column", "article")))
authors = _quietly(lambda project: _entries(project, ("author",)))
issue_ids = _quietly(_issue_ids)
esps = _quietly(_esps)
channels = _quietly(_channels)
