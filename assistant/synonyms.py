"""Words of financial reporting that name the same measure, and analysts' idioms for them.

The embedding model cannot tell a synonym from a neighbouring measure ("revenue" is as close
to "profit" as to "sales"), so the equivalences every reader of results statements knows
are written down here: standard reporting terms and the idioms analysts use for them, never
a corpus's own wording. :func:`plain_terms` rewrites idioms ("top line") into the term a
document would print ("revenue"); :func:`same_measure` gives the stems that name the same
measure as a stem ("sales" for "revenue"); :func:`typo_of` says whether a word is another
mistyped.
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from assistant.expectations import FORECAST_YEAR, as_consensus
from assistant.idioms import IDIOMS as _IDIOMS
from assistant.periods import period_spans
from assistant.rephrasings import measures_described
from assistant.text import MONTHS, stem

# Each line: words that name one measure in results statements and research notes ("lines"
# are products, but "the bottom line" is no product).
_GROUPS = """
revenue sales turnover
profit earnings income
buyback repurchase
estimate forecast projection
consensus street
market opportunity
rating recommendation upgrade downgrade
lfl organic
stock shares
outlook guidance guide expect
plan budget programme program
currency fx forex
workforce headcount employees staff
cost bill
debt borrowings
leverage gearing
fuel petrol gasoline
impairment writedown writeoff
target goal ambition aim objective
execute complete
chip semiconductor
ferry boat
overseas international foreign abroad outside
aircraft plane airplane jet
product lines sku
award contract win
expenditure spending outlay
spending expense
order bookings
backlog orderbook
dividend distribution
""".strip().splitlines()

# The standard abbreviations of reporting measures: written in capitals, yet terms, never
# the names of organisations ("What EBITDA did the ferries earn?" names no owner "EBITDA").
MEASURE_ACRONYMS = frozenset(
    """ebitda ebita ebit eps dps npat pbt pat fcf gmv arpu aum nim roe roce roic rote cet1
    capex opex lfl tsr nav wacc dcf yoy qoq cagr op opm gpm npm fx npl npa nii ev bev rpk""".split()  # noqa: SIM905
)

# Reporting acronyms and the plain names they stand for, where the letters do not spell the
# name (letters that do, "EPS" for "earnings per share", are read from the text itself), and
# a few that do, for the search.
ACRONYM_NAMES = {
    "ebit": ("operating profit", "operating income"),
    "op": ("operating profit", "operating income"),  # as Japanese results and brokers write
    "np": ("net profit", "net income"),
    "d&a": ("depreciation and amortisation", "depreciation and amortization"),
    "ocf": ("operating cash flow", "cash from operating activities"),
    "pbt": ("pretax profit", "pre-tax profit"),
    "etr": ("tax rate",),  # the effective tax rate, which results call "underlying tax rate"
    "npl": ("nonperforming loans", "non-performing loans"),
    "npa": ("nonperforming assets", "non-performing assets"),
    "ev": ("electric vehicle", "battery electric", "enterprise value"),
    "bev": ("battery electric",),
    # The weighted average cost of capital is the rate a valuation discounts cash flows at.
    "wacc": ("discount rate", "cost of capital"),
    # Letters that spell their name, named for the search: the embedding model cannot read
    # "fcf h2" as free cash flow.
    "fcf": ("free cash flow",),
    "nim": ("net interest margin",),
    "nii": ("net interest income",),
    "dps": ("dividend per share",),
    "eps": ("earnings per share",),
    "capex": ("capital expenditure",),
    "rpk": ("revenue passenger kilometres", "revenue passenger kilometers"),  # paid traffic
}

# ... of one meaning: "EV" is an electric vehicle or an enterprise value, so it is not spelled out.
_NAMED_ACRONYM = re.compile(
    r"\b("
    + "|".join(
        k
        for k, names in ACRONYM_NAMES.items()
        if set.intersection(*(set(n.split()) for n in names))
    )
    + r")\b",
    re.I,
)


def spell_out_acronyms(text: str) -> str:
    """``text`` with each reporting acronym whose letters do not spell its name followed by
    that name ("underlying EBIT guide" -> "underlying EBIT (operating profit) guide"), for
    searching: the embedding model cannot tell the measure from the letters."""
    return _NAMED_ACRONYM.sub(
        lambda m: f"{m.group(0)} ({ACRONYM_NAMES[m.group(1).lower()][0]})", text
    )


# "Who runs Acme?" asks for its chief executive; "who heads investor relations at Acme?"
# asks for the head of a function named in lower case before "at", "of" or "for".
_WHO_RUNS = re.compile(
    r"\bwho\s+(?:runs|leads|heads)\s+"
    r"(?!(?-i:(?:the\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}\s+(?:at|of|for|in)\s))",
    re.I,
)
_IDIOM = re.compile(
    r"\b(?:" + "|".join(re.escape(k) for k in sorted(_IDIOMS, key=len, reverse=True)) + r")(?!\w)",
    re.IGNORECASE,
)


def typo_of(asked: str, stated: str) -> bool:
    """Is ``asked`` ``stated`` mistyped: one letter dropped, added, changed or two swapped
    ("consenus", "repurchses", "yeild")? Short words are too close to others to tell."""
    if asked == stated or abs(len(asked) - len(stated)) > 1 or min(len(asked), len(stated)) < 5:
        return False
    if len(asked) == len(stated):
        diff = [i for i, (a, b) in enumerate(zip(asked, stated, strict=True)) if a != b]
        swapped = (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and asked[diff[0]] == stated[diff[1]]
            and asked[diff[1]] == stated[diff[0]]
        )
        return swapped or (len(diff) == 1 and len(asked) >= 7)
    short, long = sorted((asked, stated), key=len)
    return len(short) >= 6 and any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


# Each line: words that tell one kind of a measure from another ("gross margin" is not the
# "operating margin"); a figure of one kind does not answer a question about another.
# ("pre" is what "pre-tax" leaves once split into words.)
_BASES = """
gross operating net pretax pre ebitda ebita ebit ordinary noninterest
interim final special
basic diluted
free operating
""".strip().splitlines()
# Measures that never stand for each other, though a heading may name both ("Earnings
# forecast" over "Net sales: 372,000"): the top line is no profit, and no profit a top line.
_DISTINCT = tuple(frozenset(stem(w) for w in line.split()) for line in _GROUPS[:2])


def other_measure(asked: frozenset[str], own: frozenset[str]) -> bool:
    """Does a figure's own label name one of two distinct measures ("Net sales") where the
    question asks the other ("net profit"), and not the one asked? A question naming both
    ("net income jumped though revenue missed") leaves it to the other checks."""
    wanted = [group for group in _DISTINCT if asked & group]
    return len(wanted) == 1 and not own & wanted[0] and any(own & g for g in _DISTINCT)


# A broker table's forecast column ("FY28F", "2027E") states an estimate of its row's measure.
_FORECAST_STEMS = frozenset(stem(w) for w in ("estimate", "forecast", "projection"))
_DERIVATIONS = ("ation", "tion", "ion", "ment")


def derived(a: str, b: str) -> bool:
    """Is one stem the other with a suffix that makes a noun of a verb ("expectation" of
    "expect", "investment" of "invest")?"""
    short, long = sorted((a, b), key=len)
    # "capitalize (on)" is no "capitalization": an -ize verb's noun is a term of its own.
    return (
        len(short) >= 4
        and not short.endswith("iz")
        and any(long == short + end for end in _DERIVATIONS)
    )


def forecast_column(asked: str, clause: str) -> bool:
    """Does a forecast column ("FY28F", "2026E") state the estimate asked ("est", "forecast")?"""
    return asked in _FORECAST_STEMS and FORECAST_YEAR.search(clause) is not None


# The two bases results are reported on: as the accounting rules define them, and as the
# company adjusts them ("non-GAAP" is the second, though it writes "GAAP").
# ("basic EPS" is the unadjusted one: no answer to "adjusted EPS")
_STATUTORY = frozenset({stem("gaap"), stem("statutory"), stem("basic"), stem("unadjusted")})
ADJUSTED_BASIS = frozenset({stem("adjusted"), stem("underlying")})


def _reporting_bases(stems: frozenset[str]) -> frozenset[str]:
    if {"non", stem("gaap")} <= stems:
        stems = stems - {stem("gaap")} | {stem("adjusted")}
    return frozenset(b for b, kinds in (("s", _STATUTORY), ("a", ADJUSTED_BASIS)) if stems & kinds)


def other_basis(asked: frozenset[str], stated: frozenset[str]) -> bool:
    """Does the figure's clause name another kind of the measure asked, and not the asked
    one ("gross margin" asked, "operating margin" stated; "GAAP EPS" asked, "adjusted EPS"
    stated)?"""
    wanted, named = _reporting_bases(asked), _reporting_bases(stated)
    if wanted and named and not wanted & named:
        return True
    for line in _BASES:
        kinds = {stem(w) for w in line.split()}
        wanted, named = asked & kinds, stated & kinds
        if wanted and named and not wanted & named:
            return True
    return False


def _pairs(text: str) -> list[tuple[str, str]]:
    words = [stem(w) for w in re.findall(r"[a-z]+", text.lower())]
    return list(itertools.pairwise(words))


def other_basis_before(asked: str, text: str) -> bool:
    """Does ``text`` put another kind right before the measure that ``asked`` (the question's
    measure phrase) qualifies, and the asked kind before none ("net profit" asked; "net sales
    were X and operating profit was Y")?"""
    for line in _BASES:
        kinds = {stem(w) for w in line.split()}
        wanted = {a for a, _ in _pairs(asked) if a in kinds}
        heads = {b for a, b in _pairs(asked) if a in kinds} - kinds
        if not wanted or not heads:
            continue
        # "EBIT margin" asked is the "operating" kind its plain name gives.
        wanted |= {w for a in wanted for name in acronym_name_stems(a) for w in name & kinds}
        before = {a for a, b in _pairs(text) if a in kinds and b in heads}
        if before and not before & wanted and not _kind_after(text, heads, wanted):
            return True
    return False


def _kind_after(text: str, heads: set[str], kinds: set[str]) -> bool:
    """Does ``text`` name the kind asked right after the measure ("net cash from operating
    activities" is operating cash flow, whatever "net" says before it)?"""
    words = [stem(w) for w in re.findall(r"[a-z]+", text.lower())]
    return any(
        a in heads and b in ("from", "of", "in") and c in kinds
        for a, b, c in zip(words, words[1:], words[2:], strict=False)
    )


@cache
def _groups() -> tuple[frozenset[str], ...]:
    return tuple(frozenset(stem(w) for w in line.split()) for line in _GROUPS)


@cache
def acronym_name_stems(acronym_stem: str) -> tuple[frozenset[str], ...]:
    """The stems of each plain name of a reporting acronym ("ebit": operating profit, ...)."""
    names = ACRONYM_NAMES.get(acronym_stem, ())
    return tuple(frozenset(stem(w) for w in re.findall(r"[a-z]+", n)) for n in names)


def with_acronym_names(stems: frozenset[str]) -> frozenset[str]:
    """``stems`` and the words of the plain names of its reporting acronyms ("ebit": operating
    profit), so that "operating profit" asked is not another basis than "EBIT" stated."""
    return stems.union(*(name for s in stems for name in acronym_name_stems(s)))


def same_measure(word_stem: str) -> frozenset[str]:
    """Stems that name the same measure as ``word_stem`` (itself excluded)."""
    found: set[str] = set()
    for group in _groups():
        if word_stem in group:
            found |= group
    return frozenset(found - {word_stem})


def is_idiom(word: str) -> bool:
    """Is ``word`` analysts' shorthand the documents print otherwise ("fwd", "pax")?"""
    return word.lower() in _IDIOMS


_PLUS = re.compile(r"(?<=[A-Za-z])\s*\+\s*(?=[A-Za-z])")


def plain_terms(question: str) -> str:
    """``question`` with analysts' idioms in reporting terms ("the top line" -> "the revenue";
    "the street's EPS" -> "the consensus EPS")."""
    question = _WHO_RUNS.sub("who is the chief executive of ", question)
    question = measures_described(question)
    question = _PLUS.sub(" and ", question)  # "AWS + Microsoft": both of them
    return as_consensus(_IDIOM.sub(lambda m: _IDIOMS[m.group(0).lower()], question))


# "head-office / central costs", "revenue/sales growth": two words for one thing, of which
# a document prints one; the one nearer the noun stands. Lower case only: "AI/cloud" and
# "P/E" are terms.
_ALTERNATIVE = re.compile(r"\b[a-z][a-z-]+(?:\s+/\s+|/)(?=[a-z][a-z-]+\b)")


def one_alternative(question: str) -> str:
    """``question`` less the first of two alternatives ("head-office / central costs");
    months ("jul/aug") and "and/or" are no alternatives."""
    kept = {"and", *(month[:3] for month in MONTHS)}
    return _ALTERNATIVE.sub(
        lambda m: m.group(0) if m.group(0)[:3].lower() in kept else "", question
    )


# "how much did EBITA fall with all the instant-commerce spend?": after a move, what it moved
# with is its cause, not its measure.
_CAUSE = re.compile(
    r"\b((?:f[ae]ll|r[io]se|drop|declin|grow|grew|slip|jump|increas|decreas|shr[iau]nk)\w*)"
    r"\s+(?:with|amid|due to|because of|thanks to)\s+(?:all\s+)?"
    r"(?:the|its|their|this|that|these|those)\b[^?,;]*",
    re.I,
)


# "the new EBITDA estimate after the profit warning": the occasion says when, not what is measured.
_OCCASION = re.compile(
    r"\s*,?\s+\b(?:after|following)\s+(?:the|its|their|this|that|these|those)\s+[^?,;]*", re.I
)


def without_cause(question: str) -> str:
    """``question`` less the cause of a move it names ("fall with all the spend") and the
    occasion after which it asks ("after the profit warning"), unless that names a period
    ("after the first half")."""
    question = _CAUSE.sub(r"\1", question)
    return _OCCASION.sub(lambda m: m.group(0) if _dates(question, m) else "", question)


def _dates(question: str, occasion: re.Match[str]) -> bool:
    """Does the occasion date what is asked: a period or month it names ("after the first
    half", "after the May update"), or a "before and after" pair?"""
    words = set(re.findall(r"[a-z]+", occasion.group(0).lower()))
    before = question[: occasion.start()].rstrip().lower()
    dated = bool(period_spans(occasion.group(0))) or bool(words.intersection(MONTHS))
    return dated or before.endswith("and")


__all__ = [
    "ADJUSTED_BASIS",
    "MEASURE_ACRONYMS",
    "acronym_name_stems",
    "derived",
    "forecast_column",
    "is_idiom",
    "one_alternative",
    "other_basis",
    "other_basis_before",
    "other_measure",
    "plain_terms",
    "same_measure",
    "spell_out_acronyms",
    "typo_of",
    "with_acronym_names",
    "without_cause",
]
