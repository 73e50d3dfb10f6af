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
from collections.abc import Iterator, Mapping
from pathlib import Path

from ...config import Settings
from .base import Generator

_MODULES = frozenset(info.name for info in pkgutil.iter_modules(__path__))


class _Registry(Mapping[str, Generator]):
    """Each generator by its name ("" for base.py's), from the module of that name, imported when the name is first
    asked for: a run reads by one generator's conventions, and importing all seven is a hundredth of a second of
    every start. Listing the registry imports every module of the package."""

    def __init__(self) -> None:
        self._found: dict[str, Generator] = {"": Generator()}

    def __getitem__(self, name: str) -> Generator:
        if name not in self._found:
            if name in _MODULES:
                importlib.import_module(f"{__name__}.{name}")
            self._found[name] = _kinds()[name]()  # KeyError for a name no generator has
        return self._found[name]

    def __iter__(self) -> Iterator[str]:
        for module in sorted(_MODULES):
            importlib.import_module(f"{__name__}.{module}")
        return iter(sorted({"", *_kinds()}))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _kinds() -> dict[str, type[Generator]]:
    """Every Generator subclass imported so far, by its name (the first found, depth first, for a name taken twice)."""
    found: dict[str, type[Generator]] = {}
    stack = list(Generator.__subclasses__())
    while stack:
        kind = stack.pop()
        stack.extend(kind.__subclasses__())
        found.setdefault(kind.name, kind)
    return found


GENERATORS: Mapping[str, Generator] = _Registry()


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
