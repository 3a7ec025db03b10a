"""Interchanges, functional groups and messages: the EDIFACT envelope around the data.

:func:`structure` walks the tokenizer's segments once and builds the envelope, checking what
the trailers declare against what is there: ``UNT`` (segments in the message), ``UNE``
(messages in the group), ``UNZ`` (messages or groups in the interchange) and the control
references they repeat. A missing trailer or header is reported and tolerated; a segment
outside any message is reported and ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress, count, repeat
from operator import itemgetter

from borderpost.passengers.edifact import DEFAULT, Delimiters, Segment, Tokens, service_advice
from borderpost.passengers.findings import ParseWarning, Position, warning

__all__ = ["Envelope", "Group", "Interchange", "Message", "structure"]

_tag = itemgetter(0)  # a segment's tag


@dataclass(slots=True)
class Message:
    """One ``UNH`` ... ``UNT`` message: its identifier (``PAXLST:D:05B:UN:IATA``) split into
    parts, the transfer status of a message sent in parts, and the segments between."""

    header: Segment
    body: list[Segment] = field(default_factory=list)
    trailer: Segment | None = None
    interchange: int = 0
    group: int | None = None

    @property
    def reference(self) -> str:
        return self.header.value(0)

    @property
    def identifier(self) -> str:
        return ":".join(self.header.element(1))

    @property
    def type(self) -> str:
        return self.header.value(1, 0).strip().upper()

    @property
    def version(self) -> str:
        """Version and release (``D:05B`` gives ``D05B``; PNRGOV ``11:1`` gives ``11.1``)."""
        version, release = self.header.value(1, 1), self.header.value(1, 2)
        return f"{version}{release}" if version == "D" else f"{version}.{release}"

    @property
    def association(self) -> str:
        return self.header.value(1, 4).strip().upper()

    @property
    def access_reference(self) -> str:
        """Common access reference (``UNH`` element 3): shared by the parts of one message."""
        return self.header.value(2)

    @property
    def part(self) -> tuple[int | None, str]:
        """Sequence number of this transfer and its first/last code (``C`` first, ``F`` final)."""
        number = self.header.value(3, 0).strip()
        return (int(number) if number.isdigit() else None), self.header.value(3, 1).strip()

    @property
    def declared_segments(self) -> str | None:
        """The segment count the ``UNT`` declares, as written (``None`` without a trailer)."""
        return self.trailer.value(0) if self.trailer is not None else None

    @property
    def segment_count(self) -> int:
        """Segments from ``UNH`` to ``UNT`` inclusive, as actually present."""
        return len(self.body) + 1 + (1 if self.trailer is not None else 0)


@dataclass(slots=True)
class Group:
    """A ``UNG`` ... ``UNE`` functional group."""

    header: Segment
    messages: list[Message] = field(default_factory=list)


@dataclass(slots=True)
class Interchange:
    """A ``UNB`` ... ``UNZ`` interchange (``header`` is ``None`` for messages found without
    one) with the delimiters it was written with."""

    header: Segment | None
    delimiters: Delimiters = DEFAULT
    groups: list[Group] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)

    @property
    def syntax(self) -> str:
        return self.header.value(0, 0) if self.header is not None else ""

    @property
    def prepared(self) -> str:
        """Date of preparation as written (``YYMMDD``), ``""`` when unknown."""
        return self.header.value(3, 0).strip() if self.header is not None else ""


@dataclass(slots=True)
class Envelope:
    """Every interchange of a file, the messages in file order, and warnings so far."""

    interchanges: list[Interchange]
    messages: list[Message]
    warnings: list[ParseWarning]
    segment_count: int


class _Builder:
    def __init__(self, tokens: Tokens) -> None:
        self.warnings = list(tokens.warnings)
        self.interchanges: list[Interchange] = []
        self.messages: list[Message] = []
        self.interchange: Interchange | None = None
        self.group: Group | None = None
        self.message: Message | None = None
        self.delimiters = DEFAULT
        self.last: Segment | None = None

    def warn(self, code: str, position: Position, message: str) -> None:
        self.warnings.append(warning(code, position, message))

    def count(self, segment: Segment, what: str, actual: int, code: str) -> None:
        """Compare a declared count (element 1 of a trailer) with what is there."""
        declared = segment.value(0).strip()
        if not declared.isdigit():
            self.warn("count_not_numeric", segment.position, f"{what} count {declared!r}")
        elif int(declared) != actual:
            self.warn(code, segment.position, f"{what} declares {declared}, found {actual}")

    def reference(self, trailer: Segment, index: int, header: Segment | None, what: str) -> None:
        if header is None:
            return
        ours, theirs = trailer.value(1).strip(), header.value(index).strip()
        if ours != theirs:
            self.warn(
                "control_reference_mismatch",
                trailer.position,
                f"{what} reference {ours!r} differs from the header's {theirs!r}",
            )

    def open_interchange(self, header: Segment | None, position: Position) -> Interchange:
        if header is None:
            self.warn(
                "missing_interchange_header", position, "message outside an interchange (no UNB)"
            )
        interchange = Interchange(header, self.delimiters)
        self.interchanges.append(interchange)
        self.interchange = interchange
        self.delimiters = DEFAULT
        return interchange

    def close_message(self, position: Position) -> None:
        if self.message is not None:
            self.warn(
                "missing_message_trailer",
                position,
                f"message {self.message.reference!r} has no UNT",
            )
            self.message = None

    def close_group(self, position: Position) -> None:
        self.close_message(position)
        if self.group is not None:
            self.warn("missing_group_trailer", position, "functional group has no UNE")
            self.group = None

    def close_interchange(self, position: Position) -> None:
        self.close_group(position)
        if self.interchange is not None:
            self.warn("missing_interchange_trailer", position, "interchange has no UNZ")
            self.interchange = None

    def add_run(self, segments: list[Segment]) -> None:
        """Data segments (no service segment among them) in a row: what :meth:`add` does with
        each of them."""
        if self.message is not None:
            self.message.body.extend(segments)
            return
        self.last = segments[-1]
        for segment in segments:
            self.warn(
                "segment_outside_message",
                segment.position,
                f"{segment.tag} segment outside a message",
            )

    def add(self, segment: Segment) -> None:
        tag = segment.tag
        if tag[:2] != "UN" and self.message is not None:
            self.message.body.append(segment)
            return
        self.last = segment
        position = segment.position
        if tag == "UNA":
            self.close_interchange(position)
            self.delimiters = _advice(segment)
            return
        if tag == "UNB":
            self.close_interchange(position)
            self.open_interchange(segment, position)
        elif tag == "UNG":
            self.close_group(position)
            interchange = self.interchange or self.open_interchange(None, position)
            self.group = Group(segment)
            interchange.groups.append(self.group)
        elif tag == "UNH":
            self.close_message(position)
            interchange = self.interchange or self.open_interchange(None, position)
            self.message = Message(
                segment,
                interchange=len(self.interchanges) - 1,
                group=len(interchange.groups) - 1 if self.group is not None else None,
            )
            interchange.messages.append(self.message)
            self.messages.append(self.message)
            if self.group is not None:
                self.group.messages.append(self.message)
        elif tag == "UNT":
            self.trailer(segment)
        elif tag == "UNE":
            self.close_message(position)
            if self.group is None:
                self.warn("unexpected_service_segment", position, "UNE without an open UNG")
                return
            self.count(segment, "UNE", len(self.group.messages), "message_count_mismatch")
            self.reference(segment, 4, self.group.header, "UNE")
            self.group = None
        elif tag == "UNZ":
            self.close_group(position)
            if self.interchange is None:
                self.warn("unexpected_service_segment", position, "UNZ without an open UNB")
                return
            interchange = self.interchange
            groups = len(interchange.groups)
            self.count(
                segment, "UNZ", groups or len(interchange.messages), "message_count_mismatch"
            )
            self.reference(segment, 4, interchange.header, "UNZ")
            self.interchange = None
        elif self.message is not None:
            self.message.body.append(segment)
        else:
            self.warn("segment_outside_message", position, f"{tag} segment outside a message")

    def trailer(self, segment: Segment) -> None:
        message = self.message
        if message is None:
            self.warn("unexpected_service_segment", segment.position, "UNT without an open UNH")
            return
        message.trailer = segment
        self.count(segment, "UNT", message.segment_count, "segment_count_mismatch")
        if segment.value(1).strip() != message.reference.strip():
            self.warn(
                "control_reference_mismatch",
                segment.position,
                f"UNT reference {segment.value(1)!r} differs from UNH's {message.reference!r}",
            )
        self.message = None


def _advice(segment: Segment) -> Delimiters:
    return service_advice("UNA" + "".join(segment.element(0)), 0) or DEFAULT


def structure(tokens: Tokens) -> Envelope:
    """The envelope of a tokenized file, with every count and reference checked."""
    builder = _Builder(tokens)
    segments = tokens.segments
    # Only service segments (UN...) change the structure: walk those one by one and hand
    # the runs of data segments between them on in one piece.
    service = list(compress(count(), map(str.startswith, map(_tag, segments), repeat("UN"))))
    done = 0
    for index in service:
        if index > done:
            builder.add_run(segments[done:index])
        builder.add(segments[index])
        done = index + 1
    if done < len(segments):
        builder.add_run(segments[done:])
    last = segments[-1] if segments else builder.last
    builder.close_interchange(last.position if last is not None else Position(0, 1, 0))
    advice = sum(1 for index in service if segments[index].tag == "UNA")
    return Envelope(
        builder.interchanges, builder.messages, builder.warnings, len(segments) - advice
    )
