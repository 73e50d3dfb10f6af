"""Rendering: the HTML email, the plain text written from its own template, and the .eml."""

from __future__ import annotations

import email
import re
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest

from nieuwsbrief import emailhtml, markdown, pipeline
from nieuwsbrief.checklist.rules import HTML_BUDGET
from nieuwsbrief.edition import default_preheader
from nieuwsbrief.errors import ContentError
from nieuwsbrief.images import local_sizes
from nieuwsbrief.templating import packaged_templates

from .browser import solid_png
from .conftest import ProjectFactory, article, column

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
    assert "Gerelateerde artikelen\n\nDuurzaam inkopen voor het mkb\nOndernemen · 1 min lezen\n" in text
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
    assert "Goed begin en [Afbeelding: a].\n\nKlik hier\n\nBlok" in result.rendered.text


def test_code_blocks_stay_verbatim_and_autolinks_are_not_repeated() -> None:
    line = "x = " + "woord " * 20
    source = f"```\n{line}\n\tif x:  # twee spaties\n```\n\nZie <https://www.example.nl/a>.\n"
    text = markdown.to_text(source).text
    assert text == f"    {line.rstrip()}\n        if x:  # twee spaties\n\nZie https://www.example.nl/a."


def test_body_headings_never_skip_a_level_and_anchors_become_text() -> None:
    html = markdown.to_html("### Eerst\n\ntekst\n\n##### Dan\n\n[naar boven](#top) en [weg](https://x.nl)\n")
    assert "<h2>Eerst</h2>" in html and "<h3>Dan</h3>" in html
    assert 'naar boven en <a href="https://x.nl">weg</a>' in html
    assert markdown.to_html("# Een\n\n## Twee\n").startswith("<h2>Een</h2>\n<h3>Twee</h3>")


def test_headings_map_to_a_gap_free_outline_whatever_levels_the_editor_used() -> None:
    assert markdown.outline([4, 2, 4, 3, 1, 6]) == [2, 2, 3, 3, 2, 3]
    assert markdown.outline([2, 4, 4, 2], top=3) == [3, 4, 4, 3]
    html = markdown.to_html("#### Vooraf\n\n## Les [één](https://x.nl/1)\n\n#### Wat\n\n<h4>Uit het CMS</h4>\n\n# Kop 1\n")
    assert re.findall(r"<(h\d)>", html) == ["h2", "h2", "h3", "h3", "h2"]
    assert '<h2>Les <a href="https://x.nl/1">één</a></h2>' in html and "<h3>Uit het CMS</h3>" in html
    assert markdown.to_html("## Bio\n", top_heading=3) == "<h3>Bio</h3>\n"  # under the "Over de auteur"


def test_text_part_headings_show_their_level() -> None:
    text = markdown.to_text("## Een\n\n#### Twee\n\n###### Drie\n").text
    assert text == "Een\n===\n\nTwee\n----\n\nDrie\n····"


def test_footnotes_are_numbered_notes_at_the_end_of_both_parts() -> None:
    source = "Thuis.[^1] Minder[^klein], en^[inline].\n\n[^1]: Enquête.\n\n[^klein]: Zie [het rapport](https://x.nl/r).\n\n[^los]: Nooit genoemd.\n"
    html = markdown.to_html(source)
    assert html == (
        "<p>Thuis.<sup>1</sup> Minder<sup>2</sup>, en<sup>3</sup>.</p>\n<hr>\n<ol>\n<li><p>Enquête.</p>\n</li>\n"
        '<li><p>Zie <a href="https://x.nl/r">het rapport</a>.</p>\n</li>\n<li><p>inline</p>\n</li>\n<li><p>Nooit genoemd.</p>\n</li>\n</ol>\n'
    )
    text = markdown.to_text(source)
    assert text.text == "Thuis.(1) Minder(2), en(3).\n\n(1) Enquête.\n(2) Zie het rapport [1].\n(3) inline\n(4) Nooit genoemd."
    assert text.references == ["https://x.nl/r"]


