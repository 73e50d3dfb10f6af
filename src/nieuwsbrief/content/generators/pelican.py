"""Pelican's conventions (https://docs.getpelican.com/): its settings file (pelicanconf.py, or the Python file the site
builds with, and publishconf.py's address and article settings), articles under PATH and ARTICLE_PATHS but not PAGE_PATHS, Markdown
metadata as `Title:` and `Date:` lines (Python-Markdown's meta block, between --- lines or not), the date from the
file name by FILENAME_METADATA, the slug from the title (SLUGIFY_SOURCE) as Pelican slugifies it, the category from
the folder (USE_FOLDER_AS_CATEGORY) or DEFAULT_CATEGORY, `Status: draft` and `hidden`, translations by `Lang:` and
ARTICLE_TRANSLATION_ID, addresses from ARTICLE_URL and ARTICLE_LANG_URL on SITEURL, and `{filename}` links.

The settings are Python, which nieuwsbrief does not run: their literal values are read (the ast module, never
executed), and a setting made of code gives way to Pelican's default.
"""

from __future__ import annotations

import ast
import datetime as dt
import html
import os
import re
import string
import unicodedata
from pathlib import Path
from typing import Any, ClassVar

from ...config import Settings
from ..text import Collector, Document, Field, site_text
from . import permalinks as links
from .base import OWN_FIELDS, Generator
from .dates import read_date
from .globs import compile_globs
from .liquid import expand_liquid
from .pelican_liquid import LiquidTags, runs_liquid_tags
from .permalinks import stated
from .site import Page, Site, first_text, texts
from .syntax import Delegating, Expanded, Resolver

SETTINGS_NAMES = ("pelicanconf.py", "settings.py", "conf.py")
MARKDOWN_SUFFIXES = ("md", "markdown", "mkd", "mdown")
DEFAULTS: dict[str, Any] = {
    "PATH": "content",
    "ARTICLE_PATHS": [""],
    "PAGE_PATHS": ["pages"],
    "ARTICLE_EXCLUDES": [],
    "ARTICLE_URL": "{slug}.html",
    "ARTICLE_LANG_URL": "{slug}-{lang}.html",
    "USE_FOLDER_AS_CATEGORY": True,
    "DEFAULT_CATEGORY": "misc",
    "SLUGIFY_SOURCE": "title",
    "FILENAME_METADATA": r"(?P<date>\d{4}-\d{2}-\d{2}).*",
    "PATH_METADATA": "",
    "DEFAULT_LANG": "en",
    "ARTICLE_TRANSLATION_ID": "slug",
    "IGNORE_FILES": ["**/.*"],
    "DEFAULT_DATE": None,
}
SAVE_AS = ("ARTICLE_SAVE_AS", "ARTICLE_LANG_SAVE_AS")  # where Pelican writes an article: "" writes no page
_META_LINE = re.compile(r"^([A-Za-z0-9_-]+):\s*(.*)$")
_PLACEHOLDER = re.compile(r"\{(\w+)(?::([^}]*))?\}")
_INTRASITE = re.compile(r"""(?P<quote>["'(])\{(?P<what>filename|static|attach)\}(?P<path>[^"')\s#?]+)""")
# Unidecode's Latin spelling of the Cyrillic letters (Russian, Ukrainian, Belarusian, Serbian, Macedonian)
_CYRILLIC_LATIN = dict(
    re.findall(
        r"(\w)=(\S+)",
        "а=a б=b в=v г=g д=d е=e ё=io ж=zh з=z и=i й=i к=k л=l м=m н=n о=o п=p р=r с=s т=t у=u ф=f х=kh ц=ts ч=ch ш=sh"
        " щ=shch ъ=' ы=y ь=' э=e ю=iu я=ia і=i ї=yi є=ie ґ=g' ў=u ђ=dj ј=j љ=lj њ=nj ћ=tsh џ=dzh ѓ=gj ќ=kj ѕ=dz",
    )
)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_NUMBERS_DATE = re.compile(r"(\d{1,2})[-./](\d{1,2})[-./](\d{4})(\s.*)?")
# The first line of an indented code block that names its language for codehilite (a shebang with a path stays)
_LANGUAGE_LINE = re.compile(r"(?:\A|(?<=\n\n))(?: {4}|\t)(?::::|#!(?!/))[^\n]*(?:\n|\Z)")
# Pelican's SLUG_REGEX_SUBSTITUTIONS
_SLUG_RULES = ((r"[^\w\s-]", ""), (r"(?u)\A\s*", ""), (r"(?u)\s*\Z", ""), (r"[-\s]+", "-"))


