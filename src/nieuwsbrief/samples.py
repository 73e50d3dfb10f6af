"""The files `nieuwsbrief init` writes: commented settings, and the locale's sample column, article and author.

The sample texts live in locales/<code>/init/: the column explains the tool to whoever composes it first, so the
first issue is useful rather than lorem ipsum. Original text, written for nieuwsbrief.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from .locales import CODES, every_locale, locale

_SETTINGS = """\
# nieuwsbrief settings. Change the values to your own; scripts rely on the names, so keep those.
# `nieuwsbrief check` validates this file and points at the line of any mistake.

[newsletter]
name = {name}\t# in the header and as the From name
base_url = "{base_url}"\t# your site: every link and image becomes absolute
from = {sender}\t# the sender: an address on a domain you send from
# reply_to = "{reply_to}"\t# where replies go (optional)
postal_address = "{address}"\t# the law wants a postal address in every commercial email
locale = "{locale}"\t# {codes}: the labels and dates
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

# Sending by SMTP (nieuwsbrief send): uncomment the block and fill it in. The login lives only in the
# environment: NIEUWSBRIEF_SMTP_USERNAME and NIEUWSBRIEF_SMTP_PASSWORD.
# [smtp]
# host = "smtp.{smtp_domain}"\t# your mail provider's SMTP server
# port = 587\t# 587 for starttls, 465 for ssl
# security = "starttls"\t# starttls, ssl or none
# list_address = "{list_address}"\t# the address that reaches your whole list

[brand]\t# how the email, the web archive and the proof look; check refuses colours that read below 4.5:1
# logo = "assets/logo.png"\t# a PNG, JPG or GIF in this folder (or an https:// address); default: the name in type
accent = "#8a1c45"\t# links, labels, rules and the button; dark mode gets a lighter one of the same hue
# font = "sans"\t# serif (default) or sans
# align = "left"\t# the masthead: center (default) or left

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


def placeholder_addresses() -> set[str]:
    """The postal addresses init writes: nobody's real address."""
    return {each.init["address"] for each in every_locale()}


def sample_pieces() -> dict[str, str]:
    """slug -> title of the sample column and article init writes, in every locale."""
    pieces = {}
    for each in every_locale():
        for kind in ("column", "article"):
            title = re.search(r'^title: "([^"]*)"$', each.samples[kind], re.MULTILINE)
            assert title is not None  # the sample texts are ours
            pieces[each.init[kind]] = title.group(1)
    return pieces


def sample_bios() -> tuple[str, ...]:
    """The first sentence of each sample author's bio: a bio that still holds it was never replaced."""
    return tuple(each.samples["author"].split("---\n", 2)[2].split(": ", 1)[0] for each in every_locale())


def sample_date(today: dt.date) -> dt.date:
    """The sample pieces' date: the Sunday before today's ISO week, so that the first issue can lead with the
    sample column, and any column the editor writes from this week on is newer and leads instead."""
    return today - dt.timedelta(days=today.weekday() + 1)


def project_files(code: str, name: str, today: dt.date) -> dict[str, str]:
    """Relative path -> text of every file of a new project, settings first."""
    values = {**_values(code), "name": name, "today": sample_date(today).isoformat()}
    values["role"] = _toml_string(values["role"].format(name=name))  # also a valid YAML string
    quoted_name = _toml_string(name)
    sender = _toml_string(_mailbox(name, values["sender"]))
    settings = _SETTINGS.format(
        **{**values, "name": quoted_name, "sender": sender},
    )
    texts = {key: text.format(**values) for key, text in locale(code).samples.items()}  # README.md too, in the locale
    return {
        "nieuwsbrief.toml": _align_comments(settings),
        f"content/columns/{values['column']}.md": texts["column"],
        f"content/articles/{values['article']}.md": texts["article"],
        f"content/authors/{values['author']}.md": texts["author"],
        ".gitignore": _GITIGNORE,
        "README.md": texts["readme"],
    }


_SITE_SETTINGS = """\
# nieuwsbrief settings for the {generator} site in {root}: written by `nieuwsbrief init --from`.
# Change the values to your own; `nieuwsbrief check` validates this file and points at the line of any mistake.

[newsletter]
name = {name}\t# in the header and as the From name
base_url = "{base_url}"\t# {base_url_note}
from = {sender}\t# the sender: an address on a domain you send from
postal_address = "{address}"\t# the law wants a postal address in every commercial email
locale = "{locale}"\t# {codes}: the labels and dates
timezone = "{timezone}"\t# the site's: its dates are read in it, and the send moment is shown in it

[brand]\t# how the email, the web archive and the proof look; check refuses colours that read below 4.5:1
# logo = "assets/logo.png"\t# a PNG, JPG or GIF in this folder (or an https:// address); default: the name in type
accent = "#8a1c45"\t# links, labels, rules and the button; dark mode gets a lighter one of the same hue
# font = "sans"\t# serif (default) or sans
# align = "left"\t# the masthead: center (default) or left

[selection]
related_count = 3\t# related articles under the lead column

[links]
unsubscribe = "{base_url}/{unsubscribe}"\t# your ESP's or your own unsubscribe page
unsubscribe_mailto = "mailto:{mailto}"\t# also in List-Unsubscribe: some mail programs use only this
archive_url = "{base_url}/{archive}"\t# where you publish issues/
# article_url = "{base_url}/{{slug}}/"\t# set it only to override the addresses the site gives its pages

{content}
"""


def site_files(code: str, name: str, base_url: str, generator: str, root: str, content: str, timezone: str) -> dict[str, str]:
    """The files `init --from` writes beside a site: settings (with ``content``, the [content] section) and .gitignore."""
    values = {**_values(code), "generator": generator, "root": root, "content": content, "timezone": timezone}
    note = "the site's address, from its own configuration" if base_url else "your site's address: change it"
    values |= {"base_url": base_url or values["base_url"], "base_url_note": note}
    settings = _SITE_SETTINGS.format(
        **{**values, "name": _toml_string(name), "sender": _toml_string(_mailbox(name, values["sender"]))}
    )
    return {"nieuwsbrief.toml": _align_comments(settings), ".gitignore": _GITIGNORE}


def _values(code: str) -> dict[str, str]:
    """What the settings and the sample texts are filled in with: the locale's [init] values and its web addresses."""
    found = locale(code)
    domain = found.init["sender"].rpartition("@")[2]
    smtp = {"smtp_domain": domain, "list_address": f"list@{domain}"}
    return {**found.init, **found.paths, **smtp, "locale": code, "codes": " or ".join(CODES)}


def _mailbox(name: str, address: str) -> str:
    """Name <address>, the name quoted when it holds a character an address reads (a dot, a comma: "KubeVirt.io")."""
    if re.search(r'[()<>@,;:\\".\[\]]', name):
        name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{name} <{address}>"


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
