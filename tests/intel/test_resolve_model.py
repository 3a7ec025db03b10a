"""Resolution on a small labelled set, explanations, and analyst judgements on both databases."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys

import pandas as pd
import pytest

from borderpost.config import Settings
from borderpost.intel.resolve import (
    EngineError,
    Judgement,
    Verdict,
    apply,
    derive_frame,
    resolve,
    standing,
)
from borderpost.intel.resolve.engines import spark_session
from borderpost.intel.resolve.quality import pairwise
from borderpost.store import UnitOfWork, open_store
from borderpost.store.repos.judgements import JudgementError, JudgementRepo

# (id, person, name, dob, extra roles)
LABELLED = [
    ("r0", "ivan", "Иван Петрович Сидоров", "1980-03-12", {"phone": "+7 916 123 45 67"}),
    ("r1", "ivan", "IVAN SIDOROV", "1981-03-12", {"nationality": "RUS"}),
    ("r2", "ivan", "Sidorov Ivan", "1980-03-12", {}),
    ("r3", "moh", "محمد عبد الله", "1975-01-01", {}),
    ("r4", "moh", "MOHAMMED ABDULLAH", "1975-01-01", {}),
    ("r5", "moh", "MUHAMMAD ABDALLAH", "1975-01-01", {}),
    ("r6", "js70", "JOHN SMITH", "1970-05-05", {}),
    ("r7", "js88", "JOHN SMITH", "1988-11-23", {}),
    ("r8", "js70", "JON SMYTH", "1970-05-05", {}),
    ("r9", "ngoc", "NGOC LAN HA", "1966-03-05", {"document_number": "VN1234567"}),
    ("r10", "ngoc", "NGYC LAN HA", "1966-03-05", {}),
    ("r11", "wei", "王伟", "1990-07-08", {}),
    ("r12", "ana", "ANA MARIA LOPEZ", "1985-02-14", {}),
]
AT = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)


def _frame() -> pd.DataFrame:
    rows = [{"name": name, "dob": dob, **extra} for _, _, name, dob, extra in LABELLED]
    return derive_frame(rows, [row[0] for row in LABELLED])


def test_small_labelled_set_resolves() -> None:
    result = resolve(_frame())
    truth = {row[0]: row[1] for row in LABELLED}
    score = pairwise(result.clusters, truth)
    assert (score.precision, score.recall) == (1.0, 1.0)
    assert result.clusters["r6"] != result.clusters["r7"]  # same common name, other DOB


def test_possible_matches_are_explained() -> None:
    result = resolve(_frame())
    (smiths,) = [p for p in result.possible() if {p.left, p.right} == {"r6", "r7"}]
    assert 0.5 <= smiths.probability < result.threshold
    levels = {r.comparison: r.level for r in smiths.reasons}
    assert levels == {"name": "exact Latin name", "dob": "else"}
    assert smiths.as_json()["reasons"][0]["weight"] > 0
    merged = {frozenset((p.left, p.right)) for p in result.merged()}
    assert frozenset(("r1", "r2")) in merged


def test_judgements_override_the_model_and_undo() -> None:
    frame = _frame()
    judged = [
        Judgement(1, "r6", "r7", Verdict.SAME, "analyst", AT),
        Judgement(2, "r0", "r2", Verdict.NOT_SAME, "analyst", AT),
    ]
    result = resolve(frame, judgements=judged)
    assert result.clusters["r6"] == result.clusters["r7"]
    assert result.clusters["r0"] != result.clusters["r2"]
    undone = [*judged, Judgement(3, "r6", "r7", Verdict.UNDO, "lead", AT, undoes=1)]
    assert standing(undone) == {("r0", "r2"): Verdict.NOT_SAME}
    after = resolve(frame, judgements=undone).clusters
    assert after["r6"] != after["r7"] and after["r0"] != after["r2"]


def test_not_same_splits_a_chain() -> None:
    edges = [("a", "b", 0.9999), ("b", "c", 0.9995)]
    clusters = apply("abc", edges, {("a", "c"): Verdict.NOT_SAME})
    assert clusters["a"] == clusters["b"] != clusters["c"]
    assert len(set(apply("abc", edges, {}).values())) == 1


def test_duplicate_ids_and_unknown_engine() -> None:
    frame = derive_frame([{"name": "A B"}, {"name": "A B"}], ["x", "x"])
    with pytest.raises(ValueError, match="not unique"):
        resolve(frame)
    with pytest.raises(EngineError, match="unknown engine"):
        resolve(_frame(), engine="oracle")


def test_judgements_are_stored_append_only(database_url: str) -> None:
    store = open_store(Settings(database_url=database_url), auto_migrate=True)
    with UnitOfWork(store) as uow:
        repo = JudgementRepo(uow.session)
        same = repo.judge("r7", "r6", Verdict.SAME, actor="ana", at=AT, reason="same passport")
        repo.judge("r0", "r2", Verdict.UNSURE, actor="ben", at=AT)
        with pytest.raises(JudgementError, match="one mention"):
            repo.judge("r1", "r1", Verdict.SAME, actor="ana", at=AT)
        uow.commit()
    with UnitOfWork(store) as uow:
        repo = JudgementRepo(uow.session)
        repo.undo(same.id, actor="lead", at=AT + dt.timedelta(minutes=5))
        with pytest.raises(JudgementError, match="no judgement"):
            repo.undo(999, actor="lead", at=AT)
        uow.commit()
    with UnitOfWork(store) as uow:
        history = JudgementRepo(uow.session).all()
    assert [(j.left, j.right, j.verdict, j.actor) for j in history] == [
        ("r6", "r7", Verdict.SAME, "ana"),
        ("r0", "r2", Verdict.UNSURE, "ben"),
        ("r6", "r7", Verdict.UNDO, "lead"),
    ]
    assert history[0].at == AT and history[2].undoes == same.id
    assert standing(history) == {("r0", "r2"): Verdict.UNSURE}
    store.dispose()


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("pyspark") is None, reason="pyspark not installed")
# pyspark's toPandas passes pandas 3 a deprecated keyword; py4j leaves its sockets to the GC.
@pytest.mark.filterwarnings("ignore:The copy keyword is deprecated")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_spark_local_mode_gives_the_same_clusters() -> None:
    duck = resolve(_frame())
    try:
        spark = resolve(_frame(), engine="spark")
    finally:
        spark_session().stop()
    truth = {row[0]: row[1] for row in LABELLED}
    assert pairwise(spark.clusters, truth).f1 == pairwise(duck.clusters, truth).f1 == 1.0


def test_spark_engine_without_pyspark_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    with pytest.raises(EngineError, match=r"pip install 'borderpost\[spark\]'"):
        spark_session()
