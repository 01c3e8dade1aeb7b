"""What a figure is about: whose figure, what it measures, which period (no corpus knowledge).

A figure standing in the evidence is not enough to answer with it: "What is Acme's share of
the market?" must not be answered with a rival's 40% from a sentence that names Acme. So
each figure is read with the words around it:

- the *zone* of a figure is the stretch of its sentence from the last clause break (or the
  previous figure) up to the figure: in "rivals are closing the gap, while Globex and
  Initech maintain a 50% combined share", the 50% belongs to Globex and Initech. Names in
  the zone that are not the corpus subject (``entities.Subject``) make it someone else's
  figure; pronouns and "the company"/"the group" stand for the subject;
- the *measure* is what the figure counts, read from its own clause (the words from the
  previous comma or break to the next one) as word stems weighted by their distance from
  the figure; a question's *measure phrase* is matched against them by stems and, in
  evidence selection, by meaning (an embedding similarity passed in as ``similarity``);
- the *periods* are normalised labels (Q1, H1, FY2025, 2025) read from "first quarter",
  "1Q25", "fiscal 2025", "FY25", "2026/27", "the March 2025 quarter" and the like.

There are no lists of companies or measures here: names are recognised by their shape
(``assistant.entities``) and measures by the words the documents themselves use.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.entities import (
    CALENDAR_WORDS,
    Subject,
    mentions_home,
    names_in,
    normalise,
    other_entities,
    owners,
)
from assistant.figures import Figure, find_figures
from assistant.text import STOPWORDS, stem

NEAR_WORDS = 14
# Share of a question's measure (by weight) a figure's clause must carry, by stems alone.
MIN_STEM_MATCH = 0.5
_CLAUSE_BREAK = re.compile(
    r";|:|\u2014| -- |,\s*(?:while|whereas|but|although)\b|\bwhile\b"
    r"|\bwhereas\b|\bbut\b|\bagainst\b|\bversus\b|\bvs\."
)
_AFTER_BREAK = re.compile(r"[,;:\u2014(]|\bwhile\b|\bbut\b|\bwhereas\b|\bdue to\b|\bdriven by\b")
_BEFORE_BREAK = re.compile(r"[,;:\u2014()]|\bwhile\b|\bbut\b|\bwhereas\b")
_WORDS = re.compile(r"\S+")
_EXCLUDED = re.compile(
    r"\b(?:excluding|exc\.?|excl\.?|ex\.|except|other than|without)\s+[\w\-]+", re.I
)
# Units say how a figure is written, not what it is of ("in pounds", "in percent").
_UNITS = frozenset(
    """pound pounds sterling pence dollar dollars euro euros yen yuan renminbi rmb usd gbp eur
    cny jpy hkd percent percentage cent cents million millions billion billions trillion bn mn
    thousand thousands""".split()  # noqa: SIM905
)
_STOP_ALT = "|".join(sorted(STOPWORDS | {"to", "by", "per", "in", "on", "at"}, key=len)[::-1])
_GLUE = frozenset({"is", "are", "was", "were", "the", "a", "an", "s"})
_ATTRIBUTION = re.compile(
    r"^\s*(?i:according to|as reported by|as per)\s+[^,?]*,\s*"
    r"|,?\s*\b(?i:according to|as reported by|reported by|as per|says|said)\s+(?:the\s+)?"
    r"[A-Z][\w.&\-]*(?:\s+[A-Z][\w.&\-]*)*"
)
_DO_SUPPORT = re.compile(
    r"\b(?:do|does|did|will|would|can|could)\s+(?:it|they|we|you|he|she|the\s+\w+|"
    r"[A-Z][\w'\u2019.&\-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w'\u2019.&\-]*)*)\s+([a-z]+)\b"
    # ... the verb ends the question or a preposition follows it ("pay per share").
    r"(?=\s*[?.!]?\s*$|\s+(?:" + "|".join(sorted(STOPWORDS)) + r")\b)"
)
# A table row as the corpus loader renders it: "Label — Header: value; Header: value".
_ROW = re.compile(r"^\s*(?P<label>[^\n:\u2014]{1,100}?) \u2014 (?=[^:\n]{1,40}:)")
_APPOSITION = re.compile(r"\s*(?:a|an|which|that|who|its|their)\s", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z\-']*")
# Words that stand for the corpus subject without naming it.
# Direction words say how a figure moved, not what it is of; general English, not an
# article's vocabulary.
_CHANGE = re.compile(
    r"^(?:r[io]s[ei]\w*|fell|fall\w*|gr[eo]w\w*|declin\w*|increas\w*|decreas\w*|drop\w*"
    r"|jump\w*|surg\w*|plummet\w*|plung\w*|slump\w*|shr[iau]nk\w*|climb\w*|gain\w*|los[st]\w*"
    r"|cut\w*|rais\w*|lower\w*|boost\w*|slash\w*|soar\w*|tumbl\w*|chang\w*|up|down|uplift\w*"
    r"|expand\w*|contract\w*|reduc\w*|improv\w*|higher|lower|more|less|go|went|gone|come|came"
    r"|stand|stood|land\w*|reach\w*|total\w*|amount\w*|hit|make|made|get|got|see|saw|seen)$",
    re.I,
)
# Words of a question's grammar that name no measure ("what is the value of ...").
_SCAFFOLD = frozenset(
    stem(w)
    for w in """what which who whom whose how much many long often far fast big large small
    value amount figure number level size happen happened say says said state stated report
    reported according article source sources text mention mentioned give given show
    tell expect expected company group firm business year years quarter quarters month
    months period fiscal full half week day today currently current latest recent last
    next previous this that these those new ago also now do does did is are was were be been
    has have had will would should could can may might compare compared versus vs stack
    against relative respectively both each two around approximately nearly almost some""".split()  # noqa: SIM905
)
_ORDINAL = {
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "1st": "1",
    "2nd": "2",
    "3rd": "3",
    "4th": "4",
}

# --------------------------------------------------------------------------- periods

_PERIOD_PATTERNS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], set[str]]]] = [
    (
        re.compile(r"\b(?:FY|fiscal(?: year)?\s*)'?(\d{4}|\d{2})\b", re.I),
        lambda m: {f"FY{_year(m.group(1))}", _year(m.group(1))},
    ),
    (
        re.compile(r"\b((?:19|20)\d\d)\s*/\s*(\d{2})\b"),
        lambda m: {f"FY{m.group(1)[:2]}{m.group(2)}", m.group(1), f"{m.group(1)[:2]}{m.group(2)}"},
    ),
    (
        re.compile(r"\b([1-4])Q\s?'?(\d{2,4})\b", re.I),
        lambda m: {f"Q{m.group(1)}", _year(m.group(2))},
    ),
    (re.compile(r"\bQ([1-4])\b", re.I), lambda m: {f"Q{m.group(1)}"}),
    (re.compile(r"\bH([12])\b", re.I), lambda m: {f"H{m.group(1)}"}),
    (
        re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter\b", re.I),
        lambda m: {f"Q{_ORDINAL[m.group(1).lower()]}"},
    ),
    (
        re.compile(r"\b(first|second|1st|2nd)[\s-]+half\b|\bhalf[\s-]+year\b", re.I),
        lambda m: {f"H{_ORDINAL[(m.group(1) or 'first').lower()]}"},
    ),
    (re.compile(r"\bfull[\s-]+year\b|\bannual\b", re.I), lambda m: {"FY"}),
    # "the March 2025 quarter", "the quarter ended 31 March": a quarter whose number depends
    # on the company's fiscal calendar, so "Q*" (any quarter label of the same year).
    (
        re.compile(
            r"\b(january|february|march|april|may|june|july|august|september|october"
            r"|november|december)(?:\s+(?:19|20)\d\d)?\s+quarter\b|\bquarter\s+(?:ended|ending"
            r"|to)\s+(?:\d{1,2}\s+)?(january|february|march|april|may|june|july|august"
            r"|september|october|november|december)\b",
            re.I,
        ),
        lambda m: {"Q*"},
    ),
    (re.compile(r"\b((?:19|20)\d\d)\b"), lambda m: {m.group(1)}),
]


def _year(text: str) -> str:
    return text if len(text) == 4 else f"20{text}"


def periods(text: str) -> set[str]:
    """Normalised period labels: {"Q1", "2025"}, {"FY2025", "2025"}, {"H1"}, {"FY"}."""
    found: set[str] = set()
    for pattern, labels in _PERIOD_PATTERNS:
        for match in pattern.finditer(text):
            found |= labels(match)
    return found


def _grain(label: str) -> str:
    return "year" if label.isdigit() or label.startswith("FY") else label[0]


def periods_fit(asked: frozenset[str], sentence: frozenset[str], context: frozenset[str]) -> bool:
    """Does a figure's period include every period asked?

    The paragraph before a sentence (``context``) names a period only for the grains (year,
    quarter, half) the sentence leaves open: "Full-year guidance ..." under a first-quarter
    heading is not first-quarter data.
    """
    grains = {_grain(p) for p in sentence}
    if "FY" in sentence:
        grains |= {"Q", "H"}  # a full-year figure is not a quarter's or a half's
    usable = sentence | {p for p in context if _grain(p) not in grains}
    quarters = {p for p in usable if p.startswith("Q")}
    return all(
        p in usable or (p == "Q*" and bool(quarters)) or (p[0] == "Q" and "Q*" in usable)
        for p in asked
    )


# --------------------------------------------------------------------------- measure words


class StemBag(frozenset):
    """The stems of a measure; ``"net income" in bag`` asks whether all its stems are in."""

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str) and " " in item:
            return all(frozenset.__contains__(self, s) for s in item.split())
        return frozenset.__contains__(self, item)


def _masked(text: str, known: frozenset[str]) -> str:
    """``text`` with names, figures and period phrases blanked out (offsets kept)."""
    # Acronyms stay: "GMV", "EBITA" say what a figure is of as much as they name anything.
    spans = [(m.start, m.end) for m in names_in(text, known) if not m.text.isupper()]
    spans += [(f.start, f.end) for f in find_figures(text)]
    spans += [m.span() for pattern, _ in _PERIOD_PATTERNS for m in pattern.finditer(text)]
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def measure_words(text: str, known: frozenset[str] = frozenset()) -> list[str]:
    """The words of ``text`` that can say what a figure is of, in order, lower-cased.

    Names, figures, periods, stop words, direction words ("rose", "shrink"), adverbs and
    the question's own grammar ("what is the value of") are left out.
    """
    out = []
    # "excluding fuel", "exc. fuel": what is left out of a figure does not say what it is.
    text = _EXCLUDED.sub(" ", text)
    for word in _WORD.findall(_masked(text, known)):
        for part in word.lower().replace("\u2019", "'").split("-"):
            low = part.strip("'").removesuffix("'s")
            if (
                len(low) < 2
                or low in STOPWORDS
                or _CHANGE.match(low)
                or stem(low) in _SCAFFOLD
                or low in _UNITS
                or low in CALENDAR_WORDS
                or low.endswith("ly")
            ):
                continue
            out.append(low)
    return out


def measure_stems(text: str, known: frozenset[str] = frozenset()) -> StemBag:
    return StemBag(stem(w) for w in measure_words(text, known))


def measures_in(text: str) -> StemBag:
    """The measure stems of a text (for "does this sentence name that measure")."""
    return measure_stems(text)


# --------------------------------------------------------------------------- figure contexts


@dataclass(frozen=True)
class FigureContext:
    """One figure of a sentence with what it is about."""

    figure: Figure
    zone: str  # words from the last clause break (or previous figure) up to the figure
    near: str  # a window of words around the figure
    clause: str  # the figure's own clause: what it measures
    sentence: str  # the whole sentence
    subjects: frozenset[str]  # names other than the corpus subject in the zone
    named: frozenset[str]  # names other than the subject in the figure's clause
    home: bool  # the subject is named or referred to in the zone
    measures: StemBag  # stems of the figure's clause
    weights: tuple[tuple[str, float], ...]  # stem -> closeness to the figure (0..1]
    periods: frozenset[str]
    head: str = ""  # the noun a figure directly qualifies ("$1.8 trillion ... market")


def _head_after(sentence: str, fig: Figure, known: frozenset[str]) -> str:
    """The head of the noun phrase right after a figure: "$1.8 trillion global AI
    infrastructure market by 2030" -> "market" (English noun phrases end in their head)."""
    rest = sentence[fig.end :]
    phrase = re.match(r"(?:\s+(?!(?:" + _STOP_ALT + r")\b)[A-Za-z][\w\-']*)+", rest)
    if not phrase:
        return ""
    words = measure_words(phrase.group(0), known)
    return words[-1] if words else ""


