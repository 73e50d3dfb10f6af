"""The files `nieuwsbrief init` writes: commented settings, one column, article and author, per locale.

The sample column explains the tool to whoever composes it first, so the first issue is useful
rather than lorem ipsum. Original text, written for nieuwsbrief.
"""

from __future__ import annotations

import datetime as dt
import json
import re

DEFAULT_NAME = {"nl": "Mijn nieuwsbrief", "en": "My Newsletter"}

# Per locale: the values that differ between a Dutch and an English project.
_LOCALE = {
    "nl": {
        "base_url": "https://www.example.nl",
        "address": "Voorbeeldstraat 1, 1234 AB Utrecht",
        "sender": "nieuwsbrief@example.nl",
        "reply_to": "redactie@example.nl",
        "mailto": "afmelden@example.nl",
        "timezone": "Europe/Amsterdam",
        "archive": "nieuwsbrief/",
        "unsubscribe": "nieuwsbrief/afmelden",
        "utm_source": "nieuwsbrief",
        "author": "sanne-de-vries",
        "category": "Ondernemen",
        "related_label": "Meer om te lezen",
        "column": "welkom-bij-je-eerste-nummer",
        "article": "een-goede-onderwerpregel-schrijven",
        "role": "Redacteur van {name}",
    },
    "en": {
        "base_url": "https://www.example.com",
        "address": "1 Example Street, London N1 1AA",
        "sender": "newsletter@example.com",
        "reply_to": "editors@example.com",
        "mailto": "unsubscribe@example.com",
        "timezone": "Europe/London",
        "archive": "newsletter/",
        "unsubscribe": "newsletter/unsubscribe",
        "utm_source": "newsletter",
        "author": "alex-morgan",
        "category": "Business",
        "related_label": "More to read",
        "column": "welcome-to-your-first-issue",
        "article": "writing-a-good-subject-line",
        "role": "Editor of {name}",
    },
}

_SETTINGS = """\
# nieuwsbrief settings. Change the values to your own; scripts rely on the names, so keep those.
# `nieuwsbrief check` validates this file and points at the line of any mistake.

[newsletter]
name = {name}\t# in the header and as the From name
base_url = "{base_url}"\t# your site: every link and image becomes absolute
from = {sender}\t# the sender: an address on a domain you send from
# reply_to = "{reply_to}"\t# where replies go (optional)
postal_address = "{address}"\t# the law wants a postal address in every commercial email
locale = "{locale}"\t# nl or en: the labels and dates
timezone = "{timezone}"\t# the send moment in the .eml and the feed
send_time = "07:00"
# why = "..."\t# the footer's "why you get this"; default: one sentence

[selection]
related_count = 3\t# related articles under the lead column
words_per_minute = 250\t# for the reading time

[links]
unsubscribe = "{base_url}/{unsubscribe}"\t# your ESP's or your own unsubscribe page
unsubscribe_mailto = "mailto:{mailto}"\t# also in List-Unsubscribe: some mail programs use only this
archive_url = "{base_url}/{archive}"\t# where you publish issues/; "view in your browser" opens <archive_url><id>/
article_url = "{base_url}/{{slug}}/"\t# the web page of a piece; {{slug}} and {{type}} are filled in
# view_online = "https://..."\t# only to send readers somewhere else than the archive

[utm]
enabled = true\t# utm_source, utm_medium, utm_campaign (issue id), utm_content (slot)
source = "{utm_source}"
medium = "email"

[new]\t# defaults for `nieuwsbrief new`
author = "{author}"
# category = "{category}"

[labels]\t# override any label of the email, e.g.
# related = "{related_label}"
"""

_GITIGNORE = """\
# nieuwsbrief: keep issues/ in version control (it is the send ledger); these are scratch files.
issues/.lock
issues/**/.tmp-*
.nieuwsbrief/
.venv/
"""

_README = """\
# {title}

A newsletter made with nieuwsbrief. Each issue leads with the newest column and adds the
articles that fit it best.

```
nieuwsbrief.toml    settings: name, sender, links, locale
content/columns/    one column leads each issue
content/articles/   the related pieces under it
content/authors/    one file per author; the text is the bio
issues/             what compose wrote; keep it in version control
```

Every week:

```sh
nieuwsbrief new column "The title"    # then write it; it starts as a draft
nieuwsbrief publish the-title          # when it is ready to go out
nieuwsbrief check                     # every problem with its file and line
nieuwsbrief pick --explain            # what this week's issue will feature, and why
nieuwsbrief compose                   # writes issues/<week>/: issue.html, issue.txt, issue.eml
```

Open `issues/<week>/issue.html` in a browser to preview the email, and `issues/index.html`
for the archive. `nieuwsbrief COMMAND --help` explains every option.
"""

