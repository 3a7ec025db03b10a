"""Country names, codes and adjectives from lists resolve to ICAO three-letter codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from borderpost.screening import all_countries, country_name, is_country_code, to_alpha3
from borderpost.screening.countries import _alias_conflicts


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("IRQ", "IRQ"),
        ("IQ", "IRQ"),
        ("iq", "IRQ"),
        ("Iraq", "IRQ"),
        ("Republic of Iraq", "IRQ"),
        ("Iraqi", "IRQ"),
        ("Afghan", "AFG"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Iran, Islamic Republic of", "IRN"),
        ("Syrian Arab Republic", "SYR"),
        ("Korea, North", "PRK"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Korea, South", "KOR"),
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("Congo, Democratic Republic of the", "COD"),
        ("Democratic Republic of the Congo", "COD"),
        ("Congo", "COG"),
        ("Kosovo", "RKS"),
        ("xk", "RKS"),
        ("Palestinian", "PSE"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Cote d'Ivoire", "CIV"),
        ("Côte d\u2019Ivoire", "CIV"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("United Republic of Tanzania", "TZA"),
        ("Man, Isle of", "IMN"),
        ("Virgin Islands, British", "VGB"),
        ("Gambia, The", "GMB"),
        ("Burma", "MMR"),
        ("Macedonia, The Former Yugoslav Republic of", "MKD"),
        ("D", "DEU"),
        ("D<<", "DEU"),
        ("German", "DEU"),
        ("XXA", "XXA"),
        ("Stateless", "XXA"),
        ("Serbia and Montenegro", "SCG"),
        ("  iraq. ", "IRQ"),
    ],
)
def test_to_alpha3(text: str, code: str) -> None:
    assert to_alpha3(text) == code


@pytest.mark.parametrize("text", ["", "   ", "Korea", "Atlantis", "undetermined", "ZZ", "Medellin"])
def test_unknown_gives_none(text: str) -> None:
    assert to_alpha3(text) is None


def test_table_is_consistent() -> None:
    rows = all_countries()
    assert len(rows) > 270
    assert all(re.fullmatch(r"[A-Z]{3}", row.alpha3) for row in rows)
    assert len({row.alpha3 for row in rows}) == len(rows)
    assert _alias_conflicts() == ()
    assert country_name("IRQ") == "Iraq"
    assert is_country_code("RKS")
    assert not is_country_code("ZZZ")


def test_every_mrz_code_of_the_documents_table_resolves() -> None:
    from borderpost.documents.countries import countries

    for code in countries():
        assert to_alpha3(code) == ("DEU" if code == "D" else code), code


def test_icao_codes_outside_iso_are_known(shared_data: Path) -> None:
    codes = json.loads((shared_data / "icao" / "icao_nonstandard_codes.json").read_text("utf-8"))
    for code in codes["codes"]:
        assert to_alpha3(code) == ("DEU" if code == "D" else code), code
