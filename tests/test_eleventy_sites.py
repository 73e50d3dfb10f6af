"""Eleventy's conventions as real sites nobody here wrote use them (issue 18, third round), each on a small site
written here in the site's own words: eslint.org's permalink filter of its own that writes a date in a luxon pattern,
mxb.dev's dated index files (`buildless/2024-09-08-index.md`).

The generator itself checks the fixture sites in tests/test_oracle.py.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

from typer.testing import CliRunner

from nieuwsbrief import pipeline
from nieuwsbrief.cli import app
from tests.test_site_conventions import site, write_site

runner = CliRunner()


def addresses(project: Path) -> dict[str, tuple[str, str]]:
    """slug -> (address, date) of what nieuwsbrief reads."""
    loaded = pipeline.load_project(project, cache=False)
    return {a.slug: (a.url, a.published.isoformat()) for a in loaded.content.articles}


ESLINT_CONFIG = """\
const { DateTime } = require("luxon");
module.exports = eleventyConfig => {
	eleventyConfig.addFilter("readableDate", dateObj => {
		const date = new Date(dateObj);
		return DateTime.fromJSDate(date).toFormat("dd MMM, yyyy");
	});

	eleventyConfig.addFilter("blogPermalinkDate", dateObj => {
		// turn it into a JS Date string
		const date = new Date(dateObj);

		// pass it to luxon for formatting
		return DateTime.fromJSDate(date).toFormat("yyyy/MM");
	});

	eleventyConfig.addFilter("shortDateFromISO", isoDate =>
		DateTime.fromISO(isoDate).toFormat("d MMM"),
	);
	return { dir: { input: "src" } };
};
"""


def test_eleventy_reads_a_permalink_filter_of_the_site_that_writes_the_date_in_a_luxon_pattern(tmp_path: Path) -> None:
    # eslint/eslint.org: blog.11tydata.json's permalink "blog/{{ page.date | blogPermalinkDate }}/…" left all 480
    # posts out ("the site's own JavaScript"), and init wrote settings that could feature nothing
    files = {
        ".eleventy.js": ESLINT_CONFIG,
        "src/_data/site.json": '{"url": "https://lint.example.org"}\n',
        "src/content/blog/blog.11tydata.json": (
            '{\n  "layout": "post.html",\n'
            '  "permalink": "blog/{{ page.date | blogPermalinkDate }}/{{ page.fileSlug }}/index.html"\n}\n'
        ),
        "src/content/blog/2024-01-12-eslint-v9.0.0-alpha.1-released.md": "---\ntitle: ESLint v9.0.0-alpha.1 released\n---\nTekst.\n",
        "src/content/blog/2014-12-31-end-of-year.md": "---\ntitle: End of year\n---\nTekst.\n",
    }
    project = site(tmp_path, "eleventy", files, 'columns = ["src/content/blog/*.md"]\n')
    assert addresses(project) == {
        "eslint-v9-0-0-alpha-1-released": (
            "https://lint.example.org/blog/2024/01/eslint-v9.0.0-alpha.1-released/",
            "2024-01-12T00:00:00",
        ),
        "end-of-year": ("https://lint.example.org/blog/2014/12/end-of-year/", "2014-12-31T00:00:00"),
    }


def test_init_says_it_read_the_sites_date_filter_in_its_luxon_pattern(tmp_path: Path) -> None:
    files = {
        ".eleventy.js": ESLINT_CONFIG,
        "src/content/blog/blog.11tydata.json": '{"permalink": "blog/{{ page.date | blogPermalinkDate }}/{{ page.fileSlug }}/"}\n',
        "src/content/blog/2024-01-12-a.md": "---\ntitle: A\n---\nTekst.\n",
    }
    site(tmp_path, "eleventy", files)
    result = runner.invoke(app, ["init", "--from", str(tmp_path / "site"), str(tmp_path / "project")])
    assert result.exit_code == 0, result.output
    assert (
        "assumed: the permalink in src/content/blog/blog.11tydata.json uses the site's filter blogPermalinkDate: "
        "read as the date in its luxon format yyyy/MM"
    ) in result.output


def test_a_filter_that_writes_a_date_with_month_names_is_still_the_sites_own_javascript(tmp_path: Path) -> None:
    files = {
        ".eleventy.js": ESLINT_CONFIG,
        "src/blog/blog.11tydata.json": '{"permalink": "/{{ page.date | readableDate }}/{{ page.fileSlug }}/"}\n',
        "src/blog/2024-01-12-a.md": "---\ntitle: A\n---\nTekst.\n",
        "src/news/2024-01-13-b.md": "---\ntitle: B\n---\nTekst.\n",
    }
    project = site(tmp_path, "eleventy", files, 'columns = ["src/blog/*.md", "src/news/*.md"]\n')
    loaded = pipeline.load_project(project, cache=False)
    assert [a.slug for a in loaded.content.articles] == ["b"]
    assert [w.render() for w in loaded.warnings if "2024-01-12-a.md" in w.render()] == [
        "site/src/blog/2024-01-12-a.md:1:1: warning: its web address cannot be worked out (its permalink "
        "'/{{ page.date | readableDate }}/{{ page.fileSlug }}/' uses the filter readableDate, which is the site's own "
        "JavaScript): the piece is left out; give it a url in its front matter, or set [links] article_url"
    ]


def test_eleventys_file_slug_of_a_dated_index_file_is_its_folders_name(tmp_path: Path) -> None:
    # maxboeck/mxb: src/posts/buildless/2024-09-08-index.md with posts.json's "blog/{{ page.fileSlug }}/index.html";
    # Eleventy strips the date first, then takes the folder for "index": every post was /blog/index/
    files = {
        "eleventy.config.js": 'module.exports = function (config) { return { dir: { input: "src" } }; };\n',
        "src/_data/meta.json": '{"url": "https://mxb.example.dev"}\n',
        "src/posts/posts.json": '{\n    "permalink": "blog/{{ page.fileSlug }}/index.html"\n}\n',
        "src/posts/buildless/2024-09-08-index.md": "---\ntitle: Buildless\n---\nTekst.\n",
        "src/posts/travelling/2012-10-17-index.md": "---\ntitle: Travelling\n---\nTekst.\n",
        "src/posts/2020-01-02-notes/index.md": "---\ntitle: Notes\ndate: 2020-01-02\n---\nTekst.\n",
    }
    project = site(tmp_path, "eleventy", files, 'columns = ["src/posts/**/*.md"]\n')
    assert addresses(project) == {
        "buildless": ("https://mxb.example.dev/blog/buildless/", "2024-09-08T00:00:00"),
        "travelling": ("https://mxb.example.dev/blog/travelling/", "2012-10-17T00:00:00"),
        "notes": ("https://mxb.example.dev/blog/notes/", "2020-01-02T00:00:00"),
    }


def test_eleventy_reads_its_folders_from_the_module_the_configuration_requires(tmp_path: Path) -> None:
    # nhoizey/nicolas-hoizey.com: `dir: { input: config.dir.src, … }` with `const config =
    # require('./pack11ty.config.js')`; every article was /src/articles/…, where Eleventy writes /articles/…; the
    # address is package.json's homepage, which Eleventy gives its templates as pkg.homepage
    files = {
        ".eleventy.js": (
            "const config = require('./pack11ty.config.js');\n"
            "module.exports = function (eleventyConfig) {\n  return {\n    markdownTemplateEngine: 'njk',\n"
            "    dir: {\n      output: config.dir.dist,\n      input: config.dir.src,\n      includes: '_includes',\n"
            "      layouts: '_layouts',\n      data: '_data',\n    },\n  };\n};\n"
        ),
        "pack11ty.config.js": "module.exports = {\n  dir: {\n    src: 'src',\n    dist: '_site',\n  },\n  defaultLang: 'en',\n};\n",
        "package.json": '{\n  "name": "nicolas-hoizey.com",\n  "homepage": "https://hoizey.example.com"\n}\n',
        "src/articles/articles.json": '{\n  "layout": "article"\n}\n',
        "src/articles/2023/01/07/lets-posse/index.md": (
            '---\ndate: 2023-01-07 14:49:09 +02:00\ntitle: "Let\'s POSSE to Mastodon"\nlang:  en\n---\nTekst.\n'
        ),
    }
    project = site(tmp_path, "eleventy", files, 'columns = ["src/articles/**/*.md"]\n')
    assert addresses(project) == {
        "lets-posse": (
            "https://hoizey.example.com/articles/2023/01/07/lets-posse/",
            "2023-01-07T13:49:09",
        ),  # in the settings' zone, Amsterdam
    }
    result = runner.invoke(app, ["init", "--from", str(tmp_path / "site"), str(tmp_path / "project")])
    assert result.exit_code == 0, result.output
    settings = (tmp_path / "project" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert 'base_url = "https://hoizey.example.com"' in settings
    assert 'columns = ["src/articles/**/*.md"]' in settings


def test_a_homepage_on_the_code_host_is_not_the_sites_address(tmp_path: Path) -> None:
    files = {
        "eleventy.config.js": 'module.exports = function () { return { dir: { input: "src" } }; };\n',
        "package.json": '{"homepage": "https://github.com/example/blog#readme"}\n',
        "src/posts/2024-01-02-a.md": "---\ntitle: A\n---\nTekst.\n",
    }
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", "--from", str(tmp_path / "site"), str(tmp_path / "project")])
    assert result.exit_code == 0, result.output
    assert 'base_url = "https://www.example.com"' in (tmp_path / "project" / "nieuwsbrief.toml").read_text(encoding="utf-8")


def test_eleventy_takes_a_permalink_from_the_front_matter_of_the_posts_layout(tmp_path: Path) -> None:
    # servo/servo.org: `layout: post` finds _includes/post.html, whose own front matter (with `layout:
    # post-template`) holds the permalink of every post; the posts sit in _posts/, tagged `blog` each in its own
    # front matter: init read blog/ (an index and a README) and nothing could be featured
    files = {
        ".eleventy.js": 'module.exports = function(eleventyConfig) {\n  eleventyConfig.setTemplateFormats(["md", "njk", "html"]);\n}\n',
        "_includes/post.html": (
            "---\nlayout: post-template\n"
            "permalink: \"/blog/{{ page.date | date: '%Y/%m/%d' }}/{{ page.fileSlug }}/\"\n---\n\n<div>{{ content }}</div>\n"
        ),
        "_includes/post-template.html": "---\nlayout: default\nsection: blog\n---\n{{ content }}\n",
        "_posts/2024-01-19-embedding-update.md": (
            '---\nlayout:     post\ntags:       blog\ntitle:      "Tauri update: embedding prototype"\n'
            "date:       2024-01-19\ncategories:\n---\n\nToday we are a few steps closer.\n"
        ),
        "_posts/2014-09-25-twis-4.md": (
            "---\nlayout:     post\ntags:       blog\ntitle:      This Week In Servo 4\n"
            "date:       2014-09-24 16:30:00\n---\n\nIn the last week, we landed 54 PRs.\n"
        ),
        "blog/index.md": "---\nlayout: default\ntitle: Blog\n---\n{% for post in collections.blog %}{% endfor %}\n",
        "blog/README.md": "# The blog\n",
    }
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", "--from", str(tmp_path / "site"), str(tmp_path / "project")])
    assert result.exit_code == 0, result.output
    settings = (tmp_path / "project" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert 'columns = ["_posts/**/*.md", "blog/**/*.md"]' in settings
    assert addresses(tmp_path / "project") == {
        "embedding-update": ("https://www.example.com/blog/2024/01/19/embedding-update/", "2024-01-19T00:00:00"),
        "twis-4": ("https://www.example.com/blog/2014/09/24/twis-4/", "2014-09-24T16:30:00"),
    }


def test_a_layout_alias_names_the_layout_whose_front_matter_the_posts_take(tmp_path: Path) -> None:
    files = {
        "eleventy.config.js": (
            "export default function (config) {\n  config.addLayoutAlias('post', 'layouts/post.njk')\n"
            "  return { dir: { input: 'src', includes: 'includes' } }\n}\n"
        ),
        "src/includes/layouts/post.njk": "---\npermalink: /notes/{{ page.fileSlug }}/\n---\n{{ content | safe }}\n",
        "src/posts/2024-02-03-a.md": "---\nlayout: post\ntitle: A\n---\nTekst.\n",
    }
    project = site(tmp_path, "eleventy", files, 'columns = ["src/posts/*.md"]\n')
    assert addresses(project) == {"a": ("https://www.example.nl/notes/a/", "2024-02-03T00:00:00")}


def test_an_empty_link_the_site_wrote_is_not_blamed_on_a_template_value(tmp_path: Path) -> None:
    # servo/servo.org's 2016-02-22-twis-52.md: "WebRender [landed]() in Servo master!"; the warning said the
    # address "is a template value", which the post has none of
    files = {
        ".eleventy.js": "module.exports = function(eleventyConfig) {}\n",
        "_posts/2016-02-22-twis-52.md": (
            "---\nlayout:     post\ntags:       blog\ntitle:      This Week In Servo 52\ndate:       2016-02-22\n---\n\n"
            "The biggest news from last week is that WebRender [landed]() in Servo master!\n"
        ),
    }
    project = site(tmp_path, "eleventy", files, 'columns = ["_posts/*.md"]\n')
    lead = pipeline.pick(project, dt.date(2016, 2, 23)).selection.lead.article
    assert "WebRender landed in Servo master!" in lead.body
    assert [w.render() for w in pipeline.load_project(project, cache=False).warnings if "landed" in w.render()] == [
        "site/_posts/2016-02-22-twis-52.md:8:1: warning: the link 'landed' has no address nieuwsbrief can work out "
        "(it is empty, or a template value): its text is kept; check the site builds that link"
    ]


def test_a_file_eleventyignore_lists_is_no_page(tmp_path: Path) -> None:
    # servo/servo.org: .eleventyignore lists README.md and blog/README.md; check warned that blog/README.md had no
    # front matter, of a file Eleventy never builds
    files = {
        ".eleventy.js": "module.exports = function(eleventyConfig) {}\n",
        ".eleventyignore": "README.md\nblog/README.md\n# notes\nscratch/\n",
        "blog/README.md": "# How to write a monthly update\n",
        "blog/2024-01-19-a.md": "---\ntitle: A\n---\nTekst.\n",
        "scratch/2024-01-20-b.md": "---\ntitle: B\n---\nTekst.\n",
    }
    project = site(tmp_path, "eleventy", files, 'columns = ["blog/*.md", "scratch/*.md"]\n')
    loaded = pipeline.load_project(project, cache=False)
    assert [a.slug for a in loaded.content.articles] == ["a"]
    assert [w.render() for w in loaded.warnings if "README" in w.render() or "scratch" in w.render()] == []


def test_markdown_it_containers_give_way_to_the_text_they_hold(tmp_path: Path) -> None:
    # nhoizey/nicolas-hoizey.com: `.use(markdownItContainer, 'lead')`, and articles that open with `::: lead` …
    # `:::`; the colons reached the issue and every summary ("::: lead People tend to be lazy")
    files = {
        ".eleventy.js": (
            "const markdownIt = require('markdown-it');\nconst markdownItContainer = require('markdown-it-container');\n"
            "module.exports = function (eleventyConfig) {\n  eleventyConfig.setLibrary('md', markdownIt()\n"
            "    .use(markdownItContainer, 'lead')\n    .use(markdownItContainer, 'info'));\n"
            "  return { dir: { input: 'src' } };\n};\n"
        ),
        "src/articles/2017/11/09/medium/index.md": (
            "---\ndate: 2017-11-09 10:00:00 +01:00\ntitle: Medium is only an edge server\nlang: en\n---\n\n"
            "::: lead\nPeople tend to be lazy.\n:::\n\n::: info\nFirst published elsewhere.\n:::\n\n"
            "```\n::: lead\n```\n\nThe end.\n"
        ),
    }
    project = site(tmp_path, "eleventy", files, 'columns = ["src/articles/**/*.md"]\n')
    lead = pipeline.pick(project, dt.date(2017, 11, 10)).selection.lead.article
    assert lead.summary == "People tend to be lazy."
    assert lead.body == ("\nPeople tend to be lazy.\n\n\n\nFirst published elsewhere.\n\n\n```\n::: lead\n```\n\nThe end.\n")


def test_colons_are_text_where_the_site_has_no_containers(tmp_path: Path) -> None:
    files = {
        "eleventy.config.js": 'module.exports = function () { return { dir: { input: "src" } }; };\n',
        "src/posts/2024-01-02-a.md": "---\ntitle: A\n---\n::: lead\nText.\n:::\n",
    }
    project = site(tmp_path, "eleventy", files, 'columns = ["src/posts/*.md"]\n')
    assert pipeline.pick(project, dt.date(2024, 1, 3)).selection.lead.article.body == "::: lead\nText.\n:::\n"


def test_init_reads_the_authors_from_the_global_data_file_that_holds_them(tmp_path: Path) -> None:
    # eslint/eslint.org: posts name `authors: [nzakas]`, and src/_data/all_authors.json holds each by that id with
    # a name and a bio; init wrote `authors = []` and every issue went without its 'about the author' box
    files = {
        ".eleventy.js": ESLINT_CONFIG,
        "src/_data/all_authors.json": (
            '{\n    "nzakas": {\n        "username": "nzakas",\n        "name": "Nicholas C. Zakas",\n'
            '        "bio": "Creator of ESLint, independent software developer, consultant, coach, and author."\n    }\n}\n'
        ),
        "src/_data/budget.json": '{"total": 1}\n',
        "src/content/blog/blog.11tydata.json": '{"permalink": "blog/{{ page.date | blogPermalinkDate }}/{{ page.fileSlug }}/"}\n',
        "src/content/blog/2024-01-12-a.md": "---\ntitle: A\nauthors:\n  - nzakas\n---\nTekst.\n",
    }
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", "--from", str(tmp_path / "site"), str(tmp_path / "project")])
    assert result.exit_code == 0, result.output
    settings = (tmp_path / "project" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert 'authors = ["src/_data/all_authors.json"]' in settings
    loaded = pipeline.load_project(tmp_path / "project", cache=False).content
    assert [(a.author, a.url) for a in loaded.articles] == [("nzakas", "https://www.example.com/blog/2024/01/a/")]
    assert loaded.authors["nzakas"].name == "Nicholas C. Zakas"


def test_a_related_piece_without_a_summary_has_its_title_link_alone(tmp_path: Path) -> None:
    # eslint/eslint.org: release notes open with "## Bug Fixes" and a list, so they have no first paragraph to sum
    # them up; the teaser was a link reading "Read more →" alone, and our own pre-flight check C-16 stopped the issue
    release = "---\ntitle: ESLint {v} released\ntags:\n  - release\n---\n\n## Bug Fixes\n\n* Fix: no-mixed-spaces ({v})\n"
    files = {
        ".eleventy.js": ESLINT_CONFIG,
        "src/content/blog/blog.11tydata.json": '{"permalink": "blog/{{ page.date | blogPermalinkDate }}/{{ page.fileSlug }}/"}\n',
        "src/content/blog/2015-05-29-eslint-0.22.1-released.md": release.replace("{v}", "0.22.1") + "\nA fix release.\n",
        "src/content/blog/2014-07-08-eslint-0.7.2-released.md": release.replace("{v}", "0.7.2"),
        "src/content/blog/2014-07-09-eslint-0.7.3-released.md": release.replace("{v}", "0.7.3"),
    }
    project = site(tmp_path, "eleventy", files, 'columns = ["src/content/blog/*.md"]\n')
    result = runner.invoke(app, ["--project", str(project), "compose", "--date", "2015-05-30", "--json"])
    assert result.exit_code == 0, result.output
    written = (project / "issues" / "2015-W22" / "issue.html").read_text(encoding="utf-8")
    assert "ESLint 0.7.2 released" in written and "ESLint 0.7.3 released" in written
    assert "Read more" not in written


def test_a_posts_teaser_is_its_summary(tmp_path: Path) -> None:
    # eslint/eslint.org: every post sums itself up in `teaser:`, which its blog's listing shows
    files = {
        ".eleventy.js": ESLINT_CONFIG,
        "src/content/blog/2014-07-08-eslint-0.7.2-released.md": (
            '---\nlayout: post\ntitle: ESLint 0.7.2 released\nteaser: "We just pushed ESLint 0.7.2, which is a patch '
            'update to fix several bugs discovered in 0.7.1."\n---\n\n## Bug Fixes\n\n* Fix: new-cap error\n'
        ),
    }
    project = site(tmp_path, "eleventy", files, 'columns = ["src/content/blog/*.md"]\n')
    (piece,) = pipeline.load_project(project, cache=False).content.articles
    assert piece.summary == "We just pushed ESLint 0.7.2, which is a patch update to fix several bugs discovered in 0.7.1."


def test_an_img_tag_written_inside_an_alt_text_is_no_image_without_alt(tmp_path: Path) -> None:
    # servo/servo.org's 2024-11-08-this-month-in-servo.md: alt="… non-ASCII characters in <img srcset>, …"; the
    # pre-flight check read `<img srcset>` as an image without alt (C-12) and stopped an issue the site wrote well
    post = (
        "---\nlayout:     post\ntags:       blog\ntitle:      This month in Servo\ndate:       2024-11-08\n---\n\n"
        "Servo now supports more.\n\n"
        "<figure><a href=\"{{ '/img/blog/october-2024-narrow.png' | url }}\"><img src=\"{{ '/img/blog/october-2024-narrow.png' | url }}\"\n"
        '    alt="Servo nightly showing new support for non-ASCII characters in <img srcset>, and ‘width: stretch’"></a></figure>\n'
    )
    files = {".eleventy.js": "module.exports = function(eleventyConfig) {}\n", "_posts/2024-11-08-this-month-in-servo.md": post}
    project = site(tmp_path, "eleventy", files, 'columns = ["_posts/*.md"]\n')
    result = runner.invoke(app, ["--project", str(project), "compose", "--date", "2024-11-09"])
    assert result.exit_code == 0, result.output
    assert "C-12" not in result.output


def test_a_mapping_written_as_a_key_is_text_as_eleventys_yaml_reads_it(tmp_path: Path) -> None:
    # a11yproject/a11yproject.com: everyday-accessibility.md wrote `key: { { category } }` (Nunjucks braces with
    # spaces) under eleventyNavigation; js-yaml reads the inner mapping as the key "[object Object]" and Eleventy
    # builds the post, where PyYAML's "found unhashable key" stopped every issue
    files = {
        ".eleventy.js": "module.exports = function(eleventyConfig) {}\n",
        "posts/everyday-accessibility.md": (
            "---\ntitle: Everyday Accessibility\ndate: 2021-06-15\neleventyNavigation:\n"
            "  key: { { category } }\n  title: { { title } }\ntags: quicktip\n---\nTekst.\n"
        ),
    }
    project = site(tmp_path, "eleventy", files, 'columns = ["posts/*.md"]\n')
    loaded = pipeline.load_project(project, cache=False)
    assert [(a.title, a.published.isoformat()) for a in loaded.content.articles] == [
        ("Everyday Accessibility", "2021-06-15T00:00:00")
    ]
    assert list(loaded.warnings) == []


def test_eleventy_reads_its_folders_from_constants_the_configuration_declares(tmp_path: Path) -> None:
    # chriskirknielsen/chriskirknielsen.com: `const rootDir = 'src';` and `dir: { input: rootDir, includes:
    # includesDir }`; init read the whole repository (`**/*.md`), LICENSE.md and README.md among the pieces
    files = {
        ".eleventy.js": (
            "// Data constants\nconst rootDir = 'src'; // Root folder\nconst outputDir = '_site';\n"
            "const includesDir = '_includes';\n\nmodule.exports = function (eleventyConfig) {\n"
            "\treturn {\n\t\tpathPrefix: '/',\n\t\tdir: {\n\t\t\tinput: rootDir,\n\t\t\toutput: outputDir,\n"
            "\t\t\tincludes: includesDir,\n\t\t},\n\t};\n};\n"
        ),
        "LICENSE.md": "ANTI-CAPITALIST SOFTWARE LICENSE (v 1.3)\n",
        "src/_data/metadata.json": '{"url": "https://ckn.example.com"}\n',
        "src/en/posts/2024-01-25-git-switcheroo.md": "---\ntitle: Git switcheroo\n---\nTekst.\n",
    }
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", str(tmp_path / "nb"), "--from", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    settings = (tmp_path / "nb" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert 'columns = ["src/en/posts/**/*.md"]' in settings
    assert addresses(tmp_path / "nb") == {
        "git-switcheroo": ("https://ckn.example.com/en/posts/2024-01-25-git-switcheroo/", "2024-01-25T00:00:00")
    }


def test_init_leaves_out_a_posts_folder_that_holds_no_post_yet(tmp_path: Path) -> None:
    # chriskirknielsen.com: src/da/posts/ holds its posts.11tydata.js and no post yet; init wrote a glob for it that
    # matched no file, and check then refused the settings init had written
    files = {
        "eleventy.config.js": 'module.exports = function (config) { return { dir: { input: "src" } }; };\n',
        "src/_data/metadata.json": '{"url": "https://ckn.example.com"}\n',
        "src/da/posts/posts.11tydata.js": "module.exports = { layout: 'layouts/post.njk', language: 'da' };\n",
        "src/en/posts/2024-01-25-git-switcheroo.md": "---\ntitle: Git switcheroo\n---\nTekst.\n",
        "src/fr/posts/2021-08-07-petit-guide.md": "---\ntitle: Petit guide\n---\nTexte.\n",
    }
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", str(tmp_path / "nb"), "--from", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    settings = (tmp_path / "nb" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert 'columns = ["src/en/posts/**/*.md", "src/fr/posts/**/*.md"]' in settings
    assert runner.invoke(app, ["--project", str(tmp_path / "nb"), "check"]).exit_code == 0


def test_eleventy_dates_a_post_by_the_first_date_in_its_path_a_folders_too(tmp_path: Path) -> None:
    # chriskirknielsen.com: src/en/posts/2023-02-24-pluck-a-nested-property-from-an-object/index.md has no date of
    # its own; Eleventy takes the first YYYY-MM-DD of the input path, and check left seven such posts out ("no date")
    files = {
        "eleventy.config.js": 'module.exports = function (config) { return { dir: { input: "src" } }; };\n',
        "src/_data/metadata.json": '{"url": "https://ckn.example.com"}\n',
        "src/en/posts/2023-02-24-pluck-a-nested-property/index.md": "---\ntitle: Pluck\n---\nTekst.\n",
        "src/en/posts/2024-01-25-git-switcheroo.md": "---\ntitle: Git switcheroo\n---\nTekst.\n",
        "src/en/posts/2019/11/2019-11-23-breakout.md": "---\ntitle: Breakout\n---\nTekst.\n",
    }
    project = site(tmp_path, "eleventy", files, 'columns = ["src/en/posts/**/*.md"]\n')
    assert addresses(project) == {
        "pluck-a-nested-property": (
            "https://ckn.example.com/en/posts/2023-02-24-pluck-a-nested-property/",
            "2023-02-24T00:00:00",
        ),
        "git-switcheroo": ("https://ckn.example.com/en/posts/2024-01-25-git-switcheroo/", "2024-01-25T00:00:00"),
        "breakout": ("https://ckn.example.com/en/posts/2019/11/2019-11-23-breakout/", "2019-11-23T00:00:00"),
    }


CKN_POSTS_DATA = """\
module.exports = {
\tlayout: 'layouts/post.njk',
\ttags: ['_posts', '_posts_fr'],
\tlanguage: 'fr',
\televentyComputed: {
\t\tdate: function (data) {
\t\t\treturn data.date || data.page.date;
\t\t},
\t\tpermalink: function (data) {
\t\t\treturn `fr/blog/${this.slug(data.slug || data.page.fileSlug)}/index.html`;
\t\t},
\t},
};
"""


def test_eleventy_reads_a_permalink_function_that_returns_a_template_string(tmp_path: Path) -> None:
    # chriskirknielsen.com: posts.11tydata.js computes `fr/blog/${this.slug(data.slug || data.page.fileSlug)}/…`;
    # init said it could not run it, and every address was the file's path (/fr/posts/2021-08-07-…/), not the site's
    files = {
        "eleventy.config.js": 'module.exports = function (config) { return { dir: { input: "src" } }; };\n',
        "src/_data/metadata.js": "module.exports = {\n\ttitle: 'chriskirknielsen',\n\turl: 'https://ckn.example.com',\n};\n",
        "src/fr/posts/posts.11tydata.js": CKN_POSTS_DATA,
        "src/fr/posts/2021-08-07-petit-guide-var-let-const.md": (
            "---\ntitle: Le petit guide sur var, let et const\nslug: Le petit guide sur var, let et const\n---\nTexte.\n"
        ),
        "src/fr/posts/2019-10-30-une-reinitialition-css-moderne.md": "---\ntitle: Une réinitialisation\n---\nTexte.\n",
        "src/en/posts/posts.11tydata.js": (
            "module.exports = {\n\televentyComputed: {\n"
            "\t\tpermalink: (data) => `/posts/${data.page.fileSlug}/index.html`,\n\t},\n};\n"
        ),
        "src/en/posts/2024-01-25-git-switcheroo.md": "---\ntitle: Git switcheroo\n---\nText.\n",
    }
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", str(tmp_path / "nb"), "--from", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    assert "computes the addresses" not in result.output
    assert "src/fr/posts/posts.11tydata.js computes the dates in JavaScript" in result.output
    assert addresses(tmp_path / "nb") == {
        "le-petit-guide-sur-var-let-et-const": (
            "https://ckn.example.com/fr/blog/le-petit-guide-sur-var-let-et-const/",
            "2021-08-07T00:00:00",
        ),
        "une-reinitialition-css-moderne": (
            "https://ckn.example.com/fr/blog/une-reinitialition-css-moderne/",
            "2019-10-30T00:00:00",
        ),
        "git-switcheroo": ("https://ckn.example.com/posts/git-switcheroo/", "2024-01-25T00:00:00"),
    }


def test_a_changed_data_file_or_layout_gives_the_pages_their_new_values_through_the_cache(tmp_path: Path) -> None:
    # A directory data file's or a layout's values join each page's data, but the scan's cache followed the pages'
    # own files only: after a new permalink there every compose stopped with "the file changed while nieuwsbrief was
    # reading it", until the cache was cleared by hand
    files = {
        "eleventy.config.js": "export default function (eleventyConfig) {}\n",
        "blog/blog.11tydata.json": '{"layout": "post"}\n',
        "_includes/post.njk": "---\npermalink: /blog/{{ page.fileSlug }}/\n---\n{{ content | safe }}\n",
        "blog/twee.md": "---\ntitle: Twee\ndate: 2026-11-21\n---\nTekst twee.\n",
    }
    project = site(tmp_path, "eleventy", files, 'columns = ["blog/*.md"]\n')
    hour_ago = time.time() - 3600

    def lead_after(path: str, text: str) -> str:
        (tmp_path / "site" / path).write_text(text, encoding="utf-8")
        for written in (tmp_path / "site").rglob("*"):
            os.utime(written, (hour_ago, hour_ago))  # settled, as the cache wants them
        return pipeline.pick(project, dt.date(2026, 11, 23)).selection.lead.article.url

    assert lead_after("blog/twee.md", files["blog/twee.md"]) == "https://www.example.nl/blog/twee/"
    layout = "---\npermalink: /artikelen/{{ page.fileSlug }}/\n---\n{{ content | safe }}\n"
    assert lead_after("_includes/post.njk", layout) == "https://www.example.nl/artikelen/twee/"
    data = '{"layout": "post", "permalink": "/posts/{{ page.fileSlug }}/"}\n'
    assert lead_after("blog/blog.11tydata.json", data) == "https://www.example.nl/posts/twee/"


def test_eleventy_reads_the_site_from_global_data_a_function_returns(tmp_path: Path) -> None:
    # schneyra/martinschneiderme-11ty: _data/site.js is `module.exports = async () => { return { name, url }; };`,
    # which the layouts use as site.name and site.url; init wrote "My Newsletter" and package.json's homepage
    files = {
        ".eleventy.js": (
            'module.exports = function (eleventyConfig) {\n    return {\n        markdownTemplateEngine: "njk",\n'
            '        dir: {\n            input: "website",\n            includes: "_includes",\n'
            '            layouts: "_layouts"\n        }\n    };\n};\n'
        ),
        "package.json": '{\n    "name": "martinschneider.example",\n    "homepage": "https://www.martinschneider.example/"\n}\n',
        "website/_data/site.js": (
            'const createOgImage = require("./../_functions/filters/createOgImage");\n\n'
            "module.exports = async () => {\n    return {\n"
            '        name: "Martin Schneider — Frontend Web Developer",\n'
            '        nameXml: "Martin Schneider - Frontend Web Developer",\n'
            '        url: "https://martinschneider.example",\n    };\n};\n'
        ),
        "website/articles/articles.json": '{\n  "layout": "article",\n  "tags": [\n    "articles"\n  ]\n}\n',
        "website/_layouts/article.njk": "---\nlayout: layout\npermalink: articles/{{ title | slugify }}/index.html\n---\n",
        "website/articles/14-going-public/index.md": '---\ntitle: "Going Public"\ndate: 2021-04-19\n---\nTekst.\n',
    }
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", "--from", str(tmp_path / "site"), str(tmp_path / "project")])
    assert result.exit_code == 0, result.output
    settings = (tmp_path / "project" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert 'name = "Martin Schneider"' in settings  # the long title up to its dash, as init names any site
    assert 'base_url = "https://martinschneider.example"' in settings
    assert addresses(tmp_path / "project") == {
        "14-going-public": ("https://martinschneider.example/articles/going-public/", "2021-04-19T00:00:00")
    }


def test_init_reads_every_year_of_a_posts_folder_whose_years_mix_posts_and_portfolio_pieces(tmp_path: Path) -> None:
    # jplummer/jonplummer-11ty: src/_posts/2023/*.md, tagged post or portfolio, with src/_posts/_posts.11tydata.js;
    # init wrote the years whose first three files all said `tags: post` (2021, 2022, 2024), and left out 2023,
    # 2025 and 2026 (116 of the 218 posts)
    post = '---\ntitle: {title}\nlayout: layouts/single_post.njk\ndate: "{date}T12:00:00-08:00"\ntags: {tag}\n---\nTekst.\n'
    files = {
        ".eleventy.js": (
            'module.exports = async function (eleventyConfig) {\n  return {\n    dir: {\n      input: "src",\n'
            '      output: "_site",\n      includes: "_includes",\n      data: "_data"\n    },\n  };\n};\n'
        ),
        "src/_posts/2021/2021-03-27-audiences.md": post.format(title="Audiences", date="2021-03-27", tag="post"),
        "src/_posts/2023/2023-01-07-weekly-wins.md": post.format(title="Weekly wins", date="2023-01-07", tag="post"),
        "src/_posts/2023/2023-01-12-whither-critique.md": post.format(title="Critique", date="2023-01-12", tag="portfolio"),
        "src/_posts/2023/2023-01-13-an-excerpt.md": post.format(title="An excerpt", date="2023-01-13", tag="post"),
    }
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", "--from", str(tmp_path / "site"), str(tmp_path / "project")])
    assert result.exit_code == 0, result.output
    settings = (tmp_path / "project" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert 'columns = ["src/_posts/**/*.md"]' in settings
