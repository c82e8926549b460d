from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.classify.plates import _PLATE, find_plates, plate_matches


def plates(text: str) -> list[str]:
    return [match.plate for match in find_plates(text)]


@pytest.mark.parametrize(
    ("sidecode", "written", "expected"),
    [
        (1, "GB-12-34", "GB1234"),
        (2, "12-GB-34", "12GB34"),
        (3, "12-34-GB", "1234GB"),
        (4, "GB-12-ZT", "GB12ZT"),
        (5, "GB-ZT-12", "GBZT12"),
        (6, "12-GB-ZT", "12GBZT"),
        (7, "12-GBZ-3", "12GBZ3"),
        (8, "1-KXJ-93", "1KXJ93"),
        (9, "GH-123-K", "GH123K"),
        (10, "X-123-BB", "X123BB"),
        (11, "HFP-72-N", "HFP72N"),
        (12, "V-63-FDB", "V63FDB"),
        (13, "1-KX-123", "1KX123"),
        (14, "123-KX-4", "123KX4"),
    ],
)
def test_each_sidecode_is_found_and_normalised(sidecode: int, written: str, expected: str) -> None:
    assert plates(f"de auto met kenteken {written} reed weg"), f"sidecode {sidecode} missed"
    assert plates(f"de auto met kenteken {written} reed weg") == [expected]


@pytest.mark.parametrize("written", ["gh-123-k", "GH 123 K", "gh123k", "Gh-123-K"])
def test_spacing_and_case_variants(written: str) -> None:
    assert plates(f"kenteken {written}, grijze golf") == ["GH123K"]


def test_several_plates_in_order_without_duplicates() -> None:
    text = "een witte golf (ZN-617-F) en een zwarte audi 20-hzn-8, later weer ZN-617-F"
    assert plates(text) == ["ZN617F", "20HZN8"]


@pytest.mark.parametrize(
    "text",
    [
        "mijn postcode is 1234 AB",
        "woont op 1234AB nummer 5",
        "het nummer was 06-12345678",
        "bel me op +31 6 123 45 678",
        "om 22:00 weer herrie",
        "sinds 2026 woon ik hier",
        "huisnummer 12a, tweede verdieping",
        "op de A12 bij Duiven",
        "account @malburgen.side026 posten",
        "site cjib-betaling-nl.top",
        "zo'n ab-12-cd bordje",
    ],
)
def test_things_that_are_not_plates(text: str) -> None:
    assert plates(text) == []


def test_evidence_points_at_the_original_characters() -> None:
    text = "Kenteken: rt zn 84. Colmschate"
    [match] = find_plates(text)
    assert text[match.evidence.start : match.evidence.end] == "rt zn 84"
    assert match.plate == "RTZN84"


@given(st.text(alphabet="ab12 -xk9.@#/:3ZQgh\u0663", max_size=40))
def test_searching_near_digits_finds_what_searching_everywhere_finds(text: str) -> None:
    assert [m.span() for m in plate_matches(text)] == [m.span() for m in _PLATE.finditer(text)]


def test_plates_far_apart_in_a_long_text_are_each_found() -> None:
    text = "GH-123-K " + "lang verhaal zonder cijfers " * 20 + "en daarna 12-GBZ-3 en 1-KX-123."
    assert plates(text) == ["GH123K", "12GBZ3", "1KX123"]
