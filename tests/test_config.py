"""nieuwsbrief.toml: one test per rule, each with its exact message at nieuwsbrief.toml:line:column.

The rules come from the declarations in src/nieuwsbrief/config/schema.py; the last tests keep those declarations,
Settings and the generated reference (README.md, docs/settings.md) in step.
"""

from __future__ import annotations

import ast
import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from nieuwsbrief.config import SETTINGS_FILE, Settings, SmtpSettings, load_settings
from nieuwsbrief.config.reference import REGENERATE
from nieuwsbrief.config.schema import OPTIONS, SECTIONS
from nieuwsbrief.config.settings import BrandSettings
from nieuwsbrief.errors import SettingsError
from nieuwsbrief.esps import APIS
from nieuwsbrief.locales import CODES, locale
from nieuwsbrief.options import has_kind

from .conftest import REPO

# Lines 1 to 5; what a test adds starts on line 6.
REQUIRED = """\
[newsletter]
name = "Testbrief"
base_url = "https://www.example.nl"
from = "Testbrief <nieuwsbrief@example.nl>"
postal_address = "Teststraat 1, 1234 AB Utrecht"
"""
KNOWN_SECTIONS = (
    "newsletter, selection, lead, lint, links, brand, archive, utm, esp, smtp, mailchimp, brevo, sendgrid, content, labels, new"
)
NO_ACCOUNT = {"list_id": "", "api_base": ""}  # an ESP table left out: Mailchimp's and Brevo's


def problems(project: Path, text: str) -> list[str]:
    """Every problem load_settings raises for this nieuwsbrief.toml, rendered."""
    (project / SETTINGS_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(project)
    return [problem.render() for problem in caught.value.problems]


def loaded(project: Path, text: str) -> Settings:
    (project / SETTINGS_FILE).write_text(text, encoding="utf-8")
    return load_settings(project)


def warnings(project: Path, text: str) -> list[str]:
    return [problem.render() for problem in loaded(project, text).warnings]


# ---------------------------------------------------------------- reading the file


def test_a_missing_settings_file_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(tmp_path)
    assert [p.render() for p in caught.value.problems] == [
        f"nieuwsbrief.toml: error: nieuwsbrief.toml not found in {tmp_path}; run in the project folder or pass --project DIR"
    ]


def test_a_settings_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    (tmp_path / SETTINGS_FILE).write_bytes(b'[newsletter]\nname = "Caf\xe9"\n')
    with pytest.raises(SettingsError) as caught:
        load_settings(tmp_path)
    assert [p.render() for p in caught.value.problems] == [
        "nieuwsbrief.toml:1:1: error: cannot read the settings: 'utf-8' codec can't decode byte 0xe9 in position 24: "
        "invalid continuation byte; save it as UTF-8 text"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (REQUIRED + "locale = \n", "nieuwsbrief.toml:6:10: error: invalid TOML: Invalid value"),
        ("[newsletter\n", "nieuwsbrief.toml:1:12: error: invalid TOML: Expected ']' at the end of a table declaration"),
        (REQUIRED + 'name = "Ander"\n', "nieuwsbrief.toml:6:15: error: invalid TOML: Cannot overwrite a value"),
    ],
    ids=["no value", "unclosed header", "duplicate key"],
)
def test_toml_syntax_errors_point_at_the_spot(tmp_path: Path, text: str, expected: str) -> None:
    assert problems(tmp_path, text) == [f"{expected}; see https://toml.io for the syntax"]


# ---------------------------------------------------------------- sections and keys


def test_every_required_setting_missing_is_one_problem_each(tmp_path: Path) -> None:
    assert problems(tmp_path, "[selection]\nrelated_count = 3\n") == [
        f'nieuwsbrief.toml:1:1: error: missing setting newsletter.{key}; add {key} = "..." under [newsletter]'
        for key in ("base_url", "from", "name", "postal_address")
    ]


