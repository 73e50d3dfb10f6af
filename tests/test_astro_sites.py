"""Astro's conventions as real sites nobody here wrote use them (issue 18, third round), each on a small site written
here in the site's own words: Starlight's documentation with the starlight-blog plugin (biomejs.dev, v2.tauri.app),
an integration's `base` inside the configuration, a shorthand `site,`.

The generator itself checks the fixture sites in tests/test_oracle.py.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from typer.testing import CliRunner

from nieuwsbrief import pipeline
from nieuwsbrief.cli import app
from tests.test_site_conventions import site, write_site

runner = CliRunner()


def articles(project: Path) -> dict[str, tuple[str, str, str]]:
    """slug -> (address, date, category) of what nieuwsbrief reads."""
    loaded = pipeline.load_project(project, cache=False)
    return {a.slug: (a.url, a.published.isoformat(), a.category) for a in loaded.content.articles}


# biomejs/website, cut: the starlight-blog plugin, Starlight's locales, an integration whose option is a `base`
BIOME_CONFIG = """\
import starlight from "@astrojs/starlight";
import starlightBlog from "starlight-blog";
import starlightChangelogs, { makeChangelogsSidebarLinks } from "starlight-changelogs";

const plugins = [
	starlightBlog({
		title: { en: "Blog", ja: "ブログ" },
		metrics: { readingTime: true },
	}),
	starlightChangelogs(),
];

// https://astro.build/config
export default defineConfig({
	site: "https://biome.example.dev",
	integrations: [
		starlight({
			title: "Biome",
			defaultLocale: "root",
			plugins,
			locales: { root: { label: "English", lang: "en" }, ja: { label: "日本語", lang: "ja" } },
			sidebar: [
				...makeChangelogsSidebarLinks([
					{ type: "all", base: "internals/changelog", label: "Changelog" },
				]),
			],
		}),
	],
});
"""
BIOME_CONTENT = """\
import { defineCollection } from "astro:content";
import { docsLoader, i18nLoader } from "@astrojs/starlight/loaders";
import { docsSchema, i18nSchema } from "@astrojs/starlight/schema";
import { blogSchema } from "starlight-blog/schema";
import { changelogsLoader } from "starlight-changelogs/loader";

