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
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from itertools import accumulate, repeat
from typing import NamedTuple

from borderpost.passengers.findings import ParseWarning, Position, warning
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


class Segment(NamedTuple):
    """One segment: its tag, its data elements and where it starts (``number`` in the file,
    1-based, ``UNA`` not counted; ``line``; ``offset``). ``elements[0]`` is the first data
    element after the tag.

    For speed, an element without release characters is kept as its text and split into
    components (at ``component``) only when asked: read it through :meth:`element`,
    :meth:`value` and :meth:`all_elements`. Treat a segment as read-only."""

    tag: str
    elements: Sequence[str | Sequence[str]]
    number: int
    line: int
    offset: int
    component: str = ":"

    @property
    def position(self) -> Position:
        return Position(self.number, self.line, self.offset)

    def element(self, index: int) -> Sequence[str]:
        """Data element ``index`` (0-based after the tag) as its components; empty if absent."""
        try:
            found = self.elements[index]
        except IndexError:
            return ()
        return found.split(self.component) if isinstance(found, str) else found

    def value(self, index: int, component: int = 0) -> str:
        """Component ``component`` of element ``index``; ``""`` when absent."""
        try:
            found = self.elements[index]
        except IndexError:
            return ""
        if isinstance(found, str):
            if component == 0:
                cut = found.find(self.component)
                return found if cut < 0 else found[:cut]
            parts: Sequence[str] = found.split(self.component)
        else:
            parts = found
        return parts[component] if component < len(parts) else ""

    def all_elements(self) -> list[Sequence[str]]:
        """Every data element as its components."""
        return [self.element(index) for index in range(len(self.elements))]


_new = tuple.__new__
_make_segment = partial(_new, Segment)
_WHITESPACE = " \t\r\n"


@cache
def _end_of_interchange(d: Delimiters) -> re.Pattern[str]:
    return re.compile(re.escape(d.terminator) + r"[ \t\r\n]*UNZ" + re.escape(d.element))


def _merge_released(pieces: list[str], terminator: str, release: str) -> list[str]:
    """Join pieces split at a released terminator (preceded by an odd run of releases)."""
    merged: list[str] = []
    carry: str | None = None
    for piece in pieces:
        if carry is not None:
            piece = carry + terminator + piece
            carry = None
        if piece.endswith(release) and (len(piece) - len(piece.rstrip(release))) % 2 == 1:
            carry = piece
            continue
        merged.append(piece)
    if carry is not None:
        merged.append(carry)
    return merged


@dataclass(slots=True)
class Tokens:
    """What the tokenizer read: segments in file order (``UNA`` advice included as a segment
    with the six characters as its one element), the delimiters in force at each ``UNA``/``UNB``,
    warnings, and the decoded text."""

    segments: list[Segment] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    text: str = ""


