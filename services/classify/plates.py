"""Dutch licence plates (sidecodes 1-14) written in free text."""

from __future__ import annotations

import re

from shared.contracts import PlateMatch, Span

# Since 1978 plates use no vowels (and no C or Q), which keeps words like "ab-12-cd" out.
_L = "[bdfghjklmnprstvwxz]"
_D = "[0-9]"

# Group sizes per sidecode, as (kind, length) triples: L = letters, D = digits.
_SIDECODES: tuple[tuple[str, str, str], ...] = (
    ("L2", "D2", "D2"),  # 1  XX-99-99
    ("D2", "L2", "D2"),  # 2  99-XX-99
    ("D2", "D2", "L2"),  # 3  99-99-XX
    ("L2", "D2", "L2"),  # 4  XX-99-XX
    ("L2", "L2", "D2"),  # 5  XX-XX-99
    ("D2", "L2", "L2"),  # 6  99-XX-XX
    ("D2", "L3", "D1"),  # 7  99-XXX-9
    ("D1", "L3", "D2"),  # 8  9-XXX-99
    ("L2", "D3", "L1"),  # 9  XX-999-X
    ("L1", "D3", "L2"),  # 10 X-999-XX
    ("L3", "D2", "L1"),  # 11 XXX-99-X
    ("L1", "D2", "L3"),  # 12 X-99-XXX
    ("D1", "L2", "D3"),  # 13 9-XX-999
    ("D3", "L2", "D1"),  # 14 999-XX-9
)


def _group(spec: str) -> str:
    return f"{_L if spec[0] == 'L' else _D}{{{spec[1]}}}"


def _sidecode_pattern(groups: tuple[str, str, str]) -> str:
    first, second, third = (_group(g) for g in groups)
    # The same separator twice: "1234 AB" (a postcode) mixes none and a space, so it never matches.
    return rf"{first}(?P<sep{{n}}>[- ]?){second}(?P=sep{{n}}){third}"


def _build() -> re.Pattern[str]:
    parts = [_sidecode_pattern(groups).replace("{n}", str(n)) for n, groups in enumerate(_SIDECODES, 1)]
    # Not glued to other words, handles (@x), hashtags, decimals, phone numbers or times.
    return re.compile(rf"(?<![\w@#./+-])(?:{'|'.join(parts)})(?!\w)(?![-/:][0-9a-z])", re.IGNORECASE)


_PLATE = _build()
# Four digits and two letters written together is the usual way to write a postcode.
_POSTCODE_LIKE = re.compile(r"^[0-9]{4}[a-z]{2}$", re.IGNORECASE)
_PLATE_CUE = re.compile(r"kenteken|plate|nummerbord|kentekenplaat", re.IGNORECASE)


def find_plates(text: str) -> list[PlateMatch]:
    """Every plate in ``text``, normalised to six uppercase characters, first mention first."""
    found: dict[str, PlateMatch] = {}
    for match in _PLATE.finditer(text):
        plate = re.sub(r"[- ]", "", match.group()).upper()
        if _POSTCODE_LIKE.match(plate) and not _PLATE_CUE.search(text[max(0, match.start() - 30) : match.start()]):
            continue
        span = Span(start=match.start(), end=match.end(), text=match.group(), rule="plate.sidecode")
        found.setdefault(plate, PlateMatch(plate=plate, evidence=span))
    return list(found.values())
