"""MkDocs with Material's blog plugin as real sites use it (issue 18, third round): each test names the site it came
from and builds a small site here that does what that site does.

The generator itself checks the same on the fixture sites in tests/test_oracle.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from nieuwsbrief import pipeline
from tests.test_site_conventions import site

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
