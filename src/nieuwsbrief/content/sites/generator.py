"""What every site generator's conventions answer, with the answers of a folder that follows none in particular
(our own field names, addresses from [links] article_url). hugo.py, jekyll.py, eleventy.py and astro.py each
override what their generator does differently.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

from ...config import Settings
from ...text import slugify
from ..text import Collector
from .permalinks import AddressError, absolute
from .site import Page, Site
from .syntax import Expanded, Resolver

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


class Generator:
    """The conventions of a folder of Markdown files that follows no generator in particular."""

    name = ""
    lenient_dates = False  # dates read as leniently as the generator's own parser (Jekyll's Time.parse)
    fields: ClassVar[dict[str, tuple[str, ...]]] = OWN_FIELDS
    author_fields: ClassVar[dict[str, tuple[str, ...]]] = OWN_AUTHOR_FIELDS

    def detect(self, root: Path) -> bool:
        """Whether ``root`` is a site this generator builds (by its own files)."""
        return False

    def read_site(self, root: Path, shown: str, language: str, out: Collector) -> dict[str, Any]:
        """What the site's own configuration says: base_url and base_path, title, timezone, language (the one of
        ``language`` the site has), and the generator's own options. Problems with its files go to ``out``."""
        return {}

    def globs(self, root: Path, options: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """The columns, articles and authors a site of this kind keeps, as globs under its root."""
        return ("content/columns/**/*.md",), ("content/articles/**/*.md",), ("content/authors/*.md",)

    def is_section(self, site: Site, rel: str) -> bool:
        """Whether a file is a section's own page (Hugo's _index.md): never a piece, but read for its cascade."""
        return False

    def wants(self, site: Site, rel: str) -> bool:
        """Whether a file the globs match is a page of the language read (not a section page, a draft folder, ...)."""
        return True

    def prepare(self, site: Site, page: Page, out: Collector) -> str:
        """Add what the generator derives (dates from file names, defaults, cascades); a reason to leave it out, or ""."""
        return ""

    def page_id(self, site: Site, page: Page) -> str:
        """Our slug for the page when its front matter gives none: its file name."""
        stem = page.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return slugify(stem)

    def draft(self, site: Site, page: Page) -> bool:
        return page.value("draft") is True

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

    def author_id(self, site: Site, rel: str) -> str:
        """An author file's id: its name, or its folder's for an index file (a Hugo taxonomy term page)."""
        parts = rel.split("/")
        stem = parts[-1].rsplit(".", 1)[0]
        return slugify(parts[-2] if stem in ("_index", "index") and len(parts) > 1 else stem)

    def default_author(self, site: Site) -> str:
        """The site's own author, for pieces that name none."""
        return str(site.option("author", ""))


def stated(url: str) -> str:
    """A site's address as its configuration states it, or "" for none, a relative one or a placeholder
    (the starters' and `hugo new site`'s example.com, example.org)."""
    url = url.strip()
    host = urlsplit(url).hostname or ""
    if not url.startswith(("http://", "https://")) or host.removeprefix("www.") in ("example.com", "example.org", "example.net"):
        return ""
    return url.rstrip("/")


def lower_keys(value: Any) -> Any:
    """A mapping with its keys lower-cased, all the way down (Hugo reads its keys without case)."""
    if isinstance(value, dict):
        return {str(key).lower(): lower_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [lower_keys(item) for item in value]
    return value
