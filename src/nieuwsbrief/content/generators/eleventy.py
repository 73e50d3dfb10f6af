"""Eleventy's conventions (https://www.11ty.dev/): the input and data folders from its configuration (`dir`), the
collections it builds with getFilteredByGlob (the posts), the data cascade (directory data files `blog/blog.json`,
`blog/blog.11tydata.json` and what can be read of `blog.11tydata.js`, then template data files, then front matter,
YAML or `---js`), dates and slugs from file names (`2024-12-10-title.md`: page.date and page.fileSlug), `permalink`
(a path, or a Liquid or Nunjucks template over the page's data), `draft`, `permalink: false` and
`eleventyExcludeFromCollections`, the site's address and title from its global data (_data/*.json, *.yaml, *.js),
Nunjucks or Liquid in Markdown, and the I18n plugin's languages (a page's language from the first folder of its path
that is a language code, its translations the pages whose paths differ only there).

The configuration and data files are JavaScript, which nieuwsbrief does not run: their literal values are read
(jsliteral.py). A permalink that calls one of the site's own filters is worked out by the filter's name where it says
what it does (`toDatePath`: the date as YYYY/MM/DD), and `init` says so; anything else is left out with a warning that
names [links] article_url, the setting that gives such pages their address.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import os
import re
from pathlib import Path
from typing import Any, ClassVar

from ...config import Settings
from ...text import slugify
from ..formats import load_config, split
from ..text import Collector, Document, Field, site_text
from . import permalinks as links
from .base import OWN_FIELDS, Generator
from .containers import without_fences
from .dates import read_date
from .globs import GlobError, compile_globs
from .jsliteral import constants, exported, literal_at
from .liquid import expand_liquid
from .permalinks import stated
from .site import Page, Site, first_text, texts
from .syntax import Delegating, Expanded, Resolver

CONFIG_NAMES = ("eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs", ".eleventy.js")
_DIR = re.compile(r"""\b(input|data|includes|layouts)["']?\s*:\s*["']([^"']+)["']""")
_CONTRACTION = re.compile(r"([a-zA-Z0-9]+)'([ts])(\s|\Z)")  # @sindresorhus/slugify's, on the lower-cased text
_PREFIX = re.compile(r"""\bpathPrefix["']?\s*:\s*["']([^"']+)["']""")
_TITLE_HEADING = re.compile(r"\s*(#[ \t]+\{\{-?[ \t]*title[ \t]*-?\}\}[ \t]*#*[ \t]*)(?=\n|$)")  # `# {{ title }}`, the first line
# Each found without a run retried from every start (issue 23): "eleventy" and the --config after it in one string of
# package.json; one stretch of blanks after `from` (`from\s+\s*` tried every split of 20,000 spaces).
_ELEVENTY = re.compile(r"eleventy\b")
_CONFIG_FLAG = re.compile(r"""--config[= ]([^"'\s&|;]+)""")
_REQUIRE = re.compile(r"""(?:require\(|\bfrom|import\()\s*["'](\.{1,2}/[^"']+)["']""")
# What a directory data file computes that nieuwsbrief then reads its own way, as init says it.
_COMPUTED = {
    "permalink": ("the addresses", "addresses are Eleventy's default, the file's path (set [links] article_url if they differ)"),
    "date": ("the dates", "dates come from the front matter or the file name alone"),
}
_REEXPORT = re.compile(r"""\bexport\s+default\s+(\w+)\s*;?\s*$""")
_GLOB = re.compile(r"""getFilteredByGlob\(\s*(\[[^\]]*\]|["'][^"']+["'])""")
_DATE_IN_PATH = re.compile(r"(\d{4}-\d{2}-\d{2})")
_SLUG_DATE = re.compile(r"\d{4}-\d{2}-\d{2}-(.*)")  # TemplateFileSlug's, not anchored
_URL_KEYS = ("url", "baseUrl", "baseURL", "siteUrl", "siteURL", "host", "domain", "origin")
_POST_FOLDERS = ("blog", "posts", "post", "_posts", "articles", "news", "nieuws")  # _posts: Jekyll's name, kept
_I18N = re.compile(r"""\bI18nPlugin\b""")
_DEFAULT_LANGUAGE = re.compile(r"""\bdefaultLanguage["']?\s*:\s*["']([^"']+)["']""")
# ISO 639-1, the codes the I18n plugin takes for a language (iso-639-1's validate): "blog" or "js" is a folder.
_ISO_639_1_CODES = (
    "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo "
    "es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka "
    "kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng "
    "nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su "
    "sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"
)
_ISO_639_1 = frozenset(_ISO_639_1_CODES.split())
_DATA_SUFFIXES = (".json", ".11tydata.json", ".11tydata.js", ".11tydata.cjs", ".11tydata.mjs")
_SCRIPT_DATA_SUFFIXES = (".11tydata.js", ".11tydata.cjs", ".11tydata.mjs")
_MOST_LAYOUTS = 500  # stamped at each scan: a theme's folder of includes, not a site's whole tree


