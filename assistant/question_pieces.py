"""The pieces of a question that asks for two measures ("sales and operating profit in Q2"),
one amount in two currencies ("the rmb number and the usd equivalent") or one measure in two
periods ("costs in FY26 and the year before"), each asked on its own by
``assistant.question.question_parts``."""

from __future__ import annotations

import re

from assistant.cues import CURRENCY_WORDS
from assistant.periods import periods
from assistant.synonyms import same_measure
from assistant.text import MONTHS, STOPWORDS
from assistant.units import CURRENCY_HINTS
from assistant.value_questions import key_measure

_POSSESSIVE = re.compile(r"['\u2019]s$")
# A word (a period written with its number first, "2Q", "1H26", is one word)
_WORD = re.compile(r"(?:\d+[A-Za-z]|[A-Za-z])[\w&/.-]*(?:['\u2019]s\b)?")


_AMOUNT_FRAME = re.compile(
    r"(?:the\s+)?(?:(?:size|amount|level|value|scale)\s+of\s+(?:the\s+|its\s+|their\s+)?)?",
    re.IGNORECASE,
)


_SUMMED_BEFORE = re.compile(r"\bacross\s+(?:(?:the|its|their)\s+)?[\w-]+$", re.I)
_SUMMED_AFTER = re.compile(r"\s+(?:combined|together|in\s+total)\b", re.I)


def each_measure(question: str) -> list[str]:
    """ "What were sales and operating profit in Q2?" -> "What were sales in Q2?" and "What
    were operating profit in Q2?": two measures of different kinds joined by "and" are two
    questions ("net debt and leverage" too; "research and development" is left whole)."""
    for join in re.finditer(r"\s+and\s+", question):
        before = list(_WORD.finditer(question, 0, join.start()))
        left = []
        for word in reversed(before):
            if word.group(0).lower() in STOPWORDS or word.end() < join.start() - 40:
                break
            left.insert(0, word)
        right = []
        # "... and the size of the buyback": the frame before the measure is no measure.
        frame = _AMOUNT_FRAME.match(question, join.end())
        # "sales and the organic growth rate": after "the" the words are one phrase's own.
        own_phrase = bool(frame and frame.group(0).strip())
        for word in _WORD.finditer(question, frame.end() if frame else join.end()):
            if word.group(0).lower() in STOPWORDS or len(right) == 3:
                break
            # "share repurchase": a measure's word before another is the compound's first.
            compound = right and key_measure(right[-1].group(0)) and not key_measure(word.group(0))
            if compound and not own_phrase:
                break
            right.append(word)
        left = _first_measure_words(question, left, right)
        one, two = _measure_stems(left), _measure_stems(right)
        if not one or not two or any(b in one | same_measure(a) for a in one for b in two):
            continue
        start, end = left[0].start(), right[-1].end()
        if _SUMMED_BEFORE.search(question, 0, join.start()) or _SUMMED_AFTER.match(question, end):
            continue  # "passengers across ferries and planes": one total of both
        return [
            question[:start] + question[start : join.start()] + question[end:],
            question[:start] + _unrepeated(question[:start], join.end(), right) + question[end:],
        ]
    return [question]


def _unrepeated(prefix: str, begin: int, right: list[re.Match[str]]) -> str:
    """The second measure's words without a period the shared prefix already says ("2Q sales
    and 2Q operating margin": "2Q operating margin", not "2Q 2Q operating margin")."""
    said = {w.group(0).lower() for w in _WORD.finditer(prefix)}
    first = right[0]
    if first.group(0).lower() in said and periods(first.group(0)) and len(right) > 1:
        begin = right[1].start()
    return first.string[begin : right[-1].end()]


# A ratio a measure is reported with ("orders and the book-to-bill ratio", "revenue and the
# operating margin"): a second figure of its own.
_RATIO_HEADS = frozenset({"margin", "ratio", "book-to-bill"})


def _measure_stems(words: list[re.Match[str]]) -> set[str]:
    """The key stems of a phrase's measure words, and a ratio's head where a word names which
    ratio ("the operating margin"; "revenue and margin" stays one phrase)."""
    said = [w.group(0) for w in words]
    heads = {w.lower() for w in said if w.lower() in _RATIO_HEADS} if len(said) > 1 else set()
    return ({key_measure(w) for w in said} - {""}) | heads


