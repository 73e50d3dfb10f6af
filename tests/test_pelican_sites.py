"""Pelican's conventions as real sites use them (issue 18, third round): each test names the site it came from and
builds a small site here that does what that site does.

The generator itself checks the same on the fixture sites in tests/test_oracle.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from nieuwsbrief import pipeline
from tests.test_site_conventions import site

READTHEDOCS_LIKE = """\
SITENAME = "Read the Docs"
SITEURL = "https://about.example.com"
TIMEZONE = "US/Pacific"
PATH = "content"
ARTICLE_PATHS = ["posts"]
SLUGIFY_SOURCE = "basename"
ARTICLE_URL = "blog/{date:%Y}/{date:%m}/{slug}/"
PLUGINS = ["related_posts", "jinja2content"]
"""


def test_a_pelican_body_is_a_jinja_template_where_the_site_runs_jinja2content(tmp_path: Path) -> None:
    # about.readthedocs.com (readthedocs/website): PLUGINS has jinja2content, and a post imports the theme's macros
    # and calls one around a quotation; the issue showed `{% import … %}` and `{% call … %}` as text
    body = (
        '{% import "partials/marketing.html" as marketing %}\n\n'
        "We thank AWS.\n\n"
        '<div class="segment">\n'
        "  {% call marketing.testimonial(\n"
        '      name="Matt Fisher",\n'
        '      link="https://example.org/") %}\n'
        "    Read the Docs is a critical component.\n"
        "  {% endcall %}\n"
        "</div>\n\n"
        "See [the site]({{ SITEURL }}/blog/) and {# a comment #}our [{{ SITENAME }}](https://example.org/).\n"
    )
    files = {
        "pelicanconf.py": READTHEDOCS_LIKE,
        "content/posts/aws.md": "title: Thanks to AWS\ndate: 2025-09-03\nstatus: published\n\n" + body,
    }
    project = site(tmp_path, "pelican", files, 'columns = ["content/posts/*.md"]\n')
    lead = pipeline.pick(project, dt.date(2025, 9, 5)).selection.lead.article
    assert (lead.url, lead.title) == ("https://about.example.com/blog/2025/09/aws/", "Thanks to AWS")
    assert "{%" not in lead.body and "{{" not in lead.body and "{#" not in lead.body
    assert "Read the Docs is a critical component." in lead.body
    assert "See [the site](https://about.example.com/blog/) and our [Read the Docs](https://example.org/)." in lead.body


def test_a_pelican_body_keeps_its_braces_where_the_site_does_not_run_jinja2content(tmp_path: Path) -> None:
    files = {
        "pelicanconf.py": READTHEDOCS_LIKE.replace('"jinja2content"', '"sitemap"'),
        "content/posts/code.md": "title: Templates\ndate: 2025-09-03\n\nWrite `{{ name }}` and `{% if x %}`.\n",
    }
    project = site(tmp_path, "pelican", files, 'columns = ["content/posts/*.md"]\n')
    lead = pipeline.pick(project, dt.date(2025, 9, 5)).selection.lead.article
    assert "Write `{{ name }}` and `{% if x %}`." in lead.body


def test_pelican_settings_built_from_other_settings_are_read_as_pelican_reads_them(tmp_path: Path) -> None:
    # pelicanconf.py of markusholtermann.eu (`ARTICLE_LANG_URL = '{lang}/' + ARTICLE_URL`, the date, language and slug
    # from the file name) and of montrealpython.org (`ARTICLE_URL = ARTICLE_LANG_URL = '{lang}/…'`): both were read
    # as code, and the articles got Pelican's default addresses ({slug}.html, {slug}-{lang}.html)
    holtermann = (
        "SITEURL = 'https://markus.example.eu'\nDEFAULT_LANG = 'en'\n"
        "FILENAME_METADATA = '(?P<date>\\\\d{4}-\\\\d{2}-\\\\d{2})__((?P<lang>[a-z]{2})__)?(?P<slug>.*)'\n"
        "ARTICLE_URL = '{date:%Y}/{date:%m}/{slug}/'\nARTICLE_SAVE_AS = ARTICLE_URL + 'index.html'\n"
        "ARTICLE_LANG_URL = '{lang}/' + ARTICLE_URL\nARTICLE_LANG_SAVE_AS = ARTICLE_LANG_URL + 'index.html'\n"
    )
    files = {
        "pelicanconf.py": holtermann,
        "content/2016-03-01__django-migrations.md": "Title: Django migrations\n\nText.\n",
        "content/2016-03-02__de__django-migrationen.md": "Title: Django-Migrationen\n\nText.\n",
    }
    project = site(tmp_path / "holtermann", "pelican", files, 'columns = ["content/**/*.md"]\n')
    assert sorted((a.slug, a.url, a.language) for a in pipeline.load_project(project, cache=False).content.articles) == [
        ("django-migrationen", "https://markus.example.eu/de/2016/03/django-migrationen/", "de"),  # no English one
        ("django-migrations", "https://markus.example.eu/2016/03/django-migrations/", "en"),
    ]
    montreal = (
        "SITEURL = 'https://montreal.example.org'\nDEFAULT_LANG = 'en'\n"
        "ARTICLE_URL = ARTICLE_LANG_URL = '{lang}/{date:%Y}/{date:%m}/{date:%d}/{slug}/'\n"
        "ARTICLE_SAVE_AS = '{lang}/{date:%Y}/{date:%m}/{date:%d}/{slug}/index.html'\nARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS\n"
    )
    files = {"pelicanconf.py": montreal, "content/mp-80.md": "Title: Montréal-Python 80\nDate: 2020-11-09\n\nText.\n"}
    project = site(tmp_path / "montreal", "pelican", files, 'columns = ["content/**/*.md"]\n')
    assert [a.url for a in pipeline.load_project(project, cache=False).content.articles] == [
        "https://montreal.example.org/en/2020/11/09/montreal-python-80/"
    ]
