"""MkDocs with Material's blog plugin (https://squidfunk.github.io/mkdocs-material/plugins/blog/): the configuration
(mkdocs.yml, or the mkdocs-*.yml that turns the blog on, with its INHERIT parent), `site_url`, `docs_dir`, the blog
plugin's `blog_dir`, `post_dir`, `post_url_format` ({date}, {slug}, {categories}, {file}), `post_url_date_format`
and `authors_file`; posts with `date` (or `date: {created, updated}`), `draft`, `slug`, `categories`, `authors`,
the title from front matter or the first heading, the slug as the plugin slugifies it, and `<!-- more -->`.

The Markdown extensions Material sites use are written out as plain Markdown: an admonition (`!!! note "Title"`) or
a collapsible block (`??? tip`) becomes a quotation with its title in bold, content tabs (`=== "Tab"`) a bold line,
attribute lists (`{ .md-button }`) are left out.

Snippets (pymdownx.snippets, `--8<-- "file"`) are expanded as MkDocs expands them, on the raw text before Markdown,
line by line, inside HTML blocks and code too: the file's lines in place of the line, indented as it was. An SVG the
site publishes is written as the image at its address instead (mail cannot carry an inline SVG).
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import textwrap
import unicodedata
import urllib.parse
from pathlib import Path
from typing import Any, ClassVar

from ...atomic import read_regular
from ...config import Settings
from ..formats import load_data_file
from ..text import Collector, site_text
from . import permalinks as links
from .base import OWN_FIELDS, Generator
from .dates import read_date
from .permalinks import stated
from .site import Page, Site, first_text, texts
from .syntax import MAX_ADDED, MAX_NESTING, Expanded, Resolver

BLOG_NAMES = ("blog", "material/blog")
# The blog plugin's line in a plugins list or mapping: `- blog`, `material/blog:`, `- blog: {…}`, a comment after it,
# a Windows line end
_BLOG_LINE = re.compile(
    r"""(?m)^[ \t]*(?:-[ \t]*)?["']?(?:material/)?blog["']?[ \t]*(?::[ \t]*(?:\{[^\n]*\}[ \t]*)?)?(?:#[^\n]*)?\r?$"""
)
_TAG = re.compile(r"!!python/[\w/:.-]+|!ENV\b|!relative\b")  # YAML tags only MkDocs' loader builds: the tag goes
_HEADING = re.compile(r"(?m)^#\s+(.+?)\s*#*\s*$")
_FIRST_HEADING = re.compile(r"\s*(#[ \t][^\n]*)")  # the body's first line of text, when it is a level-one heading
_BLOCK = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>!!!|\?\?\?\+?|===)\s*(?P<rest>.*)$")
_ATTRIBUTES = re.compile(r"\{\s*[:.#][^}\n]*\}|\{\s*\w[\w-]*=[^}\n]*\}")
# pymdownx.snippets' own rules: a line that is only the scissors and a quoted file (no space after it), or only the
# scissors (a block of file names up to the next such line); `;` before the scissors escapes the line.
_SNIPPET_LINE = re.compile(
    r"""^(?P<space>[ \t]*)(?P<escape>;*)"""
    r"""(?:-+8<-+[ \t]+(?P<file>"(?:\\"|[^"\n\r])+?"|'(?:\\'|[^'\n\r])+?')(?![ \t])|-+8<-+(?![ \t]))\r?$"""
)
_SECTION_LINE = re.compile(  # `--8<-- [start:name]` marks a part of a file to include: the marker shows nowhere
    r"(?i)^.*?(?<!;)(?!(?<=-)-)(?P<escape>;*)-+8<-+[ \t]+\[[ \t]*(?:start|end)[ \t]*:[ \t]*[a-z][-_0-9a-z]*[ \t]*\]"
)
MAX_SNIPPETS = 1000  # snippet files one body includes: a page includes a handful
_ICON = re.compile(r":(?:material|fontawesome|octicons|simple)-[\w-]+:")
# A link (or a link definition) to another Markdown file by its path, relative to the page's file: MkDocs writes
# that page's address in its place. A path with a scheme (`:`) or from the root (`/`) is left as written.
_MD_LINK = re.compile(
    r"(?P<lead>\]\([ \t]*<?|^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?)(?P<path>[^\s()<>#?:/][^\s()<>#?:]*?\.md)(?P<anchor>#[^\s()<>]*)?(?=[\s)>]|$)",
    re.MULTILINE,
)
# mkdocs-include-markdown-plugin's tags: the file in quotes, then options (start="…", dedent=true) up to %}
_INCLUDE = re.compile(
    r"""\{%-?[ \t]*include(?:-markdown)?[ \t]+(?P<q>["'])(?P<path>[^"'\n]+)(?P=q)(?P<args>[^%]{0,2000}?)-?%\}"""
)
_INCLUDE_OPTION = re.compile(r"""(?P<name>[\w-]+)[ \t]*=[ \t]*(?:(?P<quote>["'])(?P<text>[^"'\n]*)(?P=quote)|(?P<word>\w+))""")
_ENV_SITE_URL = re.compile(r"(?m)^site_url:[ \t]*!ENV[ \t]+([^#\n]*)")
_ABBREVIATION = re.compile(r"\*\[[^\]\n]*\][ ]?:")  # Python-Markdown's abbr: a definition at a line's start
_CODE_SPAN = re.compile(r"(`+).*?(?<!`)\1(?!`)")


