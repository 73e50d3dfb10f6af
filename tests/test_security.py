"""Security: front matter is data, never a template; composing never touches the network; paths stay inside."""

from __future__ import annotations

import datetime as dt
import socket

import pytest

from nieuwsbrief import pipeline
from nieuwsbrief.errors import UsageError
from nieuwsbrief.templating import packaged_templates

from .conftest import ProjectFactory, column

DATE = dt.date(2026, 11, 23)


def test_front_matter_and_bodies_are_never_rendered_as_templates(make_project: ProjectFactory) -> None:
    root = make_project(
        {
            "content/columns/sjabloon.md": column(
                "{{ 7 * 7 }} {% if true %}ja{% endif %}", "2026-11-20", body="Tekst {{ lead }} <b>{{ 6*6 }}</b>"
            ),
        }
    )
    rendered = pipeline.compose(root, DATE).rendered
    assert "{{ 7 * 7 }} {% if true %}ja{% endif %}</h1>" in rendered.html
    assert "Tekst {{ lead }} <b>{{ 6*6 }}</b>" in rendered.html
    assert "{{ 7 * 7 }} {% if true %}ja{% endif %}" in rendered.text
    assert "49" not in rendered.text and "36" not in rendered.text


def test_titles_are_escaped_in_html(make_project: ProjectFactory) -> None:
    root = make_project({"content/columns/haakjes.md": column("<img src=x onerror=alert(1)>", "2026-11-20")})
    html = pipeline.compose(root, DATE).rendered.html
    assert "&lt;img src=x onerror=alert(1)&gt;</h1>" in html
    assert "<img src=x" not in html


def test_composing_never_touches_the_network(make_project: ProjectFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    head = (packaged_templates() / "partials" / "head.html.j2").read_text(encoding="utf-8")
    remote = '<link rel="stylesheet" href="https://evil.example/x.css">\n<style>@import url("https://evil.example/y.css"); p { color: #111; }</style>\n'
    root = make_project({"templates/partials/head.html.j2": head + remote})
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    html = pipeline.compose(root, DATE, no_lint=True).rendered.html  # lint flags the <link>; here only the network matters
    assert attempts == []
    assert "evil.example/x.css" in html  # left alone, never fetched (nieuwsbrief lint flags it)


def test_project_templates_override_the_packaged_ones_by_name(make_project: ProjectFactory) -> None:
    footer = (packaged_templates() / "partials" / "footer.html.j2").read_text(encoding="utf-8")
    root = make_project({"templates/partials/footer.html.j2": footer.replace("{{ footer.why }}", "Eigen voettekst.")})
    assert "Eigen voettekst." in pipeline.compose(root, DATE).rendered.html


def test_override_lead_slug_cannot_name_a_path(make_project: ProjectFactory) -> None:
    root = make_project()
    with pytest.raises(UsageError):
        pipeline.compose(root, DATE, pipeline.Overrides(lead="../../etc/passwd"))
    assert not (root / "issues" / "2026-W48").exists()
