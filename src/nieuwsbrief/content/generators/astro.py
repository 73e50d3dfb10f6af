"""Astro's conventions (https://docs.astro.build/): content collections as src/content.config.ts (or the legacy
src/content/config.ts) defines them, with their glob() loaders' `base` and `pattern` and the date fields their schemas
declare; the page each collection gets from its route under src/pages/ (`posts/[...slug].astro` whose
getStaticPaths takes the entry's id, slug or date parts); the site's address from astro.config (`site`, also when it
is read from a module the config imports), `base` and `trailingSlash`. `.mdx` is not read.

The configuration is TypeScript, which nieuwsbrief does not run: the literal values it writes are read
(jsliteral.py), and a route whose parameters are not the entry's id or slug is read as the id, with a note by init.

An image written relative to the Markdown file (`heroImage: '../../assets/x.jpg'`) is processed by Astro into an
address with a content hash that only a build knows: such an image is left out of the issue, with a note.
Images in public/ (`/x.jpg`) keep their address.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

from ...config import Settings
from ...text import slugify
from ..records import AuthorRecord
from ..text import Collector, Field, site_text
from ..walk import Plan
from . import permalinks as links
from .base import OWN_FIELDS, Generator
from .containers import without_fences
from .dates import read_date
from .globs import compile_globs
from .jsliteral import literal_at
from .permalinks import stated
from .site import Page, Site, first_text, one_author
from .syntax import Expanded, Resolver

CONFIG_NAMES = ("astro.config.mjs", "astro.config.ts", "astro.config.js", "astro.config.mts", "astro.config.cjs")
CONTENT_CONFIGS = (
    "src/content.config.ts",
    "src/content.config.mjs",
    "src/content.config.js",
    "src/content/config.ts",
    "src/content/config.mjs",
    "src/content/config.js",
)
DATE_KEYS = ("pubDate", "pubdate", "publishDate", "published", "pubDatetime", "date")
_KEY = re.compile(r"""\b(site|base|trailingSlash)\s*:\s*""")
_TITLE = re.compile(r"""\b(?:SITE_TITLE|title)\s*[=:]\s*(?:"([^"\n]+)"|'([^'\n]+)')""")  # "Candost's Blog" whole
_COLLECTION = re.compile(r"""\b(?:const|let)\s+(\w+)\s*=\s*defineCollection\(""")
_INLINE = re.compile(r"""["']?([\w-]+)["']?\s*:\s*defineCollection\(""")
_EXPORT = re.compile(r"""export\s+const\s+collections\s*=\s*\{([^}]*)\}""")
_SCHEMA_DATE = re.compile(
    r"""\b(\w+)\s*:\s*z\s*\.\s*(?:coerce\s*\.\s*date|date|string\(\)\s*\.\s*(?:datetime|date)|[^,{}:]*?[Dd]ate\("""
    r"""|union\(\s*\[[^\]]*?\bz\s*\.\s*(?:coerce\s*\.\s*)?date\()"""  # z.union([z.string(), z.date()])
)
_GET_COLLECTION = re.compile(r"""getCollection\(\s*["'](\w+)["']""")
_GET_NAMED = re.compile(r"""getCollection\(\s*[A-Za-z_$]""")  # a helper's getCollection(name), of its parameter
_IMPORT = re.compile(r"""import\s+(?:[\w\s{},*]+)\s+from\s+["']([^"']+)["']""")
_PARAMS = re.compile(r"""params\s*:\s*\{(.*?)\}""", re.DOTALL)
_PARAM = re.compile(r"""(\w+)\s*:\s*([^,]+)""")
_ROUTE_PARAM = re.compile(r"\[(\.\.\.)?(\w+)\]")
_CALLED = re.compile(r"\b(\w+)\s*\(")
# A statement that starts at a line's start: where a top-level declaration of a route's frontmatter or module ends.
_TOP_LEVEL = re.compile(r"^(?:export|const|let|var|type|interface|import|function|async|class|---)\b", re.MULTILINE)


