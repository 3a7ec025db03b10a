"""Whatever arrives, the reader answers: a reading with warnings, or one ``EdifactError``."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderpost.passengers import EdifactError, read
from borderpost.passengers.edifact import tokenize

SAMPLES = sorted((Path(__file__).resolve().parents[2].parent / "shared/data/paxlst").glob("*.edi"))
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
# Text made of what EDIFACT is made of, so that the fuzzer reaches deep into the reader.
edifactish = st.text(
    alphabet=st.sampled_from(list("UNABGHTZEDOCLFMPSX+:'?*$ \r\n0123456789.-(")),
    max_size=400,
).map(lambda body: "UNB+UNOA:4+A+B+240101:1000+1'UNH+1+PAXLST:D:05B:UN:IATA'" + body)


def _survives(data: bytes | str) -> None:
    started = time.perf_counter()
    try:
        reading = read(data)
    except EdifactError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        json.dumps(reading.to_dict())
        for item in reading.warnings:
            assert item.code and item.message
    assert time.perf_counter() - started < 5


@FUZZ
@given(st.binary(max_size=600))
def test_arbitrary_bytes(data: bytes) -> None:
    _survives(data)


@FUZZ
@given(st.text(max_size=600))
def test_arbitrary_text(text: str) -> None:
    _survives(text)


@FUZZ
@given(edifactish)
def test_edifact_like_text(text: str) -> None:
    _survives(text)
    try:
        tokens = tokenize(text)
    except EdifactError:
        return
    invalid = [
        s
        for s in tokens.segments
        if not (len(s.tag) == 3 and s.tag.isascii() and s.tag.isalnum() and s.tag.upper() == s.tag)
    ]
    malformed = [w for w in tokens.warnings if w.code == "malformed_segment"]
    assert len(invalid) == len(malformed)


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.name for p in SAMPLES])
@FUZZ
@given(data=st.data())
def test_mutated_samples(sample: Path, data: st.DataObject) -> None:
    raw = bytearray(sample.read_bytes())
    for _ in range(data.draw(st.integers(1, 8))):
        where = data.draw(st.integers(0, len(raw)))
        action = data.draw(st.sampled_from(["insert", "delete", "replace", "cut"]))
        byte = data.draw(st.sampled_from(list(b"'+:?* \r\n\x00\xffUNZ")))
        if action == "insert":
            raw.insert(where, byte)
        elif action == "delete" and where < len(raw):
            del raw[where]
        elif action == "replace" and where < len(raw):
            raw[where] = byte
        elif action == "cut":
            del raw[where:]
    _survives(bytes(raw))
