"""The generators' own rules, one by one: Hugo's and Jekyll's slugs and permalinks (checked against the test
vectors of their own repositories), the date forms they accept, glob lists, and the template syntax of a body
written out as Markdown."""

from __future__ import annotations

import datetime as dt
import fnmatch
import random
import re

import pytest

from nieuwsbrief.content.generators.dates import read_date
from nieuwsbrief.content.generators.globs import compile_globs, glob_problem, literal_folders, may_hold
from nieuwsbrief.content.generators.liquid import expand_liquid
from nieuwsbrief.content.generators.permalinks import (
    AddressError,
    hugo_expand,
    hugo_page_path,
    hugo_sanitize,
    hugo_urlize,
    jekyll_expand,
    jekyll_slugify,
    jekyll_style,
    jekyll_suffix,
)
from nieuwsbrief.content.generators.shortcodes import expand_hugo
from nieuwsbrief.content.generators.syntax import Expanded, unshowable_images


@pytest.mark.parametrize(
    ("written", "sanitized"),
    [  # gohugoio/hugo common/paths/path_test.go, TestSanitize
        ("  Foo bar  ", "Foo-bar"),
        ("Foo.Bar/foo_Bar-Foo", "Foo.Bar/foo_Bar-Foo"),
        ("fOO,bar:foobAR", "fOObarfoobAR"),
        ("FOo/Ba---R.html", "FOo/Ba---R.html"),
        ("FOo/Ba       R.html", "FOo/Ba-R.html"),
        ("Банковский кассир", "Банковский-кассир"),
        ("a%C3%B1ame", "a%C3%B1ame"),
        ("this+is+a+test", "this+is+a+test"),
        ("~foo", "~foo"),
    ],
)
def test_hugo_sanitizes_a_path_as_hugo_does(written: str, sanitized: str) -> None:
    assert hugo_sanitize(written) == sanitized


@pytest.mark.parametrize(
    ("written", "urlized"),
    [  # gohugoio/hugo helpers/url_test.go, TestURLize
        ("  foo bar  ", "foo-bar"),
        ("foo.bar/foo_bar-foo", "foo.bar/foo_bar-foo"),
        ("foo,bar:foobar", "foobarfoobar"),
        ("foo/bar.html", "foo/bar.html"),
        ("трям/трям", "%D1%82%D1%80%D1%8F%D0%BC/%D1%82%D1%80%D1%8F%D0%BC"),
        ("100%-google", "100-google"),
        ("Vim (text editor)", "vim-text-editor"),  # the example in helpers/url.go
    ],
)
def test_hugo_urlizes_as_hugo_does(written: str, urlized: str) -> None:
    assert hugo_urlize(written) == urlized


def test_a_hugo_permalink_is_filled_in_and_made_a_folder_or_an_ugly_file() -> None:
    tokens = {"year": "2026", "month": "04", "slug": "test-sites"}.get
    assert hugo_page_path(hugo_expand("/:year/:month/:slug/", tokens), ugly=False) == "/2026/04/test-sites/"
    assert hugo_page_path(hugo_expand("/:year/:month/:slug/", tokens), ugly=True) == "/2026/04/test-sites.html"
    with pytest.raises(AddressError, match=r"the permalink '/:year/:nope/' uses :nope, which nieuwsbrief cannot fill in"):
        hugo_expand("/:year/:nope/", tokens)


@pytest.mark.parametrize(
    ("written", "mode", "cased", "slug"),
    [  # jekyll/jekyll test/test_utils.rb
        ("So what is Jekyll, exactly?", "default", False, "so-what-is-jekyll-exactly"),
        ("Pre-releases", "default", False, "pre-releases"),
        ("The _config.yml file", "default", False, "the-config-yml-file"),
        ("Customizing Git - Git Hooks", "default", False, "customizing-git-git-hooks"),
        ("5時〜6時 三・一四", "default", False, "5時-6時-三-一四"),
        ("The _config.yml file?", "pretty", False, "the-_config.yml-file"),
        ("The _config.yml file?", "pretty", True, "The-_config.yml-file"),
    ],
)
def test_jekyll_slugifies_as_jekyll_does(written: str, mode: str, cased: bool, slug: str) -> None:
    assert jekyll_slugify(written, mode, cased) == slug


