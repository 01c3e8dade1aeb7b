"""What a figure is about: whose figure, what it measures, which period (no corpus knowledge).

A figure standing in the evidence is not enough to answer with it: "What is Acme's share of
the market?" must not be answered with a rival's 40% from a sentence that names Acme. So
each figure is read with the words around it (a :class:`FigureContext`):

- the *zone* of a figure is the stretch of its sentence from the last clause break (or the
  previous figure) up to the figure: in "rivals are closing the gap, while Globex and
  Initech maintain a 50% combined share", the 50% belongs to Globex and Initech. Names in
  the zone (or after "by" right behind the figure) that are not the corpus subject make it
  someone else's figure; pronouns and "the company"/"the group" stand for the subject;
- the *measure* is what the figure counts, read from its own clause (the words from the
  previous comma or break to the next one) as word stems (``assistant.measure_words``)
  weighted by their distance from the figure; the *periods* are read by
  ``assistant.periods``.

A question is matched against a figure's context in ``assistant.matching``. There are no
lists of companies or measures: names are recognised by their shape and measures by the
words the documents themselves use.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from assistant.entities import Subject, normalise
from assistant.expectations import EXPECTATION, EXPECTED_AFTER, others_expected
from assistant.figure_periods import figure_periods
from assistant.figures import Figure, find_figures
from assistant.heads import head_after, same_clause
from assistant.increments import counts_added
from assistant.measure_words import StemBag, measure_words
from assistant.owners import agent_after, owners, pronoun_owner
from assistant.periods import names_year, periods
from assistant.restated import (
    BEFORE_TAX_WORDS,
    after_tax_of,
    noun_moved_from,
    restated_per_unit,
    restates,
    same_measure_moved,
    takes_measure_of,
)
from assistant.row_moves import aside_earlier, aside_measure
from assistant.spans import measure_span, zone_from
from assistant.stated_figures import in_period
from assistant.tables import PAIRED_CHANGE, is_change_column
from assistant.text import TABLE_ROW, stem
from assistant.units import unit_in_words

NEAR_WORDS = 14
MIN_STEM_MATCH = 0.5  # share of a question's measure (by weight) a clause must carry, by stems
_WORDS = re.compile(r"\S+")
_UNIT_NOTE = re.compile(r"\s*\((?:[£$€¥]|[A-Z]{3}\s?)\s?(?:m|mn|bn|k|million|billion)?\)")
_ASIDE = re.compile(r"\([^()]*\d[^()]*\)")


def _without_asides(text: str) -> str:
    """``text`` less its bracketed asides that hold a figure of their own ("(win rate 0.42)",
    "(previous assumption: $1.30)"): their words are that figure's."""
    held = [
        m.span() for m in _ASIDE.finditer(text) if any(f.kind != "year" for f in find_figures(m[0]))
    ]
    for start, end in held:  # (blanked, not cut: the words keep their distances)
        text = text[:start] + " " * (end - start) + text[end:]
    return text


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
    increment: bool = False  # counts what is added ("80 further stores"), not a total
    label: frozenset[str] = frozenset()  # a row label's stems, where its header measures
    peer: str = ""  # the other company a peer table's row is about (its figures are not ours)


def _window(sentence: str, start: int, end: int, words: int) -> str:
    before = _WORDS.findall(sentence[:start])[-words:]
    after = _WORDS.findall(sentence[end:])[:words]
    return " ".join([*before, sentence[start:end], *after])


def _label_of(label: str, words: list[str]) -> list[str]:
    """The measure words of an earlier value's label that name the measure of the figure
    before it ("assumes ¥150 (previous assumption: ¥146)"), none where it names another
    ("tangible book value per share of $27.15 (prior target: $47)")."""
    named = measure_words(label)
    own = {stem(w)[:5] for w in words}
    return named if any(stem(w)[:5] in own for w in named) else []