def test_a_links_number_follows_the_word_the_link_is_glued_to() -> None:
    # YangTaeyoung.github.io (Hugo, Korean): `바로 [webhook.site](https://webhook.site)이다.`; the particle 이다 is part
    # of the word, so the reference number goes after it (C-44 saw 'site이다' lost when it split the word)
    source = (
        "바로 [webhook.site](https://webhook.site)이다. [Hugo](https://gohugo.io) en [de site](https://gohugo.io)'s. "
        "**[완전 이진 트리 문제](https://gohugo.io)는 문제**로 [x](https://gohugo.io) [1]a.\n"
    )
    text = markdown.to_text(source, width=None)
    assert text.text == "바로 webhook.site이다 [1]. Hugo [2] en de site [2]'s. 완전 이진 트리 문제는 [2] 문제로 x [2] [1]a."
    assert text.references == ["https://webhook.site", "https://gohugo.io"]


def test_definition_and_task_lists_read_in_both_parts() -> None:
    source = "Marge\n: wat overblijft na de inkoop.\n\n- [x] kassa testen\n- [ ] bloemen\n"
    assert markdown.to_html(source) == (
        "<dl>\n<dt>Marge</dt>\n<dd>wat overblijft na de inkoop.</dd>\n</dl>\n<ul>\n<li>☑ kassa testen</li>\n<li>☐ bloemen</li>\n</ul>\n"
    )
    assert markdown.to_text(source).text == "Marge\n    wat overblijft na de inkoop.\n\n- ☑ kassa testen\n- ☐ bloemen"


def test_raw_html_from_a_cms_reaches_the_text_part_with_its_images_links_and_tables() -> None:
    source = (
        '<figure><img src="a.jpg" alt="De gevel"><figcaption>Een week <a href="https://x.nl/o">voor</a> de opening.'
        "</figcaption></figure>\n\n<table><tr><td>Oppervlakte</td><td>84 m²</td></tr><tr><td>Open</td><td>za</td></tr></table>\n\n"
        "<p>Eerste regel<br>tweede regel</p>\n"
    )
    text = markdown.to_text(source, image_label="Afbeelding")
    assert text.text == (
        "[Afbeelding: De gevel]\n\nEen week voor [1] de opening.\n\nOppervlakte | 84 m²\n------------+------\nOpen        | za"
        "\n\nEerste regel\ntweede regel"
    )
    assert text.references == ["https://x.nl/o"]


def test_every_image_gets_a_width_no_wider_than_the_column_and_a_scaled_height(tmp_path: Path) -> None:
    (tmp_path / "static" / "img").mkdir(parents=True)
    (tmp_path / "static" / "img" / "groot.png").write_bytes(solid_png(1600, 900, (1, 2, 3)))
    (tmp_path / "content" / "columns").mkdir(parents=True)
    (tmp_path / "content" / "columns" / "klein.png").write_bytes(solid_png(100, 50, (1, 2, 3)))
    sizes = local_sizes(tmp_path, "content/columns/x.md")
    source = (
        '<img src="https://x.nl/cms.jpg" width="2400" height="600" alt="cms"> ![geen maat](https://x.nl/b.jpg) '
        '![lokaal](/img/groot.png) ![klein](klein.png) <img src="/img/groot.png" height="90" alt="hoogte">'
    )
    images = re.findall(r"<img [^>]*>", markdown.to_html(source, "https://x.nl", image_size=sizes))
    style = 'class="content-image" style="max-width: {}px;"'
    assert images == [
        f'<img src="https://x.nl/cms.jpg" alt="cms" width="520" height="130" {style.format(520)}>',
        f'<img src="https://x.nl/b.jpg" alt="geen maat" width="520" {style.format(520)}>',
        f'<img src="https://x.nl/img/groot.png" alt="lokaal" width="520" height="292" {style.format(520)}>',
        f'<img src="https://x.nl/klein.png" alt="klein" width="100" height="50" {style.format(100)}>',
        f'<img src="https://x.nl/img/groot.png" alt="hoogte" width="160" height="90" {style.format(160)}>',
    ]


