"""The weekly judgement: which column is new since the previous issue, whether the picks are ready to go out, and what
a run says in a week whose issue was already sent.

Between the pipeline and the pure selection: it reads the archive's records, reads the picked pieces in full and
judges them. A piece that is not ready is an error in our own layout (the editor fixes it, at its file and line); a
site's page that is not ready is left out with a warning, since the site publishes it and a weekly job must not fail
on it (exit 3 when nothing else is new).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from . import markdown
from .archive import IssueRecord, featured_in
from .config import Settings
from .content import complete
from .content.generators import generator_of
from .content.read import at_key
from .errors import ContentError, NothingNewError, Problem
from .model import Article, Content, Pick, Selection
from .relevance import Relevance
from .selection import Horizon, horizon, issue_id_for, select


@dataclass(frozen=True)
class Overrides:
    """The editor's say over the picks: --lead, --include and --exclude."""

    lead: str | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    preview: bool = False  # a proof: --lead and --include may name drafts and future pieces


NO_OVERRIDES = Overrides()


@dataclass(frozen=True)
class Week:
    """The picks of a week, read in full, with the horizon they were picked within and the pieces left out as not ready."""

    selection: Selection
    since: Horizon
    warnings: tuple[Problem, ...] = ()


def previous_issue(records: Sequence[IssueRecord], issue_id: str) -> tuple[str, dt.date] | None:
    """The id and date of the newest issue before ``issue_id`` in the archive, whatever its stage."""
    earlier = [record for record in records if record.id < issue_id]
    last = max(earlier, key=attrgetter("id"), default=None)
    return (last.id, last.manifest.date) if last is not None else None


def lead_horizon(settings: Settings, records: Sequence[IssueRecord], day: dt.date) -> Horizon:
    return horizon(day, previous_issue(records, issue_id_for(day)), settings.lead_max_age)


def pick_week(
    settings: Settings,
    content: Content,
    day: dt.date,
    records: list[IssueRecord],
    overrides: Overrides = NO_OVERRIDES,
    *,
    cache: bool = True,
    relevance: Relevance | None = None,
) -> Week:
    """The picks for ``day``'s issue, new since the previous one, never what another archived issue featured, read in
    full and ready to go out. Raises NothingNewError (exit 3) for an empty week, ContentError for a piece of our own
    layout, or one the editor named, that is not ready. ``relevance``: what the related scoring knows of the site."""
    issue_id = issue_id_for(day)
    since = lead_horizon(settings, records, day)
    featured = featured_in(records, except_id=issue_id)
    unready: dict[str, str] = {}
    warnings: list[Problem] = []
    while True:
        try:
            chosen = select(
                content.articles,
                day,
                settings.related_count,
                featured,
                lead=overrides.lead,
                include=overrides.include,
                exclude=overrides.exclude,
                issue_id=issue_id,
                preview=overrides.preview,
                since=since,
                unready=unready,
                relevance=relevance,
            )
        except NothingNewError as empty:
            # Point at each waiting draft's draft: line (the one to remove), at another column's date.
            paths = {a.path: a for a in content.articles}
            notes = [at_key(settings, note, "draft" if paths[note.path].draft else "date") for note in empty.problems]
            raise NothingNewError(empty.message, [*warnings, *notes]) from None
        done = complete_picks(settings, chosen, cache)
        problems = [problem for pick in done.picks if (problem := not_ready(settings, pick)) is not None]
        named = {overrides.lead, *overrides.include}
        if not problems:
            return Week(done, since, tuple(warnings))
        if generator_of(settings).strict or any(_slug(done, p) in named for p in problems) or overrides.preview:
            raise ContentError("the issue is not ready to go out", problems)
        for problem in problems:
            unready[_slug(done, problem)] = f"not ready, {problem.message.split(' has ', 1)[1]}"
            warnings.append(_left_out(problem))


def _left_out(problem: Problem) -> Problem:
    """A site's page that is not ready, as a warning: the site publishes it, and the issue goes without it."""
    return dataclasses.replace(problem, severity="warning", hint="it is left out of the issue")


def lead_ready(settings: Settings, lead: Article) -> list[Problem]:
    """What compose says about ``lead`` (read in full) if it is not ready to lead: an error, or a site's warning."""
    problem = not_ready(settings, Pick("lead", lead, 0.0, ()))
    if problem is None:
        return []
    return [problem if generator_of(settings).strict else _left_out(problem)]


def _slug(selection: Selection, problem: Problem) -> str:
    return next(pick.article.slug for pick in selection.picks if pick.article.path == problem.path)


def complete_picks(settings: Settings, selection: Selection, cache: bool) -> Selection:
    """The selection with its featured pieces read in full: bodies, reading times, file hashes."""
    done = complete(settings, [pick.article for pick in selection.picks], use_cache=cache)
    lead, *related = (dataclasses.replace(pick, article=article) for pick, article in zip(selection.picks, done, strict=True))
    return dataclasses.replace(selection, lead=lead, related=tuple(related))


def not_ready(settings: Settings, pick: Pick) -> Problem | None:
    """Why a featured piece, read in full, cannot go out as it is: a teaser without a title, a lead without text."""
    article = pick.article
    if not any(character.isalnum() for character in article.title):
        found = Problem(article.path, 0, 0, f"the {article.kind} {article.slug} has no title: {article.title!r}", "give it one")
        return at_key(settings, found, "title")
    if pick.slot == "lead":
        empty = no_text(article.body)
        hint = "write the column below its front matter, or keep it a draft (draft: true) until it is ready"
        return (
            Problem(article.path, article.body_line, 1, f"the column {article.slug} has no text to send: {empty}", hint)
            if empty
            else None
        )
    return None


def no_text(body: str) -> str:
    """What a body without a word to read holds ("" when it has text): nothing, or only headings and images."""
    found = markdown.blocks(body)
    if any(block.words for block in found if block.kind != "heading"):
        return ""
    kinds = [name for kind, name in (("heading", "a heading"), ("image", "an image")) if any(b.kind == kind for b in found)]
    if not body.strip():
        return "its body is empty"
    return f"it holds only {' and '.join(kinds)}" if kinds else "it holds nothing a reader reads"


def waiting_column(
    settings: Settings, content: Content, day: dt.date, records: list[IssueRecord], sent: IssueRecord
) -> Article | None:
    """The column that would lead ``day``'s issue now, when it is not the one the week's sent issue led: it came late."""
    try:
        week = select(
            content.articles, day, 0, featured_in(records, except_id=sent.id), since=lead_horizon(settings, records, day)
        )
    except NothingNewError:
        return None
    lead = week.lead.article
    return lead if lead.slug != sent.manifest.lead.slug else None