class Eleventy(Generator):
    name = "eleventy"
    detection = 3
    script_front_matter = True
    reads_all_languages = True  # with the I18n plugin, translations sit in folders side by side: one piece per group
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        **OWN_FIELDS,
        "summary": ("description", "summary", "excerpt", "teaser"),  # eslint.org: teaser
    }

    def detect(self, root: Path) -> bool:
        if _configuration_file(root) is not None:
            return True
        package = root / "package.json"
        return package.is_file() and '"@11ty/eleventy"' in site_text(package)

    def read_site(self, root: Path, shown: str, language: str, out: Collector) -> dict[str, Any]:
        config = _configuration_text(root)
        folders = {**_dir_references(root), **dict(_DIR.findall(config))}
        source = _clean(folders.get("input", ""))
        data_dir = _clean(os.path.normpath(os.path.join(source or ".", folders.get("data", "_data"))))
        prefix = _PREFIX.search(config)
        data = _global_data(root / data_dir)
        options: dict[str, Any] = {
            "base_url": stated(_first_url(data) or _homepage(root)),
            "title": first_text(_find(data, ("title", "name", "siteName"))),
            "language": first_text(_find(data, ("language", "lang", "locale"))),
            "base_path": "/" + prefix.group(1).strip("/") if prefix and prefix.group(1).strip("/") else "",
            "input": source,
            "data": data_dir,
            "layouts": _clean(os.path.join(source or ".", folders.get("layouts", folders.get("includes", "_includes")))),
            "layout_aliases": dict(_LAYOUT_ALIAS.findall(config)),
            "author": _author(_find(data, ("author",))),
            "collections": sorted({glob for match in _GLOB.finditer(config) for glob in _globs_of(match.group(1))}),
            "date_filters": _date_filters(config),
        }
        if "markdown-it-container" in config:
            options["containers"] = True
        ignored = _ignored(root)
        if ignored:
            options["ignored"] = ignored
        if _I18N.search(config):
            default = _DEFAULT_LANGUAGE.search(config)
            options["i18n"] = default.group(1) if default else options["language"] or "en"
        assumed = _assumptions(root, source, options["date_filters"])
        if assumed:
            options["assumed"] = assumed
        return options

    def globs(self, root: Path, options: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        source = f"{options['input']}/" if options.get("input") else ""
        pieces = tuple(glob for glob in options.get("collections", []) if glob.endswith((".md", "}")) and "*" in glob)
        if not pieces:
            folders = _post_folders(root / source) if (root / source).is_dir() else []
            pieces = tuple(f"{source}{folder}/**/*.md" for folder in folders) or (f"{source}**/*.md",)
        data = root / str(options.get("data") or f"{source}_data")
        people = sorted(
            p.relative_to(root).as_posix()
            for p in (data.iterdir() if data.is_dir() else ())
            if "author" in p.name.lower() and p.suffix in (".json", ".yaml", ".yml") and p.is_file()
        )  # eslint.org's _data/all_authors.json: the authors by the ids its posts name
        return pieces, pieces, (f"{source}authors/*.md", *people)

    section_suffixes = _SCRIPT_DATA_SUFFIXES

    def is_section(self, site: Site, rel: str) -> bool:
        """A directory or template data file (`blog/blog.json`, `post.11tydata.js`): never a piece, but part of the
        data of the pages beside and below it, so the walk hands it over (see with_sections)."""
        folder, _, name = rel.rpartition("/")
        return ".11tydata." in name or (name.endswith(".json") and name[:-5] == folder.rpartition("/")[2])

    def with_sections(self, settings: Settings, site: Site, sections: list[str], out: Collector) -> Site:
        """The site with the stamps of its data files and layouts, whose values join each page's data: a change to
        one of them makes the scan's cached entries stale, as a changed Hugo cascade does."""
        layouts = Path(site.root) / (site.option("layouts") or "_includes")
        stamps = [_stamp(os.path.join(settings.project, shown)) for shown in sections] + _layout_stamps(layouts)
        return dataclasses.replace(site, options={**site.options, "data_stamps": tuple(stamps)}) if stamps else site

    def wants(self, site: Site, rel: str) -> bool:
        ignored = site.option("ignored")
        if ignored and compile_globs(ignored).fullmatch(rel):
            return False  # .eleventyignore: Eleventy builds no page of it
        return not rel.rsplit("/", 1)[-1].startswith("index.") or rel.count("/") > 1

    def split(self, shown: str, text: str, out: Collector) -> Document | None:
        if text.lstrip().startswith(("---js", "---javascript")):
            return _script_document(shown, text)
        return super().split(shown, text, out)

    def page_id(self, site: Site, page: Page) -> str:
        return slugify(_file_slug(self._inner(site, page.rel)) or "index")

    def draft(self, site: Site, page: Page) -> bool:
        return (
            page.value("draft") is True
            or page.value("permalink") is False
            or page.value("eleventyexcludefromcollections") is True
            or page.value("eleventyExcludeFromCollections") is True
        )

    def prepare(self, site: Site, page: Page, out: Collector) -> str:
        """The data cascade below the front matter: directory data files from the input folder down, then the
        template's own data file; then the date its file name gives, and tags as Eleventy merges them."""
        inner = self._inner(site, page.rel)
        tags: list[str] = texts(page.value("tags"))
        for values in _cascade(Path(site.root) / (site.option("input") or ""), inner):
            tags = [*texts(values.get("tags")), *tags]
            for key, value in values.items():
                page.add(key, value)
        self._layout_data(site, page)
        if page.value("date") is None:  # Template.getMappedDate: the first YYYY-MM-DD of the input path, a folder's too
            found = _DATE_IN_PATH.search(page.rel)
            if found:
                page.add("date", found.group(1))
        kept = [tag for tag in dict.fromkeys(tags) if tag not in ("post", "posts", "all")]  # the collection's own name
        page.add("tags", kept, replace=True)
        return ""

    def language(self, site: Site, page: Page) -> str:
        """With the I18n plugin, the first language code among the page's folders (its page.lang), else the plugin's
        defaultLanguage."""
        if not site.option("i18n"):
            return super().language(site, page)
        code = _language_code(self._inner(site, page.rel))
        return code or str(site.option("i18n"))

    def translation(self, site: Site, page: Page) -> str:
        """With the I18n plugin, the page's path with its language code left out: the plugin's own grouping."""
        inner = self._inner(site, page.rel).rsplit(".", 1)[0]
        code = _language_code(inner) if site.option("i18n") else ""
        if not code:
            return super().translation(site, page)
        parts = inner.split("/")
        parts[parts.index(code)] = "*"
        return "/".join(parts)

    def section(self, site: Site, page: Page) -> str:
        """The first folder of the page's path that is not its language's (en/blog/ is Blog)."""
        code = _language_code(self._inner(site, page.rel)) if site.option("i18n") else ""
        folders = [f for f in self._inner(site, page.rel).split("/")[:-1] if f != code] if code else []
        return folders[0].strip("_").replace("-", " ").capitalize() if folders else super().section(site, page)

    def address(self, site: Site, page: Page, settings: Settings, slug: str) -> str:
        written = page.value("permalink")
        inner = self._inner(site, page.rel)
        if isinstance(written, str) and written.strip():
            path = written.strip()
            if links.has_template_syntax(path):
                formats = site.option("date_filters") or {}
                path = _render_permalink(path, self._variables(site, page, inner, settings), formats)
            path = "/" + path.lstrip("/")
            path = path[: -len("index.html")] if path.endswith("/index.html") else path
        else:
            stem = _output_stem(inner)
            path = "/" + stem + "/" if stem else "/"
        return links.absolute(site.base_url, links.quote_path(path))

    def expand(self, site: Site, page: Page, body: str, resolver: Resolver) -> Expanded:
        return expand_liquid(body, _Cascade(resolver, page), kramdown=False)

    def expand_links(self, site: Site, page: Page, body: str, resolver: Resolver) -> str:
        """A body that opens with `# {{ title }}` (a layout that shows no title): the page shows its title once, and
        so does the issue. Its line stays, empty, so that lines below keep their numbers. With markdown-it-container,
        its fences (`::: lead` … `:::`) give way to the text they hold."""
        if site.option("containers"):
            body = without_fences(body, titled=False)
        heading = _TITLE_HEADING.match(body)
        if heading is None or not first_text(page.value("title")):
            return body
        return body[: heading.start(1)] + body[heading.end(1) :]

    def _layout_data(self, site: Site, page: Page) -> None:
        """The front matter of the page's layout and the layouts it names in turn, below the page's own data and its
        directory data in the cascade (servo.org's `_includes/post.html` holds the posts' permalink)."""
        folder = Path(site.root) / (site.option("layouts") or "_includes")
        aliases = site.option("layout_aliases") or {}
        seen: set[str] = set()
        name = page.value("layout")
        while isinstance(name, str) and name and name not in seen and len(seen) < 10:
            seen.add(name)
            values = _layout_front_matter(folder, aliases.get(name, name))
            for key, value in values.items():
                if key not in ("layout", "tags"):
                    page.add(key, value)
            name = values.get("layout")

    def _inner(self, site: Site, rel: str) -> str:
        source = site.option("input", "")
        return rel[len(source) + 1 :] if source and rel.startswith(source + "/") else rel

    def _variables(self, site: Site, page: Page, inner: str, settings: Settings) -> dict[str, Any]:
        moment = read_date(page.value("date"), "UTC")  # Eleventy's page.date: a bare date is midnight UTC
        values = {key: item.value for key, item in page.values.items()}
        values["page"] = {
            "fileSlug": _file_slug(inner),
            "filePathStem": "/" + "/".join([*inner.split("/")[:-1], _undated(inner.rsplit("/", 1)[-1].rsplit(".", 1)[0])]),
            "inputPath": "./" + page.rel,
            "date": moment,
        }
        return values


class _Cascade(Delegating):
    """Eleventy's data cascade for a body's `{{ title }}`: a bare name is the page's own value (front matter, then
    its directory data) as Nunjucks and Liquid render it; a list, a table or a name the page lacks gives way."""

    def __init__(self, resolver: Resolver, page: Page) -> None:
        super().__init__(resolver)
        self.page = page

    def variable(self, name: str) -> str | None:
        if "." in name or name in ("page", "site") or not re.fullmatch(r"[A-Za-z_$][\w$]*", name):
            return self.resolver.variable(name)
        value = self.page.value(name)
        if value is None or isinstance(value, (dict, list, tuple, dt.date, bool)):
            return None
        return first_text(value)


_LAYOUT_ALIAS = re.compile(r"""\baddLayoutAlias\(\s*["']([^"']+)["']\s*,\s*["']([^"']+)["']""")
_LAYOUT_SUFFIXES = (".njk", ".liquid", ".html", ".md", ".11ty.js", ".hbs", ".mustache", ".ejs", ".webc")


def _layout_front_matter(folder: Path, name: str) -> dict[str, Any]:
    """The front matter values of the layout ``name`` in ``folder`` (`post`, `post.html`, `layouts/post.njk`), as
    Eleventy finds it: the name as written, else with a template extension; {} when there is none."""
    candidates = [folder / name] if "." in name.rsplit("/", 1)[-1] else []
    candidates += [folder / f"{name}{suffix}" for suffix in _LAYOUT_SUFFIXES]
    path = next((c for c in candidates if c.is_file()), None)
    if path is None or not path.resolve().is_relative_to(folder.resolve().parent):
        return {}
    try:
        stat = path.stat()
        return dict(_front_matter_of(str(path), stat.st_mtime_ns, stat.st_size))
    except OSError:
        return {}


def _stamp(path: str) -> tuple[str, int, int]:
    try:
        status = os.stat(path)
    except OSError:
        return (path, 0, 0)
    return (path, status.st_mtime_ns, status.st_size)


def _layout_stamps(folder: Path) -> list[tuple[str, int, int]]:
    """The stamps of the layout files under ``folder`` (their front matter joins the pages' data), in name order."""
    found: list[tuple[str, int, int]] = []
    pending = [str(folder)]
    while pending and len(found) < _MOST_LAYOUTS:
        try:
            with os.scandir(pending.pop()) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            elif entry.name.endswith(_LAYOUT_SUFFIXES):
                found.append(_stamp(entry.path))
    return found


@functools.lru_cache(maxsize=64)
def _front_matter_of(path: str, mtime: int, size: int) -> tuple[tuple[str, Any], ...]:
    """A layout file's front matter values, read once while the file stays as it is."""
    text = site_text(Path(path))
    if not text.startswith("---"):
        return ()
    document = split(path, text, Collector())
    return tuple((key, item.value) for key, item in document.fields.items()) if document else ()


def _ignored(root: Path) -> list[str]:
    """The globs of .eleventyignore (servo.org's `blog/README.md`), relative to the site's folder; a folder's stands
    for everything in it. Negations (`!x`) and what cannot be read as a glob are left out."""
    path = root / ".eleventyignore"
    try:
        lines = site_text(path).splitlines() if path.is_file() else []
    except OSError:
        return []
    found = []
    for line in lines:
        glob = _clean(line.split("#", 1)[0].strip()) if not line.lstrip().startswith(("#", "!")) else ""
        if not glob or glob.startswith(".."):
            continue
        if line.strip().endswith("/") or (root / glob).is_dir():
            glob += "/**"
        try:
            compile_globs([glob])
        except GlobError:
            continue
        found.append(glob)
    return sorted(found)


def _clean(path: str) -> str:
    path = path.replace("\\", "/").strip()
    while path.startswith("./"):
        path = path[2:]
    return "" if path in (".", "") else path.strip("/")


def _configuration_text(root: Path) -> str:
    """The configuration file and the site's own modules it requires (a plugin in config/): where its settings and
    collections are written."""
    first = _configuration_file(root)
    if first is None:
        return ""
    texts_found: list[str] = []
    todo: list[Path] = [first]
    seen: set[Path] = set()
    while todo and len(seen) < 40:
        path = todo.pop()
        if path in seen or not path.is_file() or not path.resolve().is_relative_to(root.resolve()):  # not /site2 for /site
            continue
        seen.add(path)
        try:
            text = site_text(path)
        except OSError:
            continue
        texts_found.append(text)
        for relative in _REQUIRE.findall(text):
            target = (path.parent / relative).resolve()
            todo.extend([target, target.with_suffix(".js"), target / "index.js"] if not target.suffix else [target])
    return "\n".join(texts_found)


_DIR_REFERENCE = re.compile(r"""\b(input|data|includes)["']?\s*:\s*([A-Za-z_$][\w$]*)((?:\.[A-Za-z_$][\w$]*)+)""")


_DIR_CONSTANT = re.compile(r"""\b(input|data|includes|layouts)["']?\s*:\s*([A-Za-z_$][\w$]*)\s*[,}\n]""")


def _dir_references(root: Path) -> dict[str, str]:
    """The folders a configuration takes from a module of the site's own (`input: config.dir.src`, with `const config
    = require('./pack11ty.config.js')`): the literal value at that path of the object the module exports; or from a
    constant it declares itself (`input: rootDir`, with `const rootDir = 'src';`)."""
    first = _configuration_file(root)
    text = site_text(first) if first is not None else ""
    found: dict[str, str] = {}
    for key, name, path in _DIR_REFERENCE.findall(text):
        module = re.search(
            rf"""\b{re.escape(name)}\s*=\s*require\(\s*["'](\.{{1,2}}/[^"']+)["']\s*\)"""
            rf"""|\bimport\s+{re.escape(name)}\s+from\s+["'](\.{{1,2}}/[^"']+)["']""",
            text,
        )
        target = (first.parent / (module.group(1) or module.group(2))).resolve() if first and module else None
        if target is None or not target.is_file() or not target.is_relative_to(root.resolve()):
            continue
        value: Any = exported(site_text(target))[0]
        for part in path.strip(".").split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, str):
            found[key] = value
    declared = constants(text)[0]  # `const rootDir = 'src';` ... `dir: { input: rootDir }`
    for key, name in _DIR_CONSTANT.findall(text):
        if isinstance(declared.get(name), str):
            found.setdefault(key, declared[name])
    return found


