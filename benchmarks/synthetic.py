"""Deterministic synthetic newsletter projects for the benchmark: N articles that look like a real archive.

    python benchmarks/synthetic.py DIR --articles 10000
    python benchmarks/synthetic.py DIR --articles 10000 --shape hugo   # a Hugo site read with [content]

The same N always gives the same bytes (a seeded generator, no clock): 15% columns, 85% articles in
year folders, spread over twenty years before the issue date; every front-matter field the tool knows
occurs at realistic rates (a summary on 40%, an image on 30%, related picks on a third of the columns,
no reading_time: the tool computes it); bodies of 250 to 1,400 words in paragraphs with headings,
links, lists and the Dutch typography of the sample (’ “ ” – ë). Nothing is copied from real sites.

The Hugo shape is the same archive as a Hugo site that nieuwsbrief reads as it is (`[content] preset = "hugo"`,
the site in DIR/site): hugo.toml with a permalink, content/posts/<year>/ with a section page per year, a third
of the posts as page bundles (some with a cover.jpg beside them), one in ten with TOML front matter (the rest
YAML), Hugo's keys (categories and authors as lists, description, images, draft, now and then publishDate,
slug), a shortcode in one body in eight, and the authors in data/authors/*.toml.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

GENERATOR_VERSION = 2  # bump when the output changes, so cached projects are regenerated
ISSUE_DATE = dt.date(2026, 11, 23)
YEARS = 20
SETTINGS = """\
[newsletter]
name = "Ondernemen Wekelijks"
base_url = "https://www.example.nl"
from = "Ondernemen Wekelijks <nieuwsbrief@example.nl>"
reply_to = "redactie@example.nl"
postal_address = "Voorbeeldstraat 1, 1234 AB Utrecht"
locale = "nl"
timezone = "Europe/Amsterdam"
send_time = "07:00"

[selection]
related_count = 3
words_per_minute = 250
lead_max_age = 0  # the newest column leads whatever its age: the benchmark measures reading, not a quiet week

