"""Read the MRZ of a photo or scan: locate, cut, classify, repair by check digits, check.

from borderpost.documents.ocr import read_file
reading = read_file("passport.jpg")
reading.text, reading.confidence, reading.result.valid
"""

from __future__ import annotations

import datetime as dt
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageOps, UnidentifiedImageError

from borderpost.documents.findings import Finding, finding
from borderpost.documents.mrz import parse
from borderpost.documents.ocr.align import realign
from borderpost.documents.ocr.lines import Geometry, geometries
from borderpost.documents.ocr.locate import locate
from borderpost.documents.ocr.model import classifier
from borderpost.documents.ocr.repair import Decoded, Fix, decode
from borderpost.documents.result import MrzResult

__all__ = ["ImageError", "ImageReading", "load_image", "read_bytes", "read_file", "read_image"]

MAX_PIXELS = 60_000_000  # larger images are refused (a decompression bomb, or no photo)
PDF_DPI = 300
LOW_CONFIDENCE = 0.5
GOOD_ENOUGH = math.log(0.9)  # stop looking once every check agrees at this mean likelihood
REALIGN = 3  # geometries re-aligned by classifier confidence when none reads well


class ImageError(ValueError):
    """The bytes are not an image or PDF the reader can decode; the message says why."""


@dataclass(frozen=True, slots=True)
class ImageReading:
    """What was read from one image: the checked result and how sure the reader is."""

    result: MrzResult
    text: str | None  # the MRZ lines joined by newlines, None when none was found
    confidence: float  # 0-1: the geometric mean of the characters' probabilities
    repaired: tuple[Fix, ...]
    char_confidence: tuple[tuple[float, ...], ...]  # per line, per character

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``borderpost mrz read --json``: ``mrz check``'s fields plus these."""
        data = self.result.to_dict()
        data["mrz"] = self.text
        data["confidence"] = round(self.confidence, 4)
        data["repaired"] = [fix.to_dict() for fix in self.repaired]
        data["char_confidence"] = [[round(p, 3) for p in line] for line in self.char_confidence]
        return data


def load_image(data: bytes) -> NDArray[np.uint8]:
    """Decode JPEG, PNG, TIFF, JPEG 2000, BMP, WebP or the first page of a PDF to grayscale."""
    if not data:
        raise ImageError("the file is empty")
    if data[:5] == b"%PDF-":
        return _pdf_page(data)
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.width * opened.height > MAX_PIXELS:
                raise ImageError(
                    f"the image is {opened.width}x{opened.height} pixels, more than "
                    f"{MAX_PIXELS:,} (a document photo needs far fewer)"
                )
            upright = ImageOps.exif_transpose(opened) or opened
            gray = np.asarray(upright.convert("L"), dtype=np.uint8)
    except ImageError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageError(f"not an image this reader can decode: {exc}") from exc
    if min(gray.shape) < 16:
        raise ImageError(f"the image is only {gray.shape[1]}x{gray.shape[0]} pixels")
    return gray


def _pdf_page(data: bytes) -> NDArray[np.uint8]:
    import pypdfium2  # loaded only for PDFs

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        raise ImageError(f"not a PDF this reader can open: {exc}") from exc
    try:
        if len(document) == 0:
            raise ImageError("the PDF has no pages")
        page = document[0]
        width, height = page.get_size()
        scale = min(PDF_DPI / 72, math.sqrt(MAX_PIXELS / max(width * height, 1)))
        bitmap = page.render(scale=scale, grayscale=True)
        gray = np.asarray(bitmap.to_pil().convert("L"), dtype=np.uint8)
    finally:
        document.close()
    return gray


def _good(decoded: Decoded | None) -> bool:
    return decoded is not None and decoded.failed == 0 and decoded.mean_log_likelihood > GOOD_ENOUGH