class Pelican(Generator):
    name = "pelican"
    detection = 5
    lenient_dates = True  # dateutil's parser
    reads_all_languages = True  # translations sit beside their originals: one piece per group is kept
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        **OWN_FIELDS,
        "category": ("category",),
        "author": ("authors", "author"),
        "summary": ("summary", "description"),
        "image": ("image", "cover", "featured_image", "og_image", "headerimage", "header_image"),
        "image_alt": ("image_alt", "headeralt"),
    }

    def detect(self, root: Path) -> bool:
        return settings_file(root) is not None

    def read_site(self, root: Path, shown: str, language: str, out: Collector) -> dict[str, Any]:
        path = settings_file(root)
        values = {**DEFAULTS, **(read_settings(path) if path else {})}
        # publishconf.py, which `pelican -s publishconf.py` (make publish) builds the site on the web with: its
        # address, and its ARTICLE_URL and ARTICLE_SAVE_AS where it sets them (often there alone)
        published = read_settings(root / "publishconf.py") if (root / "publishconf.py").is_file() else {}
        url = stated(str(published.get("SITEURL") or "")) or stated(str(values.get("SITEURL") or ""))
        values.update({key: published[key] for key in (*DEFAULTS, *SAVE_AS) if key in published})
        options: dict[str, Any] = {
            "base_url": url,
            "title": str(values.get("SITENAME") or ""),
            "language": language or str(values.get("DEFAULT_LANG") or "en"),
            "timezone": str(values.get("TIMEZONE") or ""),
            "author": str(values.get("AUTHOR") or ""),
            "settings": {key: values[key] for key in (*DEFAULTS, *SAVE_AS) if key in values},
        }
        subsites = values.get("I18N_SUBSITES")
        if _runs_subsites(values.get("PLUGINS")) and isinstance(subsites, dict):
            options["subsites"] = _subsites(subsites, url, str(values["ARTICLE_URL"]))
        markdown = values.get("MARKDOWN")  # Pelican's default has codehilite
        options["codehilite"] = not isinstance(markdown, dict) or "codehilite" in repr(markdown)
        if _runs_jinja(values.get("PLUGINS")):  # the jinja2content plugin renders each body as a Jinja template
            options["jinja"] = {key: str(value) for key, value in values.items() if isinstance(value, (str, int, float))}
            options["jinja"]["SITEURL"] = url
        if runs_liquid_tags(values.get("PLUGINS")):  # {% img %}, {% notebook %}, …: where they read their files
            options["liquid_tags"] = {key: str(values.get(key) or "") for key in ("CODE_DIR", "NOTEBOOK_DIR")}
        unknown = _unknown_placeholders(str(values["ARTICLE_URL"]))
        assumed = [
            f"ARTICLE_URL uses {{{name}}}, which a plugin of the site sets: read as the file name after its date"
            for name in unknown
        ]
        assumed += _unread_formats(root, str(values.get("PATH") or "content").strip("/") or "content")
        if values.get("DEFAULT_DATE") == "fs":
            assumed.append(
                "DEFAULT_DATE = 'fs' dates an article without Date: by its file's modification time, as Pelican"
                " does (in UTC): a fresh clone makes every such article new"
            )
        if assumed:
            options["assumed"] = assumed
        return options

    def globs(self, root: Path, options: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        settings = options.get("settings", DEFAULTS)
        content = str(settings.get("PATH") or "content").strip("/") or "content"
        pieces = tuple(
            f"{content}/{folder.strip('/')}/**/*.{{{','.join(MARKDOWN_SUFFIXES)}}}".replace("//", "/")
            for folder in settings.get("ARTICLE_PATHS") or [""]
        )
        return pieces, pieces, ()

    def wants(self, site: Site, rel: str) -> bool:
        """Not a page (PAGE_PATHS), not an excluded or ignored file."""
        settings = site.option("settings", DEFAULTS)
        inner = self._inner(site, rel)
        for folder in [*settings.get("PAGE_PATHS", []), *settings.get("ARTICLE_EXCLUDES", [])]:
            folder = str(folder).strip("/")
            if folder and (inner == folder or inner.startswith(folder + "/")):
                return False
        ignored = compile_globs(str(glob) for glob in settings.get("IGNORE_FILES", []))
        return not any(ignored.fullmatch(part) for part in inner.split("/")) and not ignored.fullmatch(inner)

    def split(self, shown: str, text: str, out: Collector) -> Document | None:
        return meta_block(shown, text)

    def page_of(self, settings: Settings, site: Site, rel: str, shown: str, text: str, out: Collector) -> Page | None:
        document = meta_block(shown, text)  # not front matter between --- lines: the base's checks of it do not apply
        return self.prepared(site, rel, shown, document, out) if document is not None else None

    def prepare(self, site: Site, page: Page, out: Collector) -> str:
        settings = site.option("settings", DEFAULTS)
        inner = self._inner(site, page.rel)
        name = inner.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        for pattern, target in ((settings.get("FILENAME_METADATA"), name), (settings.get("PATH_METADATA"), inner)):
            found = re.match(str(pattern), target) if pattern else None
            for key, value in (found.groupdict() if found else {}).items():
                if value is not None:
                    page.add(key, value)
        default = _default_date(settings.get("DEFAULT_DATE"), out.stamp[0])
        if default:  # below the file name's date and the file's own Date:, as in Pelican's read_file
            page.add("date", default)
        folder = inner.rsplit("/", 1)[0] if "/" in inner else ""
        category = folder.rsplit("/", 1)[-1] if folder and settings.get("USE_FOLDER_AS_CATEGORY", True) else ""
        page.add("category", category or settings.get("DEFAULT_CATEGORY") or "misc")
        title = page.values.get("title")
        if title is not None and isinstance(title.value, str) and "&" in title.value:  # themes write it unescaped
            title.value = html.unescape(title.value)
        source = first_text(page.value("title")) if settings.get("SLUGIFY_SOURCE") != "basename" else name
        if not first_text(page.value("slug")) and _untransliterated(source or name):
            return "Pelican makes its address from its title in Latin letters (Unidecode), which nieuwsbrief cannot for this script; give it a Slug:"
        page.add("slug", pelican_slugify(source or name))
        if "date" in page.values:
            page.values["date"].value = _month_first(page.values["date"].value)
        for key in ("tags", "authors"):
            if isinstance(page.value(key), str):
                page.add(key, [item.strip() for item in str(page.value(key)).split(",") if item.strip()], replace=True)
        page.add("lang", settings.get("DEFAULT_LANG", "en"))
        if _save_as(settings, page) == "":  # Writer.write_file writes nothing for an empty name
            return "Pelican writes no page for it (its save_as is empty)"
        return ""

    def page_id(self, site: Site, page: Page) -> str:
        return first_text(page.value("slug"))

    def draft(self, site: Site, page: Page) -> bool:
        return first_text(page.value("status")).lower() in ("draft", "hidden")

    def language(self, site: Site, page: Page) -> str:
        return first_text(page.value("lang")) or site.language

    def translation(self, site: Site, page: Page) -> str:
        key = str(site.option("settings", DEFAULTS).get("ARTICLE_TRANSLATION_ID") or "slug")
        return first_text(page.value(key)) or page.rel

    def address(self, site: Site, page: Page, settings: Settings, slug: str) -> str:
        options = site.option("settings", DEFAULTS)
        written = first_text(page.value("url"))
        if not written:
            language = first_text(page.value("lang"))
            default = options.get("DEFAULT_LANG", "en")
            pattern = str(options["ARTICLE_LANG_URL"] if language and language != default else options["ARTICLE_URL"])
            subsites = site.option("subsites", None)
            if subsites is not None and language and language != default and language in subsites:
                base, pattern = subsites[language]  # the translation is native to its language's subsite
                return links.absolute(base, "/" + links.quote_path(_format(pattern, self._placeholders(site, page)).lstrip("/")))
            if subsites is not None:  # the plugin sets ARTICLE_LANG_URL to ARTICLE_URL
                pattern = str(options["ARTICLE_URL"])
            written = _format(pattern, self._placeholders(site, page))
        return links.absolute(site.base_url, "/" + links.quote_path(written.lstrip("/")))

    def expand(self, site: Site, page: Page, body: str, resolver: Resolver) -> Expanded:
        """With the jinja2content plugin, the body as Jinja renders it before Markdown: its settings ({{ SITEURL }})
        in place, `{# comments #}` and tags that only set something up (`{% import %}`) gone, a macro's call its
        inner text."""
        tags = site.option("liquid_tags", None)
        if tags is not None and "{%" in body:
            content = str(site.option("settings", DEFAULTS).get("PATH") or "content").strip("/") or "content"
            liquid = LiquidTags(
                site.root, content, site.base_url, tags["CODE_DIR"] or "code", tags["NOTEBOOK_DIR"] or "notebooks"
            )
            body = liquid.expand(body)
        context = site.option("jinja", None)
        if context is None or ("{" not in body):
            return Expanded(body)
        return expand_liquid(_without_comments(body), _Settings(resolver, context), kramdown=False)

    def expand_links(self, site: Site, page: Page, body: str, resolver: Resolver) -> str:
        """Pelican's intra-site links: {filename}other.md is that article's address, {static}x.png the file's; and
        codehilite's `:::c` or `#!c` atop an indented code block, which names its language, is no line of code."""
        if site.option("codehilite", False) and (":::" in body or "#!" in body):
            body = _LANGUAGE_LINE.sub("", body)
        content = str(site.option("settings", DEFAULTS).get("PATH") or "content").strip("/")

        def replace(match: re.Match[str]) -> str:
            path = match.group("path")
            here = page.rel.rsplit("/", 1)[0]
            target = os.path.normpath(f"{content}/{path.lstrip('/')}" if path.startswith("/") else f"{here}/{path}")
            target = target.replace(os.sep, "/")
            if match.group("what") == "filename":
                found = resolver.link(target)
                if found:
                    return match.group("quote") + found
            return match.group("quote") + links.absolute(site.base_url, "/" + target[len(content) + 1 :])

        return _INTRASITE.sub(replace, body) if "}" in body else body

    def _inner(self, site: Site, rel: str) -> str:
        content = str(site.option("settings", DEFAULTS).get("PATH") or "content").strip("/")
        return rel[len(content) + 1 :] if rel.startswith(content + "/") else rel

    def _placeholders(self, site: Site, page: Page) -> dict[str, Any]:
        inner = self._inner(site, page.rel)
        values: dict[str, Any] = {key: first_text(item.value) for key, item in page.values.items()}
        moment = read_date(page.value("date"), site.timezone, lenient=True)
        authors = texts(page.value("authors")) or texts(page.value("author")) or [site.option("author", "")]
        values.update(
            slug=first_text(page.value("slug")),
            lang=first_text(page.value("lang")),
            date=moment,
            path=inner,
            category=pelican_slugify(first_text(page.value("category"))),
            author=pelican_slugify(authors[0] if authors else ""),
        )
        for name in _unknown_placeholders(str(site.option("settings", DEFAULTS).get("ARTICLE_URL", ""))):
            if name not in values:  # a plugin's (init says so): the file name after its date
                values[name] = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", inner.rsplit("/", 1)[-1].rsplit(".", 1)[0])
        return values


class _Settings(Delegating):
    """What a Jinja body may ask: the site's settings by name ({{ SITEURL }}), the rest from the site."""

    def __init__(self, resolver: Resolver, context: dict[str, str]) -> None:
        super().__init__(resolver)
        self.context = context

    def variable(self, name: str) -> str | None:
        return self.context.get(name) if name.isupper() else self.resolver.variable(name)


def _runs_jinja(plugins: Any) -> bool:
    """Whether PLUGINS names jinja2content (pelican-plugins' `pelican.plugins.jinja2content`, or by its own name)."""
    names = plugins if isinstance(plugins, (list, tuple)) else []
    return any(isinstance(name, str) and name.rsplit(".", 1)[-1] in ("jinja2content", "pelican_jinja2content") for name in names)


def _runs_subsites(plugins: Any) -> bool:
    """Whether PLUGINS names i18n_subsites (pelican-plugins' `i18n_subsites`, or a path ending in it)."""
    names = plugins if isinstance(plugins, (list, tuple)) else []
    return any(isinstance(name, str) and name.replace("/", ".").rsplit(".", 1)[-1] == "i18n_subsites" for name in names)


def _subsites(subsites: dict[Any, Any], url: str, article_url: str) -> dict[str, tuple[str, str]]:
    """i18n_subsites' site per language: its address (SITEURL, else the main one and the language) and its
    ARTICLE_URL (the main one unless it sets its own)."""
    found = {}
    for language, overrides in subsites.items():
        given = overrides if isinstance(overrides, dict) else {}
        base = stated(str(given.get("SITEURL") or "")) or f"{url.rstrip('/')}/{language}"
        found[str(language)] = (base, str(given.get("ARTICLE_URL") or article_url))
    return found


def _without_comments(body: str) -> str:
    """Jinja's `{# … #}` comments left out, each line end in one kept (notes keep their lines); one pass."""
    out, position = [], 0
    while (start := body.find("{#", position)) >= 0:
        end = body.find("#}", start + 2)
        if end < 0:
            break
        out += [body[position:start], "\n" * body.count("\n", start, end)]
        position = end + 2
    return "".join([*out, body[position:]])


def _save_as(settings: dict[str, Any], page: Page) -> str | None:
    """The article's save_as as written (its own, else ARTICLE_SAVE_AS or, for a translation, ARTICLE_LANG_SAVE_AS);
    None where nothing sets it (Pelican's default writes a page)."""
    if page.value("save_as") is not None:
        return first_text(page.value("save_as"))
    translated = first_text(page.value("lang")) != settings.get("DEFAULT_LANG", "en")
    value = settings.get("ARTICLE_LANG_SAVE_AS" if translated else "ARTICLE_SAVE_AS")
    return None if value is None else str(value)


def _default_date(value: Any, mtime_ns: int) -> str:
    """DEFAULT_DATE as Pelican reads it: 'fs' is the file's modification time (naive, as on a machine in UTC), a
    tuple the arguments of a datetime, text a date; "" when it sets none."""
    try:
        if value == "fs":
            moment = dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=mtime_ns // 1000)
            return moment.isoformat(" ", "seconds") if mtime_ns else ""
        if isinstance(value, (list, tuple)) and all(isinstance(part, int) for part in value):
            return dt.datetime(*value).isoformat(" ", "seconds")
    except (TypeError, ValueError, OverflowError):
        return ""
    return value if isinstance(value, str) else ""


def settings_file(root: Path) -> Path | None:
    """The site's Pelican settings: pelicanconf.py, or a settings file that sets SITEURL beside a content folder."""
    for name in SETTINGS_NAMES:
        path = root / name
        if path.is_file():
            try:
                text = site_text(path)
            except OSError:
                continue
            if name == "pelicanconf.py" or ("SITEURL" in text and ("ARTICLE_URL" in text or (root / "content").is_dir())):
                return path
    return None


def read_settings(path: Path | None) -> dict[str, Any]:
    """The UPPERCASE settings a Python file assigns literal values to (or earlier settings), never running it; a
    `from x import *` of a settings file beside it is read first."""
    if path is None:
        return {}
    try:
        tree = ast.parse(site_text(path))
    except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    values: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and any(alias.name == "*" for alias in node.names):
            sibling = path.parent / f"{node.module}.py"
            if sibling.is_file() and sibling != path:
                values.update(read_settings(sibling))
        elif isinstance(node, ast.Assign):  # A = B = '…' sets both
            names = [target.id for target in node.targets if isinstance(target, ast.Name) and target.id.isupper()]
            try:
                value = _literal(node.value, values) if names else _CODE
            except RecursionError:  # 'a' + 'b' + … thousands deep
                value = _CODE
            for name in names if value is not _CODE else ():
                values[name] = value
    return values


_CODE = object()


def _literal(node: ast.expr, known: dict[str, Any]) -> Any:
    """A literal, an earlier setting, or text joined from them with + ('{lang}/' + ARTICLE_URL); else _CODE."""
    if isinstance(node, ast.Name) and node.id in known:
        return known[node.id]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal(node.left, known), _literal(node.right, known)
        return left + right if isinstance(left, str) and isinstance(right, str) else _CODE
    try:
        return ast.literal_eval(node)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return _CODE


def meta_block(shown: str, text: str) -> Document | None:
    """Python-Markdown's meta block, which Pelican reads: `Key: value` lines at the top (between --- lines or not),
    a line indented by four spaces continuing the value above; keys without case. None when there is none."""
    lines = text.removeprefix("\ufeff").split("\n")
    index = 0
    fenced = lines[0].strip() == "---"
    if fenced:
        index = 1
    fields: dict[str, Field] = {}
    last = ""
    while index < len(lines):
        line = lines[index]
        if fenced and line.strip() in ("---", "..."):
            index += 1
            break
        if not line.strip():
            if not fenced:
                break
            index += 1
            continue
        found = _META_LINE.match(line)
        if found:
            last = found.group(1).lower()
            fields[last] = Field.at_line(found.group(2).strip(), index + 1)
        elif line.startswith(("    ", "\t")) and last:
            previous = fields[last]
            fields[last] = Field.at_line(f"{previous.value} {line.strip()}".strip(), previous.line)
        else:
            break
        index += 1
    if not fields:
        return None
    body = "\n".join(lines[index:])
    return Document(shown, fields, body, index + 1, 1)


def pelican_slugify(value: str) -> str:
    """Pelican's slugify with its default substitutions: ASCII (Cyrillic as Unidecode writes it in Latin letters),
    lower case, words joined by hyphens."""
    value = re.sub(r"<[^>]+>", "", value)
    value = unicodedata.normalize("NFKC", value)
    if _CYRILLIC.search(value):
        value = "".join(_CYRILLIC_LATIN.get(char, char) for char in value.lower())
    value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    for pattern, replacement in _SLUG_RULES:
        value = re.sub(pattern, replacement, value, flags=re.IGNORECASE)
    return value.lower().strip()


def _untransliterated(title: str) -> bool:
    """Whether Pelican's slug of the title has letters nieuwsbrief cannot spell: Unidecode writes every script in
    Latin letters (中文 as Zhong Wen), nieuwsbrief only Latin with accents and Cyrillic."""
    for char in unicodedata.normalize("NFKC", title):
        if char.isascii() or not unicodedata.category(char).startswith("L") or char.lower() in _CYRILLIC_LATIN:
            continue
        if not unicodedata.normalize("NFKD", char).encode("ascii", "ignore"):
            return True
    return False


def _month_first(value: Any) -> Any:
    """A date written in numbers as dateutil reads it for Pelican: month first (03.04.2024 is 4 March), unless the
    first number cannot be a month."""
    found = _NUMBERS_DATE.fullmatch(value.strip()) if isinstance(value, str) else None
    if found is None:
        return value
    first, second, year, rest = int(found.group(1)), int(found.group(2)), found.group(3), found.group(4) or ""
    month, day = (second, first) if first > 12 else (first, second)
    return f"{year}-{month:02d}-{day:02d}{rest}"


def _unread_formats(root: Path, content: str) -> list[str]:
    """Pelican's other format in the content folder, which is not read: a site written in reStructuredText (21 of
    getpelican/pelican-blog's 22 files) would otherwise be read as nearly empty without a word said."""
    folder = root / content
    found = sorted(path for path in folder.rglob("*.rst") if path.is_file()) if folder.is_dir() else []
    if not found:
        return []
    return [f"{len(found)} reStructuredText files in {content}/ are left out: nieuwsbrief reads Pelican's Markdown only"]


def _unknown_placeholders(pattern: str) -> list[str]:
    known = {"slug", "lang", "date", "path", "category", "author", "title", "filename"} - {"filename"}
    return [name for name, _ in _PLACEHOLDER.findall(pattern) if name not in known and name.islower()]


def _format(pattern: str, values: dict[str, Any]) -> str:
    """ARTICLE_URL filled in as Python's str.format does ({date:%Y}); AddressError for a value the page lacks."""
    try:
        return string.Formatter().vformat(pattern, (), _Values(values))
    except (KeyError, ValueError, AttributeError, TypeError) as exc:
        raise links.AddressError(f"ARTICLE_URL {pattern!r} needs {exc}, which the article does not give") from None


class _Values(dict[str, Any]):
    def __missing__(self, key: str) -> Any:
        raise KeyError(key)
