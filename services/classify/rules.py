"""A tiny rule engine: many named patterns compiled into one regex, scanned in one pass."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from services.classify.openings import Openings
from shared.contracts import Span


@dataclass(frozen=True, slots=True)
class Rule:
    """A named pattern and the weight it adds to each label it supports."""

    name: str
    pattern: str
    weights: tuple[tuple[str, float], ...]


class Hit(NamedTuple):
    """Where one rule matched (a tuple: one is built for every match in every tip)."""

    rule: Rule
    start: int
    end: int

    def span(self, text: str) -> Span:
        """The evidence span for this hit in the original text."""
        return Span(start=self.start, end=self.end, text=text[self.start : self.end], rule=self.rule.name)


def rule(name: str, pattern: str, **weights: float) -> Rule:
    """Shorthand for a rule: ``rule("theft.stolen", r"gestolen", theft=1.0)``."""
    return Rule(name, pattern, tuple(weights.items()))


class RuleSet:
    """Rules matched together: one Aho-Corasick pass (``openings``) finds the word starts where some rule may match and
    which rules; those are tried there in their listed order and the first one that matches wins. Word endings
    ("\\w+straat") and symbols (emoji) are searched for on their own.
    """

    def __init__(self, word_rules: Sequence[Rule], symbol_rules: Sequence[Rule] = ()) -> None:
        self.rules = [*word_rules, *symbol_rules]
        prefix_rules, suffix_rules = _split_by_start(word_rules)
        self._word_rules = [(item, re.compile(rf"(?:{item.pattern})(?!\w)")) for item in prefix_rules]
        self.word_patterns = [item.pattern for item in prefix_rules]
        # Word-ending rules ("\w*dief", "\w+straat") are searched for their ending, which is far cheaper
        # than trying them at every word start.
        self._suffixes = [(item, re.compile(_suffix_pattern(item.pattern))) for item in suffix_rules]
        # One pass finds every ending, filed under first letters like the word rules (the guard that an ending must
        # not start a word is left to each rule's own pattern); the rule is then told apart at that spot only.
        endings = [Rule(item.name, item.pattern[3:], item.weights) for item in suffix_rules]
        self._suffix_finder = re.compile(rf"(?:{_bucketed_alternatives(endings)})(?!\w)") if endings else None
        self._symbols = [(item, re.compile(item.pattern)) for item in symbol_rules]
        self._symbol_finder = re.compile(_symbol_alternatives(symbol_rules)) if symbol_rules else None
        # Emoji are never ASCII: most texts are, and a quick isascii() spares them the search.
        self._symbols_need_non_ascii = all(
            not alternative.isascii() for item in symbol_rules for alternative in _alternatives(item.pattern)
        )

    @cached_property
    def _openings(self) -> Openings:
        # Built when the set is first scanned on its own: the classifier scans all its sets together (``RuleBook``).
        return Openings([self.word_patterns])

    def scan(self, folded: str) -> list[Hit]:
        """Every rule hit in a folded text, at most one per start position."""
        return self.hits(folded, self._openings.candidates(folded)[0])

    def hits(self, folded: str, openings: list[tuple[int, tuple[int, ...]]]) -> list[Hit]:
        """``scan`` with the word starts (and the indexes of the ``word_patterns`` that may match there) known."""
        hits: list[Hit] = []
        word_rules = self._word_rules
        for position, candidates in openings:
            for index in candidates:
                item, pattern = word_rules[index]
                match = pattern.match(folded, position)
                if match:
                    hits.append(_new(Hit, (item, position, match.end())))
                    break
        if self._suffix_finder is not None:
            for found in self._suffix_finder.finditer(folded):
                position = found.start()
                for item, pattern in self._suffixes:
                    match = pattern.match(folded, position)
                    if match:
                        start = _word_start(folded, position)
                        # A rule split into openers and endings hits a word once ("basisschool", "\w+school").
                        if not any(hit.start == start and hit.rule.name == item.name for hit in hits):
                            hits.append(_new(Hit, (item, start, match.end())))
                        break
        if self._symbol_finder is not None and not (self._symbols_need_non_ascii and folded.isascii()):
            for found in self._symbol_finder.finditer(folded):
                position = found.start()
                for item, pattern in self._symbols:
                    match = pattern.match(folded, position)
                    if match:
                        hits.append(_new(Hit, (item, position, match.end())))
                        break
        return hits


class RuleBook:
    """Rule sets scanned together: one pass of one automaton finds where the rules of all of them may start."""

    def __init__(self, *rulesets: RuleSet) -> None:
        self._rulesets = rulesets
        self._openings = Openings([ruleset.word_patterns for ruleset in rulesets])

    def scan(self, folded: str) -> ScannedText:
        """The text's openings, from which each rule set's hits are worked out when first asked for."""
        return ScannedText(folded, self._rulesets, self._openings.candidates(folded))


class ScannedText:
    """One text scanned by a ``RuleBook``: each rule set's hits, worked out once, when first asked for (the urgency
    rules are only needed for tips)."""

    def __init__(
        self, folded: str, rulesets: Sequence[RuleSet], openings: list[list[tuple[int, tuple[int, ...]]]]
    ) -> None:
        self.folded = folded
        self._openings = dict(zip(map(id, rulesets), openings, strict=True))
        self._hits: dict[int, list[Hit]] = {}

    def hits(self, ruleset: RuleSet) -> list[Hit]:
        """The rule set's hits, as ``ruleset.scan`` finds them (the list is shared: do not change it)."""
        key = id(ruleset)
        found = self._hits.get(key)
        if found is None:
            found = self._hits[key] = ruleset.hits(self.folded, self._openings[key])
        return found


