"""Spelling: a question's mistyped words read as the words the corpus prints.

People type fast: "like-for-lkie", "prospectve dividend yeild", "building contrls". A word
that is neither in the corpus nor an English word is read as the corpus word one edit away
(a letter dropped, added, changed or two swapped), the most frequent if several are, or
else as the most frequent corpus word it begins ("recog" for "recognition"). Words
the corpus or English knows (British spellings too), words no corpus word is near (jargon:
"capex"), short words and capitals (acronyms, names) are left as typed. The English word
list ships with the ``pyspellchecker`` package, so nothing is downloaded.

A stock ticker stands for its company's name ("MSFT", "acmg's"): a word of four or five letters,
at most one a vowel, that neither the corpus nor English knows is read as the one name the
corpus prints more than once (never in lower case) that starts with its first letter and
holds all its letters in order ("Microsoft", "Dunmore"). Shorter acronyms ("OPM", "AWS")
and those with vowels ("CEO") fit too many names by chance.
"""

from __future__ import annotations

import logging
import re
import string
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from assistant.synonyms import ACRONYM_NAMES, MEASURE_ACRONYMS

log = logging.getLogger(__name__)

MIN_LENGTH = 4  # shorter words have too many neighbours one edit away to guess from
MIN_CLIPPED = 5  # "comp" begins "company" as well as "comparison": too short to guess from
_WORD = re.compile(r"[A-Za-z]+")
_TOKEN = re.compile(r"(?<![\w'\u2019])[A-Za-z]+(?![\w'\u2019])")
# A ticker: four or five letters, alone or owning what follows ("ACMG's").
_TICKER = re.compile(r"(?<![\w'\u2019&/.-])[A-Za-z]{4,5}(?=['\u2019]s\b|(?![\w'\u2019&/-]))")
_NAME = re.compile(r"[A-Z][a-z]+")
_URL = re.compile(r"https?://\S+")


@lru_cache(maxsize=1)
def _english() -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(distance=1)


# British endings and their American forms, which the English word list holds.
_BRITISH = (("isation", "ization"), ("ise", "ize"), ("yse", "yze"), ("our", "or"), ("tre", "ter"))


def _american(word: str) -> list[str]:
    """The American spellings ``word`` may be the British form of ("capitalisation")."""
    out = []
    for british, american in _BRITISH:
        at = word.find(british)
        if at > 0:
            out.append(word[:at] + american + word[at + len(british) :])
    return out


def edits(word: str) -> set[str]:
    """Every string one edit from ``word``: a letter dropped, swapped, changed or added."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    letters = string.ascii_lowercase
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in letters}
        | {a + c + b for a, b in splits for c in letters}
    )


class Speller:
    """Corrects a question's words against one corpus's vocabulary."""

    def __init__(self, texts: Iterable[str]) -> None:
        words = [w for t in texts for w in _WORD.findall(_URL.sub(" ", t))]
        self.vocabulary = Counter(w.lower() for w in words)
        lower = {w for w in words if w.islower()}
        # Names a ticker may stand for: written capitalised more than once and never in lower
        # case ("Microsoft"; not "Direct", which "direct costs" writes in lower case).
        named = Counter(w for w in words if _NAME.fullmatch(w) and w.lower() not in lower)
        self.names = frozenset(w for w, n in named.items() if n > 1)

    def known(self, word: str) -> bool:
        """Is ``word`` (lower-cased) a word of the corpus or of English, as typed?"""
        if word in self.vocabulary or (word.endswith("s") and word[:-1] in self.vocabulary):
            return True
        return any(w in _english() for w in (word, *_american(word)))

    def best(self, word: str) -> str | None:
        """The word meant by a mistyped ``word`` (lower-cased), or None if none is clear."""
        near = []
        if len(word) >= MIN_CLIPPED:
            # "store refurb", "online pharm": a word cut short is the corpus word it begins,
            # rather than another a letter away ("charm").
            near = [w for w in self.vocabulary if w.startswith(word) and len(w) > len(word) + 1]
        near = near or [w for w in edits(word) if w in self.vocabulary and len(w) >= MIN_LENGTH - 1]
        return max(near, key=lambda w: (self.vocabulary[w], -len(w), w)) if near else None

    def ticker(self, word: str) -> str | None:
        """The name a ticker-like ``word`` stands for ("msft": "Microsoft"), if just one."""
        typed = word.lower()
        if len(typed) < 4 or self.known(typed) or len(re.findall("[aeiou]", typed)) > 1:
            return None  # "CEO", "IPO": an acronym's vowels are its words' initials
        found = [
            n
            for n in self.names
            if n[0].lower() == typed[0] and len(n) > len(typed) + 1 and _in_order(typed, n.lower())
        ]
        return found[0] if len(found) == 1 else None

    def correct(self, question: str) -> str:
        """``question`` with each mistyped word replaced by the word it most likely means."""
        question = _TICKER.sub(lambda m: self.ticker(m.group(0)) or m.group(0), question)

        def fix(match: re.Match[str]) -> str:
            typed = match.group(0)
            word = typed.lower()
            if len(word) < MIN_LENGTH or typed.isupper() or self.known(word):
                return typed
            if word in MEASURE_ACRONYMS or word in ACRONYM_NAMES:
                return typed  # "ebit" typed in lower case is the acronym, not "exit"
            meant = self.best(word)
            if meant is None:
                return typed
            log.debug("reading %r as %r", typed, meant)
            return meant.capitalize() if typed[0].isupper() else meant

        return _TOKEN.sub(fix, question)


def _in_order(letters: str, word: str) -> bool:
    """Does ``word`` hold every one of ``letters``, in that order ("msft" in "microsoft")?"""
    rest = iter(word)
    return all(letter in rest for letter in letters)


__all__ = ["MIN_LENGTH", "Speller", "edits"]
