"""Whether a figure's clause uses a word of the compound a question asks in another compound.

A question's measure is often a compound: "(grocery) market share". A clause that uses one of
its words in a compound of its own ("market expectations") measures something else, however
alike the two read by meaning. :func:`other_compound` says so.
"""

from __future__ import annotations

import itertools
import re

from assistant.measure_words import word_stems
from assistant.synonyms import plain_terms
from assistant.text import STOPWORDS, stem


def other_compound(question: str, phrase: str, clause: str) -> bool:
    """Is a word of the asked compound ("(grocery) market share") used by the clause in a
    compound of its own ("market expectations"), without the word it goes with?"""
    typed = word_stems(plain_terms(question))
    words = re.findall(r"[A-Za-z][\w'-]*", clause)
    stated, asked = set(word_stems(clause)), phrase.split()
    for pair in itertools.pairwise(stem(w) for w in asked if len(asked) <= 3):
        if pair not in itertools.pairwise(typed) or pair[1] in stated:
            continue
        # A common noun in lower case modifies the next one: "market expectations".
        if any(
            word.islower() and stem(word) == pair[0] and after.lower() not in STOPWORDS
            for word, after in itertools.pairwise(words)
        ):
            return True
    return False


__all__ = ["other_compound"]
