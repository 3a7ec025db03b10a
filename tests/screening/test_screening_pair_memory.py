"""The compiled comparison's pair table: what is remembered is recalled, nothing else."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderpost.screening.pair_memory import (
    MISSING,
    SLOTS,
    empty_table,
    recall,
    remember,
    shift_of,
)

keys = st.integers(min_value=0, max_value=(1 << 62) - 1)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(keys, st.floats(0.0, 3.0), max_size=120), st.lists(keys, max_size=40))
def test_recalls_what_was_remembered_and_only_that(
    stored: dict[int, float], others: list[int]
) -> None:
    table_keys, values = empty_table(256)  # small: many keys collide and probe on
    shift = shift_of(table_keys)
    for key, value in stored.items():
        assert remember(table_keys, values, key, value, shift)
    for key, value in stored.items():
        assert recall(table_keys, values, key, shift) == value
        assert not remember(table_keys, values, key, value, shift)  # not new the second time
    for key in others:
        if key not in stored:
            assert recall(table_keys, values, key, shift) == MISSING


def test_a_table_is_a_power_of_two_of_slots() -> None:
    assert shift_of(empty_table()[0]) == 64 - (SLOTS.bit_length() - 1)
    with pytest.raises(ValueError, match="power of two"):
        empty_table(1000)
    assert np.all(empty_table(8)[0] == -1)
