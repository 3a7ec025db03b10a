"""The tokenizer's walk through one interchange's segments, and where each segment starts.

:class:`Scanner` keeps the running segment number and line, and turns text into
:class:`~borderpost.passengers.segments.Segment` objects two ways:

* in bulk (:meth:`Scanner.interchange`): an interchange is split at its terminators with
  ``str.split`` (released terminators joined back), teletype wraps are removed, and every
  segment with a valid tag is built with list operations, no Python statement per segment
  (those holding release characters are split by
  :func:`~borderpost.passengers.segments.split_released` first);
* carefully (:meth:`Scanner.segment`), one at a time, for the few that need a warning or a
  second look: empty segments, odd tags, a dangling release character, a new ``UNA``.

Both give the same segments and warnings; the bulk path only exists for speed (profile
before making it cleverer: building the segment objects is most of its time).
"""

from __future__ import annotations

import re
from functools import cache
from itertools import accumulate, chain, compress, count, islice, repeat
from operator import add, itemgetter, sub

from borderpost.passengers.findings import Position, warning
from borderpost.passengers.segments import (
    Segment,
    Tokens,
    is_tag,
    make_segment,
    merge_released,
    odd_release_run,
    released_at,
    split_released,
)
from borderpost.passengers.service import Delimiters, service_advice

__all__ = ["BLOCK", "WHITESPACE", "Scanner"]

WHITESPACE = " \t\r\n"
# An interchange is read in blocks of about this many characters: a block's lists and
# segments stay in the processor's caches from one bulk step to the next, where a whole
# day's interchange at once does not (a fifth faster on a loaded machine, bench/paxlst.py).
BLOCK = 4096
_head = itemgetter(0)
_tail = itemgetter(slice(1, None))
# Valid tags met so far, in any file (at most 36**3 of them): each is checked once.
_KNOWN_TAGS: set[str] = set()


def _unwrap(bodies: list[str]) -> None:
    """Remove the line breaks inside segments (teletype wraps), in place."""
    joined = "".join(bodies)  # one search of the whole chunk finds whether there are any
    for newline in "\r\n":
        if newline in joined:
            for index in compress(count(), map(str.__contains__, bodies, repeat(newline))):
                bodies[index] = bodies[index].replace("\r", "").replace("\n", "")


@cache
def _end_of_interchange(d: Delimiters) -> re.Pattern[str]:
    return re.compile(re.escape(d.terminator) + r"[ \t\r\n]*UNZ" + re.escape(d.element))


