"""A map of records as an offline SVG: no tiles, no network, no map library.

Records with a position are grouped by place and by category (their kind, or a caller's
``category`` such as the seized commodity); each group is a circle whose area grows with the
group's total seriousness (the record kinds' weights of ``data/leads.toml``), coloured by
category, with a tooltip listing its records. The background is a graticule of
latitude/longitude lines in an equirectangular projection scaled by the cosine of the middle
latitude; no coastline or border is drawn (none ships with the project).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from borderpost.intel.facts import RecordFacts
from borderpost.intel.leads import lead_weights
from borderpost.intel.svg import attr, colours, document, legend, text

__all__ = ["MapGroup", "map_groups", "map_svg"]

MARGIN = 40
LEGEND_WIDTH = 170
STEPS = (0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0)


@dataclass(frozen=True, slots=True)
class MapGroup:
    """The records of one category at one place."""

    place: str
    category: str
    latitude: float
    longitude: float
    refs: tuple[str, ...]
    weight: float


def map_groups(
    records: Sequence[RecordFacts], category: Callable[[RecordFacts], str] | None = None
) -> list[MapGroup]:
    """Records with a position, grouped by place and category (heaviest first)."""
    serious = lead_weights().seriousness
    pick = category or (lambda facts: facts.kind)
    groups: dict[tuple[str, str], list[RecordFacts]] = defaultdict(list)
    for facts in records:
        if facts.latitude is None or facts.longitude is None:
            continue
        place = facts.place or f"{facts.latitude:.3f},{facts.longitude:.3f}"
        groups[(place, pick(facts))].append(facts)
    found = [
        MapGroup(
            place=place,
            category=kind,
            latitude=sum(f.latitude or 0.0 for f in items) / len(items),
            longitude=sum(f.longitude or 0.0 for f in items) / len(items),
            refs=tuple(f.ref for f in items),
            weight=sum(serious.get(f.kind, 0.5) for f in items),
        )
        for (place, kind), items in groups.items()
    ]
    found.sort(key=lambda g: (-g.weight, g.place, g.category))
    return found


def _step(span: float) -> float:
    for step in STEPS:
        if span / step <= 8:
            return step
    return STEPS[-1]


def map_svg(
    records: Sequence[RecordFacts],
    *,
    title: str = "",
    category: Callable[[RecordFacts], str] | None = None,
    width: int = 860,
    height: int = 600,
) -> str:
    """The map of ``records`` as an SVG document (records without a position are counted in
    the caption, not drawn)."""
    groups = map_groups(records, category)
    unplaced = sum(1 for f in records if f.latitude is None)
    caption = f"{len(records) - unplaced} records placed"
    if unplaced:
        caption += f", {unplaced} without a position"
    body: list[str] = []
    if not groups:
        body.append(f'<text x="{MARGIN}" y="{MARGIN}">{text(caption)}: nothing to map</text>')
        return document(width, height, title, body, label=title or "map of records")
    lats = [g.latitude for g in groups]
    lons = [g.longitude for g in groups]
    pad = 0.5
    south, north = min(lats) - pad, max(lats) + pad
    west, east = min(lons) - pad, max(lons) + pad
    squeeze = math.cos(math.radians((south + north) / 2))
    plot_w, plot_h = width - 2 * MARGIN - LEGEND_WIDTH, height - 2 * MARGIN - 20
    scale = min(plot_w / ((east - west) * squeeze), plot_h / (north - south))

    def xy(lat: float, lon: float) -> tuple[float, float]:
        return (
            MARGIN + (lon - west) * squeeze * scale,
            MARGIN + 20 + (north - lat) * scale,
        )

    right, bottom = xy(south, east)
    body.append(
        f'<text x="{MARGIN}" y="{MARGIN}" font-size="14" font-weight="bold">'
        f"{text(title or 'Records by place')}</text>"
        f'<text x="{MARGIN}" y="{MARGIN + 14}" fill="#555">{text(caption)}; '
        "circle area: seriousness</text>"
    )
    step = _step(max(north - south, east - west))
    body.append('<g class="graticule" stroke="#ddd" stroke-width="1">')
    lat = math.ceil(south / step) * step
    while lat <= north:
        x0, y0 = xy(lat, west)
        body.append(
            f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{right:.1f}" y2="{y0:.1f}"/>'
            f'<text x="{right + 3:.1f}" y="{y0 + 4:.1f}" fill="#888" stroke="none">'
            f"{lat:g}°</text>"
        )
        lat += step
    lon = math.ceil(west / step) * step
    while lon <= east:
        x0, y0 = xy(north, lon)
        body.append(
            f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x0:.1f}" y2="{bottom:.1f}"/>'
            f'<text x="{x0 - 8:.1f}" y="{bottom + 13:.1f}" fill="#888" stroke="none">'
            f"{lon:g}°</text>"
        )
        lon += step
    body.append("</g>")
    categories = sorted(
        {g.category for g in groups},
        key=lambda c: (-sum(g.weight for g in groups if g.category == c), c),
    )
    fills = colours(categories)
    heaviest = max(g.weight for g in groups)
    per_place: dict[str, int] = defaultdict(int)
    body.append('<g class="groups" fill-opacity="0.7" stroke="#333" stroke-width="0.6">')
    for group in groups:
        x, y = xy(group.latitude, group.longitude)
        slot = per_place[group.place]
        per_place[group.place] += 1
        if slot:  # several categories at one place: set them round it
            angle = slot * 2.4
            x, y = x + 9 * math.cos(angle), y + 9 * math.sin(angle)
        radius = 4 + 26 * math.sqrt(group.weight / heaviest)
        shown = ", ".join(group.refs[:12]) + (" …" if len(group.refs) > 12 else "")
        tip = f"{group.place}: {len(group.refs)} {group.category} ({shown})"
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" '
            f"fill={attr(fills[group.category])} data-place={attr(group.place)}>"
            f"<title>{text(tip)}</title></circle>"
        )
    body.append("</g>")
    places: dict[str, tuple[float, float]] = {}
    for group in groups:
        places.setdefault(group.place, xy(group.latitude, group.longitude))
    for place, (x, y) in places.items():
        body.append(
            f'<text x="{x + 6:.1f}" y="{y - 8:.1f}" font-size="10" fill="#222" '
            f'paint-order="stroke" stroke="#fff" stroke-width="3">{text(place)}</text>'
        )
    counts = {c: sum(len(g.refs) for g in groups if g.category == c) for c in categories}
    body += legend([(fills[c], f"{c} ({counts[c]})") for c in categories], right + 50, MARGIN + 30)
    return document(width, height, title, body, label=title or "map of records")