def test_an_image_in_a_list_or_a_quote_is_no_wider_than_the_room_its_indents_leave() -> None:
    # YangTaeyoung.github.io (Hugo): screenshots inside a nested list; C-43 found them 520 px wide in a 472 px column
    source = "- a\n\t- b\n\t\t![](https://x.nl/b.png)\n\n> ![](https://x.nl/c.png)\n\n![](https://x.nl/d.png)\n"
    widths = re.findall(r'<img [^>]*width="(\d+)"', markdown.to_html(source))
    assert widths == ["472", "500", "520"]


def test_the_indents_images_are_capped_by_are_the_stylesheets() -> None:
    # emailhtml caps an image to the room its list, quote or table cell leaves; those numbers are the template's
    sheet = (packaged_templates() / "partials/inline-styles.html.j2").read_text(encoding="utf-8")
    li = re.search(r"\.text li \{ margin: 0 0 \d+px (\d+)px; \}", sheet)
    quote = re.search(r"\.text blockquote \{[^}]*padding: \d+px 0 \d+px (\d+)px; border-left: (\d+)px", sheet)
    cell = re.search(r"\.text td \{ padding: \d+px (\d+)px; border: (\d+)px", sheet)
    assert li and quote and cell, "the stylesheet's list, quote or cell rule changed: change emailhtml's indents with it"
    assert int(li.group(1)) == emailhtml.LIST_INDENT
    assert int(quote.group(1)) + int(quote.group(2)) == emailhtml.QUOTE_INDENT
    assert 2 * (int(cell.group(1)) + int(cell.group(2))) == emailhtml.CELL_BOX


def test_local_image_files_are_read_only_inside_the_project(tmp_path: Path) -> None:
    project = tmp_path / "site"
    (project / "content").mkdir(parents=True)
    (tmp_path / "buiten.png").write_bytes(solid_png(10, 10, (0, 0, 0)))
    sizes = local_sizes(project, "content/x.md")
    assert sizes("../../buiten.png") is None and sizes("/../buiten.png") is None
    assert sizes("https://x.nl/buiten.png") is None and sizes("bestaat-niet.png") is None


def test_tables_scroll_sideways_inside_their_own_container() -> None:
    html = markdown.to_html("| a | b |\n| --- | --- |\n| 1 | 2 |\n\n<table><tr><td>x</td></tr></table>\n")
    assert html.count('<div class="table-scroll" tabindex="0"><table role="table">') == 2
    assert html.count("</table></div>") == 2


def test_an_image_in_a_table_is_capped_to_its_cells_share_of_the_column() -> None:
    # 520 px shared by the cells, less each cell's padding and border (18 px): Outlook sizes the image by width="...".
    html = markdown.to_html(
        "![a](https://x.nl/a.png)\n\n| logo | naam |\n| --- | --- |\n| ![b](https://x.nl/b.png) | B |\n\n"
        "| foto |\n| --- |\n| ![c](https://x.nl/c.png) |\n"
    )
    assert re.findall(r'alt="(\w)" width="(\d+)"', html) == [("a", "520"), ("b", "242"), ("c", "502")]


def test_a_long_newsletter_name_is_wrapped_in_the_text_part_and_stops_nothing(sample: Path) -> None:
    settings = sample / "nieuwsbrief.toml"
    name = "European Environment for Scientific Software Installations News"  # 67 characters (EESSI's site_name)
    settings.write_text(settings.read_text(encoding="utf-8").replace("Ondernemen Wekelijks", name, 1), encoding="utf-8")
    text = pipeline.compose(sample, DATE).rendered.text  # C-34 stopped it: header and footer lines of 93 and 102
    assert text.startswith(f"{name} · Nummer\n1 · 23 november 2026\n")
    assert "Doorgestuurd gekregen? Abonneer je op European Environment for\nScientific Software Installations News:\n" in text


