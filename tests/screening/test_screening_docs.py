"""The README documents every screening feature with its current weight."""

from __future__ import annotations

from pathlib import Path

from borderpost.screening.features import FEATURES

README = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")


def test_every_feature_and_weight_is_documented() -> None:
    for feature in FEATURES:
        assert f"| `{feature.name}` | {feature.weight:+.2f} |" in README, feature.name
