"""Where Splink runs: DuckDB embedded (the default) or Apache Spark (national scale).

The model is the same on both; only the database API and the input frame differ. Spark is an
optional extra (``pip install 'borderpost[spark]'``) and needs Java 17. On a cluster, set
``BORDERPOST_SPARK_MASTER`` (e.g. ``spark://host:7077`` or ``yarn``) or run under
``spark-submit``, which starts the session that :func:`spark_session` then reuses.
"""

from __future__ import annotations

import os
import tempfile
from typing import Any

import pandas as pd
from splink.backends.duckdb import DuckDBAPI
from splink.internals.database_api import DatabaseAPISubClass

from borderpost.intel.resolution import ENGINES

__all__ = ["ENGINES", "EngineError", "database_api", "spark_session"]


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


def database_api(engine: str, frame: pd.DataFrame) -> tuple[DatabaseAPISubClass, Any]:
    """The Splink database API for ``engine`` and the input table in that engine's form."""
    if engine == "duckdb":
        return DuckDBAPI(), frame
    if engine == "spark":
        session = spark_session()
        from splink.backends.spark import SparkAPI

        api = SparkAPI(spark_session=session)  # type: ignore[no-untyped-call]  # untyped in Splink
        return api, session.createDataFrame(frame)
    raise EngineError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")
