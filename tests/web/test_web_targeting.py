"""``POST /api/v1/pnr/{booking_id}/unmask``: a masked booking read back by an analyst with a
justification, audited; anyone else refused, a short justification refused."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from borderpost.audit.log import events
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import PnrBooking
from borderpost.targeting.retention import MASK, mask_booking

NOW = dt.datetime(2026, 1, 3, 8, 0, tzinfo=dt.UTC)


def _masked_booking(store: Store) -> int:
    with UnitOfWork(store) as uow:
        booking = PnrBooking(
            record_locator="XYZ789",
            data={
                "record_locator": "XYZ789",
                "travellers": [{"surname": "DOE", "given_names": "ANNA"}],
                "contacts": ["CTC +44 20 7946 0018"],
                "addresses": [],
                "payments": [],
                "remarks": [],
            },
            received_at=NOW,
        )
        mask_booking(booking, NOW)
        uow.session.add(booking)
        uow.commit()
        return booking.id


def test_unmask_needs_the_role_and_a_justification_and_is_audited(
    client: TestClient, store: Store, headers: dict[str, dict[str, str]]
) -> None:
    booking = _masked_booking(store)
    url = f"/api/v1/pnr/{booking}/unmask"
    body = {"justification": "case 2026/17: courier network"}
    assert client.post(url, json=body, headers=headers["olga"]).status_code == 403
    short = client.post(url, json={"justification": "because"}, headers=headers["ann"])
    assert short.status_code == 422 and "justification" in short.text
    answer = client.post(url, json=body, headers=headers["ann"])
    assert answer.status_code == 200, answer.text
    data = answer.json()["data"]
    assert data["travellers"][0]["surname"] == "DOE"
    assert data["contacts"] == ["CTC +44 20 7946 0018"]
    with UnitOfWork(store) as uow:
        (event,) = [e for e in events(uow.session) if e.action == "pnr.unmask"]
        assert event.actor == "ann" and "courier network" in str(event.details)
        stored = uow.session.get(PnrBooking, booking)
        assert stored is not None and stored.data["travellers"][0]["surname"] == MASK
