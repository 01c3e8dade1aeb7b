"""A span of time a question gives a figure against the one the sources give it (made-up
text, no model)."""

from __future__ import annotations

from assistant.time_spans import other_span, spans
from tests.unit.test_chain_fakes import final, run

PLAN = "Acme plans to spend EUR 380 million on new plants over three years."


def test_spans_are_read_in_months_with_their_words() -> None:
    assert [(s.months, s.text) for s in spans("over the next ten years")] == [(120, "ten years")]
    assert [s.months for s in spans("spread over a decade, or within 18 months")] == [120, 18]
    assert [s.months for s in spans("across two quarters")] == [6]
    assert spans("in three years' time") == []  # "in" dates a point, it spans nothing


def test_a_figure_spread_over_another_span_is_a_premise_that_does_not_hold() -> None:
    issue = other_span("Acme is spending EUR 380 million over ten years - why?", [PLAN])
    assert issue is not None
    assert (
        issue.correction == "The sources give EUR 380 million over three years, not over ten years"
    )
    # The same span, no span, or another figure: nothing to correct.
    assert other_span("Acme is spending EUR 380 million over 3 years - why?", [PLAN]) is None
    assert other_span("Acme is spending EUR 380 million - why?", [PLAN]) is None
    assert other_span("Acme is spending EUR 200 million over ten years - why?", [PLAN]) is None


def test_the_answer_opens_with_the_span_the_sources_give() -> None:
    question = "Acme is spreading EUR 380 million over the next ten years - what's that per year?"
    answer = final(run(question, docs={"article": PLAN})[0])
    assert answer.premise is not None
    assert answer.direct.startswith("The sources give EUR 380 million over three years, not over")
