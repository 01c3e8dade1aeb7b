"""Which evidence sentences an answer quotes, and why each ("part", "other value", "same
value", "more").

The best sentence of each part of the question answers it. A one-part figure question also
quotes every sentence that gives a different value for the same measure, owner and period
(so no document hides another's figure), as many values as the question asks for ("which two
figures"), and sentences of other documents that give the same value (a figure two documents
state is cited to both). ``assistant.chain`` numbers and shows them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from assistant.bounds import bound_apart
from assistant.cues import asks_movement
from assistant.direct import answer_figure
from assistant.directions import is_move, moved_by
from assistant.entities import Subject
from assistant.evidence import Evidence, EvidenceSentence
from assistant.extremes import part_extreme_asked
from assistant.figure_periods import paragraph_periods
from assistant.figures import PER_SHARE, TIME_UNITS, Figure, find_figures
from assistant.focus import asked_sources
from assistant.measure_words import measure_words
from assistant.measures import figure_contexts
from assistant.other_measures import forecast_row, narrower_in_prose, rows_apart
from assistant.plan_cues import (
    asks_forecast,
    guidance_beside_source,
    states_forecast,
    states_intent,
)
from assistant.question import values_asked
from assistant.quote_periods import dated_apart, year_behind
from assistant.section_owners import label_spelled, labelled_owner
from assistant.synonyms import plain_terms
from assistant.text import AGGREGATE_WORDS, TABLE_ROW, content_stems, stem
from assistant.verify import disagree

# (citation number, sentence, role)
Picked = tuple[int, EvidenceSentence, str]


def pick_quotes(
    evidence: Evidence,
    sentences: list[EvidenceSentence],
    question: str,
    subject: Subject | None,
    max_values: int,
) -> list[Picked]:
    """The quotes that support the answer: (citation number, sentence, role).

    The best sentence of each part of the question ("part"); for a one-part figure
    question, every sentence that gives a different value for the same measure, subject
    and period ("other value", up to ``max_values`` in all), so no document can hide
    another's figure, and sentences of other documents that give the same value ("same
    value": a figure two documents state is cited to both); for any other question the
    next best sentence ("more"), since one sentence rarely holds a full list.
    """
    if not evidence.sentences:
        return [(len(sentences), sentences[-1], "part")]
    numbered = list(enumerate(evidence.sentences, start=1))
    picked: list[Picked] = []
    for part in sorted({s.part for s in evidence.sentences}):
        n, best = next((n, s) for n, s in numbered if s.part == part)
        picked.append((n, best, "part"))
    rest = [(n, s) for n, s in numbered if all(n != p[0] for p in picked)]
    # ("which segment had the highest margin?": the other segments' and the group's rates are
    # no other value of the extreme's)
    if evidence.kinds and len(picked) == 1 and not part_extreme_asked(question):
        # "Which two figures does it give?": as many values as asked, each from its quote.
        wanted = values_asked(question)
        reader = QuoteReader(evidence, question, subject)
        for n, other in rest:
            if len(picked) >= max(max_values, wanted):
                break
            value = _value_news(reader, picked, other)
            if value in ("shown", "apart"):
                continue
            differs = all(
                disagree(q.display, other.display, evidence.kinds, subject) for _, q, _ in picked
            )
            if (len(picked) < wanted and value == "new") or (differs and value != "same"):
                picked.append((n, other, "other value"))
            elif differs:
                # Another figure of its row differs, but it answers with the same value.
                picked.append((n, other, "same value"))
        picked += _same_value(reader, picked, rest, max_values)
    elif not evidence.kinds and rest:
        picked.append((*rest[0], "more"))
    return picked


@dataclass
class QuoteReader:
    """What one question's quotes are read for, each sentence read once: the figure it
    answers with, that figure's periods and its paragraph's label (the picked quotes are
    compared with every other candidate)."""

    evidence: Evidence
    question: str
    subject: Subject | None
    _leads: dict[int, Figure | None] = field(default_factory=dict)
    _periods: dict[tuple[int, int], frozenset[str]] = field(default_factory=dict)
    _labels: dict[int, frozenset[str]] = field(default_factory=dict)
    latest_years: dict[tuple[tuple[int, int], ...], int] = field(default_factory=dict)

    @cached_property
    def sources(self) -> frozenset[str]:
        """Who the question says reports its figure ("according to Initech")."""
        return asked_sources(self.question, self.subject)

    @cached_property
    def asked(self) -> frozenset[str]:
        """The question's content stems, in the words documents print ("aftermarket")."""
        return frozenset(content_stems(plain_terms(self.question)))

    def lead(self, sentence: EvidenceSentence) -> Figure | None:
        """The figure a sentence answers with: of those evidence found to answer, if any."""
        key = id(sentence)
        if key not in self._leads:
            ev = self.evidence
            self._leads[key] = answer_figure(
                sentence.display,
                self.question,
                ev.kinds,
                ev.currency,
                self.subject,
                sentence.answering,
            )
        return self._leads[key]

    def label(self, sentence: EvidenceSentence) -> frozenset[str]:
        """The owner its paragraph's bold label names (see ``labelled_owner``)."""
        key = id(sentence)
        if key not in self._labels:
            self._labels[key] = labelled_owner(sentence.context, sentence.text, self.subject)
        return self._labels[key]

    def periods(self, sentence: EvidenceSentence, fig: Figure) -> frozenset[str]:
        """The periods of a figure ``fig`` of a sentence, its lead or another (see
        ``_periods_of``): a row holding a lead's value is read for that figure."""
        key = id(sentence), fig.start
        if key not in self._periods:
            self._periods[key] = _periods_of(sentence, fig)
        return self._periods[key]


