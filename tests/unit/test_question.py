"""Question parts, kinds and follow-ups: read by grammar and shape, not by word lists."""

from __future__ import annotations

import pytest

from assistant.entities import Subject
from assistant.matching import question_focus
from assistant.question import is_followup, question_kinds, question_parts, resolve_followup

ACME = Subject("Acme", ("Acme Group",))
PRICES = "How much did Acme cut API prices?"
GROCERY = "How much did Grocery sales grow in the first quarter?"


GROCERY_Q = "What were grocery sales in Q1 2026/27?"


@pytest.mark.parametrize(
    ("question", "history", "expected"),
    [
        ("And what did they cut it to?", [PRICES], "what did Acme cut api prices to?"),
        ("Why?", [PRICES], "Why did Acme cut API prices?"),
        ("Why did that happen?", [PRICES], "Why did Acme cut API prices?"),
        ("and in 2024?", [PRICES], "How much did Acme cut API prices in 2024?"),
        ("what about Globex?", [PRICES], "How much did Globex cut API prices?"),
        ("What about Zentro?", [GROCERY], "How much did Zentro sales grow in the first quarter?"),
        (
            "and in the second quarter?",
            [GROCERY],
            "How much did Grocery sales grow in the second quarter?",
        ),
        (
            "what about net income?",
            ["How much did Acme's free cash flow fall?"],
            "How much did Acme's net income fall?",
        ),
        # The old measure opens with a verb: the new measure cannot take its place.
        (
            "and the final dividend per share?",
            ["What did Acme announce about dividends with its FY26 results?"],
            "What was Acme's final dividend per share in FY26?",
        ),
        # "its" is the segment named after the possessive; the period carries over.
        (
            "What was its revenue?",
            ["Tell me about Acme's Airport Services business in FY26."],
            "What was Airport Services's revenue in FY26?",
        ),
        # "they" is the owner; "them" after it, the things the last question counted.
        (
            "what did they pay on average for them?",
            ["How many shares did Acme repurchase during FY26?"],
            "what did Acme pay on average for shares in FY26?",
        ),
        (
            "how many of them did they close?",
            ["How many stores did Acme buy in 2025?"],
            "how many of stores did Acme close in 2025?",
        ),
        # Who expects a figure reports it; the owner is the name expected of.
        (
            "and as a margin, what did they get to in fiscal 2026?",
            ["How much FCF does Osprey expect Acme to generate in fiscal 2027?"],
            "what did Acme get to in fiscal 2026: fcf margin?",
        ),
        # "a year earlier": the last question with each year one back.
        (
            "what about a year earlier?",
            ["What were Acme's net sales for the six months to September 30, 2026?"],
            "What were Acme's net sales for the six months to September 30, 2025?",
        ),
        ("and the same quarter last year?", [GROCERY_Q], "What were grocery sales in Q1 2025/26?"),
        ("what about last year?", ["What was revenue in FY26?"], "What was revenue in FY25?"),
        # Words joined by "&" are one segment's name, replaced whole.
        ("and Zentro?", ["how did GM & clothing do in Q1?"], "how did Zentro do in Q1?"),
        # A demonstrative before a name points at what it names, a thing the last answer
        # gave: the last question's period would only narrow it (an undated sentence).
        (
            "and how big was that North Sea CCS win?",
            ["How did Flow Control orders do in the fourth quarter?"],
            "how big was that North Sea CCS win?",
        ),
        # A question that stands alone is left as it is.
        ("How many employees does Globex have?", [PRICES], "How many employees does Globex have?"),
        ("and in yuan?", [], "and in yuan?"),
    ],
)
def test_resolve_followup(question: str, history: list[str], expected: str) -> None:
    assert resolve_followup(question, history) == expected


def test_resolve_followup_uses_the_latest_turn() -> None:
    history = ["What was Acme's revenue in 2024?", "How much did Acme's margin fall?"]
    assert resolve_followup("Why?", history) == "Why did Acme's margin fall?"


@pytest.mark.parametrize(
    ("question", "followup"),
    [
        ("Why?", True),
        ("and in 2023?", True),
        ("What did they say about it?", True),
        ("Net income?", True),
        ("What is Globex's revenue?", False),
        ("How many employees does Globex have?", False),
    ],
)
def test_is_followup(question: str, followup: bool) -> None:
    assert is_followup(question) is followup


def test_two_questions_in_one_are_two_parts_sharing_owner_and_period() -> None:
    parts = question_parts("What did Acme's sales total in 2025 and how much did they grow?", ACME)
    assert len(parts) == 2
    assert parts[1].focus.periods == {"2025"}
    assert parts[1].focus.measures == parts[0].focus.measures == {"sal"}
    assert {"percent"} <= parts[1].kinds


