"""The world's travel documents: each traveller's passports, genuine or not, with their MRZ.

``papers(spec, traveller)`` gives the documents a traveller holds, the one they cross with
first. Its status is drawn from ``stream(spec, "documents", i)`` by the rates of
``documents.toml``: genuine (valid through the window), expired, lost_stolen (reported, yet
travelled on), forged (a genuine passport with one planted defect that
:func:`borderpost.documents.mrz.parse` reports as the defect's finding code), blank_stolen (a
booklet of a stolen batch, personalised by a forger: a clean MRZ that only the lost/stolen list
exposes) and impostor (another traveller's genuine passport). Some genuine travellers also
hold an older passport they reported lost or stolen and replaced (status replaced, never used).

Passport numbers are unique per issuing State: a prefix, a letter and seven digits, from a
bijective scramble of the traveller's index and the passport's sequence number.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import Literal

from borderpost.documents.checks import format_check_digit
from borderpost.documents.generate import MrzFields, make_mrz
from borderpost.documents.layouts import Layout, layouts
from borderpost.sim.world import tables
from borderpost.sim.world.model import Traveller
from borderpost.sim.world.people import Weighted, traveller, weighted
from borderpost.sim.world.spec import WorldSpec, stream

__all__ = [
    "Batch",
    "Status",
    "TravelDocument",
    "add_years",
    "batches",
    "papers",
    "passport_number",
]

Status = Literal[
    "genuine", "expired", "lost_stolen", "forged", "blank_stolen", "impostor", "replaced"
]
# Sequence numbers of a traveller's passports (they pick distinct numbers of the series).
CURRENT, OLDER, TAKEN = 0, 1, 2
SEQUENCES = 4
_SCRAMBLE = 7919  # prime, coprime with 10**7 * 20: multiplying by it is a bijection
_IMPOSTOR_TRIES = 6


@dataclass(frozen=True, slots=True)
class TravelDocument:
    """A passport of the world, with what is true about it.

    ``holder_id`` is the traveller the document was issued to (for a blank booklet: the one
    whose details the forger printed); ``bearer_id`` the traveller who crosses with it, if
    anyone. ``reported`` is the lost/stolen list's status for it ("" if not listed).
    """

    id: str
    number: str
    issuing_state: str
    nationality: str
    surname: str
    given_names: str
    birth_date: date
    sex: str
    issued: date
    expiry: date
    mrz: str
    holder_id: str
    bearer_id: str
    status: Status
    defect: str = ""
    reported: str = ""
    reported_on: date | None = None

    def to_record(self) -> dict[str, object]:
        """The JSON-ready line of documents.jsonl (what the document says, not its truth)."""
        return {
            "id": self.id,
            "type": "P",
            "layout": "TD3",
            "number": self.number,
            "issuing_state": self.issuing_state,
            "nationality": self.nationality,
            "surname": self.surname,
            "given_names": self.given_names,
            "birth_date": self.birth_date.isoformat(),
            "sex": self.sex,
            "issued": self.issued.isoformat(),
            "expiry": self.expiry.isoformat(),
            "holder_id": self.holder_id,
            "mrz": self.mrz,
        }


def add_years(day: date, years: int) -> date:
    """``day`` moved by whole years (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _layout() -> Layout:
    return layouts()["TD3"]


@cache
def _series() -> tuple[dict[str, str], str, str, int]:
    data = tables.documents()
    numbers = data["numbers"]
    prefixes = {k: str(v) for k, v in data["series"].items()}
    return prefixes, str(numbers["issued"]), str(numbers["blanks"]), int(numbers["digits"])


def passport_number(country: str, index: int, sequence: int) -> str:
    """Passport ``sequence`` of traveller ``index`` issued by ``country``: unique per State."""
    prefixes, letters, _blanks, digits = _series()
    space = len(letters) * 10**digits
    value = ((index * SEQUENCES + sequence) * _SCRAMBLE + 1_000_003) % space
    letter, rest = divmod(value, 10**digits)
    return f"{prefixes.get(country, prefixes['default'])}{letters[letter]}{rest:0{digits}d}"


@dataclass(frozen=True, slots=True)
class Batch:
    """A batch of blank passport booklets stolen from an issuing State: consecutive numbers."""

    id: str
    country: str
    first: str
    numbers: tuple[str, ...]
    reported_on: date


def batches(spec: WorldSpec) -> tuple[Batch, ...]:
    """The world's stolen blank booklet batches (more of them as the world grows)."""
    numbers = tables.documents()["numbers"]
    count = int(numbers["batches"]) + spec.travellers // int(numbers["travellers_per_batch"])
    prefixes, _letters, blanks, digits = _series()
    states = sorted(k for k in prefixes if k != "default")
    found = []
    for b in range(count):
        rng = stream(spec, "booklets", b)
        country = rng.choice(states)
        size = int(numbers["booklets"])
        start = rng.randrange(10**digits - size)
        letter = blanks[b % len(blanks)]
        series = tuple(f"{prefixes[country]}{letter}{start + k:0{digits}d}" for k in range(size))
        reported = spec.start - timedelta(days=rng.randint(30, 900))
        found.append(Batch(f"B{b + 1:03d}", country, series[0], series, reported))
    return tuple(found)


@cache
def _statuses() -> tuple[Weighted, float]:
    rates = {k: float(v) for k, v in tables.documents()["statuses"].items()}
    rest = 1.0 - sum(rates.values())
    return weighted({"genuine": rest, **rates}), rest


@cache
def _defects() -> Weighted:
    return weighted({d.kind: d.weight for d in tables.defects()})


def _validity(holder: Traveller, issued: date) -> int:
    data = tables.documents()["validity"]
    adult = add_years(holder.birth_date, 18) <= issued
    return int(data["adult_years"] if adult else data["minor_years"])


def _dates(rng: random.Random, holder: Traveller, earliest_expiry: date) -> tuple[date, date]:
    """(issued, expiry) of a passport still valid on ``earliest_expiry``, issued before it."""
    latest_issue = earliest_expiry - timedelta(days=1)
    years = tables.documents()["validity"]["adult_years"]
    low = max(holder.birth_date + timedelta(days=1), add_years(earliest_expiry, -int(years)))
    issued = low + timedelta(days=rng.randint(0, max(0, (latest_issue - low).days)))
    expiry = add_years(issued, _validity(holder, issued)) - timedelta(days=1)
    if expiry < earliest_expiry:  # a minor's five years ran out: issue it later
        issued = earliest_expiry - timedelta(days=rng.randint(1, 300))
        issued = max(issued, holder.birth_date + timedelta(days=1))
        expiry = add_years(issued, _validity(holder, issued)) - timedelta(days=1)
    return issued, expiry


def _names(holder: Traveller) -> tuple[str, str]:
    name = holder.name
    if name.primary:
        return name.primary, name.secondary
    return name.secondary, ""


def _issue(
    holder: Traveller,
    number: str,
    issued: date,
    expiry: date,
    *,
    doc_id: str,
    bearer_id: str,
    status: Status,
    state: str | None = None,
) -> TravelDocument:
    surname, given = _names(holder)
    country = state or holder.nationality
    sex = "M" if holder.gender == "male" else "F"
    mrz = make_mrz(
        MrzFields(
            "TD3", "P", country, surname, given, number, country, holder.birth_date, sex, expiry
        )
    )
    return TravelDocument(
        doc_id, number, country, country, surname, given, holder.birth_date, sex, issued,
        expiry, mrz, holder.id, bearer_id, status,
    )  # fmt: skip


def papers(spec: WorldSpec, holder: Traveller) -> tuple[TravelDocument, ...]:
    """The passports ``holder`` holds or uses, the one they cross with first."""
    rng = stream(spec, "documents", holder.index)
    status = _statuses()[0].draw(rng)
    doc_id = f"D{holder.index:09d}"
    own = passport_number(holder.nationality, holder.index, CURRENT)
    valid_from = spec.end + timedelta(days=31)
    if status == "impostor":
        return (_impostor(spec, holder, rng, f"{doc_id}-0"),)
    if status == "blank_stolen":
        return (_blank(spec, holder, rng, f"{doc_id}-0"),)
    if status in ("expired", "forged"):
        expired_on = spec.start - timedelta(days=rng.randint(1, 400))
        issued = add_years(expired_on, -_validity(holder, add_years(expired_on, -10)))
        document = _issue(
            holder, own, issued, expired_on, doc_id=f"{doc_id}-0", bearer_id=holder.id,
            status="expired",
        )  # fmt: skip
        if status == "forged":
            document = forge(spec, document, _defects().draw(rng), rng)
        return (document,)
    issued, expiry = _dates(rng, holder, valid_from)
    current = _issue(
        holder, own, issued, expiry, doc_id=f"{doc_id}-0", bearer_id=holder.id, status="genuine"
    )
    if status == "lost_stolen":
        kind = rng.choice(("lost", "stolen"))
        reported_on = spec.start - timedelta(days=rng.randint(1, 600))
        current = replace(current, status="lost_stolen", reported=kind, reported_on=reported_on)
        return (current,)
    if rng.random() < tables.documents()["replaced_lost"]:
        lost_on = issued - timedelta(days=rng.randint(1, 60))
        old_issued = add_years(lost_on, -rng.randint(1, 4))
        older = _issue(
            holder,
            passport_number(holder.nationality, holder.index, OLDER),
            old_issued,
            add_years(old_issued, _validity(holder, old_issued)) - timedelta(days=1),
            doc_id=f"{doc_id}-1",
            bearer_id="",
            status="replaced",
        )
        older = replace(older, reported=rng.choice(("lost", "stolen")), reported_on=lost_on)
        return current, older
    return (current,)


def _impostor(
    spec: WorldSpec, bearer: Traveller, rng: random.Random, doc_id: str
) -> TravelDocument:
    """Another traveller's genuine passport, of a look-alike where one is found quickly."""
    holder = bearer
    for _attempt in range(_IMPOSTOR_TRIES):
        other = rng.randrange(spec.travellers)
        if other == bearer.index:
            continue
        holder = traveller(spec, other)
        close = abs((holder.birth_date - bearer.birth_date).days) < 15 * 365
        if holder.gender == bearer.gender and close:
            break
    if holder is bearer:  # a world of one: the impostor carries a stranger's passport
        holder = traveller(spec, (bearer.index + 1) % (spec.travellers + 1))
    issued, expiry = _dates(rng, holder, spec.end + timedelta(days=31))
    number = passport_number(holder.nationality, holder.index, TAKEN)
    document = _issue(
        holder, number, issued, expiry, doc_id=doc_id, bearer_id=bearer.id, status="impostor"
    )
    if rng.random() < tables.documents()["impostor_reported"]:
        reported_on = spec.start - timedelta(days=rng.randint(1, 300))
        document = replace(document, reported="stolen", reported_on=reported_on)
    return document


def _blank(spec: WorldSpec, bearer: Traveller, rng: random.Random, doc_id: str) -> TravelDocument:
    """A stolen blank booklet personalised with the bearer's details as a national of its State."""
    batch = rng.choice(batches(spec))
    number = rng.choice(batch.numbers)
    issued = batch.reported_on + timedelta(days=rng.randint(1, 60))
    issued = min(issued, spec.start - timedelta(days=1))
    expiry = add_years(issued, 10) - timedelta(days=1)
    document = _issue(
        bearer, number, issued, expiry, doc_id=doc_id, bearer_id=bearer.id,
        status="blank_stolen", state=batch.country,
    )  # fmt: skip
    return replace(
        document, defect=batch.id, reported="blank-stolen", reported_on=batch.reported_on
    )


def _put(mrz: str, field: str, text: str) -> str:
    layout = _layout()
    spec = layout.fields[field]
    at = spec.line * (layout.length + 1) + spec.start
    return mrz[:at] + text + mrz[at + spec.length :]


def _get(mrz: str, field: str) -> str:
    layout = _layout()
    spec = layout.fields[field]
    at = spec.line * (layout.length + 1) + spec.start
    return mrz[at : at + spec.length]


def _recompute(mrz: str) -> str:
    for check in _layout().checks:
        covered = check.covered(mrz)
        if check.filler_when_empty and not covered.strip("<"):
            continue
        mrz = _put(mrz, check.digit, format_check_digit(covered))
    return mrz


def _yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


def _changed(mrz: str, field: str, text: str) -> bool:
    """Whether writing ``text`` into ``field`` changes the field's check digit."""
    return format_check_digit(text) != format_check_digit(_get(mrz, field))


def forge(
    spec: WorldSpec, document: TravelDocument, defect: str, rng: random.Random
) -> TravelDocument:
    """``document`` (an expired passport) altered by a forger, with one defect kind of
    ``documents.toml`` planted. The forger moves the expiry on to make it usable again and
    recomputes the check digits, except where the defect is meant to show."""
    expiry = spec.end + timedelta(days=rng.randint(100, 900))
    mrz = document.mrz
    if defect == "altered_expiry":
        while not _changed(mrz, "expiry_date", _yymmdd(expiry)):
            expiry += timedelta(days=1)
        mrz = _put(mrz, "expiry_date", _yymmdd(expiry))
    else:
        if defect == "overlong_validity":
            expiry = add_years(spec.end, rng.randint(11, 14))
        mrz = _recompute(_put(mrz, "expiry_date", _yymmdd(expiry)))
    changes: dict[str, str] = {}
    birth = document.birth_date
    if defect == "bad_check_digit":
        digit = int(_get(mrz, "document_number_check"))
        mrz = _put(mrz, "document_number_check", str((digit + rng.randint(1, 9)) % 10))
        mrz = _recompute_composite(mrz)
    elif defect == "altered_birth_date":
        birth += timedelta(days=rng.choice((-1, 1)) * rng.randint(400, 3000))
        while not _changed(mrz, "birth_date", _yymmdd(birth)):
            birth += timedelta(days=1)
        mrz = _put(mrz, "birth_date", _yymmdd(birth))
    elif defect == "impossible_birth_date":
        month_day = rng.choice(("0230", "0231", "0431", "0631", "0931", "1131", "1332"))
        mrz = _recompute(_put(mrz, "birth_date", f"{birth:%y}{month_day}"))
    elif defect in ("invented_issuer", "mismatched_nationality"):
        field = "issuing_state" if defect == "invented_issuer" else "nationality"
        changes[field] = rng.choice(tables.documents()["codes"]["invented"])
        mrz = _put(mrz, field, changes[field])
    elif defect not in ("altered_expiry", "overlong_validity"):
        raise ValueError(f"unknown defect kind {defect!r}")
    return replace(
        document,
        mrz=mrz,
        expiry=expiry,
        birth_date=birth,
        status="forged",
        defect=defect,
        issuing_state=changes.get("issuing_state", document.issuing_state),
        nationality=changes.get("nationality", document.nationality),
    )


def _recompute_composite(mrz: str) -> str:
    composite = _layout().checks[-1]
    return _put(mrz, composite.digit, format_check_digit(composite.covered(mrz)))
