"""The lead whole or as its excerpt ([lead] body = auto | full | excerpt), and the "read on the website" button only
when the email leaves something out, in the HTML and the text part alike."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from nieuwsbrief import pipeline
from nieuwsbrief.checklist.rules import HTML_BUDGET
from nieuwsbrief.edition import excerpt
from nieuwsbrief.errors import PreflightError
from nieuwsbrief.model import Article, RenderedEdition

from .conftest import SENDING_SETTINGS, ProjectFactory, column

LONG_POST = Path(__file__).parent / "long_post" / "compiler-team-2022-midyear-report.md"
DAY = dt.date(2022, 8, 8)
BUTTON = "Lees verder op de website"


def long_column() -> dict[str, str]:
    """The real 43-minute post as the newest column, under front matter of our own layout."""
    body = LONG_POST.read_text(encoding="utf-8").split("+++\n", 2)[2]
    front = 'title: "Rust Compiler Midyear Report for 2022"\ndate: 2022-08-08\ncategory: Rust\nauthor: anna\n'
    return {"content/columns/compiler-team-2022-midyear-report.md": f"---\n{front}---\n{body}"}


def with_lead(settings: str) -> str:
    return SENDING_SETTINGS + f"\n[lead]\n{settings}\n" if settings else SENDING_SETTINGS


def button_in(rendered: RenderedEdition) -> tuple[bool, bool]:
    """Whether the HTML shows the button and the text part its link, under the lead."""
    url = rendered.edition.links["lead"]
    html_button = f'class="button" href="{url.replace("&", "&amp;")}"' in rendered.html
    return html_button, f"{BUTTON}:\n{url}" in rendered.text


def test_a_long_real_post_goes_out_as_its_excerpt_with_the_button_in_both_parts(make_project: ProjectFactory) -> None:
    root = make_project(long_column(), settings=SENDING_SETTINGS)
    result = pipeline.compose(root, DAY)
    rendered = result.rendered
    assert rendered is not None
    assert len(rendered.html.encode("utf-8")) <= HTML_BUDGET
    assert button_in(rendered) == (True, True)
    # Both parts carry the same excerpt: its opening paragraphs, and nothing of the report after them.
    for part in (rendered.html, rendered.text):
        read = " ".join(re.sub(r"<[^>]+>", " ", part).split())
        assert "midyear report summarizing the progress" in read and "commitment of development resources." in read
        assert "Each work item, regardless" not in read
    # The reference links the opening uses come along, so they are links in both parts.
    assert "https://hackmd.io/Nfs-UmfpQwCiIRHFR-YQfQ?view" not in rendered.html
    assert "/inside-rust/2022/02/22/compiler-team-ambitions-2022.html" in rendered.html
    assert [p.code for p in result.warnings if p.severity == "error"] == []


def test_the_whole_long_post_is_over_the_budget_so_full_stops_it_and_auto_does_not(make_project: ProjectFactory) -> None:
    root = make_project(long_column(), settings=with_lead('body = "full"'))
    with pytest.raises(PreflightError) as caught:
        pipeline.compose(root, DAY)
    assert [p.render() for p in caught.value.problems if p.code == "C-07"] == [
        "issues/2022-W32/issue.html: error: C-07 the HTML is 159.9 KB, over the 85 KB budget; shorten the issue: Gmail "
        "clips at about 102 KB and can hide the unsubscribe link"
    ]


def test_a_short_real_post_goes_out_whole_without_the_button(sample: Path) -> None:
    rendered = pipeline.compose(sample, dt.date(2026, 11, 23)).rendered
    assert rendered is not None
    assert rendered.lead_body == rendered.edition.selection.lead.article.body
    assert button_in(rendered) == (False, False)
    assert BUTTON not in rendered.html and BUTTON not in rendered.text


def test_excerpt_asks_for_the_excerpt_even_of_a_short_column_and_the_button_comes_with_it(make_project: ProjectFactory) -> None:
    body = "Eerste alinea van de column, met genoeg woorden.\n\n<!--more-->\n\nDe rest, die alleen op de website staat."
    root = make_project(
        {"content/columns/kort.md": column("Kort", "2026-11-20", body=body)}, settings=with_lead('body = "excerpt"')
    )
    rendered = pipeline.compose(root, dt.date(2026, 11, 23)).rendered
    assert rendered is not None
    assert rendered.lead_body == "Eerste alinea van de column, met genoeg woorden."
    assert button_in(rendered) == (True, True)
    assert "alleen op de website" not in rendered.html + rendered.text


def test_a_column_with_a_video_the_email_cannot_carry_gets_the_button(make_project: ProjectFactory) -> None:
    body = 'Bekijk de opname.\n\n<iframe src="https://www.youtube.com/embed/x"></iframe>\n\nEn lees verder.'
    root = make_project({"content/columns/video.md": column("Video", "2026-11-20", body=body)}, settings=SENDING_SETTINGS)
    rendered = pipeline.compose(root, dt.date(2026, 11, 23)).rendered
    assert rendered is not None and rendered.lead_body == rendered.edition.selection.lead.article.body
    assert button_in(rendered) == (True, True)


def piece(body: str, summary: str = "") -> Article:
    return Article("x", "column", "X", dt.datetime(2026, 11, 20), "C", "x.md", body, 5, "https://x.nl/x", 1, summary)


@pytest.mark.parametrize(
    ("body", "summary", "words", "expected"),
    [
        # The site's own divider, as Hugo and many Jekyll sites write it; the rest never goes out.
        ("Kop van het stuk.\n\n<!-- more -->\n\nDe rest.", "", 150, "Kop van het stuk."),
        # Jekyll's excerpt_separator from _config.yml.
        ("Eerste.\n\n---8<---\n\nTweede.", "", 150, "Eerste."),
        # A summary the front matter states is the site's own excerpt.
        (
            "Een.\n\nTwee.",
            "Wat de redactie zelf als samenvatting schreef.",
            150,
            "Wat de redactie zelf als samenvatting schreef.",
        ),
        # Without a divider: the paragraph boundary nearest the words asked for, never right after a heading.
        ("een twee drie\n\n## Kop\n\nvier vijf zes zeven\n\nacht negen", "", 4, "een twee drie"),
        ("een twee drie\n\nvier vijf zes zeven\n\nacht negen", "", 6, "een twee drie\n\nvier vijf zes zeven"),
        # Nothing left out: no excerpt.
        ("een twee drie\n\nvier", "", 150, ""),
        # The link definitions the head uses come along; a footnote only if the head refers to it.
        (
            "Zie [de site][s] en noot[^a].\n\nMeer tekst hier.\n\n[s]: https://x.nl\n[^a]: Een noot.\n[^b]: Andere noot.",
            "",
            5,
            "Zie [de site][s] en noot[^a].\n\n[s]: https://x.nl\n[^a]: Een noot.",
        ),
    ],
)
def test_the_excerpt_ends_where_the_site_ends_it(body: str, summary: str, words: int, expected: str) -> None:
    assert excerpt(piece(body, summary), words, ("---8<---",)) == expected


def test_a_derived_summary_is_no_excerpt_of_its_own() -> None:
    from nieuwsbrief import markdown

    body = "Een eerste alinea.\n\nEen tweede alinea die verder gaat."
    derived = markdown.summary(body, markdown.SUMMARY_CHARS)
    assert excerpt(piece(body, derived), 3) == "Een eerste alinea."