def test_a_jekyll_permalink_style_or_pattern_is_filled_in() -> None:
    date = {"year": "2025", "month": "01", "day": "29", "output_ext": ".html"}
    assert (
        jekyll_expand(jekyll_style("date"), {**date, "categories": "release", "title": "Hello"})
        == "/release/2025/01/29/Hello.html"
    )
    assert jekyll_expand(jekyll_style("pretty"), {**date, "categories": "", "title": "Hello"}) == "/2025/01/29/Hello/"
    assert (
        jekyll_expand(jekyll_suffix("/:collection/:path", "pretty"), {"collection": "docs", "path": "/history"})
        == "/docs/history/"
    )
    assert jekyll_expand("/nieuws/:title/", {"title": "Open Dag"}) == "/nieuws/Open%20Dag/"
    with pytest.raises(AddressError, match=r"the permalink '/:year/:nope/' uses :nope, which Jekyll does not know"):
        jekyll_expand("/:year/:nope/", date)


@pytest.mark.parametrize(
    ("written", "moment"),
    [
        ("2026-11-28", dt.datetime(2026, 11, 28)),
        ("2025-01-29 18:15:32 +0530", dt.datetime(2025, 1, 29, 13, 45, 32)),  # Jekyll's form, into Amsterdam time
        ("2026-04-10T00:00:00Z", dt.datetime(2026, 4, 10, 2, 0)),
        ("Jul 08 2022", dt.datetime(2022, 7, 8)),  # Astro's starter (JavaScript's Date)
        ("July 8, 2022", dt.datetime(2022, 7, 8)),
        ("8 juli 2022", dt.datetime(2022, 7, 8)),
        (dt.date(2020, 2, 17), dt.datetime(2020, 2, 17)),  # TOML's own dates
        (dt.datetime(2020, 2, 17, 9, 0, tzinfo=dt.UTC), dt.datetime(2020, 2, 17, 10, 0)),
        ("2026-02-30", None),
        ("gisteren", None),
        ("2023-01-29 18:30:22 2023 -0800", None),  # read only leniently, as Jekyll does
    ],
)
def test_the_dates_generators_write_are_read(written: object, moment: dt.datetime | None) -> None:
    assert read_date(written, "Europe/Amsterdam") == moment


def test_jekyll_dates_are_read_as_leniently_as_ruby_reads_them() -> None:
    assert read_date("2023-01-29 18:30:22 2023 -0800", "America/Los_Angeles", lenient=True) == dt.datetime(
        2023, 1, 29, 18, 30, 22
    )


def test_jekyll_reads_a_date_written_day_first_with_numbers_as_ruby_does() -> None:
    # scala/scala-lang's _posts/2017-09-11-scalafix-v0.5.md: `date: 11-9-2017`, which Ruby's Time.parse reads as 11 September
    assert [read_date(text, "UTC", lenient=True) for text in ("11-9-2017", "11.9.2017", "11/9/2017", "31-12-2017 10:30")] == [
        dt.datetime(2017, 9, 11),
        dt.datetime(2017, 9, 11),
        dt.datetime(2017, 9, 11),
        dt.datetime(2017, 12, 31, 10, 30),
    ]
    assert read_date("11-9-2017", "UTC") is None  # only Jekyll reads it so
    assert read_date("31-31-2017", "UTC", lenient=True) is None


def test_a_hugo_address_keeps_the_date_as_written() -> None:
    assert read_date("2026-04-10T00:00:00Z", "") == dt.datetime(2026, 4, 10)


def test_globs_match_folders_and_alternatives_and_say_where_to_look() -> None:
    pattern = compile_globs(["content/posts/**/*.{md,markdown}", "_posts/*.md"])
    matched = [
        p
        for p in (
            "content/posts/a.md",
            "content/posts/2020/b/index.markdown",
            "content/postsx/a.md",
            "_posts/x/a.md",
            "_posts/a.md",
        )
        if pattern.fullmatch(p)
    ]
    assert matched == ["content/posts/a.md", "content/posts/2020/b/index.markdown", "_posts/a.md"]
    assert literal_folders(["content/posts/**/*.md", "content/**/*.md", "data/authors/*.toml"]) == ["content", "data/authors"]
    assert (may_hold("content", ["content/posts"]), may_hold("themes", ["content/posts"])) == (True, False)


