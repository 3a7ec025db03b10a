"""Cost of preparing and comparing names, and a fingerprint proving a speed-up changed nothing.

    PYTHONPATH=. .venv/bin/python bench/names_prep.py [--travellers 5000] [--pairs 50000]
                                                     [--golden PATH | --check PATH]

Screening meets a never-seen name with every traveller, so what matters is the *cold* cost of
a new name: before each measurement every bounded cache of ``borderpost.names`` is cleared
(``lru_cache`` with a ``maxsize``, and the part-pair caches of ``similarity``); caches of whole
data tables (``functools.cache``) stay loaded, as in a running server. Within a pass, caches
fill as they would in service (name parts recur: MOHAMMED, ALI).

Names (each corpus deduplicated, so every name is new when it is met):

a. every name of every OFAC SDN and UN consolidated entry (primary, aliases, original script);
b. ``--travellers`` borderpost.sim persons: the native form, both Latin orders, and the Latin
   name rendered in every script borderpost.sim writes (Cyrillic, Arabic, Hebrew, katakana,
   Hangul, Han);
c. the files of ``shared/data/names`` (both columns of ar2en, the Putin spellings).

Measured per name (CPU time of this thread, µs): ``name_parts``, ``name_keys`` (the screening
index's keys), ``prepare``, and both of the latter as screening calls them (``name_keys`` then
``prepare`` of the same name). Per pair: ``compare`` of prepared names on realistic pairs
(list-name variants made with borderpost.sim NOISES, and clean sim travellers, each against
the candidates the screening index nominates for it), with the part-pair cache filling as it
goes and with it cleared before every pair.

``--golden PATH`` writes, for every name, a hash of the reprs of ``name_parts``, ``name_keys``
and ``prepare``, and for every pair a hash of ``compare``'s score, matches and reason;
``--check PATH`` recomputes them for the very names and pairs stored in PATH and reports any
difference. Both run under ``PYTHONHASHSEED=0`` (the script re-executes itself): sets of
scripts print in hash order.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import random
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from types import ModuleType

from screening_data import DATA, load_lists, natural, travellers

import borderpost.names
from borderpost.names import PartKey, compare, forget_pairs, name_parts, prepare
from borderpost.screening.index import build, name_keys
from borderpost.sim import (
    NOISES,
    applicable,
    to_arabic,
    to_cyrillic,
    to_han,
    to_hangul,
    to_hebrew,
    to_katakana,
)

NAMES_DIR = DATA / "names"
RENDERINGS: tuple[Callable[[str], str], ...] = (
    to_cyrillic,
    to_arabic,
    to_hebrew,
    to_katakana,
    to_hangul,
    to_han,
)
CANDIDATES = 40


def _unique(names: Iterable[str]) -> list[str]:
    return [name for name in dict.fromkeys(names) if name.strip()]


def list_names() -> list[str]:
    """(a) Every name of every OFAC and UN entry."""
    lists = load_lists()
    return _unique(name for entry in lists.entries for name in entry.names())


def sim_names(count: int) -> list[str]:
    """(b) Sim travellers' names in their own script, in Latin, and rendered in every script."""
    found: list[str] = []
    for traveller in travellers(20261129, count):
        person = traveller.person
        found += [person.native, person.latin, person.latin_given_first]
        found += [render(person.latin_given_first) for render in RENDERINGS]
    return _unique(found)


def file_names() -> list[str]:
    """(c) Both columns of the ar2en files and the Putin spellings."""
    found: list[str] = []
    for path in sorted(NAMES_DIR.glob("ar2en-*.txt")):
        for line in path.read_text("utf-8").splitlines():
            found += line.split("\t")
    found += (NAMES_DIR / "putin_names.txt").read_text("utf-8").splitlines()
    return _unique(found)


def corpora(travellers_count: int) -> dict[str, list[str]]:
    return {
        "lists": list_names(),
        "sim": sim_names(travellers_count),
        "files": file_names(),
    }


