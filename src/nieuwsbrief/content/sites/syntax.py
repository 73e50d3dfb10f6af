"""Template syntax in a body, turned into the Markdown it stands for before markdown.py sees it.

Hugo shortcodes (`{{< figure src=… >}}`, `{{% notice %}}…{{% /notice %}}`, `{{< youtube id >}}`, `{{< relref "…" >}}`)
and Liquid or Nunjucks (`{% link … %}`, `{% post_url … %}`, `{% highlight %}`, `{% include … %}`, `{{ site.baseurl }}`),
plus kramdown's attribute lines (`{: .class}`). What a tag means is written out where it is known: a figure
is an image with its alt text, a video a linked thumbnail, a highlight block a fenced code block, a ref the
target page's address. Anything else gives way to its inner text, with a note naming its line, so that no
template syntax ever reaches a reader.

A body is read once, left to right: every tag is found with its offset in the text as written, opening and
closing tags are paired, and the output is built from the pairs, so a note always points at the line the
editor wrote.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol


class Resolver(Protocol):
    """What a body's tags may ask of the site: addresses of other pages and values of its settings."""

    def ref(self, target: str) -> str | None: ...  # Hugo ref/relref: a content path -> its address

    def link(self, target: str) -> str | None: ...  # Jekyll link: a site path -> its address

    def post_url(self, name: str) -> str | None: ...  # Jekyll post_url: 2025-01-29-title -> its address

    def variable(self, name: str) -> str | None: ...  # site.baseurl, page.title, ... -> its text

    def site_path(self, path: str) -> str: ...  # relative_url / absolute_url filters


@dataclass
class Expanded:
    """A body with its template syntax written out, and a note for every tag that had to give way."""

    text: str
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # (line in the body, message, hint)
    body: str = ""  # the body as written, for the lines of the notes

    def line_of(self, offset: int) -> int:
        return self.body.count("\n", 0, offset) + 1


@dataclass
class _Tag:
    start: int
    end: int
    name: str
    args: str
    closing: bool = False
    literal: str | None = None  # an escaped shortcode ({{</* x */>}}): shown as written, without the escape
    delimiter: str = ""  # a Hugo shortcode's < or %
    inner: tuple[int, int] | None = None  # for an opening tag that has a closing one: the text between them
    close_end: int = 0
    children: list[_Tag] = field(default_factory=list)  # the tags between an opening and its closing tag


def has_syntax(body: str) -> bool:
    """Cheap test: may the body hold any template syntax at all? (Most bodies do not.)"""
    return "{" in body and ("{{" in body or "{%" in body or "{:" in body)


# -- Hugo shortcodes ----------------------------------------------------------------------------------------

_SHORTCODE = re.compile(
    r"\{\{(?P<delim>[<%])\s*(?P<escape>/\*)?\s*(?P<close>/)?\s*(?P<name>[\w./-]+)(?P<args>.*?)\s*(?P<unescape>\*/)?\s*/?\s*[>%]\}\}",
    re.DOTALL,
)


def expand_hugo(body: str, resolver: Resolver) -> Expanded:
    tags = []
    for match in _SHORTCODE.finditer(body):
        literal = None
        if match.group("escape"):  # {{</* figure */>}}: the way a page shows a shortcode as text
            literal = re.sub(r"\s*\*/\s*([>%])\}\}$", r" \1}}", re.sub(r"^\{\{([<%])\s*/\*\s*", r"{{\1 ", match.group(0)))
        name, args, closing = match.group("name"), match.group("args"), bool(match.group("close"))
        tags.append(_Tag(match.start(), match.end(), name, args, closing, literal, delimiter=match.group("delim")))
    expanded = Expanded("", body=body)
    expanded.text = _render(
        body, _paired(tags), 0, len(body), lambda tag, inner: _hugo_meaning(tag, inner, resolver, expanded), expanded
    )
    return expanded


def _hugo_meaning(tag: _Tag, inner: str | None, resolver: Resolver, expanded: Expanded) -> str | None:
    known = _shortcode(tag, inner, resolver)
    if known is not None or tag.closing:
        return known
    guess = _guessed(tag, inner)
    if guess is not None:
        line = expanded.line_of(tag.start)
        what = "an image" if guess.lstrip("[").startswith("!") else "a link"
        expanded.notes.append(
            (
                line,
                f"the site's own shortcode {_short(tag)} is shown as {what}, as its arguments say",
                "check the issue shows it as meant",
            )
        )
    return guess