def test_a_missing_setting_points_at_its_section(tmp_path: Path) -> None:
    text = '[selection]\nrelated_count = 3\n\n[newsletter]\nname = "T"\nbase_url = "https://x.nl"\nfrom = "a@x.nl"\n'
    assert problems(tmp_path, text) == [
        'nieuwsbrief.toml:4:1: error: missing setting newsletter.postal_address; add postal_address = "..." under [newsletter]'
    ]


def test_an_unknown_section_is_a_warning_with_the_nearest_or_the_known_ones(tmp_path: Path) -> None:
    assert warnings(tmp_path, REQUIRED + "\n[smpt]\nhost = 'x'\n") == [
        "nieuwsbrief.toml:7:1: warning: unknown section [smpt]; did you mean 'smtp'?"
    ]
    assert warnings(tmp_path, REQUIRED + "\n[xyz]\nhost = 'x'\n") == [
        f"nieuwsbrief.toml:7:1: warning: unknown section [xyz]; known sections: {KNOWN_SECTIONS}"
    ]


def test_an_unknown_setting_in_a_known_section_is_an_error_that_names_the_nearest(tmp_path: Path) -> None:
    # A mistyped key would leave its setting at a default nobody chose (enabeld = false, and the tags stay on).
    assert problems(tmp_path, REQUIRED + "\n[selection]\nrelated = 3\n") == [
        "nieuwsbrief.toml:8:11: error: unknown setting selection.related; did you mean 'related_count'?"
    ]
    assert problems(tmp_path, REQUIRED + "\n[utm]\nenabeld = false\n") == [
        "nieuwsbrief.toml:8:11: error: unknown setting utm.enabeld; did you mean 'enabled'?"
    ]


def test_an_unknown_setting_with_no_near_one_lists_the_known_ones(tmp_path: Path) -> None:
    assert problems(tmp_path, REQUIRED + "\n[mailchimp]\nsender_id = 12\n") == [
        "nieuwsbrief.toml:8:13: error: unknown setting mailchimp.sender_id; known settings in [mailchimp]: list_id, api_base"
    ]


def test_a_section_written_as_a_value_must_be_a_table(tmp_path: Path) -> None:
    assert problems(tmp_path, "selection = 3\n" + REQUIRED) == [
        "nieuwsbrief.toml:1:13: error: 'selection' must be a table; write it as [selection]"
    ]


def test_a_newsletter_that_is_not_a_table_is_one_problem(tmp_path: Path) -> None:
    assert problems(tmp_path, "newsletter = 3\n") == [
        "nieuwsbrief.toml:1:14: error: 'newsletter' must be a table; write it as [newsletter]"
    ]


# ---------------------------------------------------------------- types


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("host = 25", '8:8: error: smtp.host must be a string, got 25; for example key = "text"'),
        ('port = "25"', "8:8: error: smtp.port must be a whole number, got '25'; for example key = 3"),
        ("port = true", "8:8: error: smtp.port must be a whole number, got True; for example key = 3"),
        ("port = 25.0", "8:8: error: smtp.port must be a whole number, got 25.0; for example key = 3"),
    ],
    ids=["string", "whole number given text", "whole number given true", "whole number given a decimal"],
)
def test_a_value_of_the_wrong_type(tmp_path: Path, setting: str, expected: str) -> None:
    assert problems(tmp_path, REQUIRED + f"\n[smtp]\n{setting}\n") == [f"nieuwsbrief.toml:{expected}"]


def test_true_or_false_must_be_a_boolean(tmp_path: Path) -> None:
    assert problems(tmp_path, REQUIRED + '\n[utm]\nenabled = "ja"\n') == [
        "nieuwsbrief.toml:8:11: error: utm.enabled must be true or false, got 'ja'; for example key = true"
    ]


@pytest.mark.parametrize("value", ['"partner.nl"', '["partner.nl", 3]'])
def test_a_list_of_strings_must_be_a_list_of_strings(tmp_path: Path, value: str) -> None:
    got = value.replace('"', "'")
    assert problems(tmp_path, REQUIRED + f"\n[utm]\nskip_domains = {value}\n") == [
        f'nieuwsbrief.toml:8:16: error: utm.skip_domains must be a list of strings, got {got}; for example key = ["a", "b"]'
    ]


