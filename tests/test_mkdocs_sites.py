"""MkDocs with Material's blog plugin as real sites use it (issue 18, third round): each test names the site it came
from and builds a small site here that does what that site does.

The generator itself checks the same on the fixture sites in tests/test_oracle.py.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from nieuwsbrief import pipeline
from nieuwsbrief.cli import app
from tests.test_site_conventions import site, write_site

runner = CliRunner()

HATCH_LIKE = """\
site_name: Hatch
site_url: https://hatch.example.io/latest/
plugins:
  search: {}
  material/blog:
    post_excerpt: required
    post_slugify: !!python/object/apply:pymdownx.slugs.slugify
      kwds:
        case: lower
markdown_extensions:
  - markdown.extensions.abbr:
  - pymdownx.snippets:
      check_paths: true
      base_path:
        - docs/.snippets
      auto_append:
        - links.txt
        - abbrs.txt
"""


def warnings(project: Path) -> list[str]:
    return [problem.render() for problem in pipeline.load_project(project, cache=False).warnings]


def test_mkdocs_snippets_auto_append_gives_every_post_the_sites_link_definitions(tmp_path: Path) -> None:
    # hatch.pypa.io (pypa/hatch): pymdownx.snippets appends docs/.snippets/links.txt to every page, whose
    # definitions the posts' `[PEP 517][]` use; init warned that the page does not define it and the issue lost the link
    files = {
        "mkdocs.yml": HATCH_LIKE,
        "docs/.snippets/links.txt": "[PEP 517]: https://peps.python.org/pep-0517/\n[PEP 660]: https://peps.python.org/pep-0660/\n",
        "docs/.snippets/abbrs.txt": "*[PEP]: Python Enhancement Proposal\n",
        "docs/blog/posts/release.md": (
            "---\ndate: 2023-12-11\ncategories:\n  - Release\n---\n\n# Hatch v1.8.0\n\nIntro.\n\n<!-- more -->\n\n"
            "The outcome of [PEP 517][] is not complete.\n"
        ),
    }
    project = site(tmp_path, "mkdocs", files, 'columns = ["docs/blog/posts/*.md"]\n')
    assert not [w for w in warnings(project) if "PEP 517" in w]
    lead = pipeline.pick(project, dt.date(2023, 12, 12)).selection.lead.article
    assert (lead.url, lead.title) == ("https://hatch.example.io/latest/blog/2023/12/11/hatch-v180/", "Hatch v1.8.0")
    assert "The outcome of [PEP 517][] is not complete." in lead.body
    assert lead.body.rstrip().endswith("[PEP 660]: https://peps.python.org/pep-0660/")  # the abbreviation: no text


def test_mkdocs_abbreviation_definitions_are_no_text_where_the_site_enables_abbr(tmp_path: Path) -> None:
    # Material's sites define abbreviations as `*[HTML]: Hyper Text Markup Language` (often in a file snippets append
    # to every page): with `abbr` on, MkDocs shows no such line; without it, the line is text
    definitions = "Intro.\n\n*[PEP]: Python Enhancement Proposal\n\n```\n*[kept]: in code\n```\n"
    files = {
        "mkdocs.yml": "site_name: S\nsite_url: https://s.example.org/\nplugins:\n  - blog\nmarkdown_extensions:\n  - abbr\n",
        "docs/blog/posts/a.md": "---\ndate: 2023-12-11\n---\n\n# A PEP\n\n" + definitions,
    }
    project = site(tmp_path, "mkdocs", files, 'columns = ["docs/blog/posts/*.md"]\n')
    body = pipeline.pick(project, dt.date(2023, 12, 12)).selection.lead.article.body
    assert "*[PEP]" not in body and "*[kept]: in code" in body
    (tmp_path / "site/mkdocs.yml").write_text(files["mkdocs.yml"].replace("  - abbr\n", "  - toc\n"), encoding="utf-8")
    assert "*[PEP]: Python Enhancement Proposal" in pipeline.pick(project, dt.date(2023, 12, 12)).selection.lead.article.body


WCOWIN_LIKE = """\
site_name: Mkdocs-Wcowin中文主题
site_url: https://wcowin.example.work/
theme:
  name: material
  language: zh
plugins:
  - search
  - blog: #博客配置
      post_date_format: full #时间
      draft: true
      draft_if_future_date: true #自动将具有未来日期的帖子标记为草稿
      post_url_format: "{date}/{slug}"
  - tags
