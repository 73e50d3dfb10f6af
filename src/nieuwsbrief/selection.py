"""Pure picking: the lead, then the related pieces, each with the reasons it was chosen.

How related pieces are scored, and why a weak one is left out, is relevance.py's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from operator import attrgetter

from .errors import NothingNewError, Problem, UsageError
from .model import Article, Pick, Selection, Skip
from .relevance import Relevance, picked, rank, score_one
from .text import plural


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
    relevance: Relevance | None = None,
) -> Selection:
    """Pick the lead and the related pieces for the issue of ``day``.

    ``featured`` maps each slug featured in another issue to that issue's id. ``preview`` lets --lead and
    --include name a draft or a future piece: a proof of what is coming, never an issue to archive.
    ``relevance`` is what the scoring of related pieces knows of the site (relevance.py; the default: the
    pieces' titles, summaries and tags alone).
    """
    featured = featured or {}
    by_slug = {a.slug: a for a in articles}
    _check_known(by_slug, lead, include, exclude)
    # Nothing below depends on the order of ``articles``: the last word in a tie is always the slug.
    skipped = sorted(_skipped(articles, day, featured, set(exclude)), key=attrgetter("slug"))
    blocked = {s.slug for s in skipped}
    lead_pick = _pick_lead(articles, by_slug, day, featured, exclude, blocked, lead, preview)
    kept = _kept_for_columns_to_come(articles, lead_pick.article, featured)
    related, weak, held = _pick_related(
        articles, by_slug, lead_pick.article, day, related_count, include, blocked, preview, relevance or Relevance(), kept
    )
    skipped = sorted([*skipped, *held], key=attrgetter("slug"))
    return Selection(issue_id or issue_id_for(day), day, lead_pick, tuple(related), tuple(skipped), weak=tuple(weak))


def lead_order(article: Article) -> tuple[dt.datetime, int, str]:
    """How columns rank for the lead: the later moment, then the file written last; the slug only if all else is equal."""
    return (article.published, article.modified, article.slug)


def explained(articles: Sequence[Article], selection: Selection, chosen: str | None = None) -> Selection:
    """The selection with every eligible column that did not lead, and why (``chosen``: the --lead given), nearest
    first: what --explain shows. Apart from select, since only pick explains (a column archive may hold thousands)."""
    lead = selection.lead.article
    taken = {s.slug for s in selection.skipped} | {p.article.slug for p in selection.picks}
    others = sorted((a for a in articles if a.kind == "column" and a.slug not in taken), key=lead_order, reverse=True)
    passed_over = tuple(Skip(a.slug, _why_not_lead(a, lead, chosen), a.kind) for a in others)
    return dataclasses.replace(selection, passed_over=passed_over)


def _why_not_lead(column: Article, lead: Article, chosen: str | None) -> str:
    if chosen:
        return f"--lead chose {chosen}"
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
                raise UsageError(f"{option} {slug}: no column or article has this slug (the file name without .md)")
    both = sorted(set(include) & set(exclude))
    if both:
        raise UsageError(f"{both[0]} is both included and excluded; drop one of the two options")
    if lead and lead in exclude:
        raise UsageError(f"{lead} is both the lead and excluded; drop one of the two options")


def _skipped(articles: Sequence[Article], day: dt.date, featured: Mapping[str, str], exclude: set[str]) -> list[Skip]:
    # A cheap test first: in an archive of years almost every piece passes it.
    after = dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
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
) -> Pick:
    if lead:
        chosen = by_slug[lead]
        why = _not_yet(chosen, day, preview) or _held_back(chosen, featured, exclude)
        if why:
            raise UsageError(f"--lead {lead}: cannot lead this issue: {why}")
        return Pick("lead", chosen, 0.0, ("chosen with --lead",))
    columns = [a for a in articles if a.kind == "column" and a.slug not in blocked]
    if not columns:
        drafts = _waiting_drafts(articles, day, featured, exclude)
        waiting = f"; {plural(len(drafts), 'draft column')} would qualify once published" if drafts else ""
        raise NothingNewError(
            f"nothing new to compose: no column published on or before {day.isoformat()} "
            f"that is not a draft and was not featured before{waiting}",
            drafts,
        )
    newest = max(columns, key=lead_order)
    return Pick("lead", newest, 0.0, (f"newest eligible column ({newest.published.date().isoformat()})",))


def _waiting_drafts(
    articles: Sequence[Article], day: dt.date, featured: Mapping[str, str], exclude: Sequence[str]
) -> list[Problem]:
    """The draft columns that would lead once published, newest first: what an empty week is waiting for."""
    drafts = [
        a
        for a in articles
        if a.kind == "column" and a.draft and a.is_published_by(day) and a.slug not in featured and a.slug not in exclude
    ]
    return [
        Problem(
            a.path,
            0,
            0,
            f"the draft column {a.slug} ({a.published.date().isoformat()}) would qualify",
            f"publish it with: nieuwsbrief publish {a.slug}",
            "note",
        )
        for a in sorted(drafts, key=lead_order, reverse=True)
    ]


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


def _kept_for_columns_to_come(articles: Sequence[Article], lead: Article, featured: Mapping[str, str]) -> dict[str, str]:
    """slug -> the column still to come (not featured yet) whose related: list names it: the editor chose it for that
    column, so it does not fill another lead's section (the lead's own list and --include still take it)."""
    kept: dict[str, str] = {}
    for column in articles:
        if column.related and column.kind == "column" and column.slug != lead.slug and column.slug not in featured:
            for slug in column.related:
                kept[slug] = min(kept.get(slug, column.slug), column.slug)
    for slug in lead.related:
        kept.pop(slug, None)
    return kept


def _can_be_related(article: Article, lead: Article) -> bool:
    # Articles are the related pieces; a column only when the editor names it in related:, or a site lists it as both.
    return article.kind == "article" or article.related_too or article.slug in lead.related