def realistic_pairs(names: Sequence[str], count: int, seed: int = 7) -> list[tuple[str, str]]:
    """Queries against the list names the screening index nominates for them: half list-name
    variants (borderpost.sim noise on a list name), half clean sim travellers."""
    rng = random.Random(seed)
    index = build([[name] for name in names])
    queries: list[str] = []
    lists = load_lists()
    persons = [e for e in lists.entries if e.kind == "person"]
    people = travellers(seed, count // CANDIDATES)
    for person in people:
        entry = rng.choice(persons)
        name = natural(entry)
        kinds = [k for k in NOISES if applicable(k, name)]
        queries.append(NOISES[rng.choice(kinds)](name, rng) if kinds else name)
        native = person.person.native
        queries.append(native if rng.random() < 0.3 else person.name)
    pairs: list[tuple[str, str]] = []
    for query in queries:
        pairs += [(query, c.name) for c in index.candidates(query, limit=CANDIDATES)]
        if len(pairs) >= count:
            break
    return pairs[:count]


def _modules() -> list[ModuleType]:
    prefix = borderpost.names.__name__ + "."
    return [m for name, m in sys.modules.items() if name.startswith(prefix)]


def clear_caches() -> None:
    """Forget every name and part met so far (bounded caches); keep loaded data tables."""
    for module in _modules():
        for value in vars(module).values():
            parameters = getattr(value, "cache_parameters", None)
            if parameters is not None and parameters()["maxsize"] is not None:
                value.cache_clear()
    _clear_pair_caches()


def _clear_pair_caches() -> None:
    """Forget the part pairs compared so far (scores, the bounds of pairs dismissed, and the
    pairs alignment knows to be unlike)."""
    forget_pairs()


def per_name(func: Callable[[str], object], names: Sequence[str]) -> float:
    """µs of CPU per name, caches cleared first."""
    clear_caches()
    start = time.thread_time()
    for name in names:
        func(name)
    return (time.thread_time() - start) / len(names) * 1e6


def _screening_flow(name: str) -> None:
    name_keys(name)
    prepare(name)


def measure(names: dict[str, list[str]], pairs: Sequence[tuple[str, str]]) -> dict[str, object]:
    figures: dict[str, object] = {}
    # The corpora and pairs live through the run: out of the collector's sight, as a server
    # freezes its lists (borderpost.screening.engine).
    gc.collect()
    gc.freeze()
    functions: dict[str, Callable[[str], object]] = {
        "name_parts": name_parts,
        "name_keys": name_keys,
        "prepare": prepare,
        "name_keys+prepare": _screening_flow,
    }
    for corpus, members in names.items():
        row: dict[str, object] = {"names": len(members)}
        for label, func in functions.items():
            row[label] = round(per_name(func, members), 1)
        figures[corpus] = row
    clear_caches()
    keyed = [(prepare(a), prepare(b)) for a, b in pairs]
    gc.collect()
    gc.freeze()
    _clear_pair_caches()
    start = time.thread_time()
    for left, right in keyed:
        compare(left, right)
    filling = (time.thread_time() - start) / len(keyed) * 1e6
    start = time.thread_time()
    for left, right in keyed:
        _clear_pair_caches()
        compare(left, right)
    uncached = (time.thread_time() - start) / len(keyed) * 1e6
    figures["compare"] = {
        "pairs": len(keyed),
        "us_pair_cache_filling": round(filling, 1),
        "us_pair_cache_cleared": round(uncached, 1),
    }
    return figures


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _part_values(p: PartKey) -> tuple[object, ...]:
    return (
        *(p.text, p.kind, p.abjad, p.syllabic, sorted(p.classes), p.skeleton, p.vowel_key),
        *(p.split_skeleton, p.split_vowel_key, p.coarse, p.metaphone, p.weight, p.ident),
    )


def _prepared(name: str) -> str:
    """Every value a prepared name holds, whatever the classes keep or work out on demand."""
    key = prepare(name)
    parts = [_part_values(p) for p in key.parts + tuple(unit.key for unit in key.units)]
    units = [(u.start, u.end, u.label, u.run, u.particle, u.weight, u.named) for u in key.units]
    return repr((key.original, key.normalized, sorted(key.scripts), key.named, parts, units))


def name_record(name: str) -> str:
    return _digest(f"{name_parts(name)!r}\n{name_keys(name)!r}\n{_prepared(name)}")


def pair_record(left: str, right: str) -> str:
    result = compare(left, right)
    return _digest(f"{result.score!r}\n{result.matches!r}\n{result.reason}")


def write_golden(path: Path, names: dict[str, list[str]], pairs: list[tuple[str, str]]) -> None:
    everything = _unique(n for members in names.values() for n in members)
    clear_caches()
    golden = {
        "names": [[n, name_record(n)] for n in everything],
        "pairs": [[a, b, pair_record(a, b)] for a, b in pairs],
    }
    path.write_text(json.dumps(golden, ensure_ascii=False))
    print(f"golden: {len(everything)} names, {len(pairs)} pairs -> {path}")


def check_golden(path: Path) -> int:
    golden = json.loads(path.read_text())
    clear_caches()
    bad_names = [n for n, h in golden["names"] if name_record(n) != h]
    clear_caches()
    bad_pairs = [(a, b) for a, b, h in golden["pairs"] if pair_record(a, b) != h]
    print(
        f"checked {len(golden['names'])} names: {len(bad_names)} differ; "
        f"{len(golden['pairs'])} pairs: {len(bad_pairs)} differ"
    )
    for name in bad_names[:10]:
        print(f"  name {name!r}")
    for a, b in bad_pairs[:10]:
        print(f"  pair {a!r} / {b!r}")
    return 1 if bad_names or bad_pairs else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--travellers", type=int, default=5000)
    parser.add_argument("--pairs", type=int, default=50000)
    parser.add_argument("--golden", type=Path, help="write the fingerprint here")
    parser.add_argument("--check", type=Path, help="compare with the fingerprint stored here")
    args = parser.parse_args()
    if (args.golden or args.check) and os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(
            sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"}
        )
    if args.check:
        return check_golden(args.check)
    names = corpora(args.travellers)
    pairs = realistic_pairs(names["lists"], args.pairs)
    if args.golden:
        write_golden(args.golden, names, pairs)
        return 0
    print(json.dumps(measure(names, pairs), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
