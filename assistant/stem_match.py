"""How much of a question's measure a figure's clause carries (``stem_match``): its words by
stem and closeness, or the same measure in other words: a synonym ("sales" for "revenue"), a
clipped word ("infra"), an acronym the clause spells ("EPS", "earnings per share") or stands
for ("EBIT", "operating profit"), a column of forecasts, a verb of expectation for
"guidance"."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from assistant.abbreviations import abbreviates, clips_two, spelled_words, spells
from assistant.cues import CURRENCY_WORDS, currency_name
from assistant.entities import is_rare, names_in
from assistant.figures import Figure
from assistant.focus import QuestionFocus
from assistant.measure_words import StemBag, measure_words
from assistant.measures import FigureContext
from assistant.synonyms import (
    acronym_name_stems,
    derived,
    forecast_column,
    same_measure,
    typo_of,
)
from assistant.text import STOPWORDS, stem


def stem_match(focus: QuestionFocus, ctx: FigureContext) -> float:
    """Share of the question's measure stems in the figure's clause, weighted by closeness."""
    found = _found(focus, ctx)
    return sum(found) / len(found) if found else 1.0


def covers(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Does the figure's clause carry every measure word asked, near or far ("unit cost
    excluding fuel" for "ex-fuel unit costs"; "Operating costs ex-fuel" lacks "unit")?"""
    return all(_found(focus, ctx))


