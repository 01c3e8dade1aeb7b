"""Does a question ask for a value, and of which kinds: "what was X?", "what operating profit
did Acme make?", "how far apart were they?", "acme adj eps q4?" ask for a figure though they
name no unit or change. ``assistant.question`` splits a question into parts and asks these of
each part."""

from __future__ import annotations

import re

from assistant.comparisons import COMPARE_FIRST
from assistant.cues import (
    CENTS_OF_EACH,
    asks_for_names,
    asks_level_reached,
    asks_reason,
    asks_what_called,
)
from assistant.figures import RATE_KINDS, Figure
from assistant.focus import QuestionFocus
from assistant.matching import asked_kinds
from assistant.synonyms import MEASURE_ACRONYMS, plain_terms, same_measure
from assistant.text import expand_contractions, stem
from assistant.units import currency_wanted

ALL_FIGURE_KINDS = frozenset({"money", "percent", "points", "number"})


def key_measure(word: str) -> str:
    """The stem of a word that names a measure on its own ("sales", "EBITDA"); "margin" is
    a ratio of one ("revenue and margin" may be one noun phrase)."""
    low = word.lower().rstrip(".")
    key = stem(low)
    return key if same_measure(key) or low in MEASURE_ACRONYMS else ""


_ASKS_PLACE = re.compile(
    r"\b(?:which|what)\s+(?:regions?|countr(?:y|ies)|markets?|cit(?:y|ies)|places?|geograph\w*"
    r"|territor(?:y|ies)|locations?)\b|^\s*where\b",
    re.I,
)
_COUNT_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4}
_SEVERAL = re.compile(
    r"\b(two|both|three|four)\s+(?:different\s+)?(?:figures|numbers|values|estimates|amounts)\b"
    r"|\btwice\b",
    re.IGNORECASE,
)

# Questions that ask for a value without a cue word: "what was X?", "how did X change?".
_VALUE_QUESTION = re.compile(
    # at the start, or after a dash or colon ("Homeware vs expectations - how did it stack up?")
    r"(?:^|\s[-\u2013\u2014]\s|[:;,]\s)\s*(?:what\s+(?:is|was|were|are|will|would)\b"
    r"|what\s+happened\s+to\b|how\s+far\s+(?:did|has|have|had|does|do)\s+(?:[\w'\u2019-]+\s+){1,6}?"
    r"(?:f[ae]ll|drop|declin|slid|sank|sink|rose|rise|climb|jump|gr[eo]w|gain)\w*"  # a move's size
    r"|how\s+(?:big|large|high|low|fast|well|strong|badly|far\s+apart"
    r"|punctual|profitable|leveraged|indebted|full)\b"
    # "the number they use", "what figure": a value, whatever its unit.
    r"|\b(?:the|what|which)\s+(?:number|figure)s?\b"
    # "what kind of GMV growth is it posting?" (not "what kind of uplift", which describes)
    r"|^\W*what\s+(?:kind|sort|type|level)\s+of\s+(?:\S+\s+){0,2}?(?:growth|margin|returns?"
    r"|yield|rate)\b"
    r"|how\s+(?:did|does|do|has|have|is|are|was|were)\s+.+?\b(?:chang|react|perform|fare|mov"
    r"|develop|trend|compar|stack|shap|look|hold|held|trad|slow|accelerat|decelerat|soften"
    r"|weaken)\w*|how\s+(?:did|does|do|is|are)\s+.+?\s+(?:do|doing)\b"
    # "where has Initech moved its target?", "where did CET1 end the quarter?", "where do
    # they see charge-offs landing?": a level.
    # "what retail D&A is expected in 2026/27?": the value foreseen
    r"|^\W*what\s+(?:\S+\s+){1,5}?(?:is|are|was|were)\s+(?:now\s+)?(?:expected|forecast"
    r"|guided|planned|targeted|estimated|projected|budgeted)\b"
    # "what did the segment sell in the half?": an amount the verb names.
    r"|^\W*what\s+(?:did|does|do|will|would)\s+.+?\b(?:sell|earn|spend|book|ship|deliver|pay|generate"
    r"|turn\s+over|cost)\b"
    # "what does the broker expect FY28 EPS to be?": the value foreseen
    r"|^\W*what\s+(?:did|does|do|will|would)\s+.+?\b(?:expect|forecast|see|model|estimate|project)"
    r"\w*\s+.+?\s+to\s+(?:be|reach|hit|come\s+in|land|total)\b"
    r"|where\s+(?:has|have|did|does|do|is|are|was|were|will)\s+.+?\b(?:mov|set|put|stand"
    r"|stood|sit|sat|peg|end|finish|close|land|settl|come\s+in|came\s+in|runn|track|trend"
    r")\w*)",
    re.I,
)