"""


def test_init_from_finds_the_mkdocs_blog_plugin_with_a_comment_after_its_name(tmp_path: Path) -> None:
    # Wcowin/Mkdocs-Wcowin writes `- blog: #博客配置`; init --from could not tell which generator builds the site
    files = {
        "mkdocs.yml": WCOWIN_LIKE,
        "docs/blog/posts/update2025.md": "---\ntitle: 2025网站更新记录\ndate: 2025-01-01\ncategories:\n  - 网站更新记录\n---\n## 更新\n\n* 优化网站流畅度\n",
    }
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", str(tmp_path / "nb"), "--from", str(tmp_path / "site"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["generator"] == "mkdocs"
    lead = pipeline.pick(tmp_path / "nb", dt.date(2025, 1, 2)).selection.lead.article
    assert (lead.url, lead.title, lead.language) == (
        "https://wcowin.example.work/blog/2025/01/01/2025%E7%BD%91%E7%AB%99%E6%9B%B4%E6%96%B0%E8%AE%B0%E5%BD%95/",
        "2025网站更新记录",
        "zh",
    )


KEPTN_LIKE = """\
site_name: Keptn
site_url: https://keptn.example.sh/
plugins:
  - search
  - include-markdown:
      trailing_newlines: false
  - blog:
      post_excerpt: required
      blog_dir: blog
"""


def test_mkdocs_include_markdown_puts_the_files_a_post_includes_in_its_place(tmp_path: Path) -> None:
    # keptn.sh (keptn/lifecycle-toolkit): with the include-markdown plugin, posts include their YAML examples from a
    # folder beside them, `{% include "./post/values.yaml" %}` inside a code fence; the issue showed the tag as code
    post_text = (
        "---\ndate: 2024-02-01\n---\n\n# Helm umbrella chart\n\nIntro.\n\n<!-- more -->\n\n"
        '```yaml\n{% include "./umbrella/values.yaml" %}\n```\n\n'
        "- A list item with its file:\n\n  ```yaml\n"
        '  {% include "./umbrella/context.yaml" %}\n  ```\n\n'
        '{% include-markdown "../../snippets/note.md" start="<!--start-->" end="<!--end-->" %}\n\n'
        '{% include "./umbrella/missing.yaml" %}{% include "../../../../outside.txt" %}\n'
    )
    files = {
        "mkdocs.yml": KEPTN_LIKE,
        "docs/blog/posts/umbrella.md": post_text,
        "docs/blog/posts/umbrella/values.yaml": "lifecycleOperator:\n  enabled: false\n",
        "docs/blog/posts/umbrella/context.yaml": "kind: KeptnAppContext\nspec:\n  metadata: {}\n",
        "docs/snippets/note.md": "Not this.\n<!--start-->\nKeptn is a **CNCF** project.\n<!--end-->\nNor this.\n",
        "../outside.txt": "secret\n",
    }
    project = site(tmp_path, "mkdocs", files, 'columns = ["docs/blog/posts/*.md"]\n')
    body = pipeline.pick(project, dt.date(2024, 2, 2)).selection.lead.article.body
    assert "```yaml\nlifecycleOperator:\n  enabled: false\n```" in body
    assert "  ```yaml\n  kind: KeptnAppContext\n  spec:\n    metadata: {}\n  ```" in body  # the includer's indent kept
    assert "\nKeptn is a **CNCF** project.\n" in body and "Not this" not in body and "Nor this" not in body
    assert "{%" not in body and "secret" not in body


def test_init_from_says_an_mkdocs_site_url_from_the_environment_and_takes_its_default(tmp_path: Path) -> None:
    # keptn.sh builds on Read the Docs with `site_url: !ENV READTHEDOCS_CANONICAL_URL`: the address is not in the
    # site's files, and init said nothing while every post's address went to the example domain
    post_text = "---\ndate: 2024-02-01\n---\n\n# Umbrella\n\nIntro.\n"
    for case, (written, base_url, assumed) in enumerate(
        (
            (
                "!ENV READTHEDOCS_CANONICAL_URL",
                "https://www.example.com",
                [
                    "site_url comes from the environment (READTHEDOCS_CANONICAL_URL) when MkDocs builds the site: "
                    "set [newsletter] base_url to the site's address"
                ],
            ),
            ('!ENV [READTHEDOCS_CANONICAL_URL, "https://keptn.example.sh/"]', "https://keptn.example.sh", []),
        )
    ):
        files = {"mkdocs.yml": KEPTN_LIKE.replace("https://keptn.example.sh/", written), "docs/blog/posts/a.md": post_text}
        write_site(tmp_path / str(case), files)
        project = tmp_path / str(case) / "nb"
        result = runner.invoke(app, ["init", str(project), "--from", str(tmp_path / str(case) / "site"), "--json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["assumed"] == assumed
        assert f'base_url = "{base_url}"' in (project / "nieuwsbrief.toml").read_text(encoding="utf-8")


def test_init_from_says_a_site_published_with_mike_lives_under_a_version_folder(tmp_path: Path) -> None:
    # hatch.pypa.io deploys with mike (`extra.version.provider: mike`): its pages live under /latest/, which MkDocs'
    # own build does not know; init said nothing of it
    files = {
        "mkdocs.yml": HATCH_LIKE + "extra:\n  version:\n    provider: mike\n",
        "docs/blog/posts/a.md": "---\ndate: 2023-12-11\n---\n\n# Hatch v1.8.0\n\nIntro.\n\n<!-- more -->\n",
    }
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", str(tmp_path / "nb"), "--from", str(tmp_path / "site"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["assumed"] == [
        "the site is published with mike, in a folder per version (such as latest/) that MkDocs' build does not "
        "know: the addresses are read without it; set [newsletter] base_url to the address of the version readers see"
    ]


def test_a_draft_is_published_where_the_blog_plugin_builds_drafts(tmp_path: Path) -> None:
    # tffats/shafish_blog: `blog: {draft: true}` tells Material's blog plugin to build drafts, and shafish.cn shows
    # spider.md (`draft: true`) at /newBlog/scrapy-使用记录/; nieuwsbrief read it as a draft that can never lead
    files = {
        "mkdocs.yml": (
            "site_name: shafish.cn\nsite_url: https://shafish.example.cn\nplugins:\n  - blog:\n"
            '      blog_dir: newBlog\n      post_url_format: "{slug}"\n      draft: true\n      draft_if_future_date: true\n'
        ),
        "docs/newBlog/posts/spider.md": (
            "---\ntitle: Scrapy 使用记录\ndate:\n    created: 2024-06-21\ndraft: true    \n---\n\n## 一、执行流程\n\nTekst.\n"
        ),
    }
    project = site(tmp_path, "mkdocs", files, 'columns = ["docs/newBlog/posts/*.md"]\n')
    lead = pipeline.pick(project, dt.date(2024, 6, 22)).selection.lead.article
    assert (lead.url, lead.title, lead.draft) == (
        "https://shafish.example.cn/newBlog/scrapy-%E4%BD%BF%E7%94%A8%E8%AE%B0%E5%BD%95/",
        "Scrapy 使用记录",
        False,
    )


def test_a_draft_stays_a_draft_where_the_blog_plugin_leaves_drafts_out(tmp_path: Path) -> None:
    files = {
        "mkdocs.yml": "site_name: S\nsite_url: https://s.example.cn\nplugins:\n  - blog:\n      draft: false\n",
        "docs/blog/posts/spider.md": "---\ntitle: Spider\ndate: 2024-06-21\ndraft: true\n---\n\nTekst.\n",
    }
    project = site(tmp_path, "mkdocs", files, 'columns = ["docs/blog/posts/*.md"]\n')
    assert [a.draft for a in pipeline.load_project(project, cache=False).content.articles] == [True]


def test_init_from_says_the_mkdocs_yml_it_found_has_no_blog_plugin(tmp_path: Path) -> None:
    # swhid/swhid.github.io: its news pages are plain MkDocs pages (no blog plugin); init said "no ... mkdocs.yml"
    # of a folder that holds one
    files = {
        "mkdocs.yml": "site_name: SWHID.org\nsite_url: https://swhid.example.org\nplugins:\n  - monorepo\n",
        "docs/news/2025-04-23-iso.md": "---\ntitle: ISO\ndate: 2025-04-23\n---\nTekst.\n",
    }
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", str(tmp_path / "nb"), "--from", str(tmp_path / "site")])
    assert result.exit_code == 2
    assert result.stderr.replace(str(tmp_path), "TMP") == (
        "nieuwsbrief: --from TMP/site: its mkdocs.yml does not turn on Material's blog plugin (plugins: - blog), whose "
        "posts nieuwsbrief reads; write the [content] section by hand for other pages (see docs/sites.md)\n"
    )


NYPE_LIKE = """\
site_name: Nype
site_url: https://npe.example.cm
theme:
  name: nype
  language: en
