"""The Splink model: comparisons over our derived columns, blocking rules, training.

Each comparison is a readable list of levels, most specific first, each with the prior m and u
probabilities used when the data are too small to train on (``train=False``). Tuning a level
is then a one-line diff. The SQL is dialect-neutral (DuckDB and Spark run the same model);
Jaro-Winkler and array intersection come from Splink's dialect-aware levels.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import Linker, SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator
from splink.internals.comparison_level_creator import ComparisonLevelCreator

__all__ = [
    "Level",
    "blocking_keys",
    "blocking_rules",
    "comparisons",
    "settings",
    "train",
    "training_keys",
]


@dataclass(frozen=True, slots=True)
class Level:
    """One comparison level: a label an analyst reads, its SQL (or a Splink level), and priors.

    Attributes:
        label: what the level means, e.g. ``"same consonant skeleton"``.
        sql: a condition over ``<column>_l`` / ``<column>_r``, or a Splink level creator.
        m: prior P(level | same person).
        u: prior P(level | different people).
    """

    label: str
    sql: str | ComparisonLevelCreator
    m: float
    u: float

    def creator(self) -> ComparisonLevelCreator:
        """The Splink level, labelled, with the priors as its starting m and u."""
        level = self.sql if not isinstance(self.sql, str) else cll.CustomLevel(self.sql)
        return level.configure(
            m_probability=self.m, u_probability=self.u, label_for_charts=self.label
        )


NAME_LEVELS = (
    Level("exact Latin name", "name_latin_l = name_latin_r", 0.55, 0.0004),
    Level("same parts, other order", "name_sorted_l = name_sorted_r", 0.08, 0.00005),
    Level("same consonant skeleton", "name_skel_l = name_skel_r", 0.12, 0.0008),
    Level("same skeleton, spaces aside", "name_joined_l = name_joined_r", 0.04, 0.0006),
    Level("Jaro-Winkler >= 0.92", cll.JaroWinklerLevel("name_sorted", 0.92), 0.10, 0.002),
    Level("same phonetic key", "name_phon_l = name_phon_r", 0.03, 0.001),
    Level("two parts sound alike", cll.ArrayIntersectLevel("name_keys", 2), 0.05, 0.003),
    Level("Jaro-Winkler >= 0.80", cll.JaroWinklerLevel("name_sorted", 0.80), 0.03, 0.05),
    Level("one part sounds alike", cll.ArrayIntersectLevel("name_keys", 1), 0.02, 0.06),
)
DOB_LEVELS = (
    Level("same date of birth", "dob_l = dob_r", 0.82, 0.0001),
    Level(
        "day and month swapped",
        "dob_year_l = dob_year_r AND dob_month_l = dob_day_r AND dob_day_l = dob_month_r",
        0.02,
        0.00001,
    ),
    Level(
        "one of day or month differs",
        "dob_year_l = dob_year_r AND (dob_month_l = dob_month_r OR dob_day_l = dob_day_r)",
        0.06,
        0.002,
    ),
    Level(
        "one year apart, same day",
        "abs(dob_year_l - dob_year_r) <= 1 AND dob_month_l = dob_month_r AND dob_day_l = dob_day_r",
        0.04,
        0.0001,
    ),
    Level("same year", "dob_year_l = dob_year_r", 0.04, 0.012),
    Level("within a year", "abs(dob_year_l - dob_year_r) <= 1", 0.01, 0.03),
)
#: Deterministic joins: one shared value is strong evidence, not proof (networks share phones,
#: impostors carry another's passport), so they are levels with a large weight, not rules.
JOIN_LEVELS = {
    "phones": ("shares a phone number", 0.5, 0.00002),
    "documents": ("shares a document number", 0.7, 0.000005),
    "plates": ("shares a vehicle plate", 0.4, 0.0001),
    "accounts": ("shares a bank account", 0.5, 0.00002),
}
#: Plain attributes: exact match, or a close spelling for free text.
EXACT = {
    "gender": (0.97, 0.5),
    "nationality": (0.9, 0.15),
    "postcode": (0.8, 0.01),
    "occupation": (0.7, 0.05),
}
FUZZY = {"address": (0.6, 0.001), "birth_place": (0.8, 0.02)}


def _comparison(
    name: str, null: str, levels: Sequence[Level], else_m: float, else_u: float
) -> ComparisonCreator:
    items: list[ComparisonLevelCreator] = [cll.CustomLevel(null).configure(is_null_level=True)]
    items += [level.creator() for level in levels]
    items.append(
        cll.ElseLevel().configure(
            m_probability=else_m, u_probability=else_u, label_for_charts="else"
        )
    )
    return cl.CustomComparison(comparison_levels=list(items), output_column_name=name)


def comparisons(columns: Iterable[str]) -> list[ComparisonCreator]:
    """The comparisons for the derived columns that hold data (see :mod:`.features`)."""
    present = set(columns)
    out: list[ComparisonCreator] = []
    if "name_latin" in present:
        null = "name_latin_l IS NULL OR name_latin_r IS NULL"
        out.append(_comparison("name", null, NAME_LEVELS, 0.02, 0.88))
    if "dob_year" in present:
        null = "dob_year_l IS NULL OR dob_year_r IS NULL"
        out.append(_comparison("dob", null, DOB_LEVELS, 0.01, 0.95))
    for column, (m, u) in EXACT.items():
        if column in present:
            level = Level(f"same {column}", f"{column}_l = {column}_r", m, u)
            null = f"{column}_l IS NULL OR {column}_r IS NULL"
            out.append(_comparison(column, null, [level], 1 - m, 1 - u))
    for column, (m, u) in FUZZY.items():
        if column in present:
            exact = Level(f"same {column}", f"{column}_l = {column}_r", m, u)
            close = Level(
                f"{column} Jaro-Winkler >= 0.9", cll.JaroWinklerLevel(column, 0.9), 0.2, u * 5
            )
            null = f"{column}_l IS NULL OR {column}_r IS NULL"
            out.append(_comparison(column, null, [exact, close], 0.2, 1 - 6 * u))
    for column, (label, m, u) in JOIN_LEVELS.items():
        if column in present:
            level = Level(label, cll.ArrayIntersectLevel(column, 1), m, u)
            null = f"{column}_l IS NULL OR {column}_r IS NULL"
            out.append(_comparison(column, null, [level], 1 - m, 1 - u))
    return out


def blocking_keys(columns: Iterable[str]) -> list[tuple[str, ...]]:
    """Candidate pairs, as the columns each rule's pairs agree on: records sharing a name key
    (with the birth year when known), the whole skeleton, or a phone, document, plate or
    account. At scale :func:`.budget.within_budget` tightens the ones that make too many."""
    present = set(columns)
    rules: list[tuple[str, ...]] = []
    if "name_latin" in present:
        with_year = ("dob_year",) if "dob_year" in present else ()
        rules += [("key_low", *with_year), ("key_high", *with_year)]
        rules.append(("name_skel",))
        if "dob" in present:
            rules.append(("dob", "key_surname"))
    rules += [(f"{c}_first",) for c in JOIN_LEVELS if c in present]
    if "name_latin" not in present and "dob" in present:
        rules.append(("dob",))
    return rules


def blocking_rules(columns: Iterable[str]) -> list[BlockingRuleCreator]:
    """The rules of :func:`blocking_keys` as Splink rules."""
    return [block_on(*keys) for keys in blocking_keys(columns)]


def training_keys(columns: Iterable[str]) -> list[tuple[str, tuple[str, ...]]]:
    """The EM passes (label, blocking columns): on dob (learns the name), on the skeleton
    (learns the dob)."""
    present = set(columns)
    passes: list[tuple[str, tuple[str, ...]]] = []
    if "dob" in present:
        passes.append(("dob", ("dob",)))
    if "name_latin" in present:
        passes.append(("name", ("name_skel",)))
    return passes


def settings(
    columns: Iterable[str], prior: float, keys: Sequence[Sequence[str]] | None = None
) -> SettingsCreator:
    """A dedupe model over ``unique_id`` for the present derived columns.

    Args:
        columns: the derived columns with at least one value.
        prior: the probability that two random records are the same person.
        keys: the blocking rules as column lists (default: :func:`blocking_keys`).
    """
    present = list(columns)
    chosen: list[ComparisonCreator | dict[str, Any]] = list(comparisons(present))
    blocks = blocking_keys(present) if keys is None else keys
    rules: list[BlockingRuleCreator | dict[str, Any]] = [block_on(*k) for k in blocks]
    return SettingsCreator(
        link_type="dedupe_only",
        unique_id_column_name="unique_id",
        probability_two_random_records_match=prior,
        comparisons=chosen,
        blocking_rules_to_generate_predictions=rules,
        retain_intermediate_calculation_columns=True,
        retain_matching_columns=False,
    )


def train(
    linker: Linker,
    columns: Iterable[str],
    *,
    seed: int,
    passes: Sequence[tuple[str, Sequence[str]]] | None = None,
) -> list[str]:
    """Estimate u by random sampling (seeded) and m by expectation maximisation, each EM pass
    blocked on one field so that the others are learnt (``passes``: label and blocking
    columns, default :func:`training_keys`). Returns notes on what was trained."""
    notes: list[str] = []
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=seed)
    notes.append("u by random sampling")
    chosen = training_keys(columns) if passes is None else passes
    for label, keys in chosen:
        rule = block_on(*keys)
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, fix_probability_two_random_records_match=True
            )
        except Exception as exc:  # Splink refuses the pass (no pairs, an m that underflows)
            raise TrainingError(f"EM blocked on {label}: {exc}") from exc
        notes.append(f"m by EM blocked on {label}")
    return notes


class TrainingError(RuntimeError):
    """A training pass failed part-way: the model it leaves is not to be trusted."""
