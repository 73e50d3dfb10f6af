"""The base class of every generator: the conventions each one answers (where its pages are, what a page is, its
dates, drafts and addresses), with the answers of a folder that follows none in particular (our own field names,
addresses from [links] article_url), and how one file is read through them.

A subclass overrides what its generator does differently (hugo.py, jekyll.py, eleventy.py, astro.py, pelican.py,
mkdocs.py, and own.py for our own layout, with its own fast reading of a file). ``strict`` is the switch between the
two kinds of problem: in our own layout every problem is an error; a site's page that cannot be featured (no title,
no address, a date nieuwsbrief cannot read) is left out with a warning, so one odd page never stops an issue.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar, NamedTuple
from urllib.parse import urljoin, urlsplit

from ... import markdown
from ...config import SETTINGS_FILE, Settings
from ...errors import ContentError, printable
from ...text import SLUG, slugify
from ..fields import Fields, cut, header_line
from ..formats import front_matter_kind, load_data_file, split
from ..records import ArticleRecord, AuthorRecord
from ..text import Collector, Document, Field
from ..walk import Chooser, Plan
from .dates import out_of_range, read_date
from .globs import compile_globs, literal_folders, may_hold, readable_globs
from .permalinks import AddressError, absolute, https
from .resolver import SiteResolver
from .site import Page, Site, first_text, one_author, texts
from .syntax import Expanded, Resolver, has_syntax, unlinked, unreferenced, unshowable_images

PIECE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
DATA_SUFFIXES = (".yml", ".yaml", ".toml", ".json")
# Our own field names: the field map of a folder without a generator, and what every preset starts from.
OWN_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "date": ("date",),
    "category": ("category", "categories"),
    "author": ("author", "authors"),
    "tags": ("tags",),
    "summary": ("summary", "description", "excerpt"),
    "reading_time": ("reading_time",),
    "url": (),
    "image": ("image", "images", "cover", "featured_image"),
    "image_alt": ("image_alt",),
    "slug": ("slug",),
    "draft": ("draft",),
    "expires": (),
    "related": ("related",),
    "subject": ("subject",),
    "preheader": ("preheader",),
}
OWN_AUTHOR_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "title", "display_name"),
    "role": ("role", "position", "job_title", "jobtitle"),
    "photo": ("photo", "avatar", "image", "picture"),
    "photo_alt": ("photo_alt",),
    "url": ("url", "website", "homepage", "link"),
    "bio": ("bio", "description", "about"),
}
_NEVER_ENTERED = frozenset({"node_modules", "_site", "public", "resources", "vendor", "dist", ".git"})
_FORMATS_MAIL_CANNOT_SHOW = ("svg", "webp", "avif", "heic", "tif", "tiff", "bmp")
_EMPTY_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n---[ \t]*(?:\r?\n|\Z)")
_MAYBE_UNSHOWABLE = re.compile(r"\.(?:[sS][vV][gG]|[wW][eE][bB][pP]|[aA][vV][iI][fF])")


def _may_show_images(text: str) -> bool:
    """Whether a body may hold an image syntax.unshowable_images rewrites: those are only Markdown images (``![``)
    and HTML ones (``<img``), so only the bodies with one pay for the regex over every full stop of their prose.
    The marks are looked for one character at a time: a search for a two-character text, like the regex, walks a
    body that is not ASCII (curly quotes, dashes) far more slowly than a search for one character."""
    if "<" not in text:
        at = text.find("[", 1)  # fewer in prose than "!": a link's
        while at > 0 and text[at - 1] != "!":
            at = text.find("[", at + 1)
        if at < 0:
            return False
    return _MAYBE_UNSHOWABLE.search(text) is not None


_MAYBE_UNLINKED = re.compile(r"\]\(\)|\]\(<>\)|\]\[")  # a link without its address or its definition: a cheap look first


class Piece(NamedTuple):
    """What one file of pieces gives: its record (None when it cannot be featured), the author it names, and its
    body as an issue shows it (template syntax written out), from that file line on."""

    record: ArticleRecord | None
    author: str | None
    body: str = ""
    body_line: int = 0


NO_PIECE = Piece(None, None)


class Generator:
    """The conventions of a folder of Markdown files that follows no generator in particular."""

    name = ""
    strict = False  # every problem an error (our own layout), or a page that cannot be featured a warning (sites)
    self_contained = False  # whether a file the walk passes by can change nothing (no configuration, no cascade)
    detection = 0  # init --from tries the generators from 1 up; 0: never
    lenient_dates = False  # dates read as leniently as the generator's own parser (Jekyll's Time.parse)
    script_front_matter = False  # whether its `---js` front matter is read for its literal values (Eleventy's)
    reads_all_languages = False  # translations sit among the pages read: the scan keeps one piece per group (Pelican)
    tolerates_duplicate_keys = False  # whether its YAML reader accepts a key twice (Ruby's, PyYAML's: the last wins)
    section_suffixes: tuple[str, ...] = ()  # file endings besides Markdown and data the walk hands to is_section
    fields: ClassVar[dict[str, tuple[str, ...]]] = OWN_FIELDS
    author_fields: ClassVar[dict[str, tuple[str, ...]]] = OWN_AUTHOR_FIELDS
    never_entered: ClassVar[frozenset[str]] = _NEVER_ENTERED  # build output, caches, dependencies: by name, at any depth
    folder = "the site folder"  # as a problem with a link names it
    copy_into = "the site folder"  # where that problem says to copy a linked file

    # -- the folder ----------------------------------------------------------------------------------------------

    def root(self, settings: Settings) -> tuple[Path, str]:
        """The site's folder and how paths under it are shown: relative to the project as written, or absolute."""
        written = settings.content_root.strip()
        if not written or written in (".", "./"):
            return settings.project, ""
        root = Path(written).expanduser()
        shown = written.rstrip("/") + "/"
        return (root if root.is_absolute() else settings.project / root), shown

    def site(self, settings: Settings, out: Collector) -> Site:
        """The Site the settings describe, with what its own configuration says; ContentError without a folder."""
        root, shown = self.root(settings)
        if not root.is_dir():
            message = f"the site folder {settings.content_root or '.'} is not found"
            out.add(SETTINGS_FILE, 0, 0, message, "set [content] root to the folder of your site")
            raise ContentError("invalid site", out.problems)
        options = self.read_site(root, shown, settings.content_language, out)
        columns, articles, authors = readable_globs(settings, shown, self.globs(root, options), out)
        # The site's own address when its configuration states one (starters' example.com does not count), under
        # its base path (Jekyll's baseurl, Astro's base, Eleventy's pathPrefix).
        base = https(options.pop("base_url", "") or settings.base_url).rstrip("/") + options.pop("base_path", "")
        return Site(
            generator=self.name,
            root=str(root.resolve()),
            shown=shown,
            base_url=base.rstrip("/"),
            language=str(options.pop("language", "") or settings.content_language),
            timezone=str(options.pop("timezone", "") or settings.timezone),
            columns=columns,
            articles=articles,
            authors=authors,
            # the generator's keys, those the site's own configuration declares (an Astro schema's dates), the settings'
            fields={**self.fields, **options.pop("fields", {}), **self.own_keys(dict(settings.content_fields))},
            author_fields={**self.author_fields, **self.own_keys(dict(settings.content_author_fields))},
            category=settings.content_category,
            options=options,
        )

    def own_keys(self, fields: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
        """A field map from the settings, as the generator reads front matter keys (Hugo: without case)."""
        return fields

    def detect(self, root: Path) -> bool:
        """Whether ``root`` is a site this generator builds (by its own files)."""
        return False

    def read_site(self, root: Path, shown: str, language: str, out: Collector) -> dict[str, Any]:
        """What the site's own configuration says: base_url and base_path, title, timezone, language (the one of
        ``language`` the site has), and the generator's own options. Problems with its files go to ``out``."""
        return {}

    def globs(self, root: Path, options: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """The columns, articles and authors a site of this kind keeps, as globs under its root (asked at every scan of
        a project whose settings name none: no walk of the site here)."""
        return ("content/columns/**/*.md",), ("content/articles/**/*.md",), ("content/authors/*.md",)

    def init_globs(self, root: Path, options: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """The globs `init --from` writes into the settings: ``globs``, or what a look at the site's files adds."""
        return self.globs(root, options)

    def plan(self, site: Site) -> Plan:
        """What the walk lists: the folders under the root, in this order ("" for the root itself), and in each what it
        keeps. Here the whole folder, and each file the globs match, tagged column, article, column+article or author
        (or section: Hugo's _index.md), entering only the folders the globs can reach."""
        columns, articles, authors = compile_globs(site.columns), compile_globs(site.articles), compile_globs(site.authors)
        starts = literal_folders((*site.columns, *site.articles, *site.authors))
        cut = len(site.shown)
        same = site.columns == site.articles  # the presets' usual case: one pattern to try, not two
        readable = (*PIECE_SUFFIXES, ".mdx", *DATA_SUFFIXES, *self.section_suffixes)

        def choose(shown: str) -> str | None:
            rel = shown[cut:]
            lowered = rel.lower()
            if not lowered.endswith(readable):  # a bundle's images, the site's templates: never read
                return None
            if self.is_section(site, rel):
                return "section"
            if authors.fullmatch(rel):
                return "author"
            lead = columns.fullmatch(rel) is not None
            related = lead if same else articles.fullmatch(rel) is not None
            if not (lead or related) or lowered.endswith(DATA_SUFFIXES) or not self.wants(site, rel):
                return None
            return "column+article" if lead and related else "column" if lead else "article"

        def enter(shown: str) -> bool:
            rel = shown[cut:].rstrip("/")
            return rel.rsplit("/", 1)[-1] not in self.never_entered and may_hold(rel, starts)

        marker = self.leaf_marker(site)
        leaf = (lambda shown: marker(shown[cut:])) if marker is not None else None
        return (("", Chooser(choose, enter, leaf=leaf)),)

    def new_path(self, kind: str, slug: str) -> str | None:
        """Where `nieuwsbrief new` writes a piece or an author, relative to the project; None: the site's own tools
        write its pages."""
        return None

    def with_sections(self, settings: Settings, site: Site, sections: list[str], out: Collector) -> Site:
        """The site with what its section pages say (Hugo's cascade); the walk found ``sections``."""
        return site

    def site_for(self, settings: Settings, site: Site, shown: str, out: Collector) -> Site:
        """The site as one file sees it when it is read alone (its sections' cascade)."""
        return site

    # -- a page's conventions ------------------------------------------------------------------------------------

    def is_section(self, site: Site, rel: str) -> bool:
        """Whether a file is a section's own page (Hugo's _index.md): never a piece, but read for its cascade."""
        return False

    def wants(self, site: Site, rel: str) -> bool:
        """Whether a file the globs match is a page of the language read (not a section page, a draft folder, ...)."""
        return True

    def leaf_marker(self, site: Site) -> Callable[[str], bool] | None:
        """Whether a file (its path under the root) makes its folder a leaf, whose other files and folders are that
        page's resources, never pages (Hugo's leaf bundle, index.md); None where the generator has no such folders."""
        return None

    def reads_its_folder(self, name: str) -> bool:
        """Whether reading a file of this name also reads its folder's other files (a Hugo page bundle's cover image),
        so that a file added or removed beside it changes the page even when the file itself is unchanged."""
        return False

    def prepare(self, site: Site, page: Page, out: Collector) -> str:
        """Add what the generator derives (dates from file names, defaults, cascades); a reason to leave it out, or ""."""
        return ""

    def page_id(self, site: Site, page: Page) -> str:
        """Our slug for the page when its front matter gives none: its file name."""
        stem = page.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return slugify(stem)

    def draft(self, site: Site, page: Page) -> bool:
        return page.value("draft") is True

    def translation(self, site: Site, page: Page) -> str:
        """The page's translation group: the pages that are one piece in several languages share it."""
        return page.rel.rsplit(".", 1)[0]

    def section(self, site: Site, page: Page) -> str:
        """The site's own name for the part of it a page is in, as a label: its first folder (blog/ is Blog)."""
        folders = [f for f in page.rel.split("/")[:-1] if f not in ("content", "src", "docs", "source")]
        return folders[0].strip("_").replace("-", " ").capitalize() if folders else ""

    def content_roots(self, site: Site) -> list[str]:
        """The folders under the root a site path in a body (Hugo's ref "/blog/x") is looked up in."""
        return ["content"]

    def language(self, site: Site, page: Page) -> str:
        """The language a page is written in: the site's language read, unless the page says otherwise."""
        return site.language

    def address(self, site: Site, page: Page, settings: Settings, slug: str) -> str:
        """The page's web address; AddressError when it cannot be worked out."""
        if not settings.article_url:
            raise AddressError("no address: set [links] article_url")
        return settings.article_url.format(slug=slug, type="article")

    def image(self, site: Site, page: Page, written: str) -> str:
        """A front-matter image as an address: absolute as it is, a site path on the base URL (themes write
        these with absURL), else beside the page, as in a page bundle; "" when it has no address of its own."""
        if written.startswith(("http://", "https://", "//", "/")) or not page.address:
            return absolute(site.base_url, written)
        return urljoin(page.address, written)

    def expand(self, site: Site, page: Page, body: str, resolver: Resolver) -> Expanded:
        """The body with the generator's template syntax written out as Markdown."""
        return Expanded(body)

    def expand_links(self, site: Site, page: Page, body: str, resolver: Resolver) -> str:
        """The body with the generator's own link syntax as addresses (Pelican's {filename}); as it is by default."""
        return body

    def author_id(self, site: Site, rel: str) -> str:
        """An author file's id: its name, or its folder's for an index file (a Hugo taxonomy term page)."""
        parts = rel.split("/")
        stem = parts[-1].rsplit(".", 1)[0]
        return slugify(parts[-2] if stem in ("_index", "index") and len(parts) > 1 else stem)

    def default_author(self, site: Site) -> str:
        """The site's own author, for pieces that name none."""
        return str(site.option("author", ""))

    # -- one file ------------------------------------------------------------------------------------------------

    def split(self, shown: str, text: str, out: Collector) -> Document | None:
        """The file's located front matter and body, in whichever format the generator reads."""
        return split(shown, text, out)

    def piece(self, settings: Settings, site: Site, kind: str, shown: str, text: str, out: Collector) -> Piece:
        """A page read as a piece of ``kind``: its record, or the reason it is left out, in ``out``."""
        page = self.page_of(settings, site, shown[len(site.shown) :], shown, text, out)
        if page is None:
            return NO_PIECE
        return _PieceReader(self, settings, site, page, out).piece(kind)

    def page_of(self, settings: Settings, site: Site, rel: str, shown: str, text: str, out: Collector) -> Page | None:
        """The file as the generator sees it, or None (with the reason recorded) when it is no page to read."""
        if rel.endswith(".mdx"):
            message = "MDX is not read: its components only run in the site's own build"
            out.add(shown, 1, 1, message, "the piece is left out; save it as .md to include it", "warning")
            return None
        kind = front_matter_kind(text)
        if kind == "" or (kind in ("js", "javascript") and not self.script_front_matter):
            message = "its front matter is JavaScript, which nieuwsbrief does not run" if kind else "it has no front matter"
            hint = "write the front matter in YAML between --- lines"
            out.add(shown, 1, 1, f"{message}: the piece is left out", hint, "warning")
            return None
        found = Collector()
        empty = _EMPTY_FRONT_MATTER.match(text)  # `---` `---`, which the generators accept: a page without values
        document = Document(shown, {}, text[empty.end() :], text.count("\n", 0, empty.end()) + 1, 1) if empty else None
        document = document or self.split(shown, text, found)
        for problem in found.problems:
            if self.tolerates_duplicate_keys and problem.message.startswith("duplicate key"):
                message = f"{problem.message}: {self.name} reads the last one, and so does nieuwsbrief"
                out.add(problem.path, problem.line, problem.column, message, problem.hint, "warning")
            else:
                out.problems.append(problem)
        return self.prepared(site, rel, shown, document, out) if document is not None else None

    def prepared(self, site: Site, rel: str, shown: str, document: Document, out: Collector) -> Page | None:
        """The page of a document, unless the generator leaves it out (the reason said as a warning)."""
        page = Page(rel, shown, document, dict(document.fields))
        reason = self.prepare(site, page, out)
        if reason:
            out.add(shown, document.start_line, 1, f"{reason}: it is left out", "", "warning")
            return None
        return page

    def authors(self, settings: Settings, site: Site, shown: str, text: str, out: Collector) -> list[AuthorRecord]:
        """The authors a file holds: one Markdown file (the bio its body), a data file for one, or a table of many."""
        rel = shown[len(site.shown) :]
        if rel.lower().endswith(DATA_SUFFIXES):
            values = load_data_file(shown, text, out)
            if values is None:
                return []
            if any(key in values for key in site.author_fields["name"]):
                return one_author(site, self.author_id(site, rel), values, "", shown, out)
            found = []
            for key, item in values.items():
                if isinstance(item.value, dict):
                    inner = {name: Field.at_line(value, item.line) for name, value in item.value.items()}
                    found += one_author(site, slugify(key), inner, "", shown, out)
            return found
        if not front_matter_kind(text):
            return []
        document = self.split(shown, text, out)
        if document is None:
            return []
        return one_author(site, self.author_id(site, rel), document.fields, document.body.strip(), shown, out)


_ONE_LINE = ("title", "subject", "preheader", "category")  # what goes into a header, the inbox row or a label
_FOLDED = re.compile(r"[\t\n\x0b\x0c\x85\u2028\u2029]+")  # whitespace a site's page shows as one space


class _PieceReader:
    """One page of a site read as a piece: the field map decides which of the site's keys fill each of our fields
    (the first the page gives), the generator works out the address and writes out the body's template syntax."""

    def __init__(self, generator: Generator, settings: Settings, site: Site, page: Page, out: Collector) -> None:
        self.generator, self.settings, self.site, self.page, self.out = generator, settings, site, page, out
        self.keys = page.keys(site.fields)  # our field -> the site's key that holds it on this page

    @property
    def fields(self) -> Fields:
        """Our own fields' checks, for the few keys a site writes our way (reading_time, related, a draft flag)."""
        document = self.page.document
        located = Document(self.page.shown, self.page.values, document.body, document.body_line, document.start_line)
        return Fields(located, self.out, "error" if self.generator.strict else "warning")

    def key(self, name: str) -> str | None:
        """The site's key that holds our field on this page."""
        return self.keys.get(name)

    def warn(self, message: str, hint: str, key: str | None = None) -> None:
        line, column = self.page.document.position(key) if key in self.page.document.fields else (self.start, 1)
        self.out.add(self.page.shown, line, column, message, hint, "warning")

    @property
    def start(self) -> int:
        return self.page.document.start_line

    def piece(self, kind: str) -> Piece:
        site, page, generator = self.site, self.page, self.generator
        before = len(self.out.problems)
        title = _one_line(first_text(page.value(self.key("title"))))
        published = self.published()
        if not title or published is None:
            if not title:
                self.warn("no title: the piece is left out", f"add {site.fields['title'][0]}: to its front matter")
            return Piece(None, None, "", page.document.body_line)
        lines = {name: self.one_line(name) for name in _ONE_LINE}
        if None in lines.values():
            return Piece(None, None, "", page.document.body_line)
        slug = self.slug()
        url = self.address(kind, slug)
        if url is None:
            return Piece(None, None, "", page.document.body_line)
        body = self.expanded()
        # Words that recur across thousands of pages are interned, as our layout's are: one string each in memory and
        # in the cache, which a warm scan loads.
        record = ArticleRecord(
            slug=slug,
            title=lines["title"] or title,
            published=published.isoformat(),
            category=sys.intern(lines["category"] or site.category or generator.section(site, page)),
            url=url,
            reading_time=self.fields.stated_reading_time() if self.key("reading_time") == "reading_time" else 0,
            summary=first_text(page.value(self.key("summary"))) or _excerpt(body),
            author=sys.intern(self.author()) or None,
            tags=tuple(sys.intern(tag.lower()) for tag in texts(page.value(self.key("tags")))),
            draft=self.draft(),
            related=self.fields.words("related", lambda s: bool(SLUG.fullmatch(s)), "slugs are lowercase words with hyphens")
            if self.key("related") == "related" and isinstance(page.value("related"), (list, str))  # not a theme's flag
            else (),
            image=(image := self.image()),
            image_alt=(first_text(page.value(self.key("image_alt"))) or title) if image else "",
            subject=lines["subject"] or "",
            preheader=lines["preheader"] or "",
            expires=self.expires(),
            base_url=_folder(page.address or url),
            language=sys.intern(generator.language(site, page)),
            translation=generator.translation(site, page),
        )
        valid = all(p.severity != "error" for p in self.out.problems[before:])
        return Piece(record if valid else None, record.author, body, page.document.body_line)

    def author(self) -> str:
        """The author the page names, else the site's own ("" for none)."""
        named = first_text(self.page.value(self.key("author")), ("name", "title", "id"))
        return named or self.generator.default_author(self.site)

    def one_line(self, name: str) -> str | None:
        """Our field ``name`` as a header or a line carries it: "" when the page gives none. The line breaks and tabs
        of a YAML block (a long title written over two lines) are spaces, as in the site's own HTML; a carriage
        return (only ever an escape, \\r) or another control character leaves the piece out with a warning
        (fields.header_line)."""
        key = self.key(name)
        text = first_text(self.page.value(key), ("name", "title")) if key else ""
        if text.isprintable():  # the usual line (what _FOLDED finds is not printable): nothing to fold or place
            return text
        text = _FOLDED.sub(" ", text)
        line, column = self.page.document.position(key) if key in self.page.document.fields else (self.start, 1)
        return header_line(self.out, self.page.shown, line, column, key or name, text, "warning", ": the piece is left out")

    def published(self) -> Any:
        key = self.key("date")
        if key is None:
            written = next((k for k in self.site.fields["date"] if not k.startswith(":")), "date")  # not Hugo's :filename
            self.warn("no date: the piece is left out", f"add {written}: YYYY-MM-DD to its front matter")
            return None
        value, zone, lenient = self.page.value(key), self.settings.timezone, self.generator.lenient_dates
        moment = read_date(value, zone, lenient)
        if moment is None:  # the site's generator may read it: the page is left out, it never stops an issue
            line, column = self.page.document.position(key) if key in self.page.document.fields else (self.start, 1)
            hint = "write it as YYYY-MM-DD, or with a time: 2025-01-29 18:15:32 +0100"
            what = (
                f"is out of range in the time zone {zone}"
                if out_of_range(value, zone, lenient)
                else "is not a date nieuwsbrief reads"
            )
            message = f"'{cut(printable(str(value)))}' {what}: the piece is left out"
            self.out.add(self.page.shown, line, column, message, hint, "warning")
        return moment

    def slug(self) -> str:
        key, page = self.key("slug"), self.page
        written = slugify(first_text(page.value(key))) if key else ""
        return written or self.generator.page_id(self.site, page) or _derived_slug(page.rel)

    def address(self, kind: str, slug: str) -> str | None:
        """The piece's web address ([links] article_url when set), with the page's own address kept on the page:
        its relative links and images resolve there, as a browser resolves them on the site."""
        settings, page = self.settings, self.page
        written = first_text(page.value(page.first(self.site.fields.get("url", ()))))
        try:
            is_absolute = written.startswith(("http://", "https://"))
            page.address = written if is_absolute else self.generator.address(self.site, page, settings, slug)
        except AddressError as exc:
            if settings.own_article_url:
                return settings.article_url.format(slug=slug, type=kind)
            message = f"its web address cannot be worked out ({exc}): the piece is left out"
            self.warn(message, "give it a url in its front matter, or set [links] article_url")
            return None
        return settings.article_url.format(slug=slug, type=kind) if settings.own_article_url else page.address

    def expanded(self) -> str:
        """The body with its template syntax written out; a note for each tag that gave way, at its file line."""
        site, page = self.site, self.page
        resolver = SiteResolver(self.generator, self.settings, site, page)
        body = self.generator.expand_links(site, page, page.document.body, resolver)
        if has_syntax(body):
            expanded = self.generator.expand(site, page, body, resolver)
            images = _may_show_images(expanded.text)
        else:
            images = _may_show_images(body)
            if not images and not _MAYBE_UNLINKED.search(body):
                return body  # the usual case: nothing to write out
            expanded = Expanded(body)
        if images:
            unshowable_images(expanded)
        unlinked(expanded)
        unreferenced(expanded)
        for line, message, hint in expanded.notes:
            self.out.add(page.shown, page.document.body_line + line - 1, 1, message, hint, "warning")
        for line, message, hint in expanded.errors:
            self.out.add(page.shown, page.document.body_line + line - 1, 1, message, hint)
        return expanded.text

    def draft(self) -> bool:
        chosen = self.site.fields.get("draft", ("draft",))
        if chosen != ("draft",):  # the settings name the key: a true value there keeps the piece out
            key = self.page.first(chosen)
            return key is not None and self.fields.flag(key)
        return self.generator.draft(self.site, self.page)

    def image(self) -> str:
        key = self.key("image")
        written = first_text(self.page.value(key)) if key else ""
        if not written:
            return ""
        url = self.generator.image(self.site, self.page, written)
        if not url:
            message = f"the image {written} has no fixed web address (the site's build processes it)"
            self.warn(message, "the issue shows the piece without it; put the image in public/ or give an https:// address", key)
            return ""
        extension = _unshowable_extension(url)
        if extension:
            message = f"the image is a .{extension}, which many mail clients cannot show"
            self.warn(message, "the issue shows the piece without it; use a PNG, JPG or GIF version", key)
            return ""
        return url

    def expires(self) -> str:
        key = self.key("expires")
        moment = read_date(self.page.value(key), self.settings.timezone) if key else None
        return moment.isoformat() if moment else ""


def _unshowable_extension(url: str) -> str:
    """The extension of an address's path when it is a format many mail clients cannot show, else "". The text after
    the last dot before any query or fragment is the path's extension whenever the path has a dot, so only an
    address where that text is such a format pays for urlsplit (ten times dearer) to be sure."""
    candidate = url.partition("#")[0].partition("?")[0].rsplit(".", 1)[-1].lower()
    if candidate not in _FORMATS_MAIL_CANNOT_SHOW:
        return ""
    path = urlsplit(url).path
    extension = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return extension if extension in _FORMATS_MAIL_CANNOT_SHOW else ""


def _derived_slug(rel: str) -> str:
    """The slug of a file whose name has no letter or digit (*.md, ?.md, **.md, which Hugo builds): its folder's,
    then its name's characters by number (2a for *), so that no two such names in a folder share one."""
    folder, _, name = rel.rpartition("/")
    marks = "-".join(f"{ord(char):x}" for char in name.rsplit(".", 1)[0][:8])
    return "-".join(part for part in (slugify(folder), marks) if part) or "piece"


def _one_line(text: str) -> str:
    """A site's title written over several lines, as its page shows it (HTML folds the line breaks): one line, which
    an email's Subject needs."""
    return " ".join(text.split()) if "\n" in text or "\r" in text else text


def _folder(address: str) -> str:
    """Where a page's relative links resolve: its own address as a folder (/x/), or the folder of /x.html."""
    return address if address.endswith("/") else address.rsplit("/", 1)[0] + "/"


def _excerpt(body: str) -> str:
    """The default summary: what comes before `<!--more-->` (Hugo, Jekyll), else the first paragraph."""
    head, more, _ = body.partition("<!--more-->")
    return markdown.summary(head if more else body, markdown.SUMMARY_CHARS)