def test_a_value_of_the_wrong_type_is_one_problem(tmp_path: Path) -> None:
    # Not also "must be at least 50" or "unknown locale": the type says it all.
    text = REQUIRED + 'locale = 2\n\n[selection]\nwords_per_minute = "snel"\n'
    assert problems(tmp_path, text) == [
        'nieuwsbrief.toml:6:10: error: newsletter.locale must be a string, got 2; for example key = "text"',
        "nieuwsbrief.toml:9:20: error: selection.words_per_minute must be a whole number, got 'snel'; for example key = 3",
    ]


def test_a_key_after_a_multi_line_string_is_found_at_its_own_line(tmp_path: Path) -> None:
    # Lines inside the string that look like a header or a key are text, not TOML: they move nothing.
    text = REQUIRED + 'name2 = """\n[selection]\nlocale = 2\n"""\nlocale = 2\n'
    assert problems(tmp_path, text)[-1] == (
        'nieuwsbrief.toml:10:10: error: newsletter.locale must be a string, got 2; for example key = "text"'
    )


def test_a_dotted_key_is_found_where_it_is_written(tmp_path: Path) -> None:
    text = (
        'newsletter.name = "Testbrief"\n'
        "newsletter.locale = 2\n"
        'newsletter.base_url = "https://www.example.nl"\n'
        'newsletter.from = "Testbrief <nieuwsbrief@example.nl>"\n'
        'newsletter.postal_address = "Teststraat 1, 1234 AB Utrecht"\n'
        "[selection]\n"
        "related.count = 2\n"
    )
    # (These landed at 1:1 and at the [selection] header: a dotted key was not found.)
    assert problems(tmp_path, text) == [
        'nieuwsbrief.toml:2:21: error: newsletter.locale must be a string, got 2; for example key = "text"',
        "nieuwsbrief.toml:7:1: error: unknown setting selection.related; did you mean 'related_count'?",
    ]


# ---------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("section", "setting", "expected"),
    [
        ("selection", "related_count = 13", "selection.related_count must be 0 to 12, got 13; 3 is the default"),
        ("selection", "related_count = -1", "selection.related_count must be 0 to 12, got -1; 3 is the default"),
        ("selection", "words_per_minute = 49", "selection.words_per_minute must be at least 50, got 49; 250 is the default"),
        ("esp", "timeout = 0", "esp.timeout must be 1 to 600 seconds, got 0; 30 is the default"),
        ("esp", "timeout = 601", "esp.timeout must be 1 to 600 seconds, got 601; 30 is the default"),
        ("esp", "retries = 11", "esp.retries must be 0 to 10, got 11; 3 is the default"),
        ("smtp", "port = 0", "smtp.port must be 1 to 65535, got 0; 587 for starttls, 465 for ssl"),
        ("smtp", "port = 65536", "smtp.port must be 1 to 65535, got 65536; 587 for starttls, 465 for ssl"),
        ("smtp", "timeout = 601", "smtp.timeout must be 1 to 600 seconds, got 601; 30 is the default"),
        ("content", "max_file_kb = 0", "content.max_file_kb must be at least 1, got 0; 1000 (1 MB) is the default"),
    ],
)
def test_a_number_out_of_range(tmp_path: Path, section: str, setting: str, expected: str) -> None:
    column = setting.index("=") + 3
    assert problems(tmp_path, REQUIRED + f"\n[{section}]\n{setting}\n") == [f"nieuwsbrief.toml:8:{column}: error: {expected}"]


def test_the_ends_of_each_range_are_allowed(tmp_path: Path) -> None:
    text = REQUIRED + (
        "\n[selection]\nrelated_count = 0\nwords_per_minute = 50\n"
        "\n[esp]\ntimeout = 600\nretries = 10\n"
        "\n[smtp]\nport = 65535\ntimeout = 1\n"
        "\n[content]\nmax_file_kb = 1\n"
    )
    settings = loaded(tmp_path, text)
    assert (settings.related_count, settings.words_per_minute, settings.esp_timeout, settings.esp_retries) == (0, 50, 600, 10)
    assert (settings.smtp.port, settings.smtp.timeout, settings.max_file_bytes) == (65535, 1, 1000)


