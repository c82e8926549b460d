"""The rule engine: finding rules by their openings, spelling out leading groups and merging alternatives into a trie
must not change what matches."""

from __future__ import annotations

import json
import re
from itertools import islice, product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.classify import train
from services.classify.lexicon import CATEGORY_RULES
from services.classify.normalize import fold
from services.classify.openings import Openings, openings, shape
from services.classify.reportable import CUE_RULES
from services.classify.rules import RuleBook, RuleSet, _alternatives, _split_by_start, _trie, rule
from services.classify.urgency import URGENCY_RULES


@pytest.mark.parametrize(
    ("pattern", "spelt"),
    [
        ("(?:kei)?harde muziek", ["keiharde muziek", "harde muziek"]),
        ("(?:de|het) (?:schuur|huis)", ["de (?:schuur|huis)", "het (?:schuur|huis)"]),
        ("[cç]al\\w*|x", ["cal\\w*", "çal\\w*", "x"]),
        ("(?:a|b)+c", ["(?:a|b)+c"]),
        ("[a-z]x", ["[a-z]x"]),
        ("(?<!lek )gestoken", ["(?<!lek )gestoken"]),
        ("a?jiw", ["ajiw", "jiw"]),
        ("l?ambulance (?:\\w+ )?stuck", ["lambulance (?:\\w+ )?stuck", "ambulance (?:\\w+ )?stuck"]),
    ],
)
def test_leading_groups_are_spelt_out(pattern: str, spelt: list[str]) -> None:
    assert _alternatives(pattern) == spelt


def test_spelt_out_alternatives_match_what_the_pattern_matches() -> None:
    for ruleset in (CATEGORY_RULES, CUE_RULES):
        for item in ruleset.rules:
            whole = re.compile(rf"(?:{item.pattern})(?!\w)")
            parts = [re.compile(rf"(?:{part})(?!\w)") for part in _alternatives(item.pattern)]
            for sample in ("de schuur in geweest", "gestolen uit de garage", "keiharde muziek", "mijn fiets"):
                assert bool(whole.match(sample)) == any(part.match(sample) for part in parts), (item.name, sample)


_WORDS = st.sampled_from(
    ["de", "het", "schuur", "in", "geweest", "gestolen", "uit", "garage", "harde", "keiharde", "muziek", "x", "mes"]
)


@given(st.lists(_WORDS, min_size=1, max_size=12))
def test_a_rule_set_finds_every_rule_wherever_it_starts(words: list[str]) -> None:
    rules = RuleSet(
        [
            rule("a", r"(?:de|het|ons) (?:schuur|garage) in geweest", x=1.0),
            rule("b", r"(?:gestolen|gejat) uit (?:de|het) \w+", x=1.0),
            rule("c", r"(?:kei)?harde muziek", x=1.0),
            rule("d", r"(?:keuken)?mes", x=1.0),
        ]
    )
    text = fold(" ".join(words))
    expected = set()
    for item in rules.rules:
        for start in (m.start() for m in re.finditer(r"(?<!\w)\w", text)):
            if re.compile(rf"(?:{item.pattern})(?!\w)").match(text, start):
                expected.add(start)
    assert {hit.start for hit in rules.scan(text)} == expected


def test_the_trie_shaped_finder_matches_where_the_plain_alternation_does() -> None:
    samples = [
        "vecht verdacht vernield vechtpartij verder",
        "keiharde muziek en harde muziek, de schuur in geweest",
        "iemand steekt hem neer, lek gestoken, gestoken, hamers en een hamer",
        "a b ab abc",
    ]
    samples += [fold(line) for line in _tip_texts()]
    for ruleset in (CATEGORY_RULES, CUE_RULES, URGENCY_RULES):
        alternatives = [part for item in ruleset.rules for part in _alternatives(item.pattern)]
        plain = re.compile(rf"(?<!\w)(?=(?:{'|'.join(alternatives)})(?!\w))")
        trie = re.compile(rf"(?<!\w)(?=(?:{_trie(alternatives)})(?!\w))")
        for sample in samples:
            assert [m.start() for m in trie.finditer(sample)] == [m.start() for m in plain.finditer(sample)], sample
    assert _trie(["ab", "a", "abc", "b"]) == "a(?:|b(?:|c(?:)))|b(?:)"


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("messen|mes", {"messen", "mes"}),
        ("mes?", {"me", "mes"}),
        ("m\\w+", {"m"}),
        ("(?:de|het) auto", {"de auto", "het auto"}),
        ("(?<!lek )gestoken", {"gestoken"}),
        ("(?<!eraf )(?<!kapot )getrapt\\b", {"getrapt"}),
        ("\\d+ euro", {"0"}),
        ("\\d? euro", {" euro", "0 euro"}),
        ("06-?\\d{8}", {"00 0", "000"}),
        ("[cç]al\\w*", {"cal", "çal"}),
        ("\\w+ weken", {""}),
        ("'s nachts", {" s nachts"}),
        ("verschrikkelijk veel", {"verschrikkel"}),
    ],
)
def test_a_rule_opens_with_the_literal_letters_every_match_starts_with(pattern: str, expected: set[str]) -> None:
    assert openings(pattern) == expected