def _another_measures_label(sentence: str, lead: FigureContext, fig: Figure) -> int | None:
    """Where the label of an earlier value that names a measure other than the figure
    before it starts ("... per share of $27.15 (prior target: $47)"), else None."""
    label = aside_measure(sentence, lead.figure)
    if not label or _label_of(label, [w for w, _ in lead.weights]) or lead.figure.end > fig.start:
        return None
    start = sentence.rfind("(", lead.figure.end, fig.start)
    return start + 1 if start >= 0 else None


def _weights(
    sentence: str, fig: Figure, start: int, end: int, known: frozenset[str]
) -> dict[str, float]:
    """Stems of the measure span, weighted 1 next to the figure, less farther away."""
    weights: dict[str, float] = {}
    # "(previous assumption: $1.30) and ¥180": an earlier value's label is its own.
    before = measure_words(_without_asides(sentence[start : fig.start]), known)
    after = measure_words(_without_asides(sentence[fig.end : end]), known)
    for distance, word in enumerate(reversed(before)):
        weights[stem(word)] = max(weights.get(stem(word), 0.0), 1.0 / (1.0 + distance / 4))
    # "$1.35 (previous assumption: $1.30)": the label says what ``fig`` measures too.
    label = _label_of(aside_measure(sentence, fig), before)
    for distance, word in enumerate(after + label):
        weights[stem(word)] = max(weights.get(stem(word), 0.0), 0.8 / (1.0 + distance / 3))
    own_clause = re.split(r"[,;]|\bbut\b", sentence[start : fig.start])[-1]
    if EXPECTED_AFTER.match(sentence, fig.end) or others_expected(own_clause):
        # "declined 2.8% (-0.9% expected)", "analysts had expected EPS of $0.94": the figure
        # is what the market expected.
        weights.update(dict.fromkeys(EXPECTATION, 1.0))
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
    ("Grocery — YoY: 2.9%; £m: 6,480") is read by :func:`row_contexts`, with ``heading``
    (the table's title line) saying what its figures measure.
    """
    if TABLE_ROW.match(sentence):
        return row_contexts(sentence, heading, subject)
    contexts: list[FigureContext] = []
    spans: list[tuple[int, int]] = []  # each figure's measure span
    previous_end = 0
    figures = [f for f in find_figures(sentence) if f.kind != "year" and not in_period(sentence, f)]
    periods_of = figure_periods(sentence, figures)
    for i, fig in enumerate(figures):
        next_start = figures[i + 1].start if i + 1 < len(figures) else None
        zone_start = zone_from(sentence, fig.start, previous_end)
        zone = sentence[zone_start : fig.start]
        others, home = owners(zone, subject, known, places=False)
        if not others and not home:  # "cuts of up to 9% by Globex"
            others, home = agent_after(sentence, fig.end, subject, known) or (others, home)
        elif (
            home
            and not others
            and (referred := pronoun_owner(sentence, zone_start, subject, known))
        ):
            others, home = referred, False  # "Initech is a beneficiary: its revenue grew 17%"
        # "Homeware sales fell 0.7% (-2.9% expected)": no owner and no clause break since the
        # last figure, so the last figure's owner holds; so it does for the earlier value in
        # brackets after it ("Skyline Go ... at a load factor of 88.4% (Q3 2030: 87.9%)").
        # (the cheap checks first: this runs for every figure of every candidate sentence)
        if (
            contexts
            and not others
            and not home
            and (
                same_clause(sentence, previous_end, zone_start)
                or aside_earlier(sentence, figures[i - 1]) == fig
            )
        ):
            others, home = contexts[-1].subjects, contexts[-1].home
        known_here = known | (subject.keys | subject.words if subject else frozenset())
        m_start, m_end = measure_span(sentence, fig, previous_end, known_here, next_start)
        weights = _weights(sentence, fig, m_start, m_end, known_here)
        head = head_after(sentence[:m_end], fig, known_here)
        if i and takes_measure_of(sentence, figures[i - 1], fig):
            # "Homeware sales fell 0.7% (-2.9% expected)": the expectation of the same measure;
            # "..., while Initech led with 11.2%": another owner's value of it.
            for word, weight in contexts[-1].weights:
                weights.setdefault(word, weight)
        elif i and same_measure_moved(sentence, figures[i - 1], fig):
            # "EBIT to EUR 376m (from EUR 412m)", "rose 4.2% to €310m": that measure's value.
            others, home = contexts[-1].subjects, contexts[-1].home
            m_start, m_end = spans[-1][0], max(spans[-1][1], fig.end)  # the clause holds it
            weights, head = dict(contexts[-1].weights), head or contexts[-1].head
        elif i and (label_at := _another_measures_label(sentence, contexts[-1], fig)):
            m_start, m_end = label_at, fig.end  # "(prior target: $47)": a target's alone
            weights = _weights(sentence, fig, m_start, m_end, known_here)
        elif i and aside_earlier(sentence, figures[i - 1]) == fig:
            # "taking the full-year dividend to 9.2 cents (FY30: 8.5 cents)": the earlier
            # period's value of the lead's measure, not of the sentence's other clauses.
            m_start, m_end = spans[-1][0], fig.end
            weights = dict(contexts[-1].weights) | _weights(
                sentence, fig, m_start, m_end, known_here
            )
        elif i and (span := noun_moved_from(sentence, figures[i - 1], fig)):
            m_start, m_end = span  # "3.40 million passengers, up from 3.21 million in 2030"
            weights = _weights(sentence, fig, m_start, m_end, known_here)
            m_start = max(m_start, spans[-1][0])  # its clause reads as the lead's from there on
        elif i and restated_per_unit(sentence, figures[i - 1], fig):
            # "$90 million, or $1.20 per share": that amount per share, of the same owner.
            others, home = contexts[-1].subjects, contexts[-1].home
            for word, weight in contexts[-1].weights:
                weights.setdefault(word, weight)
        elif i and restates(sentence, figures[i - 1], fig):
            # The bracketed figure is the same sum: it takes the first one's words too.
            others, home = contexts[-1].subjects, contexts[-1].home
            m_start = min(m_start, spans[-1][0])
            for word, weight in contexts[-1].weights:
                weights[word] = max(weights.get(word, 0.0), weight)
        elif i and after_tax_of(sentence, figures[i - 1], fig):
            # "£10m before tax (£8m after tax)": the same charge, named where the charge is.
            others, home = contexts[-1].subjects, contexts[-1].home
            m_start = max(m_start, spans[-1][0])
            own = dict(contexts[-1].weights) | _weights(sentence, fig, m_start, m_end, known_here)
            weights = {w: v for w, v in own.items() if w not in BEFORE_TAX_WORDS}
        spans.append((m_start, m_end))
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
                periods=periods_of[i],
                head=head,
                increment=counts_added(sentence, fig),
            )
        )
        previous_end = fig.end
    return contexts


def _first_lower(header: str) -> str:
    return re.sub(r"^(\s*)([A-Z][a-z]+)\b", lambda m: m.group(1) + m.group(2).lower(), header)


# Headers that say what kind of figure a cell is, not what it measures ("Revenue —
# Guidance: $4.70 billion"): under them the label is the measure.
_KIND_HEADERS = frozenset(
    stem(w)
    for w in "yoy change growth guidance outlook estimate forecast actual value amount".split()  # noqa: SIM905
)


HEADING_WEIGHT = 0.75  # a table title's word, below the 0.8 of words near a figure


def row_contexts(
    row: str, heading: str = "", subject: Subject | None = None
) -> list[FigureContext]:
    """Figures of a table row: the row label names what they are of, the column header and
    the table's title what they measure ("Grocery — YoY: 2.9%" under "Sales Summary").
    A header that names a period ("2026/27 Q1: 2.9%") dates its cell alone. A row with a
    ticker is a company's, in a table of peers: its figures are that company's.
    """
    match = TABLE_ROW.match(row)
    label = match.group("label").strip() if match else ""
    # "Homeware (£m)": the unit a table's title lends a label is not part of its name.
    bare = _UNIT_NOTE.sub("", label)
    spelt = unit_in_words(bare)  # "Dental (Millions of yen)"
    bare = (bare[: spelt.start()] + bare[spelt.end() :] if spelt else bare).strip()
    parts = [p.strip() for p in re.split(r"\s*(?:\+|&|\band\b|,)\s*", bare) if p.strip()]
    named = frozenset({normalise(label), normalise(bare), *(normalise(p) for p in parts)})
    peer = _peer_of_row(row, bare, subject)
    heading_periods = frozenset(periods(heading))
    heading_measures = {stem(w) for w in measure_words(heading.lower())}
    contexts = []
    compared: frozenset[str] = frozenset()  # the period a change column compares
    changed = ""  # the header of the column a change column follows
    for fig in find_figures(row):
        if fig.kind == "year" or (match and fig.start < match.end()) or in_period(row, fig):
            continue
        cell_start = max(row.rfind(";", 0, fig.start) + 1, match.end() if match else 0)
        header = row[cell_start : fig.start]
        cell_periods = frozenset(periods(header))
        compared |= cell_periods
        if not cell_periods and is_change_column(header):
            # "Q3 2026: 2,408; Q3 2025: 2,269; Change: 6.1%; 9M 2026: ...": a change is
            # between the periods of the columns since the last change, not the 9M one,
            # and of what the column before it measures ("Revenue FY25: ...; Change: 6.0%").
            paired = PAIRED_CHANGE.search(header.strip(" :"))  # "Change q/q; Change y/y"
            cell_periods, compared = compared, compared if paired else frozenset()
            header = f"{changed} {header}"
        else:
            changed = header
        # "Fiscal year ending March 31, 2031 — Year-end: 45.00; Annual: 85.00": a column that
        # names a length of period and no year ("Annual") is of the row's year.
        if cell_periods and not names_year(cell_periods):
            cell_periods |= {p for p in periods(bare) if names_year(frozenset({p}))}
        cell_periods = cell_periods or frozenset(periods(bare)) or heading_periods
        # Where rows are periods, columns are measures, their first word capitalised as a
        # header's ("Six months ended ... — Basic earnings per share: 112.35").
        header = _first_lower(header) if periods(bare) else header
        weights = {stem(w): 1.0 for w in measure_words(f"{label.lower()} {header}")}
        # "Buses — Revenue FY26: 287.4": where the header says what is measured, the
        # label says whose figure it is.
        measured = {stem(w) for w in measure_words(header.lower())} - _KIND_HEADERS
        named_by_label = frozenset(stem(w) for w in measure_words(bare.lower()))
        # Under a heading that measures ("Sales summary"), a row of periods ("Grocery —
        # 2026/27 Q1: 2.9%") is the label's figure of that measure, as a measuring header's;
        # unless the label is the heading's measure ("Like-for-like sales" under "Like-for-like
        # sales performance").
        by_heading = (
            not measured
            and periods(header)
            and heading_measures - named_by_label
            and not named_by_label <= heading_measures
        )
        owner = named_by_label if measured or by_heading else None
        # The title's words are further off than the row's own, and a title that says what
        # kind of figures the table holds ("Key ratios") makes no cell a ratio of its label.
        for w in measure_words(heading.lower()):
            weights.setdefault(stem(w), HEADING_WEIGHT)
        # The cell's own words: the row's other cells measure other things ("Net sales:
        # 372,000" is no answer to "net profit" beside "Profit attributable ...: 31,800").
        clause = f"{label} {header}{fig.text}" + (f" ({heading.strip()})" if heading else "")
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
                label=(owner or frozenset()) - measured,
                peer=peer,
            )
        )
    return contexts


# "Stark Valley Financial — Ticker: SVFC; NIM: 2.94%": a peer's row in a broker's table.
_TICKER_CELL = re.compile(r"\u2014\s*Ticker:|;\s*Ticker:", re.I)


def _peer_of_row(row: str, label: str, subject: Subject | None) -> str:
    """The company a row with a ticker is about, where it is not the subject ("" else)."""
    if subject is None or not label or not _TICKER_CELL.search(row):
        return ""
    return "" if subject.is_subject(label) else normalise(label)


# --------------------------------------------------------------------------- claims (audit)


__all__ = [
    "MIN_STEM_MATCH",
    "FigureContext",
    "figure_contexts",
    "row_contexts",
]
