"""Re-aligning a line's cell grid by classifier confidence recovers a grid that slid."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from borderpost.documents.ocr import synth
from borderpost.documents.ocr.align import realign
from borderpost.documents.ocr.cells import cut
from borderpost.documents.ocr.lines import Geometry, geometries
from borderpost.documents.ocr.locate import locate
from borderpost.documents.ocr.model import classifier
from borderpost.documents.ocr.repair import decode


def _read(geometry: Geometry) -> str | None:
    probs = classifier().probabilities(geometry.cells)
    decoded = decode(probs, geometry.lines, geometry.length)
    return None if decoded is None else decoded.text


def _as_read(sample: synth.Sample) -> Geometry:
    for band in locate(sample.image):
        for geometry in geometries(band.image):
            if _read(geometry) == sample.mrz:
                return geometry
    raise AssertionError("the fixture photo should read")


def _slid(geometry: Geometry, start: float, end: float) -> Geometry:
    """Every line's grid slid by ``start`` pitches at its left end, ``end`` at its right."""
    edges, cells = [], []
    for line, line_edges in zip(geometry.rows, geometry.edges, strict=True):
        pitch = float(line_edges[-1] - line_edges[0]) / (len(line_edges) - 1)
        ramp = np.linspace(start, end, len(line_edges), dtype=np.float32) * pitch
        moved = (line_edges + ramp).astype(np.float32)
        edges.append(moved)
        cells.append(cut(geometry.ink, line, moved))
    return replace(geometry, cells=np.concatenate(cells), edges=tuple(edges))


def test_a_grid_of_the_wrong_pitch_is_realigned(td3_photo: synth.Sample) -> None:
    # 0.4 of a pitch too far left at the start of each line, too far right at its end
    slid = _slid(_as_read(td3_photo), -0.4, 0.4)
    assert _read(slid) != td3_photo.mrz  # the slide alone spoils the reading
    assert _read(realign(slid, classifier())) == td3_photo.mrz


def test_a_good_grid_stays_good(td1_scan: synth.Sample) -> None:
    geometry = _as_read(td1_scan)
    moved = realign(geometry, classifier())
    assert _read(moved) == td1_scan.mrz
    for before, after in zip(geometry.edges, moved.edges, strict=True):
        pitch = float(before[-1] - before[0]) / (len(before) - 1)
        assert float(np.abs(after - before).max()) < 0.5 * pitch
