"""An amount restated per share, and figures that only round alike (made-up text)."""

from __future__ import annotations

import pytest

from assistant.earlier_values import compared_from
from assistant.entities import Subject
from assistant.figures import find_figures, parse_figure
from assistant.matching import keeps_ratio, question_focus
from assistant.measures import figure_contexts
from assistant.restated import restated_per_unit
from assistant.text import stem
from tests.unit.test_compared_values import _fit

ACME = Subject("Acme", ("Acme Group",))
RESULT = (
    "Net income was $90.2 million, or $1.20 per diluted share, compared with $80.4 million, "
    "or $1.05 a share, a year earlier."
)


def _figure(sentence: str, text: str):
    return next(f for f in find_figures(sentence) if f.text == text)


def test_an_amount_restated_per_share_is_that_amount_per_share() -> None:
    total, per_share = _figure(RESULT, "$90.2 million"), _figure(RESULT, "$1.20")
    assert restated_per_unit(RESULT, total, per_share)
    assert not restated_per_unit(RESULT, per_share, _figure(RESULT, "$80.4 million"))
    # Two sums joined by "or" with no unit after the second are two sums, not one per share.
    two = "It may spend $40 million, or $55 million if the deal closes."
    assert not restated_per_unit(two, *find_figures(two))
    # The per-share figure measures what the amount does: "net income per share" fits it.
    (ctx,) = [c for c in figure_contexts(RESULT, ACME) if c.figure.text == "$1.20"]
    assert {stem("net"), stem("income")} <= {word for word, _ in ctx.weights}


def test_a_unit_after_one_word_after_per_is_still_the_unit_counted() -> None:
    focus = question_focus("What was Acme's net income per share?", ACME)
    (ctx,) = [c for c in figure_contexts(RESULT, ACME) if c.figure.text == "$1.20"]
    assert keeps_ratio(focus, ctx)  # "per diluted share"
    # A bare count that names no unit is no value per share ("about three-quarters of sales").
    share = "Lending brings in about three-quarters of the bank's income."
    (count,) = figure_contexts(share, ACME)
    assert keeps_ratio(question_focus("How much did Acme earn per share?", ACME), count) is False


def test_the_earlier_amount_restated_per_share_is_the_value_compared_with() -> None:
    assert compared_from(RESULT, _figure(RESULT, "$1.05"))
    assert not compared_from(RESULT, _figure(RESULT, "$1.20"))
    assert _fit("What was Acme's net income per share?", RESULT) == {"$1.20"}


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("RMB 3.74 billion", "RMB 3,743 million", True),  # rounded to the coarser figure
        ("$53 billion", "US$52.9bn", True),
        ("$412.5 million", "$411.9m", False),  # within 0.5%, but two figures as written
        ("£975-1,075mn", "£975mn", True),  # one end of a range
        ("five", "5", True),
        ("(3.7)%", "3.7%", True),  # the magnitude a sentence says fell
    ],
)
def test_figures_are_the_same_only_to_the_precision_they_are_written(
    a: str, b: str, same: bool
) -> None:
    first, second = parse_figure(a), parse_figure(b)
    assert first.matches(second)
    assert first.same_as_written(second) is same
    assert second.same_as_written(first) is same


def test_a_broker_column_of_new_estimates_is_a_forecast_not_the_result() -> None:
    from assistant.direct import answer_figure

    row = (
        "Widget sales ($m) \u2014 2025A: 802.5; 2026E Old: 841; 2026E New: 850; "
        "2027E Old: 880; 2027E New: 895"
    )
    kinds = frozenset({"money", "number"})
    actual = answer_figure(row, "What were Acme's widget sales?", kinds, None)
    expected = answer_figure(
        row, "What widget sales does the broker now expect for 2027?", kinds, None
    )
    assert actual is not None and actual.text == "802.5"
    assert expected is not None and expected.text == "895"
