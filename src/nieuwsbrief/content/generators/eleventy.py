"""Eleventy's conventions (https://www.11ty.dev/), as its base blog uses them: the input folder from
eleventy.config.js (`dir.input`), the site's address and author from _data/metadata, posts under blog/ or posts/,
`date`, `draft`, `permalink` (a plain path, or false for a page Eleventy does not write), cool URLs
(`blog/x.md` and `blog/x/x.md` are /blog/x/), and Nunjucks or Liquid in Markdown. `.mdx` is not read.

The configuration is JavaScript, which nieuwsbrief does not run: the few settings it needs are read from their
usual written form (`input: "content"`, `url: "https://..."`), and anything else falls back to the defaults.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, ClassVar

from ...config import Settings
from ...text import slugify
from ..text import Collector, site_text
from . import permalinks as links
from .base import OWN_FIELDS, Generator, stated
from .liquid import expand_liquid
from .site import Page, Site
from .syntax import Expanded, Resolver

CONFIG_NAMES = ("eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs", ".eleventy.js")
# `key: "value"` as JavaScript or JSON writes it (the key may be quoted).
_INPUT = re.compile(r"""\binput["']?\s*:\s*["']([^"']+)["']""")
_DATA = re.compile(r"""\bdata["']?\s*:\s*["']([^"']+)["']""")
_PREFIX = re.compile(r"""\bpathPrefix["']?\s*:\s*["']([^"']+)["']""")
_URL = re.compile(r"""\b(?:url|baseUrl|baseURL|siteUrl)["']?\s*:\s*["'](https?://[^"']+)["']""")
_TITLE = re.compile(r"""\btitle["']?\s*:\s*["']([^"']+)["']""")
# Inside author: { ... } the search for name: stops at the next {, so a file repeating "author: {" is one pass.
_AUTHOR = re.compile(r"""\bauthor["']?\s*:\s*(?:\{[^{}]*?\bname["']?\s*:\s*)?["']([^"']+)["']""")


class Eleventy(Generator):
    name = "eleventy"
    detection = 3
    fields: ClassVar[dict[str, tuple[str, ...]]] = {**OWN_FIELDS, "summary": ("description", "summary", "excerpt")}

    def detect(self, root: Path) -> bool:
        if any((root / name).is_file() for name in CONFIG_NAMES):
            return True
        package = root / "package.json"
        return package.is_file() and '"@11ty/eleventy"' in site_text(package)

    def read_site(self, root: Path, shown: str, language: str, out: Collector) -> dict[str, Any]:
        config = next((root / name for name in CONFIG_NAMES if (root / name).is_file()), None)
        text = site_text(config) if config else ""
        found = _INPUT.search(text)
        source = found.group(1).strip("./") if found else ""
        data = _DATA.search(text)
        data_dir = str((Path(source) / data.group(1)) if data else Path(source) / "_data").replace("\\", "/")
        prefix = _PREFIX.search(text)
        metadata = _metadata(root / data_dir.lstrip("./"))
        url = _URL.search(metadata)
        author = _AUTHOR.search(metadata)
        title = _TITLE.search(metadata)
        return {
            "base_url": stated(url.group(1)) if url else "",
            "title": title.group(1) if title else "",
            "base_path": "/" + prefix.group(1).strip("/") if prefix and prefix.group(1).strip("/") else "",
            "input": "" if source in ("", ".") else source.strip("/"),
            "author": author.group(1) if author and author.group(1) != "Your Name Here" else "",
        }

    def globs(self, root: Path, options: dict[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        source = f"{options['input']}/" if options.get("input") else ""
        folders = [name for name in ("blog", "posts", "post", "articles", "nieuws") if (root / source / name).is_dir()]
        pieces = tuple(f"{source}{name}/**/*.{{md,mdx}}" for name in folders) or (f"{source}**/*.{{md,mdx}}",)
        return pieces, pieces, (f"{source}authors/*.md",)

    def wants(self, site: Site, rel: str) -> bool:
        return not rel.rsplit("/", 1)[-1].startswith("index.") or rel.count("/") > 1

    def page_id(self, site: Site, page: Page) -> str:
        return slugify(_stem(self._inner(site, page.rel)).rsplit("/", 1)[-1] or "index")

    def draft(self, site: Site, page: Page) -> bool:
        return (
            page.value("draft") is True
            or page.value("permalink") is False
            or page.value("eleventyExcludeFromCollections") is True
        )

    def prepare(self, site: Site, page: Page, out: Collector) -> str:
        tags = page.value("tags")
        if isinstance(tags, list | str):  # "posts" names the collection: every post has it, it says nothing
            kept = [tag for tag in (tags if isinstance(tags, list) else [tags]) if str(tag) not in ("post", "posts")]
            page.add("tags", kept, replace=True)
        return ""

    def address(self, site: Site, page: Page, settings: Settings, slug: str) -> str:
        written = page.value("permalink")
        if isinstance(written, str) and written.strip():
            if links.has_template_syntax(written):
                raise links.AddressError(f"its permalink {written!r} is a template, which nieuwsbrief does not run")
            path = "/" + written.strip().lstrip("/")
            path = path[: -len("index.html")] if path.endswith("/index.html") else path
        else:
            path = "/" + _stem(self._inner(site, page.rel)) + "/" if _stem(self._inner(site, page.rel)) else "/"
        return links.absolute(site.base_url, links.quote_path(path))

    def expand(self, site: Site, page: Page, body: str, resolver: Resolver) -> Expanded:
        return expand_liquid(body, resolver, kramdown=False)

    def _inner(self, site: Site, rel: str) -> str:
        source = site.option("input", "")
        return rel[len(source) + 1 :] if source and rel.startswith(source + "/") else rel


def _stem(inner: str) -> str:
    """Eleventy's default output path: index files and `x/x.md` stand for their folder."""
    parts = inner.rsplit(".", 1)[0].split("/")
    if parts[-1] == "index" or (len(parts) > 1 and parts[-1] == parts[-2]):
        parts = parts[:-1]
    return "/".join(parts)


def _metadata(data_dir: Path) -> str:
    """The site's metadata file's text (_data/metadata.js or .json, or site.json): where its address is written."""
    for name in ("metadata.js", "metadata.mjs", "metadata.cjs", "metadata.json", "site.json", "site.js"):
        path = data_dir / name
        if path.is_file():
            text = site_text(path)
            if name.endswith(".json"):
                try:
                    return json.dumps(json.loads(text))  # normalised, so the same patterns read it
                except ValueError:
                    return ""
            return text
    return ""
