"""Questions that ask when: answered by the sentence that dates it, its date the direct line.
Made-up text."""

from __future__ import annotations

from assistant.composing import compose_direct
from assistant.cues import asked_kinds
from assistant.dates import asks_when, date_phrase

FERRY = "The new ferry is being built and is scheduled to enter service in May 2031."
BUYBACK = (
    "The buyback of up to €120 million was announced on 9 March 2031 and runs until "
    "27 February 2032."
)


def test_questions_asking_when_ask_for_a_date_only() -> None:
    assert asks_when("When is the ferry due to enter service?")
    assert asks_when("what's the date on the broker's note about revenue growth?")
    assert not asks_when("How many jobs go when the depots close?")
    assert asked_kinds("what's the date on the broker's note about revenue growth?") == {"year"}


def test_the_date_after_the_questions_words_answers() -> None:
    assert date_phrase(FERRY, "When is it due to enter service?") == "May 2031"
    assert date_phrase(BUYBACK, "When was the buyback announced?") == "9 March 2031"
    assert date_phrase("Published on 2025-08-21.", "When was it published?") == "2025-08-21"
    assert date_phrase("Sales rose 5%.", "When?") == ""


def test_the_direct_line_of_a_when_question_is_the_date() -> None:
    picked = [(1, FERRY, 0, "part")]
    line = compose_direct(picked, ["When is the ferry due to enter service?"], frozenset(), None)
    assert line == "May 2031 [1]."


def test_the_when_part_of_a_two_part_question_is_answered_by_its_date() -> None:
    cost = "The new ferry is costing £96 million and is due to enter service in May 2031."
    picked = [(1, cost, 0, "part"), (2, FERRY, 1, "part")]
    parts = ["What is the new ferry costing", "when is it due to enter service"]
    line = compose_direct(picked, parts, frozenset({"money", "year"}), None)
    assert line == "£96 million [1]; May 2031 [2]."
