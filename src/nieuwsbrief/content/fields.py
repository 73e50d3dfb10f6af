"""Per-field validation: typed access to one file's front matter, each problem reported at its line.

Text, true/false flags, lists of words, URLs, images, dates and a stated reading time; a key the file
should not have is a warning. What an author or an article is made of is records.py's business.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from ..locales import month_number
from ..model import LAST_YEAR
from ..text import CONTROL, DIRECTION_CONTROL, did_you_mean
from .text import Collector, Document

_REAL_DATE = "write the publication date, e.g. 2026-11-28"
MAX_READING_TIME = 600  # minutes: ten hours of reading is a typing mistake, not a column
_NOT_IN_URL = re.compile(r"[\s<>\"\\^`{|}\x00-\x1f\x7f-\x9f\u2028\u2029]")
# A date, or a date and time with an optional zone: 2026-11-28, 2026-11-28 09:30, 2026-11-28T09:30:00+01:00
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?")


# At most this many unknown keys in one file get a "did you mean": each guess costs a fuzzy match.
_TYPOS = 10


class Fields:
    """Typed access to one document's front matter, reporting each problem at its line: as an error, or (a site's
    page, which is left out rather than stopping an issue) as a warning."""

    def __init__(self, document: Document, out: Collector, severity: str = "error") -> None:
        self.document = document
        self.out = out
        self.severity = severity

    def problem(self, key: str, message: str, hint: str) -> None:
        self.out.add(self.document.path, *self.document.position(key), message, hint, self.severity)

    def has(self, key: str) -> bool:
        return key in self.document.fields and self.document.fields[key].value is not None

    def warn_unknown(self, known: set[str]) -> None:
        """A warning for each key outside ``known``, in key order: it is ignored."""
        document = self.document
        if document.fields.keys() <= known:
            return
        listed = f"known keys: {', '.join(sorted(known))}"
        unknown = [(key, item) for key, item in sorted(document.fields.items()) if key not in known]
        typos = len(unknown) <= _TYPOS  # more unknown keys than that are a site's own, not typos: no guessing
        for key, item in unknown:
            hint = did_you_mean(key, known, listed) if typos else listed
            self.out.add(document.path, item.line, 1, f"unknown key '{key}' is ignored", hint, "warning")

    def text(self, key: str, required: bool = False, one_line: bool = False) -> str:
        """The key's text; ``one_line`` for what goes into a header (the subject) or a one-line heading."""
        if not self.has(key):
            if required:
                self.problem(key, f"missing required field '{key}'", f"add '{key}: ...' to the front matter")
            return ""
        value = self.document.fields[key].value
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(key, f"'{key}' must be text, got {_describe(value)}", f'write it as {key}: "..."')
            return ""
        text = str(value).strip()
        if required and not text:
            self.problem(key, f"'{key}' is empty", f"give '{key}' a value")
        if one_line and not text.isprintable():  # isprintable: the common case, at C speed
            line, column = self.document.position(key)
            return header_line(self.out, self.document.path, line, column, key, text, self.severity, "") or ""
        return text

    def flag(self, key: str) -> bool:
        if not self.has(key):
            return False
        value = self.document.fields[key].value
        if not isinstance(value, bool):
            self.problem(key, f"'{key}' must be true or false, got {_describe(value)}", f"write {key}: true or {key}: false")
            return False
        return value

    def words(self, key: str, check: Callable[[str], bool] | None = None, what: str = "") -> tuple[str, ...]:
        if not self.has(key):
            return ()
        value = self.document.fields[key].value
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, f"'{key}' must be a list of words, got {_describe(value)}", f"write it as {key}: [een, twee]")
            return ()
        items = tuple(v.strip() for v in value if v.strip())
        for item in items:
            if check is not None and not check(item):
                self.problem(key, f"'{key}' has an invalid entry {item!r}", what)
        return items

    def url(self, key: str, base_url: str) -> str:
        value = self.text(key)
        if not value:
            return ""
        if _NOT_IN_URL.search(value):  # a space would break the link in the plain text and in the headers
            self.problem(key, f"'{key}' has a space or a character a URL cannot hold: {_describe(value)}", "write a space as %20")
            return ""
        given = urlsplit(value)
        absolute = urljoin(base_url + "/", value)
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or not parts.netloc or (given.scheme and not given.netloc):
            self.problem(key, f"'{key}' must be an http(s) URL, got {value!r}", "use https://... or a path like /images/foto.jpg")
            return ""
        return absolute

    def image(self, key: str, base_url: str) -> str:
        url = self.url(key, base_url)
        extension = urlsplit(url).path.rsplit(".", 1)[-1].lower() if "." in urlsplit(url).path else ""
        if extension in ("svg", "webp", "avif", "heic", "tif", "tiff", "bmp"):
            self.problem(
                key, f"'{key}' is a .{extension} image, which many mail clients cannot show", "use a PNG, JPG or GIF version"
            )
            return ""
        return url

    def date(self, timezone: str) -> dt.datetime | None:
        """The required 'date', naive, in the project's time zone when the file gives another."""
        if not self.has("date"):
            self.problem("date", "missing required field 'date'", "add 'date: YYYY-MM-DD' (the publication date)")
            return None
        value = self.document.fields["date"].value
        if isinstance(value, bool) or not isinstance(value, (str, int)):  # the type first: str() of a list is unbounded
            self.problem("date", f"'date' must be a date, got {_describe(value)}", "write it as YYYY-MM-DD")
            return None
        text = str(value).strip()
        if not _DATE.fullmatch(text):
            self.problem("date", f"'{cut(text)}' is not a date in YYYY-MM-DD form", _date_hint(text))
            return None
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is not None:  # compare in the project's own time zone
                moment = moment.astimezone(_zone(timezone)).replace(tzinfo=None)
        except ValueError as exc:
            self.problem("date", f"'{text}' is not a real date ({exc})", _date_hint(text))
            return None
        except OverflowError:  # 9999-12-31T23:59-12:00 is past the last day Python has, once in the project's zone
            self.problem("date", f"'{text}' is out of range in the time zone {timezone}", _REAL_DATE)
            return None
        if moment.year > LAST_YEAR:
            self.problem("date", f"'{text}' is out of range: nieuwsbrief takes years 1 to {LAST_YEAR}", _REAL_DATE)
            return None
        return moment

    def stated_reading_time(self) -> int:
        """The front matter's reading_time, or 0: then it is counted from the body when the piece is featured."""
        if not self.has("reading_time"):
            return 0
        value = self.document.fields["reading_time"].value
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_READING_TIME:
            return value
        self.problem(
            "reading_time",
            f"'reading_time' must be a whole number of minutes from 1 to {MAX_READING_TIME}, got {_describe(value)}",
            "remove it to compute it from the text",
        )
        return 0


