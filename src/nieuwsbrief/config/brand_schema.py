"""[brand] of nieuwsbrief.toml, declared (schema.py lists it): the logo, the colours and the checks of them together.

Every pair of colours that text is written in, or on, must reach 4.5:1 (WCAG AA, checklist C-27). The colours a
brand does not set are fixed here; brand.py derives the rest of the look the templates read.
"""

from __future__ import annotations

import math
from pathlib import Path

from ..colours import TEXT_CONTRAST, contrast, is_colour, normal, readable
from ..options import COLOUR, HTTPS_URL, ONE_LINE, Option, Rule, Section, Values, one_of

# The colours the brand does not set: the text, the quieter lines (byline, footer), and dark mode's page and card.
INK, MUTED = "#1f2328", "#545a61"
DARK_BACKGROUND, DARK_CARD = "#111214", "#1c1d21"
LOGO_TYPES = (".png", ".jpg", ".jpeg", ".gif")  # raster images every mail client shows (checklist C-14)
LOGO_LIMIT = 1_000_000  # bytes: every reader downloads it
LOGO_CAP = 240  # px: the widest a logo is shown unless logo_width says otherwise


def _is_logo(value: str) -> bool:
    """An https:// address, or a path inside the project to a PNG, JPG or GIF file."""
    if "://" in value:
        return _is_https(value)
    return Path(value).suffix.lower() in LOGO_TYPES and not Path(value).is_absolute() and ".." not in Path(value).parts


def _is_https(url: str) -> bool:
    return not HTTPS_URL.broken(url)


LOGO = Rule(
    lambda value: [] if _is_logo(value) else [value],
    "{name} must be an https:// address or a PNG, JPG or GIF file in the project, got {value!r}",
    'e.g. "assets/logo.png" (published beside the web archive) or "https://www.example.nl/logo.png"',
    "an https:// URL, or a .png, .jpg or .gif file in the project",
)


LOGO_WIDTH = Rule(
    lambda value: [] if value == 0 or 16 <= value <= 520 else [str(value)],
    "{name} must be 16 to 520 pixels, got {value}",
    "leave it out to size the logo from its file",
    "16 to 520 pixels (0: from the file)",
)


def _logo_file(values: Values, written: frozenset[str], project: Path) -> list[tuple[str, str, str]]:
    """A local logo must be a regular file inside the project, of a size a reader can download."""
    logo = values["brand.logo"]
    if not logo or "://" in logo:
        return []
    path = project / logo
    if not path.resolve().is_relative_to(project.resolve()) or not path.is_file():
        return [("logo", f"brand.logo: no file {logo} in the project", "put the logo there, or give its https:// address")]
    if path.stat().st_size > LOGO_LIMIT:
        return [("logo", f"brand.logo: {logo} is over {LOGO_LIMIT // 1000:,} KB", "every reader downloads it: save it smaller")]
    return []


def _dark_accent(values: Values) -> str:
    accent = values["brand.accent"]
    return readable(accent, DARK_CARD, DARK_BACKGROUND) if is_colour(accent) else accent  # (its own rule says what is wrong)


# Every pair of text and background the brand's colours make: a setting's key, or a fixed colour with its name.
_PAIRS: tuple[tuple[str | tuple[str, str], str | tuple[str, str]], ...] = (
    ("accent", "card"),  # links, labels and headings' rules in the card
    ("accent", "background"),  # the links above and below the card
    (("the body text", INK), "card"),
    (("the muted text", MUTED), "card"),
    (("the muted text", MUTED), "background"),
    ("accent_dark", ("the dark-mode card", DARK_CARD)),
    ("accent_dark", ("the dark-mode background", DARK_BACKGROUND)),
)


def _colour(side: str | tuple[str, str], values: Values) -> tuple[str, str]:
    return (f"brand.{side}", values[f"brand.{side}"]) if isinstance(side, str) else side


