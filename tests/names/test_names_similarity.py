from hypothesis import given
from hypothesis import strategies as st

from borderpost.names import (
    PartKind,
    Script,
    coarse_skeleton,
    part_key,
    part_similarity,
    skeleton,
    vowel_key,
)
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


@given(st.text(alphabet="ABCDEGHIKLMNOQRSTUWXYZ", min_size=1, max_size=12), _SCRIPTS)
def test_a_parts_keys_read_on_demand_are_its_texts_keys(text: str, script: Script | None) -> None:
    # skeletons and the loose key are worked out when first read: the same as keying the text
    key = part_key(text, PartKind.NAME, script)
    assert (key.skeleton, key.vowel_key, key.coarse) == (
        skeleton(text),
        vowel_key(text),
        coarse_skeleton(text),
    )
    split = key.abjad and any(
        pair in text for pair in ("TH", "SH", "KH", "GH", "DH", "ZH", "CH", "PH")
    )
    assert key.split_skeleton == (skeleton(text, split=True) if split else "")
    assert key.split_vowel_key == (vowel_key(text, split=True) if split else "")
