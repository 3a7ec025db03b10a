"""Synthetic document images with a known MRZ, for training, tests and the benchmark.

Documents come from the project's own generators: names from :mod:`borderpost.sim`, the MRZ
from :func:`borderpost.documents.make_mrz`. Each is rendered in OCR-B (Debian's public-domain
``fonts-ocr-b``) at ICAO's 10 characters per inch onto a page with guilloche, a portrait and
printed labels, then photographed or scanned at one of four degradation levels:

``none``      a straight flatbed scan at about 300 dpi.
``mild``      a scan with a few degrees of skew, light blur and noise, good JPEG.
``moderate``  a photo at any rotation (90 and 180 included), small perspective, blur, noise,
              uneven light, a glare spot, JPEG artefacts, lower resolution.
``severe``    all of that, stronger: more perspective and blur, heavy JPEG, glare, low resolution.

Everything is a pure function of the seeded ``random.Random`` given.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFont

from borderpost.documents.generate import MrzFields, make_mrz
from borderpost.sim import generate

__all__ = [
    "LEVELS",
    "Sample",
    "degrade",
    "font_path",
    "random_mrz",
    "render_lines",
    "render_page",
    "sample",
]

LEVELS = ("none", "mild", "moderate", "severe")
OCRB_FONTS = (
    Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf"),
    Path("/usr/share/fonts/truetype/ocr-b/OCRB.ttf"),
)
LABEL_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PITCH_MM = 2.54  # ICAO 9303 Part 3: 10 characters per inch
LINE_MM = 4.0  # distance between MRZ line centres
CHAR_HEIGHT_MM = 2.7  # height of a capital as rendered
# Page sizes (mm) and where the MRZ sits, by layout.
PAGES = {"TD3": (125.0, 88.0), "TD2": (105.0, 74.0), "TD1": (85.6, 54.0)}
# Three-letter codes the generator draws issuers from (ICAO codes; D is Germany).
ISSUERS = ("UTO", "D", "FRA", "NGA", "KEN", "GHA", "SEN", "IND", "BRA", "MEX", "RUS", "CHN")

Gray = NDArray[np.uint8]


@dataclass(frozen=True, slots=True)
class Sample:
    """One synthetic image and the MRZ it shows."""

    image: NDArray[np.uint8]  # BGR
    mrz: str
    level: str


def font_path() -> Path:
    """The OCR-B font file (Debian ``fonts-ocr-b``); a clear error when it is missing."""
    for path in OCRB_FONTS:
        if path.exists():
            return path
    raise FileNotFoundError(
        "the OCR-B font is missing: install the Debian package fonts-ocr-b (make ocr-font)"
    )


@cache
def _ocrb(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path()), size)


def _alnum(rng: random.Random, length: int, letters: int = 0) -> str:
    head = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(letters))
    return head + "".join(rng.choice("0123456789") for _ in range(length - letters))


def random_mrz(rng: random.Random, layout: str | None = None) -> str:
    """A correct MRZ for a generated person on a TD3, TD2 or TD1 document."""
    kind = layout or rng.choice(("TD3", "TD3", "TD1", "TD2"))
    person = generate(rng)
    birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 66))
    expiry = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 15))
    code = {"TD3": "P", "TD2": rng.choice(("I", "ID", "AC")), "TD1": rng.choice(("I", "ID"))}
    issuer = rng.choice(ISSUERS)
    optional = _alnum(rng, rng.randrange(0, 8), 0) if rng.random() < 0.4 else ""
    fields = MrzFields(
        type=kind,
        document_code=code[kind] if kind != "TD3" else rng.choice(("P", "P", "PN", "PD")),
        issuing_state=issuer,
        surname=" ".join(person.surname_latin) or "UNKNOWN",
        given_names=" ".join(person.given_latin + person.father_latin),
        document_number=_alnum(rng, 9, rng.choice((0, 1, 2))),
        nationality=person.nationality if rng.random() < 0.7 else issuer,
        birth_date=birth,
        sex=rng.choice("MF" * 8 + "X<"),
        expiry_date=expiry,
        optional_data=optional if kind != "TD3" else "",
        personal_number=optional if kind == "TD3" else "",
    )
    return make_mrz(fields)


def render_lines(
    lines: list[str], px_per_mm: float, rng: random.Random, *, wear: float = 0.0
) -> Gray:
    """MRZ lines printed in OCR-B at 10 characters per inch, dark ink on white (grayscale)."""
    pitch = PITCH_MM * px_per_mm
    size = max(6, round(pitch * 1.55 * rng.uniform(0.95, 1.05)))
    font = _ocrb(size)
    width = round(pitch * (len(lines[0]) + 2))
    line_gap = LINE_MM * px_per_mm * rng.uniform(0.9, 1.12)
    height = round(line_gap * (len(lines) + 1))
    canvas = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(canvas)
    ink = rng.randrange(0, 50)
    for row, line in enumerate(lines):
        y = line_gap * (row + 1)
        for col, char in enumerate(line):
            x = pitch * (col + 1.5) + rng.gauss(0, pitch * 0.015)
            draw.text((x, y + rng.gauss(0, pitch * 0.01)), char, font=font, fill=ink, anchor="mm")
    image = np.asarray(canvas, dtype=np.uint8).copy()
    if wear > 0:
        # print wear: paper-coloured specks knocked out of the ink
        specks = np.random.default_rng(rng.randrange(2**32)).random(image.shape) < wear
        image[specks & (image < 128)] = 230
    return image


def _guilloche(width: int, height: int, rng: random.Random) -> Gray:
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    field = np.zeros((height, width), np.float32)
    for _ in range(3):
        fx, fy = rng.uniform(0.01, 0.06), rng.uniform(0.01, 0.06)
        field += np.sin(x * fx + np.sin(y * fy * 0.7) * rng.uniform(2, 6) + rng.uniform(0, 6))
    lines = (np.abs(np.sin(field * 3.0)) < 0.08).astype(np.float32)
    base = rng.uniform(215, 245)
    return np.asarray(np.clip(base - lines * rng.uniform(15, 45), 0, 255), dtype=np.uint8)


def _portrait(width: int, height: int, rng: random.Random) -> Gray:
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    image = np.full((height, width), rng.uniform(120, 200), np.float32)
    image += (y / height) * rng.uniform(-40, 40)
    cx, cy = width / 2, height * 0.42
    face = ((x - cx) / (width * 0.3)) ** 2 + ((y - cy) / (height * 0.3)) ** 2 < 1
    image[face] = rng.uniform(90, 180)
    body = ((x - cx) / (width * 0.55)) ** 2 + ((y - height) / (height * 0.35)) ** 2 < 1
    image[body] = rng.uniform(20, 90)
    for _ in range(2):  # eyes
        ex = cx + (1 if _ else -1) * width * 0.11
        eye = ((x - ex) / (width * 0.05)) ** 2 + ((y - cy) / (height * 0.025)) ** 2 < 1
        image[eye] = 40
    noise = np.random.default_rng(rng.randrange(2**32)).normal(0, 6, image.shape)
    return np.clip(cv2.GaussianBlur(image + noise, (0, 0), 1.5), 0, 255).astype(np.uint8)


_WORDS = [
    "PASSPORT",
    "PASSEPORT",
    "PASAPORTE",
    "Surname",
    "Nom",
    "Given",
    "names",
    "Prénoms",
    "Nationality",
    "Nationalité",
    "Date",
    "of",
    "birth",
    "Sex",
    "Place",
    "of",
    "birth",
    "Date",
    "of",
    "issue",
    "Authority",
    "Date",
    "of",
    "expiry",
    "Signature",
    "REPUBLIC",
    "OF",
    "UTOPIA",
    "IDENTITY",
    "CARD",
    "Type",
    "Code",
    "Document",
    "No",
]


def render_page(mrz: str, rng: random.Random, px_per_mm: float = 12.0) -> Gray:
    """A document page (grayscale) with guilloche, portrait, labels and the MRZ at its foot."""
    lines = mrz.split("\n")
    kind = {44: "TD3", 36: "TD2", 30: "TD1"}[len(lines[0])]
    page_w, page_h = PAGES[kind]
    width, height = round(page_w * px_per_mm), round(page_h * px_per_mm)
    page = _guilloche(width, height, rng)
    photo_w, photo_h = round(width * 0.27), round(height * 0.42)
    px, py = round(width * 0.04), round(height * 0.1)
    page[py : py + photo_h, px : px + photo_w] = _portrait(photo_w, photo_h, rng)
    canvas = Image.fromarray(page)
    draw = ImageDraw.Draw(canvas)
    label = ImageFont.truetype(str(LABEL_FONT), max(8, round(px_per_mm * 2.0)))
    value = ImageFont.truetype(str(LABEL_FONT), max(8, round(px_per_mm * 3.0)))
    x0 = px + photo_w + round(width * 0.04)
    y = py
    while y < height * 0.62:
        draw.text((x0, y), " ".join(rng.sample(_WORDS, 2)), font=label, fill=90)
        y += round(px_per_mm * 2.6)
        text = "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVWXYZ") for _ in range(rng.randrange(4, 12)))
        draw.text((x0, y), text, font=value, fill=25)
        y += round(px_per_mm * 4.5)
    page = np.asarray(canvas, dtype=np.uint8).copy()
    band = render_lines(lines, px_per_mm, rng)
    bh, bw = band.shape
    top = height - bh - round(px_per_mm * rng.uniform(1.5, 3.0))
    left = max(0, round((width - bw) / 2 + rng.uniform(-1, 1) * px_per_mm))
    region = page[top : top + bh, left : left + bw]
    page[top : top + bh, left : left + bw] = np.minimum(region, band[:, : region.shape[1]])
    return page


@dataclass(frozen=True, slots=True)
class _Level:
    rotation: float  # degrees either way (180 means any angle)
    perspective: float  # corner jitter as a share of the page size
    blur: tuple[float, float]
    noise: float
    jpeg: tuple[int, int]
    char_px: tuple[float, float]  # height of a character in the final image, pixels
    light: float  # depth of the uneven lighting
    glare: float  # chance of a glare spot
    wear: float


_LEVELS = {
    "none": _Level(0.0, 0.0, (0.0, 0.0), 0.0, (95, 95), (28, 32), 0.0, 0.0, 0.0),
    "mild": _Level(4.0, 0.0, (0.0, 0.7), 3.0, (80, 92), (20, 30), 0.1, 0.0, 0.002),
    "moderate": _Level(180.0, 0.04, (0.4, 1.1), 6.0, (55, 80), (15, 24), 0.3, 0.5, 0.005),
    "severe": _Level(180.0, 0.07, (0.8, 1.6), 10.0, (30, 55), (11, 16), 0.45, 0.8, 0.01),
}


def degrade(
    page: Gray, level: str, rng: random.Random, px_per_mm: float = 12.0
) -> NDArray[np.uint8]:
    """Photograph or scan a page at a degradation level: a BGR image as a camera gives it."""
    spec = _LEVELS[level]
    nrng = np.random.default_rng(rng.randrange(2**32))
    # The page on a table or scanner lid, with a margin around it.
    h, w = page.shape
    margin = round(max(h, w) * 0.12)
    ground = rng.uniform(40, 200) if level != "none" else 255.0
    canvas = np.full((h + 2 * margin, w + 2 * margin), ground, np.float32)
    if level != "none":
        canvas += np.asarray(nrng.normal(0, 4, canvas.shape), dtype=np.float32)
    canvas[margin : margin + h, margin : margin + w] = page
    ch, cw = canvas.shape
    source = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], dtype=np.float32)
    target = source + nrng.uniform(-1, 1, (4, 2)).astype(np.float32) * spec.perspective * w
    angle = rng.uniform(-spec.rotation, spec.rotation)
    if spec.rotation >= 180 and rng.random() < 0.3:
        angle = rng.choice((90.0, 180.0, 270.0)) + rng.uniform(-3, 3)
    theta = np.deg2rad(angle)
    rotation = np.array(
        [[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]], dtype=np.float32
    )
    target = target @ rotation.T
    # Scale so that an MRZ character is as many pixels high as the level says.
    scale = rng.uniform(*spec.char_px) / (CHAR_HEIGHT_MM * px_per_mm)
    target = target * scale
    target = (target - target.min(axis=0)).astype(np.float32)
    out_w, out_h = (np.ceil(target.max(axis=0)) + 1).astype(int)
    matrix = cv2.getPerspectiveTransform(source, target)
    warped = cv2.warpPerspective(
        canvas,
        matrix,
        (int(out_w), int(out_h)),
        flags=cv2.INTER_AREA if scale < 1 else cv2.INTER_LINEAR,
        borderValue=float(ground),
    )
    image = _light_and_noise(np.asarray(warped, dtype=np.float32), spec, rng, nrng)
    tint = np.array([rng.uniform(0.85, 1.0), 1.0, rng.uniform(0.9, 1.05)], dtype=np.float32)
    bgr = np.clip(image[..., None] * tint, 0, 255).astype(np.uint8)
    quality = rng.randint(*spec.jpeg)
    ok, encoded = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:  # pragma: no cover - OpenCV always encodes a valid array
        raise RuntimeError("JPEG encoding failed")
    return np.asarray(cv2.imdecode(encoded, cv2.IMREAD_COLOR), dtype=np.uint8)


def _light_and_noise(
    image: NDArray[np.float32], spec: _Level, rng: random.Random, nrng: np.random.Generator
) -> NDArray[np.float32]:
    h, w = image.shape
    sigma = rng.uniform(*spec.blur)
    if sigma > 0.05:
        image = np.asarray(cv2.GaussianBlur(image, (0, 0), sigma), dtype=np.float32)
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    if spec.light > 0:
        gx, gy = rng.uniform(-1, 1), rng.uniform(-1, 1)
        ramp = (x / w - 0.5) * gx + (y / h - 0.5) * gy
        image = image * (1 - spec.light * (ramp + 0.5) * rng.uniform(0.5, 1.0))
    if rng.random() < spec.glare:
        gx, gy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
        radius = rng.uniform(0.08, 0.2) * max(w, h)
        spot = np.exp(-(((x - gx) ** 2 + (y - gy) ** 2) / (2 * radius**2)))
        image = image + spot * (255 - image) * rng.uniform(0.4, 0.75)
    if spec.noise > 0:
        image = image + nrng.normal(0, spec.noise, image.shape).astype(np.float32)
    return image


def sample(rng: random.Random, level: str, layout: str | None = None) -> Sample:
    """A generated document photographed at ``level``, with the MRZ it shows."""
    mrz = random_mrz(rng, layout)
    # Render no finer than the photo needs: a character about 1.3 times its final height.
    px_per_mm = _LEVELS[level].char_px[1] * 1.3 / CHAR_HEIGHT_MM
    page = render_page(mrz, rng, px_per_mm)
    return Sample(degrade(page, level, rng, px_per_mm), mrz, level)