# "How does Initech's GMV growth compare?": growth as the head noun is a rate, not a level
# ("growth capex" is an amount).
_GROWTH_HEAD = re.compile(
    r"\b(?:growth|growing)(?:\s+rates?)?(?=\s*(?:[?.,;:]|$)|\s+(?:in|of|for|at|compared?|vs"
    r"|versus|against|than|over|year|last|this|since|stack|is|are|was|were|did|has|have)\b)",
    re.I,
)


# "What operating profit did Initech report?", "what fy26 EPS consensus are they working
# off?": a reporting measure's name (not any noun: "what risks did it flag?") asks its value,
# whatever the verb. (Any noun before a verb of reporting, spending or forecasting, tried in
# the tenth and twelfth rounds, lost held-out answers both times.)
_WHAT_NOUNS_DO = re.compile(
    r"^\W*what\s+((?:[\w&'.-]+\s+){0,3}?[\w&'.-]+)\s+"
    r"(?:did|does|do|has|have|had|will|would|is|are|was|were)\s+(?:it|they|we|you|he|she|[A-Z])",
    re.I,
)


_IN_WORDS = frozenset(stem(w) for w in ("rating", "recommendation", "outlook", "view", "stance"))


# Nouns that head a figure though no measure on their own: "free cash flow", "interim margin".
_FIGURE_HEAD = re.compile(
    r"\b(?:cash\s+flows?|dividends?|margins?|yields?|payouts?|multiples?)$", re.I
)


def _names_measure_value(question: str) -> bool:
    """ "What operating profit did Initech make?": the value of the reporting measure named.
    A plural asks for things, unless a measure's ("sales"); a rating or an outlook is given
    in words ("what rating did it affirm?")."""
    did = _WHAT_NOUNS_DO.match(question)
    named = did.group(1).split() if did else []
    worded = {stem(w.lower()) for w in named} & _IN_WORDS
    headed = bool(_FIGURE_HEAD.search(" ".join(named)))  # "what free cash flow is it targeting?"
    if not did or worded or not (headed or any(key_measure(w) for w in named)):
        return False
    noun = named[-1].lower()
    singular = noun.endswith(("ss", "us", "is")) or bool(same_measure(stem(noun)))  # "consensus"
    plural = noun.endswith("s") and not singular
    return not (plural or asks_reason(question) or asks_for_names(question))


def question_kinds(question: str, focus: QuestionFocus) -> frozenset[str]:
    """Kinds of figure asked for; a "what was X" question about a measure asks for any."""
    kinds = frozenset(asked_kinds(plain_terms(question)))
    # "How's Pick of the Crop doing?" names no measure but asks how the name did.
    # "Compare A's margin with B's" asks the two values.
    # "X's target before and after the note?": the two ends of a move are values.
    value = (
        asks_value(question)
        or _names_measure_value(_SOURCE_FIRST.sub("", question))
        or bool(COMPARE_FIRST.match(question))
        or asks_both_ends(question)
    ) and not asks_what_called(question)
    if not kinds and (focus.measures or focus.subjects) and value:
        # ("what was the operating margin?": a rate, never the sales or profit beside it)
        rate = _GROWTH_HEAD.search(question) or _PROFIT_MARGIN.search(question)
        kinds = RATE_KINDS if rate else ALL_FIGURE_KINDS
    if kinds == {"number"} and _GROWTH_HEAD.search(question):
        kinds |= RATE_KINDS  # "the growth in passenger numbers": a rate of a count
    if currency_wanted(question) and not CENTS_OF_EACH.search(question):
        kinds |= {"money"}  # "... in £?": an amount ("cents of each euro" is a share)
    if _MONEY_UNIT.search(question):
        kinds = frozenset({"money", "number"})  # "revenue in Q1, £m?": an amount, not a rate
    if focus.measures and focus.measures <= _SHARES and asks_level_reached(question):
        kinds -= {"number"}  # "where did the shares end up?": a price, not a count of shares
    return kinds - {"year"} if kinds - {"year"} else kinds


