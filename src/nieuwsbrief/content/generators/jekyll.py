"""Jekyll's conventions (https://jekyllrb.com/): _config.yml (url, baseurl, permalink, collections, defaults,
timezone), `_posts/YYYY-MM-DD-title.md|.markdown` (date and slug from the file name; folders above _posts are
categories), `published: false`, Jekyll's date forms, categories as a list or separated by spaces, permalink
patterns and styles, collections, front-matter defaults, Liquid and kramdown's attribute lines.
"""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path
from typing import Any, ClassVar

from ...config import Settings
from ...text import slugify
from ..formats import described, load_config, load_data_file
from ..records import AuthorRecord
from ..text import Collector, Field, site_text
from . import permalinks as links
from .base import OWN_FIELDS, Generator
from .dates import read_date
from .globs import compile_globs, glob_problem
from .liquid import expand_liquid
from .permalinks import stated
from .site import Page, Site, first_text, one_author
from .syntax import Expanded, LeavesSite, Resolver

# Document::DATE_FILENAME_MATCHER, with its atomic group: the folders are taken whole, never split again (without it
# a path forty folders deep backtracks for ever)
DATE_FILENAME = re.compile(r"^(?>.+/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$")
CONFIG_NAMES = ("_config.yml", "_config.yaml", "_config.toml")
# A plain YAML timestamp with a time and no zone: YAML reads it as UTC, so Jekyll does (its docs of page.date), while
# the same text quoted, or without seconds, is no timestamp and Ruby's Time.parse reads it in the site's zone
YAML_MOMENT = re.compile(r"\d{4}-\d{1,2}-\d{1,2}(?:T| +)\d{1,2}:\d{2}:\d{2}(?:\.\d+)?")
URL_CATEGORIES = " categories"  # a key no front matter has: a post's categories with the folders above _posts
# jekyll-relative-links (a GitHub Pages default): an inline link's or a link definition's path, and its fragment
RELATIVE_LINK = re.compile(
    r"(\]\()([^)\s#]+)(#[^)\s]*)?(?=(?:\s+\"[^\"]*\")?\))|^(\s*\[[^\]]+\]:[ \t]+)(\S+?)(#\S*)?(?=\s|$)", re.M
)
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mkdown", ".mkdn", ".mkd")


