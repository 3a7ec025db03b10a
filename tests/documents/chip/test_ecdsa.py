"""Our own curve arithmetic against OpenSSL, and on the explicit-parameter CSCAs of a real list."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from hypothesis import given, settings
from hypothesis import strategies as st

from borderpost.documents.chip import Certificate, check_masterlist, ecdsa
from borderpost.documents.chip.publickey import digest

OPENSSL = {
    "brainpoolP256r1": ec.BrainpoolP256R1(),
    "brainpoolP384r1": ec.BrainpoolP384R1(),
    "brainpoolP512r1": ec.BrainpoolP512R1(),
    "secp224r1": ec.SECP224R1(),
    "secp256r1": ec.SECP256R1(),
    "secp384r1": ec.SECP384R1(),
    "secp521r1": ec.SECP521R1(),
}


@pytest.mark.parametrize("name", sorted(OPENSSL))
def test_constants_and_verification_agree_with_openssl(name: str) -> None:
    curve = ecdsa.named(name)
    assert curve is not None
    curve.check()
    key = ec.generate_private_key(OPENSSL[name])
    numbers = key.public_key().public_numbers()
    assert ecdsa.public_point(curve, key.private_numbers().private_value) == (numbers.x, numbers.y)
    message = b"ICAO 9303 passive authentication"
    r, s = decode_dss_signature(key.sign(message, ec.ECDSA(hashes.SHA256())))
    q = (numbers.x, numbers.y)
    assert ecdsa.verify(curve, q, digest("sha256", message), r, s)
    assert not ecdsa.verify(curve, q, digest("sha256", message + b"!"), r, s)
    assert not ecdsa.verify(curve, q, digest("sha256", message), s, r) or r == s
    assert not ecdsa.verify(curve, q, digest("sha256", message), 0, s)
    assert not ecdsa.verify(curve, q, digest("sha256", message), r, curve.n)


def test_point_decoding() -> None:
    curve = ecdsa.named("brainpoolP256r1")
    assert curve is not None
    x, y = ecdsa.public_point(curve, 123456789)
    size = curve.byte_length
    full = b"\x04" + x.to_bytes(size, "big") + y.to_bytes(size, "big")
    assert curve.decode_point(full) == (x, y)
    assert curve.decode_point(bytes([2 + (y & 1)]) + x.to_bytes(size, "big")) == (x, y)
    with pytest.raises(ecdsa.CurveError):
        curve.decode_point(b"\x04" + x.to_bytes(size, "big") + (y + 1).to_bytes(size, "big"))
    with pytest.raises(ecdsa.CurveError):
        curve.decode_point(b"\x04\x01")


@given(st.integers(min_value=1, max_value=2**256), st.binary(max_size=80), st.integers(0, 2**300))
@settings(max_examples=60, deadline=None)
def test_verify_never_raises(secret: int, message: bytes, noise: int) -> None:
    curve = ecdsa.named("brainpoolP256r1")
    assert curve is not None
    q = ecdsa.public_point(curve, secret % (curve.n - 1) + 1)
    assert ecdsa.verify(curve, q, digest("sha256", message), noise, noise // 3 + 1) in (True, False)


def test_explicit_parameter_cscas_of_the_dutch_list(shared_data: Path) -> None:
    """Self-signed CSCAs with explicit brainpool/NIST keys: own arithmetic verifies them."""
    data = (shared_data / "chip/masterlists/NL_ML_2026-07-22.ml").read_bytes()
    listed = check_masterlist(data).certificates
    explicit = [
        c for c in listed if c.public_key is not None and c.public_key.own_curve is not None
    ]
    assert len(explicit) >= 70  # 72 keys cryptography cannot load
    by_curve: dict[str, Certificate] = {}
    for cert in explicit:
        assert cert.public_key is not None and cert.public_key.own_curve is not None
        by_curve.setdefault(cert.public_key.own_curve.name or "unnamed", cert)
    assert {"brainpoolP256r1", "brainpoolP384r1", "brainpoolP512r1"} <= set(by_curve)
    for cert in by_curve.values():
        assert cert.self_issued and cert.signed_by(cert), cert.subject


@pytest.mark.slow
def test_every_explicit_self_signed_csca_verifies(shared_data: Path) -> None:
    data = (shared_data / "chip/masterlists/NL_ML_2026-07-22.ml").read_bytes()
    listed = check_masterlist(data).certificates
    checked = [
        c
        for c in listed
        if c.public_key is not None and c.public_key.own_curve is not None and c.self_issued
    ]
    failures = [c.subject for c in checked if not c.signed_by(c)]
    assert not failures