def test_globs_read_as_the_generators_read_them_folder_by_folder() -> None:
    # `**/**/` is `**/`; a last `**` is one folder or more (Hugo's /posts/** is not /posts itself); `**` inside a
    # name crosses folders too; `*` and `?` never do.
    assert compile_globs(["a/**/**/**/b.md"]).pattern == compile_globs(["a/**/b.md"]).pattern
    matched = {
        glob: [p for p in ("blog", "blog/x", "blog/x/y", "blog.md") if compile_globs([glob]).fullmatch(p)]
        for glob in ("blog/**", "blog*", "blog?*")
    }
    assert matched == {"blog/**": ["blog/x", "blog/x/y"], "blog*": ["blog", "blog.md"], "blog?*": ["blog.md"]}
    assert [
        p for p in ("content/a.md", "content/x/a.md", "content/x/a.txt") if compile_globs(["content/**.md"]).fullmatch(p)
    ] == [
        "content/a.md",
        "content/x/a.md",
    ]


def _reads(segments: list[str], names: list[str]) -> bool:
    """The plain reading the compiled globs must agree with: `**` any number of folders (one or more at the end),
    any other segment one name by fnmatch, tried every way (exponential, fine for a few names)."""
    if not segments:
        return not names
    if segments[0] == "**":
        least = 1 if len(segments) == 1 else 0
        return any(_reads(segments[1:], names[skip:]) for skip in range(least, len(names) + 1))
    return bool(names) and fnmatch.fnmatchcase(names[0], segments[0]) and _reads(segments[1:], names[1:])


def test_globs_agree_with_the_plain_reading_though_they_never_backtrack() -> None:
    # The compiled glob takes each fixed part at its first place (atomic groups); this holds it to the reading
    # that tries every way, on globs and paths drawn from two letters, where first places matter most (a `**`
    # inside a name has its own test above).
    draw = random.Random(23)
    for _ in range(3_000):
        glob = "/".join(
            "**"
            if draw.random() < 0.3
            else re.sub(
                r"\*+", "*", "".join(draw.choice(["a", "b", "*", "?", "[ab]", "[!a]"]) for _ in range(draw.randint(1, 4)))
            )
            for _ in range(draw.randint(1, 4))
        )
        compiled = compile_globs([glob])
        for _ in range(6):
            names = ["".join(draw.choice("ab") for _ in range(draw.randint(1, 5))) for _ in range(draw.randint(1, 5))]
            assert bool(compiled.fullmatch("/".join(names))) == _reads(glob.split("/"), names), (glob, names)


@pytest.mark.parametrize(
    ("glob", "problem"),
    [
        ("content/[z-a].md", "the range z-a runs backwards"),
        ("content/[a.md", "a [ is never closed"),
        ("content/{md,markdown", "a { is never closed"),
        ("{a,b}/{a,b}/{a,b}/{a,b}/{a,b}/{a,b}/{a,b}", "its braces stand for more than 64 alternatives"),
        ("x" * 1001, "it is longer than 1,000 characters"),
        ("content/posts/**/*.{md,markdown}", ""),
    ],
)
def test_a_glob_that_cannot_be_read_says_why(glob: str, problem: str) -> None:
    assert glob_problem(glob) == problem


class Site:
    """A resolver with fixed answers, as the site's pages would give them."""

    def ref(self, target: str) -> str | None:
        return {"other.md": "https://x.nl/posts/other/", "/about": "https://x.nl/about/"}.get(target)

    def link(self, target: str) -> str | None:
        return "https://x.nl/docs/history/" if target == "_docs/history.md" else None

    def post_url(self, name: str) -> str | None:
        return "https://x.nl/2010/07/21/name/" if name == "2010-07-21-name" else None

    def variable(self, name: str) -> str | None:
        return {"site.baseurl": "/blog", "page.title": "Titel"}.get(name)

    def site_path(self, path: str) -> str:
        return "https://x.nl/blog" + path


