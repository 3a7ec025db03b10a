"""The Intelligence pages: leads raised by arriving records, reviewed from the console (and
undone); the network view's data; the map and timeline drawn on the server."""

from __future__ import annotations

import datetime as dt
import json
import re
from datetime import date
from typing import Any

from fastapi.testclient import TestClient

from borderpost.config import Settings
from borderpost.intel.facts import RecordFacts
from borderpost.intel.places import port_place
from borderpost.leads import record_arrived
from borderpost.store import Store, UnitOfWork
from tests.console.conftest import Login

NOW = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)


def add_records(store: Store) -> None:
    """Three records of one phone line (a seizure, an arrest and a crossing), with places."""
    place = port_place("UTO-CAP")
    assert place is not None
    where: dict[str, Any] = {
        "place": place.code,
        "latitude": place.latitude,
        "longitude": place.longitude,
    }
    phone = ("phone", "+2290197000001")
    with UnitOfWork(store) as uow:
        for facts in (
            RecordFacts("S-12", "seizure", date(2026, 3, 2), "4.1 kg cocaine", (phone,), **where),
            RecordFacts(
                "A-7",
                "arrest",
                date(2026, 5, 19),
                "trafficking",
                (phone, ("person", "T1")),
                **where,
            ),
            RecordFacts("C-1", "crossing", date(2026, 5, 20), "entry", (("person", "T1"),)),
        ):
            record_arrived(uow.session, facts, now=NOW)
        uow.commit()


def test_an_analyst_reviews_leads_from_the_console(
    client: TestClient, login: Login, seeded: tuple[Settings, Store]
) -> None:
    add_records(seeded[1])
    csrf = login(client, "ann")
    page = client.get("/console/intel/leads")
    assert page.status_code == 200
    ids = [int(i) for i in re.findall(r'action="/console/intel/leads/(\d+)"', page.text)]
    assert ids and "phone +2290197000001" in page.text
    refused = client.post(
        f"/console/intel/leads/{ids[0]}", data={"csrf": csrf, "verdict": "dismissed", "reason": ""}
    )
    assert refused.status_code == 422 and "reason of at least 5" in refused.text
    done = client.post(
        f"/console/intel/leads/{ids[0]}",
        data={"csrf": csrf, "verdict": "dismissed", "reason": "known family line"},
    )
    assert done.status_code == 303
    assert f'action="/console/intel/leads/{ids[0]}"' not in client.get("/console/intel/leads").text
    dismissed = client.get("/console/intel/leads?status=dismissed").text
    assert f'action="/console/intel/leads/{ids[0]}"' in dismissed
    undone = client.post(
        f"/console/intel/leads/{ids[0]}",
        data={"csrf": csrf, "verdict": "undo", "back": "dismissed"},
    )
    assert undone.status_code == 303
    assert f'action="/console/intel/leads/{ids[0]}"' in client.get("/console/intel/leads").text


def test_an_auditor_reads_leads_but_cannot_review(
    client: TestClient, login: Login, seeded: tuple[Settings, Store]
) -> None:
    add_records(seeded[1])
    csrf = login(client, "aud")
    page = client.get("/console/intel/leads").text
    assert "Record review" not in page
    assert (
        client.post("/console/intel/leads/1", data={"csrf": csrf, "verdict": "unsure"}).status_code
        == 403
    )


def test_network_map_and_timeline_pages(
    client: TestClient, login: Login, seeded: tuple[Settings, Store]
) -> None:
    add_records(seeded[1])
    login(client, "ann")
    network = client.get("/console/intel/network").text
    data = json.loads(network.split('id="network-data">', 1)[1].split("</script>", 1)[0])
    assert {"phone:+2290197000001", "seizure:S-12"} <= {n["id"] for n in data["nodes"]}
    assert "<table" in network  # the ranking without JavaScript
    pictures = client.get("/console/intel/map?per=day")
    assert pictures.status_code == 200
    assert pictures.text.count("<svg") == 2 and "UTO-CAP" in pictures.text
    assert 'class="arrest"' in pictures.text