def _value_news(reader: QuoteReader, picked: list[Picked], other: EvidenceSentence) -> str:
    """Does ``other`` answer with a "new" value, the "same" as a picked quote answers with,
    one a picked quote "shown" in another column, one of another kind ("apart"), or "none"?
    Answers compare, not every figure: a row's other columns are other values."""
    question, lead = reader.question, reader.lead
    mine = lead(other)
    if mine is None:
        return "none"
    leads = [(q, f) for _, q, _ in picked if (f := lead(q)) is not None]
    if leads and all(
        narrower_in_prose(q.display, f, (other.display, mine), reader.asked, reader.subject)
        for q, f in leads
    ):
        return "apart"  # "software and services revenue rose to €395m" beside the row "Revenue"
    if moved_by(other.display, mine) and not asks_movement(question):
        # "changes EBITDA by NZ$4.2m", "cut EPS estimates by 9%": no other value of it
        return "apart" if _BY_BEFORE.search(other.display, 0, mine.start) else "none"
    given = [f for _, f in leads]
    if given and all(_kinds_apart(f, mine) for f in given):
        return "apart"  # "£14m" is no other value of a rise of "8%"
    # (in the words documents print: "extras" asked of the row "Ancillary revenue")
    if any(_other_row(q.display, other.display, plain_terms(question)) for _, q, _ in picked):
        return "apart"  # a row "Service revenue" is no other value of the row "Revenue"
    if picked and all(rows_apart(q, other) for _, q, _ in picked):
        return "apart"  # "Cash ... at end of period" beside "Net cash provided by operating ..."
    if any(mine.holds(f) and mine.same_as_written(f) for f in given):
        return "same"
    # "H1 2026: 4.4%; H1 2025: 5.8%" picked for the year before: a passage giving 4.4% gives
    # the quote's other column, which it shows already, not another value for the period.
    if any(mine.holds(f) for _, q, _ in picked for f in find_figures(q.display)):
        return "shown"
    # (a value stated by both stays corroborated, whatever either dates it to)
    if leads and all(_qualified_apart(reader.asked, q.display, f, other, mine) for q, f in leads):
        return "apart"  # "hybrid orders rose 22.4%" beside the row "Group orders"
    if leads and all(_measured_apart(q.display, f, other.display, mine) for q, f in leads):
        return "apart"  # "$0.31 a share" beside "dividends of $96m"; a rise beside a portion
    if _labelled_apart(reader, picked, other):
        return "apart"  # "**Valves:** The margin rose to 11.4%" beside the group's margin
    if leads and all(dated_apart(reader, (q, f), (other, mine)) for q, f in leads):
        return "apart"  # "Q4 adj EPS $1.12": the full year's $4.02 is no other value of it
    if leads and year_behind(reader, leads, (other, mine)):
        return "apart"  # last year's results row beside this year's
    if bound_apart(question, (other.display, mine), [(q.display, f) for q, f in leads]):
        return "apart"  # "a margin sustained above 7%" (a trigger) beside the 8.2% reached
    near = other.display[max(0, mine.start - 60) : mine.start]
    if leads and all(
        guidance_beside_source(question, bool(reader.sources), near, q.display) for q, _ in leads
    ):
        return "apart"  # "According to Initech, ... forecast?": the company's range beside it
    meant = states_intent(near)
    if meant and not any(states_intent(t) for t in (question, *(q.display for q, _ in leads))):
        return "apart"  # "intends to run its capital ratio toward 11.5%" beside the one reached
    if states_forecast(question) and not _forecast_figure(other.display, mine):
        return "apart"  # "What EBITA does Acme expect?": the half's outcome is no outlook
    if (
        forecast_row(other.display)
        and not asks_forecast(question)
        and not any(forecast_row(q.display) for q, _ in leads)
    ):
        return "apart"  # a row "Previous forecast (A)" is no other value of the year's actual
    # "£975mn" is one end of "£975-1,075mn": not the same value, nor a different one.
    return "none" if any(f.matches(mine) for f in given) else "new"


