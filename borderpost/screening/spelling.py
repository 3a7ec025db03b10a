"""Spelling similarity of a traveller's name with many list names at once, compiled.

Retrieval ranks its shortlist partly by how alike the spellings are: the normalised,
transliterated names with their words sorted, compared by the Indel ratio
(``1 - (len(a) + len(b) - 2 * LCS(a, b)) / (len(a) + len(b))``, rapidfuzz's ``fuzz.ratio`` / 100).

The longest common subsequence is worked out bit-parallel (Allison and Dix 1986; Hyyrö 2004):
the query's characters are bits of one 64-bit word, each character of the other name is one
addition and three bit operations, so a list name costs a few dozen machine instructions.
Queries longer than :data:`MAX_QUERY` characters are compared by rapidfuzz instead (rare:
names are shorter).

List names are kept as one ``uint16`` array of character codes with start offsets
(:class:`Spellings`): no Python string is touched when a shortlist is ranked
(:func:`borderpost.screening.shortlist.shortlist` calls :func:`indel_ratios` itself).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from rapidfuzz import fuzz, process

from borderpost.screening.compiled import kernel

MAX_QUERY = 64
_NO_CODE = 0  # characters not in the alphabet: they match nothing

CodeArray = npt.NDArray[np.uint16]
IdArray = npt.NDArray[np.int64]
ValueArray = npt.NDArray[np.float64]
_U64 = np.uint64


class Spellings:
    """Many spellings as character codes: an alphabet (1..65535) and one packed array."""

    def __init__(self, texts: Sequence[str]) -> None:
        alphabet: dict[str, int] = {}
        for text in texts:
            for char in text:
                if char not in alphabet and len(alphabet) < 65534:
                    alphabet[char] = len(alphabet) + 1
        self.alphabet = alphabet
        lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
        self.starts = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(lengths, out=self.starts[1:])
        self.codes: CodeArray = np.fromiter(
            (alphabet.get(c, _NO_CODE) for text in texts for c in text),
            dtype=np.uint16,
            count=int(self.starts[-1]),
        )
        self.texts = texts

    def __len__(self) -> int:
        return len(self.starts) - 1

    @property
    def alphabet_size(self) -> int:
        """Character codes in use, with code 0 (a character no spelling has)."""
        return len(self.alphabet) + 1

    def encode(self, query: str) -> CodeArray:
        """The query's characters as alphabet codes (0 for a character no list name has)."""
        alphabet = self.alphabet
        return np.array([alphabet.get(c, _NO_CODE) for c in query], dtype=np.uint16)

    def ratios(self, query: str, ids: IdArray) -> ValueArray:
        """The Indel ratio (0 to 1) of ``query`` with the spelling of each of ``ids``."""
        if len(query) > MAX_QUERY:
            choices = [self.texts[i] for i in ids.tolist()]
            ratios: ValueArray = (
                process.cdist([query], choices, scorer=fuzz.ratio, dtype=np.float64)[0] / 100
            )
            return ratios
        codes, starts = self.codes, self.starts
        return indel_ratios(self.encode(query), self.alphabet_size, codes, starts, ids)


@kernel
def _popcount(word: np.uint64) -> int:
    """Set bits of a 64-bit word (SWAR: no loop over the bits)."""
    word = word - ((word >> _U64(1)) & _U64(0x5555555555555555))
    word = (word & _U64(0x3333333333333333)) + ((word >> _U64(2)) & _U64(0x3333333333333333))
    word = (word + (word >> _U64(4))) & _U64(0x0F0F0F0F0F0F0F0F)
    return int((word * _U64(0x0101010101010101)) >> _U64(56))


@kernel
def indel_ratios(
    query: CodeArray,
    alphabet: int,
    codes: CodeArray,
    starts: npt.NDArray[np.int64],
    ids: IdArray,
) -> ValueArray:
    # for each character code, the bits of the query positions holding it (code 0: none)
    masks = np.zeros(alphabet, dtype=np.uint64)
    for position in range(len(query)):
        if query[position] != _NO_CODE:
            masks[query[position]] |= _U64(1) << _U64(position)
    length = len(query)
    out = np.empty(len(ids), dtype=np.float64)
    full = _U64(0xFFFFFFFFFFFFFFFF)
    mask = full if length == 64 else (_U64(1) << _U64(length)) - _U64(1)
    for k in range(len(ids)):
        start = starts[ids[k]]
        end = starts[ids[k] + 1]
        state = full
        for position in range(start, end):
            matched = state & masks[codes[position]]
            state = (state + matched) | (state - matched)
        common = _popcount(~state & mask)
        total = length + (end - start)
        if total == 0:
            out[k] = 1.0
        else:
            out[k] = (100.0 * (1.0 - (total - 2 * common) / total)) / 100.0
    return out
