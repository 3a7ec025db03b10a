"""Translations are data: every language file has exactly English's keys, placeholders
included, and the page follows the chosen language and its direction."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from borderpost.web import console
from borderpost.web.console.i18n import catalogue, choose_language, languages
from tests.console.conftest import Login, csrf_of


def _fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("code", [code for code in languages() if code != "en"])
def test_every_key_exists_in_every_language(code: str) -> None:
    english, other = catalogue("en").messages, catalogue(code).messages
    assert set(other) == set(english), {
        "missing": sorted(set(english) - set(other)),
        "extra": sorted(set(other) - set(english)),
    }
    for key, text in english.items():
        assert _fields(other[key]) == _fields(text), (code, key)


def test_at_least_english_french_and_arabic_right_to_left() -> None:
    assert {"en", "fr", "ar", "es"} <= set(languages())
    assert catalogue("ar").direction == "rtl" and catalogue("fr").direction == "ltr"


def test_language_comes_from_the_choice_then_the_browser() -> None:
    assert choose_language("fr", "ar") == "fr"
    assert choose_language(None, "de-DE, fr-CA;q=0.8, en;q=0.5") == "fr"
    assert choose_language("xx", "ar;q=0.9, es;q=0.95") == "es"
    assert choose_language(None, None) == "en"


def test_every_key_the_templates_use_exists() -> None:
    used: set[str] = set()
    for path in Path(console.__file__).parent.rglob("*"):
        if path.suffix in (".html", ".py"):
            used |= set(re.findall(r"""\bt\(["']([a-z_]+\.[a-z_0-9]+)["']""", path.read_text()))
    used = {key for key in used if not key.endswith("_")}  # prefixes of computed keys
    missing = used - set(catalogue("en").messages)
    assert used and not missing, sorted(missing)


def test_pages_follow_the_chosen_language(client: TestClient, login: Login) -> None:
    token = login(client, "olga")
    answer = client.post(
        "/console/language", data={"csrf": token, "lang": "ar", "back": "/console/inspect"}
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/console/inspect"
    page = client.get("/console/inspect")
    assert '<html lang="ar" dir="rtl">' in page.text
    assert "التفتيش الأولي" in page.text
    client.post("/console/language", data={"csrf": csrf_of(page.text), "lang": "fr"})
    assert "Contrôle de première ligne" in client.get("/console/inspect").text
    client.cookies.delete("bp_lang", path="/console")
    english = client.get("/console/inspect", headers={"Accept-Language": "es-ES,es;q=0.9"})
    assert "Control primario" in english.text
