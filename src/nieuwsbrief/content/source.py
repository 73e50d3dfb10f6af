"""A few files read again for positions: where a front-matter key stands, and the whole located document.

A scan keeps metadata without positions (an archive of 100,000 files has no use for them); the few places that
point an editor at a line (a check across files that fails, an empty week's waiting drafts, the content rules of
the pre-flight check, init's placeholders) read the file once more here.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path

from ..config import Settings
from ..errors import Problem
from .formats import read_document
from .text import Collector, Document


def located(project: Path, shown: str, max_bytes: int = sys.maxsize) -> Document | None:
    """The file ``shown`` (relative to the project) split into located front matter and body; None if unreadable.

    Without ``max_bytes`` any size is read: a file a scan has already taken.
    """
    return read_document(max_bytes, shown, os.path.join(project, shown), Collector())


def document(settings: Settings, shown: str) -> Document | None:
    """``located`` within the settings' size limit."""
    return located(settings.project, shown, settings.max_file_bytes)


def position(found: Document | None, key: str) -> tuple[int, int]:
    """Where ``key``'s value stands (the opening --- when the key is absent; with no key, where the body starts);
    the file's first line when it could not be read."""
    if found is None:
        return 1, 1
    return found.position(key) if key else (found.body_line, 1)


def at_key(settings: Settings, problem: Problem, key: str) -> Problem:
    """The problem placed at ``key`` in its file's front matter (at the opening --- when the key is absent)."""
    found = document(settings, problem.path)
    if found is None:
        return problem
    line, column = found.position(key)
    return dataclasses.replace(problem, line=line, column=column)
