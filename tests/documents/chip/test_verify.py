"""Passive authentication against a test PKI built here: every scheme, every failure mode."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from borderpost.documents import MrzFields, make_mrz
from borderpost.documents.chip import ChipReport, TrustAnchors, load_certificate, load_crl, verify
from tests.documents.chip import pki
from tests.documents.chip.pki import T0, Issued, KeyKind, SodSpec

KINDS: list[KeyKind] = ["rsa", "pss", "p256", "brainpool"]
MRZ_NL = make_mrz(
    MrzFields(
        type="TD3",
        document_code="P",
        issuing_state="NLD",
        surname="De Vries",
        given_names="Anna",
        document_number="NX4C81P02",
        nationality="NLD",
        birth_date=dt.date(1990, 3, 14),
        sex="F",
        expiry_date=dt.date(2030, 1, 31),
    )
)
AT = dt.date(2026, 1, 1)


def _csca(kind: KeyKind, country: str = "NL", **extra: Any) -> Issued:
    return pki.certificate(
        pki.name(country, f"CSCA {country}"), pki.make_key(kind), ca=True, **extra
    )


def _ds(kind: KeyKind, csca: Issued, **extra: Any) -> Issued:
    country = load_certificate(csca.der).country or "NL"
    return pki.certificate(
        pki.name(country, "Document Signer"),
        pki.make_key(kind, 1),
        issuer=csca,
        serial=4242,
        **extra,
    )


def _anchors(*cscas: Issued) -> TrustAnchors:
    anchors = TrustAnchors()
    for csca in cscas:
        anchors.add(load_certificate(csca.der), "test")
    return anchors


def _groups() -> dict[int, bytes]:
    return {1: pki.dg1(MRZ_NL), 2: pki.data_group(2, b"\x7f\x61\x03\x02\x01\x01")}


def _run(
    kind: KeyKind = "rsa", *, spec: dict[str, Any] | None = None, **options: Any
) -> ChipReport:
    csca = _csca(kind)
    ds = _ds(kind, csca)
    groups = _groups()
    data = pki.sod(SodSpec(groups, ds, **(spec or {})))
    anchors = options.pop("anchors", _anchors(csca))
    return verify(data, groups, anchors=anchors, at=AT, **options)


def _codes(report: ChipReport) -> set[str]:
    return {f.code for f in report.findings}


@pytest.mark.parametrize("kind", KINDS)
def test_authentic_for_every_scheme(kind: KeyKind) -> None:
    report = _run(kind, printed_mrz=MRZ_NL)
    assert report.authentic, report.findings
    assert report.sod_signature_valid and report.chain_valid
    assert report.dg_matches == {1: True, 2: True}
    assert report.verdict == "authentic"
    assert report.trust_anchor is not None and report.trust_anchor.country == "NL"
    assert report.chip_mrz is not None and report.chip_mrz.surname == "DE VRIES"
    shape = report.to_dict()
    assert list(shape) == [
        "sod_signature_valid", "dsc", "chain_valid", "trust_anchor", "dg_hash_algorithm",
        "dg_hashes", "dg_matches", "authentic", "findings",
    ]  # fmt: skip
    assert shape["dsc"] == {
        "subject": report.dsc.subject if report.dsc else None,
        "issuer": "Common Name: CSCA NL, Organization: Test State, Country: NL",
        "serial": "1092",  # 4242
    }
    assert shape["dg_matches"] == {"1": True, "2": True}


def test_brainpool_key_is_explicit_and_checked_by_own_arithmetic() -> None:
    cert = load_certificate(_ds("brainpool", _csca("brainpool")).der)
    assert cert.public_key is not None and cert.public_key.own_curve is not None
    assert cert.public_key.own_curve.name == "brainpoolP256r1"
    assert "explicit parameters" in cert.public_key.description


@pytest.mark.parametrize("kind", KINDS)
def test_bad_signature(kind: KeyKind) -> None:
    report = _run(kind, spec={"tamper_signature": True})
    assert not report.sod_signature_valid and not report.authentic
    assert "sod_signature_invalid" in _codes(report)
    assert report.dg_matches == {1: True, 2: True}  # the data is intact; the signature is not


def test_wrong_message_digest() -> None:
    report = _run(spec={"tamper_digest": True})
    assert not report.sod_signature_valid and not report.authentic
    assert "sod_message_digest_mismatch" in _codes(report)
    assert "sod_signature_invalid" not in _codes(report)  # the attributes themselves verify


def test_dg_hash_mismatch() -> None:
    csca = _csca("p256")
    ds = _ds("p256", csca)
    groups = _groups()
    data = pki.sod(SodSpec(groups, ds))
    altered = {**groups, 2: pki.data_group(2, b"\x7f\x61\x03\x02\x01\x02")}
    report = verify(data, altered, anchors=_anchors(csca), at=AT)
    assert report.sod_signature_valid and report.chain_valid
    assert report.dg_matches == {1: True, 2: False}
    assert not report.authentic and report.verdict == "failed"
    assert [f.field for f in report.findings if f.code == "dg_hash_mismatch"] == ["dg2"]


def test_unknown_csca() -> None:
    other = pki.certificate(pki.name("NL", "CSCA NL other"), pki.make_key("p256", 5), ca=True)
    report = _run(anchors=_anchors(other))
    assert report.sod_signature_valid and not report.chain_valid and not report.authentic
    assert "csca_unknown" in _codes(report)
    assert report.verdict == "unverified"
    no_anchors = _run(anchors=None)
    assert "csca_unknown" in _codes(no_anchors) and not no_anchors.authentic


def test_same_name_other_key_is_a_bad_dsc_signature() -> None:
    impostor = pki.certificate(pki.name("NL", "CSCA NL"), pki.make_key("p256", 6), ca=True)
    report = _run(anchors=_anchors(impostor))
    assert "dsc_signature_invalid" in _codes(report) and not report.authentic


def test_expired_csca_at_signing_time() -> None:
    csca = _csca(
        "rsa", not_before=T0 - dt.timedelta(days=4000), not_after=T0 - dt.timedelta(days=1)
    )
    ds = _ds("rsa", csca, not_before=T0 - dt.timedelta(days=30))
    groups = _groups()
    data = pki.sod(SodSpec(groups, ds, signing_time=T0 + dt.timedelta(days=10)))
    report = verify(data, groups, anchors=_anchors(csca), at=AT)
    assert report.sod_signature_valid and not report.chain_valid and not report.authentic
    expired = [f for f in report.findings if f.code == "csca_expired"]
    assert expired and "expired at the signing time 2020-01-11" in expired[0].message


def test_dsc_expired_at_signing_time() -> None:
    report = _run(spec={"signing_time": T0 + dt.timedelta(days=5000)})
    assert "dsc_expired" in _codes(report) and not report.authentic


def test_revoked_dsc_through_crl() -> None:
    csca = _csca("rsa")
    ds = _ds("rsa", csca)
    groups = _groups()
    data = pki.sod(SodSpec(groups, ds))
    revoked = load_crl(pki.revocation_list(csca, [4242], T0 + dt.timedelta(days=60)))
    report = verify(data, groups, anchors=_anchors(csca), crls=[revoked], at=AT)
    assert "dsc_revoked" in _codes(report)
    assert report.sod_signature_valid and not report.chain_valid and not report.authentic

    clean = load_crl(pki.revocation_list(csca, [1, 2, 3], T0 + dt.timedelta(days=60)))
    report = verify(data, groups, anchors=_anchors(csca), crls=[clean], at=AT)
    assert report.authentic and "crl_checked" in _codes(report)

    impostor = pki.certificate(pki.name("NL", "CSCA NL"), pki.make_key("rsa", 7), ca=True)
    forged = load_crl(pki.revocation_list(impostor, [], T0))
    report = verify(data, groups, anchors=_anchors(csca), crls=[forged], at=AT)
    assert "crl_invalid" in _codes(report) and report.authentic  # a warning, not ignored


def test_mrz_issuer_against_csca_country() -> None:
    csca = _csca("p256", country="DE")
    ds = _ds("p256", csca)
    groups = _groups()  # DG1 says NLD
    report = verify(pki.sod(SodSpec(groups, ds)), groups, anchors=_anchors(csca), at=AT)
    assert report.sod_signature_valid and report.chain_valid
    assert "issuer_country_mismatch" in _codes(report) and not report.authentic


def test_dg1_against_printed_mrz() -> None:
    printed = MRZ_NL.replace("NX4C81P02", "NX4C81P03")
    report = _run(printed_mrz=printed)
    mismatch = [f for f in report.findings if f.code == "dg1_mrz_mismatch"]
    assert mismatch and "document number: chip NX4C81P02, printed NX4C81P03" in mismatch[0].message
    assert not report.authentic


def test_signer_found_by_reordered_issuer_name_and_by_key_identifier() -> None:
    csca = _csca("rsa")
    reordered = pki.name("nl", "csca  NL", reverse=True)
    report = _run(spec={"sid_issuer": reordered})
    assert report.authentic, report.findings
    assert _run(spec={"by_key_identifier": True}).authentic
    wrong = pki.name("NL", "CSCA XX")
    missing = _run(spec={"sid_issuer": wrong})
    assert "dsc_not_found" in _codes(missing) and not missing.authentic
    assert csca.cert.subject.human_friendly != reordered.human_friendly


def test_link_certificate() -> None:
    old = pki.certificate(pki.name("NL", "CSCA NL"), pki.make_key("rsa", 10), ca=True, serial=1)
    new_key = pki.make_key("p256", 11)
    link = pki.certificate(pki.name("NL", "CSCA NL"), new_key, issuer=old, ca=True, serial=2)
    ds = pki.certificate(pki.name("NL", "DS"), pki.make_key("p256", 12), issuer=link, serial=3)
    groups = _groups()
    report = verify(pki.sod(SodSpec(groups, ds)), groups, anchors=_anchors(old, link), at=AT)
    assert report.authentic, report.findings
    link_note = [f for f in report.findings if f.code == "csca_link"]
    assert link_note and "verifies under the trusted" in link_note[0].message


def test_csca_without_ca_rights() -> None:
    csca = pki.certificate(
        pki.name("NL", "CSCA NL"),
        pki.make_key("rsa"),
        ca=False,
        key_usage={"digital_signature", "key_cert_sign"},
    )
    ds = _ds("rsa", csca)
    groups = _groups()
    report = verify(pki.sod(SodSpec(groups, ds)), groups, anchors=_anchors(csca), at=AT)
    assert "csca_key_usage" in _codes(report) and not report.authentic


def test_data_groups_missing_or_unsigned() -> None:
    csca = _csca("rsa")
    ds = _ds("rsa", csca)
    groups = _groups()
    data = pki.sod(SodSpec(groups, ds))
    none = verify(data, {}, anchors=_anchors(csca), at=AT)
    assert "no_data_groups" in _codes(none) and not none.authentic
    extra = verify(data, {**groups, 3: pki.data_group(3, b"x")}, anchors=_anchors(csca), at=AT)
    assert extra.dg_matches[3] is False and "dg_not_in_sod" in _codes(extra)
    swapped = verify(data, {2: groups[1]}, anchors=_anchors(csca), at=AT)
    assert {"dg_tag_mismatch", "dg_hash_mismatch"} <= _codes(swapped)


@pytest.mark.parametrize("kind", ["p256", "brainpool"])
def test_plain_ecdsa_signature(kind: KeyKind) -> None:
    report = _run(kind, spec={"plain_ecdsa": True})
    assert report.authentic, report.findings
    assert report.signature_scheme == "ecdsa_plain/sha256"
    bad = _run(kind, spec={"plain_ecdsa": True, "tamper_signature": True})
    assert "sod_signature_invalid" in _codes(bad)
