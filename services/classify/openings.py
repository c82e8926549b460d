"""Where in a text a rule may start: the literal openings of every rule, found in one Aho-Corasick pass.

A rule's pattern is a regular expression, which Aho-Corasick cannot match, but every match of it starts with one of a
few literal strings ("(?:de|het) (?:schuur|huis) in" starts with "de schuur", "de huis", "het schuur" or
"het huis"), read off Python's own parse of the pattern. One pass of an automaton over those openings finds every
word start where some rule may match and which rules; only those rules are then tried there, in their listed order.
Before, one regular expression with all alternatives in a trie was tried at every word start (and paid a little at
every other character), which was a fifth of the classifier's time.

Texts and openings are compared in a *shape* in which every non-word character is a space and every digit is "0":
a word start is then a space before the opening (the text is searched with one space in front), "06-nummer" and
"\\d+e keer" need no key per digit, and an opening never misses a spot the pattern matches.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from functools import cache
from typing import Any

import ahocorasick_rs

# Python's own regular-expression parser and its opcodes (``sre_parse`` before 3.11): not public, but stable within a
# Python version, and the tests check every rule's openings against what its pattern matches.
sre_parse: Any = importlib.import_module("re._parser")
sre: Any = importlib.import_module("re._constants")

# An opening longer than this adds no selectivity worth its automaton states.
_LONGEST = 12
# Spelling out branches and character classes stops (the opening ends earlier) beyond this many openings.
_MOST = 256
# A character class of more characters than this ends the opening.
_WIDEST_CLASS = 40


class _Shape(dict[int, str]):
    """``str.translate`` table for the shape: filled on first sight of each character, so it covers all of Unicode
    without a table of all of Unicode."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        shaped = "0" if char.isdecimal() else char if char.isalnum() or char == "_" else " "
        self[code] = shaped
        return shaped


_SHAPE = _Shape()


def shape(text: str) -> str:
    """The text with non-word characters as spaces and digits as "0" (``\\W`` and ``\\d`` as ``re`` reads them)."""
    return text.translate(_SHAPE)


@cache  # a rule set's own automaton and the rule book's read the same patterns
def openings(pattern: str) -> frozenset[str]:
    """The shaped literal strings one of which starts every match of ``pattern`` ("" when a match may start with
    anything). Lookarounds and anchors are passed over, so an opening may accept more than the pattern does."""
    parsed = list(sre_parse.parse(pattern))
    if len(parsed) == 1 and parsed[0][0] is sre.BRANCH:
        # Each top-level alternative is spelt out on its own, so that one with many spellings crowds out no other.
        return frozenset().union(*(_starts(list(branch), "") for branch in parsed[0][1][1]))
    return frozenset(_starts(parsed, ""))


_Items = list[tuple[Any, Any]]


def _starts(items: _Items, opened: str) -> set[str]:
    """The openings of a parsed sequence, after the (shaped) characters ``opened`` already read."""
    if len(opened) >= _LONGEST or not items:
        return {opened}
    (op, argument), rest = items[0], items[1:]
    if op is sre.LITERAL:
        return _starts(rest, opened + shape(chr(argument)))
    if op in _ZERO_WIDTH:
        return _starts(rest, opened)  # the opening goes on after it
    if op is sre.SUBPATTERN:
        return _starts([*argument[-1], *rest], opened)
    ways = _ways(op, argument, rest, opened)
    return {opened} if ways is None else _any_of(opened, *ways)


_ZERO_WIDTH = frozenset({sre.ASSERT, sre.ASSERT_NOT, sre.AT})
_REPEATS = frozenset({sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT})
_Ways = list[tuple[str, _Items]]


def _ways(op: Any, argument: Any, rest: _Items, opened: str) -> tuple[_Ways, _Ways] | None:
    """The ways a choice (a branch, a character class, a repeat) goes on, in full and cut short after the choice;
    None where the opening ends (any character, a wide class, a back reference)."""
    if op is sre.BRANCH:
        branches = [list(branch) for branch in argument[1]]
        return [(opened, [*branch, *rest]) for branch in branches], [(opened, branch) for branch in branches]
    if op is sre.IN:
        chars = _class_members(argument)
        if chars is None:
            return None
        return [(opened + char, rest) for char in chars], [(opened + char, []) for char in chars]
    if op in _REPEATS:
        least, most, repeated = argument
        if least:
            return [(opened, list(repeated))], []  # at least once: its own opening, then stop
        # Optional: the opening goes on after it, or starts with it (and ends there unless it occurs at most once).
        return [(opened, rest), (opened, [*repeated, *rest] if most == 1 else list(repeated))], []
    return None


def _any_of(opened: str, ways: list[tuple[str, _Items]], shorter: list[tuple[str, _Items]]) -> set[str]:
    """The openings of several ways to go on: spelt out in full, else cut short after the choice (``shorter``), else
    ``opened`` itself when even that makes too many. A shorter opening only accepts more spots."""
    for choice in (ways, shorter):
        found: set[str] = set()
        for start, items in choice:
            found |= _starts(items, start)
            if len(found) > _MOST:
                break
        else:
            if choice:
                return found
    return {opened}


def _class_members(members: _Items) -> list[str] | None:
    """The shaped characters a character class matches, or None when there are too many to spell out."""
    chars: set[str] = set()
    for op, argument in members:
        if op is sre.LITERAL:
            chars.add(shape(chr(argument)))
        elif op is sre.RANGE and argument[1] - argument[0] < _WIDEST_CLASS:
            chars |= {shape(chr(code)) for code in range(argument[0], argument[1] + 1)}
        elif op is sre.CATEGORY and argument is sre.CATEGORY_DIGIT:
            chars.add("0")
        else:
            return None
    return sorted(chars)


class Openings:
    """An automaton over the openings of groups of patterns (one group per rule set): which patterns of which group
    may match at which word start. Rule sets scanned together share one automaton and one pass."""

    def __init__(self, groups: Sequence[Sequence[str]]) -> None:
        by_key: dict[str, dict[int, set[int]]] = {}
        for group, patterns in enumerate(groups):
            for index, pattern in enumerate(patterns):
                for opening in openings(pattern):
                    # The space stands for the non-word character (or the text's start) before a word start.
                    by_key.setdefault(" " + opening, {}).setdefault(group, set()).add(index)
        keys = sorted(by_key)
        self._groups = len(groups)
        self._targets = tuple(
            tuple((group, tuple(sorted(indexes))) for group, indexes in sorted(by_key[key].items())) for key in keys
        )
        self._automaton = ahocorasick_rs.AhoCorasick(keys) if keys else None

    def candidates(self, folded: str) -> list[list[tuple[int, tuple[int, ...]]]]:
        """Per group, the word starts where some of its patterns may match, in order, each with those patterns'
        indexes in order."""
        found: list[dict[int, tuple[int, ...]]] = [{} for _ in range(self._groups)]
        if self._automaton is not None:
            targets = self._targets
            # A key starts at the character before the word start; with the leading space, at the word start itself.
            for key, start, _ in self._automaton.find_matches_as_indexes(" " + shape(folded), overlapping=True):
                for group, indexes in targets[key]:
                    starts = found[group]
                    before = starts.get(start)
                    starts[start] = indexes if before is None else tuple(sorted({*before, *indexes}))
        return [sorted(starts.items()) for starts in found]
