"""Glob lists as the site generators write them: `**` for any folders, `*` and `?` within a name, `[abc]`, `{md,markdown}`.

A list becomes one compiled pattern over paths relative to the site folder ("/" separators), and the
folders a walk must enter are known from each glob's literal start, so a walk never lists node_modules/
or public/ when the pieces live under content/posts/.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable


class GlobError(ValueError):
    """A glob that cannot be read: an unclosed [ or {."""


def compile_globs(globs: Iterable[str]) -> re.Pattern[str]:
    """One pattern that matches a relative path when any of the globs does (never, for no globs)."""
    parts = [_translate(glob.strip().lstrip("/")) for glob in globs if glob.strip()]
    return re.compile("(?:" + "|".join(parts) + ")" if parts else "(?!)")


def literal_folders(globs: Iterable[str]) -> list[str]:
    """The folder each glob starts in before any wildcard ("" for the root), without ones inside others."""
    starts = set()
    for glob in globs:
        glob = glob.strip().lstrip("/")
        fixed = re.split(r"[*?\[{]", glob, maxsplit=1)[0]
        starts.add(fixed.rsplit("/", 1)[0] if "/" in fixed else "")
    ordered = sorted(starts)
    return [folder for folder in ordered if not any(_inside(folder, other) for other in ordered if other != folder)]


def matches_something(root: str, glob: str, limit: int = 200_000) -> bool:
    """Whether a glob matches any file under ``root`` (hidden names passed by, as the walk does); looked for from
    its literal start folder, and taken as yes past ``limit`` entries."""
    pattern = compile_globs([glob])
    start = literal_folders([glob])[0]
    seen = 0
    for directory, folders, files in os.walk(os.path.join(root, start)):
        folders[:] = [name for name in folders if not name.startswith(".") and name != "node_modules"]
        rel = os.path.relpath(directory, root).replace(os.sep, "/")
        prefix = "" if rel == "." else rel + "/"
        for name in files:
            if pattern.fullmatch(prefix + name):
                return True
        seen += len(files) + len(folders)
        if seen > limit:
            return True
    return False


def may_hold(folder: str, starts: list[str]) -> bool:
    """Whether a walk must enter ``folder`` (relative, no trailing "/") to find what the globs match: it is inside a
    start, or on the way to one. (Written out: a walk asks this of every folder it meets.)"""
    below = folder + "/"
    return any(
        not start or not folder or folder == start or below.startswith(start + "/") or start.startswith(below) for start in starts
    )


def _inside(path: str, folder: str) -> bool:
    return folder == "" or path == folder or path.startswith(folder + "/")


def _translate(glob: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(glob):
        char = glob[index]
        if glob.startswith("**/", index):
            out.append("(?:[^/]*/)*")  # no folder, or any number of them
            index += 3
        elif glob.startswith("**", index):
            out.append(".*")
            index += 2
        elif char == "*":
            out.append("[^/]*")
            index += 1
        elif char == "?":
            out.append("[^/]")
            index += 1
        elif char == "[":
            end = glob.find("]", index + 2)
            if end < 0:
                raise GlobError(f"{glob!r}: a [ is never closed")
            inner = glob[index + 1 : end]
            inner = inner.replace("\\", "\\\\")
            out.append("[" + ("^" + inner[1:] if inner[:1] in "!^" else inner) + "]")
            index = end + 1
        elif char == "{":
            end = glob.find("}", index)
            if end < 0:
                raise GlobError(f"{glob!r}: a {{ is never closed")
            out.append("(?:" + "|".join(_translate(choice) for choice in glob[index + 1 : end].split(",")) + ")")
            index = end + 1
        else:
            out.append(re.escape(char))
            index += 1
    return "".join(out)