class MkDocs(Generator):
    name = "mkdocs"
    tolerates_duplicate_keys = True
    detection = 6
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        **OWN_FIELDS,
        "date": ("date.created", "date"),
        "category": ("categories", "category"),
        "author": ("authors", "author"),
        "summary": ("description", "summary"),
    }
    author_fields: ClassVar[dict[str, tuple[str, ...]]] = {
        **Generator.author_fields,
        "role": ("description", "role"),
        "photo": ("avatar", "photo", "image"),
    }

    def detect(self, root: Path) -> bool:
        return configuration(root) is not None

    def read_site(self, root: Path, shown: str, language: str, out: Collector) -> dict[str, Any]:
        path = configuration(root)
        config = _load(root, shown, path, out, 0) if path else {}
        blog = _plugin_options(config) or {}
        include = _plugin_options(config, ("include-markdown",))
        docs = str(config.get("docs_dir") or "docs").strip("/")
        blog_dir = str(blog.get("blog_dir", "blog")).strip("/")
        theme: dict[str, Any] = config["theme"] if isinstance(config.get("theme"), dict) else {}
        site_url, assumed = _site_url(path, config)
        extra: dict[str, Any] = config["extra"] if isinstance(config.get("extra"), dict) else {}
        version: dict[str, Any] = extra["version"] if isinstance(extra.get("version"), dict) else {}
        if version.get("provider") == "mike":  # mike deploys each version of the site in a folder of its own
            assumed.append(
                "the site is published with mike, in a folder per version (such as latest/) that MkDocs' build does not "
                "know: the addresses are read without it; set [newsletter] base_url to the address of the version readers see"
            )
        return {
            **({"assumed": assumed} if assumed else {}),
            "base_url": stated(site_url),
            "title": str(config.get("site_name") or ""),
            "language": str(theme.get("language") or ""),
            "docs": docs,
            "blog_dir": blog_dir,
            "post_dir": str(blog.get("post_dir", "{blog}/posts")).replace("{blog}", blog_dir).strip("/"),
            "post_url_format": str(blog.get("post_url_format", "{date}/{slug}")),
            "post_url_date_format": str(blog.get("post_url_date_format", "yyyy/MM/dd")),
            "max_categories": int(blog.get("post_url_max_categories", 1) or 0),
            "authors_file": str(blog.get("authors_file", "{blog}/.authors.yml")).replace("{blog}", blog_dir),
            "directory_urls": config.get("use_directory_urls", True) is not False,
            "snippet_bases": _snippet_bases(config),
            "snippet_append": _snippet_option(config, "auto_append"),
            "include": None if include is None else include.get("trailing_newlines", True) is not False,
            "abbreviations": bool({"abbr", "extra"} & set(_extension_names(config))),
            **({"drafts_built": True} if blog.get("draft") is True else {}),  # the plugin's `draft: true` builds drafts
        }

    def globs(self, root: Path, options: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        posts = f"{options.get('docs', 'docs')}/{options.get('post_dir', 'blog/posts')}/**/*.md"
        return (posts,), (posts,), (f"{options.get('docs', 'docs')}/{options.get('authors_file', 'blog/.authors.yml')}",)

    def prepare(self, site: Site, page: Page, out: Collector) -> str:
        if not first_text(page.value("title")):
            heading = _HEADING.search(page.document.body)
            if heading:
                written = re.sub(r"[*_`]", "", heading.group(1)).strip()
                page.add("slug", _slugify(written))  # the plugin slugifies the title MkDocs read, its entities as written
                page.add("title", html.unescape(written), replace=True)  # the page shows `&mdash;` as a dash
        return ""

    def page_id(self, site: Site, page: Page) -> str:
        return self._slug(page) or super().page_id(site, page)

    def draft(self, site: Site, page: Page) -> bool:
        return page.value("draft") is True and not site.option("drafts_built", False)

    def section(self, site: Site, page: Page) -> str:
        return str(site.option("blog_dir", "blog")).rsplit("/", 1)[-1].replace("-", " ").capitalize()

    def address(self, site: Site, page: Page, settings: Settings, slug: str) -> str:
        moment = read_date(page.value(page.first(site.fields.get("date", ("date",)))), "")
        if moment is None:
            raise links.AddressError("the post has no date")
        categories = [_slugify(c) for c in texts(page.value("categories"))][: site.option("max_categories", 1)]
        path = str(site.option("post_url_format")).format(
            date=_icu_date(moment, str(site.option("post_url_date_format"))),
            slug=self._slug(page),
            categories="/".join(categories),
            file=page.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0],
        )
        path = "/".join(part for part in f"{site.option('blog_dir')}/{path}".split("/") if part and part != ".")
        path = f"/{path}/" if site.option("directory_urls", True) else f"/{path}.html"
        return links.absolute(site.base_url, links.quote_path(path))

    def expand(self, site: Site, page: Page, body: str, resolver: Resolver) -> Expanded:
        return Expanded(body)

    def expand_links(self, site: Site, page: Page, body: str, resolver: Resolver) -> str:
        """Material's Markdown extensions as plain Markdown (this runs on every body, before template syntax)."""
        body = _without_title_heading(body, first_text(page.value("title")))
        if "{%" in body and site.option("include", None) is not None:
            body = _includes(site, page, body)
        appended = site.option("snippet_append", [])
        if appended and site.option("snippet_bases"):  # pymdownx's auto_append: a block of files after every body
            body += "\n\n-8<-\n{}\n-8<-\n".format("\n\n".join(appended))
        if "8<-" in body and site.option("snippet_bases"):
            body = "\n".join(_Snippets(site).expand(body.split("\n")))
        if "*[" in body and site.option("abbreviations", False):
            body = _without_abbreviations(body)
        if "{" in body:
            body = _ATTRIBUTES.sub("", body)
        if ":" in body:
            body = _ICON.sub("", body)
        if "!!!" in body or "???" in body or "===" in body:
            body = _blocks(body)
        if ".md" in body:
            body = _page_links(site, page, body, resolver)
        return body.replace("<!-- more -->", "<!--more-->")

    def authors(self, settings: Settings, site: Site, shown: str, text: str, out: Collector) -> list[Any]:
        values = load_data_file(shown, _TAG.sub("", text), out)
        table = values.get("authors") if values else None
        if table is None or not isinstance(table.value, dict):
            return super().authors(settings, site, shown, text, out)
        return super().authors(settings, site, shown, json.dumps(table.value), out)  # JSON is YAML: one author each

    def _slug(self, page: Page) -> str:
        return first_text(page.value("slug")) or _slugify(first_text(page.value("title")))


