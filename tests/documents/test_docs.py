"""The README documents every finding code and every JSON field of ``mrz check``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from borderpost.documents import parse
from borderpost.documents.findings import catalogue

README = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")


def test_every_finding_code_is_documented() -> None:
    missing = [code for code in catalogue() if f"`{code}`" not in README]
    assert missing == []


def test_every_json_field_is_documented() -> None:
    fields = parse("P<UTOX<<Y\n", at=dt.date(2026, 11, 29)).to_dict()
    missing = [name for name in fields if f"`{name}`" not in README and not name.endswith("_name")]
    assert missing == []


def test_result_field_order_matches_positional_construction() -> None:
    from borderpost.documents.result import MrzResult

    assert MrzResult._fields[:3] == ("mrz", "type", "reference_date")
    assert MrzResult._fields[-4:] == ("checks", "valid", "findings", "repair")


def test_finding_table_matches_the_catalogue() -> None:
    rows = [f"| `{k.code}` | {k.severity.value} | {k.summary} |" for k in catalogue().values()]
    missing = [row for row in rows if row not in README]
    assert missing == []
