"""Passive authentication (ICAO 9303-11 §5.1): is the chip's data what the State signed?

1. EF.SOD's signer info: content type, message digest (the hash of the LDS Security Object)
   and the Document Signer's signature over the signed attributes.
2. The Document Signer certificate: found by signer identifier, issued by a trusted CSCA
   (signature, key usage, validity at the signing time, link certificates), not revoked.
3. Every data group supplied hashes to the value in the SOD; DG1's MRZ passes the MRZ checks,
   matches the printed MRZ and names the CSCA's country as issuing State.

Every failure is its own named finding; ``authentic`` is true only when none was raised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from borderpost.documents import MrzResult, parse
from borderpost.documents.chip import algorithms, keys, lds, publickey
from borderpost.documents.chip.anchors import Anchor, TrustAnchors
from borderpost.documents.chip.asn1 import ChipFormatError
from borderpost.documents.chip.certificate import Certificate
from borderpost.documents.chip.findings import Finding, Severity, chip_finding
from borderpost.documents.chip.report import ChipReport, failed
from borderpost.documents.chip.revocation import RevocationList
from borderpost.documents.chip.sod import LDS_SECURITY_OBJECT, SignerInfo, Sod, parse_sod
from borderpost.documents.countries import countries

__all__ = ["verify"]


@dataclass(slots=True)
class _Run:
    findings: list[Finding] = field(default_factory=list)

    def add(self, code: str, where: str | None, message: str) -> None:
        self.findings.append(chip_finding(code, where, message))


def _signer(run: _Run, sod: Sod, signer: SignerInfo) -> tuple[bool, Certificate | None, str | None]:
    """(signature valid, Document Signer certificate, scheme) for one signer info."""
    cert = next((c for c in sod.certificates if signer.identifies(c)), None)
    if cert is None:
        run.add("dsc_not_found", "dsc", f"no certificate in the SOD has {signer.describe_sid()}")
    if signer.signed_attributes is None:
        run.add("sod_no_signed_attributes", "sod", "the signer info has no signed attributes")
        return False, cert, None
    type_ok = signer.content_type == sod.econtent_type
    if not type_ok:
        run.add(
            "sod_content_type_mismatch",
            "sod",
            f"signed content type {signer.content_type} differs from the encapsulated "
            f"{sod.econtent_type}",
        )
    digest = publickey.digest(signer.digest_algorithm, sod.econtent)
    digest_ok = signer.message_digest == digest
    if not digest_ok:
        shown = signer.message_digest.hex() if signer.message_digest else "none"
        run.add(
            "sod_message_digest_mismatch",
            "sod",
            f"the signed {signer.digest_algorithm} message digest {shown} is not the hash "
            f"of the data group hashes ({digest.hex()}): the SOD content was altered",
        )
    if cert is None:
        return False, None, None
    try:
        scheme = algorithms.scheme(signer.signature_algorithm, signer.digest_algorithm)
    except ChipFormatError as exc:
        run.add("sod_signature_unsupported", "sod", exc.message)
        return False, cert, None
    if cert.public_key is None:
        run.add("sod_signature_unsupported", "sod", f"the Document Signer key: {cert.key_problem}")
        return False, cert, scheme.describe()
    try:
        signature_ok = cert.public_key.verify(scheme, signer.signed_attributes, signer.signature)
    except ChipFormatError as exc:
        run.add("sod_signature_unsupported", "sod", exc.message)
        return False, cert, scheme.describe()
    if not signature_ok:
        run.add(
            "sod_signature_invalid",
            "sod",
            f"the {scheme.describe()} signature of {cert.subject} over the SOD's signed "
            "attributes does not verify",
        )
    return signature_ok and digest_ok and type_ok, cert, scheme.describe()


def _link(run: _Run, anchors: TrustAnchors, csca: Certificate) -> None:
    """Say that ``csca`` is a link certificate and whether it chains to another anchor."""
    parents = [a for a in anchors.issuers_of(csca) if csca.signed_by(a.certificate)]
    root = parents[0].certificate.subject if parents else None
    run.add(
        "csca_link",
        "csca",
        f"{csca.describe()} is a link certificate issued by {csca.issuer}"
        + (
            f"; it verifies under the trusted {root}"
            if root
            else "; its issuer is not among the trust anchors (trusted as listed)"
        ),
    )


def _chain(
    run: _Run, dsc: Certificate, when: dt.datetime, anchors: TrustAnchors | None
) -> tuple[bool, Anchor | None]:
    """(chain valid, anchor) for the Document Signer certificate at signing time ``when``."""
    ok = True
    if dsc.key_usage is not None and "digital_signature" not in dsc.key_usage:
        run.add(
            "dsc_key_usage",
            "dsc",
            f"key usage {', '.join(sorted(dsc.key_usage))} lacks digitalSignature",
        )
        ok = False
    if not dsc.valid_at(when):
        run.add(
            "dsc_expired",
            "dsc",
            f"the Document Signer certificate is valid {dsc.not_before:%Y-%m-%d} to "
            f"{dsc.not_after:%Y-%m-%d}, not at the signing time {when:%Y-%m-%d}",
        )
        ok = False
    if anchors is None or not len(anchors):
        run.add(
            "csca_unknown",
            "csca",
            f"no trust anchors were given: the issuer {dsc.issuer} cannot be checked",
        )
        return False, None
    candidates = anchors.issuers_of(dsc)
    if not candidates:
        run.add(
            "csca_unknown",
            "csca",
            f"no trusted CSCA is named {dsc.issuer} (country {dsc.issuer_country or '?'})",
        )
        return False, None
    anchor = next((a for a in candidates if dsc.signed_by(a.certificate)), None)
    if anchor is None:
        run.add(
            "dsc_signature_invalid",
            "dsc",
            f"none of the {len(candidates)} trusted CSCA certificate(s) named {dsc.issuer} "
            "verifies the Document Signer certificate's signature",
        )
        return False, None
    csca = anchor.certificate
    if not csca.valid_at(when):
        word = "expired" if when > csca.not_after else "not yet valid"
        run.add(
            "csca_expired",
            "csca",
            f"the CSCA {csca.describe()} was {word} at the signing time {when:%Y-%m-%d} "
            f"(valid {csca.not_before:%Y-%m-%d} to {csca.not_after:%Y-%m-%d})",
        )
        ok = False
    if not csca.is_ca or (csca.key_usage is not None and "key_cert_sign" not in csca.key_usage):
        run.add(
            "csca_key_usage",
            "csca",
            f"{csca.describe()} is not a CA certificate allowed to sign certificates",
        )
        ok = False
    if not csca.self_issued or not csca.signed_by(csca):
        _link(run, anchors, csca)
    return ok, anchor


def _revocation(
    run: _Run, dsc: Certificate, anchor: Anchor | None, crls: Sequence[RevocationList]
) -> bool:
    """False when a CRL of the issuing CSCA lists the Document Signer."""
    for crl in crls:
        if crl.issuer_key != dsc.issuer_key:
            continue
        if anchor is None or not crl.signed_by(anchor.certificate):
            run.add(
                "crl_invalid",
                "crl",
                f"the revocation list of {crl.issuer} does not verify with a trusted CSCA key",
            )
            continue
        if dsc.serial in crl.revoked:
            date = crl.revoked[dsc.serial]
            run.add(
                "dsc_revoked",
                "dsc",
                f"{dsc.describe()} is revoked by {crl.issuer}"
                + (f" since {date:%Y-%m-%d}" if date else ""),
            )
            return False
        run.add(
            "crl_checked",
            "crl",
            f"not on {crl.issuer}'s revocation list of {crl.this_update:%Y-%m-%d}",
        )
    return True


def _data_groups(run: _Run, sod: Sod, data_groups: Mapping[int, bytes]) -> dict[int, bool]:
    matches: dict[int, bool] = {}
    for number, data in sorted(data_groups.items()):
        tagged = lds.data_group_number(data)
        if tagged != number:
            run.add(
                "dg_tag_mismatch",
                f"dg{number}",
                f"the file given as DG{number} starts with the tag of "
                + (f"DG{tagged}" if tagged else "no data group"),
            )
        expected = sod.dg_hashes.get(number)
        if expected is None:
            run.add(
                "dg_not_in_sod",
                f"dg{number}",
                f"DG{number} was supplied but the SOD signs no hash for it (it holds "
                f"{', '.join(f'DG{n}' for n in sorted(sod.dg_hashes))})",
            )
            matches[number] = False
            continue
        actual = publickey.digest(sod.hash_algorithm, data)
        matches[number] = actual == expected
        if actual != expected:
            run.add(
                "dg_hash_mismatch",
                f"dg{number}",
                f"DG{number}'s {sod.hash_algorithm} is {actual.hex()}, the SOD signs "
                f"{expected.hex()}: the data group was altered or is another document's",
            )
    if not data_groups:
        run.add(
            "no_data_groups",
            "dg",
            "no data group was supplied; the SOD alone proves nothing about the holder",
        )
    return matches


def _alpha2(code: str | None) -> str | None:
    if code is None:
        return None
    country = countries().get(code)
    return country.alpha2 if country is not None else None


def _dg1(
    run: _Run,
    data: bytes,
    printed: str | None,
    country: str | None,
    at: dt.date | None,
) -> MrzResult | None:
    try:
        chip = lds.read_dg1(data, at)
    except ChipFormatError as exc:
        run.add(exc.code, "dg1", exc.message)
        return None
    if not chip.valid:
        problems = "; ".join(f.message for f in chip.errors) or "it fails the MRZ checks"
        run.add("dg1_mrz_invalid", "dg1", f"the chip's MRZ: {problems}")
    if country is not None:
        issuer = _alpha2(chip.issuing_state)
        if issuer != country.upper():
            run.add(
                "issuer_country_mismatch",
                "dg1",
                f"the chip's MRZ names issuing State {chip.issuing_state or '?'}"
                f" ({issuer or 'not a known State'}) but the signing CSCA is of {country}",
            )
    if printed is not None:
        seen = parse(printed, at=at, propose_repair=False)
        differences = lds.mrz_differences(chip, seen)
        if differences:
            run.add(
                "dg1_mrz_mismatch",
                "dg1",
                "the chip's MRZ differs from the printed one: " + "; ".join(differences),
            )
    return chip


def _chip_keys(run: _Run, data_groups: Mapping[int, bytes]) -> tuple[keys.ChipKey, ...]:
    found: list[keys.ChipKey] = []
    try:
        if 14 in data_groups:
            found.extend(keys.parse_dg14(data_groups[14])[1])
        if 15 in data_groups:
            found.append(keys.parse_dg15(data_groups[15]))
    except ChipFormatError as exc:
        run.add(exc.code, "dg14" if "DG14" in exc.message else "dg15", exc.message)
    return tuple(found)


def verify(
    sod: bytes,
    data_groups: Mapping[int, bytes] | None = None,
    *,
    anchors: TrustAnchors | None = None,
    crls: Sequence[RevocationList] = (),
    printed_mrz: str | None = None,
    at: dt.date | None = None,
) -> ChipReport:
    """Passive authentication of a chip's EF.SOD and data groups (never raises on bad bytes).

    Args:
        sod: EF.SOD as read from the chip (tag 0x77).
        data_groups: data group files by number (1-16), as read.
        anchors: trusted CSCA certificates; without them the chain is ``csca_unknown``.
        crls: CSCA revocation lists (used when issued by the Document Signer's CSCA).
        printed_mrz: the MRZ printed on the data page, compared with DG1's.
        at: reference date for the MRZ checks (default today).
    """
    groups = dict(data_groups or {})
    try:
        parsed = parse_sod(sod)
    except ChipFormatError as exc:
        return failed(exc.code, "sod", exc.message)
    run = _Run()
    if parsed.econtent_type != LDS_SECURITY_OBJECT:
        run.add(
            "sod_econtent_nonstandard",
            "sod",
            f"encapsulated content type {parsed.econtent_type} instead of {LDS_SECURITY_OBJECT}",
        )
    results = [_signer(run, parsed, signer) for signer in parsed.signers]
    signature_valid = all(ok for ok, _, _ in results)
    _, dsc, scheme = results[0]
    chain_valid, anchor = False, None
    when = None
    if dsc is not None:
        when = parsed.signers[0].signing_time or dsc.not_before
        chain_valid, anchor = _chain(run, dsc, when, anchors)
        chain_valid = _revocation(run, dsc, anchor, crls) and chain_valid
    matches = _data_groups(run, parsed, groups)
    country = None
    if anchor is not None:
        country = anchor.certificate.country
    elif dsc is not None:
        country = dsc.issuer_country
    chip_mrz = _dg1(run, groups[1], printed_mrz, country, at) if 1 in groups else None
    chip_keys = _chip_keys(run, groups)
    errors = any(f.severity is Severity.ERROR for f in run.findings)
    authentic = (
        signature_valid and chain_valid and bool(matches) and all(matches.values()) and not errors
    )
    return ChipReport(
        sod_signature_valid=signature_valid,
        dsc=dsc,
        chain_valid=chain_valid and anchor is not None,
        trust_anchor=None if anchor is None else anchor.certificate,
        dg_hash_algorithm=parsed.hash_algorithm,
        dg_hashes=dict(parsed.dg_hashes),
        dg_matches=matches,
        authentic=authentic,
        findings=tuple(run.findings),
        signature_scheme=scheme,
        signing_time=parsed.signers[0].signing_time,
        chip_mrz=chip_mrz,
        chip_keys=chip_keys,
    )
