"""The brand as the templates use it: [brand]'s colours and what follows from them, the type, the masthead's logo.

Every template (the email, its web version, the archive page, the proof sheet) reads the same ``Look``, so one
setting changes all of them. The colours a brand does not set are fixed here: the text, the quieter lines and
dark mode's page and card; config/schema.py checks that every pair of them reaches 4.5:1.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from .atomic import read_regular
from .colours import shade, text_on
from .config import SETTINGS_FILE, Settings
from .config.brand_schema import DARK_BACKGROUND, DARK_CARD, INK, LOGO_CAP, LOGO_LIMIT, MUTED
from .images import local_sizes

SERIF = 'Georgia, "Times New Roman", serif'
SANS = "Arial, Helvetica, sans-serif"
ADDRESS_WIDTH = LOGO_CAP // 2 + 40  # a logo given by its address: its size is unknown, so it is shown this wide
DARK_BUTTON = -0.06  # the button's fill in dark mode: this much deeper (HLS lightness) than the accent
MIME = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif"}


@dataclass(frozen=True)
class Logo:
    src: str  # what the email links: the address given, or the file's place beside the web archive
    alt: str
    width: int
    height: int | None  # None when the image's proportions are unknown (an address)
    file: Path | None = None  # a file in the project, published beside the web archive as ``published``
    published: str = ""

    def data_uri(self) -> str:
        """The file as a data: URI, for the proof sheet, which shows the logo before the archive is published.
        Never in an email (checklist C-14)."""
        if self.file is None:
            return self.src
        data, _ = read_regular(self.file, LOGO_LIMIT)
        return f"data:{MIME[self.file.suffix.lower()]};base64,{base64.b64encode(data).decode('ascii')}"


@dataclass(frozen=True)
class Look:
    name: str
    accent: str
    accent_dark: str
    on_accent: str  # text on a filled accent (the button)
    button_dark: str  # the button's fill in dark mode: the accent a shade deeper, so it glows less on the dark card
    on_button_dark: str
    background: str
    card: str
    font: str  # the font stack of the body text and the titles
    align: str  # "center" or "left"
    show_name: bool
    logo: Logo | None
    forwarded: bool
    reply: bool
    ink: str = INK
    muted: str = MUTED
    rule: str = "#e2ded6"  # lines between parts
    dark_background: str = DARK_BACKGROUND
    dark_card: str = DARK_CARD
    dark_ink: str = "#f0f0f0"
    dark_muted: str = "#c8c8cc"
    dark_rule: str = "#44464d"
    sans: str = SANS


def look(settings: Settings) -> Look:
    brand = settings.brand
    return Look(
        name=settings.name,
        accent=brand.accent,
        accent_dark=brand.accent_dark,
        on_accent=text_on(brand.accent),
        button_dark=_dark_button(brand.accent),
        on_button_dark=text_on(_dark_button(brand.accent)),
        background=brand.background,
        card=brand.card,
        font=SANS if brand.font == "sans" else SERIF,
        align=brand.align,
        show_name=brand.show_name or not brand.logo,
        logo=_logo(settings) if brand.logo else None,
        forwarded=brand.forwarded,
        reply=brand.reply,
    )


def _dark_button(accent: str) -> str:
    """A shade deeper than the accent (a black one: a shade lighter), so dark mode visibly changes the button too."""
    deeper = shade(accent, DARK_BUTTON)
    return deeper if deeper != accent else shade(accent, -DARK_BUTTON)


def _logo(settings: Settings) -> Logo:
    brand = settings.brand
    alt = brand.logo_alt or settings.name
    if "://" in brand.logo:
        return Logo(brand.logo, alt, brand.logo_width or ADDRESS_WIDTH, None)
    file = settings.project / brand.logo
    published = "logo" + (".jpg" if file.suffix.lower() == ".jpeg" else file.suffix.lower())
    natural = local_sizes(settings.project, SETTINGS_FILE)(brand.logo)
    width = brand.logo_width or min(natural[0] if natural else ADDRESS_WIDTH, LOGO_CAP)
    height = round(natural[1] * width / natural[0]) if natural else None
    return Logo(f"{settings.archive_url}{published}", alt, width, height, file, published)


def published_files(found: Look) -> dict[str, bytes]:
    """What goes beside the web archive: the logo file, by its name there."""
    if found.logo is None or found.logo.file is None:
        return {}
    data, _ = read_regular(found.logo.file, LOGO_LIMIT)
    return {found.logo.published: data}