def _zone_start(sentence: str, figure_start: int, previous_end: int) -> int:
    start = previous_end
    for match in _CLAUSE_BREAK.finditer(sentence, previous_end, figure_start):
        start = match.end()
    return start


def _window(sentence: str, start: int, end: int, words: int) -> str:
    before = _WORDS.findall(sentence[:start])[-words:]
    after = _WORDS.findall(sentence[end:])[:words]
    return " ".join([*before, sentence[start:end], *after])


def clause_span(sentence: str, fig: Figure, previous_end: int = 0) -> tuple[int, int]:
    """The clause around a figure: from its zone start to the next clause break after it."""
    start = _zone_start(sentence, fig.start, previous_end)
    after = _AFTER_BREAK.search(sentence, fig.end)
    return start, after.start() if after else len(sentence)


def measure_span(
    sentence: str,
    fig: Figure,
    previous_end: int = 0,
    known: frozenset[str] = frozenset(),
    next_start: int | None = None,
) -> tuple[int, int]:
    """The words that say what ``fig`` counts: from the previous comma, break or figure to
    the next one.

    When that stretch holds fewer than two measure words ("..., a fall of 76%"), the whole
    sentence stands in.
    """
    breaks = [previous_end] + [
        m.end() for m in _BEFORE_BREAK.finditer(sentence, previous_end, fig.start)
    ]
    start = breaks[-1]
    # "instant commerce, a model projected to make RMB 1 trillion": an apposition's figure
    # is about the phrase it renames, so the span reaches back over it.
    if len(breaks) > 1 and _APPOSITION.match(sentence, start):
        start = breaks[-2]
    after = _AFTER_BREAK.search(sentence, fig.end)
    end = min(after.start() if after else len(sentence), next_start or len(sentence))
    words = measure_words(sentence[start : fig.start], known)
    if len(words + measure_words(sentence[fig.end : end], known)) < 2:
        return 0, len(sentence)
    return start, end