[links]
unsubscribe = "https://www.example.nl/nieuwsbrief/afmelden"
unsubscribe_mailto = "mailto:afmelden@example.nl?subject=afmelden"
view_online = "https://www.example.nl/nieuwsbrief/{id}/"
article_url = "https://www.example.nl/artikelen/{slug}"
"""

WORDS = [
    "ondernemer",
    "klant",
    "prijs",
    "marge",
    "omzet",
    "winst",
    "kosten",
    "bank",
    "lening",
    "krediet",
    "subsidie",
    "personeel",
    "werknemer",
    "team",
    "leiderschap",
    "strategie",
    "plan",
    "jaar",
    "maand",
    "week",
    "markt",
    "concurrent",
    "product",
    "dienst",
    "winkel",
    "webshop",
    "levering",
    "voorraad",
    "inkoop",
    "verkoop",
    "marketing",
    "nieuwsbrief",
    "campagne",
    "website",
    "zoekmachine",
    "advertentie",
    "review",
    "duurzaamheid",
    "energie",
    "zonnepanelen",
    "verpakking",
    "afval",
    "koffie",
    "bakkerij",
    "werkplaats",
    "kantoor",
    "thuiswerken",
    "vergadering",
    "afspraak",
    "contract",
    "factuur",
    "betaling",
    "boekhouder",
    "belasting",
    "btw",
    "aangifte",
    "administratie",
    "software",
    "automatisering",
    "gegevens",
    "privacy",
    "beveiliging",
    "wachtwoord",
    "klantenservice",
    "telefoon",
    "gesprek",
    "vertrouwen",
    "groei",
    "ambitie",
    "risico",
    "kans",
    "keuze",
    "besluit",
    "fout",
    "les",
    "ervaring",
    "advies",
    "netwerk",
    "collega",
    "familie",
    "vriend",
    "buurman",
    "gemeente",
    "provincie",
    "regio",
    "stad",
    "dorp",
    "straat",
    "pand",
    "huur",
    "verbouwing",
    "machine",
    "kwaliteit",
    "snelheid",
    "service",
    "garantie",
    "retour",
    "levertijd",
    "seizoen",
    "zomer",
    "winter",
    "drukte",
    "rust",
    "vakantie",
    "gezondheid",
    "stress",
    "balans",
    "tijd",
    "geld",
    "energie",
    "aandacht",
    "focus",
    "idee",
    "voorbeeld",
    "verhaal",
    "vraag",
    "antwoord",
]
LINKING = [
    "de",
    "het",
    "een",
    "en",
    "of",
    "maar",
    "want",
    "dus",
    "toch",
    "ook",
    "nog",
    "al",
    "wel",
    "niet",
    "nooit",
    "altijd",
    "vaak",
    "soms",
    "zelden",
    "meer",
    "minder",
    "veel",
    "weinig",
]
VERBS = [
    "is",
    "heeft",
    "wil",
    "kan",
    "moet",
    "zoekt",
    "vindt",
    "maakt",
    "bouwt",
    "verkoopt",
    "koopt",
    "vraagt",
    "geeft",
    "neemt",
    "houdt",
    "begint",
    "stopt",
]
CATEGORIES = ("Ondernemen", "Financiën", "Marketing", "Personeel", "Duurzaamheid", "Digitaal", "Retail", "Groei")
TAGS = tuple(
    [
        "klanten",
        "prijzen",
        "financiering",
        "marketing",
        "personeel",
        "leiderschap",
        "duurzaamheid",
        "digitalisering",
        "ai",
        "retail",
        "webshop",
        "groei",
        "startups",
        "export",
        "subsidies",
        "belasting",
        "administratie",
        "privacy",
        "werkgeluk",
        "thuiswerken",
        "innovatie",
        "inkoop",
        "logistiek",
        "horeca",
        "bouw",
        "zorg",
        "onderwijs",
        "familiebedrijf",
        "netwerken",
        "strategie",
    ]
)
AUTHORS = (
    "anna-de-vries",
    "bram-jansen",
    "chantal-bakker",
    "daan-visser",
    "eva-smit",
    "femke-meijer",
    "gijs-de-boer",
    "hanneke-mulder",
    "ilse-de-groot",
    "joost-bos",
    "karin-vos",
    "lars-peters",
)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) if rng.random() < 0.6 else rng.choice(LINKING) for _ in range(rng.randint(6, 18))]
    words.insert(rng.randint(1, len(words) - 1), rng.choice(VERBS))
    text = " ".join(words)
    if rng.random() < 0.08:
        text = f"‘{text}’, zegt de eigenaar"
    elif rng.random() < 0.05:
        text = text.replace(" ", " – ", 1)
    return text[0].upper() + text[1:] + rng.choice(".....?!")


def _paragraph(rng: random.Random, words: int) -> tuple[str, int]:
    sentences, count = [], 0
    while count < words:
        sentence = _sentence(rng)
        if rng.random() < 0.05:
            sentence = sentence.replace(" ", f" [{rng.choice(WORDS)}](https://www.example.nl/dossier/{rng.choice(TAGS)}) ", 1)
        sentences.append(sentence)
        count += len(sentence.split())
    return " ".join(sentences), count


def _body(rng: random.Random) -> str:
    target = rng.randint(250, 1400)
    blocks, count = [], 0
    while count < target:
        if blocks and rng.random() < 0.12:
            blocks.append(f"## {rng.choice(WORDS).capitalize()} en {rng.choice(WORDS)}")
        if blocks and rng.random() < 0.06:
            blocks.append("\n".join(f"- {_sentence(rng)}" for _ in range(rng.randint(2, 5))))
        paragraph, words = _paragraph(rng, rng.randint(40, 130))
        blocks.append(paragraph)
        count += words
    return "\n\n".join(blocks) + "\n"


def _title(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(3, 7))]
    title = " ".join(words).capitalize()
    if rng.random() < 0.2:
        title = f"Waarom {title.lower()}?!"
    elif rng.random() < 0.1:
        title = f"Zo creëer je {title.lower()}"
    return title


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _front_matter(rng: random.Random, index: int, kind: str, day: dt.date, earlier: list[str]) -> tuple[str, str]:
    title = _title(rng)
    slug = f"{'-'.join(title.lower().replace('?!', '').replace('ë', 'e').split())}-{index}"
    lines = [
        f"title: {_quote(title)}",
        f"date: {day.isoformat()}",
        f"category: {rng.choice(CATEGORIES)}",
    ]
    if kind == "column" or rng.random() < 0.5:
        lines.append(f"author: {rng.choice(AUTHORS)}")
    lines.append(f"tags: [{', '.join(sorted(rng.sample(TAGS, rng.randint(1, 3))))}]")
    if rng.random() < 0.4:
        lines.append(f"summary: {_quote(_paragraph(rng, 25)[0][:150])}")
    if rng.random() < 0.3:
        lines.append(f"image: /images/{day.year}/{slug}.jpg")
        lines.append(f"image_alt: {_quote(_sentence(rng)[:80])}")
    if kind == "column" and earlier and rng.random() < 0.33:
        lines.append(f"related: [{', '.join(rng.sample(earlier[-500:], min(len(earlier), rng.randint(1, 2))))}]")
    if rng.random() < 0.005:
        lines.append("draft: true")
    return slug, "---\n" + "\n".join(lines) + "\n---\n"


def _author_file(rng: random.Random, author: str) -> str:
    name = " ".join(part.capitalize() if part not in ("de", "van") else part for part in author.split("-"))
    bio = " ".join(_sentence(rng) for _ in range(4))
    return f"---\nname: {name}\nrole: Columnist en ondernemer\n---\n{bio}\n"


def generate(root: Path, articles: int) -> Path:
    """Write a project of ``articles`` columns and articles into ``root`` (made empty first)."""
    rng = random.Random(f"nieuwsbrief-{articles}")
    content = root / "content"
    (content / "authors").mkdir(parents=True)
    (root / "nieuwsbrief.toml").write_text(SETTINGS, encoding="utf-8")
    for author in AUTHORS:
        (content / "authors" / f"{author}.md").write_text(_author_file(rng, author), encoding="utf-8")
    span = YEARS * 365
    earlier: list[str] = []
    for index in range(articles):
        kind = "column" if index % 7 == 0 else "article"  # about 15% columns
        # Oldest first, spread evenly, the newest a day before the issue date.
        day = ISSUE_DATE - dt.timedelta(days=1 + (span * (articles - 1 - index)) // max(articles, 1))
        slug, front = _front_matter(rng, index, kind, day, earlier)
        earlier.append(slug)
        folder = content / f"{kind}s" / str(day.year)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{slug}.md").write_text(front + _body(rng), encoding="utf-8")
    # A day-old mtime: the cache does not trust files changed in the last seconds, and the first
    # runs of a benchmark come right after generation.
    stamp = time.time() - 86400
    for folder, _, files in os.walk(content):
        for name in files:
            os.utime(os.path.join(folder, name), (stamp, stamp))
    return root


HUGO_SETTINGS = (
    SETTINGS.split("[links]")[0]
    + """[links]