class _Reader:
    """The tokenizer's state while it walks through one decoded text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = Tokens(text=text)
        self.number = 0
        self.line = 1
        self.counted_to = 0
        self.newline = "\n" if "\n" in text else "\r"
        self.valid_tags: set[str] = set()

    def position(self, offset: int, *, advance: bool = True) -> Position:
        """The position of a segment starting at ``offset`` (lines counted incrementally)."""
        self.line += self.text.count(self.newline, self.counted_to, offset)
        self.counted_to = offset
        return Position(self.number + (1 if advance else 0), self.line, offset)

    def warn(self, code: str, offset: int, message: str) -> None:
        self.tokens.warnings.append(warning(code, self.position(offset, advance=False), message))

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
                self.tokens.segments.append(
                    Segment(
                        "UNA", (list(text[start + 3 : start + 9]),), 0, position.line, start, ""
                    )
                )
                start += 9
            elif text[start + 3] == "\x1d":
                delimiters = LEVEL_B
            pos = self.scan(start, delimiters, first=first)
            first = False

    def scan(self, pos: int, d: Delimiters, *, first: bool) -> int:
        """Read segments from ``pos`` with delimiters ``d`` until a ``UNZ`` (returns the offset
        after it), a new ``UNA`` (returns its offset) or the end of the text."""
        text, terminator, release = self.text, d.terminator, d.release
        unwrap = terminator not in "\r\n"
        header = True
        end_of_text = len(text)
        while pos < end_of_text:
            end = text.find(terminator, pos)
            if release is not None:
                while end != -1 and _released(text, end, release, pos):
                    end = text.find(terminator, end + 1)
            raw = text[pos:end] if end != -1 else text[pos:]
            lead = len(raw) - len(raw.lstrip(" \t\r\n"))
            start = pos + lead
            if raw.startswith("UNA", lead) and service_advice(text, start) is not None:
                return start  # a new interchange's advice (the previous one had no UNZ)
            if header and (end == -1 or _runs_on(raw[lead:], d)):
                self._no_terminator(start, d, first=first)
                return end_of_text
            if end != -1 and not raw[lead:].startswith("UNZ"):
                segment = self._segment(raw[lead:], start, d, unwrap)
                if segment is not None:
                    self.tokens.segments.append(segment)
                return self._bulk(end + 1, d)
            header = False
            if end == -1:
                if not raw[lead:].strip():
                    return end_of_text
                self.warn("unterminated_segment", start, "last segment has no terminator")
                end = end_of_text
            pos = end + 1
            segment = self._segment(raw[lead:], start, d, unwrap)
            if segment is not None:
                self.tokens.segments.append(segment)
                if segment.tag == "UNZ":
                    return pos
        return end_of_text

    def _bulk(self, pos: int, d: Delimiters) -> int:
        """The fast path after the header: split a whole interchange at its terminators."""
        text, terminator, release = self.text, d.terminator, d.release
        element, component = d.element, d.component
        unwrap = terminator not in "\r\n"
        size = len(text)
        while pos < size:
            found = _end_of_interchange(d).search(text, pos - 1)
            stop = text.find(terminator, found.end()) if found is not None else -1
            chunk_end = stop + 1 if stop != -1 else size
            chunk = text[pos:chunk_end]
            pieces = chunk.split(terminator)
            if release is not None and release in chunk:
                pieces = _merge_released(pieces, terminator, release)
            released = release is not None and release in chunk
            if not released:
                done = self._regular_chunk(pieces, pos, d, unwrap)
                if done is not None:
                    if done >= 0:
                        return done
                    pos = chunk_end
                    continue
            segments, newline, valid = self.tokens.segments, self.newline, self.valid_tags
            number, line, counted = self.number, self.line, self.counted_to
            append, count = segments.append, text.count
            unwrap_lf = unwrap and "\n" in chunk
            unwrap_cr = unwrap and "\r" in chunk
            tail = pieces.pop()
            offset = pos
            for raw in pieces:
                body = raw.lstrip(_WHITESPACE)
                start = offset + len(raw) - len(body)
                offset += len(raw) + 1
                if (unwrap_lf and "\n" in body) or (unwrap_cr and "\r" in body):
                    body = body.replace("\r", "").replace("\n", "")
                parts = body.split(element)
                tag = parts[0]
                if not (tag in valid or _valid_tag(tag, valid)) or (
                    released and (release or "") in body
                ):
                    self.number, self.line, self.counted_to = number, line, counted
                    if tag.startswith("UNA") and service_advice(text, start) is not None:
                        return start
                    segment = self._segment(body, start, d, unwrap)
                    number, line, counted = self.number, self.line, self.counted_to
                    if segment is None:
                        continue
                    append(segment)
                    tag = segment.tag
                else:
                    line += count(newline, counted, start)
                    counted = start
                    number += 1
                    append(_new(Segment, (tag, parts[1:], number, line, start, component)))
                if tag == "UNZ":
                    self.number, self.line, self.counted_to = number, line, counted
                    return offset
            body = tail.strip(_WHITESPACE)
            if body and chunk_end == size:
                start = offset + len(tail) - len(tail.lstrip(_WHITESPACE))
                self.number, self.line, self.counted_to = number, line, counted
                if not (body.startswith("UNA") and service_advice(text, start) is not None):
                    self.warn("unterminated_segment", start, "last segment has no terminator")
                    segment = self._segment(body, start, d, unwrap)
                    if segment is not None:
                        segments.append(segment)
                    number, line, counted = self.number, self.line, self.counted_to
                else:
                    return start
            self.number, self.line, self.counted_to = number, line, counted
            pos = chunk_end
        return size

    def _regular_chunk(
        self, pieces: list[str], pos: int, d: Delimiters, unwrap: bool
    ) -> int | None:
        """Tokenize a chunk of ordinary segments with list operations only (no per-segment
        Python statements): the offset after its ``UNZ``, -1 when the chunk ends without one,
        or ``None`` when something irregular asks for the careful loop."""
        if not pieces or pieces[-1].strip(_WHITESPACE):
            return None
        raws = pieces[:-1]
        bodies = [raw.lstrip(_WHITESPACE) for raw in raws]
        if unwrap and any("\n" in body or "\r" in body for body in bodies):
            return None
        rows = [body.split(d.element) for body in bodies]
        tags = [row[0] for row in rows]
        valid = self.valid_tags
        if not all(tag in valid or _valid_tag(tag, valid) for tag in tags):
            return None
        if "UNZ" in tags[:-1]:
            return None
        lengths = [len(raw) + 1 for raw in raws]
        starts = [
            offset + len(raw) - len(body)
            for offset, raw, body in zip(
                accumulate(lengths, initial=pos), raws, bodies, strict=False
            )
        ]
        count, newline = self.text.count, self.newline
        steps = [
            count(newline, a, b) for a, b in zip([self.counted_to, *starts], starts, strict=False)
        ]
        lines = list(accumulate(steps, initial=self.line))[1:]
        numbers = range(self.number + 1, self.number + 1 + len(rows))
        elements = [row[1:] for row in rows]
        self.tokens.segments.extend(
            map(_make_segment, zip(tags, elements, numbers, lines, starts, repeat(d.component)))
        )
        if rows:
            self.number, self.line, self.counted_to = numbers[-1], lines[-1], starts[-1]
        return pos + sum(lengths) if tags and tags[-1] == "UNZ" else -1

    def _no_terminator(self, start: int, d: Delimiters, *, first: bool) -> None:
        message = (
            f"no segment terminator {d.terminator!r} after the header at line "
            f"{self.position(start, advance=False).line}"
        )
        if first:
            raise EdifactError(message)
        self.warn("interchange_unterminated", start, message)

    def _segment(self, body: str, start: int, d: Delimiters, unwrap: bool) -> Segment | None:
        """One segment by the careful path (releases, odd tags, empty segments)."""
        if unwrap and ("\n" in body or "\r" in body):
            body = body.replace("\r", "").replace("\n", "")
        if not body:
            self.warn("empty_segment", start, "empty segment (two terminators in a row)")
            return None
        position = self.position(start)
        self.number += 1
        if d.release is not None and d.release in body:
            elements = self._split_released(body, d, start)
        else:
            elements = [part.split(d.component) for part in body.split(d.element)]
        tag = elements[0][0]
        if len(tag) != 3 or not (tag.isascii() and tag.isalnum() and tag.upper() == tag):
            self.tokens.warnings.append(
                warning("malformed_segment", position, f"segment tag {tag[:20]!r} is not valid")
            )
            return Segment(tag[:20], (), position.segment, position.line, start, d.component)
        return Segment(tag, elements[1:], position.segment, position.line, start, d.component)

    def _split_released(self, body: str, d: Delimiters, start: int) -> list[list[str]]:
        """Split a segment holding release characters (the regex walks from one service
        character to the next)."""
        release = d.release or ""
        if body.endswith(release) and (len(body) - len(body.rstrip(release))) % 2 == 1:
            self.warn("dangling_release", start, "segment ends with a release character")
            body = body[:-1]
        elements: list[list[str]] = []
        components: list[str] = []
        chars: list[str] = []
        pos = 0
        for match in _specials(d).finditer(body):
            chars.append(body[pos : match.start()])
            released = match.group(1)
            if released is not None:
                chars.append(released)
            else:
                components.append("".join(chars))
                chars = []
                if match.group(2) == d.element:
                    elements.append(components)
                    components = []
            pos = match.end()
        chars.append(body[pos:])
        components.append("".join(chars))
        elements.append(components)
        return elements


@cache
def _specials(d: Delimiters) -> re.Pattern[str]:
    """A released character, or an element or component separator."""
    release = re.escape(d.release or "")
    return re.compile(f"{release}(.)|([{re.escape(d.element + d.component)}])", re.S)


def _runs_on(header: str, d: Delimiters) -> bool:
    """Whether a header segment swallowed what follows it: too long, or holding the tag of a
    later service segment (the file's terminator is not the one in force)."""
    if len(header) > HEADER_LIMIT:
        return True
    return any(f"{tag}{d.element}" in header[3:] for tag in ("UNG", "UNH", "UNT", "UNZ"))


def _valid_tag(tag: str, valid: set[str]) -> bool:
    """Whether ``tag`` is three upper-case letters or digits (remembered in ``valid``)."""
    if len(tag) == 3 and tag.isascii() and tag.isalnum() and tag.upper() == tag and tag != "UNA":
        valid.add(tag)
        return True
    return False


def _released(text: str, index: int, release: str, floor: int) -> bool:
    """Whether the character at ``index`` is preceded by an odd run of release characters."""
    run = 0
    while index - run - 1 >= floor and text[index - run - 1] == release:
        run += 1
    return run % 2 == 1


def tokenize(data: bytes | str) -> Tokens:
    """Every segment of ``data`` (bytes are decoded, see :func:`decode`), with warnings.

    Raises :class:`EdifactError` when ``data`` holds no EDIFACT header or no terminator.
    """
    text, codec = decode(data)
    reader = _Reader(text)
    tokens = reader.run()
    if codec is not None:
        tokens.warnings.insert(
            0, warning("decoded_single_byte", Position(0, 1, 0), f"not UTF-8; read as {codec}")
        )
    return tokens
