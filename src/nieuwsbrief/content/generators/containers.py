"""Container fences, `::: name` … `:::`: markdown-it-container's (an Eleventy site that uses the plugin) and
remark-directive's as Starlight renders its asides (`:::note[Title]` … `:::`). The site turns the fences into a
`<div>` or an aside around the text, so the issue shows the text and never the colons: an opening fence gives way to
its title (Starlight's label, else its kind: Note, Tip, Caution, Danger), or to nothing; a closing fence to nothing.
Each fence keeps its line, so that the lines below keep their numbers. Code blocks are left as they are.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^ {0,3}(:{3,})[ \t]*(?:([A-Za-z][\w-]*)(?:\[([^\]\n]*)\])?(?:\{[^}\n]*\})?[ \t]*(.*?))?[ \t]*$")
_CODE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_KINDS = {"note": "Note", "tip": "Tip", "caution": "Caution", "danger": "Danger"}  # Starlight's own titles, in English


def without_fences(body: str, *, titled: bool) -> str:
    """``body`` without its container fences; ``titled`` (Starlight) keeps an aside's title on the opening line.
    A fence with text after its name that is not a title (remark-directive reads no container there) stays."""
    if ":::" not in body:
        return body
    lines = body.split("\n")
    code = ""
    depth = 0
    for index, line in enumerate(lines):
        opened = _CODE.match(line)
        if code:
            code = "" if opened and opened.group(1)[0] == code[0] and len(opened.group(1)) >= len(code) else code
            continue
        if opened:
            code = opened.group(1)
            continue
        fence = _FENCE.match(line)
        if fence is None:
            continue
        name, label, rest = fence.group(2), fence.group(3), fence.group(4) or ""
        if name is None and depth:
            lines[index] = ""
            depth -= 1
        elif name is not None and (not titled or not rest):
            depth += 1
            title = label if label is not None else _KINDS.get(name.lower(), "")
            lines[index] = f"**{title.strip()}**  " if titled and title.strip() else ""  # a line break after it
    return "\n".join(lines)