def _configuration_file(root: Path) -> Path | None:
    """The file Eleventy is configured by: one of its default names, else the one the site's package.json scripts
    pass with --config (`eleventy --config=_build/eleventy.js`)."""
    found = next((root / name for name in CONFIG_NAMES if (root / name).is_file()), None)
    package = root / "package.json"
    if found is None and package.is_file():
        named = _config_flag(site_text(package))
        found = root / named if named else None
    return found if found is not None and found.is_file() else None


def _config_flag(package: str) -> str:
    """The --config a script of package.json passes to eleventy: in the first string that runs eleventy with one."""
    for string in package.split('"'):
        command = _ELEVENTY.search(string)
        flag = _CONFIG_FLAG.search(string, command.end()) if command else None
        if flag:
            return flag.group(1)
    return ""


def _globs_of(written: str) -> list[str]:
    value = literal_at(written, 0)
    found = value if isinstance(value, list) else [value]
    return [_clean(str(glob)) for glob in found if isinstance(glob, str)]


def _global_data(folder: Path) -> dict[str, Any]:
    """The site's global data files, by name: JSON, YAML and what can be read of JavaScript."""
    found: dict[str, Any] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        value = _data_file(path)
        if isinstance(value, dict):
            found[path.name.split(".")[0]] = value
    return found


