"""What a body's template syntax asks of the site: the address of another page (Hugo's ref and relref, Jekyll's
link and post_url) and the values of its settings and of the page itself ({{ site.baseurl }}, {{ page.title }}).

Another page's address is worked out the way the scan does it, from that file's own front matter, which is
read here for the purpose (a file is read once per process).
"""

from __future__ import annotations

import os
from pathlib import PurePosixPath
from typing import Any, Protocol

from ...config import Settings
from ..text import Collector, read_text
from .permalinks import AddressError, absolute
from .site import Page, Site, first_text


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

    def ref(self, target: str) -> str | None:
        """Hugo's ref/relref: a path under the content folder, or beside this page, to that page's address."""
        path, _, anchor = target.partition("#")
        roots = self.generator.content_roots(self.site)
        here = str(PurePosixPath(self.page.rel).parent)
        bases = [here, *roots] if not path.startswith("/") else roots
        candidates = []
        for base in bases:
            joined = os.path.normpath(f"{base}/{path.lstrip('/')}").replace(os.sep, "/")
            stem = joined.removesuffix(".md")
            # a bundle or a plain page, with or without its extension: x, x.md, x/index.md, x/_index.md; and a
            # bundle's path for a plain page (fred/index.md is fred.md), as Hugo resolves them
            plain = stem.removesuffix("/index").removesuffix("/_index")
            candidates += [joined, f"{stem}.md", f"{stem}/index.md", f"{stem}/_index.md", f"{plain}.md"]
        address = next((found for candidate in candidates if (found := self._address_of(candidate))), None)
        return f"{address}#{anchor}" if address and anchor else address

    def link(self, target: str) -> str | None:
        """Jekyll's link: a file's path under the site's root to its page's address."""
        return self._address_of(target.strip().lstrip("/"))

    def post_url(self, name: str) -> str | None:
        """Jekyll's post_url: 2025-01-29-title (perhaps in a folder) to that post's address."""
        name = name.strip()
        folder, _, stem = name.rpartition("/")
        for posts in sorted(self._posts_folders()):
            for suffix in (".md", ".markdown"):
                address = self._address_of(f"{posts}/{folder + '/' if folder else ''}{stem}{suffix}")
                if address:
                    return address
        return None

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

    def _posts_folders(self) -> set[str]:
        found = set()
        for directory, folders, _ in os.walk(self.site.root):
            folders[:] = sorted(f for f in folders if not f.startswith(".") and f not in ("node_modules", "_site", "vendor"))
            if os.path.basename(directory) == "_posts":
                found.add(os.path.relpath(directory, self.site.root).replace(os.sep, "/"))
        return found

    def _address_of(self, rel: str) -> str | None:
        path = os.path.join(self.site.root, rel)
        if not rel or rel.startswith("..") or not os.path.isfile(path):
            return None
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
