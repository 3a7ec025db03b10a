"""Reference data files of the conveyances package, read once."""

from __future__ import annotations

import csv
import io
import tomllib
from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["csv_rows", "data_text", "toml_data", "yaml_data"]


def data_text(name: str) -> str:
    """The text of ``data/<name>`` inside the package."""
    return resources.files("borderpost.conveyances").joinpath(f"data/{name}").read_text("utf-8")


@cache
def toml_data(name: str) -> dict[str, Any]:
    return tomllib.loads(data_text(name))


@cache
def yaml_data(name: str) -> Any:
    return yaml.safe_load(data_text(name))


@cache
def csv_rows(name: str) -> tuple[dict[str, str], ...]:
    return tuple(csv.DictReader(io.StringIO(data_text(name))))
