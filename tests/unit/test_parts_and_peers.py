"""Shares of a whole, a peer's own move, a peer table's row asked in its header's words,
and the words around a measure that say when or to whom rather than what (made-up text, no
model)."""

from __future__ import annotations

import pytest

from assistant.cues import asked_kinds
from assistant.entities import Subject
from assistant.matching import question_focus
from assistant.measure_words import measure_words
from assistant.row_moves import bracketed_after
from tests.unit.test_chain_fakes import final, run

ACME = Subject("Acme Precision", ("Acme",))
RATIO = "The overseas sales ratio was 61.2% (prior-year period: 59.8%)."


def test_a_ratio_of_sales_is_not_an_amount_of_sales() -> None:
    assert "money" not in asked_kinds("What was the overseas sales ratio?")
    assert "money" in asked_kinds("What were the overseas sales?")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("underlying LFL ex fuel back in Q2, what was it running at?", ["underlying", "lfl"]),
        ("sales back then", ["sales"]),
        ("bought back in Q2 shares", ["buyback", "shares"]),  # the particle of a buy-back
        ("sales to customers in China", ["sales"]),
        ("revenue from overseas customers", ["revenue", "overseas"]),
        ("What proportion of sales", ["sales"]),
        ("how much did the stock rally", ["stock"]),
    ],
)
def test_words_that_say_when_or_to_whom_name_no_measure(text: str, expected: list[str]) -> None:
    assert measure_words(text) == expected


def test_an_earlier_period_named_by_when_is_the_bracketed_earlier_value() -> None:
    assert {f.text: e.text for f, e in bracketed_after(RATIO).items()} == {"61.2%": "59.8%"}
    later = "Leverage was 1.5x (previous year: 1.2x)."
    assert {f.text: e.text for f, e in bracketed_after(later).items()} == {"1.5x": "1.2x"}
    # A note in brackets is no earlier period.
    assert bracketed_after("Sales rose 5% (note: 3% organically).") == {}


def test_places_outside_which_a_figure_lies_and_times_named_by_deeds_own_nothing() -> None:
    outside = question_focus("What proportion of sales came from customers outside Japan?", ACME)
    assert outside.qualifiers == frozenset()
    peer = question_focus("How did Globex Drives' stock do on the day Acme rallied?", ACME)
    # The question is about Globex: the time named by what Acme did takes nothing from that.
    assert peer.subjects == frozenset({"globex drives"})
    assert set(peer.measures) == {"stock"}


@pytest.mark.parametrize(
    "question",
    [
        "What was the overseas sales ratio?",
        "What share of sales came from overseas customers in the half?",
        "What proportion of Acme's sales came from customers outside Japan?",
    ],
)
def test_a_share_of_sales_abroad_is_answered_by_the_ratio_not_last_year_s(question: str) -> None:
    answer = final(run(question, docs={"article": RATIO})[0])
    assert answer.direct.startswith("61.2% [1]")


def test_a_share_of_one_country_is_no_share_abroad() -> None:
    docs = {"article": "Sales to customers in China made up 19.6% of net sales."}
    answer = final(run("What share of sales came from overseas customers?", docs=docs)[0])
    assert answer.abstained


MARKET = (
    "Acme's shares jumped 8.7% to 4,448 yen in Tokyo on Friday. "
    "Domestic peer Globex Drives slipped 1.3% as investors switched into the stronger name."
)


def test_a_listed_peer_that_moved_on_a_trading_day_moved_in_price() -> None:
    answer = final(run("How did Globex Drives' shares do?", docs={"article": MARKET})[0])
    assert "1.3%" in answer.direct
    later = final(
        run("How did Globex Drives' stock do on the day Acme rallied?", docs={"article": MARKET})[0]
    )
    assert "1.3%" in later.direct


def test_a_company_that_grew_with_no_word_of_trading_did_not_move_in_price() -> None:
    docs = {"article": "Domestic peer Globex Drives slipped 1.3% in the year to March."}
    answer = final(run("How did Globex Drives' shares do?", docs=docs)[0])
    assert answer.abstained


# A broker's peer table as ingest renders it: a row a line, each cell under its header.
PEERS = (
    "PEER TABLE (H1 2026, local currency)\n\n"
    "Acme Precision \u2014 Ticker: ACME; Rating: Hold; Revenue H1: EUR 19.8bn; "
    "EBIT margin H1: 4.9%\n\n"
    "Globex Motors \u2014 Ticker: GLBX; Rating: Buy; Revenue H1: CNY 172.9bn; "
    "EBIT margin H1: 7.1%\n"
)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What EBIT margin did Globex Motors run in H1?", "7.1%"),
        ("What was Globex Motors' H1 revenue?", "CNY 172.9bn"),
    ],
)
def test_a_peer_row_answers_in_its_header_s_words(question: str, expected: str) -> None:
    answer = final(run(question, docs={"article": PEERS})[0])
    assert answer.direct.startswith(f"{expected} [1]")


def test_a_peer_row_answers_for_no_other_name_nor_a_part_of_its_own() -> None:
    answer = final(run("What was Initech's H1 revenue?", docs={"article": PEERS})[0])
    assert answer.abstained
    # A short name is not read as the row's: undated, the row would answer "a year ago" too.
    short = final(run("What was Globex's H1 revenue?", docs={"article": PEERS})[0])
    assert short.abstained


@pytest.mark.parametrize(
    "question",
    [
        "Globex's key facts - what's the ten-year average dividend yield?",
        "from the fact sheet: what's the ten-year average dividend yield?",
        "What discount rate does Globex use for its Acme price target?",
        "What ten-year average dividend yield is used in the valuation?",
    ],
)
def test_the_box_a_figure_is_in_and_what_it_serves_are_no_measure(question: str) -> None:
    measures = set(question_focus(question, ACME).measures)
    assert measures & {"fact", "key", "sheet", "pric", "target", "valuation"} == set()


def test_a_discount_rate_used_for_a_price_target_is_the_rate() -> None:
    docs = {"note": "Our DCF uses a discount rate of 8.4% and a terminal growth rate of 2.5%."}
    question = "What discount rate is used for the Acme price target?"
    assert final(run(question, docs=docs)[0]).direct.startswith("8.4% [1]")


def test_a_model_a_figure_is_in_is_no_measure_even_before_a_period() -> None:
    focus = question_focus("what margin does that imply in Globex Securities' model in 2027?", ACME)
    assert set(focus.measures) == {"margin"} and focus.periods == frozenset({"2027"})


PEER_ROW = "Globex Financial \u2014 Ticker: GLBX; NIM: 2.94%; Efficiency ratio: 60.7%"


def test_a_figure_of_no_period_is_no_year_before_s() -> None:
    # A peer row states the latest figures: a year before's is not among them.
    asked = "What was Globex Financial's efficiency ratio a year ago?"
    assert final(run(asked, docs={"note": PEER_ROW})[0]).abstained
    latest = final(run("What was Globex Financial's efficiency ratio?", docs={"note": PEER_ROW})[0])
    assert latest.direct.startswith("60.7% [1]")
    # A move from a year ago asks the latest, and a year-ago figure the sentence marks answers.
    assert not question_focus("How did Acme's NIM compare with a year ago?", ACME).year_back
    marked = {"note": "Acme's NIM was 3.4%, against 3.2% a year earlier."}
    answer = final(run("What was Acme's NIM a year ago?", docs=marked)[0])
    assert "3.2%" in answer.direct
