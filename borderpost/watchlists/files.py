"""Reading list files by format, for operators who name files on a command line.

Formats: ``ofac`` (the folder of the legacy CSV set, or its files ``sdn.csv``, ``alt.csv``,
``add.csv``, ``sdn_comments.csv``), ``un`` (the consolidated XML), ``ftm`` (FollowTheMoney
JSON lines), ``csv`` (our watchlist CSV) and ``sltd`` (lost/stolen documents CSV).
Unusable paths raise :class:`ListInputError`; file content the format cannot read raises
:class:`ListContentError` naming the file (as given) and the line.
"""

from __future__ import annotations

import dataclasses
import re
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from borderpost.screening.errors import ListFormatError
from borderpost.screening.importers.ofac import OFAC_LIST_NAME, parse_ofac
from borderpost.screening.importers.un import UN_LIST_NAME
from borderpost.screening.lost_stolen import LostStolenImport
from borderpost.screening.model import ListSnapshot
from borderpost.screening.report import ImportResult
from borderpost.screening.sources import load_csv_list, load_ftm, load_lost_stolen, load_un
from borderpost.watchlists.errors import ListContentError, ListInputError

__all__ = [
    "DEFAULT_LIST_NAMES",
    "LIST_FORMATS",
    "OFAC_FILES",
    "WATCHLIST_FORMATS",
    "read_lost_stolen",
    "read_watchlist",
    "relabel",
]

WATCHLIST_FORMATS = ("ofac", "un", "ftm", "csv")
LIST_FORMATS = (*WATCHLIST_FORMATS, "sltd")
OFAC_FILES = ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")
#: The list a format is stored as when no name is given (``csv``: the file's stem).
DEFAULT_LIST_NAMES = {
    "ofac": OFAC_LIST_NAME,
    "un": UN_LIST_NAME,
    "ftm": "FollowTheMoney",
    "sltd": "SLTD",
}
_TRAILING_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})$")
_OFAC_USAGE = "--format ofac takes the folder or the files " + ", ".join(OFAC_FILES)


def read_watchlist(
    list_format: str,
    paths: list[Path],
    *,
    list_name: str | None = None,
    version: str | None = None,
) -> ImportResult:
    """Parse a watchlist from files.

    Args:
        list_format: ``ofac``, ``un``, ``ftm`` or ``csv``.
        paths: the folder or files (see the module docstring).
        list_name: store the list under this name (default: the format's own name).
        version: the version label (default: what the source says, if anything).

    Returns:
        The parsed snapshot and report, renamed and relabelled as asked.

    Raises:
        ListInputError: unknown format, missing paths, a folder where a file is needed.
        ListContentError: the content is not in the format given.
    """
    if list_format not in WATCHLIST_FORMATS:
        raise ListInputError(
            f"unknown watchlist format {list_format!r} (one of {', '.join(LIST_FORMATS)})"
        )
    try:
        if list_format == "ofac":
            result = _read_ofac(paths, version)
        else:
            path = _one_file(list_format, paths)
            if list_format == "un":
                result = load_un(path)
            elif list_format == "ftm":
                result = load_ftm(path, version=version)
            else:
                result = load_csv_list(path, version=version)
    except ListFormatError as exc:
        raise _content_error(list_format, paths, exc) from exc
    except OSError as exc:
        raise ListInputError(f"cannot read {exc.filename or paths[0]}: {exc.strerror}") from exc
    return relabel(result, list_name, version)


def read_lost_stolen(paths: list[Path]) -> LostStolenImport:
    """Parse a lost/stolen documents CSV (``sltd``).

    Raises:
        ListInputError: not exactly one readable file.
        ListContentError: the header lacks a column or the CSV is malformed.
    """
    path = _one_file("sltd", paths)
    try:
        return load_lost_stolen(path)
    except ListFormatError as exc:
        raise _content_error("sltd", paths, exc) from exc
    except OSError as exc:
        raise ListInputError(f"cannot read {path}: {exc.strerror}") from exc


def relabel(result: ImportResult, list_name: str | None, version: str | None) -> ImportResult:
    """The same result with another list name and/or version label on the list and entries."""
    snapshot = result.snapshot
    name = snapshot.list_name if list_name is None else list_name
    label = snapshot.version if version is None else version
    if (name, label) == (snapshot.list_name, snapshot.version):
        return result
    entries = tuple(
        dataclasses.replace(entry, list_name=name, list_version=label) for entry in snapshot.entries
    )
    report = dataclasses.replace(result.report, list_name=name)
    return ImportResult(ListSnapshot(name, label, entries), report)


def _read_ofac(paths: list[Path], version: str | None) -> ImportResult:
    _exist(paths)
    if len(paths) == 1 and paths[0].is_dir():
        folder = paths[0]
        if not (folder / "sdn.csv").is_file():
            raise ListInputError(f"{folder}: no sdn.csv in this folder ({_OFAC_USAGE})")
        named = {name: folder / name for name in OFAC_FILES if (folder / name).is_file()}
    else:
        named = {}
        for path in paths:
            key = path.name.lower()
            if path.is_dir() or key not in OFAC_FILES:
                raise ListInputError(f"{path}: not one of the OFAC files ({_OFAC_USAGE})")
            if key in named:
                raise ListInputError(f"{path}: {key} given twice")
            named[key] = path
        if "sdn.csv" not in named:
            raise ListInputError(f"sdn.csv is missing ({_OFAC_USAGE})")
    if version is None and (match := _TRAILING_DATE.search(named["sdn.csv"].parent.name)):
        version = match[1]
    with ExitStack() as stack:
        streams: dict[str, IO[bytes]] = {
            name: stack.enter_context(path.open("rb")) for name, path in named.items()
        }
        return parse_ofac(
            streams["sdn.csv"],
            alt=streams.get("alt.csv"),
            add=streams.get("add.csv"),
            comments=streams.get("sdn_comments.csv"),
            version=version,
        )


def _exist(paths: list[Path]) -> None:
    if not paths:
        raise ListInputError("no file given")
    for path in paths:
        if not path.exists():
            raise ListInputError(f"{path}: no such file or folder")


def _one_file(list_format: str, paths: list[Path]) -> Path:
    _exist(paths)
    if len(paths) != 1:
        raise ListInputError(f"--format {list_format} takes one file, {len(paths)} given")
    path = paths[0]
    if not path.is_file():
        raise ListInputError(f"{path}: is a folder; --format {list_format} takes one file")
    return path


def _content_error(list_format: str, paths: list[Path], exc: ListFormatError) -> ListContentError:
    """Name the file as the operator gave it, not only by its base name."""
    given = [path / exc.file if path.is_dir() else path for path in paths]
    shown = next((str(path) for path in given if path.name == exc.file), exc.file)
    where = shown if exc.line is None else f"{shown} line {exc.line}"
    return ListContentError(f"{where}: {exc.problem} (read as --format {list_format})")
