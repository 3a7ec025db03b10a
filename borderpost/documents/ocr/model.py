"""The character classifier: a small multi-layer perceptron run with numpy alone.

Its weights (``data/ocrb_mlp.npz``, float16) were trained by :mod:`borderpost.documents.ocr.train`
on OCR-B cells rendered with degradations; ``data/ocrb_mlp.json`` holds the recipe and the
held-out metrics of that run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
from numpy.typing import NDArray
from threadpoolctl import ThreadpoolController

__all__ = ["ALPHABET", "Classifier", "classifier", "recipe"]

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
MODEL_FILE = "data/ocrb_mlp.npz"
RECIPE_FILE = "data/ocrb_mlp.json"


@dataclass(frozen=True, slots=True)
class Classifier:
    """Weights and biases of each layer; ReLU between layers, softmax at the end."""

    layers: tuple[tuple[NDArray[np.float32], NDArray[np.float32]], ...]

    def probabilities(self, cells: NDArray[np.float32]) -> NDArray[np.float32]:
        """Class probabilities (rows of ``len(ALPHABET)``) for cells of shape (n, H, W).

        The products are small (a hundred cells): one BLAS thread does them in a millisecond
        or two, where several threads on a busy machine wait on each other for far longer.
        """
        x = cells.reshape(len(cells), -1).astype(np.float32)
        with _blas().limit(limits=1, user_api="blas"):
            for index, (weights, bias) in enumerate(self.layers):
                x = x @ weights + bias
                if index < len(self.layers) - 1:
                    np.maximum(x, 0.0, out=x)
        x -= x.max(axis=1, keepdims=True)
        np.exp(x, out=x)
        x /= x.sum(axis=1, keepdims=True)
        return x

    def to_arrays(self) -> dict[str, NDArray[np.float16]]:
        arrays: dict[str, NDArray[np.float16]] = {}
        for index, (weights, bias) in enumerate(self.layers):
            arrays[f"w{index}"] = weights.astype(np.float16)
            arrays[f"b{index}"] = bias.astype(np.float16)
        return arrays

    @classmethod
    def from_arrays(cls, arrays: Any) -> Classifier:
        count = len([name for name in arrays if str(name).startswith("w")])
        return cls(
            tuple(
                (
                    np.asarray(arrays[f"w{i}"], dtype=np.float32),
                    np.asarray(arrays[f"b{i}"], dtype=np.float32),
                )
                for i in range(count)
            )
        )


@cache
def _blas() -> ThreadpoolController:
    return ThreadpoolController()


@cache
def classifier() -> Classifier:
    """The shipped classifier (loaded once)."""
    source = resources.files("borderpost.documents.ocr").joinpath(MODEL_FILE)
    with resources.as_file(source) as path, np.load(path) as arrays:
        return Classifier.from_arrays({name: arrays[name] for name in arrays.files})


def recipe() -> dict[str, Any]:
    """How the shipped classifier was trained, and its held-out metrics."""
    source = resources.files("borderpost.documents.ocr").joinpath(RECIPE_FILE)
    loaded: dict[str, Any] = json.loads(source.read_text("utf-8"))
    return loaded
