"""Signer identifiers name their certificate's issuer: compared tolerantly, never loosely."""

from __future__ import annotations

from asn1crypto import x509
from hypothesis import given, settings
from hypothesis import strategies as st

from borderpost.documents.chip.asn1 import name_key, normal_text

FIELDS = ["country_name", "organization_name", "organizational_unit_name", "common_name"]
TEXT = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x24F),
    min_size=1,
    max_size=20,
).filter(lambda s: s.strip())


def _name(pairs: list[tuple[str, str]]) -> x509.Name:
    rdns = [
        x509.RelativeDistinguishedName(
            [{"type": kind, "value": x509.DirectoryString(name="utf8_string", value=value)}]
        )
        for kind, value in pairs
    ]
    return x509.Name(name="", value=x509.RDNSequence(rdns))


@settings(max_examples=40)
@given(st.permutations(FIELDS), st.lists(TEXT, min_size=4, max_size=4))
def test_order_case_and_spacing_do_not_matter(order: list[str], values: list[str]) -> None:
    pairs = list(zip(FIELDS, values, strict=True))
    shuffled = [(kind, f"  {dict(pairs)[kind].upper()} ") for kind in order]
    assert name_key(_name(pairs)) == name_key(_name(shuffled))


@settings(max_examples=40)
@given(st.lists(TEXT, min_size=4, max_size=4), st.integers(0, 3), TEXT)
def test_a_different_value_is_a_different_name(values: list[str], index: int, other: str) -> None:
    pairs = list(zip(FIELDS, values, strict=True))
    changed = list(pairs)
    changed[index] = (FIELDS[index], other)
    same = normal_text(other) == normal_text(values[index])
    assert (name_key(_name(pairs)) == name_key(_name(changed))) is same
