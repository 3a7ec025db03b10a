"""Reading list files by format: what each format takes, and errors that name the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from borderpost.watchlists import ListContentError, ListInputError
from borderpost.watchlists.files import read_lost_stolen, read_watchlist, relabel

FTM = Path(__file__).resolve().parents[1] / "data" / "screening" / "ftm_sample.jsonl"


@pytest.fixture(scope="module")
def ofac_dir(shared_data: Path) -> Path:
    return shared_data / "lists" / "ofac_sdn_2021-07-07"


def test_ofac_files_given_one_by_one(ofac_dir: Path) -> None:
    result = read_watchlist("ofac", [ofac_dir / "sdn.csv", ofac_dir / "alt.csv"])
    assert result.snapshot.version == "2021-07-07"  # from the folder name
    assert result.report.files == ("sdn.csv", "alt.csv")
    assert len(result.entries) == 8976


def test_names_and_versions(tmp_path: Path) -> None:
    lookouts = tmp_path / "lookouts.csv"
    lookouts.write_text("id,name\nL1,DOE John\n", encoding="utf-8")
    result = read_watchlist("csv", [lookouts])
    assert result.snapshot.list_name == "lookouts" and result.snapshot.version is None
    renamed = read_watchlist("csv", [lookouts], list_name="National", version="2026-11")
    assert {(e.list_name, e.list_version) for e in renamed.entries} == {("National", "2026-11")}
    assert renamed.report.list_name == "National"
    assert relabel(result, None, None) is result
    ftm = read_watchlist("ftm", [FTM], version="v7")
    assert ftm.snapshot.list_name == "FollowTheMoney" and ftm.snapshot.version == "v7"


@pytest.mark.parametrize(
    ("list_format", "names", "message"),
    [
        ("xml", ["sdn.csv"], "unknown watchlist format 'xml'"),
        ("ofac", [], "no file given"),
        ("ofac", ["missing"], "missing: no such file or folder"),
        ("ofac", ["."], "no sdn.csv in this folder"),
        ("ofac", ["alt.csv"], "sdn.csv is missing"),
        ("ofac", ["sdn.csv", "other.csv"], "other.csv: not one of the OFAC files"),
        ("ofac", ["sdn.csv", "sdn.csv"], "sdn.csv given twice"),
        ("un", ["."], "is a folder; --format un takes one file"),
        ("csv", ["sdn.csv", "alt.csv"], "--format csv takes one file, 2 given"),
    ],
)
def test_unusable_paths(tmp_path: Path, list_format: str, names: list[str], message: str) -> None:
    for name in ("sdn.csv", "alt.csv", "other.csv"):
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    base = tmp_path / "sub" if names == ["."] else tmp_path
    paths = [base if name == "." else base / name for name in names]
    with pytest.raises(ListInputError, match=message):
        read_watchlist(list_format, paths)


def test_content_errors_name_the_file_as_given(tmp_path: Path, ofac_dir: Path) -> None:
    with pytest.raises(ListContentError) as caught:
        read_watchlist("un", [ofac_dir / "sdn.csv"])
    assert str(caught.value).startswith(f"{ofac_dir / 'sdn.csv'} line 1: XML not well-formed")
    assert str(caught.value).endswith("(read as --format un)")
    broken = tmp_path / "ofac"
    broken.mkdir()
    (broken / "sdn.csv").write_text('1,"A",-0- ,"X"\n', encoding="utf-8")
    with pytest.raises(ListContentError, match=r"ofac/sdn.csv line 1: expected 12 columns"):
        read_watchlist("ofac", [broken])
    with pytest.raises(ListContentError, match="header lacks column"):
        read_lost_stolen([ofac_dir / "sdn.csv"])
    with pytest.raises(ListInputError, match="takes one file"):
        read_lost_stolen([ofac_dir])
