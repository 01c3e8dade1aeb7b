"""A value a reason question claims for one of two periods, corrected with that period's
value (made-up text, no model)."""

from __future__ import annotations

from assistant.cues import asks_reason
from assistant.measure_words import measure_words
from assistant.premise import check_value
from assistant.presupposed import move_question
from tests.unit.test_chain_fakes import final, run

ROW = "Like-for-like sales (exc. fuel) \u2014 Q3: 2.9%; Q4: 2.7%; Q1: 1.7%"
CLAIM = "LFLs ex fuel picked up from 1.3% in Q4 to 1.7% in Q1 - what's behind the acceleration?"


def test_a_claim_then_what_s_behind_it_asks_a_reason_for_the_claimed_move() -> None:
    assert asks_reason("what's behind the acceleration?")
    assert move_question(CLAIM) == "LFLs ex fuel picked up from 1.3% in Q4 to 1.7% in Q1"
    assert measure_words("LFLs picked up from 1.3%") == ["lfl"]  # "picked up" is a move


def test_a_value_claimed_for_one_period_is_corrected_with_that_period_s_value() -> None:
    issue = check_value(CLAIM, ROW, [ROW], frozenset({"percent"}), None, None)
    assert issue is not None and issue.correction == "The sources give 2.7%"


def test_the_answer_opens_with_the_correction() -> None:
    answer = final(run(CLAIM, docs={"article": ROW})[0])
    assert answer.premise is not None
    assert answer.direct.startswith("The sources give 2.7% [1]")