_TEXTS = {
    "nl": {
        "column": """\
---
title: "Welkom bij je eerste nummer"
slug: {column}
date: {today}
category: "{category}"
author: {author}
tags: [nieuwsbrief, schrijven]
summary: "Zo werkt je nieuwe nieuwsbrief: één column bovenaan, de artikelen die erbij passen eronder, elke week opnieuw."
related: [{article}]
---
Dit is de column waarmee {name} opent. Hij staat in `content/columns/` en is een gewoon Markdown-bestand: bovenaan een blok met gegevens tussen twee regels met drie streepjes, daaronder de tekst.

Elke week kiest nieuwsbrief de nieuwste column die nog niet eerder is verstuurd. Daaronder komen de artikelen uit `content/articles/` die er het best bij passen: eerst wat je zelf onder `related:` zet, daarna stukken met dezelfde tags of dezelfde categorie.

## Een nieuwe column

Laat het typwerk over aan nieuwsbrief: `nieuwsbrief new column "Mijn eerste echte column"` maakt een bestand met de datum van vandaag, een nette slug en de auteur al ingevuld. Het begint als concept (`draft: true`), zodat er nooit per ongeluk een half stuk de deur uit gaat. Haal die regel weg als je tevreden bent.

## Bekijken

`nieuwsbrief compose` schrijft het nummer van deze week naar `issues/`. Open daar `issue.html` in je browser om de e-mail te zien zoals je lezers hem krijgen. Vervang daarna deze column door je eigen tekst.
""",
        "article": """\
---
title: "Een goede onderwerpregel schrijven"
slug: {article}
date: {today}
category: "{category}"
tags: [nieuwsbrief, schrijven]
---
De onderwerpregel is het eerste wat je lezer ziet, en vaak het enige. Nieuwsbrief gebruikt de titel van de column als onderwerp; wil je iets anders, zet dan `subject:` in de column.

- Houd hem kort: zestig tekens is genoeg.
- Beloof wat de column waarmaakt, en niet meer.
- Laat hoofdletters en uitroeptekens weg: daar struikelen spamfilters over.

De tekst die in de inbox naast het onderwerp staat, komt uit `summary:` of uit de eerste alinea. Begin dus met een zin die nieuwsgierig maakt.
""",
        "author": """\
---
name: "Sanne de Vries"
role: {role}
---
Dit is de bio van de auteur: het blok onder de column. Vervang deze tekst door een paar zinnen over wie de auteur is en waarover ze schrijft. Maak een nieuwe auteur met `nieuwsbrief new author "Voornaam Achternaam"`.
""",
    },
    "en": {
        "column": """\
---
title: "Welcome to your first issue"
slug: {column}
date: {today}
category: "{category}"
author: {author}
tags: [newsletter, writing]
summary: "How your new newsletter works: one column at the top, the articles that fit it below, every week."
related: [{article}]
---
This is the column that opens {name}. It lives in `content/columns/` and is a plain Markdown file: a block of details between two lines of three dashes at the top, the text below.

Every week nieuwsbrief picks the newest column that has not gone out before. Below it come the articles from `content/articles/` that fit it best: first the ones you list under `related:`, then pieces with the same tags or the same category.

## A new column

Leave the typing to nieuwsbrief: `nieuwsbrief new column "My first real column"` makes a file with today's date, a clean slug and the author filled in. It starts as a draft (`draft: true`), so a half-written piece never goes out by accident. Remove that line when you are happy with it.

## Previewing

`nieuwsbrief compose` writes this week's issue to `issues/`. Open `issue.html` there in your browser to see the email as your readers will. Then replace this column with your own text.
""",
        "article": """\
---
title: "Writing a good subject line"
slug: {article}
date: {today}
category: "{category}"
tags: [newsletter, writing]
---
The subject line is the first thing your reader sees, and often the only thing. nieuwsbrief uses the column's title as the subject; for something else, set `subject:` in the column.

- Keep it short: sixty characters are plenty.
- Promise what the column delivers, and no more.
- Leave out capitals and exclamation marks: spam filters trip over them.

The text beside the subject in the inbox comes from `summary:` or from the first paragraph. So open with a sentence that makes people curious.
""",
        "author": """\
---
name: "Alex Morgan"
role: {role}
---
This is the author's bio: the box below the column. Replace this text with a few sentences about who the author is and what they write about. Add another author with `nieuwsbrief new author "First Last"`.
""",
    },
}