unsubscribe = "https://www.example.nl/nieuwsbrief/afmelden"

[content]
preset = "hugo"
root = "site"
"""
)
HUGO_CONFIG = """\
baseURL = "https://www.example.nl/"
title = "Ondernemen"
timeZone = "Europe/Amsterdam"

[permalinks]
posts = "/:year/:month/:slug/"
"""
SHORTCODES = (
    '{{{{< figure src="/images/{slug}.jpg" alt="{alt}" caption="{alt}" >}}}}',
    "{{{{< youtube {video} >}}}}",
    "{{{{< notice info >}}}}\n{alt}\n{{{{< /notice >}}}}",
)


def _hugo_front_matter(rng: random.Random, index: int, day: dt.date) -> tuple[str, str, bool]:
    """A post's folder or file name, its front matter (YAML, or TOML for one in ten), and whether it is a bundle."""
    title = _title(rng)
    slug = f"{'-'.join(title.lower().replace('?!', '').replace('ë', 'e').split())}-{index}"
    values: list[tuple[str, object]] = [("title", title), ("date", f"{day.isoformat()}T09:00:00+01:00")]
    values.append(("categories", [rng.choice(CATEGORIES)]))
    values.append(("tags", sorted(rng.sample(TAGS, rng.randint(1, 3)))))
    values.append(("authors", [rng.choice(AUTHORS)]))
    if rng.random() < 0.4:
        values.append(("description", _paragraph(rng, 25)[0][:150]))
    bundle = rng.random() < 0.33
    if not bundle and rng.random() < 0.3:
        values.append(("images", [f"/images/{day.year}/{slug}.jpg"]))
    if rng.random() < 0.1:
        values.append(("slug", slug.rsplit("-", 1)[0]))
    if rng.random() < 0.02:
        values.append(("publishDate", (day + dt.timedelta(days=3)).isoformat()))
    if rng.random() < 0.005:
        values.append(("draft", True))
    if rng.random() < 0.1:
        lines = [f"{key} = {_toml(value)}" for key, value in values]
        return slug, "+++\n" + "\n".join(lines) + "\n+++\n", bundle
    lines = [f"{key}: {_yaml(value)}" for key, value in values]
    return slug, "---\n" + "\n".join(lines) + "\n---\n", bundle


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_quote(str(item)) for item in value) + "]"
    return _quote(str(value))


