"""The one exception importers raise."""

from __future__ import annotations

__all__ = ["ListFormatError"]


class ListFormatError(ValueError):
    """A list file is malformed in a way that stops the import.

    Attributes:
        file: the file name the caller gave (or the importer's default name).
        line: 1-based line number, ``None`` when the problem is not tied to a line.
        problem: what is wrong, in words an operator can act on.
    """

    def __init__(self, file: str, line: int | None, problem: str) -> None:
        self.file = file
        self.line = line
        self.problem = problem
        where = file if line is None else f"{file} line {line}"
        super().__init__(f"{where}: {problem}")

    def __reduce__(self) -> tuple[type[ListFormatError], tuple[str, int | None, str]]:
        return (type(self), (self.file, self.line, self.problem))