def placeholder_addresses() -> set[str]:
    """The postal addresses init writes: nobody's real address."""
    return {values["address"] for values in _LOCALE.values()}


def sample_pieces() -> dict[str, str]:
    """slug -> title of the sample column and article init writes, in every locale."""
    pieces = {}
    for locale, texts in _TEXTS.items():
        for kind in ("column", "article"):
            title = re.search(r'^title: "([^"]*)"$', texts[kind], re.MULTILINE)
            assert title is not None  # the sample texts are ours
            pieces[_LOCALE[locale][kind]] = title.group(1)
    return pieces


def sample_bios() -> tuple[str, ...]:
    """The first sentence of each sample author's bio: a bio that still holds it was never replaced."""
    return tuple(texts["author"].split("---\n", 2)[2].split(": ", 1)[0] for texts in _TEXTS.values())


def sample_date(today: dt.date) -> dt.date:
    """The sample pieces' date: the Sunday before today's ISO week, so that the first issue can lead with the
    sample column, and any column the editor writes from this week on is newer and leads instead."""
    return today - dt.timedelta(days=today.weekday() + 1)


def project_files(locale: str, name: str, today: dt.date) -> dict[str, str]:
    """Relative path -> text of every file of a new project, settings first."""
    values = {**_LOCALE[locale], "locale": locale, "name": name, "today": sample_date(today).isoformat()}
    values["role"] = _toml_string(values["role"].format(name=name))  # also a valid YAML string
    quoted_name = _toml_string(name)
    sender = _toml_string(f"{name} <{values['sender']}>")
    settings = _SETTINGS.format(
        **{**values, "name": quoted_name, "sender": sender},
    )
    texts = {key: text.format(**values) for key, text in _TEXTS[locale].items()}
    return {
        "nieuwsbrief.toml": _align_comments(settings),
        f"content/columns/{values['column']}.md": texts["column"],
        f"content/articles/{values['article']}.md": texts["article"],
        f"content/authors/{values['author']}.md": texts["author"],
        ".gitignore": _GITIGNORE,
        "README.md": _README.format(title=name),
    }


_SITE_SETTINGS = """\
# nieuwsbrief settings for the {generator} site in {root}: written by `nieuwsbrief init --from`.
# Change the values to your own; `nieuwsbrief check` validates this file and points at the line of any mistake.

[newsletter]
name = {name}\t# in the header and as the From name
base_url = "{base_url}"\t# {base_url_note}
from = {sender}\t# the sender: an address on a domain you send from
postal_address = "{address}"\t# the law wants a postal address in every commercial email
locale = "{locale}"\t# nl or en: the labels and dates
timezone = "{timezone}"\t# the send moment in the .eml and the feed

[selection]
related_count = 3\t# related articles under the lead column

[links]
unsubscribe = "{base_url}/{unsubscribe}"\t# your ESP's or your own unsubscribe page
unsubscribe_mailto = "mailto:{mailto}"\t# also in List-Unsubscribe: some mail programs use only this
archive_url = "{base_url}/{archive}"\t# where you publish issues/
# article_url = "{base_url}/{{slug}}/"\t# set it only to override the addresses the site gives its pages

{content}
"""


def site_files(locale: str, name: str, base_url: str, generator: str, root: str, content: str) -> dict[str, str]:
    """The files `init --from` writes beside a site: settings (with ``content``, the [content] section) and .gitignore."""
    values = {**_LOCALE[locale], "locale": locale, "generator": generator, "root": root, "content": content}
    note = "the site's address, from its own configuration" if base_url else "your site's address: change it"
    values |= {"base_url": base_url or values["base_url"], "base_url_note": note}
    settings = _SITE_SETTINGS.format(
        **{**values, "name": _toml_string(name), "sender": _toml_string(f"{name} <{values['sender']}>")}
    )
    return {"nieuwsbrief.toml": _align_comments(settings), ".gitignore": _GITIGNORE}


def _toml_string(text: str) -> str:
    # A JSON string is a valid TOML basic string: quotes, backslashes and control characters escaped.
    return json.dumps(text, ensure_ascii=False)


def _align_comments(text: str) -> str:
    """Line up the comments that follow a tab in the template, whatever the length of the values."""
    lines = []
    for line in text.split("\n"):
        code, tab, comment = line.partition("\t")
        lines.append(f"{code.ljust(_COMMENT_COLUMN - 1)} {comment}" if tab else line)
    return "\n".join(lines)


_COMMENT_COLUMN = 46
