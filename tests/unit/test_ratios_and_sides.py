"""Figures that share only part of what is asked: one side of a ratio written with a slash,
a falling range of multiples, the side of a comparison that averages the other. Made-up
text; no model is loaded."""

from __future__ import annotations

from assistant.cues import asks_movement
from assistant.entities import Subject
from assistant.measure_fit import measure_fits
from assistant.measures import figure_contexts
from assistant.question import question_parts
from assistant.ratio_sides import one_side_of_a_ratio
from assistant.text import stem
from tests.unit.test_evidence import fit_figures

ACME = Subject("Acme Stores", ("Acme",))


def _fit(question: str, sentence: str, title: str = "Acme fact sheet") -> frozenset[str]:
    return fit_figures(question, sentence, ACME, title)


def _stems(*words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words)


def test_one_side_of_a_slashed_ratio_is_another_measure() -> None:
    row = "Five year average price/earnings ratio: 14.2"
    assert not _fit("How many price cuts has Acme made?", row)
    assert not _fit("what were earnings last year?", row)
    assert _fit("what is the five year average price/earnings ratio?", row)


def test_both_sides_or_another_shared_word_keep_the_ratio() -> None:
    clause = "a loan/deposit ratio of 92%"
    assert one_side_of_a_ratio(_stems("loan", "growth"), clause)
    assert not one_side_of_a_ratio(_stems("loan", "deposit"), clause)
    assert not one_side_of_a_ratio(_stems("loan", "ratio"), clause)
    assert not one_side_of_a_ratio(_stems("loan"), "loans grew 4%")


def _fitting(question: str, sentence: str) -> set[str]:
    (part,) = question_parts(question, ACME)
    contexts = figure_contexts(sentence, ACME)
    return {c.figure.text for c in contexts if measure_fits(part.focus, c, None, 0.5)}


def test_the_modifier_of_the_measure_asked_is_another_measure() -> None:
    sentence = "Pumps orders rose 12% to $40.5m in the half, and the order backlog reached $61.2m."
    assert _fitting("How large was the pumps order backlog?", sentence) == {"$61.2m"}
    assert "$40.5m" in _fitting("How large were pumps orders?", sentence)


def test_a_move_since_a_date_runs_from_it() -> None:
    (part,) = question_parts("How did the order backlog move since the end of March?")
    assert asks_movement("How did the order backlog move since the end of March?")
    assert not part.focus.periods  # the end of March is where the move starts
    (count,) = question_parts("how many meals have been donated since 2022?")
    assert count.focus.periods == {"2022"}  # no move asked: 2022 bounds the count