def _best(image: NDArray[np.uint8]) -> Decoded | None:
    """The best-scoring reading over the candidate bands and geometries.

    The ink-gap grid is tried first; when no reading it gives is good (a check digit still
    disagrees, or the characters are unsure), the likeliest few geometries are re-aligned
    line by line where the classifier is surest (:mod:`align`) and read again.
    """
    model = classifier()
    tried: list[tuple[Decoded, Geometry]] = []
    for band in locate(image):
        for geometry in geometries(band.image):
            probs = model.probabilities(geometry.cells)
            decoded = decode(probs, geometry.lines, geometry.length)
            if decoded is not None:
                tried.append((decoded, geometry))
        if _good(max((d for d, _ in tried), key=_score, default=None)):
            break
    if not tried:
        return None
    tried.sort(key=lambda pair: pair[0].score, reverse=True)
    best = tried[0][0]
    if _good(best):
        return best
    for _, geometry in tried[:REALIGN]:
        moved = realign(geometry, model)
        decoded = decode(model.probabilities(moved.cells), moved.lines, moved.length)
        if decoded is not None and decoded.score > best.score:
            best = decoded
        if _good(best):
            break
    return best


def _score(decoded: Decoded) -> float:
    return decoded.score


def read_image(image: NDArray[np.uint8], *, at: dt.date | None = None) -> ImageReading:
    """Read the MRZ of a decoded image (grayscale or BGR)."""
    reference = at if at is not None else dt.date.today()
    decoded = _best(image)
    if decoded is None:
        return _nothing(reference, finding("mrz_not_found", None, _NOT_FOUND))
    result = parse(decoded.text, at=reference)
    extra: list[Finding] = []
    if decoded.fixes:
        where = "; ".join(
            f"line {f.line}, position {f.position} ({f.field}): {f.before!r} -> {f.after!r}"
            for f in decoded.fixes
        )
        extra.append(finding("ocr_repaired", None, f"chosen so the check digits agree: {where}"))
    unsure = [i for i, p in enumerate(decoded.confidence) if p < LOW_CONFIDENCE]
    if unsure:
        length = decoded.layout.length
        places = ", ".join(f"line {i // length + 1} position {i % length + 1}" for i in unsure[:8])
        extra.append(
            finding(
                "ocr_low_confidence",
                None,
                f"{len(unsure)} character(s) read with confidence below {LOW_CONFIDENCE}: {places}",
            )
        )
    length = decoded.layout.length
    per_line = tuple(
        decoded.confidence[row * length : (row + 1) * length] for row in range(decoded.layout.lines)
    )
    confidence = math.exp(decoded.log_likelihood / len(decoded.confidence))
    return ImageReading(
        result=result._replace(findings=result.findings + tuple(extra)),
        text=decoded.text,
        confidence=confidence,
        repaired=decoded.fixes,
        char_confidence=per_line,
    )


_NOT_FOUND = (
    "no machine readable zone was found: photograph the whole data page, flat and in focus, "
    "with the two or three MRZ lines fully visible"
)


def _nothing(reference: dt.date, reason: Finding) -> ImageReading:
    result = MrzResult(mrz="", type=None, reference_date=reference, findings=(reason,))
    return ImageReading(result, None, 0.0, (), ())


def read_bytes(data: bytes, *, at: dt.date | None = None) -> ImageReading:
    """Read the MRZ of an encoded image or PDF; undecodable bytes give an error finding."""
    reference = at if at is not None else dt.date.today()
    try:
        image = load_image(data)
    except ImageError as exc:
        return _nothing(reference, finding("image_unreadable", None, str(exc)))
    return read_image(image, at=reference)


def read_file(path: str | Path, *, at: dt.date | None = None) -> ImageReading:
    """Read the MRZ of an image file; a missing or undecodable file gives an error finding."""
    reference = at if at is not None else dt.date.today()
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        reason = f"cannot read {path}: {exc.strerror or exc}"
        return _nothing(reference, finding("image_unreadable", None, reason))
    return read_bytes(data, at=reference)