def _first_measure_words(
    question: str, left: list[re.Match[str]], right: list[re.Match[str]]
) -> list[re.Match[str]]:
    """The first measure's own words: after its owner's or period's ("Acme's fourth-quarter
    orders and revenue" asks both of Acme's fourth quarter), unless the second measure names
    an owner of its own ("globex' fy31 eps and initech's ebitda"); a period that opens the
    question tags it all."""

    def shared(word: re.Match[str]) -> bool:
        dated = periods(word.group(0)) and question[: word.start()].strip()
        return bool(_POSSESSIVE.search(word.group(0)) or dated)

    if any(_POSSESSIVE.search(w.group(0)) for w in right):
        return left
    cut = max((i + 1 for i, w in enumerate(left[:-1]) if shared(w)), default=0)
    return left[cut:]


# The bases a measure is reported on ("basic and diluted EPS", "GAAP and adjusted operating
# margin"): two figures of one measure. (Not "the interim and final dividends": a full
# year's dividend per share would answer the interim one.)
_BASIS = (
    r"(?:basic|diluted|gaap|non-gaap|adjusted|adj\.?|underlying|reported|statutory|organic"
    r"|gross|net|headline|core)"
)
_TWO_BASES = re.compile(rf"\b({_BASIS})\s+and\s+({_BASIS})(?=\s+[a-z])", re.I)


def each_basis(question: str) -> list[str]:
    """ "What were basic and diluted EPS?" -> "What were basic EPS?" and "What were diluted
    EPS?": a measure asked on two bases is two figures, each asked on its own."""
    both = _TWO_BASES.search(question)
    if not both:
        return [question]
    before, after = question[: both.start()], question[both.end() :]
    return [f"{before}{both[1]}{after}", f"{before}{both[2]}{after}"]


def each_currency(question: str) -> list[str]:
    """ "the rmb number and the usd equivalent?": the amount in each currency named, each
    piece without the other's name."""
    named = [
        (m.start(), m.end(), code)
        for code, pattern in CURRENCY_HINTS.items()
        for m in pattern.finditer(question)
    ]
    if len({code for _, _, code in named}) != 2 or len(named) != 2:
        return [question]
    (a_start, a_end, _), (b_start, b_end, _) = sorted(named)
    if not re.search(r"\b(?:and|vs\.?|versus|or)\b|,|/", question[a_end:b_start]):
        return [question]
    if re.fullmatch(r"\s*(?:and|or|,|/)\s*", question[a_end:b_start]):
        # "the dollar and euro rates": each name before the noun they share
        return [question[:a_end] + question[b_end:], question[:a_start] + question[b_start:]]
    return [question[:b_start] + question[b_end:], question[:a_start] + question[a_end:]]


# "in yen and in percent", "in percentage terms and in dollars": one move asked in two units.
_AMOUNT_UNIT = r"(?:in\s+)?(?:absolute\s+terms|(?:" + CURRENCY_WORDS + r")s?)"
_PERCENT_UNIT = r"(?:in\s+)?(?:percent(?:age)?(?:\s+terms)?|%)|as\s+a\s+percentage"
_TWO_UNITS = re.compile(
    rf"\b(?P<one>{_AMOUNT_UNIT}|{_PERCENT_UNIT})\s*(?:,|and|&|as\s+well\s+as)\s*"
    rf"(?:also\s+)?(?P<two>{_AMOUNT_UNIT}|{_PERCENT_UNIT})\b",
    re.I,
)


def each_unit(question: str) -> list[str]:
    """ "By how much did profit rise, in yen and in percent?" -> "..., in yen?" and "...,
    in percent?": a move asked as an amount and as a rate is two figures."""
    both = _TWO_UNITS.search(question)
    if not both:
        return [question]
    units = [re.fullmatch(_PERCENT_UNIT, both[name], re.I) is not None for name in ("one", "two")]
    if units[0] == units[1]:
        return [question]  # (two currencies are ``each_currency``'s)
    before, after = question[: both.start()], question[both.end() :]
    return [f"{before}{with_in(both['one'])}{after}", f"{before}{with_in(both['two'])}{after}"]


