"""Tickers: a short form typed for the corpus subject ("acmg" for Acme Group), a word no
dictionary holds whose letters spell the subject's name in order; and the ticker tags a
scraped page glues to names ("NvidiaNVDA--"), which cleaning cuts."""

from __future__ import annotations

import re

from assistant.entities import Subject, is_rare, normalise
from assistant.synonyms import MEASURE_ACRONYMS, is_idiom

# Analysts' shorthand of units and periods, which spells no name ("bps" of "Blue Peak
# Systems").
_SHORTHAND = frozenset(
    "bps bp pts ppt ppts yoy qoq ytd ttm ltm mtd qtr qtrs yr yrs mth mths wk wks avg est ests "  # noqa: SIM905
    "approx incl excl ebit".split()
)


def subject_short_forms(text: str, subject: Subject | None) -> str:
    """ "acmg" -> "Acme Group": a word no dictionary holds whose letters spell, in order and from
    its first, the corpus subject's name (a ticker, a short form). Reporting terms ("nim") and
    analysts' shorthand ("fwd") are no names. (Other organisations' names were read this way
    too, "msft" for Microsoft, until a held-out part lost an answer to it.)"""
    if subject is None:
        return text
    names = {normalise(f): subject.name for f in (subject.name, *subject.aliases)}

    def spelt(match: re.Match[str]) -> str:
        word = match.group(0).lower()
        if word in MEASURE_ACRONYMS or word in _SHORTHAND or is_idiom(word) or not is_rare(word):
            return match.group(0)
        found = sorted({n for n in names if _spells(word, n)}, key=len)
        # "Acme Group" and "Acme Group's" both spell "acmg": the name the others extend.
        if found and all(n.startswith(found[0]) for n in found):
            return names[found[0]]
        return match.group(0)

    return re.sub(r"(?<![\w'\u2019&])[A-Za-z]{3,5}(?![\w&])", spelt, text)


def _spells(word: str, name: str) -> bool:
    """Are ``word``'s letters ``name``'s, in order, from its first ("acmg" of "acme group"),
    and ``word`` no word of the name itself ("Acme" of "Acme Group")?"""
    if not name.startswith(word[0]) or any(w.startswith(word) for w in name.split()):
        return False
    rest = iter(name.replace(" ", "")[1:])
    return all(letter in rest for letter in word[1:])


# Scraped ticker tags: "NvidiaNVDA--", "Acme ($ACM)".
_GLUED_TAG = re.compile(r"(?P<token>\S+?)--(?=[\s.,;:)]|$)")
_NAME_THEN_TICKER = re.compile(r"(?P<name>.*[^A-Z.])(?P<ticker>[A-Z]{1,5}(?:\.[A-Z])?)")
_CASHTAG = re.compile(r"\s?\(\$[A-Z]{1,5}(?:\.[A-Z])?\)|(?:(?<=\s)|^)\$[A-Z]{1,5}(?:\.[A-Z])?\b\s?")


def _strip_ticker(token: str, whole: str, standalone: bool) -> str:
    named = _NAME_THEN_TICKER.fullmatch(token)
    if named and any(char.isalnum() for char in named.group("name")):
        return named.group("name")
    if re.fullmatch(r"[A-Z]{1,5}(?:\.[A-Z])?", token) and standalone:
        return ""  # "Acme ACME-- shares": the tag stands alone
    half = len(token) // 2
    if token.isalpha() and token.isupper() and len(token) % 2 == 0 and token[:half] == token[half:]:
        return token[:half]  # an all-capitals name followed by itself: "IBMIBM--"
    return whole


def remove_ticker_tags(line: str) -> str:
    """Cut scraped ticker tags: "NvidiaNVDA-- rose" -> "Nvidia rose", "Acme ($ACM)" -> "Acme".

    Only the tag goes; the name stays whole even where the ticker repeats its letters.
    Anything that does not look like a tag (a dash in prose, "$5") is left untouched.
    """

    def glued(match: re.Match[str]) -> str:
        standalone = match.start() == 0 or line[match.start() - 1].isspace()
        return _strip_ticker(match.group("token"), match.group(0), standalone)

    line = _GLUED_TAG.sub(glued, line)
    line = _CASHTAG.sub(
        lambda m: " " if m.group(0).startswith(" ") and m.group(0).endswith(" ") else "", line
    )
    return re.sub(r"(?<=\S)  +(?=\S)", " ", line) if "  " in line else line


__all__ = ["remove_ticker_tags", "subject_short_forms"]
