"""[brand]: the contrast check at the settings line, the derived dark accent, and what a logo may be."""

from __future__ import annotations

from pathlib import Path

import pytest

from nieuwsbrief.colours import contrast, readable
from nieuwsbrief.config import SETTINGS_FILE, load_settings
from nieuwsbrief.config.brand_schema import DARK_BACKGROUND, DARK_CARD
from nieuwsbrief.errors import SettingsError

from .conftest import SETTINGS


def problems(project: Path, brand: str) -> list[str]:
    """What load_settings refuses in this [brand] table, written from line 11 of the settings on."""
    (project / SETTINGS_FILE).write_text(SETTINGS + "\n[brand]\n" + brand, encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(project)
    return [problem.render() for problem in caught.value.problems]


def test_a_pair_of_colours_below_4_5_to_1_is_refused_at_the_setting_that_makes_it(tmp_path: Path) -> None:
    assert problems(tmp_path, 'accent = "#f0a0c0"\n') == [
        "nieuwsbrief.toml:11:10: error: brand.accent #f0a0c0 on brand.background #f3f1ec has a contrast of 1.77:1; text needs "
        'at least 4.5:1 (e.g. "#d12167", the nearest brand.accent that reads on #ffffff and #f3f1ec)',
        "nieuwsbrief.toml:11:10: error: brand.accent #f0a0c0 on brand.card #ffffff has a contrast of 2.00:1; text needs at "
        'least 4.5:1 (e.g. "#d12167", the nearest brand.accent that reads on #ffffff and #f3f1ec)',
    ]
    # A background the text cannot be read on is the background's problem: the text colours are fixed.
    assert problems(tmp_path, 'card = "#777"\n') == [
        "nieuwsbrief.toml:11:8: error: brand.accent #8a1c45 on brand.card #777777 has a contrast of 2.01:1; text needs at "
        'least 4.5:1 (e.g. "#d0d0d0", the nearest brand.card that #8a1c45, #1f2328 and #545a61 read on)',
        "nieuwsbrief.toml:11:8: error: the body text #1f2328 on brand.card #777777 has a contrast of 3.52:1; text needs at "
        'least 4.5:1 (e.g. "#d0d0d0", the nearest brand.card that #8a1c45, #1f2328 and #545a61 read on)',
        "nieuwsbrief.toml:11:8: error: the muted text #545a61 on brand.card #777777 has a contrast of 1.55:1; text needs at "
        'least 4.5:1 (e.g. "#d0d0d0", the nearest brand.card that #8a1c45, #1f2328 and #545a61 read on)',
    ]
    assert problems(tmp_path, 'accent_dark = "#444"\n') == [
        "nieuwsbrief.toml:11:15: error: brand.accent_dark #444444 on the dark-mode background #111214 has a contrast of "
        '1.92:1; text needs at least 4.5:1 (e.g. "#848484", the nearest brand.accent_dark that reads on #1c1d21 and #111214)',
        "nieuwsbrief.toml:11:15: error: brand.accent_dark #444444 on the dark-mode card #1c1d21 has a contrast of 1.72:1; "
        'text needs at least 4.5:1 (e.g. "#848484", the nearest brand.accent_dark that reads on #1c1d21 and #111214)',
    ]


def test_a_colour_must_be_written_as_hex(tmp_path: Path) -> None:
    assert problems(tmp_path, 'accent = "red"\n') == [
        "nieuwsbrief.toml:11:10: error: brand.accent must be a colour written as #rrggbb, got 'red' (e.g. \"#8a1c45\")"
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
        "got 'assets/logo.svg' (e.g. \"assets/logo.png\" (published beside the web archive) or "
        '"https://www.example.nl/logo.png")'
    ]
    assert problems(tmp_path, 'logo = "../logo.png"\n')[0].startswith("nieuwsbrief.toml:11:8: error: brand.logo must be")
    assert problems(tmp_path, 'logo = "assets/logo.png"\n') == [
        "nieuwsbrief.toml:11:8: error: brand.logo: no file assets/logo.png in the project "
        "(put the logo there, or give its https:// address)"
    ]
