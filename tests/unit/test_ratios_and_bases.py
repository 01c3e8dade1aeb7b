"""A measure's growth is no move of a ratio built on it ("loan growth" is not "nonperforming
loans to total loans", up 19 bps); the amount a loss is reckoned on is no loss; a part of a
comparison asks what happened when the question does. Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.entities import Subject
from assistant.matching import answers, question_focus
from assistant.measures import figure_contexts
from assistant.plan_cues import asks_actual
from assistant.question import question_parts
from tests.unit.test_evidence import fit_figures

ACME = Subject("Acme Bank", ("Acme",))


def _fit(question: str, sentence: str) -> frozenset[str]:
    return fit_figures(question, sentence, ACME, "Acme Bank third quarter results")


def test_a_ratio_row_answers_no_question_for_the_growth_of_its_parts() -> None:
    npl = "Nonperforming loans to total loans \u2014 3Q26: 0.68%; 3Q25: 0.49%; Change y/y (bps): 19"
    ltd = "Loans to deposits \u2014 3Q26: 85.6%; 3Q25: 85.9%; Change y/y (bps): (30)"
    for question in ("loan growth yoy", "deposit growth"):
        assert _fit(question, npl) == frozenset() and _fit(question, ltd) == frozenset()
    loans = "Total loans ($m) \u2014 3Q26: 34,300; 3Q25: 32,950; Change y/y: 4.1%"
    assert _fit("loan growth yoy", loans) == frozenset({"4.1%"})
    # Asked as a ratio, the ratio answers; a measure "attributable to" someone is no ratio.
    assert "0.68%" in _fit("nonperforming loans to total loans q3", npl) and "85.6%" in _fit(
        "loans to deposits q3", ltd
    )
    owners = "Net income attributable to shareholders \u2014 3Q26: 120.4; 3Q25: 110.0"
    assert "120.4" in _fit("net income attributable to shareholders q3", owners)


def test_the_amount_a_loss_is_reckoned_on_is_no_loss() -> None:
    sentence = "Acme booked a $5.2 million loss on the sale of $240 million of bonds."
    fits = {
        c.figure.text: answers(question_focus("bond sale loss", ACME), c)
        for c in figure_contexts(sentence, ACME)
    }
    assert fits["$240 million"] is False
    sold = question_focus("how big was the bond sale", ACME)
    assert answers(sold, figure_contexts(sentence, ACME)[1])


def test_each_part_of_a_comparison_asks_what_happened_when_the_question_does() -> None:
    question = "For the full year, how did GAAP margin compare with the adjusted margin?"
    assert all(asks_actual(p.focus.words) for p in question_parts(question, ACME))
    guided = "what adjusted margin does Acme guide to and what was it last year?"
    assert not all(asks_actual(p.focus.words) for p in question_parts(guided, ACME))