def _weights(
    sentence: str, fig: Figure, start: int, end: int, known: frozenset[str]
) -> dict[str, float]:
    """Stems of the measure span, weighted 1 next to the figure, less farther away."""
    weights: dict[str, float] = {}
    before = measure_words(sentence[start : fig.start], known)
    after = measure_words(sentence[fig.end : end], known)
    for distance, word in enumerate(reversed(before)):
        weights[stem(word)] = max(weights.get(stem(word), 0.0), 1.0 / (1.0 + distance / 4))
    for distance, word in enumerate(after):
        weights[stem(word)] = max(weights.get(stem(word), 0.0), 0.8 / (1.0 + distance / 3))
    return weights


def _phrases(span: str, known: frozenset[str]) -> list[str]:
    """Two-word phrases of a measure span as written ("market share"), for messages."""
    words = measure_words(span, known)
    return [f"{a} {b}" for a, b in itertools.pairwise(words)]


def figure_contexts(
    sentence: str,
    subject: Subject | None = None,
    known: frozenset[str] = frozenset(),
    heading: str = "",
) -> list[FigureContext]:
    """Every non-year figure of a sentence with its zone, owner, measure and periods.

    ``subject`` is the corpus subject; without it no name is read as a rival's. A table row
    ("Grocery — YoY: 3.6%; £m: 7,603") is read by :func:`row_contexts`, with ``heading``
    (the table's title line) saying what its figures measure.
    """
    if _ROW.match(sentence):
        return row_contexts(sentence, heading)
    contexts: list[FigureContext] = []
    previous_end = 0
    sentence_periods = frozenset(periods(sentence))
    figures = [
        f for f in find_figures(sentence) if f.kind != "year" and not _in_period(sentence, f)
    ]
    for i, fig in enumerate(figures):
        next_start = figures[i + 1].start if i + 1 < len(figures) else None
        zone = sentence[_zone_start(sentence, fig.start, previous_end) : fig.start]
        others, home = owners(zone, subject, known, places=False)
        known_here = known | (subject.keys | subject.words if subject else frozenset())
        m_start, m_end = measure_span(sentence, fig, previous_end, known_here, next_start)
        weights = _weights(sentence, fig, m_start, m_end, known_here)
        contexts.append(
            FigureContext(
                figure=fig,
                zone=zone,
                near=_window(sentence, fig.start, fig.end, NEAR_WORDS),
                clause=sentence[m_start:m_end].strip(),
                sentence=sentence,
                subjects=others,
                named=owners(sentence[m_start:m_end], subject, known)[0],
                home=home,
                measures=StemBag([*weights, *_phrases(sentence[m_start:m_end], known_here)]),
                weights=tuple(sorted(weights.items())),
                periods=sentence_periods,
                head=_head_after(sentence[:m_end], fig, known_here),
            )
        )
        previous_end = fig.end
    return contexts


