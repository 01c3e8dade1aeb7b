"""Short forms that stand for words: acronyms ("EPS", "D&A", "POTC") and clipped compounds
("capex"). A question may use them where the documents write the words out, and a table may
clip a word the question writes out ("Adj."); these helpers say whether a text spells or
clips them. No list of abbreviations: the letters decide.
"""

from __future__ import annotations

import itertools
import re

from assistant.text import STOPWORDS
from assistant.units import CURRENCY_PREFIX

# Little words an acronym may count or skip ("Pick of the Crop" is POTC; "earnings is
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


_FIGURE = re.compile(r"\d[\d,.]*\s*(?:(?:thousand|million|billion|trillion)s?\b|bn\b|mn\b)?")


def _figure_gap(match: re.Match[str]) -> str:
    """A figure as one "#" (or blank before "per"), padded to keep every offset."""
    unit_follows = re.match(r"\s*per\b", match.string[match.end() :])
    return (" " if unit_follows else "#").ljust(len(match.group(0)))


# "Return on average tangible common equity (ROTCE)": the phrase's own acronym, a few words on.
_OWN_ACRONYM = re.compile(r"(?:[\s-]+[A-Za-z]+){0,4}\s*\(([A-Z][A-Za-z0-9&]{1,6})\)")


def spells(acronym: str, text: str) -> bool:
    """Do consecutive words of ``text`` start with the acronym's letters ("gmv")?

    Little words may count or not: "earnings is $8.58 per share" spells EPS, "Pick of the
    Crop" spells POTC, "depreciation and amortisation" spells D&A.
    """
    return spelled_words(acronym, text) is not None


def spelled_words(acronym: str, text: str) -> list[str] | None:
    """The words of ``text`` that spell ``acronym`` ("net interest margin" for NIM), or None."""
    letters = re.sub(r"[^a-z]", "", acronym.lower())
    if len(letters) < 2:
        return None
    # A figure breaks the run ("rose to 0.42% of average loans" spells no ROA, "net income of
    # $140.6 million" no NIM), unless a unit follows it: "earnings is $8.58 per share" is EPS.
    spans = list(re.finditer(r"[a-z]+|#", _FIGURE.sub(_figure_gap, text.lower())))
    words = [m.group(0) for m in spans]
    for i, word in enumerate(words):
        # (an article opens no acronym's words: "the common equity" is no TCE, though
        # "Pick of the Crop" is POTC)
        opens = word[0] == letters[0] and word not in ("the", "an")
        found = _spelled(words, i, letters) if opens else None
        if found is None:
            continue
        # ... unless the words go on to a different acronym of their own: "return on
        # average" begins "Return on average tangible common equity (ROTCE)", no ROA.
        last = next(m for m in spans[i:] if m.group(0) == found[-1])
        if "&" in acronym and not re.search(r"\band\b|&", text[spans[i].start() : last.end()]):
            continue  # "M&A" is "mergers and acquisitions", not "mix added"
        own = _OWN_ACRONYM.match(text, last.end())
        if own and own.group(1).rstrip("s").lower() != acronym.lower().rstrip("s"):
            continue
        return found
    return None


def _spelling_word(word: str) -> bool:
    """A word that can give an acronym its letter: not a lone letter ("$m") nor a clipped
    form of its own ("P/TBV" spells no "PT"), nor the negation "non": "non-interest income"
    is not NII (net interest income); acronyms that begin with "non" are named in
    ``synonyms.ACRONYM_NAMES`` ("NPL")."""
    return len(word) > 1 and word != "non" and bool(re.search(r"[aeiouy]", word))


def _spelled(words: list[str], i: int, letters: str) -> list[str] | None:
    if not letters:
        return []
    if i >= len(words):
        return None
    if (
        words[i][0] == letters[0]
        and _spelling_word(words[i])
        and (rest := _spelled(words, i + 1, letters[1:])) is not None
    ):
        return [words[i], *rest]
    return _spelled(words, i + 1, letters) if words[i] in _GLUE else None


def initials_asked(name: str, measures: frozenset[str], words: frozenset[str]) -> bool:
    """Does a question (its measure stems and words) ask ``name`` by its initials ("POTC
    sales" of "Pick of the Crop sales up 4%")? Then the name is what is measured, not a
    rival owning the figure."""
    named = re.findall(r"[a-z]+", name)
    if len(named) < 2:
        return False
    for acronym in measures:
        # Only a word the question wrote as it is: "sal" (of "sales") is no acronym.
        if 2 <= len(acronym) <= 5 and acronym in words:
            found = spelled_words(acronym, name)
            if found and found[0] == named[0] and found[-1] == named[-1]:
                return True
    return False


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


# "premium own-label (POTC)": a few words, then an acronym in brackets that they describe (of
# three letters or more: "sales (UK)" names a place).
_GLOSSED = re.compile(r"((?:\b[a-z][a-z'\-]*\s+){1,3})\(\s*([A-Z][A-Z&]{2,5}s?)\s*\)")


_RATIO_ACRONYM = re.compile(r"\b([A-Z][A-Z0-9]{1,5})\s+ratio\b")


def ratio_named(measures: frozenset[str], clause: str) -> str | None:
    """The acronym asked (in ``measures``, lower case or stemmed) that names a ratio of the
    clause ("CET1" of "a CET1 ratio of 11.4%"), the short name such ratios go by."""
    for match in _RATIO_ACRONYM.finditer(clause):
        acronym = match.group(1).lower()
        if acronym in measures or acronym.rstrip("0123456789") in measures:
            return match.group(1)
    return None


def without_gloss(question: str) -> str:
    """``question`` less the words that gloss an acronym ("premium own-label (POTC) sales" ->
    "(POTC) sales"): the acronym names the thing, as a document would; words that spell it
    ("net interest margin (NIM)") are its own and stay."""

    def drop(m: re.Match[str]) -> str:
        # "the premium own-label (POTC)", "Acme's premium label (POTC)": the gloss is the words
        # after a little word or an owner.
        words: list[str] = []
        for word in reversed(m.group(1).split()):
            if word.lower() in STOPWORDS or re.search(r"'s?$", word):
                break
            words.insert(0, word)
        gloss = " ".join(words)
        if not gloss or spells(m.group(2), gloss) or re.fullmatch(CURRENCY_PREFIX, m.group(2)):
            return m.group(0)  # "revenue (USD)" says in what currency
        return m.group(0).replace(gloss, " " * len(gloss), 1)

    return _GLOSSED.sub(drop, question)


__all__ = [
    "abbreviates",
    "as_written",
    "clips_two",
    "initials_asked",
    "ratio_named",
    "spelled_words",
    "spells",
    "unknown_acronyms",
    "without_gloss",
]
