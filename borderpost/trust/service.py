"""Trust store workflows: import master lists and CSCA certificates; read anchors back."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.documents.chip import (
    Certificate,
    ChipFormatError,
    TrustAnchors,
    check_masterlist,
    load_certificate,
)
from borderpost.documents.countries import countries
from borderpost.store.models import TrustedCsca

__all__ = [
    "CountryTrust",
    "ImportSummary",
    "TrustError",
    "import_certificates",
    "import_masterlist",
    "load_anchors",
    "overview",
]


class TrustError(ValueError):
    """Input that cannot be trusted or read; the message says what is wrong. Nothing stored."""


@dataclass(frozen=True, slots=True)
class ImportSummary:
    source: str
    read: int
    added: int
    already_trusted: int
    countries: tuple[str, ...]
    signer: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "read": self.read,
            "added": self.added,
            "already_trusted": self.already_trusted,
            "countries": list(self.countries),
            "signer": self.signer,
        }


@dataclass(frozen=True, slots=True)
class CountryTrust:
    """What is trusted for one country (ISO 3166 alpha-2, as certificates write it)."""

    country: str
    certificates: int
    valid_now: int
    latest_not_after: dt.datetime | None

    def to_dict(self) -> dict[str, object]:
        latest = self.latest_not_after
        return {
            "country": self.country,
            "certificates": self.certificates,
            "valid_now": self.valid_now,
            "latest_not_after": None if latest is None else latest.isoformat(),
        }


def _row(cert: Certificate, source: str, actor: str, now: dt.datetime) -> TrustedCsca:
    return TrustedCsca(
        fingerprint=cert.fingerprint,
        country=(cert.country or "??")[:2],
        subject=cert.subject,
        issuer=cert.issuer,
        serial=cert.serial_hex[:100],
        not_before=cert.not_before,
        not_after=cert.not_after,
        self_signed=cert.self_issued,
        key=(cert.public_key.description if cert.public_key else f"unusable: {cert.key_problem}")[
            :200
        ],
        der=cert.der,
        source=source[:300],
        imported_by=actor,
        imported_at=now,
    )


def _store(
    session: Session,
    certs: Sequence[Certificate],
    *,
    source: str,
    actor: str,
    now: dt.datetime,
    action: str,
    signer: str | None = None,
) -> ImportSummary:
    known = set(session.scalars(select(TrustedCsca.fingerprint)))
    added = 0
    seen: set[str] = set()
    for cert in certs:
        if cert.fingerprint in known or cert.fingerprint in seen:
            continue
        seen.add(cert.fingerprint)
        session.add(_row(cert, source, actor, now))
        added += 1
    session.flush()
    summary = ImportSummary(
        source=source,
        read=len(certs),
        added=added,
        already_trusted=len(certs) - added,
        countries=tuple(sorted({(c.country or "??") for c in certs})),
        signer=signer,
    )
    audit.append(
        session,
        actor=actor,
        action=action,
        subject_type="trust_store",
        subject_id=source[:200],
        details=summary.to_dict(),
        at=now,
    )
    return summary


def import_masterlist(
    session: Session,
    data: bytes,
    *,
    source: str,
    actor: str,
    now: dt.datetime,
    anchors: Iterable[Certificate] = (),
) -> ImportSummary:
    """Trust every CSCA of a master list whose signature and signer chain verify.

    Raises:
        TrustError: malformed, or the signature or signer chain does not verify.
    """
    try:
        checked = check_masterlist(data, anchors)
    except ChipFormatError as exc:
        raise TrustError(f"{source}: {exc.message}") from None
    if not checked.trusted:
        reasons = "; ".join(f.message for f in checked.findings) or "it does not verify"
        raise TrustError(f"{source}: the master list is not trusted: {reasons}")
    signer = None if checked.signer is None else checked.signer.subject
    return _store(
        session,
        checked.certificates,
        source=source,
        actor=actor,
        now=now,
        action="trust.import_masterlist",
        signer=signer,
    )


def import_certificates(
    session: Session,
    files: Sequence[tuple[str, bytes]],
    *,
    actor: str,
    now: dt.datetime,
) -> ImportSummary:
    """Trust single CSCA or link certificates (DER or PEM), given as (name, bytes).

    Raises:
        TrustError: a file is not a certificate, or not a CA certificate.
    """
    certs = []
    for name, data in files:
        try:
            cert = load_certificate(data, name)
        except ChipFormatError as exc:
            raise TrustError(exc.message) from None
        if not cert.is_ca:
            raise TrustError(f"{name}: {cert.subject} is not a CA certificate (not a CSCA)")
        certs.append(cert)
    source = ", ".join(name for name, _ in files)
    return _store(
        session, certs, source=source, actor=actor, now=now, action="trust.import_certificates"
    )


def load_anchors(session: Session, countries: Iterable[str] | None = None) -> TrustAnchors:
    """The stored CSCAs (of ``countries``, alpha-2, when given) as trust anchors."""
    anchors = TrustAnchors()
    query = select(TrustedCsca).order_by(TrustedCsca.id)
    if countries is not None:
        query = query.where(TrustedCsca.country.in_(sorted({c.upper() for c in countries})))
    for row in session.scalars(query):
        try:
            anchors.add(load_certificate(row.der), f"trust store: {row.source}")
        except ChipFormatError:  # pragma: no cover - rows were parsed before storing
            continue
    return anchors


def overview(session: Session, now: dt.datetime) -> tuple[list[CountryTrust], list[str]]:
    """(what is trusted per country, ISO countries with no anchor at all)."""
    grouped: dict[str, list[TrustedCsca]] = defaultdict(list)
    for row in session.scalars(select(TrustedCsca)):
        grouped[row.country.upper()].append(row)
    trusted = [
        CountryTrust(
            country=country,
            certificates=len(rows),
            valid_now=sum(1 for r in rows if r.not_before <= now <= r.not_after),
            latest_not_after=max(r.not_after for r in rows),
        )
        for country, rows in sorted(grouped.items())
    ]
    states = sorted(
        {c.alpha2 for c in countries().values() if c.kind == "iso" and c.alpha2 is not None}
    )
    missing = [code for code in states if code not in grouped]
    return trusted, missing
