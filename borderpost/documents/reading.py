"""From text as typed, pasted or read by OCR to MRZ lines, saying what was cleaned."""

from __future__ import annotations

import re

from borderpost.documents.findings import Finding, finding

# One-line renderings of whole MRZs (a DG1 dump, a scanner that drops line breaks).
_SINGLE_LINE_SPLITS = {90: (3, 30), 88: (2, 44), 72: (2, 36)}
_SPACE = re.compile(r"[ \t\r\x0b\x0c]")


def read_lines(text: str) -> tuple[list[str], list[Finding]]:
    """Split ``text`` into candidate MRZ lines and report every cleaning step."""
    findings: list[Finding] = []
    if text.isascii() and _SPACE.search(text) is None:
        # The common case, typed or read cleanly: only line breaks to deal with.
        kept = text.split("\n")
        while kept and not kept[-1]:
            kept.pop()
        while kept and not kept[0]:
            kept.pop(0)
        if "" in kept:
            findings.append(_whitespace())
            kept = [line for line in kept if line]
    else:
        raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        lines = [line.strip() for line in raw_lines]
        kept = [line for line in lines if line]
        trimmed = any(raw != raw.strip() for raw in raw_lines if raw.strip())
        content = [i for i, line in enumerate(lines) if line]
        blank_inside = bool(content) and content[-1] - content[0] + 1 != len(content)
        if trimmed or blank_inside:
            findings.append(_whitespace())
    if text != text.upper():
        findings.append(finding("lowercase", None, "lower-case letters were read as upper case"))
        kept = [line.upper() for line in kept]
    if len(kept) == 1 and len(kept[0]) in _SINGLE_LINE_SPLITS:
        count, length = _SINGLE_LINE_SPLITS[len(kept[0])]
        single = kept[0]
        kept = [single[i * length : (i + 1) * length] for i in range(count)]
        findings.append(
            finding(
                "single_line_split",
                None,
                f"one line of {len(single)} characters was read as {count} lines of {length}",
            )
        )
    return kept, findings


def _whitespace() -> Finding:
    return finding(
        "whitespace_removed",
        None,
        "spaces or blank lines around the MRZ lines were removed before reading",
    )
