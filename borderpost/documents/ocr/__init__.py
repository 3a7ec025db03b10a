"""Read the MRZ from a photo or scan, offline, with a classifier trained by the project.

    from borderpost.documents.ocr import read_file
    reading = read_file("passport.jpg")        # ImageReading
    reading.text, reading.confidence, reading.repaired, reading.result.valid

The pipeline: :mod:`locate` finds the band at any rotation and cuts it out upright,
:mod:`lines` and :mod:`cells` cut it into fixed-pitch cells, :mod:`model` classifies each
cell (numpy only), :mod:`repair` chooses among the candidates with the layout and the check
digits, and the documents engine checks the result. :mod:`synth` makes test images and
:mod:`train` trains the classifier.
"""

from borderpost.documents.ocr.read import (
    ImageError,
    ImageReading,
    load_image,
    read_bytes,
    read_file,
    read_image,
)
from borderpost.documents.ocr.repair import Fix

__all__ = [
    "Fix",
    "ImageError",
    "ImageReading",
    "load_image",
    "read_bytes",
    "read_file",
    "read_image",
]