def _data_file(path: Path) -> Any:
    name = path.name
    try:
        if not path.is_file():
            return None
        if name.endswith(".json"):
            return json.loads(site_text(path))
        if name.endswith((".yaml", ".yml")):
            return load_config(path, name, Collector())
        if name.endswith((".js", ".cjs", ".mjs")):
            text = site_text(path)
            values = exported(text)[0]
            permalink = _permalink_function(text)
            return {**values, "permalink": permalink} if permalink and "permalink" not in values else values
    except (OSError, ValueError):
        return None
    return None


_NAME = r"[A-Za-z_$][\w$]*"
# `permalink: function (data) { return `…`; }`, `permalink: (data) => `…``, `permalink(data) { return `…`; }`
_PERMALINK_FUNCTION = re.compile(
    rf"""\bpermalink\s*(?::\s*function\s*\(\s*(?P<a>{_NAME})\s*\)\s*\{{\s*return\s+"""
    rf"""|:\s*\(?\s*(?P<b>{_NAME})\s*\)?\s*=>\s*(?:\{{\s*return\s+)?"""
    rf"""|\(\s*(?P<c>{_NAME})\s*\)\s*\{{\s*return\s+)`(?P<body>[^`]*)`"""
)
_SUBSTITUTION = re.compile(r"\$\{([^{}]*)\}")