def configuration(root: Path) -> Path | None:
    """The MkDocs configuration that turns Material's blog plugin on: mkdocs.yml first, then mkdocs-*.yml."""
    for path in [root / "mkdocs.yml", root / "mkdocs.yaml", *sorted(root.glob("mkdocs*.y*ml"))]:
        try:
            text = site_text(path) if path.is_file() else ""
        except OSError:
            continue
        if _BLOG_LINE.search(text):
            return path
    return None


def _load(root: Path, shown: str, path: Path, out: Collector, depth: int) -> dict[str, Any]:
    """The configuration with the parent it INHERITs merged under it (MkDocs' deep merge)."""
    try:
        text = _TAG.sub("", site_text(path))
    except OSError:
        return {}
    values = load_data_file(shown + os.path.relpath(path, root).replace(os.sep, "/"), text, out) or {}
    config = {key: item.value for key, item in values.items()}
    parent = config.pop("INHERIT", None)
    if isinstance(parent, str) and depth < 5:
        base = (path.parent / parent).resolve()
        if base.is_file() and str(base).startswith(str(root.resolve())):
            return _merge(_load(root, shown, base, out, depth + 1), config)
    return config


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


def _site_url(path: Path | None, config: dict[str, Any]) -> tuple[str, list[str]]:
    """site_url, and what init has to say of it: `!ENV [VAR, …, default]` (pyyaml_env_tag) is the default when no
    variable is set; `!ENV VAR` alone is known only where MkDocs builds the site (Read the Docs' canonical URL)."""
    try:
        found = _ENV_SITE_URL.search(site_text(path)) if path else None
    except OSError:
        found = None
    if found is None:
        return str(config.get("site_url") or ""), []
    written = found.group(1).strip()
    items = [item.strip().strip("\"'") for item in written.strip("[]").split(",")] if written.startswith("[") else [written]
    if len(items) > 1 and items[-1]:
        return items[-1], []
    names = ", ".join(item for item in items if item)
    return "", [
        f"site_url comes from the environment ({names}) when MkDocs builds the site: set [newsletter] base_url to the site's address"
    ]


