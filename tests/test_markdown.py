"""The default summary's first paragraph: the fast reading, the prefix parse and the full parse agree."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nieuwsbrief import markdown

PIECES = [
    *"ab \n\t#*_-[]()<>!`|:>1.\"'&;/=ëé",
    "Tekst",
    "woord ",
    "\n\n",
    "\n   \n",
    "    ",
    "‘citaat’",
    "1. ",
    "1) ",
    "- ",
    "> ",
    "## Kop\n",
    "===\n",
    "---\n",
    "```\n",
    "[link](https://www.example.nl/a)",
    "[x]: https://www.example.nl/ref\n",
    "[x]",
    "![beeld](a.jpg)",
    "<b>",
    "<!-- c -->",
    "&amp;",
    "\\",
    "  \n",
    "\u00a0",
    "| a | b |\n|---|---|\n",
]
MARKDOWNISH = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


def parsed(text: str) -> str:
    return markdown._parsed_first_paragraph(text) or ""


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWNISH)
def test_the_fast_reading_agrees_with_the_parser_whenever_it_answers(text: str) -> None:
    fast = markdown._plain_first_paragraph(text)
    if fast is not None:
        assert fast == parsed(text)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWNISH)
def test_first_paragraph_is_what_the_whole_text_parses_to(text: str) -> None:
    assert markdown.first_paragraph(text) == parsed(text)


def test_plain_prose_with_links_is_read_without_the_parser() -> None:
    text = "## Kop\n\nDit is ‘gewoon’ tekst met een [link](https://www.example.nl/a) erin.\nTweede regel.\n\nVolgende alinea.\n"
    assert markdown._plain_first_paragraph(text) == "Dit is ‘gewoon’ tekst met een link erin. Tweede regel."


def test_anything_else_goes_to_the_parser() -> None:
    for text in ("Tekst met *nadruk*.\n", "- een lijst\n", "Tekst met [ref][x].\n\n[x]: https://x.nl\n", "1. eerste\n"):
        assert markdown._plain_first_paragraph(text) is None
    assert markdown.first_paragraph("Tekst met *nadruk*.\n\nMeer.\n") == "Tekst met nadruk."
    assert markdown.first_paragraph("Met [ref][x].\n\nMeer.\n\n[x]: https://x.nl\n") == "Met ref."
