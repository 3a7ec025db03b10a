"""A test ICAO PKI built from scratch: CSCA → Document Signer → EF.SOD over generated DGs.

Keys come from ``cryptography``; certificates, CRLs, SODs and master lists are assembled
with asn1crypto so that anything real PKIs do can be reproduced — in particular brainpool
keys with explicit domain parameters in the certificate, which ``cryptography`` cannot write.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from asn1crypto import algos, cms, core, crl, keys, x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from borderpost.documents.chip import ecdsa
from borderpost.documents.chip.masterlist import CscaMasterList
from borderpost.documents.chip.sod import LdsSecurityObject

KeyKind = Literal["rsa", "pss", "p256", "brainpool"]
UTC = dt.UTC
T0 = dt.datetime(2020, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Key:
    kind: KeyKind
    private: Any

    def spki(self) -> keys.PublicKeyInfo:
        if self.kind == "brainpool":
            return explicit_spki(self.private.public_key())
        der = self.private.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        return keys.PublicKeyInfo.load(der)

    def algorithm(self) -> dict[str, Any]:
        if self.kind == "rsa":
            return {"algorithm": "sha256_rsa"}
        if self.kind == "pss":
            return {
                "algorithm": "rsassa_pss",
                "parameters": {
                    "hash_algorithm": {"algorithm": "sha256"},
                    "mask_gen_algorithm": {
                        "algorithm": "mgf1",
                        "parameters": {"algorithm": "sha256"},
                    },
                    "salt_length": 32,
                },
            }
        return {"algorithm": "sha256_ecdsa"}

    def sign(self, data: bytes) -> bytes:
        if self.kind == "rsa":
            return bytes(self.private.sign(data, padding.PKCS1v15(), hashes.SHA256()))
        if self.kind == "pss":
            pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)
            return bytes(self.private.sign(data, pss, hashes.SHA256()))
        return bytes(self.private.sign(data, ec.ECDSA(hashes.SHA256())))


@cache
def make_key(kind: KeyKind, index: int = 0) -> Key:
    """A key of ``kind`` (cached per index: RSA key generation is the slow part)."""
    if kind in ("rsa", "pss"):
        return Key(kind, rsa.generate_private_key(65537, 2048))
    curve = ec.SECP256R1() if kind == "p256" else ec.BrainpoolP256R1()
    return Key(kind, ec.generate_private_key(curve))


def explicit_spki(public: ec.EllipticCurvePublicKey) -> keys.PublicKeyInfo:
    """brainpoolP256r1 public key with its explicit domain parameters (as DE/NL/FR issue)."""
    curve = ecdsa.named("brainpoolP256r1")
    assert curve is not None
    size = curve.byte_length
    base = b"\x04" + curve.gx.to_bytes(size, "big") + curve.gy.to_bytes(size, "big")
    domain = keys.SpecifiedECDomain(
        {
            "version": "ecdpVer1",
            "field_id": {"field_type": "prime_field", "parameters": curve.p},
            "curve": {
                "a": curve.a.to_bytes(size, "big"),
                "b": curve.b.to_bytes(size, "big"),
            },
            "base": base,
            "order": curve.n,
            "cofactor": curve.h,
        }
    )
    point = public.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return keys.PublicKeyInfo(
        {
            "algorithm": {
                "algorithm": "ec",
                "parameters": keys.ECDomainParameters(name="specified", value=domain),
            },
            "public_key": point,
        }
    )


def name(country: str, common: str, *, reverse: bool = False) -> x509.Name:
    pairs = [
        ("country_name", country),
        ("organization_name", "Test State"),
        ("common_name", common),
    ]
    if reverse:
        pairs.reverse()
    built = x509.Name.build(dict(pairs))
    if reverse:  # Name.build sorts; rebuild the RDN sequence in the reversed order
        rdns = list(built.chosen)
        built = x509.Name(name="", value=x509.RDNSequence(list(reversed(rdns))))
    return built


@dataclass(frozen=True)
class Issued:
    key: Key
    cert: x509.Certificate

    @property
    def der(self) -> bytes:
        return bytes(self.cert.dump())


def certificate(
    subject: x509.Name,
    key: Key,
    *,
    issuer: Issued | None = None,
    serial: int = 1,
    not_before: dt.datetime = T0,
    not_after: dt.datetime = T0 + dt.timedelta(days=3650),
    ca: bool = False,
    key_usage: set[str] | None = None,
) -> Issued:
    """A certificate for ``key``, self-signed unless ``issuer`` is given."""
    signer_key = issuer.key if issuer else key
    spki = key.spki()
    ski = hashlib.sha1(bytes(spki["public_key"].contents[1:])).digest()
    extensions = [
        {"extn_id": "key_identifier", "critical": False, "extn_value": ski},
        {
            "extn_id": "key_usage",
            "critical": True,
            "extn_value": key_usage
            or ({"key_cert_sign", "crl_sign"} if ca else {"digital_signature"}),
        },
    ]
    if ca:
        extensions.append(
            {"extn_id": "basic_constraints", "critical": True, "extn_value": {"ca": True}}
        )
    if issuer is not None:
        extensions.append(
            {
                "extn_id": "authority_key_identifier",
                "critical": False,
                "extn_value": {"key_identifier": issuer.cert.key_identifier},
            }
        )
    tbs = x509.TbsCertificate(
        {
            "version": "v3",
            "serial_number": serial,
            "signature": signer_key.algorithm(),
            "issuer": issuer.cert.subject if issuer else subject,
            "validity": {
                "not_before": x509.Time(name="utc_time", value=not_before),
                "not_after": x509.Time(name="utc_time", value=not_after),
            },
            "subject": subject,
            "subject_public_key_info": spki,
            "extensions": extensions,
        }
    )
    signature = signer_key.sign(tbs.dump())
    cert = x509.Certificate(
        {
            "tbs_certificate": tbs,
            "signature_algorithm": signer_key.algorithm(),
            "signature_value": signature,
        }
    )
    return Issued(key, x509.Certificate.load(cert.dump()))


def dg1(mrz: str) -> bytes:
    """DG1 holding ``mrz`` (lines joined): 61 L 5F1F L text."""
    text = mrz.replace("\n", "").encode("ascii")
    inner = b"\x5f\x1f" + _length(len(text)) + text
    return b"\x61" + _length(len(inner)) + inner


def data_group(number: int, payload: bytes) -> bytes:
    from borderpost.documents.chip.lds import DG_TAGS

    return bytes([DG_TAGS[number]]) + _length(len(payload)) + payload


def _length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    body = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


@dataclass
class SodSpec:
    """How to build an EF.SOD (defaults: correct); tests switch single things off."""

    groups: Mapping[int, bytes]
    signer: Issued
    signing_time: dt.datetime | None = T0 + dt.timedelta(days=30)
    by_key_identifier: bool = False
    sid_issuer: x509.Name | None = None
    tamper_digest: bool = False
    tamper_signature: bool = False
    extra_hashes: Mapping[int, bytes] = field(default_factory=dict)
    certificates: Sequence[Issued] | None = None
    plain_ecdsa: bool = False  # BSI TR-03111 ecdsa-plain-SHA256: r‖s, not DER


def sod(spec: SodSpec) -> bytes:
    hashes_ = [
        {"number": n, "value": hashlib.sha256(data).digest()}
        for n, data in sorted(spec.groups.items())
    ]
    hashes_ += [{"number": n, "value": v} for n, v in spec.extra_hashes.items()]
    lds = LdsSecurityObject(
        {"version": 0, "hash_algorithm": {"algorithm": "sha256"}, "hashes": hashes_}
    ).dump()
    digest = hashlib.sha256(lds).digest()
    if spec.tamper_digest:
        digest = bytes([digest[0] ^ 1]) + digest[1:]
    attributes = [
        {"type": "content_type", "values": ["2.23.136.1.1.1"]},
        {"type": "message_digest", "values": [digest]},
    ]
    if spec.signing_time is not None:
        attributes.append(
            {"type": "signing_time", "values": [cms.Time(name="utc_time", value=spec.signing_time)]}
        )
    signed_attrs = cms.CMSAttributes(attributes)
    signature = spec.signer.key.sign(signed_attrs.dump())
    if spec.plain_ecdsa:
        r, s = decode_dss_signature(signature)
        size = (spec.signer.key.private.curve.key_size + 7) // 8
        signature = r.to_bytes(size, "big") + s.to_bytes(size, "big")
    if spec.tamper_signature:
        signature = signature[:-1] + bytes([signature[-1] ^ 1])
    cert = spec.signer.cert
    if spec.by_key_identifier:
        sid = cms.SignerIdentifier(name="subject_key_identifier", value=cert.key_identifier)
    else:
        sid = cms.SignerIdentifier(
            name="issuer_and_serial_number",
            value={"issuer": spec.sid_issuer or cert.issuer, "serial_number": cert.serial_number},
        )
    signer_algorithm = spec.signer.key.algorithm()
    if spec.signer.key.kind == "rsa":
        signer_algorithm = {"algorithm": "rsassa_pkcs1v15"}  # rsaEncryption, as many States write
    if spec.plain_ecdsa:
        signer_algorithm = {"algorithm": "0.4.0.127.0.7.1.1.4.1.3"}
    signer_info = {
        "version": "v1" if not spec.by_key_identifier else "v3",
        "sid": sid,
        "digest_algorithm": {"algorithm": "sha256"},
        "signed_attrs": signed_attrs,
        "signature_algorithm": signer_algorithm,
        "signature": signature,
    }
    certs = spec.certificates if spec.certificates is not None else [spec.signer]
    signed = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [{"algorithm": "sha256"}],
            "encap_content_info": {
                "content_type": "2.23.136.1.1.1",
                "content": core.ParsableOctetString(lds),
            },
            "certificates": [c.cert for c in certs],
            "signer_infos": [signer_info],
        }
    )
    info = cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump()
    return b"\x77" + _length(len(info)) + bytes(info)


def revocation_list(issuer: Issued, serials: Sequence[int], at: dt.datetime) -> bytes:
    tbs = crl.TbsCertList(
        {
            "version": "v2",
            "signature": issuer.key.algorithm(),
            "issuer": issuer.cert.subject,
            "this_update": x509.Time(name="utc_time", value=at),
            "next_update": x509.Time(name="utc_time", value=at + dt.timedelta(days=90)),
            "revoked_certificates": [
                {"user_certificate": s, "revocation_date": x509.Time(name="utc_time", value=at)}
                for s in serials
            ],
        }
    )
    signed = crl.CertificateList(
        {
            "tbs_cert_list": tbs,
            "signature_algorithm": issuer.key.algorithm(),
            "signature": issuer.key.sign(tbs.dump()),
        }
    )
    return bytes(signed.dump())


def master_list(signer: Issued, cscas: Sequence[Issued]) -> bytes:
    content = CscaMasterList({"version": 0, "cert_list": [c.cert for c in cscas]}).dump()
    attributes = cms.CMSAttributes(
        [
            {"type": "content_type", "values": ["2.23.136.1.1.2"]},
            {"type": "message_digest", "values": [hashlib.sha256(content).digest()]},
        ]
    )
    signed = cms.SignedData(
        {
            "version": "v3",
            "digest_algorithms": [{"algorithm": "sha256"}],
            "encap_content_info": {
                "content_type": "2.23.136.1.1.2",
                "content": core.ParsableOctetString(content),
            },
            "certificates": [signer.cert],
            "signer_infos": [
                {
                    "version": "v3",
                    "sid": cms.SignerIdentifier(
                        name="subject_key_identifier", value=signer.cert.key_identifier
                    ),
                    "digest_algorithm": {"algorithm": "sha256"},
                    "signed_attrs": attributes,
                    "signature_algorithm": signer.key.algorithm(),
                    "signature": signer.key.sign(attributes.dump()),
                }
            ],
        }
    )
    return bytes(cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump())


__all__ = ["algos"]
