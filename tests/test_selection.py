"""Picking: the lead, related pieces by topic, exclusions, overrides, and properties under Hypothesis."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nieuwsbrief.errors import NothingNewError, UsageError
from nieuwsbrief.model import Article
from nieuwsbrief.relevance import Relevance, rank
from nieuwsbrief.selection import explained, issue_id_for, select

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


def test_a_tie_on_the_date_goes_to_the_later_hour_then_the_file_saved_last_never_the_alphabet() -> None:
    earlier_hour = piece("zzz-ochtend", "column", 28, published=dt.datetime(2026, 11, 28, 8, 0))
    later_hour = piece("aaa-middag", "column", 28, published=dt.datetime(2026, 11, 28, 14, 30))
    assert select([earlier_hour, later_hour], DAY, 0).lead.article.slug == "aaa-middag"
    sample = piece("welkom-bij-je-eerste-nummer", "column", 28, modified=1_000)
    mine = piece("aaa-mijn-eerste-column", "column", 28, modified=2_000)  # written after init: the newer file
    selection = explained([sample, mine], select([sample, mine], DAY, 0))
    assert selection.lead.article.slug == "aaa-mijn-eerste-column"
    assert [(s.slug, s.reason) for s in selection.passed_over] == [
        ("welkom-bij-je-eerste-nummer", "a tie on the date and time: its file was saved before the lead's")
    ]
    twins = [piece("b-tweeling", "column", 28, modified=5), piece("a-tweeling", "column", 28, modified=5)]
    assert [(s.slug, s.reason) for s in explained(twins, select(twins, DAY, 0)).passed_over] == [
        ("a-tweeling", "a tie on the date, time and file time: the slug decided")
    ]


def test_explain_lists_every_column_considered_with_why_it_did_not_lead() -> None:
    articles = [
        piece("nieuw", "column", 28, published=dt.datetime(2026, 11, 28, 12, 0)),
        piece("ochtend", "column", 28, published=dt.datetime(2026, 11, 28, 9, 15)),
        piece("oud", "column", 2),
        piece("concept", "column", 29, draft=True),
        piece("toekomst", "column", 3, month=12),
        piece("verstuurd", "column", 21),
        piece("in-related", "column", 1),
        piece("lead-artikel", "article", 27),
    ]
    articles[0] = articles[0]._replace(related=("in-related",))
    selection = explained(articles, select(articles, DAY, 1, {"verstuurd": "2026-W47"}))
    assert [p.article.slug for p in selection.related] == ["in-related"]  # picked as related: it lost nothing
    assert [(s.slug, s.reason) for s in selection.passed_over] == [
        ("ochtend", "a tie on the date: published earlier in the day (09:15, the lead 12:00)"),
        ("oud", "older than the lead (2026-11-02)"),
    ]
    assert [(s.slug, s.kind, s.reason) for s in selection.skipped] == [
        ("concept", "column", "draft"),
        ("toekomst", "column", "not published yet (2026-12-03)"),
        ("verstuurd", "column", "already featured in 2026-W47"),
    ]
    chosen = explained(articles, select(articles, DAY, 0, {"verstuurd": "2026-W47"}, lead="oud"), "oud")
    assert [(s.slug, s.reason) for s in chosen.passed_over] == [
        ("nieuw", "--lead chose oud"),
        ("ochtend", "--lead chose oud"),
        ("in-related", "--lead chose oud"),
    ]


def test_a_preview_may_lead_with_a_draft_or_include_a_later_piece_but_never_a_featured_one() -> None:
    articles = [piece("klaar", "column", 20), piece("concept", "column", 29, draft=True), piece("later", day=4, month=12)]
    proof = select(articles, DAY, 3, lead="concept", include=["later"], preview=True)
    assert (proof.lead.article.slug, [p.article.slug for p in proof.related]) == ("concept", ["later"])
    with pytest.raises(UsageError) as caught:
        select(articles, DAY, 3, {"klaar": "2026-W47"}, lead="klaar", preview=True)
    assert caught.value.message == "--lead klaar: cannot lead this issue: already featured in 2026-W47"


def test_topic_beats_recency_and_what_shares_nothing_is_left_out() -> None:
    articles = [
        piece("lead", "column", 20, tags=("prijzen",), category="Ondernemen"),
        piece("vers-maar-anders", day=29, tags=("personeel",), category="Werk"),
        piece("oud-over-prijzen", day=1, month=6, tags=("prijzen",), category="Werk"),
        piece("zelfde-rubriek", day=1, month=7, category="Ondernemen"),
    ]

    def picks(minimum: float) -> list[str]:
        return [p.article.slug for p in select(articles, DAY, 3, relevance=Relevance(min_score=minimum)).related]

    selection = select(articles, DAY, 3)
    assert [p.article.slug for p in selection.related] == ["oud-over-prijzen"]
    assert selection.related[0].reasons[0] == "tag `prijzen` (common, +7)"
    # The same category alone (4) is below the default minimum (5); a lower one shows it; none fills up with the rest.
    assert picks(4) == ["oud-over-prijzen", "zelfde-rubriek"]
    assert picks(0) == ["oud-over-prijzen", "zelfde-rubriek", "vers-maar-anders"]


def test_editor_related_list_comes_first_in_its_order() -> None:
    articles = [
        piece("lead", "column", 20, tags=("a",), related=("tweede", "eerste")),
        piece("eerste", day=1, month=3),
        piece("tweede", day=1, month=2),
        piece("getagd", day=25, tags=("a",)),
    ]
    selection = select(articles, DAY, 3)
    assert [p.article.slug for p in selection.related] == ["tweede", "eerste", "getagd"]
    assert selection.related[0].reasons[0] == "in the lead's related: list (+200)"


def test_ties_are_broken_by_date_then_slug() -> None:
    same = {"title": "prijzen"}
    articles = [
        piece("lead", "column", 20, **same),
        piece("b", day=10, **same),
        piece("a", day=10, **same),
        piece("c", day=10, **same),
    ]
    assert [p.article.slug for p in select(articles, DAY, 3).related] == ["a", "b", "c"]


def test_already_featured_pieces_are_never_picked_again() -> None:
    articles = [
        piece("oude-lead", "column", 25),
        piece("lead", "column", 20, related=("gebruikt", "vrij")),
        piece("gebruikt", day=19),
        piece("vrij", day=18),
    ]
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
        select([piece("artikel")], DAY, 3)
    assert caught.value.message == (
        "nothing new to compose: no column published on or before 2026-11-30 that is not a draft and was not featured before"
    )
    assert caught.value.problems == ()


def test_an_empty_week_names_the_drafts_that_would_qualify_newest_first() -> None:
    articles = [
        piece("oud-concept", "column", 1, draft=True),
        piece("nieuw-concept", "column", 28, draft=True),
        piece("later-concept", "column", 2, month=12, draft=True),  # not this week's: dated later
        piece("gebruikt-concept", "column", 3, draft=True),  # featured before (an issue of drafts, by --force)
    ]
    with pytest.raises(NothingNewError) as caught:
        select(articles, DAY, 3, {"gebruikt-concept": "2026-W45"})
    assert caught.value.message == (
        "nothing new to compose: no column published on or before 2026-11-30 that is not a draft and was not featured "
        "before; 2 draft columns would qualify once published"
    )
    assert [(p.path, p.severity, p.message, p.hint) for p in caught.value.problems] == [
        (
            "content/columns/nieuw-concept.md",
            "note",
            "the draft column nieuw-concept (2026-11-28) would qualify",
            "publish it with: nieuwsbrief publish nieuw-concept",
        ),
        (
            "content/columns/oud-concept.md",
            "note",
            "the draft column oud-concept (2026-11-01) would qualify",
            "publish it with: nieuwsbrief publish oud-concept",
        ),
    ]


def test_overrides_lead_include_exclude() -> None:
    articles = [
        piece("oud", "column", 2, related=("b", "c")),
        piece("nieuw", "column", 20),
        piece("a", day=5),
        piece("b", day=6),
        piece("c", day=7),
    ]
    selection = select(articles, DAY, 2, lead="oud", include=["a"], exclude=["c"])
    assert selection.lead.article.slug == "oud"
    assert selection.lead.reasons == ("chosen with --lead",)
    assert [p.article.slug for p in selection.related] == ["a", "b"]
    assert selection.related[0].reasons[0] == "chosen with --include"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"lead": "bestaat-niet"},
            "--lead bestaat-niet: no column or article has this slug; a slug is the file name without .md",
        ),
        (
            {"include": ["x"], "exclude": ["x"]},
            "--include x: no column or article has this slug; a slug is the file name without .md",
        ),
        ({"include": ["a"], "exclude": ["a"]}, "a is both included and excluded; drop one of the two options"),
        (
            {"lead": "concept"},
            "--lead concept: cannot lead this issue: it is a draft (publish it with: nieuwsbrief publish concept; "
            "see it first with: nieuwsbrief preview --lead concept)",
        ),
        ({"include": ["later"]}, "--include later: it is not published until 2026-12-24 (use --date 2026-12-24 or later)"),
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
def test_the_picks_are_the_best_related_enough_and_the_weak_are_named(
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
    ranked = rank(lead, everyone, DAY.toordinal(), Relevance())
    strong = [s for s in ranked if s.related >= Relevance().min_score]
    assert [(p.article.slug, p.score) for p in selection.related] == [(s.article.slug, s.score) for s in strong[:count]]
    assert all(s.slug not in {p.article.slug for p in selection.related} for s in selection.weak)