def _plugin_options(config: dict[str, Any], names: tuple[str, ...] = BLOG_NAMES) -> dict[str, Any] | None:
    """The options of the first plugin named one of ``names`` ({} for none given); None when the site has none."""
    plugins = config.get("plugins") or []
    entries = (
        plugins.items()
        if isinstance(plugins, dict)
        else (
            (p, None) if isinstance(p, str) else next(iter(p.items()), (None, None))
            for p in plugins
            if isinstance(p, (str, dict))
        )
    )
    for name, options in entries:
        if name in names:
            return options if isinstance(options, dict) else {}
    return None


def _snippet_bases(config: dict[str, Any]) -> list[str]:
    """pymdownx.snippets' base_path: the folders, from where MkDocs runs (the site's folder), its files are read from;
    none when the site does not enable the extension (MkDocs then shows a `--8<--` line as it is written)."""
    for entry in config.get("markdown_extensions") or []:
        if entry == "pymdownx.snippets":
            return ["."]
        options = entry.get("pymdownx.snippets", False) if isinstance(entry, dict) else False
        if isinstance(options, dict) and options.get("base_path") is not None:
            bases = options["base_path"]
            return [str(base) for base in (bases if isinstance(bases, list) else [bases])]
        if options is not False:
            return ["."]
    return []


def _includes(site: Site, page: Page, body: str) -> str:
    """mkdocs-include-markdown-plugin's `{% include "file" %}` and `{% include-markdown "file" %}` (in code too, as the
    plugin reads the raw text): the file, from the page's folder, in place of the tag; its `start` and `end`, and its
    lines after the first indented as the tag's line (preserve-includer-indent). A file that is not there, or is
    outside the site's folder, leaves nothing; the files are read within the snippets' budget."""
    files = _Snippets(site)
    here = posixpath.dirname(page.rel)

    def replace(match: re.Match[str]) -> str:
        options = {
            found["name"]: found["text"] if found["quote"] else found["word"] for found in _INCLUDE_OPTION.finditer(match["args"])
        }
        name = posixpath.normpath(posixpath.join(here, match["path"].strip()))
        path = os.path.join(site.root, name)
        root = os.path.realpath(site.root)
        if name == ".." or name.startswith("../") or files.files <= 0 or not os.path.isfile(path):
            return ""
        if os.path.commonpath([os.path.realpath(path), root]) != root:
            return ""
        files.files -= 1
        text = "\n".join(files.read(path))
        start, end = options.get("start"), options.get("end")
        if start and (at := text.find(start)) >= 0:
            text = text[at + len(start) :]
        if end and (at := text.find(end)) >= 0:
            text = text[:at]
        if str(options.get("trailing-newlines", site.option("include", True))).lower() == "false":
            text = text.rstrip("\n")
        if str(options.get("dedent", "false")).lower() == "true":
            text = textwrap.dedent(text)
        line = body[body.rfind("\n", 0, match.start()) + 1 : match.start()]
        indent = line[: len(line) - len(line.lstrip())]
        if indent and str(options.get("preserve-includer-indent", "true")).lower() != "false":
            text = text.replace("\n", "\n" + indent)
        return text

    return _INCLUDE.sub(replace, body)


def _extension_names(config: dict[str, Any]) -> list[str]:
    """The Markdown extensions the site enables, by their short names (`markdown.extensions.abbr` is `abbr`)."""
    entries = config.get("markdown_extensions") or []
    names = [entry if isinstance(entry, str) else next(iter(entry), "") for entry in entries if isinstance(entry, (str, dict))]
    return [str(name).removeprefix("markdown.extensions.") for name in names]