def with_in(unit: str) -> str:
    """ "yen" -> "in yen": a unit said after "and" without its "in" asks in it all the same."""
    return unit if re.match(r"(?:in|as)\s", unit, re.I) or unit == "%" else f"in {unit}"


# "the new price target and the previous one?", "2031 EPS estimate, new vs old?": one
# measure's value now and before.
_NEW_AND_OLD = re.compile(
    r"\b(?:new|current|latest|revised)\s+(?P<measure>[\w'&/.-]+(?:\s+[\w'&/.-]+){0,4}?)\s*"
    r"(?:,|and|&|vs\.?|versus)\s*(?:the\s+|its\s+)?(?P<old>previous|prior|old|original|earlier)"
    r"\s+(?:one|figure|number|level)\b",
    re.I,
)
_NEW_VS_OLD = re.compile(
    r"^(?P<measure>.+?),?\s+(?:new|now)\s+(?:vs\.?|versus|and|&)\s+(?P<old>old|previous|prior|before)"
    r"(?:\s+(?:estimates?|forecasts?|figures?|numbers?|ones?|targets?))?\s*\??\s*$",
    re.I,
)


# "Acme's FY31 EPS forecast and its previous forecast?": the plan now and the one before.
_PLAN_AND_OLD = re.compile(
    r"^(?P<measure>.+?\b(?:forecast|estimate|guidance|target|outlook|projection)s?)\s*"
    r"(?:,|and|&|vs\.?|versus)\s*(?:the\s+|its\s+|their\s+)?"
    r"(?P<old>previous|prior|old|original|earlier)"
    r"(?:\s+(?:one|forecast|estimate|guidance|target|outlook|projection|figure))?\s*\??\s*$",
    re.I,
)


def each_end(question: str) -> list[str]:
    """The question once for the value now and once for the value before ("the new price
    target and the previous one?": "the new price target?" and "the previous price
    target?"); the question alone when it asks no such pair."""
    match = (
        _NEW_AND_OLD.search(question)
        or _NEW_VS_OLD.match(question)
        or _PLAN_AND_OLD.match(question)
    )
    if not match:
        return [question]
    measure = match["measure"].strip()
    old = "previous" if match["old"].lower() == "before" else match["old"]
    if match.re is _PLAN_AND_OLD:
        # ("the price target": "the price previous target", of the plan's own words)
        head, _, plan = measure.rpartition(" ")
        return [f"{measure}?", f"{head} {old} {plan}?".lstrip()]
    if match.re is _NEW_VS_OLD:
        # (after the name that opens it: "Dunmore new 2031 EPS estimate?")
        named = re.match(r"(?:[A-Z][a-z][\w&.'\u2019-]*\s+)*", measure).group(0)
        rest = measure[len(named) :]
        return [f"{named}new {rest}?", f"{named}{old} {rest}?"]
    head = question[: match.start()]
    return [f"{head}new {measure}?", f"{head}{old} {measure}?"]


# "for 2026 and 2027", "FY25 vs FY26", "Q1 and Q2": one measure asked of each period. Not
# "between 2025 and 2026", which asks how it moved from one to the other.
_SPLIT_YEAR = r"(?:/(?:19|20)?\d\d)?"  # "FY25/26", "Q1 25/26"
_ONE_PERIOD = (
    r"(?:[QH][1-4]\s?)?FY\s?\d/(?:19|20)?\d\d[AEF]?|"  # "FY3/27": the year to March 2027
    # "June 2026", "30 June 2026", "June 30, 2026": a month's end
    rf"(?:\d{{1,2}}\s+)?(?:{'|'.join(MONTHS)})\s+(?:\d{{1,2}},?\s+)?(?:19|20)\d\d|"
    rf"(?:FY\s?'?|fiscal\s+(?:year\s+)?)?(?:(?:19|20)\d\d|\d\d){_SPLIT_YEAR}[AEF]?"
    rf"|[QH][1-4](?:\s?(?:FY\s?)?(?:19|20)?\d\d{_SPLIT_YEAR}"
    r"|\s+(?:this|last|next|prior)\s+(?:yr|year))?"  # "Q1 this yr vs Q1 25/26"
    r"|[1-4][QH]\s?'?(?:19|20)?\d\d"  # "3Q26 vs 3Q25"
)
_EACH_PERIOD = re.compile(
    rf"(?<!between\s)\b({_ONE_PERIOD})\s*(?:,|and|&|vs\.?|versus|or)\s*"
    rf"(?:(?:in|for|at)\s+)?(?:the\s+(?:end|close)\s+of\s+)?({_ONE_PERIOD})\b",
    re.I,  # "capex fy26 vs fy25?", "costs in FY26 and in FY25", "... and at the end of 2030"
)


