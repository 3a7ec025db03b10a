"""Stored face templates: 512 bytes each, back as numbers; malformed rows are named."""

from __future__ import annotations

import numpy as np
import pytest

from borderpost.biometrics import BiometricFormatError, template_from_bytes, template_to_bytes
from borderpost.biometrics.templates import templates_from_bytes


def test_round_trip_and_matrix() -> None:
    rng = np.random.default_rng(1)
    vectors = rng.normal(size=(3, 128))
    stored = [template_to_bytes(v) for v in vectors]
    assert all(len(data) == 512 for data in stored)
    assert np.allclose(template_from_bytes(stored[1]), vectors[1], atol=1e-6)
    matrix = templates_from_bytes(stored)
    assert matrix.shape == (3, 128) and np.allclose(matrix, vectors, atol=1e-6)
    assert templates_from_bytes([]).shape == (0, 128)


def test_malformed_templates_are_named() -> None:
    good = template_to_bytes(np.zeros(128))
    with pytest.raises(BiometricFormatError, match="this one 511"):
        template_from_bytes(good[:-1])
    with pytest.raises(BiometricFormatError, match="template 1 has 3 bytes"):
        templates_from_bytes([good, b"abc"])
    nan = np.full(128, np.nan, dtype="<f4").tobytes()
    with pytest.raises(BiometricFormatError, match="template 2 holds a number that is not"):
        templates_from_bytes([good, good, nan])
    with pytest.raises(ValueError, match="128 numbers"):
        template_to_bytes(np.zeros(5))