class Jekyll(Generator):
    name = "jekyll"
    tolerates_duplicate_keys = True
    reads_all_languages = True  # a folder per language (en/news/_posts/, ja/news/_posts/): one piece per group is kept
    detection = 4
    lenient_dates = True
    # Jekyll's own exclusions and output: a folder named resources, public or dist is content (HelloWorld-1017's
    # _posts/collections/resources/)
    never_entered = frozenset({"node_modules", "_site", "vendor", ".git"})
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        **OWN_FIELDS,
        "category": ("categories", "category"),
        "author": ("author", "authors"),
        "summary": ("description", "excerpt", "summary"),
        "image": ("image", "header", "cover", "featured_image", "thumbnail", "og_image"),
    }

    def detect(self, root: Path) -> bool:
        return any((root / name).is_file() for name in CONFIG_NAMES) or (root / "_posts").is_dir()

    def read_site(self, root: Path, shown: str, language: str, out: Collector) -> dict[str, Any]:
        config: dict[str, Any] = {}
        config_name = ""
        for name in CONFIG_NAMES:
            if (root / name).exists():  # a FIFO or device in its place is reported, never read
                config = load_config(root / name, f"{shown}{name}", out, _shape) or {}
                config_name = name
                break
        people = config.get("authors")
        # `authors:` in _config.yml, a table of people by handle (artsy.github.io's; its layouts read site.authors)
        listed = isinstance(people, dict) and any(isinstance(person, dict) for person in people.values())
        url = str(config.get("url") or "").rstrip("/") or _custom_domain(root)
        baseurl = str(config.get("baseurl") or "").strip("/")
        return {
            "base_url": stated(url),
            "title": str(config.get("title") or ""),
            "language": str(config.get("lang") or config.get("locale") or ""),  # jekyll-seo-tag's keys
            "base_path": f"/{baseurl}" if baseurl else "",
            "timezone": str(config.get("timezone") or ""),
            "permalink": str(config.get("permalink") or "date"),
            "collections": _collections(config.get("collections")),
            "collections_dir": str(config.get("collections_dir") or "").strip("/"),
            "defaults": [entry for entry in config.get("defaults") or [] if isinstance(entry, dict)],
            "author": first_text(config.get("author"), ("name",)),
            "site": {key: value for key, value in config.items() if isinstance(value, (str, int, float))},
            "relative_links": _relative_links(root, config),
            "config_authors": config_name if listed else "",
            **({"assumed": plugin_tags} if (plugin_tags := _plugin_tags(root)) else {}),
        }

    def globs(self, root: Path, options: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        prefix = f"{options['collections_dir']}/" if options.get("collections_dir") else ""
        posts = (f"{prefix}**/_posts/**/*.{{md,markdown}}",)
        people = [name for name in options.get("collections", {}) if name in ("authors", "team", "people", "staff", "members")]
        authors = ("_data/authors.{yml,yaml,json,toml}", *(f"{prefix}_{name}/*.md" for name in people))
        if options.get("config_authors"):
            authors = (*authors, str(options["config_authors"]))
        return posts, posts, authors

    def authors(self, settings: Settings, site: Site, shown: str, text: str, out: Collector) -> list[AuthorRecord]:
        """The site's configuration holds its authors under `authors:`, a table by handle; else as any site."""
        if shown[len(site.shown) :] != site.option("config_authors") or not site.option("config_authors"):
            return super().authors(settings, site, shown, text, out)
        values = load_data_file(shown, text, Collector())  # the configuration's own problems are said once, by init
        people = values.get("authors") if values else None
        if people is None or not isinstance(people.value, dict):
            return []
        found = []
        for key, person in people.value.items():
            if isinstance(person, dict):
                inner = {name: Field.at_line(value, people.line) for name, value in person.items()}
                found += one_author(site, slugify(str(key)), inner, "", shown, out)
        return found

    def prepare(self, site: Site, page: Page, out: Collector) -> str:
        collection, inner = self._collection(site, page.rel)
        for key, value in _defaults_for(site, page.rel, collection).items():
            page.add(key, value)
        written = page.values.get("date")
        plain = written is not None and isinstance(written.value, str) and not written.quoted
        if written is not None and plain and YAML_MOMENT.fullmatch(written.value.strip()):
            written.value = written.value.strip() + "Z"
        if collection == "posts":
            match = DATE_FILENAME.match(inner)
            if match is None:
                return "Jekyll reads a post only when its file name starts with a date (YYYY-MM-DD-title.md)"
            page.add("date", match.group(1))
            page.add("slug", match.group(2).rstrip("."))
            above = self._inside_collections(site, page.rel).split("_posts/", 1)[0]
            folders = [part for part in above.split("/") if part]
            declared = _categories(page, [])
            page.add(URL_CATEGORIES, _categories(page, folders))  # what :categories fills in
            language = first_text(page.value("lang")).lower().replace("-", "_")
            named = [folder for folder in folders if folder.lower().replace("-", "_") != language] if language else folders
            page.add("categories", declared or named, replace=True)  # the label: a category the post names first, else
            # its folders but the one named after its language (ruby-lang.org's en/news/_posts/ is News)
        else:
            page.add("slug", inner.rsplit("/", 1)[-1].rsplit(".", 1)[0])
        if not first_text(page.value("title")):
            page.add("title", " ".join(word.capitalize() for word in str(page.value("slug")).split("-")), replace=True)
        title = page.values["title"]
        if isinstance(title.value, str) and "&" in title.value:  # layouts write {{ page.title }} as it is: &#8212; is —
            title.value = html.unescape(title.value)
        if isinstance(page.value("tags"), str):
            page.add("tags", str(page.value("tags")).split(), replace=True)
        return ""

    def page_id(self, site: Site, page: Page) -> str:
        return slugify(first_text(page.value("slug")) or page.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0])

    def draft(self, site: Site, page: Page) -> bool:
        return page.value("published") is False or page.value("draft") is True

    def language(self, site: Site, page: Page) -> str:
        """The page's own `lang` (the key multilingual Jekyll sites and their plugins use), else the site's."""
        return first_text(page.value("lang")) or site.language

    def translation(self, site: Site, page: Page) -> str:
        """A page in a folder named after its `lang` (ruby-lang.org's ja/news/_posts/x.md): its path with that folder
        left out, which its translations share; any other page is a group of its own."""
        language = first_text(page.value("lang")).lower().replace("-", "_")
        parts = page.rel.rsplit(".", 1)[0].split("/")
        folders = [part.lower().replace("-", "_") for part in parts[:-1]]
        if not language or language not in folders:
            return super().translation(site, page)
        parts[folders.index(language)] = "*"
        return "/".join(parts)

    def address(self, site: Site, page: Page, settings: Settings, slug: str) -> str:
        return links.absolute(site.base_url, self.site_path(site, page))

    def site_path(self, site: Site, page: Page) -> str:
        collection, inner = self._collection(site, page.rel)
        style = links.jekyll_style(site.option("permalink", "date"))
        written = first_text(page.value("permalink"))
        configured = site.option("collections", {}).get(collection, {})
        stem = inner.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if written:
            template = written
        elif collection == "posts":
            template = links.jekyll_style(str(configured.get("permalink") or style))
        elif collection == "pages":  # Page#template: /about.html, /about/ when pretty, a folder's index at /folder/
            pretty = style.endswith("/")
            template = "/:path/" if stem == "index" else "/:path/:basename/" if pretty else "/:path/:basename:output_ext"
        else:
            template = str(
                configured.get("permalink") or links.jekyll_suffix("/:collection/:path", site.option("permalink", "date"))
            )
        slug = first_text(page.value("slug")) or stem
        moment = read_date(page.value("date"), site.timezone, lenient=True)
        categories = page.value(URL_CATEGORIES) or page.value("categories") or []
        placeholders = {
            "collection": collection,
            "path": "/" + (inner.rsplit("/", 1)[0] if "/" in inner else "")
            if collection == "pages"
            else "/" + inner.rsplit(".", 1)[0],
            "basename": stem,
            "name": links.jekyll_slugify(stem),
            "title": links.jekyll_slugify(slug, "pretty", cased=True),
            "slug": links.jekyll_slugify(slug),
            "categories": "/".join(dict.fromkeys(str(c).lower() for c in categories)),
            "slugified_categories": "/".join(dict.fromkeys(links.jekyll_slugify(str(c)) for c in categories)),
            "output_ext": ".html",
            **(links.jekyll_date_placeholders(moment) if moment else {}),
        }
        return links.jekyll_expand(template, placeholders)

    def expand(self, site: Site, page: Page, body: str, resolver: Resolver) -> Expanded:
        return expand_liquid(body, resolver, kramdown=True)

    def expand_links(self, site: Site, page: Page, body: str, resolver: Resolver) -> str:
        """jekyll-relative-links: a link to another Markdown file of the site, by its path beside this file or from
        the site's root, is that page's address; in pages, and in collections (posts too) with `collections: true`.
        A path to no page stays as written, as the plugin leaves it."""
        scope = site.option("relative_links", "")
        if not scope or (scope == "pages" and self._collection(site, page.rel)[0] != "pages"):
            return body
        here = posixpath.dirname(page.rel)

        def replace(match: re.Match[str]) -> str:
            before, path, fragment = (match.group(1), match.group(2), match.group(3)) if match.group(1) else match.group(4, 5, 6)
            if "://" in path or path.startswith("//") or not path.lower().endswith(MARKDOWN_SUFFIXES):
                return match.group(0)
            target = posixpath.normpath(path.lstrip("/") if path.startswith("/") else f"{here}/{path}")
            if target == ".." or target.startswith("../"):
                return match.group(0)  # outside the site: the plugin finds no page there
            try:
                address = resolver.link(target)
            except LeavesSite:  # a link inside the site to a file outside it: never read
                return match.group(0)
            return f"{before}{address}{fragment or ''}" if address else match.group(0)

        return RELATIVE_LINK.sub(replace, body) if ".m" in body else body

    def _inside_collections(self, site: Site, rel: str) -> str:
        prefix = f"{site.option('collections_dir')}/" if site.option("collections_dir") else ""
        return rel[len(prefix) :] if prefix and rel.startswith(prefix) else rel

    def _collection(self, site: Site, rel: str) -> tuple[str, str]:
        """The collection a file belongs to and its path inside it (posts: after _posts/)."""
        inner = self._inside_collections(site, rel)
        if "/_posts/" in f"/{inner}":
            return "posts", inner.split("_posts/", 1)[1]
        first, _, rest = inner.partition("/")
        if first.startswith("_") and rest:
            return first[1:], rest
        return "pages", inner


