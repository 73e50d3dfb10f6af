"""Rendering: the HTML email, the plain text written from its own template, and the .eml."""

from __future__ import annotations

import email
import re
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest

from nieuwsbrief import markdown, pipeline

from .conftest import ProjectFactory, column

DATE = __import__("datetime").date(2026, 11, 23)
URL = re.compile(r"https?://\S+")


@pytest.fixture
def composed(sample: Path) -> pipeline.ComposeResult:
    return pipeline.compose(sample, DATE)


def words(text: str) -> list[str]:
    text = re.sub(r"\[\d+\]", " ", text)
    return re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", text)


def test_text_holds_the_whole_lead_column_word_for_word(composed: pipeline.ComposeResult) -> None:
    lead = composed.rendered.edition.selection.lead.article
    body_words = words(markdown.to_text(lead.body, width=None, image_label="afbeelding").text)
    text_words = words(composed.rendered.text)
    start = text_words.index(body_words[0])
    assert len(body_words) > 1200
    assert text_words[start : start + len(body_words)] == body_words


def test_text_lines_fit_72_columns_except_bare_urls(composed: pipeline.ComposeResult) -> None:
    long_lines = [line for line in composed.rendered.text.splitlines() if len(line) > 72]
    assert long_lines
    assert all(URL.fullmatch(line) for line in long_lines)


def test_text_has_reading_times_bio_teasers_and_unsubscribe(composed: pipeline.ComposeResult) -> None:
    text = composed.rendered.text
    assert "5 min lezen · Door Marloes Verhoeven · 23 november 2026" in text
    assert "Over de auteur\n\nMarloes Verhoeven, Columnist en ondernemer\n" in text
    assert "Marloes Verhoeven (1981) runt sinds 2014 een koffiebranderij" in text
    assert "Gerelateerde artikelen\n\nOndernemen · Duurzaam inkopen voor het mkb · 1 min lezen\n" in text
    assert text.count(" min lezen") == 4
    assert text.endswith("Geen nieuwsbrief meer ontvangen? Afmelden:\nhttps://www.example.nl/nieuwsbrief/afmelden\n")


def test_text_links_are_numbered_references(composed: pipeline.ComposeResult) -> None:
    text = composed.rendered.text
    assert "Autoriteit Consument & Markt [1]" in text
    assert "Links in deze column:\n[1] https://www.acm.nl/\n[2] https://www.rvo.nl/\n" in text


def test_every_html_link_is_in_the_text_part(composed: pipeline.ComposeResult) -> None:
    hrefs = set(re.findall(r'href="([^"]+)"', composed.rendered.html))
    text = composed.rendered.text
    assert hrefs
    assert sorted(h for h in hrefs if h.replace("&amp;", "&") not in text) == []


def test_html_has_every_element_of_the_column_page(composed: pipeline.ComposeResult) -> None:
    html = composed.rendered.html
    assert html.startswith('<!DOCTYPE html>\n<html lang="nl" dir="ltr"')
    for expected in (
        ">Ondernemen</p>",
        ">Duurzaam ondernemen: geen hype, maar huiswerk</h1>",
        "5 min lezen · Door Marloes Verhoeven",
        ">Over de auteur</h2>",
        ">Gerelateerde artikelen</h2>",
        ">Bekijk in je browser</a>",
        ">Afmelden</a>",
        "Voorbeeldstraat 1, 1234 AB Utrecht",
        "<title>Duurzaam ondernemen: geen hype, maar huiswerk</title>",
        "<ul",
        "1 min lezen",
    ):
        assert expected in html
    assert html.count("<h1") == 1


def test_css_is_inlined_but_head_only_css_keeps_important(composed: pipeline.ComposeResult) -> None:
    html = composed.rendered.html
    assert 'class="text" style=\'font-family:Georgia' in html
    assert "@media (prefers-color-scheme: dark)" in html
    assert ".email-bg { background-color: #111214 !important; }" in html
    assert "a[x-apple-data-detectors]" in html
    assert 'width="100%">' not in html.split("<body")[0]  # no premailer attributes on <html>
    assert 'height="auto"' not in html
    assert "data-premailer" not in html


