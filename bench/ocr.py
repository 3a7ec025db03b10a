"""MRZ reading from images: borderpost's reader beside PassportEye + Debian's tesseract.

Documents are generated (names from borderpost.sim, MRZs from the documents engine), rendered
in OCR-B on a page and photographed at four degradation levels (``synth.LEVELS``); the ICAO
Doc 9303 specimen MRZs (text in ../shared/data/icao, no images are published with them) are
rendered and photographed the same way at the moderate level. Both readers get the same
image files in the same run. Reported per level: documents read exactly (every character of
every line), characters right, and seconds per image (median, one process, this machine).

    python bench/ocr.py [--per-level 50] [--seed 9303] [--levels moderate,severe] [--no-peer]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from rich.console import Console
from rich.table import Table

from borderpost.documents import parse
from borderpost.documents.ocr import read_file, synth

sys.path.insert(0, str(Path(__file__).resolve().parent))
from peers import machine, peer_python

AT = dt.date(2026, 11, 29)
SPECIMENS = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "icao" / "icao_specimens.jsonl"
)

# Runs inside the peer's venv: PassportEye's read_mrz on each file, its raw text and time.
PEER_SCRIPT = r"""
import json, sys, time
from passporteye import read_mrz
for path in json.load(open(sys.argv[1])):
    start = time.perf_counter()
    try:
        found = read_mrz(path)
        text = None if found is None else found.aux.get("text")
    except Exception as exc:
        text = None
    print(json.dumps({"path": path, "text": text, "seconds": time.perf_counter() - start}),
          flush=True)
