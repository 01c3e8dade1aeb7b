"""Where a figure's words are in its sentence: its zone (from the last clause break), its
clause (to the next break after it) and its measure span (the words that say what it counts).
"""

from __future__ import annotations

import re

from assistant.cues import reason_start
from assistant.figures import Figure
from assistant.heads import opens_next_clause
from assistant.measure_words import measure_words
from assistant.synonyms import MEASURE_ACRONYMS
from assistant.text import semicolon_clause

_CLAUSE_BREAK = re.compile(
    r";|:|\u2014| -- |,\s*(?:while|whereas|but|although)\b|\bwhile\b"
    r"|\bwhereas\b|\bbut\b|\bagainst\b|\bversus\b|\bvs\."
)
_AFTER_BREAK = re.compile(r"[,;:\u2014(]|\bwhile\b|\bbut\b|\bwhereas\b|\bdue to\b|\bdriven by\b")
_BEFORE_BREAK = re.compile(r"[,;:\u2014()]|\bwhile\b|\bbut\b|\bwhereas\b")
_LEFT_OUT = re.compile(r"\b(?:ex|in)clud(?:es?|ing)\s+((?:an?|the)\s+[\w\s-]{1,40}?\s+of\s+)$")
_APPOSITION = re.compile(r"\s*(?:a|an|which|that|who|its|their)\s", re.I)
# "Revenue of €1.8 billion (...), with cargo revenue up ...": a sentence that opens by
# naming its first figure's measure names it whole.
_OPENS_NAMED = re.compile(
    r"^\W*(?:[A-Za-z][\w&/-]*\s+){1,3}?(?:of|was|were|totall?ed|reached|stood\s+at)\s+$"
)


def zone_from(sentence: str, figure_start: int, previous_end: int = 0) -> int:
    """Where a figure's zone starts: after the last clause break before it (or ``previous_end``)."""
    start = previous_end
    for match in _CLAUSE_BREAK.finditer(sentence, previous_end, figure_start):
        start = match.end()
    return start


def clause_span(sentence: str, fig: Figure, previous_end: int = 0) -> tuple[int, int]:
    """The clause around a figure: from its zone start to the next clause break after it."""
    start = zone_from(sentence, fig.start, previous_end)
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
    the next one. When that stretch holds fewer than two measure words ("..., a fall of
    76%"), the whole sentence stands in.
    """
    breaks = [previous_end] + [
        m.end() for m in _BEFORE_BREAK.finditer(sentence, previous_end, fig.start)
    ]
    start = breaks[-1]
    # "instant commerce, a model projected to make RMB 1 trillion": an apposition's figure
    # is about the phrase it renames, so the span reaches back over it.
    if len(breaks) > 1 and _APPOSITION.match(sentence, start):
        start = breaks[-2]
    # "Underlying profit excludes a write-down of £10m": the figure is what is left out.
    if left_out := _LEFT_OUT.search(sentence, start, fig.start):
        start = left_out.start(1)
    after = _AFTER_BREAK.search(sentence, fig.end)
    # "Assets rose ¥16.5bn, mainly due to inventories": a cause says why, not what it counts.
    cause = reason_start(sentence, fig.end) or len(sentence)
    end = min(after.start() if after else len(sentence), next_start or len(sentence), cause)
    own_end = next_start is not None and opens_next_clause(sentence, fig, next_start)
    if own_end:
        end = fig.end  # "Basic EPS were €0.45 and adjusted EPS were €0.70"
    words = measure_words(sentence[start : fig.start], known)
    # "FY28E EPS of £1.12": a reporting acronym names a whole measure on its own.
    named = any(w.lower() in MEASURE_ACRONYMS for w in words[-2:])
    named = named or bool(words and _OPENS_NAMED.match(sentence, 0, fig.start))
    if len(words + measure_words(sentence[fig.end : end], known)) < 2 and not named:
        # ... the whole sentence, or of its clause between semicolons ("FX added ¥0.9bn; the yen
        # averaged ¥151.4": nothing before the ";" is of the yen).
        # (not past a clause of its own after it: "... growth of 3.1% and cut its target")
        lo, hi = semicolon_clause(sentence, fig.start, fig.end, cause)
        return lo, fig.end if own_end else hi
    return start, end


__all__ = ["clause_span", "measure_span", "zone_from"]
