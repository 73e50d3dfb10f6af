"""Export an archived issue for an ESP: its dialect's HTML, text, .eml and the API payload, into issues/<id>/export/."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .. import placeholders
from ..archive import Archive
from ..config import load_settings
from ..esps import find
from .outgoing import outgoing


@dataclass(frozen=True)
class ExportResult:
    issue_id: str
    esp: str
    files: dict[str, Path]


def export(project: Path, issue_id: str | None = None, esp: str | None = None) -> ExportResult:
    """Write the issue in an ESP's dialect into issues/<id>/export/: <esp>.html, .txt, .eml and the API payload."""
    settings = load_settings(project)
    target = find(esp or settings.dialect)
    archive = Archive.of(settings)
    with archive.lock():
        record = archive.select(issue_id)
        out = outgoing(settings, record, target)
        placeholders.guard(settings, record.id, record.manifest, out.text, "exported")
        files = {
            f"{target.name}.html": out.html.encode("utf-8"),
            f"{target.name}.txt": out.text.encode("utf-8"),
            f"{target.name}.eml": out.eml,
        }
        if target.api is not None:
            body = target.api.export(out, settings.accounts[target.name])
            files[f"{target.name}.json"] = (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        written = archive.write_export(record.id, files)
    return ExportResult(record.id, target.name, written)
