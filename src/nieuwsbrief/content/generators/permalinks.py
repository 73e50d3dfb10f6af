"""Web addresses the way the generators build them: Hugo's permalink tokens and urlize, Jekyll's placeholders,
slugify and built-in styles, and the joining of a site path onto the site's base URL.

Sources: Hugo's resources/page/permalinks.go, page_paths.go and common/paths/path.go (Sanitize); Jekyll's
lib/jekyll/url.rb, drops/url_drop.rb, utils.rb (slugify) and configuration.rb (STYLE_TO_PERMALINK).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from urllib.parse import quote, unquote, urljoin, urlsplit


class AddressError(ValueError):
    """A pattern whose address cannot be worked out (an unknown token, template syntax)."""


# -- Hugo ---------------------------------------------------------------------------------------------------

_HUGO_TOKEN = re.compile(r":\w+(\[[^\[\]\n]+\])?")  # :slug[0:3]; a [ never closed: the run stops at the next [


_HUGO_CLEAN = re.compile(r"[\w./\\#+~@-]*")  # nothing Sanitize would change (most paths): it is left as it is


def hugo_sanitize(text: str) -> str:
    """Hugo's paths.Sanitize: letters, digits, marks and ./\\_#+~-@ kept, runs of spaces one hyphen, the rest dropped."""
    if _HUGO_CLEAN.fullmatch(text):
        return text
    if _HUGO_KEPT.fullmatch(text):
        kept = text
    elif text.isascii() and "%" not in text:  # a title with punctuation: no mark to keep, no escape, so one table
        kept = text.translate(_ASCII_DROPPED)
    else:
        kept = _HUGO_DROPPED.sub(_dropped, text)  # what Sanitize drops is gone
    if "-" not in kept:
        return "-".join(kept.split())  # the usual title: words parted by spaces, one hyphen each
    out: list[str] = []
    for word in kept.split():  # spaces part words
        if out and not out[-1].endswith("-") and not word.startswith("-"):
            out.append("-")
        out.append(word)
    return "".join(out)


_HUGO_KEPT = re.compile(r"[\w\s./\\#+~@-]*")  # nothing Sanitize drops (spaces aside): no sub needed
# What Sanitize drops: anything but letters, digits, marks, whitespace, ./\_#+~-@ and % before two hex digits.
_HUGO_DROPPED = re.compile(r"%(?![0-9A-Fa-f]{2})|[^\w\s./\\#+~@%-]")


# The ASCII characters Sanitize drops (but %), taken from _HUGO_DROPPED itself: str.translate deletes them at once.
_ASCII_DROPPED = {code: None for code in range(128) if chr(code) != "%" and _HUGO_DROPPED.fullmatch(chr(code))}


def _dropped(match: re.Match[str]) -> str:
    # Python's \w leaves out combining marks, which Sanitize keeps (Devanagari, Tamil, ...)
    return match.group(0) if unicodedata.category(match.group(0)).startswith("M") else ""


def hugo_urlize(text: str, lower: bool = True) -> str:
    """Hugo's URLize: sanitized, lower-cased (unless disablePathToLower), escaped as Go's url package does
    (what is escaped already is read back first, so a path urlized twice stays the same)."""
    cleaned = hugo_sanitize(text)
    cleaned = cleaned.lower() if lower else cleaned
    if cleaned.isascii() and "%" not in cleaned:
        return cleaned  # nothing to escape: letters, digits and the marks Sanitize keeps
    return quote(unquote(cleaned), safe="/#+~@._-")


def hugo_expand(pattern: str, tokens: Callable[[str], str | None]) -> str:
    """A Hugo permalink pattern with each :token replaced; AddressError for a token Hugo does not know."""
    out = []
    for literal, token in _hugo_parts(pattern):
        out.append(literal)
        if token:
            value = tokens(token[1:])
            if value is None:
                raise AddressError(f"the permalink {pattern!r} uses {token}, which nieuwsbrief cannot fill in")
            out.append(value)
    return "".join(out)


@functools.lru_cache(maxsize=256)  # a site has a pattern or two, and every page of a section uses its own
def _hugo_parts(pattern: str) -> tuple[tuple[str, str], ...]:
    """A pattern as (text, :token) pairs, the last with no token; an escaped \\: is text."""
    escaped = pattern.replace("\\:", "\x00")
    parts = []
    position = 0
    for match in _HUGO_TOKEN.finditer(escaped):
        parts.append((escaped[position : match.start()].replace("\x00", ":"), match.group(0)))
        position = match.end()
    parts.append((escaped[position:].replace("\x00", ":"), ""))
    return tuple(parts)


def hugo_date_token(token: str, moment: dt.datetime) -> str | None:
    """:year, :month, :day and the other date tokens of a Hugo permalink."""
    if token == "year":
        return f"{moment.year}"
    if token == "month":
        return f"{moment.month:02d}"
    if token == "day":
        return f"{moment.day:02d}"
    values = {
        "monthname": lambda: moment.strftime("%B"),
        "weekday": lambda: str((moment.weekday() + 1) % 7),
        "weekdayname": lambda: moment.strftime("%A"),
        "yearday": lambda: str(moment.timetuple().tm_yday),
    }
    return values[token]() if token in values else None


