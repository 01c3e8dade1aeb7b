"""A name's words are not the question's ("Rising Pumps" asks no rise), a change column's
cell answers a level last, and "that plant" refers back to the plant the sentence before
names. Made-up text; no model is loaded."""

from __future__ import annotations

from assistant.cues import asks_movement
from assistant.figures import find_figures
from assistant.row_moves import unasked_moves
from assistant.text import without_name_runs
from tests.unit.test_chain_fakes import final, run

SEGMENTS = (
    "Segment information (six months)\n"
    "Rising Pumps (Millions of yen) \u2014 Segment profit, H1 FY3/26: 7,642; "
    "Segment profit, H1 FY3/27: 8,431; Segment profit % change: 10.3"
)

CALL = (
    "We now plan capital expenditure of $245 million for the year. The rise is mostly "
    "because we are pulling forward orders for the new plant in Leeds, Yorkshire, which will "
    "make pumps. Total investment in that plant is about $290 million over three years."
)


def test_a_name_s_words_ask_no_movement() -> None:
    assert without_name_runs("What did Rising Pumps earn?") == "What did   earn?"
    assert not asks_movement("What segment profit did Rising Pumps make in the first half?")
    assert asks_movement("How much did Rising Pumps' segment profit fall?")
    assert asks_movement("Reduction in costs: how big was it?")  # a first word is no name


def test_a_segment_s_profit_asked_is_its_amount_not_its_change_cell() -> None:
    asked = "What segment profit did Rising Pumps make?"
    answer = final(run(asked, docs={"summary": SEGMENTS})[0])
    assert "8,431" in answer.direct or "8.431" in answer.direct
    assert "10.3" not in answer.direct


def test_that_plant_refers_back_to_the_plant_named_before() -> None:
    answer = final(
        run("What's the total investment in the new Leeds plant?", docs={"call": CALL})[0]
    )
    assert answer.direct.startswith("About $290 million") or answer.direct.startswith("$290")


def test_a_change_cell_ranks_last_only_where_no_move_or_judgement_is_asked() -> None:
    row = SEGMENTS.splitlines()[1]
    figures = find_figures(row)
    assert unasked_moves("What segment profit did Acme make?", False, row, figures) == {"10.3"}
    assert unasked_moves("How bad was segment profit?", False, row, figures) == set()
    assert unasked_moves("How much did segment profit grow?", True, row, figures) == set()
