"""Misspelt place names ("Zeevenaar", "Apeldorn", "Rotterdm") matched against the big names only.

Only municipality names, their aliases and curated neighbourhoods are candidates: the 2,500 village
names hold too many everyday words ("Buren", "Heel") to be guessed at. A word is tried only when it
is long enough, looks like a name (a capital inside a sentence) or follows a locative preposition,
and is not an ordinary word; the score cutoff is strict so a near miss stays unmatched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from services.classify.normalize import Token, in_capitals_run, in_handle, is_sentence_start

_MIN_LENGTH = 5
# rapidfuzz ratio (0-100, indel distance): 88 accepts one dropped, doubled or swapped letter in an
# 8-letter name ("apeldorn", "nijmgen") but not a different word of the same length.
_CUTOFF = 88.0
_SWAP_LENGTH = 7
_BESIDE_AREA = frozenset({"centrum", "centraal", "station"})
# "Oudedijk", "Kerkweg": a street name is not a misspelt village ("Oudendijk").
_STREETLIKE = re.compile(r"(?:weg|straat|dijk|laan|kade|gracht|singel|plein|pad|steeg)$")
_LOCATIVE = frozenset({"in", "te", "bij", "uit", "rond", "nabij", "vanuit", "near", "at", "w", "from", "yn", "by"})
# Frequent words a reporter capitalises or puts after "in"/"bij" that sit close to a town name.
_COMMON = frozenset(
    [
        "gisteren", "vannacht", "vanavond", "vanochtend", "vanmiddag", "iemand", "niemand", "mensen", "politie",
        "agenten", "jongens", "meisjes", "buurman", "buurvrouw", "station", "centrum", "winkel", "school",
        "scholen", "straat", "huizen", "hoeken", "achter", "midden", "boven", "beneden", "binnen", "buiten",
        "zomer", "winter", "avond", "nacht", "ochtend", "middag", "weekend", "morgen", "eerst", "echter",
        "gewoon", "helemaal", "zeker", "precies", "alweer", "steeds", "altijd", "nooit", "elkaar", "samen",
        "tussen",
    ]
)  # fmt: skip


class FuzzyPlaces:
    """Nearest big place name for a misspelt word, or None."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        # folded compact name -> label; "Den Haag" is matched as "denhaag" would be, so skip spaces.
        self._labels = {key: label for key, label in names if len(key) >= _MIN_LENGTH and key.isalpha()}
        self._choices = list(self._labels)
        self._cache: dict[str, str | None] = {}

    def candidates(self, text: str, words: list[Token], known: frozenset[str], *, shouting: bool) -> list[int]:
        """Indexes of the words worth a fuzzy look-up (``shouting``: the text is in capitals)."""
        unknown = [
            index
            for index, (start, end, name) in enumerate(words)
            if end - start >= _MIN_LENGTH
            and name not in known
            and name not in _COMMON
            and name.isalpha()
            and not _STREETLIKE.search(name)
        ]
        if not unknown:
            return []
        picked: list[int] = []
        for index in unknown:
            word = words[index]
            previous = words[index - 1].text if index else ""
            # "te smeren", "in en uit geladen": an infinitive or a participle, not a misspelt town.
            verb = (previous == "te" and word.text.endswith("en")) or (
                previous == "uit" and word.text.startswith("ge") and word.text.endswith("en")
            )
            after_locative = previous in _LOCATIVE and not verb
            following = words[index + 1].text if index + 1 < len(words) else ""
            # "Apeldorn: vanmiddag ...", "Helmondt centrum NU": a label opening a message is a place even there.
            labelled = text[word.end : word.end + 1] == ":" or following in _BESIDE_AREA
            capital = (
                text[word.start].isupper()
                and (labelled or not is_sentence_start(text, word.start))
                and not shouting
                and not in_capitals_run(text, words, index)
            )
            if (after_locative or capital) and not in_handle(text, word.start):
                picked.append(index)
        return picked

    def match(self, word: str) -> str | None:
        """The label of the closest name above the cutoff (answers are cached: tips repeat words)."""
        if word not in self._cache:
            if len(self._cache) > 20_000:
                self._cache.clear()
            self._cache[word] = self._best(word)
        return self._cache[word]

    def _best(self, word: str) -> str | None:
        # Dutch writers swap "y" and "ij" ("Harderwyk"), dialect writes "ie" for "ij" ("Delfziel", "Vriethof"); try
        # the spelling the gazetteer uses first.
        for variant in dict.fromkeys((word.replace("y", "ij"), word, word.replace("ie", "ij"))):
            found = process.extractOne(variant, self._choices, scorer=fuzz.ratio, score_cutoff=_CUTOFF)
            if found is not None and abs(len(found[0]) - len(variant)) <= 2:
                return self._labels[found[0]]
        # Two swapped letters ("tilbrug") cost the ratio two edits; in a longer word they count as one.
        if len(word) >= _SWAP_LENGTH:
            for i in range(len(word) - 1):
                swapped = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
                if swapped in self._labels:
                    return self._labels[swapped]
        return None