def header_line(
    out: Collector, path: str, line: int, column: int, key: str, text: str, severity: str, left_out: str
) -> str | None:
    """``text`` as a header, the inbox row or a label carries it. None, with a problem at its place, for a line break
    or another control character (``left_out`` says what becomes of the file); the characters that turn the
    direction of text (text.DIRECTION_CONTROL) are taken out with a warning: in a subject or the inbox row they
    could show the words in another order than they are written."""
    if text.isprintable():
        return text
    if CONTROL.search(text):
        message = f"'{key}' must be one line: it has a line break or another control character{left_out}"
        out.add(path, line, column, message, f"write '{key}' on one line, without \\n or \\r", severity)
        return None
    if not DIRECTION_CONTROL.search(text):
        return text
    found = sorted({f"U+{ord(char):04X}" for char in DIRECTION_CONTROL.findall(text)})
    message = f"'{key}' holds a character that turns the direction of the text ({', '.join(found)}): it is left out"
    out.add(path, line, column, message, "write the text in its own order; a subject shows it as written", "warning")
    return DIRECTION_CONTROL.sub("", text)


def _describe(value: object) -> str:
    """A value in a message, never longer than a line, whatever the file holds."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int) and abs(value) >= 10**18:
        return "a number of more than 18 digits"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, str):
        return repr(cut(value))
    return f"a value of the YAML type {type(value).__name__}"  # a set, binary data or an explicit timestamp


def cut(text: str, limit: int = 60) -> str:
    """A value in a message: never longer than ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _zone(name: str) -> dt.tzinfo:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return dt.UTC


def _date_hint(text: str) -> str:
    words = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", text)
    month = month_number(words.group(2)) if words else None
    if words and month:
        day, year = int(words.group(1)), int(words.group(3))
        return f"write it as {year:04d}-{month:02d}-{day:02d}"
    return "write it as YYYY-MM-DD, e.g. 2026-11-28"
