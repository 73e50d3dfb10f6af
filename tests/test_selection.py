"""Picking: the lead, related pieces by topic, exclusions, overrides, and properties under Hypothesis."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nieuwsbrief.errors import NothingNewError, UsageError
from nieuwsbrief.model import Article
from nieuwsbrief.selection import issue_id_for, score_related, select

DAY = dt.date(2026, 11, 30)


def piece(
    slug: str, kind: str = "article", day: int = 1, month: int = 11, tags: tuple[str, ...] = (), **extra: object
) -> Article:
    fields: dict[str, object] = {
        "slug": slug,
        "kind": kind,
        "title": slug.replace("-", " "),
        "published": dt.datetime(2026, month, day),
        "category": "Ondernemen",
        "path": f"content/{kind}s/{slug}.md",
        "body": "",
        "body_line": 5,
        "url": f"https://www.example.nl/{slug}/",
        "reading_time": 3,
        "summary": "",
        "tags": tags,
    }
    fields.update(extra)
    return Article(**fields)  # type: ignore[arg-type]


def test_issue_ids_are_iso_weeks() -> None:
    assert issue_id_for(dt.date(2026, 11, 28)) == "2026-W48"
    assert issue_id_for(dt.date(2027, 1, 1)) == "2026-W53"
    assert issue_id_for(dt.date(2027, 1, 4)) == "2027-W01"


def test_lead_is_the_newest_published_column_never_a_draft_or_future_one() -> None:
    articles = [
        piece("oud", "column", 2),
        piece("nieuw", "column", 20),
        piece("concept", "column", 25, draft=True),
        piece("toekomst", "column", 2, month=12),
        piece("artikel-nieuwer", "article", 28),
    ]
    selection = select(articles, DAY, 3)
    assert selection.lead.article.slug == "nieuw"
    assert selection.lead.reasons == ("newest eligible column (2026-11-20)",)
    assert [s.slug for s in selection.skipped] == ["concept", "toekomst"]
    assert [s.reason for s in selection.skipped] == ["draft", "not published yet (2026-12-02)"]


def test_topic_beats_recency() -> None:
    articles = [
        piece("lead", "column", 20, tags=("prijzen",), category="Ondernemen"),
        piece("vers-maar-anders", day=29, tags=("personeel",), category="Werk"),
        piece("oud-over-prijzen", day=1, month=6, tags=("prijzen",), category="Werk"),
        piece("zelfde-rubriek", day=1, month=7, category="Ondernemen"),
    ]
    related = [p.article.slug for p in select(articles, DAY, 3).related]
    assert related == ["oud-over-prijzen", "zelfde-rubriek", "vers-maar-anders"]


def test_editor_related_list_comes_first_in_its_order() -> None:
    articles = [
        piece("lead", "column", 20, tags=("a",), related=("tweede", "eerste")),
        piece("eerste", day=1, month=3),
        piece("tweede", day=1, month=2),
        piece("getagd", day=25, tags=("a",)),
    ]
    selection = select(articles, DAY, 3)
    assert [p.article.slug for p in selection.related] == ["tweede", "eerste", "getagd"]
    assert selection.related[0].reasons[0] == "in the lead's related: list (+100)"


def test_ties_are_broken_by_date_then_slug() -> None:
    articles = [piece("lead", "column", 20), piece("b", day=10), piece("a", day=10), piece("c", day=10)]
    assert [p.article.slug for p in select(articles, DAY, 3).related] == ["a", "b", "c"]


def test_already_featured_pieces_are_never_picked_again() -> None:
    articles = [piece("oude-lead", "column", 25), piece("lead", "column", 20), piece("gebruikt", day=19), piece("vrij", day=18)]
    featured = {"oude-lead": "2026-W48", "gebruikt": "2026-W48"}
    selection = select(articles, DAY, 3, featured)
    assert selection.lead.article.slug == "lead"
    assert [p.article.slug for p in selection.related] == ["vrij"]
    assert [(s.slug, s.reason) for s in selection.skipped] == [
        ("gebruikt", "already featured in 2026-W48"),
        ("oude-lead", "already featured in 2026-W48"),
    ]


def test_no_eligible_column_means_nothing_new() -> None:
    with pytest.raises(NothingNewError) as caught:
        select([piece("concept", "column", 1, draft=True), piece("artikel")], DAY, 3)
    assert caught.value.message == (
        "nothing new to compose: no column published on or before 2026-11-30 that is not a draft and was not featured before"
    )


def test_overrides_lead_include_exclude() -> None:
    articles = [piece("oud", "column", 2), piece("nieuw", "column", 20), piece("a", day=5), piece("b", day=6), piece("c", day=7)]
    selection = select(articles, DAY, 2, lead="oud", include=["a"], exclude=["c"])
    assert selection.lead.article.slug == "oud"
    assert selection.lead.reasons == ("chosen with --lead",)
    assert [p.article.slug for p in selection.related] == ["a", "b"]
    assert selection.related[0].reasons[0] == "chosen with --include"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lead": "bestaat-niet"}, "--lead bestaat-niet: no column or article has this slug (the file name without .md)"),
        ({"include": ["x"], "exclude": ["x"]}, "--include x: no column or article has this slug (the file name without .md)"),
        ({"include": ["a"], "exclude": ["a"]}, "a is both included and excluded; drop one of the two options"),
        ({"lead": "concept"}, "--lead concept: cannot lead this issue: draft"),
        ({"include": ["later"]}, "--include later: it is not published until 2026-12-24"),
        ({"include": ["nieuw"]}, "--include nieuw: it is already the lead"),
    ],
)
def test_impossible_overrides_are_usage_errors(kwargs: dict[str, object], message: str) -> None:
    articles = [
        piece("nieuw", "column", 20),
        piece("concept", "column", 21, draft=True),
        piece("a"),
        piece("later", day=24, month=12),
    ]
    with pytest.raises(UsageError) as caught:
        select(articles, DAY, 3, **kwargs)  # type: ignore[arg-type]
    assert caught.value.message == message


# --- properties -------------------------------------------------------------------------------

TAGS = st.lists(st.sampled_from(["klanten", "prijzen", "groei", "personeel"]), max_size=3, unique=True).map(tuple)


@st.composite
def archives(draw: st.DrawFn) -> tuple[list[Article], dict[str, str]]:
    count = draw(st.integers(min_value=1, max_value=25))
    articles = []
    for index in range(count):
        articles.append(
            piece(
                f"stuk-{index}",
                draw(st.sampled_from(["column", "article", "article"])),
                day=draw(st.integers(min_value=1, max_value=28)),
                month=draw(st.integers(min_value=9, max_value=12)),
                tags=draw(TAGS),
                category=draw(st.sampled_from(["Ondernemen", "Financiën"])),
                draft=draw(st.booleans()),
            )
        )
    featured_slugs = draw(st.lists(st.sampled_from([a.slug for a in articles]), unique=True))
    return articles, dict.fromkeys(featured_slugs, "2026-W40")


@settings(max_examples=200, deadline=None)
@given(archives(), st.integers(min_value=0, max_value=5), st.randoms(use_true_random=False))
def test_picking_properties(archive: tuple[list[Article], dict[str, str]], count: int, rng: random.Random) -> None:
    articles, featured = archive
    try:
        selection = select(articles, DAY, count, featured)
    except NothingNewError:
        assert not any(a.kind == "column" and not a.draft and a.is_published_by(DAY) and a.slug not in featured for a in articles)
        return
    picked = [p.article for p in selection.picks]
    slugs = [a.slug for a in picked]
    assert selection.lead.article.slug not in [p.article.slug for p in selection.related]  # the lead is never related
    assert len(slugs) == len(set(slugs))  # nothing is picked twice
    assert all(not a.draft and a.is_published_by(DAY) and a.slug not in featured for a in picked)
    assert len(selection.related) <= count
    shuffled = list(articles)
    rng.shuffle(shuffled)
    assert select(shuffled, DAY, count, featured) == selection  # input order never matters


WORDS = st.sampled_from(["klanten", "prijzen", "groei", "marges", "personeel", "bakkerij", "webshop"])


@settings(max_examples=300, deadline=None)
@given(archives(), st.integers(min_value=1, max_value=4), st.lists(st.lists(WORDS, max_size=6), min_size=40, max_size=40))
def test_only_contenders_are_scored_in_full_and_the_picks_are_the_same(
    archive: tuple[list[Article], dict[str, str]], count: int, texts: list[list[str]]
) -> None:
    articles, featured = archive
    # Titles and summaries with shared words, so that text similarity decides between near ties.
    articles = [a._replace(title=" ".join(words[:3]), summary=" ".join(words)) for a, words in zip(articles, texts, strict=False)]
    try:
        selection = select(articles, DAY, count, featured)
    except NothingNewError:
        return
    lead = selection.lead.article
    blocked = {s.slug for s in selection.skipped}
    everyone = [a for a in articles if a.slug != lead.slug and a.slug not in blocked and a.kind == "article"]
    by_full_score = sorted(
        ((*score_related(lead, a, DAY), a) for a in everyone),
        key=lambda item: (-item[0], -item[2].published.timestamp(), item[2].slug),
    )
    assert [(p.article.slug, p.score) for p in selection.related] == [(a.slug, score) for score, _, a in by_full_score[:count]]
