"""Shared fixtures for the image reader's tests: generated documents with a known MRZ."""

from __future__ import annotations

import random

import pytest

from borderpost.documents.ocr import synth


@pytest.fixture(scope="session")
def td3_photo() -> synth.Sample:
    """A TD3 passport page photographed with moderate degradation."""
    return synth.sample(random.Random(11), "moderate", "TD3")


@pytest.fixture(scope="session")
def td1_scan() -> synth.Sample:
    """A TD1 card scanned with mild degradation."""
    return synth.sample(random.Random(12), "mild", "TD1")
