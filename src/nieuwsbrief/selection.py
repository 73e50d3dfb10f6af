"""Pure picking: the lead, then the related pieces, each with the reasons it was chosen.

The lead is what is new: the newest column since the previous issue (see Horizon), ready to go out. The related
pieces may be older, since that is what related means; nothing is ever featured twice.

How related pieces are scored, and why a weak one is left out, is relevance.py's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter

from .errors import NothingNewError, Problem, UsageError
from .model import Article, Pick, Selection, Skip
from .relevance import Relevance, picked, rank, score_one
from .text import did_you_mean, plural


@dataclass(frozen=True)
class Horizon:
    """From which day a column is new enough to lead (None: any day): the previous issue's date, or before the first
    issue [selection] lead_max_age days back. A column dated the previous issue's day counts as new when that issue did
    not feature it: a weekly job composes in the morning, and the column may have come later that day."""

    first_day: dt.date | None = None
    passed: str = ""  # why an older column does not lead, as --explain and an empty week say it

    def is_new(self, article: Article) -> bool:
        return self.first_day is None or article.published.date() >= self.first_day


ANY_DAY = Horizon()


def horizon(day: dt.date, previous: tuple[str, dt.date] | None, max_age: int) -> Horizon:
    """The horizon of ``day``'s issue: ``previous`` is the id and date of the issue before it; ``max_age`` counts
    when there is none (0: no limit)."""
    if previous is not None:
        issue_id, date = previous
        return Horizon(date, f"published before the previous issue ({issue_id}, {date.isoformat()})")
    if max_age > 0:
        first = dt.date.fromordinal(max(1, day.toordinal() - max_age))  # never before the first day there is
        return Horizon(first, f"published more than {max_age} days before the issue ([selection] lead_max_age)")
    return ANY_DAY


def issue_id_for(day: dt.date) -> str:
    """ISO week ids, so that a weekly job maps to one issue: 2026-11-28 -> 2026-W48."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def select(
    articles: Sequence[Article],
    day: dt.date,
    related_count: int,
    featured: Mapping[str, str] | None = None,
    lead: str | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    issue_id: str | None = None,
    preview: bool = False,
    since: Horizon = ANY_DAY,
    unready: Mapping[str, str] | None = None,
    relevance: Relevance | None = None,
) -> Selection:
    """Pick the lead and the related pieces for the issue of ``day``.

    ``featured`` maps each slug featured in another issue to that issue's id. ``preview`` lets --lead and
    --include name a draft or a future piece: a proof of what is coming, never an issue to archive. The lead is a
    column new ``since`` the horizon, unless --lead names another; ``unready`` (slug -> why) cannot go out as they are.
    ``relevance`` is what the scoring of related pieces knows of the site (relevance.py; the default: the
    pieces' titles, summaries and tags alone).
    """
    featured, unready = featured or {}, unready or {}
    by_slug = {a.slug: a for a in articles}
    _check_known(by_slug, lead, include, exclude)
    # Nothing below depends on the order of ``articles``: the last word in a tie is always the slug.
    skipped = _skipped(articles, day, featured, set(exclude))
    skipped += [Skip(slug, why, by_slug[slug].kind) for slug, why in unready.items() if slug not in {s.slug for s in skipped}]
    skipped.sort(key=attrgetter("slug"))
    blocked = {s.slug for s in skipped}
    lead_pick = _pick_lead(articles, by_slug, day, featured, exclude, blocked, lead, preview, since, unready)
    kept = _kept_for_columns_to_come(articles, lead_pick.article, day, featured)
    related, weak, held = _pick_related(
        articles, by_slug, lead_pick.article, day, related_count, include, blocked, preview, relevance or Relevance(), kept
    )
    skipped = sorted([*skipped, *held], key=attrgetter("slug"))
    return Selection(issue_id or issue_id_for(day), day, lead_pick, tuple(related), tuple(skipped), weak=tuple(weak))


def lead_order(article: Article) -> tuple[dt.datetime, int, str]:
    """How columns rank for the lead: the later moment, then the file written last; the slug only if all else is equal."""
    return (article.published, article.modified, article.slug)


def explained(
    articles: Sequence[Article],
    selection: Selection,
    chosen: str | None = None,
    since: Horizon = ANY_DAY,
) -> Selection:
    """The selection with every eligible column that did not lead, and why (``chosen``: the --lead given; ``since`` as
    select had it), nearest first: what --explain shows. Apart from select, since only pick explains (a column archive
    may hold thousands)."""
    lead = selection.lead.article
    taken = {s.slug for s in selection.skipped} | {p.article.slug for p in selection.picks}
    others = sorted((a for a in articles if a.kind == "column" and a.slug not in taken), key=lead_order, reverse=True)
    passed_over = tuple(Skip(a.slug, _why_not_lead(a, lead, chosen, since), a.kind) for a in others)
    return dataclasses.replace(selection, passed_over=passed_over)


