"""Hugo's shortcodes written out as Markdown: `{{< figure src=… >}}`, `{{% notice %}}…{{% /notice %}}`,
`{{< youtube id >}}`, `{{< relref "…" >}}`; a site's own shortcode whose arguments say it is an image or a link is
shown as one, with a note.
"""

from __future__ import annotations

import re

from .syntax import Expanded, Resolver, Tag, fence, paired, render, short

_SHORTCODE = re.compile(
    r"\{\{(?P<delim>[<%])\s*(?P<escape>/\*)?\s*(?P<close>/)?\s*(?P<name>[\w./-]+)(?P<args>.*?)\s*(?P<unescape>\*/)?\s*/?\s*[>%]\}\}",
    re.DOTALL,
)


def expand_hugo(body: str, resolver: Resolver, silent: frozenset[str] = frozenset({"comment"})) -> Expanded:
    """The body with its shortcodes written out; those in ``silent`` render as nothing on the site (their inner
    text included), so they leave nothing here either."""
    tags = []
    for match in _SHORTCODE.finditer(body):
        literal = None
        if match.group("escape"):  # {{</* figure */>}}: the way a page shows a shortcode as text
            literal = re.sub(r"\s*\*/\s*([>%])\}\}$", r" \1}}", re.sub(r"^\{\{([<%])\s*/\*\s*", r"{{\1 ", match.group(0)))
        name, args, closing = match.group("name"), match.group("args"), bool(match.group("close"))
        tags.append(Tag(match.start(), match.end(), name, args, closing, literal, delimiter=match.group("delim")))
    expanded = Expanded("", body=body)
    expanded.text = render(
        body,
        paired(tags),
        0,
        len(body),
        lambda tag, inner: "" if tag.name.lower() in silent else _hugo_meaning(tag, inner, resolver, expanded),
        expanded,
    )
    return expanded


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
_IMAGE_PATH = re.compile(r"[^\s\"'<>]+\.(?:png|jpe?g|gif|webp|svg|avif)(?:\?\S*)?", re.IGNORECASE)


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
