"""Fingerprints end to end on synthetic fingers: extraction, quality, 1:1 and 1:N."""

from __future__ import annotations

import numpy as np
import pytest

from borderpost.biometrics import BiometricFormatError
from borderpost.biometrics.fingerprint import (
    DEFAULT_FINGER_THRESHOLD,
    FingerAnalysis,
    FingerGallery,
    analyse_finger,
    analyse_finger_image,
    compare_records,
    decode_raw,
    encode_fmr,
    parse_fmr,
    verify_fingers,
)
from borderpost.sim.fingerprints import Capture
from tests.biometrics.fingers import analysed, finger_image, png

FINGERS = (1, 2, 3, 4)


def test_a_clean_capture_gives_a_template_with_reasons() -> None:
    analysis = analysed(1, 0)
    assert analysis.usable and analysis.record is not None and analysis.quality is not None
    assert 15 <= len(analysis.minutiae) <= 150
    assert analysis.quality.acceptable, analysis.quality.problems
    assert "NFIQ2-style, not certified" in analysis.reason
    assert analysis.quality.to_dict()["scale"] == "NFIQ2-style, not certified"
    for minutia in analysis.minutiae:
        assert 0 <= minutia.x < 336 and 0 <= minutia.y < 416
        assert 0 <= minutia.angle < 360 and 1 <= minutia.quality <= 100
    assert {m.kind.value for m in analysis.minutiae} == {"ending", "bifurcation"}


@pytest.mark.parametrize("seed", FINGERS)
def test_impressions_of_one_finger_match(seed: int) -> None:
    first, second = analysed(seed, 0), analysed(seed, 1)
    result = verify_fingers(first, second)
    assert result.outcome == "match", result.reason
    assert result.score is not None and result.score >= 2 * DEFAULT_FINGER_THRESHOLD
    assert "same finger" in result.reason


def test_a_hard_impression_still_matches() -> None:
    hard = Capture(rotation=20.0, shift=(-25.0, 18.0), crop=0.3, pressure=0.7, noise=18.0)
    analysis = analyse_finger_image(finger_image(2, 7, hard))
    result = verify_fingers(analysis, analysed(2, 0))
    assert result.outcome == "match", result.reason


def test_different_fingers_do_not_match() -> None:
    for index, seed in enumerate(FINGERS):
        for other in FINGERS[index + 1 :]:
            result = verify_fingers(analysed(seed, 0), analysed(other, 1))
            assert result.outcome == "no_match", result.reason
            assert result.score is not None and result.score < DEFAULT_FINGER_THRESHOLD
            assert "different fingers" in result.reason


@pytest.mark.parametrize(
    "image",
    [
        np.full((416, 336), 235, dtype=np.uint8),
        np.random.default_rng(5).integers(0, 256, (416, 336)).astype(np.uint8),
    ],
    ids=["blank", "noise"],
)
def test_no_ridges_gives_a_clear_result(image: np.ndarray) -> None:
    analysis = analyse_finger_image(image)
    assert analysis.record is None and not analysis.usable
    assert analysis.reason.startswith("no usable ridges")
    result = verify_fingers(analysis, analysed(1, 0))
    assert result.outcome == "inconclusive" and "no usable ridges" in result.reason


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "image_empty"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image_undecodable"),
        (b"not an image at all", "image_undecodable"),
        (b"\xff\xa0\xff\xa8" + b"\x00" * 40, "image_unsupported"),
    ],
)
def test_bad_bytes_are_named_errors(data: bytes, code: str) -> None:
    with pytest.raises(BiometricFormatError) as caught:
        analyse_finger(data, "probe.png")
    assert caught.value.code == code
    assert "probe.png" in caught.value.message


def test_png_and_raw_scans_give_the_same_template() -> None:
    image = finger_image(3, 0)
    from_png = analyse_finger(png(image))
    from_raw = analyse_finger_image(decode_raw(image.tobytes(), 336, 416))
    assert from_png.record == from_raw.record == analysed(3, 0).record
    with pytest.raises(BiometricFormatError, match="139776 bytes"):
        decode_raw(image.tobytes()[:-1], 336, 416)


def test_a_stored_template_compares_like_the_capture() -> None:
    live, reference = analysed(4, 0), analysed(4, 1)
    assert live.record is not None and reference.record is not None
    stored = parse_fmr(encode_fmr(reference.record))
    assert stored == reference.record
    from_file = FingerAnalysis.from_record(stored, "reference.fmr")
    assert verify_fingers(live, from_file).score == compare_records(live.record, stored)


def test_quality_reports_a_small_print() -> None:
    tiny = Capture(rotation=0.0, shift=(0.0, 0.0), crop=0.9, pressure=0.0, noise=6.0)
    analysis = analyse_finger_image(finger_image(1, 3, tiny))
    assert analysis.quality is not None and analysis.quality.problems
    assert not analysis.usable or not analysis.quality.acceptable


def test_gallery_ranks_the_right_finger_first() -> None:
    records = {f"finger-{seed}": analysed(seed, 0).record for seed in FINGERS}
    gallery = FingerGallery(list(records), [r for r in records.values() if r is not None])
    probe = analysed(3, 2).record
    assert probe is not None
    candidates = gallery.search(probe)
    assert [c.key for c in candidates] == ["finger-3"]
    assert candidates[0].rank == 1 and "examiner" in candidates[0].reason
    reference = records["finger-3"]
    assert reference is not None
    assert candidates[0].score == compare_records(probe, reference)
    with pytest.raises(ValueError, match="positive"):
        gallery.search(probe, threshold=0)
