"""The engine keeps the names it prepares out of the cyclic garbage collector's walks, and
still lets cycles frozen with them go (see ``Screener._settle``)."""

from __future__ import annotations

import gc
import warnings
import weakref

import pytest

from borderpost.screening import engine
from borderpost.screening.engine import Screener
from borderpost.screening.model import ListEntry
from borderpost.screening.query import Query


class _Node:
    """An object in a reference cycle (only the cyclic collector can free it)."""

    def __init__(self) -> None:
        self.me = self


def _word(number: int) -> str:
    return "".join("ABDEGHKLMNRST"[int(digit)] for digit in f"{number:04d}")


def _screen_new_names(screener: Screener, start: int, count: int) -> None:
    """Screen names never seen before, each compared with the listed one (so prepared)."""
    for number in range(start, start + count):
        screener.screen(Query(f"JOHN {_word(number)} SMITH"))


def _collect_what_earlier_tests_left() -> None:
    """Free, quietly, what earlier tests in this process left frozen or uncollected.

    Screeners built by earlier tests froze whatever the collector tracked at the time, other
    tests' garbage included; this test unfreezes and walks everything, so an object of theirs
    whose finalizer warns (a database connection, a file) would fail here rather than there.
    (A whole run on PostgreSQL with a full collection after every test found none left; two
    tests that could leave a store open on failure now dispose of it in any case.)
    """
    gc.unfreeze()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


def test_prepared_names_are_frozen_and_a_frozen_cycle_is_freed_at_the_next_reset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _collect_what_earlier_tests_left()
    monkeypatch.setattr(engine, "FREEZE_EVERY", 3)
    monkeypatch.setattr(engine, "RESET_EVERY", 3)
    monkeypatch.setattr(engine, "_SETTLE_CHECK", 0)  # look after every screening
    screener = Screener([ListEntry("TEST", "1", "person", "JOHN SMITH")])
    frozen = gc.get_freeze_count()
    node = _Node()
    alive = weakref.ref(node)
    _screen_new_names(screener, 0, 3)  # three new names: frozen, the cycle with them
    assert gc.get_freeze_count() > frozen
    assert screener._freezes == 1
    del node
    gc.collect()
    assert alive() is not None  # frozen: no collection walks it
    _screen_new_names(screener, 3, 6)  # the third freeze walks everything first
    assert screener._freezes == 3
    assert alive() is None
    gc.unfreeze()
    gc.collect()
