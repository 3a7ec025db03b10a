"""Russian-style Cyrillic is matched as English-language lists spell it; the MRZ keeps ICAO."""

from __future__ import annotations

from borderpost.names import compare, to_latin, to_mrz


def test_english_spellings_for_matching_icao_for_the_mrz() -> None:
    assert to_latin("Джосе Мария Сисон") == "JOSE MARIYA SISON"
    assert to_mrz("Джосе Мария Сисон") == "DZHOSE MARIIA SISON"
    assert to_latin("Юрий") == "YURIY"
    assert to_mrz("Юрий") == "IURII"
    # Ukrainian keeps ICAO's Ukrainian exceptions.
    assert to_latin("Олександр Євгенович") == "OLEKSANDR YEVHENOVYCH"


def test_cyrillic_query_meets_latin_list_name() -> None:
    assert compare("Джосе Мария Сисон", "SISON, Jose Maria").score >= 0.9
    assert compare("Юсуф Ахмад", "YUSUF AHMAD").score >= 0.9
