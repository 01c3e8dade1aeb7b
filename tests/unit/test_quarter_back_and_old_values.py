"""The quarter before, the year before and the value before a cut, asked in other words;
initials of a segment's name; a measure named only as what another comes before. Made-up
text; no model is loaded."""

from __future__ import annotations

import pytest

from assistant.asking_verbs import without_do_support
from assistant.base_values import figure_ranks
from assistant.comparison_base import asks_quarter_back, quarter_before
from assistant.direct import answer_figure
from assistant.earlier_values import asks_earlier, compared_from, gives_earlier
from assistant.entities import Subject
from assistant.figures import find_figures
from assistant.latest_year import latest_reported
from assistant.matching import answers, question_focus
from assistant.measure_words import names_only_before
from assistant.measures import figure_contexts
from assistant.periods import periods, periods_fit
from assistant.premise import check_direction
from assistant.question_asides import as_driver_part, without_asides
from assistant.synonyms import other_basis, plain_terms, same_measure
from assistant.text import stem
from assistant.typed_names import initials_table, with_initialled_names
from assistant.value_questions import asks_old_value

ACME = Subject("Acme Bank", ("Acme",))
MONEY = frozenset({"money", "number"})
PERCENT = frozenset({"percent", "points"})
RATIO_ROW = "Cost ratio \u2014 3Q31: 61.2%; 2Q31: 62.5%; 3Q30: 63.9%; Change q/q (bps): (130)"


@pytest.mark.parametrize(
    "question",
    [
        "What was the cost ratio in the preceding quarter?",
        "cost ratio for the previous quarter",
        "What was the cost ratio in the linked quarter?",
    ],
)
def test_the_quarter_before_is_the_period_asked(question: str) -> None:
    assert asks_quarter_back(question) and asks_earlier(question)
    assert periods(question) == {"Q?"}
    answering = frozenset({"61.2%", "62.5%", "63.9%"})
    got = answer_figure(RATIO_ROW, question, PERCENT, None, ACME, answering)
    assert got is not None and got.text == "62.5%"


def test_a_move_from_the_quarter_before_asks_no_quarter_back() -> None:
    assert not asks_quarter_back("How much did the cost ratio fall from the previous quarter?")
    assert not asks_quarter_back("cost ratio last quarter")  # the latest quarter
    got = answer_figure(
        RATIO_ROW, "cost ratio last quarter", PERCENT, None, ACME, frozenset({"61.2%", "62.5%"})
    )
    assert got is not None and got.text == "61.2%"


def test_the_quarter_before_the_first_is_the_last_of_the_year_before() -> None:
    assert quarter_before([frozenset({"Q1", "2031"}), frozenset({"Q4", "2030"})]) == (2030, 4)
    assert quarter_before([frozenset({"Q3", "2031"})]) == (2031, 2)
    assert quarter_before([frozenset({"2031"})]) is None


def test_a_year_back_is_no_quarter_of_the_latest_year() -> None:
    sentence = (
        "Fee income was $512.5 million, up 8.0% from $481.8 million and up 2.2% from "
        "$501.4 million in the second quarter of 2031."
    )
    answering = frozenset({"$481.8 million", "$501.4 million"})
    question = "fee income in the same quarter a year earlier?"
    got = answer_figure(sentence, question, MONEY, None, ACME, answering)
    assert got is not None and got.text == "$481.8 million"
    # ... and the sentence that gives the value a move is from is the one that says so
    assert gives_earlier(sentence, frozenset({"$481.8 million"}))


def test_a_year_ahead_is_no_year_back() -> None:
    focus = question_focus("net revenue in the same quarter a year earlier?", ACME)
    ahead = figure_contexts("We now model 2032 net revenue of $2,104 million.", ACME)[0]
    back = figure_contexts("Net revenue was $502 million in the fourth quarter of 2030.", ACME)[0]
    context = frozenset({"2031", "Q4"})
    assert not answers(focus, ahead, context, None, 0.0, 2031)
    assert answers(focus, back, context, None, 0.0, 2031)


