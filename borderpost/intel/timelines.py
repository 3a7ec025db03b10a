"""A timeline of records as an offline SVG: records per day or week, stacked by kind, with
arrests marked.

:func:`timeline_counts` gives the numbers (one :class:`Bucket` per day or ISO week from the
first record to the last, empty ones included); :func:`timeline_svg` draws them: a stacked bar
per bucket coloured by kind, a red triangle with the count above every bucket holding arrests,
month ticks on the time axis.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from borderpost.intel.facts import RecordFacts
from borderpost.intel.svg import KIND_ORDER, attr, colours, document, legend, text

__all__ = ["BUCKETS", "Bucket", "timeline_counts", "timeline_svg"]

BUCKETS = ("day", "week")
ARREST_COLOUR = "#C00000"


@dataclass(frozen=True, slots=True)
class Bucket:
    """The records of one day (or of the ISO week starting on ``start``), by kind."""

    start: dt.date
    counts: dict[str, int]

    @property
    def total(self) -> int:
        """Records in the bucket."""
        return sum(self.counts.values())


def _start(day: dt.date, bucket: str) -> dt.date:
    return day if bucket == "day" else day - dt.timedelta(days=day.weekday())


def timeline_counts(records: Sequence[RecordFacts], bucket: str = "week") -> list[Bucket]:
    """Records per day or per ISO week (Monday first), from the first to the last."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket {bucket!r} is not one of {', '.join(BUCKETS)}")
    if not records:
        return []
    counts: dict[dt.date, Counter[str]] = {}
    for facts in records:
        counts.setdefault(_start(facts.date, bucket), Counter())[facts.kind] += 1
    step = dt.timedelta(days=1 if bucket == "day" else 7)
    day, last = min(counts), max(counts)
    found: list[Bucket] = []
    while day <= last:
        found.append(Bucket(day, dict(counts.get(day, Counter()))))
        day += step
    return found


def timeline_svg(
    records: Sequence[RecordFacts],
    *,
    bucket: str = "week",
    title: str = "",
    width: int = 900,
    height: int = 320,
) -> str:
    """The timeline of ``records`` as an SVG document."""
    buckets = timeline_counts(records, bucket)
    label = title or f"records per {bucket}"
    body = [
        f'<text x="40" y="22" font-size="14" font-weight="bold">{text(label)}</text>',
    ]
    if not buckets:
        body.append('<text x="40" y="50">no records</text>')
        return document(width, height, title, body, label=label)
    present = {k for b in buckets for k in b.counts}
    kinds = [k for k in KIND_ORDER if k in present] + sorted(present - set(KIND_ORDER))
    fills = colours(kinds)
    left, top, right, bottom = 50, 50, width - 150, height - 40
    tallest = max(b.total for b in buckets)
    slot = (right - left) / len(buckets)
    bar = max(slot * 0.8, 0.8)
    scale = (bottom - top) / tallest
    body.append(
        f'<line x1="{left}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="#333"/>'
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{bottom}" stroke="#333"/>'
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{tallest}</text>'
        f'<text x="{left - 6}" y="{bottom}" text-anchor="end">0</text>'
    )
    arrests = 0
    body.append('<g class="bars">')
    for k, item in enumerate(buckets):
        x = left + k * slot + (slot - bar) / 2
        y = float(bottom)
        for kind in kinds:
            count = item.counts.get(kind, 0)
            if not count:
                continue
            h = count * scale
            y -= h
            body.append(
                f'<rect x="{x:.2f}" y="{y:.2f}" width="{bar:.2f}" height="{h:.2f}" '
                f"fill={attr(fills[kind])}><title>{text(f'{item.start}: {count} {kind}')}"
                "</title></rect>"
            )
        caught = item.counts.get("arrest", 0)
        if caught:
            arrests += caught
            cx = x + bar / 2
            body.append(
                f'<path class="arrest" d="M{cx - 4:.2f},{y - 10:.2f} L{cx + 4:.2f},{y - 10:.2f} '
                f'L{cx:.2f},{y - 3:.2f} Z" fill="{ARREST_COLOUR}">'
                f"<title>{text(f'{item.start}: {caught} arrest(s)')}</title></path>"
            )
    body.append("</g>")
    month = None
    last_tick = -1000.0
    for k, item in enumerate(buckets):
        if (item.start.year, item.start.month) != month:
            month = (item.start.year, item.start.month)
            x = left + k * slot
            if x - last_tick < 40:  # too close to the last label to be read
                continue
            last_tick = x
            body.append(
                f'<line x1="{x:.1f}" y1="{bottom}" x2="{x:.1f}" y2="{bottom + 5}" stroke="#333"/>'
                f'<text x="{x:.1f}" y="{bottom + 17}" fill="#555">'
                f"{item.start.strftime('%b %Y' if item.start.month == 1 or k == 0 else '%b')}"
                "</text>"
            )
    totals = Counter[str]()
    for item in buckets:
        totals.update(item.counts)
    body += legend(
        [(fills[k], f"{k} ({totals[k]})") for k in kinds]
        + [(ARREST_COLOUR, f"▼ arrests ({arrests})")],
        right + 20,
        top,
    )
    return document(width, height, title, body, label=label)