def _without_abbreviations(body: str) -> str:
    """The body without the abbr extension's definitions (`*[HTML]: Hyper Text Markup Language`), which the page
    shows nowhere; lines in code stay. Each definition's line stays, empty, so that lines below keep their numbers."""
    out = []
    fenced = False
    for line in body.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        out.append("" if not fenced and _ABBREVIATION.match(line) else line)
    return "\n".join(out)


def _snippet_option(config: dict[str, Any], key: str) -> list[str]:
    """One of pymdownx.snippets' list options (auto_append: files appended to every page), as text."""
    for entry in config.get("markdown_extensions") or []:
        options = entry.get("pymdownx.snippets") if isinstance(entry, dict) else None
        if isinstance(options, dict) and isinstance(options.get(key), list):
            return [str(item) for item in options[key] if isinstance(item, str) and item.strip()]
    return []


class _Snippets:
    """pymdownx.snippets over one body, as MkDocs runs it: files read from under the site's folder only (pymdownx
    reads them from under its base paths), the snippets in them expanded in turn, at most MAX_NESTING deep, MAX_ADDED
    bytes and MAX_SNIPPETS files in all (files that include others many times over multiply); a file that is not
    there leaves nothing, as in pymdownx."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.budget = MAX_ADDED
        self.files = MAX_SNIPPETS

    def expand(self, lines: list[str], seen: tuple[str, ...] = ()) -> list[str]:
        out: list[str] = []
        block = False  # between two scissors lines: each line names a file
        for line in lines:
            found = _SNIPPET_LINE.match(line) if "8<-" in line else None
            if found and found.group("escape"):
                out.append(line.replace(";", "", 1))
            elif found and found.group("file") is None:
                block = not block
            elif found:
                if not block:  # pymdownx ignores a one-line snippet inside a block
                    out += self.included(found.group("space"), found.group("file")[1:-1].strip(), seen)
            elif block:
                name = line.strip()
                if not name:
                    out.append("")  # an empty line between the scissors stays an empty line
                elif not name.startswith(";"):  # `;` comments a file out
                    out += self.included(line[: len(line) - len(line.lstrip())], name, seen)
            elif (kept := _unmarked(line)) is not None:
                out.append(kept)
        return out

    def included(self, space: str, name: str, seen: tuple[str, ...]) -> list[str]:
        """The lines of the file ``name``, indented as its snippet line; none when it cannot be read."""
        path = self.found(name) if self.files > 0 and len(seen) < MAX_NESTING else None
        if path is None or path in seen:
            return []
        self.files -= 1
        indent = space.expandtabs(4)
        address = self.published(path) if path.lower().endswith(".svg") else ""
        if address:
            return [f'{indent}<img src="{address}">']  # what the SVG shows, where the site publishes it
        return [indent + line for line in self.expand(self.read(path), (*seen, path))]

    def found(self, name: str) -> str | None:
        """The file, in the first base path that has it; never outside its base, nor a link out of the site's folder."""
        root = self.site.root
        for base in self.site.option("snippet_bases"):
            folder = os.path.normpath(os.path.join(root, base))
            path = os.path.normpath(os.path.join(folder, name))
            if os.path.commonpath([path, folder]) != folder or not os.path.isfile(path):
                continue
            if os.path.commonpath([os.path.realpath(path), root]) == root:
                return path
        return None

    def read(self, path: str) -> list[str]:
        """The file's lines as pymdownx reads them (a last line end gives an empty last line), within the budget."""
        try:
            raw, _ = read_regular(path, self.budget)
        except OSError:
            return []
        if len(raw) > self.budget:
            return []
        self.budget -= len(raw)
        text = raw.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
        return text.split("\n") if text else []

    def published(self, path: str) -> str:
        """The address MkDocs publishes a file under docs_dir at ("" for a file outside it)."""
        docs = os.path.join(self.site.root, str(self.site.option("docs", "docs")))
        rel = os.path.relpath(path, docs).replace(os.sep, "/")
        return "" if rel.startswith("../") else links.absolute(self.site.base_url, links.quote_path("/" + rel))


def _unmarked(line: str) -> str | None:
    """A line outside a snippet: None for a section marker, which shows nowhere; an escaped one loses one `;`."""
    marker = _SECTION_LINE.match(line) if "8<-" in line else None
    if marker is None:
        return line
    at = marker.start("escape")
    return line[:at] + line[at + 1 :] if marker.group("escape") else None


