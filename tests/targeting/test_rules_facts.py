"""Rules as data, facts per traveller and document checks, on small inline manifests."""

from __future__ import annotations

import datetime as dt

import pytest

from borderpost.screening.engine import Screener
from borderpost.targeting import (
    KnownSubjects,
    RuleError,
    TravelContext,
    assess_manifest,
    check_documents,
    default_rules,
    parse_master_crew,
    parse_rules,
)
from borderpost.targeting.facts import traveller_facts
from tests.support.manifests import booking, manifest, person

TODAY = dt.date(2026, 3, 10)
EMPTY = Screener([])


def _rule(when: str, title: str = "A rule", ident: str = "X-1") -> str:
    return (
        f"- id: {ident}\n  title: {title}\n  owner: unit\n  justification: because\n"
        f"  review_date: 2027-01-01\n  weight: 10\n  when: {when}\n"
    )


def test_shipped_rules_load_with_owner_justification_and_review_date() -> None:
    rules = default_rules()
    assert {"TP-001", "LK-001", "SG-001", "CR-001"} <= {rule.id for rule in rules}
    assert all(rule.owner and rule.justification for rule in rules)
    assert not any(rule.overdue(TODAY) for rule in rules)
    assert all(rule.overdue(dt.date(2030, 1, 1)) for rule in rules)


@pytest.mark.parametrize(
    ("when", "title"),
    [
        ("{fact: nationality, eq: religion}", "A rule"),
        ("{fact: role, eq: passenger}", "Travellers by religion"),
        ("{fact: role, in: [political opinion]}", "A rule"),
        ("{fact: role, eq: passenger}", "Sexual orientation screen"),
    ],
)
def test_rules_on_protected_characteristics_are_refused(when: str, title: str) -> None:
    with pytest.raises(RuleError, match="protected characteristic"):
        parse_rules(_rule(when, title))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_rule("{fact: shoe_size, gt: 44}"), "unknown fact 'shoe_size'"),
        (_rule("{fact: age, between: 3}"), "OP one of"),
        (_rule("{eval: 'os.system(1)'}"), "unknown condition 'eval'"),
        ("- id: X\n  title: t\n  when: {fact: age, gt: 1}\n", "missing owner"),
        (_rule("{fact: age, gt: 1}") * 2, "defined twice"),
    ],
)
def test_malformed_rules_are_refused_clearly(text: str, message: str) -> None:
    with pytest.raises(RuleError, match=message):
        if "twice" in message:
            from borderpost.targeting.rules import _unique

            _unique(parse_rules(text))
        else:
            parse_rules(text)


def test_rule_explains_why_it_fired() -> None:
    (rule,) = parse_rules(_rule("{all: [{fact: age, gte: 18}, {not: {fact: one_way, is: true}}]}"))
    result = rule.evaluate({"age": 40, "one_way": False})
    assert result is not None
    assert result.reasons[0] == "age = 40 (≥ 18)"
    assert rule.evaluate({"age": 12, "one_way": False}) is None
    assert rule.evaluate({"age": None}) is None


def test_booking_facts_one_way_short_notice_cash_third_party() -> None:
    pnr = booking(
        "ABC123",
        ("DOE", "ANNA"),
        payment="CA",
        card=None,
        remarks=("PAID BY JOHN SMITH",),
        itinerary=(("BOG", "PTY"), ("PTY", "LHR")),
    )
    m = manifest(person("DOE", booking="ABC123"))
    facts = traveller_facts(m, 0, TravelContext(bookings=(pnr,)))
    assert facts["one_way"] is True
    assert facts["booked_days_before"] == 1
    assert facts["payment_cash"] is True
    assert facts["paid_by_third_party"] is True
    assert facts["transit_points"] == ("PTY",)
    fired = {
        r.rule.id
        for r in assess_manifest(m, EMPTY, context=TravelContext(bookings=(pnr,)))
        .assessments[0]
        .rules
    }
    assert {"TP-001", "TP-002", "TP-003", "TP-004"} <= fired


def test_no_booking_means_booking_rules_cannot_fire() -> None:
    result = assess_manifest(manifest(person("DOE")), EMPTY, today=TODAY)
    (item,) = result.assessments
    assert item.facts["one_way"] is None and item.rules == ()
    assert item.status == "no_hit" and item.band == "none"


def test_shared_contact_payment_booking_with_known_subject() -> None:
    pnr = booking("QQQ111", ("DOE", "ANNA"), contacts=("CTC +44 20 7946 0018",))
    known = KnownSubjects(
        {
            "phone:079460018": frozenset({"subject:1"}),
            "payment:VI:4111111111111111": frozenset({"subject:1"}),
            "booking:QQQ111": frozenset({"subject:1"}),
        }
    )
    m = manifest(person("DOE", booking="QQQ111"))
    facts = traveller_facts(m, 0, TravelContext(bookings=(pnr,), known=known))
    assert facts["shared_contact_with_known_subject"] is True
    assert facts["shared_payment_with_known_subject"] is True
    assert facts["shared_booking_with_known_subject"] is True


def test_minor_with_and_without_related_adult() -> None:
    child = person("SMALL", "TIM", born=dt.date(2015, 5, 1), number="K1")
    alone = manifest(child, person("OTHER", number="K2"))
    family = manifest(child, person("SMALL", "MUM", number="K3"))
    rules_alone = assess_manifest(alone, EMPTY).assessments[0].rules
    assert [r.rule.id for r in rules_alone] == ["SG-001"]
    assert assess_manifest(family, EMPTY).assessments[0].rules == ()


def test_crew_not_on_master_list() -> None:
    crew = parse_master_crew("surname,document_number\nPILOT,CR-0001\n")
    m = manifest(
        person("PILOT", role="crew", number="CR0001"), person("STRANGER", role="crew", number="Z9")
    )
    result = assess_manifest(m, EMPTY, context=TravelContext(master_crew=crew))
    assert [a.facts["crew_not_on_master_list"] for a in result.assessments] == [False, True]
    assert [r.rule.id for r in result.assessments[1].rules] == ["CR-001"]


def test_document_checks() -> None:
    m = manifest(
        person("OLD", expiry=dt.date(2026, 1, 1), number="A1"),
        person("NEW", issued=dt.date(2026, 3, 1), number="A2"),
        person("MIX", nationality="FRA", issuer="DEU", number="A3"),
        person("TWIN", number="A4"),
        person("TWAN", number="A4"),
    )
    codes = [[c.code for c in checks] for checks in check_documents(m, dt.date(2026, 3, 10))]
    assert codes[0] == ["expired"]
    assert codes[1] == ["issued_recently"]
    assert codes[2] == ["issuer_not_nationality"]
    assert codes[3] == codes[4] == ["number_shared"]
    item = assess_manifest(m, EMPTY).assessments[0]
    assert item.status == "to_review"
    assert "expired on 2026-01-01" in item.reasons()[0]
