"""``borderpost intel resolve`` / ``mentions`` / ``judge``: entity resolution from the shell.

``resolve`` reads a CSV or Parquet table of person mentions and prints each row's cluster as
JSON lines ``{"id", "cluster"}`` (``--json``), or a table of merged clusters and possible
matches with the match weights that explain them. Exit codes: 0 done; 2 unusable input (an
unknown role, a missing column, an unreadable file, an engine that is not installed).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from borderpost.cli.context import console, default_actor, fail, state
from borderpost.intel.resolution import ENGINES, MERGE, POSSIBLE, ROLES
from borderpost.store import UnitOfWork

if TYPE_CHECKING:
    import pandas as pd

    from borderpost.intel.resolve.pipeline import Resolution

# pandas and Splink (about a second to import) load inside the commands that use them.

__all__ = ["judge_command", "mentions_command", "resolve_command"]

FIELD_HELP = f"ROLE=COLUMN, repeated; roles: {', '.join(ROLES)}."


def _roles(fields: list[str], columns: list[str]) -> dict[str, str]:
    roles: dict[str, str] = {}
    for item in fields:
        role, sep, column = item.partition("=")
        role, column = role.strip(), column.strip()
        if not sep or not column:
            fail(f"--field {item!r}: give ROLE=COLUMN")
        if role not in ROLES:
            fail(f"--field {item!r}: unknown role {role!r} (roles: {', '.join(ROLES)})")
        if column not in columns:
            fail(f"--field {item!r}: no column {column!r} in the file")
        roles[role] = column
    if not roles:
        fail("give at least one --field ROLE=COLUMN")
    return roles


def _read(path: Path) -> pd.DataFrame:
    import pandas as pd

    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        fail(f"{path}: a mentions file is .csv or .parquet")
    try:
        if suffix == ".csv":
            return pd.read_csv(path, dtype=str, keep_default_na=False)
        return pd.read_parquet(path).astype(str)
    except (OSError, ValueError) as exc:
        fail(f"{path}: cannot read ({exc})")
        raise AssertionError("unreachable") from exc


def _show(result: Resolution, as_json: bool) -> None:
    if as_json:
        for mention, cluster in result.clusters.items():
            typer.echo(json.dumps({"id": mention, "cluster": cluster}, ensure_ascii=False))
        return
    members: dict[str, list[str]] = {}
    for mention, cluster in result.clusters.items():
        members.setdefault(cluster, []).append(mention)
    merged = {c: m for c, m in members.items() if len(m) > 1}
    table = Table(title=f"{len(members)} entities; {len(merged)} merged (p >= {result.threshold})")
    table.add_column("cluster")
    table.add_column("mentions", overflow="fold")
    for cluster, ids in sorted(merged.items()):
        table.add_row(cluster, ", ".join(ids))
    console.print(table)
    possible = Table(title="possible same person")
    for column in ("left", "right", "probability", "match weight", "why"):
        possible.add_column(column, overflow="fold")
    for pair in result.possible():
        why = "; ".join(f"{r.comparison}: {r.level} ({r.weight:+.1f})" for r in pair.reasons)
        possible.add_row(
            pair.left, pair.right, f"{pair.probability:.4f}", f"{pair.weight:.1f}", why
        )
    console.print(possible)
    for note in result.notes:  # training and blocking: what was learnt, tightened or dropped
        console.print(f"[dim]{escape(note)}[/dim]")


def resolve_command(
    ctx: typer.Context,
    path: Path = typer.Argument(..., help="Person mentions: a .csv (header row) or .parquet."),
    id_column: str = typer.Option(..., "--id", help="The column that identifies each row."),
    fields: list[str] = typer.Option(..., "--field", help=FIELD_HELP),
    engine: str = typer.Option("duckdb", "--engine", help="duckdb (embedded) or spark."),
    as_json: bool = typer.Option(False, "--json", help='JSON lines {"id", "cluster"}.'),
    threshold: float = typer.Option(MERGE, "--threshold", min=0.5, max=1.0, help="Merge at p."),
    possible: float = typer.Option(POSSIBLE, "--possible", min=0.0, max=1.0),
    region: str | None = typer.Option(None, "--region", help="Region of national phones."),
    judged: bool = typer.Option(False, "--judgements", help="Apply stored analyst judgements."),
    max_comparisons: int = typer.Option(
        75_000_000,  # budget.MAX_COMPARISONS (not imported here: the CLI starts fast)
        "--max-comparisons",
        min=1,
        help="Pairs the blocking rules may make; larger rules are tightened (noted).",
    ),
) -> None:
    """Resolve person mentions into entities (Splink, very high threshold to merge)."""
    from borderpost.intel.resolve.engines import EngineError
    from borderpost.intel.resolve.features import Phones
    from borderpost.intel.resolve.pipeline import derive_frame, resolve
    from borderpost.store.repos.judgements import JudgementRepo

    if engine not in ENGINES:
        fail(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
    table = _read(path)
    if id_column not in table.columns:
        fail(f"--id {id_column!r}: no such column in {path.name}")
    roles = _roles(fields, list(table.columns))
    if table[id_column].duplicated().any():
        fail(f"--id {id_column!r}: values are not unique")
    rows = [
        {
            role: (str(v) if v not in ("", "nan", "None") else None)
            for role, v in zip(roles, r, strict=True)
        }
        for r in table[list(roles.values())].itertuples(index=False, name=None)
    ]
    frame = derive_frame(rows, table[id_column].tolist(), Phones(region=region))
    judgements = []
    if judged:
        with UnitOfWork(state(ctx).store()) as uow:
            judgements = JudgementRepo(uow.session).all()
    logging.getLogger("splink").setLevel(logging.ERROR)
    try:
        result = resolve(
            frame,
            engine=engine,
            threshold=threshold,
            possible=possible,
            judgements=judgements,
            max_comparisons=max_comparisons,
        )
    except EngineError as exc:
        fail(str(exc))
        return
    _show(result, as_json)


def mentions_command(
    world: Path = typer.Argument(..., help="A generated world (borderpost sim world --out)."),
    out: Path = typer.Option(..., "--out", help="The mentions CSV to write."),
) -> None:
    """Write the person mentions of a generated world as CSV (the input of resolve)."""
    from borderpost.intel.resolve.mentions import mentions, write_csv

    try:
        found = mentions(world)
    except (OSError, KeyError, ValueError) as exc:
        fail(f"{world}: not a readable generated world ({exc})")
        return
    write_csv(found, out)
    typer.echo(f"{len(found)} mentions -> {out}")


def judge_command(
    ctx: typer.Context,
    left: str = typer.Argument("", help="One mention id (empty with --undo)."),
    right: str = typer.Argument("", help="The other mention id."),
    verdict: str = typer.Option("", "--verdict", help="same, not_same or unsure."),
    undo: int | None = typer.Option(None, "--undo", help="Reverse judgement N instead."),
    reason: str | None = typer.Option(None, "--reason"),
    actor: str = typer.Option("", "--actor", help="Who judges (default: the OS user)."),
) -> None:
    """Record an analyst judgement on two mentions (append-only), or undo one."""
    from borderpost.intel.resolve.judgements import Verdict
    from borderpost.store.repos.judgements import JudgementError, JudgementRepo

    now, who = dt.datetime.now(dt.UTC), actor or default_actor()
    with UnitOfWork(state(ctx).store()) as uow:
        repo = JudgementRepo(uow.session)
        try:
            if undo is not None:
                done = repo.undo(undo, actor=who, at=now, reason=reason)
            else:
                choices = (Verdict.SAME, Verdict.NOT_SAME, Verdict.UNSURE)
                if verdict not in {v.value for v in choices}:
                    fail("--verdict is same, not_same or unsure")
                done = repo.judge(left, right, Verdict(verdict), actor=who, at=now, reason=reason)
        except JudgementError as exc:
            fail(str(exc))
            return
        uow.commit()
    typer.echo(
        f"judgement {done.id}: {done.left} {done.verdict.value} {done.right} by {done.actor}"
    )