_SHARES = frozenset(stem(w) for w in ("shares", "stock"))
# A profit margin, always a rate ("gross margin" may be an amount of money).
_PROFIT_MARGIN = re.compile(
    r"\b(?:operating|ebitda|ebita|ebit|net|profit|pre-?tax|underlying|interest)\s+margins?\b", re.I
)
# "According to Initech, what EBITA will Acme make?": who says so, before the question.
_SOURCE_FIRST = re.compile(
    r"^\W*(?:according\s+to|as\s+reported\s+by|as\s+per|per)\s+[^,?]+,\s*", re.I
)


# A money unit asked on its own, not a figure's: "£m", "in $bn", "(€m)".
_MONEY_UNIT = re.compile(
    r"(?<![\w.,$\u00a3\u20ac\u00a5])[$\u00a3\u20ac\u00a5]\s?(?:m|mn|bn|k|million|billion)?"
    r"(?!\w|[.,]\d)",
    re.I,
)


# ("the new and the old targets", "previous and revised", "original and current")
_BOTH_ENDS = re.compile(
    r"\bfrom\s+and\s+to\b|\bbefore\s+and\s+after\b"
    r"|\b(?:old|previous|prior|original)\s+and\s+(?:the\s+)?(?:new|revised|current|updated)\b"
    r"|\b(?:new|revised|current|updated)\s+and\s+(?:the\s+)?(?:old|previous|prior|original)\b",
    re.I,
)


def asks_both_ends(question: str) -> bool:
    """Does the question ask where a figure moved from as well as to ("from and to")?"""
    return bool(_BOTH_ENDS.search(question))


# "the old target", "the previous guidance": the value before a move (not "the prior year").
# ("the old 2026E estimate": a year may stand between)
_MOVE_NOUNS = (
    r"(?:increase|rise|raise|hike|cut|reduction|decrease|change|revision|downgrade|upgrade)"
)
_MOVE_PARTICIPLES = (
    r"(?:increased|raised|lifted|hiked|cut|lowered|reduced|trimmed|revised|changed|downgraded"
    r"|upgraded)"
)
_ASKS_OLD = re.compile(
    r"\b(?:old|previous|prior|original|earlier)\s+(?:(?:fy)?\d{2,4}[ef]?\s+|[12]h\s+|[hq]\d\s+)?"
    r"(?!(?:year|quarter|half|period|month)s?\b)[a-z]"
    # "the dividend before the increase", "the forecast before it was lowered" (or "before
    # the bank lowered it")
    rf"|\bbefore\s+(?:the|its|their|this|that)\s+{_MOVE_NOUNS}\b"
    rf"|\bbefore\s+(?:it|they|this|that)\s+(?:was|were|got|had\s+been)\s+{_MOVE_PARTICIPLES}\b"
    # "... before it lowered it", "before the broker cut it"
    rf"|\bbefore\s+(?:it|they|he|she|we|the\s+[a-z]+|[A-Z][\w&'\u2019-]*)\s+{_MOVE_PARTICIPLES}\b"
    # "... and what was it before?", "what was assumed before?", "what it had been previously"
    # (a part's text may carry the measure it borrows: "what was it before (EBITDA)")
    r"|\b(?:was|were|been)\s+(?:it\s+|they\s+|that\s+)?(?:[a-z]+\s+)?(?:before|previously)"
    r"\s*(?:\([^()]*\))?\s*\??\s*$"
    r"|\b(?:it|they|that)\s+(?:was|were|(?:had\s+)?been)\s+(?:before|previously)"
    r"\s*(?:\([^()]*\))?\s*\??\s*$"
    # "what did it assume before?", "what had they forecast previously?", "and before?"
    r"|\b(?:did|had)\s+(?:it|they|that|the\s+[a-z]+)\s+[a-z]+\s+(?:before|previously)"
    r"\s*(?:\([^()]*\))?\s*\??\s*$"
    r"|^\W*(?:and\s+)?(?:before|previously)\s*(?:\([^()]*\))?\s*\??\s*$",
    re.I,
)
# "How big is the new buyback?": the value set now ("a new $250 million authorization").
_ASKS_NEW = re.compile(
    r"\bnew\s+(?!(?:york|zealand|jersey|delhi)\b)((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)", re.I
)
_NEW_BEFORE = re.compile(r"\bnew\s+$", re.I)


