"""Dutch licence plates (sidecodes 1-14) written in free text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from shared.contracts import PlateMatch, Span

# Since sidecode 4 (1978) plates use no vowels (and no C or Q), which keeps words like "ab-12-cd" out.
# Sidecodes 1-3 (1951-1978, still on oldtimers) did use vowels ("AM-56-21"); their two-letter group
# may hold one, but only when the plate is written with dashes or in capitals (see _plausible).
_L = "[bdfghjklmnprstvwxz]"
_OLD_L = "[a-z]"
_D = "[0-9]"
_OLD_SIDECODES = 3

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


def _group(spec: str, letters: str) -> str:
    return f"{letters if spec[0] == 'L' else _D}{{{spec[1]}}}"


def _sidecode_pattern(groups: tuple[str, str, str], letters: str) -> str:
    first, second, third = (_group(g, letters) for g in groups)
    # The same separator twice: "1234 AB" (a postcode) mixes none and a space, so it never matches.
    return rf"{first}(?P<sep{{n}}>[- ]?){second}(?P=sep{{n}}){third}"


def _build() -> re.Pattern[str]:
    parts = [
        _sidecode_pattern(groups, _OLD_L if n <= _OLD_SIDECODES else _L).replace("{n}", str(n))
        for n, groups in enumerate(_SIDECODES, 1)
    ]
    # Not glued to other words, handles (@x), hashtags, decimals, phone numbers ("nr 12 34 56") or times.
    return re.compile(rf"(?<![\w@#./+-])(?:{'|'.join(parts)})(?!\w)(?![-/:][0-9a-z])(?! [0-9]{{2}})", re.IGNORECASE)


_PLATE = _build()
# Four digits and two letters, together or with one space, is how a postcode is written ("12-88-JS" is a plate).
_POSTCODE_LIKE = re.compile(r"^[0-9]{4} ?[a-z]{2}$", re.IGNORECASE)
_PLATE_CUE = re.compile(r"kenteken|plate|nummerbord|kentekenplaat", re.IGNORECASE)


def find_plates(text: str) -> list[PlateMatch]:
    """Every plate in ``text``, normalised to six uppercase characters, first mention first."""
    found: dict[str, PlateMatch] = {}
    for match in plate_matches(text):
        plate = re.sub(r"[- ]", "", match.group()).upper()
        cued = bool(_PLATE_CUE.search(text[max(0, match.start() - 30) : match.start()]))
        if not cued and (_POSTCODE_LIKE.match(match.group()) or not _plausible(match.group())):
            continue
        span = Span(start=match.start(), end=match.end(), text=match.group(), rule="plate.sidecode")
        found.setdefault(plate, PlateMatch(plate=plate, evidence=span))
    return list(found.values())


def plate_matches(text: str) -> Iterator[re.Match[str]]:
    """What ``_PLATE.finditer(text)`` finds, searched for only near digits: every sidecode has one, so a plate starts
    at most ``_LONGEST - 1`` characters before a digit. Most tips have no digit, and the rest a few numbers in long
    text; searching all of it cost more than the rest of the plate reading."""
    position = 0
    for first, last in _near_digits(text):
        # Where a plate starting by ``last`` ends, plus the characters its closing lookaheads read.
        stop = last + _LONGEST + _LOOKAHEAD
        match = _PLATE.search(text, max(first, position), stop)
        while match is not None and match.start() <= last:
            yield match
            position = match.end()
            match = _PLATE.search(text, position, stop)


def _near_digits(text: str) -> Iterator[tuple[int, int]]:
    """Merged ranges of positions a plate may start at: up to ``_LONGEST - 1`` before a digit, up to the last digit."""
    window: tuple[int, int] | None = None
    for run in _DIGITS.finditer(text):
        first, last = max(0, run.start() - _LONGEST + 1), run.end() - 1
        if window is not None and first <= window[1] + 1:
            window = (window[0], last)  # overlaps or touches the range before: one range
            continue
        if window is not None:
            yield window
        window = (first, last)
    if window is not None:
        yield window


# The longest plate ("XX-999-X", "99-XXX-9": six characters and two separators), and how far past its end the
# pattern's lookaheads read ("(?! [0-9]{2})").
_LONGEST = 8
_LOOKAHEAD = 3
_DIGITS = re.compile(r"[0-9]+")


def _plausible(written: str) -> bool:
    """A vowel only appears on pre-1978 plates; without a cue, ask for dashes or capitals."""
    if not _VOWEL.search(written):
        return True
    return "-" in written or written.isupper()


_VOWEL = re.compile(r"[aeiouycq]", re.IGNORECASE)
