"""Pre-arrival targeting in the console: an analyst uploads a flight's PAXLST, sees the
assessments, reviews the hit as confirmed, and the officer of the arrival port (only that
port) sees the lookout; bad input comes back as a clear message; every new form needs the
CSRF token; a masked booking is unmasked only with a justification, audited."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi.testclient import TestClient

from borderpost.audit.log import events
from borderpost.config import Settings
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import PnrBooking
from borderpost.targeting.retention import mask_booking
from tests.console.conftest import Login, watchlisted_paxlst

MANIFESTS = "/console/targeting/manifests"
REVIEWS = "/console/targeting/reviews"


def _upload(client: TestClient, token: str, name: str, data: bytes) -> tuple[int, str, str]:
    answer = client.post(MANIFESTS, data={"csrf": token}, files={"file": (name, data)})
    return answer.status_code, answer.headers.get("location", ""), answer.text


def _watchlist_hit(client: TestClient, surname: str) -> int:
    page = client.get(REVIEWS).text
    for section in page.split('<section class="card review"')[1:]:
        if surname in section and "Watchlist" in section:
            found = re.search(r'id="hit-(\d+)"', section)
            assert found is not None
            return int(found.group(1))
    raise AssertionError(f"no open watchlist hit for {surname}")


def test_upload_assess_review_and_the_arrival_ports_officer_sees_the_lookout(
    client: TestClient, login: Login
) -> None:
    token = login(client, "ann")
    status, location, text = _upload(client, token, "flight.edi", watchlisted_paxlst())
    assert status == 303, text[:500]
    assert re.fullmatch(rf"{MANIFESTS}/\d+", location)
    detail = client.get(location).text
    assert "DRAGO" in detail and "MUSTERMANN" in detail
    assert "Watchlist" in detail and "Ivan Petrovich Drago" in detail
    assert "open, to review" in detail and "No hit." in detail
    listing = client.get(MANIFESTS).text
    assert "ZZ123" in listing and location in listing

    hit = _watchlist_hit(client, "DRAGO")
    labels = ["Confirmed", "False match", "Secondary referral", "Refuse entry / deny boarding"]
    assert all(label in client.get(REVIEWS).text for label in [*labels, "No show", "Duplicate"])
    url = f"{REVIEWS}/{hit}"
    bad = [
        ({"reason": "same person, same passport"}, 422, "choose one of the outcomes"),
        ({"outcome": "shoot", "reason": "same person"}, 422, "choose one of the outcomes"),
        ({"outcome": "confirmed", "reason": ""}, 422, "this field is required"),
        ({"outcome": "confirmed", "reason": "yes"}, 422, "at least 5 characters"),
    ]
    for data, expected, message in bad:
        answer = client.post(url, data={"csrf": token, **data})
        assert answer.status_code == expected, (data, answer.text[:300])
        assert message in answer.text and 'role="alert"' in answer.text, data
    missing = client.post(
        f"{REVIEWS}/999999", data={"csrf": token, "outcome": "confirmed", "reason": "seen it"}
    )
    assert missing.status_code == 404 and "no targeting hit 999999" in missing.text

    done = client.post(
        url, data={"csrf": token, "outcome": "confirmed", "reason": "same birth date and passport"}
    )
    assert done.status_code == 303, done.text[:300]
    notice = client.get(done.headers["location"]).text
    assert f"Hit #{hit} reviewed: Confirmed." in notice
    assert "A lookout was sent to LHR." in notice
    assert f'id="hit-{hit}"' not in notice  # no longer open

    login(client, "olga")
    assert "DRAGO" in client.get("/console/targeting/lookouts").text
    booth = client.get("/console/inspect").text  # the officer sees it where they work
    assert "1 arrival lookout(s) for LHR" in booth and "/console/targeting/lookouts" in booth
    login(client, "otto")
    other = client.get("/console/targeting/lookouts").text
    assert "Lookouts for DOV" in other and "DRAGO" not in other
    assert "arrival lookout" not in client.get("/console/inspect").text

    login(client, "aud")
    queue = client.get(REVIEWS)
    assert queue.status_code == 200 and "Record review" not in queue.text
    stats = client.get("/console/targeting/rules").text
    assert "TP-001" in stats
    assert client.get(f"{MANIFESTS}/999999").status_code == 404


def test_upload_rejects_bad_files_clearly(client: TestClient, login: Login) -> None:
    token = login(client, "ann")
    pnrgov_only = b"UNA:+.? 'UNB+UNOA:4+A+B+260101:0000+1'UNZ+0+1'"
    cases = [
        ("empty.edi", b"  ", "the file is empty"),
        ("notes.txt", b"hello, this is not EDIFACT", "EDIFACT"),
        ("nothing.edi", pnrgov_only, "no passenger or crew list"),
    ]
    for name, data, message in cases:
        status, _location, text = _upload(client, token, name, data)
        assert status == 422, (name, text[:300])
        assert message in text and 'role="alert"' in text, (name, message)
    no_file = client.post(MANIFESTS, data={"csrf": token})
    assert no_file.status_code == 422 and "choose a PAXLST or PNRGOV file" in no_file.text


@pytest.mark.parametrize(
    ("path", "data"),
    [
        (MANIFESTS, {}),
        (f"{REVIEWS}/1", {"outcome": "confirmed", "reason": "same person"}),
        ("/console/targeting/pnr", {"booking": "1", "justification": "case 2026/17 courier"}),
    ],
)
def test_targeting_forms_need_the_csrf_token(
    client: TestClient, login: Login, path: str, data: dict[str, str]
) -> None:
    login(client, "ann")
    for token in (None, "0" * 64):
        sent = data if token is None else {**data, "csrf": token}
        answer = client.post(path, data=sent)
        assert answer.status_code == 403, (path, answer.text[:200])
        assert "did not come from this console" in answer.text


def test_only_analysts_submit_and_review(client: TestClient, login: Login) -> None:
    token = login(client, "aud")
    assert _upload(client, token, "f.edi", watchlisted_paxlst())[0] == 403
    answer = client.post(
        f"{REVIEWS}/1", data={"csrf": token, "outcome": "confirmed", "reason": "same person"}
    )
    assert answer.status_code == 403


def test_pnr_unmask_needs_a_justification_and_is_audited(
    client: TestClient, login: Login, seeded: tuple[Settings, Store]
) -> None:
    _settings, store = seeded
    now = dt.datetime(2026, 1, 3, 8, 0, tzinfo=dt.UTC)
    with UnitOfWork(store) as uow:
        booking = PnrBooking(
            record_locator="QWE456",
            data={
                "record_locator": "QWE456",
                "travellers": [{"surname": "DOE", "given_names": "JANE"}],
                "contacts": ["CTC +44 20 7946 0018"],
                "addresses": [],
                "payments": [],
                "remarks": [],
            },
            received_at=now,
        )
        mask_booking(booking, now)
        uow.session.add(booking)
        uow.commit()
        booking_id = booking.id
    token = login(client, "ann")
    form = client.get(f"/console/targeting/pnr?booking={booking_id}").text
    assert "QWE456" in form and "DOE" not in form
    cases = [
        ({"booking": "abc", "justification": "case 2026/17 courier"}, 422, "is not a whole number"),
        ({"booking": str(booking_id), "justification": "curious"}, 422, "at least 10 characters"),
        ({"booking": "999999", "justification": "case 2026/17 courier"}, 404, "no PNR booking"),
    ]
    for data, status, message in cases:
        answer = client.post("/console/targeting/pnr", data={"csrf": token, **data})
        assert answer.status_code == status, (data, answer.text[:300])
        assert message in answer.text, (data, message)
    done = client.post(
        "/console/targeting/pnr",
        data={"csrf": token, "booking": str(booking_id), "justification": "case 2026/17 courier"},
    )
    assert done.status_code == 200 and "DOE" in done.text and "7946 0018" in done.text
    with UnitOfWork(store) as uow:
        unmasked = [e for e in events(uow.session) if e.action == "pnr.unmask"]
        assert [e.actor for e in unmasked] == ["ann"]
        assert "courier" in str(unmasked[0].details)