export const collections = {
	docs: defineCollection({
		loader: docsLoader(),
		schema: docsSchema({ extend: (context) => blogSchema(context) }),
	}),
	changelogs: defineCollection({
		loader: changelogsLoader([{ base: "internals/changelog", provider: "changeset" }]),
	}),
	i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
};
"""
BIOME_POST = "---\ntitle: Biome v1.9 Anniversary Release\nauthors:\n  - conaclos\ndate: 2024-09-12\n---\n\nToday we celebrate.\n"


def test_starlights_blog_posts_are_read_at_the_address_starlight_gives_its_pages(tmp_path: Path) -> None:
    # biomejs/website: every post was https://biomejs.dev/internals/changelog/docs/blog/biome-v1-9/ (a plugin's
    # `base` taken for the site's, the collection's name for a route), where Starlight builds /blog/biome-v1-9/
    files = {
        "astro.config.ts": BIOME_CONFIG,
        "src/content.config.ts": BIOME_CONTENT,
        "src/content/docs/index.mdx": "---\ntitle: Biome\n---\n",
        "src/content/docs/guides/getting-started.md": "---\ntitle: Getting started\n---\nInstall it.\n",
        "src/content/docs/blog/biome-v1-9.md": BIOME_POST,
        "src/content/docs/blog/Roadmap 2024.md": "---\ntitle: Roadmap 2024\ndate: 2024-01-08\n---\nPlans.\n",
    }
    project = site(tmp_path, "astro", files, 'columns = ["src/content/docs/blog/**/*.md"]\n')
    assert articles(project) == {
        "biome-v1-9": ("https://biome.example.dev/blog/biome-v1-9/", "2024-09-12T00:00:00", "Blog"),
        "roadmap-2024": ("https://biome.example.dev/blog/roadmap-2024/", "2024-01-08T00:00:00", "Blog"),
    }


def test_init_reads_the_starlight_blog_and_not_the_documentation_around_it(tmp_path: Path) -> None:
    files = {
        "astro.config.ts": BIOME_CONFIG,
        "src/content.config.ts": BIOME_CONTENT,
        "src/content/docs/guides/getting-started.md": "---\ntitle: Getting started\n---\nInstall it.\n",
        "src/content/docs/blog/biome-v1-9.md": BIOME_POST,
    }
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", "--from", str(tmp_path / "site"), str(tmp_path / "project")])
    assert result.exit_code == 0, result.output
    settings = (tmp_path / "project" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert 'columns = ["src/content/docs/blog/**/*.{md,mdx}"]' in settings
    assert 'base_url = "https://biome.example.dev"' in settings
    compose = runner.invoke(app, ["--project", str(tmp_path / "project"), "compose", "--date", "2024-09-13"])
    assert compose.exit_code == 0, compose.output


def test_astro_reads_a_shorthand_site_from_the_variable_the_configuration_declares(tmp_path: Path) -> None:
    # tauri-apps/tauri-docs: `const site = 'https://v2.tauri.app';` then `defineConfig({ site, trailingSlash:
    # 'always', … })`, with the legacy content config and a blog prefix of the plugin's own
    files = {
        "astro.config.mjs": (
            "import starlight from '@astrojs/starlight';\nimport starlightBlog from 'starlight-blog';\n"
            "const site = 'https://v2.tauri.example.app';\n\n"
            "export default defineConfig({\n  site,\n  trailingSlash: 'always',\n  integrations: [\n"
            "    starlight({ plugins: [starlightBlog({ prefix: 'news', authors: {} })] }),\n  ],\n});\n"
        ),
        "src/content/config.ts": (
            "import { defineCollection } from 'astro:content';\n"
            "import { docsSchema } from '@astrojs/starlight/schema';\n\n"
            "export const collections = {\n  docs: defineCollection({\n    schema: docsSchema(),\n  }),\n};\n"
        ),
        "src/content/docs/news/tauri-1-0.md": "---\ntitle: Tauri 1.0 Release\ndate: 2022-06-19\n---\nIt is out.\n",
    }
    project = site(tmp_path, "astro", files, 'columns = ["src/content/docs/news/*.md"]\n')
    assert articles(project) == {
        "tauri-1-0": ("https://v2.tauri.example.app/news/tauri-1-0/", "2022-06-19T00:00:00", "News"),
    }


def test_astro_reads_the_site_from_a_constant_the_configuration_imports_by_name(tmp_path: Path) -> None:
    # EddyVinck/astro-engineering-blog: `import { SITE_URL } from "./src/consts";` then `site: SITE_URL,`; init
    # wrote https://www.example.com, and the route's `params: { post: entry.slug }` of the legacy collection
    files = {
        "astro.config.mjs": (
            'import { defineConfig } from "astro/config";\nimport { SITE_URL } from "./src/consts";\n\n'
            'export default defineConfig({\n  output: "hybrid",\n  site: SITE_URL,\n  integrations: [],\n});\n'
        ),
        "src/consts.ts": (
            'export const BRAND = "Acme";\nexport const SITE_TITLE = "Astro Engineering Blog";\n'
            'export const SITE_URL = "https://engineering.example.app";\n'
        ),
        "src/content/config.ts": (
            'import { defineCollection, z } from "astro:content";\n\nconst blog = defineCollection({\n'
            "  schema: ({ image }) =>\n    z.object({\n      title: z.string(),\n"
            "      pubDate: z\n        .string()\n        .or(z.date())\n        .transform((val) => new Date(val)),\n"
            "    }),\n});\n\nexport const collections = { blog };\n"
        ),
        "src/pages/blog/[post].astro": (
            '---\nexport const getStaticPaths: GetStaticPaths = async () => {\n  const posts = await getCollection("blog");\n'
            "  return posts\n    .filter((post) => post.data.draft === false)\n"
            "    .map((entry) => ({\n      params: { post: entry.slug },\n      props: { entry },\n    }));\n};\n---\n"
        ),
        "src/content/blog/first-post.md": '---\nid: "first-post"\ntitle: "First post"\npubDate: "Jul 08 2022"\n---\nTekst.\n',
    }
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", "--from", str(tmp_path / "site"), str(tmp_path / "project")])
    assert result.exit_code == 0, result.output
    settings = (tmp_path / "project" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert 'base_url = "https://engineering.example.app"' in settings
    assert articles(tmp_path / "project") == {
        "first-post": ("https://engineering.example.app/blog/first-post/", "2022-07-08T00:00:00", "Blog")
    }


def test_starlights_asides_give_way_to_their_title_and_text(tmp_path: Path) -> None:
    # Starlight renders `:::note` … `:::` as an aside titled "Note", `:::caution[Heads up]` with its own title; a
    # line that goes on after the label is no container for remark-directive, and stays as the site shows it
    post = (
        "---\ntitle: VS Code extension V3\ndate: 2025-04-29\n---\n\nIntro.\n\n"
        ":::caution[Heads up for pre-release users]\nThe setting is removed.\n:::\n\n"
        ":::tip\nUse workspaces.\n:::\n\n:::note[inline] Written on one line. :::\n"
    )
    files = {
        "astro.config.ts": BIOME_CONFIG,
        "src/content.config.ts": BIOME_CONTENT,
        "src/content/docs/blog/biome-vscode-v3.md": post,
    }
    project = site(tmp_path, "astro", files, 'columns = ["src/content/docs/blog/*.md"]\n')
    lead = pipeline.pick(project, dt.date(2025, 4, 30)).selection.lead.article
    assert lead.body == (
        "Intro.\n\n**Heads up for pre-release users**  \nThe setting is removed.\n\n\n"
        "**Tip**  \nUse workspaces.\n\n\n:::note[inline] Written on one line. :::\n"
    )


def test_a_date_the_schema_takes_as_a_string_or_a_date_is_the_posts_date(tmp_path: Path) -> None:
    # cassidoo/blahg: `added: z.union([z.string(), z.date()])`, routed at /post/[slug] by `post.data.slug`; every
    # post was left out for "no date"
    files = {
        "astro.config.mjs": 'export default defineConfig({\n\tsite: "https://blahg.example.app",\n});\n',
        "src/content.config.ts": (
            'import { defineCollection, z } from "astro:content";\n\nimport { glob } from "astro/loaders";\n\n'
            "const posts = defineCollection({\n"
            '\tloader: glob({ pattern: "*.md", base: "./posts" }),\n'
            "\tschema: z.object({\n\t\ttitle: z.string(),\n\t\tslug: z.string(),\n"
            "\t\tadded: z.union([z.string(), z.date()]),\n"
            "\t\tupdated: z.union([z.string(), z.date()]).optional(),\n\t}),\n});\n\n"
            "export const collections = { posts };\n"
        ),
        "src/pages/post/[slug].astro": (
            '---\nimport { getCollection, render } from "astro:content";\n\nexport async function getStaticPaths() {\n'
            '\tlet posts = await getCollection("posts");\n\treturn posts.map((post) => {\n\t\treturn {\n'
            "\t\t\tparams: { slug: post.data.slug },\n\t\t\tprops: { post },\n\t\t};\n\t});\n}\n---\n"
        ),
        "posts/markdown-example.md": (
            '---\ntitle: Markdown Example\nslug: markdown\ntags:\n  - personal\nadded: "May 09 2024"\n---\nTekst.\n'
        ),
    }
    project = site(tmp_path, "astro", files)
    assert articles(project) == {
        "markdown": ("https://blahg.example.app/post/markdown/", "2024-05-09T00:00:00", "Posts"),
    }


def test_a_raised_letter_stays_part_of_its_word_in_the_word_check(tmp_path: Path) -> None:
    # EddyVinck/astro-engineering-blog's markdown-style-guide.md (Astro's own blog example's, whole):
    # `X<sup>n</sup> + Y<sup>n</sup> = Z<sup>n</sup>`; C-44 read the HTML's "X n" against the Markdown's "Xn" and
    # stopped the issue with "nieuwsbrief lost 3 words"
    files = {
        "astro.config.mjs": "export default defineConfig({ site: 'https://engineering.example.app' });\n",
        "src/content/config.ts": "const blog = defineCollection({ schema: z.object({ pubDate: z.coerce.date() }) });\nexport const collections = { blog };\n",
        "src/content/blog/markdown-style-guide.md": (
            "---\ntitle: Markdown Style Guide\npubDate: 'Jul 01 2022'\n---\n\n## Other elements\n\n"
            "X<sup>n</sup> + Y<sup>n</sup> = Z<sup>n</sup>\n\nH<sub>2</sub>O, and a note.[^1]\n\n[^1]: The note.\n"
        ),
    }
    project = site(tmp_path, "astro", files)
    result = runner.invoke(app, ["--project", str(project), "compose", "--date", "2022-07-02"])
    assert result.exit_code == 0, result.output
    assert "C-44" not in result.output


def test_a_starlight_blog_in_the_default_locales_folder_is_read_there_and_not_in_its_translations(tmp_path: Path) -> None:
    # Starlight without a root locale keeps every language in its own folder (docs/en/, docs/fr/): the blog is the
    # default locale's, at /en/blog/…; its translations are not pieces of their own
    files = {
        "astro.config.mjs": (
            "import starlight from '@astrojs/starlight';\nimport starlightBlog from 'starlight-blog';\n"
            "export default defineConfig({\n  site: 'https://docs.example.org',\n  integrations: [starlight({\n"
            "    title: 'Docs', defaultLocale: 'en',\n    locales: { en: { label: 'English' }, fr: { label: 'Français' } },\n"
            "    plugins: [starlightBlog()],\n  })],\n});\n"
        ),
        "src/content.config.ts": (
            "import { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\n"
            "export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n"
        ),
        "src/content/docs/en/blog/release.md": "---\ntitle: Release\ndate: 2025-03-01\n---\nOut now.\n",
        "src/content/docs/fr/blog/release.md": "---\ntitle: Publication\ndate: 2025-03-01\n---\nDisponible.\n",
    }
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", "--from", str(tmp_path / "site"), str(tmp_path / "project")])
    assert result.exit_code == 0, result.output
    settings = (tmp_path / "project" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert 'columns = ["src/content/docs/en/blog/**/*.{md,mdx}"]' in settings
    assert articles(tmp_path / "project") == {
        "release": ("https://docs.example.org/en/blog/release/", "2025-03-01T00:00:00", "Blog"),
    }


def test_the_starlight_blogs_authors_are_read_from_the_configuration(tmp_path: Path) -> None:
    # biomejs/website: `starlightBlog({ authors: { conaclos: { name: "Victorien Elvinger", … } } })`, and posts that
    # name `authors: [conaclos, team]`; the byline read "By conaclos"
    config = BIOME_CONFIG.replace(
        "\t\tmetrics: { readingTime: true },\n",
        "\t\tmetrics: { readingTime: true },\n\t\tauthors: {\n\t\t\tconaclos: {\n"
        '\t\t\t\tname: "Victorien Elvinger",\n\t\t\t\turl: "https://bsky.app/profile/conaclos.bsky.social",\n\t\t\t},\n'
        '\t\t\tteam: {\n\t\t\t\tname: "Biome Core Team, Biome Maintainers",\n\t\t\t},\n\t\t},\n',
    )
    files = {
        "astro.config.ts": config,
        "src/content.config.ts": BIOME_CONTENT,
        "src/content/docs/blog/biome-v1-9.md": BIOME_POST.replace("  - conaclos\n", "  - conaclos\n  - team\n"),
    }
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", "--from", str(tmp_path / "site"), str(tmp_path / "project")])
    assert result.exit_code == 0, result.output
    assert 'authors = ["astro.config.ts"]' in (tmp_path / "project" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    loaded = pipeline.load_project(tmp_path / "project", cache=False).content
    assert [(a.slug, a.author) for a in loaded.articles] == [("biome-v1-9", "conaclos")]
    assert (loaded.authors["conaclos"].name, loaded.authors["conaclos"].url) == (
        "Victorien Elvinger",
        "https://bsky.app/profile/conaclos.bsky.social",
    )


CASSETTAS_CONFIG = """\
import { defineConfig } from "astro/config";