def test_one_numbering_of_links_for_the_whole_text_part(make_project: ProjectFactory) -> None:
    body = "Zie [a](https://x.nl/a) en [b](https://x.nl/b)."
    bio = "---\nname: Anna de Boer\n---\nAnna linkt [b](https://x.nl/b) en [c](https://x.nl/c).\n"
    root = make_project({"content/authors/anna.md": bio, "content/columns/links.md": column("Links", "2026-11-20", body=body)})
    text = pipeline.compose(root, DATE).rendered.text
    assert "Zie a [1] en b [2].\n\nLinks in deze column:\n[1] https://x.nl/a\n[2] https://x.nl/b\n" in text
    assert "Anna linkt b [2] en c [3].\n\n[3] https://x.nl/c\n" in text


def test_a_teaser_title_has_its_own_lines_and_its_reading_time_is_never_split(make_project: ProjectFactory) -> None:
    title = "Lokale marketing voor winkeliers: vijf ideeën die bijna niets kosten"
    category = "Marketing, communicatie en klantcontact voor de zelfstandige detailhandel"
    root = make_project({"content/articles/lokaal.md": article(title, "2026-11-12", "[klanten]", category)})
    text = pipeline.compose(root, DATE, pipeline.Overrides(include=("lokaal",))).rendered.text
    assert f"\n\n{title}\n{category}\n1 min lezen\nEen korte tekst" in text


def test_a_3000_word_column_stays_within_the_html_budget(make_project: ProjectFactory) -> None:
    paragraph = (
        "Een ondernemer die [haar prijzen](https://www.example.nl/prijzen) verhoogt, vertelt het haar *vaste klanten* "
        "eerst, legt uit waarom en houdt woord: zo blijft het vertrouwen, ook als de marge even onder druk staat. "
    ) * 2
    blocks = [f"## Deel {n}\n\n" + "\n\n".join([paragraph] * 4) + "\n\n- een punt\n- nog een punt\n" for n in range(13)]
    body = "\n".join(blocks) + "\n| a | b | c |\n| --- | --- | --- |\n| 1 | 2 | 3 |\n\n```\nprint('code')\n```\n"
    root = make_project({"content/columns/lang.md": column("Een lange column", "2026-11-20", body=body)})
    result = pipeline.compose(root, DATE)
    assert len(markdown.plain_words(body)) >= 3000
    assert len(result.rendered.html.encode("utf-8")) <= HTML_BUDGET


def test_a_lead_without_text_is_refused_and_its_proof_still_gets_a_preheader(make_project: ProjectFactory) -> None:
    root = make_project({"content/columns/leeg.md": column("Een column zonder tekst", "2026-11-20", body="")})
    with pytest.raises(ContentError) as caught:
        pipeline.compose(root, DATE)
    assert [p.render() for p in caught.value.problems] == [
        "content/columns/leeg.md:9:1: error: the column leeg has no text to send: its body is empty; write the column "
        "below its front matter, or keep it a draft (draft: true) until it is ready"
    ]
    lead = next(a for a in pipeline.load_project(root).content.articles if a.slug == "leeg")
    assert default_preheader(lead) == "Een column zonder tekst"  # what a proof of it (preview --lead) shows


def test_every_body_image_gets_the_styling_class_and_an_absolute_src() -> None:
    html = markdown.to_html('![zie class=x](a.png) <img src="/b.png" alt="raw" class="eigen">', "https://www.example.nl")
    assert html.count('class="content-image"') == 2
    assert 'src="https://www.example.nl/a.png"' in html and 'src="https://www.example.nl/b.png"' in html
    assert "eigen" not in html


def test_a_links_number_follows_the_word_the_link_ends_in_not_cut_into_it() -> None:
    # bnbong/bnbong.github.io: "[IPv4 포스트](…)와 연결되는" (a Korean particle written onto the link) read
    # "IPv4 포스트 [1]와" in the text part, and C-44 stopped the issue for a word it said nieuwsbrief lost
    source = (
        'Zie de [IPv4 포스트](https://x.nl/ipv4/)와 연결, de [post](https://x.nl/p/)s, <a href="https://x.nl/h">hier</a>na.\n'
    )
    rendered = markdown.to_text(source, width=None)
    assert rendered.text == "Zie de IPv4 포스트와 [1] 연결, de posts [2], hierna [3]."
    assert rendered.references == ["https://x.nl/ipv4/", "https://x.nl/p/", "https://x.nl/h"]
