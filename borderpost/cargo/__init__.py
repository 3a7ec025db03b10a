"""Cargo targeting records: manifests received (CUSCAR or CSV) with every container assessed
by the risk indicators, random control draws, examination results and the hit-rate
comparison of targeted against random examination. Every action is audited; the caller owns
the transaction."""

from borderpost.cargo.examinations import (
    draw_controls,
    examination_statistics,
    record_examination,
)
from borderpost.cargo.intake import read_manifest_file, receive_manifest
from borderpost.cargo.views import manifest_view, manifests

__all__ = [
    "draw_controls",
    "examination_statistics",
    "manifest_view",
    "manifests",
    "read_manifest_file",
    "receive_manifest",
    "record_examination",
]