class Scanner:
    """Segments of one decoded text with their numbers and lines (counted incrementally)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.block = BLOCK
        self.tokens = Tokens(text=text)
        self.number = 0
        self.line = 1
        self.counted_to = 0
        self.newline = "\n" if "\n" in text else "\r"
        self.known_tags = _KNOWN_TAGS

    def position(self, offset: int, *, advance: bool = True) -> Position:
        """The position of a segment starting at ``offset``."""
        self.line += self.text.count(self.newline, self.counted_to, offset)
        self.counted_to = offset
        return Position(self.number + (1 if advance else 0), self.line, offset)

    def warn(self, code: str, offset: int, message: str) -> None:
        self.tokens.warnings.append(warning(code, self.position(offset, advance=False), message))

    def segment(self, body: str, start: int, d: Delimiters) -> Segment | None:
        """One segment by the careful path (releases, wraps, odd tags, empty segments)."""
        if d.terminator not in "\r\n" and ("\n" in body or "\r" in body):
            body = body.replace("\r", "").replace("\n", "")
        if not body:
            self.warn("empty_segment", start, "empty segment (two terminators in a row)")
            return None
        position = self.position(start)
        self.number += 1
        release = d.release
        if release is not None and release in body:
            if odd_release_run(body, release):
                self.warn("dangling_release", start, "segment ends with a release character")
                body = body[:-1]
            elements, component = split_released(body, d)
        else:
            elements, component = body.split(d.element), d.component
        tag = elements[0].partition(component)[0]
        if len(tag) != 3 or not (tag.isascii() and tag.isalnum() and tag.upper() == tag):
            self.tokens.warnings.append(
                warning("malformed_segment", position, f"segment tag {tag[:20]!r} is not valid")
            )
            return Segment(tag[:20], (), position.segment, position.line, start, component)
        return Segment(tag, tuple(elements[1:]), position.segment, position.line, start, component)

    def interchange(self, pos: int, d: Delimiters) -> int:
        """Read the segments after an interchange's header, from ``pos``, until its ``UNZ``
        (returns the offset after it), a new ``UNA`` (returns its offset) or the end."""
        text, terminator, release = self.text, d.terminator, d.release
        size = len(text)
        while pos < size:
            found = _end_of_interchange(d).search(text, pos - 1)
            stop = text.find(terminator, found.end()) if found is not None else -1
            chunk_end = stop + 1 if stop != -1 else size
            while pos < chunk_end:
                block_end = self._block_end(pos, chunk_end, d)
                block = text[pos:block_end]
                pieces = block.split(terminator)
                released = release is not None and release in block
                if released:
                    pieces = merge_released(pieces, terminator, release or "")
                tail = pieces.pop()
                done = self._pieces(pieces, pos, d, released)
                if done is not None:
                    return done
                body = tail.strip(WHITESPACE)
                if body and block_end == size:
                    start = size - len(tail.lstrip(WHITESPACE))
                    if body.startswith("UNA") and service_advice(text, start) is not None:
                        return start
                    self.warn("unterminated_segment", start, "last segment has no terminator")
                    segment = self.segment(body, start, d)
                    if segment is not None:
                        self.tokens.segments.append(segment)
                pos = block_end
        return size

    def _block_end(self, pos: int, limit: int, d: Delimiters) -> int:
        """Where the block of segments from ``pos`` ends: after the first terminator (not
        released) ``self.block`` characters on, or at ``limit``."""
        text, terminator, release = self.text, d.terminator, d.release
        end = text.find(terminator, pos + self.block, limit)
        if release is not None:
            while end != -1 and released_at(text, end, release, pos):
                end = text.find(terminator, end + 1, limit)
        return end + 1 if end != -1 else limit

    def _pieces(self, raws: list[str], pos: int, d: Delimiters, released: bool) -> int | None:
        """Segments from the text between terminators (``raws``, the first at ``pos``): the
        offset after a ``UNZ`` or of a new ``UNA``, or ``None`` to go on after them."""
        bodies = list(map(str.lstrip, raws, repeat(WHITESPACE)))
        # where each body starts: its terminator's offset less its length
        stops: list[int] = list(
            islice(accumulate(map(add, map(len, raws), repeat(1)), initial=pos - 1), 1, None)
        )
        starts: list[int] = list(map(sub, stops, map(len, bodies)))
        if d.terminator not in "\r\n":
            _unwrap(bodies)
        # tuples, not lists: once the garbage collector has seen that a segment holds only
        # strings and numbers it stops tracking it, which keeps collections cheap
        rows = list(map(tuple, map(str.split, bodies, repeat(d.element))))
        tags = list(map(_head, rows))
        closed = "UNZ" in tags
        last = tags.index("UNZ") + 1 if closed else len(tags)
        known = self.known_tags
        odd = {tag for tag in set(tags) - known if not is_tag(tag, known)}
        careful = [index for index, tag in enumerate(tags) if tag in odd] if odd else []
        separators = None
        if released:
            careful, separators = self._unescape(bodies, rows, careful, d)
        done = 0
        for index in chain(careful, [last]):
            if index >= last:
                break
            self._bulk(tags, rows, starts, separators, done, index, d.component)
            done = index + 1
            segment = self._careful(bodies[index], starts[index], d)
            if isinstance(segment, int):
                return segment
            if segment is not None and segment.tag == "UNZ":
                return stops[index] + 1
        self._bulk(tags, rows, starts, separators, done, last, d.component)
        return stops[last - 1] + 1 if closed else None

    def _unescape(
        self, bodies: list[str], rows: list[tuple[str, ...]], careful: list[int], d: Delimiters
    ) -> tuple[list[int], list[str]]:
        """Split the pieces holding release characters here (replacing their rows), except
        those the careful path takes anyway or that end with a dangling release (a warning):
        returns the pieces for the careful path and each piece's component separator."""
        release = d.release or ""
        separators = [d.component] * len(bodies)
        irregular = set(careful)
        for index in compress(count(), map(str.__contains__, bodies, repeat(release))):
            body = bodies[index]
            if index in irregular or (body.endswith(release) and odd_release_run(body, release)):
                irregular.add(index)
                continue
            elements, separators[index] = split_released(body, d)
            rows[index] = tuple(elements)
        return sorted(irregular), separators

    def _careful(self, body: str, start: int, d: Delimiters) -> Segment | int | None:
        """A piece the bulk path cannot take: its segment (``None`` when empty), or the offset
        of a new interchange's ``UNA``."""
        if d.terminator not in "\r\n" and ("\n" in body or "\r" in body):
            body = body.replace("\r", "").replace("\n", "")
        if body.startswith("UNA") and service_advice(self.text, start) is not None:
            return start
        segment = self.segment(body, start, d)
        if segment is not None:
            self.tokens.segments.append(segment)
        return segment

    def _bulk(
        self,
        tags: list[str],
        rows: list[tuple[str, ...]],
        starts: list[int],
        separators: list[str] | None,
        begin: int,
        end: int,
        component: str,
    ) -> None:
        """Ordinary segments ``begin`` to ``end`` (exclusive) of a chunk, built in bulk."""
        if begin >= end:
            return
        run = starts[begin:end]
        lines = list(
            accumulate(
                map(self.text.count, repeat(self.newline), chain([self.counted_to], run), run),
                initial=self.line,
            )
        )
        number = self.number
        self.tokens.segments.extend(
            map(
                make_segment,
                zip(
                    tags[begin:end],
                    map(_tail, rows[begin:end]),
                    range(number + 1, number + 1 + end - begin),
                    islice(lines, 1, None),
                    run,
                    repeat(component) if separators is None else separators[begin:end],
                    strict=False,  # repeat() has no end
                ),
            )
        )
        self.number, self.line, self.counted_to = number + end - begin, lines[-1], run[-1]