export default defineConfig({
  i18n: {
    defaultLocale: "it",
    locales: ["it", "en"],
    routing: {
      prefixDefaultLocale: true,
    },
  },
  site: "http://www.cassettas.example.xyz/",
});
"""
CASSETTAS_ROUTE = """\
---
import { getCollection } from "astro:content";
import { formatSlug } from "@lib/utils";

export async function getStaticPaths() {
\tconst posts = (await getCollection("blog"))
\t\t.filter((post) => !post.data.draft && post.data.language === "it")
\t\t.sort((a, b) => b.data.date.valueOf() - a.data.date.valueOf());
\treturn posts.map((post) => ({
\t\tparams: { slug: formatSlug(post.id) },
\t\tprops: post,
\t}));
}
---
"""


def test_astro_i18n_reads_one_piece_per_translation_in_the_newsletters_language(tmp_path: Path) -> None:
    # criscass/the-cassettas-blog: src/content/blog/it/post-00050/index.md and en/post-00050/index.md are one post in
    # Italian and English (i18n locales it and en); both were read, an issue could hold a post and its translation,
    # and their colliding slugs became src-content-blog-it-post-00050
    def post(title: str, language: str) -> str:
        return (
            f'---\ntitle: "{title}"\ndescription: "x"\ndate: "2026-04-14"\ndraft: false\nlanguage: "{language}"\n---\n\nTekst.\n'
        )

    files = {
        "astro.config.mjs": CASSETTAS_CONFIG,
        "src/content.config.ts": (
            "import { defineCollection, z } from 'astro:content';\nimport { glob } from 'astro/loaders';\n\n"
            "const blog = defineCollection({\n"
            "    loader: glob({ pattern: '**/[^_]*.{md,mdx}', base: \"./src/content/blog\" }),\n"
            "    schema: z.object({ title: z.string(), date: z.coerce.date(), language: z.string() }),\n});\n\n"
            "export const collections = { blog };\n"
        ),
        "src/pages/en/[...slug].astro": CASSETTAS_ROUTE.replace(' && post.data.language === "it"', ""),
        "src/pages/it/[...slug].astro": CASSETTAS_ROUTE,
        "src/content/blog/it/post-00050/index.md": post("Che fatica traslocare", "it"),
        "src/content/blog/en/post-00050/index.md": post("Moving is hard work", "en"),
    }
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", str(tmp_path / "nb"), "--from", str(tmp_path / "site")])
    assert result.exit_code == 0, result.output
    loaded = pipeline.load_project(tmp_path / "nb", cache=False)
    assert [(a.slug, a.title, a.language, a.url) for a in loaded.content.articles] == [  # the newsletter's locale, en
        ("post-00050", "Moving is hard work", "en", "https://www.cassettas.example.xyz/en/en/post-00050/")
    ]


def test_astro_i18n_gives_a_post_the_route_under_its_own_locales_folder(tmp_path: Path) -> None:
    # the-cassettas-blog: src/pages/en/[...slug].astro renders every post, src/pages/it/[...slug].astro the Italian
    # ones; an Italian post was read at /en/it/post-00050/ (the English page around it), an English one at /en/en/…
    def post(title: str, language: str) -> str:
        return f'---\ntitle: "{title}"\ndescription: "x"\ndate: "2026-04-14"\nlanguage: "{language}"\n---\n\nTekst.\n'

    files = {
        "astro.config.mjs": CASSETTAS_CONFIG,
        "src/content.config.ts": (
            "import { defineCollection, z } from 'astro:content';\nimport { glob } from 'astro/loaders';\n\n"
            "const blog = defineCollection({\n"
            "    loader: glob({ pattern: '**/[^_]*.{md,mdx}', base: \"./src/content/blog\" }),\n"
            "    schema: z.object({ title: z.string(), date: z.coerce.date(), language: z.string() }),\n});\n\n"
            "export const collections = { blog };\n"
        ),
        "src/pages/en/[...slug].astro": CASSETTAS_ROUTE.replace(' && post.data.language === "it"', ""),
        "src/pages/it/[...slug].astro": CASSETTAS_ROUTE,
        "src/content/blog/it/post-00050/index.md": post("Che fatica traslocare", "it"),
        "src/content/blog/en/post-00050/index.md": post("Moving is hard work", "en"),
    }
    urls = {}
    for language in ("it", "en"):
        project = site(tmp_path / language, "astro", files, f'columns = ["src/content/blog/**/*.md"]\nlanguage = "{language}"\n')
        (article,) = pipeline.load_project(project, cache=False).content.articles
        urls[language] = article.url
    assert urls == {
        "it": "https://www.cassettas.example.xyz/it/it/post-00050/",
        "en": "https://www.cassettas.example.xyz/en/en/post-00050/",
    }


# candostdagdeviren/candost.blog-astro, cut: the site is a `let` the configuration sets to the dev server's address
# and, when the build runs (`npm run build`), to the published one; every route takes its collection through a
# helper that is given the collection's name (`getCollectionByName("posts")`, `getCollection(name)` inside)
CANDOST_FILES = {
    "astro.config.mjs": (
        "import {defineConfig} from 'astro/config';\n\nconst SERVER_PORT = 4321;\n"
        'const LOCALHOST_URL = `http://localhost:${SERVER_PORT}`;\nconst LIVE_URL = "https://candost.example.blog";\n'
        'const SCRIPT = process.env.npm_lifecycle_script || "";\nconst isBuild = SCRIPT.includes("astro build");\n'
        "let BASE_URL = LOCALHOST_URL;\nif (isBuild) {\n  BASE_URL = LIVE_URL;\n}\n\n"
        "export default defineConfig({\n  site: BASE_URL,\n  server: {\n    port: SERVER_PORT\n  },\n  output: 'static',\n});\n"
    ),
    "src/content.config.ts": (
        'import { defineCollection, z } from "astro:content";\nimport { glob } from "astro/loaders";\n\n'
        "const contentCollection = (name: string) =>\n  defineCollection({\n"
        '    loader: glob({ pattern: "**/[^_]*.{md,mdx}", base: `./src/content/${name}` }),\n'
        "    schema: z.object({ title: z.string(), date: z.date() }),\n  });\n\n"
        'const posts = contentCollection("posts");\nconst notes = contentCollection("notes");\n\n'
        "export const collections = {\n  notes,\n  posts,\n};\n"
    ),
    "src/utils/getCollectionByName.ts": (
        'import { getCollection, type DataEntryMap } from "astro:content";\n\n'
        "export const getCollectionByName = async (name: keyof DataEntryMap) => {\n"
        "  const posts = await getCollection(name);\n  return posts ?? [];\n};\n"
    ),
    "src/pages/[...slug].astro": (
        '---\nimport { getCollectionByName } from "../utils/getCollectionByName";\n\n'
        "export async function getStaticPaths() {\n"
        '  const blogEntries = await getCollectionByName("posts");\n'
        "  return blogEntries.map((entry) => ({\n    params: { slug: entry.id },\n    props: { entry },\n  }));\n}\n---\n"
    ),
    "src/pages/notes/[...slug].astro": (
        '---\nimport { getCollectionByName } from "../../utils/getCollectionByName";\n\n'
        "export async function getStaticPaths() {\n"
        '  const notes = await getCollectionByName("notes");\n'
        "  return notes.map((entry) => ({\n    params: { slug: entry.id },\n    props: { entry },\n  }));\n}\n---\n"
    ),
    "src/content/posts/overcoming-content-overload.md": (
        '---\ntitle: "Overcoming Content Overload"\ndate: 2026-01-20T09:05:00.000Z\n---\nTekst.\n'
    ),
    "src/content/notes/a-note.md": '---\ntitle: "A note"\ndate: 2025-03-01\n---\nTekst.\n',
}


def test_astro_reads_the_published_site_of_a_variable_the_build_sets_and_not_the_dev_servers(tmp_path: Path) -> None:
    write_site(tmp_path, CANDOST_FILES)
    result = runner.invoke(app, ["init", "--from", str(tmp_path / "site"), str(tmp_path / "project")])
    assert result.exit_code == 0, result.output
    settings = (tmp_path / "project" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert 'base_url = "https://candost.example.blog"' in settings


def test_astro_routes_a_collection_a_helper_is_given_by_name_at_that_routes_page(tmp_path: Path) -> None:
    write_site(tmp_path, CANDOST_FILES)
    project = site(tmp_path, "astro", {}, 'columns = ["src/content/**/*.md"]\n')
    assert articles(project) == {  # in the settings' zone (Europe/Amsterdam)
        "a-note": ("https://candost.example.blog/notes/a-note/", "2025-03-01T00:00:00", "Notes"),
        "overcoming-content-overload": (
            "https://candost.example.blog/overcoming-content-overload/",
            "2026-01-20T10:05:00",
            "Posts",
        ),
    }


def test_astro_reads_a_site_title_with_an_apostrophe_whole(tmp_path: Path) -> None:
    # candost.blog: src/consts.ts `export const site = { title: "Candost's Blog", … }`; init wrote name = "Candost"
    files = {**CANDOST_FILES, "src/consts.ts": 'export const site = {\n  title: "Candost\'s Blog", // required\n};\n'}
    write_site(tmp_path, files)
    result = runner.invoke(app, ["init", "--from", str(tmp_path / "site"), str(tmp_path / "project")])
    assert result.exit_code == 0, result.output
    settings = (tmp_path / "project" / "nieuwsbrief.toml").read_text(encoding="utf-8")
    assert 'name = "Candost\'s Blog"' in settings


def test_brackets_and_parentheses_in_code_are_code_and_not_an_empty_link(tmp_path: Path) -> None:
    # candost.blog's generics-in-swift.md: `var items = [Food]()` in a swift fence (and `[Item]()` inline); check
    # warned "the link 'Food' has no address", and the code in the issue lost its brackets
    post = (
        '---\ntitle: "Generics in Swift"\ndate: 2017-04-18\n---\n\nThe storage keeps its items in `[Item]()`.\n\n'
        "```swift\nstruct SwiftRestaurantStorage: Storage {\n  typealias Item = Food\n  var items = [Food]()\n}\n```\n"
    )
    files = {**CANDOST_FILES, "src/content/posts/generics-in-swift.md": post}
    write_site(tmp_path, files)
    project = site(tmp_path, "astro", {}, 'columns = ["src/content/posts/*.md"]\n')
    lead = pipeline.pick(project, dt.date(2017, 4, 19)).selection.lead.article
    assert "  var items = [Food]()\n" in lead.body
    assert "`[Item]()`" in lead.body
    assert [w.render() for w in pipeline.load_project(project, cache=False).warnings if "link" in w.render()] == []
