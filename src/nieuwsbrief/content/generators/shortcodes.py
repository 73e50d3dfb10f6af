"""Hugo's shortcodes written out as Markdown: `{{< figure src=… >}}`, `{{% notice %}}…{{% /notice %}}`,
`{{< youtube id >}}`, `{{< relref "…" >}}`; a site's own shortcode whose arguments say it is an image or a link is
shown as one, with a note.
"""

from __future__ import annotations

import re

from .syntax import Expanded, Resolver, Scanner, Tag, fence, paired, render, short

_NAME = re.compile(r"[\w./-]+")


def expand_hugo(body: str, resolver: Resolver, silent: frozenset[str] = frozenset({"comment"})) -> Expanded:
    """The body with its shortcodes written out; those in ``silent`` render as nothing on the site (their inner
    text included), so they leave nothing here either."""
    expanded = Expanded("", body=body)
    tags = _shortcodes(body)
    expanded.text = render(
        body,
        paired(tags, expanded),
        0,
        len(body),
        lambda tag, inner: "" if tag.name.lower() in silent else _hugo_meaning(tag, inner, resolver, expanded),
        expanded,
    )
    return expanded


def _shortcodes(body: str) -> list[Tag]:
    """Every {{< name args >}} and {{% name args %}}, in one pass: a tag runs from its opening to the first >}} or
    %}} after it; an opening that names nothing is text, and once no closing is left, neither are tags."""
    tags: list[Tag] = []
    scan = Scanner(body)
    position = 0
    while (start := scan.next("{{", position)) >= 0:
        delimiter = body[start + 2 : start + 3]
        if delimiter not in ("<", "%"):
            position = start + 1
            continue
        ends = [found for found in (scan.next(">}}", start + 3), scan.next("%}}", start + 3)) if found >= 0]
        if not ends:
            break
        tag = _parsed(body, start, min(ends), delimiter)
        if tag is None:
            position = start + 1
            continue
        tags.append(tag)
        position = tag.end
    return tags


def _parsed(body: str, start: int, close: int, delimiter: str) -> Tag | None:
    """The tag between ``start`` ({{< or {{%) and ``close`` (>}} or %}}), or None when it names nothing."""
    inside = body[start + 3 : close].strip()
    escaped = inside.startswith("/*")
    inside = inside.removeprefix("/*").lstrip() if escaped else inside
    closing = inside.startswith("/")
    inside = inside.removeprefix("/").lstrip()
    name = _NAME.match(inside)
    if name is None:
        return None
    args = inside[name.end() :].rstrip()
    unescaped = args.endswith("*/")
    args = args.removesuffix("*/").rstrip() if unescaped else args
    args = args.removesuffix("/").rstrip()
    literal = None
    if escaped:  # {{</* figure */>}}: the way a page shows a shortcode as text
        shown = body[start + 3 : close].strip().removeprefix("/*").strip()
        literal = f"{{{{{delimiter} {shown.removesuffix('*/').rstrip() if unescaped else shown} {body[close]}}}}}"
    return Tag(start, close + 3, name.group(0), args, closing, literal, delimiter=delimiter)


def _hugo_meaning(tag: Tag, inner: str | None, resolver: Resolver, expanded: Expanded) -> str | None:
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
                f"the site's own shortcode {short(tag)} is shown as {what}, as its arguments say",
                "check the issue shows it as meant",
            )
        )
    return guess


def _shortcode(tag: Tag, inner: str | None, resolver: Resolver) -> str | None:
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
        return fence(inner, arg("lang", 0))
    if name in ("ref", "relref"):
        return resolver.ref(arg("path", 0))
    if name == "param":  # the page's value, else the site's; Hugo's keys have no case
        key = arg("name", 0).lower()
        return resolver.variable(f"page.{key}") or resolver.variable(f"site.params.{key}")
    if name == "details" and inner is not None:
        summary = arg("summary") or arg("title")
        return (f"**{summary}**\n\n" if summary else "") + inner
    return None


_IMAGE_ARGUMENTS = ("src", "data-src", "image", "img", "source", "file", "url")
_ALT_ARGUMENTS = ("alt", "data-alt", "caption", "data-caption", "title", "data-title")
_LINK_ARGUMENTS = ("href", "data-href", "link", "url", "data-url")
_IMAGE_PATH = re.compile(r"[^\s\"'<>?]+\.(?:png|jpe?g|gif|webp|svg|avif)(?:\?\S*)?", re.IGNORECASE)  # ? ends the path


def _guessed(tag: Tag, inner: str | None) -> str | None:
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


# a="b", a=b, "quoted", `raw`, bare; a quote never closed runs to the end: a quoted value always matches, once,
# instead of failing and being tried again from every quote after it.
_ARGUMENT = re.compile(r'(?:([\w-]+)\s*=\s*)?("(?:[^"\\]|\\.?)*(?:"|\Z)|`[^`]*(?:`|\Z)|[^\s"`]+)')


def _arguments(text: str) -> tuple[list[str], dict[str, str]]:
    """A shortcode's positional and named arguments: a="b", a=b, "quoted", `raw`, bare."""
    positional: list[str] = []
    named: dict[str, str] = {}
    for match in _ARGUMENT.finditer(text):
        value = match.group(2)
        if value[:1] in '"`':
            value = value[1 : -1 if len(value) > 1 and value[-1] == value[0] else None].replace('\\"', '"')
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
    return re.sub(r"[*_`\[\]]|<[^<>]+>|\(http[^()]*\)", "", text).strip()


def _bracket_safe(text: str) -> str:
    return text.replace("[", "(").replace("]", ")")


def _url(url: str) -> str:
    return f"<{url}>" if " " in url else url
