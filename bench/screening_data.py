"""Shared by the screening benchmarks: the real lists, name forms, cross-list twins, travellers.

Data (read-only, never copied into the repo): ../shared/data/lists (OFAC SDN 2021-07-07, US
government work, public domain; UN Security Council Consolidated List 2026-02-27, published for
public use; both via github.com/moov-io/watchman test data).
"""

from __future__ import annotations

import calendar
import hashlib
import random
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from borderpost.names import to_mrz
from borderpost.screening.model import ListEntry, PartialDate
from borderpost.screening.query import Query
from borderpost.screening.sources import load_ofac, load_un
from borderpost.sim import PersonName, generate

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
OFAC_DIR = DATA / "lists" / "ofac_sdn_2021-07-07"
UN_XML = DATA / "lists" / "un_consolidated_2026-02-27" / "consolidated.xml"
_TITLE = re.compile(r"^(DR|MR|MRS|MS|HAJI|HAJJI|SHAYKH|SHEIKH|MAULAVI|MULLAH|MAWLAWI|QARI)\.?$")


def engine_fingerprint() -> str:
    """A short hash of the screening and names sources and data, to tie figures to the code
    they measured (the engine is tuned while these benchmarks run)."""
    root = Path(__file__).resolve().parents[1] / "borderpost"
    digest = hashlib.sha256()
    for folder in ("screening", "names"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and path.suffix in {".py", ".tsv", ".txt", ".csv", ".json"}:
                digest.update(path.relative_to(root).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def key(entry: ListEntry) -> str:
    """A list-qualified entry id (``OFAC SDN:2674``)."""
    return f"{entry.list_name}:{entry.entry_id}"


@dataclass(frozen=True, slots=True)
class Lists:
    """The two real lists as parsed by our importers."""

    ofac: tuple[ListEntry, ...]
    un: tuple[ListEntry, ...]
    seconds: float

    @property
    def entries(self) -> tuple[ListEntry, ...]:
        return self.ofac + self.un

    def persons(self, which: Sequence[ListEntry] | None = None) -> list[ListEntry]:
        return [e for e in (self.entries if which is None else which) if e.kind == "person"]


def load_lists() -> Lists:
    """OFAC SDN + UN consolidated, parsed once (timed)."""
    import time

    start = time.perf_counter()
    ofac = load_ofac(OFAC_DIR).entries
    un = load_un(UN_XML).entries
    return Lists(tuple(ofac), tuple(un), time.perf_counter() - start)


def natural(entry: ListEntry) -> str:
    """The primary name given-name first ("Ayman AL-ZAWAHIRI"), titles such as DR. dropped."""
    words = (entry.natural_name or entry.name).split()
    return " ".join(w for w in words if not _TITLE.match(w.upper())) or entry.name


def family_first(entry: ListEntry) -> str:
    """The primary name family name first: OFAC's "LI, Fangwei" as "LI Fangwei"; a name
    without a comma as the list writes it (the UN writes Korean names family first)."""
    last, comma, first = entry.name.partition(",")
    return f"{last.strip()} {first.strip()}".strip() if comma else entry.name


def _name_key(name: str) -> str:
    return " ".join(sorted(w for w in to_mrz(name).split() if len(w) > 1))


def _years(entry: ListEntry) -> set[int]:
    return {y for d in entry.birth_dates for y in range(d.earliest().year, d.latest().year + 1)}


def twins(entries: Iterable[ListEntry]) -> dict[str, set[str]]:
    """Entries of *other* lists that are the same person: a name whose words (ICAO letters,
    any order) are the same, and dates of birth within a year when both lists give one, or two
    such names in common whatever the dates (the lists disagree on some dates).

    Used only to count a hit on the same person's entry in the other list as correct.
    """
    by_name: dict[str, list[ListEntry]] = defaultdict(list)
    for entry in (e for e in entries if e.kind == "person"):
        for name in {_name_key(n) for n in entry.names()} - {""}:
            by_name[name].append(entry)
    shared: dict[tuple[str, str], int] = defaultdict(int)
    pairs: dict[tuple[str, str], tuple[ListEntry, ListEntry]] = {}
    for group in by_name.values():
        for a in group:
            for b in group:
                if a.list_name != b.list_name:
                    shared[(key(a), key(b))] += 1
                    pairs[(key(a), key(b))] = (a, b)
    found: dict[str, set[str]] = defaultdict(set)
    for pair, count in shared.items():
        a, b = pairs[pair]
        ya, yb = _years(a), _years(b)
        close = not ya or not yb or any(abs(x - y) <= 1 for x in ya for y in yb)
        if close or count >= 2:
            found[pair[0]].add(pair[1])
    return found


def shift_year(when: PartialDate, years: int) -> PartialDate:
    """The same partial date ``years`` later (29 February becomes the 28th)."""
    year = when.year + years
    day = when.day
    if day is not None and when.month is not None:
        day = min(day, calendar.monthrange(year, when.month)[1])
    return PartialDate(year, when.month, day)


def random_birth_date(rng: random.Random) -> date:
    """A day between 1940-01-01 and 2008-12-31, evenly."""
    start, end = date(1940, 1, 1).toordinal(), date(2008, 12, 31).toordinal()
    return date.fromordinal(rng.randint(start, end))


@dataclass(frozen=True, slots=True)
class Traveller:
    """A clean synthetic traveller: a sim name, a date of birth and a nationality."""

    person: PersonName
    name: str
    dob: str
    nationality: str

    def query(self) -> Query:
        return Query.parse(self.name, dob=self.dob, nationality=self.nationality, id=None)


def travellers(seed: int, count: int) -> list[Traveller]:
    """``count`` clean travellers: names as a manifest writes them (given names first, or for
    family-first cultures half the time family name first), random dates of birth."""
    rng = random.Random(seed)
    found: list[Traveller] = []
    for _ in range(count):
        person = generate(rng)
        name = person.latin if person.family_first and rng.random() < 0.5 else None
        found.append(
            Traveller(
                person=person,
                name=name or person.latin_given_first,
                dob=random_birth_date(rng).isoformat(),
                nationality=person.nationality,
            )
        )
    return found
