"""Nationalities: "Italian valve specialist Pontevio", "Spain's Ferrovia Sur".

A corpus often describes a business by its country as it names it, and a reader asks about
it by that description alone ("the French competitor", "the Italian bolt-on").
:func:`described_names` reads which names a corpus describes by each country,
:func:`as_named` writes a question's description as the one name it fits, and
:func:`describes` tells the figure reader that such a country describes a name beside it
and owns no figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from assistant.entities import Mention, names_in, normalise
from assistant.text import stem

# Demonym -> the country (or region) it names; the countries' own names map to themselves.
_PAIRS = """american:us argentine:argentina asian:asia australian:australia
    austrian:austria belgian:belgium brazilian:brazil british:uk canadian:canada chilean:chile
    chinese:china czech:czechia danish:denmark dutch:netherlands european:europe
    finnish:finland french:france german:germany greek:greece hungarian:hungary indian:india
    indonesian:indonesia irish:ireland israeli:israel italian:italy japanese:japan
    korean:korea malaysian:malaysia mexican:mexico norwegian:norway polish:poland
    portuguese:portugal russian:russia saudi:saudi scottish:scotland singaporean:singapore
    spanish:spain swedish:sweden swiss:switzerland taiwanese:taiwan thai:thailand
    turkish:turkey vietnamese:vietnam"""
_DEMONYMS = dict(pair.split(":") for pair in _PAIRS.split())
_COUNTRIES = {country: country for country in _DEMONYMS.values()} | {
    "america": "us", "britain": "uk", "czech republic": "czechia", "holland": "netherlands",
    "saudi arabia": "saudi", "south korea": "korea", "united kingdom": "uk",
    "united states": "us",
}  # fmt: skip
_DEMONYM = "(?i:" + "|".join(sorted(_DEMONYMS, key=len, reverse=True)) + ")"
_COUNTRY = "(?i:" + "|".join(sorted(_COUNTRIES, key=len, reverse=True)) + ")"
# A few lower-case words, none a preposition ("carmaker headquartered in Brackenfeld").
_LOWER_WORDS = r"((?:(?!(?:in|of|at|for|from|to|with|by|on|and|or)\s)[a-z][a-z-]*\s+){1,3})"

# "Italian valve specialist Pontevio", "Swedish rival Norrvik Climate".
_DEMONYM_BEFORE = re.compile(rf"\b({_DEMONYM})\s+{_LOWER_WORDS}(?=[A-Z])")
# "Spain's Ferrovia Sur".
_COUNTRY_POSSESSIVE = re.compile(rf"\b({_COUNTRY})['\u2019]s\s+(?=[A-Z])")
# "Nordmark AG, the German pump maker".
_APPOSITIVE = re.compile(rf",\s+the\s+({_DEMONYM})\s+((?:[a-z][a-z-]*\s*){{1,4}})")

_LEGAL_FORMS = r"AG|SE|SA|S\.A|NV|N\.V|BV|B\.V|plc|PLC|Ltd|Inc|LLC|GmbH|AB|ASA|Oyj|KK"
_LEGAL_FORM_AFTER = re.compile(rf"(?:,?\s+(?:{_LEGAL_FORMS}|S\.[rp]\.[lA])\.?)?")

# The nouns a question describes one business with: "the French competitor".
_BUSINESS_NOUNS = (
    r"business|company|firm|group|competitor|rival|peer|maker|manufacturer|producer|supplier"
    r"|specialist|bolt-on|acquisition|subsidiary|unit|player|operator|carmaker|automaker"
    r"|retailer|grocer|bank|lender|insurer|airline|carrier|brand|chain|target"
)
_DESCRIBED = re.compile(
    rf"\b(?i:the|its|their)\s+((?:[a-z][\w-]*\s+){{0,2}}?)({_DEMONYM})\s+"
    rf"((?:[a-z][\w-]*\s+){{0,2}}?)(?i:({_BUSINESS_NOUNS}))\b(?!-)"
)
# Country -> {name key: (the name as written, the stems of how the corpus describes it)}.
Described = dict[str, dict[str, tuple[str, frozenset[str]]]]

# Words that describe a rival however it is put.
_RIVAL = frozenset({"rival", "competitor", "peer", "competit"})


def country_of(word: str) -> str | None:
    """The country a demonym or country name stands for ("Italian", "France": "italy",
    "france"), or None."""
    key = word.lower()
    return _DEMONYMS.get(key) or _COUNTRIES.get(key)


def _stems(words: str) -> frozenset[str]:
    found = {stem(w) for w in re.findall(r"[a-z]+", words.lower())}
    return frozenset(found | ({"rival"} if found & _RIVAL else set()))


def _name_at(mentions: list[Mention], start: int) -> Mention | None:
    return next((m for m in mentions if m.start == start), None)


def _name_ending(mentions: list[Mention], text: str, end: int) -> Mention | None:
    """The name ending at ``end``, or before a legal form that does ("Greywick AG")."""
    return next((m for m in mentions if _LEGAL_FORM_AFTER.fullmatch(text, m.end, end)), None)


def described_names(texts: Iterable[str]) -> Described:
    """Country -> {name key: (the name as written, the stems of its description)} for each
    name a text describes by its country."""
    found: Described = {}

    def add(country: str, mention: Mention | None, words: str) -> None:
        if mention is not None and country_of(mention.text) is None:
            entry = found.setdefault(country, {}).get(normalise(mention.text))
            stems = _stems(words) | (entry[1] if entry else frozenset())
            found[country][normalise(mention.text)] = (mention.text, stems)

    for text in texts:
        if not (
            _DEMONYM_BEFORE.search(text)
            or _COUNTRY_POSSESSIVE.search(text)
            or _APPOSITIVE.search(text)
        ):
            continue
        mentions = names_in(text)
        for m in _DEMONYM_BEFORE.finditer(text):
            add(_DEMONYMS[m.group(1).lower()], _name_at(mentions, m.end()), m.group(2))
        for m in _COUNTRY_POSSESSIVE.finditer(text):
            add(_COUNTRIES[m.group(1).lower()], _name_at(mentions, m.end()), "")
        for m in _APPOSITIVE.finditer(text):
            add(_DEMONYMS[m.group(1).lower()], _name_ending(mentions, text, m.start()), m.group(2))
    return found


def as_named(question: str, described: Described) -> str:
    """``question`` with a business it describes by its country written as the one name the
    corpus describes so ("How much did the Italian bolt-on add?": "How much did Pontevio
    add?"). Where several names fit and the description's words pick none, it is unchanged.
    """
    for m in _DESCRIBED.finditer(question):
        names = described.get(_DEMONYMS[m.group(2).lower()], {})
        if len(names) > 1:  # "the Swedish rival": the one described as a rival
            asked = _stems(f"{m.group(1)} {m.group(3)} {m.group(4)}")
            best = max((len(asked & stems) for _, stems in names.values()), default=0)
            names = {k: v for k, v in names.items() if best and len(asked & v[1]) == best}
        if len(names) == 1:
            written = next(iter(names.values()))[0]
            return f"{question[: m.start()]}{written}{question[m.end() :]}"
    return question


# "Pontevio Valvole S.r.l., Verona, ...": a town after a company's legal form is its seat.
_LEGAL_FORM_END = re.compile(rf"(?:\b(?:{_LEGAL_FORMS})|S\.[rp]\.[lA])\Z")
_SEAT = re.compile(r"\.?,\s+")
# What stands between a country and the name it describes ("Spain's Ferrovia"), or a
# nationality and that name ("Italian valve specialist Pontevio").
_POSSESSIVE_GAP = re.compile(r"['\u2019]s\s+")
_WORDS_GAP = re.compile(rf"\s+{_LOWER_WORDS}")
# "X, which makes most of its sales in Asia, posted ...": an aside about X.
_RELATIVE = re.compile(r",\s+(?:which|who|whose)\b[^,;()]*,")


def asides(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """The spans of asides about a name: "X, which makes most of its sales in Asia,"."""
    ends = {m.end for m in mentions}
    return [r.span() for r in _RELATIVE.finditer(text) if r.start() in ends]


def describes(
    text: str,
    mention: Mention,
    before: Mention | None,
    after: Mention | None,
    aside_spans: Sequence[tuple[int, int]] = (),
) -> bool:
    """Does ``mention`` describe a name beside it rather than own a figure: a country or
    nationality before the name ("Spain's Ferrovia Sur", "Italian valve specialist
    Pontevio"), a company's seat after its legal form ("Pontevio S.r.l., Verona,"), or a name
    in an aside about another (``aside_spans``, from :func:`asides`)?
    """
    if after is not None:
        gap = _WORDS_GAP if mention.text.lower() in _DEMONYMS else _POSSESSIVE_GAP
        if country_of(mention.text) and gap.fullmatch(text, mention.end, after.start):
            return True
    if (
        before is not None
        and _LEGAL_FORM_END.search(text, 0, before.end)
        and _SEAT.fullmatch(text, before.end, mention.start)
        and text[mention.end : mention.end + 1] == ","
    ):
        return True
    return any(start <= mention.start and mention.end <= end for start, end in aside_spans)


__all__ = ["Described", "as_named", "asides", "country_of", "described_names", "describes"]