def hugo_page_path(expanded: str, ugly: bool) -> str:
    """A page's site path from an expanded pattern or its folders: cleaned, then /x/ or, with uglyURLs, /x.html."""
    parts = [part for part in expanded.split("/") if part and part != "."]
    if not parts:
        return "/"
    return "/" + "/".join(parts) + (".html" if ugly else "/")


def hugo_front_matter_url(url: str) -> str:
    """Hugo's `url` front matter as a site path: kept as written, a folder unless it names a file."""
    path = url if url.startswith("/") else "/" + url
    if path.endswith("/") or "." not in path.rsplit("/", 1)[-1]:
        return path.rstrip("/") + "/"
    return path


# -- Jekyll -------------------------------------------------------------------------------------------------

JEKYLL_STYLES = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}
_JEKYLL_TOKEN = re.compile(r":([a-z_]+)")
_SLUG_DEFAULT = re.compile(r"(?:\W|_)+")  # runs of what is not a letter, mark or digit
_SLUG_PRETTY = re.compile(r"[^\w._~!$&'()+,;=@]+")  # the same, keeping what reads well in a URL (and _)


def jekyll_style(permalink: str) -> str:
    """A permalink setting as a pattern: a built-in style by name, or the pattern itself."""
    return JEKYLL_STYLES.get(permalink, permalink)


def jekyll_suffix(template: str, style: str) -> str:
    """Utils.add_permalink_suffix: a collection's /:collection/:path ends the way the site's style ends."""
    if style == "pretty":
        return template + "/"
    if style in ("date", "ordinal", "none"):
        return template + ":output_ext"
    return template + ("/" if style.endswith("/") else "") + (":output_ext" if style.endswith(":output_ext") else "")


def jekyll_slugify(text: str, mode: str = "default", cased: bool = False) -> str:
    """Jekyll's Utils.slugify in its default and pretty modes."""
    pattern = _SLUG_PRETTY if mode == "pretty" else _SLUG_DEFAULT
    slug = pattern.sub("-", text).strip("-")
    return slug if cased else slug.lower()


def jekyll_expand(template: str, placeholders: Mapping[str, str]) -> str:
    """Jekyll's URL#generate_url_from_drop then #sanitize_url; AddressError for a placeholder it does not know."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        for key in (name, name.removesuffix("_")) if name.endswith("_") else (name,):
            if key in placeholders:
                value = placeholders[key]
                rest = name[len(key) :]
                return _jekyll_escape(value) + rest
        raise AddressError(f"the permalink {template!r} uses :{name}, which Jekyll does not know")

    url = "/" + _JEKYLL_TOKEN.sub(replace, template)
    url = url.replace("..", "/").replace("./", "")
    return re.sub(r"/{2,}", "/", url)


def _jekyll_escape(value: str) -> str:
    if not value or re.fullmatch(r"[a-zA-Z0-9./-]+", value):
        return value
    return quote(value, safe="/!$&'()*+,;=:@-._~").replace("#", "%23")


def jekyll_date_placeholders(moment: dt.datetime) -> dict[str, str]:
    iso_year, iso_week, iso_day = moment.isocalendar()
    return {
        "year": f"{moment.year}",
        "month": f"{moment.month:02d}",
        "day": f"{moment.day:02d}",
        "hour": f"{moment.hour:02d}",
        "minute": f"{moment.minute:02d}",
        "second": f"{moment.second:02d}",
        "i_day": str(moment.day),
        "i_month": str(moment.month),
        "short_month": moment.strftime("%b"),
        "long_month": moment.strftime("%B"),
        "short_year": moment.strftime("%y"),
        "w_year": str(iso_year),
        "week": f"{iso_week:02d}",
        "w_day": str(iso_day),
        "short_day": moment.strftime("%a"),
        "long_day": moment.strftime("%A"),
        "y_day": moment.strftime("%j"),
    }


# -- both ---------------------------------------------------------------------------------------------------


def absolute(base_url: str, path: str) -> str:
    """A site path (or an address already absolute) on the site's base URL, which may have a path of its own."""
    if path.startswith("/") and not path.startswith("//") and "/." not in path:
        return base_url.rstrip("/") + path  # the usual case, without urljoin's general parsing
    if urlsplit(path).scheme:
        return path
    base = base_url.rstrip("/") + "/"
    return urljoin(base, path.lstrip("/")) if not path.startswith("//") else "https:" + path


def quote_path(path: str) -> str:
    """A site path with what a URL cannot hold as it is (spaces, accents) percent-encoded."""
    return quote(path, safe="/%!$&'()*+,;=:@-._~")


def has_template_syntax(text: str) -> bool:
    return "{{" in text or "{%" in text


def https(url: str) -> str:
    """A site's address as a newsletter links to it: https, whatever its configuration wrote (http:// pages redirect
    there, and mail clients warn of plain http)."""
    return "https://" + url.removeprefix("http://") if url.startswith("http://") else url


def stated(url: str) -> str:
    """A site's address as its configuration states it, without a trailing slash; "" for none or a relative one."""
    url = url.strip()
    return url.rstrip("/") if url.startswith(("http://", "https://")) and urlsplit(url).hostname else ""