def _in_period(text: str, fig: Figure) -> bool:
    """A number inside a period label ("2025/26", "FY25") is a date, not a figure."""
    return any(
        m.start() <= fig.start and fig.end <= m.end()
        for pattern, _ in _PERIOD_PATTERNS
        for m in pattern.finditer(text)
    )


def row_contexts(row: str, heading: str = "") -> list[FigureContext]:
    """Figures of a table row: the row label names what they are of, the column header and
    the table's title what they measure ("Grocery — YoY: 3.6%" under "Sales Performance").
    A header that names a period ("2026/27 Q1: 3.6%") dates its cell alone.
    """
    match = _ROW.match(row)
    label = match.group("label").strip() if match else ""
    parts = [p.strip() for p in re.split(r"\s*(?:\+|&|\band\b|,)\s*", label) if p.strip()]
    named = frozenset({normalise(label), *(normalise(p) for p in parts)})
    heading_periods = frozenset(periods(heading))
    contexts = []
    for fig in find_figures(row):
        if fig.kind == "year" or (match and fig.start < match.end()) or _in_period(row, fig):
            continue
        cell_start = max(row.rfind(";", 0, fig.start) + 1, match.end() if match else 0)
        header = row[cell_start : fig.start]
        cell_periods = frozenset(periods(header)) or heading_periods
        weights = {stem(w): 1.0 for w in measure_words(f"{label.lower()} {header}")}
        for w in measure_words(heading.lower()):
            weights.setdefault(stem(w), 0.8)
        clause = f"{label} {header}{fig.text} ({heading.strip()})" if heading else row
        contexts.append(
            FigureContext(
                figure=fig,
                zone=header,
                near=row,
                clause=clause,
                sentence=row,
                subjects=frozenset(),
                named=named,
                home=False,
                measures=StemBag(weights),
                weights=tuple(sorted(weights.items())),
                periods=cell_periods,
            )
        )
    return contexts


