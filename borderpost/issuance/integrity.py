"""Integrity rules evaluated on one application's facts: pure, each alert with its reason and
the figures behind it.

The service gathers the facts (registry record, earlier losses, watchlist hits, applications
sharing a contact); :func:`evaluate` turns them into :class:`Alert` objects following the
rules of :class:`~borderpost.issuance.rules.RuleBook`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from borderpost.issuance.rules import IntegrityRule, RuleBook
from borderpost.names import name_score

__all__ = ["Alert", "ApplicantFacts", "RegistryRecord", "SharedContact", "evaluate"]


@dataclass(frozen=True, slots=True)
class RegistryRecord:
    """The civil registry's record of an identity number."""

    national_id: str
    surname: str
    given_names: str
    birth_date: dt.date | None
    status: str  # living | deceased
    death_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class SharedContact:
    """Other applicants (their surnames and application ids) giving the same contact."""

    field: str  # address | phone | guarantor
    value: str
    others: tuple[tuple[int, str], ...]


@dataclass(frozen=True, slots=True)
class ApplicantFacts:
    """What the rules look at for one application."""

    surname: str
    given_names: str
    birth_date: dt.date
    national_id: str | None
    national_id_issued_on: dt.date | None
    registry_loaded: bool
    registry: RegistryRecord | None
    losses: tuple[dt.date, ...]
    watchlist: tuple[str, ...]
    shared: tuple[SharedContact, ...]
    failed_evidence: tuple[str, ...]
    today: dt.date


@dataclass(frozen=True, slots=True)
class Alert:
    """A rule that fired: what it asks for, why in words, and the figures."""

    rule: str
    title: str
    severity: str
    action: str
    reason: str
    figures: dict[str, Any]
    validity_years: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "title": self.title,
            "severity": self.severity,
            "action": self.action,
            "reason": self.reason,
            "figures": self.figures,
            "validity_years": self.validity_years,
        }


def _alert(rule: IntegrityRule, reason: str, figures: dict[str, Any], **extra: Any) -> Alert:
    return Alert(rule.id, rule.title, rule.severity, rule.action, reason, figures, **extra)


