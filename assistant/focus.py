"""What a question asks about: whose figure, which measure phrase, which period.

:func:`question_focus` reads a question (after plain-word rewriting, without its sources
and what it leaves out) into a :class:`QuestionFocus`; ``assistant.matching`` holds each
figure's context against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.abbreviations import unknown_acronyms, without_gloss
from assistant.asking_verbs import without_do_support, without_progressive
from assistant.comparison_base import Base, asked_base
from assistant.cues import COUNT_CUE, DRIVER_PART, asks_movement
from assistant.entities import Subject, names_in, normalise
from assistant.latest_year import without_start_point
from assistant.measure_words import EXCLUDED as _EXCLUDED
from assistant.measure_words import (
    StemBag,
    division_words,
    measure_words,
    own_words,
    taken_of,
    unknown_terms,
)
from assistant.named_bases import without_named_base
from assistant.owners import owners
from assistant.per_unit import counted_per_unit, per_unit
from assistant.periods import periods
from assistant.question_asides import as_driver_part, asks_year_back, without_asides
from assistant.sensitivities import against_currency
from assistant.synonyms import (
    ADJUSTED_BASIS,
    one_alternative,
    plain_terms,
    same_measure,
    without_cause,
)
from assistant.text import stem

_DOCUMENT = (
    r"(?i:comp|table|note|report|piece|article|release|deck|slide|filing|transcript|call"
    r"|survey|research|story|statement|presentation)"
)
_ATTRIBUTION = re.compile(
    r"^\s*(?i:according to|as reported by|as per|per)\s+[^,?]*,\s*"
    r"|,?\s*\b(?:(?i:according to|as reported by|reported by|as per|says|said)|(?P<per>(?i:per)))"
    r"\s+(?:the\s+)?[A-Z][\w.&\-]*(?:\s+[A-Z][\w.&\-]*)*\b"
    # "per the Vandelay peer comp": the document named after its writer goes with it; but
    # "sales per Homeware store" is a rate, not a source.
    rf"(?:(?:'s|\u2019s)?(?:\s+[a-z][\w\-]*){{0,2}}?\s+{_DOCUMENT}s?\b)?(?(per)(?!\s+[a-z]))"
    # "the Initech article", "the Initech source": a document, not an owner.
    r"|\bthe\s+[A-Z][\w.&\-]*(?:\s+[A-Z][\w.&\-]*)*(?=\s+(?i:source|article|piece|report"
    r"|note|story|filing)s?\b)"
    # "Initech's new FY27 EBITDA forecast", "Initech's leverage measure": whoever forecasts,
    # rates, values or calculates is a source.
    r"|\b[A-Z][\w.&\-]*(?:\s+[A-Z][\w.&\-]*)*(?:'s|\u2019s|'|\u2019)(?=(?:\s+[\w\-/]+){0,4}?\s+"
    r"(?i:forecast|estimate|target|price target|rating|recommendation|valuation|projection"
    r"|measure|calculation|metric|model)s?\b)"
    # "what did Initech say about Acme's ...": who says is a source, not an owner.
    r"|(?:(?<=\bdid\s)|(?<=\bdoes\s))(?:the\s+)?[A-Z][\w.&\-]*(?:\s+[A-Z][\w.&\-]*)*(?=\s+(?i:say|write|think)\s+(?i:about|of|on)\b)"
    # "What leverage does Initech calculate for Acme?": who works the figure out for another.
    # (the verb goes with it: "forecast" there asks, it names no measure)
    r"|(?:(?<=\bdid\s)|(?<=\bdoes\s)|(?<=\bdo\s))(?:the\s+)?[A-Z][\w.&\-]*(?:\s+[A-Z][\w.&\-]*)*"
    r"\s+(?i:calculate|estimate|forecast|project|model|expect|assume|see|put|value)"
    r"(?=\s[^?]*?\b(?i:for|of)\s+(?:the\s+)?[A-Z])"
    # "would Initech consider downgrading Acme?", "might Initech lift Acme's rating?": who
    # would act on another is who says, not whose figure it is.
    r"|(?:(?<=\bwould\s)|(?<=\bmight\s)|(?<=\bcould\s)|(?<=\bwill\s)|(?<=\bmay\s))"
    r"(?:the\s+)?[A-Z][\w.&\-]*(?:\s+[A-Z][\w.&\-]*)*(?=\s+(?:(?i:consider|weigh)\s+)?"
    r"(?i:downgrad|upgrad|lift|rais|cut|lower|trim)\w*\s+(?:the\s+)?[A-Z])"
)
# Who writes or speaks, named by role rather than name: "per the broker", "the writer's",
# "what range is management guiding to", "the P/E that GS quotes".
_REPORTER = re.compile(
    r"\b(?:(?i:per|according\s+to|by)\s+)?(?i:the|its|their|this|that)\s+"
    r"(?i:writer|author|broker|brokers|analysts?|columnist|commentator)(?:'s|\u2019s|'|\u2019)?(?!\w)"
    r"|\b(?i:management|mgmt)(?=\s+(?:(?:is|are|has|have|was)\s+)?(?i:guid|expect|see|forecast"
    r"|target|say|said|think|plan|assum)\w*)"
    # "..., according to management": who says so, not what is measured.
    r"|\b(?i:according\s+to|per|says?|said)\s+(?i:the\s+)?(?i:management|mgmt|the\s+company)\b"
    r"|(?<=\bthat\s)(?:the\s+)?[A-Z][\w.&\-]*(?:\s+[A-Z][\w.&\-]*)*\s+(?:quotes?|gives?|cites?"
    r"|uses?|puts?|shows?|lists?)\b"
)
# "In the bit about the Southeast Asia push, ...", "where the writer talks up X, ...": where
# in the text to look, not what is measured.
_WHERE_IN_TEXT = re.compile(
    r"^\s*(?i:in|from)\s+the\s+(?i:bit|part|section|paragraph|passage)\s+(?i:about|on|where)\b"
    r"[^,?]*,|\b(?i:where)\s+the\s+(?i:writer|author|article|piece)\s+[a-z]+s?\b[^,?]*,"
    # "GS's key facts - what's the ...?", "from the fact sheet:": the box a figure is in.
    r"|^\s*(?:(?i:from|in|per)\s+)?(?:the\s+|[A-Z][\w&]*['\u2019]s\s+)?"
    r"(?i:key\s+(?:facts|figures|stats|numbers|data)|fact\s*sheet)\s*[-\u2013\u2014:,]"
)
# "reported npat", "reported EPS": the figure as reported, which an underlying one is not
# ("revenue reported in Q3", "reported by Initech" say when or who, not the basis).
_REPORTED_BASIS = re.compile(
    r"\breported\s+(?!(?:by|in|for|to|that|on|as|at|from|with|a|an|the|its|their)\b)[a-z]", re.I
)
# "including fuel", "with fuel included", "once fuel is included": what the figure must count.
_INCLUDED = re.compile(
    r"\b(?:(?:including|incl\.?|inc\.?)\s+([\w\-]+)|with\s+([\w\-]+)\s+(?:included|in)\b"
    r"|(?:once|when|if)\s+([\w\-]+)\s+(?:is|are)\s+(?:included|counted|added)\b)",
    re.IGNORECASE,
)
# "what dividend ...", "how much cash did ...": the noun asked about (after "how much", only
# a lone noun before the verb: "how much adjusted EBITA" is headed by "EBITA"); a terse
# question's plural noun before a participle ("vehicles carried by trains").
_WHAT_NOUN = re.compile(
    r"\b(?:[Ww]hat|[Ww]hich)\s+([A-Za-z][\w\-]*)"
    r"|\b[Hh]ow\s+(?:much|many)\s+([A-Za-z][\w\-]*)(?=\s+(?:is|are|was|were|did|does|do|has"
    r"|have|had|will|would|can|could)\b)"
    r"|^\s*([a-z][\w\-]*s)(?=\s+(?:[a-z]+ed|sold|flown|made|built|won|held)\s+(?:by|at|in|on)\b)"
)


@dataclass(frozen=True)
class QuestionFocus:
    """What a question asks about: whose figure, which measure, which period."""

    subjects: frozenset[str]  # names other than the corpus subject that own the figure
    measures: StemBag  # stems of the measure phrase
    periods: frozenset[str]
    phrase: str = ""  # the measure phrase in the question's own words
    qualifiers: frozenset[str] = frozenset()  # other names that qualify (a region, a unit)
    words: frozenset[str] = frozenset()  # the question's words, lower-cased
    excluded: frozenset[str] = frozenset()  # stems the figure must leave out ("excluding fuel")
    included: frozenset[str] = frozenset()  # stems the figure must count ("including fuel")
    noun: str = ""  # stem of the noun "what" asks about ("what dividend", "how much cash")
    per: str = ""  # stem of the unit a ratio is asked per ("revenue per passenger")
    per_of: str = ""  # stem of what that ratio counts per unit ("revenue")
    sources: frozenset[str] = frozenset()  # who the question says reports it ("per Initech")
    against: str | None = None  # an exchange rate's other currency ("move against the euro")
    base: Base | None = None  # what a move is asked against ("from a year ago": the year)
    groups: tuple[str, ...] = ()  # measure nouns joined by "and"/"or" ("cars trucks")
    # stems of what a driver's part moved ("profit", its synonyms) and of "bridge", which a
    # passage walking that move may say instead
    driven: frozenset[str] = frozenset()
    year_back: bool = False  # "a year ago?" asks the year before the latest, not a move from it
    taken_of: tuple[str, str] | None = None  # "cost of deposits": cost, deposit


# "X100 deliveries", "B2000 orders": a model's code names a product, which qualifies a
# figure; no company is named so.
_MODEL_CODE = re.compile(r"[a-z]{1,4}-?\d{2,4}[a-z]{0,4}", re.I)


def _owners_asked(names: frozenset[str]) -> frozenset[str]:
    return frozenset(n for n in names if not _MODEL_CODE.fullmatch(n))


def without_sources(question: str) -> str:
    """The question less who reports ("according to Initech", "what did Initech say",
    "per the broker")."""
    return _REPORTER.sub(" ", _ATTRIBUTION.sub(" ", question))


def asked_sources(question: str, subject: Subject | None = None) -> frozenset[str]:
    """The names of who the question says reports its figure ("per Initech", "Initech's
    forecast", "what did Initech say about ..."), normalised; not the subject itself."""
    found = set()
    for match in _ATTRIBUTION.finditer(question):
        for mention in names_in(match.group(0)):
            if subject is None or not subject.is_subject(mention.text):
                found.add(normalise(mention.text))
    return frozenset(found)


# "the bank's tangible book value", "the retailer's sales": the company asked about, named by
# its trade as "the company's" would be, and no word of the measure ("the airline's margin"
# may be a division's: ``antecedents.described_owners`` reads it).
_SUBJECT_BY_TRADE = re.compile(r"\bthe\s+(?:bank|retailer|brand)(?:'s|\u2019s)\s", re.I)
# "How much profit did the bank make?": the company again, the subject of the verb asked.
_TRADE_DOES = re.compile(
    r"\b((?:did|does|do|has|have|had|will|would|can|could)\s+)the\s+(?:bank|lender|retailer)"
    r"(?=\s+[a-z]+\b)(?!\s+(?:and|or)\b)",
    re.I,
)


def question_focus(
    question: str, subject: Subject | None = None, known: frozenset[str] = frozenset()
) -> QuestionFocus:
    """Owner, measure phrase and periods of a question."""
    year_back = asks_year_back(question)  # (read as asked: the rewriting below drops words)
    # "the top line" asks for revenue; of "head-office / central costs" one word stands
    question = without_gloss(without_cause(one_alternative(plain_terms(question))))
    question = _QUOTED_TITLE.sub(" ", question)  # "that 'hold or cut your losses' note"
    question = _SUBJECT_BY_TRADE.sub("its ", question)  # "the bank's": the company's
    question = _TRADE_DOES.sub(r"\1it", question)  # "did the bank make": "did it make"
    sells = _SELLS.search(question)  # (read before do-support goes)
    # "on the day Acme rallied": when, not whose; "for its price target": what it serves
    question = without_asides(question)
    # "how badly did the burn dent FCF?", "cash handed back through buybacks": the measure is
    # what took the hit, or what the cash went back as (read below, unless it names none).
    took = _DENTED.search(question) or _RETURNED_AS.search(question)
    # "according to Initech": a source that reports the figure, not its owner; "ex Homeware":
    # what is left out of the figure qualifies nothing.
    excluded = frozenset(
        stem(re.split(r"[\s-]", m.group(0))[-1].lower()) for m in _EXCLUDED.finditer(question)
    ) | (ADJUSTED_BASIS if _REPORTED_BASIS.search(question) else frozenset())
    included = frozenset(
        stem((m.group(1) or m.group(2) or m.group(3)).lower()) for m in _INCLUDED.finditer(question)
    )
    sources = asked_sources(question, subject)
    question = _EXCLUDED.sub(" ", without_sources(_WHERE_IN_TEXT.sub(" ", question)))
    words = frozenset(re.findall(r"[a-z0-9&]+", question.lower().replace("\u2019", "'")))
    everyone, home = owners(question, subject, known)
    others = owners(question, subject, known, places=False)[0]
    if subject is None:
        everyone = others = frozenset()  # nothing to tell the subject from a rival by
    # "what does it use", "what did Acme pay": the verb after do-support asks, it does not
    # name the measure; but "how many stores does Acme operate" counts the stores it
    # operates, not any stores, when the verb is all the count has beside its noun.
    names = subject.keys | subject.words if subject else frozenset()
    own = own_words(subject)
    without = without_do_support(question, subject.keys if subject else ())
    counted = [w for w in measure_words(without, known | names) if w not in own]
    if not (COUNT_CUE.search(question) and len(counted) == 1):
        question = without
    progressive = without_progressive(question)
    if measure_words(progressive, known | names):
        question = progressive
    # "D&A", "POTC": capitals the documents never use as a name stand for words they spell;
    # after a preposition too when joined by "&" ("spend on R&D"), which no place is ("in
    # the US" stays a place the figure must be of).
    joined = frozenset(n for n in everyone if "&" in n)
    spelled = unknown_acronyms(question, others | joined, known | names)
    everyone, others = everyone - spelled, others - spelled
    # The subject's own name says whose figure, not what it measures, even as an acronym.
    # "market share at Harlow Gate airport": the place's own noun is part of its name.
    placed = {m.group(1).lower() for m in _PLACE_NOUN.finditer(question)}
    placed |= {m.group(1).lower() for m in _NAMED_PLACE.finditer(question)}
    # "bottom line in 1H, i.e. profit attributable to owners": the words after "i.e." name it.
    named = _IN_OTHER_WORDS.search(question)
    said = question[named.end() :] if named and measure_words(question[named.end() :]) else question
    if took and measure_words(took.group("hit"), known | names):
        said = took.group("hit")
    # "How much did currency add to operating profit?": the part a driver played is asked,
    # which a bridge states of the driver ("Foreign exchange was a positive ¥0.9 billion");
    # "price contribution in the 1H profit bridge" asks the same.
    said = as_driver_part(said)
    driver = DRIVER_PART.search(said)
    driven: frozenset[str] = frozenset()
    if driver and measure_words(said[: driver.start("verb")], known | names):
        moved = measure_words(said[driver.end() :], known | names)
        if moved:
            head = stem(moved[-1])
            driven = frozenset({head, *same_measure(head), _BRIDGE})
        said = said[: driver.start("verb")]
    measure = [w for w in measure_words(said, known | names) if w not in own | placed | _EXTREMES]
    if sells:  # "what did the segment sell?" asks its sales
        measure = ["sales" if w == "sell" else w for w in measure] or ["sales"]
    measure += sorted(spelled - set(measure))
    measure = (
        measure or division_words(question, subject, known, own) or unknown_terms(question, known)
    )
    # A question that names the subject asks about it: other names qualify the figure
    # (a country, a segment) rather than own it.
    asked = frozenset() if home and subject is not None else _owners_asked(others)
    stems = StemBag(stem(w) for w in measure)
    asked_noun = _WHAT_NOUN.search(question)
    noun = stem(next(g for g in asked_noun.groups() if g).lower()) if asked_noun else ""
    unit = per_unit(question)
    return QuestionFocus(
        subjects=asked,
        measures=stems,
        periods=_own_periods(question),
        phrase=" ".join(measure),
        qualifiers=everyone - asked - _set_apart(question),
        words=words,
        excluded=excluded,
        included=included,
        noun=noun if noun in stems else "",
        per=unit,
        per_of=counted_per_unit(question, stems, unit),
        sources=sources,
        against=against_currency(question),
        base=asked_base(question),
        groups=_joined(said, measure),
        driven=driven,
        year_back=year_back,
        taken_of=taken_of(said),
    )


# "which segment had the highest margin?": how the figure ranks, not what it measures.
_EXTREMES = frozenset({"highest", "lowest", "biggest", "largest", "smallest", "weakest"})


# "... ahead of Globex and Initech": the names a figure is set against qualify nothing, nor
# do places it lies outside ("customers outside Japan" are the overseas ones).
_AHEAD_OF = re.compile(
    r"\b(?:ahead\s+of|behind|outpac\w*|beating|beats?|outside(?:\s+of)?(?:\s+the)?)"
    r"\s+((?:[A-Z][\w&.-]*\s*(?:,|and|&)?\s*)+)"
)


def _set_apart(question: str) -> frozenset[str]:
    """The names the question sets its figure against ("ahead of Globex and Initech") or
    outside ("outside Japan")."""
    # Read in the whole question: a name alone ("Japan?") starts its text, as a sentence does.
    spans = [found.span(1) for found in _AHEAD_OF.finditer(question)]
    if not spans:
        return frozenset()
    return frozenset(
        normalise(m.text) for m in names_in(question) if any(s <= m.start < e for s, e in spans)
    )


# "cars and trucks", "boats or planes": two nouns that may together name one thing.
_JOINED = re.compile(r"\b([a-z][a-z-]+)\s+(?:and|or|&|\+)\s+([a-z][a-z-]+)\b", re.I)


def _joined(question: str, measure: list[str]) -> tuple[str, ...]:
    """The measure nouns the question joins ("cars and trucks"): together they may name what
    the documents call by one word ("vehicles")."""
    asked = {w.lower() for w in measure}
    pairs = (found.groups() for found in _JOINED.finditer(question))
    return tuple(f"{a} {b}".lower() for a, b in pairs if {a.lower(), b.lower()} <= asked)


_IN_OTHER_WORDS = re.compile(r"(?:,\s*|\(\s*)(?:i\.e\.?|ie|that is|namely)[,:]?\s+", re.I)
_BRIDGE = stem("bridge")  # "management's bridge": a profit's or margin's move, driver by driver
_SELLS = re.compile(r"\b(?:did|does|do|will|would)\s+(?:\S+\s+){1,6}?sell\b", re.I)
_PLACE_NOUN = re.compile(
    r"\b(?:at|in|from|to|out\s+of)\s+(?:the\s+)?(?:[A-Z][\w'\u2019-]*\s+)+"
    r"(airports?|hubs?|stations?|ports?|terminals?|stores?|branch(?:es)?|plants?|factor(?:y|ies)"
    r"|sites?|offices?|campus(?:es)?|malls?)\b"
)
# "the FY26/27 guide at Q1", "as of the H1 results": when it was said, not what it is of.
_TIME_SAID = re.compile(
    r"\b(?:at|as\s+of|with)\s+(?:the\s+)?[QH][1-4](?:\s+(?:update|results|statement|print))?\b",
    re.I,
)


def said_at(question: str) -> bool:
    """Does the question name the quarter a figure was said at ("the guide at Q1")?"""
    return bool(_TIME_SAID.search(question))


def _own_periods(question: str) -> frozenset[str]:
    """The periods the figure asked is of: not the quarter it was said at, nor the period a
    move asked runs from."""
    # ("compare with fiscal 2025": the period set against, not the one asked)
    text = without_named_base(_without_time_said(question))
    if asks_movement(text):  # "how did the backlog move since the end of March?"
        text = without_start_point(text)
    return frozenset(periods(text))


def _without_time_said(question: str) -> str:
    """``question`` less the quarter a figure was said at, where it names the figure's own
    period too ("the FY26/27 EBIT guide at Q1": FY26/27's)."""
    rest = _TIME_SAID.sub(" ", question)
    return rest if rest != question and periods(rest) else question


# "how badly did the capex burn dent FCF?", "how hard did tariffs hit margins?": the measure
# that took the hit is asked, not the cause that dealt it.
_DENTED = re.compile(
    # (not "did that hit margins?": "that" is the claim before it, which the question still asks)
    r"\bhow\s+(?:much|badly|hard|far|sharply)\s+(?:did|does|has|have|will|would)\s+"
    r"(?!(?:that|this|it|they)\s)\S.*?\s"
    r"(?:dent(?:ed)?|hit|hurt|squeez(?:e|ed)|weigh(?:ed)?\s+on|drag(?:ged)?\s+(?:on|down)"
    r"|erod(?:e|ed))\s+(?P<hit>[^?;:-]+)",
    re.I,
)


_RETURNED_AS = re.compile(
    r"\b(?:return|hand|give|pay|send)\w*\b[^?]*?\b(?:through|via|by\s+way\s+of|in\s+the\s+form"
    r"\s+of)\s+(?P<hit>[^?;:-]+)",
    re.I,
)


# A title quoted in a question ("the 'Hold or Cut Your Losses' note") names a document, not
# a measure: three words or more between quotes.
_QUOTED_TITLE = re.compile(
    r"(?<!\w)['\"\u2018\u201c](?=\S)[^'\"\u2018\u2019\u201c\u201d]*?\s[^'\"\u2018\u2019\u201c\u201d]*?\s"
    r"[^'\"\u2018\u2019\u201c\u201d]*?(?<=\S)['\"\u2019\u201d](?!\w)"
)


# "did Harlow airport grow?": a hub named by its place ("Harlow International Airport").
_NAMED_PLACE = re.compile(r"\b[A-Z][\w'\u2019-]*\s+(airports?|hubs?|terminals?|ports?)\b")

__all__ = [
    "QuestionFocus",
    "asked_sources",
    "question_focus",
    "said_at",
    "without_sources",
]
