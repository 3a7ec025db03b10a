"""Trader names reduced to a key, so that ``"ACME Trading Co., Ltd."`` and ``"Acme Trading"``
are the same consignee in the history and in seizure records."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["party_key"]

_LEGAL = {
    "co",
    "company",
    "ltd",
    "limited",
    "llc",
    "inc",
    "corp",
    "corporation",
    "sa",
    "sarl",
    "sas",
    "gmbh",
    "ag",
    "bv",
    "nv",
    "plc",
    "pte",
    "pvt",
    "srl",
    "spa",
    "lda",
    "cia",
    "and",
    "the",
    "intl",
    "international",
    "enterprise",
    "enterprises",
}


def party_key(name: str) -> str:
    """Lower case, accents and punctuation removed, legal forms dropped, words kept in order
    (``""`` when nothing is left)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    words = re.findall(r"[0-9a-z\u0080-\uffff]+", text.replace("&", " "))
    return " ".join(w for w in words if w not in _LEGAL)
