"""The judged set's figures: precision at 3, nDCG@3 and coverage of the related picks, against judged.toml.

    python tests/relevance/evaluate.py                 # the figures of the code on PYTHONPATH
    python tests/relevance/evaluate.py --per-lead      # and each lead's picks, marked
    python tests/relevance/evaluate.py --pool 10       # the candidates to judge: each scoring's first 10

Runs against any version of nieuwsbrief (today's scoring is measured by running it with PYTHONPATH pointing at the
start commit's src/): every lead is picked as `nieuwsbrief pick --lead SLUG --date DATE` would pick it, on the day
it was published, with nothing featured before. tests/test_relevance.py holds the figures of the code as it is.
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import math
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from nieuwsbrief.config import load_settings
from nieuwsbrief.content import scan_content
from nieuwsbrief.model import Article, Content
from nieuwsbrief.selection import select

HERE = Path(__file__).parent
SITES = HERE / "sites"
COUNT = 3


@dataclass(frozen=True)
class Lead:
    site: str
    slug: str
    grades: dict[str, int]  # judged candidates: 2 a reader would surely want it, 1 might; others 0
    reasons: dict[str, str]


@dataclass(frozen=True)
class Figures:
    leads: int
    precision: float  # relevant picks among the first 3 slots, over 3 (an empty slot is not relevant)
    ndcg: float  # graded, over the ideal order of the judged candidates
    coverage: float  # slots filled, over 3 per lead
    quiet: float  # of the leads judged to have nothing related, those that get no pick at all
    nothing: int  # how many leads were judged to have nothing related


def judged() -> list[Lead]:
    data = tomllib.loads((HERE / "judged.toml").read_text(encoding="utf-8"))
    found = []
    for item in data["lead"]:
        grades, reasons = {}, {}
        for slug, judgement in item.get("related", {}).items():
            grade, _, why = judgement.partition(":")
            grades[slug], reasons[slug] = int(grade), why.strip()
        found.append(Lead(item["site"], item["slug"], grades, reasons))
    return found


@cache
def site(name: str) -> tuple[Any, Content, Any]:
    settings = load_settings(SITES / name)
    scanned = scan_content(settings, use_cache=False)
    return settings, scanned.content, scanned


def picks(lead: Lead, count: int = COUNT, every: bool = False) -> list[str]:
    """The related picks for the lead's issue, as the code on PYTHONPATH makes them (``every``: weak ones too)."""
    settings, content, scanned = site(lead.site)
    article = next(a for a in content.articles if a.slug == lead.slug)
    day = article.published.date()
    options: dict[str, Any] = {"lead": lead.slug}
    if "relevance" in inspect.signature(select).parameters:
        from nieuwsbrief.content import complete
        from nieuwsbrief.relevance import for_project

        relevance = for_project(settings, scanned.terms(), lambda lead: complete(settings, [lead], use_cache=False)[0].body)
        options["relevance"] = dataclasses.replace(relevance, min_score=0) if every else relevance
    chosen = select(content.articles, day, count, {}, **options)
    return [p.article.slug for p in chosen.related]


def dcg(grades: list[int]) -> float:
    return sum((2**grade - 1) / math.log2(place + 2) for place, grade in enumerate(grades))


def figures(leads: list[Lead], chosen: dict[tuple[str, str], list[str]]) -> Figures:
    precision = ndcg = filled = 0.0
    nothing = quiet = 0
    for lead in leads:
        shown = chosen[lead.site, lead.slug][:COUNT]
        gains = [lead.grades.get(slug, 0) for slug in shown]
        precision += sum(1 for g in gains if g > 0) / COUNT
        ideal = dcg(sorted(lead.grades.values(), reverse=True)[:COUNT])
        ndcg += dcg(gains) / ideal if ideal else (1.0 if not shown else 0.0)
        filled += len(shown) / COUNT
        if not any(lead.grades.values()):
            nothing += 1
            quiet += not shown
    n = len(leads)
    return Figures(n, precision / n, ndcg / n, filled / n, quiet / nothing if nothing else 1.0, nothing)


def evaluate(leads: list[Lead] | None = None) -> tuple[Figures, dict[tuple[str, str], list[str]]]:
    leads = leads if leads is not None else judged()
    chosen = {(lead.site, lead.slug): picks(lead) for lead in leads}
    return figures(leads, chosen), chosen


def _describe(article: Article) -> str:
    tags = f" [{', '.join(article.tags)}]" if article.tags else ""
    return f"{article.slug} ({article.published.date()}, {article.category}){tags}: {article.title} -- {article.summary[:160]}"


def _pool(leads: list[Lead], size: int) -> Iterator[str]:
    for lead in leads:
        _, content, _ = site(lead.site)
        by_slug = content.by_slug()
        article = by_slug[lead.slug]
        yield f"\n== {lead.site} {_describe(article)}"
        for slug in picks(lead, size, every=True):
            mark = lead.grades.get(slug)
            yield f"   {'?' if mark is None else mark} {_describe(by_slug[slug])}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-lead", action="store_true")
    parser.add_argument("--pool", type=int, default=0)
    options = parser.parse_args()
    leads = judged()
    if options.pool:
        print("\n".join(_pool(leads, options.pool)))
        return
    found, chosen = evaluate(leads)
    if options.per_lead:
        for lead in leads:
            marks = " ".join(f"{slug}={lead.grades.get(slug, 0)}" for slug in chosen[lead.site, lead.slug])
            print(f"{lead.site} {lead.slug}: {marks or '(none)'}")
    print(
        f"{found.leads} leads: precision@3 {found.precision:.3f}, nDCG@3 {found.ndcg:.3f}, coverage {found.coverage:.3f}; "
        f"{found.nothing} with nothing related, {found.quiet:.0%} of them without picks"
    )


if __name__ == "__main__":
    sys.exit(main())