def test_comparison_asks_the_same_measure_of_each_owner() -> None:
    parts = question_parts("How did Globex's GMV growth stack up against Acme's?", ACME)
    assert [p.focus.subjects for p in parts] == [frozenset({"globex"}), frozenset()]
    assert all(p.focus.phrase == "gmv" for p in parts)


def test_one_question_is_one_part() -> None:
    [part] = question_parts("What was Acme's revenue in Q1?", ACME)
    assert part.focus.periods == {"Q1"}


@pytest.mark.parametrize(
    ("question", "asks_figure"),
    [
        ("What was Acme's free cash flow?", True),
        ("How did Zentro sales change in the first quarter?", True),
        ("What happened to free cash flow?", True),
        ("Which phone brands is Acme partnering with?", False),
        ("Why did margins fall?", False),
    ],
)
def test_question_kinds(question: str, asks_figure: bool) -> None:
    kinds = question_kinds(question, question_focus(question, ACME))
    assert bool(kinds) is asks_figure


def test_comparison_of_two_segments_borrows_the_head_noun() -> None:
    parts = question_parts("How did grocery sales growth compare with general merchandise?", ACME)
    assert [p.focus.phrase for p in parts] == ["grocery sales", "general merchandise sales"]
    [one] = question_parts("Is revenue higher than it was?", ACME)[:1]
    assert one.focus.phrase == "revenue"


def test_compare_as_an_imperative_asks_the_value_of_each_side() -> None:
    question = "Compare the heat-pump division's margin with the controls division's margin."
    parts = question_parts(question, ACME)
    assert [p.focus.phrase for p in parts] == ["heat pump margin", "controls margin"]
    assert all(p.kinds for p in parts)


def test_follow_up_name_replaces_the_segment_of_the_last_question() -> None:
    previous = ["How much did grocery sales grow in the first quarter?"]
    assert resolve_followup("And Zentro?", previous) == (
        "How much did Zentro sales grow in the first quarter?"
    )
    assert resolve_followup("What about Globex?", ["What was revenue in 2024?"]) == (
        "What was Globex's revenue in 2024?"
    )


def test_a_follow_up_naming_another_owner_and_measure_takes_both() -> None:
    previous = ["How much did Zentro sales fall in the first quarter?"]
    # "own" and "over the same stretch" add nothing: the period stays the first question's.
    asked = "what about Globex's own grocery sales over the same stretch?"
    assert resolve_followup(asked, previous) == (
        "How much did Globex's grocery sales fall in the first quarter?"
    )
    growth = ["How fast did Initech's GMV grow?"]
    assert resolve_followup("and Globex's GMV, too?", growth) == "How fast did Globex's GMV grow?"
    # Another period named is still the follow-up's own.
    assert "2024" in resolve_followup("what about Globex's sales in 2024?", previous)


def test_a_currency_follow_up_is_read_after_the_last_question() -> None:
    previous = "How much has Acme committed to AI?"
    assert resolve_followup("and in yuan?", [previous]) == f"{previous} and in yuan?"


def test_they_after_a_question_naming_no_one_is_the_subject() -> None:
    previous = ["how did acme's first quarter go?"]
    assert resolve_followup("did they buy back any shares?", previous) == (
        "did they buy back any shares?"
    )
    # ... but "that" still stands for what was asked before.
    assert resolve_followup("how much of that came from the sale?", previous) != (
        "how much of that came from the sale?"
    )


def test_whoever_forecasts_or_rates_is_a_source_not_an_owner() -> None:
    from assistant.matching import without_sources

    assert "Initech" not in without_sources("What is Initech's new FY27 EBITDA forecast for Acme?")
    assert "Initech" not in without_sources("What is Initech's price target?")
    assert "Globex" in without_sources("What was Globex's market share?")


def test_an_elliptical_second_noun_phrase_is_its_own_part() -> None:
    from assistant.question import question_parts

    parts = question_parts("What was its revenue, and its operating margin?")
    assert [p.text for p in parts] == ["What was its revenue", "What was its operating margin"]
    # No split inside one noun phrase, nor of a second question with its own wording.
    assert len(question_parts("What was revenue and margin?")) == 1
    texts = [p.text for p in question_parts("What is Acme's revenue, and how much did it grow?")]
    assert texts == ["What is Acme's revenue", "how much did it grow"]


