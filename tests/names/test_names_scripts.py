from hypothesis import given
from hypothesis import strategies as st

from borderpost.names import Script, detect_scripts, dominant_script, script_of, script_runs
from borderpost.names.scripts import _runs_by_character, script_counts


def test_detects_the_scripts_of_real_names() -> None:
    cases = {
        "Владимир Путин": {Script.CYRILLIC},
        "فلاديمير بوتين": {Script.ARABIC},
        "ولادیمیر پوتین": {Script.ARABIC},
        "ולדימיר פוטין": {Script.HEBREW},
        "Βλαντίμιρ Πούτιν": {Script.GREEK},
        "弗拉基米尔·普京": {Script.HAN},
        "ウラジーミル・プーチン": {Script.KANA},
        "블라디미르 푸틴": {Script.HANGUL},
        "व्लादिमीर पुतिन": {Script.DEVANAGARI},
        "Վլադիմիր Պուտին": {Script.ARMENIAN},
        "ვლადიმერ პუტინი": {Script.GEORGIAN},
        "วลาดิมีร์ ปูติน": {Script.THAI},
        "ቭላዲሚር ፑቲን": {Script.ETHIOPIC},
        "ဗလာဒီမီယာ ပူတင်": {Script.OTHER},
        "Vladímír Pútín": {Script.LATIN},
    }
    for text, expected in cases.items():
        assert detect_scripts(text) == expected, text


def test_mixed_scripts_and_common_characters() -> None:
    assert detect_scripts("PUTIN, Владимир 1952") == {Script.LATIN, Script.CYRILLIC}
    assert detect_scripts("12-34, ./") == frozenset()
    assert dominant_script("Путин V.") is Script.CYRILLIC
    assert dominant_script("") is None
    assert script_of("-") is None
    assert script_of("\u0301") is None  # a combining accent belongs to its letter


def test_runs_keep_marks_with_their_letter_and_rebuild_the_text() -> None:
    text = "Влади́мир Putin"
    runs = script_runs(text)
    assert "".join(run for _script, run in runs) == text
    assert runs[0] == (Script.CYRILLIC, "Влади́мир")
    assert runs[-1] == (Script.LATIN, "Putin")


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_runs_are_the_runs_read_character_by_character(text: str) -> None:
    assert script_runs(text) == _runs_by_character(text)


@given(st.text())
def test_detected_scripts_are_the_scripts_counted(text: str) -> None:
    assert detect_scripts(text) == frozenset(script_counts(text))


@given(st.text())
def test_detect_scripts_is_the_scripts_of_the_characters(text: str) -> None:
    # ASCII text takes a shortcut; any text must give what its characters say
    expected = {script_of(char) for char in text} - {None}
    assert detect_scripts(text) == expected
    assert detect_scripts(text.encode("ascii", "ignore").decode()) == (
        {Script.LATIN} if any(char.isalpha() for char in text if char.isascii()) else set()
    )
