"""Liquid (Jekyll) and Nunjucks (Eleventy) written out as Markdown: `{% link … %}`, `{% post_url … %}`,
`{% highlight %}`, `{{ site.baseurl }}`, `{{ "/x" | relative_url }}`; and kramdown's attribute lines (`{: .class}`).
"""

from __future__ import annotations

import re
import shlex

from .syntax import Expanded, Resolver, Tag, fence, paired, render

_LIQUID = re.compile(r"\{%-?\s*(?P<name>\w+)(?P<args>.*?)-?%\}|\{\{-?(?P<output>.*?)-?\}\}", re.DOTALL)
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.DOTALL)
# Tags that only set something up for the template: they leave nothing to read.
_SILENT = {"assign", "set", "increment", "decrement", "layout", "extends", "import", "from", "seo", "feed_meta"}


def expand_liquid(body: str, resolver: Resolver, kramdown: bool) -> Expanded:
    """Liquid (Jekyll) or Nunjucks (Eleventy); with ``kramdown``, its attribute lines and extensions too."""
    expanded = Expanded("", body=body)
    pieces: list[str] = []
    position = 0
    for raw in _RAW.finditer(body):  # raw blocks are text, exactly as written
        pieces.append(_liquid_part(body, position, raw.start(), resolver, expanded))
        pieces.append(raw.group(1))
        position = raw.end()
    pieces.append(_liquid_part(body, position, len(body), resolver, expanded))
    text = "".join(pieces)
    if kramdown:
        text = _without_kramdown(text)
    expanded.text = text
    return expanded


def _liquid_part(body: str, start: int, end: int, resolver: Resolver, expanded: Expanded) -> str:
    tags = []
    for match in _LIQUID.finditer(body, start, end):
        if match.group("name"):
            name = match.group("name")
            closing = name.startswith("end")
            tags.append(Tag(match.start(), match.end(), name[3:] if closing else name, match.group("args").strip(), closing))
        else:
            tags.append(Tag(match.start(), match.end(), "{{", match.group("output").strip()))
    return render(body, paired(tags), start, end, lambda tag, inner: _liquid(tag, inner, resolver), expanded)


def _liquid(tag: Tag, inner: str | None, resolver: Resolver) -> str | None:
    name = tag.name
    if name == "{{":
        return _output(tag.args, resolver)
    if name == "comment" or name in _SILENT:
        return ""
    if name == "highlight" and inner is not None:
        return fence(inner, tag.args.split()[0] if tag.args else "")
    if name == "link":
        return resolver.link(_unquoted(tag.args))
    if name == "post_url":
        return resolver.post_url(_unquoted(tag.args))
    return None


def _output(expression: str, resolver: Resolver) -> str | None:
    """{{ site.baseurl }}, {{ page.title }}, {{ "/x" | relative_url }}: a value, or None when unknown."""
    value_text, *filters = [part.strip() for part in expression.split("|")]
    quoted = re.fullmatch(r"""(["'])(.*)\1""", value_text)
    value = quoted.group(2) if quoted else resolver.variable(value_text)
    if value is None:
        return None
    for name in filters:
        if name in ("relative_url", "absolute_url", "url"):
            value = resolver.site_path(value)
        elif name not in ("escape", "xml_escape", "strip", "safe", "markdownify"):
            return None
    return value


def _unquoted(text: str) -> str:
    try:
        words = shlex.split(text)
    except ValueError:
        words = text.split()
    return words[0] if words else ""


_KRAMDOWN_TOC = re.compile(r"^[ \t]*[*+-][ \t]+.*\n[ \t]*\{:[ \t]*toc[ \t]*\}[ \t]*$", re.MULTILINE)
_KRAMDOWN_BLOCK = re.compile(r"\{::(comment|nomarkdown)\}(.*?)\{:/(?:\1)?\}", re.DOTALL)
_KRAMDOWN_LINE = re.compile(r"^[ \t]*\{::?[^}\n]*\}[ \t]*\n?", re.MULTILINE)
_KRAMDOWN_SPAN = re.compile(r"\{:[ \t]*[.#][^}\n]*\}|\{:[ \t]*\w+=[^}\n]*\}")


def _without_kramdown(text: str) -> str:
    """Kramdown's attribute lists and extensions are instructions, never text: `{: .note}` on its own line or
    after a span, `{::options … /}`, `{::comment}…{:/comment}` (dropped), `{::nomarkdown}…{:/}` (its inside
    kept), and a generated table of contents (`* TOC` over `{:toc}`)."""
    text = _KRAMDOWN_TOC.sub("", text)
    text = _KRAMDOWN_BLOCK.sub(lambda m: m.group(2) if m.group(1) == "nomarkdown" else "", text)
    text = _KRAMDOWN_LINE.sub("", text)
    return _KRAMDOWN_SPAN.sub("", text)
