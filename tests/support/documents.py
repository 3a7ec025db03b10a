"""Travel documents for tests: a correct passport MRZ from a few fields."""

from __future__ import annotations

import datetime as dt

from borderpost.documents import MrzFields, make_mrz

#: The expiry of every generated passport: valid through the tests' reference dates.
EXPIRY = dt.date(2031, 5, 1)


def passport_mrz(
    surname: str,
    given: str,
    number: str,
    born: dt.date,
    nationality: str = "UTO",
    *,
    sex: str = "F",
) -> str:
    """A TD3 passport issued by ``nationality`` to one of its nationals."""
    return make_mrz(
        MrzFields(
            type="TD3",
            document_code="P",
            issuing_state=nationality,
            surname=surname,
            given_names=given,
            document_number=number,
            nationality=nationality,
            birth_date=born,
            sex=sex,
            expiry_date=EXPIRY,
        )
    )
