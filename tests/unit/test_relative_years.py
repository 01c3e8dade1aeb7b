"""A year named relative to now ("next year", "this year") picks its figure of a sentence."""

from __future__ import annotations

from assistant.direct import answer_figure
from assistant.entities import not_a_name
from assistant.measures import figure_contexts
from assistant.periods import periods, periods_fit
from assistant.relative_years import year_ahead_ranks

HEDGED = (
    "The company said it has hedged 78% of its fourth-quarter fuel needs and 58% of its "
    "expected requirement for 2027, which should limit the damage."
)
RATES = frozenset({"percent"})


def test_next_year_is_the_latest_year_the_sentence_names() -> None:
    picked = answer_figure(HEDGED, "How much of next year's fuel is hedged?", RATES, None)
    assert picked is not None and picked.text == "58%"
    # The quarter asked, or no relative year, keeps the figure whose words match best.
    picked = answer_figure(HEDGED, "How much of its Q4 fuel is hedged?", RATES, None)
    assert picked is not None and picked.text == "78%"


def test_a_figure_whose_own_clause_says_next_year_ranks_first() -> None:
    sentence = "Revenue was $5.1 billion in 2026, and the company expects $5.6 billion next year."
    contexts = figure_contexts(sentence)
    assert year_ahead_ranks("What revenue is expected next year?", frozenset(), contexts) == [0, 2]
    money = frozenset({"money"})
    picked = answer_figure(sentence, "What revenue is expected next year?", money, None)
    assert picked is not None and picked.text == "$5.6 billion"


def test_a_year_named_in_the_question_leaves_the_ranks_alone() -> None:
    contexts = figure_contexts(HEDGED)
    asked = frozenset({"2027"})
    assert year_ahead_ranks("next year's, i.e. 2027, hedge?", asked, contexts) == [0, 0]


def test_year_to_date_is_the_months_of_the_year_so_far() -> None:
    assert periods("What was year-to-date net income?") == {"M*"}
    assert periods("net income YTD?") == {"M*"}
    asked = frozenset({"M*"})
    assert periods_fit(asked, frozenset({"M9", "2026"}), frozenset())  # "9M 2026: 386.4"
    assert not periods_fit(asked, frozenset({"Q3"}), frozenset())  # the quarter alone
    assert periods_fit(frozenset({"M9"}), frozenset({"M*"}), frozenset())
    assert not_a_name("YTD") and not_a_name("LTM")


def test_months_of_a_year_together_are_read_by_their_count() -> None:
    assert periods("in the first eight months of 2026") == {"M8", "2026"}
    assert periods("three months to June") == {"Q*", "Qm06"}  # a quarter, not months to date
    assert periods("ytd ebit (9m 2026)?") == {"M*", "M9", "2026"}
    assert periods("Revenue rose to $10m in Q3 2025.") == {"Q3", "2025"}  # an amount
    assert periods_fit(frozenset({"M*"}), frozenset({"M8", "2026"}), frozenset())
