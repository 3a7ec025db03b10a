"""Names as lists write them, split into the names they contain.

Lists pack several names into one field: ``"أبو بكر البغدادي (Abu Bakr al-Baghdadi; Abu Bakr
al-Husayni)"``, ``"Ali Hassan (a.k.a. Abu Ali)"``. Each is screened on its own.
"""

from __future__ import annotations

import re

_PARENS = re.compile(r"\(([^()]*)\)")
_LABELS = re.compile(r"^\s*(?:a\.?k\.?a\.?|f\.?k\.?a\.?|n\.?k\.?a\.?|also|alias|or)[:\s]+", re.I)
_MIN_LETTERS = 2


def name_variants(name: str) -> list[str]:
    """The name itself and every name packed inside it (in brackets, split by ';' or '/').

    >>> name_variants("أبو بكر (Abu Bakr; Abu Bakr al-Baghdadi)")
    ['أبو بكر (Abu Bakr; Abu Bakr al-Baghdadi)', 'أبو بكر', 'Abu Bakr', 'Abu Bakr al-Baghdadi']
    """
    variants = [name]
    inside = _PARENS.findall(name)
    if inside:
        outside = _PARENS.sub(" ", name).strip(" ,;")
        variants.append(outside)
        for group in inside:
            variants.extend(re.split(r"[;/]", group))
    elif ";" in name:
        variants.extend(name.split(";"))
    cleaned: dict[str, None] = {}
    for variant in variants:
        text = _LABELS.sub("", " ".join(variant.split())).strip(" ,;")
        if sum(ch.isalpha() for ch in text) >= _MIN_LETTERS:
            cleaned.setdefault(text, None)
    return list(cleaned)