def _kinds_apart(first: Figure, second: Figure) -> bool:
    """Are two figures of kinds that never state one value (a rate and an amount)? A bare
    number and an amount may (a table's "412.0" under "£m")."""
    return first.kind != second.kind and {first.kind, second.kind} != {"money", "number"}


def _measured_apart(first: str, fig: Figure, second: str, other: Figure) -> bool:
    """Does one figure measure per share and the other a sum ("$0.31 a share", "dividends of
    $96m"), one a move and the other a portion ("jumped 6.8%", "1.45% of its shares"), or the
    other a span of time and the first none ("520,000 paid subscriptions", "within 90 days")?"""
    per_share = PER_SHARE.match(first, fig.end) and not PER_SHARE.match(second, other.end)
    summed = per_share and other.kind == "money" and other.value >= 1e6
    portion = _OF_A_WHOLE.match(second, other.end) and not is_move(second, other)
    timed = _SPAN_OF_TIME.match(second, other.end) and not _SPAN_OF_TIME.match(first, fig.end)
    return bool(summed or (portion and is_move(first, fig)) or timed)


# ("seven quarters", "six consecutive quarters", "90 days"; not "380,000 a year earlier")
_SPAN_OF_TIME = re.compile(
    r"\s+(?:(?!(?:a|an|the|per|each|in|of|this|that|last|next)\s)[a-z-]+\s+){0,2}?"
    rf"{TIME_UNITS}\b",
    re.I,
)
# "1.45% of its shares outstanding"
_OF_A_WHOLE = re.compile(r"\s+of\s+(?:its\s+|the\s+|total\s+|all\s+)*[a-z]", re.I)


def _qualified_apart(
    asked: frozenset[str], first: str, fig: Figure, other: EvidenceSentence, mine: Figure
) -> bool:
    """Does the picked table row's label have a word asked that the other passage never says
    ("Pump Systems" asked, a group's "Adjusted margin" row), or says only beside a measure with
    words of its own that neither the question nor the row has ("Hybrid orders rose 22.4%"
    beside the row "Group orders")? Or does the other figure give a summary over time not
    asked ("Five year average yield: 3.9%")? (Prose says its measure
    too loosely for the first tests: "its 36% share" is no other measure than "Acme's 33%
    market share".)"""
    second = other.display
    theirs = {stem(w) for w in measure_words(_own_words(second, mine).lower())}
    extra = theirs - asked - content_stems(first)
    row = TABLE_ROW.match(first)
    label = row["label"] if row and fig.start > row.end() else ""
    missing = (asked & content_stems(label)) - content_stems(second)
    around = content_stems(f"{other.hit.passage.section} {other.context}")
    return bool(missing and (extra or not missing & around)) or bool(extra & _AGGREGATES)


_AGGREGATES = frozenset(stem(w) for w in AGGREGATE_WORDS)


def _own_words(sentence: str, fig: Figure) -> str:
    """What a figure's own words say it measures: a table row's label, else the words
    between it and the claim before ("Five year average yield: 3.9%": "five year" is none)."""
    row = TABLE_ROW.match(sentence)
    if row and fig.start > row.end():
        return row["label"]
    ends = [f.end for f in find_figures(sentence) if f.is_claim and f.end <= fig.start]
    return sentence[max(ends, default=0) : fig.start]


