# ruff: noqa: RUF001, RUF002 - the examples and final-letter table are Cyrillic and Hebrew
"""Latin names rendered into other scripts, to make non-Latin test queries from Latin list names.

A list prints ``VLADIMIR PUTIN``; a traveller's document or a foreign database may write
``Владимир Путин``, ``ולדימיר פוטין`` or ``فلاديمير بوتين``. These renderers make such queries.
They are test-data generators, approximate by design, and kept small: one table per script in
``data/render/`` applied by one greedy longest-match transducer (:class:`Transducer`).

- :func:`to_cyrillic`: Russian press conventions (KH→Х, ZH→Ж, -SKY→-СКИЙ, J→ДЖ).
- :func:`to_hebrew`: consonantal, as Hebrew writes foreign names (I→י, O/U→ו, final forms).
- :func:`to_arabic`: consonantal (short A/E dropped, I→ي, O/U→و), AL joined to its word.

Katakana, Hangul and Han are in :mod:`borderpost.sim.render_east`.

How they were checked: outputs were read against the real spellings of known names:
Путин, Владимир, Шевченко come out exact; ולדימיר פוטין exact (משה כהן comes out מושה קוהן);
OSAMA BIN LADEN gives اوسما بين لدن beside the real أسامة بن لادن, AL-TIKRITI gives التيكريتي
beside التكريتي. Sim names of every culture and the UN/OFAC names were rendered and read back
with :func:`borderpost.names.to_latin`: most consonants survive (the consonant-skeleton check
in ``tests/sim/test_sim_render.py``, ≥ 0.75 mean similarity per script).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from borderpost.names import to_mrz

__all__ = ["Transducer", "latin_words", "to_arabic", "to_cyrillic", "to_hebrew", "transducer"]

_VOWELS = frozenset("aeiouy")
_HEBREW_FINALS = str.maketrans({"כ": "ך", "מ": "ם", "נ": "ן", "פ": "ף", "צ": "ץ"})
_ARTICLES = frozenset({"al", "el", "ul"})


@dataclass(frozen=True, slots=True)
class Transducer:
    """Greedy longest-match rewriting of lower-case a-z words by a table with contexts.

    ``rules`` maps a Latin chunk to ``(output, context)`` pairs in priority order; a context is
    ``""`` (anywhere), ``"^"`` (word start), ``"$"`` (word end), ``"v"`` (after a vowel) or
    ``"c"`` (after a consonant).
    """

    rules: dict[str, tuple[tuple[str, str], ...]]
    longest: int
    collapse_doubles: bool = False

    def word(self, word: str) -> str:
        """Rewrite one lower-case word; letters without a rule are dropped."""
        if self.collapse_doubles:
            word = "".join(c for i, c in enumerate(word) if i == 0 or c != word[i - 1])
        out: list[str] = []
        at = 0
        while at < len(word):
            for size in range(min(self.longest, len(word) - at), 0, -1):
                output = self._match(word, at, size)
                if output is not None:
                    out.append(output)
                    at += size
                    break
            else:
                at += 1
        return "".join(out)

    def _match(self, word: str, at: int, size: int) -> str | None:
        for output, context in self.rules.get(word[at : at + size], ()):
            if (
                context == ""
                or (context == "^" and at == 0)
                or (context == "$" and at + size == len(word))
                or (context == "v" and at > 0 and word[at - 1] in _VOWELS)
                or (context == "c" and at > 0 and word[at - 1] not in _VOWELS)
            ):
                return output
        return None


@cache
def transducer(script: str) -> Transducer:
    """The transducer for ``"cyrillic"``, ``"hebrew"`` or ``"arabic"`` (read once)."""
    path = f"data/render/{script}.tsv"
    text = resources.files("borderpost.sim").joinpath(path).read_text("utf-8")
    rules: dict[str, list[tuple[str, str]]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        latin, output, context = [*line.split("\t"), "", ""][:3]
        rules.setdefault(latin, []).append((output, context.strip()))
    return Transducer(
        {k: tuple(v) for k, v in rules.items()},
        max(len(k) for k in rules),
        collapse_doubles=script in ("hebrew", "arabic"),
    )


def latin_words(name: str) -> list[str]:
    """The name's words in lower-case a-z (ICAO transliteration first: Ü → UE, Ł → L);
    hyphens separate words, apostrophes and dots go."""
    return [w.lower() for w in to_mrz(name).split()]


def to_cyrillic(name: str) -> str:
    """A Latin name in Cyrillic by Russian conventions (``VLADIMIR PUTIN`` → ``Владимир Путин``).

    Args:
        name: a name in Latin letters (any case, diacritics allowed).

    Returns:
        The Cyrillic form, words capitalised and separated by spaces.
    """
    table = transducer("cyrillic")
    return " ".join(w.capitalize() for w in (table.word(x) for x in latin_words(name)) if w)


def to_hebrew(name: str) -> str:
    """A Latin name in consonantal Hebrew (``VLADIMIR PUTIN`` → ``ולדימיר פוטין``), with the
    final letter forms (ך ם ן ף ץ) at word ends."""
    table = transducer("hebrew")
    words = [table.word(w) for w in latin_words(name)]
    return " ".join(w[:-1] + w[-1].translate(_HEBREW_FINALS) for w in words if w)


def to_arabic(name: str) -> str:
    """A Latin name in consonantal Arabic (``OSAMA BIN LADEN`` → ``اوسما بين لدن``); the article
    (AL, EL) is written joined to the next word (``AL TIKRITI`` → ``التكريتي``)."""
    table = transducer("arabic")
    words = latin_words(name)
    out: list[str] = []
    article = False
    for index, word in enumerate(words):
        if word in _ARTICLES and index + 1 < len(words):
            article = True
            continue
        rendered = table.word(word)
        if rendered:
            out.append(("ال" if article else "") + rendered)
        article = False
    return " ".join(out)
