"""Astro's conventions (https://docs.astro.build/), as its blog starter uses them: content collections in
src/content/<collection>/ (`pubDate`, `heroImage`, `description`, `updatedDate`), pages at /<collection>/<id>/, the
site's address from astro.config (`site`, `base`, `trailingSlash`). `.mdx` is not read.

An image written relative to the Markdown file (`heroImage: '../../assets/x.jpg'`) is processed by Astro into an
address with a content hash that only a build knows: such an image is left out of the issue, with a note.
Images in public/ (`/x.jpg`) keep their address.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, ClassVar

from ...config import Settings
from ...text import slugify
from ..text import Collector, site_text
from . import permalinks as links
from .base import OWN_FIELDS, Generator, stated
from .site import Page, Site
from .syntax import Expanded, Resolver

CONFIG_NAMES = ("astro.config.mjs", "astro.config.ts", "astro.config.js", "astro.config.mts", "astro.config.cjs")
_SITE = re.compile(r"""\bsite\s*:\s*["'](https?://[^"']+)["']""")
_BASE = re.compile(r"""\bbase\s*:\s*["']([^"']+)["']""")
_TITLE = re.compile(r"""\bSITE_TITLE\s*=\s*["']([^"']+)["']""")
_TRAILING = re.compile(r"""\btrailingSlash\s*:\s*["'](always|never|ignore)["']""")


class Astro(Generator):
    name = "astro"
    detection = 2
    fields: ClassVar[dict[str, tuple[str, ...]]] = {
        **OWN_FIELDS,
        "date": ("pubDate", "pubdate", "date", "publishDate"),
        "summary": ("description", "summary", "excerpt"),
        "image": ("heroImage", "image", "cover", "coverImage", "ogImage"),
        "image_alt": ("heroImageAlt", "imageAlt", "image_alt", "alt"),
    }

    def detect(self, root: Path) -> bool:
        return any((root / name).is_file() for name in CONFIG_NAMES)

    def read_site(self, root: Path, shown: str, language: str, out: Collector) -> dict[str, Any]:
        config = next((root / name for name in CONFIG_NAMES if (root / name).is_file()), None)
        text = site_text(config) if config else ""
        site, base, trailing = _SITE.search(text), _BASE.search(text), _TRAILING.search(text)
        constants = root / "src" / "consts.ts"
        title = _TITLE.search(site_text(constants)) if constants.is_file() else None
        return {
            "base_url": stated(site.group(1)) if site else "",
            "title": title.group(1) if title else "",
            "base_path": "/" + base.group(1).strip("/") if base and base.group(1).strip("/") else "",
            "trailing_slash": trailing.group(1) if trailing else "ignore",
        }

    def globs(self, root: Path, options: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        folder = root / "src" / "content"
        collections = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
        wanted = [name for name in collections if name in ("blog", "posts", "post", "articles", "news", "nieuws")] or collections[
            :1
        ]
        pieces = tuple(f"src/content/{name}/**/*.{{md,mdx}}" for name in wanted) or ("src/content/blog/**/*.{md,mdx}",)
        return pieces, pieces, ("src/content/authors/*.{md,json,yaml,yml}",)

    def page_id(self, site: Site, page: Page) -> str:
        return slugify(self._id(page).rsplit("/", 1)[-1])

    def address(self, site: Site, page: Page, settings: Settings, slug: str) -> str:
        collection = page.rel.split("/")[2] if page.rel.startswith("src/content/") else ""
        path = f"/{collection}/{self._id(page)}"
        if site.option("trailing_slash") != "never":
            path += "/"
        return links.absolute(site.base_url, links.quote_path(path))

    def image(self, site: Site, page: Page, written: str) -> str:
        if written.startswith(("http://", "https://", "/")):
            return super().image(site, page, written)
        return ""  # processed by Astro's image service: its address holds a hash only a build knows

    def expand(self, site: Site, page: Page, body: str, resolver: Resolver) -> Expanded:
        return Expanded(body)  # Astro's Markdown has no template syntax; MDX is not read

    def _id(self, page: Page) -> str:
        """The glob loader's id: the slug front matter, else the path inside the collection, slugged per folder."""
        written = page.value("slug")
        if isinstance(written, str) and written.strip():
            return written.strip().strip("/")
        inner = "/".join(page.rel.split("/")[3:]).rsplit(".", 1)[0]
        parts = [_github_slug(part) for part in inner.split("/")]
        if parts and parts[-1] == "index":
            parts = parts[:-1]
        return "/".join(parts)


def _github_slug(text: str) -> str:
    """github-slugger, which Astro's glob loader uses: lower case, spaces to hyphens, punctuation dropped."""
    return re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")
