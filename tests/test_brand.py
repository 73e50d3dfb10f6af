"""[brand]: the contrast check at the settings line, the derived dark accent, the logo (published beside the web
archive, sized from its file), and the brand carried by the email, its web version, the archive and the proof sheet;
the footer's lines, the teasers' own reading times and the archive's "no issues yet"."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from nieuwsbrief import pipeline, proofs
from nieuwsbrief.colours import contrast, readable
from nieuwsbrief.config import SETTINGS_FILE, load_settings
from nieuwsbrief.config.brand_schema import DARK_BACKGROUND, DARK_CARD
from nieuwsbrief.errors import SettingsError

from .browser import solid_png
from .conftest import AUTHOR, SETTINGS, ProjectFactory, article

DAY = dt.date(2026, 11, 23)


def problems(project: Path, brand: str) -> list[str]:
    """What load_settings refuses in this [brand] table, written from line 11 of the settings on."""
    (project / SETTINGS_FILE).write_text(SETTINGS + "\n[brand]\n" + brand, encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(project)
    return [problem.render() for problem in caught.value.problems]


def test_a_pair_of_colours_below_4_5_to_1_is_refused_at_the_setting_that_makes_it(tmp_path: Path) -> None:
    assert problems(tmp_path, 'accent = "#f0a0c0"\n') == [
        "nieuwsbrief.toml:11:10: error: brand.accent #f0a0c0 on brand.background #f3f1ec has a contrast of 1.77:1; text needs "
        'at least 4.5:1; e.g. "#d12167", the nearest brand.accent that reads on #ffffff and #f3f1ec',
        "nieuwsbrief.toml:11:10: error: brand.accent #f0a0c0 on brand.card #ffffff has a contrast of 2.00:1; text needs at "
        'least 4.5:1; e.g. "#d12167", the nearest brand.accent that reads on #ffffff and #f3f1ec',
    ]
    # A background the text cannot be read on is the background's problem: the text colours are fixed.
    assert problems(tmp_path, 'card = "#777"\n') == [
        "nieuwsbrief.toml:11:8: error: brand.accent #8a1c45 on brand.card #777777 has a contrast of 2.01:1; text needs at "
        'least 4.5:1; e.g. "#d0d0d0", the nearest brand.card that #8a1c45, #1f2328 and #545a61 read on',
        "nieuwsbrief.toml:11:8: error: the body text #1f2328 on brand.card #777777 has a contrast of 3.52:1; text needs at "
        'least 4.5:1; e.g. "#d0d0d0", the nearest brand.card that #8a1c45, #1f2328 and #545a61 read on',
        "nieuwsbrief.toml:11:8: error: the muted text #545a61 on brand.card #777777 has a contrast of 1.55:1; text needs at "
        'least 4.5:1; e.g. "#d0d0d0", the nearest brand.card that #8a1c45, #1f2328 and #545a61 read on',
    ]
    assert problems(tmp_path, 'accent_dark = "#444"\n') == [
        "nieuwsbrief.toml:11:15: error: brand.accent_dark #444444 on the dark-mode background #111214 has a contrast of "
        '1.92:1; text needs at least 4.5:1; e.g. "#848484", the nearest brand.accent_dark that reads on #1c1d21 and #111214',
        "nieuwsbrief.toml:11:15: error: brand.accent_dark #444444 on the dark-mode card #1c1d21 has a contrast of 1.72:1; "
        'text needs at least 4.5:1; e.g. "#848484", the nearest brand.accent_dark that reads on #1c1d21 and #111214',
    ]


def test_a_colour_must_be_written_as_hex(tmp_path: Path) -> None:
    assert problems(tmp_path, 'accent = "red"\n') == [
        "nieuwsbrief.toml:11:10: error: brand.accent must be a colour written as #rrggbb, got 'red'; e.g. \"#8a1c45\""
    ]


def test_the_ratio_shown_is_never_rounded_up_to_one_that_passes(tmp_path: Path) -> None:
    # #777777 on white is 4.48:1, which two decimals would round to 4.48 and one to 4.5.
    assert (
        problems(tmp_path, 'accent = "#777777"\n')[1]
        .split(": error: ")[1]
        .startswith("brand.accent #777777 on brand.card #ffffff has a contrast of 4.47:1;")
    )


@pytest.mark.parametrize("accent", ["#8a1c45", "#0a58a5", "#1f6f43", "#000000", "#5b2a86", "#f5b700"])
def test_the_dark_accent_keeps_the_hue_and_reads_on_the_dark_card_and_page(accent: str) -> None:
    dark = readable(accent, DARK_CARD, DARK_BACKGROUND)
    assert contrast(dark, DARK_CARD) >= 4.5 and contrast(dark, DARK_BACKGROUND) >= 4.5
    assert dark == accent or contrast(accent, DARK_CARD) < 4.5  # changed only when it had to


def test_the_sample_accent_turns_raspberry_in_dark_mode_not_pastel(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_text(SETTINGS, encoding="utf-8")
    brand = load_settings(tmp_path).brand
    assert (brand.accent, brand.accent_dark) == ("#8a1c45", "#dc5386")


def test_a_logo_must_be_a_raster_image_file_in_the_project_or_an_https_address(tmp_path: Path) -> None:
    assert problems(tmp_path, 'logo = "assets/logo.svg"\n') == [
        "nieuwsbrief.toml:11:8: error: brand.logo must be an https:// address or a PNG, JPG or GIF file in the project, "
        "got 'assets/logo.svg'; e.g. \"assets/logo.png\" (published beside the web archive) or "
        '"https://www.example.nl/logo.png"'
    ]
    assert problems(tmp_path, 'logo = "../logo.png"\n')[0].startswith("nieuwsbrief.toml:11:8: error: brand.logo must be")
    assert problems(tmp_path, 'logo = "assets/logo.png"\n') == [
        "nieuwsbrief.toml:11:8: error: brand.logo: no file assets/logo.png in the project; "
        "put the logo there, or give its https:// address"
    ]


BRANDED = """
[brand]
logo = "assets/logo.png"
accent = "#0b5d3b"
align = "left"
font = "sans"
"""


@pytest.fixture
def branded(make_project: ProjectFactory) -> Path:
    root = make_project(settings=SETTINGS + BRANDED)
    (root / "assets").mkdir()
    (root / "assets" / "logo.png").write_bytes(solid_png(600, 150, (11, 93, 59)))
    return root


def test_a_logo_file_is_published_beside_the_web_archive_and_sized_from_its_file(branded: Path) -> None:
    result = pipeline.compose(branded, DAY)
    assert (branded / "issues" / "logo.png").read_bytes() == (branded / "assets" / "logo.png").read_bytes()
    logo = re.search(r'<img class="logo"[^>]*>', result.rendered.html)
    assert logo is not None
    # 600 x 150 pixels: shown at the 240 px cap, its height scaled.
    assert 'src="https://www.example.nl/nieuwsbrief/logo.png" alt="Testbrief" width="240" height="60"' in logo.group(0)
    assert result.files["logo"] == branded / "issues" / "logo.png"


def test_the_brand_reaches_the_email_its_web_version_the_archive_and_the_proof_sheet(branded: Path) -> None:
    result = pipeline.compose(branded, DAY)
    pipeline.resolve(branded, result.manifest.id, "sent", via="mailchimp")
    archive = (branded / "issues" / "index.html").read_text(encoding="utf-8")
    sheet = proofs.preview(branded).read_text(encoding="utf-8")
    for page in (result.rendered.html, result.rendered.web_html, archive, sheet):
        assert "#0b5d3b" in page
    for page in (result.rendered.html, result.rendered.web_html, archive):
        assert "https://www.example.nl/nieuwsbrief/logo.png" in page or 'src="logo.png"' in page
    assert 'class="text" style="font-family:Arial, Helvetica, sans-serif;' in result.rendered.html
    assert "text-align:left" in result.rendered.html
    # The proof shows the logo before the archive is published: from the file, never in the email itself.
    assert "data:image/png;base64," in sheet and "data:image" not in result.rendered.html


def test_a_logo_by_address_is_shown_at_a_fixed_width(make_project: ProjectFactory) -> None:
    root = make_project(settings=SETTINGS + '\n[brand]\nlogo = "https://cdn.example.nl/logo.png"\nshow_name = false\n')
    html = pipeline.compose(root, DAY).rendered.html
    assert '<img class="logo" src="https://cdn.example.nl/logo.png" alt="Testbrief" width="160" style=' in html
    assert not (root / "issues" / "logo.png").exists()
    assert 'class="wordmark' not in html


def test_without_a_logo_the_name_is_the_wordmark_in_the_accent(make_project: ProjectFactory) -> None:
    html = pipeline.compose(make_project(), DAY).rendered.html
    assert re.search(r"<p class=\"wordmark\" style='[^']*color:#8a1c45[^']*'>Testbrief</p>", html)


def test_the_footer_invites_forwards_and_replies_as_the_settings_say(make_project: ProjectFactory) -> None:
    replies = SETTINGS.replace('postal_address = "Teststraat', 'reply_to = "redactie@example.nl"\npostal_address = "Teststraat')
    result = pipeline.compose(make_project(settings=replies), DAY)
    for part in (result.rendered.html, result.rendered.text):
        assert "Doorgestuurd gekregen?" in part and "Beantwoord deze mail" in part
    assert ">Abonneer je op Testbrief</a>" in result.rendered.html
    assert (
        "Doorgestuurd gekregen? Abonneer je op Testbrief:\nhttps://www.example.nl/nieuwsbrief/aanmelden\n" in result.rendered.text
    )
    # The web version is read by whoever opened it: it offers the subscription, not "forwarded this?".
    assert "Doorgestuurd" not in result.rendered.web_html and ">Abonneer je op Testbrief</a>" in result.rendered.web_html
    quiet = make_project(settings=SETTINGS + "\n[brand]\nforwarded = false\n")
    text = pipeline.compose(quiet, DAY, force=True).rendered.text
    assert "Doorgestuurd" not in text and "Beantwoord" not in text  # no reply_to: no invitation to reply


def test_a_teaser_shows_its_own_reading_time_computed_from_its_body(make_project: ProjectFactory) -> None:
    long_read = article("Over geld", "2026-11-10", "[financiering]", "Financiën").replace(
        "Een korte tekst over over geld.", " ".join(["woord"] * 1000)
    )
    stated = article("Over marketing", "2026-11-12", "[marketing]", "Marketing", extra="reading_time: 7\n")
    files = {"content/articles/over-geld.md": long_read, "content/articles/over-marketing.md": stated}
    root = make_project(files, settings=SETTINGS.replace("related_count = 3", "related_count = 4"))
    result = pipeline.compose(root, DAY)
    minutes = {p.article.slug: p.article.reading_time for p in result.rendered.edition.selection.related}
    assert minutes == {"over-geld": 4, "over-marketing": 7, "over-klanten": 1, "over-prijzen": 1}
    for part in (result.rendered.html, result.rendered.text):
        assert "4 min lezen" in part and "7 min lezen" in part


def test_the_archive_says_no_issues_yet_until_one_went_out(sample: Path) -> None:
    result = pipeline.compose(sample, DAY)
    index = (sample / "issues" / "index.html").read_text(encoding="utf-8")
    assert '<p class="empty">Nog geen nummers. Het eerste verschijnt hier zodra het de deur uit gaat.</p>' in index
    assert "<ol>" not in index
    pipeline.resolve(sample, result.manifest.id, "sent", via="mailchimp")
    index = (sample / "issues" / "index.html").read_text(encoding="utf-8")
    assert 'class="empty"' not in index and "<ol>" in index


def test_a_wide_logo_shrinks_with_the_column_on_a_phone(branded: Path) -> None:
    settings = branded / SETTINGS_FILE
    settings.write_text(
        settings.read_text(encoding="utf-8").replace('align = "left"', 'align = "left"\nlogo_width = 400'), "utf-8"
    )
    logo = re.search(r'<img class="logo"[^>]*>', pipeline.compose(branded, DAY).rendered.html)  # C-43 passes: it is fluid
    assert logo is not None and 'width="400" height="100"' in logo.group(0) and "width:100%; max-width:400px" in logo.group(0)


def test_code_in_the_bio_looks_like_code_in_the_column_light_and_dark(make_project: ProjectFactory) -> None:
    bio = AUTHOR.replace("over ondernemen.", "over `cashflow` en ondernemen.")
    html = pipeline.compose(make_project({"content/authors/anna.md": bio}), DAY).rendered.html
    code = re.search(r'<div class="bio"[^>]*>\s*<p[^>]*>Anna schrijft over (<code[^>]*>)cashflow</code>', html)
    assert code is not None and "background-color:#f1eee8" in code.group(1)
    assert ".bio code { background-color: #2a2c31 !important;" in html.replace(".text pre, .text code, ", "")
