"""The only user of jinja2: packaged default templates, overridable per project by name.

Autoescaping for HTML, StrictUndefined everywhere, and front matter is only ever data, never a template.
"""

from __future__ import annotations

import hashlib
import os
import traceback
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from markupsafe import Markup

from . import hyphenation, markdown
from .errors import Problem, TemplateError
from .keep import Keeper

HTML_TEMPLATE = "issue.html.j2"
TEXT_TEMPLATE = "issue.txt.j2"
ARCHIVE_INDEX_TEMPLATE = "archive/index.html.j2"
ARCHIVE_FEED_TEMPLATE = "archive/feed.xml.j2"
# What only the email or only its web version shows: {% filter email %}...{% endfilter %} in a template marks it, and
# render.py keeps one side's parts once the CSS of the whole is inlined (comments survive the inliner).
VARIANTS = {"email": ("<!--email-->", "<!--/email-->"), "web": ("<!--web-->", "<!--/web-->")}


def packaged_templates() -> Path:
    """Templates inside the installed wheel, or the repository's templates/ in a development install. (Beside this
    file, not through importlib.resources, whose imports cost a render a few milliseconds.)"""
    inside = Path(__file__).resolve().parent / "templates"
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parents[2] / "templates"


class Templates:
    def __init__(self, project: Path, cache: bool = True) -> None:
        self.override_dir = project / "templates"
        self.default_dir = packaged_templates()
        # The compiled templates and their parsed style sheet, kept between runs (keep.py); none with --no-cache.
        self.kept = Keeper(project) if cache else None
        search = [str(d) for d in (self.override_dir, self.default_dir) if d.is_dir()]
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(search),
            bytecode_cache=_Compiled(self.kept),
            autoescape=jinja2.select_autoescape(
                enabled_extensions=("html", "html.j2", "xml", "xml.j2"), default_for_string=False
            ),
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters["wrap"] = markdown.wrap_text
        self.env.filters["hyphenate"] = _hyphenate
        if self.kept is not None:  # the long words earlier runs hyphenated (hyphenation.py), kept beside the templates
            hyphenation.remember(self.kept.load("hyphens", "words"))
        for side, (start, end) in VARIANTS.items():
            self.env.filters[side] = lambda part, start=start, end=end: Markup(f"{start}{part}{end}")

    def render(self, name: str, context: dict[str, Any]) -> str:
        try:
            rendered = self.env.get_template(name).render(context)
            hyphens = hyphenation.learned()
            if hyphens is not None and self.kept is not None:
                self.kept.save("hyphens", "words", hyphens)
            return rendered
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError("template error", [_syntax_problem(self, exc)]) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(
                "template missing",
                [
                    Problem(
                        f"templates/{exc.name}", 0, 0, "template not found", "restore it or remove the override that includes it"
                    )
                ],
            ) from None
        except jinja2.UndefinedError as exc:
            raise TemplateError(
                "template error",
                [
                    Problem(
                        f"templates/{name}",
                        0,
                        0,
                        f"template uses an unknown value: {exc.message}",
                        "check the variable names against the default template",
                    )
                ],
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateError("template error", [_unreadable(name, exc)]) from None
        except Exception as exc:  # the template's own code failed, e.g. {{ 1 / 0 }}: a template error, at its line
            raise TemplateError("template error", [_failed(self, name, exc)]) from None

    def check(self) -> list[Problem]:
        """Compile every template, so syntax errors (and unreadable files) show up in `check` with their line."""
        problems = []
        for name in sorted(self.env.list_templates(extensions=["j2"])):
            try:
                self.env.get_template(name)
            except jinja2.TemplateSyntaxError as exc:
                problems.append(_syntax_problem(self, exc))
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(_unreadable(name, exc))
            except jinja2.TemplateNotFound:
                pass  # listed, but no regular file to read: reported below
            own = self.override_dir / name
            if os.path.lexists(own) and not own.is_file():  # Jinja passes over it: a named pipe, a broken link
                problems.append(Problem(f"templates/{name}", 0, 0, "not a regular file", "replace it with a template file"))
        return problems

    def overrides(self) -> tuple[str, ...]:
        """The project's own templates that replace packaged ones of the issue, by name."""
        own = self.env.list_templates(extensions=["j2"]) if self.override_dir.is_dir() else []
        return tuple(name for name in own if name.startswith(("issue.", "partials/")) and (self.override_dir / name).is_file())

    def fingerprint(self) -> str:
        """A hash of the templates an issue is rendered from, recorded in its manifest."""
        digest = hashlib.sha256()
        for name in sorted(self.env.list_templates(extensions=["j2"])):
            if not name.startswith(("issue.", "partials/")):
                continue  # the proof sheet and other views do not shape the issue
            source, _, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
            digest.update(name.encode() + b"\0" + source.encode() + b"\0")
        return digest.hexdigest()


def _syntax_problem(templates: Templates, exc: jinja2.TemplateSyntaxError) -> Problem:
    name = exc.name or "?"
    shown = f"templates/{name}" if (templates.override_dir / name).is_file() else f"(packaged) templates/{name}"
    return Problem(shown, exc.lineno or 0, 1, f"template syntax error: {exc.message}", "fix the Jinja syntax on this line")


def _unreadable(name: str, exc: OSError | UnicodeDecodeError) -> Problem:
    reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else exc.strerror or str(exc)
    return Problem(f"templates/{name}", 0, 0, f"cannot read the template: {reason}", "save it as UTF-8 text")


def _failed(templates: Templates, name: str, exc: Exception) -> Problem:
    """Where in a template its code failed: Jinja puts the template's own file and line in the traceback."""
    shown, line = f"templates/{name}", 0
    for frame in traceback.extract_tb(exc.__traceback__):
        path = Path(frame.filename)
        if path.suffix == ".j2":
            line = frame.lineno or 0
            inside = path.is_relative_to(templates.override_dir)
            shown = (
                f"templates/{path.relative_to(templates.override_dir).as_posix()}"
                if inside
                else f"(packaged) templates/{path.name}"
            )
    what = f"{type(exc).__name__}: {exc}"
    return Problem(shown, line, 1 if line else 0, f"the template failed: {what[:200]}", "fix the expression on this line")


# Every template compiled once per process, by file and source: each run checks and renders all of them, and a live
# proof or a long test run makes many runs in one process. A changed source has another checksum.
_CODES: dict[tuple[str, str], CodeType] = {}


class _Compiled(jinja2.BytecodeCache):
    """Jinja's bytecode cache: in this process (_CODES), and between runs in keep.py's files unless ``kept`` is None
    (--no-cache); compiling every template costs a run more than rendering them. Jinja names the bucket by the
    template's name and file, and its checksum is the source's hash."""

    def __init__(self, kept: Keeper | None) -> None:
        self.kept = kept

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        key = (bucket.key, bucket.checksum)
        found = self.kept.load("jinja", bucket.key) if self.kept is not None else None
        kept = found[2] if isinstance(found, tuple) and len(found) == 3 and found[:2] == (jinja2.__version__, key[1]) else None
        code = kept if isinstance(kept, CodeType) else _CODES.get(key)
        if code is not None:
            _CODES[key] = code
            if code is not kept:
                self._keep(bucket.key, key[1], code)  # compiled earlier in this process, not yet kept for the next run
        bucket.code = code

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if isinstance(bucket.code, CodeType):
            self._keep(bucket.key, bucket.checksum, bucket.code)

    def _keep(self, name: str, checksum: str, code: CodeType) -> None:
        _CODES[(name, checksum)] = code
        if self.kept is not None:
            self.kept.save("jinja", name, (jinja2.__version__, checksum, code))


@jinja2.pass_context
def _hyphenate(context: jinja2.runtime.Context, text: str) -> str:
    """{{ title | hyphenate }}: soft hyphens in the long words, in the language of the page (its ``lang``)."""
    return hyphenation.hyphenate(text, str(context.get("lang", "")))


def safe(html: str) -> Any:
    """Mark HTML that was already sanitized, so autoescaping leaves it as it is."""
    return Markup(html)
