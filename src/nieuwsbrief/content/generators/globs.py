"""Glob lists as the site generators write them: `**` for any folders, `*` and `?` within a name, `[abc]`, `{md,markdown}`.

A glob is checked (glob_problem), its braces expanded, and split at "/" into segments: `**` alone is any number of
folders (runs of them collapsed into one: `**/**/` is `**/`; at the end, one or more), any other segment matches one
name. `**` inside a name (`**.md`) crosses folders, as a glob library would: it stands for both readings.

A list becomes one compiled pattern that never backtracks far, whatever the glob: the leftmost-first rule of
wildcard matching (fnmatch's, and the two-pointer walk's) written with atomic groups. After a wildcard, the next
fixed part is taken at its first place and kept: `(?>[^/]*?part)` within a name, `(?>(?:[^/]*/)*?segments/)` across
folders; only the last part, anchored at the end, is looked for from the right. The time is the glob's length times
the path's; fourteen `**/` in a row, or `*a*a*a*b` on a name of 250 a's, cost what one does. A list is compiled once
(cached).

The folders a walk must enter are known from each glob's literal start, so a walk never lists node_modules/ or
public/ when the pieces live under content/posts/.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable

from ...config import SETTINGS_FILE, Settings, written_positions
from ...errors import ContentError
from ..text import Collector

MAX_GLOB_CHARS = 1_000  # a glob is a line of a configuration, not a program
MAX_VARIANTS = 64  # what its braces (and `**` inside names) may expand to


class GlobError(ValueError):
    """A glob that cannot be read: an unclosed [ or {, a range that runs backwards, too many alternatives."""


def glob_problem(glob: str) -> str:
    """What makes ``glob`` unreadable, in words ("" when it is fine)."""
    try:
        _variants(glob.strip().lstrip("/"))
    except GlobError as exc:
        return str(exc)
    return ""


def compile_globs(globs: Iterable[str]) -> re.Pattern[str]:
    """One pattern that matches a relative path when any of the globs does (never, for no globs); GlobError for one
    that cannot be read. The same list is compiled once."""
    return _compiled(tuple(globs))


@functools.lru_cache(maxsize=256)
def _compiled(globs: tuple[str, ...]) -> re.Pattern[str]:
    parts = [variant for glob in globs if glob.strip() for variant in _variants(glob.strip().lstrip("/"))]
    return re.compile("(?:" + "|".join(parts) + ")" if parts else "(?!)")


Lists = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]  # columns, articles, authors


def readable_globs(settings: Settings, shown: str, derived: Lists, out: Collector) -> Lists:
    """The globs the settings give, else the generator's for the site; ContentError for one that cannot be read,
    at its setting's line, or at the site's folder for one its configuration made."""
    chosen = (
        settings.content_columns or derived[0],
        settings.content_articles or derived[1],
        settings.content_authors or derived[2],
    )
    for kind, globs in zip(("columns", "articles", "authors"), chosen, strict=True):
        for glob in filter(glob_problem, globs):
            if getattr(settings, f"content_{kind}"):
                line, column = written_positions(settings.project).get(f"content.{kind}", (0, 0))
                message = f"content.{kind} has a glob nieuwsbrief cannot read, {glob!r}: {glob_problem(glob)}"
                out.add(SETTINGS_FILE, line, column, message, "write ranges low to high and close each [ and {")
            else:
                message = f"the site's folders make the {kind} glob {glob!r}, which nieuwsbrief cannot read: {glob_problem(glob)}"
                out.add(shown or ".", 0, 0, message, f"set [content] {kind} to globs of your own")
    if any(problem.severity == "error" for problem in out.problems):
        raise ContentError("invalid site", out.problems)
    return chosen


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
    its literal start folder, and taken as yes past ``limit`` entries; yes for a glob that cannot be read, which is
    reported as such where the globs are read (readable_globs)."""
    if glob_problem(glob):
        return True
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


def _variants(glob: str) -> list[str]:
    """The glob as patterns, one per reading of its braces; GlobError when it cannot be read."""
    if len(glob) > MAX_GLOB_CHARS:
        raise GlobError(f"it is longer than {MAX_GLOB_CHARS:,} characters")
    _check_classes(glob)
    return [_path_pattern(_collapsed(parts)) for expanded in _expand_braces(glob) for parts in _readings(expanded.split("/"))]


def _path_pattern(parts: list[str]) -> str:
    """Segments (`**` any folders) as a pattern: the first run fixed, each later one at its first place after the
    folders before it (atomic), the last one at the end."""
    runs: list[list[str]] = [[]]
    for part in parts:
        if part == "**":
            runs.append([])
        else:
            runs[-1].append(_name_pattern(part))
    first, *later = ("/".join(run) for run in runs)
    if not later:
        return first + r"\Z"
    *middle, last = later
    head = first + "/" if first else ""
    return head + "".join(f"(?>(?:[^/]*/)*?{run}/)" for run in middle) + rf"(?:[^/]*/)*{last}\Z"


def _name_pattern(part: str) -> str:
    """One name's pattern: fnmatch's reading (`*`, `?`, `[...]`), never crossing "/", each inner `*` atomic."""
    chunks: list[str] = [""]
    index = 0
    while index < len(part):
        char = part[index]
        if char == "*":
            chunks.append("")
            while index + 1 < len(part) and part[index + 1] == "*":
                index += 1
        elif char == "?":
            chunks[-1] += "[^/]"
        elif char == "[":
            end = part.index("]", index + 2)  # _check_classes saw it closed
            inner = part[index + 1 : end].replace("\\", "\\\\")
            chunks[-1] += "[" + ("^/" + inner[1:] if inner[:1] in "!^" else inner) + "]"  # never a folder's "/"
            index = end
        else:
            chunks[-1] += re.escape(char)
        index += 1
    if len(chunks) == 1:
        return chunks[0]
    first, *middle, last = chunks
    return first + "".join(f"(?>[^/]*?{chunk})" for chunk in middle) + f"[^/]*{last}"


def _check_classes(glob: str) -> None:
    index = glob.find("[")
    while index >= 0:
        end = glob.find("]", index + 2)
        if end < 0:
            raise GlobError("a [ is never closed")
        inner = glob[index + 1 : end].lstrip("!^")
        for low, high in re.findall(r"(.)-(.)", inner):
            if low > high:
                raise GlobError(f"the range {low}-{high} runs backwards")
        index = glob.find("[", end + 1)


def _expand_braces(glob: str) -> list[str]:
    found = [glob]
    done = []
    while found:
        current = found.pop()
        start = current.find("{")
        if start < 0:
            done.append(current)
        else:
            end = current.find("}", start)
            if end < 0:
                raise GlobError("a { is never closed")
            found += [current[:start] + choice + current[end + 1 :] for choice in current[start + 1 : end].split(",")]
        if len(found) + len(done) > MAX_VARIANTS:
            raise GlobError(f"its braces stand for more than {MAX_VARIANTS} alternatives")
    return sorted(done)


def _readings(parts: list[str]) -> list[list[str]]:
    """Every reading of a glob's segments: a `**` inside a name stands for two (see _inside_name)."""
    readings: list[list[str]] = [[]]
    for part in parts:
        options = _inside_name(part)
        if len(readings) * len(options) > MAX_VARIANTS:
            raise GlobError(f"its ** inside names stand for more than {MAX_VARIANTS} alternatives")
        readings = [reading + option for reading in readings for option in options]
    return readings


def _inside_name(part: str) -> list[list[str]]:
    """x**y is x*y within one name, or x*, any folders, *y across them (and so on for a second **)."""
    if part == "**" or "**" not in part:
        return [[part]]
    head, _, tail = part.partition("**")
    return [[head + "*" + tail], *([head + "*", "**", *rest] for rest in _inside_name("*" + tail))]


def _collapsed(parts: list[str]) -> list[str]:
    """Runs of `**` as one, and a last `**` as one or more folders (`**/*`), as the generators read it."""
    out: list[str] = []
    for part in parts:
        if not (part == "**" and out and out[-1] == "**"):
            out.append(part)
    return [*out, "*"] if out and out[-1] == "**" else out