# "fy26 capex and fy25?": a period, the measure, and another period at the end.
_PERIOD_AT_ENDS = re.compile(
    rf"\s*({_ONE_PERIOD})\s+([a-z][\w&' -]*?)\s*(?:,|and|&|vs\.?|versus)\s*(?:(?:in|for)\s+)?"
    rf"({_ONE_PERIOD})\s*\??\s*$",
    re.I,
)


# "EBIT this year and last year", "Q1 this year vs Q1 last year": the latest and the one before.
_LAST_YEAR = re.compile(r"\b(?:last|previous|prior)\s+(?:year|yr)\b", re.I)
_THIS_AND_LAST = re.compile(
    r"\b((?:[QH][1-4]\s+)?this\s+(?:year|yr))\s*(?:,|and|&|vs\.?|versus)\s*(?:(?:in|for)\s+)?"
    r"((?:the\s+)?(?:[QH][1-4]\s+)?(?:last|previous|prior)\s+(?:year|yr))\b",
    re.I,
)


# "now and at the end of June", "currently and at 31 December": the latest and a period named.
_NOW_AND_THEN = re.compile(
    r"\b(now|currently|today)\s*(?:,|and|&|vs\.?|versus|compared\s+with)\s*"
    r"((?:at\s+the\s+end\s+of|at|in|on|as\s+(?:of|at))\s+[^?,;]+?)(?=\s*(?:[?,;]|$))",
    re.I,
)


# "net debt at the end of June versus the end of December": a balance at each date.
_MONTH_END = rf"(?:at\s+)?(?:the\s+)?end\s+of\s+(?:{'|'.join(MONTHS)})(?:\s+(?:19|20)\d\d)?"
_TWO_MONTH_ENDS = re.compile(
    rf"\b({_MONTH_END})\s*(?:,|and|&|vs\.?|versus|compared\s+with)\s*({_MONTH_END})\b", re.I
)


# "costs in FY26 and the year before": the period named, then the year before it.
_AND_YEAR_BEFORE = re.compile(
    rf"\b({_ONE_PERIOD})\s*(?:,|and|&|vs\.?|versus)\s*(?:(?:in|for)\s+)?(?:the\s+)?"
    r"(?:(?:year|twelve\s+months)\s+(?:before|earlier)|(?:previous|prior)\s+year)\b",
    re.I,
)


def _year_before(period: str) -> str | None:
    """ "FY26" -> "FY25", "Q3 2031" -> "Q3 2030": the same period a year earlier (None where
    the period names no year, "Q3")."""
    years = list(re.finditer(r"(?:19|20)\d\d|\d\d", period))
    if not years or not int(years[-1].group(0)):
        return None
    year = years[-1]
    earlier = str(int(year.group(0)) - 1).zfill(len(year.group(0)))
    return period[: year.start()] + earlier + period[year.end() :]