def _permalink_function(text: str) -> str | None:
    """A permalink a data file computes in a function that only returns a template string of the page's data
    (chriskirknielsen.com's `fr/blog/${this.slug(data.slug || data.page.fileSlug)}/index.html`), as the permalink
    template nieuwsbrief reads (`fr/blog/{{ slug || page.fileSlug | slug }}/index.html`); None for any other code."""
    found = _PERMALINK_FUNCTION.search(text)
    if found is None:
        return None
    argument = found.group("a") or found.group("b") or found.group("c")

    def data(expression: str) -> str | None:
        names = [re.fullmatch(rf"{re.escape(argument)}\.([\w$]+(?:\.[\w$]+)*)", part.strip()) for part in expression.split("||")]
        return " || ".join(name.group(1) for name in names) if all(names) else None  # type: ignore[union-attr]

    parts: list[str] = []
    at = 0
    for substitution in _SUBSTITUTION.finditer(found.group("body")):
        expression = substitution.group(1).strip()
        filtered = re.fullmatch(r"this\.(slug|slugify)\((.*)\)", expression)
        value = data(filtered.group(2)) if filtered else data(expression)
        if value is None:
            return None
        parts += [
            found.group("body")[at : substitution.start()],
            f"{{{{ {value}{f' | {filtered.group(1)}' if filtered else ''} }}}}",
        ]
        at = substitution.end()
    return "".join([*parts, found.group("body")[at:]])


