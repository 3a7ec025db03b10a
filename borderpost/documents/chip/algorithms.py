"""Signature and digest algorithms as ICAO PKIs write them, standard and not.

Seen in the wild beside the standard OIDs: ``rsaEncryption`` or ``ecPublicKey`` written as
a signature algorithm (the hash then comes from the digest algorithm), BSI TR-03111 plain
ECDSA (r‖s instead of DER), and RSASSA-PSS whose hash, mask hash and salt length must come
from the algorithm's own parameters (RFC 4055 defaults: SHA-1, MGF1-SHA-1, salt 20).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from borderpost.documents.chip.asn1 import ChipFormatError

Kind = Literal["pkcs1v15", "pss", "ecdsa", "ecdsa_plain"]

DIGESTS: dict[str, str] = {
    "1.3.14.3.2.26": "sha1",
    "2.16.840.1.101.3.4.2.4": "sha224",
    "2.16.840.1.101.3.4.2.1": "sha256",
    "2.16.840.1.101.3.4.2.2": "sha384",
    "2.16.840.1.101.3.4.2.3": "sha512",
}
_PKCS1 = {
    "1.2.840.113549.1.1.5": "sha1",
    "1.2.840.113549.1.1.14": "sha224",
    "1.2.840.113549.1.1.11": "sha256",
    "1.2.840.113549.1.1.12": "sha384",
    "1.2.840.113549.1.1.13": "sha512",
}
_ECDSA = {
    "1.2.840.10045.4.1": "sha1",
    "1.2.840.10045.4.3.1": "sha224",
    "1.2.840.10045.4.3.2": "sha256",
    "1.2.840.10045.4.3.3": "sha384",
    "1.2.840.10045.4.3.4": "sha512",
}
_ECDSA_PLAIN = {
    "0.4.0.127.0.7.1.1.4.1.1": "sha1",
    "0.4.0.127.0.7.1.1.4.1.2": "sha224",
    "0.4.0.127.0.7.1.1.4.1.3": "sha256",
    "0.4.0.127.0.7.1.1.4.1.4": "sha384",
    "0.4.0.127.0.7.1.1.4.1.5": "sha512",
}
RSA_ENCRYPTION = "1.2.840.113549.1.1.1"
RSASSA_PSS = "1.2.840.113549.1.1.10"
EC_PUBLIC_KEY = "1.2.840.10045.2.1"
_MGF1 = "1.2.840.113549.1.1.8"


@dataclass(frozen=True, slots=True)
class SignatureScheme:
    """How to check a signature: scheme, hash, and for PSS the mask hash and salt length."""

    kind: Kind
    hash: str
    salt_length: int | None = None
    mgf_hash: str | None = None

    def describe(self) -> str:
        family = {
            "pkcs1v15": "rsa_pkcs1v15",
            "pss": "rsassa_pss",
            "ecdsa": "ecdsa",
            "ecdsa_plain": "ecdsa_plain",
        }[self.kind]
        if self.kind == "pss" and (self.mgf_hash != self.hash or self.salt_length is not None):
            return f"{family}/{self.hash} (mgf1 {self.mgf_hash}, salt {self.salt_length})"
        return f"{family}/{self.hash}"


def digest_name(algorithm: Any) -> str:
    """The hash of an asn1crypto ``DigestAlgorithm`` (only the SHA family is allowed)."""
    oid = algorithm["algorithm"].dotted
    name = DIGESTS.get(oid)
    if name is None:
        raise ChipFormatError(
            "sod_signature_unsupported", f"digest algorithm {oid} is not supported"
        )
    return name


# no salt is longer than the largest RSA modulus in use (16,384 bits)
_MAX_SALT = 2048


def _pss(parameters: Any) -> SignatureScheme:
    if parameters is None or parameters.native is None:
        return SignatureScheme("pss", "sha1", 20, "sha1")
    hash_alg = parameters["hash_algorithm"]
    hash_name = DIGESTS.get(hash_alg["algorithm"].dotted)
    mgf = parameters["mask_gen_algorithm"]
    if mgf["algorithm"].dotted != _MGF1:
        raise ChipFormatError(
            "sod_signature_unsupported", f"PSS mask generation {mgf['algorithm'].dotted}"
        )
    mgf_hash = DIGESTS.get(mgf["parameters"]["algorithm"].dotted)
    if hash_name is None or mgf_hash is None:
        raise ChipFormatError(
            "sod_signature_unsupported", "PSS with a hash that is not SHA"
        ) from None
    salt = int(parameters["salt_length"].native)
    if not 0 <= salt <= _MAX_SALT:
        raise ChipFormatError("sod_malformed", f"PSS salt length {salt}") from None
    trailer = parameters["trailer_field"].native
    if trailer not in (1, "trailer_field_bc"):
        raise ChipFormatError("sod_signature_unsupported", f"PSS trailer field {trailer}") from None
    return SignatureScheme("pss", hash_name, salt, mgf_hash)


def scheme(algorithm: Any, digest: str | None = None) -> SignatureScheme:
    """The scheme of an asn1crypto signature ``AlgorithmIdentifier``.

    ``digest`` is the signer info's digest algorithm, used when the signature algorithm
    names only the key type (``rsaEncryption``, ``ecPublicKey``).
    """
    oid = algorithm["algorithm"].dotted
    if oid in _PKCS1:
        return SignatureScheme("pkcs1v15", _PKCS1[oid])
    if oid in _ECDSA:
        return SignatureScheme("ecdsa", _ECDSA[oid])
    if oid in _ECDSA_PLAIN:
        return SignatureScheme("ecdsa_plain", _ECDSA_PLAIN[oid])
    if oid == RSASSA_PSS:
        try:
            return _pss(algorithm["parameters"])
        except (ValueError, TypeError, KeyError, OverflowError, AttributeError) as exc:
            # asn1crypto decodes lazily: damaged parameters fail only when read (a REAL
            # where a structure was expected even fails with AttributeError)
            raise ChipFormatError(
                "sod_malformed", f"RSASSA-PSS parameters do not decode: {exc}"
            ) from None
    if oid in (RSA_ENCRYPTION, EC_PUBLIC_KEY) and digest is not None:
        return SignatureScheme("pkcs1v15" if oid == RSA_ENCRYPTION else "ecdsa", digest)
    raise ChipFormatError(
        "sod_signature_unsupported", f"signature algorithm {oid} is not supported"
    )
