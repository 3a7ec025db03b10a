"""The civil registry reference list in the store: replaced whole by an import (audited)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from borderpost.audit import append
from borderpost.identity.roles import Permission
from borderpost.issuance.errors import IssuanceConflict
from borderpost.issuance.registry import RegistryImport
from borderpost.issuance.staff import require
from borderpost.store.models import CivilRegistryEntry, User

__all__ = ["RegistrySummary", "import_registry", "registry_counts"]


@dataclass(frozen=True, slots=True)
class RegistrySummary:
    stored: int
    deceased: int
    previous: int
    errors: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "stored": self.stored,
            "deceased": self.deceased,
            "previous": self.previous,
            "errors": list(self.errors),
        }


def import_registry(
    session: Session,
    parsed: RegistryImport,
    *,
    actor: User,
    now: dt.datetime,
    allow_empty: bool = False,
) -> RegistrySummary:
    """Replace the stored registry list with ``parsed`` (in the caller's transaction).

    Raises:
        IssuanceConflict: the import holds no record and would empty a stored list.
    """
    require(actor, Permission.MANAGE_REGISTRY, "import the civil registry list")
    previous = int(session.scalar(select(func.count()).select_from(CivilRegistryEntry)) or 0)
    if not parsed.records and previous and not allow_empty:
        raise IssuanceConflict(
            f"the registry file holds no usable record and would remove all {previous}; "
            "nothing stored"
        )
    session.execute(delete(CivilRegistryEntry))
    session.add_all(
        CivilRegistryEntry(
            national_id=record.national_id,
            surname=record.surname,
            given_names=record.given_names,
            birth_date=record.birth_date,
            status=record.status,
            death_date=record.death_date,
        )
        for record in parsed.records
    )
    session.flush()
    deceased = sum(1 for record in parsed.records if record.status == "deceased")
    append(
        session,
        actor=actor.username,
        action="issuance.registry_import",
        subject_type="civil_registry",
        details={"stored": len(parsed.records), "deceased": deceased, "previous": previous},
        at=now,
    )
    return RegistrySummary(len(parsed.records), deceased, previous, parsed.errors)


def registry_counts(session: Session) -> dict[str, int]:
    rows = session.execute(
        select(CivilRegistryEntry.status, func.count()).group_by(CivilRegistryEntry.status)
    )
    return {status: int(count) for status, count in rows}
