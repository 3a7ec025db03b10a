"""Small helpers to write SVG text by hand (maps and timelines): escaping, palette, legend."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

__all__ = [
    "KIND_COLOURS",
    "KIND_ORDER",
    "PALETTE",
    "attr",
    "colour",
    "colours",
    "document",
    "legend",
    "text",
]


#: Colour-blind-friendly categorical palette (Okabe and Ito, 2008), then greys.
PALETTE = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#999999",
    "#666666",
)


#: Record kinds in the order they are coloured, so that a kind has one colour in every picture.
KIND_ORDER = ("seizure", "arrest", "declaration", "watchlist", "booking", "crossing", "note")
#: Seizures blue, arrests vermilion, declarations green, list entries purple, bookings sky
#: blue, crossings (the background of most pictures) grey, notes yellow.
KIND_COLOURS = {
    "seizure": PALETTE[0],
    "arrest": PALETTE[5],
    "declaration": PALETTE[2],
    "watchlist": PALETTE[3],
    "booking": PALETTE[4],
    "crossing": PALETTE[8],
    "note": PALETTE[6],
}


def colour(index: int) -> str:
    """The ``index``-th palette colour (cycling)."""
    return PALETTE[index % len(PALETTE)]


def colours(categories: Sequence[str]) -> dict[str, str]:
    """A colour per category: record kinds keep their :data:`KIND_ORDER` colour everywhere,
    other categories take the colours after them in the order given."""
    found = {c: KIND_COLOURS[c] for c in categories if c in KIND_COLOURS}
    others = [c for c in categories if c not in KIND_COLOURS]
    for k, category in enumerate(others, len(KIND_ORDER)):
        found[category] = colour(k)
    return found


def attr(value: object) -> str:
    """A quoted, escaped attribute value."""
    return quoteattr(str(value))


def text(value: object) -> str:
    """Escaped character data."""
    return escape(str(value))


def document(width: int, height: int, title: str, body: Sequence[str], *, label: str) -> str:
    """A standalone SVG document with an accessible title."""
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label={attr(label)} '
            'font-family="sans-serif" font-size="11">',
            f"<title>{text(title or label)}</title>",
            f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
            *body,
            "</svg>",
        ]
    )


def legend(items: Sequence[tuple[str, str]], x: float, y: float) -> list[str]:
    """A vertical legend of ``(colour, label)`` swatches starting at ``(x, y)``."""
    out = ['<g class="legend">']
    for k, (fill, label) in enumerate(items):
        top = y + 16 * k
        out.append(
            f'<rect x="{x:.1f}" y="{top:.1f}" width="10" height="10" fill={attr(fill)}/>'
            f'<text x="{x + 14:.1f}" y="{top + 9:.1f}">{text(label)}</text>'
        )
    out.append("</g>")
    return out
