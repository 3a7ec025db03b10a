"""Chinese characters into Hanyu Pinyin, with family-name handling.

Readings come from ``pypinyin`` (MIT), which resolves most polyphonic characters from
phrases. A Chinese name written as one run of 2-4 characters is split into family name and
given name, the family name read as a surname (``data/han_surnames.tsv``: 单 SHAN, 曾 ZENG,
区 OU), the given name written as one word: ``习近平`` gives ``XI JINPING``, as a passport
would print it. Other runs (transliterated foreign names, ``弗拉基米尔``) become one word.
Japanese kanji get their Chinese reading: no Japanese reading dictionary is shipped.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

from pypinyin import Style, lazy_pinyin

_MAX_NAME = 4


@cache
def _surnames() -> dict[str, str]:
    raw = resources.files("borderpost.names").joinpath("data/han_surnames.tsv").read_text("utf-8")
    table: dict[str, str] = {}
    for line in raw.splitlines():
        if line and not line.startswith("#"):
            han, reading = line.split("\t")
            table.setdefault(han, reading)
    return table


def _read(text: str) -> str:
    return "".join(lazy_pinyin(text, style=Style.NORMAL, errors="default"))


def split_family_name(run: str) -> tuple[str, str] | None:
    """The (family name, given name) split of a Chinese name written as one run.

    Args:
        run: a run of Han characters with no separator, e.g. ``"习近平"``.

    Returns:
        ``("习", "近平")``, or None when the run is not 2-4 characters long or does not start
        with a listed family name.
    """
    if not 2 <= len(run) <= _MAX_NAME:
        return None
    surnames = _surnames()
    for size in (2, 1):
        if len(run) > size and run[:size] in surnames:
            return run[:size], run[size:]
    return None


@lru_cache(maxsize=8192)
def han_to_latin(run: str) -> str:
    """Romanise a run of Han characters in Hanyu Pinyin (no tones).

    Args:
        run: Han characters only, e.g. ``"习近平"`` or ``"普京"``.

    Returns:
        Upper-case Latin, e.g. ``"XI JINPING"`` (family name split off) or ``"PUJING"``.
    """
    split = split_family_name(run)
    if split is None:
        return _read(run).upper()
    family, given = split
    return f"{_surnames()[family]} {_read(given)}".upper()
