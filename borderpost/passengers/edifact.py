"""UN/EDIFACT (ISO 9735) syntax: the service string advice and a tokenizer into segments.

What real airline traffic looks like, and what :func:`tokenize` therefore accepts:

* a ``UNA`` service string advice naming any six characters (``UNA:+.? '``, ``UNA:*.? $``,
  ``UNA:(.) -``, a backslash as release character), or none at all (the defaults; the level-B
  defaults when the header is written with information separators);
* release characters before any delimiter or before themselves;
* segments one per line, several per line, or split over lines (a line break inside a segment
  is a teletype wrap, not data, and is removed), with CR LF, LF or CR line ends and spaces
  before a segment tag;
* an IATA Type-B teletype envelope (address and origin lines) before the interchange, text
  between interchanges, several interchanges in one file, each with its own ``UNA``.

The tokenizer does not judge structure (that is :mod:`borderpost.passengers.envelope`). It
raises :class:`EdifactError` only when the input cannot be read as EDIFACT at all: no
``UNA``/``UNB``/``UNH`` anywhere, or no segment terminator after the first header. Everything
else becomes a :class:`~borderpost.passengers.findings.ParseWarning` with its position.
"""

from __future__ import annotations

import re

from borderpost.passengers.collection import collector_paused
from borderpost.passengers.findings import Position, warning
from borderpost.passengers.scanner import WHITESPACE, Scanner
from borderpost.passengers.segments import Segment, Tokens, released_at, spare_character
from borderpost.passengers.service import (
    DEFAULT,
    LEVEL_B,
    Delimiters,
    decode,
    service_advice,
)

__all__ = [
    "DEFAULT",
    "LEVEL_B",
    "Delimiters",
    "EdifactError",
    "Segment",
    "Tokens",
    "decode",
    "service_advice",
    "tokenize",
]

# A header segment longer than this without a terminator means the terminator is not the one
# the service string advice (or the default) names: better a clear error than one giant segment.
HEADER_LIMIT = 600
_START = re.compile(r"(?<![A-Za-z0-9])(?:UNA(?=[^\r\n]{6})|UN[BH](?=[^A-Za-z0-9 \t\r\n]))", re.S)


class EdifactError(ValueError):
    """The input cannot be read as EDIFACT at all (the one error the reader raises)."""


class _Reader(Scanner):
    """The tokenizer: finds each interchange, reads its header carefully and the rest with
    :meth:`Scanner.interchange`."""

    def run(self) -> Tokens:
        text, pos, first = self.text, 0, True
        while True:
            match = _START.search(text, pos)
            if match is None:
                if first:
                    raise EdifactError("not EDIFACT: no UNA, UNB or UNH segment found")
                if text[pos:].strip(" \t\r\n\x00\x03\x04\x1a="):
                    self.warn("trailing_text", pos, "text after the last interchange ignored")
                return self.tokens
            start = match.start()
            if text[pos:start].strip():
                what = "teletype envelope" if first else "text between interchanges"
                self.warn("envelope_skipped", start, f"{what} skipped ({start - pos} characters)")
            delimiters = DEFAULT
            if text.startswith("UNA", start):
                advice = service_advice(text, start)
                position = self.position(start, advance=False)
                if advice is None:
                    self.warn(
                        "bad_service_string",
                        start,
                        f"UNA advice {text[start + 3 : start + 9]!r} unusable; defaults used",
                    )
                else:
                    delimiters = advice
                self.tokens.segments.append(_advice_segment(text[start + 3 : start + 9], position))
                start += 9
            elif text[start + 3] == "\x1d":
                delimiters = LEVEL_B
            pos = self.scan(start, delimiters, first=first)
            first = False

    def scan(self, pos: int, d: Delimiters, *, first: bool) -> int:
        """Read the header segment from ``pos`` with delimiters ``d``, then the rest of the
        interchange: returns the offset after its ``UNZ``, of a new ``UNA``, or the end."""
        text, terminator, release = self.text, d.terminator, d.release
        header = True
        end_of_text = len(text)
        while pos < end_of_text:
            end = text.find(terminator, pos)
            if release is not None:
                while end != -1 and released_at(text, end, release, pos):
                    end = text.find(terminator, end + 1)
            raw = text[pos:end] if end != -1 else text[pos:]
            lead = len(raw) - len(raw.lstrip(WHITESPACE))
            start = pos + lead
            if raw.startswith("UNA", lead) and service_advice(text, start) is not None:
                return start  # a new interchange's advice (the previous one had no UNZ)
            if header and (end == -1 or _runs_on(raw[lead:], d)):
                self._no_terminator(start, d, first=first)
                return end_of_text
            if end != -1 and not raw[lead:].startswith("UNZ"):
                segment = self.segment(raw[lead:], start, d)
                if segment is not None:
                    self.tokens.segments.append(segment)
                return self.interchange(end + 1, d)
            header = False
            if end == -1:
                if not raw[lead:].strip():
                    return end_of_text
                self.warn("unterminated_segment", start, "last segment has no terminator")
                end = end_of_text
            pos = end + 1
            segment = self.segment(raw[lead:], start, d)
            if segment is not None:
                self.tokens.segments.append(segment)
                if segment.tag == "UNZ":
                    return pos
        return end_of_text

    def _no_terminator(self, start: int, d: Delimiters, *, first: bool) -> None:
        message = (
            f"no segment terminator {d.terminator!r} after the header at line "
            f"{self.position(start, advance=False).line}"
        )
        if first:
            raise EdifactError(message)
        self.warn("interchange_unterminated", start, message)


def _advice_segment(chars: str, position: Position) -> Segment:
    """The ``UNA`` advice as a segment: one element whose components are its six characters
    (joined with a character that is not one of them)."""
    component = spare_character(chars)
    return Segment("UNA", (component.join(chars),), 0, position.line, position.offset, component)


def _runs_on(header: str, d: Delimiters) -> bool:
    """Whether a header segment swallowed what follows it: too long, or holding the tag of a
    later service segment (the file's terminator is not the one in force)."""
    if len(header) > HEADER_LIMIT:
        return True
    return any(f"{tag}{d.element}" in header[3:] for tag in ("UNG", "UNH", "UNT", "UNZ"))


def tokenize(data: bytes | str) -> Tokens:
    """Every segment of ``data`` (bytes are decoded, see :func:`decode`), with warnings.

    Raises :class:`EdifactError` when ``data`` holds no EDIFACT header or no terminator.
    """
    text, codec = decode(data)
    with collector_paused():  # see borderpost.passengers.collection
        tokens = _Reader(text).run()
    if codec is not None:
        tokens.warnings.insert(
            0, warning("decoded_single_byte", Position(0, 1, 0), f"not UTF-8; read as {codec}")
        )
    return tokens
