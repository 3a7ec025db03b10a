"""The pure rules of primary inspection: suggestions and the four-eyes rules."""

from __future__ import annotations

from typing import Literal

import pytest

from borderpost.inspection.decisions import (
    APPROVAL_RULES,
    ClearedHit,
    approval_reasons,
    check_approver,
    check_reason,
)
from borderpost.inspection.errors import Forbidden, Invalid
from borderpost.inspection.suggest import (
    RULES,
    DocumentSignal,
    HitSignal,
    is_more_lenient,
    signals,
    suggest,
)

VALID = DocumentSignal("valid")


def _suggest(
    document: DocumentSignal = VALID,
    hits: tuple[HitSignal, ...] = (),
    overstays: tuple[str, ...] = (),
    direction: Literal["entry", "exit"] = "entry",
) -> tuple[str, tuple[str, ...]]:
    fired = signals(document, hits, overstays, direction=direction, high_risk_threshold=0.9)
    result = suggest(fired)
    return result.action, result.reasons


def test_nothing_fires_admit() -> None:
    assert _suggest() == ("admit", ("no rule fired",))


@pytest.mark.parametrize(
    ("kwargs", "action", "rule"),
    [
        ({"hits": (HitSignal(1, "watchlist", 0.82, "UN x"),)}, "refer", "watchlist_hit"),
        ({"hits": (HitSignal(1, "watchlist", 0.95, "UN x"),)}, "refer", "high_risk_hit"),
        ({"hits": (HitSignal(1, "document", 1.0, "n", True),)}, "detain", "stolen_document"),
        ({"hits": (HitSignal(1, "document", 0.9, "n"),)}, "refer", "reported_document"),
        ({"document": DocumentSignal("invalid", ("check_digit",))}, "refer", "document_failed"),
        ({"document": DocumentSignal("alert", ("expired",), True)}, "refuse", "expired_document"),
        ({"overstays": ("entered ...",)}, "refer", "overstay"),
    ],
)
def test_each_rule(kwargs: dict[str, object], action: str, rule: str) -> None:
    got, reasons = _suggest(**kwargs)  # type: ignore[arg-type]
    assert got == action
    assert any(reason.startswith(RULES[rule].text) for reason in reasons)


def test_expired_document_does_not_refuse_exit() -> None:
    action, _ = _suggest(DocumentSignal("alert", ("expired",), True), direction="exit")
    assert action == "refer"


def test_clearing_a_hit_withdraws_its_signal() -> None:
    fired = signals(
        VALID,
        [HitSignal(7, "watchlist", 0.85, "x")],
        (),
        direction="entry",
        high_risk_threshold=0.9,
    )
    assert suggest(fired).action == "refer"
    assert suggest(fired, cleared=[7]).action == "admit"
    assert is_more_lenient("admit", "refer") and not is_more_lenient("detain", "refer")


def test_reasons_must_say_something() -> None:
    for bad in (None, "", "   ", "ok"):
        with pytest.raises(Invalid):
            check_reason(bad, "a decision")
    assert check_reason("  name differs, DOB differs  ", "x") == "name differs, DOB differs"


def _needs(**overrides: object) -> tuple[str, ...]:
    arguments: dict[str, object] = {
        "decision": "admit",
        "suggestion": "admit",
        "document_failed": False,
        "cleared": (),
        "decider_role": "officer",
        "high_risk_threshold": 0.9,
    }
    arguments.update(overrides)
    return approval_reasons(**arguments)  # type: ignore[arg-type]


def test_four_eyes_rules() -> None:
    assert _needs() == ()
    low = ClearedHit(1, "watchlist", 0.85, "different DOB and nationality")
    high = ClearedHit(2, "watchlist", 0.93, "different DOB and nationality")
    stolen = ClearedHit(3, "document", 1.0, "reported lost by this holder, found")
    assert _needs(cleared=(low,)) == ()
    assert APPROVAL_RULES["high_risk_clearance"] in _needs(cleared=(high,))[0]
    assert APPROVAL_RULES["document_hit_clearance"] in _needs(cleared=(stolen,))[0]
    assert _needs(document_failed=True) == (APPROVAL_RULES["admit_failed_document"],)
    assert _needs(decision="refer", document_failed=True) == ()
    assert APPROVAL_RULES["lenient_override"] in _needs(suggestion="refer")[0]
    assert _needs(suggestion="refer", decider_role="supervisor") == ()
    # A supervisor clearing a high-risk hit still needs a second person.
    assert _needs(cleared=(high,), decider_role="supervisor")
    # Stricter than suggested is the officer's call.
    assert _needs(decision="refer") == ()


def test_approver_must_be_another_supervisor_of_the_port() -> None:
    base = {
        "decider_id": 1,
        "approver_id": 2,
        "approver_role": "supervisor",
        "approver_active": True,
        "approver_port_id": 10,
        "port_id": 10,
    }
    check_approver(**base)  # type: ignore[arg-type]
    for change in (
        {"approver_id": 1},
        {"approver_role": "officer"},
        {"approver_role": "admin"},
        {"approver_active": False},
        {"approver_port_id": 11},
    ):
        with pytest.raises(Forbidden):
            check_approver(**{**base, **change})  # type: ignore[arg-type]
