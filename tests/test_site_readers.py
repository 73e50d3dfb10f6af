"""What each generator's own configuration says, read as the generator reads it (issue 18), each on a small site
written here: Hugo's module mounts and languages, Eleventy's data cascade and permalink templates, Astro's content
collections and routes, Pelican's metadata lines and translations, MkDocs Material's blog; bylines in Markdown,
links a template could not fill in, shortcodes that render nothing; and the settings init --from writes.

The generators themselves check the same on real sites in tests/test_oracle.py.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner

from nieuwsbrief import pipeline
from nieuwsbrief.cli import app
from nieuwsbrief.content.checks import byline
from nieuwsbrief.content.generators.jsliteral import constants, exported
from tests.test_site_conventions import post, site, write_site

runner = CliRunner()


def articles(project: Path) -> dict[str, tuple[str, str, str]]:
    """slug -> (address, date, category) of what nieuwsbrief reads."""
    loaded = pipeline.load_project(project, cache=False)
    return {a.slug: (a.url, a.published.isoformat(), a.category) for a in loaded.content.articles}


def warnings(project: Path) -> list[str]:
    return [problem.render() for problem in pipeline.load_project(project, cache=False).warnings]


DOCSY_LIKE = """\
baseURL: https://www.voorbeeld.org
defaultContentLanguage: en
languages:
  en: {label: English}
  nl: {label: Nederlands}
module:
  mounts:
    - source: content/nl
      target: content
      sites: { matrix: { languages: [nl] } }
    - source: content/en
      target: content
      sites: { matrix: { languages: [en, nl] } }
    - source: ../elders
      target: content/elders