class Astro(Generator):
    name = "astro"
    detection = 2
    reads_all_languages = True  # with i18n locales, translations sit in folders side by side: one piece per group
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        **OWN_FIELDS,
        "date": DATE_KEYS,
        "summary": ("description", "summary", "excerpt"),
        "image": ("heroImage", "image", "cover", "coverImage", "ogImage"),
        "image_alt": ("heroImageAlt", "imageAlt", "image_alt", "alt"),
    }

    def detect(self, root: Path) -> bool:
        return any((root / name).is_file() for name in CONFIG_NAMES)

    def read_site(self, root: Path, shown: str, language: str, out: Collector) -> dict[str, Any]:
        config = next((root / name for name in CONFIG_NAMES if (root / name).is_file()), None)
        text = _read(config) if config else ""
        aliases = _aliases(root)
        modules = functools.cache(lambda: _imported(root, config, text, aliases) if config else [])  # read once, if needed
        values = {key: _value_at(text, at, modules) for key, at in _top_level_keys(text)} if config else {}
        collections = _collections(root)
        locales = _LOCALES.search(text)
        codes = _QUOTED.findall(locales.group(1)) if locales and not _STARLIGHT.search(text) else []
        routes, assumed, localised = _routes(root, [name for name, _, _ in collections], aliases, codes)
        base = str(values.get("base") or "").strip("/")
        constants = root / "src" / "consts.ts"
        title = _TITLE.search(_read(constants)) if constants.is_file() else None
        dates = [key for _, _, keys in collections for key in keys]
        options: dict[str, Any] = {
            "base_url": stated(str(values.get("site") or "")),
            "title": (title.group(1) or title.group(2)) if title else "",
            "base_path": f"/{base}" if base else "",
            "trailing_slash": str(values.get("trailingSlash") or "ignore"),
            "collections": [[name, folder, keys] for name, folder, keys in collections],
            "routes": routes,
        }
        if codes:  # Astro's own i18n routing: a folder per locale (it/, en/)
            options["locales"] = codes
            options["locale_routes"] = localised
            default = _DEFAULT_LOCALE.search(text)
            options["language"] = language or (default.group(1) if default else "")  # the settings', else defaultLocale
        if _STARLIGHT.search(text):
            options["starlight"] = True
        if _STARLIGHT.search(text) and any(name == "docs" for name, _, _ in collections):
            routes.setdefault("docs", ["/[...slug]/", {"slug": "id"}])  # the route Starlight adds for its pages
            blog = _starlight_blog(text)
            default = _DEFAULT_LOCALE.search(text)
            if config is not None and _blog_authors(text):
                options["authors_in_config"] = config.name  # starlight-blog's `authors: { id: { name, … } }`
            for folder in (blog, f"{default.group(1)}/{blog}" if default and default.group(1) != "root" else ""):
                if blog and folder and (root / "src" / "content" / "docs" / folder).is_dir():
                    options["blog"] = f"src/content/docs/{folder}"  # the default locale's, with locales and no root
                    break
        if dates:
            options["fields"] = {"date": tuple(dict.fromkeys([*dates, *DATE_KEYS]))}
        if assumed:
            options["assumed"] = assumed
        return options

    def globs(self, root: Path, options: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        collections = options.get("collections") or []
        routed = [c for c in collections if c[0] in options.get("routes", {})] or collections
        wanted = [c for c in routed if c[0] in ("blog", "posts", "post", "articles", "news", "nieuws")] or routed[:1]
        folders = [options["blog"]] if options.get("blog") else [folder for _, folder, _ in wanted]
        pieces = tuple(f"{folder}/**/*.{{md,mdx}}" for folder in folders) or ("src/content/blog/**/*.{md,mdx}",)
        people = [folder for name, folder, _ in collections if name in ("authors", "author", "team")]
        found = tuple(f"{folder}/*.{{md,json,yaml,yml}}" for folder in people)
        if options.get("authors_in_config"):
            found += (str(options["authors_in_config"]),)
        return pieces, pieces, found or ("src/content/authors/*.{md,json,yaml,yml}",)

    def plan(self, site: Site) -> Plan:
        """The base walk, and the configuration file as an author file where the settings list it (starlight-blog's
        authors are written there)."""
        planned = super().plan(site)
        named = str(site.option("authors_in_config") or "")
        if not named or not compile_globs(site.authors).fullmatch(named):
            return planned
        wanted = site.shown + named
        for _, chooser in planned:
            chosen = chooser.choose
            chooser.choose = lambda shown, chosen=chosen: "author" if shown == wanted else chosen(shown)  # type: ignore[misc]
        return planned

    def authors(self, settings: Settings, site: Site, shown: str, text: str, out: Collector) -> list[AuthorRecord]:
        """The authors a file holds; the configuration's are the starlight-blog plugin's, by the ids posts name."""
        if not shown.endswith(CONFIG_NAMES):
            return super().authors(settings, site, shown, text, out)
        found: list[AuthorRecord] = []
        for key, values in _blog_authors(text).items():
            line = text.count("\n", 0, text.find(key)) + 1
            fields = {name: Field.at_line(value, line) for name, value in values.items()}
            found += one_author(site, slugify(key), fields, "", shown, out)
        return found

    def page_id(self, site: Site, page: Page) -> str:
        return slugify(self._entry(site, page)[1].rsplit("/", 1)[-1])

    def language(self, site: Site, page: Page) -> str:
        """With i18n locales, the first folder of the page's entry that is a locale, else its own `lang`,
        `language` or `locale` where that is one; else the site's language."""
        locales = site.option("locales") or []
        code = next((folder for folder in self._entry(site, page)[1].split("/")[:-1] if folder in locales), "")
        written = next((first_text(page.value(key)) for key in ("lang", "language", "locale") if page.value(key)), "")
        return code or (written if written in locales else "") or site.language

    def translation(self, site: Site, page: Page) -> str:
        """With i18n locales, the page's path with its locale's folder left out: a post and its translations."""
        locales = site.option("locales") or []
        parts = page.rel.rsplit(".", 1)[0].split("/")
        at = next((index for index, folder in enumerate(parts[:-1]) if folder in locales), None)
        if at is None:
            return super().translation(site, page)
        parts[at] = "*"
        return "/".join(parts)

    def address(self, site: Site, page: Page, settings: Settings, slug: str) -> str:
        collection, entry_id = self._entry(site, page)
        own = (site.option("locale_routes") or {}).get(self.language(site, page), {}).get(collection)
        route = own or site.option("routes", {}).get(collection) or [f"/{collection}/[...slug]/", {"slug": "id"}]
        pattern, params = route
        moment = None

        def fill(match: re.Match[str]) -> str:
            nonlocal moment
            source = params.get(match.group(2), "id")
            if source in ("id", "slug"):  # (the legacy slug is the entry id: the glob loader's, or its `slug`)
                return entry_id
            moment = moment or read_date(page.value(page.first(site.fields["date"])), "")
            if moment is None:
                raise links.AddressError(f"the route {pattern} needs a date")
            return {
                "year": f"{moment.year}",
                "month": f"{moment.month:02d}",
                "day": f"{moment.day:02d}",
                "month1": str(moment.month),
                "day1": str(moment.day),
            }[source]

        path = _ROUTE_PARAM.sub(fill, pattern)
        path = path if path.endswith("/") or site.option("trailing_slash") == "never" else path + "/"
        path = path.rstrip("/") if site.option("trailing_slash") == "never" else path
        return links.absolute(site.base_url, links.quote_path(path))

    def section(self, site: Site, page: Page) -> str:
        blog = site.option("blog")
        if blog and page.rel.startswith(blog + "/"):
            return str(blog).rsplit("/", 1)[-1].replace("-", " ").capitalize()  # the Starlight blog's own section
        return self._entry(site, page)[0].replace("-", " ").capitalize()

    def image(self, site: Site, page: Page, written: str) -> str:
        if written.startswith(("http://", "https://", "/")):
            return super().image(site, page, written)
        return ""  # processed by Astro's image service: its address holds a hash only a build knows

    def expand(self, site: Site, page: Page, body: str, resolver: Resolver) -> Expanded:
        return Expanded(body)  # Astro's Markdown has no template syntax; MDX is not read

    def expand_links(self, site: Site, page: Page, body: str, resolver: Resolver) -> str:
        """Starlight's asides (`:::note[Title]` … `:::`) give way to their title and text."""
        return without_fences(body, titled=True) if site.option("starlight") else body

    def _entry(self, site: Site, page: Page) -> tuple[str, str]:
        """The collection a file is in, and its entry id (the glob loader's, or its `slug`), which is its slug too."""
        found = next((c for c in site.option("collections") or [] if page.rel.startswith(c[1] + "/")), None)
        if found is not None:
            name, inner = found[0], page.rel[len(found[1]) + 1 :].rsplit(".", 1)[0]
        else:
            parts = page.rel.split("/")
            name, inner = (parts[2] if len(parts) > 3 else ""), "/".join(parts[3:]).rsplit(".", 1)[0]
        segments = [_github_slug(part) for part in inner.split("/")]
        if segments and segments[-1] == "index" and len(segments) > 1:
            segments = segments[:-1]
        written = page.value("slug")
        natural = "/".join(segments)
        entry = written.strip().strip("/") if isinstance(written, str) and written.strip() else natural
        return name, entry


def _read(path: Path) -> str:
    try:
        return site_text(path)
    except OSError:
        return ""


_STARLIGHT = re.compile(r"""["']@astrojs/starlight["']""")
_DEFAULT_LOCALE = re.compile(r"""\bdefaultLocale\s*:\s*["']([\w-]+)["']""")
_LOCALES = re.compile(r"""\bi18n\s*:\s*\{[^}]*?\blocales\s*:\s*\[([^\]]*)\]""")
_QUOTED = re.compile(r"""["']([\w-]+)["']""")
_STARLIGHT_BLOG = re.compile(r"""\bstarlightBlog\(\s*""")


def _starlight_blog(text: str) -> str:
    """The folder of Starlight's docs the starlight-blog plugin makes its blog of: its `prefix` (default blog), or ""
    when the configuration does not use the plugin."""
    call = _STARLIGHT_BLOG.search(text)
    if call is None:
        return ""
    options = literal_at(text, call.end())
    prefix = options.get("prefix") if isinstance(options, dict) else None
    return prefix.strip("/") if isinstance(prefix, str) and prefix.strip("/") else "blog"


def _blog_authors(text: str) -> dict[str, dict[str, Any]]:
    """The starlight-blog plugin's authors as the configuration writes them, by id: each a table with a name."""
    call = _STARLIGHT_BLOG.search(text)
    options = literal_at(text, call.end()) if call else None
    authors = options.get("authors") if isinstance(options, dict) else None
    if not isinstance(authors, dict):
        return {}
    return {str(k): v for k, v in sorted(authors.items()) if isinstance(v, dict) and isinstance(v.get("name"), str)}


_CONFIG_OBJECT = re.compile(r"""\bdefineConfig\(\s*\{|\bexport\s+default\s*\{""")
_SHORTHAND = re.compile(r"""\b(site|base|trailingSlash)\s*(?=[,}])""")


def _top_level_keys(text: str) -> list[tuple[str, int]]:
    """Where the configuration's own site, base and trailingSlash are written: the keys of its object
    (`defineConfig({…})`), not those of an integration's options inside it (a plugin's `base: "internals/changelog"`);
    a shorthand `site,` stands for the variable of that name."""
    start = _CONFIG_OBJECT.search(text)
    if start is None:
        return [(match.group(1), match.end()) for match in _KEY.finditer(text)]
    found: list[tuple[str, int]] = []
    depth, index = 0, start.end() - 1
    while index < len(text):
        char = text[index]
        if char in "\"'`":
            end = text.find(char, index + 1)
            while end > 0 and text[end - 1] == "\\":
                end = text.find(char, end + 1)
            index = end + 1 if end > 0 else len(text)
            continue
        if text.startswith("//", index) or text.startswith("/*", index):
            end = text.find("\n" if text[index + 1] == "/" else "*/", index + 2)
            index = end + 1 if end > 0 else len(text)
            continue
        if char in "{[(":
            depth += 1
        elif char in "}])":
            depth -= 1
            if depth == 0:
                break
        elif depth == 1 and (char.isalpha() and not text[index - 1].isalnum() and text[index - 1] not in "_$."):
            key = _KEY.match(text, index)
            short = _SHORTHAND.match(text, index) if key is None else None
            if key is not None:
                found.append((key.group(1), key.end()))
            elif short is not None:
                found.append((short.group(1), short.start()))  # the variable's name, read where it is declared
        index += 1
    return found


def _value_at(text: str, start: int, modules: Callable[[], list[str]]) -> Any:
    """A configuration value: a literal, a variable the configuration declares (`const site = "…"`) or one of the
    ``modules`` it imports exports (`SITE_URL`), or `name.key` read from the object one of them defines."""
    value = literal_at(text, start)
    if value is not None:
        return value
    variable = re.match(r"([A-Za-z_$][\w$]*)\s*(?=[,}\n])", text[start:])
    declared = re.search(rf"\b(?:const|let|var)\s+{re.escape(variable.group(1))}\s*=\s*", text) if variable else None
    if variable is not None and declared is not None:
        return _variable(text, variable.group(1))
    name = variable.group(1) if variable else ""
    for module in modules() if name else ():  # `site: SITE_URL`, imported from src/consts
        exported_here = re.search(rf"\bexport\s+(?:const|let|var)\s+{re.escape(name)}\b[^=]*=\s*", module)
        if exported_here:
            return literal_at(module, exported_here.end())
    reference = re.match(r"([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)", text[start:])
    if reference is None:
        return None
    name, key = reference.groups()
    for module in modules():
        found = re.search(rf"\b(?:const|let|var)\s+{re.escape(name)}\b[^=]*=\s*", module)
        if found:
            value = literal_at(module, found.end())
            return value.get(key) if isinstance(value, dict) else None
    return None


_LOCAL = re.compile(r"^https?://(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::\d+)?(?:/|$)")


def _variable(text: str, name: str, depth: int = 0) -> Any:
    """The value of a variable the configuration declares: its declaration's or a later `name = …` (one naming
    another variable is that one's); of several, the first that is not the dev server's own address, which the
    build sets aside (`let BASE_URL = LOCALHOST_URL; if (isBuild) { BASE_URL = LIVE_URL; }`)."""
    values: list[Any] = []
    for assigned in re.finditer(rf"(?<![\w$.]){re.escape(name)}\s*=(?![=>])\s*", text):
        value = literal_at(text, assigned.end())
        other = re.match(r"([A-Za-z_$][\w$]*)\s*(?=[;,}\n])", text[assigned.end() :]) if value is None else None
        if other is not None and other.group(1) != name and depth < 3:
            value = _variable(text, other.group(1), depth + 1)
        if value is not None:
            values.append(value)
    public = [value for value in values if not (isinstance(value, str) and _LOCAL.match(value))]
    return (public or values or [None])[0]


def _imported(root: Path, path: Path, text: str, aliases: dict[str, str]) -> list[str]:
    """The site's own modules a file imports: relative, or through an alias of tsconfig.json's paths (@/ for src/)."""
    found = []
    for target in _IMPORT.findall(text):
        prefix = next((alias for alias in aliases if target.startswith(alias)), None)
        if prefix is not None:
            base = root / aliases[prefix] / target[len(prefix) :]
        elif target.startswith("."):
            base = path.parent / target
        else:
            continue
        for candidate in (base, *(base.with_name(base.name + s) for s in (".ts", ".js", ".mjs")), base / "index.ts"):
            if candidate.is_file() and str(candidate.resolve()).startswith(str(root.resolve())):
                found.append(_read(candidate))
                break
    return found


def _aliases(root: Path) -> dict[str, str]:
    """tsconfig.json's path aliases ("@utils/*": ["src/utils/*"]) as prefix -> folder; @/ for src/ by default."""
    text = _read(root / "tsconfig.json") if (root / "tsconfig.json").is_file() else ""
    config = literal_at(text, text.find("{")) if "{" in text else None
    paths = (config.get("compilerOptions") or {}).get("paths") if isinstance(config, dict) else None
    found = {"@/": "src/"}
    for alias, targets in (paths or {}).items() if isinstance(paths, dict) else ():
        if isinstance(targets, list) and targets and str(alias).endswith("/*"):
            found[str(alias)[:-1]] = str(targets[0]).removeprefix("./").rstrip("*")
    return dict(sorted(found.items(), key=lambda item: -len(item[0])))


def _collections(root: Path) -> list[tuple[str, str, list[str]]]:
    """(name, folder under the root, its schema's date fields) of each content collection the site defines."""
    config = next((root / name for name in CONTENT_CONFIGS if (root / name).is_file()), None)
    if config is None:
        folder = root / "src" / "content"
        names = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
        return [(name, f"src/content/{name}", []) for name in names]
    text = _read(config)
    calls = {match.group(1): _call(text, match.end()) for match in _COLLECTION.finditer(text)}
    exported_names = _EXPORT.search(text)
    pairs: list[tuple[str, str]] = []
    for item in exported_names.group(1).split(",") if exported_names else []:
        key, _, variable = item.partition(":")
        key = key.strip().strip("\"'")
        if key:
            pairs.append((key, (variable or key).strip()))
    inline = {match.group(1): _call(text, match.end()) for match in _INLINE.finditer(text)}
    found = []
    for name, variable in pairs or [(name, name) for name in calls]:
        body = calls.get(variable) or inline.get(name, "")
        found.append((name, _folder(body, name), sorted(set(_SCHEMA_DATE.findall(body)))))
    for name, body in inline.items():
        if name not in {n for n, _ in pairs}:
            found.append((name, _folder(body, name), sorted(set(_SCHEMA_DATE.findall(body)))))
    return found


def _call(text: str, start: int) -> str:
    """The text of a call's arguments, to its closing parenthesis."""
    depth, index = 1, start
    while index < len(text) and depth:
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        index += 1
    return text[start:index]


def _folder(body: str, name: str) -> str:
    """The folder a collection's glob() loader reads (`base`), or the legacy src/content/<name>."""
    loader = re.search(r"\bglob\(\s*", body)
    options = literal_at(body, loader.end()) if loader else None
    base = str(options.get("base", "")) if isinstance(options, dict) else ""
    base = os.path.normpath(base).replace(os.sep, "/") if base else ""
    return base.removeprefix("./") if base and not base.startswith("..") else f"src/content/{name}"


def _routes(
    root: Path, names: list[str], aliases: dict[str, str], locales: list[str]
) -> tuple[dict[str, list[Any]], list[str], dict[str, dict[str, list[Any]]]]:
    """The page each collection gets: its route's pattern under src/pages/ and where each parameter comes from; and
    with i18n ``locales``, the one under each locale's folder (src/pages/it/[...slug].astro)."""
    pages = root / "src" / "pages"
    found: dict[str, list[Any]] = {}
    localised: dict[str, dict[str, list[Any]]] = {}
    assumed: list[str] = []
    files = sorted(p for p in pages.rglob("*.astro") if "[" in p.name) if pages.is_dir() else []
    for path in files:
        text = _read(path)
        used = _paged(text, _imported(root, path, text, aliases))
        rel = path.relative_to(pages).as_posix().rsplit(".", 1)[0]
        if rel.endswith(("[...page]", "[page]")) or "paginate(" in text:
            continue
        pattern = "/" + rel.removesuffix("/index") + "/"
        params = _params(text)
        for name in sorted(used & set(names)):
            if rel.split("/")[0] in locales:
                localised.setdefault(rel.split("/")[0], {}).setdefault(name, [pattern, params])
            if name in found:
                continue
            found[name] = [pattern, params]
            unknown = [p for p, source in params.items() if source == "?"]
            if unknown:
                found[name][1] = {p: ("id" if s == "?" else s) for p, s in params.items()}
                assumed.append(
                    f"the route src/pages/{rel}.astro fills {', '.join(unknown)} in a way nieuwsbrief cannot read: read as the entry's id"
                )
    return found, assumed, localised


def _paged(text: str, modules: list[str]) -> set[str]:
    """The collections a route makes its pages of: those getStaticPaths reads, itself or through a helper the route
    imports (an author page that also lists the author's posts pages the authors, not the posts); where that
    cannot be told, every collection the route and its modules read."""
    used = set(_GET_COLLECTION.findall(text))
    for module in modules:
        used |= set(_GET_COLLECTION.findall(module))
    paths = _declaration(text, "getStaticPaths")
    if not paths:
        return used
    paged = set(_GET_COLLECTION.findall(paths))
    for helper in sorted(set(_CALLED.findall(paths)) - {"getCollection", "getStaticPaths"}):
        for module in modules:
            declared = _declaration(module, helper)
            paged |= set(_GET_COLLECTION.findall(declared))
            if _GET_NAMED.search(declared):  # getCollectionByName("posts"): the helper is given the collection
                paged |= set(re.findall(rf"""\b{helper}\(\s*["'](\w+)["']""", paths))
    return paged or used


def _declaration(text: str, name: str) -> str:
    """The text of the top-level declaration of ``name`` (a function or a const), to the next top-level statement."""
    found = re.search(rf"^(?:export\s+)?(?:async\s+)?(?:function\s*\*?\s*|const\s+|let\s+){name}\b", text, re.MULTILINE)
    if found is None:
        return ""
    end = _TOP_LEVEL.search(text, found.end())
    return text[found.start() : end.start() if end else len(text)]


def _params(text: str) -> dict[str, str]:
    """Where each route parameter comes from: the entry's id or slug, or a part of its date; "?" for anything else."""
    found = _PARAMS.search(text)
    params: dict[str, str] = {}
    for name, expression in _PARAM.findall(found.group(1) if found else ""):
        expression = expression.strip()
        if "getFullYear" in expression:
            params[name] = "year"
        elif "getMonth" in expression:
            params[name] = "month" if "padStart" in expression else "month1"
        elif "getDate" in expression:
            params[name] = "day" if "padStart" in expression else "day1"
        elif re.search(r"\.id\b", expression):
            params[name] = "id"
        elif re.search(r"\.slug\b", expression):
            params[name] = "slug"
        else:
            params[name] = "?"
    return params


def _github_slug(text: str) -> str:
    """github-slugger, which Astro's glob loader uses: lower case, spaces to hyphens, punctuation dropped."""
    return re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")
