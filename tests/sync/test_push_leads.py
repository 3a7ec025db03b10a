"""Records pushed by posts raise their leads at HQ, as records stored at HQ do: a phone named
at two posts ties their seizures together at HQ, which neither post could see; a record that
reaches HQ twice raises its leads once."""

from __future__ import annotations

from sqlalchemy import func, select

from borderpost.leads import all_facts
from borderpost.store import UnitOfWork
from borderpost.store.models import (
    CaseArrest,
    CaseSeizure,
    CashDeclaration,
    IntelLead,
    VehicleCrossing,
)
from borderpost.sync.client import push
from borderpost.sync.leads import raise_leads
from tests.sync.conftest import Hq, PostFactory, client_of
from tests.sync.test_push_casework import PHONE, _casework, _cash_and_vehicle
from tests.sync.world import NOW


def _leads(hq: Hq) -> dict[frozenset[str], int]:
    """Every stored lead's id by its pair (scores are refreshed as the index grows)."""
    with UnitOfWork(hq.store) as uow:
        return {
            frozenset((row.record_ref, row.other_ref)): row.id
            for row in uow.session.scalars(select(IntelLead))
        }


def test_hq_raises_leads_for_synced_records_once(hq: Hq, make_post: PostFactory) -> None:
    posts = {"KAS": make_post("KAS"), "MOR": make_post("MOR")}
    for code, store in posts.items():
        _casework(store, code)
        _cash_and_vehicle(store, code)
        with UnitOfWork(store) as uow:  # each post holds its own records' leads only
            refs = {f.ref for f in all_facts(uow.session)}
            assert not any(ref.startswith("MOR" if code == "KAS" else "KAS") for ref in refs)
    for code, store in posts.items():
        client = client_of(hq, code)
        assert push(store, client, batch_size=5).backlog == 0
        client.close()
    with UnitOfWork(hq.store) as uow:
        session = uow.session
        stored = {
            *session.scalars(select(CaseSeizure.ref)),
            *session.scalars(select(CaseArrest.ref)),
            *session.scalars(select(CashDeclaration.ref)),
            *(f"VC-{i}" for i in session.scalars(select(VehicleCrossing.id))),
        }
        indexed = {facts.ref: facts for facts in all_facts(session)}
        assert set(indexed) == stored  # every synced record went through the leads service
        assert ("phone", PHONE) in indexed["MOR/S/1"].identifiers
        assert ("vehicle", "KE:KCA123A") in indexed["VC-2"].identifiers
    leads = _leads(hq)
    # the phone in both posts' seizures: a lead only HQ can raise
    assert frozenset(("KAS/S/1", "MOR/S/1")) in leads
    assert frozenset(("MOR:CD0000001", "CD0000001")) in leads  # both carriers' phone
    # nothing new to push: nothing changes; the same records arriving again at HQ (a batch
    # re-sent under new numbers, an update) refresh their leads and raise none twice
    for code, store in posts.items():
        client = client_of(hq, code)
        assert push(store, client).sent == 0
        client.close()
    assert _leads(hq) == leads
    with UnitOfWork(hq.store) as uow:
        subjects = {
            "case_seizures": set(uow.session.scalars(select(CaseSeizure.id))),
            "case_arrests": set(uow.session.scalars(select(CaseArrest.id))),
            "cash_declarations": set(uow.session.scalars(select(CashDeclaration.id))),
            "vehicle_crossings": set(uow.session.scalars(select(VehicleCrossing.id))),
        }
        assert raise_leads(uow.session, subjects, NOW) == len(stored)
        uow.commit()
    assert _leads(hq) == leads
    with UnitOfWork(hq.store) as uow:
        assert uow.session.scalar(select(func.count()).select_from(IntelLead)) == len(leads)
