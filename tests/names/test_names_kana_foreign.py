"""Katakana read as the foreign name it most likely writes (``foreign_readings``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from borderpost.names import foreign_readings
from borderpost.names.kana import kana_to_latin
from borderpost.screening.engine import Screener
from borderpost.screening.model import ListEntry
from borderpost.screening.query import Query


@pytest.mark.parametrize(
    ("kana", "first"),
    [
        ("キム・ジョンウン", "KIM・JONUN"),  # a lone M takes U
        ("ダウード・イブラヒム", "DAUD・IBRAHIM"),  # D takes O, a long vowel unmarked
        ("ビクトル・ブート", "BIKTOR・BUT"),  # one added vowel of two in a row: not BIKTR
        ("ヌルディン・トップ", "NURDIN・TOP"),  # a doubled final consonant written once
        ("ボグダノビッチ", "BOGDANOBICH"),  # -VICH
        ("アイマン・アル\uff1dザワーヒリー", "AIMAN・AL\uff1dZAWAHIRI"),  # the article
        ("アブ・バクル", "ABU・BAKR"),  # ABU keeps its vowel
    ],
)
def test_the_vowels_katakana_adds_to_lone_consonants_are_dropped(kana: str, first: str) -> None:
    assert foreign_readings(kana)[0] == first


def test_r_is_also_read_as_l_and_latin_letters_are_left_alone() -> None:
    assert foreign_readings("ハリル・ハッカーニ") == ["HARIR・HAKKANI", "HALIL・HAKKANI"]
    assert foreign_readings("ROBERT スミス") == ["ROBERT SUMIS"]


def test_no_reading_without_kana_or_when_it_is_the_hepburn_one() -> None:
    assert foreign_readings("Vladimir PUTIN") == []
    assert foreign_readings("ウサマ") == []  # USAMA: nothing added


@given(
    st.text(
        alphabet=st.characters(min_codepoint=0x3041, max_codepoint=0x30FF)
        | st.sampled_from(" ・\uff1d-A")
    )
)
def test_any_kana_text_reads_without_error_and_differs_from_hepburn(text: str) -> None:
    readings = foreign_readings(text)
    assert len(readings) == len(set(readings)) <= 2
    assert kana_to_latin(text) not in readings
    for reading in readings:
        assert reading == reading.upper()


def test_a_katakana_name_meets_the_listed_latin_name_through_its_foreign_reading() -> None:
    listed = [
        ListEntry("UN", "QDi.001", "person", "Dawood IBRAHIM"),
        ListEntry("OFAC", "7", "person", "Viktor BOUT"),
        ListEntry("OFAC", "8", "person", "Arkady ROTENBERG"),
    ]
    screener = Screener(listed)
    for kana, entry_id in (
        ("ダウード・イブラヒム", "QDi.001"),
        ("ヴィクトル・ブート", "7"),
        ("アルカジー・ローテンベルク", "8"),
    ):
        hits = screener.screen(Query(kana)).hits
        assert [hit.entry_id for hit in hits] == [entry_id], kana
        name_reason = next(r for r in hits[0].reasons if r.feature == "name_similarity")
        assert "katakana read as a foreign name" in name_reason.detail
