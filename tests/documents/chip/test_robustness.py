"""Untrusted bytes of every kind: never a crash, always a named error."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderpost.documents.chip import (
    ChipFormatError,
    check_masterlist,
    load_certificate,
    load_crl,
    parse_sod,
    verify,
)
from borderpost.documents.chip.findings import catalogue
from borderpost.documents.chip.keys import parse_dg14, parse_dg15
from borderpost.documents.chip.lds import parse_com, read_dg1
from tests.conftest import SHARED_DATA
from tests.documents.chip import pki

CODES = set(catalogue())


@cache
def _real_sod() -> bytes:
    return (SHARED_DATA / "chip/sod/etsi_EF_SOD.bin").read_bytes()


@cache
def _test_masterlist() -> bytes:
    csca = pki.certificate(pki.name("UT", "CSCA UT"), pki.make_key("p256", 20), ca=True)
    return pki.master_list(csca, [csca])


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["flip", "insert", "delete", "truncate", "set"]))
        index = draw(st.integers(0, max(0, len(data) - 1)))
        if action == "flip" and data:
            data[index] ^= 1 << draw(st.integers(0, 7))
        elif action == "insert":
            data[index:index] = draw(st.binary(min_size=1, max_size=4))
        elif action == "delete" and data:
            del data[index : index + draw(st.integers(1, 8))]
        elif action == "truncate":
            del data[index:]
        elif data:
            data[index] = draw(st.sampled_from([0x00, 0x80, 0x81, 0x84, 0xFF, 0x30, 0x31]))
    return bytes(data)


def _named(call: object) -> None:
    try:
        call()  # type: ignore[operator]
    except ChipFormatError as exc:
        assert exc.code in CODES and exc.message


@given(st.binary(max_size=400))
@settings(max_examples=300, deadline=None)
def test_random_bytes(data: bytes) -> None:
    report = verify(data, {1: data})
    assert not report.authentic and report.errors
    assert {f.code for f in report.findings} <= CODES
    for parse in (parse_sod, load_certificate, load_crl, check_masterlist):
        _named(lambda parse=parse: parse(data))
    for reader in (parse_com, read_dg1, parse_dg14, parse_dg15):
        _named(lambda reader=reader: reader(data))


@given(st.data())
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_real_sod(data: st.DataObject) -> None:
    original = _real_sod()
    changed = data.draw(mutated(original))
    dg1 = (SHARED_DATA / "chip/dg/etsi_EF_DG1.bin").read_bytes()
    report = verify(changed, {1: dg1})
    assert not report.authentic
    assert {f.code for f in report.findings} <= CODES
    if changed != original:
        assert report.errors
    _named(lambda: parse_sod(changed))


@given(st.data())
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_master_list(data: st.DataObject) -> None:
    changed = data.draw(mutated(_test_masterlist()))
    try:
        checked = check_masterlist(changed)
    except ChipFormatError as exc:
        assert exc.code in CODES
        return
    assert {f.code for f in checked.findings} <= CODES


@given(st.data())
@settings(max_examples=100, deadline=None)
def test_mutated_data_groups(data: st.DataObject) -> None:
    chip = SHARED_DATA / "chip/dg"
    name = data.draw(st.sampled_from(["etsi_EF_DG1.bin", "etsi_EF_DG14.bin", "etsi_EF_DG15.bin"]))
    changed = data.draw(mutated((chip / name).read_bytes()))
    for reader in (read_dg1, parse_dg14, parse_dg15, parse_com):
        _named(lambda reader=reader: reader(changed))


def test_test_masterlist_verifies(tmp_path: Path) -> None:
    checked = check_masterlist(_test_masterlist())
    assert checked.trusted and len(checked.certificates) == 1
    tampered = bytearray(_test_masterlist())
    tampered[-5] ^= 1
    assert not check_masterlist(bytes(tampered)).trusted


def _pss_identifier(parameters: object) -> Any:
    from asn1crypto import algos

    return algos.SignedDigestAlgorithm({"algorithm": "rsassa_pss", "parameters": parameters})


def test_damaged_pss_parameters_are_named() -> None:
    """RSASSA-PSS parameters that do not decode, or give a negative salt, are a malformed
    SOD (found by Hypothesis on a mutated real SOD: asn1crypto raised ValueError, a REAL in
    place of a structure AttributeError, and cryptography refused a negative salt)."""
    from asn1crypto import algos

    from borderpost.documents.chip.algorithms import scheme

    negative = algos.RSASSAPSSParams(
        {
            "hash_algorithm": {"algorithm": "sha256"},
            "mask_gen_algorithm": {"algorithm": "mgf1", "parameters": {"algorithm": "sha256"}},
            "salt_length": -1,
        }
    )
    good = algos.RSASSAPSSParams(
        {
            "hash_algorithm": {"algorithm": "sha256"},
            "mask_gen_algorithm": {"algorithm": "mgf1", "parameters": {"algorithm": "sha256"}},
            "salt_length": 32,
        }
    )
    assert scheme(_pss_identifier(good)).hash == "sha256"
    encoded = _pss_identifier(good).dump()
    for damaged in (
        _pss_identifier(negative).dump(),
        encoded[:-3] + b"\x09\x01\x00",  # the salt's INTEGER turned into a REAL
    ):
        try:
            result = scheme(algos.SignedDigestAlgorithm.load(damaged))
        except ChipFormatError as exc:
            assert exc.code in CODES
            assert exc.code == "sod_malformed", exc.message
        else:
            raise AssertionError(f"damaged PSS parameters read as {result}")
