"""Small SVG charts drawn on the server: bars and a line, readable without JavaScript.

Each chart is an accessible image (``role="img"`` with a title and a description of the
figures), sized by CSS, in the console's own colours. No library, nothing fetched.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

__all__ = ["bar_chart", "grouped_bars", "line_chart"]

_W, _H = 640, 220
_LEFT, _RIGHT, _TOP, _BOTTOM = 44, 10, 24, 30


def _nice_max(value: float) -> float:
    """The top of the axis: four equal steps of 1, 2, 2.5 or 5 times a power of ten."""
    if value <= 0:
        return 4.0
    magnitude = float(10 ** max(len(str(int(value / 4))) - 1, 0))
    for step in (0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50):
        if 4 * step * magnitude >= value:
            return 4 * step * magnitude
    return value


def _fmt(value: float) -> str:
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def _frame(title: str, summary: str, top: float, body: list[str]) -> Markup:
    plot_h = _H - _TOP - _BOTTOM
    grid = []
    for i in range(5):
        y = _TOP + plot_h * i / 4
        grid.append(
            f'<line class="grid" x1="{_LEFT}" y1="{y:.1f}" x2="{_W - _RIGHT}" y2="{y:.1f}"/>'
            f'<text class="axis" x="{_LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{_fmt(top * (4 - i) / 4)}</text>"
        )
    svg = (
        f'<svg class="chart" viewBox="0 0 {_W} {_H}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(title)}</title><desc>{escape(summary)}</desc>"
        + "".join(grid)
        + "".join(body)
        + "</svg>"
    )
    return Markup(svg)


def _x_labels(labels: Sequence[str], slot: float, every: int) -> list[str]:
    return [
        f'<text class="axis" x="{_LEFT + slot * (i + 0.5):.1f}" y="{_H - 10}" '
        f'text-anchor="middle">{escape(label)}</text>'
        for i, label in enumerate(labels)
        if i % every == 0
    ]


def bar_chart(values: Sequence[float], labels: Sequence[str], title: str) -> Markup:
    """One bar per value, labelled below (every third label when there are many)."""
    top = _nice_max(max(values, default=0))
    slot = (_W - _LEFT - _RIGHT) / max(len(values), 1)
    plot_h = _H - _TOP - _BOTTOM
    body = []
    for i, value in enumerate(values):
        h = plot_h * value / top
        body.append(
            f'<rect class="bar" x="{_LEFT + slot * i + slot * 0.15:.1f}" '
            f'y="{_TOP + plot_h - h:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}">'
            f"<title>{escape(labels[i])}: {_fmt(value)}</title></rect>"
        )
    body += _x_labels(labels, slot, 3 if len(labels) > 12 else 1)
    summary = ", ".join(
        f"{label}: {_fmt(value)}" for label, value in zip(labels, values, strict=True)
    )
    return _frame(title, summary, top, body)


def line_chart(values: Sequence[float | None], labels: Sequence[str], title: str) -> Markup:
    """A line through the values that exist (``None``: no figure for that slot)."""
    known = [value for value in values if value is not None]
    top = _nice_max(max(known, default=0))
    slot = (_W - _LEFT - _RIGHT) / max(len(values), 1)
    plot_h = _H - _TOP - _BOTTOM
    points = [
        (_LEFT + slot * (i + 0.5), _TOP + plot_h - plot_h * value / top, labels[i], value)
        for i, value in enumerate(values)
        if value is not None
    ]
    body = []
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _label, _value in points)
        body.append(f'<polyline class="line" points="{path}"/>')
    body += [
        f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="3.5">'
        f"<title>{escape(label)}: {_fmt(value)}</title></circle>"
        for x, y, label, value in points
    ]
    body += _x_labels(labels, slot, 3 if len(labels) > 12 else 1)
    summary = ", ".join(f"{label}: {_fmt(value)}" for _x, _y, label, value in points)
    return _frame(title, summary or "no figures", top, body)


def grouped_bars(
    groups: Sequence[str], series: Sequence[tuple[str, Sequence[float]]], title: str
) -> Markup:
    """Bars side by side for each group (one colour per series, legend on top)."""
    top = _nice_max(max((v for _name, values in series for v in values), default=0))
    slot = (_W - _LEFT - _RIGHT) / max(len(groups), 1)
    plot_h = _H - _TOP - _BOTTOM
    width = slot * 0.8 / max(len(series), 1)
    body = []
    for s, (name, values) in enumerate(series):
        for i, value in enumerate(values):
            h = plot_h * value / top
            body.append(
                f'<rect class="bar s{s}" x="{_LEFT + slot * i + slot * 0.1 + width * s:.1f}" '
                f'y="{_TOP + plot_h - h:.1f}" width="{width:.1f}" height="{h:.1f}">'
                f"<title>{escape(groups[i])}, {escape(name)}: {_fmt(value)}</title></rect>"
            )
        body.append(
            f'<rect class="bar s{s}" x="{_LEFT + 8 + 110 * s}" y="2" width="10" height="10"/>'
            f'<text class="axis" x="{_LEFT + 22 + 110 * s}" y="11">{escape(name)}</text>'
        )
    body += _x_labels(groups, slot, 1)
    summary = "; ".join(
        f"{name}: " + ", ".join(f"{g} {_fmt(v)}" for g, v in zip(groups, values, strict=True))
        for name, values in series
    )
    return _frame(title, summary, top, body)