# --------------------------------------------------------------------------- claims (audit)


@dataclass(frozen=True)
class Claim:
    """One figure as a document states it, with what it measures (for comparisons)."""

    doc_id: str
    sentence: str
    figure: Figure
    measure: str | None  # the stems nearest the figure, space-separated
    subjects: frozenset[str]
    periods: frozenset[str]
    stems: StemBag = field(default_factory=StemBag)
    weights: tuple[tuple[str, float], ...] = ()  # measure stems by closeness to the figure


def claims_of_sentence(doc_id: str, sentence: str, subject: Subject | None = None) -> list[Claim]:
    """Every non-year figure of a sentence with its measure words, subjects and periods."""
    claims = []
    for ctx in figure_contexts(sentence, subject):
        nearest = sorted(ctx.weights, key=lambda kv: -kv[1])[:2]
        measure = " ".join(sorted(s for s, _ in nearest)) or None
        claims.append(
            Claim(
                doc_id,
                sentence,
                ctx.figure,
                measure,
                ctx.subjects,
                ctx.periods,
                ctx.measures,
                ctx.weights,
            )
        )
    return claims


def measure_overlap(a: Claim, b: Claim) -> float:
    """Shared measure words of two figures, weighted by closeness, over the lighter one's."""
    wa, wb = dict(a.weights), dict(b.weights)
    if not wa or not wb:
        return 1.0 if a.measure is not None and a.measure == b.measure else 0.0
    shared = sum(min(wa[s], wb[s]) for s in wa.keys() & wb.keys())
    return shared / min(sum(wa.values()), sum(wb.values()))


