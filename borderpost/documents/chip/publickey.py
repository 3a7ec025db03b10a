"""Public keys of certificates, loaded for verification: RSA, EC on named and explicit curves.

Named curves go to ``cryptography`` (OpenSSL); a key with explicit domain parameters (the
brainpool keys of many ePassport PKIs) is checked with :mod:`ecdsa`, our own arithmetic.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, ClassVar

from asn1crypto import core
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from borderpost.documents.chip import ecdsa
from borderpost.documents.chip.algorithms import SignatureScheme
from borderpost.documents.chip.asn1 import ChipFormatError

_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "sha1": hashes.SHA1,
    "sha224": hashes.SHA224,
    "sha256": hashes.SHA256,
    "sha384": hashes.SHA384,
    "sha512": hashes.SHA512,
}
_CURVES: dict[str, type[ec.EllipticCurve]] = {
    "secp192r1": ec.SECP192R1,
    "secp224r1": ec.SECP224R1,
    "secp256r1": ec.SECP256R1,
    "secp384r1": ec.SECP384R1,
    "secp521r1": ec.SECP521R1,
    "brainpoolP256r1": ec.BrainpoolP256R1,
    "brainpoolP384r1": ec.BrainpoolP384R1,
    "brainpoolP512r1": ec.BrainpoolP512R1,
}
_PRIME_FIELD = "1.2.840.10045.1.1"


class _EcdsaSignature(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    _fields: ClassVar[list[Any]] = [("r", core.Integer), ("s", core.Integer)]


def hash_algorithm(name: str) -> hashes.HashAlgorithm:
    return _HASHES[name]()


def digest(name: str, data: bytes) -> bytes:
    return hashlib.new(name, data).digest()


@dataclass(frozen=True, slots=True)
class PublicKey:
    """A verification key: ``kind`` rsa or ec; ``curve`` the EC curve's name (or explicit)."""

    kind: str
    description: str
    rsa_key: rsa.RSAPublicKey | None = None
    ec_key: ec.EllipticCurvePublicKey | None = None
    own_curve: ecdsa.Curve | None = None
    own_point: tuple[int, int] | None = None

    def verify(self, scheme: SignatureScheme, data: bytes, signature: bytes) -> bool:
        """True when ``signature`` over ``data`` verifies; False when it does not.

        Raises:
            ChipFormatError: the scheme does not fit the key (``sod_signature_unsupported``).
        """
        if self.kind == "rsa":
            return self._verify_rsa(scheme, data, signature)
        if scheme.kind not in ("ecdsa", "ecdsa_plain"):
            raise ChipFormatError(
                "sod_signature_unsupported", f"{scheme.describe()} with an EC key"
            )
        pair = _ec_pair(scheme, signature, self._order_bytes())
        if pair is None:
            return False
        r, s = pair
        if self.ec_key is not None:
            try:
                self.ec_key.verify(
                    encode_dss_signature(r, s), data, ec.ECDSA(hash_algorithm(scheme.hash))
                )
            except InvalidSignature:
                return False
            return True
        assert self.own_curve is not None and self.own_point is not None
        return ecdsa.verify(self.own_curve, self.own_point, digest(scheme.hash, data), r, s)

    def _order_bytes(self) -> int:
        if self.own_curve is not None:
            return (self.own_curve.n.bit_length() + 7) // 8
        assert self.ec_key is not None
        return (self.ec_key.curve.key_size + 7) // 8

    def _verify_rsa(self, scheme: SignatureScheme, data: bytes, signature: bytes) -> bool:
        assert self.rsa_key is not None
        if scheme.kind == "pkcs1v15":
            pad: padding.AsymmetricPadding = padding.PKCS1v15()
        elif scheme.kind == "pss":
            assert scheme.mgf_hash is not None and scheme.salt_length is not None
            pad = padding.PSS(
                mgf=padding.MGF1(hash_algorithm(scheme.mgf_hash)), salt_length=scheme.salt_length
            )
        else:
            raise ChipFormatError(
                "sod_signature_unsupported", f"{scheme.describe()} with an RSA key"
            )
        try:
            self.rsa_key.verify(signature, data, pad, hash_algorithm(scheme.hash))
        except (InvalidSignature, ValueError):
            return False
        return True


def _ec_pair(scheme: SignatureScheme, signature: bytes, size: int) -> tuple[int, int] | None:
    """(r, s) from a DER ECDSA-Sig-Value or a plain r‖s; None when it is neither."""
    if scheme.kind == "ecdsa_plain":
        if len(signature) % 2 or not signature:
            return None
        half = len(signature) // 2
        return int.from_bytes(signature[:half], "big"), int.from_bytes(signature[half:], "big")
    try:
        parsed = _EcdsaSignature.load(signature, strict=True)
        return int(parsed["r"].native), int(parsed["s"].native)
    except (ValueError, TypeError, KeyError, OverflowError):
        return None


