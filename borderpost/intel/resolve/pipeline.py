"""Resolve person mentions into entities: derive, block, score, cluster, apply judgements.

Pairs at or above ``threshold`` (0.999 by default: very high) merge automatically; pairs from
``possible`` up to it are *possible same person*, each with the match weight of every
comparison that explains it. Analyst judgements override both.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from splink import Linker
from splink.backends.duckdb import DuckDBAPI
from splink.internals.splink_dataframe import SplinkDataFrame

from borderpost.intel.resolution import MERGE, POSSIBLE
from borderpost.intel.resolve.budget import (
    MAX_COMPARISONS,
    MAX_TRAINING_COMPARISONS,
    tighten,
    within_budget,
)
from borderpost.intel.resolve.engines import database_api
from borderpost.intel.resolve.frame import derive_frame
from borderpost.intel.resolve.judgements import Judgement, apply, standing
from borderpost.intel.resolve.model import (
    TrainingError,
    blocking_keys,
    settings,
    train,
    training_keys,
)

__all__ = ["MERGE", "POSSIBLE", "Pair", "Reason", "Resolution", "derive_frame", "resolve"]

# Fewer records than this: keep the priors. On small data the random pairs that estimate u
# hold too many true matches (fake_1000: one in 250), and EM has few pairs to learn from
# (bench/intel_resolve.py: priors win on fake_1000 and FEBRL 1, training on FEBRL 2-4).
TRAIN_FROM = 5_000
MENTIONS_PER_PERSON = 2.0  # the prior: each person is mentioned about this often


@dataclass(frozen=True, slots=True)
class Reason:
    """How one comparison scored a pair: its level and match weight (log2 Bayes factor)."""

    comparison: str
    level: str
    weight: float


@dataclass(frozen=True, slots=True)
class Pair:
    """Two mentions the model scored, with the reasons."""

    left: str
    right: str
    probability: float
    weight: float
    reasons: tuple[Reason, ...]

    def as_json(self) -> dict[str, Any]:
        """A JSON-ready form."""
        return {
            "left": self.left,
            "right": self.right,
            "probability": round(self.probability, 6),
            "match_weight": round(self.weight, 3),
            "reasons": [
                {"comparison": r.comparison, "level": r.level, "weight": round(r.weight, 3)}
                for r in self.reasons
            ],
        }


@dataclass(slots=True)
class Resolution:
    """Clusters (id → cluster id) and the scored pairs at or above the possible band."""

    clusters: dict[str, str]
    pairs: pd.DataFrame
    labels: dict[str, list[tuple[float, str]]]
    threshold: float
    notes: list[str] = field(default_factory=list)

    def _pair(self, row: Any) -> Pair:
        reasons = []
        for name, levels in self.labels.items():
            weight = float(getattr(row, f"mw_{name}"))  # Splink 5: each comparison's weight
            if weight != 0.0 and levels:  # 0: a null level (unknown on one side)
                label = min(levels, key=lambda level: abs(level[0] - weight))[1]
                reasons.append(Reason(name, label, weight))
        reasons.sort(key=lambda r: -abs(r.weight))
        return Pair(
            str(row.unique_id_l),
            str(row.unique_id_r),
            float(row.match_probability),
            float(row.match_weight),
            tuple(reasons),
        )

    def possible(self) -> Iterator[Pair]:
        """Pairs in the possible band that did not end up in one cluster, likeliest first."""
        band = self.pairs[self.pairs["match_probability"] < self.threshold]
        for row in band.sort_values("match_probability", ascending=False).itertuples():
            if self.clusters.get(str(row.unique_id_l)) != self.clusters.get(str(row.unique_id_r)):
                yield self._pair(row)

    def merged(self) -> Iterator[Pair]:
        """Pairs the model merged automatically."""
        top = self.pairs[self.pairs["match_probability"] >= self.threshold]
        for row in top.itertuples():
            yield self._pair(row)


def as_pandas(table: SplinkDataFrame) -> pd.DataFrame:
    """A Splink result table as a pandas frame (Splink leaves this method unannotated)."""
    return table.as_pandas_dataframe()  # type: ignore[no-untyped-call]


def columns_of(table: SplinkDataFrame, columns: Sequence[str]) -> pd.DataFrame:
    """Only ``columns`` of a Splink result table. On DuckDB they come straight as Arrow
    columns (a million scored pairs with every intermediate column would take gigabytes as
    Python objects); other engines go through :func:`as_pandas`."""
    api = table.db_api
    if isinstance(api, DuckDBAPI):
        chosen = ", ".join(f'"{c}"' for c in columns)
        arrow = api._con.sql(f"SELECT {chosen} FROM {table.physical_name}").to_arrow_table()
        return arrow.to_pandas(types_mapper=pd.ArrowDtype)
    return as_pandas(table)[list(columns)]


def _present(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c != "unique_id" and frame[c].notna().any()]


def _labels(linker: Linker) -> dict[str, list[tuple[float, str]]]:
    """Each comparison's levels as (match weight, label), to name the level behind a weight."""
    out: dict[str, list[tuple[float, str]]] = {}
    for comparison in linker._settings_obj.comparisons:
        out[comparison.output_column_name] = [
            (level._log2_bayes_factor, level.label_for_charts)
            for level in comparison.comparison_levels
            if not level.is_null_level
        ]
    return out