def carries_counted(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """For a ratio asked ("dividend per share"), does the figure's clause carry what is
    counted per unit, not the unit alone ("earnings ... $4.10 per share" carries no dividend)?"""
    if not focus.per_of:
        return True
    if _ratio_acronym(focus.per_of, focus.per, ctx.clause):
        return True  # "EPS" counts earnings per share, "DPS" a dividend
    # The clause's own ratio names what it counts: "adjusted earnings per share ... $1.20" is
    # no revenue per share, though "Revenue ... rose" opens the sentence.
    counted = [
        m.group(1)
        for m in _RATIO_OF.finditer(ctx.clause)
        if stem(m.group(2).lower()) == focus.per and not _UNIT_WORD.search(m.group(1))
    ]
    asked = replace(focus, measures=StemBag([focus.per_of]))
    if counted:
        return any(_found(asked, _only(ctx, words))[0] for words in counted)
    if _found(asked, ctx)[0]:
        return True
    # "Net income was $90 million, or $1.20 per diluted share": the amount restated
    # per share is named before the figure's own clause.
    return bool(_found(asked, _only(ctx, ctx.sentence[: ctx.figure.end]))[0])


def _only(ctx: FigureContext, words: str) -> FigureContext:
    """``ctx`` as if its clause were ``words`` alone."""
    weights = tuple((stem(w), 1.0) for w in measure_words(words.lower()))
    return replace(ctx, clause=words, weights=weights)


def ratio_acronyms(clause: str, unit: str) -> list[str]:
    """The acronyms of ``clause`` that end in the letter of the ``unit`` a ratio is per
    ("EPS", "DPS" per share)."""
    return [
        w
        for w in re.findall(r"[A-Za-z]+", clause)
        if w.isupper() and 2 < len(w) <= 5 and w[-1].lower() == unit[0]
    ]


def _ratio_acronym(counted: str, unit: str, clause: str) -> bool:
    """Does ``clause`` hold an acronym of the ratio: first letter what is counted, last
    letter the unit ("EPS", "DPS")?"""
    return any(w[0].lower() == counted[0] for w in ratio_acronyms(clause, unit))


# "(tangible) book value per share"
_RATIO_OF = re.compile(r"\b((?:[A-Za-z]+\s+){0,2}[A-Za-z]{3,})\s+per\s+([A-Za-z]+)")
# The unit of an amount counts nothing: "(Yen per share)", "4.5 cents per share".
_UNIT_WORD = re.compile(rf"\b(?:{CURRENCY_WORDS}|cents?|pence|dollars|euros|pounds)\s*$", re.I)


def _found(focus: QuestionFocus, ctx: FigureContext) -> list[float]:
    """How much of each measure stem asked the figure's clause carries (0..1 each)."""
    if not focus.measures:
        return []
    weights = dict(ctx.weights)
    # An acronym of the clause counts only where it spells the whole measure asked: "GM"
    # (general merchandise) spells "grocery market" too, but not "share of the grocery market".
    abbreviated = _abbreviated(focus.phrase, ctx.clause)
    if not focus.measures <= abbreviated and not _ends_phrase(abbreviated, focus.phrase):
        abbreviated = frozenset()
    abbreviated |= _named_acronym(focus.measures, weights)
    found = []
    for s in focus.measures:
        got = 1.0 if s in abbreviated else weights.get(s, 0.0)
        if not got:  # "revenue" asked, "sales" stated
            got = max((weights.get(t, 0.0) for t in same_measure(s)), default=0.0)
        if not got and len(s) >= 4:
            # A clipped word ("infra", "exec") stands for the word it begins; a noun made of
            # a verb ("expectations", "investment") for the verb ("expected", "invests").
            got = max(
                (w for k, w in weights.items() if k.startswith(s) or derived(s, k)), default=0.0
            )
            # ... and a table's abbreviation ("Adj. EPS") for the word asked ("adjusted"),
            # at half weight: it is a qualifier, the measure's noun must still be there.
            got = got or max(
                (w / 2 for k, w in weights.items() if abbreviates(k, s, ctx.clause)), default=0.0
            )
        if not got:  # "consenus" asked, "consensus" stated
            got = max((w for k, w in weights.items() if typo_of(s, k)), default=0.0)
        if not got and " \u2014 " not in ctx.sentence and s in _named(ctx.clause):
            got = 0.8  # "the meters division" asked, "the Water Meters division" stated
        if not got and s in _FORWARD_ASKED and _forward_before(ctx):
            got = 0.5  # "FCF guidance" asked, "expects ... and free cash flow of €0.8-1.0bn"
        if not got and forecast_column(s, ctx.clause):
            # "EPS estimate for FY28" asked, a broker table's "FY28F" column stated: half a
            # word, as it qualifies the measure without naming it.
            got = 0.5
        if not got and _bound_stated(s, ctx, focus.phrase):
            got = 1.0  # "what capex range?" asked, "NZ$150 million to NZ$180 million" stated
        if not got and any(name <= weights.keys() for name in acronym_name_stems(s)):
            got = 1.0  # "EBIT" asked, "operating profit" stated
        if not got and _MARGIN in focus.measures and _margin_named(s, weights):
            got = 1.0  # "EBIT margin" asked, "operating margin" stated
        if not got and 2 <= len(s) <= 5 and spells(s, ctx.clause):
            got = 1.0  # "EPS" asked, "earnings per share" stated
        if not got and 4 <= len(s) <= 6 and is_rare(s) and clips_two(s, ctx.clause):
            got = 1.0  # "capex" asked, "capital expenditure" stated
        if not got and s in _TRADED and _name_traded(ctx):
            got = 1.0  # "Initech's shares?" asked, "peer Initech slipped 1.3% as investors ..."
        if got and s != focus.per and _only_per(s, ctx.clause):
            got = 0.0  # "the shares" asked, "earnings per share" stated: a rate per share
        found.append(got)
    return found


# A listed company that itself "slipped 1.8%" in a sentence about the market moved in price:
# a business's own measures need their noun ("sales slipped 1.8%").
_TRADED = frozenset(stem(w) for w in ("shares", "stock", "price"))
_NAME_MOVED = re.compile(
    r"[A-Z][\w&.'-]*\s+(?:slipped|slid|fell|dropped|declined|lost|sank|tumbled|rose|gained"
    r"|climbed|jumped|rallied|advanced|surged|edged\s+(?:up|down|higher|lower))\s+(?:by\s+)?$"
)
_MARKET = re.compile(r"\b(?:investors?|traders?|shares|stocks?|index|benchmark|trading)\b", re.I)


def _name_traded(ctx: FigureContext) -> bool:
    """Is the figure a named company's own move ("Initech Robotics slipped 1.3%"), in a
    sentence about trading ("as investors moved into the stronger name")?"""
    return (
        ctx.figure.kind == "percent"
        and _NAME_MOVED.search(ctx.sentence[: ctx.figure.start]) is not None
        and _MARKET.search(ctx.sentence) is not None
    )


_MARGIN = stem("margin")
_PROFITS = frozenset(stem(w) for w in ("profit", "income"))


def _margin_named(acronym: str, weights: dict[str, float]) -> bool:
    """Does the clause name the margin of a profit acronym by its plain name's qualifier
    ("operating" margin for an EBIT margin, "pretax" for a PBT margin)?"""
    return any(
        (name - _PROFITS) and (name - _PROFITS) <= weights.keys()
        for name in acronym_name_stems(acronym)
        if name & _PROFITS
    )


@lru_cache(maxsize=1024)
def _named(clause: str) -> frozenset[str]:
    """The stems of the last words of the clause's names of two words or more: a segment's
    name ("Water Meters"), which measure words leave out, is what a question may type
    in lower case by its head ("the meters division"). (Not of a table row, whose title
    and header run together as one capitalised name.)"""
    return frozenset(
        stem(mention.text.split()[-1].lower())
        for mention in names_in(clause)
        if len(mention.text.split()) > 1
    )


# Words that ask for what management expects, and the verbs and nouns that state it.
_FORWARD_ASKED = frozenset(stem(w) for w in ("guidance", "guide", "outlook", "expect"))
_FORWARD_STATED = re.compile(r"\b(?:expect\w*|guid\w*|outlook|aims?|targets?)\b", re.I)
_STATED_ACTUAL = re.compile(r"\b(?:was|were|is|are|rose|fell|grew|came|reached|totall?ed)\b", re.I)


def _only_per(asked: str, clause: str) -> bool:
    """Does ``clause`` use the word asked only as the unit of a rate ("per share")?"""
    words = re.findall(r"[a-z]+", clause.lower())
    at = [i for i, word in enumerate(words) if stem(word) == asked]
    return bool(at) and all(i > 0 and words[i - 1] == "per" for i in at)


# "What range", "the floor of the guidance": a range or a lower bound says so by its form.
_RANGE_WORDS = frozenset(stem(w) for w in ("range", "band", "bracket"))
_FLOOR_WORDS = frozenset(stem(w) for w in ("floor", "minimum"))
_AT_LEAST = re.compile(r"\b(?:at\s+least|no[t]?\s+less\s+than|a\s+minimum\s+of)\s*$", re.I)
# "What proportion", "what EV mix": a percentage of a whole ("38% of its deliveries") is one.
_SHARE_WORDS = frozenset(stem(w) for w in ("share", "proportion", "mix", "portion", "fraction"))
_OF_A_WHOLE = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+|all\s+|total\s+)*[a-z]", re.I)


