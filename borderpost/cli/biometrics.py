"""``borderpost biometrics finger``: fingerprint templates and 1:1 comparison.

Exit codes: 0 done (for ``compare``: a score was computed, match or not); 1 an image or
template could not be used (unreadable, no usable ridges) or the native library is missing;
2 unusable arguments.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from borderpost.biometrics import BiometricFormatError
from borderpost.biometrics.fingerprint import (
    DEFAULT_FINGER_THRESHOLD,
    DEFAULT_PPI,
    FingerAnalysis,
    NativeUnavailableError,
    analyse_finger,
    analyse_finger_image,
    decode_raw,
    encode_fmr,
    is_fmr,
    parse_fmr,
    verify_fingers,
)
from borderpost.cli.context import console, fail

app = typer.Typer(help="Biometrics: fingerprints (decision support).", no_args_is_help=True)
finger = typer.Typer(
    help="Fingerprints: ISO/IEC 19794-2 minutiae templates (NIST mindtct) and bozorth3 "
    "comparison. Every result is a candidate for a person to confirm.",
    no_args_is_help=True,
)
app.add_typer(finger, name="finger")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        fail(f"{path} does not exist")
    except IsADirectoryError:
        fail(f"{path} is a directory, not an image or template")
    except OSError as exc:
        fail(f"{path} cannot be read: {exc.strerror}", code=1)
    return b""  # pragma: no cover - fail exits


def _raw_size(raw: str | None) -> tuple[int, int] | None:
    if raw is None:
        return None
    width, _, height = raw.lower().partition("x")
    if not (width.isdigit() and height.isdigit()):
        fail(f"--raw {raw!r} is not WIDTHxHEIGHT in pixels, e.g. 336x416")
    return int(width), int(height)


def _analyse(path: Path, data: bytes, *, ppi: float, raw: tuple[int, int] | None) -> FingerAnalysis:
    """An image (or, for comparison, a stored template) as an analysis; errors propagate."""
    if raw is not None:
        return analyse_finger_image(decode_raw(data, *raw, what=str(path)), ppi=ppi)
    if is_fmr(data):
        return FingerAnalysis.from_record(parse_fmr(data), str(path))
    return analyse_finger(data, str(path), ppi=ppi)


def _check_ppi(ppi: float) -> None:
    if not 100 <= ppi <= 2000:
        fail(f"--ppi {ppi:g} is outside 100-2000 (fingerprint scanners give 500 or 1000)")


@finger.command()
def template(
    image: Path = typer.Argument(..., help="Fingerprint image: PNG, TIFF, BMP, JPEG, JPEG 2000."),
    out: Path | None = typer.Option(None, "--out", help="Write the ISO/IEC 19794-2 record here."),
    ppi: float = typer.Option(DEFAULT_PPI, "--ppi", help="Scan resolution, pixels per inch."),
    raw: str | None = typer.Option(
        None, "--raw", help="The file is raw 8-bit grey pixels of WIDTHxHEIGHT (no header)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Find the minutiae of one fingerprint and write its ISO/IEC 19794-2:2005 template."""
    _check_ppi(ppi)
    size = _raw_size(raw)
    data = _read(image)
    if size is None and is_fmr(data):
        fail(f"{image} is already a finger minutiae record, not an image")
    try:
        analysis = _analyse(image, data, ppi=ppi, raw=size)
    except BiometricFormatError as exc:
        fail(f"{exc.message} ({exc.code})", code=1)
    except NativeUnavailableError as exc:
        fail(str(exc), code=1)
    if analysis.record is not None and out is not None:
        try:
            out.write_bytes(encode_fmr(analysis.record))
        except OSError as exc:
            fail(f"cannot write {out}: {exc.strerror}", code=1)
    if as_json:
        report: dict[str, Any] = {
            "image": str(image),
            **analysis.to_dict(),
            "template": str(out) if out is not None and analysis.usable else None,
            "minutiae_list": [m.to_dict() for m in analysis.minutiae],
        }
        console.print_json(json.dumps(report))
    else:
        table = Table(show_header=False, box=None)
        table.add_column(style="bold")
        table.add_column()
        table.add_row("image", str(image))
        table.add_row("usable", "yes" if analysis.usable else "[bold red]no[/]")
        table.add_row("minutiae", str(len(analysis.minutiae)))
        if analysis.quality is not None:
            table.add_row("quality", f"{analysis.quality.score} (NFIQ2-style, not certified)")
        table.add_row("reason", analysis.reason)
        if out is not None and analysis.usable:
            table.add_row("template", f"{out} (ISO/IEC 19794-2:2005)")
        console.print(table)
    if not analysis.usable:
        raise typer.Exit(1)


@finger.command()
def compare(
    first: Path = typer.Argument(..., help="An image or an ISO/IEC 19794-2 template (.fmr)."),
    second: Path = typer.Argument(..., help="An image or an ISO/IEC 19794-2 template (.fmr)."),
    threshold: int = typer.Option(
        DEFAULT_FINGER_THRESHOLD, "--threshold", help="bozorth3 score from which to report a match."
    ),
    ppi: float = typer.Option(DEFAULT_PPI, "--ppi", help="Scan resolution of images."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Compare two fingerprints with bozorth3: match, no match or inconclusive, with why."""
    _check_ppi(ppi)
    if threshold <= 0:
        fail(f"--threshold {threshold} must be a positive bozorth3 score")
    analyses: list[FingerAnalysis] = []
    problems: list[dict[str, str]] = []
    for path in (first, second):
        try:
            analyses.append(_analyse(path, _read(path), ppi=ppi, raw=None))
        except BiometricFormatError as exc:
            problems.append({"file": str(path), "code": exc.code, "message": exc.message})
            analyses.append(FingerAnalysis(None, None, exc.message))
        except NativeUnavailableError as exc:
            fail(str(exc), code=1)
    result = verify_fingers(
        analyses[0],
        analyses[1],
        threshold=threshold,
        probe_name=str(first),
        reference_name=str(second),
    )
    if as_json:
        report = {
            **result.to_dict(),
            "first": analyses[0].to_dict(),
            "second": analyses[1].to_dict(),
            "errors": problems,
        }
        console.print_json(json.dumps(report))
    else:
        style = {"match": "bold green", "no_match": "bold yellow"}.get(result.outcome, "bold red")
        score = "-" if result.score is None else str(result.score)
        console.print(f"[{style}]{result.outcome}[/]  score {score}  (threshold {threshold})")
        console.print(result.reason, highlight=False)
        for problem in problems:
            console.print(f"[red]error[/] {problem['file']}: {problem['message']}", highlight=False)
        console.print("a candidate for a fingerprint examiner to confirm, never a decision")
    if result.outcome == "inconclusive":
        raise typer.Exit(1)


def sim_fingerprint(
    finger_seed: int = typer.Option(1, "--finger", help="Which synthetic finger (a seed)."),
    occasion: int = typer.Option(0, "--impression", help="Which impression of it (a seed)."),
    out: Path = typer.Option(..., "--out", help="PNG file to write."),
) -> None:
    """Write one impression of a synthetic finger (SFinGe-style, 500 ppi) as PNG."""
    from PIL import Image

    from borderpost.sim.fingerprints import impression, master_finger

    image = impression(master_finger(finger_seed), random.Random(finger_seed * 1000 + occasion))
    try:
        Image.fromarray(image).save(out, "PNG")
    except (OSError, ValueError) as exc:
        fail(f"cannot write {out}: {exc}", code=1)
    console.print(f"wrote {out}: synthetic finger {finger_seed}, impression {occasion}")
