"""Watchlist screening quality on real lists: recall, precision, F1 and false alerts.

    .venv/bin/python bench/screening_quality.py [--limit N] [--per-script N] [--travellers N]
                                               [--show N] [--seed S] [--json PATH]

Query sets (every one seeded, so every run gives the same figures):

(a) every UN individual, queried by its primary name exactly, with a typo, with its parts
    swapped, with a middle part dropped, and by its name with a date of birth one year off
    and the listed nationality; extra (not in the target): another spelling, parts merged or
    split.
(b) non-Latin names against the Latin entries (the lists screened with their original-script
    names removed, so that only the Latin names can answer): the UN's real NAME_ORIGINAL_SCRIPT
    forms, and Latin UN/OFAC names rendered by borderpost.sim into Cyrillic, Katakana, Hebrew,
    Arabic, Hangul (Korean nationals only) and Han (Chinese nationals with Pinyin names
    only); and the ~100 forms of putin_names.txt against Putin among the OFAC Russians.
(c) clean synthetic travellers (borderpost.sim names, date of birth 1940-2008, nationality)
    against OFAC+UN: every hit is a false alert.

A query is recalled when its entry is among the hits at or above the default threshold.
Precision is over all hits raised; a hit on the same person's entry in the other list
(bench/screening_data.py ``twins``) counts as correct. Data: see bench/screening_data.py;
putin_names.txt is from the nomenklatura test fixtures (MIT).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from quality_tally import Tally, miss_line, tally_table
from rich.console import Console
from screening_data import (
    DATA,
    Lists,
    engine_fingerprint,
    family_first,
    key,
    load_lists,
    natural,
    shift_year,
    twins,
)
from screening_data import travellers as make_travellers

from borderpost.names import compare, dominant_script
from borderpost.screening.engine import (
    EVIDENCE_FLOOR,
    MIN_NAME_SCORE,
    RELATIVE_COVERAGE,
    Hit,
    Screener,
    worth_comparing,
)
from borderpost.screening.model import ListEntry
from borderpost.screening.query import Query
from borderpost.sim import (
    applicable,
    drop_middle,
    merge_parts,
    respell,
    split_part,
    swap_parts,
    to_arabic,
    to_cyrillic,
    to_han,
    to_hangul,
    to_hebrew,
    to_katakana,
    typo,
)
from borderpost.sim.render_east import han_syllables

console = Console(width=None if sys.stdout.isatty() else 160)
RENDERERS: dict[str, Callable[[str], str]] = {
    "Cyrillic": to_cyrillic,
    "Katakana": to_katakana,
    "Hebrew": to_hebrew,
    "Arabic": to_arabic,
}


@dataclass(frozen=True, slots=True)
class Case:
    """One labelled query: the set and group it counts in, and the entry it must find."""

    set: str
    group: str
    query: Query
    expected: ListEntry


def variant_cases(un_persons: list[ListEntry], rng: random.Random) -> list[Case]:
    """Set (a): each UN individual by its primary name and four kinds of variation (+ extras)."""
    cases: list[Case] = []
    for entry in un_persons:
        name = entry.name
        cases.append(Case("a", "exact", Query(name), entry))
        cases.append(Case("a", "typo", Query(typo(name, rng)), entry))
        if applicable("swap", name):
            cases.append(Case("a", "swapped", Query(swap_parts(name, rng)), entry))
        if applicable("drop_middle", name):
            cases.append(Case("a", "dropped middle", Query(drop_middle(name, rng)), entry))
        if entry.birth_dates:
            dob = shift_year(entry.birth_dates[0].start, rng.choice((-1, 1)))
            nationality = entry.nationalities[0] if entry.nationalities else None
            query = Query(name, birth_date=dob, nationality=nationality)
            cases.append(Case("a", "dob one year off", query, entry))
        if applicable("respell", name):
            cases.append(Case("a+", "respelled", Query(respell(name, rng)), entry))
        if applicable("split", name):
            cases.append(Case("a+", "split", Query(split_part(name, rng)), entry))
        elif applicable("merge", name):
            cases.append(Case("a+", "merged", Query(merge_parts(name, rng)), entry))
    return cases


def _pinyin_name(name: str) -> bool:
    syllables = han_syllables()
    words = [w.lower() for w in name.replace("-", " ").split()]

    def fits(word: str) -> bool:
        ok = [True] + [False] * len(word)
        for end in range(1, len(word) + 1):
            ok[end] = any(ok[s] and word[s:end] in syllables for s in range(max(0, end - 6), end))
        return ok[-1]

    return bool(words) and all(w.isalpha() and fits(w) for w in words)


def script_cases(lists: Lists, rng: random.Random, per_script: int) -> tuple[list[Case], int]:
    """Set (b): real original-script names and Latin list names rendered into other scripts."""
    cases: list[Case] = []
    for entry in lists.persons(lists.un):
        for original in entry.original_script_names:
            script = str(dominant_script(original) or "Other")
            cases.append(Case("b real", script, Query(original), entry))
    persons = lists.persons()
    for label, render in RENDERERS.items():
        for entry in rng.sample(persons, min(per_script, len(persons))):
            text = render(natural(entry))
            if text.strip():
                cases.append(Case("b synthetic", label, Query(text), entry))
    korean = [e for e in persons if {"PRK", "KOR"} & set(e.nationalities)]
    for entry in rng.sample(korean, min(per_script, len(korean))):
        if (text := to_hangul(family_first(entry))).strip():
            cases.append(Case("b synthetic", "Hangul", Query(text), entry))
    chinese = [e for e in persons if {"CHN", "TWN", "HKG", "MAC"} & set(e.nationalities)]
    pinyin = [e for e in chinese if _pinyin_name(family_first(e))]
    for entry in rng.sample(pinyin, min(per_script, len(pinyin))):
        if (text := to_han(family_first(entry))).strip():
            cases.append(Case("b synthetic", "Han", Query(text), entry))
    return cases, len(chinese) - len(pinyin)


def _describe(hit: Hit) -> str:
    return f"{hit.name} [{hit.list_name} {hit.entry_id}] {hit.score:.2f}"


def _miss(screener: Screener, case: Case, hits: tuple[Hit, ...]) -> dict[str, object]:
    """Why a query missed: the expected entry's own score and reasons; or, when it is not
    among the scored entries, which step left it out (see :func:`_left_out`)."""
    scored = [
        h for h in screener.score_candidates(case.query) if key(h.entry) == key(case.expected)
    ]
    return {
        "set": case.set,
        "group": case.group,
        "query": case.query.name,
        "dob": str(case.query.birth_date) if case.query.birth_date else None,
        "expected": f"{case.expected.name} [{key(case.expected)}]",
        "expected_score": round(scored[0].score, 3) if scored else None,
        "why": (
            [r.describe() for r in scored[0].reasons] if scored else [_left_out(screener, case)]
        ),
        "returned": [_describe(h) for h in hits[:3]],
    }


def _left_out(screener: Screener, case: Case) -> str:
    """The step that left the expected entry out of the scored ones: retrieval (not among the
    index's shortlist), the cuts before comparison (:func:`worth_comparing`), or a name score
    under the engine's least (:data:`MIN_NAME_SCORE`)."""
    found = screener.index.shortlist(case.query.name, limit=screener.config.candidates)
    mine = [
        rank
        for rank, number in enumerate(found.entries.tolist())
        if key(screener.entries[number]) == key(case.expected)
    ]
    if not mine:
        return "not retrieved: not among the index's candidates"
    worth = worth_comparing(found)
    compared = [rank for rank in mine if worth[rank]]
    if not compared:
        rank = mine[0]
        return (
            f"retrieved (rank {rank + 1}) but not compared: key coverage"
            f" {found.coverage[rank]:.2f} + spelling {found.spelling[rank]:.2f} under the"
            f" evidence floor {EVIDENCE_FLOOR}, or after a name with under"
            f" {RELATIVE_COVERAGE} of the best coverage"
        )
    names = screener.index.names
    best = max(
        (compare(case.query.name, names[int(found.name_ids[rank])]) for rank in compared),
        key=lambda comparison: comparison.score,
    )
    return f"compared, name score under {MIN_NAME_SCORE}: {best.reason}"


def evaluate(
    screener: Screener, cases: Iterable[Case], same: dict[str, set[str]]
) -> dict[tuple[str, str], Tally]:
    """Screen every case; tally recall and precision per (set, group)."""
    tallies: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for case in cases:
        tally = tallies[(case.set, case.group)]
        hits = screener.screen(case.query).hits
        wanted = key(case.expected)
        good = {wanted} | same.get(wanted, set())
        tally.queries += 1
        tally.hits += len(hits)
        tally.correct += sum(key(h.entry) in good for h in hits)
        if any(key(h.entry) == wanted for h in hits):
            tally.recalled += 1
        else:
            tally.misses.append(_miss(screener, case, hits))
    return tallies


def putin(lists: Lists) -> dict[str, object]:
    """putin_names.txt against Putin hidden among the OFAC individuals of Russian nationality."""
    target = ListEntry("test", "putin", "person", "Vladimir Vladimirovich PUTIN")
    others = [e for e in lists.persons(lists.ofac) if "RUS" in e.nationalities]
    screener = Screener([target, *others])
    forms = [
        line.strip()
        for line in (DATA / "names" / "putin_names.txt").read_text("utf-8").splitlines()
        if line.strip()
    ]
    missed: list[dict[str, object]] = []
    other_hits = 0
    for form in forms:
        hits = screener.screen(Query(form)).hits
        other_hits += sum(h.entry_id != "putin" for h in hits)
        if not any(h.entry_id == "putin" for h in hits):
            scored = [h for h in screener.score_candidates(Query(form)) if h.entry_id == "putin"]
            reason = scored[0].reasons[0].describe() if scored else "not among candidates"
            missed.append(
                {"form": form, "score": scored[0].score if scored else None, "why": reason}
            )
    return {
        "forms": len(forms),
        "hit": len(forms) - len(missed),
        "distractors": len(others),
        "hits_on_other_entries": other_hits,
        "missed": missed,
    }


def clean(screener: Screener, seed: int, count: int, show: int) -> dict[str, object]:
    """Set (c): clean travellers; alerts per 1,000 and the worst false alerts with reasons."""
    alerts: list[tuple[float, str, list[dict[str, object]]]] = []
    start = time.perf_counter()
    people = make_travellers(seed, count)
    for traveller in people:
        hits = screener.screen(traveller.query()).hits
        if hits:
            label = f"{traveller.name} (dob {traveller.dob}, {traveller.nationality})"
            found = [dict(h.to_dict()) for h in hits]
            alerts.append((hits[0].score, label, found))
    alerts.sort(key=lambda item: -item[0])
    cultures: dict[str, int] = defaultdict(int)
    for traveller in people:
        cultures[traveller.person.culture] += 1
    return {
        "travellers": count,
        "alerts": len(alerts),
        "alerts_per_1000": round(1000 * len(alerts) / count, 2),
        "seconds": round(time.perf_counter() - start, 1),
        "cultures": dict(sorted(cultures.items())),
        "worst": [{"traveller": t, "hits": h} for _s, t, h in alerts[:show]],
    }


def _without_original_scripts(entries: Iterable[ListEntry]) -> list[ListEntry]:
    return [dataclasses.replace(e, original_script_names=()) for e in entries]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=0, help="UN individuals in set (a); 0 = all")
    parser.add_argument("--per-script", type=int, default=300, help="synthetic queries per script")
    parser.add_argument("--travellers", type=int, default=10_000, help="clean travellers")
    parser.add_argument("--show", type=int, default=20, help="misses and alerts to print")
    parser.add_argument("--seed", type=int, default=20260227)
    parser.add_argument("--json", type=Path, help="write every figure (and the misses) here")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    fingerprint = engine_fingerprint()
    console.print(f"engine sources fingerprint {fingerprint}")

    lists = load_lists()
    started = time.perf_counter()
    screener = Screener(lists.entries)
    latin_only = Screener(_without_original_scripts(lists.entries))
    same = twins(lists.entries)
    console.print(
        f"lists: OFAC {len(lists.ofac)} + UN {len(lists.un)} entries (parsed in "
        f"{lists.seconds:.1f} s); two indexes built in {time.perf_counter() - started:.1f} s; "
        f"{sum(1 for k in same if k.startswith('UN'))} UN individuals have an OFAC twin"
    )
    un_persons = lists.persons(lists.un)
    if args.limit:
        un_persons = rng.sample(un_persons, min(args.limit, len(un_persons)))
    report: dict[str, object] = {"seed": args.seed, "engine_fingerprint": fingerprint}

    tallies = evaluate(screener, variant_cases(un_persons, rng), same)
    script_list, skipped_han = script_cases(lists, rng, args.per_script)
    tallies.update(evaluate(latin_only, script_list, same))
    by_set: dict[str, dict[str, Tally]] = defaultdict(dict)
    for (set_name, group), tally in sorted(tallies.items()):
        by_set[set_name][group] = tally
    titles = {
        "a": "(a) UN individuals, name variants — target recall >= 0.99",
        "a+": "(a+) extra variants, not in the target",
        "b real": "(b) real original-script names (UN) vs Latin entries — target recall >= 0.80",
        "b synthetic": "(b) Latin names rendered into other scripts — target recall >= 0.80",
    }
    for set_name, rows in by_set.items():
        total = Tally()
        for tally in rows.values():
            total.add(tally)
        console.print(tally_table(titles.get(set_name, set_name), {**rows, "ALL": total}))
        report[set_name] = {g: t.figures() for g, t in {**rows, "ALL": total}.items()}
    non_latin = Tally()
    for set_name in ("b real", "b synthetic"):
        for tally in by_set.get(set_name, {}).values():
            non_latin.add(tally)
    report["non_latin_all"] = non_latin.figures()
    report["han_skipped_not_pinyin"] = skipped_han
    console.print(f"non-Latin, all scripts: {non_latin.figures()}")
    console.print(f"Han: {skipped_han} Chinese nationals skipped (name not Pinyin)")

    shown = [m for t in tallies.values() for m in t.misses]
    report["misses"] = shown
    console.print(f"\n[bold]misses[/] ({len(shown)}; first {args.show} per set):")
    for set_name in by_set:
        for miss in [m for m in shown if m["set"] == set_name][: args.show]:
            console.print(miss_line(miss), soft_wrap=True, markup=False)

    report["putin"] = putin_result = putin(lists)
    console.print(
        f"\nputin_names.txt: {putin_result['hit']}/{putin_result['forms']} forms hit Putin "
        f"(among {putin_result['distractors']} OFAC Russians; "
        f"{putin_result['hits_on_other_entries']} hits on others)"
    )
    for miss in putin_result["missed"][: args.show]:  # type: ignore[index]
        console.print(f"  miss {miss['form']!r}: {miss['why']}", soft_wrap=True, markup=False)

    report["clean"] = result = clean(screener, args.seed, args.travellers, args.show)
    console.print(
        f"\n(c) {result['travellers']} clean travellers vs OFAC+UN: {result['alerts']} alerts = "
        f"{result['alerts_per_1000']} per 1,000 (target <= 1) in {result['seconds']} s"
    )
    for worst in result["worst"]:  # type: ignore[attr-defined]
        console.print(f"  {worst['traveller']}", markup=False)
        for hit in worst["hits"][:2]:
            console.print(
                f"    -> {hit['name']} [{hit['list']} {hit['entry_id']}] {hit['score']}: "
                + " | ".join(hit["reasons"]),
                soft_wrap=True,
                markup=False,
            )
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", "utf-8")
        console.print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
