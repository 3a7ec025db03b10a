"""Train the OCR-B cell classifier: ``python -m borderpost.documents.ocr.train``.

``make ocr-model`` runs it.

Deterministic (fixed seeds, one thread of numpy work at a time) and numpy only. MRZ bands of
real-looking and random lines are rendered in OCR-B over guilloche, degraded (residual skew,
keystone, blur, low resolution, noise, uneven light, print wear, JPEG), cut into cells by the
same code the reader uses, and a small perceptron learns the 37 symbols. The weights go to
``data/ocrb_mlp.npz`` and the recipe with held-out metrics to ``data/ocrb_mlp.json``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import time
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from numpy.typing import NDArray

from borderpost.documents.ocr import synth
from borderpost.documents.ocr.cells import Floats
from borderpost.documents.ocr.lines import geometries
from borderpost.documents.ocr.model import ALPHABET, MODEL_FILE, RECIPE_FILE, Classifier

HERE = Path(__file__).resolve().parent
RECIPE: dict[str, Any] = {
    "seed": 20261129,
    "bands": 1200,
    "held_out_bands": 300,
    "hidden": [256, 128],
    "epochs": 8,
    "batch": 256,
    "learning_rate": 0.002,
    "weight_decay": 1e-5,
}


def _text(rng: random.Random, lines: int, length: int) -> list[str]:
    if rng.random() < 0.5:
        layout = {(2, 44): "TD3", (2, 36): "TD2", (3, 30): "TD1"}[(lines, length)]
        return synth.random_mrz(rng, layout).split("\n")
    fill = rng.uniform(0.0, 0.4)
    return [
        "".join("<" if rng.random() < fill else rng.choice(ALPHABET) for _ in range(length))
        for _ in range(lines)
    ]


def training_band(rng: random.Random) -> tuple[NDArray[np.uint8], list[str]]:
    """A degraded MRZ band (upright, as the locator cuts it) and its lines."""
    lines, length = rng.choice(((2, 44), (2, 44), (2, 36), (3, 30)))
    text = _text(rng, lines, length)
    px_per_mm = rng.uniform(5.5, 12.0)
    band = synth.render_lines(text, px_per_mm, rng, wear=rng.choice((0.0, 0.0, 0.004, 0.01)))
    h, w = band.shape
    back = synth._guilloche(w, h, rng).astype(np.float32)
    image = np.minimum(back, band.astype(np.float32) + rng.uniform(0, 40))
    nrng = np.random.default_rng(rng.randrange(2**32))
    # residual skew and keystone the locator leaves
    source = np.array([[0, 0], [w, 0], [w, h], [0, h]], dtype=np.float32)
    spread = np.array([w * 0.012, h * 0.06], dtype=np.float32)
    target = source + nrng.uniform(-1, 1, (4, 2)).astype(np.float32) * spread
    angle = np.deg2rad(rng.uniform(-1.5, 1.5))
    rot = np.array(
        [[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]], dtype=np.float32
    )
    middle = np.array([w / 2, h / 2], dtype=np.float32)
    target = np.asarray((target - middle) @ rot.T + middle, dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(source, target)
    image = cv2.warpPerspective(image, matrix, (w, h), borderMode=cv2.BORDER_REPLICATE)
    sigma = rng.uniform(0, 1.6)
    if sigma > 0.1:
        image = cv2.GaussianBlur(image, (0, 0), sigma)
    low = rng.uniform(0.5, 1.0)  # camera resolution below the print's
    if low < 0.95:
        small = cv2.resize(image, None, fx=low, fy=low, interpolation=cv2.INTER_AREA)
        image = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    ramp = (x / w - 0.5) * rng.uniform(-1, 1) + (y / h - 0.5) * rng.uniform(-1, 1)
    image = image * (1 - rng.uniform(0, 0.45) * (ramp + 0.5))
    if rng.random() < 0.3:
        cx, cy, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.1, 0.4) * w
        spot = np.exp(-((x - cx) ** 2 + (y - cy) ** 2) / (2 * r * r))
        image = image + spot * (255 - image) * rng.uniform(0.2, 0.6)
    image = image + nrng.normal(0, rng.uniform(0, 12), image.shape)
    gray = np.clip(image, 0, 255).astype(np.uint8)
    ok, encoded = cv2.imencode(".jpg", gray, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(30, 95)])
    decoded = cv2.imdecode(encoded, cv2.IMREAD_GRAYSCALE) if ok else gray
    return np.asarray(decoded, dtype=np.uint8), text


def dataset(rng: random.Random, bands: int) -> tuple[Floats, NDArray[np.int64]]:
    """Cells and their labels from ``bands`` training bands (cut as the reader cuts them)."""
    cells: list[Floats] = []
    labels: list[int] = []
    for done in range(bands):
        if done % 200 == 0:
            print(f"bands {done}/{bands}", flush=True)
        band, text = training_band(rng)
        found = geometries(band, length=len(text[0]))
        if not found or found[0].lines != len(text):
            continue
        cells.append(found[0].cells)
        labels.extend(ALPHABET.index(char) for line in text for char in line)
    return np.concatenate(cells), np.asarray(labels, dtype=np.int64)


def _init(nrng: np.random.Generator, sizes: list[int]) -> list[list[Floats]]:
    params = []
    for a, b in itertools.pairwise(sizes):
        weights = nrng.normal(0, np.sqrt(2.0 / a), (a, b)).astype(np.float32)
        params.append([weights, np.zeros(b, np.float32)])
    return params


def fit(
    x: Floats, y: NDArray[np.int64], recipe: dict[str, Any], nrng: np.random.Generator
) -> Classifier:
    """Mini-batch Adam on cross-entropy, with random one-pixel shifts as augmentation."""
    x = x.reshape(len(x), -1)
    sizes = [x.shape[1], *recipe["hidden"], len(ALPHABET)]
    params = _init(nrng, sizes)
    moments = [[np.zeros_like(p) for p in layer] for layer in params]
    squares = [[np.zeros_like(p) for p in layer] for layer in params]
    step, lr, decay = 0, float(recipe["learning_rate"]), float(recipe["weight_decay"])
    batch = int(recipe["batch"])
    epochs = int(recipe["epochs"])
    for epoch in range(epochs):
        rate = lr * 0.5 * (1 + np.cos(np.pi * epoch / epochs))
        order = nrng.permutation(len(x))
        for start in range(0, len(x), batch):
            idx = order[start : start + batch]
            activations = [x[idx]]
            for i, (w, b) in enumerate(params):
                z = activations[-1] @ w + b
                activations.append(np.maximum(z, 0) if i < len(params) - 1 else z)
            logits = activations[-1]
            logits = logits - logits.max(axis=1, keepdims=True)
            probs = np.exp(logits)
            probs /= probs.sum(axis=1, keepdims=True)
            grad = probs
            grad[np.arange(len(idx)), y[idx]] -= 1
            grad /= len(idx)
            step += 1
            for i in range(len(params) - 1, -1, -1):
                w, b = params[i]
                gw = activations[i].T @ grad + decay * w
                gb = grad.sum(axis=0)
                if i > 0:
                    grad = (grad @ w.T) * (activations[i] > 0)
                for j, g in enumerate((gw, gb)):
                    moments[i][j] = 0.9 * moments[i][j] + 0.1 * g
                    squares[i][j] = 0.999 * squares[i][j] + 0.001 * g * g
                    m_hat = moments[i][j] / (1 - 0.9**step)
                    v_hat = squares[i][j] / (1 - 0.999**step)
                    params[i][j] -= (rate * m_hat / (np.sqrt(v_hat) + 1e-8)).astype(np.float32)
        print(f"epoch {epoch + 1}/{epochs} done", flush=True)
    return Classifier(tuple((w.copy(), b.copy()) for w, b in params))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bands", type=int, default=RECIPE["bands"])
    parser.add_argument("--epochs", type=int, default=RECIPE["epochs"])
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    recipe = dict(RECIPE, bands=args.bands, epochs=args.epochs)
    started = time.perf_counter()
    rng = random.Random(recipe["seed"])
    nrng = np.random.default_rng(recipe["seed"])
    x, y = dataset(rng, recipe["bands"])
    print(f"{len(x)} training cells from {recipe['bands']} bands", flush=True)
    held_x, held_y = dataset(random.Random(recipe["seed"] + 1), recipe["held_out_bands"])
    model = fit(x, y, recipe, nrng)
    # Measure what ships: the float16 weights.
    shipped = Classifier.from_arrays(model.to_arrays())
    predicted = shipped.probabilities(held_x).argmax(axis=1)
    errors = int((predicted != held_y).sum())
    metrics = {
        "training_cells": len(x),
        "held_out_cells": len(held_x),
        "held_out_cell_accuracy": round(1 - errors / len(held_y), 5),
        "held_out_errors": errors,
        "seconds": round(time.perf_counter() - started, 1),
    }
    (args.out / MODEL_FILE).parent.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, Any] = dict(shipped.to_arrays())
    np.savez_compressed(args.out / MODEL_FILE, **arrays)
    document = {
        "model": "multi-layer perceptron, ReLU, softmax over the 37 MRZ symbols",
        "input": "24x20 cell, ink 1 paper 0",
        "alphabet": ALPHABET,
        "font": "OCR-B (Debian fonts-ocr-b, public domain)",
        "trainer": "python -m borderpost.documents.ocr.train",
        "recipe": recipe,
        "metrics": metrics,
    }
    (args.out / RECIPE_FILE).write_text(json.dumps(document, indent=2) + "\n", "utf-8")
    print(json.dumps(metrics))


if __name__ == "__main__":
    main()
