"""Finger positions as ISO/IEC 19794-2 and ANSI/NIST-ITL code them (1-10; 0 unknown)."""

from __future__ import annotations

__all__ = ["FINGERS", "check_finger", "finger_name"]

#: Code -> the finger's name, as officers read it.
FINGERS: dict[int, str] = {
    1: "right thumb",
    2: "right index",
    3: "right middle",
    4: "right ring",
    5: "right little",
    6: "left thumb",
    7: "left index",
    8: "left middle",
    9: "left ring",
    10: "left little",
}


def finger_name(code: int) -> str:
    """``right index`` for 2; ``unknown finger`` for 0 or a code outside 1-10."""
    return FINGERS.get(code, "unknown finger")


def check_finger(code: int) -> str | None:
    """None for a finger code of 1-10, else what is wrong with it."""
    if code not in FINGERS:
        return (
            f"finger {code} is not a finger position: use 1-10 (1 right thumb ... 10 left little)"
        )
    return None
