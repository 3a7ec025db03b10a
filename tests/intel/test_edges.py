"""Edge lists: the reader accepts good files and names the line of every problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from borderpost.intel.edges import Edge, EdgeListError, load_edges, read_edges


def test_reads_weights_times_and_skips_blank_lines() -> None:
    text = "\ufeffSource, Target ,weight,time\na,b,2.5,2026-01-02\n\nb,c,,\n"
    edges = read_edges(text)
    assert edges[0] == Edge("a", "b", 2.5, edges[0].time)
    assert edges[0].time is not None and edges[0].time.day == 2
    assert edges[1] == Edge("b", "c", 1.0, None)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("\n\n", "empty file"),
        ("source,target\n", "no edges"),
        ("from,to\na,b\n", "line 1: the header must name the columns source and target"),
        ("source,target,weight\na,b,heavy\n", "line 2: weight 'heavy' is not a number"),
        ("source,target,weight\na,b,1\nc,d,-3\n", "line 3: weight '-3' must be a finite"),
        ("source,target,weight\na,b,nan\n", "line 2: weight 'nan' must be a finite"),
        ("source,target\na\n", "line 2: expected 2 fields, found 1"),
        ("source,target\na, \n", "line 2: empty target"),
        ("source,target,time\na,b,yesterday\n", "line 2: time 'yesterday' is not an ISO"),
        ('source,target\n"a,b\n', "line"),
    ],
)
def test_bad_files_name_the_problem(text: str, message: str) -> None:
    with pytest.raises(EdgeListError, match=message.replace("(", r"\(")):
        read_edges(text)


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"source,target\n\xe9,b\n")
    with pytest.raises(EdgeListError, match="cannot read"):
        load_edges(path)
    with pytest.raises(EdgeListError, match="cannot read"):
        load_edges(tmp_path / "missing.csv")


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        edges = read_edges(text)
    except EdgeListError as exc:
        assert str(exc)
    else:
        assert all(e.source and e.target and e.weight >= 0 for e in edges)


cell = st.text(alphabet=st.characters(blacklist_characters=',"\r\n\x00'), max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(cell, cell, cell), min_size=1, max_size=8))
def test_bad_rows_name_their_line(rows: list[tuple[str, str, str]]) -> None:
    text = "source,target,weight\n" + "".join(f"{a},{b},{w}\n" for a, b, w in rows)
    try:
        edges = read_edges(text)
    except EdgeListError as exc:
        message = str(exc)
        assert message.startswith(("line ", "no edges"))
        if message.startswith("line "):
            line = int(message.split(":")[0].removeprefix("line "))
            assert 2 <= line <= len(rows) + 1
    else:
        assert len(edges) <= len(rows)