# ---------------------------------------------------------------- choices


@pytest.mark.parametrize(
    ("section", "setting", "expected"),
    [
        ("newsletter", 'locale = "xx"', f"unknown locale 'xx'; use one of: {', '.join(CODES)}"),  # the folders found
        (
            "esp",
            'dialect = "aweber"',
            "unknown dialect 'aweber'; use one of: generic, mailchimp, brevo, sendgrid, mailgun, listmonk",
        ),
        ("smtp", 'security = "tls"', "unknown smtp.security 'tls'; use one of: starttls, ssl, none"),
    ],
)
def test_a_value_that_is_not_one_of_the_choices(tmp_path: Path, section: str, setting: str, expected: str) -> None:
    text = REQUIRED + setting if section == "newsletter" else REQUIRED + f"\n[{section}]\n{setting}"
    line = 6 if section == "newsletter" else 8
    assert problems(tmp_path, text + "\n") == [f"nieuwsbrief.toml:{line}:{setting.index('=') + 3}: error: {expected}"]


# ---------------------------------------------------------------- URLs, addresses and times


@pytest.mark.parametrize(
    ("section", "setting", "got"),
    [
        (
            "newsletter",
            'base_url = "http://www.example.nl/"',
            "newsletter.base_url must be an absolute https:// URL, got 'http://www.example.nl'",
        ),
        ("links", 'unsubscribe = "/afmelden"', "links.unsubscribe must be an absolute https:// URL, got '/afmelden'"),
        (
            "links",
            'archive_url = "http://www.example.nl/brief"',
            "links.archive_url must be an absolute https:// URL, got 'http://www.example.nl/brief/'",
        ),
        (
            "links",
            'view_online = "www.example.nl/{id}"',
            "links.view_online must be an absolute https:// URL, got 'www.example.nl/{id}'",
        ),
    ],
    ids=["base_url", "unsubscribe", "archive_url", "view_online"],
)
def test_a_link_must_be_an_absolute_https_url(tmp_path: Path, section: str, setting: str, got: str) -> None:
    if section == "newsletter":
        text, line = REQUIRED.replace('base_url = "https://www.example.nl"', setting), 3
    else:
        text, line = REQUIRED + f"\n[{section}]\n{setting}\n", 8
    column = setting.index("=") + 3
    assert problems(tmp_path, text) == [f'nieuwsbrief.toml:{line}:{column}: error: {got}; e.g. "https://www.example.nl"']


def test_an_api_base_must_be_https_except_to_this_machine(tmp_path: Path) -> None:
    text = REQUIRED + '\n[brevo]\napi_base = "http://api.example.nl/v3"\n\n[sendgrid]\napi_base = "http://127.0.0.1:8025/v3/"\n'
    assert problems(tmp_path, text) == [
        "nieuwsbrief.toml:8:12: error: brevo.api_base must be an https:// URL (http only to localhost), "
        "got 'http://api.example.nl/v3'; leave it out to use the ESP's own API"
    ]
    settings = loaded(tmp_path, text.replace("http://api.example.nl", "https://api.example.nl"))
    assert settings.accounts["sendgrid"]["api_base"] == "http://127.0.0.1:8025/v3"


def test_the_sender_must_be_an_email_address(tmp_path: Path) -> None:
    assert problems(tmp_path, REQUIRED.replace("Testbrief <nieuwsbrief@example.nl>", "Testbrief")) == [
        "nieuwsbrief.toml:4:8: error: newsletter.from is not an email address: 'Testbrief'; "
        'write it as "Name <address@example.nl>"'
    ]


def test_the_list_address_must_be_an_email_address_when_given(tmp_path: Path) -> None:
    assert problems(tmp_path, REQUIRED + '\n[smtp]\nlist_address = "de lijst"\n') == [
        "nieuwsbrief.toml:8:16: error: smtp.list_address is not an email address: 'de lijst'; e.g. lijst@example.nl"
    ]
    assert loaded(tmp_path, REQUIRED + '\n[smtp]\nlist_address = ""\n').smtp.list_address == ""