def _without_title_heading(body: str, title: str) -> str:
    """The body without a first heading that is its title: the page shows it once, as its title, and so does the
    issue. Its line stays, empty, so that lines below keep their numbers."""
    heading = _FIRST_HEADING.match(body)
    if heading is None:
        return body
    written = heading.group(1)[1:].strip().rstrip("#").strip()
    if not written or html.unescape(re.sub(r"[*_`]", "", written).strip()) != title:
        return body
    return body[: heading.start(1)] + body[heading.end(1) :]


def _slugify(text: str) -> str:
    """The blog plugin's default post_slugify: pymdownx.slugs.slugify(case="lower") with "-"."""
    slug = re.sub(r"</?[^>]*>", "", unicodedata.normalize("NFC", text)).strip().lower()
    return re.sub(r"[^\w\- ]", "", slug).replace(" ", "-")


def _icu_date(moment: Any, pattern: str) -> str:
    """A date in the ICU pattern the plugin formats URL dates with (yyyy/MM/dd)."""
    tokens = {
        "yyyy": f"{moment.year:04d}",
        "yy": f"{moment.year % 100:02d}",
        "MM": f"{moment.month:02d}",
        "M": str(moment.month),
        "dd": f"{moment.day:02d}",
        "d": str(moment.day),
    }
    return re.sub("yyyy|yy|MM|M|dd|d", lambda m: tokens[m.group(0)], pattern)


def _page_links(site: Site, page: Page, body: str, resolver: Resolver) -> str:
    """Links to another Markdown file of the site as MkDocs writes them: a post's address (the blog plugin's), a
    documentation page's (its folder, `index.md` and `README.md` the folder's own); a file that is not there, and
    code, as written."""
    docs = str(site.option("docs", "docs"))
    posts = f"{docs}/{site.option('post_dir', 'blog/posts')}/"
    here = page.rel.rsplit("/", 1)[0] if "/" in page.rel else ""

    def replace(match: re.Match[str]) -> str:
        target = posixpath.normpath(f"{here}/{urllib.parse.unquote(match.group('path'))}")
        if not target.startswith(docs + "/") or not os.path.isfile(os.path.join(site.root, target)):
            return match.group(0)
        found = resolver.link(target) if target.startswith(posts) else None
        if found is None:
            inner = target[len(docs) + 1 : -len(".md")]
            name = inner.rsplit("/", 1)[-1]
            own = name in ("index", "README")  # the folder's own page
            if site.option("directory_urls", True):
                path = inner[: -len(name)] if own else f"{inner}/"
            else:
                path = f"{inner[: -len(name)]}index.html" if own else f"{inner}.html"
            found = links.absolute(site.base_url, "/" + links.quote_path(path))
        return match.group("lead") + found + (match.group("anchor") or "")

    out = []
    fenced = False
    for line in body.split("\n"):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced:  # outside code spans only
            parts, start = [], 0
            for span in _CODE_SPAN.finditer(line):
                parts += [_MD_LINK.sub(replace, line[start : span.start()]), span.group(0)]
                start = span.end()
            line = "".join([*parts, _MD_LINK.sub(replace, line[start:])])
        out.append(line)
    return "\n".join(out)


def _blocks(body: str) -> str:
    """Admonitions, collapsible blocks and content tabs as quotations and bold lines, their content dedented."""
    out: list[str] = []
    lines = body.split("\n")
    index = 0
    fenced = False
    while index < len(lines):
        line = lines[index]
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        found = None if fenced else _BLOCK.match(line)
        if found is None:
            out.append(line)
            index += 1
            continue
        indent = found.group("indent")
        title = re.search(r'"([^"]*)"', found.group("rest"))
        kind = found.group("rest").split('"')[0].split()
        label = title.group(1) if title else (kind[0].capitalize() if kind and found.group("mark") != "===" else "")
        inner, index = _indented(lines, index + 1, len(indent.expandtabs()) + 4)
        while inner and not inner[0]:
            inner.pop(0)
        if found.group("mark") == "===":
            out += ([f"{indent}**{label}**", ""] if label else []) + [indent + text if text else "" for text in inner]
        else:
            block = ([f"**{label}**", ""] if label else []) + inner
            out += [f"{indent}> {text}".rstrip() for text in block]
    return "\n".join(out)


def _indented(lines: list[str], start: int, width: int) -> tuple[list[str], int]:
    """The lines indented by at least ``width`` (blank ones among them), dedented; and where they end."""
    found: list[str] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if line.strip() and len(line.expandtabs()) - len(line.expandtabs().lstrip()) < width:
            break
        found.append(line.expandtabs()[width:] if line.strip() else "")
        index += 1
    while found and not found[-1]:
        found.pop()
        index -= 1
    return found, index
