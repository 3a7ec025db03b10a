"""The tokenizer reads an interchange in blocks of about ``BLOCK`` characters (for the
processor's caches): where the blocks end must not change a single segment or warning,
whatever the delimiters, release characters, wraps and odd segments in the text."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderpost.passengers import scanner
from borderpost.passengers.edifact import EdifactError, Tokens, tokenize

SAMPLES = sorted((Path(__file__).resolve().parents[2].parent / "shared/data/paxlst").glob("*.edi"))
PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
HEADERS = ("UNA:+.? '", "UNA:*.? $", "UNA:(.) -", "UNA:+.\\ '", "UNA:+.  '", "")


def _tokens(text: str, block: int) -> Tokens | str:
    with mock.patch.object(scanner, "BLOCK", block):
        try:
            return tokenize(text)
        except EdifactError as exc:
            return str(exc)


def _same(text: str, blocks: tuple[int, ...]) -> None:
    whole = _tokens(text, 10**9)
    for block in blocks:
        assert _tokens(text, block) == whole, block


@PROPERTY
@given(
    st.sampled_from(HEADERS),
    st.lists(
        st.text(alphabet=st.sampled_from(list("NADFLTC+:*(?\\'$-) \r\n")), max_size=30),
        max_size=30,
    ),
    st.sampled_from(["'", "$", "-"]),
)
def test_blocks_give_the_same_segments(advice: str, bodies: list[str], terminator: str) -> None:
    body = terminator.join(f"NAD{text}" for text in bodies)
    text = f"{advice}UNB+UNOA:4+A+B+240101:1000+1{terminator}{body}{terminator}UNZ+1+1{terminator}"
    _same(text, (1, 2, 7, 40))


def test_blocks_on_the_samples() -> None:
    for path in SAMPLES:
        _same(path.read_bytes().decode("utf-8"), (1, 3, 50, 200))