def same_measure(a: Claim, b: Claim) -> bool:
    """Do two figures measure the same thing (kind, currency, measure words, owner, period)?

    Measures compare by stems weighted by their closeness to each figure: "net income
    jumped 76%" and "a 76% rise in net income" share their nearest words; "free cash flow
    fell 76%" shares none with them.
    """
    if a.measure is None or b.measure is None:
        return False
    return (
        a.figure.kind == b.figure.kind
        and a.figure.currency == b.figure.currency
        and measure_overlap(a, b) >= MIN_STEM_MATCH
        and a.subjects == b.subjects
        and (not a.periods or not b.periods or bool(a.periods & b.periods))
    )


# --------------------------------------------------------------------------- questions


@dataclass(frozen=True)
class QuestionFocus:
    """What a question asks about: whose figure, which measure, which period."""

    subjects: frozenset[str]  # names other than the corpus subject that own the figure
    measures: StemBag  # stems of the measure phrase
    periods: frozenset[str]
    phrase: str = ""  # the measure phrase in the question's own words
    qualifiers: frozenset[str] = frozenset()  # other names that qualify (a region, a unit)


def question_focus(
    question: str, subject: Subject | None = None, known: frozenset[str] = frozenset()
) -> QuestionFocus:
    """Owner, measure phrase and periods of a question."""
    # "according to Initech": a source that reports the figure, not its owner.
    question = _ATTRIBUTION.sub(" ", question)
    everyone, home = owners(question, subject, known)
    others = owners(question, subject, known, places=False)[0]
    if subject is None:
        everyone = others = frozenset()  # nothing to tell the subject from a rival by
    # "what does it use", "what did Acme pay": the verb after do-support asks, it does not
    # name the measure.
    question = _DO_SUPPORT.sub(lambda m: m.group(0)[: m.start(1) - m.start(0)], question)
    words = measure_words(
        question, known | (subject.keys | subject.words if subject else frozenset())
    )
    # A question that names the subject asks about it: other names qualify the figure
    # (a country, a segment) rather than own it.
    asked = frozenset() if home and subject is not None else others
    return QuestionFocus(
        subjects=asked,
        measures=StemBag(stem(w) for w in words),
        periods=frozenset(periods(question)),
        phrase=" ".join(words),
        qualifiers=everyone - asked,
    )


def subject_fits(focus: QuestionFocus, ctx: FigureContext) -> bool:
    """Is the figure about the organisation the question asks about?"""
    rivals = ctx.subjects - focus.qualifiers
    if focus.subjects:
        # The figure must belong to the names asked about and to no others: a combined
        # share of two companies is not one company's share.
        if ctx.subjects:
            return rivals <= focus.subjects and not (ctx.home and not rivals)
        # No owner before the figure: "a 3.6% uplift in Grocery sales" is Grocery's when
        # the name stands in the figure's own clause.
        return not ctx.home and bool(ctx.named & focus.subjects)
    # A question about the subject: no rival may be named in the zone, unless the subject
    # is named there too ("Acme, unlike Globex, ...").
    return not rivals or ctx.home