# An exchange rate written as the price of a currency: "¥151.4 to the dollar", "US$1 = ¥151.4".
_PRICE_OF_CURRENCY = re.compile(
    rf"\s+(?:to|per|against)\s+(?:the\s+|one\s+|a\s+|each\s+)?(?:US\s?)?({CURRENCY_WORDS}|franc)s?\b",
    re.I,
)
_ONE_UNIT = re.compile(r"(US\$|\$|\u20ac|\u00a3|\u00a5)\s?1\s*=\s*$")
_SYMBOL_NAMES = {"$": "dollar", "\u20ac": "euro", "\u00a3": "pound", "\u00a5": "yen"}


def currency_priced(sentence: str, fig: Figure) -> str | None:
    """The currency a money figure is the price of ("¥151.4 to the dollar", "US$1 = ¥151.4":
    "dollar"), or None."""
    after = _PRICE_OF_CURRENCY.match(sentence, fig.end)
    if after:
        return currency_name(after.group(1))
    before = _ONE_UNIT.search(sentence[max(0, fig.start - 8) : fig.start])
    return _SYMBOL_NAMES[before.group(1).lstrip("US")] if before else None


def priced_as(currencies: frozenset[str] | None, ctx: FigureContext) -> bool:
    """Is a money figure the price of a currency asked (True when the question asks no
    currency's rate)?"""
    if currencies is None or ctx.figure.kind != "money":
        return True
    priced = currency_priced(ctx.sentence, ctx.figure)
    return priced is not None and (not currencies or priced in currencies)


