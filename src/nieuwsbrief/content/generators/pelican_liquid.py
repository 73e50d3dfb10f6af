"""Pelican's liquid_tags plugins (pelican-plugins' liquid_tags, pelican-ipynb's `ipynb.liquid`) written out as the
Markdown they stand for: `{% img %}` an image, `{% video %}` its poster linked to the video (mail plays no video),
`{% youtube %}` and `{% vimeo %}` a link, `{% include_code %}` the file under CODE_DIR as a code block,
`{% literal x %}` the tag `{% x %}` as text, and `{% notebook %}` the notebook's cells: its Markdown as written, its
code as code blocks with their text output (images in outputs are left out).

Files are read from under the site's content folder only, within MAX_ADDED characters a body; a tag whose file is
not there leaves nothing, as the plugin writes an error in its place. A tag this module does not know stays as it is
written: the plugin shows it as text too.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

from ...atomic import read_regular
from . import permalinks as links
from .syntax import MAX_ADDED, fence

MAX_NOTEBOOK_BYTES = 32_000_000  # a notebook's file, its output images included (a few MB in real posts)
TAGS = ("img", "video", "youtube", "vimeo", "include_code", "literal", "notebook")
_TAG = re.compile(r"\{%[ \t]*(?P<name>" + "|".join(TAGS) + r")(?:[ \t]+(?P<args>[^%\n]*?))?[ \t]*%\}")
_IMG = re.compile(
    r"(?P<cls>\S.*?\s+)??(?P<src>(?:https?://|/|\S+/)\S+)(?:\s+(?P<width>\d+))?(?:\s+(?P<height>\d+))?(?P<title>\s+.+)?$"
)
_TITLE_ALT = re.compile(r"""["'](?P<title>[^"']*)["']\s+["'](?P<alt>[^"']*)["']""")
_CELLS = re.compile(r"\bcells\[(?P<start>-?\d*):(?P<end>-?\d*)\]")


def runs_liquid_tags(plugins: Any) -> bool:
    """Whether PLUGINS names a liquid_tags plugin or pelican-ipynb's liquid mode."""
    names = plugins if isinstance(plugins, (list, tuple)) else []
    return any(isinstance(name, str) and ("liquid_tags" in name or name.endswith("ipynb.liquid")) for name in names)


