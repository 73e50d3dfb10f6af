"""A few pieces read again for positions: where a front-matter key stands, and the whole located document.

A scan keeps metadata without positions (an archive of 100,000 files has no use for them); the few places that
point an editor at a line (an empty week's waiting drafts, the content rules of the pre-flight check) read the
file once more here.
"""

from __future__ import annotations

import dataclasses
import os

from ..config import Settings
from ..errors import Problem
from .frontmatter import Collector, Document, read_document


def document(settings: Settings, shown: str) -> Document | None:
    """The file ``shown`` (relative to the project) split into located front matter and body; None if unreadable."""
    return read_document(settings.max_file_bytes, shown, os.path.join(settings.project, shown), Collector())


def at_key(settings: Settings, problem: Problem, key: str) -> Problem:
    """The problem placed at ``key`` in its file's front matter (at the opening --- when the key is absent)."""
    found = document(settings, problem.path)
    if found is None:
        return problem
    line, column = found.position(key)
    return dataclasses.replace(problem, line=line, column=column)
