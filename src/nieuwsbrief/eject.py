"""`nieuwsbrief templates eject [NAME]`: the packaged templates copied into the project's templates/, which take
precedence over them (templating.py), so a project owns its design without copying from site-packages.

Never over a file that is there: every file is created exclusively, and no folder or file is written through a link.
The list of templates and what each renders (docs/templates.md, by cog) comes from each one's opening comment.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .atomic import open_no_link, real_folder
from .config import SETTINGS_FILE
from .errors import UsageError, storage_error
from .templating import packaged_templates

TEMPLATES_DIR = "templates"
_OPENING = re.compile(r"\A\{#-?(.*?)-?#\}", re.DOTALL)


@dataclass(frozen=True)
class Ejected:
    """What eject did, by path under templates/."""

    copied: tuple[str, ...]
    kept: tuple[str, ...]  # there already: left as they are


def packaged_names() -> list[str]:
    """Every packaged template, as a path under templates/ ("partials/footer.html.j2")."""
    root = packaged_templates()
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*.j2"))


def chosen(name: str | None) -> list[str]:
    """The packaged templates ``name`` means: all of them; a folder of them ("partials"); or one, by its path or its
    name with or without the folder and the .j2, .html.j2 or .txt.j2 ending ("footer", "partials/footer.html.j2")."""
    every = packaged_names()
    if name is None:
        return every
    wanted = name.strip("/").removesuffix(".j2")
    found = [t for t in every if t.startswith(f"{wanted}/")] or [
        t for t in every if wanted in (t.removesuffix(".j2"), re.sub(r"\.\w+\.j2$", "", t), *_short(t))
    ]
    if not found:
        raise UsageError(f"no packaged template {name!r}; there are: {', '.join(every)}")
    return found


def _short(template: str) -> tuple[str, str]:
    """'footer' and 'footer.html' for partials/footer.html.j2."""
    file = template.rsplit("/", 1)[-1].removesuffix(".j2")
    return file, file.split(".", 1)[0]


def eject_templates(project: Path, name: str | None = None) -> Ejected:
    """Copy the packaged templates ``name`` means (see ``chosen``) into ``project``/templates/. A template asked for
    by name that the project already has is an error; with no name, those are kept and the rest copied."""
    if not (project / SETTINGS_FILE).is_file():
        raise UsageError(f"no {SETTINGS_FILE} in {project}: run it in a nieuwsbrief project, or pass --project DIR")
    copied: list[str] = []
    kept: list[str] = []
    for template in chosen(name):
        (copied if _copy(project, template) else kept).append(template)
    if name is not None and kept and not copied:
        there = ", ".join(f"{TEMPLATES_DIR}/{template}" for template in kept)
        raise UsageError(f"{there} already exists; eject never overwrites a template (rename it to eject the packaged one)")
    return Ejected(tuple(copied), tuple(kept))


def _copy(project: Path, template: str) -> bool:
    """Create templates/``template`` from the packaged one; False when something is there already."""
    shown = f"{TEMPLATES_DIR}/{template}"
    try:
        folder = real_folder(project, str(Path(shown).parent))
        handle = open_no_link(folder / Path(template).name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:  # a file, or anything else (a link, a pipe), where the template would go
        return False
    except OSError as exc:  # a link or a file where a folder should be; a folder that cannot be written
        raise storage_error(shown, exc, "write the template", project) from None
    with os.fdopen(handle, "wb") as stream:
        stream.write((packaged_templates() / template).read_bytes())
    return True


def what_each_renders() -> list[tuple[str, str]]:
    """(template, its opening comment on one line) for every packaged template."""
    root = packaged_templates()
    described = []
    for template in packaged_names():
        opening = _OPENING.match((root / template).read_text(encoding="utf-8"))
        described.append((template, " ".join(opening.group(1).split()) if opening else ""))
    return described


def _cell(text: str) -> str:
    """A table cell of Markdown: tags and template syntax as code, a pipe escaped."""
    return re.sub(r"(<[^>]+>|\{%[^%]*%\})", r"`\1`", text).replace("|", "\\|")


def templates_table() -> str:
    """docs/templates.md's table, by cog: each packaged template and what it renders."""
    rows = [f"| `{template}` | {_cell(text)} |" for template, text in what_each_renders()]
    return "| template | what it renders |\n| --- | --- |\n" + "\n".join(rows) + "\n"