def _why_not_lead(column: Article, lead: Article, chosen: str | None, since: Horizon) -> str:
    if chosen:
        return f"--lead chose {chosen}"
    if not since.is_new(column):
        return since.passed
    if column.published.date() < lead.published.date():
        return f"older than the lead ({column.published.date().isoformat()})"
    if column.published < lead.published:
        return f"a tie on the date: published earlier in the day ({column.published:%H:%M}, the lead {lead.published:%H:%M})"
    if column.modified < lead.modified:
        return "a tie on the date and time: its file was saved before the lead's"
    return "a tie on the date, time and file time: the slug decided"


def _check_known(by_slug: Mapping[str, Article], lead: str | None, include: Sequence[str], exclude: Sequence[str]) -> None:
    for option, slugs in (("--lead", [lead] if lead else []), ("--include", include), ("--exclude", exclude)):
        for slug in slugs:
            if slug not in by_slug:
                hint = did_you_mean(slug, by_slug, "a slug is the file name without .md")
                raise UsageError(f"{option} {slug}: no column or article has this slug; {hint}")
    both = sorted(set(include) & set(exclude))
    if both:
        raise UsageError(f"{both[0]} is both included and excluded; drop one of the two options")
    if lead and lead in exclude:
        raise UsageError(f"{lead} is both the lead and excluded; drop one of the two options")


def _skipped(articles: Sequence[Article], day: dt.date, featured: Mapping[str, str], exclude: set[str]) -> list[Skip]:
    # A cheap test first: in an archive of years almost every piece passes it.
    after = dt.datetime.combine(day + dt.timedelta(days=1), dt.time()) if day < dt.date.max else dt.datetime.max
    return [
        Skip(a.slug, _ineligible(a, day, featured, exclude), a.kind)
        for a in articles
        if a.draft or a.published >= after or a.slug in featured or a.slug in exclude or (a.expires and a.expires < after)
    ]


def _ineligible(article: Article, day: dt.date, featured: Mapping[str, str], exclude: Collection[str]) -> str:
    if article.draft:
        return "draft"
    if not article.is_published_by(day):
        return f"not published yet ({article.published.date().isoformat()})"
    if article.expires is not None and article.expires.date() <= day:
        return f"expired on the site ({article.expires.date().isoformat()})"
    return _held_back(article, featured, exclude)


def _held_back(article: Article, featured: Mapping[str, str], exclude: Collection[str]) -> str:
    if article.slug in featured:
        return f"already featured in {featured[article.slug]}"
    if article.slug in exclude:
        return "excluded with --exclude"
    return ""


def _not_yet(article: Article, day: dt.date, preview: bool) -> str:
    """Why a piece named with --lead or --include cannot go out on ``day``, with how to change that."""
    if preview:
        return ""  # a proof may show what is still a draft or dated later
    if article.draft:
        return (
            f"it is a draft (publish it with: nieuwsbrief publish {article.slug}; "
            f"see it first with: nieuwsbrief preview --lead {article.slug})"
        )
    if not article.is_published_by(day):
        return f"it is not published until {article.published.date().isoformat()} (use --date {article.published.date().isoformat()} or later)"
    return ""


def _pick_lead(
    articles: Sequence[Article],
    by_slug: Mapping[str, Article],
    day: dt.date,
    featured: Mapping[str, str],
    exclude: Sequence[str],
    blocked: set[str],
    lead: str | None,
    preview: bool,
    since: Horizon,
    unready: Mapping[str, str],
) -> Pick:
    if lead:
        chosen = by_slug[lead]
        why = _not_yet(chosen, day, preview) or _held_back(chosen, featured, exclude)
        if why:
            raise UsageError(f"--lead {lead}: cannot lead this issue: {why}")
        return Pick("lead", chosen, 0.0, ("chosen with --lead",))
    columns = [a for a in articles if a.kind == "column" and a.slug not in blocked and since.is_new(a)]
    if not columns:
        raise _nothing_new(articles, day, featured, exclude, blocked, since, unready)
    newest = max(columns, key=lead_order)
    return Pick("lead", newest, 0.0, (f"newest eligible column ({newest.published.date().isoformat()})",))


