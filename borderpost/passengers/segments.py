"""Segments as the tokenizer hands them on, and the careful split of a segment that holds
release characters.

Every data element is kept as one string; its components are split (at the segment's
``component`` character) only when a reader asks for them. A segment holding release
characters is split character by character once; when a released component separator
survives in a value, its components are joined with a character the segment does not
contain, and ``component`` names that character instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, partial
from itertools import compress, count, repeat
from typing import NamedTuple

from borderpost.passengers.findings import ParseWarning, Position
from borderpost.passengers.service import Delimiters

__all__ = [
    "Segment",
    "Tokens",
    "is_tag",
    "merge_released",
    "odd_release_run",
    "released_at",
    "spare_character",
    "split_released",
]


class Segment(NamedTuple):
    """One segment: its tag, its data elements and where it starts (``number`` in the file,
    1-based, ``UNA`` not counted; ``line``; ``offset``). ``elements[0]`` is the first data
    element after the tag, as one string whose components are separated by ``component``.

    Read components through :meth:`element`, :meth:`value` and :meth:`all_elements`. Treat a
    segment as read-only."""

    tag: str
    elements: Sequence[str]
    number: int
    line: int
    offset: int
    component: str = ":"

    @property
    def position(self) -> Position:
        return Position(self.number, self.line, self.offset)

    def element(self, index: int) -> list[str]:
        """Data element ``index`` (0-based after the tag) as its components; empty if absent."""
        elements = self.elements
        return elements[index].split(self.component) if index < len(elements) else []

    def value(self, index: int, component: int = 0) -> str:
        """Component ``component`` of element ``index``; ``""`` when absent."""
        elements = self.elements
        if index >= len(elements):
            return ""
        if component == 0:
            return elements[index].partition(self.component)[0]
        parts = elements[index].split(self.component)
        return parts[component] if component < len(parts) else ""

    def all_elements(self) -> list[list[str]]:
        """Every data element as its components."""
        component = self.component
        return [element.split(component) for element in self.elements]


# Segments are built in bulk from (tag, elements, number, line, offset, component) tuples.
make_segment: Callable[[tuple[str, Sequence[str], int, int, int, str]], Segment] = partial(
    tuple.__new__, Segment
)


@dataclass(slots=True)
class Tokens:
    """What the tokenizer read: segments in file order (``UNA`` advice included as a segment
    with the six characters as the components of its one element), warnings, and the decoded
    text."""

    segments: list[Segment] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    text: str = ""


def is_tag(tag: str, known: set[str]) -> bool:
    """Whether ``tag`` is three upper-case letters or digits other than ``UNA`` (those found
    are remembered in ``known``, so that each tag is checked once per file)."""
    if len(tag) == 3 and tag.isascii() and tag.isalnum() and tag.upper() == tag and tag != "UNA":
        known.add(tag)
        return True
    return False


def odd_release_run(text: str, release: str) -> bool:
    """Whether ``text`` ends with an odd run of release characters (the last one releases
    whatever follows)."""
    return (len(text) - len(text.rstrip(release))) % 2 == 1


def released_at(text: str, index: int, release: str, floor: int) -> bool:
    """Whether the character at ``index`` is preceded by an odd run of release characters
    (none before ``floor`` counted)."""
    run = 0
    while index - run - 1 >= floor and text[index - run - 1] == release:
        run += 1
    return run % 2 == 1


def spare_character(text: str) -> str:
    """A character (from the private use area on) that ``text`` does not hold."""
    return next(c for c in map(chr, range(0xE000, 0x110000)) if c not in text)


def merge_released(pieces: list[str], terminator: str, release: str) -> list[str]:
    """Join pieces of a text split at its terminators where a terminator was released (the
    piece before it ends with an odd run of release characters)."""
    ending = compress(count(), map(str.endswith, pieces, repeat(release)))
    released = {index for index in ending if odd_release_run(pieces[index], release)}
    if not released:
        return pieces
    merged: list[str] = []
    done, last = 0, len(pieces) - 1
    for index in sorted(released):
        if index < done:
            continue  # already joined to the piece before it
        end = index
        while end in released and end < last:
            end += 1
        merged.extend(pieces[done:index])
        merged.append(terminator.join(pieces[index : end + 1]))
        done = end + 1
    merged.extend(pieces[done:])
    return merged


@cache
def _unreleased(release: str, separator: str) -> re.Pattern[str]:
    """The ``separator`` characters that no ``release`` character precedes."""
    return re.compile(f"(?<!{re.escape(release)}){re.escape(separator)}")


def split_released(body: str, d: Delimiters) -> tuple[list[str], str]:
    """The elements of a segment holding release characters, and the character that
    separates their components: ``d.component``, unless a released component separator is
    part of a value (then a character the segment does not hold). Each release character
    keeps the character after it as data; a dangling one at the end must have been removed.
    """
    release, element, component = d.release or "", d.element, d.component
    if release and release + release not in body:
        # the usual case: no release character releases another one, so a separator is one
        # no release character precedes, and every release character can then be dropped
        parts = _unreleased(release, element).split(body)
        if release + component in body:  # a released component separator: data
            spare = spare_character(body)
            unreleased = _unreleased(release, component)
            parts = [unreleased.sub(spare, part) for part in parts]
            component = spare
        return [part.replace(release, "") for part in parts], component
    elements: list[list[str]] = [[""]]
    own_separator = False
    pos = 0
    while True:
        found = body.find(release, pos)
        plain = body[pos:found] if found != -1 else body[pos:]
        for number, text in enumerate(plain.split(element)):
            if number:
                elements.append([""])
            components = text.split(component)
            current = elements[-1]
            current[-1] += components[0]
            current.extend(components[1:])
        if found == -1:
            break
        kept = body[found + 1 : found + 2]
        own_separator = own_separator or kept == component
        elements[-1][-1] += kept
        pos = found + 2
    if own_separator:
        component = spare_character(body)
    return [component.join(components) for components in elements], component
