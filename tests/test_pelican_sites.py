"""Pelican's conventions as real sites use them (issue 18, third round): each test names the site it came from and
builds a small site here that does what that site does.

The generator itself checks the same on the fixture sites in tests/test_oracle.py.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
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


JAKEVDP_LIKE = """\
SITEURL = 'https://jake.example.io'
PATH = 'content'
TIMEZONE = 'America/Los_Angeles'
ARTICLE_URL = 'blog/{date:%Y}/{date:%m}/{date:%d}/{slug}/'
PLUGIN_PATHS = ['./plugins', './plugins/pelican-plugins']
PLUGINS = [
    'summary',
    'ipynb.liquid',  # for embedding notebooks
    'liquid_tags.img',
    'liquid_tags.video',
    'liquid_tags.include_code',
    'liquid_tags.literal',
]
CODE_DIR = 'downloads/code'
NOTEBOOK_DIR = 'downloads/notebooks'
"""
NOTEBOOK = {
    "nbformat": 4,
    "nbformat_minor": 2,
    "metadata": {"language_info": {"name": "python"}},
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# The Waiting Time Paradox\n"]},
        {"cell_type": "markdown", "metadata": {}, "source": ["*This notebook originally appeared as a post.*"]},
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": ["If you ride buses, you know the paradox.\n", "\n", "## Simulating it"],
        },
        {
            "cell_type": "code",
            "execution_count": 1,
            "metadata": {},
            "source": ["import numpy as np\n", "print(np.mean([9, 11]))"],
            "outputs": [
                {"output_type": "stream", "name": "stdout", "text": ["10.0\n"]},
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {"image/png": "iVBORw0KGgo=" * 100_000, "text/plain": ["<Figure>"]},
                },
            ],
        },
    ],
}
NOTEBOOK_V3 = {
    "nbformat": 3,
    "metadata": {"name": ""},
    "worksheets": [
        {
            "cells": [
                {"cell_type": "heading", "level": 1, "metadata": {}, "source": ["Old title"]},
                {"cell_type": "markdown", "metadata": {}, "source": ["Matplotlib can draw like XKCD."]},
                {
                    "cell_type": "code",
                    "language": "python",
                    "input": ["plt.xkcd()"],
                    "outputs": [{"output_type": "pyout", "text": ["<ctx>"]}],
                },
            ]
        }
    ],
}


def test_pelicans_liquid_tags_are_what_the_site_shows_notebooks_images_code_and_videos(tmp_path: Path) -> None:
    # jakevdp.github.io (Pythonic Perambulations): PLUGINS has ipynb.liquid and liquid_tags; most posts are one
    # `{% notebook … cells[2:] %}` line, the others use `{% img %}`, `{% include_code %}`, `{% video %}` and
    # `{% literal %}`; the issue showed the tags as text, and a notebook post had no body at all. A notebook's file
    # holds its output images: over a megabyte in real posts (ChutesAndLadders.ipynb)
    files = {
        "pelicanconf.py": JAKEVDP_LIKE,
        "content/articles/2018-09-13-waiting-time-paradox.md": (
            "Title: The Waiting Time Paradox, or, Why Is My Bus Always Late?\ndate: 2018-09-13 10:00\n"
            "slug: waiting-time-paradox\n\n{% notebook downloads/notebooks/WaitingTimeParadox.ipynb cells[2:] %}\n"
        ),
        "content/articles/2013-07-10-xkcd.md": (
            "Title: XKCD Plots have Landed in Matplotlib!\ndate: 2013-07-10 16:00\n\n"
            "{% notebook downloads/notebooks/XKCD.ipynb cells[1:] %}"
        ),
        "content/articles/2012-08-18-animation.md": (
            "Title: Matplotlib Animation Tutorial\ndate: 2012-08-18 09:00\n\nAn animation:\n\n"
            "{% include_code basic_animation.py lang:python Basic Animation %}\n\n"
            "{% video /downloads/videos/basic_animation.mp4 360 270 /downloads/videos/basic_animation_frame.png %}\n\n"
            "{% img /figures/bayesblocks1.png [Simple Histogram of our Distribution] %}\n\n"
            "Write {% literal notebook file.ipynb %} to include a notebook.\n"
        ),
        "content/downloads/notebooks/WaitingTimeParadox.ipynb": json.dumps(NOTEBOOK),
        "content/downloads/notebooks/XKCD.ipynb": json.dumps(NOTEBOOK_V3),
        "content/downloads/code/basic_animation.py": "import matplotlib\nprint('animate')\n",
    }
    project = site(tmp_path, "pelican", files, 'columns = ["content/articles/*.md"]\n')
    lead = pipeline.pick(project, dt.date(2018, 9, 14)).selection.lead.article
    assert lead.body.strip() == (
        "If you ride buses, you know the paradox.\n\n## Simulating it\n\n"
        "```python\nimport numpy as np\nprint(np.mean([9, 11]))\n```\n\n```\n10.0\n```"
    )
    old = pipeline.pick(project, dt.date(2013, 7, 11)).selection.lead.article
    assert old.body.strip() == "Matplotlib can draw like XKCD.\n\n```python\nplt.xkcd()\n```\n\n```\n<ctx>\n```"
    animation = pipeline.pick(project, dt.date(2012, 8, 19)).selection.lead.article
    assert animation.body.strip() == (
        "An animation:\n\n**Basic Animation**\n\n```python\nimport matplotlib\nprint('animate')\n```\n\n"
        "[![basic_animation.mp4](https://jake.example.io/downloads/videos/basic_animation_frame.png)]"
        "(https://jake.example.io/downloads/videos/basic_animation.mp4)\n\n"
        "![Simple Histogram of our Distribution](https://jake.example.io/figures/bayesblocks1.png)\n\n"
        "Write {% notebook file.ipynb %} to include a notebook."
    )


def test_pelican_dates_an_article_without_a_date_by_default_date_and_by_its_files_time_when_it_is_fs(
    tmp_path: Path,
) -> None:
    # twmht/blog: DEFAULT_DATE = 'fs' and 129 articles without Date:, which Pelican dates by their files' times;
    # nieuwsbrief left every one out for want of a date, and check found no piece to feature
    settings = 'SITEURL = "https://blog.example.org"\nTIMEZONE = "Asia/Taipei"\nDEFAULT_DATE = {}\n'
    files = {
        "pelicanconf.py": settings.format("'fs'"),
        "content/c/thread.md": "Title: Threads\n\nEen alinea.\n",
        "content/c/dated.md": "Title: Dated\nDate: 2014-03-01 10:00\n\nEen alinea.\n",
        "content/c/2013-05-06-named.md": "Title: Named\n\nEen alinea.\n",
    }
    project = site(tmp_path, "pelican", files)
    moment = dt.datetime(2015, 6, 7, 8, 9, 10)
    for path in (tmp_path / "site" / "content" / "c").iterdir():
        stamp = (moment - dt.datetime(1970, 1, 1)).total_seconds()
        os.utime(path, (stamp, stamp))
    articles = pipeline.load_project(project, cache=False).content.by_slug()
    assert {slug: article.published for slug, article in articles.items()} == {
        "threads": moment,  # the file's time, as a machine in UTC reads it, in the site's zone
        "dated": dt.datetime(2014, 3, 1, 10, 0),
        "named": dt.datetime(2013, 5, 6),
    }
    (tmp_path / "site" / "pelicanconf.py").write_text(settings.format("(2012, 1, 2)"), encoding="utf-8")
    articles = pipeline.load_project(project, cache=False).content.by_slug()
    assert articles["threads"].published == dt.datetime(2012, 1, 2)


def test_a_pelican_slug_spells_a_cyrillic_title_in_latin_letters_as_pelican_does(tmp_path: Path) -> None:
    # dreamer20/blog (DEFAULT_LANG = 'ru'): Pelican's slugify writes a title in Latin letters with Unidecode; the issue
    # had `ssh.html` and `.html` for titles that Pelican spells out, and two posts on one address
    files = {
        "pelicanconf.py": 'SITEURL = "https://blog.example.org"\nDEFAULT_LANG = "ru"\n',
        "content/notes/ping.md": "Title: Результат команды ping в переменной\nDate: 2024-03-04\n\nТекст.\n",
        "content/notes/icmp.md": "Title: Включение ICMP-трафика через групповые политики\nDate: 2024-03-05\n\nТекст.\n",
        "content/notes/yolka.md": "Title: Ёлка і Ґанок\nDate: 2024-03-06\n\nТекст.\n",
        "content/notes/cjk.md": "Title: 技術筆記\nDate: 2024-03-07\n\nText.\n",
        "content/notes/cjk-slug.md": "Title: 技術筆記 2\nSlug: notes-2\nDate: 2024-03-08\n\nText.\n",
    }
    loaded = pipeline.load_project(site(tmp_path, "pelican", files), cache=False)
    assert sorted(article.url for article in loaded.content.articles) == [
        "https://blog.example.org/iolka-i-ganok.html",
        "https://blog.example.org/notes-2.html",
        "https://blog.example.org/rezultat-komandy-ping-v-peremennoi.html",
        "https://blog.example.org/vkliuchenie-icmp-trafika-cherez-gruppovye-politiki.html",
    ]
    assert [p.render() for p in loaded.warnings if "left out" in p.message] == [
        "site/content/notes/cjk.md:1:1: warning: Pelican makes its address from its title in Latin letters (Unidecode), "
        "which nieuwsbrief cannot for this script; give it a Slug:: it is left out"
    ]


def test_a_pelican_date_in_numbers_is_read_month_first_as_dateutil_reads_it(tmp_path: Path) -> None:
    # dreamer20/blog writes `Date: 03.04.2024 11:40`, which Pelican (dateutil) reads as 4 March; 13.04.2024 can only
    # be 13 April
    files = {
        "pelicanconf.py": 'SITEURL = "https://blog.example.org"\nTIMEZONE = "Europe/Moscow"\n',
        "content/a.md": "Title: A\nDate: 03.04.2024 11:40\n\nText.\n",
        "content/b.md": "Title: B\nDate: 13.04.2024\n\nText.\n",
        "content/c.md": "Title: C\nDate: 4/11/2024\n\nText.\n",
    }
    articles = pipeline.load_project(site(tmp_path, "pelican", files), cache=False).content.by_slug()
    assert {slug: article.published for slug, article in articles.items()} == {
        "a": dt.datetime(2024, 3, 4, 11, 40),
        "b": dt.datetime(2024, 4, 13),
        "c": dt.datetime(2024, 4, 11),
    }


def test_brackets_in_an_indented_code_block_are_code_not_reference_links(tmp_path: Path) -> None:
    # twmht/blog: C++ in indented blocks (`    :::C`) has `G[a][j]`, which the issue turned into `Ga` with a warning
    # that the page does not define [j]
    body = "Prim's algorithm.\n\n    :::C\n    int b = G[a][j].n;\n\n    d[b] = G[a][j].dis;\n\nSee [the note][n].\n"
    files = {
        "pelicanconf.py": 'SITEURL = "https://blog.example.org"\n',
        "content/acm/mst.md": "Title: MST\nDate: 2014-03-01\n\n" + body,
    }
    project = site(tmp_path, "pelican", files)
    article = pipeline.pick(project, dt.date(2014, 3, 2)).selection.lead.article
    loaded = pipeline.load_project(project, cache=False)
    assert "    int b = G[a][j].n;\n\n    d[b] = G[a][j].dis;\n" in article.body
    assert "See the note." in article.body
    assert [p.message for p in loaded.warnings if "does not define" in p.message] == [
        "the link 'the note' refers to [n], which the page does not define: its text is kept"
    ]


def test_codehilites_language_line_atop_an_indented_code_block_is_not_shown(tmp_path: Path) -> None:
    # twmht/blog starts its code blocks with `    :::C`, which Pelican's default codehilite reads as the language and
    # leaves out; a shebang with a path is code and stays
    body = "Two blocks.\n\n    :::C\n    int a = 1;\n\nAnd:\n\n    #!python\n    x = 1\n\nA script:\n\n    #!/bin/sh\n    ls\n"
    files = {
        "pelicanconf.py": 'SITEURL = "https://blog.example.org"\n',
        "content/code.md": "Title: Code\nDate: 2014-03-01\n\n" + body,
    }
    project = site(tmp_path, "pelican", files)
    lead = pipeline.pick(project, dt.date(2014, 3, 2)).selection.lead.article
    assert lead.body.strip() == "Two blocks.\n\n    int a = 1;\n\nAnd:\n\n    x = 1\n\nA script:\n\n    #!/bin/sh\n    ls"
    settings = 'SITEURL = "https://blog.example.org"\nMARKDOWN = {"extension_configs": {"markdown.extensions.extra": {}}}\n'
    (tmp_path / "site" / "pelicanconf.py").write_text(settings, encoding="utf-8")
    lead = pipeline.pick(project, dt.date(2014, 3, 2)).selection.lead.article
    assert "    :::C\n    int a = 1;" in lead.body


def test_a_translation_lives_on_its_languages_subsite_where_the_site_runs_i18n_subsites(tmp_path: Path) -> None:
    # Crola1702/crola1702.github.io: PLUGINS = ['i18n_subsites'] with I18N_SUBSITES = {'es': {...}} builds the Spanish
    # articles at /es/ with ARTICLE_URL ({category}/{slug}.html); the issue linked Pelican's default disc-hoodies-es.html
    settings = (
        'SITEURL = "https://crola.example.org"\nARTICLE_URL = "{category}/{slug}.html"\nPLUGINS = ["i18n_subsites"]\n'
        'I18N_SUBSITES = {"es": {"SITENAME": "Sitio"}, "fr": {"SITEURL": "https://fr.example.org", "ARTICLE_URL": "a/{slug}/"}}\n'
    )
    files = {"pelicanconf.py": settings}
    for language, title in (("en", "DISC hoodies"), ("es", "Sacos DISC"), ("fr", "Sweats DISC"), ("de", "DISC-Pullis")):
        files[f"content/posts/article/disc-hoodies.{language}.md"] = (
            f"Title: {title}\nSlug: disc-hoodies\nLang: {language}\nDate: 2024-06-20\nCategory: Article\n\nText.\n"
        )
    project = site(tmp_path, "pelican", files)
    addresses = {}
    for language in ("en", "es", "fr", "de"):
        text = (project / "nieuwsbrief.toml").read_text(encoding="utf-8")
        text = re.sub(r"(?m)^language = .*\n", "", text).replace("[content]\n", f'[content]\nlanguage = "{language}"\n')
        (project / "nieuwsbrief.toml").write_text(text, encoding="utf-8")
        (article,) = pipeline.load_project(project, cache=False).content.articles
        addresses[language] = article.url
    assert addresses == {
        "en": "https://crola.example.org/article/disc-hoodies.html",
        "es": "https://crola.example.org/es/article/disc-hoodies.html",
        "fr": "https://fr.example.org/a/disc-hoodies/",
        "de": "https://crola.example.org/article/disc-hoodies.html",  # no subsite: ARTICLE_LANG_URL is ARTICLE_URL
    }


def test_a_pelican_title_with_a_character_reference_reads_and_slugifies_as_the_site_shows_it(tmp_path: Path) -> None:
    # Pelican's templates write the title as it is (`&#8212;` shows a dash), and its slugify strips markup first,
    # which reads the reference as the dash it names: no `8212` in the address
    files = {
        "pelicanconf.py": 'SITEURL = "https://blog.example.org"\n',
        "content/release.md": "Title: Release 1.3 &#8212; Tests &amp; speed\nDate: 2017-08-01\n\nText.\n",
    }
    (article,) = pipeline.load_project(site(tmp_path, "pelican", files), cache=False).content.articles
    assert (article.title, article.url) == (
        "Release 1.3 \u2014 Tests & speed",
        "https://blog.example.org/release-13-tests-speed.html",
    )