def _bound_stated(asked: str, ctx: FigureContext, phrase: str) -> bool:
    """Is the range, floor, share or rate asked the figure's own form ("€0.8-1.0bn", "at least
    €160m", "19.6% of all deliveries", "¥151.4 to the dollar")?"""
    if asked == stem("rate") and ctx.figure.kind == "money":
        return currency_priced(ctx.sentence, ctx.figure) is not None
    if asked in _RANGE_WORDS:
        return ctx.figure.is_range
    # "what share of sales", not "the shares" (the stock) of the same stem.
    portion = asked != stem("share") or re.search(r"\bshare\b", phrase) is not None
    if asked in _SHARE_WORDS and portion and ctx.figure.kind == "percent":
        return bool(_OF_A_WHOLE.match(ctx.sentence, ctx.figure.end))
    if asked in _FLOOR_WORDS:
        before = ctx.sentence[: ctx.figure.start] if ctx.figure.start <= len(ctx.sentence) else ""
        return bool(_AT_LEAST.search(before))
    return False


def _forward_before(ctx: FigureContext) -> bool:
    """Does a verb or noun of expectation govern the figure from earlier in its sentence, with
    no verb of an actual between them ("Management expects a margin of 5% to 6% and free
    cash flow of €1.0-1.2bn")?"""
    before = ctx.sentence[: ctx.figure.start] if ctx.figure.start <= len(ctx.sentence) else ""
    found = list(_FORWARD_STATED.finditer(before))
    return bool(found) and not _STATED_ACTUAL.search(before, found[-1].end())


def _named_acronym(measures: frozenset[str], weights: dict[str, float]) -> frozenset[str]:
    """Stems of a plain name asked whose reporting acronym the clause states ("operating
    profit" asked, "EBIT was €980 million" stated)."""
    return frozenset(
        s
        for acronym in weights
        for name in acronym_name_stems(acronym)
        if name - STOPWORDS <= measures  # ("earnings per share" asked as "earnings share")
        for s in name
    )


_CAPITALS = re.compile(r"\b([A-Z][A-Z&]{1,4})s?\b")


def _ends_phrase(spelt: frozenset[str], phrase: str) -> bool:
    """Does an acronym spell most of the measure asked, the words that end it: its noun and
    what names it ("LF" of "seat load factor"; not "GM" of "share of the UK grocery market")?"""
    words = [stem(w) for w in re.findall(r"[a-z]+", phrase.lower())]
    if len(spelt) < 2 or not len(words) / 2 < len(spelt) < len(words):
        return False
    return set(words[-len(spelt) :]) == spelt


def _abbreviated(phrase: str, clause: str) -> frozenset[str]:
    """Stems of the question's words that an acronym of the clause spells ("net charge-offs"
    asked, "4Q26 NCOs of 25-35 bps" stated)."""
    spelt = (spelled_words(m.group(1), phrase) for m in _CAPITALS.finditer(clause))
    return frozenset(stem(w) for words in spelt if words for w in words)


__all__ = ["carries_counted", "covers", "ratio_acronyms", "stem_match"]
