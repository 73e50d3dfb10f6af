"""A site's folder read as it is: Hugo, Jekyll, Eleventy and Astro conventions, chosen by `[content] preset`.

Our own layout (content/columns, articles, authors) does not come here: it keeps the fast path of
content/index.py. A project whose `[content]` section names a preset, a root, globs or a field map is read here:

  site.py        the Site (folder, globs, field map, what the site's configuration says) and a Page
  generator.py   the conventions every generator answers, with those of a folder that follows none
  hugo.py · jekyll.py · eleventy.py · astro.py   each generator's own (configuration, dates, drafts, addresses)
  permalinks.py  web addresses the generators' way: Hugo's tokens and urlize, Jekyll's placeholders and slugify
  syntax.py      shortcodes, Liquid and kramdown written out as Markdown before markdown.py sees a body
  formats.py     TOML (+++) and JSON front matter, and data files; dates.py the generators' date forms
  globs.py       glob lists; pieces.py one file -> its entry; scan.py the scan, cache and workers included
"""

from __future__ import annotations

from pathlib import Path

from ...config import SETTINGS_FILE, Settings
from ..text import Collector
from .astro import Astro
from .eleventy import Eleventy
from .generator import Generator, stated
from .hugo import Hugo
from .jekyll import Jekyll
from .site import Site

GENERATORS: dict[str, Generator] = {g.name: g for g in (Generator(), Hugo(), Jekyll(), Eleventy(), Astro())}
# The order init --from tries them in: a Jekyll site may hold a package.json, an Astro site a _config.yml seldom.
DETECTION_ORDER = ("hugo", "astro", "eleventy", "jekyll")


def is_mapped(settings: Settings) -> bool:
    """Whether [content] points at a site's folder (or a layout of its own) instead of our content/ layout."""
    return bool(
        settings.content_preset
        or settings.content_root
        or settings.content_columns
        or settings.content_articles
        or settings.content_authors
        or settings.content_fields
        or settings.content_author_fields
    )


def detect(root: Path) -> str:
    """The generator that builds the site in ``root``, by its own files; "" when none is recognised."""
    return next((name for name in DETECTION_ORDER if GENERATORS[name].detect(root)), "")


def site_root(settings: Settings) -> tuple[Path, str]:
    """The site's folder and how paths under it are shown: relative to the project as written, or absolute."""
    written = settings.content_root.strip()
    if not written or written in (".", "./"):
        return settings.project, ""
    root = Path(written).expanduser()
    shown = written.rstrip("/") + "/"
    return (root if root.is_absolute() else settings.project / root), shown


def resolve_site(settings: Settings, out: Collector) -> Site | None:
    """The Site the settings describe, with what its own configuration says; None (and a problem) without a folder."""
    generator = GENERATORS[settings.content_preset]
    root, shown = site_root(settings)
    if not root.is_dir():
        out.add(
            SETTINGS_FILE,
            0,
            0,
            f"the site folder {settings.content_root or '.'} is not found",
            "set [content] root to the folder of your site",
        )
        return None
    options = generator.read_site(root, shown, settings.content_language, out)
    columns, articles, authors = generator.globs(root, options)
    # The site's own address when its configuration states one (starters' example.com does not count), under
    # its base path (Jekyll's baseurl, Astro's base, Eleventy's pathPrefix).
    base = (options.pop("base_url", "") or settings.base_url).rstrip("/") + options.pop("base_path", "")
    case = _lower if generator.name == "hugo" else _as_is  # Hugo reads front matter keys without case
    return Site(
        generator=generator.name,
        root=str(root.resolve()),
        shown=shown,
        base_url=base.rstrip("/"),
        language=str(options.pop("language", "") or settings.content_language),
        timezone=str(options.pop("timezone", "") or settings.timezone),
        columns=settings.content_columns or columns,
        articles=settings.content_articles or articles,
        authors=settings.content_authors or authors,
        fields={**generator.fields, **case(dict(settings.content_fields))},
        author_fields={**generator.author_fields, **case(dict(settings.content_author_fields))},
        category=settings.content_category,
        options=options,
    )


def _as_is(fields: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return fields


def _lower(fields: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {name: tuple(key.lower() for key in keys) for name, keys in fields.items()}


__all__ = ["DETECTION_ORDER", "GENERATORS", "Site", "detect", "is_mapped", "resolve_site", "site_root", "stated"]
