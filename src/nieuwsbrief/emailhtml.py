"""A sanitized HTML fragment made to fit an email's column, in every client and with every <style> removed.

Images get a ``width`` no wider than the column (Outlook for Windows sizes images by the attribute alone and
would widen the layout), or in a table than a cell's share of it, a ``height`` scaled to match or none, and an
inline ``max-width`` of their own width;
tables are wrapped in a container that scrolls sideways on a phone and are declared data tables (``role="table"``).
The template's CSS (``.content-image``, ``.table-scroll``) is inlined onto these by premailer.
"""

from __future__ import annotations

import html
import re

from .images import ImageSize, unknown_size

COLUMN_WIDTH = 520  # the 600 px layout's content column: 600 minus the 40 px padding on either side
CELL_BOX = 18  # a table cell's padding (8 px) and border (1 px) on either side: `.text td` in partials/inline-styles

_IMAGE = re.compile(r"<img\b([^>]*?)\s*/?>")
# The indents of templates/partials/inline-styles.html.j2: `.text li` 24 px, `.text blockquote` 16 px and a 4 px border
# (tests/test_render.py holds these and CELL_BOX to the stylesheet).
LIST_INDENT = 24
QUOTE_INDENT = 20
_IMAGE_OR_INDENT = re.compile(r"<img\b(?P<image>[^>]*?)\s*/?>|<(?P<close>/?)(?P<tag>li|blockquote)\b[^>]*>", re.IGNORECASE)
_TABLE = re.compile(r"<table>.*?</table>", re.DOTALL)  # markdown-it's tables: never nested
_FIRST_ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
_ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')


def fit_to_column(fragment: str, image_size: ImageSize = unknown_size, column: int = COLUMN_WIDTH) -> str:
    """Every image capped to the column (in a table, to its cell's share), every table in a container that scrolls:
    nothing wider than ``column``."""
    fitted, done = [], 0
    for table in _TABLE.finditer(fragment):
        fitted += [_fit_images(fragment[done : table.start()], image_size, column)]
        fitted += [_fit_images(table.group(0), image_size, _cell_room(table.group(0), column))]
        done = table.end()
    fragment = "".join([*fitted, _fit_images(fragment[done:], image_size, column)])
    # tabindex: a region that scrolls must be reachable from the keyboard (axe: scrollable-region-focusable).
    fragment = fragment.replace("<table>", '<div class="table-scroll" tabindex="0"><table role="table">')
    return fragment.replace("</table>", "</table></div>")


def _fit_images(fragment: str, image_size: ImageSize, column: int) -> str:
    """Each image capped to the room it has: the column, less the indents of the list items and quotes it is in."""
    fitted, done, depth = [], 0, {"li": 0, "blockquote": 0}
    for match in _IMAGE_OR_INDENT.finditer(fragment):
        fitted.append(fragment[done : match.start()])
        done = match.end()
        if match.group("tag"):
            depth[match.group("tag").lower()] += -1 if match.group("close") else 1
            fitted.append(match.group(0))
            continue
        room = column - LIST_INDENT * max(0, depth["li"]) - QUOTE_INDENT * max(0, depth["blockquote"])
        fitted.append(_fitted_image(match.group("image"), image_size, max(room, 1)))
    return "".join([*fitted, fragment[done:]])


def _cell_room(table: str, column: int) -> int:
    """The width an image may take in a cell of ``table``: the column shared by its cells, less each cell's box."""
    row = _FIRST_ROW.search(table)
    cells = max(1, row.group(1).count("<th") + row.group(1).count("<td")) if row else 1
    return (column - cells * CELL_BOX) // cells


def _pixels(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and int(value) > 0 else None


def _fitted_image(attributes: str, image_size: ImageSize, column: int) -> str:
    given = {name: html.unescape(value) for name, value in _ATTRIBUTE.findall(attributes)}
    width, height = _pixels(given.get("width")), _pixels(given.get("height"))
    natural = image_size(given.get("src", ""))
    if natural is not None and (width is None or height is None):
        # The file's own proportions; a given width alone keeps them, a given height alone sets the width.
        if width is None:
            width = round(natural[0] * height / natural[1]) if height else natural[0]
        height = round(natural[1] * width / natural[0])
    shown = min(width or column, column)
    scaled = round(height * shown / width) if width and height else None
    kept = {"src": given.get("src", ""), "alt": given.get("alt", "")} | ({"title": given["title"]} if "title" in given else {})
    sizes = {"width": str(shown)} | ({"height": str(scaled)} if scaled else {})
    own = {"class": "content-image", "style": f"max-width: {shown}px;"}
    return "<img " + " ".join(f'{name}="{html.escape(value)}"' for name, value in (kept | sizes | own).items()) + ">"