def test_too_many_spellings_cut_the_opening_short() -> None:
    words = "|".join(islice(map("".join, product("abcdefghij", repeat=3)), 300))
    assert openings(f"(?:mijn|ons) (?:{words})") == {"mijn ", "ons "}
    assert openings(f"x(?:{words})") == {"x"}


def test_the_shape_makes_every_non_word_character_a_space_and_every_digit_a_zero() -> None:
    assert shape("06-1234 ab_c, 'x' ٣ 😂é") == "00 0000 ab_c   x  0  é"
    assert len(shape("a\u200bb")) == 3


def test_openings_find_word_starts_only() -> None:
    index = Openings([["mes", "(?:de|het) auto", "\\d+ euro"], ["auto", "me\\w+"]])
    found = index.candidates("een mes, messen, tames; de auto 12 euro")
    assert found == [[(4, (0,)), (9, (0,)), (24, (1,)), (32, (2,))], [(4, (1,)), (9, (1,)), (27, (0,))]]
    assert index.candidates("mes") == [[(0, (0,))], [(0, (1,))]]
    assert Openings([[]]).candidates("mes") == [[]]


def test_a_rule_book_finds_what_each_rule_set_finds() -> None:
    book = RuleBook(CATEGORY_RULES, CUE_RULES, URGENCY_RULES)
    for sample in [fold(line) for line in _tip_texts()]:
        scanned = book.scan(sample)
        for ruleset in (URGENCY_RULES, CATEGORY_RULES, CUE_RULES):
            assert scanned.hits(ruleset) == ruleset.scan(sample)
        assert scanned.hits(CUE_RULES) is scanned.hits(CUE_RULES)  # worked out once


def test_the_openings_pick_the_rule_that_trying_every_rule_in_order_picks() -> None:
    for ruleset in (CATEGORY_RULES, CUE_RULES, URGENCY_RULES):
        symbols = {item for item, _ in ruleset._symbols}
        word_rules, _ = _split_by_start([item for item in ruleset.rules if item not in symbols])
        compiled = [(item, re.compile(rf"(?:{item.pattern})(?!\w)")) for item in word_rules]
        for sample in [fold(line) for line in _tip_texts()]:
            picked = {hit.start: hit.rule.name for hit in ruleset.scan(sample) if hit.rule in word_rules}
            expected = {}
            for start in (match.start() for match in re.finditer(r"(?<!\w)", sample)):
                first = next((item.name for item, pattern in compiled if pattern.match(sample, start)), None)
                if first is not None:
                    expected[start] = first
            assert picked == expected, sample


def _tip_texts() -> list[str]:
    """The texts of tips-dev, the first tuning file."""
    lines = train.TUNING_FILES[0].read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines]


def test_a_rule_with_word_endings_among_its_alternatives_finds_them_once_per_word() -> None:
    rules = RuleSet([rule("school", r"basisschool|\w+school|schoolplein", x=1.0), rule("plein", r"\w*plein", y=1.0)])
    hits = rules.scan("voor de basisschool en de dansschool, op het schoolplein")
    found = sorted((hit.start, hit.rule.name) for hit in hits)
    assert found == [(8, "school"), (26, "school"), (45, "plein"), (45, "school")]
    starts, endings = _split_by_start(rules.rules)
    assert [item.pattern for item in starts] == ["basisschool|schoolplein"]
    assert sorted(item.pattern for item in endings) == ["\\w*plein", "\\w+school"]


def test_symbol_rules_are_searched_in_ascii_text_when_one_of_them_is_ascii() -> None:
    emoji_only = RuleSet([], [rule("joke", "😂|🤣", x=1.0)])
    with_ascii = RuleSet([], [rule("joke", "😂|:\\)", x=1.0)])
    assert [hit.rule.name for hit in emoji_only.scan("haha 😂")] == ["joke"]
    assert emoji_only.scan("haha :)") == []
    assert [hit.rule.name for hit in with_ascii.scan("haha :)")] == ["joke"]


def test_lookbehinds_and_digits_do_not_hide_a_rule() -> None:
    rules = RuleSet(
        [
            rule("stabbed", r"(?<!lek )gestoken", x=1.0),
            rule("money", r"\d+ euro", y=1.0),
            rule("knife", r"mes", z=1.0),
        ]
    )
    text = "band lek gestoken, toen gestoken met een mes, 50 euro kwijt, ٥ euro"
    found = sorted((hit.start, hit.rule.name) for hit in rules.scan(text))
    expected = [(text.index("toen gestoken") + 5, "stabbed"), (text.index(" mes") + 1, "knife")]
    assert found == [*expected, (text.index("50 euro"), "money"), (text.index("٥ euro"), "money")]
