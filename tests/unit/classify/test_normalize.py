"""Text normalisation helpers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.classify.normalize import _LETTER, fold, is_shouting


@pytest.mark.parametrize(
    ("text", "shouting"),
    [
        ("ER STAAT EEN MAN MET EEN MES BIJ DE AH", True),
        ("Er staat een man met een mes bij de AH", False),
        ("HELP", False),  # too few capitals to tell
        ("ÉR STÁÁT EEN MAN MET EEN MES", True),
        ("ér staat een man met een mes", False),
        ("ПОМОГИТЕ НАС ГРАБЯТ ПРЯМО СЕЙЧАС", True),
        ("سُرقت دراجتي النارية البيضاء من أمام بيتي في Gouda", False),  # Arabic script has no capitals
    ],
)
def test_a_text_in_capitals_is_shouting(text: str, shouting: bool) -> None:
    assert is_shouting(text) is shouting


@given(st.text(alphabet="abcXYZ É1_ !Жжب", max_size=40))
def test_capitals_are_counted_alike_in_ascii_and_other_text(text: str) -> None:
    upper = sum(char.isupper() for char in text)
    assert is_shouting(text) is (upper >= 8 and upper > 0.6 * len(_LETTER.findall(text)))


def test_folding_keeps_every_offset() -> None:
    text = "Łódź, Ærø en ’s-Hertogenbosch: İstanbul"
    assert len(fold(text)) == len(text)
    assert fold(text).startswith("lodz, ")
