"""Which of the qualifying sentences go to the answer: the best of each question part first.

A sentence may answer several parts, each by its own figure (a table row "Total Retail —
2025/26 Q1: 10,030; 2026/27 Q1: 10,462" answers "Q1 this year vs Q1 last year?" twice): it
is chosen once, for its first part, and carries the figures by which it answers the others.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from assistant.figures import find_figures
from assistant.row_moves import in_change_cell

if TYPE_CHECKING:
    from assistant.evidence import EvidenceSentence


def sentence_key(sentence: EvidenceSentence) -> tuple[int, int, str]:
    """Where a sentence stands: the same sentence scored for two parts has one key."""
    return sentence.start, sentence.end, sentence.hit.passage.doc_id


def choose(
    per_part: list[list[EvidenceSentence]], max_evidence: int, follows: frozenset[int] = frozenset()
) -> list[EvidenceSentence]:
    """The best sentence of each part first, then the best of the rest (each once). A part
    that a sentence chosen for another part answers best takes no worse one of its own; nor
    does a part that ``follows`` the one before it (asks "it" of that part's measure: "what
    was revenue and how much did it change?") where that part's best sentence answers it."""
    ranked = [sorted((s for s in ss if s.qualifies), key=lambda s: -s.score) for ss in per_part]
    for index in sorted(follows):
        if index and ranked[index - 1] and ranked[index]:
            ranked[index] = _its_best_first(ranked[index], ranked[index - 1][0])
    chosen: dict[tuple[int, int, str], EvidenceSentence] = {}
    covered: set[int] = set()  # parts a sentence chosen for another answers best
    answered: set[int] = set()  # parts with a sentence chosen for them
    for depth in range(max_evidence):
        for index, sentences in enumerate(ranked):
            if depth >= len(sentences) or len(chosen) >= max_evidence or index in covered:
                continue
            s = sentences[depth]
            first = chosen.get(sentence_key(s))
            if first is None:
                chosen[sentence_key(s)] = s
                answered.add(index)
            elif _others(s.answering, first.answering) and index not in answered:
                # "revenue in FY26 and what was it the year before?": the row chosen for
                # FY26 gives FY25 too; a worse sentence must not answer FY25 in its place.
                covered.add(index)
    return [_with_other_parts(s, per_part) for s in chosen.values()]


def _its_best_first(
    ranked: list[EvidenceSentence], before: EvidenceSentence
) -> list[EvidenceSentence]:
    """``ranked`` with the sentence chosen for the part ``before`` first, where it answers
    this part by other figures than that part's ("change: (3.2)%" of a revenue row)."""
    key = sentence_key(before)
    same = [s for s in ranked if sentence_key(s) == key and _others(s.answering, before.answering)]
    return same + [s for s in ranked if s not in same]


def _with_other_parts(
    sentence: EvidenceSentence, per_part: list[list[EvidenceSentence]]
) -> EvidenceSentence:
    """``sentence`` with the figures by which it answers the parts it was not chosen for."""
    key = sentence_key(sentence)
    also = []
    for index, scored in enumerate(per_part):
        if index == sentence.part:
            continue
        for other in scored:
            if not other.qualifies or sentence_key(other) != key:
                continue
            figures = _levels_first(sentence.text, _others(other.answering, sentence.answering))
            if figures:
                also.append((index, figures))
    return replace(sentence, also=tuple(also)) if also else sentence


def _others(answering: frozenset[str], chosen_by: frozenset[str]) -> frozenset[str]:
    """The figures that answer another part, leaving out those the sentence was chosen by
    ("H1 26 vs H1 25?" of a row whose change column fits both halves: the H1 25 cell), or all
    of them where they are fewer ("Q1 this year" fits both Q1 cells, "Q1 25/26" one of them).
    The very same figures answer nothing more ("... and what was the previous one?")."""
    return answering - chosen_by or (answering if answering < chosen_by else frozenset())


def _levels_first(text: str, figures: frozenset[str]) -> frozenset[str]:
    """Of a row's cells, the levels before a change column that fits the same periods ("and
    what was it a year earlier?": FY25's 66.8, not the "Change: (30.5)%" between the years)."""
    levels = frozenset(
        f.text for f in find_figures(text) if f.text in figures and not in_change_cell(text, f)
    )
    return levels or figures


__all__ = ["choose", "sentence_key"]
