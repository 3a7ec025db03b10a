"""truth.json, written without holding the world's truth in memory.

The list sections (:data:`borderpost.sim.world.truth.LISTS`) are appended item by item to
temporary JSON-lines files while travellers stream by; :meth:`TruthFile.finish` writes
truth.json section by section in :data:`~borderpost.sim.world.truth.SECTIONS` order, copying
each list's lines. Items and dictionaries are written with sorted keys.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from borderpost.sim.world.truth import LISTS, SECTIONS
from borderpost.worldgen.sinks import JsonLines, dumps

__all__ = ["TruthFile"]


class TruthFile:
    """The truth of a world being written."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self._lists = {name: JsonLines(folder / f"truth-{name}.jsonl") for name in sorted(LISTS)}
        self._parts: dict[str, Any] = {}

    def add(self, section: str, item: dict[str, Any] | None) -> None:
        """Append an item to a list section (None is skipped)."""
        if item is not None:
            self._lists[section].write(item, sort_keys=True)

    def set(self, section: str, value: dict[str, Any]) -> None:
        """Give a dictionary section its value."""
        if section in LISTS or section not in SECTIONS:
            raise ValueError(f"{section!r} is not a dictionary section of truth.json")
        self._parts[section] = value

    def count(self, section: str) -> int:
        """Items of a list section so far."""
        return self._lists[section].count

    def finish(self, path: Path) -> None:
        """Write truth.json to ``path`` and drop the temporary list files."""
        for sink in self._lists.values():
            sink.close()
        with path.open("w", encoding="utf-8", newline="\n") as out:
            out.write("{\n")
            for number, section in enumerate(SECTIONS):
                out.write(f"{json.dumps(section)}: ")
                if section in LISTS:
                    self._copy(self._lists[section].path, out)
                else:
                    out.write(dumps(self._parts.get(section, {}), sort_keys=True))
                out.write(",\n" if number < len(SECTIONS) - 1 else "\n")
            out.write("}\n")
        for sink in self._lists.values():
            sink.path.unlink()

    @staticmethod
    def _copy(source: Path, out: IO[str]) -> None:
        out.write("[")
        with source.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines):
                out.write(",\n" if number else "\n")
                out.write(line.rstrip("\n"))
        out.write("\n]")