def _listed(colours: list[str]) -> str:
    return f"{', '.join(colours[:-1])} and {colours[-1]}" if len(colours) > 1 else colours[0]


def _contrasts(values: Values, written: frozenset[str], project: Path) -> list[tuple[str, str, str]]:
    """Each pair of colours a brand setting written makes must reach 4.5:1 (the defaults, and the dark accent derived
    from the accent, always do). The problem is the text colour's when it is written, else the background's; its hint
    names the nearest colour that reads in every pair it is part of."""
    found = []
    for text, background in _PAIRS:
        blamed = [side for side in (text, background) if isinstance(side, str) and f"brand.{side}" in written]
        (text_name, ink), (background_name, paper) = _colour(text, values), _colour(background, values)
        ratio = contrast(ink, paper)
        if not blamed or ratio >= TEXT_CONTRAST:
            continue
        shown = math.floor(ratio * 100) / 100  # never rounded up to a ratio that would pass
        message = f"{text_name} {ink} on {background_name} {paper} has a contrast of {shown:.2f}:1; text needs at least 4.5:1"
        if blamed[0] == text:
            papers = [_colour(other, values)[1] for mine, other in _PAIRS if mine == text]
            hint = f'e.g. "{readable(ink, *papers)}", the nearest {text_name} that reads on {_listed(papers)}'
        else:
            inks = [_colour(other, values)[1] for other, mine in _PAIRS if mine == background]
            hint = f'e.g. "{readable(paper, *inks)}", the nearest {background_name} that {_listed(inks)} read on'
        found.append((blamed[0], message, hint))
    return found


BRAND = Section(
    "brand",
    "How the email, its web version, the archive and the proof sheet look: logo, colours, type and footer. "
    "Every colour text is written in, or on, must reach a contrast of 4.5:1 (WCAG AA): check names a pair below it.",
    (
        Option(
            "logo",
            str,
            "an image (https://, or a PNG, JPG or GIF file in the project, published beside the web archive); "
            "none: the name in type",
            "",
            rules=(ONE_LINE, LOGO),
            example="assets/logo.png",
            rare=True,
        ),
        Option("logo_alt", str, "the logo's alt text", "", default_doc="the newsletter's name", rules=(ONE_LINE,), rare=True),
        Option(
            "logo_width",
            int,
            "the logo's width in pixels",
            0,
            default_doc=f"the file's own, at most {LOGO_CAP}; {LOGO_CAP // 2 + 40} for an address",
            rules=(LOGO_WIDTH,),
            example=180,
            rare=True,
        ),
        Option("align", str, "the masthead: logo and name centred or on the left", "center", rules=(one_of(("center", "left")),)),
        Option("show_name", bool, "the newsletter's name beside the logo (always shown when there is no logo)", True),
        Option("font", str, "the body text's type: serif (Georgia) or sans (Arial)", "serif", rules=(one_of(("serif", "sans")),)),
        Option("accent", str, "links, labels, rules and the button", "#8a1c45", rules=(COLOUR,), clean=normal),
        Option(
            "accent_dark",
            str,
            "the accent in dark mode",
            derive=_dark_accent,
            default_doc=f"the accent made lighter until it reads on the dark card ({DARK_CARD})",
            rules=(COLOUR,),
            clean=normal,
            example="#dc5386",
            rare=True,
        ),
        Option("background", str, "the page around the email", "#f3f1ec", rules=(COLOUR,), clean=normal),
        Option("card", str, "the email's own column", "#ffffff", rules=(COLOUR,), clean=normal),
        Option("forwarded", bool, 'the footer\'s "forwarded this? subscribe" line, linked to [links] subscribe', True),
        Option(
            "reply",
            bool,
            "the footer's invitation to reply",
            derive=lambda values: bool(values["newsletter.reply_to"]),
            default_doc="true when [newsletter] reply_to is set",
            example=True,
        ),
    ),
    into="brand",
    across=(_logo_file, _contrasts),
)
