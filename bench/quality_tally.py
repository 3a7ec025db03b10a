"""Tallies and printing for bench/screening_quality.py: recall, precision, F1 per query group."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.table import Table


@dataclass(slots=True)
class Tally:
    queries: int = 0
    recalled: int = 0
    hits: int = 0
    correct: int = 0
    misses: list[dict[str, object]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.recalled / self.queries if self.queries else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.hits if self.hits else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Tally) -> None:
        self.queries += other.queries
        self.recalled += other.recalled
        self.hits += other.hits
        self.correct += other.correct

    def figures(self) -> dict[str, float | int]:
        return {
            "queries": self.queries,
            "recall": round(self.recall, 4),
            "precision": round(self.precision, 4),
            "f1": round(self.f1, 4),
            "hits": self.hits,
            "missed": self.queries - self.recalled,
        }


def miss_line(miss: dict[str, object]) -> str:
    dob = f" dob {miss['dob']}" if miss["dob"] else ""
    score = miss["expected_score"]
    found = "not retrieved" if score is None else f"scored {score}"
    why = " | ".join(miss["why"])  # type: ignore[arg-type]
    returned = "; ".join(miss["returned"]) or "nothing"  # type: ignore[arg-type]
    return (
        f"  [{miss['set']}/{miss['group']}] {miss['query']!r}{dob} -> {miss['expected']}: "
        f"{found}; {why}; returned: {returned}"
    )


def tally_table(title: str, rows: dict[str, Tally]) -> Table:
    table = Table(title=title)
    for column in ("group", "queries", "recall", "precision", "F1", "hits", "missed"):
        table.add_column(column, justify="left" if column == "group" else "right")
    for group, tally in rows.items():
        f = tally.figures()
        table.add_row(
            group,
            str(f["queries"]),
            f"{tally.recall:.4f}",
            f"{tally.precision:.4f}",
            f"{tally.f1:.4f}",
            str(f["hits"]),
            str(f["missed"]),
        )
    return table
