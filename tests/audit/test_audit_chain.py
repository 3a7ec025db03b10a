"""The pure hash chain: any sequence of events verifies; any single change is caught."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from borderpost.audit.chain import (
    GENESIS_HASH,
    BreakKind,
    ChainEvent,
    ChainLink,
    canonical_event,
    event_hash,
    verify_links,
)

JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
JSON = st.recursive(
    JSON_SCALARS | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)
TIMES = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
)
CONTENT = st.tuples(
    TIMES,
    st.text(min_size=1, max_size=12),
    st.sampled_from(["traveller.read", "hit.clear", "decision.override", "user.create"]),
    st.sampled_from(["traveller", "screening_hit", "inspection", "user"]),
    st.none() | st.text(max_size=8),
    st.dictionaries(st.text(max_size=6), JSON, max_size=4),
)


def build(contents: list[tuple[Any, ...]]) -> list[ChainLink]:
    links: list[ChainLink] = []
    prev = GENESIS_HASH
    for seq, (at, actor, action, subject_type, subject_id, details) in enumerate(contents, 1):
        event = ChainEvent(seq, at, actor, action, subject_type, subject_id, details)
        digest = event_hash(prev, event)
        links.append(ChainLink(event, prev, digest))
        prev = digest
    return links


def test_canonical_form_is_fixed() -> None:
    event = ChainEvent(
        1, dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC), "ana", "user.create", "user", "7",
        {"role": "officer", "a": [1, "é"]},
    )  # fmt: skip
    assert (
        canonical_event(event)
        == (
            '{"action":"user.create","actor":"ana","at":"2026-12-01T08:00:00.000000+00:00",'
            '"details":{"a":[1,"é"],"role":"officer"},"seq":1,"subject_id":"7",'
            '"subject_type":"user"}'
        ).encode()
    )
    # Same instant in another zone, same hash.
    other = dataclasses.replace(event, at=event.at.astimezone(dt.timezone(dt.timedelta(hours=5))))
    assert event_hash(GENESIS_HASH, other) == event_hash(GENESIS_HASH, event)


@given(st.lists(CONTENT, max_size=12))
def test_any_chain_verifies(contents: list[tuple[Any, ...]]) -> None:
    links = build(contents)
    result = verify_links(links)
    assert result.intact and result.count == len(links)
    if links:
        assert verify_links(links, anchor=(len(links), links[-1].hash)).intact


@given(st.lists(CONTENT, min_size=1, max_size=10), st.data())
def test_any_single_change_is_caught(contents: list[tuple[Any, ...]], data: st.DataObject) -> None:
    links = build(contents)
    index = data.draw(st.integers(0, len(links) - 1))
    link = links[index]
    event = link.event
    field = data.draw(st.sampled_from(["actor", "action", "subject_id", "details", "at"]))
    replacement: Any = {
        "actor": event.actor + "x",
        "action": event.action + ".x",
        "subject_id": (event.subject_id or "") + "x",
        "details": {**event.details, "tampered": True},
        "at": event.at + dt.timedelta(microseconds=1),
    }[field]
    links[index] = ChainLink(
        dataclasses.replace(event, **{field: replacement}), link.prev_hash, link.hash
    )
    result = verify_links(links)
    assert not result.intact
    assert (result.broken_seq, result.kind) == (index + 1, BreakKind.ALTERED)


@given(st.lists(CONTENT, min_size=2, max_size=10), st.data())
def test_any_single_deletion_is_caught(
    contents: list[tuple[Any, ...]], data: st.DataObject
) -> None:
    links = build(contents)
    anchor = (len(links), links[-1].hash)
    index = data.draw(st.integers(0, len(links) - 1))
    del links[index]
    result = verify_links(links, anchor=anchor)
    assert (result.intact, result.broken_seq, result.kind) == (False, index + 1, BreakKind.DELETED)


@settings(max_examples=50)
@given(st.lists(CONTENT, min_size=1, max_size=10), CONTENT, st.data())
def test_any_single_insertion_is_caught(
    contents: list[tuple[Any, ...]], extra: tuple[Any, ...], data: st.DataObject
) -> None:
    links = build(contents)
    index = data.draw(st.integers(0, len(links)))
    # The forger knows the algorithm: the new event chains to its predecessor and the rest
    # are renumbered, but they cannot re-hash the events after it without the anchor moving.
    prev = GENESIS_HASH if index == 0 else links[index - 1].hash
    at, actor, action, subject_type, subject_id, details = extra
    event = ChainEvent(index + 1, at, actor, action, subject_type, subject_id, details)
    forged = ChainLink(event, prev, event_hash(prev, event))
    tail = [
        ChainLink(
            dataclasses.replace(link.event, seq=link.event.seq + 1), link.prev_hash, link.hash
        )
        for link in links[index:]
    ]
    anchor = (len(links), links[-1].hash)
    result = verify_links([*links[:index], forged, *tail], anchor=anchor)
    if index < len(links):
        result = verify_links([*links[:index], forged, *tail])  # no anchor needed
        assert (result.intact, result.broken_seq, result.kind) == (
            False,
            index + 2,
            BreakKind.INSERTED,
        )
    else:
        # Appended after the anchored head with a correct hash: indistinguishable from a real
        # append. The documented limit of an unkeyed chain (docs/audit.md).
        assert result.intact
