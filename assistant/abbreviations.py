"""Short forms that stand for words: acronyms ("EPS", "D&A", "TTD") and clipped compounds
("capex"). A question may use them where the documents write the words out, and a table may
clip a word the question writes out ("Adj."); these helpers say whether a text spells or
clips them. No list of abbreviations: the letters decide.
"""

from __future__ import annotations

import itertools
import re

# Little words an acronym may count or skip ("Taste the Difference" is TTD; "earnings is
# $8.58 per share" spells EPS).
_GLUE = frozenset({"is", "are", "was", "were", "the", "a", "an", "s", "and", "of", "for", "to"})
_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,5}")
_POSSESSIVE = re.compile(r"['\u2019]s?\b")


def as_written(name: str, text: str) -> re.Match[str] | None:
    """Where ``name`` stands in ``text`` as a whole name, in any case ("aws" in "AWS's")."""
    return re.search(rf"(?<![\w&]){re.escape(name)}(?![\w&])", text, re.IGNORECASE)


def unknown_acronyms(question: str, names: frozenset[str], known: frozenset[str]) -> frozenset[str]:
    """Names of the question written in capitals ("D&A") that no document uses as a name.

    A possessive ("AWS's share") owns what follows: it stays a name.
    """
    found = set()
    for name in names - known:
        written = as_written(name, question)
        if (
            written
            and _ACRONYM.fullmatch(written.group(0))
            and not _POSSESSIVE.match(question, written.end())
        ):
            found.add(name)
    return frozenset(found)


def spells(acronym: str, text: str) -> bool:
    """Do consecutive words of ``text`` start with the acronym's letters ("gmv")?

    Little words may count or not: "earnings is $8.58 per share" spells EPS, "Taste the
    Difference" spells TTD, "depreciation and amortisation" spells D&A.
    """
    letters = re.sub(r"[^a-z]", "", acronym.lower())
    words = re.findall(r"[a-z]+", text.lower())
    return len(letters) >= 2 and any(
        w[0] == letters[0] and _spelled(words, i, letters) for i, w in enumerate(words)
    )


def _spelled(words: list[str], i: int, letters: str) -> bool:
    if not letters:
        return True
    if i >= len(words):
        return False
    if words[i][0] == letters[0] and _spelled(words, i + 1, letters[1:]):
        return True
    return words[i] in _GLUE and _spelled(words, i + 1, letters)


def clips_two(word: str, text: str) -> bool:
    """Is ``word`` the clipped start of two consecutive words of ``text`` ("capex" for
    "capital expenditure", "opex" for "operating expenses")?"""
    words = re.findall(r"[a-z]+", text.lower())
    return any(
        a.startswith(word[:cut]) and b.startswith(word[cut:])
        for a, b in itertools.pairwise(words)
        for cut in range(2, len(word) - 1)
    )


def abbreviates(short: str, word: str, clause: str) -> bool:
    """Is ``short`` written as an abbreviation of ``word`` ("Adj." for "adjusted")?"""
    return (
        3 <= len(short) < len(word)
        and word.startswith(short)
        and re.search(rf"\b{re.escape(short)}\.", clause, re.IGNORECASE) is not None
    )


__all__ = ["abbreviates", "as_written", "clips_two", "spells", "unknown_acronyms"]