"""


def test_hugo_reads_a_language_from_its_module_mounts_the_first_mount_winning(tmp_path: Path) -> None:
    files = {
        "hugo.yaml": DOCSY_LIKE,
        "content/en/blog/eerste.md": post("First", "2026-11-01"),
        "content/en/blog/tweede.md": post("Second", "2026-11-02"),
        "content/nl/blog/tweede.md": post("Tweede", "2026-11-02"),  # the Dutch mount comes first: it wins
    }
    project = site(tmp_path, "hugo", files, 'language = "nl"\ncolumns = ["content/*/blog/**/*.md"]\n')
    loaded = pipeline.load_project(project, cache=False).content
    assert sorted((a.title, a.url, a.path.split("site/")[1], a.language) for a in loaded.articles) == [
        ("First", "https://www.voorbeeld.org/nl/blog/eerste/", "content/en/blog/eerste.md", "nl"),
        ("Tweede", "https://www.voorbeeld.org/nl/blog/tweede/", "content/nl/blog/tweede.md", "nl"),
    ]
    assert {a.translation for a in loaded.articles} == {"blog/eerste", "blog/tweede"}  # one group per content path


CONTENT_DIR_OF_ONE_LANGUAGE = """\
baseURL = "https://blog.example.org"
defaultContentLanguage = "zh-CN"
[languages.zh-CN]
weight = 1
contentDir = "content/posts"
disablePathToLower = true
[languages.en]
weight = 2
"""


def test_hugo_reads_a_files_own_language_in_another_languages_content_dir(tmp_path: Path) -> None:
    # JunpoYu.github.io: zh-CN reads content/posts (its contentDir), which holds index.en.md beside index.zh-cn.md;
    # Hugo builds the .en file in English, at /en/…, where nieuwsbrief read it as Chinese and found no English page
    files = {
        "hugo.toml": CONTENT_DIR_OF_ONE_LANGUAGE,
        "content/posts/builds/Use-Hugo/index.zh-cn.md": post("用 Hugo", "2024-09-12"),
        "content/posts/builds/Use-Hugo/index.en.md": post("Use Hugo", "2024-09-12"),
    }
    found = {}
    for language in ("zh-cn", "en"):
        project = site(tmp_path, "hugo", files, f'language = "{language}"\ncolumns = ["content/posts/**/*.md"]\n')
        loaded = pipeline.load_project(project, cache=False).content
        found[language] = sorted((a.title, a.url, a.path.split("site/")[1]) for a in loaded.articles)
    assert found == {
        # disablePathToLower in zh-CN's own table keeps its addresses' capitals; English lowers them
        "zh-cn": [("用 Hugo", "https://blog.example.org/builds/Use-Hugo/", "content/posts/builds/Use-Hugo/index.zh-cn.md")],
        "en": [("Use Hugo", "https://blog.example.org/en/builds/use-hugo/", "content/posts/builds/Use-Hugo/index.en.md")],
    }


def test_a_hugo_shortcode_the_site_renders_as_nothing_leaves_nothing(tmp_path: Path) -> None:
    body = 'Tekst.\n\n{{< comment >}}Nog nalopen.{{< /comment >}}\n\n{{< stil >}}\n\n[Weg]({{< relref "nergens.md" >}}).\n'
    files = {
        "hugo.toml": 'baseURL = "https://blog.example.org/"\n',
        "layouts/shortcodes/stil.html": "{{/* nothing to show */}}\n",
        "content/posts/a.md": post("A", "2026-11-01") + body,
        "content/posts/b/index.md": post("B", "2026-11-02"),
        "content/posts/c.md": post("C", "2026-11-03") + 'Zie [B]({{< relref "b.md" >}}) en [A]({{< relref "a/index.md" >}}).\n',
    }
    project = site(tmp_path, "hugo", files)
    lead = pipeline.pick(project, dt.date(2026, 11, 2), pipeline.Overrides(lead="a")).selection.lead.article
    assert "nalopen" not in lead.body and "stil" not in lead.body
    assert "Weg." in lead.body and "]()" not in lead.body  # the text stays, never a link to the issue itself
    assert [line for line in warnings(project) if "'Weg'" in line] == [
        "site/content/posts/a.md:12:1: warning: the link 'Weg' has no address nieuwsbrief can work out (it is empty, "
        "or a template value): its text is kept; check the site builds that link"
    ]
    c = pipeline.pick(project, dt.date(2026, 11, 4), pipeline.Overrides(lead="c")).selection.lead.article
    # a bundle's page by its name, a plain page by a bundle's path: Hugo resolves both
    assert "[B](https://blog.example.org/posts/b/)" in c.body and "[A](https://blog.example.org/posts/a/)" in c.body


def test_hugos_param_shortcode_gives_the_pages_value_else_the_sites(tmp_path: Path) -> None:
    files = {
        "hugo.toml": 'baseURL = "https://blog.example.org/"\n[params.versions]\ncore = "v1.82.0"\n',
        "content/posts/a.md": post("A", "2026-11-01", "Kleur: blauw\n")
        + "Zie [de bron](https://example.org/blob/{{< param versions.Core >}}/README.md), {{< param kleur >}}.\n",
    }
    project = site(tmp_path, "hugo", files)
    lead = pipeline.pick(project, dt.date(2026, 11, 2)).selection.lead.article
    assert "[de bron](https://example.org/blob/v1.82.0/README.md), blauw." in lead.body
    assert not [line for line in warnings(project) if "param" in line]


def test_a_title_written_over_two_lines_is_one_line_as_the_site_shows_it(tmp_path: Path) -> None:
    files = {
        "hugo.toml": 'baseURL = "https://blog.example.org/"\n',
        "content/posts/a.md": "---\ntitle: |-\n  Kubecon roundup: Nordstrom,\n  and lots of community!\ndate: 2026-11-02\n---\n"
        + "Een verslag van de conferentie. " * 20,
    }
    project = site(tmp_path, "hugo", files)
    result = runner.invoke(app, ["--project", str(project), "compose", "--date", "2026-11-03", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["subject"] == "Kubecon roundup: Nordstrom, and lots of community!"


def test_a_byline_longer_than_a_line_is_wrapped_in_the_text_part(tmp_path: Path) -> None:
    author = "guardians of the heap Ulan Degenbaev, Hannes Payer, Michael Lippautz, and DevTools warrior Alexey Kozyatinskiy"
    files = {
        "hugo.toml": 'baseURL = "https://blog.example.org/"\n',
        "content/posts/a.md": post("A", "2026-11-02", f"author: '{author}'\n"),
    }
    project = site(tmp_path, "hugo", files)
    result = runner.invoke(app, ["--project", str(project), "compose", "--date", "2026-11-03", "--json"])
    assert result.exit_code == 0, result.output  # the pre-flight's C-34 (a line over 72) stopped it
    text = Path(json.loads(result.stdout)["files"]["text"]).read_text(encoding="utf-8")
    assert (
        "1 min lezen\nDoor guardians of the heap Ulan Degenbaev, Hannes Payer, Michael\n"
        "Lippautz, and DevTools warrior Alexey Kozyatinskiy\n2 november 2026\n"
    ) in text


def test_an_address_in_brackets_is_a_link_in_both_parts(tmp_path: Path) -> None:
    files = {"_config.yml": "url: https://blog.example.org\n", "_posts/2026-11-02-a.md": post("A", "2026-11-02")}
    files["_posts/2026-11-02-a.md"] += "\n- Minikube based demo (<https://github.com/kubevirt/demo>)\n"
    project = site(tmp_path, "jekyll", files)
    result = runner.invoke(app, ["--project", str(project), "compose", "--date", "2026-11-03"])
    assert result.exit_code == 0, result.output  # C-35 took "(https://…)" for a link missing from the text part


def test_a_word_with_a_footnote_reaches_both_parts(tmp_path: Path) -> None:
    files = {"_config.yml": "url: https://blog.example.org\n", "_posts/2026-11-02-a.md": post("A", "2026-11-02")}
    files["_posts/2026-11-02-a.md"] += "\nDocsy 0.9.0 is a sizable[^1] release of 10 m<sup>2</sup>.\n\n[^1]: With 65 changes.\n"
    project = site(tmp_path, "jekyll", files)
    result = runner.invoke(app, ["--project", str(project), "compose", "--date", "2026-11-03"])
    assert result.exit_code == 0, result.output  # C-44 read "sizable1" in the HTML


def test_eleventy_takes_dates_from_file_names_and_permalinks_from_directory_data(tmp_path: Path) -> None:
    files = {
        "eleventy.config.js": 'module.exports = function (config) { return { dir: { input: "src", data: "_data" } }; };\n',
        "src/_data/site.yaml": "title: Werkplaats\nhost: https://werkplaats.example.nl\n",
        "src/posts/posts.11tydata.js": "module.exports = {\n  tags: ['posts'],\n  permalink: \"/{{ page.date | date: '%Y' }}/{{ page.fileSlug | slugify }}/\",\n  eleventyComputed: { x: (data) => data.title },\n};\n",
        "src/posts/2026-11-02-Open-Dag.md": "---\ntitle: Open dag\ntags: [nieuws]\n---\nTekst.\n",
        "src/posts/2026-11-03-stil.md": "---js\nconst title = 'Stil';\nconst eleventyExcludeFromCollections = true;\n---\nTekst.\n",
    }
    project = site(tmp_path, "eleventy", files, 'columns = ["src/posts/*.md"]\n')
    loaded = pipeline.load_project(project, cache=False).content
    assert sorted((a.slug, a.url, a.published.isoformat(), a.tags, a.draft) for a in loaded.articles) == [
        ("open-dag", "https://werkplaats.example.nl/2026/open-dag/", "2026-11-02T00:00:00", ("nieuws",), False),
        ("stil", "https://werkplaats.example.nl/2026/stil/", "2026-11-03T00:00:00", (), True),
    ]


def test_an_eleventy_body_shows_its_own_front_matter_values_as_eleventy_renders_them(tmp_path: Path) -> None:
    # fromjasonstuff/fromjason-eleventy: `# {{ title }}` opens 39 posts; Nunjucks renders the page's own title there
    # (the data cascade: front matter, then directory data), which the issue left out with a warning on each
    files = {
        "eleventy.config.js": 'module.exports = function (config) { return { dir: { input: "content" } }; };\n',
        "content/_data/metadata.js": 'module.exports = { url: "https://fromjason.example.xyz/" };\n',
        "content/posts/posts.11tydata.js": "module.exports = {\n  tags: ['posts'],\n  sub: 'notebook',\n};\n",
        "content/posts/beautiful.md": (
            "---\ntitle: He killed something beautiful\ndate: 2023-08-23\ntags: ['design']\n---\n\n# {{ title }}\n\n"
            "Filed in {{ sub }}, {{ tags }} and {{ unknown }}.\n"
        ),
    }
    project = site(tmp_path, "eleventy", files, 'columns = ["content/posts/*.md"]\n')
    lead = pipeline.pick(project, dt.date(2023, 8, 24)).selection.lead.article
    assert lead.title == "He killed something beautiful"
    assert lead.body.startswith("\n\nFiled in notebook, ")  # the title once; a list and an unknown name give way
    assert not [w for w in warnings(project) if "{{ title }}" in w or "{{ sub }}" in w]


def test_eleventys_slugify_drops_the_apostrophe_of_a_contraction_and_writes_and_for_an_ampersand(tmp_path: Path) -> None:
    # fromjasonstuff/fromjason-eleventy: `permalink: "/p/{{ sub | slugify }}/{{ title | slugify }}/"` made
    # /p/notebook/bluesky-may-have-the-juice-but-we-don-t-have-to-drink-the-kool-aid/, where Eleventy writes "dont"
    files = {
        "eleventy.config.js": 'module.exports = function (config) { return { dir: { input: "content" } }; };\n',
        "content/_data/metadata.js": 'module.exports = { url: "https://fromjason.example.xyz" };\n',
        "content/posts/posts.11tydata.js": 'module.exports = {\n  permalink: "/p/{{ sub | slugify }}/{{ title | slugify }}/",\n};\n',
        "content/posts/juice.md": (
            '---\ntitle: "Bluesky may have the juice, but we don\'t have to drink the Kool-Aid"\ndate: 2024-11-28\n'
            "sub: notebook\n---\nTekst.\n"
        ),
        "content/posts/patreon.md": "---\ntitle: Patreon's new logo & 'tis design\ndate: 2024-11-20\nsub: Free Lance\n---\nTekst.\n",
    }
    project = site(tmp_path, "eleventy", files, 'columns = ["content/posts/*.md"]\n')
    assert sorted(url for url, _, _ in articles(project).values()) == [
        "https://fromjason.example.xyz/p/free-lance/patreons-new-logo-and-tis-design/",
        "https://fromjason.example.xyz/p/notebook/bluesky-may-have-the-juice-but-we-dont-have-to-drink-the-kool-aid/",
    ]


def test_eleventy_with_the_i18n_plugin_keeps_one_piece_per_translation_in_the_newsletters_language(tmp_path: Path) -> None:
    # verlok/blog-11ty: content/en/blog/… and content/it/blog/…, the same folders in each language
    files = {
        "eleventy.config.js": (
            'import { I18nPlugin } from "@11ty/eleventy";\n'
            "export default function (config) {\n"
            '  config.addPlugin(I18nPlugin, { defaultLanguage: "en", filters: { url: "locale_url" } });\n'
            "}\n"
            'export const config = { dir: { input: "content", data: "../_data" } };\n'
        ),
        "_data/metadata.js": 'export default { url: "https://verlok.example.eu/", language: "en" };\n',
        "content/en/blog/2025-12-09_talk/index.md": "---\ntitle: Talk video\ndate: 2025-12-09\n---\nI gave a talk.\n",
        "content/it/blog/2025-12-09_talk/index.md": "---\ntitle: Video del talk\ndate: 2025-12-09\n---\nHo tenuto un talk.\n",
        "content/it/blog/2025-12-10_solo/index.md": "---\ntitle: Solo in italiano\ndate: 2025-12-10\n---\nTesto.\n",
    }
    project = site(tmp_path, "eleventy", files, 'columns = ["content/*/blog/**/*.md"]\n')
    loaded = pipeline.load_project(project, cache=False).content
    assert sorted((a.title, a.language, a.translation, a.category) for a in loaded.articles) == [
        ("Solo in italiano", "it", "*/blog/2025-12-10_solo/index", "Blog"),
        ("Talk video", "en", "*/blog/2025-12-09_talk/index", "Blog"),
    ]


def test_astro_reads_its_collections_and_routes_a_date_into_the_address(tmp_path: Path) -> None:
    files = {
        "astro.config.mjs": "import { SITE } from './src/consts';\nexport default defineConfig({ site: SITE.url, trailingSlash: 'never' });\n",
        "src/consts.ts": "export const SITE = { url: 'https://astro.example.nl', title: 'Sterren' };\n",
        "src/content.config.ts": (
            'import { glob } from "astro/loaders";\n'
            "const posts = defineCollection({\n"
            '  loader: glob({ base: "./content/posts", pattern: "**/*.md" }),\n'
            "  schema: z.object({ verschenen: z.coerce.date() }),\n"
            "});\n"
            "export const collections = { posts };\n"
        ),
        "src/pages/[year]/[month]/[slug].astro": (
            "---\nexport async function getStaticPaths() {\n"
            '  const posts = await getCollection("posts");\n'
            "  return posts.map((post) => ({ params: { year: post.data.verschenen.getFullYear(),\n"
            "    month: String(post.data.verschenen.getMonth() + 1).padStart(2, '0'), slug: post.id }, props: { post } }));\n"
            "}\n---\n"
        ),
        "content/posts/Eerste Post.md": "---\ntitle: Eerste\nverschenen: 2026-03-04\n---\nTekst.\n",
    }
    project = site(tmp_path, "astro", files)
    assert articles(project) == {"eerste-post": ("https://astro.example.nl/2026/03/eerste-post", "2026-03-04T00:00:00", "Posts")}


def test_astro_routes_a_collection_by_the_route_whose_getstaticpaths_reads_it(tmp_path: Path) -> None:
    # jktrn/astro-erudite: the author pages (sorted first) list each author's posts through a helper of their own
    helpers = (
        'export async function getPosts() {\n  return await getCollection("blog", ({ data }) => !data.draft)\n}\n'
        'export async function getAuthors() {\n  return await getCollection("authors")\n}\n'
    )
    files = {
        "astro.config.mjs": "export default defineConfig({ site: 'https://erudiet.example.nl' });\n",
        "src/content.config.ts": (
            'const blog = defineCollection({ loader: glob({ pattern: "**/*.md", base: "./src/content/blog" }) });\n'
            'const authors = defineCollection({ loader: glob({ pattern: "**/*.md", base: "./src/content/authors" }) });\n'
            "export const collections = { blog, authors };\n"
        ),
        "src/lib/content.ts": helpers,
        "src/pages/authors/[...id].astro": (
            '---\nimport { getPosts } from "@/lib/content"\n'
            "export async function getStaticPaths() {\n"
            '  const authors = await getCollection("authors")\n'
            "  return authors.map((author) => ({ params: { id: author.id }, props: { author } }))\n}\n"
            "const posts = await getPosts()\n---\n"
        ),
        "src/pages/blog/[...id].astro": (
            '---\nimport { getPosts } from "@/lib/content"\n'
            "export async function getStaticPaths() {\n"
            "  const posts = await getPosts()\n"
            "  return posts.map((post) => ({ params: { id: post.id }, props: { post } }))\n}\n---\n"
        ),
        "src/content/blog/v1-posts/rehype-patch.md": "---\ntitle: Patch\ndate: 2025-03-21\n---\nTekst.\n",
    }
    project = site(tmp_path, "astro", files)
    assert articles(project) == {
        "rehype-patch": ("https://erudiet.example.nl/blog/v1-posts/rehype-patch/", "2025-03-21T00:00:00", "Blog")
    }


PELICAN = """\
SITEURL = "https://blog.example.org/nieuws"
PATH = "content"
DEFAULT_LANG = "nl"
TIMEZONE = "Europe/Amsterdam"
ARTICLE_URL = "{date:%Y}/{slug}.html"
ARTICLE_LANG_URL = "{lang}/{date:%Y}/{slug}.html"
SOMETHING = compute_it()
"""


def test_pelican_reads_metadata_lines_slugs_folders_and_keeps_one_piece_per_translation(tmp_path: Path) -> None:
    files = {
        "pelicanconf.py": PELICAN,
        "content/verslagen/open-dag.md": "---\ntitle: Open dag: een verslag\ndate: 2026-11-02 10:00\n---\nHet was druk.\n",
        "content/verslagen/open-day.md": "Title: Open day: a report\nDate: 2026-11-02 10:00\nSlug: open-dag-een-verslag\nLang: en\n\nIt was busy.\n",
        "content/verslagen/later.md": "Title: Later\nDate: 2026-11-05\n\n[Zie]({filename}open-dag.md).\n",
        "content/verslagen/klad.md": "Title: Klad\nDate: 2026-11-06\nStatus: draft\n\nNog niet af.\n",
        "content/pages/over.md": "Title: Over ons\n\nWie wij zijn.\n",
    }
    project = site(tmp_path, "pelican", files, 'columns = ["content/**/*.md"]\n')
    loaded = pipeline.load_project(project, cache=False).content
    assert sorted((a.slug, a.url, a.category, a.language, a.draft) for a in loaded.articles) == [
        ("klad", "https://blog.example.org/nieuws/2026/klad.html", "verslagen", "nl", True),
        ("later", "https://blog.example.org/nieuws/2026/later.html", "verslagen", "nl", False),
        ("open-dag-een-verslag", "https://blog.example.org/nieuws/2026/open-dag-een-verslag.html", "verslagen", "nl", False),
    ]
    english = site(tmp_path, "pelican", {}, 'columns = ["content/**/*.md"]\nlanguage = "en"\n')
    assert [a.url for a in pipeline.load_project(english, cache=False).content.articles if a.slug.startswith("open")] == [
        "https://blog.example.org/nieuws/en/2026/open-dag-een-verslag.html"  # the translation in the language read
    ]
    lead = pipeline.pick(project, dt.date(2026, 11, 6), pipeline.Overrides(lead="later")).selection.lead.article
    assert "[Zie](https://blog.example.org/nieuws/2026/open-dag-een-verslag.html)" in lead.body


def test_jekyll_with_a_folder_per_language_keeps_one_piece_per_translation_in_the_newsletters_language(
    tmp_path: Path,
) -> None:
    # ruby/www.ruby-lang.org: en/news/_posts/…, ja/news/_posts/…, zh_tw/news/_posts/…, each post saying its `lang`
    files = {
        "_config.yml": "url: https://www.ruby-lang.org\npermalink: pretty\n",
        "en/news/_posts/2026-07-16-ruby-3-3-12-released.md": "---\ntitle: Ruby 3.3.12 Released\nlang: en\n---\nOut now.\n",
        "ja/news/_posts/2026-07-16-ruby-3-3-12-released.md": (
            "---\ntitle: Ruby 3.3.12 リリース\nlang: ja\n---\nリリースしました。\n"
        ),
        "zh_tw/news/_posts/2026-07-16-ruby-3-3-12-released.md": "---\ntitle: Ruby 3.3.12 發布\nlang: zh_tw\n---\n發布。\n",
        "ja/news/_posts/2026-07-01-kaigi.md": "---\ntitle: RubyKaigi\nlang: ja\n---\n日本語だけ。\n",
    }
    project = site(tmp_path, "jekyll", files, 'columns = ["**/_posts/**/*.md"]\nlanguage = "en"\n')
    loaded = pipeline.load_project(project, cache=False).content
    assert sorted((a.title, a.url, a.language, a.translation) for a in loaded.articles) == [
        (
            "Ruby 3.3.12 Released",
            "https://www.ruby-lang.org/en/news/2026/07/16/ruby-3-3-12-released/",
            "en",
            "*/news/_posts/2026-07-16-ruby-3-3-12-released",
        ),
        ("RubyKaigi", "https://www.ruby-lang.org/ja/news/2026/07/01/kaigi/", "ja", "*/news/_posts/2026-07-01-kaigi"),
    ]
    assert {a.category for a in loaded.articles} == {"news"}  # Jekyll's categories are [en, news]: the label skips the language
    japanese = site(tmp_path, "jekyll", {}, 'columns = ["**/_posts/**/*.md"]\nlanguage = "ja"\n')
    assert sorted(a.title for a in pipeline.load_project(japanese, cache=False).content.articles) == [
        "Ruby 3.3.12 リリース",
        "RubyKaigi",
    ]


def test_pelicans_publishconf_gives_the_address_and_article_url_of_the_site_on_the_web(tmp_path: Path) -> None:
    # pelican-quickstart's publishconf.py, as petermortimer.de's: `from pelicanconf import *`, then the address and
    # ARTICLE_URL the published site has (pelicanconf keeps the default {slug}.html and a development SITEURL)
    files = {
        "pelicanconf.py": "SITEURL = 'http://localhost:8000'\nPATH = 'content'\nTIMEZONE = 'Europe/Paris'\n",
        "publishconf.py": (
            "import os\nimport sys\nsys.path.append(os.curdir)\nfrom pelicanconf import *\n\n"
            "SITEURL = 'https://blog.example.org'\nRELATIVE_URLS = False\n"
            "ARTICLE_URL = 'blog/{slug}.html'\nARTICLE_SAVE_AS = 'blog/{slug}.html'\n"
        ),
        "content/2026-11-02-eerste.md": "Title: Eerste stuk\n\nTekst.\n",
    }
    project = site(tmp_path, "pelican", files, 'columns = ["content/**/*.md"]\n')
    assert articles(project)["eerste-stuk"][0] == "https://blog.example.org/blog/eerste-stuk.html"


def test_a_pelican_article_with_an_empty_save_as_has_no_page_and_is_left_out(tmp_path: Path) -> None:
    # lucene.apache.org: `ARTICLE_SAVE_AS = ''` and `save_as:` empty in every news item, which Pelican writes no page
    # for (they show on its news pages); nieuwsbrief gave each the address {slug}.html, which does not exist
    files = {
        "pelicanconf.py": PELICAN + "ARTICLE_SAVE_AS = ''\n",
        "content/nieuws/2026-11-02-leeg.md": "Title: Leeg\ncategory: news\nURL:\nsave_as:\n\nGeen pagina.\n",
        "content/nieuws/2026-11-03-instelling.md": "Title: Instelling\n\nOok geen pagina: ARTICLE_SAVE_AS is leeg.\n",
        "content/nieuws/2026-11-04-eigen.md": "Title: Eigen\nsave_as: eigen.html\nurl: eigen.html\n\nWel een pagina.\n",
        "content/nieuws/2026-11-05-vertaald.md": "Title: Translated\nLang: en\n\nARTICLE_LANG_SAVE_AS: a page.\n",
    }
    project = site(tmp_path, "pelican", files, 'columns = ["content/**/*.md"]\nlanguage = "en"\n')
    assert sorted(articles(project)) == ["eigen", "translated"]
    assert sum("Pelican writes no page for it (its save_as is empty): it is left out" in w for w in warnings(project)) == 2


def test_mkdocs_reads_the_blog_plugin_posts_authors_and_admonitions(tmp_path: Path) -> None:
    files = {
        "mkdocs.yml": (
            "site_name: Handboek\nsite_url: https://handboek.example.nl/docs/\nplugins:\n  - material/blog:\n"
            "      post_url_format: '{categories}/{slug}'\n"
            "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        ),
        "docs/blog/.authors.yml": "authors:\n  sanne:\n    name: Sanne de Vries\n    description: Redacteur\n",
        "docs/blog/posts/nieuw.md": (
            "---\ndate:\n  created: 2026-11-20\ncategories: [Nieuws]\nauthors: [sanne]\n---\n\n# Iets nieuws\n\n"
            '!!! note "Let op"\n\n    Dit is belangrijk.\n'
        ),
    }
    project = site(tmp_path, "mkdocs", files, 'columns = ["docs/blog/posts/*.md"]\nauthors = ["docs/blog/.authors.yml"]\n')
    loaded = pipeline.load_project(project, cache=False).content
    (piece,) = loaded.articles
    assert (piece.slug, piece.url, piece.category, piece.author) == (
        "iets-nieuws",
        "https://handboek.example.nl/docs/blog/nieuws/iets-nieuws/",
        "Nieuws",
        "sanne",
    )
    assert (loaded.authors["sanne"].name, loaded.authors["sanne"].role) == ("Sanne de Vries", "Redacteur")
    lead = pipeline.pick(project, dt.date(2026, 11, 23)).selection.lead.article
    assert "> **Let op**\n>\n> Dit is belangrijk." in lead.body


def test_an_mkdocs_title_from_the_first_heading_shows_its_entities_and_once(tmp_path: Path) -> None:
    # Textual's and EESSI's posts: the title is the body's first heading, which the issue showed twice (`&mdash;` raw)
    files = {
        "mkdocs.yml": "site_name: Textual\nsite_url: https://textual.example.io/\nplugins:\n  - blog\n",
        "docs/blog/posts/smooth.md": (
            "---\ndate: 2025-02-16\n---\n\n# Smoother scrolling &mdash; decades in the making\n\n"
            "The great philosopher F. Bueller once said something.\n"
        ),
    }
    project = site(tmp_path, "mkdocs", files, 'columns = ["docs/blog/posts/*.md"]\n')
    lead = pipeline.pick(project, dt.date(2025, 2, 17)).selection.lead.article
    assert (lead.title, lead.slug, lead.url) == (
        "Smoother scrolling — decades in the making",
        "smoother-scrolling-mdash-decades-in-the-making",  # the plugin's slug, of the title as MkDocs read it
        "https://textual.example.io/blog/2025/02/16/smoother-scrolling-mdash-decades-in-the-making/",
    )
    assert lead.body == "\n\nThe great philosopher F. Bueller once said something.\n"


def test_an_mkdocs_link_to_another_markdown_file_is_that_pages_address(tmp_path: Path) -> None:
    # stibbons1990/hex: `[Pomerium](./2025-12-18-replacing-ingress-nginx-with-pomerium.md#acls)` reached the issue as
    # the post's own address with the file name after it; MkDocs writes the other page's address (a post's, by the
    # blog plugin's post_url_format; a documentation page's folder), and leaves a missing file and code as written
    files = {
        "mkdocs.yml": "site_name: Hex\nsite_url: https://hex.example.io/hex/\nplugins:\n  - blog\n",
        "docs/index.md": "# About\n",
        "docs/projects/conmon.md": "# Monitoring\n",
        "docs/blog/posts/2025-12-18-pomerium.md": "---\ndate: 2025-12-18\ntitle: Replacing ingress-nginx\n---\n\nOld.\n",
        "docs/blog/posts/2026-02-10-vikunja.md": (
            "---\ndate: 2026-02-10\ntitle: Vikunja\n---\n\n"
            "See [Pomerium](./2025-12-18-pomerium.md#kustomize-acls), [monitoring](../../projects/conmon.md),\n"
            "[home](../../index.md) and [gone](gone.md).\n\n[ref]: 2025-12-18-pomerium.md\n\n"
            "Also [the ref][ref], `[code](2025-12-18-pomerium.md)` and [after code](2025-12-18-pomerium.md).\n\n"
            "```\n[kept](./2025-12-18-pomerium.md)\n```\n"
        ),
    }
    project = site(tmp_path, "mkdocs", files, 'columns = ["docs/blog/posts/*.md"]\n')
    lead = pipeline.pick(project, dt.date(2026, 2, 11)).selection.lead.article
    assert lead.url == "https://hex.example.io/hex/blog/2026/02/10/vikunja/"
    assert "[Pomerium](https://hex.example.io/hex/blog/2025/12/18/replacing-ingress-nginx/#kustomize-acls)" in lead.body
    assert "[monitoring](https://hex.example.io/hex/projects/conmon/)" in lead.body
    assert "[home](https://hex.example.io/hex/)" in lead.body
    assert "[gone](gone.md)" in lead.body
    assert "[ref]: https://hex.example.io/hex/blog/2025/12/18/replacing-ingress-nginx/" in lead.body
    assert "[kept](./2025-12-18-pomerium.md)" in lead.body
    assert "`[code](2025-12-18-pomerium.md)` and [after code](https://hex.example.io/hex/blog/2025/12/18/" in lead.body


TEXTUAL_LIKE = {  # Textual's blog (tests/sites/mkdocs-textual), trimmed: release1.0.0.md and the SVG it includes
    "mkdocs.yml": (
        "site_name: Textual\nsite_url: https://textual.textualize.io/\nplugins:\n  - blog\n"
        "markdown_extensions:\n  - md_in_html\n  - pymdownx.snippets\n"
    ),
    "docs/blog/images/textual-demo.svg": (
        '<svg class="rich-terminal" viewBox="0 0 1531 977.1999999999999" xmlns="http://www.w3.org/2000/svg">\n'
        '<text class="terminal-733525403-title" fill="#c5c8c6" text-anchor="middle" x="764" y="27">DemoApp</text>\n'
        "</svg>\n"
    ),
    "docs/blog/posts/release1.0.0.md": (
        '---\ndraft: false\ndate: 2024-12-12\ntitle: "Algorithms for high performance terminal apps"\n---\n\n'
        "I've had the fortune of being able to work fulltime on a FOSS project for the last three plus years.\n\n\n"
        '<div style="width:250px;float:right;margin:10px;max-width:50%;">\n'
        '<a href="https://github.com/textualize/textual-demo">\n'
        '--8<-- "docs/blog/images/textual-demo.svg"\n'
        "</a>\n</div>\n\n\nTextual has been a constant source of programming challenges.\n"
    ),
}


def test_an_mkdocs_snippet_inside_a_raw_html_link_leaves_the_link_its_text(tmp_path: Path) -> None:
    project = site(tmp_path, "mkdocs", TEXTUAL_LIKE, 'columns = ["docs/blog/posts/*.md"]\n')
    lead = pipeline.pick(project, dt.date(2024, 12, 16)).selection.lead.article
    assert lead.body == (
        "I've had the fortune of being able to work fulltime on a FOSS project for the last three plus years.\n\n\n"
        '<div style="width:250px;float:right;margin:10px;max-width:50%;">\n'
        '<a href="https://github.com/textualize/textual-demo">\n'
        "textual-demo.svg\n"  # the SVG MkDocs draws inline, named: mail cannot show it
        "</a>\n</div>\n\n\nTextual has been a constant source of programming challenges.\n"
    )
    assert warnings(project) == [
        "site/docs/blog/posts/release1.0.0.md:12:1: warning: a .svg image in the body is shown as the text of its link "
        "(many mail clients cannot show one); use a PNG, JPG or GIF version to show it"
    ]
    result = runner.invoke(app, ["--project", str(project), "compose", "--date", "2024-12-16"])
    assert result.exit_code == 0 and "C-15" not in result.stderr  # our own lint finds no link without text


SNIPPETS_ON = (
    "site_name: S\nsite_url: https://s.example.org/\nplugins:\n  - blog\n"
    "markdown_extensions:\n  - pymdownx.snippets:\n      check_paths: false\n"
)


def test_mkdocs_snippets_are_the_lines_pymdownx_expands_and_never_a_file_outside_the_site(tmp_path: Path) -> None:
    body = (
        "Voor.\n"
        '    --8<-- "docs/snippets/code.py"\n'  # indented: the file's lines are too; its section markers go
        "--8<--\n"  # a block: a file name a line, an empty line stays, `;` comments a name out
        "docs/snippets/note.md\n;docs/snippets/code.py\n\ndocs/snippets/missing.md\n"
        '--8<-- "docs/snippets/code.py"\n'  # a one-line snippet inside a block is ignored
        "--8<--\n"
        ';--8<-- "docs/snippets/note.md"\n'  # escaped: shown without its `;`
        '--8<-- "docs/snippets/note.md" \n'  # a space after the name: no snippet, text
        "\t--8<-- '../outside.md'\n"  # out of the base path: nothing
        "Na.\n"
    )
    files = {
        "mkdocs.yml": SNIPPETS_ON,
        "docs/snippets/code.py": "# --8<-- [start:main]\nprint('hoi')\n# --8<-- [end:main]\n",
        "docs/snippets/note.md": 'Een notitie.\n--8<-- "docs/snippets/note.md"\n',  # itself: not again
        "docs/blog/posts/a.md": "---\ndate: 2026-11-20\ntitle: A\n---\n" + body,
    }
    project = site(tmp_path, "mkdocs", files, 'columns = ["docs/blog/posts/*.md"]\n')
    (tmp_path / "outside.md").write_text("Geheim.\n", encoding="utf-8")
    expected = (
        "Voor.\n    print('hoi')\n    \nEen notitie.\n\n\n"
        '--8<-- "docs/snippets/note.md"\n--8<-- "docs/snippets/note.md" \nNa.\n'
    )
    assert pymdownx_snippets(tmp_path / "site", body) == expected  # the generator's own extension agrees
    assert pipeline.pick(project, dt.date(2026, 11, 23)).selection.lead.article.body == expected
    (tmp_path / "site" / "docs" / "snippets" / "note.md").unlink()
    (tmp_path / "site" / "docs" / "snippets" / "note.md").symlink_to(tmp_path / "outside.md")
    assert "Geheim" not in pipeline.pick(project, dt.date(2026, 11, 23)).selection.lead.article.body


def test_mkdocs_snippets_that_include_each_other_over_and_over_stop_at_a_thousand_files(tmp_path: Path) -> None:
    files = {
        "mkdocs.yml": SNIPPETS_ON,
        "b.md": '--8<-- "c.md"\n' * 1000,  # a million files' worth from a page of a thousand lines
        "c.md": "bom\n",
        "docs/blog/posts/a.md": "---\ndate: 2026-11-20\ntitle: A\n---\n" + '--8<-- "b.md"\n' * 1000,
    }
    project = site(tmp_path, "mkdocs", files, 'columns = ["docs/blog/posts/*.md"]\n')
    body = pipeline.pick(project, dt.date(2026, 11, 23)).selection.lead.article.body
    assert body.count("bom") == 999  # b.md once, then c.md until MAX_SNIPPETS


def test_an_mkdocs_snippet_line_stays_as_written_where_the_site_does_not_enable_snippets(tmp_path: Path) -> None:
    files = {
        "mkdocs.yml": "site_name: S\nsite_url: https://s.example.org/\nplugins:\n  - blog\nmarkdown_extensions:\n  - toc\n",
        "docs/note.md": "Een notitie.\n",
        "docs/blog/posts/a.md": '---\ndate: 2026-11-20\ntitle: A\n---\nVoor.\n\n--8<-- "docs/note.md"\n',
    }
    project = site(tmp_path, "mkdocs", files, 'columns = ["docs/blog/posts/*.md"]\n')
    body = pipeline.pick(project, dt.date(2026, 11, 23)).selection.lead.article.body
    assert body == 'Voor.\n\n--8<-- "docs/note.md"\n'  # what MkDocs shows without pymdownx.snippets


def pymdownx_snippets(folder: Path, body: str) -> str:
    """What pymdownx.snippets (MkDocs' Markdown extension, from PyPI) makes of ``body``, run from ``folder``."""
    import markdown as python_markdown

    converter = python_markdown.Markdown(
        extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": {"base_path": [str(folder)]}}
    )
    return "\n".join(converter.preprocessors["snippet"].run(body.split("\n")))


def test_a_byline_in_markdown_is_a_name_a_link_and_a_role() -> None:
    written = "[Patrice Chalin](https://github.com/chalin) ([CNCF](https://www.cncf.io/)), for the [Committee](/psc)"
    assert byline(written) == ("Patrice Chalin", "https://github.com/chalin", "CNCF, for the Committee")
    assert byline("Michael Lippautz ([@mlippautz](https://twitter.com/mlippautz))") == ("Michael Lippautz", "", "@mlippautz")
    assert byline("Seth Thompson, WebAssembly Wrangler") == ("Seth Thompson, WebAssembly Wrangler", "", "")


def test_a_reference_link_without_its_definition_keeps_its_text(tmp_path: Path) -> None:
    body = "Lees [het verslag][verslag] en [de agenda][agenda].\n\n`a[i][j]` blijft.\n\n[agenda]: https://x.example.org/agenda\n"
    files = {"_config.yml": "url: https://blog.example.org\n", "_posts/2026-11-02-a.md": post("A", "2026-11-02") + body}
    project = site(tmp_path, "jekyll", files)
    lead = pipeline.pick(project, dt.date(2026, 11, 3)).selection.lead.article
    assert "Lees het verslag en [de agenda][agenda]." in lead.body and "`a[i][j]` blijft." in lead.body


def test_javascript_literals_are_read_without_running_them() -> None:
    values, unread = exported("export default { a: [1, 'b', {c: null}], d: x => x, e: `t`, f: `${g}`, ...h, 'i': true }")
    assert (values, unread) == ({"a": [1, "b", {"c": None}], "e": "t", "i": True}, ["d", "f", "..."])
    assert constants('const title = "T";\nconst draft = true;\nconst date = new Date();\n') == (
        {"title": "T", "draft": True},
        ["date"],
    )
    assert exported("module.exports = " + "{a:" * 100 + "1" + "}" * 100) == ({}, [])  # nested too deep: nothing


def test_init_from_writes_the_sites_language_zone_https_address_and_name(tmp_path: Path) -> None:
    site_folder = tmp_path / "site"
    (site_folder / "_posts").mkdir(parents=True)
    (site_folder / "_config.yml").write_text(
        "title: 'Vereniging Voorbeeld: het nieuws van de vereniging en haar leden'\nurl: http://vereniging.example.nl\n"
        "lang: nl\ntimezone: America/Curacao\n",
        encoding="utf-8",
    )
    (site_folder / "_posts" / "2026-11-02-a.md").write_text(post("A", "2026-11-02"), encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path / "brief"), "--from", str(site_folder), "--json"])
    assert result.exit_code == 0, result.output
    settings = (tmp_path / "brief" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    for line in (
        'name = "Vereniging Voorbeeld"',
        'base_url = "https://vereniging.example.nl"',
        'locale = "nl"',
        'timezone = "America/Curacao"',
        "authors = []",
    ):
        assert f"\n{line}" in settings, line
    assert json.loads(result.stdout)["columns"] == 1


def test_init_from_says_a_pelican_sites_restructuredtext_is_left_out(tmp_path: Path) -> None:
    # getpelican/pelican-blog: 21 of its 22 files are .rst; init saw one post and said nothing of the rest
    files = {
        "pelicanconf.py": 'SITEURL = "https://blog.example.org"\nPATH = "content"\n',
        "content/news/namespace-plugins.md": "Title: Namespace plugins\nDate: 2020-11-02\n\nTekst.\n",
        "content/news/pelican-4.7.rst": "Pelican 4.7\n###########\n\n:date: 2021-10-01\n\nText.\n",
        "content/pages/not-found.rst": "Not found\n#########\n",
    }
    result = runner.invoke(app, ["init", str(tmp_path / "brief"), "--from", str(write_site(tmp_path, files)), "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert (found["columns"], found["assumed"]) == (
        1,
        ["2 reStructuredText files in content/ are left out: nieuwsbrief reads Pelican's Markdown only"],
    )


def test_init_from_names_the_newsletter_by_the_short_form_a_long_site_name_ends_with(tmp_path: Path) -> None:
    # EESSI/docs: the whole name made the text part's first line 91 characters, and C-34 stopped every compose
    files = {
        "mkdocs.yml": (
            "site_name: European Environment for Scientific Software Installations (EESSI)\n"
            "site_url: https://eessi.example.io/docs/\nplugins:\n  - blog\n"
        ),
        "docs/blog/posts/isc24.md": "---\ndate: 2024-05-17\n---\n\n# A promo tour in Hamburg\n\nWe were there.\n",
    }
    result = runner.invoke(app, ["init", str(tmp_path / "brief"), "--from", str(write_site(tmp_path, files))])
    assert result.exit_code == 0, result.output
    settings = (tmp_path / "brief" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert '\nname = "EESSI"' in settings
    composed = runner.invoke(app, ["--project", str(tmp_path / "brief"), "compose", "--date", "2024-05-20"])
    assert composed.exit_code == 0, composed.output


def test_init_from_says_which_eleventy_data_files_compute_addresses_or_dates_in_javascript(tmp_path: Path) -> None:
    # equk/11ty-equk computes its permalinks, verlok/blog-11ty its permalinks and dates through a module in _data/
    files = {
        "eleventy.config.js": 'export const config = { dir: { input: "src", data: "../_data" } };\n',
        "_data/metadata.js": 'export default { url: "https://blog.example.org/" };\n',
        "_data/blogComputed.js": (
            'export default {\n  tags: ["posts"],\n  eleventyComputed: {\n'
            '    date: (data) => new Date(data.page.filePathStem.split("/")[2].split("_")[0]),\n'
            "    permalink: (data) => `/${data.lang}/blog/${data.page.fileSlug}/`,\n  },\n};\n"
        ),
        "src/blog/blog.11tydata.js": 'import blogComputed from "../../_data/blogComputed.js";\nexport default blogComputed;\n',
        "src/posts/posts.11tydata.js": (
            "export default {\n  tags: ['posts'],\n  eleventyComputed: {\n"
            "    permalink(data) {\n      return `${data.page.fileSlug}/`\n    },\n  },\n}\n"
        ),
        "src/posts/2026-11-02-open-dag.md": post("Open dag", "2026-11-02"),
    }
    result = runner.invoke(app, ["init", str(tmp_path / "brief"), "--from", str(write_site(tmp_path, files)), "--json"])
    assert result.exit_code == 0, result.output
    # a permalink function that only returns a template string of the page's data is read (tests/test_eleventy_sites.py)
    assert json.loads(result.stdout)["assumed"] == [
        "src/blog/blog.11tydata.js computes the dates in JavaScript, which nieuwsbrief does not run: dates come from "
        "the front matter or the file name alone",
    ]
    loaded = pipeline.load_project(tmp_path / "brief", cache=False)
    assert [a.url for a in loaded.content.articles if a.slug == "open-dag"] == ["https://blog.example.org/open-dag/"]


def test_init_from_reads_the_eleventy_configuration_its_package_json_names(tmp_path: Path) -> None:
    files = {
        "package.json": '{"scripts": {"build": "npx @11ty/eleventy --config=_build/eleventy.js --quiet"}}\n',
        "_build/eleventy.js": 'export default config => ({ dir: { data: "data", output: "." } });\n',
        "data/site.json": '{"domain": "https://werkplaats.example.nl"}\n',
        "blog/2026-11-02-open-dag.md": post("Open dag", "2026-11-02"),
    }
    result = runner.invoke(app, ["init", str(tmp_path / "brief"), "--from", str(write_site(tmp_path, files))])
    assert result.exit_code == 0, result.output
    settings = (tmp_path / "brief" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert '\nbase_url = "https://werkplaats.example.nl"' in settings


def test_init_from_finds_hugo_authors_in_the_data_folder_its_module_mounts_name(tmp_path: Path) -> None:
    files = {  # as the Bootstrap blog: every folder mounted from src/, data/ included
        "hugo.yaml": HUGO_MOUNTED_FROM_SRC,
        "src/content/posts/2026/a.md": post("A", "2026-11-02", "author: mdo\n"),
        "src/data/authors.yml": "mdo:\n  name: Mark Otto\n  twitter: mdo\n",
        "data/authors.yml": "mdo:\n  name: Not Mounted\n",  # Hugo reads no data/ once a data mount is declared
    }
    result = runner.invoke(app, ["init", str(tmp_path / "brief"), "--from", str(write_site(tmp_path, files))])
    assert result.exit_code == 0, result.output
    settings = (tmp_path / "brief" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert '\nauthors = ["src/data/authors.{toml,yaml,yml,json}"]' in settings
    content = pipeline.load_project(tmp_path / "brief", cache=False).content
    assert [content.authors[a.author].name for a in content.articles] == ["Mark Otto"]


HUGO_MOUNTED_FROM_SRC = """\
baseURL: https://blog.example.org
module:
  mounts:
    - {source: src/content, target: content}
    - {source: src/data, target: data}
    - {source: node_modules/bootstrap/scss, target: assets/scss/bootstrap}
"""


def test_a_glob_that_finds_nothing_and_a_site_without_pieces_are_errors_not_a_quiet_week(tmp_path: Path) -> None:
    files = {"hugo.toml": 'baseURL = "https://blog.example.org/"\n', "content/posts/leeg.md": "Geen front matter.\n"}
    for columns, expected in (
        (
            '["content/posts/*.md", "content/blog/*.md"]',
            "[content] columns: 'content/blog/*.md' matches no file in site/; "
            "write a glob under the site's folder that finds its files",
        ),
        (
            '["content/posts/*.md"]',
            "no piece of the site can be featured: the globs find no page nieuwsbrief reads (see the warnings); "
            "check [content] columns and articles, and the warnings for the pages",
        ),
    ):
        project = site(tmp_path, "hugo", files, f"columns = {columns}\n")
        compose = runner.invoke(app, ["--project", str(project), "compose", "--date", "2026-11-23"])
        assert compose.exit_code == 1  # never 3, "nothing new", which cron reads as a quiet week
        errors = [line.replace(f"{project}/", "") for line in compose.stderr.splitlines() if ": error: " in line]
        assert errors == [f"nieuwsbrief.toml:10:11: error: {expected}"]


def test_eleventy_reads_no_module_from_a_sibling_folder_whose_name_begins_like_the_sites(tmp_path: Path) -> None:
    from nieuwsbrief.content.generators.eleventy import _configuration_text

    site, sibling = tmp_path / "site", tmp_path / "site2"
    site.mkdir()
    sibling.mkdir()
    (site / "eleventy.config.js").write_text('const a = require("./plugin");\nconst b = require("../site2/geheim");\n')
    (site / "plugin.js").write_text("// the site's own plugin\n")
    (sibling / "geheim.js").write_text("// not the site's\n")
    assert (
        _configuration_text(site)
        == 'const a = require("./plugin");\nconst b = require("../site2/geheim");\n\n// the site\'s own plugin\n'
    )


def test_jekyll_reads_the_last_of_a_key_written_twice_as_ruby_does(tmp_path: Path) -> None:
    # ruby-lang.org's ja/news/_posts/2024-03-21-buffer-overread-cve-2024-27280.md: the English title, then the Japanese
    files = {
        "_config.yml": "url: https://www.ruby-lang.org\n",
        "_posts/2024-03-21-cve.md": '---\ntitle: "CVE: in English"\ntitle: "CVE: 日本語"\n---\nテキスト。\n',
    }
    loaded = pipeline.load_project(site(tmp_path, "jekyll", files), cache=False)
    assert [a.title for a in loaded.content.articles] == ["CVE: 日本語"]
    assert [p.render() for p in loaded.warnings if "duplicate" in p.message] == [
        "site/_posts/2024-03-21-cve.md:3:1: warning: duplicate key 'title': jekyll reads the last one, and so does "
        "nieuwsbrief; remove one of the two 'title:' lines"
    ]


def test_jekyll_relative_links_turns_a_link_to_another_posts_file_into_its_address(tmp_path: Path) -> None:
    # crystal-lang.org: `[Two and a half years ago](2024-02-09-84codes-manas-mt.md)` in a post, which the site's
    # jekyll-relative-links (with `collections: true`) makes the post's address; the issue linked to .../x.md
    config = "url: https://blog.voorbeeld.nl\nplugins: [jekyll-relative-links]\nrelative_links:\n  collections: true\n"
    files = {
        "_config.yml": config,
        "_posts/2024-02-09-oud.md": "---\ntitle: Oud\n---\n\nHet oude stuk.\n",
        "_posts/2026-07-12-nieuw.md": (
            "---\ntitle: Nieuw\n---\n\n[Eerder](2024-02-09-oud.md#begin), [vooraf](/over.md) en [elders](niets.md).\n\n"
            "[ref]: ../_posts/2024-02-09-oud.md\n"
        ),
        "over.md": "---\ntitle: Over\n---\n\nOver ons.\n",
    }
    project = site(tmp_path, "jekyll", files, 'columns = ["_posts/*.md"]\n')
    lead = pipeline.pick(project, dt.date(2026, 7, 13)).selection.lead.article
    assert "[Eerder](https://blog.voorbeeld.nl/2024/02/09/oud.html#begin)" in lead.body
    assert "[vooraf](https://blog.voorbeeld.nl/over.html)" in lead.body
    assert "[ref]: https://blog.voorbeeld.nl/2024/02/09/oud.html" in lead.body
    assert "(niets.md)" in lead.body  # no such file: the plugin leaves the link as it is

    # without `collections: true` the plugin converts the links of pages only, and without the plugin none
    for settings in ("url: https://blog.voorbeeld.nl\nplugins: [jekyll-relative-links]\n", "url: https://blog.voorbeeld.nl\n"):
        (tmp_path / "site" / "_config.yml").write_text(settings, encoding="utf-8")
        lead = pipeline.pick(project, dt.date(2026, 7, 13)).selection.lead.article
        assert "[Eerder](2024-02-09-oud.md#begin)" in lead.body


def test_hugo_reads_the_configuration_files_in_folders_under_config_default(tmp_path: Path) -> None:
    # falco.org: config/_default/module/module.yaml mounts content/en at content, which Hugo reads (it walks the
    # folder, each file's name its key); nieuwsbrief read only the files at the top and gave /en/blog/x/ addresses
    files = {
        "config/_default/hugo.yaml": "baseURL: https://falco.example.org\n",
        "config/_default/module/module.yaml": "mounts:\n  - source: content/en\n    target: content\n",
        "config/_default/extra/hugo.yaml": "permalinks:\n  blog: /nieuws/:slug/\n",
        "content/en/blog/een.md": post("Een", "2026-01-01"),
    }
    project = site(tmp_path, "hugo", files, 'columns = ["content/en/blog/*.md"]\n')
    assert articles(project)["een"][0] == "https://falco.example.org/nieuws/een/"


def test_a_hugo_ref_by_a_pages_name_alone_finds_it_anywhere_as_hugo_does(tmp_path: Path) -> None:
    # falco.org: {{< ref "falcoctl-install-manage-rules-plugins" >}} in a bundle, naming a bundle beside it; Hugo
    # finds a page by its name alone when one page has it (checked with Hugo 0.168), nieuwsbrief kept the text only
    files = {
        "hugo.yaml": "baseURL: https://falco.example.org\n",
        "content/blog/a/index.md": post("A", "2026-01-02")
        + '\n[b]({{< ref "b" >}}), [x]({{< ref "x" >}}), [y]({{< ref "y" >}})\n',
        "content/blog/b/index.md": post("B", "2026-01-01"),
        "content/other/x.md": post("X", "2026-01-01"),
        "content/one/y.md": post("Y", "2026-01-01"),
        "content/two/y.md": post("Y", "2026-01-01"),  # two pages named y: Hugo calls the ref ambiguous
    }
    project = site(tmp_path, "hugo", files, 'columns = ["content/blog/*/index.md"]\n')
    lead = pipeline.pick(project, dt.date(2026, 1, 5)).selection.lead.article
    assert "[b](https://falco.example.org/blog/b/)" in lead.body
    assert "[x](https://falco.example.org/other/x/)" in lead.body
    assert "[y](" not in lead.body
