"""The direct line: one answer per part of the question, composed from the picked quotes
("Down 76% [1]; $53 billion [2]."), with the values other documents give after it. Each
piece's figure comes from :mod:`assistant.direct`; here they are put in order, cited and
joined so that every sentence's figures are held by the quotes it cites."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from assistant.cues import asks_movement
from assistant.dates import asks_when, date_phrase
from assistant.direct import (
    Quote,
    answer_figure,
    direct_line,
    figure_line,
    subject_of_names,
)
from assistant.directions import is_move
from assistant.earlier_values import earlier_value
from assistant.entities import Subject
from assistant.expectations import EXPECTATION_SAID
from assistant.figures import find_figures
from assistant.question import asks_for_names
from assistant.text import TABLE_ROW
from assistant.units import currency_wanted


def compose_direct(
    picked: Sequence[tuple[int, str, int, str]],
    parts: Sequence[str],
    kinds: frozenset[str],
    currency: str | None,
    subject_names: Sequence[str] = (),
    missing: Sequence[str] = (),
    answering: Mapping[int, frozenset[str]] | None = None,
    question: str = "",
    answering_other: Mapping[tuple[int, int], frozenset[str]] | None = None,
) -> str:
    """The direct line from the picked quotes: (number, text, part index, role) each;
    ``answering`` holds each quote's figures that the evidence found to answer, and
    ``answering_other`` (by quote number and part index) those that answer a part the quote
    was not picked for; ``question`` is the whole question the parts are of.

    One answer per part of the question, in order ("Down 76% [1]; $53 billion [2]."); when
    documents disagree, the other values follow ("...; another passage gives 36% [3].").
    """
    pieces = []
    found = answering or {}
    quoted = [(Quote(n, text, found.get(n, frozenset())), p, role) for n, text, p, role in picked]
    answering_quotes = [q for q, _, role in quoted if role == "part"]
    for index, part in enumerate(parts):
        quotes = [q for q, p, role in quoted if p == index and role == "part"]
        borrowed = not quotes and part not in missing
        if borrowed:
            # One sentence answers several parts ("X grew 46%, Y 5%"): by the figures the
            # evidence found for this part, where it found them ("Q1 this year vs Q1 last
            # year" of one table row), else by any but what answered another part.
            other = answering_other or {}
            quotes = (
                [
                    replace(q, answering=other[q.n, index])
                    for q in answering_quotes
                    if (q.n, index) in other and _as_asked(q.text, other[q.n, index], part)
                ]
                or _moved_from_earlier(answering_quotes, part)
                or [
                    # A table row is not borrowed without them: any of its columns would do
                    # ("Net sales: 372,000" for "and what was the May number?" of net profit).
                    replace(q, answering=frozenset())
                    for q in answering_quotes
                    if not _is_row(q.text)
                ]
            )
        if asks_for_names(part) and not kinds:
            # "Which brands ...?": the next best sentence may name more of them.
            quotes = quotes + [q for q, _, role in quoted if role == "more"]
        # "the rmb number and the usd equivalent": each part its own currency.
        own = currency_wanted(part) or currency
        line = direct_line(quotes, part, kinds, own, subject_names, question) if quotes else ""
        if line and asks_when(part) and (when := date_phrase(quotes[0].text, part)):
            line = f"{when[:1].upper()}{when[1:]} [{quotes[0].n}]."  # the date, not the sentence
        if borrowed and line and _given_already(line, pieces):
            line = ""  # ... nor is another part's very figure its answer ("Topix: up 2.1%")
        if line and _set_beside_already(line, pieces):
            line = ""  # "£2,318m, down from £2,405m": last year's £2,405m is given
        if line:
            owner, colon, _ = part.partition(": ")
            # "Initech: up 46% [1]": each side of a comparison says whose figure it is.
            # A heading the question opens with ("Capex plan: the rmb number and ...") is
            # every part's, so it tells none apart.
            sides = {p.partition(": ")[0] for p in parts}
            labelled = colon and len(parts) > 1 and len(sides) == len(parts)
            lead = f"{owner}: {_lower_first(line)}" if labelled else line
            pieces.append(lead.removesuffix("."))
    others = [q for q, _, role in quoted if role == "other value"]
    for quote in others:
        line = figure_line(quote, parts[0], kinds, currency, subject_of_names(subject_names))
        if line and pieces and _bare(line) == _bare(pieces[0]):
            pieces[0] += f"[{quote.n}]"  # the same value in other words: cited, not contrasted
        elif line:
            pieces.append("another passage gives " + _lower_first(line).removesuffix("."))
    for quote in (q for q, _, role in quoted if role == "same value"):
        _cite_same(pieces, quote, parts[0], kinds, currency, subject_of_names(subject_names))
    return _joined(pieces)


def _cite_same(
    pieces: list[str],
    quote: Quote,
    question: str,
    kinds: frozenset[str],
    currency: str | None,
    subject: Subject | None,
) -> None:
    """ "US$53 billion [1][2]": a quote stating a value already given cites the piece that
    gives it (not the first piece, which may give another value), or nothing."""
    fig = answer_figure(quote.text, question, kinds, currency, subject, quote.answering)
    if fig is None:
        return
    for i, piece in enumerate(pieces):
        if any(f.matches(fig) for f in find_figures(re.sub(r"\[\d+\]", " ", piece))):
            pieces[i] += f"[{quote.n}]"
            return


def _given_already(line: str, pieces: list[str]) -> bool:
    """Does another part's piece give the line already: the same words, or the same figure
    with no earlier value set beside it ("41.3%, down from 42.0%" tells a move "41.3%" does
    not)?"""
    said = _uncited(line)
    moved = _EARLIER_SET_BESIDE.search(said)
    return any(
        said == _uncited(_after_owner(p)) or (not moved and _bare(line) == _bare(_after_owner(p)))
        for p in pieces
    )


def _set_beside_already(line: str, pieces: list[str]) -> bool:
    """Is the line's figure the earlier value another part's piece sets beside its own
    ("£2,318m, down from £2,405m (Q1 2030)" gives the year before's £2,405m)?"""
    own = find_figures(_uncited(line))
    for piece in pieces:
        given = find_figures(re.sub(r"\[\d+\]", " ", piece))
        if own and len(given) > 1 and all(any(g.matches(f) for g in given[1:]) for f in own[:1]):
            return not own[0].matches(given[0])
    return False


def _uncited(line: str) -> str:
    return re.sub(r"(?:\s*\[\d+\])+\.?$", "", line.strip())


def _moved_from_earlier(quotes: list[Quote], part: str) -> list[Quote]:
    """Of a part asking how a figure moved ("... and how much did it change?"), the quotes
    that give the other part's figure with the earlier value it moved from ("slipped to
    38.6% from 39.5%"): that move answers it, not another figure of the sentence."""
    if not asks_movement(part):
        return []
    return [
        q
        for q in quotes
        if any(f.text in q.answering and earlier_value(q.text, f) for f in find_figures(q.text))
    ]


def _as_asked(text: str, figures: frozenset[str], part: str) -> bool:
    """Do the figures answer the part as it asks: a move only where it asks how something
    moved ("and what was the figure a year earlier?" is no "Change: (30.5)%"), or what was
    expected of one ("fell 1.5% (-2.7% expected)")?"""
    moves = [is_move(text, f) for f in find_figures(text) if f.text in figures]
    asked = asks_movement(part) or bool(_BY_HOW_MUCH.search(part) or EXPECTATION_SAID.search(part))
    return asked or not all(moves)


# "by how many bps did it widen?": how far a figure moved.
_BY_HOW_MUCH = re.compile(r"\bby\s+how\s+(?:much|many|far)\b", re.I)


def _is_row(text: str) -> bool:
    """Is ``text`` a rendered table row of several cells ("Label — Header: 1; Header: 2")?"""
    return bool(TABLE_ROW.match(text)) and text.count(": ") > 1


def _joined(pieces: list[str]) -> str:
    """Figures of several parts share a sentence ("Down 3.7% [1]; up 2.1% [2]."); an answer
    in words stands as a sentence of its own, and a table row on a line of its own, so that
    each sentence's figures are held by the quotes it cites."""
    text = ""
    for i, piece in enumerate(pieces):
        if i and "\u2014" in piece + pieces[i - 1]:
            # A table row given whole reads its units from its own line's label.
            text += f"\n{piece[:1].upper()}{piece[1:]}"
        elif i and _has_figure(piece) and _has_figure(pieces[i - 1]):
            text += f"; {piece}"
        elif i:
            text += f". {piece[:1].upper()}{piece[1:]}"
        else:
            text = piece
    return f"{text}." if text else ""


def _has_figure(text: str) -> bool:
    return any(f.is_claim for f in find_figures(re.sub(r"\[\d+\]", " ", text)))


def _after_owner(piece: str) -> str:
    """ "Initech: up 46% [1]" -> "up 46% [1]"."""
    return piece.partition(": ")[2] or piece


def _bare(line: str) -> str:
    """A direct line's figure without its direction and citations: "Up 3.1% [1]" -> "3.1%"."""
    text = re.sub(r"(?:\s*\[\d+\])+\.?$", "", line.strip())
    text = _EARLIER_SET_BESIDE.sub("", text)  # "3.1%, down from 4.9% (2025/26 Q1)": 3.1%
    return re.sub(r"^(?:up|down)\s+", "", text, flags=re.I)


_EARLIER_SET_BESIDE = re.compile(
    r",\s+(?:(?:up|down|unchanged)\s+from|against)\s.*$|\s+\([^()]*:\s[^()]*\)$"
)


def _lower_first(line: str) -> str:
    """ "Down 3%" -> "down 3%" inside a sentence; "EUR 120 million" keeps its capitals."""
    if line[1:2].isupper():
        return line
    return line[:1].lower() + line[1:]


__all__ = ["compose_direct"]
