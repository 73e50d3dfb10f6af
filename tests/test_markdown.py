"""The default summary's first paragraph: the fast reading, the prefix parse and the full parse agree."""

from __future__ import annotations

import pytest
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
    fast = markdown._plain_first_paragraph(markdown._plain_block(text))
    if fast is not None:
        assert fast == parsed(text)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWNISH)
def test_first_paragraph_is_what_the_whole_text_parses_to(text: str) -> None:
    assert markdown.first_paragraph(text) == parsed(text)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(MARKDOWNISH, st.integers(min_value=1, max_value=40))
def test_the_summary_is_the_first_paragraph_cut_however_it_is_read(text: str, limit: int) -> None:
    assert markdown.summary(text, limit) == markdown.cut_at_word(parsed(text), limit)


def test_plain_prose_with_links_is_read_without_the_parser() -> None:
    text = "## Kop\n\nDit is ‘gewoon’ tekst met een [link](https://www.example.nl/a) erin.\nTweede regel.\n\nVolgende alinea.\n"
    assert (
        markdown._plain_first_paragraph(markdown._plain_block(text)) == "Dit is ‘gewoon’ tekst met een link erin. Tweede regel."
    )


def test_a_long_paragraph_is_read_only_as_far_as_the_summary_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    long = "Een zin over klanten en prijzen. " * 30
    with monkeypatch.context() as patched:
        patched.setattr(markdown, "_first_paragraph", lambda *args: pytest.fail("read the whole paragraph"))
        assert markdown.summary(long + "Slot met *nadruk*.\n", 40) == "Een zin over klanten en prijzen. Een…"
    # A link across the end of what is read sends it to the parser, with the same result.
    across = "Woord " * 19 + "[een link](https://www.example.nl/" + "a" * 200 + ") en verder.\n"
    assert markdown.summary(across, 40) == markdown.cut_at_word(markdown.first_paragraph(across), 40)


def test_anything_else_goes_to_the_parser() -> None:
    for text in ("Tekst met *nadruk*.\n", "- een lijst\n", "Tekst met [ref][x].\n\n[x]: https://x.nl\n", "1. eerste\n"):
        assert markdown._plain_first_paragraph(markdown._plain_block(text)) is None
    assert markdown.first_paragraph("Tekst met *nadruk*.\n\nMeer.\n") == "Tekst met nadruk."
    assert markdown.first_paragraph("Met [ref][x].\n\nMeer.\n\n[x]: https://x.nl\n") == "Met ref."
