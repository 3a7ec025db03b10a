"""Primary inspection: read the document, identify and screen the traveller, suggest.

The document comes as MRZ text (read and checked by :func:`borderpost.documents.parse`) or,
for a document without a machine-readable zone or with one that cannot be read, as fields
typed in by the officer (:func:`borderpost.documents.from_fields`: the same field checks,
no check digits, and the ``entered_by_hand`` finding stored with the inspection; the
document seen is stored without an MRZ). Everything after the reading is the same.

:func:`inspect` works in the caller's unit of work and never commits. It stores the document
seen, the inspection, every hit, and audits ``inspection.create``, one ``screening.hit`` per
hit and ``traveller.read`` for the history. The officer's call is recorded by
:func:`borderpost.inspection.deciding.decide`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal, cast

from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.documents import DocumentFields, FieldError, MrzResult, from_fields, parse
from borderpost.identity.roles import Permission
from borderpost.inspection.access import check_at_port, port_by_code
from borderpost.inspection.chip import ChipData, check_chip
from borderpost.inspection.errors import Invalid
from borderpost.inspection.faces import check_faces
from borderpost.inspection.fingers import FingerprintProbe, check_fingers
from borderpost.inspection.history import full_name, identify, read_history, record_document
from borderpost.inspection.live_faces import keep_live_capture
from borderpost.inspection.policy import InspectionPolicy
from borderpost.inspection.result import HitView, InspectionResult, document_verdict
from borderpost.inspection.suggest import DocumentSignal, HitKind, HitSignal, signals, suggest
from borderpost.screening.engine import Screener, Screening
from borderpost.screening.query import Query, QueryError
from borderpost.store import UnitOfWork
from borderpost.store.models import Inspection, ScreeningHit, User
from borderpost.store.repos.inspections import InspectionRepo
from borderpost.watchlists.face_gallery import FaceCandidate, LookoutFaces
from borderpost.watchlists.finger_gallery import FingerprintCandidate, LookoutFingers

__all__ = ["DOCUMENT_LIST", "Direction", "hit_view", "inspect", "read_document"]

Direction = Literal["entry", "exit"]
#: The ``list_name`` stored on a lost/stolen document hit.
DOCUMENT_LIST = "lost/stolen"
_STOLEN = frozenset({"stolen", "blank-stolen"})


def _query(document: MrzResult) -> Query:
    name = full_name(document.surname, document.given_names)
    dob = None if document.birth_date is None else document.birth_date.isoformat()
    sex = document.sex if document.sex in ("M", "F", "X") else None
    try:
        return Query.parse(
            name,
            dob=dob,
            nationality=document.nationality,
            gender=sex,
            document_number=document.document_number,
            document_country=document.issuing_state,
        )
    except QueryError:
        # A country code the screening tables do not know: screen on the name and numbers.
        return Query.parse(name, dob=dob, gender=sex, document_number=document.document_number)


def _store_hits(
    session: Session,
    inspection_id: int,
    screening: Screening,
    faces: tuple[FaceCandidate, ...] = (),
    fingers: tuple[FingerprintCandidate, ...] = (),
) -> list[ScreeningHit]:
    repo = InspectionRepo(session)
    rows = []
    for hit in screening.hits:
        rows.append(
            ScreeningHit(
                inspection_id=inspection_id,
                kind="watchlist",
                list_name=hit.list_name,
                entry_id=hit.entry_id,
                name=hit.name,
                matched_name=hit.matched_name,
                score=hit.score,
                reasons=[
                    {
                        "feature": r.feature,
                        "contribution": round(r.contribution, 4),
                        "text": r.describe(),
                    }
                    for r in hit.reasons
                ],
            )
        )
    for doc in screening.documents:
        record = doc.record
        rows.append(
            ScreeningHit(
                inspection_id=inspection_id,
                kind="document",
                list_name=DOCUMENT_LIST,
                entry_id=f"{record.country}:{record.number}"[:200],
                name=f"{record.status} {record.document_type} {record.number} ({record.country})",
                matched_name=doc.presented,
                score=1.0 if doc.exact else max(0.5, 1.0 - 0.1 * len(doc.confusions)),
                reasons=[
                    {
                        "feature": "document_number",
                        "status": record.status,
                        "exact": doc.exact,
                        "text": doc.reason,
                    }
                ],
            )
        )
    for face in faces:
        rows.append(
            ScreeningHit(
                inspection_id=inspection_id,
                kind="face",
                list_name=face.list_name,
                entry_id=face.entry_id,
                name=face.name,
                matched_name=f"{face.probe} ~ lookout photo {face.photo_id}",
                score=face.score,
                reasons=[
                    {
                        "feature": "face",
                        "photo": face.photo_id,
                        "distance": round(face.distance, 4),
                        "probe": face.probe,
                        "text": face.reason,
                    }
                ],
            )
        )
    for finger in fingers:
        rows.append(
            ScreeningHit(
                inspection_id=inspection_id,
                kind="fingerprint",
                list_name=finger.list_name,
                entry_id=finger.entry_id,
                name=finger.name,
                matched_name=f"finger {finger.probe_finger} ~ lookout fingerprint "
                f"{finger.fingerprint_id}",
                score=float(finger.score),
                reasons=[
                    {
                        "feature": "fingerprint",
                        "fingerprint": finger.fingerprint_id,
                        "finger": finger.finger,
                        "probe_finger": finger.probe_finger,
                        "threshold": finger.threshold,
                        "text": finger.reason,
                    }
                ],
            )
        )
    for row in rows:
        repo.add(row)
    return rows


def hit_view(row: ScreeningHit, high_risk_threshold: float) -> HitView:
    """A stored hit as the officer sees it."""
    kind: HitKind = (
        cast(HitKind, row.kind) if row.kind in ("document", "face", "fingerprint") else "watchlist"
    )
    return HitView(
        id=row.id,
        kind=kind,
        list_name=row.list_name,
        entry_id=row.entry_id,
        name=row.name,
        matched_name=row.matched_name,
        score=row.score,
        reasons=tuple(str(reason.get("text", "")) for reason in row.reasons),
        # A biometric candidate's score is not on the name-match scale of the threshold.
        high_risk=kind == "document" or (kind == "watchlist" and row.score >= high_risk_threshold),
        photo=_photo_of(row) if kind == "face" else None,
    )


def _photo_of(row: ScreeningHit) -> int | None:
    photo = row.reasons[0].get("photo") if row.reasons else None
    return photo if isinstance(photo, int) else None


def hit_signal(row: ScreeningHit) -> HitSignal:
    """What the suggestion rules need to know of a stored hit."""
    if row.kind == "document":
        first = row.reasons[0] if row.reasons else {}
        stolen = bool(first.get("exact")) and first.get("status") in _STOLEN
        return HitSignal(row.id, "document", row.score, str(first.get("text", row.name)), stolen)
    if row.kind in ("face", "fingerprint"):
        first = row.reasons[0] if row.reasons else {}
        kind: HitKind = "face" if row.kind == "face" else "fingerprint"
        return HitSignal(row.id, kind, row.score, str(first.get("text", row.name)))
    description = f"{row.list_name} {row.entry_id} {row.name!r} ~ {row.matched_name!r}"
    return HitSignal(row.id, "watchlist", row.score, description)


def read_document(mrz: str | None, fields: DocumentFields | None, today: dt.date) -> MrzResult:
    """The document from exactly one of MRZ text or typed fields, checked as of ``today``.

    Raises:
        Invalid: both or neither given; no MRZ layout and name could be read from the text;
            a typed field no document could hold (the message names it).
    """
    if (mrz is None) == (fields is None):
        raise Invalid("give the document as MRZ text or as typed fields, exactly one of them")
    if fields is not None:
        try:
            return from_fields(fields, at=today)
        except FieldError as exc:
            raise Invalid(f"typed document field {exc}") from None
    if mrz is None or not mrz.strip():
        raise Invalid("no MRZ text was given")
    document = parse(mrz, at=today)
    if document.type is None or not document.surname:
        problems = "; ".join(f.message for f in document.findings) or "no layout recognised"
        raise Invalid(f"no MRZ could be read from the text: {problems}")
    return document


def inspect(
    uow: UnitOfWork,
    screener: Screener,
    officer: User,
    mrz: str | None,
    port: str,
    direction: str,
    now: dt.datetime,
    *,
    fields: DocumentFields | None = None,
    policy: InspectionPolicy | None = None,
    chip: ChipData | None = None,
    live_face: bytes | None = None,
    lookout_faces: LookoutFaces | None = None,
    fingerprints: Sequence[FingerprintProbe] = (),
    lookout_fingers: LookoutFingers | None = None,
) -> InspectionResult:
    """Inspect a traveller presenting a document at ``port`` in ``direction`` (entry or exit).

    The document is ``mrz`` (its text) or, with ``mrz`` None, ``fields`` typed in by the
    officer (see :func:`read_document`). A document that fails its checks still gives a
    result (with its findings); text with no readable MRZ at all does not. ``chip``, when
    the document's chip was read, is verified against the stored trust store (passive
    authentication); its verdict is stored and shown beside the MRZ verdict, and a failed
    chip suggests a referral. ``live_face``, a camera image of the traveller, is compared 1:1
    with the chip portrait (DG2); a mismatch suggests a referral to an officer (a candidate
    impostor, never a refusal). The comparison is kept with the chip result; the camera image
    only when the face did not verify, for the referral, under the retention rule of
    :mod:`borderpost.inspection.live_faces` (no template is kept). The live face (or,
    without one, the chip portrait) is also searched 1:N over
    the lookout photos (``lookout_faces``, the process's gallery; a fresh one when None): each
    photo scoring at least the policy's ``face_search_min_score`` is stored as a hit of kind
    ``face`` and suggests a referral, for an officer to confirm or clear with a reason.
    ``fingerprints``, from the booth's scanner, are each searched 1:N over the lookout
    fingerprints (``lookout_fingers``, the process's gallery): each scoring at least the
    policy's ``finger_match_threshold`` (bozorth3) is a hit of kind ``fingerprint`` that
    suggests a referral; a print that cannot be searched is a ``fingerprint_unusable``
    finding. The prints themselves are not kept.

    Raises:
        Invalid: unknown direction; both or neither of ``mrz`` and ``fields``; no MRZ layout
            and name could be read; a typed field no document could hold; chip data no chip
            could hold; a finger position outside 1-10 or given twice.
        NotFound: no such port.
        Forbidden: the officer may not inspect, or not at this port.
    """
    rules = policy or InspectionPolicy()
    session = uow.session
    if direction not in ("entry", "exit"):
        raise Invalid(f"direction {direction!r} must be entry or exit")
    way = cast(Direction, direction)
    port_row = port_by_code(session, port)
    check_at_port(officer, port_row.id, Permission.INSPECT, "inspect travellers")
    document = read_document(mrz, fields, now.date())
    match = identify(session, document, threshold=rules.traveller_match_threshold, now=now)
    seen = record_document(session, match.traveller, document, now)
    chip_report = (
        None
        if chip is None
        else check_chip(session, chip, document, typed=fields is not None, now=now)
    )
    faces = check_faces(
        session,
        live_face,
        chip,
        gallery=lookout_faces or LookoutFaces(),
        threshold=rules.face_match_threshold,
        min_score=rules.face_search_min_score,
        actor=officer.username,
        now=now,
    )
    fingers = check_fingers(
        session,
        fingerprints,
        gallery=lookout_fingers or LookoutFingers(),
        threshold=rules.finger_match_threshold,
        actor=officer.username,
        now=now,
    )
    face = faces.face
    chip_stored = None if chip_report is None else chip_report.to_dict()
    if chip_stored is not None and face is not None:
        chip_stored["face"] = face
    verdict = document_verdict(document)
    inspection = Inspection(
        port_id=port_row.id,
        direction=way,
        officer_id=officer.id,
        traveller_id=match.traveller.id,
        document_id=None if seen is None else seen.id,
        verdict=verdict,
        findings=[finding.to_dict() for finding in document.findings] + fingers.findings(),
        created_at=now,
        chip_verdict=None if chip_report is None else chip_report.verdict,
        chip=chip_stored,
    )
    InspectionRepo(session).add(inspection)
    if face is not None and live_face is not None:
        keep_live_capture(session, inspection, live_face, face, officer=officer, now=now)
    rows = _store_hits(
        session,
        inspection.id,
        screener.screen(_query(document)),
        faces.candidates,
        fingers.candidates,
    )
    history = read_history(
        session, match, actor=officer.username, purpose=f"inspection {inspection.id}", now=now
    )
    fired = signals(
        DocumentSignal(verdict, tuple(f.code for f in document.errors), document.has("expired")),
        [hit_signal(row) for row in rows],
        [overstay.reason for overstay in history.overstays],
        direction=way,
        high_risk_threshold=rules.high_risk_threshold,
        chip_failures=()
        if chip_report is None or chip_report.verdict != "failed"
        else tuple(dict.fromkeys(f.code for f in chip_report.errors)),
        face_mismatch=None
        if face is None or face["outcome"] != "no_match"
        else str(face["reason"]),
    )
    suggestion = suggest(fired)
    inspection.suggested_action = suggestion.action
    inspection.signals = [signal.to_dict() for signal in fired]
    session.flush()
    _audit(
        session,
        officer,
        inspection,
        rows,
        port_row.code,
        match.method,
        None if face is None else str(face["outcome"]),
    )
    return InspectionResult(
        inspection_id=inspection.id,
        port=port_row.code,
        direction=way,
        officer=officer.username,
        at=now,
        document=document,
        verdict=verdict,
        hits=tuple(hit_view(row, rules.high_risk_threshold) for row in rows),
        history=history,
        suggestion=suggestion,
        chip=chip_report,
        face=face,
        fingerprints=fingers.prints,
    )


def _audit(
    session: Session,
    officer: User,
    inspection: Inspection,
    rows: list[ScreeningHit],
    port: str,
    match: str,
    face: str | None = None,
) -> None:
    audit.append(
        session,
        actor=officer.username,
        action="inspection.create",
        subject_type="inspection",
        subject_id=inspection.id,
        details={
            "port": port,
            "direction": inspection.direction,
            "traveller": inspection.traveller_id,
            "traveller_match": match,
            "verdict": inspection.verdict,
            "chip": inspection.chip_verdict,
            "face": face,
            "hits": sum(1 for row in rows if row.kind == "watchlist"),
            "face_hits": sum(1 for row in rows if row.kind == "face"),
            "fingerprint_hits": sum(1 for row in rows if row.kind == "fingerprint"),
            "document_hits": sum(1 for row in rows if row.kind == "document"),
            "suggested_action": inspection.suggested_action,
        },
        at=inspection.created_at,
    )
    for row in rows:
        audit.append(
            session,
            actor=officer.username,
            action="screening.hit",
            subject_type="screening_hit",
            subject_id=row.id,
            details={
                "inspection": inspection.id,
                "kind": row.kind,
                "list": row.list_name,
                "entry_id": row.entry_id,
                "score": round(row.score, 4),
            },
            at=inspection.created_at,
        )