def _years(start: dt.date, end: dt.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def _registry(facts: ApplicantFacts, book: RuleBook) -> list[Alert]:
    found: list[Alert] = []
    record = facts.registry
    if facts.national_id is None or not facts.registry_loaded:
        return found
    if record is None:
        rule = book.rule("registry_not_found")
        if rule is not None:
            reason = f"identity number {facts.national_id} is not in the civil registry list"
            found.append(_alert(rule, reason, {"national_id": facts.national_id}))
        return found
    deceased = book.rule("registry_deceased")
    if deceased is not None and record.status == "deceased":
        when = "" if record.death_date is None else f" on {record.death_date.isoformat()}"
        reason = (
            f"the civil registry lists identity {record.national_id} ({record.surname}, "
            f"{record.given_names}) as deceased{when}"
        )
        figures: dict[str, Any] = {
            "national_id": record.national_id,
            "death_date": None if record.death_date is None else record.death_date.isoformat(),
        }
        found.append(_alert(deceased, reason, figures))
    mismatch = book.rule("registry_mismatch")
    if mismatch is not None:
        applicant = f"{facts.given_names} {facts.surname}"
        listed = f"{record.given_names} {record.surname}"
        score = name_score(applicant, listed)
        birth_differs = record.birth_date is not None and record.birth_date != facts.birth_date
        if score < mismatch.param("min_name_score") or birth_differs:
            parts = []
            if score < mismatch.param("min_name_score"):
                parts.append(f"registry name {listed!r} scores {score:.2f} against {applicant!r}")
            if birth_differs and record.birth_date is not None:
                parts.append(
                    f"registry birth date {record.birth_date.isoformat()} differs from "
                    f"{facts.birth_date.isoformat()}"
                )
            numbers = {"name_score": round(score, 3), "birth_date_differs": birth_differs}
            found.append(_alert(mismatch, "; ".join(parts), dict(numbers)))
    return found


def _issue_date(facts: ApplicantFacts, book: RuleBook) -> list[Alert]:
    rule = book.rule("id_issue_implausible")
    issued = facts.national_id_issued_on
    if rule is None or issued is None:
        return []
    limit = int(rule.param("max_first_issue_age_years"))
    if issued < facts.birth_date:
        reason = (
            f"identity number issued on {issued.isoformat()}, before the birth date "
            f"{facts.birth_date.isoformat()}"
        )
        return [_alert(rule, reason, {"age_at_issue": _years(issued, facts.birth_date) * -1})]
    age = _years(facts.birth_date, issued)
    if age > limit:
        reason = (
            f"identity number issued on {issued.isoformat()}, when its holder was {age} "
            f"(born {facts.birth_date.isoformat()}); numbers are first issued by age {limit}"
        )
        return [_alert(rule, reason, {"age_at_issue": age, "limit": limit})]
    return []


def _losses(facts: ApplicantFacts, book: RuleBook) -> list[Alert]:
    rule = book.rule("repeat_loss")
    if rule is None or not facts.losses:
        return []
    window = int(rule.param("window_years"))
    since = facts.today.replace(year=facts.today.year - window, day=min(facts.today.day, 28))
    recent = sorted(day for day in facts.losses if day >= since)
    interview, shorten = int(rule.param("interview_at")), int(rule.param("shorten_at"))
    if len(recent) < interview:
        return []
    dates = ", ".join(day.isoformat() for day in recent)
    figures: dict[str, Any] = {"losses": len(recent), "window_years": window, "dates": dates}
    if len(recent) >= shorten:
        years = int(rule.param("shortened_validity_years"))
        reason = (
            f"{len(recent)} passports reported lost or stolen within {window} years ({dates}): "
            f"interview, and validity shortened to {years} year(s)"
        )
        return [
            Alert(
                rule.id,
                rule.title,
                rule.severity,
                "shorten_validity",
                reason,
                {**figures, "validity_years": years},
                validity_years=years,
            )
        ]
    reason = f"{len(recent)} passports reported lost or stolen within {window} years ({dates})"
    return [_alert(rule, reason, figures)]


def _watchlist(facts: ApplicantFacts, book: RuleBook) -> list[Alert]:
    rule = book.rule("watchlist")
    if rule is None or not facts.watchlist:
        return []
    return [_alert(rule, "; ".join(facts.watchlist), {"hits": len(facts.watchlist)})]


def _shared(facts: ApplicantFacts, book: RuleBook) -> list[Alert]:
    rule = book.rule("shared_contact")
    if rule is None:
        return []
    found = []
    own = facts.surname.strip().upper()
    for contact in facts.shared:
        unrelated = sorted({(i, s) for i, s in contact.others if s.strip().upper() != own})
        if len(unrelated) < int(rule.param("min_unrelated")):
            continue
        ids = ", ".join(f"#{i}" for i, _ in unrelated[:10])
        reason = (
            f"{contact.field} {contact.value!r} also given by {len(unrelated)} applicants with "
            f"other surnames ({ids}) within {int(rule.param('window_days'))} days"
        )
        figures = {
            "field": contact.field,
            "unrelated": len(unrelated),
            "applications": [i for i, _ in unrelated],
        }
        found.append(_alert(rule, reason, figures))
    return found


def _evidence(facts: ApplicantFacts, book: RuleBook) -> list[Alert]:
    rule = book.rule("evidence_failed")
    if rule is None or not facts.failed_evidence:
        return []
    reason = "failed verification: " + "; ".join(facts.failed_evidence)
    return [_alert(rule, reason, {"failed": len(facts.failed_evidence)})]


def evaluate(facts: ApplicantFacts, book: RuleBook) -> list[Alert]:
    """Every enabled rule that fires on ``facts``, in the rules' order of concern."""
    return [
        *_registry(facts, book),
        *_issue_date(facts, book),
        *_evidence(facts, book),
        *_watchlist(facts, book),
        *_losses(facts, book),
        *_shared(facts, book),
    ]
