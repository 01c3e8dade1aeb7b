"""Verification: a draft sentence is kept only if its cited quotes hold what it says.

A sentence that states a figure must cite evidence, and every figure must stand (after
normalisation) in a quote it cites, with the same measure. A sentence without a figure must
cite a quote and say something beyond the citation. Streaming drafts are cut into complete
sentences here, so that only verified sentences are ever shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.claim_match import claims_of_sentence, same_measure
from assistant.entities import Subject
from assistant.figures import Figure, find_figures
from assistant.measures import figure_contexts
from assistant.text import CITATION_MARKER, MARKER_RUN, content_stems, sentence_spans

_MARKER = re.compile(r"\s*\[(\d{1,3})\]")


@dataclass
class Verdict:
    """One draft sentence after verification."""

    sentence: str  # cleaned, with only known citation markers
    kept: bool
    reason: str = ""
    cited: list[int] = field(default_factory=list)
    figures: list[tuple[Figure, int]] = field(default_factory=list)  # figure, citation holding it


def _quote_figure_measures(quote: str, fig: Figure) -> set[str] | None:
    """Measures next to the matching figure in the quote (None if the figure is absent)."""
    found = None
    for ctx in figure_contexts(quote):
        if ctx.figure.holds(fig):
            found = (found or set()) | set(ctx.measures)
    return found


def _says_something(body: str, quotes: list[str]) -> bool:
    """A figure-free sentence must share content words with a quote it cites."""
    words = content_stems(body)
    return any(words & content_stems(q) for q in quotes)


def verify_sentence(sentence: str, quotes: dict[int, str]) -> Verdict:
    """Keep a draft sentence only if every figure stands, with its measure, in a cited quote."""
    cited = [int(n) for n in _MARKER.findall(sentence)]
    known = [n for n in dict.fromkeys(cited) if n in quotes]
    unknown = sorted(set(cited) - set(known))
    body = MARKER_RUN.sub("", sentence).strip()
    clean = body if not known else attach_markers(body, known)
    figures = find_figures(body)
    note = f"removed unknown citation {unknown}" if unknown else ""
    if not figures:
        if not known:
            return Verdict(clean, False, "cites no evidence", known)
        if not _says_something(body, [quotes[n] for n in known]):
            return Verdict(clean, False, "says nothing its citation supports", known)
        return Verdict(clean, True, note, known)
    if not known:
        why = "states a figure without a citation"
        if unknown:
            why += f" (cites [{unknown[0]}], which is not in the evidence)"
        return Verdict(clean, False, why, known)
    held: list[tuple[Figure, int]] = []
    draft_contexts = {c.figure.start: c for c in figure_contexts(body)}
    for fig in figures:
        # The first cited quote that holds the figure, with the measures next to it there.
        holder, quote_measures = next(
            ((n, m) for n in known if (m := _quote_figure_measures(quotes[n], fig)) is not None),
            (None, set()),
        )
        if holder is None:
            refs = ", ".join(f"[{n}]" for n in known)
            return Verdict(
                clean, False, f"figure {fig.text!r} is not in the cited evidence {refs}", known
            )
        ctx = draft_contexts.get(fig.start)
        if ctx and ctx.measures and quote_measures and not (ctx.measures & quote_measures):
            return Verdict(
                clean,
                False,
                f"figure {fig.text!r} measures {', '.join(sorted(quote_measures))} in "
                f"[{holder}], not {', '.join(sorted(ctx.measures))}",
                known,
            )
        held.append((fig, holder))
    # A citation that holds none of the sentence's figures would point the reader at a
    # passage that does not say them: it is taken off.
    holding = [n for n in known if any(_quote_figure_measures(quotes[n], f) for f, _ in held)]
    if holding != known:
        extra = sorted(set(known) - set(holding))
        note = "; ".join(
            filter(None, [note, f"removed citation {extra}: holds none of its figures"])
        )
        clean = attach_markers(body, holding)
    return Verdict(clean, True, note, holding, held)


def disagree(
    first: str, second: str, kinds: frozenset[str], subject: Subject | None = None
) -> bool:
    """Does ``second`` give a different value for a measure ``first`` states a figure of?

    A figure of ``first`` disagrees when ``second`` has figures of the same measure, subject
    and period and none of them is the same value.
    """
    theirs = [c for c in claims_of_sentence("", second, subject) if c.figure.kind in kinds]
    for mine in (c for c in claims_of_sentence("", first, subject) if c.figure.kind in kinds):
        rivals = [c for c in theirs if same_measure(mine, c)]
        if rivals and not any(mine.figure.matches(c.figure) for c in rivals):
            return True
    return False


def attach_markers(body: str, cited: list[int]) -> str:
    """``body`` with its citation markers before the closing punctuation."""
    markers = "".join(f"[{n}]" for n in cited)
    if body and body[-1] in ".!?":
        return f"{body[:-1]} {markers}{body[-1]}"
    return f"{body} {markers}"


def draft_sentences(buffer: str, final: bool) -> tuple[list[str], str]:
    """Complete sentences in a streaming buffer, and the rest still being written."""
    # A citation marker after the full stop belongs to the sentence before it.
    text = re.sub(r"([.!?])(\s*(?:\[\d{1,3}\])+)", r"\2\1", buffer)
    spans = sentence_spans(text)
    if not spans:
        return [], "" if final else buffer
    if final:
        return [text[s:e] for s, e in spans], ""
    # Hold back a sentence while what follows it may still be its citation ("...76%. [1").
    ready = len(spans) - 1
    while ready > 0 and text[spans[ready][0]] == "[":
        ready -= 1
    done = [text[s:e] for s, e in spans[:ready]]
    return done, text[spans[ready][0] :]


__all__ = [
    "CITATION_MARKER",
    "Verdict",
    "attach_markers",
    "disagree",
    "draft_sentences",
    "verify_sentence",
]
