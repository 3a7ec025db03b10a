"""Convenience loaders that open list files by path (the only file access in ``screening``).

The parsers themselves take bytes or streams; services that fetch lists from elsewhere call
them directly.
"""

from __future__ import annotations

import re
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from borderpost.screening.importers.csvlist import parse_csv_list
from borderpost.screening.importers.ftm import parse_ftm
from borderpost.screening.importers.ofac import parse_ofac
from borderpost.screening.importers.un import parse_un
from borderpost.screening.lost_stolen import LostStolenImport, parse_lost_stolen_csv
from borderpost.screening.report import ImportResult

__all__ = ["load_csv_list", "load_ftm", "load_lost_stolen", "load_ofac", "load_un"]

_TRAILING_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})$")


def load_ofac(directory: Path, *, version: str | None = None) -> ImportResult:
    """Parse ``sdn.csv`` and, where present, ``alt.csv``, ``add.csv``, ``sdn_comments.csv``.

    Args:
        directory: the folder holding the legacy CSV set.
        version: the list version; by default a trailing ``YYYY-MM-DD`` of the folder name.

    Returns:
        The parsed snapshot and report.
    """
    if version is None and (match := _TRAILING_DATE.search(directory.name)) is not None:
        version = match[1]
    with ExitStack() as stack:
        sdn = stack.enter_context((directory / "sdn.csv").open("rb"))
        alt, add, comments = (
            _open_optional(stack, directory / name)
            for name in ("alt.csv", "add.csv", "sdn_comments.csv")
        )
        return parse_ofac(sdn, alt=alt, add=add, comments=comments, version=version)


def _open_optional(stack: ExitStack, path: Path) -> IO[bytes] | None:
    return stack.enter_context(path.open("rb")) if path.exists() else None


def load_un(path: Path) -> ImportResult:
    """Parse a UN Security Council Consolidated List XML file."""
    with path.open("rb") as stream:
        return parse_un(stream, file_name=path.name)


def load_ftm(
    path: Path, *, list_name: str = "FollowTheMoney", version: str | None = None
) -> ImportResult:
    """Parse a FollowTheMoney JSON-lines file."""
    with path.open("rb") as stream:
        return parse_ftm(stream, list_name=list_name, version=version, file_name=path.name)


def load_csv_list(
    path: Path, *, list_name: str | None = None, version: str | None = None
) -> ImportResult:
    """Parse a watchlist in our CSV format; the list is named after the file by default."""
    with path.open("rb") as stream:
        return parse_csv_list(
            stream, list_name=list_name or path.stem, version=version, file_name=path.name
        )


def load_lost_stolen(path: Path) -> LostStolenImport:
    """Parse a lost/stolen document CSV file."""
    with path.open("rb") as stream:
        return parse_lost_stolen_csv(stream, file_name=path.name)
