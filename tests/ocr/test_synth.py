"""The synthetic documents: repeatable, correct MRZs, images of the promised kind."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest

from borderpost.documents import parse
from borderpost.documents.ocr import synth


@pytest.mark.parametrize("layout", ["TD1", "TD2", "TD3"])
def test_generated_mrzs_are_correct(layout: str) -> None:
    rng = random.Random(5)
    for _ in range(20):
        text = synth.random_mrz(rng, layout)
        result = parse(text, at=dt.date(2026, 11, 29))
        assert result.type == layout
        assert all(result.checks.values()), text


def test_the_same_seed_gives_the_same_image() -> None:
    a = synth.sample(random.Random(3), "severe")
    b = synth.sample(random.Random(3), "severe")
    assert a.mrz == b.mrz
    assert np.array_equal(a.image, b.image)


def test_levels_make_colour_photos() -> None:
    for level in synth.LEVELS:
        shot = synth.sample(random.Random(4), level, "TD2")
        assert shot.image.ndim == 3 and shot.image.shape[2] == 3
        assert min(shot.image.shape[:2]) > 200


def test_an_unknown_level_is_refused() -> None:
    with pytest.raises(KeyError):
        synth.sample(random.Random(1), "terrible")
