"""Content folder -> validated Articles and Authors, every problem with its real file line.

The only user of python-frontmatter and PyYAML. python-frontmatter finds the block, but it strips
leading blank lines and YAML reports lines relative to the block, so every position is mapped back
to the file through the block's offset.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import yaml
from frontmatter.default_handlers import YAMLHandler

from . import markdown
from .config import Settings
from .errors import ContentError, Problem
from .model import Article, Author, Content

CONTENT_DIR = "content"
KIND_FOLDERS = {"columns": "column", "articles": "article"}
AUTHORS_FOLDER = "authors"
SUMMARY_CHARS = 160

# A date, or a date and time with an optional zone: 2026-11-28, 2026-11-28 09:30, 2026-11-28T09:30:00+01:00
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ARTICLE_KEYS = {
    "title",
    "date",
    "category",
    "author",
    "type",
    "tags",
    "summary",
    "reading_time",
    "url",
    "image",
    "image_alt",
    "slug",
    "draft",
    "related",
    "subject",
    "preheader",
}
_AUTHOR_KEYS = {"name", "role", "photo", "photo_alt", "url"}
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("maart", "march", "mrt", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("augustus", "august", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_BaseLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """Safe YAML without implicit timestamps: dates are checked here, with a helpful message."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, Any]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }


@dataclass
class _Field:
    value: Any
    line: int
    column: int


@dataclass
class _Document:
    """One Markdown file split into located front matter and body."""

    path: str
    fields: dict[str, _Field]
    body: str
    body_line: int
    start_line: int
    sha256: str


@dataclass
class _Collector:
    problems: list[Problem] = field(default_factory=list)
    # (path, key) -> (line, column): where cross-file checks point
    positions: dict[tuple[str, str], tuple[int, int]] = field(default_factory=dict)

    def at(self, path: str, key: str) -> tuple[int, int]:
        return self.positions.get((path, key), (1, 1))

    def add(self, path: str, line: int, column: int, message: str, hint: str = "", severity: str = "error") -> None:
        self.problems.append(Problem(path, line, column, message, hint, severity))


# Letters that do not decompose into a base letter and an accent.
_TRANSLITERATE = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE", "ł": "l", "Ł": "L"})


