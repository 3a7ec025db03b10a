"""CSCA master lists (ICAO 9303-12 §9): a CMS SignedData over a CscaMasterList.

The list is signed by a Master List Signer whose certificate is issued by the publishing
State's CSCA. :func:`check_masterlist` verifies the signature and the signer's chain (to a
CSCA in the list itself or to CSCAs given out of band) and returns every CSCA by country.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from asn1crypto import cms, core, x509

from borderpost.documents.chip import algorithms, publickey
from borderpost.documents.chip.asn1 import ChipFormatError, guarded
from borderpost.documents.chip.certificate import Certificate, from_asn1
from borderpost.documents.chip.findings import Finding, chip_finding
from borderpost.documents.chip.sod import read_signer_info

MASTER_LIST = "2.23.136.1.1.2"
_SIGNED_DATA = "1.2.840.113549.1.7.2"


class _Certificates(core.SetOf):  # type: ignore[misc]  # asn1crypto is untyped
    _child_spec: ClassVar[Any] = x509.Certificate


class CscaMasterList(core.Sequence):  # type: ignore[misc]  # asn1crypto is untyped
    _fields: ClassVar[list[Any]] = [("version", core.Integer), ("cert_list", _Certificates)]


@dataclass(frozen=True, slots=True)
class MasterList:
    """A master list as checked: ``trusted`` only when signature and signer chain hold."""

    signature_valid: bool
    signature_scheme: str | None
    signer: Certificate | None
    signer_chain_valid: bool
    signer_anchor: Certificate | None
    signing_time: dt.datetime | None
    certificates: tuple[Certificate, ...]
    findings: tuple[Finding, ...]

    @property
    def trusted(self) -> bool:
        return self.signature_valid and self.signer_chain_valid

    def by_country(self) -> Mapping[str, tuple[Certificate, ...]]:
        grouped: dict[str, list[Certificate]] = defaultdict(list)
        for cert in self.certificates:
            grouped[cert.country or "??"].append(cert)
        return {country: tuple(grouped[country]) for country in sorted(grouped)}

    def to_dict(self) -> dict[str, object]:
        """The JSON shape of ``borderpost chip masterlist --json``."""
        return {
            "signature_valid": self.signature_valid,
            "signature_scheme": self.signature_scheme,
            "signer": None if self.signer is None else self.signer.subject,
            "signer_chain_valid": self.signer_chain_valid,
            "signer_anchor": None if self.signer_anchor is None else self.signer_anchor.subject,
            "signing_time": None if self.signing_time is None else self.signing_time.isoformat(),
            "trusted": self.trusted,
            "csca_count": len(self.certificates),
            "countries": {
                country: [
                    {
                        "subject": cert.subject,
                        "serial": cert.serial_hex,
                        "not_before": cert.not_before.isoformat(),
                        "not_after": cert.not_after.isoformat(),
                        "self_signed": cert.self_issued,
                        "key": None if cert.public_key is None else cert.public_key.description,
                        "sha256": cert.fingerprint,
                    }
                    for cert in certs
                ]
                for country, certs in self.by_country().items()
            },
            "findings": [
                {"code": f.code, "severity": f.severity.value, "message": f.message}
                for f in self.findings
            ],
        }


def _parse(data: bytes) -> tuple[object, bytes, tuple[Certificate, ...], tuple[Certificate, ...]]:
    info = cms.ContentInfo.load(data, strict=True)
    if info["content_type"].dotted != _SIGNED_DATA:
        raise ChipFormatError("masterlist_malformed", "the file is not a CMS SignedData") from None
    signed = info["content"]
    encapsulated = signed["encap_content_info"]
    if encapsulated["content_type"].dotted != MASTER_LIST:
        raise ChipFormatError(
            "masterlist_malformed",
            f"content type {encapsulated['content_type'].dotted} is not id-icao-cscaMasterList",
        )
    econtent = bytes(encapsulated["content"])
    listed = CscaMasterList.load(econtent, strict=True)
    certificates = tuple(from_asn1(cert, "master list certificate") for cert in listed["cert_list"])
    embedded = tuple(
        from_asn1(choice.chosen, "master list signer certificate")
        for choice in signed["certificates"]
        if choice.name == "certificate"
    )
    if len(signed["signer_infos"]) != 1:
        raise ChipFormatError(
            "masterlist_malformed", "a master list has exactly one signer info"
        ) from None
    return signed["signer_infos"][0], econtent, certificates, embedded


def check_masterlist(data: bytes, anchors: Iterable[Certificate] = ()) -> MasterList:
    """Parse and verify a master list.

    Args:
        data: the ``.ml`` file (DER CMS).
        anchors: CSCA certificates obtained out of band (e.g. the publishing State's root)
            that may also anchor the signer's chain.

    Raises:
        ChipFormatError: ``masterlist_malformed``.
    """
    signer_info, econtent, certificates, embedded = guarded(
        "masterlist_malformed", "master list", lambda: _parse(data)
    )
    signer = guarded(
        "masterlist_malformed", "master list signer info", lambda: read_signer_info(signer_info)
    )
    findings: list[Finding] = []
    cert = next((c for c in embedded if signer.identifies(c)), None)
    if cert is None:
        cert = next((c for c in certificates if signer.identifies(c)), None)
    valid, scheme_text = False, None
    if cert is None:
        findings.append(
            chip_finding(
                "masterlist_signature_invalid",
                "masterlist",
                f"no certificate matches the signer ({signer.describe_sid()})",
            )
        )
    elif cert.public_key is None:
        findings.append(
            chip_finding(
                "masterlist_signature_invalid",
                "masterlist",
                f"the signer's key cannot be used: {cert.key_problem}",
            )
        )
    elif signer.signed_attributes is None:
        findings.append(
            chip_finding(
                "masterlist_signature_invalid",
                "masterlist",
                "the signer info has no signed attributes",
            )
        )
    else:
        try:
            scheme = algorithms.scheme(signer.signature_algorithm, signer.digest_algorithm)
            scheme_text = scheme.describe()
            digest_ok = signer.message_digest == publickey.digest(signer.digest_algorithm, econtent)
            type_ok = signer.content_type == MASTER_LIST
            sig_ok = cert.public_key.verify(scheme, signer.signed_attributes, signer.signature)
            valid = digest_ok and type_ok and sig_ok
            if not valid:
                what = [
                    name
                    for name, ok in (
                        ("signature", sig_ok),
                        ("message digest", digest_ok),
                        ("content type", type_ok),
                    )
                    if not ok
                ]
                findings.append(
                    chip_finding(
                        "masterlist_signature_invalid",
                        "masterlist",
                        f"the master list's {', '.join(what)} does not verify",
                    )
                )
        except ChipFormatError as exc:
            findings.append(chip_finding("masterlist_signature_invalid", "masterlist", exc.message))
    anchor = None
    if cert is not None:
        when = signer.signing_time or cert.not_before
        for candidate in (*anchors, *certificates):
            named = candidate.subject_key == cert.issuer_key
            if named and candidate.valid_at(when) and cert.signed_by(candidate):
                anchor = candidate
                break
        if anchor is None:
            findings.append(
                chip_finding(
                    "masterlist_signature_invalid",
                    "masterlist",
                    f"the signer {cert.subject} does not chain to a CSCA valid at {when:%Y-%m-%d}",
                )
            )
        elif not cert.valid_at(when):
            anchor = None
            findings.append(
                chip_finding(
                    "masterlist_signature_invalid",
                    "masterlist",
                    f"the signer's certificate is valid {cert.not_before:%Y-%m-%d} to "
                    f"{cert.not_after:%Y-%m-%d}, not at the signing time {when:%Y-%m-%d}",
                )
            )
    return MasterList(
        signature_valid=valid,
        signature_scheme=scheme_text,
        signer=cert,
        signer_chain_valid=anchor is not None,
        signer_anchor=anchor,
        signing_time=signer.signing_time,
        certificates=certificates,
        findings=tuple(findings),
    )