def _find(data: dict[str, Any], keys: tuple[str, ...]) -> Any:
    """A value under one of ``keys`` in the global data, the files most sites use first (metadata, site, config)."""
    ordered = sorted(data, key=lambda name: (name not in ("metadata", "site", "config", "settings", "meta"), name))
    for name in ordered:
        for key in keys:
            if data[name].get(key) not in (None, "", {}):
                return data[name][key]
    return None


def _first_url(data: dict[str, Any]) -> str:
    value = first_text(_find(data, _URL_KEYS))
    return value if value.startswith(("http://", "https://")) else ""


def _homepage(root: Path) -> str:
    """package.json's homepage, which Eleventy gives templates as `pkg.homepage` (nicolas-hoizey.com's sitemap and
    feeds prefix its pages with it): the site's address, unless it is the repository's page."""
    package = root / "package.json"
    try:
        value = json.loads(site_text(package)).get("homepage") if package.is_file() else None
    except (OSError, ValueError, AttributeError):
        return ""
    if not isinstance(value, str) or not value.startswith(("http://", "https://")):
        return ""
    host = value.split("://", 1)[1].split("/", 1)[0].lower()
    return "" if host.endswith(("github.com", "gitlab.com", "bitbucket.org", "npmjs.com", "codeberg.org")) else value


def _author(value: Any) -> str:
    name = first_text(value, ("name",))
    return "" if name == "Your Name Here" else name  # the base blog's placeholder


def _post_folders(source: Path) -> list[str]:
    """Folders of posts: named like one (blog/, posts/) or holding directory data that tags them posts, two levels
    deep at most, and holding Markdown."""
    found: list[str] = []
    for folder in sorted(p for p in source.glob("*") if p.is_dir()) + sorted(p for p in source.glob("*/*") if p.is_dir()):
        rel = folder.relative_to(source).as_posix()
        if rel.split("/")[0] in ("node_modules", "_site", "_data", "_includes"):
            continue
        data = next((v for v in (_data_file(folder / f"{folder.name}{s}") for s in _DATA_SUFFIXES) if v), None)
        tagged = isinstance(data, dict) and any(t in ("post", "posts", "blog") for t in texts(data.get("tags")))
        tagged = tagged or _tagged_in_front_matter(folder)
        within = any(rel.startswith(f + "/") for f in found)
        # a folder set up for posts that holds none yet is no glob
        if (folder.name in _POST_FOLDERS or tagged) and not within and next(folder.rglob("*.md"), None) is not None:
            found.append(rel)
    return found


def _tagged_in_front_matter(folder: Path) -> bool:
    """Whether the first Markdown files of a folder (three, by name) each tag themselves a post in their own front
    matter (servo.org's `_posts/2024-01-19-x.md` with `tags: blog`, a folder no data file tags)."""
    files = sorted(folder.glob("*.md"))[:3]
    for path in files:
        try:
            text = site_text(path)
        except OSError:
            return False
        document = split(path.name, text, Collector()) if text.startswith("---") else None
        item = document.fields.get("tags") if document else None
        if item is None or not any(t in ("post", "posts", "blog") for t in texts(item.value)):
            return False
    return bool(files)


def _cascade(source: Path, inner: str) -> list[dict[str, Any]]:
    """The data files above a template, the nearest last: each folder's own, then the template's."""
    parts = inner.split("/")
    found = []
    for depth in range(1, len(parts)):
        folder = source.joinpath(*parts[:depth])
        found += [v for v in (_data_file(folder / f"{parts[depth - 1]}{s}") for s in _DATA_SUFFIXES) if isinstance(v, dict)]
    stem = source.joinpath(*parts[:-1]) / parts[-1].rsplit(".", 1)[0]
    found += [v for v in (_data_file(Path(f"{stem}{s}")) for s in _DATA_SUFFIXES) if isinstance(v, dict)]
    return found[::-1]  # page.add keeps the first value it is given: the nearest file's