def test_the_unsubscribe_mailto_must_be_a_mailto_url(tmp_path: Path) -> None:
    assert problems(tmp_path, REQUIRED + '\n[links]\nunsubscribe_mailto = "afmelden@example.nl"\n') == [
        'nieuwsbrief.toml:8:22: error: links.unsubscribe_mailto must start with mailto:; e.g. "mailto:afmelden@example.nl"'
    ]


@pytest.mark.parametrize("value", ["7:00", "24:00", "07:60", "7 uur"])
def test_the_send_time_must_be_24_hour_hh_mm(tmp_path: Path, value: str) -> None:
    assert problems(tmp_path, REQUIRED + f'send_time = "{value}"\n') == [
        "nieuwsbrief.toml:6:13: error: newsletter.send_time must look like 07:00; use 24-hour HH:MM"
    ]


# ---------------------------------------------------------------- placeholders


@pytest.mark.parametrize(
    ("section", "setting", "expected"),
    [
        (
            "links",
            'view_online = "https://www.example.nl/{nummer}/"',
            ["links.view_online has an unknown placeholder {nummer}; allowed: {id}"],
        ),
        (
            "links",
            'article_url = "https://www.example.nl/{id}/{slug}/{}"',
            [
                "links.article_url has an unknown placeholder {id}; allowed: {slug}, {type}",
                "links.article_url has an unknown placeholder {}; allowed: {slug}, {type}",
            ],
        ),
        ("utm", 'campaign = "{week}"', ["utm.campaign has an unknown placeholder {week}; allowed: {id}"]),
    ],
    ids=["view_online", "article_url", "utm campaign"],
)
def test_a_pattern_may_only_use_its_placeholders(tmp_path: Path, section: str, setting: str, expected: list[str]) -> None:
    column = setting.index("=") + 3
    assert problems(tmp_path, REQUIRED + f"\n[{section}]\n{setting}\n") == [
        f"nieuwsbrief.toml:8:{column}: error: {message}" for message in expected
    ]


def test_a_brace_in_base_url_is_caught_in_the_links_derived_from_it(tmp_path: Path) -> None:
    # Left to their defaults, view_online and article_url start with base_url and are filled in with str.format.
    text = REQUIRED.replace("https://www.example.nl", "https://www.example.nl/{x}") + "\n[links]\n"
    assert problems(tmp_path, text) == [
        "nieuwsbrief.toml:3:12: error: newsletter.base_url must be an absolute https:// URL, "
        "got 'https://www.example.nl/{x}'; e.g. \"https://www.example.nl\"",
        "nieuwsbrief.toml:7:1: error: links.article_url has an unknown placeholder {x}; allowed: {slug}, {type}",
        "nieuwsbrief.toml:7:1: error: links.view_online has an unknown placeholder {x}; allowed: {id}",
    ]


# ---------------------------------------------------------------- labels


def test_an_unknown_label_is_an_error_with_the_nearest_or_the_known_ones(tmp_path: Path) -> None:
    known = ", ".join(sorted(locale("nl").labels))
    assert problems(tmp_path, REQUIRED + '\n[labels]\nrelatd = "Meer"\n') == [
        "nieuwsbrief.toml:8:10: error: unknown label 'relatd'; did you mean 'related'?"
    ]
    assert problems(tmp_path, REQUIRED + '\n[labels]\nkop = "Meer"\n') == [
        f"nieuwsbrief.toml:8:7: error: unknown label 'kop'; known labels: {known}"
    ]


def test_a_label_must_be_a_string(tmp_path: Path) -> None:
    assert problems(tmp_path, REQUIRED + "\n[labels]\nrelated = 3\n") == [
        'nieuwsbrief.toml:8:11: error: [labels] related must be a string; write it as key = "text"'
    ]