def _shortcode(tag: _Tag, inner: str | None, resolver: Resolver) -> str | None:
    args, named = _arguments(tag.args)

    def arg(name: str, position: int = -1) -> str:
        if name in named:
            return named[name]
        return args[position] if 0 <= position < len(args) else ""

    name = tag.name.lower()
    if name == "figure":
        return _figure(arg("src"), arg("alt") or _plain(arg("caption")) or arg("title"), arg("caption"), arg("link"))
    if name == "youtube":
        video = arg("id", 0)
        title = arg("title") or "YouTube"
        thumbnail = f"https://i.ytimg.com/vi/{video}/hqdefault.jpg"
        return f"[![{title}]({thumbnail})](https://www.youtube.com/watch?v={video})" if video else None
    if name == "vimeo":
        return f"[Vimeo: {arg('title') or arg('id', 0)}](https://vimeo.com/{arg('id', 0)})" if arg("id", 0) else None
    if name in ("x", "tweet", "twitter"):
        user, post = arg("user", 0), arg("id", 1)
        return f"[x.com/{user}/status/{post}](https://x.com/{user}/status/{post})" if user and post else None
    if name == "instagram":
        return f"[Instagram](https://www.instagram.com/p/{arg('id', 0)}/)" if arg("id", 0) else None
    if name == "gist":
        return f"[gist.github.com/{arg('user', 0)}/{arg('id', 1)}](https://gist.github.com/{arg('user', 0)}/{arg('id', 1)})"
    if name == "highlight" and inner is not None:
        return _fence(inner, arg("lang", 0))
    if name in ("ref", "relref"):
        return resolver.ref(arg("path", 0))
    if name == "param":
        return resolver.variable(f"page.{arg('name', 0)}") or resolver.variable(f"site.params.{arg('name', 0)}")
    if name == "details" and inner is not None:
        summary = arg("summary") or arg("title")
        return (f"**{summary}**\n\n" if summary else "") + inner
    return None


_IMAGE_ARGUMENTS = ("src", "data-src", "image", "img", "source", "file", "url")
_ALT_ARGUMENTS = ("alt", "data-alt", "caption", "data-caption", "title", "data-title")
_LINK_ARGUMENTS = ("href", "data-href", "link", "url", "data-url")
_IMAGE_PATH = re.compile(r"[^\s\"'<>]+\.(?:png|jpe?g|gif|webp|svg|avif)(?:\?\S*)?", re.IGNORECASE)


def _guessed(tag: _Tag, inner: str | None) -> str | None:
    """A site's own shortcode whose arguments say what it is: an image (src=, data-src=) or a link (href=)."""
    args, named = _arguments(tag.args)
    image = next((named[key] for key in _IMAGE_ARGUMENTS if _IMAGE_PATH.fullmatch(named.get(key, ""))), "")
    image = image or next((arg for arg in args if _IMAGE_PATH.fullmatch(arg)), "")
    link = next((named[key] for key in _LINK_ARGUMENTS if named.get(key) and named[key] != image), "")
    if image:
        alt = next((named[key] for key in _ALT_ARGUMENTS if named.get(key)), "")
        return _figure(image, _plain(alt), "", link if link.startswith(("http", "/")) else "")
    text = (inner or "").strip() or next((named[key] for key in (*_ALT_ARGUMENTS, "text", "data-text") if named.get(key)), "")
    if link.startswith(("http", "/")) and text:
        return f"[{_bracket_safe(text)}]({_url(link)})"
    return None


def _arguments(text: str) -> tuple[list[str], dict[str, str]]:
    """A shortcode's positional and named arguments: a="b", a=b, "quoted", `raw`, bare."""
    positional: list[str] = []
    named: dict[str, str] = {}
    for match in re.finditer(r'(?:([\w-]+)\s*=\s*)?("(?:[^"\\]|\\.)*"|`[^`]*`|[^\s"`]+)', text):
        value = match.group(2)
        if value[:1] in '"`':
            value = value[1:-1].replace('\\"', '"')
        if match.group(1):
            named[match.group(1).lower()] = value
        else:
            positional.append(value)
    return positional, named


def _figure(src: str, alt: str, caption: str, link: str) -> str | None:
    if not src:
        return None
    image = f"![{_bracket_safe(alt)}]({_url(src)})"
    if link:
        image = f"[{image}]({_url(link)})"
    return image + (f"\n*{caption.strip()}*" if caption.strip() else "")


def _plain(text: str) -> str:
    return re.sub(r"[*_`\[\]]|<[^>]+>|\(http[^)]*\)", "", text).strip()


def _bracket_safe(text: str) -> str:
    return text.replace("[", "(").replace("]", ")")


def _url(url: str) -> str:
    return f"<{url}>" if " " in url else url


def _fence(code: str, language: str) -> str:
    fence = "```"
    while fence in code:
        fence += "`"
    return f"\n{fence}{language.strip()}\n{code.strip(chr(10))}\n{fence}\n"


# -- Liquid and Nunjucks ------------------------------------------------------------------------------------

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
            tags.append(_Tag(match.start(), match.end(), name[3:] if closing else name, match.group("args").strip(), closing))
        else:
            tags.append(_Tag(match.start(), match.end(), "{{", match.group("output").strip()))
    return _render(body, _paired(tags), start, end, lambda tag, inner: _liquid(tag, inner, resolver), expanded)


def _liquid(tag: _Tag, inner: str | None, resolver: Resolver) -> str | None:
    name = tag.name
    if name == "{{":
        return _output(tag.args, resolver)
    if name == "comment" or name in _SILENT:
        return ""
    if name == "highlight" and inner is not None:
        return _fence(inner, tag.args.split()[0] if tag.args else "")
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