def test_which_is_more_of_two_names_is_a_comparison() -> None:
    from assistant.entities import Subject
    from assistant.question import question_parts

    acme = Subject("Acme")
    known = frozenset({"ferries", "coastal air"})
    question = "Which was more profitable by operating margin, Ferries or Coastal Air?"
    parts = question_parts(question, acme, known)
    assert [p.text.split(":")[0] for p in parts] == ["Ferries", "Coastal Air"]
    # No "more" and no "or": one question.
    assert len(question_parts("Which segment grew fastest?", acme, known)) == 1


def test_the_new_one_asks_the_measure_before_it() -> None:
    from assistant.question import question_parts

    parts = question_parts("What was the broker's old target and what's the new one?")
    assert len(parts) == 2 and parts[1].focus.phrase == parts[0].focus.phrase
    assert "target" in parts[1].focus.phrase and "one" not in parts[1].focus.phrase


def test_a_request_for_a_measure_asks_its_value_not_the_other_parts_kind() -> None:
    from assistant.question import asks_value, question_parts

    assert asks_value("Give me H1 sales") and asks_value("can you show me the dividend per share?")
    assert not asks_value("Tell me about Acme's strategy")
    assert not asks_value("tell me why margins fell")
    sales, growth = question_parts("Give me H1 sales and the organic growth rate.")
    assert "money" in sales.kinds  # not only the percentage the second part asks
    assert growth.kinds == frozenset({"percent"})


def test_where_a_measure_was_running_asks_its_value_and_two_measures_split() -> None:
    from assistant.question import asks_value
    from assistant.question_pieces import each_measure

    assert asks_value("Where was like-for-like ex fuel running in the last quarter?")
    assert each_measure("Where did net debt and leverage end the half?") == [
        "Where did net debt end the half?",
        "Where did leverage end the half?",
    ]
    assert each_measure("What was research and development spending?") == [
        "What was research and development spending?"
    ]


def test_a_part_asking_a_year_earlier_takes_the_year_before_the_first_parts() -> None:
    parts = question_parts(
        "What was Acme's margin in FY26, and what was the figure a year earlier?"
    )
    assert [sorted(p.focus.periods) for p in parts] == [["2026", "FY2026"], ["2025", "FY2025"]]
    assert parts[1].focus.measures == parts[0].focus.measures
    before = question_parts("What were sales in Q1 2026 and what were they the year before?")
    assert (
        sorted(before[1].focus.periods) == ["2025", "Q1"]
        and "befor" not in before[1].focus.measures
    )
    # A move on the prior year is dated to the year moved to.
    moved = question_parts("What was revenue in FY26, and was it up on the prior year?")
    assert moved[1].focus.periods == moved[0].focus.periods
    # "profit before tax" keeps its "before".
    assert "befor" in question_parts("What was profit before tax in FY26?")[0].focus.measures


def test_that_set_against_a_name_is_the_last_question_set_against_it() -> None:
    previous = ["what did the broker say about Acme's gmv growth?"]
    resolved = resolve_followup("how does that compare with Globex?", previous)
    assert resolved == f"{previous[0]} how does that compare with Globex?"
    assert is_followup("how does that stack up against Globex?")
    assert not is_followup("How does Globex's margin compare with Acme's?")


def test_a_claim_then_a_question_of_what_it_means_asks_about_the_claim() -> None:
    asked = "Acme lifted its interim dividend to €0.35 - does that signal confidence in H2?"
    [part] = question_parts(asked, ACME)
    assert "signal" not in part.focus.measures and "dividend" in part.focus.measures
    assert part.focus.periods == frozenset()  # H2 was the opinion's, not the dividend's
    # A question after a dash that asks a figure of its own is left whole.
    why = question_parts("Zentro sales dropped 2.9% - what drove such a big fall?", ACME)
    assert "drove" in why[0].text


def test_it_carries_the_expectation_and_its_period_where_the_follow_up_names_a_time() -> None:
    history = ["what's the FY27 adjusted EBITDA guide?"]
    resolved = resolve_followup("did they change it at Q1?", history)
    assert resolved == "did they change FY27 adjusted ebitda guide at Q1?"
    # Then "and net debt?" asks the same of another measure.
    assert (
        resolve_followup("and net debt?", [*history, resolved])
        == "did they change FY27 net debt guide at Q1?"
    )
    # The guide is FY27's, said at Q1: the quarter is when, not what it is of.
    assert question_parts(resolved)[0].focus.periods == {"FY2027", "2027"}
    assert question_parts("what were sales at Q1?")[0].focus.periods == {"Q1"}