def test_hugo_shortcodes_become_what_they_mean() -> None:
    body = (
        'Intro {{< figure src="kat.jpg" alt="Een kat" caption="De kat op de mat" link="https://x.nl/kat" >}}\n\n'
        "{{< youtube dQw4w9WgXcQ >}}\n\n"
        '{{< x user="linkerd" id="123" >}}\n\n'
        '[Meer]({{< relref "other.md" >}}) en [over]({{< ref "/about" >}}).\n\n'
        "{{< highlight go >}}\nfmt.Println(1)\n{{< /highlight >}}\n"
    )
    expanded = expand_hugo(body, Site())
    assert expanded.text == (
        "Intro [![Een kat](kat.jpg)](https://x.nl/kat)\n*De kat op de mat*\n\n"
        "[![YouTube](https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg)](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n\n"
        "[x.com/linkerd/status/123](https://x.com/linkerd/status/123)\n\n"
        "[Meer](https://x.nl/posts/other/) en [over](https://x.nl/about/).\n\n"
        "\n```go\nfmt.Println(1)\n```\n\n"
    )
    assert expanded.notes == []


def test_an_unknown_shortcode_gives_way_to_its_inner_text_with_a_note_at_its_line() -> None:
    body = 'Een.\n\n{{% notice info %}}\nLet **op**.\n{{% /notice %}}\n\n{{< plotly >}}\n\nShow {{</* figure src="x" */>}} as text.\n'
    expanded = expand_hugo(body, Site())
    assert expanded.text == 'Een.\n\n\nLet **op**.\n\n\n\n\nShow {{< figure src="x" >}} as text.\n'
    assert expanded.notes == [
        (3, "template syntax {{% notice … %}} has no meaning in an email: its inner text is kept", "the issue shows only text"),
        (7, "template syntax {{< plotly >}} has no meaning in an email: it is left out", "the issue shows only text"),
    ]


def test_a_sites_own_shortcode_is_read_by_its_arguments() -> None:
    body = '{{< a-img data-href="https://x.nl/dag" data-src="/photos/dag.jpg" data-caption="De dag" >}}\n{{< broken-link data-href="https://cafe.nl/" data-caption="Café Dudok" >}}\n'
    expanded = expand_hugo(body, Site())
    assert expanded.text == "[![De dag](/photos/dag.jpg)](https://x.nl/dag)\n[Café Dudok](https://cafe.nl/)\n"
    assert [note[1] for note in expanded.notes] == [
        "the site's own shortcode {{< a-img … >}} is shown as an image, as its arguments say",
        "the site's own shortcode {{< broken-link … >}} is shown as a link, as its arguments say",
    ]


def test_liquid_becomes_what_it_means_and_gives_way_where_it_cannot() -> None:
    body = (
        "Zie {{ site.baseurl }}/x en ![logo]({{ '/img/logo.png' | relative_url }}) {{ site.nope }}.\n"
        "{% highlight ruby %}\nputs 1\n{% endhighlight %}\n"
        "[Oud]({% post_url 2010-07-21-name %}) en [history]({% link\n_docs/history.md %}#v3).\n"
        '{% raw %}{{ "example :page" | uri_escape }}{% endraw %}\n'
        "{% include note.html %}{% comment %}geheim{% endcomment %}\n"
    )
    expanded = expand_liquid(body, Site(), kramdown=False)
    assert expanded.text == (
        "Zie /blog/x en ![logo](https://x.nl/blog/img/logo.png) .\n"
        "\n```ruby\nputs 1\n```\n\n"
        "[Oud](https://x.nl/2010/07/21/name/) en [history](https://x.nl/docs/history/#v3).\n"
        '{{ "example :page" | uri_escape }}\n'  # raw: shown exactly as the author wrote it
        "\n"
    )
    assert expanded.notes == [
        (1, "template syntax {{ site.nope }} has no meaning in an email: it is left out", "the issue shows only text"),
        (8, "template syntax {% include … %} has no meaning in an email: it is left out", "the issue shows only text"),
    ]


