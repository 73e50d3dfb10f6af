"""Colours as #rrggbb text: WCAG contrast, and a colour shifted until text in it reads on a background.

The brand's settings ([brand] in nieuwsbrief.toml) are checked with these (a pair below 4.5:1 is refused), and the
dark-mode accent is derived with them: the brand's own hue, made lighter until it reads on the dark card.
"""

from __future__ import annotations

import colorsys
import re

TEXT_CONTRAST = 4.5  # WCAG 1.4.3, level AA, for text of any size (checklist C-27)
_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
WHITE, INK = "#ffffff", "#111214"  # what is written on a filled button: whichever reads better on its fill


def is_colour(value: str) -> bool:
    return _HEX.fullmatch(value) is not None


def normal(value: str) -> str:
    """'#ABC' -> '#aabbcc'; anything else as it is (the rule that checks it says what is wrong)."""
    found = _HEX.fullmatch(value)
    if found is None:
        return value
    digits = found.group(1).lower()
    return "#" + ("".join(2 * digit for digit in digits) if len(digits) == 3 else digits)


def _rgb(colour: str) -> tuple[float, float, float]:
    digits = normal(colour)[1:]
    return int(digits[0:2], 16) / 255, int(digits[2:4], 16) / 255, int(digits[4:6], 16) / 255


def _hex(red: float, green: float, blue: float) -> str:
    return "#" + "".join(f"{round(channel * 255):02x}" for channel in (red, green, blue))


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in _rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(colour: str, *backgrounds: str, minimum: float = TEXT_CONTRAST) -> str:
    """``colour`` itself when text in it reads on every background, else the nearest colour of the same hue and
    saturation, lighter on dark backgrounds and darker on light ones, that does (black or white at worst)."""
    if all(contrast(colour, background) >= minimum for background in backgrounds):
        return colour
    hue, lightness, saturation = colorsys.rgb_to_hls(*_rgb(colour))
    lighter = max(luminance(background) for background in backgrounds) < 0.18
    for step in range(1, 101):
        shifted = min(1.0, lightness + step / 100) if lighter else max(0.0, lightness - step / 100)
        candidate = _hex(*colorsys.hls_to_rgb(hue, shifted, saturation))
        if all(contrast(candidate, background) >= minimum for background in backgrounds):
            return candidate
    return WHITE if lighter else "#000000"


def shade(colour: str, lightness: float) -> str:
    """``colour`` with its HLS lightness moved by ``lightness`` (-1 to 1): the same hue, darker or lighter."""
    hue, light, saturation = colorsys.rgb_to_hls(*_rgb(colour))
    return _hex(*colorsys.hls_to_rgb(hue, min(1.0, max(0.0, light + lightness)), saturation))


def text_on(fill: str) -> str:
    """The text colour for a filled area such as a button: white or ink, whichever reads better on it."""
    return WHITE if contrast(WHITE, fill) >= contrast(INK, fill) else INK