def _shape(key: str, value: Any) -> str:
    """What is wrong with a setting of _config.yml that nieuwsbrief reads ("" when nothing)."""
    if key == "defaults" and not isinstance(value, list | dict):  # a table holds no scopes: Jekyll passes it by
        return f"'defaults' must be a list of scopes and values, got {described(value)}"
    for entry in value if key == "defaults" and isinstance(value, list) else ():
        path = entry.get("scope", {}).get("path", "") if isinstance(entry, dict) and isinstance(entry.get("scope"), dict) else ""
        if glob_problem(str(path)):
            return (
                f"'defaults' has a scope path that is not a glob nieuwsbrief can read, {str(path)!r}: {glob_problem(str(path))}"
            )
    return ""


_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+")


_REGISTERED_TAG = re.compile(r"""register_(?:block|tag)\(\s*['"](\w+)['"]""")


def _plugin_tags(root: Path) -> list[str]:
    """What init says of the Liquid tags the site's own _plugins/*.rb define: Ruby nieuwsbrief never runs."""
    found = []
    folder = root / "_plugins"
    for path in sorted(folder.glob("*.rb")) if folder.is_dir() else []:
        try:
            names = sorted(set(_REGISTERED_TAG.findall(site_text(path))))
        except (OSError, ValueError):
            continue
        for name in names:
            where = path.relative_to(root).as_posix()
            found.append(
                f"{{% {name} %}} is a tag of the site's own {where}, which nieuwsbrief does not run: left out of the issue"
            )
    return found


