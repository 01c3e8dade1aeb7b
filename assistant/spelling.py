"""Spelling: a question's mistyped words read as the words the corpus prints.

People type fast: "like-for-lkie", "prospectve dividend yeild", "building contrls". A word
that is neither in the corpus nor an English word is read as the corpus word one edit away
(a letter dropped, added, changed or two swapped), the most frequent if several are, or
else as the most frequent corpus word it begins ("recog" for "recognition"). Words
the corpus or English knows (British spellings too), words no corpus word is near (jargon:
"capex"), short words and capitals (acronyms, names) are left as typed. The English word
list ships with the ``pyspellchecker`` package, so nothing is downloaded.
"""

from __future__ import annotations

import logging
import re
import string
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

log = logging.getLogger(__name__)

MIN_LENGTH = 4  # shorter words have too many neighbours one edit away to guess from
MIN_CLIPPED = 5  # "comp" begins "company" as well as "comparison": too short to guess from
_WORD = re.compile(r"[A-Za-z]+")
_TOKEN = re.compile(r"(?<![\w'\u2019])[A-Za-z]+(?![\w'\u2019])")


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
        self.vocabulary = Counter(w.lower() for t in texts for w in _WORD.findall(t))

    def known(self, word: str) -> bool:
        """Is ``word`` (lower-cased) a word of the corpus or of English, as typed?"""
        if word in self.vocabulary or (word.endswith("s") and word[:-1] in self.vocabulary):
            return True
        return any(w in _english() for w in (word, *_american(word)))

    def best(self, word: str) -> str | None:
        """The word meant by a mistyped ``word`` (lower-cased), or None if none is clear."""
        near = []
        if len(word) >= MIN_CLIPPED:
            # "facial recog", "general merch": a word cut short is the corpus word it begins,
            # rather than another a letter away ("march").
            near = [w for w in self.vocabulary if w.startswith(word) and len(w) > len(word) + 1]
        near = near or [w for w in edits(word) if w in self.vocabulary and len(w) >= MIN_LENGTH - 1]
        return max(near, key=lambda w: (self.vocabulary[w], -len(w), w)) if near else None

    def correct(self, question: str) -> str:
        """``question`` with each mistyped word replaced by the word it most likely means."""

        def fix(match: re.Match[str]) -> str:
            typed = match.group(0)
            word = typed.lower()
            if len(word) < MIN_LENGTH or typed.isupper() or self.known(word):
                return typed
            meant = self.best(word)
            if meant is None:
                return typed
            log.debug("reading %r as %r", typed, meant)
            return meant.capitalize() if typed[0].isupper() else meant

        return _TOKEN.sub(fix, question)


__all__ = ["MIN_LENGTH", "Speller", "edits"]
