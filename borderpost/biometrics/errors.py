"""Named errors for biometric input: every bad image or record says what is wrong."""

from __future__ import annotations

__all__ = ["BiometricFormatError"]


class BiometricFormatError(ValueError):
    """Bytes that are not a usable biometric image or record.

    ``code`` is stable (``dg2_malformed``, ``face_record_malformed``, ``image_undecodable``,
    ``image_too_large``, ``image_empty``); ``message`` says in words what is wrong.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