# tuple.__new__ builds a Hit without NamedTuple's Python-level constructor.
_new = tuple.__new__


def _split_by_start(rules: Sequence[Rule]) -> tuple[list[Rule], list[Rule]]:
    """The rules as tried at word starts, and as word endings: a rule's alternatives that open with ``\\w*`` or
    ``\\w+`` ("\\w+school", "\\w+ weken terug") become endings of their own (same name and weights). Tried at
    every word start, such an alternative runs through the word and back again, which cost the urgency finder
    a third of its time."""
    starts: list[Rule] = []
    endings: list[Rule] = []
    for item in rules:
        alternatives = _top_level_alternatives(item.pattern)
        openers = [alternative for alternative in alternatives if not _is_suffix(alternative)]
        if len(openers) == len(alternatives):
            starts.append(item)
            continue
        if openers:
            starts.append(Rule(item.name, "|".join(openers), item.weights))
        endings += [
            Rule(item.name, alternative, item.weights) for alternative in alternatives if _is_suffix(alternative)
        ]
    return starts, endings


def _is_suffix(pattern: str) -> bool:
    return pattern.startswith(("\\w*", "\\w+"))


def _suffix_pattern(pattern: str) -> str:
    """``\\w+(?:straat|laan)`` -> the ending alone, which must end a word (and for ``+`` not start one)."""
    guard = "(?<=\\w)" if pattern.startswith("\\w+") else ""
    return rf"{guard}(?:{pattern[3:]})(?!\w)"


def _word_start(text: str, index: int) -> int:
    while index > 0 and text[index - 1].isalnum():
        index -= 1
    return index


def _symbol_alternatives(rules: Sequence[Rule]) -> str:
    """One character class when every alternative is a single character (emoji): the regex engine then jumps from
    candidate to candidate instead of trying each alternative at every position."""
    alternatives = [alternative for item in rules for alternative in _alternatives(item.pattern)]
    if all(len(alternative) == 1 for alternative in alternatives):
        return f"[{''.join(re.escape(alternative) for alternative in alternatives)}]"
    return "|".join(f"(?:{item.pattern})" for item in rules)


def _bucketed_alternatives(rules: Sequence[Rule]) -> str:
    """All alternatives as one trie-shaped alternation, for a finder that only needs to know where some rule matches.
    A leading lookbehind is left to the rule itself ("(?<!lek )gestoken" is found as "gestoken"): a finder may find
    more spots than rules match, and one that opens with its letters joins the trie instead of being tried at every
    word, which cost the lexicon's finder half its time."""
    return _trie([_after_lookbehinds(alternative) for item in rules for alternative in _alternatives(item.pattern)])


def _after_lookbehinds(alternative: str) -> str:
    while alternative.startswith(("(?<!", "(?<=")):
        alternative = alternative[_closing(alternative) + 1 :]
    return alternative