def _custom_domain(root: Path) -> str:
    """GitHub Pages' custom domain, from the CNAME file beside _config.yml: the address GitHub Pages gives site.url
    (jekyll-github-metadata) when the configuration states none; "" without one."""
    try:
        lines = site_text(root / "CNAME").split()
    except OSError:
        return ""
    return f"https://{lines[0].lower()}" if len(lines) == 1 and _HOST.fullmatch(lines[0]) else ""


def _relative_links(root: Path, config: dict[str, Any]) -> str:
    """Where jekyll-relative-links converts links: "all" (pages and collections), "pages", or "" (the plugin is not
    used, or is turned off). It runs where the configuration or the Gemfile names it, or names github-pages."""
    named = [str(name) for key in ("plugins", "gems") if isinstance(config.get(key), list) for name in config[key]]
    try:
        gemfile = site_text(root / "Gemfile") if (root / "Gemfile").is_file() else ""
    except OSError:
        gemfile = ""
    used = "jekyll-relative-links" in named or re.search(
        r"""^\s*gem\s+['"](jekyll-relative-links|github-pages)['"]""", gemfile, re.M
    )
    options = config.get("relative_links")
    options = options if isinstance(options, dict) else {}
    if not used or options.get("enabled", True) is False:
        return ""
    return "all" if options.get("collections") is True else "pages"


def _collections(value: Any) -> dict[str, dict[str, Any]]:
    if isinstance(value, list):
        return {str(name): {} for name in value}
    if isinstance(value, dict):
        return {str(name): settings if isinstance(settings, dict) else {} for name, settings in value.items()}
    return {}


def _categories(page: Page, from_path: list[str]) -> list[str]:
    """Jekyll's categories: the folders above _posts, then `category` (one) or `categories` (a list, or words)."""
    categories = [*from_path]
    single, plural = page.value("category"), page.value("categories")
    if single is not None:
        categories.extend(single if isinstance(single, list) else [single])
    elif isinstance(plural, str):
        categories.extend(plural.split())
    elif isinstance(plural, list):
        categories.extend(item for item in plural if item is not None)
    return [str(category) for category in dict.fromkeys(categories)]


def _defaults_for(site: Site, rel: str, collection: str) -> dict[str, Any]:
    """The front-matter defaults whose scope covers the file, the most specific path winning."""
    chosen: list[tuple[int, dict[str, Any]]] = []
    for entry in site.option("defaults", []):
        scope, values = entry.get("scope") or {}, entry.get("values") or {}
        if not isinstance(scope, dict) or not isinstance(values, dict):
            continue
        path = str(scope.get("path", "")).strip("/")
        kind = scope.get("type")
        if kind and kind not in (collection, "posts" if collection == "posts" else collection):
            continue
        if path and not (rel.startswith(path + "/") or rel == path or compile_globs([path]).fullmatch(rel)):
            continue
        chosen.append((len(path), values))
    merged: dict[str, Any] = {}
    for _, values in sorted(chosen, key=lambda item: -item[0]):
        for key, value in values.items():
            merged.setdefault(key, value)
    return merged
