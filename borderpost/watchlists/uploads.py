"""Import a list from files received over the network (the REST API), audited.

The files are written to a private temporary folder under their base names (so that the
OFAC set keeps ``sdn.csv``, ``alt.csv``, ...), read as the format given, and stored as the
list's next version in the caller's unit of work (never committed here).
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from borderpost import audit
from borderpost.store import UnitOfWork
from borderpost.watchlists.errors import ListInputError
from borderpost.watchlists.files import (
    DEFAULT_LIST_NAMES,
    LIST_FORMATS,
    read_lost_stolen,
    read_watchlist,
)
from borderpost.watchlists.lost_stolen import import_lost_stolen
from borderpost.watchlists.service import import_snapshot

__all__ = ["MAX_FILES", "Upload", "import_uploads"]

#: The most files one import takes (the OFAC set is four).
MAX_FILES = 8
#: How many warnings and errors the answer lists (the counts are always complete).
SHOWN_ISSUES = 20
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")

#: A received file: its name as the client gave it, and its content.
Upload = tuple[str, bytes]


def _safe_name(name: str, number: int) -> str:
    base = _SAFE_NAME.sub("_", Path(name.replace("\\", "/")).name).lstrip(".")
    return base[:100] or f"upload-{number}"


def import_uploads(
    uow: UnitOfWork,
    uploads: Sequence[Upload],
    *,
    list_format: str,
    list_name: str | None,
    version: str | None,
    allow_empty: bool,
    actor: str,
    now: dt.datetime,
) -> dict[str, Any]:
    """Import ``uploads`` as the next version of a list; audited as ``list.import``.

    Returns:
        The import summary as JSON (see ``borderpost lists import --json``).

    Raises:
        WatchlistError: a subclass saying what is wrong with the files or their content.
    """
    if list_format not in LIST_FORMATS:
        raise ListInputError(f"format {list_format!r} is not one of {', '.join(LIST_FORMATS)}")
    if not uploads:
        raise ListInputError("no file was sent")
    if len(uploads) > MAX_FILES:
        raise ListInputError(f"{len(uploads)} files sent; an import takes at most {MAX_FILES}")
    with tempfile.TemporaryDirectory(prefix="borderpost-upload-") as folder:
        paths: list[Path] = []
        for number, (name, content) in enumerate(uploads, 1):
            path = Path(folder) / _safe_name(name, number)
            if path in paths:
                raise ListInputError(f"two files are called {path.name!r}")
            path.write_bytes(content)
            paths.append(path)
        if list_format == "sltd":
            name = list_name or DEFAULT_LIST_NAMES["sltd"]
            stolen = import_lost_stolen(
                uow, name, read_lost_stolen(paths).records, allow_empty=allow_empty
            )
            summary = stolen.to_dict()
        else:
            result = read_watchlist(list_format, paths, list_name=list_name, version=version)
            stored = import_snapshot(
                uow,
                result.snapshot,
                result.report,
                source_format=list_format,
                files=[path.name for path in paths],
                allow_empty=allow_empty,
                now=now,
            )
            summary = stored.to_dict(issues=SHOWN_ISSUES)
    audit.append(
        uow.session,
        actor=actor,
        action="list.import",
        subject_type="watchlist",
        subject_id=str(summary["list"])[:128],
        details={
            "format": list_format,
            "files": [path.name for path in paths],
            **{
                key: summary[key]
                for key in ("version", "added", "changed", "removed", "stored")
                if key in summary
            },
        },
        at=now,
    )
    return summary