def _trie(alternatives: Sequence[str], depth: int = 0) -> str:
    """Alternatives grouped under their shared literal beginnings ("vecht|verdacht|vernield" ->
    "v(?:e(?:cht|r(?:dacht|nield)))"): the regex engine then tests each letter once instead of once per alternative,
    which makes the finder about a quarter faster. The order of alternatives changes, so this is only for finders."""
    groups: dict[str, list[str]] = {}
    other: list[str] = []
    digits: list[str] = []
    for alternative in alternatives:
        letter = _first_letter(alternative) if depth < _TRIE_DEPTH else ""
        if letter:
            groups.setdefault(letter, []).append(alternative[1:])
        elif alternative.startswith("\\d") and not alternative.startswith(("\\d?", "\\d*", "\\d{0")):
            digits.append(alternative)  # tried only where a digit is, not at every word
        elif alternative:
            other.append(f"(?:{alternative})")
        else:
            other.append("")  # one alternative ends here; the others go on
    grouped = [
        re.escape(letter) + (f"(?:{_trie(rests, depth + 1)})" if len(rests) > 1 else f"(?:{rests[0]})")
        for letter, rests in sorted(groups.items())
    ]
    if digits:
        other.append(f"(?=\\d)(?:{'|'.join(digits)})")
    return "|".join([*other, *grouped])


_TRIE_DEPTH = 4  # deeper tries measured no faster


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives, with a leading group or character class spelt out ("(?:de|het) x" -> "de x",
    "het x"), so that the endings' trie can merge them by their letters and emoji can form one character class."""
    return [expanded for alternative in _top_level_alternatives(pattern) for expanded in _spelt_out(alternative)]


def _spelt_out(alternative: str, depth: int = 0) -> list[str]:
    if depth > 3:
        return [alternative]
    if len(alternative) > 2 and alternative[0].isalpha() and alternative[1] == "?" and alternative[2] not in "?+*{":
        # An optional first letter ("a?jiw", "l?ambulance"): with it and without it.
        return _spelt_out(alternative[0] + alternative[2:], depth + 1) + _spelt_out(alternative[2:], depth + 1)
    if alternative.startswith("(?:"):
        end = _closing(alternative)
        rest = alternative[end + 1 :]
        optional = rest.startswith("?") and not rest.startswith("??")
        if rest[:1] in ("*", "+", "{") or (rest.startswith("?") and not optional):
            return [alternative]
        rest = rest[1:] if optional else rest
        options = [option + rest for option in _top_level_alternatives(alternative[3:end])] + (
            [rest] if optional else []
        )
        return [spelt for option in options for spelt in _spelt_out(option, depth + 1)]
    if alternative.startswith("[") and "]" in alternative:
        end = alternative.index("]")
        members, rest = alternative[1:end], alternative[end + 1 :]
        if members and not any(char in members for char in "^-\\[") and rest[:1] not in ("*", "+", "?", "{"):
            return [spelt for char in members for spelt in _spelt_out(char + rest, depth + 1)]
    return [alternative]


def _closing(pattern: str) -> int:
    """The index of the parenthesis that closes the group opened at index 0."""
    depth, index, in_class = 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    raise ValueError(f"unbalanced group in {pattern!r}")


def _top_level_alternatives(pattern: str) -> list[str]:
    """Split a pattern on the ``|`` that are not inside groups or character classes."""
    parts: list[str] = []
    depth, start, index, in_class = 0, 0, 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    parts.append(pattern[start:])
    return parts


def _first_letter(alternative: str) -> str:
    """The literal first character of an alternative, or "" when it starts with a group or class."""
    if not alternative or not (alternative[0].isalnum() or alternative[0] in "'@"):
        return ""
    if len(alternative) > 1 and alternative[1] in "?*+{":
        return ""
    return alternative[0]


def totals(hits: Iterable[Hit]) -> dict[str, float]:
    """Sum of weights per label over the hits."""
    result: dict[str, float] = {}
    for hit in hits:
        for label, weight in hit.rule.weights:
            result[label] = result.get(label, 0.0) + weight
    return result


def evidence(hits: Iterable[Hit], text: str, label: str) -> tuple[Span, ...]:
    """The spans of the hits that support ``label``."""
    return tuple(hit.span(text) for hit in hits if any(name == label for name, _ in hit.rule.weights))