class LiquidTags:
    """The tags of one body, with the site's address and folders."""

    def __init__(self, root: str, content: str, base_url: str, code_dir: str, notebook_dir: str) -> None:
        self.root = root
        self.content = content
        self.base_url = base_url
        self.code_dir = code_dir.strip("/")
        self.notebook_dir = notebook_dir.strip("/")
        self.budget = MAX_ADDED

    def expand(self, body: str) -> str:
        return _TAG.sub(self._tag, body) if "{%" in body else body

    def _tag(self, match: re.Match[str]) -> str:
        name, args = match.group("name"), (match.group("args") or "").strip()
        if name == "literal":
            return "{% " + args + " %}"
        if name == "img":
            return self._image(args)
        if name == "video":
            return self._video(args)
        if name in ("youtube", "vimeo"):
            words = args.split()
            if not words:
                return ""
            address = f"https://www.youtube.com/watch?v={words[0]}" if name == "youtube" else f"https://vimeo.com/{words[0]}"
            return f"[{address}]({address})"
        if name == "include_code":
            return self._code(args)
        return self._notebook(args)

    def _address(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else links.absolute(self.base_url, path)

    def _image(self, args: str) -> str:
        found = _IMG.match(args)
        if found is None:
            return ""
        title = (found.group("title") or "").strip()
        pair = _TITLE_ALT.match(title)
        alt = pair.group("alt") if pair else title.strip("\"'")
        if alt.startswith("[") and alt.endswith("]"):
            alt = alt[1:-1]
        return f"![{alt}]({self._address(found.group('src'))})"

    def _video(self, args: str) -> str:
        words = args.split()
        if not words:
            return ""
        video = words[0]
        posters = [word for word in words[1:] if not word.isdigit()]
        name = video.rsplit("/", 1)[-1]
        if posters:
            return f"[![{name}]({self._address(posters[0])})]({self._address(video)})"
        return f"[{name}]({self._address(video)})"

    def _code(self, args: str) -> str:
        words = args.split()
        if not words:
            return ""
        language = next((word[len("lang:") :] for word in words[1:] if word.startswith("lang:")), "")
        title = " ".join(word for word in words[1:] if not word.startswith(("lang:", "lines:")) and word != ":hidefilename:")
        text = self._read(f"{self.code_dir}/{words[0]}" if self.code_dir else words[0])
        if text is None:
            return ""
        return (f"**{title}**\n\n" if title else "") + fence(text, language).strip("\n")

    def _notebook(self, args: str) -> str:
        words = args.split()
        if not words:
            return ""
        text = self._read(words[0], MAX_NOTEBOOK_BYTES)
        if text is None and self.notebook_dir:
            text = self._read(f"{self.notebook_dir}/{words[0]}", MAX_NOTEBOOK_BYTES)
        try:
            notebook = json.loads(text) if text else None
        except ValueError:
            notebook = None
        if not isinstance(notebook, dict):
            return ""
        cells = _cells(notebook)
        found = _CELLS.search(args)
        if found:
            start, end = found.group("start"), found.group("end")
            cells = cells[int(start) if start else None : int(end) if end else None]
        language = _language(notebook)
        written = "\n\n".join(part for part in (_cell(cell, language) for cell in cells) if part)
        if len(written) > self.budget:
            return ""
        self.budget -= len(written)
        return written

    def _read(self, name: str, limit: int = 0) -> str | None:
        """A file under the content folder, or None (not there, outside it, or beyond the budget). With ``limit``,
        a file of at most that many bytes whose text the caller counts against the budget itself."""
        folder = os.path.realpath(os.path.join(self.root, self.content))
        path = os.path.realpath(os.path.join(folder, name.lstrip("/")))
        if os.path.commonpath([path, folder]) != folder or not os.path.isfile(path):
            return None
        try:
            raw, _ = read_regular(path, limit or self.budget)
        except OSError:
            return None
        if len(raw) > (limit or self.budget):
            return None
        if not limit:
            self.budget -= len(raw)
        return raw.decode("utf-8", "replace")


def _text(value: Any) -> str:
    return "".join(str(part) for part in value) if isinstance(value, list) else str(value or "")


def _cells(notebook: dict[str, Any]) -> list[dict[str, Any]]:
    """The cells of a notebook in nbformat 4, or of the first worksheet in nbformat 3."""
    cells = notebook.get("cells")
    if cells is None:
        sheets = notebook.get("worksheets") or [{}]
        cells = sheets[0].get("cells") if isinstance(sheets[0], dict) else None
    return [cell for cell in cells or [] if isinstance(cell, dict)]


def _language(notebook: dict[str, Any]) -> str:
    metadata = notebook.get("metadata") if isinstance(notebook.get("metadata"), dict) else {}
    info = metadata.get("language_info") if isinstance(metadata, dict) else None
    return str(info.get("name") or "python") if isinstance(info, dict) else "python"


def _cell(cell: dict[str, Any], language: str) -> str:
    kind = cell.get("cell_type")
    if kind == "markdown":
        return _text(cell.get("source")).strip("\n")
    if kind == "heading":  # nbformat 3
        return "#" * int(cell.get("level") or 1) + " " + _text(cell.get("source")).strip()
    if kind != "code":
        return ""
    source = _text(cell.get("source", cell.get("input")))
    parts = [fence(source, str(cell.get("language") or language)).strip("\n")] if source.strip() else []
    for output in cell.get("outputs") or []:
        if not isinstance(output, dict):
            continue
        shown = output.get("output_type")
        if shown == "stream":
            text = _text(output.get("text"))
        elif shown in ("execute_result", "pyout"):
            data = output.get("data") if isinstance(output.get("data"), dict) else {}
            text = _text(data.get("text/plain") if data else output.get("text"))
        else:  # display_data (images), errors
            text = ""
        if text.strip():
            parts.append(fence(text, "").strip("\n"))
    return "\n\n".join(parts)