def _labelled_apart(reader: QuoteReader, picked: list[Picked], other: EvidenceSentence) -> bool:
    """Is ``other`` in a paragraph labelled with an owner ("**Pump Systems:**") that the
    question does not name and no picked quote's paragraph has, or does the question name
    the picked quote's label, which ``other`` never says ("pump systems margin": no group
    margin beside the Pump Systems paragraph's)?"""
    asked, theirs = reader.asked, reader.label(other)
    if theirs:
        return not theirs & asked and all(reader.label(q) != theirs for _, q, _ in picked)
    named = [
        m
        for _, q, _ in picked
        if (m := reader.label(q))
        and (m & asked or label_spelled(q.context, q.text, reader.question))  # "psc"
    ]
    said = content_stems(f"{other.hit.passage.section} {other.context} {other.text}")
    return bool(named) and not any(label & said for label in named)


_BY_BEFORE = re.compile(r"\bby\s+(?:about\s+|around\s+|some\s+|roughly\s+)?$")  # a move's size


def _periods_of(sentence: EvidenceSentence, fig: Figure) -> frozenset[str]:
    """A figure's periods: its sentence's, else its paragraph's or section's ("## Fiscal 2026
    highlights"), not its document title's, which may name the quarter and the year."""
    own = (c.periods for c in figure_contexts(sentence.display) if c.figure.start == fig.start)
    return next(own, frozenset()) or paragraph_periods(
        sentence.context, sentence.hit.passage.section
    )


def _other_row(picked: str, other: str, question: str) -> bool:
    """Are both table rows, one's label the other's and more words, which the question asks
    of the picked row only ("Service revenue" beside "Revenue": another measure, asked of
    revenue or of service revenue)?"""
    rows = TABLE_ROW.match(picked), TABLE_ROW.match(other)
    if not all(rows):
        return False
    mine, theirs = ({stem(w) for w in measure_words(r["label"].lower())} for r in rows)
    asked = {stem(w) for w in measure_words(question.lower())}
    if mine < theirs:
        return not (theirs - mine) & asked
    # ("Spares" beside "Total sales (inc. spares)", asked of total sales: "total" is asked)
    my_words, their_words = (content_stems(r["label"]) for r in rows)
    return theirs < mine and bool((my_words - their_words) & content_stems(question))


# A broker table's estimate column ("FY27E", "2026F"): a forecast without a forecasting word.
_ESTIMATE_LABEL = re.compile(r"\b(?:FY)?'?\d{2,4}[EF]\b")


def _forecast_figure(sentence: str, fig: Figure) -> bool:
    """Is ``fig`` stated as a forecast: a forecasting word before it in its part of the
    sentence or just after it ("raised its forecast to JPY 31.5bn and net sales to JPY
    268.0bn", "€97m analysts had expected"), or an estimate column's cell?"""
    if " \u2014 " in sentence and _ESTIMATE_LABEL.search(sentence):
        return True
    before = sentence[: fig.start].rsplit(";", 1)[-1]
    after = re.split(r"[;,.(]", sentence[fig.end : fig.end + 40], maxsplit=1)[0]
    return states_forecast(f"{before} {after}") or bool(_ESTIMATE_LABEL.search(before))


def _same_value(
    reader: QuoteReader,
    picked: list[Picked],
    rest: list[tuple[int, EvidenceSentence]],
    max_values: int,
) -> list[Picked]:
    """Sentences of other documents that give the best sentence's value ("same value"):
    a figure two documents state is cited to both, up to ``max_values`` quotes in all."""
    evidence, best = reader.evidence, picked[0][1]
    # The figure the direct line states, not every figure of the best sentence.
    lead = reader.lead(best)
    values = [lead] if lead is not None else []
    docs = {s.hit.passage.doc_id for _, s, _ in picked}
    found: list[Picked] = []
    for n, other in rest:
        if len(picked) + len(found) >= max_values:
            break
        doc = other.hit.passage.doc_id
        taken = any(n == p[0] for p in picked)
        if doc in docs or taken or disagree(best.display, other.display, evidence.kinds):
            continue
        # Cited beside the lead, it must hold it: one end of a range does not hold the range.
        if any(
            f.holds(v) and f.same_as_written(v) for f in find_figures(other.display) for v in values
        ):
            found.append((n, other, "same value"))
            docs.add(doc)
    return found


__all__ = ["Picked", "pick_quotes"]