# "By how much did operating cash flow grow in FY26, and from what level?": the move, then the
# level it moved from.
# "..., and to what?": the move, then the level it reached, of the same period.
_AND_FROM_WHAT = re.compile(
    r"^(?P<head>.*?\b(?:did|does|has|have)\s+(?P<measure>.+?)\s+(?:(?:grow|rise|increase|fall"
    r"|drop|decline|jump|climb|slip|shrink|improve|widen|narrow|expand|contract)\w*"
    r"|(?:go|goes|gone|come|comes)\s+(?:up|down))\b"
    r"(?P<rest>.*?))\s*,?\s+and\s+(?P<way>from|to)\s+what"
    r"(?:\s+(?:level|base|figure|amount|starting\s+point))?\s*\??\s*$",
    re.I,
)
_BASE_NAMED = re.compile(r"\b(?:versus|vs\.?|compared\s+(?:with|to)|against|from)\s+(.+)$", re.I)


def each_start(question: str) -> list[str]:
    """ "By how much did X grow in FY26, and from what level?": "By how much did X grow in
    FY26?" and "What was X in FY25?" (the base it names, else a year earlier); "..., and to
    what?": "What was X in FY26?"; the question alone when it asks no level moved from or to."""
    found = _AND_FROM_WHAT.match(question)
    if not found:
        return [question]
    rest = found["rest"].strip()
    if found["way"].lower() == "to":  # "..., and to what?": the level reached, then
        return [
            f"{found['head'].rstrip(' ,')}?",
            f"What was {found['measure']} {rest}".rstrip() + "?",
        ]
    named = _BASE_NAMED.search(rest)
    period = re.search(_ONE_PERIOD, rest, re.I) if not named else None
    back = _year_before(period.group(0)) if period and periods(period.group(0)) else None
    base = f"in {named.group(1)}" if named else f"in {back}" if back else "a year earlier"
    return [f"{found['head'].rstrip(' ,')}?", f"What was {found['measure']} {base}?"]


# "adjusted EPS in the year before fiscal 2026": the period named, a year earlier.
_YEAR_BEFORE_NAMED = re.compile(
    rf"\b(?:the\s+)?(?:fiscal\s+|financial\s+)?year\s+(?:before|prior\s+to|preceding)\s+"
    rf"({_ONE_PERIOD})\b",
    re.I,
)


def year_before_named(question: str) -> str:
    """``question`` with "the year before fiscal 2026" as the year it means ("fiscal 2025")."""

    def earlier(match: re.Match[str]) -> str:
        named = match.group(1)
        back = _year_before(named) if periods(named) and "/" not in named else None
        return back or match.group(0)

    return _YEAR_BEFORE_NAMED.sub(earlier, question)


def each_period(question: str) -> list[str]:
    """The question once per period it joins ("EPS for 2026 and 2027?": "EPS for 2026?" and
    "EPS for 2027?"); the question alone when it joins none."""
    before = _AND_YEAR_BEFORE.search(question)
    earlier = _year_before(before.group(1)) if before and "/" not in before.group(1) else None
    if before and earlier and periods(before.group(1)):
        start, end = before.span()
        return [question[:start] + p + question[end:] for p in (before.group(1), earlier)]
    match = _EACH_PERIOD.search(question) or _THIS_AND_LAST.search(question)
    now = _NOW_AND_THEN.search(question) or _TWO_MONTH_ENDS.search(question)
    if not match and now and periods(now[2]):
        # "NPLs now and at the end of June?": the latest, and the period named
        start, end = now.span()
        return [question[:start] + now[i] + question[end:] for i in (1, 2)]
    if not match and (ends := _PERIOD_AT_ENDS.match(question)):
        # "fy31 adjusted EPS and fy30?": the measure between the two periods is each one's.
        first, measure, second = ends.group(1, 2, 3)
        if periods(first) != periods(second) and not periods(measure):
            return [f"{first} {measure}?", f"{second} {measure}?"]
    if not match or not (match.re is _THIS_AND_LAST or all(periods(match[i]) for i in (1, 2))):
        return [question]
    # ("Q1 this year and Q1 last year": one quarter, of two years)
    if periods(match.group(1)) == periods(match.group(2)) and not _LAST_YEAR.search(match[0]):
        return [question]
    start, end = match.span()
    return [question[:start] + match.group(i) + question[end:] for i in (1, 2)]


__all__ = [
    "each_basis",
    "each_currency",
    "each_end",
    "each_measure",
    "each_period",
    "each_start",
    "year_before_named",
]
