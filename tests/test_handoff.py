"""An issue once it leaves the building: frozen after an export or a send, and handed over in a shape a real list
survives (merge syntax in the editor's text, one-click unsubscribe only per reader, UTM tags on in-body links,
nothing init left in place)."""

from __future__ import annotations

import datetime as dt
import email
import json
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

from typer.testing import CliRunner

from nieuwsbrief.cli import app
from nieuwsbrief.selection import issue_id_for

from .conftest import SENDING_SETTINGS, ProjectFactory, cli_env, column
from .servers import SmtpServer
from .test_smtp import smtp_settings

runner = CliRunner()
DATE = "2026-11-23"


def run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["--project", str(root), *args], env=cli_env())


def compose(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return run(root, "compose", "--date", DATE, *args)


def test_an_exported_issue_is_frozen_and_a_forced_rewrite_keeps_its_export(make_project: ProjectFactory) -> None:
    root = make_project(settings=SENDING_SETTINGS)  # its own domain: export refuses example.nl
    assert compose(root).exit_code == 0
    assert run(root, "export", "--esp", "mailchimp").exit_code == 0
    assert run(root, "issues").stdout == "2026-W48  2026-11-23  exported  tweede-column\n"
    same = compose(root)
    assert (same.exit_code, same.stdout.splitlines()[0]) == (
        0,
        "unchanged 2026-W48 (number 1): it was exported (issues/2026-W48/export/ holds mailchimp.eml, mailchimp.html, "
        "mailchimp.json, mailchimp.txt), and composing it again changes nothing",
    )
    # A newer column that week: the lead would change under marketing's feet.
    (root / "content/columns/nieuwer.md").write_text(column("Nieuwer", "2026-11-22"), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (root / "issues/2026-W48").iterdir() if p.is_file()}
    refused = compose(root)
    assert (refused.exit_code, refused.stdout) == (6, "")
    assert refused.stderr == (
        "nieuwsbrief: issue 2026-W48 was exported (issues/2026-W48/export/ holds mailchimp.eml, mailchimp.html, "
        "mailchimp.json, mailchimp.txt), so it is frozen: composing it again would change lead tweede-column -> nieuwer; "
        "related-1 over-prijzen -> over-klanten; related-2 over-klanten -> over-prijzen; the bytes of index.html, "
        "issue.eml, issue.html, issue.txt. Nothing was written; compose --force rewrites it\n"
    )
    assert {p.name: p.read_bytes() for p in (root / "issues/2026-W48").iterdir() if p.is_file()} == before
    exported = (root / "issues/2026-W48/export/mailchimp.html").read_bytes()
    forced = compose(root, "--force")
    assert forced.exit_code == 0, forced.output
    assert f"{root}/issues/2026-W48/export: warning: still holds the export of the version before this compose " in forced.stderr
    assert "mailchimp.txt); run nieuwsbrief export 2026-W48 again before handing the issue over\n" in forced.stderr
    assert (root / "issues/2026-W48/export/mailchimp.html").read_bytes() == exported  # never deleted silently
    assert json.loads((root / "issues/2026-W48/manifest.json").read_text(encoding="utf-8"))["lead"]["slug"] == "nieuwer"


def test_an_issue_that_went_out_as_a_test_is_frozen_too(make_project: ProjectFactory) -> None:
    with SmtpServer() as server:
        root = make_project(settings=smtp_settings(server.port))
        assert compose(root).exit_code == 0
        assert run(root, "send", "--test", "redactie@testbrief.nl").exit_code == 0
    assert run(root, "issues").stdout == "2026-W48  2026-11-23  tested    tweede-column\n"
    (root / "content/columns/nieuwer.md").write_text(column("Nieuwer", "2026-11-22"), encoding="utf-8")
    refused = compose(root)
    assert refused.exit_code == 6
    assert refused.stderr.startswith(
        "nieuwsbrief: issue 2026-W48 went out as a test to redactie@testbrief.nl, so it is frozen: composing it again "
        "would change lead tweede-column -> nieuwer; "
    )


def test_a_real_send_refuses_what_init_left_in_place_but_a_test_may_go(tmp_path: Path, today: dt.date) -> None:
    week = issue_id_for(today)
    with SmtpServer() as server:
        assert runner.invoke(app, ["init", str(tmp_path / "site")]).exit_code == 0
        root = tmp_path / "site"
        settings = root / "nieuwsbrief.toml"
        smtp = f'\n[smtp]\nhost = "127.0.0.1"\nport = {server.port}\nsecurity = "none"\nlist_address = "lijst@testbrief.nl"\n'
        settings.write_text(settings.read_text(encoding="utf-8") + smtp, encoding="utf-8")
        assert run(root, "compose").exit_code == 0
        assert run(root, "send", "--test", "redactie@testbrief.nl").exit_code == 0
        for attempt in (("send",), ("send", "--yes")):  # the dry run says the same as the real one
            refused = run(root, *attempt)
            assert refused.exit_code == 1
            hint = "put your own there: an example domain reaches no reader, and export and send refuse it"
            assert refused.stderr.splitlines() == [
                f"{root}/content/articles/een-goede-onderwerpregel-schrijven.md:1:1: error: issue {week} features the "
                "sample article een-goede-onderwerpregel-schrijven from nieuwsbrief init; put your own text in it, or compose "
                f"issue {week} again with --exclude een-goede-onderwerpregel-schrijven",
                f"{root}/content/authors/sanne-de-vries.md:1:1: error: issue {week} carries the sample author bio "
                "from nieuwsbrief init; write the author's own bio, then compose the issue again",
                f"{root}/content/columns/welkom-bij-je-eerste-nummer.md:1:1: error: issue {week} features the sample "
                "column welkom-bij-je-eerste-nummer from nieuwsbrief init; put your own text in it, or compose issue "
                f"{week} again with --exclude welkom-bij-je-eerste-nummer",
                f"{root}/nieuwsbrief.toml:6:12: error: newsletter.base_url still uses the example domain www.example.nl; {hint}",
                f"{root}/nieuwsbrief.toml:7:8: error: newsletter.from still uses the example domain example.nl; {hint}",
                f"{root}/nieuwsbrief.toml:9:18: error: newsletter.postal_address is still the sample address 'Voorbeeldstraat "
                "1, 1234 AB Utrecht'; put your own there: the law wants a real one in every commercial email, and "
                "export and send refuse this one",
                f"{root}/nieuwsbrief.toml:20:15: error: links.unsubscribe still uses the example domain www.example.nl; {hint}",
                f"{root}/nieuwsbrief.toml:21:22: error: links.unsubscribe_mailto still uses the example domain example.nl; {hint}",
                f"{root}/nieuwsbrief.toml:22:15: error: links.archive_url still uses the example domain www.example.nl; {hint}",
                f"{root}/nieuwsbrief.toml:23:15: error: links.article_url still uses the example domain www.example.nl; {hint}",
                f"nieuwsbrief: issue {week} still carries what nieuwsbrief init left in place; nothing was sent; "
                "a --test may go; 10 errors above",
            ]
        assert [r.recipients for r in server.inbox] == [["redactie@testbrief.nl"]]


def test_merge_syntax_in_the_editors_text_is_escaped_or_refused_at_its_line(make_project: ProjectFactory) -> None:
    body = "Beste {{ naam }}, dit is `*|KORTING|*` voor jou.\n\nEen tweede alinea."
    root = make_project(
        {"content/columns/tweede-column.md": column("Tweede column", "2026-11-16", "[prijzen]", body=body)}, SENDING_SETTINGS
    )
    assert compose(root).exit_code == 0
    listmonk = run(root, "export", "--esp", "listmonk")
    assert listmonk.exit_code == 0, listmonk.output
    text = (root / "issues/2026-W48/export/listmonk.txt").read_text(encoding="utf-8")
    assert 'Beste {{ "{{ naam }}" }}, dit is *|KORTING|* voor jou.' in text  # Go's templates print a quoted string as is
    html = (root / "issues/2026-W48/export/listmonk.html").read_text(encoding="utf-8")
    assert 'Beste {{ "{{ naam }}" }}, dit is <code' in html and ">*|KORTING|*</code> voor jou." in html
    brevo = run(root, "export", "--esp", "brevo")
    assert (brevo.exit_code, brevo.stderr) == (
        1,
        f"{root}/content/columns/tweede-column.md:8:7: error: '{{{{ naam }}}}' is Brevo's merge syntax: Brevo would fill it "
        "in for each reader; write it another way, or hand the issue over in another dialect; then compose it again\n"
        "nieuwsbrief: issue 2026-W48 holds text that Brevo would read as its merge tags; nothing was handed over; 1 error above\n",
    )
    mailchimp = run(root, "export", "--esp", "mailchimp")
    assert mailchimp.exit_code == 1
    assert mailchimp.stderr.startswith(
        f"{root}/content/columns/tweede-column.md:8:27: error: '*|KORTING|*' is Mailchimp's merge syntax: "
    )
    assert not (root / "issues/2026-W48/export/brevo.html").exists()


def test_the_subject_is_escaped_for_the_dialect_too(make_project: ProjectFactory) -> None:
    lead = column("Tweede column", "2026-11-16", "[prijzen]", extra='subject: "Voor {{ .Subscriber.Name }}"\n')
    root = make_project({"content/columns/tweede-column.md": lead}, SENDING_SETTINGS)
    assert compose(root).exit_code == 0
    assert run(root, "export", "--esp", "listmonk").exit_code == 0
    message = email.message_from_bytes((root / "issues/2026-W48/export/listmonk.eml").read_bytes(), policy=default)
    assert message["Subject"] == 'Voor {{ "{{ .Subscriber.Name }}" }}'
    sendgrid = run(root, "export", "--esp", "sendgrid")
    assert (sendgrid.exit_code, sendgrid.stderr.splitlines()[0]) == (
        1,
        f"{root}/content/columns/tweede-column.md:7:16: error: '{{{{ .Subscriber.Name }}}}' is SendGrid's merge syntax: "
        "SendGrid would fill it in for each reader; write it another way, or hand the issue over in another dialect; "
        "then compose it again",
    )


def test_one_click_unsubscribe_is_offered_only_with_an_address_per_reader(make_project: ProjectFactory) -> None:
    one_click = '\n[links]\nunsubscribe_one_click = "https://lijst.testbrief.nl/afmelden/[TOKEN]"\n'
    root = make_project(settings=SENDING_SETTINGS + one_click)
    result = compose(root, "--json")
    assert result.exit_code == 0, result.output
    message = email.message_from_bytes((root / "issues/2026-W48/issue.eml").read_bytes(), policy=default)
    assert isinstance(message, EmailMessage)
    assert message["List-Unsubscribe"].strip() == "<https://lijst.testbrief.nl/afmelden/[TOKEN]>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "C-37" not in [w.get("code") for w in json.loads(result.stdout)["warnings"]]
    html = (root / "issues/2026-W48/issue.html").read_text(encoding="utf-8")
    assert 'href="https://www.testbrief.nl/nieuwsbrief/afmelden"' in html  # the footer keeps the page people click


def test_in_body_links_to_the_site_get_utm_tags_and_links_elsewhere_do_not(make_project: ProjectFactory) -> None:
    body = (
        "Lees [onze prijzen](https://www.example.nl/artikelen/over-prijzen), [het blog](https://example.nl/blog?id=7), "
        "[de KvK](https://www.kvk.nl/) en [een partner](https://shop.partner.nl/a)."
    )
    skip = '\n[utm]\nskip_domains = ["partner.nl"]\n'
    root = make_project({"content/columns/tweede-column.md": column("Tweede column", "2026-11-16", body=body)})
    (root / "nieuwsbrief.toml").write_text((root / "nieuwsbrief.toml").read_text(encoding="utf-8") + skip, encoding="utf-8")
    assert compose(root).exit_code == 0
    html = (root / "issues/2026-W48/issue.html").read_text(encoding="utf-8")
    tags = "utm_source=nieuwsbrief&amp;utm_medium=email&amp;utm_campaign=2026-W48&amp;utm_content=lead-body"
    assert f'href="https://www.example.nl/artikelen/over-prijzen?{tags}"' in html
    assert f'href="https://example.nl/blog?id=7&amp;{tags}"' in html
    assert 'href="https://www.kvk.nl/"' in html and 'href="https://shop.partner.nl/a"' in html
    text = (root / "issues/2026-W48/issue.txt").read_text(encoding="utf-8")
    assert f"https://www.example.nl/artikelen/over-prijzen?{tags.replace('&amp;', '&')}" in text
    assert "https://www.kvk.nl/\n" in text