def qualifiers_fit(focus: QuestionFocus, text: str) -> bool:
    """Every other name the question qualifies its figure with (a region, a segment) stands
    in the figure's sentence: "market share in Europe" is not answered by a share in Asia.

    Names compare by their first four letters, so "Chinese" finds "China".
    """
    if not focus.qualifiers:
        return True
    here = {normalise(m.text)[:4] for m in names_in(text)} | {
        w[:4] for w in re.findall(r"[a-z]+", text.lower())
    }
    return all(q[:4] in here for q in focus.qualifiers)


def stem_match(focus: QuestionFocus, ctx: FigureContext) -> float:
    """Share of the question's measure stems in the figure's clause, weighted by closeness."""
    if not focus.measures:
        return 1.0
    weights = dict(ctx.weights)
    total = 0.0
    for s in focus.measures:
        got = weights.get(s, 0.0)
        if not got and 2 <= len(s) <= 5 and spells(s, ctx.clause):
            got = 1.0  # "EPS" asked, "earnings per share" stated
        total += got
    return total / len(focus.measures)


def spells(acronym: str, text: str) -> bool:
    """Do consecutive words of ``text`` start with the acronym's letters ("gmv")?"""
    # Copulas and articles are skipped ("earnings is $8.58 per share" spells EPS).
    words = [w for w in re.findall(r"[a-z]+", text.lower()) if w not in _GLUE]
    initials = "".join(w[0] for w in words)
    return len(acronym) >= 2 and acronym.lower() in initials


def answers(
    focus: QuestionFocus,
    ctx: FigureContext,
    extra_periods: frozenset[str] = frozenset(),
    similarity: Callable[[str, str], float] | None = None,
    min_similarity: float = 0.5,
) -> bool:
    """Does this figure answer the question: same owner, measure and period?

    ``extra_periods`` are the periods of the paragraph before the sentence; ``similarity``
    compares the question's measure phrase with the figure's clause by meaning.
    """
    if not subject_fits(focus, ctx):
        return False
    if not qualifiers_fit(focus, ctx.sentence):
        return False
    if not periods_fit(focus.periods, ctx.periods, extra_periods):
        return False
    return measure_fits(focus, ctx, similarity, min_similarity)


def measure_fits(
    focus: QuestionFocus,
    ctx: FigureContext,
    similarity: Callable[[str, str], float] | None,
    min_similarity: float,
) -> bool:
    """The clause carries the measure's words, or says the same thing in other words.

    The noun a figure directly qualifies must be what the question asks: "the $1.8 trillion
    AI infrastructure market" is a market's size, not a sum committed to AI infrastructure.
    """
    if not head_fits(focus, ctx, similarity, min_similarity):
        return False
    if stem_match(focus, ctx) > MIN_STEM_MATCH:
        return True
    return (
        similarity is not None
        and bool(focus.phrase)
        and similarity(focus.phrase, ctx.clause) >= min_similarity
    )


def head_fits(
    focus: QuestionFocus,
    ctx: FigureContext,
    similarity: Callable[[str, str], float] | None,
    min_similarity: float,
) -> bool:
    """The figure's head noun is among the question's measure words, or means the same."""
    if not ctx.head or not focus.measures or stem(ctx.head) in focus.measures:
        return True
    return similarity is not None and similarity(ctx.head, focus.phrase) >= min_similarity


def measure_score(
    focus: QuestionFocus, ctx: FigureContext, similarity: Callable[[str, str], float] | None
) -> float:
    """How well the figure's clause says what the question's measure phrase asks (0..1)."""
    score = stem_match(focus, ctx)
    if similarity is not None and focus.phrase and score < 1.0:
        score = max(score, similarity(focus.phrase, ctx.clause))
    return score


__all__ = [
    "Claim",
    "FigureContext",
    "QuestionFocus",
    "StemBag",
    "answers",
    "claims_of_sentence",
    "clause_span",
    "figure_contexts",
    "head_fits",
    "measure_fits",
    "measure_overlap",
    "measure_score",
    "measure_span",
    "measure_stems",
    "measures_in",
    "mentions_home",
    "other_entities",
    "owners",
    "periods",
    "periods_fit",
    "qualifiers_fit",
    "question_focus",
    "same_measure",
    "spells",
    "stem_match",
    "subject_fits",
]