def _assumptions(root: Path, source: str, formats: dict[str, str]) -> list[str]:
    """What init takes for granted in the site's directory data: a permalink filter of its own, named for what it
    does or formatting a date in a luxon pattern; a permalink or date its JavaScript computes (eleventyComputed),
    which is not run."""
    found = []
    base = root / source
    files = sorted([*base.rglob("*.11tydata.js"), *base.rglob("*.11tydata.json")])[:50] if base.is_dir() else []
    for path in files:
        unread: list[str] = []
        if path.suffix == ".json":
            data = _data_file(path)
            values = data if isinstance(data, dict) else {}
        else:
            text = _reexported(root, path, site_text(path))
            values, unread = exported(text)
            values = {"permalink": _permalink_function(text), **values} if "permalink" not in values else values
        shown = path.relative_to(root).as_posix()
        permalink = values.get("permalink")
        for name in _FILTER.findall(permalink) if isinstance(permalink, str) else []:
            if name in formats:
                found.append(
                    f"the permalink in {shown} uses the site's filter {name}: read as the date in its luxon format {formats[name]}"
                )
            elif name not in _KNOWN_FILTERS and _guess_filter(name):
                found.append(f"the permalink in {shown} uses the site's filter {name}: read as {_guess_filter(name)}")
        computed = [key for key in _COMPUTED if key in unread and not (key == "permalink" and isinstance(permalink, str))]
        if computed:
            what = " and ".join(_COMPUTED[key][0] for key in computed)
            how = "; ".join(_COMPUTED[key][1] for key in computed)
            found.append(f"{shown} computes {what} in JavaScript, which nieuwsbrief does not run: {how}")
    return found


def _reexported(root: Path, path: Path, text: str) -> str:
    """The text of the module a data file only passes on (`import data from "../_data/x.js"; export default data;`),
    when it lies inside the site; else the file's own text."""
    passed = _REEXPORT.search(text)
    imported = re.search(rf"""\bimport\s+{passed.group(1)}\s+from\s+["'](\.{{1,2}}/[^"']+)["']""", text) if passed else None
    target = (path.parent / imported.group(1)).resolve() if imported else None
    if target is None or not target.is_file() or not target.is_relative_to(root.resolve()):
        return text
    return site_text(target)


def _script_document(shown: str, text: str) -> Document | None:
    """`---js` front matter: the literal values its `const` declarations (or its object) give; the rest unread."""
    start = text.find("\n") + 1
    end = re.search(r"(?m)^---\s*$", text[start:])
    if end is None:
        return None
    code = text[start : start + end.start()]
    values = constants(code)[0] or (exported("export default " + code.strip())[0] if code.strip().startswith("{") else {})
    body_start = start + end.end() + 1
    body_line = text[:body_start].count("\n") + 1
    fields = {key: Field.at_line(value, 2) for key, value in values.items()}
    return Document(shown, fields, text[body_start:], body_line, 1)


def _language_code(inner: str) -> str:
    """The first folder of a path that is a language code (`it`, `pt-br`), as the I18n plugin finds one."""
    folders = inner.split("/")[:-1]
    return next((folder for folder in folders if folder.split("-")[0].lower() in _ISO_639_1), "")


def _file_slug(inner: str) -> str:
    """Eleventy's page.fileSlug: the file name without its date and extension; for an index file (`index.md`, also
    `2024-09-08-index.md`) its folder's name, without its date."""
    parts = inner.rsplit(".", 1)[0].split("/")
    name = _undated(parts[-1])
    if name == "index" and len(parts) > 1:
        name = _undated(parts[-2])
    return name


def _undated(name: str) -> str:
    """A name without the YYYY-MM-DD- Eleventy strips from it (anywhere in the name, as its own pattern finds it)."""
    found = _SLUG_DATE.search(name)
    return found.group(1) if found else name


def _output_stem(inner: str) -> str:
    """Eleventy's default output path: index files and `x/x.md` stand for their folder."""
    parts = inner.rsplit(".", 1)[0].split("/")
    if parts[-1] == "index" or (len(parts) > 1 and parts[-1] == parts[-2]):
        parts = parts[:-1]
    return "/".join(parts)


# -- permalink templates ----------------------------------------------------------------------------------------

_OUTPUT = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}")
_FILTER = re.compile(r"\|\s*(\w+)")
_KNOWN_FILTERS = {
    "slugify",
    "slug",
    "url",
    "lower",
    "downcase",
    "upper",
    "upcase",
    "date",
    "append",
    "prepend",
    "replace",
    "default",
    "safe",
    "strip",
    "trim",
}


def _guess_filter(name: str) -> str:
    """What a site's own filter does, where its name says it: a date as a path (toDatePath, dateToPath)."""
    lowered = name.lower()
    if "date" in lowered and ("path" in lowered or "url" in lowered or "slug" in lowered):
        return "the date as YYYY/MM/DD"
    return ""


