"""The split of a segment holding release characters, against a character-by-character
reading of ISO 9735 (each release character keeps the character after it as data)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from borderpost.passengers.segments import odd_release_run, split_released
from borderpost.passengers.service import DEFAULT, Delimiters


def _reference(body: str, d: Delimiters) -> list[list[str]]:
    elements: list[list[str]] = [[""]]
    characters = iter(body)
    for character in characters:
        if character == d.release:
            elements[-1][-1] += next(characters)
        elif character == d.element:
            elements.append([""])
        elif character == d.component:
            elements[-1].append("")
        else:
            elements[-1][-1] += character
    return elements


@given(st.text(alphabet="AB :+?'", max_size=40))
def test_split_released_reads_every_release_character(body: str) -> None:
    if odd_release_run(body, "?"):
        body = body[:-1]  # the scanner reports and removes a dangling release first
    elements, component = split_released("TAG+" + body, DEFAULT)
    assert [element.split(component) for element in elements] == _reference("TAG+" + body, DEFAULT)
    if "?:" not in body.replace("??", ""):
        assert component == ":"