def test_a_label_may_only_use_its_placeholders(tmp_path: Path) -> None:
    text = REQUIRED + '\n[labels]\nissue = "Nr. {nummer}"\nwhy = "Voor {name"\nreading_time = "{minutes} min"\n'
    assert problems(tmp_path, text) == [
        "nieuwsbrief.toml:8:9: error: [labels] issue may only use the placeholder {number}; write a literal brace as {{ or }}",
        "nieuwsbrief.toml:9:7: error: [labels] why may only use the placeholder {name}; write a literal brace as {{ or }}",
    ]
    assert (
        loaded(tmp_path, text.replace("{nummer}", "{number}").replace("{name", "{name}")).labels["reading_time"]
        == "{minutes} min"
    )


# ---------------------------------------------------------------- all at once, and the values


def test_every_problem_is_reported_at_once_in_file_order(tmp_path: Path) -> None:
    text = REQUIRED + 'send_time = "7u"\n\n[selection]\nrelated_count = 20\n\n[foo]\n\n[smtp]\nport = "x"\n'
    assert problems(tmp_path, text) == [
        "nieuwsbrief.toml:6:13: error: newsletter.send_time must look like 07:00; use 24-hour HH:MM",
        "nieuwsbrief.toml:9:17: error: selection.related_count must be 0 to 12, got 20; 3 is the default",
        f"nieuwsbrief.toml:11:1: warning: unknown section [foo]; known sections: {KNOWN_SECTIONS}",
        "nieuwsbrief.toml:14:8: error: smtp.port must be a whole number, got 'x'; for example key = 3",
    ]


def test_defaults_fill_what_is_not_written(tmp_path: Path) -> None:
    settings = loaded(tmp_path, REQUIRED)
    assert (settings.locale, settings.timezone, settings.send_time) == ("nl", "Europe/Amsterdam", "07:00")
    assert (settings.related_count, settings.words_per_minute, settings.max_file_bytes) == (3, 250, 1_000_000)
    assert (settings.unsubscribe_url, settings.archive_url, settings.view_online_url, settings.article_url) == (
        "https://www.example.nl/nieuwsbrief/afmelden",
        "https://www.example.nl/nieuwsbrief/",
        "https://www.example.nl/nieuwsbrief/{id}/",
        "https://www.example.nl/{slug}/",
    )
    assert not settings.own_archive
    assert (settings.utm, settings.utm_source, settings.utm_medium, settings.utm_campaign) == (
        True,
        "nieuwsbrief",
        "email",
        "{id}",
    )
    assert (settings.dialect, settings.esp_timeout, settings.esp_retries) == ("generic", 30, 3)
    assert settings.smtp == SmtpSettings(host="", port=587, security="starttls", list_address="", timeout=30)
    assert settings.accounts == {
        "mailchimp": NO_ACCOUNT,
        "brevo": NO_ACCOUNT,
        "sendgrid": {"list_id": "", "sender_id": 0, "suppression_group_id": 0, "api_base": ""},
    }
    assert settings.warnings == ()


def test_english_projects_get_english_default_paths(tmp_path: Path) -> None:
    settings = loaded(tmp_path, REQUIRED + 'locale = "en"\n')
    assert (settings.unsubscribe_url, settings.archive_url) == (
        "https://www.example.nl/newsletter/unsubscribe",
        "https://www.example.nl/newsletter/",
    )


def test_derived_defaults_follow_the_written_settings(tmp_path: Path) -> None:
    text = REQUIRED.replace('example.nl"', 'example.nl/"') + (
        '\n[links]\narchive_url = "https://archief.example.nl"\n\n[smtp]\nsecurity = "ssl"\n'
    )
    settings = loaded(tmp_path, text)
    assert settings.base_url == "https://www.example.nl"
    assert (settings.archive_url, settings.view_online_url, settings.own_archive) == (
        "https://archief.example.nl/",
        "https://archief.example.nl/{id}/",
        True,
    )
    assert settings.smtp.port == 465


