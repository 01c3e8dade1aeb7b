"""Does each citation of an answer hold the figures of the text that cites it?

The scorer's half of the promise: an answer's sentences are read with their markers, and
each marker must hold a figure of the text it closes; each sentence's markers together must
hold all its figures. Figures the question states are its premise, not claims.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from assistant.answer import Answer, Citation
from assistant.figures import Figure, find_figures
from assistant.text import MARKER_RUN, marker_numbers, sentence_spans, strip_markers

_LEADING_MARKERS = re.compile(rf"^(?:{MARKER_RUN.pattern})")


@dataclass
class _CitationScore:
    checks: int = 0
    ok: int = 0
    figure_sentences: int = 0
    cited: int = 0
    problems: list[str] = field(default_factory=list)


def answer_sentences(text: str) -> list[tuple[str, tuple[int, ...]]]:
    """An answer's (sentence without markers, citation numbers) pairs.

    Markers that open a piece ("... $53 billion. [1] Cloud ...") belong to the sentence
    before them.
    """
    return [(strip_markers(s).strip(), marker_numbers(s)) for s in _marked_sentences(text)]


def _marked_sentences(text: str) -> list[str]:
    """An answer's sentences with their markers, as ``answer_sentences`` cuts them."""
    raw: list[str] = []
    for start, end in sentence_spans(text):
        piece = text[start:end]
        leading = _LEADING_MARKERS.match(piece)
        if leading and raw:
            raw[-1] = f"{raw[-1]} {leading.group(0).strip()}"
            piece = piece[leading.end() :]
        if piece.strip():
            raw.append(piece.strip())
    return raw


def _marked_segments(sentence: str) -> list[tuple[str, tuple[int, ...]]]:
    """A sentence cut after each run of markers: (the text the run closes, its numbers).

    Text after the last run has no marker of its own and is left to the sentence's check.
    """
    segments: list[tuple[str, tuple[int, ...]]] = []
    start = 0
    for run in MARKER_RUN.finditer(sentence):
        segments.append((sentence[start : run.start()], marker_numbers(run.group(0))))
        start = run.end()
    return segments


def _misplaced_markers(
    sentence: str, premises: Sequence[Figure], quotes: dict[int, list[Figure]]
) -> dict[int, str]:
    """Markers placed right after figures their quote does not hold, with the figure.

    "NZ$71.8m [1][3]" where [3] quotes NZ$64.3m fails [3] even when the sentence's other
    figures are NZ$64.3m: each marker must hold a figure of the text it closes.
    """
    misplaced: dict[int, str] = {}
    for segment, numbers in _marked_segments(sentence):
        figures = claims(strip_markers(segment), premises)
        if not figures:
            continue
        echoed = [f for f in find_figures(strip_markers(segment)) if f not in figures]
        for n in numbers:
            held = quotes.get(n)
            if held is not None and not any(_quote_holds(held, f) for f in figures + echoed):
                misplaced.setdefault(n, figures[0].text)
    return misplaced


def _magnitude(figure: Figure) -> Figure:
    return dataclasses.replace(figure, value=abs(figure.value))


def figure_stated(expected: Figure, stated: Iterable[Figure]) -> bool:
    """Does any stated figure match ``expected``? Signs are ignored on purpose.

    "(3.7)%" in a table and "declined 3.7%" in prose are the same fact; the direction is
    carried by words, which term and premise checks cover.
    """
    target = _magnitude(expected)
    return any(_magnitude(f).matches(target) for f in stated)


def _quote_holds(quote_figures: list[Figure], figure: Figure) -> bool:
    """Does a quote hold a figure of the answer? A range needs the range, not one end."""
    if getattr(figure, "is_range", False):
        return any(getattr(q, "is_range", False) and q.matches(figure) for q in quote_figures)
    return figure_stated(figure, quote_figures)


def claims(text: str, premises: Sequence[Figure]) -> list[Figure]:
    """The figures ``text`` states, less those it merely echoes from the question."""
    return [f for f in find_figures(text) if not any(figure_stated(p, [f]) for p in premises)]


def score_citations(answer: Answer, premises: Sequence[Figure]) -> _CitationScore:
    """Does each citation hold the figures of the sentence that cites it?

    Only sentences that state a figure are checked: a sentence without one has nothing that
    code can verify (a marker naming no citation still fails). Figures echoed from the
    question are the user's premise, not a claim, and are not required of the quote. A
    sentence citing several quotes passes each citation that holds at least one of its
    figures, provided the quotes together hold them all.
    """
    by_number: dict[int, Citation] = {c.n: c for c in answer.citations}
    score = _CitationScore()
    for sentence in _marked_sentences(answer.text):
        text, markers = strip_markers(sentence).strip(), marker_numbers(sentence)
        figures = claims(text, premises)
        if figures:
            echoed = [f for f in find_figures(text) if any(figure_stated(p, [f]) for p in premises)]
            quotes = {n: find_figures(by_number[n].quote) for n in markers if n in by_number}
            misplaced = _misplaced_markers(sentence, premises, quotes)
            _score_figure_sentence(markers, figures, by_number, score, echoed, misplaced)
            continue
        dangling = [n for n in markers if n not in by_number]
        score.checks += len(dangling)
        score.problems += [f"citation [{n}] does not exist" for n in dangling]
    return score


def _score_figure_sentence(
    markers: tuple[int, ...],
    figures: list[Figure],
    by_number: dict[int, Citation],
    score: _CitationScore,
    echoed: Sequence[Figure] = (),
    misplaced: dict[int, str] | None = None,
) -> None:
    """Score one sentence's citations. ``echoed`` are the sentence's figures that repeat the
    question's: not claims, but a citation holding one of them still supports the sentence
    ("NZ$64.3m [1]; another passage gives NZ$71.8m [2]" asked about NZ$64.3m).
    ``misplaced`` markers fail whatever the rest of the sentence holds."""
    misplaced = misplaced or {}
    score.figure_sentences += 1
    quotes = {n: find_figures(by_number[n].quote) for n in markers if n in by_number}
    held = {
        n: [i for i, f in enumerate(figures) if _quote_holds(in_quote, f)]
        or [-1 for f in echoed if _quote_holds(in_quote, f)][:1]
        for n, in_quote in quotes.items()
    }
    together = all(any(i in found for found in held.values()) for i in range(len(figures)))
    if held and together and not misplaced:
        score.cited += 1
    elif not markers:
        score.problems.append(f"uncited figure {figures[0].text}")
    for n in markers:
        score.checks += 1
        if n not in held:
            score.problems.append(f"citation [{n}] does not exist")
        elif held[n] and together and n not in misplaced:
            score.ok += 1
        elif held[n] and together:
            score.problems.append(f"citation [{n}] follows {misplaced[n]}, which its quote lacks")
        else:
            missing = next(f.text for i, f in enumerate(figures) if i not in held[n])
            score.problems.append(f"citation [{n}] quote lacks {missing}")


__all__ = ["answer_sentences", "claims", "figure_stated", "score_citations"]