plugins:
  - blog:
      blog_dir: blog
      pagination: false
      post_url_format: "{slug}"
  - blog:
      blog_dir: projects
      post_url_format: "{slug}"
  - tags
"""


def test_init_from_finds_the_mkdocs_blog_plugin_in_a_configuration_with_windows_line_ends(tmp_path: Path) -> None:
    # nypesap/nypesap.github.io keeps mkdocs.yml and its posts with CRLF line ends; init --from said the file does not
    # turn on the blog plugin, and would not write the settings
    post = (
        "---\ntitle: How to speed up Jira issue creation for SAP Fiori apps\ndate: 2019-02-10\n"
        "categories:\n  - Testing solutions\n---\n\nTekst.\n"
    )
    files = {"mkdocs.yml": NYPE_LIKE, "docs/blog/posts/0001-jira-integration.md": post}
    write_site(tmp_path, {name: text.replace("\n", "\r\n") for name, text in files.items()})
    result = runner.invoke(app, ["init", str(tmp_path / "nb"), "--from", str(tmp_path / "site"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["generator"] == "mkdocs"
    lead = pipeline.pick(tmp_path / "nb", dt.date(2019, 2, 11)).selection.lead.article
    assert (lead.url, lead.title, lead.published) == (
        "https://npe.example.cm/blog/how-to-speed-up-jira-issue-creation-for-sap-fiori-apps/",
        "How to speed up Jira issue creation for SAP Fiori apps",
        dt.datetime(2019, 2, 10),
    )
