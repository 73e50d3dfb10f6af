"""What a body's template syntax asks of the site: the address of another page (Hugo's ref and relref, Jekyll's
link and post_url) and the values of its settings and of the page itself ({{ site.baseurl }}, {{ page.title }}).

Another page's address is worked out the way the scan does it, from that file's own front matter, which is
read here for the purpose, once per page that asks. Jekyll's posts are found through one index of the site's _posts
folders, built once per scan (forget_indexes) rather than by a walk per tag. A target that leaves the site's folder,
by .. or through a link, is never read: LeavesSite, an error at the tag's line.
"""

from __future__ import annotations

import functools
import os
import posixpath
from pathlib import PurePosixPath
from typing import Any, Protocol

from ...config import Settings
from ..text import Collector, read_text
from .permalinks import AddressError, absolute
from .site import Page, Site, first_text
from .syntax import LeavesSite


class Pages(Protocol):
    """What the resolver asks of the generator: another file as a page, and that page's address."""

    def page_of(self, settings: Settings, site: Site, rel: str, shown: str, text: str, out: Collector) -> Page | None: ...

    def address(self, site: Site, page: Page, settings: Settings, slug: str) -> str: ...

    def content_roots(self, site: Site) -> list[str]: ...


class SiteResolver:
    """Resolves the tags of one page's body against its site."""

    def __init__(self, generator: Pages, settings: Settings, site: Site, page: Page) -> None:
        self.generator = generator
        self.settings = settings
        self.site = site
        self.page = page
        self.addresses: dict[str, str | None] = {}  # a target asked for again costs nothing

    def ref(self, target: str) -> str | None:
        """Hugo's ref/relref: a path under the content folder, or beside this page, to that page's address."""
        path, _, anchor = target.partition("#")
        roots = self.generator.content_roots(self.site)
        here = str(PurePosixPath(self.page.rel).parent)
        bases = [here, *roots] if not path.startswith("/") else roots
        candidates = []
        for base in bases:
            joined = posixpath.normpath(f"{base}/{path.lstrip('/')}")
            stem = joined.removesuffix(".md")
            # a bundle or a plain page, with or without its extension: x, x.md, x/index.md, x/_index.md; and a
            # bundle's path for a plain page (fred/index.md is fred.md), as Hugo resolves them
            plain = stem.removesuffix("/index").removesuffix("/_index")
            candidates += [joined, f"{stem}.md", f"{stem}/index.md", f"{stem}/_index.md", f"{plain}.md"]
        address = next((found for candidate in candidates if (found := self._address_of(candidate))), None)
        if address is None and path and not path.startswith("/"):  # Hugo's last try: the one page of that name
            address = self._address_of(_named(self.site.root, tuple(roots), path.removesuffix(".md")))
        return f"{address}#{anchor}" if address and anchor else address

    def link(self, target: str) -> str | None:
        """Jekyll's link: a file's path under the site's root to its page's address."""
        return self._address_of(target.strip().lstrip("/"))

    def post_url(self, name: str) -> str | None:
        """Jekyll's post_url: 2025-01-29-title (perhaps in a folder) to that post's address."""
        rel = _posts_index(self.site.root).get(name.strip().strip("/"))
        return self._address_of(rel) if rel else None

    def variable(self, name: str) -> str | None:
        """{{ site.x }} from the site's configuration, {{ page.x }} from the front matter; None when unknown."""
        scope, _, key = name.partition(".")
        if scope == "site":
            if key == "url":
                return self.site.base_url
            if key == "baseurl":
                return "/" + self.site.base_url.split("/", 3)[3] if self.site.base_url.count("/") > 2 else ""
            value: Any = self.site.option("site", {}).get(key)
        elif scope == "page":
            value = self.page.value(key) if key != "url" else self.page.address
        else:
            return None
        return first_text(value) if value is not None and not isinstance(value, (dict, list)) else None

    def site_path(self, path: str) -> str:
        """Jekyll's relative_url and absolute_url, Eleventy's url filter: a site path as an address."""
        return absolute(self.site.base_url, path)

    def _address_of(self, rel: str) -> str | None:
        if rel not in self.addresses:
            self.addresses[rel] = self._read_address(rel)
        return self.addresses[rel]

    def _read_address(self, written: str) -> str | None:
        """The address of the page at ``written`` under the site's root; LeavesSite when that path leaves it."""
        rel = posixpath.normpath(written) if written else ""
        if rel == ".." or rel.startswith(("../", "/")):
            raise LeavesSite(written)
        path = os.path.join(self.site.root, rel)
        if not rel or not os.path.isfile(path):
            return None
        if os.path.commonpath([os.path.realpath(path), self.site.root]) != self.site.root:
            raise LeavesSite(written)  # a link inside the site to a file outside it
        out = Collector()
        read = read_text(self.settings.max_file_bytes, self.site.shown + rel, path, out)
        shown = self.site.shown + rel
        page = self.generator.page_of(self.settings, self.site, rel, shown, read[1], out) if read is not None else None
        if page is None:
            return None
        try:
            return self.generator.address(self.site, page, self.settings, "")
        except AddressError:
            return None


@functools.lru_cache(maxsize=8)
def _posts_index(root: str) -> dict[str, str]:
    """Every post under a _posts folder of the site, by the name post_url gives it (its path inside _posts, without
    the suffix): one walk of the site, not one per tag. The first _posts folder by name wins a name."""
    index: dict[str, str] = {}
    for directory, folders, files in os.walk(root):
        folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in ("node_modules", "_site", "vendor"))
        parts = os.path.relpath(directory, root).replace(os.sep, "/").split("/")
        if "_posts" not in parts:
            continue
        below = "".join(f"{part}/" for part in parts[parts.index("_posts") + 1 :])
        for name in sorted(files):
            stem, dot, suffix = name.rpartition(".")
            if dot and suffix in ("md", "markdown"):
                index.setdefault(below + stem, "/".join([*parts, name]))
    return index


@functools.lru_cache(maxsize=8)
def _names_index(root: str, roots: tuple[str, ...]) -> dict[str, list[str]]:
    """Every Markdown page under the content folders by its name (a bundle's, its folder's), as Hugo's reverse index
    of pages: one walk of them, not one per ref."""
    index: dict[str, list[str]] = {}
    for base in roots:
        for directory, folders, files in os.walk(os.path.join(root, base)):
            folders[:] = sorted(f for f in folders if not f.startswith("."))
            rel = os.path.relpath(directory, root).replace(os.sep, "/")
            for name in sorted(files):
                stem, dot, suffix = name.rpartition(".")
                if dot and suffix == "md" and not stem.startswith("_"):
                    key = rel.rsplit("/", 1)[-1] if stem == "index" else stem
                    index.setdefault(key, []).append(f"{rel}/{name}")
    return index


def _named(root: str, roots: tuple[str, ...], path: str) -> str:
    """The one page whose name is the ref's last part and whose path ends in the ref ("" when none, or when more
    than one has it: Hugo calls that ref ambiguous)."""
    found = [
        rel
        for rel in _names_index(root, roots).get(path.rsplit("/", 1)[-1], [])
        if rel.removesuffix(".md").removesuffix("/index").endswith("/" + path.strip("/"))
    ]
    return found[0] if len(found) == 1 else ""


def forget_indexes() -> None:
    """A new scan builds the indexes again: the site may have changed since the last."""
    _posts_index.cache_clear()
    _names_index.cache_clear()