def test_eml_is_multipart_alternative_text_first_html_last(composed: pipeline.ComposeResult) -> None:
    message = email.message_from_bytes(composed.rendered.eml, policy=default)
    assert isinstance(message, EmailMessage)
    assert message.get_content_type() == "multipart/alternative"
    parts = list(message.iter_parts())
    assert [p.get_content_type() for p in parts] == ["text/plain", "text/html"]
    assert all(p.get_content_charset() == "utf-8" and p["Content-Transfer-Encoding"] == "quoted-printable" for p in parts)
    assert (
        parts[0].get_content() == composed.rendered.text.replace("\n", "\r\n")
        or parts[0].get_content().replace("\r\n", "\n") == composed.rendered.text
    )
    assert message["Subject"] == "Duurzaam ondernemen: geen hype, maar huiswerk"
    assert message["From"] == "Ondernemen Wekelijks <nieuwsbrief@example.nl>"
    assert message["Date"] == "Mon, 23 Nov 2026 07:00:00 +0100"
    assert re.fullmatch(r"<2026-W48\.[0-9a-f]{16}@example\.nl>", message["Message-ID"])
    assert (
        message["List-Unsubscribe"]
        == "<https://www.example.nl/nieuwsbrief/afmelden>, <mailto:afmelden@example.nl?subject=afmelden>"
    )
    assert message["List-Unsubscribe-Post"] is None  # one page for every reader: no one-click
    assert message["List-Id"] == "Ondernemen Wekelijks <ondernemen-wekelijks.example.nl>"
    assert message["MIME-Version"] == "1.0"
    assert max(len(line) for line in composed.rendered.eml.split(b"\r\n")) <= 998


def test_same_input_gives_the_same_bytes(sample: Path) -> None:
    first = pipeline.compose(sample, DATE)
    outputs = {name: path.read_bytes() for name, path in first.files.items()}
    second = pipeline.compose(sample, DATE)
    assert {name: path.read_bytes() for name, path in second.files.items()} == outputs


HOSTILE = """Goed begin <script>alert('x')</script> en <img src="https://x.nl/a.png" onerror="alert(1)" alt="a">.

[Klik](javascript:alert(1)) <a href="javascript:alert(2)" onclick="steal()">hier</a>

<div onmouseover="x()"><script>document.cookie</script><iframe src="https://evil.example"></iframe>Blok</div>
"""


def test_raw_html_never_carries_scripts_handlers_or_javascript_links(make_project: ProjectFactory) -> None:
    root = make_project({"content/columns/vijandig.md": column("Vijandig", "2026-11-20", body=HOSTILE)})
    result = pipeline.compose(root, DATE)
    for part in (result.rendered.html, result.rendered.text):
        lowered = part.lower()
        assert "<script" not in lowered
        assert "javascript:" not in lowered
        assert "onerror" not in lowered and "onclick" not in lowered and "onmouseover" not in lowered
        assert "<iframe" not in lowered
        assert "alert('x')" not in part and "document.cookie" not in part
    assert "Goed begin en [afbeelding: a].\n\nKlik hier\n\nBlok" in result.rendered.text


def test_code_blocks_wrap_and_autolinks_are_not_repeated() -> None:
    source = "```\n" + "x = " + "woord " * 20 + "\n```\n\nZie <https://www.example.nl/a>.\n"
    text = markdown.to_text(source).text
    assert max(len(line) for line in text.splitlines()) <= 72
    assert text.endswith("Zie https://www.example.nl/a.")


def test_body_headings_never_skip_a_level_and_anchors_become_text() -> None:
    html = markdown.to_html("### Eerst\n\ntekst\n\n##### Dan\n\n[naar boven](#top) en [weg](https://x.nl)\n")
    assert "<h2>Eerst</h2>" in html and "<h3>Dan</h3>" in html
    assert 'naar boven en <a href="https://x.nl">weg</a>' in html
    assert markdown.to_html("# Een\n\n## Twee\n").startswith("<h2>Een</h2>\n<h3>Twee</h3>")


def test_a_lead_without_text_still_gets_a_preheader(make_project: ProjectFactory) -> None:
    root = make_project({"content/columns/leeg.md": column("Een column zonder tekst", "2026-11-20", body="")})
    result = pipeline.compose(root, DATE)
    assert result.rendered.edition.preheader == "Een column zonder tekst"
    assert [w.message for w in result.warnings if w.code == "C-20"] == ["the preheader has 23 characters"]


def test_every_body_image_gets_the_styling_class_and_an_absolute_src() -> None:
    html = markdown.to_html('![zie class=x](a.png) <img src="/b.png" alt="raw" class="eigen">', "https://www.example.nl")
    assert html.count('class="content-image"') == 2
    assert 'src="https://www.example.nl/a.png"' in html and 'src="https://www.example.nl/b.png"' in html
    assert "eigen" not in html
