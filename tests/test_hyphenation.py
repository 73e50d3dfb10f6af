"""Soft hyphens: in long words of titles and body text only; never in URLs, code or a link's text; never in the text
part; and the same hyphens as pyphen's own dictionary parse, read lazily."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pyphen  # type: ignore[import-untyped]
import pytest

from nieuwsbrief import markdown, pipeline
from nieuwsbrief.hyphenation import SOFT_HYPHEN, hyphenate, hyphenator

from .conftest import REPO, ProjectFactory, column

SHY = SOFT_HYPHEN


def shown(text: str) -> str:
    return text.replace(SHY, "-")


def test_long_words_get_soft_hyphens_and_short_ones_none() -> None:
    assert shown(hyphenate("De arbeidsongeschiktheidsverzekering van een ondernemer", "nl")) == (
        "De arbeids-on-ge-schikt-heids-ver-ze-ke-ring van een ondernemer"
    )
    assert hyphenate("Duurzaam ondernemen: geen hype, maar huiswerk", "nl") == "Duurzaam ondernemen: geen hype, maar huiswerk"
    assert shown(hyphenate("Internationalization, explained", "en")) == "Inter-na-tion-al-iz-a-tion, explained"


@pytest.mark.parametrize(
    "text",
    [
        "https://www.example.nl/arbeidsongeschiktheidsverzekering",
        "www.arbeidsongeschiktheidsverzekering.nl",
        "arbeidsongeschiktheidsverzekering@example.nl",
        "content/arbeidsongeschiktheidsverzekering.md",
        "arbeidsongeschiktheidsverzekering.nl",
    ],
)
def test_never_inside_an_address_a_path_or_a_domain(text: str) -> None:
    assert hyphenate(f"Zie {text} voor meer", "nl") == f"Zie {text} voor meer"


def test_a_language_without_a_dictionary_is_left_as_it_is() -> None:
    assert hyphenate("arbeidsongeschiktheidsverzekering", "xx") == "arbeidsongeschiktheidsverzekering"


def test_the_body_gets_them_in_text_and_headings_never_in_links_or_code() -> None:
    body = (
        "## Over de arbeidsongeschiktheidsverzekering\n\n"
        "Een arbeidsongeschiktheidsverzekering, zie [Arbeidsongeschiktheidsverzekeraar BV](https://x.nl/a) "
        "en `arbeidsongeschiktheidsverzekering` of <https://x.nl/arbeidsongeschiktheidsverzekering>.\n\n"
        "```\narbeidsongeschiktheidsverzekering\n```\n"
    )
    html = markdown.to_html(body, hyphens="nl")
    assert f"<h2>Over de arbeids{SHY}on{SHY}ge" in html and f"<p>Een arbeids{SHY}on{SHY}ge" in html
    assert ">Arbeidsongeschiktheidsverzekeraar BV</a>" in html
    assert "<code>arbeidsongeschiktheidsverzekering</code>" in html
    assert "<pre><code>arbeidsongeschiktheidsverzekering\n</code></pre>" in html
    assert ">https://x.nl/arbeidsongeschiktheidsverzekering</a>" in html
    assert SHY not in markdown.to_html(body)  # only when asked
    assert SHY not in markdown.to_text(body).text


def test_the_issue_hyphenates_titles_and_body_but_never_the_text_part(make_project: ProjectFactory) -> None:
    title = "Arbeidsongeschiktheidsverzekering voor zelfstandigen"
    body = "De arbeidsongeschiktheidsverzekering is duur. Meer op https://www.example.nl/arbeidsongeschiktheidsverzekering."
    root = make_project({"content/columns/tweede-column.md": column(title, "2026-11-16", "[prijzen]", body=body)})
    result = pipeline.compose(root, dt.date(2026, 11, 23))
    html, text = result.rendered.html, result.rendered.text
    assert re.search(f">Arbeids{SHY}on{SHY}ge[^<]*</h1>", html)
    assert f"De arbeids{SHY}on" in html and "https://www.example.nl/arbeidsongeschiktheidsverzekering." in html
    assert f"<title>{title}</title>" in html  # the subject, as the inbox shows it
    assert SHY not in text and SHY not in result.rendered.edition.subject
    assert SHY in result.rendered.web_html


def test_the_lazy_dictionary_breaks_every_word_of_the_sample_where_pyphen_itself_does() -> None:
    words = {
        word
        for path in sorted((REPO / "content").rglob("*.md"))
        for word in re.findall(r"[^\W\d_]{12,}", path.read_text(encoding="utf-8"))
    }
    assert len(words) > 200
    for lang in ("nl", "en"):
        lazy = hyphenator(lang).hd
        whole = pyphen.HyphDict(Path(pyphen.LANGUAGES[lang]))  # pyphen's own parse of every pattern
        assert not isinstance(lazy.patterns, dict)  # the lazy one is what hyphenate uses
        assert {w: lazy.positions(w) for w in words} == {w: whole.positions(w) for w in words}
