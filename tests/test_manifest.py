"""The manifest's one reader and one writer: today's bytes round trip, and every wrong shape is named exactly."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from nieuwsbrief import pipeline
from nieuwsbrief.cli import app
from nieuwsbrief.errors import ArchiveError
from nieuwsbrief.manifest import Delivery, manifest_bytes, parse_manifest

from .conftest import ProjectFactory, cli_env

GOLDEN = Path(__file__).parent / "golden"
WEEK_48 = dt.date(2026, 11, 23)
SHOWN = "issues/2026-W48/manifest.json"
# A ledger as sends leave it: an ESP's campaign id comes after the time it was asked for, and a note written
# while the send was uncertain comes before the time it was resolved.
LEDGER: list[dict[str, Any]] = [
    {
        "kind": "real",
        "channel": "brevo",
        "state": "not-sent",
        "dialect": "brevo",
        "list_id": "7",
        "requested_at": "2026-11-23T06:00:00Z",
        "campaign_id": "100",
        "note": "unconfirmed: Brevo did not answer",
        "resolved_at": "2026-11-23T09:00:00Z",
    },
    {
        "kind": "test",
        "channel": "smtp",
        "state": "sent",
        "dialect": "generic",
        "recipients": ["redactie@example.nl"],
        "campaign_id": "<2026-W48.test.20261123060000.0a1b2c3d@example.nl>",
        "requested_at": "2026-11-23T06:00:00Z",
        "confirmed_at": "2026-11-23T06:00:01Z",
    },
]


def golden_manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((GOLDEN / "sample-2026-W48/manifest.json").read_text(encoding="utf-8"))
    return data


def as_written(data: object) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


@pytest.mark.parametrize("case", sorted(path.name for path in GOLDEN.iterdir()))
def test_the_golden_manifests_read_back_and_write_the_same_bytes(case: str) -> None:
    data = (GOLDEN / case / "manifest.json").read_bytes()
    assert manifest_bytes(parse_manifest(data, SHOWN)) == data


def test_a_ledger_reads_back_and_writes_the_same_bytes_keys_in_the_order_its_history_left() -> None:
    data = as_written({**golden_manifest(), "status": "sent", "deliveries": LEDGER})
    manifest = parse_manifest(data, SHOWN)
    assert [entry.state for entry in manifest.deliveries] == ["not-sent", "sent"]
    assert manifest.deliveries[1].recipients == ("redactie@example.nl",)
    assert manifest_bytes(manifest) == data


def test_a_key_set_after_an_entry_was_written_goes_after_its_keys() -> None:
    entry = Delivery(kind="real", channel="brevo", state="pending", list_id="7", requested_at="2026-11-23T06:00:00Z")
    assert list(replace(entry, campaign_id="100").as_dict()) == [
        "kind",
        "channel",
        "state",
        "list_id",
        "requested_at",
        "campaign_id",
    ]
    fresh = Delivery(kind="real", channel="brevo", state="pending", campaign_id="100", requested_at="2026-11-23T06:00:00Z")
    assert list(fresh.as_dict()) == ["kind", "channel", "state", "campaign_id", "requested_at"]


def test_unknown_keys_are_kept_after_the_known_keys_of_their_object_and_in_place_in_a_delivery() -> None:
    data = golden_manifest()
    hand_edited: dict[str, Any] = {"notitie": "door Marloes nagekeken", **data}
    hand_edited["lead"] = {**data["lead"], "gecontroleerd": True}
    hand_edited["deliveries"] = [{**LEDGER[1], "door": "Marloes"}]
    written = json.loads(manifest_bytes(parse_manifest(as_written(hand_edited), SHOWN)))
    assert list(written)[-2:] == ["deliveries", "notitie"]
    assert list(written["lead"])[-2:] == ["reasons", "gecontroleerd"]
    assert list(written["deliveries"][0]) == [*LEDGER[1], "door"]
    assert written == hand_edited


def broken(data: dict[str, Any] | list[Any]) -> str:
    with pytest.raises(ArchiveError) as caught:
        parse_manifest(as_written(data), SHOWN)
    [problem] = caught.value.problems
    return problem.render()


def with_value(path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    """The golden manifest with a ledger, and one value put in (or, for DELETE, the key taken out)."""
    data = {**golden_manifest(), "deliveries": json.loads(json.dumps(LEDGER))}
    parent: Any = data
    for step in path[:-1]:
        parent = parent[step]
    if value is DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return data


DELETE = object()
WHERE = "issues/2026-W48/manifest.json"
RESTORE = "; restore it from version control"  # the hint, after its message


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("schema",), DELETE, "1:1: error: 'schema' is missing"),
        (("schema",), "1", "2:13: error: 'schema' must be a whole number, got '1'"),
        (("id",), DELETE, "1:1: error: 'id' is missing"),
        (("id",), 48, "3:9: error: 'id' must be text, got 48"),
        (("number",), 1.5, "4:13: error: 'number' must be a whole number, got 1.5"),
        (("number",), True, "4:13: error: 'number' must be a whole number, got true"),
        (("date",), "23-11-2026", "5:11: error: 'date' must be a date like 2026-11-23, got '23-11-2026'"),
        (("date",), "20261123", "5:11: error: 'date' must be a date like 2026-11-23, got '20261123'"),
        (("status",), "verstuurd", "6:13: error: 'status' must be one of composed, sent, got 'verstuurd'"),
        (("subject",), None, "7:14: error: 'subject' must be text, got null"),
        (("lead",), [], "9:11: error: 'lead' must be an object, got a list"),
        (("lead", "slug"), DELETE, "9:11: error: 'lead.slug' is missing"),
        (("lead", "reading_time"), "5", "16:21: error: 'lead.reading_time' must be a whole number, got '5'"),
        (("lead", "score"), "0.0", "19:14: error: 'lead.score' must be a number, got '0.0'"),
        (("lead", "reasons"), "nieuwste column", "20:16: error: 'lead.reasons' must be a list, got 'nieuwste column'"),
        (("lead", "reasons", 0), 7, "21:7: error: 'lead.reasons[0]' must be text, got 7"),
        (("related",), {}, "24:14: error: 'related' must be a list, got an object"),
        (("related", 1), "subsidies", "46:5: error: 'related[1]' must be an object, got 'subsidies'"),
        (
            ("related", 1, "date"),
            "2026-10-32",
            "51:15: error: 'related[1].date' must be a date like 2026-11-23, got '2026-10-32'",
        ),
        (("links", "lead"), None, "85:13: error: 'links.lead' must be text, got null"),
        (("inputs", "author"), "marloes", "93:15: error: 'inputs.author' must be an object or null, got 'marloes'"),
        (("inputs", "author", "path"), DELETE, "93:15: error: 'inputs.author.path' is missing"),
        (("outputs", "issue.eml"), 1, "100:18: error: 'outputs.issue.eml' must be text, got 1"),
        (("lint", "errors"), "0", "105:15: error: 'lint.errors' must be a whole number, got '0'"),
        (("settings",), "nl", "109:15: error: 'settings' must be an object, got 'nl'"),
        (("generator",), 1, "121:16: error: 'generator' must be text, got 1"),
        (("deliveries",), None, "122:17: error: 'deliveries' must be a list, got null"),
        (("deliveries", 0), "sent", "123:5: error: 'deliveries[0]' must be an object, got 'sent'"),
        (("deliveries", 0, "state"), 3, "126:16: error: 'deliveries[0].state' must be text, got 3"),
        (
            ("deliveries", 0, "state"),
            "verzonden",
            "126:16: error: 'deliveries[0].state' must be one of pending, sent, scheduled, failed, not-sent, unknown, "
            "got 'verzonden'",
        ),
        (("deliveries", 0, "kind"), "echt", "124:15: error: 'deliveries[0].kind' must be one of test, real, got 'echt'"),
        (("deliveries", 0, "requested_at"), DELETE, "123:5: error: 'deliveries[0].requested_at' is missing"),
        (("deliveries", 0, "note"), None, "131:15: error: 'deliveries[0].note' must be text, got null"),
        (
            ("deliveries", 1, "recipients"),
            "redactie@example.nl",
            "139:21: error: 'deliveries[1].recipients' must be a list, got 'redactie@example.nl'",
        ),
        (("deliveries", 1, "recipients", 0), {}, "140:9: error: 'deliveries[1].recipients[0]' must be text, got an object"),
    ],
)
def test_a_wrong_shape_is_named_by_file_place_and_key(path: tuple[str | int, ...], value: object, message: str) -> None:
    assert broken(with_value(path, value)) == f"{WHERE}:{message}{RESTORE}"


def test_a_manifest_of_another_schema_is_refused_rather_than_misread() -> None:
    assert broken({**golden_manifest(), "schema": 2}) == (
        f"{WHERE}:2:13: error: 'schema' is 2, which this nieuwsbrief cannot read (it reads schema 1); upgrade nieuwsbrief if a newer version wrote it, or restore it from version control"
    )


def test_a_manifest_that_is_not_an_object_or_not_utf8_is_unreadable() -> None:
    assert broken([]) == f"{WHERE}:1:1: error: manifest is not a JSON object{RESTORE}"
    with pytest.raises(ArchiveError) as caught:
        parse_manifest(b'{"schema": 1, "id": "\xff"}', SHOWN)
    assert [p.render() for p in caught.value.problems] == [
        f"{WHERE}: error: unreadable manifest: 'utf-8' codec can't decode byte 0xff in position 21: invalid start byte{RESTORE}"
    ]


def test_every_command_that_reads_the_archive_stops_at_a_broken_manifest(make_project: ProjectFactory) -> None:
    root = make_project()
    pipeline.compose(root, WEEK_48)
    manifest = root / "issues/2026-W48/manifest.json"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace('"status": "composed"', '"status": 1'), encoding="utf-8")
    result = CliRunner().invoke(app, ["--project", str(root), "issues"], env=cli_env())
    assert (result.exit_code, result.stderr) == (
        1,
        f"{root}/issues/2026-W48/manifest.json:6:13: error: 'status' must be text, got 1{RESTORE}\n"
        "nieuwsbrief: broken archive; 1 error above\n",
    )


def test_recomposing_keeps_the_ledger_and_the_keys_a_hand_edit_added(make_project: ProjectFactory) -> None:
    root = make_project()
    pipeline.compose(root, WEEK_48)
    manifest = root / "issues/2026-W48/manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_bytes(as_written({**data, "deliveries": [LEDGER[1]], "notitie": "nagekeken"}))
    again = pipeline.compose(root, WEEK_48)
    assert again.manifest.extra == {"notitie": "nagekeken"}
    assert [entry.as_dict() for entry in again.manifest.deliveries] == [LEDGER[1]]