def test_some_quarter_is_not_a_years_figure() -> None:
    assert not periods_fit(frozenset({"Q?"}), frozenset({"2030"}), frozenset())
    assert periods_fit(frozenset({"Q?"}), frozenset({"2030", "Q?"}), frozenset())  # same quarter
    assert periods_fit(frozenset({"Q?"}), frozenset({"2031", "Q3"}), frozenset())


@pytest.mark.parametrize(
    ("question", "old"),
    [
        ("What was the broker's EBITDA forecast before it lowered it?", True),
        ("What was the target before Globex cut it?", True),
        ("What growth had the company pencilled in before the cut?", True),
        ("What was profit before tax?", False),
        ("What was revenue before the merger completed?", False),
    ],
)
def test_before_someone_cut_it_asks_the_old_value(question: str, old: bool) -> None:
    assert asks_old_value(question) is old


SAID_BEFORE = (
    "Acme now sees organic revenue ranging from a 5% decline to flat, having previously "
    "pencilled in growth of 2% to 4%."
)


def test_a_value_said_before_is_the_old_one_and_a_range_is_not() -> None:
    decline, before = find_figures(SAID_BEFORE)
    assert not compared_from(SAID_BEFORE, decline)  # "ranging from a 5% decline": one range
    assert compared_from(SAID_BEFORE, before)


def test_the_old_value_answers_with_the_rank_of_the_value_set_against_it() -> None:
    tried = figure_contexts(SAID_BEFORE, ACME)
    ranks = figure_ranks({"5%": 1.2}, tried, SAID_BEFORE, frozenset(), True, old=True)
    assert ranks == {"5%": 1.2, "2% to 4%": 1.2}
    assert figure_ranks({"5%": 1.2}, tried, SAID_BEFORE, frozenset(), True) == {"5%": 1.2}
    question = "What organic growth had Acme pencilled in before the cut?"
    got = answer_figure(SAID_BEFORE, question, PERCENT, None, ACME, frozenset(ranks))
    assert got is not None and got.text == "2% to 4%"


def test_the_cut_of_a_forecast_asserts_no_fall_of_the_measure() -> None:
    question = "What organic growth had Acme pencilled in before the cut?"
    assert check_direction(question, [SAID_BEFORE], PERCENT, None, ACME) is None


def test_a_later_cell_of_a_row_ranks_as_high_as_an_earlier_one() -> None:
    row = "Services \u2014 Revenue H1 2031 (€m): 196.7; Revenue H1 2030 (€m): 183.2"
    tried = figure_contexts(row, ACME)
    ranks = figure_ranks({"196.7": 0.60, "183.2": 0.95}, tried, row, frozenset({"H1"}), False)
    assert ranks == {"196.7": 0.95, "183.2": 0.95}
    got = answer_figure(row, "services revenue h1", MONEY, None, ACME, frozenset(ranks))
    assert got is not None and got.text == "196.7"
    # a year asked keeps the similarity's order
    asked = frozenset({"H1", "2030"})
    kept = figure_ranks({"196.7": 0.60, "183.2": 0.95}, tried, row, asked, False)
    assert kept == {"196.7": 0.60, "183.2": 0.95}


def test_a_names_initials_joined_by_an_ampersand_stand_for_the_name() -> None:
    texts = [
        "**Sensors & Imaging** revenue rose 4%. Field Services revenue rose 2%.",
        "Sensors & Imaging orders rose 9%. Heat & Power was flat. Field Services grew.",
        "Heat & Power margin fell. Sensors and imaging demand grew.",
    ]
    table = initials_table(texts)
    assert table == {"s&i": "Sensors & Imaging", "h&p": "Heat & Power"}
    named = with_initialled_names("s&i adj margin q4", table)
    assert named == "Sensors & Imaging adj margin q4"
    assert with_initialled_names("H&P sales", table) == "Heat & Power sales"
    assert with_initialled_names("d&a guide", table) == "d&a guide"  # no name of those letters
    # letters run together may be a word or another name's: left as typed
    assert with_initialled_names("fs margin vs h1", table) == "fs margin vs h1"


def test_initials_two_names_share_name_neither() -> None:
    texts = [
        "Signal & Ideas grew. Sensors & Imaging grew.",
        "Signal & Ideas fell. Sensors & Imaging fell.",
    ]
    assert "s&i" not in initials_table(texts)


