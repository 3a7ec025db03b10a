"""RecordFacts as JSON lines (one record per line), for files handed between tools."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from borderpost.intel.facts import RecordFacts

__all__ = ["FactsFileError", "facts_from_json", "facts_to_json", "read_facts"]


class FactsFileError(ValueError):
    """A line that is not a record's facts."""


def facts_to_json(facts: RecordFacts) -> dict[str, Any]:
    """A JSON-ready form of ``facts``."""
    return {
        "ref": facts.ref,
        "kind": facts.kind,
        "date": facts.date.isoformat(),
        "summary": facts.summary,
        "identifiers": [list(i) for i in facts.identifiers],
        "place": facts.place,
        "latitude": facts.latitude,
        "longitude": facts.longitude,
    }


def facts_from_json(data: dict[str, Any]) -> RecordFacts:
    """The facts of a :func:`facts_to_json` form (ValueError/KeyError/TypeError when bad)."""
    return RecordFacts(
        ref=str(data["ref"]),
        kind=str(data["kind"]),
        date=date.fromisoformat(str(data["date"])),
        summary=str(data.get("summary", "")),
        identifiers=tuple((str(k), str(v)) for k, v in data.get("identifiers", [])),
        place=data.get("place"),
        latitude=None if data.get("latitude") is None else float(data["latitude"]),
        longitude=None if data.get("longitude") is None else float(data["longitude"]),
    )


def read_facts(lines: Iterable[str]) -> Iterator[RecordFacts]:
    """Records from JSON lines; a bad line is an error naming it and what is wrong."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            yield facts_from_json(json.loads(line))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise FactsFileError(f"line {number}: not a record's facts ({exc})") from None