def _explicit_curve(parameters: Any) -> ecdsa.Curve:
    field = parameters["field_id"]
    if field["field_type"].dotted != _PRIME_FIELD:
        raise ChipFormatError(
            "certificate_unsupported_key", "an EC key over a binary field"
        ) from None
    curve = parameters["curve"]
    base = parameters["base"].native
    p = int(field["parameters"].native)
    size = (p.bit_length() + 7) // 8
    if len(base) != 1 + 2 * size or base[0] != 4:
        raise ChipFormatError(
            "certificate_unsupported_key", "a compressed or odd base point"
        ) from None
    cofactor = parameters["cofactor"].native
    built = ecdsa.Curve(
        p=p,
        a=int.from_bytes(curve["a"].native, "big"),
        b=int.from_bytes(curve["b"].native, "big"),
        gx=int.from_bytes(base[1 : 1 + size], "big"),
        gy=int.from_bytes(base[1 + size :], "big"),
        n=int(parameters["order"].native),
        h=int(cofactor) if cofactor is not None else 1,
    )
    try:
        built.check()
    except ecdsa.CurveError as exc:
        raise ChipFormatError(
            "certificate_unsupported_key", f"explicit EC parameters: {exc}"
        ) from None
    name = ecdsa.identify(built)
    return ecdsa.Curve(built.p, built.a, built.b, built.gx, built.gy, built.n, built.h, name)


def _own_key(curve: ecdsa.Curve, point: bytes, label: str) -> PublicKey:
    try:
        q = curve.decode_point(point)
    except ecdsa.CurveError as exc:
        raise ChipFormatError("certificate_unsupported_key", str(exc)) from None
    return PublicKey("ec", label, own_curve=curve, own_point=q)


def load(info: Any) -> PublicKey:
    """The key of an asn1crypto ``PublicKeyInfo``.

    Raises:
        ChipFormatError: ``certificate_unsupported_key`` for keys that cannot be used.
    """
    algorithm = info["algorithm"]["algorithm"].native
    if algorithm in ("rsa", "rsassa_pss"):
        numbers = info["public_key"].parsed
        modulus, exponent = int(numbers["modulus"].native), int(numbers["public_exponent"].native)
        if modulus < 3 or exponent < 3:
            raise ChipFormatError(
                "certificate_unsupported_key", "an RSA key with odd numbers"
            ) from None
        try:
            key = rsa.RSAPublicNumbers(exponent, modulus).public_key()
        except ValueError as exc:
            raise ChipFormatError("certificate_unsupported_key", f"RSA key: {exc}") from None
        return PublicKey("rsa", f"RSA {key.key_size}", rsa_key=key)
    if algorithm != "ec":
        raise ChipFormatError("certificate_unsupported_key", f"key algorithm {algorithm}") from None
    parameters = info["algorithm"]["parameters"]
    point = bytes(info["public_key"].native)
    if parameters.name == "named":
        name = parameters.chosen.native
        curve_type = _CURVES.get(name)
        if curve_type is not None:
            try:
                ec_key = ec.EllipticCurvePublicKey.from_encoded_point(curve_type(), point)
            except (ValueError, UnsupportedAlgorithm) as exc:
                raise ChipFormatError(
                    "certificate_unsupported_key", f"{name} point: {exc}"
                ) from None
            return PublicKey("ec", f"ECDSA {name}", ec_key=ec_key)
        curve = ecdsa.named(str(name))
        if curve is None:
            raise ChipFormatError("certificate_unsupported_key", f"named curve {name}") from None
        return _own_key(curve, point, f"ECDSA {name} (own arithmetic)")
    if parameters.name == "specified":
        curve = _explicit_curve(parameters.chosen)
        label = curve.name or f"{curve.p.bit_length()}-bit prime curve"
        return _own_key(curve, point, f"ECDSA {label}, explicit parameters (own arithmetic)")
    raise ChipFormatError(
        "certificate_unsupported_key", "EC key with implicitCA parameters"
    ) from None


def key_identifier(info: Any) -> bytes:
    """The RFC 5280 method 1 key identifier: SHA-1 of the subjectPublicKey bits."""
    return hashlib.sha1(bytes(info["public_key"].contents[1:])).digest()


__all__ = ["PublicKey", "digest", "key_identifier", "load"]
