"""Glob lists as the site generators write them: `**` for any folders, `*` and `?` within a name, `[abc]`, `{md,markdown}`.

A glob is checked (glob_problem), its braces expanded, and split at "/" into segments: `**` alone is any number of
folders (runs of them collapsed into one: `**/**/` is `**/`; at the end, one or more), any other segment matches
one name, through fnmatch's translation, which makes each `*` atomic so no name makes it backtrack. A path is then
matched segment by segment with the classic two-pointer wildcard walk: time proportional to the segments of the
glob times those of the path, whatever the glob. `**` inside a name (`**.md`) crosses folders, as a glob library
would: it stands for both readings, within the name and across folders. A list is compiled once (cached).

The folders a walk must enter are known from each glob's literal start, so a walk never lists node_modules/ or
public/ when the pieces live under content/posts/.
"""

from __future__ import annotations

import fnmatch
import functools
import re
from collections.abc import Iterable, Sequence

from ...config import SETTINGS_FILE, Settings, written_positions
from ...errors import ContentError
from ..text import Collector

MAX_GLOB_CHARS = 1_000  # a glob is a line of a configuration, not a program
MAX_VARIANTS = 64  # what its braces (and `**` inside names) may expand to
_ANY_FOLDERS = None  # a `**` segment: any number of folders


class GlobError(ValueError):
    """A glob that cannot be read: an unclosed [ or {, a range that runs backwards, too many alternatives."""


def glob_problem(glob: str) -> str:
    """What makes ``glob`` unreadable, in words ("" when it is fine)."""
    try:
        _variants(glob.strip().lstrip("/"))
    except GlobError as exc:
        return str(exc)
    return ""


@functools.lru_cache(maxsize=256)
def _compiled(globs: tuple[str, ...]) -> Globs:
    return Globs([variant for glob in globs if glob.strip() for variant in _variants(glob.strip().lstrip("/"))])


def compile_globs(globs: Iterable[str]) -> Globs:
    """What matches a relative path when any of the globs does (never, for no globs); GlobError for one that
    cannot be read. The same list is compiled once."""
    return _compiled(tuple(globs))


class Globs:
    """Compiled globs: ``fullmatch(path)`` gives the path when one of them matches all of it, else None (as a
    compiled pattern's fullmatch is read)."""

    def __init__(self, variants: list[tuple[str, list[re.Pattern[str] | None]]]) -> None:
        self.variants = variants  # (the literal folders it starts with, its segments)

    def fullmatch(self, path: str) -> str | None:
        names: list[str] | None = None
        for prefix, segments in self.variants:
            if path.startswith(prefix):
                names = names or path.split("/")
                if _walk(segments, names):
                    return path
        return None


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


def may_hold(folder: str, starts: list[str]) -> bool:
    """Whether a walk must enter ``folder`` (relative, no trailing "/") to find what the globs match."""
    return any(_inside(folder, start) or _inside(start, folder) for start in starts)


def _inside(path: str, folder: str) -> bool:
    return folder == "" or path == folder or path.startswith(folder + "/")


def _walk(segments: Sequence[re.Pattern[str] | None], names: Sequence[str]) -> bool:
    """The two-pointer wildcard match over segments: a `**` (None) takes any number of names, others one each."""
    at = taken = 0
    star, resume = -1, 0
    while taken < len(names):
        more = at < len(segments)
        segment = segments[at] if more else None
        if more and segment is _ANY_FOLDERS:
            star, resume = at, taken
            at += 1
        elif segment is not None and segment.fullmatch(names[taken]):
            at += 1
            taken += 1
        elif star >= 0:
            at, resume = star + 1, resume + 1
            taken = resume
        else:
            return False
    while at < len(segments) and segments[at] is _ANY_FOLDERS:
        at += 1
    return at == len(segments)


def _variants(glob: str) -> list[tuple[str, list[re.Pattern[str] | None]]]:
    """The glob as compiled segment lists, one per reading of its braces; GlobError when it cannot be read."""
    if len(glob) > MAX_GLOB_CHARS:
        raise GlobError(f"it is longer than {MAX_GLOB_CHARS:,} characters")
    _check_classes(glob)
    compiled = []
    for expanded in _expand_braces(glob):
        for parts in _readings(expanded.split("/")):
            prefix = "".join(f"{part}/" for part in _literal_start(parts))
            compiled.append((prefix, [_segment(part) for part in _collapsed(parts)]))
    return compiled


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


def _literal_start(parts: list[str]) -> list[str]:
    literal = []
    for part in parts[:-1]:
        if any(char in part for char in "*?["):
            break
        literal.append(part)
    return literal


def _segment(part: str) -> re.Pattern[str] | None:
    return _ANY_FOLDERS if part == "**" else re.compile(fnmatch.translate(part))