_ADD_FILTER = re.compile(r"""\.add(?:Nunjucks|Liquid|JavaScript)?Filter\(\s*["'](\w+)["']\s*,""")
_TO_FORMAT = re.compile(r"""\.toFormat\(\s*["']([^"']+)["']\s*\)""")
_PATH_FORMAT = re.compile(r"(?:yyyy|yy|MM|LL|dd|[/_.-])+")


def _date_filters(config: str) -> dict[str, str]:
    """The site's own filters that only write a date in one luxon pattern of its parts (eslint.org's
    `blogPermalinkDate`: `DateTime.fromJSDate(date).toFormat("yyyy/MM")`), by name: a permalink that uses one is
    worked out. The filter's text runs to the next filter, shortcode or collection the configuration adds."""
    found: dict[str, str] = {}
    starts = list(_ADD_FILTER.finditer(config))
    for match in starts:
        end = re.compile(r"\.add(?:\w*Filter|\w*Shortcode|Collection|Plugin|Transform)\(").search(config, match.end())
        body = config[match.end() : end.start() if end else len(config)][:1000]
        formats = _TO_FORMAT.findall(body)
        if len(formats) == 1 and "fromJSDate" in body and _PATH_FORMAT.fullmatch(formats[0]):
            found.setdefault(match.group(1), formats[0])
    return found


def _render_permalink(template: str, values: dict[str, Any], formats: dict[str, str]) -> str:
    if "{%" in template:
        raise links.AddressError(f"its permalink {template!r} holds a template tag, which nieuwsbrief does not run")
    return _OUTPUT.sub(lambda match: _output(match.group(1), values, template, formats), template)


def _output(expression: str, values: dict[str, Any], template: str, formats: dict[str, str]) -> str:
    head, *filters = [part.strip() for part in re.split(r"(?<!\|)\|(?!\|)", expression)]
    quoted = re.fullmatch(r"""(["'])(.*)\1""", head)
    # `a || b` (a permalink function's JavaScript): the first that is set
    found = (_lookup(values, name.strip()) for name in head.split("||"))
    value: Any = quoted.group(2) if quoted else next((v for v in found if v not in (None, "", False)), None)
    if value is None:
        raise links.AddressError(f"its permalink {template!r} uses {head}, which the page does not give")
    for written in filters:
        name, _, argument = written.partition(":")
        arguments = [a.strip().strip("\"'") for a in argument.split(",")] if argument else []
        value = _filter(name.strip(), value, arguments, template, formats)
    if isinstance(value, dt.datetime):
        raise links.AddressError(f"its permalink {template!r} writes a date without a format")
    return str(value)


def _lookup(values: dict[str, Any], path: str) -> Any:
    value: Any = values
    for part in path.split("."):
        if isinstance(value, dict):
            item = value.get(part)
            value = item.value if isinstance(item, Field) else item
        else:
            return None
    return value


def _filter(name: str, value: Any, arguments: list[str], template: str, formats: dict[str, str]) -> Any:
    if name == "slugify":
        return _slugify(str(value))
    if name == "slug":  # the older filter, of the slugify package
        return slugify(str(value))
    if name in ("lower", "downcase"):
        return str(value).lower()
    if name in ("upper", "upcase"):
        return str(value).upper()
    if name in ("url", "safe", "strip", "trim"):
        return str(value).strip()
    if name == "append":
        return f"{value}{arguments[0] if arguments else ''}"
    if name == "prepend":
        return f"{arguments[0] if arguments else ''}{value}"
    if name == "replace" and len(arguments) == 2:
        return str(value).replace(arguments[0], arguments[1])
    if name == "default":
        return value or (arguments[0] if arguments else "")
    moment = value if isinstance(value, dt.datetime) else read_date(value, "UTC")
    if name == "date" and moment is not None and arguments:
        return _format_date(moment, arguments[0])
    if moment is not None and name in formats:
        return _format_date(moment, formats[name])
    if moment is not None and _guess_filter(name):
        return moment.strftime("%Y/%m/%d")
    raise links.AddressError(f"its permalink {template!r} uses the filter {name}, which is the site's own JavaScript")


def _format_date(moment: dt.datetime, pattern: str) -> str:
    """A date in a Liquid strftime pattern (%Y/%m/%d) or a luxon one (yyyy/MM/dd)."""
    if "%" in pattern:
        return moment.strftime(pattern)
    tokens = {"yyyy": "%Y", "yy": "%y", "MM": "%m", "LL": "%m", "dd": "%d", "HH": "%H", "mm": "%M"}
    return moment.strftime(re.sub("|".join(tokens), lambda m: tokens[m.group(0)], pattern))


def _slugify(text: str) -> str:
    """Eleventy's slugify (@sindresorhus/slugify): accents dropped, lower case, words joined by hyphens; `&` is
    "and", and a contraction or possessive ('t, 's before a space or the end) loses its apostrophe: "don't" is dont."""
    text = _CONTRACTION.sub(r"\1\2\3", text.replace("&", " and ").lower())
    return slugify(text)
