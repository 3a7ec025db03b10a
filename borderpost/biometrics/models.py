"""The face models: dlib's HOG detector, the 5-point landmark model and the CC0 ResNet.

The two model files come from the ``face_recognition_models`` package (CC0) and are loaded by
path. The 68-point landmark model in the same package is never loaded: its training data's
licence forbids commercial use.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dlib
import face_recognition_models

__all__ = ["FaceModels", "load_models"]

_MODELS_DIR = Path(face_recognition_models.__file__).parent / "models"
LANDMARKS_FILE = _MODELS_DIR / "shape_predictor_5_face_landmarks.dat"
RESNET_FILE = _MODELS_DIR / "dlib_face_recognition_resnet_model_v1.dat"


@dataclass(frozen=True, slots=True)
class FaceModels:
    detector: Any  # dlib.fhog_object_detector
    landmarks: Any  # dlib.shape_predictor (5 points)
    encoder: Any  # dlib.face_recognition_model_v1


_lock = threading.Lock()
_loaded: FaceModels | None = None


def load_models() -> FaceModels:
    """The models, loaded once per process (about 0.5 s; the files total ~30 MB)."""
    global _loaded
    with _lock:
        if _loaded is None:
            for path in (LANDMARKS_FILE, RESNET_FILE):
                if not path.is_file():
                    raise RuntimeError(
                        f"face model file {path} is missing: reinstall face_recognition_models"
                    )
            _loaded = FaceModels(
                detector=dlib.get_frontal_face_detector(),
                landmarks=dlib.shape_predictor(str(LANDMARKS_FILE)),
                encoder=dlib.face_recognition_model_v1(str(RESNET_FILE)),
            )
        return _loaded
