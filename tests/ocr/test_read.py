"""The image reader end to end on generated documents, and on every kind of bad file."""

from __future__ import annotations

import datetime as dt
import io
import random
from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray
from PIL import Image

from borderpost.documents.ocr import (
    ImageError,
    load_image,
    read_bytes,
    read_file,
    read_image,
    synth,
)

AT = dt.date(2026, 11, 29)


def _encode(image: NDArray[np.uint8], fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(cv2.cvtColor(image, cv2.COLOR_BGR2RGB)).save(buffer, format=fmt)
    return buffer.getvalue()


def test_a_moderate_photo_of_a_passport_is_read_exactly(td3_photo: synth.Sample) -> None:
    reading = read_image(td3_photo.image, at=AT)
    assert reading.text == td3_photo.mrz
    assert reading.result.type == "TD3"
    assert all(reading.result.checks.values())
    assert 0.5 < reading.confidence <= 1.0
    assert [len(line) for line in reading.char_confidence] == [44, 44]


def test_a_card_scan_is_read_exactly(td1_scan: synth.Sample) -> None:
    reading = read_image(td1_scan.image, at=AT)
    assert reading.text == td1_scan.mrz
    assert reading.result.type == "TD1"


@pytest.mark.parametrize("fmt", ["PNG", "TIFF", "JPEG2000", "PDF", "BMP"])
def test_every_input_format_is_read(td1_scan: synth.Sample, fmt: str) -> None:
    reading = read_bytes(_encode(td1_scan.image, fmt), at=AT)
    assert reading.text == td1_scan.mrz, fmt


@pytest.mark.parametrize("turn", [cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180])
def test_a_page_turned_a_quarter_or_upside_down_is_read(td1_scan: synth.Sample, turn: int) -> None:
    turned = np.asarray(cv2.rotate(td1_scan.image, turn), dtype=np.uint8)
    assert read_image(turned, at=AT).text == td1_scan.mrz


def test_json_has_the_check_fields_and_the_reader_s(td1_scan: synth.Sample) -> None:
    data = read_image(td1_scan.image, at=AT).to_dict()
    assert {"type", "surname", "checks", "valid", "findings", "raw"} <= set(data)
    assert data["mrz"] == td1_scan.mrz
    assert isinstance(data["confidence"], float)
    assert isinstance(data["repaired"], list)


def test_a_page_without_an_mrz_is_a_finding() -> None:
    page = np.full((600, 800), 230, np.uint8)
    reading = read_image(page, at=AT)
    assert reading.text is None and reading.confidence == 0.0
    assert [f.code for f in reading.result.findings] == ["mrz_not_found"]
    assert reading.to_dict()["mrz"] is None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"hello world", "not an image"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "not an image"),
        (b"%PDF-1.4 broken", "not a PDF"),
    ],
)
def test_undecodable_bytes_are_an_error_finding(data: bytes, reason: str) -> None:
    with pytest.raises(ImageError, match=reason):
        load_image(data)
    reading = read_bytes(data, at=AT)
    assert reading.text is None
    assert reading.result.findings[0].code == "image_unreadable"


def test_a_truncated_jpeg_is_read_or_refused_never_a_crash(td1_scan: synth.Sample) -> None:
    data = _encode(td1_scan.image, "JPEG")
    for cut in (100, len(data) // 3, len(data) - 10):
        read_bytes(data[:cut], at=AT)


def test_a_missing_file_is_an_error_finding(tmp_path: Path) -> None:
    reading = read_file(tmp_path / "nope.jpg", at=AT)
    assert reading.result.findings[0].code == "image_unreadable"
    assert "nope.jpg" in reading.result.findings[0].message


def test_a_huge_image_is_refused() -> None:
    header = io.BytesIO()
    Image.new("L", (9000, 9000), 255).save(header, format="PNG")
    with pytest.raises(ImageError, match="more than"):
        load_image(header.getvalue())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_reading_never_an_exception(data: bytes) -> None:
    reading = read_bytes(data, at=AT)
    assert reading.text is None or isinstance(reading.text, str)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_random_noise_images_never_crash(seed: int) -> None:
    rng = np.random.default_rng(seed)
    shape = (int(rng.integers(16, 300)), int(rng.integers(16, 300)))
    image = rng.integers(0, 256, shape, dtype=np.uint8)
    read_image(image, at=AT)


@pytest.mark.slow
@pytest.mark.parametrize("level", ["none", "mild", "moderate"])
def test_generated_documents_are_read_exactly(level: str) -> None:
    rng = random.Random(f"test-{level}")
    shots = [synth.sample(rng, level) for _ in range(12)]
    exact = sum(read_image(shot.image, at=AT).text == shot.mrz for shot in shots)
    assert exact >= 11, f"{exact}/12 at {level}"
