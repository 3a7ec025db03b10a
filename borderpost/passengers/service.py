"""The service characters of an interchange and the character set of a file.

ISO 9735 lets a ``UNA`` service string advice name the six service characters; without one
the defaults apply (or the level-B information separators). The syntax identifier of the
``UNB`` names the character set; in practice files are UTF-8 more often than they say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["DEFAULT", "LEVEL_B", "Delimiters", "decode", "service_advice"]

_SINGLE_BYTE = {
    "UNOC": "latin-1",
    "UNOD": "iso8859-2",
    "UNOE": "iso8859-5",
    "UNOF": "iso8859-7",
    "UNOG": "iso8859-3",
    "UNOH": "iso8859-4",
    "UNOI": "iso8859-6",
    "UNOJ": "iso8859-8",
    "UNOK": "iso8859-9",
}


@dataclass(frozen=True, slots=True)
class Delimiters:
    """The service characters of an interchange (``UNA`` positions 4 to 9).

    ``release`` is ``None`` when the advice leaves it blank (no release character); the
    ``repetition`` position (reserved before syntax version 4) is recorded, not split on.
    """

    component: str = ":"
    element: str = "+"
    decimal: str = "."
    release: str | None = "?"
    repetition: str = " "
    terminator: str = "'"

    def advice(self) -> str:
        """The ``UNA`` service string advice naming these characters."""
        return (
            f"UNA{self.component}{self.element}{self.decimal}{self.release or ' '}"
            f"{self.repetition}{self.terminator}"
        )

    def special(self) -> str:
        """The characters that must be released inside a value."""
        return self.component + self.element + self.terminator + (self.release or "")


DEFAULT = Delimiters()
LEVEL_B = Delimiters(component="\x1f", element="\x1d", release=None, terminator="\x1c")


def decode(data: bytes | str) -> tuple[str, str | None]:
    """The text of ``data`` and, when it is not UTF-8, the single-byte codec used.

    UTF-8 is tried first (a Latin-1 file is practically never valid UTF-8); otherwise the
    character set named by the first ``UNB`` syntax identifier, Latin-1 when none.
    """
    if isinstance(data, str):
        return data.removeprefix("\ufeff"), None
    try:
        return data.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError:
        pass
    match = re.search(rb"UNB.(UNO[A-Z])", data)
    codec = _SINGLE_BYTE.get(match.group(1).decode("ascii"), "latin-1") if match else "latin-1"
    return data.decode(codec, errors="replace"), codec


def service_advice(text: str, start: int) -> Delimiters | None:
    """The delimiters a ``UNA`` at ``start`` names, or ``None`` when it is unusable (too short,
    a character named twice, a letter, digit or line break as a delimiter)."""
    chars = text[start + 3 : start + 9]
    if len(chars) < 6:
        return None
    component, element, decimal, release, repetition, terminator = tuple(chars)
    used = [component, element, terminator] + ([release] if release != " " else [])
    if len(set(used)) != len(used) or any(c.isalnum() or c in "\r\n" for c in used):
        return None
    return Delimiters(
        component, element, decimal, None if release == " " else release, repetition, terminator
    )
