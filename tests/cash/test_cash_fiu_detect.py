"""The FIU export validates against our schema (and an FIU's own), courier detection explains
itself, a declaration becomes intelligence facts, and the simulator's couriers are found."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderpost.cash.couriers import COURIER_KINDS, Valued, detect
from borderpost.cash.errors import RateError
from borderpost.cash.facts import facts_of
from borderpost.cash.fiu import (
    DetentionFacts,
    FiuReport,
    FiuSchemaError,
    build_report,
    load_schema,
    validate,
)
from borderpost.cash.model import Declaration, Line, Party
from borderpost.cash.money import parse_amount
from borderpost.cash.offences import check_found
from borderpost.cash.profiles import profile
from borderpost.cash.rates import parse_rates
from borderpost.cash.rules import assess_one
from borderpost.sim.world import networks, officers
from borderpost.sim.world.cash import cash_traffic, world_rates
from borderpost.sim.world.spec import WorldSpec

EU = profile("EU")
RATES = parse_rates("date,currency,quote,rate\n2026-03-01,USD,EUR,0.92\n")
NOW = dt.datetime(2026, 3, 12, 9, 30, tzinfo=dt.UTC)


def _declaration(
    ref: str,
    amount: str,
    *,
    name: str = "AMINA DIALLO",
    day: dt.date = dt.date(2026, 3, 10),
    phone: str | None = None,
    address: str | None = None,
    recipient: Party | None = None,
    use: str = "purchase of goods",
) -> Declaration:
    parties = [Party("carrier", name, dt.date(1980, 5, 1), "BEN", "B1234567", phone, address)]
    if recipient is not None:
        parties.append(recipient)
    return Declaration(
        ref=ref,
        kind="accompanied",
        day=day,
        port="CTN",
        direction="entry",
        lines=(Line("currency", "EUR", Decimal(amount)),),
        parties=tuple(parties),
        origin="LAGOS",
        intended_use=use,
    )


def _report(declaration: Declaration, **extra: object) -> FiuReport:
    assessment = assess_one(EU, declaration, RATES)
    return FiuReport(
        entity_id="BJ-DOUANES-01",
        reporter="fiu.liaison",
        submitted_at=NOW,
        profile_code="EU",
        currency="EUR",
        declaration=declaration,
        assessment=assessment,
        **extra,  # type: ignore[arg-type]
    )


def test_export_validates_against_the_shipped_schema() -> None:
    declaration = _declaration(
        "CD0000001", "25000", phone="+229 97 12 34 56", address="12 rue du Port, Cotonou"
    )
    offence = check_found(EU, Decimal("25000"), Decimal("31000"))
    assert offence is not None
    held = DetentionFacts(
        "Regulation 2018/1672 art. 7", Decimal("31000"), NOW, dt.date(2026, 4, 11)
    )
    xml = build_report(
        _report(
            declaration,
            offences=[offence],
            detention=held,
            indicators=[("structuring", "3 crossings just under")],
        )
    )
    validate(xml)
    text = xml.decode()
    assert "<report_code>CBCR</report_code>" in text
    assert "<total_local>25000.00</total_local>" in text
    assert "false_declaration" in text


def test_a_broken_report_is_refused_with_the_schemas_reason() -> None:
    xml = build_report(_report(_declaration("CD0000002", "12000")))
    broken = xml.replace(b"<currency_code_local>EUR", b"<currency_code_local>euro")
    with pytest.raises(FiuSchemaError, match="currency_code_local"):
        validate(broken)
    with pytest.raises(FiuSchemaError, match="well-formed"):
        validate(b"<report>")
    # An external entity is never fetched: the document is refused as it stands.
    with pytest.raises(FiuSchemaError) as refused:
        validate(b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>')
    assert "root:" not in str(refused.value)


def test_an_fiu_can_use_its_own_schema(tmp_path: Path) -> None:
    own = tmp_path / "fiu.xsd"
    own.write_text(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'targetNamespace="urn:borderpost:cash:fiu:1" elementFormDefault="qualified">'
        '<xs:element name="report"><xs:complexType><xs:sequence>'
        '<xs:element name="rentity_id" type="xs:string"/>'
        "</xs:sequence></xs:complexType></xs:element></xs:schema>",
        encoding="utf-8",
    )
    xml = build_report(_report(_declaration("CD0000003", "12000")))
    with pytest.raises(FiuSchemaError, match="does not validate"):
        validate(xml, load_schema(own))
    with pytest.raises(FiuSchemaError, match="not a usable XML schema"):
        (tmp_path / "bad.xsd").write_text("<nope/>", encoding="utf-8")
        load_schema(tmp_path / "bad.xsd")


def test_structuring_alert_names_the_crossings_and_amounts() -> None:
    items = [
        Valued(
            _declaration(f"D{i}", amount, day=dt.date(2026, 1, 5) + dt.timedelta(days=20 * i)),
            Decimal(amount),
        )
        for i, amount in enumerate(["9800", "9950", "9400"])
    ]
    alerts = detect(EU, items)
    (alert,) = [a for a in alerts if a.kind == "structuring"]
    assert alert.refs == ("D0", "D1", "D2")
    assert "3 crossings" in alert.reason and "EUR 9,950.00" in alert.reason
    # Two separate single crossings by two people are no structuring.
    lone = [
        Valued(_declaration("E1", "9800", name="A B"), Decimal(9800)),
        Valued(_declaration("E2", "9800", name="C D"), Decimal(9800)),
    ]
    assert not [a for a in detect(EU, lone) if a.kind == "structuring"]


def test_shared_recipient_links_and_purpose() -> None:
    boss = Party("recipient", "OUSMANE KANE", account="BJ66 BJ06 1010 0100 1443 9000 069")
    items = [
        Valued(
            _declaration("D1", "9900", name="X ONE", recipient=boss, phone="+22997000001"),
            Decimal(9900),
        ),
        Valued(
            _declaration("D2", "9700", name="Y TWO", recipient=boss, phone="+229 97 00 00 01"),
            Decimal(9700),
        ),
        Valued(_declaration("D3", "30000", name="Z THREE", use="tourism"), Decimal(30000)),
    ]
    kinds = {a.kind: a for a in detect(EU, items)}
    assert "account match" in kinds["shared_party"].reason
    assert "phone +22997000001" in kinds["linked_couriers"].reason
    assert kinds["purpose_mismatch"].refs == ("D3",)
    assert "tourism" in kinds["purpose_mismatch"].reason


def test_facts_of_a_declaration() -> None:
    declaration = _declaration("CD9", "9900", phone="+229 97 12 34 56", address="12 Rue du Port")
    facts = facts_of(declaration)
    assert facts.kind == "declaration" and facts.ref == "CD9"
    assert ("phone", "+22997123456") in facts.identifiers
    assert ("person", "AMINA DIALLO|1980-05-01") in facts.identifiers
    assert ("address", "12 RUE DU PORT") in facts.identifiers
    assert "EUR 9,900.00" in facts.summary


@given(st.text(max_size=30))
@settings(max_examples=200, deadline=None)
def test_amount_parser_never_crashes(text: str) -> None:
    try:
        amount = parse_amount(text)
    except ValueError as exc:
        assert "amount" in str(exc)
    else:
        assert amount >= 0


def test_amounts_with_too_many_decimals_are_refused() -> None:
    with pytest.raises(ValueError, match="more than 10 decimals"):
        parse_amount("1.00000000000000000001")
    with pytest.raises(ValueError, match="as text or a whole number"):
        parse_amount(1.5)  # type: ignore[arg-type]


@given(st.decimals(min_value=0, max_value=10**9, places=2))
def test_amount_parser_round_trips(value: Decimal) -> None:
    assert parse_amount(f"{value:f}") == value


def test_simulated_couriers_are_found() -> None:
    spec = WorldSpec(seed=11, travellers=3000, days=180)
    plan = networks.plan(spec, officers.roster(spec))
    rates = world_rates(spec, EU)
    traffic = cash_traffic(spec, plan, EU, rates)
    assert traffic.couriers, "the world should have money couriers who declared"
    items = [Valued(d, assess_one(EU, d, rates).total) for d in traffic.declarations]
    flagged = {s for a in detect(EU, items) if a.kind in COURIER_KINDS for s in a.subjects}
    found = flagged & set(traffic.couriers)
    assert len(found) / len(traffic.couriers) >= 0.5
    assert len(found) / len(flagged) >= 0.5
    again = cash_traffic(spec, plan, EU, rates)
    assert again == traffic  # deterministic


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_rate_files_never_crash_the_parser(text: str) -> None:
    try:
        table = parse_rates("date,currency,quote,rate\n" + text)
    except RateError as exc:
        assert str(exc)
    else:
        assert all(rate.rate > 0 for rate in table)


@given(st.binary(max_size=300))
@settings(max_examples=100, deadline=None)
def test_validation_of_untrusted_bytes_never_crashes(data: bytes) -> None:
    with pytest.raises(FiuSchemaError):
        validate(data)


def test_a_rate_table_with_a_bad_line_names_it() -> None:
    with pytest.raises(RateError, match="line 3: rate must be above 0"):
        parse_rates("date,currency,quote,rate\n2026-01-01,USD,EUR,0.9\n2026-01-02,USD,EUR,0\n")
    with pytest.raises(RateError, match="line 2: date '2026-13-01'"):
        parse_rates("date,currency,quote,rate\n2026-13-01,USD,EUR,0.9\n")
    with pytest.raises(RateError, match="header"):
        parse_rates("")
