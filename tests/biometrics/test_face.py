"""Faces on public-domain photographs: same face verifies, different faces do not."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderpost.biometrics import (
    BiometricFormatError,
    FaceAnalysis,
    Gallery,
    analyse_face,
    analyse_image,
    build_dg2,
    compare_with_dg2,
    decode_image,
    verify,
)
from tests.biometrics.portraits import (
    astronaut,
    coffee,
    encode,
    grace_hopper_bytes,
    variations,
)


@pytest.fixture(scope="module")
def collins() -> FaceAnalysis:
    return analyse_image(astronaut())


@pytest.fixture(scope="module")
def hopper() -> FaceAnalysis:
    return analyse_face(grace_hopper_bytes())


def test_one_face_found_with_acceptable_quality(collins: FaceAnalysis) -> None:
    assert collins.faces_found == 1
    assert collins.template is not None and collins.template.shape == (128,)
    assert collins.quality is not None and collins.quality.acceptable
    assert 35 < collins.quality.inter_eye_px < 60
    assert "one face found" in collins.reason


@pytest.mark.parametrize("name", list(variations(astronaut())))
def test_variations_of_the_same_face_verify(collins: FaceAnalysis, name: str) -> None:
    varied = analyse_face(variations(astronaut())[name], name)
    result = verify(varied, collins, probe_name=name, reference_name="the original")
    assert result.outcome == "match", result.reason
    assert result.distance is not None and result.distance < 0.45
    assert "same person" in result.reason


def test_different_people_do_not_verify(collins: FaceAnalysis, hopper: FaceAnalysis) -> None:
    result = verify(hopper, collins)
    assert result.outcome == "no_match", result.reason
    assert "officer" in result.reason
    assert result.to_dict()["advice"].startswith("a candidate")


def test_threshold_is_configurable(collins: FaceAnalysis, hopper: FaceAnalysis) -> None:
    assert verify(hopper, collins, threshold=0.9).outcome == "match"


def test_image_without_a_face_says_no_face() -> None:
    analysis = analyse_face(encode(coffee()), "the coffee")
    assert analysis.faces_found == 0 and analysis.template is None
    assert analysis.reason.startswith("no face found")
    result = verify(analysis, analysis)
    assert result.outcome == "inconclusive" and "no face found" in result.reason


def test_blurred_or_dark_faces_are_reported_with_reasons() -> None:
    from PIL import Image, ImageEnhance, ImageFilter

    pil = Image.fromarray(astronaut())
    blurred = analyse_image(np.asarray(pil.filter(ImageFilter.GaussianBlur(2.5))))
    assert blurred.quality is not None and not blurred.quality.acceptable
    assert "blurred" in " ".join(blurred.quality.problems) and "blurred" in blurred.reason
    dark = analyse_image(np.asarray(ImageEnhance.Brightness(pil).enhance(0.28)))
    assert dark.quality is not None
    assert "too dark" in " ".join(dark.quality.problems)


def test_gallery_ranks_the_right_face_first(collins: FaceAnalysis, hopper: FaceAnalysis) -> None:
    rng = np.random.default_rng(15)
    noise = rng.normal(size=(500, 128))
    noise /= np.linalg.norm(noise, axis=1, keepdims=True)
    assert collins.template is not None and hopper.template is not None
    templates = np.vstack([noise, collins.template, hopper.template])
    keys = [f"random-{i}" for i in range(500)] + ["lookout-collins", "lookout-hopper"]
    gallery = Gallery(keys, templates)
    probe = analyse_face(variations(astronaut())["JPEG quality 30"])
    assert probe.template is not None
    candidates = gallery.search(probe.template)
    assert [c.key for c in candidates] == ["lookout-collins"]
    assert candidates[0].rank == 1 and "officer to confirm" in candidates[0].reason
    assert [c.key for c in gallery.search(probe.template, threshold=0.9)][:2] == [
        "lookout-collins",
        "lookout-hopper",
    ]
    assert Gallery([], np.zeros((0, 128))).search(probe.template) == []


def test_live_capture_against_chip_portrait() -> None:
    dg2 = build_dg2(
        encode(astronaut(), "JPEG2000", quality_mode="rates", quality_layers=[20]),
        image_format="jpeg2000",
        width=512,
        height=512,
    )
    impostor = compare_with_dg2(grace_hopper_bytes(), dg2)
    assert impostor["outcome"] == "no_match" and impostor["errors"] == []
    genuine = compare_with_dg2(variations(astronaut())["rotated 6 degrees"], dg2)
    assert genuine["outcome"] == "match"
    broken = compare_with_dg2(b"\xff\xd8\xff garbage", dg2[:40])
    assert broken["outcome"] == "inconclusive"
    assert {e["code"] for e in broken["errors"]} == {"image_undecodable", "dg2_malformed"}


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "image_empty"),
        (b"not an image at all", "image_undecodable"),
        (encode(astronaut())[:2000], "image_undecodable"),
        (encode(astronaut(), "PNG")[:5000], "image_undecodable"),
    ],
)
def test_corrupt_images_give_error_findings(data: bytes, code: str) -> None:
    with pytest.raises(BiometricFormatError) as caught:
        decode_image(data, "the live capture")
    assert caught.value.code == code
    assert caught.value.message.startswith("the live capture")


JPEG_HEAD = encode(astronaut()[:48, :48])


@settings(max_examples=100, deadline=None)
@given(st.integers(0, len(JPEG_HEAD) - 1), st.binary(min_size=1, max_size=8))
def test_damaged_jpegs_decode_or_raise_named_errors(position: int, junk: bytes) -> None:
    data = JPEG_HEAD[:position] + junk + JPEG_HEAD[position + len(junk) :]
    try:
        image = decode_image(data)
    except BiometricFormatError as exc:
        assert exc.code in {"image_undecodable", "image_too_large"}
    else:
        assert image.ndim == 3 and image.shape[2] == 3