def _yaml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return _quote(str(value))


def generate_hugo(root: Path, articles: int) -> Path:
    """Write a project reading a Hugo site of ``articles`` posts in ``root/site`` (made empty first)."""
    rng = random.Random(f"nieuwsbrief-hugo-{articles}")
    site = root / "site"
    (site / "data" / "authors").mkdir(parents=True)
    (root / "nieuwsbrief.toml").write_text(HUGO_SETTINGS, encoding="utf-8")
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    for author in AUTHORS:
        name = " ".join(part.capitalize() if part not in ("de", "van") else part for part in author.split("-"))
        bio = " ".join(_sentence(rng) for _ in range(4))
        (site / "data" / "authors" / f"{author}.toml").write_text(
            f'name = "{name}"\nrole = "Columnist"\nbio = {_quote(bio)}\n', encoding="utf-8"
        )
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "_index.md").write_text("---\ntitle: Artikelen\n---\nAlles wat we schreven.\n", encoding="utf-8")
    span = YEARS * 365
    for index in range(articles):
        day = ISSUE_DATE - dt.timedelta(days=1 + (span * (articles - 1 - index)) // max(articles, 1))
        slug, front, bundle = _hugo_front_matter(rng, index, day)
        folder = posts / str(day.year)
        if not folder.is_dir():
            folder.mkdir()
            (folder / "_index.md").write_text(f"---\ntitle: '{day.year}'\n---\n", encoding="utf-8")
        body = _body(rng)
        if rng.random() < 0.125:
            code = rng.choice(SHORTCODES).format(slug=slug, alt=_sentence(rng)[:60], video=f"v{index:09d}x")
            body = body.replace("\n\n", f"\n\n{code}\n\n", 1)
        if bundle:
            (folder / slug).mkdir()
            (folder / slug / "index.md").write_text(front + body, encoding="utf-8")
            if rng.random() < 0.5:
                (folder / slug / "cover.jpg").write_bytes(b"")
        else:
            (folder / f"{slug}.md").write_text(front + body, encoding="utf-8")
    stamp = time.time() - 86400
    for folder, _, files in os.walk(root):
        for name in files:
            os.utime(os.path.join(folder, name), (stamp, stamp))
    return root


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--shape", choices=("ours", "hugo"), default="ours", help="our own layout, or a Hugo site")
    args = parser.parse_args()
    if args.directory.exists() and any(args.directory.iterdir()):
        print(f"{args.directory} is not empty", file=sys.stderr)
        return 2
    (generate_hugo if args.shape == "hugo" else generate)(args.directory, args.articles)
    return 0


if __name__ == "__main__":
    sys.exit(main())
