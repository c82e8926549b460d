"""Text normalisation that keeps character offsets: every helper maps ``text[i]`` to ``folded[i]``."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# Characters whose lowercase or accent-free form is not a single character keep their own slot
# (folding must never change the length, or evidence offsets would drift from the original text).
_EXTRA_FOLDS = {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "’": "'", "‘": "'", "`": "'", "´": "'"}


def _fold_char(char: str) -> str:
    if char in _EXTRA_FOLDS:
        return _EXTRA_FOLDS[char]
    lower = char.lower()
    if len(lower) != 1:
        return char
    return unicodedata.normalize("NFD", lower)[0]


_FOLD_TABLE = {code: _fold_char(chr(code)) for code in range(0x41, 0x250)}
_FOLD_TABLE.update({ord(key): value for key, value in _EXTRA_FOLDS.items()})

_WORD = re.compile(r"[^\W_]+")


class Token(NamedTuple):
    """A word of the folded text and where it sits in the original (a tuple: built for every word of every tip)."""

    start: int
    end: int
    text: str


def fold(text: str) -> str:
    """Lowercase and strip accents without changing the string's length."""
    return text.translate(_FOLD_TABLE)


def tokens(folded: str) -> list[Token]:
    """Alphanumeric words of a folded text, with their offsets."""
    # tuple.__new__ skips NamedTuple's Python-level constructor: this runs for every word of every tip.
    new = tuple.__new__
    return [new(Token, (match.start(), match.end(), match.group())) for match in _WORD.finditer(folded)]


def name_key(name: str) -> tuple[str, ...]:
    """The token tuple a place name is indexed under ("'s-Gravenhage" -> ("s", "gravenhage"))."""
    return tuple(token.text for token in tokens(fold(name)))


def is_sentence_start(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, where capitals say nothing about names."""
    index = start - 1
    while index >= 0 and text[index] in " \t\"'(*-":
        index -= 1
    return index < 0 or text[index] in ".!?:;\n" or not text[index].isascii()


_LETTER = re.compile(r"[^\W\d_]")
_SPACE = re.compile(r"\s")


# In ASCII text the capitals are A-Z: counting what deleting them removes is far cheaper than testing every letter.
_WITHOUT_ASCII_CAPITALS = dict.fromkeys(range(ord("A"), ord("Z") + 1))


def is_shouting(text: str) -> bool:
    """Whether the text is written mostly in capitals."""
    upper = _capitals(text)
    return upper >= 8 and upper > 0.6 * len(_LETTER.findall(text))  # letters are only counted for capital-rich texts


def _capitals(text: str) -> int:
    if text.isascii():
        return len(text) - len(text.translate(_WITHOUT_ASCII_CAPITALS))
    # Only letters that have a case count: Arabic script has none, and is not shouting.
    return sum(map(str.isupper, text))


def in_handle(text: str, start: int) -> bool:
    """Whether the word at ``start`` sits inside an @handle, hashtag or web address (names there are not places)."""
    before = text[max(0, start - 60) : start]
    spaces = [match.end() for match in _SPACE.finditer(before)]
    chunk = before[spaces[-1] :] if spaces else before
    return chunk.startswith(("@", "#")) or "://" in chunk or chunk.startswith("www.")


def in_capitals_run(text: str, words: list[Token], index: int) -> bool:
    """Whether the word at ``index`` is written in capitals beside another word in capitals ("STAAT NU EEN MAN",
    "2 KINDEREN ACHTERIN"): there a capital says nothing about names."""
    neighbours = [*words[max(0, index - 1) : index], *words[index + 1 : index + 2]]
    return _in_capitals(text, words[index]) and any(_in_capitals(text, token) for token in neighbours)


def _in_capitals(text: str, token: Token) -> bool:
    word = text[token.start : token.end]
    return len(word) > 1 and word.isupper()
