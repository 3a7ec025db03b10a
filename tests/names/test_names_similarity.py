from hypothesis import given
from hypothesis import strategies as st

from borderpost.names import PartKind, Script, part_key, part_similarity
from borderpost.names.alignment import PART_MATCH
from borderpost.names.similarity import similar_enough

_SCRIPTS = st.sampled_from([None, Script.LATIN, Script.CYRILLIC, Script.ARABIC, Script.KANA])
_PARTS = st.text(alphabet="ABDEHIKLMNORSTUY", min_size=1, max_size=10)


@given(_PARTS, _SCRIPTS, _PARTS, _SCRIPTS, st.sampled_from([PART_MATCH, 0.3, 0.6, 0.8, 0.95]))
def test_similar_enough_is_part_similarity_above_the_floor(
    left: str, left_script: Script | None, right: str, right_script: Script | None, floor: float
) -> None:
    a = part_key(left, PartKind.NAME, left_script)
    b = part_key(right, PartKind.NAME, right_script)
    exact = part_similarity(a, b)
    for _ in range(2):  # the second time from what was remembered
        assert similar_enough(a, b, floor) == (exact if exact[0] >= floor else None)


def test_plainly_unlike_parts_are_dismissed_and_alike_ones_kept() -> None:
    assert similar_enough(part_key("AHMED"), part_key("BROWN"), PART_MATCH) is None
    assert similar_enough(part_key("KIM"), part_key("KMI"), PART_MATCH) == part_similarity(
        part_key("KIM"), part_key("KMI")
    )
