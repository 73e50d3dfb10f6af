"""Hugo's conventions (https://gohugo.io/): its configuration (hugo.toml, config.toml, config/_default/), sections and
page bundles, `_index.md` section pages (never pieces, but their `cascade` applies below them), draft,
publishDate and expiryDate, `slug` and `url`, permalinks and uglyURLs, languages (a translation is read
only in the language the newsletter reads), authors from the data folder (data/, or the folders mounted as data) or
the authors taxonomy, and shortcodes.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from ...config import Settings
from ...text import slugify
from ..formats import described, load_config, split
from ..text import Collector, Document, read_text, site_text
from ..walk import Chooser, Plan
from . import permalinks as links
from .base import OWN_FIELDS, PIECE_SUFFIXES, Generator
from .dates import read_date
from .globs import compile_globs, glob_problem
from .permalinks import stated
from .shortcodes import expand_hugo
from .site import Page, Site, first_text
from .syntax import Expanded, Resolver

CONFIG_NAMES = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml", "config.yml", "config.json")
# Hugo's front matter defaults: the date an address is built from, and the moment a page is published.
DATE_KEYS = ("date", "publishdate", "pubdate", "published", "lastmod", "modified")
PUBLISH_KEYS = ("publishdate", "pubdate", "published", "date", "lastmod", "modified")
_DATE_TOKENS = {"year", "month", "day"}
_CONTENT_ADAPTER = "_content.gotmpl"  # a section's pages made by a template from data (Hugo 0.126)
FILENAME_DATE = ":filename"  # the key a date from the file name is held under ([frontmatter]'s handler of that name)
_FILENAME_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Hugo's [frontmatter] defaults, by the date each sets (lastmod is not read).
_HANDLERS = {
    "date": DATE_KEYS,
    "publishdate": ("publishdate", "pubdate", "published", "date"),
    "expirydate": ("expirydate", "unpublishdate"),
}
_LONG_YAML_FENCE = re.compile(r"\A(\s*)-{4,}[ \t]*(?=\r?\n)")
_LANGUAGE_SUFFIX = re.compile(r"^(?P<stem>.+?)\.(?P<lang>[a-z]{2,3}(?:-[a-z0-9]+)?)$", re.IGNORECASE)


# The content formats Hugo reads (a leaf bundle's index may be any of them, though nieuwsbrief reads only Markdown).
_CONTENT_SUFFIXES = (*PIECE_SUFFIXES, ".html", ".htm", ".adoc", ".asciidoc", ".org", ".pandoc", ".pdc", ".rst", ".mmark")


def _is_leaf_index(name: str) -> bool:
    """Whether the file makes its folder a leaf bundle, whose other files and folders are resources, never pages."""
    return _is_bundle_name(name) and name.lower().endswith(_CONTENT_SUFFIXES)


class Hugo(Generator):
    name = "hugo"
    detection = 1
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        **OWN_FIELDS,
        "date": PUBLISH_KEYS,
        "category": ("categories", "category"),
        "author": ("authors", "author", "params.authors", "params.author"),
        "summary": ("summary", "description", "params.description"),
        "image": (
            "images",
            "image",
            "cover",
            "featured_image",
            "featuredimage",
            "featureimage",
            "thumbnail",
            "feature",
            "params.images",
            "params.image",
        ),
        "image_alt": ("image_alt", "imagealt", "alt"),
        "expires": ("expirydate", "unpublishdate"),
    }

    def detect(self, root: Path) -> bool:
        return any((root / name).is_file() for name in CONFIG_NAMES) or (root / "config" / "_default").is_dir()

    def own_keys(self, fields: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        return {name: tuple(key.lower() for key in keys) for name, keys in fields.items()}  # Hugo's keys have no case

    def plan(self, site: Site) -> Plan:
        """The walk's plan, with each content adapter (`_content.gotmpl`) in the folders read taken as a section."""
        planned = []
        for folder, chooser in super().plan(site):
            choose = chooser.choose

            def adapter_too(shown: str, choose: Callable[[str], str | None] = choose) -> str | None:
                if shown.endswith("/" + _CONTENT_ADAPTER) and _mounted(site, shown[len(site.shown) :]) is not None:
                    return "section"
                return choose(shown)

            planned.append((folder, Chooser(adapter_too, chooser.enter, leaf=chooser.leaf)))
        return planned

    def with_sections(self, settings: Settings, site: Site, sections: list[str], out: Collector) -> Site:
        """The site with the `cascade` of each section page, by the folder it covers; a content adapter said."""
        cascades: dict[str, Any] = {}
        for shown in sections:
            if shown.endswith("/" + _CONTENT_ADAPTER):  # its pages are made in the build, from its data
                message = "a content adapter: the pages it adds are made by Hugo's build, which nieuwsbrief does not run"
                out.add(
                    shown, 1, 1, message, "nieuwsbrief reads the Markdown pages beside it; point [content] at those", "warning"
                )
                continue
            read = read_text(settings.max_file_bytes, shown, os.path.join(settings.project, shown), out)
            document = split(shown, read[1], out) if read is not None else None
            values = {key.lower(): item.value for key, item in document.fields.items()} if document else {}
            pairs = [pair for pair in cascade_of(values) if document is None or _target_readable(pair[0], shown, document, out)]
            if pairs:
                cascades[shown[len(site.shown) :].rsplit("/", 1)[0]] = pairs
        return dataclasses.replace(site, options={**site.options, "cascade": cascades}) if cascades else site

    def site_for(self, settings: Settings, site: Site, shown: str, out: Collector) -> Site:
        """The site with the cascade of the section pages (_index.md) in the folders above the file."""
        found = []
        folders = shown[len(site.shown) :].split("/")[:-1]
        for depth in range(1, len(folders) + 1):
            candidate = site.shown + "/".join(folders[:depth]) + "/_index.md"
            if os.path.isfile(os.path.join(settings.project, candidate)):
                found.append(candidate)
        return self.with_sections(settings, site, found, out)

    def read_site(self, root: Path, shown: str, language: str, out: Collector) -> dict[str, Any]:
        config = _configuration(root, shown, out)
        languages = {
            str(code).lower(): value
            for code, value in (config.get("languages") or {}).items()
            if isinstance(value, dict) and not value.get("disabled")
        }
        default = str(config.get("defaultcontentlanguage", "en")).lower()
        language = _language(language, languages, default)
        own = languages.get(language, {})
        base = str(own.get("baseurl") or config.get("baseurl") or "")
        params = own.get("params") or config.get("params") or {}
        params = params if isinstance(params, dict) else {}
        return {
            "base_url": stated(base),
            "title": str(own.get("title") or config.get("title") or ""),
            "language": language,
            "language_code": str(own.get("languagecode") or own.get("locale") or config.get("languagecode") or language),
            "timezone": str(config.get("timezone") or ""),
            "mounts": _mounts(config, languages),
            "data": _data_folders(config),
            "main_sections": [str(s) for s in params.get("mainsections") or config.get("mainsections") or [] if s],
            "languages": sorted(languages),
            "default_language": default,
            "in_subdir": bool(config.get("defaultcontentlanguageinsubdir")),
            "permalinks": _permalinks(own.get("permalinks") or config.get("permalinks") or {}),
            **_front_matter_handlers(config.get("frontmatter")),
            "ugly": config.get("uglyurls", False),
            "lower": not own.get("disablepathtolower", config.get("disablepathtolower", False)),  # a language's own
            "author": _author(params.get("author")) or _author(config.get("author")),
            "silent": _silent_shortcodes(root, config),
            "ignore": [str(pattern) for pattern in _listed(config.get("ignorefiles"))],
            "site": _flat(params, "params."),  # what {{< param x.y >}} falls back to
        }

    def globs(self, root: Path, options: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        return self._globs(root, options, "*.md")

    def init_globs(self, root: Path, options: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """With `.markdown` too where the posts' folders hold such pages (a walk of them: at init, not at each scan)."""
        folders = self._post_folders(root, options)
        return self._globs(root, options, "*.{md,markdown}" if _holds_markdown_suffix(root, folders) else "*.md")

    def _globs(
        self, root: Path, options: dict[str, Any], suffix: str
    ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        sources = _content_sources(options)
        pieces = tuple(f"{folder}/**/{suffix}" for folder in self._post_folders(root, options))
        content = sources[0] if sources else "content"
        data = [f"{folder}/authors{tail}" for folder in options.get("data") or ["data"] for tail in _AUTHOR_DATA]
        return pieces, pieces, (*data, f"{content}/authors/*/_index.md")

    def _post_folders(self, root: Path, options: dict[str, Any]) -> list[str]:
        sources = _content_sources(options)
        wanted = options.get("main_sections") or ["posts", "post", "blog", "news", "nieuws", "articles", "artikelen"]
        folders = [f"{source}/{name}" for source in sources for name in wanted if (root / source / name).is_dir()]
        return folders or list(sources)

    def is_section(self, site: Site, rel: str) -> bool:
        if not rel.rsplit("/", 1)[-1].startswith("_index."):  # the cheap test first: the walk asks for every file
            return False
        inner = _mounted(site, rel)
        return inner is not None and not inner[0].startswith("authors/")

    def leaf_marker(self, site: Site) -> Callable[[str], bool]:
        """A leaf bundle's index inside a content mount (an index.md beside the site's configuration is no page)."""
        return lambda rel: _is_leaf_index(rel.rpartition("/")[2]) and _mounted(site, rel) is not None

    def reads_its_folder(self, name: str) -> bool:
        return _is_bundle_name(name)  # prepare() looks for the bundle's cover image beside it

    def wants(self, site: Site, rel: str) -> bool:
        """Whether the file is a page of the language read: its mount's languages (or its file name's), and no
        earlier mount of that language has a file at the same content path (Hugo's first mount wins)."""
        found = _mounted(site, rel)
        if found is None or _ignored(site.option("ignore") or [], os.path.abspath(os.path.join(site.root, rel))):
            return False
        if len(site.option("languages", [])) < 2:
            return True
        inner, index = found
        mounts = site.option("mounts") or [["content", "", []]]
        if site.language not in _mount_languages(site, mounts[index][0], inner):  # only its file name counts
            return False
        for source, target, _ in mounts[:index]:
            path = inner[len(target) :].lstrip("/") if target and inner.startswith(target + "/") else None if target else inner
            if (
                path is not None
                and site.language in _mount_languages(site, source, path)
                and os.path.isfile(os.path.join(site.root, source, path))
            ):
                return False
        return True

    def section(self, site: Site, page: Page) -> str:
        found = _mounted(site, page.rel)
        inner = found[0] if found else page.rel
        return inner.split("/")[0].replace("-", " ").capitalize() if "/" in inner else ""

    def content_roots(self, site: Site) -> list[str]:
        """The mounts of the language read, first first: where an absolute ref "/blog/x" is looked up."""
        mounts = site.option("mounts") or [["content", "", []]]
        return [source for source, target, codes in mounts if not target and (not codes or site.language in codes)] or ["content"]

    def translation(self, site: Site, page: Page) -> str:
        """Hugo's translation key: translationKey, else the content path without its language and extension."""
        written = first_text(page.value("translationkey"))
        if written:
            return written
        found = _mounted(site, page.rel)
        inner = found[0] if found else page.rel
        folder, _, name = inner.rpartition("/")
        stem = _base_name(name, site.option("languages"))
        return f"{folder}/{stem}".strip("/") if not _is_bundle_name(name) else folder

    def prepare(self, site: Site, page: Page, out: Collector) -> str:
        page.values = {key.lower(): item for key, item in page.values.items()}
        for key, value in _cascade_for(site, page.rel).items():
            page.add(key, value)
        build = lower_keys(page.value("build") or page.value("_build") or {})
        if page.value("headless") is True or build.get("render") in (False, "never", "false"):
            return "Hugo does not publish it as a page (headless or build.render)"
        if site.option("filename_dates"):
            self._filename_date(site, page)
        if _is_bundle_name(page.rel.rsplit("/", 1)[-1]) and page.first(site.fields.get("image", ())) is None:
            cover = _cover_resource(os.path.join(site.root, page.rel.rpartition("/")[0]))
            if cover:
                page.add("images", [cover])  # a bundle's cover.png (or featured*, thumbnail*): the themes' image
        return ""

    def page_of(self, settings: Settings, site: Site, rel: str, shown: str, text: str, out: Collector) -> Page | None:
        """The file as Hugo lexes it: a first line of more than three dashes opens YAML front matter too (Hugo takes
        three as the fence, and YAML the rest as its document marker)."""
        return super().page_of(settings, site, rel, shown, _LONG_YAML_FENCE.sub(r"\1---", text, count=1), out)

    def page_id(self, site: Site, page: Page) -> str:
        return slugify(_base_name(page.rel, site.option("languages")))

    def _filename_date(self, site: Site, page: Page) -> None:
        """`[frontmatter]`'s :filename: the date that starts the page's base name (its bundle's folder's) and, when
        the front matter has no slug, the rest of it as the slug."""
        name = _base_name(page.rel, site.option("languages"))
        date, rest = name[:10], name[10:].strip(" -_")
        if _FILENAME_DATE.fullmatch(date) and read_date(date, "") is not None:  # else Hugo tries the next handler
            page.add(FILENAME_DATE, date)
            # Hugo sets the slug in the handler, which runs only when no key before it in its chain holds a value
            reached = any(all(page.value(key) in (None, "") for key in before) for before in site.option("filename_dates"))
            if rest and reached:
                page.add("slug", rest)

    def address(self, site: Site, page: Page, settings: Settings, slug: str) -> str:
        path = self.site_path(site, page)
        return links.absolute(site.base_url, path)

    def site_path(self, site: Site, page: Page) -> str:
        found = _mounted(site, page.rel)
        rel = found[0] if found else page.rel
        parts = rel.split("/")
        section = parts[0] if len(parts) > 1 else ""
        prefix = self._language_prefix(site)
        url = first_text(page.value("url"))

        def token(name: str) -> str | None:
            if name in _DATE_TOKENS:  # :year, :month, :day: the date read once for them all
                if not moments:
                    moments.append(self.moment(site, page))
                return links.hugo_date_token(name, moments[0]) if moments[0] is not None else None
            return self._token(site, page, parts, section, name)

        moments: list[Any] = []

        if url:
            if ":" in url:
                url = links.hugo_expand(url, token)
            path = links.hugo_front_matter_url(url)
            return path if url.startswith("/") or not prefix else f"/{prefix}{path}"
        pattern = _pattern_for(site.option("permalinks", {}), section)
        if pattern:
            expanded = links.hugo_expand(pattern, token)
        else:
            folders = parts[:-2] if _is_bundle_name(parts[-1]) else parts[:-1]
            slug = first_text(page.value("slug"))
            expanded = "/".join([*folders, slug or _base_name(page.rel, site.option("languages"))])
        path = links.hugo_page_path(expanded, _ugly(site.option("ugly"), section))
        path = links.hugo_urlize(path, site.option("lower", True))  # Hugo sanitizes the whole path once more
        return f"/{prefix}{path}" if prefix else path

    def moment(self, site: Site, page: Page) -> Any:
        """The date an address is built from: Hugo's .Date, as written (its own zone, not the site's)."""
        key = page.first(site.option("date_keys", DATE_KEYS))
        return read_date(page.value(key), "") if key else None

    def _language_prefix(self, site: Site) -> str:
        """The language's folder in a page's address: any but the default's in a multilingual site, and every one
        (a site of one language too) with defaultContentLanguageInSubdir."""
        if site.option("in_subdir"):
            return site.language
        if len(site.option("languages", [])) < 2:
            return ""
        return site.language if site.language != site.option("default_language") else ""

    def _token(self, site: Site, page: Page, parts: list[str], section: str, token: str) -> str | None:
        if token in ("section", "sectionslug"):
            return section
        if token.startswith(("sections", "sectionslugs")):
            return "/".join(parts[:-2] if _is_bundle_name(parts[-1]) else parts[:-1])
        lower = site.option("lower", True)
        if token in ("title", "slug"):
            written = first_text(page.value("slug")) if token == "slug" else ""
            return links.hugo_urlize(written or first_text(page.value("title")), lower)
        if token in ("filename", "contentbasename", "slugorfilename", "slugorcontentbasename"):
            written = first_text(page.value("slug")) if token.startswith("slugor") else ""
            return links.hugo_urlize(written or _base_name(page.rel, site.option("languages")), lower)
        moment = self.moment(site, page)
        return links.hugo_date_token(token, moment) if moment is not None else None

    def expand(self, site: Site, page: Page, body: str, resolver: Resolver) -> Expanded:
        return expand_hugo(body, resolver, frozenset(site.option("silent", ["comment"])))

    def default_author(self, site: Site) -> str:
        return str(site.option("author") or "")


def _configuration(root: Path, shown: str, out: Collector) -> dict[str, Any]:
    """The site's configuration: the first root config file, then config/_default/ (a file per top-level key, in
    its folders too: Hugo walks it, and module/module.yaml is `module`)."""
    config: dict[str, Any] = {}
    for name in CONFIG_NAMES:
        if (root / name).exists():  # a FIFO or device in its place is reported, never read
            config = lower_keys(load_config(root / name, f"{shown}{name}", out, _shape) or {})
            break
    folder = root / "config" / "_default"
    for path in _config_files(folder) if folder.is_dir() else []:
        rel = path.relative_to(folder).as_posix()
        values = lower_keys(load_config(path, f"{shown}config/_default/{rel}", out, _shape) or {})
        _merge_file(config, path.stem.lower(), values)
    return config


def _config_files(folder: Path) -> list[Path]:
    """The configuration files under a config folder in the order Hugo's walk reads them (by name, a folder's
    files where its name falls); never through a link to a folder."""
    found: list[Path] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return found
    for path in entries:
        if path.is_dir() and not path.is_symlink():
            found += _config_files(path)
        elif path.suffix in (".toml", ".yaml", ".yml", ".json"):
            found.append(path)
    return found


def _shape(key: str, value: Any) -> str:
    """What is wrong with a setting of the configuration that nieuwsbrief reads ("" when nothing)."""
    if key.lower() in ("languages", "params", "permalinks") and not isinstance(value, dict):
        return f"'{key}' must be a table, got {described(value)}"
    return ""


def _merge_file(config: dict[str, Any], stem: str, values: dict[str, Any]) -> None:
    key, _, language = stem.partition(".")
    if key in ("hugo", "config"):
        config.update(values)
    elif key == "languages" and language:
        config.setdefault("languages", {}).setdefault(language, {}).update(values)
    elif language:
        config.setdefault("languages", {}).setdefault(language, {}).setdefault(key, {}).update(values)
    else:
        config.setdefault(key, {}).update(values) if isinstance(config.get(key, {}), dict) else None


def _mounts(config: dict[str, Any], languages: dict[str, Any]) -> list[list[Any]]:
    """The content folders, in Hugo's order: [source under the root, target under content/, languages ([]: by file
    name, else the default)]. Module mounts with `lang` or `sites.matrix.languages`; else each language's contentDir
    and the site's own. A mount from outside the site's folder is never read."""
    declared = (config.get("module") or {}).get("mounts") if isinstance(config.get("module"), dict) else None
    found = []
    for mount in declared or []:
        target = str(mount.get("target", "")).strip("/") if isinstance(mount, dict) else ""
        if target != "content" and not target.startswith("content/"):
            continue
        source = os.path.normpath(str(mount.get("source", "")).strip("/")).replace(os.sep, "/")
        if source.startswith("..") or os.path.isabs(source) or not source or source == ".":
            continue
        matrix = ((mount.get("sites") or {}).get("matrix") or {}) if isinstance(mount.get("sites"), dict) else {}
        named = mount.get("lang") or matrix.get("languages") or []
        codes = [str(code).lower() for code in ([named] if isinstance(named, str) else named)]
        found.append([source, target.removeprefix("content").strip("/"), codes])
    if found:
        return found
    own = [[_content_dir(value["contentdir"]), "", [code]] for code, value in languages.items() if value.get("contentdir")]
    shared = [code for code, value in languages.items() if not value.get("contentdir")]
    top = [[_content_dir(config.get("contentdir") or "content"), "", []]] if shared or not own else []
    return [*own, *top]


_AUTHOR_DATA = (".{toml,yaml,yml,json}", "/*.{toml,yaml,yml,json}")


def _data_folders(config: dict[str, Any]) -> list[str]:
    """The folders Hugo reads data files from: the module mounts with target `data` (a declared mount replaces the
    default one of its target), else `dataDir` or data/. A mount from outside the site's folder is never read."""
    declared = (config.get("module") or {}).get("mounts") if isinstance(config.get("module"), dict) else None
    found = []
    for mount in declared or []:
        if not isinstance(mount, dict) or str(mount.get("target", "")).strip("/") != "data":
            continue
        source = os.path.normpath(str(mount.get("source", "")).strip("/")).replace(os.sep, "/")
        if not (source.startswith("..") or os.path.isabs(source) or source in ("", ".")):
            found.append(source)
    return found or [str(config.get("datadir") or "data").strip("/")]


def _flat(values: dict[str, Any], prefix: str, limit: int = 500) -> dict[str, str]:
    """The site's text values by their dotted name (params.versions.core); a mapping's values, never a list's."""
    found: dict[str, str] = {}
    for key, value in values.items():
        if isinstance(value, dict):
            found.update(_flat(value, f"{prefix}{key}.", limit - len(found)))
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            found[f"{prefix}{key}"] = str(value)
        if len(found) >= limit:
            break
    return found


def _mounted(site: Site, rel: str) -> tuple[str, int] | None:
    """Where a file stands in Hugo's content tree: its path under content/, and its mount's index."""
    for index, (source, target, _) in enumerate(site.option("mounts") or [["content", "", []]]):
        if rel.startswith(source) and rel[len(source) : len(source) + 1] == "/":
            inner = rel[len(source) + 1 :]
            return (f"{target}/{inner}" if target else inner), index
    return None


def _content_sources(options: dict[str, Any]) -> list[str]:
    """The site folders mounted as content, each once, first first."""
    return list(dict.fromkeys(source for source, _, _ in options.get("mounts") or [["content", "", []]]))


def _holds_markdown_suffix(root: Path, folders: list[str], most: int = 50_000) -> bool:
    """Whether a page in the folders is written as `.markdown`, which Hugo reads as Markdown too (tidyverse.org's
    blogdown posts); a look at the first ``most`` files, in a sorted walk."""
    seen = 0
    for folder in folders:
        for _, dirs, names in os.walk(root / folder):
            dirs.sort()
            if any(name.endswith(".markdown") for name in names):
                return True
            seen += len(names)
            if seen > most:
                return False
    return False


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value] if value else []


@functools.cache
def _ignore_pattern(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except re.error:  # Go's syntax beyond Python's: the pattern is left out rather than guessed
        return None


def _ignored(patterns: list[str], path: str) -> bool:
    """Whether `ignoreFiles` leaves the file out of Hugo's build: a pattern found in its path."""
    path = path.replace(os.sep, "/")
    return any(found.search(path) for found in map(_ignore_pattern, patterns) if found is not None)


def _mount_languages(site: Site, source: str, inner: str) -> list[str]:
    """The languages a file is a page in: the one its name carries (index.en.md, even in another language's
    contentDir), else its mount's, else the default."""
    named = _file_language(inner.rsplit("/", 1)[-1], site.option("languages", []))
    declared: list[str] = next((codes for s, _, codes in site.option("mounts") or [] if s == source), [])
    return [named] if named else list(declared) or [site.option("default_language", "en")]


_TEMPLATE_COMMENT = re.compile(r"\{\{-?\s*/\*.*?\*/\s*-?\}\}", re.DOTALL)


def _silent_shortcodes(root: Path, config: dict[str, Any]) -> list[str]:
    """The shortcodes the site's templates (its own, its themes') render as nothing: a template that holds only
    comments, like Docsy's `comment`. `comment` is taken as one when no template of it is found."""
    themes = config.get("theme") or []
    folders = [
        root / "layouts",
        *(root / "themes" / str(name) / "layouts" for name in ([themes] if isinstance(themes, str) else themes)),
    ]
    found = {"comment"}
    for folder in folders:
        for path in [*folder.glob("shortcodes/*.html"), *folder.glob("_shortcodes/*.html")][:500]:
            try:
                text = site_text(path)
            except OSError:
                continue
            if not _TEMPLATE_COMMENT.sub("", text).strip():
                found.add(path.stem.lower())
            else:
                found.discard(path.stem.lower())  # a template that shows something: not silent
    return sorted(found)


def _language(wanted: str, languages: dict[str, Any], default: str) -> str:
    if not languages:
        return default
    wanted = wanted.lower()
    for code in languages:
        if code == wanted or code.split("-")[0] == wanted.split("-")[0]:
            return code
    return default if default in languages else sorted(languages)[0]


def _content_dir(value: Any) -> str:
    return str(value).strip().strip("/") if value else ""


def _permalinks(value: Any) -> dict[str, str]:
    """Section -> pattern, for pages: the map form ([permalinks] posts = ...) or its page table ([permalinks.page])."""
    if not isinstance(value, dict):
        return {}  # the array form, with page matchers, is not followed: such pages get Hugo's default path
    table = value["page"] if isinstance(value.get("page"), dict) else value  # page = "/:slug/" is the section "page"
    return {str(section).lower(): str(pattern) for section, pattern in table.items() if isinstance(pattern, str)}


def _pattern_for(permalinks: dict[str, str], section: str) -> str:
    return permalinks.get(section.lower(), "")


def _ugly(value: Any, section: str) -> bool:
    if isinstance(value, dict):
        return bool(value.get(section.lower(), False))
    return bool(value)


def _author(value: Any) -> str:
    return first_text(value, ("name",))


def _is_bundle_name(name: str) -> bool:
    return name.split(".")[0] == "index"


_COVER = re.compile(r"(?:cover|featured?|thumbnail|hero)[^/]*\.(?:png|jpe?g|gif)", re.IGNORECASE)


def _cover_resource(folder: str) -> str:
    """The image a page bundle keeps beside its index.md under a cover-like name, the first by name; or ""."""
    try:
        with os.scandir(folder) as listing:
            names = sorted(entry.name for entry in listing if _COVER.fullmatch(entry.name) and entry.is_file())
    except OSError:
        return ""
    return names[0] if names else ""


def _file_language(name: str, languages: list[str]) -> str:
    """The language a file name carries (index.en.md), if it is one of the site's."""
    stem = name.rsplit(".", 1)[0]
    match = _LANGUAGE_SUFFIX.match(stem)
    return match.group("lang").lower() if match and match.group("lang").lower() in languages else ""


def _front_matter_handlers(value: Any) -> dict[str, Any]:
    """The site's `[frontmatter]` as options: the keys .Date is read from (`date_keys`), the fields of the
    publication moment (.PublishDate, else .Date) and expiry, and whether a date comes from the file name."""
    if not isinstance(value, dict) or not value:
        return {}
    handlers = {}
    for name, default in _HANDLERS.items():
        written = value.get(name)
        written = [written] if isinstance(written, str) else written
        items = [str(item).lower() for item in written] if isinstance(written, list) else list(default)
        expanded = [key for item in items for key in (default if item == ":default" else (item,))]
        # :git and :filemodtime need the repository and the file's time, which the page does not hold: not read
        handlers[name] = tuple(key for key in dict.fromkeys(expanded) if key == FILENAME_DATE or not key.startswith(":"))
    published = tuple(dict.fromkeys((*handlers["publishdate"], *handlers["date"])))
    return {
        "date_keys": handlers["date"],
        "fields": {"date": published, "expires": handlers["expirydate"]},
        # each chain that holds :filename, by the keys before it: the file name gives the slug only where it is read
        "filename_dates": [list(keys[: keys.index(FILENAME_DATE)]) for keys in handlers.values() if FILENAME_DATE in keys],
    }


def _base_name(rel: str, languages: list[str] | None = None) -> str:
    """The page's base name without its language: the bundle's folder for index.md, else the file's name."""
    parts = rel.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    match = _LANGUAGE_SUFFIX.match(stem) if languages else None  # a site of one language: no name carries one
    if match and match.group("lang").lower() in (languages or []):
        stem = match.group("stem")
    if stem == "index" and len(parts) > 1:
        return parts[-2]
    return stem


def _cascade_for(site: Site, rel: str) -> dict[str, Any]:
    """The cascaded values that reach a page, the nearest section's first (Hugo's `cascade` in an _index.md)."""
    values: dict[str, Any] = {}
    cascades: dict[str, Any] = site.option("cascade", {})
    if not cascades:
        return values
    folders = rel.split("/")[:-1]
    for depth in range(len(folders), -1, -1):
        cascade = cascades.get("/".join(folders[:depth]))
        for target, entry in cascade or ():
            if target and not compile_globs([target.lstrip("/")]).fullmatch(_content_path(site, rel)):
                continue
            for key, value in entry.items():
                values.setdefault(key, value)
    return values


def _target_readable(target: str, shown: str, document: Document, out: Collector) -> bool:
    """Whether a cascade's _target path is a glob nieuwsbrief can read; if not, an error at the cascade."""
    problem = glob_problem(target)
    if problem:
        key = next((key for key in document.fields if key.lower() == "cascade"), "cascade")
        message = f"the cascade's _target path {target!r} is not a glob nieuwsbrief can read: {problem}"
        out.add(shown, *document.position(key), message, "write it as Hugo's glob, e.g. /posts/**")
    return not problem


def _content_path(site: Site, rel: str) -> str:
    found = _mounted(site, rel)
    return (found[0] if found else rel).rsplit(".", 1)[0]


def cascade_of(values: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """A section page's `cascade` as (target path glob or "", values) pairs, keys lower-cased as Hugo reads them."""
    cascade = lower_keys(values.get("cascade"))
    entries = cascade if isinstance(cascade, list) else [cascade] if isinstance(cascade, dict) else []
    pairs = []
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        target = entry.pop("_target", None) or entry.pop("target", None) or {}
        path = str(target.get("path", "")) if isinstance(target, dict) else ""
        pairs.append((path, entry))
    return pairs


def lower_keys(value: Any) -> Any:
    """A mapping with its keys lower-cased, all the way down (Hugo reads its keys without case)."""
    if isinstance(value, dict):
        return {str(key).lower(): lower_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [lower_keys(item) for item in value]
    return value