def resolve(
    frame: pd.DataFrame,
    *,
    engine: str = "duckdb",
    threshold: float = MERGE,
    possible: float = POSSIBLE,
    train_model: bool | None = None,
    seed: int = 7,
    judgements: Sequence[Judgement] = (),
    max_comparisons: int = MAX_COMPARISONS,
) -> Resolution:
    """Resolve the mentions of ``frame`` (from :func:`derive_frame`) into entities.

    Args:
        frame: ``unique_id`` and derived columns.
        engine: ``duckdb`` (embedded) or ``spark``.
        threshold: merge pairs at or above this match probability.
        possible: keep pairs from this probability up as possible matches.
        train_model: estimate u and m from the data (None: when there are at least
            ``TRAIN_FROM`` rows); otherwise use the priors of :mod:`.model`.
        seed: the random-sampling seed.
        judgements: analyst judgements, applied on top of the model.
        max_comparisons: the pairs the blocking rules may make in all; rules beyond it are
            tightened or dropped (:mod:`.budget`), and each change is noted. EM passes get
            :data:`.budget.MAX_TRAINING_COMPARISONS` each (or this, when smaller).
    """
    if frame["unique_id"].duplicated().any():
        raise ValueError("ids are not unique")
    present = _present(frame)
    columns = ["unique_id", *present]
    rules, blocking = within_budget(frame, blocking_keys(present), max_comparisons)
    keys = [rule.keys for rule in rules]
    api, table = database_api(engine, frame[columns])
    prior = min(0.5, (MENTIONS_PER_PERSON - 1) / max(len(frame) - 1, 1))
    linker = Linker(api.register(table), settings(present, prior, keys), log_level=logging.WARNING)
    notes = ["m and u: priors"]
    if train_model or (train_model is None and len(frame) >= TRAIN_FROM):
        passes = []
        for label, pass_keys in training_keys(present):
            budget = min(max_comparisons, MAX_TRAINING_COMPARISONS)
            rule = tighten(frame, pass_keys, budget, blocking)
            if rule is not None:
                passes.append((label if rule.keys == pass_keys else rule.label, rule.keys))
        try:
            notes = train(linker, present, seed=seed, passes=passes)
        except TrainingError as exc:  # start again from the priors rather than half-trained
            linker = Linker(
                api.register(table), settings(present, prior, keys), log_level=logging.WARNING
            )
            notes = [f"training failed ({exc}); m and u: priors"]
    notes += blocking
    counted = "; ".join(f"{rule.label} {rule.comparisons:,}" for rule in rules)
    notes.append(f"blocking rules (pairs each, budget {max_comparisons:,}): {counted}")
    predictions = linker.inference.predict(threshold_match_probability=min(possible, threshold))
    verdicts = standing(judgements)
    ids = frame["unique_id"].tolist()
    labels = _labels(linker)
    kept = ["unique_id_l", "unique_id_r", "match_probability", "match_weight"]
    pairs = columns_of(predictions, [*kept, *(f"mw_{name}" for name in labels)])
    if verdicts:
        merge = pairs[pairs["match_probability"] >= threshold]
        edges = zip(
            merge["unique_id_l"].astype(str),
            merge["unique_id_r"].astype(str),
            merge["match_probability"].astype(float),
            strict=True,
        )
        clusters = apply(ids, edges, verdicts)
    else:
        clustered = columns_of(
            linker.clustering.cluster_pairwise_predictions_at_threshold(
                predictions, threshold_match_probability=threshold
            ),
            ["unique_id", "cluster_id"],
        )
        found = dict(
            zip(
                clustered["unique_id"].astype(str), clustered["cluster_id"].astype(str), strict=True
            )
        )
        del clustered
        clusters = {i: found.get(i, i) for i in ids}
    return Resolution(clusters, pairs, labels, threshold, notes)