def asks_old_value(question: str) -> bool:
    """Does the question ask for a value as it was before a move ("the old target")?"""
    return bool(_ASKS_OLD.search(question)) or asks_both_ends(question)


def new_value_words(question: str) -> frozenset[str]:
    """The stems of what the question asks a new value of, and their synonyms ("buyback",
    "repurchase" of "the new buyback"); none where it asks no new value."""
    match = _ASKS_NEW.search(question)
    stems = {stem(w.lower()) for w in match.group(1).split()} if match else set()
    return frozenset(stems.union(*(same_measure(s) for s in stems)))


def set_new(sentence: str, fig: Figure, asked: frozenset[str]) -> bool:
    """Is ``fig`` set new, of what is asked ("a new $250 million repurchase program" for
    "the new buyback"; not "a new $500 million buyback" for "the new dividend")?"""
    if not asked or not _NEW_BEFORE.search(sentence[max(0, fig.start - 12) : fig.start]):
        return False
    after = re.split(r"[,;.]", sentence[fig.end : fig.end + 60], maxsplit=1)[0]
    return bool(asked & {stem(w.lower()) for w in re.findall(r"[A-Za-z][\w-]*", after)})


# "what happened to orders from China in the quarter?" may be answered in words.
_OPEN_QUESTION = re.compile(r"^\W*(?:and\s+)?what\s+happened\s+(?:to|with)\b", re.I)


def value_shaped(kinds: frozenset[str], text: str, periods: frozenset[str]) -> bool:
    """Was any figure kind allowed only because the question is shaped like "what is X?"
    (no cue word asks for an amount, a rate or a count, and no period or currency)?"""
    return (
        kinds == ALL_FIGURE_KINDS
        and not asked_kinds(text)
        and (not periods or bool(_OPEN_QUESTION.match(text)))
        and not currency_wanted(text)
    )


def values_asked(question: str) -> int:
    """How many values the question asks for by count ("which two figures", "twice"), or as
    the two ends of a move ("from and to", "before and after"); 1 else."""
    if asks_both_ends(question):
        return 2
    match = _SEVERAL.search(question)
    if not match:
        return 1
    return _COUNT_WORDS.get((match.group(1) or "two").lower(), 2)


def asks_for_place(question: str) -> bool:
    """ "Which region ...?", "Where ...?": the answer is a place, named after "in" or "into"."""
    return bool(_ASKS_PLACE.search(question))


# "acme adj eps q4?": a few words with no question word or verb ask for the value they name.
_LOOKUP = re.compile(
    r"^(?!\s*(?:what|how|why|who|whom|whose|which|when|where|is|are|was|were|do|does|did|can"
    r"|could|will|would|should|has|have|had|tell|give|list|name|show|explain|describe|compare"
    r"|summari[sz]e|and|but|so)\b)\s*(?:\S+\s+){0,8}\S+\s*\??\s*$",
    re.I,
)


# "Give me H1 sales", "can you show me the dividend": a request whose object is the lookup
# ("tell me about ...", "tell me why ..." ask for words).
_REQUEST = re.compile(
    r"^\W*(?:(?:can|could)\s+you\s+)?(?:pls\s+|please\s+)?(?:give|show|tell)\s+me\s+"
    r"(?!about\b|why\b|how\b|what\b|who\b|which\b|whether\b|if\b|more\b)",
    re.I,
)


def asks_value(question: str) -> bool:
    """A question shaped to ask for a value though it names no unit or change."""
    question = expand_contractions(question)
    # "Q1 scorecard: net income growth?": the words after a colon may be the lookup.
    after_colon = question.rsplit(": ", 1)[-1]
    request = _REQUEST.match(question)
    return bool(
        _VALUE_QUESTION.search(question)
        or _LOOKUP.match(question)
        or (after_colon != question and _LOOKUP.match(after_colon))
        or (request and _LOOKUP.match(question[request.end() :]))
    )


__all__ = [
    "ALL_FIGURE_KINDS",
    "asks_both_ends",
    "asks_for_place",
    "asks_old_value",
    "asks_value",
    "key_measure",
    "new_value_words",
    "question_kinds",
    "set_new",
    "value_shaped",
    "values_asked",
]
