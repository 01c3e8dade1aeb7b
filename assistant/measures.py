"""What a figure is about: its subject (whose figure), its measure (what it counts) and period.

A figure standing in the evidence is not enough to answer with it: "What is Huawei's share
of China's cloud market?" must not be answered with Alibaba's 33% from a sentence that
mentions Huawei. So each figure is read together with the words around it:

- the *zone* of a figure is the stretch of its sentence from the last clause break (or the
  previous figure) up to the figure: in "rivals like Baidu and Tencent are closing the gap,
  while AWS and Microsoft maintain a 50% combined share", the zone of 50% is "AWS and
  Microsoft maintain a", so the 50% belongs to AWS and Microsoft, not Tencent;
- the *measure* is a term from a small vocabulary (revenue, market share, free cash flow…)
  within a few words of the figure;
- the *period* is the years and quarter labels of the sentence.

The rules are plain enough to read and test on made-up sentences; they are not tuned to one
article. The chain uses them to decide whether evidence answers a question (else abstain),
and the claim audit uses them to decide whether two figures measure the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.figures import Figure, find_figures

# The company the corpus is about, and words that stand for it in these documents.
HOME_ALIASES = (
    "alibaba", "alibaba group", "alibaba cloud", "aliyun", "the company", "company's",
    "taobao", "tmall", "qwen", "qwen-long", "qwen3", "lingma", "eddie wu",
)
# Other organisations that can be the subject of a figure.
OTHER_ENTITIES: dict[str, tuple[str, ...]] = {
    "tencent": ("tencent",),
    "huawei": ("huawei",),
    "baidu": ("baidu",),
    "aws": ("aws", "amazon web services", "amazon"),
    "microsoft": ("microsoft", "azure"),
    "google": ("google", "alphabet"),
    "bytedance": ("bytedance",),
    "douyin": ("douyin",),
    "pdd": ("pdd", "pinduoduo", "temu"),
    "jd": ("jd.com", "jd"),
    "meituan": ("meituan",),
    "apple": ("apple",),
    "honor": ("honor",),
    "nvidia": ("nvidia",),
    "xiaomi": ("xiaomi",),
    "trendyol": ("trendyol",),
    "mizuho": ("mizuho",),
    "zacks": ("zacks",),
    "deepseek": ("deepseek",),
    "openai": ("openai",),
}
# What a figure can measure; a question's measure must stand near the evidence figure.
MEASURES: dict[str, tuple[str, ...]] = {
    "investment": ("commit", "invest", "spend", "spending", "capex", "capital expenditure",
                   "pledge", "infrastructure"),
    "revenue": ("revenue", "sales", "top line", "turnover"),
    "net income": ("net income", "profit", "net earnings"),
    "earnings per share": ("earnings per share", "eps", "per share", "earnings estimate",
                           "consensus estimate"),
    "free cash flow": ("free cash flow", "fcf", "cash flow"),
    "market share": ("market share", "share of", "share in", "combined share"),
    "price": ("price", "prices", "pricing"),
    "gmv": ("gmv", "gross merchandise"),
    "ebita": ("ebita", "ebitda"),
    "buyback": ("repurchase", "buyback", "bought back", "buy back"),
    "market size": ("market size", "market by", "ai infrastructure market", "market worth"),
    "quarters": ("consecutive quarters", "quarters in a row", "quarters"),
    "employees": ("employees", "staff", "headcount", "head-count", "workforce"),
    "users": ("users", "customers", "subscribers"),
    "dividend": ("dividend",),
    "price target": ("price target", "target price"),
    "valuation": ("valuation", "market cap", "market value"),
}
# Question words for a measure that differ from the evidence's words.
_QUESTION_MEASURES: dict[str, tuple[str, ...]] = {
    "earnings per share": ("earnings per share", "eps", "earnings estimate"),
    "investment": ("committed", "commitment", "spend", "spending", "invest", "investment",
                   "capex", "pledge"),
    "market size": ("market size", "size of the", "market be worth", "market worth",
                    "infrastructure market"),
    "quarters": ("quarters", "how many quarters", "consecutive"),
    "buyback": ("buy back", "buyback", "repurchase", "repurchased"),
}
NEAR_WORDS = 14
_CLAUSE_BREAK = re.compile(r";|:|\u2014| -- |,\s*(?:while|whereas|but|although)\b|\bwhile\b"
                           r"|\bwhereas\b|\bbut\b|\bagainst\b|\bversus\b|\bvs\.")
_PERIOD = re.compile(r"\b(?:Q[1-4]|H[12]|(?:19|20)\d\d)\b")
_WORDS = re.compile(r"\S+")


def _alias_pattern(alias: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(alias)}(?![\w-])", re.IGNORECASE)


_HOME = [_alias_pattern(a) for a in HOME_ALIASES]
_OTHERS = {name: [_alias_pattern(a) for a in aliases] for name, aliases in OTHER_ENTITIES.items()}


def _mentions(text: str, patterns: list[re.Pattern[str]]) -> bool:
    return any(p.search(text) for p in patterns)


def other_entities(text: str) -> set[str]:
    """Organisations other than the home company named in ``text``."""
    return {name for name, pats in _OTHERS.items() if _mentions(text, pats)}


def mentions_home(text: str) -> bool:
    return _mentions(text, _HOME)


@lru_cache(maxsize=512)
def _term_pattern(term: str) -> re.Pattern[str]:
    # A term matches at a word start: "invest" matches "investments", not "AInvest".
    return re.compile(rf"(?<![\w-]){re.escape(term)}", re.IGNORECASE)


def measures_in(text: str, vocabulary: dict[str, tuple[str, ...]] = MEASURES) -> set[str]:
    """Measures whose terms occur in ``text`` (at the start of a word)."""
    return {m for m, terms in vocabulary.items()
            if any(_term_pattern(t).search(text) for t in terms)}


def question_measures(question: str) -> set[str]:
    """The measures a question asks about (the most specific ones)."""
    # "per share" alone is a unit ("dividend per share"), not the EPS measure, in a question.
    plain = {m: t for m, t in MEASURES.items() if m != "earnings per share"}
    found = measures_in(question, plain) | measures_in(question, _QUESTION_MEASURES)
    # "price target" and "earnings per share" are more specific than "price"/"net income".
    if "price target" in found:
        found.discard("price")
    if "earnings per share" in found:
        found -= {"net income", "market share"}
    if "market size" in found:
        found.discard("investment")
    return found


def periods(text: str) -> set[str]:
    """Years and quarter/half labels, upper-cased: {"Q4", "2025"}."""
    return {m.group(0).upper() for m in _PERIOD.finditer(text)}


@dataclass(frozen=True)
class FigureContext:
    """One figure of a sentence with what it is about."""

    figure: Figure
    zone: str  # words from the last clause break (or previous figure) up to the figure
    near: str  # a window of words around the figure
    subjects: frozenset[str]  # other organisations named in the zone
    home: bool  # the home company is named (or referred to) in the zone
    measures: frozenset[str]
    periods: frozenset[str]


def _zone_start(sentence: str, figure_start: int, previous_end: int) -> int:
    start = previous_end
    for match in _CLAUSE_BREAK.finditer(sentence, previous_end, figure_start):
        start = match.end()
    return start


def _window(sentence: str, start: int, end: int, words: int) -> str:
    before = _WORDS.findall(sentence[:start])[-words:]
    after = _WORDS.findall(sentence[end:])[:words]
    return " ".join([*before, sentence[start:end], *after])


def figure_contexts(sentence: str) -> list[FigureContext]:
    """Every non-year figure of a sentence with its zone, measures and periods."""
    contexts: list[FigureContext] = []
    previous_end = 0
    sentence_periods = frozenset(periods(sentence))
    for fig in find_figures(sentence):
        if fig.kind == "year":
            continue
        zone = sentence[_zone_start(sentence, fig.start, previous_end) : fig.start]
        near = _window(sentence, fig.start, fig.end, NEAR_WORDS)
        c_start, c_end = clause_span(sentence, fig, previous_end)
        # The figure's own clause says what it measures; only when it names no measure
        # ("..., a fall of 76%") do the words around it stand in.
        measures = measures_in(sentence[c_start:c_end]) or measures_in(near)
        contexts.append(
            FigureContext(
                figure=fig,
                zone=zone,
                near=near,
                subjects=frozenset(other_entities(zone)),
                home=mentions_home(zone),
                measures=frozenset(measures),
                periods=sentence_periods,
            )
        )
        previous_end = fig.end
    return contexts


_AFTER_BREAK = re.compile(r"[,;:\u2014]|\bwhile\b|\bbut\b|\bwhereas\b|\bdue to\b")


def clause_span(sentence: str, fig: Figure, previous_end: int = 0) -> tuple[int, int]:
    """The clause around a figure: from its zone start to the next clause break after it."""
    start = _zone_start(sentence, fig.start, previous_end)
    after = _AFTER_BREAK.search(sentence, fig.end)
    return start, after.start() if after else len(sentence)


def nearest_measure(sentence: str, fig: Figure, previous_end: int = 0) -> str | None:
    """The measure whose term stands closest to the figure inside its clause.

    "Free cash flow has plummeted 76% ... due to spending" -> free cash flow: the nearest
    term names what the figure counts; farther terms usually belong to other clauses' facts.
    """
    start, end = clause_span(sentence, fig, previous_end)
    best: tuple[int, str] | None = None
    for measure, terms in MEASURES.items():
        for term in terms:
            for m in _term_pattern(term).finditer(sentence, start, end):
                distance = fig.start - m.end() if m.end() <= fig.start else m.start() - fig.end
                if distance >= 0 and (best is None or distance < best[0]):
                    best = (distance, measure)
    return best[1] if best else None


@dataclass(frozen=True)
class Claim:
    """One figure as a document states it, with what it measures (for comparisons)."""

    doc_id: str
    sentence: str
    figure: Figure
    measure: str | None
    subjects: frozenset[str]
    periods: frozenset[str]


def claims_of_sentence(doc_id: str, sentence: str) -> list[Claim]:
    """Every non-year figure of a sentence with its nearest measure, subjects and periods."""
    claims, previous_end = [], 0
    sentence_periods = frozenset(periods(sentence))
    for fig in find_figures(sentence):
        if fig.kind == "year":
            continue
        c_start, _ = clause_span(sentence, fig, previous_end)
        claims.append(Claim(
            doc_id=doc_id,
            sentence=sentence,
            figure=fig,
            measure=nearest_measure(sentence, fig, previous_end),
            subjects=frozenset(other_entities(sentence[c_start:fig.start])),
            periods=sentence_periods,
        ))
        previous_end = fig.end
    return claims


def same_measure(a: Claim, b: Claim) -> bool:
    """Do two figures measure the same thing (kind, currency, measure, subject, period)?"""
    return (
        a.figure.kind == b.figure.kind
        and a.figure.currency == b.figure.currency
        and a.measure is not None
        and a.measure == b.measure
        and a.subjects == b.subjects
        and (not a.periods or not b.periods or bool(a.periods & b.periods))
    )


@dataclass(frozen=True)
class QuestionFocus:
    """What a question asks about: whose figure, which measure, which period."""

    subjects: frozenset[str]  # organisations other than the home company
    measures: frozenset[str]
    periods: frozenset[str]


def question_focus(question: str) -> QuestionFocus:
    return QuestionFocus(
        subjects=frozenset(other_entities(question)),
        measures=frozenset(question_measures(question)),
        periods=frozenset(periods(question)),
    )


def subject_fits(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Is the figure about the organisation the question asks about?"""
    if focus.subjects:
        # The figure must belong to the organisations asked about and to no others: AWS and
        # Microsoft's combined share is not AWS's share.
        return bool(ctx.subjects) and ctx.subjects <= focus.subjects
    # A question about the home company: the figure must not belong to a rival named
    # in its zone (unless the home company is named there too, as in "Alibaba, unlike X").
    return not ctx.subjects or ctx.home


def answers(focus: QuestionFocus, ctx: FigureContext,
            extra_periods: frozenset[str] = frozenset()) -> bool:
    """Does this figure answer the question: same subject, measure and period?

    ``extra_periods`` are periods named before the sentence (its paragraph's opening).
    """
    if not subject_fits(focus, ctx):
        return False
    if focus.measures and not (focus.measures & ctx.measures):
        return False
    return focus.periods <= ctx.periods | extra_periods


__all__ = [
    "Claim",
    "FigureContext",
    "QuestionFocus",
    "answers",
    "claims_of_sentence",
    "figure_contexts",
    "measures_in",
    "mentions_home",
    "other_entities",
    "periods",
    "question_focus",
    "same_measure",
    "subject_fits",
]
