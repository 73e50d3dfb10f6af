"""Local image files and their size in pixels: the only user of imagesize.

An image a piece links with a path rather than a URL is looked for where the site keeps it: a relative path
("grafiek.png") beside the Markdown file (Hugo page bundles, Jekyll posts with their assets); a root-relative one
("/images/grafiek.png") under the project's static/ (Hugo), public/ (Astro, Eleventy) or the project folder itself
(Jekyll). Nothing outside the project is read, and nothing is fetched: a remote image's size stays unknown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

ImageSize = Callable[[str], "tuple[int, int] | None"]
STATIC_FOLDERS = ("static", "public", "")


def unknown_size(src: str) -> tuple[int, int] | None:
    return None


def local_sizes(project: Path, markdown_file: str) -> ImageSize:
    """How to find the pixel size of an image that ``markdown_file`` (relative to ``project``) links."""
    root = project.resolve()
    folder = (root / markdown_file).parent

    def size(src: str) -> tuple[int, int] | None:
        parts = urlsplit(src)
        if parts.scheme or parts.netloc or not parts.path:
            return None
        path = unquote(parts.path)
        within = [root / static for static in STATIC_FOLDERS] if path.startswith("/") else [folder]
        for candidate in (place / path.lstrip("/") for place in within):
            found = _size_of(candidate.resolve(), root)
            if found is not None:
                return found
        return None

    return size


def _size_of(path: Path, root: Path) -> tuple[int, int] | None:
    if not path.is_relative_to(root) or not path.is_file():
        return None
    import imagesize  # type: ignore[import-untyped]  # only when an image is a local file: it loads urllib.request

    try:
        width, height = imagesize.get(str(path))
    except (OSError, ValueError):
        return None
    return (width, height) if width > 0 and height > 0 else None
