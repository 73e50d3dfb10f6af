"""The generators whose conventions read the content, one base class and one registry (Pelican's model).

Every Generator subclass in this package registers itself by its name: our own layout (own.py), Hugo, Jekyll,
Eleventy, Astro, Pelican and MkDocs (Material's blog), each in a module of its own, over the conventions of a folder that follows none in particular
(base.py, name ""). A new generator is one module here (and its name in config/content_schema.py PRESETS, which
tests/test_sites.py holds to this registry):

  base.py        Generator: the conventions every generator answers, and how one file is read through them
  site.py        the Site (folder, globs, field map, what its configuration says) and a Page (one file's values)
  own.py · hugo.py · jekyll.py · eleventy.py · astro.py · pelican.py · mkdocs.py   each generator's own conventions
  permalinks.py · dates.py · globs.py   web addresses, dates and glob lists the generators' way
  jsliteral.py   the literal values of JavaScript configuration and data files, read without running them
  syntax.py · shortcodes.py · liquid.py · resolver.py   template syntax written out as Markdown (Hugo's
                 shortcodes, Liquid and Nunjucks), and the other pages it refers to
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from ...config import Settings
from .base import Generator


def _registry() -> dict[str, Generator]:
    for module in sorted(info.name for info in pkgutil.iter_modules(__path__)):
        importlib.import_module(f"{__name__}.{module}")
    found: dict[str, Generator] = {"": Generator()}
    stack = list(Generator.__subclasses__())
    while stack:
        kind = stack.pop()
        stack.extend(kind.__subclasses__())
        found.setdefault(kind.name, kind())
    return dict(sorted(found.items()))


GENERATORS = _registry()


def generator_of(settings: Settings) -> Generator:
    """The generator whose conventions read the project's content: [content] preset's; with only a folder, globs or a
    field map, a folder that follows no generator in particular; with none of these, our own layout."""
    if settings.content_preset:
        return GENERATORS[settings.content_preset]
    written = (
        settings.content_root,
        settings.content_columns,
        settings.content_articles,
        settings.content_authors,
        settings.content_fields,
        settings.content_author_fields,
    )
    return GENERATORS["" if any(written) else "own"]


def detect(root: Path) -> str:
    """The generator that builds the site in ``root``, by its own files; "" when none is recognised."""
    tried = sorted((g for g in GENERATORS.values() if g.detection), key=lambda g: g.detection)
    return next((g.name for g in tried if g.detect(root)), "")


__all__ = ["GENERATORS", "Generator", "detect", "generator_of"]
