"""A site's conventions, each on a small site written here: malformed site files at their line (TOML and JSON
front matter included), drafts, future and expired pieces, section pages and their cascade, addresses from
slug and url, authors from data files, Jekyll's published and categories, settings for [content], the cache
and the worker processes on a site, and what init --from and new refuse."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nieuwsbrief import content, pipeline
from nieuwsbrief.cli import app
from nieuwsbrief.config import load_settings
from nieuwsbrief.errors import ContentError

runner = CliRunner()
SITES = Path(__file__).parent / "sites"
NEWSLETTER = """\
[newsletter]
name = "Testbrief"
base_url = "https://www.example.nl"
from = "Testbrief <nieuwsbrief@example.nl>"
postal_address = "Teststraat 1, 1234 AB Utrecht"
"""
HUGO = 'baseURL = "https://blog.example.org/"\ntitle = "Blog"\n'
POST = "---\ntitle: {title}\ndate: {date}\n{extra}---\nEen alinea over {title}.\n"


def write_site(tmp_path: Path, files: dict[str, str]) -> Path:
    """The site in ``tmp_path/site``, holding ``files``."""
    for name, text in files.items():
        path = tmp_path / "site" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path / "site"


def site(tmp_path: Path, preset: str, files: dict[str, str], content_settings: str = "") -> Path:
    """A project in ``tmp_path`` reading the site in ``tmp_path/site``, which holds ``files``."""
    write_site(tmp_path, files)
    settings = f'{NEWSLETTER}\n[content]\npreset = "{preset}"\nroot = "site"\n{content_settings}'
    (tmp_path / "nieuwsbrief.toml").write_text(settings, encoding="utf-8")
    return tmp_path


def post(title: str, date: str, extra: str = "") -> str:
    return POST.format(title=title, date=date, extra=extra)


def problems_of_check_and_compose(project: Path) -> list[str]:
    """check and compose both exit 1 with the same problems, and nothing is written."""
    check = runner.invoke(app, ["--project", str(project), "check"])
    compose = runner.invoke(app, ["--project", str(project), "compose", "--date", "2026-11-23"])
    assert (check.exit_code, compose.exit_code) == (1, 1)
    assert "Traceback" not in check.output + compose.output
    assert not (project / "issues").exists()
    lines = [line.replace(f"{project}/", "") for line in check.stderr.splitlines()[:-1] if ": error: " in line]
    assert lines == [line.replace(f"{project}/", "") for line in compose.stderr.splitlines()[:-1] if ": error: " in line]
    return lines


MALFORMED = {
    "toml": (
        '+++\ntitle = "Over prijzen\ndate = 2026-11-02\n+++\nTekst.\n',
        "site/content/posts/kapot.md:2:22: error: invalid TOML: a quoted value is never closed on its line; see https://toml.io for the syntax; quote text values",
    ),
    "toml-unclosed": (
        '+++\ntitle = "Over prijzen"\nTekst zonder einde.\n',
        "site/content/posts/kapot.md:1:1: error: front matter is never closed; end the TOML block with a line '+++'",
    ),
    "toml-duplicate": (
        '+++\ntitle = "Een"\ntitle = "Twee"\n+++\nTekst.\n',
        "site/content/posts/kapot.md:3:15: error: invalid TOML: Cannot overwrite a value; see https://toml.io for the syntax; quote text values",
    ),
    "json": (
        '{\n  "title": "Over prijzen",\n  "date": "2026-11-02",\n}\nTekst.\n',
        "site/content/posts/kapot.md:4:1: error: invalid JSON: Expecting property name enclosed in double quotes; check the JSON front matter: quotes, commas, braces",
    ),
    "yaml": (
        "---\ntitle: [Over prijzen\ndate: 2026-11-02\n---\nTekst.\n",
        "site/content/posts/kapot.md:2:8: error: invalid YAML: a list opened here with [ is never closed; close it with ], e.g. tags: [een, twee]",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_a_malformed_site_file_is_an_error_at_its_line(case: str, tmp_path: Path) -> None:
    text, expected = MALFORMED[case]
    files = {"hugo.toml": HUGO, "content/posts/goed.md": post("Goed", "2026-11-01"), "content/posts/kapot.md": text}
    assert problems_of_check_and_compose(site(tmp_path, "hugo", files)) == [expected]


def test_a_date_nieuwsbrief_cannot_read_leaves_the_piece_out_with_a_warning(tmp_path: Path) -> None:
    # The site's generator may read a date nieuwsbrief does not: one page never stops an issue.
    kapot = '+++\ntitle = "Over prijzen"\ndate = "gisteren"\n+++\nTekst.\n'
    files = {"hugo.toml": HUGO, "content/posts/goed.md": post("Goed", "2026-11-01"), "content/posts/kapot.md": kapot}
    loaded = pipeline.load_project(site(tmp_path, "hugo", files), cache=False)
    assert [a.slug for a in loaded.content.articles] == ["goed"]
    assert [p.render() for p in loaded.warnings] == [
        "site/content/posts/kapot.md:3:8: warning: 'gisteren' is not a date nieuwsbrief reads: the piece is left out; "
        "write it as YYYY-MM-DD, or with a time: 2025-01-29 18:15:32 +0100"
    ]


def test_a_broken_site_configuration_is_an_error_at_its_line(tmp_path: Path) -> None:
    files = {
        "hugo.toml": 'baseURL = "https://blog.example.org/"\n[permalinks\nposts = "/:slug/"\n',
        "content/posts/a.md": post("A", "2026-11-01"),
    }
    assert problems_of_check_and_compose(site(tmp_path, "hugo", files)) == [
        "site/hugo.toml:2:12: error: invalid TOML: Expected ']' at the end of a table declaration; see https://toml.io for the syntax; quote text values"
    ]


def test_a_broken_jekyll_configuration_is_an_error_at_its_line(tmp_path: Path) -> None:
    files = {"_config.yml": "title: Blog\npermalink: [pretty\n", "_posts/2026-11-01-a.md": post("A", "2026-11-01")}
    assert problems_of_check_and_compose(site(tmp_path, "jekyll", files)) == [
        "site/_config.yml:2:12: error: invalid YAML: a list opened here with [ is never closed; close it with ], e.g. tags: [een, twee]"
    ]


def test_a_missing_site_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "nieuwsbrief.toml").write_text(f'{NEWSLETTER}\n[content]\npreset = "hugo"\nroot = "../weg"\n', encoding="utf-8")
    result = runner.invoke(app, ["--project", str(tmp_path), "check"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{tmp_path}/nieuwsbrief.toml: error: the site folder ../weg is not found; set [content] root to the folder of your site"
    )


def test_hugo_drafts_future_and_expired_pieces_are_never_picked(tmp_path: Path) -> None:
    files = {
        "hugo.toml": HUGO,
        "content/posts/oud.md": post("Oud", "2026-11-14"),
        "content/posts/concept.md": post("Concept", "2026-11-10", "draft: true\n"),
        "content/posts/later.md": post("Later", "2026-10-02", "publishDate: 2026-12-01\n"),
        "content/posts/verlopen.md": post("Verlopen", "2026-11-12", "expiryDate: 2026-11-20\n"),
        "content/posts/_index.md": "---\ntitle: Berichten\n---\nDe sectie.\n",
    }
    project = site(tmp_path, "hugo", files)
    picked = pipeline.pick(project, dt.date(2026, 11, 23)).selection
    assert picked.lead.article.slug == "oud"
    assert {skip.slug: skip.reason for skip in picked.skipped} == {
        "concept": "draft",
        "later": "not published yet (2026-12-01)",
        "verlopen": "expired on the site (2026-11-20)",
    }


def test_a_section_pages_cascade_reaches_the_pages_below_it(tmp_path: Path) -> None:
    files = {
        "hugo.toml": HUGO,
        "content/posts/_index.md": "---\ntitle: Berichten\ncascade:\n  categories: [Verenigingsnieuws]\n  draft: true\n---\n",
        "content/posts/2026/_index.md": "+++\ntitle = '2026'\n[cascade]\ndraft = false\n+++\n",
        "content/posts/2026/nieuw.md": post("Nieuw", "2026-11-01"),
        "content/posts/2025/oud.md": post("Oud", "2025-11-01", "categories: [Eigen]\n"),
    }
    articles = pipeline.load_project(site(tmp_path, "hugo", files), cache=False).content.by_slug()
    assert (articles["nieuw"].category, articles["nieuw"].draft) == ("Verenigingsnieuws", False)
    assert (articles["oud"].category, articles["oud"].draft) == ("Eigen", True)


def test_hugo_addresses_follow_slug_url_bundles_and_permalinks(tmp_path: Path) -> None:
    files = {
        "hugo.toml": HUGO + '[permalinks]\nnieuws = "/:year/:month/:title/"\n',
        "content/posts/Eerste Stap.md": post("Eerste stap", "2026-11-01"),
        "content/posts/met-slug.md": post("Met slug", "2026-11-02", "slug: Eigen Naam\n"),
        "content/posts/met-url.md": post("Met url", "2026-11-03", "url: /over/ons\n"),
        "content/posts/bundel/index.md": post("Bundel", "2026-11-04", "images: [kaft.jpg]\n"),
        "content/nieuws/vandaag.md": post("Créer één band!", "2026-11-05"),
    }
    project = site(tmp_path, "hugo", files, 'columns = ["content/**/*.md"]\narticles = ["content/**/*.md"]\n')
    articles = pipeline.load_project(project, cache=False).content.by_slug()
    assert {slug: a.url for slug, a in articles.items()} == {
        "eerste-stap": "https://blog.example.org/posts/eerste-stap/",
        "eigen-naam": "https://blog.example.org/posts/eigen-naam/",
        "met-url": "https://blog.example.org/over/ons/",
        "bundel": "https://blog.example.org/posts/bundel/",
        "vandaag": "https://blog.example.org/2026/11/cr%C3%A9er-%C3%A9%C3%A9n-band/",
    }
    assert articles["bundel"].image == "https://blog.example.org/posts/bundel/kaft.jpg"


def test_hugo_puts_a_site_of_one_language_in_its_subfolder_when_in_subdir_says_so(tmp_path: Path) -> None:
    # go-gitea/blog: defaultContentLanguage "en-us" with defaultContentLanguageInSubdir and no [languages]
    files = {
        "hugo.toml": HUGO + 'defaultContentLanguage = "en-US"\ndefaultContentLanguageInSubdir = true\n'
        '[permalinks]\npost = "/:year/:month/:title/"\n',
        "content/post/release-of-1.6.3.md": post("Release of 1.6.3", "2019-01-01"),
        "content/post/met-url.md": post("Met url", "2019-01-02", "url: /over/ons/\n"),
    }
    project = site(tmp_path, "hugo", files)
    assert {slug: a.url for slug, a in pipeline.load_project(project, cache=False).content.by_slug().items()} == {
        "release-of-1-6-3": "https://blog.example.org/en-us/2019/01/release-of-1.6.3/",
        "met-url": "https://blog.example.org/over/ons/",  # a url of its own is the address as written
    }


def test_hugos_front_matter_configuration_takes_dates_and_slugs_from_file_names(tmp_path: Path) -> None:
    # marigold.cz (tangero/marigold-page): `[frontmatter] date = [":filename", ":default"]`, posts named
    # content/posts/YYYY/YYYY-MM-DD-slug.md without a date, `posts = "/item/:slug/"`
    files = {
        "hugo.toml": HUGO + '[frontmatter]\ndate = [":filename", ":default"]\n[permalinks]\nposts = "/item/:slug/"\n',
        "content/posts/2024/2024-03-05-eerste-post.md": "---\ntitle: Eerste post\n---\nTekst.\n",
        "content/posts/2024/2024-03-06-tweede.md": "---\ntitle: Tweede\nslug: eigen\n---\nTekst.\n",
        "content/posts/2024/2024-03-07-derde.md": "---\ntitle: Derde\ndate: 2020-01-01\n---\nTekst.\n",
        "content/posts/2024-04-01-bundel/index.md": "---\ntitle: Bundel\n---\nTekst.\n",
        "content/nieuws/2024-03-08_zonder.md": "---\ntitle: Zonder\n---\nTekst.\n",
        "content/nieuws/geen-datum.md": "---\ntitle: Geen datum\n---\nTekst.\n",
        "content/nieuws/2024-13-45-geen-datum-ook.md": "---\ntitle: Geen datum ook\n---\nTekst.\n",
    }
    loaded = pipeline.load_project(site(tmp_path, "hugo", files, 'columns = ["content/**/*.md"]\n'), cache=False)
    assert {a.slug: (a.url, a.published.date().isoformat()) for a in loaded.content.articles} == {
        "eerste-post": ("https://blog.example.org/item/eerste-post/", "2024-03-05"),
        "eigen": ("https://blog.example.org/item/eigen/", "2024-03-06"),
        # Hugo's .Date is the file name's, its .PublishDate the front matter's `date` (publishDate's own handlers)
        "derde": ("https://blog.example.org/item/derde/", "2020-01-01"),
        "bundel": ("https://blog.example.org/item/bundel/", "2024-04-01"),
        "zonder": ("https://blog.example.org/nieuws/zonder/", "2024-03-08"),  # the slug is the last part of the path
    }
    assert [p.render() for p in loaded.warnings] == [
        "site/content/nieuws/2024-13-45-geen-datum-ook.md:1:1: warning: no date: the piece is left out; add publishdate: "
        "YYYY-MM-DD to its front matter",
        "site/content/nieuws/geen-datum.md:1:1: warning: no date: the piece is left out; add publishdate: YYYY-MM-DD to "
        "its front matter",
    ]


def test_a_hugo_file_names_slug_counts_only_when_its_date_is_the_one_read(tmp_path: Path) -> None:
    # kubernetes.dev (kubernetes/contributor-site): `[frontmatter] date = ["date", ":filename", ...]` and
    # `blog: /:section/:year/:month/:day/:slug/`; a post named 2022-02-16-x with a `date` takes its slug from its title
    files = {
        "hugo.yaml": HUGO.replace(" = ", ": ")
        + "frontmatter:\n  date: [date, ':filename', publishDate]\npermalinks:\n  blog: /:section/:year/:month/:day/:slug/\n",
        "content/blog/2022/2022-02-16-sig-node-ci/index.md": post("SIG Node CI Celebrates Two Years", "2022-02-16"),
        "content/blog/2023/2023-05-01-alleen-de-naam/index.md": "---\ntitle: Zonder datum\n---\nTekst.\n",
    }
    loaded = pipeline.load_project(site(tmp_path, "hugo", files, 'columns = ["content/blog/**/*.md"]\n'), cache=False)
    assert sorted(a.url for a in loaded.content.articles) == [
        "https://blog.example.org/blog/2022/02/16/sig-node-ci-celebrates-two-years/",
        "https://blog.example.org/blog/2023/05/01/alleen-de-naam/",
    ]


def test_hugo_reads_front_matter_opened_by_a_longer_line_of_dashes(tmp_path: Path) -> None:
    # kubernetes.dev's content/en/blog/2024/k8s-book-club/k8s-book-club.md opens with `------`: Hugo's lexer takes
    # three dashes as the fence and the rest as YAML's own document marker
    files = {
        "hugo.toml": HUGO,
        "content/posts/boekenclub.md": "------\ntitle: Boekenclub\nslug: k8s-book-club\ndate: 2024-02-22\n---\nTekst.\n",
    }
    loaded = pipeline.load_project(site(tmp_path, "hugo", files), cache=False)
    assert [(a.title, a.url) for a in loaded.content.articles] == [
        ("Boekenclub", "https://blog.example.org/posts/k8s-book-club/")
    ]
    assert list(loaded.warnings) == []


def test_a_hugo_content_adapter_is_said_to_make_its_pages_in_the_build(tmp_path: Path) -> None:
    # gohugoio/hugoDocs: content/en/news/_content.gotmpl adds a page for each release it fetches from GitHub
    files = {
        "hugo.toml": HUGO,
        "content/news/_index.md": "---\ntitle: News\n---\n",
        "content/news/_content.gotmpl": '{{ range $releases }}{{ $.AddPage (dict "kind" "page") }}{{ end }}\n',
        "content/posts/eerste.md": post("Eerste", "2026-11-20"),
    }
    project = site(tmp_path, "hugo", files, 'columns = ["content/news/**/*.md"]\narticles = ["content/news/**/*.md"]\n')
    check = runner.invoke(app, ["--project", str(project), "check"])
    assert check.exit_code == 1
    said = [line.replace(f"{project}/", "") for line in check.stderr.splitlines()]
    assert [line for line in said if "content adapter" in line or "featured" in line] == [
        "nieuwsbrief.toml:10:11: error: no piece of the site can be featured: the globs find no page nieuwsbrief reads "
        "(see the warnings); check [content] columns and articles, and the warnings for the pages",
        "site/content/news/_content.gotmpl:1:1: warning: a content adapter: the pages it adds are made by Hugo's build, "
        "which nieuwsbrief does not run; nieuwsbrief reads the Markdown pages beside it; point [content] at those",
    ]


def test_the_markdown_inside_a_hugo_leaf_bundle_is_its_resources_not_pages(tmp_path: Path) -> None:
    files = {
        "hugo.toml": HUGO,
        "content/posts/bundel/index.md": post("Bundel", "2026-11-04"),
        "content/posts/bundel/aantekeningen.md": post("Aantekeningen", "2026-11-05"),
        "content/posts/bundel/deel/index.md": post("Deel", "2026-11-06"),
        "content/posts/tak/_index.md": "---\ntitle: Tak\n---\n",
        "content/posts/tak/blad.md": post("Blad", "2026-11-07"),
    }
    files["index.md"] = "# Onze site\n\nDe bron van blog.example.org.\n"  # beside the configuration: no bundle
    project = site(tmp_path, "hugo", files)
    assert sorted(pipeline.load_project(project, cache=False).content.by_slug()) == ["blad", "bundel"]
    (tmp_path / "site/content/posts/bundel/index.md").unlink()  # no longer a leaf: its files are pages again
    assert sorted(pipeline.load_project(project).content.by_slug()) == ["aantekeningen", "blad", "deel"]


def test_hugos_ignore_files_leave_out_the_files_they_match(tmp_path: Path) -> None:
    # tidyverse.org: `ignoreFiles = ['\\.Rmd$', '_files$', '_cache$', '\\.knit\\.md$', '\\.utf8\\.md$']`, and a
    # blogdown leftover `index.knit.md` beside a bundle's `index.markdown`; Hugo matches them on the file's path
    files = {
        "config.toml": HUGO + "ignoreFiles = ['\\.knit\\.md$', '^nowhere/', '[unclosed']\n",
        "content/blog/2020/bundel/index.markdown": post("Bundel", "2020-11-04"),
        "content/blog/2020/bundel/index.knit.md": post("Bundel gebreid", "2020-11-04"),
        "content/blog/2020/los.knit.md": post("Los gebreid", "2020-11-05"),
        "content/blog/2020/los.md": post("Los", "2020-11-05"),
    }
    globs = 'columns = ["content/blog/**/*.{md,markdown}"]\narticles = ["content/blog/**/*.{md,markdown}"]\n'
    loaded = pipeline.load_project(site(tmp_path, "hugo", files, globs), cache=False)
    assert sorted(a.url for a in loaded.content.articles) == [
        "https://blog.example.org/blog/2020/bundel/",
        "https://blog.example.org/blog/2020/los/",
    ]


def test_init_from_a_hugo_site_with_markdown_pages_reads_them_too(tmp_path: Path) -> None:
    # tidyverse.org: blogdown writes a post as content/blog/YYYY/slug/index.markdown (from index.Rmarkdown)
    write_site(
        tmp_path,
        {
            "config.toml": HUGO + '[permalinks]\nblog = "blog/:year/:month/:slug/"\n',
            "content/blog/2020/eerste/index.markdown": post("Eerste", "2020-11-04"),
            "content/blog/2020/tweede/index.md": post("Tweede", "2020-11-05"),
        },
    )
    done = runner.invoke(app, ["init", str(tmp_path / "project"), "--from", str(tmp_path / "site")])
    assert done.exit_code == 0, done.output
    settings = (tmp_path / "project" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert 'columns = ["content/blog/**/*.{md,markdown}"]' in settings
    loaded = pipeline.load_project(tmp_path / "project", cache=False)
    assert sorted(a.url for a in loaded.content.articles) == [
        "https://blog.example.org/blog/2020/11/eerste/",
        "https://blog.example.org/blog/2020/11/tweede/",
    ]


def test_hugo_authors_come_from_data_files_with_their_bios(tmp_path: Path) -> None:
    files = {
        "hugo.toml": HUGO,
        "data/authors/anna.toml": 'name = "Anna de Boer"\nrole = "Columnist"\nbio = "Anna schrijft over **ondernemen**."\n',
        "content/posts/a.md": post("A", "2026-11-01", "authors: [anna]\n"),
        "content/posts/b.md": post("B", "2026-11-02", "author: Piet Jansen\n"),
    }
    loaded = pipeline.load_project(site(tmp_path, "hugo", files), cache=False)
    authors = loaded.content.authors
    assert (authors["anna"].name, authors["anna"].role, authors["anna"].bio) == (
        "Anna de Boer",
        "Columnist",
        "Anna schrijft over **ondernemen**.",
    )
    assert (authors["piet-jansen"].name, authors["piet-jansen"].bio) == ("Piet Jansen", "")
    assert [p.render() for p in loaded.warnings] == [
        "nieuwsbrief.toml: warning: 1 author has no bio, so an issue they lead leaves out the 'about the author' box: "
        "Piet Jansen; add author files with a bio and point [content] authors at them, if you want the box"
    ]


def test_a_hugo_byline_written_as_html_links_is_a_name_a_link_and_a_role(tmp_path: Path) -> None:
    # cloudwego.io: `author: <a href="https://github.com/yy2so" target="_blank">Yacine Si Tayeb</a>, <a …>…</a>`,
    # which its layout renders with `markdownify`; the issue showed the markup as text
    links = '<a href="https://github.com/yy2so" target="_blank">Yacine Si Tayeb</a>, <a href="https://github.com/gl">G. Luo</a>'
    files = {"hugo.toml": HUGO, "content/blog/a.md": post("A", "2024-02-21", f"author: '{links}'\n")}
    loaded = pipeline.load_project(site(tmp_path, "hugo", files), cache=False)
    author = loaded.content.authors[loaded.content.articles[0].author or ""]
    assert (author.name, author.url, author.role) == ("Yacine Si Tayeb", "https://github.com/yy2so", "G. Luo")


def test_jekyll_authors_in_the_configurations_authors_table_are_the_posts_authors(tmp_path: Path) -> None:
    # artsy/artsy.github.io: `authors:` in _config.yml by handle (its layouts read site.authors), `author: [chris]`
    files = {
        "_config.yml": (
            "url: https://artsy.github.io\npermalink: /blog/:year/:month/:day/:title/\nauthors:\n"
            "  orta:\n    name: Orta Therox\n    site: http://orta.io\n    byline: Code Janitor at Artsy.\n"
            "  chris:\n    name: Chris Pappas\n    github: damassi\n"
        ),
        "_posts/2024-03-07-nextjs-at-artsy-retrospective.markdown": (
            "---\ntitle: Two years of Next.js at Artsy\ndate: 2024-03-07\nauthor: [chris]\n---\nWhere to begin!\n"
        ),
        "_posts/2012-10-18-ios.markdown": "---\ntitle: iOS\nauthor: orta\n---\nTekst.\n",
    }
    project = site(tmp_path, "jekyll", files, 'authors = ["_config.yml"]\n')
    loaded = pipeline.load_project(project, cache=False).content
    assert {a.slug: a.author for a in loaded.articles} == {"nextjs-at-artsy-retrospective": "chris", "ios": "orta"}
    assert {key: author.name for key, author in loaded.authors.items()} == {"chris": "Chris Pappas", "orta": "Orta Therox"}
    (tmp_path / "nieuwsbrief.toml").unlink()
    result = runner.invoke(app, ["init", str(tmp_path / "nieuw"), "--from", str(tmp_path / "site"), "--json"])
    assert '"authors": 2' in result.output


def test_a_jekyll_site_without_url_has_the_address_of_its_github_pages_custom_domain(tmp_path: Path) -> None:
    # vim-jp/vim-jp.github.io: no `url` in _config.yml, `vim-jp.org` in CNAME (GitHub Pages sets site.url from it)
    files = {
        "_config.yml": "permalink: date\n",
        "CNAME": "vim-jp.org\n",
        "_posts/blog/2011-09-16-start.md": "---\ncategory: blog\ntitle: vim-jpを作りました。\n---\nこれまでの経緯\n",
    }
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", str(tmp_path / "nieuw"), "--from", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert 'base_url = "https://vim-jp.org"' in (tmp_path / "nieuw" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    loaded = pipeline.load_project(tmp_path / "nieuw", cache=False).content
    assert [a.url for a in loaded.articles] == ["https://vim-jp.org/blog/2011/09/16/start.html"]
    (tmp_path / "site" / "_config.yml").write_text("url: https://www.vim-jp.example\n", encoding="utf-8")
    assert [a.url for a in pipeline.load_project(tmp_path / "nieuw", cache=False).content.articles] == [
        "https://www.vim-jp.example/blog/2011/09/16/start.html"  # the configuration's url wins
    ]


def test_an_empty_jekyll_authors_data_file_holds_no_authors_and_stops_nothing(tmp_path: Path) -> None:
    # vim-jp/vim-jp.github.io: _data/authors.yml is an empty file, which Jekyll reads as no data
    files = {
        "_config.yml": "url: https://vim-jp.org\n",
        "_data/authors.yml": "",
        "_data/people.yml": "# nog niemand\n",
        "_posts/blog/2011-09-16-start.md": "---\nlayout: blog\ncategory: blog\ntitle: vim-jpを作りました。\n---\nこれまでの経緯\n",
    }
    project = site(tmp_path, "jekyll", files, 'authors = ["_data/*.yml"]\n')
    loaded = pipeline.load_project(project, cache=False)
    assert [(a.slug, a.url) for a in loaded.content.articles] == [("start", "https://vim-jp.org/blog/2011/09/16/start.html")]
    assert loaded.content.authors == {}


def test_jekyll_reads_dates_slugs_and_categories_from_paths_and_honours_published(tmp_path: Path) -> None:
    files = {
        "_config.yml": "url: https://blog.example.org\npermalink: /:categories/:year/:month/:day/:title:output_ext\n"
        "defaults:\n  - scope: {path: '', type: posts}\n    values: {author: Redactie}\n",
        "nieuws/_posts/2026-11-01-Open-Dag.md": "---\ntitle: Open dag\ncategories: Evenement Agenda\n---\nKom langs.\n",
        "_posts/2026-11-02-niet-af.markdown": "---\ntitle: Niet af\npublished: false\n---\nNog niet.\n",
        "_posts/geen-datum.md": "---\ntitle: Geen datum\n---\nJekyll slaat dit over.\n",
    }
    loaded = pipeline.load_project(site(tmp_path, "jekyll", files), cache=False)
    articles = loaded.content.by_slug()
    assert {slug: (a.url, a.category, a.author, a.draft) for slug, a in articles.items()} == {
        "open-dag": ("https://blog.example.org/nieuws/evenement/agenda/2026/11/01/Open-Dag.html", "Evenement", "redactie", False),
        "niet-af": ("https://blog.example.org/2026/11/02/niet-af.html", "Posts", "redactie", True),
    }
    assert [p.render() for p in loaded.warnings if "left out" in p.message] == [
        "site/_posts/geen-datum.md:1:1: warning: Jekyll reads a post only when its file name starts with a date "
        "(YYYY-MM-DD-title.md): it is left out"
    ]


def test_a_piece_whose_address_cannot_be_worked_out_is_reported_and_left_out(tmp_path: Path) -> None:
    files = {
        "eleventy.config.js": 'export const config = { dir: { input: "src" } };\n',
        "src/posts/a.md": post("A", "2026-11-01"),
        "src/posts/b.md": post("B", "2026-11-02", 'permalink: "/nieuws/{{ page.fileSlug }}/"\n'),
        "src/posts/c.md": post("C", "2026-11-03", 'permalink: "/{{ page.fileSlug | vanDeSite }}/"\n'),
    }
    loaded = pipeline.load_project(site(tmp_path, "eleventy", files), cache=False)
    assert [(a.slug, a.url) for a in loaded.content.articles] == [
        ("a", "https://www.example.nl/posts/a/"),
        ("b", "https://www.example.nl/nieuws/b/"),  # a permalink template over the page's data is filled in
    ]
    assert [p.render() for p in loaded.warnings] == [
        "site/src/posts/c.md:1:1: warning: its web address cannot be worked out (its permalink "
        "'/{{ page.fileSlug | vanDeSite }}/' uses the filter vanDeSite, which is the site's own JavaScript): the piece "
        "is left out; give it a url in its front matter, or set [links] article_url"
    ]


def test_the_field_map_names_the_sites_own_keys(tmp_path: Path) -> None:
    shutil.copytree(SITES / "jekyll-ieni", tmp_path / "site")
    project = site(tmp_path, "jekyll", {}, 'authors = ["_team/*.md"]\n[content.fields]\nsummary = ["lead"]\nimage = "header"\n')
    hedy = pipeline.load_project(project, cache=False).content.by_slug()["hedy"]
    assert (hedy.summary, hedy.image, hedy.image_alt) == (
        "Een graduele programmeertaal",
        "https://www.example.nl/assets/img/content/bjoc_header.jpg",
        "Hedy",
    )


def test_article_url_overrides_the_sites_addresses(tmp_path: Path) -> None:
    project = site(tmp_path, "hugo", {"hugo.toml": HUGO, "content/posts/a.md": post("A", "2026-11-01")})
    settings = project / "nieuwsbrief.toml"
    settings.write_text(
        settings.read_text().replace("[content]", '[links]\narticle_url = "https://www.example.nl/lees/{slug}"\n\n[content]')
    )
    assert pipeline.load_project(project, cache=False).content.articles[0].url == "https://www.example.nl/lees/a"


def test_mistakes_in_the_field_map_are_reported_at_their_table(tmp_path: Path) -> None:
    project = site(tmp_path, "hugo", {"hugo.toml": HUGO}, '[content.fields]\nsamenvatting = ["description"]\ntitle = 3\n')
    result = runner.invoke(app, ["--project", str(project), "check"])
    assert result.exit_code == 1
    hint = (
        "known fields: title, date, category, author, tags, summary, reading_time, url, image, image_alt, slug, draft, "
        'expires, related, subject, preheader; e.g. summary = ["description", "excerpt"]'
    )
    assert [line.replace(f"{project}/", "") for line in result.stderr.splitlines()[:2]] == [
        f"nieuwsbrief.toml:10:1: error: content.fields: 'title' must be a key or a list of keys, got 3; {hint}",
        f"nieuwsbrief.toml:10:1: error: content.fields: unknown field 'samenvatting'; {hint}",
    ]


def age(root: Path) -> None:
    then = time.time() - 3600
    for path in root.rglob("*"):
        os.utime(path, (then, then))


def test_the_cache_serves_a_site_and_notices_a_changed_section_page(tmp_path: Path) -> None:
    files = {"hugo.toml": HUGO, "content/posts/_index.md": "---\ntitle: Berichten\n---\n"}
    files |= {f"content/posts/stuk-{n}.md": post(f"Stuk {n}", f"2026-10-{n + 1:02d}") for n in range(5)}
    project = site(tmp_path, "hugo", files)
    age(project)
    first = content.scan_content(load_settings(project))
    second = content.scan_content(load_settings(project))
    assert ((first.stats.parsed, first.stats.cached), (second.stats.parsed, second.stats.cached)) == ((5, 0), (0, 5))
    assert (project / ".nieuwsbrief/cache/content").is_file()  # one cache for every generator
    (project / "site/content/posts/_index.md").write_text(
        "---\ntitle: Berichten\ncascade:\n  draft: true\n---\n", encoding="utf-8"
    )
    age(project)
    third = content.scan_content(load_settings(project))
    assert (third.stats.parsed, all(a.draft for a in third.content.articles)) == (5, True)


def test_a_big_site_scan_uses_worker_processes_and_gives_the_same_result(tmp_path: Path) -> None:
    files = {"hugo.toml": HUGO} | {
        f"content/posts/{n:03d}/index.md": post(f"Stuk {n}", f"2026-10-{1 + n % 28:02d}") for n in range(60)
    }
    files["content/posts/fout.md"] = "+++\ntitle = [\n+++\n"
    settings = load_settings(site(tmp_path, "hugo", files))
    with pytest.raises(ContentError) as serial:
        content.scan_content(settings, use_cache=False, parallel_from=10**9)
    with pytest.raises(ContentError) as parallel:
        content.scan_content(settings, use_cache=False, parallel_from=1)
    assert parallel.value.problems == serial.value.problems
    (tmp_path / "site/content/posts/fout.md").unlink()
    one = content.scan_content(settings, use_cache=False, parallel_from=10**9)
    many = content.scan_content(settings, use_cache=False, parallel_from=1)
    assert (one.stats.processes, many.stats.processes) == (1, min(2, len(os.sched_getaffinity(0))))
    assert many.content == one.content


def test_init_from_refuses_a_folder_it_cannot_read_as_a_site(tmp_path: Path) -> None:
    (tmp_path / "map").mkdir()
    result = runner.invoke(app, ["init", str(tmp_path / "brief"), "--from", str(tmp_path / "map")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"nieuwsbrief: --from {tmp_path / 'map'}: cannot tell which generator builds this site (no hugo.toml, config.toml, "
        "_config.yml, eleventy.config.js, astro.config.mjs, pelicanconf.py or mkdocs.yml); write the [content] section "
        "by hand (see docs/sites.md)\n"
    )
    assert not (tmp_path / "brief").exists()


def test_new_sends_the_editor_to_the_sites_own_tools(tmp_path: Path) -> None:
    project = site(tmp_path, "hugo", {"hugo.toml": HUGO})
    result = runner.invoke(app, ["--project", str(project), "new", "column", "Titel"])
    assert result.exit_code == 2
    assert result.stderr == (
        "nieuwsbrief: this project reads a site's folder ([content] in nieuwsbrief.toml): write new pieces there, with hugo\n"
    )


def test_a_bodys_relative_links_and_images_land_beside_its_own_page(tmp_path: Path) -> None:
    body = "![Schema](schema.png) en [de vorige](../oud/) en [het archief](/archief/).\n"
    files = {
        "hugo.toml": HUGO + "uglyURLs = true\n[permalinks]\nposts = '/:year/:month/:slug/'\n",
        "content/posts/nieuw.md": post("Nieuw", "2026-11-20") + body,
        "content/posts/oud.md": post("Oud", "2026-10-01"),
    }
    result = pipeline.compose(site(tmp_path, "hugo", files), dt.date(2026, 11, 23))
    assert result.rendered.edition.selection.lead.article.url == "https://blog.example.org/2026/11/nieuw.html"
    html = result.rendered.html
    assert 'src="https://blog.example.org/2026/11/schema.png"' in html
    assert 'href="https://blog.example.org/2026/oud/"' in html
    assert 'href="https://blog.example.org/archief/"' in html


def test_hugo_authors_come_from_the_authors_taxonomy_pages(tmp_path: Path) -> None:
    files = {
        "hugo.toml": HUGO,
        "content/authors/jan-jansen/_index.md": "---\ntitle: Jan Jansen\nrole: Oprichter\n---\nJan begon het bedrijf in 1998.\n",
        "content/posts/a.md": post("A", "2026-11-01", "authors: [Jan Jansen]\n"),
    }
    project = site(tmp_path, "hugo", files, 'authors = ["content/authors/*/_index.md"]\n')
    loaded = pipeline.load_project(project, cache=False)
    jan = loaded.content.authors["jan-jansen"]
    assert (jan.name, jan.role, jan.bio, loaded.content.articles[0].author) == (
        "Jan Jansen",
        "Oprichter",
        "Jan begon het bedrijf in 1998.",
        "jan-jansen",
    )


def test_a_jekyll_permalink_in_front_matter_wins_over_the_sites_pattern(tmp_path: Path) -> None:
    files = {
        "_config.yml": "url: https://blog.example.org\npermalink: pretty\n",
        "_posts/2026-11-01-gewoon.md": post("Gewoon", "2026-11-01"),
        "_posts/2026-11-02-eigen.md": post("Eigen", "2026-11-02", "permalink: /speciaal/:year/:title.html\n"),
    }
    articles = pipeline.load_project(site(tmp_path, "jekyll", files), cache=False).content.by_slug()
    assert {slug: a.url for slug, a in articles.items()} == {
        "gewoon": "https://blog.example.org/2026/11/01/gewoon/",
        "eigen": "https://blog.example.org/speciaal/2026/eigen.html",
    }


def test_a_folder_of_its_own_is_read_with_globs_and_a_field_map_alone(tmp_path: Path) -> None:
    files = {
        "stukken/2026/eerste.md": "---\ntitle: Eerste\ndatum: 2026-11-01\nteaser: Een korte inleiding.\n---\nTekst.\n",
        "stukken/2026/tweede.md": "---\ntitle: Tweede\ndatum: 2026-11-02\n---\nNog een tekst.\n",
    }
    project = site(tmp_path, "hugo", files)
    settings = project / "nieuwsbrief.toml"
    text = settings.read_text().replace('preset = "hugo"\n', "")
    settings.write_text(
        text
        + 'columns = ["stukken/**/*.md"]\narticles = ["stukken/**/*.md"]\n[content.fields]\ndate = "datum"\nsummary = "teaser"\n'
    )
    articles = pipeline.load_project(project, cache=False).content.by_slug()
    assert {slug: (a.url, a.summary, a.category, a.published.day) for slug, a in articles.items()} == {
        "eerste": ("https://www.example.nl/eerste/", "Een korte inleiding.", "Stukken", 1),
        "tweede": ("https://www.example.nl/tweede/", "Nog een tekst.", "Stukken", 2),
    }


def test_jekylls_link_reaches_a_page_and_post_url_a_post(tmp_path: Path) -> None:
    files = {
        "_config.yml": "url: https://blog.example.org\npermalink: pretty\n",
        "over/index.md": "---\ntitle: Over ons\n---\nWie we zijn.\n",
        "contact.md": "---\ntitle: Contact\n---\nBel ons.\n",
        "_posts/2026-11-01-oud.md": post("Oud", "2026-11-01"),
        "_posts/2026-11-02-nieuw.md": post("Nieuw", "2026-11-02")
        + "Zie [over]({% link over/index.md %}), [contact]({% link contact.md %}) en [oud]({% post_url 2026-11-01-oud %}).\n",
    }
    lead = pipeline.pick(site(tmp_path, "jekyll", files), dt.date(2026, 11, 9)).selection.lead.article
    assert lead.body.endswith(
        "Zie [over](https://blog.example.org/over/), [contact](https://blog.example.org/contact/) "
        "en [oud](https://blog.example.org/2026/11/01/oud/).\n"
    )


def test_init_from_never_overwrites_a_project(tmp_path: Path) -> None:
    shutil.copytree(SITES / "astro-blog", tmp_path / "site")
    (tmp_path / "brief").mkdir()
    (tmp_path / "brief" / "nieuwsbrief.toml").write_text("# mijn eigen\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path / "brief"), "--from", str(tmp_path / "site")])
    assert result.exit_code == 2
    assert result.stderr == (
        f"nieuwsbrief: {tmp_path / 'brief' / 'nieuwsbrief.toml'} already exists: {tmp_path / 'brief'} is a nieuwsbrief "
        "project; init never overwrites one\n"
    )
    assert (tmp_path / "brief" / "nieuwsbrief.toml").read_text(encoding="utf-8") == "# mijn eigen\n"


def test_a_site_config_that_is_a_named_pipe_is_an_error_not_a_hang(tmp_path: Path) -> None:
    import subprocess
    import sys

    project = site(tmp_path, "hugo", {"content/posts/een.md": post("Een", "2026-11-20")})
    os.mkfifo(tmp_path / "site" / "hugo.toml")  # nobody writes into it: reading it would wait for ever
    result = subprocess.run(
        [sys.executable, "-m", "nieuwsbrief", "--project", str(project), "check"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert (
        "site/hugo.toml:1:1: error: cannot read the site's configuration: [Errno 22] it is a named pipe (FIFO)" in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_a_jekyll_date_with_a_time_and_no_zone_is_utc_as_yaml_reads_it_unless_quoted(tmp_path: Path) -> None:
    # swiftlang/swift-org-website (timezone: America/Lower_Princes) writes `date: 2021-09-20 10:00:00`: YAML reads a
    # plain timestamp without a zone as UTC, and Jekyll keeps that moment; quoted, or without seconds, it is text
    # that Ruby's Time.parse reads in the site's zone
    files = {
        "_config.yml": "url: https://blog.example.org\ntimezone: America/New_York\npermalink: /:year/:month/:day/:title/\n",
        "_posts/2021-09-20-plain.md": post("Plain", "2021-09-20 01:00:00"),
        "_posts/2021-09-20-iso.md": post("Iso", "2021-09-20T01:00:00"),
        "_posts/2021-09-20-quoted.md": post("Quoted", '"2021-09-20 01:00:00"'),
        "_posts/2021-09-20-single.md": post("Single", "'2021-09-20T01:00:00'"),
        "_posts/2021-09-20-minutes.md": post("Minutes", "2021-09-20 01:00"),
        "_posts/2021-09-20-zoned.md": post("Zoned", "2021-09-20 01:00:00 +0200"),
    }
    project = site(tmp_path, "jekyll", files)
    project.joinpath("nieuwsbrief.toml").write_text(
        project.joinpath("nieuwsbrief.toml")
        .read_text(encoding="utf-8")
        .replace("[newsletter]\n", '[newsletter]\ntimezone = "America/New_York"\n'),
        encoding="utf-8",
    )
    articles = pipeline.load_project(project, cache=False).content.by_slug()
    assert {slug: (a.published, a.url) for slug, a in articles.items()} == {
        "plain": (dt.datetime(2021, 9, 19, 21, 0), "https://blog.example.org/2021/09/19/plain/"),
        "iso": (dt.datetime(2021, 9, 19, 21, 0), "https://blog.example.org/2021/09/19/iso/"),
        "quoted": (dt.datetime(2021, 9, 20, 1, 0), "https://blog.example.org/2021/09/20/quoted/"),
        "single": (dt.datetime(2021, 9, 20, 1, 0), "https://blog.example.org/2021/09/20/single/"),
        "minutes": (dt.datetime(2021, 9, 20, 1, 0), "https://blog.example.org/2021/09/20/minutes/"),
        "zoned": (dt.datetime(2021, 9, 19, 19, 0), "https://blog.example.org/2021/09/19/zoned/"),
    }


def test_jekyll_reads_posts_in_folders_named_resources_public_or_dist(tmp_path: Path) -> None:
    # HelloWorld-1017.github.io keeps 17 posts in _posts/collections/resources/: Jekyll builds them, and only its
    # own output and exclusions (_site, node_modules, vendor) are never read
    files = {
        "_config.yml": "url: https://blog.example.org\npermalink: /:year/:month/:day/:title/\n",
        "_posts/collections/resources/2024-07-17-Python.md": post("Python Resources", "2024-07-17"),
        "_posts/public/2024-07-18-open.md": post("Open", "2024-07-18"),
        "dist/_posts/2024-07-19-built.md": post("Built", "2024-07-19"),
        "_site/_posts/2024-07-20-output.md": post("Output", "2024-07-20"),
        "node_modules/x/_posts/2024-07-21-module.md": post("Module", "2024-07-21"),
    }
    articles = pipeline.load_project(site(tmp_path, "jekyll", files), cache=False).content.by_slug()
    assert sorted(article.url for article in articles.values()) == [
        "https://blog.example.org/2024/07/17/Python/",
        "https://blog.example.org/2024/07/18/open/",
        "https://blog.example.org/2024/07/19/built/",
    ]


def test_brackets_in_a_links_address_are_no_reference_link(tmp_path: Path) -> None:
    # HelloWorld-1017.github.io links a FRED graph at `…&s[1][vintage_date]=1996-03-08`: the issue cut the brackets
    # out of the address (another page) and warned that the page does not define [vintage_date]
    address = "https://alfred.stlouisfed.org/graph?s[1][id]=UNRATE&s[1][vintage_date]=1996-03-08"
    files = {
        "_config.yml": "url: https://blog.example.org\n",
        "_posts/2024-07-30-fred.md": post("FRED", "2024-07-30", "") + f"\nThe [unemployment rate]({address}) in 1990.\n",
    }
    project = site(tmp_path, "jekyll", files)
    lead = pipeline.pick(project, dt.date(2024, 7, 31)).selection.lead.article
    assert f"The [unemployment rate]({address}) in 1990." in lead.body
    loaded = pipeline.load_project(project, cache=False)
    assert [p.message for p in loaded.warnings if "does not define" in p.message] == []


def test_a_reference_link_the_page_does_not_define_is_warned_of_at_its_own_line(tmp_path: Path) -> None:
    # mincong.io: `[WARN ][i.s.s.query]` in a quoted log line 48 of a post with `code` above it was warned of at line
    # 28, the line counted from the last piece of code before it rather than from the top of the page
    body = "\nRun `curl`.\n\nSome text.\n\n```\nGET /\n```\n\nMore text.\n\n> [2030-08-30][WARN ] slow\n"
    files = {
        "_config.yml": "url: https://blog.example.org\n",
        "_posts/2024-07-30-logs.md": post("Logs", "2024-07-30", "") + body,
    }
    project = site(tmp_path, "jekyll", files)
    loaded = pipeline.load_project(project, cache=False)
    assert [(p.line, p.message) for p in loaded.warnings if "does not define" in p.message] == [
        (17, "the link '2030-08-30' refers to [WARN ], which the page does not define: its text is kept")
    ]


def test_a_jekyll_title_with_a_character_reference_reads_as_the_site_shows_it(tmp_path: Path) -> None:
    # blog.cocoapods.org: `title: CocoaPods 1.3.0 &#8212; Test specifications…`, which its layout writes as it is (a
    # dash on the page); the subject and heading showed `&#8212;`
    files = {
        "_config.yml": "url: https://blog.example.org\npermalink: /:title\n",
        "_posts/2017-08-01-CocoaPods-1.3.0.markdown": post("CocoaPods 1.3.0 &#8212; Tests &amp; speed", "2017-08-01"),
    }
    (article,) = pipeline.load_project(site(tmp_path, "jekyll", files), cache=False).content.articles
    assert (article.title, article.url) == ("CocoaPods 1.3.0 \u2014 Tests & speed", "https://blog.example.org/CocoaPods-1.3.0")


def test_init_names_the_liquid_tags_a_jekyll_sites_own_plugins_define(tmp_path: Path) -> None:
    # blog.cocoapods.org: 58 `{% breaking_image … %}` images from its own _plugins/breaking_image.rb; check warned
    # that they have no meaning in an email, and init never said whose tags they are
    plugin = "module Jekyll\n  class BreakingImageTag < Liquid::Tag\n  end\nend\n"
    files = {
        "_config.yml": "url: https://blog.example.org\n",
        "_plugins/breaking_image.rb": plugin + "Liquid::Template.register_tag('breaking_image', Jekyll::BreakingImageTag)\n",
        "_plugins/date_slash.rb": "Liquid::Template.register_filter(Jekyll::DateSlashFilter)\n",
        "_posts/2015-06-24-Stats.md": post("Stats", "2015-06-24") + "{% breaking_image /assets/stack.png %}\n",
    }
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", str(tmp_path / "nb"), "--from", str(tmp_path / "site"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["assumed"] == [
        "{% breaking_image %} is a tag of the site's own _plugins/breaking_image.rb, which nieuwsbrief does not run: "
        "left out of the issue"
    ]
