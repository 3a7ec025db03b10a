"""Hypothesis strategies for document fields."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from borderpost.documents import MrzFields
from borderpost.documents.countries import countries

LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ALNUM = LETTERS + "0123456789"
CODES = sorted(code for code, country in countries().items() if country.kind != "deprecated")

_word = st.text(alphabet=LETTERS, min_size=1, max_size=10)

# Layout name, first letter of its document code, and how much room the name field has.
_LAYOUTS = [
    ("TD1", "I", 30),
    ("TD2", "I", 31),
    ("TD3", "P", 39),
    ("MRVA", "V", 39),
    ("MRVB", "V", 31),
]


@st.composite
def mrz_fields(draw: st.DrawFn, *, fit_names: bool = True) -> MrzFields:
    """Fields of a document whose names fit its layout (so a round trip is exact)."""
    layout, first, room = draw(st.sampled_from(_LAYOUTS))
    surname = draw(st.lists(_word, min_size=1, max_size=3))
    given = draw(st.lists(_word, min_size=0, max_size=3))
    rendered = "<".join(surname) + ("<<" + "<".join(given) if given else "")
    if fit_names and len(rendered) >= room:
        surname, given = surname[:1], given[:1]
        surname = [surname[0][: max(1, room // 3)]]
        given = [given[0][: max(1, room // 3)]] if given else []
    extendable = layout != "TD3"
    number = draw(
        st.text(alphabet=ALNUM, min_size=1, max_size=12 if extendable else 9).filter(
            lambda n: n[-1] != "<"
        )
    )
    birth = draw(st.dates(min_value=dt.date(1927, 1, 1), max_value=dt.date(2026, 11, 29)))
    expiry = draw(st.dates(min_value=dt.date(1977, 1, 1), max_value=dt.date(2075, 12, 31)))
    optional_room = {"TD1": 15, "TD2": 7, "TD3": 14, "MRVA": 16, "MRVB": 8}[layout]
    if len(number) > 9:
        optional_room -= len(number) - 9 + 2
    optional = draw(st.text(alphabet=ALNUM, min_size=0, max_size=max(0, optional_room)))
    return MrzFields(
        type=layout,
        document_code=first + draw(st.sampled_from(["", "<", "D", "N"])).replace("<", ""),
        issuing_state=draw(st.sampled_from(CODES)),
        surname=" ".join(surname),
        given_names=" ".join(given),
        document_number=number,
        nationality=draw(st.sampled_from(CODES)),
        birth_date=birth,
        sex=draw(st.sampled_from(["M", "F", "<"])),
        expiry_date=expiry,
        optional_data=optional if layout != "TD3" else "",
        personal_number=optional if layout == "TD3" else "",
        optional_data_2=draw(st.text(alphabet=ALNUM, max_size=11)) if layout == "TD1" else "",
    )