def _nothing_new(
    articles: Sequence[Article],
    day: dt.date,
    featured: Mapping[str, str],
    exclude: Sequence[str],
    blocked: set[str],
    since: Horizon,
    unready: Mapping[str, str],
) -> NothingNewError:
    """An empty week (exit 3), naming what it waits for: the drafts that would lead once published, and the newest
    column that could not lead (not ready, older than the horizon, or dated later)."""
    waiting = sorted(
        (a for a in articles if a.kind == "column" and a.slug not in featured and a.slug not in exclude),
        key=lead_order,
        reverse=True,
    )
    drafts = [a for a in waiting if a.draft and a.is_published_by(day) and since.is_new(a)]
    notes = [
        _note(a, f"the draft column {a.slug} ({_date(a)}) would qualify", f"publish it with: nieuwsbrief publish {a.slug}")
        for a in drafts
    ]
    newest = next((a for a in waiting if a.slug in unready or (a.slug not in blocked and not since.is_new(a))), None)
    later = next((a for a in reversed(waiting) if not a.draft and not a.is_published_by(day)), None)
    said = [f"{plural(len(drafts), 'draft column')} would qualify once published"] if drafts else []
    if newest is not None:
        why = unready.get(newest.slug) or since.passed
        said.append(f"the newest column not sent, {newest.slug} ({_date(newest)}), was {why}")
        if newest.slug not in unready:  # what is not ready was said already, where it is
            notes.append(
                _note(newest, f"the column {newest.slug} ({_date(newest)}) was {why}", f"to send it anyway: --lead {newest.slug}")
            )
    if later is not None:
        said.append(f"the next column, {later.slug}, is dated {_date(later)}")
        notes.append(_note(later, f"the column {later.slug} is dated {_date(later)}", "it can lead from that day on"))
    span = (
        f"on or before {day.isoformat()}"
        if since.first_day is None
        else f"from {since.first_day.isoformat()} to {day.isoformat()}"
    )
    return NothingNewError(
        f"nothing new to compose: no column published {span} that is not a draft and was not featured before"
        + "".join(f"; {part}" for part in said),
        notes,
    )


def _note(article: Article, message: str, hint: str) -> Problem:
    return Problem(article.path, 0, 0, message, hint, "note")


def _date(article: Article) -> str:
    return article.published.date().isoformat()


def _pick_related(
    articles: Sequence[Article],
    by_slug: Mapping[str, Article],
    lead: Article,
    day: dt.date,
    count: int,
    include: Sequence[str],
    blocked: set[str],
    preview: bool,
    relevance: Relevance,
    kept: Mapping[str, str],
) -> tuple[list[Pick], list[Skip], list[Skip]]:
    """The pieces named with --include, then the best related ones up to ``count``; those left out as weak, and those
    that would have been shown but are ``kept`` for a column still to come."""
    taken = {lead.slug, *include}
    candidates = [a for a in articles if a.slug not in taken and a.slug not in blocked and _can_be_related(a, lead)]
    chosen = []
    for slug in include:
        if slug == lead.slug:
            raise UsageError(f"--include {slug}: it is already the lead")
        article = by_slug[slug]
        why = _not_yet(article, day, preview)
        if why:
            raise UsageError(f"--include {slug}: {why}")
        scored = score_one(lead, article, day.toordinal(), relevance, [*candidates, article])
        chosen.append(Pick("", article, scored.score, ("chosen with --include", *scored.reasons)))
    wanted = max(0, count - len(chosen))
    ranked = rank(lead, candidates, day.toordinal(), relevance) if wanted else []
    best, weak = picked([s for s in ranked if s.article.slug not in kept], wanted, relevance.min_score)
    chosen.extend(Pick("", s.article, s.score, s.reasons) for s in best)
    bar = best[-1].score if len(best) == wanted and best else 0.0
    held = [
        Skip(s.article.slug, f"kept for the column {kept[s.article.slug]} (in its related: list)", s.article.kind)
        for s in ranked
        if s.article.slug in kept and s.related >= relevance.min_score and s.score > bar
    ][:wanted]  # no more than could have taken a slot
    return [dataclasses.replace(pick, slot=f"related-{n}") for n, pick in enumerate(chosen, start=1)], weak, held


def _kept_for_columns_to_come(
    articles: Sequence[Article], lead: Article, day: dt.date, featured: Mapping[str, str]
) -> dict[str, str]:
    """slug -> the column still to come whose related: list names it: the editor chose it for that column, so it does
    not fill another lead's section (the lead's own list and --include still take it). Still to come: not featured
    and dated on or after the issue, so that a later issue can lead with it (an older one is past the next horizon)."""
    kept: dict[str, str] = {}
    to_come = (
        a
        for a in articles
        if a.related and a.kind == "column" and a.published.date() >= day and a.slug != lead.slug and a.slug not in featured
    )
    for column in to_come:
        for slug in column.related:
            kept[slug] = min(kept.get(slug, column.slug), column.slug)
    for slug in lead.related:
        kept.pop(slug, None)
    return kept


def _can_be_related(article: Article, lead: Article) -> bool:
    # Articles are the related pieces; a column only when the editor names it in related:, or a site lists it as both.
    return article.kind == "article" or article.related_too or article.slug in lead.related