# -- images mail cannot show ---------------------------------------------------------------------------------

_UNSHOWABLE = r"[^\s)\"'<>]+\.(?:svg|webp|avif)(?:[?#][^\s)\"'<>]*)?"
_MARKDOWN_IMAGE = re.compile(r"!\[([^\]\n]*)\]\((" + _UNSHOWABLE + r")(?:\s+\"[^\"\n]*\")?\)", re.IGNORECASE)
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc=[\"'](" + _UNSHOWABLE + r")[\"'][^>]*>", re.IGNORECASE)
_ALT = re.compile(r"\balt=[\"']([^\"']*)[\"']", re.IGNORECASE)


def unshowable_images(expanded: Expanded) -> None:
    """Images in a format many mail clients cannot show (.svg, .webp, .avif) become links to them, with a note:
    a site's diagrams are often SVG, and an email must not carry them as images."""
    text = expanded.text

    def note(match: re.Match[str]) -> None:
        line = text.count("\n", 0, match.start()) + 1
        extension = match.group(0).lower().split(".")[-1][:4].strip(")\"'>")
        expanded.notes.append(
            (
                line,
                f"a .{extension} image in the body is shown as a link to it (many mail clients cannot show one)",
                "use a PNG, JPG or GIF version to show it",
            )
        )

    def markdown_link(match: re.Match[str]) -> str:
        note(match)
        return f"[{match.group(1) or match.group(2).rsplit('/', 1)[-1]}]({match.group(2)})"

    def html_link(match: re.Match[str]) -> str:
        note(match)
        alt = _ALT.search(match.group(0))
        return f'<a href="{match.group(1)}">{alt.group(1) if alt and alt.group(1) else match.group(1).rsplit("/", 1)[-1]}</a>'

    expanded.text = _HTML_IMAGE.sub(html_link, _MARKDOWN_IMAGE.sub(markdown_link, text))


# -- pairing and rendering, shared ------------------------------------------------------------------------


def _paired(tags: list[_Tag]) -> list[_Tag]:
    """The top-level tags in order; an opening tag with a closing one holds the span between and its tags."""
    root = _Tag(0, 0, "", "")
    stack = [root]
    for tag in tags:
        if not tag.closing or tag.literal is not None:
            stack[-1].children.append(tag)
            if tag.literal is None and tag.name != "{{":
                stack.append(tag)  # it may turn out to have a closing tag
            continue
        opener = next((i for i in range(len(stack) - 1, 0, -1) if stack[i].name == tag.name), 0)
        if not opener:
            stack[-1].children.append(tag)  # a closing tag without its opening gives way like any other
            continue
        while len(stack) > opener + 1:
            _never_closed(stack)
        opening = stack.pop()
        opening.inner, opening.close_end = (opening.end, tag.start), tag.end
    while len(stack) > 1:
        _never_closed(stack)
    return root.children


def _never_closed(stack: list[_Tag]) -> None:
    """An opening tag without a closing one stands alone: what followed it belongs to its parent again."""
    tag = stack.pop()
    stack[-1].children.extend(tag.children)
    tag.children = []


def _render(
    body: str,
    tags: list[_Tag],
    start: int,
    end: int,
    meaning: Callable[[_Tag, str | None], str | None],
    expanded: Expanded,
) -> str:
    out: list[str] = []
    position = start
    for tag in tags:
        out.append(body[position : tag.start])
        inner = None
        if tag.inner is not None:
            inner = _render(body, tag.children, tag.inner[0], tag.inner[1], meaning, expanded)
        if tag.literal is not None:
            out.append(tag.literal)
        else:
            written = meaning(tag, inner)
            if written is None:
                _note(body, tag, expanded)
                written = inner or ""
            out.append(written)
        position = tag.close_end if tag.inner is not None else tag.end
    out.append(body[position:end])
    return "".join(out)


def _note(body: str, tag: _Tag, expanded: Expanded) -> None:
    what = "its inner text is kept" if tag.inner is not None else "it is left out"
    expanded.notes.append(
        (
            expanded.line_of(tag.start),
            f"template syntax {_short(tag)} has no meaning in an email: {what}",
            "the issue shows only text",
        )
    )


def _short(tag: _Tag) -> str:
    """A tag as a note names it: {{< name … >}}, {% name … %}, {{ expression }} (cut when long)."""
    if tag.name == "{{":
        expression = re.sub(r"\s+", " ", tag.args)
        return "{{ " + (expression if len(expression) <= 40 else expression[:39] + "…") + " }}"
    closing = "/" if tag.closing else ""
    more = " …" if tag.args.strip() else ""
    if tag.delimiter:
        return f"{{{{{tag.delimiter} {closing}{tag.name}{more} {'>' if tag.delimiter == '<' else '%'}}}}}"
    return f"{{% {'end' if tag.closing else ''}{tag.name}{more} %}}"