def test_written_values_are_converted_for_the_code(tmp_path: Path) -> None:
    text = REQUIRED + (
        '\n[utm]\nskip_domains = ["Partner.NL.", "b.nl"]\n'
        '\n[smtp]\nlist_address = "De lijst <lijst@example.nl>"\n'
        "\n[brevo]\nlist_id = 7\n"
        "\n[content]\nmax_file_kb = 20\n"
    )
    settings = loaded(tmp_path, text)
    assert settings.utm_skip_domains == ("partner.nl", "b.nl")
    assert settings.smtp.list_address == "lijst@example.nl"
    assert settings.accounts["brevo"]["list_id"] == "7"
    assert settings.max_file_bytes == 20_000


# ---------------------------------------------------------------- the declarations


def test_every_static_default_passes_its_own_rules() -> None:
    for name, (_, option) in OPTIONS.items():
        if option.required or option.derive is not None:
            continue
        assert has_kind(option.default, option.kind) or option.default == "", name
        if option.default != "":
            assert [part for rule in option.rules for part in rule.broken(option.default)] == [], name


def test_every_settings_attribute_comes_from_a_declaration() -> None:
    declared = {option.attribute for section in SECTIONS if not section.into for option in section.options}
    computed = {"project", "own_archive", "own_article_url", "smtp", "brand", "accounts", "labels", "warnings"}
    assert {f.name for f in dataclasses.fields(Settings)} == declared | computed
    smtp = next(section for section in SECTIONS if section.into == "smtp")
    assert {f.name for f in dataclasses.fields(SmtpSettings)} == {option.attribute for option in smtp.options}
    brand = next(section for section in SECTIONS if section.into == "brand")
    assert {f.name for f in dataclasses.fields(BrandSettings)} == {option.attribute for option in brand.options}
    # Settings.accounts: the table of each ESP with an API, by its name
    assert [section.name for section in SECTIONS if section.into == "accounts"] == list(APIS)


def test_config_imports_nothing_above_it() -> None:
    # config is the lowest layer: errors, locales, text, model, located, colours, the settings vocabulary, the ESPs'
    # declarations (their names and tables) and the standard library only.
    allowed = {"errors", "locales", "text", "model", "atomic", "located", "options", "esps", "colours"}
    for path in sorted((REPO / "src" / "nieuwsbrief" / "config").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 2:
                assert (node.module or "").split(".")[0] in allowed, f"{path.name} imports ..{node.module}"
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module != "__future__":
                assert (node.module or "").split(".")[0] in sys.stdlib_module_names, f"{path.name} imports {node.module}"
            elif isinstance(node, ast.Import):
                assert all(alias.name.split(".")[0] in sys.stdlib_module_names for alias in node.names), path.name


def test_the_settings_reference_is_what_the_declarations_generate() -> None:
    files = REGENERATE.split()[2:]  # README.md docs/settings.md
    check = subprocess.run([sys.executable, "-m", "cogapp", "--check", *files], cwd=REPO, capture_output=True, text=True)
    assert check.returncode == 0, f"the settings reference is out of date: run `{REGENERATE}`\n{check.stdout}{check.stderr}"


def _paths(value: object, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every key path of parsed TOML, tables and arrays of tables included."""
    found = [path] if path else []
    if isinstance(value, dict):
        for key, inner in value.items():
            found += _paths(inner, (*path, key))
    elif isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        for item in value:
            found += [p for p in _paths(item, path) if p != path]
    return found


@pytest.mark.parametrize(
    "path", [REPO / "nieuwsbrief.toml", *sorted((REPO / "tests" / "sites").rglob("*.toml"))], ids=lambda p: p.name
)
def test_every_key_of_a_real_toml_file_is_found_on_a_line_that_writes_it(path: Path) -> None:
    import tomllib

    from nieuwsbrief.located import Lines, toml_keys

    text = path.read_text(encoding="utf-8")
    keys, lines = toml_keys(text), Lines(text)
    for key_path in _paths(tomllib.loads(text)):
        assert key_path in keys, key_path
        line = text.splitlines()[lines.locate(keys[key_path])[0] - 1]
        assert any(part in line for part in key_path), (key_path, line)
