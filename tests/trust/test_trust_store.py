"""The trust store on both databases: import master lists and CSCAs, list, verify from it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from borderpost.config import Settings
from borderpost.documents.chip import verify
from borderpost.store import Store, UnitOfWork, open_store
from borderpost.store.models import AuditEvent, TrustedCsca
from borderpost.trust import (
    TrustError,
    import_certificates,
    import_masterlist,
    load_anchors,
    overview,
)
from tests.documents.chip import pki

NOW = dt.datetime(2026, 11, 29, 6, 0, tzinfo=dt.UTC)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = open_store(Settings(database_url=database_url), auto_migrate=True)
    yield opened
    opened.dispose()


def _count(store: Store) -> int:
    with UnitOfWork(store) as uow:
        return int(uow.session.scalar(select(func.count()).select_from(TrustedCsca)) or 0)


def test_import_generated_list_then_verify_from_the_store(store: Store) -> None:
    csca = pki.certificate(pki.name("NL", "CSCA NL"), pki.make_key("p256", 30), ca=True)
    other = pki.certificate(pki.name("GH", "CSCA GH"), pki.make_key("brainpool", 31), ca=True)
    signer = pki.certificate(pki.name("NL", "ML signer"), pki.make_key("p256", 32), issuer=csca)
    listed = pki.master_list(signer, [csca, other])
    with UnitOfWork(store) as uow:
        summary = import_masterlist(uow.session, listed, source="test.ml", actor="admin", now=NOW)
        uow.commit()
    assert (summary.read, summary.added, summary.countries) == (2, 2, ("GH", "NL"))
    with UnitOfWork(store) as uow:
        again = import_masterlist(uow.session, listed, source="test.ml", actor="admin", now=NOW)
        uow.commit()
        actors = uow.session.scalars(
            select(AuditEvent.actor).where(AuditEvent.action == "trust.import_masterlist")
        ).all()
    assert (again.added, again.already_trusted) == (0, 2)
    assert list(actors) == ["admin", "admin"]

    ds = pki.certificate(pki.name("NL", "DS"), pki.make_key("p256", 33), issuer=csca, serial=9)
    groups = {
        1: pki.dg1(
            "P<NLDDE<VRIES<<ANNA" + "<" * 25 + "\n" + "NX4C81P022NLD9003148F3001316<<<<<<<<<<<<<<00"
        )
    }
    with UnitOfWork(store) as uow:
        anchors = load_anchors(uow.session)
        trusted, missing = overview(uow.session, NOW)
    report = verify(pki.sod(pki.SodSpec(groups, ds)), groups, anchors=anchors)
    assert report.chain_valid and report.trust_anchor is not None
    assert report.trust_anchor.subject.endswith("Country: NL")
    assert [t.country for t in trusted] == ["GH", "NL"]
    assert trusted[1].certificates == 1 and trusted[1].valid_now == 1
    assert "NL" not in missing and "DE" in missing and "GH" not in missing


def test_refuses_untrusted_or_malformed_input_and_stores_nothing(store: Store) -> None:
    csca = pki.certificate(pki.name("NL", "CSCA NL"), pki.make_key("p256", 30), ca=True)
    signer = pki.certificate(pki.name("NL", "ML signer"), pki.make_key("p256", 32), issuer=csca)
    tampered = bytearray(pki.master_list(signer, [csca]))
    tampered[-3] ^= 0x40
    ds = pki.certificate(pki.name("NL", "DS"), pki.make_key("p256", 33), issuer=csca)
    with UnitOfWork(store) as uow, pytest.raises(TrustError, match="not trusted"):
        import_masterlist(uow.session, bytes(tampered), source="bad.ml", actor="a", now=NOW)
    with UnitOfWork(store) as uow, pytest.raises(TrustError, match="malformed"):
        import_masterlist(uow.session, b"not a list", source="junk.ml", actor="a", now=NOW)
    with UnitOfWork(store) as uow, pytest.raises(TrustError, match="not a CA certificate"):
        import_certificates(uow.session, [("ds.cer", ds.der)], actor="a", now=NOW)
    assert _count(store) == 0


@pytest.mark.slow
def test_dutch_master_list_into_the_store(store: Store, shared_data: Path) -> None:
    chip = shared_data / "chip/masterlists"
    with UnitOfWork(store) as uow:
        summary = import_masterlist(
            uow.session,
            (chip / "NL_ML_2026-07-22.ml").read_bytes(),
            source="NL_ML_2026-07-22.ml",
            actor="admin",
            now=NOW,
        )
        root = import_certificates(
            uow.session, [("NL_ROOT_CA.cer", (chip / "NL_ROOT_CA.cer").read_bytes())],
            actor="admin", now=NOW,
        )  # fmt: skip
        uow.commit()
    assert summary.added == 411 and root.already_trusted == 1
    with UnitOfWork(store) as uow:
        trusted, missing = overview(uow.session, NOW)
        anchors = load_anchors(uow.session)
    assert len(trusted) == 129 and len(anchors) == 411
    assert "NL" in {t.country for t in trusted} and "NL" not in missing
