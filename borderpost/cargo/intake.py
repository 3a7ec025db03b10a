"""Receive a cargo manifest file: read it (CUSCAR or CSV), assess every container against the
indicator profile with what the records know, and store manifest, consignments and verdicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import Any

from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.cargo.context import targeting_context
from borderpost.conveyances.cargo import CargoManifest, Consignment
from borderpost.conveyances.cargo_csv import CargoCsvError, read_cargo_csv
from borderpost.conveyances.cuscar import read_cuscar
from borderpost.conveyances.indicators import ContainerAssessment, Profile, assess
from borderpost.conveyances.parties import party_key
from borderpost.inspection.errors import Invalid
from borderpost.passengers import EdifactError
from borderpost.store.models import CargoContainer, CargoManifestRecord, ConsignmentRecord

__all__ = ["MAX_BYTES", "read_manifest_file", "receive_manifest"]

MAX_BYTES = 20_000_000


def _looks_edifact(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \r\n\t")
    return head.startswith((b"UNA", b"UNB", b"UNH")) or b"UNH+" in data[:4096]


def read_manifest_file(
    data: bytes, *, mapping: dict[str, str] | None = None
) -> tuple[str, list[CargoManifest], list[str]]:
    """The format (``cuscar`` or ``csv``), the manifests and file-level warnings.

    Raises:
        Invalid: empty, too large, or neither readable EDIFACT nor a cargo CSV.
    """
    if not data.strip():
        raise Invalid("the manifest file is empty")
    if len(data) > MAX_BYTES:
        raise Invalid(f"the manifest file is larger than {MAX_BYTES // 1_000_000} MB")
    if _looks_edifact(data):
        try:
            reading = read_cuscar(data)
        except EdifactError as exc:
            raise Invalid(f"the manifest cannot be read as EDIFACT: {exc}") from exc
        if not reading.manifests:
            raise Invalid("the file holds no CUSCAR message")
        return "cuscar", reading.manifests, [w.message for w in reading.warnings]
    try:
        manifest = read_cargo_csv(data, mapping=mapping)
    except CargoCsvError as exc:
        raise Invalid(f"the manifest cannot be read as CSV: {exc}") from exc
    if not manifest.consignments:
        raise Invalid("the CSV holds no consignment rows")
    return "csv", [manifest], []


def _party_fields(c: Consignment) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for role, party in (("shipper", c.shipper), ("consignee", c.consignee), ("notify", c.notify)):
        name = party.name[:200] if party is not None and party.name else None
        out[role] = name
        out[f"{role}_key"] = (party_key(name)[:200] or None) if name else None
    return out


def _store(
    session: Session,
    manifest: CargoManifest,
    source: str,
    results: list[ContainerAssessment],
    user_id: int,
    now: dt.datetime,
    file_warnings: list[str],
) -> CargoManifestRecord:
    warnings = [*file_warnings, *(f"{w.where}: {w.message}".strip(": ") for w in manifest.warnings)]
    row = CargoManifestRecord(
        reference=manifest.reference[:64] or None,
        source=source,
        vessel=manifest.vessel[:64] or None,
        imo=manifest.imo[:7] or None,
        voyage=manifest.voyage[:32] or None,
        carrier=manifest.carrier[:64] or None,
        arrival_port=manifest.arrival[:8] or None,
        arrival_date=manifest.arrival_date,
        received_at=now,
        submitted_by=user_id,
        warnings=warnings[:500],
    )
    session.add(row)
    session.flush()
    # assess() gives one verdict per container (or one per container-less consignment), in
    # consignment order: hand them out in that order.
    remaining = iter(results)
    for consignment in manifest.consignments:
        record = ConsignmentRecord(
            manifest_id=row.id,
            bill_of_lading=consignment.bill_of_lading[:64] or "(none)",
            route=" > ".join(consignment.route)[:200],
            description=consignment.description[:4000],
            hs_codes=",".join(consignment.hs_codes)[:200],
            data=_plain(asdict(consignment)),
            **_party_fields(consignment),
        )
        session.add(record)
        session.flush()
        for _ in range(max(1, len(consignment.equipment))):
            verdict = next(remaining)
            session.add(
                CargoContainer(
                    manifest_id=row.id,
                    consignment_id=record.id,
                    number=verdict.container[:64],
                    score=verdict.score,
                    selected=verdict.selected,
                    reason=verdict.reason,
                    indicators=[f.to_dict() for f in verdict.fired],
                    control=False,
                )
            )
    session.flush()
    return row


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def receive_manifest(
    session: Session,
    data: bytes,
    *,
    user_id: int,
    actor: str,
    now: dt.datetime,
    mapping: dict[str, str] | None = None,
    profile: Profile | None = None,
) -> list[dict[str, Any]]:
    """Read, assess and store every manifest in ``data``; a summary of each. Audited as
    ``cargo.manifest``. The consignee history and seizure links are those on record before
    this file (its own consignments do not make their consignees known).

    Raises:
        Invalid: the file cannot be read (see :func:`read_manifest_file`).
    """
    source, found, warnings = read_manifest_file(data, mapping=mapping)
    context = targeting_context(session)
    out: list[dict[str, Any]] = []
    for manifest in found:
        results = assess(manifest, context, profile)
        row = _store(session, manifest, source, results, user_id, now, warnings)
        selected = sum(r.selected for r in results)
        audit.append(
            session,
            actor=actor,
            action="cargo.manifest",
            subject_type="cargo_manifest",
            subject_id=row.id,
            details={"source": source, "containers": len(results), "selected": selected},
            at=now,
        )
        out.append(
            {
                "id": row.id,
                "source": source,
                "reference": row.reference,
                "vessel": row.vessel,
                "voyage": row.voyage,
                "consignments": len(manifest.consignments),
                "containers": len(results),
                "selected": selected,
                "warnings": row.warnings,
            }
        )
    return out
