"""``borderpost issuance``: rules, registry import, stock receipts and counts, a refused
self-decision, and a small simulated run with its precision/recall table."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from borderpost.cli import app
from borderpost.config import Settings
from borderpost.issuance.applications import create_application
from borderpost.store import UnitOfWork, open_store
from borderpost.store.repos.users import UserRepo
from tests.biometrics.portraits import astronaut, encode
from tests.support.accounts import add_user
from tests.support.cli import migrated_runner
from tests.support.issuance import enrol, person


def test_issuance_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = migrated_runner(url, tmp_path, monkeypatch)
    store = open_store(Settings(database_url=url))
    now = dt.datetime.now(dt.UTC)
    with UnitOfWork(store) as uow:
        for name, role in (
            ("sara", "issuance_supervisor"),
            ("root", "admin"),
            ("ines", "issuance_officer"),
        ):
            add_user(uow.session, name, role, None, now)
        uow.commit()
    with UnitOfWork(store) as uow:
        app_id = enrol(uow.session, person(), officer="sara", at=now).id
        uow.commit()
    store.dispose()

    rules = runner.invoke(app, ["issuance", "rules"])
    assert rules.exit_code == 0 and "registry_deceased" in rules.output
    registry = tmp_path / "registry.csv"
    registry.write_text(
        "national_id,surname,given_names,birth_date,status,death_date\n"
        "1,A,B,1950-01-01,deceased,2001-02-03\n2,C,D,bad,living,\n"
    )
    done = runner.invoke(app, ["issuance", "registry", str(registry), "--actor", "root"])
    assert done.exit_code == 0, done.output
    assert "1 identities stored (1 deceased)" in done.output and "1 rows skipped" in done.output
    refused = runner.invoke(app, ["issuance", "registry", str(registry), "--actor", "ines"])
    assert refused.exit_code == 1 and "may not import the civil registry" in refused.output

    receipt = [
        "issuance",
        "stock",
        "receive",
        "--prefix",
        "UT",
        "--first",
        "1",
        "--count",
        "3",
        "--country",
        "UTO",
        "--batch",
        "B1",
        "--actor",
        "sara",
    ]
    assert "received 3 = on hand 3" in runner.invoke(app, receipt).output
    counted = tmp_path / "present.txt"
    counted.write_text("UT0000001\nUT0000003\n")
    count = [
        "issuance",
        "stock",
        "count",
        "--location",
        "safe",
        "--present",
        str(counted),
        "--actor",
        "sara",
    ]
    assert "1 booklets reported missing: UT0000002" in runner.invoke(app, count).output
    balance = runner.invoke(app, ["issuance", "stock", "balance"])
    assert balance.exit_code == 0 and "missing 1 = 3: holds" in balance.output

    self_decision = runner.invoke(
        app,
        [
            "issuance",
            "decide",
            str(app_id),
            "--approve",
            "--reason",
            "looks fine to me",
            "--actor",
            "sara",
        ],
    )
    assert self_decision.exit_code == 1
    assert "maker-checker" in self_decision.output


@pytest.mark.slow
def test_simulate_prints_precision_and_recall(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = migrated_runner(f"sqlite:///{tmp_path / 'sim.db'}", tmp_path, monkeypatch)
    result = runner.invoke(app, ["issuance", "simulate", "--citizens", "20", "--seed", "3"])
    assert result.exit_code == 0, result.output
    for kind in (
        "duplicate",
        "dead",
        "late_identity",
        "facilitated",
        "stolen_blank",
        "corrupt_officer",
    ):
        assert kind in result.output


def test_photo_enrolment_and_audited_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = migrated_runner(url, tmp_path, monkeypatch)
    store = open_store(Settings(database_url=url))
    now = dt.datetime.now(dt.UTC)
    with UnitOfWork(store) as uow:
        add_user(uow.session, "ines", "issuance_officer", None, now)
        officer = UserRepo(uow.session).by_username("ines")
        assert officer is not None
        app_id = create_application(uow.session, officer=officer, data=person(), now=now).id
        uow.commit()
    store.dispose()
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0 not a jpeg")
    refused = runner.invoke(app, ["issuance", "photo", str(app_id), str(broken), "--actor", "ines"])
    assert refused.exit_code == 1 and "photo: " in refused.output
    missing = runner.invoke(
        app, ["issuance", "photo", str(app_id), str(tmp_path / "nope.jpg"), "--actor", "ines"]
    )
    assert missing.exit_code == 2 and "cannot read" in missing.output
    photo = tmp_path / "photo.png"
    photo.write_bytes(encode(astronaut(), "PNG"))
    done = runner.invoke(app, ["issuance", "photo", str(app_id), str(photo), "--actor", "ines"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["faces_found"] == 1
    out = tmp_path / "out.img"
    export = [
        "issuance",
        "photo-export",
        str(app_id),
        str(out),
        "--purpose",
        "print the booklet",
        "--actor",
        "ines",
    ]
    assert runner.invoke(app, export).exit_code == 0
    assert out.read_bytes() == photo.read_bytes()