def slugify(text: str) -> str:
    """Dutch-safe slug: 'Creëer een band' -> 'creeer-een-band'; 'ĳ' -> 'ij'; dashes and quotes separate words."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "-".join(re.findall(r"[a-z0-9]+", bare.lower()))


def reading_time(words: int, words_per_minute: int) -> int:
    """Minutes, rounded half up, at least 1: 1,284 words at 250/min is '5 min lezen'."""
    return max(1, int(words / words_per_minute + 0.5))


def load_content(settings: Settings) -> tuple[Content, list[Problem]]:
    """Read and validate the whole content folder; raise ContentError listing every error."""
    root = settings.project / CONTENT_DIR
    out = _Collector()
    if not root.is_dir():
        out.add(CONTENT_DIR, 0, 0, "content folder not found", "create content/columns, content/articles and content/authors")
        raise ContentError("invalid content", out.problems)
    authors = _load_authors(settings, root, out)
    articles = _load_articles(settings, root, authors, out)
    _check_cross_references(articles, out)
    errors = [p for p in out.problems if p.severity == "error"]
    if errors:
        raise ContentError("invalid content", out.problems)
    articles.sort(key=lambda a: (a.published, a.slug))
    return Content(tuple(articles), authors), out.problems


def _markdown_files(settings: Settings, folder: Path, out: _Collector) -> list[Path]:
    if not folder.is_dir():
        return []
    root = (settings.project / CONTENT_DIR).resolve()
    files = []
    for path in sorted(folder.rglob("*.md")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        shown = _shown(settings, path)
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            out.add(shown, 1, 1, "broken link: the file it points to does not exist", "remove the link or restore its target")
            continue
        if not target.is_relative_to(root):
            out.add(shown, 1, 1, "link points outside the content folder", "copy the file into content/ instead of linking to it")
            continue
        files.append(path)
    return files


def _shown(settings: Settings, path: Path) -> str:
    return path.relative_to(settings.project).as_posix()


def _read_document(settings: Settings, path: Path, out: _Collector) -> _Document | None:
    shown = _shown(settings, path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        out.add(shown, 1, 1, f"cannot read the file: {exc.strerror}", "check its permissions")
        return None
    if len(raw) > settings.max_file_bytes:
        limit = settings.max_file_bytes
        out.add(
            shown, 1, 1, f"file is {len(raw):,} bytes, over the {limit:,}-byte limit", "split it, or raise [content] max_file_kb"
        )
        return None
    if b"\x00" in raw:
        line, column = _position(raw, raw.index(b"\x00"))
        out.add(shown, line, column, "binary file, not Markdown text", "remove it from the content folder")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        out.add(shown, line, column, f"not UTF-8 text (byte 0x{raw[exc.start]:02x})", "save the file as UTF-8 in your editor")
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _split(shown, text, hashlib.sha256(raw).hexdigest(), out)


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    return before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _split(shown: str, text: str, sha256: str, out: _Collector) -> _Document | None:
    handler = YAMLHandler()
    boundary = handler.FM_BOUNDARY
    assert boundary is not None
    start = len(text) - len(text.lstrip("\n \t"))
    start = text.rfind("\n", 0, start) + 1  # the start of the first non-blank line
    if not text.strip():
        out.add(shown, 1, 1, "empty file", "add front matter between two --- lines and the text below it")
        return None
    if not handler.detect(text[start:]):
        line, _ = _line_col(text, start)
        out.add(
            shown,
            line,
            1,
            "no front matter: the file must start with a line '---'",
            "add a YAML block between two --- lines, with at least title, date and category",
        )
        return None
    opening = boundary.match(text, start)
    assert opening is not None
    closing = boundary.search(text, opening.end())
    if closing is None:
        line, _ = _line_col(text, start)
        out.add(shown, line, 1, "front matter is never closed", "end the YAML block with a line '---'")
        return None
    block_start = opening.end()
    fields = _parse_yaml(shown, text, block_start, text[block_start : closing.start()], out)
    if fields is None:
        return None
    body_offset = closing.end() + 1 if closing.end() < len(text) else closing.end()
    return _Document(
        path=shown,
        fields=fields,
        body=text[body_offset:],
        body_line=_line_col(text, body_offset)[0],
        start_line=_line_col(text, start)[0],
        sha256=sha256,
    )


def _parse_yaml(shown: str, text: str, block_start: int, block: str, out: _Collector) -> dict[str, _Field] | None:
    def located(mark: Any) -> tuple[int, int]:
        return _line_col(text, block_start + mark.index)

    loader = _Loader(block)
    try:
        node = loader.get_single_node()
        if node is None:
            line, _ = _line_col(text, block_start)
            out.add(shown, line, 1, "front matter is empty", "add at least title, date and category")
            return None
        if not isinstance(node, yaml.MappingNode):
            line, column = located(node.start_mark)
            out.add(shown, line, column, "front matter is not a mapping of keys to values", "write one 'key: value' per line")
            return None
        fields: dict[str, _Field] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line, column = located(key_node.start_mark)
            if not isinstance(key, str):
                out.add(shown, line, column, f"key {key!r} is not a name", "keys are words like title or date")
                continue
            if key in fields:
                out.add(shown, line, column, f"duplicate key '{key}'", f"remove one of the two '{key}:' lines")
                continue
            value_line, value_column = located(value_node.start_mark)
            fields[key] = _Field(loader.construct_object(value_node, deep=True), value_line, value_column)
        return fields
    except yaml.MarkedYAMLError as exc:
        message, hint, mark = _explain_yaml_error(exc, block)
        line, column = located(mark) if mark is not None else _line_col(text, block_start)
        out.add(shown, line, column, message, hint)
        return None
    except yaml.YAMLError as exc:
        line, _ = _line_col(text, block_start)
        out.add(shown, line, 1, f"invalid YAML: {exc}", "check the front matter syntax")
        return None
    finally:
        loader.dispose()


@dataclass(frozen=True)
class _Mark:
    index: int


def _unclosed_bracket(block: str) -> int | None:
    """The offset of the last [ or { that is never closed, ignoring quoted text and comments."""
    stack: list[int] = []
    quote = ""
    in_comment = False
    for index, char in enumerate(block):
        previous = block[index - 1] if index else "\n"
        if in_comment:
            in_comment = char != "\n"
        elif quote:
            quote = "" if char == quote else quote
        elif char in "\"'" and previous in " [{:,\n":
            quote = char
        elif char == "#" and previous in " \n":
            in_comment = True
        elif char in "[{":
            stack.append(index)
        elif char in "]}" and stack:
            stack.pop()
    return stack[-1] if stack else None


def _explain_yaml_error(exc: yaml.MarkedYAMLError, block: str) -> tuple[str, str, Any]:
    """A message, a hint and the place to point at, for a YAML syntax error."""
    # The C and the pure-Python parser word some problems differently; say it one way.
    problem = str(exc.problem or exc.context).replace(" in this context", " here")
    context = str(exc.context or "")
    mark = exc.problem_mark or exc.context_mark
    # An unclosed quote or bracket is found only at the end: point at where it was opened instead.
    if exc.context_mark is not None and "quoted scalar" in context:
        return "invalid YAML: a quote opened here is never closed", "close the quote on the same line", exc.context_mark
    opener = _unclosed_bracket(block)
    if opener is not None and mark is not None and not block[mark.index :].strip():
        # The parser ran off the end of the block: an unclosed [ or { is the usual cause.
        what = "a list opened here with [" if block[opener] == "[" else "a mapping opened here with {"
        hint = "close it with ], e.g. tags: [een, twee]" if block[opener] == "[" else "close it with }"
        return f"invalid YAML: {what} is never closed", hint, _Mark(opener)
    if exc.context_mark is not None and "flow sequence" in context:
        return (
            "invalid YAML: a list opened here with [ is never closed",
            "close it with ], e.g. tags: [een, twee]",
            exc.context_mark,
        )
    if exc.context_mark is not None and "flow mapping" in context:
        return "invalid YAML: a mapping opened here with { is never closed", "close it with }", exc.context_mark
    if mark is not None and 0 <= mark.index < len(block) and block[mark.index] == "\t":
        return "invalid YAML: a tab character here", "indent with spaces, not tabs", mark
    if "mapping values are not allowed" in problem:
        return f"invalid YAML: {problem}", 'put text that contains ": " in quotes, e.g. title: "Vraag: waarom?"', mark
    return f"invalid YAML: {problem}", "check the YAML syntax of this line; quote text with special characters", mark


class _Fields:
    """Typed access to one document's front matter, reporting each problem at its line."""

    def __init__(self, document: _Document, out: _Collector) -> None:
        self.document = document
        self.out = out
        out.positions[(document.path, "")] = (document.start_line, 1)
        for key, item in document.fields.items():
            out.positions[(document.path, key)] = (item.line, item.column)

    def problem(self, key: str, message: str, hint: str) -> None:
        item = self.document.fields.get(key)
        line, column = (item.line, item.column) if item else (self.document.start_line, 1)
        self.out.add(self.document.path, line, column, message, hint)

    def has(self, key: str) -> bool:
        return key in self.document.fields and self.document.fields[key].value is not None

    def text(self, key: str, required: bool = False, default: str = "") -> str:
        if not self.has(key):
            if required:
                self.problem(key, f"missing required field '{key}'", f"add '{key}: ...' to the front matter")
            return default
        value = self.document.fields[key].value
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.problem(key, f"'{key}' must be text, got {_describe(value)}", f'write it as {key}: "..."')
            return default
        text = str(value).strip()
        if required and not text:
            self.problem(key, f"'{key}' is empty", f"give '{key}' a value")
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


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def _load_authors(settings: Settings, root: Path, out: _Collector) -> dict[str, Author]:
    authors: dict[str, Author] = {}
    for path in _markdown_files(settings, root / AUTHORS_FOLDER, out):
        document = _read_document(settings, path, out)
        if document is None:
            continue
        fields = _Fields(document, out)
        _warn_unknown(document, _AUTHOR_KEYS, out)
        author_id = slugify(path.stem)
        photo = fields.image("photo", settings.base_url)
        photo_alt = fields.text("photo_alt")
        if photo and not photo_alt:
            fields.problem("photo", "the photo has no alt text", "add photo_alt: a short description of the photo")
        authors[author_id] = Author(
            id=author_id,
            name=fields.text("name", required=True),
            path=document.path,
            role=fields.text("role"),
            photo=photo,
            photo_alt=photo_alt,
            url=fields.url("url", settings.base_url),
            bio=document.body.strip(),
        )
    return authors


def _warn_unknown(document: _Document, known: set[str], out: _Collector) -> None:
    for key, item in sorted(document.fields.items()):
        if key not in known:
            out.add(
                document.path,
                item.line,
                1,
                f"unknown key '{key}' is ignored",
                f"known keys: {', '.join(sorted(known))}",
                "warning",
            )


def _load_articles(settings: Settings, root: Path, authors: dict[str, Author], out: _Collector) -> list[Article]:
    articles = []
    for folder, kind in sorted(KIND_FOLDERS.items()):
        for path in _markdown_files(settings, root / folder, out):
            document = _read_document(settings, path, out)
            if document is not None:
                article = _article(settings, document, kind, authors, out)
                if article is not None:
                    articles.append(article)
    return articles


def _article(settings: Settings, document: _Document, kind: str, authors: dict[str, Author], out: _Collector) -> Article | None:
    before = len(out.problems)
    fields = _Fields(document, out)
    _warn_unknown(document, _ARTICLE_KEYS, out)
    declared = fields.text("type")
    if declared and declared != kind:
        fields.problem(
            "type",
            f"type '{declared}' does not match its folder ({kind}s/)",
            f"move the file to content/{declared}s/ or remove 'type:'",
        )
    slug = fields.text("slug") or slugify(Path(document.path).stem)
    if not _SLUG.fullmatch(slug):
        fields.problem(
            "slug",
            f"slug {slug!r} is not lowercase letters, digits and hyphens",
            f"use e.g. slug: {slugify(slug) or 'mijn-artikel'}",
        )
    published = _date(fields, settings.timezone)
    author = fields.text("author")
    author_id = _author_id(author, authors)
    if kind == "column" and not author and "author" not in document.fields:
        fields.problem("author", "a column needs an author", "add 'author: <id>' naming a file in content/authors/")
    elif author and author_id not in authors:
        known = ", ".join(sorted(authors)) or "none yet"
        fields.problem("author", f"unknown author '{author}'", f"add content/authors/{slugify(author)}.md or use one of: {known}")
    image = fields.image("image", settings.base_url)
    image_alt = fields.text("image_alt")
    if image and not image_alt:
        fields.problem("image", "the image has no alt text", "add image_alt: a short description of the image")
    url = fields.url("url", settings.base_url) or settings.article_url.format(slug=slug, type=kind)
    minutes = _reading_time(fields, document.body, settings.words_per_minute)
    summary = fields.text("summary") or markdown.cut_at_word(markdown.first_paragraph(document.body), SUMMARY_CHARS)
    article = Article(
        slug=slug,
        kind=kind,
        title=fields.text("title", required=True),
        published=published or dt.datetime.min,
        category=fields.text("category", required=True),
        path=document.path,
        body=document.body,
        body_line=document.body_line,
        url=url,
        reading_time=minutes,
        summary=summary,
        author=author_id if author else "",
        tags=tuple(t.lower() for t in fields.words("tags")),
        image=image,
        image_alt=image_alt,
        draft=fields.flag("draft"),
        related=fields.words("related", lambda s: bool(_SLUG.fullmatch(s)), "slugs are lowercase words with hyphens"),
        subject=fields.text("subject"),
        preheader=fields.text("preheader"),
        sha256=document.sha256,
    )
    return article if all(p.severity != "error" for p in out.problems[before:]) else None


def _author_id(author: str, authors: dict[str, Author]) -> str:
    """An author is named by file name (the id) or, as editors often do, by the name in that file."""
    if slugify(author) in authors:
        return slugify(author)
    by_name = {slugify(a.name): a.id for a in authors.values()}
    return by_name.get(slugify(author), slugify(author))


def _reading_time(fields: _Fields, body: str, words_per_minute: int) -> int:
    if fields.has("reading_time"):
        value = fields.document.fields["reading_time"].value
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return value
        fields.problem(
            "reading_time",
            f"'reading_time' must be a whole number of minutes (1 or more), got {_describe(value)}",
            "remove it to compute it from the text",
        )
    return reading_time(len(markdown.plain_words(body)), words_per_minute)


def _date(fields: _Fields, timezone: str) -> dt.datetime | None:
    if not fields.has("date"):
        fields.problem("date", "missing required field 'date'", "add 'date: YYYY-MM-DD' (the publication date)")
        return None
    value = fields.document.fields["date"].value
    text = str(value).strip()
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        if not _DATE.fullmatch(text):
            fields.problem("date", f"'{text}' is not a date in YYYY-MM-DD form", _date_hint(text))
            return None
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as exc:
            fields.problem("date", f"'{text}' is not a real date ({exc})", _date_hint(text))
            return None
        if moment.tzinfo is not None:  # compare in the project's own time zone
            moment = moment.astimezone(_zone(timezone)).replace(tzinfo=None)
        return moment
    fields.problem("date", f"'date' must be a date, got {_describe(value)}", "write it as YYYY-MM-DD")
    return None


def _zone(name: str) -> dt.tzinfo:
    try:
        return ZoneInfo(name)
    except (KeyError, ValueError):
        return dt.UTC


def _date_hint(text: str) -> str:
    words = re.fullmatch(r"(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})", text)
    if words and words.group(2).lower() in _MONTHS:
        day, month, year = int(words.group(1)), _MONTHS[words.group(2).lower()], int(words.group(3))
        return f"write it as {year:04d}-{month:02d}-{day:02d}"
    return "write it as YYYY-MM-DD, e.g. 2026-11-28"


def _check_cross_references(articles: list[Article], out: _Collector) -> None:
    by_slug: dict[str, list[Article]] = {}
    for article in sorted(articles, key=lambda a: a.path):
        by_slug.setdefault(article.slug, []).append(article)
    seen = {slug: group[0] for slug, group in by_slug.items()}
    for slug, group in sorted(by_slug.items()):
        for article in group if len(group) > 1 else []:
            others = ", ".join(a.path for a in group if a is not article)
            key = "slug" if (article.path, "slug") in out.positions else ""
            line, column = out.at(article.path, key)
            out.add(
                article.path, line, column, f"duplicate slug '{slug}' (also {others})", "rename one file or set a different slug:"
            )
    for article in articles:
        for slug in article.related:
            if slug not in seen:
                line, column = out.at(article.path, "related")
                out.add(
                    article.path,
                    line,
                    column,
                    f"'related' names unknown slug '{slug}'",
                    "use the file name (without .md) of an existing column or article",
                )


@dataclass(frozen=True)
class Entry:
    """What `nieuwsbrief new` needs to know of a file already there, read leniently."""

    path: str
    kind: str  # "column", "article" or "author"
    slug: str
    date: str  # as written; ISO dates sort as text
    category: str
    author: str


def peek_entries(project: Path) -> list[Entry]:
    """Slug, date, category and author of every content file; a broken file still counts by its name.

    Unlike load_content this never fails: an editor must be able to add a file to a folder that has
    an error elsewhere, and must never overwrite a slug only because its file does not parse.
    """
    root = project / CONTENT_DIR
    found = []
    folders = {**KIND_FOLDERS, AUTHORS_FOLDER: "author"}
    for folder, kind in sorted(folders.items()):
        if not (root / folder).is_dir():
            continue
        for path in sorted((root / folder).rglob("*.md")):
            meta = _lenient_front_matter(path)
            declared = meta.get("slug") if kind != "author" else None
            found.append(
                Entry(
                    path=path.relative_to(project).as_posix(),
                    kind=kind,
                    slug=str(declared).strip() if isinstance(declared, str) and declared.strip() else slugify(path.stem),
                    date=str(meta.get("date", "")).strip(),
                    category=str(meta.get("category", "")).strip() if isinstance(meta.get("category"), str) else "",
                    author=slugify(str(meta.get("author", ""))) if isinstance(meta.get("author"), str) else "",
                )
            )
    return found


def _lenient_front_matter(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8").removeprefix("\ufeff").replace("\r\n", "\n").lstrip()
    except (OSError, UnicodeDecodeError):
        return {}
    if not text.startswith("---\n"):
        return {}
    block, closed, _ = text[4:].partition("\n---")
    if not closed:
        return {}
    try:
        data = yaml.load(block, Loader=_Loader)  # _Loader is a SafeLoader
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def front_matter(fields: list[tuple[str, object]], comments: dict[str, str], optional: list[str]) -> str:
    """A front-matter block written the way the loader reads it back: quoted text, ISO dates, flow lists.

    ``comments`` adds a short note after a key; ``optional`` lines are written commented out, as a menu.
    """
    lines = ["---"]
    for key, value in fields:
        line = f"{key}: {_yaml_value(value)}"
        if key in comments:
            line += f"  # {comments[key]}"
        lines.append(line)
    lines.extend(f"# {entry}" for entry in optional)
    lines.append("---")
    return "\n".join(lines) + "\n"


def _yaml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml_value(v) for v in value) + "]"
    text = str(value)
    if _SLUG.fullmatch(text) and not text.isdigit() and text not in _YAML_WORDS:
        return text  # slugs and ids read the same bare
    # A JSON string is a valid YAML double-quoted scalar: every quote, colon and accent survives.
    return json.dumps(text, ensure_ascii=False)


# Bare words YAML would read as something other than text.
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