def test_how_much_of_a_move_came_from_a_driver_is_the_drivers_part() -> None:
    asked = as_driver_part("How much of the quarter's organic growth came from pricing?")
    assert asked == "how much did pricing add to quarter's organic growth?"
    # a part of a level is a segment's figure, no driver's
    level = "How much of revenue came from China?"
    assert as_driver_part(level) == level


def test_a_measure_named_only_as_what_another_comes_before() -> None:
    focus = question_focus("q3 provision", ACME)
    assert names_only_before(focus, "Pre-provision net revenue ($m)")
    assert not names_only_before(focus, "Provision for credit losses ($m)")
    asked = question_focus("pre-provision net revenue q3", ACME)
    assert not names_only_before(asked, "Pre-provision net revenue ($m)")


def test_a_value_marked_a_year_earlier_answers_with_the_rank_of_the_latest() -> None:
    said = "Backlog at year end was $3.1bn, up 11% from $2.79bn a year earlier."
    tried = figure_contexts(said, ACME)
    ranks = figure_ranks({"$3.1bn": 1.0}, tried, said, frozenset(), True)
    assert ranks["$2.79bn"] == 1.0
    # ... but an old forecast is no year earlier's value
    cut = "We lower our FY31E EBITA to EUR 241m (from EUR 283m)."
    tried = figure_contexts(cut, ACME)
    assert "EUR 283m" not in figure_ranks({"EUR 241m": 1.0}, tried, cut, frozenset(), True)


def test_the_year_before_cell_of_a_row_gives_an_earlier_value() -> None:
    row = "Capital expenditures ($m) \u2014 Q4 FY31: (41.1); FY31: (143.6); FY30: (131.2)"
    assert gives_earlier(row, frozenset({"(131.2)"}))
    assert not gives_earlier(row, frozenset({"(41.1)"}))


def test_a_broker_style_year_typed_in_lower_case_is_a_year() -> None:
    assert periods("thistlewood 2032e eps") == {"2032"}
    assert periods("eps 2031a") == {"2031"}


def test_a_deed_that_should_yield_later_reports_no_year() -> None:
    texts = [
        "Capital expenditures were $143.6m in fiscal 2031.",
        "The consolidation should yield about $28 million of savings in fiscal 2032.",
    ]
    assert latest_reported("capex in the prior fiscal year?", texts) == 2031


def test_spending_and_basic_earnings_are_read_as_reports_name_them() -> None:
    assert stem("expenditure") in same_measure(stem("spending"))
    assert other_basis(frozenset({stem("adjusted"), "ep"}), frozenset({stem("basic"), "ep"}))
    assert not other_basis(frozenset({stem("gaap"), "ep"}), frozenset({stem("basic"), "ep"}))


def test_what_was_paid_for_a_business_asks_a_price() -> None:
    assert "price" in plain_terms("How much did Acme pay for Globex?")
    assert "price" in plain_terms("What had Acme paid for the plant?")


def test_what_portion_of_a_move_came_from_a_driver_is_the_drivers_part() -> None:
    asked = as_driver_part("What portion of the 4.2% organic growth came from pricing?")
    assert asked == "how much did pricing add to 4.2% organic growth?"


def test_shorthand_for_software_and_consensus() -> None:
    assert "consensus" in plain_terms("q4 eps vs cons")
    assert "software" in plain_terms("fy31 sw rev guide")


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("How much did they save on a big weekly shop?", "savings"),
        ("How much did the bank earn over the first nine months?", "earnings"),
    ],
)
def test_a_verb_whose_noun_is_the_measure_keeps_it(question: str, measure: str) -> None:
    assert measure in without_do_support(question)
    assert "spend" not in without_do_support("How much capex did Acme spend?")
    assert "loss" not in without_do_support("How much did the stock lose on the day?")


def test_the_stock_a_price_target_prices_is_no_measure() -> None:
    asked = "What is Initech's price target for Acme stock?"
    assert without_asides(asked) == "What is Initech's price target for Acme?"
    assert without_asides("How many shares did Acme buy?") == "How many shares did Acme buy?"
