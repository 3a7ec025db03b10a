"""Where Splink runs: DuckDB embedded (the default) or Apache Spark (national scale).

The model is the same on both; only the database API and the input frame differ. Spark is an
optional extra (``pip install 'borderpost[spark]'``) and needs Java 17. On a cluster, set
``BORDERPOST_SPARK_MASTER`` (e.g. ``spark://host:7077`` or ``yarn``) or run under
``spark-submit``, which starts the session that :func:`spark_session` then reuses.

DuckDB runs in bounded memory: ``BORDERPOST_DUCKDB_MEMORY`` (default ``4GB``) caps what it
holds and the rest spills to ``BORDERPOST_DUCKDB_TEMP`` (default ``borderpost-duckdb`` in the
temporary folder; DuckDB deletes its spill files when done); ``BORDERPOST_DUCKDB_THREADS``
(default: all cores) sets its threads. A post's PC shares its memory with the other services,
so the default is well below DuckDB's own (80% of RAM).
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
from splink.backends.duckdb import DuckDBAPI
from splink.internals.database_api import DatabaseAPISubClass

from borderpost.intel.resolution import ENGINES

__all__ = ["ENGINES", "EngineError", "database_api", "duckdb_connection", "spark_session"]


class EngineError(RuntimeError):
    """An engine that cannot run here (unknown, or its package is missing)."""


def spark_session() -> Any:
    """The active Spark session, or a new one (local on all cores unless configured)."""
    try:
        from pyspark.sql import SparkSession
        from splink.backends.spark import similarity_jar_location
    except ImportError as exc:
        raise EngineError(
            "--engine spark needs pyspark and Java 17: pip install 'borderpost[spark]'"
        ) from exc
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    master = os.environ.get("BORDERPOST_SPARK_MASTER", "local[*]")
    session = (
        SparkSession.builder.master(master)
        .appName("borderpost-resolve")
        .config("spark.sql.shuffle.partitions", os.environ.get("BORDERPOST_SPARK_PARTITIONS", "8"))
        .config("spark.ui.enabled", "false")
        .config("spark.jars", similarity_jar_location())  # Splink's Jaro-Winkler UDFs
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    session.sparkContext.setCheckpointDir(
        os.environ.get("BORDERPOST_SPARK_CHECKPOINTS", tempfile.mkdtemp(prefix="bp-spark-"))
    )
    return session


def duckdb_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a memory cap, a spill folder and a thread count (see above)."""
    memory = os.environ.get("BORDERPOST_DUCKDB_MEMORY", "4GB")
    temp = os.environ.get("BORDERPOST_DUCKDB_TEMP") or os.path.join(
        tempfile.gettempdir(), "borderpost-duckdb"
    )
    threads = os.environ.get("BORDERPOST_DUCKDB_THREADS") or str(os.cpu_count() or 1)
    try:
        config: dict[str, str | bool | int | float | list[str]] = {
            "memory_limit": memory,
            "temp_directory": temp,
            "threads": int(threads),
        }
        return duckdb.connect(":memory:", config=config)
    except (ValueError, duckdb.Error) as exc:
        raise EngineError(
            f"DuckDB settings refused (BORDERPOST_DUCKDB_MEMORY={memory!r}, "
            f"BORDERPOST_DUCKDB_THREADS={threads!r}): {exc}"
        ) from exc


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with Python values (None, str, int, list) in place of Arrow columns, which
    Spark's ``createDataFrame`` does not read."""
    return pd.DataFrame(
        {c: pd.Series(pa.array(frame[c]).to_pylist(), dtype=object) for c in frame.columns}
    )


def database_api(engine: str, frame: pd.DataFrame) -> tuple[DatabaseAPISubClass, Any]:
    """The Splink database API for ``engine`` and the input table in that engine's form."""
    if engine == "duckdb":
        return DuckDBAPI(connection=duckdb_connection()), frame
    if engine == "spark":
        session = spark_session()
        from splink.backends.spark import SparkAPI

        api = SparkAPI(spark_session=session)  # type: ignore[no-untyped-call]  # untyped in Splink
        return api, session.createDataFrame(_plain(frame))
    raise EngineError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