"""


@dataclass
class Tally:
    """Exact documents, right characters and times of one reader on one set."""

    documents: int = 0
    exact: int = 0
    chars: int = 0
    right: int = 0
    seconds: list[float] = field(default_factory=list)

    def add(self, truth: str, read: str | None, seconds: float) -> None:
        self.documents += 1
        self.seconds.append(seconds)
        self.chars += len(truth.replace("\n", ""))
        if read is None:
            return
        self.exact += read == truth
        for want, got in zip(truth.split("\n"), read.split("\n"), strict=False):
            self.right += sum(a == b for a, b in zip(want, got, strict=False))

    def row(self) -> list[str]:
        return [
            f"{self.exact}/{self.documents} ({100 * self.exact / max(self.documents, 1):.1f}%)",
            f"{100 * self.right / max(self.chars, 1):.1f}%",
            f"{statistics.median(self.seconds):.2f}" if self.seconds else "-",
        ]


def specimen_mrzs() -> list[str]:
    """The ICAO specimens that are well-formed MRZs (the ones a reader should reproduce)."""
    if not SPECIMENS.exists():
        return []
    found = []
    for line in SPECIMENS.read_text("utf-8").splitlines():
        text = json.loads(line)["mrz"]
        if parse(text, at=AT).type is not None:
            found.append(text)
    return found


def make_images(
    folder: Path, per_level: int, seed: int, levels: tuple[str, ...] = synth.LEVELS
) -> list[tuple[str, Path, str]]:
    """(set, image path, true MRZ) for every generated image (specimens with ``moderate``)."""
    items = []
    for level in levels:
        rng = random.Random(f"{seed}-{level}")
        for index in range(per_level):
            shot = synth.sample(rng, level)
            path = folder / f"{level}-{index:03d}.jpg"
            cv2.imwrite(str(path), shot.image, [cv2.IMWRITE_JPEG_QUALITY, 95])
            items.append((level, path, shot.mrz))
    rng = random.Random(f"{seed}-specimens")
    for index, text in enumerate(specimen_mrzs() if "moderate" in levels else []):
        px_per_mm = 24 * 1.3 / synth.CHAR_HEIGHT_MM
        page = synth.render_page(text, rng, px_per_mm)
        image = synth.degrade(page, "moderate", rng, px_per_mm)
        path = folder / f"specimen-{index:03d}.jpg"
        cv2.imwrite(str(path), image, [cv2.IMWRITE_JPEG_QUALITY, 95])
        items.append(("ICAO specimens (moderate)", path, text))
    return items


def run_peer(python: Path, paths: list[Path]) -> dict[str, tuple[str | None, float]]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump([str(p) for p in paths], handle)
    done = subprocess.run(
        [str(python), "-c", PEER_SCRIPT, handle.name], capture_output=True, text=True, check=False
    )
    Path(handle.name).unlink()
    results = {}
    for line in done.stdout.splitlines():
        item = json.loads(line)
        results[item["path"]] = (item["text"], float(item["seconds"]))
    return results


def figures(folder: Path, seed: int) -> None:
    """docs figures: one photo per level, and what the reader makes of the moderate one."""
    from borderpost.documents.ocr.lines import geometries
    from borderpost.documents.ocr.locate import locate
    from borderpost.documents.ocr.model import classifier
    from borderpost.documents.ocr.repair import decode

    folder.mkdir(parents=True, exist_ok=True)
    tiles = []
    moderate = None
    for level in synth.LEVELS:
        shot = synth.sample(random.Random(f"{seed}-figure-{level}"), level)
        if level == "moderate":
            moderate = shot
        scale = 280 / max(shot.image.shape[:2])
        tile = cv2.resize(shot.image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        canvas = np.full((300, 290, 3), 255, np.uint8)
        canvas[: tile.shape[0], : tile.shape[1]] = tile
        cv2.putText(canvas, level, (8, 295), cv2.FONT_HERSHEY_SIMPLEX, 0.5, (0, 0, 160), 1)
        tiles.append(canvas)
    cv2.imwrite(str(folder / "ocr-levels.jpg"), np.hstack(tiles), [cv2.IMWRITE_JPEG_QUALITY, 85])
    assert moderate is not None
    model = classifier()
    best = None
    for band in locate(moderate.image):
        for geometry in geometries(band.image):
            decoded = decode(model.probabilities(geometry.cells), geometry.lines, geometry.length)
            if decoded is not None and (best is None or decoded.score > best[0]):
                best = (decoded.score, band.image, geometry)
    if best is None:
        return
    _, image, geometry = best
    rows = [
        np.hstack(list(geometry.cells[i * geometry.length : (i + 1) * geometry.length]))
        for i in range(geometry.lines)
    ]
    grid = (255 - np.vstack(rows) * 255).astype(np.uint8)
    width = max(image.shape[1], grid.shape[1])
    padded = [
        np.pad(a, ((4, 4), (0, width - a.shape[1])), constant_values=255) for a in (image, grid)
    ]
    cv2.imwrite(str(folder / "ocr-band.png"), np.vstack(padded))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-level", type=int, default=50)
    parser.add_argument("--seed", type=int, default=9303)
    parser.add_argument(
        "--levels",
        default=",".join(synth.LEVELS),
        help="comma-separated degradation levels to run (default: all)",
    )
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--figures", type=Path, help="write the docs figures to this folder")
    args = parser.parse_args()
    levels = tuple(level.strip() for level in args.levels.split(",") if level.strip())
    unknown = [level for level in levels if level not in synth.LEVELS]
    if unknown or not levels:
        parser.error(f"--levels: unknown {unknown}; choose from {', '.join(synth.LEVELS)}")
    if args.figures is not None:
        figures(args.figures, args.seed)
        return
    console = Console(width=160)
    console.print(f"machine: {machine()}; seed {args.seed}, {args.per_level} per level")
    with tempfile.TemporaryDirectory() as tmp:
        items = make_images(Path(tmp), args.per_level, args.seed, levels)
        ours: dict[str, Tally] = {}
        read_file(items[0][1], at=AT)  # load the model once before timing
        for name, path, truth in items:
            start = time.perf_counter()
            reading = read_file(path, at=AT)
            ours.setdefault(name, Tally()).add(truth, reading.text, time.perf_counter() - start)
        peer = None if args.no_peer else peer_python("passporteye")
        theirs: dict[str, Tally] = {}
        if peer is not None:
            answers = run_peer(peer, [path for _, path, _ in items])
            for name, path, truth in items:
                text, seconds = answers.get(str(path), (None, float("nan")))
                theirs.setdefault(name, Tally()).add(truth, text, seconds)
    table = Table(title="MRZ from images: exact documents, characters right, seconds per image")
    table.add_column("set")
    for reader in ("borderpost", "PassportEye + tesseract"):
        for column in ("exact documents", "characters", "s/image"):
            table.add_column(f"{reader}: {column}")
    for name, tally in ours.items():
        other = theirs.get(name)
        table.add_row(name, *tally.row(), *(other.row() if other else ["-", "-", "-"]))
    console.print(table)
    if args.no_peer:
        console.print("PassportEye not run (--no-peer)")
    elif peer is None:
        console.print("[yellow]PassportEye could not be installed: no peer figures[/]")
    else:
        mine = sum(t.exact for t in ours.values())
        peers = sum(t.exact for t in theirs.values())
        console.print(f"exact reads, all sets: borderpost {mine}, PassportEye {peers}")


if __name__ == "__main__":
    main()
