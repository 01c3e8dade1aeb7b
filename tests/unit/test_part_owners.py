"""A part of the business owns a figure said of it: "the division's margin". Made-up text; no
model is loaded."""

from __future__ import annotations

from assistant.entities import Subject
from assistant.matching import question_focus, subject_fits
from assistant.measures import figure_contexts

ACME = Subject("Acme", ("Acme Group",))
DIVISION = (
    "Ferries revenue rose 5% to $376.4 million and the division's operating margin improved "
    "to 13.6%, from 12.9% a year earlier."
)


def _margin_ctx():
    return next(c for c in figure_contexts(DIVISION, ACME) if c.figure.text == "13.6%")


def test_the_division_s_figure_is_not_the_subject_s() -> None:
    ctx = _margin_ctx()
    assert not subject_fits(question_focus("What was Acme's operating margin?", ACME), ctx)
    # Asked of the part, by its name or as a division, it is the answer.
    for question in (
        "What was the ferries operating margin?",
        "What was the ferry division's operating margin?",
    ):
        assert subject_fits(question_focus(question, ACME), ctx), question