def test_a_liquid_variable_assigned_a_text_in_the_body_is_that_text_where_it_is_shown() -> None:
    # bitcoin-core/bitcoincore.org's meeting notes: `{% assign log2 = "http://…" %}`, then `[mb log2]: {{log2}}`
    body = (
        "Zie [MeetBot][mb log] en {{ later }}.\n\n"
        '{% assign log = "http://www.erisian.com.au/meetbot/2018-07-05.log.html" %}\n'
        "{% assign later = 'pas daarna' %}{% assign lijst = site.posts | first %}\n"
        "[mb log]: {{log}}\n{{ later }} en {{ lijst }}\n"
    )
    expanded = expand_liquid(body, Site(), kramdown=False)
    assert expanded.text == (
        "Zie [MeetBot][mb log] en .\n\n\n"  # Liquid shows nothing before the assignment
        "\n[mb log]: http://www.erisian.com.au/meetbot/2018-07-05.log.html\npas daarna en \n"
    )
    assert [note[:2] for note in expanded.notes] == [
        (1, "template syntax {{ later }} has no meaning in an email: it is left out"),
        (6, "template syntax {{ lijst }} has no meaning in an email: it is left out"),
    ]


def test_an_autolink_around_a_liquid_value_is_the_value_or_goes_whole() -> None:
    # ruby-lang.org's release posts: `* <{{ release.url.gz }}>` from site.data.releases, which only the build reads
    body = "* <{{ release.url.gz }}>\n\n      SIZE: {{ release.size.gz }}\n\nZie <{{ site.baseurl }}/x> en <{{'/y' | relative_url}}>.\n"
    expanded = expand_liquid(body, Site(), kramdown=False)
    assert expanded.text == "* \n\n      SIZE: \n\nZie </blog/x> en <https://x.nl/blog/y>.\n"
    assert [note[:2] for note in expanded.notes] == [
        (1, "template syntax {{ release.url.gz }} has no meaning in an email: it is left out"),
        (3, "template syntax {{ release.size.gz }} has no meaning in an email: it is left out"),
    ]


def test_an_unknown_tag_alone_on_its_line_takes_the_line_so_the_html_block_around_it_holds() -> None:
    # 18f-style and verlok/blog-11ty's posts: an image shortcode in a <figure>, the caption indented by a tab
    body = '<figure>\n\t{% image "a.avif", "Alt" %}\n\t<figcaption>Bologna</figcaption>\n</figure>\n\nTekst {% x %} hier.\n'
    expanded = expand_liquid(body, Site(), kramdown=False)
    assert expanded.text == "<figure>\n\t<figcaption>Bologna</figcaption>\n</figure>\n\nTekst  hier.\n"
    assert expanded.notes == [
        (2, "template syntax {% image … %} has no meaning in an email: it is left out", "the issue shows only text"),
        (6, "template syntax {% x %} has no meaning in an email: it is left out", "the issue shows only text"),
    ]


def test_kramdowns_attribute_lists_and_extensions_are_never_text() -> None:
    body = '* TOC\n{:toc}\n\n## Kop\n{: #kop}\n\nTekst *nadruk*{: .klein} hier.\n{::options parse_block_html="true" /}\n{::comment}weg{:/comment}\n'
    assert expand_liquid(body, Site(), kramdown=True).text == "\n\n## Kop\n\nTekst *nadruk* hier.\n\n"


def test_images_mail_cannot_show_become_links_with_a_note() -> None:
    expanded = Expanded('Kijk: ![Schema](schema.svg) en <img src="/a/foto.webp" alt="Foto">.\n')
    unshowable_images(expanded)
    assert expanded.text == 'Kijk: [Schema](schema.svg) en <a href="/a/foto.webp">Foto</a>.\n'
    assert [note[1] for note in expanded.notes] == [
        "a .svg image in the body is shown as a link to it (many mail clients cannot show one)",
        "a .webp image in the body is shown as a link to it (many mail clients cannot show one)",
    ]


def test_an_image_mail_cannot_show_inside_an_html_link_becomes_its_text() -> None:
    # A link inside the link would close the outer one at once, and leave it empty (C-15, a link with no text).
    expanded = Expanded('<a href="https://x.example.org">\n<img src="demo.svg">\n</A> <img src="b.svg" alt="B">\n')
    unshowable_images(expanded)
    assert expanded.text == '<a href="https://x.example.org">\ndemo.svg\n</A> <a href="b.svg">B</a>\n'
    assert expanded.notes[0][1] == "a .svg image in the body is shown as the text of its link (many mail clients cannot show one)"
